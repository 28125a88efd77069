import { CronExpressionParser } from 'cron-parser';
import { IANAZone } from 'luxon';
import type { ScheduleTrigger } from '../events/triggers.js';
import type { Clock } from '../shared/domain/clock.js';

/**
 * EventBridge Scheduler, locally: invokes each scheduled function with its declared payload when
 * its next time comes on the runtime's clock (which demos and tests move forward). When the clock
 * jumps over several occurrences, the function runs once, as a late sweep would: every scheduled
 * function here catches up on whatever is due, so one run covers them. A failing run is retried
 * `retryAttempts` times, then parked in the DLQ, like Scheduler's retry policy and DLQ.
 *
 * `rate()` schedules can also be forced (runDue(true)): the timer sweep is idempotent and the
 * local stack runs it whenever it moves the clock. `cron()` schedules never are: they stand for
 * things that happen at a set local time (a digest at 07:30, a quarterly report), so they run
 * only when that time has come on the clock.
 */
export type ScheduledHandler = (event: Record<string, unknown>) => Promise<unknown>;

export interface ScheduledFunction {
  name: string;
  trigger: ScheduleTrigger;
  handler: ScheduledHandler;
}

export interface ScheduleRun {
  name: string;
  at: string;
  result?: unknown;
  error?: string;
}

export function intervalMs(expression: string): number {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!m) throw new Error(`not a rate() schedule the local scheduler runs: ${expression}`);
  const n = Number(m[1]);
  const unit = m[2]!.startsWith('minute') ? 60_000 : m[2]!.startsWith('hour') ? 3_600_000 : 86_400_000;
  return n * unit;
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** An EventBridge day of week, 1 (SUN) … 7 (SAT) or a name, as 1…7; undefined if neither. */
function eventBridgeDay(token: string): number | undefined {
  if (/^[1-7]$/.test(token)) return Number(token);
  const i = DAY_NAMES.indexOf(token as (typeof DAY_NAMES)[number]);
  return i < 0 ? undefined : i + 1;
}

/**
 * EventBridge numbers the days 1 = SUN … 7 = SAT, cron-parser 0 = SUN … 6 = SAT (7 = SUN again),
 * so the same digit means different days. Plain days, ranges and steps are expanded to the days
 * they select and written as cron-parser numbers; `n#k` (k-th weekday n) and `nL` (last weekday
 * n) keep their suffix.
 */
function dayOfWeekField(field: string, fail: (why: string) => never): string {
  if (field === '?' || field === '*') return '*';
  const out: string[] = [];
  for (const item of field.split(',')) {
    const nth = /^([A-Z]+|\d+)#([1-5])$/.exec(item);
    const last = /^([A-Z]+|\d+)L$/.exec(item);
    if (nth || last) {
      const day = eventBridgeDay((nth ?? last)![1]!);
      if (day === undefined) fail(`day of week "${item}" is not 1-7 or SUN-SAT`);
      out.push(nth ? `${day - 1}#${nth[2]}` : `${day - 1}L`);
      continue;
    }
    // Quartz reads a bare L in day of week as the week's last day, Saturday.
    if (item === 'L') {
      out.push('6');
      continue;
    }
    const m = /^(\*|[A-Z]+|\d+)(?:-([A-Z]+|\d+))?(?:\/(\d+))?$/.exec(item);
    if (!m) fail(`day of week "${item}" is not understood`);
    const from = m[1] === '*' ? 1 : eventBridgeDay(m[1]!);
    const to = m[1] === '*' ? 7 : m[2] !== undefined ? eventBridgeDay(m[2]) : m[3] !== undefined ? 7 : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (from === undefined || to === undefined) fail(`day of week "${item}" is not 1-7 or SUN-SAT`);
    if (m[1] === '*' && m[2] !== undefined) fail(`day of week "${item}" is not understood`);
    if (from > to) fail(`day-of-week range "${item}" runs backwards`);
    if (step < 1) fail(`day-of-week step in "${item}" must be at least 1`);
    for (let d = from; d <= to; d += step) out.push(String(d - 1));
  }
  return [...new Set(out)].join(',');
}

/**
 * An EventBridge Scheduler cron body ("min hour day-of-month month day-of-week year") as the
 * five-field expression cron-parser reads.
 */
