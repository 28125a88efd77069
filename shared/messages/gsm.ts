/**
 * SMS encoding, exactly, and a GSM-7 transliteration of Albanian and Serbian text.
 *
 * One ë, ç, č, ć, š, ž, đ or any Cyrillic letter turns a whole SMS into UCS-2: 70 characters
 * in one segment and 67 per segment once split, instead of 160 / 153. `toGsm7` is the policy
 * for writing the same text in GSM-7 (ë→e, č→c, đ→dj, Cyrillic→Latin, …); `gsmStats` says what
 * a text costs.
 *
 * Why `gsmStats` is hand-written and not sms-segments-calculator (which `smsStats` in sms.ts
 * uses): the library works on grapheme clusters, not on what goes over the air, so
 * - in UCS-2 its `numberOfCharacters` counts graphemes: "😀" is 1 although it takes 2 UTF-16
 *   units (a surrogate pair) of the 70 / 67; a family emoji (11 units) is also 1;
 * - it never splits a grapheme cluster across segments: "ë"×60 + 👨‍👩‍👧‍👦 + "ë"×60 is 131 units,
 *   2 segments when split by code units (never inside a surrogate pair), but the library moves
 *   the whole 11-unit cluster to the next segment and counts 3;
 * - in GSM-7 its `numberOfCharacters` is already units (an extension character counts 2), so the
 *   same field means two different things depending on the encoding.
 * Encoding detection, the GSM-7 tables and the escape-pair rule are right in the library, and on
 * text without multi-code-point graphemes its segment counts equal ours (gsm.test.ts checks all
 * of this, the agreement with a property test). What is sent is a sequence of code units, so
 * counting them is simpler than a grapheme library and exact; the rules are few.
 *
 * The rules (3GPP TS 23.038 / 23.040):
 * - GSM-7 when every character is in the basic table or the extension table, else UCS-2;
 * - GSM-7: one septet per basic character, two (ESC + char) per extension character
 *   (form feed ^ { } \ [ ~ ] | €); UCS-2: one 16-bit unit per BMP character, two (a surrogate
 *   pair) per character outside it (most emoji);
 * - one segment holds 160 septets / 70 units; a concatenated message 153 / 67 per segment (the
 *   6-octet UDH takes the rest);
 * - an ESC + char pair and a surrogate pair never straddle a segment boundary: the character
 *   moves whole to the next segment, leaving its segment one unit short.
 */

/** The GSM 03.38 basic table (127 characters; 0x1B is the escape to the extension table). */
const GSM7_BASIC_CHARS =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: each costs two septets (ESC + char). */
const GSM7_EXTENSION_CHARS = '\f^{}\\[~]|€';

const BASIC: ReadonlySet<string> = new Set(GSM7_BASIC_CHARS);
const EXTENSION: ReadonlySet<string> = new Set(GSM7_EXTENSION_CHARS);

export const GSM7_SINGLE_SEGMENT = 160;
export const GSM7_MULTI_SEGMENT = 153;
export const UCS2_SINGLE_SEGMENT = 70;
export const UCS2_MULTI_SEGMENT = 67;

export interface GsmStats {
  encoding: 'GSM-7' | 'UCS-2';
  /** Unicode code points (an emoji such as 😀 is 1; a ZWJ sequence is several). */
  characters: number;
  /** What the segments are filled with: GSM-7 septets (extension characters 2) or UTF-16 code units (outside the BMP 2). */
  units: number;
  /** Segments the carrier sends (and bills). An empty text is 1, as for an empty PDU. */
  segments: number;
}

/** True when the character (one code point) is in the GSM-7 basic or extension table. */
export function isGsm7Char(ch: string): boolean {
  return BASIC.has(ch) || EXTENSION.has(ch);
}

/** True when the whole text can be sent as GSM-7. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!isGsm7Char(ch)) return false;
  return true;
}

/** Encoding, characters, units and segments of an SMS, counted as the carrier counts them. */
export function gsmStats(text: string): GsmStats {
  const chars = Array.from(text); // code points; a lone surrogate stays one 1-unit element
  const gsm = chars.every(isGsm7Char);
  // GSM-7: 2 septets for ESC + char; UCS-2: UTF-16 length (2 for a surrogate pair).
  const sizes = chars.map((ch) => (gsm ? (EXTENSION.has(ch) ? 2 : 1) : ch.length));
  const units = sizes.reduce((a, b) => a + b, 0);
  const single = gsm ? GSM7_SINGLE_SEGMENT : UCS2_SINGLE_SEGMENT;
  const perSegment = gsm ? GSM7_MULTI_SEGMENT : UCS2_MULTI_SEGMENT;
  let segments = 1;
  if (units > single) {
    let used = 0;
    for (const size of sizes) {
      // a 2-unit character that does not fit whole goes to the next segment
      if (used + size > perSegment) {
        segments++;
        used = 0;
      }
      used += size;
    }
  }
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', characters: chars.length, units, segments };
}

