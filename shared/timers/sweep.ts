import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import { dueBucket, type HolidayCalendar } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import type { AppointmentRepository, CaseRepository, ReferralRepository, TimerRepository } from '../store/ports.js';
import type { TimerItem } from '../store/timer.js';
import { fireMeetingTimer, type MeetingTimerDeps } from '../meetings/fire.js';
import { decideTimer } from './decide.js';

export interface SweepDeps extends Omit<MeetingTimerDeps, 'timers' | 'directory' | 'logger'> {
  timers: TimerRepository;
  /** What a case's timer is about, read as it is now. */
  cases: Pick<CaseRepository, 'get'>;
  referrals: Pick<ReferralRepository, 'get'>;
  appointments: Pick<AppointmentRepository, 'get'>;
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
  /** Fired or released by an overlapping sweep first: nothing done twice. */
  lostRace: number;
  failed: number;
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
  const decision = decideTimer({ timer: t, theCase, referral, appointment, muni, holidays: deps.holidays, now });
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
  const report: SweepReport = { buckets: buckets.length, itemsRead: 0, fired: 0, moot: 0, released: 0, lostRace: 0, failed: 0 };
  let oldestFailed: string | undefined;

  for (const bucket of buckets) {
    for await (const due of deps.timers.due(bucket, nowIso)) {
      try {
        if (due.type === 'Intent') {
          if (await deps.timers.release(due.item)) report.released++;
          else report.lostRace++;
        } else {
          const outcome = await fireTimer(due.item, deps, now);
          if (outcome === 'fired') report.fired++;
          else if (outcome === 'moot') report.moot++;
          else report.lostRace++;
        }
      } catch (err) {
        // One bad item must not stop the others; it stays pending and the cursor waits for it.
        report.failed++;
        oldestFailed ??= bucket;
        deps.logger.error('due item failed', { bucket, type: due.type, error: (err as Error)?.name });
      }
    }
  }
  const lagged = dueBucket(new Date(now.getTime() - CURSOR_LAG_HOURS * HOUR));
  await deps.timers.advanceCursor(oldestFailed && oldestFailed < lagged ? oldestFailed : lagged);
  report.itemsRead = deps.timers.itemsRead - readBefore;
  deps.logger.info('sweep done', { ...report });
  return report;
}
