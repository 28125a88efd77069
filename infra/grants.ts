import type { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';

import type { Grant } from '../events/functions.js';
import { GRANTED_TABLE_ACCESS } from '../events/table-access.js';
import { type HouseFunction, leadingKeys } from './constructs/house-function.js';
import { readLinkSigningKey } from './link-signing-key.js';
import type { LinkDistribution } from './links.js';
import type { DeploymentParameters } from './parameters.js';
import { type SmsPolicies, smsPolicies } from './sms.js';

/** Gives `fn` (whose resources' ids start with `id`) what the grant names. */
export type GrantFunction = (fn: HouseFunction, id: string) => void;

/** What each grant a declaration names (events/triggers.ts) allows on AWS. */
export function awsGrants(
  stack: Stack,
  { table, params, links, linkSigningKeyReadPolicy }: {
    table: ITable;
    params: DeploymentParameters;
    links: LinkDistribution | undefined;
    linkSigningKeyReadPolicy: Policy;
  },
): { grants: Record<Grant, GrantFunction>; sms: SmsPolicies[] } {
  // Each holds a "*" that cdk-nag flags; the stack acknowledges them once they exist.
  const sms: SmsPolicies[] = [];
  const grants: Record<Grant, GrantFunction> = {
    'send-email': (fn) =>
      fn.addToRolePolicy(
        new PolicyStatement({
          sid: 'SendEmailFromIdentityThroughConfigurationSet',
          actions: ['ses:SendEmail'],
          resources: [
            stack.formatArn({ service: 'ses', resource: 'identity', resourceName: params.senderIdentity.valueAsString }),
            stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: params.configurationSet.valueAsString }),
          ],
        }),
      ),
    // To phone numbers only, and whether a number opted out (infra/sms.ts).
    'send-sms': (fn, id) => void sms.push(smsPolicies(stack, fn, id)),
    'read-link-signing-key': (fn) => readLinkSigningKey(linkSigningKeyReadPolicy, fn),
    // secretsmanager:GetSecretValue and DescribeSecret on that one secret (Powertools Parameters reads it).
    'read-link-origin-secret': (fn) => void links?.originSecret.grantRead(fn),
    'delete-address-items': (fn) => {
      const { actions, leadingKeys: keys } = GRANTED_TABLE_ACCESS['delete-address-items']!;
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: actions.map((a) => `dynamodb:${a}`),
          resources: [table.tableArn],
          conditions: leadingKeys(`${fn.node.path} delete-address-items`, keys),
        }),
      );
    },
  };
  return { grants, sms };
}
