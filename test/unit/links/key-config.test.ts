import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declared } from '../../../events/functions.js';
import { FUNCTIONS, type FunctionKey } from '../../../events/triggers.js';
import { DeliverConfig, ENV_NAMES, LINK_PREVIOUS_KEY_ENV_NAMES, loadConfig, RespondConfig } from '../../../shared/config/config.js';

const BASE = { TABLE_NAME: 't', PERSONAL_DATA_RETENTION_DAYS: '730', PUBLIC_BASE_URL: 'https://api.example.org/' };
const AWS = { ...BASE, LINK_SIGNING_KEY_PARAMETER: '/referrals/link-signing-key' };
const LOCAL = { ...BASE, LINK_SIGNING_KEY_FILE: '/tmp/k' };

describe('config of the previous link key', () => {
  it.each([['respond', RespondConfig]] as const)('%s: optional on AWS and locally, absent or empty meaning none', (_name, schema) => {
    expect(loadConfig(schema, AWS).LINK_SIGNING_KEY_PREVIOUS_PARAMETER).toBeUndefined();
    expect(loadConfig(schema, { ...AWS, LINK_SIGNING_KEY_PREVIOUS_PARAMETER: '' }).LINK_SIGNING_KEY_PREVIOUS_PARAMETER).toBeUndefined();
    expect(loadConfig(schema, { ...AWS, LINK_SIGNING_KEY_PREVIOUS_PARAMETER: '/referrals/link-signing-key-previous' }).LINK_SIGNING_KEY_PREVIOUS_PARAMETER).toBe(
      '/referrals/link-signing-key-previous',
    );
    expect(loadConfig(schema, LOCAL).LINK_SIGNING_KEY_PREVIOUS_FILE).toBeUndefined();
    expect(loadConfig(schema, { ...LOCAL, LINK_SIGNING_KEY_PREVIOUS_FILE: '/tmp/k.previous' }).LINK_SIGNING_KEY_PREVIOUS_FILE).toBe('/tmp/k.previous');
  });

  it('refuses a previous key of the other kind, or the current one again, naming the variable', () => {
    expect(() => loadConfig(RespondConfig, { ...AWS, LINK_SIGNING_KEY_PREVIOUS_FILE: '/tmp/k.previous' })).toThrow(/LINK_SIGNING_KEY_PREVIOUS_FILE/);
    expect(() => loadConfig(RespondConfig, { ...LOCAL, LINK_SIGNING_KEY_PREVIOUS_PARAMETER: '/p' })).toThrow(/LINK_SIGNING_KEY_PREVIOUS_PARAMETER/);
    expect(() => loadConfig(RespondConfig, { ...AWS, LINK_SIGNING_KEY_PREVIOUS_PARAMETER: AWS.LINK_SIGNING_KEY_PARAMETER })).toThrow(/another parameter/);
    expect(() => loadConfig(RespondConfig, { ...LOCAL, LINK_SIGNING_KEY_PREVIOUS_FILE: LOCAL.LINK_SIGNING_KEY_FILE })).toThrow(/another file/);
    // the current key source is still required
    expect(() => loadConfig(RespondConfig, { ...BASE, LINK_SIGNING_KEY_PREVIOUS_PARAMETER: '/p' })).toThrow(/exactly one/);
  });

  it('are set for exactly the functions whose handler verifies links (signing uses the current key only)', () => {
    for (const { name, settings } of (Object.keys(FUNCTIONS) as FunctionKey[]).map(declared)) {
      const handler = readFileSync(new URL(`../../../functions/${name}/handler.ts`, import.meta.url), 'utf8');
      const verifies = /signingKeySource\(config, 'verify'\)/.test(handler);
      for (const n of LINK_PREVIOUS_KEY_ENV_NAMES) expect((ENV_NAMES[settings] as readonly string[]).includes(n), `${name}: ${n}`).toBe(verifies);
    }
  });

  it('deliver, which signs the offices\' links, needs exactly one current key source', () => {
    const delivery = {
      SES_FROM_ADDRESS: 'Referrals <r@example.org>',
      SES_CONFIGURATION_SET: 'cs',
      SEND_LEASE_SECONDS: '60',
      DELIVERY_MAX_ATTEMPTS: '5',
      DELIVERY_RETRY_BASE_SECONDS: '30',
      DELIVERY_RETRY_CAP_SECONDS: '900',
      DELIVERY_RETRY_MAX_AGE_HOURS: '24',
      DELIVERY_MODE: 'live',
    };
    expect(loadConfig(DeliverConfig, { ...LOCAL, ...delivery }).PUBLIC_BASE_URL).toBe('https://api.example.org');
    expect(() => loadConfig(DeliverConfig, { ...BASE, ...delivery })).toThrow(/exactly one/);
    expect(() => loadConfig(DeliverConfig, { ...AWS, ...LOCAL, ...delivery })).toThrow(/exactly one/);
  });
});
