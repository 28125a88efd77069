import type { Actor } from '../domain/actor.js';
import { outsideWorkingTime, smsSendTime, dueBucket } from '../domain/calendar.js';
import type { PlanVisitInput } from '../domain/case.js';
import { emailLanguagesFor } from '../domain/languages.js';
import type { IntakeResult, RefusalCode } from '../domain/result.js';
import type { Language } from '../domain/vocabulary.js';
import type { Municipality } from '../directory/schema.js';
import type { CalendarInvite } from '../meetings/ics.js';
import { localName } from '../messages/render.js';
import { visitSummary, type FamilySmsData, type VisitInvitationData } from '../messages/visits.js';
import type { GrantCallSmsData } from '../messages/grants.js';
import type { CaseItem, HomeVisitPlan } from '../store/case.js';
import { intentId, intentItem, type IntentItem, type SkipReason } from '../store/intent.js';
import type { PendingSubject } from '../store/ports.js';
import type { IntakeDeps } from './intake.js';
import { closedCaseExpiry } from '../cases/retention.js';
import { callOffSource, isCallOffNotice, wentOut } from '../delivery/call-off.js';
import { VISIT_CANCEL, VISIT_INVITE, visitPlanPrefix, visitPlanSource as planSource } from '../delivery/visit-plan.js';
import { knownTime, rereadIntents, smsBeingSent, withNotice, type Known } from './known-time.js';
import { caseCoordinator, firstNameOf } from '../directory/coordinator.js';

/**
 * The joint home visit (plans: within 72 hours of arrival, the coordinator with the social work
 * centre and the regional DRPR coordinator) and the SMS that tells the family who follows their
 * case. What they decide is written as intents with the case's change, and deliver-notifications
 * sends them, as every message.
 */

/** How far ahead a visit can be planned: a year typed wrong is a mistake, not a plan. */
export const VISIT_DAYS_AHEAD = 60;

/** Whether a pending intent announces a version of the case's visit plan (older than `before`, when given); not its call-off. */
export function aboutVisitPlan(s: PendingSubject, caseId: string, before?: number): boolean {
  const prefix = visitPlanPrefix(caseId);
  // A call-off's notices are the last word on the plan: nothing made after stops them.
  if (!s.sourceId?.startsWith(prefix) || isCallOffNotice(s)) return false;
  return before === undefined || Number(s.sourceId.slice(prefix.length)) < before;
}

/** One calendar entry per event for every version: its UID, the same across moves. */
export const visitUid = (caseId: string) => `${caseId}-homevisit@referrals.rks-municipalities.example.org`;

interface Invitee {
  id: string;
  name: string;
  email: string;
  languages: Language[];
}

/** Who is invited: the municipality's social work centre (QPS / CSR) and its regional DRPR coordinator. */
export function visitInvitees(muni: Municipality): Invitee[] {
  const out: Invitee[] = [];
  const centre = muni.offices.find((o) => o.kind === 'social_work_centre');
  if (centre) out.push({ id: centre.id, name: centre.name.en, email: centre.email, languages: emailLanguagesFor(centre.languages) });
  const drpr = muni.contacts.find((c) => c.role === 'drpr');
  if (drpr) out.push({ id: drpr.id, name: drpr.name.en, email: drpr.email, languages: emailLanguagesFor(drpr.languages) });
  return out;
}

/**
 * Who the family's SMS is from and whom it names: the coordinator by first name (the family calls
 * them by it, and an SMS on a shared phone need not carry a civil servant's full name). The visit's
 * SMS carries the name too, though it does not say it alone: as a step of the household's SMS
 * (household.ts) it says who comes.
 */
function fromCoordinator(c: CaseItem, muni: Municipality): FamilySmsData {
  const coordinator = caseCoordinator(muni, c);
  return {
    category: c.category,
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    coordinatorPhone: coordinator.phone,
    coordinatorName: firstNameOf(coordinator.name),
  };
}

