import { UNSENT, type IntentItem } from '../store/intent.js';
import type { CaseRepository, ChangeWrite } from '../store/ports.js';

/**
 * What the family knows of a time (an appointment's, the home visit's) when a change would replace
 * the last SMS that named it (`last`, the current version's, if it has one):
 * - still unsent (held for the morning, say): the time before it, and the change cancels it in its
 *   own write, only while still unsent; told "the visit of Friday is off" when all it ever heard of
 *   was Thursday, the family would go on Thursday;
 * - being sent: not known until that attempt ends, sent or put back unsent (throttled), and a change
 *   decided now would either move the family from a time it never heard or be followed by an SMS
 *   of the time it replaced: the change waits (`sending`, a 409 to try again in a minute);
 * - otherwise (sent, failed and a person asked to call, no SMS, or `sending` past its lease: the
 *   attempt died, and the sweep will record it unconfirmed, never unsent, since a lease outlasts
 *   the function's timeout): the current time. Without that last case, a dead attempt would refuse
 *   every change until the sweep's next run (up to 5 minutes after the lease).
 */
export type Known<T> = { known: T; replaces: IntentItem[] } | 'sending';

export function knownTime<T>(last: IntentItem | undefined, current: T, before: (held: IntentItem) => T, now: Date): Known<T> {
  if (last?.status === 'sending' && (last.leaseUntil ?? 0) * 1000 > now.getTime()) return 'sending';
  return last && UNSENT.includes(last.status) ? { known: before(last), replaces: [last] } : { known: current, replaces: [] };
}

/**
 * Writes a change with the family's notice, decided on the case's intents as read. Should a delivery
 * claim the SMS it replaces between the read and the write (its 08:00, say), nothing is written, and
 * the notice is decided once more on a fresh read (knownTime): sent by then, it is what the family
 * knows; still being sent, the change waits; put back unsent, it is replaced after all. Once only:
 * a second refusal answers `told`, and the coordinator retries.
 */
export async function withNotice<N>(
  read: readonly IntentItem[],
  reread: () => Promise<readonly IntentItem[]>,
  decide: (intents: readonly IntentItem[]) => N | 'sending',
  write: (notice: N) => Promise<ChangeWrite>,
): Promise<ChangeWrite | 'sending'> {
  const first = decide(read);
  if (first === 'sending') return 'sending';
  const out = await write(first);
  if (out !== 'told') return out;
  const again = decide(await reread());
  return again === 'sending' ? 'sending' : write(again);
}

/** The case's intents read afresh: withNotice's `reread`. */
export const rereadIntents = (caseId: string, cases: Pick<CaseRepository, 'view'>) => async (): Promise<readonly IntentItem[]> => (await cases.view(caseId))?.intents ?? [];

/**
 * The 409 of a change that waits for the SMS it would replace (knownTime): a person can act on it
 * (the attempt ends within a minute, sent or put back), and the console words it by its code.
 */
export const smsBeingSent = (field: string, caseId: string) => ({
  ok: false as const,
  problem: {
    kind: 'conflict' as const,
    field,
    message: "the family's SMS about the last change is being sent right now; try again in a minute, so that the next one starts from what it says",
    code: 'sms-being-sent' as const,
    existingCaseId: caseId,
  },
});
