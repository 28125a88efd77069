import { describe, expect, it } from 'vitest';
import { deliverIntent, RetryLaterError } from '../../../shared/delivery/deliver-intent.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { COORDINATOR, deliverDeps, DeliveryError, LEASE_SECONDS, routed, world, type World } from '../support/world.js';

/**
 * Delivering one intent (the deliver-notifications function's use case) on the in-memory
 * repositories, with senders that keep what they were given: each message reaches the provider at
 * most once, and whatever stops it ends on record, in the call-or-visit list rather than in silence.
 */

const stored = (w: World, i: IntentItem) => w.repos.intents.get(i);

describe('deliverIntent', () => {
  it("sends the office's email once and marks the referral sent; the same record again sends nothing", async () => {
    const w = world();
    const { c, r, email } = await routed(w);
    const { deps, email: outbox } = deliverDeps(w);
    expect(await deliverIntent(email, deps)).toBe('sent');
    expect(await deliverIntent(email, deps)).toBe('already-done');
    expect(outbox.sent).toHaveLength(1);
    expect(outbox.sent[0]!.to).toEqual([w.directory.office('obiliq', 'civil_registry')!.email]);
    expect(outbox.sent[0]!.tags).toMatchObject({ purpose: 'referral_office' });
    expect(await stored(w, email)).toMatchObject({ status: 'sent', providerMessageId: 'email-1', attempts: 1 });
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ status: 'sent', sentAt: w.clock.now().toISOString() });
  });

  it("texts the returnee and forgets the SMS's words once it is out", async () => {
    const w = world();
    const { sms } = await routed(w);
    const { deps, sms: phone } = deliverDeps(w);
    expect(await deliverIntent(sms, deps)).toBe('sent');
    expect(phone.sent.map((m) => m.phoneNumber)).toEqual(['+38349555123']);
    const after = await stored(w, sms);
    expect(after).toMatchObject({ status: 'sent', data: {}, sms: { encoding: 'GSM-7' } });
  });

  it('retries a transient provider error later, at most the policy allows, without resending meanwhile', async () => {
    const w = world();
    const { email } = await routed(w);
    const { deps, email: outbox } = deliverDeps(w);
    outbox.failures.push(new DeliveryError('throttled', 'Throttling'));
    expect(await deliverIntent(email, deps)).toBe('retry-scheduled');
    const deferred = (await stored(w, email))!;
    expect(deferred).toMatchObject({ status: 'deferred', lastError: 'Throttling', attempts: 1 });
    const wait = Date.parse(deferred.dueAt!) - w.clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(30_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await deliverIntent(email, deps)).toBe('already-done');
    expect(outbox.sent).toEqual([]);
  });

  it('fails an SMS for good into the call-or-visit list, and writes the coordinator what it said', async () => {
    const w = world();
    const { c, sms } = await routed(w);
    const { deps, sms: phone } = deliverDeps(w);
    phone.failures.push(new DeliveryError('non-retryable', 'InvalidParameter'));
    expect(await deliverIntent(sms, deps)).toBe('failed');
    expect(await stored(w, sms)).toMatchObject({ status: 'failed', failure: { kind: 'non-retryable', code: 'InvalidParameter' } });
    expect((await w.repos.worklists.failedNotifications('obiliq')).map((i) => i.intentId)).toEqual([sms.intentId]);
    const followUp = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.sourceId === sms.intentId)!;
    expect(followUp).toMatchObject({ purpose: 'followup.coordinator', channel: 'email', status: 'queued', recipient: w.directory.municipality('obiliq')!.coordinators[0]!.email });
    // What the SMS said, to be passed on by phone or on a visit.
    expect(followUp.data).toMatchObject({ smrCaseId: 'SMR-2026-0142', message: expect.stringMatching(/^ZKKK Obiliq: .{40,}/) });
  });

  it('sends nothing to an address that bounced for good, or to a returnee the coordinator opted out', async () => {
    const w = world();
    const { c, email, sms } = await routed(w);
    const { deps, email: outbox, sms: phone } = deliverDeps(w);
    await w.repos.addresses.record(email.recipient!, { status: 'undeliverable', at: '2026-11-20T10:00:00.000Z', messageId: 'm-0', codes: ['5.1.1'] });
    await w.repos.cases.setSmsOptOut(c.caseId, { reason: 'returnee_asked' }, w.clock.now().toISOString(), COORDINATOR);
    expect(await deliverIntent(email, deps)).toBe('failed');
    expect(await deliverIntent(sms, deps)).toBe('failed');
    expect(outbox.sent).toEqual([]);
    expect(phone.sent).toEqual([]);
    expect((await stored(w, email))?.failure?.code).toBe('AddressUndeliverable');
    expect((await stored(w, sms))?.failure?.code).toBe('OptedOutByCoordinator');
  });

  it('leaves an attempt holding the lease alone, and marks one whose lease lapsed unconfirmed instead of sending twice', async () => {
    const w = world();
    const { email } = await routed(w);
    const { deps, email: outbox } = deliverDeps(w);
    // An earlier attempt claimed it and died before recording anything.
    await w.repos.intents.claim(email, Math.floor(w.clock.now().getTime() / 1000) + LEASE_SECONDS, w.clock.now().toISOString());
    await expect(deliverIntent(email, deps)).rejects.toBeInstanceOf(RetryLaterError);
    w.clock.advance((LEASE_SECONDS + 1) * 1000);
    expect(await deliverIntent(email, deps)).toBe('unconfirmed');
    expect(outbox.sent).toEqual([]);
    expect(await stored(w, email)).toMatchObject({ status: 'unconfirmed' });
    expect((await w.repos.worklists.failedNotifications('obiliq')).map((i) => i.intentId)).toEqual([email.intentId]);
  });

  it('refuses, in test mode, a recipient that could reach a real person', async () => {
    const w = world();
    const { sms } = await routed(w);
    const { deps, sms: phone } = deliverDeps(w);
    expect(await deliverIntent(sms, { ...deps, mode: 'test' })).toBe('failed');
    expect(phone.sent).toEqual([]);
    expect((await stored(w, sms))?.failure?.code).toBe('TestModeRecipientRefused');
  });
});