/** An SMS to the family: queued, deferred to the morning in quiet hours, or skipped (no consent or opted out, no phone). */
export function familySms(c: CaseItem, fields: { intentId: string; sourceId: string; purpose: string; template: IntentItem['template']; data: FamilySmsData | GrantCallSmsData }, now: Date): IntentItem {
  const base = {
    caseId: c.caseId,
    municipalityId: c.municipalityId,
    sourceId: fields.sourceId,
    intentId: fields.intentId,
    purpose: fields.purpose,
    channel: 'sms' as const,
    template: fields.template,
    languages: [c.language],
    attempts: 0,
    createdAt: now.toISOString(),
    expiresAt: c.expiresAt,
  };
  // Opting out sets consent.sms to false, so both stop here.
  const skip: SkipReason | undefined = !c.consent.sms ? 'no_sms_consent' : !c.phone ? 'no_phone' : undefined;
  if (skip) return intentItem({ caseId: c.caseId }, { ...base, data: {}, status: 'skipped', skipReason: skip });
  const sendAt = smsSendTime(now);
  const deferred = sendAt.getTime() > now.getTime();
  return intentItem({ caseId: c.caseId }, {
    ...base,
    recipient: c.phone,
    data: fields.data as unknown as Record<string, unknown>,
    status: deferred ? 'deferred' : 'queued',
    ...(deferred ? { notBefore: sendAt.toISOString(), dueAt: sendAt.toISOString(), dueBucket: dueBucket(sendAt) } : {}),
  });
}

/**
 * What a version of the plan announces: an invitation with its calendar entry (REQUEST, the
 * case's UID, the version's SEQUENCE) to each invitee, and an SMS to the family with the day and
 * time, unless it is the time the family knows (`familyKnows`, visitKnown: only the meeting point
 * or the length changed, or a move back): planned when it knows of no visit, moved when it knows
 * another time. Pure.
 */
export function decideVisitNotices(c: CaseItem, plan: HomeVisitPlan, muni: Municipality, now: Date, familyKnows: string | undefined): IntentItem[] {
  const source = planSource(c.caseId, plan.sequence);
  const intents = invitations(c, plan, muni, now, source, 'REQUEST');
  if (familyKnows !== undefined && Date.parse(familyKnows) === Date.parse(plan.start)) return intents;
  const sms = familySms(
    c,
    {
      intentId: intentId(source, 'visit.family'),
      sourceId: source,
      purpose: 'visit.family',
      template: familyKnows === undefined ? 'visit.returnee.planned' : 'visit.returnee.moved',
      // The time it moves from is kept (the SMS does not say it): should the next change replace this SMS unsent, it is what the family knows.
      data: { ...fromCoordinator(c, muni), start: plan.start, ...(familyKnows ? { previousStart: familyKnows } : {}) },
    },
    now,
  );
  return [...intents, sms];
}

/**
 * The visit time the family knows (knownTime), before a change of `current`: none unless a plan is
 * on; the current version's SMS, if any, is the one a change replaces, and while it is unsent the
 * family knows what that SMS moved from (none, for a "planned" one).
 */
function visitKnown(caseId: string, intents: readonly IntentItem[], current: HomeVisitPlan | undefined, now: Date): Known<string | undefined> {
  if (current?.status !== 'planned') return { known: undefined, replaces: [] };
  const last = intents.find((i) => i.purpose === 'visit.family' && i.sourceId === planSource(caseId, current.sequence));
  // A "moved" SMS written before it kept the time it moves from (2026-12-06) moved from the plan's previous start.
  const from = (held: IntentItem) => held.data.previousStart ?? (held.template === 'visit.returnee.moved' ? current.previousStart : undefined);
  return knownTime<string | undefined>(last, current.start, (held) => {
    const before = from(held);
    return typeof before === 'string' ? before : undefined;
  }, now);
}

/** The family SMS of the plan's versions that went out (or may have): its version. */
function familyToldOf(caseId: string, intents: readonly IntentItem[]): number | undefined {
  let latest: number | undefined;
  for (const i of intents) {
    if (i.purpose !== 'visit.family' || !aboutVisitPlan(i, caseId) || !wentOut(i)) continue;
    const version = Number(i.sourceId!.slice(visitPlanPrefix(caseId).length));
    if (latest === undefined || version > latest) latest = version;
  }
  return latest;
}

/**
 * What calling off the plan announces: the calendar's cancellation (CANCEL, the next SEQUENCE)
 * to each invitee (delivery sends it only to one sent an invitation: invitedNotYet), and, when
 * the family was told of the visit (`familyTold`, the time it knows), an SMS that the visit they
 * were told of is off. Pure. Their ids derive from the cancelled version, and they are marked
 * call-off (call-off.ts) so no cancelling stops them.
 */
