/**
 * Who may use the platform, written down once for both sides: the Cognito user pool (infra/,
 * `npm run cli -- users add`, the local emulator's seeded users) and the API that reads the
 * caller from the token's claims (functions/api).
 *
 * A user carries their municipality, their role and, for a coordinator or head listed in the
 * directory, their directory id, as **Cognito groups** named `<kind>:<value>`. Groups and not
 * custom attributes because Cognito puts `cognito:groups` into the **access token**, which is
 * what the API accepts; custom attributes reach only the id token (or need a paid pre-token
 * trigger).
 *
 * The roles themselves, and the actor the audit records, are in shared/domain/actor.ts.
 */
import type { Role } from '../domain/actor.js';

/** The roles that work with households' data (cases, SMR ids, names); the others see counts. */
export const HOUSEHOLD_ROLES: readonly Role[] = ['coordinator', 'head'];
export const seesHouseholdData = (role: Role): boolean => HOUSEHOLD_ROLES.includes(role);

/** The municipality of national staff (DRPR, the ministry, operators): every municipality. */
export const ALL_MUNICIPALITIES = '*';

/**
 * The roles that may have municipality `*`: neither sees household data. A coordinator or head
 * does, so they act in one municipality; `*` with either would open every household to them.
 */
export const NATIONAL_ROLES = ['viewer', 'operator'] as const satisfies readonly Role[];

/**
 * Why this role may not have this municipality (`*` with a household role), or undefined when it
 * may. Read by `users add`, the deployment file's machineCallers and the API's caller.
 */
export function nationalScopeProblem(identity: { role: Role; municipality: string }): string | undefined {
  if (identity.municipality !== ALL_MUNICIPALITIES || (NATIONAL_ROLES as readonly Role[]).includes(identity.role)) return undefined;
  return `* (every municipality) is for ${NATIONAL_ROLES.join(' and ')} only: a ${identity.role} sees household data, so acts in one municipality`;
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  coordinator: "own municipality: cases, referrals, appointments, assessments, follow-ups, meetings, own digest choice",
  head: "as coordinator, plus every coordinator's digest choice in the municipality",
  viewer: 'read-only: indicators, meetings and worklist counts; no household data (DRPR, ministry, mayor\'s office)',
  operator: 'operations: address suppression; no household data',
};

/** Group-name prefixes. A user belongs to exactly one municipality group and one role group. */
export const GROUP_PREFIX = { municipality: 'municipality:', role: 'role:', directory: 'directory:' } as const;

export const groupName = {
  municipality: (id: string) => `${GROUP_PREFIX.municipality}${id}`,
  role: (role: Role) => `${GROUP_PREFIX.role}${role}`,
  directory: (coordinatorId: string) => `${GROUP_PREFIX.directory}${coordinatorId}`,
};

/**
 * The scope every route of the coordinators' API requires: Cognito puts it into access tokens
 * from its sign-in API (InitiateAuth), and an id token has no scope at all, so API Gateway
 * refuses an id token presented instead of an access token.
 */
export const API_SCOPE = 'aws.cognito.signin.user.admin';
