import type { Metrics } from '@aws-lambda-powertools/metrics';
import { documentClient, sesClient, snsClient } from '../../shared/aws/clients.js';
import { SesEmailSender } from '../../shared/channels/ses-email-sender.js';
import { SnsSmsSender } from '../../shared/channels/sns-sms-sender.js';
import type { DeliverConfig } from '../../shared/config/config.js';
import { retryPolicyFrom } from '../../shared/delivery/backoff.js';
import type { DeliverDeps } from '../../shared/delivery/deliver-intent.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import type { Clock } from '../../shared/domain/clock.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { icsAttachment } from '../../shared/meetings/ics.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { signingKeySource } from '../../shared/links/key-source.js';
import type { AnswerLinkSigner } from '../../shared/links/answer-links.js';

/**
 * The deliver function's production dependencies from its configuration. Kept apart from
 * handler.ts (which reads its configuration when loaded) so that the soak and the fault matrix
 * run the very wiring Lambda runs, with only the clock and the parts they inject faults into swapped.
 * route-referrals builds the same, with its own logger and metrics, for its one hop.
 */
export function deliverDeps(
  config: DeliverConfig,
  clock: Clock,
  observability: ReturnType<typeof createObservability> = createObservability('deliver-notifications'),
): DeliverDeps & { metrics: Metrics } {
  return { ...oneHopDeliverDeps(config, clock, observability), calendar: icsAttachment };
}

/**
 * The same without the calendar: route-referrals' one hop, which never sends an invitation, so
 * that its bundle leaves out ical-generator (esbuild drops what no function of the bundle calls).
 */
export function oneHopDeliverDeps(config: DeliverConfig, clock: Clock, observability: ReturnType<typeof createObservability>): DeliverDeps & { metrics: Metrics } {
  const { addresses, cases, intents, referrals } = dynamoRepositories(documentClient(), config.TABLE_NAME);
  return {
    intents,
    referrals,
    cases,
    addresses,
    directory: bundledDirectory(),
    email: new SesEmailSender(sesClient(), config.SES_FROM_ADDRESS, config.SES_CONFIGURATION_SET),
    sms: new SnsSmsSender(snsClient()),
    clock,
    ...observability,
    leaseSeconds: config.SEND_LEASE_SECONDS,
    retry: retryPolicyFrom(config),
    mode: config.DELIVERY_MODE,
    simulatedPhones: new Set(config.SIMULATED_PHONE_NUMBERS),
    links: answerLinkSigner(config),
  };
}

/** The offices' one-click links are signed with the current key as their emails are rendered. */
export function answerLinkSigner(config: DeliverConfig): AnswerLinkSigner {
  return { baseUrl: config.PUBLIC_BASE_URL, key: signingKeySource(config, 'sign') };
}
