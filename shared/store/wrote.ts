import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
