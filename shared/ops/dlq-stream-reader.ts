import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { compareSequenceNumbers, type RangeRead, type StreamRange, type StreamReader } from './dlq.js';

/**
 * A stream record as Lambda hands it to a function: the SDK's record plus `eventSource`,
 * `awsRegion` and `eventSourceARN`, with `ApproximateCreationDateTime` back in epoch seconds (the
 * SDK turns the wire's number into a Date). The local poller builds its events the same way
 * (local/stream-poller.ts re-exports this one).
 */
export function toLambdaRecord(r: StreamRecord, streamArn: string, region: string): DynamoDBRecord {
  const created = r.dynamodb?.ApproximateCreationDateTime;
  const record = {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ...r.dynamodb,
      ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : created,
    },
    eventSourceARN: streamArn,
    ...(r.userIdentity ? { userIdentity: r.userIdentity } : {}),
  };
  // Lambda hands the function JSON: the round trip leaves nothing SDK-specific behind.
  return JSON.parse(JSON.stringify(record)) as DynamoDBRecord;
}

export interface StreamReaderOptions {
  /** Lambda's `awsRegion`; by default the stream ARN's region. */
  region?: string;
  /** Pages of GetRecords before giving up (each up to 1,000 records). */
  maxPages?: number;
  /** Consecutive empty pages on an open shard before giving up on reaching the end. */
  maxEmptyPages?: number;
}

/** Errors that mean the range's start is no longer in the stream. */
const GONE = new Set(['TrimmedDataAccessException', 'ResourceNotFoundException']);

/**
 * Reads the records of one parked batch back from DynamoDB Streams: an iterator AT the batch's
 * first sequence number, then GetRecords until the last one, and not a record further (what
 * follows belongs to later batches, which the mapping already delivered). Used against AWS by the
 * CLI and against DynamoDB Local by the local stack.
 */
export class DynamoDbStreamReader implements StreamReader {
  constructor(
    private readonly client: Pick<DynamoDBStreamsClient, 'send'>,
    private readonly options: StreamReaderOptions = {},
  ) {}

  async readRange(range: StreamRange): Promise<RangeRead> {
    const region = this.options.region ?? range.streamArn.split(':')[3] ?? '';
    const maxPages = this.options.maxPages ?? 1000;
    const maxEmptyPages = this.options.maxEmptyPages ?? 10;
    let iterator: string | undefined;
    try {
      const out = await this.client.send(
        new GetShardIteratorCommand({
          StreamArn: range.streamArn,
          ShardId: range.shardId,
          ShardIteratorType: 'AT_SEQUENCE_NUMBER',
          SequenceNumber: range.startSequenceNumber,
        }),
      );
      iterator = out.ShardIterator;
    } catch (err) {
      const name = (err as Error)?.name;
      if (GONE.has(name)) return { kind: 'expired', reason: name };
      throw err;
    }

    const records: DynamoDBRecord[] = [];
    let emptyPages = 0;
    for (let page = 0; iterator !== undefined && page < maxPages; page++) {
      let out;
      try {
        out = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      } catch (err) {
        const name = (err as Error)?.name;
        // Trimmed while we read (the batch was at the edge of the retention window).
        if (GONE.has(name)) return { kind: 'expired', reason: name };
        throw err;
      }
      const got = out.Records ?? [];
      for (const r of got) {
        const seq = r.dynamodb?.SequenceNumber;
        if (seq === undefined) continue;
        // AT_SEQUENCE_NUMBER starts at the batch's first record; anything else means it is gone.
        if (records.length === 0 && compareSequenceNumbers(seq, range.startSequenceNumber) !== 0) {
          return { kind: 'expired', reason: `the batch's first record (${range.startSequenceNumber}) is no longer in the shard` };
        }
        if (compareSequenceNumbers(seq, range.endSequenceNumber) > 0) {
          return { kind: 'incomplete', reason: `the batch's last record (${range.endSequenceNumber}) is not in the shard` };
        }
        records.push(toLambdaRecord(r, range.streamArn, region));
        if (compareSequenceNumbers(seq, range.endSequenceNumber) === 0) return { kind: 'records', records };
      }
      emptyPages = got.length === 0 ? emptyPages + 1 : 0;
      if (emptyPages >= maxEmptyPages) {
        return { kind: 'incomplete', reason: `the stream answered ${emptyPages} empty pages after ${records.length} record(s)` };
      }
      iterator = out.NextShardIterator ?? undefined;
    }
    return {
      kind: 'incomplete',
      reason: iterator === undefined ? `the shard ended after ${records.length} record(s)` : `gave up after ${maxPages} pages`,
    };
  }
}
