import * as z from 'zod';
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
function uniqueList<T extends string>(item: z.ZodType<T>, max: number) {
  return z
    .array(item)
    .max(max)
    .superRefine((values, ctx) => {
      const seen = new Set<T>();
      values.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `"${v}" is listed twice` });
        seen.add(v);
      });
    });
}

export const AssessedMember = z.strictObject({
  /** The household member's id in the case (HouseholdMember.id, e.g. "p1"). */
  personId: HouseholdMember.shape.id,
  missingDocuments: uniqueList(MissingDocument, MissingDocument.options.length).optional(),
  unemployed: z.boolean().optional(),
  wantsVocationalTraining: z.boolean().optional(),
  /** When absent, derived from the birth year by evaluateAssessment (SCHOOL_AGE). */
  schoolAge: z.boolean().optional(),
  needsLanguageSupport: z.boolean().optional(),
  categories: uniqueList(VulnerableCategory, VulnerableCategory.options.length).optional(),
  healthNeeds: z.boolean().optional(),
  psychosocialNeeds: z.boolean().optional(),
  /** A child at risk of leaving school (the plans' drop-out prevention team, EPPRM). */
  atRiskOfDropout: z.boolean().optional(),
});
export type AssessedMember = z.infer<typeof AssessedMember>;

export const AssessedHousehold = z.strictObject({
  housing: Housing.optional(),
  socialAssistanceNeeded: z.boolean().optional(),
  /** Specific circumstances that call for the (community) police. */
  specificCircumstances: z.boolean().optional(),
  /** A specialised service only a civil society organisation offers. */
  specialisedSupport: z.boolean().optional(),
  /** The house needs renovation, reconstruction or furnishing (the scheme the KKR / OKR decides on). */
  reconstructionNeeded: z.boolean().optional(),
  /** No home to go to: rented accommodation with a housing bonus (up to 12 months). */
  rentSubsidyNeeded: z.boolean().optional(),
  /** Farms or wants to: agricultural grants and subsidies, told when a call opens. */
  agricultureGrantInterest: z.boolean().optional(),
  /** A legal matter (property, status, documents) that needs free legal aid. */
  legalAidNeeded: z.boolean().optional(),
});
export type AssessedHousehold = z.infer<typeof AssessedHousehold>;

export const AssessmentInput = z
  .strictObject({
    assessedAt: IsoDate,
    /** The household members the form covers; only these can be referred. */
    members: z.array(AssessedMember).min(1).max(30),
    household: AssessedHousehold,
  })
  .superRefine((a, ctx) => {
    const seen = new Set<string>();
    a.members.forEach((m, i) => {
      if (seen.has(m.personId)) ctx.addIssue({ code: 'custom', path: ['members', i, 'personId'], message: `person "${m.personId}" is assessed twice` });
      seen.add(m.personId);
    });
  });
export type AssessmentInput = z.infer<typeof AssessmentInput>;

/** Validates the answers; throws an AssessmentError naming the path of every problem (`members.0.unemployed: …`). */
export function parseAssessment(json: unknown): AssessmentInput {
  const result = AssessmentInput.safeParse(json);
  if (!result.success) throw new AssessmentError(zodProblems(result.error.issues));
  return result.data;
}
