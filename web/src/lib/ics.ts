import type { Meeting } from './types.js';

/** `2026-12-05T13:30:00.000Z` → `20261205T133000Z` */
const icsTime = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Text for an ICS property: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets folded (RFC 5545 3.1). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** The invitation's UID (shared/meetings/notices.ts calendarUid; a unit test holds them equal). */
export const meetingUid = (meetingId: string) => `${meetingId}@referrals.rks-municipalities.example.org`;

/**
 * A calendar file for one meeting, with the same UID and SEQUENCE as its emailed invitation, so
 * importing it updates that entry rather than adding a second.
 */
export function meetingIcs(m: Meeting & { title: string }, now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//referrals//console//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${meetingUid(m.meetingId)}`,
    `SEQUENCE:${m.sequence ?? 0}`,
    `DTSTAMP:${icsTime(now.toISOString())}`,
    `DTSTART:${icsTime(m.start)}`,
    `DTEND:${icsTime(m.end)}`,
    `SUMMARY:${icsText(m.title)}`,
    `LOCATION:${icsText(m.location)}`,
    `STATUS:${m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
