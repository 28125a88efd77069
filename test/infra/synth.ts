import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { expect, inject } from 'vitest';

import { type Grant, WIRING } from '../../events/functions.js';
import { FUNCTIONS, type FunctionKey } from '../../events/triggers.js';
import { REPO_ROOT } from '../../infra/constructs/house-function.js';
import type { LinkWafStack } from '../../infra/link-waf-stack.js';
import { createReferralsApp } from '../../infra/referrals-app.js';
import type { HttpFunctionKey, ReferralsStack, ScheduledFunctionKey, StreamFunctionKey } from '../../infra/stack.js';

/**
 * What the infra test files share: the suite's app synthesised once (synthMain), the deployment
 * variants, the function lists from the declarations, and helpers that read the template.
 */

export type Json = any; // CloudFormation fragments

export const ALL_FUNCTIONS = Object.keys(FUNCTIONS) as FunctionKey[];
// From the declarations, so every stream or schedule declared later is checked here too.
export const STREAM_FUNCTIONS = ALL_FUNCTIONS.filter(
  (k): k is StreamFunctionKey => FUNCTIONS[k].trigger.kind === 'dynamodb-stream',
);
export const SCHEDULED_FUNCTIONS = ALL_FUNCTIONS.filter(
  (k): k is ScheduledFunctionKey => FUNCTIONS[k].trigger.kind === 'schedule',
);
export const HTTP_FUNCTIONS = ALL_FUNCTIONS.filter((k): k is HttpFunctionKey => FUNCTIONS[k].trigger.kind === 'http');
/** The functions whose declarations name `grant`. */
export const grantedTo = (grant: Grant) => ALL_FUNCTIONS.filter((k) => (WIRING[k].grants as readonly Grant[]).includes(grant));
/** Functions declared to read the link-signing key (they sign or verify offices' links). */
export const LINK_KEY_READERS = grantedTo('read-link-signing-key');

/** The suite's app and its synthesised stacks: no deployment file, so every default applies. */
export interface Main {
  outdir: string;
  app: App;
  stack: ReferralsStack;
  /** The link WAF stack (us-east-1): the suite's app has no deployment file, so the link WAF is on (the default). */
  wafStack: LinkWafStack;
  assembly: CloudAssembly;
  template: Template;
  resources: Record<string, Json>;
}

let main: Main | undefined;
let stack: ReferralsStack;
let resources: Record<string, Json>;

/**
 * The suite's app, synthesised (with its functions bundled by the local esbuild) once per test
 * process: the infra project runs its files in one process (isolate: false), so every file shares
 * it. Temporary directories live under the directory global-setup.ts removes after the run.
 */
export function synthMain(): Main {
  if (main) return main;
  // Bundling must use the local esbuild: any fall-back to Docker would run this and fail loudly.
  process.env.CDK_DOCKER = '/nonexistent/docker-must-not-be-used';
  const outdir = mkdtempSync(join(inject('infraTmpDir'), 'referrals-cdk-'));
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'));
  // The same feature flags and settings as `cdk synth`, which passes cdk.json's context to the app.
  const built = createReferralsApp({ context: cdkJson.context, outdir });
  const assembly = built.app.synth(); // runs cdk-nag: throws on any unacknowledged error
  const template = Template.fromStack(built.stack);
  main = { outdir, app: built.app, stack: built.stack, wafStack: built.linkWaf!, assembly, template, resources: template.toJSON().Resources };
  ({ stack, resources } = main);
  return main;
}

export const EXAMPLE_DEPLOYMENT = join(REPO_ROOT, 'infra', 'deployments', 'example.json');

export interface Variant {
  app: App;
  stack: ReferralsStack;
  linkWaf?: LinkWafStack;
  assembly: CloudAssembly;
  template: Template;
  resources: Record<string, Json>;
}

/**
 * The app built from the example deployment file with `changes`, synthesised without bundling
 * (the Lambda code is the suite's own app's business); cdk-nag runs at synth as with `cdk synth`
 * and throws on any unacknowledged error.
 */
