import { describe, expect, it } from 'vitest';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { renderAny } from '../../../shared/messages/index.js';
import { createCase, createReferral, submitAssessment } from '../../../shared/referrals/intake.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { OBILIQ_ASSESSMENT } from '../assessment/fixtures.js';
import { arrival, COORDINATOR, MONDAY, routeDeps, valueOf, world, type World } from '../support/world.js';

/**
 * Intake on the in-memory repositories: what registering a case, making a referral and
 * submitting a needs assessment write, what a repeat writes (nothing), and what is refused.
 */

const Q4 = quarterOf(MONDAY);

async function registered(w: World, smrCaseId = 'SMR-2026-0142') {
  return valueOf(await createCase(arrival(smrCaseId), w.intake, COORDINATOR));
}

describe('createCase', () => {
  it('registers the case with its SMR id claimed, its clocks started, counted, listed and on record', async () => {
    const w = world();
    const c = await registered(w);
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.case).toMatchObject({ smrCaseId: 'SMR-2026-0142', municipalityId: 'obiliq', status: 'open', createdAt: MONDAY.toISOString() });
    expect(view.case.expiresAt * 1000).toBeGreaterThan(Date.parse('2028-05-20T00:00:00Z'));
    expect(view.timers.map((t) => t.kind).sort()).toEqual(['case.closure', 'case.evaluation', 'case.monitoring', 'visit.escalation', 'visit.reminder']);
    expect(view.timers.every((t) => t.status === 'pending' && t.dueBucket === t.dueAt.slice(0, 13))).toBe(true);
    expect(view.audit.map((a) => [a.event, a.by])).toEqual([['case.created', COORDINATOR.by]]);
    expect(await w.repos.cases.caseIdOfSmr('smr-2026-0142')).toBe(c.caseId);
    expect((await w.repos.worklists.openCases('obiliq')).map((x) => x.caseId)).toEqual([c.caseId]);
    expect((await w.repos.indicators.figures('obiliq', Q4)).casesOpened).toBe(1);
  });

  it('refuses a second case with the same SMR id, naming the first, and writes nothing for it', async () => {
    const w = world();
    const first = await registered(w);
    const size = w.table.size;
    w.clock.advance(60_000);
    const again = await createCase(arrival('smr-2026-0142', { arrivalDate: '2026-11-21' }), w.intake, COORDINATOR);
    expect(again).toEqual({ ok: false, problem: expect.objectContaining({ kind: 'conflict', field: 'smrCaseId', existingCaseId: first.caseId }) });
    expect(w.table.size).toBe(size);
    expect((await w.repos.indicators.figures('obiliq', Q4)).casesOpened).toBe(1);
  });

  it('refuses a municipality or coordinator the directory does not know, writing nothing', async () => {
    const w = world();
    const badMuni = await createCase(arrival('SMR-1', { municipalityId: 'atlantis' }), w.intake, COORDINATOR);
    expect(badMuni).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'municipalityId' } });
    const badCoordinator = await createCase(arrival('SMR-1', { coordinatorId: 'partesh-zkkk-01' }), w.intake, COORDINATOR);
    expect(badCoordinator).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'coordinatorId' } });
    expect(w.table.size).toBe(0);
  });
});

