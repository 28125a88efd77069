import type { Actor } from '../domain/actor.js';
import { ulid } from 'ulidx';
import { clockStartDate, type AppointmentInput, type RescheduleInput } from '../domain/case.js';
import { localDate } from '../domain/calendar.js';
import { CANCELLABLE, WITHDRAWABLE } from '../domain/referral-state.js';
import type { CloseInput } from '../domain/case-file.js';
import { renderAny, sensitiveLabelsIn } from '../messages/index.js';
import { applySmsPolicy } from '../messages/sms-policy.js';
import { appointmentItem, type AppointmentItem } from '../store/appointment.js';
import type { CaseItem } from '../store/case.js';
import type { IntentItem } from '../store/intent.js';
import type { CaseView, ChangeNotice, PendingSubject } from '../store/ports.js';
import { stillPending } from '../store/timer.js';
import { appointmentReminderData, appointmentReminderTemplates } from '../timers/decide.js';
import { caseCoordinator } from '../directory/coordinator.js';
import { homeVisitDone } from '../store/indicators.js';
import { appointmentTimers, visitDeadline } from '../timers/plan.js';
import type { IntakeResult } from '../domain/result.js';
import { appointmentCancelledSms, appointmentMovedSms } from './appointment-changes.js';
import { rereadIntents, smsBeingSent, withNotice } from './known-time.js';
import { aboutVisitPlan } from './home-visit.js';
import type { IntakeDeps } from './intake.js';
import { requested, unlessMade, type Requested } from '../domain/request.js';
import { isCallOffNotice } from '../delivery/call-off.js';
import { callOffOnClose, tellOfficeReferralCancelled } from './withdrawn.js';

/**
 * What changes a case's clocks: the home visit stops its reminders, appointments plan theirs,
 * cancelling a referral or closing a case cancels what is pending. Every change to a subject is
 * written first; its pending timers and unsent intents are cancelled after, and a timer that
 * still fires in between finds its subject moved on and sends nothing (see timers/decide.ts).
 * Should that cancelling fail (throttled), the client's retry finds the change already written,
 * cancels again (cancelPending is idempotent: otherwise what was queued for the case would still go
 * out) and answers as the first attempt would have: the change is made.
 */

const notFound = (caseId: string) => ({ ok: false as const, problem: { kind: 'not-found' as const, message: `no open case ${caseId}` } });

/** A timer's or intent's appointment id and version, from its id `<apptId>#<kind>#<version>`. */
function aboutAppointment(item: { timerId?: string; sourceId?: string; subjectId?: string }, appointmentId: string, keepVersion?: number): boolean {
  const id = item.timerId ?? item.sourceId;
  if (!id?.startsWith(`${appointmentId}#`)) return false;
  return keepVersion === undefined || Number(id.split('#').pop()) !== keepVersion;
}

/**
 * The appointment's reminder SMS, rendered now as they will be sent, must be sendable: the
 * coordinator who typed the title, place and what to bring hears it at once, rather than the
 * reminder being refused at 19:00 the evening before. Its text may name no sensitive need or
 * category, which the renderer refuses (a 500 the coordinator could only retry); checked whatever
 * the SMS consent, since the household's page shows the text and consent can be given later. And
 * it must fit the municipality's segment cap (SegmentCapExceeded otherwise).
 */
function remindersTooLong(a: Pick<AppointmentItem, 'kind' | 'when' | 'title' | 'where' | 'bring'>, theCase: CaseItem, deps: IntakeDeps) {
  for (const field of ['title', 'where', 'bring'] as const) {
    // Spaces collapsed as the SMS's slots collapse them (messages/reminders.ts), which then check it.
    const [label] = sensitiveLabelsIn((a[field] ?? '').replace(/\s+/g, ' '));
    if (label === undefined) continue;
    return {
      ok: false as const,
      problem: {
        kind: 'invalid' as const,
        field,
        message: `names a sensitive need or category ("${label}"), which the household's SMS and page never say; reword it, e.g. with the office's name`,
        code: 'sensitive-words' as const,
      },
    };
  }
  if (!theCase.consent.sms || !theCase.phone) return undefined;
  const muni = deps.directory.municipality(theCase.municipalityId);
  if (!muni) return undefined;
  const policy = deps.directory.smsPolicy(muni.id);
  const data = appointmentReminderData(a, muni, caseCoordinator(muni, theCase), theCase);
  for (const template of appointmentReminderTemplates(a.kind)) {
    const sms = renderAny(template, data, [theCase.language]).sms;
    if (sms === undefined) continue;
    const fitted = applySmsPolicy(sms, theCase.language, policy);
    if (fitted.withinCap) continue;
    // Name the longest free text: the one most worth shortening.
    const texts = (['bring', 'where', 'title'] as const).filter((f) => a[f]);
    const field = texts.sort((x, y) => a[y]!.length - a[x]!.length)[0] ?? 'title';
    return {
      ok: false as const,
      problem: {
        kind: 'invalid' as const,
        field,
        message: `the reminder SMS would take ${fitted.stats.segments} segments, more than the ${policy.maxSegments} this municipality allows; shorten title, where or bring`,
        code: 'segment-cap' as const,
        values: { segments: fitted.stats.segments, max: policy.maxSegments },
      },
    };
  }
  return undefined;
}

