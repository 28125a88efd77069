import { describe, expect, it } from 'vitest';
import { sendDigests, type DigestDeps } from '../../../shared/digests/digests.js';
import type { Actor } from '../../../shared/domain/actor.js';
import type { DigestData } from '../../../shared/messages/coordination-data.js';
import { renderDigestEmail } from '../../../shared/messages/coordination.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { reactToAnswer, type ReactDeps } from '../../../shared/referrals/react-to-answer.js';
import { recordOfficeAnswer, type RecordedAnswerInput } from '../../../shared/referrals/record-answer.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { arrival, COORDINATOR, MONDAY, routeDeps, valueOf, world, type World } from '../support/world.js';

/**
 * An office's acceptance or "done" reaches the coordinator in the next morning's daily digest
 * rather than an email each, by the coordinator's choice (the directory's default); a decline or
 * "not done" asks them to act and is emailed at once, as is everything for a coordinator who
 * chose emails or gets no daily digest. On the in-memory repositories.
 */

const FIRST = 'obiliq-zkkk-01'; // directory: digest both, answers by default in the digest
const SECOND = 'obiliq-zkkk-02'; // directory: weekly digest only
/** Tuesday 24 November 2026, 07:30 in Kosovo: Monday's daily digests. */
const TUESDAY_DIGESTS = '2026-11-24T06:30:00.000Z';
/** The head of the office records what the office said on the phone: reaches the case's coordinator as a click would. */
const HEAD: Actor = { by: 'user:obiliq-head', role: 'head' };

const reactDeps = (w: World): ReactDeps => ({ ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });
const digestDeps = (w: World): DigestDeps => ({ ...w.repos, directory: w.directory, holidays: w.holidays, clock: w.clock, retentionDays: 730, logger: w.logger });
const coordinator = (w: World, id: string) => w.directory.municipality('obiliq')!.coordinators.find((c) => c.id === id)!;

async function sentReferral(w: World, smr: string, coordinatorId = FIRST, officeKind = 'civil_registry' as const) {
  const c = valueOf(await createCase(arrival(smr, { coordinatorId }), w.intake, COORDINATOR));
  const r = valueOf(await createReferral(c.caseId, { officeKind, need: 'civil_documents' }, w.intake));
  await routeReferral(r, routeDeps(w));
  await w.repos.referrals.markSent(c.caseId, r.referralId, MONDAY.toISOString());
  return { c, r };
}

/** The office's answer is recorded, and react-to-answers gets the changed referral. */
async function answer(w: World, ids: { caseId: string; referralId: string }, input: RecordedAnswerInput) {
  valueOf(await recordOfficeAnswer(ids.caseId, ids.referralId, input, w.intake, HEAD, undefined));
  await reactToAnswer((await w.repos.referrals.get(ids.caseId, ids.referralId))!, reactDeps(w));
}

const intentsOf = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents.filter((i) => i.purpose?.startsWith('answer.'));
const emailsOf = async (w: World, caseId: string) => (await intentsOf(w, caseId)).filter((i) => i.channel === 'email').map((i) => [i.purpose, i.recipient]);

async function dailyDigests(w: World): Promise<Map<string, DigestData>> {
  w.clock.set(TUESDAY_DIGESTS);
  await sendDigests(digestDeps(w));
  const daily = w.table.partition('MUNI#obiliq').filter((i) => i.purpose === 'digest.daily');
  return new Map(daily.map((i) => [String(i.recipient), i.data as unknown as DigestData]));
}

