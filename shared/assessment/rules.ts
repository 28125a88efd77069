import { readFileSync } from 'node:fs';
import * as z from '../domain/zod.js';
import { Need, OfficeKind, VulnerableCategory } from '../domain/vocabulary.js';
import { RulesError, formatPath, zodProblems, type FieldProblem } from './errors.js';
import { Housing, MissingDocument } from './schema.js';
// Imported statically so that esbuild bundles the rules into the Lambda code: no fs at runtime.
import rulesJson from './rules.json' with { type: 'json' };

/**
 * Referral rules: which answers of the needs assessment (FVN / OPP) call for which referral.
 * They are data (rules.json), validated here when first used.
 *
 * A rule:
 *
 *   { "id": "job-seeker",                        lower-case, unique in the file
 *     "when": <condition>,
 *     "scope": "member" | "household",
 *     "refer": { "officeKind": …, "need": …, "categories": "from-member" (optional) },
 *     "dependsOn": "civil-documents" }            optional; the id of an EARLIER rule
 *   or "alongside": "civil-documents"            optional, instead: goes at once, beside that rule's
 *                                                referral for the same persons, and tells the office
 *                                                their documents are missing (plan O6.1: the school
 *                                                enrols and helps with them meanwhile)
 *
 * The condition language. A condition is an object with exactly one key:
 *
 *   { "member":    { <test>, … } }   true for a member who passes every test (AND)
 *   { "household": { <test>, … } }   true when the household answers pass every test (AND)
 *   { "any":       [<condition>, …] } true when at least one condition is (OR)
 *
 * Member tests (on one `members[]` entry of the form; an absent answer counts as false / empty):
 *   "unemployed" | "wantsVocationalTraining" | "needsLanguageSupport" | "healthNeeds" |
 *   "psychosocialNeeds" | "atRiskOfDropout" | "schoolAge":  true | false      the answer equals it
 *       (schoolAge, when not answered, is derived from the birth year: SCHOOL_AGE in evaluate.ts)
 *   "missingDocuments" | "categories":  "any"             at least one listed
 *                                       "none"            none listed
 *                                       ["a", "b", …]     at least one of these listed
 *   "age": { "min": 18, "max": 64 }     age in the reference year (year − birth year), bounds
 *                                       inclusive, either may be left out
 * Household tests:
 *   "housing": ["inadequate", "none"]   the answer is one of these (unanswered matches nothing)
 *   "socialAssistanceNeeded" | "specificCircumstances" | "specialisedSupport" | "reconstructionNeeded" |
 *   "rentSubsidyNeeded" | "agricultureGrantInterest" | "legalAidNeeded": true | false
 *
 * Who a rule refers:
 *   scope "member"     the condition may only test members. Every assessed member for whom it
 *                      holds is referred, together in one referral; with dependsOn, those of them
 *                      whom the prerequisite rule referred form a separate referral that depends
 *                      on it (the others can go at once).
 *   scope "household"  one referral at most. It covers every assessed member when a household
 *                      test decided it, otherwise the members who passed a member test; it depends
 *                      on the prerequisite when that rule referred any of them.
 *   refer.categories "from-member" carries the vulnerable categories of the persons referred.
 *
 * Example: { "id": "housing", "when": { "household": { "housing": ["inadequate", "none"] } },
 *            "scope": "household", "refer": { "officeKind": "housing", "need": "housing" } }
 */

export type ListTest<T extends string> = 'any' | 'none' | T[];

export interface AgeRange {
  min?: number;
  max?: number;
}

export interface MemberClause {
  missingDocuments?: ListTest<MissingDocument>;
  categories?: ListTest<VulnerableCategory>;
  unemployed?: boolean;
  wantsVocationalTraining?: boolean;
  schoolAge?: boolean;
  needsLanguageSupport?: boolean;
  healthNeeds?: boolean;
  psychosocialNeeds?: boolean;
  atRiskOfDropout?: boolean;
  age?: AgeRange;
}

export interface HouseholdClause {
  housing?: Housing[];
  socialAssistanceNeeded?: boolean;
  specificCircumstances?: boolean;
  specialisedSupport?: boolean;
  reconstructionNeeded?: boolean;
  rentSubsidyNeeded?: boolean;
  agricultureGrantInterest?: boolean;
  legalAidNeeded?: boolean;
}

export type Condition = { member: MemberClause } | { household: HouseholdClause } | { any: Condition[] };

export type RuleScope = 'member' | 'household';

export interface Rule {
  id: string;
  when: Condition;
  scope: RuleScope;
  refer: { officeKind: OfficeKind; need: Need; categories?: 'from-member' };
  dependsOn?: string;
  /** Goes in parallel with this earlier rule's referral (no waiting); the office is told and asked to help. */
  alongside?: string;
}

// ---- schemas -------------------------------------------------------------------------------

const RuleId = z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'a rule id of lower-case letters, digits or - (e.g. "job-seeker")'));

function listTest<T extends string>(item: z.ZodMiniType<T>, what: string) {
  return z.union([z.enum(['any', 'none']), z.array(item).check(z.minLength(1))], {
    error: `expected "any", "none" or a non-empty list of ${what}`,
  });
}

const nonEmptyClause = (o: object) => Object.keys(o).length > 0;
/** Whole-object checks only once the fields themselves are clean (no "empty clause" after an unknown key). */
const whenClean = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

