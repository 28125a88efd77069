import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { runCase } from '../../cli/case.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { caseKey, smrClaimKey } from '../../shared/store/case.js';
import { call, obiliqFamily, stackForFile } from './support.js';

/**
 * A data subject's rights of access and erasure (issue #16), through the operator CLI against the
 * local stack's DynamoDB Local: `case export` hands over everything held about a case, `case erase`
 * removes its personal data at once (the retention path, deleting instead of expiring), and both
 * are on record with the operator who asked. The counters and the audit entries (ids and codes)
 * stay; the SMR case id may be registered again.
 */
type Item = Record<string, any>;

let stack: LocalStack;
let db: DynamoDBDocumentClient;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const SMR = 'SMR-2026-ERASE-1';
const family = { ...obiliqFamily(SMR), coordinatorId: coordinator.id };
/**
 * Whatever could identify the family, as typed and as stored (E.164). (Drita alone would also find
 * the coordinator Drita Berisha in the meeting's invitations: the family's Drita is found by her surname.)
 */
const PERSONAL = [...new Set(family.household.flatMap((m) => [m.givenName, m.familyName]))].filter((n) => n !== 'Drita').concat([family.phone, '555 123', '49555123', SMR, family.arrivalDate]);
let caseId: string;
let meetingId: string;

stackForFile(async (s) => {
  stack = s;
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const created = await call(stack, 'POST', '/cases', family);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  caseId = created.body.caseId;
  for (const referral of [
    { officeKind: 'civil_registry', need: 'civil_documents' },
    { officeKind: 'education_directorate', need: 'school_enrolment', personIds: ['p3', 'p4'], note: 'Liridon and Vlora, grades 5 and 2' },
  ]) {
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, referral)).status).toBe(201);
  }
  const appointment = { kind: 'appointment', when: '2026-11-24T09:30:00+01:00', title: 'Letërnjoftimet', where: 'Zyra e gjendjes civile, Obiliq', bring: 'certifikatat e lindjes' };
  expect((await call(stack, 'POST', `/cases/${caseId}/appointments`, appointment)).status).toBe(201);
  const meeting = await call(stack, 'POST', '/meetings', {
    municipalityId: 'obiliq',
    convenerId: coordinator.id,
    title: 'Rastet e javës',
    start: '2026-11-23T15:00:00+01:00',
    end: '2026-11-23T16:00:00+01:00',
    location: 'Salla e mbledhjeve, Komuna e Obiliqit',
    invitees: [obiliq.offices.find((o) => o.kind === 'civil_registry')!.id],
  });
  expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
  meetingId = meeting.body.meetingId;
  await stack.settle();
  // 18:05: the evening SMS goes out, and the meeting is over: its minutes name the case. A note
  // (free text naming the family, which nothing would erase) is refused, naming the field.
  await stack.advanceTo(new Date('2026-11-23T17:05:00Z'));
  const withNote = await call(stack, 'POST', `/meetings/${meetingId}/minutes`, { held: true, casesDiscussed: [SMR], note: 'Arben Krasniqi: housing first' });
  expect([withNote.status, withNote.body.errors]).toEqual([400, [{ field: 'note', message: 'unknown field' }]]);
  expect((await call(stack, 'POST', `/meetings/${meetingId}/minutes`, { held: true, casesDiscussed: [SMR] })).status).toBe(200);
  await stack.settle();
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
  return items;
}
async function partition(): Promise<Item[]> {
  const out = await db.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': caseKey(caseId).pk }, ConsistentRead: true }));
  return (out.Items ?? []) as Item[];
}
const claim = async () => (await db.send(new GetCommand({ TableName: stack.tableName, Key: smrClaimKey(SMR), ConsistentRead: true }))).Item;
const personalDataIn = (items: Item[]) => PERSONAL.filter((p) => JSON.stringify(items).includes(p));
const cli = (...argv: string[]) => runCase([...argv, '--table', stack.tableName]);

