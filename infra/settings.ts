import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

import { DECLARED_SETTINGS, type SettingValues } from '../events/settings.js';
import type { AccessSettings } from './deployment.js';
import type { LinkSigningKeys } from './link-signing-key.js';
import type { LinkDistribution } from './links.js';
import type { DeploymentParameters } from './parameters.js';

/** Each setting's value on AWS: a function gets those its config reads (events/settings.ts). */
export function awsSettings({ table, params, access, userPool, userPoolClient, keys, links }: {
  table: ITable;
  params: DeploymentParameters;
  access: AccessSettings;
  userPool: UserPool;
  userPoolClient: UserPoolClient;
  keys: LinkSigningKeys;
  links: LinkDistribution | undefined;
}): SettingValues {
  return {
    TABLE_NAME: table.tableName,
    PERSONAL_DATA_RETENTION_DAYS: params.retentionDays.valueAsString,
    // The machine callers and as whom they act: read by the function, never a grant.
    MACHINE_CALLERS: JSON.stringify(access.machineCallers),
    // The pool and client the JWT authorizer trusts, checked again by the function.
    TOKEN_ISSUER: userPool.userPoolProviderUrl,
    TOKEN_CLIENT_IDS: userPoolClient.userPoolClientId,
    ...keys.env,
    // The local runtime's key files: the config wants exactly one key source.
    LINK_SIGNING_KEY_FILE: undefined,
    LINK_SIGNING_KEY_PREVIOUS_PARAMETER: keys.previousParameter.valueAsString,
    LINK_SIGNING_KEY_PREVIOUS_FILE: undefined,
    // Without the link WAF there is no CloudFront and no origin secret to check.
    LINK_ORIGIN_SECRET_ARN: links?.originSecret.secretArn,
    SES_FROM_ADDRESS: params.senderAddress.valueAsString,
    SES_CONFIGURATION_SET: params.configurationSet.valueAsString,
    ...DECLARED_SETTINGS,
    DELIVERY_MODE: params.deliveryMode.valueAsString,
    SIMULATED_PHONE_NUMBERS: params.simulatedPhones.valueAsString,
  };
}
