import { gsmStats } from './gsm.js';

export interface SmsStats {
  encoding: 'GSM-7' | 'UCS-2';
  /** The units that fill the segments: a GSM-7 extension character (€ [ ] { } | ^ ~ \) or a character outside the BMP counts twice. */
  characters: number;
  /** GSM-7: 160 in one segment, 153 each when split; UCS-2: 70, then 67. */
  segments: number;
}

/**
 * Encoding, size and segment count of an SMS as the carrier counts them (gsm.ts). Without emoji
 * this is what sms-segments-calculator says, which the tests keep as an oracle (gsm.test.ts); the
 * functions no longer bundle it (37 KB with its grapheme splitter).
 */
export function smsStats(text: string): SmsStats {
  const s = gsmStats(text);
  return { encoding: s.encoding, characters: s.units, segments: s.segments };
}
