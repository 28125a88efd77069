import type { ScheduleTrigger } from '../events/triggers.js';
import type { Clock } from '../shared/domain/clock.js';

/**
 * EventBridge Scheduler, locally: invokes each scheduled function with its declared payload when
 * its next time comes on the runtime's clock (which demos and tests move forward). When the clock
 * jumps over several occurrences, the function runs once, as a late sweep would: every scheduled
 * function here catches up on whatever is due, so one run covers them. A failing run is retried
 * `retryAttempts` times, then parked in the DLQ, like Scheduler's retry policy and DLQ.
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
  if (!m) throw new Error(`the local scheduler runs rate() schedules only, not ${expression}`);
  const n = Number(m[1]);
  const unit = m[2]!.startsWith('minute') ? 60_000 : m[2]!.startsWith('hour') ? 3_600_000 : 86_400_000;
  return n * unit;
}

export class LocalScheduler {
  readonly runs: ScheduleRun[] = [];
  private next = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly functions: ScheduledFunction[],
    private readonly clock: Clock,
    private readonly onDlq: (name: string, event: Record<string, unknown>, error: string) => void,
  ) {
    const now = clock.now().getTime();
    for (const f of functions) this.next.set(f.name, now + intervalMs(f.trigger.expression));
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

  /** Runs every function whose time has come; serialised so runs never overlap locally. */
  runDue(force = false): Promise<void> {
    this.running = this.running.then(async () => {
      const now = this.clock.now().getTime();
      for (const f of this.functions) {
        const due = this.next.get(f.name)!;
        if (!force && due > now) continue;
        const every = intervalMs(f.trigger.expression);
        let next = due;
        while (next <= now) next += every;
        this.next.set(f.name, next);
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
