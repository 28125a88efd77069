import * as z from '../domain/zod.js';
import type { Actor } from '../domain/actor.js';
import { systemClock } from '../domain/clock.js';
import { CANCELLABLE, ReferralState } from '../domain/referral-state.js';
import { HouseholdMember } from '../domain/case.js';
import { Language, MunicipalityId, Need, OfficeKind, PermitKind, PersonCategory, VulnerableCategory } from '../domain/vocabulary.js';
import type { CaseItem } from './case.js';
import { auditItem, type AuditEntry, type AuditItem } from './audit.js';
import { referralAnswered, type Increments } from './indicators.js';
import { casePk } from './owner.js';
import type { ReferralMoveFields, ReferralRepository } from './ports.js';
import { ListFields, lists, type Listing } from './worklist.js';

/**
 * What routing needs of the case, copied from it when the referral is made (intake has the case at
 * hand), so route-referrals reads no case: what registration fixed (the coordinator, the language
 * and phone, the consent to share, the dates), the persons referred as the office's email names
 * them (none without consent to share), and the SMS consent as it was, which the routing
 * transaction checks against the case's own before anything goes out (DecisionGuard).
 */
export const RoutingSnapshot = z.object({
  coordinatorId: z.string(),
  language: Language,
  phone: z.optional(z.string()),
  consent: z.object({ sms: z.boolean(), shareWithOffices: z.boolean() }),
  arrivalDate: z.string(),
  permitDate: z.optional(z.string()),
  permit: z.optional(PermitKind),
  persons: z.array(HouseholdMember),
});
export type RoutingSnapshot = z.infer<typeof RoutingSnapshot>;

export const ReferralItem = z.object({
  pk: z.string().check(z.startsWith('CASE#')),
  sk: z.string().check(z.startsWith('REF#')),
  type: z.literal('Referral'),
  caseId: z.string(),
  referralId: z.string(),
  municipalityId: MunicipalityId,
  /** The SMR case id, so worklists and agendas can name the case without reading it. */
  smrCaseId: z.optional(z.string()),
  officeKind: OfficeKind,
  officeId: z.string(),
  need: Need,
  personIds: z.array(z.string()).check(z.minLength(1)),
  categories: z.array(VulnerableCategory),
  /** The case's category (returnee / foreigner) when it was referred: its persons are counted per office split by it. Absent on referrals made before. */
  caseCategory: z.optional(PersonCategory),
  note: z.optional(z.string()),
  status: ReferralState,
  /** Sent only once this referral (e.g. civil documents) is completed; `waiting` until then. */
  dependsOn: z.optional(z.string()),
  /** The persons' civil documents are missing and referred at the same time: the office is told and asked to help (plan O6.1). */
  documentsMissing: z.optional(z.boolean()),
  /** Set when the referral came from a needs assessment: the rule and persons it stands for. */
  assessmentKey: z.optional(z.string()),
  /**
   * Its place among the referrals its assessment made together (the plan's order: documents before
   * what needs them). They share one creation time and their ids are hashes, so without it the
   * household's SMS would list them in an order of chance.
   */
  position: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** Made by a request with a requestId (its id derives from it): the body's fingerprint, to tell a retry from a reuse. */
  requestHash: z.optional(z.string()),
  /** The office is asked to acknowledge by this date (Kosovo time). */
  ackDueDate: z.string(),
  createdAt: z.string(),
  sentAt: z.optional(z.string()),
  /** Set when the coordinator must reach the office another way: the acknowledgement ladder ran out, or its address bounced for good. */
  flaggedAt: z.optional(z.string()),
  /** Why it was flagged, when it was not the ladder running out. */
  flagReason: z.optional(z.literal('address_undeliverable')),
  cancelledAt: z.optional(z.string()),
  /** When a waiting referral went out (its prerequisite completed, or the coordinator released it). */
  releasedAt: z.optional(z.string()),
  /** A code (CancelReferralInput); `referred_elsewhere` when a new referral took its place. */
  cancelReason: z.optional(z.string()),
  /** The office's answer, through its signed link. */
  answeredAt: z.optional(z.string()),
  declineReason: z.optional(z.string()),
  outcomeAt: z.optional(z.string()),
  answerNote: z.optional(z.string()),
  /** How the latest answer came: the office's link, or a coordinator recording it (`recordedBy`, an id). */
  answeredVia: z.optional(z.enum(['link', 'coordinator'])),
  recordedBy: z.optional(z.string()),
  /**
   * A waiting referral whose prerequisite was declined, cancelled or reported not done: it would
   * wait for ever, so it is in the coordinator's follow-ups until they release, cancel or refer it
   * elsewhere. `blockedBecause` is the prerequisite's status then.
   */
  blockedAt: z.optional(z.string()),
  blockedBecause: z.optional(z.enum(['declined', 'cancelled', 'not_completed'])),
  /** A declined referral followed by a new one for the same need (it leaves the declined list). */
  reReferredAt: z.optional(z.string()),
  /** What routing needs of the case (absent on referrals made before: routing reads the case). */
  routing: z.optional(RoutingSnapshot),
  expiresAt: z.number().check(z.int()),
  ...ListFields,
});
export type ReferralItem = z.infer<typeof ReferralItem>;

