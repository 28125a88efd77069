import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppointmentItem } from './appointment.js';
import { AuditItem } from './audit.js';
import { CaseItem } from './case.js';
import { PlanItem } from './case-file.js';
import { IntentItem } from './intent.js';
import { MeetingItem } from './meeting.js';
import { PageAnswerItem } from './page-answer.js';
import type { ListRange, WorklistRepository } from './ports.js';
import { ReferralItem } from './referral.js';
import { TABLE } from './table.js';
import { lists } from './worklist.js';

/**
 * Reads of the sparse `worklist` index (see worklist.ts). Every read is one list's partition,
 * bounded by its sort key: what is current, or one day of activity, never the table.
 */
export class WorklistStore implements WorklistRepository {
  /** Items returned by the index: the figure the tests and benchmarks watch. */
  itemsRead = 0;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async awaitingAck(municipalityId: string, range?: ListRange): Promise<ReferralItem[]> {
    return (await this.read(lists.awaitingAck(municipalityId), range)).map((i) => ReferralItem.parse(i));
  }

  async declined(municipalityId: string, range?: ListRange): Promise<ReferralItem[]> {
    return (await this.read(lists.declined(municipalityId), range)).map((i) => ReferralItem.parse(i));
  }

  async blocked(municipalityId: string, range?: ListRange): Promise<ReferralItem[]> {
    return (await this.read(lists.blocked(municipalityId), range)).map((i) => ReferralItem.parse(i));
  }

  async openCases(municipalityId: string, range?: ListRange): Promise<CaseItem[]> {
    return (await this.read(lists.openCases(municipalityId), range)).map((i) => CaseItem.parse(i));
  }

  async openCasesPage(municipalityId: string, page: { limit: number; before?: string }): Promise<{ items: CaseItem[]; next?: string }> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: TABLE.worklistIndex.name,
        KeyConditionExpression: page.before === undefined ? '#k = :k' : '#k = :k AND #s < :before',
        ExpressionAttributeNames: { '#k': TABLE.worklistIndex.partitionKey, ...(page.before === undefined ? {} : { '#s': TABLE.worklistIndex.sortKey }) },
        ExpressionAttributeValues: { ':k': lists.openCases(municipalityId), ...(page.before === undefined ? {} : { ':before': page.before }) },
        ScanIndexForward: false,
        // One more than asked for tells whether another page follows, without a second read.
        Limit: page.limit + 1,
      }),
    );
    this.itemsRead += out.Items?.length ?? 0;
    const items = (out.Items ?? []).map((i) => CaseItem.parse(i));
    const shown = items.slice(0, page.limit);
    // A read cut short by DynamoDB's 1 MB page may have more behind it, too.
    const more = items.length > page.limit || (out.LastEvaluatedKey !== undefined && shown.length > 0);
    return { items: shown, ...(more && shown.at(-1)?.listSort ? { next: shown.at(-1)!.listSort! } : {}) };
  }

  async appointments(municipalityId: string, range?: ListRange): Promise<AppointmentItem[]> {
    return (await this.read(lists.appointments(municipalityId), range)).map((i) => AppointmentItem.parse(i));
  }

  async failedNotifications(municipalityId: string, range?: ListRange): Promise<IntentItem[]> {
    return (await this.read(lists.failed(municipalityId), range)).map((i) => IntentItem.parse(i));
  }

  async cannotCome(municipalityId: string, range?: ListRange): Promise<PageAnswerItem[]> {
    return (await this.read(lists.cannotCome(municipalityId), range)).map((i) => PageAnswerItem.parse(i));
  }

  async meetings(municipalityId: string, range?: ListRange): Promise<MeetingItem[]> {
    return (await this.read(lists.meetings(municipalityId), range)).map((i) => MeetingItem.parse(i));
  }

  async measuresDue(municipalityId: string, range?: ListRange): Promise<PlanItem[]> {
    return (await this.read(lists.measuresDue(municipalityId), range)).map((i) => PlanItem.parse(i));
  }

  async feed(municipalityId: string, localDate: string): Promise<AuditItem[]> {
    return (await this.read(lists.feed(municipalityId, localDate))).map((i) => AuditItem.parse(i));
  }

  /**
   * Items of `listKey` in order, within `range`. Sort keys are `<date or instant>#<id…>`: every
   * entry listed by `through` sorts at or below `through#~` (`~` after the ids' characters), and
   * every entry listed by `before` sorts above `before` itself.
   */
  private async read(listKey: string, range: ListRange = {}): Promise<Record<string, unknown>[]> {
    const from = range.from;
    const to = range.through !== undefined ? `${range.through}#~` : range.before;
    const names: Record<string, string> = { '#k': TABLE.worklistIndex.partitionKey };
    const values: Record<string, unknown> = { ':k': listKey };
    let condition = '#k = :k';
    if (from !== undefined || to !== undefined) names['#s'] = TABLE.worklistIndex.sortKey;
    if (from !== undefined && to !== undefined) {
      condition += ' AND #s BETWEEN :from AND :to';
      values[':from'] = from;
      values[':to'] = to;
    } else if (from !== undefined) {
      condition += ' AND #s >= :from';
      values[':from'] = from;
    } else if (to !== undefined) {
      condition += ' AND #s <= :to';
      values[':to'] = to;
    }
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: TABLE.worklistIndex.name,
          KeyConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: start,
        }),
      );
      this.itemsRead += out.Items?.length ?? 0;
      items.push(...((out.Items ?? []) as Record<string, unknown>[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
