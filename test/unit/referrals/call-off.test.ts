import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { PlanVisitInput, type CreateReferralInput } from '../../../shared/domain/case.js';
import { cancelHomeVisit, planHomeVisit, visitUid } from '../../../shared/referrals/home-visit.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { cancelReferral, closeCase } from '../../../shared/referrals/lifecycle.js';
import { reactToAnswer } from '../../../shared/referrals/react-to-answer.js';
import { recordOfficeAnswer } from '../../../shared/referrals/record-answer.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { arrival, COORDINATOR, DeliveryError, deliverDeps, onceBefore, routed, routeDeps, sweepDeps, valueOf, whileSending, world, type World } from '../support/world.js';

/**
 * What the offices (and the family) hear when what they were told of is called off: a referral
 * cancelled, or still open when its case closed (referral.office.withdrawn), and a planned joint
 * home visit called off (the calendar's cancellation to the invitees, an SMS to a family that was
 * told of it). Through the outbox, once; nothing to whoever never heard of it.
 */

const intentsOf = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents;
const withdrawnOf = async (w: World, caseId: string) => (await intentsOf(w, caseId)).filter((i) => i.template === 'referral.office.withdrawn');

/** Delivers every queued intent of the case, as the stream would hand them over. */
async function deliverAll(w: World, caseId: string, d = deliverDeps(w)) {
  for (const i of await intentsOf(w, caseId)) if (i.status === 'queued') await deliverIntent(i, d.deps);
  return d;
}

/** A referral routed and its office's email sent (the welcome SMS went out before). */
async function sentReferral(w: World, referral?: CreateReferralInput) {
  const out = await routed(w, referral ? { referral } : {});
  expect(await deliverIntent(out.email, deliverDeps(w).deps)).toBe('sent');
  return out;
}

