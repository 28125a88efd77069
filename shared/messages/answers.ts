import { isSensitive, SENSITIVE_NEEDS, type Language, type Need, type OfficeKind, type Trilingual } from '../domain/vocabulary.js';
import {
  ANSWER_SMS_TEMPLATE_IDS,
  REFERRAL_ANSWER_TEMPLATE_IDS,
  type AnswerSmsTemplateId,
  type ReferralAnswerTemplateId,
} from '../domain/template-ids.js';
import {
  bringList as bringListFor,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  NEED_LABELS,
  OUTCOME_LABELS,
  REFERRAL_OUTCOMES,
  sensitiveLabelsIn,
  type DeclineReason,
  type ReferralOutcome,
} from './labels.js';
import {
  composeEmail,
  formatDate,
  formatDateTime,
  formatTime,
  localName,
  normaliseSms,
  renderPlain,
  templateOf,
  type ReferralSmsData,
  type RenderedEmail,
  referralHeader,
} from './render.js';
import { smsStats } from './sms.js';

export type { DeclineReason, ReferralOutcome };

/** An office's answer to a referral, for the coordinator's email (accepted, declined, outcome). */
export interface ReferralAnswerData {
  referralId: string;
  smrCaseId: string;
  caseId: string;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  coordinatorName: string;
  office: { kind: OfficeKind; name: Trilingual };
  need: Need;
  /** computed by the caller with isSensitive(); the renderer also recomputes it from need and office kind and ORs the two */
  sensitive: boolean;
  /** ISO instant, shown as dd.MM.yyyy HH:mm in Europe/Belgrade */
  answeredAt: string;
  /** declined only (required there) */
  reason?: DeclineReason;
  /** the office's free text (decline or outcome), shown as typed; escaped in HTML */
  note?: string;
  /** outcome only (required there) */
  outcome?: ReferralOutcome;
  /** declined only: other offices or organisations in the municipality that could take the case */
  alternatives?: { name: Trilingual; email: string }[];
}

/** The returnee's SMS when an office accepts: the referral SMS data, plus what says it may not be sent. */
export interface ReferralAcceptedSmsData extends ReferralSmsData {
  /** computed by the caller with isSensitive(); true → no SMS (the renderer refuses) */
  sensitive?: boolean;
  /** the accepting office's kind, if the caller has it: a health or mental-health office is refused too */
  officeKind?: OfficeKind;
}

/** Segments the accepted SMS may take (UCS-2: 201 characters; GSM-7: 459) … */
export const ACCEPTED_SMS_SEGMENT_BUDGET = 3;
/** … and characters, as for every SMS in the catalogue (a GSM-7 text reaches 320 before 3 segments). */
export const ACCEPTED_SMS_MAX_CHARACTERS = 320;

const ANSWER_EMAILS: ReadonlySet<string> = new Set(REFERRAL_ANSWER_TEMPLATE_IDS);
const ANSWER_SMS: ReadonlySet<string> = new Set(ANSWER_SMS_TEMPLATE_IDS);

export function isReferralAnswerTemplate(id: string): id is ReferralAnswerTemplateId {
  return ANSWER_EMAILS.has(id);
}
export function isAnswerSmsTemplate(id: string): id is AnswerSmsTemplateId {
  return ANSWER_SMS.has(id);
}

function fail(templateId: string, what: string): never {
  throw new Error(`${templateId}: ${what}`);
}

function answerView(templateId: ReferralAnswerTemplateId, data: ReferralAnswerData, lang: Language, sensitive: boolean) {
  const header = referralHeader(data, lang, sensitive);
  const view: Record<string, unknown> = {
    ...header,
    caseId: data.caseId,
    coordinatorName: data.coordinatorName,
    // As for referral.coordinator.overdue: a sensitive need is named in no subject and no body.
    needLabel: header.subjectNeed,
    answeredAt: formatDateTime(data.answeredAt),
    answeredDate: formatDate(data.answeredAt),
    answeredTime: formatTime(data.answeredAt),
    note: typeof data.note === 'string' ? data.note.trim() : '',
  };
  if (templateId === 'referral.coordinator.declined') {
    view.reasonLabel = DECLINE_REASON_LABELS[lang][data.reason!];
    const alternatives = (data.alternatives ?? []).map((a) => ({ altName: localName(a.name, lang), altEmail: a.email }));
    view.alternatives = alternatives;
    view.hasAlternatives = alternatives.length > 0;
  }
  if (templateId === 'referral.coordinator.outcome') {
    view.outcomeLabel = OUTCOME_LABELS[lang][data.outcome!];
    view.done = data.outcome === 'done';
  }
  return view;
}

