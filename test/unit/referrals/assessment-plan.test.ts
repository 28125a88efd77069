import { describe, expect, it } from 'vitest';
import { bundledDirectory, directoryFrom } from '../../../shared/directory/directory.js';
import { planAssessment, type AssessmentProposal } from '../../../shared/referrals/assessment-plan.js';
import type { CaseItem } from '../../../shared/store/case.js';
import { OBILIQ_ASSESSMENT, OBILIQ_HOUSEHOLD, YEAR } from '../assessment/fixtures.js';

const directory = bundledDirectory();
const theCase = {
  caseId: '01KCASE0000000000000000000',
  municipalityId: 'obiliq',
  household: OBILIQ_HOUSEHOLD.map((m) => ({ ...m })),
} as unknown as CaseItem;

function plan(body: unknown, dir = directory) {
  const out = planAssessment(theCase, body, dir, YEAR);
  if (!out.ok) throw new Error(`${out.problem.kind}: ${'field' in out.problem ? out.problem.field : ''} ${out.problem.message}`);
  return out.value;
}
const problemOf = (body: unknown, dir = directory) => {
  const out = planAssessment(theCase, body, dir, YEAR);
  return out.ok ? undefined : out.problem;
};
const byKey = (ps: AssessmentProposal[]) => Object.fromEntries(ps.map((p) => [p.key, p]));

describe('planAssessment: what the rules propose and what the coordinator ticks', () => {
  it('proposes the rules’ referrals with stable keys and ids, and the prerequisite by key', () => {
    const ps = plan(OBILIQ_ASSESSMENT);
    expect(ps.map((p) => p.key)).toEqual(['civil-documents:p1,p3,p4', 'job-seeker:p1', 'school-enrolment:p3,p4', 'housing:p1,p2,p3,p4']);
    const k = byKey(ps);
    expect(k['job-seeker:p1']).toMatchObject({ source: 'rules', ruleId: 'job-seeker', dependsOn: 'civil-documents:p1,p3,p4', excluded: false });
    expect(k['housing:p1,p2,p3,p4']!.dependsOn).toBeUndefined();
    expect(plan(OBILIQ_ASSESSMENT).map((p) => p.referralId)).toEqual(ps.map((p) => p.referralId));
  });

  it('an excluded prerequisite is not waited for: its dependants go at once', () => {
    const ps = plan({ ...OBILIQ_ASSESSMENT, exclude: ['civil-documents:p1,p3,p4'] });
    const k = byKey(ps);
    expect(k['civil-documents:p1,p3,p4']!.excluded).toBe(true);
    expect(k['job-seeker:p1']!.dependsOn).toBeUndefined();
    expect(k['school-enrolment:p3,p4']!.dependsOn).toBeUndefined();
  });

  it('adds the coordinator’s own referrals, with derived ids, optionally waiting for a proposal', () => {
    const body = {
      ...OBILIQ_ASSESSMENT,
      include: [{ officeKind: 'health', need: 'health_care', personIds: ['p2'], note: 'dentist', dependsOn: 'civil-documents:p1,p3,p4' }],
    };
    const added = plan(body).at(-1)!;
    expect(added).toMatchObject({ key: 'include:health:health_care:p2', source: 'coordinator', personIds: ['p2'], note: 'dentist', dependsOn: 'civil-documents:p1,p3,p4' });
    expect(plan(body).at(-1)!.referralId).toBe(added.referralId);
    // Without persons: the whole household, as POST /cases/{id}/referrals.
    expect(plan({ ...OBILIQ_ASSESSMENT, include: [{ officeKind: 'cso', need: 'specialised_service' }] }).at(-1)!.personIds).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('names the field of each problem with the choice', () => {
    expect(problemOf({ ...OBILIQ_ASSESSMENT, exclude: ['housing:p1'] })).toMatchObject({ field: 'exclude.0' });
    expect(problemOf({ ...OBILIQ_ASSESSMENT, exclude: 'housing' })).toMatchObject({ field: 'exclude' });
    expect(problemOf({ ...OBILIQ_ASSESSMENT, include: [{ officeKind: 'nope', need: 'housing' }] })).toMatchObject({ field: 'include.0.officeKind' });
    expect(problemOf({ ...OBILIQ_ASSESSMENT, include: [{ officeKind: 'health', need: 'health_care', extra: 1 }] })).toMatchObject({ field: 'include.0.extra' });
    expect(problemOf({ ...OBILIQ_ASSESSMENT, include: [{ officeKind: 'health', need: 'health_care', personIds: ['p1', 'p9'] }] })).toMatchObject({ field: 'include.0.personIds.1' });
    expect(problemOf({ ...OBILIQ_ASSESSMENT, include: [{ officeKind: 'health', need: 'health_care', dependsOn: 'nope' }] })).toMatchObject({ field: 'include.0.dependsOn' });
    expect(
      problemOf({ ...OBILIQ_ASSESSMENT, exclude: ['civil-documents:p1,p3,p4'], include: [{ officeKind: 'health', need: 'health_care', dependsOn: 'civil-documents:p1,p3,p4' }] }),
    ).toMatchObject({ field: 'include.0.dependsOn', message: expect.stringContaining('excluded') });
    // The same referral as a proposal, or twice: one referral, not two.
    expect(problemOf({ ...OBILIQ_ASSESSMENT, include: [{ officeKind: 'housing', need: 'housing' }] })).toMatchObject({ field: 'include.0', message: expect.stringContaining('housing:p1,p2,p3,p4') });
    const twice = { officeKind: 'health', need: 'health_care', personIds: ['p2'] };
    expect(problemOf({ ...OBILIQ_ASSESSMENT, include: [twice, twice] })).toMatchObject({ field: 'include.1', message: 'listed twice' });
    // Unticked, the proposal may be added back in the coordinator's own words (persons, note).
    expect(problemOf({ ...OBILIQ_ASSESSMENT, exclude: ['housing:p1,p2,p3,p4'], include: [{ officeKind: 'housing', need: 'housing', note: 'roof' }] })).toBeUndefined();
  });

  it('the answers keep their own checks, and a body that is no object is "body"', () => {
    expect(problemOf({ ...OBILIQ_ASSESSMENT, members: [{ personId: 'p9' }] })).toMatchObject({ field: 'members.p9.personId' });
    expect(problemOf({ ...OBILIQ_ASSESSMENT, unknown: true })).toMatchObject({ field: 'unknown' });
    for (const body of [[], 'x', 42, null]) expect(problemOf(body)).toMatchObject({ field: 'body' });
  });

  it('a proposal for an office the municipality lacks must be excluded', () => {
    const obiliq = directory.municipality('obiliq')!;
    const noHousing = directoryFrom([{ ...obiliq, offices: obiliq.offices.filter((o) => o.kind !== 'housing') }]);
    expect(problemOf(OBILIQ_ASSESSMENT, noHousing)).toMatchObject({ field: 'exclude', message: expect.stringContaining('housing:p1,p2,p3,p4') });
    expect(problemOf({ ...OBILIQ_ASSESSMENT, exclude: ['housing:p1,p2,p3,p4'] }, noHousing)).toBeUndefined();
  });
});
