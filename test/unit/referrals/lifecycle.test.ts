import { describe, expect, it } from 'vitest';
import { PlanVisitInput } from '../../../shared/domain/case.js';
import { planHomeVisit } from '../../../shared/referrals/home-visit.js';
import { createCase, createReferral, type IntakeDeps } from '../../../shared/referrals/intake.js';
import { cancelAppointment, cancelReferral, closeCase, createAppointment, recordHomeVisit, rescheduleAppointment } from '../../../shared/referrals/lifecycle.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { arrival, COORDINATOR, MONDAY, routeDeps, valueOf, world, type World } from '../support/world.js';

/**
 * What changes a case's clocks, on the in-memory repositories: each change written first, then
 * exactly the pending timers and unsent notifications it concerns cancelled, and a change that no
 * longer applies refused without writing.
 */

async function caseWithReferral(w: World) {
  const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
  const r = valueOf(await createReferral(c.caseId, { officeKind: 'social_work_centre', need: 'social_support' }, w.intake));
  await routeReferral(r, routeDeps(w));
  return { c, r };
}

/** Each pending timer and unsent intent of the case, by kind or purpose. */
async function pending(w: World, caseId: string) {
  const view = (await w.repos.cases.view(caseId))!;
  return [
    ...view.timers.filter((t) => t.status === 'pending').map((t) => t.kind),
    ...view.intents.filter((i) => i.status === 'queued' || i.status === 'deferred').map((i) => i.purpose),
  ].sort();
}

describe('recordHomeVisit', () => {
  it("stops the visit's reminder and escalation, and nothing else", async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const before = await pending(w, c.caseId);
    expect(valueOf(await recordHomeVisit(c.caseId, '2026-11-23T08:30:00.000Z', w.intake))).toEqual({ homeVisitAt: '2026-11-23T08:30:00.000Z' });
    expect(await pending(w, c.caseId)).toEqual(before.filter((k) => !k.startsWith('visit.')));
    expect((await w.repos.cases.get(c.caseId))?.homeVisitAt).toBe('2026-11-23T08:30:00.000Z');
  });

  it('refuses a visit in the future, and one for a closed or unknown case', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    expect(await recordHomeVisit(c.caseId, '2026-11-23T10:00:00.000Z', w.intake)).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'visitedAt' } });
    expect(await recordHomeVisit('01KNOSUCHCASE0000000000000', undefined, w.intake)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    await closeCase(c.caseId, w.intake, COORDINATOR);
    expect(await recordHomeVisit(c.caseId, undefined, w.intake)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    expect((await w.repos.cases.get(c.caseId))?.homeVisitAt).toBeUndefined();
  });

  it('refuses a visit dated before the case began (a slip of the year), naming visitedAt, and counts nothing', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const dayBefore = new Date(Date.parse(`${c.arrivalDate}T12:00:00Z`) - 86_400_000).toISOString();
    expect(await recordHomeVisit(c.caseId, dayBefore, w.intake)).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'visitedAt', code: 'before-case-start' } });
    expect(await recordHomeVisit(c.caseId, dayBefore.replace(/^2026/, '2025'), w.intake)).toMatchObject({ ok: false, problem: { code: 'before-case-start' } });
    expect((await w.repos.cases.get(c.caseId))?.homeVisitAt).toBeUndefined();
  });
});

