import { HOUSEHOLD_REFERRALS as REFERRALS } from '../../../bench/household.js';
import { describe, expect, it } from 'vitest';
import { deliverIntent, type DeliverDeps } from '../../../shared/delivery/deliver-intent.js';
import { householdMessages, inTurnPer } from '../../../shared/delivery/household.js';
import { createAppointment } from '../../../shared/referrals/lifecycle.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { applySmsPolicy } from '../../../shared/messages/sms-policy.js';
import { localName, renderAny, toGsm7 } from '../../../shared/messages/index.js';
import type { SmsPolicy } from '../../../shared/domain/sms-policy.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { arrival, COORDINATOR, deliverDeps, DeliveryError, routeDeps, sweepDeps, valueOf, world, type World } from '../support/world.js';

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
