import type { Actor } from '../domain/actor.js';
import { ulid } from 'ulidx';
import type { Directory } from '../directory/directory.js';
import { addMonths, addWorkingDays, localDate, type HolidayCalendar } from '../domain/calendar.js';
import { openCaseExpiry } from '../cases/retention.js';
import { caseTimers } from '../timers/plan.js';
import { planAssessment } from './assessment-plan.js';
import { welcomeSms } from './home-visit.js';
import { CASE_MONTHS, clockStartDate, type CreateCaseInput, type CreateReferralInput } from '../domain/case.js';
import type { Clock } from '../domain/clock.js';
import type { IntakeResult } from '../domain/result.js';
import { caseItem, type CaseItem } from '../store/case.js';
import type { IntentItem } from '../store/intent.js';
import { CaseNotFoundError, type AppointmentRepository, type CaseRepository, type CaseView, type IntentRepository, type ReferralRepository, type TimerRepository } from '../store/ports.js';
import { referralItem, routingSnapshot, type ReferralItem } from '../store/referral.js';
import { byCodeUnit } from '../domain/order.js';
import { replayed, requested, unlessMade } from '../domain/request.js';

export interface IntakeDeps {
  cases: CaseRepository;
  referrals: ReferralRepository;
  appointments: AppointmentRepository;
  timers: TimerRepository;
  /** For notices written after a change (an office told its referral was withdrawn: withdrawn.ts). */
  intents: Pick<IntentRepository, 'putIfAbsent'>;
  directory: Directory;
  holidays: HolidayCalendar;
  clock: Clock;
  retentionDays: number;
}

/** How far ahead an announced return is registered: a year is more than any readmission notice. */
export const ARRIVAL_MONTHS_AHEAD = 12;

/**
 * The arrival dates a new case may have (Kosovo dates, inclusive): not so long ago that its
 * 18-month plan is already over, not further ahead than an announced return. A date outside is
 * the caller's mistake (a typo in the year); inside it, the plan is always made, whatever the
 * holiday file covers (functions/api/handler.ts plans a missing year with weekends only).
 */
export function arrivalWindow(now: Date): { earliest: string; latest: string } {
  const today = localDate(now);
  return { earliest: addMonths(today, -CASE_MONTHS), latest: addMonths(today, ARRIVAL_MONTHS_AHEAD) };
}

export async function createCase(input: CreateCaseInput, deps: IntakeDeps, actor: Actor): Promise<IntakeResult<CaseItem>> {
  const muni = deps.directory.municipality(input.municipalityId);
  if (!muni) {
    const known = deps.directory.municipalities().map((m) => m.id).join(', ');
    return { ok: false, problem: { kind: 'invalid', field: 'municipalityId', message: `unknown municipality; known: ${known}` } };
  }
  if (!muni.coordinators.some((c) => c.id === input.coordinatorId)) {
    return { ok: false, problem: { kind: 'invalid', field: 'coordinatorId', message: `not a coordinator of ${muni.id}` } };
  }
  const now = deps.clock.now();
  const window = arrivalWindow(now);
  // The window holds for the day the clocks start: a foreigner may have arrived long before the permit.
  const start = clockStartDate(input);
  if (start < window.earliest || start > window.latest) {
    const permit = start !== input.arrivalDate;
    return {
      ok: false,
      problem: {
        kind: 'invalid',
        field: permit ? 'permitDate' : 'arrivalDate',
        message: permit
          ? `a permit date from ${window.earliest} to ${window.latest}: a foreigner's case is registered around the status or permit`
          : `an arrival from ${window.earliest} to ${window.latest}: a case is registered around the arrival`,
      },
    };
  }
  const caseId = ulid(now.getTime());
  const item = caseItem({
    caseId,
    smrCaseId: input.smrCaseId,
    municipalityId: input.municipalityId,
    coordinatorId: input.coordinatorId,
    arrivalDate: input.arrivalDate,
    category: input.category,
    ...(input.permitDate ? { permitDate: input.permitDate } : {}),
    ...(input.permit ? { permit: input.permit } : {}),
    language: input.preferredLanguage,
    ...(input.phone ? { phone: input.phone } : {}),
    consent: input.consent,
    household: input.household,
    status: 'open',
    createdAt: now.toISOString(),
    // The open-case safety net; closing brings it forward to closure + retention (expire-closed-cases).
    expiresAt: openCaseExpiry({ createdAt: now.toISOString(), arrivalDate: start }, deps.retentionDays, deps.holidays),
  });
  // The case's clocks start with it: 72-hour visit, monthly monitoring, quarterly evaluation, closure.
  // The welcome SMS is written with the case: a registration retried after a lost answer (409) cannot lose it or send it twice.
  const out = await deps.cases.create(item, caseTimers(item, deps.holidays, now), actor, [welcomeSms(item, muni, now)]);
  if (!out.created) {
    return {
      ok: false,
      problem: { kind: 'conflict', field: 'smrCaseId', message: 'a case with this SMR case id already exists', code: 'smr-exists', existingCaseId: out.existingCaseId },
    };
  }
  return { ok: true, value: item };
}

