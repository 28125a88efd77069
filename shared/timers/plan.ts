import {
  addDays,
  addMonths,
  addWorkingDays,
  dueBucket,
  localDate,
  localTime,
  onOrAfterWorkingDay,
  type HolidayCalendar,
} from '../domain/calendar.js';
import { clockStartDate } from '../domain/case.js';
import type { TimerKind } from '../domain/timer-kind.js';
import { MORNING_REMINDER_HOUR, morningReminderPlanned } from '../delivery/stale.js';
import type { AppointmentItem } from '../store/appointment.js';
import type { CaseItem } from '../store/case.js';
import type { ReferralItem } from '../store/referral.js';
import { timerId, timerItem, type TimerItem } from '../store/timer.js';

/**
 * When the plans' clocks ring. Pure: the same subject always yields the same timers (ids derived
 * from subject, kind and occurrence), so planning twice writes once.
 */
export const LADDER = {
  /** Reminders to offices and coordinators go out at the start of a working morning. */
  morningHour: 9,
  /** After the office's reminder, working days until the head of office is asked. */
  escalationWorkingDays: 3,
  /** After the escalation, working days until the coordinator is told to call. */
  flagWorkingDays: 2,
  /** Home visit: reminder and escalation, in hours after the start of the arrival day. */
  visitReminderHours: 48,
  visitDeadlineHours: 72,
  /** Returnee reminders: the evening before and the morning of (outside quiet hours). */
  eveningHour: 18,
  morningSmsHour: MORNING_REMINDER_HOUR,
  caseMonths: 18,
} as const;

export function timer(caseId: string, kind: TimerKind, subjectId: string, occurrence: number, due: Date, now: Date, expiresAt: number): TimerItem {
  // A time already past is due at once: the sweep only reads buckets from its cursor onwards.
  const at = due.getTime() < now.getTime() ? now : due;
  const id = timerId(subjectId, kind, occurrence);
  return timerItem({ caseId }, {
    timerId: id,
    caseId,
    kind,
    subjectId,
    occurrence,
    dueAt: at.toISOString(),
    dueBucket: dueBucket(at),
    status: 'pending',
    createdAt: now.toISOString(),
    expiresAt,
  });
}

function nextWorkingMorning(isoDate: string, workingDays: number, holidays: HolidayCalendar): Date {
  return localTime(addWorkingDays(localTime(isoDate, 12), workingDays, holidays), LADDER.morningHour);
}

/** The acknowledgement ladder: office reminder, head-of-office escalation, coordinator flag. */
export function referralAckTimers(referral: ReferralItem, holidays: HolidayCalendar, now: Date, occurrence = 1): TimerItem[] {
  const reminder = nextWorkingMorning(referral.ackDueDate, 1, holidays);
  const escalation = nextWorkingMorning(localDate(reminder), LADDER.escalationWorkingDays, holidays);
  const flag = nextWorkingMorning(localDate(escalation), LADDER.flagWorkingDays, holidays);
  const t = (kind: TimerKind, at: Date) => timer(referral.caseId, kind, referral.referralId, occurrence, at, now, referral.expiresAt);
  return [t('referral.ack.reminder', reminder), t('referral.ack.escalation', escalation), t('referral.ack.flag', flag)];
}

/**
 * A ladder written a rung at a time carries this occurrence (its timers' ids end in `#2`); one
 * routed before, with its three rungs at once, has 1, and its rungs write no next one.
 */
export const CHAINED_LADDER = 2;

/**
 * What routing writes of the ladder: its first rung only. Each rung, when it fires while the
 * referral still awaits its answer, writes the next (nextAckRung) in the firing's own transaction,
 * so no rung is lost; a referral answered in time (most) leaves one timer to cancel, not three,
 * and writes a third of the timers (each a sparse-index write besides).
 */
export function referralAckLadder(referral: ReferralItem, holidays: HolidayCalendar, now: Date): TimerItem[] {
  return referralAckTimers(referral, holidays, now, CHAINED_LADDER).slice(0, 1);
}

/** The rung after `rung` of a ladder written a rung at a time, when planned from the referral's acknowledge-by date; none after the flag. */
export function nextAckRung(rung: Pick<TimerItem, 'kind' | 'occurrence'>, referral: ReferralItem, holidays: HolidayCalendar, now: Date): TimerItem[] {
  if (rung.occurrence !== CHAINED_LADDER) return [];
  const rungs = referralAckTimers(referral, holidays, now, CHAINED_LADDER);
  const k = rungs.findIndex((t) => t.kind === rung.kind);
  return k < 0 ? [] : rungs.slice(k + 1, k + 2);
}

