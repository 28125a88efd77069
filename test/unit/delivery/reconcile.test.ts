import { describe, expect, it } from 'vitest';
import { runTimers } from '../../../cli/timers.js';
import { FUNCTIONS } from '../../../events/triggers.js';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { DELIVERY_WATCH, type IntentItem } from '../../../shared/store/intent.js';
import { TIMER_RETRY } from '../../../shared/store/timer.js';
import { sweepTimers, type SweepDeps } from '../../../shared/timers/sweep.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { arrival, COORDINATOR, deliverDeps, DeliveryError, LEASE_SECONDS, MemoryEmailSender, routed, sweepDeps, valueOf, world, type World } from '../support/world.js';

/**
 * No delivery left in limbo, on the in-memory repositories: the delivery watch every unfinished
 * intent keeps in the timers index, what the sweep does when it is up (a lapsed lease, a stream
 * record that never came), the provider's ambiguous answers, quiet hours at send time, a dead
 * office address, and a timer that keeps failing.
 */

const MINUTE = 60_000;

const stored = async (w: World, i: IntentItem) => (await w.repos.intents.get(i))!;
const followUpsOf = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents.filter((i) => i.template === 'followup.coordinator');

describe('the delivery watch', () => {
  it('outlasts every legitimate wait of a stream record: the mapping\'s maximum age and an invocation\'s retries', () => {
    const t = FUNCTIONS.deliverNotifications.trigger;
    expect(DELIVERY_WATCH.queuedSeconds).toBeGreaterThan(t.maxRecordAgeSeconds + (t.retryAttempts + 1) * FUNCTIONS.deliverNotifications.timeoutSeconds);
  });

  it('a queued intent is watched from when it was queued; a claimed one at its lease\'s end; a finished one leaves the index', async () => {
    const w = world();
    const { email } = await routed(w);
    expect(email).toMatchObject({ status: 'queued', dueAt: new Date(w.clock.now().getTime() + DELIVERY_WATCH.queuedSeconds * 1000).toISOString() });
    const { deps, email: outbox } = deliverDeps(w);
    // The provider's call is where the attempt is while the lease runs.
    outbox.send = async function (this: MemoryEmailSender) {
      expect(await stored(w, email)).toMatchObject({ status: 'sending', dueAt: new Date(w.clock.now().getTime() + LEASE_SECONDS * 1000).toISOString() });
      return { providerMessageId: 'ses-1' };
    };
    expect(await deliverIntent(email, deps)).toBe('sent');
    const sent = await stored(w, email);
    expect(sent.dueBucket).toBeUndefined();
  });
});

describe('the sweep reconciles what no attempt finished', () => {
  it('a lapsed lease (the attempt died after the provider took it): unconfirmed, never resent, the coordinator told, within one sweep', async () => {
    const w = world();
    const { c, sms } = await routed(w);
    const { deps, sms: phone } = deliverDeps(w);
    // The process dies between the provider's answer and the record of it.
    deps.intents = Object.assign(Object.create(w.repos.intents) as typeof w.repos.intents, { markSent: () => Promise.reject(new Error('Runtime.ExitError')) });
    await expect(deliverIntent(sms, deps)).rejects.toThrow('Runtime.ExitError');
    expect(phone.sent).toHaveLength(1);

    w.clock.advance(LEASE_SECONDS * 1000 - 1000);
    expect((await sweepTimers(sweepDeps(w))).unconfirmed).toBe(0);
    w.clock.advance(5 * MINUTE);
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ unconfirmed: 1, failed: 0 });
    expect(await stored(w, sms)).toMatchObject({ status: 'unconfirmed', listKey: 'FAILED#obiliq' });
    expect((await stored(w, sms)).dueBucket).toBeUndefined();
    const [told] = await followUpsOf(w, c.caseId);
    expect(told).toMatchObject({ status: 'queued', data: { reason: 'unconfirmed', smrCaseId: 'SMR-2026-0142' } });
    expect((told!.data as { message?: string }).message).toBeTruthy();
    expect(phone.sent).toHaveLength(1);
    // Nothing more to do: the next sweep finds nothing.
    w.clock.advance(5 * MINUTE);
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ unconfirmed: 0, requeued: 0 });
  });

  it('a queued intent whose stream record never came is put back on the stream (deferred → queued), twice at most, then failed for good with the coordinator told', async () => {
    const w = world();
    const { c, sms } = await routed(w, { welcome: 'pending' });
    for (const n of [1, 2]) {
      w.clock.advance(DELIVERY_WATCH.queuedSeconds * 1000 + MINUTE);
      // The office's email and the returnee's SMS lost their records (and so do the notices the
      // case's timers write meanwhile: no deliver function runs in this test).
      const report = await sweepTimers(sweepDeps(w));
      expect(report.requeued, `requeue ${n}`).toBeGreaterThanOrEqual(2);
      expect(report.failed).toBe(0);
      // Queued again (the change the deliver function's filter passes), with a new watch.
      expect(await stored(w, sms)).toMatchObject({ status: 'queued', requeues: n, dueAt: new Date(w.clock.now().getTime() + DELIVERY_WATCH.queuedSeconds * 1000).toISOString() });
    }
    const audit = (await w.repos.cases.view(c.caseId))!.audit.filter((a) => a.event === 'notification.requeued' && a.subjectId === sms.intentId);
    expect(audit).toHaveLength(2);
    w.clock.advance(DELIVERY_WATCH.queuedSeconds * 1000 + MINUTE);
    // The referral's SMS and the case's welcome SMS, both lost.
    expect((await sweepTimers(sweepDeps(w))).abandoned).toMatchObject({ sms: 2 });
    expect(await stored(w, sms)).toMatchObject({ status: 'failed', failure: { kind: 'attempts-exhausted', code: 'NotTakenUp' }, listKey: 'FAILED#obiliq' });
    const told = await followUpsOf(w, c.caseId);
    expect(told.map((t) => (t.data as { reason: string }).reason)).toEqual(['not_taken_up', 'not_taken_up']);
  });

  it('a record put back is delivered once when it comes; an attempt that claims it first wins over the sweep', async () => {
    const w = world();
    const { email } = await routed(w);
    const { deps, email: outbox } = deliverDeps(w);
    w.clock.advance(DELIVERY_WATCH.queuedSeconds * 1000 + MINUTE);
    const due = await stored(w, email);
    // The original record's attempt arrives late and claims it before the sweep's write.
    expect(await deliverIntent(due, deps)).toBe('sent');
    expect(await w.repos.intents.requeue(due, w.clock.now().toISOString())).toBe(false);
    expect(await deliverIntent(due, deps)).toBe('already-done');
    expect(outbox.sent).toHaveLength(1);
  });
});

