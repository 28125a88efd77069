import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../events/triggers.js';
import { deliverDeps } from '../../functions/deliver-notifications/deps.js';
import type { LocalStack } from '../../local/stack.js';
import { documentClient } from '../../shared/aws/clients.js';
import { DeliverConfig, loadConfig } from '../../shared/config/config.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { localTime } from '../../shared/domain/calendar.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import type { IntentItem } from '../../shared/store/intent.js';
import type { IntentRepository } from '../../shared/store/ports.js';
import { attachmentsOf, call, inbox, obiliqFamily, parteshFamily, replaceStreamHandler, stackForFile, type SesEmail } from './support.js';

/**
 * The joint home visit and the welcome SMS end to end on the local stack: POST /cases and
 * POST /cases/{id}/home-visit/plan through the api handler, the intents on DynamoDB Local's
 * stream, deliver-notifications, the SES v2 emulator (the invitations and their .ics, parsed with
 * ical.js) and the SMS sink; the sweep releasing an SMS planned at night in the morning. The deliver
 * function is the stack's own handler module and wiring, with a hook after its claim of an intent
 * (`afterClaim`): what a coordinator does while delivery holds that intent.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const centre = directory.office('obiliq', 'social_work_centre')!;
const drpr = obiliq.contacts.find((c) => c.role === 'drpr')!;

/** Run once, after delivery's claim of the first intent `match` picks took. */
const afterClaim: { match: (i: IntentItem) => boolean; meanwhile: () => Promise<unknown> }[] = [];

stackForFile(async (s) => {
  stack = s;
  const { createHandler } = await import('../../functions/deliver-notifications/handler.js');
  const live = deliverDeps(loadConfig(DeliverConfig, stack.env), stack.clock);
  const real = live.intents;
  const intents = Object.assign(Object.create(real) as IntentRepository, {
    claim: async (...a: Parameters<IntentRepository['claim']>) => {
      const out = await real.claim(...a);
      const k = afterClaim.findIndex((h) => h.match(a[0] as IntentItem));
      if (out.claimed && k >= 0) await afterClaim.splice(k, 1)[0]!.meanwhile();
      return out;
    },
  });
  await replaceStreamHandler(stack, FUNCTIONS.deliverNotifications, createHandler({ ...live, intents }));
});

const textsTo = (phone: string) => stack.sms.messages().filter((m) => m.phoneNumber === phone);
const invitations = async (smrCaseId: string) => (await inbox(stack)).filter((e) => e.subject.includes(smrCaseId) && attachmentsOf(e).some((a) => a.contentType.startsWith('text/calendar')));

function calendarOf(email: SesEmail) {
  const ics = attachmentsOf(email).find((a) => a.contentType.startsWith('text/calendar'));
  expect(ics, `no calendar in ${email.subject}`).toBeDefined();
  expect(ics!.contentType).toMatch(/method=REQUEST/);
  const calendar = new ICAL.Component(ICAL.parse(ics!.text));
  ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    tzid: event.getFirstProperty('dtstart')!.getParameter('tzid'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    attendees: event.getAllProperties('attendee').map((a) => String(a.getFirstValue()).toLowerCase()),
    organizer: String(event.getFirstPropertyValue('organizer')).toLowerCase(),
  };
}

