/**
 * Lambda event-filtering patterns, evaluated against a stream record: the local runtime drops
 * exactly what the event source mapping drops on AWS, and the DLQ redrive (local and AWS) replays
 * only the records the mapping would have passed.
 *
 * Written by hand because no maintained npm package implements Lambda's/EventBridge's pattern
 * language (event-ruler is Java). It covers the operators this project's filters may use
 * (exact values, prefix, exists, anything-but, numeric) and throws on anything else, so a new
 * filter that needs more fails loudly here instead of silently matching differently.
 */
export type Pattern = Record<string, unknown>;

function matchesOne(value: unknown, present: boolean, rule: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return present && value === rule;
  const r = rule as Record<string, unknown>;
  if ('exists' in r) return r.exists ? present : !present;
  if (!present) return false;
  if ('prefix' in r) return typeof value === 'string' && value.startsWith(String(r.prefix));
  if ('anything-but' in r) {
    const but = r['anything-but'];
    const list = Array.isArray(but) ? but : [but];
    return !list.includes(value as never);
  }
  if ('numeric' in r) {
    const ops = r.numeric as unknown[];
    const n = typeof value === 'number' ? value : Number(value);
    if (Number.isNaN(n)) return false;
    for (let i = 0; i < ops.length; i += 2) {
      const op = ops[i];
      const bound = Number(ops[i + 1]);
      const ok =
        op === '=' ? n === bound : op === '<' ? n < bound : op === '<=' ? n <= bound : op === '>' ? n > bound : op === '>=' ? n >= bound : undefined;
      if (ok === undefined) throw new Error(`unsupported numeric operator ${String(op)}`);
      if (!ok) return false;
    }
    return true;
  }
  throw new Error(`unsupported filter operator ${JSON.stringify(rule)}`);
}

export function matchesPattern(event: unknown, pattern: Pattern): boolean {
  for (const [key, rule] of Object.entries(pattern)) {
    const obj = event !== null && typeof event === 'object' ? (event as Record<string, unknown>) : undefined;
    const present = obj !== undefined && key in obj && obj[key] !== undefined;
    const value = present ? obj[key] : undefined;
    if (Array.isArray(rule)) {
      if (!rule.some((r) => matchesOne(value, present, r))) return false;
    } else if (rule !== null && typeof rule === 'object') {
      if (!present || !matchesPattern(value, rule as Pattern)) return false;
    } else {
      throw new Error(`filter values must be arrays or objects, got ${JSON.stringify(rule)} at ${key}`);
    }
  }
  return true;
}

/** Lambda passes a record when any of the mapping's patterns matches (OR). */
export function passesFilters(event: unknown, patterns: readonly Pattern[]): boolean {
  return patterns.length === 0 || patterns.some((p) => matchesPattern(event, p));
}
