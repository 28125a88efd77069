import * as z from '../domain/zod.js';
import type { Actor } from '../domain/actor.js';
import { dueBucket } from '../domain/calendar.js';
import { systemClock } from '../domain/clock.js';
import { Channel, FollowUpDone } from '../domain/notification.js';
import { TEMPLATE_IDS } from '../domain/template-ids.js';
import { Language, MunicipalityId } from '../domain/vocabulary.js';
import { auditItem, type AuditItem } from './audit.js';
import { ownerPk, OwnerPk, type Owner } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

/**
 * queued → sending → sent | failed | unconfirmed. `deferred` waits for its notBefore (quiet
 * hours, a retry) in the timers index; `skipped` records why nothing was sent (no consent, no
 * phone). `unconfirmed`: an attempt died holding its lease, or the provider's answer was lost, so
 * whether it went out is unknown; it is never resent automatically (that could send twice) and the
 * coordinator sees it.
 */
export const IntentStatus = z.enum(['queued', 'deferred', 'sending', 'sent', 'failed', 'unconfirmed', 'skipped', 'cancelled']);
export type IntentStatus = z.infer<typeof IntentStatus>;

/** Not yet claimed by a delivery: nothing of it went out, and a change may still cancel it. */
export const UNSENT: readonly IntentStatus[] = ['queued', 'deferred'];

export const SkipReason = z.enum(['no_sms_consent', 'no_phone']);
export type SkipReason = z.infer<typeof SkipReason>;

export const IntentItem = z.object({
  pk: OwnerPk,
  sk: z.string().check(z.startsWith('NOTE#')),
  type: z.literal('Intent'),
  intentId: z.string(),
  /** The case it is about; absent for meeting, digest and report mail. */
  caseId: z.optional(z.string()),
  /** Whose activity feed its outcome is recorded in. */
  municipalityId: z.optional(MunicipalityId),
  /** The referral it is about, if any (reminders about a case or an appointment have none). */
  referralId: z.optional(z.string()),
  /** What caused it: a referral, or the timer that fired. */
  sourceId: z.optional(z.string()),
  purpose: z.string().check(z.minLength(1)),
  channel: Channel,
  template: z.enum(TEMPLATE_IDS),
  languages: z.array(Language).check(z.minLength(1)),
  /** Email address or E.164 phone number; absent when skipped, and gone once an SMS is sent. */
  recipient: z.optional(z.string()),
  /**
   * What a sent SMS keeps of the number it went to: its last three digits ("…123"), enough for
   * support to confirm it with the returnee, too little to text or call anyone.
   */
  recipientHint: z.optional(z.string()),
  /**
   * What the template is rendered with (personal data). Removed once the message is sent: the
   * record of what went out (template, channel, status, provider id, segments) stays.
   */
  data: z._default(z.record(z.string(), z.unknown()), {}),
  status: IntentStatus,
  skipReason: z.optional(SkipReason),
  notBefore: z.optional(z.string()),
  /**
   * In the timers index while something must still happen to it: a `deferred` intent's release,
   * a `queued` one's delivery watch, a `sending` one's lease end (DELIVERY_WATCH below).
   */
  dueBucket: z.optional(z.string()),
  dueAt: z.optional(z.string()),
  /** Times the sweep put it back on the stream after its record was parked or dropped. */
  requeues: z.optional(z.number().check(z.int())),
  /** Provider calls made so far; each retry after a throttled or transient error adds one. */
  attempts: z.number().check(z.int()),
  /** When the first attempt was made: retries stop a bounded time after it. */
  firstAttemptAt: z.optional(z.string()),
  /** The provider's error code of the last failed attempt. */
  lastError: z.optional(z.string()),
  leaseUntil: z.optional(z.number().check(z.int())),
  /** The claim that holds the lease (claimToken below); goes with the lease. */
  claimToken: z.optional(z.string()),
  providerMessageId: z.optional(z.string()),
  /**
   * A household SMS merged into another intent's message (the leader's id): sent with the
   * leader's provider id, in one SMS listing the household's next steps.
   */
  mergedInto: z.optional(z.string()),
  /**
   * Where a referral's step goes in a household SMS: the referral's creation time, then its place
   * in its assessment (householdOrder). The intent's own createdAt is when it was routed, which is
   * one time for a batch.
   */
  stepOrder: z.optional(z.string()),
  /**
   * A reminder's words stop being true at this instant ("tomorrow at 10:00" at midnight, "today at
   * 10:00" at 10:00): it is never sent at or after it, and ends failed, `Stale` (delivery/stale.ts).
   */
  staleAt: z.optional(z.string()),
  sms: z.optional(z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), segments: z.number().check(z.int()), characters: z.number().check(z.int()) })),
  failure: z.optional(z.object({ kind: z.enum(['non-retryable', 'attempts-exhausted', 'age-exceeded']), code: z.string() })),
  /** The coordinator's call or visit in place of a notification that never arrived. */
  followUp: z.optional(FollowUpDone),
  createdAt: z.string(),
  sentAt: z.optional(z.string()),
  expiresAt: z.number().check(z.int()),
  ...ListFields,
});
export type IntentItem = z.infer<typeof IntentItem>;

