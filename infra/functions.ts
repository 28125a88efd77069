import type { Stack } from 'aws-cdk-lib';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { type Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';

import { DELIVERY_RETRY, FUNCTIONS } from '../events/triggers.js';
import { ENV_NAMES } from '../shared/config/config.js';
import { ADDRESS_PK_PREFIX } from '../shared/store/address.js';
import { HouseFunction } from './constructs/house-function.js';
import type { AccessSettings } from './deployment.js';
import type { LinkSigningKeys } from './link-signing-key.js';
import type { LinkDistribution } from './links.js';
import type { DeploymentParameters } from './parameters.js';
import { deliverSmsPolicies } from './sms.js';
import { TABLE_ACCESS } from './table.js';

/** Seconds a delivery attempt holds an intent; must outlast one invocation of deliver. */
export const SEND_LEASE_SECONDS = 60;

/** What every function is built with: the table and the environment all of them share. */
export interface FunctionBase {
  readonly table: Table;
  /** TABLE_NAME and PERSONAL_DATA_RETENTION_DAYS. */
  readonly commonEnv: Record<string, string>;
}

/** HTTP functions: the coordinators' API and respond (offices' signed links). */
export function httpFunctions(
  stack: Stack,
  { table, commonEnv, access, userPool, userPoolClient, keys, links }: FunctionBase & {
    access: AccessSettings;
    userPool: UserPool;
    userPoolClient: UserPoolClient;
    keys: LinkSigningKeys;
    links: LinkDistribution | undefined;
  },
): { api: HouseFunction; respond: HouseFunction } {
  const api = new HouseFunction(stack, 'ApiFunction', {
    declaration: FUNCTIONS.api,
    // The machine callers and as whom they act: read by the function, never a grant.
    environment: {
      ...commonEnv,
      MACHINE_CALLERS: JSON.stringify(access.machineCallers),
      // The pool and client the JWT authorizer trusts, checked again by the function.
      TOKEN_ISSUER: userPool.userPoolProviderUrl,
      TOKEN_CLIENT_IDS: userPoolClient.userPoolClientId,
    },
    requiredEnvironment: ENV_NAMES.api,
  });
  api.useTable(table, TABLE_ACCESS.api);
  // An operator lifting an address's suppression (POST /operations/addresses/clear) deletes that
  // address's item: DeleteItem on address items only, never on a case's.
  api.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:DeleteItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${ADDRESS_PK_PREFIX}*`] } },
    }),
  );

  const respond = new HouseFunction(stack, 'RespondFunction', {
    declaration: FUNCTIONS.respond,
    // Only respond verifies links, so only respond reads the previous key.
    environment: {
      ...commonEnv,
      ...keys.env,
      LINK_SIGNING_KEY_PREVIOUS_PARAMETER: keys.previousParameter.valueAsString,
      ...(links ? { LINK_ORIGIN_SECRET_ARN: links.originSecret.secretArn } : {}),
    },
    requiredEnvironment: ENV_NAMES.respond,
    // Without the link WAF there is no CloudFront and no origin secret to check.
    optionalEnvironment: [...keys.optionalEnv, 'LINK_SIGNING_KEY_PREVIOUS_FILE', ...(links ? [] : ['LINK_ORIGIN_SECRET_ARN'])],
  });
  respond.useTable(table, TABLE_ACCESS.respond);
  // secretsmanager:GetSecretValue and DescribeSecret on that one secret (Powertools Parameters reads it).
  links?.originSecret.grantRead(respond);
  return { api, respond };
}

/** Stream functions: route referrals, react to answers, deliver notifications (email and SMS). */
export function streamFunctions(
  stack: Stack,
  { table, commonEnv, keys, params }: FunctionBase & { keys: LinkSigningKeys; params: DeploymentParameters },
): { routeReferrals: HouseFunction; reactToAnswers: HouseFunction; deliver: HouseFunction; smsPolicy: Policy; smsOptOutPolicy: Policy } {
  const routeReferrals = new HouseFunction(stack, 'RouteReferralsFunction', {
    declaration: FUNCTIONS.routeReferrals,
    environment: { ...commonEnv, ...keys.env },
    requiredEnvironment: ENV_NAMES.route,
    optionalEnvironment: keys.optionalEnv,
  });
  routeReferrals.useTable(table, TABLE_ACCESS.routeReferrals);

  const reactToAnswers = new HouseFunction(stack, 'ReactToAnswersFunction', {
    declaration: FUNCTIONS.reactToAnswers,
    environment: commonEnv,
    requiredEnvironment: ENV_NAMES.react,
  });
  reactToAnswers.useTable(table, TABLE_ACCESS.reactToAnswers);

  const deliverDecl = FUNCTIONS.deliverNotifications;
  if (SEND_LEASE_SECONDS <= deliverDecl.timeoutSeconds) {
    throw new Error(`SEND_LEASE_SECONDS (${SEND_LEASE_SECONDS}) must exceed deliver's timeout (${deliverDecl.timeoutSeconds}s)`);
  }
  const deliver = new HouseFunction(stack, 'DeliverNotificationsFunction', {
    declaration: deliverDecl,
    environment: {
      ...commonEnv,
      SES_FROM_ADDRESS: params.senderAddress.valueAsString,
      SES_CONFIGURATION_SET: params.configurationSet.valueAsString,
      SEND_LEASE_SECONDS: String(SEND_LEASE_SECONDS),
      DELIVERY_MAX_ATTEMPTS: String(DELIVERY_RETRY.maxAttempts),
      DELIVERY_RETRY_BASE_SECONDS: String(DELIVERY_RETRY.baseSeconds),
      DELIVERY_RETRY_CAP_SECONDS: String(DELIVERY_RETRY.capSeconds),
      DELIVERY_RETRY_MAX_AGE_HOURS: String(DELIVERY_RETRY.maxAgeHours),
      DELIVERY_MODE: params.deliveryMode.valueAsString,
      SIMULATED_PHONE_NUMBERS: params.simulatedPhones.valueAsString,
    },
    requiredEnvironment: ENV_NAMES.deliver,
  });
  deliver.useTable(table, TABLE_ACCESS.deliverNotifications);
  deliver.addToRolePolicy(
    new PolicyStatement({
      sid: 'SendEmailFromIdentityThroughConfigurationSet',
      actions: ['ses:SendEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: params.senderIdentity.valueAsString }),
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: params.configurationSet.valueAsString }),
      ],
    }),
  );
  // SMS: to phone numbers only, and whether a number opted out (infra/sms.ts).
  const { smsPolicy, smsOptOutPolicy } = deliverSmsPolicies(stack, deliver);
  return { routeReferrals, reactToAnswers, deliver, smsPolicy, smsOptOutPolicy };
}

