import type { Actor } from '../domain/actor.js';
import type { SmsOptOutReason } from '../domain/case.js';
import type { CoordinatorChoices } from '../domain/digest.js';
import type { FollowUpClosing, FollowUpDone } from '../domain/notification.js';
import type { Quarter, QuarterFigures } from '../domain/quarters.js';
import type { ReferralState } from '../domain/referral-state.js';
import type { AddressEvent, AddressItem, AddressStatus } from './address.js';
import type { AppointmentItem } from './appointment.js';
import type { AuditEntry, AuditItem } from './audit.js';
import type { CaseItem, HomeVisitPlan } from './case.js';
import type { AssessmentItem, Closure, MonitoringItem, PlanItem, Recorder } from './case-file.js';
import type { Increments } from './indicators.js';
import type { IntentActor, IntentItem, IntentRef, SentOutcome } from './intent.js';
import type { MeetingItem, Minutes } from './meeting.js';
import type { PageAnswerItem } from './page-answer.js';
import type { ReferralItem } from './referral.js';
import type { TimerItem } from './timer.js';

/**
 * What the use cases ask of the table: one interface per repository, every method a use case
 * calls. The DynamoDB adapters (`*-store.ts`) implement them and dynamoRepositories() builds the
 * set; another adapter must keep the promises written here (what is written all or nothing, and
 * which writes hold only while the item is as it was read), since the use cases rely on them.
 */

export type CreateCaseResult = { created: true } | { created: false; existingCaseId: string };

/** A case's partition, item kind by item kind. */
export interface CaseView {
  case: CaseItem;
  referrals: ReferralItem[];
  intents: IntentItem[];
  appointments: AppointmentItem[];
  timers: TimerItem[];
  audit: AuditItem[];
  /** Every FVN submission, oldest first (the last is the current assessment). */
  assessments: AssessmentItem[];
  plan?: PlanItem | undefined;
  /** Monitoring visits, calls and evaluations, by date. */
  monitoring: MonitoringItem[];
  /** The household's answers on the returnee page, one per step. */
  pageAnswers: PageAnswerItem[];
}

