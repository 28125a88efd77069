/**
 * The DLQ redrive, locally: the same core as `npm run cli -- dlq redrive` on AWS
 * (shared/ops/dlq.ts), with local adapters: the DLQ is the stack's in-memory list, the stream
 * reader reads DynamoDB Local's stream, and the "function" is the very handler module the poller
 * or the scheduler runs. The stack serves it at `POST /_local/dlq/redrive`.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { FUNCTIONS, type FunctionDeclaration } from '../events/triggers.js';
import { DynamoDbStreamReader } from '../shared/ops/dlq-stream-reader.js';
import {
  functionNameOf,
  redriveDlq,
  RedriveRequest,
  type DlqEntry,
  type DlqSource,
  type FunctionInvoker,
  type InvokeResult,
  type RedriveOutcome,
} from '../shared/ops/dlq.js';
import { passesFilters } from '../shared/stream/filter-pattern.js';
import type { ScheduledHandler } from './scheduler.js';
import type { DlqMessage, StreamHandler } from './stream-poller.js';

/** The local scheduler parks its failures in the stream's message shape, marked with this ARN. */
const SCHEDULER_MARK = 'scheduler';

function declarationNamed(name: string): FunctionDeclaration | undefined {
  return Object.values(FUNCTIONS).find((f) => f.name === name);
}

/**
 * One local DLQ message as the queue would hand it out on AWS: a stream batch description as
 * Lambda sends it (without the local-only `records` list), or, for a schedule, what EventBridge
 * Scheduler parks: the schedule's input as the body and the function in TARGET_ARN.
 */
export function localDlqEntry(message: unknown): DlqEntry {
  const m = (message ?? {}) as Partial<DlqMessage>;
  const id = m.requestContext?.requestId ?? '';
  if (m.DDBStreamBatchInfo?.streamArn === SCHEDULER_MARK && m.requestContext) {
    const name = functionNameOf(m.requestContext.functionArn);
    const decl = declarationNamed(name);
    return {
      id,
      body: JSON.stringify(decl?.trigger.kind === 'schedule' ? decl.trigger.input : null),
      attributes: { TARGET_ARN: m.requestContext.functionArn, ...(m.responseContext?.functionError ? { ERROR_CODE: m.responseContext.functionError } : {}) },
      ...(m.timestamp ? { sentAt: m.timestamp } : {}),
    };
  }
  const { records: _localOnly, ...asLambdaSendsIt } = m;
  return { id, body: JSON.stringify(asLambdaSendsIt), ...(m.timestamp ? { sentAt: m.timestamp } : {}) };
}

/** The stack's in-memory DLQ; deleting removes the message from the list `GET /_local/dlq` shows. */
export class InMemoryDlqSource implements DlqSource {
  private readonly origin = new Map<DlqEntry, DlqMessage>();

  constructor(private readonly messages: DlqMessage[]) {}

  async list(): Promise<DlqEntry[]> {
    this.origin.clear();
    return this.messages.map((m) => {
      const entry = localDlqEntry(m);
      this.origin.set(entry, m);
      return entry;
    });
  }

  async delete(entry: DlqEntry): Promise<void> {
    const i = this.messages.indexOf(this.origin.get(entry)!);
    if (i >= 0) this.messages.splice(i, 1);
  }
}