export async function recordHomeVisit(caseId: string, visitedAt: string | undefined, deps: IntakeDeps): Promise<IntakeResult<{ homeVisitAt: string }>> {
  const now = deps.clock.now().toISOString();
  const at = visitedAt ?? now;
  if (Date.parse(at) > Date.parse(now) + 60_000) {
    return { ok: false, problem: { kind: 'invalid', field: 'visitedAt', message: 'a visit cannot be recorded in the future', code: 'visit-in-future' } };
  }
  const theCase = await deps.cases.get(caseId);
  // A visit before the family arrived (a slip of the year, say) would count as "within 72 hours" in a quarter the case was not in.
  const start = theCase ? clockStartDate(theCase) : undefined;
  if (start && localDate(new Date(at)) < start) {
    return { ok: false, problem: { kind: 'invalid', field: 'visitedAt', message: `before the case began (${start})`, code: 'before-case-start' } };
  }
  const plan = theCase?.homeVisitPlan;
  const done = plan && plan.status === 'planned' ? { ...plan, status: 'done' as const, doneAt: at } : undefined;
  // The plans count a case's visit once, and whether it came within 72 hours of the clocks' start.
  const firstVisit = theCase && !theCase.homeVisitAt ? homeVisitDone(theCase.category, at, visitDeadline(theCase).toISOString()) : undefined;
  if (!(await deps.cases.recordHomeVisit(caseId, at, done, firstVisit))) return notFound(caseId);
  // The 72-hour reminders stop, and so does any notice of the plan still unsent: the visit took place.
  await deps.timers.cancelPending(caseId, (i) => (i.timerId ?? i.sourceId ?? '').startsWith(`${caseId}#visit.`) || aboutVisitPlan(i, caseId), now);
  return { ok: true, value: { homeVisitAt: at } };
}

/**
 * A new appointment or deadline and its reminders. With a requestId (`actor` given), a retry
 * answers with the appointment its first attempt made (`created` false): the family is reminded
 * once, and a retry is not refused for what changed since (its time passed, the case closed).
 */
export async function createAppointment(caseId: string, input: AppointmentInput, deps: IntakeDeps, actor?: Actor): Promise<IntakeResult<AppointmentItem> & { created?: boolean }> {
  const request = actor && requested('appointment', caseId, actor, input);
  const out = await newAppointment(caseId, input, deps, request);
  return out.ok ? out : unlessMade(out.problem, request, (id) => deps.appointments.get(caseId, id));
}

async function newAppointment(caseId: string, input: AppointmentInput, deps: IntakeDeps, request: Requested | undefined): Promise<IntakeResult<AppointmentItem> & { created?: true }> {
  const now = deps.clock.now();
  if (Date.parse(input.when) <= now.getTime()) {
    return { ok: false, problem: { kind: 'invalid', field: 'when', message: 'must be in the future', code: 'not-in-future' } };
  }
  const theCase = await deps.cases.get(caseId);
  if (!theCase || theCase.status === 'closed') return notFound(caseId);
  const appointmentId = request?.id ?? ulid(now.getTime());
  const item = appointmentItem({
    appointmentId,
    caseId,
    kind: input.kind,
    when: new Date(input.when).toISOString(),
    title: input.title,
    where: input.where,
    ...(input.bring ? { bring: input.bring } : {}),
    version: 1,
    status: 'scheduled',
    ...(request ? { requestHash: request.requestHash } : {}),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: theCase.expiresAt,
    smrCaseId: theCase.smrCaseId,
  });
  const tooLong = remindersTooLong(item, theCase, deps);
  if (tooLong) return tooLong;
  // Refused: the case closed meanwhile, or (only an id derived from a requestId is ever taken) a retry.
  if (!(await deps.appointments.create(item, appointmentTimers(item, now), theCase.municipalityId))) return notFound(caseId);
  return { ok: true, value: item, created: true };
}

