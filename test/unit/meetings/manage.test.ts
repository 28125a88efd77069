import { describe, expect, it } from 'vitest';
import { eraseCase } from '../../../shared/cases/retention.js';
import { exportCase } from '../../../shared/cases/subject-access.js';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { cancelMeeting, createMeeting, MinutesInput, recordMinutes, rescheduleMeeting, type MeetingDeps } from '../../../shared/meetings/manage.js';
import { notifyMeeting, type NotifyMeetingDeps } from '../../../shared/meetings/notify.js';
import { PLANNING_HORIZON_DAYS, planMeetings } from '../../../shared/meetings/plan.js';
import type { MeetingItem } from '../../../shared/store/meeting.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { arrival, COORDINATOR, MONDAY, valueOf, world, type World } from '../support/world.js';

/**
 * Coordination meetings on the in-memory repositories: what the coordinator's changes write and
 * refuse (manage), what each version sends its invitees (notify: once per version), and what the
 * monthly planning puts on the calendar (plan: once per occurrence).
 */

const meetingDeps = (w: World): MeetingDeps & { cases: World['repos']['cases'] } => ({ ...w.repos, directory: w.directory, clock: w.clock });
const notifyDeps = (w: World): NotifyMeetingDeps => ({
  ...w.repos,
  worklistDeps: w.repos,
  directory: w.directory,
  clock: w.clock,
  retentionDays: 730,
  logger: w.logger,
});
const input = {
  municipalityId: 'obiliq',
  convenerId: 'obiliq-zkkk-01',
  title: 'A family without housing',
  start: '2026-12-03T09:00:00.000Z',
  end: '2026-12-03T10:00:00.000Z',
  location: 'Town hall',
  invitees: ['obiliq-housing', 'obiliq-social-work-centre'],
};

/** The notifications and timers of a meeting's partition, by purpose and kind with the version they are for. */
async function notices(w: World, meetingId: string) {
  const view = (await w.repos.meetings.view(meetingId))!;
  return {
    intents: view.intents.map((i) => `${i.purpose} ${i.recipient}`).sort(),
    timers: view.timers.map((t) => `${t.kind}#${t.occurrence} ${t.status}`).sort(),
  };
}

describe('createMeeting and notifyMeeting', () => {
  it('puts an ad-hoc meeting on the calendar with its convener invited, and invites each invitee once', async () => {
    const w = world();
    const m = valueOf(await createMeeting(input, meetingDeps(w)));
    expect(m.invitees).toEqual(['obiliq-zkkk-01', 'obiliq-housing', 'obiliq-social-work-centre']);
    expect((await w.repos.worklists.meetings('obiliq')).map((x) => x.meetingId)).toEqual([m.meetingId]);
    expect(await notifyMeeting(m, notifyDeps(w))).toEqual({ intents: 3, timers: 3 });
    const office = (email: string) => `meeting.invite ${email}`;
    expect((await notices(w, m.meetingId)).intents).toEqual(
      [office(w.directory.office('obiliq', 'housing')!.email), office(w.directory.office('obiliq', 'social_work_centre')!.email), office(w.directory.municipality('obiliq')!.coordinators[0]!.email)].sort(),
    );
    expect((await notices(w, m.meetingId)).timers).toEqual(['meeting.minutes#0 pending', 'meeting.reminder.day#0 pending', 'meeting.reminder.week#0 pending']);
    const invitation = (await w.repos.meetings.view(m.meetingId))!.intents[0]!;
    expect(invitation).toMatchObject({ template: 'meeting.invitation', status: 'queued', data: { calendar: expect.objectContaining({ method: 'REQUEST' }) } });
    expect(await notifyMeeting(m, notifyDeps(w))).toEqual({ intents: 0, timers: 3 });
    expect((await w.repos.meetings.view(m.meetingId))!.intents).toHaveLength(3);
  });

  it('refuses an invitee the directory does not know, or a start already past, writing nothing', async () => {
    const w = world();
    expect(await createMeeting({ ...input, invitees: ['obiliq-housing', 'partesh-housing'] }, meetingDeps(w))).toMatchObject({ ok: false, problem: { field: 'invitees.1' } });
    expect(await createMeeting({ ...input, start: '2026-11-23T08:00:00.000Z' }, meetingDeps(w))).toMatchObject({ ok: false, problem: { field: 'start' } });
    expect(w.table.size).toBe(0);
  });
});

