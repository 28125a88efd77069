export { CATALOGUE, placeholdersOf, unescapedTagsOf } from './catalogue.js';
export { TEMPLATE_PARTS, type TemplatePart, type TemplateVariant } from './template-parts.js';
export {
  renderReferralEmail,
  renderReferralSms,
  formatDate,
  formatDateTime,
  formatTime,
  inLanguageOf,
  localName,
  nameKey,
  normaliseSms,
  type ReferralEmailData,
  type ReferralLinks,
  type ReferralSmsData,
  type RenderedEmail,
} from './render.js';
export {
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
  type ActionPoint,
  type DigestData,
  type MeetingEmailData,
  type MinutesRequestData,
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
export { isHouseholdPart, renderHouseholdSms, type HouseholdPart, type HouseholdSmsData } from './household.js';
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
