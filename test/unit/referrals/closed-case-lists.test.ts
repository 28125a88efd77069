import { describe, expect, it } from 'vitest';
import { answerReturneePage, type ReturneePageDeps } from '../../../shared/cases/returnee-page.js';
import { readFollowUps } from '../../../shared/console/follow-ups.js';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { localDate } from '../../../shared/domain/calendar.js';
import { pageLinkExpiryDay, signPageToken } from '../../../shared/links/page-link.js';
import { createReferral, type IntakeDeps } from '../../../shared/referrals/intake.js';
import { CASE_CLOSED, closeCase, createAppointment } from '../../../shared/referrals/lifecycle.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { COORDINATOR, deliverDeps, DeliveryError, LINK_KEY, routeDeps, routed, valueOf, world, type World } from '../support/world.js';

/**
 * Closing a case leaves nothing of it on the coordinators' lists, which the console's Today and
 * follow-ups, the meeting agendas and the digests read: its unanswered referrals are cancelled as
 * `case_closed`, and its declined referrals, appointments, failed notifications and "I cannot
 * come" leave their lists. The day's activity feed keeps what happened.
 */

const pageDeps = (w: World): ReturneePageDeps => ({ cases: w.repos.cases, directory: w.directory, key: w.key, clock: w.clock });

/** A case with something on every list a case's items can be on. */
async function busyCase(w: World) {
  const { c, r, email, sms } = await routed(w);
  const { deps, sms: phone } = deliverDeps(w);
  expect(await deliverIntent(email, deps)).toBe('sent');
  phone.failures.push(new DeliveryError('non-retryable', 'InvalidParameter'));
  expect(await deliverIntent(sms, deps)).toBe('failed');
  const housing = valueOf(await createReferral(c.caseId, { officeKind: 'social_work_centre', need: 'social_support' }, w.intake));
  await routeReferral(housing, routeDeps(w));
  const at = w.clock.now().toISOString();
  expect(await w.repos.referrals.move(housing, 'declined', { answeredAt: at, declineReason: 'lack_of_capacity' }, { event: 'referral.declined', by: 'office:x', via: 'link:decline' })).toBe(true);
  const job = valueOf(await createReferral(c.caseId, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'], dependsOn: r.referralId }, w.intake));
  const blocker = valueOf(await createReferral(c.caseId, { officeKind: 'housing', need: 'housing', dependsOn: housing.referralId }, w.intake));
  expect(await w.repos.referrals.markBlocked(blocker, 'declined', housing.referralId, at)).toBe(true);
  const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: '2026-11-25T09:30:00.000Z', title: 'Regjistrimi', where: 'Zyra e Punësimit' }, w.intake));
  const token = signPageToken(c.caseId, pageLinkExpiryDay(w.clock.now()), LINK_KEY);
  expect(await answerReturneePage(token, { step: `appt:${a.appointmentId}`, answer: 'no' }, pageDeps(w))).toMatchObject({ kind: 'recorded' });
  return { c, r, housing, job, blocker };
}

/** Every list a case's items can be on, as the municipality's readers see them. */
async function lists(w: World) {
  const l = w.repos.worklists;
  const f = await readFollowUps('obiliq', w.repos);
  return {
    awaitingAck: (await l.awaitingAck('obiliq')).length,
    declined: (await l.declined('obiliq')).length,
    blocked: f.blockedReferrals.length,
    appointments: (await l.appointments('obiliq')).length,
    failed: f.followUps.length,
    cannotCome: f.cannotCome.length,
    openCases: (await l.openCases('obiliq')).length,
  };
}

const NONE = { awaitingAck: 0, declined: 0, blocked: 0, appointments: 0, failed: 0, cannotCome: 0, openCases: 0 };

/** The world's intake whose first delistClosed throws, as DynamoDB's throttling would. */
function delistFailingOnce(w: World): IntakeDeps {
  const real = w.intake.cases;
  let failed = false;
  const cases = Object.assign(Object.create(real) as typeof real, {
    delistClosed: (caseId: string) => {
      if (failed) return real.delistClosed(caseId);
      failed = true;
      return Promise.reject(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
    },
  });
  return { ...w.intake, cases };
}

describe('closing a case', () => {
  it('cancels its unanswered referrals as case_closed and takes the rest of it off every list, keeping the feed', async () => {
    const w = world();
    const { c, r, housing, job, blocker } = await busyCase(w);
    expect(await lists(w)).toEqual({ awaitingAck: 1, declined: 1, blocked: 1, appointments: 1, failed: 1, cannotCome: 1, openCases: 1 });
    const feed = (await w.repos.worklists.feed('obiliq', localDate(w.clock.now()))).length;

    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR, { outcome: 'moved_municipality', finalAssessment: 'Moved away.' }));
    expect(await lists(w)).toEqual(NONE);
    const status = async (id: string) => w.repos.referrals.get(c.caseId, id);
    for (const id of [r.referralId, job.referralId, blocker.referralId]) expect(await status(id), id).toMatchObject({ status: 'cancelled', cancelReason: CASE_CLOSED });
    // An answered referral keeps its answer.
    expect(await status(housing.referralId)).toMatchObject({ status: 'declined' });
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.audit.filter((e) => e.event === 'referral.cancelled').map((e) => e.detail)).toEqual([{ reason: CASE_CLOSED, officeKind: expect.any(String) }, expect.anything(), expect.anything()]);
    // Nothing goes out after but what closing owes the offices that knew of a referral (withdrawn.ts): no other intent waits.
    expect(view.intents.filter((i) => (i.status === 'queued' || i.status === 'deferred') && i.template !== 'referral.office.withdrawn')).toEqual([]);
    expect(view.intents.filter((i) => i.template === 'referral.office.withdrawn').map((i) => i.referralId)).toEqual([r.referralId]);
    expect((await w.repos.worklists.feed('obiliq', localDate(w.clock.now()))).length).toBeGreaterThan(feed);
  });

  it('a retry of a close whose cleaning up failed answers that it is closed, and cleans up', async () => {
    const w = world();
    const { c } = await busyCase(w);
    const intake = delistFailingOnce(w);
    await expect(closeCase(c.caseId, intake, COORDINATOR)).rejects.toThrow('throttled');
    expect((await w.repos.cases.get(c.caseId))?.status).toBe('closed');
    expect((await lists(w)).declined).toBe(1);
    expect(await closeCase(c.caseId, intake, COORDINATOR)).toMatchObject({ ok: true, value: { status: 'closed' } });
    expect(await lists(w)).toEqual(NONE);
  });

  it('takes nothing off the lists of a case still open', async () => {
    const w = world();
    const { c } = await busyCase(w);
    expect(await w.repos.cases.delistClosed(c.caseId)).toBe(0);
    expect((await lists(w)).declined).toBe(1);
  });
});
