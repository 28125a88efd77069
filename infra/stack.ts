import { CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

import { FUNCTIONS, type FunctionDeclaration, type FunctionKey } from '../events/triggers.js';
import { ENV_NAMES } from '../shared/config/config.js';
import { TABLE } from '../shared/store/table.js';
import { HOUSE_RUNTIME, HouseFunction, type ScheduledInvocation, type TableAccess } from './constructs/house-function.js';

/**
 * DynamoDB actions each function may perform: item actions on the table, and Query on an index
 * only where named (never Scan, never `index/*`). TransactWriteItems has no IAM action of its
 * own: its Put/Update/ConditionCheck parts are authorised as PutItem/UpdateItem/ConditionCheckItem.
 */
export const TABLE_ACCESS = {
  api: { table: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'ConditionCheckItem'] },
  routeReferrals: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
  deliverNotifications: { table: ['GetItem', 'UpdateItem'] },
  // Reads due timers through the sparse timers index; fires them with conditional writes.
  sweepTimers: {
    table: ['Query', 'GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
    indexes: { [TABLE.timersIndex.name]: ['Query'] },
  },
} as const satisfies Record<FunctionKey, TableAccess>;

type KeysOfKind<Kind extends string> = {
  [K in FunctionKey]: (typeof FUNCTIONS)[K]['trigger']['kind'] extends Kind ? K : never;
}[FunctionKey];
/** Functions fed by the table's stream. */
export type StreamFunctionKey = KeysOfKind<'dynamodb-stream'>;
/** Functions invoked by EventBridge Scheduler. */
export type ScheduledFunctionKey = KeysOfKind<'schedule'>;

/** Seconds a delivery attempt holds an intent; must outlast one invocation of deliver. */
export const SEND_LEASE_SECONDS = 60;

const DLQ_RETENTION = Duration.days(14);

const XRAY_REASON =
  'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so Lambda\'s tracing statement is on Resource "*".';
const KMS_DLQ_REASON =
  'On-failure destination: SqsDlq grants the DLQ\'s send permissions, which for a KMS-encrypted queue include kms:GenerateDataKey* and kms:ReEncrypt*; they are limited to the one data key ARN, no other key is reachable.';

export class ReferralsStack extends Stack {
  readonly table: Table;
  readonly dataKey: Key;
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  /** One function per declaration in events/triggers.ts. */
  readonly functions: Record<FunctionKey, HouseFunction>;
  /** One DLQ per stream or scheduled function. */
  readonly deadLetterQueues: Record<StreamFunctionKey | ScheduledFunctionKey, Queue>;
  /** One schedule (and its invoking role) per scheduled function. */
  readonly schedules: Record<ScheduledFunctionKey, ScheduledInvocation>;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- deployment parameters
    const retentionDays = new CfnParameter(this, 'PersonalDataRetentionDays', {
      type: 'Number',
      default: 730,
      minValue: 1,
      maxValue: 3650,
      description: 'Days personal data (names, phone numbers, email addresses) is kept before it expires.',
    });
    const senderAddress = new CfnParameter(this, 'SenderAddress', {
      type: 'String',
      minLength: 3,
      description: 'SES sender, e.g. "Referrals <noreply@referrals.example.org>"; must belong to SesSenderIdentity.',
    });
    const configurationSet = new CfnParameter(this, 'SesConfigurationSetName', {
      type: 'String',
      allowedPattern: '^[a-zA-Z0-9_-]{1,64}$',
      description: 'SES configuration set every email is sent through (event publishing, suppression).',
    });
    const senderIdentity = new CfnParameter(this, 'SesSenderIdentity', {
      type: 'String',
      allowedPattern: '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
      constraintDescription: 'a lower-case domain name, e.g. referrals.example.org',
      description: 'The verified SES identity (a domain) the deliver function may send from.',
    });

    // ---------------------------------------------------------------- data at rest
    this.dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts the referrals table, its stream and the dead-letter queues',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      timeToLiveAttribute: TABLE.ttlAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.timersIndex.name,
      partitionKey: { name: TABLE.timersIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.timersIndex.sortKey, type: AttributeType.STRING },
    });

    const commonEnv = {
      TABLE_NAME: this.table.tableName,
      PERSONAL_DATA_RETENTION_DAYS: retentionDays.valueAsString,
    };

    // ---------------------------------------------------------------- intake API
    const api = new HouseFunction(this, 'ApiFunction', {
      declaration: FUNCTIONS.api,
      environment: commonEnv,
      requiredEnvironment: ENV_NAMES.api,
    });
    api.useTable(this.table, TABLE_ACCESS.api);

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Referrals intake API (IAM-signed requests from coordinators’ tooling)',
      createDefaultStage: false,
      defaultAuthorizer: new HttpIamAuthorizer(),
    });
    this.apiStage = new HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // The route template, never the concrete path (which carries case ids); no caller IP.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', api);
    for (const route of httpRoutes(FUNCTIONS.api)) {
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
    }

    // ---------------------------------------------------------------- stream functions
    const routeReferrals = new HouseFunction(this, 'RouteReferralsFunction', {
      declaration: FUNCTIONS.routeReferrals,
      environment: commonEnv,
      requiredEnvironment: ENV_NAMES.route,
    });
    routeReferrals.useTable(this.table, TABLE_ACCESS.routeReferrals);

    const deliverDecl = FUNCTIONS.deliverNotifications;
    if (SEND_LEASE_SECONDS <= deliverDecl.timeoutSeconds) {
      throw new Error(`SEND_LEASE_SECONDS (${SEND_LEASE_SECONDS}) must exceed deliver's timeout (${deliverDecl.timeoutSeconds}s)`);
    }
    const deliver = new HouseFunction(this, 'DeliverNotificationsFunction', {
      declaration: deliverDecl,
      environment: {
        ...commonEnv,
        SES_FROM_ADDRESS: senderAddress.valueAsString,
        SES_CONFIGURATION_SET: configurationSet.valueAsString,
        SEND_LEASE_SECONDS: String(SEND_LEASE_SECONDS),
        // One attempt per stream delivery: the first plus the declared retries.
        DELIVERY_MAX_ATTEMPTS: String(deliverDecl.trigger.retryAttempts + 1),
      },
      requiredEnvironment: ENV_NAMES.deliver,
    });
    deliver.useTable(this.table, TABLE_ACCESS.deliverNotifications);
    deliver.addToRolePolicy(
      new PolicyStatement({
        sid: 'SendEmailFromIdentityThroughConfigurationSet',
        actions: ['ses:SendEmail'],
        resources: [
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: senderIdentity.valueAsString }),
          this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.valueAsString }),
        ],
      }),
    );
    // SMS to a phone number has no resource ARN, so the Allow needs "*"; the Deny on every SNS
    // ARN keeps that "*" from reaching any topic or platform endpoint. Kept in a policy of its
    // own so its one nag suppression covers exactly this statement pair.
    const smsPolicy = new Policy(this, 'DeliverNotificationsSmsPolicy', {
      statements: [
        new PolicyStatement({ sid: 'PublishSmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
        new PolicyStatement({
          sid: 'NeverPublishToTopicsOrEndpoints',
          effect: Effect.DENY,
          actions: ['sns:Publish'],
          resources: [`arn:${this.partition}:sns:*:*:*`],
        }),
      ],
    });
    deliver.executionRole.attachInlinePolicy(smsPolicy);

    // ---------------------------------------------------------------- scheduled functions
    const sweep = new HouseFunction(this, 'SweepTimersFunction', {
      declaration: FUNCTIONS.sweepTimers,
      environment: commonEnv,
      requiredEnvironment: ENV_NAMES.sweep,
    });
    sweep.useTable(this.table, TABLE_ACCESS.sweepTimers);

    // ---------------------------------------------------------------- triggers, from the declarations
    // Typed as a full record: a new declaration does not compile until its function is built here.
    this.functions = { api, routeReferrals, deliverNotifications: deliver, sweepTimers: sweep };
    const deadLetterQueues: Partial<Record<FunctionKey, Queue>> = {};
    const schedules: Partial<Record<FunctionKey, ScheduledInvocation>> = {};
    for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
      const fn = this.functions[key];
      const id = pascalCase(key);
      switch (fn.declaration.trigger.kind) {
        case 'dynamodb-stream': {
          const dlq = this.deadLetterQueue(`${id}Dlq`, 'the on-failure destination of a stream event source mapping');
          fn.subscribeToStream(this.table, dlq);
          deadLetterQueues[key] = dlq;
          break;
        }
        case 'schedule': {
          const dlq = this.deadLetterQueue(`${id}Dlq`, 'the dead-letter queue of an EventBridge Scheduler schedule');
          schedules[key] = fn.invokeOnSchedule(dlq);
          deadLetterQueues[key] = dlq;
          break;
        }
        case 'http':
          // Only the api function is wired to the HTTP API (above).
          if (fn !== api) throw new Error(`${key}: HTTP functions other than api are not wired to an API`);
          break;
      }
    }
    this.deadLetterQueues = deadLetterQueues as Record<StreamFunctionKey | ScheduledFunctionKey, Queue>;
    this.schedules = schedules as Record<ScheduledFunctionKey, ScheduledInvocation>;

    // ---------------------------------------------------------------- outputs
    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url, description: 'Intake API base URL (IAM-signed)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The single table' });

    // ---------------------------------------------------------------- cdk-nag: reasoned exceptions
    // cdk-nag 3 reads CDK's own acknowledgements (Validations.of(x).acknowledge), one finding id
    // per call, on the construct or an ancestor of the flagged resource. Nothing at stack level.
    for (const fn of Object.values(this.functions)) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason: `The platform targets ${HOUSE_RUNTIME.name} on purpose: the handlers, their esbuild target (node22) and the local runtime are built and tested for it; moving to a newer Lambda runtime is a deliberate upgrade, not drift.`,
      });
    }
    for (const fn of [api, sweep]) {
      Validations.of(fn.executionRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: XRAY_REASON,
      });
    }
    for (const fn of [routeReferrals, deliver]) {
      Validations.of(fn.executionRole).acknowledge(
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: `${XRAY_REASON} Stream event source: dynamodb:ListStreams has no resource-level permissions either (Resource "*"); DescribeStream/GetRecords/GetShardIterator are limited to this table's stream ARN.`,
        },
        {
          id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
          reason: KMS_DLQ_REASON,
        },
        {
          id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
          reason: KMS_DLQ_REASON,
        },
      );
    }
    Validations.of(smsPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:Publish straight to a phone number (SMS) has no resource ARN to scope to, so this one Allow is on "*"; the explicit Deny on arn:aws:sns:*:*:* in the same policy removes every topic and platform endpoint, leaving only phone numbers. The policy holds nothing else.',
    });
  }

  /** One DLQ per stream or scheduled function: KMS-encrypted with the data key, TLS only, kept 14 days. */
  private deadLetterQueue(id: string, role: string): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.dataKey,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue IS a dead-letter queue (${role}); a DLQ of a DLQ would only move the same records one hop further.`,
    });
    return queue;
  }
}

/** routeReferrals → RouteReferrals: the construct-id prefix of a function's resources. */
function pascalCase(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

function httpRoutes(decl: FunctionDeclaration) {
  if (decl.trigger.kind !== 'http') throw new Error(`${decl.name} is not declared as an HTTP function`);
  return decl.trigger.routes;
}
