import { headerOf } from '../../shared/http/headers.js';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, errors, type JWTPayload } from 'jose';

/**
 * The local stand-in for API Gateway's JWT authorizer (HTTP API): it checks what that authorizer
 * checks, in the same order, before any handler runs, and hands on the claims as API Gateway
 * does in `requestContext.authorizer.jwt`:
 *
 * 1. the `Authorization` header holds a token (alone, or after `Bearer `);
 * 2. it is a JWT signed RS256 by a key of the issuer's JWKS (by `kid`);
 * 3. `iss` is the configured issuer;
 * 4. `aud`, or when the token has no `aud`, `client_id`, is one of the configured audience;
 * 5. `exp` is in the future, and `nbf` and `iat` are not, by real wall time (tokens are
 *    issued on real time: the stack's movable clock is for the functions, not for sign-in);
 * 6. the route's scopes: the token's `scope` must include one of them.
 *
 * One difference, on purpose: a token whose `token_use` is not `access` (an id token) is
 * answered 401 here. On AWS, the route's scope requirement refuses it (an id token has no
 * `scope`), with 403; the API handler, too, refuses any claims that are not an access token's
 * with 401 (shared/identity/caller.ts). Either way, no route handler runs.
 */
export type AuthorizerResult =
  | { ok: true; claims: Record<string, string>; scopes: string[] }
  | { ok: false; status: 401 | 403; message: string };

export interface JwtAuthorizerOptions {
  issuer: string;
  jwksUri: string;
  /** The app client ids (API Gateway's `audience`). */
  audience: string[];
  /** The route's authorization scopes; empty: none required. */
  scopes: string[];
}

export type JwtAuthorizer = (headers: Record<string, string | undefined>) => Promise<AuthorizerResult>;

const HOW = 'sign in and send your access token (Authorization: Bearer <token>); locally: npm run cli -- token <short name>';
const unauthorized = (why: string): AuthorizerResult => ({ ok: false, status: 401, message: `authorization: ${why}: ${HOW}` });

/** The token from an `Authorization` header value: `Bearer <token>` or the token alone, as API Gateway takes it. */
export function tokenFromHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const bearer = /^bearer\s+(.+)$/i.exec(trimmed);
  const token = (bearer ? bearer[1]! : trimmed).trim();
  return token === '' ? undefined : token;
}

/**
 * One claim's value as API Gateway hands it to an HTTP API's function: always a string; an array
 * as its items in brackets, separated by spaces (`[a b c]`); a number as written; an object as
 * `map[key:value …]` (keys sorted). The first two are what the platform relies on
 * (`cognito:groups`, `exp`); objects do not occur in Cognito's access tokens.
 */
export function flattenClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(flattenClaim).join(' ')}]`;
  if (value !== null && typeof value === 'object') {
    return `map[${Object.keys(value)
      .sort()
      .map((k) => `${k}:${flattenClaim((value as Record<string, unknown>)[k])}`)
      .join(' ')}]`;
  }
  return String(value);
}

export function flattenClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, flattenClaim(v)]));
}

const scopesOf = (payload: JWTPayload): string[] => {
  const raw = payload.scope ?? payload.scp;
  if (Array.isArray(raw)) return raw.map(String);
  return typeof raw === 'string' ? raw.split(' ').filter(Boolean) : [];
};

/** Tokens whose signature this authorizer has verified (a console's session, a bench's writers: a handful). */
const VERIFIED_TOKENS_KEPT = 1000;

export function createJwtAuthorizer(opts: JwtAuthorizerOptions): JwtAuthorizer {
  // Fetched on first use and kept; fetched again for a kid it does not know (at most every 30 s).
  const jwks = createRemoteJWKSet(new URL(opts.jwksUri));
  // One signed-in user sends the same token with every request for its hour. Its RS256 signature is
  // the authorizer's whole cost (about 1.7 ms of the Node thread every local function shares, where
  // on AWS API Gateway does it), and the same bytes verify the same way again: a token verified once
  // is kept, and only its time claims, which change with the clock, are checked again, as jose does.
  const verified = new Map<string, JWTPayload>();
  const verify = async (token: string): Promise<JWTPayload> => {
    const kept = verified.get(token);
    if (kept) {
      const now = Math.floor(Date.now() / 1000);
      if (typeof kept.nbf === 'number' && kept.nbf > now) throw new errors.JWTClaimValidationFailed('"nbf" claim timestamp check failed', kept, 'nbf', 'check_failed');
      if (typeof kept.exp === 'number' && kept.exp <= now) {
        verified.delete(token);
        throw new errors.JWTExpired('"exp" claim timestamp check failed', kept, 'exp', 'check_failed');
      }
      return kept;
    }
    const { payload } = await jwtVerify(token, jwks, { issuer: opts.issuer, algorithms: ['RS256'] });
    if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
    verified.set(token, payload);
    return payload;
  };
  return async (headers) => {
    const token = tokenFromHeader(headerOf(headers, 'authorization'));
    if (!token) return unauthorized('no token');
    try {
      const alg = decodeProtectedHeader(token).alg;
      if (alg !== 'RS256') return unauthorized(`a token signed ${alg ?? 'without an algorithm'} (RS256 only)`);
    } catch {
      return unauthorized('not a JWT');
    }

    let payload: JWTPayload;
    try {
      // jose checks the signature (by kid), iss, exp and nbf against Date.now(), no tolerance.
      payload = await verify(token);
    } catch (e) {
      if (e instanceof errors.JWTExpired) return unauthorized('the token has expired');
      if (e instanceof errors.JWTClaimValidationFailed) return unauthorized(`the token's ${e.claim} is not accepted here${e.claim === 'iss' ? ' (another user pool)' : ''}`);
      if (e instanceof errors.JWSSignatureVerificationFailed) return unauthorized('the token\'s signature does not verify');
      if (e instanceof errors.JWKSNoMatchingKey) return unauthorized('the token was not signed by a key of this user pool');
      if (e instanceof errors.JOSEError) return unauthorized(`not a valid token (${e.code})`);
      return { ok: false, status: 401, message: `authorization: the user pool's keys could not be read (${(e as Error).message}): is the Cognito emulator running?` };
    }

    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.iat === 'number' && payload.iat > now) return unauthorized('the token is issued in the future (iat)');
    if (typeof payload.exp !== 'number') return unauthorized('the token has no expiry (exp)');

    const aud = payload.aud === undefined ? undefined : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const audience = aud ?? (typeof payload.client_id === 'string' ? [payload.client_id] : []);
    if (!audience.some((a) => opts.audience.includes(a))) return unauthorized(`the token is for another app client (${aud ? 'aud' : 'client_id'})`);

    // Locally an id token (or any other) gets 401; on AWS the scope check below refuses it with 403.
    if (payload.token_use !== 'access') return unauthorized(`an ${String(payload.token_use ?? 'unknown')} token where an access token is needed`);

    const scopes = scopesOf(payload);
    if (opts.scopes.length > 0 && !opts.scopes.some((s) => scopes.includes(s))) {
      return { ok: false, status: 403, message: `authorization: the token lacks the scope this route requires (${opts.scopes.join(' or ')})` };
    }
    return { ok: true, claims: flattenClaims(payload), scopes };
  };
}
