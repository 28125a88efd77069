import { describe, expect, it } from 'vitest';
import { answerReturneePage, type ReturneePageDeps } from '../../../shared/cases/returnee-page.js';
import { resolveFollowUp } from '../../../shared/console/follow-ups.js';
import { readToday } from '../../../shared/console/today.js';
import { pageLinkExpiryDay, signPageToken } from '../../../shared/links/page-link.js';
import { createReferral } from '../../../shared/referrals/intake.js';
import { cancelReferral } from '../../../shared/referrals/lifecycle.js';
import { reactToAnswer } from '../../../shared/referrals/react-to-answer.js';
import { COORDINATOR, LINK_KEY, routed, valueOf, world, type World } from '../support/world.js';

/**
 * Today lists the calls the coordinator owes beyond failed messages: a family that said on its
 * page "I cannot come" was told its coordinator will call, and a referral blocked behind one that
 * will not be completed waits for the coordinator's decision. Before, Today said "0 calls or
 * visits to make … every message arrived" while both waited.
 */

const pageDeps = (w: World): ReturneePageDeps => ({ cases: w.repos.cases, directory: w.directory, key: w.key, clock: w.clock });
const today = (w: World) => readToday(w.directory.municipality('obiliq')!, w.clock.now(), w.repos);

describe('Today and the calls the coordinator owes', () => {
  it('counts and lists an "I cannot come" with its SMR id and follow-up id, until it is marked handled', async () => {
    const w = world();
    const { c, r } = await routed(w);
    const token = signPageToken(c.caseId, pageLinkExpiryDay(w.clock.now()), LINK_KEY);
    expect(await answerReturneePage(token, { step: `ref:${r.referralId}`, answer: 'no' }, pageDeps(w))).toMatchObject({ kind: 'recorded' });

    const day = await today(w);
    expect(day.counts).toMatchObject({ followUps: 0, cannotCome: 1, blocked: 0 });
    expect(day.cannotCome).toEqual([
      expect.objectContaining({ caseId: c.caseId, smrCaseId: 'SMR-2026-0142', step: `ref:${r.referralId}`, about: { kind: 'referral', officeKind: 'civil_registry', need: 'civil_documents' }, followUpId: expect.any(String) }),
    ]);
    expect(JSON.stringify(day.cannotCome)).not.toMatch(/Krasniqi|\+383/);

    expect(await resolveFollowUp('obiliq', day.cannotCome[0]!.followUpId, { outcome: 'reached_by_phone' }, w.clock.now().toISOString(), COORDINATOR, w.repos)).toMatchObject({ ok: true });
    expect((await today(w)).counts.cannotCome).toBe(0);
  });

  it('counts and lists a waiting referral blocked behind one cancelled, until the coordinator decides', async () => {
    const w = world();
    const { c, r } = await routed(w);
    const job = valueOf(await createReferral(c.caseId, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'], dependsOn: r.referralId }, w.intake));
    expect((await today(w)).counts.blocked).toBe(0);
    valueOf(await cancelReferral(c.caseId, r.referralId, 'no_longer_needed', w.intake, COORDINATOR));
    await reactToAnswer((await w.repos.referrals.get(c.caseId, r.referralId))!, { ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });

    const day = await today(w);
    expect(day.counts).toMatchObject({ blocked: 1, cannotCome: 0 });
    expect(day.blocked).toEqual([
      expect.objectContaining({ caseId: c.caseId, smrCaseId: 'SMR-2026-0142', referralId: job.referralId, officeKind: 'employment_office', need: 'job_seeker_registration', dependsOn: r.referralId, because: 'cancelled' }),
    ]);
  });
});
