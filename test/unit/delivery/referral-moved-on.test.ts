import { HOUSEHOLD_REFERRALS } from '../../../bench/household.js';
import { describe, expect, it } from 'vitest';
import { deliverIntent, type DeliverDeps } from '../../../shared/delivery/deliver-intent.js';
import { localName, toGsm7 } from '../../../shared/messages/index.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { cancelReferral } from '../../../shared/referrals/lifecycle.js';
import { reactToAnswer } from '../../../shared/referrals/react-to-answer.js';
import { recordOfficeAnswer } from '../../../shared/referrals/record-answer.js';
import { routeReferral, routeReferrals } from '../../../shared/referrals/route-referral.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import type { ReferralItem } from '../../../shared/store/referral.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { arrival, COORDINATOR, deliverDeps, routed, routeDeps, sweepDeps, valueOf, world, type World } from '../support/world.js';

/**
 * The family's SMS about a referral the office no longer awaits (cancelled, or answered by phone
 * and recorded) since the SMS was queued, the cancelling having lost the race with its record: at
 * delivery it does not go out, alone or as a line of the household's SMS. It ends `cancelled`
 * with its reason, on record (never silently gone), and the household's other lines still go as
 * one SMS.
 */

/** Monday 23 November 2026, 22:30 in Kosovo: quiet hours, SMS wait for 08:00. */
const NIGHT = new Date('2026-11-23T21:30:00.000Z');
/** Tuesday 08:01 in Kosovo, when the sweep has released them. */
const MORNING = new Date('2026-11-24T07:01:00.000Z');
const REFERRALS = HOUSEHOLD_REFERRALS.slice(0, 3);

/** A case registered at night with three referrals routed through the stream: its welcome and three referral SMS wait for 08:00. */
async function threeAtNight(w: World) {
  w.clock.set(NIGHT);
  const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
  const referrals: ReferralItem[] = [];
  for (const r of REFERRALS) {
    referrals.push(valueOf(await createReferral(c.caseId, { ...r }, w.intake)));
    await routeReferral(referrals.at(-1)!, routeDeps(w));
    w.clock.advance(1000);
  }
  return { c, referrals };
}

const smsOf = async (w: World, caseId: string): Promise<IntentItem[]> =>
  (await w.repos.cases.view(caseId))!.intents.filter((i) => i.channel === 'sms' && i.purpose !== 'followup.coordinator');
const smsAbout = async (w: World, r: ReferralItem) => (await smsOf(w, r.caseId)).find((i) => i.referralId === r.referralId)!;
const officeName = (w: World, k: number) => toGsm7(localName(w.directory.office('obiliq', REFERRALS[k]!.officeKind)!.name, 'en'));

/** The sweep at 08:00, then each SMS it put back on the stream delivered in turn, `first` first. */
async function morning(w: World, caseId: string, deps: DeliverDeps, first?: IntentItem) {
  w.clock.set(MORNING);
  await sweepTimers(sweepDeps(w));
  const released = (await smsOf(w, caseId)).filter((i) => i.status === 'queued');
  const order = first ? [released.find((i) => i.intentId === first.intentId)!, ...released.filter((i) => i.intentId !== first.intentId)] : released;
  const outcomes = [];
  for (const i of order) outcomes.push(await deliverIntent(i, deps));
  return { released: order, outcomes };
}

/** The first of cancelling's two writes, as it is when the second (cancelling what was queued) lost the race or failed. */
const cancelledOnly = (w: World, r: ReferralItem) => w.repos.referrals.cancel(r.caseId, r.referralId, 'made by mistake', w.clock.now().toISOString(), COORDINATOR);