describe('rescheduleMeeting and cancelMeeting', () => {
  it('moves a meeting to a new sequence, whose notices are new ones; cancels it with cancellations, once', async () => {
    const w = world();
    const m = valueOf(await createMeeting(input, meetingDeps(w)));
    await notifyMeeting(m, notifyDeps(w));
    const moved = valueOf(await rescheduleMeeting(m.meetingId, { start: '2026-12-04T13:00:00.000Z' }, meetingDeps(w), COORDINATOR));
    expect(moved).toMatchObject({ sequence: 1, previousStart: m.start, start: '2026-12-04T13:00:00.000Z', end: '2026-12-04T14:00:00.000Z' });
    expect(await notifyMeeting(moved, notifyDeps(w))).toEqual({ intents: 3, timers: 3 });
    expect((await notices(w, m.meetingId)).timers.filter((t) => t.includes('#1 '))).toHaveLength(3);

    w.clock.advance(60_000);
    const cancelled = valueOf(await cancelMeeting(m.meetingId, meetingDeps(w), COORDINATOR));
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 2 });
    expect(await notifyMeeting(cancelled, notifyDeps(w))).toEqual({ intents: 3, timers: 0 });
    expect((await notices(w, m.meetingId)).intents.filter((i) => i.startsWith('meeting.cancel '))).toHaveLength(3);
    expect(await cancelMeeting(m.meetingId, meetingDeps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    // The calendar still shows it, struck through.
    expect((await w.repos.worklists.meetings('obiliq')).map((x) => [x.meetingId, x.status])).toEqual([[m.meetingId, 'cancelled']]);
    expect((await w.repos.meetings.view(m.meetingId))!.audit.map((a) => a.event)).toEqual(['meeting.rescheduled', 'meeting.cancelled']);
  });

  it('refuses a change made on a version someone else changed meanwhile', async () => {
    const w = world();
    const m = valueOf(await createMeeting(input, meetingDeps(w)));
    const stale: MeetingItem = { ...m };
    valueOf(await rescheduleMeeting(m.meetingId, { start: '2026-12-04T13:00:00.000Z' }, meetingDeps(w), COORDINATOR));
    const readingStale = { ...meetingDeps(w), meetings: Object.assign(Object.create(w.repos.meetings) as World['repos']['meetings'], { get: async () => stale }) };
    expect(await rescheduleMeeting(m.meetingId, { start: '2026-12-05T13:00:00.000Z' }, readingStale, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
    expect((await w.repos.meetings.get(m.meetingId))?.start).toBe('2026-12-04T13:00:00.000Z');
  });
});

describe('recordMinutes', () => {
  it("records the minutes once the meeting has started, counting only this municipality's cases, once", async () => {
    const w = world();
    const m = valueOf(await createMeeting(input, meetingDeps(w)));
    const c = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    valueOf(await createCase(arrival('SMR-P-1', { municipalityId: 'partesh', coordinatorId: w.directory.municipality('partesh')!.coordinators[0]!.id }), w.intake, COORDINATOR));
    const minutes = { held: true, casesDiscussed: [c.smrCaseId, c.smrCaseId] };
    expect(await recordMinutes(m.meetingId, minutes, meetingDeps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { field: 'held' } });
    w.clock.set('2026-12-03T11:00:00.000Z');
    expect(await recordMinutes(m.meetingId, { held: true, casesDiscussed: [c.smrCaseId, 'SMR-P-1'] }, meetingDeps(w), COORDINATOR)).toMatchObject({
      ok: false,
      problem: { field: 'casesDiscussed.1', code: 'unknown-case' },
    });
    // Named by its SMR id and by its case id, kept once, as its case id: no SMR id stays in the meeting.
    const named = { held: true, casesDiscussed: [c.smrCaseId, c.caseId, c.smrCaseId.toLowerCase()] };
    expect(valueOf(await recordMinutes(m.meetingId, named, meetingDeps(w), COORDINATOR))).toMatchObject({ status: 'held', casesDiscussed: [c.caseId] });
    expect(JSON.stringify(await w.repos.meetings.get(m.meetingId))).not.toContain(c.smrCaseId);
    expect(await recordMinutes(m.meetingId, minutes, meetingDeps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
    const f = await w.repos.indicators.figures('obiliq', quarterOf(MONDAY));
    expect([f.meetingsHeld, f.casesDiscussed]).toEqual([1, 1]);
  });

  it('takes no free-text note: one is refused as an unknown field, and the minutes keep case ids only', async () => {
    const w = world();
    const m = valueOf(await createMeeting(input, meetingDeps(w)));
    const c = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    w.clock.set('2026-12-03T11:00:00.000Z');
    const withNote = MinutesInput.safeParse({ held: true, casesDiscussed: [c.caseId], note: 'Bekim Krasniqi: no income, +38349555123' });
    expect(withNote.success).toBe(false);
    expect(withNote.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['note'] })]);
    const body = MinutesInput.parse({ held: true, casesDiscussed: [c.caseId] });
    expect(valueOf(await recordMinutes(m.meetingId, body, meetingDeps(w), COORDINATOR))).toMatchObject({ status: 'held', casesDiscussed: [c.caseId] });
    expect(JSON.stringify(w.table.partition(`MEET#${m.meetingId}`))).toContain(c.caseId);
  });

  it("an older minutes' note is handed over with each case it discussed, and goes when one of them is erased", async () => {
    const w = world();
    const m = valueOf(await createMeeting(input, meetingDeps(w)));
    const c = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    w.clock.set('2026-12-03T11:00:00.000Z');
    valueOf(await recordMinutes(m.meetingId, { held: true, casesDiscussed: [c.caseId] }, meetingDeps(w), COORDINATOR));
    // As minutes kept it before 2026-12.
    const key = { pk: `MEET#${m.meetingId}`, sk: 'META' };
    w.table.write({ put: { ...w.table.get(key)!, minutesNote: 'Bekim Krasniqi: no income' } });
    const deps = { store: w.repos.retention, cases: w.repos.cases, worklists: w.repos.worklists, clock: w.clock, logger: w.logger };
    expect((await exportCase(c.caseId, 'ops-anna', deps))!.meetings).toEqual([expect.objectContaining({ meetingId: m.meetingId, minutesNote: 'Bekim Krasniqi: no income' })]);
    expect(await eraseCase(c.caseId, { reason: 'data-subject-request', operator: 'ops-anna' }, deps)).toMatchObject({ meetings: 1 });
    const after = await w.repos.meetings.get(m.meetingId);
    expect(after).toMatchObject({ status: 'held', casesDiscussed: [] });
    expect(after).not.toHaveProperty('minutesNote');
  });
});

describe('planMeetings', () => {
  it("puts each rule's occurrences of the horizon on the calendar once, leaving a moved one as moved", async () => {
    const w = world();
    const deps = { ...w.repos, directory: w.directory, clock: w.clock, logger: w.logger };
    const first = await planMeetings(deps);
    expect(first.created).toBeGreaterThan(0);
    expect(first.existing).toBe(0);
    const planned = [...(await w.repos.worklists.meetings('obiliq')), ...(await w.repos.worklists.meetings('partesh'))];
    expect(planned).toHaveLength(first.created);
    const horizon = MONDAY.getTime() + PLANNING_HORIZON_DAYS * 86_400_000;
    expect(planned.every((m) => m.ruleId && m.sequence === 0 && Date.parse(m.start) > MONDAY.getTime() && Date.parse(m.start) <= horizon)).toBe(true);
    const one = planned[0]!;
    valueOf(await rescheduleMeeting(one.meetingId, { start: new Date(Date.parse(one.start) + 3_600_000).toISOString() }, meetingDeps(w), COORDINATOR));
    expect(await planMeetings(deps)).toEqual({ created: 0, existing: first.created });
    expect((await w.repos.meetings.get(one.meetingId))?.sequence).toBe(1);
  });
});

describe('a retried request', () => {
  const body = { ...input, requestId: '3f1c8a52-6b0e-4c55-9d0f-6c1b2a7e9d10' };

  it('createMeeting: a retry answers with the meeting the first made; another body is refused naming requestId', async () => {
    const w = world();
    const first = await createMeeting(body, meetingDeps(w), COORDINATOR);
    expect(first).toMatchObject({ ok: true, created: true });
    const again = await createMeeting(body, meetingDeps(w), COORDINATOR);
    expect(again).toMatchObject({ ok: true, created: false, value: { meetingId: valueOf(first).meetingId, uid: valueOf(first).uid } });
    expect(await w.repos.worklists.meetings('obiliq')).toHaveLength(1);
    expect(await createMeeting({ ...body, title: 'Another family' }, meetingDeps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { field: 'requestId', code: 'request-reused' } });
    expect(await w.repos.worklists.meetings('obiliq')).toMatchObject([{ title: 'A family without housing' }]);
  });

  it('rescheduleMeeting: a move that changes nothing (a retry, or a form sent unchanged) answers with the meeting as it is, writing nothing', async () => {
    const w = world();
    const m = valueOf(await createMeeting(body, meetingDeps(w), COORDINATOR));
    const move = { start: '2026-12-04T09:00:00.000Z' };
    const moved = valueOf(await rescheduleMeeting(m.meetingId, move, meetingDeps(w), COORDINATOR));
    expect(moved.sequence).toBe(1);
    w.clock.advance(60_000);
    const same = { ok: true, value: { sequence: 1, start: moved.start, updatedAt: moved.updatedAt } };
    expect(await rescheduleMeeting(m.meetingId, move, meetingDeps(w), COORDINATOR)).toMatchObject(same);
    expect(await rescheduleMeeting(m.meetingId, { ...move, end: '2026-12-04T10:00:00.000Z', location: 'Town hall' }, meetingDeps(w), COORDINATOR)).toMatchObject(same);
    expect(await w.repos.meetings.get(m.meetingId)).toMatchObject({ sequence: 1, updatedAt: moved.updatedAt });
    expect((await w.repos.meetings.view(m.meetingId))!.audit.filter((a) => a.event === 'meeting.rescheduled')).toHaveLength(1);
    // A new place alone is a change.
    expect(valueOf(await rescheduleMeeting(m.meetingId, { ...move, location: 'Community centre' }, meetingDeps(w), COORDINATOR)).sequence).toBe(2);
  });

  it('createMeeting: a retry once the start has passed still answers with the meeting the first made', async () => {
    const w = world();
    const first = valueOf(await createMeeting(body, meetingDeps(w), COORDINATOR));
    w.clock.set('2026-12-03T09:30:00.000Z');
    expect(await createMeeting(body, meetingDeps(w), COORDINATOR)).toMatchObject({ ok: true, created: false, value: { meetingId: first.meetingId } });
    expect(await createMeeting({ ...body, title: 'Another family' }, meetingDeps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { field: 'requestId', code: 'request-reused' } });
    // A new request for a time past is refused as ever.
    expect(await createMeeting({ ...body, requestId: '9b7e4f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b' }, meetingDeps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { field: 'start', code: 'not-in-future' } });
  });

  it('recordMinutes: a retry answers with the minutes the first recorded, counting nothing again; another body or another request is refused', async () => {
    const w = world();
    const m = valueOf(await createMeeting(input, meetingDeps(w)));
    const c = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    w.clock.set('2026-12-03T11:00:00.000Z');
    const minutes = MinutesInput.parse({ held: true, casesDiscussed: [c.smrCaseId], requestId: body.requestId });
    const first = valueOf(await recordMinutes(m.meetingId, minutes, meetingDeps(w), COORDINATOR));
    expect(first).toMatchObject({ status: 'held', casesDiscussed: [c.caseId] });
    const audit = (await w.repos.meetings.view(m.meetingId))!.audit.length;
    w.clock.advance(60_000);
    expect(await recordMinutes(m.meetingId, minutes, meetingDeps(w), COORDINATOR)).toEqual({ ok: true, value: first });
    expect(await recordMinutes(m.meetingId, { ...minutes, held: false }, meetingDeps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { field: 'requestId', code: 'request-reused' } });
    // Another coordinator's same requestId, or none: the minutes are someone else's, as before.
    expect(await recordMinutes(m.meetingId, minutes, meetingDeps(w), { by: 'user:obiliq-zkkk-02', role: 'coordinator' })).toMatchObject({ ok: false, problem: { code: 'changed-meanwhile' } });
    const { requestId: _, ...plain } = minutes;
    expect(await recordMinutes(m.meetingId, plain, meetingDeps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { code: 'changed-meanwhile' } });
    expect((await w.repos.meetings.view(m.meetingId))!.audit).toHaveLength(audit);
    const f = await w.repos.indicators.figures('obiliq', quarterOf(MONDAY));
    expect([f.meetingsHeld, f.casesDiscussed]).toEqual([1, 1]);
  });
});
