import type { Logger } from '@aws-lambda-powertools/logger';
import { DeliveryError, type EmailAttachment, type EmailSender, type Sent, type SmsSender } from '../channels/ports.js';
import { buildIcs, ICS_CONTENT_TYPE, type CalendarInvite } from '../meetings/ics.js';
import type { Clock } from '../domain/clock.js';
import { renderAny, smsStats } from '../messages/index.js';
import type { IntentStore } from '../store/intent-store.js';
import type { IntentItem } from '../store/items.js';
import type { ReferralStore } from '../store/referral-store.js';
import { mayDeliver, type DeliveryMode } from './test-mode.js';

export interface DeliverDeps {
  intents: IntentStore;
  referrals: ReferralStore;
  email: EmailSender;
  sms: SmsSender;
  clock: Clock;
  logger: Logger;
  leaseSeconds: number;
  maxAttempts: number;
  mode: DeliveryMode;
  simulatedPhones: ReadonlySet<string>;
}

export type DeliveryOutcome =
  | 'sent'
  | 'failed'
  | 'requeued'
  | 'already-done'
  | 'unconfirmed';

/** Thrown to have the stream retry the record later (bounded by the event source mapping). */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
}

interface Rendered {
  email?: { subject: string; text: string; html: string; attachments?: EmailAttachment[] };
  sms?: { text: string; stats: ReturnType<typeof smsStats> };
}

function render(intent: IntentItem): Rendered {
  const out = renderAny(intent.template, intent.data, intent.languages);
  if (intent.channel === 'email') {
    if (!out.email) throw new Error(`template ${intent.template} is not an email`);
    const attachments = attachmentsOf(intent.data);
    return { email: { ...out.email, ...(attachments.length > 0 ? { attachments } : {}) } };
  }
  if (out.sms === undefined) throw new Error(`template ${intent.template} is not an SMS`);
  return { sms: { text: out.sms, stats: smsStats(out.sms) } };
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
 * Delivers one intent at most once. Only the attempt that moves it from `queued` to `sending`
 * talks to the provider; a repeated delivery of the same record finds it sent and does nothing.
 */
export async function deliverIntent(queued: Pick<IntentItem, 'pk' | 'caseId' | 'intentId'>, deps: DeliverDeps): Promise<DeliveryOutcome> {
  const log = { ...(queued.caseId ? { caseId: queued.caseId } : { owner: queued.pk }), intentId: queued.intentId };
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const lease = Math.floor(now.getTime() / 1000) + deps.leaseSeconds;
  const claim = await deps.intents.claim(queued, lease);

  if (!claim.claimed) {
    const current = claim.current;
    if (!current) throw new RetryLaterError(`intent ${queued.intentId} not found`);
    if (current.status === 'sending') {
      if ((current.leaseUntil ?? 0) * 1000 > now.getTime()) {
        // Another attempt holds the lease right now; look again after it has finished.
        throw new RetryLaterError(`intent ${queued.intentId} is being sent by another attempt`);
      }
      // The earlier attempt died after calling the provider, or before: we cannot know which.
      // Resending could send twice, so the intent is marked for the coordinator instead.
      await deps.intents.markUnconfirmed(current, nowIso);
      deps.logger.warn('delivery outcome unknown after a lapsed lease; not resent', { ...log, channel: current.channel });
      return 'unconfirmed';
    }
    deps.logger.info('intent already handled', { ...log, status: current.status });
    return 'already-done';
  }

  const intent = claim.intent;
  if (!intent.recipient) {
    await deps.intents.markFailed(intent, lease, { kind: 'non-retryable', code: 'NoRecipient' }, nowIso);
    return 'failed';
  }
  if (!mayDeliver(deps.mode, intent.channel, intent.recipient, deps.simulatedPhones)) {
    // A test deployment never reaches a real person; the refusal is on record, the recipient is not logged.
    await deps.intents.markFailed(intent, lease, { kind: 'non-retryable', code: 'TestModeRecipientRefused' }, nowIso);
    deps.logger.warn('test mode: recipient is not a reserved or simulated one; not sent', { ...log, channel: intent.channel });
    return 'failed';
  }
  let rendered: Rendered;
  try {
    rendered = render(intent);
  } catch (err) {
    // A template that cannot render with this data will not render on a retry either.
    await deps.intents.markFailed(intent, lease, { kind: 'non-retryable', code: 'RenderError' }, nowIso);
    deps.logger.error('notification could not be rendered', { ...log, template: intent.template, error: (err as Error).name });
    return 'failed';
  }

  let sent: Sent;
  try {
    const tags = { purpose: intent.purpose, template: intent.template.replace(/\./g, '-') };
    sent = rendered.email
      ? await deps.email.send({ to: [intent.recipient], ...rendered.email, tags })
      : await deps.sms.send({ phoneNumber: intent.recipient, text: rendered.sms!.text });
  } catch (err) {
    const e = err instanceof DeliveryError ? err : new DeliveryError('transient', (err as Error)?.name ?? 'Error');
    if (e.kind === 'non-retryable' || intent.attempts >= deps.maxAttempts) {
      const failure = { kind: e.kind === 'non-retryable' ? ('non-retryable' as const) : ('attempts-exhausted' as const), code: e.code };
      await deps.intents.markFailed(intent, lease, failure, deps.clock.now().toISOString());
      deps.logger.error('notification failed for good', { ...log, channel: intent.channel, attempt: intent.attempts, ...failure });
      return 'failed';
    }
    await deps.intents.requeue(intent, lease, e.code, deps.clock.now().toISOString());
    deps.logger.warn('notification attempt failed; will retry', { ...log, channel: intent.channel, attempt: intent.attempts, kind: e.kind, code: e.code });
    throw new RetryLaterError(`${e.kind}: ${e.code}`);
  }

  // From here on the message is out: whatever fails below must never lead to sending it again.
  // If recording fails, the record is retried, finds the intent still `sending` under our lease,
  // and once the lease lapses marks it `unconfirmed` rather than resending.
  const sentAt = deps.clock.now().toISOString();
  const recorded = await deps.intents.markSent(intent, lease, {
    providerMessageId: sent.providerMessageId,
    sentAt,
    ...(rendered.sms ? { sms: rendered.sms.stats } : {}),
  });
  if (!recorded) deps.logger.warn('sent, but the lease had been taken over; status left to the other attempt', log);
  if (intent.purpose === 'referral.office' && intent.referralId && intent.caseId) await deps.referrals.markSent(intent.caseId, intent.referralId, sentAt);
  deps.logger.info('notification sent', {
    ...log,
    channel: intent.channel,
    attempt: intent.attempts,
    ...(rendered.sms ? { encoding: rendered.sms.stats.encoding, segments: rendered.sms.stats.segments } : {}),
  });
  return 'sent';
}
