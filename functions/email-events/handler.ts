import type { Metrics } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { documentClient } from '../../shared/aws/clients.js';
import { EmailEventsConfig, loadConfig } from '../../shared/config/config.js';
import { handleEmailEvent, SesEventBridgeEvent, type EmailEventDeps, type EmailEventReport } from '../../shared/delivery/email-events.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { retryPolicyFrom } from '../../shared/delivery/backoff.js';
import { count, createObservability, METRIC, type MetricName } from '../../shared/observability/metrics.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';

/** The event is not an SES event of the kinds the rule passes; retrying will not change that. */
export class MalformedSesEventError extends Error {
  override name = 'MalformedSesEventError';
}

/**
 * EventBridge (SES configuration-set events: bounce, complaint, delivery, reject, rendering
 * failure) → the intent's fate, the address's status, the coordinators' alert.
 *
 * EventBridge invokes asynchronously: a thrown error is retried by Lambda (the declared number of
 * times) and the event then parked in the function's DLQ. That includes a malformed event, so it
 * stays inspectable rather than lost. Only field paths and error names are logged: an SES event
 * carries email addresses and subjects.
 */
/** What SES told us, counted (a redelivered event is counted again: these are events, not emails). */
const COUNTED: Partial<Record<EmailEventReport['action'], MetricName>> = {
  undeliverable: METRIC.emailBouncedPermanently,
  complained: METRIC.emailComplained,
  delivered: METRIC.emailDelivered,
};

export function createHandler(deps: EmailEventDeps & { metrics: Metrics }) {
  return middy(async (event: unknown): Promise<EmailEventReport> => {
    const parsed = SesEventBridgeEvent.safeParse(event);
    if (!parsed.success) {
      deps.logger.error('not an SES event this function handles', { fields: parsed.error.issues.map((i) => i.path.join('.')) });
      throw new MalformedSesEventError('not an SES event this function handles');
    }
    try {
      const report = await handleEmailEvent(parsed.data.detail, deps);
      const counted = COUNTED[report.action];
      if (counted) count(deps.metrics, counted);
      return report;
    } catch (err) {
      deps.logger.error('SES event failed', { eventId: parsed.data.id, error: (err as Error)?.name });
      throw err;
    }
  }).use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(EmailEventsConfig);
const { addresses, cases, intents, referrals } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler({
  intents,
  addresses,
  referrals,
  cases,
  directory: bundledDirectory(),
  retry: retryPolicyFrom(config),
  clock: systemClock,
  retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  ...createObservability('email-events'),
});
