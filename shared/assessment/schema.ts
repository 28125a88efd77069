import * as z from '../domain/zod.js';
import { HouseholdMember, IsoDate } from '../domain/case.js';
import { VulnerableCategory } from '../domain/vocabulary.js';
import { AssessmentError, zodProblems } from './errors.js';

/**
 * The answers of the needs assessment form (FVN / OPP) for one household, filled in at the
 * home visit. Only the answers that decide referrals; the form itself is scanned into SMR.
 */

/** Civil documents a person lacks (foreign documents to register: e.g. a German birth certificate). */
export const MissingDocument = z.enum([
  'birth_certificate',
  'id_card',
  'citizenship',
  'residence_registration',
  'foreign_documents_to_register',
]);
export type MissingDocument = z.infer<typeof MissingDocument>;

export const Housing = z.enum(['adequate', 'inadequate', 'none']);
export type Housing = z.infer<typeof Housing>;

/** A list of enum values, each at most once (a repeat is reported at its index). */
function uniqueList<T extends string>(item: z.ZodMiniType<T>, max: number) {
  return z.array(item).check(z.maxLength(max), z.superRefine((values, ctx) => {
    const seen = new Set<T>();
    values.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `"${v}" is listed twice` });
      seen.add(v);
    });
  }));
}

export const AssessedMember = z.strictObject({
  /** The household member's id in the case (HouseholdMember.id, e.g. "p1"). */
  personId: HouseholdMember.shape.id,
  missingDocuments: z.optional(uniqueList(MissingDocument, MissingDocument.options.length)),
  unemployed: z.optional(z.boolean()),
  wantsVocationalTraining: z.optional(z.boolean()),
  /** When absent, derived from the birth year by evaluateAssessment (SCHOOL_AGE). */
  schoolAge: z.optional(z.boolean()),
  needsLanguageSupport: z.optional(z.boolean()),
  categories: z.optional(uniqueList(VulnerableCategory, VulnerableCategory.options.length)),
  healthNeeds: z.optional(z.boolean()),
  psychosocialNeeds: z.optional(z.boolean()),
  /** A child at risk of leaving school (the plans' drop-out prevention team, EPPRM). */
  atRiskOfDropout: z.optional(z.boolean()),
});
export type AssessedMember = z.infer<typeof AssessedMember>;

export const AssessedHousehold = z.strictObject({
  housing: z.optional(Housing),
  socialAssistanceNeeded: z.optional(z.boolean()),
  /** Specific circumstances that call for the (community) police. */
  specificCircumstances: z.optional(z.boolean()),
  /** A specialised service only a civil society organisation offers. */
  specialisedSupport: z.optional(z.boolean()),
  /** The house needs renovation, reconstruction or furnishing (the scheme the KKR / OKR decides on). */
  reconstructionNeeded: z.optional(z.boolean()),
  /** No home to go to: rented accommodation with a housing bonus (up to 12 months). */
  rentSubsidyNeeded: z.optional(z.boolean()),
  /** Farms or wants to: agricultural grants and subsidies, told when a call opens. */
  agricultureGrantInterest: z.optional(z.boolean()),
  /** A legal matter (property, status, documents) that needs free legal aid. */
  legalAidNeeded: z.optional(z.boolean()),
});
export type AssessedHousehold = z.infer<typeof AssessedHousehold>;

export const AssessmentInput = z.strictObject({
  assessedAt: IsoDate,
  /** The household members the form covers; only these can be referred. */
  members: z.array(AssessedMember).check(z.minLength(1), z.maxLength(30)),
  household: AssessedHousehold,
}).check(z.superRefine((a, ctx) => {
  const seen = new Set<string>();
  a.members.forEach((m, i) => {
    if (seen.has(m.personId)) ctx.addIssue({ code: 'custom', path: ['members', i, 'personId'], message: `person "${m.personId}" is assessed twice` });
    seen.add(m.personId);
  });
}));
export type AssessmentInput = z.infer<typeof AssessmentInput>;

/**
 * A path inside the answers with a member named by its `personId` (`members.p2.unemployed`), not by
 * its place among those sent: a caller finds the member whatever order it sent them in. A member
 * sent without a valid `personId` has no id to be named by and keeps its place (`members.1.personId`).
 */
export function memberPath(path: readonly PropertyKey[], members: unknown): PropertyKey[] {
  const at = path[1];
  if (path[0] !== 'members' || typeof at !== 'number' || !Array.isArray(members)) return [...path];
  const personId: unknown = (members[at] as { personId?: unknown } | undefined)?.personId;
  return HouseholdMember.shape.id.safeParse(personId).success ? ['members', personId as string, ...path.slice(2)] : [...path];
}

/** Validates the answers; throws an AssessmentError naming the path of every problem (`members.p1.unemployed: …`). */
export function parseAssessment(json: unknown): AssessmentInput {
  const result = AssessmentInput.safeParse(json);
  if (result.success) return result.data;
  const members = (json as { members?: unknown } | null)?.members;
  throw new AssessmentError(zodProblems(result.error.issues.map((i) => ({ ...i, path: memberPath(i.path, members) }))));
}
