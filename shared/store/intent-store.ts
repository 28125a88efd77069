import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Actor } from '../domain/actor.js';
import { notClosed, type FollowUpClosing, type FollowUpDone } from '../domain/notification.js';
import { conditionFailedAt, setFields } from './expressions.js';
import { queryAll } from './query-all.js';
import {
  intentAbandoned,
  intentBounced,
  intentBounceRetry,
  intentCancelled,
  intentDeferred,
  intentDelivered,
  intentFailed,
  intentFollowedUp,
  intentHeld,
  IntentItem,
  intentKey,
  intentRequeued,
  intentSent,
  intentUnconfirmed,
  leaseWatch,
  ownClaim,
  claimToken,
  type IntentActor,
  type IntentChange,
  type IntentRef,
  type SentOutcome,
  UNSENT,
} from './intent.js';
import { casePk } from './owner.js';
import type { ClaimResult, DecisionGuard, DecisionWritten, IntentRepository } from './ports.js';
import { addressHash, addressKey } from './address.js';
import { caseKey } from './case.js';
import type { TimerItem } from './timer.js';
import { referralKey, type ReferralItem } from './referral.js';
import { referralSent } from './referral-store.js';
import { lists } from './worklist.js';
import { wrote } from './wrote.js';

const keyOf = (i: IntentRef) => intentKey({ pk: i.pk }, i.intentId);

/**
 * A transaction's cancelling of an intent only while it is still unsent (UNSENT: no delivery has
 * claimed it), out of the timers index as cancelPending leaves it.
 */
export function cancelUnsent(table: string, i: IntentRef, at: string) {
  return {
    Update: {
      TableName: table,
      Key: keyOf(i),
      UpdateExpression: 'SET #s = :cancelled, cancelledAt = :at REMOVE dueBucket',
      ConditionExpression: `#s IN (${UNSENT.map((_, k) => `:u${k}`).join(', ')})`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':cancelled': 'cancelled', ':at': at, ...Object.fromEntries(UNSENT.map((u, k) => [`:u${k}`, u])) },
    },
  };
}

/** A case item written before closing existed carries no status: open. */
const CASE_OPEN = 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status = :open)';

/** A decision's guard as the ConditionCheck of its transaction (an address item exists only while it is suppressed). */
function guardCheck(g: DecisionGuard): { Key: Record<string, string>; ConditionExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
  if ('addressClear' in g) return { Key: addressKey(addressHash(g.addressClear)), ConditionExpression: 'attribute_not_exists(pk)' };
  if ('referralCreated' in g) {
    const { caseId, referralId } = g.referralCreated;
    return { Key: referralKey(caseId, referralId), ConditionExpression: '#status = :created', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':created': 'created' } };
  }
  if ('caseOpen' in g) {
    return { Key: caseKey(g.caseOpen), ConditionExpression: CASE_OPEN, ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':open': 'open' } };
  }
  const { caseId, sms, phone } = g.smsConsent;
  return {
    Key: caseKey(caseId),
    ConditionExpression: `${CASE_OPEN} AND #consent.#sms = :sms AND ${phone === undefined ? 'attribute_not_exists(#phone)' : '#phone = :phone'}`,
    ExpressionAttributeNames: { '#status': 'status', '#consent': 'consent', '#sms': 'sms', '#phone': 'phone' },
    ExpressionAttributeValues: { ':open': 'open', ':sms': sms, ...(phone === undefined ? {} : { ':phone': phone }) },
  };
}

/** IntentChange's `whileOpen`: any case but a closed one (a case item written before closing existed carries no status). */
const caseNotClosed = (caseId: string) => ({
  Key: caseKey(caseId),
  ConditionExpression: 'attribute_not_exists(#status) OR #status <> :closed',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':closed': 'closed' },
});

/**
 * Notification intents (the outbox). Every write is conditional on the state it expects, so
 * concurrent or repeated deliveries of the same stream record cannot send twice:
 * only one attempt can move an intent from `queued` to `sending`, and only the holder of that
 * lease can record the outcome.
 */
