import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import type { Clock } from '../domain/clock.js';
import type { MeetingItem } from '../store/meeting.js';
import type { IntentRepository, TimerRepository } from '../store/ports.js';
import { readWorklists, type WorklistDeps } from './agenda.js';
import { decideMeetingNotices } from './notices.js';

export interface NotifyMeetingDeps {
  intents: Pick<IntentRepository, 'putIfAbsent'>;
  timers: Pick<TimerRepository, 'putIfAbsent'>;
  worklistDeps: WorklistDeps;
  directory: Directory;
  clock: Clock;
  retentionDays: number;
  logger: Logger;
}

/**
 * A meeting was put on the calendar, moved or cancelled: invitations (or updates, or
 * cancellations) with their calendar entries go to every invitee, each with the action points
 * that concern them, and the version's reminders are set. Every write is conditional on absence,
 * so a redelivered record sends nothing twice.
 */
export async function notifyMeeting(m: MeetingItem, deps: NotifyMeetingDeps): Promise<{ intents: number; timers: number }> {
  const muni = deps.directory.municipality(m.municipalityId);
  if (!muni) throw new Error(`meeting ${m.meetingId}: municipality not in the directory`);
  const now = deps.clock.now();
  const w = await readWorklists(muni, now, deps.worklistDeps);
  const decision = decideMeetingNotices(m, muni, w, now, deps.retentionDays);
  let written = 0;
  for (const i of decision.intents) if (await deps.intents.putIfAbsent(i)) written++;
  await deps.timers.putIfAbsent(decision.timers);
  deps.logger.info('meeting notices planned', { meetingId: m.meetingId, sequence: m.sequence, status: m.status, intents: written, timers: decision.timers.length });
  return { intents: written, timers: decision.timers.length };
}
