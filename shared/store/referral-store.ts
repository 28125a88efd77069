import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/actor.js';
import { ReferralState } from '../domain/referral-state.js';
import type { AuditEntry } from './audit.js';
import { caseKey } from './case.js';
import { conditionFailedAt, setFields } from './expressions.js';
import { queryAll } from './query-all.js';
import { countIn } from './indicator-store.js';
import { referralsMade } from './indicators.js';
import { CaseNotFoundError, type ReferralMoveFields, type ReferralRepository } from './ports.js';
import { blockable, cancelWhileIn, flaggableForAddress, referralBlocked, type BlockingStatus, referralFlaggedAudit, ReferralItem, referralKey, referralListing, referralMove, referralSentAudit, sameCaseAndMoment } from './referral.js';
import { wrote } from './wrote.js';

/** The flag set on a referral, in the transaction of the timer that ran out of its acknowledgement ladder. */
export function flagOverdue(table: string, r: Pick<ReferralItem, 'caseId' | 'referralId'>, at: string): Record<string, unknown> {
  return { Update: { TableName: table, Key: referralKey(r.caseId, r.referralId), UpdateExpression: 'SET flaggedAt = :now', ExpressionAttributeValues: { ':now': at } } };
}

/**
 * created → sent, on record: what markSent writes, and what the intent store writes with the
 * office email's own record when the one hop holds the referral (IntentRepository.markSent).
 */
export function referralSent(table: string, current: ReferralItem, at: string): Record<string, unknown>[] {
  return [
    {
      Update: {
        TableName: table,
        Key: referralKey(current.caseId, current.referralId),
        UpdateExpression: 'SET #status = :sent, sentAt = :at',
        ConditionExpression: '#status = :created',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':created': 'created', ':at': at },
      },
    },
    { Put: { TableName: table, Item: referralSentAudit(current, at) } },
  ];
}

/** A decline noted on its case (CaseItem.declinedNeeds), never creating a case that is gone. */
function needDeclinedOnCase(table: string, r: Pick<ReferralItem, 'caseId' | 'need'>) {
  return {
    TableName: table,
    Key: caseKey(r.caseId),
    UpdateExpression: 'SET declinedNeeds = list_append(if_not_exists(declinedNeeds, :none), :need)',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':none': [], ':need': [r.need] },
  };
}

