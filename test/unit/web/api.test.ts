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

  it('keep which refusal it is where the API says, by field and for the whole answer, for the console to word it', async () => {
    const answers: Record<string, [number, unknown]> = {
      '/fields': [400, { message: 'bring: the reminder SMS would take 4 segments…', errors: [{ field: 'bring', message: 'the reminder SMS would take 4 segments…', code: 'segment-cap', values: { segments: 4, max: 3 } }, { field: 'when', message: 'must be in the future' }] }],
      '/whole': [409, { message: 'smrCaseId: a case with this SMR case id already exists', field: 'smrCaseId', code: 'smr-exists', caseId: 'C1' }],
    };
    const base = await serve((req, res) => {
      const [status, body] = answers[req.url!]!;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    const api = createApi(base, async () => 'a-token', () => undefined, 2_000);
    const fields = (await api.post('/fields', {}).catch((e: unknown) => e)) as ApiError;
    expect(fields.refusals).toEqual({ bring: { code: 'segment-cap', values: { segments: 4, max: 3 } } });
    expect(fields.fields).toEqual({ bring: 'the reminder SMS would take 4 segments…', when: 'must be in the future' });
    const whole = (await api.post('/whole', {}).catch((e: unknown) => e)) as ApiError;
    expect(whole.refusals).toEqual({ '': { code: 'smr-exists' }, smrCaseId: { code: 'smr-exists' } });
    // The case the SMR id is registered under, for the form to offer to open it.
    expect(whole.caseId).toBe('C1');
    expect(fields.caseId).toBeUndefined();
  });
});
