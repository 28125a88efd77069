import { describe, expect, it } from 'vitest';
import { applyAnswerToPlan, presentCaseFile, recordMonitoring, savePlan, storeAssessment } from '../../../shared/cases/case-file.js';
import { PlanInput, type MonitoringInput } from '../../../shared/domain/case-file.js';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { createCase, createReferral, submitAssessment } from '../../../shared/referrals/intake.js';
import { closeCase } from '../../../shared/referrals/lifecycle.js';
import { OBILIQ_ASSESSMENT } from '../assessment/fixtures.js';
import { arrival, COORDINATOR, MONDAY, valueOf, world, type World } from '../support/world.js';

/** The case file on the in-memory repositories: what each use case keeps, refuses and moves. */

const Q4 = quarterOf(MONDAY);

async function opened(w: World, fields: Record<string, unknown> = {}) {
  return valueOf(await createCase(arrival('SMR-2026-0142', fields), w.intake, COORDINATOR));
}

const deps = (w: World) => ({ ...w.intake, caseFile: w.repos.caseFile, logger: w.logger });
const plan = (version: number, measures: Record<string, unknown>[], extra: Record<string, unknown> = {}) => PlanInput.parse({ version, measures, ...extra });
const documents = (fields: Record<string, unknown> = {}) => ({ measureId: 'm1', goal: 'Civil documents for the children', responsible: { officeKind: 'civil_registry' }, dueDate: '2026-12-15', ...fields });

