import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { addressHash, addressKey } from '../../shared/store/address.js';
import type { IntentItem } from '../../shared/store/intent.js';
import { lists } from '../../shared/store/worklist.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import type { AddressRepository, IntentRepository } from '../../shared/store/ports.js';
import { TABLE } from '../../shared/store/table.js';
import { bounceEvent, complaintEvent, deliveryEvent } from '../unit/delivery/ses-event-fixtures.js';
import { call, captureOutput, inbox, obiliqFamily, parteshFamily, sesMailOf, stackForFile, type SesEmail } from './support.js';

/**
 * SES configuration-set events on the local stack. The SES emulator emits none, so each test
 * builds the event SES would publish for an email the platform really sent (its message id, its
 * recipient, the message tags the deliver function set) and puts it on the local default bus,
 * which hands it to the email-events handler module exactly as EventBridge would.
 */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
let intents: IntentRepository;
let addresses: AddressRepository;
let output: ReturnType<typeof captureOutput>;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const partesh = directory.municipality('partesh')!;

stackForFile((s, o) => {
  stack = s;
  output = o;
  // startLocalStack put the endpoints in the environment, as it does for the functions.
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  ({ intents, addresses } = dynamoRepositories(db, stack.tableName));
});
afterAll(() => db?.destroy());

/** A new case with one referral; returns the office email's intent once it is sent. */
async function referAndSend(family: Record<string, unknown>, coordinatorId: string, officeKind: string, need: string): Promise<{ caseId: string; intent: IntentItem }> {
  const created = await call(stack, 'POST', '/cases', { ...family, coordinatorId });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.caseId as string;
  const referral = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind, need });
  expect(referral.status, JSON.stringify(referral.body)).toBe(201);
  await stack.settle();
  const intent = await intents.get({ pk: `CASE#${caseId}`, intentId: `${referral.body.referralId}#referral.office` });
  expect(intent?.status).toBe('sent');
  expect(intent?.providerMessageId).toBeTruthy();
  return { caseId, intent: intent! };
}

/** What SES puts in `mail` for that email. */
const mailOf = (intent: IntentItem) => sesMailOf(stack, intent);

const now = () => stack.clock.now().toISOString();
const to = (emails: SesEmail[], address: string) => emails.filter((e) => e.destination.to.includes(address));

