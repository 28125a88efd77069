import { OFFICE_KINDS, type QuarterFigures } from './types.js';

/**
 * The quarter's indicators as the CSV attached to the quarterly report email
 * (shared/reports/indicators-csv.ts; a unit test holds the two byte-equal): one row per indicator,
 * CRLF, UTF-8 BOM (Excel otherwise guesses a legacy code page).
 */
function share(value: number | null): string {
  return value === null ? '' : (Math.round((value + Number.EPSILON) * 100) / 100).toFixed(2);
}

export function indicatorRows(f: QuarterFigures): [string, string][] {
  return [
    ['cases_opened', String(f.casesOpened)],
    ['cases_closed', String(f.casesClosed)],
    ...OFFICE_KINDS.map((kind): [string, string] => [`persons_referred_${kind}`, String(f.personsReferred[kind] ?? 0)]),
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

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function indicatorsCsv(municipalityId: string, f: QuarterFigures): string {
  const header = ['municipality', 'year', 'quarter', 'period_start', 'period_end', 'indicator', 'value'];
  const rows = indicatorRows(f).map(([indicator, value]) => [municipalityId, String(f.year), String(f.quarter), f.periodStart, f.periodEnd, indicator, value]);
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',') + '\r\n').join('');
}
