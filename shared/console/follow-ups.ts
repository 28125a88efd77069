import { decodeIntentTag, encodeIntentTag } from '../channels/intent-tag.js';
import type { Actor } from '../domain/actor.js';
import { FOLLOW_UP_OUTCOMES, notClosed, type FollowUpDone, type FollowUpOutcome } from '../domain/notification.js';
import { RequestId } from '../domain/case.js';
import { replayedChange, requested } from '../domain/request.js';
import type { IntakeResult } from '../domain/result.js';
import * as z from '../domain/zod.js';
import type { Language } from '../domain/vocabulary.js';
import { renderAny } from '../messages/index.js';
import type { IntentItem } from '../store/intent.js';
import { decodePageFollowUpId, encodePageFollowUpId, type PageAnswerItem } from '../store/page-answer.js';
import type { CaseRepository, IntentRepository, WorklistRepository } from '../store/ports.js';
import type { ReferralItem } from '../store/referral.js';

export interface FollowUpDeps {
  worklists: Pick<WorklistRepository, 'failedNotifications' | 'blocked' | 'cannotCome'>;
  cases: Pick<CaseRepository, 'get' | 'resolveCannotCome'>;
  intents: Pick<IntentRepository, 'resolveFollowUp'>;
}

/**
 * What the coordinator passes on by phone or on a visit: an SMS as it would have gone out, in
 * the returnee's language, or an email's subject (the office is called about it). Rendered from
 * the data the intent still holds, exactly as delivery would have; nothing when that data is gone
 * or cannot be rendered (`reason` then says why it failed).
 */
function toReadOut(i: IntentItem): { language?: Language; message?: string; subject?: string } {
  if (Object.keys(i.data).length === 0) return {};
  try {
    const out = renderAny(i.template, i.data, i.languages);
    if (i.channel === 'sms' && out.sms !== undefined) return { language: i.languages[0]!, message: out.sms };
    if (i.channel === 'email' && out.email) return { language: i.languages[0]!, subject: out.email.subject };
  } catch {
    // The failure itself is on record (RenderError); there is simply nothing to read out.
  }
  return {};
}

/** An open call-or-visit task: a notification that failed for good or whose outcome nobody knows. */
export function presentFollowUp(i: IntentItem, smrCaseId: string | undefined) {
  return {
    followUpId: encodeIntentTag(i),
    caseId: i.caseId,
    ...(smrCaseId ? { smrCaseId } : {}),
    channel: i.channel,
    purpose: i.purpose,
    template: i.template,
    status: i.status,
    reason: i.failure?.code ?? i.status,
    attempts: i.attempts,
    since: (i.listSort ?? '').split('#')[0] || i.createdAt,
    ...toReadOut(i),
  };
}

/**
 * A waiting referral whose prerequisite will not be completed: the coordinator decides, through
 * `POST …/referrals/{id}/release` (now, or `officeKind`: elsewhere) or `…/cancel`. It leaves the
 * list with that decision.
 */
export function presentBlockedReferral(r: ReferralItem) {
  return {
    caseId: r.caseId,
    ...(r.smrCaseId ? { smrCaseId: r.smrCaseId } : {}),
    referralId: r.referralId,
    officeKind: r.officeKind,
    need: r.need,
    dependsOn: r.dependsOn,
    because: r.blockedBecause,
    since: r.blockedAt,
    choices: ['release', 'refer-elsewhere', 'cancel'] as const,
  };
}

/**
 * A household's "I cannot come" from the returnee page: the coordinator calls to find another
 * day or what stands in the way, then marks it handled with the outcome of the call, as a
 * notification's follow-up (`POST …/follow-ups/{followUpId}`). `about` names the step in codes:
 * the office kind and need, or the appointment's time (absent for answers given before it was kept).
 */
export function presentCannotCome(a: PageAnswerItem, smrCaseId: string | undefined) {
  return {
    followUpId: encodePageFollowUpId(a),
    caseId: a.caseId,
    ...(smrCaseId ? { smrCaseId } : {}),
    step: a.step,
    ...(a.about ? { about: a.about } : {}),
    since: a.at,
  };
}

/** The municipality's open tasks: notifications to pass on by phone, blocked referrals to decide, "I cannot come" to call about. */
export async function readFollowUps(municipalityId: string, deps: FollowUpDeps) {
  const failed = await deps.worklists.failedNotifications(municipalityId);
  const blocked = await deps.worklists.blocked(municipalityId);
  const cannotCome = await deps.worklists.cannotCome(municipalityId);
  // A notification or an answer names no SMR id; the few cases concerned are read one by one.
  const smr = new Map<string, string | undefined>();
  for (const caseId of new Set([...failed.flatMap((i) => (i.caseId ? [i.caseId] : [])), ...cannotCome.map((a) => a.caseId)])) {
    smr.set(caseId, (await deps.cases.get(caseId))?.smrCaseId);
  }
  return {
    followUps: failed.map((i) => presentFollowUp(i, i.caseId ? smr.get(i.caseId) : undefined)),
    blockedReferrals: blocked.map(presentBlockedReferral),
    cannotCome: cannotCome.map((a) => presentCannotCome(a, smr.get(a.caseId))),
  };
}

export type FollowUpRef = { answer: { caseId: string; step: string } } | { intent: { pk: string; intentId: string } };

/** What a follow-up id names: a notification's (an intent tag) or an "I cannot come"'s; undefined if neither. */
export function followUpRef(followUpId: string): FollowUpRef | undefined {
  const answer = decodePageFollowUpId(followUpId);
  if (answer) return { answer };
  const intent = decodeIntentTag(followUpId);
  return intent ? { intent } : undefined;
}

/** POST …/follow-ups/{followUpId}: what came of the call or visit. */
export const FollowUpInput = z.strictObject({ outcome: z.enum(FOLLOW_UP_OUTCOMES), requestId: RequestId });
export type FollowUpInput = z.infer<typeof FollowUpInput>;

/**
 * Marks a follow-up done with what came of the call or visit. Not found if there is no such open
 * task in the municipality (done already, changed to "I will come", another municipality's, or an
 * id that names none), except for a retry of the request that closed it (same requestId): that
 * answers as the first did.
 */
export async function resolveFollowUp(
  municipalityId: string,
  followUpId: string,
  input: FollowUpInput,
  at: string,
  actor: Actor,
  deps: FollowUpDeps,
): Promise<IntakeResult<{ followUpId: string; outcome: FollowUpOutcome }>> {
  const ref = followUpRef(followUpId);
  const request = requested('follow-up', `${municipalityId}:${followUpId}`, actor, input);
  const followUp: FollowUpDone = { outcome: input.outcome, at, ...(request ? { request } : {}) };
  const closing = !ref
    ? notClosed(undefined)
    : 'answer' in ref
      ? await deps.cases.resolveCannotCome(ref.answer, municipalityId, followUp, actor)
      : await deps.intents.resolveFollowUp(ref.intent, municipalityId, followUp, actor);
  if (closing.done) return { ok: true, value: { followUpId, outcome: input.outcome } };
  const earlier = closing.earlier;
  return (
    (earlier && replayedChange({ followUpId, outcome: earlier.outcome }, earlier.request, request)) ?? {
      ok: false,
      problem: { kind: 'not-found', message: 'no such open follow-up (already done, or not in this municipality)' },
    }
  );
}
