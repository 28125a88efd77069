/** What the API answers, as far as the console reads it (docs/api.md; functions/api/routes/). */

import type { OfficeKind as PlatformOfficeKind } from '../../../shared/domain/vocabulary.js';

export type Lang = 'sq' | 'sr-Latn' | 'sr-Cyrl' | 'en';
export const LANGS: readonly Lang[] = ['sq', 'sr-Latn', 'sr-Cyrl', 'en'];

export const OFFICE_KINDS = ['civil_registry', 'employment_office', 'social_work_centre', 'education_directorate', 'vocational_training', 'health', 'mental_health', 'housing', 'police', 'cso', 'reintegration_commission', 'agriculture_directorate', 'legal_aid', 'dropout_prevention'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];
// The console keeps its own list (the platform's is a zod enum, and zod stays out of the browser bundle);
// these fail to compile if the two lists ever differ.
const _sameOfficeKinds: [OfficeKind, PlatformOfficeKind] extends [PlatformOfficeKind, OfficeKind] ? true : never = true;
void _sameOfficeKinds;
export const NEEDS = ['civil_documents', 'job_seeker_registration', 'social_support', 'school_enrolment', 'vocational_training', 'health_care', 'psychosocial_support', 'housing', 'police_assistance', 'specialised_service', 'housing_reconstruction', 'rent_subsidy', 'agriculture_grant', 'free_legal_aid', 'school_dropout_prevention', 'language_course'] as const;
export type Need = (typeof NEEDS)[number];
export const VULNERABLE_CATEGORIES = ['elderly_without_family_care', 'trafficking_victim', 'domestic_violence_victim', 'child_abuse_victim', 'drug_user', 'prison_release', 'person_with_disability', 'single_parent'] as const;
export type VulnerableCategory = (typeof VULNERABLE_CATEGORIES)[number];
export const MISSING_DOCUMENTS = ['birth_certificate', 'id_card', 'citizenship', 'residence_registration', 'foreign_documents_to_register'] as const;
export const HOUSING = ['adequate', 'inadequate', 'none'] as const;
export const MEMBER_ROLES = ['head', 'spouse', 'child', 'other'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const CATEGORIES = ['returnee', 'foreigner'] as const;
export type Category = (typeof CATEGORIES)[number];
export const REFERRAL_STATES = ['waiting', 'created', 'sent', 'accepted', 'declined', 'completed', 'not_completed', 'cancelled'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
export const INTENT_STATUSES = ['queued', 'deferred', 'sending', 'sent', 'failed', 'unconfirmed', 'skipped', 'cancelled'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];
export const CANCEL_REASONS = ['no_longer_needed', 'client_refused', 'referred_elsewhere', 'entered_in_error', 'other'] as const;
export const OPT_OUT_REASONS = ['returnee_asked', 'wrong_number', 'no_phone_access', 'other'] as const;
/** Opt-outs that also stop the returnee page's links already sent (the phone is not the household's). */
export const LINK_CLOSING_OPT_OUTS: readonly string[] = ['wrong_number', 'no_phone_access'];
export const FOLLOW_UP_OUTCOMES = ['reached_by_phone', 'visited', 'unreachable'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const DIGEST_CHOICES = ['daily', 'weekly', 'both', 'none'] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];
/** An office's acceptance or "done": in the morning's daily digest, or an email each at once. */
export const ANSWER_CHOICES = ['digest', 'immediate'] as const;
export type AnswerChoice = (typeof ANSWER_CHOICES)[number];
/** GET/PUT …/coordinators/{id}/digest: the choices in force. */
export interface CoordinatorChoices {
  coordinatorId: string;
  digest: DigestChoice;
  answers: AnswerChoice;
}
export const DECLINE_REASONS = ['client_refused', 'lack_of_capacity', 'unable_to_contact', 'not_eligible', 'no_longer_needed', 'other'] as const;

export interface Member {
  id: string;
  givenName: string;
  familyName: string;
  birthYear: number;
  role: MemberRole;
}

export interface Notification {
  purpose: string;
  channel: 'email' | 'sms';
  template: string;
  languages: string[];
  status: IntentStatus;
  skipReason?: string;
  notBefore?: string;
  attempts: number;
  lastError?: string;
  providerMessageId?: string;
  sms?: { encoding: 'GSM-7' | 'UCS-2'; segments: number; characters: number };
  failure?: { kind: string; code: string };
  followUp?: { outcome: FollowUpOutcome; at: string };
  sentAt?: string;
}

export interface Referral {
  referralId: string;
  officeKind: OfficeKind;
  officeId: string;
  need: Need;
  personIds: string[];
  categories?: VulnerableCategory[];
  status: ReferralState;
  dependsOn?: string;
  ackDueDate?: string;
  flaggedAt?: string;
  answeredAt?: string;
  declineReason?: string;
  /** Cancelled, or withdrawn once accepted (`answeredAt` then set too): when and why (a CANCEL_REASONS code, or `case_closed`). */
  cancelledAt?: string;
  cancelReason?: string;
  outcomeAt?: string;
  createdAt: string;
  sentAt?: string;
  notifications: Notification[];
}

export interface Appointment {
  appointmentId: string;
  kind: 'appointment' | 'deadline';
  when: string;
  title: string;
  where: string;
  bring?: string;
  status: string;
  version: number;
}

export interface AuditEntry {
  at: string;
  subjectId: string;
  event: string;
  from?: string;
  to?: string;
  by: string;
  byRole?: string;
  via: string;
  detail?: Record<string, string>;
}

export interface CaseView {
  caseId: string;
  smrCaseId: string;
  municipalityId: string;
  coordinatorId: string;
  arrivalDate: string;
  category: Category;
  preferredLanguage: Lang;
  consent: { sms: boolean; shareWithOffices: boolean };
  smsOptOut?: { reason: string; at?: string };
  household: Member[];
  status: 'open' | 'closed';
  homeVisitAt?: string;
  closedAt?: string;
  createdAt: string;
  referrals: Referral[];
  appointments: Appointment[];
  notifications: Notification[];
  upcoming: { kind: string; subjectId: string; dueAt: string }[];
  audit: AuditEntry[];
}

/** A household's "I cannot come" on its page, to call about (GET …/follow-ups → cannotCome). */
export interface CannotCome {
  followUpId: string;
  caseId: string;
  smrCaseId?: string;
  /** `ref:<referralId>` or `appt:<appointmentId>`. */
  step: string;
  /** Which step, in codes; absent for answers given before it was kept. */
  about?: { kind: 'referral'; officeKind: OfficeKind; need: Need } | { kind: 'appointment' | 'deadline'; when: string };
  since: string;
}

export interface FollowUp {
  followUpId: string;
  caseId: string;
  smrCaseId?: string;
  channel: 'email' | 'sms';
  purpose: string;
  template: string;
  status: string;
  reason: string;
  attempts: number;
  since: string;
  /** The SMS as it would have gone out, to read to the person, in their language. */
  language?: string;
  message?: string;
  /** An email's subject (the office is called about it). */
  subject?: string;
}

export interface Worklists {
  municipalityId: string;
  at: string;
  overdue: number;
  declined: number;
  nearingClosure: number;
  failedDeliveries: number;
  figures?: unknown;
}

export interface Meeting {
  meetingId: string;
  municipalityId: string;
  kind: string;
  /** Ad hoc meetings have one; a recurring meeting is named by its kind. */
  title?: string;
  start: string;
  end: string;
  location: string;
  convenerId?: string;
  invitees?: string[];
  sequence?: number;
  status: string;
  casesDiscussed?: string[];
  casesDiscussedCount?: number;
  minutesAt?: string;
}

/** The indicators' figures as the API sends them: the very type the report is computed in (erased at build). */
export type { QuarterFigures } from '../../../shared/domain/quarters.js';
/** GET …/indicators/{quarter}: the figures with the indicators as the report lists them (value, returnees / foreigners, the plan's baseline and target). */
export type { IndicatorLine, IndicatorsResponse } from '../../../shared/domain/indicators.js';

/** A referral an assessment would make (POST /cases/{id}/assessment/preview), or one the coordinator adds here. */
export interface ProposedReferral {
  /** Stable for the same answers: what `exclude` names. */
  key: string;
  source?: 'rules' | 'coordinator';
  ruleId?: string;
  officeKind: OfficeKind;
  need: Need;
  personIds: string[];
  categories: VulnerableCategory[];
  dependsOn?: string;
  referralId?: string;
  excluded?: boolean;
  officeId?: string;
  office?: { sq: string; sr: string; en: string };
  /** Already made by an earlier submission of the same assessment. */
  existing?: { referralId: string; status: ReferralState };
}
