import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gsmStats, isGsm7, toGsm7 } from '../../../shared/messages/gsm.js';
import { SegmentedMessage } from 'sms-segments-calculator';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'; // 👨‍👩‍👧‍👦: 4 surrogate pairs + 3 ZWJ = 11 units

describe('gsmStats: GSM-7', () => {
  it('160 septets fit one segment, 161 need two; then 153 per segment (306 → 2, 307 → 3)', () => {
    expect(gsmStats('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, units: 160, segments: 1 });
    expect(gsmStats('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, units: 161, segments: 2 });
    expect(gsmStats('a'.repeat(306)).segments).toBe(2);
    expect(gsmStats('a'.repeat(307)).segments).toBe(3);
  });

  it('each extension character (^ { } \\ [ ~ ] | € and form feed) counts 2 units, 1 character', () => {
    for (const ch of ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f']) {
      expect(gsmStats(ch), JSON.stringify(ch)).toEqual({ encoding: 'GSM-7', characters: 1, units: 2, segments: 1 });
    }
    expect(gsmStats('€'.repeat(80))).toEqual({ encoding: 'GSM-7', characters: 80, units: 160, segments: 1 });
    expect(gsmStats('a' + '€'.repeat(80))).toEqual({ encoding: 'GSM-7', characters: 81, units: 161, segments: 2 });
  });

  it('an escape pair never straddles a segment boundary: 306 units can take 3 segments', () => {
    // 152 + € would be 154 > 153: € moves whole to segment 2, which then fills up one short of the rest
    const text = 'a'.repeat(152) + '€' + 'a'.repeat(152);
    expect(gsmStats(text)).toEqual({ encoding: 'GSM-7', characters: 305, units: 306, segments: 3 });
    // the same 306 units with the pair not on the boundary: 2 segments
    expect(gsmStats('€' + 'a'.repeat(304)).segments).toBe(2);
  });

  it('the whole GSM-7 alphabet is GSM-7: Ç, é è ù ì ò, É Ä Ö Ñ Ü ä ö ñ ü à ß Å å Æ æ Ø ø, Greek capitals', () => {
    const text = 'Ç é è ù ì ò É Ä Ö Ñ Ü ä ö ñ ü à ß Å å Æ æ Ø ø Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ @ £ $ ¥ ¤ § ¿ ¡ _ \r\n';
    expect(gsmStats(text).encoding).toBe('GSM-7');
    expect(gsmStats(text).units).toBe([...text].length);
  });

  it('one character outside GSM-7 (ë, ç, č, ć, š, ž, đ, Cyrillic, an en dash, a backtick) makes it UCS-2', () => {
    for (const ch of ['ë', 'Ë', 'ç', 'č', 'Č', 'ć', 'š', 'ž', 'đ', 'Đ', 'ж', 'Љ', '–', '…', '“', '`', '\t']) {
      expect(gsmStats('a'.repeat(100) + ch).encoding, ch).toBe('UCS-2');
    }
    expect(gsmStats('a'.repeat(100) + 'ë')).toEqual({ encoding: 'UCS-2', characters: 101, units: 101, segments: 2 });
  });
});

describe('gsmStats: UCS-2', () => {
  it('70 units fit one segment, 71 need two; then 67 per segment (134 → 2, 135 → 3)', () => {
    expect(gsmStats('ë'.repeat(70))).toEqual({ encoding: 'UCS-2', characters: 70, units: 70, segments: 1 });
    expect(gsmStats('ë'.repeat(71))).toEqual({ encoding: 'UCS-2', characters: 71, units: 71, segments: 2 });
    expect(gsmStats('ë'.repeat(134)).segments).toBe(2);
    expect(gsmStats('ë'.repeat(135)).segments).toBe(3);
  });

  it('an emoji outside the BMP counts 2 units (a surrogate pair)', () => {
    expect(gsmStats('\u{1F600}')).toEqual({ encoding: 'UCS-2', characters: 1, units: 2, segments: 1 });
    expect(gsmStats('ë'.repeat(68) + '\u{1F600}')).toEqual({ encoding: 'UCS-2', characters: 69, units: 70, segments: 1 });
    expect(gsmStats('ë'.repeat(69) + '\u{1F600}')).toEqual({ encoding: 'UCS-2', characters: 70, units: 71, segments: 2 });
    // the emoji alone makes a GSM-7 text UCS-2
    expect(gsmStats('a'.repeat(69) + '\u{1F600}').encoding).toBe('UCS-2');
  });

  it('a surrogate pair never straddles a segment boundary: 134 units can take 3 segments', () => {
    expect(gsmStats('ë'.repeat(66) + '\u{1F600}' + 'ë'.repeat(66))).toEqual({ encoding: 'UCS-2', characters: 133, units: 134, segments: 3 });
    expect(gsmStats('\u{1F600}' + 'ë'.repeat(132)).segments).toBe(2);
  });

  it('GSM-7 extension characters count 1 unit in a UCS-2 message', () => {
    expect(gsmStats('ë€{')).toEqual({ encoding: 'UCS-2', characters: 3, units: 3, segments: 1 });
  });

  it('an empty text is one (empty) segment', () => {
    expect(gsmStats('')).toEqual({ encoding: 'GSM-7', characters: 0, units: 0, segments: 1 });
  });
});

/** The library, as an oracle: its encoding, "characters" and segments. */
function library(text: string): { encoding: string; characters: number; segments: number } {
  const m = new SegmentedMessage(text, 'auto', false);
  return { encoding: m.encodingName, characters: m.numberOfCharacters, segments: m.segmentsCount };
}

describe('gsmStats against sms-segments-calculator', () => {
  it('agrees on encoding and segments for text without multi-code-point graphemes', () => {
    const alphabet = ['a', 'Z', ' ', '0', '.', '\n', '\r', 'Ç', 'é', 'Δ', '€', '{', '\\', '\f', 'ë', 'ç', 'č', 'ж', '–', '\u{1F600}'];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 420 }), (text) => {
        const ours = gsmStats(text);
        const lib = library(text);
        expect(ours.encoding).toBe(lib.encoding);
        expect(ours.segments).toBe(lib.segments);
        // the library's "characters" is units in GSM-7 but graphemes in UCS-2
        expect(lib.characters).toBe(ours.encoding === 'GSM-7' ? ours.units : ours.characters);
      }),
      { numRuns: 500 },
    );
  });

  it('the library mis-counts UCS-2: an emoji is 1 "character" although it takes 2 of the 70 units', () => {
    expect(library('\u{1F600}').characters).toBe(1);
    expect(library(FAMILY).characters).toBe(1);
    expect(gsmStats(FAMILY)).toEqual({ encoding: 'UCS-2', characters: 7, units: 11, segments: 1 });
    // 69 ë + 😀 = 71 units (2 segments); the library's count of 70 reads as "fits in one"
    expect(library('ë'.repeat(69) + '\u{1F600}')).toEqual({ encoding: 'UCS-2', characters: 70, segments: 2 });
  });

  it('the library keeps a whole grapheme cluster in one segment; the carrier splits by code unit', () => {
    const text = 'ë'.repeat(60) + FAMILY + 'ë'.repeat(60); // 131 units ≤ 134
    expect(gsmStats(text)).toEqual({ encoding: 'UCS-2', characters: 127, units: 131, segments: 2 });
    expect(library(text).segments).toBe(3);
  });
});

