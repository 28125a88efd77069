import {
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { bundledDirectory, type Directory } from '../../shared/directory/directory.js';
import { groupsOf, poolGroups, type GroupSpec } from '../../shared/identity/groups.js';
import { generatePassword } from '../../shared/identity/passwords.js';
import { API_SCOPE } from '../../shared/identity/roles.js';
import { CognitoUserPoolAdmin } from '../../shared/identity/user-pool-admin.js';
import { demoUsers, type DemoUser } from './demo-users.js';
import type { RunningCognito } from './emulator.js';
import { APP_CLIENT_NAME, appClientInput, MFA_CONFIGURATION, POOL_NAME, userPoolInput } from './settings.js';
import { emulatorClient, signInWithPassword, type Tokens } from './sign-in.js';
import { readUsersFile, usersFilePath, writeUsersFile, type UsersFile } from './users-file.js';

export interface SeededUser extends DemoUser {
  password: string;
  /** The user's id, the token's `sub` (what audit entries record). */
  sub: string;
}

/** What the local HTTP server's JWT authorizer is configured with (as API Gateway's is, from the stack). */
export interface JwtAuthorizerConfig {
  issuer: string;
  jwksUri: string;
  audience: string[];
  scopes: string[];
}

export interface LocalPool {
  endpoint: string;
  region: string;
  userPoolId: string;
  clientId: string;
  issuer: string;
  jwksUri: string;
  /** Where the pool id, client id and passwords are kept (mode 0600). */
  usersFile: string;
  users: readonly SeededUser[];
  /** The configuration for createJwtAuthorizer (local/cognito/authorizer.ts). */
  authorizer: JwtAuthorizerConfig;
  user(shortName: string): SeededUser;
  /** Signs in afresh (USER_PASSWORD_AUTH). */
  signIn(shortName: string): Promise<Tokens>;
  /** The user's access token, signed in again when the last one is within 5 minutes of expiring. */
  token(shortName: string): Promise<string>;
  /** The SDK client on the emulator (admin calls in tests). */
  client: CognitoIdentityProviderClient;
  /** Lets go of the SDK client (the emulator keeps running). */
  close(): void;
}

export interface LocalPoolOptions {
  /** Default 'referrals' (POOL_NAME). A second pool in the same emulator needs another name and usersFile. */
  poolName?: string;
  /** Default: directory's demo users (local/cognito/demo-users.ts). */
  users?: readonly DemoUser[];
  directory?: Directory;
  /** Default: `<emulator data dir>/users.json`. */
  usersFile?: string;
  region?: string;
}

const RENEW_BEFORE_MS = 5 * 60_000;

async function findPool(client: CognitoIdentityProviderClient, name: string): Promise<string | undefined> {
  let next: string | undefined;
  do {
    const out = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: next }));
    const found = out.UserPools?.find((p) => p.Name === name);
    if (found?.Id) return found.Id;
    next = out.NextToken;
  } while (next);
  return undefined;
}

async function findClient(client: CognitoIdentityProviderClient, userPoolId: string, name: string): Promise<string | undefined> {
  let next: string | undefined;
  do {
    const out = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken: next }));
    const found = out.UserPoolClients?.find((c) => c.ClientName === name);
    if (found?.ClientId) return found.ClientId;
    next = out.NextToken;
  } while (next);
  return undefined;
}

/**
 * Creates the groups the pool lacks, as the stack declares them on AWS (the same poolGroups), so
 * that `npm run cli -- users add --local` finds every group it needs, as it does on AWS; a
 * municipality or coordinator added to the directory gets its group at the next start.
 */
async function createMissingGroups(client: CognitoIdentityProviderClient, admin: CognitoUserPoolAdmin, groups: readonly GroupSpec[]): Promise<void> {
  const existing = await admin.groupNames();
  for (const g of groups) {
    if (!existing.has(g.name)) await client.send(new CreateGroupCommand({ UserPoolId: admin.userPoolId, GroupName: g.name, Description: g.description }));
  }
}

/**
 * The local user pool, created on first start through the Cognito API calls a deployment's
 * pool is made of (CreateUserPool, SetUserPoolMfaConfig, CreateUserPoolClient, CreateGroup,
 * AdminCreateUser, AdminAddUserToGroup) and reused by name when the emulator's data directory
 * already holds it. The demo users are brought to their listed groups and to the passwords kept
 * in users.json (new random ones on first start), so a restart keeps everything that was printed.
 */