/**
 * The coordinator's email about an office's answer, in the given languages (normally the
 * coordinator's one; several give one email with a section each, as for every email).
 * 'referral.coordinator.declined' needs `reason` (and lists `alternatives`, if any);
 * 'referral.coordinator.outcome' needs `outcome`. Sent at once, whatever the time of day.
 */
export function renderAnswerEmail(
  templateId: ReferralAnswerTemplateId,
  data: ReferralAnswerData,
  languages: readonly Language[],
): RenderedEmail {
  if (!isReferralAnswerTemplate(templateId)) fail(String(templateId), 'not a referral answer template');
  if (data === null || typeof data !== 'object' || !data.office || !data.municipality || typeof data.coordinatorName !== 'string') {
    fail(templateId, 'needs ReferralAnswerData (office, municipality, coordinatorName, need, answeredAt, …)');
  }
  if (!NEED_LABELS.en[data.need]) fail(templateId, `unknown need ${JSON.stringify(data.need)}`);
  if (templateId === 'referral.coordinator.declined' && !(DECLINE_REASONS as readonly unknown[]).includes(data.reason)) {
    fail(templateId, `needs a reason (${DECLINE_REASONS.join(', ')}), got ${JSON.stringify(data.reason)}`);
  }
  if (templateId === 'referral.coordinator.outcome' && !(REFERRAL_OUTCOMES as readonly unknown[]).includes(data.outcome)) {
    fail(templateId, `needs an outcome (${REFERRAL_OUTCOMES.join(', ')}), got ${JSON.stringify(data.outcome)}`);
  }
  // Defence in depth: the caller's flag OR what the data itself says.
  const sensitive = data.sensitive === true || isSensitive({ need: data.need, officeKind: data.office.kind });
  return composeEmail(templateId, languages, (lang) => answerView(templateId, data, lang, sensitive));
}

/** Whether an acceptance is of a sensitive referral, whose SMS (alone or a household step) may name neither office nor need: flagged by the caller, a sensitive need, or a health / mental-health office. */
export const acceptedIsSensitive = (d: Pick<ReferralAcceptedSmsData, 'sensitive' | 'need' | 'officeKind'>): boolean =>
  d.sensitive === true || SENSITIVE_NEEDS.has(d.need) || (d.officeKind !== undefined && isSensitive({ need: d.need, officeKind: d.officeKind }));

/**
 * The SMS to the returnee when an office accepts a non-sensitive referral, in their language,
 * normalised like every SMS (one line, GSM-7 punctuation).
 *
 * It names the office, the need, where and when to go, what to bring and the coordinator's
 * phone. To stay within ACCEPTED_SMS_SEGMENT_BUDGET segments and ACCEPTED_SMS_MAX_CHARACTERS
 * characters it leaves out, only as far as needed and in this order: the need label (the
 * office's name says much the same), the bring-list (the referral SMS carried it; the
 * coordinator can be asked), both. If even that does not fit, the shortest text is returned
 * (the delivery records its segment count).
 *
 * Refuses (throws) for a sensitive referral — flagged by the caller, a sensitive need, or a
 * health / mental-health office — and if the text would carry a sensitive label.
 */
export function renderAcceptedSms(data: ReferralAcceptedSmsData, language: Language): string {
  const id: AnswerSmsTemplateId = 'referral.returnee.accepted';
  if (data === null || typeof data !== 'object' || !data.office || !data.coordinatorOffice) fail(id, 'needs ReferralSmsData (coordinatorOffice, office, need, …)');
  if (acceptedIsSensitive(data)) {
    fail(id, 'the referral is sensitive; no SMS may name the office or the need (the coordinator calls instead)');
  }
  if (!NEED_LABELS[language]?.[data.need]) fail(id, `unknown need ${JSON.stringify(data.need)} or language ${JSON.stringify(language)}`);
  const base = {
    coordinatorOffice: localName(data.coordinatorOffice, language),
    coordinatorPhone: data.coordinatorPhone,
    officeName: localName(data.office.name, language),
    officeAddress: localName(data.office.address, language),
    officeHours: localName(data.office.hours, language),
    pageUrl: data.pageUrl,
  };
  const needLabel = NEED_LABELS[language][data.need];
  const bringList = bringListFor(language, data.need, data.category);
  const tries = [
    { needLabel, bringList },
    { needLabel: '', bringList },
    { needLabel, bringList: '' },
    { needLabel: '', bringList: '' },
  ];
  const template = templateOf(id, language).text;
  let sms = '';
  for (const t of tries) {
    sms = normaliseSms(renderPlain(template, { ...base, ...t }));
    const stats = smsStats(sms);
    if (stats.segments <= ACCEPTED_SMS_SEGMENT_BUDGET && stats.characters <= ACCEPTED_SMS_MAX_CHARACTERS) break;
  }
  if (sensitiveLabelsIn(sms).length > 0) fail(id, 'the SMS would name a sensitive need or category');
  return sms;
}
