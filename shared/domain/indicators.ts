import { CLOSURE_OUTCOMES } from './case-file.js';
import type { CaseFileFigures, QuarterFigures } from './quarters.js';
import { OfficeKind, type PersonCategory } from './vocabulary.js';

/**
 * The plans' indicators as one list, in a fixed order: what the quarterly report, its CSV, the
 * API and the console show, each with the baseline and target the municipality's plan gives it
 * (its directory file) where it gives one. A share is 0..1, or null when its base is 0.
 */

/** A plan's baseline and targets for one indicator, as its directory file holds them. */
export interface IndicatorTarget {
  baseline: number;
  targets: { year: number; value: number }[];
  /** where in the plan, in its own words */
  source: string;
}

export interface IndicatorLine {
  code: string;
  share: boolean;
  /** all cases; for a split indicator returnees and foreigners together */
  value: number | null;
  /** split returnee / foreigner (the case's category), where the plans count the two apart */
  returnee?: number | null;
  foreigner?: number | null;
  /** from the plan, when it gives them: the baseline and the target for the quarter's year (or the plan's last) */
  baseline?: number;
  target?: number;
  targetYear?: number;
}

/** GET /municipalities/{id}/indicators/{quarter}: the counters' figures, and the indicators as the report lists them. */
export type IndicatorsResponse = QuarterFigures & { indicators: IndicatorLine[] };

const CATEGORIES: readonly PersonCategory[] = ['returnee', 'foreigner'];
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

type Line = Pick<IndicatorLine, 'code' | 'share' | 'value' | 'returnee' | 'foreigner'>;
const count = (code: string, value: number): Line => ({ code, share: false, value });
const share = (code: string, value: number | null): Line => ({ code, share: true, value });

/** A count of the case file, split, with its total. */
function splitCount(f: QuarterFigures, code: string, pick: (c: CaseFileFigures) => number): Line {
  const [returnee, foreigner] = CATEGORIES.map((c) => pick(f.byCategory[c])) as [number, number];
  return { code, share: false, value: returnee + foreigner, returnee, foreigner };
}

/** A share of the case file, split, and over both (from the counts, not an average of the two). */
function splitShare(f: QuarterFigures, code: string, part: (c: CaseFileFigures) => number, whole: (c: CaseFileFigures) => number): Line {
  const [returnee, foreigner] = CATEGORIES.map((c) => ratio(part(f.byCategory[c]), whole(f.byCategory[c]))) as [number | null, number | null];
  const sum = (g: (c: CaseFileFigures) => number) => CATEGORIES.reduce((n, c) => n + g(f.byCategory[c]), 0);
  return { code, share: true, value: ratio(sum(part), sum(whole)), returnee, foreigner };
}

const closedWithOutcome = (c: CaseFileFigures) => CLOSURE_OUTCOMES.reduce((n, o) => n + c.closedByOutcome[o], 0);

