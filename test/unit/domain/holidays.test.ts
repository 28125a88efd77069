import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../../shared/domain/calendar.js';
import { draftYear } from '../../../shared/domain/holiday-draft.js';
import { calendarRunwayMonths, holidayCalendar, HolidayFile, kosovoHolidays, UncoveredYearError, weekendsWhereUncovered } from '../../../shared/domain/holidays.js';
import data from '../../../shared/domain/data/holidays.json' with { type: 'json' };

const YEARS = [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035];
/** Years whose Eid dates the file takes from the Umm al-Qura table as it stands (its `sources` say so). */
const UMM_AL_QURA_YEARS = [2026, 2031, 2032, 2033, 2034, 2035];
const FIXED: [feast: string, monthDay: string][] = [
  ['new-year', '01-01'],
  ['new-year', '01-02'],
  ['orthodox-christmas', '01-07'],
  ['independence-day', '02-17'],
  ['constitution-day', '04-09'],
  ['labour-day', '05-01'],
  ['europe-day', '05-09'],
  ['catholic-christmas', '12-25'],
];

// Independent Easter computations (proleptic dates as UTC midnight).
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const isoOf = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (iso: string, n: number) => isoOf(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000));
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday

/** Western Easter Sunday: Anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
function gregorianEaster(y: number): string {
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
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoOf(utc(y, month, day));
}

/** Orthodox Easter Sunday: Meeus's Julian algorithm, then +13 days to the Gregorian calendar (valid 1900–2099). */
function orthodoxEaster(y: number): string {
  const a = y % 4;
  const b = y % 7;
  const c = y % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  return plusDays(isoOf(utc(y, month, day)), 13);
}

/** The Umm al-Qura table as ICU carries it: the Gregorian dates in `year` of 1 Shawwal and 10 Dhu al-Hijjah. */
function ummAlQura(year: number): { fitr: string[]; adha: string[] } {
  const fmt = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
  const out = { fitr: [] as string[], adha: [] as string[] };
  for (let t = Date.UTC(year, 0, 1, 12); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const [month, day] = fmt.format(new Date(t)).split('/');
    if (month === '10' && day === '1') out.fitr.push(isoOf(new Date(t)));
    if (month === '12' && day === '10') out.adha.push(isoOf(new Date(t)));
  }
  return out;
}
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

const cal = kosovoHolidays();
const entries = (year: number, feast: string, observed = false) =>
  cal.holidaysIn(year).filter((h) => h.feast === feast && h.observed === observed);

