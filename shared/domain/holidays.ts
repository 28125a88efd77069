import * as z from './zod.js';
import { localDate, type HolidayCalendar } from './calendar.js';
import data from './data/holidays.json' with { type: 'json' };
import { byCodeUnit } from './order.js';

/**
 * Kosovo's official holidays (Law No. 03/L-064, Art. 2), read from an editable data file.
 * Every covered year must list each of these; `other` is a one-off day off declared by the Government.
 */
export const FEASTS = [
  'new-year',
  'orthodox-christmas',
  'independence-day',
  'constitution-day',
  'labour-day',
  'europe-day',
  'catholic-christmas',
  'catholic-easter-monday',
  'orthodox-easter-monday',
  'eid-al-fitr',
  'eid-al-adha',
  'other',
] as const;
export type Feast = (typeof FEASTS)[number];

/** Fixed-date feasts and their month-day(s); `new-year` is 1 and 2 January. */
const FIXED: Partial<Record<Feast, readonly string[]>> = {
  'new-year': ['01-01', '01-02'],
  'orthodox-christmas': ['01-07'],
  'independence-day': ['02-17'],
  'constitution-day': ['04-09'],
  'labour-day': ['05-01'],
  'europe-day': ['05-09'],
  'catholic-christmas': ['12-25'],
};
const EASTER_MONDAYS: readonly Feast[] = ['catholic-easter-monday', 'orthodox-easter-monday'];
const REQUIRED_EACH_YEAR = FEASTS.filter((f) => f !== 'other');

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC day of week of a valid ISO date: 0 = Sunday … 6 = Saturday. */
function dayOfWeek(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

function isRealDate(isoDate: string): boolean {
  const m = ISO_DATE.exec(isoDate);
  if (!m) return false;
  const d = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === isoDate;
}

const IsoDate = z.string().check(z.regex(ISO_DATE, 'expected a date as YYYY-MM-DD'), z.refine(isRealDate, 'not a real calendar date'));

const Name = z.strictObject({
  sq: z.string().check(z.trim(), z.minLength(1)),
  sr: z.string().check(z.trim(), z.minLength(1)),
  en: z.string().check(z.trim(), z.minLength(1)),
});

const Holiday = z.strictObject({
  date: IsoDate,
  feast: z.enum(FEASTS),
  name: Name,
  kind: z.enum(['fixed', 'movable']),
  /** The working day taken off because the feast fell on a Saturday or Sunday (Art. 4). */
  observed: z.optional(z.literal(true)),
});

/** Where a year's movable dates were taken from: the Easters' method, the Eids' table or decision. */
const YearSources = z.strictObject({
  easter: z.string().check(z.trim(), z.minLength(1)),
  eid: z.string().check(z.trim(), z.minLength(1)),
});

/** The holiday data file (`shared/domain/data/holidays.json`). */
export const HolidayFile = z.strictObject({
  source: z.string().check(z.trim(), z.minLength(1)),
  note: z.string().check(z.trim(), z.minLength(1)),
  /** Per covered year ("2031"), the source of its movable dates: a date nobody can trace is a date nobody can check. */
  sources: z.record(z.string().check(z.regex(/^\d{4}$/, 'a year such as "2031"')), YearSources),
  holidays: z.array(Holiday).check(z.minLength(1)),
}).check(z.superRefine((file, ctx) => {
  const seen = new Map<string, number>();
  const feastsByYear = new Map<number, Set<Feast>>();
  file.holidays.forEach((h, i) => {
    const at = (field: string) => ['holidays', i, field];
    // Structurally bad entries are already reported; only check the rules for well-formed dates.
    if (!isRealDate(h.date)) return;

    const key = `${h.date}|${h.feast}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: at('date'), message: `duplicate: ${h.feast} on ${h.date} is already holidays[${first}]` });
    } else {
      seen.set(key, i);
    }

    const fixedDays = FIXED[h.feast];
    if (h.feast !== 'other') {
      const kind = fixedDays ? 'fixed' : 'movable';
      if (h.kind !== kind) ctx.addIssue({ code: 'custom', path: at('kind'), message: `${h.feast} is "${kind}"` });
    }

    const dow = dayOfWeek(h.date);
    if (h.observed) {
      if (dow === 0 || dow === 6) {
        ctx.addIssue({ code: 'custom', path: at('date'), message: `an observed day off must be a weekday, ${h.date} is a weekend` });
      }
      return;
    }
    if (fixedDays && !fixedDays.includes(h.date.slice(5))) {
      ctx.addIssue({ code: 'custom', path: at('date'), message: `${h.feast} falls on ${fixedDays.join(' / ')} (MM-DD), not ${h.date}` });
    }
    if (EASTER_MONDAYS.includes(h.feast) && dow !== 1) {
      ctx.addIssue({ code: 'custom', path: at('date'), message: `${h.feast} must be a Monday, ${h.date} is not` });
    }
    const year = Number(h.date.slice(0, 4));
    let feasts = feastsByYear.get(year);
    if (!feasts) feastsByYear.set(year, (feasts = new Set()));
    feasts.add(h.feast);
  });
  // A year is "covered" once it appears at all, so it must then be complete, and say where its movable dates come from.
  for (const [year, feasts] of [...feastsByYear].sort(([a], [b]) => a - b)) {
    const missing = REQUIRED_EACH_YEAR.filter((f) => !feasts.has(f));
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['holidays'], message: `${year} is incomplete, it lacks ${missing.join(', ')}` });
    }
    if (!file.sources[String(year)]) {
      ctx.addIssue({ code: 'custom', path: ['sources'], message: `${year} has holidays but no sources entry (where its Easter and Eid dates come from)` });
    }
  }
  for (const year of Object.keys(file.sources)) {
    if (!feastsByYear.has(Number(year))) ctx.addIssue({ code: 'custom', path: ['sources', year], message: `${year} has a sources entry but no holidays` });
  }
}));
export type HolidayFile = z.infer<typeof HolidayFile>;

export interface HolidayName {
  sq: string;
  sr: string;
  en: string;
}

export interface HolidayEntry {
  date: string;
  name: HolidayName;
  feast: Feast;
  kind: 'fixed' | 'movable';
  observed: boolean;
}

export interface FileHolidayCalendar extends HolidayCalendar {
  /** Whether the file lists `year` (then it lists every official holiday of that year). */
  covers(year: number): boolean;
  /** That year's holidays and observed days off, by date; throws if the year is not covered. */
  holidaysIn(year: number): HolidayEntry[];
}

/** Thrown when asked about a year the holiday file does not list: it must be extended, never guessed. */
export class UncoveredYearError extends Error {
  constructor(
    readonly year: number,
    readonly source: string,
  ) {
    super(`No public-holiday data for ${year}: the holiday file ${source} must be extended with ${year}'s holidays`);
    this.name = 'UncoveredYearError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out || '(file)';
}

const BUNDLED_HOLIDAY_FILE = 'shared/domain/data/holidays.json';

/** A holiday calendar over a holiday file; an invalid file throws naming the source and the field(s). */
export function holidayCalendar(file: unknown, source: string = BUNDLED_HOLIDAY_FILE): FileHolidayCalendar {
  const parsed = HolidayFile.safeParse(file);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new Error(`Invalid holiday file ${source}: ${problems.join('; ')}`);
  }
  return calendarOver(parsed.data, source);
}

function calendarOver(file: HolidayFile, source: string): FileHolidayCalendar {
  const byYear = new Map<number, HolidayEntry[]>();
  const dates = new Set<string>();
  for (const h of file.holidays) {
    const year = Number(h.date.slice(0, 4));
    let list = byYear.get(year);
    if (!list) byYear.set(year, (list = []));
    list.push({ date: h.date, name: { ...h.name }, feast: h.feast, kind: h.kind, observed: h.observed === true });
    dates.add(h.date);
  }
  // Runs at every cold start of the functions that plan: not localeCompare (order.ts says why).
  for (const list of byYear.values()) list.sort((a, b) => byCodeUnit(a.date, b.date));

  const covers = (year: number) => byYear.has(year);
  const requireYear = (year: number) => {
    if (!covers(year)) throw new UncoveredYearError(year, source);
  };

  return {
    covers,
    holidaysIn(year) {
      requireYear(year);
      return byYear.get(year)!.map((h) => ({ ...h, name: { ...h.name } }));
    },
    isHoliday(isoDate) {
      if (!isRealDate(isoDate)) throw new Error(`isHoliday expects a YYYY-MM-DD date, got ${JSON.stringify(isoDate)}`);
      requireYear(Number(isoDate.slice(0, 4)));
      return dates.has(isoDate);
    },
  };
}

let bundled: FileHolidayCalendar | undefined;

/**
 * Kosovo's public holidays from the bundled data file, built on first use. Not checked against
 * HolidayFile here: the file is bundled as it is in the repository, where the tests check it
 * (valid, and already in the form the check gives: holidays.test.ts), and the check cost 5–8 ms
 * of every cold start of the functions that plan. A file of any other origin goes through
 * holidayCalendar.
 */
export function kosovoHolidays(): FileHolidayCalendar {
  return (bundled ??= calendarOver(data as HolidayFile, BUNDLED_HOLIDAY_FILE));
}

/**
 * Whole months after the current one (in Kosovo) that the file covers without a gap: what the
 * HolidayCalendarRunway alarm watches (below 24, someone must add years). 0 when even this
 * year is missing. On 5 December 2026 with 2026–2035 covered: 108.
 */
export function calendarRunwayMonths(cal: Pick<FileHolidayCalendar, 'covers'>, now: Date): number {
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  if (!cal.covers(year)) return 0;
  let last = year;
  while (cal.covers(last + 1)) last++;
  return (last - year) * 12 + (12 - Number(today.slice(5, 7)));
}

/**
 * A calendar that plans a year the file lacks with weekends only, telling `onAssumed` which year,
 * instead of throwing. The API plans a new case with it: the case's clocks run 18 months ahead,
 * and a returnee's arrival date is never refused because the file has not been extended yet (the
 * runway alarm asks for that months earlier). The dates so planned may land on a holiday once its
 * year is added; the operator is told (HolidayYearsAssumed) and the timers fire on a working
 * morning all the same. Everything else keeps failing loudly on a missing year.
 */
export function weekendsWhereUncovered(cal: HolidayCalendar, onAssumed: (year: number) => void): HolidayCalendar {
  return {
    isHoliday(isoDate) {
      try {
        return cal.isHoliday(isoDate);
      } catch (err) {
        if (!(err instanceof UncoveredYearError)) throw err;
        onAssumed(err.year);
        return false;
      }
    },
  };
}
