import { describe, expect, it } from 'vitest';
import { renderAny } from '../../../shared/messages/index.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { reactToAnswer, type ReactDeps } from '../../../shared/referrals/react-to-answer.js';
import { recordOfficeAnswer } from '../../../shared/referrals/record-answer.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { releaseWaiting } from '../../../shared/referrals/waiting.js';
import { cancelReferral } from '../../../shared/referrals/lifecycle.js';
import { arrival, COORDINATOR, MONDAY, routeDeps, valueOf, world, type World } from '../support/world.js';

/**
 * The coordinator records what an office said by phone (recordOfficeAnswer), through the same use
 * case and stream reaction as the office's link; a referral waiting for one that will not be
 * completed is put before the coordinator at once, and released, or referred elsewhere.
 */

const reactDeps = (w: World): ReactDeps => ({ ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });
/** The case's coordinator signed in: the directory id their groups give them. */
const ME = 'obiliq-zkkk-01';

async function docsAndJob(w: World) {
  const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
  const docs = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
  await routeReferral(docs, routeDeps(w));
  await w.repos.referrals.markSent(c.caseId, docs.referralId, MONDAY.toISOString());
  const job = valueOf(await createReferral(c.caseId, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'], dependsOn: docs.referralId }, w.intake));
  expect(job.status).toBe('waiting');
  return { c, docs, job };
}

/** What the stream hands react-to-answers after the change. */
async function react(w: World, caseId: string, referralId: string) {
  await reactToAnswer((await w.repos.referrals.get(caseId, referralId))!, reactDeps(w));
}

const intentsOf = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents;

describe('recordOfficeAnswer', () => {
  it('records a decline on behalf of the office, on record as the coordinator, and tells the coordinator nothing they typed themselves', async () => {
    const w = world();
    const { c, docs } = await docsAndJob(w);
    const out = await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'decline', reason: 'lack_of_capacity', note: 'full until March' }, w.intake, COORDINATOR, ME);
    expect(out).toEqual({ ok: true, value: { referralId: docs.referralId, status: 'declined', recorded: true } });
    expect(await w.repos.referrals.get(c.caseId, docs.referralId)).toMatchObject({ status: 'declined', declineReason: 'lack_of_capacity', answeredVia: 'coordinator', recordedBy: ME });
    const entry = (await w.repos.cases.view(c.caseId))!.audit.find((a) => a.event === 'referral.declined')!;
    expect([entry.by, entry.byRole, entry.via, entry.detail]).toEqual([
      COORDINATOR.by,
      'coordinator',
      'api:decline',
      { reason: 'lack_of_capacity', onBehalfOf: 'office:obiliq-civil-registry', officeKind: 'civil_registry' },
    ]);
    // Codes only: the office's note is on the referral (which expires with the case), never in the audit.
    expect(JSON.stringify(entry)).not.toContain('March');
    await react(w, c.caseId, docs.referralId);
    expect((await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'answer.declined')).toEqual([]);
  });

  it('still tells the case coordinator when a colleague recorded it, as when the office clicks', async () => {
    const w = world();
    const { c, docs } = await docsAndJob(w);
    // Their acceptances by email at once (by default they wait for the daily digest).
    await w.repos.settings.setChoices('obiliq', ME, { answers: 'immediate' }, MONDAY.toISOString(), COORDINATOR);
    valueOf(await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'accept' }, w.intake, { by: 'user:head-1', role: 'head' }, undefined));
    await react(w, c.caseId, docs.referralId);
    const intents = await intentsOf(w, c.caseId);
    expect(intents.filter((i) => i.purpose === 'answer.accepted').map((i) => [i.channel, i.template])).toEqual([
      ['email', 'referral.coordinator.accepted'],
      ['sms', 'referral.returnee.accepted'],
    ]);
  });

  it('refuses an answer that no longer applies (409), writing nothing; the same answer again is a repeat', async () => {
    const w = world();
    const { c, docs } = await docsAndJob(w);
    valueOf(await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'accept' }, w.intake, COORDINATOR, ME));
    const size = w.table.size;
    expect(await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'decline', reason: 'other' }, w.intake, COORDINATOR, ME)).toMatchObject({
      ok: false,
      problem: { kind: 'conflict', field: 'answer', message: expect.stringContaining('already accepted') },
    });
    expect(valueOf(await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'accept' }, w.intake, COORDINATOR, ME))).toMatchObject({ recorded: false });
    expect(w.table.size).toBe(size);
    expect(await recordOfficeAnswer(c.caseId, '01KNOSUCHREFERRAL000000000', { answer: 'accept' }, w.intake, COORDINATOR, ME)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });

  it('a recorded outcome "done" releases the referrals waiting for it, as a click does', async () => {
    const w = world();
    const { c, docs, job } = await docsAndJob(w);
    valueOf(await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'outcome', outcome: 'done' }, w.intake, COORDINATOR, ME));
    await react(w, c.caseId, docs.referralId);
    expect(await w.repos.referrals.get(c.caseId, job.referralId)).toMatchObject({ status: 'created' });
  });
});

