import { indicatorLines } from '../domain/indicators.js';
import type { QuarterFigures } from '../domain/quarters.js';
import { MEETING_KINDS, OfficeKind, SENSITIVE_NEEDS, type Language, type MeetingKind, type PersonCategory, type Trilingual } from '../domain/vocabulary.js';
import { COORDINATION_TEMPLATE_IDS, MEETING_EMAIL_TEMPLATE_IDS, type CoordinationTemplateId, type MeetingEmailTemplateId } from '../domain/template-ids.js';
import {
  INDICATOR_OFFICE_KINDS,
  type ActionPoint,
  type DigestData,
  type DueSection,
  type DueSectionName,
  type MeetingEmailData,
  type MinutesRequestData,
  type QuarterlyReportData,
} from './coordination-data.js';
import { indicatorLabel, PLAN_SECTION_CODES } from './indicator-labels.js';
import { DECLINE_REASON_LABELS, householdPhrase, MEETING_KIND_LABELS, NEED_LABELS, OFFICE_KIND_LABELS } from './labels.js';
import { composeEmail, formatDate, formatDateTime, formatTime, localName, type RenderedEmail } from './render.js';
import { srLatnToCyrl } from './translit.js';

const MEETING_EMAILS: ReadonlySet<string> = new Set(MEETING_EMAIL_TEMPLATE_IDS);
const COORDINATION_EMAILS: ReadonlySet<string> = new Set(COORDINATION_TEMPLATE_IDS);

export function isMeetingEmailTemplate(id: string): id is MeetingEmailTemplateId {
  return MEETING_EMAILS.has(id);
}
export function isCoordinationTemplate(id: string): id is CoordinationTemplateId {
  return COORDINATION_EMAILS.has(id);
}

function fail(templateId: string, what: string): never {
  throw new Error(`${templateId}: ${what}`);
}

/** A count as shown; anything but a non-negative whole number is a bug upstream, not something to print. */
function count(templateId: string, what: string, n: unknown): string {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail(templateId, `${what} must be a whole number ≥ 0, got ${JSON.stringify(n)}`);
  return String(n);
}

/** Absent lists are empty (a stored intent may drop them); anything else that is not an array is refused. */
function list<T>(templateId: string, what: string, value: T[] | undefined): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(templateId, `${what} must be a list`);
  return value;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase() + s.slice(1);
}

/** "K4 2026" as the Albanian plans write it, "4. tromesečje 2026", "Q4 2026". */
export function quarterLabel(lang: Language, year: number, quarter: number): string {
  switch (lang) {
    case 'sq':
      return `K${quarter} ${year}`;
    case 'sr-Latn':
      return `${quarter}. tromesečje ${year}`;
    case 'sr-Cyrl':
      return srLatnToCyrl(`${quarter}. tromesečje ${year}`);
    case 'en':
      return `Q${quarter} ${year}`;
  }
}

/** A share of 0..1 as a whole percentage (0.75 → "75%"); "–" when there is nothing to divide (null). */
export function formatShare(share: number | null | undefined): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return '–';
  return `${Math.round(share * 100)}%`;
}

/**
 * How far off a meeting is, as a reminder says it: "nesër" / "sutra" / "tomorrow", "pas një
 * jave" / "za nedelju dana" / "in one week", otherwise a number of days (Serbian: 21 dan, 5 dana).
 */
export function daysAheadPhrase(lang: Language, days: number): string {
  if (lang === 'sr-Cyrl') return srLatnToCyrl(daysAheadPhrase('sr-Latn', days));
  const fixed: Record<Exclude<Language, 'sr-Cyrl'>, Record<number, string>> = {
    sq: { 0: 'sot', 1: 'nesër', 7: 'pas një jave' },
    'sr-Latn': { 0: 'danas', 1: 'sutra', 7: 'za nedelju dana' },
    en: { 0: 'today', 1: 'tomorrow', 7: 'in one week' },
  };
  const known = fixed[lang][days];
  if (known) return known;
  switch (lang) {
    case 'sq':
      return `pas ${days} ditësh`;
    case 'sr-Latn':
      return `za ${days} ${days % 10 === 1 && days % 100 !== 11 ? 'dan' : 'dana'}`;
    case 'en':
      return `in ${days} days`;
  }
}

/** One day, or "from – to" (both dd.MM.yyyy). */
function period(start: string, end: string): string {
  const from = formatDate(start);
  const to = formatDate(end);
  return from === to ? from : `${from} – ${to}`;
}