export async function rescheduleAppointment(
  caseId: string,
  appointmentId: string,
  input: RescheduleInput,
  deps: IntakeDeps,
): Promise<IntakeResult<AppointmentItem>> {
  const now = deps.clock.now();
  if (input.when && Date.parse(input.when) <= now.getTime()) {
    return { ok: false, problem: { kind: 'invalid', field: 'when', message: 'must be in the future', code: 'not-in-future' } };
  }
  const view = await deps.cases.view(caseId);
  const current = view?.appointments.find((a) => a.appointmentId === appointmentId);
  if (!view || view.case.status === 'closed' || !current || current.status !== 'scheduled') {
    return { ok: false, problem: { kind: 'not-found', message: `no scheduled appointment ${appointmentId} in an open case ${caseId}` } };
  }
  const changed = {
    ...(input.when ? { when: new Date(input.when).toISOString() } : {}),
    ...(input.title ? { title: input.title } : {}),
    ...(input.where ? { where: input.where } : {}),
    // Cleared (null) as left out of the item: the Put that writes the next version drops it.
    ...(input.bring !== undefined ? { bring: input.bring ?? undefined } : {}),
  };
  if (input.version !== undefined && input.version !== current.version) {
    // The caller's own change, already written (a retry after a lost answer): nothing to write, but
    // the older versions' reminders are cancelled again, in case that failed the first time.
    if (Object.entries(changed).every(([k, v]) => current[k as keyof typeof changed] === v)) {
      await deps.timers.cancelPending(caseId, (i) => aboutAppointment(i, appointmentId, current.version), now.toISOString());
      return { ok: true, value: current };
    }
    return { ok: false, problem: { kind: 'stale', field: 'version', message: `changed by someone else meanwhile (now version ${current.version}); reload and retry`, code: 'changed-meanwhile' } };
  }
  const next: AppointmentItem = { ...current, ...changed, version: current.version + 1, updatedAt: now.toISOString() };
  const tooLong = remindersTooLong(next, view.case, deps);
  if (tooLong) return tooLong;
  const timers = appointmentTimers(next, now);
  const decide = (intents: readonly IntentItem[]) => appointmentMovedSms(view.case, intents, current, next, deps.directory, now);
  const write = (notice: ChangeNotice) => deps.appointments.reschedule(current, next, timers, view.case.municipalityId, notice);
  const written = await withNotice(view.intents, rereadIntents(caseId, deps.cases), decide, write);
  if (written === 'sending') return smsBeingSent('appointmentId', caseId);
  if (written !== 'written') {
    const field = input.version === undefined ? 'appointmentId' : 'version';
    return { ok: false, problem: { kind: 'conflict', field, message: 'changed by someone else meanwhile; reload and retry', code: 'changed-meanwhile', existingCaseId: caseId } };
  }
  await deps.timers.cancelPending(caseId, (i) => aboutAppointment(i, appointmentId, next.version), now.toISOString());
  return { ok: true, value: next };
}

export async function cancelAppointment(caseId: string, appointmentId: string, deps: IntakeDeps): Promise<IntakeResult<{ status: 'cancelled' }>> {
  const now = deps.clock.now().toISOString();
  const view = await deps.cases.view(caseId);
  const current = view?.appointments.find((a) => a.appointmentId === appointmentId);
  const decide = (intents: readonly IntentItem[]) => (view && current ? appointmentCancelledSms(view.case, intents, current, deps.directory, new Date(now)) : undefined);
  const write = (notice: ChangeNotice | undefined) => deps.appointments.cancel(caseId, appointmentId, now, current && notice && { version: current.version, ...notice });
  const written = await withNotice(view?.intents ?? [], rereadIntents(caseId, deps.cases), decide, write);
  if (written === 'sending') return smsBeingSent('appointmentId', caseId);
  if (written !== 'written') {
    const stored = await deps.appointments.get(caseId, appointmentId);
    // Moved by someone else between the read and the cancel (held to the version read, so that the
    // family's SMS names the right time): still on, so say so rather than "not found".
    if (stored?.status === 'scheduled') {
      return { ok: false, problem: { kind: 'conflict', field: 'appointmentId', message: 'changed by someone else meanwhile; reload and retry', code: 'changed-meanwhile', existingCaseId: caseId } };
    }
    if (stored?.status !== 'cancelled') {
      return { ok: false, problem: { kind: 'not-found', message: `no scheduled appointment ${appointmentId} in case ${caseId}` } };
    }
    // Already cancelled (a retry after a lost answer): what it asked for is so.
    await deps.timers.cancelPending(caseId, (i) => aboutAppointment(i, appointmentId), now);
    return { ok: true, value: { status: 'cancelled' } };
  }
  await deps.timers.cancelPending(caseId, (i) => aboutAppointment(i, appointmentId), now);
  return { ok: true, value: { status: 'cancelled' } };
}

