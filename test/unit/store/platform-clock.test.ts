import { afterEach, describe, expect, it } from 'vitest';
import { MovableClock, setLocalClock } from '../../../shared/domain/clock.js';
import { intentFailed, intentSent, intentUnconfirmed } from '../../../shared/store/intent.js';
import { referralMove } from '../../../shared/store/referral.js';
import { aReferral } from '../../contract/items.js';

/**
 * The times a change records when its caller gives none come from the platform's clock: the
 * local stack's movable one (demos, tests, a drill's "two days later"), Lambda's system clock.
 */
describe('an intent change without a time given', () => {
  afterEach(() => setLocalClock({ now: () => new Date() }));
  const attempted = {
    pk: 'CASE#C1', intentId: 'R1#referral.returnee', caseId: 'C1', municipalityId: 'obiliq' as const,
    channel: 'sms' as const, template: 'referral.returnee.sms' as const, attempts: 1, recipient: '+38349555123',
  };

  it('is stamped with the platform clock, not the machine’s present', () => {
    setLocalClock(new MovableClock(new Date('2031-03-10T09:00:00.000Z')));
    const stamps = [
      intentSent(attempted, 100, { providerMessageId: 'p-1' }),
      intentFailed(attempted, 100, { kind: 'non-retryable', code: 'InvalidParameter' }),
      intentUnconfirmed(attempted, 100),
    ].map((c) => c.audit.at);
    for (const at of stamps) expect(at.slice(0, 13)).toBe('2031-03-10T09');
  });
});

describe('a referral moved without a time given', () => {
  afterEach(() => setLocalClock({ now: () => new Date() }));

  it('is moved at the platform clock’s time, not the machine’s present', () => {
    setLocalClock(new MovableClock(new Date('2031-03-10T09:00:00.000Z')));
    const moved = referralMove(aReferral('C1', 'R1', { status: 'sent' }), 'cancelled', {}, { event: 'referral.cancelled', by: 'user:u1', via: 'api' });
    expect(moved.at.slice(0, 13)).toBe('2031-03-10T09');
  });
});
