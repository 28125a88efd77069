import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { actorOf, callerOf, claimList, mayActIn, MachineCallers } from '../../../shared/identity/caller.js';
import { API_SCOPE } from '../../../shared/identity/roles.js';

function event(authorizer: unknown): APIGatewayProxyEventV2 {
  return { routeKey: 'GET /cases/{caseId}', requestContext: { authorizer } } as unknown as APIGatewayProxyEventV2;
}

/** Claims as API Gateway's JWT authorizer hands them to the function: strings, arrays flattened. */
const claims = (groups: string, over: Record<string, string> = {}) => ({
  jwt: { claims: { sub: 'a1b2', token_use: 'access', scope: API_SCOPE, 'cognito:groups': groups, client_id: 'c', ...over }, scopes: [API_SCOPE] },
});

describe('callerOf', () => {
  it('reads role, municipality and directory id from the groups, flattened as API Gateway does', () => {
    const out = callerOf(event(claims('[municipality:obiliq role:coordinator directory:obiliq-zkkk-01]')), []);
    expect(out).toEqual({ ok: true, caller: { id: 'user:a1b2', role: 'coordinator', municipality: 'obiliq', coordinatorId: 'obiliq-zkkk-01' } });
  });

  it('reads the groups as a real array too (the local authorizer before flattening, or a test)', () => {
    const out = callerOf(event({ jwt: { claims: { sub: 'x', token_use: 'access', scope: API_SCOPE, 'cognito:groups': ['role:viewer', 'municipality:*'] } } }), []);
    expect(out).toEqual({ ok: true, caller: { id: 'user:x', role: 'viewer', municipality: '*' } });
  });

  it.each([
    ['no role', '[municipality:obiliq]'],
    ['two roles', '[municipality:obiliq role:coordinator role:head]'],
    ['no municipality', '[role:head]'],
    ['two municipalities', '[municipality:obiliq municipality:partesh role:head]'],
    ['an unknown role', '[municipality:obiliq role:admin]'],
  ])('refuses an account with %s (403)', (_label, groups) => {
    expect(callerOf(event(claims(groups)), [])).toMatchObject({ ok: false, status: 403 });
  });

  it.each(['coordinator', 'head'])('refuses municipality * with role %s (household data everywhere): 403', (role) => {
    const out = callerOf(event(claims(`[municipality:* role:${role}]`)), []);
    expect(out).toMatchObject({ ok: false, status: 403, message: expect.stringMatching(/is for viewer and operator only/) });
    // the same role in one municipality passes
    expect(callerOf(event(claims(`[municipality:obiliq role:${role}]`)), [])).toMatchObject({ ok: true });
  });

  it('refuses an id token (token_use id, no scope) and claims without sub (401)', () => {
    expect(callerOf(event(claims('[municipality:obiliq role:head]', { token_use: 'id', scope: '' })), [])).toMatchObject({ ok: false, status: 401 });
    expect(callerOf(event(claims('[municipality:obiliq role:head]', { sub: '' })), [])).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a request with no authorizer context at all (401)', () => {
    expect(callerOf(event(undefined), [])).toMatchObject({ ok: false, status: 401 });
  });

  const machines = MachineCallers.parse([
    { name: 'smr-sync', principal: 'arn:aws:iam::123456789012:role/smr-sync', municipality: 'obiliq', role: 'coordinator' },
    { name: 'auditor', principal: 'arn:aws:iam::123456789012:user/auditor', municipality: '*', role: 'viewer' },
  ]);

  it('maps an IAM principal to its declared role and municipality: a role matches its sessions', () => {
    const session = callerOf(event({ iam: { userArn: 'arn:aws:sts::123456789012:assumed-role/smr-sync/run-42' } }), machines);
    expect(session).toEqual({ ok: true, caller: { id: 'machine:smr-sync', role: 'coordinator', municipality: 'obiliq' } });
    const user = callerOf(event({ iam: { userArn: 'arn:aws:iam::123456789012:user/auditor' } }), machines);
    expect(user).toEqual({ ok: true, caller: { id: 'machine:auditor', role: 'viewer', municipality: '*' } });
  });

  it('refuses a machine caller with municipality * and a household role (403), should one reach the API unchecked', () => {
    // MachineCallers itself lets it through: the deployment file refuses it (infra/deployment.ts); callerOf again.
    const national = MachineCallers.parse([{ name: 'smr-all', principal: 'arn:aws:iam::123456789012:role/smr-all', municipality: '*', role: 'coordinator' }]);
    const out = callerOf(event({ iam: { userArn: 'arn:aws:sts::123456789012:assumed-role/smr-all/run-1' } }), national);
    expect(out).toMatchObject({ ok: false, status: 403, message: expect.stringContaining('machine caller smr-all has role coordinator with municipality *') });
  });

  it('refuses an IAM principal that is not listed, including a role of the same name in another account (403)', () => {
    expect(callerOf(event({ iam: { userArn: 'arn:aws:sts::999999999999:assumed-role/smr-sync/x' } }), machines)).toMatchObject({ ok: false, status: 403 });
    expect(callerOf(event({ iam: { userArn: 'arn:aws:sts::123456789012:assumed-role/smr-sync-other/x' } }), machines)).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects a malformed machine-caller list at cold start', () => {
    expect(MachineCallers.safeParse([{ name: 'x', principal: 'not-an-arn', municipality: 'obiliq', role: 'coordinator' }]).success).toBe(false);
    expect(MachineCallers.safeParse([{ name: 'x', principal: 'arn:aws:iam::123456789012:role/r', municipality: 'obiliq', role: 'root' }]).success).toBe(false);
  });
});

describe('claimList, mayActIn, actorOf', () => {
  it('reads flattened, spaced, comma-separated and real arrays', () => {
    expect(claimList('[a b c]')).toEqual(['a', 'b', 'c']);
    expect(claimList('a,b')).toEqual(['a', 'b']);
    expect(claimList(['a', 'b'])).toEqual(['a', 'b']);
    expect(claimList(undefined)).toEqual([]);
  });

  it('lets national staff act anywhere and everybody else in their own municipality only', () => {
    expect(mayActIn({ id: 'u', role: 'viewer', municipality: '*' }, 'partesh')).toBe(true);
    expect(mayActIn({ id: 'u', role: 'head', municipality: 'obiliq' }, 'obiliq')).toBe(true);
    expect(mayActIn({ id: 'u', role: 'head', municipality: 'obiliq' }, 'partesh')).toBe(false);
  });

  it('records the caller as id and role, nothing else', () => {
    expect(actorOf({ id: 'user:s', role: 'head', municipality: 'obiliq', coordinatorId: 'c' })).toEqual({ by: 'user:s', role: 'head' });
  });
});

describe('callerOf with the trusted pool and clients (defence in depth behind the JWT authorizer)', () => {
  const tokens = { issuer: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Pool', clientIds: ['client-a'] };
  const groups = '[municipality:obiliq role:head]';
  it('accepts an access token of that pool and client', () => {
    expect(callerOf(event(claims(groups, { iss: tokens.issuer, client_id: 'client-a' })), [], tokens)).toMatchObject({ ok: true });
  });
  it('refuses another pool’s or another client’s token with 401', () => {
    expect(callerOf(event(claims(groups, { iss: 'https://cognito-idp.eu-central-1.amazonaws.com/other', client_id: 'client-a' })), [], tokens)).toMatchObject({ ok: false, status: 401 });
    expect(callerOf(event(claims(groups, { iss: tokens.issuer, client_id: 'client-b' })), [], tokens)).toMatchObject({ ok: false, status: 401 });
  });
});