describe('an office told its referral is withdrawn', () => {
  it('cancelled after its email went out: one short email in its language, naming the case and the need, no person, no answer links', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    valueOf(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR));
    const [notice, ...more] = await withdrawnOf(w, c.caseId);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ status: 'queued', channel: 'email', recipient: 'gjendja-civile@obiliq.example.org', languages: ['sq'], referralId: r.referralId });
    const { email } = await deliverAll(w, c.caseId);
    expect(email.sent).toHaveLength(1);
    const m = email.sent[0]!;
    expect(m.to).toEqual(['gjendja-civile@obiliq.example.org']);
    expect(m.subject).toMatch(/^U tërhoq referimi nga .*— rasti SMR-2026-0142$/);
    expect(m.text).toContain('SMR-2026-0142');
    expect(m.text).toMatch(/Nevoja: .+/);
    expect(m.text).toContain('nuk funksionojnë më');
    expect(m.text).toContain('+383');
    // The household's names (the coordinator is Drita Berisha): none.
    expect(m.text + m.html).not.toMatch(/Krasniqi|Bekim|Arta|Leon|https?:\/\/links/);
    // Retried by the client: the referral is cancelled already; nothing is written or sent twice.
    expect(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR)).toMatchObject({ ok: true });
    expect(await withdrawnOf(w, c.caseId)).toMatchObject([{ status: 'sent' }]);
    await deliverIntent(notice!, deliverDeps(w).deps);
    expect(email.sent).toHaveLength(1);
  });

  it('keeps a sensitive need out of the subject, as the referral email does', async () => {
    const w = world();
    const { c, r } = await sentReferral(w, { officeKind: 'health', need: 'health_care' });
    valueOf(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR));
    const { email } = await deliverAll(w, c.caseId);
    const m = email.sent.find((x) => x.subject.includes('tërhoq'))!;
    expect(m.subject).toMatch(/^U tërhoq referimi nga [^:]+ — rasti SMR-2026-0142$/);
  });

  it('says nothing to an office that never got the referral: its email cancelled unsent', async () => {
    const w = world();
    const { c, r, email: officeEmail } = await routed(w);
    expect(officeEmail.status).toBe('queued');
    valueOf(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR));
    expect(await withdrawnOf(w, c.caseId)).toEqual([]);
    const { email } = await deliverAll(w, c.caseId);
    expect(email.sent).toEqual([]);
  });

  it('says nothing of a waiting referral (never sent) when its case closes', async () => {
    const w = world();
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
    const first = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    await routeReferral(first, routeDeps(w));
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    expect(await withdrawnOf(w, c.caseId)).toEqual([]);
  });

  it('closing the case: the office of a referral sent, and of one accepted and awaiting its outcome, each hear once', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    const accepted = valueOf(await createReferral(c.caseId, { officeKind: 'employment_office', need: 'job_seeker_registration' }, w.intake));
    await routeReferral(accepted, routeDeps(w));
    valueOf(await recordOfficeAnswer(c.caseId, accepted.referralId, { answer: 'accept' }, w.intake, COORDINATOR, undefined));
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    // Closed again (a client's retry): the notices are neither written twice nor cancelled.
    await closeCase(c.caseId, w.intake, COORDINATOR);
    const notices = await withdrawnOf(w, c.caseId);
    expect(notices.map((i) => [i.referralId, i.status]).sort()).toEqual([[accepted.referralId, 'queued'], [r.referralId, 'queued']].sort());
    const { email } = await deliverAll(w, c.caseId);
    expect(email.sent.map((m) => m.to[0]).sort()).toEqual(['gjendja-civile@obiliq.example.org', 'punesimi@obiliq.example.org']);
  });

  it('withdrawn after the office accepted it: the office hears once, also when the request is retried, and the family\'s SMS waiting for the morning is dropped', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    // Accepted in the evening: the family's "accepted" SMS waits for the morning.
    w.clock.set('2026-11-23T20:30:00.000Z');
    valueOf(await recordOfficeAnswer(c.caseId, r.referralId, { answer: 'accept' }, w.intake, COORDINATOR, undefined));
    await reactToAnswer((await w.repos.referrals.get(c.caseId, r.referralId))!, { ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });
    const accepted = (await intentsOf(w, c.caseId)).find((i) => i.template === 'referral.returnee.accepted')!;
    expect(accepted.status).toBe('deferred');

    expect(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'cancelled', cancelReason: 'no_longer_needed', answeredAt: expect.any(String) });
    expect((await intentsOf(w, c.caseId)).find((i) => i.intentId === accepted.intentId)?.status).toBe('cancelled');
    // Retried after a lost answer: the same answer, nothing written twice.
    expect(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR)).toEqual({ ok: true, value: { status: 'cancelled' } });
    const { email } = await deliverAll(w, c.caseId);
    expect(email.sent.map((m) => [m.to[0], m.subject.slice(0, 21)])).toEqual([['gjendja-civile@obiliq.example.org', 'U tërhoq referimi nga']]);
    // No escalation went to the head of the office: nothing to them.
    expect((await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'referral.withdrawn.head')).toEqual([]);
  });

  it('an office whose outcome came back has nothing to withdraw: refused, nothing written', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    valueOf(await recordOfficeAnswer(c.caseId, r.referralId, { answer: 'accept' }, w.intake, COORDINATOR, undefined));
    valueOf(await recordOfficeAnswer(c.caseId, r.referralId, { answer: 'outcome', outcome: 'done' }, w.intake, COORDINATOR, undefined));
    expect(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'completed' });
    expect(await withdrawnOf(w, c.caseId)).toEqual([]);
  });

  it('the head of the office, asked by the escalation, hears of the withdrawal too: once, in the office\'s language, no person named', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    // Nobody acknowledges: the office's reminder, then the escalation to its head, both sent.
    for (const at of ['2026-12-01T08:01:00.000Z', '2026-12-04T08:01:00.000Z']) {
      w.clock.set(at);
      await sweepTimers(sweepDeps(w));
      await deliverAll(w, c.caseId);
    }
    expect((await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'referral.escalation').map((i) => [i.recipient, i.status])).toEqual([['shefi.gjendja-civile@obiliq.example.org', 'sent']]);
    // Then the office accepts, and later the family moves away.
    valueOf(await recordOfficeAnswer(c.caseId, r.referralId, { answer: 'accept' }, w.intake, COORDINATOR, undefined));
    valueOf(await cancelReferral(c.caseId, r.referralId, 'other', w.intake, COORDINATOR));
    valueOf(await cancelReferral(c.caseId, r.referralId, 'other', w.intake, COORDINATOR));
    const { email } = await deliverAll(w, c.caseId);
    expect(email.sent.map((m) => m.to[0]).sort()).toEqual(['gjendja-civile@obiliq.example.org', 'shefi.gjendja-civile@obiliq.example.org']);
    const toHead = email.sent.find((m) => m.to[0]!.startsWith('shefi'))!;
    expect(toHead.subject).toMatch(/^U tërhoq referimi nga .*— rasti SMR-2026-0142$/);
    expect(toHead.text).toContain('Ju shkruam më parë sepse zyra juaj ende nuk e kishte konfirmuar');
    expect(toHead.text + toHead.html).not.toMatch(/Krasniqi|Bekim|Arta|Leon|https?:\/\/links/);
    // Closing the case later writes neither notice again.
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    expect((await deliverAll(w, c.caseId)).email.sent).toEqual([]);
    expect((await intentsOf(w, c.caseId)).filter((i) => i.sourceId === `${r.referralId}#calloff`).map((i) => [i.purpose, i.status]).sort()).toEqual([['referral.withdrawn', 'sent'], ['referral.withdrawn.head', 'sent']]);
  });

  it('cancelled while the escalation to the head was being sent: the head\'s notice held until that attempt ends, then sent or dropped as it ended (review RV-H)', async () => {
    for (const ending of ['sent', 'cancelled'] as const) {
      const w = world();
      const { c, r } = await sentReferral(w);
      w.clock.set('2026-12-01T08:01:00.000Z');
      await sweepTimers(sweepDeps(w));
      await deliverAll(w, c.caseId);
      w.clock.set('2026-12-04T08:01:00.000Z');
      await sweepTimers(sweepDeps(w));
      const escalation = (await intentsOf(w, c.caseId)).find((i) => i.purpose === 'referral.escalation')!;
      const lease = Math.floor(w.clock.now().getTime() / 1000) + 60;
      const claim = await w.repos.intents.claim(escalation, lease, w.clock.now().toISOString());
      expect(claim.claimed).toBe(true);
      valueOf(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR));
      const headNotice = async () => (await intentsOf(w, c.caseId)).find((i) => i.template === 'referral.head.withdrawn')!;
      const d = deliverDeps(w);
      expect(await deliverIntent(await headNotice(), d.deps), ending).toBe('retry-scheduled');
      expect((await headNotice()).lastError).toBe('EscalationInFlight');
      const sending = claim.claimed ? claim.intent : escalation;
      if (ending === 'sent') await w.repos.intents.markSent(sending, lease, { providerMessageId: 'ses-2', sentAt: w.clock.now().toISOString() });
      else await w.repos.intents.markCancelled(sending, lease, 'ReferralCancelled', w.clock.now().toISOString());
      w.clock.set(new Date(w.clock.now().getTime() + 3_600_000).toISOString());
      expect(await w.repos.timers.release(await headNotice(), w.clock.now().toISOString())).toBe(true);
      const outcome = await deliverIntent(await headNotice(), d.deps);
      expect([outcome, d.email.sent.filter((m) => m.to[0]!.startsWith('shefi')).length], ending).toEqual(ending === 'sent' ? ['sent', 1] : ['cancelled', 0]);
      if (ending === 'cancelled') {
        const notice = await headNotice();
        const audit = (await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'notification.cancelled' && a.subjectId === notice.intentId);
        expect(audit.map((a) => a.detail?.reason)).toEqual(['HeadNeverTold']);
      }
    }
  });

  it('cancelled while its office email was being sent: held until that attempt ends, then sent or dropped as it ended', async () => {
    for (const ending of ['sent', 'cancelled'] as const) {
      const w = world();
      const { c, r, email: officeEmail } = await routed(w);
      // The office email claimed (sending) when the cancel comes.
      const lease = Math.floor(w.clock.now().getTime() / 1000) + 60;
      const claim = await w.repos.intents.claim(officeEmail, lease, w.clock.now().toISOString());
      expect(claim.claimed).toBe(true);
      valueOf(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR));
      const [notice] = await withdrawnOf(w, c.caseId);
      const d = deliverDeps(w);
      expect(await deliverIntent(notice!, d.deps), ending).toBe('retry-scheduled');
      expect(d.email.sent).toEqual([]);
      const sending = claim.claimed ? claim.intent : officeEmail;
      if (ending === 'sent') await w.repos.intents.markSent(sending, lease, { providerMessageId: 'ses-1', sentAt: w.clock.now().toISOString() });
      else await w.repos.intents.markCancelled(sending, lease, 'ReferralCancelled', w.clock.now().toISOString());
      // The retry, released by the sweep.
      w.clock.set(new Date(w.clock.now().getTime() + 3_600_000).toISOString());
      const retry = (await withdrawnOf(w, c.caseId))[0]!;
      expect(retry.status).toBe('deferred');
      expect(await w.repos.timers.release(retry, w.clock.now().toISOString())).toBe(true);
      const outcome = await deliverIntent((await withdrawnOf(w, c.caseId))[0]!, d.deps);
      expect([outcome, d.email.sent.length], ending).toEqual(ending === 'sent' ? ['sent', 1] : ['cancelled', 0]);
    }
  });

  it("closing the case as its office email is claimed, after the close read the case: the office still hears, decided on what the claim left", async () => {
    const w = world();
    const { c, r, email: officeEmail } = await routed(w);
    expect(officeEmail.status).toBe('queued');
    // Delivery claims the email between the close's one read of the closed case and its cancelling.
    const real = w.intake.cases;
    let claimed = false;
    const cases = Object.assign(Object.create(real) as typeof real, {
      view: async (caseId: string) => {
        const read = await real.view(caseId);
        if (!claimed && read?.case.status === 'closed') {
          claimed = true;
          const claim = await w.repos.intents.claim(officeEmail, Math.floor(w.clock.now().getTime() / 1000) + 60, w.clock.now().toISOString());
          expect(claim.claimed).toBe(true);
        }
        return read;
      },
    });
    valueOf(await closeCase(c.caseId, { ...w.intake, cases }, COORDINATOR));
    expect((await intentsOf(w, c.caseId)).find((i) => i.intentId === officeEmail.intentId)?.status).toBe('sending');
    // The email may reach the office: it is told of the withdrawal (delivery holds it until that attempt ends).
    expect((await withdrawnOf(w, c.caseId)).map((i) => i.referralId)).toEqual([r.referralId]);
  });
});

