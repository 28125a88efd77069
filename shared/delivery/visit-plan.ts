import type { CaseItem } from '../store/case.js';
import type { IntentItem } from '../store/intent.js';

/**
 * What the home visit's plan (referrals/home-visit.ts) shares with delivery's last check: which
 * version of the plan a notice announces. Here, so that delivery imports nothing of referrals/.
 */

/** A version's notices have this source: their ids carry the version, so a retry writes nothing twice. */
export const visitPlanSource = (caseId: string, sequence: number) => `${visitPlanPrefix(caseId)}${sequence}`;
export const visitPlanPrefix = (caseId: string) => `${caseId}#homevisit#`;

/**
 * The notices whose words hold for one version only: the offices' invitation (REQUEST, that
 * version's SEQUENCE and time) and the family's "planned" or "moved" SMS (that version's day and
 * time). Not the call-off's (the calendar's CANCEL, the family's "it is off"): they are the last
 * word on the version they cancel, and go whatever is planned after.
 */
const OF_ONE_VERSION: ReadonlySet<IntentItem['template']> = new Set(['visit.office.invitation', 'visit.returnee.planned', 'visit.returnee.moved']);

/** The version of the plan a notice announces, or undefined if it is not such a notice. */
export function visitVersionOf(i: Pick<IntentItem, 'caseId' | 'sourceId' | 'template'>): number | undefined {
  if (!i.caseId || !OF_ONE_VERSION.has(i.template) || !i.sourceId?.startsWith(visitPlanPrefix(i.caseId))) return undefined;
  const version = Number(i.sourceId.slice(visitPlanPrefix(i.caseId).length));
  return Number.isInteger(version) ? version : undefined;
}

/** Why a notice of a version is not sent: the plan moved on to a later version, was called off, or the visit was recorded. */
export const VISIT_MOVED = 'VisitMoved';
export const VISIT_CALLED_OFF = 'VisitCalledOff';
export const VISIT_RECORDED = 'VisitRecorded';

/**
 * Delivery's last check of a notice of a version (`theCase` read at delivery: the plan is on the
 * case item). A move or call-off writes the next version, then cancels the older ones' notices
 * still unsent; should it die between the two, or a notice be claimed at that moment, the office
 * would get an invitation (REQUEST, older SEQUENCE) for a time that no longer holds, after or
 * beside the new one. So it goes only while its version is the plan as planned. The family's SMS
 * is also cancelled inside the move's write (known-time.ts); this holds it to the same rule when
 * the visit is recorded, whose cancelling comes after its write. Read before the send, not with
 * it: a move written between the two still lets the older REQUEST go, and the invitee's calendar
 * keeps the later SEQUENCE (refusing moves while an invitation is `sending`, as for the family's
 * SMS, would hold the coordinator up for a message whose calendar entry mends itself).
 */
export function visitMovedOn(i: Pick<IntentItem, 'caseId' | 'sourceId' | 'template'>, theCase: Pick<CaseItem, 'homeVisitPlan' | 'homeVisitAt'> | undefined): string | undefined {
  const version = visitVersionOf(i);
  if (version === undefined || !theCase) return undefined;
  const plan = theCase.homeVisitPlan;
  if (theCase.homeVisitAt || plan?.status === 'done') return VISIT_RECORDED;
  if (plan?.sequence === version && plan.status === 'planned') return undefined;
  return plan?.status === 'cancelled' ? VISIT_CALLED_OFF : VISIT_MOVED;
}
