import { describe, expect, it } from 'vitest';
import type { ScheduleTrigger } from '../../../events/triggers.js';
import { MovableClock } from '../../../shared/domain/clock.js';
import { LocalScheduler, nextCronTime, type ScheduledFunction } from '../../../local/scheduler.js';

const ZONE = 'Europe/Belgrade';
const next = (expression: string, after: string) => nextCronTime(expression, ZONE, new Date(after)).toISOString();

describe('nextCronTime (EventBridge Scheduler cron, Europe/Belgrade)', () => {
  it('reads the time as Belgrade wall time: 07:30 is 06:30Z in winter, 05:30Z in summer', () => {
    expect(next('cron(30 7 * * ? *)', '2026-12-01T00:00:00Z')).toBe('2026-12-01T06:30:00.000Z');
    expect(next('cron(30 7 * * ? *)', '2027-07-01T00:00:00Z')).toBe('2027-07-01T05:30:00.000Z');
  });

  it('keeps the wall time on the night the clocks change', () => {
    expect(next('cron(30 7 * * ? *)', '2027-03-27T07:00:00Z')).toBe('2027-03-28T05:30:00.000Z');
    expect(next('cron(30 7 * * ? *)', '2027-10-30T06:00:00Z')).toBe('2027-10-31T06:30:00.000Z');
  });

  it('is strictly after the given time', () => {
    expect(next('cron(30 7 * * ? *)', '2026-12-01T06:30:00Z')).toBe('2026-12-02T06:30:00.000Z');
    expect(next('cron(30 7 * * ? *)', '2026-12-01T06:29:59.999Z')).toBe('2026-12-01T06:30:00.000Z');
  });

  it('runs weekly on a named day', () => {
    // 1 December 2026 is a Tuesday.
    expect(next('cron(30 7 ? * MON *)', '2026-12-01T00:00:00Z')).toBe('2026-12-07T06:30:00.000Z');
    expect(next('cron(30 7 ? * mon *)', '2026-12-01T00:00:00Z')).toBe('2026-12-07T06:30:00.000Z');
  });

  it('numbers the days as EventBridge does: 1 = SUN … 7 = SAT', () => {
    expect(next('cron(30 7 ? * 2 *)', '2026-12-01T00:00:00Z')).toBe('2026-12-07T06:30:00.000Z'); // MON
    expect(next('cron(0 9 ? * 1 *)', '2026-12-01T00:00:00Z')).toBe('2026-12-06T08:00:00.000Z'); // SUN
    expect(next('cron(0 9 ? * 7 *)', '2026-12-01T00:00:00Z')).toBe('2026-12-05T08:00:00.000Z'); // SAT
    // Working days, from a Saturday: Monday.
    expect(next('cron(0 8 ? * 2-6 *)', '2026-12-05T10:00:00Z')).toBe('2026-12-07T07:00:00.000Z');
    expect(next('cron(0 8 ? * MON-FRI *)', '2026-12-05T10:00:00Z')).toBe('2026-12-07T07:00:00.000Z');
    // The first Tuesday (3#1) and the last Friday (6L) of the month.
    expect(next('cron(0 8 ? * 3#1 *)', '2026-12-02T00:00:00Z')).toBe('2027-01-05T07:00:00.000Z');
    expect(next('cron(0 8 ? * 6L *)', '2026-12-01T00:00:00Z')).toBe('2026-12-25T07:00:00.000Z');
    expect(next('cron(0 8 ? * FRIL *)', '2026-12-01T00:00:00Z')).toBe('2026-12-25T07:00:00.000Z');
  });

  it('runs quarterly on the first of January, April, July and October', () => {
    expect(next('cron(0 6 1 1,4,7,10 ? *)', '2026-11-20T00:00:00Z')).toBe('2027-01-01T05:00:00.000Z');
    expect(next('cron(0 6 1 1,4,7,10 ? *)', '2027-01-01T05:00:00Z')).toBe('2027-04-01T04:00:00.000Z');
    expect(next('cron(0 6 1 JAN,APR,JUL,OCT ? *)', '2027-01-01T05:00:00Z')).toBe('2027-04-01T04:00:00.000Z');
  });

  it('takes the last day of the month (L)', () => {
    expect(next('cron(0 18 L * ? *)', '2027-02-01T00:00:00Z')).toBe('2027-02-28T17:00:00.000Z');
  });

  it('rejects what EventBridge or the local scheduler would not take, saying why', () => {
    expect(() => nextCronTime('cron(30 7 * * * *)', ZONE, new Date())).toThrow(
      'invalid schedule expression cron(30 7 * * * *): exactly one of day-of-month and day-of-week must be ?',
    );
    expect(() => nextCronTime('cron(30 7 ? * ? *)', ZONE, new Date())).toThrow(/exactly one of day-of-month and day-of-week must be \?/);
    expect(() => nextCronTime('cron(30 7 * * ?)', ZONE, new Date())).toThrow(/expected 6 fields .*got 5/);
    expect(() => nextCronTime('rate(5 minutes)', ZONE, new Date())).toThrow(/expected cron\(minutes hours day-of-month month day-of-week year\)/);
    expect(() => nextCronTime('cron(61 7 * * ? *)', ZONE, new Date())).toThrow(/^invalid schedule expression cron\(61 7 \* \* \? \*\): /);
    expect(() => nextCronTime('cron(0 8 ? * 8 *)', ZONE, new Date())).toThrow(/day of week "8" is not 1-7 or SUN-SAT/);
    expect(() => nextCronTime('cron(0 8 ? * FRI-MON *)', ZONE, new Date())).toThrow(/runs backwards/);
    expect(() => nextCronTime('cron(0 8 15W * ? *)', ZONE, new Date())).toThrow(/W \(nearest weekday\) is not supported/);
    expect(() => nextCronTime('cron(0 8 1 * ? 2027)', ZONE, new Date())).toThrow(/only \* in the year field/);
    expect(() => nextCronTime('cron(0 8 1 FOO ? *)', ZONE, new Date())).toThrow(/month "FOO"/);
    expect(() => nextCronTime('cron(H 8 1 * ? *)', ZONE, new Date())).toThrow(/minutes "H"/);
    expect(() => nextCronTime('cron(0 8 1 * ? *)', 'Europe/Nowhere', new Date())).toThrow(/invalid schedule time zone "Europe\/Nowhere"/);
  });
});

