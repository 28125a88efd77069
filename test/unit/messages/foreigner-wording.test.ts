import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS, type TemplateId } from '../../../shared/domain/template-ids.js';
import { Language, PermitKind } from '../../../shared/domain/vocabulary.js';
import { renderAny, smsStats } from '../../../shared/messages/index.js';
import { PERMIT_LABELS } from '../../../shared/messages/labels.js';
import { SAMPLES } from '../../../shared/messages/samples.js';
import { returnWordsIn } from '../../contract/return-words.js';

/**
 * A foreigner (an integration case, Partesh plan) has not returned anywhere: nothing a foreigner's
 * case produces may speak of return, returnees or repatriation, in any language or script.
 */
const wordsIn = returnWordsIn;

/** Templates no foreigner is ever sent (their renderer refuses a foreigner's case). */
const NOT_FOR_FOREIGNERS: ReadonlySet<string> = new Set(['case.returnee.welcome']);

/** A template's sample as a foreigner's case would fill it: the category, the permit's date and kind. */
function foreignerSample(id: TemplateId, lang: Language): Record<string, unknown> {
  return { ...SAMPLES[id](lang), category: 'foreigner', permitDate: '2026-11-18', permit: 'subsidiary_protection' };
}

function rendered(id: TemplateId, data: Record<string, unknown>, lang: Language): string {
  const out = renderAny(id, data, [lang]);
  return out.sms ?? `${out.email!.subject}\n${out.email!.text}\n${out.email!.html}`;
}

describe("a foreigner's messages", () => {
  it('never speak of return, returnees or repatriation (every template, sq, sr-Latn, sr-Cyrl, en)', () => {
    const found: string[] = [];
    for (const id of TEMPLATE_IDS.filter((t) => !NOT_FOR_FOREIGNERS.has(t))) {
      for (const lang of Language.options) {
        for (const w of wordsIn(rendered(id, foreignerSample(id, lang), lang))) found.push(`${id} ${lang} ${w}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check finds the words where a returnee is meant to read them', () => {
    // The returnee's civil-documents SMS asks for the repatriation certificate, in every language.
    for (const lang of Language.options) {
      expect(wordsIn(rendered('referral.returnee.sms', SAMPLES['referral.returnee.sms'](lang), lang)), lang).not.toEqual([]);
    }
    expect(wordsIn('Data e kthimit: 20.11.2026')).not.toEqual([]);
    expect(wordsIn('Датум повратка: 20.11.2026')).not.toEqual([]);
    expect(wordsIn('Molimo vas da zatražite povratnu informaciju')).toEqual([]);
    expect(wordsIn('Office for Communities and Returns, Partesh')).toEqual([]);
  });

  it('name the permit and its date to the office and in the case clocks', () => {
    for (const lang of Language.options) {
      const email = rendered('referral.office.email', foreignerSample('referral.office.email', lang), lang);
      expect(email, lang).toContain('18.11.2026');
      expect(email, lang).toContain(PERMIT_LABELS[lang].subsidiary_protection);
      const visit = rendered('visit.coordinator.reminder', foreignerSample('visit.coordinator.reminder', lang), lang);
      expect(visit, lang).toContain('18.11.2026');
    }
  });

  it('a foreigner brings the permit, not a repatriation certificate, in no more SMS segments than a returnee', () => {
    const sms = rendered('referral.returnee.sms', foreignerSample('referral.returnee.sms', 'en'), 'en');
    expect(sms).toContain('residence permit');
    expect(sms).not.toContain('repatriation');
    for (const lang of Language.options) {
      const returnee = smsStats(rendered('referral.returnee.sms', SAMPLES['referral.returnee.sms'](lang), lang));
      expect(smsStats(rendered('referral.returnee.sms', foreignerSample('referral.returnee.sms', lang), lang)).segments, lang).toBeLessThanOrEqual(returnee.segments);
    }
  });

  it("every permit kind has its words in each language, and the returnee's templates show none of them", () => {
    for (const lang of Language.options) {
      expect(Object.keys(PERMIT_LABELS[lang]).sort()).toEqual([...PermitKind.options].sort());
      const returnee = rendered('referral.office.email', SAMPLES['referral.office.email'](lang), lang);
      for (const label of Object.values(PERMIT_LABELS[lang])) expect(returnee).not.toContain(label);
    }
  });
});