describe('provider answers that leave it open', () => {
  it('a 5xx, a timeout or a dropped connection: unconfirmed at once, never resent, the coordinator told for an SMS', async () => {
    const w = world();
    const { c, sms, email } = await routed(w);
    const { deps, sms: phone, email: outbox } = deliverDeps(w);
    phone.failures.push(new DeliveryError('ambiguous', 'InternalErrorException'));
    outbox.failures.push(new DeliveryError('ambiguous', 'TimeoutError'));
    expect(await deliverIntent(sms, deps)).toBe('unconfirmed');
    expect(await deliverIntent(email, deps)).toBe('unconfirmed');
    expect(await stored(w, sms)).toMatchObject({ status: 'unconfirmed', lastError: 'InternalErrorException', attempts: 1 });
    expect(await stored(w, email)).toMatchObject({ status: 'unconfirmed', lastError: 'TimeoutError', listKey: 'FAILED#obiliq' });
    expect((await followUpsOf(w, c.caseId)).map((t) => (t.data as { reason: string }).reason)).toEqual(['unconfirmed']);
    expect(w.metrics.counts.DeliveryUnconfirmed).toBe(2);
    // The same records again: nothing is sent.
    expect(await deliverIntent(sms, deps)).toBe('already-done');
    expect(phone.sent).toHaveLength(0);
  });

  it('a refused connection (nothing reached the provider) is retried later like throttling', async () => {
    const w = world();
    const { sms } = await routed(w);
    const { deps, sms: phone } = deliverDeps(w);
    phone.failures.push(new DeliveryError('transient', 'Error'));
    expect(await deliverIntent(sms, deps)).toBe('retry-scheduled');
  });
});

describe('quiet hours at send time', () => {
  it('an SMS that reaches the deliver function at 21:00 (a backlog, a redrive) waits for 08:00, no attempt counted, then goes once', async () => {
    const w = world();
    const { sms } = await routed(w);
    const { deps, sms: phone } = deliverDeps(w);
    w.clock.set('2026-11-23T20:00:00.000Z'); // 21:00 in Kosovo
    expect(await deliverIntent(sms, deps)).toBe('held-for-morning');
    expect(await stored(w, sms)).toMatchObject({ status: 'deferred', attempts: 0, notBefore: '2026-11-24T07:00:00.000Z', dueAt: '2026-11-24T07:00:00.000Z' });
    expect(phone.sent).toHaveLength(0);
    w.clock.set('2026-11-24T07:02:00.000Z');
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ released: 1 });
    expect(await deliverIntent(await stored(w, sms), deps)).toBe('sent');
    expect(phone.sent).toHaveLength(1);
  });

  it('an email at night is not held', async () => {
    const w = world();
    const { email } = await routed(w);
    const { deps } = deliverDeps(w);
    w.clock.set('2026-11-23T20:00:00.000Z');
    expect(await deliverIntent(email, deps)).toBe('sent');
  });
});

