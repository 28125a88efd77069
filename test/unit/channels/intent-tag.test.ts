import { describe, expect, it } from 'vitest';
import { decodeIntentTag, encodeIntentTag } from '../../../shared/channels/intent-tag.js';

describe('intent tags (SES message tags, follow-up ids)', () => {
  it('round-trips an intent key', () => {
    const key = { pk: 'CASE#01KABCDEFGHJKMNPQRSTVWXYZ0', intentId: '01KREF#referral.returnee' };
    expect(decodeIntentTag(encodeIntentTag(key))).toEqual(key);
  });

  it('names no intent for what is not a key, or one too long for the table to look up', () => {
    const tag = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    for (const value of ['', 'not base64!', tag('CASE#x'), tag('USER#x\ny'), tag('CASE#x\ny\nz'), tag(`CASE#x\n${'A'.repeat(1020)}`), tag(`CASE#${'x'.repeat(2050)}\ny`)]) {
      expect(decodeIntentTag(value), value.slice(0, 40)).toBeUndefined();
    }
    expect(decodeIntentTag(tag(`CASE#x\n${'A'.repeat(1019)}`))).toEqual({ pk: 'CASE#x', intentId: 'A'.repeat(1019) });
  });
});
