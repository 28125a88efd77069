/**
 * Listing and redriving the dead-letter queues, for the operator (`npm run cli -- dlq …`) and for
 * the local stack's `POST /_local/dlq/redrive`: one core, three ports, adapters on AWS (SQS,
 * DynamoDB Streams, Lambda Invoke) and locally (the in-memory DLQ, DynamoDB Local's stream, the
 * handler module itself).
 *
 * A stream consumer's DLQ message describes a failed batch, not its records: Lambda's on-failure
 * destination sends the shard and the first and last sequence numbers. Redriving reads those
 * records back from the stream, keeps the ones the function's event source mapping lets through
 * (its filter criteria), invokes the function with an event of Lambda's exact shape, and deletes
 * the message only when that invocation succeeded with no batchItemFailures. Anything else keeps
 * the message, with the reason. The other DLQs (EventBridge Scheduler's, an EventBridge rule's,
 * Lambda's asynchronous on-failure destination) hold the whole event: that is invoked again as is.
 *
 * Replaying a whole batch is safe even when part of it had succeeded before it was parked: every
 * consumer is idempotent (intents are written only if absent and claimed with a lease before a
 * send; timers and meetings' notices likewise), so a record handled twice changes nothing the
 * second time.
 *
 * DynamoDB Streams keeps records 24 hours. Past that, the records of a parked batch are gone:
 * the redrive says so (`expired`) and keeps the message; what to do then is in `dlq help`.
 *
 * Nothing here reads or returns a record's image: listings and outcomes carry ids, sequence
 * numbers and function names only.
 */
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from '../domain/zod.js';

/** DynamoDB Streams' retention: older records may be trimmed at any moment. */
export const STREAM_RETENTION_HOURS = 24;

// ---------------------------------------------------------------------------------------------
// the messages
// ---------------------------------------------------------------------------------------------

/** One message as a DLQ hands it out. */
export interface DlqEntry {
  /** The queue's own id for it (SQS MessageId; locally the requestId). */
  id: string;
  body: string;
  /** SQS message attributes: EventBridge (Scheduler and rules) names the function in TARGET_ARN. */
  attributes?: Record<string, string>;
  /** When the queue received it (ISO), if the queue says. */
  sentAt?: string;
}

const isoInstant = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO instant'));
const sequenceNumber = z.string().check(z.regex(/^\d+$/, 'not a sequence number'));
const lambdaArn = z.string().check(z.regex(/^arn:[\w-]+:lambda:[\w-]*:\d*:function:[\w-]+(:[\w$-]+)?$/, 'not a Lambda function ARN'));

/** What Lambda sends to a DynamoDB stream mapping's on-failure destination. */
export const StreamBatchFailure = z.object({
  requestContext: z.object({
    requestId: z.string().check(z.minLength(1)),
    functionArn: lambdaArn,
    condition: z.string().check(z.minLength(1)),
    approximateInvokeCount: z.number().check(z.int(), z.nonnegative()),
  }),
  responseContext: z.optional(z.object({ statusCode: z.optional(z.number()), executedVersion: z.optional(z.string()), functionError: z.optional(z.string()) })),
  version: z.string(),
  timestamp: isoInstant,
  DDBStreamBatchInfo: z.object({
    shardId: z.string().check(z.minLength(1)),
    startSequenceNumber: sequenceNumber,
    endSequenceNumber: sequenceNumber,
    approximateArrivalOfFirstRecord: isoInstant,
    approximateArrivalOfLastRecord: isoInstant,
    batchSize: z.number().check(z.int(), z.positive()),
    streamArn: z.string().check(z.regex(/^arn:[\w-]+:dynamodb:/, 'not a DynamoDB stream ARN')),
  }),
}).check(z.refine((m) => compareSequenceNumbers(m.DDBStreamBatchInfo.startSequenceNumber, m.DDBStreamBatchInfo.endSequenceNumber) <= 0, {
  message: 'startSequenceNumber is after endSequenceNumber',
  path: ['DDBStreamBatchInfo'],
}));
export type StreamBatchFailure = z.infer<typeof StreamBatchFailure>;

