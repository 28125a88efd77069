import { describe, expect, it } from 'vitest';
import { checkSameOrigin, originOf } from '../../../shared/links/same-origin.js';
import { headerOf } from '../../../shared/http/headers.js';

const BASE = 'https://links.example.org';

describe('checkSameOrigin: a POST to /r/{token} only from the link’s own page', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }, true],
    ['Sec-Fetch-Site: same-origin wins over a foreign Origin', { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }, true],
    ['Sec-Fetch-Site: same-origin with the right Origin', { 'sec-fetch-site': 'same-origin', origin: BASE }, true],
    ['Sec-Fetch-Site: same-site (another subdomain)', { 'sec-fetch-site': 'same-site' }, false],
    ['Sec-Fetch-Site: same-site even with the right Origin', { 'sec-fetch-site': 'same-site', origin: BASE }, false],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, false],
    ['Sec-Fetch-Site: cross-site even with the right Origin', { 'sec-fetch-site': 'cross-site', origin: BASE }, false],
    ['Sec-Fetch-Site: none (typed, bookmarked: never a form)', { 'sec-fetch-site': 'none' }, false],
    ['Sec-Fetch-Site: an unknown value', { 'sec-fetch-site': 'same-origin, cross-site' }, false],
    ['no Sec-Fetch-Site, Origin matches', { origin: BASE }, true],
    ['no Sec-Fetch-Site, Origin of another site', { origin: 'https://evil.example' }, false],
    ['no Sec-Fetch-Site, Origin: null', { origin: 'null' }, false],
    ['no Sec-Fetch-Site, Origin with another scheme', { origin: 'http://links.example.org' }, false],
    ['no Sec-Fetch-Site, Origin with another port', { origin: 'https://links.example.org:8443' }, false],
    ['no Sec-Fetch-Site, Origin a suffix of another host', { origin: 'https://links.example.org.evil.example' }, false],
    ['no Sec-Fetch-Site, Origin of a parent domain', { origin: 'https://example.org' }, false],
    ['no Sec-Fetch-Site, Origin with a path (no browser sends one)', { origin: `${BASE}/r/x` }, false],
    ['no Sec-Fetch-Site, empty Origin', { origin: '' }, false],
    ['neither header (a link scanner, curl)', {}, false],
    ['only a Referer of the right site', { referer: `${BASE}/r/abc` }, false],
  ];
  for (const [name, headers, ok] of cases) {
    it(`${ok ? 'accepts' : 'refuses'}: ${name}`, () => {
      const verdict = checkSameOrigin(headers, BASE);
      expect(verdict.ok).toBe(ok);
    });
  }

  it('says why, in a fixed vocabulary (never a header value)', () => {
    expect(checkSameOrigin({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, BASE)).toEqual({ ok: false, why: 'sec-fetch-site-not-same-origin' });
    expect(checkSameOrigin({ origin: 'https://evil.example' }, BASE)).toEqual({ ok: false, why: 'origin-mismatch' });
    expect(checkSameOrigin({}, BASE)).toEqual({ ok: false, why: 'no-origin-headers' });
    expect(checkSameOrigin(undefined, BASE)).toEqual({ ok: false, why: 'no-origin-headers' });
    expect(checkSameOrigin({ 'sec-fetch-site': 'same-origin' }, BASE)).toEqual({ ok: true, by: 'sec-fetch-site' });
    expect(checkSameOrigin({ origin: BASE }, BASE)).toEqual({ ok: true, by: 'origin' });
  });

  it('reads headers whatever their case, and values whatever their case or spaces', () => {
    expect(checkSameOrigin({ 'Sec-Fetch-Site': 'same-origin' }, BASE).ok).toBe(true);
    expect(checkSameOrigin({ 'SEC-FETCH-SITE': ' Same-Origin ' }, BASE).ok).toBe(true);
    expect(checkSameOrigin({ Origin: BASE }, BASE).ok).toBe(true);
    expect(checkSameOrigin({ 'Sec-Fetch-Site': 'cross-site', origin: BASE }, BASE).ok).toBe(false);
    expect(headerOf({ 'X-Thing': 'a' }, 'x-thing')).toBe('a');
    expect(headerOf({ 'x-thing': 'b', 'X-Thing': 'a' }, 'X-THING')).toBe('b');
    expect(headerOf(null, 'x')).toBeUndefined();
  });

  it('compares with the origin of PUBLIC_BASE_URL: its path and a default port do not count', () => {
    expect(originOf('https://links.example.org/prod')).toBe(BASE);
    expect(originOf('https://links.example.org:443')).toBe(BASE);
    expect(originOf('http://localhost:4010')).toBe('http://localhost:4010');
    expect(checkSameOrigin({ origin: BASE }, 'https://links.example.org/prod').ok).toBe(true);
    expect(checkSameOrigin({ origin: 'http://localhost:4010' }, 'http://localhost:4010').ok).toBe(true);
    expect(checkSameOrigin({ origin: 'http://localhost:4011' }, 'http://localhost:4010').ok).toBe(false);
  });
});
