import { encodeIntentTag } from '../channels/intent-tag.js';
import type { Language } from '../domain/vocabulary.js';
import { renderAny } from '../messages/index.js';
import type { IntentItem } from '../store/intent.js';
import type { ReferralItem } from '../store/referral.js';

/**
 * What the coordinator passes on by phone or on a visit: an SMS as it would have gone out, in
 * the returnee's language, or an email's subject (the office is called about it). Rendered from
 * the data the intent still holds, exactly as delivery would have; nothing when that data is gone
 * or cannot be rendered (`reason` then says why it failed).
 */
function toReadOut(i: IntentItem): { language?: Language; message?: string; subject?: string } {
  if (Object.keys(i.data).length === 0) return {};
  try {
    const out = renderAny(i.template, i.data, i.languages);
    if (i.channel === 'sms' && out.sms !== undefined) return { language: i.languages[0]!, message: out.sms };
    if (i.channel === 'email' && out.email) return { language: i.languages[0]!, subject: out.email.subject };
  } catch {
    // The failure itself is on record (RenderError); there is simply nothing to read out.
  }
  return {};
}

/** An open call-or-visit task: a notification that failed for good or whose outcome nobody knows. */
export function presentFollowUp(i: IntentItem, smrCaseId: string | undefined) {
  return {
    followUpId: encodeIntentTag(i),
    caseId: i.caseId,
    ...(smrCaseId ? { smrCaseId } : {}),
    channel: i.channel,
    purpose: i.purpose,
    template: i.template,
    status: i.status,
    reason: i.failure?.code ?? i.status,
    attempts: i.attempts,
    since: (i.listSort ?? '').split('#')[0] || i.createdAt,
    ...toReadOut(i),
  };
}

/**
 * A waiting referral whose prerequisite will not be completed: the coordinator decides, through
 * `POST …/referrals/{id}/release` (now, or `officeKind`: elsewhere) or `…/cancel`. It leaves the
 * list with that decision.
 */
export function presentBlockedReferral(r: ReferralItem) {
  return {
    caseId: r.caseId,
    ...(r.smrCaseId ? { smrCaseId: r.smrCaseId } : {}),
    referralId: r.referralId,
    officeKind: r.officeKind,
    need: r.need,
    dependsOn: r.dependsOn,
    because: r.blockedBecause,
    since: r.blockedAt,
    choices: ['release', 'refer-elsewhere', 'cancel'] as const,
  };
}
