import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import { PlanVisitInput } from '../../../shared/domain/case.js';
import { DEFAULT_SMS_POLICY } from '../../../shared/domain/sms-policy.js';
import { Language } from '../../../shared/domain/vocabulary.js';
import { gsmStats, renderAny, toGsm7 } from '../../../shared/messages/index.js';
import { applySmsPolicy } from '../../../shared/messages/sms-policy.js';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { planHomeVisit, visitUid } from '../../../shared/referrals/home-visit.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { closeCase, recordHomeVisit } from '../../../shared/referrals/lifecycle.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { arrival, COORDINATOR, deliverDeps, sweepDeps, valueOf, world, type World } from '../support/world.js';

/**
 * The joint home visit and the welcome SMS, on the in-memory repositories: what is decided with
 * the case's change, and what the deliver function then sends (invitations with their calendar
 * entry, the family's SMS), once.
 */

/** Tuesday 24 November 2026, 10:00 in Kosovo (the world's clock is Monday 10:00). */
const TUESDAY_10 = '2026-11-24T10:00:00+01:00';
const plan = (at: string, more: Record<string, unknown> = {}) => PlanVisitInput.parse({ at, ...more });

async function registered(w: World, fields: Record<string, unknown> = {}) {
  return valueOf(await createCase(arrival('SMR-2026-0142', fields), w.intake, COORDINATOR));
}

const intentsOf = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents;

/** Delivers every queued intent of the case, as the stream would hand them over. */
async function deliverAll(w: World, caseId: string) {
  const d = deliverDeps(w);
  for (const i of await intentsOf(w, caseId)) if (i.status === 'queued') await deliverIntent(i, d.deps);
  return d;
}

function calendarOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    tzid: event.getFirstProperty('dtstart')!.getParameter('tzid'),
    attendees: event.getAllProperties('attendee').map((a) => String(a.getFirstValue()).toLowerCase()),
  };
}

describe('the welcome SMS at registration', () => {
  it('tells a returnee who follows the case by first name, the work phone and the visit to come, once', async () => {
    const w = world();
    const c = await registered(w);
    const welcome = (await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'case.welcome');
    expect(welcome).toHaveLength(1);
    expect(welcome[0]).toMatchObject({ template: 'case.returnee.welcome', status: 'queued', recipient: '+38349555123', languages: ['sq'] });
    const { sms } = await deliverAll(w, c.caseId);
    expect(sms.sent.map((m) => m.phoneNumber)).toEqual(['+38349555123']);
    const text = sms.sent[0]!.text;
    expect(text).toContain('Drita');
    expect(text).not.toContain('Berisha');
    expect(text).toContain('+38344123456');
    expect(text).toMatch(/vizitojm/);
    // A second delivery of the same record sends nothing.
    await deliverIntent(welcome[0]!, deliverDeps(w).deps);
    expect((await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'case.welcome' && i.status === 'sent')).toHaveLength(1);
  });

  it('never tells a foreigner about return, in any language', async () => {
    for (const language of ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const) {
      const w = world();
      const c = await registered(w, { municipalityId: 'partesh', coordinatorId: 'partesh-okzp-01', category: 'foreigner', preferredLanguage: language });
      const [welcome] = (await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'case.welcome');
      expect(welcome!.template).toBe('case.foreigner.welcome');
      const { sms } = await deliverAll(w, c.caseId);
      const text = sms.sent[0]!.text;
      expect(text, language).toContain('Milica');
      expect(text, language).not.toMatch(/kthy|kthim|return|povrat|vrat|поврат|врат|OKZP|ZKKK|ОКЗП/i);
    }
  });

  it('is not sent without consent to SMS, nor without a phone number', async () => {
    for (const fields of [{ consent: { sms: false, shareWithOffices: true } }, { phone: undefined }]) {
      const w = world();
      const c = await registered(w, fields);
      const [welcome] = (await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'case.welcome');
      expect(welcome).toMatchObject({ status: 'skipped' });
      expect(welcome!.recipient).toBeUndefined();
      const { sms } = await deliverAll(w, c.caseId);
      expect(sms.sent).toEqual([]);
    }
  });

  it('waits for the morning when the case is registered at night', async () => {
    const w = world(new Date('2026-11-23T20:30:00Z')); // 21:30 in Kosovo
    const c = await registered(w);
    const [welcome] = (await intentsOf(w, c.caseId)).filter((i) => i.purpose === 'case.welcome');
    expect(welcome).toMatchObject({ status: 'deferred', notBefore: '2026-11-24T07:00:00.000Z', dueAt: '2026-11-24T07:00:00.000Z' });
  });
});

