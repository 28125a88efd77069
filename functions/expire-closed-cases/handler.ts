import type { Metrics } from '@aws-lambda-powertools/metrics';
import { documentClient } from '../../shared/aws/clients.js';
import { ClosedCase, expireClosedCase, type ExpireDeps } from '../../shared/cases/retention.js';
import { loadConfig, RetentionConfig } from '../../shared/config/config.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { createStreamHandler } from '../../shared/stream/stream-handler.js';
import { FUNCTIONS } from '../../events/triggers.js';

/**
 * A case that has just been closed (the declared filter): its own expiry writes on the closed case
 * (closed → closed) and TTL deletions (REMOVE) do not pass.
 */
export function createHandler(deps: ExpireDeps & { metrics: Metrics }) {
  return createStreamHandler({
    logger: deps.logger,
    metrics: deps.metrics,
    image: ClosedCase,
    filters: FUNCTIONS.expireClosedCases.trigger.filters,
    handle: (c) => expireClosedCase(c, deps),
  });
}

const config = loadConfig(RetentionConfig);

const { retention } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler({
  store: retention,
  retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  ...createObservability('expire-closed-cases'),
});
