import type { IndicatorLine, IndicatorsResponse } from './types.js';

/**
 * The quarter's indicators as the CSV attached to the quarterly report email
 * (shared/reports/indicators-csv.ts; a unit test holds the two byte-equal): one row per indicator
 * of the API's list, with the plan's baseline and target; CRLF, UTF-8 BOM (Excel otherwise
 * guesses a legacy code page). A share has two decimals, nothing to show an empty cell.
 */
function value(l: IndicatorLine, v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return l.share ? (Math.round((v + Number.EPSILON) * 100) / 100).toFixed(2) : String(v);
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function indicatorsCsv(municipalityId: string, f: IndicatorsResponse): string {
  const header = ['municipality', 'year', 'quarter', 'period_start', 'period_end', 'indicator', 'value', 'returnee', 'foreigner', 'baseline', 'target', 'target_year'];
  const rows = f.indicators.map((l) => [
    municipalityId,
    String(f.year),
    String(f.quarter),
    f.periodStart,
    f.periodEnd,
    l.code,
    value(l, l.value),
    value(l, l.returnee),
    value(l, l.foreigner),
    value(l, l.baseline),
    value(l, l.target),
    l.targetYear === undefined ? '' : String(l.targetYear),
  ]);
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',') + '\r\n').join('');
}
