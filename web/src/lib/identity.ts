import { jwtPayload } from './cognito.js';

/**
 * Who the signed-in user is, read from the access token's groups (`role:…`, `municipality:…`,
 * `directory:…`, as shared/identity/groups.ts writes them). Only to shape the screens: the API
 * checks every call itself, so a hand-edited token shows a menu and gets 401/403/404 behind it.
 */
export type Role = 'coordinator' | 'head' | 'viewer' | 'operator';

export interface Identity {
  sub: string;
  username: string;
  role: Role;
  /** A municipality id, or `*` for national staff. */
  municipality: string;
  coordinatorId?: string;
}

const ROLES: readonly Role[] = ['coordinator', 'head', 'viewer', 'operator'];

export function identityOf(accessToken: string): Identity | undefined {
  const p = jwtPayload(accessToken);
  const groups = Array.isArray(p['cognito:groups']) ? (p['cognito:groups'] as string[]) : [];
  const value = (prefix: string) => groups.find((g) => g.startsWith(prefix))?.slice(prefix.length);
  const role = value('role:') as Role | undefined;
  const municipality = value('municipality:');
  if (!role || !ROLES.includes(role) || !municipality) return undefined;
  const coordinatorId = value('directory:');
  return { sub: String(p.sub ?? ''), username: String(p.username ?? p['cognito:username'] ?? ''), role, municipality, ...(coordinatorId ? { coordinatorId } : {}) };
}

/** Coordinators and heads work with households; viewers and operators never see them. */
export const seesHouseholds = (role: Role) => role === 'coordinator' || role === 'head';
