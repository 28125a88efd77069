import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseKey } from './case.js';
import { conditionFailedAt, putNew } from './expressions.js';
import { IntentItem, intentKey } from './intent.js';
import type { DueItem, PendingSubject, TimerFiring, TimerRepository } from './ports.js';
import { flagOverdue } from './referral-store.js';
import { TABLE } from './table.js';
import { sweepCursorKey, timerFiredAudit, TimerItem, timerKey } from './timer.js';

const MAX_TRANSACTION_ITEMS = 100;

/**
 * Timers and the sweep's reads of the sparse timers index. Firing is one transaction: the timer
 * leaves the index (only if still pending and still due at the same time), and its intents and
 * follow-up timers are written with it, so a timer fires once even when sweeps overlap.
 */
export class TimerStore implements TimerRepository {
  /** Items the sweep has read through the index: the figure the tests and benchmarks watch. */
  itemsRead = 0;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putIfAbsent(timers: TimerItem[]): Promise<void> {
    for (const t of timers) {
      try {
        await this.db.send(new PutCommand({ TableName: this.table, Item: t, ConditionExpression: 'attribute_not_exists(pk)' }));
      } catch (err) {
        if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      }
    }
  }

  /** Due items in one hourly bucket, up to `nowIso`. Reads only what the sparse index holds. */
  async *due(bucket: string, nowIso: string): AsyncGenerator<DueItem> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: TABLE.timersIndex.name,
          KeyConditionExpression: '#b = :b AND #d <= :now',
          ExpressionAttributeNames: { '#b': TABLE.timersIndex.partitionKey, '#d': TABLE.timersIndex.sortKey },
          ExpressionAttributeValues: { ':b': bucket, ':now': nowIso },
          ExclusiveStartKey: start,
        }),
      );
      this.itemsRead += out.ScannedCount ?? out.Items?.length ?? 0;
      for (const raw of out.Items ?? []) {
        if (raw.type === 'Timer') yield { type: 'Timer', item: TimerItem.parse(raw) };
        else if (raw.type === 'Intent') yield { type: 'Intent', item: IntentItem.parse(raw) };
      }
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async cursor(): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: sweepCursorKey(), ConsistentRead: true }));
    return typeof out.Item?.bucket === 'string' ? out.Item.bucket : undefined;
  }

  /** Moves the cursor forward only: an overlapping, slower sweep cannot move it back. */
  async advanceCursor(bucket: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: sweepCursorKey(),
          UpdateExpression: 'SET #b = :b',
          ConditionExpression: 'attribute_not_exists(#b) OR #b < :b',
          ExpressionAttributeNames: { '#b': 'bucket' },
          ExpressionAttributeValues: { ':b': bucket },
        }),
      );
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  /** Fires a timer: returns false when another sweep fired or someone cancelled it first. */
  async fire(timer: TimerItem, { now, outcome, intents, next, flag, municipalityId }: TimerFiring): Promise<boolean> {
    const items = [
      {
        Update: {
          TableName: this.table,
          Key: timerKey({ pk: timer.pk }, timer.timerId),
          UpdateExpression: 'SET #s = :fired, firedAt = :now, outcome = :outcome REMOVE dueBucket',
          ConditionExpression: '#s = :pending AND dueAt = :dueAt',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':fired': 'fired', ':pending': 'pending', ':now': now, ':dueAt': timer.dueAt, ':outcome': outcome },
        },
      },
      { Put: { TableName: this.table, Item: timerFiredAudit(timer, now, outcome, municipalityId) } },
      ...intents.map((i) => putNew(this.table, i)),
      ...next.map((t) => putNew(this.table, t)),
      ...(flag ? [flagOverdue(this.table, flag, now)] : []),
    ];
    if (items.length > MAX_TRANSACTION_ITEMS) throw new Error(`timer ${timer.timerId} would write ${items.length} items in one transaction`);
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (err) {
      if (conditionFailedAt(err, 0)) return false;
      throw err;
    }
  }

  /** The 08:00 release of a deferred SMS: deferred → queued (the deliver function's filter takes it from there). */
  async release(intent: IntentItem): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: intentKey({ pk: intent.pk }, intent.intentId),
          UpdateExpression: 'SET #s = :queued REMOVE dueBucket',
          ConditionExpression: '#s = :deferred',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':queued': 'queued', ':deferred': 'deferred' },
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /**
   * Cancels what is still pending in a case: timers and not-yet-sent intents whose subject matches.
   * Each cancellation is conditional on the state it found, so it never overrides a send in progress.
   */
  async cancelPending(caseId: string, about: (subject: PendingSubject) => boolean, now: string): Promise<number> {
    let cancelled = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: '(#t = :timer AND #s = :pending) OR (#t = :intent AND #s IN (:queued, :deferred))',
          ExpressionAttributeNames: { '#t': 'type', '#s': 'status' },
          ExpressionAttributeValues: {
            ':pk': caseKey(caseId).pk,
            ':timer': 'Timer',
            ':intent': 'Intent',
            ':pending': 'pending',
            ':queued': 'queued',
            ':deferred': 'deferred',
          },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      for (const raw of out.Items ?? []) {
        if (!about(raw as PendingSubject)) continue;
        try {
          await this.db.send(
            new UpdateCommand({
              TableName: this.table,
              Key: { pk: raw.pk, sk: raw.sk },
              UpdateExpression: 'SET #s = :cancelled, cancelledAt = :now REMOVE dueBucket',
              ConditionExpression: '#s = :was',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':cancelled': 'cancelled', ':now': now, ':was': raw.status },
            }),
          );
          cancelled++;
        } catch (err) {
          if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
        }
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return cancelled;
  }
}