function lambdaContext(decl: FunctionDeclaration | undefined, name: string, functionArn: string): Context {
  const deadline = Date.now() + (decl?.timeoutSeconds ?? 30) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(decl?.memoryMb ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local-redrive',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Calls the handler module in-process, as the poller or the scheduler does. */
export class HandlerInvoker implements FunctionInvoker {
  constructor(
    private readonly streamHandlers: Record<string, StreamHandler>,
    private readonly scheduledHandlers: Record<string, ScheduledHandler>,
    private readonly onInvoke?: LocalRedriveOptions['onInvoke'],
  ) {}

  async recordFilter(functionArn: string): Promise<(record: DynamoDBRecord) => boolean> {
    const decl = declarationNamed(functionNameOf(functionArn));
    if (decl?.trigger.kind !== 'dynamodb-stream') throw new Error(`${functionNameOf(functionArn)} is not declared as a stream function`);
    // The declared filters: the same ones the local poller (and the CDK mapping) applies.
    const filters = decl.trigger.filters;
    return (record) => passesFilters(record, filters);
  }

  async invokeStream(functionArn: string, event: DynamoDBStreamEvent): Promise<InvokeResult> {
    const name = functionNameOf(functionArn);
    const handler = this.streamHandlers[name];
    if (!handler) return { ok: false, error: `no local stream handler named ${name}` };
    try {
      const response = await handler(structuredClone(event), lambdaContext(declarationNamed(name), name, functionArn));
      this.onInvoke?.(name, event, { response });
      return { ok: true, batchItemFailures: (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier) };
    } catch (err) {
      this.onInvoke?.(name, event, { error: err });
      // Only the error's name, as Lambda's FunctionError would carry: messages may quote data.
      return { ok: false, error: `the function failed (Unhandled: ${(err as Error)?.name ?? 'Error'})` };
    }
  }

  async invokePayload(functionArn: string, payload: unknown): Promise<InvokeResult> {
    const name = functionNameOf(functionArn);
    const handler = this.scheduledHandlers[name];
    if (!handler) return { ok: false, error: `no local scheduled handler named ${name}` };
    try {
      await handler(structuredClone(payload) as Record<string, unknown>);
      return { ok: true, batchItemFailures: [] };
    } catch (err) {
      return { ok: false, error: `the function failed (Unhandled: ${(err as Error)?.name ?? 'Error'})` };
    }
  }
}

export interface LocalRedriveOptions {
  dlq: DlqMessage[];
  /** The stack's DynamoDB Local streams client. */
  streams: DynamoDBStreamsClient;
  /** The region the poller puts in records (DynamoDB Local's own ARNs say "ddblocal"). */
  region: string;
  streamHandlers: Record<string, StreamHandler>;
  scheduledHandlers: Record<string, ScheduledHandler>;
  /** Called after each stream invocation with the exact event, as the poller's onInvoke. */
  onInvoke?: (functionName: string, event: DynamoDBStreamEvent, outcome: { response?: DynamoDBBatchResponse | void; error?: unknown }) => void;
}

/**
 * `POST /_local/dlq/redrive` with `{"id": "<requestId>"}` or `{"all": true}`, and optionally
 * `"dryRun": true`: answers the outcomes. Redrives run one at a time, so two requests cannot
 * replay the same message at once.
 */
export function localDlqRedrive(opts: LocalRedriveOptions) {
  const deps = {
    dlq: new InMemoryDlqSource(opts.dlq),
    streams: new DynamoDbStreamReader(opts.streams, { region: opts.region }),
    invoker: new HandlerInvoker(opts.streamHandlers, opts.scheduledHandlers, opts.onInvoke),
    now: () => new Date(),
  };
  let queue: Promise<unknown> = Promise.resolve();
  return async (body: string | undefined): Promise<{ status: number; body: unknown }> => {
    let request: RedriveRequest;
    try {
      request = RedriveRequest.parse(JSON.parse(body ?? '{}'));
    } catch {
      return { status: 400, body: { message: 'body: {"id": "<message id>"} or {"all": true}, optionally "dryRun": true' } };
    }
    const run = queue.then(() => redriveDlq(deps, 'all' in request ? { all: true } : { id: request.id }, { dryRun: request.dryRun ?? false }));
    queue = run.catch(() => undefined);
    try {
      const outcomes: RedriveOutcome[] = await run;
      return { status: 200, body: { outcomes } };
    } catch (err) {
      return { status: 500, body: { message: `redrive failed: ${(err as Error)?.name ?? 'Error'}` } };
    }
  };
}
