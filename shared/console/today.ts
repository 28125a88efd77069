import type { Municipality } from '../directory/schema.js';
import { addDays, localDate, localTime } from '../domain/calendar.js';
import { clockStartDate } from '../domain/case.js';
import { isSensitive } from '../domain/vocabulary.js';
import { agendaCounts, readWorklists, type WorklistDeps } from '../meetings/agenda.js';
import { lastDayBefore } from '../messages/render.js';
import { caseListing } from '../store/case.js';
import { overdueMeasures } from '../store/case-file.js';
import type { ReferralItem } from '../store/referral.js';
import { visitDeadline } from '../timers/plan.js';
import { presentCannotCome, presentFollowUp } from './follow-ups.js';

/** Days of appointments, deadlines and meetings the Today page looks ahead (today included). */
export const TODAY_AHEAD_DAYS = 7;
/**
 * How far back an arrival without a recorded home visit is still listed. The visit is due 72
 * hours after arrival; a month on it is no longer a task for the day but a gap in the case.
 */
export const VISIT_LOOKBACK_DAYS = 31;

function referralLine(r: ReferralItem, muni: Municipality) {
  const office = muni.offices.find((o) => o.id === r.officeId);
  return {
    caseId: r.caseId,
    smrCaseId: r.smrCaseId ?? r.caseId,
    referralId: r.referralId,
    officeKind: r.officeKind,
    officeId: r.officeId,
    ...(office ? { office: office.name } : {}),
    need: r.need,
    // The case shows the need to its coordinator; this says to show it discreetly, as the agendas do.
    sensitive: isSensitive(r),
    status: r.status,
  };
}

/**
 * The coordinator's day in one read of each list: what is overdue or flagged, declined and not
 * yet referred again, nearing closure, failed and to be passed on by phone or visit (from the same
 * read as GET …/worklists, so each list's length is that route's count), plus the home visits
 * due, the week's appointments, deadlines and meetings, the families who said on their page that
 * they cannot come (told "your coordinator will call you": as GET …/follow-ups lists them) and the
 * waiting referrals blocked for the coordinator to decide. Case lines carry ids, the SMR id and
 * what and when: no names, no phone numbers (GET /cases/{id} has the rest).
 */
