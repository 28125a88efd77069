import { describe, expect, it } from 'vitest';
import { assessmentField } from '../../../web/src/lib/assessment-fields.js';

describe("the assessment form's box for a path the API's refusal names (web/src/lib/assessment-fields.ts)", () => {
  // Sent in this order: p2 first (p1 left out), then p3.
  const sent = [
    { personId: 'p2', missingDocuments: ['id_card', 'citizenship'], categories: ['single_parent'] },
    { personId: 'p3' },
  ];

  it("puts a member's answer beside its own question, the member named by id", () => {
    expect(['unemployed', 'wantsVocationalTraining', 'needsLanguageSupport', 'schoolAge', 'healthNeeds', 'psychosocialNeeds'].map((a) => assessmentField(`members.p3.${a}`, sent))).toEqual([
      'm-p3-unemployed',
      'm-p3-training',
      'm-p3-language',
      'm-p3-school',
      'm-p3-health',
      'm-p3-psy',
    ]);
  });

  it("puts a list's item on that item's box (by its place among those sent), a list as a whole on its first box", () => {
    expect(assessmentField('members.p2.missingDocuments.1', sent)).toBe('m-p2-doc-citizenship');
    expect(assessmentField('members.p2.categories.0', sent)).toBe('m-p2-cat-single_parent');
    expect(assessmentField('members.p2.missingDocuments', sent)).toBe('m-p2-doc-birth_certificate');
    expect(assessmentField('members.p3.categories.4', sent)).toBe('m-p3-cat-elderly_without_family_care');
  });

  it("puts the member itself, or an answer the form does not ask, on the member's included box; by place only for a member sent without a valid id", () => {
    expect(assessmentField('members.p2', sent)).toBe('m-p2-included');
    expect(assessmentField('members.p2.personId', sent)).toBe('m-p2-included');
    expect(assessmentField('members.p3.atRiskOfDropout', sent)).toBe('m-p3-included');
    expect(assessmentField('members.1.personId', sent)).toBe('m-p3-included');
    // Not a member sent: left as named (no box to lead to).
    expect(assessmentField('members.p9.personId', sent)).toBe('members.p9.personId');
  });

  it("puts the household's answers on their boxes, and leaves every other path as named", () => {
    expect(['socialAssistanceNeeded', 'specificCircumstances', 'specialisedSupport', 'housing'].map((a) => assessmentField(`household.${a}`, sent))).toEqual([
      'household.social',
      'household.police',
      'household.cso',
      'household.housing',
    ]);
    expect(assessmentField('assessedAt', sent)).toBe('assessedAt');
    expect(assessmentField('exclude.0', sent)).toBe('exclude.0');
  });
});
