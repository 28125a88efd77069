import type { Directory } from '../directory/directory.js';
import { ROLES, type Role } from '../domain/actor.js';
import { ALL_MUNICIPALITIES, GROUP_PREFIX, groupName, nationalScopeProblem, ROLE_DESCRIPTIONS } from './roles.js';

/**
 * The user pool's groups and a user's identity as groups, written down once: the CDK stack
 * declares exactly `poolGroups(bundledDirectory())` (infra/sign-in.ts), the local emulator's pool is
 * created with the same list (local/cognito/pool.ts), `npm run cli -- users add` puts a user into
 * `groupsOf(identity)`, and the API and `users list` read a user back with `identityFromGroups`.
 */

export interface GroupSpec {
  name: string;
  description: string;
}

/** Cognito's limit on a group's description. */
const MAX_DESCRIPTION = 2048;

/**
 * Every group the pool has: one per role, one per directory municipality and `municipality:*`
 * (national staff), one per directory coordinator (`directory:<id>`, linking a user to their
 * directory entry). CDK owns them on AWS: changing the directory needs a redeploy before a user
 * of a new municipality or coordinator can be added.
 */
export function poolGroups(directory: Directory): GroupSpec[] {
  return [
    ...ROLES.map((role) => ({ name: groupName.role(role), description: `Role ${role}: ${ROLE_DESCRIPTIONS[role]}` })),
    ...directory.municipalities().map((m) => ({ name: groupName.municipality(m.id), description: `Municipality ${m.id} (${m.name.en}): its staff act in it only` })),
    { name: groupName.municipality(ALL_MUNICIPALITIES), description: 'Every municipality: national staff (DRPR, ministry, operators), viewer or operator only' },
    ...directory.municipalities().flatMap((m) =>
      m.coordinators.map((c) => ({ name: groupName.directory(c.id), description: `The directory's coordinator ${c.id} (${m.id}): whose digest choice and follow-ups are this user's own` })),
    ),
  ].map((g) => ({ ...g, description: g.description.slice(0, MAX_DESCRIPTION) }));
}

/** Who a user is, as the groups carry it. */
export interface UserIdentity {
  role: Role;
  /** A directory municipality id, or `*` (viewer and operator only). */
  municipality: string;
  /** The user's own coordinators entry in the directory (coordinators and heads only). */
  coordinatorId?: string;
}

/** The groups a user belongs to: exactly one role, one municipality, at most one directory entry. */
export function groupsOf(identity: UserIdentity): string[] {
  return [
    groupName.role(identity.role),
    groupName.municipality(identity.municipality),
    ...(identity.coordinatorId ? [groupName.directory(identity.coordinatorId)] : []),
  ];
}

/** A group that carries identity (role:, municipality:, directory:); a pool may have others. */
export const isIdentityGroup = (group: string): boolean => Object.values(GROUP_PREFIX).some((p) => group.startsWith(p));

export type IdentityResult = { ok: true; identity: UserIdentity } | { ok: false; problem: string };

/**
 * A user's identity read back from their groups (the token's `cognito:groups`, or the admin
 * API's): exactly one known role, one municipality, at most one directory entry, and `*` only
 * for a role without household data. Groups of other kinds are ignored.
 */
export function identityFromGroups(groups: readonly string[]): IdentityResult {
  const values = (prefix: string) => groups.filter((g) => g.startsWith(prefix)).map((g) => g.slice(prefix.length));
  const roles = values(GROUP_PREFIX.role).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  const municipalities = values(GROUP_PREFIX.municipality);
  const directory = values(GROUP_PREFIX.directory);
  if (roles.length !== 1 || municipalities.length !== 1 || directory.length > 1) {
    return { ok: false, problem: 'needs exactly one role and one municipality' };
  }
  const identity: UserIdentity = { role: roles[0]!, municipality: municipalities[0]!, ...(directory[0] ? { coordinatorId: directory[0] } : {}) };
  const national = nationalScopeProblem(identity);
  if (national) return { ok: false, problem: `has role ${identity.role} with municipality *: ${national}` };
  return { ok: true, identity };
}
