import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { declared } from '../../../events/functions.js';
import { FUNCTIONS, type FunctionKey } from '../../../events/triggers.js';
import { loadConfig, RespondConfig, ENV_NAMES } from '../../../shared/config/config.js';
import { secretsManagerOriginSecret } from '../../../shared/links/origin-secret-source.js';
import { cloudFrontRedirect, constantTimeEqual, ORIGIN_VERIFY_HEADER, OriginVerifier, type OriginSecretSource } from '../../../shared/links/origin-verify.js';

const SECRET = 'cf-0f3b9a7c2e6d41f8b5a0c9e7d3f1a2b4';
const source = (value: string): OriginSecretSource & { loads: number } => {
  const s = { loads: 0, load: async () => (s.loads++, value) };
  return s;
};
const failing = (name = 'ThrottlingException'): OriginSecretSource => ({
  load: async () => {
    const e = new Error(`secret ${SECRET} unavailable`);
    e.name = name;
    throw e;
  },
});

describe('OriginVerifier: only requests through CloudFront (x-origin-verify) reach respond', () => {
  it('lets through the matching header', async () => {
    expect(await new OriginVerifier(source(SECRET)).check({ [ORIGIN_VERIFY_HEADER]: SECRET })).toEqual({ ok: true });
    expect(await new OriginVerifier(source(SECRET)).check({ 'X-Origin-Verify': SECRET })).toEqual({ ok: true });
  });

  it('refuses a different header with 403', async () => {
    for (const given of [SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase(), ` ${SECRET}`, 'x', `${SECRET},${SECRET}`]) {
      expect(await new OriginVerifier(source(SECRET)).check({ [ORIGIN_VERIFY_HEADER]: given }), given).toEqual({ ok: false, status: 403, outcome: 'origin-unverified' });
    }
  });

  it('refuses a request without the header with 403, without reading the secret', async () => {
    for (const headers of [{}, undefined, { [ORIGIN_VERIFY_HEADER]: '' }, { 'x-origin-verif': SECRET }]) {
      const s = source(SECRET);
      expect(await new OriginVerifier(s).check(headers)).toEqual({ ok: false, status: 403, outcome: 'origin-unverified' });
      expect(s.loads).toBe(0);
    }
  });

  it('fails closed with 503 when the secret cannot be read (or is empty), naming only the error', async () => {
    const out = await new OriginVerifier(failing()).check({ [ORIGIN_VERIFY_HEADER]: SECRET });
    expect(out).toEqual({ ok: false, status: 503, outcome: 'origin-secret-unavailable', error: 'ThrottlingException' });
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(await new OriginVerifier(source('')).check({ [ORIGIN_VERIFY_HEADER]: '' })).toMatchObject({ ok: false, status: 403 });
    expect(await new OriginVerifier(source('')).check({ [ORIGIN_VERIFY_HEADER]: 'x' })).toMatchObject({ ok: false, status: 503, error: 'EmptySecret' });
  });

  it('never returns the header or the secret', async () => {
    const out = await new OriginVerifier(source(SECRET)).check({ [ORIGIN_VERIFY_HEADER]: 'attacker-guess' });
    expect(JSON.stringify(out)).not.toMatch(/attacker-guess|cf-0f3b/);
  });

  it('compares in constant time (digests of equal length, timingSafeEqual)', () => {
    expect(constantTimeEqual('a', 'a')).toBe(true);
    expect(constantTimeEqual('a', 'b')).toBe(false);
    expect(constantTimeEqual('a', 'a'.repeat(1000))).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

describe('secretsManagerOriginSecret: the secret through Powertools Parameters', () => {
  const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:referrals/link-origin-AbCdEf';

  it('reads the secret by its ARN and hands back its SecretString', async () => {
    const get = vi.fn(async () => SECRET);
    expect(await secretsManagerOriginSecret(ARN, get).load()).toBe(SECRET);
    expect(get).toHaveBeenCalledWith(ARN);
  });

  it('refuses a binary or empty secret (never "no check")', async () => {
    for (const v of [undefined, '', new Uint8Array([1, 2]), { value: SECRET }]) {
      await expect(secretsManagerOriginSecret(ARN, async () => v).load()).rejects.toMatchObject({ name: 'OriginSecretInvalid' });
    }
  });
});

describe('LINK_ORIGIN_SECRET_ARN', () => {
  const env = { TABLE_NAME: 't', PERSONAL_DATA_RETENTION_DAYS: '730', PUBLIC_BASE_URL: 'https://links.example.org', LINK_SIGNING_KEY_PARAMETER: '/referrals/link-signing-key' };
  const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:referrals/link-origin-AbCdEf';

  it('is optional for respond: unset or empty means no check', () => {
    expect(loadConfig(RespondConfig, env).LINK_ORIGIN_SECRET_ARN).toBeUndefined();
    expect(loadConfig(RespondConfig, { ...env, LINK_ORIGIN_SECRET_ARN: '' }).LINK_ORIGIN_SECRET_ARN).toBeUndefined();
    expect(loadConfig(RespondConfig, { ...env, LINK_ORIGIN_SECRET_ARN: ARN }).LINK_ORIGIN_SECRET_ARN).toBe(ARN);
  });

  it('is set for exactly the functions whose handler checks the origin', () => {
    for (const { name, settings } of (Object.keys(FUNCTIONS) as FunctionKey[]).map(declared)) {
      const handler = readFileSync(new URL(`../../../functions/${name}/handler.ts`, import.meta.url), 'utf8');
      expect((ENV_NAMES[settings] as readonly string[]).includes('LINK_ORIGIN_SECRET_ARN'), name).toBe(/\bconfig\.LINK_ORIGIN_SECRET_ARN\b/.test(handler));
    }
  });

  it('must be a Secrets Manager ARN, naming the variable', () => {
    for (const bad of ['referrals/link-origin', 'arn:aws:ssm:eu-central-1:123456789012:parameter/x', 'arn:aws:secretsmanager:eu-central-1:123:secret:x']) {
      expect(() => loadConfig(RespondConfig, { ...env, LINK_ORIGIN_SECRET_ARN: bad }), bad).toThrow(/LINK_ORIGIN_SECRET_ARN/);
    }
  });
});

describe('cloudFrontRedirect: links emailed before CloudFront keep working', () => {
  it('sends a GET of a link to the same link on the public base', () => {
    expect(cloudFrontRedirect('GET', '/r/abc.def', 'https://d111.cloudfront.net')).toBe('https://d111.cloudfront.net/r/abc.def');
    expect(cloudFrontRedirect('GET', '/r/abc.def', 'https://links.example.org/')).toBe('https://links.example.org/r/abc.def');
  });

  it('never redirects a POST (it would record an answer around the WAF) nor a path that is not a link', () => {
    expect(cloudFrontRedirect('POST', '/r/abc.def', 'https://d111.cloudfront.net')).toBeUndefined();
    expect(cloudFrontRedirect('GET', '/cases/x', 'https://d111.cloudfront.net')).toBeUndefined();
    expect(cloudFrontRedirect('GET', '/r/a/b', 'https://d111.cloudfront.net')).toBeUndefined();
  });
});