describe('the welcome SMS at registration', () => {
  it('texts a returnee who consented: the coordinator by first name, the work phone, the visit to come; once', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-WELCOME-1'), coordinatorId: coordinator.id, phone: '049 555 301' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await stack.settle();
    const sms = textsTo('+38349555301');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toContain(`${coordinator.name.split(' ')[0]},`);
    expect(sms[0]!.message).not.toContain(coordinator.name.split(' ')[1]!);
    expect(sms[0]!.message).toContain(coordinator.phone);
    const view = await call(stack, 'GET', `/cases/${created.body.caseId}`);
    expect(view.body.notifications.filter((n: { purpose: string }) => n.purpose === 'case.welcome')).toEqual([
      expect.objectContaining({ status: 'sent', template: 'case.returnee.welcome', channel: 'sms' }),
    ]);
  });

  it('texts nobody without consent', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-WELCOME-2'), coordinatorId: coordinator.id, phone: '049 555 302', consent: { sms: false, shareWithOffices: true } });
    expect(created.status).toBe(201);
    await stack.settle();
    expect(textsTo('+38349555302')).toEqual([]);
  });

  it('never tells a foreigner about return', async () => {
    const partesh = directory.municipality('partesh')!;
    const created = await call(stack, 'POST', '/cases', {
      ...parteshFamily('SMR-WELCOME-3'),
      coordinatorId: partesh.coordinators[0]!.id,
      category: 'foreigner',
      phone: '+49 151 23450303',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await stack.settle();
    const sms = textsTo('+4915123450303');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toMatch(/^Op[sš]tina Parte[sš]: /);
    expect(sms[0]!.message).not.toMatch(/povrat|vrat|OKZP|kuci!|kući!/i);
  });
});

describe('the joint home visit', () => {
  const phone = '+38349555310';
  let caseId: string;

  beforeAll(async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-VISIT-1'), coordinatorId: coordinator.id, phone: '049 555 310' });
    expect(created.status).toBe(201);
    caseId = created.body.caseId;
    await stack.settle();
  });

  it('refuses a time the offices do not work, naming the field, and writes nothing', async () => {
    const saturday = await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: '2026-11-28T10:00:00+01:00' });
    expect(saturday.status).toBe(400);
    expect(JSON.stringify(saturday.body)).toMatch(/"field":"at".*Saturday/);
    const evening = await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: '2026-11-24T17:00:00+01:00' });
    expect(evening.status).toBe(400);
    expect(JSON.stringify(evening.body)).toMatch(/working hours/);
    const noTime = await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { when: '2026-11-24T10:00:00+01:00' });
    expect(noTime.status).toBe(400);
    expect(JSON.stringify(noTime.body)).toMatch(/"field":"at"/);
    await stack.settle();
    expect(await invitations('SMR-VISIT-1')).toEqual([]);
    expect((await call(stack, 'GET', `/cases/${caseId}`)).body.homeVisitPlan).toBeUndefined();
  });

  it('invites the social work centre and DRPR with a calendar entry at the local time, and texts the family the day and time', async () => {
    const res = await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: '2026-11-24T10:00:00+01:00' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ sequence: 0, status: 'planned', invited: [centre.id, drpr.id] });
    await stack.settle();
    const mail = await invitations('SMR-VISIT-1');
    expect(mail.map((e) => e.destination.to).flat().sort()).toEqual([drpr.email, centre.email].sort());
    for (const e of mail) {
      const cal = calendarOf(e);
      expect(cal).toMatchObject({ method: 'REQUEST', sequence: 0, tzid: 'Europe/Belgrade', start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T10:00:00.000Z' });
      expect(cal.uid).toContain(caseId);
      expect(cal.attendees).toEqual([`mailto:${e.destination.to[0]}`]);
      expect(cal.organizer).toBe(`mailto:${coordinator.email}`);
      expect(e.body.text).not.toContain('Krasniqi');
    }
    // The centre reads Albanian and Serbian: one email, both languages.
    expect(mail.find((e) => e.destination.to.includes(centre.email))!.body.text).toMatch(/Koha: 24\.11\.2026, 10:00–11:00[\s\S]*Termin: 24\.11\.2026, 10:00–11:00/);
    const visitSms = textsTo(phone).filter((m) => m.message.includes('24.11.2026'));
    expect(visitSms).toHaveLength(1);
    expect(visitSms[0]!.message).toContain('24.11.2026');
    expect(visitSms[0]!.message).toMatch(/10:00/);
  });

  it('sends nothing twice when the same request comes again', async () => {
    const mails = (await inbox(stack)).length;
    const texts = stack.sms.messages().length;
    const res = await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: '2026-11-24T09:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body.sequence).toBe(0);
    await stack.settle();
    expect((await inbox(stack)).length).toBe(mails);
    expect(stack.sms.messages().length).toBe(texts);
  });

  it('moved at night: the offices get the update at once (same UID, SEQUENCE 1), the family its SMS at 08:00', async () => {
    stack.clock.set(localTime('2026-11-23', 21));
    const res = await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: '2026-11-25T13:30:00+01:00', meetAt: 'ZKKK, kati 2' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ sequence: 1, previousStart: '2026-11-24T09:00:00.000Z' });
    await stack.settle();
    const updates = (await invitations('SMR-VISIT-1')).filter((e) => calendarOf(e).sequence === 1);
    expect(updates).toHaveLength(2);
    const uids = new Set((await invitations('SMR-VISIT-1')).map((e) => calendarOf(e).uid));
    expect(uids.size).toBe(1);
    for (const e of updates) expect(calendarOf(e)).toMatchObject({ start: '2026-11-25T12:30:00.000Z' });
    expect(textsTo(phone).filter((m) => m.message.includes('25.11.2026'))).toEqual([]);

    await stack.advanceTo(new Date(localTime('2026-11-24', 8).getTime() + 6 * 60_000));
    await stack.settle();
    const moved = textsTo(phone).filter((m) => m.message.includes('25.11.2026'));
    expect(moved).toHaveLength(1);
    expect(moved[0]!.message).toMatch(/zhvendos.*13:30/);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    const sent = view.body.notifications.find((n: { purpose: string; status: string; template: string }) => n.template === 'visit.returnee.moved');
    expect(sent.status).toBe('sent');
    expect(Date.parse(sent.sentAt)).toBeGreaterThanOrEqual(localTime('2026-11-24', 8).getTime());
    expect(view.body.homeVisitPlan).toMatchObject({ sequence: 1, status: 'planned', meetAt: 'ZKKK, kati 2', start: '2026-11-25T12:30:00.000Z' });
  });

  it('recording the visit marks the plan done and stops the 72-hour clock', async () => {
    const res = await call(stack, 'POST', `/cases/${caseId}/home-visit`, {});
    expect(res.status).toBe(200);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    expect(view.body.homeVisitPlan).toMatchObject({ status: 'done', sequence: 1 });
    expect(view.body.upcoming.filter((t: { kind: string }) => t.kind.startsWith('visit.'))).toEqual([]);
    const again = await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: '2026-11-26T10:00:00+01:00' });
    expect(again.status).toBe(409);
  });
});

