import type { PageModel, Step } from '../cases/returnee-page.js';
import type { Language } from '../domain/vocabulary.js';
import { buildEntryIcs } from '../meetings/ics.js';
import { bringList, NEED_LABELS } from '../messages/labels.js';
import { formatDate, formatDateTime, localName } from '../messages/render.js';
import { srLatnToCyrl } from '../messages/translit.js';
import { familySender } from '../messages/visits.js';
import { h, Html, pageHeaders } from './response-page.js';

/**
 * The returnee page as HTML: one column, system fonts, large buttons, a little inline CSS and no
 * script at all, so that it works on an old phone's browser. Each answer is a plain form POST;
 * "add to calendar" is a plain link to an .ics file. Written in the household's language (sr-Cyrl
 * transliterated from sr-Latn); a foreigner's page is signed by the municipality and never speaks
 * of return. Every value is escaped (`h`).
 */

type Written = 'sq' | 'sr-Latn' | 'en';

const TEXTS = {
  title: { sq: 'Hapat tuaj të ardhshëm', 'sr-Latn': 'Vaši sledeći koraci', en: 'Your next steps' },
  greeting: { sq: 'Përshëndetje, {{name}}!', 'sr-Latn': 'Dobar dan, {{name}}!', en: 'Hello, {{name}}!' },
  intro: { sq: 'Këtu janë hapat tuaj të ardhshëm, me radhë.', 'sr-Latn': 'Ovde su vaši sledeći koraci, po redu.', en: 'Here are your next steps, in order.' },
  from: { sq: 'Nga: {{sender}}', 'sr-Latn': 'Od: {{sender}}', en: 'From: {{sender}}' },
  appointments: { sq: 'Takimet dhe afatet', 'sr-Latn': 'Termini i rokovi', en: 'Appointments and deadlines' },
  offices: { sq: 'Zyrat ku duhet të shkoni', 'sr-Latn': 'Kancelarije koje treba da posetite', en: 'Offices to visit' },
  when: { sq: 'Kur', 'sr-Latn': 'Kada', en: 'When' },
  deadline: { sq: 'Afati', 'sr-Latn': 'Rok', en: 'Deadline' },
  where: { sq: 'Ku', 'sr-Latn': 'Gde', en: 'Where' },
  whereSubmit: { sq: 'Ku dorëzohet', 'sr-Latn': 'Gde se predaje', en: 'Where to submit' },
  bring: { sq: 'Sillni', 'sr-Latn': 'Ponesite', en: 'Bring' },
  address: { sq: 'Adresa', 'sr-Latn': 'Adresa', en: 'Address' },
  hours: { sq: 'Orari', 'sr-Latn': 'Radno vreme', en: 'Opening hours' },
  map: { sq: 'Shiko në hartë', 'sr-Latn': 'Pogledajte na mapi', en: 'Show on the map' },
  for: { sq: 'Për', 'sr-Latn': 'Za', en: 'For' },
  calendar: { sq: 'Shto në kalendar', 'sr-Latn': 'Dodajte u kalendar', en: 'Add to calendar' },
  yes: { sq: 'Do të vij', 'sr-Latn': 'Doći ću', en: 'I will come' },
  no: { sq: 'Nuk mund të vij', 'sr-Latn': 'Ne mogu da dođem', en: 'I cannot come' },
  saidYes: { sq: 'Ju thatë: do të vini.', 'sr-Latn': 'Rekli ste: doći ćete.', en: 'You said: you will come.' },
  saidNo: {
    sq: "Ju thatë se nuk mund të vini. Koordinatori juaj e di dhe do t'ju telefonojë.",
    'sr-Latn': 'Rekli ste da ne možete da dođete. Vaš koordinator to zna i pozvaće vas.',
    en: 'You said you cannot come. Your coordinator knows and will call you.',
  },
  recordedYes: { sq: 'Faleminderit! E shënuam që do të vini.', 'sr-Latn': 'Hvala! Zabeležili smo da ćete doći.', en: 'Thank you! We have noted that you will come.' },
  recordedNo: {
    sq: "Faleminderit që na njoftuat. Koordinatori juaj u njoftua dhe do t'ju telefonojë për të caktuar një kohë tjetër.",
    'sr-Latn': 'Hvala što ste nam javili. Vaš koordinator je obavešten i pozvaće vas da dogovorite drugo vreme.',
    en: 'Thank you for letting us know. Your coordinator has been told and will call you to agree another time.',
  },
  already: { sq: 'Këtë na e keni thënë tashmë: nuk ndryshoi asgjë.', 'sr-Latn': 'To ste nam već javili: ništa se nije promenilo.', en: 'You had already told us: nothing has changed.' },
  unknownStep: { sq: 'Ky hap nuk është më i hapur. Shikoni hapat më poshtë.', 'sr-Latn': 'Ovaj korak više nije otvoren. Pogledajte korake ispod.', en: 'This step is no longer open. See your steps below.' },
  waiting: { sq: 'Pas hapit të mëparshëm', 'sr-Latn': 'Posle prethodnog koraka', en: 'After the previous step' },
  open: { sq: 'Zyra ju pret', 'sr-Latn': 'Kancelarija vas očekuje', en: 'The office is expecting you' },
  accepted: { sq: 'Zyra e pranoi kërkesën tuaj', 'sr-Latn': 'Kancelarija je prihvatila vaš zahtev', en: 'The office has accepted your request' },
  done: { sq: 'Kryer', 'sr-Latn': 'Završeno', en: 'Done' },
  sensitive: {
    sq: "Kemi organizuar mbështetje për ju. Koordinatori juaj do t'ju telefonojë me hollësitë.",
    'sr-Latn': 'Organizovali smo podršku za vas. Vaš koordinator će vas pozvati i preneti vam detalje.',
    en: 'We have arranged support for you. Your coordinator will call you with the details.',
  },
  none: { sq: 'Tani për tani nuk keni hapa të hapur.', 'sr-Latn': 'Trenutno nemate otvorenih koraka.', en: 'You have no open steps right now.' },
  coordinator: { sq: 'Koordinatori juaj: {{name}}', 'sr-Latn': 'Vaš koordinator: {{name}}', en: 'Your coordinator: {{name}}' },
  private: { sq: 'Kjo faqe është vetëm për ju. Mos e ndani lidhjen.', 'sr-Latn': 'Ova stranica je samo za vas. Ne delite link.', en: 'This page is for you only. Please do not share the link.' },
  // Refusals
  invalidTitle: { sq: 'Kjo lidhje nuk funksionon', 'sr-Latn': 'Ovaj link ne radi', en: 'This link does not work' },
  invalidBody: {
    sq: 'Kontrolloni që e keni hapur të gjithë lidhjen nga SMS-i, ose pyesni koordinatorin tuaj.',
    'sr-Latn': 'Proverite da li ste otvorili ceo link iz SMS-a ili pitajte svog koordinatora.',
    en: 'Check that you opened the whole link from the SMS, or ask your coordinator.',
  },
  expiredTitle: { sq: 'Kjo lidhje ka skaduar', 'sr-Latn': 'Ovaj link je istekao', en: 'This link has expired' },
  expiredBody: { sq: 'Kërkoni një lidhje të re nga koordinatori juaj.', 'sr-Latn': 'Zatražite novi link od svog koordinatora.', en: 'Ask your coordinator for a new link.' },
  goneTitle: { sq: 'Kjo faqe nuk është më në dispozicion', 'sr-Latn': 'Ova stranica više nije dostupna', en: 'This page is no longer available' },
  goneBody: {
    sq: 'Rasti juaj është mbyllur. Për pyetje, drejtohuni komunës suaj.',
    'sr-Latn': 'Vaš slučaj je zatvoren. Za pitanja se obratite svojoj opštini.',
    en: 'Your case has been closed. For questions, please contact your municipality.',
  },
  unavailableTitle: { sq: 'Faqja nuk është në dispozicion tani', 'sr-Latn': 'Stranica trenutno nije dostupna', en: 'The page is not available right now' },
  unavailableBody: { sq: 'Provoni përsëri pas pak minutash.', 'sr-Latn': 'Pokušajte ponovo za nekoliko minuta.', en: 'Please try again in a few minutes.' },
  crossSiteTitle: { sq: 'Përgjigja nuk u regjistrua', 'sr-Latn': 'Odgovor nije zabeležen', en: 'Your answer was not recorded' },
  crossSiteBody: { sq: 'Hapni lidhjen nga SMS-i dhe shtypni butonin atje.', 'sr-Latn': 'Otvorite link iz SMS-a i pritisnite dugme tamo.', en: 'Open the link from the SMS and press the button there.' },
} as const satisfies Record<string, Record<Written, string>>;

