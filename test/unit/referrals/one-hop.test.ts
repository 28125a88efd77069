import { describe, expect, it, vi } from 'vitest';
import { FUNCTIONS } from '../../../events/triggers.js';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { createCase, createReferral, submitAssessment } from '../../../shared/referrals/intake.js';
import { routeReferral, routeReferrals, type RouteDeps } from '../../../shared/referrals/route-referral.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { passesFilters } from '../../../shared/stream/filter-pattern.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { OBILIQ_FOUR_AT_ONCE, OBILIQ_HOUSEHOLD } from '../assessment/fixtures.js';
import { arrival, COORDINATOR, deliverDeps, DeliveryError, LEASE_SECONDS, routeDeps, sweepDeps, valueOf, world, type World } from '../support/world.js';

/**
 * The one hop, on the in-memory repositories: route-referrals writes a referral's intents already
 * claimed, with its ladder, in one transaction, and sends them through the deliver use case in the
 * same invocation. The intents' stream stays the path for what it does not finish, and nothing goes
 * twice: a redelivered record, the deliver function on the intent's own record, a crash between the
 * claim and the send, a throttled provider, an address that bounced, a referral made at night.
 */

const MINUTE = 60_000;

async function referred(w: World, fields: Record<string, unknown> = {}) {
  const c = valueOf(await createCase(arrival('SMR-2026-0142', fields), w.intake, COORDINATOR));
  const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
  return { c, r };
}

/** route-referrals' dependencies with its one hop: the deliver use case's, over senders that keep what they are given. */
function oneHop(w: World) {
  const { deps, email, sms } = deliverDeps(w);
  const route: RouteDeps = { ...routeDeps(w), deliver: deps };
  return { route, deliver: deps, email, sms };
}

const referralIntents = async (w: World, caseId: string, referralId: string) =>
  (await w.repos.cases.view(caseId))!.intents.filter((i) => i.referralId === referralId);
/** The INSERT record the table's stream carries for an intent as it was written (the attributes the filters read). */
const insertOf = (i: IntentItem) => ({ eventName: 'INSERT', dynamodb: { NewImage: { type: { S: i.type }, status: { S: i.status }, channel: { S: i.channel } } } });

