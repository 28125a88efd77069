import { beforeAll, describe, expect, it } from 'vitest';

import { HOLIDAY_RUNWAY_ALARM_MONTHS } from '../../infra/constructs/operations.js';
import type { ReferralsStack } from '../../infra/stack.js';
import { type Json, logicalId, resource, synthMain } from './synth.js';

let stack: ReferralsStack;

beforeAll(() => {
  ({ stack } = synthMain());
});

/**
 * The holiday calendar's runway (issue #16): the stack alarms when the bundled holiday file
 * covers less than 24 months ahead, from the gauge report-indicators emits every morning, and
 * when the API had to plan a year the file lacks with weekends only.
 */
describe('the holiday calendar alarms', () => {
  const props = (alarm: Parameters<typeof resource>[0]): Json => resource(alarm).Properties;
  const topic = () => [{ Ref: logicalId(stack.operations.topic) }];
  /** The one metric of a single-metric alarm (CDK writes a labelled metric as a MetricStat). */
  const metricOf = (p: Json): Json => {
    expect(p.Metrics).toHaveLength(1);
    const { Metric, Period, Stat } = p.Metrics[0].MetricStat;
    return { ...Metric, Period, Stat };
  };

  it('HolidayCalendarRunway: the daily minimum of HolidayCalendarRunwayMonths (report-indicators) below 24', () => {
    const p = props(stack.operations.alarms.holidayRunway);
    expect(HOLIDAY_RUNWAY_ALARM_MONTHS).toBe(24);
    expect(metricOf(p)).toEqual({
      Namespace: 'Referrals',
      MetricName: 'HolidayCalendarRunwayMonths',
      Dimensions: [{ Name: 'service', Value: 'report-indicators' }],
      Stat: 'Minimum',
      Period: 86_400,
    });
    expect(p).toMatchObject({
      Threshold: 24,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      // No datum is not a short runway: a report-indicators that does not run has its own Errors and DLQ alarms.
      TreatMissingData: 'notBreaching',
      AlarmActions: topic(),
    });
    expect(p.AlarmDescription).toContain('Do: "npm run cli -- holidays draft <next year>"');
    expect(p.AlarmDescription).toContain('Runbook: README.md');
  });

  it('HolidayYearsAssumed: any API request in an hour that planned a missing year with weekends only', () => {
    const p = props(stack.operations.alarms.holidayYearsAssumed);
    expect(metricOf(p)).toEqual({
      Namespace: 'Referrals',
      MetricName: 'HolidayYearsAssumed',
      Dimensions: [{ Name: 'service', Value: 'api' }],
      Stat: 'Sum',
      Period: 3600,
    });
    expect(p).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: topic(),
    });
    expect(p.AlarmDescription).toContain('Do: add the year');
  });
});
