import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkKeys } from './signed-link.js';

/**
 * The returnee page's link, /p/<token>: it opens the case's next steps in the returnee's language
 * and lets them say "I will come" / "I cannot come". It goes in an SMS, so it is short:
 *
 *   token = caseId "." base64url(expiry day, 2 bytes big-endian ‖ first 10 bytes of
 *           HMAC-SHA256(key, "returnee-page.v1." caseId "." expiry day))
 *
 * 43 characters for a ULID case id (`01JD7ZQ4Y8K2M3N4P5Q6R7S8T9.AbCdEfGhIjKlMnOp`). The expiry is a
 * day number (days since 1970-01-01, UTC), valid through the end of that day. Unlike the offices'
 * links (signed-link.ts) the token names no key: there is room for none in one SMS segment, so it
 * is checked against the current key and, during a rotation, the previous one (two MACs at most).
 * 80 bits of MAC are far beyond what an online guesser behind the links' WAF rate limit can try.
 * The domain prefix keeps these MACs from being valid for the offices' links, and the other way
 * round. The link also "expires with the case": the page is refused once the case is closed or
 * gone, whatever the token's day says (shared/cases/returnee-page.ts).
 */

const DOMAIN = 'returnee-page.v1.';
const MAC_BYTES = 10;
/** Case ids are ULIDs (26 characters); test ids are short slugs. Nothing else is decoded. */
const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const TAIL = /^[A-Za-z0-9_-]{16}$/;
export const MAX_PAGE_TOKEN_LENGTH = 81;
const DAY_SECONDS = 86_400;

/**
 * How long a page link lives after the SMS that carries it was planned: a case's longest life
 * (18 months from arrival, see docs/data-model.md#retention). The case's own closure ends it sooner.
 */
export const PAGE_LINK_TTL_DAYS = 548;

export type PageVerifyResult = { ok: true; caseId: string; expiresDay: number } | { ok: false; reason: 'malformed' | 'bad-signature' } | { ok: false; reason: 'expired'; caseId: string };

function mac(caseId: string, day: number, key: Buffer): Buffer {
  return createHmac('sha256', key).update(`${DOMAIN}${caseId}.${day}`, 'utf8').digest().subarray(0, MAC_BYTES);
}

/** The last day (UTC day number) a link for something planned at `planned` is valid. */
export function pageLinkExpiryDay(planned: Date, days = PAGE_LINK_TTL_DAYS): number {
  const ms = planned.getTime();
  if (!Number.isFinite(ms)) throw new Error('pageLinkExpiryDay: invalid date');
  return Math.floor(ms / 1000 / DAY_SECONDS) + days;
}

export function signPageToken(caseId: string, expiresDay: number, key: Buffer): string {
  if (!CASE_ID.test(caseId)) throw new Error('signPageToken: not a case id');
  if (!Number.isInteger(expiresDay) || expiresDay < 0 || expiresDay > 0xffff) throw new Error('signPageToken: expiry day out of range');
  const tail = Buffer.alloc(2 + MAC_BYTES);
  tail.writeUInt16BE(expiresDay, 0);
  mac(caseId, expiresDay, key).copy(tail, 2);
  return `${caseId}.${tail.toString('base64url')}`;
}

/**
 * Checks a page token against the current and previous keys. Never throws for any token. An
 * expired token's case id is genuine (its MAC checked): use it only to say whom to ask.
 */
export function verifyPageToken(token: string, keys: LinkKeys, nowSeconds: number): PageVerifyResult {
  if (typeof token !== 'string' || token.length > MAX_PAGE_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const dot = token.lastIndexOf('.');
  const caseId = token.slice(0, dot);
  const tailPart = token.slice(dot + 1);
  if (dot < 1 || !CASE_ID.test(caseId) || !TAIL.test(tailPart)) return { ok: false, reason: 'malformed' };
  const tail = Buffer.from(tailPart, 'base64url');
  if (tail.length !== 2 + MAC_BYTES || tail.toString('base64url') !== tailPart) return { ok: false, reason: 'malformed' };
  const day = tail.readUInt16BE(0);
  const given = tail.subarray(2);
  let good = false;
  for (const key of [keys.current, ...(keys.previous ? [keys.previous] : [])]) good = timingSafeEqual(given, mac(caseId, day, key)) || good;
  if (!good) return { ok: false, reason: 'bad-signature' };
  if (Math.floor(nowSeconds / DAY_SECONDS) > day) return { ok: false, reason: 'expired', caseId };
  return { ok: true, caseId, expiresDay: day };
}

/** The page's address: `<base>/p/<token>`. */
export function pageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/p/${token}`;
}
