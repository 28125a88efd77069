/**
 * `npm run cli -- users add|list|remove …`: a deployment's users, through the Cognito admin API
 * (never by clicking in the console), and `npm run cli -- token <short name>`: a local demo
 * user's access token, for curl and scripts.
 *
 * A user's identity is their groups (shared/identity/roles.ts): one `role:<role>`, one
 * `municipality:<id|*>` and, for a coordinator or head in the directory, `directory:<id>`.
 * The same calls seed the local emulator's demo users (local/cognito/pool.ts).
 */
import { parseArgs } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  ListGroupsCommand,
  ListUsersCommand,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { bundledDirectory, type Directory } from '../shared/directory/directory.js';
import { ALL_MUNICIPALITIES, GROUP_PREFIX, ROLES, type Role } from '../shared/identity/roles.js';
import { generatePassword as defaultGeneratePassword, groupsOf, PASSWORD_POLICY, poolGroups, type GroupSpec, type UserIdentity } from '../local/cognito/settings.js';
import { decodePayload, emulatorClient, signInWithPassword, type Tokens } from '../local/cognito/sign-in.js';
import { LOCAL_COGNITO_DIR, readUsersFile, usersFilePath, UsersFileError, type UsersFile } from '../local/cognito/users-file.js';
import type { CommandResult } from './commands.js';

// ---------------------------------------------------------------------------------------------
// The Cognito admin calls (AWS or the emulator)
// ---------------------------------------------------------------------------------------------

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
  /** Creates the groups that are missing; returns the names it created. */
  ensureGroups(groups: readonly GroupSpec[]): Promise<string[]>;
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
  /** false when there is no such user. */
  removeUser(email: string): Promise<boolean>;
}

const attribute = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value ?? '';
const isIdentityGroup = (g: string) => Object.values(GROUP_PREFIX).some((p) => g.startsWith(p));
const errorName = (e: unknown) => (e as { name?: string }).name ?? '';

export class CognitoUserPoolAdmin implements UserPoolAdmin {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    readonly userPoolId: string,
  ) {}

  async ensureGroups(groups: readonly GroupSpec[]): Promise<string[]> {
    const existing = new Set<string>();
    let next: string | undefined;
    do {
      const out = await this.client.send(new ListGroupsCommand({ UserPoolId: this.userPoolId, Limit: 60, NextToken: next }));
      for (const g of out.Groups ?? []) if (g.GroupName) existing.add(g.GroupName);
      next = out.NextToken;
    } while (next);
    const created: string[] = [];
    for (const g of groups) {
      if (existing.has(g.name)) continue;
      try {
        await this.client.send(new CreateGroupCommand({ UserPoolId: this.userPoolId, GroupName: g.name, Description: g.description }));
        created.push(g.name);
      } catch (e) {
        if (errorName(e) !== 'GroupExistsException') throw e; // created meanwhile by someone else: fine
      }
    }
    return created;
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

  async removeUser(email: string): Promise<boolean> {
    const user = await this.getUser(email);
    if (!user) return false;
    await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: user.username }));
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// users add | list | remove
// ---------------------------------------------------------------------------------------------

export const USERS_USAGE = `Usage: npm run cli -- users <add|list|remove> [options] <pool>

  users add --email <email> --role <${ROLES.join('|')}> --municipality <id|*> [--coordinator <directory id>] [--temporary-password] [--update]
      Creates the user (their sign-in name is the email address, marked verified) and puts them
      in their role's, their municipality's and (a coordinator or head with a directory entry)
      their directory entry's groups, creating any group the pool lacks. --municipality * is
      national staff (every municipality). On AWS, Cognito emails the user a temporary password
      (valid ${PASSWORD_POLICY.TemporaryPasswordValidityDays} days); with --temporary-password, or against an emulator, this command makes
      one and prints it instead. Either way they choose their own password at first sign-in.
      An existing user is refused, unless --update: then only their groups change (their id,
      and so their audit history, stays).
  users list
      Every user: email, role, municipality, directory entry, status, and the id (sub) that
      audit entries and access logs show.
  users remove --email <email>
      Deletes the user; their audit entries keep their id.

  The pool (one of):
    --user-pool-id <id>   (or env USER_POOL_ID) a deployment's pool; region and credentials from
                          the usual AWS environment (AWS_REGION, AWS_PROFILE, …)
    --local               the pool \`npm start\` runs (its ${usersFilePath(LOCAL_COGNITO_DIR)})
    --endpoint <url>      with --user-pool-id: another Cognito endpoint (an emulator)

Exit codes: 0 done, 1 refused or failed (an existing user, no such user), 2 wrong command line.
`;

