import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS } from '../../../shared/domain/template-ids.js';
import { CATALOGUE } from '../../../shared/messages/index.js';

/**
 * One thing, one name, across the emails, the SMS and the console: the same word in every template
 * of a language, and the console's where it names the same thing (web/src/i18n).
 */
const wholeText = (lang: 'sq' | 'sr-Latn', id: (typeof TEMPLATE_IDS)[number]) => {
  const t = CATALOGUE[id][lang];
  return [t.subject ?? '', t.text, t.html ?? ''].join('\n');
};

describe('one name for one thing', () => {
  it('Albanian: the arrival is "ardhja" ("Data e ardhjes", as the console says), never "mbërritja"', () => {
    const found = TEMPLATE_IDS.filter((id) => /mbërrit/i.test(wholeText('sq', id)));
    expect(found).toEqual([]);
    expect(TEMPLATE_IDS.filter((id) => wholeText('sq', id).includes('Data e ardhjes:')).length).toBeGreaterThanOrEqual(5);
  });

  it('Serbian: a case is "na platformi", never "u platformi"', () => {
    expect(TEMPLATE_IDS.filter((id) => wholeText('sr-Latn', id).includes('u platformi'))).toEqual([]);
    expect(wholeText('sr-Latn', 'case.coordinator.cannot_come')).toContain('Slučaj na platformi:');
  });
});
