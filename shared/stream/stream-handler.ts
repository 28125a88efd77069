import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type * as z from '../domain/zod.js';
import { count, METRIC } from '../observability/metrics.js';
import { passesFilters, type Pattern } from './filter-pattern.js';
import { recordForLog } from './record-for-log.js';

/**
 * The wiring every stream consumer shares: records are handled one by one, in shard order (or,
 * where declared safe, all at once), and failures are reported per record (partial batch
 * response), so one bad record is retried and parked on its own while the rest go on. No record
 * is ever logged whole: a failed one by its ids and key, nothing personal (`recordForLog`).
 *
 * A record is acted on only when the function's declared filters (events/triggers.ts, the very
 * patterns Lambda's event source mapping applies) pass it: on AWS the mapping has already dropped
 * the others, but a redriven batch or a hand-built event must not make the handler act on a
 * record Lambda would never have delivered. The predicate is derived from the declaration, never
 * restated by hand, so the two cannot drift.
 */
export function createStreamHandler<S extends z.ZodMiniType>(opts: {
  logger: Logger;
  /** Flushed as EMF after each invocation, with RecordsFailed and whatever `handle` counted. */
  metrics: Metrics;
  image: S;
  /** What is done with each record the filters pass, one at a time (or `handleBatch`). */
  handle?: (item: z.infer<S>, record: DynamoDBRecord) => Promise<unknown>;
  /** The function's declared filter patterns (`FUNCTIONS[x].trigger.filters`), OR-ed as Lambda does. */
  filters: readonly Pattern[];
  /**
   * What the pattern language cannot say (it cannot compare two attributes of a record), checked
   * after the filters. Never a restatement of the filters.
   */
  alsoRequires?: (record: DynamoDBRecord) => boolean;
  /**
   * 'in-order' (default): one record after the other, in shard order.
   * 'parallel': the batch's records at once, each still reported on its own. Only for a consumer
   * whose records are independent and whose handling is idempotent: when one fails, Lambda
   * retries from it, and the records after it that had already succeeded come again.
   */
  ordering?: 'in-order' | 'parallel';
  /**
   * Instead of `handle`, one record at a time: every record the filters pass, parsed, at once, so
   * that records about the same thing can be acted on together (route-referrals routes a case's
   * referrals as one). It answers each item's outcome, in the order given; a rejected one is
   * reported as that record's failure alone. A record that does not parse fails alone, before.
   * As with 'parallel', records after a failed one that succeeded come again: only for an
   * idempotent consumer.
   */
  handleBatch?: (items: z.infer<S>[], records: DynamoDBRecord[]) => Promise<PromiseSettledResult<unknown>[]>;
}) {
  const { filters, alsoRequires } = opts;
  const accepts = (record: DynamoDBRecord): boolean => passesFilters(record, filters) && (alsoRequires?.(record) ?? true);
  const { logger, handle, handleBatch } = opts;
  if (!handle === !handleBatch) throw new Error('a stream handler takes handle or handleBatch, one of them');
  const parse = (record: DynamoDBRecord): z.infer<S> => opts.image.parse(unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>));
  const acted = (record: DynamoDBRecord): boolean => {
    if (accepts(record) && record.dynamodb?.NewImage) return true;
    logger.debug('record ignored', { eventID: record.eventID, eventName: record.eventName });
    return false;
  };
  const failed = (record: DynamoDBRecord, err: unknown): never => {
    // The error's name and field paths only: messages of provider or validation errors can quote data.
    const issues = (err as { issues?: { path: PropertyKey[] }[] }).issues?.map((i) => i.path.join('.'));
    logger.error('record failed', { ...recordForLog(record), error: (err as Error)?.name, ...(issues ? { fields: issues } : {}) });
    throw err;
  };
  const oneByOne = async (record: DynamoDBRecord): Promise<void> => {
    if (!acted(record)) return;
    try {
      await handle!(parse(record), record);
    } catch (err) {
      failed(record, err);
    }
  };
  /** The batch's records handled together (handleBatch): each record's outcome, for the batch processor to report one by one. */
  const together = async (event: DynamoDBStreamEvent) => {
    const outcomes = new Map<DynamoDBRecord, PromiseSettledResult<unknown>>();
    const parsed: { item: z.infer<S>; record: DynamoDBRecord }[] = [];
    for (const record of event.Records) {
      if (!acted(record)) continue;
      try {
        parsed.push({ item: parse(record), record });
      } catch (reason) {
        outcomes.set(record, { status: 'rejected', reason });
      }
    }
    const results = await handleBatch!(
      parsed.map((p) => p.item),
      parsed.map((p) => p.record),
    ).catch((reason: unknown) => parsed.map((): PromiseSettledResult<unknown> => ({ status: 'rejected', reason })));
    parsed.forEach((p, k) => outcomes.set(p.record, results[k] ?? { status: 'rejected', reason: new Error('no outcome') }));
    return async (record: DynamoDBRecord): Promise<void> => {
      const outcome = outcomes.get(record);
      if (outcome?.status === 'rejected') failed(record, outcome.reason);
    };
  };
  const handler = middy(async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    const recordHandler = handleBatch ? await together(event) : oneByOne;
    const response = await processPartialResponse(event, recordHandler, processor, {
      context,
      processInParallel: opts.ordering === 'parallel' || handleBatch !== undefined,
      throwOnFullBatchFailure: false,
    });
    count(opts.metrics, METRIC.recordsFailed, response.batchItemFailures.length);
    return response;
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(opts.metrics, { captureColdStartMetric: true }));
  // The record predicate travels with the handler, so tests can ask it what the handler acts on.
  return Object.assign(handler, { accepts });
}
