import { describe, expect, it, vi } from 'vitest';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { planReferralNotifications, RoutingError } from '../../../shared/referrals/plan-notifications.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { referralAckTimers } from '../../../shared/timers/plan.js';
import { expectNamesInOwnLanguage } from '../support/sms-names.js';
import { arrival, COORDINATOR, MONDAY, routeDeps, sweepDeps, valueOf, world, type World } from '../support/world.js';

/**
 * A new referral turned into its notifications (the route-referrals function's use case), on the
 * in-memory repositories: the office's email (its links signed only when it is sent), the returnee's SMS as consent and
 * quiet hours allow, the acknowledgement ladder, and nothing twice on a redelivered record.
 */


async function referred(w: World, fields: Record<string, unknown> = {}) {
  const c = valueOf(await createCase(arrival('SMR-2026-0142', fields), w.intake, COORDINATOR));
  const r = valueOf(await createReferral(c.caseId, { officeKind: 'social_work_centre', need: 'social_support' }, w.intake));
  return { c, r };
}

describe('routeReferral', () => {
  it("emails the office with one-click answers but no token, texts the returnee, and sets the acknowledgement ladder", async () => {
    const w = world();
    const { c, r } = await referred(w);
    await routeReferral(r, routeDeps(w));
    const view = (await w.repos.cases.view(c.caseId))!;
    const mine = view.intents.filter((i) => i.referralId === r.referralId);
    expect(mine.map((i) => [i.purpose, i.channel, i.status, i.recipient])).toEqual([
      ['referral.office', 'email', 'queued', w.directory.office('obiliq', 'social_work_centre')!.email],
      ['referral.returnee', 'sms', 'queued', '+38349555123'],
    ]);
    // Only what signing needs: the answers and their expiry (30 days), no token and no URL. The
    // deliver function signs the links when it renders the email (deliver-intent.test.ts).
    expect(mine[0]!.data.answerLinks).toEqual({ actions: ['accept', 'decline', 'outcome'], exp: Math.floor(MONDAY.getTime() / 1000) + 30 * 86_400 });
    expect(mine[0]!.data).not.toHaveProperty('links');
    expect(JSON.stringify(mine)).not.toMatch(/\/r\/|https?:/);
    // The ladder's first rung; each writes the next as it fires (below).
    const ladder = view.timers.filter((t) => t.subjectId === r.referralId);
    expect(ladder.map((t) => [t.kind, t.dueAt])).toEqual([['referral.ack.reminder', '2026-12-01T08:00:00.000Z']]);
  });

  it.each(['sq', 'sr-Cyrl', 'en'] as const)("keeps the %s SMS's names in its own language only (an item under 1 KB), and renders it as from the directory", async (language) => {
    const w = world();
    const { c, r } = await referred(w, { preferredLanguage: language });
    await routeReferral(r, routeDeps(w));
    const sms = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.referralId === r.referralId && i.channel === 'sms')!;
    expectNamesInOwnLanguage(sms, language, w.directory, 'social_work_centre');
  });

  it('writes the ladder a rung at a time: each rung that fires while the referral waits writes the next, at its planned time', async () => {
    const w = world();
    const { c, r } = await referred(w);
    await routeReferral(r, routeDeps(w));
    const ladder = async () => (await w.repos.cases.view(c.caseId))!.timers.filter((t) => t.subjectId === r.referralId).map((t) => [t.kind, t.status, t.dueAt]);
    // Nobody answers: the reminder, the escalation and the flag, each written by the one before.
    w.clock.set('2026-12-01T08:01:00.000Z');
    await sweepTimers(sweepDeps(w));
    w.clock.set('2026-12-04T08:01:00.000Z');
    await sweepTimers(sweepDeps(w));
    w.clock.set('2026-12-08T08:01:00.000Z');
    await sweepTimers(sweepDeps(w));
    expect(await ladder()).toEqual([
      ['referral.ack.escalation', 'fired', '2026-12-04T08:00:00.000Z'],
      ['referral.ack.flag', 'fired', '2026-12-08T08:00:00.000Z'],
      ['referral.ack.reminder', 'fired', '2026-12-01T08:00:00.000Z'],
    ]);
    expect((await w.repos.referrals.get(c.caseId, r.referralId))!.flaggedAt).toBeDefined();
  });

  it('an answered referral\'s ladder stops at the rung pending; one routed with its three rungs at once fires as before', async () => {
    const w = world();
    const { c, r } = await referred(w);
    await routeReferral(r, routeDeps(w));
    expect(await w.repos.referrals.cancel(c.caseId, r.referralId, 'no_longer_needed', w.clock.now().toISOString(), COORDINATOR)).toBe(true);
    w.clock.set('2026-12-01T08:01:00.000Z');
    await sweepTimers(sweepDeps(w));
    expect((await w.repos.cases.view(c.caseId))!.timers.filter((t) => t.subjectId === r.referralId).map((t) => t.kind)).toEqual(['referral.ack.reminder']);

    // Routed before the ladder was chained: its three rungs are there, and none writes another.
    const older = valueOf(await createReferral(c.caseId, { officeKind: 'housing', need: 'housing' }, w.intake));
    await w.repos.timers.putIfAbsent(referralAckTimers(older, w.holidays, w.clock.now()));
    for (const at of ['2026-12-08T08:01:00.000Z', '2026-12-14T08:01:00.000Z', '2026-12-20T08:01:00.000Z']) {
      w.clock.set(at);
      await sweepTimers(sweepDeps(w));
    }
    // Its record comes again (redelivered across the change): its intents are there, so no ladder of the new scheme is added.
    await w.repos.intents.putIfAbsent(planReferralNotifications(older, (await w.repos.cases.get(c.caseId))!, w.directory.municipality('obiliq')!, w.clock.now())[0]!);
    await routeReferral(older, routeDeps(w));
    const rungs = (await w.repos.cases.view(c.caseId))!.timers.filter((t) => t.subjectId === older.referralId);
    expect(rungs.map((t) => [t.timerId.slice(older.referralId.length), t.status])).toEqual([
      ['#referral.ack.escalation#1', 'fired'],
      ['#referral.ack.flag#1', 'fired'],
      ['#referral.ack.reminder#1', 'fired'],
    ]);
  });

  it('gives a referral routed before without a ladder (an older routing stopped between its intents and its ladder) its first rung, once', async () => {
    const w = world();
    const { c, r } = await referred(w);
    for (const i of planReferralNotifications(r, (await w.repos.cases.get(c.caseId))!, w.directory.municipality('obiliq')!, w.clock.now())) await w.repos.intents.putIfAbsent(i);
    const ladder = async () => (await w.repos.cases.view(c.caseId))!.timers.filter((t) => t.subjectId === r.referralId).map((t) => [t.kind, t.status, t.dueAt]);
    expect(await ladder()).toEqual([]);
    // Its record comes again after the deploy.
    await routeReferral(r, routeDeps(w));
    expect(await ladder()).toEqual([['referral.ack.reminder', 'pending', '2026-12-01T08:00:00.000Z']]);
    const size = w.table.size;
    await routeReferral(r, routeDeps(w));
    expect(w.table.size).toBe(size);
  });

  it('looks for the ladder only for a referral routed before: a first routing pays no read for it', async () => {
    const w = world();
    const { r } = await referred(w);
    const looked = vi.spyOn(w.repos.timers, 'hasReferralLadder');
    await routeReferral(r, routeDeps(w));
    expect(looked).not.toHaveBeenCalled();
    await routeReferral(r, routeDeps(w));
    expect(looked).toHaveBeenCalledTimes(1);
  });

  it('writes nothing more when the same record comes again', async () => {
    const w = world();
    const { r } = await referred(w);
    await routeReferral(r, routeDeps(w));
    const size = w.table.size;
    w.clock.advance(5 * 60_000);
    await routeReferral(r, routeDeps(w));
    expect(w.table.size).toBe(size);
    expect(w.logger.entries.filter((e) => e.message === 'intent already existed')).toHaveLength(2);
  });

  it('records why no SMS goes without consent, and holds one planned at night until 08:00', async () => {
    const w = world();
    const { c, r } = await referred(w, { consent: { sms: false, shareWithOffices: true } });
    await routeReferral(r, routeDeps(w));
    const sms = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.channel === 'sms')!;
    expect(sms).toMatchObject({ status: 'skipped', skipReason: 'no_sms_consent', data: {} });

    const night = world(new Date('2026-11-23T21:30:00.000Z'));
    const late = await referred(night);
    await routeReferral(late.r, routeDeps(night));
    const held = (await night.repos.cases.view(late.c.caseId))!.intents.find((i) => i.channel === 'sms')!;
    expect(held).toMatchObject({ status: 'deferred', notBefore: '2026-11-24T07:00:00.000Z' });
    const due = [];
    for await (const d of night.repos.timers.due('2026-11-24T07', '2026-11-24T07:00:00.000Z')) due.push(d.type === 'Intent' ? d.item.intentId : d.type);
    expect(due).toContain(held.intentId);
  });

  it('refuses a referral whose case is gone, writing nothing', async () => {
    const w = world();
    const { r } = await referred(w);
    const size = w.table.size;
    await expect(routeReferral({ ...r, caseId: '01KNOSUCHCASE0000000000000' }, routeDeps(w))).rejects.toBeInstanceOf(RoutingError);
    expect(w.table.size).toBe(size);
  });
});
