import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll } from 'vitest';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { TABLE } from '../../shared/store/table.js';
import { describeRepositoriesContract } from '../contract/repositories.contract.js';
import { losingAnswers } from './support.js';

/**
 * The DynamoDB adapters against the contract the in-memory set is held to (test/contract/), on the
 * run's shared DynamoDB Local: a database of this file's own (its access key) and a new table for
 * each test with the stack's keys and both sparse indexes (no stream: nothing here reads one).
 */
const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_LOCAL_ENDPOINT,
  region: 'eu-central-1',
  credentials: { accessKeyId: `contract${randomUUID().slice(0, 8)}`, secretAccessKey: 'local' },
});
// As the functions' own client (shared/aws/clients.ts): an optional field left undefined is not written.
const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
afterAll(() => client.destroy());
const answers = losingAnswers(client);

/** Another writer's puts, each sent just before the client's next write (the contract's putBeforeNextWrite). */
const meanwhile: { TableName: string; Item: Record<string, unknown> }[] = [];
client.middlewareStack.add(
  (next, context) => async (args) => {
    if (/^(PutItem|UpdateItem|DeleteItem|TransactWriteItems)Command$/.test(context.commandName ?? '')) {
      for (const put of meanwhile.splice(0)) await db.send(new PutCommand(put));
    }
    return next(args);
  },
  { step: 'initialize', name: 'putBeforeNextWrite' },
);

const keys = (hash: string, range: string) => [
  { AttributeName: hash, KeyType: 'HASH' as const },
  { AttributeName: range, KeyType: 'RANGE' as const },
];
const indexes = [TABLE.timersIndex, TABLE.worklistIndex];

describeRepositoriesContract('DynamoDB', async () => {
  const TableName = `contract-${randomUUID().slice(0, 8)}`;
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [TABLE.partitionKey, TABLE.sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
      KeySchema: keys(TABLE.partitionKey, TABLE.sortKey),
      GlobalSecondaryIndexes: indexes.map((i) => ({ IndexName: i.name, KeySchema: keys(i.partitionKey, i.sortKey), Projection: { ProjectionType: 'ALL' as const } })),
    }),
  );
  return {
    repos: dynamoRepositories(db, TableName),
    loseNextAnswer: () => answers.lose(),
    putBeforeNextWrite: (Item) => void meanwhile.push({ TableName, Item }),
    dispose: async () => void (await client.send(new DeleteTableCommand({ TableName }))),
  };
});
