import { describe, expect, it } from 'vitest';
import { Language } from '../../../shared/domain/vocabulary.js';
import {
  ANSWER_SMS_TEMPLATE_IDS,
  ANSWER_TEMPLATE_IDS,
  CATALOGUE,
  COORDINATION_TEMPLATE_IDS,
  FOLLOW_UP_TEMPLATE_IDS,
  ALERT_TEMPLATE_IDS,
  NOTICE_TEMPLATE_IDS,
  placeholdersOf,
  REFERRAL_TEMPLATE_IDS,
  REMINDER_SMS_TEMPLATE_IDS,
  srLatnToCyrl,
  TEMPLATE_IDS,
  TEMPLATE_PARTS,
  unescapedTagsOf,
} from '../../../shared/messages/index.js';

const REFERENCE: Language = 'en';

describe('message catalogue', () => {
  it('has every template in every language', () => {
    const missing: string[] = [];
    for (const id of TEMPLATE_IDS) {
      for (const lang of Language.options) {
        if (!CATALOGUE[id]?.[lang]?.text) missing.push(`${id} [${lang}]`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('uses the same placeholders in every language variant of every template part', () => {
    const problems: string[] = [];
    for (const id of TEMPLATE_IDS) {
      const ref = CATALOGUE[id][REFERENCE];
      for (const lang of Language.options) {
        const v = CATALOGUE[id][lang];
        for (const part of TEMPLATE_PARTS) {
          const refTpl = ref[part];
          const tpl = v[part];
          if ((refTpl === undefined) !== (tpl === undefined)) {
            problems.push(`${id} [${lang}] ${part}: part ${tpl === undefined ? 'missing' : 'present'} but ${REFERENCE} ${refTpl === undefined ? 'has none' : 'has it'}`);
            continue;
          }
          if (refTpl === undefined || tpl === undefined) continue;
          const want = new Set(placeholdersOf(refTpl));
          const got = new Set(placeholdersOf(tpl));
          const missing = [...want].filter((p) => !got.has(p));
          const extra = [...got].filter((p) => !want.has(p));
          if (missing.length) problems.push(`${id} [${lang}] ${part}: missing placeholder(s) ${missing.join(', ')} (compared with ${REFERENCE})`);
          if (extra.length) problems.push(`${id} [${lang}] ${part}: extra placeholder(s) ${extra.join(', ')} (compared with ${REFERENCE})`);
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

  it('keeps sr-Cyrl a faithful transliteration of sr-Latn', () => {
    for (const id of TEMPLATE_IDS) {
      for (const part of TEMPLATE_PARTS) {
        const latn = CATALOGUE[id]['sr-Latn'][part];
        if (latn === undefined) continue;
        const expected = srLatnToCyrl(latn, { preserveMarkup: true }).replaceAll('lang="sr-Latn"', 'lang="sr-Cyrl"');
        expect(CATALOGUE[id]['sr-Cyrl'][part], `${id} [sr-Cyrl] ${part}`).toBe(expected);
      }
    }
  });

  it('tags each HTML section with its language', () => {
    for (const id of TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const html = CATALOGUE[id][lang].html;
        if (html !== undefined) expect(html, `${id} [${lang}]`).toMatch(new RegExp(`^<div lang="${lang}" `));
      }
    }
  });

  it('holds the referral, notice, reminder, answer and coordination templates, each once, and nothing else', () => {
    expect(new Set(TEMPLATE_IDS).size).toBe(TEMPLATE_IDS.length);
    expect([...TEMPLATE_IDS].sort()).toEqual(
      [...REFERRAL_TEMPLATE_IDS, ...NOTICE_TEMPLATE_IDS, ...REMINDER_SMS_TEMPLATE_IDS, ...ANSWER_TEMPLATE_IDS, ...COORDINATION_TEMPLATE_IDS, ...FOLLOW_UP_TEMPLATE_IDS, ...ALERT_TEMPLATE_IDS].sort(),
    );
    expect(Object.keys(CATALOGUE).sort()).toEqual([...TEMPLATE_IDS].sort());
    expect(TEMPLATE_IDS).toHaveLength(28);
  });

  it('emails have a subject, a text and an HTML part; SMS only a text', () => {
    const sms = new Set<string>(['referral.returnee.sms', 'referral.returnee.sms.private', ...REMINDER_SMS_TEMPLATE_IDS, ...ANSWER_SMS_TEMPLATE_IDS]);
    for (const id of TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const v = CATALOGUE[id][lang];
        const ctx = `${id} [${lang}]`;
        if (sms.has(id)) {
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

  it('writes sr-Cyrl text in Cyrillic (no Serbian Latin words outside tags and markup)', () => {
    for (const id of TEMPLATE_IDS) {
      for (const part of TEMPLATE_PARTS) {
        const cyr = CATALOGUE[id]['sr-Cyrl'][part];
        if (cyr === undefined) continue;
        const words = cyr.replace(/\{\{[^}]*\}\}|<[^>]*>|&[a-z]+;/g, ' ').replace(/\b(SMR|DRPR|FVN|PIR|PII|Email)\b/g, ' ');
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
