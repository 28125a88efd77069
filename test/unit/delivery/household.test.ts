import { HOUSEHOLD_REFERRALS as REFERRALS } from '../../../bench/household.js';
import { describe, expect, it } from 'vitest';
import { deliverIntent, type DeliverDeps } from '../../../shared/delivery/deliver-intent.js';
import { householdMessages, inTurnPer } from '../../../shared/delivery/household.js';
import { cancelAppointment, createAppointment, rescheduleAppointment } from '../../../shared/referrals/lifecycle.js';
import { cancelHomeVisit, planHomeVisit } from '../../../shared/referrals/home-visit.js';
import { PlanVisitInput } from '../../../shared/domain/case.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { reactToAnswer } from '../../../shared/referrals/react-to-answer.js';
import { announceGrantCall } from '../../../shared/referrals/grant-call.js';
import { GrantCallInput } from '../../../shared/domain/grant-call.js';
import { recordOfficeAnswer } from '../../../shared/referrals/record-answer.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { applySmsPolicy } from '../../../shared/messages/sms-policy.js';
import { localName, renderAny, toGsm7 } from '../../../shared/messages/index.js';
import type { SmsPolicy } from '../../../shared/domain/sms-policy.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { arrival, COORDINATOR, deliverDeps, DeliveryError, onceBefore, routeDeps, sweepDeps, valueOf, whileSending, world, type World } from '../support/world.js';

/**
 * One SMS per household per send window (shared/delivery/household.ts): the SMS a returnee was due
 * at the same time go as one message listing the next steps, each intent sent once and on record.
 */

/** Monday 23 November 2026, 22:30 in Kosovo: quiet hours, SMS wait for 08:00. */
const NIGHT = new Date('2026-11-23T21:30:00.000Z');
/** Tuesday 08:01 in Kosovo, when the sweep has released them. */
const MORNING = new Date('2026-11-24T07:01:00.000Z');


/** The world's deliver wiring with the municipality's SMS policy changed (the page and letters as the directory says). */
function withPolicy(w: World, deps: DeliverDeps, change: Partial<SmsPolicy>): DeliverDeps {
  const policy = { ...w.directory.smsPolicy('obiliq'), ...change };
  return { ...deps, directory: { municipality: (id) => w.directory.municipality(id), smsPolicy: () => policy } };
}

/** A case registered at night with four referrals routed (no one hop): its welcome and referral SMS wait for 08:00. */
async function fourAtNight(w: World, language: 'en' | 'sq' = 'en') {
  w.clock.set(NIGHT);
  const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: language }), w.intake, COORDINATOR));
  for (const r of REFERRALS) {
    const referral = valueOf(await createReferral(c.caseId, { ...r }, w.intake));
    await routeReferral(referral, routeDeps(w));
    w.clock.advance(1000);
  }
  return c;
}

const smsOf = async (w: World, caseId: string): Promise<IntentItem[]> =>
  (await w.repos.cases.view(caseId))!.intents.filter((i) => i.channel === 'sms' && i.purpose !== 'followup.coordinator');

/** The sweep at 08:00, then each SMS it put back on the stream delivered in turn, as the stream hands them over. */
async function morning(w: World, caseId: string, deps: DeliverDeps) {
  w.clock.set(MORNING);
  await sweepTimers(sweepDeps(w));
  const released = (await smsOf(w, caseId)).filter((i) => i.status === 'queued');
  const outcomes = [];
  for (const i of released) outcomes.push(await deliverIntent(i, deps));
  return { released, outcomes };
}

/** The morning's deliveries in turn: the first record sends the family's one SMS, the others find theirs sent. Its text, as GSM-7. */
async function oneMorningSms(w: World, caseId: string, deps: DeliverDeps, phone: { sent: { text: string }[] }): Promise<string> {
  const { outcomes } = await morning(w, caseId, withPolicy(w, deps, { maxSegments: 10 }));
  expect(outcomes[0]).toBe('sent');
  expect(outcomes.slice(1).every((o) => o === 'already-done')).toBe(true);
  expect(phone.sent).toHaveLength(1);
  return toGsm7(phone.sent[0]!.text);
}

/** Each of `held` sent once, in one message: one provider id, the first leading, the others `mergedInto` it. */
async function sentAsOne(w: World, caseId: string, held: readonly IntentItem[]) {
  const after = (await smsOf(w, caseId)).filter((i) => held.some((h) => h.intentId === i.intentId));
  expect(after.map((i) => i.status)).toEqual(held.map(() => 'sent'));
  expect(new Set(after.map((i) => i.providerMessageId)).size).toBe(1);
  const leader = after.find((i) => i.mergedInto === undefined)!;
  expect(after.filter((i) => i.mergedInto === leader.intentId)).toHaveLength(held.length - 1);
}

/** Where each office's name stands in the text (letters compared as GSM-7, since the policy may have written them so). */
function positions(text: string, w: World, language: 'en' | 'sq') {
  return REFERRALS.map((r) => toGsm7(text).indexOf(toGsm7(localName(w.directory.office('obiliq', r.officeKind)!.name, language))));
}

