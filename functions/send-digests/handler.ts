import type { Metrics } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as z from '../../shared/domain/zod.js';
import { documentClient } from '../../shared/aws/clients.js';
import { DigestsConfig, loadConfig } from '../../shared/config/config.js';
import { sendDigests, type DigestDeps } from '../../shared/digests/digests.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';

const DigestEvent = z.object({ task: z.literal('send-digests') });

/** EventBridge Scheduler, 07:30 Kosovo time → the coordinators' digests, each written once. */
export function createHandler(deps: DigestDeps & { metrics: Metrics }) {
  return middy(async (event: unknown) => {
    DigestEvent.parse(event);
    return sendDigests(deps);
  }).use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(DigestsConfig);
const { caseFile, cases, intents, referrals, settings, worklists } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler({
  worklists,
  cases,
  referrals,
  intents,
  settings,
  caseFile,
  holidays: kosovoHolidays(),
  directory: bundledDirectory(),
  clock: systemClock,
  retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  ...createObservability('send-digests'),
});
