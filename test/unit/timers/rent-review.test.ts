import { describe, expect, it } from 'vitest';
import { renderAny } from '../../../shared/messages/index.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { reactToAnswer, type ReactDeps } from '../../../shared/referrals/react-to-answer.js';
import { recordOfficeAnswer } from '../../../shared/referrals/record-answer.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import type { Need, OfficeKind } from '../../../shared/domain/vocabulary.js';
import { arrival, COORDINATOR, MONDAY, routeDeps, sweepDeps, valueOf, world, type World } from '../support/world.js';

/**
 * The review when a rent subsidy's 12 months end (both plans: "siguro banim të qëndrueshëm pas
 * skadimit të qirasë"): once the commission reports the rent provided, the coordinator is asked a
 * month before it runs out to arrange what comes next.
 */

const reactDeps = (w: World): ReactDeps => ({ ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });
const ME = 'obiliq-zkkk-01';

/** A referral answered by phone: accepted, then reported with `outcome`; each change handed to react-to-answers as the stream would. */
async function answered(w: World, officeKind: OfficeKind, need: Need, outcome: 'done' | 'not_done') {
  const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
  const r = valueOf(await createReferral(c.caseId, { officeKind, need }, w.intake));
  await routeReferral(r, routeDeps(w));
  await w.repos.referrals.markSent(c.caseId, r.referralId, MONDAY.toISOString());
  for (const body of [{ answer: 'accept' as const }, { answer: 'outcome' as const, outcome }]) {
    valueOf(await recordOfficeAnswer(c.caseId, r.referralId, body, w.intake, COORDINATOR, ME));
    await reactToAnswer((await w.repos.referrals.get(c.caseId, r.referralId))!, reactDeps(w));
  }
  return { c, r };
}

const reviews = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.timers.filter((t) => t.kind === 'referral.rent_review');

describe('the rent subsidy review', () => {
  it('is planned once when the rent is reported provided: a month before its 12 months end, 09:00 on a working day', async () => {
    const w = world();
    const { c, r } = await answered(w, 'reintegration_commission', 'rent_subsidy', 'done');
    // Provided Monday 23 November 2026: 11 months on is Saturday 23 October 2027, so Monday the 25th, 09:00 CEST.
    expect((await reviews(w, c.caseId)).map((t) => [t.subjectId, t.dueAt, t.status])).toEqual([[r.referralId, '2027-10-25T07:00:00.000Z', 'pending']]);
    // The stream hands the same change again: nothing more.
    await reactToAnswer((await w.repos.referrals.get(c.caseId, r.referralId))!, reactDeps(w));
    expect(await reviews(w, c.caseId)).toHaveLength(1);
  });

  it('is not planned for a rent reported not done, nor for other needs done', async () => {
    const w = world();
    const notDone = await answered(w, 'reintegration_commission', 'rent_subsidy', 'not_done');
    expect(await reviews(w, notDone.c.caseId)).toEqual([]);
    const w2 = world();
    const housing = await answered(w2, 'reintegration_commission', 'housing_reconstruction', 'done');
    expect(await reviews(w2, housing.c.caseId)).toEqual([]);
  });

  it("when due, emails the case's coordinator the rent's end date, in their language", async () => {
    const w = world();
    const { c, r } = await answered(w, 'reintegration_commission', 'rent_subsidy', 'done');
    w.clock.set('2027-10-25T07:01:00.000Z');
    await sweepTimers(sweepDeps(w));
    const [review] = (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.template === 'case.coordinator.rent_review');
    expect(review).toMatchObject({ channel: 'email', recipient: 'koordinatori1.zkkk@obiliq.example.org', languages: ['sq'], referralId: r.referralId });
    expect(review!.data).toMatchObject({ doneDate: '2026-11-23', endDate: '2027-11-23' });
    const mail = renderAny('case.coordinator.rent_review', review!.data!, ['sq']).email!;
    expect(mail.subject).toBe('Rishikimi i banimit: qiraja me bonus banimi mbaron më 23.11.2027 — rasti SMR-2026-0142');
    expect(mail.text).toContain('12 muaj pasi zyra raportoi se u sigurua (23.11.2026)');
    expect((await reviews(w, c.caseId))[0]!.status).toBe('fired');
  });
});