// ---------------------------------------------------------------------------------------------
// toGsm7: the transliteration policy
// ---------------------------------------------------------------------------------------------

/** Albanian and Serbian Latin letters outside GSM-7. Ç is in GSM-7 and stays; dž becomes dz by itself. */
const LATIN: Readonly<Record<string, string>> = {
  ë: 'e', Ë: 'E', ç: 'c',
  č: 'c', Č: 'C', ć: 'c', Ć: 'C', š: 's', Š: 'S', ž: 'z', Ž: 'Z', đ: 'dj', Đ: 'Dj',
  // the Unicode digraph letters (rare, but they exist in old documents)
  ǆ: 'dz', ǅ: 'Dz', Ǆ: 'DZ', ǉ: 'lj', ǈ: 'Lj', Ǉ: 'LJ', ǌ: 'nj', ǋ: 'Nj', Ǌ: 'NJ',
};

/** Serbian Cyrillic (Vuk's 30 letters) → Serbian Latin written in GSM-7 (č ć → c, ž → z, š → s, đ → dj, dž → dz). */
const CYRILLIC_LOWER: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'dj', е: 'e', ж: 'z', з: 'z', и: 'i',
  ј: 'j', к: 'k', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', ћ: 'c', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'c', џ: 'dz', ш: 's',
};

const CYRILLIC: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CYRILLIC_LOWER).flatMap(([cyr, lat]) => [
    [cyr, lat],
    [cyr.toUpperCase(), lat[0]!.toUpperCase() + lat.slice(1)],
  ]),
);

/** Typography and spacing → ASCII; invisible format characters are dropped. */
const TYPOGRAPHY: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u2039': "'", '\u203A': "'",
  '`': "'", '\u00B4': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...',
  '\t': ' ', '\u00A0': ' ', '\u2007': ' ', '\u202F': ' ', '\u2009': ' ', '\u200A': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u2028': '\n', '\u2029': '\n',
  '\u00AD': '', '\u200B': '', '\u200C': '', '\u200D': '', '\u2060': '', '\uFEFF': '',
};

const MAP: Readonly<Record<string, string>> = { ...LATIN, ...CYRILLIC, ...TYPOGRAPHY };

const isUpper = (ch: string | undefined): boolean => ch !== undefined && /^\p{Lu}/u.test(ch);
const isLower = (ch: string | undefined): boolean => ch !== undefined && /^\p{Ll}/u.test(ch);

/** One code point → GSM-7 text, or undefined when the policy has nothing for it. */
function mapChar(ch: string): string | undefined {
  if (isGsm7Char(ch)) return ch;
  return MAP[ch];
}

let segmenter: Intl.Segmenter | undefined;
function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * The text in GSM-7 only, so that it costs 160 / 153 characters per segment instead of 70 / 67.
 *
 * Albanian: ë→e, Ë→E, ç→c (Ç is GSM-7 and stays). Serbian Latin: č ć→c, š→s, ž→z, đ→dj (dž→dz).
 * Serbian Cyrillic → Latin, then the same (љ→lj, њ→nj, џ→dz, ђ→dj, ћ→c, ж→z, ш→s, ч→c, …); a
 * capital that becomes two letters is "Dj"/"Lj" in a word and "DJ"/"LJ" in a word in capitals.
 * Typographic quotes, dashes, the ellipsis and special spaces → ASCII; zero-width and soft-hyphen
 * characters are dropped. Other letters with diacritics lose them when that gives GSM-7 (á→a,
 * ş→s, ё→e). Anything else (an emoji, a Chinese character, …) becomes one "?" per grapheme.
 *
 * Pure and idempotent (a GSM-7 text comes back unchanged); gsmStats(toGsm7(x)).encoding is
 * always 'GSM-7'.
 */
export function toGsm7(text: string): string {
  const gs = graphemes(text.normalize('NFC'));
  let out = '';
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i]!;
    if (isGsm7(g)) {
      out += g; // includes "\r\n", the only multi-character grapheme of GSM-7 characters
      continue;
    }
    const single = Array.from(g).length === 1 ? MAP[g] : undefined;
    if (single !== undefined) {
      // Đ, Љ, Њ, Џ, Ђ: "DJ" in a word written in capitals, "Dj" otherwise
      if (single.length > 1 && isUpper(g)) {
        const prev = gs[i - 1];
        const next = gs[i + 1];
        const caps = isUpper(next) || (!isLower(next) && isUpper(prev));
        out += caps ? single.toUpperCase() : single;
      } else out += single;
      continue;
    }
    // Not in the policy as it stands: strip diacritics and compatibility forms (á → a, ﬁ → fi,
    // a letter with stray combining marks → the letter), then map what is left, all or nothing.
    const parts = Array.from(g.normalize('NFKD').replace(/\p{M}/gu, ''), mapChar);
    out += parts.every((p) => p !== undefined) ? parts.join('') : '?';
  }
  return out;
}