/** Which intent: its owner's partition and its id (what an SES message tag carries). */
export type IntentRef = Pick<IntentItem, 'pk' | 'intentId'>;

/** A case's intent by its id, as IntentRepository.get takes it (the partition is the store's business). */
export const caseIntentRef = (caseId: string, intentId: string): IntentRef => ({ pk: ownerPk({ caseId }), intentId });

/** Intents live in their owner's partition, so one Query returns a case with its referrals and notifications. */
export const intentKey = (owner: Owner, intentId: string) => ({ pk: ownerPk(owner), sk: `NOTE#${intentId}` });

/**
 * The delivery watch. Every intent the deliver function has still to finish stays in the sparse
 * timers index, so that the sweep finds, without a Scan, the two ways a delivery can stall with no
 * one left to finish it: a `queued` intent whose stream record never reached the function (parked
 * in the DLQ after its retries, older than the mapping's maximum record age, past the stream's
 * 24 hours), due `queuedSeconds` after it was queued; and a `sending` one whose attempt died, due
 * when its lease ends. The watch is the intent's own `dueAt`/`dueBucket`, moved by the very
 * conditional write that changes its status, so it cannot be left behind or go missing: no timer
 * item to write, delete and keep in step with the intent (twice the writes), and no second sparse
 * index per status (the sweep would read two indexes where it reads one).
 */
export const DELIVERY_WATCH = {
  /**
   * Longer than a record can legitimately wait in the stream: the deliver mapping's maximum record
   * age (1 hour) and an invocation's retries (a test holds it to the trigger declaration). A
   * record still in flight when the watch is up is harmless: the claim lets one attempt through.
   */
  queuedSeconds: 65 * 60,
  /** Times a stranded intent is put back on the stream before it fails for good (the coordinator is told). */
  maxRequeues: 2,
} as const;

/** When the sweep looks at an intent that has not moved on by `at`. */
export function deliveryWatch(at: Date): { dueAt: string; dueBucket: string } {
  return { dueAt: at.toISOString(), dueBucket: dueBucket(at) };
}

/** The watch of an intent queued (or put back) at `at`. */
export function queuedWatch(at: Date): { dueAt: string; dueBucket: string } {
  return deliveryWatch(new Date(at.getTime() + DELIVERY_WATCH.queuedSeconds * 1000));
}

/** Whether an intent is as a release at `at` leaves it: queued, watched from `at` (the release's own resend refused). */
export const releasedAt = (i: Record<string, unknown>, at: string): boolean => i.status === 'queued' && i.dueAt === queuedWatch(new Date(at)).dueAt;

/** The watch of a claimed intent: its lease's end (epoch seconds). */
export function leaseWatch(leaseUntil: number): { dueAt: string; dueBucket: string } {
  return deliveryWatch(new Date(leaseUntil * 1000));
}

/**
 * A claim's own mark, written with its lease. The DynamoDB client sends a write again when its
 * answer is lost (a reset connection, a timeout); a claim that took the first time is then refused
 * by its own condition (no longer queued), and only its token tells the refusal from another
 * attempt's claim: found on the item, the claim is ours (ownClaim).
 */