describe('route-referrals sends what it decides, in the same invocation', () => {
  it('the office email and the returnee SMS go out from the routing invocation, on record as after any delivery', async () => {
    const w = world();
    const { c, r } = await referred(w);
    const { route, email, sms } = oneHop(w);
    // The referral moves to `sent` in the email's own record, not in a write of its own.
    const referrals = route.deliver!.referrals;
    let ownMoves = 0;
    route.deliver!.referrals = { ...referrals, markSent: (...a) => (ownMoves++, referrals.markSent(...a)), flagUndeliverable: (...a) => referrals.flagUndeliverable(...a) };
    await routeReferral(r, route);
    expect(ownMoves).toBe(0);

    expect(email.sent.map((m) => m.to)).toEqual([[w.directory.office('obiliq', 'civil_registry')!.email]]);
    // The links are signed as the email is rendered, as the deliver function does.
    expect(email.sent[0]!.text).toMatch(/https:\/\/links\.example\.org\/r\//);
    expect(sms.sent.map((m) => m.phoneNumber)).toEqual(['+38349555123']);
    const mine = await referralIntents(w, c.caseId, r.referralId);
    expect(mine.map((i) => [i.purpose, i.status, i.attempts])).toEqual([
      ['referral.office', 'sent', 1],
      ['referral.returnee', 'sent', 1],
    ]);
    // Out of the timers index once sent; the referral moved to `sent` with its audit entry.
    expect(mine.every((i) => i.dueBucket === undefined)).toBe(true);
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'sent' });
    // The ladder's first rung (each writes the next when it fires).
    expect((await w.repos.cases.view(c.caseId))!.timers.filter((t) => t.subjectId === r.referralId).map((t) => t.kind)).toEqual(['referral.ack.reminder']);
  });

  it('a redelivered record, and the deliver function on the intents\' own records, send nothing twice', async () => {
    const w = world();
    const { c, r } = await referred(w);
    const { route, deliver, email, sms } = oneHop(w);
    const written: IntentItem[] = [];
    // What the routing transaction wrote: the images the stream will carry.
    const real = route.intents;
    route.intents = Object.assign(Object.create(real) as typeof real, {
      writeDecision: async (...a: Parameters<typeof real.writeDecision>) => (written.push(...a[0]), real.writeDecision(...a)),
    });
    await routeReferral(r, route);
    expect(written.map((i) => i.status)).toEqual(['sending', 'sending']);

    w.clock.advance(5 * MINUTE);
    const size = w.table.size;
    await routeReferral(r, route);
    expect(w.table.size).toBe(size);
    expect(w.logger.entries.some((e) => e.message === 'routed before; nothing sent from here')).toBe(true);

    // The deliver function's declared filter passes no INSERT of an intent written claimed…
    for (const i of written) expect(passesFilters(insertOf(i), FUNCTIONS.deliverNotifications.trigger.filters)).toBe(false);
    // …and were it handed one as queued, its claim finds it sent.
    for (const i of written) expect(await deliverIntent({ ...i, status: 'queued', attempts: 0 }, deliver)).toBe('already-done');
    expect(email.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(1);
    expect((await referralIntents(w, c.caseId, r.referralId)).map((i) => i.status)).toEqual(['sent', 'sent']);
  });

  it('a throttled send is left to the intents\' stream: deferred, released by the sweep, delivered once', async () => {
    const w = world();
    const { c, r } = await referred(w);
    const { route, deliver, email, sms } = oneHop(w);
    email.failures.push(new DeliveryError('throttled', 'TooManyRequestsException'));
    await routeReferral(r, route);
    expect(email.sent).toHaveLength(0);
    expect(sms.sent).toHaveLength(1);
    const deferred = (await referralIntents(w, c.caseId, r.referralId)).find((i) => i.channel === 'email')!;
    expect(deferred).toMatchObject({ status: 'deferred', attempts: 1, lastError: 'TooManyRequestsException' });
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'created' });

    w.clock.set(new Date(Date.parse(deferred.notBefore!) + MINUTE));
    expect((await sweepTimers(sweepDeps(w))).released).toBe(1);
    const released = (await referralIntents(w, c.caseId, r.referralId)).find((i) => i.channel === 'email')!;
    // What the released record carries to the deliver function (deferred → queued passes its filter).
    expect(released.status).toBe('queued');
    expect(await deliverIntent(released, deliver)).toBe('sent');
    expect(email.sent).toHaveLength(1);
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'sent' });
  });

  it('a crash between the claim and the send ends as any: unconfirmed at the lease\'s end, never resent', async () => {
    const w = world();
    const { c, r } = await referred(w);
    // The case's welcome SMS has gone already: only the referral's two messages are in flight.
    const welcome = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.purpose === 'case.welcome')!;
    expect(await deliverIntent(welcome, deliverDeps(w).deps)).toBe('sent');
    const { route, email, sms } = oneHop(w);
    // The invocation dies while the providers are called: neither call ever answers.
    const never = () => new Promise<never>(() => undefined);
    email.send = never;
    sms.send = never;
    void routeReferral(r, route);
    // Waited for, not slept on: 10 ms was enough only while nothing in the path waits on a timer or I/O.
    await vi.waitFor(async () => expect((await referralIntents(w, c.caseId, r.referralId)).map((i) => i.status)).toEqual(['sending', 'sending']), { timeout: 10_000 });

    // The record comes again: the decision is on record, nothing is sent from here.
    await routeReferral(r, oneHop(w).route);
    w.clock.advance(LEASE_SECONDS * 1000 + 5 * MINUTE);
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ unconfirmed: 2 });
    const ended = await referralIntents(w, c.caseId, r.referralId);
    expect(ended.map((i) => [i.status, i.listKey])).toEqual([
      ['unconfirmed', 'FAILED#obiliq'],
      ['unconfirmed', 'FAILED#obiliq'],
    ]);
  });

  it('an office address that bounced: nothing sent from here; the deliver function fails it for a call and flags the referral', async () => {
    const w = world();
    const { c, r } = await referred(w);
    const office = w.directory.office('obiliq', 'civil_registry')!;
    await w.repos.addresses.record(office.email, { status: 'undeliverable', at: '2026-11-20T10:00:00.000Z', messageId: 'ses-0', codes: ['Permanent/General'] });
    const { route, deliver, email, sms } = oneHop(w);
    await routeReferral(r, route);
    expect(email.sent).toHaveLength(0);
    expect(sms.sent).toHaveLength(0);
    const queued = await referralIntents(w, c.caseId, r.referralId);
    expect(queued.map((i) => [i.channel, i.status, i.attempts])).toEqual([
      ['email', 'queued', 0],
      ['sms', 'queued', 0],
    ]);
    // The stream hands both to the deliver function, which reads and decides as it always did.
    for (const i of queued) expect(passesFilters(insertOf(i), FUNCTIONS.deliverNotifications.trigger.filters)).toBe(true);
    expect(await deliverIntent(queued[0]!, deliver)).toBe('failed');
    expect(await deliverIntent(queued[1]!, deliver)).toBe('sent');
    expect(email.sent).toHaveLength(0);
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ flagReason: 'address_undeliverable' });
  });

  it('reads no case: what routing needs travels with the referral; a consent changed since is the deliver function\'s to handle', async () => {
    const w = world();
    const { c, r } = await referred(w);
    const { route, email, sms } = oneHop(w);
    let reads = 0;
    const cases = route.cases;
    route.cases = { get: (caseId) => (reads++, cases.get(caseId)) };
    expect(r.routing).toMatchObject({ phone: '+38349555123', consent: { sms: true }, persons: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }, { id: 'p4' }] });
    await routeReferral(r, route);
    expect(reads).toBe(0);
    expect([email.sent.length, sms.sent.length]).toEqual([1, 1]);
    // The persons the office's email names are the snapshot's, as the case has them.
    expect(email.sent[0]!.text).toContain(OBILIQ_HOUSEHOLD[0]!.givenName);

    // The coordinator opts the returnee out between the referral and its routing: the snapshot's
    // consent no longer holds, nothing goes from here, and the case as it is decides.
    const second = valueOf(await createReferral(c.caseId, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'] }, w.intake));
    expect(await w.repos.cases.setSmsOptOut(c.caseId, { reason: 'returnee_asked' }, w.clock.now().toISOString(), COORDINATOR)).toBe(true);
    await routeReferral(second, route);
    expect(reads).toBe(1);
    expect([email.sent.length, sms.sent.length]).toEqual([1, 1]);
    const left = await referralIntents(w, c.caseId, second.referralId);
    expect(left.map((i) => [i.channel, i.status, i.skipReason])).toEqual([
      ['email', 'queued', undefined],
      ['sms', 'skipped', 'no_sms_consent'],
    ]);
  });

  it('at night the email goes at once and the SMS waits for 08:00, as before', async () => {
    const w = world(new Date('2026-11-23T21:30:00.000Z'));
    const { c, r } = await referred(w);
    const { route, email, sms } = oneHop(w);
    await routeReferral(r, route);
    expect(email.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(0);
    const held = (await referralIntents(w, c.caseId, r.referralId)).find((i) => i.channel === 'sms')!;
    expect(held).toMatchObject({ status: 'deferred', attempts: 0, notBefore: '2026-11-24T07:00:00.000Z' });
  });
});

