import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { answerReturneePage, pageModel, showReturneePage, type ReturneePageDeps } from '../../../shared/cases/returnee-page.js';
import { householdOrder } from '../../../shared/delivery/household.js';
import { planReferralNotifications } from '../../../shared/referrals/plan-notifications.js';
import type { ReferralItem } from '../../../shared/store/referral.js';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { bundledDirectory, directoryFrom } from '../../../shared/directory/directory.js';
import { Language } from '../../../shared/domain/vocabulary.js';
import { localName } from '../../../shared/messages/render.js';
import { pageLinkExpiryDay, signPageToken, verifyPageToken } from '../../../shared/links/page-link.js';
import { appointmentIcs, PAGE_TEXT_KEYS, pageText, returneePageHtml, returneeRefusalHtml } from '../../../shared/pages/returnee-page.js';
import { closeCase, createAppointment } from '../../../shared/referrals/lifecycle.js';
import { presentCase } from '../../../shared/referrals/intake.js';
import { returnWordsIn } from '../../contract/return-words.js';
import { COORDINATOR, deliverDeps, LINK_KEY, LINKS_BASE, routed, valueOf, world, type World } from '../support/world.js';

/**
 * The returnee page on the in-memory repositories: the link the deliverer puts in the SMS, the
 * page it opens in the household's language (a foreigner's without a word of return), and the
 * answers, each recorded once, "I cannot come" reaching the coordinator by email.
 */

const deps = (w: World): ReturneePageDeps => ({ cases: w.repos.cases, directory: w.directory, key: w.key, clock: w.clock });
const tokenFor = (w: World, caseId: string) => signPageToken(caseId, pageLinkExpiryDay(w.clock.now()), LINK_KEY);
/** Wednesday 25 November 2026, 10:30 in Kosovo. */
const WEDNESDAY = '2026-11-25T09:30:00.000Z';

async function withAppointment(w: World, caseFields: Record<string, unknown> = {}) {
  const { c, r, sms } = await routed(w, { case: caseFields });
  const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: WEDNESDAY, title: 'Regjistrimi si punëkërkues', where: 'Zyra e Punësimit, Rr. Adem Jashari', bring: 'letërnjoftimin' }, w.intake));
  return { c, r, a, sms };
}

/** What a browser makes of the escaped markup (Mustache's escapes). */
const decoded = (html: string) => html.replace(/&#x2F;/g, '/').replace(/&#39;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const textOf = (html: string) => decoded(html.replace(/<[^>]+>/g, ' '));

describe('the SMS carries the returnee page link', () => {
  it('signed by the deliverer for the case, the same link on every attempt; none where the municipality turned the page off', async () => {
    const w = world();
    const { c, sms: intent } = await routed(w);
    const d = deliverDeps(w);
    expect(await deliverIntent(intent, d.deps)).toBe('sent');
    const text = d.sms.sent.at(-1)!.text;
    const url = text.match(/https:\/\/\S+\/p\/(\S+)/);
    expect(url, text).not.toBeNull();
    expect(url![0].startsWith(`${LINKS_BASE}/p/`)).toBe(true);
    expect(verifyPageToken(url![1]!, { current: LINK_KEY }, w.clock.now().getTime() / 1000)).toMatchObject({ ok: true, caseId: c.caseId });
    // The intent keeps no token or URL: the table never holds one.
    expect(JSON.stringify(await w.repos.cases.view(c.caseId))).not.toContain(url![1]!);
    // One GSM-7 segment with the link (sq, the bundled directory's civil registry).
    expect((await w.repos.cases.view(c.caseId))!.intents.find((i) => i.intentId === intent.intentId)!.sms).toMatchObject({ encoding: 'GSM-7', segments: 1 });

    const off = world();
    const muni = bundledDirectory().municipalities().map((m) => (m.id === 'obiliq' ? { ...m, sms: { maxSegments: 3, letters: { sq: 'auto', 'sr-Latn': 'auto', 'sr-Cyrl': 'auto', en: 'auto' }, returneePage: false } } : m));
    const second = await routed(off);
    const dOff = deliverDeps(off);
    expect(await deliverIntent(second.sms, { ...dOff.deps, directory: directoryFrom(muni as never) })).toBe('sent');
    const plain = dOff.sms.sent.at(-1)!.text;
    expect(plain).not.toContain('/p/');
    expect(plain).toContain('Hasan Prishtina');
  });
});

describe('an SMS with the page link that cannot go', () => {
  it("tells the coordinator everything it says without the page, and never the link (the follow-up is stored)", async () => {
    const w = world();
    const { c, sms: intent } = await routed(w);
    const d = deliverDeps(w);
    d.sms.optedOut.add(intent.recipient!);
    expect(await deliverIntent(intent, d.deps)).toBe('failed');
    const told = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.purpose === 'followup.coordinator')!;
    const message = String(told.data.message);
    expect(message).toContain('Hasan Prishtina');
    expect(message).not.toContain('/p/');
    expect(JSON.stringify(await w.repos.cases.view(c.caseId))).not.toContain('/p/');
  });
});

