import { localDate } from '../domain/calendar.js';
import { quarterKey, quarterOf, type CaseFileFigures, type MeetingClass, type Quarter, type QuarterFigures } from '../domain/quarters.js';
import { CLOSURE_OUTCOMES, type ClosureOutcome } from '../domain/case-file.js';
import { OfficeKind, type MeetingKind, type PersonCategory } from '../domain/vocabulary.js';
import { municipalityPk } from './owner.js';
import type { ReferralItem } from './referral.js';

/**
 * The plans' indicators as running counters: one item per municipality and quarter, bumped with
 * ADD in the same transaction as the change it counts (a case opened, a referral made, an answer,
 * an outcome, minutes recorded). The item holds numbers only and has no TTL, so the counts
 * outlive the personal data they were counted from, and a report reads one item, not the table.
 */

export type Counter =
  | 'casesOpened'
  | 'casesClosed'
  | 'referralsMade'
  | 'referralsAnswered'
  | 'referralsAnsweredInTime'
  | 'accepted'
  | 'declined'
  | 'completed'
  | 'notCompleted'
  | 'meetingsHeld'
  | 'casesDiscussed'
  | `referred_${OfficeKind}`
  | `referred_${OfficeKind}_${PersonCategory}`
  | `${CaseFileCounter}_${PersonCategory}`
  | `closed_${ClosureOutcome}_${PersonCategory}`
  | `${'meetingsHeld' | 'casesDiscussed'}_${MeetingClass}`;

/**
 * The case file's steps the plans count, each split returnee / foreigner: store/case-file.ts bumps
 * the FVN, plan and monitoring ones, the case store the cases opened and home visits.
 */
export type CaseFileCounter =
  | 'casesOpened'
  | 'homeVisits'
  | 'homeVisitsInTime'
  | 'assessmentsDone'
  | 'plansMade'
  | 'caseManagersNamed'
  | 'monitoringVisits'
  | 'monitoringCalls'
  | 'evaluations';

export type Increments = Partial<Record<Counter, number>>;

/** The running indicator counters of a municipality for one quarter ("2026-Q4"). */
export const indicatorsKey = (municipalityId: string, quarterKey: string) => ({ pk: municipalityPk(municipalityId), sk: `IND#${quarterKey}` });

/** The quarter an event at `at` (ISO instant) counts in, in Kosovo time. */
export function quarterKeyAt(at: string): string {
  return quarterKey(quarterOf(new Date(at)));
}

/** What a new referral adds: one referral, and its persons to the office kind's count, in total and for the case's category. */
export function referralMade(r: Pick<ReferralItem, 'officeKind' | 'personIds' | 'caseCategory'>): Increments {
  const persons = r.personIds.length;
  return { referralsMade: 1, [`referred_${r.officeKind}`]: persons, ...(r.caseCategory ? { [`referred_${r.officeKind}_${r.caseCategory}`]: persons } : {}) };
}

/** What several referrals made at once add (an assessment's, counted in one write). */
export function referralsMade(rs: readonly Pick<ReferralItem, 'officeKind' | 'personIds' | 'caseCategory'>[]): Increments {
  const sum: Increments = {};
  for (const r of rs) for (const [k, n] of Object.entries(referralMade(r)) as [keyof Increments, number][]) sum[k] = (sum[k] ?? 0) + n;
  return sum;
}

/** What an office's answer adds: accepted or declined, and whether it came by the acknowledgement date. */
export function referralAnswered(r: Pick<ReferralItem, 'ackDueDate'>, to: ReferralItem['status'], answeredAt: string): Increments {
  if (to === 'accepted' || to === 'declined') {
    const inTime = localDate(new Date(answeredAt)) <= r.ackDueDate;
    return { referralsAnswered: 1, referralsAnsweredInTime: inTime ? 1 : 0, [to]: 1 };
  }
  if (to === 'completed') return { completed: 1 };
  if (to === 'not_completed') return { notCompleted: 1 };
  return {};
}

/** What a new case adds: a case opened, and one of its category. */
export const caseOpened = (category: PersonCategory): Increments => ({ casesOpened: 1, [`casesOpened_${category}`]: 1 });

