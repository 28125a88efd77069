import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamTrigger } from '../../../events/triggers.js';
import { type DlqMessage, StreamPoller, StreamReader } from '../../../local/stream-poller.js';

const STREAM_ARN = 'arn:aws:dynamodb:eu-central-1:000000000000:table/t/stream/2026-12-05T00:00:00.000';
const SHARD = 'shardId-0001';

/** One shard in memory, answering the three calls the reader makes, and counting what it hands out. */
class FakeStream {
  records: _Record[] = [];
  getRecordsCalls = 0;
  recordsHandedOut = 0;

  write(pk: string, type = 'Intent'): void {
    const seq = String(100 + this.records.length);
    this.records.push({
      eventID: `e${seq}`,
      eventName: 'INSERT',
      eventVersion: '1.1',
      dynamodb: {
        ApproximateCreationDateTime: new Date(),
        Keys: { pk: { S: pk } },
        NewImage: { pk: { S: pk }, type: { S: type } },
        SequenceNumber: seq,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  }

  client(): DynamoDBStreamsClient {
    return {
      send: async (command: unknown) => {
        if (command instanceof DescribeStreamCommand) return { StreamDescription: { Shards: [{ ShardId: SHARD }] } };
        if (command instanceof GetShardIteratorCommand) return { ShardIterator: '0' };
        if (command instanceof GetRecordsCommand) {
          this.getRecordsCalls++;
          const from = Number(command.input.ShardIterator);
          const out = this.records.slice(from, from + (command.input.Limit ?? 1000));
          this.recordsHandedOut += out.length;
          return { Records: out, NextShardIterator: String(from + out.length) };
        }
        throw new Error('unexpected command');
      },
    } as unknown as DynamoDBStreamsClient;
  }
}

const trigger = (over: Partial<StreamTrigger> = {}): StreamTrigger => ({
  kind: 'dynamodb-stream',
  filters: [{ eventName: ['INSERT'] }],
  batchSize: 4,
  maxBatchingWindowSeconds: 0,
  retryAttempts: 2,
  maxRecordAgeSeconds: 3600,
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
  startingPosition: 'TRIM_HORIZON',
  parallelizationFactor: 1,
  ...over,
});

const keysOf = (events: DynamoDBStreamEvent[]) => events.flatMap((e) => e.Records.map((r) => r.dynamodb!.Keys!.pk!.S!));

let pollers: StreamPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.map((p) => p.stop()));
  pollers = [];
});

function setUp(stream: FakeStream, handlers: Record<string, { trigger?: Partial<StreamTrigger>; handle?: (e: DynamoDBStreamEvent) => Promise<void> }>) {
  const streams = stream.client();
  const reader = new StreamReader({ streams, streamArn: STREAM_ARN, region: 'eu-central-1', startingPosition: 'TRIM_HORIZON', pollIntervalMs: 5 });
  const seen: Record<string, DynamoDBStreamEvent[]> = {};
  const parked: Record<string, DlqMessage[]> = {};
  for (const [name, h] of Object.entries(handlers)) {
    seen[name] = [];
    parked[name] = [];
    const poller = new StreamPoller({
      functionName: name,
      trigger: trigger(h.trigger),
      streamArn: STREAM_ARN,
      streams,
      reader,
      region: 'eu-central-1',
      timeoutSeconds: 30,
      memoryMb: 512,
      handler: async (event) => {
        await h.handle?.(event);
        seen[name]!.push(event);
      },
      onDlq: (m) => parked[name]!.push(m),
    });
    pollers.push(poller);
  }
  pollers.forEach((p) => p.start());
  const drained = () => Promise.all(pollers.map((p) => p.drained(5000)));
  return { reader, seen, parked, drained };
}

