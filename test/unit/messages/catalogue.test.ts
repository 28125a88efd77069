import { describe, expect, it } from 'vitest';
import { Language } from '../../../shared/domain/vocabulary.js';
import { buildCatalogue, KEEP_LATIN, staleFiles } from '../../../shared/messages/build-templates.js';
import { CATALOGUE, placeholdersOf, unescapedTagsOf } from '../../../shared/messages/index.js';
import { TEMPLATE_IDS } from '../../../shared/domain/template-ids.js';
import { TEMPLATE_PARTS } from '../../../shared/messages/index.js';

const REFERENCE = 'en';

/** Straight from the files in shared/messages/templates/, not from the generated catalogue. */
const FROM_FILES = buildCatalogue();

describe('message catalogue', () => {
  it('is the build of the template files (templates.generated/ is up to date: npm run templates)', () => {
    const stale = staleFiles();
    expect({ write: [...stale.write.keys()], remove: stale.remove }, 'templates.generated/ is out of date: run npm run templates').toEqual({ write: [], remove: [] });
    expect(CATALOGUE).toEqual(FROM_FILES);
  });

  it('has every template in every language', () => {
    const missing: string[] = [];
    for (const id of TEMPLATE_IDS) {
      for (const lang of Language.options) {
        if (!CATALOGUE[id]?.[lang]?.text) missing.push(`${id} [${lang}]`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('uses the same placeholders in every language file of every template, per part', () => {
    const problems: string[] = [];
    for (const id of TEMPLATE_IDS) {
      const ref = FROM_FILES[id][REFERENCE];
      for (const lang of Language.options) {
        const file = lang === 'sr-Cyrl' ? `templates/${id}/sr-Latn.txt (as sr-Cyrl)` : `templates/${id}/${lang}.txt`;
        const v = FROM_FILES[id][lang];
        for (const part of TEMPLATE_PARTS) {
          const refTpl = ref[part];
          const tpl = v[part];
          if ((refTpl === undefined) !== (tpl === undefined)) {
            problems.push(`${file} ${part}: section ${tpl === undefined ? 'missing' : 'present'} but ${REFERENCE}.txt ${refTpl === undefined ? 'has none' : 'has it'}`);
            continue;
          }
          if (refTpl === undefined || tpl === undefined) continue;
          const want = new Set(placeholdersOf(refTpl));
          const got = new Set(placeholdersOf(tpl));
          const missing = [...want].filter((p) => !got.has(p));
          const extra = [...got].filter((p) => !want.has(p));
          if (missing.length) problems.push(`${file} ${part}: missing placeholder(s) ${missing.join(', ')} (compared with ${REFERENCE}.txt)`);
          if (extra.length) problems.push(`${file} ${part}: extra placeholder(s) ${extra.join(', ')} (compared with ${REFERENCE}.txt)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('never bypasses HTML escaping ({{{x}}} or {{&x}})', () => {
    const problems: string[] = [];
    for (const id of TEMPLATE_IDS) {
      for (const lang of Language.options) {
        for (const part of TEMPLATE_PARTS) {
          const tpl = CATALOGUE[id][lang][part];
          if (tpl === undefined) continue;
          for (const name of unescapedTagsOf(tpl)) problems.push(`${id} [${lang}] ${part}: unescaped tag "${name}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('tags each HTML section with its language', () => {
    for (const id of TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const html = CATALOGUE[id][lang].html;
        if (html !== undefined) expect(html, `${id} [${lang}]`).toMatch(new RegExp(`^<div lang="${lang}" `));
      }
    }
  });

  it('emails have a subject, a text and an HTML part in every language; SMS only a one-line text', () => {
    for (const id of TEMPLATE_IDS) {
      // An SMS is a template without a subject, in its reference language; every language agrees.
      const sms = CATALOGUE[id][REFERENCE].subject === undefined;
      for (const lang of Language.options) {
        const v = CATALOGUE[id][lang];
        const ctx = `${id} [${lang}]`;
        if (sms) {
          expect(v.subject, ctx).toBeUndefined();
          expect(v.html, ctx).toBeUndefined();
          expect(v.text, ctx).not.toContain('\n');
        } else {
          expect(v.subject?.trim(), ctx).toBeTruthy();
          expect(v.html?.trim(), ctx).toBeTruthy();
        }
      }
    }
  });

  it('writes sr-Cyrl in Cyrillic: no Latin letter outside tags, markup, URLs, email addresses and the kept words', () => {
    const kept = KEEP_LATIN.length ? new RegExp(`(?<![\\p{L}])(?:${KEEP_LATIN.join('|')})(?![\\p{L}])`, 'gu') : undefined;
    for (const id of TEMPLATE_IDS) {
      for (const part of TEMPLATE_PARTS) {
        const cyr = CATALOGUE[id]['sr-Cyrl'][part];
        if (cyr === undefined) continue;
        let words = cyr
          .replace(/\{\{[^}]*\}\}|<[^>]*>|&[a-z]+;/g, ' ')
          .replace(/\bhttps?:\/\/[^\s<>"{}]+/g, ' ')
          .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, ' ');
        if (kept) words = words.replace(kept, ' ');
        expect(words, `${id} [sr-Cyrl] ${part}`).not.toMatch(/[A-Za-zčćšžđČĆŠŽĐ]/);
      }
    }
  });

  it('placeholdersOf lists variables and section names, sorted and unique', () => {
    expect(placeholdersOf('{{b}} {{#list}}{{a}}{{b}}{{/list}}{{^empty}}x{{/empty}} {{{raw}}}')).toEqual([
      'a',
      'b',
      'empty',
      'list',
      'raw',
    ]);
  });
});
