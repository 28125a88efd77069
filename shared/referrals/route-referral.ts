import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import type { Clock } from '../domain/clock.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import type { CaseRepository, IntentRepository, TimerRepository } from '../store/ports.js';
import type { ReferralItem } from '../store/referral.js';
import { referralAckTimers } from '../timers/plan.js';
import { planReferralNotifications, RoutingError } from './plan-notifications.js';

export interface RouteDeps {
  cases: Pick<CaseRepository, 'get'>;
  intents: Pick<IntentRepository, 'putIfAbsent'>;
  timers: Pick<TimerRepository, 'putIfAbsent'>;
  holidays: HolidayCalendar;
  directory: Directory;
  clock: Clock;
  logger: Logger;
}

/**
 * Turns one new referral into its notification intents. Safe to repeat: intents are written only
 * if absent, so a redelivered stream record changes nothing.
 */
export async function routeReferral(referral: ReferralItem, deps: RouteDeps): Promise<void> {
  const theCase = await deps.cases.get(referral.caseId);
  if (!theCase) throw new RoutingError(`case ${referral.caseId} of referral ${referral.referralId} not found`);
  const muni = deps.directory.municipality(theCase.municipalityId);
  if (!muni) throw new RoutingError(`municipality ${theCase.municipalityId} not in the directory`);
  const now = deps.clock.now();
  const intents = planReferralNotifications(referral, theCase, muni, now);
  for (const intent of intents) {
    const created = await deps.intents.putIfAbsent(intent);
    deps.logger.info(created ? 'intent written' : 'intent already existed', {
      caseId: intent.caseId,
      referralId: intent.referralId,
      intentId: intent.intentId,
      channel: intent.channel,
      status: intent.status,
      ...(intent.skipReason ? { skipReason: intent.skipReason } : {}),
    });
  }
  // The acknowledgement ladder: reminder to the office, escalation to its head, flag for the coordinator.
  await deps.timers.putIfAbsent(referralAckTimers(referral, deps.holidays, deps.clock.now()));
}