export class IntentStore implements IntentRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Writes the intent unless it already exists; returns whether it was new. */
  async putIfAbsent(item: IntentItem): Promise<boolean> {
    return wrote(this.db, new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async writeDecision(intents: IntentItem[], timers: TimerItem[], guards: DecisionGuard[]): Promise<DecisionWritten> {
    const items = [...intents, ...timers];
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...items.map((Item) => ({ Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
            ...guards.map((g) => ({ ConditionCheck: { TableName: this.table, ...guardCheck(g) } })),
          ],
        }),
      );
      return 'written';
    } catch (err) {
      if (items.some((_, i) => conditionFailedAt(err, i))) return 'exists';
      if (guards.some((_, i) => conditionFailedAt(err, items.length + i))) return 'guard-failed';
      throw err;
    }
  }

  claim(key: IntentRef, leaseUntil: number, nowIso: string): Promise<ClaimResult> {
    return this.claimIf(key, leaseUntil, nowIso);
  }

  claimDue(key: IntentRef, leaseUntil: number, nowIso: string, mergingInto: string): Promise<ClaimResult> {
    return this.claimIf(key, leaseUntil, nowIso, mergingInto);
  }

  /** queued → sending; into another's SMS (`mergingInto`), a deferred one whose notBefore has come too (isDueSms). */
  private async claimIf(key: IntentRef, leaseUntil: number, nowIso: string, mergingInto?: string): Promise<ClaimResult> {
    const due = mergingInto !== undefined;
    const watch = leaseWatch(leaseUntil);
    const token = claimToken();
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keyOf(key),
          // The delivery watch moves to the lease's end: if this attempt dies, the sweep finds it there.
          UpdateExpression:
            'SET #status = :sending, leaseUntil = :lease, claimToken = :token, attempts = attempts + :one, firstAttemptAt = if_not_exists(firstAttemptAt, :now), dueAt = :watch, dueBucket = :bucket' +
            (due ? ', mergedInto = :into' : ''),
          ConditionExpression: due ? '#status = :queued OR (#status = :deferred AND notBefore <= :now)' : '#status = :queued',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':queued': 'queued',
            ':lease': leaseUntil,
            ':token': token,
            ':one': 1,
            ':now': nowIso,
            ':watch': watch.dueAt,
            ':bucket': watch.dueBucket,
            ...(due ? { ':deferred': 'deferred', ':into': mergingInto } : {}),
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true, intent: IntentItem.parse(out.Attributes) };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) {
        const current = err.Item ? IntentItem.parse(unmarshall(err.Item)) : undefined;
        return ownClaim(current, token) ? { claimed: true, intent: current } : { claimed: false, current };
      }
      throw err;
    }
  }

  async dueSmsOf(caseId: string, nowIso: string): Promise<IntentItem[]> {
    return queryAll(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)',
        FilterExpression: 'channel = :sms AND (#status = :queued OR (#status = :deferred AND notBefore <= :now))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': casePk(caseId), ':note': 'NOTE#', ':sms': 'sms', ':queued': 'queued', ':deferred': 'deferred', ':now': nowIso },
        // Strongly consistent: the route's one hop delivers right after writing a case's intents.
        ConsistentRead: true,
      },
      (i) => IntentItem.parse(i),
    );
  }

  async withIdPrefix(caseId: string, prefix: string): Promise<IntentItem[]> {
    return queryAll(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': casePk(caseId), ':prefix': intentKey({ caseId }, prefix).sk },
        ConsistentRead: true,
      },
      (i) => IntentItem.parse(i),
    );
  }

  /**
   * One change of an intent (intent.ts says what it writes) with its audit entry and any intents it
   * gives rise to, all or nothing, only while the change's condition holds; false otherwise.
   */
  private async change(key: IntentRef, c: IntentChange, also: IntentItem[] = [], extra: Record<string, unknown>[] = []): Promise<boolean> {
    const names: Record<string, string> = c.remove.includes('data') ? { '#data': 'data' } : {};
    const values: Record<string, unknown> = {};
    let condition: string;
    if ('lease' in c.when) {
      Object.assign(names, { '#status': 'status' });
      Object.assign(values, { ':sending': 'sending', ':lease': c.when.lease });
      condition = '#status = :sending AND leaseUntil = :lease';
    } else if ('sentAs' in c.when) {
      Object.assign(names, { '#status': 'status', '#pmid': 'providerMessageId' });
      Object.assign(values, { ':sent': 'sent', ':m': c.when.sentAs });
      condition = `#status = :sent AND #pmid = :m${c.when.withBody ? ' AND attribute_exists(#data)' : ''}`;
    } else if ('queued' in c.when) {
      Object.assign(names, { '#status': 'status' });
      values[':queued'] = 'queued';
      condition = '#status = :queued';
      if (c.when.dueAt !== undefined) {
        values[':watch'] = c.when.dueAt;
        condition += ' AND dueAt = :watch';
      }
    } else {
      values[':list'] = c.when.listedIn;
      condition = 'listKey = :list';
    }
    const update = Object.keys(c.set).length > 0 ? setFields(c.set, names, values) : { set: '', names, values };
    const remove = c.remove.length > 0 ? `REMOVE ${c.remove.map((f) => (f === 'data' ? '#data' : f)).join(', ')}` : '';
    const caseOpen = c.whileOpen ? [{ ConditionCheck: { TableName: this.table, ...caseNotClosed(c.whileOpen.caseId) } }] : [];
    const write = new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: this.table,
            Key: keyOf(key),
            UpdateExpression: [update.set, remove].filter(Boolean).join(' '),
            ConditionExpression: condition,
            // DynamoDB refuses an empty map of names.
            ...(Object.keys(update.names).length > 0 ? { ExpressionAttributeNames: update.names } : {}),
            ExpressionAttributeValues: update.values,
          },
        },
        { Put: { TableName: this.table, Item: c.audit } },
        // Derived from this intent's id, which only one attempt can finish: written once.
        ...also.map((item) => ({ Put: { TableName: this.table, Item: item } })),
        // Another item's own conditional writes (referralSent): a refusal there is the caller's to sort.
        ...extra,
        ...caseOpen,
      ],
    });
    try {
      await this.db.send(write);
      return true;
    } catch (err) {
      if (conditionFailedAt(err, 0)) return false;
      // The case was closed meanwhile (or before): the failure is written as for a closed case, alone.
      if (c.whileOpen && conditionFailedAt(err, 2 + also.length + extra.length)) return this.change(key, c.whileOpen.closed);
      throw err;
    }
  }

  /**
   * The coordinator reached the person another way (or could not): the notification leaves the
   * call-or-visit list, with the outcome on record. False if it is not (or no longer) in the list.
   */
  async resolveFollowUp(key: IntentRef, municipalityId: string, followUp: FollowUpDone, actor: Actor): Promise<FollowUpClosing> {
    const intent = await this.get(key);
    if (!intent || intent.listKey !== lists.failed(municipalityId)) return notClosed(intent);
    if (await this.change(key, intentFollowedUp(intent, municipalityId, followUp, actor))) return { done: true };
    // Closed meanwhile (by this request's own retry, maybe): how, as it stands now.
    return notClosed(await this.get(key));
  }

  async markSent(i: IntentItem, lease: number, outcome: SentOutcome, referral?: ReferralItem): Promise<boolean> {
    const c = intentSent(i, lease, outcome);
    if (!referral) return this.change(i, c);
    try {
      return await this.change(i, c, [], referralSent(this.table, referral, c.audit.at));
    } catch (err) {
      // The referral moved on meanwhile (cancelled, an answer recorded by phone): the email is on
      // record alone, and the referral left as it is, as ReferralRepository.markSent would.
      if (conditionFailedAt(err, 2)) return this.change(i, c);
      throw err;
    }
  }

  markCancelled(i: IntentItem, lease: number, reason: string, at: string): Promise<boolean> {
    return this.change(i, intentCancelled(i, lease, reason, at));
  }

  /** `followUps`: intents written with the failure, in the same transaction (the coordinator's alert). */
  markFailed(i: IntentItem, lease: number, failure: NonNullable<IntentItem['failure']>, at?: string, followUps: IntentItem[] = []): Promise<boolean> {
    return this.change(i, intentFailed(i, lease, failure, at), followUps);
  }

  /**
   * Retrying through the table rather than the stream lets the wait grow (backoff) without
   * holding up the records behind it in the shard.
   */
  deferRetry(i: IntentItem, lease: number, lastError: string, retryAt: Date, at: string): Promise<boolean> {
    return this.change(i, intentDeferred(i, lease, lastError, retryAt, at));
  }

  async markUnconfirmed(i: IntentItem, at: string, opts: { followUps?: IntentItem[]; lastError?: string; by?: IntentActor } = {}): Promise<boolean> {
    if (i.leaseUntil === undefined) return false;
    return this.change(i, intentUnconfirmed(i, i.leaseUntil, at, opts), opts.followUps);
  }

  hold(i: IntentItem, until: Date, at: string): Promise<boolean> {
    return this.change(i, intentHeld(i, until, at));
  }

  requeue(i: IntentItem, at: string): Promise<boolean> {
    return this.change(i, intentRequeued(i, at));
  }

  abandon(i: IntentItem, failure: NonNullable<IntentItem['failure']>, at: string, followUps: IntentItem[]): Promise<boolean> {
    return this.change(i, intentAbandoned(i, failure, at), followUps);
  }

  // ------------------------------------------------------------------ after the send: SES events
  // SES reports what became of a sent email (bounce, complaint, delivery, rejection) through
  // EventBridge, at least once and possibly out of order. Each write below is conditional on the
  // intent still being `sent` for exactly the message the event is about (its provider message
  // id), so a redelivered event, or a late event about an earlier attempt, changes nothing.

  /** The intent as stored now (strongly consistent), or undefined. */
  async get(key: IntentRef): Promise<IntentItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keyOf(key), ConsistentRead: true }));
    return out.Item ? IntentItem.parse(out.Item) : undefined;
  }

  failAfterSend(i: IntentItem, messageId: string, failure: NonNullable<IntentItem['failure']>, at: string): Promise<boolean> {
    return this.change(i, intentBounced(i, messageId, failure, at));
  }

  retryAfterBounce(i: IntentItem, messageId: string, lastError: string, retryAt: Date, at: string): Promise<boolean> {
    return this.change(i, intentBounceRetry(i, messageId, lastError, retryAt, at));
  }

  dropBodyOnDelivery(i: IntentItem, messageId: string, at: string): Promise<boolean> {
    return this.change(i, intentDelivered(i, messageId, at));
  }
}
