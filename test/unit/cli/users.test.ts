import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runToken, runUsers, TOKEN_USAGE, USERS_USAGE, type PoolUser, type UserPoolAdmin } from '../../../cli/users.js';
import { run, USAGE } from '../../../cli/commands.js';
import { writeUsersFile, type UsersFile } from '../../../local/cognito/users-file.js';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import { poolGroups } from '../../../shared/identity/groups.js';

/**
 * An in-memory user pool, standing in for the Cognito admin API (the emulator runs the real one in
 * test/integration/sign-in.test.ts). It has the groups the stack declares, unless told otherwise;
 * the admin port cannot create one.
 */
function fakePool(initial: PoolUser[] = [], groupNames: readonly string[] = poolGroups(bundledDirectory()).map((g) => g.name)) {
  const groups = new Set<string>(groupNames);
  const users = new Map(initial.map((u) => [u.email, { ...u }]));
  const calls: string[] = [];
  const admin: UserPoolAdmin = {
    async groupNames() {
      return new Set(groups);
    },
    async createUser(email, opts) {
      calls.push(`create ${email} ${opts.temporaryPassword ? 'with a temporary password' : 'invited by email'}`);
      if (users.has(email)) return undefined;
      const u = { username: `uuid-${users.size + 1}`, email, sub: `uuid-${users.size + 1}`, status: 'FORCE_CHANGE_PASSWORD', enabled: true, groups: [] };
      users.set(email, u);
      return { username: u.username, sub: u.sub };
    },
    async getUser(email) {
      return users.get(email);
    },
    async setIdentityGroups(username, wanted) {
      const u = [...users.values()].find((x) => x.username === username)!;
      for (const g of wanted) if (!groups.has(g)) throw new Error(`GroupNotFound ${g}`);
      u.groups = [...wanted];
    },
    async setPassword() {},
    async listUsers() {
      return [...users.values()];
    },
    async signOutEverywhere(username) {
      calls.push(`sign out ${username}`);
    },
    async deleteUser(username) {
      calls.push(`delete ${username}`);
      const u = [...users.values()].find((x) => x.username === username)!;
      users.delete(u.email);
    },
  };
  const pools: { userPoolId: string; endpoint?: string }[] = [];
  return { groups, users, calls, pools, admin: (p: { userPoolId: string; endpoint?: string }) => (pools.push(p), admin) };
}

