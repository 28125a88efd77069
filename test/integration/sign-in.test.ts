import { readFileSync, statSync } from 'node:fs';
import { AdminUserGlobalSignOutCommand, CreateUserPoolClientCommand, InitiateAuthCommand, ListGroupsCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToken, runUsers } from '../../cli/users.js';
import { createJwtAuthorizer, type AuthorizerResult, type JwtAuthorizer } from '../../local/cognito/authorizer.js';
import { demoUsers } from '../../local/cognito/demo-users.js';
import { COGNITO_LOCAL_PRIVATE_KEY, startCognitoEmulator, type RunningCognito } from '../../local/cognito/emulator.js';
import { CognitoError, signIn as consoleSignIn } from '../../web/src/lib/cognito.js';
import { ensureLocalPool, type LocalPool } from '../../local/cognito/pool.js';
import { appClientInput } from '../../local/cognito/settings.js';
import { decodePayload, signInWithPassword } from '../../local/cognito/sign-in.js';
import { readUsersFile } from '../../local/cognito/users-file.js';
import { callerOf } from '../../shared/identity/caller.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { poolGroups } from '../../shared/identity/groups.js';
import { startHttpServer, type RunningHttp } from '../../local/http-server.js';

/**
 * Sign-in against the real Cognito emulator (cognito-local, one per file, in a temporary data
 * directory): every seeded demo user signs in and the local JWT authorizer hands the API their
 * groups; the tokens issue 13 names (expired, tampered, another pool's, another client's, an id
 * token) are answered 401 without the handler behind the authorizer running.
 */
let emulator: RunningCognito;
let pool: LocalPool;
let authorize: JwtAuthorizer;

/** A handler behind the authorizer, as the local HTTP server puts one: it counts what reaches it. */
const reached: Record<string, string>[] = [];
async function call(token: string | undefined): Promise<AuthorizerResult> {
  const r = await authorize(token === undefined ? {} : { authorization: `Bearer ${token}` });
  if (r.ok) reached.push(r.claims);
  return r;
}
/** Handler invocations behind the local HTTP server (the same server `npm start` runs), by route. */
let handled = 0;
let http: RunningHttp;
async function expectRefused(token: string, why: RegExp): Promise<void> {
  const before = reached.length;
  const r = await call(token);
  expect(r).toMatchObject({ ok: false, status: 401 });
  if (!r.ok) expect(r.message).toMatch(why);
  expect(reached.length).toBe(before);
  // And through the HTTP server: 401 with its reason, and the handler never runs.
  const invoked = handled;
  const res = await fetch(`${http.endpoint}/probe`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(401);
  expect(((await res.json()) as { message: string }).message).toMatch(why);
  expect(handled).toBe(invoked);
}

/** The API's view of the caller, from the claims exactly as the authorizer hands them on. */
function callerFrom(claims: Record<string, string>) {
  const event = { requestContext: { authorizer: { jwt: { claims, scopes: [] } } } } as unknown as APIGatewayProxyEventV2;
  return callerOf(event, []);
}

beforeAll(async () => {
  // Its start is bounded by startCognitoEmulator itself (30 s, failing by name); how fast it
  // starts is not asserted here, as a loaded machine's timing would make that a matter of chance.
  emulator = await startCognitoEmulator();
  pool = await ensureLocalPool(emulator);
  authorize = createJwtAuthorizer(pool.authorizer);
  http = await startHttpServer(0, [
    {
      method: 'GET',
      path: '/probe',
      functionName: 'probe',
      authorize,
      handler: async () => {
        handled++;
        return { statusCode: 200, body: '{}' };
      },
    },
  ]);
});
afterAll(async () => {
  await http?.stop();
  pool?.close();
  await emulator?.stop();
});

describe('the local user pool', () => {
  it("tells the console's sign-in a wrong password as such, not as a password too weak (cognito-local's word for it)", async () => {
    const u = pool.user('obiliq-coordinator');
    const settings = { endpoint: emulator.endpoint, region: 'eu-central-1', clientId: pool.clientId };
    const refused = await consoleSignIn(settings, u.email, `${u.password}-not`).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(CognitoError);
    expect((refused as CognitoError).code).toBe('NotAuthorizedException');
    // The right one still signs in.
    expect((await consoleSignIn(settings, u.email, u.password)).kind).toBe('signed-in');
  });

  it('starts, and is kept with its passwords in users.json (0600) under the data directory', () => {
    const file = readUsersFile(pool.usersFile)!;
    expect(statSync(pool.usersFile).mode & 0o777).toBe(0o600);
    expect(file).toMatchObject({ endpoint: emulator.endpoint, userPoolId: pool.userPoolId, clientId: pool.clientId, issuer: `${emulator.endpoint}/${pool.userPoolId}` });
    expect(Object.keys(file.users).sort()).toEqual(demoUsers().map((u) => u.shortName).sort());
    for (const u of Object.values(file.users)) expect(u.password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z\d]).{12,}$/);
  });

  it("has the stack's groups: poolGroups, the same names and descriptions", async () => {
    const out = await pool.client.send(new ListGroupsCommand({ UserPoolId: pool.userPoolId, Limit: 60 }));
    const groups = (out.Groups ?? []).map((g) => ({ name: g.GroupName, description: g.Description }));
    expect(groups.sort((a, b) => a.name!.localeCompare(b.name!))).toEqual(poolGroups(bundledDirectory()).sort((a, b) => a.name.localeCompare(b.name)));
  });

  it('has no AdminUserGlobalSignOut (cognito-local): users remove and add --update skip it against an emulator', async () => {
    // When a cognito-local release adds it, this fails: then let cli/users.ts call it there too.
    await expect(pool.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool.userPoolId, Username: pool.user('obiliq-viewer').email }))).rejects.toThrow(/Unsupported/i);
  });

  it('is reused by name on a second start: same pool, client, users and passwords', async () => {
    const again = await ensureLocalPool(emulator);
    try {
      expect([again.userPoolId, again.clientId]).toEqual([pool.userPoolId, pool.clientId]);
      expect(again.users.map((u) => [u.shortName, u.password, u.sub])).toEqual(pool.users.map((u) => [u.shortName, u.password, u.sub]));
      expect((await again.signIn('obiliq-head')).accessToken).toBeTruthy();
    } finally {
      again.close();
    }
  });
});

