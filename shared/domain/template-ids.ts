/**
 * The template ids, by family: the messages the platform sends, named by what the use cases
 * decide (an intent carries one) and by which renderer handles them. The words are in
 * shared/messages/templates/<id>/<lang>.txt (one folder per id, a test checks the two agree);
 * shared/messages/catalogue.ts holds them as built.
 */

/** The referral to an office, and the SMS to the returnee (non-sensitive, and private). */
export const REFERRAL_TEMPLATE_IDS = ['referral.office.email', 'referral.returnee.sms', 'referral.returnee.sms.private'] as const;
export type ReferralTemplateId = (typeof REFERRAL_TEMPLATE_IDS)[number];

/** The acknowledgement ladder of a referral (office reminder, head-of-office escalation, coordinator flag), and the office's (and an escalated-to head's) notice that it was withdrawn. */
export const REFERRAL_NOTICE_TEMPLATE_IDS = ['referral.office.reminder', 'referral.head.escalation', 'referral.coordinator.overdue', 'referral.office.withdrawn', 'referral.head.withdrawn'] as const;
export type ReferralNoticeTemplateId = (typeof REFERRAL_NOTICE_TEMPLATE_IDS)[number];

/** The clocks of a case: 72-hour home visit, monthly monitoring, quarterly evaluation, closure at 18 months. */
export const CASE_NOTICE_TEMPLATE_IDS = [
  'visit.coordinator.reminder',
  'visit.coordinator.escalation',
  'case.coordinator.monitoring',
  'case.coordinator.evaluation',
  'case.coordinator.closure',
  'case.coordinator.rent_review',
] as const;
export type CaseNoticeTemplateId = (typeof CASE_NOTICE_TEMPLATE_IDS)[number];

export const NOTICE_TEMPLATE_IDS = [...REFERRAL_NOTICE_TEMPLATE_IDS, ...CASE_NOTICE_TEMPLATE_IDS] as const;
export type NoticeTemplateId = (typeof NOTICE_TEMPLATE_IDS)[number];

/** SMS to a returnee about an appointment or a legal deadline: the evening before and the morning of. */
export const REMINDER_SMS_TEMPLATE_IDS = [
  'appointment.returnee.evening',
  'appointment.returnee.morning',
  'deadline.returnee.evening',
  'deadline.returnee.morning',
] as const;
export type ReminderSmsTemplateId = (typeof REMINDER_SMS_TEMPLATE_IDS)[number];

/** The office's answer to a referral, to the coordinator: accepted, declined, outcome. */
export const REFERRAL_ANSWER_TEMPLATE_IDS = ['referral.coordinator.accepted', 'referral.coordinator.declined', 'referral.coordinator.outcome'] as const;
export type ReferralAnswerTemplateId = (typeof REFERRAL_ANSWER_TEMPLATE_IDS)[number];

/** The SMS to the returnee when the office accepts. */
export const ANSWER_SMS_TEMPLATE_IDS = ['referral.returnee.accepted'] as const;
export type AnswerSmsTemplateId = (typeof ANSWER_SMS_TEMPLATE_IDS)[number];

export const ANSWER_TEMPLATE_IDS = [...REFERRAL_ANSWER_TEMPLATE_IDS, ...ANSWER_SMS_TEMPLATE_IDS] as const;
export type AnswerTemplateId = (typeof ANSWER_TEMPLATE_IDS)[number];

/** The meetings of the local network, with a calendar invitation. */
export const MEETING_EMAIL_TEMPLATE_IDS = ['meeting.invitation', 'meeting.rescheduled', 'meeting.cancelled', 'meeting.reminder'] as const;
export type MeetingEmailTemplateId = (typeof MEETING_EMAIL_TEMPLATE_IDS)[number];

/** Meetings, the request for minutes, the coordinator's digest and the quarterly indicator report. */
export const COORDINATION_TEMPLATE_IDS = [...MEETING_EMAIL_TEMPLATE_IDS, 'meeting.minutes_request', 'digest.coordinator', 'report.quarterly'] as const;
export type CoordinationTemplateId = (typeof COORDINATION_TEMPLATE_IDS)[number];

/** To the coordinator when an SMS to a returnee could not go out for good. */
export const FOLLOW_UP_TEMPLATE_IDS = ['followup.coordinator'] as const;
export type FollowUpTemplateId = (typeof FOLLOW_UP_TEMPLATE_IDS)[number];

