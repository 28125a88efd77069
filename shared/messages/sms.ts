import { SegmentedMessage } from 'sms-segments-calculator';

export interface SmsStats {
  encoding: 'GSM-7' | 'UCS-2';
  /** As the library counts them: GSM-7 extension characters (€ [ ] { } | ^ ~ \) count twice. */
  characters: number;
  /** GSM-7: 160 in one segment, 153 each when split; UCS-2: 70, then 67. */
  segments: number;
}

/** Encoding, character count and segment count of an SMS, exactly as sms-segments-calculator computes them. */
export function smsStats(text: string): SmsStats {
  const m = new SegmentedMessage(text, 'auto', false);
  return { encoding: m.encodingName, characters: m.numberOfCharacters, segments: m.segmentsCount };
}
