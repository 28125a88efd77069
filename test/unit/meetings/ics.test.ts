import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, ICS_CONTENT_TYPE, type CalendarInvite } from '../../../shared/meetings/ics.js';

const invite = (over: Partial<CalendarInvite> = {}): CalendarInvite => ({
  uid: 'obiliq-directorates-20261201@referrals.example.org',
  sequence: 0,
  method: 'REQUEST',
  start: '2026-12-01T09:00:00Z',
  end: '2026-12-01T10:30:00Z',
  timeZone: 'Europe/Belgrade',
  summary: 'Takimi i drejtorive – Obiliq',
  description: 'Rendi i ditës: rastet e vonuara; refuzimet, etj.',
  location: 'Komuna e Obiliqit, salla 2',
  organizer: { name: 'ZKKK Obiliq', email: 'zkkk@obiliq.example.org' },
  attendee: { email: 'qps@obiliq.example.org', name: 'QPS Obiliq' },
  stamp: '2026-11-20T08:00:00Z',
  ...over,
});

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  const vtimezone = calendar.getFirstSubcomponent('vtimezone')!;
  // Resolve TZID=Europe/Belgrade through the VTIMEZONE in the file itself, as a client would.
  ICAL.TimezoneService.register(vtimezone);
  return { calendar, event: events[0]!, vtimezone };
}

function utcOf(event: ICAL.Component, name: 'dtstart' | 'dtend'): string {
  const time = event.getFirstPropertyValue(name) as ICAL.Time;
  return time.toJSDate().toISOString();
}

