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

/** The instant of `hour:minute` on a calendar date in Kosovo (daylight saving handled by the zone). */
export function localTime(isoDate: string, hour: number, minute = 0): Date {
  return DateTime.fromISO(isoDate, { zone: ZONE }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/** The calendar date (YYYY-MM-DD) of an instant in Kosovo. */
export function localDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toISODate()!;
}

/** The same local date `months` later (clamped to the month's end, e.g. 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  return DateTime.fromISO(isoDate, { zone: ZONE }).plus({ months }).toISODate()!;
}

/** The date itself if it is a working day, else the next working day. */
export function onOrAfterWorkingDay(isoDate: string, holidays: HolidayCalendar = weekendsOnly): string {
  let d = DateTime.fromISO(isoDate, { zone: ZONE });
  while (!isWorkingDay(d, holidays)) d = d.plus({ days: 1 });
  return d.toISODate()!;
}

/** Calendar days (not working days) added to a local date. */
export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: ZONE }).plus({ days }).toISODate()!;
}
