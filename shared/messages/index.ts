export { CATALOGUE, placeholdersOf, unescapedTagsOf } from './catalogue.js';
export {
  ALERT_TEMPLATE_IDS,
  ANSWER_SMS_TEMPLATE_IDS,
  ANSWER_TEMPLATE_IDS,
  CASE_NOTICE_TEMPLATE_IDS,
  COORDINATION_TEMPLATE_IDS,
  FOLLOW_UP_TEMPLATE_IDS,
  MEETING_EMAIL_TEMPLATE_IDS,
  NOTICE_TEMPLATE_IDS,
  REFERRAL_ANSWER_TEMPLATE_IDS,
  REFERRAL_NOTICE_TEMPLATE_IDS,
  REFERRAL_TEMPLATE_IDS,
  REMINDER_SMS_TEMPLATE_IDS,
  TEMPLATE_IDS,
  TEMPLATE_PARTS,
  type AlertTemplateId,
  type AnswerSmsTemplateId,
  type AnswerTemplateId,
  type CaseNoticeTemplateId,
  type CoordinationTemplateId,
  type MeetingEmailTemplateId,
  type NoticeTemplateId,
  type ReferralAnswerTemplateId,
  type ReferralNoticeTemplateId,
  type ReferralTemplateId,
  type ReminderSmsTemplateId,
  type TemplateId,
  type TemplatePart,
  type TemplateVariant,
} from './template-ids.js';
export {
  renderReferralEmail,
  renderReferralSms,
  formatDate,
  formatDateTime,
  formatTime,
  localName,
  normaliseSms,
  TIME_ZONE,
  type ReferralEmailData,
  type ReferralLinks,
  type ReferralSmsData,
  type RenderedEmail,
} from './render.js';
export {
  CASE_MONTHS,
  isCaseNoticeTemplate,
  isReferralNoticeTemplate,
  renderNoticeEmail,
  type CaseNoticeData,
  type ReferralNoticeData,
} from './notices.js';
export { isReminderSmsTemplate, renderReminderSms, type AppointmentSmsData } from './reminders.js';
export {
  ACCEPTED_SMS_MAX_CHARACTERS,
  ACCEPTED_SMS_SEGMENT_BUDGET,
  isAnswerSmsTemplate,
  isReferralAnswerTemplate,
  renderAcceptedSms,
  renderAnswerEmail,
  type ReferralAcceptedSmsData,
  type ReferralAnswerData,
} from './answers.js';
export {
  INDICATOR_OFFICE_KINDS,
  MEETING_KINDS,
  type ActionPoint,
  type DigestData,
  type MeetingEmailData,
  type MeetingKind,
  type MinutesRequestData,
  type QuarterFigures,
  type QuarterlyReportData,
} from './coordination-data.js';
export {
  daysAheadPhrase,
  formatShare,
  isCoordinationTemplate,
  isMeetingEmailTemplate,
  quarterLabel,
  renderDigestEmail,
  renderMeetingEmail,
  renderMinutesRequest,
  renderQuarterlyReport,
} from './coordination.js';
export { renderAny, type AnyTemplateId, type RenderedMessage } from './dispatch.js';
export { FOLLOW_UP_REASONS, followUpReasonOf, renderFollowUpEmail, type FollowUpData, type FollowUpReason } from './follow-ups.js';
export { isAlertTemplate, MESSAGE_KINDS, messageKindLabel, messageKindOf, renderAddressAlert, type AddressAlertData, type MessageKind } from './alerts.js';
export { smsStats, type SmsStats } from './sms.js';
export {
  NEED_LABELS,
  CATEGORY_LABELS,
  NEED_ACTIONS,
  BRING_LISTS,
  DECLINE_REASONS,
  DECLINE_REASON_LABELS,
  REFERRAL_OUTCOMES,
  OUTCOME_LABELS,
  PLAN_ABBREVIATIONS,
  PLAN_NAMES,
  MEETING_KIND_LABELS,
  OFFICE_KIND_LABELS,
  householdPhrase,
  sensitiveLabelsIn,
  type DeclineReason,
  type ReferralOutcome,
} from './labels.js';
export { srLatnToCyrl, type TranslitOptions } from './translit.js';
export { gsmStats, isGsm7, toGsm7, type GsmStats } from './gsm.js';
