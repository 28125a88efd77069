export interface Clock {
  now(): Date;
}

let source: Clock = { now: () => new Date() };

/**
 * The clock every function reads. On Lambda it is the system clock. The local runtime may swap
 * in a movable one (setLocalClock) so demos and tests can pin the time of day or move it forward.
 */
export const systemClock: Clock = { now: () => source.now() };

export function setLocalClock(clock: Clock): void {
  source = clock;
}

/** A clock that runs at real speed from `start` and can be moved forward. */
export class MovableClock implements Clock {
  private offset: number;
  constructor(start: Date) {
    this.offset = start.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
  /** Moves the clock to `at`; time only moves forward. */
  set(at: Date): void {
    const ms = at.getTime() - this.now().getTime();
    if (ms > 0) this.advance(ms);
  }
}