/** "01.12.2026 10:00–12:00" in Europe/Belgrade; a meeting over midnight shows both dates. */
function meetingTime(templateId: string, start: string, end: string): string {
  const from = formatDateTime(start);
  const to = formatDateTime(end);
  if (Date.parse(end) < Date.parse(start)) fail(templateId, `the meeting ends (${end}) before it starts (${start})`);
  return formatDate(start) === formatDate(end) ? `${from}–${formatTime(end)}` : `${from} – ${to}`;
}

function checkKind(templateId: string, kind: unknown): MeetingKind {
  if (!(MEETING_KINDS as readonly unknown[]).includes(kind)) fail(templateId, `unknown meeting kind ${JSON.stringify(kind)} (${MEETING_KINDS.join(', ')})`);
  return kind as MeetingKind;
}

function meetingHeader(
  templateId: string,
  data: { meetingId: string; kind: MeetingKind; title?: string; municipality: Trilingual; coordinatorOffice: Trilingual; start: string },
  lang: Language,
) {
  return {
    meetingId: data.meetingId,
    kindLabel: MEETING_KIND_LABELS[lang][checkKind(templateId, data.kind)],
    // The convener's own words, in their language, in every section; escaped in HTML. Never in a subject.
    title: typeof data.title === 'string' ? data.title.trim() : '',
    municipality: localName(data.municipality, lang),
    coordinatorOffice: localName(data.coordinatorOffice, lang),
    startDate: formatDate(data.start),
    startTime: formatTime(data.start),
  };
}

const ACTION_POINT_KINDS: ReadonlySet<string> = new Set<ActionPoint['kind']>(['overdue', 'declined', 'nearing_closure', 'failed_delivery', 'measure_overdue']);

/**
 * One action point in a language. A sensitive referral — flagged by the caller, or a sensitive
 * need (the point carries no office kind to check as well) — is named only as "a referral".
 */
function actionPointView(templateId: string, ap: ActionPoint, lang: Language) {
  if (ap === null || typeof ap !== 'object' || !ACTION_POINT_KINDS.has(ap.kind)) {
    fail(templateId, `unknown action point ${JSON.stringify(ap?.kind)}`);
  }
  if (ap.kind === 'failed_delivery' && ap.channel !== 'sms' && ap.channel !== 'email') {
    fail(templateId, `a failed_delivery action point needs its channel (sms or email), got ${JSON.stringify(ap.channel)}`);
  }
  const sensitive = ap.sensitive === true || (ap.need !== undefined && SENSITIVE_NEEDS.has(ap.need));
  const needLabel = !sensitive && ap.need !== undefined && ap.kind !== 'nearing_closure' ? (NEED_LABELS[lang][ap.need] ?? '') : '';
  return {
    smrCaseId: ap.smrCaseId,
    needLabel,
    referral: ap.kind === 'overdue' || ap.kind === 'declined',
    office: ap.office ? localName(ap.office, lang) : '',
    date: formatDate(ap.date),
    reason: ap.kind === 'declined' && ap.declineReason ? (DECLINE_REASON_LABELS[lang][ap.declineReason] ?? '') : '',
    isOverdue: ap.kind === 'overdue',
    isDeclined: ap.kind === 'declined',
    isNearingClosure: ap.kind === 'nearing_closure',
    isFailedDelivery: ap.kind === 'failed_delivery',
    isMeasureOverdue: ap.kind === 'measure_overdue',
    isSms: ap.channel === 'sms',
    isEmail: ap.channel === 'email',
  };
}

/**
 * Persons referred per office kind: the plans' indicator offices always (0 included), in
 * INDICATOR_OFFICE_KINDS order, then any other kind that has someone.
 */
function personsReferredView(templateId: string, f: QuarterFigures, lang: Language) {
  const p = f.personsReferred ?? {};
  const indicator: readonly OfficeKind[] = INDICATOR_OFFICE_KINDS;
  const others = OfficeKind.options.filter((k) => !indicator.includes(k) && (p[k] ?? 0) > 0);
  // Split by the case's category; a quarter counted before the split shows 0 / 0 beside its total.
  const of = (c: PersonCategory, k: OfficeKind) => count(templateId, `figures.byCategory.${c}.personsReferred.${k}`, f.byCategory?.[c]?.personsReferred?.[k] ?? 0);
  return [...indicator, ...others].map((k) => ({
    officeKind: OFFICE_KIND_LABELS[lang][k],
    count: count(templateId, `figures.personsReferred.${k}`, p[k] ?? 0),
    returnee: of('returnee', k),
    foreigner: of('foreigner', k),
  }));
}

