import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { conditionFailedAt } from './expressions.js';

/** A write whose condition decides whether it happens. */
export type ConditionalWrite = TransactWriteCommand | PutCommand | UpdateCommand | DeleteCommand;

/**
 * Sends a conditional write: true when it was written, false when its condition refused it (and
 * nothing was written); any other failure is thrown. A transaction counts as refused only when an
 * item at one of `refusedAt` failed its condition: a refusal elsewhere (an item derived from this
 * one that exists already, a counter) means something the caller did not expect, and is thrown.
 */
export async function wrote(db: DynamoDBDocumentClient, write: ConditionalWrite, refusedAt: readonly number[] = [0]): Promise<boolean> {
  try {
    // One union of commands is not one `send` overload: each is sent as what it is.
    if (write instanceof TransactWriteCommand) await db.send(write);
    else if (write instanceof PutCommand) await db.send(write);
    else if (write instanceof UpdateCommand) await db.send(write);
    else await db.send(write);
    return true;
  } catch (err) {
    const refused = write instanceof TransactWriteCommand ? refusedAt.some((i) => conditionFailedAt(err, i)) : (err as Error).name === 'ConditionalCheckFailedException';
    if (refused) return false;
    throw err;
  }
}

/**
 * A conditional update (one item, no transaction: no ClientRequestToken) that the client sends
 * again when its answer is lost; the resend of one that took is refused by its own condition. True
 * when written, or when the item as found at the refusal is as this update leaves it (`ours`).
 */
export async function updatedOrOurs(db: DynamoDBDocumentClient, input: UpdateCommandInput, ours: (item: Record<string, unknown>) => boolean): Promise<boolean> {
  try {
    await db.send(new UpdateCommand({ ...input, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return err.Item !== undefined && ours(unmarshall(err.Item));
    throw err;
  }
}