describe('one SMS per household per send window', () => {
  it('four referrals and the welcome decided at night go at 08:00 as one SMS listing the four steps in order', async () => {
    const w = world();
    const c = await fourAtNight(w);
    expect((await smsOf(w, c.caseId)).map((i) => i.status)).toEqual(['deferred', 'deferred', 'deferred', 'deferred', 'deferred']);
    const { deps, sms: phone } = deliverDeps(w);
    const { released, outcomes } = await morning(w, c.caseId, withPolicy(w, deps, { maxSegments: 10 }));
    expect(released.length).toBeGreaterThanOrEqual(1);
    expect(outcomes[0]).toBe('sent');
    expect(outcomes.slice(1).every((o) => o === 'already-done')).toBe(true);

    expect(phone.sent).toHaveLength(1);
    const text = phone.sent[0]!.text;
    expect(text).toMatch(/^Obiliq Municipality: Welcome home! /);
    expect(text).toMatch(/ 1\) .* 2\) .* 3\) .* 4\) /);
    expect(text).not.toMatch(/ 5\) /);
    const at = positions(text, w, 'en');
    expect(at.every((p) => p > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    // Each intent sent once, on record with the one message's provider id; the first leads.
    const after = await smsOf(w, c.caseId);
    expect(after.map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(new Set(after.map((i) => i.providerMessageId))).toEqual(new Set(['sms-1']));
    const leader = after.find((i) => i.mergedInto === undefined)!;
    expect(leader.purpose).toBe('case.welcome');
    expect(after.filter((i) => i.mergedInto === leader.intentId)).toHaveLength(4);
    // The segments are the message's, counted once.
    expect(after.filter((i) => i.sms !== undefined)).toEqual([leader]);
    expect(after.every((i) => i.recipient === undefined && Object.keys(i.data).length === 0)).toBe(true);
    const audit = (await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'notification.sent' && a.detail?.channel === 'sms');
    expect(audit).toHaveLength(5);
    expect(audit.filter((a) => a.detail?.mergedInto === leader.intentId)).toHaveLength(4);
  });

  it('a redelivered record of a merged SMS, or the sweep releasing one, sends nothing', async () => {
    const w = world();
    const c = await fourAtNight(w);
    const { deps, sms: phone } = deliverDeps(w);
    const wide = withPolicy(w, deps, { maxSegments: 10 });
    // Delivered before the sweep ran: the first record's delivery takes the others while still deferred.
    w.clock.set(MORNING);
    const [first, ...rest] = await smsOf(w, c.caseId);
    await w.repos.timers.release(first!, MORNING.toISOString());
    expect(await deliverIntent({ ...first!, status: 'queued' }, wide)).toBe('sent');
    // The sweep then finds nothing to release, and every stale record finds its intent sent.
    const report = await sweepTimers(sweepDeps(w));
    expect(report.released ?? 0).toBe(0);
    for (const i of [first!, ...rest]) expect(await deliverIntent({ ...i, status: 'queued' }, wide)).toBe('already-done');
    expect(phone.sent).toHaveLength(1);
  });

  it('an SMS another attempt has claimed is left to it, out of the message', async () => {
    const w = world();
    const c = await fourAtNight(w);
    const { deps, sms: phone } = deliverDeps(w);
    w.clock.set(MORNING);
    const [welcome, , second] = await smsOf(w, c.caseId);
    // Another attempt holds the second referral's SMS under its own lease.
    const lease = Math.floor(MORNING.getTime() / 1000) + 600;
    const other = await w.repos.intents.claimDue(second!, lease, MORNING.toISOString(), 'another');
    expect(other.claimed).toBe(true);
    await w.repos.timers.release(welcome!, MORNING.toISOString());
    expect(await deliverIntent({ ...welcome!, status: 'queued' }, withPolicy(w, deps, { maxSegments: 10 }))).toBe('sent');
    expect(phone.sent).toHaveLength(1);
    expect(phone.sent[0]!.text).toMatch(/ 3\) /);
    expect(phone.sent[0]!.text).not.toMatch(/ 4\) /);
    expect(await w.repos.intents.get(second!)).toMatchObject({ status: 'sending', leaseUntil: lease, mergedInto: 'another' });
    // Its own record, meanwhile: going out in that other SMS, nothing to retry (the sweep watches its lease).
    expect(await deliverIntent({ ...second!, status: 'queued' }, deps)).toBe('already-done');
    expect(phone.sent).toHaveLength(1);
  });

  it("over the municipality's cap, the steps go in the fewest SMS under it, in order, each once", async () => {
    const w = world();
    const c = await fourAtNight(w, 'sq');
    const { deps, sms: phone } = deliverDeps(w);
    const cap = 3;
    // Without the returnee page (a municipality's choice), each step carries its address, hours and what to bring.
    const tight = withPolicy(w, deps, { maxSegments: cap, ...({ returneePage: false } as Partial<SmsPolicy>) });
    await morning(w, c.caseId, tight);
    const after = await smsOf(w, c.caseId);
    expect(after.every((i) => i.status === 'sent')).toBe(true);
    const ids = [...new Set(after.map((i) => i.providerMessageId))];
    // Fewer messages than SMS, more than one (five steps of full detail do not fit three segments).
    expect(phone.sent.length).toBe(ids.length);
    expect(phone.sent.length).toBeGreaterThan(1);
    expect(phone.sent.length).toBeLessThan(5);
    for (const m of phone.sent) expect(applySmsPolicy(m.text, 'sq', tight.directory.smsPolicy('obiliq')).stats.segments).toBeLessThanOrEqual(cap);
    // The offices in order across the messages, each once.
    const all = phone.sent.map((m) => m.text).join(' | ');
    const at = positions(all, w, 'sq');
    expect(at.every((p) => p > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('householdMessages splits greedily: no message could have taken the next step', () => {
    const w = world();
    const policy: SmsPolicy = { ...w.directory.smsPolicy('obiliq'), maxSegments: 4 };
    const needs = ['civil_documents', 'job_seeker_registration', 'social_support', 'school_enrolment', 'housing'] as const;
    const parts = needs.map((need, k) => {
      // Five offices: steps to one office are one step (oncePerPlace), which would fit any cap.
      const office = w.directory.municipality('obiliq')!.offices.filter((o) => o.kind !== 'health')[k]!;
      const data = { coordinatorOffice: w.directory.municipality('obiliq')!.coordinatorOffice, coordinatorPhone: '+38344123456', office: { name: office.name, address: office.address, hours: office.hours }, need };
      const intent = { intentId: `i${k}`, template: 'referral.returnee.sms', languages: ['en'], municipalityId: 'obiliq', channel: 'sms' } as unknown as IntentItem;
      return { intent, data };
    });
    const messages = householdMessages(parts, policy, w.directory);
    expect(messages.flatMap((m) => m.members.map((i) => i.intentId))).toEqual(['i0', 'i1', 'i2', 'i3', 'i4']);
    expect(messages.every((m) => m.sms.withinCap)).toBe(true);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThan(5);
    for (let k = 0; k + 1 < messages.length; k++) {
      const joined = [...messages[k]!.members, messages[k + 1]!.members[0]!].map((i) => parts.find((p) => p.intent === i)!);
      expect(householdMessages(joined, policy, w.directory)).toHaveLength(2);
    }
  });

  it('a single SMS due goes exactly as it would alone: its own template, no list', async () => {
    const w = world();
    w.clock.set(NIGHT);
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
    const { deps, sms: phone } = deliverDeps(w);
    w.clock.set(MORNING);
    await sweepTimers(sweepDeps(w));
    const [welcome] = await smsOf(w, c.caseId);
    expect(await deliverIntent(welcome!, deps)).toBe('sent');
    expect(phone.sent).toHaveLength(1);
    const text = phone.sent[0]!.text;
    const page = /https?:\/\/\S+/.exec(text)?.[0];
    const alone = renderAny('case.returnee.welcome', { ...welcome!.data, ...(page ? { pageUrl: page } : {}) }, ['en']).sms!;
    expect(text).toBe(applySmsPolicy(alone, 'en', w.directory.smsPolicy('obiliq')).text);
    expect(text).not.toMatch(/ 1\) /);
    expect(await w.repos.intents.get(welcome!)).toMatchObject({ status: 'sent', providerMessageId: 'sms-1' });
    expect((await w.repos.intents.get(welcome!))?.mergedInto).toBeUndefined();
  });

  it("the morning's appointment reminder goes in the same SMS as the referrals released at 08:00, first", async () => {
    const w = world();
    const c = await fourAtNight(w);
    // An appointment at 10:00 on Tuesday: its morning reminder fires at 08:00.
    valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: '2026-11-24T09:00:00.000Z', title: 'Civil registry', where: 'Town hall' }, w.intake));
    const { deps, sms: phone } = deliverDeps(w);
    await morning(w, c.caseId, withPolicy(w, deps, { maxSegments: 10 }));
    expect(phone.sent).toHaveLength(1);
    expect(phone.sent[0]!.text).toMatch(/Welcome home! .* 1\) Today at 10:00 - Civil registry\. .* 5\) /);
    const sent = (await smsOf(w, c.caseId)).filter((i) => i.status === 'sent');
    expect(sent.map((i) => i.template)).toContain('appointment.returnee.morning');
    expect(new Set(sent.map((i) => i.providerMessageId)).size).toBe(1);
  });

  it('a refusal fails every SMS of the message for good, each in the call-or-visit list; a throttle retries each later', async () => {
    const w = world();
    const c = await fourAtNight(w);
    const { deps, sms: phone } = deliverDeps(w);
    phone.failures.push(new DeliveryError('non-retryable', 'InvalidParameter'));
    const { outcomes } = await morning(w, c.caseId, withPolicy(w, deps, { maxSegments: 10 }));
    expect(outcomes[0]).toBe('failed');
    expect(phone.sent).toEqual([]);
    const after = await smsOf(w, c.caseId);
    expect(after.map((i) => i.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    expect((await w.repos.worklists.failedNotifications('obiliq')).map((i) => i.intentId).sort()).toEqual(after.map((i) => i.intentId).sort());
    // Each coordinator's email says what its own SMS was to say, and never carries the page's link.
    const told = (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.purpose === 'followup.coordinator');
    expect(told).toHaveLength(5);
    for (const t of told) expect((t.data as { message?: string }).message).toMatch(/^Obiliq Municipality: /);
    expect(told.some((t) => JSON.stringify(t.data).includes('/p/'))).toBe(false);

    const w2 = world();
    const c2 = await fourAtNight(w2);
    const d2 = deliverDeps(w2);
    d2.sms.failures.push(new DeliveryError('throttled', 'Throttling'));
    const r2 = await morning(w2, c2.caseId, withPolicy(w2, d2.deps, { maxSegments: 10 }));
    expect(r2.outcomes[0]).toBe('retry-scheduled');
    expect((await smsOf(w2, c2.caseId)).map((i) => i.status)).toEqual(['deferred', 'deferred', 'deferred', 'deferred', 'deferred']);
    // Waiting for a retry, none is any message's any more: the next attempt may go otherwise.
    expect((await smsOf(w2, c2.caseId)).every((i) => i.mergedInto === undefined)).toBe(true);
    expect(d2.sms.sent).toEqual([]);
  });
});

