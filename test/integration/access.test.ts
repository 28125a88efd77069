/**
 * Who may do what, where (issue #13), through the real stack: each seeded user signs in at the
 * Cognito emulator, and every route of the declaration (events/triggers.ts) is called by every
 * role, on a resource of the caller's own municipality and of another one. The expected outcome
 * is computed from the declaration, not listed by hand:
 *   - a role the route does not name: 403, before anything is read;
 *   - another municipality's case or meeting: 404, exactly like one that does not exist;
 *     another municipality named in the path or the body: 403;
 *   - otherwise the route's own answer (its success, or for the two routes that need a past
 *     meeting or a real follow-up, the route's own refusal).
 * The refused calls come first, with valid bodies, and must leave the table, the inbox and the
 * SMS sink exactly as they were.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, routeKey, type ApiRoute } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { ROLES, type Role } from '../../shared/domain/actor.js';
import { addWorkingDays, localTime } from '../../shared/domain/calendar.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbOf, obiliqFamily, snapshot as snapshotOf, stackForFile } from './support.js';
import { encodeIntentTag } from '../../shared/channels/intent-tag.js';

const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const declared = FUNCTIONS.api.trigger.routes as readonly ApiRoute[];

let stack: LocalStack;
let db: DynamoDBClient;

stackForFile((s) => {
  stack = s;
  db = dynamoDbOf(stack);
});
afterAll(() => db?.destroy());

async function as(user: string, method: string, path: string, body?: unknown) {
  const token = await stack.pool.token(user);
  const res = await fetch(`${stack.api.endpoint}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

/** What a refused call must not have changed. */
const snapshot = () => snapshotOf(stack);

let smrSeq = 0;
const later = (days: number) => new Date(stack.clock.now().getTime() + days * 86_400_000).toISOString();