describe('the bundled Kosovo holiday file', () => {
  it('is valid and covers 2025–2035', () => {
    expect(() => HolidayFile.parse(data)).not.toThrow();
    for (const y of YEARS) expect(cal.covers(y)).toBe(true);
  });

  it('is already in the form the check gives, so kosovoHolidays() may take it unchecked', () => {
    // The check trims names and keeps only known fields: a file it would change is not taken as it is.
    expect(HolidayFile.parse(data)).toEqual(data);
    const checked = holidayCalendar(data);
    for (const y of YEARS) expect(cal.holidaysIn(y)).toEqual(checked.holidaysIn(y));
  });

  it('checks the Easter algorithms against known dates', () => {
    // Published tables (e.g. the Orthodox Church's paschalion, the Vatican's calendar) for 2025–2035.
    expect(YEARS.map(gregorianEaster)).toEqual([
      '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2029-04-01', '2030-04-21', '2031-04-13', '2032-03-28', '2033-04-17', '2034-04-09', '2035-03-25',
    ]);
    expect(YEARS.map(orthodoxEaster)).toEqual([
      '2025-04-20', '2026-04-12', '2027-05-02', '2028-04-16', '2029-04-08', '2030-04-28', '2031-04-13', '2032-05-02', '2033-04-24', '2034-04-09', '2035-04-29',
    ]);
  });

  describe.each(YEARS)('%i', (year) => {
    it('has every fixed holiday on its date', () => {
      for (const [feast, md] of FIXED) {
        expect(entries(year, feast).map((h) => h.date), feast).toContain(`${year}-${md}`);
        expect(cal.isHoliday(`${year}-${md}`), `${feast} ${md}`).toBe(true);
      }
    });

    it('has one Catholic and one Orthodox Easter Monday, the Monday after the computed Easter Sunday', () => {
      const catholic = entries(year, 'catholic-easter-monday');
      const orthodox = entries(year, 'orthodox-easter-monday');
      expect(catholic).toHaveLength(1);
      expect(orthodox).toHaveLength(1);
      expect(catholic[0]!.date).toBe(plusDays(gregorianEaster(year), 1));
      expect(orthodox[0]!.date).toBe(plusDays(orthodoxEaster(year), 1));
      expect(weekday(catholic[0]!.date)).toBe(1);
      expect(weekday(orthodox[0]!.date)).toBe(1);
    });

    it('has each Eid as often as the Islamic year brings it (2033: Eid al-Fitr twice), within a day of the Umm al-Qura table', () => {
      const table = ummAlQura(year);
      const fitr = entries(year, 'eid-al-fitr').map((h) => h.date);
      const adha = entries(year, 'eid-al-adha').map((h) => h.date);
      expect(fitr).toHaveLength(table.fitr.length);
      expect(adha).toHaveLength(table.adha.length);
      // Kosovo fixes the day by the moon: an expected date may be the table's or the day after.
      fitr.forEach((d, i) => expect([0, 1], `${d} vs ${table.fitr[i]}`).toContain(daysBetween(table.fitr[i]!, d)));
      adha.forEach((d, i) => expect([0, 1], `${d} vs ${table.adha[i]}`).toContain(daysBetween(table.adha[i]!, d)));
      if (UMM_AL_QURA_YEARS.includes(year)) expect({ fitr, adha }).toEqual(table);
    });

    it('names where its Easter and Eid dates come from', () => {
      const sources = (data as { sources: Record<string, { easter: string; eid: string }> }).sources[String(year)];
      expect(sources?.easter).toMatch(/Gregorian.*Julian/);
      expect(sources?.eid).toMatch(UMM_AL_QURA_YEARS.includes(year) ? /Umm al-Qura calendar/ : /Government|Umm al-Qura/);
    });

    it('gives the next free working day off for every feast on a Saturday or Sunday (Art. 4), and only for those', () => {
      const all = cal.holidaysIn(year);
      const feastDays = all.filter((h) => !h.observed);
      const taken = new Set(feastDays.map((h) => h.date));
      const expected: string[] = [];
      for (const h of feastDays) {
        if (weekday(h.date) !== 0 && weekday(h.date) !== 6) continue;
        let day = plusDays(h.date, 1);
        while (weekday(day) === 0 || weekday(day) === 6 || taken.has(day)) day = plusDays(day, 1);
        taken.add(day);
        expected.push(`${day} ${h.feast}`);
      }
      const observed = all.filter((h) => h.observed).map((h) => `${h.date} ${h.feast}`);
      expect(observed.sort()).toEqual(expected.sort());
    });
  });

  it('has the Eid dates of the brief (expected dates, to be confirmed yearly)', () => {
    const dates = (feast: string) => YEARS.flatMap((y) => entries(y, feast).map((h) => h.date));
    expect(dates('eid-al-fitr')).toEqual([
      '2025-03-30', '2026-03-20', '2027-03-10', '2028-02-27', '2029-02-15', '2030-02-05', '2031-01-24', '2032-01-14', '2033-01-03', '2033-12-23', '2034-12-12', '2035-12-01',
    ]);
    expect(dates('eid-al-adha')).toEqual([
      '2025-06-06', '2026-05-27', '2027-05-16', '2028-05-05', '2029-04-24', '2030-04-13', '2031-04-02', '2032-03-22', '2033-03-12', '2034-03-01', '2035-02-19',
    ]);
  });

  it('is what `holidays draft` writes for the years whose Eid dates are the Umm al-Qura table', () => {
    for (const year of UMM_AL_QURA_YEARS) {
      const inFile = (data as { holidays: { date: string }[] }).holidays.filter((h) => h.date.startsWith(`${year}-`));
      const key = (h: { date: string; feast?: string }) => `${h.date} ${h.feast}`;
      expect([...inFile].sort((a, b) => key(a).localeCompare(key(b))), String(year)).toEqual(draftYear(year));
    }
  });

  it('observes a Sunday fixed holiday on the Monday, and a Saturday one too', () => {
    // Europe Day 2027 is a Sunday; Independence Day 2030 is a Sunday.
    expect(weekday('2027-05-09')).toBe(0);
    expect(cal.isHoliday('2027-05-10')).toBe(true);
    expect(entries(2027, 'europe-day', true).map((h) => h.date)).toEqual(['2027-05-10']);
    expect(entries(2030, 'independence-day', true).map((h) => h.date)).toEqual(['2030-02-18']);
    expect(entries(2030, 'independence-day', true)[0]!.name.en).toBe('Independence Day (observed)');
    // Europe Day 2026 is a Saturday → Monday 11 May.
    expect(entries(2026, 'europe-day', true).map((h) => h.date)).toEqual(['2026-05-11']);
    // New Year 2028 is Sat/Sun → Mon 3 and Tue 4 January.
    expect(entries(2028, 'new-year', true).map((h) => h.date)).toEqual(['2028-01-03', '2028-01-04']);
    // A Sunday Eid is observed too: Eid al-Fitr 2025-03-30 → Monday 31 March.
    expect(cal.isHoliday('2025-03-31')).toBe(true);
  });

  it('does not make ordinary weekdays holidays', () => {
    expect(cal.isHoliday('2026-04-07')).toBe(false);
    expect(cal.isHoliday('2026-11-24')).toBe(false);
    expect(cal.isHoliday('2025-04-22')).toBe(false); // both Easters share Monday 21 April: one day off
  });
});

