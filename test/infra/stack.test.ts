import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { App, CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, NagRuleCompliance, rules, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DELIVERY_RETRY,
  FUNCTIONS,
  type FunctionDeclaration,
  type FunctionKey,
  type HttpTrigger,
  type ScheduleTrigger,
  type StreamTrigger,
} from '../../events/triggers.js';
import { HouseFunction, REPO_ROOT, type TableAccess } from '../../infra/constructs/house-function.js';
import { ACCESS_DEFAULTS, parseDeploymentFile } from '../../infra/deployment.js';
import { COMMON_RULE_SET, LINK_RATE_RULE_NAME, LINK_WEB_ACL_ARN_OUTPUT, type LinkWafStack } from '../../infra/link-waf-stack.js';
import { createReferralsApp, LINK_WAF_STACK_NAME } from '../../infra/referrals-app.js';
import {
  API_THROTTLE,
  type HttpFunctionKey,
  LINK_ORIGIN_VERIFY_HEADER,
  LINK_PATH_PATTERN,
  LINK_SIGNING_KEY_PARAMETER_DEFAULT,
  type ReferralsStack,
  type ScheduledFunctionKey,
  SEND_LEASE_SECONDS,
  type StreamFunctionKey,
  TABLE_ACCESS,
  UNAUTHENTICATED_ROUTE_THROTTLE,
} from '../../infra/stack.js';
import { ApiConfig, ENV_NAMES, loadConfig, RespondConfig, RouteConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { poolGroups } from '../../shared/identity/groups.js';
import { ROLES } from '../../shared/domain/actor.js';
import { ALL_MUNICIPALITIES, API_SCOPE, groupName } from '../../shared/identity/roles.js';
import { ORIGIN_VERIFY_HEADER } from '../../shared/links/origin-verify.js';
import { TABLE } from '../../shared/store/table.js';

type Json = any; // CloudFormation fragments

const ENV_KEY: Record<FunctionKey, keyof typeof ENV_NAMES> = {
  api: 'api',
  routeReferrals: 'route',
  deliverNotifications: 'deliver',
  respond: 'respond',
  reactToAnswers: 'react',
  sweepTimers: 'sweep',
  planMeetings: 'meetings',
  notifyMeetings: 'meetings',
  sendDigests: 'digests',
  reportIndicators: 'reports',
  expireClosedCases: 'retention',
  emailEvents: 'emailEvents',
};
const ALL_FUNCTIONS = Object.keys(FUNCTIONS) as FunctionKey[];
// From the declarations, so every stream or schedule declared later is checked here too.
const STREAM_FUNCTIONS = ALL_FUNCTIONS.filter(
  (k): k is StreamFunctionKey => FUNCTIONS[k].trigger.kind === 'dynamodb-stream',
);
const SCHEDULED_FUNCTIONS = ALL_FUNCTIONS.filter(
  (k): k is ScheduledFunctionKey => FUNCTIONS[k].trigger.kind === 'schedule',
);
const HTTP_FUNCTIONS = ALL_FUNCTIONS.filter((k): k is HttpFunctionKey => FUNCTIONS[k].trigger.kind === 'http');
/** Functions whose config reads the link-signing key (they sign or verify offices' links). */
const LINK_KEY_READERS = ALL_FUNCTIONS.filter((k) =>
  (ENV_NAMES[ENV_KEY[k]] as readonly string[]).includes('LINK_SIGNING_KEY_PARAMETER'),
);
/** Config names deliberately unset on AWS: the local key file (the config wants exactly one key source). */
const UNSET_ON_AWS = ['LINK_SIGNING_KEY_FILE', 'LINK_SIGNING_KEY_PREVIOUS_FILE'];

let outdir: string;
let app: App;
let stack: ReferralsStack;
/** The link WAF stack (us-east-1): the suite's app has no deployment file, so the link WAF is on (the default). */
let wafStack: LinkWafStack;
let assembly: CloudAssembly;
let template: Template;
let resources: Record<string, Json>;
const tempDirs: string[] = [];

beforeAll(() => {
  // Bundling must use the local esbuild: any fall-back to Docker would run this and fail loudly.
  process.env.CDK_DOCKER = '/nonexistent/docker-must-not-be-used';
  outdir = mkdtempSync(join(tmpdir(), 'referrals-cdk-'));
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'));
  // The same feature flags and settings as `cdk synth`, which passes cdk.json's context to the app.
  const built = createReferralsApp({ context: cdkJson.context, outdir });
  ({ app, stack } = built);
  wafStack = built.linkWaf!;
  assembly = app.synth(); // runs cdk-nag: throws on any unacknowledged error
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const EXAMPLE_DEPLOYMENT = join(REPO_ROOT, 'infra', 'deployments', 'example.json');

interface Variant {
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
function variant(changes: Record<string, unknown>): Variant {
  const dir = mkdtempSync(join(tmpdir(), 'referrals-variant-'));
  tempDirs.push(dir);
  const file = join(dir, 'deployment.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE_DEPLOYMENT, 'utf8')), ...changes }));
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'));
  const built = createReferralsApp({ context: { ...cdkJson.context, deployment: file, 'aws:cdk:bundling-stacks': [] }, outdir: join(dir, 'cdk.out') });
  const synthesised = built.app.synth();
  const t = Template.fromStack(built.stack);
  return { app: built.app, stack: built.stack, ...(built.linkWaf ? { linkWaf: built.linkWaf } : {}), assembly: synthesised, template: t, resources: t.toJSON().Resources };
}

/** Every violation cdk-nag's packs (and CloudFormation's own rules) wrote into the app's validation report. */
function violationsOf(assemblyDir: string): Json[] {
  const written = JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8'));
  return written.pluginReports.flatMap((p: Json) => p.violations ?? []);
}

// ------------------------------------------------------------------------------------ helpers

function logicalId(construct: IConstruct): string {
  const child = construct.node.defaultChild ?? construct;
  return stack.getLogicalId(child as CfnElement);
}

function resource(construct: IConstruct): Json {
  const r = resources[logicalId(construct)];
  if (!r) throw new Error(`no resource for ${construct.node.path}`);
  return r;
}

function ofType(type: string): [string, Json][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

const asArray = <T,>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: Json[];
  Sid?: string;
}

/** Every statement of every policy attached to the role (by its logical id). */
function statementsOfRole(roleId: string): Statement[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[])
    .map((s) => ({ ...s, Action: asArray(s.Action), Resource: asArray(s.Resource) }));
}

/** Every statement of every policy attached to the function's execution role. */
function statementsOf(key: FunctionKey): Statement[] {
  return statementsOfRole(logicalId(stack.functions[key].executionRole));
}

function allowedActions(key: FunctionKey): string[] {
  return statementsOf(key)
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => s.Action);
}

function getAtt(construct: IConstruct, attr: string) {
  return { 'Fn::GetAtt': [logicalId(construct), attr] };
}

function indexArn(indexName: string) {
  return { 'Fn::Join': ['', [getAtt(stack.table, 'Arn'), `/index/${indexName}`]] };
}

function eventSourceMappingOf(key: FunctionKey): Json {
  const fnId = logicalId(stack.functions[key]);
  const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
  expect(mappings).toHaveLength(1);
  return mappings[0]![1].Properties;
}

// ------------------------------------------------------------------------------------ table

describe('table', () => {
  it('has the declared keys, stream, PITR, TTL and the sparse timers and worklist indexes, on demand', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.sortKey, AttributeType: 'S' },
        { AttributeName: TABLE.timersIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.timersIndex.sortKey, AttributeType: 'S' },
        { AttributeName: TABLE.worklistIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.worklistIndex.sortKey, AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: TABLE.timersIndex.name,
          KeySchema: [
            { AttributeName: TABLE.timersIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE.timersIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: TABLE.worklistIndex.name,
          KeySchema: [
            { AttributeName: TABLE.worklistIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE.worklistIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('is encrypted with the customer-managed, rotating key and is retained', () => {
    const table = resource(stack.table);
    expect(table.Properties.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: getAtt(stack.dataKey, 'Arn'),
    });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(resource(stack.dataKey).Properties.EnableKeyRotation).toBe(true);
    expect(resource(stack.dataKey).DeletionPolicy).toBe('Retain');
  });
});

// ------------------------------------------------------------------------------------ functions

describe('functions', () => {
  it.each(ALL_FUNCTIONS)('%s: house defaults and its declaration', (key) => {
    const decl = FUNCTIONS[key];
    const fn = resource(stack.functions[key]).Properties;
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Handler).toBe('index.handler');
    expect(fn.MemorySize).toBe(decl.memoryMb);
    expect(fn.Timeout).toBe(decl.timeoutSeconds);
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.ReservedConcurrentExecutions).toBeUndefined();
    expect(fn.Role).toEqual(getAtt(stack.functions[key].executionRole, 'Arn'));
    expect(fn.LoggingConfig).toEqual({ LogGroup: { Ref: logicalId(stack.functions[key].houseLogGroup) } });
    expect(resource(stack.functions[key].houseLogGroup).Properties.RetentionInDays).toBe(90);

    const env = fn.Environment.Variables;
    const names: readonly string[] = ENV_NAMES[ENV_KEY[key]];
    expect(Object.keys(env)).toEqual(expect.arrayContaining(names.filter((n) => !UNSET_ON_AWS.includes(n))));
    for (const unset of UNSET_ON_AWS) expect(env[unset], `${key}: ${unset}`).toBeUndefined();
    expect(env).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: decl.name,
      POWERTOOLS_LOG_LEVEL: 'INFO',
      TABLE_NAME: { Ref: logicalId(stack.table) },
      PERSONAL_DATA_RETENTION_DAYS: { Ref: 'PersonalDataRetentionDays' },
    });
  });

  it('deliver gets its SES settings from parameters, and its lease and retry policy from the declarations', () => {
    const decl = FUNCTIONS.deliverNotifications;
    const env = resource(stack.functions.deliverNotifications).Properties.Environment.Variables;
    expect(env).toMatchObject({
      SES_FROM_ADDRESS: { Ref: 'SenderAddress' },
      SES_CONFIGURATION_SET: { Ref: 'SesConfigurationSetName' },
      SEND_LEASE_SECONDS: String(SEND_LEASE_SECONDS),
      DELIVERY_MAX_ATTEMPTS: String(DELIVERY_RETRY.maxAttempts),
      DELIVERY_RETRY_BASE_SECONDS: String(DELIVERY_RETRY.baseSeconds),
      DELIVERY_RETRY_CAP_SECONDS: String(DELIVERY_RETRY.capSeconds),
      DELIVERY_RETRY_MAX_AGE_HOURS: String(DELIVERY_RETRY.maxAgeHours),
    });
    expect(Number(env.SEND_LEASE_SECONDS)).toBeGreaterThan(decl.timeoutSeconds);
    template.hasParameter('PersonalDataRetentionDays', { Type: 'Number', Default: 730 });
    template.hasParameter('SenderAddress', { Type: 'String' });
    template.hasParameter('SesConfigurationSetName', { Type: 'String' });
    template.hasParameter('SesSenderIdentity', { Type: 'String' });
  });

  it('deliver is told live or test mode by a parameter with no default: every deployment chooses', () => {
    const env = resource(stack.functions.deliverNotifications).Properties.Environment.Variables;
    expect(env.DELIVERY_MODE).toEqual({ Ref: 'DeliveryMode' });
    expect(env.SIMULATED_PHONE_NUMBERS).toEqual({ Ref: 'SimulatedPhoneNumbers' });
    const params = template.toJSON().Parameters;
    expect(params.DeliveryMode.AllowedValues).toEqual(['live', 'test']);
    expect(params.DeliveryMode.Default).toBeUndefined();
    const pattern = new RegExp(params.SimulatedPhoneNumbers.AllowedPattern);
    expect(pattern.test('')).toBe(true);
    expect(pattern.test('+38344000001,+38344000002')).toBe(true);
    expect(pattern.test('049 555 123')).toBe(false);
    for (const key of ALL_FUNCTIONS.filter((k) => k !== 'deliverNotifications')) {
      expect(resource(stack.functions[key]).Properties.Environment.Variables.DELIVERY_MODE, key).toBeUndefined();
    }
  });

  it('route and respond (and only they) get the links settings: the links\' URL (CloudFront) and the SSM key name, no key file', () => {
    expect([...LINK_KEY_READERS].sort()).toEqual(['respond', 'routeReferrals']);
    template.hasParameter('LinkSigningKeyParameterName', { Type: 'String', Default: LINK_SIGNING_KEY_PARAMETER_DEFAULT });
    for (const key of ALL_FUNCTIONS) {
      const env = resource(stack.functions[key]).Properties.Environment.Variables;
      if (!LINK_KEY_READERS.includes(key)) {
        expect(env.PUBLIC_BASE_URL, key).toBeUndefined();
        expect(env.LINK_SIGNING_KEY_PARAMETER, key).toBeUndefined();
        continue;
      }
      // https://{id}.cloudfront.net (the link WAF is on by default), no trailing slash.
      expect(env.PUBLIC_BASE_URL).toEqual({ 'Fn::Join': ['', ['https://', getAtt(stack.links!.distribution, 'DomainName')]] });
      expect(env.LINK_SIGNING_KEY_PARAMETER).toEqual({ Ref: 'LinkSigningKeyParameterName' });
      expect(env.LINK_SIGNING_KEY_FILE).toBeUndefined();
    }
  });

  it.each([
    ['routeReferrals', RouteConfig],
    ['respond', RespondConfig],
  ] as const)('%s: the synthesised environment satisfies its config (exactly one key source)', (key, schema) => {
    // Stand-ins for what CloudFormation resolves at deploy time.
    const deployed: Record<string, string> = {
      [JSON.stringify({ Ref: logicalId(stack.table) })]: 'ReferralsStack-Table',
      [JSON.stringify({ Ref: 'PersonalDataRetentionDays' })]: '730',
      [JSON.stringify({ Ref: 'LinkSigningKeyParameterName' })]: LINK_SIGNING_KEY_PARAMETER_DEFAULT,
      [JSON.stringify({ Ref: 'LinkSigningKeyPreviousParameterName' })]: '/referrals/link-signing-key-previous',
      [JSON.stringify({ 'Fn::Join': ['', ['https://', getAtt(stack.links!.distribution, 'DomainName')]] })]: 'https://d111111abcdef8.cloudfront.net',
      [JSON.stringify({ Ref: logicalId(stack.links!.originSecret) })]: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:LinkOriginSecret-AbCdEf',
    };
    const env = resource(stack.functions[key]).Properties.Environment.Variables as Record<string, Json>;
    const resolved = Object.fromEntries(
      Object.entries(env).map(([name, v]) => {
        if (typeof v === 'string') return [name, v];
        const value = deployed[JSON.stringify(v)];
        if (value === undefined) throw new Error(`${key}: no stand-in for ${name} = ${JSON.stringify(v)}`);
        return [name, value];
      }),
    );
    const config = loadConfig(schema, resolved);
    expect(config.PUBLIC_BASE_URL).toBe('https://d111111abcdef8.cloudfront.net');
    expect(config.LINK_SIGNING_KEY_PARAMETER).toBe(LINK_SIGNING_KEY_PARAMETER_DEFAULT);
    expect(config.LINK_SIGNING_KEY_FILE).toBeUndefined();
  });

  it('were bundled by the local esbuild: minified ESM with source maps, one asset per function', () => {
    for (const key of ALL_FUNCTIONS) {
      const s3Key: string = resource(stack.functions[key]).Properties.Code.S3Key;
      const dir = join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
      expect(existsSync(dir), `${key}: staged asset ${dir}`).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code).toContain('createRequire'); // the ESM require banner
      expect(code).toMatch(/sourceMappingURL=index\.mjs\.map/);
    }
  });
});

// ------------------------------------------------------------------------------------ streams

describe('stream event sources', () => {
  it.each(STREAM_FUNCTIONS)('%s: mapping equals its declaration', (key) => {
    const trigger = FUNCTIONS[key].trigger as StreamTrigger;
    const esm = eventSourceMappingOf(key);
    expect(esm.EventSourceArn).toEqual(getAtt(stack.table, 'StreamArn'));
    expect(esm.FilterCriteria).toEqual({
      Filters: trigger.filters.map((pattern) => ({ Pattern: JSON.stringify(pattern) })),
    });
    expect(esm.BatchSize).toBe(trigger.batchSize);
    expect(esm.MaximumBatchingWindowInSeconds).toBe(trigger.maxBatchingWindowSeconds);
    expect(esm.StartingPosition).toBe(trigger.startingPosition);
    expect(esm.BisectBatchOnFunctionError).toBe(trigger.bisectBatchOnError);
    expect(esm.MaximumRetryAttempts).toBe(trigger.retryAttempts);
    expect(esm.MaximumRecordAgeInSeconds).toBe(trigger.maxRecordAgeSeconds);
    expect(esm.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(esm.DestinationConfig).toEqual({
      OnFailure: { Destination: getAtt(stack.deadLetterQueues[key], 'Arn') },
    });
  });

  it('route admits new referrals ready to go and released waiting ones; no other status write, no TTL REMOVE', () => {
    const patterns = eventSourceMappingOf('routeReferrals').FilterCriteria.Filters.map((f: Json) => JSON.parse(f.Pattern));
    expect(patterns).toEqual(FUNCTIONS.routeReferrals.trigger.filters);
    const [insert, release] = patterns;
    expect(insert).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Referral'] }, status: { S: ['created'] } } } });
    expect(release).toEqual({
      eventName: ['MODIFY'],
      dynamodb: { OldImage: { status: { S: ['waiting'] } }, NewImage: { type: { S: ['Referral'] }, status: { S: ['created'] } } },
    });
  });

  it('deliver admits queued intents: INSERTed, or MODIFYed deferred → queued by the sweep; never REMOVE', () => {
    const declared = FUNCTIONS.deliverNotifications.trigger.filters;
    const patterns = eventSourceMappingOf('deliverNotifications').FilterCriteria.Filters.map((f: Json) =>
      JSON.parse(f.Pattern),
    );
    expect(patterns).toHaveLength(2);
    expect(patterns).toEqual(declared);
    const [insert, release] = patterns;
    expect(insert).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { type: { S: ['Intent'] }, status: { S: ['queued'] } } },
    });
    // Only the deferred → queued transition: the function's own status writes (queued → sending
    // → sent/failed) must not re-trigger it.
    expect(release).toEqual({
      eventName: ['MODIFY'],
      dynamodb: {
        OldImage: { status: { S: ['deferred'] } },
        NewImage: { type: { S: ['Intent'] }, status: { S: ['queued'] } },
      },
    });
  });

  it('react admits only MODIFYs of referrals whose status moved to an answer (no INSERT, no REMOVE)', () => {
    expect(STREAM_FUNCTIONS).toContain('reactToAnswers');
    const patterns = eventSourceMappingOf('reactToAnswers').FilterCriteria.Filters.map((f: Json) => JSON.parse(f.Pattern));
    expect(patterns).toEqual(FUNCTIONS.reactToAnswers.trigger.filters);
    expect(patterns).toEqual([
      {
        eventName: ['MODIFY'],
        dynamodb: {
          OldImage: { status: { S: ['created', 'sent'] } },
          NewImage: { type: { S: ['Referral'] }, status: { S: ['accepted', 'declined', 'completed', 'not_completed'] } },
        },
      },
      {
        eventName: ['MODIFY'],
        dynamodb: {
          OldImage: { status: { S: ['accepted'] } },
          NewImage: { type: { S: ['Referral'] }, status: { S: ['completed', 'not_completed'] } },
        },
      },
    ]);
  });

  it.each([...STREAM_FUNCTIONS, ...SCHEDULED_FUNCTIONS])('%s: DLQ is KMS-encrypted with the data key, TLS-only, kept 14 days', (key) => {
    const queue = stack.deadLetterQueues[key];
    expect(resource(queue).Properties).toEqual({
      KmsMasterKeyId: getAtt(stack.dataKey, 'Arn'),
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

// ------------------------------------------------------------------------------------ IAM

describe('least privilege', () => {
  const STREAM_READ = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

  it('no role is attached to a managed policy', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('nobody may Scan or use dynamodb:*; indexes only where TABLE_ACCESS names them, never index/*', () => {
    for (const key of ALL_FUNCTIONS) {
      const actions = allowedActions(key);
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((a) => a.startsWith('dynamodb:') && a.includes('*'))).toEqual([]);
      expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
      const access: TableAccess = TABLE_ACCESS[key];
      const allowedIndexes = Object.keys(access.indexes ?? {}).map((name) => JSON.stringify(indexArn(name)));
      for (const s of statementsOf(key)) {
        for (const r of s.Resource) {
          const json = JSON.stringify(r);
          if (json.includes('/index/')) expect(allowedIndexes, `${key}: ${json}`).toContain(json);
        }
      }
    }
  });

  it.each(ALL_FUNCTIONS)('%s: exactly its table actions on the table, and index reads as declared', (key) => {
    const access: TableAccess = TABLE_ACCESS[key];
    const dynamoStatements = statementsOf(key).filter((s) =>
      s.Action.some((a) => a.startsWith('dynamodb:') && !STREAM_READ.includes(a)),
    );
    // Conditional grants (the api's DeleteItem on address items) are checked on their own below.
    const unconditional = dynamoStatements.filter((s) => !(s as { Condition?: unknown }).Condition);
    const onTable = unconditional.filter((s) => JSON.stringify(s.Resource) === JSON.stringify([getAtt(stack.table, 'Arn')]));
    expect(onTable).toHaveLength(1);
    expect([...onTable[0]!.Action].sort()).toEqual(access.table.map((a) => `dynamodb:${a}`).sort());
    const onIndexes = unconditional.filter((s) => !onTable.includes(s));
    // IAM merges statements with the same actions, so compare (action, index) pairs.
    const pairs = (list: { Action: string[]; Resource: unknown[] }[]) =>
      list.flatMap((s) => s.Action.flatMap((a) => s.Resource.map((r) => `${a} ${JSON.stringify(r)}`))).sort();
    expect(pairs(onIndexes)).toEqual(
      pairs(Object.entries(access.indexes ?? {}).map(([name, actions]) => ({ Action: actions.map((a) => `dynamodb:${a}`), Resource: [indexArn(name)] }))),
    );
  });

  it('api: DeleteItem only on address items (an operator lifting a suppression); no other function deletes', () => {
    const conditional = (key: (typeof ALL_FUNCTIONS)[number]) =>
      statementsOf(key).filter((s) => (s as { Condition?: unknown }).Condition && s.Action.some((a) => a.startsWith('dynamodb:')));
    const [del, ...others] = conditional('api');
    expect(others).toEqual([]);
    expect(del!.Action).toEqual(['dynamodb:DeleteItem']);
    expect((del as { Condition?: unknown }).Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ADDR#*'] } });
    for (const key of ALL_FUNCTIONS.filter((k) => k !== 'api')) expect(conditional(key), key).toEqual([]);
    for (const key of ALL_FUNCTIONS) {
      const unconditionalDeletes = statementsOf(key).filter((s) => !(s as { Condition?: unknown }).Condition && s.Action.includes('dynamodb:DeleteItem'));
      expect(unconditionalDeletes, key).toEqual([]);
    }
  });

  it('sweep: Query on the table, the timers index and the worklist index (meeting agendas), no Scan', () => {
    const statements = statementsOf('sweepTimers');
    const queryResources = statements
      .filter((s) => s.Effect === 'Allow' && s.Action.includes('dynamodb:Query'))
      .flatMap((s) => s.Resource);
    expect(queryResources).toEqual(expect.arrayContaining([getAtt(stack.table, 'Arn'), indexArn(TABLE.timersIndex.name), indexArn(TABLE.worklistIndex.name)]));
    expect(queryResources).toHaveLength(3);
    expect(allowedActions('sweepTimers')).not.toContain('dynamodb:Scan');
    expect(JSON.stringify(statements)).not.toContain('/index/*');
    expect([...TABLE_ACCESS.sweepTimers.table].sort()).toEqual(
      ['ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
    );
  });

  it('api may UpdateItem (home visit, appointments, cancel, close)', () => {
    expect(allowedActions('api')).toContain('dynamodb:UpdateItem');
  });

  it('KMS: only the data key (bar the link key\'s SSM-bound Decrypt); only stream functions read the stream', () => {
    for (const key of ALL_FUNCTIONS) {
      const kms = statementsOf(key).filter((st) => st.Action.some((a) => a.startsWith('kms:')));
      for (const s of kms.filter((st) => st.Sid !== LINK_KEY_DECRYPT_SID)) {
        expect(s.Resource).toEqual([getAtt(stack.dataKey, 'Arn')]);
      }
    }
    for (const key of ALL_FUNCTIONS.filter((k) => !(STREAM_FUNCTIONS as FunctionKey[]).includes(k))) {
      expect(allowedActions(key).filter((a) => STREAM_READ.includes(a)), key).toEqual([]);
    }
  });

  it('deliver: ses:SendEmail only on the identity and the configuration set', () => {
    const ses = statementsOf('deliverNotifications').filter((s) => s.Action.some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Action).toEqual(['ses:SendEmail']);
    const arns = ses[0]!.Resource.map((r) => JSON.stringify(r)).sort();
    expect(arns).toHaveLength(2);
    expect(arns[0]).toContain(':configuration-set/"');
    expect(arns[0]).toContain('{"Ref":"SesConfigurationSetName"}');
    expect(arns[1]).toContain(':identity/"');
    expect(arns[1]).toContain('{"Ref":"SesSenderIdentity"}');
  });

  it('deliver: sns:Publish to "*" only alongside a Deny on every SNS ARN', () => {
    const sns = statementsOf('deliverNotifications').filter((s) => s.Action.includes('sns:Publish'));
    const allow = sns.filter((s) => s.Effect === 'Allow');
    const deny = sns.filter((s) => s.Effect === 'Deny');
    expect(allow).toHaveLength(1);
    expect(allow[0]).toMatchObject({ Action: ['sns:Publish'], Resource: ['*'] });
    expect(deny).toHaveLength(1);
    expect(deny[0]!.Action).toEqual(['sns:Publish']);
    expect(JSON.stringify(deny[0]!.Resource)).toMatch(/:sns:\*:\*:\*"/);
  });

  it('Resource "*" is allowed only for what the IAM5 acknowledgements name', () => {
    // The acknowledgements sit on whole roles, so pin what may hide behind them.
    const starActions = (key: FunctionKey) =>
      statementsOf(key)
        .filter((s) => s.Effect === 'Allow' && s.Resource.includes('*'))
        .flatMap((s) => s.Action)
        .sort();
    const xray = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    const expected: Record<FunctionKey, string[]> = {
      api: xray,
      respond: ['kms:Decrypt', ...xray],
      routeReferrals: ['dynamodb:ListStreams', 'kms:Decrypt', ...xray],
      deliverNotifications: ['dynamodb:ListStreams', 'sns:CheckIfPhoneNumberIsOptedOut', 'sns:Publish', ...xray],
      reactToAnswers: ['dynamodb:ListStreams', ...xray],
      sweepTimers: xray,
      planMeetings: xray,
      notifyMeetings: ['dynamodb:ListStreams', ...xray],
      sendDigests: xray,
      reportIndicators: xray,
      expireClosedCases: ['dynamodb:ListStreams', ...xray],
      emailEvents: xray,
    };
    for (const key of ALL_FUNCTIONS) expect(starActions(key), key).toEqual(expected[key]);
  });

  it.each(['api', 'respond', 'routeReferrals', 'reactToAnswers', 'sweepTimers', 'planMeetings', 'notifyMeetings', 'sendDigests', 'reportIndicators'] as const)('%s cannot send email or SMS', (key) => {
    expect(allowedActions(key).filter((a) => a.startsWith('ses:') || a.startsWith('sns:'))).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------ link-signing key

const LINK_KEY_DECRYPT_SID = 'DecryptTheLinkSigningKeyThroughSsm';

describe('link-signing key (SSM SecureString)', () => {
  // arn:<partition>:ssm:<region>:<account>:parameter + the fully qualified name (its own leading "/").
  const parameterArn = {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':ssm:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':parameter',
        { Ref: 'LinkSigningKeyParameterName' },
      ],
    ],
  };
  /** The key before the last rotation: the same ARN shape under its own parameter name. */
  const previousParameterArn = JSON.parse(JSON.stringify(parameterArn).replace('"LinkSigningKeyParameterName"', '"LinkSigningKeyPreviousParameterName"'));

  it('the parameter name must be fully qualified, so the ARN never gets "parameter//" or "parameterfoo"', () => {
    const pattern = new RegExp(template.toJSON().Parameters.LinkSigningKeyParameterName.AllowedPattern);
    expect(pattern.test(LINK_SIGNING_KEY_PARAMETER_DEFAULT)).toBe(true);
    expect(LINK_SIGNING_KEY_PARAMETER_DEFAULT.startsWith('/')).toBe(true);
    expect(pattern.test('referrals/link-signing-key')).toBe(false);
    expect(pattern.test('/referrals/link signing key')).toBe(false);
    expect(stack.resolve(stack.linkSigningKeyParameterArn)).toEqual(parameterArn);
  });

  it.each(ALL_FUNCTIONS)('%s: ssm:GetParameter on that one parameter only if it signs or verifies links', (key) => {
    const ssm = statementsOf(key).filter((s) => s.Action.some((a) => a.startsWith('ssm:')));
    if (!LINK_KEY_READERS.includes(key)) {
      expect(ssm).toEqual([]);
      expect(statementsOf(key).filter((s) => s.Sid === LINK_KEY_DECRYPT_SID)).toEqual([]);
      return;
    }
    expect(ssm.map((s) => ({ Effect: s.Effect, Action: s.Action, Resource: s.Resource }))).toEqual([
      { Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [parameterArn, previousParameterArn] },
    ]);
  });

  it.each(LINK_KEY_READERS)('%s: kms:Decrypt only through SSM and only for that parameter\'s value (and the previous key\'s)', (key) => {
    const decrypt = statementsOf(key).filter((s) => s.Sid === LINK_KEY_DECRYPT_SID);
    expect(decrypt).toHaveLength(1);
    expect(decrypt[0]).toMatchObject({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['*'] });
    expect((decrypt[0] as Json).Condition).toEqual({
      StringEquals: {
        'kms:ViaService': { 'Fn::Join': ['', ['ssm.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
        'kms:EncryptionContext:PARAMETER_ARN': [parameterArn, previousParameterArn],
      },
    });
  });

  it('no other policy in the stack can read it: one policy, on exactly the route and respond roles', () => {
    const mentions = ofType('AWS::IAM::Policy').filter(
      ([, p]) =>
        JSON.stringify(p.Properties.PolicyDocument).includes('LinkSigningKeyParameterName') ||
        (p.Properties.PolicyDocument.Statement as Json[]).some((s) => asArray(s.Action).some((a: string) => a.startsWith('ssm:'))),
    );
    expect(mentions.map(([id]) => id)).toEqual([logicalId(stack.linkSigningKeyReadPolicy)]);
    const roles = mentions[0]![1].Properties.Roles.map((r: Json) => r.Ref).sort();
    expect(roles).toEqual(LINK_KEY_READERS.map((k) => logicalId(stack.functions[k].executionRole)).sort());
    // Nothing in the stack may use ssm:* or GetParameters/GetParametersByPath (whole paths).
    for (const [, p] of ofType('AWS::IAM::Policy')) {
      for (const s of p.Properties.PolicyDocument.Statement as Json[]) {
        for (const a of asArray(s.Action) as string[]) if (a.startsWith('ssm:')) expect(a).toBe('ssm:GetParameter');
      }
    }
  });

  it.each(LINK_KEY_READERS)('%s is created only after it may read the key', (key) => {
    expect(resource(stack.functions[key]).DependsOn).toContain(logicalId(stack.linkSigningKeyReadPolicy));
  });
});

// ------------------------------------------------------------------------------------ schedules

describe('schedules (EventBridge Scheduler)', () => {
  function scheduleOf(key: ScheduledFunctionKey): Json {
    const fnArn = getAtt(stack.functions[key], 'Arn');
    const found = ofType('AWS::Scheduler::Schedule').filter(([, s]) => JSON.stringify(s.Properties.Target.Arn) === JSON.stringify(fnArn));
    expect(found).toHaveLength(1);
    return found[0]![1];
  }

  it('one schedule per scheduled declaration, and nothing else is scheduled', () => {
    expect(SCHEDULED_FUNCTIONS).toContain('sweepTimers');
    template.resourceCountIs('AWS::Scheduler::Schedule', SCHEDULED_FUNCTIONS.length);
    // EventBridge rules only for the declared event-rule functions (SES events), none as schedules.
    template.resourceCountIs('AWS::Events::Rule', ALL_FUNCTIONS.filter((k) => FUNCTIONS[k].trigger.kind === 'event-rule').length);
  });

  it.each(SCHEDULED_FUNCTIONS)('%s: schedule equals its declaration', (key) => {
    const trigger: ScheduleTrigger = FUNCTIONS[key].trigger;
    const props = scheduleOf(key).Properties;
    expect(props.ScheduleExpression).toBe(trigger.expression);
    expect(props.ScheduleExpressionTimezone).toBe('Europe/Belgrade');
    expect(props.ScheduleExpressionTimezone).toBe(trigger.timeZone);
    expect(props.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    expect(props.State).toBe('ENABLED');
    expect(props.GroupName).toBeUndefined(); // the default group, which the role's trust names
    expect(props.Target.Arn).toEqual(getAtt(stack.functions[key], 'Arn'));
    expect(JSON.parse(props.Target.Input)).toEqual(trigger.input);
    expect(props.Target.RetryPolicy).toEqual({
      MaximumRetryAttempts: trigger.retryAttempts,
      MaximumEventAgeInSeconds: trigger.maxEventAgeSeconds,
    });
    expect(props.Target.RoleArn).toEqual(getAtt(stack.schedules[key].role, 'Arn'));
  });

  it('the coordination schedules run at their local hours: meetings 06:00, report 07:00, digests 07:30', () => {
    expect(scheduleOf('planMeetings').Properties.ScheduleExpression).toBe('cron(0 6 * * ? *)');
    expect(scheduleOf('reportIndicators').Properties.ScheduleExpression).toBe('cron(0 7 * * ? *)');
    expect(scheduleOf('sendDigests').Properties.ScheduleExpression).toBe('cron(30 7 * * ? *)');
    for (const key of ['planMeetings', 'reportIndicators', 'sendDigests'] as const) {
      expect(scheduleOf(key).Properties.ScheduleExpressionTimezone).toBe('Europe/Belgrade');
    }
  });

  it('notify-meetings hears new meetings and new versions only (not minutes), with bounded retries and bisection', () => {
    const mapping = Object.values(resources).find(
      (r: Json) => r.Type === 'AWS::Lambda::EventSourceMapping' && JSON.stringify(r.Properties.FunctionName).includes('NotifyMeetings'),
    ) as Json;
    expect(mapping).toBeDefined();
    const patterns = mapping.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    expect(patterns).toEqual(FUNCTIONS.notifyMeetings.trigger.filters);
    expect(JSON.stringify(patterns)).not.toContain('held');
    expect(mapping.Properties.MaximumRetryAttempts).toBe(3);
    expect(mapping.Properties.BisectBatchOnFunctionError).toBe(true);
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it.each(SCHEDULED_FUNCTIONS)('%s: failed invocations go to its KMS-encrypted DLQ', (key) => {
    const queue = stack.deadLetterQueues[key];
    expect(scheduleOf(key).Properties.Target.DeadLetterConfig).toEqual({ Arn: getAtt(queue, 'Arn') });
    expect(resource(queue).Type).toBe('AWS::SQS::Queue');
    expect(resource(queue).Properties.KmsMasterKeyId).toEqual(getAtt(stack.dataKey, 'Arn'));
  });

  it.each(SCHEDULED_FUNCTIONS)('%s: a run whose handler keeps throwing is retried twice by Lambda, then parked in the same DLQ', (key) => {
    const fnId = logicalId(stack.functions[key]);
    const configs = Object.values(resources).filter((r: any) => r.Type === 'AWS::Lambda::EventInvokeConfig' && r.Properties.FunctionName?.Ref === fnId) as any[];
    expect(configs).toHaveLength(1);
    expect(configs[0].Properties.MaximumRetryAttempts).toBe(2);
    expect(configs[0].Properties.DestinationConfig.OnFailure.Destination).toEqual(getAtt(stack.deadLetterQueues[key], 'Arn'));
  });

  it.each(SCHEDULED_FUNCTIONS)('%s: the scheduler role may only invoke this function and park failures', (key) => {
    const { role } = stack.schedules[key];
    const trust = resource(role).Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:SourceAccount': { Ref: 'AWS::AccountId' },
            'aws:SourceArn': expect.objectContaining({
              'Fn::Join': ['', expect.arrayContaining([':schedule-group/default'])],
            }),
          },
        },
      },
    ]);
    expect(resource(role).Properties.ManagedPolicyArns).toBeUndefined();

    const statements = statementsOfRole(logicalId(role));
    for (const s of statements) expect(s.Effect).toBe('Allow');
    const byAction = (prefix: string) => statements.filter((s) => s.Action.some((a) => a.startsWith(prefix)));
    const lambda = byAction('lambda:');
    expect(lambda).toHaveLength(1);
    expect(lambda[0]).toMatchObject({
      Action: ['lambda:InvokeFunction'],
      // The unqualified function ARN only: no `:*` (versions, aliases), no other function.
      Resource: [getAtt(stack.functions[key], 'Arn')],
    });
    expect(byAction('sqs:').map((s) => ({ Action: s.Action, Resource: s.Resource }))).toEqual([
      { Action: ['sqs:SendMessage'], Resource: [getAtt(stack.deadLetterQueues[key], 'Arn')] },
    ]);
    expect(byAction('kms:').map((s) => ({ Action: [...s.Action].sort(), Resource: s.Resource }))).toEqual([
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [getAtt(stack.dataKey, 'Arn')] },
    ]);
    expect(statements.flatMap((s) => s.Action).sort()).toEqual(
      ['kms:Decrypt', 'kms:GenerateDataKey', 'lambda:InvokeFunction', 'sqs:SendMessage'],
    );
    // The schedule is created only after its role's policy.
    const policyIds = ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === logicalId(role)))
      .map(([id]) => id);
    expect(scheduleOf(key).DependsOn).toEqual(expect.arrayContaining(policyIds));
  });

  it('nothing else may invoke a function: no other InvokeFunction grant, no resource policy', () => {
    const schedulerRoles = new Set(SCHEDULED_FUNCTIONS.map((k) => logicalId(stack.schedules[k].role)));
    for (const [, p] of ofType('AWS::IAM::Policy')) {
      const invokes = (p.Properties.PolicyDocument.Statement as Json[]).filter((s) =>
        asArray(s.Action).some((a: string) => a.startsWith('lambda:')),
      );
      if (invokes.length === 0) continue;
      for (const r of p.Properties.Roles) expect(schedulerRoles.has(r.Ref), r.Ref).toBe(true);
    }
    // API Gateway may invoke the HTTP functions (one permission per declared route, from this API only).
    const permissions = ofType('AWS::Lambda::Permission').map(([, perm]) => perm.Properties);
    for (const perm of permissions) {
      // EventBridge may invoke an event-rule function, from its own rule only (checked under "SES events" below).
      if (perm.Principal === 'events.amazonaws.com') continue;
      expect(perm.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(perm.SourceArn)).toContain(JSON.stringify({ Ref: logicalId(stack.api) }));
    }
    for (const key of ALL_FUNCTIONS) {
      const declared = HTTP_FUNCTIONS.includes(key as HttpFunctionKey) ? (FUNCTIONS[key].trigger as HttpTrigger).routes.length : FUNCTIONS[key].trigger.kind === 'event-rule' ? 1 : 0;
      const fnArn = JSON.stringify(getAtt(stack.functions[key], 'Arn'));
      expect(permissions.filter((perm) => JSON.stringify(perm.FunctionName) === fnArn), key).toHaveLength(declared);
    }
  });
});

describe('house function guards', () => {
  function probe(declaration: FunctionDeclaration) {
    // No bundling: these only exercise the construct's checks.
    const probeApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const probeStack = new Stack(probeApp, 'GuardProbe');
    const table = new Table(probeStack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    table.addGlobalSecondaryIndex({ indexName: 'timers', partitionKey: { name: 'dueBucket', type: AttributeType.STRING } });
    const fn = new HouseFunction(probeStack, 'Fn', {
      declaration,
      environment: { TABLE_NAME: 't' },
      requiredEnvironment: ['TABLE_NAME'],
    });
    const dlq = new Queue(probeStack, 'Dlq');
    return { fn, table, dlq };
  }
  const sweep: FunctionDeclaration = FUNCTIONS.sweepTimers;

  it('a schedule needs a schedule declaration with a rate(...) or cron(...) expression', () => {
    expect(() => probe(FUNCTIONS.routeReferrals).fn.invokeOnSchedule(new Queue(new Stack(), 'Q'))).toThrow(
      /not declared as a scheduled function/,
    );
    const bad = { ...sweep, trigger: { ...FUNCTIONS.sweepTimers.trigger, expression: 'every 5 minutes' } };
    const { fn, dlq } = probe(bad);
    expect(() => fn.invokeOnSchedule(dlq)).toThrow(/not a rate\(\.\.\.\) or cron\(\.\.\.\) expression/);
    const cron = { ...sweep, trigger: { ...FUNCTIONS.sweepTimers.trigger, expression: 'cron(0 8 * * ? *)' } };
    const ok = probe(cron);
    ok.fn.invokeOnSchedule(ok.dlq);
    Template.fromStack(Stack.of(ok.fn)).hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Belgrade',
    });
  });

  it('environment: every name the config reads must be set, unless listed as deliberately optional', () => {
    const build = (props: { environment: Record<string, string>; optionalEnvironment?: string[] }) => {
      const probeApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      return new HouseFunction(new Stack(probeApp, 'EnvProbe'), 'Fn', {
        declaration: FUNCTIONS.respond,
        requiredEnvironment: ['TABLE_NAME', 'LINK_SIGNING_KEY_PARAMETER', 'LINK_SIGNING_KEY_FILE'],
        ...props,
      });
    };
    expect(() => build({ environment: { TABLE_NAME: 't', LINK_SIGNING_KEY_PARAMETER: '/p' } })).toThrow(
      /environment lacks LINK_SIGNING_KEY_FILE/,
    );
    expect(() =>
      build({ environment: { TABLE_NAME: 't', LINK_SIGNING_KEY_PARAMETER: '/p' }, optionalEnvironment: ['LINK_SIGNING_KEY_FILE'] }),
    ).not.toThrow();
    // Optional names do not excuse the others…
    expect(() => build({ environment: { TABLE_NAME: 't' }, optionalEnvironment: ['LINK_SIGNING_KEY_FILE'] })).toThrow(
      /environment lacks LINK_SIGNING_KEY_PARAMETER$/,
    );
    // …and must be names the config reads (a typo would silently excuse nothing).
    expect(() =>
      build({ environment: { TABLE_NAME: 't', LINK_SIGNING_KEY_PARAMETER: '/p' }, optionalEnvironment: ['LINK_SIGNING_KEY_FIEL'] }),
    ).toThrow(/optional environment LINK_SIGNING_KEY_FIEL is not read by its config/);
  });

  it('useTable refuses Scan, non-Query index access and undeclared indexes', () => {
    const { fn, table } = probe(sweep);
    expect(() => fn.useTable(table, { table: ['Scan'] })).toThrow(/does not grant Scan/);
    expect(() => fn.useTable(table, { table: ['*'] })).toThrow(/does not grant \*/);
    expect(() => fn.useTable(table, { table: ['GetItem'], indexes: { timers: ['Scan'] } })).toThrow(/may only be read with Query/);
    expect(() => fn.useTable(table, { table: ['GetItem'], indexes: { nope: ['Query'] } })).toThrow(/Cannot find schema for index: nope/);
  });
});

// ------------------------------------------------------------------------------------ HTTP API

/** An access log line names the caller by a stable id only: no email, username, name, IP or concrete path. */
function expectNoPersonalFields(format: Record<string, string>): void {
  for (const [field, value] of Object.entries(format)) {
    expect(`${field} ${value}`, field).not.toMatch(/email|username|cognito:|\bname\b|sourceIp|\$context\.path|identity\.user\b/i);
  }
}

describe('HTTP API', () => {
  const AUTHORIZATION_TYPE = { cognito: 'JWT', none: 'NONE' } as const satisfies Record<HttpTrigger['auth'], string>;
  const routeKeys = (key: HttpFunctionKey) => (FUNCTIONS[key].trigger as HttpTrigger).routes.map((r) => `${r.method} ${r.path}`);
  const routesByKey = () => new Map(ofType('AWS::ApiGatewayV2::Route').map(([id, r]) => [r.Properties.RouteKey as string, { id, ...r }]));
  const integrationOf = (route: Json) => {
    const [, [, ref]] = route.Properties.Target['Fn::Join'];
    return resources[ref.Ref].Properties;
  };

  it('one HttpApi; exactly one route per declared route of every HTTP function, no other', () => {
    expect([...HTTP_FUNCTIONS].sort()).toEqual(['api', 'respond']);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    const declared = HTTP_FUNCTIONS.flatMap(routeKeys).sort();
    expect(new Set(declared).size).toBe(declared.length);
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(declared);
    for (const r of routes) expect(r.ApiId).toEqual({ Ref: logicalId(stack.api) });
  });

  it.each(HTTP_FUNCTIONS)('%s: its routes carry the authorization its declaration names and reach it', (key) => {
    const trigger = FUNCTIONS[key].trigger as HttpTrigger;
    const byKey = routesByKey();
    for (const routeKey of routeKeys(key)) {
      const route = byKey.get(routeKey)!;
      expect(route.Properties.AuthorizationType, routeKey).toBe(AUTHORIZATION_TYPE[trigger.auth]);
      if (trigger.auth === 'cognito') {
        // The one JWT authorizer, and the scope only access tokens of the pool carry (never an id token).
        expect(route.Properties.AuthorizerId, routeKey).toEqual({ Ref: logicalId(stack.api.node.findChild('CognitoAccessToken')) });
        expect(route.Properties.AuthorizationScopes, routeKey).toEqual([API_SCOPE]);
      } else {
        expect(route.Properties.AuthorizerId).toBeUndefined();
        expect(route.Properties.AuthorizationScopes).toBeUndefined();
      }
      expect(integrationOf(route)).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: getAtt(stack.functions[key], 'Arn'),
      });
    }
    expect(stack.httpRoutes[key].map((r) => logicalId(r)).sort()).toEqual(routeKeys(key).map((k) => byKey.get(k)!.id).sort());
  });

  it('the coordinators\' routes take a Cognito access token; only the offices\' signed-link routes have no authorizer', () => {
    expect(FUNCTIONS.api.trigger.auth).toBe('cognito');
    expect(FUNCTIONS.respond.trigger.auth).toBe('none');
    const open = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => r.Properties.AuthorizationType !== 'JWT')
      .map(([, r]) => `${r.Properties.AuthorizationType} ${r.Properties.RouteKey}`)
      .sort();
    expect(open).toEqual(['NONE GET /r/{token}', 'NONE POST /r/{token}']);
    // Every route of every function declared 'cognito', from the declaration, has the JWT authorizer and API_SCOPE.
    const declared = HTTP_FUNCTIONS.filter((k) => (FUNCTIONS[k].trigger as HttpTrigger).auth === 'cognito').flatMap(routeKeys);
    expect(declared.length).toBeGreaterThan(20);
    const byKey = routesByKey();
    for (const key of declared) {
      expect(byKey.get(key)?.Properties, key).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: [API_SCOPE] });
    }
  });

  it('the JWT authorizer accepts the user pool\'s tokens for its console client only, from the Authorization header', () => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [id, authorizer] = authorizers[0]!;
    expect(id).toBe(logicalId(stack.api.node.findChild('CognitoAccessToken')));
    expect(authorizer.Properties).toEqual({
      ApiId: { Ref: logicalId(stack.api) },
      AuthorizerType: 'JWT',
      Name: 'CognitoAccessToken',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack.userPoolClient) }],
        // The pool's issuer: https://cognito-idp.{region}.amazonaws.com/{pool id}.
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: logicalId(stack.userPool) }]] },
      },
    });
  });

  it('routes without authorization have their own, stricter throttle; the rest the stage default', () => {
    const stage = resource(stack.apiStage);
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: API_THROTTLE.rateLimit,
      ThrottlingBurstLimit: API_THROTTLE.burstLimit,
    });
    const unauthenticated = HTTP_FUNCTIONS.filter((k) => (FUNCTIONS[k].trigger as HttpTrigger).auth === 'none').flatMap(routeKeys);
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual([...unauthenticated].sort());
    for (const settings of Object.values(stage.Properties.RouteSettings)) {
      expect(settings).toEqual({
        ThrottlingRateLimit: UNAUTHENTICATED_ROUTE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: UNAUTHENTICATED_ROUTE_THROTTLE.burstLimit,
      });
    }
    expect(UNAUTHENTICATED_ROUTE_THROTTLE.rateLimit).toBeLessThan(API_THROTTLE.rateLimit);
    expect(UNAUTHENTICATED_ROUTE_THROTTLE.burstLimit).toBeLessThan(API_THROTTLE.burstLimit);
    // RouteSettings may only name existing routes: the stage waits for them.
    const byKey = routesByKey();
    expect(stage.DependsOn).toEqual(expect.arrayContaining(unauthenticated.map((k) => byKey.get(k)!.id)));
  });

  it('logs access to its own log group, with who called (the token\'s sub, never an email or a name); outputs URL and table name', () => {
    const stage = resource(stack.apiStage).Properties;
    expect(stage.StageName).toBe('$default');
    const [logGroupId] = stage.AccessLogSettings.DestinationArn['Fn::GetAtt'];
    expect(resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } });
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', callerSub: '$context.authorizer.claims.sub' });
    expectNoPersonalFields(format);
    expect(Object.keys(template.toJSON().Outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'TableName', 'UserPoolId', 'UserPoolClientId']));
  });
});