function trigger(expression: string, retryAttempts = 0): ScheduleTrigger {
  return { kind: 'schedule', expression, timeZone: ZONE, retryAttempts, maxEventAgeSeconds: 3600, input: { source: expression } };
}

function setup(start: string, extra: ScheduledFunction[] = []) {
  const clock = new MovableClock(new Date(start));
  const calls: { name: string; at: string; event: Record<string, unknown> }[] = [];
  const fn = (name: string, expression: string): ScheduledFunction => ({
    name,
    trigger: trigger(expression),
    handler: async (event) => {
      calls.push({ name, at: clock.now().toISOString(), event });
      return 'ok';
    },
  });
  const dlq: { name: string; error: string }[] = [];
  const scheduler = new LocalScheduler([fn('sweep', 'rate(5 minutes)'), fn('digest', 'cron(30 7 * * ? *)'), ...extra], clock, (name, _event, error) =>
    dlq.push({ name, error }),
  );
  const ran = (name: string) => calls.filter((c) => c.name === name).length;
  return { clock, scheduler, calls, dlq, ran };
}

describe('LocalScheduler with cron() schedules', () => {
  it('offers the earliest pending cron time', () => {
    const { scheduler } = setup('2026-12-01T06:00:00Z'); // 07:00 in Belgrade
    expect(scheduler.nextCronDue()).toBe(Date.parse('2026-12-01T06:30:00Z'));
  });

  it('has no cron time to offer when only rate() schedules run', () => {
    const clock = new MovableClock(new Date('2026-12-01T06:00:00Z'));
    const scheduler = new LocalScheduler([{ name: 'sweep', trigger: trigger('rate(5 minutes)'), handler: async () => 'ok' }], clock, () => {});
    expect(scheduler.nextCronDue()).toBeUndefined();
  });

  it('never forces a cron function, while runDue(true) still forces rate() ones', async () => {
    const { scheduler, ran } = setup('2026-12-01T06:00:00Z');
    await scheduler.runDue(true);
    await scheduler.runDue(true);
    expect(ran('sweep')).toBe(2);
    expect(ran('digest')).toBe(0);
    await scheduler.runDue();
    expect(ran('sweep')).toBe(2);
    expect(ran('digest')).toBe(0);
    expect(scheduler.nextCronDue()).toBe(Date.parse('2026-12-01T06:30:00Z'));
  });

  it('runs a cron function once its time comes, with its payload, then waits for the next', async () => {
    const { clock, scheduler, calls, ran } = setup('2026-12-01T06:00:00Z');
    clock.set(new Date(scheduler.nextCronDue()!));
    await scheduler.runDue();
    expect(ran('digest')).toBe(1);
    expect(calls.find((c) => c.name === 'digest')!.event).toEqual({ source: 'cron(30 7 * * ? *)' });
    expect(scheduler.nextCronDue()).toBe(Date.parse('2026-12-02T06:30:00Z'));
    await scheduler.runDue(true);
    expect(ran('digest')).toBe(1);
    expect(scheduler.runs.filter((r) => r.name === 'digest')).toEqual([{ name: 'digest', at: expect.any(String), result: 'ok' }]);
  });

  it('runs once after the clock jumps over several occurrences, and schedules the next after the clock', async () => {
    const { clock, scheduler, ran } = setup('2026-12-01T06:00:00Z');
    clock.set(new Date('2026-12-04T12:00:00Z')); // 07:30 went by on 1, 2, 3 and 4 December
    await scheduler.runDue();
    expect(ran('digest')).toBe(1);
    expect(ran('sweep')).toBe(1);
    expect(scheduler.nextCronDue()).toBe(Date.parse('2026-12-05T06:30:00Z'));
    await scheduler.runDue();
    expect(ran('digest')).toBe(1);
  });

  it('gives the earliest of several cron schedules', async () => {
    const noop = async () => 'ok';
    const { clock, scheduler } = setup('2026-12-01T06:00:00Z', [{ name: 'quarterly', trigger: trigger('cron(0 6 1 1,4,7,10 ? *)'), handler: noop }]);
    expect(scheduler.nextCronDue()).toBe(Date.parse('2026-12-01T06:30:00Z'));
    clock.set(new Date('2026-12-31T23:00:00Z'));
    await scheduler.runDue();
    // The digest's next 07:30 (1 January, 06:30Z) comes after the report's 06:00 (05:00Z).
    expect(scheduler.nextCronDue()).toBe(Date.parse('2027-01-01T05:00:00Z'));
  });

  it('retries a failing cron run and parks it in the DLQ, like a rate() one', async () => {
    const clock = new MovableClock(new Date('2026-12-01T06:00:00Z'));
    let attempts = 0;
    const dlq: string[] = [];
    const scheduler = new LocalScheduler(
      [
        {
          name: 'report',
          trigger: trigger('cron(0 6 1 1,4,7,10 ? *)', 2),
          handler: async () => {
            attempts++;
            throw new TypeError('boom');
          },
        },
      ],
      clock,
      (name, _event, error) => dlq.push(`${name}:${error}`),
    );
    clock.set(new Date('2027-01-01T05:00:00Z'));
    await scheduler.runDue();
    expect(attempts).toBe(3);
    expect(dlq).toEqual(['report:TypeError']);
    expect(scheduler.runs).toEqual([{ name: 'report', at: expect.any(String), error: 'TypeError' }]);
  });

  it('refuses an expression it cannot run when it is built', () => {
    const clock = new MovableClock(new Date('2026-12-01T06:00:00Z'));
    const handler = async () => 'ok';
    expect(() => new LocalScheduler([{ name: 'x', trigger: trigger('cron(30 7 * * * *)'), handler }], clock, () => {})).toThrow(/exactly one of day-of-month/);
    expect(() => new LocalScheduler([{ name: 'x', trigger: trigger('at(2026-12-01T10:00:00)'), handler }], clock, () => {})).toThrow(
      /x: the local scheduler runs rate\(\) and cron\(\) schedules, not at\(2026-12-01T10:00:00\)/,
    );
  });
});
