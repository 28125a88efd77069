import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { OfficeKind } from '../../shared/domain/vocabulary.js';
import { call, inbox, isCoordinationMail, obiliqFamily, stackForFile } from './support.js';

/**
 * The case file through the real API handler, DynamoDB Local and the schedule (issue #17): FVN
 * versions, the plan at the version read (409 when stale), monitoring that silences the month's
 * reminder while a case without a record gets it with the plan's measures, closure with its
 * outcome, and another municipality's coordinator answered 404 on every route of it.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const AS = 'obiliq-coordinator';
const HOUR = 3_600_000;

stackForFile((s) => (stack = s));

const as = (method: string, path: string, body?: unknown, user = AS) => call(stack, method, path, body, undefined, user);
async function newCase(smr: string) {
  const res = await as('POST', '/cases', { ...obiliqFamily(smr), coordinatorId: obiliq.coordinators[0]!.id, arrivalDate: '2026-11-20' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseId as string;
}
/** Moves the clock to a Kosovo winter time ("2026-12-21T09:05"), every scheduled sweep on the way running. */
async function advanceTo(localIso: string): Promise<void> {
  const target = new Date(`${localIso}:00+01:00`).getTime();
  for (let left = target - stack.clock.now().getTime(); left > 0; left -= Math.min(left, 6 * HOUR)) await stack.advance(Math.min(left, 6 * HOUR));
}
const FVN = { assessedAt: '2026-11-23', members: [{ personId: 'p1', missingDocuments: ['id_card'] }], household: {} };
const measure = (fields: Record<string, unknown> = {}) => ({ measureId: 'm1', goal: 'Identity card for the head of household', responsible: { officeKind: 'civil_registry' }, dueDate: '2026-12-15', ...fields });
const CLOSE = { outcome: 'moved_municipality', note: 'moved to Prishtina', finalAssessment: 'Employed; the family moved for his work.' };

