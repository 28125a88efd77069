import { describe, expect, it } from 'vitest';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import type { Municipality } from '../../../shared/directory/schema.js';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { actionPointsFor, type Worklists } from '../../../shared/meetings/agenda.js';
import { buildIcs, type CalendarInvite } from '../../../shared/meetings/ics.js';
import {
  calendarUid,
  decideMeetingNotices,
  decideMeetingTimer,
  inviteesOfRule,
  resolveInvitees,
} from '../../../shared/meetings/notices.js';
import { renderAny, type MeetingEmailData, type MinutesRequestData } from '../../../shared/messages/index.js';
import { figuresFrom } from '../../../shared/store/indicators.js';
import { IntentItem } from '../../../shared/store/intent.js';
import { meetingItem, type MeetingItem } from '../../../shared/store/meeting.js';
import { TimerItem } from '../../../shared/store/timer.js';

const RETENTION_DAYS = 30;
const DAY = 86_400_000;

function obiliq(): Municipality {
  const m = bundledDirectory().municipality('obiliq');
  if (!m) throw new Error('obiliq is not in the bundled directory');
  return m;
}
const MUNI = obiliq();

const CONVENER = 'obiliq-zkkk-01';
const CIVIL = 'obiliq-civil-registry';
const EMPLOYMENT = 'obiliq-employment-office';
const SOCIAL = 'obiliq-social-work-centre';
const IOM = 'obiliq-iom';
const INVITEES = [CONVENER, CIVIL, EMPLOYMENT, SOCIAL, IOM];

const MEETING_ID = 'obiliq-directorates-monthly-20261201';
/** Tuesday 1 December 2026, 10:00–11:30 in Obiliq (UTC+1). */
const START = '2026-12-01T09:00:00.000Z';
const END = '2026-12-01T10:30:00.000Z';
/** Eleven days before: both reminders are still ahead. */
const NOW = new Date('2026-11-20T08:00:00.000Z');

const SMR_CIVIL_OVERDUE = 'SMR-2026-00042';
const SMR_CIVIL_DECLINED = 'SMR-2026-00051';
const SMR_SOCIAL_OVERDUE = 'SMR-2026-00043';
const SMR_EMPLOYMENT_DECLINED = 'SMR-2026-00052';
const SMR_CLOSING = 'SMR-2025-00007';
const SMR_FAILED = 'SMR-2026-00099';

function officeName(id: string) {
  const o = MUNI.offices.find((x) => x.id === id);
  if (!o) throw new Error(`no office ${id}`);
  return o.name;
}

function worklists(): Worklists {
  return {
    overdue: [
      { kind: 'overdue', smrCaseId: SMR_CIVIL_OVERDUE, office: officeName(CIVIL), officeId: CIVIL, need: 'civil_documents', date: '2026-11-18', sensitive: false },
      { kind: 'overdue', smrCaseId: SMR_SOCIAL_OVERDUE, office: officeName(SOCIAL), officeId: SOCIAL, need: 'social_support', date: '2026-11-17', sensitive: false },
    ],
    declined: [
      {
        kind: 'declined',
        smrCaseId: SMR_CIVIL_DECLINED,
        office: officeName(CIVIL),
        officeId: CIVIL,
        need: 'civil_documents',
        declineReason: 'unable_to_contact',
        date: '2026-11-10',
        sensitive: false,
      },
      {
        kind: 'declined',
        smrCaseId: SMR_EMPLOYMENT_DECLINED,
        office: officeName(EMPLOYMENT),
        officeId: EMPLOYMENT,
        need: 'job_seeker_registration',
        declineReason: 'not_eligible',
        date: '2026-11-12',
        sensitive: false,
      },
    ],
    nearingClosure: [{ kind: 'nearing_closure', smrCaseId: SMR_CLOSING, date: '2026-12-20', sensitive: false }],
    failedDeliveries: [{ kind: 'failed_delivery', smrCaseId: SMR_FAILED, channel: 'sms', date: '2026-11-19', sensitive: false }],
    measuresOverdue: [],
    figures: figuresFrom(quarterOf(NOW), { referralsMade: 6, referralsAnswered: 4, referralsAnsweredInTime: 3, accepted: 2, declined: 2, referred_civil_registry: 5 }),
  };
}

