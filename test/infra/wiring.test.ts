import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';

import { CONFIGS, DECLARED_SETTINGS } from '../../events/settings.js';
import { declared, type Grant, WIRING } from '../../events/functions.js';
import { type FunctionKey, routeKey } from '../../events/triggers.js';
import { REPO_ROOT } from '../../infra/constructs/house-function.js';
import type { ReferralsStack } from '../../infra/stack.js';
import { ENV_NAMES, loadConfig } from '../../shared/config/config.js';
import { type Json, ALL_FUNCTIONS, synthMain, logicalId, resource, ofType, allowedActions, getAtt, deployedValue } from './synth.js';

/**
 * Every declaration (events/triggers.ts, events/functions.ts) is wired by the CDK stack: a handler module, exactly the
 * environment its config reads, exactly the grants it names, and exactly its trigger, all read from
 * the synthesised template. A function added to the declarations, or a side forgotten, fails here.
 */

let stack: ReferralsStack;
let assembly: CloudAssembly;

beforeAll(() => {
  ({ stack, assembly } = synthMain());
});

/** The action each grant is known by in a role's policies (what it allows is pinned in table-and-iam and sms-and-email-events). */
const GRANT_ACTION: Record<Grant, string> = {
  'send-email': 'ses:SendEmail',
  'send-sms': 'sns:Publish',
  'read-link-signing-key': 'ssm:GetParameter',
  'read-link-origin-secret': 'secretsmanager:GetSecretValue',
  'delete-address-items': 'dynamodb:DeleteItem',
};

/** The parameters without a default: each deployment chooses them. */
const CHOSEN_AT_DEPLOYMENT = { SenderAddress: 'Referrals <noreply@referrals.example.org>', SesConfigurationSetName: 'referrals' };

/** What invokes the function, as the template says. */
function invokersOf(key: FunctionKey) {
  const fnRef = JSON.stringify({ Ref: logicalId(stack.functions[key]) });
  const fnArn = JSON.stringify(getAtt(stack.functions[key], 'Arn'));
  const integrations = new Set(ofType('AWS::ApiGatewayV2::Integration').filter(([, i]) => JSON.stringify(i.Properties.IntegrationUri) === fnArn).map(([id]) => id));
  return {
    streams: ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName) === fnRef).length,
    schedules: ofType('AWS::Scheduler::Schedule').filter(([, s]) => JSON.stringify(s.Properties.Target.Arn) === fnArn).length,
    rules: ofType('AWS::Events::Rule').filter(([, r]) => (r.Properties.Targets as Json[]).some((t) => JSON.stringify(t.Arn) === fnArn)).length,
    routes: ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => integrations.has(r.Properties.Target['Fn::Join'][1][1].Ref))
      .map(([, r]) => r.Properties.RouteKey as string)
      .sort(),
  };
}

describe.each(ALL_FUNCTIONS)('%s', (key) => {
  const declaration = declared(key);

  it('is the handler export of functions/<name>/handler.ts, bundled', () => {
    expect(existsSync(join(REPO_ROOT, 'functions', declaration.name, 'handler.ts'))).toBe(true);
    const fn = resource(stack.functions[key]).Properties;
    expect(fn.Handler).toBe('index.handler');
    const bundle = readFileSync(join(assembly.directory, `asset.${(fn.Code.S3Key as string).replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
    expect(bundle).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}/);
  });

  it('has the environment its config reads, and the config accepts it as deployed', () => {
    const env = resource(stack.functions[key]).Properties.Environment.Variables as Record<string, Json>;
    const names: readonly string[] = ENV_NAMES[declaration.settings];
    // Beside the config's own names, only the house's runtime settings.
    for (const name of Object.keys(env).filter((n) => !names.includes(n))) expect(name).toMatch(/^(NODE_OPTIONS|POWERTOOLS_[A-Z_]+)$/);
    // What the deployment leaves unset, the config must accept as absent.
    const deployed = Object.fromEntries(Object.entries(env).map(([name, v]) => [name, deployedValue(v, CHOSEN_AT_DEPLOYMENT)]));
    expect(() => loadConfig(CONFIGS[declaration.settings], deployed)).not.toThrow();
    for (const [name, value] of Object.entries(DECLARED_SETTINGS)) if (names.includes(name)) expect(env[name], name).toBe(value);
  });

  it('has exactly the grants it declares', () => {
    const actions = allowedActions(key);
    const granted = (Object.keys(GRANT_ACTION) as Grant[]).filter((g) => actions.includes(GRANT_ACTION[g]));
    expect(granted.sort()).toEqual([...declaration.grants].sort());
  });

  it('reaches no service its declaration does not name', () => {
    const services = new Set(['logs', 'xray', 'dynamodb', 'kms', ...declaration.grants.map((g) => GRANT_ACTION[g].split(':')[0]!)]);
    // Parking what failed in its DLQ: every function invoked but through the HTTP API.
    if (declaration.trigger.kind !== 'http') services.add('sqs');
    expect(allowedActions(key).filter((a) => !services.has(a.split(':')[0]!))).toEqual([]);
  });

  it('is invoked by exactly its declared trigger', () => {
    const { trigger } = declaration;
    expect(invokersOf(key)).toEqual({
      streams: trigger.kind === 'dynamodb-stream' ? 1 : 0,
      schedules: trigger.kind === 'schedule' ? 1 : 0,
      rules: trigger.kind === 'event-rule' ? 1 : 0,
      routes: trigger.kind === 'http' ? trigger.routes.map(routeKey).sort() : [],
    });
  });
});

/** Settings that name what only a grant lets the function use. */
const SETTING_NEEDS: Record<string, Grant> = {
  LINK_SIGNING_KEY_PARAMETER: 'read-link-signing-key',
  LINK_ORIGIN_SECRET_ARN: 'read-link-origin-secret',
  SES_FROM_ADDRESS: 'send-email',
};

it.each(Object.entries(SETTING_NEEDS))('a function is told %s exactly when its declaration grants %s', (setting, grant) => {
  for (const key of ALL_FUNCTIONS) {
    const told = setting in resource(stack.functions[key]).Properties.Environment.Variables;
    expect((WIRING[key].grants as readonly Grant[]).includes(grant), key).toBe(told);
  }
});