describe('the home visit planned the same night, in the household SMS', () => {
  /** Wednesday 25 November 2026, 10:00 in Kosovo. */
  const WEDNESDAY_10 = '2026-11-25T10:00:00+01:00';
  const visitAt = (w: World, caseId: string, at: string) => planHomeVisit(caseId, PlanVisitInput.parse({ at }), w.intake, COORDINATOR);
  const visitSmsOf = async (w: World, caseId: string) => (await smsOf(w, caseId)).filter((i) => i.purpose === 'visit.family');

  /** A case registered at night and its visit planned then: the welcome and the visit's SMS, released by the sweep at 08:00. */
  async function welcomeAndVisitAtNight() {
    const w = world();
    w.clock.set(NIGHT);
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
    valueOf(await visitAt(w, c.caseId, WEDNESDAY_10));
    w.clock.set(MORNING);
    await sweepTimers(sweepDeps(w));
    return { w, c };
  }

  it('is a step of the one SMS at 08:00, after the welcome and before the referrals, naming the day, the time and who comes; each intent sent once', async () => {
    const w = world();
    const c = await fourAtNight(w);
    valueOf(await visitAt(w, c.caseId, WEDNESDAY_10));
    const [visit] = await visitSmsOf(w, c.caseId);
    expect(visit).toMatchObject({ status: 'deferred', template: 'visit.returnee.planned' });
    // Who comes: the coordinator the welcome names, by first name.
    const welcome = (await smsOf(w, c.caseId)).find((i) => i.purpose === 'case.welcome')!;
    const name = welcome.data.coordinatorName as string;
    expect(visit!.data.coordinatorName).toBe(name);
    const { deps, sms: phone } = deliverDeps(w);
    await morning(w, c.caseId, withPolicy(w, deps, { maxSegments: 10 }));

    expect(phone.sent).toHaveLength(1);
    const text = phone.sent[0]!.text;
    expect(text).toMatch(new RegExp(`^Obiliq Municipality: Welcome home! Your case is handled by ${name}\\. Your next steps: 1\\) ${name} will visit you at home on Wednesday, 25\\.11\\.2026, at 10:00\\. 2\\) .* 5\\) `));
    expect(text).not.toMatch(/within a few days| 6\) /);
    const at = positions(text, w, 'en');
    expect(at.every((p) => p > text.indexOf('25.11.2026'))).toBe(true);

    const after = await smsOf(w, c.caseId);
    expect(after.map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'sent']);
    expect(new Set(after.map((i) => i.providerMessageId)).size).toBe(1);
    const leader = after.find((i) => i.mergedInto === undefined)!;
    expect((await visitSmsOf(w, c.caseId))[0]).toMatchObject({ status: 'sent', mergedInto: leader.intentId });
  });

  it("a visit moved on since its SMS was held (the move's cancelling missed it) is left out of the message, ended cancelled VisitMoved, on no one's list", async () => {
    const w = world();
    const c = await fourAtNight(w);
    const planned = valueOf(await visitAt(w, c.caseId, WEDNESDAY_10));
    // The next version written, its old SMS left deferred: what delivery's last check is there for.
    const next = { ...planned, start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T10:00:00.000Z', sequence: 1, previousStart: planned.start };
    expect(await w.repos.cases.planHomeVisit(c.caseId, next, 0, { intents: [], replaces: [] }, COORDINATOR)).toBe('written');
    const { deps, sms: phone } = deliverDeps(w);
    const wide = withPolicy(w, deps, { maxSegments: 10 });
    w.clock.set(MORNING);
    await sweepTimers(sweepDeps(w));
    const [first, ...rest] = (await smsOf(w, c.caseId)).filter((i) => i.status === 'queued');
    // The first record's delivery decides for the whole household, the visit's line included.
    expect(await deliverIntent(first!, wide)).toBe('sent');
    expect((await visitSmsOf(w, c.caseId))[0]).toMatchObject({ status: 'cancelled' });
    for (const i of rest) expect(await deliverIntent(i, wide)).toBe('already-done');

    expect(phone.sent).toHaveLength(1);
    expect(phone.sent[0]!.text).toMatch(/Welcome home! .* 1\) .* 4\) /);
    expect(phone.sent[0]!.text).not.toMatch(/25\.11\.2026| 5\) /);
    const [visit] = await visitSmsOf(w, c.caseId);
    expect(visit).toMatchObject({ status: 'cancelled' });
    expect([visit!.mergedInto, visit!.providerMessageId]).toEqual([undefined, undefined]);
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['VisitMoved']);
    expect(view.intents.filter((i) => i.template === 'followup.coordinator')).toEqual([]);
    expect((await smsOf(w, c.caseId)).filter((i) => i.purpose !== 'visit.family').every((i) => i.status === 'sent')).toBe(true);
  });

  it("a move written between the leader's last check and the household's claim: the new time goes in the message, the old is not sent", async () => {
    const { w, c } = await welcomeAndVisitAtNight();
    const released = (await smsOf(w, c.caseId)).filter((i) => i.status === 'queued');
    expect(released.map((i) => i.purpose)).toEqual(['case.welcome', 'visit.family']);
    const { deps, sms: phone } = deliverDeps(w);
    // The coordinator moves the visit to Thursday at that moment: its write cancels the held SMS and queues the new one.
    onceBefore(deps.intents, 'dueSmsOf', async () => valueOf(await visitAt(w, c.caseId, '2026-11-26T10:00:00+01:00')));
    for (const i of released) await deliverIntent(i, deps);
    for (const i of (await smsOf(w, c.caseId)).filter((i) => i.status === 'queued')) await deliverIntent(i, deps);

    expect(phone.sent).toHaveLength(1);
    expect(phone.sent[0]!.text).toMatch(/Welcome home! .* 1\) \S+ will visit you at home on Thursday, 26\.11\.2026, at 10:00\. /);
    expect(phone.sent[0]!.text).not.toContain('25.11.2026');
    expect((await visitSmsOf(w, c.caseId)).map((i) => [i.sourceId?.slice(-1), i.status])).toEqual([
      ['0', 'cancelled'],
      ['1', 'sent'],
    ]);
  });

  it('while the message carrying it is being sent, a move waits (409 sms-being-sent) and changes nothing; after, it tells the family the new time', async () => {
    const { w, c } = await welcomeAndVisitAtNight();
    const { deps, sms: phone } = deliverDeps(w);
    let during: Awaited<ReturnType<typeof visitAt>> | undefined;
    whileSending(phone, [], async () => void (during = await visitAt(w, c.caseId, '2026-11-26T10:00:00+01:00')));
    for (const i of (await smsOf(w, c.caseId)).filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
    expect(during).toMatchObject({ ok: false, problem: { kind: 'conflict', code: 'sms-being-sent' } });
    expect(phone.sent).toHaveLength(1);
    expect(phone.sent[0]!.text).toContain('25.11.2026');
    expect((await w.repos.cases.get(c.caseId))!.homeVisitPlan).toMatchObject({ sequence: 0, status: 'planned' });

    valueOf(await visitAt(w, c.caseId, '2026-11-26T10:00:00+01:00'));
    for (const i of (await smsOf(w, c.caseId)).filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
    expect(phone.sent.map((m) => m.text)).toEqual([expect.stringContaining('25.11.2026'), expect.stringMatching(/has moved\. We will visit you on Thursday, 26\.11\.2026, at 10:00/)]);
  });

  it("over the municipality's cap, the visit is one step of the fewest SMS under it, said once", async () => {
    const w = world();
    const c = await fourAtNight(w, 'sq');
    valueOf(await visitAt(w, c.caseId, WEDNESDAY_10));
    const { deps, sms: phone } = deliverDeps(w);
    const tight = withPolicy(w, deps, { maxSegments: 3, ...({ returneePage: false } as Partial<SmsPolicy>) });
    await morning(w, c.caseId, tight);
    expect((await smsOf(w, c.caseId)).every((i) => i.status === 'sent')).toBe(true);
    expect(phone.sent.length).toBeGreaterThan(1);
    expect(phone.sent.length).toBeLessThan(6);
    for (const m of phone.sent) expect(applySmsPolicy(m.text, 'sq', tight.directory.smsPolicy('obiliq')).stats.segments).toBeLessThanOrEqual(3);
    expect(phone.sent.map((m) => m.text).join(' | ').split('25.11.2026')).toHaveLength(2);
    // Not alone: its message carries other steps too.
    const [visit] = await visitSmsOf(w, c.caseId);
    expect((await smsOf(w, c.caseId)).filter((i) => i.providerMessageId === visit!.providerMessageId).length).toBeGreaterThan(1);
  });
});