describe('planning the joint home visit', () => {
  it('invites the social work centre and the regional DRPR coordinator with a calendar entry, and texts the family', async () => {
    const w = world();
    const c = await registered(w);
    const out = valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    expect(out).toMatchObject({ start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T10:00:00.000Z', sequence: 0, status: 'planned', invited: ['obiliq-social-work-centre', 'obiliq-drpr-regional'] });

    const { email, sms } = await deliverAll(w, c.caseId);
    expect(email.sent.map((m) => m.to).flat().sort()).toEqual(['drpr.obiliq@mpb.example.org', 'qps@obiliq.example.org']);
    for (const m of email.sent) {
      const ics = m.attachments?.find((a) => a.contentType.startsWith('text/calendar'));
      expect(ics?.contentType).toBe('text/calendar; charset=UTF-8; method=REQUEST');
      const cal = calendarOf(String(ics!.content));
      expect(cal).toMatchObject({ method: 'REQUEST', uid: visitUid(c.caseId), sequence: 0, tzid: 'Europe/Belgrade', start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T10:00:00.000Z' });
      expect(cal.attendees).toEqual([`mailto:${m.to[0]}`]);
      expect(m.subject).toContain('SMR-2026-0142');
      // No name of the family goes to the offices' calendars.
      expect(m.text + String(ics!.content)).not.toMatch(/Krasniqi|Bekim/);
    }
    const visitSms = sms.sent.filter((m) => m.text.includes('24.11.2026'));
    expect(visitSms).toHaveLength(1);
    // Two UCS-2 segments as written, one in GSM-7: with the returnee page on (the default) it goes in one.
    expect(visitSms[0]!.text).toContain(toGsm7('të martën, 24.11.2026, në orën 10:00'));
    expect((await w.repos.cases.get(c.caseId))?.homeVisitPlan).toMatchObject({ sequence: 0, status: 'planned' });
  });

  it('is not sent without its calendar entry by a function built without the calendar (route-referrals leaves it out)', async () => {
    const w = world();
    const c = await registered(w);
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    const { deps, email } = deliverDeps(w);
    const { calendar: _, ...withoutCalendar } = deps;
    const invitations = (await intentsOf(w, c.caseId)).filter((i) => i.status === 'queued' && i.channel === 'email');
    expect(invitations).toHaveLength(2);
    for (const i of invitations) expect(await deliverIntent(i, withoutCalendar)).toBe('failed');
    expect(email.sent).toEqual([]);
    expect((await intentsOf(w, c.caseId)).filter((i) => i.channel === 'email').map((i) => [i.status, i.failure?.code])).toEqual([
      ['failed', 'RenderError'],
      ['failed', 'RenderError'],
    ]);
  });

  it('writes and sends nothing twice when the same request comes again', async () => {
    const w = world();
    const c = await registered(w);
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    const before = await intentsOf(w, c.caseId);
    const again = valueOf(await planHomeVisit(c.caseId, plan('2026-11-24T09:00:00Z'), w.intake, COORDINATOR));
    expect(again.sequence).toBe(0);
    expect(await intentsOf(w, c.caseId)).toEqual(before);
  });

  it('moves the visit: an updated invitation (same UID, higher SEQUENCE) and a short SMS', async () => {
    const w = world();
    const c = await registered(w);
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    await deliverAll(w, c.caseId);
    const moved = valueOf(await planHomeVisit(c.caseId, plan('2026-11-25T13:30:00+01:00'), w.intake, COORDINATOR));
    expect(moved).toMatchObject({ sequence: 1, previousStart: '2026-11-24T09:00:00.000Z', start: '2026-11-25T12:30:00.000Z' });
    const { email, sms } = await deliverAll(w, c.caseId);
    expect(email.sent).toHaveLength(2);
    for (const m of email.sent) {
      const cal = calendarOf(String(m.attachments![0]!.content));
      expect(cal).toMatchObject({ uid: visitUid(c.caseId), sequence: 1, start: '2026-11-25T12:30:00.000Z' });
      expect(m.text).toContain('24.11.2026 10:00');
    }
    expect(sms.sent.map((m) => m.text)).toEqual([expect.stringMatching(/u zhvendos.*te merkuren, 25\.11\.2026, ne oren 13:30/)]);
  });

  it("cancels an older version's SMS still waiting for the morning; the family, never told of the first time, hears of the visit as planned", async () => {
    const w = world(new Date('2026-11-23T19:30:00Z')); // 20:30 in Kosovo
    const c = await registered(w);
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    valueOf(await planHomeVisit(c.caseId, plan('2026-11-24T11:00:00+01:00'), w.intake, COORDINATOR));
    const family = (await intentsOf(w, c.caseId)).filter((i: IntentItem) => i.purpose === 'visit.family');
    expect(family.map((i) => [i.sourceId, i.template, i.status])).toEqual([
      [`${c.caseId}#homevisit#0`, 'visit.returnee.planned', 'cancelled'],
      [`${c.caseId}#homevisit#1`, 'visit.returnee.planned', 'deferred'],
    ]);
  });

  it('respects consent: the offices are invited, the family gets no SMS', async () => {
    const w = world();
    const c = await registered(w, { consent: { sms: false, shareWithOffices: false } });
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    const { email, sms } = await deliverAll(w, c.caseId);
    expect(email.sent).toHaveLength(2);
    expect(sms.sent).toEqual([]);
    expect((await intentsOf(w, c.caseId)).find((i) => i.purpose === 'visit.family')).toMatchObject({ status: 'skipped', skipReason: 'no_sms_consent' });
  });

  it.each([
    ['in the past', '2026-11-23T09:00:00+01:00', /future/],
    ['on a Saturday', '2026-11-28T10:00:00+01:00', /Saturday/],
    ['on a public holiday', '2026-12-25T10:00:00+01:00', /public holiday/],
    ['before the offices open', '2026-11-24T07:30:00+01:00', /working hours/],
    ['ending after they close', '2026-11-24T15:30:00+01:00', /working hours/],
    ['more than 60 days ahead', '2027-03-01T10:00:00+01:00', /60 days/],
  ])('refuses a time %s, naming the field and why', async (_what, at, why) => {
    const w = world();
    const c = await registered(w);
    const before = await intentsOf(w, c.caseId);
    expect(await planHomeVisit(c.caseId, plan(at), w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'at', message: expect.stringMatching(why) } });
    expect(await intentsOf(w, c.caseId)).toEqual(before);
  });

  it('is refused for a closed case, and once the visit is recorded', async () => {
    const w = world();
    const c = await registered(w);
    valueOf(await recordHomeVisit(c.caseId, undefined, w.intake));
    expect(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'stale', field: 'at' } });
    const other = world();
    const d = await registered(other);
    await closeCase(d.caseId, other.intake, COORDINATOR);
    expect(await planHomeVisit(d.caseId, plan(TUESDAY_10), other.intake, COORDINATOR)).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });
});

describe("a change of the meeting point alone, while the family's SMS waits for the morning", () => {
  /** Monday 20:30 in Kosovo: SMS wait for 08:00. */
  const EVENING = '2026-11-23T19:30:00Z';
  /** Tuesday 08:01, when the sweep has released them. */
  const MORNING = '2026-11-24T07:01:00Z';
  const ZKKK = { meetAt: 'ZKKK, kati 2' };

  /** The sweep at 08:00, then each SMS it released delivered: the texts the family gets that morning. */
  async function morningTexts(w: World, caseId: string) {
    w.clock.set(MORNING);
    await sweepTimers(sweepDeps(w));
    const { sms } = await deliverAll(w, caseId);
    return sms.sent.map((m) => toGsm7(m.text));
  }
  const familyOf = async (w: World, caseId: string) => (await intentsOf(w, caseId)).filter((i) => i.purpose === 'visit.family').map((i) => [i.template, i.status]);

  it('never told of the visit: the held "planned" SMS is replaced by one of the same day and time, and the family gets it once', async () => {
    const w = world(new Date(EVENING));
    const c = await registered(w);
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    const edited = valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10, ZKKK), w.intake, COORDINATOR));
    expect(edited).toMatchObject({ sequence: 1, meetAt: 'ZKKK, kati 2', start: '2026-11-24T09:00:00.000Z' });
    expect(await familyOf(w, c.caseId)).toEqual([
      ['visit.returnee.planned', 'cancelled'],
      ['visit.returnee.planned', 'deferred'],
    ]);
    // Where the team meets is the offices' concern: the family is visited at home, and its SMS says
    // when, as a step of the one SMS that also brings the welcome held since the evening.
    expect(await morningTexts(w, c.caseId)).toEqual([
      expect.stringMatching(/^ZKKK Obiliq: Mire se u kthyet! .* 1\) Drita do t'ju vizitoje ne shtepi te marten, 24\.11\.2026, ne oren 10:00\. /),
    ]);
    expect(await familyOf(w, c.caseId)).toEqual([
      ['visit.returnee.planned', 'cancelled'],
      ['visit.returnee.planned', 'sent'],
    ]);
  });

  it('told of the first time, its move held: the edit replaces the held "moved" SMS with one of the same new time, sent once', async () => {
    const w = world();
    const c = await registered(w);
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    await deliverAll(w, c.caseId);
    w.clock.set(EVENING);
    valueOf(await planHomeVisit(c.caseId, plan('2026-11-25T13:30:00+01:00'), w.intake, COORDINATOR));
    valueOf(await planHomeVisit(c.caseId, plan('2026-11-25T13:30:00+01:00', ZKKK), w.intake, COORDINATOR));
    expect(await familyOf(w, c.caseId)).toEqual([
      ['visit.returnee.planned', 'sent'],
      ['visit.returnee.moved', 'cancelled'],
      ['visit.returnee.moved', 'deferred'],
    ]);
    expect(await morningTexts(w, c.caseId)).toEqual([toGsm7("ZKKK Obiliq: Vizita në shtëpi u zhvendos. Do t'ju vizitojmë të mërkurën, 25.11.2026, në orën 13:30. Pyetje: +38344123456")]);
  });
});

