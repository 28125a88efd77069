/**
 * `npm run cli -- users add|list|remove …`: a deployment's users, through the Cognito admin API
 * (never by clicking in the console), and `npm run cli -- token <short name>`: a local demo
 * user's access token, for curl and scripts.
 *
 * A user's identity is their groups (shared/identity/roles.ts): one `role:<role>`, one
 * `municipality:<id|*>` and, for a coordinator or head in the directory, `directory:<id>`.
 * The admin calls (shared/identity/user-pool-admin.ts) also seed the local emulator's demo users
 * (local/cognito/pool.ts); neither creates groups: the stack (or, locally, npm start) owns them.
 */
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
import { bundledDirectory, type Directory } from '../shared/directory/directory.js';
import { groupsOf, identityFromGroups, isIdentityGroup, type UserIdentity } from '../shared/identity/groups.js';
import { generatePassword as defaultGeneratePassword } from '../shared/identity/passwords.js';
import { USER_POOL_SETTINGS } from '../shared/identity/pool-settings.js';
import { ROLES } from '../shared/domain/actor.js';
import { ALL_MUNICIPALITIES, GROUP_PREFIX, nationalScopeProblem, NATIONAL_ROLES } from '../shared/identity/roles.js';
import { CognitoUserPoolAdmin, type UserPoolAdmin } from '../shared/identity/user-pool-admin.js';
// The local pool's file and the emulator's client: only for --local and `token`, which are about
// the pool `npm start` runs. The AWS path needs nothing of local/ (and local/ imports nothing of cli/).
import { decodePayload, emulatorClient, signInWithPassword, type Tokens } from '../local/cognito/sign-in.js';
import { LOCAL_COGNITO_DIR, readUsersFile, usersFilePath, UsersFileError, type UsersFile } from '../local/cognito/users-file.js';
import type { CommandResult } from './commands.js';

export type { PoolUser, UserPoolAdmin } from '../shared/identity/user-pool-admin.js';

const errorName = (e: unknown) => (e as { name?: string }).name ?? '';