export async function ensureLocalPool(emulator: Pick<RunningCognito, 'endpoint' | 'dataDir' | 'issuer' | 'jwksUri'>, opts: LocalPoolOptions = {}): Promise<LocalPool> {
  const region = opts.region ?? 'eu-central-1';
  const poolName = opts.poolName ?? POOL_NAME;
  const directory = opts.directory ?? bundledDirectory();
  const wanted = opts.users ?? demoUsers(directory);
  const usersFile = opts.usersFile ?? usersFilePath(emulator.dataDir);
  const client = emulatorClient(emulator.endpoint, region);
  try {
    let userPoolId = await findPool(client, poolName);
    if (!userPoolId) {
      const created = await client.send(new CreateUserPoolCommand(userPoolInput(poolName)));
      userPoolId = created.UserPool!.Id!;
      await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: MFA_CONFIGURATION }));
    }
    const clientId = (await findClient(client, userPoolId, APP_CLIENT_NAME)) ?? (await client.send(new CreateUserPoolClientCommand(appClientInput(userPoolId)))).UserPoolClient!.ClientId!;

    const admin = new CognitoUserPoolAdmin(client, userPoolId);
    await createMissingGroups(client, admin, poolGroups(directory));

    // Passwords printed on an earlier start stay good; a user new to the list gets a new one.
    let previous: UsersFile | undefined;
    try {
      previous = readUsersFile(usersFile);
    } catch {
      previous = undefined; // unreadable: the passwords are set anew below
    }
    const users: SeededUser[] = [];
    for (const u of wanted) {
      const kept = previous?.users[u.shortName];
      const password = kept && kept.email === u.email ? kept.password : generatePassword();
      let user = await admin.getUser(u.email);
      if (!user) {
        const created = await admin.createUser(u.email, { temporaryPassword: generatePassword() });
        user = created && { ...created, email: u.email, status: 'FORCE_CHANGE_PASSWORD', enabled: true, groups: [] };
        if (!user) throw new Error(`local pool: ${u.email} could not be created`);
      }
      // Permanent: the demo users sign in straight away (a real user changes the temporary one).
      await admin.setPassword(user.username, password, true);
      await admin.setIdentityGroups(user.username, groupsOf(u));
      users.push({ ...u, password, sub: user.sub });
    }

    const issuer = emulator.issuer(userPoolId);
    const jwksUri = emulator.jwksUri(userPoolId);
    writeUsersFile(usersFile, {
      version: 1,
      endpoint: emulator.endpoint,
      region,
      poolName,
      userPoolId,
      clientId,
      issuer,
      jwksUri,
      users: Object.fromEntries(users.map((u) => [u.shortName, { email: u.email, password: u.password, role: u.role, municipality: u.municipality, ...(u.coordinatorId ? { coordinatorId: u.coordinatorId } : {}) }])),
    });

    const byName = new Map(users.map((u) => [u.shortName, u]));
    const user = (shortName: string) => {
      const u = byName.get(shortName);
      if (!u) throw new Error(`no demo user ${JSON.stringify(shortName)}; the short names: ${[...byName.keys()].join(', ')}`);
      return u;
    };
    const cache = new Map<string, Promise<Tokens>>();
    const signIn = (shortName: string) => {
      const u = user(shortName);
      return signInWithPassword(client, clientId, u.email, u.password);
    };
    return {
      endpoint: emulator.endpoint,
      region,
      userPoolId,
      clientId,
      issuer,
      jwksUri,
      usersFile,
      users,
      authorizer: { issuer, jwksUri, audience: [clientId], scopes: [API_SCOPE] },
      user,
      signIn,
      async token(shortName) {
        let pending = cache.get(shortName);
        if (pending) {
          const tokens = await pending.catch(() => undefined);
          // Real time, not the stack's movable clock: the emulator and the authorizer both use it.
          if (tokens && tokens.expiresAt - Date.now() > RENEW_BEFORE_MS) return tokens.accessToken;
        }
        pending = signIn(shortName);
        cache.set(shortName, pending);
        return (await pending).accessToken;
      },
      client,
      close: () => client.destroy(),
    };
  } catch (e) {
    client.destroy();
    throw e;
  }
}

/** The lines `npm start` prints about sign-in: each demo user's short name, email, password and groups. */
export function describeUsers(pool: Pick<LocalPool, 'users' | 'usersFile'>): string[] {
  const rows = pool.users.map((u) => [u.shortName, u.email, u.password, `${u.role}, ${u.municipality}${u.coordinatorId ? `, ${u.coordinatorId}` : ''}`]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return [
    ...rows.map((r) => `    ${r.slice(0, 3).map((c, i) => c.padEnd(widths[i]!)).join('  ')}  ${r[3]}`),
    `    (kept in ${pool.usersFile}; a token: npm run cli -- token <short name>)`,
  ];
}