describe('storeAssessment', () => {
  it('keeps each different submission as the next version, with who, and a repeated one as the same', async () => {
    const w = world();
    const c = await opened(w);
    const made = valueOf(await submitAssessment(c.caseId, OBILIQ_ASSESSMENT, w.intake)).referrals.map((r) => r.referralId);
    expect(valueOf(await storeAssessment(c.caseId, OBILIQ_ASSESSMENT, made, deps(w), COORDINATOR))).toEqual({ version: 1, stored: true });
    expect(valueOf(await storeAssessment(c.caseId, OBILIQ_ASSESSMENT, made, deps(w), COORDINATOR))).toEqual({ version: 1, stored: false });
    const revised = { ...OBILIQ_ASSESSMENT, exclude: ['civil-documents:p1,p3,p4'] };
    expect(valueOf(await storeAssessment(c.caseId, revised, [], deps(w), COORDINATOR))).toEqual({ version: 2, stored: true });
    const file = presentCaseFile((await w.repos.cases.view(c.caseId))!);
    expect(file.assessmentVersions).toBe(2);
    expect(file.assessment).toMatchObject({ version: 2, by: COORDINATOR.by, choice: { exclude: ['civil-documents:p1,p3,p4'] } });
    expect(file.assessment?.answers).not.toHaveProperty('exclude');
    expect(file.assessment?.referralIds).toEqual([]);
    expect(await w.repos.indicators.counters('obiliq', Q4)).toMatchObject({ assessmentsDone_returnee: 1 });
  });

  it('keeps nothing for a closed case', async () => {
    const w = world();
    const c = await opened(w);
    await closeCase(c.caseId, w.intake, COORDINATOR, { outcome: 'deceased', finalAssessment: 'the head of household died' });
    expect(await storeAssessment(c.caseId, OBILIQ_ASSESSMENT, [], deps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });
});

describe('savePlan', () => {
  it('writes the plan at the version read, resolves offices, and refuses a stale version with 409', async () => {
    const w = world();
    const c = await opened(w, { category: 'foreigner' });
    const first = valueOf(await savePlan(c.caseId, plan(0, [documents()], { caseManager: { name: 'Drita Gashi', contact: '+38344111222' } }), deps(w), COORDINATOR));
    expect(first).toMatchObject({ kind: 'PII', version: 1, measures: [{ measureId: 'm1', officeId: expect.any(String), status: 'planned' }] });
    expect(await savePlan(c.caseId, plan(0, []), deps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'stale', field: 'version' } });
    expect(valueOf(await savePlan(c.caseId, plan(1, [documents({ status: 'in_progress' })]), deps(w), COORDINATOR)).version).toBe(2);
    expect(await w.repos.indicators.counters('obiliq', Q4)).toMatchObject({ plansMade_foreigner: 1, caseManagersNamed_foreigner: 1 });
  });

  it('names the field of an office the directory lacks, an unknown office id and a referral of another case', async () => {
    const w = world();
    const c = await opened(w);
    expect(await savePlan(c.caseId, plan(0, [documents({ responsible: { officeId: 'nowhere' } })]), deps(w), COORDINATOR)).toMatchObject({
      ok: false,
      problem: { kind: 'invalid', field: 'measures.0.responsible.officeId' },
    });
    expect(await savePlan(c.caseId, plan(0, [documents({ referralIds: ['01JCZZZZZZZZZZZZZZZZZZZZZZ'] })]), deps(w), COORDINATOR)).toMatchObject({
      ok: false,
      problem: { kind: 'invalid', field: 'measures.0.referralIds.0' },
    });
    expect(await savePlan(c.caseId, plan(0, [documents({ responsible: { organisation: 'Caritas Kosova' } })]), deps(w), COORDINATOR)).toMatchObject({ ok: true });
    expect(() => plan(0, [documents(), documents()])).toThrow(/duplicate measure id/);
  });
});

describe('recordMonitoring', () => {
  const visit = (fields: Partial<MonitoringInput> = {}): MonitoringInput => ({ date: '2026-11-23', kind: 'visit', progress: [], ...fields });

  it('keeps the visit, moves the measures it reports on, and counts it by kind', async () => {
    const w = world();
    const c = await opened(w);
    valueOf(await savePlan(c.caseId, plan(0, [documents(), documents({ measureId: 'm2', dueDate: '2027-02-01' })]), deps(w), COORDINATOR));
    const m = valueOf(await recordMonitoring(c.caseId, visit({ note: 'documents applied for', progress: [{ measureId: 'm1', status: 'in_progress' }] }), deps(w), COORDINATOR));
    const p = (await w.repos.caseFile.plan(c.caseId))!;
    expect(p.version).toBe(2);
    expect(p.measures.map((x) => [x.measureId, x.status, x.lastProgress?.monitoringId])).toEqual([
      ['m1', 'in_progress', m.monitoringId],
      ['m2', 'planned', undefined],
    ]);
    valueOf(await recordMonitoring(c.caseId, visit({ kind: 'evaluation', schemesAssessment: 'the job scheme suits him' }), deps(w), COORDINATOR));
    expect(await w.repos.indicators.counters('obiliq', Q4)).toMatchObject({ monitoringVisits_returnee: 1, evaluations_returnee: 1 });
  });

  it('refuses a future date, a measure the plan lacks, and progress without a plan, naming the field, writing nothing', async () => {
    const w = world();
    const c = await opened(w);
    expect(await recordMonitoring(c.caseId, visit({ date: '2026-11-24' }), deps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { field: 'date' } });
    expect(await recordMonitoring(c.caseId, visit({ progress: [{ measureId: 'm1', status: 'done' }] }), deps(w), COORDINATOR)).toMatchObject({
      ok: false,
      problem: { field: 'progress.0.measureId', message: expect.stringMatching(/no plan/) },
    });
    valueOf(await savePlan(c.caseId, plan(0, [documents()]), deps(w), COORDINATOR));
    expect(await recordMonitoring(c.caseId, visit({ progress: [{ measureId: 'm9', status: 'done' }] }), deps(w), COORDINATOR)).toMatchObject({
      ok: false,
      problem: { field: 'progress.0.measureId' },
    });
    expect((await w.repos.cases.view(c.caseId))!.monitoring).toEqual([]);
  });
});

describe('applyAnswerToPlan', () => {
  it("moves the measures linked to a referral as the office answers, once per answer, and leaves a measure done by hand alone", async () => {
    const w = world();
    const c = await opened(w);
    const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    valueOf(await savePlan(c.caseId, plan(0, [documents({ referralIds: [r.referralId] }), documents({ measureId: 'm2', referralIds: [r.referralId], status: 'dropped' })]), deps(w), COORDINATOR));
    const answered = (status: typeof r.status) => ({ ...r, status, answeredAt: MONDAY.toISOString() });
    expect(await applyAnswerToPlan(answered('accepted'), deps(w))).toBe(2);
    expect((await w.repos.caseFile.plan(c.caseId))!.measures.map((m) => m.status)).toEqual(['in_progress', 'dropped']);
    expect(await applyAnswerToPlan(answered('accepted'), deps(w))).toBe(0);
    await applyAnswerToPlan(answered('not_completed'), deps(w));
    expect((await w.repos.caseFile.plan(c.caseId))!.measures.map((m) => m.status)).toEqual(['planned', 'dropped']);
    await applyAnswerToPlan(answered('completed'), deps(w));
    const p = (await w.repos.caseFile.plan(c.caseId))!;
    expect(p.measures.map((m) => [m.status, m.lastReferral?.status])).toEqual([
      ['done', 'completed'],
      ['dropped', 'completed'],
    ]);
    expect((await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.by === 'system:react-to-answers').map((a) => a.event)).toEqual(['plan.updated', 'plan.updated', 'plan.updated']);
  });
});

describe('closeCase with an outcome', () => {
  it('records the outcome and final assessment, counts the closure by outcome, and cancels what is pending', async () => {
    const w = world();
    const c = await opened(w);
    const out = valueOf(await closeCase(c.caseId, w.intake, COORDINATOR, { outcome: 're_emigrated', finalAssessment: 'left for Germany again' }));
    expect(out.status).toBe('closed');
    expect(presentCaseFile((await w.repos.cases.view(c.caseId))!).closure).toEqual({ outcome: 're_emigrated', finalAssessment: 'left for Germany again', by: COORDINATOR.by });
    expect(await w.repos.indicators.counters('obiliq', Q4)).toMatchObject({ casesClosed: 1, closed_re_emigrated_returnee: 1 });
  });
});