function lines(f: QuarterFigures): Line[] {
  return [
    // The total is the older counter: it includes cases opened before the split was counted.
    { ...splitCount(f, 'cases_opened', (c) => c.casesOpened), value: f.casesOpened },
    count('cases_closed', f.casesClosed),
    // Split by the case's category; the total is the older counter, with referrals made before the split.
    ...OfficeKind.options.map((kind) => ({ ...splitCount(f, `persons_referred_${kind}`, (c) => c.personsReferred[kind] ?? 0), value: f.personsReferred[kind] ?? 0 })),
    count('referrals_made', f.referralsMade),
    count('referrals_answered', f.referralsAnswered),
    count('referrals_answered_in_time', f.referralsAnsweredInTime),
    share('answered_in_time_share', f.answeredInTimeShare),
    count('accepted', f.accepted),
    count('declined', f.declined),
    count('completed', f.completed),
    count('not_completed', f.notCompleted),
    splitCount(f, 'home_visits', (c) => c.homeVisits),
    splitCount(f, 'home_visits_in_time', (c) => c.homeVisitsInTime),
    splitShare(f, 'home_visits_in_time_share', (c) => c.homeVisitsInTime, (c) => c.casesOpened),
    splitCount(f, 'assessments_done', (c) => c.assessmentsDone),
    splitCount(f, 'plans_made', (c) => c.plansMade),
    splitShare(f, 'plans_made_share', (c) => c.plansMade, (c) => c.assessmentsDone),
    splitCount(f, 'case_managers_named', (c) => c.caseManagersNamed),
    splitCount(f, 'monitoring_visits', (c) => c.monitoringVisits),
    splitCount(f, 'monitoring_calls', (c) => c.monitoringCalls),
    splitCount(f, 'evaluations', (c) => c.evaluations),
    ...CLOSURE_OUTCOMES.map((o) => splitCount(f, `closed_${o}`, (c) => c.closedByOutcome[o])),
    splitShare(f, 'sustainably_reintegrated_share', (c) => c.closedByOutcome.sustainably_reintegrated, closedWithOutcome),
    count('meetings_held', f.meetingsHeld),
    count('cases_discussed', f.casesDiscussed),
    count('meetings_held_regular', f.meetings.regular.held),
    count('cases_discussed_regular', f.meetings.regular.casesDiscussed),
    count('meetings_held_ad_hoc', f.meetings.ad_hoc.held),
    count('cases_discussed_ad_hoc', f.meetings.ad_hoc.casesDiscussed),
  ];
}

/** Every indicator code, in the report's order: what a directory file may give a baseline and target for. */
export const INDICATOR_CODES: readonly string[] = lines(emptyFigures()).map((l) => l.code);

/** The target that applies in `year`: the plan's first for that year or later, else its last. */
export function targetFor(t: IndicatorTarget, year: number): { year: number; value: number } | undefined {
  const sorted = [...t.targets].sort((a, b) => a.year - b.year);
  return sorted.find((x) => x.year >= year) ?? sorted.at(-1);
}

/** The quarter's indicators with the plan's baseline and target beside those it has them for. */
export function indicatorLines(f: QuarterFigures, targets: Readonly<Record<string, IndicatorTarget | undefined>> = {}): IndicatorLine[] {
  return lines(f).map((l) => {
    const t = targets[l.code];
    const target = t ? targetFor(t, f.year) : undefined;
    return { ...l, ...(t ? { baseline: t.baseline } : {}), ...(target ? { target: target.value, targetYear: target.year } : {}) };
  });
}

function emptyCaseFile(): CaseFileFigures {
  return {
    casesOpened: 0,
    personsReferred: Object.fromEntries(OfficeKind.options.map((k) => [k, 0])) as CaseFileFigures['personsReferred'],
    homeVisits: 0,
    homeVisitsInTime: 0,
    homeVisitsInTimeShare: null,
    assessmentsDone: 0,
    plansMade: 0,
    plansMadeShare: null,
    caseManagersNamed: 0,
    monitoringVisits: 0,
    monitoringCalls: 0,
    evaluations: 0,
    closedByOutcome: Object.fromEntries(CLOSURE_OUTCOMES.map((o) => [o, 0])) as CaseFileFigures['closedByOutcome'],
    sustainablyReintegratedShare: null,
  };
}

/** A quarter with nothing counted (the codes' list is read from it). */
export function emptyFigures(): QuarterFigures {
  return {
    year: 2000,
    quarter: 1,
    periodStart: '2000-01-01',
    periodEnd: '2000-03-31',
    casesOpened: 0,
    casesClosed: 0,
    personsReferred: Object.fromEntries(OfficeKind.options.map((k) => [k, 0])) as QuarterFigures['personsReferred'],
    referralsMade: 0,
    referralsAnswered: 0,
    referralsAnsweredInTime: 0,
    answeredInTimeShare: null,
    accepted: 0,
    declined: 0,
    completed: 0,
    notCompleted: 0,
    meetingsHeld: 0,
    casesDiscussed: 0,
    meetings: { regular: { held: 0, casesDiscussed: 0 }, ad_hoc: { held: 0, casesDiscussed: 0 } },
    byCategory: { returnee: emptyCaseFile(), foreigner: emptyCaseFile() },
  };
}