/** What Lambda sends to an asynchronous invocation's on-failure destination (event-rule functions). */
const AsyncInvokeFailure = z.object({
  requestContext: z.object({
    requestId: z.string().check(z.minLength(1)),
    functionArn: lambdaArn,
    condition: z.string().check(z.minLength(1)),
    approximateInvokeCount: z.number().check(z.int(), z.nonnegative()),
  }),
  timestamp: isoInstant,
  requestPayload: z.unknown(),
});

export interface StreamFailureMessage {
  kind: 'stream';
  /** Lambda's requestId of the failed invocation: what `list` shows and `redrive` takes. */
  id: string;
  functionArn: string;
  functionName: string;
  condition: string;
  approximateInvokeCount: number;
  functionError?: string;
  streamArn: string;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  batchSize: number;
  firstArrival: string;
  lastArrival: string;
  parkedAt: string;
}

/**
 * A failed invocation whose whole event is in the message: EventBridge Scheduler's and an
 * EventBridge rule's dead-letter events (the body is the event; TARGET_ARN names the function),
 * and Lambda's asynchronous on-failure record (`requestPayload`). Redriving invokes the function
 * with that event again. The event is never shown: a rule's event (an SES event) names addresses.
 */
export interface PayloadFailureMessage {
  kind: 'payload';
  source: 'schedule' | 'event-rule' | 'async-invoke';
  id: string;
  functionArn: string;
  functionName: string;
  payload: unknown;
  condition: string;
  parkedAt?: string;
}

export interface MalformedMessage {
  kind: 'malformed';
  id: string;
  /** Field paths and what is wrong with them; never the values. */
  problem: string;
}

export type DlqMessage = StreamFailureMessage | PayloadFailureMessage | MalformedMessage;

export function functionNameOf(functionArn: string): string {
  return functionArn.split(':')[6] ?? functionArn;
}

function issuesOf(error: z.core.$ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
}

/**
 * Reads one DLQ message: a stream batch description (Lambda's on-failure destination), an
 * EventBridge Scheduler or rule dead-letter event (the event, the function in TARGET_ARN), or
 * Lambda's asynchronous on-failure record. Anything else is `malformed`, with the fields at fault
 * and never their values.
 */
export function parseDlqMessage(entry: DlqEntry): DlqMessage {
  let json: unknown;
  try {
    json = JSON.parse(entry.body);
  } catch {
    return { kind: 'malformed', id: entry.id, problem: 'the body is not JSON' };
  }
  const isObject = json !== null && typeof json === 'object' && !Array.isArray(json);
  if (isObject && 'requestPayload' in (json as object) && !('DDBStreamBatchInfo' in (json as object))) {
    const parsed = AsyncInvokeFailure.safeParse(json);
    if (!parsed.success) return { kind: 'malformed', id: entry.id, problem: `not an asynchronous invocation record: ${issuesOf(parsed.error)}` };
    const m = parsed.data;
    return {
      kind: 'payload',
      source: 'async-invoke',
      id: m.requestContext.requestId,
      functionArn: m.requestContext.functionArn,
      functionName: functionNameOf(m.requestContext.functionArn),
      payload: m.requestPayload,
      condition: m.requestContext.condition,
      parkedAt: new Date(m.timestamp).toISOString(),
    };
  }
  if (isObject && ('DDBStreamBatchInfo' in (json as object) || 'requestContext' in (json as object))) {
    const parsed = StreamBatchFailure.safeParse(json);
    if (!parsed.success) return { kind: 'malformed', id: entry.id, problem: `not a stream batch description: ${issuesOf(parsed.error)}` };
    const m = parsed.data;
    const info = m.DDBStreamBatchInfo;
    return {
      kind: 'stream',
      id: m.requestContext.requestId,
      functionArn: m.requestContext.functionArn,
      functionName: functionNameOf(m.requestContext.functionArn),
      condition: m.requestContext.condition,
      approximateInvokeCount: m.requestContext.approximateInvokeCount,
      ...(m.responseContext?.functionError ? { functionError: m.responseContext.functionError } : {}),
      streamArn: info.streamArn,
      shardId: info.shardId,
      startSequenceNumber: info.startSequenceNumber,
      endSequenceNumber: info.endSequenceNumber,
      batchSize: info.batchSize,
      firstArrival: new Date(info.approximateArrivalOfFirstRecord).toISOString(),
      lastArrival: new Date(info.approximateArrivalOfLastRecord).toISOString(),
      parkedAt: new Date(m.timestamp).toISOString(),
    };
  }
  const target = entry.attributes?.TARGET_ARN;
  if (target !== undefined) {
    const arn = lambdaArn.safeParse(target);
    if (!arn.success) return { kind: 'malformed', id: entry.id, problem: 'TARGET_ARN: not a Lambda function ARN' };
    if (!isObject) return { kind: 'malformed', id: entry.id, problem: 'a dead-letter event whose body is not a JSON object (the event)' };
    const attrs = entry.attributes ?? {};
    return {
      kind: 'payload',
      // A rule's dead-letter event names its rule; Scheduler's names its schedule.
      source: attrs.RULE_ARN !== undefined ? 'event-rule' : 'schedule',
      id: entry.id,
      functionArn: arn.data,
      functionName: functionNameOf(arn.data),
      payload: json,
      condition: attrs.EXHAUSTED_RETRY_CONDITION ?? attrs.ERROR_CODE ?? 'RetriesExhausted',
      ...(entry.sentAt ? { parkedAt: entry.sentAt } : {}),
    };
  }
  return {
    kind: 'malformed',
    id: entry.id,
    problem:
      'neither a stream batch description (DDBStreamBatchInfo), an EventBridge dead-letter event (TARGET_ARN attribute) nor an asynchronous invocation record (requestPayload)',
  };
}

