import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { documentClient } from '../../shared/aws/clients.js';
import { loadConfig, SweepConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { count, createObservability, METRIC } from '../../shared/observability/metrics.js';
import { CaseStore } from '../../shared/store/case-store.js';
import { IndicatorStore } from '../../shared/store/indicators.js';
import { MeetingStore } from '../../shared/store/meeting-store.js';
import { TimerStore } from '../../shared/store/timer-store.js';
import { WorklistStore } from '../../shared/store/worklist-store.js';
import { sweepTimers, type SweepDeps, type SweepReport } from '../../shared/timers/sweep.js';

/** The schedule's payload, as declared in events/triggers.ts. */
const SweepEvent = z.object({ task: z.literal('sweep-timers') });

/**
 * EventBridge Scheduler → one sweep of the timers index. A sweep that fails as a whole (the
 * table unreachable) throws, so Scheduler retries it a bounded number of times, then parks the
 * event in the schedule's DLQ; the next scheduled sweep picks up what was missed anyway.
 */
export function createHandler(deps: SweepDeps & { logger: Logger; metrics: Metrics }) {
  return middy(async (event: unknown): Promise<SweepReport> => {
    SweepEvent.parse(event);
    const report = await sweepTimers(deps);
    count(deps.metrics, METRIC.timersFired, report.fired);
    count(deps.metrics, METRIC.timersFailed, report.failed);
    count(deps.metrics, METRIC.deliveriesReleased, report.released);
    return report;
  }).use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(SweepConfig);
const db = documentClient();

export const handler = createHandler({
  timers: new TimerStore(db, config.TABLE_NAME),
  meetings: new MeetingStore(db, config.TABLE_NAME),
  worklistDeps: {
    worklists: new WorklistStore(db, config.TABLE_NAME),
    indicators: new IndicatorStore(db, config.TABLE_NAME),
    cases: new CaseStore(db, config.TABLE_NAME),
  },
  retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  db,
  table: config.TABLE_NAME,
  directory: bundledDirectory(),
  holidays: kosovoHolidays(),
  clock: systemClock,
  ...createObservability('sweep-timers'),
});