export async function readToday(muni: Municipality, now: Date, deps: WorklistDeps) {
  const today = localDate(now);
  const dayStart = localTime(today, 0).toISOString();
  const weekEnd = localTime(addDays(today, TODAY_AHEAD_DAYS), 0).toISOString();
  // The open-cases list is sorted by closure date (arrival + 18 months), so recent arrivals are one range of it.
  const closureOf = (arrivalDate: string) => caseListing({ municipalityId: muni.id, arrivalDate, caseId: '' }).listSort.split('#')[0]!;
  const oldestVisit = addDays(today, -VISIT_LOOKBACK_DAYS);
  const [w, recent, appointments, meetings, cannotCome, blocked] = await Promise.all([
    readWorklists(muni, now, deps),
    deps.worklists.openCases(muni.id, { from: closureOf(oldestVisit), through: closureOf(today) }),
    deps.worklists.appointments(muni.id, { from: dayStart, through: weekEnd }),
    deps.worklists.meetings(muni.id, { from: dayStart, through: weekEnd }),
    deps.worklists.cannotCome(muni.id),
    deps.worklists.blocked(muni.id),
  ]);
  const visits = recent
    // The closure-date range is a day or so wider than the arrivals (month ends): the clocks' start (a foreigner's permit) decides.
    .filter((c) => !c.homeVisitAt && c.status === 'open' && clockStartDate(c) >= oldestVisit && clockStartDate(c) <= today);
  // readWorklists has read the SMR ids of the failed notifications' cases for its action points.
  const failedSmr = new Map(w.items.failedDeliveries.map((i, n) => [i.caseId!, w.failedDeliveries[n]!.smrCaseId]));
  // A page answer names no SMR id either; the few cases not read already are read one by one.
  for (const caseId of new Set(cannotCome.map((a) => a.caseId))) {
    if (!failedSmr.has(caseId)) failedSmr.set(caseId, (await deps.cases.get(caseId))?.smrCaseId ?? caseId);
  }

  const lines = {
    overdue: w.items.overdue.map((r) => ({
      ...referralLine(r, muni),
      ackDueDate: r.ackDueDate,
      ...(r.sentAt ? { sentAt: r.sentAt } : {}),
      // The reminder ladder ran out: the coordinator is to call the office.
      flagged: Boolean(r.flaggedAt),
      ...(r.flaggedAt ? { flaggedAt: r.flaggedAt } : {}),
    })),
    declined: w.items.declined.map((r) => ({
      ...referralLine(r, muni),
      ...(r.declineReason ? { declineReason: r.declineReason } : {}),
      answeredAt: r.answeredAt ?? r.createdAt,
    })),
    nearingClosure: w.items.nearingClosure.map((c) => ({ caseId: c.caseId, smrCaseId: c.smrCaseId, arrivalDate: c.arrivalDate, closureDate: (c.listSort ?? '').slice(0, 10) })),
    followUps: w.items.failedDeliveries.map((i) => presentFollowUp(i, failedSmr.get(i.caseId!))),
    cannotCome: cannotCome.map((a) => presentCannotCome(a, failedSmr.get(a.caseId))),
    blocked: blocked.map((r) => ({ ...referralLine(r, muni), ...(r.dependsOn ? { dependsOn: r.dependsOn } : {}), ...(r.blockedBecause ? { because: r.blockedBecause } : {}), ...(r.blockedAt ? { since: r.blockedAt } : {}) })),
    homeVisits: visits.map((c) => {
      const deadline = visitDeadline(c);
      return {
        caseId: c.caseId,
        smrCaseId: c.smrCaseId,
        coordinatorId: c.coordinatorId,
        arrivalDate: c.arrivalDate,
        householdSize: c.household.length,
        deadline: deadline.toISOString(),
        // The day to name ("by the end of …"), as the emails and digests do: the deadline's own date reads a day late.
        lastDay: lastDayBefore(deadline.toISOString()),
        overdue: deadline.getTime() < now.getTime(),
      };
    }),
    appointments: appointments
      .filter((a) => a.status === 'scheduled')
      .map((a) => ({
        caseId: a.caseId,
        smrCaseId: a.smrCaseId ?? a.caseId,
        appointmentId: a.appointmentId,
        kind: a.kind,
        when: a.when,
        title: a.title,
        where: a.where,
        ...(a.bring ? { bring: a.bring } : {}),
      })),
    measuresOverdue: w.items.measuresOverdue.flatMap((p) =>
      overdueMeasures(p, today).map((m) => ({
        caseId: p.caseId,
        smrCaseId: p.smrCaseId,
        measureId: m.measureId,
        goal: m.goal,
        dueDate: m.dueDate,
        status: m.status,
        ...(m.officeId ? { officeId: m.officeId } : {}),
        ...('organisation' in m.responsible ? { organisation: m.responsible.organisation } : {}),
      })),
    ),
    meetings: meetings
      .filter((m) => m.status !== 'cancelled')
      .map((m) => ({ meetingId: m.meetingId, kind: m.kind, ...(m.title ? { title: m.title } : {}), start: m.start, end: m.end, location: m.location, status: m.status })),
  };
  const counts = agendaCounts(w);
  return {
    municipalityId: muni.id,
    at: now.toISOString(),
    today,
    until: addDays(today, TODAY_AHEAD_DAYS - 1),
    counts: {
      overdue: counts.overdue,
      flagged: lines.overdue.filter((r) => r.flagged).length,
      declined: counts.declined,
      nearingClosure: counts.nearingClosure,
      followUps: counts.failedDeliveries,
      cannotCome: lines.cannotCome.length,
      blocked: lines.blocked.length,
      homeVisits: lines.homeVisits.length,
      appointments: lines.appointments.filter((a) => a.kind === 'appointment').length,
      deadlines: lines.appointments.filter((a) => a.kind === 'deadline').length,
      meetings: lines.meetings.length,
      measuresOverdue: lines.measuresOverdue.length,
    },
    ...lines,
  };
}
