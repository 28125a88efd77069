import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { municipalityPk } from '../../shared/store/owner.js';
import { attachmentsOf, call, inbox, lambdaContext, obiliqFamily, stackForFile, type SesEmail } from './support.js';

/**
 * Coordination end to end on the local stack: recurring and ad-hoc meetings with calendar
 * invitations, agendas and reminders; digests; minutes and the indicators they feed. The clock
 * moves through December 2026 with the schedules (07:30 digests, 06:00 meeting planning) running
 * at their local times.
 */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
const obiliq = bundledDirectory().municipality('obiliq')!;
const convener = obiliq.coordinators[0]!;
const weekly = obiliq.coordinators[1]!;
const civilRegistry = obiliq.offices.find((o) => o.kind === 'civil_registry')!;
const employment = obiliq.offices.find((o) => o.kind === 'employment_office')!;
const iom = obiliq.contacts.find((c) => c.role === 'international')!;
const smr = 'SMR-2026-COORD-1';

stackForFile(async (s) => {
  stack = s;
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: convener.id });
  expect(created.status).toBe(201);
  const referral = await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
  expect(referral.status).toBe(201);
  await stack.settle();
});
afterAll(() => db?.destroy());

/** The calendar attachment of an email, parsed with ical.js (Thunderbird's parser). */
async function calendarOf(email: SesEmail): Promise<ICAL.Component> {
  const ics = attachmentsOf(email).find((a) => a.contentType.startsWith('text/calendar'));
  expect(ics, `no calendar attachment in ${email.subject}`).toBeDefined();
  expect(ics!.contentType).toMatch(/method=(REQUEST|CANCEL)/);
  expect(ics!.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
  return new ICAL.Component(ICAL.parse(ics!.text));
}

const to = (emails: SesEmail[], address: string) => emails.filter((e) => e.destination.to.includes(address));

async function intentsOf(pk: string) {
  const out = await db.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)', ExpressionAttributeValues: { ':pk': pk, ':n': 'NOTE#' } }));
  return (out.Items ?? []) as { purpose: string; recipient: string; status: string; sourceId: string; intentId: string }[];
}

