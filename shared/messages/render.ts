import Mustache from 'mustache';
import { lightFormat } from 'date-fns';
import { isoDay, wallClockOf } from '../domain/calendar.js';
import { isSensitive, SENSITIVE_NEEDS, type Language, type Need, type OfficeKind, type OfficeLanguage, type PermitKind, type PersonCategory, type VulnerableCategory, type Trilingual } from '../domain/vocabulary.js';
import { CATALOGUE } from './catalogue.js';
import type { TemplateId } from '../domain/template-ids.js';
import type { TemplateVariant } from './template-parts.js';
import { bringList, CATEGORY_LABELS, householdPhrase, NEED_ACTIONS, NEED_LABELS, PERMIT_LABELS } from './labels.js';
import { srLatnToCyrl } from './translit.js';

export interface ReferralEmailData {
  referralId: string;
  smrCaseId: string;
  /** e.g. {sq:'Obiliq', sr:'Obilić', en:'Obiliq'} */
  municipality: Trilingual;
  /** e.g. {sq:'ZKKK Obiliq', sr:'OKZP Obilić', en:'Office for Communities and Returns, Obiliq'} */
  coordinatorOffice: Trilingual;
  coordinator: { name: string; email: string; phone: string };
  office: { kind: OfficeKind; name: Trilingual };
  need: Need;
  /** may be empty */
  categories: VulnerableCategory[];
  consentToShare: boolean;
  /** the persons referred; empty when !consentToShare */
  persons: { givenName: string; familyName: string; birthYear: number }[];
  householdSize: number;
  /** YYYY-MM-DD */
  arrivalDate: string;
  /** A foreigner's: YYYY-MM-DD, the day the protection status or residence permit was granted */
  permitDate?: string;
  /** A foreigner's: which protection or permit */
  permit?: PermitKind;
  /** YYYY-MM-DD, acknowledge by */
  dueDate: string;
  /** coordinator's short note; only shown with consent */
  note?: string;
  /** the persons' civil documents are missing (referred at the same time): the office is asked not to wait and to help */
  documentsMissing?: boolean;
  /** computed by the caller with isSensitive(); the renderer also recomputes it and ORs the two */
  sensitive: boolean;
  /**
   * Signed one-click links for the office's answer (absolute http(s) URLs). When present, every
   * language section shows "answer with one click" (buttons in HTML, labelled URLs in text);
   * when absent, nothing about links appears.
   */
  links?: ReferralLinks;
  /** YYYY-MM-DD, the day the links expire; shown (as dd.MM.yyyy) only together with `links` */
  linksExpire?: string;
}

/** The three answers an office can give to a referral, each a signed absolute URL. */
export interface ReferralLinks {
  accept: string;
  decline: string;
  outcome: string;
}

