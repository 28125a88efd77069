import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { LocalStreamFunction } from './functions.js';
import { type DlqMessage, StreamPoller, StreamReader } from './stream-poller.js';

/** One stream invocation, with the exact event: tests redeliver these. */
export interface Invocation {
  functionName: string;
  event: DynamoDBStreamEvent;
  response?: DynamoDBBatchResponse | void;
  error?: unknown;
}

/**
 * One poller per stream function, with Lambda's event source mapping semantics from its
 * declaration (filters, batch size, retries, bisection, on-failure destination), all reading the
 * stream through one reader per starting position. Not started.
 */
export function streamPollers(
  functions: readonly LocalStreamFunction[],
  { streamArn, streams, region, onDlq, invocations }: {
    streamArn: string;
    streams: DynamoDBStreamsClient;
    region: string;
    onDlq: (message: DlqMessage) => void;
    invocations: Invocation[];
  },
): StreamPoller[] {
  const readers = new Map<string, StreamReader>();
  const readerFor = (startingPosition: LocalStreamFunction['declaration']['trigger']['startingPosition']) => {
    let reader = readers.get(startingPosition);
    if (!reader) readers.set(startingPosition, (reader = new StreamReader({ streams, streamArn, region, startingPosition })));
    return reader;
  };
  return functions.map(
    ({ declaration, handler }) =>
      new StreamPoller({
        reader: readerFor(declaration.trigger.startingPosition),
        functionName: declaration.name,
        trigger: declaration.trigger,
        streamArn,
        streams,
        handler,
        region,
        timeoutSeconds: declaration.timeoutSeconds,
        memoryMb: declaration.memoryMb,
        onDlq,
        onInvoke: (event, outcome) => invocations.push({ functionName: declaration.name, event, ...outcome }),
      }),
  );
}

/** Waits until every poller has caught up and nothing more is happening. */
export async function settle(pollers: readonly StreamPoller[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = pollers.reduce((n, p) => n + p.invocations, 0);
    // All at once: each waits for its own poller's next idle turn, so waiting in turn would add them up.
    await Promise.all(pollers.map((p) => p.drained(Math.max(1000, deadline - Date.now()))));
    const after = pollers.reduce((n, p) => n + p.invocations, 0);
    if (after === before) return;
    if (Date.now() > deadline) throw new Error('local stack did not settle');
  }
}
