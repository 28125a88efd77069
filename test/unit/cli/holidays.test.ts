import { describe, expect, it } from 'vitest';
import { HOLIDAYS_USAGE, runHolidays } from '../../../cli/holidays.js';
import { holidayCalendar, kosovoHolidays } from '../../../shared/domain/holidays.js';

describe('npm run cli -- holidays', () => {
  it('runway: the years covered and the months ahead, warning below 24', () => {
    expect(runHolidays(['runway'], { now: new Date('2026-12-05T10:00:00Z') })).toEqual({ stdout: 'covers 2025–2035: 108 whole months ahead\n', exitCode: 0 });
    const late = runHolidays(['runway', '--json'], { now: new Date('2034-06-01T10:00:00Z') });
    expect(JSON.parse(late.stdout)).toEqual({ covers: '2025–2035', monthsAhead: 18, alarmBelow: 24 });
    expect(runHolidays(['runway'], { now: new Date('2034-06-01T10:00:00Z') }).stdout).toContain('below 24');
  });

  it('draft: a year the file can take as it is (its entries and its sources, valid together)', () => {
    const out = runHolidays(['draft', '2036', '--json']);
    expect(out.exitCode).toBe(0);
    const draft = JSON.parse(out.stdout) as { sources: Record<string, unknown>; holidays: { date: string; feast: string; observed?: boolean }[] };
    const cal = holidayCalendar({ source: 's', note: 'n', ...draft });
    expect(cal.covers(2036)).toBe(true);
    expect(cal.isHoliday('2036-04-21')).toBe(true); // Orthodox Easter Monday (Easter 20 April 2036)
    expect(cal.isHoliday('2036-04-14')).toBe(true); // Catholic Easter Monday
    expect(draft.holidays.filter((h) => h.observed).map((h) => `${h.date} ${h.feast}`)).toContain('2036-02-18 independence-day'); // Sunday 17 Feb
    // The text form has the same lines to paste, and says when the year is already there.
    expect(runHolidays(['draft', '2036']).stdout).toContain('"2036-04-21","feast":"orthodox-easter-monday"');
    expect(runHolidays(['draft', '2031'], { calendar: kosovoHolidays() }).stdout).toMatch(/^\/\/ 2031 \(already in the file/);
  });

  it('a wrong command line is exit 2 with what to do', () => {
    for (const argv of [['draft'], ['draft', '36'], ['draft', '2100'], ['draft', '2036', '2037'], ['runway', 'x'], ['nope'], ['--bad']]) {
      expect(runHolidays(argv).exitCode, argv.join(' ')).toBe(2);
    }
    expect(runHolidays([])).toEqual({ stdout: HOLIDAYS_USAGE, exitCode: 0 });
  });
});
