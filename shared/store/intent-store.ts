import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Actor } from '../domain/actor.js';
import { dueBucket } from '../domain/calendar.js';
import type { FollowUpOutcome } from '../domain/notification.js';
import { auditItem, type AuditItem } from './audit.js';
import { conditionFailedAt, setFields } from './expressions.js';
import { failedListing, IntentItem, intentKey, type IntentRef } from './intent.js';
import type { ClaimResult, IntentRepository } from './ports.js';
import { lists } from './worklist.js';

const keyOf = (i: IntentRef) => intentKey({ pk: i.pk }, i.intentId);
/** The audit entry of an intent goes where the intent is: its case, or its meeting's or municipality's partition. */
const auditOwner = (i: Pick<IntentItem, 'pk' | 'caseId' | 'municipalityId'>) =>
  i.caseId ? { caseId: i.caseId, municipalityId: i.municipalityId } : { pk: i.pk, municipalityId: i.municipalityId };

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
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async claim(key: IntentRef, leaseUntil: number, nowIso: string): Promise<ClaimResult> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keyOf(key),
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, attempts = attempts + :one, firstAttemptAt = if_not_exists(firstAttemptAt, :now)',
          ConditionExpression: '#status = :queued',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':queued': 'queued', ':lease': leaseUntil, ':one': 1, ':now': nowIso },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true, intent: IntentItem.parse(out.Attributes) };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) {
        return { claimed: false, current: err.Item ? IntentItem.parse(unmarshall(err.Item)) : undefined };
      }
      throw err;
    }
  }

  private async finish(
    i: Pick<IntentItem, 'pk' | 'intentId' | 'caseId' | 'municipalityId'>,
    lease: number,
    fields: Record<string, unknown>,
    audit: { channel?: string; template?: string; providerMessageId?: string; failure?: string; attempt?: string; retryAt?: string } = {},
    event = `notification.${String(fields.status)}`,
    also: IntentItem[] = [],
  ): Promise<boolean> {
    // `at` says when it happened (the functions' clock); it is not a field of the intent.
    const { at: when, dropBody, ...set } = fields;
    const at = typeof set.sentAt === 'string' ? set.sentAt : typeof when === 'string' ? when : new Date().toISOString();
    // A final failure, or an outcome nobody can know, waits in the municipality's list for a call or a visit.
    const needsFollowUp = (set.status === 'failed' || set.status === 'unconfirmed') && i.municipalityId;
    const update = setFields(
      needsFollowUp ? { ...set, ...failedListing(i, i.municipalityId!, at) } : set,
      { '#status': 'status', ...(dropBody ? { '#data': 'data' } : {}) },
      { ':sending': 'sending', ':lease': lease },
    );
    const detail: Record<string, string> = {};
    for (const k of ['channel', 'template', 'providerMessageId', 'failure', 'attempt', 'retryAt'] as const) if (typeof audit[k] === 'string') detail[k] = audit[k];
    const failure = set.failure as { code?: string } | undefined;
    if (failure?.code) detail.failure = failure.code;
    return this.updateWithAudit(
      i,
      {
        expression: `${update.set} REMOVE leaseUntil${dropBody ? ', #data' : ''}`,
        condition: '#status = :sending AND leaseUntil = :lease',
        names: update.names,
        values: update.values,
      },
      // Every notification's fate is on record, with what went out but not to whom.
      auditItem(auditOwner(i), i.intentId, at, { event, by: 'system:deliver-notifications', via: 'stream', detail }),
      // Derived from this intent's id, which only one attempt can finish: written once.
      also,
    );
  }

  /**
   * One conditional update of an intent and its audit entry (and any intents it gives rise to),
   * all or nothing. False when the intent is no longer in the state the condition expects.
   */
  private async updateWithAudit(
    key: IntentRef,
    update: { expression: string; condition: string; names: Record<string, string>; values: Record<string, unknown> },
    audit: AuditItem,
    also: IntentItem[] = [],
  ): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keyOf(key),
                UpdateExpression: update.expression,
                ConditionExpression: update.condition,
                // DynamoDB refuses an empty map of names.
                ...(Object.keys(update.names).length > 0 ? { ExpressionAttributeNames: update.names } : {}),
                ExpressionAttributeValues: update.values,
              },
            },
            { Put: { TableName: this.table, Item: audit } },
            ...also.map((item) => ({ Put: { TableName: this.table, Item: item } })),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (conditionFailedAt(err, 0)) return false;
      throw err;
    }
  }

  /**
   * The coordinator reached the person another way (or could not): the notification leaves the
   * call-or-visit list, with the outcome on record. False if it is not (or no longer) in the list.
   */
  async resolveFollowUp(key: IntentRef, municipalityId: string, outcome: FollowUpOutcome, at: string, actor: Actor): Promise<boolean> {
    const current = await this.db.send(new GetCommand({ TableName: this.table, Key: keyOf(key), ConsistentRead: true }));
    const intent = current.Item ? IntentItem.parse(current.Item) : undefined;
    if (!intent || intent.listKey !== lists.failed(municipalityId)) return false;
    return this.updateWithAudit(
      key,
      { expression: 'SET followUp = :f REMOVE listKey, listSort', condition: 'listKey = :list', names: {}, values: { ':f': { outcome, at }, ':list': lists.failed(municipalityId) } },
      auditItem({ ...auditOwner(intent), municipalityId }, intent.intentId, at, {
        event: 'followup.done',
        by: actor.by,
        byRole: actor.role,
        via: 'api',
        detail: { outcome, channel: intent.channel, template: intent.template },
      }),
    );
  }

  /**
   * Once an SMS is sent its body (names, addresses, links) is no longer needed and goes with the
   * lease. An email keeps it until SES reports the delivery: a transient bounce re-sends it.
   */
  markSent(i: IntentItem, lease: number, outcome: Pick<IntentItem, 'providerMessageId' | 'sms' | 'sentAt'>): Promise<boolean> {
    return this.finish(i, lease, { status: 'sent', ...outcome, dropBody: i.channel === 'sms' }, { channel: i.channel, template: i.template, ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}) });
  }

  /** `followUps`: intents written with the failure, in the same transaction (the coordinator's alert). */
  markFailed(i: IntentItem, lease: number, failure: NonNullable<IntentItem['failure']>, at?: string, followUps: IntentItem[] = []): Promise<boolean> {
    return this.finish(i, lease, { status: 'failed', failure, ...(at ? { at } : {}) }, { channel: i.channel, template: i.template, attempt: String(i.attempts) }, undefined, followUps);
  }

  /**
   * Parks a retryable failure until `retryAt`: `deferred` with a due time puts it in the timers
   * index, the sweep releases it (deferred → queued) and the deliver function claims it again.
   * Retrying through the table rather than the stream lets the wait grow (backoff) without
   * holding up the records behind it in the shard.
   */
  deferRetry(i: IntentItem, lease: number, lastError: string, retryAt: Date, at: string): Promise<boolean> {
    const when = retryAt.toISOString();
    return this.finish(
      i,
      lease,
      { status: 'deferred', lastError, notBefore: when, dueAt: when, dueBucket: dueBucket(retryAt), at },
      { channel: i.channel, template: i.template, failure: lastError, attempt: String(i.attempts), retryAt: when },
      'notification.retry_scheduled',
    );
  }

  /** A lapsed lease: the earlier attempt may or may not have reached the provider. */
  async markUnconfirmed(i: IntentItem, at?: string): Promise<boolean> {
    return i.leaseUntil === undefined ? false : this.finish(i, i.leaseUntil, { status: 'unconfirmed', ...(at ? { at } : {}) }, { channel: i.channel, template: i.template });
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

  /**
   * SES says the sent email will never arrive (permanent bounce, rejection, rendering failure):
   * `sent → failed`, into the municipality's call-or-visit list, keeping the body for that call.
   * `at` is the event's own time, so a repeated event would write the same audit item.
   */
  failAfterSend(i: IntentItem, messageId: string, failure: NonNullable<IntentItem['failure']>, at: string): Promise<boolean> {
    return this.afterSend(i, messageId, at, { set: { status: 'failed', failure } }, 'notification.failed', { failure: failure.code });
  }

  /**
   * A transient bounce: `sent → deferred` until `retryAt` (in the timers index); the sweep releases
   * it to `queued` and the deliver function sends it again from the body it kept.
   */
  retryAfterBounce(i: IntentItem, messageId: string, lastError: string, retryAt: Date, at: string): Promise<boolean> {
    const when = retryAt.toISOString();
    return this.afterSend(
      i,
      messageId,
      at,
      { set: { status: 'deferred', lastError, notBefore: when, dueAt: when, dueBucket: dueBucket(retryAt) } },
      'notification.retry_scheduled',
      { failure: lastError, attempt: String(i.attempts), retryAt: when },
    );
  }

  /**
   * SES delivered it to the recipient's mail server: the body (names, addresses, links) is no
   * longer needed for a re-send and goes. Only once: the condition also wants the body still there.
   */
  dropBodyOnDelivery(i: IntentItem, messageId: string, at: string): Promise<boolean> {
    return this.afterSend(i, messageId, at, { removeData: true }, 'notification.delivered', {});
  }

  private async afterSend(
    i: IntentItem,
    messageId: string,
    at: string,
    change: { set?: Record<string, unknown>; removeData?: boolean },
    event: string,
    extra: Record<string, string>,
  ): Promise<boolean> {
    const set = change.set ?? {};
    // A final failure waits in the municipality's list for a call or a visit, as in finish().
    const fields = set.status === 'failed' && i.municipalityId ? { ...set, ...failedListing(i, i.municipalityId, at) } : set;
    const names: Record<string, string> = { '#status': 'status', '#pmid': 'providerMessageId', ...(change.removeData ? { '#data': 'data' } : {}) };
    const values: Record<string, unknown> = { ':sent': 'sent', ':m': messageId };
    const update = Object.keys(fields).length > 0 ? setFields(fields, names, values) : { set: '', names, values };
    const updateExpression = [update.set, change.removeData ? 'REMOVE #data' : ''].filter(Boolean).join(' ');
    return this.updateWithAudit(
      i,
      {
        expression: updateExpression,
        condition: `#status = :sent AND #pmid = :m${change.removeData ? ' AND attribute_exists(#data)' : ''}`,
        names: update.names,
        values: update.values,
      },
      auditItem(auditOwner(i), i.intentId, at, {
        event,
        by: 'system:email-events',
        via: 'eventbridge',
        detail: { channel: i.channel, template: i.template, providerMessageId: messageId, ...extra },
      }),
    );
  }
}
