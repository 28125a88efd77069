import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deliverIntent } from '../../../shared/delivery/deliver-intent.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { createAppointment } from '../../../shared/referrals/lifecycle.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { DELIVERY_RETRY } from '../../../events/triggers.js';
import { arrival, COORDINATOR, deliverDeps, DeliveryError, routeDeps, sweepDeps, valueOf, world, type World } from '../support/world.js';

/**
 * An appointment's reminders say "tomorrow at 10:00" (the evening before) and "today at 10:00"
 * (the morning of). Whatever puts one off (a backlog past 20:00, quiet hours, a provider that
 * stays throttled) must not deliver those words once they are wrong: the reminder ends failed,
 * Stale, and the coordinator is written only when the family got no reminder at all.
 * Wednesday 2 December 2026, 10:00 in Kosovo (UTC+1).
 */
const WHEN = '2026-12-02T09:00:00.000Z';

async function withAppointment(w: World, when = WHEN) {
  const c = valueOf(await createCase(arrival('SMR-2026-0142', { preferredLanguage: 'en' }), w.intake, COORDINATOR));
  const { deps, sms } = deliverDeps(w);
  deps.retry = { baseSeconds: DELIVERY_RETRY.baseSeconds, capSeconds: DELIVERY_RETRY.capSeconds, maxAgeSeconds: DELIVERY_RETRY.maxAgeHours * 3600, maxAttempts: DELIVERY_RETRY.maxAttempts };
  for (const i of (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.status === 'queued')) await deliverIntent(i, deps);
  sms.sent.length = 0;
  valueOf(await createAppointment(c.caseId, { kind: 'appointment', when, title: 'Civil registry', where: 'Town hall' }, w.intake));
  return { c, deps, sms };
}

const intents = async (w: World, caseId: string) => (await w.repos.cases.view(caseId))!.intents;
const reminder = async (w: World, caseId: string, which: 'evening' | 'morning') => (await intents(w, caseId)).find((i) => i.template === `appointment.returnee.${which}`);
const followUps = async (w: World, caseId: string) => (await intents(w, caseId)).filter((i) => i.purpose === 'followup.coordinator');

/**
 * Every 5 minutes from `from` to `to`: a sweep, then each queued SMS delivered (as the stream
 * would), with the provider throttling every SMS in `throttled` (from, until). What went out, when.
 */
async function run(w: World, caseId: string, deps: ReturnType<typeof deliverDeps>['deps'], sms: ReturnType<typeof deliverDeps>['sms'], window: { from: string; to: string; throttled: [string, string] }) {
  const sent: { at: string; text: string }[] = [];
  const provider = Object.create(sms) as typeof sms;
  provider.send = async (m) => {
    const now = w.clock.now().getTime();
    if (now >= Date.parse(window.throttled[0]) && now < Date.parse(window.throttled[1])) throw new DeliveryError('throttled', 'ThrottlingException');
    const out = await sms.send(m);
    sent.push({ at: w.clock.now().toISOString(), text: m.text });
    return out;
  };
  for (let t = Date.parse(window.from); t < Date.parse(window.to); t += 5 * 60_000) {
    w.clock.set(new Date(t));
    await sweepTimers(sweepDeps(w));
    for (const i of (await intents(w, caseId)).filter((i) => i.status === 'queued' && i.channel === 'sms')) await deliverIntent(i, { ...deps, sms: provider });
  }
  return sent;
}

