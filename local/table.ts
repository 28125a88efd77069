import {
  type CreateTableCommandInput,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type UpdateTimeToLiveCommandInput,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE } from '../shared/store/table.js';

/** The table DynamoDB Local gets: the keys, indexes and stream of the CDK stack's (both from TABLE). */
export function tableDefinition(name: string): CreateTableCommandInput {
  const indexes = [TABLE.timersIndex, TABLE.worklistIndex];
  const keySchema = (hash: string, range: string) => [
    { AttributeName: hash, KeyType: 'HASH' as const },
    { AttributeName: range, KeyType: 'RANGE' as const },
  ];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [TABLE.partitionKey, TABLE.sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: keySchema(TABLE.partitionKey, TABLE.sortKey),
    GlobalSecondaryIndexes: indexes.map((i) => ({ IndexName: i.name, KeySchema: keySchema(i.partitionKey, i.sortKey), Projection: { ProjectionType: 'ALL' } })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

export function timeToLive(name: string): UpdateTimeToLiveCommandInput {
  return { TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: TABLE.ttlAttribute } };
}

/** Creates the table with its TTL; answers its stream's ARN. */
export async function createTable(db: DynamoDBClient, name: string): Promise<string> {
  const out = await db.send(new CreateTableCommand(tableDefinition(name)));
  await db.send(new UpdateTimeToLiveCommand(timeToLive(name)));
  const arn = out.TableDescription?.LatestStreamArn ?? (await db.send(new DescribeTableCommand({ TableName: name }))).Table?.LatestStreamArn;
  if (!arn) throw new Error('DynamoDB Local created the table without a stream');
  return arn;
}

export async function deleteTable(db: DynamoDBClient, name: string): Promise<void> {
  await db.send(new DeleteTableCommand({ TableName: name }));
}
