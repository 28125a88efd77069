import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dueBucket } from '../domain/calendar.js';
import { caseKey } from './case.js';
import { putNew } from './expressions.js';
import { intentKey, queuedWatch, releasedAt, type IntentItem } from './intent.js';
import type { CaseView, DueItem, PendingRead, PendingSubject, QuarantinedTimer, TimerFailure, TimerFiring, TimerRepository } from './ports.js';
import { flagOverdue } from './referral-store.js';
import { TABLE } from './table.js';
import { dueItemOf, quarantinedOf, quarantineListing, referralLadderPrefix, stillPending, sweepCursorKey, timerFiredAudit, TimerItem, timerKey, timerQuarantinedAudit } from './timer.js';
import { lists } from './worklist.js';
import { updatedOrOurs, wrote } from './wrote.js';

const MAX_TRANSACTION_ITEMS = 100;

const listingValues = (l: { listKey: string; listSort: string }) => ({ ':lk': l.listKey, ':ls': l.listSort });

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
    // One that exists already is the same timer, written by an earlier attempt.
    for (const t of timers) await wrote(this.db, new PutCommand({ TableName: this.table, Item: t, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  /** One item's keys at most: whether there is any, not what it says. */
  async hasReferralLadder(caseId: string, referralId: string): Promise<boolean> {
    const { pk, sk } = referralLadderPrefix(caseId, referralId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ladder)',
        ExpressionAttributeValues: { ':pk': pk, ':ladder': sk },
        ProjectionExpression: 'pk, sk',
        Limit: 1,
        // Asked right after finding the referral's intents, which are read consistently too.
        ConsistentRead: true,
      }),
    );
    return (out.Count ?? 0) > 0;
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
      for (const raw of out.Items ?? []) yield dueItemOf(raw);
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async cursor(): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: sweepCursorKey(), ConsistentRead: true }));
    return typeof out.Item?.bucket === 'string' ? out.Item.bucket : undefined;
  }

  /** Moves the cursor forward only: an overlapping, slower sweep cannot move it back. */
  async advanceCursor(bucket: string): Promise<void> {
    await wrote(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: sweepCursorKey(),
        UpdateExpression: 'SET #b = :b',
        ConditionExpression: 'attribute_not_exists(#b) OR #b < :b',
        ExpressionAttributeNames: { '#b': 'bucket' },
        ExpressionAttributeValues: { ':b': bucket },
      }),
    );
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
    return wrote(this.db, new TransactWriteCommand({ TransactItems: items }));
  }

  /**
   * A deferred intent's time has come (08:00, a retry, a requeue): deferred → queued, the deliver
   * function's filter takes it from there; its delivery watch starts again. Only while it is still
   * deferred to the time the sweep read: one claimed and deferred again meanwhile (a household's
   * SMS that failed, now waiting for its retry) is not released before its new time.
   */
  async release(intent: IntentItem, at: string): Promise<boolean> {
    // Without a due time it was never in the index the sweep reads.
    if (intent.dueAt === undefined) return false;
    const watch = queuedWatch(new Date(at));
    return updatedOrOurs(
      this.db,
      {
        TableName: this.table,
        Key: intentKey({ pk: intent.pk }, intent.intentId),
        UpdateExpression: 'SET #s = :queued, dueAt = :watch, dueBucket = :bucket',
        ConditionExpression: '#s = :deferred AND dueAt = :read',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':queued': 'queued', ':deferred': 'deferred', ':read': intent.dueAt, ':watch': watch.dueAt, ':bucket': watch.dueBucket },
      },
      (found) => releasedAt(found, at),
    );
  }

  async recordFailure(timer: TimerItem, { at, error, retryAt }: TimerFailure): Promise<boolean> {
    const failures = (timer.failures ?? 0) + 1;
    const key = timerKey({ pk: timer.pk }, timer.timerId);
    const condition = { ConditionExpression: '#s = :pending AND dueAt = :dueAt', ExpressionAttributeNames: { '#s': 'status' } };
    if (retryAt) {
      return wrote(
        this.db,
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET failures = :n, lastError = :e, dueAt = :retry, dueBucket = :bucket',
          ...condition,
          ExpressionAttributeValues: { ':pending': 'pending', ':dueAt': timer.dueAt, ':n': failures, ':e': error, ':retry': retryAt.toISOString(), ':bucket': dueBucket(retryAt) },
        }),
      );
    }
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: key,
              UpdateExpression: 'SET #s = :quarantined, failures = :n, lastError = :e, quarantinedAt = :at, listKey = :lk, listSort = :ls REMOVE dueBucket',
              ...condition,
              ExpressionAttributeValues: {
                ':pending': 'pending',
                ':dueAt': timer.dueAt,
                ':quarantined': 'quarantined',
                ':n': failures,
                ':e': error,
                ':at': at,
                ...listingValues(quarantineListing(key, at)),
              },
            },
          },
          { Put: { TableName: this.table, Item: timerQuarantinedAudit(timer, at, failures, error) } },
        ],
      }),
    );
  }

  async quarantineUnreadable(key: { pk: string; sk: string }, dueAt: string, at: string): Promise<boolean> {
    return wrote(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: 'SET quarantinedAt = :at, lastError = :e, listKey = :lk, listSort = :ls REMOVE dueBucket',
        ConditionExpression: 'dueAt = :dueAt AND attribute_exists(dueBucket)',
        ExpressionAttributeValues: { ':at': at, ':e': 'Unreadable', ':dueAt': dueAt, ...listingValues(quarantineListing(key, at)) },
      }),
    );
  }

  async quarantined(): Promise<QuarantinedTimer[]> {
    const out: QuarantinedTimer[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: TABLE.worklistIndex.name,
          KeyConditionExpression: '#k = :k',
          ExpressionAttributeNames: { '#k': TABLE.worklistIndex.partitionKey },
          ExpressionAttributeValues: { ':k': lists.quarantined() },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []).map(quarantinedOf));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async retryQuarantined(key: { pk: string; sk: string }, at: string): Promise<boolean> {
    return wrote(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: 'SET #s = :pending, dueAt = :at, dueBucket = :bucket REMOVE failures, lastError, quarantinedAt, listKey, listSort',
        ConditionExpression: '#s = :quarantined',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':quarantined': 'quarantined', ':at': at, ':bucket': dueBucket(new Date(at)) },
      }),
    );
  }

  /**
   * Cancels what is still pending in a case: timers and not-yet-sent intents whose subject matches.
   * Each cancellation is conditional on the state it found, so it never overrides a send in progress.
   */
  async cancelPending(caseId: string, about: (subject: PendingSubject) => boolean, now: string, read?: Pick<CaseView, 'timers' | 'intents'>): Promise<number> {
    if (read) return this.cancelEach([...read.timers, ...read.intents], about, now);
    let cancelled = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          // stillPending, read on the server.
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
      cancelled += await this.cancelEach((out.Items ?? []) as PendingRead[], about, now);
      start = out.LastEvaluatedKey;
    } while (start);
    return cancelled;
  }

  private async cancelEach(items: readonly PendingRead[], about: (subject: PendingSubject) => boolean, now: string): Promise<number> {
    let cancelled = 0;
    for (const raw of items) {
      if (!stillPending(raw) || !about(raw)) continue;
      const done = await wrote(
        this.db,
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: raw.pk, sk: raw.sk },
          UpdateExpression: 'SET #s = :cancelled, cancelledAt = :now REMOVE dueBucket',
          ConditionExpression: '#s = :was',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':now': now, ':was': raw.status },
        }),
      );
      if (done) cancelled++;
    }
    return cancelled;
  }
}
