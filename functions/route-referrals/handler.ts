import type { Metrics } from '@aws-lambda-powertools/metrics';
import { documentClient } from '../../shared/aws/clients.js';
import { loadConfig, RouteConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { routeReferrals, type RouteDeps } from '../../shared/referrals/route-referral.js';
import { ReferralItem } from '../../shared/store/referral.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { createStreamHandler } from '../../shared/stream/stream-handler.js';
import { FUNCTIONS } from '../../events/triggers.js';
import { oneHopDeliverDeps } from '../deliver-notifications/deps.js';

/**
 * A new referral ready to go, or one released when the referral it waited for was completed (the
 * declared filters) → notification intents for the office and the returnee, and (the one hop) the
 * office's email and the returnee's SMS sent from here when they may go now, a case's referrals
 * of one batch together.
 */
export function createHandler(deps: RouteDeps & { metrics: Metrics }) {
  return createStreamHandler({
    logger: deps.logger,
    metrics: deps.metrics,
    image: ReferralItem,
    filters: FUNCTIONS.routeReferrals.trigger.filters,
    // A case's referrals in the batch are routed together (one write, one SMS to the family); each
    // record's outcome is its own, and one that fails is retried alone. Routing writes only if
    // absent and sends only what it claimed in that write: one that comes again sends nothing.
    handleBatch: (referrals) => routeReferrals(referrals, deps),
  });
}

const config = loadConfig(RouteConfig);
const { cases, referrals, intents, timers } = dynamoRepositories(documentClient(), config.TABLE_NAME);
const observability = createObservability('route-referrals');

export const handler = createHandler({
  cases,
  referrals,
  intents,
  timers,
  holidays: kosovoHolidays(),
  directory: bundledDirectory(),
  clock: systemClock,
  ...observability,
  // Built once per container, as the deliver function builds its own: the same use case, clients and
  // link key, without the calendar (the one hop sends no invitations).
  deliver: oneHopDeliverDeps(config, systemClock, observability),
});
