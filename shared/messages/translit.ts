/**
 * Serbian Latin → Serbian Cyrillic (Vuk's alphabet, one letter per sound).
 *
 * Hand-written on purpose: the npm packages that claim to do this are either unmaintained,
 * Russian-oriented (they map "c" to "к", "h" to "х" but miss đ/ć/dž), or treat "nj"/"lj"/"dž"
 * naively in capitals ("NJEGOŠ" → "НЈЕГОШ"). Serbian is simple enough that 30 letters, three
 * digraphs and a short exception list are easier to review than a dependency.
 *
 * Only Serbian letters are converted. Letters outside the Serbian Latin alphabet (q, w, x, y,
 * Albanian ë/ç, …), digits, punctuation and whitespace pass through unchanged.
 */

const SINGLE: Readonly<Record<string, string>> = {
  a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х',
  i: 'и', j: 'ј', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш',
  t: 'т', u: 'у', v: 'в', z: 'з', ž: 'ж',
};

const DIGRAPH: Readonly<Record<string, string>> = { lj: 'љ', nj: 'њ', dž: 'џ' };

/**
 * Words (lower-case stems) where the two letters of a "digraph" are separate sounds, e.g. a
 * prefix ending in d before ž (pod-župan → поджупан) or n before j (kon-jugacija → конјугација).
 * Matched at the start of a word. Deliberately short: only words plausible in this domain.
 */
const NOT_DIGRAPH_STEMS: readonly string[] = [
  'nadžive', 'nadžnje', 'podžupan', 'podžanr',
  'konjug', 'konjunk', 'injekc', 'injunk', 'vanjezi', 'tanjug',
];

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function cyrCase(cyr: string, upper: boolean): string {
  return upper ? cyr.toUpperCase() : cyr;
}

/** Transliterate one run of plain text (no markup to protect). */
function translitPlain(text: string): string {
  const s = text.normalize('NFC');
  let out = '';
  // positions (within the current word) where a digraph must be split
  let wordStart = 0;
  let splitAt = -1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const lower = ch.toLowerCase();
    const prev = i > 0 ? s[i - 1]! : '';
    if (i === 0 || !/\p{L}/u.test(prev)) {
      // start of a word: check the exception stems
      wordStart = i;
      splitAt = -1;
      const rest = s.slice(i, i + 12).toLowerCase();
      for (const stem of NOT_DIGRAPH_STEMS) {
        if (rest.startsWith(stem)) {
          const idx = stem.search(/nj|dž|lj/);
          if (idx >= 0) splitAt = wordStart + idx;
          break;
        }
      }
    }
    const next = s[i + 1];
    if (next !== undefined && i !== splitAt) {
      const pair = lower + next.toLowerCase();
      const cyr = DIGRAPH[pair];
      if (cyr !== undefined) {
        // "Lj", "LJ" → Љ; "lj" → љ. The first letter decides the case ("lJ" is a typo, treat as lower).
        out += cyrCase(cyr, isUpper(ch));
        i++;
        continue;
      }
    }
    const single = SINGLE[lower];
    out += single === undefined ? ch : cyrCase(single, isUpper(ch));
  }
  return out;
}

/**
 * Mustache tags ({{x}}, {{{x}}}, {{#x}}, …), HTML tags (<p style="…">) and character references
 * (&amp;) must survive untouched when a template is transliterated.
 */
const MARKUP = /\{\{\{[\s\S]*?\}\}\}|\{\{[\s\S]*?\}\}|<[^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/g;

export interface TranslitOptions {
  /** Leave Mustache tags, HTML tags and character references as they are. Default false. */
  preserveMarkup?: boolean;
}

/** Serbian Latin → Serbian Cyrillic, e.g. "Ljubljana Njegoš džep Đorđe" → "Љубљана Његош џеп Ђорђе". */
export function srLatnToCyrl(text: string, options: TranslitOptions = {}): string {
  if (!options.preserveMarkup) return translitPlain(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MARKUP)) {
    out += translitPlain(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + translitPlain(text.slice(last));
}