/** Fresh resources in `muni`, made by its head (who may make them). */
async function freshCase(muni: string) {
  const m = directory.municipality(muni)!;
  // No SMS: the hundreds of fresh cases here would each deliver a welcome SMS, which says nothing about who may call what.
  const family = {
    ...obiliqFamily(`SMR-ACCESS-${++smrSeq}`),
    municipalityId: muni,
    coordinatorId: m.coordinators[0]!.id,
    preferredLanguage: muni === 'obiliq' ? 'sq' : 'sr-Latn',
    consent: { sms: false, shareWithOffices: true },
  };
  const res = await as(`${muni}-head`, 'POST', '/cases', family);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseId as string;
}
async function freshReferral(muni: string) {
  const caseId = await freshCase(muni);
  const res = await as(`${muni}-head`, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { caseId, referralId: res.body.referralId as string };
}
const appointmentBody = () => ({ kind: 'appointment', when: later(5), title: 'Regjistrimi', where: 'Zyra e punësimit', bring: 'Letërnjoftimi' });
async function freshAppointment(muni: string) {
  const caseId = await freshCase(muni);
  const res = await as(`${muni}-head`, 'POST', `/cases/${caseId}/appointments`, appointmentBody());
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { caseId, appointmentId: res.body.appointmentId as string };
}
const meetingBody = (muni: string) => {
  const m = directory.municipality(muni)!;
  return { municipalityId: muni, convenerId: m.coordinators[0]!.id, title: 'Takim', start: later(10), end: later(10.05), location: 'Komuna', invitees: [m.offices[0]!.id] };
};
async function freshMeeting(muni: string) {
  const res = await as(`${muni}-head`, 'POST', '/meetings', meetingBody(muni));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.meetingId as string;
}

interface Call {
  path: string;
  body?: unknown;
  /** The route's own answer when the caller may make it. */
  ok: number;
}

/**
 * A valid request for each declared route against a resource of `muni`. A test fails if a route
 * is declared without one here.
 */
const REQUESTS: Record<string, (muni: string) => Promise<Call>> = {
  'POST /cases': async (muni) => ({
    path: '/cases',
    body: { ...obiliqFamily(`SMR-ACCESS-${++smrSeq}`), municipalityId: muni, coordinatorId: directory.municipality(muni)!.coordinators[0]!.id },
    ok: 201,
  }),
  'GET /cases/{caseId}': async (muni) => ({ path: `/cases/${await freshCase(muni)}`, ok: 200 }),
  'POST /cases/{caseId}/referrals': async (muni) => ({ path: `/cases/${await freshCase(muni)}/referrals`, body: { officeKind: 'civil_registry', need: 'civil_documents' }, ok: 201 }),
  'POST /cases/{caseId}/referrals/{referralId}/cancel': async (muni) => {
    const r = await freshReferral(muni);
    return { path: `/cases/${r.caseId}/referrals/${r.referralId}/cancel`, body: { reason: 'no_longer_needed' }, ok: 200 };
  },
  'POST /cases/{caseId}/referrals/{referralId}/answer': async (muni) => {
    const r = await freshReferral(muni);
    return { path: `/cases/${r.caseId}/referrals/${r.referralId}/answer`, body: { answer: 'accept' }, ok: 200 };
  },
  // A referral that is not waiting is already released: a harmless repeat, as a second click.
  'POST /cases/{caseId}/referrals/{referralId}/release': async (muni) => {
    const r = await freshReferral(muni);
    return { path: `/cases/${r.caseId}/referrals/${r.referralId}/release`, body: {}, ok: 200 };
  },
  'POST /cases/{caseId}/assessment': async (muni) => ({
    path: `/cases/${await freshCase(muni)}/assessment`,
    body: { assessedAt: stack.clock.now().toISOString().slice(0, 10), members: [{ personId: 'p1', missingDocuments: ['id_card'] }], household: {} },
    ok: 201,
  }),
  'POST /cases/{caseId}/assessment/preview': async (muni) => ({
    path: `/cases/${await freshCase(muni)}/assessment/preview`,
    body: { assessedAt: stack.clock.now().toISOString().slice(0, 10), members: [{ personId: 'p1', missingDocuments: ['id_card'] }], household: {} },
    ok: 200,
  }),
  'POST /cases/{caseId}/home-visit': async (muni) => ({ path: `/cases/${await freshCase(muni)}/home-visit`, body: {}, ok: 200 }),
  'POST /cases/{caseId}/home-visit/plan': async (muni) => ({
    path: `/cases/${await freshCase(muni)}/home-visit/plan`,
    // 10:00 on the next working day: a time the offices work.
    body: { at: localTime(addWorkingDays(stack.clock.now(), 1, kosovoHolidays()), 10).toISOString() },
    ok: 200,
  }),
  'DELETE /cases/{caseId}/home-visit/plan': async (muni) => {
    const caseId = await freshCase(muni);
    const planned = await as(`${muni}-head`, 'POST', `/cases/${caseId}/home-visit/plan`, { at: localTime(addWorkingDays(stack.clock.now(), 1, kosovoHolidays()), 10).toISOString() });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    return { path: `/cases/${caseId}/home-visit/plan`, ok: 200 };
  },
  'POST /cases/{caseId}/appointments': async (muni) => ({ path: `/cases/${await freshCase(muni)}/appointments`, body: appointmentBody(), ok: 201 }),
  'PUT /cases/{caseId}/appointments/{appointmentId}': async (muni) => {
    const a = await freshAppointment(muni);
    return { path: `/cases/${a.caseId}/appointments/${a.appointmentId}`, body: { when: later(6) }, ok: 200 };
  },
  'DELETE /cases/{caseId}/appointments/{appointmentId}': async (muni) => {
    const a = await freshAppointment(muni);
    return { path: `/cases/${a.caseId}/appointments/${a.appointmentId}`, ok: 200 };
  },
  'POST /cases/{caseId}/close': async (muni) => ({ path: `/cases/${await freshCase(muni)}/close`, body: { outcome: 'sustainably_reintegrated', finalAssessment: 'settled: work and school' }, ok: 200 }),
  'GET /cases/{caseId}/assessments': async (muni) => ({ path: `/cases/${await freshCase(muni)}/assessments`, ok: 200 }),
  'PUT /cases/{caseId}/plan': async (muni) => ({
    path: `/cases/${await freshCase(muni)}/plan`,
    body: { version: 0, measures: [{ measureId: 'm1', goal: 'Civil documents', responsible: { officeKind: 'civil_registry' }, dueDate: '2027-01-15' }] },
    ok: 201,
  }),
  'POST /cases/{caseId}/monitoring': async (muni) => ({
    path: `/cases/${await freshCase(muni)}/monitoring`,
    body: { date: stack.clock.now().toISOString().slice(0, 10), kind: 'call' },
    ok: 201,
  }),
  'PUT /cases/{caseId}/sms-opt-out': async (muni) => ({ path: `/cases/${await freshCase(muni)}/sms-opt-out`, body: { optedOut: true, reason: 'returnee_asked' }, ok: 200 }),
  'GET /municipalities/{municipalityId}/follow-ups': async (muni) => ({ path: `/municipalities/${muni}/follow-ups`, ok: 200 }),
  // No open follow-up under this id: the route itself answers 404 (scoping, had it refused, answers 403).
  'POST /municipalities/{municipalityId}/follow-ups/{followUpId}': async (muni) => ({
    path: `/municipalities/${muni}/follow-ups/${encodeIntentTag({ pk: 'CASE#01JZZZZZZZZZZZZZZZZZZZZZZZ', intentId: 'x#referral.returnee' })}`,
    body: { outcome: 'visited' },
    ok: 404,
  }),
  'GET /municipalities/{municipalityId}/worklists': async (muni) => ({ path: `/municipalities/${muni}/worklists`, ok: 200 }),
  'GET /municipalities/{municipalityId}/today': async (muni) => ({ path: `/municipalities/${muni}/today`, ok: 200 }),
  'GET /municipalities/{municipalityId}/cases': async (muni) => ({ path: `/municipalities/${muni}/cases?limit=5`, ok: 200 }),
  'GET /municipalities/{municipalityId}/meetings': async (muni) => ({ path: `/municipalities/${muni}/meetings`, ok: 200 }),
  'POST /meetings': async (muni) => ({ path: '/meetings', body: meetingBody(muni), ok: 201 }),
  'GET /meetings/{meetingId}': async (muni) => ({ path: `/meetings/${await freshMeeting(muni)}`, ok: 200 }),
  'PUT /meetings/{meetingId}': async (muni) => ({ path: `/meetings/${await freshMeeting(muni)}`, body: { start: later(12) }, ok: 200 }),
  'DELETE /meetings/{meetingId}': async (muni) => ({ path: `/meetings/${await freshMeeting(muni)}`, ok: 200 }),
  // The meeting has not begun: the route itself answers 400 naming `held` (scoping would have said 404).
  'POST /meetings/{meetingId}/minutes': async (muni) => ({ path: `/meetings/${await freshMeeting(muni)}/minutes`, body: { held: true, casesDiscussed: [] }, ok: 400 }),
  'GET /municipalities/{municipalityId}/coordinators/{coordinatorId}/digest': async (muni) => ({
    path: `/municipalities/${muni}/coordinators/${directory.municipality(muni)!.coordinators[0]!.id}/digest`,
    ok: 200,
  }),
  'PUT /municipalities/{municipalityId}/coordinators/{coordinatorId}/digest': async (muni) => ({
    path: `/municipalities/${muni}/coordinators/${directory.municipality(muni)!.coordinators[0]!.id}/digest`,
    body: { digest: 'weekly' },
    ok: 200,
  }),
  'GET /municipalities/{municipalityId}/indicators/{quarter}': async (muni) => ({ path: `/municipalities/${muni}/indicators/2026-Q4`, ok: 200 }),
  'POST /municipalities/{municipalityId}/grant-calls': async (muni) => ({ path: `/municipalities/${muni}/grant-calls`, body: { call: 'agriculture', closesOn: '2027-01-29' }, ok: 202 }),
  'POST /operations/addresses/status': async () => ({ path: '/operations/addresses/status', body: { address: 'gjendja-civile@obiliq.example.org' }, ok: 200 }),
  'POST /operations/addresses/clear': async () => {
    await dynamoRepositories(DynamoDBDocumentClient.from(db), stack.tableName).addresses.record('bounced@obiliq.example.org', {
      status: 'undeliverable',
      at: stack.clock.now().toISOString(),
      messageId: 'm-1',
      codes: ['5.1.1'],
    });
    return { path: '/operations/addresses/clear', body: { address: 'bounced@obiliq.example.org' }, ok: 200 };
  },
  'GET /me': async () => ({ path: '/me', ok: 200 }),
};

/** One signed-in user per role, working in Obiliq ("own") or in Partesh ("other"); national staff work everywhere. */
function userFor(role: Role, where: 'own' | 'other'): string | undefined {
  if (role === 'operator') return where === 'own' ? 'operator' : undefined;
  return `${where === 'own' ? 'obiliq' : 'partesh'}-${role}`;
}

function expected(route: ApiRoute, role: Role, where: 'own' | 'other', ok: number): number {
  if (!route.roles.includes(role)) return 403;
  if (where === 'own' || route.scope === 'national') return ok;
  return route.scope === 'case' || route.scope === 'meeting' ? 404 : 403;
}

describe('every route × every role × own or other municipality', () => {
  it('has a request for every declared route', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(declared.map(routeKey).sort());
  });

  it('refuses every call a role or a municipality may not make, and those calls change nothing', async () => {
    const refused: { route: ApiRoute; user: string; want: number; call: Call }[] = [];
    for (const route of declared) {
      for (const role of ROLES) {
        for (const where of ['own', 'other'] as const) {
          const user = userFor(role, where);
          if (!user) continue;
          const call = await REQUESTS[routeKey(route)]!('obiliq');
          const want = expected(route, role, where, call.ok);
          if (want === 403 || (want === 404 && call.ok !== 404)) refused.push({ route, user, want, call });
        }
      }
    }
    await stack.settle();
    const before = await snapshot();
    const got = [];
    for (const r of refused) {
      const res = await as(r.user, r.route.method, r.call.path, r.call.body);
      got.push(`${r.user} ${routeKey(r.route)} → ${res.status}`);
      expect(res.status, `${r.user} ${routeKey(r.route)}: ${JSON.stringify(res.body)}`).toBe(r.want);
    }
    await stack.settle();
    expect(await snapshot()).toEqual(before);
    // Each role is refused somewhere, and viewers and operators nearly everywhere.
    expect(got.length).toBeGreaterThan(declared.length * 3);
  });

  it('lets every allowed call through to its route, in the caller’s own municipality', async () => {
    let allowed = 0;
    for (const route of declared) {
      for (const role of route.roles) {
        const user = userFor(role, 'own')!;
        const call = await REQUESTS[routeKey(route)]!('obiliq');
        const res = await as(user, route.method, call.path, call.body);
        expect(res.status, `${user} ${routeKey(route)}: ${JSON.stringify(res.body)}`).toBe(call.ok);
        allowed++;
      }
    }
    expect(allowed).toBeGreaterThan(declared.length);
  });

  it('lets national staff read every municipality (a DRPR viewer in Partesh and Obiliq)', async () => {
    for (const muni of ['obiliq', 'partesh']) {
      expect((await as('drpr-viewer', 'GET', `/municipalities/${muni}/indicators/2026-Q4`)).status).toBe(200);
      expect((await as('drpr-viewer', 'GET', `/municipalities/${muni}/worklists`)).status).toBe(200);
    }
  });
});

