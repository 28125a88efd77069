import { describe, expect, it } from 'vitest';
import { AppointmentInput, CreateReferralInput } from '../../../shared/domain/case.js';
import { createCase, requestReferral } from '../../../shared/referrals/intake.js';
import { closeCase, createAppointment } from '../../../shared/referrals/lifecycle.js';
import { arrival, COORDINATOR, valueOf, world, type World } from '../support/world.js';

/**
 * A create request retried after its answer was lost (a timeout, a dropped connection, a 500 after
 * the write): with the same requestId it finds what its first attempt made and writes nothing; with
 * the same requestId and another body it is refused naming requestId. On the in-memory repositories
 * (meetings: test/unit/meetings/manage.test.ts).
 */

const REQUEST = '3f1c8a52-6b0e-4c55-9d0f-6c1b2a7e9d10';
const OTHER_COORDINATOR = { by: 'user:obiliq-zkkk-02', role: 'coordinator' } as const;

async function openCase(w: World, smr = 'SMR-2026-0142') {
  return valueOf(await createCase(arrival(smr), w.intake, COORDINATOR));
}

describe('requestReferral', () => {
  const body = CreateReferralInput.parse({ officeKind: 'civil_registry', need: 'civil_documents', personIds: ['p1'], requestId: REQUEST });

  it('a retry with the same requestId answers with the referral the first made, and writes nothing', async () => {
    const w = world();
    const c = await openCase(w);
    const first = await requestReferral(c.caseId, body, w.intake, COORDINATOR);
    expect(first).toMatchObject({ ok: true, created: true });
    const audit = (await w.repos.cases.view(c.caseId))!.audit.length;
    const again = await requestReferral(c.caseId, body, w.intake, COORDINATOR);
    expect(again).toMatchObject({ ok: true, created: false, value: { referralId: valueOf(first).referralId } });
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.referrals).toHaveLength(1);
    expect(view.audit).toHaveLength(audit);
  });

  it("the body's key order does not make it another request", async () => {
    const w = world();
    const c = await openCase(w);
    const a = valueOf(await requestReferral(c.caseId, body, w.intake, COORDINATOR));
    const reordered = CreateReferralInput.parse({ requestId: REQUEST, personIds: ['p1'], need: 'civil_documents', officeKind: 'civil_registry' });
    expect(await requestReferral(c.caseId, reordered, w.intake, COORDINATOR)).toMatchObject({ ok: true, created: false, value: { referralId: a.referralId } });
  });

  it('the same requestId with another body is refused naming requestId, and writes nothing', async () => {
    const w = world();
    const c = await openCase(w);
    valueOf(await requestReferral(c.caseId, body, w.intake, COORDINATOR));
    expect(await requestReferral(c.caseId, { ...body, note: 'bring the old passport' }, w.intake, COORDINATOR)).toMatchObject({
      ok: false,
      problem: { kind: 'conflict', field: 'requestId', code: 'request-reused' },
    });
    expect((await w.repos.cases.view(c.caseId))!.referrals).toMatchObject([{ need: 'civil_documents' }]);
    expect((await w.repos.cases.view(c.caseId))!.referrals[0]!.note).toBeUndefined();
  });

  it("another coordinator's or another case's same requestId names another referral; none makes a new one each time", async () => {
    const w = world();
    const c = await openCase(w);
    const d = await openCase(w, 'SMR-2026-0143');
    const mine = valueOf(await requestReferral(c.caseId, body, w.intake, COORDINATOR));
    const theirs = valueOf(await requestReferral(c.caseId, body, w.intake, OTHER_COORDINATOR));
    const otherCase = valueOf(await requestReferral(d.caseId, body, w.intake, COORDINATOR));
    expect(new Set([mine.referralId, theirs.referralId, otherCase.referralId]).size).toBe(3);
    const { requestId: _, ...plain } = body;
    valueOf(await requestReferral(c.caseId, plain, w.intake, COORDINATOR));
    valueOf(await requestReferral(c.caseId, plain, w.intake, COORDINATOR));
    expect((await w.repos.cases.view(c.caseId))!.referrals).toHaveLength(4);
  });
});

