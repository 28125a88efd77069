import { describe, expect, it } from 'vitest';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import { kosovoHolidays } from '../../../shared/domain/holidays.js';
import type { AppointmentItem } from '../../../shared/store/appointment.js';
import type { CaseItem } from '../../../shared/store/case.js';
import type { ReferralItem } from '../../../shared/store/referral.js';
import type { TimerItem } from '../../../shared/store/timer.js';
import { decideTimer } from '../../../shared/timers/decide.js';
import { appointmentTimers, caseTimers, referralAckTimers } from '../../../shared/timers/plan.js';

const holidays = kosovoHolidays();
const muni = bundledDirectory().municipality('obiliq')!;
const now = new Date('2026-11-23T09:00:00Z'); // Monday 10:00 in Kosovo

const theCase: CaseItem = {
  pk: 'CASE#C1', sk: 'META', type: 'Case', caseId: 'C1', smrCaseId: 'SMR-1', municipalityId: 'obiliq',
  coordinatorId: muni.coordinators[0]!.id, arrivalDate: '2026-11-23', category: 'returnee', language: 'sq',
  phone: '+38349555123', consent: { sms: true, shareWithOffices: true },
  household: [{ id: 'p1', givenName: 'A', familyName: 'B', birthYear: 1980, role: 'head' }],
  status: 'open', createdAt: now.toISOString(), expiresAt: 1,
};
const office = muni.offices.find((o) => o.kind === 'civil_registry')!;
const referral: ReferralItem = {
  pk: 'CASE#C1', sk: 'REF#R1', type: 'Referral', caseId: 'C1', referralId: 'R1', municipalityId: 'obiliq',
  officeKind: 'civil_registry', officeId: office.id, need: 'civil_documents', personIds: ['p1'], categories: [],
  status: 'sent', ackDueDate: '2026-11-30', createdAt: now.toISOString(), sentAt: now.toISOString(), expiresAt: 1,
};
const appt = (when: string, version = 1): AppointmentItem => ({
  pk: 'CASE#C1', sk: 'APPT#A1', type: 'Appointment', appointmentId: 'A1', caseId: 'C1', kind: 'appointment', when,
  title: 'Regjistrimi', where: 'Zyra e Punësimit', version, status: 'scheduled', createdAt: now.toISOString(), updatedAt: now.toISOString(), expiresAt: 1,
});
const local = (t: TimerItem) => new Date(t.dueAt).toLocaleString('sv-SE', { timeZone: 'Europe/Belgrade' }).slice(0, 16);

describe('the acknowledgement ladder', () => {
  it('reminds the office the working morning after the due date, then escalates, then flags', () => {
    const [reminder, escalation, flag] = referralAckTimers(referral, holidays, now);
    expect(local(reminder!)).toBe('2026-12-01 09:00');
    expect(local(escalation!)).toBe('2026-12-04 09:00');
    expect(local(flag!)).toBe('2026-12-08 09:00');
    expect(reminder!.dueBucket).toBe('2026-12-01T08');
  });
  it('counts working days around public holidays', () => {
    // Due Thursday 2 April 2026: Friday 3rd is the reminder; then Easter Monday (6th) is skipped.
    const [reminder, escalation] = referralAckTimers({ ...referral, ackDueDate: '2026-04-02' }, holidays, new Date('2026-03-26T09:00:00Z'));
    expect(local(reminder!)).toBe('2026-04-03 09:00');
    expect(local(escalation!)).toBe('2026-04-10 09:00'); // 7, 8, (9 Constitution Day), 10
  });
  it('fires each rung to the right person, and nothing once the office has answered', () => {
    const [reminder, escalation, flag] = referralAckTimers(referral, holidays, now);
    const at = new Date('2026-12-01T08:00:00Z');
    const r = decideTimer({ timer: reminder!, theCase, referral, muni, holidays, now: at });
    expect(r.intents.map((i) => [i.template, i.recipient])).toEqual([['referral.office.reminder', office.email]]);
    const e = decideTimer({ timer: escalation!, theCase, referral, muni, holidays, now: at });
    expect(e.intents[0]!.recipient).toBe(office.head!.email);
    const f = decideTimer({ timer: flag!, theCase, referral, muni, holidays, now: at });
    // The office and its head get the one-click answers (as a grant: signed at send time), the coordinator's flag does not.
    const grant = { actions: ['accept', 'decline', 'outcome'], exp: at.getTime() / 1000 + 30 * 86_400 };
    expect([r, e, f].map((d) => d.intents[0]!.data.answerLinks)).toEqual([grant, grant, undefined]);
    expect(f.flagReferral).toBe(true);
    expect(f.intents[0]!.recipient).toBe(muni.coordinators[0]!.email);
    const answered = decideTimer({ timer: reminder!, theCase, referral: { ...referral, status: 'accepted' }, muni, holidays, now: at });
    expect(answered).toMatchObject({ outcome: 'moot', intents: [] });
  });
});

