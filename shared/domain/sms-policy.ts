/**
 * The SMS cost policy of a municipality: how many segments one SMS may cost, and per language
 * whether its letters are kept or written in GSM-7.
 *
 * SMS is the platform's biggest running cost, and it is billed per segment. One ë, ç, č, ć, š, ž,
 * đ or Cyrillic letter makes the whole text UCS-2 (70 characters in one segment, 67 each once
 * split, instead of 160 / 153), so an Albanian or Serbian text often costs two or three times
 * what the same words cost in GSM-7. `toGsm7` (shared/messages/gsm.ts) writes them without those letters
 * (ë→e, č→c, đ→dj, Cyrillic→Latin): readable, but not how the language is written. The policy
 * says, per language, which of the two a municipality prefers:
 *   keep  the letters as written, whatever it costs;
 *   gsm7  always transliterated;
 *   auto  the letters as written while the text fits `maxSegments`, transliterated otherwise.
 *
 * Delivery applies the policy (applySmsPolicy, shared/messages/sms-policy.ts) to the rendered text right before sending. A text still over
 * `maxSegments` after the policy (`withinCap: false`) is refused and never sent: the intent fails
 * as non-retryable with code `SegmentCapExceeded`, and the coordinator is told (as for any final
 * failure: call or visit instead). Raising `maxSegments` for that municipality, or shortening
 * what feeds the text (directory entries, an appointment's free text), is the remedy.
 *
 * Segments are counted exactly (gsmStats): what the carrier sends and bills.
 */
import * as z from 'zod';
import { Language } from './vocabulary.js';

export const SmsLetters = z.enum(['keep', 'gsm7', 'auto']);
export type SmsLetters = z.infer<typeof SmsLetters>;

/**
 * An alphanumeric sender ID as SNS accepts it (AWS.SNS.SMS.SenderID): 3–11 ASCII letters and
 * digits, at least one letter (all digits would read as a phone number). Whether a country shows
 * it, and whether it must be registered first, depends on the destination country.
 */
export const SmsSenderId = z
  .string()
  .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/, 'an alphanumeric sender ID: 3–11 letters and digits, at least one letter');

export const SmsPolicy = z.strictObject({
  /** Segments one SMS may cost after the policy; over it, the SMS is refused (SegmentCapExceeded). */
  maxSegments: z.number().int().min(1).max(10),
  /** Per message language; a record keyed by Language, so a new language cannot be left out. */
  letters: z.record(Language, SmsLetters),
  /** Shown instead of a number where the destination country supports (and has registered) it. */
  senderId: SmsSenderId.optional(),
  /** SNS's per-message ceiling (AWS.SNS.SMS.MaxPrice): a message that would cost more is not sent. */
  maxPriceUsd: z.number().positive().optional(),
});
export type SmsPolicy = z.infer<typeof SmsPolicy>;

/**
 * 3 segments, letters 'auto' in every language.
 *
 * Measured on every SMS template in every language (test/unit/messages/sms-policy.test.ts prints
 * the table), with the bundled directory's real office names and addresses: English texts are
 * GSM-7 already, and the referral SMS (Obiliq civil registry: 309 characters) and the acceptance
 * SMS (up to 319) take 3 segments; transliteration cannot shorten them, so a cap of 2 would
 * refuse them. Albanian and Serbian referral SMS take 4–5 UCS-2 segments as written and 2–3 once
 * transliterated, so under 'auto' they go out in GSM-7. (So do English texts naming
 * "Skënderbeu Street": directory entries carry ë into English too.)
 *
 * The price of one cap for every language: an Albanian or Serbian text that fits 3 UCS-2
 * segments (an appointment reminder with short free text) keeps its letters at 3 segments where
 * GSM-7 would take 2. A municipality that prefers the cheaper text sets its letters to 'gsm7'.
 *
 * No sender ID: whether SNS shows an alphanumeric sender ID in Kosovo (+383) is not documented in
 * the sources checked (the SNS supported-countries table has no Kosovo row), so none is set here
 * or in the bundled directory; a municipality adds one once AWS confirms it for its destinations.
 */
export const DEFAULT_SMS_POLICY: SmsPolicy = Object.freeze({
  maxSegments: 3,
  letters: Object.freeze({ sq: 'auto', 'sr-Latn': 'auto', 'sr-Cyrl': 'auto', en: 'auto' }),
}) as SmsPolicy;