export const claimToken = (): string => globalThis.crypto.randomUUID();

/** Whether the intent as found after a refused claim is held by that very claim, sent again by the client. */
export const ownClaim = (current: IntentItem | undefined, token: string): current is IntentItem => current?.status === 'sending' && current.claimToken === token;

/**
 * An intent written already claimed by the invocation that decided it (route-referrals' one hop):
 * as a claim would leave it (`sending`, its lease, its first attempt counted, the watch at the
 * lease's end), so that the deliver function's filter (an INSERT of a `queued` intent) never passes
 * it and the rest of the delivery runs exactly as after any claim. Only the write that creates it
 * (if absent) holds the lease: a second routing of the same referral writes nothing.
 */
export function claimedAtWrite(i: IntentItem, leaseUntil: number, nowIso: string): IntentItem {
  return { ...i, status: 'sending', leaseUntil, attempts: i.attempts + 1, firstAttemptAt: nowIso, ...leaseWatch(leaseUntil) };
}

/** An intent as stored, in the partition of what it belongs to; a queued one with its delivery watch. */
export function intentItem(owner: Owner, fields: Omit<IntentItem, 'pk' | 'sk' | 'type'>): IntentItem {
  const watch = fields.status === 'queued' && fields.dueAt === undefined ? queuedWatch(new Date(fields.createdAt)) : {};
  return { ...intentKey(owner, fields.intentId), type: 'Intent', ...fields, ...watch };
}

/** What every email intent to one person (a coordinator, mostly) says of its channel, recipient and start. */
export function queuedEmailTo(to: { email: string; language: Language }): Pick<IntentItem, 'channel' | 'languages' | 'recipient' | 'status' | 'attempts'> {
  return { channel: 'email', languages: [to.language], recipient: to.email, status: 'queued', attempts: 0 };
}

/** An intent's id is derived from what caused it, so a redelivered stream record cannot create it twice. */
export function intentId(sourceId: string, purpose: string, recipientKey?: string): string {
  return recipientKey ? `${sourceId}#${purpose}#${recipientKey}` : `${sourceId}#${purpose}`;
}

/** A final failure, or an outcome nobody can know, waits in the municipality's list for a call or a visit. */
export function failedListing(i: Pick<IntentItem, 'intentId'>, municipalityId: string, at: string): Listing {
  return { listKey: lists.failed(municipalityId), listSort: `${at}#${i.intentId}` };
}

/**
 * What one change of an intent writes, whichever adapter writes it: fields to set, fields to
 * remove, and its audit entry (with what went out, never to whom). The adapter writes them only
 * while `when` holds: the attempt still holds its lease; the intent is still `sent` for the
 * message an SES event is about (and, `withBody`, still has its body); it is still in the list; or
 * it is still `queued` (and, `dueAt`, still at the watch the sweep read).
 */
export interface IntentChange {
  set: Record<string, unknown>;
  remove: ('leaseUntil' | 'claimToken' | 'data' | 'recipient' | 'listKey' | 'listSort' | 'dueBucket' | 'mergedInto')[];
  audit: AuditItem;
  when: { lease: number } | { sentAs: string; withBody?: boolean } | { listedIn: string } | { queued: true; dueAt?: string };
  /**
   * A failure of a case's message put in the call-or-visit list (listedWhileOpen): written so only
   * while the case is not closed, checked in the same transaction; once it is, the adapter writes
   * `closed` instead, without the follow-ups that would have gone with it (the coordinator's email).
   */
  whileOpen?: { caseId: string; closed: Omit<IntentChange, 'whileOpen'> };
}

/**
 * Marks the intents that call something off: the cancelling that closing a case or cancelling a
 * referral does (and does again on a client's retry) must not stop the very notice it decided.
 */
const CALL_OFF = '#calloff';
export const callOffSource = (sourceId: string) => `${sourceId}${CALL_OFF}`;
export const isCallOffNotice = (s: { sourceId?: string | undefined }): boolean => s.sourceId?.endsWith(CALL_OFF) === true;

