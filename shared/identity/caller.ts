import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from '../domain/zod.js';
import { identityFromGroups } from './groups.js';
import { ROLES, type Actor, type Role } from '../domain/actor.js';
import { ALL_MUNICIPALITIES, API_SCOPE, nationalScopeProblem } from './roles.js';

/** Who is calling the API, as the route handlers and the audit see it. */
export interface Caller {
  /** Stable id: `user:<Cognito sub>` or `machine:<name>`; never an email or a name. */
  id: string;
  role: Role;
  /** A municipality id, or `*` (national staff). */
  municipality: string;
  /** The caller's own entry in the directory's coordinators, when they have one. */
  coordinatorId?: string;
}

export const actorOf = (caller: Caller): Actor => ({ by: caller.id, role: caller.role });

export function mayActIn(caller: Caller, municipalityId: string): boolean {
  return caller.municipality === ALL_MUNICIPALITIES || caller.municipality === municipalityId;
}

/**
 * An IAM principal (an SMR integration, say) that may call the machine API, and as whom: the
 * same role and municipality scoping as a person, never a bypass of it. `principal` is a role's
 * or a user's ARN; a role matches every session that assumed it.
 */
export const MachineCaller = z.strictObject({
  name: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and "-"')),
  principal: z.string().check(z.regex(/^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/, "an IAM role's or user's ARN")),
  municipality: z.string().check(z.minLength(1)),
  role: z.enum(ROLES),
});
export type MachineCaller = z.infer<typeof MachineCaller>;
export const MachineCallers = z.array(MachineCaller);

/** The user pool and app clients whose access tokens the API accepts (ApiConfig's TOKEN_*). */
export interface TrustedTokens {
  issuer: string;
  clientIds: readonly string[];
}

export type CallerResult = { ok: true; caller: Caller } | { ok: false; status: 401 | 403; message: string };

/**
 * API Gateway hands a JWT's array claims to the function flattened into one string,
 * `"[a b c]"`; the local authorizer does the same. Both shapes are read.
 */
export function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}

/** A user's groups as shared/identity/groups.ts reads them (also `*` only for viewer and operator). */
function fromGroups(id: string, groups: string[]): CallerResult {
  const parsed = identityFromGroups(groups);
  if (!parsed.ok) return { ok: false, status: 403, message: `your account ${parsed.problem}: ask an administrator (npm run cli -- users add)` };
  return { ok: true, caller: { id, ...parsed.identity } };
}

function principalMatches(principal: string, userArn: string): boolean {
  if (principal === userArn) return true;
  const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principal);
  return Boolean(role && userArn.startsWith(`arn:aws:sts::${role[1]}:assumed-role/${role[2]}/`));
}

/**
 * The caller of a request that API Gateway has already authenticated: a Cognito user from the
 * JWT authorizer's claims (an access token of the pool's client), or an IAM principal listed in
 * `machineCallers`. Anything else is refused before a route runs.
 */
export function callerOf(event: APIGatewayProxyEventV2, machineCallers: readonly MachineCaller[], tokens?: TrustedTokens): CallerResult {
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> }; iam?: { userArn?: string } } }).authorizer;
  const claims = authorizer?.jwt?.claims;
  if (claims) {
    const sub = typeof claims.sub === 'string' ? claims.sub : '';
    const trusted = !tokens || (claims.iss === tokens.issuer && tokens.clientIds.includes(String(claims.client_id)));
    if (!sub || !trusted || claims.token_use !== 'access' || !claimList(claims.scope).includes(API_SCOPE)) {
      return { ok: false, status: 401, message: 'authorization: send a Cognito access token of this platform (Authorization: Bearer …)' };
    }
    return fromGroups(`user:${sub}`, claimList(claims['cognito:groups']));
  }
  const userArn = authorizer?.iam?.userArn;
  if (userArn) {
    const machine = machineCallers.find((m) => principalMatches(m.principal, userArn));
    if (!machine) return { ok: false, status: 403, message: 'authorization: this IAM principal is not a machine caller of this deployment' };
    // The deployment file refuses this too (infra/deployment.ts); checked again here.
    const national = nationalScopeProblem(machine);
    if (national) return { ok: false, status: 403, message: `authorization: machine caller ${machine.name} has role ${machine.role} with municipality *: ${national}` };
    return { ok: true, caller: { id: `machine:${machine.name}`, role: machine.role, municipality: machine.municipality } };
  }
  return { ok: false, status: 401, message: 'authorization: sign in and send your access token (Authorization: Bearer …)' };
}

export { ALL_MUNICIPALITIES };
