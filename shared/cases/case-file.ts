import type { Logger } from '@aws-lambda-powertools/logger';
import { isDeepStrictEqual } from 'node:util';
import { derivedId } from '../domain/ids.js';
import type { Directory } from '../directory/directory.js';
import type { Actor } from '../domain/actor.js';
import { localDate } from '../domain/calendar.js';
import { clockStartDate } from '../domain/case.js';
import type { MeasureStatus, MonitoringInput, PlanInput } from '../domain/case-file.js';
import { systemClock, type Clock } from '../domain/clock.js';
import type { IntakeResult } from '../domain/result.js';
import type { CaseItem } from '../store/case.js';
import {
  assessmentItem,
  monitoringItem,
  planItem,
  planKindOf,
  recorderOf,
  type MeasureItem,
  type MonitoringItem,
  type PlanItem,
  type Recorder,
} from '../store/case-file.js';
import type { CaseFileRepository, CaseRepository, CaseView } from '../store/ports.js';
import type { ReferralItem } from '../store/referral.js';

/**
 * The case file's use cases: the FVN kept version by version, the individual plan (PIR / PII)
 * written whole at the version the caller read, the monitoring record with the progress it
 * reports on the plan's measures (the closure's outcome: referrals/lifecycle.ts). Each write is conditional (the case
 * still open, the plan still at the version read); a write that lost to another is retried from a
 * fresh read a bounded number of times where that is safe, or answered 409 where the caller must
 * look again (the plan they edited has changed).
 */

export interface CaseFileDeps {
  cases: Pick<CaseRepository, 'get' | 'view'>;
  caseFile: CaseFileRepository;
  directory: Directory;
  clock: Clock;
}

/** Writes that lost to a concurrent one and are safe to redo from a fresh read (a new version, progress on the latest plan). */
const MAX_RETRIES = 3;

const notOpen = (caseId: string) => ({ ok: false as const, problem: { kind: 'not-found' as const, message: `no open case ${caseId}` } });
const invalid = (field: string, message: string) => ({ ok: false as const, problem: { kind: 'invalid' as const, field, message } });
const stale = (message: string) => ({ ok: false as const, problem: { kind: 'stale' as const, field: 'version', message, code: 'changed-meanwhile' as const } });

/** The answers and the coordinator's choice, as they travel together in one body. */
function splitBody(body: unknown): { answers: Record<string, unknown>; choice?: Record<string, unknown> } {
  const { exclude, include, ...answers } = body as Record<string, unknown>;
  const choice = { ...(exclude !== undefined ? { exclude } : {}), ...(include !== undefined ? { include } : {}) };
  return { answers, ...(Object.keys(choice).length ? { choice } : {}) };
}

/**
 * Keeps an FVN submission that made its referrals (submitAssessment) as the case's next version,
 * with who and when; the same answers and choice as the current version add none (a retried
 * request). Returns the version that holds them.
 */
export async function storeAssessment(caseId: string, body: unknown, referralIds: string[], deps: CaseFileDeps, actor: Actor): Promise<IntakeResult<{ version: number; stored: boolean }>> {
  const { answers, choice } = splitBody(body);
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    const view = await deps.cases.view(caseId);
    if (!view || view.case.status === 'closed') return notOpen(caseId);
    const current = view.assessments.at(-1);
    // Compared as values: the table does not keep an object's key order.
    if (current && isDeepStrictEqual([current.answers, current.choice], [answers, choice])) return { ok: true, value: { version: current.version, stored: false } };
    const version = (view.case.assessmentVersion ?? 0) + 1;
    const item = assessmentItem({
      caseId,
      version,
      answers,
      ...(choice ? { choice } : {}),
      referralIds,
      at: deps.clock.now().toISOString(),
      by: actor.by,
      byRole: actor.role,
      expiresAt: view.case.expiresAt,
    });
    if (await deps.caseFile.addAssessment(view.case, item, recorderOf(actor))) return { ok: true, value: { version, stored: true } };
  }
  return stale('the assessment was submitted several times at once; submit it again');
}

