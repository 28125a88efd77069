import type { Metrics } from '@aws-lambda-powertools/metrics';
import { DeliverConfig, loadConfig } from '../../shared/config/config.js';
import { deliverIntent, type DeliverDeps } from '../../shared/delivery/deliver-intent.js';
import { inTurnPer } from '../../shared/delivery/household.js';
import { systemClock } from '../../shared/domain/clock.js';
import { IntentItem } from '../../shared/store/intent.js';
import { createStreamHandler } from '../../shared/stream/stream-handler.js';
import { FUNCTIONS } from '../../events/triggers.js';
import { deliverDeps } from './deps.js';

/**
 * Queued intent (a new one, or a deferred SMS the sweep released at 08:00: the declared filters)
 * → one email or SMS, recorded on the intent.
 */
export function createHandler(deps: DeliverDeps & { metrics: Metrics }) {
  const inTurn = inTurnPer<string>();
  return createStreamHandler({
    logger: deps.logger,
    metrics: deps.metrics,
    image: IntentItem,
    filters: FUNCTIONS.deliverNotifications.trigger.filters,
    // A case's SMS in turn: the first takes the household's others due into one message (emails go at once).
    handle: (intent) => inTurn(intent.channel === 'sms' ? intent.pk : `${intent.pk}|${intent.sk}`, () => deliverIntent(intent, deps)),
    // Each intent is one message with its own conditional claim: the batch's messages go out at
    // once instead of waiting on each other's provider calls, and a record that comes again
    // (after a sibling failed) finds its intent claimed or sent and does nothing.
    ordering: 'parallel',
  });
}

export const handler = createHandler(deliverDeps(loadConfig(DeliverConfig), systemClock));
