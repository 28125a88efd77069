import { CfnOutput } from 'aws-cdk-lib';
import type { Queue } from 'aws-cdk-lib/aws-sqs';

import { FUNCTIONS } from '../events/triggers.js';
import { pascalCase } from './naming.js';
import type { ReferralsStack } from './stack.js';
import type { DlqFunctionKey } from './triggers.js';

/** The stack's outputs: where the API, the user pool, the table, the alarms topic and each DLQ are. */
export function stackOutputs(stack: ReferralsStack): void {
  new CfnOutput(stack, 'ApiUrl', {
    value: stack.apiStage.url,
    description: 'API base URL: the coordinators’ routes take a Cognito access token (Authorization: Bearer …); /r/{token} is opened from offices’ signed links',
  });
  new CfnOutput(stack, 'UserPoolId', {
    value: stack.userPool.userPoolId,
    description: 'The Cognito user pool: npm run cli -- users add --user-pool-id <this> …',
  });
  new CfnOutput(stack, 'UserPoolClientId', {
    value: stack.userPoolClient.userPoolClientId,
    description: 'The console and CLI app client (USER_PASSWORD_AUTH, no secret): the audience of the API\'s JWT authorizer',
  });
  if (stack.machineApiStage) {
    new CfnOutput(stack, 'MachineApiUrl', {
      value: stack.machineApiStage.url,
      description: 'The machine callers\' API (SigV4-signed requests of the IAM principals in machineCallers)',
    });
  }
  if (stack.links) {
    new CfnOutput(stack, 'LinkBaseUrl', {
      value: stack.publicBaseUrl,
      description: 'The base of offices\' links in emails: CloudFront with the AWS WAF web ACL, in front of /r/*',
    });
  }
  new CfnOutput(stack, 'TableName', { value: stack.table.tableName, description: 'The single table' });
  new CfnOutput(stack, 'OpsAlarmsTopicArn', {
    value: stack.operations.topic.topicArn,
    description: 'Every alarm notifies this topic (OpsAlarmEmail is subscribed when set; subscribe more with aws sns subscribe)',
  });
  // One per DLQ: where the operator's `dlq list` / `dlq redrive` read (--queue-url or DLQ_URL).
  for (const [key, queue] of Object.entries(stack.deadLetterQueues) as [DlqFunctionKey, Queue][]) {
    new CfnOutput(stack, `${pascalCase(key)}DlqUrl`, {
      value: queue.queueUrl,
      description: `DLQ of ${FUNCTIONS[key].name} (${FUNCTIONS[key].trigger.kind}): npm run cli -- dlq list --queue-url <this URL>`,
    });
  }
}