describe('buildIcs', () => {
  it('is an iTIP REQUEST for one attendee who is asked to reply', () => {
    const { calendar, event } = parse(buildIcs(invite()));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(/Referrals Platform/);
    expect(event.getFirstPropertyValue('uid')).toBe('obiliq-directorates-20261201@referrals.example.org');
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.getFirstPropertyValue('summary')).toBe('Takimi i drejtorive – Obiliq');
    expect(event.getFirstPropertyValue('location')).toBe('Komuna e Obiliqit, salla 2');
    expect(event.getFirstPropertyValue('description')).toBe('Rendi i ditës: rastet e vonuara; refuzimet, etj.');

    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    const attendee = attendees[0]!;
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:qps@obiliq.example.org');
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendee.getParameter('rsvp')).toBe('TRUE');
    expect(attendee.getParameter('cn')).toBe('QPS Obiliq');

    const organizer = event.getFirstProperty('organizer')!;
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe('mailto:zkkk@obiliq.example.org');
    expect(organizer.getParameter('cn')).toBe('ZKKK Obiliq');
  });

  it('writes DTSTAMP in UTC', () => {
    const ics = buildIcs(invite());
    expect(ics).toContain('\r\nDTSTAMP:20261120T080000Z\r\n');
    const { event } = parse(ics);
    expect((event.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe('2026-11-20T08:00:00.000Z');
  });

  it('gives start and end in Belgrade wall time with TZID, winter (UTC+1)', () => {
    const ics = buildIcs(invite());
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Belgrade:20261201T100000\r\n');
    const { event } = parse(ics);
    const dtstart = event.getFirstProperty('dtstart')!;
    expect(dtstart.getParameter('tzid')).toBe('Europe/Belgrade');
    const start = dtstart.getFirstValue() as ICAL.Time;
    expect([start.hour, start.minute]).toEqual([10, 0]);
    expect(event.getFirstProperty('dtend')!.getParameter('tzid')).toBe('Europe/Belgrade');
    expect(utcOf(event, 'dtstart')).toBe('2026-12-01T09:00:00.000Z');
    expect(utcOf(event, 'dtend')).toBe('2026-12-01T10:30:00.000Z');
  });

  it('gives start in Belgrade wall time, summer (UTC+2)', () => {
    const ics = buildIcs(invite({ start: '2027-07-06T08:00:00Z', end: '2027-07-06T09:00:00Z' }));
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Belgrade:20270706T100000\r\n');
    const { event } = parse(ics);
    expect(utcOf(event, 'dtstart')).toBe('2027-07-06T08:00:00.000Z');
    expect(utcOf(event, 'dtend')).toBe('2027-07-06T09:00:00.000Z');
  });

  it("does not depend on the machine's time zone", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const elsewhere = buildIcs(invite());
      process.env.TZ = 'UTC';
      expect(buildIcs(invite())).toBe(elsewhere);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('carries a VTIMEZONE for Europe/Belgrade with both standard and daylight rules', () => {
    const { vtimezone } = parse(buildIcs(invite()));
    expect(vtimezone.getFirstPropertyValue('tzid')).toBe('Europe/Belgrade');
    const standard = vtimezone.getFirstSubcomponent('standard')!;
    const daylight = vtimezone.getFirstSubcomponent('daylight')!;
    expect(standard).toBeTruthy();
    expect(daylight).toBeTruthy();
    expect(String(standard.getFirstPropertyValue('tzoffsetto'))).toBe('+01:00');
    expect(String(daylight.getFirstPropertyValue('tzoffsetto'))).toBe('+02:00');
  });

  it('ends every line with CRLF and folds lines at 75 octets', () => {
    const long = 'Rendi i ditës për takimin e drejtorive, me rastet e vonuara dhe refuzimet e tremujorit. '.repeat(4);
    const ics = buildIcs(invite({ description: long }));
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(parse(ics).event.getFirstPropertyValue('description')).toBe(long);
  });

  it('renders the same bytes for the same invite', () => {
    expect(buildIcs(invite())).toBe(buildIcs(invite()));
    expect(buildIcs(invite())).not.toBe(buildIcs(invite({ sequence: 1 })));
  });

  it('keeps Albanian, Serbian Latin and Cyrillic text intact, even where a line is folded', () => {
    const summary = 'Sastanak direkcija – Obiliq / Обилић, čćžšđ ČĆŽŠĐ, ë Ë ç';
    const name = 'Зоран Јовановић – Центар за социјални рад';
    const { event } = parse(
      buildIcs(invite({ summary, location: 'Skupština opštine, sala br. 2 – Скупштина општине', attendee: { email: 'csr@obiliq.example.org', name } })),
    );
    expect(event.getFirstPropertyValue('summary')).toBe(summary);
    expect(event.getFirstPropertyValue('location')).toBe('Skupština opštine, sala br. 2 – Скупштина општине');
    expect(event.getFirstProperty('attendee')!.getParameter('cn')).toBe(name);
  });

  it('keeps a quotation mark in a name from breaking the parameter', () => {
    const { event } = parse(buildIcs(invite({ organizer: { name: 'OJQ "Ura" Obiliq', email: 'ura@example.org' } })));
    const organizer = event.getFirstProperty('organizer')!;
    expect(organizer.getParameter('cn')).toBe("OJQ 'Ura' Obiliq");
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe('mailto:ura@example.org');
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED, the same UID and a higher SEQUENCE', () => {
    const { calendar, event } = parse(buildIcs(invite({ method: 'CANCEL', sequence: 2 })));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('uid')).toBe('obiliq-directorates-20261201@referrals.example.org');
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    const attendee = event.getFirstProperty('attendee')!;
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:qps@obiliq.example.org');
    // Nothing to answer to a cancellation.
    expect(attendee.getParameter('rsvp')).toBeFalsy();
  });

  it('rejects an end that is not after the start', () => {
    expect(() => buildIcs(invite({ end: '2026-12-01T09:00:00Z' }))).toThrow(/not after start/);
    expect(() => buildIcs(invite({ start: 'tomorrow' }))).toThrow(/start is not an ISO instant/);
  });
});

describe('ICS_CONTENT_TYPE', () => {
  it('names the iTIP method', () => {
    expect(ICS_CONTENT_TYPE('REQUEST')).toBe('text/calendar; charset=UTF-8; method=REQUEST');
    expect(ICS_CONTENT_TYPE('CANCEL')).toBe('text/calendar; charset=UTF-8; method=CANCEL');
  });
});