export function variant(changes: Record<string, unknown>): Variant {
  const dir = mkdtempSync(join(inject('infraTmpDir'), 'referrals-variant-'));
  const file = join(dir, 'deployment.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE_DEPLOYMENT, 'utf8')), ...changes }));
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'));
  const built = createReferralsApp({ context: { ...cdkJson.context, deployment: file, 'aws:cdk:bundling-stacks': [] }, outdir: join(dir, 'cdk.out') });
  const synthesised = built.app.synth();
  const t = Template.fromStack(built.stack);
  return { app: built.app, stack: built.stack, ...(built.linkWaf ? { linkWaf: built.linkWaf } : {}), assembly: synthesised, template: t, resources: t.toJSON().Resources };
}

/** Every violation cdk-nag's packs (and CloudFormation's own rules) wrote into the app's validation report. */
export function violationsOf(assemblyDir: string): Json[] {
  const written = JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8'));
  return written.pluginReports.flatMap((p: Json) => p.violations ?? []);
}

// ------------------------------------------------------------------------------------ helpers

export function logicalId(construct: IConstruct): string {
  const child = construct.node.defaultChild ?? construct;
  return stack.getLogicalId(child as CfnElement);
}

export function resource(construct: IConstruct): Json {
  const r = resources[logicalId(construct)];
  if (!r) throw new Error(`no resource for ${construct.node.path}`);
  return r;
}

export function ofType(type: string): [string, Json][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

export const asArray = <T,>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: Json[];
  Sid?: string;
}

/** Every statement of every policy attached to the role (by its logical id). */
export function statementsOfRole(roleId: string): Statement[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[])
    .map((s) => ({ ...s, Action: asArray(s.Action), Resource: asArray(s.Resource) }));
}

/** Every statement of every policy attached to the function's execution role. */
export function statementsOf(key: FunctionKey): Statement[] {
  return statementsOfRole(logicalId(stack.functions[key].executionRole));
}

export function allowedActions(key: FunctionKey): string[] {
  return statementsOf(key)
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => s.Action);
}

export function getAtt(construct: IConstruct, attr: string) {
  return { 'Fn::GetAtt': [logicalId(construct), attr] };
}

export function indexArn(indexName: string) {
  return { 'Fn::Join': ['', [getAtt(stack.table, 'Arn'), `/index/${indexName}`]] };
}

export function eventSourceMappingOf(key: FunctionKey): Json {
  const fnId = logicalId(stack.functions[key]);
  const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
  expect(mappings).toHaveLength(1);
  return mappings[0]![1].Properties;
}


/**
 * A template value as CloudFormation would resolve it at deploy time, with plausible stand-ins:
 * pseudo parameters, parameters (their default, else their first allowed value, else
 * `parameterStandIns`), resources' names and ARNs. Throws on anything else, so a new kind of
 * value is noticed rather than guessed.
 */
export function deployedValue(value: Json, parameterStandIns: Record<string, string> = {}): string {
  if (typeof value === 'string') return value;
  if ('Fn::Join' in value) {
    const [separator, parts] = value['Fn::Join'] as [string, Json[]];
    return parts.map((p) => deployedValue(p, parameterStandIns)).join(separator);
  }
  if ('Ref' in value) {
    const pseudo: Record<string, string> = { 'AWS::Region': 'eu-central-1', 'AWS::AccountId': '123456789012', 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };
    if (pseudo[value.Ref]) return pseudo[value.Ref]!;
    const parameter = synthMain().template.toJSON().Parameters[value.Ref];
    if (parameter) {
      const v = parameterStandIns[value.Ref] ?? parameter.Default ?? parameter.AllowedValues?.[0];
      if (v === undefined) throw new Error(`no stand-in for parameter ${value.Ref}`);
      return String(v);
    }
    const type: string | undefined = resources[value.Ref]?.Type;
    if (type === 'AWS::SecretsManager::Secret') return `arn:aws:secretsmanager:eu-central-1:123456789012:secret:${value.Ref}-AbCdEf`;
    if (type) return `${value.Ref}-name`;
  }
  if ('Fn::GetAtt' in value) {
    const [id, attribute] = value['Fn::GetAtt'] as [string, string];
    if (attribute === 'DomainName') return `${id.toLowerCase()}.cloudfront.net`;
    if (attribute === 'ProviderURL') return `https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_${id}`;
  }
  throw new Error(`no stand-in for ${JSON.stringify(value)}`);
}