export interface CaseRepository {
  /**
   * The case, its SMR-id claim, its first timers and intents (the welcome SMS), all or nothing; with them the case is counted
   * as opened, enters its municipality's open-cases list and the day's activity feed. An SMR case
   * id already claimed creates nothing and names the case that has it.
   */
  create(item: CaseItem, timers: TimerItem[], actor: Actor, intents?: IntentItem[]): Promise<CreateCaseResult>;
  /**
   * Records the home visit on an open case, with its plan as `plan` (marked done) when one was
   * made; false if there is no such open case. `firstVisit` is counted with it only while no visit
   * is recorded (a second recording corrects the time, uncounted).
   */
  recordHomeVisit(caseId: string, at: string, plan?: HomeVisitPlan, firstVisit?: Increments): Promise<boolean>;
  /**
   * Plans (or moves) the joint home visit of an open case with no visit recorded, only while its
   * plan is still at `previousSequence` (still absent without one), on record, with the notices
   * that announce it and the unsent SMS they replace cancelled, all or nothing; `refused` (nothing
   * written) if the case or plan no longer holds, `told` if an SMS it replaces is no longer unsent.
   */
  planHomeVisit(caseId: string, plan: HomeVisitPlan, previousSequence: number | undefined, notice: ChangeNotice, actor: Actor): Promise<ChangeWrite>;
  /**
   * Closes an open case: counted as closed (and by outcome, split returnee / foreigner), out of the
   * open-cases list and its plan out of the measures list, on record; false if not open.
   */
  close(caseId: string, at: string, actor: Actor, closure?: Omit<Closure, 'by'>): Promise<boolean>;
  /**
   * Takes every item of a closed case off the coordinators' lists (a declined referral, an
   * appointment, a failed notification, an "I cannot come"), leaving the day's activity feed and
   * the operators' quarantine as they are; nothing for a case that is not closed. How many it took off.
   * `read`: the case as the caller already read it, instead of a read of its own; each item leaves
   * only the list it was read on.
   */
  delistClosed(caseId: string, read?: CaseView): Promise<number>;
  /**
   * The household's answer on the returnee page about one step of an open case, on record (in the
   * day's feed), with `intents` (the coordinator told of an "I cannot come"), all or nothing, only
   * while the step's answer on record is still the one read (`previousChanges`; undefined: none
   * yet). 'conflict': another answer came first and nothing was written; 'closed': no such open case.
   */
  answerFromPage(item: PageAnswerItem, previousChanges: number | undefined, intents: IntentItem[]): Promise<'recorded' | 'conflict' | 'closed'>;
  /**
   * The coordinator followed up an "I cannot come": it leaves the municipality's cannot-come list
   * with the outcome, on record. Not done if it is not (or no longer) on that municipality's list,
   * with how it was followed up before, if it was. Closing the case takes it off the list (delistClosed).
   */
  resolveCannotCome(answer: { caseId: string; step: string }, municipalityId: string, followUp: FollowUpDone, actor: Actor): Promise<FollowUpClosing>;
  /** Opts the returnee out of SMS (or back in), on record; false if there is no such open case. */
  setSmsOptOut(caseId: string, optOut: { reason: SmsOptOutReason } | undefined, at: string, actor: Actor): Promise<boolean>;
  /** The municipality of the case registered under an SMR case id, if any. */
  municipalityOfSmr(smrCaseId: string): Promise<string | undefined>;
  /** The case registered under an SMR case id (any letter case), if any. */
  caseIdOfSmr(smrCaseId: string): Promise<string | undefined>;
  /**
   * The case registered under an SMR case id and its municipality, in one read of the SMR claim;
   * `municipalityId` is undefined for a claim written before claims held it.
   */
  caseOfSmr(smrCaseId: string): Promise<{ caseId: string; municipalityId: string | undefined } | undefined>;
  /** The municipality a case belongs to, for scoping a caller, without reading its personal data. */
  municipalityOf(caseId: string): Promise<string | undefined>;
  /** Read consistently, as every read here. */
  get(caseId: string): Promise<CaseItem | undefined>;
  view(caseId: string): Promise<CaseView | undefined>;
}

/**
 * The case file (store/case-file.ts): FVN versions, the individual plan, the monitoring record.
 * Every write is under an open case, on record and counted in the same transaction.
 */
export interface CaseFileRepository {
  /**
   * Stores FVN version `item.version` of an open case whose latest stored version is one less
   * (none for version 1), the first counted as done; false if the case is not open or another
   * version was stored meanwhile.
   */
  addAssessment(theCase: CaseItem, item: AssessmentItem, who: Recorder): Promise<boolean>;
  plan(caseId: string): Promise<PlanItem | undefined>;
  /**
   * Writes `next` only if the plan is still at `current`'s version (or still absent, without
   * `current`) and the case open; in the measures list by its earliest open due date; counted (a
   * plan made, a case manager named). False if either no longer holds, and nothing is written.
   */
  putPlan(current: PlanItem | undefined, next: PlanItem, who: Recorder): Promise<boolean>;
  /**
   * Records a visit, call or evaluation under an open case, counted, with the plan moved from
   * `plan.current` to `plan.next` (the progress it reports) at the version read; false, and nothing
   * written, if the case is not open or the plan changed meanwhile.
   */
  recordMonitoring(theCase: CaseItem, item: MonitoringItem, plan: { current: PlanItem; next: PlanItem } | undefined, who: Recorder): Promise<boolean>;
  /** The case's monitoring records dated within `range` (Kosovo dates, inclusive), by date. */
  monitoring(caseId: string, range?: { from?: string; through?: string }): Promise<MonitoringItem[]>;
}

/** Thrown by ReferralRepository.createIfAbsent for a referral under a case that does not exist. */
export class CaseNotFoundError extends Error {
  override name = 'CaseNotFoundError';
}

/** What a move records on a referral besides its status: the answer, the cancellation or the release. */
export type ReferralMoveFields = {
  answeredAt?: string;
  declineReason?: string;
  answerNote?: string;
  outcomeAt?: string;
  cancelledAt?: string;
  cancelReason?: string;
  releasedAt?: string;
  ackDueDate?: string;
  /** 'coordinator': recorded through the API on behalf of the office (what it said by phone). */
  answeredVia?: 'link' | 'coordinator';
  /** Who recorded it: the coordinator's directory id, or the caller's id. */
  recordedBy?: string;
};

