import type { Directory } from '../directory/directory.js';
import { followUpReasonOf, renderAny, type FollowUpData, type FollowUpReason } from '../messages/index.js';
import { intentId, intentItem, queuedEmailTo, type IntentItem } from '../store/intent.js';
import type { CaseRepository } from '../store/ports.js';
import { caseCoordinator } from '../directory/coordinator.js';

/** Why an SMS will not (or may not) reach the returnee: its final failure, or an outcome nobody knows. */
export type FollowUpCause = NonNullable<IntentItem['failure']> | 'unconfirmed';

export interface FollowUpDeps {
  cases: Pick<CaseRepository, 'get'>;
  directory: Pick<Directory, 'municipality'>;
}

/**
 * An email to an office about a referral (the referral itself, its reminder, its escalation): when
 * its address is dead the referral is flagged, since the office will not hear of it by email.
 */
export const isOfficeReferralEmail = (i: Pick<IntentItem, 'channel' | 'caseId' | 'referralId' | 'template'>): i is typeof i & { caseId: string; referralId: string } =>
  i.channel === 'email' && Boolean(i.caseId && i.referralId) && OFFICE_REFERRAL_TEMPLATES.has(i.template);
const OFFICE_REFERRAL_TEMPLATES = new Set<IntentItem['template']>(['referral.office.email', 'referral.office.reminder', 'referral.head.escalation']);

/** The SMS as written (before the cost policy), for the coordinator to read out; undefined if it does not render. */
function writtenSms(intent: IntentItem): string | undefined {
  try {
    return renderAny(intent.template, intent.data, intent.languages).sms;
  } catch {
    return undefined;
  }
}

/**
 * An SMS to a returnee that will never go out, or may not have, must not end in silence: its
 * coordinator gets an email saying why and what the message said, to pass on (or check) by phone
 * or on a visit. The caller writes it in the same transaction as the intent's final status, so it
 * is never lost and, its id derived from the intent's, never queued twice; that write leaves it out
 * once the case is closed (listedWhileOpen, store/intent.ts). Emails need none: their
 * failures wait in the municipality's call-or-visit list, which the console and digests show.
 */
export async function coordinatorFollowUp(intent: IntentItem, cause: FollowUpCause, now: Date, deps: FollowUpDeps, smsText?: string): Promise<IntentItem[]> {
  if (intent.channel !== 'sms' || !intent.caseId) return [];
  const theCase = await deps.cases.get(intent.caseId);
  if (!theCase) return [];
  const muni = deps.directory.municipality(theCase.municipalityId);
  const coordinator = muni && caseCoordinator(muni, theCase);
  if (!coordinator) return [];
  const reason: FollowUpReason = cause === 'unconfirmed' ? 'unconfirmed' : followUpReasonOf(cause);
  const message = smsText ?? writtenSms(intent);
  const data: FollowUpData = {
    smrCaseId: theCase.smrCaseId,
    coordinatorName: coordinator.name,
    reason,
    ...(message ? { message } : {}),
  };
  return [
    intentItem({ caseId: intent.caseId }, {
      intentId: intentId(intent.intentId, 'followup.coordinator'),
      caseId: intent.caseId,
      municipalityId: theCase.municipalityId,
      sourceId: intent.intentId,
      purpose: 'followup.coordinator',
      template: 'followup.coordinator',
      ...queuedEmailTo(coordinator),
      data: data as unknown as Record<string, unknown>,
      createdAt: now.toISOString(),
      expiresAt: intent.expiresAt,
    }),
  ];
}
