import type { RefusalCode } from '../../../shared/domain/result.js';
import { srLatnToCyrl } from '../../../shared/messages/translit.js';
import type { Lang } from '../lib/types.js';
import { en, type MessageKey, type Messages } from './en.js';
import { sq } from './sq.js';
import { srLatn } from './sr.js';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

// Every refusal the API names by a code has the console's words: a code renamed on one side fails to compile.
const _everyRefusalWorded: Record<`refusal.${RefusalCode}`, string> = en;
void _everyRefusalWorded;

/** The console's words for a refusal the API names by its code (`refusal.<code>`), if it has them. */
export function refusalKey(code: string): MessageKey | undefined {
  const key = `refusal.${code}`;
  return key in en ? (key as MessageKey) : undefined;
}

/**
 * Words that stay in Latin letters in Serbian Cyrillic text (file formats and standards), so the
 * transliteration leaves them alone.
 */
const KEEP_LATIN = ['CSV', 'ICS', 'TOTP', 'GSM-7', 'UCS-2', 'E.164', 'npm start'];
/** Codes, ids and addresses in examples ("SMR-2026-0142", "obiliq-zkkk-01", an email address): as typed. */
const CODE_LIKE = /[\w.+-]+@[\w.-]+\w|\b[A-Z]{2,}-[\d-]*\d|\b[a-z]+-zkkk-\d+/g;

/**
 * Serbian Cyrillic is the transliteration of Serbian Latin (the same hand-written rules as the
 * platform's messages, shared/messages/translit.ts), so the two can never say different things.
 * {{placeholders}} are left untouched and filled in afterwards (names stay as typed).
 */
export function toCyrillic(text: string): string {
  const kept: string[] = [];
  const codes = text.replace(CODE_LIKE, (m) => `{{#k${kept.push(m) - 1}}}`);
  const guarded = KEEP_LATIN.reduce((s, w) => s.split(w).join(`{{#k${kept.push(w) - 1}}}`), codes);
  return srLatnToCyrl(guarded, { preserveMarkup: true }).replace(/\{\{#k(\d+)\}\}/g, (_m, i: string) => kept[Number(i)]!);
}

let srCyrl: Messages | undefined;
function dictionary(lang: Lang): Messages {
  switch (lang) {
    case 'sq':
      return sq;
    case 'sr-Latn':
      return srLatn;
    case 'sr-Cyrl':
      return (srCyrl ??= Object.fromEntries(Object.entries(srLatn).map(([k, v]) => [k, toCyrillic(v)])) as Messages);
    default:
      return en;
  }
}

/** Fills in {{placeholders}}; one left without a value stays as it is. */
export const fill = (text: string, vars?: Vars): string => (vars ? text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text);

export function translator(lang: Lang): T {
  const d = dictionary(lang);
  return (key, vars) => fill(d[key] ?? en[key] ?? key, vars);
}

/** `<html lang>` for a console language. */
export const htmlLang = (lang: Lang): string => lang;

/** The language names as each language writes its own (the switcher shows them so). */
export const LANGUAGE_NAMES: Record<Lang, string> = { sq: 'Shqip', 'sr-Latn': 'Srpski (latinica)', 'sr-Cyrl': 'Српски (ћирилица)', en: 'English' };

/** Which of a directory text's three versions a console language reads. */
export const directoryText = (name: { sq: string; sr: string; en: string }, lang: Lang): string =>
  lang === 'sq' ? name.sq : lang === 'en' ? name.en : lang === 'sr-Cyrl' ? srLatnToCyrl(name.sr) : name.sr;