/**
 * POST /cases/{caseId}/referrals: with a requestId, a retry answers with the referral its first
 * attempt made (`created` false), also once the case has closed, and the office and the family
 * hear of it once.
 */
export async function requestReferral(caseId: string, input: CreateReferralInput, deps: IntakeDeps, actor: Actor): Promise<IntakeResult<ReferralItem> & { created?: boolean }> {
  const request = requested('referral', caseId, actor, input);
  const out = await createReferral(caseId, input, deps, request && { referralId: request.id, requestHash: request.requestHash });
  if (!out.ok) return unlessMade(out.problem, request, (id) => deps.referrals.get(caseId, id));
  return request && out.created === false ? { ...replayed(out.value, request), created: false } : out;
}

export async function createReferral(
  caseId: string,
  input: CreateReferralInput,
  deps: IntakeDeps,
  derived?: Derived,
): Promise<IntakeResult<ReferralItem> & { created?: boolean }> {
  const theCase = await deps.cases.get(caseId);
  // A closed case's data is on its way out (retention counts from the closure): nothing new is referred.
  if (!theCase || theCase.status === 'closed') return { ok: false, problem: { kind: 'not-found', message: `no open case ${caseId}` } };
  const made = await referralOf(theCase, input, deps, deps.clock.now(), derived);
  if (!made.ok) return made;
  return written(made.value, theCase, deps, () => deps.referrals.createIfAbsent(made.value));
}

/** A referral's id when it is not new per request (an assessment's rule, a requestId), and what comes with it. */
interface Derived {
  referralId: string;
  assessmentKey?: string;
  documentsMissing?: boolean;
  position?: number;
  requestHash?: string;
}

/** Writes a new referral (or several, `write`), then what follows from it; the stored one if it existed. */
async function written(
  item: ReferralItem,
  theCase: CaseItem,
  deps: IntakeDeps,
  write: () => Promise<boolean>,
): Promise<IntakeResult<ReferralItem> & { created?: boolean }> {
  try {
    const created = await write();
    if (!created) return { ok: true, value: (await deps.referrals.get(item.caseId, item.referralId)) ?? item, created: false };
    // Only a need declined before in this case can have a declined referral to take out of the list.
    if (theCase.declinedNeeds?.includes(item.need)) await deps.referrals.markReReferred(item.caseId, item.need, item.referralId, item.createdAt);
  } catch (err) {
    if (err instanceof CaseNotFoundError) return { ok: false, problem: { kind: 'not-found', message: `no case ${item.caseId}` } };
    throw err;
  }
  return { ok: true, value: item, created: true };
}

/**
 * The referral `input` asks for, as it would be stored; a problem naming the field otherwise.
 * `planned`: referrals made in the same write, which one may wait for.
 */
