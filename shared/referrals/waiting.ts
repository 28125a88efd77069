import * as z from '../domain/zod.js';
import type { Actor } from '../domain/actor.js';
import { addWorkingDays } from '../domain/calendar.js';
import { derivedId } from '../domain/ids.js';
import { transition } from '../domain/referral-state.js';
import type { IntakeResult } from '../domain/result.js';
import { OfficeKind } from '../domain/vocabulary.js';
import type { ReferralItem } from '../store/referral.js';
import { createReferral, type IntakeDeps } from './intake.js';

/**
 * The coordinator's answer to a waiting referral (typically one whose prerequisite was declined,
 * cancelled or reported not done): without a body it goes out now, to its own office; with
 * `officeKind` it is referred elsewhere: cancelled (`referred_elsewhere`) and replaced by a
 * referral for the same need and persons to that office, sent now. Cancelling is the existing
 * `…/cancel`.
 */
export const ReleaseInput = z.strictObject({ officeKind: z.optional(OfficeKind) });
export type ReleaseInput = z.infer<typeof ReleaseInput>;

export type Released = { referralId: string; status: ReferralItem['status']; replaces?: string };

const conflict = (caseId: string, message: string) => ({ ok: false as const, problem: { kind: 'conflict' as const, field: 'referralId', message, existingCaseId: caseId } });
const notFound = (caseId: string, referralId: string) => ({ ok: false as const, problem: { kind: 'not-found' as const, message: `no referral ${referralId} in case ${caseId}` } });

/** The replacement's id derives from the referral it replaces: a repeated request makes it once. */
const replacementId = (caseId: string, referralId: string) => derivedId(`${caseId}:elsewhere:${referralId}`);

export async function releaseWaiting(caseId: string, referralId: string, input: ReleaseInput, deps: IntakeDeps, actor: Actor): Promise<IntakeResult<Released> & { created?: boolean }> {
  const theCase = await deps.cases.get(caseId);
  if (!theCase || theCase.status === 'closed') return { ok: false, problem: { kind: 'not-found', message: `no open case ${caseId}` } };
  const muni = deps.directory.municipality(theCase.municipalityId)!;
  if (input.officeKind === undefined) return releaseNow(caseId, referralId, deps, actor, muni);

  const office = deps.directory.office(theCase.municipalityId, input.officeKind);
  if (!office) return { ok: false, problem: { kind: 'invalid', field: 'officeKind', message: `the ${theCase.municipalityId} directory has no ${input.officeKind} office` } };
  const current = await deps.referrals.get(caseId, referralId);
  if (!current) return notFound(caseId, referralId);
  const newId = replacementId(caseId, referralId);
  // A repeated request after the cancellation (a retry, a double click) goes on to the same replacement.
  const alreadyReplaced = current.status === 'cancelled' && current.cancelReason === 'referred_elsewhere';
  if (!alreadyReplaced) {
    if (current.status !== 'waiting') return conflict(caseId, `this referral is ${current.status}; only a waiting referral is referred elsewhere`);
    if (office.id === current.officeId) return { ok: false, problem: { kind: 'invalid', field: 'officeKind', message: 'the referral already goes to this office; send it without officeKind to release it', code: 'same-office' } };
    const at = deps.clock.now().toISOString();
    const cancelled = await deps.referrals.move(
      current,
      'cancelled',
      { cancelledAt: at, cancelReason: 'referred_elsewhere' },
      { event: 'referral.cancelled', by: actor.by, byRole: actor.role, via: 'api', detail: { reason: 'referred_elsewhere', replacedBy: newId } },
    );
    if (!cancelled) return conflict(caseId, 'the referral changed meanwhile; reload and decide again');
  }
  const made = await createReferral(
    caseId,
    {
      officeKind: input.officeKind,
      need: current.need,
      personIds: current.personIds,
      ...(current.categories.length ? { categories: current.categories } : {}),
      ...(current.note ? { note: current.note } : {}),
    },
    deps,
    { referralId: newId },
  );
  if (!made.ok) return made;
  return { ok: true, value: { referralId: newId, status: made.value.status, replaces: referralId }, created: made.created ?? false };
}

async function releaseNow(caseId: string, referralId: string, deps: IntakeDeps, actor: Actor, muni: NonNullable<ReturnType<IntakeDeps['directory']['municipality']>>): Promise<IntakeResult<Released>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.referrals.get(caseId, referralId);
    if (!current) return notFound(caseId, referralId);
    const t = transition(current.status, { type: 'release' });
    if (t.kind === 'repeat') return { ok: true, value: { referralId, status: current.status } };
    if (t.kind === 'refused') return conflict(caseId, t.message);
    const now = deps.clock.now();
    const days = muni.ackWorkingDaysByKind?.[current.officeKind] ?? muni.ackWorkingDays;
    // waiting → created: route-referrals sends it, as when its prerequisite is completed.
    const moved = await deps.referrals.move(
      current,
      'created',
      { releasedAt: now.toISOString(), ackDueDate: addWorkingDays(now, days, deps.holidays) },
      { event: 'referral.released', by: actor.by, byRole: actor.role, via: 'api', detail: current.dependsOn ? { prerequisite: current.dependsOn } : {} },
    );
    if (moved) return { ok: true, value: { referralId, status: 'created' } };
  }
  return conflict(caseId, 'the referral kept changing; reload and decide again');
}
