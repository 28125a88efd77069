import { LANGS, type Lang } from './types.js';

/**
 * The interface language is a preference, not personal data: it is kept in localStorage (the
 * only thing the console keeps beyond the tab). First visit: the browser's language if it is one
 * of the four, else Albanian.
 */
const KEY = 'referrals.console.language';

export function initialLanguage(): Lang {
  try {
    const saved = localStorage.getItem(KEY) as Lang | null;
    if (saved && LANGS.includes(saved)) return saved;
  } catch {
    // storage unavailable: fall through
  }
  for (const l of navigator.languages ?? []) {
    const lower = l.toLowerCase();
    if (lower.startsWith('sq')) return 'sq';
    if (lower.startsWith('sr-cyrl')) return 'sr-Cyrl';
    if (lower.startsWith('sr')) return 'sr-Latn';
    if (lower.startsWith('en')) return 'en';
  }
  return 'sq';
}

export function saveLanguage(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // a private window without storage: the choice lasts until reload
  }
}
