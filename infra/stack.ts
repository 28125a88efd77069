import { CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { HttpApi, HttpRoute, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { UserPool, UserPoolClient, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ConfigurationSet, ConfigurationSetEventDestination, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsCustomResource, AwsCustomResourcePolicy, type AwsSdkCall, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';

import { DELIVERY_RETRY, eventPatternOf, type FunctionDeclaration, FUNCTIONS, type FunctionKey } from '../events/triggers.js';
import { ENV_NAMES } from '../shared/config/config.js';
import { ADDRESS_PK_PREFIX } from '../shared/store/items.js';
import { invokeOnEvents, type EventRuleInvocation } from './constructs/event-rule.js';
import { Operations } from './constructs/operations.js';
import { type AccessSettings, accessSettingsOf, type DeploymentFile } from './deployment.js';
import { HOUSE_RUNTIME, HouseFunction, type ScheduledInvocation } from './constructs/house-function.js';
import { addHttpRoutes, httpApis } from './http-api.js';
import { type LinkDistribution, linkDistribution } from './links.js';
import { keyOf, pascalCase } from './naming.js';
import { deploymentParameters } from './parameters.js';
import { signIn } from './sign-in.js';
import { dataAtRest, TABLE_ACCESS } from './table.js';

// The stack's parts live in modules by concern; what tests and other modules import from here stays importable.
export { API_THROTTLE, UNAUTHENTICATED_ROUTE_THROTTLE } from './http-api.js';
export { LINK_ORIGIN_VERIFY_HEADER, LINK_PATH_PATTERN, type LinkDistribution } from './links.js';
export { LINK_SIGNING_KEY_PARAMETER_DEFAULT } from './parameters.js';
export { TEMPORARY_PASSWORD_DAYS, TOKEN_VALIDITY, userPoolGroupDeclarations } from './sign-in.js';
export { TABLE_ACCESS } from './table.js';


type KeysOfKind<Kind extends string> = {
  [K in FunctionKey]: (typeof FUNCTIONS)[K]['trigger']['kind'] extends Kind ? K : never;
}[FunctionKey];
/** Functions fed by the table's stream. */
export type StreamFunctionKey = KeysOfKind<'dynamodb-stream'>;
/** Functions invoked by EventBridge Scheduler. */
export type ScheduledFunctionKey = KeysOfKind<'schedule'>;

/** Functions invoked through the HTTP API. */
export type HttpFunctionKey = KeysOfKind<'http'>;
/** Functions invoked by an EventBridge rule (SES events). */
export type EventRuleFunctionKey = KeysOfKind<'event-rule'>;

/**
 * What SES publishes from the configuration set to EventBridge: what became of each email (no
 * sends, opens or clicks: the platform neither needs nor tracks them).
 */
export const SES_EVENT_TYPES = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.RENDERING_FAILURE,
] as const;

/** Seconds a delivery attempt holds an intent; must outlast one invocation of deliver. */
export const SEND_LEASE_SECONDS = 60;

/** The key before the last rotation: links signed with it keep working until they expire (respond only). */
export const LINK_SIGNING_KEY_PREVIOUS_PARAMETER_DEFAULT = '/referrals/link-signing-key-previous';

const DLQ_RETENTION = Duration.days(14);

const XRAY_REASON =
  'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so Lambda\'s tracing statement is on Resource "*".';
const KMS_DLQ_REASON =
  'On-failure destination: SqsDlq grants the DLQ\'s send permissions, which for a KMS-encrypted queue include kms:GenerateDataKey* and kms:ReEncrypt*; they are limited to the one data key ARN, no other key is reachable.';

export interface ReferralsStackProps extends StackProps {
  /** A validated deployment file (-c deployment=<path>): the parameters' defaults. */
  readonly deployment?: DeploymentFile | undefined;
  /**
   * The ARN of the link routes' WAF web ACL (CLOUDFRONT scope, in us-east-1: infra/link-waf-stack.ts).
   * Given: the link routes are served through a CloudFront distribution with that web ACL.
   * Absent (linkWaf: false): no CloudFront, links go straight to the HTTP API.
   */
  readonly linkWebAclArn?: string | undefined;
}

export class ReferralsStack extends Stack {
  readonly table: Table;
  readonly dataKey: Key;
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  /** The deployment's sign-in and link settings, defaults filled in. */
  readonly access: AccessSettings;
  /** Sign-in: people, with their role, municipality and directory entry as groups (shared/identity/roles.ts). */
  readonly userPool: UserPool;
  /** The console's and CLI's app client: no secret, USER_PASSWORD_AUTH and refresh only. */
  readonly userPoolClient: UserPoolClient;
  /** Every group of the pool, by name. */
  readonly userPoolGroups: Record<string, UserPoolGroup>;
  /** The JWT authorizer of every route declared `auth: 'cognito'`. */
  readonly jwtAuthorizer: HttpJwtAuthorizer;
  /** The second, IAM-authorised API for the deployment's machine callers (absent when it has none). */
  readonly machineApi?: HttpApi;
  readonly machineApiStage?: HttpStage;
  /** The machine API's routes: the same routes as the coordinators', each of them IAM-authorised. */
  readonly machineRoutes: HttpRoute[] = [];
  /** CloudFront (with the WAF web ACL) in front of the link routes; absent when linkWaf is false. */
  readonly links?: LinkDistribution;
  /** The base of the links in emails: the distribution's https URL, or the API's when there is none. */
  readonly publicBaseUrl: string;
  /** The routes of each HTTP function, as declared (events/triggers.ts). */
  readonly httpRoutes: Record<HttpFunctionKey, HttpRoute[]>;
  /** ARN of the SSM SecureString parameter with the link-signing key (from LinkSigningKeyParameterName). */
  readonly linkSigningKeyParameterArn: string;
  /** The one policy that may read (and decrypt) that parameter; attached to the roles of the functions that sign or verify links. */
  readonly linkSigningKeyReadPolicy: Policy;
  /** One function per declaration in events/triggers.ts. */
  readonly functions: Record<FunctionKey, HouseFunction>;
  /** One DLQ per stream, scheduled or event-rule function. */
  readonly deadLetterQueues: Record<StreamFunctionKey | ScheduledFunctionKey | EventRuleFunctionKey, Queue>;
  /** One EventBridge rule per event-rule function. */
  readonly eventRules: Record<EventRuleFunctionKey, EventRuleInvocation>;
  /** The SES configuration set's event destination: the default EventBridge bus. */
  readonly sesEventDestination: ConfigurationSetEventDestination;
  /** One schedule (and its invoking role) per scheduled function. */
  readonly schedules: Record<ScheduledFunctionKey, ScheduledInvocation>;
  /** Sets the account's SMS attributes (monthly spend limit, default type) on create and update. */
  readonly smsAccountSettings: AwsCustomResource;
  /** Alarms (to the OpsAlarms topic) and the Referrals dashboard. */
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props?: ReferralsStackProps) {
    super(scope, id, props);
    // A deployment file (-c deployment=<path>) gives the parameters their defaults; see infra/deployment.ts.
    const deployment = props?.deployment;
    // ---------------------------------------------------------------- deployment parameters
    const { retentionDays, senderAddress, configurationSet, senderIdentity, deliveryMode, simulatedPhones, smsMonthlySpendLimit, linkKeyParameter, opsAlarmEmail } =
      deploymentParameters(this, deployment);

    // ---------------------------------------------------------------- data at rest
    ({ dataKey: this.dataKey, table: this.table } = dataAtRest(this));

    const commonEnv = {
      TABLE_NAME: this.table.tableName,
      PERSONAL_DATA_RETENTION_DAYS: retentionDays.valueAsString,
    };

    // ---------------------------------------------------------------- sign-in: the Cognito user pool
    this.access = accessSettingsOf(deployment);
    const access = this.access;
    ({ userPool: this.userPool, userPoolClient: this.userPoolClient, userPoolGroups: this.userPoolGroups, jwtAuthorizer: this.jwtAuthorizer } = signIn(this, access));

    // ---------------------------------------------------------------- HTTP API (routes are wired from the declarations below)
    // With machine callers, a second, IAM-authorised API (infra/http-api.ts).
    ({ api: this.api, apiStage: this.apiStage, machineApi: this.machineApi, machineApiStage: this.machineApiStage } = httpApis(this, access));

    // ---------------------------------------------------------------- offices' links: CloudFront + WAF in front of /r/* (infra/links.ts)
    if (props?.linkWebAclArn) this.links = linkDistribution(this, this.api, props.linkWebAclArn);
    this.publicBaseUrl = this.links ? `https://${this.links.distribution.distributionDomainName}` : this.api.apiEndpoint;

    const linkKeyPreviousParameter = new CfnParameter(this, 'LinkSigningKeyPreviousParameterName', {
      type: 'String',
      default: LINK_SIGNING_KEY_PREVIOUS_PARAMETER_DEFAULT,
      allowedPattern: '^/[a-zA-Z0-9_.\\-/]{1,1010}$',
      constraintDescription: 'a fully qualified SSM parameter name starting with "/", e.g. /referrals/link-signing-key-previous',
      description:
        'SSM SecureString parameter holding the link-signing key before the last rotation (see the README runbook); it may be absent. ' +
        'Links signed with it are still accepted until they expire; new links are always signed with LinkSigningKeyParameterName.',
    });

    // ---------------------------------------------------------------- signed links: base URL and key
    // The links in emails point at this API (no custom domain); the function reads the HMAC key
    // from SSM at cold start. LINK_SIGNING_KEY_FILE (the local runtime's key source) stays unset:
    // the config requires exactly one of the two.
    this.linkSigningKeyParameterArn = `arn:${this.partition}:ssm:${this.region}:${this.account}:parameter${linkKeyParameter.valueAsString}`;
    const linksEnv = {
      // https://{id}.cloudfront.net with the link WAF, else https://{id}.execute-api.{region}.amazonaws.com; no trailing slash.
      PUBLIC_BASE_URL: this.publicBaseUrl,
      LINK_SIGNING_KEY_PARAMETER: linkKeyParameter.valueAsString,
    };
    const linksOptionalEnv = ['LINK_SIGNING_KEY_FILE'];

    // ---------------------------------------------------------------- HTTP functions
    const api = new HouseFunction(this, 'ApiFunction', {
      declaration: FUNCTIONS.api,
      // The machine callers and as whom they act: read by the function, never a grant.
      environment: {
        ...commonEnv,
        MACHINE_CALLERS: JSON.stringify(access.machineCallers),
        // The pool and client the JWT authorizer trusts, checked again by the function.
        TOKEN_ISSUER: this.userPool.userPoolProviderUrl,
        TOKEN_CLIENT_IDS: this.userPoolClient.userPoolClientId,
      },
      requiredEnvironment: ENV_NAMES.api,
    });
    api.useTable(this.table, TABLE_ACCESS.api);
    // An operator lifting an address's suppression (POST /operations/addresses/clear) deletes that
    // address's item: DeleteItem on address items only, never on a case's.
    api.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:DeleteItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${ADDRESS_PK_PREFIX}*`] } },
      }),
    );

    const linkSigningKeyPreviousArn = `arn:${this.partition}:ssm:${this.region}:${this.account}:parameter${linkKeyPreviousParameter.valueAsString}`;
    const respond = new HouseFunction(this, 'RespondFunction', {
      declaration: FUNCTIONS.respond,
      // Only respond verifies links, so only respond reads the previous key.
      environment: {
        ...commonEnv,
        ...linksEnv,
        LINK_SIGNING_KEY_PREVIOUS_PARAMETER: linkKeyPreviousParameter.valueAsString,
        ...(this.links ? { LINK_ORIGIN_SECRET_ARN: this.links.originSecret.secretArn } : {}),
      },
      requiredEnvironment: ENV_NAMES.respond,
      // Without the link WAF there is no CloudFront and no origin secret to check.
      optionalEnvironment: [...linksOptionalEnv, 'LINK_SIGNING_KEY_PREVIOUS_FILE', ...(this.links ? [] : ['LINK_ORIGIN_SECRET_ARN'])],
    });
    respond.useTable(this.table, TABLE_ACCESS.respond);
    // secretsmanager:GetSecretValue and DescribeSecret on that one secret (Powertools Parameters reads it).
    this.links?.originSecret.grantRead(respond);

    // ---------------------------------------------------------------- stream functions
    const routeReferrals = new HouseFunction(this, 'RouteReferralsFunction', {
      declaration: FUNCTIONS.routeReferrals,
      environment: { ...commonEnv, ...linksEnv },
      requiredEnvironment: ENV_NAMES.route,
      optionalEnvironment: linksOptionalEnv,
    });
    routeReferrals.useTable(this.table, TABLE_ACCESS.routeReferrals);

    const reactToAnswers = new HouseFunction(this, 'ReactToAnswersFunction', {
      declaration: FUNCTIONS.reactToAnswers,
      environment: commonEnv,
      requiredEnvironment: ENV_NAMES.react,
    });
    reactToAnswers.useTable(this.table, TABLE_ACCESS.reactToAnswers);

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
        DELIVERY_MAX_ATTEMPTS: String(DELIVERY_RETRY.maxAttempts),
        DELIVERY_RETRY_BASE_SECONDS: String(DELIVERY_RETRY.baseSeconds),
        DELIVERY_RETRY_CAP_SECONDS: String(DELIVERY_RETRY.capSeconds),
        DELIVERY_RETRY_MAX_AGE_HOURS: String(DELIVERY_RETRY.maxAgeHours),
        DELIVERY_MODE: deliveryMode.valueAsString,
        SIMULATED_PHONE_NUMBERS: simulatedPhones.valueAsString,
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
    // Before texting, deliver asks whether the number opted out (a returnee who replied STOP).
    // The action takes a phone number, not a resource, so IAM only allows it on "*"; it reads
    // one flag and sends nothing. A policy of its own, for its own acknowledgement.
    const smsOptOutPolicy = new Policy(this, 'DeliverNotificationsSmsOptOutPolicy', {
      statements: [new PolicyStatement({ sid: 'CheckWhetherPhoneNumbersOptedOut', actions: ['sns:CheckIfPhoneNumberIsOptedOut'], resources: ['*'] })],
    });
    deliver.executionRole.attachInlinePolicy(smsOptOutPolicy);

    // ---------------------------------------------------------------- SMS account settings
    // The SMS spend limit and default type are SNS account settings (per region), which no
    // CloudFormation resource type holds, so an SDK call sets them on create and on every update
    // (a changed parameter). Nothing is called on delete: the account keeps its limit rather than
    // falling back to a looser one. The provider function gets a role of our own (the default one
    // carries the AWSLambdaBasicExecutionRole managed policy) that may write only its log group.
    const setSmsAttributes: AwsSdkCall = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: { attributes: { MonthlySpendLimit: smsMonthlySpendLimit.valueAsString, DefaultSMSType: 'Transactional' } },
      physicalResourceId: PhysicalResourceId.of('sns-sms-account-attributes'),
    };
    const smsSettingsLogs = new LogGroup(this, 'SmsAccountSettingsLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const smsSettingsRole = new Role(this, 'SmsAccountSettingsRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the custom resource that sets the account SMS attributes (spend limit, default type)',
    });
    smsSettingsLogs.grantWrite(smsSettingsRole); // logs:CreateLogStream + logs:PutLogEvents on this log group only
    this.smsAccountSettings = new AwsCustomResource(this, 'SmsAccountSettings', {
      onCreate: setSmsAttributes,
      onUpdate: setSmsAttributes,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ sid: 'SetAccountSmsAttributes', actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
      ]),
      role: smsSettingsRole,
      logGroup: smsSettingsLogs,
      installLatestAwsSdk: false,
      timeout: Duration.minutes(1),
      // One small SDK call per deploy; stated rather than left to Lambda's 128 MB default.
      memorySize: 256,
    });

    // ---------------------------------------------------------------- scheduled functions
    const sweep = new HouseFunction(this, 'SweepTimersFunction', {
      declaration: FUNCTIONS.sweepTimers,
      environment: commonEnv,
      requiredEnvironment: ENV_NAMES.sweep,
    });
    sweep.useTable(this.table, TABLE_ACCESS.sweepTimers);

    const planMeetings = new HouseFunction(this, 'PlanMeetingsFunction', { declaration: FUNCTIONS.planMeetings, environment: commonEnv, requiredEnvironment: ENV_NAMES.meetings });
    planMeetings.useTable(this.table, TABLE_ACCESS.planMeetings);
    const notifyMeetings = new HouseFunction(this, 'NotifyMeetingsFunction', { declaration: FUNCTIONS.notifyMeetings, environment: commonEnv, requiredEnvironment: ENV_NAMES.meetings });
    notifyMeetings.useTable(this.table, TABLE_ACCESS.notifyMeetings);
    const sendDigests = new HouseFunction(this, 'SendDigestsFunction', { declaration: FUNCTIONS.sendDigests, environment: commonEnv, requiredEnvironment: ENV_NAMES.digests });
    sendDigests.useTable(this.table, TABLE_ACCESS.sendDigests);
    const reportIndicators = new HouseFunction(this, 'ReportIndicatorsFunction', { declaration: FUNCTIONS.reportIndicators, environment: commonEnv, requiredEnvironment: ENV_NAMES.reports });
    reportIndicators.useTable(this.table, TABLE_ACCESS.reportIndicators);

    // ---------------------------------------------------------------- retention
    const expireClosedCases = new HouseFunction(this, 'ExpireClosedCasesFunction', {
      declaration: FUNCTIONS.expireClosedCases,
      environment: commonEnv,
      requiredEnvironment: ENV_NAMES.retention,
    });
    expireClosedCases.useTable(this.table, TABLE_ACCESS.expireClosedCases);

    // ---------------------------------------------------------------- SES events (bounces, complaints, deliveries)
    // The configuration set is the operator's (SesConfigurationSetName); the stack adds its event
    // destination: SES publishes what became of each email to the default bus (the only bus SES
    // can publish to), where the rule built from the declaration below hands it to email-events.
    this.sesEventDestination = new ConfigurationSetEventDestination(this, 'SesEventDestination', {
      configurationSet: ConfigurationSet.fromConfigurationSetName(this, 'SesConfigurationSet', configurationSet.valueAsString),
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultEventBus', 'default')),
      events: [...SES_EVENT_TYPES],
    });
    const emailEvents = new HouseFunction(this, 'EmailEventsFunction', {
      declaration: FUNCTIONS.emailEvents,
      environment: {
        ...commonEnv,
        // A transient bounce is retried under the deliver function's own policy.
        DELIVERY_MAX_ATTEMPTS: String(DELIVERY_RETRY.maxAttempts),
        DELIVERY_RETRY_BASE_SECONDS: String(DELIVERY_RETRY.baseSeconds),
        DELIVERY_RETRY_CAP_SECONDS: String(DELIVERY_RETRY.capSeconds),
        DELIVERY_RETRY_MAX_AGE_HOURS: String(DELIVERY_RETRY.maxAgeHours),
      },
      requiredEnvironment: ENV_NAMES.emailEvents,
    });
    emailEvents.useTable(this.table, TABLE_ACCESS.emailEvents);

    // ---------------------------------------------------------------- reading the link-signing key
    // Only the functions that sign (route) or verify (respond) links. GetParameter on that one
    // parameter; Decrypt only as SSM's call on our behalf and only for that parameter's value
    // (SSM passes the parameter's ARN as the KMS encryption context). The key behind it is the
    // AWS-managed aws/ssm key unless the operator chose another; its id is unknown at synth
    // (an env-agnostic stack, no lookups) and an alias ARN does not authorise Decrypt, hence
    // Resource "*" narrowed by the two conditions. A policy of its own, so its one nag
    // acknowledgement covers exactly these statements.
    this.linkSigningKeyReadPolicy = new Policy(this, 'LinkSigningKeyReadPolicy', {
      statements: [
        // The previous key too (respond verifies links signed before a rotation). Route holds the
        // current key already, so reading the one it replaced gives it no power it lacks.
        new PolicyStatement({
          sid: 'ReadTheLinkSigningKeyParameter',
          actions: ['ssm:GetParameter'],
          resources: [this.linkSigningKeyParameterArn, linkSigningKeyPreviousArn],
        }),
        new PolicyStatement({
          sid: 'DecryptTheLinkSigningKeyThroughSsm',
          actions: ['kms:Decrypt'],
          resources: ['*'],
          conditions: {
            StringEquals: {
              'kms:ViaService': `ssm.${this.region}.amazonaws.com`,
              'kms:EncryptionContext:PARAMETER_ARN': [this.linkSigningKeyParameterArn, linkSigningKeyPreviousArn],
            },
          },
        }),
      ],
    });
    for (const fn of [routeReferrals, respond]) {
      fn.executionRole.attachInlinePolicy(this.linkSigningKeyReadPolicy);
      // The function (and its stream mapping) is not created before it can read the key.
      fn.node.addDependency(this.linkSigningKeyReadPolicy);
    }
    // ---------------------------------------------------------------- triggers, from the declarations
    // Typed as a full record: a new declaration does not compile until its function is built here.
    this.functions = { api, respond, routeReferrals, deliverNotifications: deliver, reactToAnswers, sweepTimers: sweep, planMeetings, notifyMeetings, sendDigests, reportIndicators, expireClosedCases, emailEvents };
    const httpRoutesByFunction: Partial<Record<FunctionKey, HttpRoute[]>> = {};
    const deadLetterQueues: Partial<Record<FunctionKey, Queue>> = {};
    const schedules: Partial<Record<FunctionKey, ScheduledInvocation>> = {};
    const eventRules: Partial<Record<FunctionKey, EventRuleInvocation>> = {};
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
          httpRoutesByFunction[key] = addHttpRoutes(
            { api: this.api, apiStage: this.apiStage, machineApi: this.machineApi, machineRoutes: this.machineRoutes, jwtAuthorizer: this.jwtAuthorizer, throughCloudFront: this.links !== undefined },
            id,
            fn,
          );
          break;
        case 'event-rule': {
          const dlq = this.deadLetterQueue(`${id}Dlq`, 'the dead-letter queue of an EventBridge rule target and of the function\'s asynchronous invocations');
          eventRules[key] = invokeOnEvents(fn, dlq, eventPatternOf(fn.declaration.trigger, configurationSet.valueAsString));
          deadLetterQueues[key] = dlq;
          break;
        }
      }
    }
    this.httpRoutes = httpRoutesByFunction as Record<HttpFunctionKey, HttpRoute[]>;
    this.deadLetterQueues = deadLetterQueues as Record<StreamFunctionKey | ScheduledFunctionKey | EventRuleFunctionKey, Queue>;
    this.eventRules = eventRules as Record<EventRuleFunctionKey, EventRuleInvocation>;
    this.schedules = schedules as Record<ScheduledFunctionKey, ScheduledInvocation>;

    // ---------------------------------------------------------------- operations: alarms and dashboard
    this.operations = new Operations(this, 'Operations', {
      functions: this.functions,
      streamFunctions: (Object.keys(FUNCTIONS) as FunctionKey[]).filter((k) => FUNCTIONS[k].trigger.kind === 'dynamodb-stream'),
      deadLetterQueues: this.deadLetterQueues,
      smsMonthlySpendLimit,
      alarmEmail: opsAlarmEmail,
    });

    // ---------------------------------------------------------------- outputs
    new CfnOutput(this, 'ApiUrl', {
      value: this.apiStage.url,
      description: 'API base URL: the coordinators’ routes take a Cognito access token (Authorization: Bearer …); /r/{token} is opened from offices’ signed links',
    });
    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: 'The Cognito user pool: npm run cli -- users add --user-pool-id <this> …',
    });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.userPoolClient.userPoolClientId,
      description: 'The console and CLI app client (USER_PASSWORD_AUTH, no secret): the audience of the API\'s JWT authorizer',
    });
    if (this.machineApiStage) {
      new CfnOutput(this, 'MachineApiUrl', {
        value: this.machineApiStage.url,
        description: 'The machine callers\' API (SigV4-signed requests of the IAM principals in machineCallers)',
      });
    }
    if (this.links) {
      new CfnOutput(this, 'LinkBaseUrl', {
        value: this.publicBaseUrl,
        description: 'The base of offices\' links in emails: CloudFront with the AWS WAF web ACL, in front of /r/*',
      });
    }
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The single table' });
    new CfnOutput(this, 'OpsAlarmsTopicArn', {
      value: this.operations.topic.topicArn,
      description: 'Every alarm notifies this topic (OpsAlarmEmail is subscribed when set; subscribe more with aws sns subscribe)',
    });
    // One per DLQ: where the operator's `dlq list` / `dlq redrive` read (--queue-url or DLQ_URL).
    for (const [key, queue] of Object.entries(this.deadLetterQueues) as [StreamFunctionKey | ScheduledFunctionKey | EventRuleFunctionKey, Queue][]) {
      new CfnOutput(this, `${pascalCase(key)}DlqUrl`, {
        value: queue.queueUrl,
        description: `DLQ of ${FUNCTIONS[key].name} (${FUNCTIONS[key].trigger.kind}): npm run cli -- dlq list --queue-url <this URL>`,
      });
    }

    // ---------------------------------------------------------------- cdk-nag: reasoned exceptions
    // cdk-nag 3 reads CDK's own acknowledgements (Validations.of(x).acknowledge), one finding id
    // per call, on the construct or an ancestor of the flagged resource. Nothing at stack level.
    const runtimeReason = `The platform targets ${HOUSE_RUNTIME.name} on purpose: the handlers, their esbuild target (node22) and the local runtime are built and tested for it; moving to a newer Lambda runtime is a deliberate upgrade, not drift.`;
    for (const fn of Object.values(this.functions)) {
      Validations.of(fn).acknowledge(
        { id: 'AwsSolutions-L1', reason: runtimeReason },
        { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
        { id: 'Serverless-LambdaDLQ', reason: LAMBDA_DLQ_REASON[fn.declaration.trigger.kind](pascalCase(keyOf(this.functions, fn))) },
      );
    }
    // The AwsCustomResource provider (a singleton function CDK adds to the stack).
    const smsSettingsProvider = this.node.findChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    Validations.of(smsSettingsProvider).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'The provider of the SmsAccountSettings custom resource is invoked only by CloudFormation during a deployment; the provider reports any failure to CloudFormation, which fails and rolls back the deployment. There is no event to park and nobody to read a DLQ.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'The provider of the SmsAccountSettings custom resource makes one SNS SetSMSAttributes call per deployment; its outcome is in the CloudFormation events and its own log group (kept 3 months). A trace adds nothing, and tracing would need X-Ray permissions on "*" for its role.',
      },
    );
    Validations.of(this.operations.emailSubscription).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        'The optional email subscription of the OpsAlarms topic: SNS retries an email delivery under its own policy, and the alarm itself stays in ALARM in CloudWatch (and on the Referrals dashboard) whether or not the email arrived; a DLQ of undelivered alarm emails would have no reader.',
    });
    for (const fn of [api, respond]) {
      Validations.of(fn.executionRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: XRAY_REASON,
      });
    }
    const scheduledDlqReason = `${KMS_DLQ_REASON} (Here the on-failure destination of the function's asynchronous invocations by its schedule, for a run whose handler kept failing.)`;
    for (const fn of [sweep, planMeetings, sendDigests, reportIndicators]) {
      Validations.of(fn.executionRole).acknowledge(
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: XRAY_REASON },
        { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: scheduledDlqReason },
        { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: scheduledDlqReason },
      );
    }
    for (const fn of [routeReferrals, deliver, reactToAnswers, notifyMeetings, expireClosedCases]) {
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
    Validations.of(emailEvents.executionRole).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: XRAY_REASON },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: `${KMS_DLQ_REASON} (Here the on-failure destination of the function's asynchronous invocations, for an SES event its handler kept failing on.)`,
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        reason: `${KMS_DLQ_REASON} (Here the on-failure destination of the function's asynchronous invocations, for an SES event its handler kept failing on.)`,
      },
    );
    Validations.of(this.linkSigningKeyReadPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'kms:Decrypt for the link-signing key: the parameter is encrypted with the AWS-managed aws/ssm key (or one the operator picks), whose key id is unknown to this env-agnostic stack, and an alias ARN cannot authorise Decrypt; so Resource is "*", narrowed by kms:ViaService = ssm.<region>.amazonaws.com and kms:EncryptionContext:PARAMETER_ARN = that one parameter\'s ARN: only SSM, only that parameter\'s value. ssm:GetParameter in the same policy is on that one parameter ARN.',
    });
    // ---- sign-in and links (on the pool's own resource, not its client and groups)
    if (access.mfa !== 'required') {
      Validations.of(this.userPool.node.defaultChild!).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'This deployment leaves TOTP MFA optional (deployment file "mfa": "optional", the default): every user may set up an authenticator app, and the deployment requires it for everyone with "mfa": "required" (docs/aws-sign-in.md). Users are created only by administrators, with a 12-character mixed password policy, and the API accepts only this pool\'s access tokens.',
      });
    }
    if (access.threatProtection === 'off') {
      Validations.of(this.userPool.node.defaultChild!).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan is what threat protection (compromised credentials, adaptive authentication) needs, and it is billed for every monthly active user with no free tier; this deployment keeps it off ("threatProtection": "off", the default) and turns it on with "audit" or "enforced" (docs/aws-sign-in.md). Sign-up is closed and accounts are created by administrators only.',
      });
    }
    if (this.links) {
      const { distribution, originSecret } = this.links;
      Validations.of(distribution).acknowledge(
        {
          id: 'AwsSolutions-CFR1',
          reason:
            'No geo restriction: the links are opened by municipal offices in Kosovo, but also by their staff travelling or behind VPNs and mobile carriers whose addresses geolocate elsewhere; a refused office could not answer a referral. Abuse is limited per source IP by the WAF web ACL instead, and every link is an expiring, signed token.',
        },
        {
          id: 'AwsSolutions-CFR3',
          reason:
            'No CloudFront standard logs: they would record every viewer IP and the full URI, and a link\'s URI is its credential (the signed token). Each request that reaches the API is in its access log (route template, status, no path, no IP), and the WAF web ACL\'s CloudWatch metrics count what the rate rule and the common rules block.',
        },
        {
          id: 'AwsSolutions-CFR4',
          reason:
            'The distribution has no custom domain and so uses CloudFront\'s default *.cloudfront.net certificate, with which the minimum viewer TLS version cannot be chosen (CloudFront then offers TLSv1 and later to viewers); browsers negotiate TLS 1.2/1.3 anyway. The connection to the API origin is TLS 1.2 only (HTTPS only).',
        },
      );
      Validations.of(originSecret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The origin-verify secret reaches CloudFront through a dynamic reference resolved at deploy time, so an automatic rotation would change it under the running distribution and every office\'s link would be refused until the next deploy. It is a random 48-character value read at run time only by the respond function (its one grant), though anyone allowed cloudfront:GetDistributionConfig can also read it from the distribution\'s configuration; it is rotated by a deployment (docs/aws-sign-in.md), and it is a second factor only: each link is itself a signed, expiring token.',
      });
    }
    Validations.of(smsPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:Publish straight to a phone number (SMS) has no resource ARN to scope to, so this one Allow is on "*"; the explicit Deny on arn:aws:sns:*:*:* in the same policy removes every topic and platform endpoint, leaving only phone numbers. The policy holds nothing else.',
    });
    Validations.of(smsOptOutPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:CheckIfPhoneNumberIsOptedOut takes a phone number, not a resource: IAM defines no resource type for it, so it can only be allowed on "*". It reads whether one number opted out and can send or change nothing. The policy holds nothing else.',
    });
    Validations.of(this.smsAccountSettings.node.findChild('CustomResourcePolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:SetSMSAttributes sets account-level SMS settings (here MonthlySpendLimit and DefaultSMSType), which have no resource ARN: IAM defines no resource type for the action, so it can only be allowed on "*". Only the custom resource\'s provider function holds it, and the policy holds nothing else.',
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
    const reason = `This queue IS a dead-letter queue (${role}); a DLQ of a DLQ would only move the same records one hop further.`;
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason }, { id: 'Serverless-SQSRedrivePolicy', reason });
    return queue;
  }

}

