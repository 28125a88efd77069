import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../events/triggers.js';
import { passesFilters } from '../../../shared/stream/filter-pattern.js';

/** react-to-answers' event source mapping filter: every answer passes once, nothing else invokes it. */
const filters = FUNCTIONS.reactToAnswers.trigger.filters;
const referral = (status: string) => ({ type: { S: 'Referral' }, status: { S: status } });
const modify = (from: string, to: string) => ({ eventName: 'MODIFY', dynamodb: { OldImage: referral(from), NewImage: referral(to) } });

describe('react-to-answers filter', () => {
  it.each([
    ['created', 'accepted'],
    ['sent', 'accepted'],
    ['sent', 'declined'],
    ['created', 'declined'],
    ['sent', 'completed'],
    ['sent', 'not_completed'],
    ['accepted', 'completed'],
    ['accepted', 'not_completed'],
    // Cancelled: nobody is told, but what waited for it must not wait for ever; withdrawn once
    // accepted, its plan measure too.
    ['waiting', 'cancelled'],
    ['created', 'cancelled'],
    ['sent', 'cancelled'],
    ['accepted', 'cancelled'],
  ])('passes %s → %s', (from, to) => {
    expect(passesFilters(modify(from, to), filters)).toBe(true);
  });

  it.each([
    // Writes that leave the answer as it was: the expiry after closure, a sent-at stamp.
    ['accepted', 'accepted'],
    ['declined', 'declined'],
    ['completed', 'completed'],
    ['sent', 'sent'],
    ['created', 'sent'],
    ['waiting', 'created'],
    ['cancelled', 'cancelled'],
  ])('drops %s → %s', (from, to) => {
    expect(passesFilters(modify(from, to), filters)).toBe(false);
  });

  it('drops new referrals, TTL deletions and other items', () => {
    expect(passesFilters({ eventName: 'INSERT', dynamodb: { NewImage: referral('accepted') } }, filters)).toBe(false);
    expect(passesFilters({ eventName: 'REMOVE', dynamodb: { OldImage: referral('accepted') } }, filters)).toBe(false);
    expect(passesFilters({ eventName: 'MODIFY', dynamodb: { OldImage: { type: { S: 'Case' }, status: { S: 'sent' } }, NewImage: { type: { S: 'Case' }, status: { S: 'accepted' } } } }, filters)).toBe(false);
  });
});