export interface ReferralSmsData {
  coordinatorOffice: Trilingual;
  coordinatorPhone: string;
  office: { name: Trilingual; address: Trilingual; hours: Trilingual };
  need: Need;
  /** A foreigner brings a permit, not a repatriation certificate (absent: a returnee, as intents written before it). */
  category?: PersonCategory;
  /** The returnee page's signed link, added by the deliverer at send time when the municipality has the page on. */
  pageUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Which of a name's three spellings a message language reads: both Serbian scripts read sr (Latin). */
export function nameKey(lang: Language): keyof Trilingual {
  return lang === 'sq' ? 'sq' : lang === 'en' ? 'en' : 'sr';
}

/**
 * A name as an SMS in `lang` renders it (localName reads that one key; sr-Cyrl is transliterated
 * from sr): a family SMS intent keeps no other, since the other two would make the item bigger
 * than the 1 KB a write unit covers, and it is written three times (decided, claimed or released,
 * sent), the last twice over in a transaction.
 */
export function inLanguageOf(t: Trilingual, lang: Language): Trilingual {
  const key = nameKey(lang);
  return { [key]: t[key] } as Trilingual;
}

/** The name of an office or place in a message language; sr-Cyrl is transliterated from sr (Latin). */
export function localName(t: Trilingual, lang: Language): string {
  const name = t[nameKey(lang)];
  return lang === 'sr-Cyrl' ? srLatnToCyrl(name) : name;
}

function parseIso(iso: string) {
  const dt = wallClockOf(iso);
  if (isNaN(+dt)) throw new Error(`not an ISO date: ${JSON.stringify(iso)}`);
  return dt;
}

/**
 * dd.MM.yyyy. Takes a calendar date (YYYY-MM-DD, shown as is) or an ISO instant (shown as the
 * date in Europe/Belgrade).
 */
export function formatDate(iso: string): string {
  return lightFormat(parseIso(iso), 'dd.MM.yyyy');
}

/**
 * The last day of a deadline set at a midnight (the 72-hour home visit: the arrival day's 00:00 +
 * 72 h), as YYYY-MM-DD in Kosovo: the day before the midnight nearest to it, so that a clock
 * change within the three days (which moves it to 01:00 or 23:00) names the same day. Messages say
 * "by the end of" that day; saying "by" the deadline's own date read one day late.
 */
export function lastDayBefore(deadline: string): string {
  return isoDay(new Date(parseIso(deadline).getTime() - 12 * 3_600_000));
}

/** HH:mm of an ISO instant in Europe/Belgrade (summer and winter time alike). */
export function formatTime(iso: string): string {
  return lightFormat(parseIso(iso), 'HH:mm');
}

/** dd.MM.yyyy HH:mm of an ISO instant in Europe/Belgrade. */
export function formatDateTime(iso: string): string {
  return lightFormat(parseIso(iso), 'dd.MM.yyyy HH:mm');
}

/** Plain-text parts (subject, text, SMS) must not be HTML-escaped. */
const NO_ESCAPE = { escape: (s: unknown): string => String(s) };

export function renderPlain(template: string, view: object): string {
  return Mustache.render(template, view, {}, NO_ESCAPE);
}

export function renderHtml(template: string, view: object): string {
  // default Mustache escaping: & < > " ' / ` =
  return Mustache.render(template, view);
}

export function templateOf(id: TemplateId, lang: Language): TemplateVariant {
  const tpl = CATALOGUE[id]?.[lang];
  if (!tpl) throw new Error(`no template ${JSON.stringify(id)} in language ${JSON.stringify(lang)}`);
  return tpl;
}

/** An absolute http(s) URL, as is; anything else (relative, javascript:, mailto:, …) is refused. */
function absoluteUrl(what: string, value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new Error(`${what} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  return value as string;
}

/** The one-click answers of an email to an office, for the answer-links piece: false hides it. */
export function linksView(data: { links?: ReferralLinks | undefined }): ReferralLinks | false {
  if (!data.links) return false;
  return {
    accept: absoluteUrl('links.accept', data.links.accept),
    decline: absoluteUrl('links.decline', data.links.decline),
    outcome: absoluteUrl('links.outcome', data.links.outcome),
  };
}

/**
 * The fields every message about a referral shows. The subject may name the need only when
 * nothing about the referral is sensitive; whether the body may is each template's own rule.
 */
export function referralHeader(
  data: { referralId: string; smrCaseId: string; municipality: Trilingual; coordinatorOffice: Trilingual; office: { name: Trilingual }; need: Need },
  lang: Language,
  sensitive: boolean,
) {
  const needLabel = NEED_LABELS[lang][data.need];
  return {
    referralId: data.referralId,
    smrCaseId: data.smrCaseId,
    municipality: localName(data.municipality, lang),
    coordinatorOffice: localName(data.coordinatorOffice, lang),
    officeName: localName(data.office.name, lang),
    needLabel,
    subjectNeed: sensitive ? '' : needLabel,
  };
}

function emailView(data: ReferralEmailData, lang: Language, sensitive: boolean, links: ReferralLinks | false) {
  const consent = data.consentToShare;
  const note = consent ? (data.note ?? '').trim() : '';
  return {
    ...referralHeader(data, lang, sensitive),
    coordinatorName: data.coordinator.name,
    coordinatorEmail: data.coordinator.email,
    coordinatorPhone: data.coordinator.phone,
    action: NEED_ACTIONS[lang][data.need],
    arrivalDate: formatDate(data.arrivalDate),
    ...permitView(data, lang),
    dueDate: formatDate(data.dueDate),
    householdSize: String(data.householdSize),
    householdText: householdPhrase(lang, data.householdSize),
    consent,
    // Names, categories and the note reach the body only with consent (the templates check too).
    persons: consent
      ? data.persons.map((p) => ({
          fullName: `${p.givenName.trim()} ${p.familyName.trim()}`,
          birthYear: String(p.birthYear),
        }))
      : [],
    categoriesText: consent ? data.categories.map((c) => CATEGORY_LABELS[lang][c]).join(', ') : '',
    note,
    // No name in it, so shown with or without consent.
    documentsMissing: data.documentsMissing === true,
    // One-click answers: false hides the whole section, in every language.
    links,
    linksExpire: links && data.linksExpire ? formatDate(data.linksExpire) : '',
  };
}

/** A foreigner's permit lines: its date and kind, each '' (hidden) when not known. */
export function permitView(data: { permitDate?: string | undefined; permit?: PermitKind | undefined }, lang: Language) {
  return {
    permitDate: data.permitDate ? formatDate(data.permitDate) : '',
    permitLabel: data.permit ? PERMIT_LABELS[lang][data.permit] : '',
  };
}

export function tidyText(s: string): string {
  return s
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A subject is one header line: no line breaks, single spaces. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const TEXT_SEPARATOR = '\n\n' + '-'.repeat(40) + '\n\n';
const HTML_SEPARATOR = '<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0">';

function htmlDocument(lang: Language, title: string, sections: string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${Mustache.escape(title)}</title>`,
    '</head>',
    '<body style="margin:0;padding:0;background:#f4f4f4">',
    '<div style="max-width:600px;margin:0 auto;padding:16px;background:#ffffff">',
    sections.map((s) => s.trim()).join(`\n${HTML_SEPARATOR}\n`),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * One email in each of the given languages (in order, repeats dropped): subject "sq subject / sr
 * subject", text and HTML with one section per language, separated by a rule.
 */
export function composeEmail(
  templateId: TemplateId,
  languages: readonly Language[],
  viewFor: (lang: Language) => object,
): RenderedEmail {
  const langs = [...new Set(languages)];
  if (langs.length === 0) throw new Error(`${templateId}: at least one language is needed`);
  const subjects: string[] = [];
  const texts: string[] = [];
  const htmls: string[] = [];
  for (const lang of langs) {
    const tpl = templateOf(templateId, lang);
    if (tpl.subject === undefined || tpl.html === undefined) throw new Error(`${templateId} is not an email template`);
    const view = viewFor(lang);
    subjects.push(oneLine(renderPlain(tpl.subject, view)));
    texts.push(tidyText(renderPlain(tpl.text, view)));
    htmls.push(renderHtml(tpl.html, view));
  }
  const subject = subjects.join(' / ');
  return {
    subject,
    text: texts.join(TEXT_SEPARATOR) + '\n',
    html: htmlDocument(langs[0]!, subject, htmls),
  };
}

/**
 * One email to an office, in each of its languages (in order): subject "sq subject / sr subject",
 * text and HTML with one section per language, separated by a rule.
 */
export function renderReferralEmail(data: ReferralEmailData, languages: OfficeLanguage[]): RenderedEmail {
  if (languages.length === 0) throw new Error('renderReferralEmail: at least one language is needed');
  // Defence in depth: the caller's flag OR what the data itself says.
  const sensitive =
    data.sensitive || isSensitive({ need: data.need, officeKind: data.office.kind, categories: data.categories });
  const links = linksView(data);
  return composeEmail('referral.office.email', languages, (lang) => emailView(data, lang, sensitive, links));
}

/**
 * Typographic punctuation that has a GSM-7 equivalent. One "–" from a directory entry would
 * otherwise turn an English SMS into UCS-2 (70 instead of 160 characters per segment). Letters
 * (ë, ç, č, Cyrillic …) are never touched: names and words stay correct.
 */
const SMS_PUNCTUATION: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2007\u202F]/g, ' '],
];

