/**
 * The goals of issue #18, each computed from the sections of bench/results/latest.json that
 * measure it: what the figure is now, against its goal, and from which run (a section carried
 * over from an earlier run says so). A figure whose section is absent is "not measured", never 0.
 */

export interface Goal {
  id: string;
  figure: string;
  unit: string;
  /** The figure when #18 was filed (2026-12-04), as the issue states it. */
  before: string;
  now: number | null;
  goal: { op: '<=' | '>='; value: number };
  met: boolean;
  /** The latest.json keys it is computed from. */
  source: string[];
  /** When those were measured: this run's start, or the earlier run's they were carried over from (the oldest). */
  measuredAt: string | null;
  carriedOver: boolean;
  note?: string;
}

type Latency = { concurrency: number; p99Ms: number; throughputPerS: number };
type Phase = { phase: string; counts: { dynamo: Record<string, { calls: number }>; sesEmails: number } };

interface Definition {
  id: string;
  figure: string;
  unit: string;
  before: string;
  goal: Goal['goal'];
  source: string[];
  /** The figure, or undefined when its sections do not hold it; a note to show beside it. */
  now: (r: Record<string, any>) => { value: number; note?: string } | undefined;
}

const oneAtATime = (ls: Latency[] | undefined) => ls?.find((l) => l.concurrency === 1);
const burst = (ls: Latency[] | undefined) => ls?.find((l) => l.concurrency > 1);
const referralPhases = (r: Record<string, any>): Phase[] | undefined => (r.lifecycle?.phases as Phase[] | undefined)?.filter((p) => !p.phase.startsWith('case'));
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 && Number.isFinite(a) ? a / b : undefined);
const finite = (value: number | undefined, note?: string) => (value !== undefined && Number.isFinite(value) ? { value, ...(note ? { note } : {}) } : undefined);

/** A figure of section 1 as the platform's ÷ the floor's of the same run. */
function againstFloor(id: string, figure: string, before: string, goal: Goal['goal'], pick: (ls: Latency[] | undefined) => Latency | undefined, metric: 'p99Ms' | 'throughputPerS', show: (x: number) => string): Definition {
  return {
    id, figure, unit: '×', before, goal, source: ['platform', 'floor'],
    now: (r) => {
      const p = pick(r.platform), f = pick(r.floor);
      return finite(ratio(p?.[metric], f?.[metric]), p && f ? `${show(p[metric])} ÷ ${show(f[metric])}` : undefined);
    },
  };
}

/** Mean SMS segments with the returnee page on or off: one goal each (the issue's one row). */
function segments(page: 'on' | 'off', value: number): Definition {
  return {
    id: `sms-segments-page-${page}`,
    figure: `mean SMS segments per returnee message, returnee page ${page}`,
    unit: 'segments',
    before: '2.5',
    goal: { op: '<=', value },
    source: ['sms'],
    now: (r) => finite(r.sms?.meanSegments?.[page === 'on' ? 'pageOn' : 'pageOff']),
  };
}

