import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueBucket, smsSendTime } from '../../../shared/domain/calendar.js';

describe('addWorkingDays (Kosovo time)', () => {
  it('skips the weekend', () => {
    expect(addWorkingDays(new Date('2026-11-23T09:00:00Z'), 5)).toBe('2026-11-30'); // Mon → next Mon
    expect(addWorkingDays(new Date('2026-11-27T09:00:00Z'), 1)).toBe('2026-11-30'); // Fri → Mon
    expect(addWorkingDays(new Date('2026-11-28T09:00:00Z'), 1)).toBe('2026-11-30'); // Sat → Mon
  });
  it('counts from the local date, not the UTC one', () => {
    // 23:30 UTC on Sunday is already Monday 00:30 in Belgrade (winter, UTC+1).
    expect(addWorkingDays(new Date('2026-11-29T23:30:00Z'), 1)).toBe('2026-12-01');
  });
  it('counts calendar days across the clock changes', () => {
    // Summer time ends on Sunday 25 October 2026 and begins on Sunday 29 March 2026 in Belgrade.
    expect(addWorkingDays(new Date('2026-10-23T22:30:00Z'), 5)).toBe('2026-10-30'); // Sat 00:30 local → next Fri
    expect(addWorkingDays(new Date('2026-03-27T22:30:00Z'), 1)).toBe('2026-03-30'); // Fri 23:30 local → Mon
    expect(addWorkingDays(new Date('2026-03-29T22:30:00Z'), 1)).toBe('2026-03-31'); // Mon 00:30 local (summer) → Tue
  });
  it('takes holidays from the calendar it is given', () => {
    const holidays = { isHoliday: (d: string) => d === '2026-11-24' };
    expect(addWorkingDays(new Date('2026-11-23T09:00:00Z'), 1, holidays)).toBe('2026-11-25');
  });
});

describe('smsSendTime (quiet hours 20:00–08:00 Europe/Belgrade)', () => {
  it('sends at once during the day', () => {
    const noon = new Date('2026-11-23T11:00:00Z'); // 12:00 local
    expect(smsSendTime(noon)).toEqual(noon);
  });
  it('waits for 08:00 the next morning in the evening', () => {
    expect(smsSendTime(new Date('2026-11-23T19:30:00Z')).toISOString()).toBe('2026-11-24T07:00:00.000Z'); // 20:30 local → 08:00
  });
  it('waits for 08:00 the same morning after midnight', () => {
    expect(smsSendTime(new Date('2026-11-24T03:00:00Z')).toISOString()).toBe('2026-11-24T07:00:00.000Z');
  });
  it('lands on 08:00 local across the spring daylight-saving change', () => {
    // Saturday 28 March 2026 21:00 local (UTC+1) → Sunday 29 March 08:00 local, now UTC+2.
    expect(smsSendTime(new Date('2026-03-28T20:00:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });
  it('lands on 08:00 local across the autumn change', () => {
    // Saturday 24 October 2026 22:00 local (UTC+2) → Sunday 25 October 08:00 local, now UTC+1.
    expect(smsSendTime(new Date('2026-10-24T20:00:00Z')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });
  it('puts timers in hourly UTC buckets', () => {
    expect(dueBucket(new Date('2026-11-24T07:00:00Z'))).toBe('2026-11-24T07');
  });
});