/** What routing reads of a case: the case itself, or a referral's snapshot of it. */
export type RoutingCase = Pick<CaseItem, 'smrCaseId' | 'category' | 'coordinatorId' | 'language' | 'phone' | 'consent' | 'arrivalDate' | 'permitDate' | 'permit' | 'household'>;

/** The snapshot a referral of `theCase` for `personIds` carries. */
export function routingSnapshot(theCase: CaseItem, personIds: readonly string[]): RoutingSnapshot {
  return {
    coordinatorId: theCase.coordinatorId,
    language: theCase.language,
    ...(theCase.phone ? { phone: theCase.phone } : {}),
    consent: theCase.consent,
    arrivalDate: theCase.arrivalDate,
    ...(theCase.permitDate ? { permitDate: theCase.permitDate } : {}),
    ...(theCase.permit ? { permit: theCase.permit } : {}),
    persons: theCase.consent.shareWithOffices ? theCase.household.filter((m) => personIds.includes(m.id)) : [],
  };
}

/** The case as its referral's snapshot tells it, or undefined when the referral has none. */
export function routingCaseOf(r: ReferralItem): RoutingCase | undefined {
  if (!r.routing || !r.smrCaseId || !r.caseCategory) return undefined;
  const { persons, ...fixed } = r.routing;
  return { ...fixed, smrCaseId: r.smrCaseId, category: r.caseCategory, household: persons };
}

/**
 * The first of referrals written together (createAllIfAbsent), which must be one case's, made at
 * one moment (counted in one quarter); undefined for none.
 */
export function sameCaseAndMoment(items: readonly ReferralItem[]): ReferralItem | undefined {
  const first = items[0];
  if (items.some((i) => i.caseId !== first!.caseId || i.createdAt !== first!.createdAt)) throw new Error('referrals written together must be one case\'s, made at one moment');
  return first;
}

/** Referrals live in their case's partition. */
export const referralKey = (caseId: string, referralId: string) => ({ pk: casePk(caseId), sk: `REF#${referralId}` });

/** A referral as stored: its key and type around what intake decided. */
export function referralItem(fields: Omit<ReferralItem, 'pk' | 'sk' | 'type'>): ReferralItem {
  return { ...referralKey(fields.caseId, fields.referralId), type: 'Referral', ...fields };
}

/** Which worklist a referral belongs in, given its status; undefined: none. */
export function referralListing(
  r: Pick<ReferralItem, 'municipalityId' | 'status' | 'ackDueDate' | 'referralId' | 'answeredAt' | 'reReferredAt'> & Partial<Pick<ReferralItem, 'blockedAt'>>,
): Listing | undefined {
  if (r.status === 'created' || r.status === 'sent') return { listKey: lists.awaitingAck(r.municipalityId), listSort: `${r.ackDueDate}#${r.referralId}` };
  if (r.status === 'waiting' && r.blockedAt) return { listKey: lists.blocked(r.municipalityId), listSort: `${r.blockedAt}#${r.referralId}` };
  if (r.status === 'declined' && !r.reReferredAt) return { listKey: lists.declined(r.municipalityId), listSort: `${r.answeredAt ?? ''}#${r.referralId}` };
  return undefined;
}

/**
 * The statuses a referral is never routed from again (only a released `waiting` one becomes
 * `created`): its routing snapshot, the persons' names and the phone, has served its purpose.
 */
const NEVER_ROUTED_AGAIN: ReadonlySet<ReferralItem['status']> = new Set(['accepted', 'declined', 'completed', 'not_completed', 'cancelled']);

/**
 * What moving a referral to `to` writes besides the condition on its status: its fields with the
 * list it now belongs in (`unlist`: none), its audit entry (with the office kind the digests
 * group by) and its counters, all at the time of the answer, outcome, release or cancellation.
 * `dropRouting`: the routing snapshot goes with an answer or a cancellation, so an answered
 * referral keeps no copy of the case's names and phone, and stays small for its later updates.
 */