describe('the home visit called off in the evening, in the household SMS', () => {
  /** Wednesday 25 November 2026, 10:00 in Kosovo. */
  const WEDNESDAY_10 = '2026-11-25T10:00:00+01:00';

  /**
   * A case registered on Monday morning, its visit planned and the family told at once; that
   * evening the coordinator calls the visit off and makes a referral: both SMS wait for 08:00.
   */
  async function calledOffAndReferredAtNight(language: 'en' | 'sq' = 'en') {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: language }), w.intake, COORDINATOR));
    valueOf(await planHomeVisit(c.caseId, PlanVisitInput.parse({ at: WEDNESDAY_10 }), w.intake, COORDINATOR));
    const { deps, sms: phone } = deliverDeps(w);
    for (const i of (await smsOf(w, c.caseId)).filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
    expect((await smsOf(w, c.caseId)).map((i) => i.status)).toEqual(['sent', 'sent']);
    phone.sent.length = 0;
    w.clock.set(NIGHT);
    valueOf(await cancelHomeVisit(c.caseId, w.intake, COORDINATOR));
    await routeReferral(valueOf(await createReferral(c.caseId, { ...REFERRALS[0]! }, w.intake)), routeDeps(w));
    const held = (await smsOf(w, c.caseId)).filter((i) => i.status === 'deferred');
    expect(held.map((i) => i.template)).toEqual(['visit.returnee.cancelled', 'referral.returnee.sms']);
    return { w, c, deps, phone, held };
  }

  it('is said once, before the steps and not as one, in the one SMS at 08:00; each intent sent once', async () => {
    const { w, c, deps, phone, held } = await calledOffAndReferredAtNight();
    const text = await oneMorningSms(w, c.caseId, deps, phone);
    const office = toGsm7(localName(w.directory.office('obiliq', REFERRALS[0]!.officeKind)!.name, 'en'));
    expect(text).toMatch(
      new RegExp(`^Obiliq Municipality: The home visit on Wednesday, 25\\.11\\.2026, at 10:00 has been called off\\. We will call you to agree a new time\\. Your next steps: 1\\) Go to ${office}`),
    );
    expect(text).not.toMatch(/ 2\) /);
    expect(text.split('25.11.2026')).toHaveLength(2);
    await sentAsOne(w, c.caseId, held);
  });

  it('with the visit planned again that night, the new time is the step and the call-off asks for no call', async () => {
    const { w, c, deps, phone } = await calledOffAndReferredAtNight('sq');
    valueOf(await planHomeVisit(c.caseId, PlanVisitInput.parse({ at: '2026-11-26T10:00:00+01:00' }), w.intake, COORDINATOR));
    await morning(w, c.caseId, withPolicy(w, deps, { maxSegments: 10 }));
    expect(phone.sent).toHaveLength(1);
    const text = toGsm7(phone.sent[0]!.text);
    expect(text).toMatch(/^ZKKK Obiliq: Vizita ne shtepi, te merkuren, 25\.11\.2026, ne oren 10:00, u anulua\. Hapat tuaj te ardhshem: 1\) \S+ do t'ju vizitoje ne shtepi te enjten, 26\.11\.2026, ne oren 10:00\. 2\) Shkoni te /);
    expect(text).not.toContain('Do t\'ju telefonojme');
    const held = (await smsOf(w, c.caseId)).filter((i) => i.createdAt >= NIGHT.toISOString());
    expect(held.map((i) => [i.template, i.status]).sort()).toEqual([
      ['referral.returnee.sms', 'sent'],
      ['visit.returnee.cancelled', 'sent'],
      ['visit.returnee.planned', 'sent'],
    ]);
  });
});

