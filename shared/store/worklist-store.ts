import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE } from './table.js';

/**
 * Reads of the sparse `worklist` index (see `lists` in items.ts). Every read is one list's
 * partition, bounded by its sort key: what is current, or one day of activity, never the table.
 */
export class WorklistStore {
  /** Items returned by the index: the figure the tests and benchmarks watch. */
  itemsRead = 0;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Items of `listKey` whose sort key is in [from, to] (either bound optional), in order. */
  async read(listKey: string, range: { from?: string; to?: string } = {}): Promise<Record<string, unknown>[]> {
    const names: Record<string, string> = { '#k': TABLE.worklistIndex.partitionKey };
    const values: Record<string, unknown> = { ':k': listKey };
    let condition = '#k = :k';
    if (range.from !== undefined || range.to !== undefined) names['#s'] = TABLE.worklistIndex.sortKey;
    if (range.from !== undefined && range.to !== undefined) {
      condition += ' AND #s BETWEEN :from AND :to';
      values[':from'] = range.from;
      values[':to'] = range.to;
    } else if (range.from !== undefined) {
      condition += ' AND #s >= :from';
      values[':from'] = range.from;
    } else if (range.to !== undefined) {
      condition += ' AND #s <= :to';
      values[':to'] = range.to;
    }
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: TABLE.worklistIndex.name,
          KeyConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: start,
        }),
      );
      this.itemsRead += out.Items?.length ?? 0;
      items.push(...((out.Items ?? []) as Record<string, unknown>[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
