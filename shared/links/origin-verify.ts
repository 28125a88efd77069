import { createHash, timingSafeEqual } from 'node:crypto';
import { headerOf } from '../http/headers.js';

/**
 * On AWS the link routes are served through CloudFront (with the WAF web ACL), which adds a
 * shared secret as the `x-origin-verify` header; a request that reaches the API directly, around
 * CloudFront and its rate limits, does not have it and is refused. Locally there is no CloudFront
 * and no secret, so no check (the handler builds no verifier).
 *
 * The secret is read through a small port (Secrets Manager on AWS: origin-secret-source.ts; a
 * stub in tests). Its value is the header's value as it is (a plain SecretString).
 */
export interface OriginSecretSource {
  /** The current value; throws when it cannot be read. Caching is the source's business. */
  load(): Promise<string>;
}

export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
/** How long the secret is cached: a rotation reaches every running respond within this. */
export const ORIGIN_SECRET_MAX_AGE_SECONDS = 300;

/**
 * ok, or why not: `forbidden` (403: header absent or different; a plain answer, no page, since no
 * person's browser reaches the API around CloudFront) or `unavailable` (503: the secret could not
 * be read). The verifier fails closed: with no secret to compare against nothing is let through,
 * and the answer is 503 rather than 403 because the fault is ours and passes (Secrets Manager
 * throttling or an outage, a missing permission or an empty secret): "try again" is true, a 5xx
 * shows up in the API's error metrics and alarms, and a 403 would wrongly tell an office (or the
 * on-call engineer reading the logs) that the request was bad.
 */
export type OriginCheck = { ok: true } | { ok: false; status: 403; outcome: 'origin-unverified' } | { ok: false; status: 503; outcome: 'origin-secret-unavailable'; error: string };

/** Equal, in time that does not depend on where the two first differ (nor on their lengths). */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

export class OriginVerifier {
  constructor(private readonly source: OriginSecretSource) {}

  /** Never logs nor returns a header's value or the secret. */
  async check(headers: Readonly<Record<string, string | undefined>> | null | undefined): Promise<OriginCheck> {
    const given = headerOf(headers, ORIGIN_VERIFY_HEADER);
    // No header: not from CloudFront, whatever the secret is; no need to read it.
    if (given === undefined || given === '') return { ok: false, status: 403, outcome: 'origin-unverified' };
    let secret: string;
    try {
      secret = await this.source.load();
    } catch (e) {
      return { ok: false, status: 503, outcome: 'origin-secret-unavailable', error: (e as Error)?.name ?? 'Error' };
    }
    // An empty secret would make the check meaningless: treated as unreadable.
    if (typeof secret !== 'string' || secret === '') return { ok: false, status: 503, outcome: 'origin-secret-unavailable', error: 'EmptySecret' };
    return constantTimeEqual(given, secret) ? { ok: true } : { ok: false, status: 403, outcome: 'origin-unverified' };
  }
}

/**
 * Where a GET that did not come through CloudFront is sent instead: the same link on the links'
 * public base. Links emailed before the deployment put CloudFront in front name the API's own
 * address; a redirect keeps them working, and is safe because a GET only shows the page (the
 * POST that records an answer is still refused unless it comes through CloudFront). Undefined for
 * anything else (a POST, or a path that is not a link).
 */
export function cloudFrontRedirect(method: string, rawPath: string, publicBaseUrl: string): string | undefined {
  if (method !== 'GET' || !/^\/r\/[^/]+$/.test(rawPath)) return undefined;
  return `${publicBaseUrl.replace(/\/$/, '')}${rawPath}`;
}
