import { describe, expect, it } from 'vitest';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { createAppointment } from '../../../shared/referrals/lifecycle.js';
import { recordOfficeAnswer } from '../../../shared/referrals/record-answer.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { intentItem, type IntentItem } from '../../../shared/store/intent.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { arrival, COORDINATOR, deliverDeps, routeDeps, sweepDeps, valueOf, world, type World } from '../support/world.js';

/**
 * The deliver function's last line: an SMS to the family or an office's email about a referral
 * whose case was closed after it was queued (its record raced the cancelling that closing does,
 * or that cancelling failed) is not sent. It ends `cancelled`, on record, in no one's call-or-visit
 * list and with no email to the coordinator: nothing failed.
 */

/** A case with a referral routed through the intents' stream: its welcome SMS, office email and family SMS queued. */
async function queued(w: World) {
  const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
  const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
  await routeReferral(r, routeDeps(w));
  const intents = (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.status === 'queued');
  return { c, r, intents };
}

/** Closed as the first of closing's two writes leaves it: what was queued is still queued. */
const closedOnly = (w: World, caseId: string) => w.repos.cases.close(caseId, w.clock.now().toISOString(), COORDINATOR);

describe('delivering for a case closed since the intent was queued', () => {
  it('sends no SMS and no office email; each ends cancelled, not failed, with no follow-up', async () => {
    const w = world();
    const { c, r, intents } = await queued(w);
    expect(intents.map((i) => i.template).sort()).toEqual(['case.returnee.welcome', 'referral.office.email', 'referral.returnee.sms']);
    expect(await closedOnly(w, c.caseId)).toBe(true);
    const { deps, email, sms } = deliverDeps(w);
    // The family's two SMS go as one message: the first attempt decides for both.
    const outcomes = [];
    for (const i of intents) outcomes.push(await deliverIntent(i, deps));
    expect(outcomes.sort()).toEqual(['already-done', 'cancelled', 'cancelled']);
    expect([email.sent.length, sms.sent.length]).toEqual([0, 0]);
    const after = (await w.repos.cases.view(c.caseId))!;
    const mine = (i: IntentItem) => intents.some((q) => q.intentId === i.intentId);
    expect(after.intents.filter(mine).map((i) => i.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(after.intents.filter((i) => i.template === 'followup.coordinator')).toEqual([]);
    expect(after.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['CaseClosed', 'CaseClosed', 'CaseClosed']);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
    expect((await w.repos.referrals.get(c.caseId, r.referralId))?.status).toBe('created');
    // The records again (the stream's retry): nothing.
    for (const i of intents) expect(await deliverIntent(i, deps)).toBe('already-done');
    expect([email.sent.length, sms.sent.length]).toEqual([0, 0]);
  });

  it("sends no office email about a referral cancelled since it was queued (the cancelling's second write lost the race)", async () => {
    const w = world();
    const { c, r, intents } = await queued(w);
    expect(await w.repos.referrals.cancel(c.caseId, r.referralId, 'made by mistake', w.clock.now().toISOString(), COORDINATOR)).toBe(true);
    const { deps, email } = deliverDeps(w);
    const office = intents.find((i) => i.template === 'referral.office.email')!;
    expect(await deliverIntent(office, deps)).toBe('cancelled');
    expect(email.sent).toEqual([]);
    expect(await w.repos.intents.get(office)).toMatchObject({ status: 'cancelled' });
    expect((await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['ReferralCancelled']);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it('sends no office email about a referral the office answered by phone (recorded) since it was queued', async () => {
    const w = world();
    const { c, r, intents } = await queued(w);
    valueOf(await recordOfficeAnswer(c.caseId, r.referralId, { answer: 'decline', reason: 'lack_of_capacity' }, w.intake, COORDINATOR, undefined));
    const { deps, email } = deliverDeps(w);
    const office = intents.find((i) => i.template === 'referral.office.email')!;
    expect(await deliverIntent(office, deps)).toBe('cancelled');
    expect(email.sent).toEqual([]);
    expect((await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['ReferralAnswered']);
  });

  it("a closed case's reminder too late for its words ends cancelled (CaseClosed), not failed Stale: no follow-up, in no list", async () => {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
    const { deps, sms } = deliverDeps(w);
    for (const i of (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
    sms.sent.length = 0;
    // Wednesday 2 December 2026, 10:00 in Kosovo: its evening reminder is queued at 18:00 the day before.
    valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: '2026-12-02T09:00:00.000Z', title: 'Civil registry', where: 'Town hall' }, w.intake));
    w.clock.set('2026-12-01T17:02:00.000Z');
    await sweepTimers(sweepDeps(w));
    const evening = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.template === 'appointment.returnee.evening')!;
    expect(evening).toMatchObject({ status: 'queued' });
    expect(await closedOnly(w, c.caseId)).toBe(true);
    // Its record comes at 20:30 (a backlog): too late for "tomorrow", and the case closed meanwhile.
    w.clock.set('2026-12-01T19:30:00.000Z');
    expect(await deliverIntent(evening, deps)).toBe('cancelled');
    expect(sms.sent).toEqual([]);
    const after = (await w.repos.cases.view(c.caseId))!;
    expect(after.intents.find((i) => i.intentId === evening.intentId)).toMatchObject({ status: 'cancelled' });
    expect(after.intents.filter((i) => i.template === 'followup.coordinator')).toEqual([]);
    expect(after.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['CaseClosed']);
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it("a closed case's SMS that cannot render ends cancelled (CaseClosed); on an open case it fails, RenderError", async () => {
    for (const closed of [true, false]) {
      const w = world();
      const { c, intents } = await queued(w);
      const { deps, sms } = deliverDeps(w);
      for (const i of intents) await deliverIntent(i, deps);
      sms.sent.length = 0;
      const welcome = intents.find((i) => i.template === 'case.returnee.welcome')!;
      const { pk: _pk, sk: _sk, type: _type, ...fields } = welcome;
      const broken = intentItem({ caseId: c.caseId }, { ...fields, intentId: `${welcome.intentId}#broken`, status: 'queued', attempts: 0, data: {} });
      expect(await w.repos.intents.putIfAbsent(broken)).toBe(true);
      if (closed) expect(await closedOnly(w, c.caseId)).toBe(true);
      expect(await deliverIntent(broken, deps)).toBe(closed ? 'cancelled' : 'failed');
      expect(sms.sent).toEqual([]);
      const after = (await w.repos.cases.view(c.caseId))!;
      expect(after.intents.find((i) => i.intentId === broken.intentId)).toMatchObject(closed ? { status: 'cancelled' } : { status: 'failed', failure: { code: 'RenderError' } });
      expect(after.intents.filter((i) => i.template === 'followup.coordinator')).toHaveLength(closed ? 0 : 1);
    }
  });

  it('while the case is open, the same intents go out', async () => {
    const w = world();
    const { intents } = await queued(w);
    const { deps, email, sms } = deliverDeps(w);
    for (const i of intents) await deliverIntent(i, deps);
    expect([email.sent.length, sms.sent.length]).toEqual([1, 1]);
  });
});