/** Each measure's responsible resolved against the municipality's directory; the first problem names its field. */
function resolveMeasures(input: PlanInput, theCase: CaseItem, referrals: ReferralItem[], current: PlanItem | undefined, deps: CaseFileDeps): IntakeResult<MeasureItem[]> {
  const muni = deps.directory.municipality(theCase.municipalityId);
  const ofCase = new Set(referrals.map((r) => r.referralId));
  const out: MeasureItem[] = [];
  for (const [i, m] of input.measures.entries()) {
    const field = `measures.${i}`;
    let officeId: string | undefined;
    if ('officeKind' in m.responsible) {
      officeId = deps.directory.office(theCase.municipalityId, m.responsible.officeKind)?.id;
      if (!officeId) return invalid(`${field}.responsible.officeKind`, `the ${theCase.municipalityId} directory has no ${m.responsible.officeKind} office`);
    } else if ('officeId' in m.responsible) {
      const id = m.responsible.officeId;
      if (!muni?.offices.some((o) => o.id === id)) return invalid(`${field}.responsible.officeId`, `not an office of the ${theCase.municipalityId} directory`);
      officeId = id;
    }
    const stranger = m.referralIds.findIndex((r) => !ofCase.has(r));
    if (stranger >= 0) return invalid(`${field}.referralIds.${stranger}`, 'not a referral of this case');
    const before = current?.measures.find((x) => x.measureId === m.measureId);
    out.push({
      measureId: m.measureId,
      goal: m.goal,
      responsible: m.responsible,
      ...(officeId ? { officeId } : {}),
      dueDate: m.dueDate,
      status: m.status,
      referralIds: m.referralIds,
      ...(m.note ? { note: m.note } : {}),
      // What the platform learnt of a measure stays with it across the coordinator's edits.
      ...(before?.lastReferral ? { lastReferral: before.lastReferral } : {}),
      ...(before?.lastProgress ? { lastProgress: before.lastProgress } : {}),
    });
  }
  return { ok: true, value: out };
}

/** PUT /cases/{caseId}/plan: the whole plan at the version the caller read (0: there is none yet). */
export async function savePlan(caseId: string, input: PlanInput, deps: CaseFileDeps, actor: Actor): Promise<IntakeResult<PlanItem>> {
  const view = await deps.cases.view(caseId);
  if (!view || view.case.status === 'closed') return notOpen(caseId);
  const current = view.plan;
  if ((current?.version ?? 0) !== input.version) return stale(`the plan is at version ${current?.version ?? 0}, not ${input.version}: read it again (GET /cases/${caseId})`);
  const measures = resolveMeasures(input, view.case, view.referrals, current, deps);
  if (!measures.ok) return measures;
  const now = deps.clock.now().toISOString();
  const c = view.case;
  const next = planItem({
    caseId,
    smrCaseId: c.smrCaseId,
    municipalityId: c.municipalityId,
    category: c.category,
    kind: planKindOf(c.category),
    version: input.version + 1,
    measures: measures.value,
    ...(input.caseManager ? { caseManager: input.caseManager } : {}),
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
    updatedBy: actor.by,
    expiresAt: c.expiresAt,
  });
  if (await deps.caseFile.putPlan(current, next, recorderOf(actor))) return { ok: true, value: next };
  const again = await deps.cases.get(caseId);
  if (!again || again.status === 'closed') return notOpen(caseId);
  return stale('the plan changed while it was being saved: read it again');
}

/** The plan with measures moved, and the version after; undefined when nothing changes. */
function movedPlan(plan: PlanItem, moves: Map<string, Partial<MeasureItem>>, at: string, by: string): PlanItem | undefined {
  let changed = false;
  const measures = plan.measures.map((m) => {
    const move = moves.get(m.measureId);
    if (!move) return m;
    const next = { ...m, ...move };
    if (!isDeepStrictEqual(next, m)) changed = true;
    return next;
  });
  if (!changed) return undefined;
  const { listKey: _k, listSort: _s, pk: _pk, sk: _sk, type: _t, ...fields } = plan;
  return planItem({ ...fields, measures, version: plan.version + 1, updatedAt: at, updatedBy: by });
}

/**
 * POST /cases/{caseId}/monitoring: a visit, call or evaluation on record, counted, and the
 * progress it reports set on the plan's measures in the same write. The visit's date is the
 * month (or quarter, for an evaluation) whose reminder it answers (timers/decide.ts).
 */
export async function recordMonitoring(caseId: string, input: MonitoringInput, deps: CaseFileDeps, actor: Actor): Promise<IntakeResult<MonitoringItem>> {
  const now = deps.clock.now();
  if (input.date > localDate(now)) {
    return { ok: false, problem: { kind: 'invalid', field: 'date', message: 'a monitoring visit, call or evaluation is recorded once it took place: not a future date', code: 'not-yet-happened' } };
  }
  // Derived from what was recorded, not from the time: a retried request (a timeout, a double
  // click) finds its own record and answers with it instead of recording the visit twice.
  const monitoringId = derivedId(JSON.stringify(['monitoring', caseId, actor.by, input.date, input.kind, input.note ?? '', input.progress, input.schemesAssessment ?? '']));
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    const view = await deps.cases.view(caseId);
    if (!view || view.case.status === 'closed') return notOpen(caseId);
    // Counted in the quarter of its date: one before the case began would count in a quarter it was not in.
    const start = clockStartDate(view.case);
    if (input.date < start) return { ok: false, problem: { kind: 'invalid', field: 'date', message: `before the case began (${start})`, code: 'before-case-start' } };
    const recorded = view.monitoring.find((m) => m.monitoringId === monitoringId);
    if (recorded) return { ok: true, value: recorded };
    const plan = view.plan;
    for (const [i, p] of input.progress.entries()) {
      if (!plan?.measures.some((m) => m.measureId === p.measureId)) return invalid(`progress.${i}.measureId`, plan ? 'not a measure of the plan' : 'the case has no plan yet (PUT …/plan)');
    }
    const item = monitoringItem({
      caseId,
      monitoringId,
      date: input.date,
      kind: input.kind,
      ...(input.note ? { note: input.note } : {}),
      progress: input.progress,
      ...(input.schemesAssessment ? { schemesAssessment: input.schemesAssessment } : {}),
      at: now.toISOString(),
      by: actor.by,
      expiresAt: view.case.expiresAt,
    });
    const moves = new Map(
      input.progress.map((p) => [p.measureId, { status: p.status, lastProgress: { monitoringId, date: input.date, ...(p.note ? { note: p.note } : {}) } }] as const),
    );
    const next = plan ? movedPlan(plan, moves, item.at, actor.by) : undefined;
    if (await deps.caseFile.recordMonitoring(view.case, item, plan && next ? { current: plan, next } : undefined, recorderOf(actor))) return { ok: true, value: item };
  }
  return stale('the plan kept changing while this was recorded; send it again');
}

