import { ROLES } from '../domain/actor.js';
import { z } from 'zod';
import { CASE_MONTHS, HouseholdMember } from '../domain/case.js';
import { ReferralState } from '../domain/referral-state.js';
import { addMonths, localDate } from '../domain/calendar.js';
import { TEMPLATE_IDS } from '../domain/template-ids.js';
import { Language, MEETING_KINDS, MunicipalityId, Need, OfficeKind, PersonCategory, VulnerableCategory, Trilingual } from '../domain/vocabulary.js';

/**
 * What the table holds, item by item. Stream images and query results are parsed with these,
 * so a malformed item is rejected at the edge with a message naming the field.
 */

/**
 * Intents, timers and audit entries live in the partition of what they belong to: a case
 * (`CASE#`), a meeting (`MEET#`) or a municipality (`MUNI#`: digests and reports), so one Query
 * returns a thing with everything that happened to it.
 */
export const OwnerPk = z.string().regex(/^(CASE|MEET|MUNI)#/, 'a CASE#, MEET# or MUNI# partition');

/**
 * The overloaded, sparse `worklist` index: an item is in at most one list at a time, and leaves
 * it (REMOVE listKey) when it no longer needs anyone's attention, so digests, agendas and reports
 * read only what is current, never the history of closed cases.
 */
export const lists = {
  /** The day's activity of a municipality (audit entries), for digests: one partition per local day. */
  feed: (municipalityId: string, localDate: string) => `FEED#${municipalityId}#${localDate}`,
  /** Referrals sent and not yet acknowledged, by acknowledgement date: overdue = sort key < today. */
  awaitingAck: (municipalityId: string) => `ACK#${municipalityId}`,
  /** Declined referrals not yet followed by a new referral for the same need. */
  declined: (municipalityId: string) => `DECLINED#${municipalityId}`,
  /** Open cases by their 18-month closure date. */
  openCases: (municipalityId: string) => `OPEN#${municipalityId}`,
  /** Scheduled appointments and legal deadlines by time. */
  appointments: (municipalityId: string) => `APPT#${municipalityId}`,
  /** Notifications that finally failed or whose outcome is unknown, by time: someone must call or visit. */
  failed: (municipalityId: string) => `FAILED#${municipalityId}`,
  /** Meetings by start time. */
  meetings: (municipalityId: string) => `MEET#${municipalityId}`,
};

/** The list attributes an item carries (absent: in no list). */
const ListFields = { listKey: z.string().optional(), listSort: z.string().optional() };

/** Why a coordinator stopped SMS to a returnee. */
export const SmsOptOutReason = z.enum(['returnee_asked', 'wrong_number', 'no_phone_access', 'other']);
export type SmsOptOutReason = z.infer<typeof SmsOptOutReason>;

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
  /** Set when the coordinator opted the returnee out of SMS after registration (consent.sms is then false). */
  smsOptOut: z.object({ reason: SmsOptOutReason, at: z.string() }).optional(),
  household: z.array(HouseholdMember),
  /** Items written before closing existed carry no status: they are open. */
  status: z.enum(['open', 'closed']).default('open'),
  homeVisitAt: z.string().optional(),
  closedAt: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.number().int(),
  ...ListFields,
});
export type CaseItem = z.infer<typeof CaseItem>;

/** Of a referral's states (ReferralState), only an unacknowledged one (created, sent) is chased by reminders. */
export const UNACKNOWLEDGED: ReadonlySet<string> = new Set(['created', 'sent']);

export const ReferralItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('REF#'),
  type: z.literal('Referral'),
  caseId: z.string(),
  referralId: z.string(),
  municipalityId: MunicipalityId,
  /** The SMR case id, so worklists and agendas can name the case without reading it. */
  smrCaseId: z.string().optional(),
  officeKind: OfficeKind,
  officeId: z.string(),
  need: Need,
  personIds: z.array(z.string()).min(1),
  categories: z.array(VulnerableCategory),
  note: z.string().optional(),
  status: ReferralState,
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
  /** A declined referral followed by a new one for the same need (it leaves the declined list). */
  reReferredAt: z.string().optional(),
  expiresAt: z.number().int(),
  ...ListFields,
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
  template: TemplateId,
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
  followUp: z.object({ outcome: z.enum(['reached_by_phone', 'visited', 'unreachable']), at: z.string() }).optional(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  expiresAt: z.number().int(),
  ...ListFields,
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
  'meeting.reminder.week',
  'meeting.reminder.day',
  'meeting.minutes',
]);
export type TimerKind = z.infer<typeof TimerKind>;

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

export const AppointmentItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('APPT#'),
  type: z.literal('Appointment'),
  appointmentId: z.string(),
  caseId: z.string(),
  smrCaseId: z.string().optional(),
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
  ...ListFields,
});
export type AppointmentItem = z.infer<typeof AppointmentItem>;

