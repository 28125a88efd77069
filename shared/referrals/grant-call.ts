import type { Actor } from '../domain/actor.js';
import { addDays, localDate } from '../domain/calendar.js';
import { GRANT_CALL_NEED, type GrantCallInput } from '../domain/grant-call.js';
import type { IntakeResult } from '../domain/result.js';
import type { Municipality } from '../directory/schema.js';
import type { GrantCallSmsData } from '../messages/grants.js';
import { renderAny } from '../messages/index.js';
import { applySmsPolicy } from '../messages/sms-policy.js';
import { municipalityAuditItem } from '../store/audit.js';
import type { CaseItem } from '../store/case.js';
import { intentId, type IntentItem } from '../store/intent.js';
import type { IntentRepository, RetentionRepository, WorklistRepository } from '../store/ports.js';
import { familySms } from './home-visit.js';
import type { IntakeDeps } from './intake.js';
import { caseCoordinator } from '../directory/coordinator.js';

/**
 * A grant call that opened, told by SMS to each open case of the municipality that registered an
 * interest (plans: the agriculture directorate's grants, "told when a call opens"). Interest is
 * read from the case's referral for the call's need, not from the FVN answer: the referral is what
 * the case holds whether the FVN or the coordinator made it, one filtered query of the case's
 * partition reads it, and a coordinator who cancelled it (the household withdrew, or it went
 * elsewhere under a new referral) has said the household is no longer to be told.
 */

export type GrantCallDeps = Pick<IntakeDeps, 'referrals' | 'directory' | 'clock'> & {
  worklists: Pick<WorklistRepository, 'openCases'>;
  intents: Pick<IntentRepository, 'putIfAbsent'>;
  audit: Pick<RetentionRepository, 'record'>;
};

export interface GrantCallResult {
  callId: string;
  /** SMS written now, to go out at once or at 08:00 if it is night. */
  told: number;
  /** Cases with an interest but no SMS: no consent (or opted out since), or no phone. */
  skipped: { total: number; noConsent: number; optedOut: number; noPhone: number };
  /** Cases an earlier request about the same call already told or skipped: a retry writes and sends nothing for them. */
  alreadyHandled: number;
}

/** One call per municipality, kind and closing day: the same call posted again (a retry, a corrected title) is the same call. */
export const grantCallId = (municipalityId: string, input: Pick<GrantCallInput, 'call' | 'closesOn'>) => `${municipalityId}#grantcall#${input.call}#${input.closesOn}`;


function smsData(c: CaseItem, muni: Municipality, input: GrantCallInput): GrantCallSmsData {
  return {
    category: c.category,
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    coordinatorPhone: caseCoordinator(muni, c).phone,
    call: input.call,
    closesOn: input.closesOn,
    ...(input.title ? { title: input.title } : {}),
    ...(input.where ? { where: input.where } : {}),
  };
}

/** The first SMS over the municipality's cap, as the coordinator can fix it: which free text to shorten. */
function overCap(intents: IntentItem[], input: GrantCallInput, deps: GrantCallDeps, muni: Municipality) {
  const policy = deps.directory.smsPolicy(muni.id);
  for (const i of intents) {
    if (i.status === 'skipped') continue;
    const lang = i.languages[0]!;
    const fitted = applySmsPolicy(renderAny(i.template, i.data, [lang]).sms!, lang, policy);
    if (fitted.withinCap) continue;
    // Name the longer free text: the one most worth shortening.
    const field = (input.where?.length ?? 0) > (input.title?.length ?? 0) ? 'where' : 'title';
    return {
      ok: false as const,
      problem: { kind: 'invalid' as const, field, message: `the SMS would take ${fitted.stats.segments} segments, more than the ${policy.maxSegments} this municipality allows; shorten title or where`, code: 'segment-cap' as const, values: { segments: fitted.stats.segments, max: policy.maxSegments } },
    };
  }
  return undefined;
}

/** How far ahead a grant call's closing day may be. */
export const GRANT_CALL_MAX_DAYS = 366;

export async function announceGrantCall(municipalityId: string, input: GrantCallInput, deps: GrantCallDeps, actor: Actor): Promise<IntakeResult<GrantCallResult>> {
  const now = deps.clock.now();
  if (input.closesOn < localDate(now)) return { ok: false, problem: { kind: 'invalid', field: 'closesOn', message: 'the call has already closed', code: 'call-closed' } };
  // A year is longer than any grant call stays open: a later date is a typo (2099 for 2027), which the families' SMS would repeat.
  if (input.closesOn > addDays(localDate(now), GRANT_CALL_MAX_DAYS)) {
    return { ok: false, problem: { kind: 'invalid', field: 'closesOn', message: `more than ${GRANT_CALL_MAX_DAYS} days ahead`, code: 'too-far-ahead', values: { days: GRANT_CALL_MAX_DAYS } } };
  }
  const muni = deps.directory.municipality(municipalityId);
  if (!muni) return { ok: false, problem: { kind: 'not-found', message: `no municipality ${municipalityId}` } };
  const callId = grantCallId(muni.id, input);
  const need = GRANT_CALL_NEED[input.call];

  // One case at a time: a municipality's open cases are hundreds, and a failed read or write
  // stops the request with what is written kept; the retry writes only what is missing.
  const decided: { c: CaseItem; intent: IntentItem }[] = [];
  for (const c of await deps.worklists.openCases(muni.id)) {
    const referrals = await deps.referrals.ofNeed(c.caseId, need);
    if (!referrals.some((r) => r.status !== 'cancelled')) continue;
    const source = `${c.caseId}#grantcall#${input.call}#${input.closesOn}`;
    const intent = familySms(c, { intentId: intentId(source, 'grant.call'), sourceId: source, purpose: 'grant.call', template: 'grant.returnee.call', data: smsData(c, muni, input) }, now);
    decided.push({ c, intent });
  }
  const refused = overCap(
    decided.map((d) => d.intent),
    input,
    deps,
    muni,
  );
  if (refused) return refused;

  const result: GrantCallResult = { callId, told: 0, skipped: { total: 0, noConsent: 0, optedOut: 0, noPhone: 0 }, alreadyHandled: 0 };
  for (const { c, intent } of decided) {
    if (!(await deps.intents.putIfAbsent(intent))) {
      result.alreadyHandled++;
    } else if (intent.status !== 'skipped') {
      result.told++;
    } else {
      result.skipped.total++;
      if (intent.skipReason === 'no_phone') result.skipped.noPhone++;
      else if (c.smsOptOut) result.skipped.optedOut++;
      else result.skipped.noConsent++;
    }
  }
  const at = now.toISOString();
  await deps.audit.record(
    municipalityAuditItem(muni.id, callId, at, {
      event: 'grant_call.announced',
      by: actor.by,
      byRole: actor.role,
      via: 'api',
      detail: { call: input.call, closesOn: input.closesOn, told: String(result.told), skipped: String(result.skipped.total), alreadyHandled: String(result.alreadyHandled) },
    }),
  );
  return { ok: true, value: result };
}
