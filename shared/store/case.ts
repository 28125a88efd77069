import { z } from 'zod';
import { addMonths } from '../domain/calendar.js';
import { CASE_MONTHS, HouseholdMember, SmsOptOutReason } from '../domain/case.js';
import { Language, MunicipalityId, PersonCategory } from '../domain/vocabulary.js';
import { casePk } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

export const CaseItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.literal('META'),
  type: z.literal('Case'),
  caseId: z.string(),
  smrCaseId: z.string(),
  municipalityId: MunicipalityId,
  coordinatorId: z.string(),
  arrivalDate: z.string(),
  category: PersonCategory,
  language: Language,
  phone: z.string().optional(),
  consent: z.object({ sms: z.boolean(), shareWithOffices: z.boolean() }),
  /** Set when the coordinator opted the returnee out of SMS after registration (consent.sms is then false). */
  smsOptOut: z.object({ reason: SmsOptOutReason, at: z.string() }).optional(),
  household: z.array(HouseholdMember),
  /** Items written before closing existed carry no status: they are open. */
  status: z.enum(['open', 'closed']).default('open'),
  homeVisitAt: z.string().optional(),
  closedAt: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.number().int(),
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

/** An open case waits in its municipality's list by its closure date (arrival + 18 months). */
export function caseListing(c: Pick<CaseItem, 'municipalityId' | 'arrivalDate' | 'caseId'>): Listing {
  return { listKey: lists.openCases(c.municipalityId), listSort: `${addMonths(c.arrivalDate, CASE_MONTHS)}#${c.caseId}` };
}