/** To the coordinators when an address bounced for good or marked our email as spam. */
export const ALERT_TEMPLATE_IDS = ['alert.address_undeliverable'] as const;
export type AlertTemplateId = (typeof ALERT_TEMPLATE_IDS)[number];

/** To the coordinator when a waiting referral's prerequisite will not be completed: release, cancel or refer elsewhere. */
export const WAITING_TEMPLATE_IDS = ['referral.coordinator.blocked'] as const;
export type WaitingTemplateId = (typeof WAITING_TEMPLATE_IDS)[number];

/** The joint home visit: the invitation (with its calendar entry) to the offices, or its cancellation; the SMS to the family. */
export const VISIT_EMAIL_TEMPLATE_IDS = ['visit.office.invitation', 'visit.office.cancelled'] as const;
export type VisitEmailTemplateId = (typeof VISIT_EMAIL_TEMPLATE_IDS)[number];
export const VISIT_SMS_TEMPLATE_IDS = ['visit.returnee.planned', 'visit.returnee.moved', 'visit.returnee.cancelled'] as const;
export type VisitSmsTemplateId = (typeof VISIT_SMS_TEMPLATE_IDS)[number];

/** To the family when an appointment they were told of, or that is near, moves or is called off. */
export const APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS = ['appointment.returnee.moved', 'appointment.returnee.cancelled'] as const;
export type AppointmentChangeSmsTemplateId = (typeof APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS)[number];

/** The SMS at registration: who follows the case and what comes next; a foreigner's never speaks of return. */
export const WELCOME_SMS_TEMPLATE_IDS = ['case.returnee.welcome', 'case.foreigner.welcome'] as const;
export type WelcomeSmsTemplateId = (typeof WELCOME_SMS_TEMPLATE_IDS)[number];

/** To those who registered an interest in a grant, when the municipality says a call opened (worded for returnees and foreigners alike). */
export const GRANT_SMS_TEMPLATE_IDS = ['grant.returnee.call'] as const;
export type GrantSmsTemplateId = (typeof GRANT_SMS_TEMPLATE_IDS)[number];

/**
 * A household's SMS due at the same time, as one message listing its next steps; the SMS that
 * can be such a part (HOUSEHOLD_PART_TEMPLATE_IDS; a welcome opens it, a called-off visit or a
 * cancelled appointment is said before the steps: nothing to do).
 */
export const HOUSEHOLD_SMS_TEMPLATE_IDS = ['household.returnee.sms'] as const;
export const HOUSEHOLD_PART_TEMPLATE_IDS = [
  'referral.returnee.sms',
  'referral.returnee.sms.private',
  'referral.returnee.accepted',
  'appointment.returnee.morning',
  'deadline.returnee.morning',
  'appointment.returnee.moved',
  'appointment.returnee.cancelled',
  'visit.returnee.planned',
  'visit.returnee.moved',
  'visit.returnee.cancelled',
  'grant.returnee.call',
  'case.returnee.welcome',
  'case.foreigner.welcome',
] as const;
export type HouseholdPartTemplateId = (typeof HOUSEHOLD_PART_TEMPLATE_IDS)[number];

/** To the coordinator at once when the household answered "I cannot come" on its returnee page. */
export const PAGE_ANSWER_TEMPLATE_IDS = ['case.coordinator.cannot_come'] as const;

export const TEMPLATE_IDS = [
  ...REFERRAL_TEMPLATE_IDS,
  ...NOTICE_TEMPLATE_IDS,
  ...REMINDER_SMS_TEMPLATE_IDS,
  ...ANSWER_TEMPLATE_IDS,
  ...COORDINATION_TEMPLATE_IDS,
  ...FOLLOW_UP_TEMPLATE_IDS,
  ...ALERT_TEMPLATE_IDS,
  ...VISIT_EMAIL_TEMPLATE_IDS,
  ...VISIT_SMS_TEMPLATE_IDS,
  ...APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS,
  ...WELCOME_SMS_TEMPLATE_IDS,
  ...WAITING_TEMPLATE_IDS,
  ...GRANT_SMS_TEMPLATE_IDS,
  ...HOUSEHOLD_SMS_TEMPLATE_IDS,
  ...PAGE_ANSWER_TEMPLATE_IDS,
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
