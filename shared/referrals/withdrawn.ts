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
import { callOffSource, ESCALATION_PURPOSE, HEAD_WITHDRAWN_PURPOSE, headKey, officeEmailId, officeWasTold, wentOut, WITHDRAWN_PURPOSE } from '../delivery/call-off.js';
import { callOffVisitOfClosedCase } from './home-visit.js';

/**
 * What an office hears when what it was asked to do is called off: a referral cancelled by the
 * coordinator (unanswered, or accepted and then withdrawn), or still open when its case closed.
 * One short email ("withdrawn"), through the outbox, and only to an office that knows of the
 * referral: one whose email never went out (a waiting referral, or one whose email closing or
 * cancelling stopped) hears nothing. The head of the office hears too, once, only if the
 * escalation about the referral was sent to them.
 */

const NOTICE_TO = {
  office: { purpose: WITHDRAWN_PURPOSE, template: 'referral.office.withdrawn' },
  head: { purpose: HEAD_WITHDRAWN_PURPOSE, template: 'referral.head.withdrawn' },
} as const;

/** The withdrawn notice to the referral's office (or its head), or undefined when the office (or its head) is gone from the directory. Pure. */
export function withdrawnNotice(r: ReferralItem, theCase: CaseItem, muni: Municipality, now: Date, to: keyof typeof NOTICE_TO = 'office'): IntentItem | undefined {
  const office = muni.offices.find((o) => o.id === r.officeId);
  const recipient = to === 'office' ? office?.email : office?.head?.email;
  if (!office || !recipient) return undefined;
  // What the referral's email named: the case reference and the need (kept out of the subject when
  // sensitive, as the notices' renderer does), no person.
  const data: ReferralNoticeData = referralNoticeData(r, theCase, muni, office);
  const sourceId = callOffSource(r.referralId);
  const { purpose, template } = NOTICE_TO[to];
  return intentItem({ caseId: theCase.caseId }, {
    // Derived from the referral alone: cancelling and then closing, or a retry of either, writes it once.
    intentId: intentId(sourceId, purpose),
    caseId: theCase.caseId,
    municipalityId: theCase.municipalityId,
    referralId: r.referralId,
    sourceId,
    purpose,
    channel: 'email',
    template,
    languages: emailLanguagesFor(office.languages),
    recipient,
    data: data as unknown as Record<string, unknown>,
    status: 'queued',
    attempts: 0,
    createdAt: now.toISOString(),
    expiresAt: theCase.expiresAt,
  });
}

/**
 * Whether the head of the office was told of the referral: the ladder's escalation went to them
 * (sent, or may have gone), by the same measure as the office's email (officeWasTold). An office
 * without a head had the escalation itself, and hears through its own notice.
 */
export function headWasTold(r: Pick<ReferralItem, 'referralId' | 'officeId'>, intents: readonly Pick<IntentItem, 'intentId' | 'referralId' | 'status'>[]): boolean {
  const toHead = intentId('', ESCALATION_PURPOSE, headKey(r.officeId));
  return intents.some((i) => i.referralId === r.referralId && i.intentId.endsWith(toHead) && wentOut(i));
}

/** The notices a case's called-off referrals (`which`) owe their offices (and heads), as read in `view`. Pure. */
export function decideWithdrawn(view: CaseView, which: (r: ReferralItem) => boolean, muni: Municipality, now: Date): IntentItem[] {
  const out: IntentItem[] = [];
  for (const r of view.referrals) {
    if (!which(r)) continue;
    if (!officeWasTold(r, view.intents.find((i) => i.intentId === officeEmailId(r.referralId)))) continue;
    const notices = [withdrawnNotice(r, view.case, muni, now), headWasTold(r, view.intents) ? withdrawnNotice(r, view.case, muni, now, 'head') : undefined];
    for (const n of notices) if (n) out.push(n);
  }
  return out;
}

export type WithdrawnDeps = Pick<IntakeDeps, 'cases' | 'directory' | 'clock' | 'intents' | 'retentionDays'>;

/**
 * Writes the notices `view` decides, each once (putIfAbsent on its derived id). Called after the
 * change is written and the pending messages cancelled; should it fail, the client's retry of the
 * change finds it written and calls this again.
 */
async function tellOffices(view: CaseView, which: (r: ReferralItem, c: CaseItem) => boolean, deps: WithdrawnDeps): Promise<number> {
  const muni = deps.directory.municipality(view.case.municipalityId);
  if (!muni) return 0;
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

/** After the coordinator cancelled (or withdrew) a referral: its office hears, if it knew of it, and its head, if escalated to. */
export async function tellOfficeReferralCancelled(caseId: string, referralId: string, deps: WithdrawnDeps): Promise<number> {
  const view = await deps.cases.view(caseId);
  return view ? tellOffices(view, (r) => r.referralId === referralId && r.status === 'cancelled', deps) : 0;
}

/**
 * After a case closed: the office of each referral still open (sent, accepted and awaiting its
 * outcome; created, should its email have gone out), or cancelled by the closing itself, hears, if
 * it knew of it. What FE's closing cancels is such a one: `closedNow` names those this closing
 * cancelled after `view` was read; any other cancelled at or after the case's closedAt was
 * cancelled by an earlier attempt of it.
 */
function tellOfficesCaseClosed(view: CaseView, closedNow: ReadonlySet<string>, deps: WithdrawnDeps): Promise<number> {
  return tellOffices(
    view,
    (r, c) => closedNow.has(r.referralId) || ['created', 'sent', 'accepted'].includes(r.status) || (r.status === 'cancelled' && c.closedAt !== undefined && (r.cancelledAt ?? '') >= c.closedAt),
    deps,
  );
}

/**
 * What closing a case calls off, after the close is written and its pending messages cancelled
 * (and again on a retried close), decided on the closed case as read (`view`) and the referrals
 * the closing cancelled since (`closedNow`): the offices of its open referrals hear they are
 * withdrawn, and the invitees of its planned home visit get the calendar's cancellation. How many
 * notices were written.
 */
export async function callOffOnClose(view: CaseView, closedNow: ReadonlySet<string>, deps: WithdrawnDeps): Promise<number> {
  return (await tellOfficesCaseClosed(view, closedNow, deps)) + (await callOffVisitOfClosedCase(view.case, deps));
}
