import { stringify } from 'csv-stringify/sync';
import { indicatorLines, type IndicatorLine, type IndicatorTarget } from '../domain/indicators.js';
import type { QuarterFigures } from '../domain/quarters.js';

export const INDICATOR_COLUMNS = [
  'municipality',
  'year',
  'quarter',
  'period_start',
  'period_end',
  'indicator',
  'value',
  'returnee',
  'foreigner',
  'baseline',
  'target',
  'target_year',
] as const;

/**
 * A share with two decimals, a count as it is; empty where there is nothing to show (a share of
 * nothing, an indicator not split, no baseline in the plan): an empty cell reads as "no data" in a
 * spreadsheet, where 0.00 would claim nobody answered in time. EPSILON keeps binary halves such
 * as 0.145 (stored as 0.14499…) rounding up as a person would.
 */
function cell(l: Pick<IndicatorLine, 'share'>, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return l.share ? (Math.round((value + Number.EPSILON) * 100) / 100).toFixed(2) : String(value);
}

/** The CSV's cells of one indicator, from `indicator` on (the console builds its CSV from the same lines). */
export function indicatorCells(l: IndicatorLine): string[] {
  return [l.code, cell(l, l.value), cell(l, l.returnee), cell(l, l.foreigner), cell(l, l.baseline), cell(l, l.target), l.targetYear === undefined ? '' : String(l.targetYear)];
}

/**
 * The quarterly indicators as the CSV attached to the quarterly report: one row per indicator in
 * a fixed order (so quarters line up when pasted together), with the plan's baseline and target
 * where it gives them; CRLF records and a UTF-8 BOM, because Excel, which the municipalities open
 * it in, otherwise guesses a legacy code page.
 */
export function indicatorsCsv(municipalityId: string, f: QuarterFigures, targets: Readonly<Record<string, IndicatorTarget>> = {}): string {
  const rows = indicatorLines(f, targets).map((l) => [municipalityId, String(f.year), String(f.quarter), f.periodStart, f.periodEnd, ...indicatorCells(l)]);
  return stringify(rows, { header: true, columns: [...INDICATOR_COLUMNS], record_delimiter: 'windows', bom: true });
}
