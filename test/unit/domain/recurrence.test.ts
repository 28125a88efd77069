import { describe, expect, it } from 'vitest';
import { occurrences, parseRule } from '../../../shared/domain/recurrence.js';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('occurrences (Europe/Belgrade wall time)', () => {
  const firstTuesday = { rrule: 'FREQ=MONTHLY;BYDAY=1TU', time: '10:00' };

  it('gives the first Tuesday of each month at 10:00 local, Dec 2026 – Apr 2027', () => {
    expect(iso(occurrences(firstTuesday, new Date('2026-11-30T00:00:00Z'), new Date('2027-04-30T00:00:00Z')))).toEqual([
      '2026-12-01T09:00:00.000Z',
      '2027-01-05T09:00:00.000Z',
      '2027-02-02T09:00:00.000Z',
      '2027-03-02T09:00:00.000Z',
      '2027-04-06T08:00:00.000Z', // summer time: 10:00 is UTC+2
    ]);
  });

  it('keeps the wall time across the switch to summer time (28 March 2027)', () => {
    const weekly = { rrule: 'FREQ=WEEKLY;BYDAY=TU', time: '10:00' };
    expect(iso(occurrences(weekly, new Date('2027-03-20T00:00:00Z'), new Date('2027-04-04T00:00:00Z')))).toEqual([
      '2027-03-23T09:00:00.000Z',
      '2027-03-30T08:00:00.000Z',
    ]);
  });

  it('and back to winter time (31 October 2027)', () => {
    const weekly = { rrule: 'FREQ=WEEKLY;BYDAY=MO', time: '09:30' };
    expect(iso(occurrences(weekly, new Date('2027-10-24T00:00:00Z'), new Date('2027-11-02T00:00:00Z')))).toEqual([
      '2027-10-25T07:30:00.000Z',
      '2027-11-01T08:30:00.000Z',
    ]);
  });

  it('uses the local date: a meeting at 00:30 on the 1st is still the 31st in UTC', () => {
    const rule = { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', time: '00:30' };
    expect(iso(occurrences(rule, new Date('2026-12-15T00:00:00Z'), new Date('2027-01-15T00:00:00Z')))).toEqual(['2026-12-31T23:30:00.000Z']);
  });

  it('runs a quarterly rule on the second Wednesday of Jan, Apr, Jul and Oct', () => {
    const quarterly = { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTH=1,4,7,10;BYDAY=2WE', time: '11:00' };
    expect(iso(occurrences(quarterly, new Date('2026-12-01T00:00:00Z'), new Date('2027-12-31T00:00:00Z')))).toEqual([
      '2027-01-13T10:00:00.000Z',
      '2027-04-14T09:00:00.000Z',
      '2027-07-14T09:00:00.000Z',
      '2027-10-13T09:00:00.000Z',
    ]);
  });

  it('gives a quarterly rule the same dates whatever window it is asked about', () => {
    const quarterly = { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO', time: '10:00' };
    const year = iso(occurrences(quarterly, new Date('2027-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z')));
    const fromMarch = iso(occurrences(quarterly, new Date('2027-03-15T00:00:00Z'), new Date('2028-01-01T00:00:00Z')));
    expect(year.map((d) => d.slice(0, 7))).toEqual(['2027-01', '2027-04', '2027-07', '2027-10']);
    expect(fromMarch).toEqual(year.slice(1));
  });

  it('runs a yearly rule on the third Thursday of November', () => {
    const yearly = { rrule: 'FREQ=YEARLY;BYMONTH=11;BYDAY=3TH', time: '10:00' };
    expect(iso(occurrences(yearly, new Date('2026-01-01T00:00:00Z'), new Date('2028-12-31T00:00:00Z')))).toEqual([
      '2026-11-19T09:00:00.000Z',
      '2027-11-18T09:00:00.000Z',
      '2028-11-16T09:00:00.000Z',
    ]);
  });

  it('excludes `from` and includes `to`', () => {
    const at = new Date('2026-12-01T09:00:00Z');
    expect(iso(occurrences(firstTuesday, at, new Date('2027-01-05T09:00:00Z')))).toEqual(['2027-01-05T09:00:00.000Z']);
    expect(occurrences(firstTuesday, new Date(at.getTime() - 1), at)).toEqual([at]);
    expect(occurrences(firstTuesday, at, new Date(at.getTime() + 1))).toEqual([]);
  });

  it('gives nothing for an empty or reversed window', () => {
    const at = new Date('2026-12-01T09:00:00Z');
    expect(occurrences(firstTuesday, at, at)).toEqual([]);
    expect(occurrences(firstTuesday, new Date('2027-04-30T00:00:00Z'), new Date('2026-11-30T00:00:00Z'))).toEqual([]);
  });

  it('rejects a bad time of day', () => {
    const window = [new Date('2026-12-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')] as const;
    expect(() => occurrences({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', time: '24:00' }, ...window)).toThrow(/invalid meeting time "24:00": expected HH:mm/);
    expect(() => occurrences({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', time: '9:00' }, ...window)).toThrow(/expected HH:mm/);
  });
});

describe('parseRule', () => {
  it('accepts weekly, monthly, quarterly and yearly rules', () => {
    for (const rule of [
      'FREQ=WEEKLY;BYDAY=MO',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=MO',
      'FREQ=MONTHLY;BYDAY=1TU',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      'FREQ=MONTHLY;INTERVAL=3;BYMONTH=1,4,7,10;BYDAY=2WE',
      'FREQ=YEARLY;BYMONTH=11;BYDAY=3TH',
    ]) {
      expect(() => parseRule(rule), rule).not.toThrow();
    }
  });

  it('rejects a frequency other than weekly, monthly or yearly', () => {
    expect(() => parseRule('FREQ=DAILY')).toThrow('invalid recurrence rule "FREQ=DAILY": FREQ must be WEEKLY, MONTHLY or YEARLY');
    expect(() => parseRule('FREQ=HOURLY;INTERVAL=4')).toThrow(/FREQ must be WEEKLY, MONTHLY or YEARLY/);
    expect(() => parseRule('FREQ=FORTNIGHTLY')).toThrow(/FREQ must be WEEKLY, MONTHLY or YEARLY/);
    expect(() => parseRule('BYDAY=MO')).toThrow(/FREQ must be WEEKLY, MONTHLY or YEARLY/);
  });

  it('rejects parts that fix the time, the start or an end', () => {
    expect(() => parseRule('FREQ=MONTHLY;BYDAY=1TU;BYHOUR=10')).toThrow(/BYHOUR is not allowed \(the time of day comes from `time`\)/);
    expect(() => parseRule('FREQ=MONTHLY;BYMINUTE=30')).toThrow(/BYMINUTE is not allowed/);
    expect(() => parseRule('FREQ=MONTHLY;COUNT=4')).toThrow(/COUNT is not allowed/);
    expect(() => parseRule('FREQ=MONTHLY;UNTIL=20271231T000000Z')).toThrow(/UNTIL is not allowed/);
    expect(() => parseRule('DTSTART=20260101T100000;FREQ=MONTHLY')).toThrow(/DTSTART is not allowed/);
  });

  it('rejects what rrule cannot read or reads into nonsense', () => {
    expect(() => parseRule('')).toThrow(/it is empty/);
    expect(() => parseRule('FREQ=MONTHLY;BYDAY=9XX')).toThrow(/rrule could not parse it/);
    expect(() => parseRule('FREQ=MONTHLY;BYDAY=MO,')).toThrow(/rrule could not parse it/);
    expect(() => parseRule('FREQ=MONTHLY;FOO=1')).toThrow(/FOO is not an RRULE part/);
    expect(() => parseRule('FREQ=MONTHLY;FREQ=WEEKLY')).toThrow(/FREQ is given twice/);
    expect(() => parseRule('FREQ=MONTHLY;BYDAY')).toThrow(/"BYDAY" is not NAME=VALUE/);
    expect(() => parseRule('FREQ=WEEKLY;INTERVAL=0')).toThrow(/INTERVAL must be a whole number of at least 1/);
    expect(() => parseRule('FREQ=YEARLY;BYMONTH=13')).toThrow(/BYMONTH value 13 is out of range/);
  });

  it('rejects a rule that never gives a date', () => {
    // INTERVAL=3 counts from January, so these months are never reached.
    expect(() => parseRule('FREQ=MONTHLY;INTERVAL=3;BYMONTH=2,5,8,11;BYDAY=2WE')).toThrow(/gives no date in 10 years/);
    expect(() => parseRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30')).toThrow(/gives no date/);
  });

  it('is applied by occurrences too', () => {
    expect(() => occurrences({ rrule: 'FREQ=DAILY', time: '10:00' }, new Date('2026-12-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toThrow(
      /FREQ must be WEEKLY, MONTHLY or YEARLY/,
    );
  });
});