describe("appointments moved and cancelled in the evening, in the household SMS", () => {
  /** Tuesday 24.11 10:00 and Wednesday 25.11 09:00 in Kosovo: near, so the family hears of a change. */
  const TUESDAY_10 = '2026-11-24T09:00:00.000Z';
  const WEDNESDAY_9 = '2026-11-25T08:00:00.000Z';
  const THURSDAY_10 = '2026-11-26T09:00:00.000Z';

  /** A case registered on Monday morning with two appointments; at 22:30 one is moved, the other cancelled, and a referral made. */
  async function changedAtNight(movedTo: string) {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
    const { deps, sms: phone } = deliverDeps(w);
    for (const i of (await smsOf(w, c.caseId)).filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
    phone.sent.length = 0;
    const appointment = (when: string, title: string) => createAppointment(c.caseId, { kind: 'appointment', when, title, where: 'Town hall' }, w.intake);
    const a = valueOf(await appointment(TUESDAY_10, 'Civil registry'));
    const b = valueOf(await appointment(WEDNESDAY_9, 'Employment office'));
    w.clock.set(NIGHT);
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: movedTo }, w.intake));
    valueOf(await cancelAppointment(c.caseId, b.appointmentId, w.intake));
    await routeReferral(valueOf(await createReferral(c.caseId, { ...REFERRALS[0]! }, w.intake)), routeDeps(w));
    const held = (await smsOf(w, c.caseId)).filter((i) => i.status === 'deferred');
    expect(held.map((i) => i.template).sort()).toEqual(['appointment.returnee.cancelled', 'appointment.returnee.moved', 'referral.returnee.sms']);
    return { w, c, deps, phone, held };
  }

  it('go at 08:00 in the one SMS: the cancelled one said before the steps and not as one, the moved one a step with its old and new time; each intent sent once', async () => {
    const { w, c, deps, phone, held } = await changedAtNight(THURSDAY_10);
    const text = await oneMorningSms(w, c.caseId, deps, phone);
    const office = toGsm7(localName(w.directory.office('obiliq', REFERRALS[0]!.officeKind)!.name, 'en'));
    expect(text).toMatch(
      new RegExp(
        `^Obiliq Municipality: Your appointment on Wednesday, 25\\.11\\.2026, at 09:00 is cancelled\\. Your next steps: 1\\) Your appointment of 24\\.11 at 10:00 is now on Thursday, 26\\.11\\.2026, at 10:00\\. 2\\) Go to ${office}\\. `,
      ),
    );
    expect(text).not.toMatch(/ 3\) /);
    await sentAsOne(w, c.caseId, held);
  });

  it("a move whose new time has come by 08:00 (too late for its words) is left out and ends failed Stale; the others still go as one", async () => {
    // Moved to Tuesday 08:00: the SMS may not go before then, and at 08:01 its time has passed.
    const { w, c, deps, phone } = await changedAtNight('2026-11-24T07:00:00.000Z');
    await morning(w, c.caseId, withPolicy(w, deps, { maxSegments: 10 }));
    expect(phone.sent).toHaveLength(1);
    const text = toGsm7(phone.sent[0]!.text);
    expect(text).toMatch(/^Obiliq Municipality: Your appointment on Wednesday, 25\.11\.2026, at 09:00 is cancelled\. Your next steps: 1\) Go to /);
    expect(text).not.toMatch(/24\.11| 2\) /);
    const moved = (await smsOf(w, c.caseId)).find((i) => i.template === 'appointment.returnee.moved')!;
    expect(moved).toMatchObject({ status: 'failed' });
    expect([moved.mergedInto, moved.providerMessageId]).toEqual([undefined, undefined]);
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(moved.failure).toMatchObject({ code: 'Stale' });
    expect(view.audit.filter((a) => a.event === 'notification.failed').map((a) => a.detail?.failure)).toEqual(['Stale']);
  });

  it("a move in the evening to tomorrow 10:00 and that time's 08:00 reminder are one step (the reminder's, saying where it moved from); both intents sent once", async () => {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
    const { deps, sms: phone } = deliverDeps(w);
    for (const i of (await smsOf(w, c.caseId)).filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
    phone.sent.length = 0;
    const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: WEDNESDAY_9, title: 'Civil registry', where: 'Town hall' }, w.intake));
    w.clock.set(NIGHT);
    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: TUESDAY_10 }, w.intake));
    const text = await oneMorningSms(w, c.caseId, deps, phone);
    expect(text).toMatch(/^Obiliq Municipality: Your next steps: 1\) Today at 10:00 - Civil registry \(moved from 25\.11, 09:00\)\. /);
    expect(text).not.toMatch(/ 2\) |is now/);
    const both = (await smsOf(w, c.caseId)).filter((i) => i.template === 'appointment.returnee.morning' || i.template === 'appointment.returnee.moved');
    expect(both.map((i) => i.template).sort()).toEqual(['appointment.returnee.morning', 'appointment.returnee.moved']);
    await sentAsOne(w, c.caseId, both);
  });

  it('while the message carrying the move is being sent, the next move waits (409 sms-being-sent) and changes nothing; after, the family hears it', async () => {
    const { w, c, deps, phone } = await changedAtNight(THURSDAY_10);
    const a = (await w.repos.cases.view(c.caseId))!.appointments.find((x) => x.status === 'scheduled')!;
    let during: Awaited<ReturnType<typeof rescheduleAppointment>> | undefined;
    whileSending(phone, [], async () => void (during = await rescheduleAppointment(c.caseId, a.appointmentId, { when: '2026-11-27T09:00:00.000Z' }, w.intake)));
    await morning(w, c.caseId, deps);
    expect(during).toMatchObject({ ok: false, problem: { kind: 'conflict', code: 'sms-being-sent' } });
    expect(phone.sent).toHaveLength(1);
    expect((await w.repos.cases.view(c.caseId))!.appointments.find((x) => x.appointmentId === a.appointmentId)).toMatchObject({ when: THURSDAY_10, version: a.version });

    valueOf(await rescheduleAppointment(c.caseId, a.appointmentId, { when: '2026-11-27T09:00:00.000Z' }, w.intake));
    for (const i of (await smsOf(w, c.caseId)).filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
    expect(phone.sent.map((m) => toGsm7(m.text))).toEqual([expect.stringContaining('26.11.2026'), expect.stringMatching(/Appointment of 26\.11 at 10:00 moved to 27\.11 at 10:00/)]);
  });
});

