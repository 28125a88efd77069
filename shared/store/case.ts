import * as z from '../domain/zod.js';
import type { Actor } from '../domain/actor.js';
import { addMonths } from '../domain/calendar.js';
import { CASE_MONTHS, clockStartDate, HouseholdMember, SmsOptOutReason } from '../domain/case.js';
import { Language, MunicipalityId, Need, PermitKind, PersonCategory } from '../domain/vocabulary.js';
import { auditItem, type AuditItem } from './audit.js';
import { Closure } from './case-file.js';
import { casePk } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

/**
 * The joint home visit as planned (POST …/home-visit/plan). `sequence` is its calendar entry's
 * SEQUENCE (0 first, one more each time it moves) and part of its notifications' ids, so a retry
 * of one plan writes nothing twice and a move writes new ones; `done` once the visit is recorded.
 */
export const HomeVisitPlan = z.object({
  start: z.string(),
  end: z.string(),
  meetAt: z.optional(z.string()),
  sequence: z.number().check(z.int(), z.gte(0)),
  /** `cancelled`: called off (a version of its own, whose SEQUENCE the calendar cancellation carries). */
  status: z.enum(['planned', 'done', 'cancelled']),
  previousStart: z.optional(z.string()),
  plannedAt: z.string(),
  doneAt: z.optional(z.string()),
});
export type HomeVisitPlan = z.infer<typeof HomeVisitPlan>;

export const CaseItem = z.object({
  pk: z.string().check(z.startsWith('CASE#')),
  sk: z.literal('META'),
  type: z.literal('Case'),
  caseId: z.string(),
  smrCaseId: z.string(),
  municipalityId: MunicipalityId,
  coordinatorId: z.string(),
  arrivalDate: z.string(),
  category: PersonCategory,
  /** A foreigner's protection status or residence permit: when (the clocks start there) and which. */
  permitDate: z.optional(z.string()),
  permit: z.optional(PermitKind),
  language: Language,
  phone: z.optional(z.string()),
  consent: z.object({ sms: z.boolean(), shareWithOffices: z.boolean() }),
  /** Set when the coordinator opted the returnee out of SMS after registration (consent.sms is then false). */
  smsOptOut: z.optional(z.object({ reason: SmsOptOutReason, at: z.string() })),
  household: z.array(HouseholdMember),
  /** Items written before closing existed carry no status: they are open. */
  status: z._default(z.enum(['open', 'closed']), 'open'),
  homeVisitAt: z.optional(z.string()),
  homeVisitPlan: z.optional(HomeVisitPlan),
  closedAt: z.optional(z.string()),
  /** Why it closed and the final assessment (cases closed before the case file have none). */
  closure: z.optional(Closure),
  /** The latest FVN version stored (store/case-file.ts): the next submission writes one more. */
  assessmentVersion: z.optional(z.number().check(z.int())),
  /**
   * The needs a referral of this case was declined for (appended by the decline's own
   * transaction; a need may repeat): only a new referral for one of them looks for a declined one
   * to take out of the declined list, so any other is made without that Query.
   */
  declinedNeeds: z.optional(z.array(Need)),
  createdAt: z.string(),
  expiresAt: z.number().check(z.int()),
  ...ListFields,
});
export type CaseItem = z.infer<typeof CaseItem>;

/** The case's own item heads its partition, where its referrals, intents, timers and audit entries live too. */
export const caseKey = (caseId: string) => ({ pk: casePk(caseId), sk: 'META' as const });

/** The item that makes an SMR case id registrable once: it names the case registered under it. */
export const smrClaimKey = (smrCaseId: string) => ({ pk: `SMR#${smrCaseId.toUpperCase()}`, sk: 'META' as const });

/** A case as stored: its key and type around what intake decided. */
export function caseItem(fields: Omit<CaseItem, 'pk' | 'sk' | 'type'>): CaseItem {
  return { ...caseKey(fields.caseId), type: 'Case', ...fields };
}

/** An open case waits in its municipality's list by its closure date (its clocks' start + 18 months). */
export function caseListing(c: Pick<CaseItem, 'municipalityId' | 'arrivalDate' | 'caseId'> & Partial<Pick<CaseItem, 'category' | 'permitDate'>>): Listing {
  const start = clockStartDate({ category: c.category ?? 'returnee', arrivalDate: c.arrivalDate, permitDate: c.permitDate });
  return { listKey: lists.openCases(c.municipalityId), listSort: `${addMonths(start, CASE_MONTHS)}#${c.caseId}` };
}

/** The claim that makes an SMR case id registrable once; it expires with the case. */
export function smrClaimItem(c: Pick<CaseItem, 'smrCaseId' | 'caseId' | 'municipalityId' | 'expiresAt'>) {
  // The municipality beside the case id: a case named by its SMR id is found and scoped in one read.
  return { ...smrClaimKey(c.smrCaseId), type: 'SmrClaim' as const, caseId: c.caseId, municipalityId: c.municipalityId, expiresAt: c.expiresAt };
}

/** A change to a case on record, through the API, in its municipality's feed. */
export function caseAudit(c: Pick<CaseItem, 'caseId' | 'municipalityId'>, at: string, actor: Actor, event: string, detail?: Record<string, string>): AuditItem {
  return auditItem({ caseId: c.caseId, municipalityId: c.municipalityId }, c.caseId, at, { event, by: actor.by, byRole: actor.role, via: 'api', ...(detail ? { detail } : {}) });
}

/**
 * What registering a case puts on record: the household's size. Ids and codes only: the SMR case
 * id and the arrival date are the case's personal data and go with it (the digests read them from
 * the case while it is there).
 */
export function caseCreatedAudit(c: CaseItem, actor: Actor): AuditItem {
  return caseAudit(c, c.createdAt, actor, 'case.created', { householdSize: String(c.household.length) });
}

/** Planning (or moving) the joint home visit on record: its sequence, nothing personal. */
export function visitPlannedAudit(c: Pick<CaseItem, 'caseId' | 'municipalityId'>, plan: HomeVisitPlan, actor: Actor): AuditItem {
  const event = plan.status === 'cancelled' ? 'case.home_visit_cancelled' : plan.previousStart === undefined ? 'case.home_visit_planned' : 'case.home_visit_moved';
  return caseAudit(c, plan.plannedAt, actor, event, { sequence: String(plan.sequence) });
}

/** Closing a case on record: ids and codes only, as every audit entry. */
export function caseClosedAudit(c: Pick<CaseItem, 'caseId' | 'municipalityId'>, at: string, actor: Actor, closure?: Pick<Closure, 'outcome'>): AuditItem {
  return caseAudit(c, at, actor, 'case.closed', closure ? { outcome: closure.outcome } : undefined);
}
