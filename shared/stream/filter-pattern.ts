/**
 * The pattern language of Lambda's event filtering and of EventBridge's event patterns (one
 * syntax, one matcher): the local stream pollers drop exactly what the event source mapping drops
 * on AWS, each stream handler ignores what its own declared filters exclude, the DLQ redrive
 * (local and AWS) replays only what the mapping would have passed, and the local event bus
 * delivers an event to the rules whose patterns match it.
 *
 * Written by hand because no maintained npm package implements the language (event-ruler is
 * Java). It covers the operators this project's patterns may use (exact values, prefix, exists,
 * anything-but with values, numeric) and throws on anything else, so a new pattern that needs more
 * fails loudly here instead of silently matching differently.
 *
 * Semantics, as on AWS:
 * - every key of a pattern must match (AND); a rule's list matches when any entry does (OR);
 * - a field whose value is a list (SES message tags, DynamoDB `SS`/`L`) matches when any of
 *   its elements does;
 * - a missing field matches only `{ exists: false }` (so `anything-but` and `numeric` never match it).
 * One difference is kept on purpose: `numeric` also compares numeric strings, since DynamoDB
 * images carry numbers as strings (`{ N: "5" }`). EventBridge would not match a string there;
 * no pattern in this project uses `numeric`.
 */
export type Pattern = Record<string, unknown>;

function matchesScalar(value: unknown, rule: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return value === rule;
  const r = rule as Record<string, unknown>;
  if ('prefix' in r) {
    if (typeof r.prefix !== 'string') throw new Error(`unsupported prefix operator ${JSON.stringify(rule)}`);
    return typeof value === 'string' && value.startsWith(r.prefix);
  }
  if ('anything-but' in r) {
    const but = r['anything-but'];
    const list = Array.isArray(but) ? but : [but];
    // `anything-but: { prefix: … }` and the like are not implemented: failing beats matching everything.
    if (list.some((b) => b !== null && typeof b === 'object')) throw new Error(`unsupported anything-but operator ${JSON.stringify(rule)}`);
    return !list.includes(value as never);
  }
  if ('numeric' in r) {
    const ops = r.numeric as unknown[];
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
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

function matchesRule(value: unknown, present: boolean, rule: unknown): boolean {
  if (rule !== null && typeof rule === 'object' && 'exists' in rule) return (rule as { exists: unknown }).exists ? present : !present;
  if (!present) return false;
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => matchesScalar(v, rule));
}

export function matchesPattern(event: unknown, pattern: Pattern): boolean {
  const obj = event !== null && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>) : undefined;
  for (const [key, rule] of Object.entries(pattern)) {
    const present = obj !== undefined && key in obj && obj[key] !== undefined;
    const value = present ? obj[key] : undefined;
    if (Array.isArray(rule)) {
      if (!rule.some((r) => matchesRule(value, present, r))) return false;
    } else if (rule !== null && typeof rule === 'object') {
      if (!present) return false;
      const values = Array.isArray(value) ? value : [value];
      if (!values.some((v) => matchesPattern(v, rule as Pattern))) return false;
    } else {
      throw new Error(`pattern values must be lists or objects, got ${JSON.stringify(rule)} at ${key}`);
    }
  }
  return true;
}

/** Lambda passes a record when any of the mapping's patterns matches (OR); no patterns: every record. */
export function passesFilters(event: unknown, patterns: readonly Pattern[]): boolean {
  return patterns.length === 0 || patterns.some((p) => matchesPattern(event, p));
}
