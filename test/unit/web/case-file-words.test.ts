import { describe, expect, it } from 'vitest';
import { FILE_MESSAGES, fileTranslator, type FileKey } from '../../../web/src/i18n/case-file.js';
import { CLOSURE_OUTCOMES, MEASURE_STATUSES, MONITORING_KINDS, PERMIT_KINDS, REFERRAL_OUTCOMES } from '../../../web/src/lib/case-file.js';
import { LANGS } from '../../../web/src/lib/types.js';

/** The case file's words (their own dictionary, loaded with the case and register pages). */

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(FILE_MESSAGES.en) as FileKey[];

describe("the case file's words", () => {
  it.each(['sq', 'sr-Latn'] as const)('%s says everything English says, with the same placeholders', (lang) => {
    for (const k of keys) {
      expect(FILE_MESSAGES[lang][k], k).toBeTruthy();
      expect(FILE_MESSAGES[lang][k], k).not.toBe(FILE_MESSAGES.en[k]);
      expect(placeholders(FILE_MESSAGES[lang][k]), k).toEqual(placeholders(FILE_MESSAGES.en[k]));
    }
  });

  it('has a label for every code the API sends', () => {
    const codes = [
      ...MEASURE_STATUSES.map((c) => `measureStatus.${c}`),
      ...MONITORING_KINDS.map((c) => `monitoringKind.${c}`),
      ...CLOSURE_OUTCOMES.map((c) => `closure.${c}`),
      ...PERMIT_KINDS.map((c) => `permit.${c}`),
      ...REFERRAL_OUTCOMES.map((c) => `referralOutcome.${c}`),
    ];
    expect(codes.filter((c) => !keys.includes(c as FileKey))).toEqual([]);
  });

  it("names the forms by the Serbian plans' own abbreviations in Serbian (OPP, IPR / IPI), not the Albanian ones", () => {
    // ../shared/DOMAIN.md: FVN = OPP, PIR / PII = IPR / IPI; the Serbian emails and indicators say so too.
    expect(FILE_MESSAGES['sr-Latn']['file.assessment']).toContain('(OPP)');
    expect(FILE_MESSAGES['sr-Latn']['file.plan.PIR']).toContain('(IPR)');
    expect(FILE_MESSAGES['sr-Latn']['file.plan.PII']).toContain('(IPI)');
    for (const k of keys) expect(FILE_MESSAGES['sr-Latn'][k], k).not.toMatch(/\b(FVN|PIR|PII)\b/);
  });

  it('writes Serbian Cyrillic by transliteration', () => {
    expect(fileTranslator('sr-Cyrl')('file.plan.PII')).toBe('Индивидуални план интеграције (ИПИ)');
  });

  it("gives a foreigner's case words that never speak of return", () => {
    // What a foreigner's case page shows of these: the PII, the foreigner's closure words, the hints.
    const foreignerKeys: FileKey[] = ['file.plan.PII', 'closure.sustainably_integrated', 'closure.left_kosovo', 'case.finalAssessmentHintForeigner'];
    const returnWords = /return|repatri|reintegr|kthi|riatdhes|riintegr|vrat|povrat|врат|поврат|реинтегр/i;
    for (const lang of LANGS) {
      const ft = fileTranslator(lang);
      for (const k of foreignerKeys) expect(ft(k), `${lang} ${k}`).not.toMatch(returnWords);
    }
    // The returnee's own words do speak of it, so the pattern is not idle.
    expect(fileTranslator('sq')('file.plan.PIR')).toMatch(returnWords);
  });
});
