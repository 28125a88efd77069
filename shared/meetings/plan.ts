import type { Logger } from '@aws-lambda-powertools/logger';
import { lightFormat } from 'date-fns';
import type { Directory } from '../directory/directory.js';
import { wallClock } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import { meetingItem } from '../store/meeting.js';
import type { MeetingRepository } from '../store/ports.js';
import { calendarUid, inviteesOfRule } from './notices.js';
import { occurrences } from '../domain/recurrence.js';

/**
 * How far ahead recurring meetings are put on the calendar: invitations go out about five weeks
 * before, so the 7-day reminder and everyone's own calendar have time.
 */
export const PLANNING_HORIZON_DAYS = 35;
/**
 * An occurrence closer than this when first planned (the platform was just deployed, or a rule
 * just added) is left out: an invitation hours before a meeting helps nobody.
 */
export const MIN_NOTICE_DAYS = 3;

export interface PlanMeetingsDeps {
  meetings: Pick<MeetingRepository, 'createIfAbsent'>;
  directory: Directory;
  clock: Clock;
  logger: Logger;
}

/** A recurring occurrence's id: the same rule and day always give the same meeting. */
export const occurrenceId = (municipalityId: string, ruleId: string, start: Date) =>
  `${municipalityId}-${ruleId}-${lightFormat(wallClock(start), 'yyyyMMdd')}`;

/**
 * Puts every recurring meeting of the next PLANNING_HORIZON_DAYS on the calendar, once: an
 * occurrence already there (even one a coordinator moved or cancelled) is left as it is.
 */
export async function planMeetings(deps: PlanMeetingsDeps): Promise<{ created: number; existing: number }> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + PLANNING_HORIZON_DAYS * 86_400_000);
  let created = 0;
  let existing = 0;
  for (const muni of deps.directory.municipalities()) {
    for (const rule of muni.meetings) {
      for (const start of occurrences(rule, new Date(now.getTime() + MIN_NOTICE_DAYS * 86_400_000), until)) {
        const meetingId = occurrenceId(muni.id, rule.id, start);
        const item = meetingItem({
          meetingId,
          municipalityId: muni.id,
          kind: rule.kind,
          ruleId: rule.id,
          start: start.toISOString(),
          end: new Date(start.getTime() + rule.durationMinutes * 60_000).toISOString(),
          location: rule.location,
          convenerId: rule.convenerId,
          invitees: inviteesOfRule(muni, rule.invite),
          uid: calendarUid(meetingId),
          sequence: 0,
          status: 'scheduled',
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        });
        if (await deps.meetings.createIfAbsent(item)) created++;
        else existing++;
      }
    }
  }
  deps.logger.info('meetings planned', { created, existing });
  return { created, existing };
}
