import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { PlanVisitInput } from '../../../shared/domain/case.js';
import { toGsm7 } from '../../../shared/messages/index.js';
import { cancelHomeVisit, planHomeVisit } from '../../../shared/referrals/home-visit.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { closeCase, recordHomeVisit } from '../../../shared/referrals/lifecycle.js';
import type { EmailMessage } from '../../../shared/channels/ports.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import type { TimerRepository } from '../../../shared/store/ports.js';
import { arrival, COORDINATOR, deliverDeps, valueOf, world, type World } from '../support/world.js';

/**
 * A notice of one version of the home visit's plan (the offices' invitation, the family's
 * "planned" or "moved" SMS) goes only while that version is the plan as planned: a move or a
 * call-off cancels the older versions' notices only after its write, so one being claimed at that
 * moment, or left queued by a function that died between the two, meets delivery's last check
 * (visit-plan.ts). It ends `cancelled` with its reason, nothing for anyone to act on; the newer
 * version's notices go, and the calendar's cancellation of a called-off one to each office invited.
 */

/** Tuesday 24 and Wednesday 25 November 2026 in Kosovo (the world's clock is Monday 10:00). */
const TUESDAY_10 = '2026-11-24T10:00:00+01:00';
const WEDNESDAY_1330 = '2026-11-25T13:30:00+01:00';
const plan = (at: string) => PlanVisitInput.parse({ at });

async function planned(w: World) {
  const c = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
  // The welcome SMS went out at registration.
  const { deps } = deliverDeps(w);
  for (const i of await intentsOf(w, c.caseId)) if (i.status === 'queued') await deliverIntent(i, deps);
  valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
  return c;
}

const intentsOf = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents;
const ofTemplate = async (w: World, caseId: string, template: IntentItem['template']) => (await intentsOf(w, caseId)).filter((i) => i.template === template);
const reasons = async (w: World, caseId: string) =>
  (await w.repos.cases.view(caseId))!.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason);

/** The deliver function, with `meanwhile` run once, after its next claim took: the move's cancelling then finds that intent `sending` and leaves it. */
function claimThen(w: World, meanwhile: () => Promise<unknown>) {
  const intents = w.repos.intents;
  const claim = intents.claim.bind(intents);
  intents.claim = async (...args) => {
    const out = await claim(...args);
    if (out.claimed) {
      intents.claim = claim;
      await meanwhile();
    }
    return out;
  };
  return deliverDeps(w);
}

/** Every queued intent of the case delivered, as the stream hands them over. */
async function deliverQueued(w: World, caseId: string, deps: ReturnType<typeof deliverDeps>['deps']) {
  for (const i of await intentsOf(w, caseId)) if (i.status === 'queued') await deliverIntent(i, deps);
}

