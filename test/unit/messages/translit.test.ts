import { describe, expect, it } from 'vitest';
import { srLatnToCyrl } from '../../../shared/messages/index.js';

describe('srLatnToCyrl', () => {
  it('handles the digraphs lj, nj, dž and đ', () => {
    expect(srLatnToCyrl('Ljubljana Njegoš džep Đorđe')).toBe('Љубљана Његош џеп Ђорђе');
  });

  it('handles capitals, including all-caps digraphs', () => {
    expect(srLatnToCyrl('LJUBLJANA NJEGOŠ DŽEP ĐORĐE')).toBe('ЉУБЉАНА ЊЕГОШ ЏЕП ЂОРЂЕ');
    expect(srLatnToCyrl('OKZP Obilić, Parteš')).toBe('ОКЗП Обилић, Партеш');
  });

  it('covers the whole alphabet', () => {
    expect(srLatnToCyrl('a b c č ć d dž đ e f g h i j k l lj m n nj o p r s š t u v z ž')).toBe(
      'а б ц ч ћ д џ ђ е ф г х и ј к л љ м н њ о п р с ш т у в з ж',
    );
  });

  it('keeps words where the letters are not a digraph', () => {
    expect(srLatnToCyrl('injekcija podžupan konjugacija')).toBe('инјекција поджупан конјугација');
  });

  it('accepts decomposed letters (c + combining caron)', () => {
    expect(srLatnToCyrl('c\u030Cas')).toBe('час');
  });

  it('leaves digits, punctuation and non-Serbian letters alone', () => {
    expect(srLatnToCyrl('pon–pet 08:00–16:00, +38344123456, Krasniqi ë')).toBe('пон–пет 08:00–16:00, +38344123456, Красниqи ë');
  });

  it('can leave Mustache tags, HTML tags and entities untouched', () => {
    expect(
      srLatnToCyrl('<p style="margin:0" lang="sr">Kancelarija: {{officeName}} {{#consent}}da{{/consent}} &amp; {{{raw}}}</p>', {
        preserveMarkup: true,
      }),
    ).toBe('<p style="margin:0" lang="sr">Канцеларија: {{officeName}} {{#consent}}да{{/consent}} &amp; {{{raw}}}</p>');
  });
});