describe("the family's SMS about a referral cancelled or answered since it was queued", () => {
  it("a household's line about a cancelled referral is dropped: the welcome and the two others go as one SMS, the dropped one on record cancelled", async () => {
    const w = world();
    const { c, referrals } = await threeAtNight(w);
    expect(await cancelledOnly(w, referrals[1]!)).toBe(true);
    const dropped = await smsAbout(w, referrals[1]!);
    expect(dropped.status).toBe('deferred');
    const { deps, sms } = deliverDeps(w);
    const welcome = (await smsOf(w, c.caseId)).find((i) => i.template === 'case.returnee.welcome')!;
    const { outcomes } = await morning(w, c.caseId, deps, welcome);
    expect(outcomes[0]).toBe('sent');
    expect(outcomes.slice(1).every((o) => o === 'already-done')).toBe(true);

    expect(sms.sent).toHaveLength(1);
    const text = toGsm7(sms.sent[0]!.text);
    expect(text).toMatch(/Welcome home! .* 1\) .* 2\) /);
    expect(text).not.toMatch(/ 3\) /);
    expect(text).toContain(officeName(w, 0));
    expect(text).toContain(officeName(w, 2));
    expect(text).not.toContain(officeName(w, 1));

    const after = await smsOf(w, c.caseId);
    const gone = after.find((i) => i.intentId === dropped.intentId)!;
    expect(gone).toMatchObject({ status: 'cancelled' });
    // Not in the message it was claimed into: no `mergedInto`, no provider id.
    expect(gone.mergedInto).toBeUndefined();
    expect(gone.providerMessageId).toBeUndefined();
    const sent = after.filter((i) => i.intentId !== dropped.intentId);
    expect(sent.map((i) => i.status)).toEqual(['sent', 'sent', 'sent']);
    expect(new Set(sent.map((i) => i.providerMessageId)).size).toBe(1);
    expect((await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['ReferralCancelled']);
    // Nothing failed: no email to the coordinator, nothing in the call-or-visit list.
    expect((await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.template === 'followup.coordinator')).toEqual([]);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);

    // Every record again (the stream's retry): nothing more.
    for (const i of after) expect(await deliverIntent(i, deps)).toBe('already-done');
    expect(sms.sent).toHaveLength(1);
  });

  it("when the cancelled referral's own SMS comes first, it ends alone, and the next record takes the rest into one SMS", async () => {
    const w = world();
    const { c, referrals } = await threeAtNight(w);
    expect(await cancelledOnly(w, referrals[0]!)).toBe(true);
    const { deps, sms } = deliverDeps(w);
    const { outcomes } = await morning(w, c.caseId, deps, await smsAbout(w, referrals[0]!));
    expect(outcomes[0]).toBe('cancelled');
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(sms.sent).toHaveLength(1);
    const text = toGsm7(sms.sent[0]!.text);
    expect(text).toMatch(/Welcome home! .* 1\) .* 2\) /);
    expect(text).not.toContain(officeName(w, 0));
    const after = await smsOf(w, c.caseId);
    expect(after.find((i) => i.referralId === referrals[0]!.referralId)).toMatchObject({ status: 'cancelled' });
    expect(after.filter((i) => i.status === 'sent')).toHaveLength(3);
    expect((await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['ReferralCancelled']);
  });

  it('a lone SMS about a referral the office declined by phone since it was queued is not sent: cancelled, ReferralAnswered', async () => {
    const w = world();
    // Registered in the day: the welcome went then, alone.
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
    const { deps, sms } = deliverDeps(w);
    for (const i of await smsOf(w, c.caseId)) await deliverIntent(i, deps);
    expect(sms.sent).toHaveLength(1);
    w.clock.set(NIGHT);
    const r = valueOf(await createReferral(c.caseId, { ...REFERRALS[0]! }, w.intake));
    await routeReferral(r, routeDeps(w));
    valueOf(await recordOfficeAnswer(c.caseId, r.referralId, { answer: 'decline', reason: 'lack_of_capacity' }, w.intake, COORDINATOR, undefined));
    const { outcomes } = await morning(w, c.caseId, deps);
    expect(outcomes).toEqual(['cancelled']);
    expect(sms.sent).toHaveLength(1);
    expect(await smsAbout(w, r)).toMatchObject({ status: 'cancelled' });
    expect((await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['ReferralAnswered']);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it('the one hop reads neither the case nor the referrals before sending: its transaction held them', async () => {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
    const { deps, sms } = deliverDeps(w);
    for (const i of await smsOf(w, c.caseId)) await deliverIntent(i, deps);
    const made = [];
    for (const r of REFERRALS) made.push(valueOf(await createReferral(c.caseId, { ...r }, w.intake)));
    let reads = 0;
    const counted: DeliverDeps = {
      ...deps,
      cases: { get: (id) => (reads++, w.repos.cases.get(id)) },
      referrals: { ...w.repos.referrals, get: (caseId, id) => (reads++, w.repos.referrals.get(caseId, id)), getAll: (caseId, ids) => (reads++, w.repos.referrals.getAll(caseId, ids)) },
    };
    const outcomes = await routeReferrals(made, { ...routeDeps(w), deliver: counted });
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(reads).toBe(0);
    expect(sms.sent).toHaveLength(2);
    expect(sms.sent[1]!.text).toMatch(/ 1\) .* 2\) .* 3\) /);
  });

  it("the household's lines are checked with one read of the case's referrals, not one each (FK)", async () => {
    const w = world();
    const { c, referrals } = await threeAtNight(w);
    expect(await cancelledOnly(w, referrals[2]!)).toBe(true);
    const { deps, sms } = deliverDeps(w);
    const asked: string[][] = [];
    const counted: DeliverDeps = {
      ...deps,
      referrals: {
        ...w.repos.referrals,
        get: (caseId, id) => (asked.push([id]), w.repos.referrals.get(caseId, id)),
        getAll: (caseId, ids) => (asked.push([...ids]), w.repos.referrals.getAll(caseId, ids)),
      },
    };
    const welcome = (await smsOf(w, c.caseId)).find((i) => i.template === 'case.returnee.welcome')!;
    await morning(w, c.caseId, counted, welcome);
    // The welcome leads (it is about no referral); its three lines, in one read.
    expect(asked.map((ids) => [...ids].sort())).toEqual([referrals.map((r) => r.referralId).sort()]);
    expect(sms.sent).toHaveLength(1);
    expect(toGsm7(sms.sent[0]!.text)).toMatch(/Welcome home! .* 1\) .* 2\) /);
    expect(toGsm7(sms.sent[0]!.text)).not.toMatch(/ 3\) /);
    expect(await smsAbout(w, referrals[2]!)).toMatchObject({ status: 'cancelled' });
  });

  it('while the referrals still await their offices, all three lines and the welcome go as one SMS', async () => {
    const w = world();
    const { c } = await threeAtNight(w);
    const { deps, sms } = deliverDeps(w);
    await morning(w, c.caseId, deps);
    expect(sms.sent).toHaveLength(1);
    expect(toGsm7(sms.sent[0]!.text)).toMatch(/Welcome home! .* 1\) .* 2\) .* 3\) /);
  });
});

