import { createHash } from 'node:crypto';
import Mustache from 'mustache';
import * as z from '../domain/zod.js';
import type { Language, Need, OfficeKind, OfficeLanguage, Trilingual } from '../domain/vocabulary.js';
import { NEED_LABELS } from '../messages/labels.js';
import { formatDate, localName } from '../messages/render.js';
import { LINK_TTL_DAYS, type LinkAction } from '../links/signed-link.js';
import {
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  OUTCOME_LABELS,
  OUTCOMES,
  PAGE_TEXTS,
  statusLabel,
  type PageTexts,
} from './page-texts.js';

export {
  DECLINE_REASONS,
  DECLINE_REASON_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  REFERRAL_STATUS_LABELS,
  type DeclineReason,
  type Outcome,
} from './page-texts.js';

/**
 * The pages an office sees after clicking a signed link in a referral email: a confirmation
 * page with ONE form (GET; the POST to the same URL does the work, so mail scanners that
 * pre-fetch links change nothing), a done page and a refusal page.
 *
 * Small, phone-first and accessible: one column of at most 600px, system fonts, large targets,
 * real labels, `lang` on every language section, no JavaScript and no external resources. A
 * bilingual office gets every section in each of its languages (like the emails) and one form
 * whose labels carry all of them.
 *
 * Every interpolated value is escaped: markup is built with the `h` tagged template below, which
 * escapes whatever is not itself markup built by `h`.
 */

export interface ReferralSummary {
  smrCaseId: string;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  coordinator: { name: string; email: string; phone: string };
  office: { kind: OfficeKind; name: Trilingual };
  need: Need;
  /** YYYY-MM-DD */
  sentDate: string;
  /** YYYY-MM-DD, acknowledge by */
  dueDate: string;
  /** the referral's status (ReferralState); an unknown value is shown as it is */
  status: string;
  /** only when the persons consented to share their data */
  persons?: { givenName: string; familyName: string; birthYear: number }[];
}

/**
 * `cross-site`: a POST that did not come from the link's own page in a browser (links/same-origin.ts);
 * `unavailable`: our fault (a dependency failed), try again.
 */
export type RefusalReason = 'malformed' | 'bad-signature' | 'expired' | 'not-found' | 'invalid-transition' | 'cross-site' | 'unavailable';

/** Suggested HTTP status for each refusal page. */
export const REFUSAL_HTTP_STATUS: Readonly<Record<RefusalReason, number>> = {
  malformed: 400,
  'bad-signature': 403,
  expired: 410,
  'not-found': 404,
  'invalid-transition': 409,
  'cross-site': 403,
  unavailable: 503,
};

export const NOTE_MAX_LENGTH = 500;

/** The POSTed form bodies (application/x-www-form-urlencoded, parsed to an object). */
const Note = z.pipe(z.optional(z.pipe(z.string().check(z.maxLength(NOTE_MAX_LENGTH)), z.transform((s) => s.trim()))), z.transform((s) => (s ? s : undefined)));
/**
 * The accept form's checkbox. Not a hidden input and not checked by default: a link scanner that
 * submits the form as it finds it sends no `confirm`, and nothing is recorded (400, the form again
 * saying what to tick). Decline and outcome need no such box: their forms already demand an
 * explicit choice a scanner does not make (the reason's select starts on an empty option, no
 * outcome radio is checked), and a wrong decline or outcome is no more likely than a wrong
 * accept once the same-origin check (links/same-origin.ts) keeps every non-browser POST out.
 */
export const ACCEPT_CONFIRM_FIELD = 'confirm';
export const ACCEPT_CONFIRM_VALUE = 'yes';
export const AcceptForm = z.object({ [ACCEPT_CONFIRM_FIELD]: z.literal(ACCEPT_CONFIRM_VALUE) });
export const DeclineForm = z.object({ reason: z.enum(DECLINE_REASONS), note: Note });
export const OutcomeForm = z.object({ outcome: z.enum(OUTCOMES), note: Note });

/** Languages a page is written in when the office is unknown. */
const ALL_OFFICE_LANGUAGES: readonly OfficeLanguage[] = ['sq', 'sr-Latn', 'en'];

// ---------------------------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------------------------

export class Html {
  constructor(readonly value: string) {}
}
type Part = string | number | Html | null | undefined | false | readonly Part[];

function renderPart(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return p.map(renderPart).join('');
  // Mustache's escape: & < > " ' / ` = — safe in text and in quoted attribute values.
  return Mustache.escape(String(p));
}

/** Markup with every interpolation escaped, unless it is itself markup made by `h`. */
export function h(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += renderPart(parts[i]!) + strings[i + 1]!;
  return new Html(out);
}

function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

// ---------------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------------