describe('createReferral', () => {
  it("refers to the municipality's office of that kind, due in its working days, awaiting acknowledgement", async () => {
    const w = world();
    const c = await registered(w);
    const out = await createReferral(c.caseId, { officeKind: 'social_work_centre', need: 'social_support', personIds: ['p2', 'p2'] }, w.intake);
    const r = valueOf(out);
    expect(out.created).toBe(true);
    // Monday + 5 working days (Obiliq's default): the Monday after.
    expect(r).toMatchObject({ officeId: 'obiliq-social-work-centre', status: 'created', ackDueDate: '2026-11-30', personIds: ['p2'], smrCaseId: 'SMR-2026-0142', expiresAt: c.expiresAt });
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject(r);
    expect((await w.repos.worklists.awaitingAck('obiliq')).map((x) => x.referralId)).toEqual([r.referralId]);
    const f = await w.repos.indicators.figures('obiliq', Q4);
    expect([f.referralsMade, f.personsReferred.social_work_centre]).toEqual([1, 1]);
  });

  it('refers the whole household when no one is named, and refuses one who is not a member', async () => {
    const w = world();
    const c = await registered(w);
    expect(valueOf(await createReferral(c.caseId, { officeKind: 'housing', need: 'housing' }, w.intake)).personIds).toEqual(['p1', 'p2', 'p3', 'p4']);
    const stranger = await createReferral(c.caseId, { officeKind: 'housing', need: 'housing', personIds: ['p1', 'p9'] }, w.intake);
    expect(stranger).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'personIds.1' } });
    expect((await w.repos.cases.view(c.caseId))!.referrals).toHaveLength(1);
  });

  it('makes a referral wait for an unfinished prerequisite, and refuses one the case does not have', async () => {
    const w = world();
    const c = await registered(w);
    const docs = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    const school = valueOf(await createReferral(c.caseId, { officeKind: 'education_directorate', need: 'school_enrolment', dependsOn: docs.referralId }, w.intake));
    expect(school).toMatchObject({ status: 'waiting', dependsOn: docs.referralId });
    expect((await w.repos.worklists.awaitingAck('obiliq')).map((x) => x.referralId)).toEqual([docs.referralId]);
    const missing = await createReferral(c.caseId, { officeKind: 'housing', need: 'housing', dependsOn: '01KNOSUCHREFERRAL000000000' }, w.intake);
    expect(missing).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'dependsOn' } });
  });

  it('takes a declined referral off the declined list when a new one for the same need follows', async () => {
    const w = world();
    const c = await registered(w);
    const first = valueOf(await createReferral(c.caseId, { officeKind: 'social_work_centre', need: 'social_support' }, w.intake));
    await w.repos.referrals.move(first, 'declined', { answeredAt: '2026-11-24T10:00:00.000Z', declineReason: 'lack_of_capacity' }, { event: 'referral.declined', by: 'office:x', via: 'link:decline' });
    expect(await w.repos.worklists.declined('obiliq')).toHaveLength(1);
    w.clock.advance(86_400_000);
    valueOf(await createReferral(c.caseId, { officeKind: 'cso', need: 'social_support' }, w.intake));
    expect(await w.repos.worklists.declined('obiliq')).toEqual([]);
    expect((await w.repos.referrals.get(c.caseId, first.referralId))?.reReferredAt).toBe(w.clock.now().toISOString());
  });

  it('looks for a declined referral to take off the list only for a need declined before in the case', async () => {
    const w = world();
    const c = await registered(w);
    const looked: string[] = [];
    const referrals = w.intake.referrals;
    const intake = { ...w.intake, referrals: Object.assign(Object.create(referrals) as typeof referrals, { markReReferred: (...a: Parameters<typeof referrals.markReReferred>) => (looked.push(a[1]), referrals.markReReferred(...a)) }) };
    const first = valueOf(await createReferral(c.caseId, { officeKind: 'social_work_centre', need: 'social_support' }, intake));
    valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, intake));
    expect(looked).toEqual([]);
    // The decline notes its need on the case, in its own transaction.
    await w.repos.referrals.move(first, 'declined', { answeredAt: '2026-11-24T10:00:00.000Z', declineReason: 'lack_of_capacity' }, { event: 'referral.declined', by: 'office:x', via: 'link:decline' });
    expect((await w.repos.cases.get(c.caseId))?.declinedNeeds).toEqual(['social_support']);
    valueOf(await createReferral(c.caseId, { officeKind: 'employment_office', need: 'job_seeker_registration' }, intake));
    valueOf(await createReferral(c.caseId, { officeKind: 'cso', need: 'social_support' }, intake));
    expect(looked).toEqual(['social_support']);
  });

  it('refers nothing under a closed or unknown case', async () => {
    const w = world();
    const c = await registered(w);
    await w.repos.cases.close(c.caseId, MONDAY.toISOString(), COORDINATOR);
    for (const caseId of [c.caseId, '01KNOSUCHCASE0000000000000']) {
      expect(await createReferral(caseId, { officeKind: 'housing', need: 'housing' }, w.intake)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    }
    expect((await w.repos.cases.view(c.caseId))!.referrals).toEqual([]);
  });
});

