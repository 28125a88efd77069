import { describe, expect, it } from 'vitest';
import { digestPeriod } from '../../../shared/digests/digests.js';

describe('digestPeriod', () => {
  it('daily: yesterday only', () => {
    expect(digestPeriod('daily', '2026-11-24')).toEqual({ start: '2026-11-23', end: '2026-11-23' });
  });

  it('daily on New Year’s Day: the last day of the old year', () => {
    expect(digestPeriod('daily', '2027-01-01')).toEqual({ start: '2026-12-31', end: '2026-12-31' });
  });

  it('weekly on a Monday: the Monday to Sunday before', () => {
    expect(digestPeriod('weekly', '2026-11-30')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
  });

  it('weekly across a month and a year boundary', () => {
    expect(digestPeriod('weekly', '2027-01-04')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
  });

  it('weekly over the switch to summer time (28 March 2027): still seven calendar days', () => {
    expect(digestPeriod('weekly', '2027-03-29')).toEqual({ start: '2027-03-22', end: '2027-03-28' });
  });

  it('weekly over the switch back to winter time (31 October 2027)', () => {
    expect(digestPeriod('weekly', '2027-11-01')).toEqual({ start: '2027-10-25', end: '2027-10-31' });
  });
});
