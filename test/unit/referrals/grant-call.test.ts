import { describe, expect, it } from 'vitest';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { GrantCallInput } from '../../../shared/domain/grant-call.js';
import { announceGrantCall, type GrantCallDeps } from '../../../shared/referrals/grant-call.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { cancelReferral, closeCase } from '../../../shared/referrals/lifecycle.js';
import { returnWordsIn } from '../../contract/return-words.js';
import { arrival, COORDINATOR, deliverDeps, valueOf, world, type World } from '../support/world.js';

/**
 * A grant call told to those who registered an interest, on the in-memory repositories: who is
 * told (an open case of the municipality with a referral for agricultural grants), who is skipped
 * and why, and that the same call posted again writes and sends nothing.
 */

const CALL = GrantCallInput.parse({ call: 'agriculture', closesOn: '2027-01-29', title: 'Serra 2027', where: 'DBZHR, zyra 12' });
const AGRICULTURE = { officeKind: 'agriculture_directorate', need: 'agriculture_grant' } as const;

const deps = (w: World): GrantCallDeps => ({ ...w.repos, audit: w.repos.retention, directory: w.directory, clock: w.clock });

let smr = 100;
async function household(w: World, fields: Record<string, unknown> = {}, need: 'agriculture' | 'other' | 'none' = 'agriculture') {
  const c = valueOf(await createCase(arrival(`SMR-2026-0${smr++}`, fields), w.intake, COORDINATOR));
  const referral =
    need === 'none' ? undefined : valueOf(await createReferral(c.caseId, need === 'agriculture' ? AGRICULTURE : { officeKind: 'legal_aid', need: 'free_legal_aid' }, w.intake));
  return { c, referral };
}

const grantIntents = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents.filter((i) => i.purpose === 'grant.call');