function figuresView(templateId: string, f: QuarterFigures, lang: Language) {
  if (f === null || typeof f !== 'object') fail(templateId, 'needs the quarter figures');
  if (![1, 2, 3, 4].includes(f.quarter) || !Number.isInteger(f.year)) {
    fail(templateId, `needs figures.year and figures.quarter (1–4), got ${JSON.stringify([f.year, f.quarter])}`);
  }
  const n = (what: keyof QuarterFigures) => count(templateId, `figures.${what}`, f[what]);
  return {
    quarterLabel: quarterLabel(lang, f.year, f.quarter),
    periodStart: formatDate(f.periodStart),
    periodEnd: formatDate(f.periodEnd),
    casesOpened: n('casesOpened'),
    casesClosed: n('casesClosed'),
    referralsMade: n('referralsMade'),
    referralsAnswered: n('referralsAnswered'),
    referralsAnsweredInTime: n('referralsAnsweredInTime'),
    inTimeShare: formatShare(f.answeredInTimeShare),
    accepted: n('accepted'),
    declined: n('declined'),
    completed: n('completed'),
    notCompleted: n('notCompleted'),
    meetingsHeld: n('meetingsHeld'),
    casesDiscussed: n('casesDiscussed'),
    personsReferred: personsReferredView(templateId, f, lang),
  };
}

/**
 * A meeting email to one invitee, in each of the given languages (in order, repeats dropped; one
 * email with a section per language): the meeting, when (Europe/Belgrade) and where, the
 * convener, the general agenda with the quarter so far, and the invitee's own action points.
 * The calendar file itself is attached by the sending code.
 *
 * 'meeting.rescheduled' shows the old start when `previousStart` differs from `start`, and
 * otherwise says that the details changed; 'meeting.reminder' needs `daysBefore`;
 * 'meeting.cancelled' leaves out the agenda.
 */
export function renderMeetingEmail(templateId: MeetingEmailTemplateId, data: MeetingEmailData, languages: readonly Language[]): RenderedEmail {
  if (!isMeetingEmailTemplate(templateId)) fail(String(templateId), 'not a meeting email template');
  if (data === null || typeof data !== 'object' || !data.convener || !data.location || !data.agenda) {
    fail(templateId, 'needs MeetingEmailData (kind, start, end, location, convener, agenda, actionPoints, …)');
  }
  const when = meetingTime(templateId, data.start, data.end);
  const moved =
    templateId === 'meeting.rescheduled' && typeof data.previousStart === 'string' && Date.parse(data.previousStart) !== Date.parse(data.start);
  const previousWhen = moved ? formatDateTime(data.previousStart!) : '';
  const days = data.daysBefore;
  if (templateId === 'meeting.reminder' && (typeof days !== 'number' || !Number.isInteger(days) || days < 0)) {
    fail(templateId, `needs daysBefore (7 or 1), got ${JSON.stringify(days)}`);
  }
  const agenda = data.agenda;
  const actionPoints = list(templateId, 'actionPoints', data.actionPoints);
  return composeEmail(templateId, languages, (lang) => {
    const points = actionPoints.map((ap) => actionPointView(templateId, ap, lang));
    return {
      ...meetingHeader(templateId, data, lang),
      when,
      location: localName(data.location, lang),
      convenerName: data.convener.name,
      convenerEmail: data.convener.email,
      convenerPhone: data.convener.phone,
      moved,
      previousWhen,
      relative: templateId === 'meeting.reminder' ? daysAheadPhrase(lang, days!) : '',
      overdueCount: count(templateId, 'agenda.overdue', agenda.overdue),
      declinedCount: count(templateId, 'agenda.declined', agenda.declined),
      nearingClosureCount: count(templateId, 'agenda.nearingClosure', agenda.nearingClosure),
      failedCount: count(templateId, 'agenda.failedDeliveries', agenda.failedDeliveries),
      ...figuresView(templateId, agenda.figures, lang),
      actionPoints: points,
      hasActionPoints: points.length > 0,
    };
  });
}

