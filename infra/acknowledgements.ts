import { Validations } from 'aws-cdk-lib';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';

import { tracingOf } from '../events/tracing.js';
import type { FunctionDeclaration } from '../events/triggers.js';
import { HOUSE_RUNTIME } from './constructs/house-function.js';
import { keyOf, pascalCase } from './naming.js';
import type { SmsPolicies } from './sms.js';
import type { ReferralsStack } from './stack.js';

const XRAY_REASON =
  'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so Lambda\'s tracing statement is on Resource "*".';
const PASS_THROUGH_REASON =
  'X-Ray PassThrough, not Active (events/tracing.ts): nobody waits on a stream or scheduled function, and a stream record or a schedule carries no trace header, so its trace would begin and end in the function itself. Its log lines name the case, referral or intent and the Lambda request id, which follow a referral across functions; the functions behind the HTTP API are traced.';
const KMS_DLQ_REASON =
  'On-failure destination: SqsDlq grants the DLQ\'s send permissions, which for a KMS-encrypted queue include kms:GenerateDataKey* and kms:ReEncrypt*; they are limited to the one data key ARN, no other key is reachable.';

/**
 * cdk-nag: reasoned exceptions. cdk-nag 3 reads CDK's own acknowledgements
 * (Validations.of(x).acknowledge), one finding id per call, on the construct or an ancestor of the
 * flagged resource. Nothing at stack level. Called once the stack is complete.
 */
export function acknowledgeFindings(stack: ReferralsStack, { sms }: { sms: readonly SmsPolicies[] }): void {
  const access = stack.access;
  const runtimeReason = `The platform targets ${HOUSE_RUNTIME.name} on purpose: the handlers, their esbuild target (node22) and the local runtime are built and tested for it; moving to a newer Lambda runtime is a deliberate upgrade, not drift.`;
  for (const fn of Object.values(stack.functions)) {
    const kind = fn.declaration.trigger.kind;
    Validations.of(fn).acknowledge(
      { id: 'AwsSolutions-L1', reason: runtimeReason },
      { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
      { id: 'Serverless-LambdaDLQ', reason: LAMBDA_DLQ_REASON[kind](pascalCase(keyOf(stack.functions, fn))) },
    );
    if (tracingOf(fn.declaration) === 'PassThrough') Validations.of(fn).acknowledge({ id: 'Serverless-LambdaTracing', reason: PASS_THROUGH_REASON });
    Validations.of(fn.executionRole).acknowledge(...ROLE_FINDINGS[kind]);
  }
  // The AwsCustomResource provider (a singleton function CDK adds to the stack).
  const smsSettingsProvider = stack.node.findChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
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
  Validations.of(stack.operations.emailSubscription).acknowledge({
    id: 'Serverless-SNSRedrivePolicy',
    reason:
      'The optional email subscription of the OpsAlarms topic: SNS retries an email delivery under its own policy, and the alarm itself stays in ALARM in CloudWatch (and on the Referrals dashboard) whether or not the email arrived; a DLQ of undelivered alarm emails would have no reader.',
  });
  Validations.of(stack.linkSigningKeyReadPolicy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'kms:Decrypt for the link-signing key: the parameter is encrypted with the AWS-managed aws/ssm key (or one the operator picks), whose key id is unknown to this env-agnostic stack, and an alias ARN cannot authorise Decrypt; so Resource is "*", narrowed by kms:ViaService = ssm.<region>.amazonaws.com and kms:EncryptionContext:PARAMETER_ARN = that one parameter\'s ARN: only SSM, only that parameter\'s value. ssm:GetParameter in the same policy is on that one parameter ARN.',
  });
  // ---- sign-in and links (on the pool's own resource, not its client and groups)
  if (access.mfa !== 'required') {
    Validations.of(stack.userPool.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'This deployment leaves TOTP MFA optional (deployment file "mfa": "optional", the default): every user may set up an authenticator app, and the deployment requires it for everyone with "mfa": "required" (docs/aws-sign-in.md). Users are created only by administrators, with a 12-character mixed password policy, and the API accepts only this pool\'s access tokens.',
    });
  }
  if (access.threatProtection === 'off') {
    Validations.of(stack.userPool.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan is what threat protection (compromised credentials, adaptive authentication) needs, and it is billed for every monthly active user with no free tier; this deployment keeps it off ("threatProtection": "off", the default) and turns it on with "audit" or "enforced" (docs/aws-sign-in.md). Sign-up is closed and accounts are created by administrators only.',
    });
  }
  if (stack.links) {
    const { distribution, originSecret } = stack.links;
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
  for (const { smsPolicy, smsOptOutPolicy } of sms) {
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
  }
  Validations.of(stack.smsAccountSettings.node.findChild('CustomResourcePolicy')).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'sns:SetSMSAttributes sets account-level SMS settings (here MonthlySpendLimit and DefaultSMSType), which have no resource ARN: IAM defines no resource type for the action, so it can only be allowed on "*". Only the custom resource\'s provider function holds it, and the policy holds nothing else.',
  });
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

type Finding = { id: string; reason: string };
const SCHEDULED_DLQ_REASON = `${KMS_DLQ_REASON} (Here the on-failure destination of the function's asynchronous invocations by its schedule, for a run whose handler kept failing.)`;
const EVENT_RULE_DLQ_REASON = `${KMS_DLQ_REASON} (Here the on-failure destination of the function's asynchronous invocations, for an SES event its handler kept failing on.)`;

/** What cdk-nag flags on a function's own role, by how it is invoked: tracing, reading a stream, parking failures. */
const ROLE_FINDINGS: Record<FunctionDeclaration['trigger']['kind'], Finding[]> = {
  http: [{ id: 'AwsSolutions-IAM5[Resource::*]', reason: XRAY_REASON }],
  'dynamodb-stream': [
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `${XRAY_REASON} Stream event source: dynamodb:ListStreams has no resource-level permissions either (Resource "*"); DescribeStream/GetRecords/GetShardIterator are limited to this table's stream ARN.`,
    },
    { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: KMS_DLQ_REASON },
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: KMS_DLQ_REASON },
  ],
  schedule: [
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: XRAY_REASON },
    { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: SCHEDULED_DLQ_REASON },
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: SCHEDULED_DLQ_REASON },
  ],
  'event-rule': [
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: XRAY_REASON },
    { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: EVENT_RULE_DLQ_REASON },
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: EVENT_RULE_DLQ_REASON },
  ],
};
