import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { quarterKey, type Quarter, type QuarterFigures } from '../domain/quarters.js';
import { countersOf, figuresFrom, indicatorsKey, quarterKeyAt, type Increments } from './indicators.js';
import type { IndicatorRepository } from './ports.js';

/** A TransactWriteItems entry that adds `add` to the municipality's counters for the quarter of `at`. */
export function countIn(table: string, municipalityId: string, at: string, add: Increments): Record<string, unknown> {
  const entries = Object.entries(add).filter(([, n]) => n !== undefined && n !== 0);
  if (entries.length === 0) throw new Error('countIn: nothing to count');
  const names: Record<string, string> = { '#t': 'type', '#q': 'quarter' };
  const values: Record<string, unknown> = { ':t': 'Indicators', ':q': quarterKeyAt(at) };
  const adds = entries.map(([k, n], i) => {
    names[`#c${i}`] = k;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: indicatorsKey(municipalityId, quarterKeyAt(at)),
      UpdateExpression: `SET #t = :t, #q = :q ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export class IndicatorStore implements IndicatorRepository {
  /** Items read, for the tests and benchmarks that check reports read counters, not history. */
  itemsRead = 0;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async figures(municipalityId: string, q: Quarter): Promise<QuarterFigures> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: indicatorsKey(municipalityId, quarterKey(q)), ConsistentRead: true }));
    if (out.Item) this.itemsRead++;
    return figuresFrom(q, (out.Item ?? {}) as Record<string, unknown>);
  }

  async counters(municipalityId: string, q: Quarter): Promise<Record<string, number>> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: indicatorsKey(municipalityId, quarterKey(q)), ConsistentRead: true }));
    if (out.Item) this.itemsRead++;
    return countersOf((out.Item ?? {}) as Record<string, unknown>);
  }
}