describe('recording the planned visit', () => {
  it('marks the plan done and stops the 72-hour clock', async () => {
    const w = world();
    const c = await registered(w);
    valueOf(await planHomeVisit(c.caseId, plan(TUESDAY_10), w.intake, COORDINATOR));
    const visitTimers = async () => (await w.repos.cases.view(c.caseId))!.timers.filter((t) => t.kind.startsWith('visit.')).map((t) => t.status);
    expect(await visitTimers()).toEqual(['pending', 'pending']);
    w.clock.set('2026-11-24T10:15:00Z');
    valueOf(await recordHomeVisit(c.caseId, '2026-11-24T10:00:00.000Z', w.intake));
    expect(await visitTimers()).toEqual(['cancelled', 'cancelled']);
    expect((await w.repos.cases.get(c.caseId))?.homeVisitPlan).toMatchObject({ status: 'done', doneAt: '2026-11-24T10:00:00.000Z', sequence: 0 });
  });
});

describe("the family's SMS, counted with the project's own gsm.ts", () => {
  const texts = (templateId: 'case.returnee.welcome' | 'case.foreigner.welcome' | 'visit.returnee.planned' | 'visit.returnee.moved' | 'visit.returnee.cancelled', lang: Language) =>
    bundledDirectory()
      .municipalities()
      .flatMap((m) =>
        m.coordinators.map(
          (c) =>
            renderAny(
              templateId,
              { category: templateId === 'case.foreigner.welcome' ? 'foreigner' : 'returnee', municipality: m.name, coordinatorOffice: m.coordinatorOffice, coordinatorPhone: c.phone, coordinatorName: c.name.split(' ')[0], start: '2026-11-25T14:45:00Z' },
              [lang],
            ).sms!,
        ),
      );

  it('welcome: one GSM-7 segment in English, and in Albanian and Serbian once written without diacritics; two UCS-2 segments as written', () => {
    for (const id of ['case.returnee.welcome', 'case.foreigner.welcome'] as const) {
      for (const text of texts(id, 'en')) expect(gsmStats(text), text).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      for (const lang of ['sq', 'sr-Latn', 'sr-Cyrl'] as const) {
        for (const text of texts(id, lang)) {
          expect(gsmStats(text), text).toMatchObject({ encoding: 'UCS-2', segments: 2 });
          expect(gsmStats(toGsm7(text)), text).toMatchObject({ encoding: 'GSM-7', segments: 1 });
          // Under the default policy (the returnee page on: 'auto' aims at one segment) it goes in GSM-7;
          // with the page off ('auto' keeps the letters up to two segments) as written.
          expect(applySmsPolicy(text, lang, DEFAULT_SMS_POLICY)).toMatchObject({ transliterated: true, withinCap: true, stats: { segments: 1 } });
          expect(applySmsPolicy(text, lang, { ...DEFAULT_SMS_POLICY, returneePage: false })).toMatchObject({ transliterated: false, withinCap: true });
        }
      }
    }
  });

  it('the visit planned or moved: one segment in English, at most two as written otherwise', () => {
    for (const id of ['visit.returnee.planned', 'visit.returnee.moved'] as const) {
      for (const lang of Language.options) {
        for (const text of texts(id, lang)) expect(gsmStats(text).segments, `${lang}: ${text}`).toBeLessThanOrEqual(lang === 'en' ? 1 : 2);
      }
    }
  });

  it('the visit called off: one GSM-7 segment as the default policy sends it, in every language (Albanian as written takes three)', () => {
    for (const lang of Language.options) {
      for (const text of texts('visit.returnee.cancelled', lang)) {
        expect(applySmsPolicy(text, lang, DEFAULT_SMS_POLICY).stats, `${lang}: ${text}`).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      }
    }
  });
});
