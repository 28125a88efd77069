import { describe, expect, it } from 'vitest';
import { recordMonitoring, savePlan } from '../../../shared/cases/case-file.js';
import { buildDigest, sendDigests, type DigestDeps } from '../../../shared/digests/digests.js';
import { DUE_LINES } from '../../../shared/digests/due.js';
import { MonitoringInput, PlanInput } from '../../../shared/domain/case-file.js';
import type { DigestData } from '../../../shared/messages/coordination-data.js';
import { renderDigestEmail } from '../../../shared/messages/coordination.js';
import { createCase } from '../../../shared/referrals/intake.js';
import type { AuditItem } from '../../../shared/store/audit.js';
import { arrival, COORDINATOR, valueOf, world, type World } from '../support/world.js';

/**
 * What is due in a coordinator's digest, on the in-memory repositories: home visits, the case
 * clocks, plan measures past their date, their own cases first; and an outcome "not done" counted
 * as not done.
 */

/** Monday 30 November 2026, 07:30 in Kosovo: the weekly digests go out. */
const DIGEST_MONDAY = '2026-11-30T06:30:00.000Z';
const OTHER = { by: 'user:obiliq-zkkk-02', role: 'coordinator' } as const;

const digestDeps = (w: World): DigestDeps => ({ ...w.repos, directory: w.directory, holidays: w.holidays, clock: w.clock, retentionDays: 730, logger: w.logger });
const caseFileDeps = (w: World) => ({ ...w.intake, caseFile: w.repos.caseFile, logger: w.logger });

async function weeklyDigests(w: World): Promise<Map<string, DigestData>> {
  w.clock.set(DIGEST_MONDAY);
  await sendDigests(digestDeps(w));
  const weekly = w.table.partition('MUNI#obiliq').filter((i) => i.purpose === 'digest.weekly');
  return new Map(weekly.map((i) => [String(i.recipient), i.data as unknown as DigestData]));
}

describe('what is due, in each coordinator’s digest', () => {
  it('lists home visits not yet made, their own cases first, with the 72 hours passed or not', async () => {
    const w = world(new Date('2026-11-27T09:00:00.000Z'));
    const mine = valueOf(await createCase(arrival('SMR-2026-0201', { arrivalDate: '2026-11-20' }), w.intake, COORDINATOR));
    const theirs = valueOf(await createCase(arrival('SMR-2026-0202', { arrivalDate: '2026-11-28', coordinatorId: 'obiliq-zkkk-02' }), w.intake, OTHER));
    const digests = await weeklyDigests(w);
    const [first, second] = w.directory.municipality('obiliq')!.coordinators;
    const forFirst = digests.get(first!.email)!.due!.homeVisits;
    const forSecond = digests.get(second!.email)!.due!.homeVisits;
    expect(forFirst).toMatchObject({ count: 2, own: 1 });
    expect(forFirst.lines.map((l) => [l.smrCaseId, l.own, l.overdue])).toEqual([
      [mine.smrCaseId, true, true],
      [theirs.smrCaseId, false, false],
    ]);
    expect(forSecond.lines.map((l) => [l.smrCaseId, l.own])).toEqual([
      [theirs.smrCaseId, true],
      [mine.smrCaseId, false],
    ]);
    const text = renderDigestEmail(digests.get(first!.email)!, ['en']).text;
    // Arrived 20.11: the 72 hours end at 00:00 on 23.11, so the last day is 22.11 (and 30.11 for an arrival on 28.11).
    expect(text).toContain(`Home visits due: 2 (yours: 1)\n- Case ${mine.smrCaseId} (yours): by the end of 22.11.2026, the 72 hours have passed\n- Case ${theirs.smrCaseId}: by the end of 30.11.2026`);
    const sq = renderDigestEmail(digests.get(first!.email)!, ['sq']).text;
    expect(sq).toContain(`Rasti ${mine.smrCaseId} (i juaji): deri në fund të 22.11.2026, afati 72-orësh ka kaluar`);
    expect(renderDigestEmail(digests.get(first!.email)!, ['sr-Latn']).text).toContain(`Slučaj ${theirs.smrCaseId}: do kraja 30.11.2026`);
  });

  it("lists a month's monitoring due in the next 7 days until the month has a record, and measures past their date", async () => {
    const w = world(new Date('2026-11-02T09:00:00.000Z'));
    // Arrived 30 October: the first monthly monitoring falls on Monday 30 November.
    const c = valueOf(await createCase(arrival('SMR-2026-0203', { arrivalDate: '2026-10-30' }), w.intake, COORDINATOR));
    const plan = PlanInput.parse({ version: 0, measures: [{ measureId: 'm1', goal: 'Civil documents', responsible: { officeKind: 'civil_registry' }, dueDate: '2026-11-20' }] });
    valueOf(await savePlan(c.caseId, plan, caseFileDeps(w), COORDINATOR));
    const email = w.directory.municipality('obiliq')!.coordinators[0]!.email;
    const due = (await weeklyDigests(w)).get(email)!.due!;
    expect(due.caseClocks.lines.map((l) => [l.smrCaseId, l.kind, l.date])).toEqual([[c.smrCaseId, 'monitoring', '2026-11-30']]);
    expect(due.measuresOverdue.lines).toEqual([expect.objectContaining({ smrCaseId: c.smrCaseId, count: 1, date: '2026-11-20', own: true })]);

    const w2 = world(new Date('2026-11-02T09:00:00.000Z'));
    const again = valueOf(await createCase(arrival('SMR-2026-0203', { arrivalDate: '2026-10-30' }), w2.intake, COORDINATOR));
    w2.clock.set('2026-11-27T12:00:00.000Z');
    valueOf(await recordMonitoring(again.caseId, MonitoringInput.parse({ date: '2026-11-27', kind: 'visit' }), caseFileDeps(w2), COORDINATOR));
    expect((await weeklyDigests(w2)).get(email)!.due!.caseClocks.count).toBe(0);
  });

  it(`shows at most ${DUE_LINES} lines a section, and says how many more`, async () => {
    const w = world(new Date('2026-11-27T09:00:00.000Z'));
    for (let n = 0; n < DUE_LINES + 2; n++) valueOf(await createCase(arrival(`SMR-2026-03${n}`, { arrivalDate: '2026-11-26' }), w.intake, COORDINATOR));
    const data = [...(await weeklyDigests(w)).values()][0]!;
    expect(data.due!.homeVisits.count).toBe(DUE_LINES + 2);
    expect(data.due!.homeVisits.lines).toHaveLength(DUE_LINES);
    expect(renderDigestEmail(data, ['en']).text).toContain('- and 2 more (all of them: Today in the console)');
  });
});

describe('referrals by office', () => {
  it('counts an outcome "not done" as not done, not as completed', async () => {
    const w = world();
    const muni = w.directory.municipality('obiliq')!;
    const change = (event: string): AuditItem => ({ pk: 'CASE#x', sk: `AUDIT#${event}`, type: 'Audit', event, at: '2026-11-22T10:00:00.000Z', by: 'office', detail: { officeKind: 'civil_registry' } }) as unknown as AuditItem;
    const data = await buildDigest(muni, 'daily', { start: '2026-11-22', end: '2026-11-22' }, w.clock.now(), digestDeps(w), [change('referral.completed'), change('referral.not_completed'), change('referral.not_completed')]);
    expect(data.referralsByOffice).toEqual([expect.objectContaining({ completed: 1, notCompleted: 2 })]);
  });
});