const dir = mkdtempSync(join(tmpdir(), 'users-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const localFile: UsersFile = {
  version: 1,
  endpoint: 'http://127.0.0.1:9229',
  region: 'eu-central-1',
  poolName: 'referrals',
  userPoolId: 'local_abc',
  clientId: 'client123',
  issuer: 'http://127.0.0.1:9229/local_abc',
  jwksUri: 'http://127.0.0.1:9229/local_abc/.well-known/jwks.json',
  users: { 'obiliq-coordinator': { email: 'obiliq-coordinator@demo.referrals.example.org', password: 'Pw-12345678abcD', role: 'coordinator', municipality: 'obiliq', coordinatorId: 'obiliq-zkkk-01' } },
};
const usersFile = join(dir, 'users.json');
writeUsersFile(usersFile, localFile);

const POOL = ['--user-pool-id', 'eu-central-1_AbCdEf'];

describe('npm run cli -- users add', () => {
  it('on AWS: creates the user by email, Cognito emails the invitation; groups for role, municipality, directory entry', async () => {
    const pool = fakePool();
    const out = await runUsers(['add', '--email', ' Vjosa.Krasniqi@Obiliq.example.org ', '--role', 'coordinator', '--municipality', 'obiliq', '--coordinator', 'obiliq-zkkk-02', ...POOL], { admin: pool.admin });
    expect(out.exitCode).toBe(0);
    expect(pool.pools).toEqual([{ userPoolId: 'eu-central-1_AbCdEf' }]);
    expect(pool.calls).toEqual(['create vjosa.krasniqi@obiliq.example.org invited by email']);
    expect(pool.users.get('vjosa.krasniqi@obiliq.example.org')!.groups).toEqual(['role:coordinator', 'municipality:obiliq', 'directory:obiliq-zkkk-02']);
    expect(out.stdout).toContain('added vjosa.krasniqi@obiliq.example.org to pool eu-central-1_AbCdEf: role coordinator, municipality obiliq, directory entry obiliq-zkkk-02');
    expect(out.stdout).toContain('  groups:   role:coordinator, municipality:obiliq, directory:obiliq-zkkk-02\n');
    expect(out.stdout).toContain('Cognito emails vjosa.krasniqi@obiliq.example.org a temporary password');
    expect(out.stdout).not.toMatch(/temporary password \(/);
  });

  it('--temporary-password, or any emulator (--endpoint, --local): makes the temporary password and prints it; env USER_POOL_ID names the pool', async () => {
    const pool = fakePool();
    const generatePassword = () => 'Temp-Pass-1234';
    const aws = await runUsers(['add', '--email', 'drpr@ministry.example.org', '--role', 'viewer', '--municipality', '*', '--temporary-password'], { admin: pool.admin, env: { USER_POOL_ID: 'eu-central-1_Env' }, generatePassword });
    expect(aws.stdout).toContain('temporary password (hand it over yourself; it must be changed at first sign-in, within 3 days): Temp-Pass-1234');
    expect(pool.users.get('drpr@ministry.example.org')!.groups).toEqual(['role:viewer', 'municipality:*']);
    const local = await runUsers(['add', '--email', 'ops@example.org', '--role', 'operator', '--municipality', '*', '--local'], { admin: pool.admin, usersFile, generatePassword });
    expect(local.stdout).toContain('to pool local_abc at http://127.0.0.1:9229');
    expect(local.stdout).toContain('Temp-Pass-1234');
    const emulator = await runUsers(['add', '--email', 'h@example.org', '--role', 'head', '--municipality', 'partesh', ...POOL, '--endpoint', 'http://127.0.0.1:9339'], { admin: pool.admin, generatePassword });
    expect(emulator.stdout).toContain('Temp-Pass-1234');
    expect(pool.pools).toEqual([{ userPoolId: 'eu-central-1_Env' }, { userPoolId: 'local_abc', endpoint: 'http://127.0.0.1:9229' }, { userPoolId: 'eu-central-1_AbCdEf', endpoint: 'http://127.0.0.1:9339' }]);
    expect(pool.calls.every((c) => c.endsWith('with a temporary password'))).toBe(true);
  });

  it('checks the role, the municipality and the directory entry against ROLES and the directory (exit 2, naming the option)', async () => {
    const pool = fakePool();
    const add = (...args: string[]) => runUsers(['add', ...args, ...POOL], { admin: pool.admin });
    const cases: [string[], RegExp][] = [
      [['--email', 'x@example.org', '--role', 'admin', '--municipality', 'obiliq'], /--role: one of coordinator, head, viewer, operator/],
      [['--email', 'x@example.org', '--role', 'head', '--municipality', 'prishtina'], /--municipality: a directory municipality \(obiliq, partesh\) or \*/],
      [['--email', 'not-an-email', '--role', 'head', '--municipality', 'obiliq'], /--email: an email address/],
      [['--role', 'head', '--municipality', 'obiliq'], /--email/],
      [['--email', 'x@example.org', '--role', 'coordinator', '--municipality', 'obiliq', '--coordinator', 'partesh-okzp-01'], /--coordinator: not a coordinator of obiliq in the directory; one of: obiliq-zkkk-01, obiliq-zkkk-02/],
      [['--email', 'x@example.org', '--role', 'viewer', '--municipality', 'obiliq', '--coordinator', 'obiliq-zkkk-01'], /--coordinator: only a coordinator or a head/],
      [['--email', 'x@example.org', '--role', 'head', '--municipality', '*', '--coordinator', 'obiliq-zkkk-01'], /--coordinator: a directory entry belongs to one municipality/],
      // * is national: viewer and operator only, never a role that sees households
      [['--email', 'x@example.org', '--role', 'head', '--municipality', '*'], /--municipality: \* \(every municipality\) is for viewer and operator only: a head sees household data/],
      [['--email', 'x@example.org', '--role', 'coordinator', '--municipality', '*'], /--municipality: \* \(every municipality\) is for viewer and operator only: a coordinator sees household data/],
    ];
    for (const [args, message] of cases) {
      const out = await add(...args);
      expect(out.exitCode, args.join(' ')).toBe(2);
      expect(out.stdout).toMatch(message);
    }
    expect(pool.calls).toEqual([]);
  });

  it('refuses an existing user (exit 1) and leaves their groups alone', async () => {
    const pool = fakePool([{ username: 'u1', email: 'a@example.org', sub: 'u1', status: 'CONFIRMED', enabled: true, groups: ['role:head', 'municipality:obiliq'] }]);
    const out = await runUsers(['add', '--email', 'a@example.org', '--role', 'viewer', '--municipality', 'partesh', ...POOL], { admin: pool.admin });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain('is a user of pool eu-central-1_AbCdEf already');
    expect(pool.users.get('a@example.org')!.groups).toEqual(['role:head', 'municipality:obiliq']);
    expect(out.stdout).toContain('add --update changes them');
  });

  it('--update: an existing user gets the new groups, keeps their id and is signed out everywhere (access tokens last up to 1 hour); a new one is added as usual', async () => {
    const pool = fakePool([{ username: 'u1', email: 'a@example.org', sub: 'sub-1', status: 'CONFIRMED', enabled: true, groups: ['role:coordinator', 'municipality:obiliq', 'directory:obiliq-zkkk-01', 'console-beta'] }]);
    const out = await runUsers(['add', '--email', 'a@example.org', '--role', 'head', '--municipality', 'obiliq', '--update', ...POOL], { admin: pool.admin });
    expect(out).toEqual({
      stdout:
        'updated a@example.org in pool eu-central-1_AbCdEf: role head, municipality obiliq\n  id (sub): sub-1\n  groups:   role:head, municipality:obiliq\n  was:      role:coordinator, municipality:obiliq, directory:obiliq-zkkk-01\n' +
        '  signed out everywhere: refresh tokens revoked; an access token already issued stays valid at the API until it expires (up to 1 hour)\n',
      exitCode: 0,
    });
    expect(pool.users.get('a@example.org')!.groups).toEqual(['role:head', 'municipality:obiliq']);
    expect(pool.calls).toEqual(['sign out u1']);
    // the same groups again: nothing to take back, nobody signed out
    const same = await runUsers(['add', '--email', 'a@example.org', '--role', 'head', '--municipality', 'obiliq', '--update', ...POOL], { admin: pool.admin });
    expect(same.stdout).toContain('  groups unchanged: not signed out\n');
    expect(pool.calls).toEqual(['sign out u1']);
    expect((await runUsers(['add', '--email', 'new@example.org', '--role', 'viewer', '--municipality', 'obiliq', '--update', ...POOL], { admin: pool.admin })).stdout).toMatch(/^added new@example.org/);
  });

  it('never creates a group: one the deployed pool lacks (a directory change not deployed yet) is refused, exit 2, nothing created', async () => {
    const all = poolGroups(bundledDirectory()).map((g) => g.name);
    const pool = fakePool([], all.filter((g) => g !== 'municipality:partesh' && g !== 'directory:obiliq-zkkk-02'));
    const municipality = await runUsers(['add', '--email', 'x@example.org', '--role', 'head', '--municipality', 'partesh', ...POOL], { admin: pool.admin });
    expect(municipality).toEqual({
      stdout:
        'users add: municipality partesh is not in the deployed pool eu-central-1_AbCdEf (no group municipality:partesh): the stack creates the pool\'s groups from the directory, so redeploy after changing the directory (npx cdk deploy --all -c deployment=…), then add the user\n',
      exitCode: 2,
    });
    const coordinator = await runUsers(['add', '--email', 'x@example.org', '--role', 'coordinator', '--municipality', 'obiliq', '--coordinator', 'obiliq-zkkk-02', '--update', ...POOL], { admin: pool.admin });
    expect(coordinator.exitCode).toBe(2);
    expect(coordinator.stdout).toMatch(/^users add: coordinator obiliq-zkkk-02 \(directory entry\) is not in the deployed pool/);
    // the emulator's pool is made with every group by npm start: restarting it is the remedy there
    const local = await runUsers(['add', '--email', 'x@example.org', '--role', 'head', '--municipality', 'partesh', '--local'], { admin: pool.admin, usersFile });
    expect(local).toMatchObject({ exitCode: 2, stdout: expect.stringContaining('is not in pool local_abc at http://127.0.0.1:9229 (no group municipality:partesh): npm start creates the local pool\'s groups from the directory; restart it') });
    expect(pool.calls).toEqual([]);
    expect(pool.users.size).toBe(0);
  });

  it('against an emulator (--local, --endpoint), --update does not sign out: cognito-local has no AdminUserGlobalSignOut', async () => {
    const pool = fakePool([{ username: 'u1', email: 'a@example.org', sub: 'sub-1', status: 'CONFIRMED', enabled: true, groups: ['role:coordinator', 'municipality:obiliq'] }]);
    const local = await runUsers(['add', '--email', 'a@example.org', '--role', 'head', '--municipality', 'obiliq', '--update', '--local'], { admin: pool.admin, usersFile });
    expect(local.stdout).toContain('  not signed out: the emulator has no AdminUserGlobalSignOut; tokens already issued stay valid until they expire\n');
    const endpoint = await runUsers(['add', '--email', 'a@example.org', '--role', 'viewer', '--municipality', 'obiliq', '--update', ...POOL, '--endpoint', 'http://127.0.0.1:9339'], { admin: pool.admin });
    expect(endpoint.stdout).toContain('not signed out');
    expect(pool.calls).toEqual([]);
    expect(pool.users.get('a@example.org')!.groups).toEqual(['role:viewer', 'municipality:obiliq']);
  });

  it('which pool: none given is a usage error; --local without a running local platform says to start it; both is an error', async () => {
    const pool = fakePool();
    expect(await runUsers(['list'], { admin: pool.admin, env: {} })).toMatchObject({ exitCode: 2, stdout: expect.stringContaining('which pool?') });
    expect(await runUsers(['list', '--local'], { admin: pool.admin, usersFile: join(dir, 'missing.json') })).toMatchObject({ exitCode: 1, stdout: expect.stringContaining('start it with npm start') });
    expect((await runUsers(['list', '--local', ...POOL], { admin: pool.admin, usersFile })).exitCode).toBe(2);
  });

  it('reports a failing Cognito call with exit 1', async () => {
    const pool = fakePool();
    const broken: UserPoolAdmin = { ...pool.admin(({ userPoolId: 'x' })), listUsers: async () => { throw Object.assign(new Error('User pool eu-central-1_AbCdEf does not exist.'), { name: 'ResourceNotFoundException' }); } };
    const out = await runUsers(['list', ...POOL], { admin: () => broken });
    expect(out).toEqual({ stdout: 'users list: pool eu-central-1_AbCdEf: ResourceNotFoundException: User pool eu-central-1_AbCdEf does not exist.\n', exitCode: 1 });
  });
});

describe('npm run cli -- users list | remove', () => {
  it('list: one line per user with role, municipality, directory entry, status and id', async () => {
    const pool = fakePool([
      { username: 'u2', email: 'b@example.org', sub: 'sub-2', status: 'CONFIRMED', enabled: false, groups: ['role:viewer', 'municipality:*'] },
      { username: 'u1', email: 'a@example.org', sub: 'sub-1', status: 'FORCE_CHANGE_PASSWORD', enabled: true, groups: ['municipality:obiliq', 'role:coordinator', 'directory:obiliq-zkkk-01', 'other'] },
    ]);
    const out = await runUsers(['list', ...POOL], { admin: pool.admin });
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^email\s+role\s+municipality\s+directory\s+status\s+id \(sub\)$/);
    expect(lines[2]).toMatch(/^b@example.org\s+viewer\s+\*\s+-\s+CONFIRMED \(disabled\)\s+sub-2$/);
    expect(lines[3]).toMatch(/^a@example.org\s+coordinator\s+obiliq\s+obiliq-zkkk-01\s+FORCE_CHANGE_PASSWORD\s+sub-1$/);
    expect(lines.at(-1)).toBe('2 users in pool eu-central-1_AbCdEf');
  });

  it('list: an account the API would refuse (read as the API reads it) shows ? and says why', async () => {
    const pool = fakePool([
      { username: 'u1', email: 'a@example.org', sub: 'sub-1', status: 'CONFIRMED', enabled: true, groups: ['role:coordinator', 'role:head', 'municipality:obiliq'] },
      { username: 'u2', email: 'b@example.org', sub: 'sub-2', status: 'CONFIRMED', enabled: true, groups: ['role:head', 'municipality:*'] },
    ]);
    const lines = (await runUsers(['list', ...POOL], { admin: pool.admin })).stdout.trimEnd().split('\n');
    expect(lines[2]).toMatch(/^a@example.org\s+\?\s+\?\s+\?\s+CONFIRMED\s+sub-1$/);
    expect(lines[3]).toMatch(/^b@example.org\s+\?\s+\?\s+\?\s+CONFIRMED\s+sub-2$/);
    expect(lines[4]).toBe('! a@example.org: the API refuses this account (403): it needs exactly one role and one municipality; its groups: role:coordinator, role:head, municipality:obiliq (users add --update sets them)');
    expect(lines[5]).toMatch(/^! b@example.org: the API refuses this account \(403\): it has role head with municipality \*: \* \(every municipality\) is for viewer and operator only/);
    expect((await runUsers(['list', ...POOL], { admin: fakePool().admin })).stdout).toBe('no users in pool eu-central-1_AbCdEf\n');
  });

  it('remove: by email, signed out everywhere first (access tokens last up to 1 hour); no such user is exit 1', async () => {
    const pool = fakePool([{ username: 'u1', email: 'a@example.org', sub: 'sub-1', status: 'CONFIRMED', enabled: true, groups: [] }]);
    expect(await runUsers(['remove', '--email', 'A@example.org', ...POOL], { admin: pool.admin })).toEqual({
      stdout: 'removed a@example.org from pool eu-central-1_AbCdEf\n  signed out everywhere: refresh tokens revoked; an access token already issued stays valid at the API until it expires (up to 1 hour)\n',
      exitCode: 0,
    });
    expect(pool.calls).toEqual(['sign out u1', 'delete u1']);
    expect(pool.users.size).toBe(0);
    expect((await runUsers(['remove', '--email', 'a@example.org', ...POOL], { admin: pool.admin })).exitCode).toBe(1);
    expect((await runUsers(['remove', ...POOL], { admin: pool.admin })).exitCode).toBe(2);
    expect(pool.calls).toEqual(['sign out u1', 'delete u1']);
  });

  it('remove against the emulator deletes without signing out (no AdminUserGlobalSignOut there)', async () => {
    const pool = fakePool([{ username: 'u1', email: 'a@example.org', sub: 'sub-1', status: 'CONFIRMED', enabled: true, groups: [] }]);
    const out = await runUsers(['remove', '--email', 'a@example.org', '--local'], { admin: pool.admin, usersFile });
    expect(out.stdout).toContain('not signed out: the emulator has no AdminUserGlobalSignOut');
    expect(pool.calls).toEqual(['delete u1']);
  });

  it('help, unknown subcommands and options', async () => {
    expect(await runUsers([])).toEqual({ stdout: USERS_USAGE, exitCode: 0 });
    expect(await runUsers(['help'])).toEqual({ stdout: USERS_USAGE, exitCode: 0 });
    expect(USERS_USAGE).toContain('for viewer and operator only');
    expect(USERS_USAGE).toContain('redeploy after changing the directory');
    expect(USERS_USAGE).toContain('(AdminUserGlobalSignOut)');
    expect(USERS_USAGE.match(/up to 1 hour/g)).toHaveLength(2); // --update and remove
    expect((await runUsers(['rename', ...POOL])).exitCode).toBe(2);
    expect((await runUsers(['list', '--bogus'])).exitCode).toBe(2);
    expect(run(['help']).stdout).toContain('users add|list|remove');
    expect(USAGE).toContain('token <short name>');
  });
});

describe('npm run cli -- token <short name>', () => {
  const header = Buffer.from('{"alg":"RS256","kid":"CognitoLocal"}').toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: 'sub-1', 'cognito:groups': ['directory:obiliq-zkkk-01', 'municipality:obiliq', 'role:coordinator'], exp: 1767229200 })).toString('base64url');
  const accessToken = `${header}.${payload}.sig`;

  it('signs in with the kept password and prints the access token alone on the last line', async () => {
    const seen: string[] = [];
    const out = await runToken(['obiliq-coordinator'], {
      usersFile,
      signIn: async (file, email, password) => {
        seen.push(`${file.clientId} ${email} ${password}`);
        return { accessToken, idToken: 'id', refreshToken: 'r', expiresAt: 1767229200_000 };
      },
    });
    expect(out.exitCode).toBe(0);
    expect(seen).toEqual(['client123 obiliq-coordinator@demo.referrals.example.org Pw-12345678abcD']);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(accessToken);
    expect(lines[0]).toBe('# obiliq-coordinator: obiliq-coordinator@demo.referrals.example.org, directory:obiliq-zkkk-01 municipality:obiliq role:coordinator; sub sub-1; access token valid until 2026-01-01T01:00:00.000Z');
  });

  it('npm start not running: no users file (exit 1), or nothing answering at its endpoint (exit 1), each saying so', async () => {
    const missing = await runToken(['obiliq-coordinator'], { usersFile: join(dir, 'nope.json') });
    expect(missing).toEqual({ stdout: `token: ${join(dir, 'nope.json')} is missing: start the local platform first (npm start), then try again\n`, exitCode: 1 });
    const refused = await runToken(['obiliq-coordinator'], {
      usersFile,
      signIn: async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9229'), { code: 'ECONNREFUSED' }) });
      },
    });
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain('the Cognito emulator does not answer at http://127.0.0.1:9229: is npm start running?');
    const wrong = await runToken(['obiliq-coordinator'], { usersFile, signIn: async () => { throw Object.assign(new Error('Incorrect username or password.'), { name: 'NotAuthorizedException' }); } });
    expect(wrong.stdout).toBe('token: sign-in of obiliq-coordinator (obiliq-coordinator@demo.referrals.example.org) failed: Incorrect username or password.\n');
  });

  it('an unknown short name lists the known ones (exit 2); a damaged file is exit 1; help', async () => {
    expect(await runToken(['obiliq-mayor'], { usersFile })).toEqual({ stdout: 'token: no demo user "obiliq-mayor"; the short names: obiliq-coordinator\n', exitCode: 2 });
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, '{"version":1}');
    expect(await runToken(['obiliq-coordinator'], { usersFile: damaged })).toMatchObject({ exitCode: 1, stdout: expect.stringContaining(`token: ${damaged}: `) });
    expect((await runToken([])).exitCode).toBe(2);
    expect(await runToken(['--help'])).toEqual({ stdout: TOKEN_USAGE, exitCode: 0 });
  });
});
