import { Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi, HttpRoute, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { UserPool, UserPoolClient, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Policy } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { ConfigurationSetEventDestination } from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';

import { FUNCTIONS, type FunctionKey } from '../events/triggers.js';
import { acknowledgeFindings } from './acknowledgements.js';
import { type ConsoleHosting, consoleHosting } from './console.js';
import type { EventRuleInvocation } from './constructs/event-rule.js';
import type { HouseFunction, ScheduledInvocation } from './constructs/house-function.js';
import { Operations } from './constructs/operations.js';
import { type AccessSettings, accessSettingsOf, type DeploymentFile } from './deployment.js';
import { houseFunctions } from './functions.js';
import { awsGrants } from './grants.js';
import { httpApis } from './http-api.js';
import { linkSigningKeyReadPolicy, linkSigningKeys } from './link-signing-key.js';
import { type LinkDistribution, linkDistribution } from './links.js';
import { stackOutputs } from './outputs.js';
import { deploymentParameters } from './parameters.js';
import { sesEventDestination } from './ses-events.js';
import { awsSettings } from './settings.js';
import { signIn } from './sign-in.js';
import { smsAccountSettings } from './sms.js';
import { dataAtRest } from './table.js';
import { type DlqFunctionKey, type EventRuleFunctionKey, type HttpFunctionKey, type ScheduledFunctionKey, wireTriggers } from './triggers.js';

// The stack's parts live in modules by concern; what tests and other modules import from here stays importable.
export { SEND_LEASE_SECONDS } from '../events/settings.js';
export { API_THROTTLE, UNAUTHENTICATED_ROUTE_THROTTLE } from './http-api.js';
export { LINK_SIGNING_KEY_PREVIOUS_PARAMETER_DEFAULT } from './link-signing-key.js';
export { LINK_ORIGIN_VERIFY_HEADER, LINK_PATH_PATTERN, RETURNEE_PAGE_PATH_PATTERN, type LinkDistribution } from './links.js';
export { LINK_SIGNING_KEY_PARAMETER_DEFAULT } from './parameters.js';
export { SES_EVENT_TYPES } from './ses-events.js';
export { TEMPORARY_PASSWORD_DAYS, TOKEN_VALIDITY, userPoolGroupDeclarations } from './sign-in.js';
export type { EventRuleFunctionKey, HttpFunctionKey, ScheduledFunctionKey, StreamFunctionKey } from './triggers.js';

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
  /** The coordinators' console: private bucket, CloudFront, its config.json (infra/console.ts). */
  readonly console: ConsoleHosting;
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
  readonly deadLetterQueues: Record<DlqFunctionKey, Queue>;
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
    // The order of the parts below is the order of the template's parameters and resources.
    // A deployment file (-c deployment=<path>) gives the parameters their defaults; see infra/deployment.ts.
    const deployment = props?.deployment;
    // ---------------------------------------------------------------- deployment parameters
    const params = deploymentParameters(this, deployment);

    // ---------------------------------------------------------------- data at rest
    ({ dataKey: this.dataKey, table: this.table } = dataAtRest(this));

    // ---------------------------------------------------------------- sign-in: the Cognito user pool
    this.access = accessSettingsOf(deployment);
    const access = this.access;
    ({ userPool: this.userPool, userPoolClient: this.userPoolClient, userPoolGroups: this.userPoolGroups, jwtAuthorizer: this.jwtAuthorizer } = signIn(this, access));

    // ---------------------------------------------------------------- HTTP API (routes are wired from the declarations below)
    // With machine callers, a second, IAM-authorised API (infra/http-api.ts).
    ({ api: this.api, apiStage: this.apiStage, machineApi: this.machineApi, machineApiStage: this.machineApiStage } = httpApis(this, access));

    // ---------------------------------------------------------------- the coordinators' console: S3 + CloudFront, its origin in the API's CORS (infra/console.ts)
    this.console = consoleHosting(this, { api: this.api, userPoolClient: this.userPoolClient });

    // ---------------------------------------------------------------- offices' links: CloudFront + WAF in front of /r/* (infra/links.ts)
    if (props?.linkWebAclArn) this.links = linkDistribution(this, this.api, props.linkWebAclArn);
    this.publicBaseUrl = this.links ? `https://${this.links.distribution.distributionDomainName}` : this.api.apiEndpoint;

    // ---------------------------------------------------------------- signed links: base URL and key
    const keys = linkSigningKeys(this, params.linkKeyParameter, this.publicBaseUrl);
    this.linkSigningKeyParameterArn = keys.parameterArn;

    // ---------------------------------------------------------------- reading the link-signing key (for the functions declared to)
    this.linkSigningKeyReadPolicy = linkSigningKeyReadPolicy(this, keys);

    // ---------------------------------------------------------------- functions, from the declarations (infra/functions.ts)
    const settings = awsSettings({ table: this.table, params, access, userPool: this.userPool, userPoolClient: this.userPoolClient, keys, links: this.links });
    const { grants, sms } = awsGrants(this, { table: this.table, params, links: this.links, linkSigningKeyReadPolicy: this.linkSigningKeyReadPolicy });
    this.functions = houseFunctions(this, { table: this.table, settings, grants });

    // ---------------------------------------------------------------- SMS account settings (infra/sms.ts)
    this.smsAccountSettings = smsAccountSettings(this, params.smsMonthlySpendLimit);
    // ---------------------------------------------------------------- SES events: the configuration set's destination
    this.sesEventDestination = sesEventDestination(this, params.configurationSet.valueAsString);

    // ---------------------------------------------------------------- triggers, from the declarations
    ({ httpRoutes: this.httpRoutes, deadLetterQueues: this.deadLetterQueues, eventRules: this.eventRules, schedules: this.schedules } = wireTriggers(this, {
      functions: this.functions,
      table: this.table,
      dataKey: this.dataKey,
      routeTargets: {
        api: this.api,
        apiStage: this.apiStage,
        machineApi: this.machineApi,
        machineRoutes: this.machineRoutes,
        jwtAuthorizer: this.jwtAuthorizer,
        throughCloudFront: this.links !== undefined,
      },
      configurationSetName: params.configurationSet.valueAsString,
    }));

    // ---------------------------------------------------------------- operations: alarms and dashboard
    this.operations = new Operations(this, 'Operations', {
      functions: this.functions,
      streamFunctions: (Object.keys(FUNCTIONS) as FunctionKey[]).filter((k) => FUNCTIONS[k].trigger.kind === 'dynamodb-stream'),
      deadLetterQueues: this.deadLetterQueues,
      smsMonthlySpendLimit: params.smsMonthlySpendLimit,
      alarmEmail: params.opsAlarmEmail,
    });

    // ---------------------------------------------------------------- outputs (infra/outputs.ts)
    stackOutputs(this);

    // ---------------------------------------------------------------- cdk-nag: reasoned exceptions (infra/acknowledgements.ts)
    acknowledgeFindings(this, { sms });
  }
}
