import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/actor.js';
import type { SmsOptOutReason } from '../domain/case.js';
import { notClosed, type FollowUpClosing, type FollowUpDone } from '../domain/notification.js';
import type { AuditItem } from './audit.js';
import { closureCounts, planKey, type Closure } from './case-file.js';
import { caseAudit, caseClosedAudit, caseCreatedAudit, CaseItem, caseKey, caseListing, smrClaimItem, smrClaimKey, visitPlannedAudit, type HomeVisitPlan } from './case.js';
import type { IntentItem } from './intent.js';
import { cancelUnsent } from './intent-store.js';
import { pageAnswerFollowedUp, pageAnsweredAudit, pageAnswerKey, PageAnswerItem } from './page-answer.js';
import { conditionFailedAt, putNew, setFields } from './expressions.js';
import { countIn } from './indicator-store.js';
import { caseOpened, type Increments } from './indicators.js';
import { readPartition } from './partition.js';
import type { CaseRepository, CaseView, ChangeNotice, ChangeWrite, CreateCaseResult } from './ports.js';
import type { TimerItem } from './timer.js';
import { caseViewOf, itemsOfView } from './views.js';
import { wrote } from './wrote.js';
import { awaitsAction } from './worklist.js';

/** Cases and their SMR-id claims. A case is created only if its SMR case id is not yet claimed. */
export class CaseStore implements CaseRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * The case, its SMR-id claim and its first timers, all or nothing; with them the case is counted
   * as opened, enters its municipality's open-cases list and the day's activity feed.
   */
  async create(item: CaseItem, timers: TimerItem[], actor: Actor, intents: IntentItem[] = []): Promise<CreateCaseResult> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            putNew(this.table, { ...item, ...caseListing(item) }),
            putNew(this.table, smrClaimItem(item)),
            { Put: { TableName: this.table, Item: caseCreatedAudit(item, actor) } },
            countIn(this.table, item.municipalityId, item.createdAt, caseOpened(item.category)),
            ...timers.map((t) => putNew(this.table, t)),
            ...intents.map((i) => putNew(this.table, i)),
          ],
        }),
      );
      return { created: true };
    } catch (err) {
      if (conditionFailedAt(err, 1)) {
        const existing = await this.db.send(new GetCommand({ TableName: this.table, Key: smrClaimKey(item.smrCaseId), ConsistentRead: true }));
        return { created: false, existingCaseId: String(existing.Item?.caseId ?? '') };
      }
      throw err;
    }
  }

  async recordHomeVisit(caseId: string, at: string, plan?: HomeVisitPlan, firstVisit?: Increments): Promise<boolean> {
    const fields = { homeVisitAt: at, ...(plan ? { homeVisitPlan: plan } : {}) };
    const municipalityId = firstVisit ? await this.municipalityOf(caseId) : undefined;
    if (!firstVisit || !municipalityId) return this.updateOpen(caseId, fields);
    const update = setFields(fields, { '#status': 'status' }, { ':closed': 'closed' });
    const counted = await wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: caseKey(caseId),
              UpdateExpression: update.set,
              // Counted once: a visit recorded meanwhile makes this a correction, written below uncounted.
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :closed) AND attribute_not_exists(homeVisitAt)',
              ExpressionAttributeNames: update.names,
              ExpressionAttributeValues: update.values,
            },
          },
          countIn(this.table, municipalityId, at, firstVisit),
        ],
      }),
    );
    return counted || this.updateOpen(caseId, fields);
  }

  async planHomeVisit(caseId: string, plan: HomeVisitPlan, previousSequence: number | undefined, notice: ChangeNotice, actor: Actor): Promise<ChangeWrite> {
    const first = previousSequence === undefined;
    const puts = notice.intents.map((i) => putNew(this.table, i));
    const replaced = notice.replaces.map((i) => cancelUnsent(this.table, i, plan.plannedAt));
    try {
      const written = await this.changeOpenCase(caseId, (current) => ({
        expression: 'SET homeVisitPlan = :plan',
        // Not once the visit is recorded, and only over the plan the caller read.
        condition: `attribute_not_exists(homeVisitAt) AND ${first ? 'attribute_not_exists(homeVisitPlan)' : 'homeVisitPlan.#sequence = :previous'}`,
        names: first ? undefined : { '#sequence': 'sequence' },
        values: { ':plan': plan, ...(first ? {} : { ':previous': previousSequence }) },
        audit: visitPlannedAudit(current, plan, actor),
        also: [...puts, ...replaced],
      }));
      return written ? 'written' : 'refused';
    } catch (err) {
      // After the case's update and its audit entry: the notices, then the SMS they replace.
      if (replaced.some((_, k) => conditionFailedAt(err, 2 + puts.length + k))) return 'told';
      throw err;
    }
  }

  /** Sets fields on an open case; false if there is no such open case. */
  private async updateOpen(caseId: string, fields: Record<string, unknown>): Promise<boolean> {
    const update = setFields(fields, { '#status': 'status' }, { ':closed': 'closed' });
    return wrote(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: caseKey(caseId),
        UpdateExpression: update.set,
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :closed)',
        ExpressionAttributeNames: update.names,
        ExpressionAttributeValues: update.values,
      }),
    );
  }

  /**
   * Closes an open case: counted as closed (and by outcome), out of the open-cases list and its plan
   * out of the measures list, on record; false if not open.
   */
  async close(caseId: string, at: string, actor: Actor, closure?: Omit<Closure, 'by'>): Promise<boolean> {
    // Only a listed plan is touched: an update of an absent plan would create one.
    const plan = await this.db.send(new GetCommand({ TableName: this.table, Key: planKey(caseId), ProjectionExpression: 'listKey', ConsistentRead: true }));
    const delist = plan.Item?.listKey
      ? [{ Update: { TableName: this.table, Key: planKey(caseId), UpdateExpression: 'REMOVE listKey, listSort', ConditionExpression: 'attribute_exists(pk)' } }]
      : [];
    return this.changeOpenCase(caseId, (current) => ({
      expression: `SET #status = :closed, closedAt = :at${closure ? ', closure = :closure' : ''} REMOVE listKey, listSort`,
      values: { ':at': at, ...(closure ? { ':closure': { ...closure, by: actor.by } } : {}) },
      audit: caseClosedAudit(current, at, actor, closure),
      also: [countIn(this.table, current.municipalityId, at, { casesClosed: 1, ...(closure ? closureCounts(closure.outcome, current.category) : {}) }), ...delist],
    }));
  }

  async delistClosed(caseId: string, read?: CaseView): Promise<number> {
    const items: Record<string, unknown>[] = read ? itemsOfView(read) : await readPartition(this.db, this.table, caseKey(caseId).pk);
    if (items.find((i) => i.sk === caseKey(caseId).sk)?.status !== 'closed') return 0;
    let delisted = 0;
    // One by one: a case has a handful, and each is conditional on the list it was read on.
    for (const i of items) {
      if (typeof i.listKey !== 'string' || !awaitsAction(i.listKey)) continue;
      const off = await wrote(
        this.db,
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: i.pk, sk: i.sk },
          UpdateExpression: 'REMOVE listKey, listSort',
          ConditionExpression: 'listKey = :list',
          ExpressionAttributeValues: { ':list': i.listKey },
        }),
      );
      if (off) delisted++;
    }
    return delisted;
  }

  async answerFromPage(item: PageAnswerItem, previousChanges: number | undefined, intents: IntentItem[]): Promise<'recorded' | 'conflict' | 'closed'> {
    try {
      const done = await this.changeOpenCase(item.caseId, (current) => ({
        expression: 'SET pageAnsweredAt = :at',
        values: { ':at': item.at },
        audit: pageAnsweredAudit(item, current.municipalityId),
        also: [
          {
            Put: {
              TableName: this.table,
              Item: item,
              // Over the answer read only: two presses at once record one answer.
              ConditionExpression: previousChanges === undefined ? 'attribute_not_exists(pk)' : 'changes = :previous',
              ...(previousChanges === undefined ? {} : { ExpressionAttributeValues: { ':previous': previousChanges } }),
            },
          },
          ...intents.map((i) => putNew(this.table, i)),
        ],
      }));
      return done ? 'recorded' : 'closed';
    } catch (err) {
      if (conditionFailedAt(err, 2)) return 'conflict';
      throw err;
    }
  }

  async resolveCannotCome(answer: { caseId: string; step: string }, municipalityId: string, followUp: FollowUpDone, actor: Actor): Promise<FollowUpClosing> {
    const current = await this.pageAnswer(answer);
    if (!current) return notClosed(undefined);
    const done = pageAnswerFollowedUp(current, municipalityId, followUp, actor);
    const written = await wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: done.key,
              UpdateExpression: 'SET followUp = :f REMOVE listKey, listSort',
              // Over the answer read: a changed mind meanwhile is a new answer, not this one.
              ConditionExpression: 'listKey = :list AND changes = :changes',
              ExpressionAttributeValues: { ':f': done.followUp, ':list': done.listedIn, ':changes': current.changes },
            },
          },
          { Put: { TableName: this.table, Item: done.audit } },
        ],
      }),
    );
    // Not listed (closed before, maybe by this request's own retry), or changed meanwhile: as it stands now.
    return written ? { done: true } : notClosed(await this.pageAnswer(answer));
  }

  private async pageAnswer(answer: { caseId: string; step: string }): Promise<PageAnswerItem | undefined> {
    const got = await this.db.send(new GetCommand({ TableName: this.table, Key: pageAnswerKey(answer.caseId, answer.step), ConsistentRead: true }));
    return got.Item ? PageAnswerItem.parse(got.Item) : undefined;
  }

  /**
   * The coordinator's SMS choice for a case: opted out (the returnee asked, the number is wrong…)
   * or back in. On record in the same transaction; false if there is no such open case.
   */
  setSmsOptOut(caseId: string, optOut: { reason: SmsOptOutReason } | undefined, at: string, actor: Actor): Promise<boolean> {
    return this.changeOpenCase(caseId, (current) => ({
      expression: optOut ? 'SET consent.sms = :sms, smsOptOut = :optOut' : 'SET consent.sms = :sms REMOVE smsOptOut',
      values: { ':sms': !optOut, ...(optOut ? { ':optOut': { reason: optOut.reason, at } } : {}) },
      audit: caseAudit(current, at, actor, optOut ? 'case.sms_opted_out' : 'case.sms_opted_in', optOut ? { reason: optOut.reason } : undefined),
    }));
  }

  /**
   * One change to an open case with its audit entry (and counters), all or nothing, conditional on
   * the case still being open; false if there is no such open case (or it closed meanwhile).
   */
  private async changeOpenCase(
    caseId: string,
    change: (current: CaseItem) => {
      expression: string;
      values: Record<string, unknown>;
      audit: AuditItem;
      also?: NonNullable<TransactWriteCommandInput['TransactItems']>;
      /** What must hold besides the case being open, with the names it uses. */
      condition?: string;
      names?: Record<string, string>;
    },
  ): Promise<boolean> {
    const current = await this.get(caseId);
    if (!current || current.status === 'closed') return false;
    const c = change(current);
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: caseKey(caseId),
              UpdateExpression: c.expression,
              ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :closed)${c.condition ? ` AND ${c.condition}` : ''}`,
              ExpressionAttributeNames: { '#status': 'status', ...c.names },
              ExpressionAttributeValues: { ':closed': 'closed', ...c.values },
            },
          },
          { Put: { TableName: this.table, Item: c.audit } },
          ...(c.also ?? []),
        ],
      }),
    );
  }

  /** The municipality of the case registered under an SMR case id, if any (through its SMR claim). */
  async municipalityOfSmr(smrCaseId: string): Promise<string | undefined> {
    const caseId = await this.caseIdOfSmr(smrCaseId);
    return caseId ? this.municipalityOf(caseId) : undefined;
  }

  async caseOfSmr(smrCaseId: string): Promise<{ caseId: string; municipalityId: string | undefined } | undefined> {
    const claim = await this.db.send(
      new GetCommand({ TableName: this.table, Key: smrClaimKey(smrCaseId), ProjectionExpression: 'caseId, municipalityId', ConsistentRead: true }),
    );
    const item = claim.Item;
    if (typeof item?.caseId !== 'string') return undefined;
    return { caseId: item.caseId, municipalityId: typeof item.municipalityId === 'string' ? item.municipalityId : undefined };
  }

  async caseIdOfSmr(smrCaseId: string): Promise<string | undefined> {
    const claim = await this.db.send(new GetCommand({ TableName: this.table, Key: smrClaimKey(smrCaseId), ProjectionExpression: 'caseId', ConsistentRead: true }));
    return typeof claim.Item?.caseId === 'string' ? claim.Item.caseId : undefined;
  }

  /** The municipality a case belongs to, for scoping a caller, without reading its personal data. */
  async municipalityOf(caseId: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: caseKey(caseId), ProjectionExpression: 'municipalityId', ConsistentRead: true }));
    return typeof out.Item?.municipalityId === 'string' ? out.Item.municipalityId : undefined;
  }

  async get(caseId: string): Promise<CaseItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: caseKey(caseId), ConsistentRead: true }));
    return out.Item ? CaseItem.parse(out.Item) : undefined;
  }

  /** One Query over the case's partition: the case, its referrals and their notifications. */
  async view(caseId: string): Promise<CaseView | undefined> {
    return caseViewOf(await readPartition(this.db, this.table, caseKey(caseId).pk));
  }
}
