import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { FUNCTIONS } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { caseKey, smrClaimKey } from '../../shared/store/case.js';
import { call, lambdaContext, obiliqFamily, stackForFile } from './support.js';

/**
 * Retention: a returnee's personal data is kept while the case runs (up to a safety net of the
 * case's longest life plus the retention) and expires the retention period after the case is
 * closed; the audit entries and the indicator counters stay. DynamoDB Local does not delete
 * expired items, so TTL is simulated: every item whose expiresAt has passed is deleted, as the
 * service would (within days) on AWS.
 */
type Item = Record<string, any>;

let stack: LocalStack;
let db: DynamoDBDocumentClient;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinatorId = obiliq.coordinators[0]!.id;
const DAY = 86_400;
const SMR = 'SMR-2026-RETAIN-1';
const family = { ...obiliqFamily(SMR), coordinatorId };
/** Whatever could identify the family, as typed and as stored (E.164). */
const PERSONAL = [...family.household.flatMap((m) => [m.givenName, m.familyName]), family.phone, '555 123', '49555123'];
const EXPIRE = FUNCTIONS.expireClosedCases.name;

stackForFile((s) => {
  stack = s;
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(() => db?.destroy());

async function scanAll(): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

async function partition(caseId: string): Promise<Item[]> {
  const out = await db.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': caseKey(caseId).pk }, ConsistentRead: true }));
  return (out.Items ?? []) as Item[];
}

const claim = async () => (await db.send(new GetCommand({ TableName: stack.tableName, Key: smrClaimKey(SMR), ConsistentRead: true }))).Item;
const personalDataIn = (items: Item[]) => PERSONAL.filter((p) => JSON.stringify(items).includes(p));
const typesOf = (items: Item[]) => [...new Set(items.map((i) => String(i.type)))].sort();
const indicators = async () => (await call(stack, 'GET', '/municipalities/obiliq/indicators/2026-Q4')).body;

it('keeps personal data while the case runs, expires it the retention period after closure, and keeps the audit and the counts', async () => {
  const retentionDays = Number(stack.env.PERSONAL_DATA_RETENTION_DAYS);
  expect(retentionDays).toBe(730);

  // ---------------------------------------------------------------- an open case with everything in it
  const created = await call(stack, 'POST', '/cases', family);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId: string = created.body.caseId;
  for (const referral of [
    { officeKind: 'civil_registry', need: 'civil_documents' },
    { officeKind: 'education_directorate', need: 'school_enrolment', personIds: ['p3', 'p4'], note: 'Liridon and Vlora, grades 5 and 2' },
  ]) {
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, referral)).status).toBe(201);
  }
  const appointment = await call(stack, 'POST', `/cases/${caseId}/appointments`, {
    kind: 'appointment',
    when: '2026-11-24T09:30:00+01:00',
    title: 'Letërnjoftimet',
    where: 'Zyra e gjendjes civile, Obiliq',
    bring: 'certifikatat e lindjes',
  });
  expect(appointment.status).toBe(201);
  await stack.settle();
  // The clock moves on to 18:05: the home-visit reminders and the appointment's evening SMS go out.
  const smsBefore = stack.sms.messages().filter((m) => m.phoneNumber === '+38349555123').length;
  await stack.advanceTo(new Date('2026-11-23T17:05:00Z'));
  expect(stack.sms.messages().filter((m) => m.phoneNumber === '+38349555123').length).toBeGreaterThan(smsBefore);

  // While open: every personal item carries the safety net. Registered on 23 Nov 2026 (arrival the
  // 20th), the case can run until Tuesday 23 May 2028; its data goes at the latest 730 days after that day.
  const safetyNet = Date.parse('2028-05-24T00:00:00+02:00') / 1000 + retentionDays * DAY;
  const open = await partition(caseId);
  expect(typesOf(open)).toEqual(['Appointment', 'Audit', 'Case', 'Intent', 'Referral', 'Timer']);
  for (const item of open) expect(item.expiresAt, `${item.sk}`).toBe(item.type === 'Audit' ? undefined : safetyNet);
  // A sent SMS already dropped its body (what it said); the rest of its record waits for the expiry.
  const sentSms = open.filter((i) => i.type === 'Intent' && i.channel === 'sms' && i.status === 'sent');
  expect(sentSms.length).toBeGreaterThanOrEqual(2);
  for (const i of sentSms) expect(i.data, i.sk).toBeUndefined();
  // … and the number it went to: only its last digits stay, for support.
  for (const i of sentSms) expect([i.recipient, i.recipientHint], i.sk).toEqual([undefined, '…123']);
  expect((await claim())!.expiresAt).toBe(safetyNet);
  // The search below finds the family while their data is there.
  expect(personalDataIn(await scanAll())).toEqual(expect.arrayContaining(['Arben', 'Krasniqi', 'Liridon', '49555123']));

  // ---------------------------------------------------------------- closed
  const closed = await call(stack, 'POST', `/cases/${caseId}/close`, { outcome: 'sustainably_reintegrated', finalAssessment: 'settled: work and school' });
  expect(closed.status).toBe(200);
  await stack.settle();
  const closedAt: string = (await call(stack, 'GET', `/cases/${caseId}`)).body.closedAt;
  expect(closedAt.slice(0, 15)).toBe('2026-11-23T17:0'); // the local clock runs on from 18:05
  const expiresAt = Math.floor(Date.parse(closedAt) / 1000) + retentionDays * DAY;
  expect(expiresAt).toBeLessThan(safetyNet);

  const afterClose = await partition(caseId);
  expect(afterClose.map((i) => i.sk)).toEqual(expect.arrayContaining(open.map((i) => i.sk)));
  for (const item of afterClose) expect(item.expiresAt, `${item.sk}`).toBe(item.type === 'Audit' ? undefined : expiresAt);
  expect((await claim())!.expiresAt).toBe(expiresAt);
  // The counters (no TTL) stand apart in the municipality's partition.
  const counters = (await scanAll()).filter((i) => i.type === 'Indicators');
  expect(counters.map((i) => `${i.pk}/${i.sk}`)).toEqual(['MUNI#obiliq/IND#2026-Q4']);
  expect(counters[0]!.expiresAt).toBeUndefined();
  const figures = await indicators();
  expect(figures).toMatchObject({ casesOpened: 1, casesClosed: 1, referralsMade: 2 });
  // Nothing new is referred from a closed case: its data is already counting down.
  expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(404);

  // One invocation, for the closing itself: its own write on the closed case (closed → closed)
  // and the other items' expiry writes did not pass the filter.
  const runs = stack.invocations.filter((i) => i.functionName === EXPIRE);
  expect(runs).toHaveLength(1);
  expect(runs[0]!.event.Records).toHaveLength(1);
  expect(runs[0]!.response).toEqual({ batchItemFailures: [] });

  // Redelivered, the closure record changes nothing.
  const before = await scanAll();
  const again = await stack.handlers.expireClosedCases(runs[0]!.event, lambdaContext(EXPIRE));
  expect(again).toEqual({ batchItemFailures: [] });
  await stack.settle();
  expect(await scanAll()).toEqual(before);
  expect(stack.invocations.filter((i) => i.functionName === EXPIRE)).toHaveLength(1);

  // ---------------------------------------------------------------- the retention has run out
  // A day after closure + retention, TTL has removed every expired item (simulated: DynamoDB
  // Local keeps them). The scheduler stays still: two years of schedules are not the point here.
  await stack.scheduler.stop();
  const now = expiresAt + DAY;
  stack.clock.set(new Date(now * 1000));
  const auditBefore = before.filter((i) => i.type === 'Audit');
  const invocationsBefore = stack.invocations.length;
  for (const item of before) {
    if (typeof item.expiresAt === 'number' && item.expiresAt <= now) await db.send(new DeleteCommand({ TableName: stack.tableName, Key: { pk: item.pk, sk: item.sk } }));
  }
  await stack.settle();
  // TTL deletions (REMOVE) trigger nothing.
  expect(stack.invocations.length).toBe(invocationsBefore);

  const left = await scanAll();
  // What remains: the case's audit entries and the municipality's counters (and the sweep's cursor,
  // the platform's own bookkeeping: one hour bucket, nothing else).
  const bookkeeping = left.filter((i) => i.pk === 'SWEEP');
  expect(bookkeeping.map((i) => Object.keys(i).sort())).toEqual([['bucket', 'pk', 'sk']]);
  const kept = left.filter((i) => i.pk !== 'SWEEP');
  expect(typesOf(kept)).toEqual(['Audit', 'Indicators']);
  expect(kept.filter((i) => i.type === 'Audit')).toEqual(auditBefore);
  expect(kept.filter((i) => i.type === 'Audit').every((i) => i.pk === caseKey(caseId).pk)).toBe(true);
  expect(auditBefore.map((i) => i.event)).toEqual(expect.arrayContaining(['case.created', 'case.closed']));
  expect(await partition(caseId)).toEqual(auditBefore);
  // Nothing in the whole table names the family or carries their number.
  expect(personalDataIn(left)).toEqual([]);
  expect(await claim()).toBeUndefined();
  expect((await call(stack, 'GET', `/cases/${caseId}`)).status).toBe(404);
  // The quarter's figures are the same as before the data expired.
  expect(await indicators()).toEqual(figures);

  // With the claim gone, the SMR case id can be registered again (a new return of the family).
  const again2 = await call(stack, 'POST', '/cases', { ...family, arrivalDate: '2028-12-20' });
  expect(again2.status, JSON.stringify(again2.body)).toBe(201);
  expect(again2.body.caseId).not.toBe(caseId);
});