describe('cancelReferral', () => {
  it("cancels the referral with its ladder and unsent notifications, not the case's own clocks", async () => {
    const w = world();
    const { c, r } = await caseWithReferral(w);
    expect(await cancelReferral(c.caseId, r.referralId, 'duplicate', w.intake, COORDINATOR)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'cancelled', cancelledAt: MONDAY.toISOString() });
    expect(await pending(w, c.caseId)).toEqual(['case.closure', 'case.evaluation', 'case.monitoring', 'case.welcome', 'visit.escalation', 'visit.reminder']);
    expect(await w.repos.worklists.awaitingAck('obiliq')).toEqual([]);
  });

  it('answers a second cancellation (a retry) as the first, and refuses one of a declined or unknown referral, changing nothing', async () => {
    const w = world();
    const { c, r } = await caseWithReferral(w);
    await cancelReferral(c.caseId, r.referralId, 'duplicate', w.intake, COORDINATOR);
    expect(await cancelReferral(c.caseId, r.referralId, 'duplicate', w.intake, COORDINATOR)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await cancelReferral(c.caseId, '01KNOSUCHREFERRA0000000000', 'duplicate', w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    const other = valueOf(await createReferral(c.caseId, { officeKind: 'housing', need: 'housing' }, w.intake));
    await w.repos.referrals.move(other, 'declined', { answeredAt: MONDAY.toISOString(), declineReason: 'other' }, { event: 'referral.declined', by: 'office:x', via: 'link:decline' });
    expect(await cancelReferral(c.caseId, other.referralId, 'duplicate', w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    expect((await w.repos.referrals.get(c.caseId, other.referralId))?.status).toBe('declined');
    expect((await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'referral.cancelled')).toHaveLength(1);
  });
});

describe('closeCase', () => {
  it('closes once and cancels everything still pending, counting what it cancelled', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const before = await pending(w, c.caseId);
    expect(await closeCase(c.caseId, w.intake, COORDINATOR)).toEqual({ ok: true, value: { status: 'closed', cancelled: before.length } });
    expect(await pending(w, c.caseId)).toEqual([]);
    expect(await w.repos.worklists.openCases('obiliq')).toEqual([]);
    // A retry after a lost answer: closed it is, and nothing is written again.
    const audit = (await w.repos.cases.view(c.caseId))!.audit.length;
    expect(await closeCase(c.caseId, w.intake, COORDINATOR)).toEqual({ ok: true, value: { status: 'closed', cancelled: 0 } });
    expect((await w.repos.cases.view(c.caseId))!.audit).toHaveLength(audit);
    expect(await closeCase('01KNOSUCHCASE0000000000000', w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });
});

describe('appointments', () => {
  const when = '2026-12-02T09:00:00.000Z';

  it('plans the evening-before and morning-of reminders, moves them with a reschedule, and drops them on cancel', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when, title: 'Civil registry', where: 'Town hall' }, w.intake));
    const reminders = async () =>
      (await w.repos.cases.view(c.caseId))!.timers.filter((t) => t.subjectId === a.appointmentId).map((t) => [t.kind, t.occurrence, t.status, t.dueAt]);
    expect(await reminders()).toEqual([
      ['appointment.evening', 1, 'pending', '2026-12-01T17:00:00.000Z'],
      ['appointment.morning', 1, 'pending', '2026-12-02T07:00:00.000Z'],
    ]);
    expect((await w.repos.worklists.appointments('obiliq')).map((x) => x.appointmentId)).toEqual([a.appointmentId]);

    const moved = valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: '2026-12-03T12:00:00.000Z' }, w.intake));
    expect(moved.version).toBe(2);
    expect(await reminders()).toEqual([
      ['appointment.evening', 1, 'cancelled', '2026-12-01T17:00:00.000Z'],
      ['appointment.evening', 2, 'pending', '2026-12-02T17:00:00.000Z'],
      ['appointment.morning', 1, 'cancelled', '2026-12-02T07:00:00.000Z'],
      ['appointment.morning', 2, 'pending', '2026-12-03T07:00:00.000Z'],
    ]);
    expect(await cancelAppointment(c.caseId, a.appointmentId, w.intake)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect((await reminders()).every(([, , status]) => status === 'cancelled')).toBe(true);
    expect(await w.repos.worklists.appointments('obiliq')).toEqual([]);
    // A retry after a lost answer is answered as the first; an id never made is not found.
    expect(await cancelAppointment(c.caseId, a.appointmentId, w.intake)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await cancelAppointment(c.caseId, '01KNOSUCHAPPT0000000000000', w.intake)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });

  it('refuses one in the past, and one whose reminder SMS would pass the segment cap, naming the longest text', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    expect(await createAppointment(c.caseId, { kind: 'appointment', when: '2026-11-22T09:00:00.000Z', title: 'Civil registry', where: 'Town hall' }, w.intake)).toMatchObject({
      ok: false,
      problem: { field: 'when' },
    });
    const long = await createAppointment(c.caseId, { kind: 'appointment', when, title: 'Civil registry', where: 'Town hall', bring: 'ID card, '.repeat(40) }, w.intake);
    expect(long).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'bring' } });
    expect((await w.repos.cases.view(c.caseId))!.appointments).toEqual([]);
  });

  it('refuses text naming a sensitive need or category, naming its field, on creation and on change, with or without SMS consent', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const fine = { kind: 'appointment' as const, when, title: 'Civil registry', where: 'Town hall', bring: 'ID card' };
    const cases: [field: 'title' | 'where' | 'bring', text: string, label: string][] = [
      ['title', 'Kontroll  për Kujdes   shëndetësor', 'kujdes shëndetësor'],
      ['where', 'Centar za žrtva nasilja u porodici', 'žrtva nasilja u porodici'],
      ['bring', 'papers for the Victim of Domestic Violence desk', 'victim of domestic violence'],
    ];
    for (const [field, text, label] of cases) {
      const refused = await createAppointment(c.caseId, { ...fine, [field]: text }, w.intake);
      expect(refused, field).toMatchObject({ ok: false, problem: { kind: 'invalid', field, message: expect.stringContaining(`"${label}"`), code: 'sensitive-words' } });
    }
    expect((await w.repos.cases.view(c.caseId))!.appointments).toEqual([]);
    const a = valueOf(await createAppointment(c.caseId, fine, w.intake));
    expect(await rescheduleAppointment(c.caseId, a.appointmentId, { where: 'Qendra për mbështetje psikosociale' }, w.intake)).toMatchObject({ ok: false, problem: { field: 'where' } });
    expect((await w.repos.cases.view(c.caseId))!.appointments).toMatchObject([{ version: 1, where: 'Town hall' }]);

    // Without SMS consent too: the page shows the text, and consent may come later.
    const quiet = valueOf(await createCase(arrival('SMR-2026-0143', { consent: { sms: false, shareWithOffices: true } }), w.intake, COORDINATOR));
    expect(await createAppointment(quiet.caseId, { ...fine, title: 'Health care check' }, w.intake)).toMatchObject({ ok: false, problem: { field: 'title' } });
  });
});

