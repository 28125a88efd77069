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
 */

export const ROLES = ['coordinator', 'head', 'viewer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** The municipality of national staff (DRPR, the ministry, operators): every municipality. */
export const ALL_MUNICIPALITIES = '*';

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
