import { describe, expect, it } from 'vitest';
import { answerReturneePage, type ReturneePageDeps } from '../../../shared/cases/returnee-page.js';
import { followUpRef, readFollowUps, resolveFollowUp, type FollowUpDeps } from '../../../shared/console/follow-ups.js';
import { pageLinkExpiryDay, signPageToken } from '../../../shared/links/page-link.js';
import { closeCase, createAppointment } from '../../../shared/referrals/lifecycle.js';
import { COORDINATOR, LINK_KEY, routed, valueOf, world, type World } from '../support/world.js';

/**
 * "I cannot come" on the console's follow-up list: listed in the case's municipality only, with
 * the case's SMR id and the step in codes, until a coordinator marks it handled with what came of
 * the call (on record, once) or the household changes it to "I will come".
 */

const pageDeps = (w: World): ReturneePageDeps => ({ cases: w.repos.cases, directory: w.directory, key: w.key, clock: w.clock });
const deps = (w: World): FollowUpDeps => w.repos;
const tokenFor = (w: World, caseId: string) => signPageToken(caseId, pageLinkExpiryDay(w.clock.now()), LINK_KEY);
const WEDNESDAY = '2026-11-25T09:30:00.000Z';
const REQUEST = '3f1c8a52-6b0e-4c55-9d0f-6c1b2a7e9d10';
const OTHER_REQUEST = '9b7e4f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b';
const resolve = async (w: World, muni: string, id: string) => (await resolveFollowUp(muni, id, { outcome: 'reached_by_phone' }, w.clock.now().toISOString(), COORDINATOR, deps(w))).ok;

async function answered(w: World, answer: 'yes' | 'no' = 'no') {
  const { c, r } = await routed(w);
  const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: WEDNESDAY, title: 'Regjistrimi', where: 'Zyra e Punësimit' }, w.intake));
  const token = tokenFor(w, c.caseId);
  expect(await answerReturneePage(token, { step: `ref:${r.referralId}`, answer }, pageDeps(w))).toMatchObject({ kind: 'recorded' });
  return { c, r, a, token };
}

