import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssessmentError, RulesError } from '../../../shared/assessment/errors.js';
import { SCHOOL_AGE, evaluateAssessment, type ReferralDraft } from '../../../shared/assessment/evaluate.js';
import { bundledRules, type Rule } from '../../../shared/assessment/rules.js';
import { MissingDocument, parseAssessment, type AssessedMember, type AssessmentInput } from '../../../shared/assessment/schema.js';
import { VulnerableCategory } from '../../../shared/domain/vocabulary.js';
import { OBILIQ_ASSESSMENT, OBILIQ_HOUSEHOLD, YEAR } from './fixtures.js';

const household = OBILIQ_HOUSEHOLD.map(({ id, birthYear }) => ({ id, birthYear }));

/** An assessment of the Obiliq household with the given answers (others left blank). */
function assess(members: AssessedMember[], h: AssessmentInput['household'] = {}): AssessmentInput {
  return { assessedAt: '2025-03-12', members, household: h };
}
const everyone = (extra: Partial<AssessedMember> = {}) => household.map((m) => ({ personId: m.id, ...extra }));

describe('the Obiliq family', () => {
  it('gets civil documents for those missing them, a job seeker registration waiting for them, and school enrolment alongside them (plan O6.1)', () => {
    expect(evaluateAssessment(OBILIQ_ASSESSMENT, household, YEAR)).toEqual<ReferralDraft[]>([
      {
        ruleId: 'civil-documents',
        officeKind: 'civil_registry',
        need: 'civil_documents',
        personIds: ['p1', 'p3', 'p4'],
        categories: [],
        key: 'civil-documents:p1,p3,p4',
      },
      {
        ruleId: 'job-seeker',
        officeKind: 'employment_office',
        need: 'job_seeker_registration',
        personIds: ['p1'],
        categories: [],
        dependsOnRuleId: 'civil-documents',
        key: 'job-seeker:p1',
      },
      {
        ruleId: 'school-enrolment',
        officeKind: 'education_directorate',
        need: 'school_enrolment',
        personIds: ['p3', 'p4'],
        categories: [],
        alongsideRuleId: 'civil-documents',
        key: 'school-enrolment:p3,p4',
      },
      {
        ruleId: 'housing',
        officeKind: 'housing',
        need: 'housing',
        personIds: ['p1', 'p2', 'p3', 'p4'],
        categories: [],
        key: 'housing:p1,p2,p3,p4',
      },
    ]);
  });

  it('refers all four to the civil registry in one referral when all four miss documents', () => {
    const a = structuredClone(OBILIQ_ASSESSMENT);
    a.members[1]!.missingDocuments = ['residence_registration'];
    const drafts = evaluateAssessment(a, household, YEAR);
    expect(drafts.filter((d) => d.ruleId === 'civil-documents')).toEqual([
      expect.objectContaining({ personIds: ['p1', 'p2', 'p3', 'p4'], key: 'civil-documents:p1,p2,p3,p4' }),
    ]);
  });

  it('gives the same drafts and keys whatever the order of the form and of the household', () => {
    const shuffled = { ...OBILIQ_ASSESSMENT, members: [...OBILIQ_ASSESSMENT.members].reverse() };
    expect(evaluateAssessment(shuffled, household, YEAR)).toEqual(evaluateAssessment(OBILIQ_ASSESSMENT, household, YEAR));
    const reversedHousehold = [...household].reverse();
    const keys = (d: ReferralDraft[]) => d.map((x) => x.key);
    expect(keys(evaluateAssessment(OBILIQ_ASSESSMENT, reversedHousehold, YEAR))).toEqual(keys(evaluateAssessment(OBILIQ_ASSESSMENT, household, YEAR)));
    // personIds follow the household order given.
    expect(evaluateAssessment(OBILIQ_ASSESSMENT, reversedHousehold, YEAR)[0]!.personIds).toEqual(['p4', 'p3', 'p1']);
  });

  it('evaluates answers that came through parseAssessment (the HTTP path) the same way', () => {
    expect(evaluateAssessment(parseAssessment(JSON.parse(JSON.stringify(OBILIQ_ASSESSMENT))), household, YEAR)).toEqual(
      evaluateAssessment(OBILIQ_ASSESSMENT, household, YEAR),
    );
  });
});