describe('addWorkingDays with kosovoHolidays()', () => {
  it('skips Easter Mondays and Constitution Day', () => {
    // Fri 3 Apr 2026 10:00 Belgrade: Sat 4, Sun 5, Mon 6 (Catholic Easter Monday) skipped; Tue 7 = 1, Wed 8 = 2,
    // Thu 9 (Constitution Day) skipped, Fri 10 = 3, Sat 11, Sun 12, Mon 13 (Orthodox Easter Monday) skipped,
    // Tue 14 = 4, Wed 15 = 5.
    const from = new Date('2026-04-03T08:00:00Z'); // 10:00 CEST
    expect(addWorkingDays(from, 5, kosovoHolidays())).toBe('2026-04-15');
    expect(addWorkingDays(from, 5)).toBe('2026-04-10'); // weekends only, for contrast
  });
  it('skips an observed Monday', () => {
    // Fri 8 May 2026: Sat 9 May is Europe Day → Mon 11 May off → first working day is Tue 12 May.
    expect(addWorkingDays(new Date('2026-05-08T08:00:00Z'), 1, kosovoHolidays())).toBe('2026-05-12');
  });
});

const S2026 = { '2026': { easter: 'computed', eid: 'a test' } };

describe('holidayCalendar', () => {
  const minimalYear = (year: number) =>
    (data as { holidays: { date: string }[] }).holidays.filter((h) => h.date.startsWith(`${year}-`));

  it('throws for a year the file does not cover, saying the file must be extended', () => {
    expect(cal.covers(2036)).toBe(false);
    expect(cal.covers(2024)).toBe(false);
    expect(() => cal.isHoliday('2036-01-01')).toThrow(/2036.*must be extended/);
    expect(() => cal.isHoliday('2024-12-31')).toThrow(UncoveredYearError);
    expect(() => addWorkingDays(new Date('2035-12-28T10:00:00Z'), 5, cal)).toThrow(/holidays\.json must be extended with 2036/);
    expect(() => cal.holidaysIn(2036)).toThrow(UncoveredYearError);
  });

  it('rejects a non-date argument', () => {
    expect(() => cal.isHoliday('2026-4-6')).toThrow(/YYYY-MM-DD/);
  });

  it('names the source and the field of a malformed file', () => {
    const holidays = minimalYear(2026).map((h) => ({ ...h }));
    holidays[3] = { ...holidays[3]!, date: '2026-02-30' };
    expect(() => holidayCalendar({ source: 's', note: 'n', sources: S2026, holidays }, 'test.json')).toThrow(
      /^Invalid holiday file test\.json: holidays\[3\]\.date: not a real calendar date/,
    );
    const badFormat = minimalYear(2026).map((h, i) => (i === 5 ? { ...h, date: '17.02.2026' } : h));
    expect(() => holidayCalendar({ source: 's', note: 'n', sources: S2026, holidays: badFormat })).toThrow(
      /shared\/domain\/data\/holidays\.json: holidays\[5\]\.date: expected a date as YYYY-MM-DD/,
    );
  });

  it('rejects unknown fields, wrong kinds, misplaced fixed feasts, duplicates and incomplete years', () => {
    const year = minimalYear(2026) as Record<string, unknown>[];
    const file = (holidays: unknown[], sources: unknown = S2026) => ({ source: 's', note: 'n', sources, holidays });
    expect(() => holidayCalendar(file(year.map((h, i) => (i === 0 ? { ...h, observd: true } : h))))).toThrow(/holidays\[0\]: .*observd/);
    expect(() => holidayCalendar(file(year.map((h, i) => (i === 0 ? { ...h, kind: 'movable' } : h))))).toThrow(/holidays\[0\]\.kind: new-year is "fixed"/);
    const indep = year.findIndex((h) => h.feast === 'independence-day' && !h.observed);
    expect(() => holidayCalendar(file(year.map((h, i) => (i === indep ? { ...h, date: '2026-02-18' } : h))))).toThrow(
      new RegExp(`holidays\\[${indep}\\]\\.date: independence-day falls on 02-17`),
    );
    expect(() => holidayCalendar(file([...year, year[2]]))).toThrow(new RegExp(`holidays\\[${year.length}\\]\\.date: duplicate`));
    const noEid = year.filter((h) => h.feast !== 'eid-al-adha');
    expect(() => holidayCalendar(file(noEid))).toThrow(/holidays: 2026 is incomplete, it lacks eid-al-adha/);
    const easter = year.findIndex((h) => h.feast === 'catholic-easter-monday');
    expect(() => holidayCalendar(file(year.map((h, i) => (i === easter ? { ...h, date: '2026-04-05' } : h))))).toThrow(/must be a Monday/);
    expect(() => holidayCalendar('nope')).toThrow(/Invalid holiday file/);
  });

  it('wants the source of every covered year\'s movable dates, and no source for a year it lacks', () => {
    const year = minimalYear(2026);
    expect(() => holidayCalendar({ source: 's', note: 'n', holidays: year })).toThrow(/sources: Invalid input/);
    expect(() => holidayCalendar({ source: 's', note: 'n', sources: {}, holidays: year })).toThrow(/sources: 2026 has holidays but no sources entry/);
    expect(() => holidayCalendar({ source: 's', note: 'n', sources: { ...S2026, '2027': { easter: 'e', eid: 'e' } }, holidays: year })).toThrow(
      /sources\.2027: 2027 has a sources entry but no holidays/,
    );
    expect(() => holidayCalendar({ source: 's', note: 'n', sources: { '2026': { easter: '', eid: 'e' } }, holidays: year })).toThrow(/sources\.2026\.easter/);
  });

  it("lists a year's days in date order whatever the file's order", () => {
    const year = minimalYear(2026);
    const cal = holidayCalendar({ source: 's', note: 'n', sources: S2026, holidays: [...year].reverse() });
    const dates = cal.holidaysIn(2026).map((h) => h.date);
    expect(dates).toEqual(year.map((h) => (h as { date: string }).date).sort());
    expect(dates[0]! < dates.at(-1)!).toBe(true);
  });

  it('accepts an edited file and uses it', () => {
    const year = minimalYear(2026).map((h) =>
      (h as { feast?: string }).feast === 'eid-al-fitr' ? { ...h, date: '2026-03-19' } : h,
    );
    const edited = holidayCalendar({ source: 's', note: 'n', sources: S2026, holidays: year });
    expect(edited.isHoliday('2026-03-19')).toBe(true);
    expect(edited.isHoliday('2026-03-20')).toBe(false);
    expect(edited.covers(2025)).toBe(false);
    expect(edited.holidaysIn(2026).map((h) => h.date)).toEqual([...edited.holidaysIn(2026).map((h) => h.date)].sort());
  });

  it('memoizes the bundled calendar', () => {
    expect(kosovoHolidays()).toBe(kosovoHolidays());
  });
});

