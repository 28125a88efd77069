import { createHash, randomUUID } from 'node:crypto';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamTrigger } from '../events/triggers.js';
import { passesFilters } from '../shared/stream/filter-pattern.js';
import { recordForLog } from '../shared/stream/record-for-log.js';
import { toLambdaRecord } from '../shared/ops/dlq-stream-reader.js';
import { TABLE } from '../shared/store/table.js';
import { runAs } from './table-access.js';

/**
 * Polls a DynamoDB Local stream the way Lambda's event source mapping polls a DynamoDB stream,
 * and invokes the very same handler module with events of the exact Lambda shape:
 * - records that match none of the mapping's filter patterns are dropped (checkpointed past);
 * - batches of up to `batchSize`, in shard order; with a `parallelizationFactor` above 1, that many
 *   batches of a shard at once, each partition key's records in order (they always share a batch stream);
 * - `batchItemFailures`: checkpoint before the lowest reported failure and retry from there
 *   (an unknown itemIdentifier fails the whole batch, as on Lambda);
 * - a thrown error fails the whole batch; with `bisectBatchOnError` a failing batch is split in
 *   two (splits do not use up retries), which isolates a poison record;
 * - after `retryAttempts` retries, or past `maxRecordAgeSeconds`, the batch's description goes
 *   to the DLQ (the shape Lambda sends to an SQS on-failure destination) and the shard goes on.
 *
 * The pollers of one stream share a `StreamReader`: it reads each shard once for all of them and
 * each poller keeps its own position, buffer, retries and checkpoint, as each mapping does on AWS.
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
  /** Local only, for tests and the operator: which records were parked (ids and keys as logs show them, no images). */
  records: { eventID: string; sequenceNumber: string; key: string }[];
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
  /** Idle wait of the poller's own reader; ignored with `reader`. */
  pollIntervalMs?: number;
  /**
   * The stream's reader shared with the other pollers of the stream (local/streams.ts). Absent:
   * the poller reads the stream on its own (`streams`, from the trigger's starting position).
   */
  reader?: StreamReader;
}

/**
 * One of a shard's concurrent batch streams (Lambda's ParallelizationFactor): the shard's records
 * of the partition keys that hash to it, in shard order, with their own batch, retries and bisection.
 */
interface Lane {
  shardId: string;
  buffer: DynamoDBRecord[];
  /** Retries used by the batch that starts at the head of the buffer. */
  attempts: number;
  /** Current (possibly bisected) batch size for the head of the buffer. */
  batchSize: number;
}

interface ShardState {
  shardId: string;
  /** The next record of the reader's log to take into a lane. */
  cursor: number;
  lanes: Lane[];
  /** The shard ended and this poller has handled all of it. */
  closed: boolean;
}

/** Which lane a record goes to: by its partition key, so each key's records keep their order. */
function laneOf(record: DynamoDBRecord, lanes: number): number {
  if (lanes === 1) return 0;
  const key = JSON.stringify(record.dynamodb?.Keys?.[TABLE.partitionKey] ?? record.dynamodb?.Keys ?? '');
  return createHash('sha1').update(key).digest().readUInt32BE(0) % lanes;
}

interface LoggedShard {
  shardId: string;
  parentShardId: string | undefined;
  iterator: string | undefined;
  /** Position in the shard of `records[0]`: records every consumer has taken are dropped. */
  base: number;
  records: DynamoDBRecord[];
  /** No more records will come (the shard's iterator ran out). */
  ended: boolean;
}

/** What a reader needs to know of a poller reading through it. */
interface ReaderConsumer {
  /** Where it is in each shard's log; records before the lowest position are dropped. */
  position(shardId: string): number | undefined;
}

/**
 * Reads one stream for every poller of it: each shard's records, read once with GetRecords,
 * turned into Lambda's record shape once, and kept in a log until every poller has taken them
 * (reading the stream once per function multiplied the GetRecords calls and their decoding, a
 * large share of the local runtime's CPU under load, where on AWS each mapping's reads cost the
 * functions nothing). The pollers wait on its passes: it reads while one of them runs, and idles
 * `pollIntervalMs` after a pass that found nothing, unless woken.
 */
export class StreamReader {
  private readonly shards = new Map<string, LoggedShard>();
  private readonly consumers = new Set<ReaderConsumer>();
  private running = 0;
  private loop: Promise<void> | undefined;
  private lastDescribe = 0;
  private passWaiters: (() => void)[] = [];
  private wakeIdle: (() => void) | undefined;
  /** Woken during a pass: the next one starts without waiting. */
  private wakeSoon = false;
  /** Passes begun and finished: a poller is drained once a pass begun after the question has finished. */
  passesBegun = 0;
  passesDone = 0;

  constructor(
    private readonly opts: {
      streams: DynamoDBStreamsClient;
      streamArn: string;
      region: string;
      startingPosition: StreamTrigger['startingPosition'];
      functionName?: string;
      pollIntervalMs?: number;
    },
  ) {}