/** To the convener after the meeting: record whether it was held and which cases were discussed, at `minutesPath`. */
export function renderMinutesRequest(data: MinutesRequestData, languages: readonly Language[]): RenderedEmail {
  const templateId = 'meeting.minutes_request';
  if (data === null || typeof data !== 'object' || typeof data.minutesPath !== 'string' || !data.minutesPath.trim()) {
    fail(templateId, 'needs MinutesRequestData (kind, start, minutesPath, …)');
  }
  return composeEmail(templateId, languages, (lang) => ({
    ...meetingHeader(templateId, data, lang),
    when: formatDateTime(data.start),
    minutesPath: data.minutesPath.trim(),
  }));
}

const ESCALATION_KINDS: ReadonlySet<string> = new Set(['head_of_office', 'coordinator_flag', 'home_visit']);

/**
 * The coordinator's daily or weekly digest. Sections with nothing in them are left out; when
 * all are empty, one line says there is nothing new.
 */
export function renderDigestEmail(data: DigestData, languages: readonly Language[]): RenderedEmail {
  const templateId = 'digest.coordinator';
  if (data === null || typeof data !== 'object' || (data.frequency !== 'daily' && data.frequency !== 'weekly')) {
    fail(templateId, `needs DigestData with frequency daily or weekly, got ${JSON.stringify(data?.frequency)}`);
  }
  const newCases = list(templateId, 'newCases', data.newCases);
  const offices = list(templateId, 'referralsByOffice', data.referralsByOffice);
  const overdue = list(templateId, 'overdue', data.overdue);
  const upcoming = list(templateId, 'upcomingAppointments', data.upcomingAppointments);
  const escalations = list(templateId, 'escalations', data.escalations);
  const failed = list(templateId, 'failedDeliveries', data.failedDeliveries);
  for (const a of upcoming) if (a.kind !== 'appointment' && a.kind !== 'deadline') fail(templateId, `unknown appointment kind ${JSON.stringify(a.kind)}`);
  for (const e of escalations) if (!ESCALATION_KINDS.has(e.kind)) fail(templateId, `unknown escalation ${JSON.stringify(e.kind)}`);
  for (const f of failed) {
    if ((f.channel !== 'sms' && f.channel !== 'email') || (f.status !== 'failed' && f.status !== 'unconfirmed')) {
      fail(templateId, `unknown delivery ${JSON.stringify([f.channel, f.status])}`);
    }
  }
  const answers = list(templateId, 'answers', data.answers);
  for (const a of answers) if (a.answer !== 'accepted' && a.answer !== 'completed') fail(templateId, `unknown answer ${JSON.stringify(a.answer)}`);
  const due = dueView(templateId, data.due);
  const nothingNew = [newCases, answers, offices, overdue, upcoming, escalations, failed].every((l) => l.length === 0) && due.every((d) => d.count === '0');
  const shownPeriod = period(data.periodStart, data.periodEnd);
  return composeEmail(templateId, languages, (lang) => ({
    daily: data.frequency === 'daily',
    period: shownPeriod,
    coordinatorName: data.coordinatorName,
    municipality: localName(data.municipality, lang),
    coordinatorOffice: localName(data.coordinatorOffice, lang),
    nothingNew,
    hasNewCases: newCases.length > 0,
    newCaseCount: String(newCases.length),
    newCases: newCases.map((c) => ({
      smrCaseId: c.smrCaseId,
      arrivalDate: formatDate(c.arrivalDate),
      household: lowerFirst(householdPhrase(lang, c.householdSize)),
    })),
    hasAnswers: answers.length > 0,
    answerCount: String(answers.length),
    answers: answers.map((a) => ({
      smrCaseId: a.smrCaseId,
      office: localName(a.office, lang),
      at: formatDateTime(a.at),
      isAccepted: a.answer === 'accepted',
      isCompleted: a.answer === 'completed',
    })),
    hasOffices: offices.length > 0,
    offices: offices.map((o) => ({
      office: localName(o.office, lang),
      sent: count(templateId, 'referralsByOffice.sent', o.sent),
      accepted: count(templateId, 'referralsByOffice.accepted', o.accepted),
      declined: count(templateId, 'referralsByOffice.declined', o.declined),
      completed: count(templateId, 'referralsByOffice.completed', o.completed),
      notCompleted: count(templateId, 'referralsByOffice.notCompleted', o.notCompleted ?? 0),
      overdue: count(templateId, 'referralsByOffice.overdue', o.overdue),
    })),
    hasOverdue: overdue.length > 0,
    overdueCount: String(overdue.length),
    overdueReferrals: overdue.map((ap) => actionPointView(templateId, ap, lang)),
    hasUpcoming: upcoming.length > 0,
    upcoming: upcoming.map((a) => ({
      when: formatDateTime(a.when),
      smrCaseId: a.smrCaseId,
      isAppointment: a.kind === 'appointment',
      isDeadline: a.kind === 'deadline',
      // the coordinator's own words; escaped in HTML
      title: typeof a.title === 'string' ? a.title.trim() : '',
    })),
    hasEscalations: escalations.length > 0,
    escalations: escalations.map((e) => ({
      smrCaseId: e.smrCaseId,
      office: e.office ? localName(e.office, lang) : '',
      at: formatDateTime(e.at),
      isHeadOfOffice: e.kind === 'head_of_office',
      isCoordinatorFlag: e.kind === 'coordinator_flag',
      isHomeVisit: e.kind === 'home_visit',
    })),
    hasFailed: failed.length > 0,
    failed: failed.map((f) => ({
      smrCaseId: f.smrCaseId,
      at: formatDateTime(f.at),
      isSms: f.channel === 'sms',
      isEmail: f.channel === 'email',
      isFailed: f.status === 'failed',
      isUnconfirmed: f.status === 'unconfirmed',
    })),
    ...Object.fromEntries(due.map((d) => [d.name, { ...d, lines: d.lines.map((l) => dueLineView(l, lang)) }])),
  }));
}

