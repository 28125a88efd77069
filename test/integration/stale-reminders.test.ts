import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * An appointment's reminders ("tomorrow at 08:30", "today at 08:30") on the local stack. The
 * evening one goes; then SNS throttles every SMS to the family. The sweep, the stream and the
 * deliver function retry the morning one on DynamoDB Local until a retry would come after 08:30,
 * and then end it (`Stale`) rather than text "today at 08:30" later. The family had the evening
 * one, so the coordinator finds it in the call-or-visit list but gets no email about it.
 * (Half an hour leaves room for five tries at most: it cannot end by running out of attempts.)
 */
let stack: LocalStack;
const coordinator = bundledDirectory().municipality('obiliq')!.coordinators[0]!;
const PHONE = '+38349555311';
/** Tuesday 24 November 2026, 08:30 in Kosovo: the day after TEST_START. */
const WHEN = '2026-11-24T07:30:00.000Z';

stackForFile((s) => (stack = s), { logLevel: 'WARN' });

describe('an appointment reminder the provider throttles past its words', () => {
  it('ends Stale instead of going out late; the evening one had gone, so it is listed with no email', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-STALE-1'), coordinatorId: coordinator.id, phone: '049 555 311' });
    expect(created.status).toBe(201);
    await stack.settle();
    const caseId = created.body.caseId as string;
    const appt = await call(stack, 'POST', `/cases/${caseId}/appointments`, { kind: 'appointment', when: '2026-11-24T08:30:00+01:00', title: 'Regjistrimi', where: 'Zyra e Punësimit' });
    expect(appt.status, JSON.stringify(appt.body)).toBe(201);
    await stack.advanceTo(new Date('2026-11-23T17:30:00.000Z')); // 18:30, the evening before
    expect(textsTo(stack, PHONE).map((m) => m.message)).toEqual([expect.stringMatching(/: neser ne oren 08:30 - Regjistrimi/)]);
    const before = textsTo(stack, PHONE).length;
    // Every SMS to the family is throttled from now on: far more faults than attempts.
    stack.sms.failPublishes(40, undefined, { phoneNumber: PHONE });

    await stack.advanceTo(new Date('2026-11-24T09:00:00.000Z')); // 10:00 on the day
    expect(textsTo(stack, PHONE)).toHaveLength(before);
    const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    const reminders = (view.notifications as { template: string; status: string; failure?: { kind: string; code: string }; attempts: number }[]).filter((n) => n.template.startsWith('appointment.returnee.'));
    expect(reminders.map((n) => [n.template, n.status, n.failure])).toEqual(
      expect.arrayContaining([
        ['appointment.returnee.evening', 'sent', undefined],
        ['appointment.returnee.morning', 'failed', { kind: 'age-exceeded', code: 'Stale' }],
      ]),
    );
    expect(reminders).toHaveLength(2);
    // Tried while its words held, and ended as a try came whose next one would be too late.
    const morning = reminders.find((n) => n.template === 'appointment.returnee.morning')!;
    expect(morning.attempts).toBeGreaterThan(1);
    const ended = (view.audit as { event: string; at: string; detail?: Record<string, string> }[]).filter((a) => a.event === 'notification.failed' && a.detail?.failure === 'Stale');
    expect(ended.map((a) => a.detail?.template)).toEqual(['appointment.returnee.morning']);
    expect(Date.parse(ended[0]!.at)).toBeLessThan(Date.parse(WHEN));
    const tasks = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { caseId: string }[];
    expect(tasks.filter((t) => t.caseId === caseId)).toHaveLength(1);
    const told = (await inbox(stack)).filter((e) => e.destination.to.includes(coordinator.email) && e.subject.startsWith('Kontaktoni') && e.subject.includes('SMR-STALE-1'));
    expect(told).toEqual([]);
  });
});
