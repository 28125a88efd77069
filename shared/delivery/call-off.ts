import { caseIntentRef, intentId, type IntentItem } from '../store/intent.js';
import { timerId } from '../store/timer.js';
import type { IntentRepository, ReferralRepository } from '../store/ports.js';
import type { ReferralItem } from '../store/referral.js';

/**
 * What the notices that call something off (a referral withdrawn: referrals/withdrawn.ts; a home
 * visit called off: referrals/home-visit.ts) share with the code that cancels and delivers; here,
 * so that delivery imports nothing of referrals/.
 */

// Where the store's rules need them too (a call-off notice's failure after the close stays listed).
export { callOffSource, isCallOffNotice } from '../store/intent.js';

export const WITHDRAWN_PURPOSE = 'referral.withdrawn';
/** The head's notice: its own purpose, so the case page tells it from the office's. */
export const HEAD_WITHDRAWN_PURPOSE = 'referral.withdrawn.head';

/** The acknowledgement ladder's escalation to the office's head (timers/decide.ts writes it). */
export const ESCALATION_PURPOSE = 'referral.escalation';
export const headKey = (officeId: string) => `${officeId}-head`;

/**
 * The escalation's intent ids for a referral: its rung's timer is occurrence 2 (a rung at a time)
 * or 1 (ladders routed before 2026-12-05, all three rungs at once).
 */
const escalationIds = (referralId: string, officeId: string) =>
  [2, 1].map((n) => intentId(timerId(referralId, 'referral.ack.escalation', n), ESCALATION_PURPOSE, headKey(officeId)));

/** The office's email about the referral: routing's one intent per referral (plan-notifications.ts). */
export const officeEmailId = (referralId: string) => intentId(referralId, 'referral.office');

/**
 * Whether the office knows of the referral: its email went out (the referral `sent`, or the intent
 * sent), may have gone out (`unconfirmed`), or is going out right now (`sending`: see
 * withdrawnNotYet), or the office answered it (by link, or by phone as the coordinator recorded).
 * A referral whose email was cancelled unsent, skipped or failed before sending is unknown to it.
 */
export function officeWasTold(r: Pick<ReferralItem, 'sentAt' | 'answeredAt'>, officeEmail: Pick<IntentItem, 'status'> | undefined): boolean {
  if (r.sentAt || r.answeredAt) return true;
  return officeEmail !== undefined && wentOut(officeEmail);
}

/** An email that went out, may have, or is going out right now: its reader may know what it said. */
export const wentOut = (i: Pick<IntentItem, 'status'>): boolean => ['sent', 'sending', 'unconfirmed'].includes(i.status);

/**
 * Delivery's last check of a withdrawn notice. The referral may have been cancelled while its
 * office email was being sent (`sending`): whether it went out, or delivery's own last check
 * stopped it (ReferralCancelled), is known only once that attempt ends. `wait`: try again later
 * (a bounded retry); `never-told`: the office never heard of the referral, so it hears nothing now.
 */
export async function withdrawnNotYet(
  notice: Pick<IntentItem, 'purpose' | 'caseId' | 'referralId'>,
  deps: { referrals: Pick<ReferralRepository, 'get'>; intents: Pick<IntentRepository, 'get'> },
): Promise<'wait' | 'never-told' | undefined> {
  if (!notice.caseId || !notice.referralId) return undefined;
  if (notice.purpose === HEAD_WITHDRAWN_PURPOSE) return headNotYet(notice.caseId, notice.referralId, deps);
  if (notice.purpose !== WITHDRAWN_PURPOSE) return undefined;
  const [referral, officeEmail] = await Promise.all([
    deps.referrals.get(notice.caseId, notice.referralId),
    deps.intents.get(caseIntentRef(notice.caseId, officeEmailId(notice.referralId))),
  ]);
  if (officeEmail?.status === 'sending' && !referral?.sentAt && !referral?.answeredAt) return 'wait';
  return referral && officeWasTold(referral, officeEmail) ? undefined : 'never-told';
}

/**
 * The same for the head's notice, by the escalation's fate (review RV-H): one being sent when the
 * referral was withdrawn is stopped by delivery's last check (ReferralCancelled) or goes out, and
 * only then is it known whether the head heard of the referral at all.
 */
async function headNotYet(
  caseId: string,
  referralId: string,
  deps: { referrals: Pick<ReferralRepository, 'get'>; intents: Pick<IntentRepository, 'get'> },
): Promise<'wait' | 'never-told' | undefined> {
  const referral = await deps.referrals.get(caseId, referralId);
  if (!referral) return 'never-told';
  const escalations: IntentItem[] = [];
  // One after another: two reads of one partition, for a notice that is rare.
  for (const id of escalationIds(referralId, referral.officeId)) {
    const found = await deps.intents.get(caseIntentRef(caseId, id));
    if (found) escalations.push(found);
  }
  if (escalations.some((e) => e.status === 'sending')) return 'wait';
  return escalations.some(wentOut) ? undefined : 'never-told';
}
