import { describe, expect, it } from 'vitest';
import { nextAttempt, type RetryPolicy } from '../../../shared/delivery/backoff.js';

const policy: RetryPolicy = { baseSeconds: 120, capSeconds: 3600, maxAgeSeconds: 24 * 3600, maxAttempts: 8 };
const noon = new Date('2026-11-23T11:00:00Z'); // 12:00 in Kosovo
const wait = (attempt: number, random: number, now = noon, channel: 'email' | 'sms' = 'email') => {
  const d = nextAttempt(policy, attempt, noon, now, channel, () => random);
  return d.retry ? (d.at.getTime() - now.getTime()) / 1000 : d.reason;
};

describe('retry backoff', () => {
  it('waits between half and all of base × 2^(attempt−1), never at once', () => {
    expect(wait(1, 0)).toBe(60);
    expect(wait(1, 0.999999)).toBeCloseTo(120, 2);
    expect(wait(2, 0)).toBe(120);
    expect(wait(3, 0)).toBe(240);
    expect(wait(4, 0.5)).toBe(720);
  });

  it('never waits longer than the cap', () => {
    expect(wait(6, 0.999999)).toBeCloseTo(3600, 2);
    expect(wait(7, 0)).toBe(1800);
    expect(wait(7, 0.999999)).toBeCloseTo(3600, 2);
  });

  it('spreads a burst of failures: different draws give different times', () => {
    const times = new Set([0.1, 0.4, 0.7].map((r) => wait(3, r)));
    expect(times.size).toBe(3);
  });

  it('gives up after the last attempt', () => {
    expect(wait(7, 0)).toBe(1800);
    expect(wait(8, 0)).toBe('attempts-exhausted');
  });

  it('gives up when the next attempt would come later than the maximum age after the first', () => {
    // The fifth failure waits at least 16 minutes.
    const late = new Date(noon.getTime() + (23 * 60 + 50) * 60_000);
    expect(wait(5, 0, late)).toBe('age-exceeded');
    const earlier = new Date(noon.getTime() + (23 * 60 + 40) * 60_000);
    expect(wait(5, 0, earlier)).toBe(960);
  });

  it('never retries an SMS at night: a retry due at 22:10 waits for 08:00 Kosovo time', () => {
    const evening = new Date('2026-11-23T20:55:00Z'); // 21:55 in Kosovo
    const d = nextAttempt(policy, 3, evening, evening, 'sms', () => 0.5); // wanted ≈ 22:01
    expect(d).toEqual({ retry: true, at: new Date('2026-11-24T07:00:00Z') });
    // An email is not held back by quiet hours.
    const e = nextAttempt(policy, 3, evening, evening, 'email', () => 0.5);
    expect(e.retry && e.at.getTime() - evening.getTime()).toBe(360_000);
  });
});