export const TOKEN_USAGE = `Usage: npm run cli -- token <short name> [--users-file <path>]

  Signs in as one of the local demo users (npm start must be running) and prints their access
  token alone on the last line, e.g.
    TOKEN=$(npm run -s cli -- token obiliq-coordinator | tail -n 1)
    curl -H "Authorization: Bearer $TOKEN" http://localhost:3000/…
  The short names are in ${usersFilePath(LOCAL_COGNITO_DIR)} (npm start prints them).

Exit codes: 0 done, 1 not running or sign-in failed, 2 wrong command line or unknown short name.
`;

export interface UsersDeps {
  /** The admin API of the chosen pool; default: the SDK's Cognito client (AWS, or `endpoint`). */
  admin?: (pool: { userPoolId: string; endpoint?: string }) => UserPoolAdmin;
  directory?: Directory;
  env?: NodeJS.ProcessEnv;
  /** The local users file (for --local); default .local/cognito/users.json. */
  usersFile?: string;
  generatePassword?: () => string;
}

const usageError = (message: string): CommandResult => ({ stdout: `${message}\n`, exitCode: 2 });
const failed = (message: string): CommandResult => ({ stdout: `${message}\n`, exitCode: 1 });

const FLAG_OF: Record<string, string> = { email: '--email', role: '--role', municipality: '--municipality', coordinatorId: '--coordinator' };

/** A user to add, checked against the roles and the directory. */
export function newUserSchema(directory: Directory) {
  const ids = directory.municipalities().map((m) => m.id);
  return z
    .strictObject({
      email: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email('an email address')),
      role: z.enum(ROLES, `one of ${ROLES.join(', ')}`),
      municipality: z.string().refine((m) => m === ALL_MUNICIPALITIES || ids.includes(m), `a directory municipality (${ids.join(', ')}) or * (every municipality)`),
      coordinatorId: z.string().optional(),
    })
    .superRefine((v, ctx) => {
      if (v.coordinatorId === undefined) return;
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['coordinatorId'], message });
      if (v.role !== 'coordinator' && v.role !== 'head') return issue('only a coordinator or a head has a directory entry');
      const m = directory.municipality(v.municipality);
      if (!m) return issue('a directory entry belongs to one municipality: give that municipality');
      if (!m.coordinators.some((c) => c.id === v.coordinatorId)) return issue(`not a coordinator of ${m.id} in the directory; one of: ${m.coordinators.map((c) => c.id).join(', ')}`);
    });
}
export type NewUser = UserIdentity & { email: string };

