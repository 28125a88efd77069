import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from '../domain/zod.js';
import { decodeIntentTag, INTENT_TAG } from '../channels/intent-tag.js';
import type { Trilingual } from '../domain/vocabulary.js';
import type { Directory } from '../directory/directory.js';
import type { Municipality } from '../directory/schema.js';
import type { Clock } from '../domain/clock.js';
import { isAlertTemplate, messageKindOf, type AddressAlertData } from '../messages/index.js';
import { normaliseAddress } from '../store/address.js';
import { intentId, intentItem, type IntentItem } from '../store/intent.js';
import type { AddressRepository, CaseRepository, IntentRepository, ReferralRepository } from '../store/ports.js';
import { nextAttempt, type RetryPolicy } from './backoff.js';
import { isOfficeReferralEmail } from './follow-up.js';

// =============================================================================================
// The events, as SES publishes them through a configuration set's event destination (the same
// JSON whether it travels through SNS, Firehose or, as here, EventBridge's `detail`). Only the
// fields this module reads are declared, and only those reach the function: the rule's input
// transformer (SES_EVENT_INPUT, events/triggers.ts) leaves out the recipients, the subject and
// the headers, and puts null where an event has no such field (a Delivery has no bounce).
// =============================================================================================

const Timestamp = z.iso.datetime({ offset: true });

export const SesMail = z.object({
  timestamp: Timestamp,
  messageId: z.string().check(z.minLength(1)),
  /** SES publishes the message tags here, each as a list: `{ intent: ['Q0FTR…'] }`. */
  tags: z._default(z.record(z.string(), z.array(z.string())), {}),
});
export type SesMail = z.infer<typeof SesMail>;

const BounceDetail = z.object({
  eventType: z.literal('Bounce'),
  mail: SesMail,
  bounce: z.object({
    bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
    bounceSubType: z.string(),
    timestamp: Timestamp,
    feedbackId: z.string(),
    /** The recipient's SMTP status (e.g. 5.1.1), when the reporting server gave one. */
    status: z.nullish(z.string()),
  }),
});

const ComplaintDetail = z.object({
  eventType: z.literal('Complaint'),
  mail: SesMail,
  complaint: z.object({
    timestamp: Timestamp,
    feedbackId: z.string(),
    complaintFeedbackType: z.nullish(z.string()),
    complaintSubType: z.nullish(z.string()),
  }),
});

const DeliveryDetail = z.object({
  eventType: z.literal('Delivery'),
  mail: SesMail,
  delivery: z.object({ timestamp: Timestamp }),
});

// A rejection's reason and a rendering failure's message are not read: what SES did not send, it did not send.
const RejectDetail = z.object({ eventType: z.literal('Reject'), mail: SesMail });

const RenderingFailureDetail = z.object({ eventType: z.literal('Rendering Failure'), mail: SesMail });

export const SesEvent = z.discriminatedUnion('eventType', [BounceDetail, ComplaintDetail, DeliveryDetail, RejectDetail, RenderingFailureDetail]);
export type SesEvent = z.infer<typeof SesEvent>;

/** EventBridge's detail-type for each SES event type this platform listens to. */
export const SES_DETAIL_TYPES = {
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Delivery: 'Email Delivered',
  Reject: 'Email Rejected',
  'Rendering Failure': 'Email Rendering Failed',
} as const satisfies Record<SesEvent['eventType'], string>;

/**
 * EventBridge's envelope (the fields of Powertools' EventBridgeSchema). Written here because that
 * module imports zod's named `z`, which keeps all of zod's locales (about 280 KB) in the bundle.
 */
const EventBridgeEnvelope = z.object({
  version: z.string(),
  id: z.string(),
  source: z.string(),
  account: z.string(),
  time: z.iso.datetime(),
  region: z.string(),
  resources: z.array(z.string()),
  'detail-type': z.string(),
  detail: z.unknown(),
  'replay-name': z.optional(z.string()),
});

/**
 * An SES event as EventBridge hands it to the function: the EventBridge envelope, with the SES
 * event as its detail and a detail-type that must agree with the event's own type.
 */
