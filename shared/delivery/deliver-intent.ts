import type { Logger } from '@aws-lambda-powertools/logger';
import { DeliveryError, type EmailAttachment, type EmailSender, type Sent, type SmsSender } from '../channels/ports.js';
import type { CalendarInvite } from '../meetings/ics.js';
import { smsSendTime } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import { isUnanswered, type ReferralState } from '../domain/referral-state.js';
import { renderAny, type SmsStats } from '../messages/index.js';
import type { SmsPolicy } from '../domain/sms-policy.js';
import { applySmsPolicy } from '../messages/sms-policy.js';
import type { IntentItem } from '../store/intent.js';
import type { CaseItem } from '../store/case.js';
import type { ReferralItem } from '../store/referral.js';
import type { AddressRepository, CaseRepository, IntentRepository, ReferralRepository } from '../store/ports.js';
import type { Directory } from '../directory/directory.js';
import { coordinatorFollowUp, isOfficeReferralEmail } from './follow-up.js';
import { mayDeliver, type DeliveryMode } from './test-mode.js';
import { nextAttempt, type RetryPolicy } from './backoff.js';
import { isStale, noReminderReached, STALE } from './stale.js';
import { encodeIntentTag, INTENT_TAG, sesTagValue } from '../channels/intent-tag.js';
import { count, METRIC, type MetricsRecorder } from '../observability/metrics.js';
import { ANSWER_LINKS, AnswerLinkGrant, signAnswerLinks, type AnswerLinkSigner } from '../links/answer-links.js';
import { claimHousehold, householdMessages, householdOrder, type ToRender } from './household.js';
import { pageLinkExpiryDay, pageUrl, signPageToken } from '../links/page-link.js';
import { returneePageOn } from '../domain/sms-policy.js';
import { HEAD_WITHDRAWN_PURPOSE, withdrawnNotYet } from './call-off.js';
import { invitedNotYet, OFFICE_NEVER_INVITED, visitMovedOn, visitVersionOf } from './visit-plan.js';

export interface DeliverDeps {
  /**
   * `get`: only for a reminder that came too late, to see whether the one before it went out
   * (stale.ts); `withIdPrefix`: only for the calendar's cancellation of a home visit, to see
   * whether its office was invited (visit-plan.ts).
   */
  intents: Pick<IntentRepository, 'claim' | 'claimDue' | 'dueSmsOf' | 'get' | 'withIdPrefix' | 'hold' | 'markSent' | 'markCancelled' | 'markFailed' | 'deferRetry' | 'markUnconfirmed'>;
  /**
   * A referral goes `sent` with its email; one whose office address is dead is flagged for the
   * coordinator. Read for a message about a referral (its office's email, the family's SMS): does the office still await it?
   */
  referrals: Pick<ReferralRepository, 'get' | 'getAll' | 'markSent' | 'flagUndeliverable'>;
  /**
   * Read for an SMS about a case, an office's email about a referral and an invitation to the home
   * visit: is the case still open, has the coordinator opted the returnee out since it was queued,
   * is the visit's version the one it announces still the plan (visit-plan.ts; for a visit's line
   * of a household SMS, read again after that line's claim)?
   */
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
  /**
   * Builds a meeting invitation's .ics attachment (icsAttachment, shared/meetings/ics.ts).
   * deliver-notifications has it; route-referrals' one hop sends referrals' emails and SMS, never
   * an invitation, and leaves it out, and with it ical-generator and the time-zone library (about
   * 65 KB of its bundle). Without it an invitation does not render (RenderError, logged) rather
   * than going out without its calendar entry.
   */
  calendar?: (invite: CalendarInvite) => EmailAttachment;
}

