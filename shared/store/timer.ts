import { z } from 'zod';
import { TimerKind } from '../domain/timer-kind.js';
import { auditItem, type AuditItem } from './audit.js';
import { ownerPk, OwnerPk, type Owner } from './owner.js';

/**
 * Something that must happen later. While pending it carries `dueBucket` and is in the sparse
 * timers index; firing or cancelling removes `dueBucket`, and with it the item from the index.
 */
export const TimerItem = z.object({
  pk: OwnerPk,
  sk: z.string().startsWith('TIMER#'),
  type: z.literal('Timer'),
  timerId: z.string(),
  /** The case it belongs to; a meeting's timers have meetingId instead. */
  caseId: z.string().optional(),
  meetingId: z.string().optional(),
  kind: TimerKind,
  /** The referral, appointment, case or meeting it is about. */
  subjectId: z.string(),
  /** For an appointment or a meeting: the version it was planned for; for monthly/quarterly ones: the count. */
  occurrence: z.number().int(),
  dueAt: z.string(),
  dueBucket: z.string().optional(),
  status: z.enum(['pending', 'fired', 'cancelled']),
  firedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.number().int(),
});
export type TimerItem = z.infer<typeof TimerItem>;

/** Timers live in the partition of what they belong to: a case or a meeting. */
export const timerKey = (owner: Owner, timerId: string) => ({ pk: ownerPk(owner), sk: `TIMER#${timerId}` });

/** Where the sweep remembers the oldest bucket it still has to read. */
export const sweepCursorKey = () => ({ pk: 'SWEEP', sk: 'CURSOR' });

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
