import { describe, expect, it } from 'vitest';
import { deliverIntent, RetryLaterError } from '../../../shared/delivery/deliver-intent.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { signLink, verifyLink } from '../../../shared/links/signed-link.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { COORDINATOR, deliverDeps, DeliveryError, LEASE_SECONDS, LINK_KEY, LINKS_BASE, routed, sweepDeps, world, type World } from '../support/world.js';

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

  it("sends once when the claim took but its answer was lost and the client's resend was refused: the claim is known as its own", async () => {
    const w = world();
    const { email } = await routed(w);
    const { deps, email: outbox } = deliverDeps(w);
    w.table.loseNextAnswer();
    expect(await deliverIntent(email, deps)).toBe('sent');
    expect(outbox.sent).toHaveLength(1);
    expect(await stored(w, email)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await w.repos.worklists.failedNotifications('obiliq')).toEqual([]);
  });

  it('refuses, in test mode, a recipient that could reach a real person', async () => {
    const w = world();
    const { sms } = await routed(w);
    const { deps, sms: phone } = deliverDeps(w);
    expect(await deliverIntent(sms, { ...deps, mode: 'test' })).toBe('failed');
    expect(phone.sent).toEqual([]);
    expect((await stored(w, sms))?.failure?.code).toBe('TestModeRecipientRefused');
  });

  describe("an office email's one-click answers", () => {
    const tokensOf = (text: string) => [...text.matchAll(new RegExp(`${LINKS_BASE}/r/([^\\s"<]+)`, 'g'))].map((m) => m[1]!);
    const nowSeconds = (w: World) => Math.floor(w.clock.now().getTime() / 1000);

    it('are signed as the email is rendered, for this referral, and a retry signs the same answers with the same expiry', async () => {
      const w = world();
      const { c, r, email } = await routed(w);
      const { deps, email: outbox } = deliverDeps(w);
      outbox.failures.push(new DeliveryError('throttled', 'Throttling'));
      expect(await deliverIntent(email, deps)).toBe('retry-scheduled');
      w.clock.advance(5 * 60_000);
      await w.repos.timers.release((await stored(w, email))!, w.clock.now().toISOString());
      expect(await deliverIntent((await stored(w, email))!, deps)).toBe('sent');

      const sent = outbox.sent[0]!;
      const tokens = tokensOf(sent.text);
      expect(tokens).toHaveLength(3);
      // Mustache escapes / and = in the HTML's href.
      expect(tokensOf(sent.html.replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '='))).toEqual(tokens);
      const exp = email.data.answerLinks as { exp: number };
      expect(tokens.map((t) => verifyLink(t, { current: LINK_KEY }, nowSeconds(w)))).toEqual(
        (['accept', 'decline', 'outcome'] as const).map((action) => ({ ok: true, claims: { caseId: c.caseId, referralId: r.referralId, action, exp: exp.exp, v: 1 } })),
      );
      // The same tokens as the first attempt would have sent: nothing about them depends on when they are signed.
      expect(tokens[0]).toBe(signLink({ caseId: c.caseId, referralId: r.referralId, action: 'accept', exp: exp.exp }, LINK_KEY));
      // What the table keeps is still only the grant.
      expect(JSON.stringify(await stored(w, email))).not.toContain(tokens[0]!);
    });

    it('come with the reminder and the escalation as with the first email', async () => {
      const w = world();
      const { c, r } = await routed(w);
      const { deps, email: outbox } = deliverDeps(w);
      // Each rung writes the next as it fires: the one pending now is the next to come.
      const pending = async () => (await w.repos.cases.view(c.caseId))!.timers.find((t) => t.subjectId === r.referralId && t.status === 'pending')!;
      for (const kind of ['referral.ack.reminder', 'referral.ack.escalation']) {
        const rung = await pending();
        expect(rung.kind).toBe(kind);
        w.clock.set(rung.dueAt);
        await sweepTimers(sweepDeps(w));
        const fired = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.sourceId === rung.timerId)!;
        expect(await deliverIntent(fired, deps)).toBe('sent');
      }
      expect(outbox.sent.map((m) => m.tags?.template)).toEqual(['referral_office_reminder', 'referral_head_escalation']);
      for (const m of outbox.sent) {
        const verdicts = tokensOf(m.text).map((t) => verifyLink(t, { current: LINK_KEY }, nowSeconds(w)));
        expect(verdicts.map((v) => v.ok && [v.claims.referralId, v.claims.action])).toEqual([
          [r.referralId, 'accept'],
          [r.referralId, 'decline'],
          [r.referralId, 'outcome'],
        ]);
      }
    });

    it('wait for the key when it cannot be read (nothing sent), and a broken grant fails without sending', async () => {
      const w = world();
      const { email } = await routed(w);
      const { deps, email: outbox } = deliverDeps(w);
      const unreadable = { ...deps, links: { ...deps.links, key: { load: () => Promise.reject(new Error('ThrottlingException')) } } };
      expect(await deliverIntent(email, unreadable)).toBe('retry-scheduled');
      expect(await stored(w, email)).toMatchObject({ status: 'deferred', lastError: 'LinkKeyUnavailable' });

      const other = world();
      const routedAgain = await routed(other);
      const id = `${routedAgain.email.intentId}-broken`;
      const broken = { ...routedAgain.email, intentId: id, sk: `NOTE#${id}`, data: { ...routedAgain.email.data, answerLinks: { actions: ['accept'], exp: 1 } } };
      expect(await other.repos.intents.putIfAbsent(broken)).toBe(true);
      const second = deliverDeps(other);
      expect(await deliverIntent(broken, second.deps)).toBe('failed');
      expect(second.email.sent).toEqual([]);
      expect(outbox.sent).toEqual([]);
    });
  });
});
