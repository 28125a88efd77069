import { describe, expect, it } from 'vitest';
import { weekendsOnly } from '../../../shared/domain/calendar.js';
import { kosovoHolidays, UncoveredYearError } from '../../../shared/domain/holidays.js';
import { firstWorkingDayOfQuarter, previousQuarter, quarterKey, quarterOf } from '../../../shared/domain/quarters.js';

describe('quarterOf (Europe/Belgrade)', () => {
  it('gives the quarter with its first and last local day', () => {
    expect(quarterOf(new Date('2026-11-20T10:00:00Z'))).toEqual({ year: 2026, quarter: 4, start: '2026-10-01', end: '2026-12-31' });
    expect(quarterOf(new Date('2027-02-15T10:00:00Z'))).toEqual({ year: 2027, quarter: 1, start: '2027-01-01', end: '2027-03-31' });
    expect(quarterOf(new Date('2027-05-15T10:00:00Z'))).toEqual({ year: 2027, quarter: 2, start: '2027-04-01', end: '2027-06-30' });
    expect(quarterOf(new Date('2027-08-15T10:00:00Z'))).toEqual({ year: 2027, quarter: 3, start: '2027-07-01', end: '2027-09-30' });
  });

  it('goes by the local date, not the UTC one', () => {
    // 23:30Z on 31 December is 00:30 on 1 January in Belgrade (UTC+1).
    expect(quarterOf(new Date('2026-12-31T23:30:00Z'))).toMatchObject({ year: 2027, quarter: 1 });
    expect(quarterOf(new Date('2026-12-31T22:59:59Z'))).toMatchObject({ year: 2026, quarter: 4 });
    // 22:30Z on 30 June is 00:30 on 1 July (UTC+2 in summer).
    expect(quarterOf(new Date('2027-06-30T22:30:00Z'))).toMatchObject({ year: 2027, quarter: 3 });
    expect(quarterOf(new Date('2027-06-30T21:30:00Z'))).toMatchObject({ year: 2027, quarter: 2 });
  });
});

describe('quarterKey and previousQuarter', () => {
  it('names a quarter', () => {
    expect(quarterKey({ year: 2026, quarter: 4 })).toBe('2026-Q4');
    expect(quarterKey(quarterOf(new Date('2027-01-10T10:00:00Z')))).toBe('2027-Q1');
  });

  it('steps back a quarter, across the year', () => {
    expect(previousQuarter({ year: 2027, quarter: 1 })).toEqual({ year: 2026, quarter: 4, start: '2026-10-01', end: '2026-12-31' });
    expect(previousQuarter({ year: 2027, quarter: 3 })).toEqual({ year: 2027, quarter: 2, start: '2027-04-01', end: '2027-06-30' });
    expect(previousQuarter(quarterOf(new Date('2028-03-01T10:00:00Z')))).toMatchObject({ year: 2027, quarter: 4 });
  });
});

describe('firstWorkingDayOfQuarter (Kosovo holidays)', () => {
  const holidays = kosovoHolidays();

  it('skips New Year, the weekend and the day off in lieu: Q1 2027 starts Tuesday 5 January', () => {
    // 1 Jan Fri (holiday), 2 Jan Sat (holiday), 3 Jan Sun, 4 Jan Mon (observed for 2 Jan).
    expect(firstWorkingDayOfQuarter({ year: 2027, quarter: 1 }, holidays)).toBe('2027-01-05');
    expect(firstWorkingDayOfQuarter({ year: 2026, quarter: 1 }, holidays)).toBe('2026-01-05');
    expect(firstWorkingDayOfQuarter({ year: 2028, quarter: 1 }, holidays)).toBe('2028-01-05');
  });

  it('is the first day itself when that is a working day', () => {
    expect(firstWorkingDayOfQuarter({ year: 2026, quarter: 4 }, holidays)).toBe('2026-10-01');
    expect(firstWorkingDayOfQuarter({ year: 2027, quarter: 2 }, holidays)).toBe('2027-04-01');
  });

  it('skips a weekend start and a movable feast', () => {
    expect(firstWorkingDayOfQuarter({ year: 2028, quarter: 3 }, holidays)).toBe('2028-07-03'); // 1 Jul is a Saturday
    expect(firstWorkingDayOfQuarter({ year: 2029, quarter: 2 }, holidays)).toBe('2029-04-03'); // Sun 1 Apr, Catholic Easter Monday 2 Apr
  });

  it('counts only weekends with a weekends-only calendar', () => {
    expect(firstWorkingDayOfQuarter({ year: 2027, quarter: 1 }, weekendsOnly)).toBe('2027-01-01');
  });

  it('refuses a year the holiday file does not cover', () => {
    expect(() => firstWorkingDayOfQuarter({ year: 2036, quarter: 1 }, holidays)).toThrow(UncoveredYearError);
  });
});