/**
 * A message about a case that failed for good, or may not have gone out, waits for a call or a
 * visit only while its case is open. Once it is closed nothing can be done about what it said
 * (the coordinator closing it has spoken with the family, the office's referral is withdrawn):
 * the failure is on the case's record alone, in no list, feed or digest, and nobody is emailed
 * about it. Not so a notice the closing itself sent (a referral withdrawn, a visit called off):
 * should it not arrive, someone still expects what was called off, and the coordinator is to tell them.
 */
function listedWhileOpen(i: Pick<IntentItem, 'caseId' | 'sourceId'>, c: IntentChange): IntentChange {
  if (!i.caseId || c.set.listKey === undefined || isCallOffNotice(i)) return c;
  const { listKey: _list, listSort: _sort, ...set } = c.set;
  const { listKey: _feed, listSort: _at, ...audit } = c.audit;
  return { ...c, whileOpen: { caseId: i.caseId, closed: { ...c, set, audit } } };
}

/** Who ends a delivery on record: the attempt itself, or the sweep reconciling one nobody finished. */
export type IntentActor = 'deliver' | 'sweep';
const ACTORS: Record<IntentActor, { by: string; via: string }> = {
  deliver: { by: 'system:deliver-notifications', via: 'stream' },
  sweep: { by: 'system:sweep-timers', via: 'sweep' },
};

/** The audit entry of an intent goes where the intent is: its case, or its meeting's or municipality's partition. */
const auditOwner = (i: Pick<IntentItem, 'pk' | 'caseId' | 'municipalityId'>) =>
  i.caseId ? { caseId: i.caseId, municipalityId: i.municipalityId } : { pk: i.pk, municipalityId: i.municipalityId };

type Attempted = Pick<IntentItem, 'pk' | 'intentId' | 'caseId' | 'municipalityId' | 'sourceId' | 'channel' | 'template' | 'attempts'>;

/** A final failure, or an outcome nobody can know, waits in the municipality's list for a call or a visit. */
const listedIfFollowUp = (i: Attempted, set: Record<string, unknown> & { status: IntentStatus }, at: string) =>
  (set.status === 'failed' || set.status === 'unconfirmed') && i.municipalityId ? { ...set, ...failedListing(i, i.municipalityId, at) } : set;

/**
 * The end of an attempt under its lease: the lease goes, and with it the delivery watch unless the
 * intent waits in the timers index for a retry; a final failure or an unknown outcome waits for a
 * call or a visit.
 */
function attemptEnded(
  i: Attempted,
  lease: number,
  at: string,
  set: Record<string, unknown> & { status: IntentStatus },
  detail: Record<string, string>,
  opts: { event?: string; dropBody?: boolean; dropRecipient?: boolean; by?: IntentActor } = {},
): IntentChange {
  const remove: IntentChange['remove'] = ['leaseUntil', 'claimToken'];
  if (set.dueBucket === undefined) remove.push('dueBucket');
  // Claimed into another intent's SMS (claimDue): sent alone after all, waiting for a retry that
  // may go otherwise, or dropped from it (cancelled), it is no longer that SMS's; failed or unknown,
  // it stays as the message it was in.
  if (set.mergedInto === undefined && (set.status === 'sent' || set.status === 'deferred' || set.status === 'cancelled')) remove.push('mergedInto');
  if (opts.dropBody) remove.push('data');
  if (opts.dropRecipient) remove.push('recipient');
  return listedWhileOpen(i, {
    set: listedIfFollowUp(i, set, at),
    remove,
    audit: auditItem(auditOwner(i), i.intentId, at, {
      event: opts.event ?? `notification.${set.status}`,
      ...ACTORS[opts.by ?? 'deliver'],
      detail: { channel: i.channel, template: i.template, ...detail },
    }),
    when: { lease },
  });
}

/**
 * The provider accepted it. An SMS's body (names, addresses, links) goes with the lease, and so
 * does the number it went to (nothing is sent to it again; its last digits stay for support); an
 * email keeps both until SES reports the delivery, since a transient bounce sends it again.
 */
