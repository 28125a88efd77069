import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppointmentItem, appointmentKey, appointmentListing } from './appointment.js';
import { caseKey } from './case.js';
import { putNew } from './expressions.js';
import type { IntentItem } from './intent.js';
import type { AppointmentRepository } from './ports.js';
import type { TimerItem } from './timer.js';
import { wrote } from './wrote.js';

/** Appointments and legal deadlines; each version carries its own reminders. */
export class AppointmentStore implements AppointmentRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Writes the appointment and its reminders under an open case; false if the case is not open. */
  async create(item: AppointmentItem, timers: TimerItem[], municipalityId: string): Promise<boolean> {
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: this.table,
              Key: caseKey(item.caseId),
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#s) OR #s <> :closed)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':closed': 'closed' },
            },
          },
          putNew(this.table, { ...item, ...appointmentListing(item, municipalityId) }),
          ...timers.map((t) => putNew(this.table, t)),
        ],
      }),
      [0, 1],
    );
  }

  async get(caseId: string, appointmentId: string): Promise<AppointmentItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: appointmentKey(caseId, appointmentId), ConsistentRead: true }));
    return out.Item ? AppointmentItem.parse(out.Item) : undefined;
  }

  /**
   * Moves a scheduled appointment to a new version (new time or details) and writes that
   * version's reminders, all or nothing. Reminders of older versions become moot when they fire,
   * and are cancelled right after.
   */
  async reschedule(current: AppointmentItem, next: AppointmentItem, timers: TimerItem[], municipalityId: string, intents: IntentItem[] = []): Promise<boolean> {
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...next, ...appointmentListing(next, municipalityId) },
              ConditionExpression: '#s = :scheduled AND version = :v',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':scheduled': 'scheduled', ':v': current.version },
            },
          },
          ...timers.map((t) => putNew(this.table, t)),
          ...intents.map((i) => putNew(this.table, i)),
        ],
      }),
    );
  }

  async cancel(caseId: string, appointmentId: string, at: string, notice?: { version: number; intents: IntentItem[] }): Promise<boolean> {
    const update = {
      TableName: this.table,
      Key: appointmentKey(caseId, appointmentId),
      UpdateExpression: 'SET #s = :cancelled, updatedAt = :at REMOVE listKey, listSort',
      ConditionExpression: '#s = :scheduled',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':cancelled': 'cancelled', ':scheduled': 'scheduled', ':at': at },
    };
    if (!notice?.intents.length) return wrote(this.db, new UpdateCommand(update));
    // The notice names the version read: a move in between would make it name the wrong time.
    const versioned = { ...update, ConditionExpression: '#s = :scheduled AND version = :v', ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':v': notice.version } };
    return wrote(this.db, new TransactWriteCommand({ TransactItems: [{ Update: versioned }, ...notice.intents.map((i) => putNew(this.table, i))] }));
  }
}
