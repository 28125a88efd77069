import { localDate, localTime, smsSendTime } from '../domain/calendar.js';
import { intentId, type IntentItem } from '../store/intent.js';
import type { IntentRepository } from '../store/ports.js';
import { timerId } from '../store/timer.js';

/**
 * A returnee's appointment or deadline reminder says "tomorrow at 10:00" (the evening before) or
 * "today at 10:00" (the morning of). Every way an SMS is put off (quiet hours, a retry, a late
 * timer) must not carry those words past the moment they stop being true: the intent keeps that
 * moment as `staleAt`, and one that could not go out before it ends `failed`, `Stale`.
 */

/** The purpose of an appointment's or deadline's reminder intents (their ids derive from it). */
export const REMINDER_PURPOSE = 'appointment.reminder';

/** The recipient key of the returnee's reminders (their ids derive from it). */
export const REMINDER_RECIPIENT = 'returnee';

/** Hour (Kosovo) of the morning reminder; plan.ts plans it, and it is planned only before the appointment. */
export const MORNING_REMINDER_HOUR = 8;

/** How a stale reminder ends: too late for its words, whatever the provider would have said. */
export const STALE = { kind: 'age-exceeded', code: 'Stale' } as const satisfies NonNullable<IntentItem['failure']>;

/**
 * When a reminder's words stop being true: "tomorrow" from midnight (Kosovo) of the appointment's
 * day; "today at 10:00" (or "today is the deadline") at the appointment (or deadline) itself.
 */
export function reminderStaleAt(kind: 'appointment.evening' | 'appointment.morning', when: string): Date {
  return kind === 'appointment.evening' ? localTime(localDate(new Date(when)), 0) : new Date(when);
}

/** Whether an SMS sent no earlier than `now` (quiet hours putting it off to 08:00) would arrive when its words no longer hold. */
export function isStale(i: Pick<IntentItem, 'staleAt' | 'channel'>, now: Date): boolean {
  if (i.staleAt === undefined) return false;
  const sendAt = i.channel === 'sms' ? smsSendTime(now) : now;
  return sendAt.getTime() >= Date.parse(i.staleAt);
}

/** Whether an appointment (or deadline) at `when` gets a morning reminder too: only when it is after 08:00 that day. */
export function morningReminderPlanned(when: Date): boolean {
  return localTime(localDate(when), MORNING_REMINDER_HOUR).getTime() < when.getTime();
}

/**
 * What an appointment's reminder or move is about, from its intent's source: a reminder's is its
 * timer (`<appointmentId>#appointment.evening|morning#<version>`), a move's
 * `<appointmentId>#appointment.moved#<version>` (referrals/appointment-changes.ts).
 */
export function appointmentNoticeOf(sourceId: string | undefined): { appointmentId: string; kind: 'evening' | 'morning' | 'moved'; version: number } | undefined {
  const m = /^(.+)#appointment\.(evening|morning|moved)#(\d+)$/.exec(sourceId ?? '');
  return m ? { appointmentId: m[1]!, kind: m[2] as 'evening' | 'morning' | 'moved', version: Number(m[3]) } : undefined;
}

/**
 * Whether the family got no reminder of the appointment at all, nor was the coordinator told of
 * one that failed: then the coordinator is written about this stale one, to call them. Not while
 * a later reminder is still planned (the morning one, after a stale evening one), nor when an
 * earlier one went out, may have (unconfirmed), or failed otherwise (its follow-up went already).
 */
export async function noReminderReached(i: Pick<IntentItem, 'pk' | 'sourceId' | 'data'>, intents: Pick<IntentRepository, 'get'>): Promise<boolean> {
  const notice = appointmentNoticeOf(i.sourceId);
  if (!notice || notice.kind === 'moved') return true;
  const { appointmentId, kind: which, version } = notice;
  if (which === 'evening') {
    const when = typeof i.data.when === 'string' ? new Date(i.data.when) : undefined;
    return !(when && morningReminderPlanned(when));
  }
  const evening = await intents.get({ pk: i.pk, intentId: intentId(timerId(appointmentId, 'appointment.evening', version), REMINDER_PURPOSE, REMINDER_RECIPIENT) });
  if (!evening) return true;
  if (evening.status === 'sent' || evening.status === 'unconfirmed') return false;
  return !(evening.status === 'failed' && evening.failure?.code !== STALE.code);
}
