import { z } from 'zod';
import type { HolidayCalendar } from './calendar.js';
import data from './data/holidays.json' with { type: 'json' };

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

const IsoDate = z
  .string()
  .regex(ISO_DATE, 'expected a date as YYYY-MM-DD')
  .refine(isRealDate, 'not a real calendar date');

const Name = z.strictObject({
  sq: z.string().trim().min(1),
  sr: z.string().trim().min(1),
  en: z.string().trim().min(1),
});

const Holiday = z.strictObject({
  date: IsoDate,
  feast: z.enum(FEASTS),
  name: Name,
  kind: z.enum(['fixed', 'movable']),
  /** The working day taken off because the feast fell on a Saturday or Sunday (Art. 4). */
  observed: z.literal(true).optional(),
});

/** The holiday data file (`shared/domain/data/holidays.json`). */
export const HolidayFile = z
  .strictObject({
    source: z.string().trim().min(1),
    note: z.string().trim().min(1),
    holidays: z.array(Holiday).min(1),
  })
  .superRefine((file, ctx) => {
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
    // A year is "covered" once it appears at all, so it must then be complete.
    for (const [year, feasts] of [...feastsByYear].sort(([a], [b]) => a - b)) {
      const missing = REQUIRED_EACH_YEAR.filter((f) => !feasts.has(f));
      if (missing.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['holidays'], message: `${year} is incomplete, it lacks ${missing.join(', ')}` });
      }
    }
  });
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

/** A holiday calendar over a holiday file; an invalid file throws naming the source and the field(s). */
export function holidayCalendar(file: unknown, source = 'shared/domain/data/holidays.json'): FileHolidayCalendar {
  const parsed = HolidayFile.safeParse(file);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new Error(`Invalid holiday file ${source}: ${problems.join('; ')}`);
  }

  const byYear = new Map<number, HolidayEntry[]>();
  const dates = new Set<string>();
  for (const h of parsed.data.holidays) {
    const year = Number(h.date.slice(0, 4));
    let list = byYear.get(year);
    if (!list) byYear.set(year, (list = []));
    list.push({ date: h.date, name: { ...h.name }, feast: h.feast, kind: h.kind, observed: h.observed === true });
    dates.add(h.date);
  }
  for (const list of byYear.values()) list.sort((a, b) => a.date.localeCompare(b.date));

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

/** Kosovo's public holidays from the bundled data file, validated on first use. */
export function kosovoHolidays(): FileHolidayCalendar {
  return (bundled ??= holidayCalendar(data));
}
