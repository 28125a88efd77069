import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../events/triggers.js';
import { matchesPattern, passesFilters } from '../../../shared/stream/filter-pattern.js';

const record = (eventName: string, image?: Record<string, unknown>) => ({
  eventName,
  dynamodb: image ? { NewImage: image } : {},
});

describe('Lambda filter patterns, as the local poller applies them', () => {
  const route = FUNCTIONS.routeReferrals.trigger.filters;
  const deliver = FUNCTIONS.deliverNotifications.trigger.filters;

  it('route-referrals takes inserted referrals ready to go, and waiting ones when released', () => {
    expect(passesFilters(record('INSERT', { type: { S: 'Referral' }, status: { S: 'created' } }), route)).toBe(true);
    expect(passesFilters(record('INSERT', { type: { S: 'Referral' }, status: { S: 'waiting' } }), route)).toBe(false);
    expect(passesFilters(record('MODIFY', { type: { S: 'Referral' }, status: { S: 'sent' } }), route)).toBe(false);
    const released = { eventName: 'MODIFY', dynamodb: { OldImage: { status: { S: 'waiting' } }, NewImage: { type: { S: 'Referral' }, status: { S: 'created' } } } };
    expect(passesFilters(released, route)).toBe(true);
    expect(passesFilters(record('REMOVE'), route)).toBe(false);
    expect(passesFilters(record('INSERT', { type: { S: 'Case' } }), route)).toBe(false);
  });

  it('deliver-notifications takes only inserted queued intents', () => {
    expect(passesFilters(record('INSERT', { type: { S: 'Intent' }, status: { S: 'queued' } }), deliver)).toBe(true);
    expect(passesFilters(record('INSERT', { type: { S: 'Intent' }, status: { S: 'skipped' } }), deliver)).toBe(false);
    expect(passesFilters(record('MODIFY', { type: { S: 'Intent' }, status: { S: 'queued' } }), deliver)).toBe(false);
  });

  it('supports prefix, exists, anything-but and numeric, and refuses what it does not know', () => {
    expect(matchesPattern({ a: 'CASE#1' }, { a: [{ prefix: 'CASE#' }] })).toBe(true);
    expect(matchesPattern({}, { a: [{ exists: false }] })).toBe(true);
    expect(matchesPattern({ a: 1 }, { a: [{ exists: false }] })).toBe(false);
    expect(matchesPattern({ a: 'x' }, { a: [{ 'anything-but': ['x'] }] })).toBe(false);
    expect(matchesPattern({ a: 5 }, { a: [{ numeric: ['>', 1, '<=', 5] }] })).toBe(true);
    expect(() => matchesPattern({ a: 'x' }, { a: [{ wildcard: '*' }] })).toThrow(/unsupported/);
  });
});