export function intentSent(i: Attempted & Pick<IntentItem, 'recipient'>, lease: number, outcome: SentOutcome): IntentChange {
  const at = outcome.sentAt ?? systemClock.now().toISOString();
  const sms = i.channel === 'sms';
  const set = { status: 'sent' as const, ...outcome, ...(sms && i.recipient ? { recipientHint: phoneHint(i.recipient) } : {}) };
  const detail = { ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}), ...(outcome.mergedInto ? { mergedInto: outcome.mergedInto } : {}) };
  return attemptEnded(i, lease, at, set, detail, { dropBody: sms, dropRecipient: sms });
}

/** What the provider's acceptance records; `mergedInto` when it went out inside another intent's SMS. */
export type SentOutcome = Pick<IntentItem, 'providerMessageId' | 'sms' | 'sentAt' | 'mergedInto'>;

/**
 * Whether an SMS intent may be claimed now: queued, or deferred with its time come (an SMS held
 * for the morning, a retry due) though the sweep has not released it yet. A household's SMS are
 * claimed this way into one message (shared/delivery/household.ts).
 */
export function isDueSms(i: Pick<IntentItem, 'channel' | 'status' | 'notBefore'>, nowIso: string): boolean {
  if (i.channel !== 'sms') return false;
  return i.status === 'queued' || (i.status === 'deferred' && i.notBefore !== undefined && i.notBefore <= nowIso);
}

/** The last three digits of a phone number, as a sent SMS keeps it: "…123". */
export function phoneHint(phone: string): string {
  return `…${phone.replace(/\D/g, '').slice(-3)}`;
}

/**
 * Not to go out, and no one to tell: its subject moved on under the lease (the case was closed
 * since it was queued). Ended as cancelPending ends what has not been claimed, out of every list.
 */
export function intentCancelled(i: Attempted, lease: number, reason: string, at: string): IntentChange {
  return attemptEnded(i, lease, at, { status: 'cancelled', cancelledAt: at }, { reason });
}

/** Failed for good under the lease. */
export function intentFailed(i: Attempted, lease: number, failure: NonNullable<IntentItem['failure']>, at = systemClock.now().toISOString()): IntentChange {
  return attemptEnded(i, lease, at, { status: 'failed', failure }, { attempt: String(i.attempts), failure: failure.code });
}

/**
 * A retryable failure parked until `retryAt`: `deferred` with a due time puts it in the timers
 * index, the sweep releases it (deferred → queued) and the deliver function claims it again.
 */
export function intentDeferred(i: Attempted, lease: number, lastError: string, retryAt: Date, at: string): IntentChange {
  const when = retryAt.toISOString();
  return attemptEnded(
    i,
    lease,
    at,
    { status: 'deferred', lastError, notBefore: when, dueAt: when, dueBucket: dueBucket(retryAt) },
    { failure: lastError, attempt: String(i.attempts), retryAt: when },
    { event: 'notification.retry_scheduled' },
  );
}

/**
 * Nobody knows whether it went out: the attempt holding `lease` died (a redelivery or the sweep
 * found the lease lapsed), or the provider's answer was lost (`lastError`, the attempt's own).
 */
export function intentUnconfirmed(i: Attempted, lease: number, at = systemClock.now().toISOString(), opts: { lastError?: string; by?: IntentActor } = {}): IntentChange {
  return attemptEnded(i, lease, at, { status: 'unconfirmed', ...(opts.lastError ? { lastError: opts.lastError } : {}) }, opts.lastError ? { failure: opts.lastError } : {}, { by: opts.by ?? 'deliver' });
}

/** queued → deferred until `until` (an SMS in quiet hours waits for the morning); no attempt was made. */
export function intentHeld(i: Attempted, until: Date, at: string): IntentChange {
  const when = until.toISOString();
  return {
    set: { status: 'deferred', notBefore: when, ...deliveryWatch(until) },
    remove: [],
    audit: auditItem(auditOwner(i), i.intentId, at, { event: 'notification.held', ...ACTORS.deliver, detail: { channel: i.channel, template: i.template, retryAt: when, reason: 'quiet-hours' } }),
    when: { queued: true },
  };
}

/**
 * The first of the two writes that put a stranded intent back on the stream: queued → deferred,
 * due at once, while it is still queued at the watch the sweep read (`i.dueAt`). The sweep's
 * release (deferred → queued) is the second.
 */