/**
 * A coordination meeting: recurring (from a directory rule) or ad hoc. It names no returnee:
 * invitees are directory ids (offices, coordinators, contacts), discussed cases SMR ids, so it
 * carries no TTL and counts for the indicators as long as the plan runs.
 * `sequence` is the calendar SEQUENCE: raised on every reschedule and on cancellation; the
 * invitation intents and reminder timers of one sequence are ignored under the next.
 */
export const MeetingItem = z.object({
  pk: z.string().startsWith('MEET#'),
  sk: z.literal('META'),
  type: z.literal('Meeting'),
  meetingId: z.string(),
  municipalityId: MunicipalityId,
  kind: z.enum(MEETING_KINDS),
  /** The directory rule a recurring meeting comes from. */
  ruleId: z.string().optional(),
  title: z.string().optional(),
  start: z.string(),
  end: z.string(),
  location: Trilingual,
  convenerId: z.string(),
  invitees: z.array(z.string()).min(1),
  /** Calendar UID, stable for the meeting's life. */
  uid: z.string(),
  sequence: z.number().int().min(0),
  previousStart: z.string().optional(),
  status: z.enum(['scheduled', 'cancelled', 'held', 'not_held']),
  casesDiscussed: z.array(z.string()).optional(),
  minutesNote: z.string().optional(),
  minutesAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...ListFields,
});
export type MeetingItem = z.infer<typeof MeetingItem>;

/**
 * The plans' "means of verification": who changed what, when and how, written in the same
 * transaction as the change. Ids and codes only, no personal data, and no TTL: the record
 * outlives the personal data it refers to by case id.
 */
export const AuditItem = z.object({
  pk: OwnerPk,
  sk: z.string().startsWith('AUDIT#'),
  type: z.literal('Audit'),
  /** Absent for a meeting's or a municipality's entries. */
  caseId: z.string().optional(),
  municipalityId: MunicipalityId.optional(),
  /** The referral or notification it is about. */
  subjectId: z.string(),
  event: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  /**
   * Who: 'user:<Cognito sub>' or 'machine:<name>' (through the API; never an email or a name),
   * 'office:<officeId>' (a signed link), 'system:<function>'. Entries written before sign-in say 'coordinator'.
   */
  by: z.string(),
  /** The caller's role, for changes made through the API. */
  byRole: z.enum(ROLES).optional(),
  /** 'link:accept' | 'link:decline' | 'link:outcome' | 'api' | 'stream' | 'sweep' */
  via: z.string(),
  at: z.string(),
  /** Codes only: decline reason, channel, template, provider message id, failure code. */
  detail: z.record(z.string(), z.string()).optional(),
  ...ListFields,
});
export type AuditItem = z.infer<typeof AuditItem>;

export type AuditEntry = Omit<AuditItem, 'pk' | 'sk' | 'type' | 'caseId' | 'subjectId' | 'at' | 'municipalityId' | 'listKey' | 'listSort'>;

/** Where an audit entry belongs: a case (the usual), or a meeting or municipality partition. */
export type AuditOwner = { caseId: string; municipalityId?: string | undefined } | { pk: string; municipalityId?: string | undefined };

/**
 * An audit item for `entry`, about `subjectId`, at `at`. With a municipality it is also in that
 * municipality's activity feed for the local day, which is what the digests read.
 */
export function auditItem(owner: AuditOwner | string, subjectId: string, at: string, entry: AuditEntry): AuditItem {
  const o: AuditOwner = typeof owner === 'string' ? { caseId: owner } : owner;
  const pk = 'caseId' in o ? `CASE#${o.caseId}` : o.pk;
  const muni = o.municipalityId;
  return {
    pk,
    sk: `AUDIT#${at}#${subjectId}#${entry.event}`,
    type: 'Audit',
    ...('caseId' in o ? { caseId: o.caseId } : {}),
    subjectId,
    at,
    ...entry,
    ...(muni ? { municipalityId: muni, listKey: lists.feed(muni, localDate(new Date(at))), listSort: `${at}#${subjectId}#${entry.event}` } : {}),
  };
}

export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'META' as const }),
  smrClaim: (smrCaseId: string) => ({ pk: `SMR#${smrCaseId.toUpperCase()}`, sk: 'META' as const }),
  referral: (caseId: string, referralId: string) => ({ pk: `CASE#${caseId}`, sk: `REF#${referralId}` }),
  /** Intents live in their case's partition, so one Query returns a case with its referrals and notifications. */
  intent: (caseId: string, intentId: string) => ({ pk: `CASE#${caseId}`, sk: `NOTE#${intentId}` }),
  /** An intent in any owner's partition (a meeting's, a municipality's). */
  intentIn: (ownerPk: string, intentId: string) => ({ pk: ownerPk, sk: `NOTE#${intentId}` }),
  timer: (caseId: string, timerId: string) => ({ pk: `CASE#${caseId}`, sk: `TIMER#${timerId}` }),
  timerIn: (ownerPk: string, timerId: string) => ({ pk: ownerPk, sk: `TIMER#${timerId}` }),
  meeting: (meetingId: string) => ({ pk: `MEET#${meetingId}`, sk: 'META' as const }),
  municipality: (municipalityId: string) => `MUNI#${municipalityId}`,
  /** The running indicator counters of a municipality for one quarter ("2026-Q4"). */
  indicators: (municipalityId: string, quarterKey: string) => ({ pk: `MUNI#${municipalityId}`, sk: `IND#${quarterKey}` }),
  /** A coordinator's own settings (digest frequency), overriding the directory's default. */
  coordinatorSettings: (municipalityId: string, coordinatorId: string) => ({ pk: `MUNI#${municipalityId}`, sk: `COORD#${coordinatorId}` }),
  appointment: (caseId: string, appointmentId: string) => ({ pk: `CASE#${caseId}`, sk: `APPT#${appointmentId}` }),
  /** Where the sweep remembers the oldest bucket it still has to read. */
  sweepCursor: () => ({ pk: 'SWEEP', sk: 'CURSOR' }),
};