describe("the home visit moved while the family's SMS of its last move is with the provider", () => {
  it('answers 409 and writes nothing; throttled back, the retry replaces that SMS: the family hears of the last time only', async () => {
    const phone = '+38349555331';
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-VISIT-HELD'), coordinatorId: coordinator.id, phone: '049 555 331' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId: string = created.body.caseId;
    const planAt = (at: string) => call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at });
    expect((await planAt('2026-11-26T10:00:00+01:00')).status).toBe(200);
    await stack.settle();
    const before = textsTo(phone).length;
    // Moved at 21:00: the family's SMS waits for 08:00.
    stack.clock.set(localTime('2026-11-24', 21));
    expect((await planAt('2026-11-27T10:00:00+01:00')).status).toBe(200);
    await stack.settle();

    // 08:00: SNS has that SMS when the coordinator moves the visit again, and then throttles it.
    const faults = stack.sms.failedPublishes;
    let during: Awaited<ReturnType<typeof call>> | undefined;
    stack.sms.failPublishes(1, undefined, { phoneNumber: phone, meanwhile: async () => void (during = await planAt('2026-11-30T10:00:00+01:00')) });
    await stack.advanceTo(new Date(localTime('2026-11-25', 8).getTime() + 30_000));
    await stack.settle();
    expect(stack.sms.failedPublishes - faults).toBe(1);
    expect(during?.status, JSON.stringify(during?.body)).toBe(409);
    expect(during?.body).toMatchObject({ field: 'at', code: 'sms-being-sent' });
    const family = async () => ((await call(stack, 'GET', `/cases/${caseId}`)).body.notifications as { purpose: string; status: string }[]).filter((n) => n.purpose === 'visit.family');
    expect((await family()).map((n) => n.status)).toEqual(['sent', 'deferred']);

    // The coordinator tries again: the throttled SMS, back to deferred, is cancelled in the move's write.
    const again = await planAt('2026-11-30T10:00:00+01:00');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    await stack.settle();
    await stack.advanceTo(new Date(localTime('2026-11-25', 8).getTime() + 20 * 60_000));
    expect(textsTo(phone).slice(before).map((m) => m.message)).toEqual([expect.stringMatching(/zhvendos.*30\.11\.2026, ne oren 10:00/)]);
    expect((await family()).map((n) => n.status)).toEqual(['sent', 'cancelled', 'sent']);
  }, 240_000);
});