describe('case clocks', () => {
  it('plans the 72-hour visit, monthly monitoring, quarterly evaluation and closure at 18 months', () => {
    const timers = caseTimers(theCase, holidays, now);
    expect(timers.map((t) => [t.kind, local(t)])).toEqual([
      ['visit.reminder', '2026-11-25 00:00'],
      ['visit.escalation', '2026-11-26 00:00'],
      ['case.monitoring', '2026-12-23 09:00'],
      ['case.evaluation', '2027-02-23 09:00'],
      ['case.closure', '2028-05-23 09:00'],
    ]);
  });
  it('stops visit reminders once the visit is recorded, and everything once the case is closed', () => {
    const [visit] = caseTimers(theCase, holidays, now);
    expect(decideTimer({ timer: visit!, theCase: { ...theCase, homeVisitAt: now.toISOString() }, muni, holidays, now }).outcome).toBe('moot');
    expect(decideTimer({ timer: visit!, theCase: { ...theCase, status: 'closed' }, muni, holidays, now }).outcome).toBe('moot');
  });
  it('chains monthly monitoring up to month 17 and quarterly evaluation up to quarter 5', () => {
    const monthly = caseTimers(theCase, holidays, now).find((t) => t.kind === 'case.monitoring')!;
    const next = decideTimer({ timer: monthly, theCase, muni, holidays, now }).next;
    expect(next.map((t) => [t.kind, t.occurrence])).toEqual([['case.monitoring', 2]]);
    expect(decideTimer({ timer: { ...monthly, occurrence: 17 }, theCase, muni, holidays, now }).next).toEqual([]);
    const quarterly = caseTimers(theCase, holidays, now).find((t) => t.kind === 'case.evaluation')!;
    expect(decideTimer({ timer: { ...quarterly, occurrence: 5 }, theCase, muni, holidays, now }).next).toEqual([]);
  });
  it('moves a monthly reminder that lands on a weekend or holiday to the next working day', () => {
    // Month 6 after arrival on 23 November 2026 is Sunday 23 May 2027 → Monday 24th.
    const sixth = decideTimer({ timer: { ...caseTimers(theCase, holidays, now)[2]!, occurrence: 5 }, theCase, muni, holidays, now }).next[0]!;
    expect(local(sixth)).toBe('2027-05-24 09:00');
  });
});

