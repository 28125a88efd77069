import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import type { Clock } from '../domain/clock.js';
import { addWorkingDays, type HolidayCalendar } from '../domain/calendar.js';
import type { CaseRepository, IntentRepository, ReferralRepository, TimerRepository } from '../store/ports.js';
import type { ReferralItem } from '../store/referral.js';
import { planAnswerNotifications } from './plan-answer-notifications.js';

export interface ReactDeps {
  cases: Pick<CaseRepository, 'get'>;
  referrals: Pick<ReferralRepository, 'waitingOn' | 'move'>;
  holidays: HolidayCalendar;
  intents: Pick<IntentRepository, 'putIfAbsent'>;
  timers: Pick<TimerRepository, 'cancelPending'>;
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
  // Referrals that waited for this one go out now, with a fresh acknowledge-by date.
  if (referral.status === 'completed') {
    const now = deps.clock.now();
    for (const waiting of await deps.referrals.waitingOn(referral.caseId, referral.referralId)) {
      const days = muni.ackWorkingDaysByKind?.[waiting.officeKind] ?? muni.ackWorkingDays;
      const released = await deps.referrals.move(
        waiting,
        'created',
        { releasedAt: now.toISOString(), ackDueDate: addWorkingDays(now, days, deps.holidays) },
        { event: 'referral.released', by: 'system:react-to-answers', via: 'stream', detail: { prerequisite: referral.referralId } },
      );
      deps.logger.info(released ? 'waiting referral released' : 'waiting referral already moved', { caseId: referral.caseId, referralId: waiting.referralId });
    }
  }
  // The acknowledgement ladder would fire as moot anyway; cancelling keeps the timers index lean.
  await deps.timers.cancelPending(
    referral.caseId,
    (i) => (i.timerId ?? '').startsWith(`${referral.referralId}#referral.ack.`),
    deps.clock.now().toISOString(),
  );
}
