import { tzOffset } from '@date-fns/tz';
import type { UTCDate } from '@date-fns/utc';
import { UTCDateMini } from '@date-fns/utc/date/mini';
import { addDays as plusDays, addMonths as plusMonths, getISODay, lightFormat, parseISO, set } from 'date-fns';

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

/*
 * Kosovo time is computed on its wall clock: a UTCDate whose UTC fields hold the local date and
 * time, so that date-fns's calendar arithmetic runs without a zone (fast, and the same whatever
 * the process's own TZ), and only the ends are turned into instants with the zone's offset.
 * TZDate (@date-fns/tz) would do it in the zone, but costs an Intl offset lookup per setter
 * (a working-day count: 0.4–0.6 ms against 0.04) and resolves the hour that happens twice by
 * the process's own zone (the first 02:30 under TZ=Europe/Belgrade, the second under UTC).
 */

/**
 * date-fns's context for a date in UTC. UTCDateMini, not UTCDate: UTCDate builds three
 * Intl.DateTimeFormats when its module loads, for its toString alone (10 ms of every cold start).
 */
export const utc = (value: Date | number | string): UTCDate => new UTCDateMini(+new Date(value));

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The wall clock in Kosovo at an instant. */
export function wallClock(at: Date | number): UTCDate {
  const ms = +at;
  return new UTCDateMini(ms + tzOffset(ZONE, new Date(ms)) * MINUTE_MS);
}

/**
 * The instant of a wall time in Kosovo (its UTC fields). As RFC 5545 reads a time with a TZID,
 * and so as calendars read the invitations: a time that happens twice (02:30 on the fall-back
 * night) is the first, still in summer time; one that does not exist (02:30 on the
 * spring-forward night) is read with the offset before the gap, i.e. 03:30 summer time.
 */
export function fromWallClock(wall: Date): Date {
  const floating = wall.getTime();
  const before = tzOffset(ZONE, new Date(floating - DAY_MS));
  const after = tzOffset(ZONE, new Date(floating + DAY_MS));
  for (const offset of before === after ? [before] : [before, after]) {
    const at = new Date(floating - offset * MINUTE_MS);
    if (tzOffset(ZONE, at) === offset) return at;
  }
  return new Date(floating - before * MINUTE_MS);
}