export const GOALS_OF_18: readonly Definition[] = [
  {
    id: 'bundle',
    figure: 'largest function bundle, minified',
    unit: 'KB',
    before: '1.67 MB',
    goal: { op: '<=', value: 300 },
    source: ['bundleSummary'],
    now: (r) => finite(r.bundleSummary?.largest && r.bundleSummary.largest.bytes / 1024, r.bundleSummary?.largest?.fn),
  },
  {
    id: 'load-ratio',
    figure: 'module load, bundled ÷ unbundled (worst function)',
    unit: '×',
    before: '0.26×',
    goal: { op: '<=', value: 0.35 },
    source: ['bundleSummary'],
    now: (r) => finite(r.bundleSummary?.loadRatioMax, r.bundleSummary?.loadRatioMedian !== undefined ? `median ${Number(r.bundleSummary.loadRatioMedian).toFixed(2)}×` : undefined),
  },
  againstFloor('p99-ratio', 'referral → office email p99, platform ÷ floor, one at a time', '3.1×', { op: '<=', value: 1.5 }, oneAtATime, 'p99Ms', (x) => `${x.toFixed(0)} ms`),
  againstFloor('burst-ratio', 'burst throughput, platform ÷ floor', '0.06×', { op: '>=', value: 0.5 }, burst, 'throughputPerS', (x) => `${x.toFixed(1)}/s`),
  {
    id: 'dynamodb-calls',
    figure: 'DynamoDB calls from POST …/referrals to both messages accepted',
    unit: 'calls',
    before: '~17',
    goal: { op: '<=', value: 6 },
    source: ['lifecycle'],
    now: (r) => {
      const first = referralPhases(r)?.[0];
      if (!first || !r.lifecycle.k) return undefined;
      const calls = Object.values(first.counts.dynamo).reduce((n, c) => n + c.calls, 0);
      return finite(calls / r.lifecycle.k, 'lifecycle phase 1');
    },
  },
  {
    id: 'emails-per-referral',
    figure: 'emails per referral over its life',
    unit: 'emails',
    before: '3',
    goal: { op: '<=', value: 1.2 },
    source: ['lifecycle'],
    now: (r) => {
      const phases = referralPhases(r);
      if (!phases?.length || !r.lifecycle.k) return undefined;
      return finite(phases.reduce((n, p) => n + p.counts.sesEmails, 0) / r.lifecycle.k);
    },
  },
  {
    id: 'sms-per-household-morning',
    figure: 'SMS per household per morning (4 referrals)',
    unit: 'SMS',
    before: '4–5',
    goal: { op: '<=', value: 1 },
    source: ['household'],
    now: (r) => finite(r.household?.smsPerMorning, r.household?.referrals !== undefined ? `${r.household.referrals} referrals` : undefined),
  },
  segments('on', 1.3),
  segments('off', 2),
  {
    id: 'usd-per-1000-without-sms',
    figure: 'USD per 1,000 referrals without SMS (incl. API Gateway, KMS, logs)',
    unit: 'USD',
    before: '0.37',
    goal: { op: '<=', value: 0.2 },
    source: ['cost', 'lifecycle', 'logs'],
    now: (r) => {
      if (!r.cost) return undefined;
      const note = !r.cost.assumed ? 'without API Gateway, KMS and logs (an older run)' : !r.cost.assumed.logs.ownMeasured ? "the functions' own log lines not measured" : undefined;
      return finite(r.cost.withoutSmsUsdPer1000, note);
    },
  },
];

/** Each goal of #18 against the sections of `r` (a latest.json). */
export function goalsOf(r: Record<string, any>, definitions: readonly Definition[] = GOALS_OF_18): Goal[] {
  return definitions.map((d) => {
    const now = d.now(r);
    const present = d.source.filter((k) => r[k] !== undefined);
    const dates = present.map((k) => (r.carriedOver?.[k] as string | undefined) ?? (r.startedAt as string | undefined)).filter((x): x is string => x !== undefined).sort();
    const value = now?.value ?? null;
    return {
      id: d.id,
      figure: d.figure,
      unit: d.unit,
      before: d.before,
      now: value,
      goal: d.goal,
      met: value !== null && (d.goal.op === '<=' ? value <= d.goal.value : value >= d.goal.value),
      source: d.source,
      measuredAt: value === null ? null : (dates[0] ?? null),
      carriedOver: value !== null && present.some((k) => r.carriedOver?.[k] !== undefined),
      ...(now?.note ? { note: now.note } : value === null ? { note: 'not measured' } : {}),
    };
  });
}

const DECIMALS: Record<string, number> = { KB: 0, '×': 2, calls: 1, emails: 2, SMS: 1, segments: 2, USD: 3 };

/** A goal's figure with its unit, as the tables show it. */
export function shown(value: number, unit: string): string {
  const n = value.toFixed(DECIMALS[unit] ?? 2);
  if (unit === '×') return `${n}×`;
  if (unit === 'USD') return `$${n}`;
  return `${n} ${unit}`;
}

/** The section "Goals of #18" of latest.md. */
export function goalsMarkdown(goals: Goal[]): string[] {
  const out = ['## Goals of #18 (now against goal)', ''];
  out.push('| figure | when #18 was filed | now | goal | met | measured |', '|---|---|---|---|---|---|');
  for (const g of goals) {
    const now = g.now === null ? 'not measured' : `**${shown(g.now, g.unit)}**${g.note ? ` (${g.note})` : ''}`;
    const goal = `${g.goal.op === '<=' ? '≤' : '≥'} ${shown(g.goal.value, g.unit)}`;
    const met = g.now === null ? '–' : g.met ? 'yes' : 'no';
    const at = g.measuredAt ? `${g.measuredAt.slice(0, 10)}${g.carriedOver ? ' (carried over)' : ''}` : '–';
    out.push(`| ${g.figure} | ${g.before} | ${now} | ${goal} | ${met} | ${at} |`);
  }
  out.push('', 'Each figure is computed from the sections below (latest.json `goals`: id, figure, unit, now, goal, met, source, measuredAt); a section this run skipped keeps its earlier run\'s figure and date. The ratios compare the platform with the floor of the same run. What each figure counts: docs/benchmarks.md.', '');
  return out;
}
