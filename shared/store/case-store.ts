import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { setFields } from './expressions.js';
import { AppointmentItem, AuditItem, CaseItem, IntentItem, ReferralItem, TimerItem, keys } from './items.js';

export type CreateCaseResult = { created: true } | { created: false; existingCaseId: string };

export interface CaseView {
  case: CaseItem;
  referrals: ReferralItem[];
  intents: IntentItem[];
  appointments: AppointmentItem[];
  timers: TimerItem[];
  audit: AuditItem[];
}

/** Cases and their SMR-id claims. A case is created only if its SMR case id is not yet claimed. */
export class CaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The case, its SMR-id claim and its first timers, all or nothing. */
  async create(item: CaseItem, timers: TimerItem[] = []): Promise<CreateCaseResult> {
    const claim = { ...keys.smrClaim(item.smrCaseId), type: 'SmrClaim', caseId: item.caseId, expiresAt: item.expiresAt };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.table, Item: claim, ConditionExpression: 'attribute_not_exists(pk)' } },
            ...timers.map((t) => ({ Put: { TableName: this.table, Item: t, ConditionExpression: 'attribute_not_exists(pk)' } })),
          ],
        }),
      );
      return { created: true };
    } catch (err) {
      if (err instanceof TransactionCanceledException && err.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') {
        const existing = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.smrClaim(item.smrCaseId), ConsistentRead: true }));
        return { created: false, existingCaseId: String(existing.Item?.caseId ?? '') };
      }
      throw err;
    }
  }

  /**
   * Sets fields on an open case; false if there is no such open case. Used for the home visit
   * and for closing (`status: 'closed'`).
   */
  async updateOpen(caseId: string, fields: Record<string, unknown>): Promise<boolean> {
    const update = setFields(fields, { '#status': 'status' }, { ':closed': 'closed' });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.case(caseId),
          UpdateExpression: update.set,
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :closed)',
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: update.values,
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async get(caseId: string): Promise<CaseItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.case(caseId), ConsistentRead: true }));
    return out.Item ? CaseItem.parse(out.Item) : undefined;
  }

  /** One Query over the case's partition: the case, its referrals and their notifications. */
  async view(caseId: string): Promise<CaseView | undefined> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.case(caseId).pk },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...((out.Items ?? []) as Record<string, unknown>[]));
      start = out.LastEvaluatedKey;
    } while (start);
    const meta = items.find((i) => i.type === 'Case');
    if (!meta) return undefined;
    return {
      case: CaseItem.parse(meta),
      referrals: items.filter((i) => i.type === 'Referral').map((i) => ReferralItem.parse(i)),
      intents: items.filter((i) => i.type === 'Intent').map((i) => IntentItem.parse(i)),
      appointments: items.filter((i) => i.type === 'Appointment').map((i) => AppointmentItem.parse(i)),
      timers: items.filter((i) => i.type === 'Timer').map((i) => TimerItem.parse(i)),
      audit: items.filter((i) => i.type === 'Audit').map((i) => AuditItem.parse(i)),
    };
  }
}