export function referralMove(
  current: ReferralItem,
  to: ReferralItem['status'],
  fields: ReferralMoveFields,
  audit: AuditEntry,
): { at: string; set: Record<string, unknown>; unlist: boolean; dropRouting: boolean; audit: AuditItem; counts: Increments } {
  const at = fields.answeredAt ?? fields.outcomeAt ?? fields.releasedAt ?? fields.cancelledAt ?? systemClock.now().toISOString();
  const listing = referralListing({ ...current, ...fields, status: to });
  // Ids and codes only: the SMR case id stays on the referral, which expires with the case.
  const entry = { from: current.status, to, ...audit, detail: { ...audit.detail, officeKind: current.officeKind } };
  return {
    at,
    set: { ...fields, ...listing, status: to },
    unlist: !listing,
    dropRouting: current.routing !== undefined && NEVER_ROUTED_AGAIN.has(to),
    audit: auditItem({ caseId: current.caseId, municipalityId: current.municipalityId }, current.referralId, at, entry),
    counts: referralAnswered(current, to, at),
  };
}

/** The prerequisite statuses that leave a waiting referral waiting for ever. */
export const BLOCKING_STATUSES = ['declined', 'cancelled', 'not_completed'] as const;
export type BlockingStatus = (typeof BLOCKING_STATUSES)[number];
export const isBlocking = (s: string): s is BlockingStatus => (BLOCKING_STATUSES as readonly string[]).includes(s);

/**
 * What marking `waiting` blocked by `prerequisite` writes: the fields with its place in the
 * blocked list, and its audit entry (codes only). Written only while it still waits for that
 * prerequisite and is not marked yet, so a redelivered answer marks it once.
 */
export function referralBlocked(waiting: ReferralItem, because: BlockingStatus, prerequisiteId: string, at: string): { set: Record<string, unknown>; audit: AuditItem } {
  const fields = { blockedAt: at, blockedBecause: because };
  const detail = { prerequisite: prerequisiteId, because, officeKind: waiting.officeKind };
  return {
    set: { ...fields, ...referralListing({ ...waiting, ...fields }) },
    audit: auditItem({ caseId: waiting.caseId, municipalityId: waiting.municipalityId }, waiting.referralId, at, {
      event: 'referral.blocked',
      by: 'system:react-to-answers',
      via: 'stream',
      detail,
    }),
  };
}

/** Whether `r` may be marked blocked by `prerequisiteId`: still waiting for it, and not marked yet. */
export const blockable = (r: Pick<ReferralItem, 'status' | 'dependsOn' | 'blockedAt'> | undefined, prerequisiteId: string): boolean =>
  r !== undefined && r.status === 'waiting' && r.dependsOn === prerequisiteId && r.blockedAt === undefined;

/** Flagged at once because the office's address bounced for good, on record in the day's feed. */
export function referralFlaggedAudit(r: ReferralItem, at: string): AuditItem {
  const detail = { reason: 'address_undeliverable', officeKind: r.officeKind };
  return auditItem({ caseId: r.caseId, municipalityId: r.municipalityId }, r.referralId, at, { event: 'referral.flagged', by: 'system:deliver-notifications', via: 'stream', detail });
}

/** Whether a referral may still be flagged for a dead office address: nobody answered it, and it is not flagged for that already. */
export const flaggableForAddress = (r: Pick<ReferralItem, 'status' | 'flagReason'> | undefined): boolean =>
  r !== undefined && (r.status === 'created' || r.status === 'sent') && r.flagReason !== 'address_undeliverable';

/** created → sent on record, in the day's activity feed (the digests' "sent"). */
export function referralSentAudit(r: ReferralItem, at: string): AuditItem {
  const detail = { officeKind: r.officeKind };
  return auditItem({ caseId: r.caseId, municipalityId: r.municipalityId }, r.referralId, at, { event: 'referral.sent', from: 'created', to: 'sent', by: 'system:deliver-notifications', via: 'stream', detail });
}

/**
 * Cancels a referral in one of `from` (by default nobody has answered it yet; the coordinator may
 * also withdraw an accepted one), through the adapter's own conditional move. Delivery may move it
 * created → sent, or the office accept it, between the read and the move: read again and retry
 * (bounded: each retry follows a real change of state, and a referral changes state at most three
 * times before it leaves `from`). `known`: the referral as the caller read it, tried first.
 */
export async function cancelWhileIn(
  referrals: Pick<ReferralRepository, 'get' | 'move'>,
  ref: { caseId: string; referralId: string },
  reason: string,
  at: string,
  actor: Actor,
  from: readonly ReferralState[] = CANCELLABLE,
  known?: ReferralItem,
): Promise<boolean> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const current = attempt === 0 && known ? known : await referrals.get(ref.caseId, ref.referralId);
    if (!current || !from.includes(current.status)) return false;
    const entry = { event: 'referral.cancelled', by: actor.by, byRole: actor.role, via: 'api', detail: { reason } };
    if (await referrals.move(current, 'cancelled', { cancelledAt: at, cancelReason: reason }, entry)) return true;
  }
  return false;
}
