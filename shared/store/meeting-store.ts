import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/actor.js';
import { countIn } from './indicator-store.js';
import { meetingAudit, MeetingItem, meetingKey, meetingListing, meetingMinutes, type Minutes } from './meeting.js';
import { readPartition } from './partition.js';
import type { MeetingRepository, MeetingView } from './ports.js';
import { meetingViewOf } from './views.js';
import { wrote } from './wrote.js';

/**
 * Meetings own their writes: created once (a recurring occurrence has a derived id, so planning
 * it twice writes it once); rescheduled and cancelled only from the sequence that was read, so
 * two coordinators editing at once cannot lose a change silently.
 */
export class MeetingStore implements MeetingRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async createIfAbsent(m: MeetingItem): Promise<boolean> {
    return wrote(this.db, new PutCommand({ TableName: this.table, Item: { ...m, ...meetingListing(m) }, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  /** The municipality a meeting belongs to, for scoping a caller. */
  async municipalityOf(meetingId: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: meetingKey(meetingId), ProjectionExpression: 'municipalityId', ConsistentRead: true }));
    return typeof out.Item?.municipalityId === 'string' ? out.Item.municipalityId : undefined;
  }

  async get(meetingId: string): Promise<MeetingItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: meetingKey(meetingId), ConsistentRead: true }));
    return out.Item ? MeetingItem.parse(out.Item) : undefined;
  }

  /** Replaces a scheduled meeting with its next version; false if someone changed it meanwhile. */
  async update(current: MeetingItem, next: MeetingItem, audit: { event: string; at: string; actor: Actor; detail?: Record<string, string> }): Promise<boolean> {
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: next.status === 'scheduled' ? { ...next, ...meetingListing(next) } : next,
              ConditionExpression: '#s = :scheduled AND #seq = :seq',
              ExpressionAttributeNames: { '#s': 'status', '#seq': 'sequence' },
              ExpressionAttributeValues: { ':scheduled': 'scheduled', ':seq': current.sequence },
            },
          },
          { Put: { TableName: this.table, Item: meetingAudit(current, next, audit) } },
        ],
      }),
    );
  }

  /**
   * Records the minutes: held or not, and the cases discussed. A held meeting and its cases are
   * counted for the quarter the meeting took place in, in the same transaction; recording twice
   * is refused (the first record stands), so nothing is counted twice.
   */
  async recordMinutes(current: MeetingItem, minutes: Minutes, at: string, actor: Actor): Promise<boolean> {
    const { next, audit, counts } = meetingMinutes(current, minutes, at, actor);
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...next, ...meetingListing(next) },
              ConditionExpression: '#s = :scheduled AND #seq = :seq',
              ExpressionAttributeNames: { '#s': 'status', '#seq': 'sequence' },
              ExpressionAttributeValues: { ':scheduled': 'scheduled', ':seq': current.sequence },
            },
          },
          { Put: { TableName: this.table, Item: audit } },
          ...(counts ? [countIn(this.table, current.municipalityId, current.start, counts)] : []),
        ],
      }),
    );
  }

  /** One Query over the meeting's partition: the meeting, its invitations, reminders and record. */
  async view(meetingId: string): Promise<MeetingView | undefined> {
    return meetingViewOf(await readPartition(this.db, this.table, meetingKey(meetingId).pk));
  }
}
