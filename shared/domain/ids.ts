import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A stable id in the ULID alphabet, derived from a seed: the same needs assessment of the same
 * case always yields the same referral ids, so submitting it twice creates nothing twice.
 * (First character 0–7, as in a ULID, so it passes the same id checks.)
 */
export function derivedId(seed: string): string {
  const bytes = createHash('sha256').update(seed, 'utf8').digest();
  let bits = 0n;
  for (const b of bytes.subarray(0, 17)) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 26; i++) out = CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)]! + out;
  return String.fromCharCode(48 + (CROCKFORD.indexOf(out[0]!) % 8)) + out.slice(1);
}