/** Tuesday 24 November 2026, 10:00 in Kosovo (the world's clock is Monday 10:00). */
const TUESDAY_10 = '2026-11-24T10:00:00+01:00';
const plan = (at: string) => PlanVisitInput.parse({ at });

function calendarOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return { method: calendar.getFirstPropertyValue('method'), uid: event.getFirstPropertyValue('uid'), sequence: Number(event.getFirstPropertyValue('sequence')), status: event.getFirstPropertyValue('status') };
}

describe('calling off the joint home visit', () => {
  it('sends each invitee the calendar cancellation and tells the family that was told of it; the plan is cancelled', async () => {
    const w = world();
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    await deliverAll(w, c.caseId);
    const out = valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR));
    expect(out).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect((await w.repos.cases.get(c.caseId))?.homeVisitPlan).toMatchObject({ status: 'cancelled', sequence: 1 });
    const { email, sms } = await deliverAll(w, c.caseId);
    expect(email.sent.map((m) => m.to[0]).sort()).toEqual(['drpr.obiliq@mpb.example.org', 'qps@obiliq.example.org']);
    for (const m of email.sent) {
      const ics = m.attachments!.find((a) => a.contentType.startsWith('text/calendar'))!;
      expect(ics.contentType).toBe('text/calendar; charset=UTF-8; method=CANCEL');
      expect(calendarOf(String(ics.content))).toEqual({ method: 'CANCEL', uid: visitUid(c.caseId), sequence: 1, status: 'CANCELLED' });
      expect(m.subject).toMatch(/^Anulim: vizita e përbashkët në shtëpi më 24\.11\.2026 në orën 10:00 — rasti SMR-2026-0142( \/ |$)/);
      expect(m.text).not.toMatch(/Krasniqi|Bekim/);
    }
    expect(sms.sent.map((m) => m.text)).toEqual([expect.stringMatching(/te marten, 24\.11\.2026, ne oren 10:00, u anulua/)]);
    // Called off again (a retry): nothing new.
    const before = await intentsOf(w, c.caseId);
    valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR));
    expect(await intentsOf(w, c.caseId)).toEqual(before);
    // Planned again: a new invitation, not a move.
    valueOf(await planHomeVisit(c.caseId, plan('2026-11-25T10:00:00+01:00'), w.intake, COORDINATOR));
    const family = (await intentsOf(w, c.caseId)).filter((i: IntentItem) => i.purpose === 'visit.family' && i.status === 'queued');
    expect(family.map((i) => i.template)).toEqual(['visit.returnee.planned']);
  });

  it('sends the family nothing when its SMS about the visit was still waiting for the morning (and cancels that)', async () => {
    const w = world(new Date('2026-11-23T19:30:00Z')); // 20:30 in Kosovo
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    await deliverAll(w, c.caseId);
    valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR));
    const family = (await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'visit.family');
    expect(family.map((i) => [i.template, i.status])).toEqual([['visit.returnee.planned', 'cancelled']]);
    expect((await intentsOf(w, c.caseId)).filter((i) => i.template === 'visit.office.cancelled')).toHaveLength(2);
  });

  it('is refused when no visit is planned', async () => {
    const w = world();
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
    expect(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });

  it('closing the case calls it off: the invitees get the cancellation, the family no SMS', async () => {
    const w = world();
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    await deliverAll(w, c.caseId);
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    await closeCase(c.caseId, w.intake, COORDINATOR);
    const { email, sms } = await deliverAll(w, c.caseId);
    expect(email.sent.map((m) => [m.to[0], calendarOf(String(m.attachments![0]!.content)).method]).sort()).toEqual([
      ['drpr.obiliq@mpb.example.org', 'CANCEL'],
      ['qps@obiliq.example.org', 'CANCEL'],
    ]);
    expect(sms.sent).toEqual([]);
  });
});

