import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, FilterCriteria, Runtime, StartingPosition, Tracing } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

import type { FunctionDeclaration, StreamTrigger } from '../../events/triggers.js';

/** Repository root: functions/, package-lock.json and node_modules/ live here. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Lambda runtime the platform targets (see the AwsSolutions-L1 suppression in the stack). */
export const HOUSE_RUNTIME = Runtime.NODEJS_22_X;

/**
 * The bundle is ESM (the repository is "type": "module"; top-level await and import.meta work
 * in handlers). Some CommonJS dependencies call `require()` for Node built-ins, which an ESM
 * bundle does not have: the banner gives them one.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __houseCreateRequire } from 'node:module'; const require = __houseCreateRequire(import.meta.url);";

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
  /** Log retention of the function's own log group. */
  readonly logRetention?: RetentionDays;
}

/**
 * The house Lambda function: Node.js 22 on arm64, AWS SDK bundled and minified with source maps
 * (local esbuild, no Docker), X-Ray active, its own log group with retention, and its own role
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
    const missing = props.requiredEnvironment.filter((name) => props.environment[name] === undefined);
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
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: decl.name,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: 'Referrals',
        ...props.environment,
      },
      bundling: {
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        externalModules: [],
        target: 'node22',
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        forceDockerBundling: false,
      },
    });

    this.declaration = decl;
    this.executionRole = role;
    this.houseLogGroup = logGroup;
  }

  /**
   * Item-level DynamoDB actions on the table itself (not its indexes), plus the KMS actions the
   * table's customer-managed key needs for them. `actions` are DynamoDB action names without the
   * `dynamodb:` prefix, e.g. ['GetItem', 'PutItem'].
   */
  useTable(table: dynamodb.ITable, actions: readonly string[]): void {
    if (actions.length === 0) throw new Error(`${this.node.path}: useTable needs at least one action`);
    this.addToRolePolicy(
      new PolicyStatement({ actions: actions.map((a) => `dynamodb:${a}`), resources: [table.tableArn] }),
    );
    const key = table.encryptionKey;
    if (key) {
      const writes = actions.some((a) => WRITE_ACTIONS.has(a));
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
}

const WRITE_ACTIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem']);

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
    onFailure: new SqsDlq(dlq),
  };
}