export interface ReferralRepository {
  /**
   * Creates a referral under an existing case (CaseNotFoundError otherwise), counted as made,
   * unless one with the same id exists: then false and nothing is written.
   */
  createIfAbsent(item: ReferralItem): Promise<boolean>;
  /**
   * Several new referrals of one case, made at the same moment (an assessment's), in one write,
   * counted together: all or nothing. False when one of them exists already (nothing written);
   * CaseNotFoundError without the case. One write puts them in one stream batch, routed together.
   */
  createAllIfAbsent(items: ReferralItem[]): Promise<boolean>;
  get(caseId: string, referralId: string): Promise<ReferralItem | undefined>;
  /**
   * Those of `referralIds` a case has, read as `get` reads one (strongly consistent), all in one
   * request: one Query of the case's referrals (they share its partition), cheaper than a read
   * each once two are asked for. Any order; none for an id the case does not have.
   */
  getAll(caseId: string, referralIds: readonly string[]): Promise<ReferralItem[]>;
  /** The referrals of a case that wait for `prerequisiteId` to be completed. */
  waitingOn(caseId: string, prerequisiteId: string): Promise<ReferralItem[]>;
  /** The state of each referral of a case, and nothing else of them (a case list counts them). */
  statesOf(caseId: string): Promise<ReferralState[]>;
  /** A case's referrals for `need`, in any status (a grant call tells those who registered an interest). */
  ofNeed(caseId: string, need: ReferralItem['need']): Promise<ReferralItem[]>;
  /**
   * Moves a referral to `to` only if it is still in the status it was read in (false otherwise,
   * and the caller reads again), with its audit entry, its worklist and its counters.
   */
  move(current: ReferralItem, to: ReferralItem['status'], fields: ReferralMoveFields, audit: AuditEntry): Promise<boolean>;
  /**
   * Cancels a referral in one of `from` (by default: nobody has answered it yet); false if it is
   * gone or in another status. `known`: the referral as the caller already read it, tried first
   * instead of a read (the write's own condition checks its status; a refusal reads it again).
   */
  cancel(caseId: string, referralId: string, reason: string, at: string, actor: Actor, from?: readonly ReferralState[], known?: ReferralItem): Promise<boolean>;
  /**
   * created → sent, on record; false (and nothing written) from any other status. `current`: the
   * referral as the caller already holds it (the one hop routes it from its stream image), for the
   * audit entry instead of a read; the write's own condition still checks its status.
   */
  markSent(caseId: string, referralId: string, at: string, current?: ReferralItem): Promise<boolean>;
  /**
   * The office's address bounced for good: a referral nobody has answered is flagged for the
   * coordinator at once (`flaggedAt`, the reason), on record; false if it is answered, gone or
   * already flagged for that reason.
   */
  flagUndeliverable(caseId: string, referralId: string, at: string): Promise<boolean>;
  /**
   * A waiting referral whose prerequisite was declined, cancelled or reported not done enters the
   * municipality's blocked list (`blockedAt`, `blockedBecause`), on record; false (nothing written)
   * unless it still waits for that prerequisite and was not marked already.
   */
  markBlocked(waiting: ReferralItem, because: 'declined' | 'cancelled' | 'not_completed', prerequisiteId: string, at: string): Promise<boolean>;
  /** Declined referrals of the same need (but `exceptId`) leave the declined list; how many did. */
  markReReferred(caseId: string, need: ReferralItem['need'], exceptId: string, at: string): Promise<number>;
}

export type ClaimResult = { claimed: true; intent: IntentItem } | { claimed: false; current: IntentItem | undefined };

/**
 * What must still hold, at the moment a decision is written, for the messages it claims to go
 * out at once without the deliver function's reads: the case's SMS consent and phone number as the
 * decision saw them (a coordinator may have opted the returnee out, or corrected the number, since;
 * `phone` absent: the case had none), and no bounce or complaint on record for an address. The
 * case open (`caseOpen`, and `smsConsent` too, which names the same item) and each referral still
 * `created` (`referralCreated`): one cancelled, or in a case closed, since the stream record was
 * written gets nothing.
 */
