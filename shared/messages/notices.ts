import { addMonths, lightFormat } from 'date-fns';
import { wallClockOf } from '../domain/calendar.js';
import { CASE_MONTHS, clockStartDate } from '../domain/case.js';
import { isSensitive, type Language, type Need, type OfficeKind, type PermitKind, type PersonCategory, type Trilingual } from '../domain/vocabulary.js';
import {
  CASE_NOTICE_TEMPLATE_IDS,
  REFERRAL_NOTICE_TEMPLATE_IDS,
  type CaseNoticeTemplateId,
  type NoticeTemplateId,
  type ReferralNoticeTemplateId,
} from '../domain/template-ids.js';
import { PLAN_ABBREVIATIONS, PLAN_NAMES } from './labels.js';
import { composeEmail, formatDate, lastDayBefore, permitView, linksView, referralHeader, localName, type ReferralLinks, type RenderedEmail } from './render.js';

/** A referral that an office has not acknowledged in time (office reminder, head escalation, coordinator flag). */
export interface ReferralNoticeData {
  referralId: string;
  smrCaseId: string;
  caseId: string;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  coordinator: { name: string; email: string; phone: string };
  office: { kind: OfficeKind; name: Trilingual };
  need: Need;
  /** computed by the caller with isSensitive(); the renderer also recomputes it from need and office kind and ORs the two */
  sensitive: boolean;
  /** YYYY-MM-DD (or an ISO instant, shown as its date in Europe/Belgrade) */
  sentDate: string;
  /** YYYY-MM-DD, acknowledge by */
  dueDate: string;
  /** The office's one-click answers (reminder and escalation only), as in ReferralEmailData: signed when the email is rendered. */
  links?: ReferralLinks;
  /** YYYY-MM-DD, the day the links expire; shown only together with `links` */
  linksExpire?: string;
}

/** A case clock: the 72-hour home visit, monthly monitoring, quarterly evaluation, closure at 18 months. */
export interface CaseNoticeData {
  caseId: string;
  smrCaseId: string;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  /** The reintegration department as the municipality's plan names it (DRPR / DRPRIH); absent (a directory entry without it, or a notice decided before it was carried): DRPR. */
  department?: Trilingual;
  coordinatorName: string;
  category: PersonCategory;
  householdSize: number;
  /** YYYY-MM-DD */
  arrivalDate: string;
  /** A foreigner's: YYYY-MM-DD, the day of the protection status or residence permit; the clocks count from it */
  permitDate?: string;
  /** A foreigner's: which protection or permit */
  permit?: PermitKind;
  /** ISO instant, for visit.*: shown as dd.MM.yyyy HH:mm in Europe/Belgrade */
  deadline?: string;
  /** month N (monitoring) or quarter N (evaluation) */
  occurrence?: number;
  /** case.coordinator.rent_review: YYYY-MM-DD, the day the office reported the rent provided, and the day its 12 months end */
  doneDate?: string;
  endDate?: string;
  /** monitoring: whether the case has an individual plan, and its measures (timers/decide.ts) */
  hasPlan?: boolean;
  measures?: { goal: string; dueDate: string; overdue: boolean; [status: `status_${string}`]: boolean | string }[];
}

const REFERRAL_NOTICES: ReadonlySet<string> = new Set(REFERRAL_NOTICE_TEMPLATE_IDS);
const CASE_NOTICES: ReadonlySet<string> = new Set(CASE_NOTICE_TEMPLATE_IDS);

export function isReferralNoticeTemplate(id: string): id is ReferralNoticeTemplateId {
  return REFERRAL_NOTICES.has(id);
}
export function isCaseNoticeTemplate(id: string): id is CaseNoticeTemplateId {
  return CASE_NOTICES.has(id);
}

function fail(templateId: string, what: string): never {
  throw new Error(`${templateId}: ${what}`);
}

function referralView(templateId: ReferralNoticeTemplateId, data: ReferralNoticeData, lang: Language, sensitive: boolean) {
  const header = referralHeader(data, lang, sensitive);
  return {
    ...header,
    coordinatorName: data.coordinator.name,
    coordinatorEmail: data.coordinator.email,
    coordinatorPhone: data.coordinator.phone,
    // To the office and its head the body says what was asked (it is their referral); the
    // coordinator's flag names a sensitive need nowhere. No subject ever names a sensitive need.
    needLabel: templateId === 'referral.coordinator.overdue' && sensitive ? '' : header.needLabel,
    sentDate: formatDate(data.sentDate),
    dueDate: formatDate(data.dueDate),
    ...answerLinksView(templateId, data),
  };
}

