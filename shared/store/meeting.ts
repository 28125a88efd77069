import * as z from '../domain/zod.js';
import { MEETING_KINDS, MunicipalityId, Trilingual } from '../domain/vocabulary.js';
import type { Actor } from '../domain/actor.js';
import { Requested } from '../domain/request.js';
import { auditItem, type AuditItem } from './audit.js';
import { meetingHeld, type Increments } from './indicators.js';
import { meetingPk } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

/**
 * A coordination meeting: recurring (from a directory rule) or ad hoc. It names no returnee:
 * invitees are directory ids (offices, coordinators, contacts), discussed cases SMR ids, so it
 * carries no TTL and counts for the indicators as long as the plan runs.
 * `sequence` is the calendar SEQUENCE: raised on every reschedule and on cancellation; the
 * invitation intents and reminder timers of one sequence are ignored under the next.
 */
export const MeetingItem = z.object({
  pk: z.string().check(z.startsWith('MEET#')),
  sk: z.literal('META'),
  type: z.literal('Meeting'),
  meetingId: z.string(),
  municipalityId: MunicipalityId,
  kind: z.enum(MEETING_KINDS),
  /** The directory rule a recurring meeting comes from. */
  ruleId: z.optional(z.string()),
  title: z.optional(z.string()),
  start: z.string(),
  end: z.string(),
  location: Trilingual,
  convenerId: z.string(),
  invitees: z.array(z.string()).check(z.minLength(1)),
  /** Calendar UID, stable for the meeting's life. */
  uid: z.string(),
  sequence: z.number().check(z.int(), z.gte(0)),
  previousStart: z.optional(z.string()),
  status: z.enum(['scheduled', 'cancelled', 'held', 'not_held']),
  casesDiscussed: z.optional(z.array(z.string())),
  /**
   * Free text that minutes kept before 2026-12, shown nowhere; it may name the people of the cases
   * discussed, so it goes when any of them is erased (RetentionRepository.forgetInMeeting). Minutes
   * keep no free text now.
   */
  minutesNote: z.optional(z.string()),
  minutesAt: z.optional(z.string()),
  /** The minutes' request, when it had a requestId: its retry answers with them (request.ts). */
  minutesRequest: z.optional(Requested),
  /** Made by a request with a requestId (its id derives from it): the body's fingerprint, to tell a retry from a reuse. */
  requestHash: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...ListFields,
});
export type MeetingItem = z.infer<typeof MeetingItem>;

/** The meeting's own item heads its partition, where its invitations, reminders and record live too. */
export const meetingKey = (meetingId: string) => ({ pk: meetingPk(meetingId), sk: 'META' as const });

/** A meeting as stored: its key and type around what was planned or entered. */
export function meetingItem(fields: Omit<MeetingItem, 'pk' | 'sk' | 'type'>): MeetingItem {
  return { ...meetingKey(fields.meetingId), type: 'Meeting', ...fields };
}

/** The meeting's place in its municipality's meetings list, by start time. */
export function meetingListing(m: Pick<MeetingItem, 'municipalityId' | 'start' | 'meetingId'>): Listing {
  return { listKey: lists.meetings(m.municipalityId), listSort: `${m.start}#${m.meetingId}` };
}

/** A change to a meeting on record, from the status it had to the one it has, in its municipality's feed. */
export function meetingAudit(current: MeetingItem, next: MeetingItem, audit: { event: string; at: string; actor: Actor; detail?: Record<string, string> | undefined }): AuditItem {
  return auditItem({ pk: next.pk, municipalityId: next.municipalityId }, next.meetingId, audit.at, {
    event: audit.event,
    from: current.status,
    to: next.status,
    by: audit.actor.by,
    byRole: audit.actor.role,
    via: 'api',
    ...(audit.detail ? { detail: audit.detail } : {}),
  });
}

/** What minutes record: held or not, the cases discussed (case ids), and the request that recorded them. */
export interface Minutes {
  held: boolean;
  casesDiscussed: string[];
  request?: Requested;
}

/**
 * The minutes of a meeting: held or not, the cases discussed, on record; a held meeting and its
 * cases count for the quarter it took place in (`counts`, at its start).
 */
export function meetingMinutes(
  current: MeetingItem,
  minutes: Minutes,
  at: string,
  actor: Actor,
): { next: MeetingItem; audit: AuditItem; counts: Increments | undefined } {
  const next: MeetingItem = {
    ...current,
    status: minutes.held ? 'held' : 'not_held',
    casesDiscussed: minutes.casesDiscussed,
    minutesAt: at,
    ...(minutes.request ? { minutesRequest: minutes.request } : {}),
    updatedAt: at,
  };
  const audit = meetingAudit(current, next, { event: 'meeting.minutes', at, actor, detail: { casesDiscussed: String(minutes.casesDiscussed.length) } });
  return { next, audit, counts: minutes.held ? meetingHeld(current.kind, minutes.casesDiscussed.length) : undefined };
}

/**
 * Whether an entry of a meeting's casesDiscussed names this case: by its case id (what minutes
 * keep), or by its SMR case id (what minutes recorded before they kept case ids).
 */
export const namesCase =
  (c: { caseId: string; smrCaseId: string }) =>
  (entry: string): boolean =>
    entry === c.caseId || entry.toUpperCase() === c.smrCaseId.toUpperCase();
