import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from '../../../shared/domain/zod.js';
import { CaseListQuery, listCases } from '../../../shared/console/case-list.js';
import { FollowUpInput, readFollowUps, resolveFollowUp } from '../../../shared/console/follow-ups.js';
import { readToday } from '../../../shared/console/today.js';
import { AnswerChoice, choicesInForce, DigestChoice } from '../../../shared/domain/digest.js';
import { indicatorLines, type IndicatorsResponse } from '../../../shared/domain/indicators.js';
import type { Municipality } from '../../../shared/directory/schema.js';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { badRequest, json, zodProblems } from '../../../shared/http/responses.js';
import { agendaCounts, readWorklists } from '../../../shared/meetings/agenda.js';
import { listMeetings } from '../../../shared/meetings/manage.js';
import { GrantCallInput } from '../../../shared/domain/grant-call.js';
import { announceGrantCall } from '../../../shared/referrals/grant-call.js';
import { meetingFor, parseBody, problem, result } from './http.js';
import type { ApiDeps, Routes } from './types.js';
import type { Caller } from '../../../shared/identity/caller.js';

const MeetingsQuery = z.object({ from: z.optional(z.iso.datetime({ offset: true })), days: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(400)), 120) });
/** Either choice or both; the one left out stays as it was. */
const CoordinatorChoicesInput = z.strictObject({ digest: z.optional(DigestChoice), answers: z.optional(AnswerChoice) }).check(
  z.refine((c) => c.digest !== undefined || c.answers !== undefined, { message: 'choose digest, answers or both', path: ['digest'] }),
);
const QuarterParam = z.string().check(z.regex(/^20\d\d-Q[1-4]$/));

/** The path's municipality (scoping has already found it in the directory). */
const municipalityOf = (event: APIGatewayProxyEventV2, deps: ApiDeps): Municipality => deps.directory.municipality(event.pathParameters!.municipalityId!)!;

/** The path's coordinator, if the caller may see and set their choices: their own, or anyone's for the head of the office. */
function coordinatorFor(event: APIGatewayProxyEventV2, deps: ApiDeps, caller: Caller) {
  const muni = municipalityOf(event, deps);
  const coordinator = muni.coordinators.find((c) => c.id === event.pathParameters?.coordinatorId);
  if (!coordinator) return { ok: false as const, response: json(404, { message: 'no such coordinator' }) };
  if (caller.role !== 'head' && caller.coordinatorId !== coordinator.id) return { ok: false as const, response: json(403, { message: 'you may see and change only your own digest choices' }) };
  return { ok: true as const, muni, coordinator };
}

/** What a municipality's office works from: follow-ups, worklists, meetings, digest choices, indicators. */
export const municipalityRoutes = {
  /** Every open task: notifications with what to pass on (the SMS as it would have gone out, an email's subject), blocked referrals, "I cannot come". */
  'GET /municipalities/{municipalityId}/follow-ups': async ({ event, deps }) => json(200, await readFollowUps(municipalityOf(event, deps).id, deps)),

  /** Open cases a page at a time, or the one an SMR id names (STAFF: it names cases). */
  'GET /municipalities/{municipalityId}/cases': async ({ event, deps }) => {
    const muni = municipalityOf(event, deps);
    const q = CaseListQuery.safeParse(event.queryStringParameters ?? {});
    if (!q.success) return badRequest(zodProblems(q.error));
    return json(200, await listCases(muni.id, q.data, deps));
  },

  /** The coordinator's day, line by line (STAFF: it names cases); the same reads as the worklists' counts. */
  'GET /municipalities/{municipalityId}/today': async ({ event, deps }) => json(200, await readToday(municipalityOf(event, deps), deps.clock.now(), deps)),

  'POST /municipalities/{municipalityId}/follow-ups/{followUpId}': async ({ event, deps, actor }) => {
    const input = parseBody(event, FollowUpInput);
    if (!input.ok) return input.response;
    const out = await resolveFollowUp(municipalityOf(event, deps).id, event.pathParameters?.followUpId ?? '', input.value, deps.clock.now().toISOString(), actor, deps);
    return result(out, 200);
  },

  /** Counts only (no household data): what a viewer may see of the office's work. */
  'GET /municipalities/{municipalityId}/worklists': async ({ event, deps }) => {
    const muni = municipalityOf(event, deps);
    const now = deps.clock.now();
    const counts = agendaCounts(await readWorklists(muni, now, deps));
    return json(200, { municipalityId: muni.id, at: now.toISOString(), ...counts });
  },

  /** A grant call opened: an SMS to each open case that registered an interest (202: written to the outbox, sent by deliver-notifications). */
  'POST /municipalities/{municipalityId}/grant-calls': async ({ event, deps, actor }) => {
    const input = parseBody(event, GrantCallInput);
    if (!input.ok) return input.response;
    const result = await announceGrantCall(municipalityOf(event, deps).id, input.value, deps, actor);
    return result.ok ? json(202, result.value) : problem(result.problem);
  },

  'GET /municipalities/{municipalityId}/meetings': async ({ event, deps, caller }) => {
    const muni = municipalityOf(event, deps);
    const q = MeetingsQuery.safeParse(event.queryStringParameters ?? {});
    if (!q.success) return badRequest(zodProblems(q.error));
    const items = await listMeetings(muni.id, deps, q.data.days, q.data.from ? new Date(q.data.from) : undefined);
    return json(200, { meetings: items.map((m) => meetingFor(caller, m)) });
  },

  'GET /municipalities/{municipalityId}/coordinators/{coordinatorId}/digest': async ({ event, deps, caller }) => {
    const found = coordinatorFor(event, deps, caller);
    if (!found.ok) return found.response;
    const { muni, coordinator } = found;
    return json(200, { coordinatorId: coordinator.id, ...choicesInForce(coordinator, await deps.settings.choices(muni.id, coordinator.id)) });
  },

  'PUT /municipalities/{municipalityId}/coordinators/{coordinatorId}/digest': async ({ event, deps, caller, actor }) => {
    const found = coordinatorFor(event, deps, caller);
    if (!found.ok) return found.response;
    const { muni, coordinator } = found;
    const input = parseBody(event, CoordinatorChoicesInput);
    if (!input.ok) return input.response;
    await deps.settings.setChoices(muni.id, coordinator.id, input.value, deps.clock.now().toISOString(), actor);
    return json(200, { coordinatorId: coordinator.id, ...choicesInForce(coordinator, await deps.settings.choices(muni.id, coordinator.id)) });
  },

  'GET /municipalities/{municipalityId}/indicators/{quarter}': async ({ event, deps }) => {
    const muni = municipalityOf(event, deps);
    const q = QuarterParam.safeParse(event.pathParameters?.quarter);
    if (!q.success) return badRequest([{ field: 'quarter', message: 'a quarter such as 2026-Q4' }]);
    const [year, n] = q.data.split('-Q').map(Number) as [number, number];
    const quarter = quarterOf(new Date(Date.UTC(year, (n - 1) * 3, 15)));
    const figures = await deps.indicators.figures(muni.id, quarter);
    const body: IndicatorsResponse = { ...figures, indicators: indicatorLines(figures, muni.indicatorTargets ?? {}) };
    return json(200, body);
  },
} satisfies Routes;
