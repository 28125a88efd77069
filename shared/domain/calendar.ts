import { DateTime } from 'luxon';

/** All of the plans' clocks run in Kosovo time. */
export const ZONE = 'Europe/Belgrade';

/** Returnees are never texted between 20:00 and 08:00 local time. */
export const QUIET_HOURS = { startHour: 20, endHour: 8 } as const;

export interface HolidayCalendar {
  isHoliday(isoDate: string): boolean;
}

/** Weekends only; the public-holiday calendar (fixed and movable feasts) plugs in here. */
export const weekendsOnly: HolidayCalendar = { isHoliday: () => false };

function isWorkingDay(d: DateTime, holidays: HolidayCalendar): boolean {
  return d.weekday <= 5 && !holidays.isHoliday(d.toISODate()!);
}

/**
 * The date `days` working days after `from` (in Kosovo time), e.g. the day by which an office
 * must acknowledge a referral. A referral made on Friday with 5 working days is due next Friday.
 */
export function addWorkingDays(from: Date, days: number, holidays: HolidayCalendar = weekendsOnly): string {
  let d = DateTime.fromJSDate(from, { zone: ZONE }).startOf('day');
  let left = days;
  while (left > 0) {
    d = d.plus({ days: 1 });
    if (isWorkingDay(d, holidays)) left--;
  }
  return d.toISODate()!;
}

/** When an SMS may go out: now, or the next 08:00 in Kosovo if now is within quiet hours. */
export function smsSendTime(now: Date): Date {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  if (local.hour >= QUIET_HOURS.endHour && local.hour < QUIET_HOURS.startHour) return now;
  const morning = local.hour < QUIET_HOURS.endHour ? local : local.plus({ days: 1 });
  return morning.set({ hour: QUIET_HOURS.endHour, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/** The timers index buckets due items by hour (UTC), so a sweep reads only the buckets due. */
export function dueBucket(at: Date): string {
  return at.toISOString().slice(0, 13);
}