describe('an office address that bounced for good', () => {
  it('a referral email refused for it flags the referral at once; the ladder writes no reminder to it', async () => {
    const w = world();
    const { c, r, email } = await routed(w);
    const office = w.directory.office('obiliq', 'civil_registry')!;
    await w.repos.addresses.record(office.email, { status: 'undeliverable', at: w.clock.now().toISOString(), messageId: 'ses-0', codes: ['Permanent/General'] });
    const { deps, email: outbox } = deliverDeps(w);
    expect(await deliverIntent(email, deps)).toBe('failed');
    expect(outbox.sent).toHaveLength(0);
    expect(await w.repos.referrals.get(c.caseId, r.referralId)).toMatchObject({ flagReason: 'address_undeliverable', flaggedAt: w.clock.now().toISOString() });

    // The reminder rung comes due: nothing written to the dead address, the referral stays flagged.
    const reminder = (await w.repos.cases.view(c.caseId))!.timers.find((t) => t.kind === 'referral.ack.reminder')!;
    w.clock.set(new Date(Date.parse(reminder.dueAt) + MINUTE));
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ moot: 1, failed: 0 });
    const reminders = (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.template === 'referral.office.reminder');
    expect(reminders).toHaveLength(0);
  });
});

describe('a timer that keeps failing', () => {
  it('is tried again at a growing interval (the cursor moves on), quarantined at the fifth failure, listed for the operator and retried by the CLI', async () => {
    const w = world();
    const c = valueOf(await createCase(arrival('SMR-2026-0150', { arrivalDate: '2026-11-23' }), w.intake, COORDINATOR));
    const failing: SweepDeps = { ...sweepDeps(w), cases: { get: async (id) => (id === c.caseId ? Promise.reject(Object.assign(new Error('boom'), { name: 'ProvisionedThroughputExceededException' })) : w.repos.cases.get(id)) } };
    const visit = () => w.repos.cases.view(c.caseId).then((v) => v!.timers.find((t) => t.kind === 'visit.reminder')!);
    w.clock.set(new Date(Date.parse((await visit()).dueAt) + MINUTE));
    const waits: number[] = [];
    for (let n = 1; n < TIMER_RETRY.maxAttempts; n++) {
      expect(await sweepTimers(failing)).toMatchObject({ failed: 1, quarantined: 0 });
      const t = await visit();
      expect(t).toMatchObject({ status: 'pending', failures: n, lastError: 'ProvisionedThroughputExceededException' });
      waits.push((Date.parse(t.dueAt) - w.clock.now().getTime()) / MINUTE);
      // Not due yet: the next sweep passes it by, and the cursor is not held back for it.
      expect(await sweepTimers(failing)).toMatchObject({ failed: 0 });
      w.clock.set(new Date(Date.parse(t.dueAt) + MINUTE));
    }
    expect(waits).toEqual([5, 10, 20, 40]);
    expect(await sweepTimers(failing)).toMatchObject({ failed: 1, quarantined: 1 });
    expect(await visit()).toMatchObject({ status: 'quarantined', failures: TIMER_RETRY.maxAttempts });
    expect((await visit()).dueBucket).toBeUndefined();
    expect((await w.repos.cases.view(c.caseId))!.audit.map((a) => a.event)).toContain('timer.quarantined');

    const listed = await runTimers(['quarantined'], { timers: w.repos.timers });
    expect(listed.stdout).toContain('visit.reminder');
    expect(listed.stdout).toContain('5 failure(s), last ProvisionedThroughputExceededException');
    expect(listed.stdout).not.toContain('SMR-2026-0150');
    const [q] = await w.repos.timers.quarantined();
    // The cause fixed, the operator puts it back: the next sweep fires it.
    expect(await runTimers(['retry', q!.pk, q!.sk], { timers: w.repos.timers, now: () => w.clock.now() })).toMatchObject({ exitCode: 0 });
    expect(await runTimers(['retry', q!.pk, q!.sk], { timers: w.repos.timers, now: () => w.clock.now() })).toMatchObject({ exitCode: 1 });
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ fired: 1, failed: 0 });
    expect(await runTimers(['quarantined'], { timers: w.repos.timers })).toEqual({ stdout: 'no quarantined timers\n', exitCode: 0 });
  });

  it('an item of the timers index the sweep cannot read is quarantined instead of stopping every sweep after it', async () => {
    const w = world();
    await routed(w);
    w.table.write({ put: { pk: 'CASE#X', sk: 'TIMER#broken', type: 'Timer', dueAt: w.clock.now().toISOString(), dueBucket: w.clock.now().toISOString().slice(0, 13) } });
    w.clock.advance(MINUTE);
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ failed: 1, quarantined: 1 });
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ failed: 0, quarantined: 0 });
    expect((await w.repos.timers.quarantined()).map((q) => q.sk)).toEqual(['TIMER#broken']);
  });
});