/**
 * A case's referrals in one stream batch (an assessment writes several at once) are routed
 * together: one decision write, each office its own email, and the family one SMS listing them.
 */
describe('route-referrals routes a batch\'s referrals of one case together', () => {

  async function assessed(w: World, welcome: 'sent' | 'waiting' = 'sent') {
    const c = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    // The welcome has gone already (at night it waits for 08:00): what the family gets now is the referrals' message alone.
    const first = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.purpose === 'case.welcome')!;
    if (welcome === 'sent') expect(await deliverIntent(first, deliverDeps(w).deps)).toBe('sent');
    else expect(first.status).toBe('deferred');
    const made = valueOf(await submitAssessment(c.caseId, OBILIQ_FOUR_AT_ONCE, w.intake)).referrals;
    expect(made.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created']);
    // As the stream's records carry them.
    const referrals = await Promise.all(made.map(async (r) => (await w.repos.referrals.get(c.caseId, r.referralId))!));
    return { c, referrals };
  }
  const smsIntents = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents.filter((i) => i.purpose === 'referral.returnee');

  it('four referrals: four office emails and one SMS listing them; a redelivered batch sends and writes nothing', async () => {
    const w = world();
    const { c, referrals } = await assessed(w);
    const { route, deliver, email, sms } = oneHop(w);
    let decisions = 0;
    const real = route.intents;
    route.intents = Object.assign(Object.create(real) as typeof real, { writeDecision: (...a: Parameters<typeof real.writeDecision>) => (decisions++, real.writeDecision(...a)) });

    const outcomes = await routeReferrals(referrals, route);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(decisions).toBe(1);
    const offices = referrals.map((r) => w.directory.office('obiliq', r.officeKind)!.email);
    expect(email.sent.map((m) => m.to[0]).sort()).toEqual([...offices].sort());
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]!.phoneNumber).toBe('+38349555123');
    const texted = await smsIntents(w, c.caseId);
    expect(texted.map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(new Set(texted.map((i) => i.providerMessageId)).size).toBe(1);
    // One SMS leads the message; the others are recorded in it.
    const leaders = texted.filter((i) => i.mergedInto === undefined);
    expect(leaders).toHaveLength(1);
    expect(texted.filter((i) => i.mergedInto === leaders[0]!.intentId)).toHaveLength(3);
    // It lists the four steps.
    expect(sms.sent[0]!.text).toMatch(/ 1\) .* 2\) .* 3\) .* 4\) /);
    for (const r of referrals) expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'sent' });

    // The batch comes again (a retry after a timeout): nothing written, nothing sent.
    w.clock.advance(5 * MINUTE);
    const size = w.table.size;
    expect((await routeReferrals(referrals, route)).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(w.table.size).toBe(size);
    for (const i of texted) expect(await deliverIntent({ ...i, status: 'queued', attempts: 0 }, deliver)).toBe('already-done');
    expect([email.sent.length, sms.sent.length]).toEqual([4, 1]);
  });

  it("lists the steps in the order the assessment made them, whatever order the batch's records come in", async () => {
    const w = world();
    const { c, referrals } = await assessed(w);
    // Made in one write, they share a creation time, and their ids are hashes of the case and the rule.
    expect(new Set(referrals.map((r) => r.createdAt)).size).toBe(1);
    expect(referrals.map((r) => r.position)).toEqual([0, 1, 2, 3]);
    const { route, sms } = oneHop(w);
    await routeReferrals([...referrals].reverse(), route);
    expect(sms.sent).toHaveLength(1);
    // Each step names its office, as the SMS policy writes it (here without diacritics, and a
    // hyphen for the dash before the municipality): where each office's name begins.
    const plain = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '');
    const text = plain(sms.sent[0]!.text);
    const places = referrals.map((r) => text.indexOf(plain(w.directory.office('obiliq', r.officeKind)!.name.sq.split(' – ')[0]!)));
    expect(places.every((p) => p > 0)).toBe(true);
    expect(places).toEqual([...places].sort((a, b) => a - b));
    // The first made leads the message; the others are recorded in it.
    const texted = await smsIntents(w, c.caseId);
    expect(texted.find((i) => i.mergedInto === undefined)!.referralId).toBe(referrals[0]!.referralId);
  });

  it('two referrals to one office (reconstruction and rent subsidy): routed together, each its email, the address checked once', async () => {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    const made = [
      valueOf(await createReferral(c.caseId, { officeKind: 'reintegration_commission', need: 'housing_reconstruction' }, w.intake)),
      valueOf(await createReferral(c.caseId, { officeKind: 'reintegration_commission', need: 'rent_subsidy' }, w.intake)),
    ];
    const referrals = await Promise.all(made.map(async (r) => (await w.repos.referrals.get(c.caseId, r.referralId))!));
    expect(new Set(referrals.map((r) => r.officeId)).size).toBe(1);
    const { route, email, sms } = oneHop(w);
    let decisions = 0;
    const real = route.intents;
    route.intents = Object.assign(Object.create(real) as typeof real, { writeDecision: (...a: Parameters<typeof real.writeDecision>) => (decisions++, real.writeDecision(...a)) });

    expect((await routeReferrals(referrals, route)).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    // One write for both: the table would refuse two checks of the one address item in it.
    expect(decisions).toBe(1);
    const office = w.directory.office('obiliq', 'reintegration_commission')!.email;
    expect(email.sent.map((m) => m.to[0])).toEqual([office, office]);
    expect(sms.sent.filter((m) => m.phoneNumber === '+38349555123')).toHaveLength(1);
    for (const r of referrals) expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'sent' });
  });

  it("referrals made before and after a change of the case's language are each texted in their own words, none with a step left blank", async () => {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    const made = [
      valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake)),
      valueOf(await createReferral(c.caseId, { officeKind: 'reintegration_commission', need: 'housing_reconstruction' }, w.intake)),
    ];
    const [sq, later] = await Promise.all(made.map(async (r) => (await w.repos.referrals.get(c.caseId, r.referralId))!));
    expect(sq!.routing?.language).toBe('sq');
    // As a referral made after the coordinator set the case's language to English carries it.
    const en = { ...later!, routing: { ...later!.routing!, language: 'en' as const } };
    const { route, sms } = oneHop(w);
    expect((await routeReferrals([sq!, en], route)).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(sms.sent).toHaveLength(2);
    const names = [w.directory.office('obiliq', 'civil_registry')!.name, w.directory.office('obiliq', 'reintegration_commission')!.name];
    const plain = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '');
    expect(sms.sent.some((m) => plain(m.text).includes(plain(names[0]!.sq.split(' – ')[0]!)))).toBe(true);
    expect(sms.sent.some((m) => m.text.includes(names[1]!.en.split(' – ')[0]!))).toBe(true);
    for (const m of sms.sent) expect(m.text).not.toMatch(/te \.|to \./);
  });

  it('a write the table refuses for the case as a whole is tried referral by referral', async () => {
    const w = world();
    const { c, referrals } = await assessed(w);
    const { route, email, sms } = oneHop(w);
    const real = route.intents;
    route.intents = Object.assign(Object.create(real) as typeof real, {
      writeDecision: (...a: Parameters<typeof real.writeDecision>) =>
        a[0].length > 2 ? Promise.reject(Object.assign(new Error('refused'), { name: 'ValidationException' })) : real.writeDecision(...a),
    });
    expect((await routeReferrals(referrals, route)).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(email.sent).toHaveLength(4);
    // Their SMS, written queued, still go as one.
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]!.text).toMatch(/ 1\) .* 2\) .* 3\) .* 4\) /);
    const texted = await smsIntents(w, c.caseId);
    expect(texted.map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(new Set(texted.map((i) => i.providerMessageId)).size).toBe(1);
  });

  it('one referral that cannot be routed fails alone; the others of its case go together', async () => {
    const w = world();
    const { c, referrals } = await assessed(w);
    const { route, email, sms } = oneHop(w);
    const broken = { ...referrals[1]!, officeId: 'no-such-office' };
    const outcomes = await routeReferrals([referrals[0]!, broken, referrals[2]!, referrals[3]!], route);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ name: 'RoutingError' });
    expect([email.sent.length, sms.sent.length]).toEqual([3, 1]);
    expect((await smsIntents(w, c.caseId)).map((i) => i.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('a batch that was routed in part before: the rest are routed, nothing goes twice', async () => {
    const w = world();
    const { c, referrals } = await assessed(w);
    const { route, email, sms } = oneHop(w);
    await routeReferrals(referrals.slice(0, 2), route);
    expect([email.sent.length, sms.sent.length]).toEqual([2, 1]);
    await routeReferrals(referrals, route);
    expect(email.sent).toHaveLength(4);
    expect((await smsIntents(w, c.caseId)).map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    // The two routed now went as one (the write that found the first two routed before claimed none).
    expect(sms.sent).toHaveLength(2);
  });

  it('at night the emails go at once and the four SMS wait for 08:00, when they go as one', async () => {
    const w = world(new Date('2026-11-23T21:30:00.000Z'));
    const { c, referrals } = await assessed(w, 'waiting');
    const { route, deliver, email, sms } = oneHop(w);
    await routeReferrals(referrals, route);
    expect([email.sent.length, sms.sent.length]).toEqual([4, 0]);
    const held = await smsIntents(w, c.caseId);
    expect(held.map((i) => [i.status, i.notBefore, i.mergedInto])).toEqual(Array(4).fill(['deferred', '2026-11-24T07:00:00.000Z', undefined]));
    // 08:00: the sweep releases them, and the first record the deliver function takes carries the household.
    w.clock.set(new Date('2026-11-24T07:01:00.000Z'));
    expect((await sweepTimers(sweepDeps(w))).released).toBe(5);
    const released = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.purpose === 'case.welcome')!;
    expect(await deliverIntent(released, deliver)).toBe('sent');
    expect(sms.sent).toHaveLength(1);
    expect((await smsIntents(w, c.caseId)).map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('a phone number changed between the referrals and their routing: the case is read again and the new number texted', async () => {
    const w = world();
    const { c, referrals } = await assessed(w);
    expect(referrals.every((r) => r.routing?.phone === '+38349555123')).toBe(true);
    // Corrected on the case after the referrals took their snapshot.
    w.table.write({ put: { ...w.table.get({ pk: `CASE#${c.caseId}`, sk: 'META' })!, phone: '+38344777888' } });
    const { route, deliver, sms } = oneHop(w);
    await routeReferrals(referrals, route);
    expect(sms.sent).toHaveLength(0);
    const queued = await smsIntents(w, c.caseId);
    expect(queued.map((i) => [i.status, i.recipient])).toEqual(Array(4).fill(['queued', '+38344777888']));
    // The deliver function takes them from their records, the first with the rest as one SMS.
    expect(await deliverIntent(queued[0]!, deliver)).toBe('sent');
    expect(sms.sent.map((m) => m.phoneNumber)).toEqual(['+38344777888']);
  });
});