describe("an office's acceptance in the evening, in the household SMS", () => {
  const officeOf = (w: World, k: number) => toGsm7(localName(w.directory.office('obiliq', REFERRALS[k]!.officeKind)!.name, 'en'));

  /** Two referrals sent on Monday morning; both accepted at 22:30, when a third is made: three SMS wait for 08:00. */
  async function acceptedAtNight() {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
    const { deps, sms: phone } = deliverDeps(w);
    const made = [];
    for (const r of REFERRALS.slice(0, 2)) {
      made.push(valueOf(await createReferral(c.caseId, { ...r }, w.intake)));
      await routeReferral(made.at(-1)!, routeDeps(w));
    }
    for (const i of (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
    phone.sent.length = 0;
    w.clock.set(NIGHT);
    for (const r of made) {
      valueOf(await recordOfficeAnswer(c.caseId, r.referralId, { answer: 'accept' }, w.intake, COORDINATOR, undefined));
      await reactToAnswer((await w.repos.referrals.get(c.caseId, r.referralId))!, { ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });
    }
    await routeReferral(valueOf(await createReferral(c.caseId, { ...REFERRALS[2]! }, w.intake)), routeDeps(w));
    const held = (await smsOf(w, c.caseId)).filter((i) => i.status === 'deferred');
    expect(held.map((i) => i.template).sort()).toEqual(['referral.returnee.accepted', 'referral.returnee.accepted', 'referral.returnee.sms']);
    return { w, c, deps, phone, made, held };
  }

  it('each acceptance is a step of the one SMS at 08:00 (the office by name; with the page, no more), beside the new referral; each intent sent once', async () => {
    const { w, c, deps, phone, held } = await acceptedAtNight();
    const text = await oneMorningSms(w, c.caseId, deps, phone);
    expect(text).toMatch(/^Obiliq Municipality: Your next steps: 1\) .* 2\) .* 3\) .*Where, when and what to bring: /);
    expect(text).not.toMatch(/ 4\) /);
    for (const k of [0, 1]) expect(text).toContain(`${officeOf(w, k)} has accepted your request.`);
    expect(text).toContain(`Go to ${officeOf(w, 2)}.`);
    await sentAsOne(w, c.caseId, held);
  });

  it("an acceptance no longer standing (its outcome recorded, the cancelling missed its SMS) is left out, ended cancelled ReferralAnswered; the rest still go as one", async () => {
    const { w, c, deps, phone, made } = await acceptedAtNight();
    valueOf(await recordOfficeAnswer(c.caseId, made[1]!.referralId, { answer: 'outcome', outcome: 'done' }, w.intake, COORDINATOR, undefined));
    const stale = (await smsOf(w, c.caseId)).find((i) => i.template === 'referral.returnee.accepted' && i.referralId === made[1]!.referralId)!;
    expect(stale.status).toBe('deferred');
    await morning(w, c.caseId, withPolicy(w, deps, { maxSegments: 10 }));

    expect(phone.sent).toHaveLength(1);
    const text = toGsm7(phone.sent[0]!.text);
    expect(text).toContain(`1) ${officeOf(w, 0)} has accepted your request.`);
    expect(text).toContain(`2) Go to ${officeOf(w, 2)}.`);
    expect(text).not.toContain(officeOf(w, 1));
    expect(text).not.toMatch(/ 3\) /);
    const dropped = (await smsOf(w, c.caseId)).find((i) => i.intentId === stale.intentId)!;
    expect(dropped).toMatchObject({ status: 'cancelled' });
    expect([dropped.mergedInto, dropped.providerMessageId]).toEqual([undefined, undefined]);
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['ReferralAnswered']);
    expect(view.intents.filter((i) => i.template === 'followup.coordinator')).toEqual([]);
  });
});

