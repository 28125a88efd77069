import { createHash, createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  keyId,
  LINK_ACTIONS,
  linkExpiry,
  MAX_TOKEN_LENGTH,
  signLink,
  verifyLink,
  type LinkClaims,
} from '../../../shared/links/signed-link.js';

const KEY = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef', 'utf8');
const OTHER_KEY = Buffer.alloc(32, 7);
const NOW = 1_750_000_000; // epoch seconds
const CLAIMS = {
  caseId: '01JQ8Z6V3N7K2M4P5R6S7T8V9W',
  referralId: '01JQ8Z7A1B2C3D4E5F6G7H8J9K',
  action: 'accept' as const,
  exp: NOW + 3600,
};

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
/** A v1 token (no key id, as signed before rotation support) with a correct MAC over an arbitrary payload. */
function forge(payloadJson: string, key = KEY): string {
  const p = b64(payloadJson);
  return `${p}.${createHmac('sha256', key).update('referral-link.v1.' + p).digest('base64url')}`;
}
/** A v2 token (with key id) with a correct MAC over an arbitrary payload: what a holder of the key could sign. */
function forge2(payloadJson: string, key = KEY, kid = keyId(key)): string {
  const p = b64(payloadJson);
  return `${p}.${kid}${createHmac('sha256', key).update(`referral-link.v2.${kid}.${p}`).digest('base64url')}`;
}
/** Replace the character at i with a different base64url character. */
function flip(s: string, i: number): string {
  const c = s[i]!;
  return s.slice(0, i) + (c === 'A' ? 'B' : 'A') + s.slice(i + 1);
}

