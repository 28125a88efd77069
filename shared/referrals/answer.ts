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
  | { kind: 'not-found' };

/** Fields that record an answer on the referral (no personal data: reasons are codes, the note is the office's). */
function answerFields(event: ReferralEvent, now: string): ReferralMoveFields {
  switch (event.type) {
    case 'accept':
      return { answeredAt: now };
    case 'decline':
      return { answeredAt: now, declineReason: event.reason, ...(event.note ? { answerNote: event.note } : {}) };
    case 'outcome':
      return { outcomeAt: now, ...(event.note ? { answerNote: event.note } : {}) };
    case 'cancel':
      return { cancelledAt: now, cancelReason: event.reason };
    case 'release':
      return { releasedAt: now };
  }
}

/**
 * An office answers a referral (through its signed link). A second click is a harmless repeat;
 * an answer that no longer fits (declining an accepted referral) is refused with the reason.
 * The status change reaches the coordinator through the stream.
 */
export async function answerReferral(caseId: string, referralId: string, event: ReferralEvent, deps: AnswerDeps): Promise<AnswerResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [referral, theCase] = await Promise.all([deps.referrals.get(caseId, referralId), deps.cases.get(caseId)]);
    if (!referral || !theCase) return { kind: 'not-found' };
    const t = transition(referral.status as ReferralState, event);
    if (t.kind === 'repeat') return { kind: 'repeat', referral, theCase };
    if (t.kind === 'refused') return { kind: 'refused', referral, theCase, message: t.message };
    const fields = answerFields(event, deps.clock.now().toISOString());
    const audit: AuditEntry = {
      event: `referral.${t.to}`,
      // The office is known by its link: it is scoped to this referral, which names the office.
      by: `office:${referral.officeId}`,
      via: `link:${event.type}`,
      ...(event.type === 'decline' ? { detail: { reason: event.reason } as Record<string, string> } : {}),
      ...(event.type === 'outcome' ? { detail: { outcome: event.outcome } as Record<string, string> } : {}),
    };
    if (await deps.referrals.move(referral, t.to, fields, audit)) {
      return { kind: 'moved', referral: { ...referral, ...fields, status: t.to }, theCase };
    }
    // Someone answered in between: read again and decide on what is there now.
  }
  throw new Error(`referral ${referralId} kept changing while being answered`);
}
