/**
 * The words a foreigner (an integration case, Partesh plan) must never read: return, returnee,
 * repatriation, readmission, in Albanian, Serbian (both scripts) and English. Stems, so that
 * inflected forms count too ("kthimit", "povratka", "повратника"); "povratna informacija"
 * (feedback), "kthyese" and the office's own name "Office for Communities and Returns" are not
 * about the person. Shared by the unit and the integration tests.
 */
const L = '(?<!\\p{L})'; // a word's start (\b knows no ë, č or Cyrillic)
const E = '(?!\\p{L})';
export const RETURN_WORDS: readonly RegExp[] = [
  `${L}kthim`, // kthim, kthimi, kthimit
  `${L}kthyer(it|in|ve|a)?${E}`, // i kthyer, të kthyerit (not "kthyese", feedback)
  'riatdhes', // riatdhesim, riatdhesuar, vërtetim riatdhesimi
  `${L}povrat(ak|k[aeiu]|ni[kc]|nič)`, // povratak, povratka, povratnik, povratnici, povratnički
  `${L}поврат(ак|к[аеиу]|ни[кц]|нич)`,
  'repatrij', // repatrijacija, repatrijaciji
  'репатриј',
  'readmisij',
  'реадмисиј',
  `${L}return(ee|ees|ed|ing)?${E}`, // not "Returns" in the office's own name
  'repatriat', // repatriation, repatriated
].map((w) => new RegExp(w, 'iu'));

/** Each word of RETURN_WORDS the text holds, with a little of what surrounds it. */
export const returnWordsIn = (text: string): string[] =>
  RETURN_WORDS.filter((w) => w.test(text)).map((w) => `${w.source}: …${text.match(new RegExp(`.{0,30}${w.source}.{0,20}`, 'iu'))?.[0] ?? ''}…`);
