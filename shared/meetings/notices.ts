import { subDays } from 'date-fns';
import { dueBucket, fromWallClock, wallClockOf } from '../domain/calendar.js';
import { srLatnToCyrl } from '../messages/index.js';
import type { Language } from '../domain/vocabulary.js';
import type { Municipality } from '../directory/schema.js';
import type { MeetingEmailData, MinutesRequestData } from '../messages/coordination-data.js';
import type { TemplateId } from '../domain/template-ids.js';
import type { TimerKind } from '../domain/timer-kind.js';
import { intentId, intentItem, type IntentItem } from '../store/intent.js';
import type { MeetingItem } from '../store/meeting.js';
import { timerId, timerItem, type TimerItem } from '../store/timer.js';
import { actionPointsFor, agendaCounts, type Worklists } from './agenda.js';
import type { CalendarInvite } from './ics.js';

/** One person or organisation invited, resolved from the directory. */
export interface Invitee {
  id: string;
  role: 'coordinator' | 'office' | 'contact';
  name: string;
  email: string;
  languages: Language[];
}

/** The convener is asked for the minutes this long after the meeting ends. */
const MINUTES_AFTER_MS = 60 * 60_000;

/** Invitee ids (offices, coordinators, contacts of the municipality) to addresses and languages; unknown ids are dropped. */
export function resolveInvitees(muni: Municipality, ids: readonly string[]): Invitee[] {
  const out: Invitee[] = [];
  for (const id of new Set(ids)) {
    const c = muni.coordinators.find((x) => x.id === id);
    if (c) {
      out.push({ id, role: 'coordinator', name: c.name, email: c.email, languages: [c.language] });
      continue;
    }
    const o = muni.offices.find((x) => x.id === id);
    if (o) {
      out.push({ id, role: 'office', name: o.name.en, email: o.email, languages: [...o.languages] });
      continue;
    }
    const k = muni.contacts.find((x) => x.id === id);
    if (k) out.push({ id, role: 'contact', name: k.name.en, email: k.email, languages: [...k.languages] });
  }
  return out;
}

/** Everyone a rule invites: the municipality's coordinators, the offices of its kinds, the contacts of its roles. */
export function inviteesOfRule(muni: Municipality, invite: { officeKinds: readonly string[]; contactRoles: readonly string[] }): string[] {
  return [
    ...muni.coordinators.map((c) => c.id),
    ...muni.offices.filter((o) => invite.officeKinds.includes(o.kind)).map((o) => o.id),
    ...muni.contacts.filter((c) => invite.contactRoles.includes(c.role)).map((c) => c.id),
  ];
}

export const calendarUid = (meetingId: string) => `${meetingId}@referrals.rks-municipalities.example.org`;

function convenerOf(muni: Municipality, m: MeetingItem) {
  return muni.coordinators.find((c) => c.id === m.convenerId) ?? muni.coordinators[0]!;
}

export function meetingEmailData(m: MeetingItem, muni: Municipality, w: Worklists, invitee: Invitee, daysBefore?: number): MeetingEmailData {
  const convener = convenerOf(muni, m);
  return {
    meetingId: m.meetingId,
    kind: m.kind,
    ...(m.title ? { title: m.title } : {}),
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    convener: { name: convener.name, email: convener.email, phone: convener.phone },
    start: m.start,
    end: m.end,
    location: m.location,
    sequence: m.sequence,
    ...(m.previousStart ? { previousStart: m.previousStart } : {}),
    ...(daysBefore ? { daysBefore } : {}),
    agenda: agendaCounts(w),
    actionPoints: actionPointsFor(w, invitee),
  };
}

function calendar(m: MeetingItem, muni: Municipality, invitee: Invitee, summary: string): CalendarInvite {
  const convener = convenerOf(muni, m);
  return {
    uid: m.uid,
    sequence: m.sequence,
    method: m.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    start: m.start,
    end: m.end,
    timeZone: 'Europe/Belgrade',
    summary,
    location: inLanguage(m.location, invitee.languages[0]!),
    organizer: { name: convener.name, email: convener.email },
    attendee: { email: invitee.email, name: invitee.name },
    // The same intent renders the same bytes on every attempt.
    stamp: m.updatedAt,
  };
}

