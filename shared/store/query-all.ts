import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** Every item a Query finds, over all its pages, each parsed as what the caller's entity says it is. */
export async function queryAll<T>(db: DynamoDBDocumentClient, input: QueryCommandInput, parse: (item: Record<string, unknown>) => T): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateQuery({ client: db }, input)) items.push(...(page.Items ?? []).map(parse));
  return items;
}
