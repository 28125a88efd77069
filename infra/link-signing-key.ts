import { CfnParameter, type Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';

import type { HouseFunction } from './constructs/house-function.js';

/** The key before the last rotation: links signed with it keep working until they expire (respond only). */
export const LINK_SIGNING_KEY_PREVIOUS_PARAMETER_DEFAULT = '/referrals/link-signing-key-previous';

/** Offices' signed links: where the HMAC key is, and what the functions that sign or verify links are given. */
export interface LinkSigningKeys {
  /** ARN of the SSM SecureString parameter with the link-signing key (from LinkSigningKeyParameterName). */
  readonly parameterArn: string;
  /** LinkSigningKeyPreviousParameterName: the key before the last rotation (respond only). */
  readonly previousParameter: CfnParameter;
  readonly previousParameterArn: string;
  /** The links' base URL and the key's parameter. */
  readonly env: { readonly PUBLIC_BASE_URL: string; readonly LINK_SIGNING_KEY_PARAMETER: string };
}

/** The previous key's parameter (on the stack), the keys' ARNs and the links' environment. */
export function linkSigningKeys(stack: Stack, keyParameter: CfnParameter, publicBaseUrl: string): LinkSigningKeys {
  const previousParameter = new CfnParameter(stack, 'LinkSigningKeyPreviousParameterName', {
    type: 'String',
    default: LINK_SIGNING_KEY_PREVIOUS_PARAMETER_DEFAULT,
    allowedPattern: '^/[a-zA-Z0-9_.\\-/]{1,1010}$',
    constraintDescription: 'a fully qualified SSM parameter name starting with "/", e.g. /referrals/link-signing-key-previous',
    description:
      'SSM SecureString parameter holding the link-signing key before the last rotation (see the README runbook); it may be absent. ' +
      'Links signed with it are still accepted until they expire; new links are always signed with LinkSigningKeyParameterName.',
  });

  // The links in emails point at this API (no custom domain); the function reads the HMAC key
  // from SSM at cold start.
  const parameterArn = `arn:${stack.partition}:ssm:${stack.region}:${stack.account}:parameter${keyParameter.valueAsString}`;
  const env = {
    // https://{id}.cloudfront.net with the link WAF, else https://{id}.execute-api.{region}.amazonaws.com; no trailing slash.
    PUBLIC_BASE_URL: publicBaseUrl,
    LINK_SIGNING_KEY_PARAMETER: keyParameter.valueAsString,
  };
  const previousParameterArn = `arn:${stack.partition}:ssm:${stack.region}:${stack.account}:parameter${previousParameter.valueAsString}`;
  return { parameterArn, previousParameter, previousParameterArn, env };
}

/**
 * Reading the link-signing key, for the functions declared to (they sign or verify links:
 * readLinkSigningKey attaches it). GetParameter on that one
 * parameter; Decrypt only as SSM's call on our behalf and only for that parameter's value
 * (SSM passes the parameter's ARN as the KMS encryption context). The key behind it is the
 * AWS-managed aws/ssm key unless the operator chose another; its id is unknown at synth
 * (an env-agnostic stack, no lookups) and an alias ARN does not authorise Decrypt, hence
 * Resource "*" narrowed by the two conditions. A policy of its own, so its one nag
 * acknowledgement covers exactly these statements.
 */
export function linkSigningKeyReadPolicy(stack: Stack, keys: LinkSigningKeys): Policy {
  return new Policy(stack, 'LinkSigningKeyReadPolicy', {
    statements: [
      // The previous key too (respond verifies links signed before a rotation). Route holds the
      // current key already, so reading the one it replaced gives it no power it lacks.
      new PolicyStatement({
        sid: 'ReadTheLinkSigningKeyParameter',
        actions: ['ssm:GetParameter'],
        resources: [keys.parameterArn, keys.previousParameterArn],
      }),
      new PolicyStatement({
        sid: 'DecryptTheLinkSigningKeyThroughSsm',
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:ViaService': `ssm.${stack.region}.amazonaws.com`,
            'kms:EncryptionContext:PARAMETER_ARN': [keys.parameterArn, keys.previousParameterArn],
          },
        },
      }),
    ],
  });
}

export function readLinkSigningKey(policy: Policy, fn: HouseFunction): void {
  fn.executionRole.attachInlinePolicy(policy);
  // The function (and its stream mapping) is not created before it can read the key.
  fn.node.addDependency(policy);
}
