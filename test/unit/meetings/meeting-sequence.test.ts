import { describe, expect, it } from 'vitest';
import { createMeeting, RescheduleMeetingInput, rescheduleMeeting, type MeetingDeps } from '../../../shared/meetings/manage.js';
import { COORDINATOR, valueOf, world, type World } from '../support/world.js';

/**
 * Moving a meeting over the SEQUENCE its caller read: a stale tab is refused (409 naming
 * `sequence`, changed-meanwhile) and the colleague's move stands; a retry of one's own move,
 * already written, answers with it and raises no SEQUENCE (no second "changed" email).
 */

const deps = (w: World): MeetingDeps => ({ ...w.repos, directory: w.directory, clock: w.clock });
const input = {
  municipalityId: 'obiliq',
  convenerId: 'obiliq-zkkk-01',
  title: 'A family without housing',
  start: '2026-12-03T09:00:00.000Z',
  end: '2026-12-03T10:00:00.000Z',
  location: 'Town hall',
  invitees: ['obiliq-housing'],
};

describe('rescheduleMeeting with the sequence read', () => {
  it('refuses a stale tab naming sequence, and keeps the colleague\'s move', async () => {
    const w = world();
    const m = valueOf(await createMeeting(input, deps(w)));
    valueOf(await rescheduleMeeting(m.meetingId, { start: '2026-12-04T13:00:00.000Z', sequence: 0 }, deps(w), COORDINATOR));
    expect(await rescheduleMeeting(m.meetingId, { start: '2026-12-07T13:00:00.000Z', sequence: 0 }, deps(w), COORDINATOR)).toMatchObject({
      ok: false,
      problem: { kind: 'stale', field: 'sequence', code: 'changed-meanwhile' },
    });
    expect(await w.repos.meetings.get(m.meetingId)).toMatchObject({ start: '2026-12-04T13:00:00.000Z', sequence: 1 });
    expect(valueOf(await rescheduleMeeting(m.meetingId, { start: '2026-12-07T13:00:00.000Z', sequence: 1 }, deps(w), COORDINATOR))).toMatchObject({ sequence: 2 });
  });

  it('answers a retry of its own move with it, raising no sequence', async () => {
    const w = world();
    const m = valueOf(await createMeeting(input, deps(w)));
    const move = { start: '2026-12-04T14:00:00+01:00', location: 'Salla 2', sequence: 0 };
    valueOf(await rescheduleMeeting(m.meetingId, move, deps(w), COORDINATOR));
    expect(valueOf(await rescheduleMeeting(m.meetingId, move, deps(w), COORDINATOR))).toMatchObject({ start: '2026-12-04T13:00:00.000Z', sequence: 1 });
    expect((await w.repos.meetings.view(m.meetingId))!.audit.map((a) => a.event)).toEqual(['meeting.rescheduled']);
  });

  it('takes a whole sequence from 0', () => {
    expect(RescheduleMeetingInput.safeParse({ start: '2026-12-04T14:00:00+01:00', sequence: 0 }).success).toBe(true);
    for (const sequence of [-1, 1.5, '1']) expect(RescheduleMeetingInput.safeParse({ start: '2026-12-04T14:00:00+01:00', sequence }).success).toBe(false);
  });
});
