import { describe, expect, it } from 'vitest';
import { AssessmentError } from '../../../shared/assessment/errors.js';
import { AssessmentInput, parseAssessment } from '../../../shared/assessment/schema.js';
import { OBILIQ_ASSESSMENT } from './fixtures.js';

function problemsOf(json: unknown): string[] {
  try {
    parseAssessment(json);
  } catch (err) {
    expect(err).toBeInstanceOf(AssessmentError);
    return (err as AssessmentError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  throw new Error('expected the assessment to be rejected');
}

const base = () => structuredClone(OBILIQ_ASSESSMENT) as Record<string, any>;

describe('AssessmentInput', () => {
  it('accepts the Obiliq assessment unchanged, and a minimal one', () => {
    expect(parseAssessment(base())).toEqual(OBILIQ_ASSESSMENT);
    const minimal = { assessedAt: '2025-01-02', members: [{ personId: 'p1' }], household: {} };
    expect(AssessmentInput.parse(minimal)).toEqual(minimal);
  });

  it('names the path of an unknown field (strict objects, all levels)', () => {
    const a = base();
    a.members[1].wantsTraining = true;
    a.household.rent = 200;
    a.note = 'x';
    expect(problemsOf(a)).toEqual(['members.p2.wantsTraining: unknown field', 'household.rent: unknown field', 'note: unknown field']);
  });

  it('names the path of a wrong value', () => {
    const a = base();
    a.members[0].missingDocuments = ['id_card', 'passport'];
    a.members[2].categories = ['single_parent', 'refugee'];
    a.members[3].unemployed = 'yes';
    a.household.housing = 'tent';
    a.assessedAt = '12.03.2025';
    const problems = problemsOf(a);
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'assessedAt',
      'members.p1.missingDocuments.1',
      'members.p3.categories.1',
      'members.p4.unemployed',
      'household.housing',
    ]);
  });

  it('rejects a document or category listed twice, at its index', () => {
    const a = base();
    a.members[0].missingDocuments = ['id_card', 'birth_certificate', 'id_card'];
    expect(problemsOf(a)).toEqual(['members.p1.missingDocuments.2: "id_card" is listed twice']);
  });

  it('names a member by its id, whatever order the members were sent in', () => {
    const a = base();
    a.members.reverse();
    a.members[0].unemployed = 'yes';
    a.members[2].wantsTraining = true;
    expect(problemsOf(a).map((p) => p.split(':')[0])).toEqual(['members.p4.unemployed', 'members.p2.wantsTraining']);
  });

  it('rejects a person assessed twice, a malformed person id (named by its place: it has no id), no members, and missing sections', () => {
    const a = base();
    a.members[3].personId = 'p1';
    expect(problemsOf(a)).toEqual(['members.p1.personId: person "p1" is assessed twice']);
    const b = base();
    b.members[1].personId = 'P 2';
    b.members[1].unemployed = 'no';
    expect(problemsOf(b).map((p) => p.split(':')[0])).toEqual(['members.1.personId', 'members.1.unemployed']);
    expect(problemsOf({ ...base(), members: [] })[0]).toMatch(/^members: /);
    expect(problemsOf({ assessedAt: '2025-03-12', members: [{ personId: 'p1' }] })[0]).toMatch(/^household: /);
  });

  it('the error message names every field', () => {
    const a = base();
    a.members[0].unemployed = 1;
    a.household.police = true;
    expect(() => parseAssessment(a)).toThrow(/members\.p1\.unemployed: [\s\S]*household\.police: unknown field/);
  });
});