/** Scheduled functions, and retention's. */
export function scheduledFunctions(stack: Stack, { table, commonEnv }: FunctionBase) {
  const sweep = new HouseFunction(stack, 'SweepTimersFunction', {
    declaration: FUNCTIONS.sweepTimers,
    environment: commonEnv,
    requiredEnvironment: ENV_NAMES.sweep,
  });
  sweep.useTable(table, TABLE_ACCESS.sweepTimers);

  const planMeetings = new HouseFunction(stack, 'PlanMeetingsFunction', { declaration: FUNCTIONS.planMeetings, environment: commonEnv, requiredEnvironment: ENV_NAMES.meetings });
  planMeetings.useTable(table, TABLE_ACCESS.planMeetings);
  const notifyMeetings = new HouseFunction(stack, 'NotifyMeetingsFunction', { declaration: FUNCTIONS.notifyMeetings, environment: commonEnv, requiredEnvironment: ENV_NAMES.meetings });
  notifyMeetings.useTable(table, TABLE_ACCESS.notifyMeetings);
  const sendDigests = new HouseFunction(stack, 'SendDigestsFunction', { declaration: FUNCTIONS.sendDigests, environment: commonEnv, requiredEnvironment: ENV_NAMES.digests });
  sendDigests.useTable(table, TABLE_ACCESS.sendDigests);
  const reportIndicators = new HouseFunction(stack, 'ReportIndicatorsFunction', { declaration: FUNCTIONS.reportIndicators, environment: commonEnv, requiredEnvironment: ENV_NAMES.reports });
  reportIndicators.useTable(table, TABLE_ACCESS.reportIndicators);

  // Retention.
  const expireClosedCases = new HouseFunction(stack, 'ExpireClosedCasesFunction', {
    declaration: FUNCTIONS.expireClosedCases,
    environment: commonEnv,
    requiredEnvironment: ENV_NAMES.retention,
  });
  expireClosedCases.useTable(table, TABLE_ACCESS.expireClosedCases);
  return { sweep, planMeetings, notifyMeetings, sendDigests, reportIndicators, expireClosedCases };
}

/** The function the SES events (bounces, complaints, deliveries) go to. */
export function emailEventsFunction(stack: Stack, { table, commonEnv }: FunctionBase): HouseFunction {
  const emailEvents = new HouseFunction(stack, 'EmailEventsFunction', {
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
  emailEvents.useTable(table, TABLE_ACCESS.emailEvents);
  return emailEvents;
}
