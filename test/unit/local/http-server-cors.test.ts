import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type ApiRoute } from '../../../events/triggers.js';
import { startHttpServer, type RunningHttp } from '../../../local/http-server.js';
import { CONSOLE_CORS, ORIGIN_PATTERN } from '../../../shared/http/cors.js';

/**
 * The local API answers the console's browser as API Gateway's CORS configuration does: a
 * preflight from the console's origin gets the allowed methods and headers, and every answer to
 * it the allow-origin header; any other origin gets none, so its browser refuses.
 */
const CONSOLE = 'http://localhost:5173';
let withCors: RunningHttp;
let without: RunningHttp;
let called = 0;

const route = (method: 'GET' | 'POST', path: string) => ({
  method,
  path,
  functionName: 'api',
  handler: async () => {
    called++;
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
  },
  // As the local JWT authorizer refuses a missing token.
  authorize: async (headers: Record<string, string>) =>
    headers.authorization ? { ok: true as const, claims: {}, scopes: [] } : { ok: false as const, status: 401 as const, message: 'authorization: sign in' },
});

beforeAll(async () => {
  const routes = [route('GET', '/me'), route('POST', '/cases')];
  withCors = await startHttpServer(0, routes, undefined, [CONSOLE]);
  without = await startHttpServer(0, routes);
});
afterAll(async () => {
  await withCors?.stop();
  await without?.stop();
});

const preflight = (server: RunningHttp, origin: string, method = 'POST', path = '/cases') =>
  fetch(`${server.endpoint}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
  });

describe('CORS on the local API', () => {
  it('answers the console origin’s preflight with its methods and headers, before any authorizer or handler', async () => {
    const before = called;
    const res = await preflight(withCors, CONSOLE);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual([...CONSOLE_CORS.allowMethods]);
    expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual(['authorization', 'content-type']);
    expect(res.headers.get('vary')).toMatch(/origin/i);
    expect(called).toBe(before);
  });

  it('gives another origin, or a method the API has not, no CORS headers at all', async () => {
    for (const res of [await preflight(withCors, 'http://localhost:5174'), await preflight(withCors, 'https://evil.example.org'), await preflight(withCors, CONSOLE, 'PATCH')]) {
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-methods')).toBeNull();
    }
  });

  it('lets the console read every answer, a refusal included; not another origin', async () => {
    const ok = await fetch(`${withCors.endpoint}/me`, { headers: { origin: CONSOLE, authorization: 'Bearer x' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    const refused = await fetch(`${withCors.endpoint}/me`, { headers: { origin: CONSOLE } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    const notFound = await fetch(`${withCors.endpoint}/nowhere`, { headers: { origin: CONSOLE } });
    expect(notFound.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    const other = await fetch(`${withCors.endpoint}/me`, { headers: { origin: 'https://evil.example.org', authorization: 'Bearer x' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('without console origins there is no CORS: a preflight is just an unknown route', async () => {
    const res = await preflight(without, CONSOLE);
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${without.endpoint}/me`, { headers: { origin: CONSOLE, authorization: 'Bearer x' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows every method the API is declared with, and recognises origins as browsers send them', () => {
    for (const r of FUNCTIONS.api.trigger.routes as readonly ApiRoute[]) expect(CONSOLE_CORS.allowMethods, `${r.method} ${r.path}`).toContain(r.method);
    for (const ok of [CONSOLE, 'https://d111111abcdef8.cloudfront.net', 'https://console.referrals.example.org:8443']) expect(ORIGIN_PATTERN.test(ok), ok).toBe(true);
    for (const bad of ['*', 'http://localhost:5173/', 'https://x.example.org/path', 'localhost:5173', 'https://*.example.org', 'ftp://x.org']) expect(ORIGIN_PATTERN.test(bad), bad).toBe(false);
  });
});
