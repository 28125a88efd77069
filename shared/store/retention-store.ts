import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditItem } from './audit.js';
import { caseKey, smrClaimKey } from './case.js';
import { meetingKey, namesCase, type MeetingItem } from './meeting.js';
import type { PartitionEntry, RetentionRepository } from './ports.js';
import { wrote } from './wrote.js';

/**
 * The expiry of personal data: the `expiresAt` (TTL) of a case's items and of its SMR-id claim.
 * Writes only ever bring an expiry forward, never push it back: a redelivered closure writes
 * nothing, and data is never kept longer than an earlier expiry already promised. And the
 * erasure of the same items at once, on a data subject's request (shared/cases/retention.ts).
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

  async *items(caseId: string): AsyncGenerator<Record<string, unknown>[]> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': caseKey(caseId).pk },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      yield (out.Items ?? []) as Record<string, unknown>[];
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async claim(smrCaseId: string): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: smrClaimKey(smrCaseId), ConsistentRead: true }));
    return out.Item;
  }

  async erase(key: { pk: string; sk: string }): Promise<boolean> {
    const out = await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: key.pk, sk: key.sk }, ReturnValues: 'ALL_OLD' }));
    return out.Attributes !== undefined;
  }

  async eraseClaim(smrCaseId: string, caseId: string): Promise<boolean> {
    return wrote(this.db, new DeleteCommand({ TableName: this.table, Key: smrClaimKey(smrCaseId), ConditionExpression: 'caseId = :caseId', ExpressionAttributeValues: { ':caseId': caseId } }));
  }

  async scrubAuditDetail(key: { pk: string; sk: string }, fields: readonly string[]): Promise<boolean> {
    if (fields.length === 0) return false;
    const names = Object.fromEntries(fields.map((f, i) => [`#f${i}`, f]));
    const paths = fields.map((_, i) => `detail.#f${i}`);
    return wrote(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: key.pk, sk: key.sk },
        UpdateExpression: `REMOVE ${paths.join(', ')}`,
        ConditionExpression: `#type = :audit AND (${paths.map((p) => `attribute_exists(${p})`).join(' OR ')})`,
        ExpressionAttributeNames: { ...names, '#type': 'type' },
        ExpressionAttributeValues: { ':audit': 'Audit' },
      }),
    );
  }

  async forgetInMeeting(meeting: Pick<MeetingItem, 'meetingId' | 'casesDiscussed'>, theCase: { caseId: string; smrCaseId: string }): Promise<boolean> {
    const current = meeting.casesDiscussed ?? [];
    const next = current.filter((s) => !namesCase(theCase)(s));
    if (next.length === current.length) return false;
    return wrote(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: meetingKey(meeting.meetingId),
        UpdateExpression: 'SET casesDiscussed = :next REMOVE minutesNote',
        ConditionExpression: 'casesDiscussed = :current',
        ExpressionAttributeValues: { ':next': next, ':current': current },
      }),
    );
  }

  async record(entry: AuditItem): Promise<boolean> {
    return wrote(this.db, new PutCommand({ TableName: this.table, Item: entry, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  private async conditionalExpiry(
    key: { pk: string; sk: string },
    expiresAt: number,
    also?: { condition: string; values: Record<string, unknown> },
  ): Promise<boolean> {
    return wrote(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: key.pk, sk: key.sk },
        UpdateExpression: 'SET expiresAt = :exp',
        ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :exp)${also ? ` AND ${also.condition}` : ''}`,
        ExpressionAttributeValues: { ':exp': expiresAt, ...also?.values },
      }),
    );
  }
}