function caseMorning(theCase: CaseItem, months: number, holidays: HolidayCalendar): Date {
  return localTime(onOrAfterWorkingDay(addMonths(clockStartDate(theCase), months), holidays), LADDER.morningHour);
}

/** Months a rent with a housing bonus runs (the reintegration programme pays up to 12), and how early its review comes. */
export const RENT_SUBSIDY = { months: 12, reviewMonthsBefore: 1 } as const;

/**
 * The review of a rent subsidy: a month before its 12 months end, counted from the day the office
 * reported it provided, 09:00 on a working day, so that the coordinator can arrange social housing
 * or another lasting solution before the rent stops (the plans: "siguro banim të qëndrueshëm pas
 * skadimit të qirasë").
 */
export function rentReviewTimer(referral: ReferralItem, holidays: HolidayCalendar, now: Date): TimerItem | undefined {
  if (referral.need !== 'rent_subsidy' || referral.status !== 'completed' || !referral.outcomeAt) return undefined;
  const done = localDate(new Date(referral.outcomeAt));
  const due = localTime(onOrAfterWorkingDay(addMonths(done, RENT_SUBSIDY.months - RENT_SUBSIDY.reviewMonthsBefore), holidays), LADDER.morningHour);
  return timer(referral.caseId, 'referral.rent_review', referral.referralId, 1, due, now, referral.expiresAt);
}

/** Monitoring month `n` (1–17) of the individual plan. */
export function monitoringTimer(theCase: CaseItem, n: number, holidays: HolidayCalendar, now: Date): TimerItem {
  return timer(theCase.caseId, 'case.monitoring', theCase.caseId, n, caseMorning(theCase, n, holidays), now, theCase.expiresAt);
}

/** Quarterly evaluation `q` (1–5; the sixth quarter is the closure). */
export function evaluationTimer(theCase: CaseItem, q: number, holidays: HolidayCalendar, now: Date): TimerItem {
  return timer(theCase.caseId, 'case.evaluation', theCase.caseId, q, caseMorning(theCase, 3 * q, holidays), now, theCase.expiresAt);
}

/**
 * What a new case sets ticking: the 72-hour home visit, monthly monitoring, quarterly evaluation,
 * closure at 18 months; from the arrival, or a foreigner's permit (clockStartDate).
 */
export function caseTimers(theCase: CaseItem, holidays: HolidayCalendar, now: Date): TimerItem[] {
  const arrival = localTime(clockStartDate(theCase), 0);
  const hours = (h: number) => new Date(arrival.getTime() + h * 3_600_000);
  const t = (kind: TimerKind, at: Date) => timer(theCase.caseId, kind, theCase.caseId, 1, at, now, theCase.expiresAt);
  return [
    ...(theCase.homeVisitAt
      ? []
      : [t('visit.reminder', hours(LADDER.visitReminderHours)), t('visit.escalation', hours(LADDER.visitDeadlineHours))]),
    monitoringTimer(theCase, 1, holidays, now),
    evaluationTimer(theCase, 1, holidays, now),
    t('case.closure', caseMorning(theCase, LADDER.caseMonths, holidays)),
  ];
}

/** The instant of the 72-hour home-visit deadline, for messages. */
export function visitDeadline(theCase: CaseItem): Date {
  return new Date(localTime(clockStartDate(theCase), 0).getTime() + LADDER.visitDeadlineHours * 3_600_000);
}

/**
 * The evening before (18:00) and the morning of (08:00) an appointment or deadline, for its
 * current version; reminders whose time has passed are not planned (a late one would mislead).
 */
export function appointmentTimers(appt: AppointmentItem, now: Date): TimerItem[] {
  const when = new Date(appt.when);
  const day = localDate(when);
  const evening = localTime(addDays(day, -1), LADDER.eveningHour);
  const morning = localTime(day, LADDER.morningSmsHour);
  const out: TimerItem[] = [];
  if (evening.getTime() > now.getTime()) out.push(timer(appt.caseId, 'appointment.evening', appt.appointmentId, appt.version, evening, now, appt.expiresAt));
  if (morning.getTime() > now.getTime() && morningReminderPlanned(when)) {
    out.push(timer(appt.caseId, 'appointment.morning', appt.appointmentId, appt.version, morning, now, appt.expiresAt));
  }
  return out;
}

