import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { documentClient } from '../../shared/aws/clients.js';
import { ApiConfig, loadConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import {
  AppointmentInput,
  CancelReferralInput,
  CaseId,
  CreateCaseInput,
  CreateReferralInput,
  RecordVisitInput,
  RescheduleInput,
} from '../../shared/domain/case.js';
import { kosovoHolidays, UncoveredYearError } from '../../shared/domain/holidays.js';
import { cancelAppointment, cancelReferral, closeCase, createAppointment, recordHomeVisit, rescheduleAppointment } from '../../shared/referrals/lifecycle.js';
import { AppointmentStore } from '../../shared/store/appointment-store.js';
import type { AppointmentItem } from '../../shared/store/items.js';
import { TimerStore } from '../../shared/store/timer-store.js';
import { z } from 'zod';
import { systemClock } from '../../shared/domain/clock.js';
import { badRequest, json, jsonBody, zodProblems } from '../../shared/http/responses.js';
import { count, createObservability, METRIC, type MetricName } from '../../shared/observability/metrics.js';
import { createCase, createReferral, presentCase, submitAssessment, type IntakeDeps, type IntakeProblem, type IntakeResult } from '../../shared/referrals/intake.js';
import { CaseStore } from '../../shared/store/case-store.js';
import { ReferralStore } from '../../shared/store/referral-store.js';
import { CoordinatorSettings, DIGEST_CHOICES } from '../../shared/digests/digests.js';
import { quarterOf } from '../../shared/domain/quarters.js';
import {
  cancelMeeting,
  createMeeting,
  CreateMeetingInput,
  listMeetings,
  MeetingId,
  MinutesInput,
  presentMeeting,
  recordMinutes,
  rescheduleMeeting,
  RescheduleMeetingInput,
  viewMeeting,
  type MeetingDeps,
} from '../../shared/meetings/manage.js';
import { IndicatorStore } from '../../shared/store/indicators.js';
import { MeetingStore } from '../../shared/store/meeting-store.js';
import { WorklistStore } from '../../shared/store/worklist-store.js';
import { FOLLOW_UP_OUTCOMES, IntentStore } from '../../shared/store/intent-store.js';
import { IntentItem, lists, SmsOptOutReason } from '../../shared/store/items.js';
import { decodeIntentTag, encodeIntentTag } from '../../shared/channels/intent-tag.js';

const MeetingsQuery = z.object({ from: z.iso.datetime({ offset: true }).optional(), days: z.coerce.number().int().min(1).max(400).default(120) });
const DigestChoiceInput = z.object({ digest: z.enum(DIGEST_CHOICES) }).strict();
const QuarterParam = z.string().regex(/^20\d\d-Q[1-4]$/);
const SmsOptOutInput = z.strictObject({ optedOut: z.boolean(), reason: SmsOptOutReason.optional() }).refine((v) => !v.optedOut || v.reason, {
  message: 'say why SMS stops: returnee_asked, wrong_number, no_phone_access or other',
  path: ['reason'],
});
const FollowUpInput = z.strictObject({ outcome: z.enum(FOLLOW_UP_OUTCOMES) });

/** Everything the API's routes use: intake (cases, referrals, appointments) and coordination (meetings, digests, indicators). */
export type ApiDeps = IntakeDeps & MeetingDeps & { settings: CoordinatorSettings; indicators: IndicatorStore; intents: IntentStore };

function problem(p: IntakeProblem): APIGatewayProxyStructuredResultV2 {
  switch (p.kind) {
    case 'invalid':
      return badRequest([{ field: p.field, message: p.message }]);
    case 'not-found':
      return json(404, { message: p.message });
    case 'conflict':
      return json(409, { message: `${p.field}: ${p.message}`, caseId: p.existingCaseId });
  }
}

/** The case id and the second path id (referral or appointment), both ULIDs. */
function ids2(event: APIGatewayProxyEventV2): { caseId: string; other: string } | undefined {
  const p = event.pathParameters ?? {};
  const caseId = CaseId.safeParse(p.caseId);
  const other = CaseId.safeParse(p.referralId ?? p.appointmentId);
  return caseId.success && other.success ? { caseId: caseId.data, other: other.data } : undefined;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: APIGatewayProxyStructuredResultV2 };

/** JSON body validated with its schema; `optional`: an absent body counts as {}. */
function parseBody<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S, optional = false): Parsed<z.infer<S>> {
  if (optional && !event.body) {
    const empty = schema.safeParse({});
    return empty.success ? { ok: true, value: empty.data } : { ok: false, response: badRequest(zodProblems(empty.error)) };
  }
  const body = jsonBody(event);
  if (!body.ok) return body;
  const input = schema.safeParse(body.value);
  return input.success ? { ok: true, value: input.data } : { ok: false, response: badRequest(zodProblems(input.error)) };
}

