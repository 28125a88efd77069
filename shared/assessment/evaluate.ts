import { VulnerableCategory, type Need, type OfficeKind } from '../domain/vocabulary.js';
import { AssessmentError, formatPath, type FieldProblem } from './errors.js';
import { bundledRules, parseRules, type Condition, type HouseholdClause, type ListTest, type MemberClause, type Rule } from './rules.js';
import { memberPath, type AssessedHousehold, type AssessedMember, type AssessmentInput } from './schema.js';

/** A referral the assessment calls for, before it has an id, an office or a status. */
export interface ReferralDraft {
  ruleId: string;
  officeKind: OfficeKind;
  need: Need;
  /** In household order (the order of the `household` argument); never empty. */
  personIds: string[];
  /** Carried from the persons referred when the rule says so; in VulnerableCategory order. */
  categories: VulnerableCategory[];
  /** Set only when the prerequisite rule produced a referral for at least one of these persons. */
  dependsOnRuleId?: string;
  /** Likewise for a rule that goes `alongside` another: it does not wait, but the office is told. */
  alongsideRuleId?: string;
  /**
   * `${ruleId}:${sorted personIds joined with ","}`: stable across evaluations and orderings, unique
   * within one evaluation. The caller derives the referral id from caseId + key so that
   * submitting the same assessment again creates nothing twice.
   */
  key: string;
}

/** School age (inclusive, age in the reference year) when the form leaves `schoolAge` unanswered. */
export const SCHOOL_AGE = { min: 6, max: 18 } as const;

interface Person {
  id: string;
  /** Position in the household, for the order of personIds and drafts. */
  position: number;
  /** referenceYear − birthYear: the age reached during the reference year. */
  age: number;
  answers: AssessedMember;
}

function listPasses<T extends string>(test: ListTest<T>, values: readonly T[] | undefined): boolean {
  const listed = values ?? [];
  if (test === 'any') return listed.length > 0;
  if (test === 'none') return listed.length === 0;
  return listed.some((v) => test.includes(v));
}

function memberPasses(clause: MemberClause, p: Person): boolean {
  const a = p.answers;
  const schoolAge = a.schoolAge ?? (p.age >= SCHOOL_AGE.min && p.age <= SCHOOL_AGE.max);
  return (
    (clause.missingDocuments === undefined || listPasses(clause.missingDocuments, a.missingDocuments)) &&
    (clause.categories === undefined || listPasses(clause.categories, a.categories)) &&
    (clause.unemployed === undefined || (a.unemployed ?? false) === clause.unemployed) &&
    (clause.wantsVocationalTraining === undefined || (a.wantsVocationalTraining ?? false) === clause.wantsVocationalTraining) &&
    (clause.schoolAge === undefined || schoolAge === clause.schoolAge) &&
    (clause.needsLanguageSupport === undefined || (a.needsLanguageSupport ?? false) === clause.needsLanguageSupport) &&
    (clause.healthNeeds === undefined || (a.healthNeeds ?? false) === clause.healthNeeds) &&
    (clause.psychosocialNeeds === undefined || (a.psychosocialNeeds ?? false) === clause.psychosocialNeeds) &&
    (clause.atRiskOfDropout === undefined || (a.atRiskOfDropout ?? false) === clause.atRiskOfDropout) &&
    (clause.age === undefined ||
      ((clause.age.min === undefined || p.age >= clause.age.min) && (clause.age.max === undefined || p.age <= clause.age.max)))
  );
}

function householdPasses(clause: HouseholdClause, h: AssessedHousehold): boolean {
  return (
    (clause.housing === undefined || (h.housing !== undefined && clause.housing.includes(h.housing))) &&
    (clause.socialAssistanceNeeded === undefined || (h.socialAssistanceNeeded ?? false) === clause.socialAssistanceNeeded) &&
    (clause.specificCircumstances === undefined || (h.specificCircumstances ?? false) === clause.specificCircumstances) &&
    (clause.specialisedSupport === undefined || (h.specialisedSupport ?? false) === clause.specialisedSupport) &&
    (clause.reconstructionNeeded === undefined || (h.reconstructionNeeded ?? false) === clause.reconstructionNeeded) &&
    (clause.rentSubsidyNeeded === undefined || (h.rentSubsidyNeeded ?? false) === clause.rentSubsidyNeeded) &&
    (clause.agricultureGrantInterest === undefined || (h.agricultureGrantInterest ?? false) === clause.agricultureGrantInterest) &&
    (clause.legalAidNeeded === undefined || (h.legalAidNeeded ?? false) === clause.legalAidNeeded)
  );
}

