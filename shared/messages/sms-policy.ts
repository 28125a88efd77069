/**
 * Applies a municipality's SMS cost policy (SmsPolicy, shared/domain/sms-policy.ts) to a rendered
 * SMS: its letters as written, or transliterated to GSM-7 by `toGsm7`, and whether it fits the cap.
 */
import type { Language } from '../domain/vocabulary.js';
import { lettersKeptUpTo, type SmsPolicy } from '../domain/sms-policy.js';
import { toGsm7 } from './gsm.js';
import { smsStats, type SmsStats } from './sms.js';

export interface SmsPolicyResult {
  /** What to send: the text as written, or its GSM-7 transliteration. */
  text: string;
  /** Of `text`, as delivery records it (smsStats). */
  stats: SmsStats;
  /** True when the letters were changed (toGsm7); false when the text goes out as written. */
  transliterated: boolean;
  /** False: still over `maxSegments` after the policy; delivery refuses it (SegmentCapExceeded). */
  withinCap: boolean;
}

/** Applies the policy to one rendered SMS in its language. Pure. */
export function applySmsPolicy(text: string, language: Language, policy: SmsPolicy): SmsPolicyResult {
  const letters = policy.letters[language];
  const asWritten = smsStats(text);
  const transliterate = letters === 'gsm7' || (letters === 'auto' && asWritten.segments > lettersKeptUpTo(policy));
  // toGsm7 leaves a GSM-7 text as it is, so "transliterated" means letters really changed.
  const out = transliterate ? toGsm7(text) : text;
  const stats = out === text ? asWritten : smsStats(out);
  return { text: out, stats, transliterated: out !== text, withinCap: stats.segments <= policy.maxSegments };
}
