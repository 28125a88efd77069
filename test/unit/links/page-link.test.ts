import { describe, expect, it } from 'vitest';
import { pageLinkExpiryDay, pageUrl, PAGE_LINK_TTL_DAYS, signPageToken, verifyPageToken } from '../../../shared/links/page-link.js';
import { signLink } from '../../../shared/links/signed-link.js';

const KEY = Buffer.alloc(32, 7);
const OTHER = Buffer.alloc(32, 9);
const CASE = '01JD7ZQ4Y8K2M3N4P5Q6R7S8T9';
/** 2026-11-23, 10:00 UTC */
const NOW = Date.parse('2026-11-23T10:00:00Z') / 1000;
const TODAY = Math.floor(NOW / 86_400);

describe('the returnee page link (shared/links/page-link.ts)', () => {
  it('is short: 43 characters for a ULID case, 75 with the example base, and verifies for its case only', () => {
    const token = signPageToken(CASE, TODAY + 10, KEY);
    expect(token).toHaveLength(43);
    expect(token.startsWith(`${CASE}.`)).toBe(true);
    expect(pageUrl('https://referrals.example.org', token)).toHaveLength(75);
    expect(verifyPageToken(token, { current: KEY }, NOW)).toEqual({ ok: true, caseId: CASE, expiresDay: TODAY + 10 });
    // The same case id with another's tail, or the tail with another case id: not ours.
    const other = signPageToken('01JD7ZQ4Y8K2M3N4P5Q6R7S8T0', TODAY + 10, KEY);
    expect(verifyPageToken(`${CASE}.${other.split('.')[1]}`, { current: KEY }, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('is refused when forged, signed with another key, or changed in any character', () => {
    const token = signPageToken(CASE, TODAY + 10, KEY);
    expect(verifyPageToken(signPageToken(CASE, TODAY + 10, OTHER), { current: KEY }, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const c = token[i] === 'A' ? 'B' : 'A';
      const changed = token.slice(0, i) + c + token.slice(i + 1);
      expect(verifyPageToken(changed, { current: KEY }, NOW).ok, changed).toBe(false);
    }
  });

  it('verifies with the previous key during a rotation, and is signed with the current one', () => {
    const old = signPageToken(CASE, TODAY + 10, OTHER);
    expect(verifyPageToken(old, { current: KEY, previous: OTHER }, NOW)).toMatchObject({ ok: true, caseId: CASE });
    expect(verifyPageToken(old, { current: KEY }, NOW)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('holds through its last day and is expired the day after, naming its (genuine) case', () => {
    const token = signPageToken(CASE, TODAY, KEY);
    expect(verifyPageToken(token, { current: KEY }, (TODAY + 1) * 86_400 - 1)).toMatchObject({ ok: true });
    expect(verifyPageToken(token, { current: KEY }, (TODAY + 1) * 86_400)).toEqual({ ok: false, reason: 'expired', caseId: CASE });
  });

  it('lives the case\'s longest life from when its SMS was planned, the same day on every attempt', () => {
    expect(pageLinkExpiryDay(new Date('2026-11-23T10:00:00Z'))).toBe(TODAY + PAGE_LINK_TTL_DAYS);
    expect(pageLinkExpiryDay(new Date('2026-11-23T23:59:00Z'))).toBe(TODAY + PAGE_LINK_TTL_DAYS);
    expect(() => pageLinkExpiryDay(new Date('nope'))).toThrow();
  });

  it('refuses what is not one of its tokens without throwing: an office link, junk, padding, a long string', () => {
    const office = signLink({ caseId: CASE, referralId: 'R1', action: 'accept', exp: NOW + 100 }, KEY);
    const token = signPageToken(CASE, TODAY + 10, KEY);
    for (const t of [office, '', '.', 'abc', `${CASE}.`, `.${token.split('.')[1]}`, `${token}=`, `${token}x`, `${CASE}/x.${token.split('.')[1]}`, 'a'.repeat(5000), `${CASE}.${'_'.repeat(16)}`]) {
      const r = verifyPageToken(t, { current: KEY }, NOW);
      expect(r.ok, t.slice(0, 60)).toBe(false);
      expect(['malformed', 'bad-signature']).toContain((r as { reason: string }).reason);
    }
    expect(() => signPageToken('../etc', TODAY, KEY)).toThrow();
    expect(() => signPageToken(CASE, 70_000, KEY)).toThrow();
  });
});
