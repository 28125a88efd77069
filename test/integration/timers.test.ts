import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, isCoordinationMail, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * The plans' clocks on the local stack, with the runtime's clock moved forward: the sweep runs on
 * its declared schedule, reads the timers index, and what it decides goes out through the same
 * stream and deliver function as everything else. Starts Monday 23 November 2026, 10:00.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const coordinatorId = obiliq.coordinators[0]!.id;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

stackForFile((s) => (stack = s));

/** Moves the clock to a Kosovo local time ("2026-12-01T09:05"), running the schedule on the way. */
async function advanceTo(localIso: string): Promise<void> {
  const target = new Date(new Date(`${localIso}:00Z`).getTime() - offsetHours(localIso) * HOUR);
  const ms = target.getTime() - stack.clock.now().getTime();
  expect(ms, `clock already past ${localIso}`).toBeGreaterThan(0);
  // Step in hours so every scheduled sweep on the way runs, as on AWS.
  for (let left = ms; left > 0; left -= Math.min(left, 6 * HOUR)) await stack.advance(Math.min(left, 6 * HOUR));
}
const offsetHours = (localIso: string) => (localIso >= '2026-03-29T02' && localIso < '2026-10-25T03') || localIso >= '2027-03-28T02' ? 2 : 1;

const localToday = () => stack.clock.now().toLocaleString('sv-SE', { timeZone: 'Europe/Belgrade' }).slice(0, 10);
// A case's own notices; digests and meeting agendas also name it, and are tested in coordination.test.ts.
const mailsFor = async (smr: string) => (await inbox(stack)).filter((e) => !isCoordinationMail(e) && (e.subject.includes(smr) || (e.body.text ?? '').includes(smr)));
// The texts of the case's referrals and appointments, without its welcome SMS.
const smsTo = (phone: string) => textsTo(stack, phone);

async function newCase(smr: string, extra: Record<string, unknown> = {}): Promise<string> {
  // Arrived the day they were registered (Monday 23 November), so the 72 hours start now.
  const res = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId, arrivalDate: localToday(), ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseId;
}