export type PageTextKey = keyof typeof TEXTS;

/** A text in a page language (sr-Cyrl: the sr-Latn text transliterated), with `{{name}}` slots filled. */
export function pageText(key: PageTextKey, lang: Language, vars: Record<string, string> = {}): string {
  const t: Record<Written, string> = TEXTS[key];
  // The words are transliterated, never a slot's name; and a slot's value (a name) stays as written.
  const text = lang === 'sr-Cyrl' ? t['sr-Latn'].split(/(\{\{\w+\}\})/).map((p) => (p.startsWith('{{') ? p : srLatnToCyrl(p))).join('') : t[lang];
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);
}

/** Every text of the page in every language, for the tests (completeness, no word of return). */
export const PAGE_TEXT_KEYS = Object.keys(TEXTS) as PageTextKey[];

const STYLE = [
  'html{-webkit-text-size-adjust:100%}',
  'body{margin:0;background:#f4f4f4;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:17px;line-height:1.5}',
  'main{max-width:600px;margin:0 auto;padding:16px;background:#ffffff}',
  'h1{font-size:24px;line-height:1.3;margin:0 0 12px}',
  'h2{font-size:18px;margin:24px 0 8px}',
  'h3{font-size:18px;margin:0 0 8px}',
  'p{margin:0 0 10px}',
  'ol{margin:0;padding-left:24px}',
  'li{margin:0 0 16px;padding:12px;border:2px solid #cccccc;border-radius:8px}',
  '.notice{margin:0 0 16px;padding:12px 16px;background:#e8f3ea;border-left:4px solid #1e6b34;font-weight:bold}',
  '.state{font-weight:bold}',
  '.muted{font-size:15px;color:#555555}',
  'a{color:#1f5fa8}',
  'form{margin:12px 0 0}',
  'button{display:block;width:100%;min-height:52px;margin:0 0 8px;padding:10px 16px;border:0;border-radius:8px;font-size:19px;font-weight:bold;color:#ffffff}',
  'button.yes{background:#1e6b34}',
  'button.no{background:#a12622}',
  'a:focus,button:focus{outline:3px solid #ffbf47}',
].join('');

