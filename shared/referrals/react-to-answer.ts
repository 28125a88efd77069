import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import type { Municipality } from '../directory/schema.js';
import type { CaseItem } from '../store/case.js';
import type { Clock } from '../domain/clock.js';
import { addWorkingDays, type HolidayCalendar } from '../domain/calendar.js';
import { answersWaitForDigest, choicesInForce, mayWaitForDigest } from '../domain/digest.js';
import type { CaseRepository, CoordinatorSettingsRepository, IntentRepository, ReferralRepository, TimerRepository } from '../store/ports.js';
import { isBlocking, type ReferralItem } from '../store/referral.js';
import { planAnswerNotifications, planBlockedNotice } from './plan-answer-notifications.js';
import { caseCoordinator } from '../directory/coordinator.js';
import { rentReviewTimer } from '../timers/plan.js';

export interface ReactDeps {
  cases: Pick<CaseRepository, 'get'>;
  referrals: Pick<ReferralRepository, 'waitingOn' | 'move' | 'markBlocked'>;
  holidays: HolidayCalendar;
  intents: Pick<IntentRepository, 'putIfAbsent'>;
  timers: Pick<TimerRepository, 'cancelPending' | 'putIfAbsent'>;
  settings: Pick<CoordinatorSettingsRepository, 'choices'>;
  directory: Directory;
  clock: Clock;
  logger: Logger;
}

/**
 * An office answered (or the coordinator cancelled): tell the coordinator (an acceptance or "done"
 * in the next daily digest when they chose so) and the returnee, stop
 * chasing the office, and settle the referrals that waited for this one: released when it is
 * completed; when it will never be (declined, cancelled, not done), in the coordinator's
 * follow-ups at once with an email, to be released, cancelled or referred elsewhere.
 */
export async function reactToAnswer(referral: ReferralItem, deps: ReactDeps): Promise<void> {
  const theCase = await deps.cases.get(referral.caseId);
  const muni = theCase ? deps.directory.municipality(theCase.municipalityId) : undefined;
  if (!theCase || !muni) throw new Error(`case ${referral.caseId} or its municipality not found`);
  if (theCase.status === 'closed') {
    // An answer in flight when the case was closed: closing cancelled what was pending, and no SMS,
    // released referral or notice follows it now.
    deps.logger.info('case closed; nothing follows the answer', { caseId: referral.caseId, referralId: referral.referralId, status: referral.status });
    return;
  }
  const forDigest = mayWaitForDigest(referral.status) && (await answerWaitsForDigest(theCase, muni, deps));
  if (forDigest) deps.logger.info('answer left to the daily digest', { caseId: referral.caseId, referralId: referral.referralId, status: referral.status });
  for (const intent of planAnswerNotifications(referral, theCase, muni, deps.clock.now(), { forDigest })) {
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
  if (isBlocking(referral.status)) {
    const at = referral.cancelledAt ?? referral.outcomeAt ?? referral.answeredAt ?? deps.clock.now().toISOString();
    for (const waiting of await deps.referrals.waitingOn(referral.caseId, referral.referralId)) {
      const marked = await deps.referrals.markBlocked(waiting, referral.status, referral.referralId, at);
      // Written whether or not this delivery marked it: a retry after a crash between the two still asks once (the id is the waiting referral's).
      const notice = planBlockedNotice({ ...waiting, blockedAt: waiting.blockedAt ?? at }, referral, theCase, muni, deps.clock.now());
      const created = notice ? await deps.intents.putIfAbsent(notice) : false;
      deps.logger.info('waiting referral blocked', { caseId: referral.caseId, referralId: waiting.referralId, prerequisite: referral.referralId, marked, noticeWritten: created });
    }
  }
  // A rent subsidy provided runs out after 12 months: its review is planned now (once: the id derives from the referral).
  const review = rentReviewTimer(referral, deps.holidays, deps.clock.now());
  if (review) await deps.timers.putIfAbsent([review]);
  // The acknowledgement ladder would fire as moot anyway; cancelling keeps the timers index lean.
  // An outcome after an acceptance has nothing left to cancel: the acceptance's own record,
  // earlier on the same item's stream, did it, and a rung it missed fires as moot. Not asking
  // spares a read of the whole case partition, which grows with the case's history.
  if (!ladderStoppedAlready(referral)) {
    await deps.timers.cancelPending(
      referral.caseId,
      (i) => (i.timerId ?? '').startsWith(`${referral.referralId}#referral.ack.`),
      deps.clock.now().toISOString(),
    );
  }
}

/** An outcome given after the office accepted (accepting sets answeredAt; an outcome straight from sent does not). */
const ladderStoppedAlready = (r: Pick<ReferralItem, 'status' | 'answeredAt'>): boolean => (r.status === 'completed' || r.status === 'not_completed') && r.answeredAt !== undefined;

/** The case's coordinator reads acceptances and "done" in the daily digest: their own choice, else the directory's. */
async function answerWaitsForDigest(theCase: Pick<CaseItem, 'coordinatorId'>, muni: Municipality, deps: Pick<ReactDeps, 'settings'>): Promise<boolean> {
  const coordinator = caseCoordinator(muni, theCase);
  return answersWaitForDigest(choicesInForce(coordinator, await deps.settings.choices(muni.id, coordinator.id)));
}
