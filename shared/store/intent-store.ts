import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { setFields } from './expressions.js';
import { auditItem, IntentItem, keys, lists } from './items.js';

/** Where an intent is: its owner's partition and its own sort key. */
export type IntentKey = Pick<IntentItem, 'pk' | 'intentId'>;
const keyOf = (i: IntentKey) => keys.intentIn(i.pk, i.intentId);

export type ClaimResult = { claimed: true; intent: IntentItem } | { claimed: false; current: IntentItem | undefined };

/**
 * Notification intents (the outbox). Every write is conditional on the state it expects, so
 * concurrent or repeated deliveries of the same stream record cannot send twice:
 * only one attempt can move an intent from `queued` to `sending`, and only the holder of that
 * lease can record the outcome.
 */
export class IntentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Writes the intent unless it already exists; returns whether it was new. */
  async putIfAbsent(item: IntentItem): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async claim(key: IntentKey, leaseUntil: number): Promise<ClaimResult> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keyOf(key),
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, attempts = attempts + :one',
          ConditionExpression: '#status = :queued',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':queued': 'queued', ':lease': leaseUntil, ':one': 1 },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true, intent: IntentItem.parse(out.Attributes) };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) {
        return { claimed: false, current: err.Item ? IntentItem.parse(unmarshall(err.Item)) : undefined };
      }
      throw err;
    }
  }

  private async finish(
    i: Pick<IntentItem, 'pk' | 'intentId' | 'caseId' | 'municipalityId'>,
    lease: number,
    fields: Record<string, unknown>,
    audit: { channel?: string; template?: string; providerMessageId?: string } = {},
  ): Promise<boolean> {
    // `at` says when it happened (the functions' clock); it is not a field of the intent.
    const { at: when, ...set } = fields;
    const at = typeof set.sentAt === 'string' ? set.sentAt : typeof when === 'string' ? when : new Date().toISOString();
    // A final failure, or an outcome nobody can know, waits in the municipality's list for a call or a visit.
    const needsFollowUp = (set.status === 'failed' || set.status === 'unconfirmed') && i.municipalityId;
    const update = setFields(
      needsFollowUp ? { ...set, listKey: lists.failed(i.municipalityId!), listSort: `${at}#${i.intentId}` } : set,
      { '#status': 'status', ...(set.status === 'sent' ? { '#data': 'data' } : {}) },
      { ':sending': 'sending', ':lease': lease },
    );
    const detail: Record<string, string> = {};
    for (const k of ['channel', 'template', 'providerMessageId'] as const) if (typeof audit[k] === 'string') detail[k] = audit[k];
    const failure = set.failure as { code?: string } | undefined;
    if (failure?.code) detail.failure = failure.code;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keyOf(i),
                // Once sent, the body (names, addresses, links) is no longer needed: it goes with the lease.
                UpdateExpression: `${update.set} REMOVE leaseUntil${set.status === 'sent' ? ', #data' : ''}`,
                ConditionExpression: '#status = :sending AND leaseUntil = :lease',
                ExpressionAttributeNames: update.names,
                ExpressionAttributeValues: update.values,
              },
            },
            // Every notification's fate is on record, with what went out but not to whom.
            {
              Put: {
                TableName: this.table,
                Item: auditItem(i.caseId ? { caseId: i.caseId, municipalityId: i.municipalityId } : { pk: i.pk, municipalityId: i.municipalityId }, i.intentId, at, {
                  event: `notification.${String(set.status)}`,
                  by: 'system:deliver-notifications',
                  via: 'stream',
                  detail,
                }),
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw err;
    }
  }

  markSent(i: IntentItem, lease: number, outcome: Pick<IntentItem, 'providerMessageId' | 'sms' | 'sentAt'>): Promise<boolean> {
    return this.finish(i, lease, { status: 'sent', ...outcome }, { channel: i.channel, template: i.template, ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}) });
  }

  markFailed(i: IntentItem, lease: number, failure: NonNullable<IntentItem['failure']>, at?: string): Promise<boolean> {
    return this.finish(i, lease, { status: 'failed', failure, ...(at ? { at } : {}) }, { channel: i.channel, template: i.template });
  }

  /** Gives a retryable failure back to the queue; the stream retry will claim it again. */
  requeue(i: IntentItem, lease: number, lastError: string, at?: string): Promise<boolean> {
    return this.finish(i, lease, { status: 'queued', lastError, ...(at ? { at } : {}) });
  }

  /** A lapsed lease: the earlier attempt may or may not have reached the provider. */
  async markUnconfirmed(i: IntentItem, at?: string): Promise<boolean> {
    return i.leaseUntil === undefined ? false : this.finish(i, i.leaseUntil, { status: 'unconfirmed', ...(at ? { at } : {}) }, { channel: i.channel, template: i.template });
  }
}
