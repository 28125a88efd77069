import type { Actor } from '../domain/actor.js';
import type { Clock } from '../domain/clock.js';
import { transition, type ReferralEvent, type ReferralState } from '../domain/referral-state.js';
import type { AuditEntry } from '../store/audit.js';
import type { CaseItem } from '../store/case.js';
import type { CaseRepository, ReferralMoveFields, ReferralRepository } from '../store/ports.js';
import type { ReferralItem } from '../store/referral.js';

export interface AnswerDeps {
  referrals: Pick<ReferralRepository, 'get' | 'move'>;
  cases: Pick<CaseRepository, 'get'>;
  clock: Clock;
}

export type AnswerResult =
  | { kind: 'moved' | 'repeat'; referral: ReferralItem; theCase: CaseItem }
  | { kind: 'refused'; referral: ReferralItem; theCase: CaseItem; message: string }
  /** The case is closed: nothing more is recorded on its referrals, and nothing goes out for them. */
  | { kind: 'closed'; referral: ReferralItem; theCase: CaseItem }
  | { kind: 'not-found' };

/**
 * A coordinator recording what an office said by phone: who they are (the audit's actor) and, when
 * they are one of the directory's coordinators, their directory id (react-to-answers then tells
 * the case's coordinator nothing they recorded themselves).
 */
export interface RecordedBy {
  actor: Actor;
  coordinatorId?: string | undefined;
}

/** How the answer came: every answer says so, so a later answer by link overwrites an earlier recorded one. */
function how(recorded: RecordedBy | undefined): ReferralMoveFields {
  return recorded ? { answeredVia: 'coordinator', recordedBy: recorded.coordinatorId ?? recorded.actor.by } : { answeredVia: 'link' };
}

/** Fields that record an answer on the referral (no personal data: reasons are codes, the note is the office's). */
function answerFields(event: ReferralEvent, now: string, recorded: RecordedBy | undefined): ReferralMoveFields {
  switch (event.type) {
    case 'accept':
      return { answeredAt: now, ...how(recorded) };
    case 'decline':
      return { answeredAt: now, declineReason: event.reason, ...(event.note ? { answerNote: event.note } : {}), ...how(recorded) };
    case 'outcome':
      return { outcomeAt: now, ...(event.note ? { answerNote: event.note } : {}), ...how(recorded) };
    case 'cancel':
      return { cancelledAt: now, cancelReason: event.reason };
    case 'release':
      return { releasedAt: now };
  }
}

/** The referral and its case as the caller has just read them (strongly consistent), in this invocation. */
export interface JustRead {
  referral: ReferralItem;
  theCase: CaseItem;
}

/**
 * An office answers a referral: through its signed link, or by phone to a coordinator who records
 * it (`recorded`). A second click is a harmless repeat; an answer that no longer fits (declining an
 * accepted referral) is refused with the reason. The status change reaches the coordinator (and
 * the returnee, and the referrals waiting for this one) through the stream, the same way for both.
 *
 * `read`: the first attempt decides on what the caller read (respond reads both to show the page)
 * instead of reading them again. The move is written only while the referral is still in the
 * status it was read in, so a read a few milliseconds older changes nothing: an answer in between
 * fails the condition, and the next attempt reads afresh.
 */
export async function answerReferral(
  caseId: string,
  referralId: string,
  event: ReferralEvent,
  deps: AnswerDeps,
  recorded?: RecordedBy,
  read?: JustRead,
): Promise<AnswerResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [referral, theCase] =
      attempt === 0 && read ? [read.referral, read.theCase] : await Promise.all([deps.referrals.get(caseId, referralId), deps.cases.get(caseId)]);
    if (!referral || !theCase) return { kind: 'not-found' };
    if (theCase.status === 'closed') return { kind: 'closed', referral, theCase };
    const t = transition(referral.status as ReferralState, event);
    if (t.kind === 'repeat') return { kind: 'repeat', referral, theCase };
    if (t.kind === 'refused') return { kind: 'refused', referral, theCase, message: t.message };
    const fields = answerFields(event, deps.clock.now().toISOString(), recorded);
    const detail: Record<string, string> = {
      ...(event.type === 'decline' ? { reason: event.reason } : {}),
      ...(event.type === 'outcome' ? { outcome: event.outcome } : {}),
    };
    const audit: AuditEntry = recorded
      ? // The coordinator is who wrote it; whose answer it is stays on record as a code, never the note.
        { event: `referral.${t.to}`, by: recorded.actor.by, byRole: recorded.actor.role, via: `api:${event.type}`, detail: { ...detail, onBehalfOf: `office:${referral.officeId}` } }
      : {
          event: `referral.${t.to}`,
          // The office is known by its link: it is scoped to this referral, which names the office.
          by: `office:${referral.officeId}`,
          via: `link:${event.type}`,
          ...(Object.keys(detail).length > 0 ? { detail } : {}),
        };
    if (await deps.referrals.move(referral, t.to, fields, audit)) {
      return { kind: 'moved', referral: { ...referral, ...fields, status: t.to }, theCase };
    }
    // Someone answered in between: read again and decide on what is there now.
  }
  throw new Error(`referral ${referralId} kept changing while being answered`);
}
