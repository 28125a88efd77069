import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as z from '../domain/zod.js';

/**
 * Signed one-click links for a receiving office: accept, decline or report the outcome of ONE
 * referral, without logging in. The email carries three tokens; each names its case, referral
 * and action, so a token for one referral or action can never act on another.
 *
 *   token = base64url(JSON claims) "." kid base64url(HMAC-SHA256(key, "referral-link.v2." + kid + "." + payload))
 *   kid   = first 8 hex characters of SHA-256(key bytes): names the key, reveals nothing of it
 *
 * The key id lets the key be rotated without breaking the links already sent (valid 30 days):
 * the verifier holds the current key and, during a rotation, the previous one, and checks the
 * MAC only with the key whose id the token names. The kid is inside the MAC input, so changing
 * it breaks the signature; an id that names neither key is refused like a bad signature.
 *
 * Tokens signed before key ids existed ("v1": payload "." base64url(HMAC(key, "referral-link.v1."
 * + payload)), a 43-character signature part) still verify, against the current and the previous
 * key; they can be told apart by the signature part's length alone (43 vs 51 characters). New
 * tokens are always v2, signed with the current key. The v1 branch can go once the last v1 link
 * has expired (LINK_TTL_DAYS after the release that introduced v2).
 *
 * Hand-written on purpose, over node:crypto only: for a single-purpose link signed and checked
 * by the same service, twenty lines of HMAC are smaller and easier to review than a JWT library,
 * and there is no header, no `alg` negotiation ("none", RS/HS confusion) and only a two-entry key
 * lookup. The domain-separation prefixes ("referral-link.v1." / "referral-link.v2.") keep these
 * MACs from ever being valid for anything else signed with the same key, or for each other.
 *
 * Verification order: size and shape → key by id → signature (constant time) → claims (strict)
 * → expiry. Nothing in the payload is trusted, or even parsed, before the signature has been checked.
 */

export type LinkAction = 'accept' | 'decline' | 'outcome';
export const LINK_ACTIONS = ['accept', 'decline', 'outcome'] as const satisfies readonly LinkAction[];

export interface LinkClaims {
  caseId: string;
  referralId: string;
  action: LinkAction;
  /** epoch seconds */
  exp: number;
  v: 1;
}

/** Ids in this platform are ULIDs or short slugs; anything outside this alphabet is not ours. */
const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

const Claims = z.strictObject({
  caseId: Id,
  referralId: Id,
  action: z.enum(LINK_ACTIONS),
  exp: z.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER)),
  v: z.literal(1),
});

export type VerifyResult =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' }
  /**
   * The signature is good but the link is out of date. The claims are authentic and may be used
   * to say who to contact (coordinator, office languages); they must never authorise an action.
   */
  | { ok: false; reason: 'expired'; claims: LinkClaims };

export const LINK_TTL_DAYS = 30;
/** Tokens are ~200 characters; anything much longer is not one of ours and is not even decoded. */
export const MAX_TOKEN_LENGTH = 1024;
/** HMAC-SHA256 keys shorter than the hash output add nothing but risk. */
export const MIN_KEY_BYTES = 32;

const DOMAIN_V1 = 'referral-link.v1.';
const DOMAIN_V2 = 'referral-link.v2.';
const MAC_BYTES = 32;
/** base64url length of a 32-byte MAC, without padding. */
const MAC_CHARS = 43;
const KID_CHARS = 8;
const KID = /^[0-9a-f]{8}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The keys links are checked with: the current one (which also signs) and, during a rotation,
 * the previous one. A bare Buffer means "this key only".
 */
export interface LinkKeys {
  current: Buffer;
  previous?: Buffer | undefined;
}

/** A key's public id: the first 8 hex characters of SHA-256 of the key bytes. */
export function keyId(key: Buffer): string {
  checkKey(key);
  return createHash('sha256').update(key).digest('hex').slice(0, KID_CHARS);
}

