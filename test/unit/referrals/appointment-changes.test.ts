import { describe, expect, it } from 'vitest';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { cancelAppointment, createAppointment, rescheduleAppointment } from '../../../shared/referrals/lifecycle.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { arrival, COORDINATOR, DeliveryError, deliverDeps, onceBefore, sweepDeps, valueOf, whileSending, world, type World } from '../support/world.js';

/**
 * An appointment the family was told of (a reminder went out) or that is near, moved or called
 * off: the family hears it through the outbox, once, never at night, and no reminder of the old
 * time follows. R4's case: Thursday 17.12.2026 10:00, the evening reminder sent on 16.12 at 18:00,
 * the appointment moved at 19:10 to Friday 18.12.
 */
const THURSDAY = '2026-12-17T09:00:00.000Z'; // 10:00 in Kosovo
const FRIDAY = '2026-12-18T09:00:00.000Z';

async function withAppointment(w: World, fields: Record<string, unknown> = {}, when = THURSDAY) {
  const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en', ...fields }), w.intake, COORDINATOR));
  const { deps, sms } = deliverDeps(w);
  await deliverQueued(w, c.caseId, deps);
  sms.sent.length = 0;
  const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when, title: 'Civil registry', where: 'Town hall' }, w.intake));
  return { c, a, deps, sms };
}

const intents = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents;
const changes = async (w: World, caseId: string) => (await intents(w, caseId)).filter((i) => i.template === 'appointment.returnee.moved' || i.template === 'appointment.returnee.cancelled');

/** Runs `act` once, between the change's read and its write: the interleaving a delivery or a colleague makes. */
const beforeWrite = (w: World, method: 'reschedule' | 'cancel', act: () => Promise<unknown>) => onceBefore(w.intake.appointments, method, act);

/** A move at 21:30 whose SMS is held for 08:00, and the morning come: that SMS queued, about to go. */
async function heldMoveReleased(w: World) {
  const setting = await withAppointment(w);
  w.clock.set('2026-12-15T20:30:00.000Z');
  valueOf(await rescheduleAppointment(setting.c.caseId, setting.a.appointmentId, { when: FRIDAY }, w.intake));
  w.clock.set('2026-12-16T07:00:00.000Z');
  await sweepTimers(sweepDeps(w));
  expect((await changes(w, setting.c.caseId)).map((i) => i.status)).toEqual(['queued']);
  return setting;
}

async function deliverQueued(w: World, caseId: string, deps: ReturnType<typeof deliverDeps>['deps']) {
  for (const i of (await intents(w, caseId)).filter((i) => i.status === 'queued' && i.channel === 'sms')) await deliverIntent(i, deps);
}

/** Every 10 minutes from `from` to `to`: a sweep, then each queued SMS delivered as the stream would. What went out, when (Kosovo is UTC+1). */
async function run(w: World, caseId: string, deps: ReturnType<typeof deliverDeps>['deps'], sms: ReturnType<typeof deliverDeps>['sms'], from: string, to: string) {
  const out: { at: string; text: string }[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += 10 * 60_000) {
    w.clock.set(new Date(t));
    await sweepTimers(sweepDeps(w));
    const before = sms.sent.length;
    await deliverQueued(w, caseId, deps);
    for (const m of sms.sent.slice(before)) out.push({ at: w.clock.now().toISOString(), text: m.text });
  }
  return out;
}