// ------------------------------------------------------------------------------------ cdk-nag

describe('cdk-nag AwsSolutions and Serverless', () => {
  it.each([
    ['AwsSolutions', () => new AwsSolutionsChecks(undefined, { verbose: true })],
    ['Serverless', () => new ServerlessChecks(undefined, { verbose: true })],
  ] as const)('%s: reports no unacknowledged error or warning', (_pack, make) => {
    const report = make().validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources[0]?.constructPath}`)).toEqual([]);
    // The same, as written by synthesis (all plugins, including CloudFormation's own rules).
    const file = join(assembly.directory, 'validation-report.json');
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.pluginReports.flatMap((p: Json) => p.violations ?? [])).toEqual([]);
    // No CDK annotation either (deprecations, validation warnings), in either stack.
    for (const s of [stack, wafStack]) {
      expect(Annotations.fromStack(s).findError('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(s).findWarning('*', Match.anyValue())).toEqual([]);
    }
    // The packs looked at the link WAF stack too (it is in the same app).
    expect(app.node.children).toContain(wafStack);
  });

  it('is live: an unencrypted, TLS-optional queue is flagged', () => {
    const probe = new Stack(undefined, 'NagProbe');
    new Queue(probe, 'Plain', { encryption: QueueEncryption.UNENCRYPTED });
    const ids = new AwsSolutionsChecks().validateScope(probe).violations.map((v) => v.ruleName);
    expect(ids).toEqual(expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  it('acknowledges only these findings, each on its resource with a reason (none stack-wide)', () => {
    const acks: Record<string, string[]> = {};
    for (const node of app.node.findAll()) {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          expect(String(reason).length, `${node.node.path} ${id}`).toBeGreaterThan(60);
          (acks[node.node.path.replace(`${stack.stackName}/`, '')] ??= []).push(id.replace(/^annotation::/i, ''));
        }
      }
    }
    expect(acks[stack.node.path]).toBeUndefined();
    const streamRole = [
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    ];
    // One APIG4 per route resource without authorization (never on the API, the stage or the function).
    const openRoutes = Object.fromEntries(
      HTTP_FUNCTIONS.filter((k) => (FUNCTIONS[k].trigger as HttpTrigger).auth === 'none')
        .flatMap((k) => stack.httpRoutes[k])
        .map((route) => [route.node.defaultChild!.node.path.replace(`${stack.stackName}/`, ''), ['AwsSolutions-APIG4']]),
    );
    expect(Object.keys(openRoutes).sort()).toEqual(['HttpApi/GET--r--{token}/Resource', 'HttpApi/POST--r--{token}/Resource']);
    const fnAcks = ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion', 'Serverless-LambdaDLQ'];
    const dlqAcks = ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'];
    // Nothing in the link WAF stack needs one.
    expect(Object.keys(acks).filter((path) => path.startsWith(`${wafStack.stackName}/`))).toEqual([]);
    expect(acks).toEqual({
      // MFA optional and no Plus plan: the suite's app has no deployment file, so the defaults.
      'UserPool/Resource': ['AwsSolutions-COG2', 'AwsSolutions-COG8'],
      LinkDistribution: ['AwsSolutions-CFR1', 'AwsSolutions-CFR3', 'AwsSolutions-CFR4'],
      LinkOriginSecret: ['AwsSolutions-SMG4'],
      AWS679f53fac002430cb0da5b7982bd2287: ['Serverless-LambdaDLQ', 'Serverless-LambdaTracing'],
      'Operations/AlarmEmail': ['Serverless-SNSRedrivePolicy'],
      ApiFunction: fnAcks,
      RespondFunction: fnAcks,
      RouteReferralsFunction: fnAcks,
      DeliverNotificationsFunction: fnAcks,
      ReactToAnswersFunction: fnAcks,
      SweepTimersFunction: fnAcks,
      PlanMeetingsFunction: fnAcks,
      NotifyMeetingsFunction: fnAcks,
      ExpireClosedCasesFunction: fnAcks,
      SendDigestsFunction: fnAcks,
      ReportIndicatorsFunction: fnAcks,
      ApiFunctionRole: ['AwsSolutions-IAM5[Resource::*]'],
      RespondFunctionRole: ['AwsSolutions-IAM5[Resource::*]'],
      SweepTimersFunctionRole: streamRole,
      PlanMeetingsFunctionRole: streamRole,
      SendDigestsFunctionRole: streamRole,
      ReportIndicatorsFunctionRole: streamRole,
      RouteReferralsFunctionRole: streamRole,
      DeliverNotificationsFunctionRole: streamRole,
      ReactToAnswersFunctionRole: streamRole,
      NotifyMeetingsFunctionRole: streamRole,
      ExpireClosedCasesFunctionRole: streamRole,
      DeliverNotificationsSmsPolicy: ['AwsSolutions-IAM5[Resource::*]'],
      DeliverNotificationsSmsOptOutPolicy: ['AwsSolutions-IAM5[Resource::*]'],
      'SmsAccountSettings/CustomResourcePolicy': ['AwsSolutions-IAM5[Resource::*]'],
      LinkSigningKeyReadPolicy: ['AwsSolutions-IAM5[Resource::*]'],
      RouteReferralsDlq: dlqAcks,
      DeliverNotificationsDlq: dlqAcks,
      ReactToAnswersDlq: dlqAcks,
      SweepTimersDlq: dlqAcks,
      PlanMeetingsDlq: dlqAcks,
      NotifyMeetingsDlq: dlqAcks,
      ExpireClosedCasesDlq: dlqAcks,
      EmailEventsFunction: fnAcks,
      EmailEventsFunctionRole: streamRole,
      EmailEventsDlq: dlqAcks,
      SendDigestsDlq: dlqAcks,
      ReportIndicatorsDlq: dlqAcks,
      ...openRoutes,
    });
  });

  it('the routes without authorization are flagged (APIG4) and acknowledged only on those route resources', () => {
    // APIG4's own rule, without the acknowledgements: exactly the signed-link routes fail it.
    const flagged = app.node
      .findAll()
      .filter((c): c is CfnRoute => c instanceof CfnRoute)
      .filter((route) => rules.apigw.APIGWAuthorization(route) === NagRuleCompliance.NON_COMPLIANT)
      .map((route) => route.node.path.replace(`${stack.stackName}/`, ''))
      .sort();
    expect(flagged).toEqual(['HttpApi/GET--r--{token}/Resource', 'HttpApi/POST--r--{token}/Resource']);
    for (const route of HTTP_FUNCTIONS.flatMap((k) => stack.httpRoutes[k])) {
      const cfn = resource(route);
      const routeKey: string = cfn.Properties.RouteKey;
      const suppressed = cfn.Metadata?.cdk_nag?.rules_to_suppress ?? [];
      if (cfn.Properties.AuthorizationType === 'JWT') {
        expect(suppressed, routeKey).toEqual([]);
        continue;
      }
      expect(suppressed).toEqual([{ id: 'AwsSolutions-APIG4', reason: expect.any(String) }]);
      const reason: string = suppressed[0].reason;
      expect(reason).toContain(routeKey);
      for (const why of ['never log in', 'HMAC-signed', 'expiring', 'single referral', 'GET only shows the page and never changes state', 'AWS WAF per-source-IP rate limit', 'Cognito access token']) {
        expect(reason).toContain(why);
      }
    }
    // Not on the API, the stage, the integration or the Lambda permissions.
    for (const [id, r] of Object.entries(resources)) {
      if (r.Type === 'AWS::ApiGatewayV2::Route') continue;
      const ids = (r.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((x: Json) => x.id);
      expect(ids, id).not.toContain('AwsSolutions-APIG4');
    }
  });

  it('writes each acknowledgement and its reason into the template for audit', () => {
    const smsPolicy = resource(stack.node.findChild('DeliverNotificationsSmsPolicy'));
    expect(smsPolicy.Metadata.cdk_nag.rules_to_suppress).toEqual([
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: expect.stringContaining('phone number') },
    ]);
    expect(resource(stack.linkSigningKeyReadPolicy).Metadata.cdk_nag.rules_to_suppress).toEqual([
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: expect.stringMatching(/kms:ViaService.*kms:EncryptionContext:PARAMETER_ARN/) },
    ]);
  });
});

// ------------------------------------------------------------------------------------ SMS cost (issue #6)

describe('SMS account settings and opt-out checks', () => {
  const customResource = (): Json => resource(stack.smsAccountSettings.node.findChild('Resource'));
  const settingsRoleId = () => logicalId(stack.node.findChild('SmsAccountSettingsRole'));

  /** An Fn::Join of strings and parameter Refs, as CloudFormation would resolve it with these values. */
  function joined(value: Json, parameters: Record<string, string>): string {
    if (typeof value === 'string') return value;
    const [separator, parts] = value['Fn::Join'] as [string, Json[]];
    return parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const v = parameters[p.Ref];
        if (v === undefined) throw new Error(`no stand-in for ${JSON.stringify(p)}`);
        return v;
      })
      .join(separator);
  }

  it('SmsMonthlySpendLimitUsd is a Number parameter with no default and a minimum of 1', () => {
    const param = template.toJSON().Parameters.SmsMonthlySpendLimitUsd;
    expect(param).toMatchObject({ Type: 'Number', MinValue: 1 });
    expect(param.Default).toBeUndefined();
  });

  it('a custom resource calls SNS setSMSAttributes with the spend limit and Transactional on create and update, nothing on delete', () => {
    const props = customResource().Properties;
    for (const phase of ['Create', 'Update'] as const) {
      const call = JSON.parse(joined(props[phase], { SmsMonthlySpendLimitUsd: '25' }));
      expect(call, phase).toMatchObject({
        service: 'SNS',
        action: 'setSMSAttributes',
        parameters: { attributes: { MonthlySpendLimit: '25', DefaultSMSType: 'Transactional' } },
        physicalResourceId: { id: 'sns-sms-account-attributes' },
      });
      expect(Object.keys(call.parameters.attributes).sort(), phase).toEqual(['DefaultSMSType', 'MonthlySpendLimit']);
    }
    expect(props.Delete).toBeUndefined();
    expect(props.InstallLatestAwsSdk).toBe(false);
  });

  it('its provider runs as a role of our own: sns:SetSMSAttributes (on "*") and writing its own log group, nothing else, no managed policy', () => {
    const statements = statementsOfRole(settingsRoleId());
    const sns = statements.filter((s) => s.Action.some((a) => a.startsWith('sns:')));
    expect(sns).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['sns:SetSMSAttributes'], Resource: ['*'] })]);
    const rest = statements.filter((s) => !sns.includes(s));
    expect(rest.flatMap((s) => s.Action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    const logs = stack.node.findChild('SmsAccountSettingsLogs');
    for (const s of rest) expect(s.Resource).toEqual([getAtt(logs, 'Arn')]);
    expect(resources[settingsRoleId()].Properties.ManagedPolicyArns).toBeUndefined();
    const providers = ofType('AWS::Lambda::Function').filter(([, f]) => JSON.stringify(f.Properties.Role) === JSON.stringify(getAtt(stack.node.findChild('SmsAccountSettingsRole'), 'Arn')));
    expect(providers).toHaveLength(1);
    expect(providers[0]![1].Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logicalId(logs) } });
    // The provider is the only holder of the action.
    for (const key of ALL_FUNCTIONS) expect(allowedActions(key), key).not.toContain('sns:SetSMSAttributes');
  });

  it('the custom resource waits for its policy, so the first call is already allowed', () => {
    const policyId = logicalId(stack.smsAccountSettings.node.findChild('CustomResourcePolicy'));
    expect(customResource().DependsOn).toContain(policyId);
  });

  it('deliver may ask SNS whether a number opted out (sns:CheckIfPhoneNumberIsOptedOut, on "*" as IAM requires), in a policy of its own', () => {
    const check = statementsOf('deliverNotifications').filter((s) => s.Action.includes('sns:CheckIfPhoneNumberIsOptedOut'));
    expect(check).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['sns:CheckIfPhoneNumberIsOptedOut'], Resource: ['*'] })]);
    const policy = resource(stack.node.findChild('DeliverNotificationsSmsOptOutPolicy'));
    expect(policy.Properties.PolicyDocument.Statement).toHaveLength(1);
    expect(policy.Metadata.cdk_nag.rules_to_suppress).toEqual([
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: expect.stringContaining('no resource type') },
    ]);
    for (const key of ALL_FUNCTIONS.filter((k) => k !== 'deliverNotifications')) {
      expect(allowedActions(key), key).not.toContain('sns:CheckIfPhoneNumberIsOptedOut');
    }
  });
});

// ------------------------------------------------------------------------------------ retention

describe('expire-closed-cases (personal data expires after closure)', () => {
  it('hears only a case moving to closed (no INSERT, no REMOVE, not its own closed → closed writes), with bounded retries, bisection and its DLQ', () => {
    const esm = eventSourceMappingOf('expireClosedCases');
    const patterns = esm.FilterCriteria.Filters.map((f: Json) => JSON.parse(f.Pattern));
    expect(patterns).toEqual(FUNCTIONS.expireClosedCases.trigger.filters);
    expect(patterns).toEqual([
      {
        eventName: ['MODIFY'],
        dynamodb: {
          OldImage: { status: { S: [{ 'anything-but': ['closed'] }] } },
          NewImage: { type: { S: ['Case'] }, status: { S: ['closed'] } },
        },
      },
    ]);
    expect(esm.MaximumRetryAttempts).toBe(3);
    expect(esm.BisectBatchOnFunctionError).toBe(true);
    expect(esm.MaximumRecordAgeInSeconds).toBe(3600);
    expect(esm.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(esm.DestinationConfig).toEqual({ OnFailure: { Destination: getAtt(stack.deadLetterQueues.expireClosedCases, 'Arn') } });
    expect(resource(stack.deadLetterQueues.expireClosedCases).Properties.KmsMasterKeyId).toEqual(getAtt(stack.dataKey, 'Arn'));
  });

  it('may only Query the table and UpdateItem on it (besides reading the stream): no Get, Put, Delete, Scan or index', () => {
    const STREAM_READ = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
    const statements = statementsOf('expireClosedCases').filter((s) => s.Effect === 'Allow');
    const onTable = statements
      .flatMap((s) => s.Action.filter((a) => a.startsWith('dynamodb:') && !STREAM_READ.includes(a)).map((a) => ({ a, r: s.Resource })))
      .sort((x, y) => x.a.localeCompare(y.a));
    expect(onTable).toEqual([
      { a: 'dynamodb:Query', r: [getAtt(stack.table, 'Arn')] },
      { a: 'dynamodb:UpdateItem', r: [getAtt(stack.table, 'Arn')] },
    ]);
    expect([...TABLE_ACCESS.expireClosedCases.table].sort()).toEqual(['Query', 'UpdateItem']);
    expect(JSON.stringify(statements)).not.toContain('/index/');
    // Beyond the table: its own logs, traces, the data key and parking a failed batch in its DLQ.
    const others = allowedActions('expireClosedCases').filter((a) => !['dynamodb:', 'kms:', 'xray:', 'sqs:', 'logs:'].some((p) => a.startsWith(p)));
    expect(others).toEqual([]);
    expect(allowedActions('expireClosedCases').filter((a) => a.startsWith('ses:') || a.startsWith('sns:') || a.startsWith('ssm:'))).toEqual([]);
  });

  it('reads the retention from the PersonalDataRetentionDays parameter, documented as days after closure', () => {
    const env = resource(stack.functions.expireClosedCases).Properties.Environment.Variables;
    expect(env.PERSONAL_DATA_RETENTION_DAYS).toEqual({ Ref: 'PersonalDataRetentionDays' });
    const param = template.toJSON().Parameters.PersonalDataRetentionDays;
    expect(param).toMatchObject({ Type: 'Number', Default: 730, MinValue: 1, MaxValue: 3650 });
    expect(param.Description).toContain('after its case is closed');
  });
});

// ------------------------------------------------------------------------------------ SES events (email-events)

describe('SES events: configuration-set event destination → EventBridge → email-events', () => {
  const SES_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received', 'Email Delivered', 'Email Rejected', 'Email Rendering Failed'];
  const ruleArn = (name: string) => ({
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:rule/${name}`]],
  });
  const rule = () => resource(stack.eventRules.emailEvents.rule);

  it("the operator's configuration set publishes bounces, complaints, deliveries, rejections and rendering failures to the default bus", () => {
    template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 1);
    const dest = resource(stack.sesEventDestination).Properties;
    expect(dest.ConfigurationSetName).toEqual({ Ref: 'SesConfigurationSetName' });
    expect(dest.EventDestination.Enabled).toBe(true);
    expect([...dest.EventDestination.MatchingEventTypes].sort()).toEqual(['bounce', 'complaint', 'delivery', 'reject', 'renderingFailure']);
    // Nothing about sends, opens or clicks, and nowhere else (no SNS topic, no Firehose, no CloudWatch).
    expect(Object.keys(dest.EventDestination).sort()).toEqual(['Enabled', 'EventBridgeDestination', 'MatchingEventTypes']);
    expect(JSON.stringify(dest.EventDestination.EventBridgeDestination.EventBusArn)).toMatch(/:event-bus\/default"/);
  });

  it('the rule passes only those SES events of this configuration set, on the default bus, to email-events', () => {
    const props = rule().Properties;
    expect(props.EventBusName).toBeUndefined(); // the default bus, the only one SES publishes to
    expect(props.State).toBe('ENABLED');
    expect(props.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': SES_DETAIL_TYPES,
      detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: 'SesConfigurationSetName' }] } } },
    });
    expect(FUNCTIONS.emailEvents.trigger.detailTypes).toEqual(SES_DETAIL_TYPES);
    expect(props.Targets).toHaveLength(1);
    expect(props.Targets[0].Arn).toEqual(getAtt(stack.functions.emailEvents, 'Arn'));
  });

  it("the target's retries are bounded and an event EventBridge cannot hand over goes to the function's KMS-encrypted DLQ", () => {
    const trigger = FUNCTIONS.emailEvents.trigger;
    const target = rule().Properties.Targets[0];
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: trigger.retryAttempts, MaximumEventAgeInSeconds: trigger.maxEventAgeSeconds });
    expect(trigger.retryAttempts).toBeLessThanOrEqual(10);
    const dlq = stack.deadLetterQueues.emailEvents;
    expect(target.DeadLetterConfig).toEqual({ Arn: getAtt(dlq, 'Arn') });
    expect(resource(dlq).Properties).toEqual({ KmsMasterKeyId: getAtt(stack.dataKey, 'Arn'), MessageRetentionPeriod: 14 * 24 * 3600 });
    // Only EventBridge, only for this rule, may send to it (besides the function's own failure destination).
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(dlq) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: { ArnEquals: { 'aws:SourceArn': getAtt(stack.eventRules.emailEvents.rule, 'Arn') } },
          }),
        ]),
      },
    });
    // The data key lets EventBridge encrypt for that queue, for events of this one rule only.
    const keyStatements = resource(stack.dataKey).Properties.KeyPolicy.Statement as Json[];
    const forEvents = keyStatements.filter((s) => JSON.stringify(s.Principal).includes('events.amazonaws.com'));
    expect(forEvents).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn(rule().Properties.Name) } },
      }),
    ]);
    expect(stack.resolve(stack.eventRules.emailEvents.ruleArn)).toEqual(ruleArn(rule().Properties.Name));
  });

  it("a handler that keeps failing is retried by Lambda a bounded number of times, then parked in the same DLQ", () => {
    const trigger = FUNCTIONS.emailEvents.trigger;
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName.Ref === logicalId(stack.functions.emailEvents));
    expect(configs).toHaveLength(1);
    expect(configs[0]![1].Properties).toEqual({
      FunctionName: { Ref: logicalId(stack.functions.emailEvents) },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: trigger.handlerRetryAttempts,
      MaximumEventAgeInSeconds: trigger.maxEventAgeSeconds,
      DestinationConfig: { OnFailure: { Destination: getAtt(stack.deadLetterQueues.emailEvents, 'Arn') } },
    });
  });

  it('EventBridge may invoke email-events only from its own rule', () => {
    const fnArn = JSON.stringify(getAtt(stack.functions.emailEvents, 'Arn'));
    const perms = ofType('AWS::Lambda::Permission').map(([, p]) => p.Properties).filter((p) => p.Principal === 'events.amazonaws.com');
    expect(perms).toHaveLength(1);
    expect(JSON.stringify(perms[0].FunctionName)).toBe(fnArn);
    expect(perms[0].Action).toBe('lambda:InvokeFunction');
    expect(perms[0].SourceArn).toEqual(getAtt(stack.eventRules.emailEvents.rule, 'Arn'));
  });

  it('least privilege: Get, Put and Update items on the table, its DLQ, nothing to send mail or SMS with, no stream, no index', () => {
    expect([...TABLE_ACCESS.emailEvents.table].sort()).toEqual(['GetItem', 'PutItem', 'UpdateItem']);
    const actions = allowedActions('emailEvents');
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(actions.filter((a) => a.startsWith('ses:') || a.startsWith('sns:') || a.startsWith('lambda:') || a.startsWith('ssm:'))).toEqual([]);
    const sqs = statementsOf('emailEvents').filter((s) => s.Action.some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap((s) => s.Resource)).toEqual([getAtt(stack.deadLetterQueues.emailEvents, 'Arn')]);
    expect(JSON.stringify(statementsOf('emailEvents'))).not.toContain('/index/');
    const env = resource(stack.functions.emailEvents).Properties.Environment.Variables;
    expect(env).toMatchObject({
      DELIVERY_MAX_ATTEMPTS: String(DELIVERY_RETRY.maxAttempts),
      DELIVERY_RETRY_BASE_SECONDS: String(DELIVERY_RETRY.baseSeconds),
      DELIVERY_RETRY_CAP_SECONDS: String(DELIVERY_RETRY.capSeconds),
      DELIVERY_RETRY_MAX_AGE_HOURS: String(DELIVERY_RETRY.maxAgeHours),
    });
    expect(env.SES_FROM_ADDRESS).toBeUndefined();
  });
});

