export {
  CATALOGUE,
  REFERRAL_TEMPLATE_IDS,
  TEMPLATE_IDS,
  TEMPLATE_PARTS,
  placeholdersOf,
  unescapedTagsOf,
  type ReferralTemplateId,
  type TemplateId,
  type TemplatePart,
  type TemplateVariant,
} from './catalogue.js';
export {
  CASE_NOTICE_TEMPLATE_IDS,
  NOTICE_TEMPLATE_IDS,
  REFERRAL_NOTICE_TEMPLATE_IDS,
  type CaseNoticeTemplateId,
  type NoticeTemplateId,
  type ReferralNoticeTemplateId,
} from './catalogue-notices.js';
export { REMINDER_SMS_TEMPLATE_IDS, type ReminderSmsTemplateId } from './catalogue-reminders.js';
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
export { renderAny, type AnyTemplateId, type RenderedMessage } from './dispatch.js';
export { smsStats, type SmsStats } from './sms.js';
export {
  NEED_LABELS,
  CATEGORY_LABELS,
  NEED_ACTIONS,
  BRING_LISTS,
  PLAN_ABBREVIATIONS,
  PLAN_NAMES,
  householdPhrase,
  sensitiveLabelsIn,
} from './labels.js';
export { srLatnToCyrl, type TranslitOptions } from './translit.js';
