import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  ListGroupsCommand,
  ListUsersCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { isIdentityGroup } from './groups.js';

/**
 * The Cognito admin calls on a user pool's users, for `npm run cli -- users …` (a deployment's
 * pool, or the emulator's) and the local pool's demo users (local/cognito/pool.ts). It never
 * creates or deletes groups: on AWS the stack owns them (infra/sign-in.ts), locally the local pool
 * is created with them; both from poolGroups (./groups.ts).
 */

export interface PoolUser {
  username: string;
  email: string;
  sub: string;
  status: string;
  enabled: boolean;
  groups: string[];
}

/** What the users commands and the local seeding need of a user pool. */
export interface UserPoolAdmin {
  /** The names of the pool's groups. */
  groupNames(): Promise<Set<string>>;
  /**
   * AdminCreateUser with the email as the user name, verified. With a temporary password: that
   * one, and no invitation (the caller hands it over); without: Cognito makes one and emails it.
   * `undefined` when a user with that email exists already.
   */
  createUser(email: string, opts: { temporaryPassword?: string }): Promise<{ username: string; sub: string } | undefined>;
  /** The user, by email, or undefined. */
  getUser(email: string): Promise<PoolUser | undefined>;
  /** Makes the user's identity groups (role:, municipality:, directory:) exactly these; other groups stay. */
  setIdentityGroups(username: string, groups: readonly string[]): Promise<void>;
  setPassword(username: string, password: string, permanent: boolean): Promise<void>;
  listUsers(): Promise<PoolUser[]>;
  /**
   * AdminUserGlobalSignOut: revokes the user's refresh tokens, so they must sign in again (and get
   * their current groups). An access token already issued stays valid at API Gateway until it
   * expires (USER_POOL_SETTINGS.accessTokenHours). Not in the emulator (cognito-local).
   */
  signOutEverywhere(username: string): Promise<void>;
  /** AdminDeleteUser. */
  deleteUser(username: string): Promise<void>;
}

const attribute = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value ?? '';
const errorName = (e: unknown) => (e as { name?: string }).name ?? '';

export class CognitoUserPoolAdmin implements UserPoolAdmin {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    readonly userPoolId: string,
  ) {}

  async groupNames(): Promise<Set<string>> {
    const names = new Set<string>();
    let next: string | undefined;
    do {
      const out = await this.client.send(new ListGroupsCommand({ UserPoolId: this.userPoolId, Limit: 60, NextToken: next }));
      for (const g of out.Groups ?? []) if (g.GroupName) names.add(g.GroupName);
      next = out.NextToken;
    } while (next);
    return names;
  }

  async createUser(email: string, opts: { temporaryPassword?: string }) {
    try {
      const out = await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
          ...(opts.temporaryPassword ? { TemporaryPassword: opts.temporaryPassword, MessageAction: 'SUPPRESS' as const } : { DesiredDeliveryMediums: ['EMAIL' as const] }),
        }),
      );
      return { username: out.User?.Username ?? email, sub: attribute(out.User?.Attributes, 'sub') };
    } catch (e) {
      if (errorName(e) === 'UsernameExistsException') return undefined;
      throw e;
    }
  }

  private async groupsOf(username: string): Promise<string[]> {
    const groups: string[] = [];
    let next: string | undefined;
    do {
      const out = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username, Limit: 60, NextToken: next }));
      for (const g of out.Groups ?? []) if (g.GroupName) groups.push(g.GroupName);
      next = out.NextToken;
    } while (next);
    return groups;
  }

  async getUser(email: string): Promise<PoolUser | undefined> {
    const out = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, Filter: `email = "${email.replace(/["\\]/g, '')}"`, Limit: 2 }));
    const u = out.Users?.find((x) => attribute(x.Attributes, 'email').toLowerCase() === email.toLowerCase());
    if (!u?.Username) return undefined;
    return { username: u.Username, email: attribute(u.Attributes, 'email'), sub: attribute(u.Attributes, 'sub'), status: u.UserStatus ?? '', enabled: u.Enabled ?? true, groups: await this.groupsOf(u.Username) };
  }

  async setIdentityGroups(username: string, groups: readonly string[]): Promise<void> {
    const current = await this.groupsOf(username);
    for (const g of current) {
      if (isIdentityGroup(g) && !groups.includes(g)) await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: g }));
    }
    for (const g of groups) {
      if (!current.includes(g)) await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: g }));
    }
  }

  async setPassword(username: string, password: string, permanent: boolean): Promise<void> {
    await this.client.send(new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: username, Password: password, Permanent: permanent }));
  }

  async listUsers(): Promise<PoolUser[]> {
    const users: PoolUser[] = [];
    let next: string | undefined;
    do {
      const out = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, Limit: 60, PaginationToken: next }));
      for (const u of out.Users ?? []) {
        if (!u.Username) continue;
        users.push({ username: u.Username, email: attribute(u.Attributes, 'email'), sub: attribute(u.Attributes, 'sub'), status: u.UserStatus ?? '', enabled: u.Enabled ?? true, groups: await this.groupsOf(u.Username) });
      }
      next = out.PaginationToken;
    } while (next);
    return users.sort((a, b) => a.email.localeCompare(b.email));
  }

  async signOutEverywhere(username: string): Promise<void> {
    await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async deleteUser(username: string): Promise<void> {
    await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: username }));
  }
}
