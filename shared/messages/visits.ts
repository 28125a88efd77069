import { getISODay } from 'date-fns';
import { wallClockOf } from '../domain/calendar.js';
import type { Language, PersonCategory, Trilingual } from '../domain/vocabulary.js';
import type { VisitEmailTemplateId, VisitSmsTemplateId, WelcomeSmsTemplateId } from '../domain/template-ids.js';
import { PLAN_ABBREVIATIONS } from './labels.js';
import { composeEmail, formatDate, formatDateTime, formatTime, inLanguageOf, localName, normaliseSms, renderPlain, templateOf, type RenderedEmail } from './render.js';
import { srLatnToCyrl } from './translit.js';

/** The joint home visit, to the social work centre and the regional DRPR coordinator (with its calendar entry). */
export interface VisitInvitationData {
  smrCaseId: string;
  category: PersonCategory;
  coordinatorOffice: Trilingual;
  coordinator: { name: string; email: string; phone: string };
  householdSize: number;
  /** ISO instants. */
  start: string;
  end: string;
  /** Where the team meets, as the coordinator typed it; absent: the coordinator's office. */
  meetAt?: string;
  /** The time it was planned for before it moved (an update of the invitation). */
  previousStart?: string;
}

/** The SMS to the family about the visit, and the welcome SMS at registration. */
export interface FamilySmsData {
  category: PersonCategory;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  coordinatorPhone: string;
  /** First name only (welcome SMS; the visit's, for its step in a household SMS: who comes). */
  coordinatorName?: string;
  /** ISO instant (visit SMS). */
  start?: string;
  /** The returnee page's signed link, added by the deliverer at send time when the municipality has the page on. */
  pageUrl?: string;
}

type Written = 'sq' | 'sr-Latn' | 'en';
const inScript = (t: Record<Written, string>, lang: Language) => (lang === 'sr-Cyrl' ? srLatnToCyrl(t['sr-Latn']) : t[lang]);

/** The weekday as a time phrase that stands before the date: "të martën, 24.11.2026", "u utorak, …", "on Tuesday, …". */
const WEEKDAY_PHRASES: Record<Written, readonly string[]> = {
  sq: ['të hënën', 'të martën', 'të mërkurën', 'të enjten', 'të premten', 'të shtunën', 'të dielën'],
  'sr-Latn': ['u ponedeljak', 'u utorak', 'u sredu', 'u četvrtak', 'u petak', 'u subotu', 'u nedelju'],
  en: ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday', 'on Sunday'],
};

export function weekdayPhrase(iso: string, lang: Language): string {
  const d = wallClockOf(iso);
  if (isNaN(+d)) throw new Error(`not an ISO instant: ${JSON.stringify(iso)}`);
  const i = getISODay(d) - 1;
  return inScript({ sq: WEEKDAY_PHRASES.sq[i]!, 'sr-Latn': WEEKDAY_PHRASES['sr-Latn'][i]!, en: WEEKDAY_PHRASES.en[i]! }, lang);
}

/**
 * Who signs an SMS to the family (and heads its page), in each language. A returnee's comes from
 * the coordinator's office (ZKKK / OKZP), as the family knows it; a foreigner's from the
 * municipality, since the office's name speaks of return ("Office for Communities and Returns",
 * and ZKKK / OKZP stand for it) and a foreigner is never told about return. In English it is
 * always the municipality: the office has no short English name a family would know, and its full
 * one (about 42 characters) would push an SMS with the page's link into a second segment.
 * Every family SMS takes its sender from here: the templates that read {{coordinatorOffice}} get
 * this in that slot from whoever decides them.
 */
export function familySenderName(data: Pick<FamilySmsData, 'category' | 'municipality' | 'coordinatorOffice'>): Trilingual {
  const en = `${data.municipality.en} Municipality`;
  if (data.category !== 'foreigner') return { sq: data.coordinatorOffice.sq, sr: data.coordinatorOffice.sr, en };
  return { sq: `Komuna ${data.municipality.sq}`, sr: `Opština ${data.municipality.sr}`, en };
}

/**
 * Who signs a family SMS as a decider queues it in {{coordinatorOffice}}: familySenderName, kept in
 * the family's language only (the SMS is rendered in it, and the intent stays under 1 KB). The
 * referral and acceptance SMS and the appointment and deadline reminders all take it from here.
 */
export function queuedFamilySender(family: { category: PersonCategory; language: Language }, muni: { name: Trilingual; coordinatorOffice: Trilingual }): Trilingual {
  return inLanguageOf(familySenderName({ category: family.category, municipality: muni.name, coordinatorOffice: muni.coordinatorOffice }), family.language);
}

/** familySenderName in one language (sr-Cyrl transliterated). */
export function familySender(data: Pick<FamilySmsData, 'category' | 'municipality' | 'coordinatorOffice'>, lang: Language): string {
  return localName(familySenderName(data), lang);
}

/** The calendar entry's title, in the reader's first language. */
export function visitSummary(smrCaseId: string, lang: Language): string {
  return `${inScript({ sq: 'Vizitë e përbashkët në shtëpi', 'sr-Latn': 'Zajednička kućna poseta', en: 'Joint home visit' }, lang)} – ${smrCaseId}`;
}

/** The invitation (or, with `previousStart`, its update), or its cancellation, in each of the reader's languages. */
export function renderVisitInvitation(data: VisitInvitationData, languages: readonly Language[], templateId: VisitEmailTemplateId = 'visit.office.invitation'): RenderedEmail {
  if (!data.coordinator || !data.start || !data.end) throw new Error(`${templateId}: needs VisitInvitationData (coordinator, start, end, …)`);
  const moved = typeof data.previousStart === 'string' && Date.parse(data.previousStart) !== Date.parse(data.start);
  return composeEmail(templateId, languages, (lang) => ({
    smrCaseId: data.smrCaseId,
    coordinatorOffice: localName(data.coordinatorOffice, lang),
    coordinatorName: data.coordinator.name,
    coordinatorEmail: data.coordinator.email,
    coordinatorPhone: data.coordinator.phone,
    householdSize: String(data.householdSize),
    date: formatDate(data.start),
    startTime: formatTime(data.start),
    endTime: formatTime(data.end),
    meetAt: data.meetAt ?? localName(data.coordinatorOffice, lang),
    planAbbr: PLAN_ABBREVIATIONS[lang][data.category],
    moved,
    previous: moved ? formatDateTime(data.previousStart!) : '',
  }));
}

/** The family's SMS: the visit planned, moved or called off (needs `start`), or the welcome (needs `coordinatorName`). */
export function renderFamilySms(templateId: VisitSmsTemplateId | WelcomeSmsTemplateId, data: FamilySmsData, lang: Language): string {
  const visit = templateId.startsWith('visit.');
  if (visit && !data.start) throw new Error(`${templateId}: needs the visit's start (an ISO instant)`);
  if (!visit && !data.coordinatorName) throw new Error(`${templateId}: needs the coordinator's first name`);
  // Defence in depth: the caller picks the foreigner's welcome, and a mismatch is refused here.
  if (templateId === 'case.returnee.welcome' && data.category === 'foreigner') throw new Error(`${templateId}: a foreigner gets case.foreigner.welcome`);
  const view = {
    sender: familySender(data, lang),
    coordinatorPhone: data.coordinatorPhone,
    coordinatorName: data.coordinatorName ?? '',
    pageUrl: data.pageUrl,
    ...(data.start ? { day: weekdayPhrase(data.start, lang), date: formatDate(data.start), time: formatTime(data.start) } : {}),
  };
  return normaliseSms(renderPlain(templateOf(templateId, lang).text, view));
}
