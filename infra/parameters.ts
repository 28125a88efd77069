import { CfnParameter, type Stack } from 'aws-cdk-lib';

import type { DeploymentFile } from './deployment.js';

/** Default SSM SecureString parameter holding the HMAC key of offices' signed links. */
export const LINK_SIGNING_KEY_PARAMETER_DEFAULT = '/referrals/link-signing-key';

/** The stack's CloudFormation parameters (but the previous link-signing key's: infra/link-signing-key.ts). */
export interface DeploymentParameters {
  readonly retentionDays: CfnParameter;
  readonly senderAddress: CfnParameter;
  readonly configurationSet: CfnParameter;
  readonly senderIdentity: CfnParameter;
  readonly deliveryMode: CfnParameter;
  readonly simulatedPhones: CfnParameter;
  readonly smsMonthlySpendLimit: CfnParameter;
  readonly linkKeyParameter: CfnParameter;
  readonly opsAlarmEmail: CfnParameter;
}

/** The deployment's parameters, on the stack; a deployment file (-c deployment=<path>) gives their defaults (infra/deployment.ts). */
export function deploymentParameters(stack: Stack, deployment: DeploymentFile | undefined): DeploymentParameters {
  const retentionDays = new CfnParameter(stack, 'PersonalDataRetentionDays', {
    type: 'Number',
    default: deployment?.personalDataRetentionDays ?? 730,
    minValue: 1,
    maxValue: 3650,
    description:
      'Days personal data (names, phone numbers, email addresses) is kept after its case is closed; an open case keeps it at most 18 months after registration or arrival plus these days.',
  });
  const senderAddress = new CfnParameter(stack, 'SenderAddress', {
    type: 'String',
    minLength: 3,
    default: deployment?.senderAddress,
    description: 'SES sender, e.g. "Referrals <noreply@referrals.example.org>"; must belong to SesSenderIdentity.',
  });
  const configurationSet = new CfnParameter(stack, 'SesConfigurationSetName', {
    type: 'String',
    allowedPattern: '^[a-zA-Z0-9_-]{1,64}$',
    default: deployment?.sesConfigurationSetName,
    description: 'SES configuration set every email is sent through (event publishing, suppression).',
  });
  const senderIdentity = new CfnParameter(stack, 'SesSenderIdentity', {
    type: 'String',
    allowedPattern: '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
    constraintDescription: 'a lower-case domain name, e.g. referrals.example.org',
    default: deployment?.sesSenderIdentity,
    description: 'The verified SES identity (a domain) the deliver function may send from.',
  });
  // No default (unless the deployment file names it): every deployment says whether it may reach real people.
  const deliveryMode = new CfnParameter(stack, 'DeliveryMode', {
    type: 'String',
    allowedValues: ['live', 'test'],
    default: deployment?.deliveryMode,
    description: '"live", or "test": deliver only to reserved addresses (example.org, *.test, the SES mailbox simulator) and SimulatedPhoneNumbers.',
  });
  const simulatedPhones = new CfnParameter(stack, 'SimulatedPhoneNumbers', {
    type: 'String',
    default: deployment?.simulatedPhoneNumbers.join(',') ?? '',
    allowedPattern: '^(\\+[1-9][0-9]{6,14}(,\\+[1-9][0-9]{6,14})*)?$',
    constraintDescription: 'comma-separated E.164 numbers, or empty',
    description: 'In test mode, the only numbers SMS may go to (comma-separated E.164; empty: none).',
  });
  // No default either (unless in the deployment file): what SMS may cost in a month is each deployment's own decision.
  const smsMonthlySpendLimit = new CfnParameter(stack, 'SmsMonthlySpendLimitUsd', {
    type: 'Number',
    minValue: 1,
    default: deployment?.smsMonthlySpendLimitUsd,
    description:
      'Most the AWS account may spend on SMS in a month, in whole USD (SNS MonthlySpendLimit; SNS stops sending SMS when it is reached). ' +
      'It is an account setting for the region, and may not exceed the SMS spending quota AWS granted the account (1 USD until raised through a support case): a higher value fails the deployment.',
  });
  const linkKeyParameter = new CfnParameter(stack, 'LinkSigningKeyParameterName', {
    type: 'String',
    default: deployment?.linkSigningKeyParameterName ?? LINK_SIGNING_KEY_PARAMETER_DEFAULT,
    // A fully qualified name (leading "/"): the parameter's ARN is "...:parameter" + the name.
    allowedPattern: '^/[a-zA-Z0-9_.\\-/]{1,1010}$',
    constraintDescription: 'a fully qualified SSM parameter name starting with "/", e.g. /referrals/link-signing-key',
    description:
      'SSM SecureString parameter holding the HMAC key of offices\' signed links. Create it before deploying: ' +
      'aws ssm put-parameter --name /referrals/link-signing-key --type SecureString --value "$(openssl rand -base64 32)"',
  });

  const opsAlarmEmail = new CfnParameter(stack, 'OpsAlarmEmail', {
    type: 'String',
    default: deployment?.opsAlarmEmail ?? '',
    allowedPattern: '^([^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+)?$',
    constraintDescription: 'an email address, or empty',
    description: 'Email address subscribed to the OpsAlarms topic (every CloudWatch alarm of the stack); empty: no subscription. The address must confirm the subscription.',
  });

  return { retentionDays, senderAddress, configurationSet, senderIdentity, deliveryMode, simulatedPhones, smsMonthlySpendLimit, linkKeyParameter, opsAlarmEmail };
}
