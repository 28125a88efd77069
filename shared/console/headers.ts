/**
 * The security headers of the coordinators' console, written once: CloudFront's response headers
 * policy on AWS (infra/console.ts) and the local static server (local/web.ts) send the same, so a
 * page that breaks the Content-Security-Policy breaks in the browser tests first.
 *
 * The console is a static bundle with no inline script or style: scripts, styles, fonts and
 * images only from its own origin; network calls only to itself (config.json), the API and
 * Cognito; no framing, no plugins, no <base>.
 */
export interface ConsoleCspSources {
  /** The API's origin (e.g. https://abc.execute-api.eu-central-1.amazonaws.com). */
  api: string;
  /** Cognito's endpoint origin (https://cognito-idp.<region>.amazonaws.com, or the emulator's). */
  cognito: string;
}

/** scheme://host[:port] of a URL (CSP source expressions take origins; a path would narrow them). */
export function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

export function consoleCsp(sources: ConsoleCspSources): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${sources.api} ${sources.cognito}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Every header but HSTS (which only means something over HTTPS: CloudFront adds it there). */
export function consoleSecurityHeaders(sources: ConsoleCspSources): Record<string, string> {
  return {
    'content-security-policy': consoleCsp(sources),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** Two years, subdomains, as CloudFront sends it. */
export const CONSOLE_HSTS_SECONDS = 63_072_000;