describe('the calendar runway', () => {
  it('counts the whole months after this one that the file covers without a gap', () => {
    const covering = (...years: number[]) => ({ covers: (y: number) => years.includes(y) });
    // 5 December 2026 (Kosovo time), 2026–2035 covered: 9 more years.
    expect(calendarRunwayMonths(cal, new Date('2026-12-05T04:00:00Z'))).toBe(108);
    // Late on 31 December UTC it is already January in Kosovo.
    expect(calendarRunwayMonths(covering(2026, 2027), new Date('2026-12-31T23:30:00Z'))).toBe(11);
    expect(calendarRunwayMonths(covering(2026, 2027, 2029), new Date('2026-03-01T10:00:00Z'))).toBe(21); // the gap in 2028 ends it
    expect(calendarRunwayMonths(covering(2027), new Date('2026-06-01T10:00:00Z'))).toBe(0); // not even this year
    // With the file as it is, the alarm (below 24) rings from January 2034.
    expect(calendarRunwayMonths(cal, new Date('2033-12-15T10:00:00Z'))).toBe(24);
    expect(calendarRunwayMonths(cal, new Date('2034-01-15T10:00:00Z'))).toBe(23);
  });
});

describe('weekendsWhereUncovered', () => {
  it('answers from the file where it can, weekends only where it cannot, and names the year', () => {
    const assumed: number[] = [];
    const lenient = weekendsWhereUncovered(cal, (y) => assumed.push(y));
    expect(lenient.isHoliday('2035-12-25')).toBe(true);
    expect(lenient.isHoliday('2036-01-01')).toBe(false); // New Year, but 2036 is not in the file
    expect(assumed).toEqual([2036]);
    // Sunday 30 Dec 2035 + 5 working days: 31 Dec, then 1 (New Year's Day, unknown without its year), 2, 3, 4 January.
    expect(addWorkingDays(new Date('2035-12-30T10:00:00Z'), 5, lenient)).toBe('2036-01-04');
    expect(() => lenient.isHoliday('2026-4-6')).toThrow(/YYYY-MM-DD/); // other errors still throw
  });
});
