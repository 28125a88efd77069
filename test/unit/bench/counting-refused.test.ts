import { Readable } from 'node:stream';
import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { Counter, countDynamo, estimateUnits } from '../../../bench/counting.js';
import { TABLE } from '../../../shared/store/table.js';

const TableName = 'referrals';

/**
 * A document client counted as the bench counts the handlers' one, whose requests never leave the
 * process: DynamoDB's answer is `status` with the JSON `body`, as the service sends it.
 */
function answering(status: number, body: object) {
  const counter = new Counter();
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'eu-central-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
      requestHandler: {
        handle: async () => ({ response: { statusCode: status, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from(JSON.stringify(body))]) } }),
      } as never,
    }),
  );
  countDynamo(db as never, counter);
  return { db, counter };
}

const refusal = (type: string, extra: object = {}) => ({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: 'The conditional request failed', ...extra });
/** An intent as the platform writes it: 1.5 KB, due (in the timers index). */
const intent = { pk: 'CASE#c1', sk: 'INTENT#i1', status: 'pending', [TABLE.timersIndex.partitionKey]: '2026-12-07T08', pad: 'x'.repeat(1500) };

describe('the bench counts writes refused by their condition, which DynamoDB charges', () => {
  it('counts a refused put as a refused call on the item\'s write units, no item written, no index write, and the caller gets the refusal', async () => {
    const { db, counter } = answering(400, refusal('ConditionalCheckFailedException'));
    const put = db.send(new PutCommand({ TableName, Item: intent, ConditionExpression: 'attribute_not_exists(pk)' }));
    await expect(put).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    // As written it would cost 2 (1.5 KB) + 1 (the timers index); refused, the index is not touched.
    expect(estimateUnits('PutItem', { Item: intent }, {}).units).toBe(3);
    expect(counter.dynamo.PutItem).toEqual({ calls: 1, items: 0, units: 2, refused: 1, refusedUnits: 2 });
  });

  it('charges a refused update on the item as last seen, as an update that took', async () => {
    const { db, counter } = answering(400, refusal('ConditionalCheckFailedException'));
    counter.itemSizes.set('CASE#c1|INTENT#i1', { bytes: 2500, indexKeys: [] });
    const update = new UpdateCommand({ TableName, Key: { pk: 'CASE#c1', sk: 'INTENT#i1' }, UpdateExpression: 'SET #s = :s', ConditionExpression: '#s = :p', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'sending', ':p': 'pending' } });
    await expect(db.send(update)).rejects.toThrow('The conditional request failed');
    expect(counter.dynamo.UpdateItem).toEqual({ calls: 1, items: 0, units: 3, refused: 1, refusedUnits: 3 });
  });

  it('counts a transaction cancelled by one of its conditions at 2 units a KB for each of its items', async () => {
    const reasons = { CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }, { Code: 'None' }] };
    const { db, counter } = answering(400, refusal('TransactionCanceledException', reasons));
    const tx = new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName, Item: intent, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { TableName, Key: { pk: 'CASE#c1', sk: 'REF#r1' }, UpdateExpression: 'SET #s = :s', ConditionExpression: '#s = :p', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'accepted', ':p': 'sent' } } },
        { ConditionCheck: { TableName, Key: { pk: 'CASE#c1', sk: 'META' }, ConditionExpression: 'attribute_exists(pk)' } },
      ],
    });
    const err = await db.send(tx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransactionCanceledException);
    expect((err as TransactionCanceledException).CancellationReasons?.[1]?.Code).toBe('ConditionalCheckFailed');
    // The put 2 × 2, the update of an item never seen 2 × 1, the check 2; no index write.
    expect(counter.dynamo.TransactWriteItems).toEqual({ calls: 1, items: 0, units: 8, refused: 1, refusedUnits: 8 });
  });

  it('counts neither a transaction cancelled for another reason nor another failure', async () => {
    const conflict = answering(400, refusal('TransactionCanceledException', { CancellationReasons: [{ Code: 'TransactionConflict' }] }));
    const tx = new TransactWriteCommand({ TransactItems: [{ Put: { TableName, Item: intent } }] });
    await expect(conflict.db.send(tx)).rejects.toBeInstanceOf(TransactionCanceledException);
    const invalid = answering(400, { __type: 'com.amazon.coral.validate#ValidationException', message: 'One or more parameter values were invalid' });
    await expect(invalid.db.send(new PutCommand({ TableName, Item: intent }))).rejects.toThrow('One or more parameter values were invalid');
    expect(conflict.counter.dynamo).toEqual({});
    expect(invalid.counter.dynamo).toEqual({});
  });

  it('hands the caller the very error it was refused with', async () => {
    let middleware: any;
    countDynamo({ middlewareStack: { add: (m: unknown) => void (middleware = m) } } as never, new Counter());
    const refused = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    const send = middleware(async () => { throw refused; }, { commandName: 'PutItemCommand' });
    await expect(send({ input: { Item: intent } })).rejects.toBe(refused);
  });
});