describe('the case file', () => {
  let quiet: string;
  let nagged: string;

  beforeAll(async () => {
    quiet = await newCase('SMR-FILE-QUIET');
    nagged = await newCase('SMR-FILE-NAGGED');
  });

  it('keeps each FVN submission as a version with who and when; GET /cases/{id} shows the current one', async () => {
    const first = await as('POST', `/cases/${quiet}/assessment`, FVN);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.assessmentVersion).toBe(1);
    expect((await as('POST', `/cases/${quiet}/assessment`, FVN)).body).toMatchObject({ created: 0, assessmentVersion: 1 });
    const key = (await as('POST', `/cases/${quiet}/assessment/preview`, FVN)).body.proposals[0].key as string;
    const second = await as('POST', `/cases/${quiet}/assessment`, { ...FVN, exclude: [key] });
    expect(second.body.assessmentVersion, JSON.stringify(second.body)).toBe(2);
    const versions = await as('GET', `/cases/${quiet}/assessments`);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.versions[1]).toMatchObject({ by: expect.stringMatching(/^user:/), byRole: 'coordinator', referralIds: first.body.referrals.map((r: { referralId: string }) => r.referralId) });
    const c = await as('GET', `/cases/${quiet}`);
    expect(c.body).toMatchObject({ assessmentVersions: 2, assessment: { version: 2, answers: { members: FVN.members } } });
  });

  it('writes the plan at the version read: a stale version is 409 and changes nothing; bad input is 400 naming the field', async () => {
    const missing = OfficeKind.options.find((k) => !directory.office('obiliq', k));
    if (missing) {
      const bad = await as('PUT', `/cases/${quiet}/plan`, { version: 0, measures: [measure({ responsible: { officeKind: missing } })] });
      expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'measures.0.responsible.officeKind' }] } });
    }
    expect((await as('PUT', `/cases/${quiet}/plan`, { version: 0, measures: [measure({ dueDate: '15.12.2026' })] })).body.errors[0].field).toBe('measures.0.dueDate');
    const created = await as('PUT', `/cases/${quiet}/plan`, { version: 0, measures: [measure()], caseManager: { name: 'Drita Gashi', contact: '+383 44 111 222' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ kind: 'PIR', version: 1 });
    const stale = await as('PUT', `/cases/${quiet}/plan`, { version: 0, measures: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/^version: /);
    expect((await as('PUT', `/cases/${quiet}/plan`, { version: 1, measures: [measure(), measure({ measureId: 'm2', goal: 'Job-seeker registration', responsible: { officeKind: 'employment_office' }, dueDate: '2027-01-20' })], caseManager: { name: 'Drita Gashi' } })).status).toBe(200);
    expect((await as('PUT', `/cases/${nagged}/plan`, { version: 0, measures: [measure()] })).status).toBe(201);
    const c = await as('GET', `/cases/${quiet}`);
    expect(c.body.plan).toMatchObject({ version: 2, caseManager: { name: 'Drita Gashi' }, measures: [{ measureId: 'm1', status: 'planned' }, { measureId: 'm2' }] });
    // Ids and codes only on record.
    const planEntries = c.body.audit.filter((a: { event: string }) => a.event.startsWith('plan.'));
    expect(planEntries.map((a: { event: string }) => a.event)).toEqual(['plan.created', 'plan.updated']);
    expect(JSON.stringify(planEntries)).not.toMatch(/Drita|Identity card/);
  });

  it("stops the month's monitoring reminder once the month has a record; a case without one gets it with the plan's measures", async () => {
    await advanceTo('2026-12-18T10:00');
    const bad = await as('POST', `/cases/${quiet}/monitoring`, { date: '2026-12-18', kind: 'visit', progress: [{ measureId: 'm9', status: 'done' }] });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'progress.0.measureId' }] } });
    const visit = await as('POST', `/cases/${quiet}/monitoring`, { date: '2026-12-18', kind: 'visit', note: 'documents applied for', progress: [{ measureId: 'm1', status: 'in_progress' }] });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    await advanceTo('2026-12-21T09:10');
    await stack.settle();

    const mails = async (smr: string) => (await inbox(stack)).filter((e) => !isCoordinationMail(e) && e.subject.includes(smr) && /monitor/i.test(e.subject));
    expect(await mails('SMR-FILE-QUIET')).toEqual([]);
    const [reminder, ...more] = await mails('SMR-FILE-NAGGED');
    expect(more).toEqual([]);
    expect(reminder!.body.text).toContain('Identity card for the head of household');
    const timerOutcome = async (caseId: string) => (await as('GET', `/cases/${caseId}`)).body.audit.find((a: { event: string }) => a.event === 'timer.case.monitoring')?.detail?.outcome;
    expect(await timerOutcome(quiet)).toBe('moot');
    expect(await timerOutcome(nagged)).toBe('fired');
    const c = await as('GET', `/cases/${quiet}`);
    expect(c.body.plan.measures[0]).toMatchObject({ status: 'in_progress', lastProgress: { monitoringId: visit.body.monitoringId, date: '2026-12-18' } });
    expect(c.body.monitoring).toEqual([expect.objectContaining({ date: '2026-12-18', kind: 'visit' })]);
    // Next month's reminder is still planned.
    expect(c.body.upcoming.filter((t: { kind: string }) => t.kind === 'case.monitoring')).toHaveLength(1);
  }, 600_000);

  it("answers another municipality's coordinator 404 on every route of the case file, writing nothing", async () => {
    const other = 'partesh-coordinator';
    expect((await as('GET', `/cases/${quiet}/assessments`, undefined, other)).status).toBe(404);
    expect((await as('PUT', `/cases/${quiet}/plan`, { version: 2, measures: [] }, other)).status).toBe(404);
    expect((await as('POST', `/cases/${quiet}/monitoring`, { date: '2026-12-18', kind: 'call' }, other)).status).toBe(404);
    expect((await as('POST', `/cases/${quiet}/close`, CLOSE, other)).status).toBe(404);
    const c = await as('GET', `/cases/${quiet}`);
    expect(c.body).toMatchObject({ status: 'open', plan: { version: 3 } });
    expect(c.body.monitoring).toHaveLength(1);
  });

  it('closes with an outcome and a final assessment, both required; nothing closes by itself', async () => {
    expect(await as('POST', `/cases/${quiet}/close`, {})).toMatchObject({ status: 400, body: { errors: expect.arrayContaining([expect.objectContaining({ field: 'outcome' })]) } });
    expect((await as('POST', `/cases/${quiet}/close`, { outcome: 'other', finalAssessment: 'left' })).body.errors[0].field).toBe('note');
    const closed = await as('POST', `/cases/${quiet}/close`, CLOSE);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const c = await as('GET', `/cases/${quiet}`);
    expect(c.body).toMatchObject({ status: 'closed', closure: { outcome: 'moved_municipality', finalAssessment: CLOSE.finalAssessment } });
    expect(c.body.audit.find((a: { event: string }) => a.event === 'case.closed').detail).toEqual({ outcome: 'moved_municipality' });
    expect((await as('PUT', `/cases/${quiet}/plan`, { version: 3, measures: [] })).status).toBe(404);
    // A month of sweeps closed nothing (closure at 18 months is a reminder: test/unit/cases/case-file.test.ts).
    expect((await as('GET', `/cases/${nagged}`)).body.status).toBe('open');
  });
});