export type DecisionGuard =
  | { smsConsent: { caseId: string; sms: boolean; phone?: string | undefined } }
  | { caseOpen: string }
  | { referralCreated: { caseId: string; referralId: string } }
  | { addressClear: string };
export type DecisionWritten = 'written' | 'exists' | 'guard-failed';

/**
 * The outbox. Only one attempt can move an intent from `queued` to `sending` (its lease), and only
 * the lease holder can record the outcome; after the send, SES events change an intent only while
 * it is `sent` for the very message they are about. Every change is on record with it. "Into the
 * call-or-visit list" below holds while the intent's case is open, checked in the same write: for a
 * closed case the failure is on its record alone and its `followUps` are not written (listedWhileOpen, intent.ts).
 */
export interface IntentRepository {
  /** Writes the intent unless it already exists; whether it was new. */
  putIfAbsent(item: IntentItem): Promise<boolean>;
  /**
   * A decision in one transaction: its intents and timers, each only if absent, while every guard
   * holds; all or nothing. `exists`: one of them was there already (a redelivered record), nothing
   * written; `guard-failed`: a guard did not hold, nothing written.
   */
  writeDecision(intents: IntentItem[], timers: TimerItem[], guards: DecisionGuard[]): Promise<DecisionWritten>;
  get(ref: IntentRef): Promise<IntentItem | undefined>;
  /**
   * queued → sending with a lease until `leaseUntil` (epoch seconds), one more attempt counted; the
   * delivery watch moves to the lease's end, where the sweep finds an attempt that died. Claimed
   * too when the write took but its answer was lost and the client's resend was refused by the
   * condition (the claim's token on the item says it is this call's: intent.ts, ownClaim).
   */
  claim(ref: IntentRef, leaseUntil: number, nowIso: string): Promise<ClaimResult>;
  /**
   * The same claim for an SMS of a household about to go out in another's message (`mergingInto`,
   * its id, kept as `mergedInto` while it is that message's): queued, or deferred with its
   * `notBefore` at or before `nowIso` (the sweep has not released it yet) → sending.
   */
  claimDue(ref: IntentRef, leaseUntil: number, nowIso: string, mergingInto: string): Promise<ClaimResult>;
  /**
   * A case's SMS intents that could go out now (isDueSms: queued, or deferred and due), read
   * strongly consistent so that intents written just before (in the same invocation) are seen.
   */
  dueSmsOf(caseId: string, nowIso: string): Promise<IntentItem[]>;
  /**
   * A case's intents whose id starts with `prefix` (an id starts with its source: intentId), read
   * strongly consistent: one Query, e.g. every notice of the case's home visit, all versions.
   */
  withIdPrefix(caseId: string, prefix: string): Promise<IntentItem[]>;
  /**
   * queued → deferred until `until` (an SMS at night waits for the morning), no attempt counted;
   * false if it is no longer queued (another attempt took it).
   */
  hold(i: IntentItem, until: Date, at: string): Promise<boolean>;
  /**
   * The provider accepted it (alone, or `mergedInto` another intent's SMS); an SMS's body goes with
   * the lease. `referral`: an office's email whose referral the caller holds (the one hop) moves it
   * created → sent in the same transaction; one no longer created is left as it is.
   */
  markSent(i: IntentItem, lease: number, outcome: SentOutcome, referral?: ReferralItem): Promise<boolean>;
  /** sending → cancelled under the lease, `reason` on record: not sent, and no one's follow-up (its case was closed meanwhile). */
  markCancelled(i: IntentItem, lease: number, reason: string, at: string): Promise<boolean>;
  /** Failed for good, into the call-or-visit list; `followUps` written in the same transaction. */
  markFailed(i: IntentItem, lease: number, failure: NonNullable<IntentItem['failure']>, at?: string, followUps?: IntentItem[]): Promise<boolean>;
  /** sending → deferred until `retryAt` (the sweep releases it). */
  deferRetry(i: IntentItem, lease: number, lastError: string, retryAt: Date, at: string): Promise<boolean>;
  /**
   * sending → unconfirmed, into the call-or-visit list, under the lease `i` holds: the attempt died
   * (found by a redelivery or the sweep) or the provider's answer was lost (`lastError`), so it may
   * or may not have gone out. `followUps` are written in the same transaction; `by` is on record.
   */
  markUnconfirmed(i: IntentItem, at: string, opts?: { followUps?: IntentItem[]; lastError?: string; by?: IntentActor }): Promise<boolean>;
  /**
   * A queued intent whose stream record never reached the deliver function, still queued at the
   * watch the sweep read (`i.dueAt`): queued → deferred, due at once, one more requeue counted, on
   * record. The sweep then releases it (TimerRepository.release: deferred → queued), the transition
   * the deliver function's stream filter passes; a crash between the two leaves it deferred and
   * due, for the next sweep. False if it was claimed or changed meanwhile.
   */
  requeue(i: IntentItem, at: string): Promise<boolean>;
  /** A queued intent put back too often: failed for good while still queued at its watch, with `followUps`. */
  abandon(i: IntentItem, failure: NonNullable<IntentItem['failure']>, at: string, followUps: IntentItem[]): Promise<boolean>;
  /** The coordinator called or visited instead: out of the municipality's call-or-visit list; not done if not in it (with how it was followed up before, if it was). */
  resolveFollowUp(ref: IntentRef, municipalityId: string, followUp: FollowUpDone, actor: Actor): Promise<FollowUpClosing>;
  /** SES: the sent email will never arrive. sent → failed, into the call-or-visit list. */
  failAfterSend(i: IntentItem, messageId: string, failure: NonNullable<IntentItem['failure']>, at: string): Promise<boolean>;
  /** SES: a transient bounce. sent → deferred until `retryAt`, keeping the body. */
  retryAfterBounce(i: IntentItem, messageId: string, lastError: string, retryAt: Date, at: string): Promise<boolean>;
  /** SES: delivered. The body goes, once. */
  dropBodyOnDelivery(i: IntentItem, messageId: string, at: string): Promise<boolean>;
}