export const SesEventBridgeEvent = z.extend(EventBridgeEnvelope, {
  source: z.literal('aws.ses'),
  'detail-type': z.enum(Object.values(SES_DETAIL_TYPES) as [string, ...string[]]),
  detail: SesEvent,
}).check(z.refine((e) => SES_DETAIL_TYPES[e.detail.eventType] === e['detail-type'], {
  message: 'detail-type does not match detail.eventType',
  path: ['detail-type'],
}));
export type SesEventBridgeEvent = z.infer<typeof SesEventBridgeEvent>;

// =============================================================================================
// What each event means for us (pure)
// =============================================================================================

export type EmailEventAction =
  /** A permanent bounce: the mailbox does not exist or refuses us for good. */
  | { kind: 'undeliverable'; codes: string[]; at: string }
  /** The recipient marked the message as spam. */
  | { kind: 'complained'; codes: string[]; at: string }
  /** A transient (or undetermined) bounce, reported after SES's own retries: try again later. */
  | { kind: 'retry'; code: string; at: string }
  /** SES did not send it at all (virus found, template rendering): sending the same again will not help. */
  | { kind: 'failed'; code: 'Rejected' | 'RenderingFailure'; at: string }
  /** The recipient's mail server accepted it. */
  | { kind: 'delivered'; at: string };

const unique = (values: (string | undefined | null)[]): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];

/**
 * Sorts an SES event into what the platform does about it. `at` is the event's own time (not the
 * time we handle it), so a redelivered event produces identical writes.
 *
 * An `Undetermined` bounce is retried like a transient one rather than suppressing the address:
 * SES could not tell why, and a working mailbox must not be blocked on a guess; if it keeps
 * bouncing, the retry policy ends it as a failure the coordinator follows up.
 */
export function sortSesEvent(e: SesEvent): EmailEventAction {
  switch (e.eventType) {
    case 'Bounce': {
      const b = e.bounce;
      if (b.bounceType === 'Permanent') {
        return { kind: 'undeliverable', codes: unique([`${b.bounceType}/${b.bounceSubType}`, b.status]), at: b.timestamp };
      }
      return { kind: 'retry', code: `Bounce${b.bounceType}`, at: b.timestamp };
    }
    case 'Complaint': {
      const c = e.complaint;
      return { kind: 'complained', codes: unique([`Complaint/${c.complaintFeedbackType ?? 'unspecified'}`, c.complaintSubType]), at: c.timestamp };
    }
    case 'Delivery':
      return { kind: 'delivered', at: e.delivery.timestamp };
    case 'Reject':
      // The reject event has no timestamp of its own; the mail's is as stable across redeliveries.
      return { kind: 'failed', code: 'Rejected', at: e.mail.timestamp };
    case 'Rendering Failure':
      return { kind: 'failed', code: 'RenderingFailure', at: e.mail.timestamp };
  }
}

/** The intent an email was sent for, from the `intent` message tag the deliver function sets. */
export function intentKeyOf(mail: SesMail): { pk: string; intentId: string } | undefined {
  const value = mail.tags[INTENT_TAG]?.[0];
  return value ? decodeIntentTag(value) : undefined;
}

// =============================================================================================
// Handling one event
// =============================================================================================

export interface EmailEventDeps {
  intents: Pick<IntentRepository, 'get' | 'failAfterSend' | 'retryAfterBounce' | 'dropBodyOnDelivery' | 'putIfAbsent'>;
  addresses: Pick<AddressRepository, 'record'>;
  /** Read for the alert; a referral whose office address bounced for good is flagged for its coordinator. */
  referrals: Pick<ReferralRepository, 'get' | 'flagUndeliverable'>;
  cases: Pick<CaseRepository, 'get'>;
  directory: Directory;
  /** How a transiently bounced email is tried again (the deliver function's policy). */
  retry: RetryPolicy;
  clock: Clock;
  logger: Logger;
  /** Alerts name an address and an SMR id: they expire with personal data. */
  retentionDays: number;
  random?: () => number;
}

export interface EmailEventReport {
  action: EmailEventAction['kind'];
  /** What happened to the intent: changed by this event, left as it was (already done, or another attempt's event), or none found. */
  intent: 'changed' | 'unchanged' | 'unknown';
  /** Alert intents written now (0 when a redelivered event finds them written). */
  alerts: number;
}

export const ALERT_PURPOSES = { undeliverable: 'alert.address_undeliverable', complained: 'alert.address_complained' } as const;

