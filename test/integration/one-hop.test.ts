import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, lambdaContext, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * The one hop on the local stack (DynamoDB Local with its stream, the SES v2 emulator, the SMS
 * sink), with the deliver function stopped: route-referrals alone gets the office's email to the
 * emulator and the returnee's SMS to the sink. Then the deliver function is handed the intents'
 * own stream records, and route-referrals its own record again, and nothing goes twice.
 */
let stack: LocalStack;
const obiliq = bundledDirectory().municipality('obiliq')!;
const office = bundledDirectory().office('obiliq', 'civil_registry')!;
const E164 = '+38349555123';
const poller = (name: string) => stack.pollers.find((p) => p.functionName === name)!;

stackForFile(async (s) => {
  stack = s;
  // Nothing but route-referrals may send: the deliver function does not run in this file.
  await poller(FUNCTIONS.deliverNotifications.name).stop();
});

/** Every record the table's stream holds for items of `pk`, from the stream's start, as Lambda hands them. */
async function streamRecords(pk: string): Promise<DynamoDBRecord[]> {
  const db = new DynamoDBClient({});
  const streams = new DynamoDBStreamsClient({});
  try {
    const StreamArn = (await db.send(new DescribeTableCommand({ TableName: stack.tableName }))).Table!.LatestStreamArn!;
    const shards = (await streams.send(new DescribeStreamCommand({ StreamArn }))).StreamDescription!.Shards ?? [];
    const out: _Record[] = [];
    for (const shard of shards) {
      let it = (await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (it) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: it }));
        out.push(...(page.Records ?? []));
        if ((page.Records ?? []).length === 0) break;
        it = page.NextShardIterator;
      }
    }
    return out.filter((r) => r.dynamodb?.Keys?.pk?.S === pk) as unknown as DynamoDBRecord[];
  } finally {
    db.destroy();
    streams.destroy();
  }
}

describe('route-referrals sends what it decides (one hop)', () => {
  let caseId = '';
  let referralId = '';
  const officeEmails = async () => (await inbox(stack)).filter((m) => m.subject.includes('SMR-ONE-HOP') && m.destination.to.includes(office.email));

  it('the office email reaches the SES emulator and the SMS the sink with only route-referrals having run', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-ONE-HOP'), coordinatorId: obiliq.coordinators[0]!.id });
    expect(created.status).toBe(201);
    caseId = created.body.caseId;
    const made = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    expect(made.status).toBe(201);
    referralId = made.body.referralId;
    await poller(FUNCTIONS.routeReferrals.name).drained();

    const emails = await officeEmails();
    expect(emails).toHaveLength(1);
    // Rendered as the deliver function renders it: the office's one-click links, signed at send time.
    expect(emails[0]!.body.text).toMatch(/\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    expect(textsTo(stack, E164)).toHaveLength(1);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    const referral = view.body.referrals.find((r: { referralId: string }) => r.referralId === referralId);
    expect(referral.status).toBe('sent');
    expect(referral.notifications.map((n: { status: string }) => n.status)).toEqual(['sent', 'sent']);
    expect(poller(FUNCTIONS.deliverNotifications.name).invocations).toBe(0);
  });

  it('deliver-notifications on the same intent records sends nothing', async () => {
    const records = (await streamRecords(`CASE#${caseId}`)).filter((r) => r.dynamodb?.Keys?.sk?.S?.startsWith(`NOTE#${referralId}#`));
    // Written claimed, then recorded sent: never an INSERT of a queued intent, which is what the deliver function's filter passes.
    expect(records.map((r) => [r.eventName, r.dynamodb?.NewImage?.status?.S])).toEqual([
      ['INSERT', 'sending'],
      ['INSERT', 'sending'],
      ['MODIFY', 'sent'],
      ['MODIFY', 'sent'],
    ]);
    const deliver = stack.handlers.deliverNotifications;
    const context = lambdaContext(FUNCTIONS.deliverNotifications.name);
    expect(await deliver({ Records: structuredClone(records) } as DynamoDBStreamEvent, context)).toEqual({ batchItemFailures: [] });
    // Even a record that claimed the intent queued (a forged or replayed image) finds it sent: its claim does not hold.
    const asQueued = records
      .filter((r) => r.eventName === 'INSERT')
      .map((r) => {
        const copy = structuredClone(r);
        copy.dynamodb!.NewImage!.status = { S: 'queued' };
        copy.dynamodb!.NewImage!.attempts = { N: '0' };
        return copy;
      });
    expect(await deliver({ Records: asQueued } as DynamoDBStreamEvent, context)).toEqual({ batchItemFailures: [] });
    expect(await officeEmails()).toHaveLength(1);
    expect(textsTo(stack, E164)).toHaveLength(1);
  });

  it('route-referrals\' own record again (a redelivered batch) sends nothing twice', async () => {
    const routed = stack.invocations.filter((i) => i.functionName === FUNCTIONS.routeReferrals.name && JSON.stringify(i.event).includes(referralId));
    expect(routed).toHaveLength(1);
    await stack.handlers.routeReferrals(structuredClone(routed[0]!.event), lambdaContext(FUNCTIONS.routeReferrals.name));
    expect(await officeEmails()).toHaveLength(1);
    expect(textsTo(stack, E164)).toHaveLength(1);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    expect(view.body.referrals.find((r: { referralId: string }) => r.referralId === referralId).notifications).toHaveLength(2);
  });
});