const LOCATION = MUNI.meetings.find((r) => r.id === 'directorates-monthly')!.location;

function meeting(over: Partial<MeetingItem> = {}): MeetingItem {
  return meetingItem({
    meetingId: MEETING_ID,
    municipalityId: 'obiliq',
    kind: 'directorates',
    ruleId: 'directorates-monthly',
    start: START,
    end: END,
    location: LOCATION,
    convenerId: CONVENER,
    invitees: INVITEES,
    uid: calendarUid(MEETING_ID),
    sequence: 0,
    status: 'scheduled',
    createdAt: '2026-11-20T07:00:00.000Z',
    updatedAt: '2026-11-20T07:00:00.000Z',
    ...over,
  });
}

const calendarOf = (i: IntentItem) => i.data.calendar as CalendarInvite;
const emailDataOf = (i: IntentItem) => i.data as unknown as MeetingEmailData;
const byRecipient = (intents: IntentItem[], id: string) => {
  const email = resolveInvitees(MUNI, [id])[0]!.email;
  const found = intents.find((i) => i.recipient === email);
  if (!found) throw new Error(`no intent to ${id}`);
  return found;
};
/** RFC 5545 folds long lines (CRLF + space); unfold before looking for a value. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const renderedText = (i: IntentItem) => {
  const r = renderAny(i.template, i.data, i.languages);
  if (!r.email) throw new Error(`${i.template} rendered no email`);
  return r.email.text;
};

describe('resolveInvitees', () => {
  it('resolves a coordinator, an office and a contact with their email and languages', () => {
    const out = resolveInvitees(MUNI, [CONVENER, SOCIAL, IOM]);
    expect(out).toEqual([
      { id: CONVENER, role: 'coordinator', name: MUNI.coordinators[0]!.name, email: 'koordinatori1.zkkk@obiliq.example.org', languages: ['sq'] },
      { id: SOCIAL, role: 'office', name: 'Centre for Social Work – Obiliq', email: 'qps@obiliq.example.org', languages: ['sq', 'sr-Latn'] },
      { id: IOM, role: 'contact', name: MUNI.contacts.find((c) => c.id === IOM)!.name.en, email: 'obiliq.reintegration@iom.example.org', languages: ['en'] },
    ]);
  });

  it('drops unknown ids and lists a repeated id once, in first-seen order', () => {
    const out = resolveInvitees(MUNI, [CIVIL, 'no-such-office', CONVENER, CIVIL, 'partesh-zkkk-01', CONVENER]);
    expect(out.map((i) => i.id)).toEqual([CIVIL, CONVENER]);
  });

  it("copies an office's languages rather than sharing the directory's array", () => {
    const [social] = resolveInvitees(MUNI, [SOCIAL]);
    social!.languages.push('en');
    expect(MUNI.offices.find((o) => o.id === SOCIAL)!.languages).toEqual(['sq', 'sr-Latn']);
  });
});

describe('inviteesOfRule', () => {
  it("lists every coordinator, the offices of the rule's kinds and the contacts of its roles", () => {
    const ids = inviteesOfRule(MUNI, { officeKinds: ['civil_registry', 'social_work_centre'], contactRoles: ['international', 'drpr'] });
    expect(ids).toEqual(['obiliq-zkkk-01', 'obiliq-zkkk-02', CIVIL, SOCIAL, 'obiliq-drpr-regional', IOM]);
  });

  it('invites only the coordinators when the rule names no kinds or roles', () => {
    expect(inviteesOfRule(MUNI, { officeKinds: [], contactRoles: [] })).toEqual(['obiliq-zkkk-01', 'obiliq-zkkk-02']);
  });

  it('gives ids that all resolve (the directorates rule of Obiliq)', () => {
    const rule = MUNI.meetings.find((r) => r.id === 'directorates-monthly')!;
    const ids = inviteesOfRule(MUNI, rule.invite);
    expect(resolveInvitees(MUNI, ids)).toHaveLength(ids.length);
    expect(ids).not.toContain('obiliq-community-police');
  });
});

describe('actionPointsFor', () => {
  const w = worklists();

  it('gives an office only its own overdue and declined referrals, without the routing id', () => {
    const points = actionPointsFor(w, { role: 'office', id: CIVIL });
    expect(points.map((p) => [p.kind, p.smrCaseId])).toEqual([
      ['overdue', SMR_CIVIL_OVERDUE],
      ['declined', SMR_CIVIL_DECLINED],
    ]);
    for (const p of points) expect(p).not.toHaveProperty('officeId');
    expect(actionPointsFor(w, { role: 'office', id: EMPLOYMENT }).map((p) => p.smrCaseId)).toEqual([SMR_EMPLOYMENT_DECLINED]);
    expect(actionPointsFor(w, { role: 'office', id: 'obiliq-housing' })).toEqual([]);
  });

  it('gives a coordinator every point: overdue, declined, nearing closure, failed deliveries', () => {
    expect(actionPointsFor(w, { role: 'coordinator', id: CONVENER }).map((p) => p.smrCaseId)).toEqual([
      SMR_CIVIL_OVERDUE,
      SMR_SOCIAL_OVERDUE,
      SMR_CIVIL_DECLINED,
      SMR_EMPLOYMENT_DECLINED,
      SMR_CLOSING,
      SMR_FAILED,
    ]);
  });

  it('gives a contact (CSO, donor, international) none', () => {
    expect(actionPointsFor(w, { role: 'contact', id: IOM })).toEqual([]);
  });
});

describe('decideMeetingNotices: a new meeting (sequence 0)', () => {
  const m = meeting();
  const { intents, timers } = decideMeetingNotices(m, MUNI, worklists(), NOW, RETENTION_DAYS);

  it('writes valid intent and timer items', () => {
    for (const i of intents) expect(() => IntentItem.parse(i)).not.toThrow();
    for (const t of timers) expect(() => TimerItem.parse(t)).not.toThrow();
  });

  it('sends one invitation per invitee, queued, in the meeting partition', () => {
    expect(intents).toHaveLength(INVITEES.length);
    expect(intents.map((i) => i.recipient)).toEqual(resolveInvitees(MUNI, INVITEES).map((i) => i.email));
    for (const i of intents) {
      expect(i.template).toBe('meeting.invitation');
      expect(i.purpose).toBe('meeting.invite');
      expect(i.channel).toBe('email');
      expect(i.status).toBe('queued');
      expect(i.attempts).toBe(0);
      expect(i.pk).toBe(m.pk);
      expect(i.sk).toBe(`NOTE#${i.intentId}`);
      expect(i.municipalityId).toBe('obiliq');
      expect(i.sourceId).toBe(MEETING_ID);
      expect(i.caseId).toBeUndefined();
      expect(i.createdAt).toBe(NOW.toISOString());
      expect(i.expiresAt).toBe(Date.parse(END) / 1000 + RETENTION_DAYS * 86_400);
    }
    expect(new Set(intents.map((i) => i.intentId)).size).toBe(intents.length);
  });

  it("writes each invitee's languages on its intent", () => {
    expect(byRecipient(intents, SOCIAL).languages).toEqual(['sq', 'sr-Latn']);
    expect(byRecipient(intents, IOM).languages).toEqual(['en']);
    expect(byRecipient(intents, CONVENER).languages).toEqual(['sq']);
  });

  it('attaches a REQUEST calendar entry for that invitee alone, with the meeting UID and sequence 0', () => {
    for (const id of INVITEES) {
      const i = byRecipient(intents, id);
      const cal = calendarOf(i);
      expect(cal.method).toBe('REQUEST');
      expect(cal.uid).toBe(m.uid);
      expect(cal.sequence).toBe(0);
      expect(cal.start).toBe(START);
      expect(cal.end).toBe(END);
      expect(cal.attendee.email).toBe(i.recipient);
      expect(cal.organizer.email).toBe('koordinatori1.zkkk@obiliq.example.org');
      expect(cal.stamp).toBe(m.updatedAt);
    }
  });

  it("gives the calendar location and summary in the invitee's first language", () => {
    expect(calendarOf(byRecipient(intents, CIVIL)).location).toBe(LOCATION.sq);
    expect(calendarOf(byRecipient(intents, IOM)).location).toBe(LOCATION.en);
    expect(calendarOf(byRecipient(intents, IOM)).summary).toBe('Monthly coordination meeting with the directorates – Obiliq');
  });

  it('carries the sequence in the intent ids, so the next sequence writes new intents', () => {
    for (const i of intents) expect(i.intentId).toContain(`${MEETING_ID}#0#`);
    const next = decideMeetingNotices(meeting({ sequence: 1, previousStart: '2026-11-30T09:00:00.000Z' }), MUNI, worklists(), NOW, RETENTION_DAYS);
    const before = new Set(intents.map((i) => i.intentId));
    expect(next.intents).toHaveLength(intents.length);
    for (const i of next.intents) {
      expect(before.has(i.intentId)).toBe(false);
      expect(i.intentId).toContain(`${MEETING_ID}#1#`);
    }
  });

  it('is deterministic: the same record decided twice gives the same ids', () => {
    const again = decideMeetingNotices(meeting(), MUNI, worklists(), NOW, RETENTION_DAYS);
    expect(again.intents.map((i) => i.intentId)).toEqual(intents.map((i) => i.intentId));
    expect(again.timers.map((t) => t.timerId)).toEqual(timers.map((t) => t.timerId));
  });

  it('plans the week and day reminders and the minutes request, for sequence 0', () => {
    expect(timers.map((t) => [t.kind, t.dueAt])).toEqual([
      ['meeting.reminder.week', new Date(Date.parse(START) - 7 * DAY).toISOString()],
      ['meeting.reminder.day', new Date(Date.parse(START) - DAY).toISOString()],
      ['meeting.minutes', '2026-12-01T11:30:00.000Z'],
    ]);
    for (const t of timers) {
      expect(t.occurrence).toBe(0);
      expect(t.pk).toBe(m.pk);
      expect(t.sk).toBe(`TIMER#${t.timerId}`);
      expect(t.meetingId).toBe(MEETING_ID);
      expect(t.subjectId).toBe(MEETING_ID);
      expect(t.status).toBe('pending');
      expect(t.dueBucket).toBe(t.dueAt.slice(0, 13));
      expect(t.caseId).toBeUndefined();
    }
  });

  it('gives the agenda counts to everyone, and action points by who the invitee is', () => {
    for (const i of intents) {
      expect(emailDataOf(i).agenda).toMatchObject({ overdue: 2, declined: 2, nearingClosure: 1, failedDeliveries: 1 });
      expect(emailDataOf(i).agenda.figures.referralsMade).toBe(6);
    }
    expect(emailDataOf(byRecipient(intents, CIVIL)).actionPoints.map((p) => p.smrCaseId)).toEqual([SMR_CIVIL_OVERDUE, SMR_CIVIL_DECLINED]);
    expect(emailDataOf(byRecipient(intents, EMPLOYMENT)).actionPoints.map((p) => p.smrCaseId)).toEqual([SMR_EMPLOYMENT_DECLINED]);
    expect(emailDataOf(byRecipient(intents, CONVENER)).actionPoints).toHaveLength(6);
    expect(emailDataOf(byRecipient(intents, IOM)).actionPoints).toEqual([]);
    expect(emailDataOf(byRecipient(intents, CIVIL)).daysBefore).toBeUndefined();
  });

  it('renders every intent and its calendar file', () => {
    for (const i of intents) {
      expect(() => renderAny(i.template, i.data, i.languages), i.recipient).not.toThrow();
      const ics = unfold(buildIcs(calendarOf(i)));
      expect(ics).toContain('METHOD:REQUEST');
      expect(ics).toContain(`UID:${m.uid}`);
      expect(ics).toContain('SEQUENCE:0');
      // one attendee only, this invitee: no one sees the others' addresses
      const attendees = ics.match(/^ATTENDEE.*$/gm) ?? [];
      expect(attendees).toHaveLength(1);
      expect(attendees[0]!.toLowerCase().endsWith(`:mailto:${i.recipient}`)).toBe(true);
    }
  });

  it("names the civil registry's overdue case in its own invitation and not in the employment office's", () => {
    const civil = renderedText(byRecipient(intents, CIVIL));
    const employment = renderedText(byRecipient(intents, EMPLOYMENT));
    const iom = renderedText(byRecipient(intents, IOM));
    const convener = renderedText(byRecipient(intents, CONVENER));
    expect(civil).toContain(SMR_CIVIL_OVERDUE);
    expect(civil).not.toContain(SMR_SOCIAL_OVERDUE);
    expect(employment).not.toContain(SMR_CIVIL_OVERDUE);
    expect(employment).toContain(SMR_EMPLOYMENT_DECLINED);
    expect(iom).not.toMatch(/SMR-/);
    for (const smr of [SMR_CIVIL_OVERDUE, SMR_SOCIAL_OVERDUE, SMR_CIVIL_DECLINED, SMR_EMPLOYMENT_DECLINED, SMR_CLOSING, SMR_FAILED]) {
      expect(convener).toContain(smr);
    }
  });
});

describe('decideMeetingNotices: reminders already in the past are not planned', () => {
  const start = Date.parse(START);

  it('three days before: no week reminder, the day reminder and the minutes request', () => {
    const { timers } = decideMeetingNotices(meeting(), MUNI, worklists(), new Date(start - 3 * DAY), RETENTION_DAYS);
    expect(timers.map((t) => t.kind)).toEqual(['meeting.reminder.day', 'meeting.minutes']);
  });

  it('exactly a week before: the week reminder is due now, not ahead, so it is not planned', () => {
    const { timers } = decideMeetingNotices(meeting(), MUNI, worklists(), new Date(start - 7 * DAY), RETENTION_DAYS);
    expect(timers.map((t) => t.kind)).toEqual(['meeting.reminder.day', 'meeting.minutes']);
  });

  it('a few hours before: only the minutes request', () => {
    const { intents, timers } = decideMeetingNotices(meeting(), MUNI, worklists(), new Date(start - 3 * 3_600_000), RETENTION_DAYS);
    expect(timers.map((t) => t.kind)).toEqual(['meeting.minutes']);
    expect(intents).toHaveLength(INVITEES.length);
  });
});

describe('decideMeetingNotices: rescheduled, cancelled, held', () => {
  it('a sequence above 0 sends meeting.rescheduled with the new sequence in the calendar and timers', () => {
    const m = meeting({ sequence: 2, start: '2026-12-03T09:00:00.000Z', end: '2026-12-03T10:30:00.000Z', previousStart: START, updatedAt: '2026-11-21T10:00:00.000Z' });
    const { intents, timers } = decideMeetingNotices(m, MUNI, worklists(), NOW, RETENTION_DAYS);
    expect(intents).toHaveLength(INVITEES.length);
    for (const i of intents) {
      IntentItem.parse(i);
      expect(i.template).toBe('meeting.rescheduled');
      expect(calendarOf(i)).toMatchObject({ method: 'REQUEST', sequence: 2, uid: m.uid, start: m.start, stamp: m.updatedAt });
      expect(emailDataOf(i).previousStart).toBe(START);
      expect(() => renderAny(i.template, i.data, i.languages)).not.toThrow();
      expect(unfold(buildIcs(calendarOf(i)))).toContain('SEQUENCE:2');
    }
    expect(timers.map((t) => [t.kind, t.occurrence])).toEqual([
      ['meeting.reminder.week', 2],
      ['meeting.reminder.day', 2],
      ['meeting.minutes', 2],
    ]);
    for (const t of timers) TimerItem.parse(t);
  });

  it('a cancellation sends meeting.cancelled with a CANCEL calendar entry, and plans no timers', () => {
    const m = meeting({ sequence: 1, status: 'cancelled', updatedAt: '2026-11-22T10:00:00.000Z' });
    const { intents, timers } = decideMeetingNotices(m, MUNI, worklists(), NOW, RETENTION_DAYS);
    expect(timers).toEqual([]);
    expect(intents).toHaveLength(INVITEES.length);
    for (const i of intents) {
      IntentItem.parse(i);
      expect(i.template).toBe('meeting.cancelled');
      expect(i.purpose).toBe('meeting.cancel');
      expect(calendarOf(i)).toMatchObject({ method: 'CANCEL', sequence: 1, uid: m.uid });
      expect(() => renderAny(i.template, i.data, i.languages)).not.toThrow();
      const ics = unfold(buildIcs(calendarOf(i)));
      expect(ics).toContain('METHOD:CANCEL');
      expect(ics).toContain('STATUS:CANCELLED');
    }
  });

  it('a cancellation never shares an id with the invitations it cancels', () => {
    const invited = decideMeetingNotices(meeting(), MUNI, worklists(), NOW, RETENTION_DAYS).intents.map((i) => i.intentId);
    const cancelled = decideMeetingNotices(meeting({ sequence: 1, status: 'cancelled' }), MUNI, worklists(), NOW, RETENTION_DAYS).intents.map((i) => i.intentId);
    for (const id of cancelled) expect(invited).not.toContain(id);
  });

  for (const status of ['held', 'not_held'] as const) {
    it(`a meeting ${status} gives nothing`, () => {
      expect(decideMeetingNotices(meeting({ status }), MUNI, worklists(), NOW, RETENTION_DAYS)).toEqual({ intents: [], timers: [] });
    });
  }

  it('skips an invitee id the directory no longer has', () => {
    const { intents } = decideMeetingNotices(meeting({ invitees: [CONVENER, 'obiliq-gone-office', CIVIL] }), MUNI, worklists(), NOW, RETENTION_DAYS);
    expect(intents.map((i) => i.recipient)).toEqual(['koordinatori1.zkkk@obiliq.example.org', 'gjendja-civile@obiliq.example.org']);
  });
});

describe('decideMeetingTimer', () => {
  const m = meeting();
  const planned = decideMeetingNotices(m, MUNI, worklists(), NOW, RETENTION_DAYS).timers;
  const timer = (kind: TimerItem['kind']) => {
    const t = planned.find((x) => x.kind === kind);
    if (!t) throw new Error(`no ${kind} timer planned`);
    return t;
  };
  const at = (t: TimerItem) => new Date(t.dueAt);

  it('is moot when the meeting is gone', () => {
    const t = timer('meeting.reminder.week');
    expect(decideMeetingTimer(t, undefined, MUNI, worklists(), at(t), RETENTION_DAYS)).toMatchObject({ outcome: 'moot', intents: [] });
    expect(decideMeetingTimer(t, m, undefined, worklists(), at(t), RETENTION_DAYS)).toMatchObject({ outcome: 'moot', intents: [] });
  });

  for (const status of ['cancelled', 'held', 'not_held'] as const) {
    it(`is moot when the meeting is ${status}`, () => {
      for (const t of planned) {
        const d = decideMeetingTimer(t, meeting({ status }), MUNI, worklists(), at(t), RETENTION_DAYS);
        expect(d.outcome).toBe('moot');
        expect(d.intents).toEqual([]);
      }
    });
  }

  it('is moot when the meeting has changed since the timer was planned (occurrence ≠ sequence)', () => {
    const moved = meeting({ sequence: 1, start: '2026-12-08T09:00:00.000Z', end: '2026-12-08T10:30:00.000Z', previousStart: START });
    for (const t of planned) {
      const d = decideMeetingTimer(t, moved, MUNI, worklists(), at(t), RETENTION_DAYS);
      expect(d.outcome, t.kind).toBe('moot');
      expect(d.intents).toEqual([]);
    }
  });

  it('the minutes timer sends one minutes request to the convener', () => {
    const t = timer('meeting.minutes');
    const d = decideMeetingTimer(t, m, MUNI, undefined, at(t), RETENTION_DAYS);
    expect(d.outcome).toBe('fired');
    expect(d.intents).toHaveLength(1);
    const i = IntentItem.parse(d.intents[0]);
    expect(i.template).toBe('meeting.minutes_request');
    expect(i.recipient).toBe('koordinatori1.zkkk@obiliq.example.org');
    expect(i.pk).toBe(m.pk);
    const data = i.data as unknown as MinutesRequestData;
    expect(data.minutesPath).toBe(`POST /meetings/${MEETING_ID}/minutes`);
    expect(data.meetingId).toBe(MEETING_ID);
    expect(data.start).toBe(START);
    expect(renderedText(i)).toContain(`POST /meetings/${MEETING_ID}/minutes`);
  });

  it('the minutes request goes to the convener named on the meeting, not to the first coordinator', () => {
    const t = timer('meeting.minutes');
    const d = decideMeetingTimer(t, meeting({ convenerId: 'obiliq-zkkk-02' }), MUNI, undefined, at(t), RETENTION_DAYS);
    expect(d.intents.map((i) => i.recipient)).toEqual(['koordinatori2.zkkk@obiliq.example.org']);
  });

  it('the week reminder goes to every invitee with daysBefore 7', () => {
    const t = timer('meeting.reminder.week');
    const d = decideMeetingTimer(t, m, MUNI, worklists(), at(t), RETENTION_DAYS);
    expect(d.outcome).toBe('fired');
    expect(d.intents.map((i) => i.recipient)).toEqual(resolveInvitees(MUNI, INVITEES).map((i) => i.email));
    for (const i of d.intents) {
      IntentItem.parse(i);
      expect(i.template).toBe('meeting.reminder');
      expect(emailDataOf(i).daysBefore).toBe(7);
      expect(calendarOf(i)).toMatchObject({ method: 'REQUEST', uid: m.uid, sequence: 0, attendee: { email: i.recipient } });
      expect(() => renderAny(i.template, i.data, i.languages)).not.toThrow();
      expect(() => buildIcs(calendarOf(i))).not.toThrow();
    }
    expect(emailDataOf(d.intents.find((i) => i.recipient === 'gjendja-civile@obiliq.example.org')!).actionPoints.map((p) => p.smrCaseId)).toEqual([
      SMR_CIVIL_OVERDUE,
      SMR_CIVIL_DECLINED,
    ]);
  });

  it('the day reminder goes to every invitee with daysBefore 1', () => {
    const t = timer('meeting.reminder.day');
    const d = decideMeetingTimer(t, m, MUNI, worklists(), at(t), RETENTION_DAYS);
    expect(d.outcome).toBe('fired');
    expect(d.intents).toHaveLength(INVITEES.length);
    for (const i of d.intents) {
      expect(emailDataOf(i).daysBefore).toBe(1);
      expect(() => renderAny(i.template, i.data, i.languages)).not.toThrow();
    }
  });

  it('reminders, invitations and minutes requests never share an intent id', () => {
    const ids = [
      ...decideMeetingNotices(m, MUNI, worklists(), NOW, RETENTION_DAYS).intents,
      ...planned.flatMap((t) => decideMeetingTimer(t, m, MUNI, worklists(), at(t), RETENTION_DAYS).intents),
    ].map((i) => i.intentId);
    expect(ids).toHaveLength(INVITEES.length * 3 + 1);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('reminders keep the local time; the calendar speaks the invitee’s script', () => {
  it('a meeting just after the spring change is reminded at its own local hour a week before', () => {
    // Thursday 1 April 2027, 10:00 summer time (08:00Z); a week before it is still winter time.
    const m = meeting({ start: '2027-04-01T08:00:00.000Z', end: '2027-04-01T09:30:00.000Z' });
    const timers = decideMeetingNotices(m, MUNI, worklists(), new Date('2027-03-01T08:00:00Z'), RETENTION_DAYS).timers;
    const week = timers.find((t) => t.kind === 'meeting.reminder.week')!;
    expect(week.dueAt).toBe('2027-03-25T09:00:00.000Z'); // 10:00 local, UTC+1
    expect(timers.find((t) => t.kind === 'meeting.reminder.day')!.dueAt).toBe('2027-03-31T08:00:00.000Z');
  });

  it('an sr-Cyrl invitee gets the calendar title and place in Cyrillic', () => {
    const cyrillic: Municipality = { ...MUNI, coordinators: MUNI.coordinators.map((c) => (c.id === CONVENER ? { ...c, language: 'sr-Cyrl' as const } : c)) };
    const intents = decideMeetingNotices(meeting(), cyrillic, worklists(), NOW, RETENTION_DAYS).intents;
    const toConvener = intents.find((i) => i.intentId.endsWith(CONVENER))!;
    const cal = toConvener.data.calendar as CalendarInvite;
    expect(cal.summary).toMatch(/^Месечни координациони састанак/);
    expect(cal.location).toMatch(/[А-Яа-я]/);
    expect(cal.location).not.toMatch(/[A-Za-z]{3}/);
  });
});
