import type { Feast } from './holidays.js';

/**
 * A draft of one year's entries for the holiday file (`npm run cli -- holidays draft <year>`),
 * so extending the calendar is checking dates rather than working them out by hand:
 *
 * - both Easters are computed (they are arithmetic, not observed): the Catholic one with the
 *   Anonymous Gregorian (Meeus/Jones/Butcher) algorithm, the Orthodox one with Meeus's Julian
 *   algorithm plus the 13 days between the calendars (valid 1900–2099);
 * - Eid al-Fitr (1 Shawwal) and Eid al-Adha (10 Dhu al-Hijjah) come from the Umm al-Qura
 *   calendar (KACST's published table, as carried by ICU in every Node build with full ICU).
 *   The Islamic Community of Kosovo fixes the days by the moon and the Government announces
 *   them: a draft's Eid can be a day off and must be confirmed against that yearly decision;
 * - a feast on a Saturday or Sunday gives the next working day that is not already a holiday
 *   (Law No. 03/L-064, Art. 4), taken in date order, as in the file's existing years.
 *
 * The unit tests check the file with algorithms of their own; this module only writes drafts.
 */

export interface DraftEntry {
  date: string;
  feast: Feast;
  name: { sq: string; sr: string; en: string };
  kind: 'fixed' | 'movable';
  observed?: true;
}

/** Where a drafted year's movable dates came from, in the file's `sources` shape. */
export const DRAFT_SOURCES = {
  easter: 'computed: Anonymous Gregorian algorithm (Catholic), Meeus Julian algorithm + 13 days (Orthodox)',
  eid: 'Umm al-Qura calendar (KACST, via ICU islamic-umalqura): expected dates, to be confirmed against the Government\'s yearly decision',
} as const;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const plusDays = (isoDate: string, n: number) => iso(new Date(Date.parse(`${isoDate}T00:00:00Z`) + n * 86_400_000));
const weekday = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getUTCDay();

/** Western Easter Sunday (Anonymous Gregorian algorithm). */
export function catholicEaster(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return iso(utc(y, Math.floor(n / 31), (n % 31) + 1));
}

/** Orthodox Easter Sunday in the Gregorian calendar (Meeus's Julian algorithm + 13 days; 1900–2099). */
export function orthodoxEaster(y: number): string {
  if (y < 1900 || y > 2099) throw new RangeError(`orthodoxEaster: ${y} is outside 1900–2099 (the 13-day offset)`);
  const d = (19 * (y % 19) + 15) % 30;
  const e = (2 * (y % 4) + 4 * (y % 7) - d + 34) % 7;
  const n = d + e + 114;
  return plusDays(iso(utc(y, Math.floor(n / 31), (n % 31) + 1)), 13);
}

const UMM_AL_QURA = 'islamic-umalqura';