describe('a permanent bounce of a referral email (Partesh, coordinator reads sr-Latn)', () => {
  const office = partesh.offices.find((o) => o.kind === 'civil_registry')!;
  const coordinator = partesh.coordinators[0]!;
  let caseId: string;
  let intent: IntentItem;
  let published: Awaited<ReturnType<LocalStack['publishSesEvent']>>;
  let logsBefore: number;

  beforeAll(async () => {
    ({ caseId, intent } = await referAndSend(parteshFamily('SMR-2026-BOUNCE'), coordinator.id, 'civil_registry', 'civil_documents'));
    logsBefore = output.text().length;
    published = await stack.publishSesEvent(bounceEvent({ ...mailOf(intent), bounceType: 'Permanent', bounceSubType: 'General', status: '5.1.1', at: now() }));
  });

  it('reaches email-events as an EventBridge event of the exact shape, handled at the first try', () => {
    expect(published.event).toMatchObject({ version: '0', source: 'aws.ses', 'detail-type': 'Email Bounced', region: 'eu-central-1' });
    expect(published.deliveries).toEqual([
      { functionName: 'email-events', attempts: 1, result: { action: 'undeliverable', intent: 'changed', alerts: partesh.coordinators.length } },
    ]);
    expect(stack.eventDlq).toEqual([]);
  });

  it('fails the intent (non-retryable, BouncePermanent) into the municipality’s follow-up list, keeping its body for the call', async () => {
    const failed = (await intents.get(intent))!;
    expect(failed.status).toBe('failed');
    expect(failed.failure).toEqual({ kind: 'non-retryable', code: 'BouncePermanent' });
    expect(failed.listKey).toBe(lists.failed('partesh'));
    expect(failed.data).toBeDefined();
    const list = await db.send(
      new QueryCommand({ TableName: stack.tableName, IndexName: TABLE.worklistIndex.name, KeyConditionExpression: 'listKey = :k', ExpressionAttributeValues: { ':k': lists.failed('partesh') } }),
    );
    expect((list.Items ?? []).map((i) => i.intentId)).toContain(intent.intentId);
    // The case shows it, with its audit entry.
    const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    const email = view.referrals[0].notifications.find((n: { channel: string }) => n.channel === 'email');
    expect(email).toMatchObject({ status: 'failed', failure: { kind: 'non-retryable', code: 'BouncePermanent' } });
    expect(view.audit.some((a: { event: string; by: string; detail?: Record<string, string> }) => a.event === 'notification.failed' && a.by === 'system:email-events' && a.detail?.failure === 'BouncePermanent')).toBe(true);
  });

  it('marks the address undeliverable, keyed by its hash: the item holds no address', async () => {
    expect(await addresses.isSuppressed(office.email)).toBe('undeliverable');
    expect(await addresses.isSuppressed(office.email.toUpperCase())).toBe('undeliverable');
    const raw = (await db.send(new GetCommand({ TableName: stack.tableName, Key: addressKey(addressHash(office.email)) }))).Item!;
    expect(raw).toMatchObject({ type: 'Address', status: 'undeliverable', lastMessageId: intent.providerMessageId, codes: ['Permanent/General', '5.1.1'] });
    expect(raw.expiresAt).toBeUndefined();
    expect(JSON.stringify(raw)).not.toContain('@');
  });

  it("alerts the coordinator in their language: the office, its address, the case, what to do", async () => {
    const alerts = to(await inbox(stack), coordinator.email).filter((e) => e.subject.startsWith('E-poruka nije isporučena'));
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert!.subject).toBe(`E-poruka nije isporučena: ${office.name.sr} — molimo postupite`);
    const text = alert!.body.text!;
    expect(text).toContain(`Adresa: ${office.email}`);
    expect(text).toContain('Broj slučaja u SUS: SMR-2026-BOUNCE');
    expect(text).toContain('Poruka: upućivanje kancelariji');
    expect(text).toContain('1. Danas pozovite kancelariju');
    expect(text).toContain('ispravi u imeniku');
    expect(text).toContain('otkažite ovo upućivanje i ponovo uputite slučaj');
  });

  it('the same event delivered again (EventBridge: at least once; SES may publish twice) sends no second alert and changes nothing', async () => {
    const before = await inbox(stack);
    const again = await stack.redeliverEvent(published.event);
    expect(again).toEqual([{ functionName: 'email-events', attempts: 1, result: { action: 'undeliverable', intent: 'unchanged', alerts: 0 } }]);
    const republished = await stack.publishSesEvent(published.event.detail as Parameters<LocalStack['publishSesEvent']>[0]);
    expect(republished.deliveries[0]!.result).toEqual({ action: 'undeliverable', intent: 'unchanged', alerts: 0 });
    expect((await inbox(stack)).length).toBe(before.length);
    expect((await intents.get(intent))!.status).toBe('failed');
  });

  it('the dead address gets no more email: the next referral to that office fails at once, for a phone call', async () => {
    const before = to(await inbox(stack), office.email).length;
    const referral = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents', personIds: ['p2'] });
    expect(referral.status).toBe(201);
    await stack.settle();
    const next = await intents.get({ pk: `CASE#${caseId}`, intentId: `${referral.body.referralId}#referral.office` });
    expect(next).toMatchObject({ status: 'failed', failure: { kind: 'non-retryable', code: 'AddressUndeliverable' }, listKey: lists.failed('partesh') });
    expect(to(await inbox(stack), office.email)).toHaveLength(before);
  });

  it('logs the event without the address', () => {
    const logs = output.text().slice(logsBefore);
    expect(logs).toContain('SES event handled');
    expect(logs).not.toContain(office.email);
    expect(logs).not.toContain(coordinator.email);
    expect(logs).not.toMatch(/[\w.+-]+@[\w-]+\.(example\.org|test)/);
  });
});

describe('a complaint (Obiliq)', () => {
  const office = obiliq.offices.find((o) => o.kind === 'employment_office')!;

  it('suppresses the address and alerts both coordinators in Albanian; the delivered email stays sent', async () => {
    const { intent } = await referAndSend(obiliqFamily('SMR-2026-COMPLAINT'), obiliq.coordinators[0]!.id, 'employment_office', 'job_seeker_registration');
    const { deliveries } = await stack.publishSesEvent(complaintEvent({ ...mailOf(intent), at: now() }));
    expect(deliveries[0]!.result).toEqual({ action: 'complained', intent: 'unchanged', alerts: obiliq.coordinators.length });
    expect(await addresses.isSuppressed(office.email)).toBe('complained');
    expect((await intents.get(intent))!.status).toBe('sent');
    const mail = await inbox(stack);
    for (const c of obiliq.coordinators) {
      const alerts = to(mail, c.email).filter((e) => e.subject.startsWith('Emaili u shënua si i padëshiruar'));
      expect(alerts, c.id).toHaveLength(1);
      expect(alerts[0]!.subject).toBe(`Emaili u shënua si i padëshiruar: ${office.name.sq} — ju lutemi veproni`);
      expect(alerts[0]!.body.text).toContain(`Adresa: ${office.email}`);
      expect(alerts[0]!.body.text).toContain('„jo i padëshiruar“');
    }
    // Once cleared (the office fixed its spam filter), email may go to it again.
    expect(await addresses.clear(office.email)).toBe('complained');
    expect(await addresses.isSuppressed(office.email)).toBeUndefined();
  });
});

