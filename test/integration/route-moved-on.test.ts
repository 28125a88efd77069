import { GetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { settle as settlePollers } from '../../local/streams.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, dynamoDbOf, inbox, lambdaContext, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * A referral's INSERT record reaching route-referrals (the handler module Lambda runs, on DynamoDB
 * Local, with its one hop) only after the coordinator cancelled the referral or closed the case: a
 * backlog, a retry, a redrive. Nothing is written for it and nothing reaches the SES emulator or
 * the SMS sink; the record is handled (no batch item failure, so no retry and no DLQ).
 */
let stack: LocalStack;
let db: DynamoDBClient;
const obiliq = bundledDirectory().municipality('obiliq')!;
const office = bundledDirectory().office('obiliq', 'civil_registry')!;
const E164 = '+38349555123';

stackForFile(async (s) => {
  stack = s;
  db = dynamoDbOf(stack);
  // Route-referrals is handed its records by this file only, when it chooses.
  await stack.pollers.find((p) => p.functionName === FUNCTIONS.routeReferrals.name)!.stop();
});
afterAll(() => db?.destroy());

/** A new case of its own SMR id with one referral to the civil registry, as the API makes them. */
async function referralOf(smr: string) {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: obiliq.coordinators[0]!.id });
  expect(created.status).toBe(201);
  const caseId: string = created.body.caseId;
  const made = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
  expect(made.status).toBe(201);
  return { caseId, referralId: made.body.referralId as string };
}

/** The referral's INSERT record as the stream carried it when it was made (its image then: `created`). */
async function insertRecord(caseId: string, referralId: string): Promise<DynamoDBStreamEvent> {
  const Keys = { pk: { S: `CASE#${caseId}` }, sk: { S: `REF#${referralId}` } };
  const image = (await db.send(new GetItemCommand({ TableName: stack.tableName, Key: Keys, ConsistentRead: true }))).Item!;
  expect(image.status).toEqual({ S: 'created' });
  return {
    Records: [
      {
        eventID: `${referralId}-insert`,
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-central-1',
        dynamodb: { Keys, NewImage: image as never, SequenceNumber: '100000000000000000001', SizeBytes: 1000, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        eventSourceARN: 'arn:aws:dynamodb:eu-central-1:000000000000:table/referrals/stream/2026-11-23T00:00:00.000',
      },
    ],
  };
}

/** What of the referral is in its case's partition: its intents and its ladder. */
async function writtenFor(caseId: string, referralId: string) {
  const items = (await db.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `CASE#${caseId}` } }, ConsistentRead: true }))).Items ?? [];
  return items.filter((i) => ['Intent', 'Timer'].includes(i.type!.S!) && (i.referralId?.S === referralId || i.subjectId?.S === referralId)).map((i) => i.type!.S);
}

/** The other functions' streams drained: a message queued by the routing would be sent by now. */
const settle = () => settlePollers(stack.pollers.filter((p) => p.functionName !== FUNCTIONS.routeReferrals.name));
const route = (event: DynamoDBStreamEvent) => stack.handlers.routeReferrals(structuredClone(event), lambdaContext(FUNCTIONS.routeReferrals.name));
const officeEmails = async (smr: string) => (await inbox(stack)).filter((m) => m.subject.includes(smr) && m.destination.to.includes(office.email)).length;

describe('route-referrals, handed a referral\'s record after the table moved on', () => {
  it.each([
    ['a referral cancelled', 'SMR-MOVED-CANCEL', (c: string, r: string) => [`/cases/${c}/referrals/${r}/cancel`, { reason: 'no_longer_needed' }] as const],
    ['a case closed', 'SMR-MOVED-CLOSED', (c: string) => [`/cases/${c}/close`, { outcome: 'sustainably_reintegrated', finalAssessment: 'settled: work and school' }] as const],
  ])('%s meanwhile: nothing written, nothing sent, the record handled', async (_, smr, change) => {
    const { caseId, referralId } = await referralOf(smr);
    const record = await insertRecord(caseId, referralId);
    const [path, body] = change(caseId, referralId);
    expect((await call(stack, 'POST', path, body)).status).toBe(200);
    const texts = textsTo(stack, E164).length;
    expect(await route(record)).toEqual({ batchItemFailures: [] });
    await settle();
    expect(await writtenFor(caseId, referralId)).toEqual([]);
    expect([await officeEmails(smr), textsTo(stack, E164).length - texts]).toEqual([0, 0]);
  });

  it('the same record of a referral still to be sent routes it: the office\'s email and the family\'s SMS', async () => {
    const { caseId, referralId } = await referralOf('SMR-MOVED-OPEN');
    const texts = textsTo(stack, E164).length;
    expect(await route(await insertRecord(caseId, referralId))).toEqual({ batchItemFailures: [] });
    await settle();
    expect([await officeEmails('SMR-MOVED-OPEN'), textsTo(stack, E164).length - texts]).toEqual([1, 1]);
    expect((await writtenFor(caseId, referralId)).sort()).toEqual(['Intent', 'Intent', 'Timer']);
  });

  it("one of a case's three referrals cancelled before their batch is routed: the two others' offices get their emails, the family one SMS listing the two", async () => {
    const smr = 'SMR-MOVED-BATCH';
    const { caseId, referralId: first } = await referralOf(smr);
    const ids = [first];
    for (const r of [{ officeKind: 'social_work_centre', need: 'social_support' }, { officeKind: 'employment_office', need: 'job_seeker_registration' }]) {
      const made = await call(stack, 'POST', `/cases/${caseId}/referrals`, r);
      expect(made.status).toBe(201);
      ids.push(made.body.referralId as string);
    }
    const records = (await Promise.all(ids.map((id) => insertRecord(caseId, id)))).flatMap((e, k) => e.Records.map((r) => ({ ...r, dynamodb: { ...r.dynamodb, SequenceNumber: `10000000000000000000${k + 1}` } })));
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${ids[0]}/cancel`, { reason: 'no_longer_needed' })).status).toBe(200);
    const texts = textsTo(stack, E164).length;
    expect(await route({ Records: records })).toEqual({ batchItemFailures: [] });
    await settle();
    const sent = textsTo(stack, E164).slice(texts);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message).toMatch(/ 1\) .* 2\) /);
    expect(sent[0]!.message).not.toMatch(/ 3\) /);
    // Not the cancelled one's office: the civil registry (the first step, as it was planned).
    expect(sent[0]!.message).not.toMatch(/Gjendjes Civile/);
    expect((await inbox(stack)).filter((m) => m.subject.includes(smr))).toHaveLength(2);
    expect(await writtenFor(caseId, ids[0]!)).toEqual([]);
  });
});
