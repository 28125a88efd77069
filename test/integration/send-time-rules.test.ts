import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { runTimers } from '../../cli/timers.js';
import { FUNCTIONS } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { encodeIntentTag, sesTagValue } from '../../shared/channels/intent-tag.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { localDate, localTime } from '../../shared/domain/calendar.js';
import { caseKey } from '../../shared/store/case.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import type { IntentItem } from '../../shared/store/intent.js';
import type { Repositories } from '../../shared/store/ports.js';
import { TIMER_RETRY, TimerItem, timerId, timerKey } from '../../shared/store/timer.js';
import { bounceEvent } from '../unit/delivery/ses-event-fixtures.js';
import { call, inbox, obiliqFamily, routeThroughTheIntentStream, stackForFile, textsTo } from './support.js';

/**
 * Rules that hold when a message is about to go out, not only when it was planned, and a timer
 * that keeps failing, on the local stack: an SMS that reaches the deliver function at night waits
 * for the morning; an office address that bounced for good flags the referral at once and gets no
 * more reminders; a failing timer is quarantined, listed and retried through the DynamoDB adapter.
 */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
let repos: Repositories;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const office = bundledDirectory().office('obiliq', 'civil_registry')!;
const poller = (name: string) => stack.pollers.find((p) => p.functionName === name)!;

stackForFile(async (s) => {
  stack = s;
  // What the deliver function does when an intent reaches it on its stream (late, at night, to a
  // dead address): the referral's messages go that way, not through route-referrals' one hop.
  await routeThroughTheIntentStream(stack);
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  repos = dynamoRepositories(db, stack.tableName);
}, { logLevel: 'ERROR' });
afterAll(() => db?.destroy());

async function refer(smr: string, phone: string) {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, phone });
  expect(created.status).toBe(201);
  const referral = await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
  expect(referral.status).toBe(201);
  await stack.settle();
  return { caseId: created.body.caseId as string, referralId: referral.body.referralId as string };
}
const intentOf = async (caseId: string, purpose: string): Promise<IntentItem> => (await repos.cases.view(caseId))!.intents.find((i) => i.purpose === purpose)!;

describe('quiet hours at send time', () => {
  it('an SMS queued at 19:50 whose record reaches the deliver function at 21:00 (a backlog) waits for 08:00 and goes once, with one attempt', async () => {
    const today = localDate(stack.clock.now());
    await stack.advanceTo(new Date(localTime(today, 19).getTime() + 50 * 60_000));
    // The deliver function falls behind: its records wait in the stream.
    const deliver = poller(FUNCTIONS.deliverNotifications.name);
    await deliver.stop();
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-QUIET-1'), coordinatorId: coordinator.id, phone: '049 557 001' });
    const caseId = created.body.caseId as string;
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
    await poller(FUNCTIONS.routeReferrals.name).drained();
    expect(await intentOf(caseId, 'referral.returnee')).toMatchObject({ status: 'queued' });
    stack.clock.set(localTime(today, 21));
    deliver.start();
    await stack.settle();
    expect(await intentOf(caseId, 'referral.returnee')).toMatchObject({ status: 'deferred', attempts: 0, notBefore: localTime(localDate(new Date(localTime(today, 12).getTime() + 86_400_000)), 8).toISOString() });
    // The office's email is not held.
    expect(await intentOf(caseId, 'referral.office')).toMatchObject({ status: 'sent' });
    expect(textsTo(stack, '+38349557001')).toHaveLength(0);

    const morning = new Date(localTime(today, 12).getTime() + 86_400_000);
    await stack.advanceTo(localTime(localDate(morning), 9));
    const sent = await intentOf(caseId, 'referral.returnee');
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    expect(Date.parse(sent.sentAt!)).toBeGreaterThanOrEqual(localTime(localDate(morning), 8).getTime());
    expect(textsTo(stack, '+38349557001')).toHaveLength(1);
  });
});

