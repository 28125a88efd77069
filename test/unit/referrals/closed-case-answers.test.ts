import { describe, expect, it } from 'vitest';
import { checkSameOrigin } from '../../../shared/links/same-origin.js';
import { signLink, type LinkAction } from '../../../shared/links/signed-link.js';
import { PAGE_TEXTS } from '../../../shared/pages/page-texts.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { CASE_CLOSED, closeCase } from '../../../shared/referrals/lifecycle.js';
import { reactToAnswer, type ReactDeps } from '../../../shared/referrals/react-to-answer.js';
import { recordOfficeAnswer } from '../../../shared/referrals/record-answer.js';
import { showResponsePage, submitResponse, type RespondDeps } from '../../../shared/referrals/respond.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { arrival, COORDINATOR, LINK_KEY, LINKS_BASE, MONDAY, routeDeps, valueOf, world, type World } from '../support/world.js';

/**
 * Once a case is closed nothing more is recorded on its referrals and nothing goes out for them:
 * an office's link answers as for a case whose data is gone (no names, in the office's
 * languages), a coordinator cannot record an answer, and an answer in flight at the closing is
 * followed by no SMS, no released referral and no notice.
 */

const BROWSER = checkSameOrigin({ 'sec-fetch-site': 'same-origin' }, LINKS_BASE);
const CLOSED_AT = '2026-11-24T10:00:00.000Z';
const respondDeps = (w: World): RespondDeps => ({ ...w.repos, directory: w.directory, key: w.key, clock: w.clock });
const reactDeps = (w: World): ReactDeps => ({ ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });
const token = (w: World, ids: { caseId: string; referralId: string }, action: LinkAction) =>
  signLink({ ...ids, action, exp: Math.floor(w.clock.now().getTime() / 1000) + 86_400 }, LINK_KEY);

/** A case with a sent referral and one waiting for it, closed a day later. */
async function closedWithReferrals(w: World, close = true) {
  const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
  const docs = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
  await routeReferral(docs, routeDeps(w));
  await w.repos.referrals.markSent(c.caseId, docs.referralId, MONDAY.toISOString());
  const job = valueOf(await createReferral(c.caseId, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'], dependsOn: docs.referralId }, w.intake));
  w.clock.set(CLOSED_AT);
  if (close) valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
  return { c, docs, job };
}

/** What was written in the case after it was closed, besides its own closing (which cancels its unanswered referrals, and tells the sent one's office). */
async function writtenSinceClosing(w: World, caseId: string) {
  const view = (await w.repos.cases.view(caseId))!;
  const closing = (a: (typeof view.audit)[number]) => a.event === 'case.closed' || (a.event === 'referral.cancelled' && a.detail?.reason === CASE_CLOSED);
  return {
    intents: view.intents.filter((i) => i.createdAt >= CLOSED_AT && !(i.template === 'referral.office.withdrawn' && i.createdAt === CLOSED_AT)).map((i) => i.template),
    audit: view.audit.filter((a) => a.at >= CLOSED_AT && !closing(a)).map((a) => a.event),
  };
}

describe('an office link of a closed case', () => {
  it.each(['accept', 'decline', 'outcome'] as const)('%s: records nothing and says so without names, in the office\'s language', async (action) => {
    const w = world();
    const { c, docs } = await closedWithReferrals(w);
    const names = (await w.repos.cases.get(c.caseId))!.household.flatMap((m) => [`${m.givenName} ${m.familyName}`, m.familyName]);
    const form: Record<string, string> = { accept: { confirm: 'yes' }, decline: { reason: 'lack_of_capacity' }, outcome: { outcome: 'done' } }[action];
    for (const page of [
      await showResponsePage(token(w, docs, action), '/r/x', respondDeps(w)),
      await submitResponse(token(w, docs, action), form, '/r/x', respondDeps(w), BROWSER),
    ]) {
      expect(page).toMatchObject({ status: 404, outcome: 'case-closed' });
      expect(page.html).toContain(PAGE_TEXTS.sq.refusal['not-found'].title);
      for (const name of names) expect(page.html).not.toContain(name);
    }
    // As the closing left it: cancelled, unanswered.
    expect((await w.repos.referrals.get(c.caseId, docs.referralId))?.status).toBe('cancelled');
    expect(await writtenSinceClosing(w, c.caseId)).toEqual({ intents: [], audit: [] });
  });

  it('the same link still records while the case is open', async () => {
    const w = world();
    const { docs } = await closedWithReferrals(w, false);
    expect(await submitResponse(token(w, docs, 'accept'), { confirm: 'yes' }, '/r/x', respondDeps(w), BROWSER)).toMatchObject({ status: 200, outcome: 'moved' });
  });
});

describe('a coordinator recording an answer for a closed case', () => {
  it('is refused as for a case no longer open, recording nothing', async () => {
    const w = world();
    const { c, docs } = await closedWithReferrals(w);
    expect(await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'accept' }, w.intake, COORDINATOR, undefined)).toMatchObject({
      ok: false,
      problem: { kind: 'not-found', message: `no open case ${c.caseId}` },
    });
    // As the closing left it: cancelled, unanswered.
    expect((await w.repos.referrals.get(c.caseId, docs.referralId))?.status).toBe('cancelled');
  });
});

describe('an answer in flight when the case was closed', () => {
  /** The office's answer recorded; `closed`: the case closed before react-to-answers takes the record. */
  async function answered(to: 'accepted' | 'completed', closed: boolean) {
    const w = world();
    const { c, docs, job } = await closedWithReferrals(w, false);
    const sent = (await w.repos.referrals.get(c.caseId, docs.referralId))!;
    const fields = to === 'accepted' ? { answeredAt: CLOSED_AT } : { outcomeAt: CLOSED_AT };
    await w.repos.referrals.move(sent, to, { ...fields, answeredVia: 'link' }, { event: `referral.${to}`, by: 'office:x', via: 'link:x' });
    if (closed) valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    await reactToAnswer((await w.repos.referrals.get(c.caseId, docs.referralId))!, reactDeps(w));
    return { intents: (await writtenSinceClosing(w, c.caseId)).intents, waiting: (await w.repos.referrals.get(c.caseId, job.referralId))?.status };
  }

  it('an acceptance: no SMS to the family, no email', async () => {
    expect((await answered('accepted', true)).intents).toEqual([]);
    expect((await answered('accepted', false)).intents).toEqual(expect.arrayContaining(['referral.returnee.accepted']));
  });

  it('a "done": the referral waiting for it is not released (the closing cancelled it)', async () => {
    expect((await answered('completed', true)).waiting).toBe('cancelled');
    expect((await answered('completed', false)).waiting).toBe('created');
  });
});
