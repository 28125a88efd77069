import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, FilterCriteria, Runtime, StartingPosition, Tracing } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { METRICS_NAMESPACE } from '../../shared/observability/metric-names.js';
import type { Construct } from 'constructs';

import type { TableAccess } from '../../events/functions.js';
import { BUNDLE_AWS_SDK, copyCatalogueCommand, HOUSE_ESBUILD } from '../bundling.js';
import type { FunctionDeclaration, ScheduleTrigger, StreamTrigger } from '../../events/triggers.js';
import { tracingOf } from '../../events/tracing.js';

/** Repository root: functions/, package-lock.json and node_modules/ live here. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Lambda runtime the platform targets (see the AwsSolutions-L1 suppression in the stack). */
export const HOUSE_RUNTIME = Runtime.NODEJS_22_X;


export interface HouseFunctionProps {
  /** The function's one declaration (events/triggers.ts): name, memory, timeout, trigger. */
  readonly declaration: FunctionDeclaration;
  /** The function's own settings (shared/config/config.ts). The house adds its runtime defaults. */
  readonly environment: Record<string, string>;
  /**
   * Every variable the function's config schema reads (ENV_NAMES). Synthesis fails if one is
   * missing, so a deploy cannot produce a function that dies at cold start on its config.
   */
  readonly requiredEnvironment: readonly string[];
  /**
   * Names in `requiredEnvironment` that this deployment deliberately leaves unset because the
   * config treats them as optional (e.g. LINK_SIGNING_KEY_FILE, the local key source, when the
   * key comes from SSM on AWS). Only these may be absent; each must be a name the config reads.
   */
  readonly optionalEnvironment?: readonly string[];
  /** Log retention of the function's own log group. */
  readonly logRetention?: RetentionDays;
}

/**
 * The house Lambda function: Node.js 22 on arm64, bundled as infra/bundling.ts says (local
 * esbuild, no Docker), X-Ray as events/tracing.ts declares, its own log group with retention, and its own role
 * that starts with nothing but writing to that log group (no AWSLambdaBasicExecutionRole).
 * Everything else is granted explicitly through the bind helpers below or by the stack.
 */
export class HouseFunction extends NodejsFunction {
  readonly declaration: FunctionDeclaration;
  /** The function's own role (also `this.role`), typed concretely for the stack's suppressions. */
  readonly executionRole: Role;
  /** The function's own log group (also `this.logGroup`). */
  readonly houseLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    const decl = props.declaration;
    const entry = join(REPO_ROOT, 'functions', decl.name, 'handler.ts');
    if (!existsSync(entry)) {
      throw new Error(`HouseFunction ${id}: no handler at ${entry} for declaration "${decl.name}"`);
    }
    const optional = new Set(props.optionalEnvironment ?? []);
    const unknownOptional = [...optional].filter((name) => !props.requiredEnvironment.includes(name));
    if (unknownOptional.length > 0) {
      throw new Error(`HouseFunction ${id} (${decl.name}): optional environment ${unknownOptional.join(', ')} is not read by its config`);
    }
    const missing = props.requiredEnvironment.filter((name) => !optional.has(name) && props.environment[name] === undefined);
    if (missing.length > 0) {
      throw new Error(`HouseFunction ${id} (${decl.name}): environment lacks ${missing.join(', ')}`);
    }