describe('a reminder too late for its words', () => {
  // The retries' jitter fixed halfway, so that each run tries at the same times: the morning
  // reminder's seventh try, at 09:45, would be due at 10:30.
  beforeEach(() => void vi.spyOn(Math, 'random').mockReturnValue(0.5));
  afterEach(() => void vi.restoreAllMocks());

  it('is not held overnight when its record reaches the deliver function after 20:00: it ends Stale, and the morning reminder alone goes', async () => {
    const w = world();
    const { c, deps, sms } = await withAppointment(w);
    w.clock.set('2026-12-01T17:02:00.000Z'); // 18:02 the evening before
    await sweepTimers(sweepDeps(w));
    const evening = (await reminder(w, c.caseId, 'evening'))!;
    expect(evening).toMatchObject({ status: 'queued', staleAt: '2026-12-01T23:00:00.000Z' });
    // Its record comes at 20:30 (a backlog, a requeue).
    w.clock.set('2026-12-01T19:30:00.000Z');
    expect(await deliverIntent(evening, deps)).toBe('failed');
    expect(await w.repos.intents.get(evening)).toMatchObject({ status: 'failed', failure: { kind: 'age-exceeded', code: 'Stale' } });
    // The same record again sends nothing.
    expect(await deliverIntent(evening, deps)).toBe('already-done');

    w.clock.set('2026-12-02T07:02:00.000Z');
    await sweepTimers(sweepDeps(w));
    for (const i of (await intents(w, c.caseId)).filter((i) => i.status === 'queued' && i.channel === 'sms')) await deliverIntent(i, deps);
    expect(sms.sent.map((m) => m.text)).toEqual([expect.stringMatching(/: today at 10:00 - Civil registry\./)]);
    // The family was reminded that morning: the stale evening one is in the call-or-visit list, with no email about it.
    expect(await followUps(w, c.caseId)).toEqual([]);
    expect((await w.repos.worklists.failedNotifications('obiliq')).map((i) => i.intentId)).toEqual([evening.intentId]);
  });

  it('writes the coordinator when the evening reminder was the only one (an appointment before 08:00) and came too late', async () => {
    const w = world();
    const { c, deps, sms } = await withAppointment(w, '2026-12-02T06:30:00.000Z'); // 07:30
    w.clock.set('2026-12-01T17:02:00.000Z');
    await sweepTimers(sweepDeps(w));
    const evening = (await reminder(w, c.caseId, 'evening'))!;
    w.clock.set('2026-12-01T19:30:00.000Z');
    expect(await deliverIntent(evening, deps)).toBe('failed');
    expect(sms.sent).toEqual([]);
    expect((await followUps(w, c.caseId)).map((f) => [f.sourceId, f.data.reason])).toEqual([[evening.intentId, 'not_taken_up']]);
    expect(await reminder(w, c.caseId, 'morning')).toBeUndefined();
  });

  it('writes the coordinator, at once, when the only reminder (an appointment before 08:00) fires after 20:00 (a sweep behind)', async () => {
    const w = world();
    const { c, deps, sms } = await withAppointment(w, '2026-12-02T06:30:00.000Z'); // 07:30
    w.clock.set('2026-12-01T19:05:00.000Z'); // 20:05: the 18:00 timer reached late
    await sweepTimers(sweepDeps(w));
    // Written to end at once, not held for 08:00 (after the appointment).
    const evening = (await reminder(w, c.caseId, 'evening'))!;
    expect(evening).toMatchObject({ status: 'queued', staleAt: '2026-12-01T23:00:00.000Z' });
    expect(await deliverIntent(evening, deps)).toBe('failed');
    expect(sms.sent).toEqual([]);
    expect((await followUps(w, c.caseId)).map((f) => [f.sourceId, f.createdAt])).toEqual([[evening.intentId, '2026-12-01T19:05:00.000Z']]);
  });

  it('is not retried into the next morning after the provider throttled the evening reminder past 20:00', async () => {
    const w = world();
    const { c, deps, sms } = await withAppointment(w);
    const sent = await run(w, c.caseId, deps, sms, { from: '2026-12-01T16:55:00Z', to: '2026-12-02T11:00:00Z', throttled: ['2026-12-01T16:55:00Z', '2026-12-01T19:00:00Z'] });
    expect(sent.map((s) => s.text)).toEqual([expect.stringMatching(/: today at 10:00 - /)]);
    expect(sent[0]!.at).toBe('2026-12-02T07:00:00.000Z');
    expect(await reminder(w, c.caseId, 'evening')).toMatchObject({ status: 'failed', failure: { code: 'Stale' } });
    expect(await followUps(w, c.caseId)).toEqual([]);
  });

  it('is not sent after the appointment when the provider throttled the morning reminder; the evening one had gone, so no email', async () => {
    const w = world();
    const { c, deps, sms } = await withAppointment(w);
    const sent = await run(w, c.caseId, deps, sms, { from: '2026-12-01T16:55:00Z', to: '2026-12-02T13:00:00Z', throttled: ['2026-12-02T07:00:00Z', '2026-12-02T10:00:00Z'] });
    expect(sent).toEqual([{ at: '2026-12-01T17:00:00.000Z', text: expect.stringMatching(/: tomorrow at 10:00 - /) }]);
    expect(await reminder(w, c.caseId, 'morning')).toMatchObject({ status: 'failed', failure: { kind: 'age-exceeded', code: 'Stale' } });
    expect(await followUps(w, c.caseId)).toEqual([]);
  });

  it('writes the coordinator once when neither reminder reached the family', async () => {
    const w = world();
    const { c, deps, sms } = await withAppointment(w);
    expect(await run(w, c.caseId, deps, sms, { from: '2026-12-01T16:55:00Z', to: '2026-12-02T13:00:00Z', throttled: ['2026-12-01T16:55:00Z', '2026-12-02T12:00:00Z'] })).toEqual([]);
    const [evening, morning] = [(await reminder(w, c.caseId, 'evening'))!, (await reminder(w, c.caseId, 'morning'))!];
    expect([evening, morning]).toMatchObject([{ status: 'failed', failure: { code: 'Stale' } }, { status: 'failed', failure: { code: 'Stale' } }]);
    // About the last one, with what it was to say.
    const [followUp, ...more] = await followUps(w, c.caseId);
    expect(more).toEqual([]);
    expect(followUp).toMatchObject({ sourceId: morning.intentId, data: { reason: 'not_taken_up', message: expect.stringMatching(/Today at 10:00 - Civil registry/) } });
    // Written as soon as the next try would come too late, not when that try was due: there is still time to call.
    expect(Date.parse(followUp!.createdAt)).toBeLessThan(Date.parse(WHEN));
  });

  it('is not merged into another SMS of the household once stale: the referral goes alone', async () => {
    const w = world();
    const { c, deps, sms } = await withAppointment(w);
    // The morning reminder, throttled at 08:00, waits for a retry it will never get in time.
    w.clock.set('2026-12-02T07:00:00.000Z');
    await sweepTimers(sweepDeps(w));
    const morning = (await reminder(w, c.caseId, 'morning'))!;
    expect(morning.staleAt).toBe(WHEN);
    sms.failures.push(new DeliveryError('throttled', 'ThrottlingException'));
    expect(await deliverIntent(morning, deps)).toBe('retry-scheduled');
    // 10:05: the appointment has begun; a referral's SMS to the same phone goes out.
    w.clock.set('2026-12-02T09:05:00.000Z');
    const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    await routeReferral(r, routeDeps(w));
    const referralSms = (await intents(w, c.caseId)).find((i: IntentItem) => i.referralId === r.referralId && i.channel === 'sms')!;
    if (referralSms.status === 'queued') expect(await deliverIntent(referralSms, deps)).toBe('sent');
    expect(sms.sent.map((m) => m.text).join('\n')).not.toMatch(/10:00/);
    expect(await w.repos.intents.get(morning)).toMatchObject({ status: 'deferred' });
    // Its own release then ends it.
    w.clock.set('2026-12-02T09:30:00.000Z');
    await sweepTimers(sweepDeps(w));
    expect(await deliverIntent({ ...(await w.repos.intents.get(morning))! }, deps)).toBe('failed');
    expect(sms.sent.map((m) => m.text).join('\n')).not.toMatch(/10:00/);
  });
});
