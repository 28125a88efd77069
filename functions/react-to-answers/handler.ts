import type { Metrics } from '@aws-lambda-powertools/metrics';
import { documentClient } from '../../shared/aws/clients.js';
import { loadConfig, ReactConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { reactToAnswer, type ReactDeps } from '../../shared/referrals/react-to-answer.js';
import { CaseStore } from '../../shared/store/case-store.js';
import { IntentStore } from '../../shared/store/intent-store.js';
import { ReferralItem } from '../../shared/store/items.js';
import { TimerStore } from '../../shared/store/timer-store.js';
import { ReferralStore } from '../../shared/store/referral-store.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { createStreamHandler } from '../../shared/stream/stream-handler.js';
import { FUNCTIONS } from '../../events/triggers.js';

/** A referral whose status just changed to an answer (the declared filters). */
export function createHandler(deps: ReactDeps & { metrics: Metrics }) {
  return createStreamHandler({
    logger: deps.logger,
    metrics: deps.metrics,
    image: ReferralItem,
    filters: FUNCTIONS.reactToAnswers.trigger.filters,
    handle: (r) => reactToAnswer(r, deps),
  });
}

const config = loadConfig(ReactConfig);
const db = documentClient();

export const handler = createHandler({
  cases: new CaseStore(db, config.TABLE_NAME),
  referrals: new ReferralStore(db, config.TABLE_NAME),
  holidays: kosovoHolidays(),
  intents: new IntentStore(db, config.TABLE_NAME),
  timers: new TimerStore(db, config.TABLE_NAME),
  directory: bundledDirectory(),
  clock: systemClock,
  ...createObservability('react-to-answers'),
});