const COLOR = { accept: '#1e6b34', decline: '#a12622', outcome: '#1f5fa8' } as const;

const STYLE = [
  'html{-webkit-text-size-adjust:100%}',
  'body{margin:0;background:#f4f4f4;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:17px;line-height:1.5}',
  'main{max-width:600px;margin:0 auto;padding:16px;background:#ffffff;box-sizing:border-box}',
  'h1{font-size:24px;line-height:1.3;margin:0 0 16px}',
  'h2{font-size:15px;text-transform:uppercase;letter-spacing:.04em;color:#555555;margin:0 0 8px}',
  'p{margin:0 0 12px}',
  '.l{display:block}',
  'hr{border:0;border-top:1px solid #cccccc;margin:24px 0}',
  'dl{margin:0 0 12px}',
  'dt{font-weight:bold}',
  'dd{margin:0 0 8px}',
  'ul{margin:0;padding-left:20px}',
  '.box{margin:16px 0;padding:12px 16px;background:#eef4fb;border-left:4px solid #1f5fa8}',
  '.box p:last-child{margin:0}',
  '.alert{margin:0 0 20px;padding:12px 16px;background:#fbeaea;border-left:4px solid #a12622;font-weight:bold}',
  '.muted{font-size:14px;color:#555555}',
  'a{color:#1f5fa8}',
  'form{margin:24px 0 8px;padding:16px;border:2px solid #1f5fa8;border-radius:8px}',
  '.field{margin:0 0 20px}',
  'label,legend{display:block;font-weight:bold;margin:0 0 6px}',
  'fieldset{border:0;margin:0 0 20px;padding:0}',
  '.hint{display:block;font-weight:normal;font-size:15px;color:#555555}',
  'select,textarea{display:block;width:100%;box-sizing:border-box;font:inherit;font-size:18px;padding:10px;border:2px solid #767676;border-radius:6px;background:#ffffff;color:#1b1b1b}',
  'select{min-height:52px}',
  'textarea{min-height:6em;resize:vertical}',
  '.choice{display:flex;gap:12px;align-items:flex-start;font-weight:normal;padding:12px;margin:0 0 8px;border:2px solid #cccccc;border-radius:6px}',
  '.choice input{flex:none;width:24px;height:24px;margin:2px 0 0}',
  'button{display:block;width:100%;min-height:56px;padding:12px 16px;border:0;border-radius:8px;font:inherit;font-size:20px;font-weight:bold;color:#ffffff;cursor:pointer}',
  `button.accept{background:${COLOR.accept}}`,
  `button.decline{background:${COLOR.decline}}`,
  `button.outcome{background:${COLOR.outcome}}`,
  'a:focus,button:focus,select:focus,textarea:focus,input:focus{outline:3px solid #ffbf47;outline-offset:2px}',
].join('');

/**
 * Headers for every response page: the only style is the inline <style> block (allowed by its
 * hash), the form may only post back to this site, nothing is cached (the URL is a credential)
 * and the URL is never sent on as a referrer: `strict-origin` sends at most the origin, never the
 * path with the token. Not `no-referrer`: under it a browser's form POST carries `Origin: null`,
 * and a browser too old to send Sec-Fetch-Site could then never pass the same-origin check.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = pageHeaders(STYLE);

/** The headers of a signed link's page whose only style is `style`, inline (the returnee page's too). */
export function pageHeaders(style: string): Readonly<Record<string, string>> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src 'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'strict-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  };
}

function languagesOf(languages: readonly Language[]): Language[] {
  const langs = [...new Set(languages)];
  return langs.length > 0 ? langs : [...ALL_OFFICE_LANGUAGES];
}

/** One line per language, each marked with its language. */
function perLanguage(langs: readonly Language[], text: (t: PageTexts, lang: Language) => string): Html {
  return h`${langs.map((l) => h`<span class="l" lang="${l}">${text(PAGE_TEXTS[l], l)}</span>`)}`;
}

/** For places where only text may stand (<option>, <title>): "sq / sr / en". */
function joined(langs: readonly Language[], text: (t: PageTexts, lang: Language) => string): string {
  return langs.map((l) => text(PAGE_TEXTS[l], l)).join(' / ');
}

function sections(langs: readonly Language[], body: (t: PageTexts, lang: Language) => Html): Html {
  const many = langs.length > 1;
  return h`${langs.map(
    (l, i) => h`${i > 0 ? h`<hr>` : ''}<section lang="${l}">
${many ? h`<h2>${PAGE_TEXTS[l].languageName}</h2>` : ''}${body(PAGE_TEXTS[l], l)}</section>
`,
  )}`;
}

