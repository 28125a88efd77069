import { describe, expect, it } from 'vitest';
import { ClosedCase, closedCaseExpiry, expireClosedCase } from '../../../shared/cases/retention.js';
import { exportCase } from '../../../shared/cases/subject-access.js';
import { applyAnswerToPlan, presentCaseFile, recordMonitoring, savePlan, storeAssessment } from '../../../shared/cases/case-file.js';
import { PlanInput, type MonitoringInput } from '../../../shared/domain/case-file.js';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { createCase, createReferral, submitAssessment } from '../../../shared/referrals/intake.js';
import { closeCase } from '../../../shared/referrals/lifecycle.js';
import { readToday } from '../../../shared/console/today.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { OBILIQ_ASSESSMENT } from '../assessment/fixtures.js';
import { arrival, COORDINATOR, MONDAY, sweepDeps, valueOf, world, type World } from '../support/world.js';

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

  it('records a retried request once: the same visit sent again answers with the first record, counted once', async () => {
    const w = world();
    const c = await opened(w);
    valueOf(await savePlan(c.caseId, plan(0, [documents()]), deps(w), COORDINATOR));
    const sent = visit({ note: 'documents applied for', progress: [{ measureId: 'm1', status: 'in_progress' }] });
    const first = valueOf(await recordMonitoring(c.caseId, sent, deps(w), COORDINATOR));
    const again = valueOf(await recordMonitoring(c.caseId, sent, deps(w), COORDINATOR));
    expect(again).toEqual(first);
    const other = valueOf(await recordMonitoring(c.caseId, visit({ kind: 'call' }), deps(w), COORDINATOR));
    expect(other.monitoringId).not.toBe(first.monitoringId);
    expect((await w.repos.cases.view(c.caseId))!.monitoring).toHaveLength(2);
    expect((await w.repos.caseFile.plan(c.caseId))!.version).toBe(2);
    expect(await w.repos.indicators.counters('obiliq', Q4)).toMatchObject({ monitoringVisits_returnee: 1, monitoringCalls_returnee: 1 });
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

  it('a referral withdrawn after its office accepted puts its measure back to planned, as of the withdrawal (review RV-H)', async () => {
    const w = world();
    const c = await opened(w);
    const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    valueOf(await savePlan(c.caseId, plan(0, [documents({ referralIds: [r.referralId] })]), deps(w), COORDINATOR));
    await applyAnswerToPlan({ ...r, status: 'accepted', answeredAt: MONDAY.toISOString() }, deps(w));
    expect((await w.repos.caseFile.plan(c.caseId))!.measures[0]!.status).toBe('in_progress');
    const withdrawnAt = new Date(MONDAY.getTime() + 5 * 86_400_000).toISOString();
    await applyAnswerToPlan({ ...r, status: 'cancelled', answeredAt: MONDAY.toISOString(), cancelledAt: withdrawnAt, cancelReason: 'no_longer_needed' }, deps(w));
    const m = (await w.repos.caseFile.plan(c.caseId))!.measures[0]!;
    expect([m.status, m.lastReferral?.status, m.lastReferral?.at]).toEqual(['planned', 'cancelled', withdrawnAt]);
  });

  it('a referral cancelled unanswered leaves a measure another office is carrying out in progress (review RV-I)', async () => {
    const w = world();
    const c = await opened(w);
    const a = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    const b = valueOf(await createReferral(c.caseId, { officeKind: 'social_work_centre', need: 'social_support' }, w.intake));
    valueOf(await savePlan(c.caseId, plan(0, [documents({ referralIds: [a.referralId, b.referralId] })]), deps(w), COORDINATOR));
    await applyAnswerToPlan({ ...a, status: 'accepted', answeredAt: MONDAY.toISOString() }, deps(w));
    await applyAnswerToPlan({ ...b, status: 'cancelled', cancelledAt: MONDAY.toISOString(), cancelReason: 'no_longer_needed' }, deps(w));
    expect((await w.repos.caseFile.plan(c.caseId))!.measures[0]!.status).toBe('in_progress');
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

describe('the case file in the reminders and the Today page', () => {
  /** Both cases arrived 20 November: monitoring month 1 is due Monday 21 December 09:00, evaluation 1 on Monday 22 February. */
  const MONITORING_DUE = '2026-12-21T08:00:00.000Z';

  it("stops the month's monitoring reminder once the month has a record, still plans the next, and lists the plan's measures in the reminder of a case without one", async () => {
    const w = world();
    const quiet = await opened(w);
    const nagged = valueOf(await createCase(arrival('SMR-2026-0143'), w.intake, COORDINATOR));
    for (const c of [quiet, nagged]) valueOf(await savePlan(c.caseId, plan(0, [documents(), documents({ measureId: 'm2', goal: 'Job-seeker registration', dueDate: '2027-01-20' })]), deps(w), COORDINATOR));
    w.clock.set('2026-12-18T10:00:00.000Z');
    valueOf(await recordMonitoring(quiet.caseId, { date: '2026-12-18', kind: 'visit', progress: [{ measureId: 'm2', status: 'in_progress' }] }, deps(w), COORDINATOR));
    w.clock.set(MONITORING_DUE);
    w.clock.advance(5 * 60_000);
    await sweepTimers(sweepDeps(w));

    const monitoringOf = async (caseId: string) => {
      const view = (await w.repos.cases.view(caseId))!;
      return {
        fired: view.timers.filter((t) => t.kind === 'case.monitoring').map((t) => [t.occurrence, t.status]),
        outcome: view.audit.find((a) => a.event === 'timer.case.monitoring')?.detail?.outcome,
        emails: view.intents.filter((i) => i.template === 'case.coordinator.monitoring'),
      };
    };
    const q = await monitoringOf(quiet.caseId);
    expect(q.outcome).toBe('moot');
    expect(q.emails).toEqual([]);
    expect(q.fired).toEqual([
      [1, 'fired'],
      [2, 'pending'],
    ]);
    const n = await monitoringOf(nagged.caseId);
    expect(n.outcome).toBe('fired');
    expect(n.emails).toHaveLength(1);
    expect(n.emails[0]!.data).toMatchObject({
      hasPlan: true,
      measures: [
        { goal: 'Civil documents for the children', dueDate: '2026-12-15', status_planned: true, overdue: true },
        { goal: 'Job-seeker registration', dueDate: '2027-01-20', status_planned: true, overdue: false },
      ],
    });
  });

  it('stops the quarterly evaluation reminder once the quarter has an evaluation, not for a plain visit', async () => {
    const w = world();
    const evaluated = await opened(w);
    const visited = valueOf(await createCase(arrival('SMR-2026-0143'), w.intake, COORDINATOR));
    w.clock.set('2027-01-12T10:00:00.000Z');
    valueOf(await recordMonitoring(evaluated.caseId, { date: '2027-01-12', kind: 'evaluation', progress: [], schemesAssessment: 'the schemes reach the family' }, deps(w), COORDINATOR));
    valueOf(await recordMonitoring(visited.caseId, { date: '2027-01-12', kind: 'visit', progress: [] }, deps(w), COORDINATOR));
    const due = (await w.repos.cases.view(evaluated.caseId))!.timers.find((t) => t.kind === 'case.evaluation')!.dueAt;
    w.clock.set(due);
    w.clock.advance(5 * 60_000);
    await sweepTimers(sweepDeps(w));
    const outcome = async (caseId: string) => (await w.repos.cases.view(caseId))!.audit.find((a) => a.event === 'timer.case.evaluation')?.detail?.outcome;
    expect(await outcome(evaluated.caseId)).toBe('moot');
    expect(await outcome(visited.caseId)).toBe('fired');
  });

  it("lists each open measure past its due date on the coordinator's Today page, not one done or not yet due", async () => {
    const w = world();
    const c = await opened(w);
    valueOf(
      await savePlan(
        c.caseId,
        plan(0, [documents(), documents({ measureId: 'm2', dueDate: '2026-12-10', status: 'done' }), documents({ measureId: 'm3', dueDate: '2027-01-20', responsible: { organisation: 'Caritas Kosova' } })]),
        deps(w),
        COORDINATOR,
      ),
    );
    const today = (at: string) => readToday(w.directory.municipality('obiliq')!, new Date(at), w.repos);
    expect((await today('2026-12-15T10:00:00.000Z')).measuresOverdue).toEqual([]);
    const later = await today('2026-12-16T10:00:00.000Z');
    expect(later.measuresOverdue).toEqual([{ caseId: c.caseId, smrCaseId: 'SMR-2026-0142', measureId: 'm1', goal: 'Civil documents for the children', dueDate: '2026-12-15', status: 'planned', officeId: expect.any(String) }]);
    expect(later.counts.measuresOverdue).toBe(1);
  });
});

describe('closure at 18 months', () => {
  it('is prompted, never automatic: the closure reminder goes to the coordinator and the case stays open', async () => {
    const w = world();
    const c = await opened(w);
    const closure = (await w.repos.cases.view(c.caseId))!.timers.find((t) => t.kind === 'case.closure')!;
    w.clock.set(closure.dueAt);
    w.clock.advance(5 * 60_000);
    await sweepTimers(sweepDeps(w));
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.intents.filter((i) => i.template === 'case.coordinator.closure')).toHaveLength(1);
    expect(view.case).toMatchObject({ status: 'open' });
    expect(view.case.closure).toBeUndefined();
  });
});

describe('the case file and personal data', () => {
  it('expires with the closed case (every item brought forward to closure + retention) and is handed over by a subject-access export', async () => {
    const w = world();
    const c = await opened(w);
    valueOf(await storeAssessment(c.caseId, OBILIQ_ASSESSMENT, [], deps(w), COORDINATOR));
    valueOf(await savePlan(c.caseId, plan(0, [documents()], { caseManager: { name: 'Drita Gashi', contact: '+38344111222' } }), deps(w), COORDINATOR));
    valueOf(await recordMonitoring(c.caseId, { date: '2026-11-23', kind: 'call', progress: [] }, deps(w), COORDINATOR));
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR, { outcome: 'other', note: 'moved abroad', finalAssessment: 'left with the family' }));
    const closed = ClosedCase.parse((await w.repos.cases.get(c.caseId))!);
    await expireClosedCase(closed, { store: w.repos.retention, retentionDays: 730, logger: w.logger });
    const expiry = closedCaseExpiry(closed.closedAt, 730);
    const fileItems = w.table.partition(`CASE#${c.caseId}`).filter((i) => ['Assessment', 'Plan', 'Monitoring'].includes(i.type as string));
    expect(fileItems.map((i) => [i.type, i.expiresAt])).toEqual([
      ['Assessment', expiry],
      ['Monitoring', expiry],
      ['Plan', expiry],
    ]);
    const exported = (await exportCase(c.caseId, 'op-1', { store: w.repos.retention, worklists: w.repos.worklists, clock: w.clock }))!;
    expect(JSON.stringify(exported)).toContain('Drita Gashi');
    expect(exported.other.map((i) => i.type).sort()).toEqual(['Assessment', 'Monitoring', 'Plan']);
  });
});