/**
 * Who a condition selects: `household` when a household clause holds (then everyone assessed is
 * referred), `members` the persons who pass a member clause.
 */
function select(c: Condition, persons: readonly Person[], h: AssessedHousehold): { household: boolean; members: Set<string> } {
  if ('member' in c) return { household: false, members: new Set(persons.filter((p) => memberPasses(c.member, p)).map((p) => p.id)) };
  if ('household' in c) return { household: householdPasses(c.household, h), members: new Set() };
  const out = { household: false, members: new Set<string>() };
  for (const sub of c.any) {
    const s = select(sub, persons, h);
    out.household ||= s.household;
    for (const id of s.members) out.members.add(id);
  }
  return out;
}

function draft(rule: Rule, group: readonly Person[], linkedRuleId: string | undefined): ReferralDraft {
  const personIds = group.map((p) => p.id);
  const carried = new Set<VulnerableCategory>(rule.refer.categories === 'from-member' ? group.flatMap((p) => p.answers.categories ?? []) : []);
  return {
    ruleId: rule.id,
    officeKind: rule.refer.officeKind,
    need: rule.refer.need,
    personIds,
    categories: VulnerableCategory.options.filter((c) => carried.has(c)),
    ...(linkedRuleId !== undefined ? (rule.alongside !== undefined ? { alongsideRuleId: linkedRuleId } : { dependsOnRuleId: linkedRuleId }) : {}),
    key: `${rule.id}:${[...personIds].sort().join(',')}`,
  };
}

/**
 * The referrals the answers of a needs assessment call for, rule by rule (see rules.ts for the
 * condition language and who each rule refers). Pure and deterministic: the same answers, household
 * and year give the same drafts in the same order with the same keys.
 *
 * @param household the case's household members (id and birth year), in case order
 * @param referenceYear the year ages are taken in (usually the year of `assessedAt`)
 * @param rules defaults to the bundled rules.json; a list given here is validated first (RulesError)
 * @throws AssessmentError naming `members.<personId>.personId` for a person not in the household (or assessed twice)
 */
export function evaluateAssessment(
  input: AssessmentInput,
  household: readonly { id: string; birthYear: number }[],
  referenceYear: number,
  rules?: readonly Rule[],
): ReferralDraft[] {
  if (!Number.isInteger(referenceYear)) throw new RangeError(`referenceYear must be a whole year, got ${referenceYear}`);
  const ruleList = rules === undefined ? bundledRules() : parseRules(rules, 'rules argument');

  const byId = new Map<string, { position: number; birthYear: number }>();
  household.forEach((m, position) => {
    if (!byId.has(m.id)) byId.set(m.id, { position, birthYear: m.birthYear });
  });
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const persons: Person[] = [];
  input.members.forEach((answers, i) => {
    const member = byId.get(answers.personId);
    const field = formatPath(memberPath(['members', i, 'personId'], input.members));
    if (!member) problems.push({ field, message: `no household member with id "${answers.personId}"` });
    else if (seen.has(answers.personId)) problems.push({ field, message: `person "${answers.personId}" is assessed twice` });
    else persons.push({ id: answers.personId, position: member.position, age: referenceYear - member.birthYear, answers });
    seen.add(answers.personId);
  });
  if (problems.length > 0) throw new AssessmentError(problems);
  persons.sort((a, b) => a.position - b.position);

  const drafts: ReferralDraft[] = [];
  /** Rule id → the persons its drafts cover. */
  const covered = new Map<string, Set<string>>();
  for (const rule of ruleList) {
    const { household: all, members } = select(rule.when, persons, input.household);
    const chosen = all ? persons : persons.filter((p) => members.has(p.id));
    if (chosen.length === 0) continue;
    // Waiting for the other rule's referral, or going alongside it: the same persons form the group either way.
    const linked = rule.dependsOn ?? rule.alongside;
    const prerequisite = linked === undefined ? undefined : covered.get(linked);
    const blocked = chosen.filter((p) => prerequisite?.has(p.id));
    const groups: { persons: Person[]; dependsOn?: string }[] =
      rule.scope === 'household'
        ? [{ persons: chosen, dependsOn: blocked.length > 0 ? linked : undefined }]
        : [
            { persons: blocked, dependsOn: linked },
            { persons: chosen.filter((p) => !prerequisite?.has(p.id)) },
          ];
    const made = groups
      .filter((g) => g.persons.length > 0)
      .sort((a, b) => a.persons[0]!.position - b.persons[0]!.position)
      .map((g) => draft(rule, g.persons, g.dependsOn));
    drafts.push(...made);
    covered.set(rule.id, new Set(chosen.map((p) => p.id)));
  }
  return drafts;
}
