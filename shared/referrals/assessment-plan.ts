import * as z from '../domain/zod.js';
import { AssessmentError, zodProblems } from '../assessment/errors.js';
import { evaluateAssessment } from '../assessment/evaluate.js';
import { parseAssessment } from '../assessment/schema.js';
import type { Directory } from '../directory/directory.js';
import { CreateReferralInput } from '../domain/case.js';
import { derivedId } from '../domain/ids.js';
import type { IntakeResult, RefusalCode } from '../domain/result.js';
import type { Need, OfficeKind, VulnerableCategory } from '../domain/vocabulary.js';
import type { CaseItem } from '../store/case.js';

/** A proposal's key as the preview shows it (`civil-documents:p1,p3`, `include:housing:housing:p1`). */
const ProposalKey = z.string().check(z.minLength(1), z.maxLength(400));

/**
 * The coordinator's say over what the rules propose, sent next to the answers: `exclude` unticks
 * proposals by their key, `include` adds referrals the rules did not propose (optionally waiting
 * for a proposal, named by its key).
 */
export const AssessmentChoice = z.strictObject({
  exclude: z.optional(z.array(ProposalKey).check(z.maxLength(50))),
  include: z.optional(z.array(z.extend(z.omit(CreateReferralInput, { dependsOn: true }), { dependsOn: z.optional(ProposalKey) })).check(z.maxLength(20))),
});
export type AssessmentChoice = z.infer<typeof AssessmentChoice>;

/** A referral an assessment would make: proposed by a rule, or added by the coordinator. */
export interface AssessmentProposal {
  key: string;
  source: 'rules' | 'coordinator';
  ruleId?: string;
  officeKind: OfficeKind;
  need: Need;
  personIds: string[];
  categories: VulnerableCategory[];
  note?: string;
  /** The key of the proposal it waits for; left out once that one is excluded. */
  dependsOn?: string;
  /** The key of the proposal it goes beside without waiting (its office is told the documents are missing). */
  alongside?: string;
  /** Derived from the case and the key: the same proposal is the same referral on every submission. */
  referralId: string;
  excluded: boolean;
}

const invalid = (field: string, message: string, code?: RefusalCode): IntakeResult<never> => ({ ok: false, problem: { kind: 'invalid', field, message, ...(code ? { code } : {}) } });

/** Same office kind, need and persons: the same referral, whoever proposed it. */
const sameReferral = (a: { officeKind: string; need: string; personIds: string[] }, b: { officeKind: string; need: string; personIds: string[] }) =>
  a.officeKind === b.officeKind && a.need === b.need && [...a.personIds].sort().join(',') === [...b.personIds].sort().join(',');

/**
 * What an assessment body (the FVN answers, plus the coordinator's `exclude` and `include`) would
 * refer, in creation order, without writing anything: the preview shows it, the submission
 * creates the proposals not excluded. Every problem names its field (`members.p1.personId`,
 * `exclude.1`, `include.0.officeKind`).
 */
export function planAssessment(theCase: CaseItem, body: unknown, directory: Directory, referenceYear: number): IntakeResult<AssessmentProposal[]> {
  // The choice travels in the same object as the answers; the answers keep their own strict schema.
  const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
  const { exclude, include, ...answers } = isObject ? (body as Record<string, unknown>) : {};
  let drafts: ReturnType<typeof evaluateAssessment>;
  try {
    drafts = evaluateAssessment(parseAssessment(isObject ? answers : body), theCase.household, referenceYear);
  } catch (err) {
    if (err instanceof AssessmentError) {
      const first = err.problems[0]!;
      // The rules' checker calls the whole document "(root)"; to an HTTP caller it is the body, as on every other route.
      return invalid(first.field === '(root)' ? 'body' : first.field, first.message);
    }
    throw err;
  }
  const choice = AssessmentChoice.safeParse({ ...(exclude !== undefined ? { exclude } : {}), ...(include !== undefined ? { include } : {}) });
  if (!choice.success) {
    const first = zodProblems(choice.error.issues)[0]!;
    return invalid(first.field, first.message);
  }
  const caseId = theCase.caseId;
  const muni = theCase.municipalityId;
  const excluded = new Set<string>();
  for (const [i, key] of (choice.data.exclude ?? []).entries()) {
    if (!drafts.some((d) => d.key === key)) return invalid(`exclude.${i}`, 'not a referral these answers propose (POST …/assessment/preview lists their keys)');
    excluded.add(key);
  }

  const proposals: AssessmentProposal[] = drafts.map((d) => {
    // The prerequisite: the draft of the rule it depends on that covers some of the same persons.
    const pre = d.dependsOnRuleId ? drafts.find((p) => p.ruleId === d.dependsOnRuleId && p.personIds.some((x) => d.personIds.includes(x))) : undefined;
    // The documents are missing whether or not the coordinator refers them: the office is told either way.
    const beside = d.alongsideRuleId ? drafts.find((p) => p.ruleId === d.alongsideRuleId && p.personIds.some((x) => d.personIds.includes(x))) : undefined;
    return {
      key: d.key,
      source: 'rules',
      ruleId: d.ruleId,
      officeKind: d.officeKind,
      need: d.need,
      personIds: d.personIds,
      categories: d.categories,
      // A prerequisite the coordinator unticked will never be completed here: waiting for it would be forever.
      ...(pre && !excluded.has(pre.key) ? { dependsOn: pre.key } : {}),
      ...(beside ? { alongside: beside.key } : {}),
      referralId: derivedId(`${caseId}:assessment:${d.key}`),
      excluded: excluded.has(d.key),
    };
  });
  const unavailable = proposals.find((p) => !p.excluded && !directory.office(muni, p.officeKind));
  if (unavailable) return invalid('exclude', `the rules propose ${unavailable.key}, but the ${muni} directory has no ${unavailable.officeKind} office: exclude it`);

  const members = new Set(theCase.household.map((m) => m.id));
  for (const [i, add] of (choice.data.include ?? []).entries()) {
    const field = `include.${i}`;
    if (!directory.office(muni, add.officeKind)) return invalid(`${field}.officeKind`, `the ${muni} directory has no ${add.officeKind} office`);
    const personIds = [...new Set(add.personIds ?? theCase.household.map((m) => m.id))];
    const stranger = (add.personIds ?? []).findIndex((p) => !members.has(p));
    if (stranger >= 0) return invalid(`${field}.personIds.${stranger}`, 'not a member of this household', 'not-in-household');
    if (add.dependsOn !== undefined) {
      const pre = proposals.find((p) => p.key === add.dependsOn);
      if (!pre) return invalid(`${field}.dependsOn`, 'not the key of a referral this assessment proposes');
      if (pre.excluded) return invalid(`${field}.dependsOn`, `${pre.key} is excluded`);
    }
    const key = `include:${add.officeKind}:${add.need}:${[...personIds].sort().join(',')}`;
    const twin = proposals.find((p) => !p.excluded && sameReferral(p, { ...add, personIds }));
    if (twin) return invalid(field, twin.source === 'rules' ? `the rules already propose this referral (${twin.key})` : 'listed twice');
    proposals.push({
      key,
      source: 'coordinator',
      officeKind: add.officeKind,
      need: add.need,
      personIds,
      categories: add.categories ?? [],
      ...(add.note ? { note: add.note } : {}),
      ...(add.dependsOn !== undefined ? { dependsOn: add.dependsOn } : {}),
      referralId: derivedId(`${caseId}:assessment:${key}`),
      excluded: false,
    });
  }
  return { ok: true, value: proposals };
}
