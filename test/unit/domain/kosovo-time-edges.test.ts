/**
 * The edges of Kosovo time that every clock of the plans passes through: the spring-forward night
 * (last Sunday of March, 02:00–02:59 does not exist), the fall-back night (last Sunday of October,
 * 02:00–02:59 happens twice), month ends and year ends. Written against luxon before the switch
 * to date-fns + @date-fns/tz, so that they pin what the platform did; the last two blocks were
 * added with the switch, for what luxon left to chance or read otherwise.
 */
import { describe, expect, it } from 'vitest';
import { subDays } from 'date-fns';
import { addDays, addMonths, addWorkingDays, fromWallClock, localDate, localTime, onOrAfterWorkingDay, outsideWorkingTime, smsSendTime, wallClockOf } from '../../../shared/domain/calendar.js';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { occurrences } from '../../../shared/domain/recurrence.js';
import { occurrenceId } from '../../../shared/meetings/plan.js';
import { formatDate, formatDateTime, formatTime } from '../../../shared/messages/render.js';
import { weekdayPhrase } from '../../../shared/messages/visits.js';
import { buildIcs, type CalendarInvite } from '../../../shared/meetings/ics.js';

// 2026: summer time from Sunday 29 March 01:00Z (02:00 → 03:00), winter time from Sunday 25 October 01:00Z (03:00 → 02:00).

