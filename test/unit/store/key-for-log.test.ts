import { describe, expect, it } from 'vitest';
import { keyForLog } from '../../../shared/store/key-for-log.js';

const CASE = 'CASE#01JCASE0000000000000000000';

describe('keyForLog: a table key as a log may show it', () => {
  it('keeps the ids and codes a key is made of', () => {
    for (const sk of [
      'NOTE#01JREF00000000000000000000#referral.office',
      'NOTE#01JREF00000000000000000000#answer.accepted#returnee',
      'NOTE##referral.escalation.head#obiliq-civil-registry-head',
      `NOTE#01JCASE0000000000000000000#grantcall#call-7#2026-12-20#grant.call`,
      'AUDIT#2026-12-06T08:00:00.000Z#01JREF00000000000000000000#referral.sent',
      'TIMER#01JAPPT0000000000000000000#appointment.evening#2',
    ]) {
      expect(keyForLog({ pk: CASE, sk })).toBe(`${CASE} ${sk}`);
    }
  });

  it('drops an email address a recipient part holds, and nothing else', () => {
    const sk = 'NOTE#01JMEET0000000000000000000#3#meeting.invite#Office.Head@obiliq.example.org';
    const shown = keyForLog({ pk: CASE, sk });
    expect(shown).toBe(`${CASE} NOTE#01JMEET0000000000000000000#3#meeting.invite#<email>`);
    expect(shown).not.toMatch(/office\.head|obiliq\.example/i);
  });

  it('drops a phone number, international or as typed, but keeps a day and small numbers', () => {
    for (const phone of ['+38344123456', '044123456', '044 123 456', '+383 (44) 123-456']) {
      expect(keyForLog({ pk: CASE, sk: `NOTE#01JREF00000000000000000000#referral.returnee#${phone}` })).toBe(`${CASE} NOTE#01JREF00000000000000000000#referral.returnee#<phone>`);
    }
    expect(keyForLog({ pk: CASE, sk: 'NOTE#01JCASE0000000000000000000#homevisit#12#visit.family' })).toBe(`${CASE} NOTE#01JCASE0000000000000000000#homevisit#12#visit.family`);
  });

  it('drops what is not an id (a name, spaces, letters beyond ASCII), the SMR case id of a claim and the hash of an address', () => {
    expect(keyForLog({ pk: CASE, sk: 'NOTE#01JREF00000000000000000000#referral.returnee#Arbër Krasniqi' })).toBe(`${CASE} NOTE#01JREF00000000000000000000#referral.returnee#<redacted>`);
    expect(keyForLog({ pk: 'SMR#SMR-2026-00042', sk: 'META' })).toBe('SMR#<smr-id> META');
    // An address item's partition: a hash of the address, which guessing the address undoes.
    expect(keyForLog({ pk: `ADDR#${'ab12'.repeat(16)}`, sk: 'META' })).toBe('ADDR#<address-hash> META');
  });

  it('says so when there is no key to show, rather than throwing', () => {
    expect(keyForLog(undefined)).toBe('<no key>');
    expect(keyForLog({})).toBe('<no key>');
    expect(keyForLog({ pk: 42, sk: 'META' })).toBe('<not a string> META');
  });
});
