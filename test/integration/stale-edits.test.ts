import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, obiliqFamily, stackForFile } from './support.js';

/**
 * Two tabs editing one thing through the api handler on DynamoDB Local: the tab that read an older
 * version is refused (409 naming the version field, changed-meanwhile) and the colleague's change
 * stands; a retry of one's own change already written answers 200 with it.
 */
let stack: LocalStack;
let caseId: string;
const coordinator = bundledDirectory().municipality('obiliq')!.coordinators[0]!;
const as = (method: string, path: string, body?: unknown, who = 'obiliq-coordinator') => call(stack, method, path, body, undefined, who);

stackForFile(async (s) => {
  stack = s;
  const res = await as('POST', '/cases', { ...obiliqFamily('SMR-FE2-STALE-1'), coordinatorId: coordinator.id, arrivalDate: '2026-11-23' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  caseId = res.body.caseId;
});

describe('an appointment edited in two tabs', () => {
  it('refuses the stale tab naming version, keeps the colleague\'s move, and answers a retry of its own change', async () => {
    const made = await as('POST', `/cases/${caseId}/appointments`, { kind: 'appointment', when: '2026-11-26T10:00:00+01:00', title: 'Zyra e punesimit', where: 'Komuna, kati 1' });
    expect(made.status).toBe(201);
    const path = `/cases/${caseId}/appointments/${made.body.appointmentId}`;
    const read = (await as('GET', `/cases/${caseId}`)).body.appointments.find((a: { appointmentId: string }) => a.appointmentId === made.body.appointmentId);
    expect(read.version).toBe(1);

    const moved = await as('PUT', path, { when: '2026-11-27T11:00:00+01:00', version: read.version }, 'obiliq-head');
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.version).toBe(2);
    // The other tab, still at version 1, changes only the title.
    const stale = await as('PUT', path, { title: 'Zyra e punesimit (2)', version: read.version });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ field: 'version', code: 'changed-meanwhile' });
    const now = (await as('GET', `/cases/${caseId}`)).body.appointments.find((a: { appointmentId: string }) => a.appointmentId === made.body.appointmentId);
    expect(now).toMatchObject({ when: '2026-11-27T10:00:00.000Z', title: 'Zyra e punesimit', version: 2 });

    // The head's tab retries its move (its answer was lost): 200, the same version.
    const again = await as('PUT', path, { when: '2026-11-27T11:00:00+01:00', version: 1 }, 'obiliq-head');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ when: '2026-11-27T10:00:00.000Z', version: 2 });
    expect((await as('PUT', path, { version: 2 })).status).toBe(400);
  });
});

describe("an appointment's texts edited", () => {
  it('clears what to bring with an explicit null (a retry of it answers the same), and refuses to clear the place, naming it', async () => {
    const made = await as('POST', `/cases/${caseId}/appointments`, { kind: 'appointment', when: '2026-11-30T10:00:00+01:00', title: 'Zyra e punesimit', where: 'Komuna, kati 1', bring: 'letërnjoftimin' });
    expect(made.status).toBe(201);
    const path = `/cases/${caseId}/appointments/${made.body.appointmentId}`;
    const cleared = await as('PUT', path, { bring: null, version: 1 });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.bring).toBeUndefined();
    const read = async () => (await as('GET', `/cases/${caseId}`)).body.appointments.find((a: { appointmentId: string }) => a.appointmentId === made.body.appointmentId);
    expect(await read()).toMatchObject({ where: 'Komuna, kati 1', version: 2 });
    expect((await read()).bring).toBeUndefined();
    expect((await as('PUT', path, { bring: null, version: 1 })).body).toMatchObject({ version: 2 });
    for (const [field, value] of [['where', null], ['where', ''], ['title', null], ['bring', '']] as const) {
      const refused = await as('PUT', path, { [field]: value, version: 2 });
      expect(refused.status, `${field}: ${JSON.stringify(value)}`).toBe(400);
      expect(refused.body.errors[0].field).toBe(field);
    }
    expect(await read()).toMatchObject({ where: 'Komuna, kati 1', title: 'Zyra e punesimit', version: 2 });
  });
});

describe('a meeting moved in two tabs', () => {
  it('refuses the stale tab naming sequence, keeps the colleague\'s move, and answers a retry of its own move', async () => {
    const civil = bundledDirectory().office('obiliq', 'civil_registry')!;
    const made = await as('POST', '/meetings', { municipalityId: 'obiliq', convenerId: coordinator.id, title: 'Takim per rastet', start: '2026-12-10T10:00:00+01:00', end: '2026-12-10T11:00:00+01:00', location: 'Salla', invitees: [civil.id] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const path = `/meetings/${made.body.meetingId}`;
    expect(made.body.sequence).toBe(0);
    const moved = await as('PUT', path, { start: '2026-12-11T10:00:00+01:00', sequence: 0 }, 'obiliq-head');
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.sequence).toBe(1);
    const stale = await as('PUT', path, { start: '2026-12-14T10:00:00+01:00', sequence: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ field: 'sequence', code: 'changed-meanwhile' });
    const again = await as('PUT', path, { start: '2026-12-11T10:00:00+01:00', sequence: 0 }, 'obiliq-head');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ start: '2026-12-11T09:00:00.000Z', sequence: 1 });
  });
});
