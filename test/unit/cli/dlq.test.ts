import { InvokeCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityBatchCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { formatAge, parseDlqArgs, runDlq, type DlqCliDeps } from '../../../cli/dlq.js';
import { LambdaInvoker, SqsDlqSource } from '../../../cli/dlq-aws.js';
import type { DlqDeps, DlqEntry, RangeRead } from '../../../shared/ops/dlq.js';

const STREAM_ARN = 'arn:aws:dynamodb:eu-central-1:123456789012:table/referrals/stream/2026-11-01T00:00:00.000';
const FUNCTION_ARN = 'arn:aws:lambda:eu-central-1:123456789012:function:ReferralsStack-RouteReferralsFunction-AbC123';
const QUEUE = 'https://sqs.eu-central-1.amazonaws.com/123456789012/ReferralsStack-RouteReferralsDlq-XYZ';
const UUID = '6f1c2b7e-1d2a-4c55-9a9e-0b9d8d1f4e21';

describe('dlq command line', () => {
  it('reads list and redrive against AWS (flag or DLQ_URL) and locally', () => {
    expect(parseDlqArgs(['list', '--queue-url', QUEUE])).toEqual({ command: 'list', target: { kind: 'aws', queueUrl: QUEUE }, json: false });
    expect(parseDlqArgs(['list', '--json'], { DLQ_URL: QUEUE })).toEqual({ command: 'list', target: { kind: 'aws', queueUrl: QUEUE }, json: true });
    expect(parseDlqArgs(['redrive', UUID, '--dry-run'], { DLQ_URL: QUEUE })).toMatchObject({ command: 'redrive', selection: { id: UUID }, dryRun: true });
    expect(parseDlqArgs(['redrive', '--all', '--queue-url', QUEUE])).toMatchObject({ command: 'redrive', selection: { all: true }, dryRun: false });
  });

  it('gives --local an optional url or port, never swallowing a message id', () => {
    const local = (argv: string[], env = {}) => (parseDlqArgs(argv, env) as { target: unknown }).target;
    expect(local(['list', '--local'])).toEqual({ kind: 'local', endpoint: 'http://127.0.0.1:3000' });
    expect(local(['list', '--local'], { API_PORT: '3100' })).toEqual({ kind: 'local', endpoint: 'http://127.0.0.1:3100' });
    expect(local(['list', '--local', '4000'])).toEqual({ kind: 'local', endpoint: 'http://127.0.0.1:4000' });
    expect(local(['list', '--local', 'http://localhost:5000/'])).toEqual({ kind: 'local', endpoint: 'http://localhost:5000' });
    expect(parseDlqArgs(['redrive', '--local', UUID])).toEqual({ command: 'redrive', target: { kind: 'local', endpoint: 'http://127.0.0.1:3000' }, selection: { id: UUID }, dryRun: false, json: false });
    expect(parseDlqArgs(['redrive', UUID, '--local'])).toMatchObject({ selection: { id: UUID } });
  });

  it('refuses what does not make sense, saying why', () => {
    const err = (argv: string[], env = {}) => parseDlqArgs(argv, env) as string;
    expect(err(['list'])).toContain('which DLQ?');
    expect(err(['list', '--local', '--queue-url', QUEUE])).toContain('not both');
    expect(err(['list', '--queue-url', 'http://insecure/queue'])).toContain('https://');
    expect(err(['redrive', '--local'])).toContain('which message?');
    expect(err(['redrive', UUID, '--all', '--local'])).toContain('not both');
    expect(err(['redrive', 'a', 'b', '--local'])).toContain('one message id');
    expect(err(['list', '--all', '--local'])).toContain('belong to redrive');
    expect(err(['list', '--bogus', '--local'])).toContain('--bogus');
    expect(err(['purge'])).toContain('unknown subcommand');
    expect(parseDlqArgs([])).toEqual({ command: 'help' });
  });

  it('exits 2 on a wrong command line and prints the usage', async () => {
    const r = await runDlq(['redrive', '--local']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('Usage: npm run cli -- dlq');
    const help = await runDlq(['help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('When records are gone');
  });

  it('formats ages', () => {
    expect([5, 125, 3 * 3600 + 120, 25 * 3600, 3 * 86400 + 7200].map(formatAge)).toEqual(['5s', '2m', '3h 2m', '25h 0m', '3d 2h']);
    expect(formatAge(undefined)).toBe('-');
  });
});

// ------------------------------------------------------------------------------------ printing, with fake adapters

const failure = (requestId: string, start: string, firstArrival: string) => ({
  requestContext: { requestId, functionArn: FUNCTION_ARN, condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  version: '1.0',
  timestamp: firstArrival,
  DDBStreamBatchInfo: {
    shardId: 'shardId-00000001700000000000-aaaa',
    startSequenceNumber: start,
    endSequenceNumber: start,
    approximateArrivalOfFirstRecord: firstArrival,
    approximateArrivalOfLastRecord: firstArrival,
    batchSize: 1,
    streamArn: STREAM_ARN,
  },
});

function record(seq: string): DynamoDBRecord {
  return {
    eventID: `ev-${seq}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    eventSourceARN: STREAM_ARN,
    dynamodb: { SequenceNumber: seq, Keys: { pk: { S: 'CASE#1' } }, NewImage: { givenName: { S: 'Arben' }, phone: { S: '+38349555123' } } },
  };
}

function fakeAws(entries: DlqEntry[], read: RangeRead | undefined = undefined, invokeOk = true) {
  const deleted: string[] = [];
  const deps: DlqDeps = {
    dlq: {
      list: async () => entries.filter((e) => !deleted.includes(e.id)),
      delete: async (e) => void deleted.push(e.id),
    },
    streams: { readRange: async (r) => read ?? { kind: 'records', records: [record(r.startSequenceNumber)] } },
    invoker: {
      recordFilter: async () => () => true,
      invokeStream: async () => (invokeOk ? { ok: true, batchItemFailures: [] } : { ok: false, error: 'the function failed (Unhandled: RoutingError)' }),
      invokePayload: async () => ({ ok: true, batchItemFailures: [] }),
    },
    now: () => new Date(),
  };
  const cliDeps: DlqCliDeps = { env: { DLQ_URL: QUEUE }, now: () => new Date('2026-11-23T12:00:00Z'), awsDeps: () => deps };
  return { cliDeps, deleted };
}

describe('dlq list and redrive output', () => {
  const entries: DlqEntry[] = [
    { id: 'm1', body: JSON.stringify(failure('req-a', '100000000000000000011', '2026-11-23T11:58:00Z')) },
    { id: 'm2', body: JSON.stringify(failure('req-b', '100000000000000000005', '2026-11-22T09:00:00Z')) },
    { id: 'm3', body: '{"oops": ' },
  ];

  it('lists each message with id, function, condition, shard, range, size, arrival and age; never an image', async () => {
    const { cliDeps } = fakeAws(entries);
    const r = await runDlq(['list'], cliDeps);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^id\s+function\s+condition\s+shard\s+sequence range\s+batch\s+first arrival\s+age$/);
    // Malformed first (nothing to date them by), then oldest first; the one past 24 h is marked.
    expect(lines[1]).toMatch(/^m3\s+-\s+MALFORMED/);
    expect(lines[2]).toMatch(/^req-b\s+ReferralsStack-RouteReferralsFunction-AbC123\s+RetryAttemptsExhausted\s+shardId-00000001700000000000-aaaa\s+100000000000000000005\s+1\s+2026-11-22T09:00:00.000Z\s+27h 0m \(past 24 h: records likely gone\)$/);
    expect(lines[3]).toMatch(/^req-a\s+.*\s+2m$/);
    expect(r.stdout).toContain('m3: the body is not JSON');
    expect(r.stdout).toContain("3 messages, 1 past the stream's 24-hour retention");
    expect(r.stdout).not.toContain('Arben');

    const json = JSON.parse((await runDlq(['list', '--json'], cliDeps)).stdout);
    expect(json.map((row: { id: string }) => row.id)).toEqual(['m3', 'req-b', 'req-a']);
  });

  it('lists a scheduler dead-letter event by its queue id, never printing the event', async () => {
    const sweepArn = 'arn:aws:lambda:eu-central-1:123456789012:function:ReferralsStack-SweepTimersFunction-X';
    const { cliDeps } = fakeAws([{ id: 'sqs-9', body: '{"task":"sweep-timers"}', attributes: { TARGET_ARN: sweepArn, ERROR_CODE: 'Lambda.TooManyRequestsException' }, sentAt: '2026-11-23T11:00:00.000Z' }]);
    const r = await runDlq(['list'], cliDeps);
    expect(r.stdout).toMatch(/^sqs-9\s+ReferralsStack-SweepTimersFunction-X\s+Lambda\.TooManyRequestsException\s+\(schedule\)\s+-\s+-\s+2026-11-23T11:00:00.000Z\s+1h 0m$/m);
    expect(r.stdout).not.toContain('sweep-timers"');
  });

  it('redrives: prints each outcome; exit 0 only when every message asked for was redriven', async () => {
    const ok = fakeAws(entries.slice(0, 1));
    const done = await runDlq(['redrive', 'req-a'], ok.cliDeps);
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toMatch(/redriven\s+req-a\s+ReferralsStack-RouteReferralsFunction-AbC123\s+replayed 1 record\(s\), 100000000000000000011\.\.100000000000000000011; message deleted/);
    expect(ok.deleted).toEqual(['m1']);
    expect(done.stdout).not.toContain('Arben');
    expect((await runDlq(['redrive', '--all'], ok.cliDeps)).stdout).toContain('DLQ empty: nothing to redrive.');

    const failing = fakeAws(entries.slice(0, 1), undefined, false);
    const failed = await runDlq(['redrive', '--all'], failing.cliDeps);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain('FAILED');
    expect(failed.stdout).toContain('0 redriven, 1 kept in the DLQ.');
    expect(failing.deleted).toEqual([]);

    const gone = fakeAws(entries.slice(1, 2), { kind: 'expired', reason: 'TrimmedDataAccessException' });
    const expired = await runDlq(['redrive', 'req-b'], gone.cliDeps);
    expect(expired.exitCode).toBe(1);
    expect(expired.stdout).toMatch(/EXPIRED\s+req-b/);
    expect(expired.stdout).toContain('dlq help');
    expect(gone.deleted).toEqual([]);

    expect((await runDlq(['redrive', 'nope'], ok.cliDeps)).stdout).toContain('NOT FOUND');
  });

  it('talks to the local stack over HTTP with --local', async () => {
    const requests: { url: string; method: string; body?: string }[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      requests.push({ url, method: init?.method ?? 'GET', ...(init?.body ? { body: String(init.body) } : {}) });
      const body = url.endsWith('/_local/dlq')
        ? { messages: [{ ...failure('req-a', '000000000000000000026', '2026-11-23T11:59:00Z'), records: [{ eventID: 'e', sequenceNumber: '26', key: 'CASE#1' }] }] }
        : { outcomes: [{ id: 'req-a', result: 'redriven', functionName: 'route-referrals', records: 1, detail: 'replayed 1 record(s); message deleted' }] };
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof fetch;
    const deps = { env: {}, fetch: fakeFetch, now: () => new Date('2026-11-23T12:00:00Z') };
    const list = await runDlq(['list', '--local', '3456'], deps);
    expect(list.stdout).toMatch(/^req-a\s+ReferralsStack-RouteReferralsFunction-AbC123\s+RetryAttemptsExhausted\s+\S+\s+000000000000000000026\s+1\s+\S+\s+1m$/m);
    expect(list.stdout).not.toContain('CASE#1');
    const redrive = await runDlq(['redrive', 'req-a', '--local', '3456', '--dry-run'], deps);
    expect(redrive.exitCode).toBe(0);
    expect(requests).toEqual([
      { url: 'http://127.0.0.1:3456/_local/dlq', method: 'GET' },
      { url: 'http://127.0.0.1:3456/_local/dlq/redrive', method: 'POST', body: JSON.stringify({ id: 'req-a', dryRun: true }) },
    ]);

    const down = await runDlq(['list', '--local'], { env: {}, fetch: (async () => Promise.reject(new TypeError('fetch failed'))) as typeof fetch });
    expect(down.exitCode).toBe(1);
    expect(down.stdout).toContain('cannot reach the local stack at http://127.0.0.1:3000');
  });
});

// ------------------------------------------------------------------------------------ AWS adapters

describe('SqsDlqSource', () => {
  it('receives every message (hidden meanwhile), deletes by receipt handle, releases the rest at once', async () => {
    const pages = [
      [
        { MessageId: 'm1', ReceiptHandle: 'rh1', Body: '{}', Attributes: { SentTimestamp: '1795431600000' }, MessageAttributes: { TARGET_ARN: { DataType: 'String', StringValue: FUNCTION_ARN } } },
        { MessageId: 'm2', ReceiptHandle: 'rh2', Body: '{}' },
      ],
      [],
    ];
    const sent: { name: string; input: Record<string, any> }[] = [];
    const client = {
      send: async (c: ReceiveMessageCommand | DeleteMessageCommand | ChangeMessageVisibilityBatchCommand) => {
        const name = c instanceof ReceiveMessageCommand ? 'receive' : c instanceof DeleteMessageCommand ? 'delete' : 'release';
        sent.push({ name, input: c.input as Record<string, any> });
        return name === 'receive' ? { Messages: pages.shift() ?? [] } : {};
      },
    };
    const source = new SqsDlqSource(client as never, QUEUE);
    const entries = await source.list();
    expect(entries).toEqual([
      { id: 'm1', body: '{}', attributes: { TARGET_ARN: FUNCTION_ARN }, sentAt: '2026-11-23T11:00:00.000Z' },
      { id: 'm2', body: '{}', attributes: {} },
    ]);
    expect(sent[0]!.input).toMatchObject({ QueueUrl: QUEUE, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] });
    expect(sent[0]!.input.VisibilityTimeout).toBeGreaterThanOrEqual(300);
    await source.delete(entries[0]!);
    await source.release(entries);
    expect(sent.slice(2)).toEqual([
      { name: 'delete', input: { QueueUrl: QUEUE, ReceiptHandle: 'rh1' } },
      { name: 'release', input: { QueueUrl: QUEUE, Entries: [{ Id: '0', ReceiptHandle: 'rh2', VisibilityTimeout: 0 }] } },
    ]);
  });
});

describe('LambdaInvoker', () => {
  const invoker = (answer: { FunctionError?: string; Payload?: string }, mappings: unknown[] = []) => {
    const sent: { name: string; input: Record<string, any> }[] = [];
    const client = {
      send: async (c: InvokeCommand | ListEventSourceMappingsCommand) => {
        if (c instanceof ListEventSourceMappingsCommand) {
          sent.push({ name: 'list', input: c.input as Record<string, any> });
          return { EventSourceMappings: mappings };
        }
        sent.push({ name: 'invoke', input: c.input as Record<string, any> });
        return { StatusCode: 200, ...(answer.FunctionError ? { FunctionError: answer.FunctionError } : {}), ...(answer.Payload !== undefined ? { Payload: new TextEncoder().encode(answer.Payload) } : {}) };
      },
    };
    return { invoker: new LambdaInvoker(client as never), sent };
  };
  const event = { Records: [record('1')] };

  it('invokes RequestResponse with the event; null or an empty batchItemFailures is success', async () => {
    const { invoker: a, sent } = invoker({ Payload: 'null' });
    expect(await a.invokeStream(FUNCTION_ARN, event)).toEqual({ ok: true, batchItemFailures: [] });
    expect(sent[0]!.input).toMatchObject({ FunctionName: FUNCTION_ARN, InvocationType: 'RequestResponse' });
    expect(JSON.parse(new TextDecoder().decode(sent[0]!.input.Payload))).toEqual(event);
    expect(await invoker({ Payload: '{"batchItemFailures":[]}' }).invoker.invokeStream(FUNCTION_ARN, event)).toEqual({ ok: true, batchItemFailures: [] });
  });

  it('reads failed records, and counts a FunctionError as a failure (its type only)', async () => {
    expect(await invoker({ Payload: '{"batchItemFailures":[{"itemIdentifier":"1"}]}' }).invoker.invokeStream(FUNCTION_ARN, event)).toEqual({ ok: true, batchItemFailures: ['1'] });
    const failed = await invoker({ FunctionError: 'Unhandled', Payload: '{"errorType":"RoutingError","errorMessage":"case CASE#1 of Arben not found"}' }).invoker.invokeStream(FUNCTION_ARN, event);
    expect(failed).toEqual({ ok: false, error: 'the function failed (Unhandled: RoutingError)' });
    expect(JSON.stringify(failed)).not.toContain('Arben');
    expect((await invoker({ FunctionError: 'Unhandled', Payload: '{}' }).invoker.invokePayload(FUNCTION_ARN, { task: 'sweep-timers' })).ok).toBe(false);
    expect((await invoker({ Payload: '"not a batch response"' }).invoker.invokeStream(FUNCTION_ARN, event)).ok).toBe(false);
  });

  it("filters records with the mapping's own filter criteria", async () => {
    const pattern = JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Referral'] } } } });
    const { invoker: a, sent } = invoker({}, [{ FilterCriteria: { Filters: [{ Pattern: pattern }] } }]);
    const passes = await a.recordFilter(FUNCTION_ARN, STREAM_ARN);
    expect(sent[0]!.input).toEqual({ FunctionName: FUNCTION_ARN, EventSourceArn: STREAM_ARN });
    const referral = { ...record('1'), dynamodb: { ...record('1').dynamodb, NewImage: { type: { S: 'Referral' } } } };
    const intent = { ...record('2'), dynamodb: { ...record('2').dynamodb, NewImage: { type: { S: 'Intent' } } } };
    expect([referral, intent].map(passes)).toEqual([true, false]);
    await expect(invoker({}, []).invoker.recordFilter(FUNCTION_ARN, STREAM_ARN)).rejects.toThrow('no event source mapping');
  });
});