export function intentRequeued(i: Attempted & Pick<IntentItem, 'dueAt' | 'requeues'>, at: string): IntentChange {
  const requeues = (i.requeues ?? 0) + 1;
  return {
    set: { status: 'deferred', requeues, notBefore: at, ...deliveryWatch(new Date(at)) },
    remove: [],
    audit: auditItem(auditOwner(i), i.intentId, at, { event: 'notification.requeued', ...ACTORS.sweep, detail: { channel: i.channel, template: i.template, attempt: String(requeues) } }),
    when: { queued: true, ...(i.dueAt ? { dueAt: i.dueAt } : {}) },
  };
}

/** A stranded intent put back too often: failed for good, still queued at the watch the sweep read. */
export function intentAbandoned(i: Attempted & Pick<IntentItem, 'dueAt'>, failure: NonNullable<IntentItem['failure']>, at: string): IntentChange {
  return listedWhileOpen(i, {
    set: listedIfFollowUp(i, { status: 'failed', failure }, at),
    remove: ['dueBucket'],
    audit: auditItem(auditOwner(i), i.intentId, at, { event: 'notification.failed', ...ACTORS.sweep, detail: { channel: i.channel, template: i.template, failure: failure.code } }),
    when: { queued: true, ...(i.dueAt ? { dueAt: i.dueAt } : {}) },
  });
}

/** What an SES event about the sent message `messageId` writes, and only while it is still that message's. */
function afterSend(i: Attempted, messageId: string, at: string, set: Record<string, unknown>, event: string, extra: Record<string, string>, dropBody = false): IntentChange {
  // A final failure waits in the municipality's list for a call or a visit, as at the end of an attempt.
  const listed = set.status === 'failed' && i.municipalityId ? { ...set, ...failedListing(i, i.municipalityId, at) } : set;
  return listedWhileOpen(i, {
    set: listed,
    remove: dropBody ? ['data'] : [],
    audit: auditItem(auditOwner(i), i.intentId, at, {
      event,
      by: 'system:email-events',
      via: 'eventbridge',
      detail: { channel: i.channel, template: i.template, providerMessageId: messageId, ...extra },
    }),
    when: { sentAs: messageId, ...(dropBody ? { withBody: true } : {}) },
  });
}

/** SES: the sent email will never arrive. sent → failed, into the call-or-visit list, keeping the body for that call. */
export function intentBounced(i: Attempted, messageId: string, failure: NonNullable<IntentItem['failure']>, at: string): IntentChange {
  return afterSend(i, messageId, at, { status: 'failed', failure }, 'notification.failed', { failure: failure.code });
}

/** SES: a transient bounce. sent → deferred until `retryAt`; it is sent again from the body it kept. */
export function intentBounceRetry(i: Attempted, messageId: string, lastError: string, retryAt: Date, at: string): IntentChange {
  const when = retryAt.toISOString();
  return afterSend(
    i,
    messageId,
    at,
    { status: 'deferred', lastError, notBefore: when, dueAt: when, dueBucket: dueBucket(retryAt) },
    'notification.retry_scheduled',
    { failure: lastError, attempt: String(i.attempts), retryAt: when },
  );
}

/** SES: delivered to the recipient's mail server. The body is no longer needed for a re-send and goes, once. */
export function intentDelivered(i: Attempted, messageId: string, at: string): IntentChange {
  return afterSend(i, messageId, at, {}, 'notification.delivered', {}, true);
}

/** The coordinator called or visited instead: out of the call-or-visit list, the outcome on record. */
export function intentFollowedUp(i: IntentItem, municipalityId: string, followUp: FollowUpDone, actor: Actor): IntentChange {
  const { outcome, at } = followUp;
  return {
    set: { followUp },
    remove: ['listKey', 'listSort'],
    audit: auditItem({ ...auditOwner(i), municipalityId }, i.intentId, at, {
      event: 'followup.done',
      by: actor.by,
      byRole: actor.role,
      via: 'api',
      detail: { outcome, channel: i.channel, template: i.template },
    }),
    when: { listedIn: lists.failed(municipalityId) },
  };
}