/**
 * Orders two stream sequence numbers. They are decimal strings longer than a double holds
 * exactly (21+ digits), so they are compared as numbers written out, never with Number().
 */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// ports
// ---------------------------------------------------------------------------------------------

export interface DlqSource {
  /** Every message now in the queue. SQS hides what it hands out until `release` or deletion. */
  list(): Promise<DlqEntry[]>;
  delete(entry: DlqEntry): Promise<void>;
  /** The caller is done with these (not deleted): make them visible again at once. */
  release?(entries: DlqEntry[]): Promise<void>;
}

export interface StreamRange {
  streamArn: string;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
}

export type RangeRead =
  /** Every record from start to end inclusive, in shard order, in Lambda's record shape. */
  | { kind: 'records'; records: DynamoDBRecord[] }
  /** The start of the range is past the stream's retention (or the shard or stream is gone). */
  | { kind: 'expired'; reason: string }
  /** The end of the range was not reached (the shard ended, or the stream kept answering empty). */
  | { kind: 'incomplete'; reason: string };

export interface StreamReader {
  readRange(range: StreamRange): Promise<RangeRead>;
}

export type InvokeResult = { ok: true; batchItemFailures: string[] } | { ok: false; error: string };

export interface FunctionInvoker {
  /** Which of a stream's records the function's event source mapping passes (its filter criteria). */
  recordFilter(functionArn: string, streamArn: string): Promise<(record: DynamoDBRecord) => boolean>;
  invokeStream(functionArn: string, event: DynamoDBStreamEvent): Promise<InvokeResult>;
  /** Invokes with a parked event as it is (a schedule's input, a rule's event, a requestPayload). */
  invokePayload(functionArn: string, payload: unknown): Promise<InvokeResult>;
}

export interface DlqDeps {
  dlq: DlqSource;
  streams: StreamReader;
  invoker: FunctionInvoker;
  /** Real time: ages are measured against the stream's arrival times. */
  now: () => Date;
}

// ---------------------------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------------------------

export interface DlqRow {
  id: string;
  kind: DlqMessage['kind'];
  functionName?: string;
  condition?: string;
  shardId?: string;
  startSequenceNumber?: string;
  endSequenceNumber?: string;
  batchSize?: number;
  /** Payload kinds only: schedule, event-rule or async-invoke. */
  source?: PayloadFailureMessage['source'];
  /** Stream: the batch's first record's arrival; payload: when it was parked, if known. */
  firstArrival?: string;
  ageSeconds?: number;
  /** Stream only: the first record is older than the stream's retention, so it is likely gone. */
  pastStreamRetention?: boolean;
  /** Malformed only. */
  problem?: string;
}

