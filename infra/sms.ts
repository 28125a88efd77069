import { type CfnParameter, Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, type AwsSdkCall, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';

import type { HouseFunction } from './constructs/house-function.js';

/** The two policies that let a function send SMS, each with an acknowledgement of its own. */
export interface SmsPolicies {
  readonly smsPolicy: Policy;
  readonly smsOptOutPolicy: Policy;
}

/** What a function may do with SMS: text phone numbers (no topics or endpoints), and ask whether a number opted out. */
export function smsPolicies(stack: Stack, fn: HouseFunction, id: string): SmsPolicies {
  // SMS to a phone number has no resource ARN, so the Allow needs "*"; the Deny on every SNS
  // ARN keeps that "*" from reaching any topic or platform endpoint. Kept in a policy of its
  // own so its one nag suppression covers exactly this statement pair.
  const smsPolicy = new Policy(stack, `${id}SmsPolicy`, {
    statements: [
      new PolicyStatement({ sid: 'PublishSmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
      new PolicyStatement({
        sid: 'NeverPublishToTopicsOrEndpoints',
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${stack.partition}:sns:*:*:*`],
      }),
    ],
  });
  fn.executionRole.attachInlinePolicy(smsPolicy);
  // Before texting, the function asks whether the number opted out (a returnee who replied STOP).
  // The action takes a phone number, not a resource, so IAM only allows it on "*"; it reads
  // one flag and sends nothing. A policy of its own, for its own acknowledgement.
  const smsOptOutPolicy = new Policy(stack, `${id}SmsOptOutPolicy`, {
    statements: [new PolicyStatement({ sid: 'CheckWhetherPhoneNumbersOptedOut', actions: ['sns:CheckIfPhoneNumberIsOptedOut'], resources: ['*'] })],
  });
  fn.executionRole.attachInlinePolicy(smsOptOutPolicy);
  return { smsPolicy, smsOptOutPolicy };
}

/**
 * SMS account settings.
 * The SMS spend limit and default type are SNS account settings (per region), which no
 * CloudFormation resource type holds, so an SDK call sets them on create and on every update
 * (a changed parameter). Nothing is called on delete: the account keeps its limit rather than
 * falling back to a looser one. The provider function gets a role of our own (the default one
 * carries the AWSLambdaBasicExecutionRole managed policy) that may write only its log group.
 */
export function smsAccountSettings(stack: Stack, monthlySpendLimit: CfnParameter): AwsCustomResource {
  const setSmsAttributes: AwsSdkCall = {
    service: 'SNS',
    action: 'setSMSAttributes',
    parameters: { attributes: { MonthlySpendLimit: monthlySpendLimit.valueAsString, DefaultSMSType: 'Transactional' } },
    physicalResourceId: PhysicalResourceId.of('sns-sms-account-attributes'),
  };
  const smsSettingsLogs = new LogGroup(stack, 'SmsAccountSettingsLogs', {
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const smsSettingsRole = new Role(stack, 'SmsAccountSettingsRole', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: 'Execution role of the custom resource that sets the account SMS attributes (spend limit, default type)',
  });
  smsSettingsLogs.grantWrite(smsSettingsRole); // logs:CreateLogStream + logs:PutLogEvents on this log group only
  return new AwsCustomResource(stack, 'SmsAccountSettings', {
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
}