/**
 * No script, no other origin: only the inline style (by its hash) and forms posting back here;
 * nothing cached (the URL is the credential); the URL never leaves as a referrer beyond its
 * origin (strict-origin, so an older browser's POST still carries an Origin to check).
 */
export const RETURNEE_PAGE_HEADERS = pageHeaders(STYLE);

function document(lang: Language, title: string, content: Html): string {
  return h`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="strict-origin">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${content}</main>
</body>
</html>
`.value;
}

const mapUrl = (address: string) => `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;

/** What the page says at its top after a POST. */
export type PageNotice = 'recorded-yes' | 'recorded-no' | 'already' | 'unknown-step';

const NOTICE_TEXT: Record<PageNotice, PageTextKey> = { 'recorded-yes': 'recordedYes', 'recorded-no': 'recordedNo', already: 'already', 'unknown-step': 'unknownStep' };

function answerPart(step: Step, lang: Language, formAction: string): Html {
  const said = step.answer === 'yes' ? h`<p class="state">${pageText('saidYes', lang)}</p>` : step.answer === 'no' ? h`<p class="state">${pageText('saidNo', lang)}</p>` : '';
  if (!step.canAnswer) return h`${said}`;
  return h`${said}<form method="post" action="${formAction}">
<input type="hidden" name="step" value="${step.id}">
<button type="submit" name="answer" value="yes" class="yes">${pageText('yes', lang)}</button>
<button type="submit" name="answer" value="no" class="no">${pageText('no', lang)}</button>
</form>
`;
}

function appointmentItem(step: Extract<Step, { kind: 'appointment' | 'deadline' }>, lang: Language, formAction: string): Html {
  const deadline = step.kind === 'deadline';
  return h`<li>
<h3>${step.title}</h3>
<p><strong>${pageText(deadline ? 'deadline' : 'when', lang)}:</strong> ${deadline ? formatDate(step.when) : formatDateTime(step.when)}</p>
${step.where ? h`<p><strong>${pageText(deadline ? 'whereSubmit' : 'where', lang)}:</strong> ${step.where} (<a href="${mapUrl(step.where)}">${pageText('map', lang)}</a>)</p>` : ''}
${step.bring ? h`<p><strong>${pageText('bring', lang)}:</strong> ${step.bring}</p>` : ''}
<p><a href="${formAction}/calendar/${step.appointmentId}" download="${step.appointmentId}.ics">${pageText('calendar', lang)}</a></p>
${answerPart(step, lang, formAction)}</li>
`;
}

function referralItem(step: Extract<Step, { kind: 'referral' }>, lang: Language, model: PageModel, formAction: string): Html {
  if (step.sensitive || !step.office) return h`<li><p>${pageText('sensitive', lang)}</p></li>\n`;
  const address = localName(step.office.address, lang);
  return h`<li>
