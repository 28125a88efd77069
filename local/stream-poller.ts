import { randomUUID } from 'node:crypto';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamTrigger } from '../events/triggers.js';
import { passesFilters } from '../shared/stream/filter-pattern.js';
import { toLambdaRecord } from '../shared/ops/dlq-stream-reader.js';

/**
 * Polls a DynamoDB Local stream the way Lambda's event source mapping polls a DynamoDB stream,
 * and invokes the very same handler module with events of the exact Lambda shape:
 * - records that match none of the mapping's filter patterns are dropped (checkpointed past);
 * - batches of up to `batchSize`, in shard order;
 * - `batchItemFailures`: checkpoint before the lowest reported failure and retry from there
 *   (an unknown itemIdentifier fails the whole batch, as on Lambda);
 * - a thrown error fails the whole batch; with `bisectBatchOnError` a failing batch is split in
 *   two (splits do not use up retries), which isolates a poison record;
 * - after `retryAttempts` retries, or past `maxRecordAgeSeconds`, the batch's description goes
 *   to the DLQ (the shape Lambda sends to an SQS on-failure destination) and the shard goes on.
 */

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

export interface DlqMessage {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded';
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
  /** Local only, for tests and the operator: which records were parked (ids and keys, no images). */
  records: { eventID: string; sequenceNumber: string; keys: unknown }[];
}

export interface PollerOptions {
  functionName: string;
  trigger: StreamTrigger;
  streamArn: string;
  streams: DynamoDBStreamsClient;
  handler: StreamHandler;
  region: string;
  accountId?: string;
  timeoutSeconds: number;
  memoryMb: number;
  onDlq: (message: DlqMessage) => void;
  /** Called after each invocation with the exact event and what the handler returned or threw. */
  onInvoke?: (event: DynamoDBStreamEvent, outcome: { response?: DynamoDBBatchResponse | void; error?: unknown }) => void;
  pollIntervalMs?: number;
}

interface ShardState {
  shardId: string;
  iterator: string | undefined;
  buffer: DynamoDBRecord[];
  closed: boolean;
  /** Retries used by the batch that starts at the head of the buffer. */
  attempts: number;
  /** Current (possibly bisected) batch size for the head of the buffer. */
  batchSize: number;
}

// The same conversion the DLQ redrive uses, so a replayed batch is the event the poller built.
export { toLambdaRecord };

export class StreamPoller {
  private shards = new Map<string, ShardState>();
  private running = false;
  private loop: Promise<void> | undefined;
  private lastDescribe = 0;
  private idleWaiters: (() => void)[] = [];
  private idle = false;
  invocations = 0;

  constructor(private readonly opts: PollerOptions) {}