describe('timers', () => {
  let ladderCase: string;
  let visitedCase: string;
  let closedCase: string;
  let appointmentCase: string;
  let movedId: string;

  it('sets up cases, a referral, appointments; records one visit, closes one case', async () => {
    ladderCase = await newCase('SMR-LADDER', { phone: '+383 44 700 001' });
    const ref = await call(stack, 'POST', `/cases/${ladderCase}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    expect(ref.body.ackDueDate).toBe('2026-11-30');

    visitedCase = await newCase('SMR-VISITED', { phone: '+383 44 700 002' });
    expect((await call(stack, 'POST', `/cases/${visitedCase}/home-visit`, {})).status).toBe(200);

    closedCase = await newCase('SMR-CLOSED', { phone: '+383 44 700 003' });
    await call(stack, 'POST', `/cases/${closedCase}/referrals`, { officeKind: 'employment_office', need: 'job_seeker_registration' });
    await stack.settle(); // the referral's email and SMS go out before the case is closed
    const closed = await call(stack, 'POST', `/cases/${closedCase}/close`, { outcome: 'sustainably_reintegrated', finalAssessment: 'settled: work and school' });
    expect(closed.status).toBe(200);
    expect(closed.body.cancelled).toBeGreaterThanOrEqual(5);

    appointmentCase = await newCase('SMR-APPT', { phone: '+383 44 700 004' });
    const moved = await call(stack, 'POST', `/cases/${appointmentCase}/appointments`, {
      kind: 'appointment', when: '2026-11-26T09:30:00+01:00', title: 'Regjistrimi si punëkërkues', where: 'Zyra e Punësimit, Obiliq', bring: 'letërnjoftimin',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    movedId = moved.body.appointmentId;
    const cancelled = await call(stack, 'POST', `/cases/${appointmentCase}/appointments`, {
      kind: 'deadline', when: '2026-11-26T16:00:00+01:00', title: 'Aplikimi për ndihmë sociale', where: 'QPS Obiliq',
    });
    expect((await call(stack, 'DELETE', `/cases/${appointmentCase}/appointments/${cancelled.body.appointmentId}`)).status).toBe(200);
    // Moved before its first reminder: from Thursday 09:30 to Friday 11:00.
    const res = await call(stack, 'PUT', `/cases/${appointmentCase}/appointments/${movedId}`, { when: '2026-11-27T11:00:00+01:00' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.version).toBe(2);
    await stack.settle();
  });

  it('rejects an appointment in the past, naming the field', async () => {
    const res = await call(stack, 'POST', `/cases/${appointmentCase}/appointments`, { kind: 'appointment', when: '2026-11-20T09:00:00+01:00', title: 'x', where: 'y' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('when');
    // Coded, so the console words it in the coordinator's language.
    expect(res.body.errors).toEqual([{ field: 'when', message: 'must be in the future', code: 'not-in-future' }]);
  });

  it('refuses an appointment whose reminder SMS would pass the segment cap, naming the longest text, and writes nothing', async () => {
    const before = (await call(stack, 'GET', `/cases/${appointmentCase}`)).body;
    // € and { take two GSM-7 units each: within the length limits, the reminder would need 4 segments.
    const tooLong = {
      kind: 'deadline',
      when: '2026-12-10T09:00:00+01:00',
      title: 'Afati për aplikim për ndihmë sociale dhe dokumente',
      where: 'Qendra për Punë Sociale Obiliq, rruga Hasan Prishtina nr. 12, kati i dytë, zyra 204, pranë hyrjes kryesore',
      bring: '€{'.repeat(60),
    };
    const res = await call(stack, 'POST', `/cases/${appointmentCase}/appointments`, tooLong);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('bring');
    expect(res.body.message).toMatch(/^bring: the reminder SMS would take 4 segments, more than the 3/);
    expect(res.body.errors[0]).toMatchObject({ code: 'segment-cap', values: { segments: 4, max: 3 } });
    const after = (await call(stack, 'GET', `/cases/${appointmentCase}`)).body;
    expect(after.appointments).toEqual(before.appointments);
    expect(after.upcoming).toEqual(before.upcoming);

    // The same appointment with a shorter list of documents is taken; correcting it to the long one is refused.
    const ok = await call(stack, 'POST', `/cases/${appointmentCase}/appointments`, { ...tooLong, bring: 'Letërnjoftimi dhe certifikata e lindjes' });
    expect(ok.status).toBe(201);
    const put = await call(stack, 'PUT', `/cases/${appointmentCase}/appointments/${ok.body.appointmentId}`, { bring: tooLong.bring });
    expect(put.status).toBe(400);
    expect(put.body.errors[0].field).toBe('bring');
    expect((await call(stack, 'DELETE', `/cases/${appointmentCase}/appointments/${ok.body.appointmentId}`)).status).toBe(200);
  });

  it('refuses an appointment whose text names a sensitive need with a 400 naming the field (its SMS never may), not a 500', async () => {
    const before = (await call(stack, 'GET', `/cases/${appointmentCase}`)).body;
    const res = await call(stack, 'POST', `/cases/${appointmentCase}/appointments`, {
      kind: 'appointment', when: '2026-12-10T09:00:00+01:00', title: 'Takim', where: 'Qendra për mbështetje psikosociale, Obiliq',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'where', message: expect.stringContaining('"mbështetje psikosociale"'), code: 'sensitive-words' }]);
    expect((await call(stack, 'GET', `/cases/${appointmentCase}`)).body.appointments).toEqual(before.appointments);
  });

  it('reminds the coordinator of the home visit at 48 h and escalates at 72 h, unless it was recorded', async () => {
    await advanceTo('2026-11-25T00:30');
    const reminders = (await mailsFor('SMR-LADDER')).filter((m) => m.destination.to.includes(obiliq.coordinators[0]!.email));
    expect(reminders, reminders.map((m) => m.subject).join(' | ')).toHaveLength(1);
    await advanceTo('2026-11-26T00:30');
    const escalation = (await mailsFor('SMR-LADDER')).filter((m) => !m.destination.to.some((t) => obiliq.offices.some((o) => o.email === t)));
    // The reminder to the case's coordinator, then the escalation to every coordinator of the office.
    expect(escalation).toHaveLength(1 + obiliq.coordinators.length);
    expect((await mailsFor('SMR-VISITED')).length).toBe(0);
    expect((await mailsFor('SMR-CLOSED')).filter((m) => m.destination.to.includes(obiliq.coordinators[0]!.email))).toHaveLength(0);
  });

  it('texts the moved appointment at its new evening and morning only, and never the cancelled one', async () => {
    await advanceTo('2026-11-26T12:00');
    expect(smsTo('+38344700004')).toHaveLength(0); // the old evening (25th 18:00) and morning (26th 08:00) stayed silent
    await advanceTo('2026-11-26T18:05');
    const evening = smsTo('+38344700004');
    expect(evening).toHaveLength(1);
    expect(evening[0]!.message).toContain('11:00');
    await advanceTo('2026-11-27T08:05');
    const both = smsTo('+38344700004');
    expect(both).toHaveLength(2);
    expect(both[1]!.message).toContain('11:00');
  });

  it('climbs the acknowledgement ladder once per rung: office, head of office, coordinator', async () => {
    const office = directory.office('obiliq', 'civil_registry')!;
    const before = (await mailsFor('SMR-LADDER')).length;
    await advanceTo('2026-12-01T09:05');
    let mails = await mailsFor('SMR-LADDER');
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.destination.to).toEqual([office.email]);
    await advanceTo('2026-12-04T09:05');
    mails = await mailsFor('SMR-LADDER');
    expect(mails.length).toBe(before + 2);
    expect(mails.at(-1)!.destination.to).toEqual([office.head!.email]);
    await advanceTo('2026-12-08T09:05');
    mails = await mailsFor('SMR-LADDER');
    expect(mails.length).toBe(before + 3);
    expect(mails.at(-1)!.destination.to).toEqual([obiliq.coordinators[0]!.email]);
    const view = await call(stack, 'GET', `/cases/${ladderCase}`);
    expect(view.body.referrals[0].flaggedAt).toBeDefined();
    await advanceTo('2026-12-10T09:05');
    expect((await mailsFor('SMR-LADDER')).length).toBe(before + 3 + 0); // nothing fires twice
  });

  it('fires each due timer once even when sweeps overlap', async () => {
    const caseId = await newCase('SMR-OVERLAP');
    await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'social_work_centre', need: 'social_support' });
    await stack.settle();
    // Jump past the 48 h visit reminder without the scheduler, then run two sweeps at once.
    stack.clock.advance(3 * DAY);
    const reports = (await Promise.all([stack.handlers.sweepTimers({ task: 'sweep-timers' }), stack.handlers.sweepTimers({ task: 'sweep-timers' })])) as { fired: number; lostRace: number }[];
    await stack.settle();
    const fired = reports.reduce((n, r) => n + r.fired, 0);
    expect(fired).toBeGreaterThan(0);
    const mails = (await mailsFor('SMR-OVERLAP')).filter((m) => !obiliq.offices.some((o) => m.destination.to.includes(o.email)));
    // Past the 72 h deadline the reminder is moot; the escalation reaches each coordinator once.
    expect(mails).toHaveLength(obiliq.coordinators.length);
  });

  it('holds an SMS written at night until 08:00 and then sends it once', async () => {
    // Move to 21:30 local, refer: the returnee's SMS waits for the morning.
    const now = stack.clock.now();
    const local = new Date(now.toLocaleString('en-US', { timeZone: 'Europe/Belgrade' }));
    const toEvening = ((21.5 - (local.getHours() + local.getMinutes() / 60) + 24) % 24) * HOUR;
    await stack.advance(toEvening);
    const caseId = await newCase('SMR-NIGHT', { phone: '+383 44 700 009' });
    await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    await stack.settle();
    expect(smsTo('+38344700009')).toHaveLength(0);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    const sms = view.body.referrals[0].notifications.find((n: any) => n.channel === 'sms');
    expect(sms.status).toBe('deferred');
    expect(new Date(sms.notBefore).toLocaleString('sv-SE', { timeZone: 'Europe/Belgrade' })).toMatch(/ 08:00:00$/);
    await stack.advance(10 * HOUR); // to 07:30: still quiet
    await stack.advance(HOUR);
    expect(smsTo('+38344700009')).toHaveLength(1);
    await stack.advance(HOUR);
    expect(smsTo('+38344700009')).toHaveLength(1);
  });

  it(
    'sends nothing more for a closed case, even 18 months on',
    async () => {
      // Twenty months of sweeps, stopping at every due time of the other cases (monitoring,
      // evaluations, closures, meetings): about 50 s on 2 quiet cores.
      await stack.advance(20 * 30 * DAY);
      const mails = await mailsFor('SMR-CLOSED');
      expect(mails.filter((m) => m.destination.to.includes(obiliq.coordinators[0]!.email))).toHaveLength(0);
      expect(smsTo('+38344700003')).toHaveLength(1); // only the referral SMS sent before closing
    },
    // Bounds a hang; it asserts no speed. The suite's 60 s default is too close on a loaded machine.
    240_000,
  );
});