export function decideVisitCallOff(c: CaseItem, cancelled: HomeVisitPlan, muni: Municipality, now: Date, familyTold: { start: string } | undefined): IntentItem[] {
  const source = callOffSource(planSource(c.caseId, cancelled.sequence));
  const intents = invitations(c, cancelled, muni, now, source, 'CANCEL');
  if (!familyTold) return intents;
  const coordinator = caseCoordinator(muni, c);
  const sms = familySms(
    c,
    {
      intentId: intentId(source, 'visit.family'),
      sourceId: source,
      purpose: 'visit.family',
      template: 'visit.returnee.cancelled',
      data: { category: c.category, municipality: muni.name, coordinatorOffice: muni.coordinatorOffice, coordinatorPhone: coordinator.phone, start: familyTold.start },
    },
    now,
  );
  return [...intents, sms];
}

/** Each invitee's email with the calendar entry: the invitation (REQUEST) or its cancellation (CANCEL), for the plan's version. */
function invitations(c: CaseItem, plan: HomeVisitPlan, muni: Municipality, now: Date, source: string, method: CalendarInvite['method']): IntentItem[] {
  const coordinator = caseCoordinator(muni, c);
  const data: VisitInvitationData = {
    smrCaseId: c.smrCaseId,
    category: c.category,
    coordinatorOffice: muni.coordinatorOffice,
    coordinator: { name: coordinator.name, email: coordinator.email, phone: coordinator.phone },
    householdSize: c.household.length,
    start: plan.start,
    end: plan.end,
    ...(plan.meetAt ? { meetAt: plan.meetAt } : {}),
    ...(plan.previousStart ? { previousStart: plan.previousStart } : {}),
  };
  return visitInvitees(muni).map((to) => {
    const lang = to.languages[0]!;
    const calendar: CalendarInvite = {
      uid: visitUid(c.caseId),
      sequence: plan.sequence,
      method,
      start: plan.start,
      end: plan.end,
      timeZone: 'Europe/Belgrade',
      summary: visitSummary(c.smrCaseId, lang),
      location: plan.meetAt ?? localName(muni.coordinatorOffice, lang),
      organizer: { name: coordinator.name, email: coordinator.email },
      attendee: { email: to.email, name: to.name },
      // The same intent renders the same bytes on every attempt.
      stamp: plan.plannedAt,
    };
    const purpose = method === 'CANCEL' ? VISIT_CANCEL : VISIT_INVITE;
    return intentItem({ caseId: c.caseId }, {
      intentId: intentId(source, purpose, to.id),
      caseId: c.caseId,
      municipalityId: c.municipalityId,
      sourceId: source,
      purpose,
      channel: 'email',
      template: method === 'CANCEL' ? 'visit.office.cancelled' : 'visit.office.invitation',
      languages: to.languages,
      recipient: to.email,
      data: { ...data, calendar } as unknown as Record<string, unknown>,
      status: 'queued',
      attempts: 0,
      createdAt: now.toISOString(),
      expiresAt: c.expiresAt,
    });
  });
}

/**
 * The SMS at registration: who follows the case (the coordinator's first name), their work
 * phone and that a visit comes within days; a foreigner's never speaks of return. Its id is the
 * case's, so it is written once, with the case.
 */
export function welcomeSms(c: CaseItem, muni: Municipality, now: Date): IntentItem {
  return familySms(
    c,
    {
      intentId: intentId(c.caseId, 'case.welcome'),
      sourceId: c.caseId,
      purpose: 'case.welcome',
      template: c.category === 'foreigner' ? 'case.foreigner.welcome' : 'case.returnee.welcome',
      data: fromCoordinator(c, muni),
    },
    now,
  );
}

const invalid = (message: string, code?: RefusalCode, values?: Record<string, number>) => ({
  ok: false as const,
  problem: { kind: 'invalid' as const, field: 'at', message, ...(code ? { code } : {}), ...(values ? { values } : {}) },
});