const MemberClauseSchema = z.strictObject({
  missingDocuments: z.optional(listTest(MissingDocument, 'missing documents')),
  categories: z.optional(listTest(VulnerableCategory, 'vulnerable categories')),
  unemployed: z.optional(z.boolean()),
  wantsVocationalTraining: z.optional(z.boolean()),
  schoolAge: z.optional(z.boolean()),
  needsLanguageSupport: z.optional(z.boolean()),
  healthNeeds: z.optional(z.boolean()),
  psychosocialNeeds: z.optional(z.boolean()),
  atRiskOfDropout: z.optional(z.boolean()),
  age: z.optional(
    z.strictObject({ min: z.optional(z.number().check(z.int(), z.gte(0), z.lte(150))), max: z.optional(z.number().check(z.int(), z.gte(0), z.lte(150))) }).check(
      z.refine(nonEmptyClause, { message: 'give min, max or both', ...whenClean }),
      z.refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, { message: 'min is above max', path: ['max'], ...whenClean }),
    ),
  ),
}).check(z.refine(nonEmptyClause, { message: 'a member clause needs at least one test', ...whenClean }));

const HouseholdClauseSchema = z.strictObject({
  housing: z.optional(z.array(Housing).check(z.minLength(1))),
  socialAssistanceNeeded: z.optional(z.boolean()),
  specificCircumstances: z.optional(z.boolean()),
  specialisedSupport: z.optional(z.boolean()),
  reconstructionNeeded: z.optional(z.boolean()),
  rentSubsidyNeeded: z.optional(z.boolean()),
  agricultureGrantInterest: z.optional(z.boolean()),
  legalAidNeeded: z.optional(z.boolean()),
}).check(z.refine(nonEmptyClause, { message: 'a household clause needs at least one test', ...whenClean }));

// One object with the three keys optional (not a union), so that a problem deep inside a
// condition is reported at its own path (`when.any.1.member.unemployed`), not as "Invalid input".
export const ConditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
  z.strictObject({
    member: z.optional(MemberClauseSchema),
    household: z.optional(HouseholdClauseSchema),
    any: z.optional(z.array(ConditionSchema).check(z.minLength(1))),
  }).check(z.refine((c) => Object.keys(c).length === 1, {
    message: 'a condition has exactly one of "member", "household" or "any"',
    ...whenClean,
  })),
) as unknown as z.ZodMiniType<Condition>;

/** Paths of the household clauses inside a condition. */
function householdClauses(c: Condition, path: PropertyKey[]): PropertyKey[][] {
  if ('household' in c) return [[...path, 'household']];
  if ('any' in c) return c.any.flatMap((sub, i) => householdClauses(sub, [...path, 'any', i]));
  return [];
}

export const RuleSchema: z.ZodMiniType<Rule> = z.strictObject({
  id: RuleId,
  when: ConditionSchema,
  scope: z.enum(['member', 'household']),
  refer: z.strictObject({
    officeKind: OfficeKind,
    need: Need,
    categories: z.optional(z.literal('from-member')),
  }),
  dependsOn: z.optional(RuleId),
  alongside: z.optional(RuleId),
}).check(z.superRefine((r, ctx) => {
  if (r.dependsOn !== undefined && r.alongside !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['alongside'], message: 'a rule either waits for another (dependsOn) or goes alongside it, not both' });
  }
  if (r.scope !== 'member') return;
  for (const path of householdClauses(r.when, ['when'])) {
    ctx.addIssue({ code: 'custom', path, message: 'a rule of scope "member" can only test members (use scope "household")' });
  }
}));

export const RulesFile = z.array(RuleSchema).check(z.minLength(1), z.superRefine((rules, ctx) => {
  const index = new Map<string, number>();
  rules.forEach((r, i) => {
    const first = index.get(r.id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate rule id "${r.id}" (also rules.${first})` });
    else index.set(r.id, i);
  });
  rules.forEach((r, i) => {
    for (const field of ['dependsOn', 'alongside'] as const) {
      const other = r[field];
      if (other === undefined) continue;
      const at = index.get(other);
      if (other === r.id) ctx.addIssue({ code: 'custom', path: [i, field], message: 'a rule cannot depend on itself' });
      else if (at === undefined) ctx.addIssue({ code: 'custom', path: [i, field], message: `no rule with id "${other}"` });
      else if (at > i) ctx.addIssue({ code: 'custom', path: [i, field], message: `"${other}" (rules.${at}) must come before the rule that depends on it` });
    }
  });
}));

// ---- loading -------------------------------------------------------------------------------

/** `rules.3.refer.officeKind` gets ` (rule "job-seeker")` after its message when rule 3 has an id. */
function withRuleId(p: FieldProblem, json: unknown): FieldProblem {
  const m = /^rules\.(\d+)(\.|$)/.exec(p.field);
  if (!m || !Array.isArray(json)) return p;
  const raw: unknown = json[Number(m[1])];
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? { ...p, message: `${p.message} (rule "${id}")` } : p;
}

/**
 * Validates a rule list (the parsed contents of a rules file); throws a RulesError naming `source`,
 * the rule index (and id) and the field of every problem, e.g.
 * `rules.json: rules.1.dependsOn: no rule with id "civil-docs" (rule "job-seeker")`.
 */
export function parseRules(json: unknown, source: string): Rule[] {
  const result = RulesFile.safeParse(json);
  if (!result.success) {
    throw new RulesError(
      source,
      zodProblems(result.error.issues, ['rules']).map((p) => withRuleId(p, json)),
    );
  }
  return result.data;
}

/** Reads and validates a rules file from disk (tests, tools). */
export function loadRulesFile(path: string): Rule[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RulesError(path, [{ field: formatPath([]), message: `cannot read the rules: ${(err as Error).message}` }]);
  }
  return parseRules(json, path);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

let bundled: readonly Rule[] | undefined;

/** The rules of shared/assessment/rules.json, validated on first use and frozen. */
export function bundledRules(): readonly Rule[] {
  bundled ??= deepFreeze(parseRules(rulesJson, 'shared/assessment/rules.json'));
  return bundled;
}