describe('the home visit moved while an invitation of the version before is being sent', () => {
  it('that invitation is not sent (ended cancelled, VisitMoved): the offices get the new version only, the family one SMS of the new time', async () => {
    const phone = '+38349555341';
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-VISIT-RACE'), coordinatorId: coordinator.id, phone: '049 555 341' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId: string = created.body.caseId;
    await stack.settle();
    const before = textsTo(phone).length;
    const planAt = (at: string) => call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at });

    // At night: the invitations go at once (both in parallel), the family's SMS waits for 08:00.
    // Delivery claims an invitation, and the coordinator moves the visit then; each invitation
    // claimed meanwhile waits for the move, whose cancelling finds it `sending` and leaves it.
    stack.clock.set(localTime('2026-11-25', 21));
    let move: ReturnType<typeof planAt> | undefined;
    const firstVersion = (i: IntentItem) => i.pk === `CASE#${caseId}` && i.template === 'visit.office.invitation' && i.sourceId === `${caseId}#homevisit#0`;
    for (let k = 0; k < 2; k++) afterClaim.push({ match: firstVersion, meanwhile: () => (move ??= planAt('2026-12-02T10:00:00+01:00')) });
    expect((await planAt('2026-12-01T10:00:00+01:00')).status).toBe(200);
    await stack.settle();
    // The second is left armed when its claim came after the move had cancelled it.
    afterClaim.length = 0;
    const moved = await move;
    expect(moved?.status, JSON.stringify(moved?.body)).toBe(200);
    expect(moved?.body).toMatchObject({ sequence: 1, start: '2026-12-02T09:00:00.000Z' });

    const mail = await invitations('SMR-VISIT-RACE');
    expect(mail.map((e) => [e.destination.to[0], calendarOf(e).sequence, calendarOf(e).start]).sort()).toEqual(
      [
        [centre.email, 1, '2026-12-02T09:00:00.000Z'],
        [drpr.email, 1, '2026-12-02T09:00:00.000Z'],
      ].sort(),
    );
    const view = await dynamoRepositories(documentClient(), stack.tableName).cases.view(caseId);
    const invites = view!.intents.filter((i) => i.template === 'visit.office.invitation');
    expect(invites.map((i) => [i.sourceId, i.status])).toEqual([
      [`${caseId}#homevisit#0`, 'cancelled'],
      [`${caseId}#homevisit#0`, 'cancelled'],
      [`${caseId}#homevisit#1`, 'sent'],
      [`${caseId}#homevisit#1`, 'sent'],
    ]);
    // Those being claimed stopped by delivery's last check (one or both: the other, still queued then, by the move's cancelling).
    const reasons = view!.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason);
    expect(reasons.length).toBeGreaterThanOrEqual(1);
    expect(new Set(reasons)).toEqual(new Set(['VisitMoved']));
    expect(view!.intents.filter((i) => i.template === 'followup.coordinator')).toEqual([]);

    await stack.advanceTo(new Date(localTime('2026-11-26', 8).getTime() + 6 * 60_000));
    await stack.settle();
    expect(textsTo(phone).slice(before).map((m) => m.message)).toEqual([expect.stringMatching(/te merkuren, 02\.12\.2026, ne oren 10:00/)]);
  }, 240_000);
});