describe('signLink / verifyLink', () => {
  it('round-trips the claims that were signed, with v: 1', () => {
    const token = signLink(CLAIMS, KEY);
    expect(verifyLink(token, KEY, NOW)).toEqual({ ok: true, claims: { ...CLAIMS, v: 1 } });
  });

  it('is URL-safe: base64url without padding, one dot', () => {
    const token = signLink(CLAIMS, KEY);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-f]{8}[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(token.length).toBeLessThan(300);
  });

  it('scopes every token to its case, referral and action', () => {
    const tokens = LINK_ACTIONS.map((action) => signLink({ ...CLAIMS, action }, KEY));
    expect(new Set(tokens).size).toBe(3);
    tokens.forEach((t, i) => {
      const r = verifyLink(t, KEY, NOW);
      expect(r.ok && r.claims).toEqual({ ...CLAIMS, action: LINK_ACTIONS[i], v: 1 });
    });
    const other = signLink({ ...CLAIMS, referralId: '01JQ8Z7A1B2C3D4E5F6G7H8J9Z' }, KEY);
    const r = verifyLink(other, KEY, NOW);
    expect(r.ok && r.claims.referralId).toBe('01JQ8Z7A1B2C3D4E5F6G7H8J9Z');
  });

  it('refuses a payload swapped in from another token (signature covers the payload)', () => {
    const accept = signLink(CLAIMS, KEY);
    const decline = signLink({ ...CLAIMS, action: 'decline' }, KEY);
    const spliced = `${decline.split('.')[0]}.${accept.split('.')[1]}`;
    expect(verifyLink(spliced, KEY, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a tampered payload', () => {
    const [p, s] = signLink(CLAIMS, KEY).split('.') as [string, string];
    const tampered = b64(JSON.stringify({ ...CLAIMS, referralId: 'SOMEONE-ELSE', v: 1 }));
    expect(verifyLink(`${tampered}.${s}`, KEY, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(`${flip(p, 5)}.${s}`, KEY, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a tampered signature', () => {
    const [p, s] = signLink(CLAIMS, KEY).split('.') as [string, string];
    expect(verifyLink(`${p}.${flip(s, 8)}`, KEY, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(`${p}.${flip(s, 28)}`, KEY, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token signed with another key', () => {
    expect(verifyLink(signLink(CLAIMS, OTHER_KEY), KEY, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses truncated tokens as malformed', () => {
    const token = signLink(CLAIMS, KEY);
    for (const cut of [1, 2, 10, 43, 44, token.length - 1]) {
      expect(verifyLink(token.slice(0, token.length - cut), KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(verifyLink(token.split('.')[0]!, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses garbage as malformed', () => {
    for (const g of ['', '.', '..', 'abc', 'a.b.c', 'a.b', '%%%.%%%', 'x'.repeat(100) + '.' + 'y'.repeat(43), `${b64('{}')}.==`, 'ÿ.ÿ']) {
      expect(verifyLink(g, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses non-canonical base64url (padding, standard alphabet, stray bits)', () => {
    const [p, s] = signLink(CLAIMS, KEY).split('.') as [string, string];
    expect(verifyLink(`${p}.${s}=`, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyLink(`${p}=.${s}`, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyLink(`${p}.${s.replace(/-/g, '+').replace(/_/g, '/')}`, KEY, NOW).ok).toBe(false);
    // the 43rd character of a 32-byte MAC carries 2 unused bits; setting them is not the same token
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sloppy = (sig: string) => {
      const idx = alphabet.indexOf(sig.at(-1)!);
      return sig.slice(0, -1) + alphabet[(idx & ~3) | ((idx & 3) ^ 1)]!;
    };
    expect(s).toHaveLength(51);
    expect(verifyLink(`${p}.${sloppy(s)}`, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
    const [p1, s1] = forge(JSON.stringify({ ...CLAIMS, v: 1 })).split('.') as [string, string];
    expect(verifyLink(`${p1}.${s1}`, KEY, NOW).ok).toBe(true);
    expect(verifyLink(`${p1}.${sloppy(s1)}`, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses overlong tokens without looking at them', () => {
    const token = signLink(CLAIMS, KEY);
    expect(verifyLink(token + 'A'.repeat(MAX_TOKEN_LENGTH), KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
    // even a correctly signed one
    const big = forge(JSON.stringify({ ...CLAIMS, v: 1, pad: 'x'.repeat(1000) }));
    expect(big.length).toBeGreaterThan(MAX_TOKEN_LENGTH);
    expect(verifyLink(big, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses correctly signed payloads that are not valid claims (strict parse)', () => {
    const cases = [
      'not json',
      '[]',
      'null',
      JSON.stringify({ ...CLAIMS, v: 2 }),
      JSON.stringify({ ...CLAIMS }),
      JSON.stringify({ ...CLAIMS, v: 1, admin: true }),
      JSON.stringify({ ...CLAIMS, v: 1, action: 'delete' }),
      JSON.stringify({ ...CLAIMS, v: 1, exp: String(CLAIMS.exp) }),
      JSON.stringify({ ...CLAIMS, v: 1, exp: 1.5 }),
      JSON.stringify({ ...CLAIMS, v: 1, caseId: '' }),
      JSON.stringify({ ...CLAIMS, v: 1, referralId: 'REF#1' }),
      '{"__proto__":{"polluted":1},"caseId":"a","referralId":"b","action":"accept","exp":9999999999,"v":1}',
    ];
    for (const c of cases) {
      expect(verifyLink(forge(c), KEY, NOW), c).toEqual({ ok: false, reason: 'malformed' });
      expect(verifyLink(forge2(c), KEY, NOW), c).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an expired token as expired, from exp onwards, and keeps its (authentic) claims', () => {
    const token = signLink(CLAIMS, KEY);
    expect(verifyLink(token, KEY, CLAIMS.exp - 1).ok).toBe(true);
    expect(verifyLink(token, KEY, CLAIMS.exp)).toEqual({ ok: false, reason: 'expired', claims: { ...CLAIMS, v: 1 } });
    expect(verifyLink(token, KEY, CLAIMS.exp + 86_400 * 365)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('checks the signature before the expiry (a forged expired token is bad-signature)', () => {
    const old = signLink({ ...CLAIMS, exp: NOW - 10 }, OTHER_KEY);
    expect(verifyLink(old, KEY, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses to sign bad claims or with a short key', () => {
    expect(() => signLink({ ...CLAIMS, caseId: '' }, KEY)).toThrow();
    expect(() => signLink({ ...CLAIMS, action: 'delete' as never }, KEY)).toThrow();
    expect(() => signLink({ ...CLAIMS, exp: 0 }, KEY)).toThrow();
    expect(() => signLink(CLAIMS, Buffer.alloc(16))).toThrow(/32 bytes/);
    expect(() => verifyLink('x.y', Buffer.alloc(16), NOW)).toThrow(/32 bytes/);
    expect(() => verifyLink('x.y', { current: KEY, previous: Buffer.alloc(16) }, NOW)).toThrow(/32 bytes/);
    expect(() => signLink(CLAIMS, { current: Buffer.alloc(16), previous: KEY })).toThrow(/32 bytes/);
  });

  it('signs only the known claims (extra properties are dropped)', () => {
    const token = signLink({ ...CLAIMS, admin: true } as never, KEY);
    const r = verifyLink(token, KEY, NOW);
    expect(r).toEqual({ ok: true, claims: { ...CLAIMS, v: 1 } });
  });

  it('property: a random string never verifies and never throws', () => {
    const base64urlish = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split('')) });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), base64urlish, fc.string({ maxLength: 2000 })), (s) => {
        const r = verifyLink(s, KEY, NOW);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: changing any one character of a valid token makes it fail', () => {
    const token = signLink(CLAIMS, KEY);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }), (i, c) => {
        fc.pre(c !== token[i]);
        const changed = token.slice(0, i) + c + token.slice(i + 1);
        expect(verifyLink(changed, KEY, NOW).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: random claims round-trip exactly', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    fc.assert(
      fc.property(id, id, fc.constantFrom(...LINK_ACTIONS), fc.integer({ min: NOW + 1, max: NOW + 10 ** 9 }), (caseId, referralId, action, exp) => {
        const claims: Omit<LinkClaims, 'v'> = { caseId, referralId, action, exp };
        expect(verifyLink(signLink(claims, KEY), KEY, NOW)).toEqual({ ok: true, claims: { ...claims, v: 1 } });
      }),
      { numRuns: 200 },
    );
  });

  it('works with a random 32-byte key', () => {
    const key = randomBytes(32);
    expect(verifyLink(signLink(CLAIMS, key), key, NOW).ok).toBe(true);
  });
});

describe('key ids and rotation', () => {
  const OLD = randomBytes(32);
  const NEW = randomBytes(32);
  const STRANGER = randomBytes(32);
  const ROTATED = { current: NEW, previous: OLD };
  const sigOf = (t: string) => t.split('.')[1]!;

  it('names a key by the first 8 hex characters of its SHA-256, and puts that id in the token', () => {
    expect(keyId(KEY)).toBe(createHash('sha256').update(KEY).digest('hex').slice(0, 8));
    expect(keyId(KEY)).toMatch(/^[0-9a-f]{8}$/);
    expect(keyId(OLD)).not.toBe(keyId(NEW));
    expect(sigOf(signLink(CLAIMS, KEY)).slice(0, 8)).toBe(keyId(KEY));
    expect(() => keyId(Buffer.alloc(8))).toThrow(/32 bytes/);
  });

  it('signs with the current key only', () => {
    const token = signLink(CLAIMS, ROTATED);
    expect(sigOf(token).slice(0, 8)).toBe(keyId(NEW));
    expect(token).toBe(signLink(CLAIMS, NEW));
    expect(verifyLink(token, NEW, NOW).ok).toBe(true);
    expect(verifyLink(token, OLD, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('a link signed with the old key still verifies after the rotation (old key now "previous")', () => {
    const sentBefore = signLink(CLAIMS, OLD);
    expect(verifyLink(sentBefore, { current: OLD }, NOW).ok).toBe(true);
    expect(verifyLink(sentBefore, ROTATED, NOW)).toEqual({ ok: true, claims: { ...CLAIMS, v: 1 } });
    expect(verifyLink(signLink(CLAIMS, ROTATED), ROTATED, NOW).ok).toBe(true);
    // once the previous key is removed (after LINK_TTL_DAYS), it no longer does
    expect(verifyLink(sentBefore, { current: NEW }, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(sentBefore, { current: NEW, previous: undefined }, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a link signed with a key that is neither current nor previous', () => {
    expect(verifyLink(signLink(CLAIMS, STRANGER), ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    // not even if it claims the id of a key we hold
    expect(verifyLink(forge2(JSON.stringify({ ...CLAIMS, v: 1 }), STRANGER, keyId(NEW)), ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(forge2(JSON.stringify({ ...CLAIMS, v: 1 }), STRANGER, keyId(OLD)), ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(forge(JSON.stringify({ ...CLAIMS, v: 1 }), STRANGER), ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a tampered kid: another held key\'s id, an unknown id, or not an id at all', () => {
    const [p, s] = signLink(CLAIMS, OLD).split('.') as [string, string];
    const mac = s.slice(8);
    expect(verifyLink(`${p}.${keyId(NEW)}${mac}`, ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(`${p}.${keyId(STRANGER)}${mac}`, ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    for (let i = 0; i < 8; i++) {
      const c = s[i]!;
      const other = c === 'f' ? '0' : (parseInt(c, 16) + 1).toString(16);
      expect(verifyLink(`${p}.${s.slice(0, i)}${other}${s.slice(i + 1)}`, ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    }
    for (const kid of [keyId(OLD).toUpperCase(), 'zzzzzzzz', '0123456-', '0123_567']) {
      if (kid === keyId(OLD)) continue;
      expect(verifyLink(`${p}.${kid}${mac}`, ROTATED, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
    // the kid is covered by the MAC: a v1 MAC under a kid, or a v2 MAC without it, is refused
    const v1 = forge(JSON.stringify({ ...CLAIMS, v: 1 }), OLD);
    const [p1, s1] = v1.split('.') as [string, string];
    expect(verifyLink(`${p1}.${keyId(OLD)}${s1}`, ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(`${p}.${mac}`, ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('still verifies v1 links (no kid), with the current or the previous key', () => {
    const claims = JSON.stringify({ ...CLAIMS, v: 1 });
    expect(verifyLink(forge(claims, NEW), ROTATED, NOW)).toEqual({ ok: true, claims: { ...CLAIMS, v: 1 } });
    expect(verifyLink(forge(claims, OLD), ROTATED, NOW)).toEqual({ ok: true, claims: { ...CLAIMS, v: 1 } });
    expect(verifyLink(forge(claims, OLD), NEW, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(forge(JSON.stringify({ ...CLAIMS, exp: NOW, v: 1 }), OLD), ROTATED, NOW)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('still enforces expiry for links under the previous key (and keeps their claims)', () => {
    const token = signLink(CLAIMS, OLD);
    expect(verifyLink(token, ROTATED, CLAIMS.exp - 1).ok).toBe(true);
    expect(verifyLink(token, ROTATED, CLAIMS.exp)).toEqual({ ok: false, reason: 'expired', claims: { ...CLAIMS, v: 1 } });
    expect(verifyLink(signLink(CLAIMS, NEW), ROTATED, CLAIMS.exp + 1)).toMatchObject({ ok: false, reason: 'expired' });
    // a forged expired token is still bad-signature first
    expect(verifyLink(signLink({ ...CLAIMS, exp: NOW - 10 }, STRANGER), ROTATED, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('works while current and previous are the same key (mid-rotation)', () => {
    expect(verifyLink(signLink(CLAIMS, OLD), { current: OLD, previous: OLD }, NOW).ok).toBe(true);
  });

  it('property: with two keys held, any one-character change of a valid token fails', () => {
    const token = signLink(CLAIMS, OLD);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split('')), (i, c) => {
        fc.pre(c !== token[i]);
        expect(verifyLink(token.slice(0, i) + c + token.slice(i + 1), ROTATED, NOW).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('linkExpiry', () => {
  it('is now + 30 days in epoch seconds by default', () => {
    const now = new Date('2025-03-03T10:00:00.900Z');
    expect(linkExpiry(now)).toBe(Math.floor(now.getTime() / 1000) + 30 * 86_400);
    expect(linkExpiry(now, 1)).toBe(Math.floor(now.getTime() / 1000) + 86_400);
  });

  it('refuses nonsense', () => {
    expect(() => linkExpiry(new Date('nope'))).toThrow();
    expect(() => linkExpiry(new Date(), 0)).toThrow();
    expect(() => linkExpiry(new Date(), -1)).toThrow();
  });
});