/** The one-click answers go to the office and its head only; the coordinator's flag never offers them. */
function answerLinksView(templateId: ReferralNoticeTemplateId, data: ReferralNoticeData) {
  const links = templateId === 'referral.coordinator.overdue' ? false : linksView(data);
  return { links, linksExpire: links && data.linksExpire ? formatDate(data.linksExpire) : '' };
}

const DRPR: Trilingual = { sq: 'DRPR', sr: 'ORRLIS', en: 'DRPR' };

function caseView(templateId: CaseNoticeTemplateId, data: CaseNoticeData, lang: Language) {
  if (data.category !== 'returnee' && data.category !== 'foreigner') fail(templateId, `unknown category ${JSON.stringify(data.category)}`);
  const view: Record<string, unknown> = {
    caseId: data.caseId,
    smrCaseId: data.smrCaseId,
    municipality: localName(data.municipality, lang),
    coordinatorOffice: localName(data.coordinatorOffice, lang),
    department: localName(data.department ?? DRPR, lang),
    coordinatorName: data.coordinatorName,
    householdSize: String(data.householdSize),
    arrivalDate: formatDate(data.arrivalDate),
    ...permitView(data.category === 'foreigner' ? data : {}, lang),
    planAbbr: PLAN_ABBREVIATIONS[lang][data.category],
    planName: PLAN_NAMES[lang][data.category],
  };
  switch (templateId) {
    case 'visit.coordinator.reminder':
    case 'visit.coordinator.escalation': {
      if (!data.deadline) fail(templateId, 'needs the deadline (an ISO instant)');
      view.deadlineDate = formatDate(lastDayBefore(data.deadline));
      break;
    }
    case 'case.coordinator.monitoring':
    case 'case.coordinator.evaluation': {
      const n = data.occurrence;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) fail(templateId, `needs occurrence ≥ 1, got ${JSON.stringify(n)}`);
      view.occurrence = String(n);
      if (templateId === 'case.coordinator.monitoring') {
        view.hasPlan = data.hasPlan === true;
        view.measures = (data.measures ?? []).map((m) => ({ ...m, dueDate: formatDate(m.dueDate) }));
      }
      break;
    }
    case 'case.coordinator.closure': {
      const start = clockStartDate(data);
      const arrival = wallClockOf(start);
      if (isNaN(+arrival)) fail(templateId, `not an ISO date: ${JSON.stringify(start)}`);
      view.closureDate = lightFormat(addMonths(arrival, CASE_MONTHS), 'dd.MM.yyyy');
      break;
    }
    case 'case.coordinator.rent_review': {
      if (!data.doneDate || !data.endDate) fail(templateId, 'needs doneDate and endDate (YYYY-MM-DD)');
      view.doneDate = formatDate(data.doneDate);
      view.endDate = formatDate(data.endDate);
      break;
    }
  }
  return view;
}

/**
 * A notice by email, in each of the given languages (in order, repeats dropped; one email, with a
 * section per language, as for a referral). Offices get their OfficeLanguage list, a coordinator
 * their one Language.
 *
 * referral.* notices take ReferralNoticeData; visit.* and case.* take CaseNoticeData (visit.*
 * need `deadline`, monitoring and evaluation need `occurrence`).
 */
export function renderNoticeEmail(templateId: ReferralNoticeTemplateId, data: ReferralNoticeData, languages: readonly Language[]): RenderedEmail;
export function renderNoticeEmail(templateId: CaseNoticeTemplateId, data: CaseNoticeData, languages: readonly Language[]): RenderedEmail;
export function renderNoticeEmail(
  templateId: NoticeTemplateId,
  data: ReferralNoticeData | CaseNoticeData,
  languages: readonly Language[],
): RenderedEmail;
export function renderNoticeEmail(
  templateId: NoticeTemplateId,
  data: ReferralNoticeData | CaseNoticeData,
  languages: readonly Language[],
): RenderedEmail {
  if (isReferralNoticeTemplate(templateId)) {
    const d = data as ReferralNoticeData;
    if (!d.office || !d.coordinator) fail(templateId, 'needs ReferralNoticeData (office, coordinator, need, …)');
    // Defence in depth: the caller's flag OR what the data itself says.
    const sensitive = d.sensitive === true || isSensitive({ need: d.need, officeKind: d.office.kind });
    return composeEmail(templateId, languages, (lang) => referralView(templateId, d, lang, sensitive));
  }
  if (isCaseNoticeTemplate(templateId)) {
    const d = data as CaseNoticeData;
    if (typeof d.coordinatorName !== 'string' || !d.category) fail(templateId, 'needs CaseNoticeData (coordinatorName, category, …)');
    return composeEmail(templateId, languages, (lang) => caseView(templateId, d, lang));
  }
  return fail(templateId, 'not a notice template');
}
