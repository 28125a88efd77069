import type { Metrics } from '@aws-lambda-powertools/metrics';
import { documentClient, sesClient, snsClient } from '../../shared/aws/clients.js';
import { SesEmailSender } from '../../shared/channels/ses-email-sender.js';
import { SnsSmsSender } from '../../shared/channels/sns-sms-sender.js';
import { DeliverConfig, loadConfig } from '../../shared/config/config.js';
import { deliverIntent, type DeliverDeps } from '../../shared/delivery/deliver-intent.js';
import { systemClock } from '../../shared/domain/clock.js';
import { retryPolicyFrom } from '../../shared/delivery/backoff.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { IntentItem } from '../../shared/store/intent.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { createStreamHandler } from '../../shared/stream/stream-handler.js';
import { FUNCTIONS } from '../../events/triggers.js';

/**
 * Queued intent (a new one, or a deferred SMS the sweep released at 08:00: the declared filters)
 * → one email or SMS, recorded on the intent.
 */
export function createHandler(deps: DeliverDeps & { metrics: Metrics }) {
  return createStreamHandler({
    logger: deps.logger,
    metrics: deps.metrics,
    image: IntentItem,
    filters: FUNCTIONS.deliverNotifications.trigger.filters,
    handle: (intent) => deliverIntent(intent, deps),
    // Each intent is one message with its own conditional claim: the batch's messages go out at
    // once instead of waiting on each other's provider calls, and a record that comes again
    // (after a sibling failed) finds its intent claimed or sent and does nothing.
    ordering: 'parallel',
  });
}

const config = loadConfig(DeliverConfig);
const { addresses, cases, intents, referrals } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler({
  intents,
  referrals,
  cases,
  addresses,
  directory: bundledDirectory(),
  email: new SesEmailSender(sesClient(), config.SES_FROM_ADDRESS, config.SES_CONFIGURATION_SET),
  sms: new SnsSmsSender(snsClient()),
  clock: systemClock,
  ...createObservability('deliver-notifications'),
  leaseSeconds: config.SEND_LEASE_SECONDS,
  retry: retryPolicyFrom(config),
  mode: config.DELIVERY_MODE,
  simulatedPhones: new Set(config.SIMULATED_PHONE_NUMBERS),
});
