import { describe, expect, it } from 'vitest';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { checkSameOrigin } from '../../../shared/links/same-origin.js';
import { signLink, type LinkAction } from '../../../shared/links/signed-link.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { reactToAnswer, type ReactDeps } from '../../../shared/referrals/react-to-answer.js';
import { submitResponse, type RespondDeps } from '../../../shared/referrals/respond.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { expectNamesInOwnLanguage } from '../support/sms-names.js';
import { arrival, COORDINATOR, LINK_KEY, LINKS_BASE, MONDAY, routeDeps, valueOf, world, type World } from '../support/world.js';

/**
 * An office answers from its email's link (submitResponse), and the answer reaches the
 * coordinator (reactToAnswer), on the in-memory repositories: what each click records, what a
 * second click or a redelivered record records (nothing), what no longer fits (refused, nothing
 * written), and what a completed prerequisite releases.
 */

const BROWSER = checkSameOrigin({ 'sec-fetch-site': 'same-origin' }, LINKS_BASE);
const FORMS: Record<LinkAction, Record<string, string>> = { accept: { confirm: 'yes' }, decline: { reason: 'lack_of_capacity', note: 'full until March' }, outcome: { outcome: 'done' } };

const respondDeps = (w: World): RespondDeps => ({ ...w.repos, directory: w.directory, key: w.key, clock: w.clock });
const reactDeps = (w: World): ReactDeps => ({ ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });

async function sentReferral(w: World) {
  const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
  const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
  await routeReferral(r, routeDeps(w));
  await w.repos.referrals.markSent(c.caseId, r.referralId, MONDAY.toISOString());
  return { c, r };
}

/** The office presses the button of `action`'s page, a day after the referral went out. */
async function click(w: World, ids: { caseId: string; referralId: string }, action: LinkAction, form = FORMS[action]) {
  const token = signLink({ ...ids, action, exp: Math.floor(w.clock.now().getTime() / 1000) + 86_400 }, LINK_KEY);
  return submitResponse(token, form, `/r/${token}`, respondDeps(w), BROWSER);
}

describe('submitResponse', () => {
  it('records an acceptance once, on record as the office, counted as answered in time; the second click records nothing', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    w.clock.set('2026-11-24T10:00:00.000Z');
    expect(await click(w, r, 'accept')).toMatchObject({ status: 200, outcome: 'moved' });
    const size = w.table.size;
    expect(await click(w, r, 'accept')).toMatchObject({ status: 200, outcome: 'repeat' });
    expect(w.table.size).toBe(size);
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'accepted', answeredAt: '2026-11-24T10:00:00.000Z' });
    const answers = (await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'referral.accepted');
    expect(answers.map((a) => [a.by, a.via, a.from, a.to])).toEqual([['office:obiliq-civil-registry', 'link:accept', 'sent', 'accepted']]);
    const f = await w.repos.indicators.figures('obiliq', quarterOf(MONDAY));
    expect([f.referralsAnswered, f.referralsAnsweredInTime, f.accepted]).toEqual([1, 1, 1]);
    expect(await w.repos.worklists.awaitingAck('obiliq')).toEqual([]);
  });

  it('refuses a decline after the acceptance (409), writing nothing, and records the outcome after it', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    await click(w, r, 'accept');
    const size = w.table.size;
    expect(await click(w, r, 'decline')).toMatchObject({ status: 409, outcome: 'invalid-transition' });
    expect(w.table.size).toBe(size);
    w.clock.advance(7 * 86_400_000);
    expect(await click(w, r, 'outcome')).toMatchObject({ status: 200, outcome: 'moved' });
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'completed', outcomeAt: w.clock.now().toISOString() });
  });

  it('lists a decline with its reason for the coordinator, and keeps the note on the referral', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    expect(await click(w, r, 'decline')).toMatchObject({ status: 200, outcome: 'moved' });
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'declined', declineReason: 'lack_of_capacity', answerNote: 'full until March' });
    expect((await w.repos.worklists.declined('obiliq')).map((x) => x.referralId)).toEqual([r.referralId]);
  });

  it('reads the referral and its case once for an answer: the page\'s reads decide it', async () => {
    const w = world();
    const { r } = await sentReferral(w);
    const reads: string[] = [];
    const deps = respondDeps(w);
    const counted: RespondDeps = {
      ...deps,
      referrals: { move: (...a) => deps.referrals.move(...a), get: (caseId, referralId) => (reads.push('referral'), deps.referrals.get(caseId, referralId)) },
      cases: { get: (caseId) => (reads.push('case'), deps.cases.get(caseId)) },
    };
    const token = signLink({ ...r, action: 'accept', exp: Math.floor(w.clock.now().getTime() / 1000) + 86_400 }, LINK_KEY);
    expect(await submitResponse(token, FORMS.accept, `/r/${token}`, counted, BROWSER)).toMatchObject({ status: 200, outcome: 'moved' });
    expect(reads.sort()).toEqual(['case', 'referral']);
  });

  it('decides again on a fresh read when another answer lands between the page\'s read and the move: a stale acceptance is not written over a decline', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    const deps = respondDeps(w);
    let declinedInBetween = false;
    const racing: RespondDeps = {
      ...deps,
      referrals: {
        move: (...a) => deps.referrals.move(...a),
        get: async (caseId, referralId) => {
          const read = await deps.referrals.get(caseId, referralId);
          if (!declinedInBetween) {
            declinedInBetween = true;
            // The head of the office declines from the escalation's link while this page is read.
            await click(w, r, 'decline');
          }
          return read;
        },
      },
    };
    const token = signLink({ ...r, action: 'accept', exp: Math.floor(w.clock.now().getTime() / 1000) + 86_400 }, LINK_KEY);
    expect(await submitResponse(token, FORMS.accept, `/r/${token}`, racing, BROWSER)).toMatchObject({ status: 409, outcome: 'invalid-transition' });
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'declined', declineReason: 'lack_of_capacity' });
    expect((await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'referral.accepted')).toEqual([]);
  });

  it('answers 404 for a referral that is not there, writing nothing', async () => {
    const w = world();
    const { c } = await sentReferral(w);
    const size = w.table.size;
    expect(await click(w, { caseId: c.caseId, referralId: '01KNOSUCHREFERRAL000000000' }, 'accept')).toMatchObject({ status: 404, outcome: 'not-found' });
    expect(w.table.size).toBe(size);
  });
});

