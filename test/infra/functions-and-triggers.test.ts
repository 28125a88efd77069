import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  type FilterPattern,
  FUNCTIONS,
  type FunctionDeclaration,
  type FunctionKey,
  type HttpTrigger,
  type ScheduleTrigger,
  type StreamTrigger,
} from '../../events/triggers.js';
import { tracingOf } from '../../events/tracing.js';
import { HouseFunction } from '../../infra/constructs/house-function.js';
import {
  type HttpFunctionKey,
  LINK_SIGNING_KEY_PARAMETER_DEFAULT,
  type ReferralsStack,
  type ScheduledFunctionKey,
} from '../../infra/stack.js';
import { nextCronTime } from '../../local/scheduler.js';
import { passesFilters } from '../../shared/stream/filter-pattern.js';
import {
  type Json,
  ALL_FUNCTIONS,
  STREAM_FUNCTIONS,
  SCHEDULED_FUNCTIONS,
  HTTP_FUNCTIONS,
  LINK_KEY_READERS,
  grantedTo,
  synthMain,
  logicalId,
  resource,
  ofType,
  asArray,
  statementsOfRole,
  getAtt,
  eventSourceMappingOf,
} from './synth.js';

let stack: ReferralsStack;
let assembly: CloudAssembly;
let template: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  ({ stack, assembly, template, resources } = synthMain());
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
    expect(fn.TracingConfig).toEqual({ Mode: tracingOf(decl) });
    expect(fn.ReservedConcurrentExecutions).toBeUndefined();
    expect(fn.Role).toEqual(getAtt(stack.functions[key].executionRole, 'Arn'));
    expect(fn.LoggingConfig).toEqual({ LogGroup: { Ref: logicalId(stack.functions[key].houseLogGroup) } });
    expect(resource(stack.functions[key].houseLogGroup).Properties.RetentionInDays).toBe(90);

    // Which settings it gets, and that its config accepts them: wiring.test.ts.
    expect(fn.Environment.Variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: decl.name,
      POWERTOOLS_LOG_LEVEL: 'INFO',
      TABLE_NAME: { Ref: logicalId(stack.table) },
      PERSONAL_DATA_RETENTION_DAYS: { Ref: 'PersonalDataRetentionDays' },
    });
  });

  it('X-Ray records the functions a person waits on (behind the HTTP API), and no stream or scheduled function', () => {
    const mode = (key: FunctionKey) => resource(stack.functions[key]).Properties.TracingConfig?.Mode;
    const active = ALL_FUNCTIONS.filter((key) => mode(key) === 'Active').sort();
    expect(active).toEqual(['api', 'respond']);
    expect(active).toEqual(HTTP_FUNCTIONS.slice().sort());
    for (const key of ALL_FUNCTIONS.filter((k) => !active.includes(k))) expect(mode(key), key).toBe('PassThrough');
  });

  it('deliver gets its SES settings from parameters, and a send lease that outlasts its invocation', () => {
    const fn = resource(stack.functions.deliverNotifications).Properties;
    const env = fn.Environment.Variables;
    expect(env).toMatchObject({
      SES_FROM_ADDRESS: { Ref: 'SenderAddress' },
      SES_CONFIGURATION_SET: { Ref: 'SesConfigurationSetName' },
    });
    // A lease that ran out mid-invocation would let a second attempt send the same message again.
    expect(Number(env.SEND_LEASE_SECONDS)).toBeGreaterThan(fn.Timeout);
    template.hasParameter('PersonalDataRetentionDays', { Type: 'Number', Default: 730 });
    template.hasParameter('SenderAddress', { Type: 'String' });
    template.hasParameter('SesConfigurationSetName', { Type: 'String' });
    template.hasParameter('SesSenderIdentity', { Type: 'String' });
  });

  /** The functions that send (deliver, and route with its one hop): declared with the SMS grant. */
  const SENDERS = grantedTo('send-sms');
  it('the two that send (deliver, and route with its one hop) are told live or test mode by a parameter with no default: every deployment chooses', () => {
    for (const key of SENDERS) {
      const env = resource(stack.functions[key]).Properties.Environment.Variables;
      expect(env.DELIVERY_MODE, key).toEqual({ Ref: 'DeliveryMode' });
      expect(env.SIMULATED_PHONE_NUMBERS, key).toEqual({ Ref: 'SimulatedPhoneNumbers' });
    }
    const params = template.toJSON().Parameters;
    expect(params.DeliveryMode.AllowedValues).toEqual(['live', 'test']);
    expect(params.DeliveryMode.Default).toBeUndefined();
    const pattern = new RegExp(params.SimulatedPhoneNumbers.AllowedPattern);
    expect(pattern.test('')).toBe(true);
    expect(pattern.test('+38344000001,+38344000002')).toBe(true);
    expect(pattern.test('049 555 123')).toBe(false);
    for (const key of ALL_FUNCTIONS.filter((k) => !SENDERS.includes(k))) {
      expect(resource(stack.functions[key]).Properties.Environment.Variables.DELIVERY_MODE, key).toBeUndefined();
    }
  });

  it('the functions that sign or verify links get the links\' URL (CloudFront) and the SSM key name, no key file; no other function', () => {
    expect(LINK_KEY_READERS.length).toBeGreaterThan(0);
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

  it('were bundled by the local esbuild: minified ESM with source maps, one asset per function', () => {
    for (const key of ALL_FUNCTIONS) {
      const s3Key: string = resource(stack.functions[key]).Properties.Code.S3Key;
      const dir = join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
      expect(existsSync(dir), `${key}: staged asset ${dir}`).toBe(true);
      // and the message catalogue beside the bundles that render messages (bundles.test.ts)
      expect(readdirSync(dir).filter((f) => f !== 'templates.generated').sort()).toEqual(['index.mjs', 'index.mjs.map']);
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
    expect(esm.ParallelizationFactor).toBe(trigger.parallelizationFactor);
    expect(esm.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(esm.DestinationConfig).toEqual({
      OnFailure: { Destination: getAtt(stack.deadLetterQueues[key], 'Arn') },
    });
  });

  it.each(STREAM_FUNCTIONS)("%s: the mapping's filters pass no TTL deletion (REMOVE) and no item of a type it does not name", (key) => {
    // What each function acts on, record by record: test/unit/stream/declared-filters.test.ts.
    const patterns = eventSourceMappingOf(key).FilterCriteria.Filters.map((f: Json) => JSON.parse(f.Pattern) as FilterPattern);
    const named = new Set(patterns.flatMap((p: Json) => p.dynamodb.NewImage.type.S as string[]));
    const image = (type: string, status: string) => ({ type: { S: type }, status: { S: status } });
    const statuses = ['created', 'waiting', 'sent', 'accepted', 'queued', 'deferred', 'scheduled', 'cancelled', 'open', 'closed'];
    for (const type of ['Referral', 'Intent', 'Meeting', 'Case', 'Timer', 'Address']) {
      for (const status of statuses) {
        for (const old of statuses) {
          const modify = { eventName: 'MODIFY', dynamodb: { OldImage: image(type, old), NewImage: image(type, status) } };
          const remove = { eventName: 'REMOVE', dynamodb: { OldImage: image(type, status) } };
          expect(passesFilters(remove, patterns), `REMOVE ${type} ${status}`).toBe(false);
          if (!named.has(type)) {
            expect(passesFilters({ eventName: 'INSERT', dynamodb: { NewImage: image(type, status) } }, patterns), `INSERT ${type}`).toBe(false);
            expect(passesFilters(modify, patterns), `MODIFY ${type}`).toBe(false);
          }
        }
      }
    }
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

  it('the coordination schedules run at their local hours, winter and summer: meetings 06:00, report 07:00, digests 07:30', () => {
    const localTimeOfNextRun = (key: ScheduledFunctionKey, after: string) => {
      const { ScheduleExpression, ScheduleExpressionTimezone } = scheduleOf(key).Properties;
      const at = nextCronTime(ScheduleExpression, ScheduleExpressionTimezone, new Date(after));
      return DateTime.fromJSDate(at, { zone: 'Europe/Belgrade' }).toFormat('HH:mm');
    };
    // A winter and a summer day (CET, CEST), before the first of them.
    for (const after of ['2026-01-14T00:00:00Z', '2026-07-14T00:00:00Z']) {
      expect(localTimeOfNextRun('planMeetings', after), after).toBe('06:00');
      expect(localTimeOfNextRun('reportIndicators', after), after).toBe('07:00');
      expect(localTimeOfNextRun('sendDigests', after), after).toBe('07:30');
    }
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

  it('useTable refuses Scan, non-Query index access, undeclared indexes and access without partition keys', () => {
    const { fn, table } = probe(sweep);
    const keys = ['CASE#*'];
    expect(() => fn.useTable(table, { table: ['Scan'], keys })).toThrow(/does not grant Scan/);
    expect(() => fn.useTable(table, { table: ['*'], keys })).toThrow(/does not grant \*/);
    expect(() => fn.useTable(table, { table: ['GetItem'], keys, indexes: { timers: { actions: ['Scan'], keys } } })).toThrow(/may only be read with Query/);
    expect(() => fn.useTable(table, { table: ['GetItem'], keys, indexes: { nope: { actions: ['Query'], keys } } })).toThrow(/Cannot find schema for index: nope/);
    expect(() => fn.useTable(table, { table: ['GetItem'], keys: [] })).toThrow(/declare the partition keys/);
    expect(() => fn.useTable(table, { table: ['GetItem'], keys, indexes: { timers: { actions: ['Query'], keys: [] } } })).toThrow(/index timers: declare the partition keys/);
  });
});

// ------------------------------------------------------------------------------------ retention

describe('expire-closed-cases (personal data expires after closure)', () => {
  it('reads the retention from the PersonalDataRetentionDays parameter, documented as days after closure', () => {
    const env = resource(stack.functions.expireClosedCases).Properties.Environment.Variables;
    expect(env.PERSONAL_DATA_RETENTION_DAYS).toEqual({ Ref: 'PersonalDataRetentionDays' });
    const param = template.toJSON().Parameters.PersonalDataRetentionDays;
    expect(param).toMatchObject({ Type: 'Number', Default: 730, MinValue: 1, MaxValue: 3650 });
    expect(param.Description).toContain('after its case is closed');
  });
});