/** Why a function has no DeadLetterConfig (Serverless-LambdaDLQ), by how it is invoked. */
const LAMBDA_DLQ_REASON: Record<FunctionDeclaration['trigger']['kind'], (id: string) => string> = {
  http: () =>
    'Invoked only by API Gateway, synchronously: a failure is the HTTP response to the caller and nothing is queued; DeadLetterConfig applies only to asynchronous invocations. Its Errors alarm notifies OpsAlarms.',
  'dynamodb-stream': (id) =>
    `Invoked only by its DynamoDB stream event source mapping, which DeadLetterConfig does not cover: a batch that exhausts its retries goes to the mapping's on-failure destination, the KMS-encrypted ${id}Dlq, alarmed when not empty.`,
  schedule: (id) =>
    `Invoked by EventBridge Scheduler, whose own dead-letter queue (${id}Dlq, alarmed when not empty) keeps the runs Scheduler could not hand to Lambda; a run whose handler throws is retried twice by Lambda and then parked in the same queue by the on-failure destination (EventInvokeConfig), which replaces DeadLetterConfig and records the failure's context.`,
  'event-rule': (id) =>
    `Its asynchronous invocations already have an on-failure destination (EventInvokeConfig → ${id}Dlq, alarmed when not empty), the newer mechanism that replaces DeadLetterConfig and records the failure's context; both would park each failed event twice.`,
};
