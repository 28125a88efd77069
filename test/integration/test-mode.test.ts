import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { caseKey } from '../../shared/store/case.js';
import { call, inbox, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * A deployment flagged as test delivers only to reserved addresses and the numbers it lists as
 * simulated: a real-looking number is refused before the provider is called, and the refusal
 * is an explicit, final status.
 */
let stack: LocalStack;
const obiliq = bundledDirectory().municipality('obiliq')!;
const SIMULATED = '+38344000001';

stackForFile((s) => (stack = s), { logLevel: 'WARN', deliveryMode: 'test', simulatedPhoneNumbers: [SIMULATED] });

async function intentItems(caseId: string) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const out = await db.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)', ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':n': 'NOTE#' } }));
  db.destroy();
  return (out.Items ?? []) as { status: string; channel: string; template: string; data?: unknown; sms?: unknown }[];
}

async function referTo(smr: string, phone: string) {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: obiliq.coordinators[0]!.id, phone });
  expect(created.status).toBe(201);
  expect((await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
  await stack.settle();
  return (await call(stack, 'GET', `/cases/${created.body.caseId}`)).body;
}

it('refuses a real-looking number, delivers to a simulated one and to reserved office addresses', async () => {
  const real = await referTo('SMR-TESTMODE-1', '049 555 123');
  const [refused] = real.referrals[0].notifications.filter((n: { channel: string }) => n.channel === 'sms');
  expect(refused.status).toBe('failed');
  expect(JSON.stringify(refused)).toContain('TestModeRecipientRefused');
  expect(textsTo(stack, '+38349555123')).toHaveLength(0);
  // The office's address is under example.org: delivered.
  expect((await inbox(stack)).filter((e) => e.destination.to.includes(obiliq.offices.find((o) => o.kind === 'civil_registry')!.email)).length).toBeGreaterThan(0);

  const simulated = await referTo('SMR-TESTMODE-2', SIMULATED);
  const [sent] = simulated.referrals[0].notifications.filter((n: { channel: string }) => n.channel === 'sms');
  expect(sent.status).toBe('sent');
  expect(textsTo(stack, SIMULATED)).toHaveLength(1);

  // Retention: a sent SMS keeps its record but not its body; an email keeps its body until SES
  // reports the delivery (a transient bounce sends it again); the refused one keeps it for the follow-up.
  // The referral's: the case's welcome SMS is left out.
  const items = (await intentItems(simulated.caseId)).filter((i) => i.template !== 'case.returnee.welcome');
  expect(items.filter((i) => i.status === 'sent')).toHaveLength(2);
  const sentSms = items.find((x) => x.status === 'sent' && x.channel === 'sms')!;
  expect(sentSms.data).toBeUndefined();
  expect(sentSms.template).toBeTruthy();
  expect(items.find((x) => x.status === 'sent' && x.channel === 'email')!.data).toBeDefined();
  expect(items.find((i) => i.channel === 'sms')!.sms).toBeDefined();
  const refusedItem = (await intentItems(real.caseId)).find((i) => i.channel === 'sms' && i.template !== 'case.returnee.welcome')!;
  expect(refusedItem.status).toBe('failed');
  expect(refusedItem.data).toBeDefined();
});

it('the refused SMS is a failed delivery the coordinator sees in the next morning’s digest', async () => {
  await stack.advanceTo(new Date('2026-11-24T06:45:00Z')); // 07:45 in Kosovo, after the digests
  const digest = (await inbox(stack)).find((e) => e.destination.to.includes(obiliq.coordinators[0]!.email) && e.subject.startsWith('Përmbledhja ditore'));
  expect(digest).toBeDefined();
  // Both cases are new; only the first stands under the notifications that failed ("call or visit").
  const text = digest!.body.text!;
  // The section runs to the next blank line: the sections after it (home visits due, …) list both cases.
  const start = text.indexOf('Njoftime të padorëzuara');
  expect(start).toBeGreaterThan(0);
  const end = text.indexOf('\n\n', start);
  const failed = text.slice(start, end === -1 ? undefined : end);
  expect(failed).toContain('SMR-TESTMODE-1 — SMS');
  expect(failed).not.toContain('SMR-TESTMODE-2');
});