/**
 * One SES event. Every step is idempotent on its own (the address record states the whole
 * outcome, the intent moves only from `sent` for this very message, alerts have ids derived from
 * the SES message id), so a redelivery, or a retry after a crash half-way, completes what is
 * missing and repeats nothing. Never logs an address: ids, codes and counts only.
 */
export async function handleEmailEvent(event: SesEvent, deps: EmailEventDeps): Promise<EmailEventReport> {
  const action = sortSesEvent(event);
  const messageId = event.mail.messageId;
  const key = intentKeyOf(event.mail);
  const found = key ? await deps.intents.get(key) : undefined;
  // A tag naming an SMS intent was not set by the deliver function: treated like no intent at all.
  const intent = found?.channel === 'email' ? found : undefined;
  const log = { eventType: event.eventType, messageId, ...(key ? { owner: key.pk, intentId: key.intentId } : {}) };

  let changed = false;
  let alerts = 0;
  switch (action.kind) {
    case 'delivered':
      if (intent) changed = await deps.intents.dropBodyOnDelivery(intent, messageId, action.at);
      break;
    case 'failed':
      if (intent) changed = await deps.intents.failAfterSend(intent, messageId, { kind: 'non-retryable', code: action.code }, action.at);
      break;
    case 'retry':
      if (intent) changed = await retryOrFail(intent, messageId, action, deps);
      break;
    case 'undeliverable':
    case 'complained': {
      // The event names no address (the rule's input transformer leaves it out): every email is
      // sent to its intent's one recipient, which the intent keeps until SES reports the delivery.
      const address = intent?.recipient;
      if (!address) {
        deps.logger.warn('SES event about an address no intent holds any more; address not recorded', { ...log, action: action.kind });
        break;
      }
      // The address first: it is what keeps the next email from going to a dead or unwilling mailbox.
      await deps.addresses.record(address, { status: action.kind, at: action.at, messageId, codes: action.codes });
      if (intent && action.kind === 'undeliverable') {
        changed = await deps.intents.failAfterSend(intent, messageId, { kind: 'non-retryable', code: 'BouncePermanent' }, action.at);
        // The office will not read this referral: its coordinator is to reach it now, and the sweep
        // writes no reminder to that address any more (shared/timers/decide.ts), instead of refused
        // reminders piling up as follow-ups until the ladder runs out.
        if (isOfficeReferralEmail(intent)) await deps.referrals.flagUndeliverable(intent.caseId, intent.referralId, action.at);
      }
      // A complaint leaves the intent as it is: the email did arrive.
      alerts = await alertCoordinators(action, address, event, intent, deps);
      break;
    }
  }
  const report: EmailEventReport = { action: action.kind, intent: intent ? (changed ? 'changed' : 'unchanged') : 'unknown', alerts };
  if (!key) deps.logger.warn('SES event for an email without an intent tag', { ...log, action: action.kind });
  else if (!intent) deps.logger.warn('SES event for an intent that is not in the table', { ...log, action: action.kind });
  deps.logger.info('SES event handled', { ...log, ...report });
  return report;
}

/** A transient bounce: back to `deferred` for the next attempt, or failed once the policy says no more. */
async function retryOrFail(intent: IntentItem, messageId: string, action: Extract<EmailEventAction, { kind: 'retry' }>, deps: EmailEventDeps): Promise<boolean> {
  // SES can report a bounce after the Delivery event (the receiving server accepted, then gave
  // up): the body is gone by then, so there is nothing to send again; the coordinator follows up.
  if (Object.keys(intent.data).length === 0) return deps.intents.failAfterSend(intent, messageId, { kind: 'non-retryable', code: action.code }, action.at);
  const now = deps.clock.now();
  const first = new Date(intent.firstAttemptAt ?? intent.sentAt ?? action.at);
  const decision = nextAttempt(deps.retry, intent.attempts, first, now, 'email', deps.random);
  if (decision.retry) return deps.intents.retryAfterBounce(intent, messageId, action.code, decision.at, action.at);
  return deps.intents.failAfterSend(intent, messageId, { kind: decision.reason, code: action.code }, action.at);
}

// ---------------------------------------------------------------------------------------------
// The coordinators' alert
// ---------------------------------------------------------------------------------------------