describe('the home visit called off while its invitations are being sent', () => {
  const sentCalendars = async (smrCaseId: string) =>
    (await invitations(smrCaseId)).map((e) => {
      const ics = attachmentsOf(e).find((a) => a.contentType.startsWith('text/calendar'))!;
      const event = new ICAL.Component(ICAL.parse(ics.text)).getFirstSubcomponent('vevent')!;
      return [e.destination.to[0], /method=CANCEL/.test(ics.contentType) ? 'CANCEL' : 'REQUEST', Number(event.getFirstPropertyValue('sequence'))];
    });

  it('no office is sent a calendar cancellation for an invitation it never got; planned again and called off, both invited offices get it', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-VISIT-OFF'), coordinatorId: coordinator.id, phone: '049 555 342' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId: string = created.body.caseId;
    await stack.settle();
    const planAt = (at: string) => call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at });
    const callOff = () => call(stack, 'DELETE', `/cases/${caseId}/home-visit/plan`);

    // At night, so that the family's SMS waits for 08:00 (the call-off replaces it unsent) and only
    // the invitations are going out. Delivery claims them, and the coordinator calls the visit off
    // then: each waits for the call-off, then meets its last check.
    await stack.advanceTo(localTime('2026-11-26', 21));
    let off: ReturnType<typeof callOff> | undefined;
    const firstVersion = (i: IntentItem) => i.pk === `CASE#${caseId}` && i.template === 'visit.office.invitation' && i.sourceId === `${caseId}#homevisit#0`;
    for (let k = 0; k < 2; k++) afterClaim.push({ match: firstVersion, meanwhile: () => (off ??= callOff()) });
    expect((await planAt('2026-12-03T10:00:00+01:00')).status).toBe(200);
    await stack.settle();
    afterClaim.length = 0;
    const offAnswer = await off;
    expect(offAnswer?.status, JSON.stringify(offAnswer?.body)).toBe(200);
    // A cancellation delivered while an invitation was still being sent waits for it
    // (InvitationInFlight; whether one does here depends on the stream's order, the unit tests
    // cover the wait): its retry, released by the sweep.
    await stack.advanceTo(new Date(stack.clock.now().getTime() + 15 * 60_000));
    await stack.settle();

    const repos = dynamoRepositories(documentClient(), stack.tableName);
    let view = await repos.cases.view(caseId);
    const ofTemplate = (template: IntentItem['template']) => view!.intents.filter((i) => i.template === template);
    expect(ofTemplate('visit.office.invitation').map((i) => i.status)).toEqual(['cancelled', 'cancelled']);
    expect(ofTemplate('visit.office.cancelled').map((i) => i.status)).toEqual(['cancelled', 'cancelled']);
    expect(view!.audit.filter((a) => a.event === 'notification.cancelled' && a.subjectId.includes('#visit.cancel#')).map((a) => a.detail?.reason)).toEqual(['OfficeNeverInvited', 'OfficeNeverInvited']);
    expect(await sentCalendars('SMR-VISIT-OFF')).toEqual([]);
    expect(view!.intents.filter((i) => i.template === 'followup.coordinator')).toEqual([]);

    // Planned again (a new invitation, SEQUENCE 2), sent; then called off (SEQUENCE 3): both offices hear.
    expect((await planAt('2026-12-04T10:00:00+01:00')).status).toBe(200);
    await stack.settle();
    expect((await callOff()).status).toBe(200);
    await stack.settle();
    expect((await sentCalendars('SMR-VISIT-OFF')).sort()).toEqual(
      [
        [centre.email, 'CANCEL', 3],
        [centre.email, 'REQUEST', 2],
        [drpr.email, 'CANCEL', 3],
        [drpr.email, 'REQUEST', 2],
      ].sort(),
    );
    view = await repos.cases.view(caseId);
    expect(ofTemplate('visit.office.cancelled').map((i) => i.status)).toEqual(['cancelled', 'cancelled', 'sent', 'sent']);
  }, 240_000);
});
