import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useFileT, type FileT } from '../i18n/case-file.js';
import type { T } from '../i18n/index.js';
import { fieldRefusals, ofTheMoment, supportCode, uncodedFieldKey } from '../lib/refusals.js';
import { useApp } from '../lib/context.js';
import { Notice, useProblemText } from './ui.js';

/** The translators of the language the console shows now. */
export interface Wording {
  t: T;
  ft: FileT;
  problem: (e: unknown) => string;
}

/**
 * How to word a message, kept instead of its words: a page words what it told the user again at
 * each render, so a change of language changes it too (as LoadError does with an error).
 */
export type Words = (w: Wording) => string;

/** What a page told the user. An object, never a bare function: a state setter would call that. */
export interface Said {
  kind: 'ok' | 'error';
  words: Words;
  /** What failed, where it did: the notice's title names it for support (supportCode). */
  error?: unknown;
}

export const told = (words: Words): Said => ({ kind: 'ok', words });
export const refused = (words: Words): Said => ({ kind: 'error', words });
/** An action that failed, worded as LoadError words it. */
export const failed = (error: unknown): Said => ({ ...refused(({ problem }) => problem(error)), error });

/** Words in the language shown now. */
export function useWording(): (words: Words) => string {
  const { t } = useApp();
  const ft = useFileT();
  const problem = useProblemText();
  return (words) => words({ t, ft, problem });
}

/** A Notice for what was said (empty while nothing was), in the language shown now. */
export function SaidNotice({ said }: { said: Said | undefined }) {
  const word = useWording();
  return <Notice kind={said?.kind} message={said && word(said.words)} title={supportCode(said?.error)} />;
}

/**
 * A form's refusal that named none of its fields (out of reach, a server error, changed meanwhile):
 * said beside the form, where an entry of its summary would lead to no field, and taking the focus
 * as the summary does (the button pressed may be far below). Worded again on a change of language
 * without taking the focus again.
 */
export function FormFailure({ said }: { said: Said | undefined }) {
  const word = useWording();
  const ref = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (said) ref.current?.focus();
  }, [said]);
  return <Notice kind="error" message={said && word(said.words)} focusRef={ref} title={supportCode(said?.error)} />;
}

/** A form's problems by field path, each kept as how to word it. */
export type Problems = Record<string, Words>;

export const required: Words = ({ t }) => t('common.required');

/**
 * For a small form without a summary: the API's field problems (in the console's words where the
 * API gave a code, else in general words: splitRefusal), or the whole refusal on `fallback`, a field the form shows,
 * when it named none, worded as LoadError words it (out of reach, not found, changed meanwhile…).
 */
export function refusalOf(err: unknown, fallback: string): Problems {
  const { fields, failure } = splitRefusal(err);
  return failure ? { [fallback]: failure.words } : fields;
}

/**
 * For a small form that may be refused for the moment (ofTheMoment): that refusal said beside the
 * form by FormFailure, taking the focus, no field marked wrong; any other as refusalOf says it.
 */
export function smallFormRefusal(err: unknown, fallback: string): { fields: Problems; failure: Said | undefined } {
  return ofTheMoment(err) ? { fields: {}, failure: failed(err) } : { fields: refusalOf(err, fallback), failure: undefined };
}

/**
 * For a form with an error summary: the API's field problems for its fields, or, when it named
 * none, the refusal for FormFailure (never a summary entry leading nowhere). A field's problem
 * without a code the console words is said in general words (uncodedFieldKey): the API's message
 * is English.
 */
export function splitRefusal(err: unknown): { fields: Problems; failure: Said | undefined } {
  const fields = fieldRefusals(err);
  if (!fields.length) return { fields: {}, failure: failed(err) };
  const uncoded = uncodedFieldKey(err);
  return { fields: Object.fromEntries(fields.map(({ field, key, values }): [string, Words] => [field, key ? ({ t }) => t(key, values) : ({ t }) => t(uncoded)])), failure: undefined };
}

/**
 * A form's problems (its own checks', or the API's refusal), worded by field in the language shown
 * now, and as the list ErrorSummary shows.
 */
export function useProblems(): [errors: Record<string, string>, setProblems: (p: Problems) => void, summary: { field: string; message: string }[]] {
  const { lang } = useApp();
  const word = useWording();
  const [kept, setKept] = useState<Problems>({});
  // Worded again only when they or the language change: ErrorSummary takes the focus on a new list.
  const [errors, summary] = useMemo(() => {
    const worded = Object.entries(kept).map(([field, words]) => ({ field, message: word(words) }));
    return [Object.fromEntries(worded.map((e) => [e.field, e.message])), worded];
  }, [kept, lang]);
  return [errors, setKept, summary];
}
