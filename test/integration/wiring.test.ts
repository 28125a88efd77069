import { describe, expect, it } from 'vitest';
import { WIRING } from '../../events/functions.js';
import { CONFIGS } from '../../events/settings.js';
import { FUNCTIONS, type FunctionKey } from '../../events/triggers.js';
import { loadConfig } from '../../shared/config/config.js';
import { deliveryEvent } from '../unit/delivery/ses-event-fixtures.js';
import type { LocalStack } from '../../local/stack.js';
import { wrappedBy } from '../../local/table-access.js';
import { stackForFile } from './support.js';

/**
 * Every declaration (events/triggers.ts, events/functions.ts) is wired by the local runtime, seen from the running
 * stack: its handler module, its settings, and its trigger's stand-in (poller, schedule, rule,
 * routes) invoking it. The CDK side of the same declarations: test/infra/wiring.test.ts.
 */
let stack: LocalStack;
stackForFile((s) => (stack = s));
const KEYS = Object.keys(FUNCTIONS) as FunctionKey[];
const namesOf = (kind: string) => KEYS.filter((k) => FUNCTIONS[k].trigger.kind === kind).map((k) => FUNCTIONS[k].name).sort();


describe.each(KEYS)('%s', (key) => {
  it('runs the handler export of functions/<name>/handler.ts', async () => {
    const module = (await import(`../../functions/${FUNCTIONS[key].name}/handler.ts`)) as { handler: unknown };
    // Run as its function, so that its table calls are checked against its own declaration.
    expect(wrappedBy(stack.handlers[key])).toEqual({ functionName: FUNCTIONS[key].name, handler: module.handler });
  });

  it('finds the settings its config reads in the environment', () => {
    expect(() => loadConfig(CONFIGS[WIRING[key].settings], stack.env)).not.toThrow();
  });
});

it('polls the stream for exactly the stream functions', () => {
  expect(stack.pollers.map((p) => p.functionName).sort()).toEqual(namesOf('dynamodb-stream'));
});

it('runs exactly the scheduled functions when their time comes', async () => {
  // A day and a bit: every declared schedule (every few minutes, or once a day) comes round.
  await stack.advance(25 * 3600 * 1000);
  expect([...new Set(stack.scheduler.runs.map((r) => r.name))].sort()).toEqual(namesOf('schedule'));
});

it('hands an event on the default bus to exactly the event-rule functions', async () => {
  const { deliveries } = await stack.publishSesEvent(deliveryEvent({ messageId: 'wiring-1', recipient: 'nobody@example.org', configurationSet: stack.env.SES_CONFIGURATION_SET! }));
  expect(deliveries.map((d) => d.functionName).sort()).toEqual(namesOf('event-rule'));
});

it('serves every declared route, and no other path', async () => {
  const notFound = await fetch(`${stack.api.endpoint}/not-declared`);
  expect(notFound.status).toBe(404);
  const apiGatewayNotFound = await notFound.text();
  for (const key of KEYS) {
    const { trigger } = FUNCTIONS[key];
    if (trigger.kind !== 'http') continue;
    for (const route of trigger.routes) {
      // Path parameters as a client would fill them; no token: signed-in routes answer 401.
      const path = route.path.replace(/\{[^}]+\}/g, 'x');
      const res = await fetch(`${stack.api.endpoint}${path}`, { method: route.method });
      const text = await res.text();
      expect(res.status === 404 && text === apiGatewayNotFound, `${route.method} ${route.path}`).toBe(false);
      if (trigger.auth === 'cognito') expect(res.status, `${route.method} ${route.path}`).toBe(401);
    }
  }
});
