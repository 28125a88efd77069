import { QueryCommand, TransactWriteCommand, GetCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CaseItem } from './case.js';
import { caseKey } from './case.js';
import {
  assessmentCounts,
  caseFileAudit,
  MONITORING_PREFIX,
  MonitoringItem,
  monitoringCounts,
  planCounts,
  planDetail,
  PlanItem,
  planKey,
  type AssessmentItem,
  type Recorder,
} from './case-file.js';
import { putNew } from './expressions.js';
import { countIn } from './indicator-store.js';
import type { Increments } from './indicators.js';
import { casePk } from './owner.js';
import type { CaseFileRepository } from './ports.js';
import { wrote } from './wrote.js';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const OPEN = 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :closed)';

/** The case file's items (store/case-file.ts): each write under an open case, with its audit entry and counters. */
export class CaseFileStore implements CaseFileRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async addAssessment(theCase: CaseItem, item: AssessmentItem, who: Recorder): Promise<boolean> {
    const previous = item.version - 1;
    return this.transact([
      {
        // The case holds the latest version: two submissions at once cannot both write version n.
        Update: {
          TableName: this.table,
          Key: caseKey(theCase.caseId),
          UpdateExpression: 'SET assessmentVersion = :v',
          ConditionExpression: `${OPEN} AND ${previous === 0 ? 'attribute_not_exists(assessmentVersion)' : 'assessmentVersion = :prev'}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':closed': 'closed', ':v': item.version, ...(previous === 0 ? {} : { ':prev': previous }) },
        },
      },
      putNew(this.table, item),
      { Put: { TableName: this.table, Item: caseFileAudit(theCase, `fvn-${item.version}`, item.at, who, 'case.assessed', { version: String(item.version), referrals: String(item.referralIds.length) }) } },
      ...this.count(theCase.municipalityId, item.at, assessmentCounts(item, theCase.category)),
    ]);
  }

  async plan(caseId: string): Promise<PlanItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: planKey(caseId), ConsistentRead: true }));
    return out.Item ? PlanItem.parse(out.Item) : undefined;
  }

  async putPlan(current: PlanItem | undefined, next: PlanItem, who: Recorder): Promise<boolean> {
    return this.transact([
      this.planWrite(current, next),
      this.openCase(next.caseId),
      { Put: { TableName: this.table, Item: caseFileAudit(next, `plan-${next.version}`, next.updatedAt, who, current ? 'plan.updated' : 'plan.created', planDetail(next)) } },
      ...this.count(next.municipalityId, next.updatedAt, planCounts(current, next)),
    ]);
  }

  async recordMonitoring(theCase: CaseItem, item: MonitoringItem, plan: { current: PlanItem; next: PlanItem } | undefined, who: Recorder): Promise<boolean> {
    const detail = { monitoringId: item.monitoringId, kind: item.kind, date: item.date, progress: String(item.progress.length) };
    return this.transact([
      this.openCase(theCase.caseId),
      putNew(this.table, item),
      ...(plan ? [this.planWrite(plan.current, plan.next)] : []),
      { Put: { TableName: this.table, Item: caseFileAudit(theCase, item.monitoringId, item.at, who, 'case.monitored', detail) } },
      ...this.count(theCase.municipalityId, item.at, monitoringCounts(item, theCase.category)),
    ]);
  }

  async monitoring(caseId: string, range: { from?: string; through?: string } = {}): Promise<MonitoringItem[]> {
    const items: MonitoringItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': casePk(caseId), ':from': `${MONITORING_PREFIX}${range.from ?? ''}`, ':to': `${MONITORING_PREFIX}${range.through ?? '9999-12-31'}#~` },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...(out.Items ?? []).map((i) => MonitoringItem.parse(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** The plan replaced only at the version read (or created only while absent); its list fields go when nothing is open. */
  private planWrite(current: PlanItem | undefined, next: PlanItem): TransactItems[number] {
    return {
      Put: {
        TableName: this.table,
        Item: next,
        ConditionExpression: current ? 'version = :read' : 'attribute_not_exists(pk)',
        ...(current ? { ExpressionAttributeValues: { ':read': current.version } } : {}),
      },
    };
  }

  private openCase(caseId: string): TransactItems[number] {
    return {
      ConditionCheck: {
        TableName: this.table,
        Key: caseKey(caseId),
        ConditionExpression: OPEN,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'closed' },
      },
    };
  }

  private count(municipalityId: string, at: string, add: Increments): TransactItems {
    return Object.keys(add).length > 0 ? [countIn(this.table, municipalityId, at, add) as TransactItems[number]] : [];
  }

  /** All or nothing; false when one of the first writes' conditions (the case, the version read) did not hold. */
  private transact(items: TransactItems): Promise<boolean> {
    return wrote(this.db, new TransactWriteCommand({ TransactItems: items }), [0, 1, 2]);
  }
}