/**
 * The home visit moved or called off while the family's last SMS about it is on its way: as an
 * appointment (known-time.ts), the change starts from the time the family knows, the SMS it
 * replaces is cancelled in its write only while unsent, and while that SMS is with the provider
 * the change waits (409).
 */
describe("the home visit changed while the family's last SMS about it is on its way", () => {
  const WEDNESDAY_10 = '2026-11-25T10:00:00+01:00';
  const THURSDAY_10 = '2026-11-26T10:00:00+01:00';
  const familyOf = async (w: World, caseId: string) => (await intentsOf(w, caseId)).filter((i) => i.purpose === 'visit.family');

  /** Told of Tuesday 10:00; moved at 20:30 to Wednesday, that SMS held for 08:00; and, with `released`, the morning come. */
  async function heldMove(released: boolean) {
    const w = world();
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
    // The welcome goes at once, as the stream hands it over, before the visit is planned.
    const d = await deliverAll(w, c.caseId);
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    await deliverAll(w, c.caseId, d);
    w.clock.set('2026-11-23T19:30:00.000Z');
    valueOf(await planHomeVisit(c.caseId, plan(WEDNESDAY_10), w.intake, COORDINATOR));
    if (released) {
      w.clock.set('2026-11-24T07:00:00.000Z');
      await sweepTimers(sweepDeps(w));
    }
    expect((await familyOf(w, c.caseId)).map((i) => i.status)).toEqual(['sent', released ? 'queued' : 'deferred']);
    return { w, c, d };
  }

  it('a move back to the time the family knows says nothing, and the held SMS never goes', async () => {
    const { w, c } = await heldMove(false);
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    expect((await familyOf(w, c.caseId)).map((i) => [i.template, i.status])).toEqual([
      ['visit.returnee.planned', 'sent'],
      ['visit.returnee.moved', 'cancelled'],
    ]);
  });

  it('a call-off while the held SMS of the move goes out names the time that SMS gave', async () => {
    const { w, c, d } = await heldMove(true);
    onceBefore(w.intake.cases, 'planHomeVisit', () => deliverAll(w, c.caseId, d));
    valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR));
    await deliverAll(w, c.caseId, d);
    // After the welcome: the first plan, its move, the call-off naming the move's time.
    expect(d.sms.sent.slice(1).map((m) => m.text)).toEqual([
      expect.stringMatching(/te marten, 24\.11\.2026, ne oren 10:00/),
      expect.stringMatching(/u zhvendos.*te merkuren, 25\.11\.2026, ne oren 10:00/),
      expect.stringMatching(/te merkuren, 25\.11\.2026, ne oren 10:00, u anulua/),
    ]);
  });

  it.each([
    ['throttled back: the retry cancels it, and the family hears of Thursday only', [new DeliveryError('throttled', 'ThrottlingException')], ['cancelled', 'sent']],
    ['sent: the retry tells the family of Thursday after it', [], ['sent', 'sent']],
  ])('a move while the held SMS of the last one is being sent waits (409): %s', async (_, failures, statuses) => {
    const { w, c, d } = await heldMove(true);
    let during: unknown;
    whileSending(d.sms, failures, async () => {
      during = await planHomeVisit(c.caseId, plan(THURSDAY_10), w.intake, COORDINATOR);
    });
    await deliverAll(w, c.caseId, d);
    expect(during).toMatchObject({ ok: false, problem: { kind: 'conflict', field: 'at', code: 'sms-being-sent' } });
    expect((await w.repos.cases.get(c.caseId))?.homeVisitPlan).toMatchObject({ sequence: 1, start: '2026-11-25T09:00:00.000Z' });
    w.clock.set('2026-11-24T07:01:00.000Z');
    valueOf(await planHomeVisit(c.caseId, plan(THURSDAY_10), w.intake, COORDINATOR));
    await deliverAll(w, c.caseId, d);
    expect((await familyOf(w, c.caseId)).map((i) => i.status)).toEqual(['sent', ...statuses]);
    expect(d.sms.sent.at(-1)?.text).toMatch(/u zhvendos.*te enjten, 26\.11\.2026, ne oren 10:00/);
  });
});
