import type { Municipality } from '../directory/schema.js';
import { emailLanguagesFor } from '../domain/languages.js';
import type { ReferralNoticeData } from '../messages/notices.js';
import type { CaseItem } from '../store/case.js';
import { intentId, intentItem, type IntentItem } from '../store/intent.js';
import type { CaseView } from '../store/ports.js';
import { closedCaseExpiry } from '../cases/retention.js';
import type { ReferralItem } from '../store/referral.js';
import { referralNoticeData } from '../timers/decide.js';
import type { IntakeDeps } from './intake.js';
import { callOffSource, officeEmailId, officeWasTold, WITHDRAWN_PURPOSE } from '../delivery/call-off.js';
import { callOffVisitOfClosedCase } from './home-visit.js';

/**
 * What an office hears when what it was asked to do is called off: a referral cancelled by the
 * coordinator, or still open when its case closed. One short email ("withdrawn"), through the
 * outbox, and only to an office that knows of the referral: one whose email never went out (a
 * waiting referral, or one whose email closing or cancelling stopped) hears nothing.
 */

/** The withdrawn notice to the referral's office, or undefined when the office is gone from the directory. Pure. */
export function withdrawnNotice(r: ReferralItem, theCase: CaseItem, muni: Municipality, now: Date): IntentItem | undefined {
  const office = muni.offices.find((o) => o.id === r.officeId);
  if (!office) return undefined;
  // What the referral's email named: the case reference and the need (kept out of the subject when
  // sensitive, as the notices' renderer does), no person.
  const data: ReferralNoticeData = referralNoticeData(r, theCase, muni, office);
  const sourceId = callOffSource(r.referralId);
  return intentItem({ caseId: theCase.caseId }, {
    // Derived from the referral alone: cancelling and then closing, or a retry of either, writes it once.
    intentId: intentId(sourceId, WITHDRAWN_PURPOSE),
    caseId: theCase.caseId,
    municipalityId: theCase.municipalityId,
    referralId: r.referralId,
    sourceId,
    purpose: WITHDRAWN_PURPOSE,
    channel: 'email',
    template: 'referral.office.withdrawn',
    languages: emailLanguagesFor(office.languages),
    recipient: office.email,
    data: data as unknown as Record<string, unknown>,
    status: 'queued',
    attempts: 0,
    createdAt: now.toISOString(),
    expiresAt: theCase.expiresAt,
  });
}

/** The notices a case's called-off referrals (`which`) owe their offices, as read in `view`. Pure. */
export function decideWithdrawn(view: CaseView, which: (r: ReferralItem) => boolean, muni: Municipality, now: Date): IntentItem[] {
  const out: IntentItem[] = [];
  for (const r of view.referrals) {
    if (!which(r)) continue;
    if (!officeWasTold(r, view.intents.find((i) => i.intentId === officeEmailId(r.referralId)))) continue;
    const notice = withdrawnNotice(r, view.case, muni, now);
    if (notice) out.push(notice);
  }
  return out;
}

export type WithdrawnDeps = Pick<IntakeDeps, 'cases' | 'directory' | 'clock' | 'intents' | 'retentionDays'>;

/**
 * Writes the notices, each once (putIfAbsent on its derived id). Called after the change is
 * written and the pending messages cancelled; should it fail, the client's retry of the change
 * finds it written and calls this again.
 */
async function tellOffices(caseId: string, which: (r: ReferralItem, c: CaseItem) => boolean, deps: WithdrawnDeps): Promise<number> {
  const view = await deps.cases.view(caseId);
  const muni = view && deps.directory.municipality(view.case.municipalityId);
  if (!view || !muni) return 0;
  let written = 0;
  for (const notice of decideWithdrawn(view, (r) => which(r, view.case), muni, deps.clock.now())) {
    if (await deps.intents.putIfAbsent(asClosed(notice, view.case, deps.retentionDays))) written++;
  }
  return written;
}

/**
 * A notice written for a closed case expires with its other items, the retention period after
 * the closure: expire-closed-cases may have set theirs before it is written.
 */
function asClosed(notice: IntentItem, c: Pick<CaseItem, 'closedAt'>, retentionDays: number): IntentItem {
  return c.closedAt ? { ...notice, expiresAt: closedCaseExpiry(c.closedAt, retentionDays) } : notice;
}

/** After the coordinator cancelled a referral: its office hears, if it knew of it. */
export function tellOfficeReferralCancelled(caseId: string, referralId: string, deps: WithdrawnDeps): Promise<number> {
  return tellOffices(caseId, (r) => r.referralId === referralId && r.status === 'cancelled', deps);
}

/**
 * After a case closed: the office of each referral still open (sent, accepted and awaiting its
 * outcome; created, should its email have gone out), or cancelled by the closing itself (at or
 * after the case's closedAt), hears, if it knew of it. What FE's closing cancels is such a one.
 */
function tellOfficesCaseClosed(caseId: string, deps: WithdrawnDeps): Promise<number> {
  return tellOffices(caseId, (r, c) => ['created', 'sent', 'accepted'].includes(r.status) || (r.status === 'cancelled' && c.closedAt !== undefined && (r.cancelledAt ?? '') >= c.closedAt), deps);
}

/**
 * What closing a case calls off, after the close is written and its pending messages cancelled
 * (and again on a retried close): the offices of its open referrals hear they are withdrawn, and
 * the invitees of its planned home visit get the calendar's cancellation. How many notices were
 * written.
 */
export async function callOffOnClose(caseId: string, deps: WithdrawnDeps): Promise<number> {
  return (await tellOfficesCaseClosed(caseId, deps)) + (await callOffVisitOfClosedCase(caseId, deps));
}
