import { describe, expect, it } from 'vitest';
import { goalsMarkdown, goalsOf, type Goal } from '../../../bench/goals.js';

/** A latest.json with every section the goals read, at figures chosen to be easy to check. */
function latest(): Record<string, any> {
  return {
    startedAt: '2026-12-05T11:00:00.000Z',
    bundleSummary: { largest: { fn: 'api', bytes: 300 * 1024 }, loadRatioMedian: 0.2, loadRatioMax: 0.4 },
    platform: [
      { concurrency: 1, p99Ms: 120, throughputPerS: 5 },
      { concurrency: 8, p99Ms: 900, throughputPerS: 60 },
    ],
    floor: [
      { concurrency: 1, p99Ms: 100, throughputPerS: 20 },
      { concurrency: 8, p99Ms: 200, throughputPerS: 100 },
    ],
    lifecycle: {
      k: 2,
      phases: [
        { phase: 'case created (per case, not per referral)', counts: { dynamo: { TransactWriteItems: { calls: 40 } }, sesEmails: 0 } },
        { phase: '1 referral written → routed → email + SMS sent', counts: { dynamo: { GetItem: { calls: 6 }, TransactWriteItems: { calls: 4 } }, sesEmails: 2 } },
        { phase: '2 accepted', counts: { dynamo: { GetItem: { calls: 30 } }, sesEmails: 1 } },
      ],
    },
    household: { referrals: 4, smsPerMorning: 1 },
    sms: { meanSegments: { pageOn: 1.25, pageOff: 2.1, samples: 28 } },
    cost: { withoutSmsUsdPer1000: 0.19, assumed: { logs: { ownMeasured: true } } },
  };
}

const byId = (goals: Goal[]) => Object.fromEntries(goals.map((g) => [g.id, g]));

describe('the goals of #18 from latest.json', () => {
  it('computes each figure from its section, against its goal', () => {
    const g = byId(goalsOf(latest()));
    expect(g.bundle).toMatchObject({ now: 300, met: true, note: 'api' });
    expect(g['load-ratio']).toMatchObject({ now: 0.4, met: false });
    expect(g['p99-ratio']).toMatchObject({ now: 1.2, met: true });
    expect(g['burst-ratio']).toMatchObject({ now: 0.6, met: true });
    // phase 1 only (not the case's, not the answers'), per referral: (6 + 4) / 2
    expect(g['dynamodb-calls']).toMatchObject({ now: 5, met: true });
    // every referral phase, per referral: (2 + 1) / 2
    expect(g['emails-per-referral']).toMatchObject({ now: 1.5, met: false });
    expect(g['sms-per-household-morning']).toMatchObject({ now: 1, met: true });
    expect(g['sms-segments-page-on']).toMatchObject({ now: 1.25, met: true });
    expect(g['sms-segments-page-off']).toMatchObject({ now: 2.1, met: false });
    expect(g['usd-per-1000-without-sms']).toMatchObject({ now: 0.19, met: true });
    expect(Object.keys(g)).toHaveLength(10);
  });

  it('a throughput goal is met from above, the others from below', () => {
    const r = latest();
    r.platform[1].throughputPerS = 40;
    r.platform[0].p99Ms = 151;
    const g = byId(goalsOf(r));
    expect(g['burst-ratio']).toMatchObject({ now: 0.4, met: false });
    expect(g['p99-ratio']).toMatchObject({ met: false });
  });

  it('a section that is absent is not measured, never 0 and never met', () => {
    const r = latest();
    delete r.household;
    delete r.sms.meanSegments;
    delete r.floor;
    const g = byId(goalsOf(r));
    for (const id of ['sms-per-household-morning', 'sms-segments-page-on', 'sms-segments-page-off', 'p99-ratio', 'burst-ratio']) {
      expect(g[id], id).toMatchObject({ now: null, met: false, note: 'not measured', measuredAt: null });
    }
    expect(goalsMarkdown(Object.values(g)).join('\n')).toMatch(/SMS per household per morning \(4 referrals\) \| 4–5 \| not measured \| ≤ 1\.0 SMS \| – \|/);
  });

  it('a figure from an earlier run carries that run\'s date, the oldest of its sections', () => {
    const r = latest();
    r.carriedOver = { floor: '2026-11-23T18:21:15.318Z' };
    const g = byId(goalsOf(r));
    expect(g['p99-ratio']).toMatchObject({ measuredAt: '2026-11-23T18:21:15.318Z', carriedOver: true });
    expect(g.bundle).toMatchObject({ measuredAt: '2026-12-05T11:00:00.000Z', carriedOver: false });
  });

  it('a cost from a run before API Gateway, KMS and logs were counted says so', () => {
    const r = latest();
    r.cost = { withoutSmsUsdPer1000: 0.37 };
    expect(byId(goalsOf(r))['usd-per-1000-without-sms']).toMatchObject({ now: 0.37, met: false, note: 'without API Gateway, KMS and logs (an older run)' });
  });

  it('latest.md shows now against goal, met or not', () => {
    const md = goalsMarkdown(goalsOf(latest())).join('\n');
    expect(md).toMatch(/^## Goals of #18/);
    expect(md).toContain('| burst throughput, platform ÷ floor | 0.06× | **0.60×** (60.0/s ÷ 100.0/s) | ≥ 0.50× | yes | 2026-12-05 |');
    expect(md).toContain('| emails per referral over its life | 3 | **1.50 emails** | ≤ 1.20 emails | no | 2026-12-05 |');
  });
});
