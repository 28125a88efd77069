import type { AuditEntry } from './types.js';

/** An entry of the case's timeline, with how many other notifications went out inside its SMS. */
export interface TimelineEntry extends AuditEntry {
  /** For a household SMS's leader: the other messages it carried (each recorded as `mergedInto` it); the family reads one step per office, so not a count of steps. */
  carried?: number;
}

/**
 * The case's timeline, newest first. A household SMS is one message to the family: the
 * notifications merged into it (audit detail `mergedInto`, the leader's intent id) are lines of
 * that SMS, not SMS of their own, so they are not listed apart; the leader says how many it
 * carried. A merged notification that later failed or went alone records no `mergedInto` on its
 * own entry and is listed as before.
 */
export function caseTimeline(audit: readonly AuditEntry[]): TimelineEntry[] {
  const merged = audit.filter((e) => e.event === 'notification.sent' && e.detail?.mergedInto);
  const carried = new Map<string, number>();
  for (const e of merged) carried.set(e.detail!.mergedInto!, (carried.get(e.detail!.mergedInto!) ?? 0) + 1);
  return audit
    .filter((e) => !merged.includes(e))
    .map((e) => (e.event === 'notification.sent' && carried.has(e.subjectId) ? { ...e, carried: carried.get(e.subjectId)! } : e))
    .sort((a, b) => b.at.localeCompare(a.at));
}