async function referralOf(
  theCase: CaseItem,
  input: CreateReferralInput,
  deps: IntakeDeps,
  now: Date,
  derived?: Derived,
  planned: ReadonlyMap<string, ReferralItem> = new Map(),
): Promise<IntakeResult<ReferralItem>> {
  const caseId = theCase.caseId;
  const office = deps.directory.office(theCase.municipalityId, input.officeKind);
  if (!office) {
    return {
      ok: false,
      problem: { kind: 'invalid', field: 'officeKind', message: `the ${theCase.municipalityId} directory has no ${input.officeKind} office` },
    };
  }
  const members = new Set(theCase.household.map((m) => m.id));
  const personIds = input.personIds ?? theCase.household.map((m) => m.id);
  const unknown = personIds.findIndex((p) => !members.has(p));
  if (unknown >= 0) {
    return { ok: false, problem: { kind: 'invalid', field: `personIds.${unknown}`, message: 'not a member of this household', code: 'not-in-household' } };
  }
  let waiting = false;
  if (input.dependsOn) {
    const prerequisite = planned.get(input.dependsOn) ?? (await deps.referrals.get(caseId, input.dependsOn));
    if (!prerequisite) return { ok: false, problem: { kind: 'invalid', field: 'dependsOn', message: 'no such referral in this case' } };
    waiting = prerequisite.status !== 'completed';
  }
  const muni = deps.directory.municipality(theCase.municipalityId)!;
  const referralId = derived?.referralId ?? ulid(now.getTime());
  const item = referralItem({
    caseId,
    referralId,
    municipalityId: theCase.municipalityId,
    smrCaseId: theCase.smrCaseId,
    officeKind: input.officeKind,
    officeId: office.id,
    need: input.need,
    personIds: [...new Set(personIds)],
    categories: input.categories ?? [],
    caseCategory: theCase.category,
    // Routing reads no case: what it needs travels with the referral.
    routing: routingSnapshot(theCase, [...new Set(personIds)]),
    ...(input.note ? { note: input.note } : {}),
    status: waiting ? 'waiting' : 'created',
    ...(input.dependsOn ? { dependsOn: input.dependsOn } : {}),
    ...(derived?.assessmentKey ? { assessmentKey: derived.assessmentKey } : {}),
    ...(derived?.documentsMissing ? { documentsMissing: true } : {}),
    ...(derived?.position !== undefined ? { position: derived.position } : {}),
    ...(derived?.requestHash ? { requestHash: derived.requestHash } : {}),
    ackDueDate: addWorkingDays(now, muni.ackWorkingDaysByKind?.[input.officeKind] ?? muni.ackWorkingDays, deps.holidays),
    createdAt: now.toISOString(),
    expiresAt: theCase.expiresAt,
  });
  return { ok: true, value: item };
}

/**
 * A needs assessment (FVN) → the referrals its rules call for, as the coordinator ticked them
 * (`exclude`, `include`: planAssessment), to the municipality's offices. Referral ids derive from
 * the case and each proposal's key, so the same assessment submitted twice creates nothing twice;
 * a referral whose rule depends on another (a job-seeker registration on civil documents) waits for
 * it; one that goes alongside another (school enrolment beside civil documents) goes at once.
 * Unticking only keeps a referral from being made: one made by an earlier submission stays.
 */
export async function submitAssessment(caseId: string, body: unknown, deps: IntakeDeps): Promise<IntakeResult<{ referrals: (ReferralItem & { created: boolean })[] }>> {
  const theCase = await deps.cases.get(caseId);
  if (!theCase || theCase.status === 'closed') return { ok: false, problem: { kind: 'not-found', message: `no open case ${caseId}` } };
  const plan = planAssessment(theCase, body, deps.directory, Number(localDate(deps.clock.now()).slice(0, 4)));
  if (!plan.ok) return plan;
  const idOf = new Map(plan.value.map((p) => [p.key, p.referralId]));
  const now = deps.clock.now();
  const items = new Map<string, ReferralItem>();
  for (const p of plan.value.filter((x) => !x.excluded)) {
    const input = {
      officeKind: p.officeKind,
      need: p.need,
      personIds: p.personIds,
      ...(p.categories.length ? { categories: p.categories } : {}),
      ...(p.note ? { note: p.note } : {}),
      ...(p.dependsOn ? { dependsOn: idOf.get(p.dependsOn)! } : {}),
    };
    const made = await referralOf(theCase, input, deps, now, { referralId: p.referralId, assessmentKey: p.key, position: items.size, ...(p.alongside ? { documentsMissing: true } : {}) }, items);
    if (!made.ok) return made;
    items.set(made.value.referralId, made.value);
  }
  const all = [...items.values()];
  // In one write, so that they reach route-referrals in one stream batch and the family gets one
  // SMS for them; a submission made before (some exist) writes the missing ones one by one.
  let together = false;
  if (all.length > 1 && all.length <= MAX_REFERRALS_IN_ONE_WRITE) {
    try {
      together = await deps.referrals.createAllIfAbsent(all);
    } catch (err) {
      if (err instanceof CaseNotFoundError) return { ok: false, problem: { kind: 'not-found', message: `no case ${caseId}` } };
      throw err;
    }
  }
  const out: (ReferralItem & { created: boolean })[] = [];
  for (const item of all) {
    const res = await written(item, theCase, deps, together ? async () => true : () => deps.referrals.createIfAbsent(item));
    if (!res.ok) return res;
    out.push({ ...res.value, created: res.created ?? false });
  }
  return { ok: true, value: { referrals: out } };
}

/** A transaction holds 100 items: the case's check and the counters beside the referrals. */
const MAX_REFERRALS_IN_ONE_WRITE = 98;

