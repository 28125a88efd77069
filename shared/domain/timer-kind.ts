import * as z from './zod.js';

/**
 * The plans' clocks: the acknowledgement ladder of a referral, the 72-hour home visit, a
 * returnee's appointment reminders, the case's monitoring, evaluation and closure, and a
 * meeting's reminders and minutes request.
 */
export const TimerKind = z.enum([
  'referral.ack.reminder',
  'referral.ack.escalation',
  'referral.ack.flag',
  'visit.reminder',
  'visit.escalation',
  'appointment.evening',
  'appointment.morning',
  'case.monitoring',
  'case.evaluation',
  'case.closure',
  'referral.rent_review',
  'meeting.reminder.week',
  'meeting.reminder.day',
  'meeting.minutes',
]);
export type TimerKind = z.infer<typeof TimerKind>;