/** With an offset (Z, +01:00…) after the time: an instant; without, a wall time. */
const HAS_OFFSET = /T[^Z+-]*[Z+-]/;
/** What date-fns would read but luxon's fromISO, and so the platform until now, refused or read otherwise. */
const NOT_AS_BEFORE = /[\s[]|^[^T]*Z$/;
/**
 * The time after the T, as luxon read it: hours, minutes, seconds (a fraction on the seconds
 * only), then nothing, Z, or an offset of hours and minutes. date-fns's parseISO also reads
 * fractional hours and minutes, and reads a zone it cannot parse as UTC: "10:00:00+02:00:00" would
 * be noon rather than refused.
 */
const TIME_AS_BEFORE = /^\d{2}(:?\d{2}(:?\d{2}([.,]\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** Whether an ISO 8601 string (upper case) is one the platform reads: see NOT_AS_BEFORE and TIME_AS_BEFORE. */
function readableIso(upper: string): boolean {
  const t = upper.indexOf('T');
  return !NOT_AS_BEFORE.test(upper) && (t < 0 || TIME_AS_BEFORE.test(upper.slice(t + 1)));
}

/**
 * An ISO 8601 date or date-time on Kosovo's wall clock: a date is its midnight, a date-time
 * without offset is read as Kosovo time (02:30 on the spring-forward night is 03:30), an instant
 * is shown in Kosovo. Invalid Date when it is not ISO 8601.
 */
export function wallClockOf(iso: string): UTCDate {
  const d = readIsoUtc(iso);
  if (isNaN(+d)) return d;
  const upper = iso.toUpperCase();
  if (!upper.includes('T')) return d;
  return HAS_OFFSET.test(upper) ? wallClock(d) : wallClock(fromWallClock(d));
}

/**
 * An ISO 8601 string as the platform reads it (either letter case; what date-fns alone would read
 * in part is refused), its fields in UTC: without an offset, the UTC fields are the ones written.
 * Invalid Date when refused.
 */
export function readIsoUtc(iso: unknown): UTCDate {
  if (typeof iso !== 'string') return new UTCDateMini(NaN);
  const upper = iso.toUpperCase();
  return readableIso(upper) ? parseISO(upper, { in: utc }) : new UTCDateMini(NaN);
}

/** YYYY-MM-DD of a wall clock (or of a calendar date held in UTC). */
export function isoDay(d: Date): string {
  return lightFormat(d, 'yyyy-MM-dd');
}

/** The day's date on a wall clock, at hour:minute. */
function atHour(d: Date, hour: number, minute = 0): Date {
  return set(d, { hours: hour, minutes: minute, seconds: 0, milliseconds: 0 });
}

const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function isWorkingDay(d: Date, holidays: HolidayCalendar): boolean {
  return getISODay(d) <= 5 && !holidays.isHoliday(isoDay(d));
}

/**
 * Why an office's staff could not be there from `start` to `end` (ISO instants), in Kosovo time:
 * a weekend, a public holiday, or outside WORKING_HOURS; undefined when they can.
 */
export function outsideWorkingTime(start: string, end: string, holidays: HolidayCalendar = weekendsOnly): string | undefined {
  const from = wallClockOf(start);
  const to = wallClockOf(end);
  const day = isoDay(from);
  // The clocks change on Sundays, so on a working day wall times compare as the instants do.
  if (getISODay(from) > 5) return `${day} is a ${WEEKDAYS_EN[getISODay(from) - 1]}: offices do not work at weekends`;
  if (holidays.isHoliday(day)) return `${day} is a public holiday in Kosovo`;
  const opens = atHour(from, WORKING_HOURS.startHour);
  const closes = atHour(from, WORKING_HOURS.endHour);
  if (from < opens || to > closes || isoDay(to) !== day) {
    return `${lightFormat(from, 'HH:mm')}–${lightFormat(to, 'HH:mm')} Kosovo time is outside working hours (${String(WORKING_HOURS.startHour).padStart(2, '0')}:00–${WORKING_HOURS.endHour}:00)`;
  }
  return undefined;
}

/**
 * The date `days` working days after `from` (in Kosovo time), e.g. the day by which an office
 * must acknowledge a referral. A referral made on Friday with 5 working days is due next Friday.
 */
export function addWorkingDays(from: Date, days: number, holidays: HolidayCalendar = weekendsOnly): string {
  let d = wallClock(from);
  let left = days;
  while (left > 0) {
    d = plusDays(d, 1);
    if (isWorkingDay(d, holidays)) left--;
  }
  return isoDay(d);
}

/** When an SMS may go out: now, or the next 08:00 in Kosovo if now is within quiet hours. */
export function smsSendTime(now: Date): Date {
  const local = wallClock(now);
  const hour = local.getHours();
  if (hour >= QUIET_HOURS.endHour && hour < QUIET_HOURS.startHour) return now;
  const morning = hour < QUIET_HOURS.endHour ? local : plusDays(local, 1);
  return fromWallClock(atHour(morning, QUIET_HOURS.endHour));
}

/** The timers index buckets due items by hour (UTC), so a sweep reads only the buckets due. */
export function dueBucket(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/** The instant of `hour:minute` on a calendar date in Kosovo (daylight saving handled by the zone). */
export function localTime(isoDate: string, hour: number, minute = 0): Date {
  return fromWallClock(atHour(wallClockOf(isoDate), hour, minute));
}

/** The calendar date (YYYY-MM-DD) of an instant in Kosovo. */
export function localDate(at: Date): string {
  return isoDay(wallClock(at));
}

/** The same local date `months` later (clamped to the month's end, e.g. 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  return isoDay(plusMonths(wallClockOf(isoDate), months));
}

/** The date itself if it is a working day, else the next working day. */
export function onOrAfterWorkingDay(isoDate: string, holidays: HolidayCalendar = weekendsOnly): string {
  let d = wallClockOf(isoDate);
  // An invalid date is no day of the week: the loop below would never end.
  if (isNaN(+d)) throw new RangeError(`not an ISO date: ${JSON.stringify(isoDate)}`);
  while (!isWorkingDay(d, holidays)) d = plusDays(d, 1);
  return isoDay(d);
}

/** Calendar days (not working days) added to a local date. */
export function addDays(isoDate: string, days: number): string {
  return isoDay(plusDays(wallClockOf(isoDate), days));
}