<h3>${localName(step.office.name, lang)}</h3>
<p class="state">${pageText(step.state, lang)}</p>
<p><strong>${pageText('for', lang)}:</strong> ${NEED_LABELS[lang][step.need]}</p>
<p><strong>${pageText('address', lang)}:</strong> ${address} (<a href="${mapUrl(address)}">${pageText('map', lang)}</a>)</p>
<p><strong>${pageText('hours', lang)}:</strong> ${localName(step.office.hours, lang)}</p>
<p><strong>${pageText('bring', lang)}:</strong> ${bringList(lang, step.need, model.category)}</p>
${answerPart(step, lang, formAction)}</li>
`;
}

/** The page: its steps, and after a POST what became of the answer. `formAction`: the page's own path (/p/<token>). */
export function returneePageHtml(model: PageModel, formAction: string, notice?: PageNotice): string {
  const lang = model.language;
  const appointments = model.steps.filter((s): s is Extract<Step, { kind: 'appointment' | 'deadline' }> => s.kind !== 'referral');
  const referrals = model.steps.filter((s): s is Extract<Step, { kind: 'referral' }> => s.kind === 'referral');
  const sender = familySender({ category: model.category, municipality: model.municipality, coordinatorOffice: model.coordinatorOffice }, lang);
  const content = h`${notice ? h`<p class="notice" role="status">${pageText(NOTICE_TEXT[notice], lang)}</p>\n` : ''}<p>${model.firstName ? pageText('greeting', lang, { name: model.firstName }) : ''} ${pageText('intro', lang)}</p>
<p class="muted">${pageText('from', lang, { sender })}</p>
${appointments.length ? h`<h2>${pageText('appointments', lang)}</h2>\n<ol>\n${appointments.map((s) => appointmentItem(s, lang, formAction))}</ol>\n` : ''}${referrals.length ? h`<h2>${pageText('offices', lang)}</h2>\n<ol>\n${referrals.map((s) => referralItem(s, lang, model, formAction))}</ol>\n` : ''}${model.steps.length === 0 ? h`<p>${pageText('none', lang)}</p>\n` : ''}<p>${pageText('coordinator', lang, { name: model.coordinatorFirstName })}</p>
<p class="muted">${pageText('private', lang)}</p>
`;
  return document(lang, pageText('title', lang), content);
}

export type RefusalKind = 'invalid' | 'expired' | 'gone' | 'unavailable' | 'cross-site';

export const RETURNEE_REFUSAL_STATUS: Readonly<Record<RefusalKind, number>> = { invalid: 404, expired: 410, gone: 410, unavailable: 503, 'cross-site': 403 };

const REFUSAL_TEXTS: Record<RefusalKind, [PageTextKey, PageTextKey]> = {
  invalid: ['invalidTitle', 'invalidBody'],
  expired: ['expiredTitle', 'expiredBody'],
  gone: ['goneTitle', 'goneBody'],
  unavailable: ['unavailableTitle', 'unavailableBody'],
  'cross-site': ['crossSiteTitle', 'crossSiteBody'],
};

/** A kind page saying why the page cannot be shown: in the household's language when known, else in all three. */
export function returneeRefusalHtml(kind: RefusalKind, language?: Language): string {
  const [title, body] = REFUSAL_TEXTS[kind];
  const langs: Language[] = language ? [language] : ['sq', 'sr-Latn', 'en'];
  const content = h`${langs.map((l, i) => h`<section lang="${l}">${i > 0 ? h`<h2>${pageText(title, l)}</h2>` : ''}<p>${pageText(body, l)}</p></section>\n`)}`;
  return document(langs[0]!, pageText(title, langs[0]!), content);
}

/** An appointment or a deadline as a calendar file: an hour from its time (a deadline's time is the coordinator's). */
export function appointmentIcs(model: PageModel, step: Extract<Step, { kind: 'appointment' | 'deadline' }>, stamp: string): string {
  const start = new Date(step.when);
  const end = new Date(start.getTime() + 3600_000);
  const lang = model.language;
  return buildEntryIcs({
    uid: `${model.caseId}-${step.appointmentId}@referrals.rks-municipalities.example.org`,
    sequence: step.version,
    start: start.toISOString(),
    end: end.toISOString(),
    timeZone: 'Europe/Belgrade',
    summary: step.kind === 'deadline' ? `${pageText('deadline', lang)}: ${step.title}` : step.title,
    ...(step.bring ? { description: `${pageText('bring', lang)}: ${step.bring}` } : {}),
    ...(step.where ? { location: step.where } : {}),
    stamp,
  });
}