function identityOf(groups: readonly string[]): { role: string; municipality: string; directory: string } {
  const value = (prefix: string) =>
    groups
      .filter((g) => g.startsWith(prefix))
      .map((g) => g.slice(prefix.length))
      .join(',') || '-';
  return { role: value(GROUP_PREFIX.role), municipality: value(GROUP_PREFIX.municipality), directory: value(GROUP_PREFIX.directory) };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export async function runUsers(argv: readonly string[], deps: UsersDeps = {}): Promise<CommandResult> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        municipality: { type: 'string' },
        coordinator: { type: 'string' },
        'temporary-password': { type: 'boolean' },
        update: { type: 'boolean' },
        'user-pool-id': { type: 'string' },
        endpoint: { type: 'string' },
        local: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    return usageError(`users: ${(e as Error).message}\n\n${USERS_USAGE}`);
  }
  const [sub, ...extra] = positionals;
  if (values.help || sub === undefined || sub === 'help') return { stdout: USERS_USAGE, exitCode: 0 };
  if (sub !== 'add' && sub !== 'list' && sub !== 'remove') return usageError(`users: unknown subcommand ${JSON.stringify(sub)}\n\n${USERS_USAGE}`);
  if (extra.length > 0) return usageError(`users ${sub}: unexpected argument ${JSON.stringify(extra[0])}`);
  const str = (name: string) => values[name] as string | undefined;

  // Which pool, and is it an emulator (no email goes out from one: its passwords are printed).
  const env = deps.env ?? process.env;
  let pool: { userPoolId: string; endpoint?: string };
  if (values.local) {
    if (str('user-pool-id') || str('endpoint')) return usageError(`users ${sub}: --local or --user-pool-id/--endpoint, not both`);
    const path = deps.usersFile ?? usersFilePath(LOCAL_COGNITO_DIR);
    let file: UsersFile | undefined;
    try {
      file = readUsersFile(path);
    } catch (e) {
      return failed(`users ${sub}: ${(e as Error).message}`);
    }
    if (!file) return failed(`users ${sub}: no local pool (${path} is missing): start it with npm start`);
    pool = { userPoolId: file.userPoolId, endpoint: file.endpoint };
  } else {
    const userPoolId = str('user-pool-id') ?? env.USER_POOL_ID;
    if (!userPoolId) return usageError(`users ${sub}: which pool? --user-pool-id <id> (or env USER_POOL_ID), or --local`);
    pool = { userPoolId, ...(str('endpoint') ? { endpoint: str('endpoint')! } : {}) };
  }
  const emulator = pool.endpoint !== undefined;
  const admin = (deps.admin ?? ((p) => new CognitoUserPoolAdmin(p.endpoint ? emulatorClient(p.endpoint) : new CognitoIdentityProviderClient({}), p.userPoolId)))(pool);
  const where = emulator ? `pool ${pool.userPoolId} at ${pool.endpoint}` : `pool ${pool.userPoolId}`;

  try {
    if (sub === 'list') {
      const users = await admin.listUsers();
      if (users.length === 0) return { stdout: `no users in ${where}\n`, exitCode: 0 };
      const rows = users.map((u) => {
        const id = identityOf(u.groups);
        return [u.email, id.role, id.municipality, id.directory, u.enabled ? u.status : `${u.status} (disabled)`, u.sub];
      });
      return { stdout: `${table(['email', 'role', 'municipality', 'directory', 'status', 'id (sub)'], rows)}\n${users.length} user${users.length === 1 ? '' : 's'} in ${where}\n`, exitCode: 0 };
    }

    if (sub === 'remove') {
      const email = z.email().safeParse(str('email')?.trim().toLowerCase());
      if (!email.success) return usageError('users remove: --email <the user\'s email address>');
      return (await admin.removeUser(email.data)) ? { stdout: `removed ${email.data} from ${where}\n`, exitCode: 0 } : failed(`users remove: no user ${email.data} in ${where}`);
    }

    // add
    const directory = deps.directory ?? bundledDirectory();
    const parsed = newUserSchema(directory).safeParse({
      email: str('email') ?? '',
      role: str('role') ?? '',
      municipality: str('municipality') ?? '',
      ...(str('coordinator') !== undefined ? { coordinatorId: str('coordinator') } : {}),
    });
    if (!parsed.success) {
      return usageError(`users add: ${parsed.error.issues.map((i) => `${FLAG_OF[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const user = parsed.data as NewUser;
    const groups = groupsOf(user);
    const createdGroups = await admin.ensureGroups(poolGroups(directory).filter((g) => groups.includes(g.name)));
    const describe = `role ${user.role}, municipality ${user.municipality}${user.coordinatorId ? `, directory entry ${user.coordinatorId}` : ''}`;
    if (values.update) {
      const existing = await admin.getUser(user.email);
      if (existing) {
        const was = existing.groups.filter(isIdentityGroup).join(', ') || '-';
        await admin.setIdentityGroups(existing.username, groups);
        return {
          stdout: `updated ${user.email} in ${where}: ${describe}\n  id (sub): ${existing.sub}\n  groups:   ${groups.join(', ')}${createdGroups.length ? ` (created: ${createdGroups.join(', ')})` : ''}\n  was:      ${was}\n`,
          exitCode: 0,
        };
      }
    }
    const printPassword = emulator || values['temporary-password'] === true;
    const temporaryPassword = printPassword ? (deps.generatePassword ?? defaultGeneratePassword)() : undefined;
    const created = await admin.createUser(user.email, temporaryPassword ? { temporaryPassword } : {});
    if (!created) return failed(`users add: ${user.email} is a user of ${where} already (users list shows their groups; add --update changes them)`);
    await admin.setIdentityGroups(created.username, groups);
    return {
      stdout: [
        `added ${user.email} to ${where}: ${describe}`,
        `  id (sub): ${created.sub}`,
        `  groups:   ${groups.join(', ')}${createdGroups.length ? ` (created: ${createdGroups.join(', ')})` : ''}`,
        temporaryPassword
          ? `  temporary password (hand it over yourself; it must be changed at first sign-in, within ${PASSWORD_POLICY.TemporaryPasswordValidityDays} days): ${temporaryPassword}`
          : `  Cognito emails ${user.email} a temporary password, to be changed at first sign-in within ${PASSWORD_POLICY.TemporaryPasswordValidityDays} days`,
        '',
      ].join('\n'),
      exitCode: 0,
    };
  } catch (e) {
    const name = errorName(e);
    return failed(`users ${sub}: ${where}: ${name && name !== 'Error' ? `${name}: ` : ''}${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// token <short name>
// ---------------------------------------------------------------------------------------------

export interface TokenDeps {
  /** Default: .local/cognito/users.json. */
  usersFile?: string;
  /** Default: USER_PASSWORD_AUTH against the file's endpoint and client. */
  signIn?: (file: UsersFile, email: string, password: string) => Promise<Tokens>;
}

export async function runToken(argv: readonly string[], deps: TokenDeps = {}): Promise<CommandResult> {
  let values: { 'users-file'?: string | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: { 'users-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  } catch (e) {
    return usageError(`token: ${(e as Error).message}\n\n${TOKEN_USAGE}`);
  }
  if (values.help || positionals[0] === 'help') return { stdout: TOKEN_USAGE, exitCode: 0 };
  if (positionals.length !== 1) return usageError(`token: give one short name\n\n${TOKEN_USAGE}`);
  const shortName = positionals[0]!;
  const path = values['users-file'] ?? deps.usersFile ?? usersFilePath(LOCAL_COGNITO_DIR);
  let file: UsersFile | undefined;
  try {
    file = readUsersFile(path);
  } catch (e) {
    return failed(`token: ${(e as UsersFileError).message}`);
  }
  if (!file) return failed(`token: ${path} is missing: start the local platform first (npm start), then try again`);
  const user = file.users[shortName];
  if (!user) return usageError(`token: no demo user ${JSON.stringify(shortName)}; the short names: ${Object.keys(file.users).join(', ')}`);

  let tokens: Tokens;
  try {
    if (deps.signIn) tokens = await deps.signIn(file, user.email, user.password);
    else {
      const client = emulatorClient(file.endpoint, file.region);
      try {
        tokens = await signInWithPassword(client, file.clientId, user.email, user.password);
      } finally {
        client.destroy();
      }
    }
  } catch (e) {
    const refused = /ECONNREFUSED|fetch failed|connect/i.test(`${(e as Error).message} ${String((e as { cause?: unknown }).cause ?? '')} ${(e as { code?: string }).code ?? ''}`);
    return failed(
      refused
        ? `token: the Cognito emulator does not answer at ${file.endpoint}: is npm start running? (${path} is from its last start)`
        : `token: sign-in of ${shortName} (${user.email}) failed: ${(e as Error).message}`,
    );
  }
  const claims = decodePayload(tokens.accessToken);
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [];
  return {
    stdout: [
      `# ${shortName}: ${user.email}, ${groups.join(' ')}; sub ${String(claims.sub)}; access token valid until ${new Date(tokens.expiresAt).toISOString()}`,
      tokens.accessToken,
      '',
    ].join('\n'),
    exitCode: 0,
  };
}