describe('an appointment moved after the family was reminded of it', () => {
  it("tells the family the new day at once, and the old time's morning reminder never goes; the new time's reminders do", async () => {
    const w = world();
    const { c, a, deps, sms } = await withAppointment(w);
    const evening = await run(w, c.caseId, deps, sms, '2026-12-16T16:55:00.000Z', '2026-12-16T17:10:00.000Z');
    expect(evening.map((s) => s.text)).toEqual([expect.stringMatching(/^Obiliq Municipality: tomorrow at 10:00 - Civil registry\./)]);

    w.clock.set('2026-12-16T18:10:00.000Z'); // 19:10
    const moved = valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: FRIDAY }, w.intake));
    expect(await changes(w, c.caseId)).toEqual([
      expect.objectContaining({ template: 'appointment.returnee.moved', status: 'queued', staleAt: FRIDAY, sourceId: `${a.appointmentId}#appointment.moved#${moved.version}` }),
    ]);
    const after = await run(w, c.caseId, deps, sms, '2026-12-16T18:10:00.000Z', FRIDAY);
    expect(after).toEqual([
      { at: '2026-12-16T18:10:00.000Z', text: expect.stringMatching(/^Obiliq Municipality: Appointment of 17\.12 at 10:00 moved to 18\.12 at 10:00\. Info: https:\/\/links\.example\.org\/p\//) },
      { at: '2026-12-17T17:00:00.000Z', text: expect.stringMatching(/^Obiliq Municipality: tomorrow at 10:00 - Civil registry\./) },
      { at: '2026-12-18T07:00:00.000Z', text: expect.stringMatching(/^Obiliq Municipality: today at 10:00 - Civil registry\./) },
    ]);
    // Written once: a retried PUT with the same time makes a version but tells no one again.
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: FRIDAY }, w.intake));
    expect(await changes(w, c.caseId)).toHaveLength(1);
  });

  it('holds the SMS of a move made at night until 08:00, and a second move cancels the first one still unsent', async () => {
    const w = world();
    const { c, a, deps, sms } = await withAppointment(w);
    // 21:30 on 15.12: the appointment is 36 hours away, no reminder yet, but near.
    w.clock.set('2026-12-15T20:30:00.000Z');
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: FRIDAY }, w.intake));
    expect(await changes(w, c.caseId)).toEqual([expect.objectContaining({ status: 'deferred', notBefore: '2026-12-16T07:00:00.000Z' })]);
    w.clock.set('2026-12-15T21:00:00.000Z');
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: '2026-12-18T13:30:00.000Z' }, w.intake));
    expect((await changes(w, c.caseId)).map((i) => [i.status, i.data.previousStart, i.data.start])).toEqual([
      ['cancelled', THURSDAY, FRIDAY],
      // From the time the family knows: the SMS naming Friday 10:00 never went out.
      ['deferred', THURSDAY, '2026-12-18T13:30:00.000Z'],
    ]);
    const sent = await run(w, c.caseId, deps, sms, '2026-12-15T21:00:00.000Z', '2026-12-16T08:00:00.000Z');
    expect(sent).toEqual([{ at: '2026-12-16T07:00:00.000Z', text: expect.stringMatching(/: Appointment of 17\.12 at 10:00 moved to 18\.12 at 14:30\./) }]);
  });

  it('a cancel after a move still unsent names the time the family knows, and a move back to it says nothing', async () => {
    const w = world();
    const { c, a } = await withAppointment(w);
    w.clock.set('2026-12-15T20:30:00.000Z');
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: FRIDAY }, w.intake));
    w.clock.set('2026-12-15T21:00:00.000Z');
    valueOf(await cancelAppointment(c.caseId, a.appointmentId, w.intake));
    expect((await changes(w, c.caseId)).map((i) => [i.template, i.status, i.data.start]).sort()).toEqual([
      ['appointment.returnee.cancelled', 'deferred', THURSDAY],
      ['appointment.returnee.moved', 'cancelled', FRIDAY],
    ]);

    const v = world();
    const two = await withAppointment(v);
    v.clock.set('2026-12-15T20:30:00.000Z');
    valueOf(await rescheduleAppointment(two.c.caseId, two.a.appointmentId, { when: FRIDAY }, v.intake));
    v.clock.set('2026-12-15T21:00:00.000Z');
    valueOf(await rescheduleAppointment(two.c.caseId, two.a.appointmentId, { when: THURSDAY }, v.intake));
    expect((await changes(v, two.c.caseId)).map((i) => i.status)).toEqual(['cancelled']);
  });

  it.each([
    ["a second move while the first one's held SMS goes out names the time that SMS gave, not the one before", '2026-12-18T13:30:00.000Z', /: Appointment of 18\.12 at 10:00 moved to 18\.12 at 14:30\./],
    ['a move back to the first time while the held SMS goes out tells the family, who now knows the second', THURSDAY, /: Appointment of 18\.12 at 10:00 moved to 17\.12 at 10:00\./],
  ])('%s', async (_, when, second) => {
    const w = world();
    const { c, a, deps, sms } = await heldMoveReleased(w);
    beforeWrite(w, 'reschedule', () => deliverQueued(w, c.caseId, deps));
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when }, w.intake));
    await deliverQueued(w, c.caseId, deps);
    expect(sms.sent.map((m) => m.text)).toEqual([expect.stringMatching(/: Appointment of 17\.12 at 10:00 moved to 18\.12 at 10:00\./), expect.stringMatching(second)]);
  });

  it.each([
    ['throttled back to deferred: the retry replaces it, and the family hears one move, from the time it knew', [new DeliveryError('throttled', 'ThrottlingException')], [/: Appointment of 17\.12 at 10:00 moved to 18\.12 at 14:30\./]],
    ['sent: the retry moves the family from the time it gave', [], [/: Appointment of 17\.12 at 10:00 moved to 18\.12 at 10:00\./, /: Appointment of 18\.12 at 10:00 moved to 18\.12 at 14:30\./]],
  ])("a change while the first move's held SMS is being sent waits (409): %s", async (_, failures, texts) => {
    const w = world();
    const { c, a, deps, sms } = await heldMoveReleased(w);
    const SATURDAY_1430 = '2026-12-18T13:30:00.000Z';
    let during: unknown;
    whileSending(sms, failures, async () => {
      during = await rescheduleAppointment(c.caseId, a.appointmentId, { when: SATURDAY_1430 }, w.intake);
    });
    await deliverQueued(w, c.caseId, deps);
    expect(during).toMatchObject({ ok: false, problem: { kind: 'conflict', code: 'sms-being-sent', field: 'appointmentId' } });
    expect((await w.repos.appointments.get(c.caseId, a.appointmentId))?.when).toBe(FRIDAY);
    // A minute later the attempt has ended, whichever way: the coordinator's retry goes through.
    w.clock.set('2026-12-16T07:01:00.000Z');
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: SATURDAY_1430 }, w.intake));
    await run(w, c.caseId, deps, sms, '2026-12-16T07:01:00.000Z', '2026-12-16T07:30:00.000Z');
    expect(sms.sent.map((m) => m.text)).toEqual(texts.map((t) => expect.stringMatching(t)));
  });

  it("a change whose held SMS a delivery claims between the change's read and its write waits too, writing nothing", async () => {
    const w = world();
    const { c, a } = await heldMoveReleased(w);
    const [held] = await changes(w, c.caseId);
    const leaseUntil = Math.floor(w.clock.now().getTime() / 1000) + 60;
    beforeWrite(w, 'cancel', () => w.repos.intents.claim(held!, leaseUntil, w.clock.now().toISOString()));
    expect(await cancelAppointment(c.caseId, a.appointmentId, w.intake)).toMatchObject({ ok: false, problem: { kind: 'conflict', code: 'sms-being-sent' } });
    expect((await w.repos.appointments.get(c.caseId, a.appointmentId))?.status).toBe('scheduled');
    expect((await changes(w, c.caseId)).map((i) => i.status)).toEqual(['sending']);
  });

  it("a held SMS whose attempt died holding it (its lease over, the sweep not yet by) does not hold the change: the family may have heard it, so the move starts from its time", async () => {
    const w = world();
    const { c, a } = await heldMoveReleased(w);
    const [held] = await changes(w, c.caseId);
    await w.repos.intents.claim(held!, Math.floor(w.clock.now().getTime() / 1000) + 60, w.clock.now().toISOString());
    const SATURDAY_1430 = '2026-12-18T13:30:00.000Z';
    w.clock.set('2026-12-16T07:00:59.000Z'); // the attempt may still be under way: the change waits
    expect(await rescheduleAppointment(c.caseId, a.appointmentId, { when: SATURDAY_1430 }, w.intake)).toMatchObject({ ok: false, problem: { code: 'sms-being-sent' } });
    w.clock.set('2026-12-16T07:01:01.000Z'); // past the lease: no attempt can still be under way
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: SATURDAY_1430 }, w.intake));
    const after = await changes(w, c.caseId);
    expect(after.find((i) => i.intentId === held!.intentId)?.status).toBe('sending');
    expect(after.find((i) => i.intentId !== held!.intentId)?.data).toMatchObject({ previousStart: FRIDAY, start: SATURDAY_1430 });
  });

  it('says nothing of a move far ahead that no SMS named, nor of a change of title or place only', async () => {
    const w = world();
    const { c, a } = await withAppointment(w);
    w.clock.set('2026-12-10T09:00:00.000Z'); // a week before
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: FRIDAY }, w.intake));
    w.clock.set('2026-12-17T17:30:00.000Z'); // 18:30: the evening reminder of Friday went, the family knows it
    await sweepTimers(sweepDeps(w));
    expect((await intents(w, c.caseId)).filter((i) => i.template === 'appointment.returnee.evening')).toHaveLength(1);
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { title: 'Civil registry, desk 3', where: 'Town hall, first floor' }, w.intake));
    expect(await changes(w, c.caseId)).toEqual([]);
  });

  it('records why nothing went to a family without SMS consent, and signs a foreigner\'s by the municipality', async () => {
    const w = world();
    const noConsent = await withAppointment(w, { consent: { sms: false, shareWithOffices: true } });
    w.clock.set('2026-12-16T10:00:00.000Z');
    valueOf(await rescheduleAppointment(noConsent.c.caseId, noConsent.a.appointmentId, { when: FRIDAY }, w.intake));
    expect(await changes(w, noConsent.c.caseId)).toEqual([expect.objectContaining({ status: 'skipped', skipReason: 'no_sms_consent' })]);

    const v = world();
    const f = await withAppointment(v, { smrCaseId: 'SMR-2026-0143', category: 'foreigner', preferredLanguage: 'sr-Latn', permitDate: '2026-11-18', permit: 'subsidiary_protection' });
    v.clock.set('2026-12-16T10:00:00.000Z');
    valueOf(await rescheduleAppointment(f.c.caseId, f.a.appointmentId, { when: FRIDAY }, v.intake));
    await deliverQueued(v, f.c.caseId, f.deps);
    expect(f.sms.sent.map((m) => m.text)).toEqual([expect.stringMatching(/^Opstina Obilic: Vas termin od 17\.12 u 10:00 pomeren je na 18\.12 u 10:00\. Info: /)]);
  });
});

