import { describe, expect, it } from 'vitest';
import { byCodeUnit } from '../../../shared/domain/order.js';

describe('byCodeUnit', () => {
  it('orders ISO times by time, ids and codes by code unit, and finds equal strings equal', () => {
    const times = ['2026-12-05T08:00:00.000Z', '2026-03-29T01:30:00.000Z', '2026-12-05T07:59:59.999Z', '2025-12-31T23:59:59.999Z'];
    expect([...times].sort(byCodeUnit)).toEqual([...times].sort((a, b) => Date.parse(a) - Date.parse(b)));
    // Code-unit order, not the collator's: upper case before lower case.
    expect(['b', 'a', 'B', 'A'].sort(byCodeUnit)).toEqual(['A', 'B', 'a', 'b']);
    expect(byCodeUnit('01JBX', '01JBX')).toBe(0);
  });
});
