import { indicatorsKey, quarterKeyAt, type Increments } from '../indicators.js';
import type { Write } from './table.js';

/** The write that adds `add` to the municipality's counters for the quarter of `at` (countIn's twin: the item is made on first use). */
export function countIn(municipalityId: string, at: string, add: Increments): Write {
  const entries = Object.entries(add).filter(([, n]) => n !== undefined && n !== 0);
  if (entries.length === 0) throw new Error('countIn: nothing to count');
  return {
    update: indicatorsKey(municipalityId, quarterKeyAt(at)),
    change: (item) => {
      item.type = 'Indicators';
      item.quarter = quarterKeyAt(at);
      for (const [k, n] of entries) item[k] = (typeof item[k] === 'number' ? (item[k] as number) : 0) + (n as number);
    },
  };
}