/** How a linked referral's answer moves its measure; nothing for a measure done or dropped by hand. */
function measureAfter(m: MeasureItem, r: ReferralItem): MeasureStatus | undefined {
  if (m.status === 'done' || m.status === 'dropped') return undefined;
  if (r.status === 'completed') return 'done';
  if (r.status === 'accepted') return 'in_progress';
  // Declined, not done or withdrawn once accepted: nobody is carrying the measure out any more; it
  // waits for a new referral. A referral cancelled unanswered never moved it: another may carry it.
  if (r.status === 'declined' || r.status === 'not_completed' || (r.status === 'cancelled' && r.answeredAt !== undefined)) return 'planned';
  return undefined;
}

export interface PlanAnswerDeps {
  caseFile: Pick<CaseFileRepository, 'plan' | 'putPlan'>;
  logger: Logger;
}

export const REACT_RECORDER: Recorder = { by: 'system:react-to-answers', via: 'stream' };

/**
 * An office's answer moves the plan's measures linked to the referral (react-to-answers). A
 * redelivered answer finds the measure already moved and writes nothing; a plan the coordinator
 * saved meanwhile is read again.
 */
export async function applyAnswerToPlan(referral: ReferralItem, deps: PlanAnswerDeps): Promise<number> {
  // The latest of its moves first: a withdrawn referral was accepted before (react-to-answer.ts alike).
  const at = referral.cancelledAt ?? referral.outcomeAt ?? referral.answeredAt ?? systemClock.now().toISOString();
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    const plan = await deps.caseFile.plan(referral.caseId);
    if (!plan) return 0;
    const moves = new Map<string, Partial<MeasureItem>>();
    for (const m of plan.measures.filter((x) => x.referralIds.includes(referral.referralId))) {
      if (m.lastReferral?.referralId === referral.referralId && m.lastReferral.status === referral.status) continue;
      const status = measureAfter(m, referral);
      moves.set(m.measureId, { ...(status ? { status } : {}), lastReferral: { referralId: referral.referralId, status: referral.status, at } });
    }
    const next = moves.size ? movedPlan(plan, moves, at, REACT_RECORDER.by) : undefined;
    if (!next) return 0;
    if (await deps.caseFile.putPlan(plan, next, REACT_RECORDER)) {
      deps.logger.info('plan measures moved by an answer', { caseId: referral.caseId, referralId: referral.referralId, measures: moves.size, version: next.version });
      return moves.size;
    }
  }
  throw new Error(`plan of case ${referral.caseId} kept changing while an answer was applied`);
}

/** What GET /cases/{caseId} shows of the case file: the current assessment, the plan, the monitoring record, the closure. */
export function presentCaseFile(view: CaseView) {
  const current = view.assessments.at(-1);
  const plan = view.plan;
  return {
    assessment: current ? { version: current.version, at: current.at, by: current.by, answers: current.answers, ...(current.choice ? { choice: current.choice } : {}), referralIds: current.referralIds } : null,
    assessmentVersions: view.assessments.length,
    plan: plan
      ? { kind: plan.kind, version: plan.version, measures: plan.measures, ...(plan.caseManager ? { caseManager: plan.caseManager } : {}), createdAt: plan.createdAt, updatedAt: plan.updatedAt, updatedBy: plan.updatedBy }
      : null,
    monitoring: view.monitoring.map(({ monitoringId, date, kind, note, progress, schemesAssessment, at, by }) => ({ monitoringId, date, kind, note, progress, schemesAssessment, at, by })),
    ...(view.case.closure ? { closure: view.case.closure } : {}),
  };
}

/** GET /cases/{caseId}/assessments: every version, newest first. */
export function presentAssessments(view: CaseView) {
  return { versions: [...view.assessments].reverse().map(({ version, at, by, byRole, answers, choice, referralIds }) => ({ version, at, by, byRole, answers, choice, referralIds })) };
}