const DUE_SECTIONS = ['homeVisits', 'caseClocks', 'measuresOverdue', 'stuckReferrals', 'followUps'] as const satisfies readonly DueSectionName[];

/** Each section of what is due: counts as shown, `has` when it has anything, `more` when lines were left out. */
function dueView(templateId: string, due: DigestData['due']) {
  return DUE_SECTIONS.map((name) => {
    const d = due?.[name] ?? { count: 0, own: 0, lines: [] };
    const lines = list(templateId, `due.${name}.lines`, d.lines);
    const total = Number(count(templateId, `due.${name}.count`, d.count));
    return { name, has: total > 0, count: String(total), own: count(templateId, `due.${name}.own`, d.own), more: total > lines.length ? String(total - lines.length) : '', lines };
  });
}

function dueLineView(l: DueSection['lines'][number], lang: Language) {
  return {
    smrCaseId: l.smrCaseId,
    own: l.own,
    date: formatDate(l.date),
    overdue: l.overdue,
    isMonitoring: l.kind === 'monitoring',
    isEvaluation: l.kind === 'evaluation',
    isClosure: l.kind === 'closure',
    measures: l.count !== undefined ? String(l.count) : '',
    office: l.office ? localName(l.office, lang) : '',
    need: l.need ? NEED_LABELS[lang][l.need] : '',
    isDeclined: l.because === 'declined',
    isCancelled: l.because === 'cancelled',
    isNotCompleted: l.because === 'not_completed',
    isSms: l.channel === 'sms',
    isEmail: l.channel === 'email',
  };
}

/** The quarterly indicator report: the figures as a table. The CSV (`csvFileName`) is attached by the sending code. */
export function renderQuarterlyReport(data: QuarterlyReportData, languages: readonly Language[]): RenderedEmail {
  const templateId = 'report.quarterly';
  if (data === null || typeof data !== 'object' || !data.figures || typeof data.csvFileName !== 'string' || !data.csvFileName.trim()) {
    fail(templateId, 'needs QuarterlyReportData (municipality, coordinatorOffice, figures, csvFileName)');
  }
  const plan = indicatorLines(data.figures, data.targets ?? {}).filter((l) => PLAN_SECTION_CODES.includes(l.code));
  return composeEmail(templateId, languages, (lang) => ({
    ...figuresView(templateId, data.figures, lang),
    municipality: localName(data.municipality, lang),
    coordinatorOffice: localName(data.coordinatorOffice, lang),
    csvFileName: data.csvFileName.trim(),
    planIndicators: plan.map((l) => {
      const shown = (v: number | null | undefined) => (l.share ? formatShare(v) : typeof v === 'number' ? count(templateId, `indicator ${l.code}`, v) : '–');
      return {
        label: indicatorLabel(l.code, lang),
        value: shown(l.value),
        split: l.returnee !== undefined,
        returnee: l.returnee !== undefined ? shown(l.returnee) : '–',
        foreigner: l.foreigner !== undefined ? shown(l.foreigner) : '–',
        hasTarget: l.target !== undefined,
        baseline: l.baseline !== undefined ? shown(l.baseline) : '–',
        target: l.target !== undefined ? shown(l.target) : '–',
        targetYear: l.targetYear !== undefined ? String(l.targetYear) : '',
      };
    }),
  }));
}
