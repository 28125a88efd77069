export {
  CATALOGUE,
  TEMPLATE_IDS,
  TEMPLATE_PARTS,
  placeholdersOf,
  unescapedTagsOf,
  type TemplateId,
  type TemplatePart,
  type TemplateVariant,
} from './catalogue.js';
export {
  renderReferralEmail,
  renderReferralSms,
  formatDate,
  localName,
  normaliseSms,
  TIME_ZONE,
  type ReferralEmailData,
  type ReferralSmsData,
  type RenderedEmail,
} from './render.js';
export { smsStats, type SmsStats } from './sms.js';
export { NEED_LABELS, CATEGORY_LABELS, NEED_ACTIONS, BRING_LISTS, householdPhrase } from './labels.js';
export { srLatnToCyrl, type TranslitOptions } from './translit.js';