  /** The shards read so far, in the order the stream described them. */
  get shardIds(): string[] {
    return [...this.shards.keys()];
  }

  shard(shardId: string): Readonly<LoggedShard> | undefined {
    return this.shards.get(shardId);
  }

  /** Position just past the last record read of the shard. */
  end(shardId: string): number {
    const s = this.shards.get(shardId);
    return s ? s.base + s.records.length : 0;
  }

  /** The records of a shard from `from` on (at most `limit`), as read. */
  take(shardId: string, from: number, limit: number): DynamoDBRecord[] {
    const s = this.shards.get(shardId);
    if (!s) return [];
    // A position before the log's start was dropped by every consumer: none can ask for it.
    const start = Math.max(0, from - s.base);
    return s.records.slice(start, start + limit);
  }

  register(consumer: ReaderConsumer): void {
    this.consumers.add(consumer);
  }

  /** A consumer started: the reader reads while any of them runs. */
  started(): void {
    if (this.running++ === 0) this.loop = this.run();
  }

  async stopped(): Promise<void> {
    if (--this.running > 0) return;
    this.wake();
    await this.loop;
  }

  /**
   * Resolves after the next pass over the shards (or at once when the reader is not running).
   * `hungry`: the caller invoked its function since it last waited and has handled all it took, so the next
   * pass starts now rather than after the idle wait (as a mapping reads again once the function
   * returned); a poller the traffic does not concern does not make the reader read.
   */
  nextPass(hungry = false): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    const next = new Promise<void>((resolve) => this.passWaiters.push(resolve));
    if (hungry) this.wake();
    return next;
  }

  /** Ends the wait between passes now. */
  wake(): void {
    if (this.wakeIdle) this.wakeIdle();
    else this.wakeSoon = true;
  }

  private async run(): Promise<void> {
    const interval = this.opts.pollIntervalMs ?? 50;
    while (this.running > 0) {
      this.passesBegun++;
      try {
        await this.refreshShards();
        for (const shard of this.shards.values()) await this.readShard(shard);
        this.trim();
      } catch (err) {
        // A reader fault (e.g. the emulator going away at shutdown) must not crash the runtime.
        if (this.running > 0) process.stderr.write(`[stream reader${this.opts.functionName ? ` ${this.opts.functionName}` : ''}] ${(err as Error).message}\n`);
      }
      this.passesDone++;
      this.passWaiters.splice(0).forEach((w) => w());
      // Between passes, with records or without, the reader waits for a poller that has handled
      // what it took (or the interval): reading again at once would only fetch a few records per call.
      if (this.wakeSoon) this.wakeSoon = false;
      else if (this.running > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, interval);
          this.wakeIdle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeIdle = undefined;
      }
    }
    this.passWaiters.splice(0).forEach((w) => w());
  }

  private async refreshShards(): Promise<void> {
    const now = Date.now();
    const anyEnded = [...this.shards.values()].some((s) => s.ended);
    if (this.shards.size > 0 && !anyEnded && now - this.lastDescribe < 2000) return;
    this.lastDescribe = now;
    const desc = await this.opts.streams.send(new DescribeStreamCommand({ StreamArn: this.opts.streamArn }));
    for (const s of desc.StreamDescription?.Shards ?? []) {
      if (!s.ShardId || this.shards.has(s.ShardId)) continue;
      const it = await this.opts.streams.send(
        new GetShardIteratorCommand({ StreamArn: this.opts.streamArn, ShardId: s.ShardId, ShardIteratorType: this.opts.startingPosition }),
      );
      this.shards.set(s.ShardId, { shardId: s.ShardId, parentShardId: s.ParentShardId, iterator: it.ShardIterator, base: 0, records: [], ended: !it.ShardIterator });
    }
  }

  private async readShard(shard: LoggedShard): Promise<void> {
    if (!shard.iterator) return;
    const out = await this.opts.streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
    shard.iterator = out.NextShardIterator;
    if (!shard.iterator) shard.ended = true;
    for (const r of out.Records ?? []) shard.records.push(toLambdaRecord(r, this.opts.streamArn, this.opts.region));
  }

  /** Drops what every consumer has taken (a stopped poller keeps its place, and so its records). */
  private trim(): void {
    for (const shard of this.shards.values()) {
      let lowest = this.end(shard.shardId);
      for (const c of this.consumers) lowest = Math.min(lowest, c.position(shard.shardId) ?? shard.base);
      if (lowest > shard.base) {
        shard.records.splice(0, lowest - shard.base);
        shard.base = lowest;
      }
    }
  }
}

// The same conversion the DLQ redrive uses, so a replayed batch is the event the poller built.
export { toLambdaRecord };

export class StreamPoller {
  private shards = new Map<string, ShardState>();
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly reader: StreamReader;
  /** drained() callers, each with the reader pass that must have finished first. */
  private idleWaiters: { afterPass: number; resolve: () => void }[] = [];
  /** Invocations ended (see processHead). */
  invocations = 0;