/** The calendar entry's title, in the invitee's first language. */
const SUMMARY: Record<MeetingItem['kind'], Record<'sq' | 'sr' | 'en', string>> = {
  directorates: { sq: 'Takimi mujor koordinues me drejtoritë', sr: 'Mesečni koordinacioni sastanak sa direkcijama', en: 'Monthly coordination meeting with the directorates' },
  all_actors: { sq: 'Takimi tremujor i të gjithë akterëve', sr: 'Tromesečni sastanak svih aktera', en: 'Quarterly meeting of all actors' },
  projects: { sq: 'Takimi tremujor me zbatuesit e projekteve të riintegrimit', sr: 'Tromesečni sastanak sa sprovodiocima projekata reintegracije', en: 'Quarterly meeting with reintegration project implementers' },
  donors: { sq: 'Takimi vjetor me donatorët', sr: 'Godišnji sastanak sa donatorima', en: 'Annual donors meeting' },
  ad_hoc: { sq: 'Takim koordinues', sr: 'Koordinacioni sastanak', en: 'Coordination meeting' },
};

/** A trilingual text in one message language; Serbian in Cyrillic is transliterated from the Latin. */
function inLanguage(t: { sq: string; sr: string; en: string }, lang: Language): string {
  if (lang === 'sq') return t.sq;
  if (lang === 'en') return t.en;
  return lang === 'sr-Cyrl' ? srLatnToCyrl(t.sr) : t.sr;
}

function summaryFor(m: MeetingItem, muni: Municipality, lang: Language): string {
  // An ad-hoc title is the coordinator's own text, shown as typed.
  const base = m.title ?? inLanguage(SUMMARY[m.kind], lang);
  return `${base} – ${inLanguage(muni.name, lang)}`;
}

export interface MeetingDecision {
  intents: IntentItem[];
  timers: TimerItem[];
}

function meetingIntent(m: MeetingItem, purpose: string, template: TemplateId, to: Invitee, data: Record<string, unknown>, now: Date, expiresAt: number): IntentItem {
  const id = intentId(`${m.meetingId}#${m.sequence}`, purpose, to.id);
  // In the meeting's partition, with its timers and record.
  return intentItem({ pk: m.pk }, {
    intentId: id,
    municipalityId: m.municipalityId,
    sourceId: m.meetingId,
    purpose,
    channel: 'email',
    template,
    languages: to.languages,
    recipient: to.email,
    data,
    status: 'queued',
    attempts: 0,
    createdAt: now.toISOString(),
    expiresAt,
  });
}

function meetingTimer(m: MeetingItem, kind: TimerKind, dueAt: Date, now: Date, expiresAt: number): TimerItem {
  const id = timerId(m.meetingId, kind, m.sequence);
  const due = dueAt.toISOString();
  return timerItem({ pk: m.pk }, {
    timerId: id,
    meetingId: m.meetingId,
    kind,
    subjectId: m.meetingId,
    occurrence: m.sequence,
    dueAt: due,
    dueBucket: dueBucket(dueAt),
    status: 'pending',
    createdAt: now.toISOString(),
    expiresAt,
  });
}

export const meetingExpiry = (m: MeetingItem, retentionDays: number) => Math.floor(Date.parse(m.end) / 1000) + retentionDays * 86_400;

/**
 * What a meeting's new version means for its invitees: an invitation (sequence 0), an update
 * (rescheduled) or a cancellation, each with its calendar entry, plus the reminders and the
 * minutes request of this version. Ids carry the sequence, so a redelivered record writes nothing
 * new and an old version's reminders find themselves out of date when they fire. Pure.
 */