/**
 * Plans the joint home visit, or moves it: the same time again (a retried request) writes and
 * sends nothing; another time (or meeting point, or length) is the next version, whose invitations
 * replace the calendar entry the offices hold, and whose SMS tells the family the new day and time
 * unless it is the one they know (visitKnown: the family's SMS it replaces is cancelled with the
 * write). A version's other notices still unsent when the next one is made are cancelled after;
 * should that not happen, delivery's last check stops them (visit-plan.ts).
 */
export async function planHomeVisit(caseId: string, input: PlanVisitInput, deps: IntakeDeps, actor: Actor): Promise<IntakeResult<HomeVisitPlan & { invited: string[] }>> {
  const now = deps.clock.now();
  const start = new Date(input.at);
  const end = new Date(start.getTime() + input.durationMinutes * 60_000);
  if (start.getTime() <= now.getTime()) return invalid('must be in the future', 'not-in-future');
  if (start.getTime() > now.getTime() + VISIT_DAYS_AHEAD * 86_400_000) return invalid(`at most ${VISIT_DAYS_AHEAD} days ahead`, 'too-far-ahead', { days: VISIT_DAYS_AHEAD });
  const why = outsideWorkingTime(start.toISOString(), end.toISOString(), deps.holidays);
  if (why) return invalid(`${why}: the social work centre and the regional reintegration office (DRPR / DRPRIH) join the visit, so it is planned in their working time`, 'outside-working-time');

  const view = await deps.cases.view(caseId);
  const c = view?.case;
  if (!view || !c || c.status === 'closed') return { ok: false, problem: { kind: 'not-found', message: `no open case ${caseId}` } };
  if (c.homeVisitAt) return { ok: false, problem: { kind: 'stale', field: 'at', message: 'the home visit is already recorded', code: 'visit-recorded' } };
  const muni = deps.directory.municipality(c.municipalityId);
  if (!muni) return { ok: false, problem: { kind: 'not-found', message: `no municipality ${c.municipalityId}` } };
  const invited = visitInvitees(muni).map((i) => i.id);

  const current = c.homeVisitPlan;
  const wanted = { start: start.toISOString(), end: end.toISOString(), meetAt: input.meetAt };
  if (current?.status === 'planned' && current.start === wanted.start && current.end === wanted.end && current.meetAt === wanted.meetAt) {
    // A retried move whose first attempt wrote the plan but failed to cancel the older version's notices.
    if (current.sequence > 0) await deps.timers.cancelPending(caseId, (s) => aboutVisitPlan(s, caseId, current.sequence), now.toISOString());
    return { ok: true, value: { ...current, invited } };
  }
  const plan: HomeVisitPlan = {
    start: wanted.start,
    end: wanted.end,
    ...(wanted.meetAt ? { meetAt: wanted.meetAt } : {}),
    sequence: current ? current.sequence + 1 : 0,
    status: 'planned',
    // A plan made after one was called off is a new invitation, not a move.
    ...(current?.status === 'planned' ? { previousStart: current.start } : {}),
    plannedAt: now.toISOString(),
  };
  const decide = (intents: readonly IntentItem[]) => {
    const told = visitKnown(caseId, intents, current, now);
    return told === 'sending' ? told : { intents: decideVisitNotices(c, plan, muni, now, told.known), replaces: told.replaces };
  };
  const written = await withNotice(view.intents, rereadIntents(caseId, deps.cases), decide, (notice) => deps.cases.planHomeVisit(caseId, plan, current?.sequence, notice, actor));
  if (written === 'sending') return smsBeingSent('at', caseId);
  if (written !== 'written') {
    return { ok: false, problem: { kind: 'stale', field: 'at', message: 'the visit was planned or recorded by someone else meanwhile; reload and retry', code: 'changed-meanwhile' } };
  }
  // The older versions' invitations still unsent are superseded (the family's SMS went with the write).
  // Delivery's last check would stop them too (visitMovedOn), should this not run (the function
  // dies first) or miss one being claimed; cancelled here, they end without a delivery attempt.
  if (current) await deps.timers.cancelPending(caseId, (s) => aboutVisitPlan(s, caseId, plan.sequence), now.toISOString());
  return { ok: true, value: { ...plan, invited } };
}

/** The plan as called off: the next version, so that the calendar's cancellation supersedes every invitation sent. */
function calledOff(plan: HomeVisitPlan, at: string): HomeVisitPlan {
  const { previousStart: _moved, doneAt: _done, ...rest } = plan;
  return { ...rest, sequence: plan.sequence + 1, status: 'cancelled', plannedAt: at };
}

