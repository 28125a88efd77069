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
 *   auto  the letters as written while the text fits `keepLettersUpTo` segments (1 with the
 *         returnee page on, 2 without, never above `maxSegments`), transliterated otherwise.
 *
 * Delivery applies the policy (applySmsPolicy, shared/messages/sms-policy.ts) to the rendered text right before sending. A text still over
 * `maxSegments` after the policy (`withinCap: false`) is refused and never sent: the intent fails
 * as non-retryable with code `SegmentCapExceeded`, and the coordinator is told (as for any final
 * failure: call or visit instead). Raising `maxSegments` for that municipality, or shortening
 * what feeds the text (directory entries, an appointment's free text), is the remedy.
 *
 * Segments are counted exactly (gsmStats): what the carrier sends and bills.
 */
import * as z from './zod.js';
import { Language } from './vocabulary.js';

export const SmsLetters = z.enum(['keep', 'gsm7', 'auto']);
export type SmsLetters = z.infer<typeof SmsLetters>;

/**
 * An alphanumeric sender ID as SNS accepts it (AWS.SNS.SMS.SenderID): 3–11 ASCII letters and
 * digits, at least one letter (all digits would read as a phone number). Whether a country shows
 * it, and whether it must be registered first, depends on the destination country.
 */
export const SmsSenderId = z.string().check(z.regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/, 'an alphanumeric sender ID: 3–11 letters and digits, at least one letter'));

export const SmsPolicy = z.strictObject({
  /** Segments one SMS may cost after the policy; over it, the SMS is refused (SegmentCapExceeded). */
  maxSegments: z.number().check(z.int(), z.gte(1), z.lte(10)),
  /** Per message language; a record keyed by Language, so a new language cannot be left out. */
  letters: z.record(Language, SmsLetters),
  /** Shown instead of a number where the destination country supports (and has registered) it. */
  senderId: z.optional(SmsSenderId),
  /** SNS's per-message ceiling (AWS.SNS.SMS.MaxPrice): a message that would cost more is not sent. */
  maxPriceUsd: z.optional(z.number().check(z.positive())),
  /**
   * The returnee page (absent: on). On: the SMS about a case carry the essentials and a short
   * signed link to a page with the full next steps (shared/cases/returnee-page.ts), and `auto`
   * aims at one segment (the page has the words as written). Off: the SMS carry everything
   * themselves.
   */
  returneePage: z.optional(z.boolean()),
  /**
   * Under `auto`, the letters are kept as written while the text fits this many segments, and
   * written in GSM-7 beyond (never above `maxSegments`). Absent: 1 with the returnee page on, 2
   * without: one ë in a 3-segment Albanian text costs a third segment GSM-7 would not.
   */
  keepLettersUpTo: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10))),
});
export type SmsPolicy = z.infer<typeof SmsPolicy>;

/** Whether a municipality's SMS carry the returnee page's link (default on). */
export const returneePageOn = (policy: Pick<SmsPolicy, 'returneePage'>): boolean => policy.returneePage !== false;

/** Up to how many segments `auto` keeps the letters as written (see keepLettersUpTo). */
export const lettersKeptUpTo = (policy: SmsPolicy): number => Math.min(policy.maxSegments, policy.keepLettersUpTo ?? (returneePageOn(policy) ? 1 : 2));

/**
 * 3 segments, letters 'auto' in every language, the returnee page on.
 *
 * Measured on every SMS template in every language (test/unit/messages/sms-policy.test.ts prints
 * the table), with the bundled directory's real office names and addresses: English texts are
 * GSM-7 already, and the referral SMS (Obiliq civil registry: 309 characters) and the acceptance
 * SMS (up to 319) take 3 segments; transliteration cannot shorten them, so a cap of 2 would
 * refuse them. Albanian and Serbian referral SMS take 4–5 UCS-2 segments as written and 2–3 once
 * transliterated, so under 'auto' they go out in GSM-7. (So do English texts naming
 * "Skënderbeu Street": directory entries carry ë into English too.)
 *
 * Since #18 'auto' keeps the letters only up to `keepLettersUpTo` (1 segment with the returnee
 * page on, whose page has the words as written; 2 without): an Albanian or Serbian text that fits
 * 3 UCS-2 segments but 2 in GSM-7 goes in GSM-7. A municipality that prefers the letters at any
 * price within the cap sets `keepLettersUpTo` to `maxSegments`, or its letters to 'keep'.
 *
 * No sender ID: whether SNS shows an alphanumeric sender ID in Kosovo (+383) is not documented in
 * the sources checked (the SNS supported-countries table has no Kosovo row), so none is set here
 * or in the bundled directory; a municipality adds one once AWS confirms it for its destinations.
 */
export const DEFAULT_SMS_POLICY: SmsPolicy = Object.freeze({
  maxSegments: 3,
  letters: Object.freeze({ sq: 'auto', 'sr-Latn': 'auto', 'sr-Cyrl': 'auto', en: 'auto' }),
}) as SmsPolicy;