describe('submitAssessment', () => {
  it("makes the rules' referrals once, the dependants waiting; the same submission again makes nothing", async () => {
    const w = world();
    const c = await registered(w);
    const first = valueOf(await submitAssessment(c.caseId, OBILIQ_ASSESSMENT, w.intake)).referrals;
    expect(first.map((r) => [r.assessmentKey, r.status, r.created])).toEqual([
      ['civil-documents:p1,p3,p4', 'created', true],
      ['job-seeker:p1', 'waiting', true],
      ['school-enrolment:p3,p4', 'created', true],
      ['housing:p1,p2,p3,p4', 'created', true],
    ]);
    const docs = first[0]!.referralId;
    expect(first.filter((r) => r.status === 'waiting').map((r) => [r.assessmentKey, r.dependsOn])).toEqual([['job-seeker:p1', docs]]);
    const size = w.table.size;
    const again = valueOf(await submitAssessment(c.caseId, OBILIQ_ASSESSMENT, w.intake)).referrals;
    expect(again.map((r) => [r.referralId, r.created])).toEqual(first.map((r) => [r.referralId, false]));
    expect(w.table.size).toBe(size);
    expect((await w.repos.indicators.figures('obiliq', Q4)).referralsMade).toBe(4);
  });

  // Plan O6.1: the education directorate enrols the children and helps with their documents meanwhile.
  it('sends school enrolment at once beside civil documents, and its email asks the school not to wait and to help with the documents', async () => {
    const w = world();
    const c = await registered(w);
    const made = valueOf(await submitAssessment(c.caseId, OBILIQ_ASSESSMENT, w.intake)).referrals;
    const school = made.find((r) => r.need === 'school_enrolment')!;
    const docs = made.find((r) => r.need === 'civil_documents')!;
    expect(school).toMatchObject({ status: 'created', documentsMissing: true });
    expect(school.dependsOn).toBeUndefined();
    expect(docs.documentsMissing).toBeUndefined();
    const emailOf = async (r: { referralId: string }) => {
      await routeReferral((await w.repos.referrals.get(c.caseId, r.referralId))!, routeDeps(w));
      const intent = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.referralId === r.referralId && i.template === 'referral.office.email')!;
      return renderAny(intent.template, intent.data, ['en', 'sq', 'sr-Latn']).email!.text;
    };
    const schoolText = await emailOf(school);
    expect(schoolText).toContain('Civil documents of the persons referred are still missing');
    expect(schoolText).toContain('Dokumentacioni civil i personave të referuar ende mungon');
    expect(schoolText).toContain('Civilna dokumentacija upućenih osoba još nedostaje');
    expect(await emailOf(docs)).not.toContain('still missing');
  });

  it('leaves an unticked proposal unmade, and its dependants go at once', async () => {
    const w = world();
    const c = await registered(w);
    const out = valueOf(await submitAssessment(c.caseId, { ...OBILIQ_ASSESSMENT, exclude: ['civil-documents:p1,p3,p4'] }, w.intake)).referrals;
    expect(out.map((r) => [r.assessmentKey, r.status])).toEqual([
      ['job-seeker:p1', 'created'],
      ['school-enrolment:p3,p4', 'created'],
      ['housing:p1,p2,p3,p4', 'created'],
    ]);
    expect((await w.repos.cases.view(c.caseId))!.referrals).toHaveLength(3);
  });

  it('refuses answers that do not fit, and a closed case, writing no referral', async () => {
    const w = world();
    const c = await registered(w);
    const bad = await submitAssessment(c.caseId, { ...OBILIQ_ASSESSMENT, exclude: ['no-such-proposal'] }, w.intake);
    expect(bad).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'exclude.0' } });
    await w.repos.cases.close(c.caseId, MONDAY.toISOString(), COORDINATOR);
    expect(await submitAssessment(c.caseId, OBILIQ_ASSESSMENT, w.intake)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    expect((await w.repos.cases.view(c.caseId))!.referrals).toEqual([]);
  });
});
