import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppointmentItem, appointmentKey, appointmentListing } from './appointment.js';
import { caseKey } from './case.js';
import { conditionFailedAt, putNew } from './expressions.js';
import { cancelUnsent } from './intent-store.js';
import type { ChangeNotice, AppointmentRepository, ChangeWrite } from './ports.js';
import type { TimerItem } from './timer.js';
import { wrote } from './wrote.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const NO_NOTICE: ChangeNotice = { intents: [], replaces: [] };

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
  async reschedule(current: AppointmentItem, next: AppointmentItem, timers: TimerItem[], municipalityId: string, notice: ChangeNotice = NO_NOTICE): Promise<ChangeWrite> {
    const put = {
      Put: {
        TableName: this.table,
        Item: { ...next, ...appointmentListing(next, municipalityId) },
        ConditionExpression: '#s = :scheduled AND version = :v',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':scheduled': 'scheduled', ':v': current.version },
      },
    };
    return this.withNotice([put, ...timers.map((t) => putNew(this.table, t))], notice, next.updatedAt);
  }

  async cancel(caseId: string, appointmentId: string, at: string, notice?: ChangeNotice & { version: number }): Promise<ChangeWrite> {
    const update = {
      TableName: this.table,
      Key: appointmentKey(caseId, appointmentId),
      UpdateExpression: 'SET #s = :cancelled, updatedAt = :at REMOVE listKey, listSort',
      ConditionExpression: '#s = :scheduled',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':cancelled': 'cancelled', ':scheduled': 'scheduled', ':at': at },
    };
    if (!notice?.intents.length && !notice?.replaces.length) return (await wrote(this.db, new UpdateCommand(update))) ? 'written' : 'refused';
    // The notice names the time of the version read: a move in between would make it name the wrong one.
    const versioned = { ...update, ConditionExpression: '#s = :scheduled AND version = :v', ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':v': notice.version } };
    return this.withNotice([{ Update: versioned }], notice, at);
  }

  /** The change (its appointment's write first), the family's notice, and the unsent SMS it replaces cancelled: all or nothing. */
  private async withNotice(change: TransactItem[], notice: ChangeNotice, at: string): Promise<ChangeWrite> {
    const items = [...change, ...notice.intents.map((i) => putNew(this.table, i))];
    const replaced = notice.replaces.map((i, k) => ({ write: cancelUnsent(this.table, i, at), index: items.length + k }));
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [...items, ...replaced.map((r) => r.write)] }));
      return 'written';
    } catch (err) {
      if (conditionFailedAt(err, 0)) return 'refused';
      if (replaced.some((r) => conditionFailedAt(err, r.index))) return 'told';
      throw err;
    }
  }
}