describe("an office's acceptance and 'done', by the coordinator's choice", () => {
  it('by default make no email: the returnee is still texted, and the next daily digest lists both, oldest first', async () => {
    const w = world();
    const { c, r } = await sentReferral(w, 'SMR-2026-0501');
    await answer(w, r, { answer: 'accept' });
    w.clock.set('2026-11-23T14:00:00.000Z');
    await answer(w, r, { answer: 'outcome', outcome: 'done' });
    expect((await intentsOf(w, c.caseId)).map((i) => [i.purpose, i.channel])).toEqual([['answer.accepted', 'sms']]);
    expect(w.logger.entries.filter((e) => e.message === 'answer left to the daily digest')).toHaveLength(2);

    const digests = await dailyDigests(w);
    const office = w.directory.office('obiliq', 'civil_registry')!;
    expect(digests.get(coordinator(w, FIRST).email)!.answers).toEqual([
      { smrCaseId: 'SMR-2026-0501', office: office.name, answer: 'accepted', at: MONDAY.toISOString() },
      { smrCaseId: 'SMR-2026-0501', office: office.name, answer: 'completed', at: '2026-11-23T14:00:00.000Z' },
    ]);
    // The weekly-only coordinator gets no daily digest.
    expect(digests.has(coordinator(w, SECOND).email)).toBe(false);

    const data = digests.get(coordinator(w, FIRST).email)!;
    expect(renderDigestEmail(data, ['en']).text).toContain(
      `Answers from offices on your cases: 2\n- Case SMR-2026-0501 — ${office.name.en}: accepted, 23.11.2026 10:00\n- Case SMR-2026-0501 — ${office.name.en}: done, 23.11.2026 15:00; record the outcome in SMR`,
    );
    expect(renderDigestEmail(data, ['sq']).text).toContain(`Përgjigjet e zyrave për rastet tuaja: 2\n- Rasti SMR-2026-0501 — ${office.name.sq}: pranuar, 23.11.2026 10:00`);
    expect(renderDigestEmail(data, ['sr-Latn']).text).toContain(`Odgovori kancelarija za vaše slučajeve: 2\n- Slučaj SMR-2026-0501 — ${office.name.sr}: prihvaćeno, 23.11.2026 10:00`);
    expect(renderDigestEmail(data, ['en']).html).toContain('<strong>Answers from offices on your cases: 2</strong>');
  });

  it('a decline and a "not done" are emailed at once, whatever the choice, and are no digest line', async () => {
    const w = world();
    const declined = await sentReferral(w, 'SMR-2026-0502');
    const notDone = await sentReferral(w, 'SMR-2026-0503');
    await answer(w, declined.r, { answer: 'decline', reason: 'lack_of_capacity' });
    await answer(w, notDone.r, { answer: 'accept' });
    await answer(w, notDone.r, { answer: 'outcome', outcome: 'not_done' });
    const email = coordinator(w, FIRST).email;
    expect(await emailsOf(w, declined.c.caseId)).toEqual([['answer.declined', email]]);
    expect(await emailsOf(w, notDone.c.caseId)).toEqual([['answer.not_completed', email]]);
    expect((await dailyDigests(w)).get(email)!.answers!.map((a) => [a.smrCaseId, a.answer])).toEqual([['SMR-2026-0503', 'accepted']]);
  });

  it('are emailed at once to a coordinator who chose so, as before, and the digest still lists them', async () => {
    const w = world();
    await w.repos.settings.setChoices('obiliq', FIRST, { answers: 'immediate' }, MONDAY.toISOString(), COORDINATOR);
    const { c, r } = await sentReferral(w, 'SMR-2026-0504');
    await answer(w, r, { answer: 'accept' });
    await answer(w, r, { answer: 'outcome', outcome: 'done' });
    const email = coordinator(w, FIRST).email;
    expect(await emailsOf(w, c.caseId)).toEqual([
      ['answer.accepted', email],
      ['answer.completed', email],
    ]);
    expect((await intentsOf(w, c.caseId)).find((i) => i.purpose === 'answer.accepted' && i.channel === 'email')?.template).toBe('referral.coordinator.accepted');
    expect((await dailyDigests(w)).get(email)!.answers!.map((a) => a.answer)).toEqual(['accepted', 'completed']);
  });

  it('are emailed at once to a coordinator without a daily digest (weekly or none): a week late, or never, is no choice', async () => {
    const w = world();
    const weekly = await sentReferral(w, 'SMR-2026-0505', SECOND);
    await answer(w, weekly.r, { answer: 'accept' });
    expect(await emailsOf(w, weekly.c.caseId)).toEqual([['answer.accepted', coordinator(w, SECOND).email]]);

    await w.repos.settings.setChoices('obiliq', FIRST, { digest: 'none' }, MONDAY.toISOString(), COORDINATOR);
    const none = await sentReferral(w, 'SMR-2026-0506');
    await answer(w, none.r, { answer: 'accept' });
    expect(await emailsOf(w, none.c.caseId)).toEqual([['answer.accepted', coordinator(w, FIRST).email]]);
  });

  it('still reach, in that morning\'s daily digest, a coordinator who dropped the daily digest after they were left to it', async () => {
    const w = world();
    const held = await sentReferral(w, 'SMR-2026-0509');
    const emailed = await sentReferral(w, 'SMR-2026-0510', SECOND);
    await answer(w, held.r, { answer: 'accept' });
    await answer(w, emailed.r, { answer: 'accept' });
    w.clock.set('2026-11-23T15:00:00.000Z');
    await w.repos.settings.setChoices('obiliq', FIRST, { digest: 'weekly' }, w.clock.now().toISOString(), COORDINATOR);
    const digests = await dailyDigests(w);
    expect(digests.get(coordinator(w, FIRST).email)!.answers!.map((a) => [a.smrCaseId, a.answer])).toEqual([['SMR-2026-0509', 'accepted']]);
    // The weekly-only coordinator had theirs by email: no daily digest for them.
    expect(digests.has(coordinator(w, SECOND).email)).toBe(false);
    // The next morning, nothing left to it: no daily digest for either.
    w.clock.set('2026-11-25T06:30:00.000Z');
    await sendDigests(digestDeps(w));
    expect(w.table.partition('MUNI#obiliq').filter((i) => i.purpose === 'digest.daily')).toHaveLength(1);
  });

  it("lists only the coordinator's own cases, and is written once however often the reaction runs", async () => {
    const w = world();
    await w.repos.settings.setChoices('obiliq', SECOND, { digest: 'daily' }, MONDAY.toISOString(), COORDINATOR);
    const mine = await sentReferral(w, 'SMR-2026-0507');
    const theirs = await sentReferral(w, 'SMR-2026-0508', SECOND);
    await answer(w, mine.r, { answer: 'accept' });
    await answer(w, theirs.r, { answer: 'accept' });
    // A redelivered record writes nothing more.
    await reactToAnswer((await w.repos.referrals.get(mine.c.caseId, mine.r.referralId))!, reactDeps(w));
    expect(await emailsOf(w, mine.c.caseId)).toEqual([]);
    expect(await emailsOf(w, theirs.c.caseId)).toEqual([]);
    const digests = await dailyDigests(w);
    expect(digests.get(coordinator(w, FIRST).email)!.answers!.map((a) => a.smrCaseId)).toEqual(['SMR-2026-0507']);
    expect(digests.get(coordinator(w, SECOND).email)!.answers!.map((a) => a.smrCaseId)).toEqual(['SMR-2026-0508']);
  });
});
