/**
 * Whether a POST to a link route (/r/{token}) was sent by the link's own page, i.e. by a person
 * pressing the button in a browser, and not by a link scanner, another site, or a script.
 *
 * A browser's form POST from the page carries `Sec-Fetch-Site: same-origin` (every current
 * browser); an older browser that sends no Sec-Fetch-Site still sends `Origin`, which must then be
 * the origin of PUBLIC_BASE_URL, the base of the links. Anything else is refused: a cross-site or
 * same-site (another subdomain) value, `none` (typed or bookmarked: never a form), an `Origin` of
 * another site or `null` (sandboxed or privacy-stripped), and a request with neither header (what
 * a link scanner or a plain HTTP client sends).
 *
 * The page's Referrer-Policy must let the browser send its origin on a same-origin POST (under
 * `no-referrer` a form POST carries `Origin: null`): see PAGE_HEADERS in pages/response-page.ts.
 * Behind CloudFront, the origin request policy must forward both headers.
 */

import { headerOf } from '../http/headers.js';

/** Why a POST was refused: a fixed vocabulary for logs (never a header's value). */
export type SameOriginRefusal = 'sec-fetch-site-not-same-origin' | 'origin-mismatch' | 'no-origin-headers';

export type SameOriginVerdict = { ok: true; by: 'sec-fetch-site' | 'origin' } | { ok: false; why: SameOriginRefusal };


/** The origin (scheme://host[:port]) of the links' base URL, as a browser serializes it in `Origin`. */
export function originOf(publicBaseUrl: string): string {
  return new URL(publicBaseUrl).origin;
}

export function checkSameOrigin(headers: Readonly<Record<string, string | undefined>> | null | undefined, publicBaseUrl: string): SameOriginVerdict {
  const site = headerOf(headers, 'sec-fetch-site');
  if (site !== undefined && site.trim() !== '') {
    // When the browser says where the request came from, that is the answer, whatever Origin says.
    return site.trim().toLowerCase() === 'same-origin' ? { ok: true, by: 'sec-fetch-site' } : { ok: false, why: 'sec-fetch-site-not-same-origin' };
  }
  const origin = headerOf(headers, 'origin')?.trim();
  if (!origin) return { ok: false, why: 'no-origin-headers' };
  // Browsers serialize Origin exactly (lower-case scheme and host, no default port, no path).
  return origin === originOf(publicBaseUrl) ? { ok: true, by: 'origin' } : { ok: false, why: 'origin-mismatch' };
}