describe('case export', () => {
  it('writes everything held about the case as JSON, and puts the export on record with who asked', async () => {
    const held = await partition();
    const out = await cli('export', caseId, '--by', 'ops-anna');
    expect(out.exitCode, out.stdout).toBe(0);
    const e = JSON.parse(out.stdout);
    expect(e).toMatchObject({ caseId, exportedBy: 'operator:ops-anna', case: { smrCaseId: SMR, phone: '+38349555123', household: family.household } });
    expect(e.referrals).toHaveLength(2);
    expect(e.appointments).toHaveLength(1);
    expect(e.intents.some((i: Item) => i.channel === 'sms')).toBe(true);
    expect(e.timers.length).toBeGreaterThan(0);
    expect(e.audit.map((a: Item) => a.event)).toContain('case.created');
    expect(e.other).toEqual([]);
    // Nothing of the partition is left out, and what is outside it comes too.
    expect([e.case, ...e.referrals, ...e.intents, ...e.appointments, ...e.timers, ...e.audit].map((i: Item) => i.sk).sort()).toEqual(held.map((i) => i.sk).sort());
    expect(e.smrClaim).toMatchObject({ caseId });
    expect(e.meetings).toEqual([expect.objectContaining({ meetingId, municipalityId: 'obiliq', status: 'held' })]);

    const onRecord = (await partition()).filter((i) => i.event === 'case.exported');
    expect(onRecord).toEqual([expect.objectContaining({ type: 'Audit', by: 'operator:ops-anna', byRole: 'operator', via: 'cli', detail: { items: String(held.length) } })]);
    expect(onRecord[0]!.expiresAt).toBeUndefined();
  });

  it('refuses a command line without who asks, and says so on exit 2', async () => {
    expect((await cli('export', caseId)).exitCode).toBe(2);
    expect((await cli('export', 'not-a-case', '--by', 'ops-anna')).exitCode).toBe(2);
    expect((await cli('export', '01ARZ3NDEKTSV4RRFFQ69G5FAV', '--by', 'ops-anna')).exitCode).toBe(1); // nothing held
  });
});

describe('case erase', () => {
  it('removes the personal data at once, keeps the audit entries and the counters, and records who did it and why', async () => {
    const figures = (await call(stack, 'GET', '/municipalities/obiliq/indicators/2026-Q4')).body;
    expect(figures).toMatchObject({ casesOpened: 1, referralsMade: 2, meetingsHeld: 1, casesDiscussed: 1 });
    // The minutes named the case by its SMR id; the meeting keeps its case id (the SMR id is the case's personal data).
    const meetingItem = async () => (await scanAll()).find((i) => i.type === 'Meeting' && i.meetingId === meetingId);
    expect(await meetingItem()).toMatchObject({ casesDiscussed: [caseId] });
    expect(await meetingItem()).not.toHaveProperty('minutesNote');
    expect(personalDataIn(await scanAll())).toEqual(expect.arrayContaining(['Arben', 'Krasniqi', SMR]));
    const auditBefore = (await partition()).filter((i) => i.type === 'Audit');
    const invocations = stack.invocations.length;

    expect((await cli('erase', caseId, '--by', 'ops-anna', '--reason', 'because')).exitCode).toBe(2);
    expect((await cli('erase', caseId, '--by', 'ops-anna', '--reason', 'data-subject-request', '--reference', 'has spaces')).exitCode).toBe(2);
    const out = await cli('erase', caseId, '--by', 'ops-anna', '--reason', 'data-subject-request', '--reference', 'DPA-2026-014');
    expect(out.exitCode, out.stdout).toBe(0);
    expect(out.stdout).toMatch(/^erased case \w+: \d+ items deleted, SMR claim erased, 1 meeting\(s\) no longer name it/);
    await stack.settle();
    // Deletions (REMOVE) trigger no function: nothing is sent about an erased case.
    expect(stack.invocations.length).toBe(invocations);

    // Nothing in the whole table names the family, their number, their SMR case id or their arrival.
    const left = await scanAll();
    expect(personalDataIn(left)).toEqual([]);
    const now = await partition();
    expect([...new Set(now.map((i) => i.type))]).toEqual(['Audit']);
    expect(now.filter((i) => i.event !== 'case.erased')).toEqual(auditBefore);
    expect(now.find((i) => i.event === 'case.erased')).toMatchObject({
      by: 'operator:ops-anna',
      byRole: 'operator',
      via: 'cli',
      detail: { reason: 'data-subject-request', reference: 'DPA-2026-014', kept: String(auditBefore.length), meetings: '1' },
    });
    expect(await claim()).toBeUndefined();
    expect((await call(stack, 'GET', `/cases/${caseId}`)).status).toBe(404);
    expect((await call(stack, 'GET', `/meetings/${meetingId}`)).body).toMatchObject({ status: 'held' });
    expect(await meetingItem()).toMatchObject({ casesDiscussed: [] });
    // The quarter's figures are as they were.
    expect((await call(stack, 'GET', '/municipalities/obiliq/indicators/2026-Q4')).body).toEqual(figures);

    // What is held now can still be asked for: the record of what was done, nothing personal.
    const after = JSON.parse((await cli('export', caseId, '--by', 'ops-anna')).stdout);
    expect(after).toMatchObject({ case: null, referrals: [], intents: [], smrClaim: null, meetings: [] });
    expect(after.audit.map((a: Item) => a.event)).toEqual(expect.arrayContaining(['case.created', 'case.exported', 'case.erased']));

    // A second erasure finds nothing to erase; the family can be registered again under its SMR id.
    expect((await cli('erase', caseId, '--by', 'ops-anna', '--reason', 'data-subject-request')).exitCode).toBe(1);
    expect((await call(stack, 'POST', '/cases', { ...family, arrivalDate: '2026-11-22' })).status).toBe(201);
  });
});
