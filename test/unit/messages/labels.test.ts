import { describe, expect, it } from 'vitest';
import { Language, Need, PersonCategory, SENSITIVE_CATEGORIES, SENSITIVE_NEEDS, VulnerableCategory } from '../../../shared/domain/vocabulary.js';
import { bringList } from '../../../shared/messages/labels.js';
import {
  BRING_LISTS,
  CATEGORY_LABELS,
  householdPhrase,
  NEED_ACTIONS,
  NEED_LABELS,
  PLAN_ABBREVIATIONS,
  PLAN_NAMES,
  sensitiveLabelsIn,
} from '../../../shared/messages/index.js';

describe('labels', () => {
  it('every Need has a label, an action and a bring-list in every language', () => {
    const missing: string[] = [];
    for (const lang of Language.options) {
      for (const need of Need.options) {
        if (!NEED_LABELS[lang]?.[need]?.trim()) missing.push(`NEED_LABELS[${lang}].${need}`);
        if (!NEED_ACTIONS[lang]?.[need]?.trim()) missing.push(`NEED_ACTIONS[${lang}].${need}`);
        if (!BRING_LISTS[lang]?.[need]?.trim()) missing.push(`BRING_LISTS[${lang}].${need}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the Albanian bring-lists are in the accusative that "Sillni:" takes', () => {
    // A definite noun before its linking article "e" or before "për" is the object of "Sillni"
    // (lejen, certifikatën, dokumentet), never the nominative (leja, certifikatë e, vendimi për).
    const nominative: string[] = [];
    for (const category of PersonCategory.options) {
      for (const need of Need.options) {
        for (const item of bringList('sq', need, category).split(/, | ose /)) {
          const [first, next] = item.split(' ');
          if ((next === 'e' || next === 'për') && !/(n|t|në)$/.test(first!)) nominative.push(`${category} ${need}: ${item}`);
        }
      }
    }
    expect(nominative).toEqual([]);
    expect(bringList('sq', 'social_support', 'returnee')).toBe('letërnjoftim, certifikatën e bashkësisë familjare');
    expect(bringList('sq', 'civil_documents', 'foreigner')).toBe('pasaportë ose dokument udhëtimi, lejen e qëndrimit ose vendimin për statusin, certifikatat nga jashtë');
  });

  it('every VulnerableCategory has a label in every language', () => {
    const missing: string[] = [];
    for (const lang of Language.options) {
      for (const c of VulnerableCategory.options) {
        if (!CATEGORY_LABELS[lang]?.[c]?.trim()) missing.push(`CATEGORY_LABELS[${lang}].${c}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no stray keys (every table matches the vocabulary exactly)', () => {
    for (const lang of Language.options) {
      expect(Object.keys(NEED_LABELS[lang]).sort()).toEqual([...Need.options].sort());
      expect(Object.keys(CATEGORY_LABELS[lang]).sort()).toEqual([...VulnerableCategory.options].sort());
    }
  });

  it('labels differ between needs within a language (no copy-paste)', () => {
    for (const lang of Language.options) {
      expect(new Set(Object.values(NEED_LABELS[lang])).size).toBe(Need.options.length);
      expect(new Set(Object.values(CATEGORY_LABELS[lang])).size).toBe(VulnerableCategory.options.length);
    }
  });

  it('every person category has a plan abbreviation and name in every language (PIR/PII, IPR/IPI)', () => {
    for (const lang of Language.options) {
      for (const c of PersonCategory.options) {
        expect(PLAN_ABBREVIATIONS[lang]?.[c]?.trim(), `PLAN_ABBREVIATIONS[${lang}].${c}`).toBeTruthy();
        expect(PLAN_NAMES[lang]?.[c], `PLAN_NAMES[${lang}].${c}`).toContain(`(${PLAN_ABBREVIATIONS[lang][c]})`);
      }
      expect(Object.keys(PLAN_NAMES[lang]).sort()).toEqual([...PersonCategory.options].sort());
      expect(PLAN_ABBREVIATIONS[lang].returnee).not.toBe(PLAN_ABBREVIATIONS[lang].foreigner);
    }
    expect(PLAN_ABBREVIATIONS.sq).toEqual({ returnee: 'PIR', foreigner: 'PII' });
    expect(PLAN_ABBREVIATIONS['sr-Latn']).toEqual({ returnee: 'IPR', foreigner: 'IPI' });
    expect(PLAN_ABBREVIATIONS['sr-Cyrl']).toEqual({ returnee: 'ИПР', foreigner: 'ИПИ' });
  });

  it('sensitiveLabelsIn finds every sensitive label in every language, and nothing in ordinary text', () => {
    for (const lang of Language.options) {
      for (const n of SENSITIVE_NEEDS) expect(sensitiveLabelsIn(`x ${NEED_LABELS[lang][n].toUpperCase()} y`), `${lang} ${n}`).not.toEqual([]);
      for (const c of SENSITIVE_CATEGORIES) expect(sensitiveLabelsIn(`x ${CATEGORY_LABELS[lang][c]} y`), `${lang} ${c}`).not.toEqual([]);
      for (const n of Need.options.filter((x) => !SENSITIVE_NEEDS.has(x))) expect(sensitiveLabelsIn(NEED_LABELS[lang][n]), `${lang} ${n}`).toEqual([]);
    }
    expect(sensitiveLabelsIn('Regjistrimi si punëkërkues, Zyra e Punësimit')).toEqual([]);
  });

  it('sr-Cyrl labels contain no Latin letters', () => {
    for (const table of [NEED_LABELS, CATEGORY_LABELS, NEED_ACTIONS, BRING_LISTS, PLAN_NAMES, PLAN_ABBREVIATIONS]) {
      for (const v of Object.values(table['sr-Cyrl'])) expect(v).not.toMatch(/[A-Za-zčćšžđČĆŠŽĐ]/);
    }
  });

  it('writes household sizes with each language plural', () => {
    expect(householdPhrase('en', 1)).toBe('A household of 1 person');
    expect(householdPhrase('en', 4)).toBe('A household of 4 persons');
    expect(householdPhrase('sq', 1)).toBe('Një familje me 1 anëtar');
    expect(householdPhrase('sq', 5)).toBe('Një familje me 5 anëtarë');
    expect(householdPhrase('sr-Latn', 1)).toBe('Domaćinstvo od 1 člana');
    expect(householdPhrase('sr-Latn', 3)).toBe('Domaćinstvo od 3 člana');
    expect(householdPhrase('sr-Latn', 5)).toBe('Domaćinstvo od 5 članova');
    expect(householdPhrase('sr-Latn', 11)).toBe('Domaćinstvo od 11 članova');
    expect(householdPhrase('sr-Latn', 12)).toBe('Domaćinstvo od 12 članova');
    expect(householdPhrase('sr-Latn', 21)).toBe('Domaćinstvo od 21 člana');
    expect(householdPhrase('sr-Latn', 22)).toBe('Domaćinstvo od 22 člana');
    expect(householdPhrase('sr-Cyrl', 4)).toBe('Домаћинство од 4 члана');
  });
});
