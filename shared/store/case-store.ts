import type { Actor } from '../domain/actor.js';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { setFields } from './expressions.js';
import { countIn } from './indicators.js';
import { readPartition } from './partition.js';
import { AppointmentItem, AuditItem, auditItem, CaseItem, caseListing, IntentItem, ReferralItem, TimerItem, keys, type SmsOptOutReason } from './items.js';

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

  /**
   * The case, its SMR-id claim and its first timers, all or nothing; with them the case is counted
   * as opened, enters its municipality's open-cases list and the day's activity feed.
   */
  async create(item: CaseItem, timers: TimerItem[], actor: Actor): Promise<CreateCaseResult> {
    const claim = { ...keys.smrClaim(item.smrCaseId), type: 'SmrClaim', caseId: item.caseId, expiresAt: item.expiresAt };
    const audit = auditItem({ caseId: item.caseId, municipalityId: item.municipalityId }, item.caseId, item.createdAt, {
      event: 'case.created',
      by: actor.by,
      byRole: actor.role,
      via: 'api',
      detail: { smrCaseId: item.smrCaseId, householdSize: String(item.household.length), arrivalDate: item.arrivalDate },
    });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...item, ...caseListing(item) }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.table, Item: claim, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.table, Item: audit } },
            countIn(this.table, item.municipalityId, item.createdAt, { casesOpened: 1 }),
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

  /** Closes an open case: counted as closed, out of the open-cases list, on record; false if not open. */
  close(caseId: string, at: string, actor: Actor): Promise<boolean> {
    return this.changeOpenCase(caseId, (current) => ({
      expression: 'SET #status = :closed, closedAt = :at REMOVE listKey, listSort',
      values: { ':at': at },
      audit: auditItem({ caseId, municipalityId: current.municipalityId }, caseId, at, { event: 'case.closed', by: actor.by, byRole: actor.role, via: 'api', detail: { smrCaseId: current.smrCaseId } }),
      also: [countIn(this.table, current.municipalityId, at, { casesClosed: 1 })],
    }));
  }

  /**
   * The coordinator's SMS choice for a case: opted out (the returnee asked, the number is wrong…)
   * or back in. On record in the same transaction; false if there is no such open case.
   */
  setSmsOptOut(caseId: string, optOut: { reason: SmsOptOutReason } | undefined, at: string, actor: Actor): Promise<boolean> {
    return this.changeOpenCase(caseId, (current) => ({
      expression: optOut ? 'SET consent.sms = :sms, smsOptOut = :optOut' : 'SET consent.sms = :sms REMOVE smsOptOut',
      values: { ':sms': !optOut, ...(optOut ? { ':optOut': { reason: optOut.reason, at } } : {}) },
      audit: auditItem({ caseId, municipalityId: current.municipalityId }, caseId, at, {
        event: optOut ? 'case.sms_opted_out' : 'case.sms_opted_in',
        by: actor.by,
        byRole: actor.role,
        via: 'api',
        ...(optOut ? { detail: { reason: optOut.reason } } : {}),
      }),
    }));
  }

  /**
   * One change to an open case with its audit entry (and counters), all or nothing, conditional on
   * the case still being open; false if there is no such open case (or it closed meanwhile).
   */
  private async changeOpenCase(
    caseId: string,
    change: (current: CaseItem) => { expression: string; values: Record<string, unknown>; audit: AuditItem; also?: NonNullable<TransactWriteCommandInput['TransactItems']> },
  ): Promise<boolean> {
    const current = await this.get(caseId);
    if (!current || current.status === 'closed') return false;
    const c = change(current);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keys.case(caseId),
                UpdateExpression: c.expression,
                ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :closed)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':closed': 'closed', ...c.values },
              },
            },
            { Put: { TableName: this.table, Item: c.audit } },
            ...(c.also ?? []),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw err;
    }
  }

  /** The municipality of the case registered under an SMR case id, if any (through its SMR claim). */
  async municipalityOfSmr(smrCaseId: string): Promise<string | undefined> {
    const claim = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.smrClaim(smrCaseId), ProjectionExpression: 'caseId', ConsistentRead: true }));
    return typeof claim.Item?.caseId === 'string' ? this.municipalityOf(claim.Item.caseId) : undefined;
  }

  /** The municipality a case belongs to, for scoping a caller, without reading its personal data. */
  async municipalityOf(caseId: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.case(caseId), ProjectionExpression: 'municipalityId', ConsistentRead: true }));
    return typeof out.Item?.municipalityId === 'string' ? out.Item.municipalityId : undefined;
  }

  async get(caseId: string): Promise<CaseItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.case(caseId), ConsistentRead: true }));
    return out.Item ? CaseItem.parse(out.Item) : undefined;
  }

  /** One Query over the case's partition: the case, its referrals and their notifications. */
  async view(caseId: string): Promise<CaseView | undefined> {
    const items = await readPartition(this.db, this.table, keys.case(caseId).pk);
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
