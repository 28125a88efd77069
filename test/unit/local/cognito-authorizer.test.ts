import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listenLocal } from '../../../local/ports.js';
import { createJwtAuthorizer, flattenClaim, flattenClaims, tokenFromHeader, type JwtAuthorizer } from '../../../local/cognito/authorizer.js';
import { claimList } from '../../../shared/identity/caller.js';
import { API_SCOPE } from '../../../shared/identity/roles.js';

/**
 * The local JWT authorizer's checks, one at a time, against a key pair of the test's own whose
 * public half is served as a JWKS over http (as the emulator serves its pool's). The sign-in
 * integration test (test/integration/sign-in.test.ts) runs the same checks on the emulator's tokens.
 */
type Key = Parameters<SignJWT['sign']>[0];
const ISSUER = 'http://127.0.0.1:1/local_pool';
const CLIENT = 'console-client';
let jwks: { stop(): Promise<void>; endpoint: string };
let privateKey: Key;
let otherKey: Key;
let authorize: JwtAuthorizer;
let jwksRequests = 0;

const now = () => Math.floor(Date.now() / 1000);
const accessClaims = (over: JWTPayload = {}): JWTPayload => ({
  sub: 'b3c1d2e4-0000-4000-8000-000000000001',
  client_id: CLIENT,
  token_use: 'access',
  scope: API_SCOPE,
  'cognito:groups': ['municipality:obiliq', 'role:coordinator', 'directory:obiliq-zkkk-01'],
  auth_time: now() - 10,
  iss: ISSUER,
  iat: now() - 10,
  exp: now() + 3600,
  ...over,
});

async function sign(claims: JWTPayload, opts: { key?: Key; kid?: string | null } = {}): Promise<string> {
  const header = { alg: 'RS256', ...(opts.kid === null ? {} : { kid: opts.kid ?? 'test-key' }) };
  return new SignJWT(claims).setProtectedHeader(header).sign(opts.key ?? privateKey);
}

const expect401 = async (headers: Record<string, string>, why: RegExp) => {
  const r = await authorize(headers);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.status).toBe(401);
  expect(r.message).toMatch(/^authorization: /);
  expect(r.message).toMatch(why);
  expect(r.message).toContain('npm run cli -- token <short name>');
};

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  jwks = await listenLocal(
    createServer((_req, res) => {
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    }),
    0,
  );
  authorize = createJwtAuthorizer({ issuer: ISSUER, jwksUri: `${jwks.endpoint}/local_pool/.well-known/jwks.json`, audience: [CLIENT], scopes: [API_SCOPE] });
});
afterAll(() => jwks.stop());