describe('the family\'s "accepted" SMS, claimed as the acceptance stops standing (FL)', () => {
  /** A referral sent and accepted in the day: the family's "accepted" SMS queued, as the intents' stream hands it over. */
  async function acceptedSms(w: World) {
    const { c, r, email, sms: toGo } = await routed(w);
    expect(await deliverIntent(email, deliverDeps(w).deps)).toBe('sent');
    // The family's "go there" went in the day too: its record is not left for the "accepted" SMS to take in.
    expect(await deliverIntent(toGo, deliverDeps(w).deps)).toBe('sent');
    valueOf(await recordOfficeAnswer(c.caseId, r.referralId, { answer: 'accept' }, w.intake, COORDINATOR, undefined));
    await reactToAnswer((await w.repos.referrals.get(c.caseId, r.referralId))!, { ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });
    const sms = (await smsOf(w, c.caseId)).find((i) => i.template === 'referral.returnee.accepted')!;
    expect(sms.status).toBe('queued');
    return { c, r, sms };
  }

  /** The deliver function, with `meanwhile` run once its claim of the SMS took: a withdrawal's cancelling then finds it `sending` and leaves it. */
  function claimThen(w: World, meanwhile: () => Promise<unknown>) {
    const intents = w.repos.intents;
    const claim = intents.claim.bind(intents);
    intents.claim = async (...args) => {
      const out = await claim(...args);
      if (out.claimed) await meanwhile();
      return out;
    };
    return deliverDeps(w);
  }

  const reasons = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason);

  it('withdrawn while it is being claimed: not sent, on record cancelled (ReferralCancelled), nobody asked to act', async () => {
    const w = world();
    const { c, r, sms: accepted } = await acceptedSms(w);
    const { deps, sms } = claimThen(w, async () => expect(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR)).toMatchObject({ ok: true }));
    expect(await deliverIntent(accepted, deps)).toBe('cancelled');
    expect(sms.sent).toEqual([]);
    expect((await smsOf(w, c.caseId)).find((i) => i.intentId === accepted.intentId)).toMatchObject({ status: 'cancelled' });
    expect(await reasons(w, c.caseId)).toEqual(['ReferralCancelled']);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it('its outcome recorded while it is being claimed: not sent either (ReferralAnswered): the office no longer expects the family', async () => {
    const w = world();
    const { c, r, sms: accepted } = await acceptedSms(w);
    const { deps, sms } = claimThen(w, async () => valueOf(await recordOfficeAnswer(c.caseId, r.referralId, { answer: 'outcome', outcome: 'done' }, w.intake, COORDINATOR, undefined)));
    expect(await deliverIntent(accepted, deps)).toBe('cancelled');
    expect(sms.sent).toEqual([]);
    expect(await reasons(w, c.caseId)).toEqual(['ReferralAnswered']);
  });

  it('while the acceptance stands it goes', async () => {
    const w = world();
    const { c, sms: accepted } = await acceptedSms(w);
    const { deps, sms } = claimThen(w, async () => undefined);
    expect(await deliverIntent(accepted, deps)).toBe('sent');
    expect(sms.sent).toHaveLength(1);
    expect(await reasons(w, c.caseId)).toEqual([]);
  });
});
