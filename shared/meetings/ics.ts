import {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { readIsoUtc } from '../domain/calendar.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { EmailAttachment } from '../channels/ports.js';

/**
 * One meeting invitation (iTIP, RFC 5546) for one recipient: each invitee gets their own email,
 * so each .ics names only them as ATTENDEE and no one sees the others' addresses.
 */
export interface CalendarInvite {
  /** Stable per meeting, e.g. "obiliq-directorates-20261201@referrals.example.org". */
  uid: string;
  /** Raised on every reschedule / cancellation, so clients replace the copy they hold. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  /** ISO instants (UTC). */
  start: string;
  end: string;
  timeZone: 'Europe/Belgrade';
  summary: string;
  description?: string;
  location: string;
  organizer: { name: string; email: string };
  /** The one recipient of this email. */
  attendee: { email: string; name?: string };
  /** DTSTAMP, passed in so that re-rendering the same intent gives identical bytes. */
  stamp: string;
}

export const ICS_CONTENT_TYPE = (method: CalendarInvite['method']): string => `text/calendar; charset=UTF-8; method=${method}`;

/** A meeting invitation as an email's attachment: what the deliver use case's `calendar` builds (DeliverDeps). */
export function icsAttachment(invite: CalendarInvite): EmailAttachment {
  return { fileName: invite.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', contentType: ICS_CONTENT_TYPE(invite.method), content: buildIcs(invite) };
}

const PRODID = { company: 'referrals.example.org', product: 'Referrals Platform', language: 'EN' } as const;

/**
 * timezones-ical-library returns [VTIMEZONE block, "TZID=…"] for a known zone, but its typing
 * also allows a bare string (its JSON mode), and an unknown zone yields no VTIMEZONE at all.
 */
function vtimezone(zone: string): string {
  const out = tzlib_get_ical_block(zone);
  const block = Array.isArray(out) ? out[0] : out;
  if (!block?.startsWith('BEGIN:VTIMEZONE')) throw new Error(`no VTIMEZONE definition for time zone ${zone}`);
  return block;
}

/**
 * ical-generator escapes `"` and `\` inside quoted parameters with a backslash, which RFC 5545
 * does not allow there (a quoted parameter value cannot hold DQUOTE at all): clients then cut
 * the CN short or reject the line. Names are display-only, so soften those characters instead.
 */
function paramSafe(name: string): string {
  return name
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .trim();
}

function instant(iso: string, field: string): TZDate {
  // Without an offset, read as UTC (never as the process's own zone); the letters in either case,
  // as the messages read a meeting's times (wallClockOf); what they refuse is refused.
  const ms = +readIsoUtc(iso);
  if (isNaN(ms)) throw new Error(`calendar invite: ${field} is not an ISO instant: ${JSON.stringify(iso)}`);
  return new TZDate(ms, 'UTC');
}

/** The invitation as an RFC 5545 iCalendar object (CRLF line endings, folded lines, one VEVENT). */
export function buildIcs(invite: CalendarInvite): string {
  const start = instant(invite.start, 'start');
  const end = instant(invite.end, 'end');
  if (end <= start) throw new Error(`calendar invite ${invite.uid}: end ${invite.end} is not after start ${invite.start}`);
  const stamp = instant(invite.stamp, 'stamp');
  const cancel = invite.method === 'CANCEL';

  const calendar = new ICalCalendar({
    prodId: PRODID,
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-level zone name: ical-generator would then write DTSTAMP in that zone without
    // the "Z" (RFC 5545 wants it in UTC) and add X-WR-TIMEZONE. The generator alone still emits
    // the VTIMEZONE for the event's TZID.
    timezone: { name: null, generator: vtimezone },
  });

  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    stamp: new Date(+stamp),
    // TZDates, not Dates: for a native Date ical-generator reads the wall time of the process's
    // own zone, so the output would depend on the machine's TZ; a TZDate it moves to the event's.
    start,
    end,
    timezone: invite.timeZone,
    summary: invite.summary,
    description: invite.description ?? null,
    location: invite.location,
    organizer: { name: paramSafe(invite.organizer.name), email: invite.organizer.email },
    attendees: [
      cancel
        ? { email: invite.attendee.email, name: invite.attendee.name ? paramSafe(invite.attendee.name) : null, role: ICalAttendeeRole.REQ }
        : {
            email: invite.attendee.email,
            name: invite.attendee.name ? paramSafe(invite.attendee.name) : null,
            role: ICalAttendeeRole.REQ,
            status: ICalAttendeeStatus.NEEDSACTION,
            rsvp: true,
          },
    ],
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.OPAQUE,
  });

  // ical-generator ends the last line without CRLF; RFC 5545 ends every content line with one.
  return calendar.toString() + '\r\n';
}

/** One event to add to one's own calendar (METHOD:PUBLISH): no organizer, no attendees, no reply asked. */
export interface CalendarEntry {
  /** Stable per event, so a second download replaces the first copy. */
  uid: string;
  sequence: number;
  /** ISO instants (UTC). */
  start: string;
  end: string;
  timeZone: 'Europe/Belgrade';
  summary: string;
  description?: string;
  location?: string;
  stamp: string;
}

export const ICS_PUBLISH_CONTENT_TYPE = 'text/calendar; charset=UTF-8; method=PUBLISH';

/** The entry as an RFC 5545 iCalendar object, as buildIcs writes an invitation. */
export function buildEntryIcs(entry: CalendarEntry): string {
  const start = instant(entry.start, 'start');
  const end = instant(entry.end, 'end');
  if (end <= start) throw new Error(`calendar entry ${entry.uid}: end ${entry.end} is not after start ${entry.start}`);
  const calendar = new ICalCalendar({ prodId: PRODID, method: ICalCalendarMethod.PUBLISH, timezone: { name: null, generator: vtimezone } });
  calendar.createEvent({
    id: entry.uid,
    sequence: entry.sequence,
    stamp: new Date(+instant(entry.stamp, 'stamp')),
    start,
    end,
    timezone: entry.timeZone,
    summary: entry.summary,
    description: entry.description ?? null,
    location: entry.location ?? null,
    status: ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.OPAQUE,
  });
  return calendar.toString() + '\r\n';
}
