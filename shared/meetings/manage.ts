import type { Actor } from '../domain/actor.js';
import { ulid } from 'ulidx';
import * as z from '../domain/zod.js';
import type { Directory } from '../directory/directory.js';
import type { Clock } from '../domain/clock.js';
import { MunicipalityId, Trilingual } from '../domain/vocabulary.js';
import type { IntakeResult, RefusalCode } from '../domain/result.js';
import { meetingItem, type MeetingItem } from '../store/meeting.js';
import type { CaseRepository, MeetingRepository, MeetingView, WorklistRepository } from '../store/ports.js';
import { calendarUid } from './notices.js';
import { replayedChange, requested, unlessMade, type Requested } from '../domain/request.js';
import { RequestId } from '../domain/case.js';

const Instant = z.iso.datetime({ offset: true });

const bothInstants = (a: unknown, b: unknown) => Instant.safeParse(a).success && Instant.safeParse(b).success;

export const CreateMeetingInput = z.strictObject({
  municipalityId: MunicipalityId,
  convenerId: z.string().check(z.minLength(1)),
  title: z.string().check(z.trim(), z.minLength(3), z.maxLength(140)),
  start: Instant,
  end: Instant,
  /** Free text; shown as is in every language. */
  location: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
  /** Directory ids: offices, coordinators, contacts of the municipality. */
  invitees: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(60)),
  requestId: RequestId,
}).check(
  // Only when both are instants: a malformed start already has its own error, and "end must be
  // after start" beside it would point at the wrong field.
  z.refine((m) => !bothInstants(m.start, m.end) || Date.parse(m.end) > Date.parse(m.start), { message: 'must be after start', path: ['end'] }),
);
export type CreateMeetingInput = z.infer<typeof CreateMeetingInput>;

export const RescheduleMeetingInput = z.strictObject({
  start: Instant,
  end: z.optional(Instant),
  location: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(200))),
  /** The meeting's SEQUENCE as the caller read it (GET returns it): another one now is a 409, so a stale tab undoes no colleague's move. */
  sequence: z.optional(z.number().check(z.int(), z.nonnegative())),
}).check(
  z.refine((m) => !m.end || !bothInstants(m.start, m.end) || Date.parse(m.end) > Date.parse(m.start), { message: 'must be after start', path: ['end'] }),
);

export const MinutesInput = z.strictObject({
  held: z.boolean(),
  /** The cases discussed: each by its case id or its SMR case id (both accepted; the case id is kept). */
  casesDiscussed: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))).check(z.maxLength(500)), []),
  requestId: RequestId,
  // No free-text note (refused as an unknown field): free text about a meeting's cases would
  // outlive them, the meeting being kept for the plan's life; nothing showed or exported it.
});

export const MeetingId = z.string().check(z.regex(/^[a-z0-9-]{3,100}$|^[0-9A-HJKMNP-TV-Z]{26}$/));

export interface MeetingDeps {
  meetings: MeetingRepository;
  worklists: WorklistRepository;
  directory: Directory;
  clock: Clock;
}

const invalid = (field: string, message: string, code?: RefusalCode) => ({ ok: false as const, problem: { kind: 'invalid' as const, field, message, ...(code ? { code } : {}) } });
const notFound = (message: string) => ({ ok: false as const, problem: { kind: 'not-found' as const, message } });
const changed = (meetingId: string) => ({
  ok: false as const,
  problem: { kind: 'conflict' as const, field: 'meetingId', message: 'changed by someone else meanwhile, or no longer scheduled; reload and retry', code: 'changed-meanwhile' as const, existingCaseId: meetingId },
});

/**
 * An ad-hoc meeting (a case that needs a solution): invitations go out as for recurring ones.
 * With a requestId (`actor` given), a retry answers with the meeting its first attempt made
 * (`created` false), also once its start has passed, and nobody is invited twice.
 */
export async function createMeeting(input: CreateMeetingInput, deps: MeetingDeps, actor?: Actor): Promise<IntakeResult<MeetingItem> & { created?: boolean }> {
  const request = actor && requested('meeting', input.municipalityId, actor, input);
  const out = await newMeeting(input, deps, request);
  return out.ok ? out : unlessMade(out.problem, request, (id) => deps.meetings.get(id));
}

