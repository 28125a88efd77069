import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import type { Clock } from '../domain/clock.js';
import type { CaseStore } from '../store/case-store.js';
import type { IntentStore } from '../store/intent-store.js';
import type { ReferralItem } from '../store/items.js';
import type { TimerStore } from '../store/timer-store.js';
import { planAnswerNotifications } from './plan-answer-notifications.js';

export interface ReactDeps {
  cases: CaseStore;
  intents: IntentStore;
  timers: TimerStore;
  directory: Directory;
  clock: Clock;
  logger: Logger;
}

/** An office answered: tell the coordinator (and the returnee), and stop chasing the office. */
export async function reactToAnswer(referral: ReferralItem, deps: ReactDeps): Promise<void> {
  const theCase = await deps.cases.get(referral.caseId);
  const muni = theCase ? deps.directory.municipality(theCase.municipalityId) : undefined;
  if (!theCase || !muni) throw new Error(`case ${referral.caseId} or its municipality not found`);
  for (const intent of planAnswerNotifications(referral, theCase, muni, deps.clock.now())) {
    const created = await deps.intents.putIfAbsent(intent);
    deps.logger.info(created ? 'intent written' : 'intent already existed', {
      caseId: intent.caseId,
      referralId: referral.referralId,
      intentId: intent.intentId,
      status: referral.status,
      channel: intent.channel,
    });
  }
  // The acknowledgement ladder would fire as moot anyway; cancelling keeps the timers index lean.
  await deps.timers.cancelPending(
    referral.caseId,
    (i) => (i.timerId ?? '').startsWith(`${referral.referralId}#referral.ack.`),
    deps.clock.now().toISOString(),
  );
}