/**
 * Calls off the planned joint home visit (DELETE /cases/{caseId}/home-visit/plan): the plan becomes its
 * next version, `cancelled`, written with its notices (decideVisitCallOff), naming the time the
 * family knows (visitKnown), and the family's SMS still unsent cancelled in the same write: a
 * family never told of the visit is not told it is off either. The earlier versions' other
 * notices still unsent are cancelled after (and, should that not happen, stopped by delivery's
 * last check: visit-plan.ts). A retry of a call-off that was written finds the plan cancelled: it
 * cancels again and answers as the first time. The 72-hour visit reminders go on: the visit is
 * still to be made.
 */
export async function cancelHomeVisit(caseId: string, deps: IntakeDeps, actor: Actor): Promise<IntakeResult<HomeVisitPlan>> {
  const now = deps.clock.now();
  const view = await deps.cases.view(caseId);
  const c = view?.case;
  if (!view || !c || c.status === 'closed') return { ok: false, problem: { kind: 'not-found', message: `no open case ${caseId}` } };
  const current = c.homeVisitPlan;
  if (current?.status === 'cancelled') {
    await deps.timers.cancelPending(caseId, (s) => aboutVisitPlan(s, caseId, current.sequence), now.toISOString());
    return { ok: true, value: current };
  }
  if (!current || current.status !== 'planned' || c.homeVisitAt) {
    return { ok: false, problem: { kind: 'not-found', message: `no planned home visit in case ${caseId}` } };
  }
  const muni = deps.directory.municipality(c.municipalityId);
  if (!muni) return { ok: false, problem: { kind: 'not-found', message: `no municipality ${c.municipalityId}` } };
  const plan = calledOff(current, now.toISOString());
  const decide = (intents: readonly IntentItem[]) => {
    const told = visitKnown(caseId, intents, current, now);
    if (told === 'sending') return told;
    // Told of a time only if an SMS about the visit went out (a failed one asked the coordinator to call).
    const known = familyToldOf(caseId, intents) === undefined ? undefined : told.known;
    return { intents: decideVisitCallOff(c, plan, muni, now, known ? { start: known } : undefined), replaces: told.replaces };
  };
  const written = await withNotice(view.intents, rereadIntents(caseId, deps.cases), decide, (notice) => deps.cases.planHomeVisit(caseId, plan, current.sequence, notice, actor));
  if (written === 'sending') return smsBeingSent('homeVisitPlan', caseId);
  if (written !== 'written') {
    return { ok: false, problem: { kind: 'stale', field: 'homeVisitPlan', message: 'the visit was moved or recorded by someone else meanwhile; reload and retry', code: 'changed-meanwhile' } };
  }
  // As after a move: saves the delivery attempts that visitMovedOn would end.
  await deps.timers.cancelPending(caseId, (s) => aboutVisitPlan(s, caseId, plan.sequence), now.toISOString());
  return { ok: true, value: plan };
}

/**
 * Closing a case calls off its planned visit: the invitees get the calendar's cancellation. The
 * family gets no SMS: nothing goes to a closed case's family (its reasons include a death, a
 * move away, a number no longer theirs); the coordinator closing it has spoken with them. The plan
 * item is left as it was (the closed case's page shows no plan); the notices' ids derive from it,
 * and their calendar stamp from the closing, so a retried close writes them once.
 */
export async function callOffVisitOfClosedCase(c: CaseItem, deps: Pick<IntakeDeps, 'directory' | 'clock' | 'intents' | 'retentionDays'>): Promise<number> {
  const plan = c.homeVisitPlan;
  if (c.status !== 'closed' || !c.closedAt || plan?.status !== 'planned' || c.homeVisitAt) return 0;
  const muni = deps.directory.municipality(c.municipalityId);
  if (!muni) return 0;
  let written = 0;
  // Expiring with the closed case's other items (expire-closed-cases may have set theirs already).
  const expiresAt = closedCaseExpiry(c.closedAt, deps.retentionDays);
  for (const notice of decideVisitCallOff(c, calledOff(plan, c.closedAt), muni, deps.clock.now(), undefined)) {
    if (await deps.intents.putIfAbsent({ ...notice, expiresAt })) written++;
  }
  return written;
}
