import { stringify } from 'csv-stringify/sync';
import { OfficeKind } from '../domain/vocabulary.js';
import type { QuarterFigures } from '../domain/quarters.js';

export const INDICATOR_COLUMNS = ['municipality', 'year', 'quarter', 'period_start', 'period_end', 'indicator', 'value'] as const;

/**
 * Two decimals, or empty when nothing was answered: an empty cell reads as "no data" in a
 * spreadsheet, where 0.00 would claim nobody answered in time. EPSILON keeps binary halves such
 * as 0.145 (stored as 0.14499…) rounding up as a person would.
 */
function share(value: number | null): string {
  return value === null ? '' : (Math.round((value + Number.EPSILON) * 100) / 100).toFixed(2);
}

/** The indicators in a fixed order, one code per line, so quarters line up when pasted together. */
function indicators(f: QuarterFigures): [string, string][] {
  return [
    ['cases_opened', String(f.casesOpened)],
    ['cases_closed', String(f.casesClosed)],
    ...OfficeKind.options.map((kind): [string, string] => [`persons_referred_${kind}`, String(f.personsReferred[kind] ?? 0)]),
    ['referrals_made', String(f.referralsMade)],
    ['referrals_answered', String(f.referralsAnswered)],
    ['referrals_answered_in_time', String(f.referralsAnsweredInTime)],
    ['answered_in_time_share', share(f.answeredInTimeShare)],
    ['accepted', String(f.accepted)],
    ['declined', String(f.declined)],
    ['completed', String(f.completed)],
    ['not_completed', String(f.notCompleted)],
    ['meetings_held', String(f.meetingsHeld)],
    ['cases_discussed', String(f.casesDiscussed)],
  ];
}

/**
 * The quarterly indicators as the CSV attached to the quarterly report: one row per indicator,
 * CRLF records and a UTF-8 BOM, because Excel, which the municipalities open it in, otherwise
 * guesses a legacy code page.
 */
export function indicatorsCsv(municipalityId: string, f: QuarterFigures): string {
  const rows = indicators(f).map(([indicator, value]) => [municipalityId, String(f.year), String(f.quarter), f.periodStart, f.periodEnd, indicator, value]);
  return stringify(rows, { header: true, columns: [...INDICATOR_COLUMNS], record_delimiter: 'windows', bom: true });
}