/** The Gregorian dates in `year` of 1 Shawwal (Eid al-Fitr) and 10 Dhu al-Hijjah (Eid al-Adha), by Umm al-Qura. */
export function eidDates(year: number): { fitr: string[]; adha: string[] } {
  const fmt = new Intl.DateTimeFormat(`en-u-ca-${UMM_AL_QURA}`, { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
  if (fmt.resolvedOptions().calendar !== UMM_AL_QURA) throw new Error('This Node has no Umm al-Qura calendar (a small-ICU build): use a full-ICU Node');
  const out = { fitr: [] as string[], adha: [] as string[] };
  for (let day = `${year}-01-01`; day.startsWith(`${year}-`); day = plusDays(day, 1)) {
    const parts = Object.fromEntries(fmt.formatToParts(new Date(`${day}T12:00:00Z`)).map((p) => [p.type, p.value]));
    if (parts.month === '10' && parts.day === '1') out.fitr.push(day);
    if (parts.month === '12' && parts.day === '10') out.adha.push(day);
  }
  return out;
}

const NAMES: Record<Exclude<Feast, 'other'>, DraftEntry['name']> = {
  'new-year': { sq: 'Viti i Ri', sr: 'Nova godina', en: "New Year's Day" },
  'orthodox-christmas': { sq: 'Krishtlindjet Ortodokse', sr: 'Pravoslavni Božić', en: 'Orthodox Christmas' },
  'independence-day': { sq: 'Dita e Pavarësisë së Republikës së Kosovës', sr: 'Dan nezavisnosti Republike Kosovo', en: 'Independence Day' },
  'constitution-day': { sq: 'Dita e Kushtetutës së Republikës së Kosovës', sr: 'Dan Ustava Republike Kosovo', en: 'Constitution Day' },
  'labour-day': { sq: 'Dita Ndërkombëtare e Punës', sr: 'Međunarodni dan rada', en: 'International Labour Day' },
  'europe-day': { sq: 'Dita e Evropës', sr: 'Dan Evrope', en: 'Europe Day' },
  'catholic-christmas': { sq: 'Krishtlindjet Katolike', sr: 'Katolički Božić', en: 'Catholic Christmas' },
  'catholic-easter-monday': { sq: 'Pashkët Katolike, e hëna e Pashkëve', sr: 'Katolički Uskrs, uskršnji ponedeljak', en: 'Catholic Easter Monday' },
  'orthodox-easter-monday': { sq: 'Pashkët Ortodokse, e hëna e Pashkëve', sr: 'Pravoslavni Uskrs, uskršnji ponedeljak', en: 'Orthodox Easter Monday' },
  'eid-al-fitr': { sq: 'Bajrami i Madh (Fitër Bajrami), dita e parë', sr: 'Ramazanski Bajram, prvi dan', en: 'Eid al-Fitr, first day' },
  'eid-al-adha': { sq: 'Bajrami i Vogël (Kurban Bajrami), dita e parë', sr: 'Kurban Bajram, prvi dan', en: 'Eid al-Adha, first day' },
};
const SECOND_DAY_OF_NEW_YEAR = { sq: 'Viti i Ri, dita e dytë', sr: 'Nova godina, drugi dan', en: 'New Year, second day' };

const observedName = (n: DraftEntry['name']): DraftEntry['name'] => ({
  sq: `${n.sq} – dita e pushimit`,
  sr: `${n.sr} – dan odmora`,
  en: `${n.en} (observed)`,
});

/** Every official holiday of `year` and the days off in place of those on a weekend, by date. */
export function draftYear(year: number): DraftEntry[] {
  const fixed = (feast: Exclude<Feast, 'other'>, md: string, name = NAMES[feast]): DraftEntry => ({ date: `${year}-${md}`, feast, name, kind: 'fixed' });
  const movable = (feast: Exclude<Feast, 'other'>, date: string): DraftEntry => ({ date, feast, name: NAMES[feast], kind: 'movable' });
  const eid = eidDates(year);
  const feasts: DraftEntry[] = [
    fixed('new-year', '01-01'),
    fixed('new-year', '01-02', SECOND_DAY_OF_NEW_YEAR),
    fixed('orthodox-christmas', '01-07'),
    fixed('independence-day', '02-17'),
    fixed('constitution-day', '04-09'),
    fixed('labour-day', '05-01'),
    fixed('europe-day', '05-09'),
    fixed('catholic-christmas', '12-25'),
    movable('catholic-easter-monday', plusDays(catholicEaster(year), 1)),
    movable('orthodox-easter-monday', plusDays(orthodoxEaster(year), 1)),
    ...eid.fitr.map((d) => movable('eid-al-fitr', d)),
    ...eid.adha.map((d) => movable('eid-al-adha', d)),
  ].sort((a, b) => a.date.localeCompare(b.date));

  // Art. 4, in date order: each weekend feast takes the next weekday that is neither a feast nor
  // already taken by an earlier one (2027: Sat 1 May → Tue 4 May, Mon 3 May being Orthodox Easter Monday).
  const taken = new Set(feasts.map((f) => f.date));
  const observed: DraftEntry[] = [];
  for (const f of feasts) {
    if (weekday(f.date) !== 0 && weekday(f.date) !== 6) continue;
    let day = plusDays(f.date, 1);
    while (weekday(day) === 0 || weekday(day) === 6 || taken.has(day)) day = plusDays(day, 1);
    taken.add(day);
    observed.push({ date: day, feast: f.feast, name: observedName(f.name), kind: f.kind, observed: true });
  }
  return [...feasts, ...observed].sort((a, b) => a.date.localeCompare(b.date) || a.feast.localeCompare(b.feast));
}
