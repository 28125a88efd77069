import { describe, expect, it } from 'vitest';
import { ApiError, createApi } from '../../../web/src/lib/api.js';
import { serve } from './http-server.js';

describe("the console's calls to the API", () => {
  // Without a bound the call waits for ever and this test fails at its timeout.
  it('give up on an API that never answers: a network error (status 0), which the pages say as "cannot be reached, try again"', { timeout: 10_000 }, async () => {
    const base = await serve();
    const api = createApi(base, async () => 'a-token', () => undefined, 200);
    const refused = await api.get('/me').then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(0);
  });

  it('give up on an answer that starts and never ends (its body is read inside the bound too)', { timeout: 10_000 }, async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"half":');
    });
    const api = createApi(base, async () => 'a-token', () => undefined, 200);
    const refused = await api.get('/me').then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(0);
  });

  it('still read an answer that takes a while, and name the field of a refusal', { timeout: 10_000 }, async () => {
    const base = await serve((req, res) => {
      setTimeout(() => {
        res.writeHead(req.method === 'POST' ? 400 : 200, { 'content-type': 'application/json' });
        res.end(req.method === 'POST' ? JSON.stringify({ message: 'phone: not a valid phone number' }) : JSON.stringify({ ok: true }));
      }, 50);
    });
    const api = createApi(base, async () => 'a-token', () => undefined, 2_000);
    expect(await api.get('/me')).toEqual({ ok: true });
    const refused = (await api.post('/cases', {}).catch((e: unknown) => e)) as ApiError;
    expect(refused.status).toBe(400);
    expect(refused.fields).toEqual({ phone: 'not a valid phone number' });
  });
});