describe('"I cannot come" on the follow-up list', () => {
  it('is listed in its municipality with the SMR id and the step in codes, and only there', async () => {
    const w = world();
    const { c, r, a, token } = await answered(w);
    w.clock.advance(60_000);
    expect(await answerReturneePage(token, { step: `appt:${a.appointmentId}`, answer: 'no' }, pageDeps(w))).toMatchObject({ kind: 'recorded' });
    const listed = await readFollowUps('obiliq', deps(w));
    expect(listed.cannotCome).toEqual([
      expect.objectContaining({ caseId: c.caseId, smrCaseId: 'SMR-2026-0142', step: `ref:${r.referralId}`, about: { kind: 'referral', officeKind: 'civil_registry', need: 'civil_documents' } }),
      expect.objectContaining({ caseId: c.caseId, step: `appt:${a.appointmentId}`, about: { kind: 'appointment', when: WEDNESDAY } }),
    ]);
    // Nothing personal in it: codes, ids and times.
    expect(JSON.stringify(listed.cannotCome)).not.toMatch(/Krasniqi|Bekim|\+383|Regjistrimi/);
    expect(listed.followUps).toEqual([]);
    expect((await readFollowUps('partesh', deps(w))).cannotCome).toEqual([]);
  });

  it('"I will come" is not listed, and a changed mind to it takes the "cannot" off the list', async () => {
    const w = world();
    const { r, token } = await answered(w, 'yes');
    expect((await readFollowUps('obiliq', deps(w))).cannotCome).toEqual([]);
    expect(await answerReturneePage(token, { step: `ref:${r.referralId}`, answer: 'no' }, pageDeps(w))).toMatchObject({ kind: 'recorded' });
    expect((await readFollowUps('obiliq', deps(w))).cannotCome).toHaveLength(1);
    expect(await answerReturneePage(token, { step: `ref:${r.referralId}`, answer: 'yes' }, pageDeps(w))).toMatchObject({ kind: 'recorded' });
    expect((await readFollowUps('obiliq', deps(w))).cannotCome).toEqual([]);
  });

  it('marked handled, it leaves the list with the outcome on the answer and on record, once; another municipality cannot', async () => {
    const w = world();
    const { c } = await answered(w);
    const [entry] = (await readFollowUps('obiliq', deps(w))).cannotCome;
    expect(await resolve(w, 'partesh', entry!.followUpId)).toBe(false);
    expect(await resolve(w, 'obiliq', entry!.followUpId)).toBe(true);
    expect(await resolve(w, 'obiliq', entry!.followUpId)).toBe(false);
    expect((await readFollowUps('obiliq', deps(w))).cannotCome).toEqual([]);
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.pageAnswers[0]).toMatchObject({ answer: 'no', followUp: { outcome: 'reached_by_phone', at: w.clock.now().toISOString() } });
    expect(view.pageAnswers[0]).not.toHaveProperty('listKey');
    const done = view.audit.filter((e) => e.event === 'followup.done');
    expect(done).toEqual([expect.objectContaining({ by: COORDINATOR.by, byRole: 'coordinator', via: 'api', municipalityId: 'obiliq', detail: { outcome: 'reached_by_phone', answer: 'no' } })]);
  });

  it('marked handled again by a retry of the request (same requestId): answered as the first was, nothing written; another body is refused', async () => {
    const w = world();
    const { c } = await answered(w);
    const [entry] = (await readFollowUps('obiliq', deps(w))).cannotCome;
    const mark = (outcome: 'reached_by_phone' | 'visited', requestId: string | undefined, actor = COORDINATOR, muni = 'obiliq') =>
      resolveFollowUp(muni, entry!.followUpId, { outcome, ...(requestId ? { requestId } : {}) }, w.clock.now().toISOString(), actor, deps(w));
    const done = { ok: true, value: { followUpId: entry!.followUpId, outcome: 'reached_by_phone' } };
    expect(await mark('reached_by_phone', REQUEST)).toEqual(done);
    const audit = (await w.repos.cases.view(c.caseId))!.audit.length;
    w.clock.advance(60_000);
    expect(await mark('reached_by_phone', REQUEST)).toEqual(done);
    expect(await mark('visited', REQUEST)).toMatchObject({ ok: false, problem: { kind: 'conflict', field: 'requestId', code: 'request-reused' } });
    // Not a retry: another request, none, another coordinator's same requestId, another municipality.
    for (const other of [await mark('reached_by_phone', OTHER_REQUEST), await mark('reached_by_phone', undefined), await mark('reached_by_phone', REQUEST, { by: 'user:obiliq-zkkk-02', role: 'coordinator' }), await mark('reached_by_phone', REQUEST, COORDINATOR, 'partesh')]) {
      expect(other).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    }
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.audit).toHaveLength(audit);
    expect(view.pageAnswers[0]!.followUp).toMatchObject({ outcome: 'reached_by_phone', at: new Date(w.clock.now().getTime() - 60_000).toISOString() });
  });

  it('a "cannot" given again after it was handled is on the list again', async () => {
    const w = world();
    const { r, token } = await answered(w);
    const step = `ref:${r.referralId}`;
    expect(await resolve(w, 'obiliq', (await readFollowUps('obiliq', deps(w))).cannotCome[0]!.followUpId)).toBe(true);
    await answerReturneePage(token, { step, answer: 'yes' }, pageDeps(w));
    await answerReturneePage(token, { step, answer: 'no' }, pageDeps(w));
    expect((await readFollowUps('obiliq', deps(w))).cannotCome).toEqual([expect.objectContaining({ step })]);
  });

  it('leaves the list when the case is closed: nobody calls about a step of a closed case', async () => {
    const w = world();
    const { c } = await answered(w);
    const [entry] = (await readFollowUps('obiliq', deps(w))).cannotCome;
    expect(entry).toMatchObject({ caseId: c.caseId });
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    expect((await readFollowUps('obiliq', deps(w))).cannotCome).toEqual([]);
    expect(await resolve(w, 'obiliq', entry!.followUpId)).toBe(false);
  });

  it('its id is told apart from a notification\'s; a forged or malformed one names nothing', async () => {
    const w = world();
    await answered(w);
    const [entry] = (await readFollowUps('obiliq', deps(w))).cannotCome;
    expect(followUpRef(entry!.followUpId)).toHaveProperty('answer');
    for (const bad of ['page.', 'page.!!', `page.${Buffer.from('x\nref:1\nmore').toString('base64url')}`, `page.${Buffer.from('C1\nbogus:1').toString('base64url')}`]) {
      expect(followUpRef(bad), bad).toBeUndefined();
    }
    // Well formed, but no such answer.
    const none = `page.${Buffer.from('01ARZ3NDEKTSV4RRFFQ69G5FAV\nref:NOPE').toString('base64url')}`;
    expect(followUpRef(none)).toHaveProperty('answer');
    expect(await resolveFollowUp('obiliq', none, { outcome: 'visited' }, w.clock.now().toISOString(), COORDINATOR, deps(w))).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });
});