/**
 * What the sweep finds due: a timer; an intent whose delivery watch is up (deferred: its time has
 * come; queued: its stream record was lost; sending: its attempt died); or an item in the index
 * that does not read as either (quarantined, so it cannot stop the sweep).
 */
export type DueItem =
  | { type: 'Timer'; item: TimerItem }
  | { type: 'Intent'; item: IntentItem }
  | { type: 'Unreadable'; key: { pk: string; sk: string }; dueAt: string };

/** A timer that failed to fire: tried again at `retryAt`, or, without one, quarantined. */
export interface TimerFailure {
  at: string;
  /** The error's name (never its message, which may hold personal data). */
  error: string;
  retryAt?: Date;
}

/** A quarantined timer as the operator lists it: ids and codes, nothing personal. */
export interface QuarantinedTimer {
  pk: string;
  sk: string;
  timerId?: string;
  kind?: string;
  caseId?: string;
  meetingId?: string;
  failures: number;
  lastError?: string;
  quarantinedAt: string;
}

/** What firing a timer writes with it, all or nothing. */
export interface TimerFiring {
  now: string;
  /** 'moot': its subject moved on, and nothing is sent. */
  outcome: 'fired' | 'moot';
  /** Written once (their ids derive from the timer's). */
  intents: IntentItem[];
  /** The next occurrence of a recurring timer, written once. */
  next: TimerItem[];
  /** The referral to mark overdue: the acknowledgement ladder ran out. */
  flag?: Pick<ReferralItem, 'caseId' | 'referralId'> | undefined;
  /** Whose activity feed the firing is recorded in. */
  municipalityId?: string | undefined;
}

/** What cancelPending asks about each pending timer or unsent intent of a case. */
export type PendingSubject = {
  timerId?: string;
  subjectId?: string;
  sourceId?: string;
  referralId?: string;
};

/** A timer or intent as cancelPending reads it: its key and the status it is cancelled from. */
export type PendingRead = PendingSubject & { pk: string; sk: string; type: string; status: string };

