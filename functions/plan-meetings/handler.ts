import type { Metrics } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as z from '../../shared/domain/zod.js';
import { documentClient } from '../../shared/aws/clients.js';
import { loadConfig, MeetingsConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { planMeetings, type PlanMeetingsDeps } from '../../shared/meetings/plan.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';

const PlanEvent = z.object({ task: z.literal('plan-meetings') });

/** EventBridge Scheduler, every morning → the coming weeks' recurring meetings, each written once. */
export function createHandler(deps: PlanMeetingsDeps & { metrics: Metrics }) {
  return middy(async (event: unknown) => {
    PlanEvent.parse(event);
    return planMeetings(deps);
  }).use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(MeetingsConfig);
const { meetings } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler({
  meetings,
  directory: bundledDirectory(),
  clock: systemClock,
  ...createObservability('plan-meetings'),
});