describe('an appointment called off after the family was reminded of it', () => {
  it('tells the family it is cancelled, and no reminder of it goes', async () => {
    const w = world();
    const { c, a, deps, sms } = await withAppointment(w);
    await run(w, c.caseId, deps, sms, '2026-12-16T16:55:00.000Z', '2026-12-16T17:10:00.000Z');
    sms.sent.length = 0;
    w.clock.set('2026-12-16T18:10:00.000Z');
    expect(await cancelAppointment(c.caseId, a.appointmentId, w.intake)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await changes(w, c.caseId)).toEqual([expect.objectContaining({ template: 'appointment.returnee.cancelled', status: 'queued', staleAt: THURSDAY })]);
    const sent = await run(w, c.caseId, deps, sms, '2026-12-16T18:10:00.000Z', THURSDAY);
    expect(sent).toEqual([{ at: '2026-12-16T18:10:00.000Z', text: expect.stringMatching(/^Obiliq Municipality: Your appointment of 17\.12 at 10:00 is cancelled\. Info: /) }]);
    // A retried DELETE answers that it is cancelled (FD: what it asked for is so) and writes no second SMS.
    expect(await cancelAppointment(c.caseId, a.appointmentId, w.intake)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await changes(w, c.caseId)).toHaveLength(1);
  });

  it('a cancel refused because a colleague moved the appointment meanwhile answers 409, not "not found"', async () => {
    const w = world();
    const { c, a } = await withAppointment(w);
    w.clock.set('2026-12-16T09:00:00.000Z'); // near: the cancel's SMS is decided, so the cancel holds to the version read
    // The colleague's move lands between the cancel's read and its write.
    beforeWrite(w, 'cancel', async () => valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: FRIDAY }, w.intake)));
    expect(await cancelAppointment(c.caseId, a.appointmentId, w.intake)).toMatchObject({ ok: false, problem: { kind: 'conflict', code: 'changed-meanwhile' } });
    expect((await w.repos.appointments.get(c.caseId, a.appointmentId))?.status).toBe('scheduled');
  });

  it('a cancel when the time the family knows has passed (its move still unsent) says nothing, rather than an SMS stale as written', async () => {
    const w = world();
    const { c, a } = await withAppointment(w);
    w.clock.set('2026-12-15T20:30:00.000Z');
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: FRIDAY }, w.intake));
    w.clock.set('2026-12-17T09:30:00.000Z'); // Thursday 10:30: past the 10:00 the family knows; the move's SMS never went
    valueOf(await cancelAppointment(c.caseId, a.appointmentId, w.intake));
    expect((await changes(w, c.caseId)).filter((i) => i.template === 'appointment.returnee.cancelled')).toEqual([]);
  });

  it('a cancel while the held SMS of a move goes out names the time that SMS gave', async () => {
    const w = world();
    const { c, a, deps, sms } = await heldMoveReleased(w);
    beforeWrite(w, 'cancel', () => deliverQueued(w, c.caseId, deps));
    valueOf(await cancelAppointment(c.caseId, a.appointmentId, w.intake));
    await deliverQueued(w, c.caseId, deps);
    expect(sms.sent.map((m) => m.text)).toEqual([
      expect.stringMatching(/: Appointment of 17\.12 at 10:00 moved to 18\.12 at 10:00\./),
      expect.stringMatching(/: Your appointment of 18\.12 at 10:00 is cancelled\./),
    ]);
  });

  it('says nothing when no SMS named it and it is days away', async () => {
    const w = world();
    const { c, a } = await withAppointment(w);
    w.clock.set('2026-12-10T09:00:00.000Z');
    valueOf(await cancelAppointment(c.caseId, a.appointmentId, w.intake));
    expect(await changes(w, c.caseId)).toEqual([]);
  });
});
