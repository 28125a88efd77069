import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, captureOutput, inbox, obiliqFamily, startStack, textsTo } from './support.js';

/**
 * A coordinator's request retried after its answer was lost (the console gave up after 30 s, the
 * connection dropped, a 500 after the write) sends nothing twice: through the real api handler on
 * DynamoDB Local, counting what reaches the SES v2 emulator and the SMS sink.
 */
let stack: LocalStack;
let output: ReturnType<typeof captureOutput>;
const directory = bundledDirectory();
const coordinator = directory.municipality('obiliq')!.coordinators[0]!;
const civil = directory.office('obiliq', 'civil_registry')!;
const SMR = 'SMR-RETRY-0001';
const as = (method: string, path: string, body?: unknown) => call(stack, method, path, body, undefined, 'obiliq-coordinator');
let caseId: string;

const mailsTo = async (email: string, about: RegExp) => (await inbox(stack)).filter((m) => m.destination.to.includes(email) && about.test(m.subject + (m.body.text ?? '')));

beforeAll(async () => {
  output = captureOutput();
  stack = await startStack();
  const res = await as('POST', '/cases', { ...obiliqFamily(SMR), coordinatorId: coordinator.id, arrivalDate: '2026-11-23' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  caseId = res.body.caseId;
  await stack.settle();
});

afterAll(async () => {
  await stack?.stop();
  output?.restore();
});

describe('a create request sent twice with the same requestId', () => {
  it('POST /cases/{id}/referrals: one referral, one email to the office, one SMS to the family', async () => {
    const body = { officeKind: 'civil_registry', need: 'civil_documents', personIds: ['p1'], requestId: 'a3c1e9f2-4b5d-4e6f-8a7b-9c0d1e2f3a4b' };
    const texts = textsTo(stack).length;
    const first = await as('POST', `/cases/${caseId}/referrals`, body);
    const again = await as('POST', `/cases/${caseId}/referrals`, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    // The referral as stored now: routing may have sent it between the two.
    expect(again.body).toEqual({ ...first.body, status: expect.stringMatching(/^(created|sent)$/) });
    await stack.settle();
    const view = await as('GET', `/cases/${caseId}`);
    expect((view.body.referrals as { need: string }[]).filter((r) => r.need === 'civil_documents')).toHaveLength(1);
    expect(await mailsTo(civil.email, new RegExp(SMR))).toHaveLength(1);
    expect(textsTo(stack).length - texts).toBe(1);

    // The same requestId with another body: refused naming it, nothing made.
    const reused = await as('POST', `/cases/${caseId}/referrals`, { ...body, note: 'Bring the old passport.' });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ field: 'requestId', code: 'request-reused' });
    const notUuid = await as('POST', `/cases/${caseId}/referrals`, { ...body, requestId: 'retry-1' });
    expect(notUuid.status).toBe(400);
    expect(JSON.stringify(notUuid.body)).toContain('requestId');
    expect((await as('GET', `/cases/${caseId}`)).body.referrals).toHaveLength(1);
  });

  it('POST /cases/{id}/appointments: one appointment, one evening reminder', async () => {
    const body = { kind: 'appointment', when: '2026-11-26T10:00:00+01:00', title: 'Zyra e gjendjes civile', where: 'Komuna, kati 1', requestId: 'b4d2f0a3-5c6e-4f70-9b8c-0d1e2f3a4b5c' };
    const first = await as('POST', `/cases/${caseId}/appointments`, body);
    const again = await as('POST', `/cases/${caseId}/appointments`, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual(first.body);
    const reused = await as('POST', `/cases/${caseId}/appointments`, { ...body, where: 'Komuna, kati 2' });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ field: 'requestId', code: 'request-reused' });
    expect((await as('GET', `/cases/${caseId}`)).body.appointments).toHaveLength(1);
    const texts = textsTo(stack).length;
    await stack.advanceTo(new Date('2026-11-25T17:05:00Z'));
    expect(textsTo(stack).slice(texts).filter((m) => m.message.includes('10:00'))).toHaveLength(1);
  });

  it('POST /meetings: one meeting, one invitation; PUT /meetings/{id} sent twice: one "changed" email', async () => {
    const body = {
      municipalityId: 'obiliq',
      convenerId: coordinator.id,
      title: 'Rastet e dhjetorit',
      start: '2026-12-10T10:00:00+01:00',
      end: '2026-12-10T11:00:00+01:00',
      location: 'Salla e mbledhjeve',
      invitees: [civil.id],
      requestId: 'c5e3a1b4-6d7f-4a81-8c9d-1e2f3a4b5c6d',
    };
    const first = await as('POST', '/meetings', body);
    const again = await as('POST', '/meetings', body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.meetingId).toBe(first.body.meetingId);
    await stack.settle();
    expect(await mailsTo(civil.email, /dhjetorit/)).toHaveLength(1);

    const move = { start: '2026-12-11T10:00:00+01:00' };
    const moved = await as('PUT', `/meetings/${first.body.meetingId}`, move);
    const movedAgain = await as('PUT', `/meetings/${first.body.meetingId}`, move);
    expect([moved.status, movedAgain.status]).toEqual([200, 200]);
    expect(movedAgain.body.sequence).toBe(moved.body.sequence);
    await stack.settle();
    expect(await mailsTo(civil.email, /dhjetorit/)).toHaveLength(2);
  });
});

describe('a change sent twice answers as the first did', () => {
  it('cancel a referral, delete an appointment, close the case: 200 the second time; an unknown id 404', async () => {
    const ref = await as('POST', `/cases/${caseId}/referrals`, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'] });
    const cancel = (id: string) => as('POST', `/cases/${caseId}/referrals/${id}/cancel`, { reason: 'other' });
    expect((await cancel(ref.body.referralId)).status).toBe(200);
    expect(await cancel(ref.body.referralId)).toEqual({ status: 200, body: { status: 'cancelled' } });
    expect((await cancel('01KNOSUCHREFERRA0000000000')).status).toBe(404);

    const appt = await as('POST', `/cases/${caseId}/appointments`, { kind: 'appointment', when: '2026-11-30T10:00:00+01:00', title: 'Zyra', where: 'Komuna' });
    const del = (id: string) => as('DELETE', `/cases/${caseId}/appointments/${id}`);
    expect((await del(appt.body.appointmentId)).status).toBe(200);
    expect(await del(appt.body.appointmentId)).toEqual({ status: 200, body: { status: 'cancelled' } });
    expect((await del('01KNOSUCHAPPT0000000000000')).status).toBe(404);

    const close = { outcome: 'moved_municipality', finalAssessment: 'Moved to Prishtina.' };
    expect((await as('POST', `/cases/${caseId}/close`, close)).status).toBe(200);
    expect(await as('POST', `/cases/${caseId}/close`, close)).toMatchObject({ status: 200, body: { status: 'closed' } });
  });
});
