import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdminUserGlobalSignOutCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import { groupsOf, identityFromGroups, poolGroups, type UserIdentity } from '../../../shared/identity/groups.js';
import { generatePassword } from '../../../shared/identity/passwords.js';
import { USER_POOL_SETTINGS } from '../../../shared/identity/pool-settings.js';
import { ROLES } from '../../../shared/domain/actor.js';
import { nationalScopeProblem } from '../../../shared/identity/roles.js';
import { CognitoUserPoolAdmin } from '../../../shared/identity/user-pool-admin.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('poolGroups: the one list of the pool\'s groups', () => {
  const groups = poolGroups(bundledDirectory());

  it('one per role, per directory municipality, municipality:*, per directory coordinator; each described, no name twice', () => {
    const names = groups.map((g) => g.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['role:coordinator', 'role:head', 'role:viewer', 'role:operator', 'municipality:obiliq', 'municipality:partesh', 'municipality:*', 'directory:obiliq-zkkk-01', 'directory:partesh-okzp-01']));
    const coordinators = bundledDirectory().municipalities().flatMap((m) => m.coordinators).length;
    expect(names).toHaveLength(ROLES.length + bundledDirectory().municipalities().length + 1 + coordinators);
    for (const g of groups) expect(g.description.length, g.name).toBeGreaterThan(10);
    expect(groups.find((g) => g.name === 'municipality:*')!.description).toMatch(/viewer or operator only/);
  });

  it('every demo-style identity is made of pool groups only', () => {
    const names = new Set(groups.map((g) => g.name));
    for (const g of groupsOf({ role: 'coordinator', municipality: 'obiliq', coordinatorId: 'obiliq-zkkk-02' })) expect(names.has(g), g).toBe(true);
  });
});

describe('groupsOf and identityFromGroups', () => {
  it.each<UserIdentity>([
    { role: 'coordinator', municipality: 'obiliq', coordinatorId: 'obiliq-zkkk-01' },
    { role: 'head', municipality: 'partesh' },
    { role: 'viewer', municipality: '*' },
    { role: 'operator', municipality: '*' },
  ])('round-trip %o', (identity) => {
    expect(identityFromGroups(groupsOf(identity))).toEqual({ ok: true, identity });
  });

  it('ignores groups of other kinds and reads in any order', () => {
    expect(identityFromGroups(['console-beta', 'municipality:obiliq', 'role:head'])).toEqual({ ok: true, identity: { role: 'head', municipality: 'obiliq' } });
  });

  it.each([
    ['no role', ['municipality:obiliq']],
    ['an unknown role', ['municipality:obiliq', 'role:admin']],
    ['two roles', ['municipality:obiliq', 'role:coordinator', 'role:head']],
    ['no municipality', ['role:head']],
    ['two municipalities', ['municipality:obiliq', 'municipality:partesh', 'role:head']],
    ['two directory entries', ['municipality:obiliq', 'role:coordinator', 'directory:a', 'directory:b']],
  ])('refuses %s', (_label, groups) => {
    expect(identityFromGroups(groups)).toEqual({ ok: false, problem: 'needs exactly one role and one municipality' });
  });

  it.each(['coordinator', 'head'] as const)('refuses * with %s (household data everywhere)', (role) => {
    const out = identityFromGroups([`role:${role}`, 'municipality:*']);
    expect(out).toEqual({ ok: false, problem: `has role ${role} with municipality *: * (every municipality) is for viewer and operator only: a ${role} sees household data, so acts in one municipality` });
  });
});

describe('nationalScopeProblem', () => {
  it('* only for viewer and operator; any role in one municipality', () => {
    for (const role of ROLES) expect(nationalScopeProblem({ role, municipality: 'obiliq' }), role).toBeUndefined();
    expect(nationalScopeProblem({ role: 'viewer', municipality: '*' })).toBeUndefined();
    expect(nationalScopeProblem({ role: 'operator', municipality: '*' })).toBeUndefined();
    expect(nationalScopeProblem({ role: 'coordinator', municipality: '*' })).toMatch(/viewer and operator only/);
    expect(nationalScopeProblem({ role: 'head', municipality: '*' })).toMatch(/a head sees household data/);
  });
});

describe('generatePassword', () => {
  it('meets the pool policy', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[-.+=_])[A-Za-z\d.+=_-]+$/);
      expect(p.length).toBeGreaterThanOrEqual(USER_POOL_SETTINGS.passwordMinLength);
    }
    expect(generatePassword(4).length).toBe(USER_POOL_SETTINGS.passwordMinLength);
  });
});

describe('CognitoUserPoolAdmin', () => {
  it('signOutEverywhere sends AdminUserGlobalSignOut for the user', async () => {
    const sent: unknown[] = [];
    const client = { send: async (command: unknown) => (sent.push(command), {}) } as unknown as CognitoIdentityProviderClient;
    await new CognitoUserPoolAdmin(client, 'eu-central-1_X').signOutEverywhere('u-1');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(AdminUserGlobalSignOutCommand);
    expect((sent[0] as AdminUserGlobalSignOutCommand).input).toEqual({ UserPoolId: 'eu-central-1_X', Username: 'u-1' });
  });
});

describe('who imports whom', () => {
  /** The relative imports of every .ts file under `dir`. */
  function importsUnder(dir: string): { file: string; target: string }[] {
    const out: { file: string; target: string }[] = [];
    for (const entry of readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (!entry.endsWith('.ts')) continue;
      const file = join(dir, entry);
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) out.push({ file, target: join(file, '..', m[1]!) });
    }
    return out;
  }

  it('local/ never imports cli/ (the admin client, the groups and passwords are in shared/identity/)', () => {
    expect(importsUnder('local').filter((i) => i.target.startsWith('cli/'))).toEqual([]);
  });

  it('shared/identity/ imports neither cli/ nor local/ nor infra/', () => {
    expect(importsUnder('shared/identity').filter((i) => /^(cli|local|infra)\//.test(i.target))).toEqual([]);
  });

  it('cli/users.ts reads of local/ only the local pool\'s file and the emulator\'s sign-in (for --local and token)', () => {
    const fromLocal = importsUnder('cli').filter((i) => i.file === join('cli', 'users.ts') && i.target.startsWith('local/'));
    expect(fromLocal.map((i) => i.target).sort()).toEqual(['local/cognito/sign-in.js', 'local/cognito/users-file.js']);
  });
});
