import { describe, expect, it } from 'vitest';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { arrival, COORDINATOR, routeDeps, sweepDeps, valueOf, world, type World } from '../support/world.js';

/**
 * The sweep on the in-memory repositories: what a due timer writes when it fires (once, however
 * many sweeps overlap), what a timer whose subject moved on writes (its record, nothing to send),
 * a deferred SMS released at its morning, and the cursor it leaves behind.
 */

/** A case registered on the day of arrival, Monday 23 November: its visit reminder is due 48 hours after that day began. */
async function arrivedToday(w: World, smrCaseId = 'SMR-2026-0142') {
  return valueOf(await createCase(arrival(smrCaseId, { arrivalDate: '2026-11-23' }), w.intake, COORDINATOR));
}
const REMINDER_DUE = '2026-11-24T23:00:00.000Z';

async function timerOf(w: World, caseId: string, kind: string) {
  return (await w.repos.cases.view(caseId))!.timers.find((t) => t.kind === kind)!;
}

describe('sweepTimers', () => {
  it('fires a due timer once, with the notices it decides and its record; the next sweep finds nothing to do', async () => {
    const w = world();
    const c = await arrivedToday(w);
    expect((await timerOf(w, c.caseId, 'visit.reminder')).dueAt).toBe(REMINDER_DUE);
    w.clock.set('2026-11-24T23:30:00.000Z');
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ fired: 1, moot: 0, lostRace: 0, failed: 0 });
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.timers.find((t) => t.kind === 'visit.reminder')).toMatchObject({ status: 'fired', firedAt: '2026-11-24T23:30:00.000Z' });
    const reminders = view.intents.filter((i) => i.sourceId === `${c.caseId}#visit.reminder#1`);
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((i) => i.purpose.startsWith('visit.'))).toBe(true);
    expect(view.audit.filter((a) => a.event === 'timer.visit.reminder').map((a) => a.detail)).toEqual([{ outcome: 'fired', occurrence: '1' }]);
    const size = w.table.size;
    w.clock.advance(60_000);
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ fired: 0, moot: 0, lostRace: 0 });
    expect(w.table.size).toBe(size);
  });

  it('records a timer whose subject moved on as moot, sending nothing', async () => {
    const w = world();
    const c = await arrivedToday(w);
    // The visit is on record, but its reminders were not cancelled (as if the cancellation had failed).
    await w.repos.cases.recordHomeVisit(c.caseId, '2026-11-24T10:00:00.000Z');
    w.clock.set('2026-11-24T23:30:00.000Z');
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ fired: 0, moot: 1 });
    const view = (await w.repos.cases.view(c.caseId))!;
    expect(view.intents.filter((i) => i.sourceId?.includes('#visit.'))).toEqual([]);
    expect(view.audit.filter((a) => a.event === 'timer.visit.reminder').map((a) => a.detail?.outcome)).toEqual(['moot']);
  });

  it('fires each timer once when sweeps overlap: what one wins the other loses', async () => {
    const w = world();
    const cases = [await arrivedToday(w, 'SMR-1'), await arrivedToday(w, 'SMR-2'), await arrivedToday(w, 'SMR-3')];
    w.clock.set('2026-11-24T23:30:00.000Z');
    const reports = await Promise.all([sweepTimers(sweepDeps(w)), sweepTimers(sweepDeps(w))]);
    expect(reports[0]!.fired + reports[1]!.fired).toBe(3);
    for (const c of cases) {
      const view = (await w.repos.cases.view(c.caseId))!;
      expect(view.audit.filter((a) => a.event === 'timer.visit.reminder'), c.caseId).toHaveLength(1);
    }
  });

  it('releases an SMS held overnight at 08:00, once', async () => {
    const w = world(new Date('2026-11-23T21:30:00.000Z'));
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
    const r = valueOf(await createReferral(c.caseId, { officeKind: 'housing', need: 'housing' }, w.intake));
    await routeReferral(r, routeDeps(w));
    const sms = () => w.repos.cases.view(c.caseId).then((v) => v!.intents.find((i) => i.referralId === r.referralId && i.channel === 'sms')!);
    expect(await sms()).toMatchObject({ status: 'deferred', notBefore: '2026-11-24T07:00:00.000Z' });
    w.clock.set('2026-11-24T06:59:00.000Z');
    expect((await sweepTimers(sweepDeps(w))).released).toBe(0);
    w.clock.set('2026-11-24T07:01:00.000Z');
    // The referral's SMS and the case's welcome SMS, both held since the evening.
    expect((await sweepTimers(sweepDeps(w))).released).toBe(2);
    expect((await sms()).status).toBe('queued');
    w.clock.advance(60_000);
    expect((await sweepTimers(sweepDeps(w))).released).toBe(0);
  });

  it('starts 48 hours back on a new table, and leaves its cursor an hour behind the clock', async () => {
    const w = world();
    w.clock.set('2026-11-24T23:30:00.000Z');
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ buckets: 49 });
    expect(await w.repos.timers.cursor()).toBe('2026-11-24T22');
    w.clock.set('2026-11-25T02:10:00.000Z');
    expect(await sweepTimers(sweepDeps(w))).toMatchObject({ buckets: 5 });
    expect(await w.repos.timers.cursor()).toBe('2026-11-25T01');
  });
});
