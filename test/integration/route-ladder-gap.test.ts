import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, dynamoDbOf, inbox, lambdaContext, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * A referral whose routing by an older version wrote its intents and stopped before its ladder
 * (that version wrote the ladder last), redelivered to today's route-referrals on DynamoDB Local:
 * it gets the ladder's first rung, once, and nothing is sent again.
 */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
const obiliq = bundledDirectory().municipality('obiliq')!;
const office = bundledDirectory().office('obiliq', 'civil_registry')!;
const E164 = '+38349555123';

stackForFile((s) => {
  stack = s;
  db = DynamoDBDocumentClient.from(dynamoDbOf(stack));
});
afterAll(() => db?.destroy());

const partition = async (caseId: string) =>
  (await db.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CASE#${caseId}` }, ConsistentRead: true }))).Items ?? [];

describe('route-referrals across the deploy that chained the ladder', () => {
  it('gives a redelivered referral with intents but no ladder its first rung, once, sending nothing again', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-LADDER-GAP'), coordinatorId: obiliq.coordinators[0]!.id });
    expect(created.status).toBe(201);
    const caseId: string = created.body.caseId;
    const made = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    expect(made.status).toBe(201);
    const referralId: string = made.body.referralId;
    await stack.settle();
    const ladder = async () => (await partition(caseId)).filter((i) => i.type === 'Timer' && i.subjectId === referralId).map((t) => [t.kind, t.status]);
    expect(await ladder()).toEqual([['referral.ack.reminder', 'pending']]);
    const emails = async () => (await inbox(stack)).filter((m) => m.subject.includes('SMR-LADDER-GAP') && m.destination.to.includes(office.email)).length;
    expect([await emails(), textsTo(stack, E164).length]).toEqual([1, 1]);

    // What the older version left: the intents, and no ladder.
    for (const t of (await partition(caseId)).filter((i) => i.type === 'Timer' && i.subjectId === referralId)) {
      await db.send(new DeleteCommand({ TableName: stack.tableName, Key: { pk: t.pk, sk: t.sk } }));
    }
    expect(await ladder()).toEqual([]);

    const routed = stack.invocations.filter((i) => i.functionName === FUNCTIONS.routeReferrals.name && JSON.stringify(i.event).includes(referralId));
    expect(routed).toHaveLength(1);
    const redeliver = () => stack.handlers.routeReferrals(structuredClone(routed[0]!.event), lambdaContext(FUNCTIONS.routeReferrals.name));
    expect(await redeliver()).toEqual({ batchItemFailures: [] });
    // What the redelivery wrote has gone through the streams too: a message queued again would be sent by now.
    await stack.settle();
    expect(await ladder()).toEqual([['referral.ack.reminder', 'pending']]);
    const after = await partition(caseId);
    expect(await redeliver()).toEqual({ batchItemFailures: [] });
    await stack.settle();
    expect(await partition(caseId)).toEqual(after);
    expect([await emails(), textsTo(stack, E164).length]).toEqual([1, 1]);
  });
});