function result<T>(out: IntakeResult<T>, status: number): APIGatewayProxyStructuredResultV2 {
  return out.ok ? json(status, out.value) : problem(out.problem);
}

function presentAppointment(a: AppointmentItem) {
  return { appointmentId: a.appointmentId, caseId: a.caseId, kind: a.kind, when: a.when, title: a.title, where: a.where, bring: a.bring, status: a.status, version: a.version };
}

async function route(event: APIGatewayProxyEventV2, deps: ApiDeps): Promise<APIGatewayProxyStructuredResultV2> {
  switch (event.routeKey) {
    case 'POST /cases': {
      const input = parseBody(event, CreateCaseInput);
      if (!input.ok) return input.response;
      let out: Awaited<ReturnType<typeof createCase>>;
      try {
        out = await createCase(input.value, deps);
      } catch (err) {
        // Issue #7 (found by test/integration/fuzz-api.test.ts): a well-formed arrival date whose
        // case plan (visit, monitoring, evaluation, 18-month closure) falls in a year the holiday
        // file does not list (e.g. 2099-01-01, 1900-01-01) threw UncoveredYearError → 500. It is
        // thrown before anything is written; answer it as the bad date it is. The clock's own year
        // being uncovered is the operator's problem and stays a 500.
        if (err instanceof UncoveredYearError && err.year !== deps.clock.now().getUTCFullYear()) {
          return badRequest([{ field: 'arrivalDate', message: `too far from today: the case's plan would reach ${err.year}, beyond the public-holiday calendar` }]);
        }
        throw err;
      }
      if (!out.ok) return problem(out.problem);
      return json(201, { caseId: out.value.caseId, smrCaseId: out.value.smrCaseId }, { location: `/cases/${out.value.caseId}` });
    }
    case 'GET /cases/{caseId}': {
      const caseId = CaseId.safeParse(event.pathParameters?.caseId);
      if (!caseId.success) return json(404, { message: 'no such case' });
      const view = await deps.cases.view(caseId.data);
      return view ? json(200, presentCase(view)) : json(404, { message: `no case ${caseId.data}` });
    }
    case 'POST /cases/{caseId}/referrals': {
      const caseId = CaseId.safeParse(event.pathParameters?.caseId);
      if (!caseId.success) return json(404, { message: 'no such case' });
      const input = parseBody(event, CreateReferralInput);
      if (!input.ok) return input.response;
      const out = await createReferral(caseId.data, input.value, deps);
      if (!out.ok) return problem(out.problem);
      const r = out.value;
      return json(
        201,
        { referralId: r.referralId, caseId: r.caseId, officeId: r.officeId, status: r.status, ackDueDate: r.ackDueDate },
        { location: `/cases/${r.caseId}` },
      );
    }
    case 'POST /cases/{caseId}/referrals/{referralId}/cancel': {
      const ids = ids2(event);
      if (!ids) return json(404, { message: 'no such referral' });
      const input = parseBody(event, CancelReferralInput);
      if (!input.ok) return input.response;
      return result(await cancelReferral(ids.caseId, ids.other, input.value.reason, deps), 200);
    }
    case 'POST /cases/{caseId}/assessment': {
      const caseId = CaseId.safeParse(event.pathParameters?.caseId);
      if (!caseId.success) return json(404, { message: 'no such case' });
      const body = jsonBody(event);
      if (!body.ok) return body.response;
      const out = await submitAssessment(caseId.data, body.value, deps);
      if (!out.ok) return problem(out.problem);
      const created = out.value.referrals.filter((r) => r.created).length;
      return json(created > 0 ? 201 : 200, {
        created,
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
    }
    case 'POST /cases/{caseId}/home-visit': {
      const caseId = CaseId.safeParse(event.pathParameters?.caseId);
      if (!caseId.success) return json(404, { message: 'no such case' });
      const input = parseBody(event, RecordVisitInput, true);
      if (!input.ok) return input.response;
      return result(await recordHomeVisit(caseId.data, input.value.visitedAt, deps), 200);
    }
    case 'POST /cases/{caseId}/appointments': {
      const caseId = CaseId.safeParse(event.pathParameters?.caseId);
      if (!caseId.success) return json(404, { message: 'no such case' });
      const input = parseBody(event, AppointmentInput);
      if (!input.ok) return input.response;
      const out = await createAppointment(caseId.data, input.value, deps);
      if (!out.ok) return problem(out.problem);
      return json(201, presentAppointment(out.value), { location: `/cases/${caseId.data}` });
    }
    case 'PUT /cases/{caseId}/appointments/{appointmentId}': {
      const ids = ids2(event);
      if (!ids) return json(404, { message: 'no such appointment' });
      const input = parseBody(event, RescheduleInput);
      if (!input.ok) return input.response;
      const out = await rescheduleAppointment(ids.caseId, ids.other, input.value, deps);
      if (!out.ok) return problem(out.problem);
      return json(200, presentAppointment(out.value));
    }
    case 'DELETE /cases/{caseId}/appointments/{appointmentId}': {
      const ids = ids2(event);
      if (!ids) return json(404, { message: 'no such appointment' });
      return result(await cancelAppointment(ids.caseId, ids.other, deps), 200);
    }
    case 'GET /municipalities/{municipalityId}/meetings': {
      const muni = deps.directory.municipality(event.pathParameters?.municipalityId ?? '');
      if (!muni) return json(404, { message: 'no such municipality' });
      const q = MeetingsQuery.safeParse(event.queryStringParameters ?? {});
      if (!q.success) return badRequest(zodProblems(q.error));
      const items = await listMeetings(muni.id, deps, q.data.days, q.data.from ? new Date(q.data.from) : undefined);
      return json(200, { meetings: items.map(presentMeeting) });
    }
    case 'POST /meetings': {
      const input = parseBody(event, CreateMeetingInput);
      if (!input.ok) return input.response;
      const out = await createMeeting(input.value, deps);
      if (!out.ok) return problem(out.problem);
      return json(201, presentMeeting(out.value), { location: `/meetings/${out.value.meetingId}` });
    }
    case 'GET /meetings/{meetingId}': {
      const id = MeetingId.safeParse(event.pathParameters?.meetingId);
      if (!id.success) return json(404, { message: 'no such meeting' });
      const view = await viewMeeting(id.data, deps);
      if (!view) return json(404, { message: `no meeting ${id.data}` });
      return json(200, {
        ...presentMeeting(view.meeting),
        invitations: view.intents.map((i) => ({ intentId: i.intentId, purpose: i.purpose, template: i.template, status: i.status, sentAt: i.sentAt })),
        timers: view.timers.map((t) => ({ kind: t.kind, dueAt: t.dueAt, status: t.status, sequence: t.occurrence })),
        audit: view.audit.map((a) => ({ event: a.event, from: a.from, to: a.to, by: a.by, at: a.at })),
      });
    }
    case 'PUT /meetings/{meetingId}': {
      const id = MeetingId.safeParse(event.pathParameters?.meetingId);
      if (!id.success) return json(404, { message: 'no such meeting' });
      const input = parseBody(event, RescheduleMeetingInput);
      if (!input.ok) return input.response;
      const out = await rescheduleMeeting(id.data, input.value, deps);
      return out.ok ? json(200, presentMeeting(out.value)) : problem(out.problem);
    }
    case 'DELETE /meetings/{meetingId}': {
      const id = MeetingId.safeParse(event.pathParameters?.meetingId);
      if (!id.success) return json(404, { message: 'no such meeting' });
      const out = await cancelMeeting(id.data, deps);
      return out.ok ? json(200, presentMeeting(out.value)) : problem(out.problem);
    }
    case 'POST /meetings/{meetingId}/minutes': {
      const id = MeetingId.safeParse(event.pathParameters?.meetingId);
      if (!id.success) return json(404, { message: 'no such meeting' });
      const input = parseBody(event, MinutesInput);
      if (!input.ok) return input.response;
      const out = await recordMinutes(id.data, input.value, deps);
      return out.ok ? json(200, presentMeeting(out.value)) : problem(out.problem);
    }
    case 'PUT /municipalities/{municipalityId}/coordinators/{coordinatorId}/digest': {
      const muni = deps.directory.municipality(event.pathParameters?.municipalityId ?? '');
      const coordinator = muni?.coordinators.find((c) => c.id === event.pathParameters?.coordinatorId);
      if (!muni || !coordinator) return json(404, { message: 'no such coordinator' });
      const input = parseBody(event, DigestChoiceInput);
      if (!input.ok) return input.response;
      await deps.settings.setDigest(muni.id, coordinator.id, input.value.digest, deps.clock.now().toISOString());
      return json(200, { coordinatorId: coordinator.id, digest: input.value.digest });
    }
    case 'GET /municipalities/{municipalityId}/indicators/{quarter}': {
      const muni = deps.directory.municipality(event.pathParameters?.municipalityId ?? '');
      if (!muni) return json(404, { message: 'no such municipality' });
      const q = QuarterParam.safeParse(event.pathParameters?.quarter);
      if (!q.success) return badRequest([{ field: 'quarter', message: 'a quarter such as 2026-Q4' }]);
      const [year, n] = q.data.split('-Q').map(Number) as [number, number];
      const quarter = quarterOf(new Date(Date.UTC(year, (n - 1) * 3, 15)));
      return json(200, await deps.indicators.figures(muni.id, quarter));
    }
    case 'PUT /cases/{caseId}/sms-opt-out': {
      const caseId = CaseId.safeParse(event.pathParameters?.caseId);
      if (!caseId.success) return json(404, { message: 'no such case' });
      const input = parseBody(event, SmsOptOutInput);
      if (!input.ok) return input.response;
      const optOut = input.value.optedOut ? { reason: input.value.reason! } : undefined;
      if (!(await deps.cases.setSmsOptOut(caseId.data, optOut, deps.clock.now().toISOString()))) return json(404, { message: `no open case ${caseId.data}` });
      return json(200, { caseId: caseId.data, sms: optOut ? 'opted_out' : 'on', ...(optOut ? { reason: optOut.reason } : {}) });
    }
    case 'GET /municipalities/{municipalityId}/follow-ups': {
      const muni = deps.directory.municipality(event.pathParameters?.municipalityId ?? '');
      if (!muni) return json(404, { message: 'no such municipality' });
      const items = (await deps.worklists.read(lists.failed(muni.id))).map((i) => IntentItem.parse(i));
      return json(200, {
        followUps: items.map((i) => ({
          followUpId: encodeIntentTag(i),
          caseId: i.caseId,
          channel: i.channel,
          purpose: i.purpose,
          template: i.template,
          status: i.status,
          reason: i.failure?.code ?? i.status,
          attempts: i.attempts,
          since: (i.listSort ?? '').split('#')[0],
        })),
      });
    }
    case 'POST /municipalities/{municipalityId}/follow-ups/{followUpId}': {
      const muni = deps.directory.municipality(event.pathParameters?.municipalityId ?? '');
      const key = decodeIntentTag(event.pathParameters?.followUpId ?? '');
      if (!muni || !key) return json(404, { message: 'no such follow-up' });
      const input = parseBody(event, FollowUpInput);
      if (!input.ok) return input.response;
      if (!(await deps.intents.resolveFollowUp(key, muni.id, input.value.outcome, deps.clock.now().toISOString()))) {
        return json(404, { message: 'no such open follow-up (already done, or not in this municipality)' });
      }
      return json(200, { followUpId: event.pathParameters!.followUpId, outcome: input.value.outcome });
    }
    case 'POST /cases/{caseId}/close': {
      const caseId = CaseId.safeParse(event.pathParameters?.caseId);
      if (!caseId.success) return json(404, { message: 'no such case' });
      return result(await closeCase(caseId.data, deps), 200);
    }
    default:
      return json(404, { message: 'Not Found' });
  }
}

/** Routes whose success is counted for the dashboard (the plans' indicators are in the table). */
const COUNTED: Record<string, MetricName> = {
  'POST /cases': METRIC.casesRegistered,
  'POST /cases/{caseId}/referrals': METRIC.referralsCreated,
};

export function createHandler(deps: ApiDeps, { logger, metrics }: { logger: Logger; metrics: Metrics }) {
  return middy(async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      const response = await route(event, deps);
      const counted = COUNTED[event.routeKey];
      if (counted && response.statusCode === 201) count(metrics, counted);
      return response;
    } catch (err) {
      // Never hand a raw error to the caller, nor log its message (it can quote stored data).
      logger.error('request failed', { routeKey: event.routeKey, error: (err as Error)?.name });
      return json(500, { message: 'internal error, please retry', requestId: context.awsRequestId });
    }
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

const config = loadConfig(ApiConfig);
const db = documentClient();

export const handler = createHandler(
  {
    cases: new CaseStore(db, config.TABLE_NAME),
    referrals: new ReferralStore(db, config.TABLE_NAME),
    appointments: new AppointmentStore(db, config.TABLE_NAME),
    timers: new TimerStore(db, config.TABLE_NAME),
    directory: bundledDirectory(),
    holidays: kosovoHolidays(),
    clock: systemClock,
    retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
    meetings: new MeetingStore(db, config.TABLE_NAME),
    worklists: new WorklistStore(db, config.TABLE_NAME),
    settings: new CoordinatorSettings(db, config.TABLE_NAME),
    indicators: new IndicatorStore(db, config.TABLE_NAME),
    intents: new IntentStore(db, config.TABLE_NAME),
  },
  createObservability('api'),
);