describe('createAppointment with a requestId', () => {
  const body = AppointmentInput.parse({ kind: 'appointment', when: '2026-12-02T09:00:00.000Z', title: 'Civil registry', where: 'Town hall', requestId: REQUEST });

  it('a retry answers with the appointment the first made: one appointment, one set of reminders', async () => {
    const w = world();
    const c = await openCase(w);
    const first = await createAppointment(c.caseId, body, w.intake, COORDINATOR);
    expect(first).toMatchObject({ ok: true, created: true });
    const again = await createAppointment(c.caseId, body, w.intake, COORDINATOR);
    expect(again).toMatchObject({ ok: true, created: false, value: { appointmentId: valueOf(first).appointmentId, version: 1 } });
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.appointments).toHaveLength(1);
    expect(view.timers.filter((t) => t.kind.startsWith('appointment.')).map((t) => t.kind).sort()).toEqual(['appointment.evening', 'appointment.morning']);
  });

  it('the same requestId with another body is refused naming requestId; a closed case still answers not found', async () => {
    const w = world();
    const c = await openCase(w);
    valueOf(await createAppointment(c.caseId, body, w.intake, COORDINATOR));
    expect(await createAppointment(c.caseId, { ...body, where: 'Municipality, 1st floor' }, w.intake, COORDINATOR)).toMatchObject({
      ok: false,
      problem: { kind: 'conflict', field: 'requestId', code: 'request-reused' },
    });
    expect((await w.repos.cases.view(c.caseId))!.appointments).toMatchObject([{ where: 'Town hall' }]);
    await closeCase(c.caseId, w.intake, COORDINATOR);
    expect(await createAppointment(c.caseId, { ...body, requestId: '9b7e4f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b' }, w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });

  it('a retry once its time has passed, or its case closed, answers with what the first made; a new request is refused as ever', async () => {
    const w = world();
    const c = await openCase(w);
    const first = valueOf(await createAppointment(c.caseId, body, w.intake, COORDINATOR));
    w.clock.set('2026-12-02T09:05:00.000Z');
    expect(await createAppointment(c.caseId, body, w.intake, COORDINATOR)).toMatchObject({ ok: true, created: false, value: first });
    expect(await createAppointment(c.caseId, { ...body, where: 'Municipality, 1st floor' }, w.intake, COORDINATOR)).toMatchObject({
      ok: false,
      problem: { field: 'requestId', code: 'request-reused' },
    });
    expect(await createAppointment(c.caseId, { ...body, requestId: '9b7e4f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b' }, w.intake, COORDINATOR)).toMatchObject({
      ok: false,
      problem: { field: 'when', code: 'not-in-future' },
    });
    await closeCase(c.caseId, w.intake, COORDINATOR);
    expect(await createAppointment(c.caseId, body, w.intake, COORDINATOR)).toMatchObject({ ok: true, created: false, value: { appointmentId: first.appointmentId } });
    expect((await w.repos.cases.view(c.caseId))!.appointments).toHaveLength(1);
  });
});

describe('requestReferral once its case closed', () => {
  it('a retry answers with the referral the first made; a new request is not found', async () => {
    const w = world();
    const c = await openCase(w);
    const body = CreateReferralInput.parse({ officeKind: 'civil_registry', need: 'civil_documents', personIds: ['p1'], requestId: REQUEST });
    const first = valueOf(await requestReferral(c.caseId, body, w.intake, COORDINATOR));
    await closeCase(c.caseId, w.intake, COORDINATOR);
    expect(await requestReferral(c.caseId, body, w.intake, COORDINATOR)).toMatchObject({ ok: true, created: false, value: { referralId: first.referralId } });
    expect(await requestReferral(c.caseId, { ...body, requestId: '9b7e4f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b' }, w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });
});