describe('scoping details', () => {
  it('GET /me says who the caller is, where they work and what they may call, from the token the API read', async () => {
    const coordinator = await as('obiliq-coordinator', 'GET', '/me');
    expect(coordinator.status).toBe(200);
    expect(coordinator.body).toMatchObject({
      id: `user:${stack.pool.user('obiliq-coordinator').sub}`,
      role: 'coordinator',
      national: false,
      householdData: true,
      municipalities: [{ id: 'obiliq', name: obiliq.name }],
      coordinator: { id: obiliq.coordinators[0]!.id, name: obiliq.coordinators[0]!.name },
    });
    expect(coordinator.body.routes).toContain('GET /cases/{caseId}');
    expect(coordinator.body.routes).not.toContain('POST /operations/addresses/clear');

    const viewer = await as('drpr-viewer', 'GET', '/me');
    expect(viewer.body).toMatchObject({ role: 'viewer', national: true, householdData: false });
    expect(viewer.body.municipalities.map((m: { id: string }) => m.id).sort()).toEqual(directory.municipalities().map((m) => m.id).sort());
    expect(viewer.body.routes.some((r: string) => r.includes('/cases'))).toBe(false);
    expect(viewer.body.coordinator).toBeUndefined();
    // Ids and roles only: no email, ever.
    expect(JSON.stringify([coordinator.body, viewer.body])).not.toContain('@');
  });

  it('a coordinator changes only their own digest choice; the head anyone’s', async () => {
    const [own, other] = obiliq.coordinators;
    expect((await as('obiliq-coordinator', 'PUT', `/municipalities/obiliq/coordinators/${own!.id}/digest`, { digest: 'daily' })).status).toBe(200);
    expect((await as('obiliq-coordinator', 'PUT', `/municipalities/obiliq/coordinators/${other!.id}/digest`, { digest: 'none' })).status).toBe(403);
    expect((await as('obiliq-coordinator', 'GET', `/municipalities/obiliq/coordinators/${other!.id}/digest`)).status).toBe(403);
    expect((await as('obiliq-head', 'PUT', `/municipalities/obiliq/coordinators/${other!.id}/digest`, { digest: 'none' })).status).toBe(200);
    // Who chose is on the choice: the head, by their user id and role.
    const item = await db.send(new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: 'MUNI#obiliq' }, sk: { S: `COORD#${other!.id}` } }, ConsistentRead: true }));
    expect(item.Item?.updatedBy?.S).toBe(`user:${stack.pool.user('obiliq-head').sub}`);
    expect(item.Item?.updatedByRole?.S).toBe('head');
  });

  it('a duplicate SMR id registered in another municipality does not reveal that case', async () => {
    const smr = `SMR-ACCESS-DUP-${++smrSeq}`;
    const first = await as('obiliq-coordinator', 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: obiliq.coordinators[0]!.id });
    expect(first.status).toBe(201);
    const partesh = directory.municipality('partesh')!;
    const again = await as('partesh-coordinator', 'POST', '/cases', { ...obiliqFamily(smr), municipalityId: 'partesh', coordinatorId: partesh.coordinators[0]!.id });
    expect(again.status).toBe(409);
    expect(again.body.caseId).toBeUndefined();
    expect(JSON.stringify(again.body)).not.toContain(first.body.caseId);
    // With a code, so the console says it in its own language rather than this English.
    expect(again.body).toMatchObject({ field: 'smrCaseId', code: 'smr-exists' });
    // In its own municipality the duplicate names the case, as before.
    const mine = await as('obiliq-head', 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: obiliq.coordinators[0]!.id });
    expect(mine).toMatchObject({ status: 409, body: { caseId: first.body.caseId } });
  });

  it('records who did it: the caller’s sub and role, never a name or an email', async () => {
    const caseId = await freshCase('obiliq');
    expect((await as('obiliq-coordinator', 'POST', `/cases/${caseId}/close`, { outcome: 'sustainably_reintegrated', finalAssessment: 'settled: work and school' })).status).toBe(200);
    const token = await stack.pool.token('obiliq-coordinator');
    const sub = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).sub as string;
    const headToken = await stack.pool.token('obiliq-head');
    const headSub = JSON.parse(Buffer.from(headToken.split('.')[1]!, 'base64url').toString('utf8')).sub as string;
    const view = await as('obiliq-head', 'GET', `/cases/${caseId}`);
    const audit = view.body.audit as { event: string; by: string; byRole?: string }[];
    expect(audit.find((a) => a.event === 'case.created')).toMatchObject({ by: `user:${headSub}`, byRole: 'head' });
    expect(audit.find((a) => a.event === 'case.closed')).toMatchObject({ by: `user:${sub}`, byRole: 'coordinator' });
    expect(JSON.stringify(audit)).not.toContain('@');
  });

  it('a signed-out request, a bad token and an id token get 401 and write nothing', async () => {
    await stack.settle();
    const before = await snapshot();
    const body = JSON.stringify({ ...obiliqFamily(`SMR-ACCESS-${++smrSeq}`), coordinatorId: obiliq.coordinators[0]!.id });
    const post = (authorization?: string) =>
      fetch(`${stack.api.endpoint}/cases`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) } });
    const { idToken, accessToken } = await stack.pool.signIn('obiliq-head');
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), 'cognito:groups': ['municipality:*', 'role:head'] })).toString('base64url');
    for (const authorization of [undefined, 'Bearer nope', `Bearer ${idToken}`, `Bearer ${header}.${forged}.${signature}`]) {
      const res = await post(authorization);
      expect(res.status, authorization ?? '(none)').toBe(401);
      expect(((await res.json()) as { message: string }).message).toMatch(/^authorization/);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('ids from another municipality, inside a path or a body of one’s own', () => {
  it('a referral or appointment id of a Partesh case under an Obiliq case answers 404 and changes nothing', async () => {
    const own = await freshCase('obiliq');
    const foreignReferral = await freshReferral('partesh');
    const foreignAppointment = await freshAppointment('partesh');
    await stack.settle();
    const before = await snapshot();
    expect((await as('obiliq-head', 'POST', `/cases/${own}/referrals/${foreignReferral.referralId}/cancel`, { reason: 'no_longer_needed' })).status).toBe(404);
    expect((await as('obiliq-head', 'PUT', `/cases/${own}/appointments/${foreignAppointment.appointmentId}`, { when: later(7) })).status).toBe(404);
    expect((await as('obiliq-head', 'DELETE', `/cases/${own}/appointments/${foreignAppointment.appointmentId}`)).status).toBe(404);
    await stack.settle();
    expect(await snapshot()).toEqual(before);
  });

  it('a Partesh follow-up is closed by Partesh (200), never through Obiliq’s path (404, nothing changes)', async () => {
    stack.sms.optOut('+38349555777');
    const partesh = directory.municipality('partesh')!;
    const created = await as('partesh-head', 'POST', '/cases', {
      ...obiliqFamily(`SMR-ACCESS-${++smrSeq}`),
      municipalityId: 'partesh',
      coordinatorId: partesh.coordinators[0]!.id,
      preferredLanguage: 'sr-Latn',
      phone: '049 555 777',
    });
    expect(created.status).toBe(201);
    expect((await as('partesh-head', 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
    await stack.settle();
    const tasks = (await as('partesh-head', 'GET', '/municipalities/partesh/follow-ups')).body.followUps as { followUpId: string; caseId: string }[];
    const task = tasks.find((t) => t.caseId === created.body.caseId)!;
    expect(task).toBeDefined();
    const before = await snapshot();
    expect((await as('obiliq-head', 'POST', `/municipalities/obiliq/follow-ups/${task.followUpId}`, { outcome: 'visited' })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect((await as('partesh-coordinator', 'POST', `/municipalities/partesh/follow-ups/${task.followUpId}`, { outcome: 'visited' })).status).toBe(200);
  });

  it('minutes count only the meeting’s own municipality’s cases; a viewer sees how many, never which', async () => {
    const own = await as('obiliq-head', 'GET', `/cases/${await freshCase('obiliq')}`);
    const foreign = await as('partesh-head', 'GET', `/cases/${await freshCase('partesh')}`);
    const m = directory.municipality('obiliq')!;
    const meeting = await as('obiliq-head', 'POST', '/meetings', { ...meetingBody('obiliq'), start: later(0.01), end: later(0.05), invitees: [m.offices[0]!.id] });
    expect(meeting.status).toBe(201);
    await stack.advance(20 * 60_000);
    const path = `/meetings/${meeting.body.meetingId}/minutes`;
    const refused = await as('obiliq-coordinator', 'POST', path, { held: true, casesDiscussed: [own.body.smrCaseId, foreign.body.smrCaseId] });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('casesDiscussed.1: not a case of this municipality');
    expect((await as('obiliq-coordinator', 'POST', path, { held: true, casesDiscussed: [own.body.smrCaseId] })).status).toBe(200);

    const asHead = await as('obiliq-head', 'GET', `/meetings/${meeting.body.meetingId}`);
    expect(asHead.body.casesDiscussed).toEqual([own.body.caseId]);
    for (const viewer of ['obiliq-viewer', 'drpr-viewer']) {
      const one = await as(viewer, 'GET', `/meetings/${meeting.body.meetingId}`);
      const list = await as(viewer, 'GET', `/municipalities/obiliq/meetings?from=${encodeURIComponent(later(-1))}`);
      expect(one.body.casesDiscussedCount).toBe(1);
      expect(list.body.meetings.some((x: { meetingId: string }) => x.meetingId === meeting.body.meetingId)).toBe(true);
      expect(JSON.stringify([one.body, list.body])).not.toContain('SMR-');
    }
  });
});