async function newMeeting(input: CreateMeetingInput, deps: MeetingDeps, request: Requested | undefined): Promise<IntakeResult<MeetingItem> & { created?: true }> {
  const muni = deps.directory.municipality(input.municipalityId);
  if (!muni) return invalid('municipalityId', 'unknown municipality');
  if (!muni.coordinators.some((c) => c.id === input.convenerId)) return invalid('convenerId', `not a coordinator of ${muni.id}`);
  const known = new Set([...muni.coordinators.map((c) => c.id), ...muni.offices.map((o) => o.id), ...muni.contacts.map((c) => c.id)]);
  const unknown = input.invitees.findIndex((i) => !known.has(i));
  if (unknown >= 0) return invalid(`invitees.${unknown}`, `not an office, coordinator or contact of ${muni.id}`);
  const now = deps.clock.now();
  if (Date.parse(input.start) <= now.getTime()) return invalid('start', 'must be in the future', 'not-in-future');
  const meetingId = request?.id ?? ulid(now.getTime());
  const location = Trilingual.parse({ sq: input.location, sr: input.location, en: input.location });
  const item = meetingItem({
    meetingId,
    municipalityId: muni.id,
    kind: 'ad_hoc',
    title: input.title,
    start: new Date(input.start).toISOString(),
    end: new Date(input.end).toISOString(),
    location,
    convenerId: input.convenerId,
    // The convener is always invited.
    invitees: [...new Set([input.convenerId, ...input.invitees])],
    uid: calendarUid(meetingId),
    sequence: 0,
    status: 'scheduled',
    ...(request ? { requestHash: request.requestHash } : {}),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  // Only an id derived from a requestId is ever taken already (ULIDs do not meet): a retry.
  if (!(await deps.meetings.createIfAbsent(item))) return { ok: false, problem: { kind: 'conflict', field: 'requestId', message: 'made already' } };
  return { ok: true, value: item, created: true };
}

/** Moves a scheduled meeting: SEQUENCE is raised, so calendars update the entry they have. */
export async function rescheduleMeeting(meetingId: string, input: z.infer<typeof RescheduleMeetingInput>, deps: MeetingDeps, actor: Actor): Promise<IntakeResult<MeetingItem>> {
  const now = deps.clock.now();
  if (Date.parse(input.start) <= now.getTime()) return invalid('start', 'must be in the future', 'not-in-future');
  const current = await deps.meetings.get(meetingId);
  if (!current || current.status !== 'scheduled') return notFound(`no scheduled meeting ${meetingId}`);
  const duration = Date.parse(current.end) - Date.parse(current.start);
  const start = new Date(input.start);
  const end = input.end ? new Date(input.end).toISOString() : new Date(start.getTime() + duration).toISOString();
  const location = input.location ? { sq: input.location, sr: input.location, en: input.location } : current.location;
  // Already where this move puts it: a retry after a lost answer (whatever SEQUENCE it read), or a
  // form sent unchanged. Done, with no new SEQUENCE and no second "changed" email.
  if (start.toISOString() === current.start && end === current.end && (['sq', 'sr', 'en'] as const).every((l) => location[l] === current.location[l])) {
    return { ok: true, value: current };
  }
  if (input.sequence !== undefined && input.sequence !== current.sequence) {
    return { ok: false, problem: { kind: 'stale', field: 'sequence', message: `changed by someone else meanwhile (now sequence ${current.sequence}); reload and retry`, code: 'changed-meanwhile' } };
  }
  const next: MeetingItem = {
    ...current,
    start: start.toISOString(),
    end,
    location,
    previousStart: current.start,
    sequence: current.sequence + 1,
    updatedAt: now.toISOString(),
  };
  if (!(await deps.meetings.update(current, next, { event: 'meeting.rescheduled', at: next.updatedAt, actor, detail: { sequence: String(next.sequence) } }))) return changed(meetingId);
  return { ok: true, value: next };
}

/** Cancels a scheduled meeting: invitees get a cancellation their calendar understands. */
export async function cancelMeeting(meetingId: string, deps: MeetingDeps, actor: Actor): Promise<IntakeResult<MeetingItem>> {
  const current = await deps.meetings.get(meetingId);
  if (!current || current.status !== 'scheduled') return notFound(`no scheduled meeting ${meetingId}`);
  const now = deps.clock.now().toISOString();
  const next: MeetingItem = { ...current, status: 'cancelled', sequence: current.sequence + 1, updatedAt: now };
  if (!(await deps.meetings.update(current, next, { event: 'meeting.cancelled', at: now, actor }))) return changed(meetingId);
  return { ok: true, value: next };
}

/**
 * The minutes, once. With a requestId, a retry of the request that recorded them answers with the
 * meeting as they left it, and counts nothing again.
 */
export async function recordMinutes(
  meetingId: string,
  input: z.infer<typeof MinutesInput>,
  deps: MeetingDeps & { cases: Pick<CaseRepository, 'caseOfSmr' | 'municipalityOf'> },
  actor: Actor,
): Promise<IntakeResult<MeetingItem>> {
  const request = requested('minutes', meetingId, actor, input);
  const current = await deps.meetings.get(meetingId);
  if (!current) return notFound(`no meeting ${meetingId}`);
  const now = deps.clock.now();
  if (current.status !== 'scheduled') return replayedChange(current, current.minutesRequest, request) ?? changed(meetingId);
  if (Date.parse(current.start) > now.getTime()) return invalid('held', 'the meeting has not started yet');
  // The meeting keeps case ids, never SMR ids: an SMR id is the case's personal data and goes with
  // it at retention, while the meeting (and its count of cases) stays.
  const casesDiscussed: string[] = [];
  for (const [i, ref] of input.casesDiscussed.entries()) {
    const found = await caseNamed(ref, deps.cases);
    // Only this municipality's cases are counted for it (and shown with its meetings). The answer is
    // the same for an id registered elsewhere and for one never registered: nothing is revealed.
    if (found?.municipalityId !== current.municipalityId) return invalid(`casesDiscussed.${i}`, 'not a case of this municipality', 'unknown-case');
    if (!casesDiscussed.includes(found.caseId)) casesDiscussed.push(found.caseId);
  }
  const written = await deps.meetings.recordMinutes(current, { held: input.held, casesDiscussed, ...(request ? { request } : {}) }, now.toISOString(), actor);
  // Read again either way: what was written, or what came first (a retry sent while this one was on its way).
  const stored = (await deps.meetings.get(meetingId)) ?? current;
  if (written) return { ok: true, value: stored };
  return replayedChange(stored, stored.minutesRequest, request) ?? changed(meetingId);
}

const CASE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * A case named by its case id (one read: its municipality) or by its SMR case id (one read of the
 * SMR claim, which names the case and its municipality; a second only for a claim written before
 * claims held the municipality).
 */
async function caseNamed(ref: string, cases: Pick<CaseRepository, 'caseOfSmr' | 'municipalityOf'>): Promise<{ caseId: string; municipalityId: string | undefined } | undefined> {
  if (CASE_ID.test(ref)) {
    const municipalityId = await cases.municipalityOf(ref);
    if (municipalityId) return { caseId: ref, municipalityId };
  }
  const claim = await cases.caseOfSmr(ref);
  if (!claim) return undefined;
  return { caseId: claim.caseId, municipalityId: claim.municipalityId ?? (await cases.municipalityOf(claim.caseId)) };
}

export async function viewMeeting(meetingId: string, deps: MeetingDeps): Promise<MeetingView | undefined> {
  return deps.meetings.view(meetingId);
}

/** A municipality's meetings from `from` (default: now) for the next `days`, through its meetings list. */
export async function listMeetings(municipalityId: string, deps: MeetingDeps, days = 120, from?: Date): Promise<MeetingItem[]> {
  const start = from ?? deps.clock.now();
  const end = new Date(start.getTime() + days * 86_400_000);
  return deps.worklists.meetings(municipalityId, { from: start.toISOString(), through: end.toISOString() });
}

export function presentMeeting(m: MeetingItem) {
  return {
    meetingId: m.meetingId,
    municipalityId: m.municipalityId,
    kind: m.kind,
    title: m.title,
    start: m.start,
    end: m.end,
    location: m.location,
    convenerId: m.convenerId,
    invitees: m.invitees,
    sequence: m.sequence,
    status: m.status,
    casesDiscussed: m.casesDiscussed,
    minutesAt: m.minutesAt,
  };
}