describe('an office address that bounces for good', () => {
  it('flags the referral at once and the ladder writes no reminder to it: no refused reminders piling up as follow-ups', async () => {
    const { caseId, referralId } = await refer('SMR-DEAD-1', '049 557 002');
    const email = await intentOf(caseId, 'referral.office');
    expect(email.status).toBe('sent');
    await stack.publishSesEvent(
      bounceEvent({
        messageId: email.providerMessageId!,
        recipient: email.recipient!,
        sentAt: email.sentAt!,
        configurationSet: stack.env.SES_CONFIGURATION_SET!,
        tags: { purpose: sesTagValue(email.purpose), template: sesTagValue(email.template), intent: encodeIntentTag(email) },
        bounceType: 'Permanent',
        bounceSubType: 'General',
        status: '5.1.1',
        at: stack.clock.now().toISOString(),
      }),
    );
    expect(await repos.referrals.get(caseId, referralId)).toMatchObject({ flagReason: 'address_undeliverable', flaggedAt: expect.any(String) });

    // A second referral to the same office, a day later: refused before the provider, flagged at once.
    const second = await refer('SMR-DEAD-2', '049 557 003');
    expect(await intentOf(second.caseId, 'referral.office')).toMatchObject({ status: 'failed', failure: { code: 'AddressUndeliverable' } });
    expect(await repos.referrals.get(second.caseId, second.referralId)).toMatchObject({ flagReason: 'address_undeliverable' });

    // Past the reminder (to the office) and the escalation (to its head, a working address).
    // Each rung writes the next as it fires: the escalation is there once the reminder has fired.
    const reminder = (await repos.cases.view(caseId))!.timers.find((t) => t.kind === 'referral.ack.reminder')!;
    await stack.advanceTo(new Date(Date.parse(reminder.dueAt) + 60_000));
    const escalation = (await repos.cases.view(caseId))!.timers.find((t) => t.kind === 'referral.ack.escalation')!;
    await stack.advanceTo(new Date(Date.parse(escalation.dueAt) + 60_000));
    const intents = (await repos.cases.view(caseId))!.intents;
    expect(intents.filter((i) => i.template === 'referral.office.reminder')).toEqual([]);
    expect(intents.filter((i) => i.template === 'referral.head.escalation').map((i) => i.status)).toEqual(['sent']);
    const view = (await repos.cases.view(caseId))!;
    expect(view.timers.find((t) => t.kind === 'referral.ack.reminder')).toMatchObject({ status: 'fired' });
    expect(view.audit.find((a) => a.event === 'timer.referral.ack.reminder')).toMatchObject({ detail: { outcome: 'moot' } });
    const tasks = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { caseId: string; template: string }[];
    expect(tasks.filter((t) => t.caseId === caseId).map((t) => t.template)).toEqual(['referral.office.email']);
    expect((await inbox(stack)).filter((e) => e.destination.to.includes(office.email) && e.subject.includes('SMR-DEAD-1'))).toHaveLength(1);
  });
});

describe('a timer that keeps failing, through the DynamoDB adapter', () => {
  it('is retried at a growing interval, quarantined at the last failure, listed by the CLI, and fires once retried after the fix', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-QUAR-1'), coordinatorId: coordinator.id, arrivalDate: localDate(stack.clock.now()) });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    // Its welcome SMS delivered before the case item breaks (delivery reads the case too).
    await stack.settle();
    // Read as stored: the case's view cannot be read while its case item is broken.
    const visit = async () =>
      TimerItem.parse((await db.send(new GetCommand({ TableName: stack.tableName, Key: timerKey({ caseId }, timerId(caseId, 'visit.reminder', 1)), ConsistentRead: true }))).Item);
    // The case item is broken (as by a bad migration): every firing of its timers throws.
    const setStatus = (status: string) =>
      db.send(new UpdateCommand({ TableName: stack.tableName, Key: caseKey(caseId), UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': status } }));
    await setStatus('mangled');
    for (let n = 1; n <= TIMER_RETRY.maxAttempts; n++) {
      const t = await visit();
      expect(t.status, `attempt ${n}`).toBe('pending');
      await stack.advanceTo(new Date(Date.parse(t.dueAt) + 60_000));
    }
    const quarantined = await visit();
    expect(quarantined).toMatchObject({ status: 'quarantined', failures: TIMER_RETRY.maxAttempts, lastError: '$ZodError' });
    expect(quarantined.dueBucket).toBeUndefined();

    const env = { TABLE_NAME: stack.tableName };
    const listed = await runTimers(['quarantined', '--json'], { env });
    const entries = JSON.parse(listed.stdout) as { pk: string; sk: string; kind: string }[];
    expect(entries).toEqual([expect.objectContaining({ pk: `CASE#${caseId}`, kind: 'visit.reminder', failures: TIMER_RETRY.maxAttempts, lastError: '$ZodError' })]);
    expect(listed.stdout).not.toContain('SMR-QUAR-1');

    await setStatus('open');
    expect((await runTimers(['retry', entries[0]!.pk, entries[0]!.sk], { env, now: () => stack.clock.now() })).exitCode).toBe(0);
    await stack.advance(60_000);
    expect(await visit()).toMatchObject({ status: 'fired' });
    expect((await runTimers(['quarantined'], { env })).stdout).toBe('no quarantined timers\n');
  });
});