describe('appointment reminders', () => {
  it('texts the evening before at 18:00 and the morning of at 08:00, Kosovo time', () => {
    const timers = appointmentTimers(appt('2026-11-26T08:30:00Z'), now); // 09:30 local
    expect(timers.map((t) => [t.kind, local(t)])).toEqual([
      ['appointment.evening', '2026-11-25 18:00'],
      ['appointment.morning', '2026-11-26 08:00'],
    ]);
  });
  it('keeps 18:00 and 08:00 across the spring daylight-saving change', () => {
    // Sunday 29 March 2026 09:30 local (UTC+2 from 03:00 that night).
    const timers = appointmentTimers(appt('2026-03-29T07:30:00Z'), new Date('2026-03-20T09:00:00Z'));
    expect(timers.map((t) => t.dueAt)).toEqual(['2026-03-28T17:00:00.000Z', '2026-03-29T06:00:00.000Z']);
  });
  it('keeps 18:00 and 08:00 across the autumn change', () => {
    const timers = appointmentTimers(appt('2026-10-25T09:00:00Z'), new Date('2026-10-20T09:00:00Z')); // 10:00 local, UTC+1
    expect(timers.map((t) => t.dueAt)).toEqual(['2026-10-24T16:00:00.000Z', '2026-10-25T07:00:00.000Z']);
  });
  it('plans no reminder whose time has passed', () => {
    expect(appointmentTimers(appt('2026-11-23T15:00:00Z'), now).map((t) => t.kind)).toEqual([]); // today 16:00: both past
  });
  it('sends nothing for a reminder planned for an earlier version, or a cancelled appointment', () => {
    const [evening] = appointmentTimers(appt('2026-11-26T08:30:00Z'), now);
    expect(decideTimer({ timer: evening!, theCase, appointment: appt('2026-11-27T08:30:00Z', 2), muni, holidays, now }).reason).toBe('appointment rescheduled');
    expect(decideTimer({ timer: evening!, theCase, appointment: { ...appt('2026-11-26T08:30:00Z'), status: 'cancelled' }, muni, holidays, now }).outcome).toBe('moot');
    const sms = decideTimer({ timer: evening!, theCase, appointment: appt('2026-11-26T08:30:00Z'), muni, holidays, now: new Date('2026-11-25T17:00:00Z') });
    expect(sms.intents[0]).toMatchObject({ channel: 'sms', template: 'appointment.returnee.evening', status: 'queued', recipient: '+38349555123' });
  });
  it('sends no evening reminder that quiet hours would put off to the appointment\'s own morning ("tomorrow" would be wrong)', () => {
    const [evening] = appointmentTimers(appt('2026-11-26T08:30:00Z'), now);
    const fire = (at: string) => decideTimer({ timer: evening!, theCase, appointment: appt('2026-11-26T08:30:00Z'), muni, holidays, now: new Date(at) });
    // 22:30 in Kosovo: it would wait for 08:00 on the 26th.
    expect(fire('2026-11-25T21:30:00Z')).toMatchObject({ outcome: 'moot', reason: 'too late for its words', intents: [] });
    expect(fire('2026-11-25T19:00:00Z').outcome).toBe('moot'); // 20:00 sharp
    // 19:59: still the evening before; its words hold until midnight in Kosovo.
    expect(fire('2026-11-25T18:59:00Z').intents[0]).toMatchObject({ status: 'queued', staleAt: '2026-11-25T23:00:00.000Z' });
  });
  it('keeps on each reminder when its words stop being true: midnight for the evening one, the appointment or deadline for the morning one', () => {
    for (const kind of ['appointment', 'deadline'] as const) {
      const a = { ...appt('2026-03-29T07:30:00Z'), kind }; // Sunday 09:30, UTC+2 since 03:00
      const [evening, morning] = appointmentTimers(a, new Date('2026-03-20T09:00:00Z'));
      const at = (t: TimerItem) => decideTimer({ timer: t, theCase, appointment: a, muni, holidays, now: new Date(t.dueAt) }).intents[0];
      expect(at(evening!)).toMatchObject({ template: `${kind}.returnee.evening`, staleAt: '2026-03-28T23:00:00.000Z' });
      expect(at(morning!)).toMatchObject({ template: `${kind}.returnee.morning`, staleAt: '2026-03-29T07:30:00.000Z' });
    }
  });
});