/**
 * The coordinator cancels a referral nobody has answered, or withdraws an accepted one whose
 * outcome has not come back (the family moved away, found work): the same steps either way.
 */
export async function cancelReferral(caseId: string, referralId: string, reason: string, deps: IntakeDeps, actor: Actor): Promise<IntakeResult<{ status: 'cancelled' }>> {
  const now = deps.clock.now().toISOString();
  if (!(await deps.referrals.cancel(caseId, referralId, reason, now, actor, WITHDRAWABLE))) {
    if ((await deps.referrals.get(caseId, referralId))?.status !== 'cancelled') {
      return { ok: false, problem: { kind: 'not-found', message: `no referral ${referralId} in case ${caseId} that is unanswered, or accepted and awaiting its outcome` } };
    }
    // Already cancelled (a retry after a lost answer): what it asked for is so.
    await deps.timers.cancelPending(caseId, (i) => !isCallOffNotice(i) && (i.subjectId === referralId || i.referralId === referralId), now);
    await tellOfficeReferralCancelled(caseId, referralId, deps);
    return { ok: true, value: { status: 'cancelled' } };
  }
  await deps.timers.cancelPending(caseId, (i) => !isCallOffNotice(i) && (i.subjectId === referralId || i.referralId === referralId), now);
  await tellOfficeReferralCancelled(caseId, referralId, deps);
  return { ok: true, value: { status: 'cancelled' } };
}

/** The cancel reason of a referral left unanswered when its case closed (the coordinator never picks it). */
export const CASE_CLOSED = 'case_closed';

/**
 * What a closed case leaves behind: nothing pending goes out, its unanswered referrals (sent,
 * created, waiting) are cancelled as `case_closed`, and nothing of it stays on the coordinators'
 * lists (overdue, declined, blocked, appointments, follow-ups, "I cannot come"), which the console,
 * the agendas and the digests read. Each step is idempotent, so a retried close repeats them all.
 * A closed case is never reopened (there is no such route): what is cancelled here stays so.
 *
 * All from one read of the closed case (`read`): each write is conditional on what it was read
 * as, so one that moved on since is refused, never overridden. What the steps wrote themselves is
 * known (the referrals this closing cancelled left their lists with the move); should anything
 * have moved on since the read (a message claimed for sending, a referral answered), the case is
 * read again before the call-off notices are decided on it, as they would be on a retry.
 */
async function settleClosed(read: CaseView, deps: IntakeDeps, actor: Actor, now: string): Promise<number> {
  const caseId = read.case.caseId;
  const callsOff = (i: PendingSubject) => !isCallOffNotice(i);
  const cancelled = await deps.timers.cancelPending(caseId, callsOff, now, read);
  let movedOn = cancelled < [...read.timers, ...read.intents].filter((i) => stillPending(i) && callsOff(i)).length;
  const closedNow = new Set<string>();
  for (const r of read.referrals.filter((r) => CANCELLABLE.includes(r.status))) {
    if (await deps.referrals.cancel(caseId, r.referralId, CASE_CLOSED, now, actor, CANCELLABLE, r)) closedNow.add(r.referralId);
    else movedOn = true;
  }
  const view = movedOn ? ((await deps.cases.view(caseId)) ?? read) : read;
  await deps.cases.delistClosed(caseId, { ...view, referrals: view.referrals.filter((r) => !closedNow.has(r.referralId)) });
  await callOffOnClose(view, closedNow, deps);
  return cancelled;
}

/**
 * Closed (with the outcome and final assessment the API requires), and nothing of it is pending or
 * listed after. Already closed (a retry after a lost answer), what it asked for is so, and its
 * clean-up is done again: the case is read after the close either way.
 */
export async function closeCase(caseId: string, deps: IntakeDeps, actor: Actor, input?: CloseInput): Promise<IntakeResult<{ status: 'closed'; cancelled: number }>> {
  const now = deps.clock.now().toISOString();
  const closure = input ? { outcome: input.outcome, ...(input.note ? { note: input.note } : {}), finalAssessment: input.finalAssessment } : undefined;
  await deps.cases.close(caseId, now, actor, closure);
  const view = await deps.cases.view(caseId);
  if (view?.case.status !== 'closed') return notFound(caseId);
  return { ok: true, value: { status: 'closed', cancelled: await settleClosed(view, deps, actor, now) } };
}