export interface TimerRepository {
  /** Items read through the timers index so far: the figure the sweep reports. */
  readonly itemsRead: number;
  /** Writes each timer unless it already exists. */
  putIfAbsent(timers: TimerItem[]): Promise<void>;
  /** Whether any rung of the referral's acknowledgement ladder was written, in any status and of any scheme. */
  hasReferralLadder(caseId: string, referralId: string): Promise<boolean>;
  /** Due items of one hourly bucket, due at or before `nowIso`: only what is pending or deferred. */
  due(bucket: string, nowIso: string): AsyncIterable<DueItem>;
  /** The oldest bucket the sweep still has to read, if it has run before. */
  cursor(): Promise<string | undefined>;
  /** Moves the cursor forward only: an overlapping, slower sweep cannot move it back. */
  advanceCursor(bucket: string): Promise<void>;
  /**
   * Fires a timer still pending and due at the time it was read, on record, with what `firing`
   * writes. False when another sweep fired it or someone cancelled it first.
   */
  fire(timer: TimerItem, firing: TimerFiring): Promise<boolean>;
  /** A deferred intent's time has come: deferred → queued, with a new delivery watch; false if it is no longer deferred. */
  release(intent: IntentItem, at: string): Promise<boolean>;
  /**
   * Records a failure of a timer still pending and due at the time it was read: one more failure
   * counted, and either a new due time (`retryAt`, so the sweep's cursor moves on meanwhile) or,
   * without one, `quarantined`: out of the timers index, into the operator's list, on record.
   * False if it moved on meanwhile.
   */
  recordFailure(timer: TimerItem, failure: TimerFailure): Promise<boolean>;
  /** An item in the timers index that is no timer or intent the sweep can read: out of the index, into the operator's list. */
  quarantineUnreadable(key: { pk: string; sk: string }, dueAt: string, at: string): Promise<boolean>;
  /** The quarantined timers, oldest first. */
  quarantined(): Promise<QuarantinedTimer[]>;
  /** An operator fixed the cause: quarantined → pending, due at `at`, its failures forgotten; false if it is not quarantined. */
  retryQuarantined(key: { pk: string; sk: string }, at: string): Promise<boolean>;
  /**
   * Cancels a case's pending timers and unsent (queued, deferred) intents that `about` picks, each
   * only from the status it was found in; how many. `read`: the case's timers and intents as the
   * caller already read them (its view), instead of a read of its own; each is still cancelled only
   * from the status it was read in, so one that moved on since is left as it is (and not counted).
   */
  cancelPending(caseId: string, about: (subject: PendingSubject) => boolean, now: string, read?: Pick<CaseView, 'timers' | 'intents'>): Promise<number>;
}

/**
 * What a change of an appointment or the home visit tells: its notices (`intents`, written once),
 * and the family's earlier SMS still unsent that it was decided on (`replaces`: the family still
 * knows the time before it), cancelled with the change only while still unsent.
 */
export interface ChangeNotice {
  intents: IntentItem[];
  replaces: IntentItem[];
}

/**
 * `refused`: the appointment (or visit plan) is not as read. `told`: an SMS it replaces was claimed
 * by a delivery meanwhile (sent, or being sent): the family may know another time than the notice
 * was decided on, and nothing was written.
 */
export type ChangeWrite = 'written' | 'refused' | 'told';

export interface AppointmentRepository {
  /**
   * The appointment, in its municipality's list, with its reminders, under an open case; false
   * (nothing written) if the case is not open or an appointment with this id exists (a retried
   * request's: its id derives from the requestId).
   */
  create(item: AppointmentItem, timers: TimerItem[], municipalityId: string): Promise<boolean>;
  get(caseId: string, appointmentId: string): Promise<AppointmentItem | undefined>;
  /** Replaces the version read, if still scheduled, with `next`, its reminders and `notice`, all or nothing. */
  reschedule(current: AppointmentItem, next: AppointmentItem, timers: TimerItem[], municipalityId: string, notice?: ChangeNotice): Promise<ChangeWrite>;
  /**
   * Cancels a scheduled appointment (out of its list); refused if it is not scheduled. With a
   * `notice` that writes or replaces anything, only while still at `notice.version`, all or nothing.
   */
  cancel(caseId: string, appointmentId: string, at: string, notice?: ChangeNotice & { version: number }): Promise<ChangeWrite>;
}

