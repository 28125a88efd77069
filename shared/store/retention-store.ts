import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { smrClaimKey } from './case.js';
import type { PartitionEntry, RetentionRepository } from './ports.js';

/**
 * The expiry of personal data: the `expiresAt` (TTL) of a case's items and of its SMR-id claim.
 * Writes only ever bring an expiry forward, never push it back: a redelivered closure writes
 * nothing, and data is never kept longer than an earlier expiry already promised.
 */
export class RetentionStore implements RetentionRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Every item of a partition, page by page (a Query page is at most 1 MB), as keys and types
   * only: a closed case can hold more items than one page or one transaction.
   */
  async *partition(pk: string): AsyncGenerator<PartitionEntry[]> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ProjectionExpression: 'pk, sk, #type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: start,
          // The closure was just written; what was written right before it must be seen too.
          ConsistentRead: true,
        }),
      );
      yield ((out.Items ?? []) as Record<string, unknown>[]).map((i) => ({ pk: String(i.pk), sk: String(i.sk), type: String(i.type ?? '') }));
      start = out.LastEvaluatedKey;
    } while (start);
  }

  /**
   * Sets the item to expire at `expiresAt` unless it already expires then or earlier; false if
   * nothing was written (already so, or the item is gone). Never creates an item: an update of a
   * key that TTL has just deleted would otherwise bring back an empty stub.
   */
  async expireBy(key: { pk: string; sk: string }, expiresAt: number): Promise<boolean> {
    return this.conditionalExpiry(key, expiresAt);
  }

  /**
   * The same for the case's SMR-id claim (outside the case's partition), only while it is still
   * this case's claim.
   */
  async expireClaimBy(smrCaseId: string, caseId: string, expiresAt: number): Promise<boolean> {
    return this.conditionalExpiry(smrClaimKey(smrCaseId), expiresAt, { condition: 'caseId = :caseId', values: { ':caseId': caseId } });
  }

  private async conditionalExpiry(
    key: { pk: string; sk: string },
    expiresAt: number,
    also?: { condition: string; values: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: key.pk, sk: key.sk },
          UpdateExpression: 'SET expiresAt = :exp',
          ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :exp)${also ? ` AND ${also.condition}` : ''}`,
          ExpressionAttributeValues: { ':exp': expiresAt, ...also?.values },
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}
