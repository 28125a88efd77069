import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local/server.js';
import { portOrFree } from '../../local/ports.js';

/**
 * One DynamoDB Local (one JVM, in memory) for the whole integration run, instead of one per
 * suite: each suite's stack creates its own table on it (streams are per table, so its pollers
 * see only its own writes) and deletes it when it stops. Runs only when the run includes this
 * project's files: `npm run test:unit` never starts Java.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Without -sharedDb: each suite's stack has a database of its own (see startDynamoDbLocal).
  const dynamodb = await startDynamoDbLocal(await portOrFree(undefined), { sharedDb: false });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}