export function decideMeetingNotices(m: MeetingItem, muni: Municipality, w: Worklists, now: Date, retentionDays: number): MeetingDecision {
  if (m.status !== 'scheduled' && m.status !== 'cancelled') return { intents: [], timers: [] };
  const expiresAt = meetingExpiry(m, retentionDays);
  const invitees = resolveInvitees(muni, m.invitees);
  const template: TemplateId = m.status === 'cancelled' ? 'meeting.cancelled' : m.sequence === 0 ? 'meeting.invitation' : 'meeting.rescheduled';
  const purpose = m.status === 'cancelled' ? 'meeting.cancel' : 'meeting.invite';
  const intents = invitees.map((to) =>
    meetingIntent(m, purpose, template, to, { ...meetingEmailData(m, muni, w, to), calendar: calendar(m, muni, to, summaryFor(m, muni, to.languages[0]!)) }, now, expiresAt),
  );
  if (m.status === 'cancelled') return { intents, timers: [] };
  // At the meeting's local time of day, 7 days and 1 day before, across a daylight-saving change too.
  const local = wallClockOf(m.start);
  const week = fromWallClock(subDays(local, 7));
  const day = fromWallClock(subDays(local, 1));
  const timers: TimerItem[] = [];
  if (week.getTime() > now.getTime()) timers.push(meetingTimer(m, 'meeting.reminder.week', week, now, expiresAt));
  if (day.getTime() > now.getTime()) timers.push(meetingTimer(m, 'meeting.reminder.day', day, now, expiresAt));
  timers.push(meetingTimer(m, 'meeting.minutes', new Date(Date.parse(m.end) + MINUTES_AFTER_MS), now, expiresAt));
  return { intents, timers };
}

/** A meeting timer firing: reminders to every invitee, or the minutes request to the convener. Pure. */
export function decideMeetingTimer(t: TimerItem, m: MeetingItem | undefined, muni: Municipality | undefined, w: Worklists | undefined, now: Date, retentionDays: number): { outcome: 'fired' | 'moot'; reason?: string; intents: IntentItem[] } {
  if (!m || !muni) return { outcome: 'moot', reason: 'meeting not found', intents: [] };
  if (m.status !== 'scheduled') return { outcome: 'moot', reason: `meeting ${m.status}`, intents: [] };
  if (t.occurrence !== m.sequence) return { outcome: 'moot', reason: 'meeting changed since', intents: [] };
  const expiresAt = meetingExpiry(m, retentionDays);
  if (t.kind === 'meeting.minutes') {
    // The same person the invitations name as organiser.
    const convener = resolveInvitees(muni, [convenerOf(muni, m).id])[0]!;
    const data: MinutesRequestData = {
      meetingId: m.meetingId,
      kind: m.kind,
      ...(m.title ? { title: m.title } : {}),
      municipality: muni.name,
      coordinatorOffice: muni.coordinatorOffice,
      convenerName: convener.name,
      start: m.start,
      minutesPath: `POST /meetings/${m.meetingId}/minutes`,
    };
    return { outcome: 'fired', intents: [meetingIntent(m, 'meeting.minutes', 'meeting.minutes_request', convener, data as unknown as Record<string, unknown>, now, expiresAt)] };
  }
  if (!w) return { outcome: 'moot', reason: 'no agenda', intents: [] };
  const daysBefore = t.kind === 'meeting.reminder.week' ? 7 : 1;
  const purpose = `meeting.reminder.${daysBefore}d`;
  // The calendar entry again (same UID and SEQUENCE): a client that lost it gets it back, one that has it changes nothing.
  const intents = resolveInvitees(muni, m.invitees).map((to) =>
    meetingIntent(m, purpose, 'meeting.reminder', to, { ...meetingEmailData(m, muni, w, to, daysBefore), calendar: calendar(m, muni, to, summaryFor(m, muni, to.languages[0]!)) }, now, expiresAt),
  );
  return { outcome: 'fired', intents };
}
