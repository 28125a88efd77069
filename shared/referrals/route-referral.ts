import type { Logger } from '@aws-lambda-powertools/logger';
import { deliverClaimed, type DeliverDeps } from '../delivery/deliver-intent.js';
import type { Directory } from '../directory/directory.js';
import type { Clock } from '../domain/clock.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import { claimedAtWrite, type IntentItem } from '../store/intent.js';
import type { CaseRepository, DecisionGuard, IntentRepository, TimerRepository } from '../store/ports.js';
import { routingCaseOf, type ReferralItem, type RoutingCase } from '../store/referral.js';
import { referralAckTimers } from '../timers/plan.js';
import { planReferralNotifications, RoutingError } from './plan-notifications.js';

export interface RouteDeps {
  cases: Pick<CaseRepository, 'get'>;
  intents: Pick<IntentRepository, 'putIfAbsent' | 'writeDecision'>;
  timers: Pick<TimerRepository, 'putIfAbsent'>;
  holidays: HolidayCalendar;
  directory: Directory;
  clock: Clock;
  logger: Logger;
  /**
   * The deliver use case's dependencies: with them, what may go out now goes out from the
   * invocation that decided it (the one hop); without them, every intent is left to the intents'
   * stream and the deliver function.
   */
  deliver?: DeliverDeps;
}

/**
 * Turns one new referral into its notification intents and its acknowledgement ladder, and, with
 * `deps.deliver`, sends what may go out now. Safe to repeat: nothing is written twice, so a
 * redelivered stream record changes and sends nothing.
 */
export async function routeReferral(referral: ReferralItem, deps: RouteDeps): Promise<void> {
  const now = deps.clock.now();
  // The acknowledgement ladder: reminder to the office, escalation to its head, flag for the coordinator.
  const timers = referralAckTimers(referral, deps.holidays, now);

  if (deps.deliver) {
    // What routing needs of the case travels with the referral (intake's snapshot); an older one reads it.
    const snapshot = routingCaseOf(referral);
    const theCase = snapshot ?? (await caseOf(referral, deps));
    const intents = plan(referral, theCase, deps, now);
    // One hop: what may go out now is written already claimed, with the ladder, in one
    // transaction that also checks in the table what the deliver function would read before
    // sending: no bounce on record for the office's address, and the SMS consent the plan was made
    // with still the case's (a coordinator may have opted the returnee out, or back in, since).
    const lease = Math.floor(now.getTime() / 1000) + deps.deliver.leaseSeconds;
    const decided = intents.map((i) => (i.status === 'queued' ? claimedAtWrite(i, lease, now.toISOString()) : i));
    const claimed = decided.filter((i) => i.status === 'sending');
    const guards = claimed.filter((i) => i.channel === 'email').map((i): DecisionGuard => ({ addressClear: i.recipient! }));
    if (theCase.phone && (snapshot || claimed.some((i) => i.channel === 'sms'))) guards.push({ smsConsent: { caseId: referral.caseId, sms: theCase.consent.sms } });
    const written = await deps.intents.writeDecision(decided, timers, guards);
    if (written === 'written') {
      for (const i of decided) logIntent(deps.logger, i, true);
      await deliverNow(claimed, lease, referral, deps.deliver, deps.logger);
      return;
    }
    // Written before (a redelivered record), or something the deliver function must look at (an
    // address that bounced, a consent changed since): as without the one hop, from the case as it is.
    deps.logger.info(written === 'exists' ? 'routed before; nothing sent from here' : 'a recipient to check; left to the deliver function', {
      caseId: referral.caseId,
      referralId: referral.referralId,
    });
  }

  const intents = plan(referral, await caseOf(referral, deps), deps, now);
  for (const intent of intents) logIntent(deps.logger, intent, await deps.intents.putIfAbsent(intent));
  await deps.timers.putIfAbsent(timers);
}

async function caseOf(referral: ReferralItem, deps: RouteDeps): Promise<RoutingCase> {
  const theCase = await deps.cases.get(referral.caseId);
  if (!theCase) throw new RoutingError(`case ${referral.caseId} of referral ${referral.referralId} not found`);
  return theCase;
}

function plan(referral: ReferralItem, theCase: RoutingCase, deps: RouteDeps, now: Date): IntentItem[] {
  const muni = deps.directory.municipality(referral.municipalityId);
  if (!muni) throw new RoutingError(`municipality ${referral.municipalityId} not in the directory`);
  return planReferralNotifications(referral, theCase, muni, now);
}

/**
 * The claimed intents through the deliver use case, at once (an email and an SMS do not wait for
 * each other). One that throws is left where the deliver function leaves it: under its lease,
 * whose end the sweep watches (unconfirmed, never resent); the record is not retried for it, since
 * a second routing finds the decision written and sends nothing.
 */
async function deliverNow(claimed: IntentItem[], lease: number, referral: ReferralItem, deps: DeliverDeps, logger: Logger): Promise<void> {
  const outcomes = await Promise.allSettled(claimed.map((i) => deliverClaimed(i, lease, deps, { checkedInTable: true, referral })));
  outcomes.forEach((o, k) => {
    const log = { caseId: referral.caseId, referralId: referral.referralId, intentId: claimed[k]!.intentId };
    if (o.status === 'fulfilled') logger.info('delivered from the routing invocation', { ...log, outcome: o.value });
    else logger.error('delivery from the routing invocation failed; left to its lease', { ...log, error: (o.reason as Error)?.name ?? 'Error' });
  });
}

function logIntent(logger: Logger, intent: IntentItem, created: boolean): void {
  logger.info(created ? 'intent written' : 'intent already existed', {
    caseId: intent.caseId,
    referralId: intent.referralId,
    intentId: intent.intentId,
    channel: intent.channel,
    status: intent.status,
    ...(intent.skipReason ? { skipReason: intent.skipReason } : {}),
  });
}