function keysOf(keys: Buffer | LinkKeys): Buffer[] {
  const list = Buffer.isBuffer(keys) ? [keys] : [keys.current, ...(keys.previous === undefined ? [] : [keys.previous])];
  list.forEach(checkKey);
  return list;
}

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length < MIN_KEY_BYTES) {
    throw new Error(`link signing key must be at least ${MIN_KEY_BYTES} bytes`);
  }
}

function macV1(payloadPart: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(DOMAIN_V1 + payloadPart, 'utf8').digest();
}

function macV2(kid: string, payloadPart: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(`${DOMAIN_V2}${kid}.${payloadPart}`, 'utf8').digest();
}

/** Strict base64url: alphabet only, no padding, and canonical (re-encodes to the same text). */
function decodeB64url(part: string): Buffer | undefined {
  if (!B64URL.test(part)) return undefined;
  const buf = Buffer.from(part, 'base64url');
  return buf.toString('base64url') === part ? buf : undefined;
}

/** Signs with the current key (v2 token, with its key id). */
export function signLink(claims: Omit<LinkClaims, 'v'>, keys: Buffer | LinkKeys): string {
  const key = keysOf(keys)[0]!;
  // Fixed key order, nothing extra: what is signed is exactly what verifyLink will accept.
  const parsed = Claims.parse({ caseId: claims.caseId, referralId: claims.referralId, action: claims.action, exp: claims.exp, v: 1 });
  const payloadPart = Buffer.from(JSON.stringify(parsed), 'utf8').toString('base64url');
  const kid = keyId(key);
  return `${payloadPart}.${kid}${macV2(kid, payloadPart, key).toString('base64url')}`;
}

/**
 * Checks a token against the current and previous keys. Never throws for any token (a wrong key
 * is a programming error and does throw).
 */
export function verifyLink(token: string, keys: Buffer | LinkKeys, nowSeconds: number): VerifyResult {
  const all = keysOf(keys);
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, reason: 'malformed' };
  }
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [payloadPart, sigPart] = parts as [string, string];
  const payload = decodeB64url(payloadPart);
  if (!payload) return { ok: false, reason: 'malformed' };

  // v2: "kid" + MAC, checked only with the key(s) of that id; v1 (no kid): with every key held.
  let expected: Buffer[];
  let sig: Buffer | undefined;
  if (sigPart.length === KID_CHARS + MAC_CHARS) {
    const kid = sigPart.slice(0, KID_CHARS);
    if (!KID.test(kid)) return { ok: false, reason: 'malformed' };
    sig = decodeB64url(sigPart.slice(KID_CHARS));
    expected = all.filter((k) => keyId(k) === kid).map((k) => macV2(kid, payloadPart, k));
  } else if (sigPart.length === MAC_CHARS) {
    sig = decodeB64url(sigPart);
    expected = all.map((k) => macV1(payloadPart, k));
  } else {
    return { ok: false, reason: 'malformed' };
  }
  if (!sig || sig.length !== MAC_BYTES) return { ok: false, reason: 'malformed' };

  // Every candidate is compared (no early exit); an unknown kid leaves none and is refused here.
  let good = false;
  for (const m of expected) good = timingSafeEqual(sig, m) || good;
  if (!good) return { ok: false, reason: 'bad-signature' };

  // Signed by us: anything wrong from here on is a format we no longer (or never did) accept.
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = Claims.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const claims: LinkClaims = parsed.data;
  if (!(nowSeconds < claims.exp)) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

/** Expiry (epoch seconds) of a link issued at `now`, valid for `days` days. */
export function linkExpiry(now: Date, days = LINK_TTL_DAYS): number {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new Error('linkExpiry: invalid date');
  if (!Number.isFinite(days) || days <= 0) throw new Error(`linkExpiry: days must be positive, got ${days}`);
  return Math.floor(ms / 1000) + Math.round(days * 86_400);
}