describe('a waiting referral whose prerequisite will not be completed', () => {
  for (const [how, stop] of [
    ['declined', (w: World, caseId: string, id: string) => recordOfficeAnswer(caseId, id, { answer: 'decline', reason: 'not_eligible' }, w.intake, COORDINATOR, ME)],
    ['reported not done', (w: World, caseId: string, id: string) => recordOfficeAnswer(caseId, id, { answer: 'outcome', outcome: 'not_done' }, w.intake, COORDINATOR, ME)],
    ['cancelled', (w: World, caseId: string, id: string) => cancelReferral(caseId, id, 'no_longer_needed', w.intake, COORDINATOR)],
  ] as const) {
    it(`is put before the coordinator at once when its prerequisite is ${how}: the blocked list and one email`, async () => {
      const w = world();
      const { c, docs, job } = await docsAndJob(w);
      expect((await stop(w, c.caseId, docs.referralId)).ok).toBe(true);
      await react(w, c.caseId, docs.referralId);
      await react(w, c.caseId, docs.referralId); // a redelivered record asks nothing twice
      const blocked = await w.repos.worklists.blocked('obiliq');
      expect(blocked.map((r) => [r.referralId, r.status, r.blockedAt])).toEqual([[job.referralId, 'waiting', MONDAY.toISOString()]]);
      const notices = (await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'referral.blocked');
      expect(notices.map((i) => [i.referralId, i.template, i.recipient, i.status])).toEqual([[job.referralId, 'referral.coordinator.blocked', 'koordinatori.obiliq@example.org', 'queued']].map((x) => [x[0], x[1], expect.any(String), x[3]]));
      const email = renderAny(notices[0]!.template, notices[0]!.data, ['en']).email!;
      expect(email.subject).toBe('A waiting referral needs your decision — case SMR-2026-0142');
      expect(email.text).toContain('Send it now');
      expect(email.text).toContain('Refer it elsewhere');
      expect((await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'referral.blocked').map((a) => a.subjectId)).toEqual([job.referralId]);
    });
  }

  it('an accepted prerequisite blocks nothing', async () => {
    const w = world();
    const { c, docs } = await docsAndJob(w);
    valueOf(await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'accept' }, w.intake, COORDINATOR, ME));
    await react(w, c.caseId, docs.referralId);
    expect(await w.repos.worklists.blocked('obiliq')).toEqual([]);
  });

  it('released now: goes out to its office with a fresh acknowledge-by date, and leaves the blocked list', async () => {
    const w = world();
    const { c, docs, job } = await docsAndJob(w);
    valueOf(await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'decline', reason: 'not_eligible' }, w.intake, COORDINATOR, ME));
    await react(w, c.caseId, docs.referralId);
    w.clock.set('2026-11-25T09:00:00.000Z');
    expect(await releaseWaiting(c.caseId, job.referralId, {}, w.intake, COORDINATOR)).toEqual({ ok: true, value: { referralId: job.referralId, status: 'created' } });
    expect(await w.repos.referrals.get(c.caseId, job.referralId)).toMatchObject({ status: 'created', releasedAt: '2026-11-25T09:00:00.000Z', ackDueDate: '2026-12-02' });
    expect(await w.repos.worklists.blocked('obiliq')).toEqual([]);
    expect((await w.repos.worklists.awaitingAck('obiliq')).map((r) => r.referralId)).toContain(job.referralId);
    const entry = (await w.repos.cases.view(c.caseId))!.audit.find((a) => a.event === 'referral.released')!;
    expect([entry.by, entry.via, entry.detail?.prerequisite]).toEqual([COORDINATOR.by, 'api', docs.referralId]);
    // Again: a repeat; the prerequisite itself cannot be "released" (409).
    expect(await releaseWaiting(c.caseId, job.referralId, {}, w.intake, COORDINATOR)).toMatchObject({ ok: true, value: { status: 'created' } });
    expect(await releaseWaiting(c.caseId, docs.referralId, {}, w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
  });

  it('referred elsewhere: cancelled as referred_elsewhere and replaced, once, by a referral for the same need and persons to that office', async () => {
    const w = world();
    const { c, docs, job } = await docsAndJob(w);
    valueOf(await recordOfficeAnswer(c.caseId, docs.referralId, { answer: 'decline', reason: 'not_eligible' }, w.intake, COORDINATOR, ME));
    await react(w, c.caseId, docs.referralId);
    const out = await releaseWaiting(c.caseId, job.referralId, { officeKind: 'cso' }, w.intake, COORDINATOR);
    expect(out).toMatchObject({ ok: true, created: true, value: { status: 'created', replaces: job.referralId } });
    const newId = valueOf(out).referralId;
    expect(await w.repos.referrals.get(c.caseId, newId)).toMatchObject({ officeKind: 'cso', need: 'job_seeker_registration', personIds: ['p1'], status: 'created' });
    expect(await w.repos.referrals.get(c.caseId, job.referralId)).toMatchObject({ status: 'cancelled', cancelReason: 'referred_elsewhere' });
    expect(await w.repos.worklists.blocked('obiliq')).toEqual([]);
    const size = w.table.size;
    expect(await releaseWaiting(c.caseId, job.referralId, { officeKind: 'cso' }, w.intake, COORDINATOR)).toMatchObject({ ok: true, created: false, value: { referralId: newId } });
    expect(w.table.size).toBe(size);
  });

  it('refuses an office the directory lacks, or the same office (400 naming officeKind)', async () => {
    const w = world();
    const { c, job } = await docsAndJob(w);
    expect(await releaseWaiting(c.caseId, job.referralId, { officeKind: 'employment_office' }, w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'officeKind' } });
    expect(await w.repos.referrals.get(c.caseId, job.referralId)).toMatchObject({ status: 'waiting' });
  });
});