/** The world's intake whose first cancelPending throws, as DynamoDB's throttling would. */
function failingOnce(w: World): IntakeDeps {
  const real = w.intake.timers;
  let failed = false;
  const timers = Object.assign(Object.create(real) as typeof real, {
    cancelPending: (...a: Parameters<typeof real.cancelPending>) => {
      if (failed) return real.cancelPending(...a);
      failed = true;
      return Promise.reject(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
    },
  });
  return { ...w.intake, timers };
}

/** What of the case is still pending (timers) or unsent (intents), by kind or purpose and subject. */
async function pendingOf(w: World, caseId: string) {
  const view = (await w.repos.cases.view(caseId))!;
  return [
    ...view.timers.filter((t) => t.status === 'pending').map((t) => `${t.kind}:${t.subjectId}`),
    ...view.intents.filter((i) => i.status === 'queued' || i.status === 'deferred').map((i) => `${i.purpose}:${i.referralId ?? i.sourceId}`),
  ].sort();
}

const throws = (p: Promise<unknown>) => expect(p).rejects.toThrow('throttled');

/**
 * A change is written first and what it makes moot cancelled after, in a second call. When that
 * second call fails (throttled, a timeout), the client retries: the retry finds the change written
 * and must still cancel, or what was queued for the case goes out after all.
 */
describe('a change whose cancellations failed, retried', () => {
  it('closeCase: the retry answers closed, and cancels what is pending', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const intake = failingOnce(w);
    expect(await pendingOf(w, c.caseId)).not.toEqual([]);
    await throws(closeCase(c.caseId, intake, COORDINATOR));
    expect((await w.repos.cases.get(c.caseId))?.status).toBe('closed');
    expect(await closeCase(c.caseId, intake, COORDINATOR)).toMatchObject({ ok: true, value: { status: 'closed' } });
    expect(await pendingOf(w, c.caseId)).toEqual([]);
  });

  it('cancelReferral: the retry cancels the referral\'s ladder and unsent notifications, and only those', async () => {
    const w = world();
    const { c, r } = await caseWithReferral(w);
    const intake = failingOnce(w);
    const others = (await pendingOf(w, c.caseId)).filter((p) => !p.includes(r.referralId));
    await throws(cancelReferral(c.caseId, r.referralId, 'duplicate', intake, COORDINATOR));
    expect(await cancelReferral(c.caseId, r.referralId, 'duplicate', intake, COORDINATOR)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await pendingOf(w, c.caseId)).toEqual(others);
  });

  it('cancelReferral: one refused for being declined cancels nothing', async () => {
    const w = world();
    const { c, r } = await caseWithReferral(w);
    await w.repos.referrals.move(r, 'declined', { answeredAt: w.clock.now().toISOString(), declineReason: 'other' }, { event: 'referral.declined', by: 'office:x', via: 'link:decline' });
    const before = await pendingOf(w, c.caseId);
    expect(before.some((p) => p.includes(r.referralId))).toBe(true);
    expect(await cancelReferral(c.caseId, r.referralId, 'duplicate', w.intake, COORDINATOR)).toMatchObject({ ok: false });
    expect(await pendingOf(w, c.caseId)).toEqual(before);
  });

  it('cancelAppointment: the retry cancels its reminders', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: '2026-12-02T09:00:00.000Z', title: 'Civil registry', where: 'Town hall' }, w.intake));
    const intake = failingOnce(w);
    await throws(cancelAppointment(c.caseId, a.appointmentId, intake));
    expect(await pendingOf(w, c.caseId)).toContain(`appointment.evening:${a.appointmentId}`);
    expect(await cancelAppointment(c.caseId, a.appointmentId, intake)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect((await pendingOf(w, c.caseId)).filter((p) => p.includes(a.appointmentId))).toEqual([]);
  });

  it("rescheduleAppointment: the retry cancels the first version's reminders", async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: '2026-12-02T09:00:00.000Z', title: 'Civil registry', where: 'Town hall' }, w.intake));
    const intake = failingOnce(w);
    await throws(rescheduleAppointment(c.caseId, a.appointmentId, { when: '2026-12-03T12:00:00.000Z' }, intake));
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: '2026-12-03T12:00:00.000Z' }, intake));
    const reminders = (await w.repos.cases.view(c.caseId))!.timers.filter((t) => t.subjectId === a.appointmentId && t.status === 'pending');
    expect(reminders.map((t) => [t.kind, t.dueAt])).toEqual([
      ['appointment.evening', '2026-12-02T17:00:00.000Z'],
      ['appointment.morning', '2026-12-03T07:00:00.000Z'],
    ]);
  });

  it('recordHomeVisit: the retry stops the visit clock', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const intake = failingOnce(w);
    await throws(recordHomeVisit(c.caseId, '2026-11-23T08:30:00.000Z', intake));
    expect(await pendingOf(w, c.caseId)).toEqual(expect.arrayContaining([expect.stringMatching(/^visit\.reminder:/)]));
    valueOf(await recordHomeVisit(c.caseId, '2026-11-23T08:30:00.000Z', intake));
    expect((await pendingOf(w, c.caseId)).filter((p) => p.startsWith('visit.'))).toEqual([]);
  });

  it("planHomeVisit: a retried move cancels the older version's SMS still waiting for the morning", async () => {
    const w = world(new Date('2026-11-23T19:30:00Z')); // 20:30 in Kosovo: the family's SMS waits
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
    const plan = (at: string) => PlanVisitInput.parse({ at });
    valueOf(await planHomeVisit(c.caseId, plan('2026-11-24T10:00:00+01:00'), w.intake, COORDINATOR));
    const intake = failingOnce(w);
    await throws(planHomeVisit(c.caseId, plan('2026-11-24T11:00:00+01:00'), intake, COORDINATOR));
    valueOf(await planHomeVisit(c.caseId, plan('2026-11-24T11:00:00+01:00'), intake, COORDINATOR));
    const family = (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.purpose === 'visit.family');
    // The family never heard of 10:00: the SMS that goes tells it of the visit as planned.
    expect(family.map((i) => [i.sourceId, i.status])).toEqual([
      [`${c.caseId}#homevisit#0`, 'cancelled'],
      [`${c.caseId}#homevisit#1`, 'deferred'],
    ]);
  });
});
