import type { Metrics } from '@aws-lambda-powertools/metrics';
import { documentClient } from '../../shared/aws/clients.js';
import { loadConfig, ReactConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { applyAnswerToPlan, type PlanAnswerDeps } from '../../shared/cases/case-file.js';
import { reactToAnswer, type ReactDeps } from '../../shared/referrals/react-to-answer.js';
import { ReferralItem } from '../../shared/store/referral.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { createStreamHandler } from '../../shared/stream/stream-handler.js';
import { FUNCTIONS } from '../../events/triggers.js';

/** A referral whose status just changed to an answer (the declared filters). */
export function createHandler(deps: ReactDeps & PlanAnswerDeps & { metrics: Metrics }) {
  return createStreamHandler({
    logger: deps.logger,
    metrics: deps.metrics,
    image: ReferralItem,
    filters: FUNCTIONS.reactToAnswers.trigger.filters,
    handle: async (r) => {
      await reactToAnswer(r, deps);
      // The plan's linked measures move after the coordinator is told: a retried record redoes neither.
      await applyAnswerToPlan(r, deps);
    },
  });
}

const config = loadConfig(ReactConfig);
const { cases, caseFile, intents, referrals, settings, timers } = dynamoRepositories(documentClient(), config.TABLE_NAME);

export const handler = createHandler({
  cases,
  caseFile,
  referrals,
  holidays: kosovoHolidays(),
  intents,
  timers,
  settings,
  directory: bundledDirectory(),
  clock: systemClock,
  ...createObservability('react-to-answers'),
});
