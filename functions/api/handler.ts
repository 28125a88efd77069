import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { documentClient } from '../../shared/aws/clients.js';
import { ApiConfig, loadConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { kosovoHolidays, weekendsWhereUncovered } from '../../shared/domain/holidays.js';
import { json } from '../../shared/http/responses.js';
import { count, createObservability, METRIC, type MetricName } from '../../shared/observability/metrics.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { routeRequest, type ApiTrust } from './router.js';
import type { ApiDeps } from './routes/types.js';

export type { ApiDeps } from './routes/types.js';

/** Routes whose success is counted for the dashboard (the plans' indicators are in the table). */
const COUNTED: Record<string, MetricName> = {
  'POST /cases': METRIC.casesRegistered,
  'POST /cases/{caseId}/referrals': METRIC.referralsCreated,
};

export function createHandler(apiDeps: ApiDeps, { logger, metrics }: { logger: Logger; metrics: Metrics }, trust: ApiTrust) {
  // A year the holiday file lacks is planned with weekends only rather than refusing the request
  // (a returnee's arrival date is not wrong because the file is late); the operator hears of it.
  const assumedYears = new Set<number>();
  const deps: ApiDeps = { ...apiDeps, holidays: weekendsWhereUncovered(apiDeps.holidays, (year) => assumedYears.add(year)) };
  return middy(async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    assumedYears.clear();
    try {
      const response = await routeRequest(event, deps, trust, logger);
      const counted = COUNTED[event.routeKey];
      if (counted && response.statusCode === 201) count(metrics, counted);
      return response;
    } catch (err) {
      // Never hand a raw error to the caller, nor log its message (it can quote stored data).
      logger.error('request failed', { routeKey: event.routeKey, error: (err as Error)?.name });
      return json(500, { message: 'internal error, please retry', requestId: context.awsRequestId });
    } finally {
      if (assumedYears.size > 0) {
        logger.warn('holiday file lacks a year: planned with weekends only; add it (npm run cli -- holidays draft <year>)', {
          routeKey: event.routeKey,
          years: [...assumedYears].sort(),
        });
        count(metrics, METRIC.holidayYearsAssumed);
      }
    }
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(ApiConfig);
const { addresses, appointments, cases, caseFile, indicators, intents, meetings, referrals, retention, settings, timers, worklists } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler(
  {
    cases,
    referrals,
    appointments,
    timers,
    directory: bundledDirectory(),
    holidays: kosovoHolidays(),
    clock: systemClock,
    retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
    meetings,
    worklists,
    settings,
    indicators,
    intents,
    addresses,
    caseFile,
    audit: retention,
  },
  createObservability('api'),
  { machineCallers: config.MACHINE_CALLERS, tokens: { issuer: config.TOKEN_ISSUER, clientIds: config.TOKEN_CLIENT_IDS } },
);