function calendarOf(m: EmailMessage) {
  const ics = m.attachments!.find((a) => a.contentType.startsWith('text/calendar'))!;
  const event = new ICAL.Component(ICAL.parse(String(ics.content)));
  return { method: event.getFirstPropertyValue('method'), sequence: Number(event.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')), to: m.to[0] };
}

describe("a notice of the home visit's plan whose version is no longer the plan", () => {
  it('an invitation claimed as the visit is moved is not sent (VisitMoved); the offices get the new version only, the family one SMS of the new time', async () => {
    const w = world();
    const c = await planned(w);
    const [first] = await ofTemplate(w, c.caseId, 'visit.office.invitation');
    const { deps, email, sms } = claimThen(w, async () => valueOf(await planHomeVisit(c.caseId, plan(WEDNESDAY_1330), w.intake, COORDINATOR)));
    expect(await deliverIntent(first!, deps)).toBe('cancelled');
    expect(email.sent).toEqual([]);

    await deliverQueued(w, c.caseId, deps);
    expect(email.sent.map(calendarOf).map((e) => [e.method, e.sequence])).toEqual([
      ['REQUEST', 1],
      ['REQUEST', 1],
    ]);
    expect(new Set(email.sent.map((m) => m.to[0])).size).toBe(2);
    // The first version's SMS was still unsent: the move replaced it in its write, so the family hears of the new time only.
    expect(sms.sent.map((m) => toGsm7(m.text))).toEqual([expect.stringMatching(/te merkuren, 25\.11\.2026, ne oren 13:30/)]);
    const invitations = await ofTemplate(w, c.caseId, 'visit.office.invitation');
    expect(invitations.map((i) => [i.sourceId, i.status])).toEqual([
      [`${c.caseId}#homevisit#0`, 'cancelled'],
      [`${c.caseId}#homevisit#0`, 'cancelled'],
      [`${c.caseId}#homevisit#1`, 'sent'],
      [`${c.caseId}#homevisit#1`, 'sent'],
    ]);
    // The claimed one by delivery's check, the other by the move's cancelling; nothing failed, nobody asked to act.
    expect(await reasons(w, c.caseId)).toEqual(['VisitMoved']);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
    expect((await intentsOf(w, c.caseId)).filter((i) => i.template === 'followup.coordinator')).toEqual([]);
  });

  it("the move's function dies after its write, before cancelling: the older invitations still queued are not sent either", async () => {
    const w = world();
    const c = await planned(w);
    const dies: TimerRepository = Object.assign(Object.create(w.repos.timers) as TimerRepository, {
      cancelPending: async () => {
        throw Object.assign(new Error('the sandbox died'), { name: 'Runtime.ExitError' });
      },
    });
    await expect(planHomeVisit(c.caseId, plan(WEDNESDAY_1330), { ...w.intake, timers: dies }, COORDINATOR)).rejects.toThrow('the sandbox died');
    expect((await w.repos.cases.get(c.caseId))?.homeVisitPlan).toMatchObject({ sequence: 1, status: 'planned' });
    expect((await ofTemplate(w, c.caseId, 'visit.office.invitation')).map((i) => i.status)).toEqual(['queued', 'queued', 'queued', 'queued']);

    const { deps, email } = deliverDeps(w);
    await deliverQueued(w, c.caseId, deps);
    expect(email.sent.map(calendarOf).map((e) => e.sequence)).toEqual([1, 1]);
    expect(await reasons(w, c.caseId)).toEqual(['VisitMoved', 'VisitMoved']);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it("an invitation claimed as the visit is called off is not sent (VisitCalledOff); never invited, neither office gets the calendar's cancellation", async () => {
    const w = world();
    const c = await planned(w);
    const [first] = await ofTemplate(w, c.caseId, 'visit.office.invitation');
    const { deps, email, sms } = claimThen(w, async () => valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR)));
    expect(await deliverIntent(first!, deps)).toBe('cancelled');
    await deliverQueued(w, c.caseId, deps);
    expect(email.sent).toEqual([]);
    // Never told of the visit (its SMS was replaced unsent), the family is not told it is off.
    expect(sms.sent).toEqual([]);
    expect((await ofTemplate(w, c.caseId, 'visit.office.cancelled')).map((i) => i.status)).toEqual(['cancelled', 'cancelled']);
    expect(await reasons(w, c.caseId)).toEqual(['VisitCalledOff', 'OfficeNeverInvited', 'OfficeNeverInvited']);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
    expect((await intentsOf(w, c.caseId)).filter((i) => i.template === 'followup.coordinator')).toEqual([]);
  });

  it("the family's SMS claimed as the visit is recorded is not sent (VisitRecorded): the visit took place", async () => {
    const w = world();
    const c = await planned(w);
    const [family] = await ofTemplate(w, c.caseId, 'visit.returnee.planned');
    expect(family).toMatchObject({ status: 'queued' });
    const { deps, sms } = claimThen(w, async () => valueOf(await recordHomeVisit(c.caseId, undefined, w.intake)));
    expect(await deliverIntent(family!, deps)).toBe('cancelled');
    expect(sms.sent).toEqual([]);
    expect(await reasons(w, c.caseId)).toEqual(['VisitRecorded']);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });
});

/**
 * The calendar's cancellation of the home visit (CANCEL) goes only to an office that was sent an
 * invitation of the visit, of any version, or is being sent one as it is called off (visit-plan.ts,
 * invitedNotYet); to the others it ends `cancelled` (OfficeNeverInvited), nothing for anyone to act on.
 */
describe("the calendar's cancellation of the home visit", () => {
  const QPS = 'qps@obiliq.example.org';
  const DRPR = 'drpr.obiliq@mpb.example.org';
  const cancelsOf = (w: World, caseId: string) => ofTemplate(w, caseId, 'visit.office.cancelled');
  const to = (recipient: string) => (i: IntentItem) => i.recipient === recipient;

  it('goes to the office invited to an earlier version only: not to the one whose every invitation was superseded unsent', async () => {
    const w = world();
    const c = await planned(w);
    const { deps, email } = deliverDeps(w);
    // Only the social work centre's invitation goes before the visit is moved; the move cancels DRPR's.
    expect(await deliverIntent((await ofTemplate(w, c.caseId, 'visit.office.invitation')).find(to(QPS))!, deps)).toBe('sent');
    valueOf(await planHomeVisit(c.caseId, plan(WEDNESDAY_1330), w.intake, COORDINATOR));
    // Called off before the new version's invitations went.
    valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR));
    await deliverQueued(w, c.caseId, deps);
    expect(email.sent.map((m) => [m.to[0], calendarOf(m).method, calendarOf(m).sequence])).toEqual([
      [QPS, 'REQUEST', 0],
      [QPS, 'CANCEL', 2],
    ]);
    expect((await cancelsOf(w, c.caseId)).map((i) => [i.recipient, i.status]).sort()).toEqual([
      [DRPR, 'cancelled'],
      [QPS, 'sent'],
    ]);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it('planned again after a call-off is a new visit: called off before its invitations went, no office gets a second cancellation', async () => {
    const w = world();
    const c = await planned(w);
    const { deps, email } = deliverDeps(w);
    await deliverQueued(w, c.caseId, deps); // both offices invited to version 0
    valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR));
    await deliverQueued(w, c.caseId, deps); // and both told it is off (version 1)
    valueOf(await planHomeVisit(c.caseId, plan(WEDNESDAY_1330), w.intake, COORDINATOR)); // version 2
    valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR)); // version 3, before version 2's invitations went
    await deliverQueued(w, c.caseId, deps);
    expect(email.sent.map((m) => [m.to[0], calendarOf(m).method, calendarOf(m).sequence]).sort()).toEqual([
      [DRPR, 'CANCEL', 1],
      [DRPR, 'REQUEST', 0],
      [QPS, 'CANCEL', 1],
      [QPS, 'REQUEST', 0],
    ]);
    expect((await reasons(w, c.caseId)).filter((r) => r === 'OfficeNeverInvited')).toHaveLength(2);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it('closing the case before any invitation went: no cancellation to either office', async () => {
    const w = world();
    const c = await planned(w);
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    const { deps, email } = deliverDeps(w);
    await deliverQueued(w, c.caseId, deps);
    expect(email.sent).toEqual([]);
    expect((await cancelsOf(w, c.caseId)).map((i) => i.status)).toEqual(['cancelled', 'cancelled']);
    expect((await reasons(w, c.caseId)).filter((r) => r === 'OfficeNeverInvited')).toHaveLength(2);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it.each([
    ['sent: the cancellation follows it', 'sent', 1],
    ['stopped by its last check: no cancellation', 'cancelled', 0],
  ] as const)('called off while an invitation is being sent waits for that attempt (InvitationInFlight), then goes as it ended: %s', async (_, ending, cancels) => {
    const w = world();
    const c = await planned(w);
    const invitation = (await ofTemplate(w, c.caseId, 'visit.office.invitation')).find(to(QPS))!;
    const lease = Math.floor(w.clock.now().getTime() / 1000) + 60;
    const claim = await w.repos.intents.claim(invitation, lease, w.clock.now().toISOString());
    if (!claim.claimed) throw new Error('not claimed');
    valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR));
    const { deps, email } = deliverDeps(w);
    const cancel = async () => (await cancelsOf(w, c.caseId)).find(to(QPS))!;
    expect(await deliverIntent(await cancel(), deps)).toBe('retry-scheduled');
    expect(await cancel()).toMatchObject({ status: 'deferred', lastError: 'InvitationInFlight' });
    if (ending === 'sent') await w.repos.intents.markSent(claim.intent, lease, { providerMessageId: 'ses-1', sentAt: w.clock.now().toISOString() });
    else await w.repos.intents.markCancelled(claim.intent, lease, 'VisitCalledOff', w.clock.now().toISOString());
    // The retry, released by the sweep.
    w.clock.set(new Date(w.clock.now().getTime() + 3_600_000).toISOString());
    expect(await w.repos.timers.release(await cancel(), w.clock.now().toISOString())).toBe(true);
    expect(await deliverIntent(await cancel(), deps)).toBe(ending);
    expect(email.sent.map((m) => [m.to[0], calendarOf(m).method])).toEqual(cancels ? [[QPS, 'CANCEL']] : []);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it('called off while an invitation is `sending` past its lease (its attempt died, and may have sent it): the cancellation goes at once', async () => {
    const w = world();
    const c = await planned(w);
    const invitation = (await ofTemplate(w, c.caseId, 'visit.office.invitation')).find(to(QPS))!;
    const claim = await w.repos.intents.claim(invitation, Math.floor(w.clock.now().getTime() / 1000) + 60, w.clock.now().toISOString());
    expect(claim.claimed).toBe(true);
    w.clock.set(new Date(w.clock.now().getTime() + 120_000).toISOString());
    valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR));
    const { deps, email } = deliverDeps(w);
    expect(await deliverIntent((await cancelsOf(w, c.caseId)).find(to(QPS))!, deps)).toBe('sent');
    expect(email.sent.map((m) => [m.to[0], calendarOf(m).method])).toEqual([[QPS, 'CANCEL']]);
  });
});