describe('meetings', () => {
  let meetingId: string;
  let uid: string;

  it('recurring meetings are put on the calendar once, from the directory rules, by the 06:00 schedule', async () => {
    await stack.advanceTo(new Date('2026-11-24T05:30:00Z')); // 06:30 in Kosovo
    const list = await call(stack, 'GET', '/municipalities/obiliq/meetings');
    expect(list.status).toBe(200);
    const directorates = (list.body.meetings as { kind: string; start: string; meetingId: string }[]).filter((m) => m.kind === 'directorates');
    // First Tuesday of December, 10:00 in Kosovo (09:00Z in winter).
    expect(directorates.map((m) => m.start)).toContain('2026-12-01T09:00:00.000Z');
    const again = (await stack.handlers.planMeetings({ task: 'plan-meetings' })) as { created: number };
    expect(again.created).toBe(0);
  });

  it('an ad-hoc meeting invites each invitee in their language with a calendar entry and their own action points', async () => {
    // The civil registry's referral (due 30.11) is overdue from 1 December.
    await stack.advanceTo(new Date('2026-12-01T08:00:00Z'));
    const before = (await inbox(stack)).length;
    const res = await call(stack, 'POST', '/meetings', {
      municipalityId: 'obiliq',
      convenerId: convener.id,
      title: 'Rastet e familjeve të kthyera në dhjetor',
      start: '2026-12-10T10:00:00+01:00',
      end: '2026-12-10T11:30:00+01:00',
      location: 'Salla e mbledhjeve, Komuna e Obiliqit',
      invitees: [civilRegistry.id, employment.id, iom.id],
    });
    expect(res.status).toBe(201);
    meetingId = res.body.meetingId;
    await stack.settle();
    const emails = (await inbox(stack)).slice(before);
    for (const address of [convener.email, civilRegistry.email, employment.email, iom.email]) expect(to(emails, address), address).toHaveLength(1);

    const registry = to(emails, civilRegistry.email)[0]!;
    expect(registry.body.text).toContain(smr);
    expect(to(emails, employment.email)[0]!.body.text).not.toContain(smr);
    expect(to(emails, iom.email)[0]!.body.text).not.toContain(smr);

    const cal = await calendarOf(registry);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = cal.getFirstSubcomponent('vevent')!;
    uid = String(event.getFirstPropertyValue('uid'));
    expect(uid).toContain(meetingId);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    const start = event.getFirstProperty('dtstart')!;
    expect(start.getParameter('tzid')).toBe('Europe/Belgrade');
    expect(String(start.getFirstValue())).toBe('2026-12-10T10:00:00');
    expect(cal.getFirstSubcomponent('vtimezone')).toBeTruthy();
  });

  it('a redelivered stream record sends no invitation twice', async () => {
    const count = (await inbox(stack)).length;
    const events = stack.invocations.filter((i) => i.functionName === 'notify-meetings').map((i) => i.event);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) await stack.handlers.notifyMeetings(e, lambdaContext('notify-meetings'));
    await stack.settle();
    expect((await inbox(stack)).length).toBe(count);
  });

  it('a reschedule raises SEQUENCE on the same UID; the old reminders stay silent', async () => {
    const before = (await inbox(stack)).length;
    const res = await call(stack, 'PUT', `/meetings/${meetingId}`, { start: '2026-12-11T09:00:00+01:00' });
    expect(res.status).toBe(200);
    expect(res.body.sequence).toBe(1);
    await stack.settle();
    const emails = (await inbox(stack)).slice(before);
    expect(to(emails, civilRegistry.email)).toHaveLength(1);
    const event = (await calendarOf(to(emails, civilRegistry.email)[0]!)).getFirstSubcomponent('vevent')!;
    expect(String(event.getFirstPropertyValue('uid'))).toBe(uid);
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
    expect(String(event.getFirstProperty('dtstart')!.getFirstValue())).toBe('2026-12-11T09:00:00');

    // Through the meeting's 1-day reminder and past its end: reminders of sequence 1 only, then the minutes request.
    await stack.advanceTo(new Date('2026-12-11T12:00:00Z'));
    const view = await call(stack, 'GET', `/meetings/${meetingId}`);
    const purposes = (view.body.invitations as { purpose: string; intentId: string; status: string }[]).map((i) => i.intentId);
    expect(purposes.filter((p) => p.includes('#0#meeting.reminder'))).toEqual([]);
    expect(purposes.filter((p) => p.includes('#1#meeting.reminder.7d'))).toHaveLength(4);
    expect(purposes.filter((p) => p.includes('#1#meeting.reminder.1d'))).toHaveLength(4);
    expect(purposes.filter((p) => p.includes('meeting.minutes'))).toHaveLength(1);
    expect((view.body.timers as { status: string; sequence: number }[]).filter((t) => t.sequence === 0).every((t) => t.status === 'fired')).toBe(true);
  });

  it('minutes are recorded once and counted for the quarter', async () => {
    const bad = await call(stack, 'POST', `/meetings/${meetingId}/minutes`, { held: 'yes' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('held');
    const ok = await call(stack, 'POST', `/meetings/${meetingId}/minutes`, { held: true, casesDiscussed: [smr, smr] });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('held');
    const twice = await call(stack, 'POST', `/meetings/${meetingId}/minutes`, { held: true, casesDiscussed: [smr] });
    expect(twice.status).toBe(409);
    const figures = await call(stack, 'GET', '/municipalities/obiliq/indicators/2026-Q4');
    expect(figures.body.meetingsHeld).toBe(1);
    expect(figures.body.casesDiscussed).toBe(1);
    expect(figures.body.casesOpened).toBe(1);
    expect(figures.body.personsReferred.civil_registry).toBe(4);
  });

  it('cancelling a recurring meeting sends METHOD:CANCEL with the raised SEQUENCE', async () => {
    const list = await call(stack, 'GET', '/municipalities/obiliq/meetings');
    const next = (list.body.meetings as { kind: string; status: string; meetingId: string }[]).find((m) => m.kind === 'directorates' && m.status === 'scheduled')!;
    expect(next).toBeDefined();
    const before = (await inbox(stack)).length;
    const res = await call(stack, 'DELETE', `/meetings/${next.meetingId}`);
    expect(res.status).toBe(200);
    await stack.settle();
    const emails = to((await inbox(stack)).slice(before), civilRegistry.email);
    expect(emails).toHaveLength(1);
    const cal = await calendarOf(emails[0]!);
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = cal.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
    expect((await call(stack, 'DELETE', `/meetings/${next.meetingId}`)).status).toBe(404);
  });
});

describe('digests', () => {
  it('daily digests go only after a day with changes; weekly ones on Mondays; each coordinator as chosen', async () => {
    const notes = await intentsOf(municipalityPk('obiliq'));
    const daily = notes.filter((n) => n.purpose === 'digest.daily');
    const weeklies = notes.filter((n) => n.purpose === 'digest.weekly');
    // obiliq-zkkk-01 chose both, obiliq-zkkk-02 weekly only.
    expect(daily.filter((n) => n.recipient === weekly.email)).toEqual([]);
    expect(daily.filter((n) => n.recipient === convener.email).length).toBeGreaterThan(0);
    // Mondays 30.11 and 7.12 for both coordinators.
    expect(weeklies.map((n) => `${n.sourceId} ${n.recipient}`).sort()).toEqual(
      ['2026-11-29', '2026-12-06'].flatMap((d) => [convener.email, weekly.email].map((r) => `digest#weekly#${d} ${r}`)).sort(),
    );
    // The case was created on 23.11: the 24.11 digest covers it.
    expect(daily.map((n) => n.sourceId)).toContain('digest#daily#2026-11-23');
    // Partesh had no activity: no daily digest, only the weekly ones.
    const partesh = await intentsOf(municipalityPk('partesh'));
    expect(partesh.filter((n) => n.purpose === 'digest.daily')).toEqual([]);
    expect(partesh.filter((n) => n.purpose === 'digest.weekly').length).toBe(2);
    expect(partesh.filter((n) => n.purpose.startsWith('digest')).every((n) => n.status === 'sent')).toBe(true);
  });

  it('the digest email names the case by SMR id and lists the overdue referral', async () => {
    const digests = to(await inbox(stack), convener.email).filter((e) => e.subject.startsWith('Përmbledhja'));
    expect(digests.length).toBeGreaterThan(0);
    // The weekly digest of 30.11–6.12 (sent Monday 7.12): the referral due 30.11 is overdue.
    const week = digests.find((e) => e.subject.startsWith('Përmbledhja javore') && e.subject.includes('06.12.2026'));
    expect(week, digests.map((d) => d.subject).join('\n')).toBeDefined();
    expect(week!.body.text).toContain(smr);
    expect(week!.body.html).toContain(smr);
    expect(week!.body.text).toContain('30.11.2026');
    // Names, phone numbers and addresses of the family never appear in a digest.
    for (const d of digests) for (const pii of ['Krasniqi', 'Arben', '049 555', '+38349']) expect(d.body.text).not.toContain(pii);
  });

  it('a coordinator can switch their digest off; a bad choice names the field', async () => {
    const bad = await call(stack, 'PUT', `/municipalities/obiliq/coordinators/${convener.id}/digest`, { digest: 'hourly' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('digest');
    const ok = await call(stack, 'PUT', `/municipalities/obiliq/coordinators/${convener.id}/digest`, { digest: 'none' });
    expect(ok.status).toBe(200);
    const before = (await intentsOf(municipalityPk('obiliq'))).filter((n) => n.recipient === convener.email && n.purpose.startsWith('digest')).length;
    await stack.advanceTo(new Date('2026-12-15T07:00:00Z'));
    const after = (await intentsOf(municipalityPk('obiliq'))).filter((n) => n.recipient === convener.email && n.purpose.startsWith('digest')).length;
    expect(after).toBe(before);
  });
});