describe('pollers sharing a stream reader', () => {
  it('each poller gets every record it filters for, in shard order and in batches of its size, while the shard is read once', async () => {
    const stream = new FakeStream();
    const { reader, seen, drained } = setUp(stream, {
      all: {},
      referrals: { trigger: { batchSize: 3, filters: [{ dynamodb: { NewImage: { type: { S: ['Referral'] } } } }] } },
    });
    const written: string[] = [];
    for (let i = 0; i < 23; i++) {
      const pk = `k${i}`;
      stream.write(pk, i % 3 === 0 ? 'Referral' : 'Intent');
      written.push(pk);
      if (i % 7 === 0) await new Promise((r) => setTimeout(r, 3));
    }
    await drained();

    expect(keysOf(seen.all!)).toEqual(written);
    expect(seen.all!.every((e) => e.Records.length <= 4)).toBe(true);
    expect(keysOf(seen.referrals!)).toEqual(written.filter((_, i) => i % 3 === 0));
    expect(seen.referrals!.every((e) => e.Records.length <= 3)).toBe(true);
    // Read once for both: each record came out of the stream one time.
    expect(stream.recordsHandedOut).toBe(23);
    // What both have taken is dropped from the reader's log (at its next pass).
    await reader.nextPass();
    expect(reader.take(SHARD, 0, 100)).toEqual([]);
    expect(reader.end(SHARD)).toBe(23);
  });

  it("a poller's failing record is retried and parked on its own, while the other poller goes on", async () => {
    const stream = new FakeStream();
    let failedCalls = 0;
    const { seen, parked, drained } = setUp(stream, {
      picky: {
        handle: async (e) => {
          if (e.Records.some((r) => r.dynamodb!.Keys!.pk!.S === 'k5')) {
            failedCalls++;
            throw new Error('poison');
          }
        },
      },
      calm: {},
    });
    for (let i = 0; i < 10; i++) stream.write(`k${i}`);
    await drained();

    const all = Array.from({ length: 10 }, (_, i) => `k${i}`);
    expect(keysOf(seen.calm!)).toEqual(all);
    expect(parked.calm).toEqual([]);
    // Bisected down to the poison record, which alone used up its retries (the first try and 2 retries).
    expect(keysOf(seen.picky!)).toEqual(all.filter((k) => k !== 'k5'));
    expect(parked.picky!.map((m) => m.records.map((r) => r.sequenceNumber))).toEqual([['105']]);
    expect(parked.picky![0]!.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(failedCalls).toBeGreaterThanOrEqual(3);
  });

  it('drained() waits for what was written before it was asked, and a stopped poller picks up where it stopped', async () => {
    const stream = new FakeStream();
    const { seen, drained } = setUp(stream, { a: {}, b: {} });
    stream.write('k0');
    await drained();
    expect(keysOf(seen.a!)).toEqual(['k0']);

    await pollers[1]!.stop();
    stream.write('k1');
    stream.write('k2');
    await pollers[0]!.drained(5000);
    expect(keysOf(seen.a!)).toEqual(['k0', 'k1', 'k2']);
    expect(keysOf(seen.b!)).toEqual(['k0']);

    pollers[1]!.start();
    await drained();
    expect(keysOf(seen.b!)).toEqual(['k0', 'k1', 'k2']);
    expect(stream.recordsHandedOut).toBe(3);
  });

  it('with a parallelization factor, batches of one shard run at once and each partition key keeps its order', async () => {
    const stream = new FakeStream();
    let inFlight = 0;
    let most = 0;
    const { seen, parked, drained } = setUp(stream, {
      wide: {
        trigger: { parallelizationFactor: 4, batchSize: 2 },
        handle: async (e) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          if (e.Records.some((r) => r.eventID === 'e107')) throw new Error('poison');
        },
      },
    });
    // Eight partition keys, four writes each, interleaved.
    for (let round = 0; round < 4; round++) for (let k = 0; k < 8; k++) stream.write(`case${k}`);
    await drained();

    expect(most).toBeGreaterThan(1);
    // Record e107 (case7's first write) is parked alone; every key's other records came in order.
    expect(parked.wide!.map((m) => m.records.map((r) => r.sequenceNumber))).toEqual([['107']]);
    const order = seen.wide!.flatMap((e) => e.Records.map((r) => [r.dynamodb!.Keys!.pk!.S!, Number(r.dynamodb!.SequenceNumber)] as const));
    for (let k = 0; k < 8; k++) {
      const seqs = order.filter(([pk]) => pk === `case${k}`).map(([, seq]) => seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs).toHaveLength(k === 7 ? 3 : 4);
    }
  });
});