describe('a grant call announced in the evening, in the household SMS', () => {
  it('is the last step of the one SMS at 08:00, with its closing day and where; each intent sent once', async () => {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
    const { deps, sms: phone } = deliverDeps(w);
    await routeReferral(valueOf(await createReferral(c.caseId, { officeKind: 'agriculture_directorate', need: 'agriculture_grant' }, w.intake)), routeDeps(w));
    for (const i of (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
    phone.sent.length = 0;
    w.clock.set(NIGHT);
    const call = GrantCallInput.parse({ call: 'agriculture', closesOn: '2027-01-29', title: 'Serra 2027', where: 'DBZHR, zyra 12' });
    expect(valueOf(await announceGrantCall('obiliq', call, { ...w.repos, audit: w.repos.retention, directory: w.directory, clock: w.clock }, COORDINATOR))).toMatchObject({ told: 1 });
    await routeReferral(valueOf(await createReferral(c.caseId, { ...REFERRALS[0]! }, w.intake)), routeDeps(w));
    const held = (await smsOf(w, c.caseId)).filter((i) => i.status === 'deferred');
    expect(held.map((i) => i.template).sort()).toEqual(['grant.returnee.call', 'referral.returnee.sms']);

    const text = await oneMorningSms(w, c.caseId, deps, phone);
    const office = toGsm7(localName(w.directory.office('obiliq', REFERRALS[0]!.officeKind)!.name, 'en'));
    expect(text).toContain(`Your next steps: 1) Go to ${office}. 2) A call for agricultural grants "Serra 2027" is open; apply by 29.01.2027. Where: DBZHR, zyra 12. `);
    await sentAsOne(w, c.caseId, held);
  });
});

describe('inTurnPer', () => {
  it("runs one key's tasks one after another, other keys' at once, and goes on after a task that failed", async () => {
    const inTurn = inTurnPer<string>();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a1 = inTurn('A', async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
      throw new Error('a1');
    });
    const a2 = inTurn('A', async () => void log.push('a2'));
    const b1 = inTurn('B', async () => void log.push('b1'));
    await b1;
    // B did not wait for A; A's second waits for its first.
    expect(log).toEqual(['a1 start', 'b1']);
    release();
    await expect(a1).rejects.toThrow('a1');
    await a2;
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });
});