// ------------------------------------------------------------------------------------ operations (issue #7)

describe('operations: alarms to OpsAlarms, the Referrals dashboard', () => {
  const topicRef = () => ({ Ref: logicalId(stack.operations.topic) });
  const alarmProps = (alarm: IConstruct): Json => resource(alarm).Properties;
  /** The one MetricStat of a single-metric alarm. */
  const metricOf = (alarm: IConstruct): Json => {
    const metrics = alarmProps(alarm).Metrics as Json[] | undefined;
    if (metrics) {
      expect(metrics).toHaveLength(1);
      return { ...metrics[0].MetricStat.Metric, Period: metrics[0].MetricStat.Period, Stat: metrics[0].MetricStat.Stat };
    }
    const p = alarmProps(alarm);
    return { Namespace: p.Namespace, MetricName: p.MetricName, Dimensions: p.Dimensions, Period: p.Period, Stat: p.Statistic };
  };
  function expectAlarm(alarm: IConstruct, threshold: number, treatMissingData = 'notBreaching') {
    const p = alarmProps(alarm);
    expect(p.Threshold).toBe(threshold);
    expect(p.ComparisonOperator).toBe('GreaterThanThreshold');
    expect(p.EvaluationPeriods).toBe(1);
    expect(p.TreatMissingData).toBe(treatMissingData);
    expect(p.AlarmActions).toEqual([topicRef()]);
    expect(p.AlarmDescription).toContain('Do:');
    expect(p.AlarmDescription).toContain('Runbook: README.md');
  }

  it('the OpsAlarms topic is KMS-encrypted with a rotating key CloudWatch may use, TLS only, and this account\'s alarms may publish', () => {
    const topic = resource(stack.operations.topic).Properties;
    expect(topic.KmsMasterKeyId).toEqual(getAtt(stack.operations.topicKey, 'Arn'));
    expect(resource(stack.operations.topicKey).Properties.EnableKeyRotation).toBe(true);
    const keyStatements = resource(stack.operations.topicKey).Properties.KeyPolicy.Statement as Json[];
    expect(keyStatements).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
    const policy = ofType('AWS::SNS::TopicPolicy').find(([, p]) => JSON.stringify(p.Properties.Topics) === JSON.stringify([topicRef()]));
    const statements = policy![1].Properties.PolicyDocument.Statement as Json[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }) }),
    );
  });

  it('OpsAlarmEmail (empty by default) is subscribed by email only when set', () => {
    template.hasParameter('OpsAlarmEmail', { Type: 'String', Default: '' });
    const sub = resource(stack.operations.emailSubscription);
    expect(sub.Properties).toMatchObject({ Protocol: 'email', Endpoint: { Ref: 'OpsAlarmEmail' }, TopicArn: topicRef() });
    const conditionId = stack.getLogicalId(stack.operations.emailCondition);
    expect(sub.Condition).toBe(conditionId);
    expect(template.toJSON().Conditions[conditionId]).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'OpsAlarmEmail' }, ''] }] });
    const pattern = new RegExp(template.toJSON().Parameters.OpsAlarmEmail.AllowedPattern);
    expect(pattern.test('')).toBe(true);
    expect(pattern.test('ops@example.org')).toBe(true);
    expect(pattern.test('not an address')).toBe(false);
  });

  it('every alarm of the stack notifies the topic and nothing else; one per DLQ, stream consumer and function (errors, throttles), SES, SMS and delivery outcomes', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    const dlqs = Object.keys(stack.deadLetterQueues).length;
    expect(alarms).toHaveLength(dlqs + STREAM_FUNCTIONS.length + 2 * ALL_FUNCTIONS.length + 3 + 2);
    for (const [id, a] of alarms) {
      expect(a.Properties.AlarmActions, id).toEqual([topicRef()]);
      expect(a.Properties.OKActions, id).toBeUndefined();
    }
  });

  it.each(ALL_FUNCTIONS.filter((k) => FUNCTIONS[k].trigger.kind !== 'http'))(
    '%s: its DLQ alarms on ApproximateNumberOfMessagesVisible > 0 (maximum over 5 minutes)',
    (key) => {
      const queue = stack.deadLetterQueues[key as keyof typeof stack.deadLetterQueues];
      const alarm = stack.operations.alarms.dlq[key]!;
      expectAlarm(alarm, 0);
      expect(metricOf(alarm)).toEqual({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: getAtt(queue, 'QueueName') }],
        Period: 300,
        Stat: 'Maximum',
      });
      expect(alarmProps(alarm).AlarmDescription).toContain('dlq redrive');
    },
  );

  it.each(STREAM_FUNCTIONS)('%s: IteratorAge alarm at 10 minutes (maximum over 5 minutes)', (key) => {
    const alarm = stack.operations.alarms.iteratorAge[key]!;
    expectAlarm(alarm, 10 * 60 * 1000);
    expect(metricOf(alarm)).toEqual({
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.functions[key]) } }],
      Period: 300,
      Stat: 'Maximum',
    });
    expect(Object.keys(stack.operations.alarms.iteratorAge).sort()).toEqual([...STREAM_FUNCTIONS].sort());
  });

  it.each(ALL_FUNCTIONS)('%s: Errors > 0 and Throttles > 0 (sum over 5 minutes), missing data not breaching', (key) => {
    for (const [which, metricName] of [['errors', 'Errors'], ['throttles', 'Throttles']] as const) {
      const alarm = stack.operations.alarms[which][key]!;
      expectAlarm(alarm, 0);
      expect(metricOf(alarm)).toEqual({
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.functions[key]) } }],
        Period: 300,
        Stat: 'Sum',
      });
    }
  });

  it('SES reputation: account-level bounce rate > 5% and complaint rate > 0.1%', () => {
    const { sesBounceRate, sesComplaintRate } = stack.operations.alarms;
    expectAlarm(sesBounceRate, 0.05);
    expectAlarm(sesComplaintRate, 0.001);
    expect(metricOf(sesBounceRate)).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Stat: 'Maximum' });
    expect(metricOf(sesComplaintRate)).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Stat: 'Maximum' });
    expect(metricOf(sesBounceRate).Dimensions).toBeUndefined();
    expect(metricOf(sesComplaintRate).Dimensions).toBeUndefined();
  });

  it('SMS spend: the month-to-date spend as a percentage of SmsMonthlySpendLimitUsd, alarmed above 80', () => {
    const alarm = stack.operations.alarms.smsSpend;
    expectAlarm(alarm, 80);
    const metrics = alarmProps(alarm).Metrics as Json[];
    const expression = metrics.find((m) => m.Expression);
    const spent = metrics.find((m) => m.MetricStat);
    expect(spent).toMatchObject({
      Id: 'spent',
      ReturnData: false,
      MetricStat: { Metric: { Namespace: 'AWS/SNS', MetricName: 'SMSMonthToDateSpentUSD' }, Stat: 'Maximum' },
    });
    expect(spent.MetricStat.Metric.Dimensions).toBeUndefined();
    expect(expression.ReturnData).toBe(true);
    expect(expression.Expression).toEqual({ 'Fn::Join': ['', ['100 * spent / ', { Ref: 'SmsMonthlySpendLimitUsd' }]] });
    // As CloudWatch will evaluate it with a 25 USD limit: 20.01 USD spent is 80.04% → ALARM.
    const evaluated = (expression.Expression['Fn::Join'][1] as Json[]).map((p) => (typeof p === 'string' ? p : '25')).join('');
    expect(evaluated).toBe('100 * spent / 25');
  });

  it('delivery outcomes from the functions\' own metrics: final failures above 20 an hour, any unconfirmed send', () => {
    const { deliveryFailures, deliveryUnconfirmed } = stack.operations.alarms;
    expectAlarm(deliveryFailures, 20);
    expectAlarm(deliveryUnconfirmed, 0);
    expect(metricOf(deliveryUnconfirmed)).toMatchObject({
      Namespace: 'Referrals',
      MetricName: 'DeliveryUnconfirmed',
      Dimensions: [{ Name: 'service', Value: 'deliver-notifications' }],
      Stat: 'Sum',
      Period: 300,
    });
    const metrics = alarmProps(deliveryFailures).Metrics as Json[];
    expect(metrics.find((m) => m.Expression)).toMatchObject({ Expression: 'emailFailed + smsFailed', ReturnData: true });
    for (const [id, name] of [['emailFailed', 'EmailFailed'], ['smsFailed', 'SmsFailed']]) {
      expect(metrics.find((m) => m.Id === id)).toMatchObject({
        ReturnData: false,
        MetricStat: { Metric: { Namespace: 'Referrals', MetricName: name, Dimensions: [{ Name: 'service', Value: 'deliver-notifications' }] }, Stat: 'Sum', Period: 3600 },
      });
    }
  });

  it('each function emits its metrics into the namespace the dashboard and alarms read', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const env = fn.Properties.Environment?.Variables ?? {};
      if (!env.POWERTOOLS_SERVICE_NAME) continue;
      expect(env.POWERTOOLS_METRICS_NAMESPACE, id).toBe('Referrals');
      expect(env.POWERTOOLS_METRICS_DISABLED, id).toBeUndefined();
    }
  });

  it('the Referrals dashboard has the alarms, per-function, stream, DLQ, SES and SMS widgets, and the functions\' own metrics', () => {
    const dashboard = resource(stack.operations.dashboard).Properties;
    expect(dashboard.DashboardName).toBe('Referrals');
    const body = JSON.stringify(stack.resolve(dashboard.DashboardBody));
    for (const text of [
      'Invocations',
      'Errors',
      'Duration p99',
      'p99',
      'IteratorAge',
      'ApproximateNumberOfMessagesVisible',
      'AWS/SES',
      'Reputation.BounceRate',
      'Reputation.ComplaintRate',
      'NumberOfNotificationsFailed',
      'SMSSuccessRate',
      'SMSMonthToDateSpentUSD',
    ]) {
      expect(body, text).toContain(text);
    }
    // Every alarm is on its alarm-status widget.
    for (const [id] of ofType('AWS::CloudWatch::Alarm')) expect(body, id).toContain(id);
    // The platform's own (Powertools) metrics, each read per emitting function (dimension service).
    for (const [metric, service] of [
      ['CasesRegistered', 'api'],
      ['ReferralsCreated', 'api'],
      ['ReferralAnswersRecorded', 'respond'],
      ['ResponseLinksRefused', 'respond'],
      ['EmailSent', 'deliver-notifications'],
      ['SmsSent', 'deliver-notifications'],
      ['SmsSegmentsSent', 'deliver-notifications'],
      ['EmailFailed', 'deliver-notifications'],
      ['SmsFailed', 'deliver-notifications'],
      ['DeliveryRetryScheduled', 'deliver-notifications'],
      ['DeliveryUnconfirmed', 'deliver-notifications'],
      ['EmailBouncedPermanently', 'email-events'],
      ['EmailComplained', 'email-events'],
      ['TimersFired', 'sweep-timers'],
      ['TimersFailed', 'sweep-timers'],
      ['DeliveriesReleased', 'sweep-timers'],
    ]) {
      // (the body is JSON inside a JSON string: its quotes are escaped)
      expect(body, metric).toContain(`[\\"Referrals\\",\\"${metric}\\",\\"service\\",\\"${service}\\"`);
    }
  });
});

