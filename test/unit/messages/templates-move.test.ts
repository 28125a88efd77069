// TEMPORARY (removed once the TypeScript catalogue is gone): the catalogue built from the template
// files equals today's TypeScript catalogue, byte for byte, every template, language and part —
// sr-Cyrl included, i.e. the generated Cyrillic equals the hand-kept Cyrillic.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, TEMPLATE_IDS } from '../../../shared/messages/index.js';
import { buildCatalogue } from '../../../shared/messages/build-templates.js';

describe('templates moved to files', () => {
  const built = buildCatalogue();
  it.each(TEMPLATE_IDS)('%s: every language and part identical', (id) => {
    for (const lang of ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const) {
      for (const part of ['subject', 'text', 'html'] as const) {
        expect(built[id][lang][part], `${id} [${lang}] ${part}`).toBe(CATALOGUE[id][lang][part]);
      }
      expect(Object.keys(built[id][lang]).sort(), `${id} [${lang}] parts`).toEqual(Object.keys(CATALOGUE[id][lang]).sort());
    }
  });
});