describe('each seeded user signs in, and the API reads their role, municipality and directory entry', () => {
  it.each(demoUsers().map((u) => [u.shortName, u] as const))('%s', async (shortName, u) => {
    const tokens = await pool.signIn(shortName);
    const r = await call(tokens.accessToken);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scopes).toEqual(['aws.cognito.signin.user.admin']);
    expect(r.claims).toMatchObject({ token_use: 'access', client_id: pool.clientId, iss: pool.issuer, sub: pool.user(shortName).sub });
    expect(r.claims['cognito:groups']).toMatch(/^\[.*\]$/); // flattened, as API Gateway hands it on
    const caller = callerFrom(r.claims);
    expect(caller).toEqual({
      ok: true,
      caller: { id: `user:${pool.user(shortName).sub}`, role: u.role, municipality: u.municipality, ...(u.coordinatorId ? { coordinatorId: u.coordinatorId } : {}) },
    });
  });

  it('token() keeps a token while it is good for more than 5 minutes', async () => {
    const a = await pool.token('partesh-coordinator');
    expect(await pool.token('partesh-coordinator')).toBe(a);
    expect(decodePayload(a).exp as number).toBeGreaterThan(Date.now() / 1000 + 55 * 60); // an hour
  });
});

describe('tokens that get 401, with no handler invoked', () => {
  it('none, or not a token', async () => {
    const before = reached.length;
    expect(await call(undefined)).toMatchObject({ ok: false, status: 401, message: expect.stringContaining('npm run cli -- token <short name>') });
    await expectRefused('eyJhbGciOiJSUzI1NiJ9.e30.c2ln', /signature|not a valid token/);
    expect(reached.length).toBe(before);
  });

  it("expired: the emulator's own key, the user's own claims, an exp in the past", async () => {
    const real = decodePayload((await pool.signIn('obiliq-coordinator')).accessToken);
    const key = await importJWK((JSON.parse(readFileSync(COGNITO_LOCAL_PRIVATE_KEY, 'utf8')) as { jwk: JWK }).jwk, 'RS256');
    const resign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(key);
    const now = Math.floor(Date.now() / 1000);
    // the same key and claims with a good exp pass: what refuses the other is its expiry alone
    expect((await call(await resign({ ...real, iat: now - 60, exp: now + 600 }))).ok).toBe(true);
    await expectRefused(await resign({ ...real, iat: now - 7200, exp: now - 3600 }), /expired/);
    await expectRefused(await resign({ ...real, iat: now - 3601, exp: now - 1 }), /expired/);
  });

  it("tampered: the payload changed (to the operator's groups), the signature kept", async () => {
    const token = (await pool.signIn('obiliq-viewer')).accessToken;
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['municipality:*', 'role:operator'] })).toString('base64url');
    await expectRefused(`${h}.${forged}.${s}`, /signature/);
    // one bit of the signature flipped
    const sig = Buffer.from(s!, 'base64url');
    sig[0] = sig[0]! ^ 1;
    await expectRefused(`${h}.${p}.${sig.toString('base64url')}`, /signature/);
  });

  it('wrong issuer: a user of a second pool in the same emulator (its tokens are signed with the same key)', async () => {
    const other = await ensureLocalPool(emulator, { poolName: 'elsewhere', usersFile: `${emulator.dataDir}/elsewhere-users.json`, users: demoUsers().slice(0, 1) });
    try {
      expect(other.userPoolId).not.toBe(pool.userPoolId);
      const token = (await other.signIn('obiliq-coordinator')).accessToken;
      // it is a good token of its own pool
      expect((await createJwtAuthorizer(other.authorizer)({ authorization: `Bearer ${token}` })).ok).toBe(true);
      await expectRefused(token, /iss .*another user pool/);
    } finally {
      other.close();
    }
  });

  it('wrong client: the same user signed in through a second app client of the same pool', async () => {
    const second = await pool.client.send(new CreateUserPoolClientCommand(appClientInput(pool.userPoolId, 'another-app')));
    const u = pool.user('obiliq-head');
    const out = await pool.client.send(new InitiateAuthCommand({ ClientId: second.UserPoolClient!.ClientId!, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: u.email, PASSWORD: u.password } }));
    const token = out.AuthenticationResult!.AccessToken!;
    expect(decodePayload(token)).toMatchObject({ iss: pool.issuer, client_id: second.UserPoolClient!.ClientId });
    await expectRefused(token, /another app client \(client_id\)/);
  });

  it('an id token instead of the access token', async () => {
    const { idToken } = await pool.signIn('obiliq-coordinator');
    expect(decodePayload(idToken)).toMatchObject({ token_use: 'id', aud: pool.clientId, iss: pool.issuer });
    await expectRefused(idToken, /an id token where an access token is needed/);
  });
});