describe('toGsm7', () => {
  it('Albanian: ë→e, Ë→E, ç→c; capital Ç stays (it is GSM-7)', () => {
    expect(toGsm7('Përshëndetje nga ZKKK Obiliq')).toBe('Pershendetje nga ZKKK Obiliq');
    expect(toGsm7('ËSHTË çka Çka')).toBe('ESHTE cka Çka');
  });

  it('Serbian Latin: č ć→c, š→s, ž→z, đ→dj (Dj / DJ in capitals), dž→dz', () => {
    expect(toGsm7('Čačak Ćuprija šuma Šabac žena Žabljak đak')).toBe('Cacak Cuprija suma Sabac zena Zabljak djak');
    expect(toGsm7('Đorđe ĐORĐE Đ.')).toBe('Djordje DJORDJE Dj.');
    expect(toGsm7('džep Džep DŽEP')).toBe('dzep Dzep DZEP');
    expect(toGsm7('Kancelarija civilnog stanja Obilić, Ul. Hasana Prištine')).toBe('Kancelarija civilnog stanja Obilic, Ul. Hasana Pristine');
  });

  it('Serbian Cyrillic → Latin, then the same', () => {
    expect(toGsm7('Љубљана ЉУБЉАНА Његош џеп Ђорђе ћуприја жена шума чаша')).toBe('Ljubljana LJUBLJANA Njegos dzep Djordje cuprija zena suma casa');
    expect(toGsm7('Канцеларија цивилног стања Обилић')).toBe('Kancelarija civilnog stanja Obilic');
  });

  it('every letter of the Serbian Cyrillic alphabet, small and capital, becomes GSM-7', () => {
    const expected: Record<string, string> = {
      а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'dj', е: 'e', ж: 'z', з: 'z', и: 'i',
      ј: 'j', к: 'k', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r',
      с: 's', т: 't', ћ: 'c', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'c', џ: 'dz', ш: 's',
    };
    const letters = 'абвгдђежзијклљмнњопрстћуфхцчџш';
    expect([...letters]).toEqual(Object.keys(expected)); // all 30 letters, in alphabetical order
    for (const [small, latin] of Object.entries(expected)) {
      const capital = small.toUpperCase();
      expect(toGsm7(small), small).toBe(latin);
      expect(toGsm7(capital), capital).toBe(latin[0]!.toUpperCase() + latin.slice(1));
      expect(toGsm7(capital + capital), capital).toBe((latin + latin).toUpperCase());
      for (const s of [small, capital]) expect(gsmStats(toGsm7(s)).encoding, s).toBe('GSM-7');
    }
    expect(gsmStats(toGsm7(letters + letters.toUpperCase())).encoding).toBe('GSM-7');
  });

  it('typographic quotes, dashes, the ellipsis and special spaces → ASCII', () => {
    expect(toGsm7('„Zyra” – ‘e hënë’ — “Mon–Fri”… «ok»')).toBe('"Zyra" - \'e hene\' - "Mon-Fri"... "ok"');
    expect(toGsm7('a\u00A0b\u202Fc\td')).toBe('a b c d');
    expect(toGsm7('ne\u00ADver\u200Bmind')).toBe('nevermind');
  });

  it('keeps what GSM-7 has: é è ù ì ò É Ä Ö Ñ Ü ä ö ñ ü à ß Å å Æ æ Ø ø, € and the other extension characters', () => {
    const text = 'é è ù ì ò É Ä Ö Ñ Ü ä ö ñ ü à ß Å å Æ æ Ø ø Ç € [x] {y} ~ | ^ \\ @ £ $ _\r\n';
    expect(toGsm7(text)).toBe(text);
  });

  it('other diacritics are dropped when that gives GSM-7; anything else is one "?" per grapheme', () => {
    expect(toGsm7('Şükrü Gökdağ, á ó ё й')).toBe('Sükrü Gökdag, a o e i');
    expect(toGsm7('e\u0308 C\u0327')).toBe('e Ç'); // decomposed ë and Ç
    expect(toGsm7('ok \u{1F44D}\u{1F3FD} ' + FAMILY + ' 中文 ı')).toBe('ok ? ? ?? ?');
  });

  it('a 150-character Albanian text with one ë is UCS-2 in 3 segments; in GSM-7 it is 1 segment', () => {
    const text = 'ZKKK Obiliq: ju lutem paraqituni te Zyra e Gjendjes Civile, Rr. Hasan Prishtina, Obiliq, te hene ne ora 09:00. Sillni letërnjoftimin. Tel +38344123456';
    expect(text).toHaveLength(150);
    expect([...text].filter((c) => c === 'ë')).toHaveLength(1);
    expect(gsmStats(text)).toEqual({ encoding: 'UCS-2', characters: 150, units: 150, segments: 3 });
    const gsm = toGsm7(text);
    expect(gsm).toBe(text.replace('ë', 'e'));
    expect(gsmStats(gsm)).toEqual({ encoding: 'GSM-7', characters: 150, units: 150, segments: 1 });
  });

  it('always gives GSM-7 and is idempotent', () => {
    const samples = ['Përshëndetje', 'ĐORĐE', 'Љубљана', '„x” – …', '\u{1F600}', 'e\u0308', 'Çç', ''];
    for (const s of samples) {
      expect(isGsm7(toGsm7(s)), s).toBe(true);
      expect(toGsm7(toGsm7(s)), s).toBe(toGsm7(s));
    }
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()), (s) => {
        const once = toGsm7(s);
        expect(isGsm7(once)).toBe(true);
        expect(gsmStats(once).encoding).toBe('GSM-7');
        expect(toGsm7(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