/** How long an access token already issued stays good at API Gateway, which cannot revoke it. */
const ACCESS_TOKEN_LIFETIME = `up to ${USER_POOL_SETTINGS.accessTokenHours} hour${USER_POOL_SETTINGS.accessTokenHours === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------------------------
// users add | list | remove
// ---------------------------------------------------------------------------------------------

export const USERS_USAGE = `Usage: npm run cli -- users <add|list|remove> [options] <pool>

  users add --email <email> --role <${ROLES.join('|')}> --municipality <id|*> [--coordinator <directory id>] [--temporary-password] [--update]
      Creates the user (their sign-in name is the email address, marked verified) and puts them
      in their role's, their municipality's and (a coordinator or head with a directory entry)
      their directory entry's groups. --municipality * is national staff (every municipality),
      for ${NATIONAL_ROLES.join(' and ')} only: a coordinator or head sees household data.
      The groups must exist in the pool: the stack creates them from the directory (locally,
      npm start does); a municipality or coordinator the pool lacks is refused (exit 2):
      redeploy after changing the directory. On AWS, Cognito emails the user a temporary password
      (valid ${USER_POOL_SETTINGS.temporaryPasswordDays} days); with --temporary-password, or against an emulator, this command makes
      one and prints it instead. Either way they choose their own password at first sign-in.
      An existing user is refused, unless --update: then only their groups change (their id,
      and so their audit history, stays) and, on AWS, they are signed out everywhere
      (AdminUserGlobalSignOut): their refresh tokens are revoked, so they sign in again and get
      the new groups; an access token already issued stays valid at the API until it expires
      (${ACCESS_TOKEN_LIFETIME}).
  users list
      Every user: email, role, municipality, directory entry, status, and the id (sub) that
      audit entries and access logs show.
  users remove --email <email>
      Signs the user out everywhere (on AWS: their refresh tokens are revoked; an access token
      already issued stays valid at the API until it expires, ${ACCESS_TOKEN_LIFETIME}) and deletes
      them; their audit entries keep their id.

  The pool (one of):
    --user-pool-id <id>   (or env USER_POOL_ID) a deployment's pool; region and credentials from
                          the usual AWS environment (AWS_REGION, AWS_PROFILE, …)
    --local               the pool \`npm start\` runs (its ${usersFilePath(LOCAL_COGNITO_DIR)})
    --endpoint <url>      with --user-pool-id: another Cognito endpoint (an emulator)

Exit codes: 0 done, 1 refused or failed (an existing user, no such user), 2 wrong command line
(or a group the pool lacks).
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
      const national = nationalScopeProblem(v);
      if (national) ctx.addIssue({ code: 'custom', path: ['municipality'], message: national });
      if (v.coordinatorId === undefined) return;
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['coordinatorId'], message });
      if (v.role !== 'coordinator' && v.role !== 'head') return issue('only a coordinator or a head has a directory entry');
      const m = directory.municipality(v.municipality);
      if (!m) return issue('a directory entry belongs to one municipality: give that municipality');
      if (!m.coordinators.some((c) => c.id === v.coordinatorId)) return issue(`not a coordinator of ${m.id} in the directory; one of: ${m.coordinators.map((c) => c.id).join(', ')}`);
    });
}
export type NewUser = UserIdentity & { email: string };

/** `municipality:obiliq` → "municipality obiliq", for a refusal. */
function describeGroup(group: string): string {
  if (group.startsWith(GROUP_PREFIX.municipality)) return `municipality ${group.slice(GROUP_PREFIX.municipality.length)}`;
  if (group.startsWith(GROUP_PREFIX.directory)) return `coordinator ${group.slice(GROUP_PREFIX.directory.length)} (directory entry)`;
  return `role ${group.slice(GROUP_PREFIX.role.length)}`;
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
  /**
   * A removed or re-scoped user must not go on refreshing tokens with their old groups: on AWS,
   * AdminUserGlobalSignOut revokes their refresh tokens. API Gateway's JWT authorizer cannot
   * revoke an access token, so one already issued stays good until it expires. The emulator
   * (cognito-local 5.3) has no AdminUserGlobalSignOut, so against one (an endpoint: --local or
   * --endpoint, as for the printed passwords) the call is skipped.
   */
  const signOut = async (username: string): Promise<string> => {
    if (emulator) return `not signed out: the emulator has no AdminUserGlobalSignOut; tokens already issued stay valid until they expire`;
    await admin.signOutEverywhere(username);
    return `signed out everywhere: refresh tokens revoked; an access token already issued stays valid at the API until it expires (${ACCESS_TOKEN_LIFETIME})`;
  };

  try {
    if (sub === 'list') {
      const users = await admin.listUsers();
      if (users.length === 0) return { stdout: `no users in ${where}\n`, exitCode: 0 };
      const notes: string[] = [];
      const rows = users.map((u) => {
        const status = u.enabled ? u.status : `${u.status} (disabled)`;
        const id = identityFromGroups(u.groups);
        if (id.ok) return [u.email, id.identity.role, id.identity.municipality, id.identity.coordinatorId ?? '-', status, u.sub];
        notes.push(`! ${u.email}: the API refuses this account (403): it ${id.problem}; its groups: ${u.groups.filter(isIdentityGroup).join(', ') || 'none'} (users add --update sets them)`);
        return [u.email, '?', '?', '?', status, u.sub];
      });
      const listing = table(['email', 'role', 'municipality', 'directory', 'status', 'id (sub)'], rows);
      return { stdout: [listing, ...notes, `${users.length} user${users.length === 1 ? '' : 's'} in ${where}`, ''].join('\n'), exitCode: 0 };
    }

    if (sub === 'remove') {
      const email = z.email().safeParse(str('email')?.trim().toLowerCase());
      if (!email.success) return usageError('users remove: --email <the user\'s email address>');
      const existing = await admin.getUser(email.data);
      if (!existing) return failed(`users remove: no user ${email.data} in ${where}`);
      const signedOut = await signOut(existing.username);
      await admin.deleteUser(existing.username);
      return { stdout: `removed ${email.data} from ${where}\n  ${signedOut}\n`, exitCode: 0 };
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
    // The pool's groups belong to whoever made the pool (the stack on AWS, npm start locally),
    // both from the directory: a group missing here is a directory change not deployed yet.
    const poolHas = await admin.groupNames();
    const missing = groups.filter((g) => !poolHas.has(g));
    if (missing.length > 0) {
      const what = missing.map(describeGroup).join(' and ');
      return usageError(
        emulator
          ? `users add: ${what} is not in ${where} (no group ${missing.join(', ')}): npm start creates the local pool's groups from the directory; restart it after changing the directory`
          : `users add: ${what} is not in the deployed ${where} (no group ${missing.join(', ')}): the stack creates the pool's groups from the directory, so redeploy after changing the directory (npx cdk deploy --all -c deployment=…), then add the user`,
      );
    }
    const describe = `role ${user.role}, municipality ${user.municipality}${user.coordinatorId ? `, directory entry ${user.coordinatorId}` : ''}`;
    if (values.update) {
      const existing = await admin.getUser(user.email);
      if (existing) {
        const before = existing.groups.filter(isIdentityGroup);
        await admin.setIdentityGroups(existing.username, groups);
        const unchanged = before.length === groups.length && groups.every((g) => before.includes(g));
        // Unchanged groups: nothing to take back, so no one is signed out for nothing.
        const signedOut = unchanged ? 'groups unchanged: not signed out' : await signOut(existing.username);
        return {
          stdout: `updated ${user.email} in ${where}: ${describe}\n  id (sub): ${existing.sub}\n  groups:   ${groups.join(', ')}\n  was:      ${before.join(', ') || '-'}\n  ${signedOut}\n`,
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
        `  groups:   ${groups.join(', ')}`,
        temporaryPassword
          ? `  temporary password (hand it over yourself; it must be changed at first sign-in, within ${USER_POOL_SETTINGS.temporaryPasswordDays} days): ${temporaryPassword}`
          : `  Cognito emails ${user.email} a temporary password, to be changed at first sign-in within ${USER_POOL_SETTINGS.temporaryPasswordDays} days`,
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