interface DirectoryEntry {
  municipality: Municipality;
  who?: Trilingual;
}

const sameName = (name: string): Trilingual => ({ sq: name, sr: name, en: name });

/** Whose address it is in a municipality's directory: an office (or its head), a contact, a coordinator. */
function ownerIn(m: Municipality, address: string): Trilingual | undefined {
  const a = normaliseAddress(address);
  const is = (email: string | undefined) => email !== undefined && normaliseAddress(email) === a;
  const office = m.offices.find((o) => is(o.email) || is(o.head?.email));
  if (office) return office.name;
  const contact = m.contacts.find((c) => is(c.email));
  if (contact) return contact.name;
  const coordinator = m.coordinators.find((c) => is(c.email));
  return coordinator ? sameName(coordinator.name) : undefined;
}

/** The municipality to alert and the recipient's name, from the intent (and its referral), else from the directory. */
async function whereAndWho(address: string, intent: IntentItem | undefined, deps: EmailEventDeps): Promise<DirectoryEntry & { smrCaseId?: string } | undefined> {
  const muniId = intent?.municipalityId ?? (intent?.pk.startsWith('MUNI#') ? intent.pk.slice('MUNI#'.length) : undefined);
  const muni = muniId ? deps.directory.municipality(muniId) : deps.directory.municipalities().find((m) => ownerIn(m, address));
  if (!muni) return undefined;
  const referral = intent?.referralId && intent.caseId ? await deps.referrals.get(intent.caseId, intent.referralId) : undefined;
  const office = referral ? muni.offices.find((o) => o.id === referral.officeId) : undefined;
  const smrCaseId = referral?.smrCaseId ?? (intent?.caseId ? (await deps.cases.get(intent.caseId))?.smrCaseId : undefined);
  const who = office?.name ?? ownerIn(muni, address);
  return { municipality: muni, ...(who ? { who } : {}), ...(smrCaseId ? { smrCaseId } : {}) };
}

/**
 * Tells every coordinator of the municipality, each in their language, with an email intent in
 * the municipality's partition whose id names the SES message and the coordinator: a redelivered
 * event finds it written and queues nothing. Not for a bounced alert (no alert about an alert,
 * which could go round in circles), and never to the dead address itself.
 */
async function alertCoordinators(
  action: Extract<EmailEventAction, { kind: 'undeliverable' | 'complained' }>,
  address: string,
  event: SesEvent,
  intent: IntentItem | undefined,
  deps: EmailEventDeps,
): Promise<number> {
  if (intent && isAlertTemplate(intent.template)) return 0;
  const found = await whereAndWho(address, intent, deps);
  if (!found) {
    deps.logger.warn('no municipality to alert about an undeliverable address', { messageId: event.mail.messageId, action: action.kind });
    return 0;
  }
  const muni = found.municipality;
  const now = deps.clock.now();
  const purpose = ALERT_PURPOSES[action.kind];
  const sourceId = `ses#${event.mail.messageId}`;
  const dead = new Set([normaliseAddress(address)]);
  const data: AddressAlertData = {
    reason: action.kind === 'undeliverable' ? 'bounce' : 'complaint',
    address: normaliseAddress(address),
    ...(found.who ? { who: found.who } : {}),
    messageKind: intent ? messageKindOf(intent.template) : 'other',
    ...(found.smrCaseId ? { smrCaseId: found.smrCaseId } : {}),
    sentAt: intent?.sentAt ?? event.mail.timestamp,
    reportedAt: action.at,
    code: action.codes.join(', '),
    municipality: muni.name,
  };
  let written = 0;
  for (const c of muni.coordinators) {
    if (dead.has(normaliseAddress(c.email))) continue;
    const id = intentId(sourceId, purpose, c.id);
    const alert = intentItem({ municipalityId: muni.id }, {
      intentId: id,
      municipalityId: muni.id,
      sourceId,
      purpose,
      channel: 'email',
      template: 'alert.address_undeliverable',
      languages: [c.language],
      recipient: c.email,
      data: { ...data },
      status: 'queued',
      attempts: 0,
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + deps.retentionDays * 86_400,
    });
    if (await deps.intents.putIfAbsent(alert)) written++;
  }
  return written;
}
