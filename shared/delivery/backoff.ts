import { smsSendTime } from '../domain/calendar.js';
import type { Channel } from '../domain/notification.js';

/**
 * When a retryable delivery failure is tried again. The SDK already retries a throttled call a
 * few times within the invocation; this is the slower ladder for a provider that stays unwell:
 * exponential backoff with jitter (so a burst of failures does not come back as a burst), never
 * past `maxAgeSeconds` after the first attempt, and never at night for an SMS.
 */
export interface RetryPolicy {
  /** Delay before the second attempt; each further attempt doubles it. */
  baseSeconds: number;
  /** No single wait is longer than this. */
  capSeconds: number;
  /** After this long since the first attempt the failure is final. */
  maxAgeSeconds: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

export type RetryDecision = { retry: true; at: Date } | { retry: false; reason: 'attempts-exhausted' | 'age-exceeded' };

/**
 * `attempt` is the number of the attempt that just failed (1 for the first). "Equal jitter":
 * half the exponential delay is kept and half drawn at random, so no retry comes back at once.
 */
export function nextAttempt(
  policy: RetryPolicy,
  attempt: number,
  firstAttemptAt: Date,
  now: Date,
  channel: Channel,
  random: () => number = Math.random,
): RetryDecision {
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  const exp = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** (attempt - 1));
  const delayMs = (exp / 2 + random() * (exp / 2)) * 1000;
  const wanted = new Date(now.getTime() + delayMs);
  const at = channel === 'sms' ? smsSendTime(wanted) : wanted;
  if (at.getTime() - firstAttemptAt.getTime() > policy.maxAgeSeconds * 1000) return { retry: false, reason: 'age-exceeded' };
  return { retry: true, at };
}

/** The policy from a function's parsed environment (deliver-notifications and email-events read the same settings). */
export function retryPolicyFrom(config: {
  DELIVERY_MAX_ATTEMPTS: number;
  DELIVERY_RETRY_BASE_SECONDS: number;
  DELIVERY_RETRY_CAP_SECONDS: number;
  DELIVERY_RETRY_MAX_AGE_HOURS: number;
}): RetryPolicy {
  return {
    maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
    baseSeconds: config.DELIVERY_RETRY_BASE_SECONDS,
    capSeconds: config.DELIVERY_RETRY_CAP_SECONDS,
    maxAgeSeconds: config.DELIVERY_RETRY_MAX_AGE_HOURS * 3600,
  };
}
