import { z } from 'zod';
import { Channel, FOLLOW_UP_OUTCOMES } from '../domain/notification.js';
import { TEMPLATE_IDS } from '../domain/template-ids.js';
import { Language, MunicipalityId } from '../domain/vocabulary.js';
import { ownerPk, OwnerPk, type Owner } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

/**
 * queued → sending → sent | failed | unconfirmed. `deferred` waits for its notBefore (quiet
 * hours) in the timers index; `skipped` records why nothing was sent (no consent, no phone).
 * `unconfirmed`: an attempt crashed between the provider's answer and our record of it; it is
 * never resent automatically (that could send twice) and the coordinator sees it.
 */
export const IntentStatus = z.enum(['queued', 'deferred', 'sending', 'sent', 'failed', 'unconfirmed', 'skipped', 'cancelled']);
export type IntentStatus = z.infer<typeof IntentStatus>;

export const SkipReason = z.enum(['no_sms_consent', 'no_phone']);
export type SkipReason = z.infer<typeof SkipReason>;

export const IntentItem = z.object({
  pk: OwnerPk,
  sk: z.string().startsWith('NOTE#'),
  type: z.literal('Intent'),
  intentId: z.string(),
  /** The case it is about; absent for meeting, digest and report mail. */
  caseId: z.string().optional(),
  /** Whose activity feed its outcome is recorded in. */
  municipalityId: MunicipalityId.optional(),
  /** The referral it is about, if any (reminders about a case or an appointment have none). */
  referralId: z.string().optional(),
  /** What caused it: a referral, or the timer that fired. */
  sourceId: z.string().optional(),
  purpose: z.string().min(1),
  channel: Channel,
  template: z.enum(TEMPLATE_IDS),
  languages: z.array(Language).min(1),
  /** Email address or E.164 phone number; absent when skipped. */
  recipient: z.string().optional(),
  /**
   * What the template is rendered with (personal data). Removed once the message is sent: the
   * record of what went out (template, channel, status, provider id, segments) stays.
   */
  data: z.record(z.string(), z.unknown()).default({}),
  status: IntentStatus,
  skipReason: SkipReason.optional(),
  notBefore: z.string().optional(),
  dueBucket: z.string().optional(),
  dueAt: z.string().optional(),
  /** Provider calls made so far; each retry after a throttled or transient error adds one. */
  attempts: z.number().int(),
  /** When the first attempt was made: retries stop a bounded time after it. */
  firstAttemptAt: z.string().optional(),
  /** The provider's error code of the last failed attempt. */
  lastError: z.string().optional(),
  leaseUntil: z.number().int().optional(),
  providerMessageId: z.string().optional(),
  sms: z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), segments: z.number().int(), characters: z.number().int() }).optional(),
  failure: z.object({ kind: z.enum(['non-retryable', 'attempts-exhausted', 'age-exceeded']), code: z.string() }).optional(),
  /** The coordinator's call or visit in place of a notification that never arrived. */
  followUp: z.object({ outcome: z.enum(FOLLOW_UP_OUTCOMES), at: z.string() }).optional(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  expiresAt: z.number().int(),
  ...ListFields,
});
export type IntentItem = z.infer<typeof IntentItem>;

/** Which intent: its owner's partition and its id (what an SES message tag carries). */
export type IntentRef = Pick<IntentItem, 'pk' | 'intentId'>;

/** Intents live in their owner's partition, so one Query returns a case with its referrals and notifications. */
export const intentKey = (owner: Owner, intentId: string) => ({ pk: ownerPk(owner), sk: `NOTE#${intentId}` });

/** An intent as stored, in the partition of what it belongs to. */
export function intentItem(owner: Owner, fields: Omit<IntentItem, 'pk' | 'sk' | 'type'>): IntentItem {
  return { ...intentKey(owner, fields.intentId), type: 'Intent', ...fields };
}

/** An intent's id is derived from what caused it, so a redelivered stream record cannot create it twice. */
export function intentId(sourceId: string, purpose: string, recipientKey?: string): string {
  return recipientKey ? `${sourceId}#${purpose}#${recipientKey}` : `${sourceId}#${purpose}`;
}

/** A final failure, or an outcome nobody can know, waits in the municipality's list for a call or a visit. */
export function failedListing(i: Pick<IntentItem, 'intentId'>, municipalityId: string, at: string): Listing {
  return { listKey: lists.failed(municipalityId), listSort: `${at}#${i.intentId}` };
}