function toCronParser(expression: string): string {
  const fail = (why: string): never => {
    throw new Error(`invalid schedule expression ${expression}: ${why}`);
  };
  const body = /^cron\((.*)\)$/.exec(expression.trim())?.[1];
  if (body === undefined) fail('expected cron(minutes hours day-of-month month day-of-week year)');
  const fields = body!.trim().toUpperCase().split(/\s+/);
  if (fields.length !== 6) fail(`expected 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`);
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];

  if (year !== '*') fail(`the local scheduler supports only * in the year field, not "${year}"`);
  // EventBridge's own rule: one of the two day fields says "no value".
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) fail('exactly one of day-of-month and day-of-week must be ?');
  for (const [name, value] of [
    ['minutes', minute],
    ['hours', hour],
  ] as const) {
    if (!/^[\d*,/-]+$/.test(value)) fail(`${name} "${value}" may hold only digits and * , - /`);
  }
  if (dayOfMonth.includes('W')) fail(`day-of-month "${dayOfMonth}": W (nearest weekday) is not supported by the local scheduler`);
  if (dayOfMonth !== '?' && !/^([\d*,/-]+|L)$/.test(dayOfMonth)) fail(`day-of-month "${dayOfMonth}" may hold only digits, * , - / or L`);
  const monthNumbers = month.replace(/[A-Z]{3}/g, (name) => {
    const i = MONTH_NAMES.indexOf(name as (typeof MONTH_NAMES)[number]);
    return i < 0 ? name : String(i + 1);
  });
  if (!/^[\d*,/-]+$/.test(monthNumbers)) fail(`month "${month}" may hold only 1-12, JAN-DEC and * , - /`);

  return [minute, hour, dayOfMonth === '?' ? '*' : dayOfMonth, monthNumbers, dayOfWeekField(dayOfWeek, fail)].join(' ');
}

/**
 * The first time strictly after `after` that an EventBridge Scheduler `cron(...)` expression
 * names, read as wall time in `timeZone` (so 07:30 stays 07:30 across daylight saving).
 */
export function nextCronTime(expression: string, timeZone: string, after: Date): Date {
  if (!IANAZone.isValidZone(timeZone)) throw new Error(`invalid schedule time zone ${JSON.stringify(timeZone)}`);
  const fiveFields = toCronParser(expression);
  try {
    return CronExpressionParser.parse(fiveFields, { currentDate: after, tz: timeZone }).next().toDate();
  } catch (err) {
    throw new Error(`invalid schedule expression ${expression}: ${(err as Error).message}`);
  }
}

type Schedule = { kind: 'rate'; everyMs: number } | { kind: 'cron' };

function scheduleOf(f: ScheduledFunction): Schedule {
  const { expression } = f.trigger;
  if (expression.startsWith('rate(')) return { kind: 'rate', everyMs: intervalMs(expression) };
  if (expression.startsWith('cron(')) return { kind: 'cron' };
  throw new Error(`${f.name}: the local scheduler runs rate() and cron() schedules, not ${expression}`);
}

export class LocalScheduler {
  readonly runs: ScheduleRun[] = [];
  private next = new Map<string, number>();
  private schedules = new Map<string, Schedule>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly functions: ScheduledFunction[],
    private readonly clock: Clock,
    private readonly onDlq: (name: string, event: Record<string, unknown>, error: string) => void,
  ) {
    const now = clock.now();
    for (const f of functions) {
      const schedule = scheduleOf(f);
      this.schedules.set(f.name, schedule);
      this.next.set(
        f.name,
        schedule.kind === 'rate' ? now.getTime() + schedule.everyMs : nextCronTime(f.trigger.expression, f.trigger.timeZone, now).getTime(),
      );
    }
  }

  /** The earliest time a cron() schedule is waiting for (ms), so the clock can be moved to it. */
  nextCronDue(): number | undefined {
    let earliest: number | undefined;
    for (const f of this.functions) {
      if (this.schedules.get(f.name)!.kind !== 'cron') continue;
      const due = this.next.get(f.name)!;
      if (earliest === undefined || due < earliest) earliest = due;
    }
    return earliest;
  }

  /** Checks once a second (real time) whether anything is due on the runtime's clock. */
  start(tickMs = 1000): void {
    this.timer = setInterval(() => void this.runDue(), tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Runs every function whose time has come; serialised so runs never overlap locally. `force`
   * runs the rate() schedules now whatever their time; cron() schedules still wait for theirs.
   */
  runDue(force = false): Promise<void> {
    this.running = this.running.then(async () => {
      const now = this.clock.now().getTime();
      for (const f of this.functions) {
        const due = this.next.get(f.name)!;
        const schedule = this.schedules.get(f.name)!;
        if (schedule.kind === 'cron') {
          if (due > now) continue;
          this.next.set(f.name, nextCronTime(f.trigger.expression, f.trigger.timeZone, new Date(now)).getTime());
        } else {
          if (!force && due > now) continue;
          let next = due;
          while (next <= now) next += schedule.everyMs;
          this.next.set(f.name, next);
        }
        await this.invoke(f);
      }
    });
    return this.running;
  }

  private async invoke(f: ScheduledFunction): Promise<void> {
    let lastError = '';
    for (let attempt = 0; attempt <= f.trigger.retryAttempts; attempt++) {
      try {
        const result = await f.handler(structuredClone(f.trigger.input));
        this.runs.push({ name: f.name, at: this.clock.now().toISOString(), result });
        return;
      } catch (err) {
        lastError = (err as Error)?.name ?? 'Error';
      }
    }
    this.runs.push({ name: f.name, at: this.clock.now().toISOString(), error: lastError });
    this.onDlq(f.name, f.trigger.input, lastError);
  }
}