describe('a grant call told to those who registered an interest', () => {
  it('texts each open case of the municipality with an agriculture-grant referral, skips those without consent or opted out, and no one else', async () => {
    const w = world();
    const told = await household(w);
    const noConsent = await household(w, { consent: { sms: false, shareWithOffices: true } });
    const optedOut = await household(w);
    expect(await w.repos.cases.setSmsOptOut(optedOut.c.caseId, { reason: 'returnee_asked' }, w.clock.now().toISOString(), COORDINATOR)).toBe(true);
    const otherNeed = await household(w, {}, 'other');
    const cancelled = await household(w);
    valueOf(await cancelReferral(cancelled.c.caseId, cancelled.referral!.referralId, 'no_longer_needed', w.intake, COORDINATOR));
    const closed = await household(w);
    valueOf(await closeCase(closed.c.caseId, w.intake, COORDINATOR));
    const partesh = await household(w, { municipalityId: 'partesh', coordinatorId: 'partesh-okzp-01' });

    const result = valueOf(await announceGrantCall('obiliq', CALL, deps(w), COORDINATOR));
    expect(result).toEqual({ callId: 'obiliq#grantcall#agriculture#2027-01-29', told: 1, skipped: { total: 2, noConsent: 1, optedOut: 1, noPhone: 0 }, alreadyHandled: 0 });

    const [sms] = await grantIntents(w, told.c.caseId);
    expect(sms).toMatchObject({ status: 'queued', template: 'grant.returnee.call', recipient: '+38349555123', languages: ['sq'], intentId: `${told.c.caseId}#grantcall#agriculture#2027-01-29#grant.call` });
    expect(await grantIntents(w, noConsent.c.caseId)).toMatchObject([{ status: 'skipped', skipReason: 'no_sms_consent' }]);
    expect(await grantIntents(w, optedOut.c.caseId)).toMatchObject([{ status: 'skipped', skipReason: 'no_sms_consent' }]);
    for (const none of [otherNeed, cancelled, closed, partesh]) expect(await grantIntents(w, none.c.caseId)).toEqual([]);

    const d = deliverDeps(w);
    await deliverIntent(sms!, d.deps);
    expect(d.sms.sent).toHaveLength(1);
    expect(d.sms.sent[0]!.text).toMatch(/grante bujq.sore/i);
    expect(d.sms.sent[0]!.text).toContain('29.01.2027');
    expect(d.sms.sent[0]!.text).toContain('Serra 2027');
    expect(d.sms.sent[0]!.text).toContain('DBZHR, zyra 12');

    // On record: the call's id and counts, nothing about anyone.
    const audit = [...w.table.partition('MUNI#obiliq')].filter((i) => i.sk.startsWith('AUDIT#'));
    expect(audit).toMatchObject([{ subjectId: result.callId, event: 'grant_call.announced', by: COORDINATOR.by, detail: { call: 'agriculture', closesOn: '2027-01-29', told: '1', skipped: '2', alreadyHandled: '0' } }]);
  });

  it('a retried request (or the same call with another title) writes and sends nothing twice', async () => {
    const w = world();
    const { c } = await household(w);
    await household(w, { consent: { sms: false, shareWithOffices: true } });
    valueOf(await announceGrantCall('obiliq', CALL, deps(w), COORDINATOR));
    const again = valueOf(await announceGrantCall('obiliq', { ...CALL, title: 'Serra' }, deps(w), COORDINATOR));
    expect(again).toMatchObject({ told: 0, skipped: { total: 0 }, alreadyHandled: 2 });
    const intents = await grantIntents(w, c.caseId);
    expect(intents).toHaveLength(1);
    const d = deliverDeps(w);
    await deliverIntent(intents[0]!, d.deps);
    await deliverIntent(intents[0]!, d.deps);
    expect(d.sms.sent).toHaveLength(1);
    // Another call (another closing day) is told again.
    expect(valueOf(await announceGrantCall('obiliq', { ...CALL, closesOn: '2027-06-30' }, deps(w), COORDINATOR)).told).toBe(1);
  });

  it('a foreigner is told in their language without a word of return, from the municipality', async () => {
    for (const language of ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const) {
      const w = world();
      const { c } = await household(w, { municipalityId: 'partesh', coordinatorId: 'partesh-okzp-01', category: 'foreigner', preferredLanguage: language });
      expect(valueOf(await announceGrantCall('partesh', CALL, deps(w), COORDINATOR)).told).toBe(1);
      const d = deliverDeps(w);
      await deliverIntent((await grantIntents(w, c.caseId))[0]!, d.deps);
      const text = d.sms.sent[0]!.text;
      expect(returnWordsIn(text), `${language}: ${text}`).toEqual([]);
      expect(text, language).toMatch(/^(Komuna Partesh|Opstina Partes|Opština Parteš|Partesh Municipality|Општина Партеш)/);
    }
  });

  it('at night the SMS waits for the morning', async () => {
    const w = world(new Date('2026-11-23T21:30:00Z'));
    const { c } = await household(w);
    valueOf(await announceGrantCall('obiliq', CALL, deps(w), COORDINATOR));
    expect(await grantIntents(w, c.caseId)).toMatchObject([{ status: 'deferred', notBefore: '2026-11-24T07:00:00.000Z' }]);
  });

  it('refuses a call already closed, naming closesOn, and writes nothing', async () => {
    const w = world();
    const { c } = await household(w);
    const r = await announceGrantCall('obiliq', { ...CALL, closesOn: '2026-11-22' }, deps(w), COORDINATOR);
    expect(r).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'closesOn' } });
    expect(await grantIntents(w, c.caseId)).toEqual([]);
  });

  it('refuses a title and place that would put the SMS over the municipality’s cap, naming the longer', async () => {
    const w = world();
    const strict = { ...w.directory, smsPolicy: () => ({ maxSegments: 1, letters: { sq: 'auto', 'sr-Latn': 'auto', 'sr-Cyrl': 'auto', en: 'auto' } as const }) };
    const { c } = await household(w);
    const r = await announceGrantCall('obiliq', { ...CALL, where: 'Drejtoria e Bujqësisë dhe Zhvillimit Rural, zyra 12' }, { ...deps(w), directory: strict }, COORDINATOR);
    expect(r).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'where' } });
    expect(await grantIntents(w, c.caseId)).toEqual([]);
  });
});