describe('localTime: a wall time on a date in Kosovo', () => {
  it('moves a wall time that does not exist (02:30 on the spring-forward night) an hour later, to 03:30 summer time', () => {
    expect(localTime('2026-03-29', 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localTime('2026-03-29', 3, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
  it('takes the first of a wall time that happens twice (02:30 on the fall-back night), still in summer time', () => {
    expect(localTime('2026-10-25', 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(localTime('2026-10-25', 3, 30).toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });
  it('gives midnight and 08:00 of both nights by the offset in force then', () => {
    expect(localTime('2026-03-29', 0).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(localTime('2026-03-29', 8).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(localTime('2026-10-25', 0).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(localTime('2026-10-25', 8).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });
});

describe('localDate: the calendar date of an instant in Kosovo', () => {
  it('changes date at local midnight on either side of both nights', () => {
    expect(localDate(new Date('2026-03-28T22:59:59.999Z'))).toBe('2026-03-28');
    expect(localDate(new Date('2026-03-28T23:00:00.000Z'))).toBe('2026-03-29');
    expect(localDate(new Date('2026-10-24T21:59:59.999Z'))).toBe('2026-10-24');
    expect(localDate(new Date('2026-10-24T22:00:00.000Z'))).toBe('2026-10-25');
    expect(localDate(new Date('2026-10-25T22:59:59.999Z'))).toBe('2026-10-25');
    expect(localDate(new Date('2026-10-25T23:00:00.000Z'))).toBe('2026-10-26');
  });
  it('is already next year at 23:30Z on 31 December', () => {
    expect(localDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});

describe('calendar arithmetic on dates', () => {
  it('clamps a month later to the month’s end', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-31', 18)).toBe('2027-11-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-10-25', -7)).toBe('2026-03-25');
  });
  it('adds days across both nights and the year’s end', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', -1)).toBe('2026-10-24');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
  it('moves a Sunday of a clock change to the Monday, and counts working days over it', () => {
    expect(onOrAfterWorkingDay('2026-10-25')).toBe('2026-10-26');
    expect(onOrAfterWorkingDay('2026-03-29')).toBe('2026-03-30');
    // Saturday 00:30 on the spring-forward weekend, still winter time.
    expect(addWorkingDays(new Date('2026-03-27T23:30:00Z'), 1)).toBe('2026-03-30');
  });
});

describe('outsideWorkingTime across the clock changes', () => {
  it('takes 08:00–16:00 summer time on the Monday after the spring change', () => {
    expect(outsideWorkingTime('2026-03-30T06:00:00Z', '2026-03-30T14:00:00Z')).toBeUndefined();
    expect(outsideWorkingTime('2026-03-30T05:30:00Z', '2026-03-30T07:00:00Z')).toBe('07:30–09:00 Kosovo time is outside working hours (08:00–16:00)');
  });
  it('takes 08:00–16:00 winter time on the Monday after the autumn change', () => {
    expect(outsideWorkingTime('2026-10-26T07:00:00Z', '2026-10-26T15:00:00Z')).toBeUndefined();
    expect(outsideWorkingTime('2026-10-26T14:30:00Z', '2026-10-26T15:30:00Z')).toBe('15:30–16:30 Kosovo time is outside working hours (08:00–16:00)');
  });
  it('names the weekend day in English, by the local date', () => {
    expect(outsideWorkingTime('2026-10-24T22:30:00Z', '2026-10-24T23:30:00Z')).toBe('2026-10-25 is a Sunday: offices do not work at weekends');
    expect(outsideWorkingTime('2026-03-28T08:00:00Z', '2026-03-28T09:00:00Z')).toBe('2026-03-28 is a Saturday: offices do not work at weekends');
  });
});

describe('smsSendTime on the clock-change nights', () => {
  it('waits for 08:00 summer time from 01:30 winter time on the spring-forward night', () => {
    expect(smsSendTime(new Date('2026-03-29T00:30:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });
  it('waits for 08:00 winter time from either 02:30 of the fall-back night', () => {
    expect(smsSendTime(new Date('2026-10-25T00:30:00Z')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(smsSendTime(new Date('2026-10-25T01:30:00Z')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });
});

const INVITE: CalendarInvite = {
  uid: 'obiliq-directorates-20260601@referrals.example.org',
  sequence: 0,
  method: 'REQUEST',
  start: '2026-06-01T10:00:00Z',
  end: '2026-06-01T11:00:00Z',
  timeZone: 'Europe/Belgrade',
  summary: 'Takimi',
  location: 'Komuna',
  organizer: { name: 'ZKKK', email: 'zkkk@example.org' },
  attendee: { email: 'office@example.org' },
  stamp: '2026-05-20T08:00:00Z',
};

describe('dates and times in messages (Europe/Belgrade)', () => {
  it('shows the jump at 02:00 in spring and the repeated hour in autumn', () => {
    expect(formatTime('2026-03-29T00:59:59.999Z')).toBe('01:59');
    expect(formatTime('2026-03-29T01:00:00Z')).toBe('03:00');
    expect(formatDateTime('2026-10-25T00:30:00Z')).toBe('25.10.2026 02:30');
    expect(formatDateTime('2026-10-25T01:30:00Z')).toBe('25.10.2026 02:30');
  });
  it('shows a calendar date as it is, and an instant by its date in Kosovo', () => {
    expect(formatDate('2026-03-29')).toBe('29.03.2026');
    expect(formatDate('2026-10-25')).toBe('25.10.2026');
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('01.01.2027');
    expect(formatDateTime('2026-06-01T10:00:00+02:00')).toBe('01.06.2026 10:00');
    expect(formatDateTime('2026-06-01T10:00:00.123Z')).toBe('01.06.2026 12:00');
  });
  it('refuses what is not an ISO date, including a date that does not exist and a space for the T', () => {
    for (const bad of ['', 'not a date', '2026-02-30', '2026-13-01', '2026-06-01 10:00', '01.06.2026']) {
      expect(() => formatDate(bad), bad).toThrow(/not an ISO date/);
    }
    expect(() => formatDate(undefined as unknown as string)).toThrow(/not an ISO date/);
  });
  it('refuses a zone or a time it cannot read whole, rather than reading it as UTC (as date-fns alone would)', () => {
    for (const bad of ['2026-06-01T10:00:00+02:00:00', '2026-06-01T10:00+2', '2026-06-01T10:00+02:5', '2026-06-01T10.5Z', '2026-06-01T10:30.5Z', '2026-06-01T10:00:00.Z', '2026-06-01T', '2026-06-01TZ']) {
      expect(() => formatDateTime(bad), bad).toThrow(/not an ISO date/);
      expect(() => buildIcs({ ...INVITE, start: bad }), bad).toThrow(/start is not an ISO instant/);
    }
    // What it reads: offsets with and without the colon, a fraction of a second, the basic format.
    expect(formatDateTime('2026-06-01T10:00:00+0200')).toBe('01.06.2026 10:00');
    expect(formatDateTime('2026-06-01T10:00:00,5Z')).toBe('01.06.2026 12:00');
    expect(formatDateTime('20260601T100000Z')).toBe('01.06.2026 12:00');
  });
  it('reads an invitation’s times with the letters in either case, as the messages do', () => {
    const lower = buildIcs({ ...INVITE, start: '2026-06-01t10:00:00z', end: '2026-06-01t11:00:00z' });
    expect(lower).toBe(buildIcs(INVITE));
  });
  it('refuses a date that is not one when looking for a working day, rather than looking for ever', () => {
    expect(() => onOrAfterWorkingDay('x')).toThrow(/not an ISO date/);
  });
  it('names the weekday of the local date', () => {
    expect(weekdayPhrase('2026-10-25', 'en')).toBe('on Sunday');
    expect(weekdayPhrase('2026-10-25T22:30:00Z', 'en')).toBe('on Sunday'); // 23:30 winter time
    expect(weekdayPhrase('2026-10-25T23:30:00Z', 'en')).toBe('on Monday'); // 00:30
    expect(weekdayPhrase('2026-03-28T23:30:00Z', 'sq')).toBe('të dielën'); // 00:30 Sunday
    expect(() => weekdayPhrase('2026-02-30', 'en')).toThrow(/not an ISO instant/);
  });
});

describe('quarters, meeting ids and recurrences at the edges', () => {
  it('starts Q2 at local midnight of 1 April, in summer time', () => {
    expect(quarterOf(new Date('2027-03-31T21:59:59.999Z')).quarter).toBe(1);
    expect(quarterOf(new Date('2027-03-31T22:00:00.000Z'))).toEqual({ year: 2027, quarter: 2, start: '2027-04-01', end: '2027-06-30' });
    expect(quarterOf(new Date('2026-12-31T23:00:00.000Z'))).toEqual({ year: 2027, quarter: 1, start: '2027-01-01', end: '2027-03-31' });
  });
  it('names a recurring meeting by its local date', () => {
    expect(occurrenceId('obiliq', 'monthly', new Date('2026-12-31T23:30:00Z'))).toBe('obiliq-monthly-20270101');
    expect(occurrenceId('obiliq', 'monthly', new Date('2026-10-24T22:30:00Z'))).toBe('obiliq-monthly-20261025');
  });
  it('moves a weekly meeting at 02:30 on the spring-forward Sunday to 03:30 summer time', () => {
    const sundays = { rrule: 'FREQ=WEEKLY;BYDAY=SU', time: '02:30' };
    expect(occurrences(sundays, new Date('2026-03-21T00:00:00Z'), new Date('2026-04-06T00:00:00Z')).map((d) => d.toISOString())).toEqual([
      '2026-03-22T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-04-05T00:30:00.000Z',
    ]);
  });
});

describe('the hour that happens twice, the same whatever the process’s own zone', () => {
  // luxon's answer here depended on the offset in force on the day the code ran (recurrences)
  // or the one the arithmetic started from (reminders); now it is the first, as RFC 5545 reads
  // a TZID time and so as the invitations' calendars place the meeting.
  const sundays = { rrule: 'FREQ=WEEKLY;BYDAY=SU', time: '02:30' };
  const window = [new Date('2026-10-17T00:00:00Z'), new Date('2026-11-02T00:00:00Z')] as const;
  const expected = ['2026-10-18T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z'];

  it('puts a weekly meeting at 02:30 on the fall-back Sunday at the first 02:30, still summer time', () => {
    expect(occurrences(sundays, ...window).map((d) => d.toISOString())).toEqual(expected);
  });

  it('gives the same instants under TZ=UTC, Europe/Belgrade and America/New_York', () => {
    const before = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Europe/Belgrade', 'America/New_York']) {
        process.env.TZ = tz;
        expect(occurrences(sundays, ...window).map((d) => d.toISOString()), tz).toEqual(expected);
        expect(localTime('2026-10-25', 2, 30).toISOString(), tz).toBe('2026-10-25T00:30:00.000Z');
        expect(fromWallClock(subDays(wallClockOf('2026-11-01T01:30:00Z'), 7)).toISOString(), tz).toBe('2026-10-25T00:30:00.000Z');
        expect(formatDateTime('2026-10-25T01:30:00Z'), tz).toBe('25.10.2026 02:30');
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('an ISO date-time without offset is Kosovo’s wall time', () => {
  it('moves 02:30 of the spring-forward night to 03:30, and reads the letters in either case', () => {
    expect(formatDateTime('2026-03-29T02:30')).toBe('29.03.2026 03:30');
    expect(formatDateTime('2026-06-01T10:00')).toBe('01.06.2026 10:00');
    expect(formatDateTime('2026-06-01t08:00:00z')).toBe('01.06.2026 10:00');
  });
});
