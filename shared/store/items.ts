import { z } from 'zod';
import { HouseholdMember } from '../domain/case.js';
import { Language, MunicipalityId, Need, OfficeKind, PersonCategory, VulnerableCategory } from '../domain/vocabulary.js';

/**
 * What the table holds, item by item. Stream images and query results are parsed with these,
 * so a malformed item is rejected at the edge with a message naming the field.
 */

export const CaseItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.literal('META'),
  type: z.literal('Case'),
  caseId: z.string(),
  smrCaseId: z.string(),
  municipalityId: MunicipalityId,
  coordinatorId: z.string(),
  arrivalDate: z.string(),
  category: PersonCategory,
  language: Language,
  phone: z.string().optional(),
  consent: z.object({ sms: z.boolean(), shareWithOffices: z.boolean() }),
  household: z.array(HouseholdMember),
  createdAt: z.string(),
  expiresAt: z.number().int(),
});
export type CaseItem = z.infer<typeof CaseItem>;

export const ReferralStatus = z.enum(['created', 'sent']);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export const ReferralItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('REF#'),
  type: z.literal('Referral'),
  caseId: z.string(),
  referralId: z.string(),
  municipalityId: MunicipalityId,
  officeKind: OfficeKind,
  officeId: z.string(),
  need: Need,
  personIds: z.array(z.string()).min(1),
  categories: z.array(VulnerableCategory),
  note: z.string().optional(),
  status: ReferralStatus,
  /** The office is asked to acknowledge by this date (Kosovo time). */
  ackDueDate: z.string(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  expiresAt: z.number().int(),
});
export type ReferralItem = z.infer<typeof ReferralItem>;

export const Channel = z.enum(['email', 'sms']);
export type Channel = z.infer<typeof Channel>;

/**
 * queued → sending → sent | failed | unconfirmed. `deferred` waits for its notBefore (quiet
 * hours) in the timers index; `skipped` records why nothing was sent (no consent, no phone).
 * `unconfirmed`: an attempt crashed between the provider's answer and our record of it; it is
 * never resent automatically (that could send twice) and the coordinator sees it.
 */
export const IntentStatus = z.enum(['queued', 'deferred', 'sending', 'sent', 'failed', 'unconfirmed', 'skipped']);
export type IntentStatus = z.infer<typeof IntentStatus>;

export const SkipReason = z.enum(['no_sms_consent', 'no_phone']);
export type SkipReason = z.infer<typeof SkipReason>;

export const TemplateId = z.enum(['referral.office.email', 'referral.returnee.sms', 'referral.returnee.sms.private']);
export type TemplateId = z.infer<typeof TemplateId>;

export const IntentItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('NOTE#'),
  type: z.literal('Intent'),
  intentId: z.string(),
  caseId: z.string(),
  referralId: z.string(),
  purpose: z.enum(['referral.office', 'referral.returnee']),
  channel: Channel,
  template: TemplateId,
  languages: z.array(Language).min(1),
  /** Email address or E.164 phone number; absent when skipped. */
  recipient: z.string().optional(),
  /** What the template is rendered with (personal data: expires with the item). */
  data: z.record(z.string(), z.unknown()),
  status: IntentStatus,
  skipReason: SkipReason.optional(),
  notBefore: z.string().optional(),
  dueBucket: z.string().optional(),
  dueAt: z.string().optional(),
  attempts: z.number().int(),
  leaseUntil: z.number().int().optional(),
  providerMessageId: z.string().optional(),
  sms: z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), segments: z.number().int(), characters: z.number().int() }).optional(),
  failure: z.object({ kind: z.enum(['non-retryable', 'attempts-exhausted']), code: z.string() }).optional(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  expiresAt: z.number().int(),
});
export type IntentItem = z.infer<typeof IntentItem>;

export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'META' as const }),
  smrClaim: (smrCaseId: string) => ({ pk: `SMR#${smrCaseId.toUpperCase()}`, sk: 'META' as const }),
  referral: (caseId: string, referralId: string) => ({ pk: `CASE#${caseId}`, sk: `REF#${referralId}` }),
  /** Intents live in their case's partition, so one Query returns a case with its referrals and notifications. */
  intent: (caseId: string, intentId: string) => ({ pk: `CASE#${caseId}`, sk: `NOTE#${intentId}` }),
};

/** An intent's id is derived from what caused it, so a redelivered stream record cannot create it twice. */
export function intentId(referralId: string, purpose: IntentItem['purpose']): string {
  return `${referralId}#${purpose}`;
}
