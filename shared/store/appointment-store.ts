import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppointmentItem, keys, type TimerItem } from './items.js';

/** Appointments and legal deadlines; each version carries its own reminders. */
export class AppointmentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Writes the appointment and its reminders under an open case; false if the case is not open. */
  async create(item: AppointmentItem, timers: TimerItem[]): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.table,
                Key: keys.case(item.caseId),
                ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#s) OR #s <> :closed)',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':closed': 'closed' },
              },
            },
            { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            ...timers.map((t) => ({ Put: { TableName: this.table, Item: t, ConditionExpression: 'attribute_not_exists(pk)' } })),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw err;
    }
  }

  /**
   * Moves a scheduled appointment to a new version (new time or details) and writes that
   * version's reminders, all or nothing. Reminders of older versions become moot when they fire,
   * and are cancelled right after.
   */
  async reschedule(current: AppointmentItem, next: AppointmentItem, timers: TimerItem[]): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: next,
                ConditionExpression: '#s = :scheduled AND version = :v',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':scheduled': 'scheduled', ':v': current.version },
              },
            },
            ...timers.map((t) => ({ Put: { TableName: this.table, Item: t, ConditionExpression: 'attribute_not_exists(pk)' } })),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw err;
    }
  }

  async cancel(caseId: string, appointmentId: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.appointment(caseId, appointmentId),
          UpdateExpression: 'SET #s = :cancelled, updatedAt = :at REMOVE listKey, listSort',
          ConditionExpression: '#s = :scheduled',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':scheduled': 'scheduled', ':at': at },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
