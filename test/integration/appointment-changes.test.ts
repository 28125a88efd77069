import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { documentClient } from '../../shared/aws/clients.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * R4's case on the local stack: an appointment the family was reminded of the evening before,
 * moved at 19:10 to the next day, through PUT /cases/{id}/appointments/{id} in the api handler;
 * the "moved" SMS on DynamoDB Local's stream, deliver-notifications and the SMS sink; then the
 * sweep over the two days after, which texts the new time's reminders and none of the old one's.
 * And an appointment called off after its reminder (DELETE): the family is told, once. And a
 * move whose SMS was held for the morning, moved again as that SMS goes out (a middleware on the
 * functions' own DynamoDB client sends it between the change's read and its transaction).
 */
let stack: LocalStack;
const coordinator = bundledDirectory().municipality('obiliq')!.coordinators[0]!;

stackForFile((s) => (stack = s), { logLevel: 'WARN' });

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

/** Runs `act` once, before the functions' first TransactWriteItems whose request names `marker`. */
function beforeTransactionNaming(marker: string, act: () => Promise<unknown>): () => void {
  const name = 'beforeTransactionNaming';
  let ran = false;
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      if (!ran && String(context.commandName).startsWith('TransactWrite') && JSON.stringify(args.input).includes(marker)) {
        ran = true;
        await act();
      }
      return next(args);
    },
    { step: 'build', name, override: true },
  );
  return () => void documentClient().middlewareStack.remove(name);
}

describe("an appointment moved again while the first move's held SMS goes out", () => {
  it('tells the family of the second move from the time the first SMS gave them, each once', async () => {
    const PHONE = '+38349555323';
    // Friday 27.11 10:00 (Kosovo); moved at 21:30 on Wednesday to 14:00, its SMS held for 08:00.
    const { caseId, appointmentId } = await caseWithAppointment('SMR-MOVED-3', '049 555 323', '2026-11-27T10:00:00+01:00');
    await stack.advanceTo(new Date('2026-11-25T20:30:00.000Z'));
    const before = textsTo(stack, PHONE).length;
    const first = await call(stack, 'PUT', `/cases/${caseId}/appointments/${appointmentId}`, { when: '2026-11-27T14:00:00+01:00' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    await stack.settle();
    expect(textsTo(stack, PHONE)).toHaveLength(before);

    // 07:55 on Thursday: moved again; the held SMS is released and sent between the read and the write.
    await stack.advanceTo(new Date('2026-11-26T06:55:00.000Z'));
    const stop = beforeTransactionNaming(`${appointmentId}#appointment.moved#3`, () => stack.advanceTo(new Date('2026-11-26T07:00:30.000Z')));
    try {
      const second = await call(stack, 'PUT', `/cases/${caseId}/appointments/${appointmentId}`, { when: '2026-11-27T15:30:00+01:00' });
      expect(second.status, JSON.stringify(second.body)).toBe(200);
    } finally {
      stop();
    }
    await stack.advanceTo(new Date('2026-11-26T07:20:00.000Z'));
    expect(textsTo(stack, PHONE).slice(before).map((m) => m.message)).toEqual([
      expect.stringMatching(/^ZKKK Obiliq: Termini i 27\.11, ora 10:00, u zhvendos per 27\.11, ora 14:00\. /),
      expect.stringMatching(/^ZKKK Obiliq: Termini i 27\.11, ora 14:00, u zhvendos per 27\.11, ora 15:30\. /),
    ]);
    const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    const moves = (view.notifications as { template: string; status: string }[]).filter((n) => n.template === 'appointment.returnee.moved');
    expect(moves.map((n) => n.status)).toEqual(['sent', 'sent']);
    // Two days of sweeps when it runs alone (-t), on a machine shared with other runs.
  }, 240_000);
});

describe("an appointment changed while the first move's held SMS is with the provider", () => {
  it('answers 409 and writes nothing; throttled back, the retry replaces that SMS: the family hears one move, from the time it knew', async () => {
    const PHONE = '+38349555324';
    // Friday 4.12 10:00 (Kosovo); moved at 21:30 on Wednesday to 14:00, its SMS held for 08:00.
    const { caseId, appointmentId } = await caseWithAppointment('SMR-MOVED-4', '049 555 324', '2026-12-04T10:00:00+01:00');
    await stack.advanceTo(new Date('2026-12-02T20:30:00.000Z'));
    const before = textsTo(stack, PHONE).length;
    const first = await call(stack, 'PUT', `/cases/${caseId}/appointments/${appointmentId}`, { when: '2026-12-04T14:00:00+01:00' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);

    // 08:00 on Thursday: SNS has the held SMS when the coordinator moves it again, and then throttles it.
    await stack.advanceTo(new Date('2026-12-03T06:55:00.000Z'));
    const faults = stack.sms.failedPublishes;
    let during: Awaited<ReturnType<typeof call>> | undefined;
    const move = () => call(stack, 'PUT', `/cases/${caseId}/appointments/${appointmentId}`, { when: '2026-12-04T15:30:00+01:00' });
    stack.sms.failPublishes(1, undefined, { phoneNumber: PHONE, meanwhile: async () => void (during = await move()) });
    await stack.advanceTo(new Date('2026-12-03T07:00:30.000Z'));
    expect(stack.sms.failedPublishes - faults).toBe(1);
    expect(during?.status, JSON.stringify(during?.body)).toBe(409);
    expect(during?.body).toMatchObject({ code: 'sms-being-sent', message: expect.stringMatching(/try again in a minute/) });
    const held = async () => ((await call(stack, 'GET', `/cases/${caseId}`)).body.notifications as { template: string; status: string }[]).filter((n) => n.template === 'appointment.returnee.moved');
    expect((await held()).map((n) => n.status)).toEqual(['deferred']);

    // The coordinator tries again: the throttled SMS, back to deferred, is cancelled in the move's write.
    const again = await move();
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    // Sent before the clock moves on: a lease outrun on a busy machine would leave it unconfirmed.
    await stack.settle();
    await stack.advanceTo(new Date('2026-12-03T07:20:00.000Z'));
    expect(textsTo(stack, PHONE).slice(before).map((m) => m.message)).toEqual([
      expect.stringMatching(/^ZKKK Obiliq: Termini i 04\.12, ora 10:00, u zhvendos per 04\.12, ora 15:30\. /),
    ]);
    expect((await held()).map((n) => n.status).sort()).toEqual(['cancelled', 'sent']);
  }, 240_000);
});