/** What a case's first recorded home visit adds: a visit, and whether it came by the 72-hour deadline (ISO instants). */
export const homeVisitDone = (category: PersonCategory, visitedAt: string, deadline: string): Increments => ({
  [`homeVisits_${category}`]: 1,
  ...(Date.parse(visitedAt) <= Date.parse(deadline) ? { [`homeVisitsInTime_${category}`]: 1 } : {}),
});

/** A meeting of the directory's rules is a regular one; one called for cases is ad hoc. */
export const meetingClassOf = (kind: MeetingKind): MeetingClass => (kind === 'ad_hoc' ? 'ad_hoc' : 'regular');

/** What a held meeting's minutes add: a meeting and its cases, in total and for its class. */
export function meetingHeld(kind: MeetingKind, casesDiscussed: number): Increments {
  const c = meetingClassOf(kind);
  return { meetingsHeld: 1, casesDiscussed, [`meetingsHeld_${c}`]: 1, [`casesDiscussed_${c}`]: casesDiscussed };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function caseFileFigures(n: (k: string) => number, c: PersonCategory): CaseFileFigures {
  const of = (k: CaseFileCounter) => n(`${k}_${c}`);
  const closedByOutcome = Object.fromEntries(CLOSURE_OUTCOMES.map((o) => [o, n(`closed_${o}_${c}`)])) as Record<ClosureOutcome, number>;
  const closedWithOutcome = CLOSURE_OUTCOMES.reduce((sum, o) => sum + closedByOutcome[o], 0);
  return {
    casesOpened: of('casesOpened'),
    personsReferred: Object.fromEntries(OfficeKind.options.map((k) => [k, n(`referred_${k}_${c}`)])) as Record<OfficeKind, number>,
    homeVisits: of('homeVisits'),
    homeVisitsInTime: of('homeVisitsInTime'),
    homeVisitsInTimeShare: ratio(of('homeVisitsInTime'), of('casesOpened')),
    assessmentsDone: of('assessmentsDone'),
    plansMade: of('plansMade'),
    plansMadeShare: ratio(of('plansMade'), of('assessmentsDone')),
    caseManagersNamed: of('caseManagersNamed'),
    monitoringVisits: of('monitoringVisits'),
    monitoringCalls: of('monitoringCalls'),
    evaluations: of('evaluations'),
    closedByOutcome,
    sustainablyReintegratedShare: ratio(closedByOutcome.sustainably_reintegrated, closedWithOutcome),
  };
}

/** The counters an indicators item holds, by name (its keys and type are not counters). */
export const countersOf = (item: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(Object.entries(item).filter((e): e is [string, number] => typeof e[1] === 'number'));

export function figuresFrom(q: Quarter, item: Record<string, unknown>): QuarterFigures {
  const n = (k: string) => (typeof item[k] === 'number' ? (item[k] as number) : 0);
  const personsReferred = Object.fromEntries(OfficeKind.options.map((k) => [k, n(`referred_${k}`)])) as Record<OfficeKind, number>;
  const answered = n('referralsAnswered');
  return {
    year: q.year,
    quarter: q.quarter,
    periodStart: q.start,
    periodEnd: q.end,
    casesOpened: n('casesOpened'),
    casesClosed: n('casesClosed'),
    personsReferred,
    referralsMade: n('referralsMade'),
    referralsAnswered: answered,
    referralsAnsweredInTime: n('referralsAnsweredInTime'),
    answeredInTimeShare: answered === 0 ? null : n('referralsAnsweredInTime') / answered,
    accepted: n('accepted'),
    declined: n('declined'),
    completed: n('completed'),
    notCompleted: n('notCompleted'),
    meetingsHeld: n('meetingsHeld'),
    casesDiscussed: n('casesDiscussed'),
    meetings: {
      regular: { held: n('meetingsHeld_regular'), casesDiscussed: n('casesDiscussed_regular') },
      ad_hoc: { held: n('meetingsHeld_ad_hoc'), casesDiscussed: n('casesDiscussed_ad_hoc') },
    },
    byCategory: { returnee: caseFileFigures(n, 'returnee'), foreigner: caseFileFigures(n, 'foreigner') },
  };
}