/** A meeting's partition, item kind by item kind. */
export interface MeetingView {
  meeting: MeetingItem;
  intents: IntentItem[];
  timers: TimerItem[];
  audit: AuditItem[];
}

export interface MeetingRepository {
  /** Writes the meeting (in its municipality's list) unless it exists; whether it was new. */
  createIfAbsent(m: MeetingItem): Promise<boolean>;
  get(meetingId: string): Promise<MeetingItem | undefined>;
  /** The municipality a meeting belongs to, for scoping a caller. */
  municipalityOf(meetingId: string): Promise<string | undefined>;
  /** Replaces a scheduled meeting at the sequence read with `next`, on record; false if someone changed it meanwhile. */
  update(current: MeetingItem, next: MeetingItem, audit: { event: string; at: string; actor: Actor; detail?: Record<string, string> }): Promise<boolean>;
  /**
   * Records the minutes of a scheduled meeting at the sequence read, on record; a held meeting and
   * its cases are counted for the quarter it took place in. Refused the second time.
   */
  recordMinutes(current: MeetingItem, minutes: Minutes, at: string, actor: Actor): Promise<boolean>;
  view(meetingId: string): Promise<MeetingView | undefined>;
}

/**
 * Bounds on a list's order, on the date or instant each entry is listed by: `from` inclusive;
 * `through` inclusive of every entry listed by it (`through: '2026-11-30'` takes that whole day);
 * or `before`, exclusive. One of `through` and `before`.
 */
export type ListRange = { from?: string } & ({ through?: string; before?: never } | { before?: string; through?: never });

/** A municipality's worklists (what needs attention now) and its daily activity feed, each in list order. */
export interface WorklistRepository {
  /** Items read so far: the figure digests report. */
  readonly itemsRead: number;
  /** Referrals sent and not yet acknowledged, by acknowledge-by date. */
  awaitingAck(municipalityId: string, range?: ListRange): Promise<ReferralItem[]>;
  /** Declined referrals not yet followed by a new referral for the same need, by answer time. */
  declined(municipalityId: string, range?: ListRange): Promise<ReferralItem[]>;
  /** Waiting referrals whose prerequisite will never be completed, by when it became so. */
  blocked(municipalityId: string, range?: ListRange): Promise<ReferralItem[]>;
  /** Open cases by their 18-month closure date. */
  openCases(municipalityId: string, range?: ListRange): Promise<CaseItem[]>;
  /**
   * One page of the open cases, latest closure date (so latest arrival) first: at most `limit`,
   * listed below `before` (where the page before ended); `next` is where this one ended when more follow.
   */
  openCasesPage(municipalityId: string, page: { limit: number; before?: string }): Promise<{ items: CaseItem[]; next?: string }>;
  /** Scheduled appointments and deadlines by time. */
  appointments(municipalityId: string, range?: ListRange): Promise<AppointmentItem[]>;
  /** Notifications that failed for good or whose outcome is unknown, by when: to call or visit. */
  failedNotifications(municipalityId: string, range?: ListRange): Promise<IntentItem[]>;
  /** "I cannot come" answers from the returnee page not yet followed up, by when they were given. */
  cannotCome(municipalityId: string, range?: ListRange): Promise<PageAnswerItem[]>;
  /** Meetings by start. */
  meetings(municipalityId: string, range?: ListRange): Promise<MeetingItem[]>;
  /** Individual plans with an open measure, by its earliest open due date (overdue: through yesterday). */
  measuresDue(municipalityId: string, range?: ListRange): Promise<PlanItem[]>;
  /** What was recorded in the municipality on one local day, by time. */
  feed(municipalityId: string, localDate: string): Promise<AuditItem[]>;
}

export interface IndicatorRepository {
  /** Counter items read so far: the figure reports report. */
  readonly itemsRead: number;
  /** The municipality's counters for a quarter (zeros where nothing was counted). */
  figures(municipalityId: string, q: Quarter): Promise<QuarterFigures>;
  /** Every counter of the quarter by name, as stored (those the report does not show yet too). */
  counters(municipalityId: string, q: Quarter): Promise<Record<string, number>>;
}

