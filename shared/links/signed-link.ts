import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Signed one-click links for a receiving office: accept, decline or report the outcome of ONE
 * referral, without logging in. The email carries three tokens; each names its case, referral
 * and action, so a token for one referral or action can never act on another.
 *
 *   token = base64url(JSON claims) "." base64url(HMAC-SHA256(key, "referral-link.v1." + payload))
 *
 * Hand-written on purpose, over node:crypto only: for a single-purpose link signed and checked
 * by the same service with a single key, twenty lines of HMAC are smaller and easier to review
 * than a JWT library, and there is no header, no `alg` negotiation ("none", RS/HS confusion) and
 * no key lookup to get wrong. The domain-separation prefix ("referral-link.v1.") keeps these
 * MACs from ever being valid for anything else signed with the same key.
 *
 * Verification order: size and shape → signature (constant time) → claims (strict) → expiry.
 * Nothing in the payload is trusted, or even parsed, before the signature has been checked.
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
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const Claims = z.strictObject({
  caseId: Id,
  referralId: Id,
  action: z.enum(LINK_ACTIONS),
  exp: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
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

const DOMAIN = 'referral-link.v1.';
const MAC_BYTES = 32;
const B64URL = /^[A-Za-z0-9_-]+$/;

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length < MIN_KEY_BYTES) {
    throw new Error(`link signing key must be at least ${MIN_KEY_BYTES} bytes`);
  }
}

function mac(payloadPart: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(DOMAIN + payloadPart, 'utf8').digest();
}

/** Strict base64url: alphabet only, no padding, and canonical (re-encodes to the same text). */
function decodeB64url(part: string): Buffer | undefined {
  if (!B64URL.test(part)) return undefined;
  const buf = Buffer.from(part, 'base64url');
  return buf.toString('base64url') === part ? buf : undefined;
}

export function signLink(claims: Omit<LinkClaims, 'v'>, key: Buffer): string {
  checkKey(key);
  // Fixed key order, nothing extra: what is signed is exactly what verifyLink will accept.
  const parsed = Claims.parse({ caseId: claims.caseId, referralId: claims.referralId, action: claims.action, exp: claims.exp, v: 1 });
  const payloadPart = Buffer.from(JSON.stringify(parsed), 'utf8').toString('base64url');
  return `${payloadPart}.${mac(payloadPart, key).toString('base64url')}`;
}

/** Never throws for any token (a wrong key is a programming error and does throw). */
export function verifyLink(token: string, key: Buffer, nowSeconds: number): VerifyResult {
  checkKey(key);
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, reason: 'malformed' };
  }
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [payloadPart, sigPart] = parts as [string, string];
  const payload = decodeB64url(payloadPart);
  const sig = decodeB64url(sigPart);
  if (!payload || !sig || sig.length !== MAC_BYTES) return { ok: false, reason: 'malformed' };

  if (!timingSafeEqual(sig, mac(payloadPart, key))) return { ok: false, reason: 'bad-signature' };

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
