import { describe, expect, it } from 'vitest';
import { HOLIDAY_RUNWAY_ALARM_MONTHS } from '../../infra/constructs/operations.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { MovableClock } from '../../shared/domain/clock.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { call, captureOutput, obiliqFamily, stackForFile } from './support.js';

/**
 * The holiday file's runway on a clock near its end (issue #16): the file covers 2025–2035, the
 * clock says 2 March 2035. A returnee arriving today gets a case whose 18-month plan reaches
 * 2036, a year the file lacks: the API plans it with weekends only and tells the operator (a
 * warning naming the year, HolidayYearsAssumed), never a 400 on the arrival date. And the
 * morning's report-indicators says the file reaches 9 months ahead: below the alarm's 24
 * (the HolidayCalendarRunway drill).
 */
let stack: LocalStack;
let output: ReturnType<typeof captureOutput>;
const coordinatorId = bundledDirectory().municipality('obiliq')!.coordinators[0]!.id;
const NOW = new Date('2035-03-02T09:00:00Z'); // Friday, 10:00 in Kosovo

interface Emf {
  service: string;
  [metric: string]: unknown;
}
const emf = (): Emf[] =>
  output
    .text()
    .split('\n')
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Emf);
const values = (service: string, metric: string): number[] =>
  emf()
    .filter((d) => d.service === service && metric in d)
    .flatMap((d) => (Array.isArray(d[metric]) ? (d[metric] as number[]) : [d[metric] as number]));
const logLines = () =>
  output
    .text()
    .split('\n')
    .filter((l) => l.startsWith('{"level'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

stackForFile((s, o) => {
  stack = s;
  output = o;
}, { logLevel: 'WARN', clock: new MovableClock(NOW), emitMetrics: true });

describe('a year the holiday file lacks', () => {
  it('does not refuse an arrival date whose plan reaches it: weekends only, and the operator is told', async () => {
    const family = { ...obiliqFamily('SMR-RUNWAY-1'), coordinatorId, arrivalDate: '2035-03-02' };
    const created = await call(stack, 'POST', '/cases', family);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(values('api', METRIC.holidayYearsAssumed)).toEqual([1]);
    const warning = logLines().find((l) => l.service === 'api' && String(l.message).startsWith('holiday file lacks a year'));
    expect(warning).toMatchObject({ level: 'WARN', years: [2036], routeKey: 'POST /cases' });
    // Ids and years only: nothing of the family in the warning. The phone is named in the forms it
    // can take, not as "049", which a random caller id (hex) may hold by chance.
    const said = JSON.stringify(warning);
    for (const personal of ['Krasniqi', 'Arben', family.phone, '49555123', '555 123', 'SMR-RUNWAY']) expect(said).not.toContain(personal);

    // Its closure reminder: 2 September 2036 (a Tuesday), 09:00, planned with weekends only.
    const view = await call(stack, 'GET', `/cases/${created.body.caseId}`);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body)).toContain('2036-09-02');

    // A referral made today plans its acknowledgement in 2035, which the file covers: nothing assumed.
    expect((await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
    expect(values('api', METRIC.holidayYearsAssumed)).toEqual([1]);
  });

  it('still refuses an arrival date outside the window (18 months back, 12 ahead), naming the field', async () => {
    for (const arrivalDate of ['2036-03-03', '2033-09-01', '2099-01-01', '1900-01-01']) {
      const res = await call(stack, 'POST', '/cases', { ...obiliqFamily(`SMR-RUNWAY-${arrivalDate}`), coordinatorId, arrivalDate });
      expect(res.status, arrivalDate).toBe(400);
      expect(JSON.stringify(res.body), arrivalDate).toContain('arrivalDate');
      expect(JSON.stringify(res.body), arrivalDate).toContain('2033-09-02 to 2036-03-02');
    }
    for (const arrivalDate of ['2036-03-02', '2033-09-02']) {
      const res = await call(stack, 'POST', '/cases', { ...obiliqFamily(`SMR-RUNWAY-${arrivalDate}`), coordinatorId, arrivalDate });
      expect(res.status, arrivalDate).toBe(201);
    }
  });
});

describe('drill: HolidayCalendarRunway', () => {
  it('the morning run of report-indicators emits the runway, and 9 months is below the alarm', async () => {
    await stack.handlers.reportIndicators({ task: 'report-indicators' });
    const runway = values('report-indicators', METRIC.holidayCalendarRunwayMonths);
    expect(runway).toEqual([9]); // March 2035 → December 2035
    expect(Math.min(...runway)).toBeLessThan(HOLIDAY_RUNWAY_ALARM_MONTHS);
    // The runbook's first step says which year to add and drafts it.
    const { runHolidays } = await import('../../cli/holidays.js');
    const runwayText = runHolidays(['runway'], { now: NOW });
    expect(runwayText.stdout).toMatch(/covers 2025–2035: 9 whole months ahead \(below 24/);
    const draft = runHolidays(['draft', '2036', '--json']);
    expect(draft.exitCode).toBe(0);
    expect(JSON.parse(draft.stdout).holidays.map((h: { feast: string }) => h.feast)).toContain('orthodox-easter-monday');
  });
});
