import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * A returnee who asked for no SMS (to the coordinator, or by replying STOP) gets none; nothing
 * goes silent either: each message that could not go out is a call-or-visit task for the
 * coordinator, closed when they report how they reached the person.
 */
let stack: LocalStack;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const coordinatorId = coordinator.id;

stackForFile((s) => (stack = s), { logLevel: 'WARN' });

async function openCase(smr: string, phone: string): Promise<string> {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId, phone });
  expect(created.status).toBe(201);
  // Its welcome SMS goes out first: what follows is about the referral's.
  await stack.settle();
  return created.body.caseId as string;
}

async function refer(caseId: string) {
  expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
  await stack.settle();
  return (await call(stack, 'GET', `/cases/${caseId}`)).body;
}

const smsOf = (view: Record<string, any>) => view.referrals.flatMap((r: { notifications: { channel: string }[] }) => r.notifications.filter((n) => n.channel === 'sms'));
const followUps = async () => (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { followUpId: string; caseId: string; channel: string; reason: string }[];

describe('a number on the SNS opt-out list', () => {
  it('is not sent to; the SMS fails as OptedOut and becomes a call-or-visit task', async () => {
    const caseId = await openCase('SMR-OPTOUT-STOP', '049 555 201');
    stack.sms.optOut('+38349555201');
    const view = await refer(caseId);
    const [sms] = smsOf(view);
    expect(sms.status).toBe('failed');
    expect(sms.failure).toEqual({ kind: 'non-retryable', code: 'OptedOut' });
    expect(textsTo(stack, '+38349555201')).toHaveLength(0);
    // The office's email went out as usual.
    expect(view.referrals[0].notifications.find((n: { channel: string }) => n.channel === 'email').status).toBe('sent');

    const task = (await followUps()).find((f) => f.caseId === caseId);
    expect(task).toMatchObject({ channel: 'sms', reason: 'OptedOut' });

    // The coordinator is told at once, in their language, with what the SMS would have said.
    const told = (await inbox(stack)).filter((e) => e.destination.to.includes(coordinator.email) && e.subject.startsWith('Kontaktoni') && e.subject.includes('SMR-OPTOUT-STOP'));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe('Kontaktoni me telefon ose vizitë — rasti SMR-OPTOUT-STOP');
    expect(told[0]!.body.text).toContain('personi u përgjigj STOP');
    expect(told[0]!.body.text).toContain(obiliq.offices.find((o) => o.kind === 'civil_registry')!.address.sq);

    // The coordinator phoned the family: the task is done, on record, and cannot be closed twice.
    const done = await call(stack, 'POST', `/municipalities/obiliq/follow-ups/${task!.followUpId}`, { outcome: 'reached_by_phone' });
    expect(done.status).toBe(200);
    expect((await followUps()).find((f) => f.caseId === caseId)).toBeUndefined();
    expect((await call(stack, 'POST', `/municipalities/obiliq/follow-ups/${task!.followUpId}`, { outcome: 'visited' })).status).toBe(404);
    const after = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    expect(smsOf(after)[0].followUp).toMatchObject({ outcome: 'reached_by_phone' });
    expect(after.audit.map((a: { event: string }) => a.event)).toContain('followup.done');
  });

  it('a follow-up outcome must be one of the known ones, and another municipality cannot close it', async () => {
    const caseId = await openCase('SMR-OPTOUT-STOP-2', '049 555 202');
    stack.sms.optOut('+38349555202');
    await refer(caseId);
    const task = (await followUps()).find((f) => f.caseId === caseId)!;
    const bad = await call(stack, 'POST', `/municipalities/obiliq/follow-ups/${task.followUpId}`, { outcome: 'emailed' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('outcome');
    expect((await call(stack, 'POST', `/municipalities/partesh/follow-ups/${task.followUpId}`, { outcome: 'visited' })).status).toBe(404);
    expect((await call(stack, 'POST', '/municipalities/obiliq/follow-ups/not-a-key!', { outcome: 'visited' })).status).toBe(404);
  });
});

describe('the coordinator opts a returnee out', () => {
  it('stops an SMS already waiting for the morning; later referrals send none', async () => {
    const caseId = await openCase('SMR-OPTOUT-COORD', '049 555 203');
    // 21:00 in Kosovo: the referral SMS waits for 08:00.
    await stack.advanceTo(new Date('2026-11-23T20:00:00Z'));
    const [waiting] = smsOf(await refer(caseId));
    expect(waiting.status).toBe('deferred');

    const noReason = await call(stack, 'PUT', `/cases/${caseId}/sms-opt-out`, { optedOut: true });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const optOut = await call(stack, 'PUT', `/cases/${caseId}/sms-opt-out`, { optedOut: true, reason: 'returnee_asked' });
    expect(optOut.status).toBe(200);
    expect(optOut.body).toMatchObject({ sms: 'opted_out', reason: 'returnee_asked' });

    await stack.advanceTo(new Date('2026-11-24T07:10:00Z')); // 08:10: the deferred SMS is released
    const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    expect(view.consent.sms).toBe(false);
    expect(view.smsOptOut).toMatchObject({ reason: 'returnee_asked' });
    expect(smsOf(view)[0]).toMatchObject({ status: 'failed', failure: { code: 'OptedOutByCoordinator' } });
    expect(textsTo(stack, '+38349555203')).toHaveLength(0);
    expect((await followUps()).find((f) => f.caseId === caseId)).toMatchObject({ reason: 'OptedOutByCoordinator' });
    const told = (await inbox(stack)).filter((e) => e.destination.to.includes(coordinator.email) && e.subject.startsWith('Kontaktoni') && e.subject.includes('SMR-OPTOUT-COORD'));
    expect(told.map((e) => e.body.text)).toEqual([expect.stringContaining('me kërkesën tuaj')]);
    expect(view.audit.map((a: { event: string }) => a.event)).toContain('case.sms_opted_out');

    // A later referral: no SMS is even queued.
    const later = await refer(caseId);
    expect(smsOf(later).map((n: { status: string; skipReason?: string }) => `${n.status}:${n.skipReason}`)).toContain('skipped:no_sms_consent');

    // Back in: the next referral texts again.
    expect((await call(stack, 'PUT', `/cases/${caseId}/sms-opt-out`, { optedOut: false })).status).toBe(200);
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'] })).status).toBe(201);
    await stack.settle();
    expect(textsTo(stack, '+38349555203')).toHaveLength(1);
  });

  it('answers 404 for a case that does not exist', async () => {
    expect((await call(stack, 'PUT', '/cases/01JZZZZZZZZZZZZZZZZZZZZZZZ/sms-opt-out', { optedOut: true, reason: 'other' })).status).toBe(404);
  });
});
