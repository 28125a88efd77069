/**
 * The intent an email came from, carried as an SES message tag so that bounce, complaint and
 * delivery events find their intent without an index on provider message ids. SES tag values may
 * hold only ASCII letters, digits, `_` and `-`, so the key is base64url-encoded (no padding).
 */
export const INTENT_TAG = 'intent';

export function encodeIntentTag(key: { pk: string; intentId: string }): string {
  return Buffer.from(`${key.pk}\n${key.intentId}`, 'utf8').toString('base64url');
}

export function decodeIntentTag(value: string): { pk: string; intentId: string } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  const [pk, intentId, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('\n');
  if (!pk || !intentId || rest.length > 0 || !/^(CASE|MEET|MUNI)#/.test(pk)) return undefined;
  // A key DynamoDB would refuse (partition keys hold 2,048 bytes, sort keys 1,024) names no
  // intent: not found, rather than an error from the table.
  if (Buffer.byteLength(pk, 'utf8') > 2048 || Buffer.byteLength(`NOTE#${intentId}`, 'utf8') > 1024) return undefined;
  return { pk, intentId };
}

/** SES rejects a tag value with any other character (a purpose like `referral.office` has a dot). */
export function sesTagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}
