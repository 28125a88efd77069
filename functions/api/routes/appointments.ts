import { AppointmentInput, RescheduleInput } from '../../../shared/domain/case.js';
import { json } from '../../../shared/http/responses.js';
import { cancelAppointment, createAppointment, rescheduleAppointment } from '../../../shared/referrals/lifecycle.js';
import type { AppointmentItem } from '../../../shared/store/appointment.js';
import { caseIdOf, parseBody, problem, result, secondId } from './http.js';
import type { Routes } from './types.js';

function presentAppointment(a: AppointmentItem) {
  return { appointmentId: a.appointmentId, caseId: a.caseId, kind: a.kind, when: a.when, title: a.title, where: a.where, bring: a.bring, status: a.status, version: a.version };
}

/** A case's appointments and legal deadlines (the returnee's reminder SMS follow them). */
export const appointmentRoutes = {
  'POST /cases/{caseId}/appointments': async ({ event, deps, actor }) => {
    const caseId = caseIdOf(event);
    const input = parseBody(event, AppointmentInput);
    if (!input.ok) return input.response;
    const out = await createAppointment(caseId, input.value, deps, actor);
    if (!out.ok) return problem(out.problem);
    // 200: a retry of a request (same requestId) that already made this appointment.
    return json(out.created === false ? 200 : 201, presentAppointment(out.value), { location: `/cases/${caseId}` });
  },

  'PUT /cases/{caseId}/appointments/{appointmentId}': async ({ event, deps }) => {
    const appointmentId = secondId(event, 'appointmentId');
    if (!appointmentId) return json(404, { message: 'no such appointment' });
    const input = parseBody(event, RescheduleInput);
    if (!input.ok) return input.response;
    const out = await rescheduleAppointment(caseIdOf(event), appointmentId, input.value, deps);
    return out.ok ? json(200, presentAppointment(out.value)) : problem(out.problem);
  },

  'DELETE /cases/{caseId}/appointments/{appointmentId}': async ({ event, deps }) => {
    const appointmentId = secondId(event, 'appointmentId');
    if (!appointmentId) return json(404, { message: 'no such appointment' });
    return result(await cancelAppointment(caseIdOf(event), appointmentId, deps), 200);
  },
} satisfies Routes;
