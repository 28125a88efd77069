/**
 * `npm run cli -- holidays runway|draft <year>`: how far ahead the bundled holiday file reaches
 * (what the HolidayCalendarRunway alarm watches), and a draft of a year to add to it.
 */
import { parseArgs } from 'node:util';
import { DRAFT_SOURCES, draftYear } from '../shared/domain/holiday-draft.js';
import { calendarRunwayMonths, kosovoHolidays, type FileHolidayCalendar } from '../shared/domain/holidays.js';
import type { CommandResult } from './commands.js';

export const HOLIDAYS_USAGE = `Usage: npm run cli -- holidays <runway|draft> …

  holidays runway
      The years shared/domain/data/holidays.json covers and the whole months ahead from today
      (the stack alarms below 24: add the next year).
  holidays draft <year> [--json]
      That year's entries for the file: the fixed feasts, both Easter Mondays (computed), Eid
      al-Fitr and Eid al-Adha from the Umm al-Qura table, and the day off for each feast on a
      weekend (Law No. 03/L-064, Art. 4), plus its "sources" entry. Check the Eid dates against
      the Government's decision for that year (the Islamic Community fixes them by the moon:
      move a date and its observed day by hand), then paste the lines into the file and run
      npm run test:unit.

Exit codes: 0 done, 2 wrong command line.
`;

const usageError = (message: string): CommandResult => ({ stdout: `${message}\n`, exitCode: 2 });

export function runHolidays(argv: readonly string[], deps: { calendar?: FileHolidayCalendar; now?: Date } = {}): CommandResult {
  let values: { json?: boolean | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  } catch (e) {
    return usageError(`holidays: ${(e as Error).message}\n\n${HOLIDAYS_USAGE}`);
  }
  const [sub, arg, ...extra] = positionals;
  if (values.help || sub === 'help' || sub === undefined) return { stdout: HOLIDAYS_USAGE, exitCode: 0 };
  const cal = deps.calendar ?? kosovoHolidays();
  const now = deps.now ?? new Date();

  if (sub === 'runway') {
    if (arg !== undefined) return usageError(`holidays runway: unexpected argument ${JSON.stringify(arg)}`);
    const years: number[] = [];
    for (let y = 2000; y <= now.getUTCFullYear() + 50; y++) if (cal.covers(y)) years.push(y);
    const months = calendarRunwayMonths(cal, now);
    const summary = { covers: years.length ? `${years[0]}–${years[years.length - 1]}` : 'nothing near today', monthsAhead: months, alarmBelow: 24 };
    if (values.json) return { stdout: `${JSON.stringify(summary)}\n`, exitCode: 0 };
    return {
      stdout: `covers ${summary.covers}: ${months} whole months ahead${months < 24 ? ' (below 24: the HolidayCalendarRunway alarm rings; add the next year with "holidays draft")' : ''}\n`,
      exitCode: 0,
    };
  }
  if (sub === 'draft') {
    if (arg === undefined || extra.length > 0 || !/^\d{4}$/.test(arg) || Number(arg) < 1900 || Number(arg) > 2099) {
      return usageError('holidays draft: give one year from 1900 to 2099, e.g. holidays draft 2036');
    }
    const year = Number(arg);
    const entries = draftYear(year);
    if (values.json) return { stdout: `${JSON.stringify({ sources: { [arg]: DRAFT_SOURCES }, holidays: entries }, null, 2)}\n`, exitCode: 0 };
    const lines = [
      `// ${year}${cal.covers(year) ? ' (already in the file: compare rather than paste)' : ''}: check the Eid dates against the Government's decision`,
      '// into "sources":',
      `    ${JSON.stringify(arg)}: ${JSON.stringify(DRAFT_SOURCES)},`,
      '// into "holidays":',
      ...entries.map((e) => `    ${JSON.stringify(e)},`),
    ];
    return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
  }
  return usageError(`holidays: unknown subcommand ${JSON.stringify(sub)}\n\n${HOLIDAYS_USAGE}`);
}
