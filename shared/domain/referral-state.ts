import * as z from './zod.js';

/**
 * The referral's life, as the plans describe it: sent to an office, answered (accepted or
 * declined), then its outcome reported (completed or not). The coordinator may cancel a referral
 * nobody has answered yet. Pure: the store applies a transition with a condition on `from`.
 *
 *   created ─send→ sent ─accept→ accepted ─outcome→ completed | not_completed
 *      │             └──decline→ declined
 *      └─(an office may answer before the email is marked sent; an outcome implies acceptance)
 *   waiting ─release→ created   (a referral that depends on another waits for its completion)
 */
export const ReferralState = z.enum(['waiting', 'created', 'sent', 'accepted', 'declined', 'completed', 'not_completed', 'cancelled']);
export type ReferralState = z.infer<typeof ReferralState>;

/** Of a referral's states, only an unacknowledged one (created, sent) is chased by reminders. */
export const UNACKNOWLEDGED: ReadonlySet<string> = new Set(['created', 'sent']);

/** The states nobody has answered yet: what closing a case cancels along with it. */
export const CANCELLABLE: readonly ReferralState[] = ['waiting', 'created', 'sent'];

/** The states a coordinator may cancel: the unanswered ones, and an accepted one (withdrawn) until its outcome. The `cancel` transition's `from`. */
export const WITHDRAWABLE: readonly ReferralState[] = [...CANCELLABLE, 'accepted'];

export type ReferralEvent =
  | { type: 'accept' }
  | { type: 'decline'; reason: string; note?: string }
  | { type: 'outcome'; outcome: 'done' | 'not_done'; note?: string }
  | { type: 'cancel'; reason: string }
  /** Its prerequisite was completed: a waiting referral goes out. */
  | { type: 'release' };

export type TransitionResult =
  | { kind: 'move'; from: ReferralState[]; to: ReferralState }
  /** The same answer again (a second click): harmless, nothing changes. */
  | { kind: 'repeat'; state: ReferralState }
  | { kind: 'refused'; state: ReferralState; message: string };

const TABLE: Record<ReferralEvent['type'], { from: ReferralState[]; to: (e: ReferralEvent) => ReferralState }> = {
  accept: { from: ['created', 'sent'], to: () => 'accepted' },
  decline: { from: ['created', 'sent'], to: () => 'declined' },
  outcome: { from: ['created', 'sent', 'accepted'], to: (e) => (e.type === 'outcome' && e.outcome === 'done' ? 'completed' : 'not_completed') },
  cancel: { from: [...WITHDRAWABLE], to: () => 'cancelled' },
  release: { from: ['waiting'], to: () => 'created' },
};

const DESCRIBE: Record<ReferralState, string> = {
  waiting: 'waiting for another referral to be completed',
  created: 'not yet sent',
  sent: 'waiting for an answer',
  accepted: 'accepted',
  declined: 'declined',
  completed: 'completed',
  not_completed: 'closed as not completed',
  cancelled: 'cancelled by the coordinator',
};

const VERB: Record<ReferralEvent['type'], string> = {
  accept: 'accepted',
  decline: 'declined',
  outcome: 'given an outcome',
  cancel: 'cancelled',
  release: 'released',
};

/**
 * States past an event's own end that still mean "done as asked": a released referral is sent
 * within a second (by the invocation that routes it), so a second click on "release" finds it
 * `sent`, and is the same harmless repeat as when it found it `created`.
 */
const ALSO_REPEATS: Partial<Record<ReferralEvent['type'], readonly ReferralState[]>> = { release: ['sent'] };

export function transition(state: ReferralState, event: ReferralEvent): TransitionResult {
  const rule = TABLE[event.type];
  const to = rule.to(event);
  if (state === to || ALSO_REPEATS[event.type]?.includes(state)) return { kind: 'repeat', state };
  if (rule.from.includes(state)) return { kind: 'move', from: rule.from, to };
  return { kind: 'refused', state, message: `this referral is already ${DESCRIBE[state]}; it cannot be ${VERB[event.type]} now` };
}

/** States in which an office has not answered yet: the acknowledgement ladder still runs. */
export function isUnanswered(state: ReferralState): boolean {
  return state === 'created' || state === 'sent';
}
