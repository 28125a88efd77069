import * as rruleModule from 'rrule';
import { addDays, subDays } from 'date-fns';
import { fromWallClock, wallClock } from './calendar.js';

/**
 * rrule 2.8 has no "exports" map: bundlers (esbuild with mainFields module) get its ESM build
 * with named exports, but Node's own loader (tsx, vitest) gets the UMD build, whose exports only
 * appear under `default`. Reflect.get keeps esbuild from warning about a `default` it cannot see.
 */
const rrule: typeof rruleModule = 'RRule' in rruleModule && rruleModule.RRule ? rruleModule : (Reflect.get(rruleModule, 'default') as typeof rruleModule);
const { RRule, Frequency } = rrule;

/** A recurring meeting as written in a municipality's directory file. */
export interface RecurrenceRule {
  /** RFC 5545 RRULE body, e.g. "FREQ=MONTHLY;BYDAY=1TU". */
  rrule: string;
  /** Local wall time, HH:mm. */
  time: string;
}

const ALLOWED_PARTS = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTH', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS', 'WKST']);
const REFUSED_PARTS: Record<string, string> = {
  DTSTART: 'the rule starts from a fixed anchor',
  TZID: 'meetings are always in Kosovo time',
  BYHOUR: 'the time of day comes from `time`',
  BYMINUTE: 'the time of day comes from `time`',
  BYSECOND: 'the time of day comes from `time`',
  COUNT: 'standing meetings recur without end',
  UNTIL: 'standing meetings recur without end',
};
const ALLOWED_FREQ = new Map([
  [Frequency.WEEKLY, 'WEEKLY'],
  [Frequency.MONTHLY, 'MONTHLY'],
  [Frequency.YEARLY, 'YEARLY'],
]);

/**
 * INTERVAL counts from DTSTART, so the rule needs a fixed one or "every 3 months" would depend on
 * the window asked about. A Monday in January: quarterly rules land on Jan/Apr/Jul/Oct, and
 * WKST=MO fortnightly rules on the same weeks every time.
 */
const ANCHOR = { year: 2000, month: 1, day: 3 };
const CHECK_YEARS = 10;

type ParsedOptions = ReturnType<typeof RRule.parseString>;

function range(name: string, values: number | number[] | null | undefined, min: number, max: number, zero = false): string | undefined {
  if (values === undefined || values === null) return undefined;
  for (const v of Array.isArray(values) ? values : [values]) {
    if (!Number.isInteger(v) || Math.abs(v) < min || Math.abs(v) > max || (!zero && v === 0)) return `${name} value ${v} is out of range`;
  }
  return undefined;
}

function parseOptions(body: string): ParsedOptions {
  const fail = (why: string): never => {
    throw new Error(`invalid recurrence rule ${JSON.stringify(body)}: ${why}`);
  };
  if (body.trim() === '') fail('it is empty');
  const seen = new Set<string>();
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toUpperCase();
    if (eq < 0 || part.slice(eq + 1).trim() === '') fail(`"${part}" is not NAME=VALUE`);
    if (REFUSED_PARTS[key]) fail(`${key} is not allowed (${REFUSED_PARTS[key]})`);
    if (!ALLOWED_PARTS.has(key)) fail(`${key} is not an RRULE part this platform accepts`);
    if (seen.has(key)) fail(`${key} is given twice`);
    seen.add(key);
  }

  let options: ParsedOptions;
  try {
    options = RRule.parseString(body);
  } catch (err) {
    // rrule's own messages can be as bare as "Cannot read properties of undefined".
    return fail(`rrule could not parse it (${(err as Error).message})`);
  }
  // rrule's parser drops an unknown FREQ and keeps non-numbers, so check what it produced.
  if (options.freq === undefined || !ALLOWED_FREQ.has(options.freq)) fail('FREQ must be WEEKLY, MONTHLY or YEARLY');
  if (options.interval !== undefined && (!Number.isInteger(options.interval) || options.interval < 1)) fail('INTERVAL must be a whole number of at least 1');
  const problem =
    range('BYMONTH', options.bymonth, 1, 12) ??
    range('BYMONTHDAY', options.bymonthday, 1, 31) ??
    range('BYYEARDAY', options.byyearday, 1, 366) ??
    range('BYWEEKNO', options.byweekno, 1, 53) ??
    range('BYSETPOS', options.bysetpos, 1, 366);
  if (problem) fail(problem);
  return options;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseTime(time: string): { hour: number; minute: number } {
  const m = TIME.exec(time);
  if (!m) throw new Error(`invalid meeting time ${JSON.stringify(time)}: expected HH:mm (00:00–23:59)`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/**
 * rrule computes in UTC only, so the rule runs "floating": every Date it handles carries the
 * local wall time in its UTC fields, and only the results are turned into real instants.
 */
function floatingRule(options: ParsedOptions, time: { hour: number; minute: number }) {
  return new RRule({
    ...options,
    dtstart: new Date(Date.UTC(ANCHOR.year, ANCHOR.month - 1, ANCHOR.day, time.hour, time.minute)),
  });
}

/**
 * Checks a directory file's rule: an RRULE body rrule can read, FREQ WEEKLY, MONTHLY or YEARLY,
 * no parts that fix the time, the start or an end, and at least one meeting in ten years (an
 * INTERVAL that never meets its BYMONTH, say). Throws an Error saying what is wrong.
 */
export function parseRule(rrule: string): void {
  const options = parseOptions(rrule);
  const rule = floatingRule(options, { hour: 12, minute: 0 });
  const start = rule.options.dtstart;
  const end = new Date(Date.UTC(ANCHOR.year + CHECK_YEARS, ANCHOR.month - 1, ANCHOR.day));
  let found: Date[];
  try {
    // Bounded, and stops at the first date: rule.after() would search up to year 9999.
    found = rule.between(start, end, true, (_d, i) => i < 1);
  } catch (err) {
    throw new Error(`invalid recurrence rule ${JSON.stringify(rrule)}: rrule could not evaluate it (${(err as Error).message})`);
  }
  if (found.length === 0) throw new Error(`invalid recurrence rule ${JSON.stringify(rrule)}: it gives no date in ${CHECK_YEARS} years`);
}

/**
 * The instants (UTC) of a recurring meeting's occurrences with from < t <= to, ascending. The
 * wall time is kept across daylight saving: 10:00 is 09:00Z in winter and 08:00Z in summer. A
 * wall time that does not exist on the spring-forward night moves an hour later; one that happens
 * twice on the fall-back night is the first (fromWallClock).
 */
export function occurrences(rule: RecurrenceRule, from: Date, to: Date): Date[] {
  const options = parseOptions(rule.rrule);
  const time = parseTime(rule.time);
  if (!(from < to)) return [];
  const recurrence = floatingRule(options, time);
  // A day either side covers any offset between the zone's wall clock and UTC; the exact
  // bounds are applied to the real instants below.
  const lo = subDays(wallClock(from), 1);
  const hi = addDays(wallClock(to), 1);
  return recurrence
    .between(lo, hi, true)
    .map((d) => fromWallClock(d))
    .filter((t) => t > from && t <= to)
    .sort((a, b) => a.getTime() - b.getTime());
}
