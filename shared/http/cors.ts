/**
 * Cross-origin access for the coordinators' console, which is served from another origin than the
 * API (a CloudFront domain on AWS, Vite's dev server locally). One policy for both sides: API
 * Gateway's CORS configuration (infra/http-api.ts) and the local HTTP server (local/http-server.ts).
 * Only the console's own origins are allowed, never `*`: the API answers with household data.
 */
export const CONSOLE_CORS = {
  /** The bearer token and JSON bodies; nothing else is read from a request. */
  allowHeaders: ['authorization', 'content-type'],
  /** Every method a route of the coordinators' API is declared with (test/unit/api checks it). */
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  /** How long a browser may reuse a preflight answer. */
  maxAgeSeconds: 600,
} as const;

/** An origin as a browser sends it: scheme, host and optional port, no path and no wildcard. */
export const ORIGIN_PATTERN = /^https?:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/;

/** The CORS headers of an answer to `origin`: none unless it is one of `allowed`. */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  return origin !== undefined && allowed.includes(origin) ? { 'access-control-allow-origin': origin } : {};
}

/**
 * The answer to a preflight (OPTIONS with Access-Control-Request-Method): the allowed headers and
 * methods for an allowed origin asking for an allowed method, nothing for anyone else (the
 * browser then refuses the request, as API Gateway's own preflight answer makes it do).
 */
export function preflightHeaders(origin: string | undefined, requestMethod: string | undefined, allowed: readonly string[]): Record<string, string> {
  const method = (requestMethod ?? '').toUpperCase();
  if (!(CONSOLE_CORS.allowMethods as readonly string[]).includes(method)) return {};
  const base = corsHeaders(origin, allowed);
  if (Object.keys(base).length === 0) return {};
  return {
    ...base,
    'access-control-allow-methods': CONSOLE_CORS.allowMethods.join(','),
    'access-control-allow-headers': CONSOLE_CORS.allowHeaders.join(','),
    'access-control-max-age': String(CONSOLE_CORS.maxAgeSeconds),
  };
}