describe('the CLI against the emulator', () => {
  it('token <short name>: the access token alone on the last line, accepted by the authorizer', async () => {
    const out = await runToken(['partesh-head'], { usersFile: pool.usersFile });
    expect(out.exitCode).toBe(0);
    const token = out.stdout.trimEnd().split('\n').at(-1)!;
    const r = await call(token);
    expect(r.ok && callerFrom(r.claims)).toMatchObject({ ok: true, caller: { role: 'head', municipality: 'partesh' } });
  });

  it('users add (temporary password printed) → first sign-in sets a password → the token carries the groups; list; remove', async () => {
    const email = 'drita.berisha@partesh.example.org';
    const added = await runUsers(['add', '--email', email, '--role', 'coordinator', '--municipality', 'partesh', '--coordinator', 'partesh-okzp-01', '--local'], { usersFile: pool.usersFile });
    expect(added.exitCode).toBe(0);
    const temporary = /temporary password .*: (\S+)$/m.exec(added.stdout)![1]!;

    const first = await pool.client.send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: temporary } }));
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const done = await pool.client.send(
      new RespondToAuthChallengeCommand({ ClientId: pool.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Her-Own-Passw0rd' } }),
    );
    const r = await call(done.AuthenticationResult!.AccessToken!);
    expect(r.ok && callerFrom(r.claims)).toMatchObject({ ok: true, caller: { role: 'coordinator', municipality: 'partesh', coordinatorId: 'partesh-okzp-01' } });

    const list = await runUsers(['list', '--local'], { usersFile: pool.usersFile });
    expect(list.stdout).toMatch(new RegExp(`${email.replace(/\./g, '\\.')}\\s+coordinator\\s+partesh\\s+partesh-okzp-01\\s+CONFIRMED`));
    expect(list.stdout).toMatch(/obiliq-coordinator@demo\.referrals\.example\.org\s+coordinator\s+obiliq\s+obiliq-zkkk-01\s+CONFIRMED/);
    expect((await runUsers(['add', '--email', email, '--role', 'viewer', '--municipality', '*', '--local'], { usersFile: pool.usersFile })).exitCode).toBe(1);
    // * is for viewer and operator only: refused before any call
    expect(await runUsers(['add', '--email', email, '--role', 'head', '--municipality', '*', '--update', '--local'], { usersFile: pool.usersFile })).toMatchObject({ exitCode: 2, stdout: expect.stringContaining('--municipality: * (every municipality) is for viewer and operator only') });
    // --update: new groups, same id; the next sign-in carries them (the emulator cannot sign them out)
    const updated = await runUsers(['add', '--email', email, '--role', 'head', '--municipality', 'partesh', '--update', '--local'], { usersFile: pool.usersFile });
    expect(updated).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('not signed out: the emulator has no AdminUserGlobalSignOut') });
    const again = await call((await signInWithPassword(pool.client, pool.clientId, email, 'Her-Own-Passw0rd')).accessToken);
    expect(again.ok && callerFrom(again.claims)).toEqual({ ok: true, caller: { id: r.ok ? `user:${r.claims.sub}` : '', role: 'head', municipality: 'partesh' } });
    expect((await runUsers(['remove', '--email', email, '--local'], { usersFile: pool.usersFile })).exitCode).toBe(0);
    expect((await runUsers(['list', '--local'], { usersFile: pool.usersFile })).stdout).not.toContain(email);
  });
});

describe('the local HTTP server behind the authorizer', () => {
  it('runs the handler for a valid access token, with the claims API Gateway would hand on', async () => {
    const invoked = handled;
    const res = await fetch(`${http.endpoint}/probe`, { headers: { authorization: `Bearer ${await pool.token('obiliq-head')}` } });
    expect(res.status).toBe(200);
    expect(handled).toBe(invoked + 1);
  });
});
