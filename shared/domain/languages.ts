import type { Language, OfficeLanguage } from './vocabulary.js';

/**
 * An office that reads several languages gets one bilingual email (e.g. Partesh: sq + sr-Latn),
 * in the order the office lists them.
 */
export function emailLanguagesFor(officeLanguages: readonly OfficeLanguage[]): OfficeLanguage[] {
  const seen = new Set<OfficeLanguage>();
  for (const l of officeLanguages) seen.add(l);
  return [...seen];
}

/** Serbian readers of Cyrillic can still read Latin; used when a catalogue lacks sr-Cyrl. */
export function fallbackChain(lang: Language): Language[] {
  switch (lang) {
    case 'sr-Cyrl':
      return ['sr-Cyrl', 'sr-Latn', 'en'];
    case 'en':
      return ['en'];
    default:
      return [lang, 'en'];
  }
}
