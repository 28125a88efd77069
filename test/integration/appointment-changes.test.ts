import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { MovableClock } from '../../shared/domain/clock.js';
import { call, obiliqFamily, TEST_START, textsTo } from './support.js';

/**
 * R4's case on the local stack: an appointment the family was reminded of the evening before,
 * moved at 19:10 to the next day, through PUT /cases/{id}/appointments/{id} in the api handler;
 * the "moved" SMS on DynamoDB Local's stream, deliver-notifications and the SMS sink; then the
 * sweep over the two days after, which texts the new time's reminders and none of the old one's.
 * And an appointment called off after its reminder (DELETE): the family is told, once.
 */
let stack: LocalStack;
const coordinator = bundledDirectory().municipality('obiliq')!.coordinators[0]!;

beforeAll(async () => {
  stack = await startLocalStack({ logLevel: 'WARN', clock: new MovableClock(TEST_START) });
});
afterAll(async () => stack?.stop());

async function caseWithAppointment(smrCaseId: string, phone: string, when: string) {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smrCaseId), coordinatorId: coordinator.id, phone });
  expect(created.status).toBe(201);
  await stack.settle();
  const caseId = created.body.caseId as string;
  const appt = await call(stack, 'POST', `/cases/${caseId}/appointments`, { kind: 'appointment', when, title: 'Regjistrimi', where: 'Zyra e Punësimit' });
  expect(appt.status, JSON.stringify(appt.body)).toBe(201);
  return { caseId, appointmentId: appt.body.appointmentId as string };
}

describe('an appointment moved or called off after its evening reminder', () => {
  it('texts the family the new day at once; the old time gets no more reminders, the new one its own', async () => {
    const PHONE = '+38349555321';
    // Tuesday 24.11 10:00 and Wednesday 25.11 10:00 (Kosovo).
    const { caseId, appointmentId } = await caseWithAppointment('SMR-MOVED-1', '049 555 321', '2026-11-24T10:00:00+01:00');
    const DELETED = '+38349555322';
    const other = await caseWithAppointment('SMR-MOVED-2', '049 555 322', '2026-11-24T11:00:00+01:00');
    await stack.advanceTo(new Date('2026-11-23T18:10:00.000Z')); // 19:10, the reminders of 18:00 sent
    const welcomeAndEvening = textsTo(stack, PHONE).length;
    expect(textsTo(stack, PHONE).at(-1)!.message).toMatch(/: neser ne oren 10:00 - Regjistrimi/);

    const moved = await call(stack, 'PUT', `/cases/${caseId}/appointments/${appointmentId}`, { when: '2026-11-25T10:00:00+01:00' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const cancelled = await call(stack, 'DELETE', `/cases/${other.caseId}/appointments/${other.appointmentId}`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    await stack.settle();
    expect(textsTo(stack, PHONE).slice(welcomeAndEvening).map((m) => m.message)).toEqual([
      expect.stringMatching(/^ZKKK Obiliq: Termini i 24\.11, ora 10:00, u zhvendos per 25\.11, ora 10:00\. Info: https?:\/\/\S+\/p\/\S+$/),
    ]);
    expect(textsTo(stack, DELETED).at(-1)!.message).toMatch(/^ZKKK Obiliq: Termini juaj i 24\.11, ora 11:00, u anulua\. Info: /);
    const deletedCount = textsTo(stack, DELETED).length;

    await stack.advanceTo(new Date('2026-11-25T09:30:00.000Z')); // past the new time
    expect(textsTo(stack, PHONE).slice(welcomeAndEvening + 1).map((m) => m.message)).toEqual([
      expect.stringMatching(/: neser ne oren 10:00 - Regjistrimi/), // 24.11 18:00, for Wednesday
      expect.stringMatching(/: sot ne oren 10:00 - Regjistrimi/), // 25.11 08:00
    ]);
    expect(textsTo(stack, DELETED)).toHaveLength(deletedCount);
    const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    const notices = (view.notifications as { template: string; status: string }[]).filter((n) => n.template === 'appointment.returnee.moved');
    expect(notices).toEqual([expect.objectContaining({ status: 'sent' })]);
  });
});
