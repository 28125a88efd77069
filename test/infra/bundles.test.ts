import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';

import { declared } from '../../events/functions.js';
import type { FunctionKey } from '../../events/triggers.js';
import { BUNDLE_BUDGET_BYTES, BUNDLE_GOAL_BYTES, CATALOGUE_DIR, HOUSE_ESBUILD } from '../../infra/bundling.js';
import { REPO_ROOT } from '../../infra/constructs/house-function.js';
import type { ReferralsStack } from '../../infra/stack.js';
import { type Json, ALL_FUNCTIONS, deployedValue, resource, synthMain } from './synth.js';

/**
 * The functions as deployed: the bundles the stack staged (built with infra/bundling.ts's
 * options), each within the budget, the message catalogue beside those that render, and each
 * loading in a plain `node` with its deployed environment.
 */

let stack: ReferralsStack;
let assembly: CloudAssembly;

beforeAll(() => {
  ({ stack, assembly } = synthMain());
});

function assetOf(key: FunctionKey): string {
  const s3Key: string = resource(stack.functions[key]).Properties.Code.S3Key;
  return join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

it(`every function's index.mjs is at most ${kb(BUNDLE_BUDGET_BYTES)} minified (BUNDLE_BUDGET_BYTES; the goal is ${kb(BUNDLE_GOAL_BYTES)})`, () => {
  const sizes = ALL_FUNCTIONS.map((key) => ({ fn: declared(key).name, bytes: statSync(join(assetOf(key), 'index.mjs')).size }));
  // The figures, largest first, in the test's output: what a change did to each function.
  console.log(sizes.sort((a, b) => b.bytes - a.bytes).map((s) => `${s.fn.padEnd(24)} ${kb(s.bytes).padStart(8)}${s.bytes > BUNDLE_GOAL_BYTES ? '  (over the goal)' : ''}`).join('\n'));
  expect(sizes.filter((s) => s.bytes > BUNDLE_BUDGET_BYTES).map((s) => `${s.fn}: ${kb(s.bytes)}`)).toEqual([]);
});

describe('AWS credentials in a bundle: the environment Lambda sets, not the default chain', () => {
  // The chain's providers log these as they are tried; the environment provider logs its own.
  const CHAIN = 'defaultProvider::fromSSO';
  const ENV_PROVIDER = 'credential-provider-env - fromEnv';

  it('every staged bundle holds the environment provider and none of the rest of the chain', () => {
    for (const key of ALL_FUNCTIONS) {
      const bundle = readFileSync(join(assetOf(key), 'index.mjs'), 'utf8');
      expect({ fn: declared(key).name, chain: bundle.includes(CHAIN), env: bundle.includes(ENV_PROVIDER) }).toEqual({ fn: declared(key).name, chain: false, env: true });
    }
  });

  it('a client in a bundle built with the house options signs with the environment credentials, and without them names the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'house-credentials-'));
    try {
      const entry = join(dir, 'probe.ts');
      writeFileSync(entry, `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
        const client = new DynamoDBClient({ region: 'eu-central-1' });
        client.config.credentials().then((c) => console.log('KEY ' + c.accessKeyId + ' ' + c.sessionToken), (e) => console.log('ERROR ' + e.message));`);
      const outfile = join(dir, 'probe.mjs');
      await build({ ...HOUSE_ESBUILD, mainFields: [...HOUSE_ESBUILD.mainFields], external: [...HOUSE_ESBUILD.external], entryPoints: [entry], outfile, absWorkingDir: REPO_ROOT, nodePaths: [join(REPO_ROOT, 'node_modules')], logLevel: 'silent' });
      const run = (env: Record<string, string>) =>
        spawnSync(process.execPath, [outfile], { env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_EC2_METADATA_DISABLED: 'true', ...env }, encoding: 'utf8', timeout: 30_000 }).stdout.trim();
      expect(run({ AWS_ACCESS_KEY_ID: 'AKIDLAMBDA', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' })).toBe('KEY AKIDLAMBDA token');
      // The full chain would go on to the profile files and the metadata services and end with
      // "Could not load credentials from any providers".
      expect(run({})).toBe('ERROR Unable to find environment variable credentials.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('route-referrals, which sends no invitations, carries no calendar library; deliver-notifications, which does, has it', () => {
  // ical-generator writes this line; the platform's own code never spells it.
  const holdsCalendar = (key: FunctionKey) => readFileSync(join(assetOf(key), 'index.mjs'), 'utf8').includes('BEGIN:VCALENDAR');
  expect({ route: holdsCalendar('routeReferrals'), deliver: holdsCalendar('deliverNotifications') }).toEqual({ route: false, deliver: true });
});

it("every bundle has zod/mini with zod's English messages and no classic zod (shared/domain/zod.ts)", () => {
  // zod names each schema class as it builds it: classic "ZodObject", mini "ZodMiniObject" (core's "$ZodObject").
  const zodOf = (key: FunctionKey) => {
    const bundle = readFileSync(join(assetOf(key), 'index.mjs'), 'utf8');
    return { fn: declared(key).name, classic: bundle.includes('"ZodObject"'), mini: bundle.includes('"ZodMiniObject"'), english: bundle.includes('Too small: expected') };
  };
  expect(ALL_FUNCTIONS.map(zodOf)).toEqual(ALL_FUNCTIONS.map((key) => ({ fn: declared(key).name, classic: false, mini: true, english: true })));
});

it("only api, which takes typed phone numbers, carries libphonenumber-js's metadata (about 120 KB)", () => {
  // A key of the metadata; the schema that uses it (shared/domain/case.ts PhoneNumber) is pure so the others drop it.
  const holders = ALL_FUNCTIONS.filter((key) => readFileSync(join(assetOf(key), 'index.mjs'), 'utf8').includes('country_calling_codes'));
  expect(holders.map((key) => declared(key).name)).toEqual([declared('api').name]);
});

describe.each(ALL_FUNCTIONS)('%s', (key) => {
  it('has the message catalogue beside it exactly when it renders messages', () => {
    const bundle = readFileSync(join(assetOf(key), 'index.mjs'), 'utf8');
    const copied = join(assetOf(key), 'templates.generated');
    if (bundle.includes('./templates.generated/')) {
      expect(filesUnder(copied)).toEqual(filesUnder(join(REPO_ROOT, CATALOGUE_DIR)));
    } else {
      expect(existsSync(copied)).toBe(false);
    }
  });

  it('loads in node with its deployed environment and answers an empty event without a crash on import', () => {
    const variables = resource(stack.functions[key]).Properties.Environment.Variables as Record<string, Json>;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      ...Object.fromEntries(Object.entries(variables).map(([name, v]) => [name, deployedValue(v, { SenderAddress: 'Referrals <noreply@referrals.example.org>', SesConfigurationSetName: 'referrals' })])),
      // What Lambda sets; every AWS call goes to a closed port and fails at once.
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
    const url = pathToFileURL(join(assetOf(key), 'index.mjs')).href;
    // Import, then one call with an event of no kind the function takes: whatever it answers or
    // throws, the module and what it reads on first use (the catalogue, its config) are there.
    const script = `
      const m = await import(${JSON.stringify(url)});
      if (typeof m.handler !== 'function') { console.log('NO HANDLER'); process.exit(2); }
      const ctx = { functionName: 'probe', awsRequestId: 'probe', getRemainingTimeInMillis: () => 10000 };
      const outcome = await Promise.race([
        Promise.resolve().then(() => m.handler({}, ctx)).then(() => 'answered', (e) => 'threw ' + (e && (e.code ?? e.name))),
        new Promise((r) => setTimeout(() => r('no answer in 10 s'), 10000).unref()),
      ]);
      console.log('OUTCOME ' + outcome);
      process.exit(0);`;
    const run = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
    const outcome = /OUTCOME (.*)/.exec(run.stdout)?.[1];
    expect(outcome, `${declared(key).name}: ${run.stderr.split('\n').slice(0, 6).join('\n')}`).toBeDefined();
    expect(outcome).not.toMatch(/ENOENT|ERR_MODULE_NOT_FOUND|no answer/);
  });
});
