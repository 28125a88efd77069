import {
  cancelMeeting,
  createMeeting,
  CreateMeetingInput,
  MinutesInput,
  presentMeeting,
  recordMinutes,
  rescheduleMeeting,
  RescheduleMeetingInput,
  viewMeeting,
} from '../../../shared/meetings/manage.js';
import { json } from '../../../shared/http/responses.js';
import { meetingFor, parseBody, problem } from './http.js';
import type { Routes } from './types.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The path's meeting id (scoping has already read that meeting). */
const meetingIdOf = (event: APIGatewayProxyEventV2): string => event.pathParameters!.meetingId!;

/** Ad-hoc meetings, rescheduling, cancelling, minutes (recurring ones come from the directory). */
export const meetingRoutes = {
  'POST /meetings': async ({ event, deps, actor }) => {
    const input = parseBody(event, CreateMeetingInput);
    if (!input.ok) return input.response;
    const out = await createMeeting(input.value, deps, actor);
    if (!out.ok) return problem(out.problem);
    // 200: a retry of a request (same requestId) that already made this meeting.
    return json(out.created === false ? 200 : 201, presentMeeting(out.value), { location: `/meetings/${out.value.meetingId}` });
  },

  'GET /meetings/{meetingId}': async ({ event, deps, caller }) => {
    const id = meetingIdOf(event);
    const view = await viewMeeting(id, deps);
    if (!view) return json(404, { message: `no meeting ${id}` });
    return json(200, {
      ...meetingFor(caller, view.meeting),
      invitations: view.intents.map((i) => ({ intentId: i.intentId, purpose: i.purpose, template: i.template, status: i.status, sentAt: i.sentAt })),
      timers: view.timers.map((t) => ({ kind: t.kind, dueAt: t.dueAt, status: t.status, sequence: t.occurrence })),
      audit: view.audit.map((a) => ({ event: a.event, from: a.from, to: a.to, by: a.by, byRole: a.byRole, at: a.at })),
    });
  },

  'PUT /meetings/{meetingId}': async ({ event, deps, actor }) => {
    const input = parseBody(event, RescheduleMeetingInput);
    if (!input.ok) return input.response;
    const out = await rescheduleMeeting(meetingIdOf(event), input.value, deps, actor);
    return out.ok ? json(200, presentMeeting(out.value)) : problem(out.problem);
  },

  'DELETE /meetings/{meetingId}': async ({ event, deps, actor }) => {
    const out = await cancelMeeting(meetingIdOf(event), deps, actor);
    return out.ok ? json(200, presentMeeting(out.value)) : problem(out.problem);
  },

  'POST /meetings/{meetingId}/minutes': async ({ event, deps, actor }) => {
    const input = parseBody(event, MinutesInput);
    if (!input.ok) return input.response;
    const out = await recordMinutes(meetingIdOf(event), input.value, deps, actor);
    return out.ok ? json(200, presentMeeting(out.value)) : problem(out.problem);
  },
} satisfies Routes;