describe('each rule on its own', () => {
  // Ages in 2025: p1 41, p2 38, p3 10, p4 7. Adults only, so that school age stays out of the way.
  const adults = (a: Partial<AssessedMember>) => [{ personId: 'p1', ...a }, { personId: 'p2' }];
  const cases: [string, AssessmentInput, Partial<ReferralDraft>][] = [
    ['civil-documents', assess(adults({ missingDocuments: ['citizenship'] })), { officeKind: 'civil_registry', need: 'civil_documents', personIds: ['p1'] }],
    ['job-seeker', assess(adults({ unemployed: true })), { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'] }],
    ['vocational-training', assess(adults({ wantsVocationalTraining: true })), { officeKind: 'vocational_training', need: 'vocational_training', personIds: ['p1'] }],
    ['school-enrolment', assess([{ personId: 'p1' }, { personId: 'p4' }]), { officeKind: 'education_directorate', need: 'school_enrolment', personIds: ['p4'] }],
    [
      'social-support',
      assess(adults({ categories: ['single_parent'] })),
      { officeKind: 'social_work_centre', need: 'social_support', personIds: ['p1'], categories: ['single_parent'] },
    ],
    ['health-care', assess(adults({ healthNeeds: true })), { officeKind: 'health', need: 'health_care', personIds: ['p1'] }],
    ['psychosocial-support', assess(adults({ psychosocialNeeds: true })), { officeKind: 'mental_health', need: 'psychosocial_support', personIds: ['p1'] }],
    ['housing', assess(adults({}), { housing: 'none' }), { officeKind: 'housing', need: 'housing', personIds: ['p1', 'p2'] }],
    ['police-assistance', assess(adults({}), { specificCircumstances: true }), { officeKind: 'police', need: 'police_assistance', personIds: ['p1', 'p2'] }],
    [
      'specialised-service',
      assess(adults({}), { specialisedSupport: true }),
      { officeKind: 'cso', need: 'specialised_service', personIds: ['p1', 'p2'], categories: [] },
    ],
    ['language-course', assess(adults({ needsLanguageSupport: true })), { officeKind: 'education_directorate', need: 'language_course', personIds: ['p1'] }],
  ];

  it.each(cases)('%s', (ruleId, input, expected) => {
    const drafts = evaluateAssessment(input, household, YEAR);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toEqual({ ruleId, categories: [], key: `${ruleId}:${expected.personIds!.join(',')}`, ...expected });
  });

  it('nothing answered (adults only, adequate housing) gives no referral', () => {
    expect(evaluateAssessment(assess(everyone().slice(0, 2), { housing: 'adequate' }), household, YEAR)).toEqual([]);
    const allFalse = { unemployed: false, wantsVocationalTraining: false, healthNeeds: false, psychosocialNeeds: false, missingDocuments: [], categories: [] };
    const h = { housing: 'adequate', socialAssistanceNeeded: false, specificCircumstances: false, specialisedSupport: false } as const;
    expect(evaluateAssessment(assess(everyone(allFalse).slice(0, 2), h), household, YEAR)).toEqual([]);
  });
});

describe('job seeker', () => {
  const H = [
    { id: 'a17', birthYear: 2008 },
    { id: 'a18', birthYear: 2007 },
    { id: 'a64', birthYear: 1961 },
    { id: 'a65', birthYear: 1960 },
  ];
  it('is for unemployed adults aged 18 to 64 in the reference year', () => {
    const input = assess(H.map((m) => ({ personId: m.id, unemployed: true, schoolAge: false })));
    expect(evaluateAssessment(input, H, 2025)).toEqual([expect.objectContaining({ ruleId: 'job-seeker', personIds: ['a18', 'a64'], key: 'job-seeker:a18,a64' })]);
  });

  it('depends on civil documents only for the person who misses documents: two referrals', () => {
    const input = assess([
      { personId: 'p1', unemployed: true },
      { personId: 'p2', unemployed: true, missingDocuments: ['id_card'] },
    ]);
    expect(evaluateAssessment(input, household, YEAR).map((d) => [d.key, d.dependsOnRuleId])).toEqual([
      ['civil-documents:p2', undefined],
      ['job-seeker:p1', undefined],
      ['job-seeker:p2', 'civil-documents'],
    ]);
  });

  it('does not depend on civil documents when only someone else misses documents', () => {
    const input = assess([{ personId: 'p1', unemployed: true }, { personId: 'p2', missingDocuments: ['birth_certificate'] }]);
    const jobSeeker = evaluateAssessment(input, household, YEAR).find((d) => d.ruleId === 'job-seeker')!;
    expect(jobSeeker).toEqual(expect.objectContaining({ personIds: ['p1'] }));
    expect(jobSeeker).not.toHaveProperty('dependsOnRuleId');
  });
});

describe('school enrolment', () => {
  const H = [5, 6, 18, 19].map((age) => ({ id: `c${age}`, birthYear: 2025 - age }));
  it(`derives school age (${SCHOOL_AGE.min}–${SCHOOL_AGE.max}) from the birth year when the form leaves it blank`, () => {
    const input = assess(H.map((m) => ({ personId: m.id })));
    expect(evaluateAssessment(input, H, 2025)).toEqual([expect.objectContaining({ ruleId: 'school-enrolment', personIds: ['c6', 'c18'] })]);
  });

  it('follows the answer when there is one', () => {
    const input = assess([
      { personId: 'c5', schoolAge: true },
      { personId: 'c6', schoolAge: false },
      { personId: 'c18' },
      { personId: 'c19', schoolAge: true },
    ]);
    expect(evaluateAssessment(input, H, 2025)).toEqual([expect.objectContaining({ personIds: ['c5', 'c18', 'c19'] })]);
  });

  // Plan O6.1: the education directorate enrols and helps with the missing documents meanwhile.
  it('goes alongside civil documents for the children who miss them, waiting for nothing', () => {
    const input = assess([{ personId: 'p3', missingDocuments: ['foreign_documents_to_register'] }, { personId: 'p4' }]);
    expect(evaluateAssessment(input, household, YEAR).map((d) => [d.key, d.dependsOnRuleId ?? null, d.alongsideRuleId ?? null])).toEqual([
      ['civil-documents:p3', null, null],
      ['school-enrolment:p3', null, 'civil-documents'],
      ['school-enrolment:p4', null, null],
    ]);
  });

  it('is not alongside civil documents when only a parent misses documents', () => {
    const input = assess([{ personId: 'p1', missingDocuments: ['id_card'] }, { personId: 'p3' }]);
    expect(evaluateAssessment(input, household, YEAR).map((d) => [d.key, d.dependsOnRuleId ?? null, d.alongsideRuleId ?? null])).toEqual([
      ['civil-documents:p1', null, null],
      ['school-enrolment:p3', null, null],
    ]);
  });
});

// Plan O6.2: the education directorate runs the language courses, for children in the school they attend.
describe('language course', () => {
  it('goes to the education directorate beside a child\'s school enrolment, at once, and alongside civil documents for whoever misses them', () => {
    const input = assess([
      { personId: 'p1', needsLanguageSupport: true },
      { personId: 'p2' },
      { personId: 'p3', needsLanguageSupport: true, missingDocuments: ['birth_certificate'] },
      { personId: 'p4' },
    ]);
    expect(evaluateAssessment(input, household, YEAR).map((d) => [d.key, d.officeKind, d.need, d.dependsOnRuleId ?? null, d.alongsideRuleId ?? null])).toEqual([
      ['civil-documents:p3', 'civil_registry', 'civil_documents', null, null],
      ['school-enrolment:p3', 'education_directorate', 'school_enrolment', null, 'civil-documents'],
      ['school-enrolment:p4', 'education_directorate', 'school_enrolment', null, null],
      ['language-course:p1', 'education_directorate', 'language_course', null, null],
      ['language-course:p3', 'education_directorate', 'language_course', null, 'civil-documents'],
    ]);
  });

  it('is not made when nobody needs language support', () => {
    const input = assess(everyone({ needsLanguageSupport: false }));
    expect(evaluateAssessment(input, household, YEAR).map((d) => d.ruleId)).not.toContain('language-course');
  });
});

describe('social support and specialised services', () => {
  it('carries every category of the persons referred, in vocabulary order, in one referral', () => {
    const input = assess([
      { personId: 'p1', categories: ['prison_release', 'drug_user'] },
      { personId: 'p2', categories: ['single_parent', 'drug_user'] },
      { personId: 'p3' },
    ]);
    expect(evaluateAssessment(input, household, YEAR).filter((d) => d.ruleId === 'social-support')).toEqual([
      expect.objectContaining({ personIds: ['p1', 'p2'], categories: ['drug_user', 'prison_release', 'single_parent'] }),
    ]);
  });

  it('socialAssistanceNeeded refers everyone assessed, once', () => {
    const input = assess([{ personId: 'p1' }, { personId: 'p2', categories: ['person_with_disability'] }], { socialAssistanceNeeded: true });
    expect(evaluateAssessment(input, household, YEAR)).toEqual([
      expect.objectContaining({ ruleId: 'social-support', personIds: ['p1', 'p2'], categories: ['person_with_disability'], key: 'social-support:p1,p2' }),
    ]);
  });

  it('a victim of trafficking or domestic violence goes to social work and to a CSO, alone, with the category', () => {
    const input = assess([{ personId: 'p1' }, { personId: 'p2', categories: ['domestic_violence_victim'] }]);
    expect(evaluateAssessment(input, household, YEAR).map((d) => [d.key, d.officeKind, d.categories])).toEqual([
      ['social-support:p2', 'social_work_centre', ['domestic_violence_victim']],
      ['specialised-service:p2', 'cso', ['domestic_violence_victim']],
    ]);
  });

  it('other categories go to social work only', () => {
    const input = assess([{ personId: 'p1', categories: ['elderly_without_family_care'] }]);
    expect(evaluateAssessment(input, household, YEAR).map((d) => d.ruleId)).toEqual(['social-support']);
  });
});

describe('household rules', () => {
  it('refer only the members the form covers, in household order', () => {
    const input = assess([{ personId: 'p2' }, { personId: 'p1' }], { housing: 'inadequate', specificCircumstances: true });
    expect(evaluateAssessment(input, household, YEAR).map((d) => d.personIds)).toEqual([
      ['p1', 'p2'],
      ['p1', 'p2'],
    ]);
  });
});

describe('errors', () => {
  it('an unknown personId throws an AssessmentError naming the member by its id (members.<personId>.personId)', () => {
    const input = assess([{ personId: 'p1' }, { personId: 'p9' }, { personId: 'x' }]);
    let error: unknown;
    try {
      evaluateAssessment(input, household, YEAR);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AssessmentError);
    expect((error as AssessmentError).problems).toEqual([
      { field: 'members.p9.personId', message: 'no household member with id "p9"' },
      { field: 'members.x.personId', message: 'no household member with id "x"' },
    ]);
    expect((error as Error).message).toMatch(/^2 problems\n {2}members\.p9\.personId: no household member with id "p9"/);
  });

  it('a person assessed twice (bypassing the schema) is named too', () => {
    expect(() => evaluateAssessment(assess([{ personId: 'p1' }, { personId: 'p1' }]), household, YEAR)).toThrow(
      /^members\.p1\.personId: person "p1" is assessed twice$/,
    );
  });

  it('rules given by the caller are validated first', () => {
    const bad = [{ ...bundledRules()[1]!, dependsOn: 'nope' }] as Rule[];
    expect(() => evaluateAssessment(OBILIQ_ASSESSMENT, household, YEAR, bad)).toThrow(RulesError);
    expect(() => evaluateAssessment(OBILIQ_ASSESSMENT, household, YEAR, bad)).toThrow(/rules\.0\.dependsOn: no rule with id "nope"/);
  });

  it('a fractional reference year is refused', () => {
    expect(() => evaluateAssessment(OBILIQ_ASSESSMENT, household, 2025.5)).toThrow(RangeError);
  });
});

describe('custom rules', () => {
  it('a household-scope rule depends on its prerequisite when that referred any of its persons', () => {
    const rules: Rule[] = [
      { id: 'docs', when: { member: { missingDocuments: ['birth_certificate'] } }, scope: 'member', refer: { officeKind: 'civil_registry', need: 'civil_documents' } },
      {
        id: 'language',
        when: { any: [{ member: { needsLanguageSupport: true, age: { max: 18 } } }, { member: { categories: 'none', schoolAge: true } }] },
        scope: 'household',
        refer: { officeKind: 'education_directorate', need: 'school_enrolment' },
        dependsOn: 'docs',
      },
    ];
    const input = assess([
      { personId: 'p1', needsLanguageSupport: true },
      { personId: 'p3', needsLanguageSupport: true, missingDocuments: ['birth_certificate'] },
      { personId: 'p4', categories: ['child_abuse_victim'] },
    ]);
    expect(evaluateAssessment(input, household, YEAR, rules)).toEqual([
      { ruleId: 'docs', officeKind: 'civil_registry', need: 'civil_documents', personIds: ['p3'], categories: [], key: 'docs:p3' },
      {
        ruleId: 'language',
        officeKind: 'education_directorate',
        need: 'school_enrolment',
        personIds: ['p3'],
        categories: [],
        dependsOnRuleId: 'docs',
        key: 'language:p3',
      },
    ]);
  });
});

// ---- properties ----------------------------------------------------------------------------

const arbHousehold = fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { minLength: 1, maxLength: 8 }).chain((ids) =>
  fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), birthYear: fc.integer({ min: 1930, max: 2025 }) }))),
);

