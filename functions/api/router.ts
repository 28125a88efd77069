import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { FUNCTIONS, routeKey, type ApiRoute } from '../../events/triggers.js';
import { CaseId } from '../../shared/domain/case.js';
import { json } from '../../shared/http/responses.js';
import { actorOf, callerOf, mayActIn, type Caller, type MachineCaller, type TrustedTokens } from '../../shared/identity/caller.js';
import { MeetingId } from '../../shared/meetings/manage.js';
import type { CaseItem } from '../../shared/store/case.js';
import { appointmentRoutes } from './routes/appointments.js';
import { caseFileRoutes } from './routes/case-file.js';
import { caseRoutes } from './routes/cases.js';
import { meRoutes } from './routes/me.js';
import { meetingRoutes } from './routes/meetings.js';
import { municipalityRoutes } from './routes/municipalities.js';
import { operationRoutes } from './routes/operations.js';
import { referralAnswerRoutes } from './routes/referral-answers.js';
import type { ApiDeps, ApiRouteKey, RouteHandler } from './routes/types.js';

/** Every declared route has its handler, and no handler lacks a declaration (both fail to compile). */
export const ROUTES = {
  ...caseRoutes,
  ...caseFileRoutes,
  ...appointmentRoutes,
  ...meetingRoutes,
  ...municipalityRoutes,
  ...operationRoutes,
  ...referralAnswerRoutes,
  ...meRoutes,
} satisfies Record<ApiRouteKey, RouteHandler>;

const DECLARED = new Map<string, ApiRoute>(FUNCTIONS.api.trigger.routes.map((r) => [routeKey(r), r]));

const notFound = (what: string) => json(404, { message: `no such ${what}` });

/** The `municipalityId` a JSON body names, if it names one (the route validates the rest). */
function bodyMunicipality(event: APIGatewayProxyEventV2): string | undefined {
  if (!event.body) return undefined;
  try {
    const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const value = JSON.parse(raw) as unknown;
    const id = value && typeof value === 'object' ? (value as { municipalityId?: unknown }).municipalityId : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `caller` may act on what the request names, read before any route handler runs. Another
 * municipality's case or meeting answers 404, exactly like one that does not exist, so nobody
 * learns that it does; another municipality (public knowledge) answers 403. In scope: nothing, or
 * for a case, the case as read.
 */
async function outOfScope(route: ApiRoute, event: APIGatewayProxyEventV2, caller: Caller, deps: ApiDeps): Promise<APIGatewayProxyStructuredResultV2 | { read: CaseItem } | undefined> {
  const params = event.pathParameters ?? {};
  switch (route.scope) {
    case 'case': {
      // The whole case, not only its municipality (the same read units): the route's own first read of it is answered with it.
      const id = CaseId.safeParse(params.caseId);
      const theCase = id.success ? await deps.cases.get(id.data) : undefined;
      return theCase && mayActIn(caller, theCase.municipalityId) ? { read: theCase } : json(404, { message: id.success ? `no case ${id.data}` : 'no such case' });
    }
    case 'meeting': {
      const id = MeetingId.safeParse(params.meetingId);
      const muni = id.success ? await deps.meetings.municipalityOf(id.data) : undefined;
      return muni && mayActIn(caller, muni) ? undefined : json(404, { message: id.success ? `no meeting ${id.data}` : 'no such meeting' });
    }
    case 'municipality': {
      const muni = deps.directory.municipality(params.municipalityId ?? '');
      if (!muni) return notFound('municipality');
      return mayActIn(caller, muni.id) ? undefined : json(403, { message: `municipalityId: you work for ${caller.municipality}, not ${muni.id}` });
    }
    case 'body': {
      // A municipality the directory does not know is the route's to answer (400 naming the field).
      const muni = deps.directory.municipality(bodyMunicipality(event) ?? '');
      return !muni || mayActIn(caller, muni.id) ? undefined : json(403, { message: `municipalityId: you work for ${caller.municipality}, not ${muni.id}` });
    }
    case 'national':
      return undefined;
  }
}

/** Who may call at all: the deployment's machine callers, and the pool and clients whose tokens count. */
export interface ApiTrust {
  machineCallers: readonly MachineCaller[];
  tokens: TrustedTokens;
}

/**
 * One request: who calls (from API Gateway's authorizer), whether their role may call the route,
 * whether what it names is theirs, and only then the route's handler.
 */
export async function routeRequest(
  event: APIGatewayProxyEventV2,
  deps: ApiDeps,
  trust: ApiTrust,
  logger: Pick<Logger, 'appendKeys'>,
): Promise<APIGatewayProxyStructuredResultV2> {
  const route = DECLARED.get(event.routeKey);
  if (!route) return json(404, { message: 'Not Found' });
  const who = callerOf(event, trust.machineCallers, trust.tokens);
  if (!who.ok) return json(who.status, { message: who.message });
  const caller = who.caller;
  // Ids and the role only: never an email or a name.
  logger.appendKeys({ callerId: caller.id, callerRole: caller.role });
  if (!route.roles.includes(caller.role)) return json(403, { message: `your role (${caller.role}) may not ${route.method} ${route.path}` });
  const scoped = await outOfScope(route, event, caller, deps);
  if (scoped && !('read' in scoped)) return scoped;
  const requestDeps = scoped ? withCaseRead(deps, scoped.read) : deps;
  return ROUTES[event.routeKey as ApiRouteKey]({ event, caller, actor: actorOf(caller), deps: requestDeps });
}

/**
 * The case the scope check has just read (strongly consistent) answers the route's first read of
 * it, so a referral's intake, which checks the household, the office and that the case is open,
 * costs no second GetItem. Any later read, after the route may have written, goes to the table.
 */
function withCaseRead(deps: ApiDeps, read: CaseItem): ApiDeps {
  let unused = true;
  const cases = Object.assign(Object.create(deps.cases) as ApiDeps['cases'], {
    get: async (caseId: string) => {
      if (unused && caseId === read.caseId) {
        unused = false;
        return read;
      }
      return deps.cases.get(caseId);
    },
  });
  return { ...deps, cases };
}
