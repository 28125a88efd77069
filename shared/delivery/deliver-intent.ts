import type { Logger } from '@aws-lambda-powertools/logger';
import { DeliveryError, type EmailAttachment, type EmailSender, type Sent, type SmsSender } from '../channels/ports.js';
import { buildIcs, ICS_CONTENT_TYPE, type CalendarInvite } from '../meetings/ics.js';
import { smsSendTime } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import { renderAny, type SmsStats } from '../messages/index.js';
import type { SmsPolicy } from '../domain/sms-policy.js';
import { applySmsPolicy } from '../messages/sms-policy.js';
import type { IntentItem } from '../store/intent.js';
import type { ReferralItem } from '../store/referral.js';
import type { AddressRepository, CaseRepository, IntentRepository, ReferralRepository } from '../store/ports.js';
import type { Directory } from '../directory/directory.js';
import { coordinatorFollowUp, isOfficeReferralEmail } from './follow-up.js';
import { mayDeliver, type DeliveryMode } from './test-mode.js';
import { nextAttempt, type RetryPolicy } from './backoff.js';
import { encodeIntentTag, INTENT_TAG, sesTagValue } from '../channels/intent-tag.js';
import { count, METRIC, type MetricsRecorder } from '../observability/metrics.js';
import { ANSWER_LINKS, AnswerLinkGrant, signAnswerLinks, type AnswerLinkSigner } from '../links/answer-links.js';
import { pageLinkExpiryDay, pageUrl, signPageToken } from '../links/page-link.js';
import { returneePageOn } from '../domain/sms-policy.js';

export interface DeliverDeps {
  intents: Pick<IntentRepository, 'claim' | 'hold' | 'markSent' | 'markFailed' | 'deferRetry' | 'markUnconfirmed'>;
  /** A referral goes `sent` with its email; one whose office address is dead is flagged for the coordinator. */
  referrals: Pick<ReferralRepository, 'markSent' | 'flagUndeliverable'>;
  /** Read for an SMS about a case: has the coordinator opted the returnee out since it was queued? */
  cases: Pick<CaseRepository, 'get'>;
  /** Addresses that bounced for good or complained: no more email to them until an operator clears them. */
  addresses: Pick<AddressRepository, 'isSuppressed'>;
  /** Who coordinates a case, to tell them when an SMS to its returnee finally failed. */
  directory: Pick<Directory, 'municipality' | 'smsPolicy'>;
  email: EmailSender;
  sms: SmsSender;
  clock: Clock;
  logger: Logger;
  metrics: MetricsRecorder;
  leaseSeconds: number;
  /** How throttled and transient provider errors are retried: backoff with jitter, bounded by attempts and age. */
  retry: RetryPolicy;
  mode: DeliveryMode;
  simulatedPhones: ReadonlySet<string>;
  /** Signs an office email's one-click answers, and an SMS's returnee-page link, when it is rendered (its intent keeps only a grant). */
  links: AnswerLinkSigner;
}

export type DeliveryOutcome =
  | 'sent'
  | 'failed'
  | 'retry-scheduled'
  | 'already-done'
  | 'unconfirmed'
  /** An SMS due in quiet hours (a backlog, a redrive, a late retry): held until 08:00. */
  | 'held-for-morning';

/** Thrown to have the stream retry the record later (bounded by the event source mapping). */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
}

interface Rendered {
  email?: { subject: string; text: string; html: string; attachments?: EmailAttachment[] };
  /** `written`: before the cost policy, with all its letters (what a coordinator passes on by phone). */
  sms?: { text: string; written: string; stats: SmsStats; transliterated: boolean; withinCap: boolean; policy: SmsPolicy };
}

