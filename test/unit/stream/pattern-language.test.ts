import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from '../../../local/event-bus.js';
import { matchesPattern } from '../../../shared/stream/filter-pattern.js';

/** The one matcher serves Lambda's filters and EventBridge's patterns: the language they share. */
describe('the pattern language shared by stream filters and event rules', () => {
  it('the local event bus matches with the same function as the stream filters', () => {
    expect(matchesEventPattern).toBe(matchesPattern);
  });

  it('a field that is a list matches when any element does (SES tags, DynamoDB SS)', () => {
    const event = { detail: { mail: { tags: { 'ses:configuration-set': ['referrals'], other: ['a', 'b'] } } } };
    expect(matchesPattern(event, { detail: { mail: { tags: { 'ses:configuration-set': ['referrals'] } } } })).toBe(true);
    expect(matchesPattern(event, { detail: { mail: { tags: { 'ses:configuration-set': ['marketing'] } } } })).toBe(false);
    expect(matchesPattern(event, { detail: { mail: { tags: { other: [{ prefix: 'b' }] } } } })).toBe(true);
    expect(matchesPattern({ NewImage: { tags: { SS: ['x', 'y'] } } }, { NewImage: { tags: { SS: ['y'] } } })).toBe(true);
  });

  it('a list of objects matches a nested pattern when one of them does', () => {
    const event = { detail: { bounce: { bouncedRecipients: [{ status: '5.1.1' }, { status: '4.4.7' }] } } };
    expect(matchesPattern(event, { detail: { bounce: { bouncedRecipients: { status: [{ prefix: '4.' }] } } } })).toBe(true);
    expect(matchesPattern(event, { detail: { bounce: { bouncedRecipients: { status: ['2.0.0'] } } } })).toBe(false);
  });

  it('a missing field matches only exists: false; anything-but, prefix and numeric need the field', () => {
    expect(matchesPattern({}, { a: [{ exists: false }] })).toBe(true);
    expect(matchesPattern({}, { a: [{ 'anything-but': ['x'] }] })).toBe(false);
    expect(matchesPattern({}, { a: [{ prefix: '' }] })).toBe(false);
    expect(matchesPattern({}, { a: [{ numeric: ['>', 0] }] })).toBe(false);
    expect(matchesPattern({}, { a: { b: [{ exists: false }] } })).toBe(false);
  });

  it('numeric compares numbers and DynamoDB number strings, nothing else', () => {
    expect(matchesPattern({ N: '5' }, { N: [{ numeric: ['>=', 5] }] })).toBe(true);
    expect(matchesPattern({ a: 5 }, { a: [{ numeric: ['>', 1, '<', 5] }] })).toBe(false);
    expect(matchesPattern({ a: '' }, { a: [{ numeric: ['=', 0] }] })).toBe(false);
    expect(matchesPattern({ a: true }, { a: [{ numeric: ['=', 1] }] })).toBe(false);
  });

  it('fails loudly on what it does not implement, instead of matching differently', () => {
    expect(() => matchesPattern({ a: 'x' }, { a: [{ 'anything-but': { prefix: 'y' } }] })).toThrow(/unsupported/);
    expect(() => matchesPattern({ a: 'x' }, { a: [{ 'equals-ignore-case': 'X' }] })).toThrow(/unsupported/);
    expect(() => matchesPattern({ a: 'x' }, { a: 'x' })).toThrow(/lists or objects/);
  });
});
