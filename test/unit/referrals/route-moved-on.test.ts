import { describe, expect, it } from 'vitest';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { cancelReferral, closeCase } from '../../../shared/referrals/lifecycle.js';
import { recordOfficeAnswer } from '../../../shared/referrals/record-answer.js';
import { routeReferrals, type RouteDeps } from '../../../shared/referrals/route-referral.js';
import type { ReferralItem } from '../../../shared/store/referral.js';
import { arrival, COORDINATOR, deliverDeps, routeDeps, valueOf, world, type World } from '../support/world.js';

/**
 * A referral's stream record may reach route-referrals after the coordinator cancelled it or
 * closed its case (a backlog, a retry, a redrive): routing acts on the table as it is then, not
 * on the record. Nothing is written for it and nothing goes out, with the one hop (the decision's
 * own checks) and without it (the intents' stream); the record ends handled.
 */

async function setUp(oneHop: boolean) {
  const w = world();
  const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
  const out = deliverDeps(w);
  // The welcome SMS out of the way: what is counted below is the referrals'.
  for (const i of (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.status === 'queued')) await deliverIntent(i, out.deps);
  out.sms.sent.length = 0;
  const deps: RouteDeps = { ...routeDeps(w), ...(oneHop ? { deliver: out.deps } : {}) };
  /** Routes the records, then (without the one hop) delivers what routing queued, as the intents' stream would. */
  const route = async (records: ReferralItem[]) => {
    const outcomes = await routeReferrals(records, deps);
    if (!oneHop) for (const i of (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.status === 'queued')) await deliverIntent(i, out.deps);
    return outcomes.map((o) => o.status);
  };
  return { w, c, route, email: out.email, sms: out.sms };
}

/** What was written about the referral: its intents and its ladder. */
async function writtenFor(w: World, caseId: string, referralId: string) {
  const view = (await w.repos.cases.view(caseId))!;
  return [...view.intents.filter((i) => i.referralId === referralId).map((i) => i.template), ...view.timers.filter((t) => t.subjectId === referralId).map((t) => t.kind)];
}

describe.each([
  ['with the one hop', true],
  ['through the intents\' stream', false],
])('routing a referral whose record is older than the table, %s', (_, oneHop) => {
  it('a referral cancelled meanwhile: nothing written, nothing sent', async () => {
    const { w, c, route, email, sms } = await setUp(oneHop);
    const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    valueOf(await cancelReferral(c.caseId, r.referralId, 'made by mistake', w.intake, COORDINATOR));
    expect(await route([r])).toEqual(['fulfilled']);
    expect([email.sent.length, sms.sent.length]).toEqual([0, 0]);
    expect(await writtenFor(w, c.caseId, r.referralId)).toEqual([]);
    // The record again (the stream's retry): still nothing.
    expect(await route([r])).toEqual(['fulfilled']);
    expect(await writtenFor(w, c.caseId, r.referralId)).toEqual([]);
  });

  it('a referral the office answered by phone meanwhile (recorded by the coordinator): nothing written, nothing sent', async () => {
    for (const input of [{ answer: 'decline', reason: 'lack_of_capacity' }, { answer: 'accept' }] as const) {
      const { w, c, route, email, sms } = await setUp(oneHop);
      const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
      valueOf(await recordOfficeAnswer(c.caseId, r.referralId, input, w.intake, COORDINATOR, undefined));
      expect(await route([r])).toEqual(['fulfilled']);
      expect([email.sent.length, sms.sent.length], input.answer).toEqual([0, 0]);
      expect(await writtenFor(w, c.caseId, r.referralId), input.answer).toEqual([]);
    }
  });

  it('a case closed meanwhile: nothing written, nothing sent', async () => {
    const { w, c, route, email, sms } = await setUp(oneHop);
    const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    expect(await route([r])).toEqual(['fulfilled']);
    expect([email.sent.length, sms.sent.length]).toEqual([0, 0]);
    expect(await writtenFor(w, c.caseId, r.referralId)).toEqual([]);
  });

  it('of two referrals of one case, the one still to be sent goes, the cancelled one does not', async () => {
    const { w, c, route, email, sms } = await setUp(oneHop);
    const kept = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    const gone = valueOf(await createReferral(c.caseId, { officeKind: 'social_work_centre', need: 'social_support' }, w.intake));
    valueOf(await cancelReferral(c.caseId, gone.referralId, 'made by mistake', w.intake, COORDINATOR));
    expect(await route([kept, gone])).toEqual(['fulfilled', 'fulfilled']);
    expect(email.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(1);
    expect((await w.repos.referrals.get(c.caseId, kept.referralId))?.status).toBe('sent');
    expect(await writtenFor(w, c.caseId, gone.referralId)).toEqual([]);
    expect(await writtenFor(w, c.caseId, kept.referralId)).toEqual(expect.arrayContaining(['referral.office.email', 'referral.returnee.sms']));
  });

  it("of three referrals of one case, one cancelled: the others' offices get their emails and the family one SMS listing the two", async () => {
    const { w, c, route, email, sms } = await setUp(oneHop);
    const made = [];
    for (const r of [
      { officeKind: 'civil_registry', need: 'civil_documents' },
      { officeKind: 'social_work_centre', need: 'social_support' },
      { officeKind: 'employment_office', need: 'job_seeker_registration' },
    ] as const)
      made.push(valueOf(await createReferral(c.caseId, { ...r }, w.intake)));
    // The first: the one whose SMS was to lead the family's message.
    valueOf(await cancelReferral(c.caseId, made[0]!.referralId, 'made by mistake', w.intake, COORDINATOR));
    expect(await route(made)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(email.sent).toHaveLength(2);
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]!.text).toMatch(/ 1\) .* 2\) /);
    expect(sms.sent[0]!.text).not.toMatch(/ 3\) /);
    expect(await writtenFor(w, c.caseId, made[0]!.referralId)).toEqual([]);
    const texted = (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.template === 'referral.returnee.sms');
    expect(texted.map((i) => i.status)).toEqual(['sent', 'sent']);
    expect(new Set(texted.map((i) => i.providerMessageId)).size).toBe(1);
    // On record as one message: the one that led it, and the other merged into it.
    const leader = texted.find((i) => i.mergedInto === undefined)!;
    expect(texted.filter((i) => i.mergedInto === leader.intentId)).toHaveLength(1);
    // The records again (the stream's retry): nothing more.
    await route(made);
    expect([email.sent.length, sms.sent.length]).toEqual([2, 1]);
  });
});
