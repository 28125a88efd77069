import type { Metrics } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as z from '../../shared/domain/zod.js';
import { documentClient } from '../../shared/aws/clients.js';
import { loadConfig, ReportsConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { calendarRunwayMonths, kosovoHolidays, type FileHolidayCalendar } from '../../shared/domain/holidays.js';
import { createObservability, METRIC, MetricUnit } from '../../shared/observability/metrics.js';
import { reportIndicators, type ReportDeps } from '../../shared/reports/quarterly.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';

const ReportEvent = z.object({ task: z.literal('report-indicators') });

/**
 * EventBridge Scheduler, every morning → on a quarter's first working day, the previous quarter's
 * report. Every run also says how far ahead the holiday file reaches (a gauge the runway alarm
 * watches), first, so it is there even on a morning the report fails.
 */
export function createHandler(deps: ReportDeps & { metrics: Metrics; holidayFile: Pick<FileHolidayCalendar, 'covers'> }) {
  return middy(async (event: unknown) => {
    ReportEvent.parse(event);
    deps.metrics.addMetric(METRIC.holidayCalendarRunwayMonths, MetricUnit.NoUnit, calendarRunwayMonths(deps.holidayFile, deps.clock.now()));
    return reportIndicators(deps);
  }).use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(ReportsConfig);
const { indicators, intents } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler({
  indicators,
  intents,
  directory: bundledDirectory(),
  holidays: kosovoHolidays(),
  holidayFile: kosovoHolidays(),
  clock: systemClock,
  ...createObservability('report-indicators'),
});
