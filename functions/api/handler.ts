import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { documentClient } from '../../shared/aws/clients.js';
import { ApiConfig, loadConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { CaseId, CreateCaseInput, CreateReferralInput } from '../../shared/domain/case.js';
import { systemClock } from '../../shared/domain/clock.js';
import { badRequest, json, jsonBody, zodProblems } from '../../shared/http/responses.js';
import { createLogger } from '../../shared/observability/logger.js';
import { createCase, createReferral, presentCase, type IntakeDeps, type IntakeProblem } from '../../shared/referrals/intake.js';
import { CaseStore } from '../../shared/store/case-store.js';
import { ReferralStore } from '../../shared/store/referral-store.js';

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

async function route(event: APIGatewayProxyEventV2, deps: IntakeDeps): Promise<APIGatewayProxyStructuredResultV2> {
  switch (event.routeKey) {
    case 'POST /cases': {
      const body = jsonBody(event);
      if (!body.ok) return body.response;
      const input = CreateCaseInput.safeParse(body.value);
      if (!input.success) return badRequest(zodProblems(input.error));
      const out = await createCase(input.data, deps);
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
      const body = jsonBody(event);
      if (!body.ok) return body.response;
      const input = CreateReferralInput.safeParse(body.value);
      if (!input.success) return badRequest(zodProblems(input.error));
      const out = await createReferral(caseId.data, input.data, deps);
      if (!out.ok) return problem(out.problem);
      const r = out.value;
      return json(
        201,
        { referralId: r.referralId, caseId: r.caseId, officeId: r.officeId, status: r.status, ackDueDate: r.ackDueDate },
        { location: `/cases/${r.caseId}` },
      );
    }
    default:
      return json(404, { message: 'Not Found' });
  }
}

export function createHandler(deps: IntakeDeps, logger: Logger) {
  return middy(async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      return await route(event, deps);
    } catch (err) {
      // Never hand a raw error to the caller, nor log its message (it can quote stored data).
      logger.error('request failed', { routeKey: event.routeKey, error: (err as Error)?.name });
      return json(500, { message: 'internal error, please retry', requestId: context.awsRequestId });
    }
  }).use(injectLambdaContext(logger, { resetKeys: true }));
}

const config = loadConfig(ApiConfig);
const db = documentClient();

export const handler = createHandler(
  {
    cases: new CaseStore(db, config.TABLE_NAME),
    referrals: new ReferralStore(db, config.TABLE_NAME),
    directory: bundledDirectory(),
    clock: systemClock,
    retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  },
  createLogger('api'),
);