// ------------------------------------------------------------------------------------ deployment file (-c deployment=…)

describe('deployment file', () => {
  const example = join(REPO_ROOT, 'infra', 'deployments', 'example.json');
  const valid = () => JSON.parse(readFileSync(example, 'utf8'));
  const smr = { name: 'smr', principal: 'arn:aws:iam::123456789012:role/smr-integration', municipality: 'obiliq', role: 'coordinator' };

  it('the example is valid', () => {
    expect(parseDeploymentFile(readFileSync(example, 'utf8'), 'example.json')).toMatchObject({ deliveryMode: 'test', smsMonthlySpendLimitUsd: 1 });
  });

  it('the sign-in and link settings have their defaults when a file leaves them out', () => {
    const { mfa, threatProtection, machineCallers, linkWaf, linkRateLimitPer5Minutes, ...rest } = valid();
    void [mfa, threatProtection, machineCallers, linkWaf, linkRateLimitPer5Minutes];
    expect(parseDeploymentFile(JSON.stringify(rest), 'x.json')).toMatchObject({
      mfa: 'optional',
      threatProtection: 'off',
      machineCallers: [],
      linkWaf: true,
      linkRateLimitPer5Minutes: 300,
    });
    expect(ACCESS_DEFAULTS).toEqual({ mfa: 'optional', threatProtection: 'off', linkWaf: true, linkRateLimitPer5Minutes: 300 });
    expect(parseDeploymentFile(JSON.stringify({ ...valid(), machineCallers: [smr, { ...smr, name: 'national', principal: 'arn:aws:iam::123456789012:user/ops', municipality: '*', role: 'operator' }] }), 'x.json').machineCallers).toHaveLength(2);
  });

  it.each([
    ['mfa', { mfa: 'always' }],
    ['threatProtection', { threatProtection: 'on' }],
    ['linkWaf', { linkWaf: 'no' }],
    ['linkRateLimitPer5Minutes', { linkRateLimitPer5Minutes: 5 }],
    ['machineCallers.0.principal', { machineCallers: [{ ...smr, principal: 'smr-integration' }] }],
    ['machineCallers.0.role', { machineCallers: [{ ...smr, role: 'admin' }] }],
    ['machineCallers.0.municipality', { machineCallers: [{ ...smr, municipality: 'prishtina' }] }],
    ['machineCallers.1.name', { machineCallers: [smr, { ...smr, principal: 'arn:aws:iam::123456789012:role/other' }] }],
    ['machineCallers.1.principal', { machineCallers: [smr, { ...smr, name: 'smr-2' }] }],
  ])('a bad %s is refused, naming the field', (field, change) => {
    expect(() => parseDeploymentFile(JSON.stringify({ ...valid(), ...change }), 'infra/deployments/bad.json')).toThrow(
      new RegExp(`^deployment file infra/deployments/bad\\.json: .*\\b${field.replaceAll('.', '\\.')}: `),
    );
  });

  it.each([
    ['deliveryMode', { deliveryMode: 'production' }],
    ['smsMonthlySpendLimitUsd', { smsMonthlySpendLimitUsd: 0 }],
    ['simulatedPhoneNumbers.0', { simulatedPhoneNumbers: ['049 555 123'] }],
    ['sesSenderIdentity', { sesSenderIdentity: 'Not A Domain' }],
    ['senderAddress', { senderAddress: 'Referrals <noreply@elsewhere.org>' }],
    ['opsAlarmEmail', { opsAlarmEmail: 'ops' }],
    ['sesConfigurationSetName', { sesConfigurationSetName: undefined }],
  ])('a bad %s is refused, naming the file and the field', (field, change) => {
    const text = JSON.stringify({ ...valid(), ...change });
    expect(() => parseDeploymentFile(text, 'infra/deployments/bad.json')).toThrow(new RegExp(`^deployment file infra/deployments/bad\\.json: .*\\b${field.replace('.', '\\.')}: `));
  });

  it.each(['coordinator', 'head'])('a machine caller with municipality * and role %s (household data everywhere) is refused, naming the field', (role) => {
    expect(() => parseDeploymentFile(JSON.stringify({ ...valid(), machineCallers: [{ ...smr, role, municipality: '*' }] }), 'x.json')).toThrow(
      new RegExp(`machineCallers\\.0\\.municipality: "\\*" with role ${role}: \\* \\(every municipality\\) is for viewer and operator only`),
    );
  });

  it('an unknown key (a typo) is refused, naming it', () => {
    expect(() => parseDeploymentFile(JSON.stringify({ ...valid(), deliverMode: 'live' }), 'x.json')).toThrow(/deliverMode/);
  });

  it('the app refuses a bad file given as -c deployment=… before building anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'referrals-deploy-'));
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ...valid(), deliveryMode: 'maybe' }));
      expect(() => createReferralsApp({ context: { deployment: bad } })).toThrow(/deployment file .*bad\.json: deliveryMode: /);
      expect(() => createReferralsApp({ context: { deployment: join(dir, 'missing.json') } })).toThrow(/missing\.json: cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a valid file becomes the parameters\' defaults; without it they are as before', () => {
    const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'));
    // No bundling: only the parameters are looked at.
    const built = createReferralsApp({ context: { ...cdkJson.context, deployment: example, 'aws:cdk:bundling-stacks': [] }, outdir: mkdtempSync(join(tmpdir(), 'referrals-cdk-deploy-')) });
    const params = Template.fromStack(built.stack).toJSON().Parameters;
    const file = valid();
    // The link WAF stack's one parameter, from linkRateLimitPer5Minutes.
    expect(Template.fromStack(built.linkWaf!).toJSON().Parameters.LinkRateLimitPer5Minutes.Default).toBe(file.linkRateLimitPer5Minutes);
    expect(params.SesSenderIdentity.Default).toBe(file.sesSenderIdentity);
    expect(params.SenderAddress.Default).toBe(file.senderAddress);
    expect(params.SesConfigurationSetName.Default).toBe(file.sesConfigurationSetName);
    expect(params.DeliveryMode.Default).toBe(file.deliveryMode);
    expect(params.SimulatedPhoneNumbers.Default).toBe(file.simulatedPhoneNumbers.join(','));
    expect(params.SmsMonthlySpendLimitUsd.Default).toBe(file.smsMonthlySpendLimitUsd);
    expect(params.OpsAlarmEmail.Default).toBe(file.opsAlarmEmail);
    expect(params.PersonalDataRetentionDays.Default).toBe(730);
    expect(params.LinkSigningKeyParameterName.Default).toBe(LINK_SIGNING_KEY_PARAMETER_DEFAULT);
    // Each default passes its own parameter's constraint.
    expect(new RegExp(params.SimulatedPhoneNumbers.AllowedPattern).test(params.SimulatedPhoneNumbers.Default)).toBe(true);
    expect(new RegExp(params.SesSenderIdentity.AllowedPattern).test(params.SesSenderIdentity.Default)).toBe(true);
    expect(new RegExp(params.OpsAlarmEmail.AllowedPattern).test(params.OpsAlarmEmail.Default)).toBe(true);
    // The suite's own app (no context file) has none of these defaults.
    const plain = template.toJSON().Parameters;
    for (const name of ['SesSenderIdentity', 'SenderAddress', 'SesConfigurationSetName', 'DeliveryMode', 'SmsMonthlySpendLimitUsd']) {
      expect(plain[name].Default, name).toBeUndefined();
    }
  });
});

