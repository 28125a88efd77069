import { json } from '../../../shared/http/responses.js';
import { recordOfficeAnswer, RecordedAnswerInput } from '../../../shared/referrals/record-answer.js';
import { ReleaseInput, releaseWaiting } from '../../../shared/referrals/waiting.js';
import { caseIdOf, parseBody, result, secondId } from './http.js';
import type { Routes } from './types.js';

/** What coordinators record or decide about a referral besides making or cancelling it. */
export const referralAnswerRoutes = {
  'POST /cases/{caseId}/referrals/{referralId}/answer': async ({ event, deps, actor, caller }) => {
    const referralId = secondId(event, 'referralId');
    if (!referralId) return json(404, { message: 'no such referral' });
    const input = parseBody(event, RecordedAnswerInput);
    if (!input.ok) return input.response;
    return result(await recordOfficeAnswer(caseIdOf(event), referralId, input.value, deps, actor, caller.coordinatorId), 200);
  },

  'POST /cases/{caseId}/referrals/{referralId}/release': async ({ event, deps, actor }) => {
    const referralId = secondId(event, 'referralId');
    if (!referralId) return json(404, { message: 'no such referral' });
    const input = parseBody(event, ReleaseInput, true);
    if (!input.ok) return input.response;
    const out = await releaseWaiting(caseIdOf(event), referralId, input.value, deps, actor);
    return result(out, out.created ? 201 : 200);
  },
} satisfies Routes;
