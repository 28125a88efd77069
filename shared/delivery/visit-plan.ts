import type { CaseItem } from '../store/case.js';
import { callOffSource, intentId, isCallOffNotice, type IntentItem } from '../store/intent.js';
import type { IntentRepository } from '../store/ports.js';
import { wentOut } from './call-off.js';

/**
 * What the home visit's plan (referrals/home-visit.ts) shares with delivery's last check: which
 * version of the plan a notice announces. Here, so that delivery imports nothing of referrals/.
 */

/** A version's notices have this source: their ids carry the version, so a retry writes nothing twice. */
export const visitPlanSource = (caseId: string, sequence: number) => `${visitPlanPrefix(caseId)}${sequence}`;
export const visitPlanPrefix = (caseId: string) => `${caseId}#homevisit#`;

/** An office's invitation to a version (REQUEST), and the calendar's cancellation of the visit (CANCEL). */
export const VISIT_INVITE = 'visit.invite';
export const VISIT_CANCEL = 'visit.cancel';

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

/** The version of the plan a call-off notice (the calendar's CANCEL, the family's "it is off") cancels, or undefined if it is not one. */
export function calledOffVersionOf(i: Pick<IntentItem, 'caseId' | 'sourceId'>): number | undefined {
  if (!i.caseId || !i.sourceId?.startsWith(visitPlanPrefix(i.caseId)) || !isCallOffNotice(i)) return undefined;
  const rest = i.sourceId.slice(visitPlanPrefix(i.caseId).length);
  const version = Number(rest.slice(0, rest.indexOf('#')));
  return Number.isInteger(version) && callOffSource(visitPlanSource(i.caseId, version)) === i.sourceId ? version : undefined;
}

/** Why the calendar's cancellation is not sent to an office: no invitation to the visit ever went to it. */
export const OFFICE_NEVER_INVITED = 'OfficeNeverInvited';

/**
 * Delivery's last check of the calendar's cancellation (CANCEL) to one office: it goes only where
 * an invitation of a version before the one it cancels went out, may have (`unconfirmed`, or
 * `sending` past its lease: that attempt died), or is going out right now. One going out may
 * still end unsent (its own last check reads the plan called off or the case closed; throttled,
 * its retry meets that check): `wait`, a bounded retry, until that attempt ends. None:
 * `never-invited`, and the office hears nothing of a meeting it was never told of.
 *
 * Here rather than where the call-off is written: there an invitation claimed between the
 * call-off's read and its write, or being sent, would leave an office holding a meeting nobody
 * cancels, unless the write held a condition on each invitation. Here, after the write, an
 * invitation not yet claimed can no longer go (visitMovedOn, or the closed case), so what this
 * read finds is final but for one being sent; and the close's call-off is covered too. One Query
 * of the case's visit notices, for CANCEL emails only.
 */
export async function invitedNotYet(
  notice: Pick<IntentItem, 'caseId' | 'sourceId' | 'purpose' | 'intentId'>,
  intents: Pick<IntentRepository, 'withIdPrefix'>,
  now: Date,
): Promise<'wait' | 'never-invited' | undefined> {
  const { caseId, sourceId } = notice;
  const cancels = calledOffVersionOf(notice);
  if (notice.purpose !== VISIT_CANCEL || !caseId || !sourceId || cancels === undefined) return undefined;
  const officeAt = `${intentId(sourceId, VISIT_CANCEL)}#`;
  if (!notice.intentId.startsWith(officeAt)) return undefined;
  const office = notice.intentId.slice(officeAt.length);
  const notices = await intents.withIdPrefix(caseId, visitPlanPrefix(caseId));
  // A visit planned again after a call-off is a new visit (a new invitation, not a move): what
  // was sent before that call-off was about the old one, and its own CANCEL went with it.
  const since = Math.max(-1, ...notices.map(calledOffVersionOf).filter((v): v is number => v !== undefined && v < cancels));
  const invitations = notices.filter((i) => {
    const version = visitVersionOf(i);
    return version !== undefined && version > since && version < cancels && i.intentId === intentId(visitPlanSource(caseId, version), VISIT_INVITE, office);
  });
  const inFlight = (i: IntentItem) => i.status === 'sending' && (i.leaseUntil ?? 0) * 1000 > now.getTime();
  if (invitations.some((i) => wentOut(i) && !inFlight(i))) return undefined;
  return invitations.some(inFlight) ? 'wait' : 'never-invited';
}