function htmlPage(langs: readonly Language[], title: (t: PageTexts) => string, content: Html): string {
  return h`<!DOCTYPE html>
<html lang="${langs[0]!}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="strict-origin">
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light">
<title>${joined(langs, title)}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<main>
<h1>${perLanguage(langs, title)}</h1>
${content}</main>
</body>
</html>
`.value;
}

// ---------------------------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------------------------

function contactLines(c: { name: string; email: string; phone: string }): Html {
  return h`${c.name}<br><a href="mailto:${c.email}">${c.email}</a><br><a href="tel:${c.phone}">${c.phone}</a>`;
}

function summaryList(s: ReferralSummary, t: PageTexts, lang: Language): Html {
  const l = t.summary;
  const persons = s.persons ?? [];
  return h`<dl>
<dt>${l.office}</dt><dd>${localName(s.office.name, lang)}</dd>
<dt>${l.need}</dt><dd>${NEED_LABELS[lang][s.need]}</dd>
<dt>${l.smrCase}</dt><dd>${s.smrCaseId}</dd>
<dt>${l.municipality}</dt><dd>${localName(s.municipality, lang)}</dd>
<dt>${l.referredBy}</dt><dd>${localName(s.coordinatorOffice, lang)}</dd>
<dt>${l.sentOn}</dt><dd>${formatDate(s.sentDate)}</dd>
<dt>${l.dueBy}</dt><dd>${formatDate(s.dueDate)}</dd>
<dt>${l.status}</dt><dd>${statusLabel(s.status, lang)}</dd>
${
  persons.length > 0
    ? h`<dt>${l.persons}</dt><dd><ul>${persons.map(
        (p) => h`<li>${p.givenName.trim()} ${p.familyName.trim()}, ${l.born} ${p.birthYear}</li>`,
      )}</ul></dd>
`
    : ''
}<dt>${l.coordinator}</dt><dd>${contactLines(s.coordinator)}</dd>
</dl>
`;
}

function requiredMark(langs: readonly Language[], which: 'required' | 'optional'): Html {
  return h`<span class="hint">(${joined(langs, (t) => t[which])})</span>`;
}

function noteField(langs: readonly Language[], hint: boolean, missing = false, value = ''): Html {
  return h`<div class="field">
${missing ? h`<div class="alert" role="alert" id="note-error">${perLanguage(langs, (t) => t.declineNoteMissing)}</div>
` : ''}<label for="note">${perLanguage(langs, (t) => t.noteLabel)}${requiredMark(langs, missing ? 'required' : 'optional')}</label>
<p class="hint" id="note-hint">${hint ? perLanguage(langs, (t) => t.outcomeNoteHint) : ''}${perLanguage(langs, (t) =>
    fill(t.maxChars, { max: NOTE_MAX_LENGTH }),
  )}</p>
<textarea id="note" name="note" rows="4" maxlength="${NOTE_MAX_LENGTH}" aria-describedby="${missing ? 'note-error note-hint' : 'note-hint'}"${missing ? h` aria-invalid="true"` : ''}>${value}</textarea>
</div>
`;
}

function acceptConfirmField(langs: readonly Language[], unconfirmed: boolean): Html {
  return h`<div class="field">
${unconfirmed ? h`<div class="alert" role="alert" id="confirm-error">${perLanguage(langs, (t) => fill(t.acceptConfirmMissing, { button: t.confirm.accept.button }))}</div>
` : ''}<label class="choice" for="${ACCEPT_CONFIRM_FIELD}"><input type="checkbox" id="${ACCEPT_CONFIRM_FIELD}" name="${ACCEPT_CONFIRM_FIELD}" value="${ACCEPT_CONFIRM_VALUE}" required${unconfirmed ? h` aria-invalid="true" aria-describedby="confirm-error"` : ''}><span>${perLanguage(langs, (t) => t.acceptConfirmLabel)}${requiredMark(langs, 'required')}</span></label>
</div>
`;
}

function formFields(action: LinkAction, langs: readonly Language[], problem: FormProblem | undefined, values: FormValues = {}): Html {
  switch (action) {
    case 'accept':
      return acceptConfirmField(langs, problem === 'unconfirmed');
    case 'decline':
      return h`<div class="field">
<label for="reason">${perLanguage(langs, (t) => t.reasonLabel)}${requiredMark(langs, 'required')}</label>
<select id="reason" name="reason" required>
<option value="">${joined(langs, (t) => t.chooseReason)}</option>
${DECLINE_REASONS.map((r) => h`<option value="${r}"${values.reason === r ? h` selected` : ''}>${joined(langs, (_t, l) => DECLINE_REASON_LABELS[l][r])}</option>
`)}</select>
</div>
${noteField(langs, false, problem === 'note-required', values.note)}`;
    case 'outcome':
      return h`<fieldset>
<legend>${perLanguage(langs, (t) => t.outcomeLegend)}${requiredMark(langs, 'required')}</legend>
${OUTCOMES.map((o) => h`<label class="choice" for="outcome-${o}"><input type="radio" id="outcome-${o}" name="outcome" value="${o}" required><span>${perLanguage(langs, (_t, l) => OUTCOME_LABELS[l][o])}</span></label>
`)}</fieldset>
${noteField(langs, true)}`;
  }
}