/** The message as it goes out; an SMS after its municipality's cost policy for its language. */
function render(intent: IntentItem, data: Record<string, unknown>, directory: DeliverDeps['directory']): Rendered {
  const out = renderAny(intent.template, data, intent.languages);
  if (intent.channel === 'email') {
    if (!out.email) throw new Error(`template ${intent.template} is not an email`);
    const attachments = attachmentsOf(data);
    return { email: { ...out.email, ...(attachments.length > 0 ? { attachments } : {}) } };
  }
  if (out.sms === undefined) throw new Error(`template ${intent.template} is not an SMS`);
  const policy = directory.smsPolicy(intent.municipalityId);
  // What the coordinator passes on by phone when it fails: all the SMS says without the page, and
  // never the page's link (a credential: the follow-up is stored).
  const written = data.pageUrl === undefined ? out.sms : (renderAny(intent.template, { ...data, pageUrl: undefined }, intent.languages).sms ?? out.sms);
  return { sms: { ...applySmsPolicy(out.sms, intent.languages[0]!, policy), written, policy } };
}

/**
 * What an intent is rendered with. An office email's grant (which answers, until when) becomes
 * its signed links only here, at send time: the intent never holds a token, and each attempt
 * signs the same answers with the same expiry. `unsigned`: the grant is not one (a retry will
 * not mend it); the key's own error is thrown (a retry may).
 */
async function dataToRender(intent: IntentItem, signer: AnswerLinkSigner, directory: DeliverDeps['directory']): Promise<Record<string, unknown> | 'unsigned'> {
  const { [ANSWER_LINKS]: grant, ...data } = intent.data;
  if (grant === undefined) return withPageUrl(intent, signer, directory);
  const parsed = AnswerLinkGrant.safeParse(grant);
  if (!parsed.success || !intent.caseId || !intent.referralId) return 'unsigned';
  const { current } = await signer.key.load();
  return { ...data, ...signAnswerLinks(parsed.data, { caseId: intent.caseId, referralId: intent.referralId }, current, signer.baseUrl) };
}

/**
 * An SMS about a case, where its municipality has the returnee page on, gets the page's link as
 * `pageUrl` (templates that have no use for it ignore it). Its expiry follows from when the intent
 * was planned, so every attempt signs the same link while the key is the same.
 */
async function withPageUrl(intent: IntentItem, signer: AnswerLinkSigner, directory: DeliverDeps['directory']): Promise<Record<string, unknown>> {
  if (intent.channel !== 'sms' || !intent.caseId || !returneePageOn(directory.smsPolicy(intent.municipalityId))) return intent.data;
  const { current } = await signer.key.load();
  const token = signPageToken(intent.caseId, pageLinkExpiryDay(new Date(intent.createdAt)), current);
  return { ...intent.data, pageUrl: pageUrl(signer.baseUrl, token) };
}

/**
 * Files an intent asks for: a calendar entry (built here, from the same data on every attempt, so
 * a retry sends identical bytes) or a ready file (the quarterly CSV).
 */
