/**
 * Who did something, as the audit and the stores record it: the platform's roles, and an actor (a
 * caller's stable id and role). How a caller is recognised (Cognito groups, IAM principals) and
 * what each role may do is shared/identity/'s business.
 */

export const ROLES = ['coordinator', 'head', 'viewer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** What an audit entry records of the caller who made the change. */
export interface Actor {
  by: string;
  role: Role;
}