describe('the returnee page', () => {
  it('shows the steps in the household\'s language: appointments with a calendar file, offices with address, map, hours and what to bring, and two buttons each', async () => {
    for (const language of Language.options) {
      const w = world();
      const { c } = await withAppointment(w, { preferredLanguage: language });
      const shown = await showReturneePage(tokenFor(w, c.caseId), deps(w));
      if (shown.kind !== 'page') throw new Error(shown.reason);
      const m = shown.model;
      expect(m.steps.map((s) => s.kind)).toEqual(['appointment', 'referral']);
      const html = decoded(returneePageHtml(m, '/p/TOKEN'));
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(pageText('title', language));
      expect(html).toContain(pageText('greeting', language, { name: 'Bekim' }));
      // The office in the household's language, its map link, the calendar file, both buttons per step.
      const office = w.directory.municipality('obiliq')!.offices.find((o) => o.kind === 'civil_registry')!;
      expect(html).toContain(localName(office.name, language));
      expect(html).toContain(localName(office.hours, language));
      expect(html).toContain('https://www.openstreetmap.org/search?query=');
      expect(html).toMatch(/href="\/p\/TOKEN\/calendar\/[A-Z0-9]+"/);
      expect(html.match(/name="answer" value="yes"/g)).toHaveLength(2);
      expect(html.match(/name="answer" value="no"/g)).toHaveLength(2);
      expect(html).toContain(pageText('no', language));
      // No script, no family name, no phone number, no other origin for anything it loads.
      expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
      expect(html).not.toContain('Krasniqi');
      expect(html).not.toContain('Berisha');
      expect(textOf(html)).not.toMatch(/\+?\d[\d ]{7,}/);
      if (language === 'sr-Cyrl') expect(textOf(html)).toMatch(/[\u0400-\u04FF]/);
    }
  });

  it('a foreigner\'s page is signed by the municipality and never speaks of return, in any language', async () => {
    for (const language of Language.options) {
      const w = world();
      const { c } = await withAppointment(w, { municipalityId: 'partesh', coordinatorId: 'partesh-okzp-01', category: 'foreigner', preferredLanguage: language });
      const shown = await showReturneePage(tokenFor(w, c.caseId), deps(w));
      if (shown.kind !== 'page') throw new Error(shown.reason);
      const html = returneePageHtml(shown.model, '/p/TOKEN', 'recorded-no');
      expect(returnWordsIn(textOf(html)), language).toEqual([]);
      expect(textOf(html)).toMatch(/Komuna Partesh|Opština Parteš|Општина Партеш|Partesh Municipality/);
      expect(html).not.toMatch(/ZKKK|OKZP|ОКЗП/);
    }
  });

  it('every text of the page exists in every language, and none speaks of return', () => {
    for (const key of PAGE_TEXT_KEYS) {
      for (const lang of Language.options) {
        const t = pageText(key, lang);
        expect(t.length, `${key} ${lang}`).toBeGreaterThan(0);
        expect(returnWordsIn(t), `${key} ${lang}`).toEqual([]);
      }
    }
  });

  it('a sensitive referral shows neither office nor need, and takes no answer', async () => {
    const w = world();
    const { c } = await routed(w, { referral: { officeKind: 'health', need: 'health_care' } });
    const shown = await showReturneePage(tokenFor(w, c.caseId), deps(w));
    if (shown.kind !== 'page') throw new Error(shown.reason);
    expect(shown.model.steps).toEqual([expect.objectContaining({ kind: 'referral', sensitive: true, canAnswer: false })]);
    const html = decoded(returneePageHtml(shown.model, '/p/T'));
    expect(html).toContain(pageText('sensitive', 'sq'));
    expect(html).not.toContain('name="answer"');
    const health = w.directory.municipality('obiliq')!.offices.find((o) => o.kind === 'health')!;
    expect(html).not.toContain(health.name.sq);
  });

  it("lists the referrals in the plan's order: those made together by their place in it, as the household's SMS does, and a waiting one after the one it waits for", async () => {
    const w = world();
    const { c, r } = await routed(w);
    const view = (await w.repos.cases.view(c.caseId))!;
    const muni = w.directory.municipality('obiliq')!;
    // An assessment's referrals: one creation time, ids that are hashes (their order is chance).
    const together = (referralId: string, position: number, fields: Partial<ReferralItem> = {}): ReferralItem => ({
      ...r, sk: `REF#${referralId}`, referralId, position, createdAt: '2026-11-23T09:30:00.000Z', status: 'sent', ...fields,
    });
    const documents = together('f3a1', 0, { officeKind: 'civil_registry', need: 'civil_documents' });
    const assistance = together('0b7c', 2, { officeKind: 'social_work_centre', officeId: muni.offices.find((o) => o.kind === 'social_work_centre')!.id, need: 'social_support', status: 'waiting', dependsOn: 'f3a1' });
    const employment = together('9e42', 1, { officeKind: 'employment_office', officeId: muni.offices.find((o) => o.kind === 'employment_office')!.id, need: 'job_seeker_registration' });
    // Waits for a referral placed after it: still listed after that one.
    const housing = together('a001', 0, { createdAt: '2026-11-23T09:40:00.000Z', need: 'housing', status: 'waiting', dependsOn: 'c002' });
    const repair = together('c002', 1, { createdAt: '2026-11-23T09:40:00.000Z', need: 'housing' });
    const order = (referrals: ReferralItem[]) =>
      pageModel({ ...view, referrals, appointments: [] }, muni, w.clock.now()).steps.map((s) => s.id.replace('ref:', ''));
    expect(order([assistance, employment, documents, r])).toEqual([r.referralId, 'f3a1', '0b7c', '9e42']);
    expect(order([housing, repair, documents])).toEqual(['f3a1', 'c002', 'a001']);

    // The household's SMS lists the ones it carries in the same order.
    const sent = [employment, documents];
    const sms = sent.flatMap((x) => planReferralNotifications(x, c, muni, w.clock.now()).filter((i) => i.channel === 'sms'));
    expect(householdOrder(sms).map((i) => i.referralId)).toEqual(order(sent));
  });

  it('is refused, kindly, for a forged, an expired or a closed case\'s link', async () => {
    const w = world();
    const { c } = await routed(w);
    const good = tokenFor(w, c.caseId);
    expect(await showReturneePage(good.slice(0, -2) + 'AA', deps(w))).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/bad-signature|malformed/) });
    const old = signPageToken(c.caseId, Math.floor(w.clock.now().getTime() / 86_400_000) - 1, LINK_KEY);
    expect(await showReturneePage(old, deps(w))).toEqual({ kind: 'refused', reason: 'expired', language: 'sq' });
    // The link expires with the case: closed, its page is gone whatever the token's day says.
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    expect(await showReturneePage(good, deps(w))).toEqual({ kind: 'refused', reason: 'gone', language: 'sq' });
    expect(await answerReturneePage(good, { step: 'ref:x', answer: 'no' }, deps(w))).toMatchObject({ kind: 'refused', reason: 'gone' });
    for (const kind of ['invalid', 'expired', 'gone'] as const) {
      const html = returneeRefusalHtml(kind);
      for (const lang of ['sq', 'sr-Latn', 'en'] as const) expect(decoded(html)).toContain(pageText(`${kind}Body`, lang));
    }
  });

  it("stops working, saying nothing of the case, while SMS are stopped because the phone is not the household's", async () => {
    const w = world();
    const { c, a } = await withAppointment(w);
    const token = tokenFor(w, c.caseId);
    const step = `appt:${a.appointmentId}`;
    const optOut = async (reason?: 'returnee_asked' | 'wrong_number' | 'no_phone_access' | 'other') =>
      expect(await w.repos.cases.setSmsOptOut(c.caseId, reason ? { reason } : undefined, w.clock.now().toISOString(), COORDINATOR)).toBe(true);
    const old = signPageToken(c.caseId, Math.floor(w.clock.now().getTime() / 86_400_000) - 1, LINK_KEY);
    for (const reason of ['wrong_number', 'no_phone_access'] as const) {
      await optOut(reason);
      // A stranger holding the SMS sees neither the head's first name nor the appointments, and cannot answer for them.
      expect(await showReturneePage(token, deps(w)), reason).toEqual({ kind: 'refused', reason: 'withdrawn' });
      const before = (await w.repos.cases.view(c.caseId))!;
      expect(await answerReturneePage(token, { step, answer: 'no' }, deps(w)), reason).toEqual({ kind: 'refused', reason: 'withdrawn' });
      expect((await w.repos.cases.view(c.caseId))!, reason).toEqual(before);
      // Not even the case's language, from an expired link.
      expect(await showReturneePage(old, deps(w)), reason).toEqual({ kind: 'refused', reason: 'expired' });
    }
    // The phone is theirs: the page stays (it sends no SMS); and opting back in opens it again.
    for (const reason of ['returnee_asked', 'other', undefined] as const) {
      await optOut(reason);
      expect(await showReturneePage(token, deps(w)), String(reason)).toMatchObject({ kind: 'page', model: { firstName: 'Bekim' } });
    }
    expect(await answerReturneePage(token, { step, answer: 'no' }, deps(w))).toMatchObject({ kind: 'recorded' });

    // Closed after a wrong number: still "does not work", not "your case has been closed" in the family's language.
    await optOut('wrong_number');
    valueOf(await closeCase(c.caseId, w.intake, COORDINATOR));
    expect(await showReturneePage(token, deps(w))).toEqual({ kind: 'refused', reason: 'withdrawn' });
    expect(await answerReturneePage(token, { step, answer: 'yes' }, deps(w))).toEqual({ kind: 'refused', reason: 'withdrawn' });
  });

  it('gives each appointment as a calendar file (one event, its own UID, Kosovo time), the same bytes on every download', async () => {
    const w = world();
    const { c, a } = await withAppointment(w);
    const shown = await showReturneePage(tokenFor(w, c.caseId), deps(w));
    if (shown.kind !== 'page') throw new Error(shown.reason);
    const step = shown.model.steps.find((s) => s.kind === 'appointment')!;
    if (step.kind !== 'appointment') throw new Error('no appointment');
    const ics = appointmentIcs(shown.model, step, step.when);
    expect(appointmentIcs(shown.model, step, step.when)).toBe(ics);
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    const event = cal.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(`${c.caseId}-${a.appointmentId}@referrals.rks-municipalities.example.org`);
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Belgrade');
    expect(event.getFirstPropertyValue('summary')).toBe('Regjistrimi si punëkërkues');
    expect(ics).not.toMatch(/ORGANIZER|ATTENDEE|Krasniqi/);
  });
});

