import { randomUUID } from 'node:crypto';
import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { MovableClock } from '../shared/domain/clock.js';
import { TABLE } from '../shared/store/table.js';
import { LocalScheduler, type ScheduledFunction } from './scheduler.js';
import type { DlqMessage } from './stream-poller.js';

/**
 * EventBridge Scheduler's stand-in for the scheduled functions. A run that exhausts its retries is
 * parked in the stack's DLQ in the stream's message shape, marked as the scheduler's
 * (local/dlq-redrive.ts reads it back as Scheduler's message). Not started.
 */
export function localScheduler(schedules: readonly ScheduledFunction[], { clock, region, onDlq }: { clock: MovableClock; region: string; onDlq: (message: DlqMessage) => void }): LocalScheduler {
  return new LocalScheduler([...schedules], clock, (name, _event, error) =>
    onDlq({
      requestContext: {
        requestId: randomUUID(),
        functionArn: `arn:aws:lambda:${region}:000000000000:function:${name}`,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: (schedules.find((f) => f.name === name)?.trigger.retryAttempts ?? 0) + 1,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: error },
      version: '1.0',
      timestamp: clock.now().toISOString(),
      DDBStreamBatchInfo: { shardId: '', startSequenceNumber: '', endSequenceNumber: '', approximateArrivalOfFirstRecord: '', approximateArrivalOfLastRecord: '', batchSize: 0, streamArn: 'scheduler' },
      records: [],
    }),
  );
}

/**
 * Simulation only: moving the functions' clock. `advanceTo` jumps from due time to due time up to
 * `target`, running the schedule at each, so every reminder goes out at the minute it is due, in
 * seconds of real time. Finding the next due time scans the timers index, which is fine on a
 * local table and is never done by the platform itself.
 */
export function clockControl({ clock, scheduler, settle, db, tableName }: {
  clock: MovableClock;
  scheduler: LocalScheduler;
  settle: () => Promise<void>;
  db: DynamoDBClient;
  tableName: string;
}): { advance(ms: number): Promise<void>; advanceTo(target: Date): Promise<string[]> } {
  async function nextDue(): Promise<Date | undefined> {
    // The next cron run (meetings, digests, reports) is a stop too.
    const cron = scheduler.nextCronDue();
    let earliest: string | undefined = cron === undefined ? undefined : new Date(cron).toISOString();
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await db.send(new ScanCommand({ TableName: tableName, IndexName: TABLE.timersIndex.name, ExclusiveStartKey: start }));
      for (const item of out.Items ?? []) {
        const due = item[TABLE.timersIndex.sortKey]?.S;
        if (due && (!earliest || due < earliest)) earliest = due;
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return earliest ? new Date(earliest) : undefined;
  }
  return {
    async advanceTo(target: Date): Promise<string[]> {
      const stops: string[] = [];
      for (let guard = 0; guard < 10_000; guard++) {
        const due = await nextDue();
        if (!due || due.getTime() > target.getTime()) break;
        clock.set(due);
        stops.push(clock.now().toISOString());
        await scheduler.runDue(true);
        await settle();
      }
      clock.set(target);
      await scheduler.runDue(true);
      await settle();
      return stops;
    },
    async advance(ms: number): Promise<void> {
      clock.advance(ms);
      await scheduler.runDue();
      await settle();
      // SMS released for the morning and follow-up timers may be due by the same move.
      await scheduler.runDue(true);
      await settle();
    },
  };
}
