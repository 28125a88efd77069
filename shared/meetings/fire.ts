import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import type { MeetingRepository, TimerRepository } from '../store/ports.js';
import type { TimerItem } from '../store/timer.js';
import { readWorklists, type WorklistDeps } from './agenda.js';
import { decideMeetingTimer } from './notices.js';

export interface MeetingTimerDeps {
  timers: Pick<TimerRepository, 'fire'>;
  meetings: Pick<MeetingRepository, 'get'>;
  worklistDeps: WorklistDeps;
  directory: Directory;
  retentionDays: number;
  logger: Logger;
}

/**
 * A meeting's reminder or minutes request, due: the agenda is read fresh (what is overdue today,
 * not when the invitation went out), and the timer fires once with its intents, like a case's.
 */
export async function fireMeetingTimer(t: TimerItem, deps: MeetingTimerDeps, now: Date): Promise<'fired' | 'moot' | 'lost'> {
  const meeting = await deps.meetings.get(t.meetingId!);
  const muni = meeting ? deps.directory.municipality(meeting.municipalityId) : undefined;
  const needsAgenda = t.kind !== 'meeting.minutes' && meeting?.status === 'scheduled' && t.occurrence === meeting.sequence;
  const w = needsAgenda && muni ? await readWorklists(muni, now, deps.worklistDeps) : undefined;
  const decision = decideMeetingTimer(t, meeting, muni, w, now, deps.retentionDays);
  const won = await deps.timers.fire(t, { now: now.toISOString(), outcome: decision.outcome, intents: decision.intents, next: [], municipalityId: meeting?.municipalityId });
  deps.logger.info(won ? `timer ${decision.outcome}` : 'timer already handled', {
    meetingId: t.meetingId,
    timerId: t.timerId,
    kind: t.kind,
    ...(decision.reason ? { reason: decision.reason } : {}),
    intents: decision.intents.length,
  });
  return won ? decision.outcome : 'lost';
}