const arbMember = (personId: string): fc.Arbitrary<AssessedMember> =>
  fc.record(
    {
      personId: fc.constant(personId),
      missingDocuments: fc.uniqueArray(fc.constantFrom(...MissingDocument.options), { maxLength: 3 }),
      unemployed: fc.boolean(),
      wantsVocationalTraining: fc.boolean(),
      schoolAge: fc.boolean(),
      needsLanguageSupport: fc.boolean(),
      categories: fc.uniqueArray(fc.constantFrom(...VulnerableCategory.options), { maxLength: 3 }),
      healthNeeds: fc.boolean(),
      psychosocialNeeds: fc.boolean(),
    },
    { requiredKeys: ['personId'] },
  );

const arbCase = arbHousehold.chain((hh) =>
  fc.record({
    household: fc.constant(hh),
    input: fc.record({
      assessedAt: fc.constant('2025-06-01'),
      members: fc
        .shuffledSubarray(hh.map((m) => m.id), { minLength: 1 })
        .chain((ids) => fc.tuple(...ids.map(arbMember))),
      household: fc.record(
        {
          housing: fc.constantFrom('adequate', 'inadequate', 'none'),
          socialAssistanceNeeded: fc.boolean(),
          specificCircumstances: fc.boolean(),
          specialisedSupport: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    }) as fc.Arbitrary<AssessmentInput>,
    year: fc.integer({ min: 2020, max: 2030 }),
  }),
);

describe('properties over random assessments', () => {
  it('the generated assessments are valid answers', () => {
    fc.assert(fc.property(arbCase, ({ input }) => void parseAssessment(input)));
  });

  it('evaluate(x) deep-equals evaluate(x); keys unique; drafts well-formed', () => {
    fc.assert(
      fc.property(arbCase, ({ input, household: hh, year }) => {
        const first = evaluateAssessment(input, hh, year);
        const again = evaluateAssessment(structuredClone(input), structuredClone(hh), year);
        expect(again).toEqual(first);

        const keys = first.map((d) => d.key);
        expect(new Set(keys).size).toBe(keys.length);
        const assessed = new Set(input.members.map((m) => m.personId));
        const ruleOrder = bundledRules().map((r) => r.id);
        const householdOrder = hh.map((m) => m.id);
        let lastRule = -1;
        for (const d of first) {
          expect(d.personIds.length).toBeGreaterThan(0);
          expect(new Set(d.personIds).size).toBe(d.personIds.length);
          for (const id of d.personIds) expect(assessed.has(id)).toBe(true);
          const positions = d.personIds.map((id) => householdOrder.indexOf(id));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
          expect(d.key).toBe(`${d.ruleId}:${[...d.personIds].sort().join(',')}`);
          const rule = ruleOrder.indexOf(d.ruleId);
          expect(rule).toBeGreaterThanOrEqual(lastRule);
          lastRule = rule;
          // No draft duplicates another's persons for the same rule.
          const sameRule = first.filter((o) => o.ruleId === d.ruleId && o !== d);
          for (const o of sameRule) expect(o.personIds.some((id) => d.personIds.includes(id))).toBe(false);
          if (d.dependsOnRuleId !== undefined) {
            const prereq = first.filter((o) => o.ruleId === d.dependsOnRuleId);
            expect(prereq.some((o) => o.personIds.some((id) => d.personIds.includes(id)))).toBe(true);
          }
          expect(d.categories).toEqual(VulnerableCategory.options.filter((c) => d.categories.includes(c)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a dependent member-scope group is exactly the persons its prerequisite referred', () => {
    fc.assert(
      fc.property(arbCase, ({ input, household: hh, year }) => {
        const drafts = evaluateAssessment(input, hh, year);
        const covered = (ruleId: string) => new Set(drafts.filter((d) => d.ruleId === ruleId).flatMap((d) => d.personIds));
        for (const [ruleId, link] of [
          ['job-seeker', 'dependsOnRuleId'],
          ['school-enrolment', 'alongsideRuleId'],
          ['language-course', 'alongsideRuleId'],
        ] as const) {
          const docs = covered('civil-documents');
          for (const d of drafts.filter((x) => x.ruleId === ruleId)) {
            const inDocs = d.personIds.filter((id) => docs.has(id));
            expect(inDocs.length === 0 || inDocs.length === d.personIds.length).toBe(true);
            expect(d[link]).toBe(inDocs.length > 0 ? 'civil-documents' : undefined);
            expect(d[link === 'dependsOnRuleId' ? 'alongsideRuleId' : 'dependsOnRuleId']).toBeUndefined();
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keys do not depend on the order of the form or of the household', () => {
    fc.assert(
      fc.property(arbCase, ({ input, household: hh, year }) => {
        const keys = evaluateAssessment(input, hh, year).map((d) => d.key).sort();
        const reordered = { ...input, members: [...input.members].reverse() };
        expect(evaluateAssessment(reordered, [...hh].reverse(), year).map((d) => d.key).sort()).toEqual(keys);
      }),
      { numRuns: 200 },
    );
  });
});