  get functionName(): string {
    return this.opts.functionName;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Resolves once everything written so far has been read and handled (or parked). */
  async drained(timeoutMs = 30_000): Promise<void> {
    this.idle = false;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.opts.functionName}: stream not drained in ${timeoutMs} ms`)), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async run(): Promise<void> {
    const interval = this.opts.pollIntervalMs ?? 50;
    while (this.running) {
      let busy = false;
      try {
        await this.refreshShards();
        for (const shard of this.shards.values()) {
          busy = (await this.pollShard(shard)) || busy;
        }
      } catch (err) {
        // A poller fault (e.g. the emulator going away at shutdown) must not crash the runtime.
        if (this.running) process.stderr.write(`[poller ${this.opts.functionName}] ${(err as Error).message}\n`);
      }
      if (!busy) {
        const waiters = this.idleWaiters.splice(0);
        // Idle = one full pass over every shard found nothing new: what was written before the
        // caller asked has been handled.
        if (this.idle) waiters.forEach((w) => w());
        else this.idleWaiters.push(...waiters);
        this.idle = true;
        await new Promise((r) => setTimeout(r, interval));
      } else {
        this.idle = false;
      }
    }
  }

  private async refreshShards(): Promise<void> {
    const now = Date.now();
    const anyClosed = [...this.shards.values()].some((s) => s.closed);
    if (this.shards.size > 0 && !anyClosed && now - this.lastDescribe < 2000) return;
    this.lastDescribe = now;
    const desc = await this.opts.streams.send(new DescribeStreamCommand({ StreamArn: this.opts.streamArn }));
    for (const s of desc.StreamDescription?.Shards ?? []) {
      if (!s.ShardId || this.shards.has(s.ShardId)) continue;
      // A child shard is read only once its parent is done, to keep each item's order.
      const parent = s.ParentShardId ? this.shards.get(s.ParentShardId) : undefined;
      if (parent && !(parent.closed && parent.buffer.length === 0)) continue;
      const it = await this.opts.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.opts.streamArn,
          ShardId: s.ShardId,
          ShardIteratorType: this.opts.trigger.startingPosition,
        }),
      );
      this.shards.set(s.ShardId, {
        shardId: s.ShardId,
        iterator: it.ShardIterator,
        buffer: [],
        closed: false,
        attempts: 0,
        batchSize: this.opts.trigger.batchSize,
      });
    }
  }

  /** Returns true when it did any work (read records or invoked the function). */
  private async pollShard(shard: ShardState): Promise<boolean> {
    let busy = false;
    if (shard.iterator && shard.buffer.length < this.opts.trigger.batchSize * 10) {
      const out = await this.opts.streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
      shard.iterator = out.NextShardIterator;
      if (!shard.iterator) shard.closed = true;
      for (const r of out.Records ?? []) {
        busy = true;
        const rec = toLambdaRecord(r, this.opts.streamArn, this.opts.region);
        if (passesFilters(rec, this.opts.trigger.filters)) shard.buffer.push(rec);
      }
    }
    if (shard.buffer.length > 0) {
      busy = true;
      await this.processHead(shard);
    }
    return busy;
  }

  private async processHead(shard: ShardState): Promise<void> {
    const trigger = this.opts.trigger;
    // Records past the maximum age are parked without invoking the function, as on Lambda.
    const nowSec = Date.now() / 1000;
    const tooOld = shard.buffer.findIndex((r) => nowSec - (r.dynamodb?.ApproximateCreationDateTime ?? nowSec) <= trigger.maxRecordAgeSeconds);
    const expired = tooOld === -1 ? shard.buffer.length : tooOld;
    if (expired > 0) {
      this.park(shard, shard.buffer.splice(0, expired), 'RecordAgeExceeded', undefined);
      this.resetHead(shard);
      if (shard.buffer.length === 0) return;
    }

    const batch = shard.buffer.slice(0, shard.batchSize);
    const event: DynamoDBStreamEvent = { Records: batch };
    let response: DynamoDBBatchResponse | void = undefined;
    let error: unknown;
    this.invocations++;
    try {
      response = await this.opts.handler(structuredClone(event), this.context());
    } catch (err) {
      error = err;
    }
    this.opts.onInvoke?.(event, { response, error });

    let failedAt: number;
    if (error !== undefined) {
      failedAt = 0;
    } else {
      const failures = response?.batchItemFailures ?? [];
      if (failures.length === 0) {
        shard.buffer.splice(0, batch.length);
        this.resetHead(shard);
        return;
      }
      const indexes = failures.map((f) => batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier));
      // An empty or unknown identifier means the whole batch failed (Lambda's rule).
      failedAt = indexes.some((i) => i < 0) ? 0 : Math.min(...indexes);
    }

    if (failedAt > 0) {
      // Checkpoint: what came before the lowest failure is done; retry from the failure.
      shard.buffer.splice(0, failedAt);
      this.resetHead(shard);
      return;
    }
    const failing = batch.length;
    if (trigger.bisectBatchOnError && failing > 1) {
      shard.batchSize = Math.ceil(failing / 2);
      return;
    }
    shard.attempts++;
    if (shard.attempts > trigger.retryAttempts) {
      this.park(shard, shard.buffer.splice(0, failing), 'RetryAttemptsExhausted', error);
      this.resetHead(shard);
    }
  }

  private resetHead(shard: ShardState): void {
    shard.attempts = 0;
    shard.batchSize = this.opts.trigger.batchSize;
  }

  private park(shard: ShardState, records: DynamoDBRecord[], condition: DlqMessage['requestContext']['condition'], error: unknown): void {
    const first = records[0];
    const last = records[records.length - 1];
    const arrival = (r: DynamoDBRecord | undefined) => new Date((r?.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000).toISOString();
    this.opts.onDlq({
      requestContext: {
        requestId: randomUUID(),
        functionArn: this.functionArn(),
        condition,
        approximateInvokeCount: shard.attempts,
      },
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(error !== undefined ? { functionError: 'Unhandled' } : {}),
      },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId: shard.shardId,
        startSequenceNumber: first?.dynamodb?.SequenceNumber ?? '',
        endSequenceNumber: last?.dynamodb?.SequenceNumber ?? '',
        approximateArrivalOfFirstRecord: arrival(first),
        approximateArrivalOfLastRecord: arrival(last),
        batchSize: records.length,
        streamArn: this.opts.streamArn,
      },
      records: records.map((r) => ({ eventID: r.eventID ?? '', sequenceNumber: r.dynamodb?.SequenceNumber ?? '', keys: r.dynamodb?.Keys })),
    });
  }

  private functionArn(): string {
    return `arn:aws:lambda:${this.opts.region}:${this.opts.accountId ?? '000000000000'}:function:${this.opts.functionName}`;
  }

  private context(): Context {
    const deadline = Date.now() + this.opts.timeoutSeconds * 1000;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: this.opts.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: this.functionArn(),
      memoryLimitInMB: String(this.opts.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${this.opts.functionName}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }
}