/** Referrals: created only under an existing case, never overwritten. */
export class ReferralStore implements ReferralRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Creates a referral unless one with the same id exists (ids derived from an assessment make a
   * re-submission create nothing); returns false when it already existed.
   */
  createIfAbsent(item: ReferralItem): Promise<boolean> {
    return this.createAllIfAbsent([item]);
  }

  async createAllIfAbsent(items: ReferralItem[]): Promise<boolean> {
    const first = sameCaseAndMoment(items);
    if (!first) return true;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: this.table, Key: caseKey(first.caseId), ConditionExpression: 'attribute_exists(pk)' } },
            ...items.map((item) => ({ Put: { TableName: this.table, Item: { ...item, ...referralListing(item) }, ConditionExpression: 'attribute_not_exists(pk)' } })),
            // Counted when made, so a referral that waits for documents counts in the quarter it was made.
            countIn(this.table, first.municipalityId, first.createdAt, referralsMade(items)),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (conditionFailedAt(err, 0)) throw new CaseNotFoundError(first.caseId);
      if (items.some((_, i) => conditionFailedAt(err, i + 1))) return false;
      throw err;
    }
  }

  /** The referrals of a case that wait for `prerequisiteId` to be completed. */
  async waitingOn(caseId: string, prerequisiteId: string): Promise<ReferralItem[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ref)',
        FilterExpression: '#status = :waiting AND dependsOn = :p',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':ref': 'REF#', ':waiting': 'waiting', ':p': prerequisiteId },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i) => ReferralItem.parse(i));
  }

  async ofNeed(caseId: string, need: ReferralItem['need']): Promise<ReferralItem[]> {
    return queryAll(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ref)',
        FilterExpression: '#need = :need',
        ExpressionAttributeNames: { '#need': 'need' },
        ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':ref': 'REF#', ':need': need },
      },
      (i) => ReferralItem.parse(i),
    );
  }

  async statesOf(caseId: string): Promise<ReferralState[]> {
    const states: ReferralState[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      // Eventually consistent, and the status only: a list of cases is a glance, not a decision.
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ref)',
          ProjectionExpression: '#status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':ref': 'REF#' },
          ExclusiveStartKey: start,
        }),
      );
      for (const i of out.Items ?? []) states.push(ReferralState.parse(i.status));
      start = out.LastEvaluatedKey;
    } while (start);
    return states;
  }

  async getAll(caseId: string, referralIds: readonly string[]): Promise<ReferralItem[]> {
    if (referralIds.length === 0) return [];
    const wanted = new Set(referralIds);
    const all = await queryAll(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ref)',
        ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':ref': 'REF#' },
        ConsistentRead: true,
      },
      (i) => ReferralItem.parse(i),
    );
    return all.filter((r) => wanted.has(r.referralId));
  }

  async get(caseId: string, referralId: string): Promise<ReferralItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: referralKey(caseId, referralId), ConsistentRead: true }));
    return out.Item ? ReferralItem.parse(out.Item) : undefined;
  }

  /**
   * Moves a referral to `to` only if it is still in the state it was read in (optimistic: a
   * concurrent answer makes this return false and the caller re-reads). `fields` records the
   * answer (reason, note, outcome, when, how).
   */
  async move(current: ReferralItem, to: ReferralItem['status'], fields: ReferralMoveFields, audit: AuditEntry): Promise<boolean> {
    const { at, set, unlist, dropRouting, audit: entry, counts } = referralMove(current, to, fields, audit);
    const update = setFields(set, { '#status': 'status', ...(dropRouting ? { '#routing': 'routing' } : {}) }, { ':was': current.status });
    const removed = [...(unlist ? ['listKey', 'listSort'] : []), ...(dropRouting ? ['#routing'] : [])];
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: referralKey(current.caseId, current.referralId),
              UpdateExpression: update.set + (removed.length > 0 ? ` REMOVE ${removed.join(', ')}` : ''),
              ConditionExpression: '#status = :was',
              ExpressionAttributeNames: update.names,
              ExpressionAttributeValues: update.values,
            },
          },
          { Put: { TableName: this.table, Item: entry } },
          ...(Object.keys(counts).length > 0 ? [countIn(this.table, current.municipalityId, at, counts)] : []),
          ...(to === 'declined' ? [{ Update: needDeclinedOnCase(this.table, current) }] : []),
        ],
      }),
    );
  }

  /** Cancels a referral in one of `from` (by default: unanswered); false if it is gone or in another status. */
  async cancel(caseId: string, referralId: string, reason: string, at: string, actor: Actor, from?: readonly ReferralState[], known?: ReferralItem): Promise<boolean> {
    return cancelWhileIn(this, { caseId, referralId }, reason, at, actor, from, known);
  }

  /**
   * created → sent, once the office's email is accepted by the provider, on record in the day's
   * activity feed (the digests' "sent"). Later states are left alone.
   */
  async flagUndeliverable(caseId: string, referralId: string, at: string): Promise<boolean> {
    const current = await this.get(caseId, referralId);
    if (!current || !flaggableForAddress(current)) return false;
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: referralKey(caseId, referralId),
              UpdateExpression: 'SET flaggedAt = :at, flagReason = :r',
              ConditionExpression: '#status IN (:created, :sent) AND (attribute_not_exists(flagReason) OR flagReason <> :r)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':at': at, ':r': 'address_undeliverable', ':created': 'created', ':sent': 'sent' },
            },
          },
          { Put: { TableName: this.table, Item: referralFlaggedAudit(current, at) } },
        ],
      }),
    );
  }

  async markSent(caseId: string, referralId: string, at: string, known?: ReferralItem): Promise<boolean> {
    const current = known ?? (await this.get(caseId, referralId));
    if (!current || current.status !== 'created') return false;
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: referralSent(this.table, current, at),
      }),
    );
  }

  async markBlocked(waiting: ReferralItem, because: BlockingStatus, prerequisiteId: string, at: string): Promise<boolean> {
    if (!blockable(waiting, prerequisiteId)) return false;
    const { set, audit } = referralBlocked(waiting, because, prerequisiteId, at);
    const update = setFields(set, { '#status': 'status' }, { ':waiting': 'waiting', ':p': prerequisiteId });
    return wrote(
      this.db,
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: referralKey(waiting.caseId, waiting.referralId),
              UpdateExpression: update.set,
              ConditionExpression: '#status = :waiting AND dependsOn = :p AND attribute_not_exists(blockedAt)',
              ExpressionAttributeNames: update.names,
              ExpressionAttributeValues: update.values,
            },
          },
          { Put: { TableName: this.table, Item: audit } },
        ],
      }),
    );
  }

  /**
   * A new referral for the same need follows a declined one: the declined one leaves the
   * "declined without a new referral" list that agendas read.
   */
  async markReReferred(caseId: string, need: ReferralItem['need'], exceptId: string, at: string): Promise<number> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ref)',
        FilterExpression: '#status = :declined AND need = :need AND attribute_exists(listKey)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':ref': 'REF#', ':declined': 'declined', ':need': need },
        ConsistentRead: true,
      }),
    );
    let n = 0;
    for (const raw of out.Items ?? []) {
      const r = ReferralItem.parse(raw);
      if (r.referralId === exceptId) continue;
      const marked = await wrote(
        this.db,
        new UpdateCommand({
          TableName: this.table,
          Key: referralKey(caseId, r.referralId),
          UpdateExpression: 'SET reReferredAt = :at REMOVE listKey, listSort',
          ConditionExpression: '#status = :declined',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':declined': 'declined', ':at': at },
        }),
      );
      if (marked) n++;
    }
    return n;
  }
}
