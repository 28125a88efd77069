import { describe, expect, it } from 'vitest';
import { ConfigError, DeliverConfig, loadConfig } from '../../../shared/config/config.js';
import { mayDeliver } from '../../../shared/delivery/test-mode.js';

const simulated = new Set(['+38344000001']);

describe('test mode never reaches a real person', () => {
  it.each(['gjendja-civile@obiliq.example.org', 'x@sub.example.com', 'a@partesh.test', 'b@lab.invalid', 'success@simulator.amazonses.com'])(
    'delivers email to the reserved address %s',
    (to) => expect(mayDeliver('test', 'email', to, simulated)).toBe(true),
  );

  it.each(['someone@gmail.com', 'zkkk@rks-gov.net', 'x@example.org.evil.com', 'x@notexample.org', 'success@simulator.amazonses.com.evil.org'])(
    'refuses email to the real-looking address %s',
    (to) => expect(mayDeliver('test', 'email', to, simulated)).toBe(false),
  );

  it('sends SMS only to the numbers listed as simulated', () => {
    expect(mayDeliver('test', 'sms', '+38344000001', simulated)).toBe(true);
    expect(mayDeliver('test', 'sms', '+38349555123', simulated)).toBe(false);
    expect(mayDeliver('test', 'sms', '+38344000001', new Set())).toBe(false);
  });

  it('live mode delivers to anyone', () => {
    expect(mayDeliver('live', 'sms', '+38349555123', new Set())).toBe(true);
    expect(mayDeliver('live', 'email', 'someone@gmail.com', new Set())).toBe(true);
  });
});

describe('the deliver function must be told its mode', () => {
  const env = { TABLE_NAME: 't', PERSONAL_DATA_RETENTION_DAYS: '30', SES_FROM_ADDRESS: 'a@b.example.org', SES_CONFIGURATION_SET: 'c', SEND_LEASE_SECONDS: '60', DELIVERY_MAX_ATTEMPTS: '4', DELIVERY_RETRY_BASE_SECONDS: '60', DELIVERY_RETRY_CAP_SECONDS: '600', DELIVERY_RETRY_MAX_AGE_HOURS: '24', PUBLIC_BASE_URL: 'https://links.example.org', LINK_SIGNING_KEY_FILE: '/tmp/k' };

  it('fails the cold start without DELIVERY_MODE, naming it', () => {
    expect(() => loadConfig(DeliverConfig, env)).toThrow(ConfigError);
    expect(() => loadConfig(DeliverConfig, env)).toThrow(/DELIVERY_MODE/);
  });

  it('reads the simulated numbers as a list and refuses a malformed one, naming the variable', () => {
    expect(loadConfig(DeliverConfig, { ...env, DELIVERY_MODE: 'test', SIMULATED_PHONE_NUMBERS: '+38344000001, +38344000002' }).SIMULATED_PHONE_NUMBERS).toEqual(['+38344000001', '+38344000002']);
    expect(loadConfig(DeliverConfig, { ...env, DELIVERY_MODE: 'test' }).SIMULATED_PHONE_NUMBERS).toEqual([]);
    expect(() => loadConfig(DeliverConfig, { ...env, DELIVERY_MODE: 'test', SIMULATED_PHONE_NUMBERS: '049 555 123' })).toThrow(/SIMULATED_PHONE_NUMBERS/);
    expect(() => loadConfig(DeliverConfig, { ...env, DELIVERY_MODE: 'staging' })).toThrow(/DELIVERY_MODE/);
  });
});
