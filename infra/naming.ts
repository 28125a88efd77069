/** routeReferrals → RouteReferrals: the construct-id prefix of a function's resources. */
export function pascalCase(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** The key under which `record` holds `value`. */
export function keyOf<T>(record: Record<string, T>, value: T): string {
  const key = Object.entries(record).find(([, v]) => v === value)?.[0];
  if (key === undefined) throw new Error('not in the record');
  return key;
}
