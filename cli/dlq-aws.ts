/**
 * The DLQ redrive's adapters on AWS: the queue (SQS), the function (Lambda Invoke, and its event
 * source mapping's filters). The stream reader is shared with the local stack
 * (shared/ops/dlq-stream-reader.ts).
 *
 * The operator needs: sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility on the
 * DLQ; dynamodb:GetShardIterator, dynamodb:GetRecords on the table's stream; kms:Decrypt on the
 * data key (the DLQs and the table's stream are encrypted with it); lambda:InvokeFunction and
 * lambda:ListEventSourceMappings on the function.
 */
import { InvokeCommand, ListEventSourceMappingsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { passesFilters, type Pattern } from '../shared/stream/filter-pattern.js';
import type { DlqEntry, DlqSource, FunctionInvoker, InvokeResult } from '../shared/ops/dlq.js';

/** Long enough for a listing plus every redrive of one run; `release` ends it early. */
const HOLD_SECONDS = 900;
/** A DLQ holds failures, not traffic: a run reads at most this many. */
const MAX_MESSAGES = 1000;

/**
 * The DLQ on SQS. SQS has no "peek": receiving hides a message for the visibility timeout. So a
 * listing receives every message (hidden meanwhile, so each is counted once), and `release` makes
 * the ones not deleted visible again at once, ready for the next command.
 */
export class SqsDlqSource implements DlqSource {
  private readonly receipts = new Map<string, string>();

  constructor(
    private readonly client: Pick<SQSClient, 'send'>,
    private readonly queueUrl: string,
  ) {}

  async list(): Promise<DlqEntry[]> {
    const entries: DlqEntry[] = [];
    while (entries.length < MAX_MESSAGES) {
      const out = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: HOLD_SECONDS,
          // Long polling asks every SQS server, so an empty answer means the queue is empty.
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['SentTimestamp'],
        }),
      );
      const messages = out.Messages ?? [];
      if (messages.length === 0) break;
      for (const m of messages) {
        if (!m.MessageId || !m.ReceiptHandle || this.receipts.has(m.MessageId)) continue;
        this.receipts.set(m.MessageId, m.ReceiptHandle);
        entries.push(entryOf(m));
      }
    }
    return entries;
  }

  async delete(entry: DlqEntry): Promise<void> {
    const receipt = this.receipts.get(entry.id);
    if (!receipt) throw new Error(`message ${entry.id} was not received by this run`);
    await this.client.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receipt }));
    this.receipts.delete(entry.id);
  }

  async release(entries: DlqEntry[]): Promise<void> {
    const held = entries.filter((e) => this.receipts.has(e.id));
    for (let i = 0; i < held.length; i += 10) {
      const chunk = held.slice(i, i + 10);
      // Best effort: a message not released reappears by itself when its visibility timeout ends.
      await this.client
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: chunk.map((e, n) => ({ Id: String(n), ReceiptHandle: this.receipts.get(e.id)!, VisibilityTimeout: 0 })),
          }),
        )
        .catch(() => undefined);
      for (const e of chunk) this.receipts.delete(e.id);
    }
  }
}

function entryOf(m: Message): DlqEntry {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.MessageAttributes ?? {})) if (value.StringValue !== undefined) attributes[name] = value.StringValue;
  const sent = Number(m.Attributes?.SentTimestamp);
  return {
    id: m.MessageId!,
    body: m.Body ?? '',
    attributes,
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString() } : {}),
  };
}

/** Lambda's answer to a stream function: nothing, or a partial batch response. */
const BatchResponse = z.union([
  z.null(),
  z.object({ batchItemFailures: z.array(z.object({ itemIdentifier: z.string().optional() })).optional() }).loose(),
]);
const FunctionErrorPayload = z.object({ errorType: z.string().optional() }).loose();
const FilterPatterns = z.array(z.record(z.string(), z.unknown()));

/**
 * Invokes the deployed function synchronously (RequestResponse), exactly as the event source
 * mapping or the schedule would, and reads what it answered. A FunctionError (the handler threw,
 * or timed out) is a failure; so is a partial batch response that names records.
 */
export class LambdaInvoker implements FunctionInvoker {
  constructor(private readonly client: Pick<LambdaClient, 'send'>) {}

  async recordFilter(functionArn: string, streamArn: string): Promise<(record: DynamoDBRecord) => boolean> {
    const out = await this.client.send(new ListEventSourceMappingsCommand({ FunctionName: functionArn, EventSourceArn: streamArn }));
    const mapping = out.EventSourceMappings?.[0];
    if (!mapping) throw new Error(`no event source mapping from ${streamArn} to ${functionArn}: cannot tell which records it takes`);
    // The mapping's own filters, as deployed: the same records Lambda would have passed.
    const patterns = FilterPatterns.parse((mapping.FilterCriteria?.Filters ?? []).map((f) => JSON.parse(f.Pattern ?? '{}'))) as Pattern[];
    return (record) => passesFilters(record, patterns);
  }

  invokeStream(functionArn: string, event: DynamoDBStreamEvent): Promise<InvokeResult> {
    return this.invoke(functionArn, event, true);
  }

  invokePayload(functionArn: string, payload: unknown): Promise<InvokeResult> {
    return this.invoke(functionArn, payload, false);
  }

  private async invoke(functionArn: string, payload: unknown, batch: boolean): Promise<InvokeResult> {
    const out = await this.client.send(
      new InvokeCommand({ FunctionName: functionArn, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
    );
    const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
    if (out.FunctionError) {
      // The error's type only: its message may quote what the function was working on.
      const type = safeJson(text, FunctionErrorPayload)?.errorType;
      return { ok: false, error: `the function failed (${out.FunctionError}${type ? `: ${type}` : ''})` };
    }
    if (!batch) return { ok: true, batchItemFailures: [] };
    const response = text.trim() === '' ? null : safeJson(text, BatchResponse);
    if (response === undefined) return { ok: false, error: 'the function answered something that is not a batch response (Lambda counts the whole batch as failed)' };
    // An item failure without an identifier fails the whole batch on Lambda; it is reported as one.
    return { ok: true, batchItemFailures: (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier ?? '(none)') };
  }
}

function safeJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