export type DeliveryOutcome =
  | 'sent'
  | 'failed'
  | 'retry-scheduled'
  | 'already-done'
  | 'unconfirmed'
  /** An SMS due in quiet hours (a backlog, a redrive, a late retry): held until 08:00. */
  | 'held-for-morning'
  /** Its case was closed, its referral cancelled or answered, or its home visit moved, called off or recorded, since it was queued: ended `cancelled`, nothing sent, no one to tell. */
  | 'cancelled';

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
function render(intent: IntentItem, data: Record<string, unknown>, { directory, calendar }: Pick<DeliverDeps, 'directory' | 'calendar'>): Rendered {
  const out = renderAny(intent.template, data, intent.languages);
  if (intent.channel === 'email') {
    if (!out.email) throw new Error(`template ${intent.template} is not an email`);
    const attachments = attachmentsOf(data, calendar);
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
function attachmentsOf(data: Record<string, unknown>, calendar: DeliverDeps['calendar']): EmailAttachment[] {
  const out: EmailAttachment[] = [];
  if (data.calendar && typeof data.calendar === 'object') {
    if (!calendar) throw new Error('an invitation to deliver in a function built without the calendar (DeliverDeps.calendar)');
    out.push(calendar(data.calendar as CalendarInvite));
  }
  const csv = data.csv as { fileName?: unknown; content?: unknown } | undefined;
  if (csv && typeof csv.fileName === 'string' && typeof csv.content === 'string') {
    out.push({ fileName: csv.fileName, contentType: 'text/csv; charset=UTF-8', content: csv.content });
  }
  return out;
}

/** Why a message is not sent because its case was closed since it was queued (not a failure, unlike whyNotDeliverable's). */
const CASE_CLOSED = 'CaseClosed';
/** Why a message about a referral is not sent because the referral was cancelled since it was queued. */
const REFERRAL_CANCELLED = 'ReferralCancelled';
/** Why a message about a referral is not sent because the office answered it, or reported its outcome, since it was queued (goesWhile). */
const REFERRAL_ANSWERED = 'ReferralAnswered';
/** Why a referral's withdrawn notice is not sent: the office's email about it never went out (referrals/call-off.ts). */
const OFFICE_NEVER_TOLD = 'OfficeNeverTold';
const HEAD_NEVER_TOLD = 'HeadNeverTold';

/**
 * A message about one referral goes out only while the referral is in a state its words still fit.
 * The office's email (its reminder, its escalation) and the family's SMS asking them to go there
 * (or their line of the household's SMS): while the office has not answered it; answered, the
 * family hears from the answer's own SMS, if anything. The family's "accepted" SMS (where and
 * when to go, what to bring): while the acceptance stands. Withdrawn, there is nothing to go to;
 * with its outcome back, done or not, the office no longer expects them (done, they were there;
 * not done, the office closed it), and "go there" would send them on a wasted trip.
 */
const goesWhile = (i: IntentItem): ((s: ReferralState) => boolean) | undefined =>
  isOfficeReferralEmail(i) ? isUnanswered : i.channel === 'sms' ? FAMILY_REFERRAL_SMS[i.template] : undefined;
const FAMILY_REFERRAL_SMS: Partial<Record<IntentItem['template'], (s: ReferralState) => boolean>> = {
  'referral.returnee.sms': isUnanswered,
  'referral.returnee.sms.private': isUnanswered,
  'referral.returnee.accepted': (s) => s === 'accepted',
};
const aboutReferral = (i: IntentItem): i is IntentItem & { caseId: string; referralId: string } => Boolean(i.caseId && i.referralId) && goesWhile(i) !== undefined;

/**
 * Why a message about a referral must not go out although nothing failed: should the cancelling
 * lose a race with its record (it cancels only what is still queued, not one being claimed), or
 * an answer by phone come first, it goes only while the referral is as its words say (goesWhile).
 */
function referralMovedOn(m: IntentItem, referral: ReferralItem | undefined): string | undefined {
  if (referral?.status === 'cancelled') return REFERRAL_CANCELLED;
  if (referral && !goesWhile(m)?.(referral.status)) return REFERRAL_ANSWERED;
  return undefined;
}

/**
 * The last line behind the cancelling that closing a case, cancelling a referral or moving the
 * home visit does, should a record race it: the case of an SMS to its family, of an office's email
 * about a referral or of an invitation to the visit (the plan is on the case item), and the
 * referral such a message is about, read at once. Nothing when the transaction that claimed it
 * held the case open and the referral `created` (`checkedInTable`: the one hop, which never sends
 * a visit's notices).
 */
async function lastLineOf(intent: IntentItem, deps: DeliverDeps, checkedInTable: boolean): Promise<{ theCase?: CaseItem; referral?: ReferralItem }> {
  if (checkedInTable || !intent.caseId || (intent.channel !== 'sms' && !isOfficeReferralEmail(intent) && visitVersionOf(intent) === undefined)) return {};
  const [theCase, referral] = await Promise.all([deps.cases.get(intent.caseId), aboutReferral(intent) ? deps.referrals.get(intent.caseId, intent.referralId) : undefined]);
  return { theCase, referral };
}

/**
 * Why a message must not go out, a failure for the call-or-visit list: for an SMS, the coordinator
 * opted the returnee out (`theCase` as lastLineOf read it), or the number is on the SNS opt-out
 * list (the returnee replied STOP); for an email, the address bounced for good or its owner
 * complained. A check's own error is thrown and retried like a provider error. `checkedInTable`:
 * the one hop's transaction held the consent as planned and no bounce or complaint on record.
 */
async function whyNotDeliverable(intent: IntentItem, recipient: string, deps: DeliverDeps, checkedInTable: boolean, theCase: CaseItem | undefined): Promise<string | undefined> {
  if (intent.channel === 'sms') {
    if (theCase && !theCase.consent.sms) return 'OptedOutByCoordinator';
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
  // record put back by the sweep or a late retry that reaches us at 21:00 waits for 08:00. Not a
  // reminder whose words would be wrong by then: claimed, it ends Stale (deliverClaimed).
  if (queued.channel === 'sms' && queued.status === 'queued' && !isStale(queued, now)) {
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
      if ((current.leaseUntil ?? 0) * 1000 > now.getTime() && current.mergedInto !== undefined) {
        // Going out in another intent's SMS (the household's one message): that attempt records it,
        // and should it die, the sweep finds its lease's end. Retrying this record would only park it.
        deps.logger.info('intent going out in another intent\'s SMS', { ...log, mergedInto: current.mergedInto });
        return 'already-done';
      }
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
  /**
   * SMS to the same returnee written claimed with this one, under its lease and mergedInto it (or
   * the one planned to lead them), in the transaction or transactions that decided them (a case's
   * referrals routed together): they go in its message.
   */
  household?: IntentItem[];
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
  const checkedInTable = known.checkedInTable === true;
  let rendered: Rendered | undefined;
  /** The intents the steps below decide for, all claimed under `lease`: this one, then with the household's other SMS due now. */
  let group: IntentItem[] = [intent];
  /** What the coordinator is told an SMS said: merged, each follow-up says what its own SMS was to say. */
  const writtenOf = () => (group.length === 1 ? rendered?.sms?.written : undefined);
  /** A final failure: explicit on the intent, in the call-or-visit list, and (for an SMS) told to the coordinator. */
  const failOne = async (m: IntentItem, failure: NonNullable<IntentItem['failure']>, at: Date, text: string | undefined): Promise<DeliveryOutcome> => {
    // A stale reminder is written to the coordinator only when the family got no reminder at all.
    const tell = failure.code !== STALE.code || (await noReminderReached(m, deps.intents));
    const followUps = tell ? await coordinatorFollowUp(m, failure, at, deps, text) : [];
    await deps.intents.markFailed(m, lease, failure, at.toISOString(), followUps);
    count(deps.metrics, m.channel === 'email' ? METRIC.emailFailed : METRIC.smsFailed);
    return 'failed';
  };
  const failFinally = async (failure: NonNullable<IntentItem['failure']>, at: Date): Promise<DeliveryOutcome> => {
    const text = writtenOf();
    for (const m of group) await failOne(m, failure, at, text);
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
    const text = writtenOf();
    if (e.kind === 'ambiguous') {
      // The provider may have taken it (a timeout, a 5xx, a dropped connection): a second attempt
      // could deliver it twice, so nobody resends it; the coordinator checks instead.
      for (const m of group) {
        const followUps = await coordinatorFollowUp(m, 'unconfirmed', failedAt, deps, text);
        await deps.intents.markUnconfirmed(m, failedAt.toISOString(), { followUps, lastError: e.code, by: 'deliver' });
        count(deps.metrics, METRIC.deliveryUnconfirmed);
      }
      deps.logger.warn('provider gave no clear answer; not resent, marked unconfirmed', { ...log, channel: intent.channel, code: e.code, intents: group.length });
      return 'unconfirmed';
    }
    let outcome: DeliveryOutcome | undefined;
    // Each intent by its own attempts and age: merged ones may have been tried before.
    for (const m of group) {
      const decision =
        e.kind === 'non-retryable' ? undefined : nextAttempt(deps.retry, m.attempts, new Date(m.firstAttemptAt ?? nowIso), failedAt, m.channel);
      if (decision?.retry && isStale(m, decision.at)) {
        // The next attempt would come when the reminder's words are no longer true.
        deps.logger.warn('reminder would be retried too late for its words; not sent', { ...log, intentId: m.intentId, code: e.code, staleAt: m.staleAt });
        const failed = await failOne(m, STALE, failedAt, text);
        outcome ??= failed;
        continue;
      }
      if (!decision?.retry) {
        const failure = { kind: decision ? decision.reason : ('non-retryable' as const), code: e.code };
        deps.logger.error('notification failed for good', { ...log, intentId: m.intentId, channel: m.channel, attempts: m.attempts, ...failure });
        const failed = await failOne(m, failure, failedAt, text);
        outcome ??= failed;
        continue;
      }
      // Not thrown back to the stream: the wait grows with each attempt, and the shard goes on meanwhile.
      await deps.intents.deferRetry(m, lease, e.code, decision.at, failedAt.toISOString());
      count(deps.metrics, METRIC.deliveryRetryScheduled);
      deps.logger.warn('notification attempt failed; retry scheduled', { ...log, intentId: m.intentId, channel: m.channel, attempts: m.attempts, kind: e.kind, code: e.code, retryAt: decision.at.toISOString() });
      outcome ??= 'retry-scheduled';
    }
    return outcome!;
  };

  /** Nothing failed and nothing is sent: on record `cancelled`, in no call-or-visit list, no one to tell. */
  const cancel = async (members: readonly IntentItem[], code: string): Promise<DeliveryOutcome> => {
    deps.logger.info('notification not sent: its case was closed, its referral cancelled or answered, or its visit plan moved on', { ...log, channel: intent.channel, code, intents: members.length });
    for (const m of members) await deps.intents.markCancelled(m, lease, code, nowIso);
    return 'cancelled';
  };

  // The last line first, so that a message it stops ends `cancelled` whatever else would have
  // become of it (too late for its words, unrenderable): nobody is asked to act on it.
  let lastLine: Awaited<ReturnType<typeof lastLineOf>>;
  try {
    lastLine = await lastLineOf(intent, deps, checkedInTable);
  } catch (err) {
    return retryOrFail(err);
  }
  // The household's other SMS due now are of the same case: they end with it.
  if (lastLine.theCase?.status === 'closed') return cancel([intent, ...(await claimHousehold(intent, lease, nowIso, deps))], CASE_CLOSED);
  // Alone: the household's other SMS are left to their own records, the first of which takes the rest into one message.
  const movedOn = referralMovedOn(intent, lastLine.referral) ?? visitMovedOn(intent, lastLine.theCase);
  if (movedOn) return cancel([intent], movedOn);
  // A referral's withdrawn notice follows the office's email about it, or nothing (call-off.ts).
  let withdrawn: Awaited<ReturnType<typeof withdrawnNotYet>>;
  try {
    withdrawn = await withdrawnNotYet(intent, deps);
  } catch (err) {
    return retryOrFail(err);
  }
  // The head's notice waits on the escalation to the head, the office's on the office's email: said apart on the record.
  const toHead = intent.purpose === HEAD_WITHDRAWN_PURPOSE;
  if (withdrawn === 'wait') return retryOrFail(new DeliveryError('transient', toHead ? 'EscalationInFlight' : 'OfficeEmailInFlight'));
  if (withdrawn === 'never-told') return cancel([intent], toHead ? HEAD_NEVER_TOLD : OFFICE_NEVER_TOLD);
  // The calendar's cancellation of the home visit follows an invitation of it, or nothing (visit-plan.ts).
  let invited: Awaited<ReturnType<typeof invitedNotYet>>;
  try {
    invited = await invitedNotYet(intent, deps.intents, now);
  } catch (err) {
    return retryOrFail(err);
  }
  if (invited === 'wait') return retryOrFail(new DeliveryError('transient', 'InvitationInFlight'));
  if (invited === 'never-invited') return cancel([intent], OFFICE_NEVER_INVITED);
  if (isStale(intent, now)) {
    // Its words no longer hold (a backlog, a redrive, a late release): not sent, and the household's
    // other SMS are left to go on their own.
    deps.logger.warn('reminder too late for its words; not sent', { ...log, staleAt: intent.staleAt });
    return failOne(intent, STALE, now, undefined);
  }
  // The household's other SMS due now go in the same message (household.ts).
  const household = [...(known.household ?? []), ...(await claimHousehold(intent, lease, nowIso, deps))];
  if (household.length > 0) group = householdOrder([intent, ...household]);
  // A line about a referral its office no longer awaits is dropped from the message, on record
  // `cancelled`; the others still go as one. Those the deciding transaction held are not read again.
  const heldInTable = new Set(checkedInTable ? known.household : []);
  const dropped = new Map<IntentItem, string>();
  const toCheck = group.filter((m): m is IntentItem & { caseId: string; referralId: string } => m !== intent && !heldInTable.has(m) && aboutReferral(m));
  // The household's lines are one case's (claimHousehold): their referrals in one read, not one each.
  for (const caseId of new Set(toCheck.map((m) => m.caseId))) {
    const lines = toCheck.filter((m) => m.caseId === caseId);
    let referrals: Map<string, ReferralItem>;
    try {
      referrals = new Map((await deps.referrals.getAll(caseId, lines.map((m) => m.referralId))).map((r) => [r.referralId, r]));
    } catch (err) {
      return retryOrFail(err);
    }
    for (const m of lines) {
      const why = referralMovedOn(m, referrals.get(m.referralId));
      if (why) dropped.set(m, why);
    }
  }
  // A line about the home visit goes while its version is the plan (visit-plan.ts), as its own SMS
  // would. On the case read after its claim, not lastLineOf's: a move written between the two has
  // cancelled the old version's SMS (unclaimable now) and written the new one's, which read against
  // the older plan would be dropped as moved on and never sent. Claimed, it makes a move wait (409).
  const visitLines = group.filter((m) => m !== intent && visitVersionOf(m) !== undefined);
  if (visitLines.length > 0) {
    let theCase: CaseItem | undefined;
    try {
      theCase = await deps.cases.get(intent.caseId!);
    } catch (err) {
      return retryOrFail(err);
    }
    for (const m of visitLines) {
      const why = visitMovedOn(m, theCase);
      if (why) dropped.set(m, why);
    }
  }
  for (const [m, why] of dropped) await cancel([m], why);
  group = group.filter((m) => !dropped.has(m));

  if (!intent.recipient) return failFinally({ kind: 'non-retryable', code: 'NoRecipient' }, now);
  /** Each intent rendered alone: one that cannot render fails alone (a retry would not mend it). */
  const parts: (ToRender & { alone: Rendered })[] = [];
  for (const m of group) {
    let data: Record<string, unknown> | 'unsigned';
    try {
      data = await dataToRender(m, deps.links, deps.directory);
    } catch (err) {
      // The link key could not be read (SSM throttling or an outage): nothing was sent, try again later.
      deps.logger.warn('link signing key unavailable', { ...log, error: (err as Error)?.name ?? 'Error' });
      return retryOrFail(new DeliveryError('transient', 'LinkKeyUnavailable'));
    }
    try {
      if (data === 'unsigned') throw new Error('unsigned answer links');
      parts.push({ intent: m, data, alone: render(m, data, deps) });
    } catch (err) {
      deps.logger.error('notification could not be rendered', { ...log, intentId: m.intentId, template: m.template, error: (err as Error).name });
      await failOne(m, { kind: 'non-retryable', code: 'RenderError' }, now, undefined);
    }
  }
  let messages = outgoing(parts, intent, deps, log);
  for (const msg of messages) {
    if (!msg.rendered.sms || msg.rendered.sms.withinCap) continue;
    // Dearer than the municipality allows even in GSM-7: refused rather than billed; the coordinator passes it on.
    deps.logger.warn('SMS over the segment cap; not sent', { ...log, intentId: msg.members[0]!.intentId, segments: msg.rendered.sms.stats.segments, cap: msg.rendered.sms.policy.maxSegments });
    await failOne(msg.members[0]!, { kind: 'non-retryable', code: 'SegmentCapExceeded' }, now, msg.rendered.sms.written);
  }
  messages = messages.filter((msg) => !msg.rendered.sms || msg.rendered.sms.withinCap);
  if (messages.length === 0) return 'failed';
  group = messages.flatMap((msg) => msg.members);
  rendered = messages.length === 1 ? messages[0]!.rendered : undefined;
  if (!mayDeliver(deps.mode, intent.channel, intent.recipient, deps.simulatedPhones)) {
    // A test deployment never reaches a real person; the refusal is on record, the recipient is not logged.
    deps.logger.warn('test mode: recipient is not a reserved or simulated one; not sent', { ...log, channel: intent.channel });
    return failFinally({ kind: 'non-retryable', code: 'TestModeRecipientRefused' }, now);
  }

  let blocked: string | undefined;
  try {
    blocked = await whyNotDeliverable(intent, intent.recipient, deps, checkedInTable, lastLine.theCase);
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

  /** What became of `intent` itself (the others' fates are on their own records). */
  let mine: DeliveryOutcome = messages.some((msg) => msg.members.includes(intent)) ? 'sent' : 'failed';
  for (const [k, msg] of messages.entries()) {
    group = msg.members;
    rendered = msg.rendered;
    const outcome = await sendAndRecord(msg, intent.recipient);
    if (outcome !== 'sent') {
      const failed = await retryOrFail(outcome);
      if (msg.members.includes(intent)) mine = failed;
      // The messages after it were never tried: a refusal holds for them too, anything else is tried again later.
      const untried = outcome instanceof DeliveryError && outcome.kind !== 'ambiguous' ? outcome : new DeliveryError('transient', 'NotTried');
      for (const later of messages.slice(k + 1)) {
        group = later.members;
        rendered = later.rendered;
        const laterOutcome = await retryOrFail(untried);
        if (later.members.includes(intent)) mine = laterOutcome;
      }
      return mine;
    }
  }
  return mine;

  /** Sends one message and records it on each intent it carries; the provider's error, if it refused or left it open. */
  async function sendAndRecord(msg: Outgoing, recipient: string): Promise<Error | 'sent'> {
    const first = msg.members[0]!;
    const out = msg.rendered;
    let sent: Sent;
    try {
      // Bounce, complaint and delivery events come back with these tags: the intent key finds the intent.
      const tags = { purpose: sesTagValue(first.purpose), template: sesTagValue(first.template), [INTENT_TAG]: encodeIntentTag(first) };
      sent = out.email
        ? await deps.email.send({ to: [recipient], ...out.email, tags })
        : await deps.sms.send({
            phoneNumber: recipient,
            text: out.sms!.text,
            ...(out.sms!.policy.senderId ? { senderId: out.sms!.policy.senderId } : {}),
            ...(out.sms!.policy.maxPriceUsd ? { maxPriceUsd: out.sms!.policy.maxPriceUsd } : {}),
          });
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }

    // From here on the message is out: whatever fails below must never lead to sending it again.
    // If recording fails, the record is retried, finds the intent still `sending` under our lease,
    // and once the lease lapses it is marked `unconfirmed` (by that retry, or by the sweep at the
    // lease's end) rather than resent.
    const sentAt = deps.clock.now().toISOString();
    count(deps.metrics, out.email ? METRIC.emailSent : METRIC.smsSent);
    if (out.sms) count(deps.metrics, METRIC.smsSegmentsSent, out.sms.stats.segments);
    // An office's email moves its referral to `sent`: in the email's own record when the referral is at hand (the one hop).
    const referral = first.purpose === 'referral.office' && first.referralId && first.caseId ? { caseId: first.caseId, referralId: first.referralId } : undefined;
    const held = referral && known.referral?.referralId === referral.referralId ? known.referral : undefined;
    for (const [j, m] of msg.members.entries()) {
      // The segments go on the first alone, so that summed over intents they are what was billed.
      const outcome = {
        providerMessageId: sent.providerMessageId,
        sentAt,
        ...(out.sms && j === 0 ? { sms: out.sms.stats } : {}),
        ...(j > 0 ? { mergedInto: first.intentId } : {}),
      };
      const recorded = await deps.intents.markSent(m, lease, outcome, j === 0 ? held : undefined);
      if (!recorded) deps.logger.warn('sent, but the lease had been taken over; status left to the other attempt', { ...log, intentId: m.intentId });
      // The email went out whatever became of its own record: the referral moves on its own then.
      if (j === 0 && held && !recorded) await deps.referrals.markSent(held.caseId, held.referralId, sentAt, held);
    }
    if (referral && !held) await deps.referrals.markSent(referral.caseId, referral.referralId, sentAt);
    deps.logger.info('notification sent', {
      ...log,
      intentId: first.intentId,
      channel: first.channel,
      attempt: first.attempts,
      ...(msg.members.length > 1 ? { merged: msg.members.length - 1 } : {}),
      ...(out.sms ? { encoding: out.sms.stats.encoding, segments: out.sms.stats.segments, transliterated: out.sms.transliterated } : {}),
    });
    return 'sent';
  }
}

/** One message to send and the intents it carries: the first leads, the others are `mergedInto` it. */
interface Outgoing {
  members: IntentItem[];
  rendered: Rendered;
}

/**
 * The messages the intents rendered go out as: alone, the intent's own; a household's SMS as
 * few as fit the cap (household.ts), or each alone should the combined text not render.
 */
function outgoing(parts: readonly (ToRender & { alone: Rendered })[], leader: IntentItem, deps: DeliverDeps, log: Record<string, unknown>): Outgoing[] {
  const alone = () => parts.map((p) => ({ members: [p.intent], rendered: p.alone }));
  if (parts.length < 2) return alone();
  try {
    return householdMessages(parts, deps.directory.smsPolicy(leader.municipalityId), deps.directory).map((m) => ({ members: m.members, rendered: { sms: m.sms } }));
  } catch (err) {
    deps.logger.error('household SMS could not be rendered together; each goes alone', { ...log, error: (err as Error).name });
    return alone();
  }
}