    // Created beside the function (not inside it): the function needs both at construction time.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${decl.name} function`,
    });
    logGroup.grantWrite(role); // logs:CreateLogStream + logs:PutLogEvents on this log group only

    super(scope, id, {
      description: decl.description,
      entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: HOUSE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: decl.memoryMb,
      timeout: Duration.seconds(decl.timeoutSeconds),
      tracing: tracingOf(decl) === 'Active' ? Tracing.ACTIVE : Tracing.PASS_THROUGH,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: decl.name,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
      // infra/bundling.ts: the same options as the bench and the bundle budget test.
      bundling: {
        minify: HOUSE_ESBUILD.minify,
        sourceMap: HOUSE_ESBUILD.sourcemap,
        sourcesContent: HOUSE_ESBUILD.sourcesContent,
        bundleAwsSDK: BUNDLE_AWS_SDK,
        externalModules: [...HOUSE_ESBUILD.external],
        target: HOUSE_ESBUILD.target,
        format: OutputFormat.ESM,
        mainFields: [...HOUSE_ESBUILD.mainFields],
        charset: Charset.UTF8,
        banner: HOUSE_ESBUILD.banner.js,
        esbuildArgs: { '--alias': Object.entries(HOUSE_ESBUILD.alias).map(([from, to]) => `${from}=${to}`) },
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [copyCatalogueCommand(inputDir, outputDir)],
        },
      },
    });

    this.declaration = decl;
    this.executionRole = role;
    this.houseLogGroup = logGroup;
  }

  /**
   * Item-level DynamoDB actions on the table itself, plus read actions on the named indexes
   * (each index ARN spelled out, never `index/*`), plus the KMS actions the table's
   * customer-managed key needs for them. Actions are DynamoDB action names without the
   * `dynamodb:` prefix; each statement carries its declared partition keys as a
   * `dynamodb:LeadingKeys` condition (on an index, the index's partition key), e.g.
   * { table: ['GetItem'], keys: ['CASE#*'], indexes: { timers: { actions: ['Query'], keys: ['????-??-??T??'] } } }.
   */
  useTable(table: dynamodb.ITable, access: TableAccess): void {
    const actions = access.table;
    if (actions.length === 0) throw new Error(`${this.node.path}: useTable needs at least one table action`);
    const forbidden = actions.filter((a) => !ITEM_ACTIONS.has(a));
    if (forbidden.length > 0) throw new Error(`${this.node.path}: useTable does not grant ${forbidden.join(', ')}`);
    this.addToRolePolicy(
      new PolicyStatement({ actions: actions.map((a) => `dynamodb:${a}`), resources: [table.tableArn], conditions: leadingKeys(this.node.path, access.keys) }),
    );
    for (const more of access.also ?? []) {
      const refused = more.actions.filter((a) => !ITEM_ACTIONS.has(a));
      if (more.actions.length === 0 || refused.length > 0) throw new Error(`${this.node.path}: useTable does not grant ${refused.join(', ') || 'nothing'}`);
      this.addToRolePolicy(
        new PolicyStatement({ actions: more.actions.map((a) => `dynamodb:${a}`), resources: [table.tableArn], conditions: leadingKeys(this.node.path, more.keys) }),
      );
    }
    for (const [indexName, index] of Object.entries(access.indexes ?? {})) {
      if (index.actions.length === 0 || index.actions.some((a) => !INDEX_ACTIONS.has(a))) {
        throw new Error(`${this.node.path}: index ${indexName} may only be read with ${[...INDEX_ACTIONS].join(', ')}`);
      }
      // A declared index only: a typo would otherwise grant on an ARN that matches nothing.
      if (table instanceof dynamodb.Table) table.schemaV2(indexName);
      this.addToRolePolicy(
        new PolicyStatement({
          actions: index.actions.map((a) => `dynamodb:${a}`),
          resources: [`${table.tableArn}/index/${indexName}`],
          conditions: leadingKeys(`${this.node.path} index ${indexName}`, index.keys),
        }),
      );
    }
    const key = table.encryptionKey;
    if (key) {
      const writes = [...actions, ...(access.also ?? []).flatMap((m) => m.actions)].some((a) => WRITE_ACTIONS.has(a));
      key.grant(this, 'kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : []));
    }
  }

  /**
   * Subscribes the function to the table's stream exactly as its declaration says: filters,
   * batch size, batching window, starting position, bisect, retries, record age, partial batch
   * failures; a batch that exhausts its retries goes to `dlq`.
   */
  subscribeToStream(table: dynamodb.ITable, dlq: IQueue): DynamoEventSource {
    const trigger = this.declaration.trigger;
    if (trigger.kind !== 'dynamodb-stream') {
      throw new Error(`${this.node.path}: ${this.declaration.name} is not declared as a stream function`);
    }
    const source = new DynamoEventSource(table, streamSourceProps(trigger, dlq));
    this.addEventSource(source);
    return source;
  }

  /**
   * Has EventBridge Scheduler invoke the function exactly as its declaration says: expression in
   * its time zone, no flexible window, the declared payload, retries and event age; an
   * invocation that exhausts them goes to `dlq`. The schedule gets a role of its own that may
   * invoke this function (its unqualified ARN, no versions or aliases) and send to `dlq`
   * (with the queue's KMS key), nothing else.
   */
  invokeOnSchedule(dlq: IQueue): ScheduledInvocation {
    const trigger = this.declaration.trigger;
    if (trigger.kind !== 'schedule') {
      throw new Error(`${this.node.path}: ${this.declaration.name} is not declared as a scheduled function`);
    }
    if (!SCHEDULE_EXPRESSION.test(trigger.expression)) {
      throw new Error(`${this.node.path}: "${trigger.expression}" is not a rate(...) or cron(...) expression`);
    }
    // Created beside the function, like its log group and role.
    const scope = this.node.scope as Construct;
    const id = this.node.id;
    const stack = Stack.of(this);

    const role = new Role(scope, `${id}SchedulerRole`, {
      description: `EventBridge Scheduler role that invokes the ${this.declaration.name} function`,
      // Only schedules of this account's default group may assume it (confused deputy).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
          },
        },
      }),
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'InvokeTheFunction', actions: ['lambda:InvokeFunction'], resources: [this.functionArn] }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ParkFailedInvocations', actions: ['sqs:SendMessage'], resources: [dlq.queueArn] }),
    );
    if (dlq.encryptionMasterKey) {
      // Sending to an SSE-KMS queue needs a data key; CDK's DLQ grant for Scheduler omits this.
      role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'EncryptParkedInvocations',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [dlq.encryptionMasterKey.keyArn],
        }),
      );
    }

    const schedule = new Schedule(scope, `${id}Schedule`, {
      description: this.declaration.description,
      schedule: ScheduleExpression.expression(trigger.expression, SCHEDULE_TIME_ZONES[trigger.timeZone]),
      timeWindow: TimeWindow.off(),
      target: new LambdaInvoke(this, {
        // The policy above is the whole grant: LambdaInvoke's own grantInvoke would add
        // `<function ARN>:*` (every version and alias), which the schedule never calls.
        role: role.withoutPolicyUpdates(),
        input: ScheduleTargetInput.fromObject(trigger.input),
        retryAttempts: trigger.retryAttempts,
        maxEventAge: Duration.seconds(trigger.maxEventAgeSeconds),
        deadLetterQueue: dlq,
      }),
    });
    // Its first invocation must not race the role's policy (DependsOn the role and its policy).
    schedule.node.addDependency(role);
    // Scheduler's DLQ only takes invocations it could not hand over. Lambda runs the function
    // asynchronously, so a run whose handler throws is retried by Lambda and then, without this,
    // dropped; with it, parked in the same queue for `dlq redrive` (the jobs are idempotent).
    this.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.seconds(trigger.maxEventAgeSeconds), onFailure: new SqsDestination(dlq) });
    return { schedule, role };
  }
}