describe('claims, flattened as API Gateway hands them to an HTTP API function', () => {
  it('every value a string: arrays "[a b c]", numbers and booleans as written, objects as map[k:v]', () => {
    expect(flattenClaim(['role:head', 'municipality:obiliq'])).toBe('[role:head municipality:obiliq]');
    expect(flattenClaim([])).toBe('[]');
    expect(flattenClaim(1767225600)).toBe('1767225600');
    expect(flattenClaim(true)).toBe('true');
    expect(flattenClaim('aws.cognito.signin.user.admin')).toBe('aws.cognito.signin.user.admin');
    expect(flattenClaim({ b: 2, a: ['x', 'y'] })).toBe('map[a:[x y] b:2]');
    const claims = flattenClaims({ sub: 'u', exp: 5, 'cognito:groups': ['role:viewer', 'municipality:*'] });
    expect(claims).toEqual({ sub: 'u', exp: '5', 'cognito:groups': '[role:viewer municipality:*]' });
    // and the API reads the groups back as they were (shared/identity/caller.ts)
    expect(claimList(claims['cognito:groups'])).toEqual(['role:viewer', 'municipality:*']);
  });

  it('the Authorization header: the token alone or after Bearer (any case); nothing else is a token', () => {
    expect(tokenFromHeader('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(tokenFromHeader('bearer   abc.def.ghi ')).toBe('abc.def.ghi');
    expect(tokenFromHeader('abc.def.ghi')).toBe('abc.def.ghi');
    expect(tokenFromHeader('Bearer ')).toBe('Bearer');
    expect(tokenFromHeader('   ')).toBeUndefined();
    expect(tokenFromHeader(undefined)).toBeUndefined();
  });
});

describe('createJwtAuthorizer', () => {
  it('lets an access token of the pool and client through, with its claims flattened and its scopes', async () => {
    const token = await sign(accessClaims());
    for (const headers of [{ authorization: `Bearer ${token}` }, { authorization: token }, { Authorization: `Bearer ${token}` }]) {
      const r = await authorize(headers);
      expect(r).toMatchObject({ ok: true, scopes: [API_SCOPE] });
      if (!r.ok) return;
      expect(r.claims['cognito:groups']).toBe('[municipality:obiliq role:coordinator directory:obiliq-zkkk-01]');
      expect(r.claims.token_use).toBe('access');
      expect(r.claims.exp).toMatch(/^\d+$/);
      expect(Object.values(r.claims).every((v) => typeof v === 'string')).toBe(true);
    }
  });

  it('fetches the JWKS once, not per request', async () => {
    const before = jwksRequests;
    for (let i = 0; i < 5; i++) expect((await authorize({ authorization: await sign(accessClaims()) })).ok).toBe(true);
    expect(jwksRequests).toBe(before);
  });

  it('401 without a token, or with something that is not a JWT', async () => {
    await expect401({}, /no token/);
    await expect401({ authorization: 'Bearer ' }, /not a JWT/);
    await expect401({ authorization: 'Bearer not-a-jwt' }, /not a JWT/);
    await expect401({ authorization: 'Basic dXNlcjpwYXNz' }, /not a JWT/);
  });

  it('401 for a signature that does not verify: another key, a tampered payload, an unknown kid, another algorithm', async () => {
    await expect401({ authorization: await sign(accessClaims(), { key: otherKey }) }, /signature/);
    const [h, , s] = (await sign(accessClaims())).split('.');
    const forged = Buffer.from(JSON.stringify(accessClaims({ 'cognito:groups': ['municipality:*', 'role:operator'] }))).toString('base64url');
    await expect401({ authorization: `${h}.${forged}.${s}` }, /signature/);
    await expect401({ authorization: await sign(accessClaims(), { kid: 'someone-elses' }) }, /not signed by a key of this user pool/);
    const hs256 = await new SignJWT(accessClaims()).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('a shared secret of enough length!!'));
    await expect401({ authorization: hs256 }, /signed HS256/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(accessClaims())).toString('base64url')}.`;
    await expect401({ authorization: none }, /signed none/);
  });

  it('401 for another issuer', async () => {
    await expect401({ authorization: await sign(accessClaims({ iss: 'http://127.0.0.1:1/local_other' })) }, /iss .*another user pool/);
    await expect401({ authorization: await sign(accessClaims({ iss: undefined })) }, /iss/);
  });

  it('401 for another app client: client_id without aud, or aud (which then decides)', async () => {
    await expect401({ authorization: await sign(accessClaims({ client_id: 'other-client' })) }, /another app client \(client_id\)/);
    await expect401({ authorization: await sign(accessClaims({ aud: 'other-client' })) }, /another app client \(aud\)/);
    // aud present: client_id is not looked at
    expect((await authorize({ authorization: await sign(accessClaims({ aud: [CLIENT, 'x'], client_id: 'other-client' })) })).ok).toBe(true);
  });

  it('401 for an expired token, one not valid yet (nbf), one issued in the future (iat), one without exp; by real time', async () => {
    await expect401({ authorization: await sign(accessClaims({ iat: now() - 7200, exp: now() - 1 })) }, /expired/);
    await expect401({ authorization: await sign(accessClaims({ nbf: now() + 60 })) }, /nbf/);
    await expect401({ authorization: await sign(accessClaims({ iat: now() + 60 })) }, /issued in the future/);
    await expect401({ authorization: await sign(accessClaims({ exp: undefined })) }, /no expiry/);
  });

  it('verifies a token\'s signature once; the same token again is checked for its expiry and nbf by the time of each request', async () => {
    const verifySpy = vi.spyOn(crypto.subtle, 'verify');
    try {
      const t0 = now();
      const token = await sign(accessClaims({ iat: t0, nbf: t0 + 60, exp: t0 + 600 }));
      await expect401({ authorization: token }, /nbf/);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime((t0 + 120) * 1000);
      for (let i = 0; i < 3; i++) expect((await authorize({ authorization: `Bearer ${token}` })).ok).toBe(true);
      const verifications = verifySpy.mock.calls.length;
      expect(verifications).toBeGreaterThan(0);
      vi.setSystemTime((t0 + 30) * 1000);
      await expect401({ authorization: token }, /nbf/);
      vi.setSystemTime((t0 + 600) * 1000);
      await expect401({ authorization: token }, /expired/);
      // another token is verified as ever
      await expect401({ authorization: await sign(accessClaims(), { key: otherKey }) }, /signature/);
      expect(verifySpy.mock.calls.length).toBe(verifications + 1);
    } finally {
      vi.useRealTimers();
      verifySpy.mockRestore();
    }
  });

  it('401 for an id token (locally; on AWS the missing scope refuses it with 403), 403 for an access token without the route\'s scope', async () => {
    const id = accessClaims({ token_use: 'id', aud: CLIENT, client_id: undefined, scope: undefined, email: 'x@demo.example.org' });
    await expect401({ authorization: await sign(id) }, /an id token where an access token is needed/);
    const r = await authorize({ authorization: await sign(accessClaims({ scope: 'openid email' })) });
    expect(r).toMatchObject({ ok: false, status: 403 });
    // a route without scopes takes any access token of the client
    const open = createJwtAuthorizer({ issuer: ISSUER, jwksUri: `${jwks.endpoint}/local_pool/.well-known/jwks.json`, audience: [CLIENT], scopes: [] });
    expect(await open({ authorization: await sign(accessClaims({ scope: undefined })) })).toMatchObject({ ok: true, scopes: [] });
  });

  it('401 naming the emulator when the JWKS cannot be fetched', async () => {
    const down = createJwtAuthorizer({ issuer: ISSUER, jwksUri: 'http://127.0.0.1:1/local_pool/.well-known/jwks.json', audience: [CLIENT], scopes: [API_SCOPE] });
    const r = await down({ authorization: await sign(accessClaims()) });
    expect(r).toMatchObject({ ok: false, status: 401 });
    if (!r.ok) expect(r.message).toMatch(/keys could not be read.*Cognito emulator running/);
  });
});