describe('a transient bounce (mailbox full)', () => {
  const office = obiliq.offices.find((o) => o.kind === 'education_directorate')!;

  it('gives the email back for a later attempt; when the clock reaches it, it is sent again, once', async () => {
    const { intent } = await referAndSend(obiliqFamily('SMR-2026-TRANSIENT'), obiliq.coordinators[0]!.id, 'education_directorate', 'school_enrolment');
    expect(to(await inbox(stack), office.email)).toHaveLength(1);
    const bouncedAt = stack.clock.now();
    const { deliveries } = await stack.publishSesEvent(bounceEvent({ ...mailOf(intent), bounceType: 'Transient', bounceSubType: 'MailboxFull', at: bouncedAt.toISOString() }));
    expect(deliveries[0]!.result).toEqual({ action: 'retry', intent: 'changed', alerts: 0 });

    const deferred = (await intents.get(intent))!;
    expect(deferred.status).toBe('deferred');
    expect(deferred.lastError).toBe('BounceTransient');
    expect(Date.parse(deferred.notBefore!)).toBeGreaterThan(bouncedAt.getTime());
    expect(deferred.dueAt).toBe(deferred.notBefore);
    expect(deferred.data).toBeDefined(); // the body to send again
    expect(await addresses.isSuppressed(office.email)).toBeUndefined();
    expect(to(await inbox(stack), office.email)).toHaveLength(1); // nothing before its time

    await stack.advanceTo(new Date(Date.parse(deferred.notBefore!) + 6 * 60_000));
    const resent = (await intents.get(intent))!;
    expect(resent.status).toBe('sent');
    expect(resent.attempts).toBe(2);
    expect(resent.providerMessageId).not.toBe(intent.providerMessageId);
    expect(to(await inbox(stack), office.email)).toHaveLength(2);

    // The old message's bounce arriving again changes nothing: it is about the earlier attempt.
    const late = await stack.publishSesEvent(bounceEvent({ ...mailOf(intent), bounceType: 'Transient', bounceSubType: 'MailboxFull', at: bouncedAt.toISOString() }));
    expect(late.deliveries[0]!.result).toEqual({ action: 'retry', intent: 'unchanged', alerts: 0 });
    expect((await intents.get(intent))!.status).toBe('sent');
    expect(to(await inbox(stack), office.email)).toHaveLength(2);
  });
});

describe('a delivery', () => {
  it("removes the intent's body once the email has arrived; the record of what went out stays", async () => {
    const { intent } = await referAndSend(obiliqFamily('SMR-2026-DELIVERED'), obiliq.coordinators[0]!.id, 'social_work_centre', 'social_support');
    expect(intent.data).toBeDefined();
    const { event, deliveries } = await stack.publishSesEvent(deliveryEvent({ ...mailOf(intent), at: now() }));
    expect(deliveries[0]!.result).toEqual({ action: 'delivered', intent: 'changed', alerts: 0 });
    const delivered = (await intents.get(intent))!;
    expect(delivered.status).toBe('sent');
    expect(delivered.providerMessageId).toBe(intent.providerMessageId);
    expect(delivered.template).toBe('referral.office.email');
    const raw = (await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: intent.pk, sk: intent.sk } }))).Item!;
    expect(raw.data).toBeUndefined();
    expect((await stack.redeliverEvent(event))[0]!.result).toEqual({ action: 'delivered', intent: 'unchanged', alerts: 0 });
  });
});

describe('what the function does not understand', () => {
  it('an SES event for an email the platform did not tag changes nothing and alerts no one it cannot place', async () => {
    const before = (await inbox(stack)).length;
    const { deliveries } = await stack.publishSesEvent(deliveryEvent({ messageId: 'not-ours-1', recipient: 'someone@elsewhere.example.com', configurationSet: stack.env.SES_CONFIGURATION_SET! }));
    expect(deliveries[0]!.result).toEqual({ action: 'delivered', intent: 'unknown', alerts: 0 });
    expect((await inbox(stack)).length).toBe(before);
  });

  it("an event of another configuration set does not reach the function", async () => {
    const { deliveries } = await stack.publishSesEvent(bounceEvent({ messageId: 'other-set-1', configurationSet: 'marketing' }));
    expect(deliveries).toEqual([]);
  });

  it('a malformed SES event is retried as Lambda retries an asynchronous invocation, then parked in the DLQ with no address or subject', async () => {
    const bounced = bounceEvent({ configurationSet: stack.env.SES_CONFIGURATION_SET!, recipient: 'parked-secret@office.example.org' });
    const broken = { ...bounced, bounce: { ...bounced.bounce, bounceType: 'Sideways' } };
    expect(JSON.stringify(broken)).toMatch(/parked-secret@|"subject"/);
    const { deliveries } = await stack.publishSesEvent(broken as unknown as Parameters<LocalStack['publishSesEvent']>[0]);
    expect(deliveries[0]).toMatchObject({ functionName: 'email-events', attempts: 3 });
    expect(stack.eventDlq).toHaveLength(1);
    expect(stack.eventDlq[0]).toMatchObject({ requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 }, responsePayload: { errorType: 'MalformedSesEventError' } });
    // What the function was handed, and so what is parked: the rule's input transformer kept ids, codes and times only.
    const parked = JSON.stringify(stack.eventDlq[0]);
    expect(parked).toContain(bounced.mail.messageId);
    expect(parked).not.toMatch(/@|"subject"|commonHeaders|"headers"|destination/);
  });
});
