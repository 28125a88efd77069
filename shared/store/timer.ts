import * as z from '../domain/zod.js';
import { TimerKind } from '../domain/timer-kind.js';
import { auditItem, type AuditItem } from './audit.js';
import { IntentItem } from './intent.js';
import type { DueItem, QuarantinedTimer } from './ports.js';
import { ownerPk, OwnerPk, type Owner } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

/**
 * Something that must happen later. While pending it carries `dueBucket` and is in the sparse
 * timers index; firing, cancelling or quarantining removes `dueBucket`, and with it the item from
 * the index. `quarantined`: it failed every attempt to fire and waits for an operator.
 */
export const TimerItem = z.object({
  pk: OwnerPk,
  sk: z.string().check(z.startsWith('TIMER#')),
  type: z.literal('Timer'),
  timerId: z.string(),
  /** The case it belongs to; a meeting's timers have meetingId instead. */
  caseId: z.optional(z.string()),
  meetingId: z.optional(z.string()),
  kind: TimerKind,
  /** The referral, appointment, case or meeting it is about. */
  subjectId: z.string(),
  /** For an appointment or a meeting: the version it was planned for; for monthly/quarterly ones: the count. */
  occurrence: z.number().check(z.int()),
  dueAt: z.string(),
  dueBucket: z.optional(z.string()),
  status: z.enum(['pending', 'fired', 'cancelled', 'quarantined']),
  firedAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  /** Failed attempts to fire it (reset when an operator retries a quarantined one). */
  failures: z.optional(z.number().check(z.int())),
  /** The error's name of the last failed attempt, never its message. */
  lastError: z.optional(z.string()),
  quarantinedAt: z.optional(z.string()),
  createdAt: z.string(),
  expiresAt: z.number().check(z.int()),
  ...ListFields,
});
export type TimerItem = z.infer<typeof TimerItem>;

/**
 * What cancelPending may still cancel: a timer yet to fire, an intent nobody has claimed (queued,
 * deferred). The DynamoDB adapter's filter on its own read says the same.
 */
export const stillPending = (i: Readonly<Record<string, unknown>>): boolean =>
  (i.type === 'Timer' && i.status === 'pending') || (i.type === 'Intent' && (i.status === 'queued' || i.status === 'deferred'));

/** Timers live in the partition of what they belong to: a case or a meeting. */
export const timerKey = (owner: Owner, timerId: string) => ({ pk: ownerPk(owner), sk: `TIMER#${timerId}` });

/**
 * The key every rung of a referral's acknowledgement ladder starts with, whichever scheme wrote it
 * (three rungs at once, or a rung at a time): a rung's id is `timerId(referralId, 'referral.ack.…', n)`.
 */
export const referralLadderPrefix = (caseId: string, referralId: string) => timerKey({ caseId }, `${referralId}#referral.ack.`);

/** Where the sweep remembers the oldest bucket it still has to read. */
export const sweepCursorKey = () => ({ pk: 'SWEEP', sk: 'CURSOR' });

/**
 * A timer that fails to fire is tried again after 5, 10, 20 and 40 minutes, each time at a new due
 * time (so the sweep's cursor moves on meanwhile), and quarantined at the fifth failure: about an
 * hour and a quarter after the first, long enough for a passing fault (the table throttled, a
 * deploy) and short enough that a reminder is not silently days late.
 */
export const TIMER_RETRY = { maxAttempts: 5, baseSeconds: 300 } as const;

/** When a timer that has now failed `failures` times is tried again; undefined: quarantine it. */
export function timerRetryAt(failures: number, now: Date): Date | undefined {
  if (failures >= TIMER_RETRY.maxAttempts) return undefined;
  return new Date(now.getTime() + TIMER_RETRY.baseSeconds * 2 ** (failures - 1) * 1000);
}

/** A quarantined item waits in the operator's list (not a municipality's: nobody there can fix it), oldest first. */
export function quarantineListing(key: { pk: string; sk: string }, at: string): Listing {
  return { listKey: lists.quarantined(), listSort: `${at}#${key.pk}#${key.sk}` };
}

/** On record when a timer is quarantined: which one, how often it failed and why, nothing personal. */
export function timerQuarantinedAudit(timer: TimerItem, at: string, failures: number, error: string): AuditItem {
  const owner = timer.caseId ? { caseId: timer.caseId } : { pk: timer.pk };
  return auditItem(owner, timer.subjectId, at, { event: 'timer.quarantined', by: 'system:sweep-timers', via: 'sweep', detail: { kind: timer.kind, failures: String(failures), error } });
}

/** A timer as stored, in the partition of what it belongs to. */
export function timerItem(owner: Owner, fields: Omit<TimerItem, 'pk' | 'sk' | 'type'>): TimerItem {
  return { ...timerKey(owner, fields.timerId), type: 'Timer', ...fields };
}

/** A timer's id is derived from its subject, kind and occurrence, so planning it twice writes it once. */
export function timerId(subjectId: string, kind: TimerKind, occurrence: number): string {
  return `${subjectId}#${kind}#${occurrence}`;
}

/** On record when a timer fires: which rung or reminder it was, and whether it still had something to say. */
export function timerFiredAudit(timer: TimerItem, now: string, outcome: 'fired' | 'moot', municipalityId: string | undefined): AuditItem {
  const owner = timer.caseId ? { caseId: timer.caseId, municipalityId } : { pk: timer.pk, municipalityId };
  return auditItem(owner, timer.subjectId, now, { event: `timer.${timer.kind}`, by: 'system:sweep-timers', via: 'sweep', detail: { outcome, occurrence: String(timer.occurrence) } });
}

/**
 * What an item of the timers index is. One the sweep cannot read (written by hand, by an older
 * version) is handed back as such rather than thrown, so it cannot stop every sweep after it.
 */
export function dueItemOf(raw: Record<string, unknown>): DueItem {
  if (raw.type === 'Timer') {
    const timer = TimerItem.safeParse(raw);
    if (timer.success) return { type: 'Timer', item: timer.data };
  } else if (raw.type === 'Intent') {
    const intent = IntentItem.safeParse(raw);
    if (intent.success) return { type: 'Intent', item: intent.data };
  }
  return { type: 'Unreadable', key: { pk: String(raw.pk), sk: String(raw.sk) }, dueAt: String(raw.dueAt) };
}

/** A quarantined item as the operator's list shows it: ids, kind and codes only. */
export function quarantinedOf(raw: Record<string, unknown>): QuarantinedTimer {
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  return {
    pk: String(raw.pk),
    sk: String(raw.sk),
    ...(text('timerId') ? { timerId: text('timerId') } : {}),
    ...(text('kind') ? { kind: text('kind') } : {}),
    ...(text('caseId') ? { caseId: text('caseId') } : {}),
    ...(text('meetingId') ? { meetingId: text('meetingId') } : {}),
    failures: typeof raw.failures === 'number' ? raw.failures : 0,
    ...(text('lastError') ? { lastError: text('lastError') } : {}),
    quarantinedAt: text('quarantinedAt') ?? '',
  };
}