describe('I will come / I cannot come', () => {
  it('records an answer once however often it is pressed; "I cannot come" tells the coordinator by email, once', async () => {
    const w = world();
    const { c, a } = await withAppointment(w);
    const token = tokenFor(w, c.caseId);
    const step = `appt:${a.appointmentId}`;
    expect(await answerReturneePage(token, { step, answer: 'no' }, deps(w))).toMatchObject({ kind: 'recorded', answer: 'no' });
    expect(await answerReturneePage(token, { step, answer: 'no' }, deps(w))).toMatchObject({ kind: 'already' });
    let view = (await w.repos.cases.view(c.caseId))!;
    expect(view.pageAnswers).toMatchObject([{ step, answer: 'no', changes: 1 }]);
    const told = view.intents.filter((i) => i.purpose === 'page.cannot_come');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ channel: 'email', template: 'case.coordinator.cannot_come', recipient: 'koordinatori1.zkkk@obiliq.example.org', status: 'queued', languages: ['sq'] });

    // Delivered as any email: to the coordinator, with the case reference and the appointment, no name or number of the family.
    const d = deliverDeps(w);
    expect(await deliverIntent(told[0]!, d.deps)).toBe('sent');
    const mail = d.email.sent.at(-1)!;
    expect(mail.to).toEqual(['koordinatori1.zkkk@obiliq.example.org']);
    expect(mail.subject).toContain('SMR-2026-0142');
    expect(mail.text).toContain('Regjistrimi si punëkërkues');
    expect(mail.text).not.toMatch(/Krasniqi|Bekim|\+383/);

    // A changed mind is a new answer; "I cannot come" again tells the coordinator again.
    expect(await answerReturneePage(token, { step, answer: 'yes' }, deps(w))).toMatchObject({ kind: 'recorded', answer: 'yes' });
    expect(await answerReturneePage(token, { step, answer: 'no' }, deps(w))).toMatchObject({ kind: 'recorded', answer: 'no' });
    view = (await w.repos.cases.view(c.caseId))!;
    expect(view.pageAnswers).toMatchObject([{ step, answer: 'no', changes: 3 }]);
    expect(view.intents.filter((i) => i.purpose === 'page.cannot_come')).toHaveLength(2);
    expect(view.audit.filter((e) => e.event === 'case.page_answered').map((e) => e.detail?.answer)).toEqual(['no', 'yes', 'no']);
    // The coordinator sees it on the case (GET /cases/{id}), the page says it to the household.
    expect(presentCase(view).appointments).toEqual([expect.objectContaining({ appointmentId: a.appointmentId, pageAnswer: { answer: 'no', at: view.pageAnswers[0]!.at } })]);
    expect(presentCase(view).referrals[0]).not.toHaveProperty('pageAnswer.answer');
    const shown = await showReturneePage(token, deps(w));
    if (shown.kind !== 'page') throw new Error(shown.reason);
    expect(decoded(returneePageHtml(shown.model, '/p/T'))).toContain(pageText('saidNo', 'sq'));
  });

  it('two presses at once record one answer and write one email', async () => {
    const w = world();
    const { c, r } = await withAppointment(w);
    const token = tokenFor(w, c.caseId);
    const step = `ref:${r.referralId}`;
    const outs = await Promise.all([answerReturneePage(token, { step, answer: 'no' }, deps(w)), answerReturneePage(token, { step, answer: 'no' }, deps(w))]);
    expect(outs.map((o) => o.kind).sort()).toEqual(['already', 'recorded']);
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.intents.filter((i) => i.purpose === 'page.cannot_come')).toHaveLength(1);
    expect(view.intents.find((i) => i.purpose === 'page.cannot_come')!.data).toMatchObject({ step: { kind: 'referral', need: 'civil_documents' } });
  });

  it('refuses a step that is not on the page (another case\'s, a past or unknown one) and writes nothing', async () => {
    const w = world();
    const { c } = await withAppointment(w);
    const before = (await w.repos.cases.view(c.caseId))!;
    for (const step of ['appt:NOPE', 'ref:NOPE']) expect(await answerReturneePage(tokenFor(w, c.caseId), { step, answer: 'no' }, deps(w))).toMatchObject({ kind: 'unknown-step' });
    expect(await answerReturneePage('forged.AAAAAAAAAAAAAAAA', { step: 'ref:x', answer: 'no' }, deps(w))).toMatchObject({ kind: 'refused' });
    expect((await w.repos.cases.view(c.caseId))!).toEqual(before);
  });

  it('gives a deadline no "I will come" / "I cannot come": it is something to hand in, not a visit', async () => {
    const w = world();
    const { c } = await withAppointment(w);
    const d = valueOf(await createAppointment(c.caseId, { kind: 'deadline', when: WEDNESDAY, title: 'Aplikimi për ndihmë sociale', where: 'Qendra për Punë Sociale' }, w.intake));
    const shown = await showReturneePage(tokenFor(w, c.caseId), deps(w));
    if (shown.kind !== 'page') throw new Error(shown.kind);
    const step = shown.model.steps.find((s) => s.id === `appt:${d.appointmentId}`);
    expect(step).toMatchObject({ kind: 'deadline', canAnswer: false });
    expect(shown.model.steps.find((s) => s.kind === 'appointment')).toMatchObject({ canAnswer: true });
    const before = (await w.repos.cases.view(c.caseId))!;
    expect(await answerReturneePage(tokenFor(w, c.caseId), { step: `appt:${d.appointmentId}`, answer: 'no' }, deps(w))).toMatchObject({ kind: 'unknown-step' });
    expect((await w.repos.cases.view(c.caseId))!).toEqual(before);
  });
});