/**
 * What submitting the same body would propose, writing nothing: each proposal with its office
 * and, when an earlier submission made it already, that referral's id and status.
 */
export async function previewAssessment(caseId: string, body: unknown, deps: IntakeDeps) {
  const theCase = await deps.cases.get(caseId);
  if (!theCase || theCase.status === 'closed') return { ok: false as const, problem: { kind: 'not-found' as const, message: `no open case ${caseId}` } };
  const plan = planAssessment(theCase, body, deps.directory, Number(localDate(deps.clock.now()).slice(0, 4)));
  if (!plan.ok) return plan;
  const proposals = await Promise.all(
    plan.value.map(async ({ referralId, ...p }) => {
      const office = deps.directory.office(theCase.municipalityId, p.officeKind);
      const existing = await deps.referrals.get(caseId, referralId);
      return {
        ...p,
        ...(office ? { officeId: office.id, office: office.name } : {}),
        ...(existing ? { existing: { referralId, status: existing.status } } : {}),
      };
    }),
  );
  return { ok: true as const, value: { proposals } };
}

/** What GET /cases/{id} shows: the case, and per referral where each notification stands. No message bodies. */
export function presentCase(view: CaseView) {
  const c = view.case;
  // What the household said on its returnee page about a step ("I will come": yes), and when.
  const pageAnswer = (step: string) => {
    const a = view.pageAnswers.find((x) => x.step === step);
    return a ? { answer: a.answer, at: a.at } : undefined;
  };
  return {
    caseId: c.caseId,
    smrCaseId: c.smrCaseId,
    municipalityId: c.municipalityId,
    coordinatorId: c.coordinatorId,
    arrivalDate: c.arrivalDate,
    category: c.category,
    permitDate: c.permitDate,
    permit: c.permit,
    preferredLanguage: c.language,
    consent: c.consent,
    smsOptOut: c.smsOptOut,
    household: c.household,
    status: c.status,
    homeVisitAt: c.homeVisitAt,
    /** The joint home visit as planned (and `done` once recorded); its invitations are among `notifications`. */
    homeVisitPlan: c.homeVisitPlan,
    closedAt: c.closedAt,
    createdAt: c.createdAt,
    referrals: view.referrals.map((r) => ({
      referralId: r.referralId,
      officeKind: r.officeKind,
      officeId: r.officeId,
      need: r.need,
      personIds: r.personIds,
      categories: r.categories,
      status: r.status,
      dependsOn: r.dependsOn,
      ackDueDate: r.ackDueDate,
      flaggedAt: r.flaggedAt,
      answeredAt: r.answeredAt,
      declineReason: r.declineReason,
      cancelledAt: r.cancelledAt,
      cancelReason: r.cancelReason,
      outcomeAt: r.outcomeAt,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      pageAnswer: pageAnswer(`ref:${r.referralId}`),
      notifications: view.intents.filter((i) => i.referralId === r.referralId).map(presentIntent),
    })),
    appointments: view.appointments.map((a) => ({
      appointmentId: a.appointmentId,
      kind: a.kind,
      when: a.when,
      title: a.title,
      where: a.where,
      bring: a.bring,
      status: a.status,
      version: a.version,
      pageAnswer: pageAnswer(`appt:${a.appointmentId}`),
    })),
    /** Notifications about the case itself: home visit, monitoring, appointments. */
    notifications: view.intents.filter((i) => !i.referralId).map(presentIntent),
    upcoming: view.timers
      .filter((t) => t.status === 'pending')
      .sort((a, b) => byCodeUnit(a.dueAt, b.dueAt))
      .map((t) => ({ kind: t.kind, subjectId: t.subjectId, dueAt: t.dueAt })),
    /** Means of verification: every answer and notification, by whom and how (ids and codes only). */
    audit: view.audit.map(({ subjectId, event, from, to, by, byRole, via, at, detail }) => ({ at, subjectId, event, from, to, by, byRole, via, detail })),
  };
}

function presentIntent(i: IntentItem) {
  return {
    purpose: i.purpose,
    channel: i.channel,
    template: i.template,
    languages: i.languages,
    status: i.status,
    skipReason: i.skipReason,
    notBefore: i.notBefore,
    attempts: i.attempts,
    lastError: i.lastError,
    providerMessageId: i.providerMessageId,
    // Sent inside another notification's SMS (the household's one message): the id of the first.
    mergedInto: i.mergedInto,
    sms: i.sms,
    failure: i.failure,
    followUp: i.followUp,
    sentAt: i.sentAt,
  };
}
