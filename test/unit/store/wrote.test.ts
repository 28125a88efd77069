import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { wrote } from '../../../shared/store/wrote.js';

/** A client whose every send fails with `err` (or succeeds when there is none), recording what was sent. */
function client(err?: Error): { db: DynamoDBDocumentClient; sent: unknown[] } {
  const sent: unknown[] = [];
  const db = {
    send: async (command: unknown) => {
      sent.push(command);
      if (err) throw err;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, sent };
}

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

const conditionFailed = () => new ConditionalCheckFailedException({ message: 'refused', $metadata: {} });

const tx = new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a', sk: 'a' } } }, { Put: { TableName: 't', Item: { pk: 'b', sk: 'b' } } }] });
const singles = {
  put: new PutCommand({ TableName: 't', Item: { pk: 'a', sk: 'a' }, ConditionExpression: 'attribute_not_exists(pk)' }),
  update: new UpdateCommand({ TableName: 't', Key: { pk: 'a', sk: 'a' }, UpdateExpression: 'SET x = :x', ExpressionAttributeValues: { ':x': 1 } }),
  delete: new DeleteCommand({ TableName: 't', Key: { pk: 'a', sk: 'a' } }),
};

describe('wrote', () => {
  it('is true when the write went through, and sends the command it was given once', async () => {
    const { db, sent } = client();
    expect(await wrote(db, tx)).toBe(true);
    expect(sent).toEqual([tx]);
  });

  for (const [kind, command] of Object.entries(singles)) {
    it(`a ${kind} refused by its condition is false; another failure is thrown`, async () => {
      expect(await wrote(client(conditionFailed()).db, command)).toBe(false);
      await expect(wrote(client(new Error('ProvisionedThroughputExceededException')).db, command)).rejects.toThrow('ProvisionedThroughputExceededException');
    });
  }

  it('a transaction is refused only by the items it names (the first by default)', async () => {
    expect(await wrote(client(cancelled('ConditionalCheckFailed', 'None')).db, tx)).toBe(false);
    // the second item's condition failing is not the refusal the caller expects
    await expect(wrote(client(cancelled('None', 'ConditionalCheckFailed')).db, tx)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(await wrote(client(cancelled('None', 'ConditionalCheckFailed')).db, tx, [0, 1])).toBe(false);
  });

  it('a transaction cancelled for another reason (a conflict) is thrown, to be retried', async () => {
    await expect(wrote(client(cancelled('TransactionConflict', 'None')).db, tx)).rejects.toBeInstanceOf(TransactionCanceledException);
  });

  it('a transaction is not refused by a single write\'s exception, nor a single write by a cancelled transaction', async () => {
    await expect(wrote(client(conditionFailed()).db, tx)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(wrote(client(cancelled('ConditionalCheckFailed')).db, singles.put)).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});
