import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import { dueBucket, type HolidayCalendar } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import type { AddressRepository, AppointmentRepository, CaseFileRepository, CaseRepository, IntentRepository, ReferralRepository, TimerRepository } from '../store/ports.js';
import { DELIVERY_WATCH, type IntentItem } from '../store/intent.js';
import { timerRetryAt, type TimerItem } from '../store/timer.js';
import { normaliseAddress } from '../store/address.js';
import { fireMeetingTimer, type MeetingTimerDeps } from '../meetings/fire.js';
import { coordinatorFollowUp } from '../delivery/follow-up.js';
import { decideTimer, referralRecipients, reminderPeriod } from './decide.js';

export interface SweepDeps extends Omit<MeetingTimerDeps, 'timers' | 'directory' | 'logger'> {
  timers: TimerRepository;
  /** Deliveries nobody finished: a lapsed lease, a stream record that never came. */
  intents: Pick<IntentRepository, 'markUnconfirmed' | 'requeue' | 'abandon'>;
  /** What a case's timer is about, read as it is now. */
  cases: Pick<CaseRepository, 'get'>;
  referrals: Pick<ReferralRepository, 'get'>;
  appointments: Pick<AppointmentRepository, 'get'>;
  /** A monitoring or evaluation reminder is moot once its month or quarter is on record; the monitoring email lists the plan. */
  caseFile: Pick<CaseFileRepository, 'monitoring' | 'plan'>;
  /** A reminder rung to an office whose address bounced for good is not written. */
  addresses: Pick<AddressRepository, 'isSuppressed'>;
  directory: Directory;
  holidays: HolidayCalendar;
  clock: Clock;
  logger: Logger;
}

export interface SweepReport {
  buckets: number;
  itemsRead: number;
  fired: number;
  moot: number;
  released: number;
  /** Queued intents whose stream record never reached the deliver function, put back on the stream. */
  requeued: number;
  /** Sending intents whose attempt died: marked unconfirmed, never resent. */
  unconfirmed: number;
  /** Queued intents put back too often: failed for good, by channel. */
  abandoned: { email: number; sms: number };
  /** Fired or released by an overlapping sweep first: nothing done twice. */
  lostRace: number;
  /** Due items that failed in this sweep (each tried again later, or quarantined). */
  failed: number;
  /** Timers (or unreadable index items) that kept failing, out of the sweep for an operator. */
  quarantined: number;
}

const HOUR = 3_600_000;
/** With no cursor yet (a new table), look back this far for anything due. */
const FIRST_LOOKBACK_HOURS = 48;
/** The cursor trails the clock by an hour, so an item written late into the current bucket is still seen. */
const CURSOR_LAG_HOURS = 1;

function bucketsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}:00:00Z`); t <= Date.parse(`${to}:00:00Z`); t += HOUR) out.push(dueBucket(new Date(t)));
  return out;
}

async function fireTimer(t: TimerItem, deps: SweepDeps, now: Date): Promise<'fired' | 'moot' | 'lost'> {
  if (t.meetingId) return fireMeetingTimer(t, deps, now);
  const caseId = t.caseId;
  if (!caseId) throw new Error(`timer ${t.timerId} belongs to neither a case nor a meeting`);
  const theCase = await deps.cases.get(caseId);
  const referral = t.kind.startsWith('referral.') ? await deps.referrals.get(caseId, t.subjectId) : undefined;
  const appointment = t.kind.startsWith('appointment.') ? await deps.appointments.get(caseId, t.subjectId) : undefined;
  const muni = theCase ? deps.directory.municipality(theCase.municipalityId) : undefined;
  // Whose address is dead among the rung's recipients: a reminder there would only be refused.
  const undeliverable = new Set<string>();
  if (referral && muni) {
    for (const address of referralRecipients(t.kind, referral, muni)) {
      if ((await deps.addresses.isSuppressed(address)) === 'undeliverable') undeliverable.add(normaliseAddress(address));
    }
  }
  const caseFileTimer = t.kind === 'case.monitoring' || t.kind === 'case.evaluation';
  const monitoring = caseFileTimer ? await deps.caseFile.monitoring(caseId, reminderPeriod(t)) : undefined;
  const plan = t.kind === 'case.monitoring' ? await deps.caseFile.plan(caseId) : undefined;
  const decision = decideTimer({ timer: t, theCase, referral, appointment, muni, holidays: deps.holidays, now, undeliverable, monitoring, plan });
  const won = await deps.timers.fire(t, {
    now: now.toISOString(),
    outcome: decision.outcome,
    intents: decision.intents,
    next: decision.next,
    flag: decision.flagReferral && referral ? referral : undefined,
    municipalityId: theCase?.municipalityId,
  });
  deps.logger.info(won ? `timer ${decision.outcome}` : 'timer already handled', {
    caseId: t.caseId,
    timerId: t.timerId,
    kind: t.kind,
    ...(decision.reason ? { reason: decision.reason } : {}),
    intents: decision.intents.length,
  });
  return won ? decision.outcome : 'lost';
}

/**
 * A delivery whose watch is up (intent.ts, DELIVERY_WATCH): a deferred one's time has come; a
 * queued one's stream record never reached the deliver function (parked, aged out), so it goes
 * back on the stream, and after `maxRequeues` fails for good; a sending one's attempt died holding
 * its lease, so whether it went out is unknown: unconfirmed, never resent. Each write is
 * conditional on the intent being as read, so an attempt that moves it meanwhile wins.
 */
async function reconcile(i: IntentItem, deps: SweepDeps, now: Date, report: SweepReport): Promise<void> {
  const at = now.toISOString();
  const log = { ...(i.caseId ? { caseId: i.caseId } : { owner: i.pk }), intentId: i.intentId, channel: i.channel };
  switch (i.status) {
    case 'deferred':
      if (await deps.timers.release(i, at)) report.released++;
      else report.lostRace++;
      return;
    case 'queued': {
      if ((i.requeues ?? 0) >= DELIVERY_WATCH.maxRequeues) {
        const failure = { kind: 'attempts-exhausted' as const, code: 'NotTakenUp' };
        const followUps = await coordinatorFollowUp(i, failure, now, deps);
        if (await deps.intents.abandon(i, failure, at, followUps)) {
          report.abandoned[i.channel]++;
          deps.logger.error('delivery never taken up; failed for good', { ...log, requeues: i.requeues });
        } else report.lostRace++;
        return;
      }
      // Put back as deferred and released at once: the release is the change the deliver
      // function's filter passes; were this sweep to stop between the two, the next releases it.
      if (!(await deps.intents.requeue(i, at))) {
        report.lostRace++;
        return;
      }
      // As the requeue left it: deferred, due at once.
      await deps.timers.release({ ...i, status: 'deferred', dueAt: at }, at);
      report.requeued++;
      deps.logger.warn('queued intent not taken up in time; put back on the stream', { ...log, requeues: (i.requeues ?? 0) + 1 });
      return;
    }
    case 'sending': {
      // Its watch is its lease's end; a lease renewed since the index was read is not the sweep's.
      if ((i.leaseUntil ?? 0) * 1000 > now.getTime()) return;
      const followUps = await coordinatorFollowUp(i, 'unconfirmed', now, deps);
      if (await deps.intents.markUnconfirmed(i, at, { followUps, by: 'sweep' })) {
        report.unconfirmed++;
        deps.logger.warn('delivery outcome unknown after a lapsed lease; not resent', log);
      } else report.lostRace++;
      return;
    }
    default:
      // Left in the index by a change that did not take it out: nothing to do for it.
      deps.logger.warn('intent in the timers index with nothing to do', { ...log, status: i.status });
  }
}

/** A timer that threw: tried again later at a new due time (the cursor moves on), or quarantined. */
async function timerFailed(t: TimerItem, err: unknown, deps: SweepDeps, now: Date, report: SweepReport): Promise<boolean> {
  const failures = (t.failures ?? 0) + 1;
  const retryAt = timerRetryAt(failures, now);
  const error = (err as Error)?.name ?? 'Error';
  const recorded = await deps.timers.recordFailure(t, { at: now.toISOString(), error, ...(retryAt ? { retryAt } : {}) });
  if (recorded && !retryAt) {
    report.quarantined++;
    deps.logger.error('timer quarantined after failing every attempt', { caseId: t.caseId, meetingId: t.meetingId, timerId: t.timerId, kind: t.kind, failures, error });
  }
  return recorded;
}

/**
 * Reads what is due from the sparse timers index (never the table), bucket by bucket from the
 * cursor to now, and turns each item into intents or state changes. Safe to overlap or repeat:
 * every firing is conditional on the item still being pending.
 */
export async function sweepTimers(deps: SweepDeps): Promise<SweepReport> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const readBefore = deps.timers.itemsRead;
  const from = (await deps.timers.cursor()) ?? dueBucket(new Date(now.getTime() - FIRST_LOOKBACK_HOURS * HOUR));
  const buckets = bucketsBetween(from, dueBucket(now));
  const report: SweepReport = {
    buckets: buckets.length,
    itemsRead: 0,
    fired: 0,
    moot: 0,
    released: 0,
    requeued: 0,
    unconfirmed: 0,
    abandoned: { email: 0, sms: 0 },
    lostRace: 0,
    failed: 0,
    quarantined: 0,
  };
  let oldestFailed: string | undefined;

  for (const bucket of buckets) {
    for await (const due of deps.timers.due(bucket, nowIso)) {
      try {
        if (due.type === 'Intent') await reconcile(due.item, deps, now, report);
        else if (due.type === 'Unreadable') {
          // Nothing the sweep can fire or reconcile: out of its way, into the operator's list.
          report.failed++;
          if (await deps.timers.quarantineUnreadable(due.key, due.dueAt, nowIso)) report.quarantined++;
          deps.logger.error('unreadable item in the timers index quarantined', { bucket });
        } else {
          const outcome = await fireTimer(due.item, deps, now).catch(async (err: unknown) => {
            report.failed++;
            deps.logger.error('due item failed', { bucket, type: due.type, kind: due.item.kind, timerId: due.item.timerId, error: (err as Error)?.name });
            // Recorded on the timer: tried again later, out of this bucket, so the cursor need not wait.
            if (!(await timerFailed(due.item, err, deps, now, report))) oldestFailed ??= bucket;
            return 'failed' as const;
          });
          if (outcome === 'fired') report.fired++;
          else if (outcome === 'moot') report.moot++;
          else if (outcome === 'lost') report.lostRace++;
        }
      } catch (err) {
        // One bad item must not stop the others; one whose failure could not even be recorded
        // stays where it is, and the cursor waits for it.
        report.failed++;
        oldestFailed ??= bucket;
        deps.logger.error('due item failed', { bucket, type: due.type, error: (err as Error)?.name });
      }
    }
  }
  const lagged = dueBucket(new Date(now.getTime() - CURSOR_LAG_HOURS * HOUR));
  await deps.timers.advanceCursor(oldestFailed && oldestFailed < lagged ? oldestFailed : lagged);
  report.itemsRead = deps.timers.itemsRead - readBefore;
  deps.logger.info('sweep done', { ...report, abandoned: report.abandoned.email + report.abandoned.sms });
  return report;
}
