import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as z from '../../shared/domain/zod.js';
import { documentClient } from '../../shared/aws/clients.js';
import { loadConfig, SweepConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { count, createObservability, METRIC } from '../../shared/observability/metrics.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
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
    count(deps.metrics, METRIC.timersQuarantined, report.quarantined);
    count(deps.metrics, METRIC.deliveriesReleased, report.released);
    count(deps.metrics, METRIC.deliveriesRequeued, report.requeued);
    count(deps.metrics, METRIC.deliveryUnconfirmed, report.unconfirmed);
    count(deps.metrics, METRIC.emailFailed, report.abandoned.email);
    count(deps.metrics, METRIC.smsFailed, report.abandoned.sms);
    return report;
  }).use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(SweepConfig);
const { addresses, appointments, cases, caseFile, indicators, intents, meetings, referrals, timers, worklists } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler({
  timers,
  intents,
  addresses,
  meetings,
  cases,
  caseFile,
  referrals,
  appointments,
  worklistDeps: { worklists, indicators, cases },
  retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  directory: bundledDirectory(),
  holidays: kosovoHolidays(),
  clock: systemClock,
  ...createObservability('sweep-timers'),
});