describe('reactToAnswer', () => {
  it("tells the coordinator (who chose emails at once) and the returnee once, and stops the office's acknowledgement ladder", async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    await w.repos.settings.setChoices('obiliq', c.coordinatorId, { answers: 'immediate' }, MONDAY.toISOString(), COORDINATOR);
    await click(w, r, 'accept');
    const accepted = (await w.repos.referrals.get(c.caseId, r.referralId))!;
    await reactToAnswer(accepted, reactDeps(w));
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.intents.filter((i) => i.purpose === 'answer.accepted').map((i) => [i.channel, i.status])).toEqual([
      ['email', 'queued'],
      ['sms', 'queued'],
    ]);
    expect(view.timers.filter((t) => t.subjectId === r.referralId).map((t) => t.status)).toEqual(['cancelled']);
    const size = w.table.size;
    await reactToAnswer(accepted, reactDeps(w));
    expect(w.table.size).toBe(size);
  });

  it.each(['sq', 'sr-Cyrl', 'en'] as const)("keeps the %s acceptance SMS's names in its own language only (an item under 1 KB), and renders it as from the directory", async (language) => {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: language }), w.intake, COORDINATOR));
    const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    await routeReferral(r, routeDeps(w));
    await w.repos.referrals.markSent(c.caseId, r.referralId, MONDAY.toISOString());
    await click(w, r, 'accept');
    await reactToAnswer((await w.repos.referrals.get(c.caseId, r.referralId))!, reactDeps(w));
    const sms = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.purpose === 'answer.accepted' && i.channel === 'sms')!;
    // Put, claimed and sent (the last in a transaction): over 1 KB each would cost twice.
    expectNamesInOwnLanguage(sms, language, w.directory, 'civil_registry');
  });

  it("stops the ladder once: an outcome after the acceptance leaves the timers alone, an outcome straight from 'sent' stops it", async () => {
    const w = world();
    const asked: string[] = [];
    const deps = reactDeps(w);
    const counting: ReactDeps = {
      ...deps,
      timers: {
        putIfAbsent: (t) => deps.timers.putIfAbsent(t),
        cancelPending: (caseId, about, now) => (asked.push(caseId), deps.timers.cancelPending(caseId, about, now)),
      },
    };
    const { c, r } = await sentReferral(w);
    await click(w, r, 'accept');
    await reactToAnswer((await w.repos.referrals.get(c.caseId, r.referralId))!, counting);
    expect(asked).toEqual([c.caseId]);
    await click(w, r, 'outcome');
    await reactToAnswer((await w.repos.referrals.get(c.caseId, r.referralId))!, counting);
    expect(asked).toEqual([c.caseId]);

    // Another office of the same case reports the outcome without having accepted first.
    const direct = valueOf(await createReferral(c.caseId, { officeKind: 'employment_office', need: 'job_seeker_registration' }, w.intake));
    await routeReferral(direct, routeDeps(w));
    await w.repos.referrals.markSent(c.caseId, direct.referralId, MONDAY.toISOString());
    await click(w, direct, 'outcome');
    await reactToAnswer((await w.repos.referrals.get(c.caseId, direct.referralId))!, counting);
    expect(asked).toEqual([c.caseId, c.caseId]);
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.timers.filter((t) => t.subjectId === direct.referralId).map((t) => t.status)).toEqual(['cancelled']);
  });

  it('releases the referrals that waited for a completed one, with a fresh acknowledge-by date, once', async () => {
    const w = world();
    const { c, r } = await sentReferral(w);
    const school = valueOf(await createReferral(c.caseId, { officeKind: 'education_directorate', need: 'school_enrolment', dependsOn: r.referralId }, w.intake));
    expect(school.status).toBe('waiting');
    await click(w, r, 'accept');
    w.clock.set('2026-12-07T10:00:00.000Z');
    await click(w, r, 'outcome');
    const completed = (await w.repos.referrals.get(c.caseId, r.referralId))!;
    await reactToAnswer(completed, reactDeps(w));
    await reactToAnswer(completed, reactDeps(w));
    expect(await w.repos.referrals.get(c.caseId, school.referralId)).toMatchObject({ status: 'created', ackDueDate: '2026-12-14' });
    const released = (await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'referral.released');
    expect(released.map((a) => [a.subjectId, a.at, a.detail?.prerequisite])).toEqual([[school.referralId, '2026-12-07T10:00:00.000Z', r.referralId]]);
    expect((await w.repos.worklists.awaitingAck('obiliq')).map((x) => x.referralId)).toEqual([school.referralId]);
  });
});
