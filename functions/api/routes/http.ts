import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from '../../../shared/domain/zod.js';
import { CaseId } from '../../../shared/domain/case.js';
import { badRequest, json, jsonBody, zodProblems } from '../../../shared/http/responses.js';
import type { IntakeProblem, IntakeResult, Refusal } from '../../../shared/domain/result.js';
import type { Caller } from '../../../shared/identity/caller.js';
import { seesHouseholdData } from '../../../shared/identity/roles.js';
import { presentMeeting } from '../../../shared/meetings/manage.js';
import type { MeetingItem } from '../../../shared/store/meeting.js';

export function problem(p: IntakeProblem): APIGatewayProxyStructuredResultV2 {
  switch (p.kind) {
    case 'invalid':
      return badRequest([{ field: p.field, message: p.message, ...refusal(p) }]);
    case 'not-found':
      return json(404, { message: p.message });
    case 'conflict':
      return json(409, { message: `${p.field}: ${p.message}`, field: p.field, ...refusal(p), ...(p.existingCaseId ? { caseId: p.existingCaseId } : {}) });
    case 'stale':
      return json(409, { message: `${p.field}: ${p.message}`, field: p.field, ...refusal(p) });
  }
}

/** The refusal's code and values, when it has them (a console words it in its own language). */
const refusal = ({ code, values }: Refusal) => ({ ...(code ? { code } : {}), ...(values ? { values } : {}) });

export function result<T>(out: IntakeResult<T>, status: number): APIGatewayProxyStructuredResultV2 {
  return out.ok ? json(status, out.value) : problem(out.problem);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: APIGatewayProxyStructuredResultV2 };

/** JSON body validated with its schema; `optional`: an absent body counts as {}. */
export function parseBody<S extends z.ZodMiniType>(event: APIGatewayProxyEventV2, schema: S, optional = false): Parsed<z.infer<S>> {
  if (optional && !event.body) {
    const empty = schema.safeParse({});
    return empty.success ? { ok: true, value: empty.data } : { ok: false, response: badRequest(zodProblems(empty.error)) };
  }
  const body = jsonBody(event);
  if (!body.ok) return body;
  const input = schema.safeParse(body.value);
  return input.success ? { ok: true, value: input.data } : { ok: false, response: badRequest(zodProblems(input.error)) };
}

/** The path's case id (scoping has already read that case). */
export const caseIdOf = (event: APIGatewayProxyEventV2): string => event.pathParameters!.caseId!;

/** The second path id (referral or appointment), a ULID, or undefined. */
export function secondId(event: APIGatewayProxyEventV2, name: 'referralId' | 'appointmentId'): string | undefined {
  const id = CaseId.safeParse(event.pathParameters?.[name]);
  return id.success ? id.data : undefined;
}

/**
 * A meeting as `caller` may see it: the cases discussed (SMR ids) only for those who work with
 * households; a viewer (DRPR, ministry, mayor's office) gets how many.
 */
export function meetingFor(caller: Caller, m: MeetingItem) {
  const { casesDiscussed, ...rest } = presentMeeting(m);
  return seesHouseholdData(caller.role) ? { ...rest, casesDiscussed } : { ...rest, casesDiscussedCount: casesDiscussed?.length ?? 0 };
}