  constructor(private readonly opts: PollerOptions) {
    this.reader =
      opts.reader ??
      new StreamReader({
        streams: opts.streams,
        streamArn: opts.streamArn,
        region: opts.region,
        startingPosition: opts.trigger.startingPosition,
        functionName: opts.functionName,
        pollIntervalMs: opts.pollIntervalMs,
      });
    this.reader.register({ position: (shardId) => this.shards.get(shardId)?.cursor });
  }

  get functionName(): string {
    return this.opts.functionName;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.reader.started();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.reader.wake();
    await this.loop;
    await this.reader.stopped();
  }

  /** Something was written to the table: the stream is read now rather than after the idle wait. */
  wake(): void {
    this.reader.wake();
  }

  /** Resolves once everything written so far has been read and handled (or parked). */
  async drained(timeoutMs = 30_000): Promise<void> {
    // A pass that began after this call has read everything written before it.
    const afterPass = this.reader.passesBegun + 1;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.opts.functionName}: stream not drained in ${timeoutMs} ms`)), timeoutMs);
      this.idleWaiters.push({
        afterPass,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private async run(): Promise<void> {
    let invokedBefore = this.invocations;
    while (this.running) {
      // Taken before the shards are looked at: what that pass read is then in the log.
      const passesDone = this.reader.passesDone;
      let busy = false;
      try {
        this.adoptShards();
        for (const shard of this.shards.values()) {
          busy = (await this.pollShard(shard)) || busy;
        }
      } catch (err) {
        // A poller fault must not crash the runtime.
        if (this.running) process.stderr.write(`[poller ${this.opts.functionName}] ${(err as Error).message}\n`);
      }
      if (!busy) {
        const waiting = this.idleWaiters;
        this.idleWaiters = waiting.filter((w) => w.afterPass > passesDone);
        for (const w of waiting) if (w.afterPass <= passesDone) w.resolve();
        // Hungry when it invoked the function since it last waited.
        const hungry = this.invocations > invokedBefore;
        invokedBefore = this.invocations;
        await this.reader.nextPass(hungry);
      }
    }
  }

  /** The reader's shards this poller reads: a child only once this poller is done with its parent, to keep each item's order. */
  private adoptShards(): void {
    for (const shardId of this.reader.shardIds) {
      if (this.shards.has(shardId)) continue;
      const parentId = this.reader.shard(shardId)?.parentShardId;
      if (parentId && this.reader.shard(parentId) && !this.shards.get(parentId)?.closed) continue;
      const lanes = Array.from({ length: this.opts.trigger.parallelizationFactor }, () => ({ shardId, buffer: [], attempts: 0, batchSize: this.opts.trigger.batchSize }));
      this.shards.set(shardId, { shardId, cursor: this.reader.shard(shardId)?.base ?? 0, lanes, closed: false });
    }
  }

  /** Returns true when it did any work (took records or invoked the function). */
  private async pollShard(shard: ShardState): Promise<boolean> {
    let busy = false;
    const buffered = () => shard.lanes.reduce((n, l) => n + l.buffer.length, 0);
    const room = this.opts.trigger.batchSize * 10 * shard.lanes.length - buffered();
    if (room > 0) {
      const taken = this.reader.take(shard.shardId, shard.cursor, room);
      shard.cursor += taken.length;
      if (taken.length > 0) busy = true;
      for (const rec of taken) if (passesFilters(rec, this.opts.trigger.filters)) shard.lanes[laneOf(rec, shard.lanes.length)]!.buffer.push(rec);
    }
    const ready = shard.lanes.filter((l) => l.buffer.length > 0);
    if (ready.length > 0) {
      busy = true;
      // One batch in flight per lane, as Lambda has up to ParallelizationFactor per shard.
      // processHead settles every outcome itself (checkpoint, retry, park); it never rejects.
      await Promise.allSettled(ready.map((lane) => this.processHead(lane)));
    }
    if (buffered() === 0 && shard.cursor >= this.reader.end(shard.shardId) && this.reader.shard(shard.shardId)?.ended) shard.closed = true;
    return busy;
  }

  private async processHead(shard: Lane): Promise<void> {
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
    try {
      // As its function, whatever handler a test wired in (local/table-access.ts).
      response = await runAs(this.opts.functionName, () => this.opts.handler(structuredClone(event), this.context()));
    } catch (err) {
      error = err;
    }
    // Counted once it has ended: settle() compares the counts before and after waiting on every
    // poller, and an invocation that began before and ended during the wait may have written what
    // another poller, already drained, has not read (counted at its start, it went unseen).
    this.invocations++;
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

  private resetHead(shard: Lane): void {
    shard.attempts = 0;
    shard.batchSize = this.opts.trigger.batchSize;
  }

  private park(shard: Lane, records: DynamoDBRecord[], condition: DlqMessage['requestContext']['condition'], error: unknown): void {
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
      records: records.map((r) => ({ eventID: r.eventID ?? '', sequenceNumber: r.dynamodb?.SequenceNumber ?? '', key: recordForLog(r).key })),
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
