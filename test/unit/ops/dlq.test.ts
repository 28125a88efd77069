import { GetRecordsCommand, GetShardIteratorCommand, type _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { localDlqEntry } from '../../../local/dlq-redrive.js';
import { toLambdaRecord as pollerToLambdaRecord, type DlqMessage as LocalDlqMessage } from '../../../local/stream-poller.js';
import { DynamoDbStreamReader, toLambdaRecord } from '../../../shared/ops/dlq-stream-reader.js';
import {
  compareSequenceNumbers,
  listDlq,
  parseDlqMessage,
  redriveDlq,
  type DlqDeps,
  type DlqEntry,
  type FunctionInvoker,
  type InvokeResult,
  type RangeRead,
  type StreamRange,
} from '../../../shared/ops/dlq.js';

const STREAM_ARN = 'arn:aws:dynamodb:eu-central-1:123456789012:table/referrals/stream/2026-11-01T00:00:00.000';
const FUNCTION_ARN = 'arn:aws:lambda:eu-central-1:123456789012:function:ReferralsStack-RouteReferralsFunction-AbC123';
const NOW = new Date('2026-11-23T12:00:00Z');

/** What Lambda sends to an SQS on-failure destination for a DynamoDB stream batch. */
function streamFailure(over: { requestId?: string; start?: string; end?: string; firstArrival?: string; batchSize?: number; shardId?: string } = {}) {
  return {
    requestContext: { requestId: over.requestId ?? 'req-1', functionArn: FUNCTION_ARN, condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: '2026-11-23T11:00:05.000Z',
    DDBStreamBatchInfo: {
      shardId: over.shardId ?? 'shardId-00000001700000000000-aaaa',
      startSequenceNumber: over.start ?? '100000000000000000011',
      endSequenceNumber: over.end ?? '100000000000000000013',
      approximateArrivalOfFirstRecord: over.firstArrival ?? '2026-11-23T11:00:00Z',
      approximateArrivalOfLastRecord: over.firstArrival ?? '2026-11-23T11:00:00Z',
      batchSize: over.batchSize ?? 3,
      streamArn: STREAM_ARN,
    },
  };
}

const entry = (body: unknown, over: Partial<DlqEntry> = {}): DlqEntry => ({
  id: over.id ?? 'sqs-msg-1',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  ...(over.attributes ? { attributes: over.attributes } : {}),
  ...(over.sentAt ? { sentAt: over.sentAt } : {}),
});

// ------------------------------------------------------------------------------------ parsing

describe('parseDlqMessage', () => {
  it('reads a stream batch description: function, condition, shard, range, size, arrival', () => {
    expect(parseDlqMessage(entry(streamFailure()))).toEqual({
      kind: 'stream',
      id: 'req-1',
      functionArn: FUNCTION_ARN,
      functionName: 'ReferralsStack-RouteReferralsFunction-AbC123',
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 4,
      functionError: 'Unhandled',
      streamArn: STREAM_ARN,
      shardId: 'shardId-00000001700000000000-aaaa',
      startSequenceNumber: '100000000000000000011',
      endSequenceNumber: '100000000000000000013',
      batchSize: 3,
      firstArrival: '2026-11-23T11:00:00.000Z',
      lastArrival: '2026-11-23T11:00:00.000Z',
      parkedAt: '2026-11-23T11:00:05.000Z',
    });
  });

  it('calls a malformed stream message malformed, naming the fields and never their values', () => {
    const bad = streamFailure();
    (bad.DDBStreamBatchInfo as Record<string, unknown>).endSequenceNumber = 'Arben Krasniqi';
    delete (bad.DDBStreamBatchInfo as Record<string, unknown>).shardId;
    const parsed = parseDlqMessage(entry(bad));
    expect(parsed.kind).toBe('malformed');
    if (parsed.kind !== 'malformed') return;
    expect(parsed.id).toBe('sqs-msg-1');
    expect(parsed.problem).toContain('DDBStreamBatchInfo.endSequenceNumber');
    expect(parsed.problem).toContain('DDBStreamBatchInfo.shardId');
    expect(parsed.problem).not.toContain('Arben');
  });

  it('refuses a range that runs backwards, and a body that is not JSON', () => {
    expect(parseDlqMessage(entry(streamFailure({ start: '200', end: '100' }))).kind).toBe('malformed');
    expect(parseDlqMessage(entry('{"requestContext": '))).toEqual({ kind: 'malformed', id: 'sqs-msg-1', problem: 'the body is not JSON' });
  });

  it('reads a scheduler dead-letter event: the input as the body, the function in TARGET_ARN', () => {
    const arn = 'arn:aws:lambda:eu-central-1:123456789012:function:ReferralsStack-SweepTimersFunction-X';
    const parsed = parseDlqMessage(entry({ task: 'sweep-timers' }, { attributes: { TARGET_ARN: arn, ERROR_CODE: 'Lambda.Unknown' }, sentAt: '2026-11-23T10:00:00.000Z' }));
    expect(parsed).toEqual({
      kind: 'payload',
      source: 'schedule',
      id: 'sqs-msg-1',
      functionArn: arn,
      functionName: 'ReferralsStack-SweepTimersFunction-X',
      payload: { task: 'sweep-timers' },
      condition: 'Lambda.Unknown',
      parkedAt: '2026-11-23T10:00:00.000Z',
    });
  });

  it("reads an EventBridge rule's dead-letter event and Lambda's asynchronous on-failure record", () => {
    const arn = 'arn:aws:lambda:eu-central-1:123456789012:function:ReferralsStack-EmailEventsFunction-X';
    const event = { source: 'aws.ses', 'detail-type': 'Email Bounced', detail: { mail: { destination: ['someone@example.org'] } } };
    expect(
      parseDlqMessage(entry(event, { attributes: { TARGET_ARN: arn, RULE_ARN: 'arn:aws:events:eu-central-1:1:rule/r', EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts' } })),
    ).toMatchObject({ kind: 'payload', source: 'event-rule', functionName: 'ReferralsStack-EmailEventsFunction-X', payload: event, condition: 'MaximumRetryAttempts' });
    const asyncRecord = {
      version: '1.0',
      timestamp: '2026-11-23T10:00:00.000Z',
      requestContext: { requestId: 'req-async', functionArn: `${arn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'someone@example.org' },
    };
    expect(parseDlqMessage(entry(asyncRecord))).toEqual({
      kind: 'payload',
      source: 'async-invoke',
      id: 'req-async',
      functionArn: `${arn}:$LATEST`,
      functionName: 'ReferralsStack-EmailEventsFunction-X',
      payload: event,
      condition: 'RetriesExhausted',
      parkedAt: '2026-11-23T10:00:00.000Z',
    });
  });

  it('calls anything else malformed', () => {
    expect(parseDlqMessage(entry({ hello: 'world' })).kind).toBe('malformed');
    expect(parseDlqMessage(entry({ task: 'x' }, { attributes: { TARGET_ARN: 'arn:aws:sqs:eu-central-1:1:q' } })).kind).toBe('malformed');
  });

  it('reads the local stack messages the same way (the local-only record keys left out)', () => {
    const local = { ...streamFailure(), records: [{ eventID: 'e1', sequenceNumber: '100000000000000000011', key: 'CASE#X' }] };
    const e = localDlqEntry(local);
    expect(e.id).toBe('req-1');
    expect(e.body).not.toContain('CASE#X');
    expect(parseDlqMessage(e).kind).toBe('stream');

    const scheduler: LocalDlqMessage = {
      requestContext: { requestId: 'r-s', functionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:sweep-timers', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Error' },
      version: '1.0',
      timestamp: '2026-11-23T10:00:00.000Z',
      DDBStreamBatchInfo: { shardId: '', startSequenceNumber: '', endSequenceNumber: '', approximateArrivalOfFirstRecord: '', approximateArrivalOfLastRecord: '', batchSize: 0, streamArn: 'scheduler' },
      records: [],
    };
    expect(parseDlqMessage(localDlqEntry(scheduler))).toMatchObject({ kind: 'payload', source: 'schedule', id: 'r-s', functionName: 'sweep-timers', payload: { task: 'sweep-timers' } });
  });
});

describe('compareSequenceNumbers', () => {
  it('orders numbers longer than a double holds, with or without leading zeros', () => {
    expect(compareSequenceNumbers('100000000000000000011', '100000000000000000012')).toBe(-1);
    expect(compareSequenceNumbers('99', '100')).toBe(-1);
    expect(compareSequenceNumbers('000000000000000000026', '26')).toBe(0);
    expect(compareSequenceNumbers('000000000000000000100', '000000000000000000026')).toBe(1);
  });
});

// ------------------------------------------------------------------------------------ the stream reader

function streamRecord(seq: number): StreamRecord {
  return {
    eventID: `ev-${seq}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-central-1',
    dynamodb: {
      ApproximateCreationDateTime: new Date('2026-11-23T11:00:00Z'),
      Keys: { pk: { S: `CASE#${seq}` }, sk: { S: 'REF#1' } },
      NewImage: { pk: { S: `CASE#${seq}` }, sk: { S: 'REF#1' }, type: { S: 'Referral' }, status: { S: 'created' } },
      SequenceNumber: String(seq),
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** A fake DynamoDB Streams: one shard holding `seqs`, `pageSize` records per GetRecords. */
function fakeStreams(seqs: number[], opts: { pageSize?: number; iteratorError?: string; closedAfter?: number } = {}) {
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: GetShardIteratorCommand | GetRecordsCommand) => {
      calls.push({ name: command instanceof GetShardIteratorCommand ? 'GetShardIteratorCommand' : 'GetRecordsCommand', input: command.input as unknown as Record<string, unknown> });
      if (command instanceof GetShardIteratorCommand) {
        if (opts.iteratorError) throw Object.assign(new Error('gone'), { name: opts.iteratorError });
        const at = seqs.findIndex((s) => s >= Number(command.input.SequenceNumber));
        return { ShardIterator: `it-${at < 0 ? seqs.length : at}` };
      }
      const pos = Number(String(command.input.ShardIterator).slice(3));
      const next = pos + (opts.pageSize ?? 2);
      const closed = opts.closedAfter !== undefined && next >= opts.closedAfter;
      return { Records: seqs.slice(pos, next).map(streamRecord), NextShardIterator: closed ? undefined : `it-${Math.min(next, seqs.length)}` };
    },
  };
  return { client: client as never, calls };
}

const range = (start: number, end: number): StreamRange => ({ streamArn: STREAM_ARN, shardId: 'shard-1', startSequenceNumber: String(start), endSequenceNumber: String(end) });
const seqsOf = (read: RangeRead) => (read.kind === 'records' ? read.records.map((r) => r.dynamodb?.SequenceNumber) : read);

describe('DynamoDbStreamReader', () => {
  it('starts AT the first sequence number and stops at the last: nothing after it is read or returned', async () => {
    const { client, calls } = fakeStreams([10, 11, 12, 13, 14, 15, 16, 17], { pageSize: 2 });
    const read = await new DynamoDbStreamReader(client).readRange(range(11, 13));
    expect(seqsOf(read)).toEqual(['11', '12', '13']);
    expect(calls[0]).toMatchObject({ name: 'GetShardIteratorCommand', input: { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: '11', ShardId: 'shard-1', StreamArn: STREAM_ARN } });
    // Pages [11,12] and [13,14]: the reader stops on 13 and asks for no page after it.
    expect(calls.filter((c) => c.name === 'GetRecordsCommand')).toHaveLength(2);
  });

  it("hands back records of Lambda's shape, the same as the local poller builds", async () => {
    const { client } = fakeStreams([11]);
    const read = await new DynamoDbStreamReader(client).readRange(range(11, 11));
    expect(read.kind).toBe('records');
    const record = (read as { records: DynamoDBRecord[] }).records[0]!;
    expect(record).toEqual(pollerToLambdaRecord(streamRecord(11), STREAM_ARN, 'eu-central-1'));
    expect(record).toMatchObject({ eventSource: 'aws:dynamodb', awsRegion: 'eu-central-1', eventSourceARN: STREAM_ARN, dynamodb: { ApproximateCreationDateTime: 1795431600 } });
    expect(toLambdaRecord(streamRecord(11), STREAM_ARN, 'local')).toMatchObject({ awsRegion: 'local' });
  });

  it('reports records past the retention as expired', async () => {
    for (const name of ['TrimmedDataAccessException', 'ResourceNotFoundException']) {
      const { client } = fakeStreams([11], { iteratorError: name });
      expect(await new DynamoDbStreamReader(client).readRange(range(11, 11))).toEqual({ kind: 'expired', reason: name });
    }
    // The iterator opened, but the batch's first record is no longer the first there.
    const { client } = fakeStreams([12, 13]);
    expect((await new DynamoDbStreamReader(client).readRange(range(11, 13))).kind).toBe('expired');
  });

  it('says so when the end of the range is never reached', async () => {
    const closed = fakeStreams([11, 12], { closedAfter: 2 });
    expect(await new DynamoDbStreamReader(closed.client).readRange(range(11, 13))).toEqual({ kind: 'incomplete', reason: 'the shard ended after 2 record(s)' });
    const quiet = fakeStreams([11, 12]);
    const read = await new DynamoDbStreamReader(quiet.client, { maxEmptyPages: 3 }).readRange(range(11, 13));
    expect(read.kind).toBe('incomplete');
    expect(quiet.calls.filter((c) => c.name === 'GetRecordsCommand')).toHaveLength(1 + 3);
  });
});

// ------------------------------------------------------------------------------------ redrive

class FakeDlq {
  deleted: string[] = [];
  released: string[] = [];
  constructor(public entries: DlqEntry[]) {}
  async list() {
    return [...this.entries];
  }
  async delete(e: DlqEntry) {
    this.deleted.push(e.id);
    this.entries = this.entries.filter((x) => x !== e);
  }
  async release(es: DlqEntry[]) {
    this.released.push(...es.map((e) => e.id));
  }
}

function lambdaRecord(seq: number, type = 'Referral'): DynamoDBRecord {
  const r = toLambdaRecord(streamRecord(seq), STREAM_ARN, 'eu-central-1');
  r.dynamodb!.NewImage!.type = { S: type };
  return r;
}

function harness(opts: { read?: RangeRead | ((r: StreamRange) => RangeRead); invoke?: InvokeResult | (() => Promise<InvokeResult>); entries?: DlqEntry[] } = {}) {
  const dlq = new FakeDlq(opts.entries ?? [entry(streamFailure())]);
  const invoked: DynamoDBStreamEvent[] = [];
  const reads: StreamRange[] = [];
  const invoker: FunctionInvoker = {
    // As a mapping whose filter passes only referrals.
    recordFilter: async () => (r) => r.dynamodb?.NewImage?.type?.S === 'Referral',
    invokeStream: async (_arn, event) => {
      invoked.push(event);
      const i = opts.invoke ?? { ok: true, batchItemFailures: [] };
      return typeof i === 'function' ? i() : i;
    },
    invokePayload: async () => ({ ok: true, batchItemFailures: [] }),
  };
  const deps: DlqDeps = {
    dlq,
    streams: {
      readRange: async (r) => {
        reads.push(r);
        const read = opts.read ?? { kind: 'records', records: [lambdaRecord(11), lambdaRecord(12, 'Intent'), lambdaRecord(13)] };
        return typeof read === 'function' ? read(r) : read;
      },
    },
    invoker,
    now: () => NOW,
  };
  return { deps, dlq, invoked, reads };
}

describe('redriveDlq', () => {
  it('replays the range, filtered as the mapping filters, and deletes the message on success', async () => {
    const h = harness();
    const outcomes = await redriveDlq(h.deps, { id: 'req-1' });
    expect(h.reads).toEqual([{ streamArn: STREAM_ARN, shardId: 'shardId-00000001700000000000-aaaa', startSequenceNumber: '100000000000000000011', endSequenceNumber: '100000000000000000013' }]);
    expect(h.invoked).toHaveLength(1);
    expect(h.invoked[0]!.Records.map((r) => r.dynamodb?.SequenceNumber)).toEqual(['11', '13']);
    expect(outcomes).toEqual([expect.objectContaining({ id: 'req-1', result: 'redriven', records: 2 })]);
    expect(outcomes[0]!.detail).toContain('the message says 3');
    expect(h.dlq.deleted).toEqual(['sqs-msg-1']);
    expect(h.dlq.released).toEqual([]);
  });

  it('keeps the message when the function reports failed records', async () => {
    const h = harness({ invoke: { ok: true, batchItemFailures: ['13'] } });
    const [o] = await redriveDlq(h.deps, { all: true });
    expect(o).toMatchObject({ result: 'failed', detail: expect.stringContaining('13') });
    expect(h.dlq.deleted).toEqual([]);
    expect(h.dlq.released).toEqual(['sqs-msg-1']);
  });

  it('keeps the message when the invocation fails or the invoker throws', async () => {
    const failing = harness({ invoke: { ok: false, error: 'the function failed (Unhandled: RoutingError)' } });
    expect((await redriveDlq(failing.deps, { all: true }))[0]).toMatchObject({ result: 'failed', detail: expect.stringContaining('RoutingError') });
    expect(failing.dlq.deleted).toEqual([]);
    const throwing = harness({ invoke: () => Promise.reject(Object.assign(new Error('no access'), { name: 'AccessDeniedException' })) });
    expect((await redriveDlq(throwing.deps, { all: true }))[0]).toMatchObject({ result: 'failed', detail: expect.stringContaining('AccessDeniedException') });
    expect(throwing.dlq.deleted).toEqual([]);
  });

  it('reports records gone from the stream as expired, keeps the message and invokes nothing', async () => {
    const h = harness({ read: { kind: 'expired', reason: 'TrimmedDataAccessException' } });
    const [o] = await redriveDlq(h.deps, { id: 'req-1' });
    expect(o!.result).toBe('expired');
    expect(o!.detail).toContain('TrimmedDataAccessException');
    expect(o!.detail).toContain('24 h');
    expect(o!.detail).toContain('dlq help');
    expect(h.invoked).toEqual([]);
    expect(h.dlq.deleted).toEqual([]);
  });

  it('keeps the message when the range is incomplete or nothing in it passes the filters', async () => {
    const incomplete = harness({ read: { kind: 'incomplete', reason: 'the shard ended after 1 record(s)' } });
    expect((await redriveDlq(incomplete.deps, { all: true }))[0]!.result).toBe('failed');
    const none = harness({ read: { kind: 'records', records: [lambdaRecord(12, 'Intent')] } });
    expect((await redriveDlq(none.deps, { all: true }))[0]).toMatchObject({ result: 'failed', records: 0 });
    expect([...incomplete.invoked, ...none.invoked]).toEqual([]);
    expect([...incomplete.dlq.deleted, ...none.dlq.deleted]).toEqual([]);
  });

  it('on a dry run reads and reports, invokes nothing and keeps the message', async () => {
    const h = harness();
    const [o] = await redriveDlq(h.deps, { all: true }, { dryRun: true });
    expect(o).toMatchObject({ result: 'would-redrive', records: 2 });
    expect(h.reads).toHaveLength(1);
    expect(h.invoked).toEqual([]);
    expect(h.dlq.deleted).toEqual([]);
  });

  it('redrives schedules with their input; keeps malformed messages; says when an id is not there', async () => {
    const schedule = entry({ task: 'sweep-timers' }, { id: 'sqs-2', attributes: { TARGET_ARN: 'arn:aws:lambda:eu-central-1:1:function:sweep' } });
    const h = harness({ entries: [entry('not json', { id: 'sqs-bad' }), schedule] });
    const calls: unknown[] = [];
    h.deps.invoker.invokePayload = async (arn, input) => {
      calls.push([arn, input]);
      return { ok: true, batchItemFailures: [] };
    };
    const outcomes = await redriveDlq(h.deps, { all: true });
    expect(outcomes.map((o) => [o.id, o.result])).toEqual([
      ['sqs-bad', 'malformed'],
      ['sqs-2', 'redriven'],
    ]);
    expect(calls).toEqual([['arn:aws:lambda:eu-central-1:1:function:sweep', { task: 'sweep-timers' }]]);
    expect(h.dlq.deleted).toEqual(['sqs-2']);
    expect(h.dlq.released).toEqual(['sqs-bad']);
    expect(await redriveDlq(h.deps, { id: 'sqs-2' })).toEqual([expect.objectContaining({ id: 'sqs-2', result: 'not-found' })]);
  });

  it('takes the queue id as well as the request id, and goes oldest first, in shard order', async () => {
    const later = entry(streamFailure({ requestId: 'req-late', start: '300', end: '300', batchSize: 1, firstArrival: '2026-11-23T11:00:00Z' }), { id: 'sqs-late' });
    const earlier = entry(streamFailure({ requestId: 'req-early', start: '200', end: '200', batchSize: 1, firstArrival: '2026-11-23T11:00:00Z' }), { id: 'sqs-early' });
    const h = harness({ entries: [later, earlier], read: (r) => ({ kind: 'records', records: [lambdaRecord(Number(r.startSequenceNumber))] }) });
    expect((await redriveDlq(h.deps, { all: true })).map((o) => o.id)).toEqual(['req-early', 'req-late']);
    const h2 = harness({ entries: [later, earlier], read: (r) => ({ kind: 'records', records: [lambdaRecord(Number(r.startSequenceNumber))] }) });
    expect((await redriveDlq(h2.deps, { id: 'sqs-late' })).map((o) => [o.id, o.result])).toEqual([['req-late', 'redriven']]);
    expect(h2.dlq.deleted).toEqual(['sqs-late']);
  });
});

describe('listDlq', () => {
  it('shows age and marks batches past the 24-hour retention; releases every message', async () => {
    const old = entry(streamFailure({ requestId: 'req-old', start: '100', end: '100', batchSize: 1, firstArrival: '2026-11-22T11:00:00Z' }), { id: 'a' });
    const fresh = entry(streamFailure({ requestId: 'req-new', start: '200', end: '200', batchSize: 1, firstArrival: '2026-11-23T11:30:00Z' }), { id: 'b' });
    const h = harness({ entries: [fresh, old] });
    const rows = await listDlq(h.deps);
    expect(rows.map((r) => [r.id, r.ageSeconds, r.pastStreamRetention])).toEqual([
      ['req-old', 25 * 3600, true],
      ['req-new', 30 * 60, false],
    ]);
    expect(h.dlq.released.sort()).toEqual(['a', 'b']);
    expect(h.reads).toEqual([]);
  });
});