/** Which worklist a referral belongs in, given its status; undefined: none. */
export function referralListing(r: Pick<ReferralItem, 'municipalityId' | 'status' | 'ackDueDate' | 'referralId' | 'answeredAt' | 'reReferredAt'>): { listKey: string; listSort: string } | undefined {
  if (r.status === 'created' || r.status === 'sent') return { listKey: lists.awaitingAck(r.municipalityId), listSort: `${r.ackDueDate}#${r.referralId}` };
  if (r.status === 'declined' && !r.reReferredAt) return { listKey: lists.declined(r.municipalityId), listSort: `${r.answeredAt ?? ''}#${r.referralId}` };
  return undefined;
}

/** An open case waits in its municipality's list by its closure date (arrival + 18 months). */
export function caseListing(c: Pick<CaseItem, 'municipalityId' | 'arrivalDate' | 'caseId'>): { listKey: string; listSort: string } {
  return { listKey: lists.openCases(c.municipalityId), listSort: `${addMonths(c.arrivalDate, CASE_MONTHS)}#${c.caseId}` };
}

/** A scheduled appointment or deadline waits in its municipality's list by its time. */
export function appointmentListing(a: Pick<AppointmentItem, 'when' | 'appointmentId'>, municipalityId: string): { listKey: string; listSort: string } {
  return { listKey: lists.appointments(municipalityId), listSort: `${a.when}#${a.appointmentId}` };
}

/** A timer's id is derived from its subject, kind and occurrence, so planning it twice writes it once. */
export function timerId(subjectId: string, kind: TimerKind, occurrence: number): string {
  return `${subjectId}#${kind}#${occurrence}`;
}

/** An intent's id is derived from what caused it, so a redelivered stream record cannot create it twice. */
export function intentId(sourceId: string, purpose: string, recipientKey?: string): string {
  return recipientKey ? `${sourceId}#${purpose}#${recipientKey}` : `${sourceId}#${purpose}`;
}

/**
 * What SES told us about an email address: it bounced for good (`undeliverable`) or its owner
 * marked our mail as spam (`complained`). Either way no more email goes to it until an operator
 * clears it. Keyed by the SHA-256 of the lower-cased address (`addressKey`), and the address
 * itself is never stored: the item holds no name, no address, no case.
 *
 * No TTL, on purpose: a suppression that lapsed by itself would start mailing a dead mailbox or a
 * complainer again without anyone deciding so. The addresses concerned are the directory's
 * institutional mailboxes (offices, coordinators, contacts; returnees get SMS, not email), and
 * the item leaves when an operator clears it (`address clear`).
 */
export const AddressStatus = z.enum(['undeliverable', 'complained']);
export type AddressStatus = z.infer<typeof AddressStatus>;

export const AddressItem = z.object({
  pk: z.string().regex(/^ADDR#[0-9a-f]{64}$/),
  sk: z.literal('META'),
  type: z.literal('Address'),
  /** SHA-256 (hex) of the trimmed, lower-cased address. */
  addressHash: z.string().regex(/^[0-9a-f]{64}$/),
  status: AddressStatus,
  /** When the address was first suppressed (a later event does not move it). */
  since: z.string(),
  /** When SES reported the latest event about it; an older event arriving late changes nothing. */
  lastEventAt: z.string(),
  /** The SES message id of the email that event was about. */
  lastMessageId: z.string(),
  /** Codes only: bounce type and subtype, SMTP status ("Permanent/General", "5.1.1"), complaint feedback type. */
  codes: z.array(z.string()),
});
export type AddressItem = z.infer<typeof AddressItem>;

/** Where an address's status lives: `ADDR#<sha256 of the lower-cased address>`. */
/** Address items' partition prefix (the api's IAM policy may delete only these). */
export const ADDRESS_PK_PREFIX = 'ADDR#';

export function addressKey(addressHash: string): { pk: string; sk: 'META' } {
  return { pk: `${ADDRESS_PK_PREFIX}${addressHash}`, sk: 'META' };
}
