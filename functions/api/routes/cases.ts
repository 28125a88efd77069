import * as z from '../../../shared/domain/zod.js';
import { CancelReferralInput, CreateCaseInput, CreateReferralInput, PlanVisitInput, RecordVisitInput, SmsOptOutReason } from '../../../shared/domain/case.js';
import { cancelHomeVisit, planHomeVisit } from '../../../shared/referrals/home-visit.js';
import { json, jsonBody } from '../../../shared/http/responses.js';
import { mayActIn } from '../../../shared/identity/caller.js';
import { createCase, presentCase, previewAssessment, requestReferral, submitAssessment } from '../../../shared/referrals/intake.js';
import { cancelReferral, closeCase, recordHomeVisit } from '../../../shared/referrals/lifecycle.js';
import { caseIdOf, parseBody, problem, result, secondId } from './http.js';
import type { Routes } from './types.js';
import { CloseInput } from '../../../shared/domain/case-file.js';
import { presentCaseFile, storeAssessment } from '../../../shared/cases/case-file.js';

const SmsOptOutInput = z.strictObject({ optedOut: z.boolean(), reason: z.optional(SmsOptOutReason) }).check(z.refine((v) => !v.optedOut || v.reason, {
  message: 'say why SMS stops: returnee_asked, wrong_number, no_phone_access or other',
  path: ['reason'],
}));

/** A case, its referrals, assessment, home visit, SMS choice and closure. */
export const caseRoutes = {
  'POST /cases': async ({ event, deps, caller, actor }) => {
    const input = parseBody(event, CreateCaseInput);
    if (!input.ok) return input.response;
    // An arrival date outside arrivalWindow (e.g. 2099-01-01) is a 400 on arrivalDate; inside it the
    // case is planned even where the holiday file has no year yet (weekends only, the operator told).
    const out = await createCase(input.value, deps, actor);
    if (!out.ok) {
      const p = out.problem;
      // The same SMR case id in a municipality the caller does not work for: say so, but never
      // hand out the other municipality's case id.
      if (p.kind === 'conflict' && p.existingCaseId) {
        const where = await deps.cases.municipalityOf(p.existingCaseId);
        if (!where || !mayActIn(caller, where)) return json(409, { message: `${p.field}: a case with this SMR case id is registered in another municipality`, field: p.field, code: p.code ?? 'smr-exists' });
      }
      return problem(p);
    }
    return json(201, { caseId: out.value.caseId, smrCaseId: out.value.smrCaseId }, { location: `/cases/${out.value.caseId}` });
  },

  'GET /cases/{caseId}': async ({ event, deps }) => {
    const caseId = caseIdOf(event);
    const view = await deps.cases.view(caseId);
    return view ? json(200, { ...presentCase(view), ...presentCaseFile(view) }) : json(404, { message: `no case ${caseId}` });
  },

  'POST /cases/{caseId}/referrals': async ({ event, deps, actor }) => {
    const input = parseBody(event, CreateReferralInput);
    if (!input.ok) return input.response;
    const out = await requestReferral(caseIdOf(event), input.value, deps, actor);
    if (!out.ok) return problem(out.problem);
    const r = out.value;
    return json(
      // 200: a retry of a request (same requestId) that already made this referral.
      out.created === false ? 200 : 201,
      { referralId: r.referralId, caseId: r.caseId, officeId: r.officeId, status: r.status, ackDueDate: r.ackDueDate },
      { location: `/cases/${r.caseId}` },
    );
  },

  'POST /cases/{caseId}/referrals/{referralId}/cancel': async ({ event, deps, actor }) => {
    const referralId = secondId(event, 'referralId');
    if (!referralId) return json(404, { message: 'no such referral' });
    const input = parseBody(event, CancelReferralInput);
    if (!input.ok) return input.response;
    return result(await cancelReferral(caseIdOf(event), referralId, input.value.reason, deps, actor), 200);
  },

  'POST /cases/{caseId}/assessment': async ({ event, deps, actor }) => {
    const body = jsonBody(event);
    if (!body.ok) return body.response;
    const out = await submitAssessment(caseIdOf(event), body.value, deps);
    if (!out.ok) return problem(out.problem);
    // The answers are kept once their referrals exist: a retry after a failure here makes no referral twice.
    const kept = await storeAssessment(caseIdOf(event), body.value, out.value.referrals.map((r) => r.referralId), deps, actor);
    if (!kept.ok) return problem(kept.problem);
    const created = out.value.referrals.filter((r) => r.created).length;
    return json(created > 0 || kept.value.stored ? 201 : 200, {
      created,
      assessmentVersion: kept.value.version,
      referrals: out.value.referrals.map((r) => ({
        referralId: r.referralId,
        officeKind: r.officeKind,
        officeId: r.officeId,
        need: r.need,
        personIds: r.personIds,
        status: r.status,
        dependsOn: r.dependsOn,
        ackDueDate: r.ackDueDate,
        created: r.created,
      })),
    });
  },

  /** The same body as the assessment itself; nothing is written, so the console can show the proposals to tick. */
  'POST /cases/{caseId}/assessment/preview': async ({ event, deps }) => {
    const body = jsonBody(event);
    if (!body.ok) return body.response;
    return result(await previewAssessment(caseIdOf(event), body.value, deps), 200);
  },

  'POST /cases/{caseId}/home-visit': async ({ event, deps }) => {
    const input = parseBody(event, RecordVisitInput, true);
    if (!input.ok) return input.response;
    return result(await recordHomeVisit(caseIdOf(event), input.value.visitedAt, deps), 200);
  },

  'POST /cases/{caseId}/home-visit/plan': async ({ event, deps, actor }) => {
    const input = parseBody(event, PlanVisitInput);
    if (!input.ok) return input.response;
    return result(await planHomeVisit(caseIdOf(event), input.value, deps, actor), 200);
  },

  'DELETE /cases/{caseId}/home-visit/plan': async ({ event, deps, actor }) => result(await cancelHomeVisit(caseIdOf(event), deps, actor), 200),

  'PUT /cases/{caseId}/sms-opt-out': async ({ event, deps, actor }) => {
    const caseId = caseIdOf(event);
    const input = parseBody(event, SmsOptOutInput);
    if (!input.ok) return input.response;
    const optOut = input.value.optedOut && input.value.reason ? { reason: input.value.reason } : undefined;
    if (!(await deps.cases.setSmsOptOut(caseId, optOut, deps.clock.now().toISOString(), actor))) return json(404, { message: `no open case ${caseId}` });
    return json(200, { caseId, sms: optOut ? 'opted_out' : 'on', ...(optOut ? { reason: optOut.reason } : {}) });
  },

  'POST /cases/{caseId}/close': async ({ event, deps, actor }) => {
    const input = parseBody(event, CloseInput);
    if (!input.ok) return input.response;
    return result(await closeCase(caseIdOf(event), deps, actor, input.value), 200);
  },
} satisfies Routes;
