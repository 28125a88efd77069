import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalogue, expand, parsePieceFile, parseTemplateFile, TEMPLATES_DIR, toCyrillic, type Pieces } from '../../../shared/messages/build-templates.js';
import { P, WRAP } from '../../../shared/messages/styles.js';

describe('template file format', () => {
  it('reads the three email sections; the note above them is ignored; text and HTML end with a line break', () => {
    const file = [
      '# A note for translators: {{placeholders}} here mean nothing.',
      '',
      '--- subject ---',
      'Referral — case {{smrCaseId}}',
      '',
      '--- text ---',
      'Dear colleagues,',
      '',
      '{{#consent}}',
      'Persons: {{persons}}',
      '{{/consent}}',
      '',
      '',
      '--- html ---',
      '<div lang="en" style="[[WRAP]]">',
      '</div>',
    ].join('\n');
    expect(parseTemplateFile(file, 'x/en.txt')).toEqual({
      subject: 'Referral — case {{smrCaseId}}',
      text: 'Dear colleagues,\n\n{{#consent}}\nPersons: {{persons}}\n{{/consent}}\n',
      html: '<div lang="en" style="[[WRAP]]">\n</div>\n',
    });
  });

  it('reads an SMS: one line of text, no line break', () => {
    expect(parseTemplateFile('--- text ---\n{{office}}: please visit {{where}}.\n', 'x/sq.txt')).toEqual({ text: '{{office}}: please visit {{where}}.' });
  });

  it('accepts Windows line ends, a byte-order mark, trailing spaces and decomposed letters', () => {
    const file = '\uFEFF--- text ---\r\nMolimo vas, c\u030Cekajte.   \r\n';
    expect(parseTemplateFile(file, 'x/sr-Latn.txt')).toEqual({ text: 'Molimo vas, čekajte.' });
  });

  it('says which file and section is wrong', () => {
    expect(() => parseTemplateFile('--- subject ---\nS\n--- text ---\nT\n', 'a.b/sq.txt')).toThrow('a.b/sq.txt: section "html" is missing');
    expect(() => parseTemplateFile('--- text ---\nline one\nline two\n', 'a.b/sq.txt')).toThrow('a.b/sq.txt: section "text" must be one line');
    expect(() => parseTemplateFile('--- subject ---\nS\n--- body ---\nT\n', 'a.b/sq.txt')).toThrow('a.b/sq.txt:3: unknown section "--- body ---"');
    expect(() => parseTemplateFile('--- text ---\nT\n--- text ---\nU\n', 'a.b/sq.txt')).toThrow('a.b/sq.txt:3: section "text" appears twice');
    expect(() => parseTemplateFile('--- text ---\nT\n---- html\n', 'a.b/sq.txt')).toThrow('a.b/sq.txt:3: "---- html" is not a section line');
    expect(() => parseTemplateFile('--- subject ---\n\n--- text ---\nT\n--- html ---\nH\n', 'a.b/sq.txt')).toThrow('section "subject" is empty');
    expect(() => parseTemplateFile('no sections at all\n', 'a.b/sq.txt')).toThrow('a.b/sq.txt: section "text" is missing');
  });

  it('reads a shared piece: text, html or both, without a final line break', () => {
    expect(parsePieceFile('# note\n--- text ---\nA\nB\n\n--- html ---\n<p>A</p>\n', '_pieces/p/en.txt')).toEqual({ text: 'A\nB', html: '<p>A</p>' });
    expect(() => parsePieceFile('# only a note\n', '_pieces/p/en.txt')).toThrow('needs a --- text --- or an --- html --- section');
    expect(() => parsePieceFile('--- subject ---\nS\n', '_pieces/p/en.txt')).toThrow('not allowed here');
  });
});

describe('styles and shared pieces', () => {
  const pieces: Pieces = new Map<string, Record<'sq' | 'sr-Latn' | 'en', { text?: string; html?: string }>>([
    ['details', { sq: { text: 'Koha: {{when}}', html: '<p style="[[P]]">Koha: {{when}}</p>' }, 'sr-Latn': { text: 'Vreme: {{when}}' }, en: { text: '[[> details]]' } }],
    ['agenda', { sq: { text: 'Rendi\n[[> details]]' }, 'sr-Latn': { text: 'Red' }, en: { text: 'Agenda' } }],
  ]);

  it('puts the style constants in place', () => {
    expect(expand('<div style="[[WRAP]]"><p style="[[P]]">x</p></div>', 'html', 'sq', pieces, 'w')).toBe(`<div style="${WRAP}"><p style="${P}">x</p></div>`);
  });

  it('puts a piece in place, the same part unless named, pieces within pieces', () => {
    expect(expand('A\n[[> agenda]]\nB', 'text', 'sq', pieces, 'w')).toBe('A\nRendi\nKoha: {{when}}\nB');
    expect(expand('<div>[[> details]]</div>', 'html', 'sq', pieces, 'w')).toBe(`<div><p style="${P}">Koha: {{when}}</p></div>`);
    expect(expand('<li>[[> details.text]]</li>', 'html', 'sr-Latn', pieces, 'w')).toBe('<li>Vreme: {{when}}</li>');
  });

  it('refuses what it does not know, and circles', () => {
    expect(() => expand('style="[[BOLD]]"', 'html', 'sq', pieces, 'x/sq.txt')).toThrow('x/sq.txt: unknown style [[BOLD]]');
    expect(() => expand('[[> nothing]]', 'text', 'sq', pieces, 'x/sq.txt')).toThrow('x/sq.txt: no shared piece "nothing"');
    expect(() => expand('[[> details]]', 'html', 'sr-Latn', pieces, 'x/sr-Latn.txt')).toThrow('piece "details" has no html section in sr-Latn');
    expect(() => expand('[[> details]]', 'text', 'en', pieces, 'x/en.txt')).toThrow('pieces include each other: details → details');
    expect(() => expand('a [[ b', 'text', 'sq', pieces, 'x/sq.txt')).toThrow('x/sq.txt: a "[[" or "]]" that is not a style or a piece');
  });
});