/** Email addresses that must not be mailed any more, and why; stored by hash only. */
export interface AddressRepository {
  /** Records a bounce or complaint; false when a newer event is already on record. */
  record(address: string, event: AddressEvent): Promise<boolean>;
  get(address: string): Promise<AddressItem | undefined>;
  /** Why no email may go to `address`, or undefined when it may. */
  isSuppressed(address: string): Promise<AddressStatus | undefined>;
  /** Email may go to it again; the status it had (undefined: nothing to clear). */
  clear(address: string): Promise<AddressStatus | undefined>;
}

export interface CoordinatorSettingsRepository {
  /** The coordinator's own choices (which digests; answers in the digest or at once), each absent where they made none. */
  choices(municipalityId: string, coordinatorId: string): Promise<CoordinatorChoices>;
  /** Sets the choices given and leaves the others as they were, with who made them (the coordinator, or the head of the office for them). */
  setChoices(municipalityId: string, coordinatorId: string, choices: CoordinatorChoices, at: string, actor: Actor): Promise<void>;
}

/** What the expiry pass needs to know of an item: its key and its kind, nothing it holds. */
export interface PartitionEntry {
  pk: string;
  sk: string;
  type: string;
}

/**
 * The expiry of personal data (only ever brought forward, never pushed back), and what a data
 * subject may ask for at any time: everything held about their case, and its erasure now.
 */
export interface RetentionRepository {
  /** Every item of a partition, page by page, as keys and types only. */
  partition(pk: string): AsyncIterable<PartitionEntry[]>;
  /** Sets the item to expire at `expiresAt` unless it already expires then or earlier, or is gone; whether it wrote. */
  expireBy(key: { pk: string; sk: string }, expiresAt: number): Promise<boolean>;
  /** The same for the SMR-id claim, only while it is still this case's. */
  expireClaimBy(smrCaseId: string, caseId: string, expiresAt: number): Promise<boolean>;
  /** Every item of a case's partition as stored, page by page: what a subject-access export hands over. */
  items(caseId: string): AsyncIterable<Record<string, unknown>[]>;
  /** The SMR-id claim as stored, if there is one. */
  claim(smrCaseId: string): Promise<Record<string, unknown> | undefined>;
  /** Deletes an item now (an erasure rather than an expiry); false if it was already gone. */
  erase(key: { pk: string; sk: string }): Promise<boolean>;
  /** Deletes the SMR-id claim, only while it is still this case's; whether it did. */
  eraseClaim(smrCaseId: string, caseId: string): Promise<boolean>;
  /**
   * Takes `fields` out of an audit entry's detail (entries written before audit kept ids and codes
   * only quoted the SMR case id and the arrival date); whether any was there.
   */
  scrubAuditDetail(key: { pk: string; sk: string }, fields: readonly string[]): Promise<boolean>;
  /**
   * Takes a case (its case id, or its SMR case id as minutes kept it before) out of a meeting's
   * cases discussed, while the list is as read; the count stays in the quarter's counters. False if it was not there or the meeting changed meanwhile.
   * The free-text note older minutes kept goes too: it may name the case's people.
   */
  forgetInMeeting(meeting: Pick<MeetingItem, 'meetingId' | 'casesDiscussed'>, theCase: { caseId: string; smrCaseId: string }): Promise<boolean>;
  /** Puts an entry on record unless one with its key exists (an export or an erasure, and who asked). */
  record(entry: AuditItem): Promise<boolean>;
}

/** Every repository, as dynamoRepositories() builds them; each function takes the ones it uses. */
export interface Repositories {
  cases: CaseRepository;
  caseFile: CaseFileRepository;
  referrals: ReferralRepository;
  intents: IntentRepository;
  timers: TimerRepository;
  appointments: AppointmentRepository;
  meetings: MeetingRepository;
  worklists: WorklistRepository;
  indicators: IndicatorRepository;
  addresses: AddressRepository;
  settings: CoordinatorSettingsRepository;
  retention: RetentionRepository;
}