function attachmentsOf(data: Record<string, unknown>): EmailAttachment[] {
  const out: EmailAttachment[] = [];
  if (data.calendar && typeof data.calendar === 'object') {
    const invite = data.calendar as CalendarInvite;
    out.push({ fileName: invite.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', contentType: ICS_CONTENT_TYPE(invite.method), content: buildIcs(invite) });
  }
  const csv = data.csv as { fileName?: unknown; content?: unknown } | undefined;
  if (csv && typeof csv.fileName === 'string' && typeof csv.content === 'string') {
    out.push({ fileName: csv.fileName, contentType: 'text/csv; charset=UTF-8', content: csv.content });
  }
  return out;
}

/**
 * Why a message must not go out although nothing failed: for an SMS, the coordinator opted the
 * returnee out, or the number is on the SNS opt-out list (the returnee replied STOP); for an
 * email, the address bounced for good or its owner complained. A check's own error is thrown
 * and retried like a provider error.
 */
async function whyNotDeliverable(intent: IntentItem, recipient: string, deps: DeliverDeps, checkedInTable: boolean): Promise<string | undefined> {
  if (intent.channel === 'sms') {
    if (intent.caseId && !checkedInTable) {
      const theCase = await deps.cases.get(intent.caseId);
      if (theCase && !theCase.consent.sms) return 'OptedOutByCoordinator';
    }
    if (await deps.sms.isOptedOut(recipient)) return 'OptedOut';
    return undefined;
  }
  // SES would also refuse an address on its account-level suppression list, but only after the
  // call; ours also holds what a coordinator has not yet corrected in the directory.
  if (checkedInTable) return undefined;
  const status = await deps.addresses.isSuppressed(recipient);
  if (status === 'undeliverable') return 'AddressUndeliverable';
  if (status === 'complained') return 'AddressComplained';
  return undefined;
}

/**
 * Delivers one intent at most once. Only the attempt that moves it from `queued` to `sending`
 * talks to the provider; a repeated delivery of the same record finds it sent and does nothing.
 * `queued` is the intent as the stream record carried it.
 */
export async function deliverIntent(queued: IntentItem, deps: DeliverDeps): Promise<DeliveryOutcome> {
  const log = { ...(queued.caseId ? { caseId: queued.caseId } : { owner: queued.pk }), intentId: queued.intentId };
  const now = deps.clock.now();
  const nowIso = now.toISOString();

  // Quiet hours hold at send time, not only when the SMS was planned: a backlog, a redrive, a
  // record put back by the sweep or a late retry that reaches us at 21:00 waits for 08:00.
  if (queued.channel === 'sms' && queued.status === 'queued') {
    const morning = smsSendTime(now);
    if (morning.getTime() > now.getTime()) {
      if (await deps.intents.hold(queued, morning, nowIso)) {
        deps.logger.info('SMS held for the morning (quiet hours)', { ...log, until: morning.toISOString() });
        return 'held-for-morning';
      }
      // No longer queued: another attempt has it; the claim below says what became of it.
    }
  }

  const lease = Math.floor(now.getTime() / 1000) + deps.leaseSeconds;
  const claim = await deps.intents.claim(queued, lease, nowIso);

  if (!claim.claimed) {
    const current = claim.current;
    if (!current) throw new RetryLaterError(`intent ${queued.intentId} not found`);
    if (current.status === 'sending') {
      if ((current.leaseUntil ?? 0) * 1000 > now.getTime()) {
        // Another attempt holds the lease right now; look again after it has finished.
        throw new RetryLaterError(`intent ${queued.intentId} is being sent by another attempt`);
      }
      // The earlier attempt died after calling the provider, or before: we cannot know which.
      // Resending could send twice, so the intent is marked for the coordinator instead. (The
      // sweep does the same when no record comes again: the lease's end is in the timers index.)
      const followUps = await coordinatorFollowUp(current, 'unconfirmed', now, deps);
      if (await deps.intents.markUnconfirmed(current, nowIso, { followUps, by: 'deliver' })) {
        count(deps.metrics, METRIC.deliveryUnconfirmed);
        deps.logger.warn('delivery outcome unknown after a lapsed lease; not resent', { ...log, channel: current.channel });
      }
      return 'unconfirmed';
    }
    deps.logger.info('intent already handled', { ...log, status: current.status });
    return 'already-done';
  }
  return deliverClaimed(claim.intent, lease, deps);
}

/**
 * What the deciding invocation already knows of a claimed intent (route-referrals' one hop):
 * `checkedInTable`, the table's recipient checks held in the transaction that claimed it (the
 * case's SMS consent, no bounce or complaint on record for the address: DecisionGuard), so they
 * are not read again; `referral`, the referral an office email is about, as routed.
 */
export interface Known {
  checkedInTable?: boolean;
  referral?: ReferralItem;
}

/**
 * The rest of a delivery once this attempt holds the intent's lease (claimed here, or written
 * claimed by the invocation that decided it): render, check, send, record. Whatever it does not
 * finish is left as after any claim: a retry through the table, or the lease's end for the sweep.
 */
export async function deliverClaimed(intent: IntentItem, lease: number, deps: DeliverDeps, known: Known = {}): Promise<DeliveryOutcome> {
  const log = { ...(intent.caseId ? { caseId: intent.caseId } : { owner: intent.pk }), intentId: intent.intentId };
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  let rendered: Rendered | undefined;
  /** A final failure: explicit on the intent, in the call-or-visit list, and (for an SMS) told to the coordinator. */
  const failFinally = async (failure: NonNullable<IntentItem['failure']>, at: Date): Promise<DeliveryOutcome> => {
    const followUps = await coordinatorFollowUp(intent, failure, at, deps, rendered?.sms?.written);
    await deps.intents.markFailed(intent, lease, failure, at.toISOString(), followUps);
    count(deps.metrics, intent.channel === 'email' ? METRIC.emailFailed : METRIC.smsFailed);
    return 'failed';
  };

  /**
   * A provider or check error: retried later with backoff if it said "not sent" and may pass, a
   * final failure if it refused, and `unconfirmed` if nobody can say whether the message went out.
   */
  const retryOrFail = async (err: unknown): Promise<DeliveryOutcome> => {
    // Only the adapters talk to the provider and they sort every error; anything else was thrown
    // before the call (a check, the rendering of tags) and sent nothing.
    const e = err instanceof DeliveryError ? err : new DeliveryError('transient', (err as Error)?.name ?? 'Error');
    const failedAt = deps.clock.now();
    if (e.kind === 'ambiguous') {
      // The provider may have taken it (a timeout, a 5xx, a dropped connection): a second attempt
      // could deliver it twice, so nobody resends it; the coordinator checks instead.
      const followUps = await coordinatorFollowUp(intent, 'unconfirmed', failedAt, deps, rendered?.sms?.written);
      await deps.intents.markUnconfirmed(intent, failedAt.toISOString(), { followUps, lastError: e.code, by: 'deliver' });
      count(deps.metrics, METRIC.deliveryUnconfirmed);
      deps.logger.warn('provider gave no clear answer; not resent, marked unconfirmed', { ...log, channel: intent.channel, code: e.code });
      return 'unconfirmed';
    }
    const decision =
      e.kind === 'non-retryable'
        ? undefined
        : nextAttempt(deps.retry, intent.attempts, new Date(intent.firstAttemptAt ?? nowIso), failedAt, intent.channel);
    if (!decision?.retry) {
      const failure = { kind: decision ? decision.reason : ('non-retryable' as const), code: e.code };
      deps.logger.error('notification failed for good', { ...log, channel: intent.channel, attempts: intent.attempts, ...failure });
      return failFinally(failure, failedAt);
    }
    // Not thrown back to the stream: the wait grows with each attempt, and the shard goes on meanwhile.
    await deps.intents.deferRetry(intent, lease, e.code, decision.at, failedAt.toISOString());
    count(deps.metrics, METRIC.deliveryRetryScheduled);
    deps.logger.warn('notification attempt failed; retry scheduled', { ...log, channel: intent.channel, attempts: intent.attempts, kind: e.kind, code: e.code, retryAt: decision.at.toISOString() });
    return 'retry-scheduled';
  };

  if (!intent.recipient) return failFinally({ kind: 'non-retryable', code: 'NoRecipient' }, now);
  let data: Record<string, unknown> | 'unsigned';
  try {
    data = await dataToRender(intent, deps.links, deps.directory);
  } catch (err) {
    // The link key could not be read (SSM throttling or an outage): nothing was sent, try again later.
    deps.logger.warn('link signing key unavailable', { ...log, error: (err as Error)?.name ?? 'Error' });
    return retryOrFail(new DeliveryError('transient', 'LinkKeyUnavailable'));
  }
  if (data === 'unsigned') return failFinally({ kind: 'non-retryable', code: 'RenderError' }, now);
  try {
    rendered = render(intent, data, deps.directory);
  } catch (err) {
    // A template that cannot render with this data will not render on a retry either.
    deps.logger.error('notification could not be rendered', { ...log, template: intent.template, error: (err as Error).name });
    return failFinally({ kind: 'non-retryable', code: 'RenderError' }, now);
  }
  if (rendered.sms && !rendered.sms.withinCap) {
    // Dearer than the municipality allows even in GSM-7: refused rather than billed; the coordinator passes it on.
    deps.logger.warn('SMS over the segment cap; not sent', { ...log, segments: rendered.sms.stats.segments, cap: rendered.sms.policy.maxSegments });
    return failFinally({ kind: 'non-retryable', code: 'SegmentCapExceeded' }, now);
  }
  if (!mayDeliver(deps.mode, intent.channel, intent.recipient, deps.simulatedPhones)) {
    // A test deployment never reaches a real person; the refusal is on record, the recipient is not logged.
    deps.logger.warn('test mode: recipient is not a reserved or simulated one; not sent', { ...log, channel: intent.channel });
    return failFinally({ kind: 'non-retryable', code: 'TestModeRecipientRefused' }, now);
  }

  let blocked: string | undefined;
  try {
    blocked = await whyNotDeliverable(intent, intent.recipient, deps, known.checkedInTable === true);
  } catch (err) {
    return retryOrFail(err);
  }
  if (blocked) {
    // Not an error: the person asked for no SMS, or the address is known to be dead. The
    // coordinator sees it in the call-or-visit list instead of silence.
    deps.logger.info('notification not sent: recipient opted out or suppressed', { ...log, channel: intent.channel, code: blocked });
    const outcome = await failFinally({ kind: 'non-retryable', code: blocked }, now);
    // The office will not get this referral (or its reminder) by email: the coordinator is to
    // reach it another way now, not after the reminder ladder has run its course.
    if (blocked === 'AddressUndeliverable' && isOfficeReferralEmail(intent)) await deps.referrals.flagUndeliverable(intent.caseId!, intent.referralId!, nowIso);
    return outcome;
  }

  let sent: Sent;
  try {
    // Bounce, complaint and delivery events come back with these tags: the intent key finds the intent.
    const tags = { purpose: sesTagValue(intent.purpose), template: sesTagValue(intent.template), [INTENT_TAG]: encodeIntentTag(intent) };
    sent = rendered.email
      ? await deps.email.send({ to: [intent.recipient], ...rendered.email, tags })
      : await deps.sms.send({
          phoneNumber: intent.recipient,
          text: rendered.sms!.text,
          ...(rendered.sms!.policy.senderId ? { senderId: rendered.sms!.policy.senderId } : {}),
          ...(rendered.sms!.policy.maxPriceUsd ? { maxPriceUsd: rendered.sms!.policy.maxPriceUsd } : {}),
        });
  } catch (err) {
    return retryOrFail(err);
  }

  // From here on the message is out: whatever fails below must never lead to sending it again.
  // If recording fails, the record is retried, finds the intent still `sending` under our lease,
  // and once the lease lapses it is marked `unconfirmed` (by that retry, or by the sweep at the
  // lease's end) rather than resent.
  const sentAt = deps.clock.now().toISOString();
  count(deps.metrics, rendered.email ? METRIC.emailSent : METRIC.smsSent);
  if (rendered.sms) count(deps.metrics, METRIC.smsSegmentsSent, rendered.sms.stats.segments);
  const recorded = await deps.intents.markSent(intent, lease, {
    providerMessageId: sent.providerMessageId,
    sentAt,
    ...(rendered.sms ? { sms: rendered.sms.stats } : {}),
  });
  if (!recorded) deps.logger.warn('sent, but the lease had been taken over; status left to the other attempt', log);
  if (intent.purpose === 'referral.office' && intent.referralId && intent.caseId) await deps.referrals.markSent(intent.caseId, intent.referralId, sentAt, known.referral);
  deps.logger.info('notification sent', {
    ...log,
    channel: intent.channel,
    attempt: intent.attempts,
    ...(rendered.sms ? { encoding: rendered.sms.stats.encoding, segments: rendered.sms.stats.segments, transliterated: rendered.sms.transliterated } : {}),
  });
  return 'sent';
}
