import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { CaseItem, IntentItem, ReferralItem, keys } from './items.js';

export type CreateCaseResult = { created: true } | { created: false; existingCaseId: string };

export interface CaseView {
  case: CaseItem;
  referrals: ReferralItem[];
  intents: IntentItem[];
}

/** Cases and their SMR-id claims. A case is created only if its SMR case id is not yet claimed. */
export class CaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(item: CaseItem): Promise<CreateCaseResult> {
    const claim = { ...keys.smrClaim(item.smrCaseId), type: 'SmrClaim', caseId: item.caseId, expiresAt: item.expiresAt };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.table, Item: claim, ConditionExpression: 'attribute_not_exists(pk)' } },
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
    };
  }
}
