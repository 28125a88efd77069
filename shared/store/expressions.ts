/**
 * `SET #f0 = :v0, #f1 = :v1 …` for a record of fields, with its names and values merged into
 * the ones a condition already uses. Placeholders keep reserved words (status, when…) safe.
 */
export function setFields(
  fields: Record<string, unknown>,
  names: Record<string, string> = {},
  values: Record<string, unknown> = {},
): { set: string; names: Record<string, string>; values: Record<string, unknown> } {
  const parts = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  return { set: `SET ${parts.join(', ')}`, names, values };
}
