import { describe, expect, it } from 'vitest';
import { WIRING } from '../../../events/functions.js';
import { CONFIGS } from '../../../events/settings.js';
import { FUNCTIONS, type FunctionKey } from '../../../events/triggers.js';
import { localWiring, type LocalHandlers } from '../../../local/functions.js';
import { localEnvironment } from '../../../local/settings.js';
import { loadConfig } from '../../../shared/config/config.js';

/**
 * The local runtime wires every declaration (events/triggers.ts, events/functions.ts) without starting anything: each
 * function's config accepts the one environment all handlers share, and each function is invoked
 * by the stand-in of its own trigger only. The running stack: test/integration/wiring.test.ts.
 */
const KEYS = Object.keys(FUNCTIONS) as FunctionKey[];

describe('the local runtime, from the declarations', () => {
  it.each(KEYS)("%s: its config accepts the local environment", (key) => {
    const env = localEnvironment({
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      endpoints: { dynamodb: 'http://127.0.0.1:8000', ses: 'http://127.0.0.1:8005', sms: 'http://127.0.0.1:4567' },
      tableName: 'referrals',
      tokens: { issuer: 'http://127.0.0.1:9339/local_pool', clientId: 'client' },
      apiPort: 3000,
      signingKeyFile: '/tmp/link-signing.key',
      deliveryMode: 'live',
      simulatedPhoneNumbers: [],
      logLevel: 'INFO',
      emitMetrics: false,
    });
    expect(() => loadConfig(CONFIGS[WIRING[key].settings], env)).not.toThrow();
  });

  it('invokes each function by its own trigger only, with its own handler', () => {
    // A stand-in handler per function, to tell them apart.
    const handlers = Object.fromEntries(KEYS.map((k) => [k, Object.assign(async () => undefined, { key: k })])) as unknown as LocalHandlers;
    const authorize = async () => ({ ok: false as const, status: 401 as const, message: 'no' });
    const wiring = localWiring(handlers, authorize);
    const keyOf = (handler: unknown) => (handler as { key: FunctionKey }).key;
    const invoked = {
      'dynamodb-stream': wiring.streams.map((s) => keyOf(s.handler)),
      schedule: wiring.schedules.map((s) => keyOf(s.handler)),
      'event-rule': wiring.eventTargets.map((t) => keyOf(t.handler)),
      http: [...new Set(wiring.routes.map((r) => keyOf(r.handler)))],
    };
    for (const key of KEYS) {
      const { trigger, name } = FUNCTIONS[key];
      for (const [kind, keys] of Object.entries(invoked)) expect(keys.includes(key), `${key} by ${kind}`).toBe(kind === trigger.kind);
      if (trigger.kind === 'http') {
        const routes = wiring.routes.filter((r) => keyOf(r.handler) === key);
        expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(trigger.routes.map((r) => `${r.method} ${r.path}`));
        for (const r of routes) expect(r.functionName).toBe(name);
        for (const r of routes) expect(r.authorize).toBe(trigger.auth === 'cognito' ? authorize : undefined);
      }
    }
    expect(wiring.streams.map((s) => s.declaration.trigger)).toEqual(KEYS.filter((k) => FUNCTIONS[k].trigger.kind === 'dynamodb-stream').map((k) => FUNCTIONS[k].trigger));
    expect(wiring.schedules.map((s) => s.trigger)).toEqual(KEYS.filter((k) => FUNCTIONS[k].trigger.kind === 'schedule').map((k) => FUNCTIONS[k].trigger));
  });
});
