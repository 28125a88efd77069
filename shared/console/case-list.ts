import * as z from '../domain/zod.js';
import type { ReferralState } from '../domain/referral-state.js';
import type { CaseItem } from '../store/case.js';
import type { CaseRepository, ReferralRepository, WorklistRepository } from '../store/ports.js';

export const CASE_PAGE = { default: 50, max: 100 } as const;

/** Where a page ends: an open case's place in its list (closure date and id), opaque to callers. */
const Place = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}#[0-9A-HJKMNP-TV-Z]{26}$/));
const encodePlace = (listSort: string) => Buffer.from(listSort, 'utf8').toString('base64url');
const decodePlace = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

export const CaseListQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(CASE_PAGE.max)), CASE_PAGE.default),
  after: z.optional(z.string().check(z.maxLength(200), z.refine((c) => Place.safeParse(decodePlace(c)).success, 'pass back the `next` of the page before'))),
  smr: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
}).check(z.refine((q) => !(q.smr && q.after), { message: 'a search by SMR id has no pages', path: ['after'] }));
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export interface CaseListDeps {
  cases: Pick<CaseRepository, 'get' | 'caseIdOfSmr'>;
  referrals: Pick<ReferralRepository, 'statesOf'>;
  worklists: Pick<WorklistRepository, 'openCasesPage'>;
}

/** One line of the case list: what the console shows and searches by, no names, no phone. */
async function caseLine(c: CaseItem, deps: CaseListDeps) {
  const referrals: Partial<Record<ReferralState, number>> = {};
  for (const state of await deps.referrals.statesOf(c.caseId)) referrals[state] = (referrals[state] ?? 0) + 1;
  return {
    caseId: c.caseId,
    smrCaseId: c.smrCaseId,
    arrivalDate: c.arrivalDate,
    ...(c.listSort ? { closureDate: c.listSort.slice(0, 10) } : {}),
    category: c.category,
    status: c.status,
    coordinatorId: c.coordinatorId,
    householdSize: c.household.length,
    ...(c.homeVisitAt ? { homeVisitAt: c.homeVisitAt } : {}),
    ...(c.closedAt ? { closedAt: c.closedAt } : {}),
    referrals,
  };
}

/**
 * A page of the municipality's open cases, newest arrival first, from its open-cases list (no
 * scan), or the one case an SMR id names, open or closed, when it is this municipality's (another
 * municipality's answers none, exactly like an SMR id nobody registered).
 */
export async function listCases(municipalityId: string, q: CaseListQuery, deps: CaseListDeps) {
  if (q.smr) {
    const caseId = await deps.cases.caseIdOfSmr(q.smr);
    const found = caseId ? await deps.cases.get(caseId) : undefined;
    return { cases: found && found.municipalityId === municipalityId ? [await caseLine(found, deps)] : [] };
  }
  const page = await deps.worklists.openCasesPage(municipalityId, { limit: q.limit, ...(q.after ? { before: decodePlace(q.after) } : {}) });
  return {
    cases: await Promise.all(page.items.map((c) => caseLine(c, deps))),
    ...(page.next ? { next: encodePlace(page.next) } : {}),
  };
}
