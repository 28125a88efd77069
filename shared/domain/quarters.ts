import { UTCDateMini } from '@date-fns/utc/date/mini';
import { addMonths, subDays } from 'date-fns';
import { isoDay, onOrAfterWorkingDay, wallClock, type HolidayCalendar } from './calendar.js';
import type { ClosureOutcome } from './case-file.js';
import type { OfficeKind, PersonCategory } from './vocabulary.js';

/** A calendar quarter as the plans report it: in Kosovo time, dates inclusive. */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** YYYY-MM-DD, first day */
  start: string;
  /** YYYY-MM-DD, last day */
  end: string;
}

function quarter(year: number, q: 1 | 2 | 3 | 4): Quarter {
  const first = new UTCDateMini(year, (q - 1) * 3, 1);
  return { year, quarter: q, start: isoDay(first), end: isoDay(subDays(addMonths(first, 3), 1)) };
}

/** The quarter an instant falls in, in Kosovo: 2026-12-31T23:30Z is already 2027-Q1 there. */
export function quarterOf(instant: Date): Quarter {
  const local = wallClock(instant);
  return quarter(local.getFullYear(), Math.ceil((local.getMonth() + 1) / 3) as Quarter['quarter']);
}

/** e.g. "2026-Q4" (sorts chronologically as text). */
export function quarterKey(q: Pick<Quarter, 'year' | 'quarter'>): string {
  return `${q.year}-Q${q.quarter}`;
}

export function previousQuarter(q: Pick<Quarter, 'year' | 'quarter'>): Quarter {
  return q.quarter === 1 ? quarter(q.year - 1, 4) : quarter(q.year, (q.quarter - 1) as Quarter['quarter']);
}

/**
 * The quarter's first working day (not a weekend or public holiday), YYYY-MM-DD. A holiday
 * calendar that does not cover the year throws rather than guess.
 */
export function firstWorkingDayOfQuarter(q: Pick<Quarter, 'year' | 'quarter'>, holidays: HolidayCalendar): string {
  return onOrAfterWorkingDay(quarter(q.year, q.quarter).start, holidays);
}

/** The plans' indicators for one municipality and one quarter (or the quarter so far). */
export interface QuarterFigures {
  /** e.g. 2026 */
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** YYYY-MM-DD, first and last day of the quarter (Europe/Belgrade) */
  periodStart: string;
  periodEnd: string;
  casesOpened: number;
  casesClosed: number;
  /** persons referred, per office kind (all kinds, not only messages' INDICATOR_OFFICE_KINDS); 0 when none */
  personsReferred: Record<OfficeKind, number>;
  referralsMade: number;
  /** accepted or declined by the office in the quarter */
  referralsAnswered: number;
  /** of those, answered on or before their acknowledgement date */
  referralsAnsweredInTime: number;
  /** referralsAnsweredInTime / referralsAnswered, 0..1; null when nothing was answered */
  answeredInTimeShare: number | null;
  accepted: number;
  declined: number;
  /** outcomes reported: done / not done */
  completed: number;
  notCompleted: number;
  meetingsHeld: number;
  casesDiscussed: number;
  /** the plans count regular and ad-hoc meetings apart ("Nr. i takimeve të rregullta / ad-hoc dhe numri i rasteve të diskutuara") */
  meetings: Record<MeetingClass, { held: number; casesDiscussed: number }>;
  /** the case file's steps, split returnee / foreigner (the case's category) */
  byCategory: Record<PersonCategory, CaseFileFigures>;
}

/** Regular: the directory's recurring meetings; ad hoc: called for cases that need a solution. */
export type MeetingClass = 'regular' | 'ad_hoc';

/** The case file's steps in one quarter, for returnees or for foreigners. */
export interface CaseFileFigures {
  /** cases registered in the quarter (counted since the split; earlier ones are only in casesOpened) */
  casesOpened: number;
  /** persons referred per office kind (counted since the split; earlier referrals are only in personsReferred's total) */
  personsReferred: Record<OfficeKind, number>;
  /** home visits recorded in the quarter (a case's first) */
  homeVisits: number;
  /** of those, recorded by the 72-hour deadline (from arrival, or a foreigner's permit) */
  homeVisitsInTime: number;
  /** homeVisitsInTime / casesOpened of the quarter, 0..1; null when no case was opened */
  homeVisitsInTimeShare: number | null;
  /** FVNs done: a case's first assessment */
  assessmentsDone: number;
  /** PIRs (PII for foreigners) made: a case's first plan */
  plansMade: number;
  /** plansMade / assessmentsDone, 0..1 (plans: "services offered on the basis of the individual plan"); null when no FVN was done */
  plansMadeShare: number | null;
  caseManagersNamed: number;
  monitoringVisits: number;
  monitoringCalls: number;
  evaluations: number;
  /** cases closed with an outcome, by outcome */
  closedByOutcome: Record<ClosureOutcome, number>;
  /** closed sustainably reintegrated / closed with an outcome, 0..1; null when none closed with one */
  sustainablyReintegratedShare: number | null;
}
