import * as z from '../domain/zod.js';
import type { Actor } from '../domain/actor.js';
import type { ReferralEvent } from '../domain/referral-state.js';
import type { IntakeResult } from '../domain/result.js';
import { DECLINE_REASONS, REFERRAL_OUTCOMES } from '../domain/vocabulary.js';
import { answerReferral, type AnswerDeps } from './answer.js';

/** The office's note as the link's form takes it: at most 500 characters, blank is none. */
const Note = z.optional(z.pipe(z.string().check(z.maxLength(500)), z.transform((s) => s.trim() || undefined)));

/**
 * What an office said by phone, as the coordinator records it: the same three answers as the
 * office's one-click links, with the same reason codes and outcomes.
 */
export const RecordedAnswerInput = z.discriminatedUnion('answer', [
  z.strictObject({ answer: z.literal('accept') }),
  z.strictObject({ answer: z.literal('decline'), reason: z.enum(DECLINE_REASONS), note: Note }),
  z.strictObject({ answer: z.literal('outcome'), outcome: z.enum(REFERRAL_OUTCOMES), note: Note }),
]);
export type RecordedAnswerInput = z.infer<typeof RecordedAnswerInput>;

function eventOf(input: RecordedAnswerInput): ReferralEvent {
  switch (input.answer) {
    case 'accept':
      return { type: 'accept' };
    case 'decline':
      return { type: 'decline', reason: input.reason, ...(input.note ? { note: input.note } : {}) };
    case 'outcome':
      return { type: 'outcome', outcome: input.outcome, ...(input.note ? { note: input.note } : {}) };
  }
}

/**
 * A coordinator records the answer an office gave by phone, through the very use case the office's
 * link uses (answerReferral): the same state machine guards it (409 when it no longer applies),
 * and the same stream reaction follows (the returnee's SMS, the released or blocked referrals).
 * On record as the coordinator's doing on behalf of the office.
 */
export async function recordOfficeAnswer(
  caseId: string,
  referralId: string,
  input: RecordedAnswerInput,
  deps: AnswerDeps,
  actor: Actor,
  coordinatorId: string | undefined,
): Promise<IntakeResult<{ referralId: string; status: string; recorded: boolean }>> {
  const out = await answerReferral(caseId, referralId, eventOf(input), deps, { actor, coordinatorId });
  switch (out.kind) {
    case 'not-found':
      return { ok: false, problem: { kind: 'not-found', message: `no referral ${referralId} in case ${caseId}` } };
    case 'closed':
      return { ok: false, problem: { kind: 'not-found', message: `no open case ${caseId}` } };
    case 'refused':
      return { ok: false, problem: { kind: 'conflict', field: 'answer', message: out.message, existingCaseId: caseId } };
    default:
      return { ok: true, value: { referralId, status: out.referral.status, recorded: out.kind === 'moved' } };
  }
}