// ------------------------------------------------------------------------------------ sign-in (issue #13)

describe('sign-in: the Cognito user pool', () => {
  const pool = () => resource(stack.userPool);
  const client = () => resource(stack.userPoolClient);

  it('admins create every user (no self sign-up); email sign-in; a strong password policy; recovery by email only; retained and protected', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    const p = pool();
    expect(p.DeletionPolicy).toBe('Retain');
    expect(p.UpdateReplacePolicy).toBe('Retain');
    expect(p.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
    // The invitation names the sign-in and the temporary password (Cognito fills both in).
    expect(p.Properties.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage).toMatch(/\{username\}.*\{####\}/);
  });

  it('MFA: TOTP only (no SMS), optional by default; no threat protection by default (Essentials plan)', () => {
    expect(pool().Properties).toMatchObject({ MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'], UserPoolTier: 'ESSENTIALS' });
    expect(pool().Properties.UserPoolAddOns).toBeUndefined();
    expect(pool().Properties.SmsConfiguration).toBeUndefined();
  });

  it('the console/CLI client: no secret, USER_PASSWORD_AUTH and refresh only (no SRP, no OAuth), 1-hour tokens, a 12-hour refresh, no user-existence errors, revocable', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const c = client().Properties;
    expect(c).toMatchObject({
      UserPoolId: { Ref: logicalId(stack.userPool) },
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect([...c.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    expect(c.AllowedOAuthFlows).toBeUndefined();
    expect(c.CallbackURLs).toBeUndefined();
  });

  it('one group per role, per municipality of the directory and for national staff (*), per coordinator of the directory; no other', () => {
    const directory = bundledDirectory();
    const expected = [
      ...ROLES.map((r) => groupName.role(r)),
      ...directory.municipalities().map((m) => groupName.municipality(m.id)),
      groupName.municipality(ALL_MUNICIPALITIES),
      ...directory.municipalities().flatMap((m) => m.coordinators.map((c) => groupName.directory(c.id))),
    ];
    expect(expected).toEqual(expect.arrayContaining(['role:coordinator', 'role:operator', 'municipality:obiliq', 'municipality:*', 'directory:obiliq-zkkk-01']));
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...expected].sort());
    // the one list the local emulator's pool is also created with: same names, same descriptions
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(groups.map((g) => ({ name: g.GroupName, description: g.Description })).sort(byName)).toEqual(poolGroups(directory).sort(byName));
    for (const g of groups) {
      expect(g.UserPoolId).toEqual({ Ref: logicalId(stack.userPool) });
      expect(g.Description, g.GroupName).toEqual(expect.any(String));
      // Groups only carry identity: no IAM role is attached to any.
      expect(g.RoleArn).toBeUndefined();
    }
  });

  it('outputs the pool and client ids (for users add and the console)', () => {
    const outputs = template.toJSON().Outputs;
    expect(outputs.UserPoolId.Value).toEqual({ Ref: logicalId(stack.userPool) });
    expect(outputs.UserPoolClientId.Value).toEqual({ Ref: logicalId(stack.userPoolClient) });
  });

  describe('a deployment that requires MFA and enforces threat protection', () => {
    let v: Variant;
    beforeAll(() => {
      v = variant({ mfa: 'required', threatProtection: 'enforced' });
    });

    it('requires TOTP MFA of every user, on the Plus plan with threat protection enforced; cdk-nag clean with no MFA or plan acknowledgement', () => {
      const p = v.resources[v.stack.getLogicalId(v.stack.userPool.node.defaultChild as CfnElement)];
      expect(p.Properties).toMatchObject({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      });
      expect(p.Metadata?.cdk_nag).toBeUndefined();
      expect(violationsOf(v.assembly.directory)).toEqual([]);
    });

    it('"audit" puts the pool on the Plus plan in audit mode (still acknowledging that MFA stays optional)', () => {
      const audit = variant({ mfa: 'optional', threatProtection: 'audit' });
      const p = audit.resources[audit.stack.getLogicalId(audit.stack.userPool.node.defaultChild as CfnElement)];
      expect(p.Properties).toMatchObject({ MfaConfiguration: 'OPTIONAL', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
      expect(p.Metadata.cdk_nag.rules_to_suppress.map((r: Json) => r.id)).toEqual(['AwsSolutions-COG2']);
      expect(violationsOf(audit.assembly.directory)).toEqual([]);
    });
  });
});

// ------------------------------------------------------------------------------------ machine callers (issue #13)

describe('machine callers: a second, IAM-authorised API', () => {
  const smr = { name: 'smr', principal: 'arn:aws:iam::123456789012:role/smr-integration', municipality: 'obiliq', role: 'coordinator' };
  const apiRouteKeys = (FUNCTIONS.api.trigger as HttpTrigger).routes.map((r) => `${r.method} ${r.path}`).sort();
  let v: Variant;
  beforeAll(() => {
    v = variant({ machineCallers: [smr] });
  });

  it('there is none without machine callers, and the api function is told the empty list', () => {
    expect(stack.machineApi).toBeUndefined();
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    expect(template.toJSON().Outputs.MachineApiUrl).toBeUndefined();
    const env = resource(stack.functions.api).Properties.Environment.Variables;
    expect(env.MACHINE_CALLERS).toBe('[]');
    // The function checks again what the JWT authorizer checks: this pool's issuer, this client.
    expect(env.TOKEN_ISSUER).toEqual(stack.resolve(stack.userPool.userPoolProviderUrl));
    expect(env.TOKEN_CLIENT_IDS).toEqual({ Ref: logicalId(stack.userPoolClient) });
    expect(loadConfig(ApiConfig, { TABLE_NAME: 't', PERSONAL_DATA_RETENTION_DAYS: '730', MACHINE_CALLERS: env.MACHINE_CALLERS, TOKEN_ISSUER: 'https://cognito-idp.eu-central-1.amazonaws.com/p', TOKEN_CLIENT_IDS: 'c' }).MACHINE_CALLERS).toEqual([]);
  });

  it('with machine callers: the same routes as the coordinators\' API, every one AWS_IAM, reaching the same function', () => {
    const machineApi = v.stack.machineApi!;
    const apiId = v.stack.getLogicalId(machineApi.node.defaultChild as CfnElement);
    const routes = Object.values(v.resources).filter((r: Json) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.ApiId.Ref === apiId) as Json[];
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(apiRouteKeys);
    const fnArn = { 'Fn::GetAtt': [v.stack.getLogicalId(v.stack.functions.api.node.defaultChild as CfnElement), 'Arn'] };
    for (const r of routes) {
      expect(r.Properties.AuthorizationType, r.Properties.RouteKey).toBe('AWS_IAM');
      expect(r.Properties.AuthorizationScopes).toBeUndefined();
      const [, [, ref]] = r.Properties.Target['Fn::Join'];
      expect(v.resources[ref.Ref].Properties).toMatchObject({ ApiId: { Ref: apiId }, IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn });
    }
    expect(v.stack.machineRoutes.map((r) => v.stack.getLogicalId(r.node.defaultChild as CfnElement)).sort()).toEqual(
      Object.entries(v.resources).filter(([, r]: [string, Json]) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.ApiId.Ref === apiId).map(([id]) => id).sort(),
    );
    // The people's API is unchanged: JWT on its api routes.
    const peopleId = v.stack.getLogicalId(v.stack.api.node.defaultChild as CfnElement);
    const people = Object.values(v.resources).filter((r: Json) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.ApiId.Ref === peopleId) as Json[];
    expect(people.filter((r) => r.Properties.AuthorizationType === 'JWT').map((r) => r.Properties.RouteKey).sort()).toEqual(apiRouteKeys);
    // API Gateway may invoke the api function from each of the two APIs, per route, and from nothing else.
    const permissions = Object.values(v.resources).filter((r: Json) => r.Type === 'AWS::Lambda::Permission' && JSON.stringify(r.Properties.FunctionName) === JSON.stringify(fnArn)) as Json[];
    expect(permissions).toHaveLength(2 * apiRouteKeys.length);
    for (const perm of permissions) expect(perm.Properties.Principal).toBe('apigateway.amazonaws.com');
  });

  it('the api function is told the machine callers (JSON), which its config reads back', () => {
    const env = v.resources[v.stack.getLogicalId(v.stack.functions.api.node.defaultChild as CfnElement)].Properties.Environment.Variables;
    expect(JSON.parse(env.MACHINE_CALLERS)).toEqual([smr]);
    expect(loadConfig(ApiConfig, { TABLE_NAME: 't', PERSONAL_DATA_RETENTION_DAYS: '730', MACHINE_CALLERS: env.MACHINE_CALLERS, TOKEN_ISSUER: 'https://cognito-idp.eu-central-1.amazonaws.com/p', TOKEN_CLIENT_IDS: 'c' }).MACHINE_CALLERS).toEqual([smr]);
  });

  it('grants nobody execute-api:Invoke (the principal\'s own policy does); logs who called by the signing principal\'s ARN; outputs its URL; cdk-nag clean', () => {
    for (const r of Object.values(v.resources) as Json[]) {
      if (r.Type !== 'AWS::IAM::Policy' && r.Type !== 'AWS::IAM::Role') continue;
      expect(JSON.stringify(r.Properties)).not.toContain('execute-api');
    }
    const stage = v.resources[v.stack.getLogicalId(v.stack.machineApiStage!.node.defaultChild as CfnElement)].Properties;
    expect(stage).toMatchObject({ StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE.rateLimit, ThrottlingBurstLimit: API_THROTTLE.burstLimit } });
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', callerArn: '$context.identity.userArn' });
    expectNoPersonalFields(format);
    const [logGroupId] = stage.AccessLogSettings.DestinationArn['Fn::GetAtt'];
    expect(v.resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } });
    expect(v.template.toJSON().Outputs.MachineApiUrl).toBeDefined();
    expect(violationsOf(v.assembly.directory)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------ link WAF (issue #13)

describe('offices\' links behind CloudFront and AWS WAF', () => {
  const waf = () => Template.fromStack(wafStack).toJSON();
  const distribution = () => resource(stack.links!.distribution).Properties.DistributionConfig;

  it('the web ACL lives in its own us-east-1 stack (CLOUDFRONT scope) and outputs its ARN', () => {
    expect(wafStack.stackName).toBe(LINK_WAF_STACK_NAME);
    expect(wafStack.region).toBe('us-east-1');
    const acls = Object.values(waf().Resources).filter((r: Json) => r.Type === 'AWS::WAFv2::WebACL') as Json[];
    expect(acls).toHaveLength(1);
    expect(Object.keys(waf().Resources)).toHaveLength(1);
    expect(acls[0].Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(waf().Outputs[LINK_WEB_ACL_ARN_OUTPUT].Value).toEqual({ 'Fn::GetAtt': ['LinkWebAcl', 'Arn'] });
    // The main stack stays env-agnostic; it is deployed after the WAF stack.
    expect(stack.resolve(stack.region)).toEqual({ Ref: 'AWS::Region' });
    expect(stack.dependencies).toContain(wafStack);
  });

  it('blocks a source IP over LinkRateLimitPer5Minutes (default 300) in 5 minutes, then applies AWS\'s common rule set', () => {
    const acl = (Object.values(waf().Resources) as Json[])[0].Properties;
    expect(acl.Rules.map((r: Json) => r.Name)).toEqual([LINK_RATE_RULE_NAME, COMMON_RULE_SET]);
    expect(acl.Rules[0]).toMatchObject({
      Priority: 0,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', EvaluationWindowSec: 300, Limit: { Ref: 'LinkRateLimitPer5Minutes' } } },
    });
    expect(acl.Rules[0].Statement.RateBasedStatement.ForwardedIPConfig).toBeUndefined();
    expect(waf().Parameters.LinkRateLimitPer5Minutes).toMatchObject({ Type: 'Number', Default: 300, MinValue: 10 });
    expect(acl.Rules[1]).toMatchObject({
      Priority: 1,
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: COMMON_RULE_SET } },
    });
    // Metrics, but no sampled requests: a sampled link URI would be a kept credential.
    for (const visibility of [acl.VisibilityConfig, ...acl.Rules.map((r: Json) => r.VisibilityConfig)]) {
      expect(visibility).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: false });
    }
  });

  it('the distribution carries the web ACL (read from the WAF stack\'s output) and serves /r/* from the HTTP API: HTTPS only, no cache, every viewer header but Host, every method', () => {
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const d = distribution();
    expect(d.WebACLId).toEqual({ 'Fn::GetStackOutput': { StackName: LINK_WAF_STACK_NAME, Region: 'us-east-1', OutputName: LINK_WEB_ACL_ARN_OUTPUT } });
    expect(d.Origins).toHaveLength(1);
    const origin = d.Origins[0];
    expect(origin.DomainName).toEqual({ 'Fn::Join': ['', [{ Ref: logicalId(stack.api) }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] });
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(d.CacheBehaviors).toHaveLength(1);
    expect(d.CacheBehaviors[0]).toMatchObject({
      PathPattern: LINK_PATH_PATTERN,
      TargetOriginId: origin.Id,
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
    });
    expect(LINK_PATH_PATTERN).toBe('/r/*');
    expect([...d.CacheBehaviors[0].AllowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    // Anything else: 404 from a CloudFront function, before the API.
    expect(d.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: getAtt(stack.links!.notFound, 'FunctionARN') }],
    });
    expect(resource(stack.links!.notFound).Properties.FunctionCode).toContain('statusCode: 404');
    expect(template.toJSON().Outputs.LinkBaseUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', getAtt(stack.links!.distribution, 'DomainName')]] });
  });

  it('CloudFront sends the stack\'s generated origin secret as x-origin-verify (a dynamic reference, never the value); respond gets its ARN and may read that one secret', () => {
    expect(LINK_ORIGIN_VERIFY_HEADER).toBe(ORIGIN_VERIFY_HEADER);
    const secretId = logicalId(stack.links!.originSecret);
    expect(resource(stack.links!.originSecret).Properties.GenerateSecretString).toMatchObject({ ExcludePunctuation: true });
    expect(resource(stack.links!.originSecret).Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
    expect(distribution().Origins[0].OriginCustomHeaders).toEqual([
      { HeaderName: 'x-origin-verify', HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] } },
    ]);
    expect(resource(stack.functions.respond).Properties.Environment.Variables.LINK_ORIGIN_SECRET_ARN).toEqual({ Ref: secretId });
    for (const key of ALL_FUNCTIONS) {
      const reads = statementsOf(key).filter((s) => s.Action.some((a) => a.startsWith('secretsmanager:')));
      if (key !== 'respond') {
        expect(reads, key).toEqual([]);
        expect(resource(stack.functions[key]).Properties.Environment.Variables.LINK_ORIGIN_SECRET_ARN, key).toBeUndefined();
        continue;
      }
      expect(reads.map((s) => ({ Effect: s.Effect, Action: [...s.Action].sort(), Resource: s.Resource }))).toEqual([
        { Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: [{ Ref: secretId }] },
      ]);
    }
  });

  describe('with linkWaf: false', () => {
    let v: Variant;
    beforeAll(() => {
      v = variant({ linkWaf: false });
    });

    it('no WAF stack, no CloudFront, no origin secret: the links go straight to the HTTP API, and respond checks no origin header; cdk-nag clean', () => {
      expect(v.linkWaf).toBeUndefined();
      expect(v.app.node.tryFindChild(LINK_WAF_STACK_NAME)).toBeUndefined();
      expect(v.stack.links).toBeUndefined();
      for (const type of ['AWS::CloudFront::Distribution', 'AWS::CloudFront::Function', 'AWS::SecretsManager::Secret', 'AWS::WAFv2::WebACL']) v.template.resourceCountIs(type, 0);
      expect(v.template.toJSON().Outputs.LinkBaseUrl).toBeUndefined();
      const envOf = (key: FunctionKey) => v.resources[v.stack.getLogicalId(v.stack.functions[key].node.defaultChild as CfnElement)].Properties.Environment.Variables;
      const apiEndpoint = { 'Fn::GetAtt': [v.stack.getLogicalId(v.stack.api.node.defaultChild as CfnElement), 'ApiEndpoint'] };
      for (const key of ['respond', 'routeReferrals'] as const) expect(envOf(key).PUBLIC_BASE_URL, key).toEqual(apiEndpoint);
      expect(envOf('respond').LINK_ORIGIN_SECRET_ARN).toBeUndefined();
      expect(JSON.stringify(v.resources)).not.toContain('secretsmanager:');
      // The link routes keep their own throttle and their reasoned APIG4, without claiming a WAF.
      const linkRoutes = Object.values(v.resources).filter((r: Json) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.AuthorizationType === 'NONE') as Json[];
      expect(linkRoutes).toHaveLength(2);
      for (const r of linkRoutes) expect(r.Metadata.cdk_nag.rules_to_suppress[0].reason).not.toContain('WAF');
      expect(violationsOf(v.assembly.directory)).toEqual([]);
    });
  });
});
