import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * A coordinator's request retried after its answer was lost (the console gave up after 30 s, the
 * connection dropped, a 500 after the write) sends nothing twice: through the real api handler on
 * DynamoDB Local, counting what reaches the SES v2 emulator and the SMS sink.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const coordinator = directory.municipality('obiliq')!.coordinators[0]!;
const civil = directory.office('obiliq', 'civil_registry')!;
const SMR = 'SMR-RETRY-0001';
const as = (method: string, path: string, body?: unknown) => call(stack, method, path, body, undefined, 'obiliq-coordinator');
let caseId: string;

const mailsTo = async (email: string, about: RegExp) => (await inbox(stack)).filter((m) => m.destination.to.includes(email) && about.test(m.subject + (m.body.text ?? '')));

stackForFile(async (s) => {
  stack = s;
  const res = await as('POST', '/cases', { ...obiliqFamily(SMR), coordinatorId: coordinator.id, arrivalDate: '2026-11-23' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  caseId = res.body.caseId;
  await stack.settle();
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

describe('a request retried once what it checks has changed, or a change made once sent twice', () => {
  it('POST …/appointments once its time has passed, POST /meetings once it began, POST /meetings/{id}/minutes: 200 with what the first made, counted once', async () => {
    const smr = 'SMR-RETRY-0002';
    const opened = await as('POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, arrivalDate: '2026-11-23' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const other = opened.body.caseId as string;
    const appt = { kind: 'appointment', when: '2026-11-26T10:00:00+01:00', title: 'Zyra e gjendjes civile', where: 'Komuna', requestId: 'd6f4b2c5-7e80-4b92-9dae-2f3a4b5c6d7e' };
    const meeting = {
      municipalityId: 'obiliq',
      convenerId: coordinator.id,
      title: 'Rasti i strehimit',
      start: '2026-11-26T11:00:00+01:00',
      end: '2026-11-26T12:00:00+01:00',
      location: 'Salla e mbledhjeve',
      invitees: [civil.id],
      requestId: 'e7a5c3d6-8f91-4ca3-8ebf-3a4b5c6d7e8f',
    };
    const madeAppt = await as('POST', `/cases/${other}/appointments`, appt);
    const madeMeeting = await as('POST', '/meetings', meeting);
    expect([madeAppt.status, madeMeeting.status]).toEqual([201, 201]);
    await stack.advanceTo(new Date('2026-11-26T11:30:00Z'));

    // Their answers were lost; the console retries after both times have passed.
    expect(await as('POST', `/cases/${other}/appointments`, appt)).toEqual({ status: 200, body: madeAppt.body });
    expect(await as('POST', `/cases/${other}/appointments`, { ...appt, requestId: 'f8b6d4e7-9a02-4db4-9fc0-4b5c6d7e8f90' })).toMatchObject({ status: 400, body: { errors: [{ field: 'when', code: 'not-in-future' }] } });
    const again = await as('POST', '/meetings', meeting);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.meetingId).toBe(madeMeeting.body.meetingId);

    const meetingId = madeMeeting.body.meetingId as string;
    const held = async () => (await as('GET', '/municipalities/obiliq/indicators/2026-Q4')).body.meetingsHeld as number;
    const before = await held();
    const minutes = { held: true, casesDiscussed: [smr], requestId: 'a9c7e5f8-0b13-4ec5-8a01-5c6d7e8f9a0b' };
    const recorded = await as('POST', `/meetings/${meetingId}/minutes`, minutes);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'held', casesDiscussed: [other] });
    expect(await as('POST', `/meetings/${meetingId}/minutes`, minutes)).toEqual(recorded);
    expect(await as('POST', `/meetings/${meetingId}/minutes`, { ...minutes, held: false })).toMatchObject({ status: 409, body: { field: 'requestId', code: 'request-reused' } });
    // Not a retry (no requestId, or another): the minutes are recorded already, as before.
    const { requestId: _, ...plain } = minutes;
    expect((await as('POST', `/meetings/${meetingId}/minutes`, plain)).status).toBe(409);
    const view = (await as('GET', `/meetings/${meetingId}`)).body as { audit: { event: string }[] };
    expect(view.audit.filter((a) => a.event === 'meeting.minutes')).toHaveLength(1);
    expect(await held()).toBe(before + 1);
  });

  it('POST /municipalities/{id}/follow-ups/{followUpId}: a retry answers 200 as the first did; another outcome under its requestId 409; another request 404', async () => {
    const smr = 'SMR-RETRY-0003';
    stack.sms.optOut('+38349555733');
    const opened = await as('POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, arrivalDate: '2026-11-23', phone: '049 555 733' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect((await as('POST', `/cases/${opened.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
    const listed = async () => ((await as('GET', '/municipalities/obiliq/follow-ups')).body.followUps as { followUpId: string; smrCaseId?: string }[]).filter((f) => f.smrCaseId === smr);
    // The opted-out SMS waits for a call.
    await expect.poll(async () => (await listed()).length, { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
    const [task] = await listed();
    const path = `/municipalities/obiliq/follow-ups/${task!.followUpId}`;
    const body = { outcome: 'reached_by_phone', requestId: 'b0d8f6a9-1c24-4fd6-9b12-6d7e8f9a0b1c' };
    const done = await as('POST', path, body);
    expect(done).toEqual({ status: 200, body: { followUpId: task!.followUpId, outcome: 'reached_by_phone' } });
    expect(await as('POST', path, body)).toEqual(done);
    expect(await as('POST', path, { ...body, outcome: 'visited' })).toMatchObject({ status: 409, body: { field: 'requestId', code: 'request-reused' } });
    expect((await as('POST', path, { ...body, requestId: 'c1e9a7b0-2d35-4a07-8c23-7e8f9a0b1c2d' })).status).toBe(404);
    expect((await as('POST', path, { outcome: 'reached_by_phone' })).status).toBe(404);
    expect((await listed()).map((f) => f.followUpId)).not.toContain(task!.followUpId);
    const audit = (await as('GET', `/cases/${opened.body.caseId}`)).body.audit as { event: string }[];
    expect(audit.filter((a) => a.event === 'followup.done')).toHaveLength(1);
  });
});