describe('sr-Cyrl from sr-Latn', () => {
  it('transliterates the words, digraphs included, and leaves Mustache tags, HTML and character references alone', () => {
    expect(toCyrillic('<div lang="sr-Latn" style="margin:0"><p>Ljubazno: {{officeName}} {{#consent}}nježno{{/consent}} &amp; džep</p></div>')).toBe(
      '<div lang="sr-Cyrl" style="margin:0"><p>Љубазно: {{officeName}} {{#consent}}њежно{{/consent}} &amp; џеп</p></div>',
    );
  });

  it('keeps URLs and email addresses in Latin', () => {
    expect(toCyrillic('Pišite na info@obilic.example.org ili vidite https://referrals.example.org/pomoc?jezik=sr.')).toBe(
      'Пишите на info@obilic.example.org или видите https://referrals.example.org/pomoc?jezik=sr.',
    );
  });

  it('keeps the listed Latin words (whole words only)', () => {
    expect(toCyrillic('Pozovite preko Viber ili Viberom', ['Viber'])).toBe('Позовите преко Viber или Вибером');
  });

  it('splits no digraph where the letters are two sounds (the exceptions in translit.ts)', () => {
    expect(toCyrillic('nadživeti konjunktura injekcija podžupan')).toBe('надживети конјунктура инјекција поджупан');
  });

  it('no word of the Serbian templates is such an exception today: every lj, nj and dž in them is one letter', () => {
    const cyr = buildCatalogue();
    for (const [id, v] of Object.entries(cyr)) {
      for (const part of ['subject', 'text', 'html'] as const) {
        const t = v['sr-Cyrl'][part];
        if (t !== undefined) expect(t, `${id} ${part}`).not.toMatch(/дж|нј|лј/i);
      }
    }
  });
});

describe('the template folders', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const copy = (): string => {
    dir = mkdtempSync(join(tmpdir(), 'templates-'));
    cpSync(TEMPLATES_DIR, dir, { recursive: true });
    return dir;
  };

  it('are exactly the template ids, each with sq, sr-Latn and en, and no sr-Cyrl', () => {
    expect(() => buildCatalogue(copy())).not.toThrow();
    const d = copy();
    mkdirSync(join(d, 'referral.office.fax'));
    expect(() => buildCatalogue(d)).toThrow('templates/: referral.office.fax: not a template id');
    const e = copy();
    rmSync(join(e, 'meeting.cancelled'), { recursive: true });
    expect(() => buildCatalogue(e)).toThrow('no directory for meeting.cancelled');
  });

  it('name the file a translator must fix', () => {
    const d = copy();
    writeFileSync(join(d, 'referral.office.email', 'sr-Cyrl.txt'), '--- text ---\nx\n');
    expect(() => buildCatalogue(d)).toThrow('referral.office.email/sr-Cyrl.txt: sr-Cyrl is generated from sr-Latn.txt');
    const e = copy();
    rmSync(join(e, 'referral.returnee.sms', 'en.txt'));
    expect(() => buildCatalogue(e)).toThrow('referral.returnee.sms/: missing en.txt');
    const f = copy();
    const file = join(f, 'meeting.invitation', 'sq.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('[[> agenda]]', '[[> agendas]]'));
    expect(() => buildCatalogue(f)).toThrow('meeting.invitation/sq.txt: no shared piece "agendas"');
  });

  it('refuse a piece whose Cyrillic would depend on the letters around it (n + j is њ only together)', () => {
    const d = copy();
    const piece = join(d, '_pieces', 'meeting-details', 'sr-Latn.txt');
    writeFileSync(piece, readFileSync(piece, 'utf8').replace('--- text ---\n', '--- text ---\njedan '));
    const file = join(d, 'meeting.invitation', 'sr-Latn.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\n[[> meeting-details]]\n\n', '\nTermin[[> meeting-details]]\n\n'));
    expect(() => buildCatalogue(d)).toThrow('meeting.invitation/sr-Latn.txt text: a shared piece reads differently in Cyrillic on its own');
  });

  it('have no piece that no template uses', () => {
    const d = copy();
    cpSync(join(d, '_pieces', 'convener'), join(d, '_pieces', 'spare'), { recursive: true });
    expect(() => buildCatalogue(d)).toThrow('templates/_pieces/: spare: used by no template');
  });
});