/** Only http(s) or a local path: never a javascript:, data: or protocol-relative (//host) URL. */
function checkFormAction(url: string): string {
  if (!/^(https?:\/\/[^\s]+|\/(?![/\\])[^\s]*)$/i.test(url)) throw new Error('confirmPage: formAction must be an http(s) URL or a path');
  return url;
}

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

/**
 * Why the form is shown again: `unconfirmed`, an accept without the ticked box; `note-required`,
 * a decline for "another reason" without the note that says it (the coordinator would get
 * "other reason" and nothing to act on). Checked here, not by the browser: without script a form
 * cannot make the note required for one choice of the select only.
 */
export type FormProblem = 'unconfirmed' | 'note-required';
/** What the office had chosen and typed, put back into the form shown again. */
export interface FormValues {
  reason?: string | undefined;
  note?: string | undefined;
}

export function confirmPage(input: {
  action: LinkAction;
  summary: ReferralSummary;
  languages: readonly Language[];
  /** the same URL, POSTed to */
  formAction: string;
  problem?: FormProblem;
  values?: FormValues;
}): string {
  const { action, summary } = input;
  const langs = languagesOf(input.languages);
  const formAction = checkFormAction(input.formAction);
  const content = h`${sections(
    langs,
    (t, l) => h`${summaryList(summary, t, l)}<div class="box">
<p><strong>${t.confirm[action].prompt}</strong></p>
<p>${t.coordinatorWillBeTold}</p>
</div>
`,
  )}<form method="post" action="${formAction}" accept-charset="utf-8" autocomplete="off">
${formFields(action, langs, input.problem, input.values)}<button type="submit" class="${action}">${perLanguage(langs, (t) => t.confirm[action].button)}</button>
</form>
<p class="muted">${perLanguage(langs, (t) => t.forwardWarning)}</p>
`;
  return htmlPage(langs, (t) => t.confirm[action].title, content);
}

export function donePage(input: {
  action: LinkAction;
  summary: ReferralSummary;
  languages: readonly Language[];
  /** the answer had been recorded before (a second click, a resubmitted form) */
  repeated: boolean;
}): string {
  const { action, summary, repeated } = input;
  const langs = languagesOf(input.languages);
  const content = sections(
    langs,
    (t, l) => h`<div class="box">
<p><strong>${repeated ? t.repeatedBody : t.doneBody}</strong></p>
${action === 'accept' ? h`<p>${t.acceptNext}</p>
` : ''}</div>
${summaryList(summary, t, l)}<p class="muted">${t.closePage}</p>
`,
  );
  return htmlPage(langs, (t) => (repeated ? t.repeatedTitle : t.done[action]), content);
}

/**
 * Why a link did not work, and what to do. Never shows the token, an error or a stack trace.
 * For an unknown link (malformed, bad signature) the office is unknown, so the page is in sq,
 * sr-Latn and en whatever `languages` says; `unavailable` without languages is in those three too.
 */
export function refusalPage(input: {
  reason: RefusalReason;
  languages: readonly Language[];
  currentStatus?: string;
  coordinatorContact?: { name: string; email: string; phone: string };
}): string {
  const { reason, currentStatus, coordinatorContact } = input;
  const unknownLink = reason === 'malformed' || reason === 'bad-signature';
  const langs = unknownLink ? [...ALL_OFFICE_LANGUAGES] : languagesOf(input.languages);
  const key = unknownLink ? 'invalid-link' : reason;
  const content = sections(langs, (t, l) => {
    const r = t.refusal[key];
    return h`<p>${fill(r.body, { days: LINK_TTL_DAYS })}</p>
${reason === 'invalid-transition' && currentStatus ? h`<p><strong>${t.currentStatus}:</strong> ${statusLabel(currentStatus, l)}</p>
` : ''}<div class="box">
<p><strong>${r.todo}</strong></p>
${coordinatorContact ? h`<p>${t.coordinatorContact}:<br>${contactLines(coordinatorContact)}</p>
` : ''}</div>
${unknownLink || reason === 'expired' || reason === 'cross-site' || reason === 'unavailable' ? h`<p class="muted">${t.notYourFault}</p>
` : ''}`;
  });
  return htmlPage(langs, (t) => t.refusal[key].title, content);
}
