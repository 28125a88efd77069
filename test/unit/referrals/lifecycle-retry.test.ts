import { describe, expect, it } from 'vitest';
import { PlanVisitInput } from '../../../shared/domain/case.js';
import { planHomeVisit } from '../../../shared/referrals/home-visit.js';
import { createCase, createReferral, type IntakeDeps } from '../../../shared/referrals/intake.js';
import { cancelAppointment, cancelReferral, closeCase, createAppointment, recordHomeVisit, rescheduleAppointment } from '../../../shared/referrals/lifecycle.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { arrival, COORDINATOR, routeDeps, valueOf, world, type World } from '../support/world.js';

/**
 * A change is written first and what it makes moot cancelled after, in a second call. When that
 * second call fails (throttled, a timeout), the client retries: the retry finds the change written
 * and must still cancel, or what was queued for the case goes out after all.
 */

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

async function caseWithReferral(w: World) {
  const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
  const r = valueOf(await createReferral(c.caseId, { officeKind: 'social_work_centre', need: 'social_support' }, w.intake));
  await routeReferral(r, routeDeps(w));
  return { c, r };
}

/** What of the case is still pending (timers) or unsent (intents), by kind or purpose and subject. */
async function pending(w: World, caseId: string) {
  const view = (await w.repos.cases.view(caseId))!;
  return [
    ...view.timers.filter((t) => t.status === 'pending').map((t) => `${t.kind}:${t.subjectId}`),
    ...view.intents.filter((i) => i.status === 'queued' || i.status === 'deferred').map((i) => `${i.purpose}:${i.referralId ?? i.sourceId}`),
  ].sort();
}

const throws = (p: Promise<unknown>) => expect(p).rejects.toThrow('throttled');

describe('a change whose cancellations failed, retried', () => {
  it('closeCase: the retry is refused as before, and cancels what is pending', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const intake = failingOnce(w);
    expect(await pending(w, c.caseId)).not.toEqual([]);
    await throws(closeCase(c.caseId, intake, COORDINATOR));
    expect((await w.repos.cases.get(c.caseId))?.status).toBe('closed');
    expect(await closeCase(c.caseId, intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    expect(await pending(w, c.caseId)).toEqual([]);
  });

  it('cancelReferral: the retry cancels the referral\'s ladder and unsent notifications, and only those', async () => {
    const w = world();
    const { c, r } = await caseWithReferral(w);
    const intake = failingOnce(w);
    const others = (await pending(w, c.caseId)).filter((p) => !p.includes(r.referralId));
    await throws(cancelReferral(c.caseId, r.referralId, 'duplicate', intake, COORDINATOR));
    expect(await cancelReferral(c.caseId, r.referralId, 'duplicate', intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    expect(await pending(w, c.caseId)).toEqual(others);
  });

  it('cancelReferral: one refused for being answered cancels nothing', async () => {
    const w = world();
    const { c, r } = await caseWithReferral(w);
    await w.repos.referrals.move(r, 'accepted', { answeredAt: w.clock.now().toISOString() }, { event: 'referral.accepted', by: 'office:x', via: 'link:accept' });
    const before = await pending(w, c.caseId);
    expect(before.some((p) => p.includes(r.referralId))).toBe(true);
    expect(await cancelReferral(c.caseId, r.referralId, 'duplicate', w.intake, COORDINATOR)).toMatchObject({ ok: false });
    expect(await pending(w, c.caseId)).toEqual(before);
  });

  it('cancelAppointment: the retry cancels its reminders', async () => {
    const w = world();
    const { c } = await caseWithReferral(w);
    const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: '2026-12-02T09:00:00.000Z', title: 'Civil registry', where: 'Town hall' }, w.intake));
    const intake = failingOnce(w);
    await throws(cancelAppointment(c.caseId, a.appointmentId, intake));
    expect(await pending(w, c.caseId)).toContain(`appointment.evening:${a.appointmentId}`);
    expect(await cancelAppointment(c.caseId, a.appointmentId, intake)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    expect((await pending(w, c.caseId)).filter((p) => p.includes(a.appointmentId))).toEqual([]);
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
    expect(await pending(w, c.caseId)).toEqual(expect.arrayContaining([expect.stringMatching(/^visit\.reminder:/)]));
    valueOf(await recordHomeVisit(c.caseId, '2026-11-23T08:30:00.000Z', intake));
    expect((await pending(w, c.caseId)).filter((p) => p.startsWith('visit.'))).toEqual([]);
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
    expect(family.map((i) => [i.template, i.status]).sort()).toEqual([
      ['visit.returnee.moved', 'deferred'],
      ['visit.returnee.planned', 'cancelled'],
    ]);
  });
});
