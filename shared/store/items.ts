import { z } from 'zod';
import { HouseholdMember } from '../domain/case.js';
import { TEMPLATE_IDS } from '../messages/index.js';
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
  /** Items written before closing existed carry no status: they are open. */
  status: z.enum(['open', 'closed']).default('open'),
  homeVisitAt: z.string().optional(),
  closedAt: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.number().int(),
});
export type CaseItem = z.infer<typeof CaseItem>;

/**
 * created → sent → accepted | declined → completed | not_completed (offices' answers: later
 * issue); cancelled by the coordinator. Only an unacknowledged referral (created, sent) is
 * chased by reminders.
 */
export const ReferralStatus = z.enum(['waiting', 'created', 'sent', 'accepted', 'declined', 'completed', 'not_completed', 'cancelled']);
export const UNACKNOWLEDGED: ReadonlySet<string> = new Set(['created', 'sent']);
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
  /** Sent only once this referral (e.g. civil documents) is completed; `waiting` until then. */
  dependsOn: z.string().optional(),
  /** Set when the referral came from a needs assessment: the rule and persons it stands for. */
  assessmentKey: z.string().optional(),
  /** The office is asked to acknowledge by this date (Kosovo time). */
  ackDueDate: z.string(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  /** Set when the acknowledgement ladder ran out: the coordinator must follow up by phone. */
  flaggedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  /** The office's answer, through its signed link. */
  answeredAt: z.string().optional(),
  declineReason: z.string().optional(),
  outcomeAt: z.string().optional(),
  answerNote: z.string().optional(),
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
export const IntentStatus = z.enum(['queued', 'deferred', 'sending', 'sent', 'failed', 'unconfirmed', 'skipped', 'cancelled']);
export type IntentStatus = z.infer<typeof IntentStatus>;

export const SkipReason = z.enum(['no_sms_consent', 'no_phone']);
export type SkipReason = z.infer<typeof SkipReason>;

export const TemplateId = z.enum(TEMPLATE_IDS);
export type TemplateId = z.infer<typeof TemplateId>;

export const IntentItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('NOTE#'),
  type: z.literal('Intent'),
  intentId: z.string(),
  caseId: z.string(),
  /** The referral it is about, if any (reminders about a case or an appointment have none). */
  referralId: z.string().optional(),
  /** What caused it: a referral, or the timer that fired. */
  sourceId: z.string().optional(),
  purpose: z.string().min(1),
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

export const TimerKind = z.enum([
  'referral.ack.reminder',
  'referral.ack.escalation',
  'referral.ack.flag',
  'visit.reminder',
  'visit.escalation',
  'appointment.evening',
  'appointment.morning',
  'case.monitoring',
  'case.evaluation',
  'case.closure',
]);
export type TimerKind = z.infer<typeof TimerKind>;

/**
 * Something that must happen later. While pending it carries `dueBucket` and is in the sparse
 * timers index; firing or cancelling removes `dueBucket`, and with it the item from the index.
 */
export const TimerItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('TIMER#'),
  type: z.literal('Timer'),
  timerId: z.string(),
  caseId: z.string(),
  kind: TimerKind,
  /** The referral, appointment or case it is about. */
  subjectId: z.string(),
  /** For an appointment: the version it was planned for; for monthly/quarterly ones: the count. */
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

export const AppointmentItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('APPT#'),
  type: z.literal('Appointment'),
  appointmentId: z.string(),
  caseId: z.string(),
  /** An appointment to attend, or a legal deadline to meet. */
  kind: z.enum(['appointment', 'deadline']),
  when: z.string(),
  title: z.string(),
  where: z.string(),
  bring: z.string().optional(),
  /** Raised on every reschedule; its reminders are planned for one version. */
  version: z.number().int(),
  status: z.enum(['scheduled', 'cancelled']),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.number().int(),
});
export type AppointmentItem = z.infer<typeof AppointmentItem>;

/**
 * The plans' "means of verification": who changed what, when and how, written in the same
 * transaction as the change. Ids and codes only, no personal data, and no TTL: the record
 * outlives the personal data it refers to by case id.
 */
export const AuditItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('AUDIT#'),
  type: z.literal('Audit'),
  caseId: z.string(),
  /** The referral or notification it is about. */
  subjectId: z.string(),
  event: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  /** 'office:<officeId>', 'coordinator', 'system:<function>' */
  by: z.string(),
  /** 'link:accept' | 'link:decline' | 'link:outcome' | 'api' | 'stream' | 'sweep' */
  via: z.string(),
  at: z.string(),
  /** Codes only: decline reason, channel, template, provider message id, failure code. */
  detail: z.record(z.string(), z.string()).optional(),
});
export type AuditItem = z.infer<typeof AuditItem>;

export type AuditEntry = Omit<AuditItem, 'pk' | 'sk' | 'type' | 'caseId' | 'subjectId' | 'at'>;

/** An audit item for `entry`, about `subjectId` in `caseId`, at `at`. */
export function auditItem(caseId: string, subjectId: string, at: string, entry: AuditEntry): AuditItem {
  return { pk: `CASE#${caseId}`, sk: `AUDIT#${at}#${subjectId}#${entry.event}`, type: 'Audit', caseId, subjectId, at, ...entry };
}

export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'META' as const }),
  smrClaim: (smrCaseId: string) => ({ pk: `SMR#${smrCaseId.toUpperCase()}`, sk: 'META' as const }),
  referral: (caseId: string, referralId: string) => ({ pk: `CASE#${caseId}`, sk: `REF#${referralId}` }),
  /** Intents live in their case's partition, so one Query returns a case with its referrals and notifications. */
  intent: (caseId: string, intentId: string) => ({ pk: `CASE#${caseId}`, sk: `NOTE#${intentId}` }),
  timer: (caseId: string, timerId: string) => ({ pk: `CASE#${caseId}`, sk: `TIMER#${timerId}` }),
  appointment: (caseId: string, appointmentId: string) => ({ pk: `CASE#${caseId}`, sk: `APPT#${appointmentId}` }),
  /** Where the sweep remembers the oldest bucket it still has to read. */
  sweepCursor: () => ({ pk: 'SWEEP', sk: 'CURSOR' }),
};

/** A timer's id is derived from its subject, kind and occurrence, so planning it twice writes it once. */
export function timerId(subjectId: string, kind: TimerKind, occurrence: number): string {
  return `${subjectId}#${kind}#${occurrence}`;
}

/** An intent's id is derived from what caused it, so a redelivered stream record cannot create it twice. */
export function intentId(sourceId: string, purpose: string, recipientKey?: string): string {
  return recipientKey ? `${sourceId}#${purpose}#${recipientKey}` : `${sourceId}#${purpose}`;
}