export interface ScheduledInvocation {
  readonly schedule: Schedule;
  /** The role Scheduler assumes to invoke the function and park failures in the DLQ. */
  readonly role: Role;
}

const WRITE_ACTIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem']);
/** Never Scan, never a wildcard. */
const ITEM_ACTIONS = new Set(['GetItem', 'BatchGetItem', 'Query', ...WRITE_ACTIONS]);
const INDEX_ACTIONS = new Set(['Query']);

/**
 * Only items whose partition key matches one of `patterns` (IAM StringLike). ForAllValues: a
 * request that names several keys (a batch) needs every one to match; none is never granted.
 */
export function leadingKeys(what: string, patterns: readonly string[]): Record<string, unknown> {
  if (patterns.length === 0) throw new Error(`${what}: declare the partition keys it may touch`);
  return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] } };
}

const SCHEDULE_EXPRESSION = /^(rate|cron)\(.+\)$/;
const SCHEDULE_TIME_ZONES = {
  'Europe/Belgrade': TimeZone.EUROPE_BELGRADE,
} as const satisfies Record<ScheduleTrigger['timeZone'], TimeZone>;

function streamSourceProps(trigger: StreamTrigger, dlq: IQueue) {
  return {
    // FilterCriteria.filter wants the bare pattern and JSON-stringifies it into { Pattern }.
    filters: trigger.filters.map((pattern) => FilterCriteria.filter(pattern)),
    batchSize: trigger.batchSize,
    maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
    startingPosition: StartingPosition[trigger.startingPosition],
    bisectBatchOnError: trigger.bisectBatchOnError,
    retryAttempts: trigger.retryAttempts,
    maxRecordAge: Duration.seconds(trigger.maxRecordAgeSeconds),
    reportBatchItemFailures: trigger.reportBatchItemFailures,
    parallelizationFactor: trigger.parallelizationFactor,
    onFailure: new SqsDlq(dlq),
  };
}