export function rowOf(message: DlqMessage, now: Date): DlqRow {
  const age = (iso: string | undefined) => (iso === undefined ? undefined : Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000)));
  switch (message.kind) {
    case 'stream': {
      const ageSeconds = age(message.firstArrival)!;
      return {
        id: message.id,
        kind: 'stream',
        functionName: message.functionName,
        condition: message.condition,
        shardId: message.shardId,
        startSequenceNumber: message.startSequenceNumber,
        endSequenceNumber: message.endSequenceNumber,
        batchSize: message.batchSize,
        firstArrival: message.firstArrival,
        ageSeconds,
        pastStreamRetention: ageSeconds > STREAM_RETENTION_HOURS * 3600,
      };
    }
    case 'payload':
      return {
        id: message.id,
        kind: 'payload',
        source: message.source,
        functionName: message.functionName,
        condition: message.condition,
        ...(message.parkedAt ? { firstArrival: message.parkedAt, ageSeconds: age(message.parkedAt) } : {}),
      };
    case 'malformed':
      return { id: message.id, kind: 'malformed', problem: message.problem };
  }
}

/** Oldest first, and within a shard in shard order: the order a redrive of `--all` follows. */
function byArrival(a: { message: DlqMessage }, b: { message: DlqMessage }): number {
  const key = (m: DlqMessage) => (m.kind === 'stream' ? m.firstArrival : m.kind === 'payload' ? (m.parkedAt ?? '') : '');
  const ka = key(a.message);
  const kb = key(b.message);
  if (a.message.kind === 'stream' && b.message.kind === 'stream' && a.message.shardId === b.message.shardId) {
    return compareSequenceNumbers(a.message.startSequenceNumber, b.message.startSequenceNumber);
  }
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

async function readAll(dlq: DlqSource): Promise<{ entry: DlqEntry; message: DlqMessage }[]> {
  return (await dlq.list()).map((entry) => ({ entry, message: parseDlqMessage(entry) })).sort(byArrival);
}

export async function listDlq(deps: Pick<DlqDeps, 'dlq' | 'now'>): Promise<DlqRow[]> {
  const all = await readAll(deps.dlq);
  try {
    const now = deps.now();
    return all.map(({ message }) => rowOf(message, now));
  } finally {
    await deps.dlq.release?.(all.map((m) => m.entry));
  }
}

// ---------------------------------------------------------------------------------------------
// redrive
// ---------------------------------------------------------------------------------------------

export type RedriveResult =
  /** Invoked successfully; the message was deleted. */
  | 'redriven'
  /** Dry run: what would be invoked; nothing was. */
  | 'would-redrive'
  /** The batch's records are past the stream's retention; the message stays. */
  | 'expired'
  /** Reading, filtering or invoking failed, or the function reported failures; the message stays. */
  | 'failed'
  | 'malformed'
  | 'not-found';

export interface RedriveOutcome {
  id: string;
  result: RedriveResult;
  functionName?: string;
  /** How many records were (or would be) replayed. */
  records?: number;
  detail: string;
}

export type Selection = { all: true } | { id: string };

export interface RedriveOptions {
  dryRun?: boolean;
}

const RUNBOOK = 'see `npm run cli -- dlq help` (what to do when records are gone)';

async function redriveOne(deps: DlqDeps, entry: DlqEntry, message: DlqMessage, options: RedriveOptions): Promise<RedriveOutcome> {
  if (message.kind === 'malformed') return { id: message.id, result: 'malformed', detail: `${message.problem}; message kept` };
  const base = { id: message.id, functionName: message.functionName };
  try {
    if (message.kind === 'payload') {
      const what = message.source === 'schedule' ? 'the schedule input' : 'the parked event';
      if (options.dryRun) return { ...base, result: 'would-redrive', detail: `would invoke with ${what}; dry run: nothing invoked, message kept` };
      const result = await deps.invoker.invokePayload(message.functionArn, message.payload);
      if (!result.ok) return { ...base, result: 'failed', detail: `${result.error}; message kept` };
      await deps.dlq.delete(entry);
      return { ...base, result: 'redriven', detail: `invoked with ${what}; message deleted` };
    }

    const read = await deps.streams.readRange({
      streamArn: message.streamArn,
      shardId: message.shardId,
      startSequenceNumber: message.startSequenceNumber,
      endSequenceNumber: message.endSequenceNumber,
    });
    if (read.kind === 'expired') {
      return { ...base, result: 'expired', detail: `records gone from the stream (${read.reason}; retention is ${STREAM_RETENTION_HOURS} h); message kept; ${RUNBOOK}` };
    }
    if (read.kind === 'incomplete') return { ...base, result: 'failed', detail: `could not read the whole range: ${read.reason}; message kept` };
    const passes = await deps.invoker.recordFilter(message.functionArn, message.streamArn);
    const records = read.records.filter(passes);
    if (records.length === 0) {
      return { ...base, result: 'failed', records: 0, detail: `none of the ${read.records.length} records in the range passes the function's filters; message kept` };
    }
    const mismatch = records.length === message.batchSize ? '' : ` (the message says ${message.batchSize})`;
    const range = `${message.startSequenceNumber}..${message.endSequenceNumber}`;
    if (options.dryRun) {
      return { ...base, result: 'would-redrive', records: records.length, detail: `would replay ${records.length} record(s)${mismatch}, ${range}; dry run: nothing invoked, message kept` };
    }
    const result = await deps.invoker.invokeStream(message.functionArn, { Records: records });
    if (!result.ok) return { ...base, result: 'failed', records: records.length, detail: `${result.error}; message kept` };
    if (result.batchItemFailures.length > 0) {
      return {
        ...base,
        result: 'failed',
        records: records.length,
        detail: `the function reported ${result.batchItemFailures.length} failed record(s) (sequence numbers ${result.batchItemFailures.join(', ')}); message kept`,
      };
    }
    await deps.dlq.delete(entry);
    return { ...base, result: 'redriven', records: records.length, detail: `replayed ${records.length} record(s)${mismatch}, ${range}; message deleted` };
  } catch (err) {
    // An adapter's own failure (network, permissions): the name and message of the SDK's error,
    // which name resources, never record contents.
    const e = err as Error;
    return { ...base, result: 'failed', detail: `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}; message kept` };
  }
}

/**
 * Redrives one message (by the id `list` shows, or the queue's own id) or all of them, oldest
 * first and one at a time, so records of one shard are replayed in shard order.
 */
export async function redriveDlq(deps: DlqDeps, selection: Selection, options: RedriveOptions = {}): Promise<RedriveOutcome[]> {
  const all = await readAll(deps.dlq);
  const deleted = new Set<DlqEntry>();
  try {
    const chosen = 'all' in selection ? all : all.filter(({ entry, message }) => message.id === selection.id || entry.id === selection.id);
    if (!('all' in selection) && chosen.length === 0) {
      return [{ id: selection.id, result: 'not-found', detail: 'no such message in the DLQ (already redriven, or another id?)' }];
    }
    const outcomes: RedriveOutcome[] = [];
    for (const { entry, message } of chosen) {
      const outcome = await redriveOne(deps, entry, message, options);
      if (outcome.result === 'redriven') deleted.add(entry);
      outcomes.push(outcome);
    }
    return outcomes;
  } finally {
    await deps.dlq.release?.(all.map((m) => m.entry).filter((e) => !deleted.has(e)));
  }
}

/** Succeeded means: nothing asked for is left undone (an empty DLQ is success). */
export function allRedriven(outcomes: readonly RedriveOutcome[]): boolean {
  return outcomes.every((o) => o.result === 'redriven' || o.result === 'would-redrive');
}

// ---------------------------------------------------------------------------------------------
// edges: what the local endpoint answers, read back by the CLI
// ---------------------------------------------------------------------------------------------

export const RedriveOutcomeSchema = z.object({
  id: z.string(),
  result: z.enum(['redriven', 'would-redrive', 'expired', 'failed', 'malformed', 'not-found']),
  functionName: z.optional(z.string()),
  records: z.optional(z.number().check(z.int(), z.nonnegative())),
  detail: z.string(),
});

export const RedriveRequest = z.union([
  z.strictObject({ all: z.literal(true), dryRun: z.optional(z.boolean()) }),
  z.strictObject({ id: z.string().check(z.minLength(1)), dryRun: z.optional(z.boolean()) }),
]);
export type RedriveRequest = z.infer<typeof RedriveRequest>;