/** An SMS is one line of plain text with GSM-friendly punctuation. */
export function normaliseSms(s: string): string {
  let out = s;
  for (const [re, to] of SMS_PUNCTUATION) out = out.replace(re, to);
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The SMS to a returnee. 'standard' names the office, its address and hours and what to bring;
 * 'private' (for sensitive referrals) says only that support has been arranged and the
 * coordinator will call. The caller decides with isSensitive(); a standard SMS for a sensitive
 * need is refused here as a last line of defence.
 */
export function renderReferralSms(data: ReferralSmsData, language: Language, variant: 'standard' | 'private'): string {
  const coordinatorOffice = localName(data.coordinatorOffice, language);
  if (variant === 'private') {
    // The private view carries nothing about the office or the need, whatever the template says.
    const view = { coordinatorOffice, coordinatorPhone: data.coordinatorPhone };
    return normaliseSms(renderPlain(templateOf('referral.returnee.sms.private', language).text, view));
  }
  if (SENSITIVE_NEEDS.has(data.need)) {
    throw new Error(`renderReferralSms: need "${data.need}" is sensitive; use the 'private' variant`);
  }
  const view = {
    coordinatorOffice,
    coordinatorPhone: data.coordinatorPhone,
    officeName: localName(data.office.name, language),
    officeAddress: localName(data.office.address, language),
    officeHours: localName(data.office.hours, language),
    bringList: bringList(language, data.need, data.category),
    pageUrl: data.pageUrl,
  };
  return normaliseSms(renderPlain(templateOf('referral.returnee.sms', language).text, view));
}
