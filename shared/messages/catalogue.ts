import Mustache from 'mustache';
import type { Language } from '../domain/vocabulary.js';
import { ALERT_TEMPLATE_IDS, ALERT_TEMPLATES } from './catalogue-alerts.js';
import { ANSWER_TEMPLATE_IDS, ANSWER_TEMPLATES } from './catalogue-answers.js';
import { COORDINATION_TEMPLATE_IDS, COORDINATION_TEMPLATES } from './catalogue-coordination.js';
import { FOLLOW_UP_TEMPLATE_IDS, FOLLOW_UP_TEMPLATES } from './catalogue-follow-ups.js';
import { NOTICE_TEMPLATE_IDS, NOTICE_TEMPLATES } from './catalogue-notices.js';
import { REMINDER_SMS_TEMPLATE_IDS, REMINDER_SMS_TEMPLATES } from './catalogue-reminders.js';
import { BOX, BUTTON, BUTTON_ALT, BUTTON_ROW, LAST, MUTED, P, ROW, SMALL, UL, WRAP } from './styles.js';

/**
 * The message catalogue: one Mustache template per template id, language and part.
 *
 * Rules every template follows (tests enforce the first three):
 * - every language variant of a template uses exactly the same placeholders, per part;
 * - only {{name}} tags and sections; never {{{x}}} or {{&x}} (HTML parts are always escaped,
 *   text parts are rendered with escaping switched off by the renderer);
 * - sr-Cyrl is a faithful transliteration of sr-Latn (markup and tags untouched);
 * - templates only reference view fields; labels, dates, plurals and lists are built in code
 *   (see render.ts), so a translator only ever sees sentences.
 *
 * The referral templates are below; the notices (reminders, escalations and case clocks by
 * email) are in catalogue-notices.ts, the returnee's appointment and deadline SMS in
 * catalogue-reminders.ts, the office's answers (accepted, declined, outcome to the coordinator;
 * accepted to the returnee) in catalogue-answers.ts, the meetings, digests and quarterly report in
 * catalogue-coordination.ts. TEMPLATE_IDS and CATALOGUE hold them all.
 */

export const REFERRAL_TEMPLATE_IDS = ['referral.office.email', 'referral.returnee.sms', 'referral.returnee.sms.private'] as const;
export type ReferralTemplateId = (typeof REFERRAL_TEMPLATE_IDS)[number];

export const TEMPLATE_IDS = [
  ...REFERRAL_TEMPLATE_IDS,
  ...NOTICE_TEMPLATE_IDS,
  ...REMINDER_SMS_TEMPLATE_IDS,
  ...ANSWER_TEMPLATE_IDS,
  ...COORDINATION_TEMPLATE_IDS,
  ...FOLLOW_UP_TEMPLATE_IDS,
  ...ALERT_TEMPLATE_IDS,
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateVariant {
  subject?: string;
  text: string;
  html?: string;
}

export const TEMPLATE_PARTS = ['subject', 'text', 'html'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];

// ---------------------------------------------------------------------------------------------
// referral.office.email
// ---------------------------------------------------------------------------------------------

const EMAIL_SQ: TemplateVariant = {
  subject:
    'Referim nga {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — rasti {{smrCaseId}} — ju lutemi konfirmoni deri më {{dueDate}}',
  text: `Të nderuar kolegë,

{{coordinatorOffice}} ju referon rastin e mëposhtëm.

Zyra: {{officeName}}
Nevoja: {{needLabel}}
Numri i rastit në SMR: {{smrCaseId}}
Data e kthimit: {{arrivalDate}}
Numri i anëtarëve të familjes: {{householdSize}}
{{#consent}}

Personat e referuar:
{{#persons}}
- {{fullName}}, viti i lindjes {{birthYear}}
{{/persons}}
{{#categoriesText}}
Kategoritë e cenueshme: {{categoriesText}}
{{/categoriesText}}
{{#note}}
Shënim i koordinatorit: {{note}}
{{/note}}
{{/consent}}
{{^consent}}

{{householdText}}, rasti {{smrCaseId}}. Personi nuk ka dhënë pëlqim që të dhënat personale të ndahen me email; koordinatori do t'jua japë hollësitë drejtpërdrejt.
{{/consent}}

Ju lutemi {{action}}.

Ju lutemi konfirmoni pranimin e këtij referimi deri më {{dueDate}} dhe njoftoni koordinatorin për rezultatin.
{{#links}}

Përgjigjuni me një klikim:
Pranoni referimin: {{accept}}
Refuzoni referimin (duke dhënë arsyen): {{decline}}
Raportoni rezultatin (u krye ose nuk u krye): {{outcome}}
Lidhjet janë personale dhe vlejnë vetëm për këtë referim{{#linksExpire}}; skadojnë më {{linksExpire}}{{/linksExpire}}.
{{/links}}

Referuar nga:
{{coordinatorName}}
{{coordinatorOffice}}
Komuna: {{municipality}}
Email: {{coordinatorEmail}}
Tel.: {{coordinatorPhone}}

ID e referimit: {{referralId}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Të nderuar kolegë,</p>
<p style="${P}"><strong>{{coordinatorOffice}}</strong> ju referon rastin e mëposhtëm.</p>
<p style="${ROW}"><strong>Zyra:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Nevoja:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Numri i rastit në SMR:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Data e kthimit:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Numri i anëtarëve të familjes:</strong> {{householdSize}}</p>
{{#consent}}
<p style="${ROW}"><strong>Personat e referuar:</strong></p>
<ul style="${UL}">
{{#persons}}
<li>{{fullName}}, viti i lindjes {{birthYear}}</li>
{{/persons}}
</ul>
{{#categoriesText}}
<p style="${P}"><strong>Kategoritë e cenueshme:</strong> {{categoriesText}}</p>
{{/categoriesText}}
{{#note}}
<p style="${P}"><strong>Shënim i koordinatorit:</strong> {{note}}</p>
{{/note}}
{{/consent}}
{{^consent}}
<p style="${P}">{{householdText}}, rasti {{smrCaseId}}. Personi nuk ka dhënë pëlqim që të dhënat personale të ndahen me email; koordinatori do t'jua japë hollësitë drejtpërdrejt.</p>
{{/consent}}
<div style="${BOX}">
<p style="${P}"><strong>Ju lutemi {{action}}.</strong></p>
<p style="${LAST}">Ju lutemi konfirmoni pranimin e këtij referimi deri më <strong>{{dueDate}}</strong> dhe njoftoni koordinatorin për rezultatin.</p>
</div>
{{#links}}
<p style="${ROW}"><strong>Përgjigjuni me një klikim:</strong></p>
<p style="${BUTTON_ROW}"><a href="{{accept}}" style="${BUTTON}">Pranoni referimin</a></p>
<p style="${BUTTON_ROW}"><a href="{{decline}}" style="${BUTTON_ALT}">Refuzoni referimin (duke dhënë arsyen)</a></p>
<p style="${BUTTON_ROW}"><a href="{{outcome}}" style="${BUTTON_ALT}">Raportoni rezultatin (u krye ose nuk u krye)</a></p>
<p style="${SMALL}">Lidhjet janë personale dhe vlejnë vetëm për këtë referim{{#linksExpire}}; skadojnë më {{linksExpire}}{{/linksExpire}}.</p>
{{/links}}
<p style="${ROW}"><strong>Referuar nga:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Komuna: {{municipality}}<br>Email: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Tel.: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${MUTED}">ID e referimit: {{referralId}}</p>
</div>
`,
};

// sr-Latn email (sr-Cyrl below is its transliteration; keep them in step)
const EMAIL_SR_LATN: TemplateVariant = {
  subject:
    'Upućivanje iz {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — predmet {{smrCaseId}} — molimo potvrdite do {{dueDate}}',
  text: `Poštovane kolege,

{{coordinatorOffice}} vam upućuje sledeći slučaj.

Kancelarija: {{officeName}}
Potreba: {{needLabel}}
Broj predmeta u SUS: {{smrCaseId}}
Datum povratka: {{arrivalDate}}
Broj članova domaćinstva: {{householdSize}}
{{#consent}}

Upućena lica:
{{#persons}}
- {{fullName}}, godište {{birthYear}}
{{/persons}}
{{#categoriesText}}
Ranjive kategorije: {{categoriesText}}
{{/categoriesText}}
{{#note}}
Napomena koordinatora: {{note}}
{{/note}}
{{/consent}}
{{^consent}}

{{householdText}}, predmet {{smrCaseId}}. Lice nije dalo saglasnost da se lični podaci dostavljaju e-poštom; koordinator će vam detalje preneti neposredno.
{{/consent}}

Molimo vas da {{action}}.

Molimo vas da prijem ovog upućivanja potvrdite najkasnije do {{dueDate}} i da koordinatora obavestite o ishodu.
{{#links}}

Odgovorite jednim klikom:
Prihvatite upućivanje: {{accept}}
Odbijte upućivanje (uz navođenje razloga): {{decline}}
Javite ishod (obavljeno ili nije obavljeno): {{outcome}}
Linkovi su lični i važe samo za ovo upućivanje{{#linksExpire}}; ističu {{linksExpire}}{{/linksExpire}}.
{{/links}}

Kontakt osoba:
{{coordinatorName}}
{{coordinatorOffice}}
Opština: {{municipality}}
E-pošta: {{coordinatorEmail}}
Telefon: {{coordinatorPhone}}

Oznaka upućivanja: {{referralId}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Poštovane kolege,</p>
<p style="${P}"><strong>{{coordinatorOffice}}</strong> vam upućuje sledeći slučaj.</p>
<p style="${ROW}"><strong>Kancelarija:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Potreba:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Broj predmeta u SUS:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Datum povratka:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Broj članova domaćinstva:</strong> {{householdSize}}</p>
{{#consent}}
<p style="${ROW}"><strong>Upućena lica:</strong></p>
<ul style="${UL}">
{{#persons}}
<li>{{fullName}}, godište {{birthYear}}</li>
{{/persons}}
</ul>
{{#categoriesText}}
<p style="${P}"><strong>Ranjive kategorije:</strong> {{categoriesText}}</p>
{{/categoriesText}}
{{#note}}
<p style="${P}"><strong>Napomena koordinatora:</strong> {{note}}</p>
{{/note}}
{{/consent}}
{{^consent}}
<p style="${P}">{{householdText}}, predmet {{smrCaseId}}. Lice nije dalo saglasnost da se lični podaci dostavljaju e-poštom; koordinator će vam detalje preneti neposredno.</p>
{{/consent}}
<div style="${BOX}">
<p style="${P}"><strong>Molimo vas da {{action}}.</strong></p>
<p style="${LAST}">Molimo vas da prijem ovog upućivanja potvrdite najkasnije do <strong>{{dueDate}}</strong> i da koordinatora obavestite o ishodu.</p>
</div>
{{#links}}
<p style="${ROW}"><strong>Odgovorite jednim klikom:</strong></p>
<p style="${BUTTON_ROW}"><a href="{{accept}}" style="${BUTTON}">Prihvatite upućivanje</a></p>
<p style="${BUTTON_ROW}"><a href="{{decline}}" style="${BUTTON_ALT}">Odbijte upućivanje (uz navođenje razloga)</a></p>
<p style="${BUTTON_ROW}"><a href="{{outcome}}" style="${BUTTON_ALT}">Javite ishod (obavljeno ili nije obavljeno)</a></p>
<p style="${SMALL}">Linkovi su lični i važe samo za ovo upućivanje{{#linksExpire}}; ističu {{linksExpire}}{{/linksExpire}}.</p>
{{/links}}
<p style="${ROW}"><strong>Kontakt osoba:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Opština: {{municipality}}<br>E-pošta: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Telefon: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${MUTED}">Oznaka upućivanja: {{referralId}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const EMAIL_SR_CYRL: TemplateVariant = {
  subject:
    'Упућивање из {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — предмет {{smrCaseId}} — молимо потврдите до {{dueDate}}',
  text: `Поштоване колеге,

{{coordinatorOffice}} вам упућује следећи случај.

Канцеларија: {{officeName}}
Потреба: {{needLabel}}
Број предмета у СУС: {{smrCaseId}}
Датум повратка: {{arrivalDate}}
Број чланова домаћинства: {{householdSize}}
{{#consent}}

Упућена лица:
{{#persons}}
- {{fullName}}, годиште {{birthYear}}
{{/persons}}
{{#categoriesText}}
Рањиве категорије: {{categoriesText}}
{{/categoriesText}}
{{#note}}
Напомена координатора: {{note}}
{{/note}}
{{/consent}}
{{^consent}}

{{householdText}}, предмет {{smrCaseId}}. Лице није дало сагласност да се лични подаци достављају е-поштом; координатор ће вам детаље пренети непосредно.
{{/consent}}

Молимо вас да {{action}}.

Молимо вас да пријем овог упућивања потврдите најкасније до {{dueDate}} и да координатора обавестите о исходу.
{{#links}}

Одговорите једним кликом:
Прихватите упућивање: {{accept}}
Одбијте упућивање (уз навођење разлога): {{decline}}
Јавите исход (обављено или није обављено): {{outcome}}
Линкови су лични и важе само за ово упућивање{{#linksExpire}}; истичу {{linksExpire}}{{/linksExpire}}.
{{/links}}

Контакт особа:
{{coordinatorName}}
{{coordinatorOffice}}
Општина: {{municipality}}
Е-пошта: {{coordinatorEmail}}
Телефон: {{coordinatorPhone}}

Ознака упућивања: {{referralId}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Поштоване колеге,</p>
<p style="${P}"><strong>{{coordinatorOffice}}</strong> вам упућује следећи случај.</p>
<p style="${ROW}"><strong>Канцеларија:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Потреба:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Број предмета у СУС:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Датум повратка:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Број чланова домаћинства:</strong> {{householdSize}}</p>
{{#consent}}
<p style="${ROW}"><strong>Упућена лица:</strong></p>
<ul style="${UL}">
{{#persons}}
<li>{{fullName}}, годиште {{birthYear}}</li>
{{/persons}}
</ul>
{{#categoriesText}}
<p style="${P}"><strong>Рањиве категорије:</strong> {{categoriesText}}</p>
{{/categoriesText}}
{{#note}}
<p style="${P}"><strong>Напомена координатора:</strong> {{note}}</p>
{{/note}}
{{/consent}}
{{^consent}}
<p style="${P}">{{householdText}}, предмет {{smrCaseId}}. Лице није дало сагласност да се лични подаци достављају е-поштом; координатор ће вам детаље пренети непосредно.</p>
{{/consent}}
<div style="${BOX}">
<p style="${P}"><strong>Молимо вас да {{action}}.</strong></p>
<p style="${LAST}">Молимо вас да пријем овог упућивања потврдите најкасније до <strong>{{dueDate}}</strong> и да координатора обавестите о исходу.</p>
</div>
{{#links}}
<p style="${ROW}"><strong>Одговорите једним кликом:</strong></p>
<p style="${BUTTON_ROW}"><a href="{{accept}}" style="${BUTTON}">Прихватите упућивање</a></p>
<p style="${BUTTON_ROW}"><a href="{{decline}}" style="${BUTTON_ALT}">Одбијте упућивање (уз навођење разлога)</a></p>
<p style="${BUTTON_ROW}"><a href="{{outcome}}" style="${BUTTON_ALT}">Јавите исход (обављено или није обављено)</a></p>
<p style="${SMALL}">Линкови су лични и важе само за ово упућивање{{#linksExpire}}; истичу {{linksExpire}}{{/linksExpire}}.</p>
{{/links}}
<p style="${ROW}"><strong>Контакт особа:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Општина: {{municipality}}<br>Е-пошта: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Телефон: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${MUTED}">Ознака упућивања: {{referralId}}</p>
</div>
`,
};

const EMAIL_EN: TemplateVariant = {
  subject:
    'Referral from {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — case {{smrCaseId}} — please acknowledge by {{dueDate}}',
  text: `Dear colleagues,

{{coordinatorOffice}} refers the following case to you.

Office: {{officeName}}
Need: {{needLabel}}
Case reference (SMR): {{smrCaseId}}
Arrival date: {{arrivalDate}}
Household members: {{householdSize}}
{{#consent}}

Persons referred:
{{#persons}}
- {{fullName}}, born {{birthYear}}
{{/persons}}
{{#categoriesText}}
Vulnerable categories: {{categoriesText}}
{{/categoriesText}}
{{#note}}
Coordinator's note: {{note}}
{{/note}}
{{/consent}}
{{^consent}}

{{householdText}}, case reference {{smrCaseId}}. The person has not consented to personal details being shared by email; the coordinator will share the details with you directly.
{{/consent}}

We kindly ask you to {{action}}.

Please acknowledge this referral by {{dueDate}} and let the coordinator know the outcome.
{{#links}}

Answer with one click:
Accept the referral: {{accept}}
Decline (with a reason): {{decline}}
Report the outcome (done or not done): {{outcome}}
The links are personal to this referral{{#linksExpire}} and expire on {{linksExpire}}{{/linksExpire}}.
{{/links}}

Referred by:
{{coordinatorName}}
{{coordinatorOffice}}
Municipality: {{municipality}}
Email: {{coordinatorEmail}}
Phone: {{coordinatorPhone}}

Referral ID: {{referralId}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Dear colleagues,</p>
<p style="${P}"><strong>{{coordinatorOffice}}</strong> refers the following case to you.</p>
<p style="${ROW}"><strong>Office:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Need:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Case reference (SMR):</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Arrival date:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Household members:</strong> {{householdSize}}</p>
{{#consent}}
<p style="${ROW}"><strong>Persons referred:</strong></p>
<ul style="${UL}">
{{#persons}}
<li>{{fullName}}, born {{birthYear}}</li>
{{/persons}}
</ul>
{{#categoriesText}}
<p style="${P}"><strong>Vulnerable categories:</strong> {{categoriesText}}</p>
{{/categoriesText}}
{{#note}}
<p style="${P}"><strong>Coordinator's note:</strong> {{note}}</p>
{{/note}}
{{/consent}}
{{^consent}}
<p style="${P}">{{householdText}}, case reference {{smrCaseId}}. The person has not consented to personal details being shared by email; the coordinator will share the details with you directly.</p>
{{/consent}}
<div style="${BOX}">
<p style="${P}"><strong>We kindly ask you to {{action}}.</strong></p>
<p style="${LAST}">Please acknowledge this referral by <strong>{{dueDate}}</strong> and let the coordinator know the outcome.</p>
</div>
{{#links}}
<p style="${ROW}"><strong>Answer with one click:</strong></p>
<p style="${BUTTON_ROW}"><a href="{{accept}}" style="${BUTTON}">Accept the referral</a></p>
<p style="${BUTTON_ROW}"><a href="{{decline}}" style="${BUTTON_ALT}">Decline (with a reason)</a></p>
<p style="${BUTTON_ROW}"><a href="{{outcome}}" style="${BUTTON_ALT}">Report the outcome (done or not done)</a></p>
<p style="${SMALL}">The links are personal to this referral{{#linksExpire}} and expire on {{linksExpire}}{{/linksExpire}}.</p>
{{/links}}
<p style="${ROW}"><strong>Referred by:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Municipality: {{municipality}}<br>Email: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Phone: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${MUTED}">Referral ID: {{referralId}}</p>
</div>
`,
};

// ---------------------------------------------------------------------------------------------
// referral.returnee.sms (non-sensitive referrals only) and referral.returnee.sms.private
// One line each; the renderer collapses whitespace. Keep them short: every ë, ç, č, ć, š, ž, đ
// or Cyrillic letter makes the SMS UCS-2 (67 characters per segment once split).
// ---------------------------------------------------------------------------------------------

const SMS_SQ: TemplateVariant = {
  text: '{{coordinatorOffice}}: Ju lutemi shkoni te {{officeName}}, {{officeAddress}} ({{officeHours}}). Sillni: {{bringList}}. Pyetje: {{coordinatorPhone}}',
};
// sr-Latn sms
const SMS_SR_LATN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Molimo vas da se javite: {{officeName}}, {{officeAddress}} ({{officeHours}}). Ponesite: {{bringList}}. Pitanja: {{coordinatorPhone}}',
};
const SMS_PRIVATE_SR_LATN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Organizovali smo podršku za vas. Vaš koordinator će vas pozvati i preneti vam detalje. Pitanja: {{coordinatorPhone}}',
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const SMS_SR_CYRL: TemplateVariant = {
  text: '{{coordinatorOffice}}: Молимо вас да се јавите: {{officeName}}, {{officeAddress}} ({{officeHours}}). Понесите: {{bringList}}. Питања: {{coordinatorPhone}}',
};
const SMS_PRIVATE_SR_CYRL: TemplateVariant = {
  text: '{{coordinatorOffice}}: Организовали смо подршку за вас. Ваш координатор ће вас позвати и пренети вам детаље. Питања: {{coordinatorPhone}}',
};

const SMS_EN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Please visit {{officeName}}, {{officeAddress}} ({{officeHours}}). Bring: {{bringList}}. Questions: {{coordinatorPhone}}',
};

const SMS_PRIVATE_SQ: TemplateVariant = {
  text: "{{coordinatorOffice}}: Kemi organizuar mbështetje për ju. Koordinatori juaj do t'ju telefonojë me hollësitë. Pyetje: {{coordinatorPhone}}",
};
const SMS_PRIVATE_EN: TemplateVariant = {
  text: '{{coordinatorOffice}}: we have arranged support for you. Your coordinator will call you with the details. Questions: {{coordinatorPhone}}',
};

export const CATALOGUE: Readonly<Record<TemplateId, Readonly<Record<Language, TemplateVariant>>>> = {
  ...NOTICE_TEMPLATES,
  ...REMINDER_SMS_TEMPLATES,
  ...ANSWER_TEMPLATES,
  ...COORDINATION_TEMPLATES,
  ...FOLLOW_UP_TEMPLATES,
  ...ALERT_TEMPLATES,
  'referral.office.email': { sq: EMAIL_SQ, 'sr-Latn': EMAIL_SR_LATN, 'sr-Cyrl': EMAIL_SR_CYRL, en: EMAIL_EN },
  'referral.returnee.sms': { sq: SMS_SQ, 'sr-Latn': SMS_SR_LATN, 'sr-Cyrl': SMS_SR_CYRL, en: SMS_EN },
  'referral.returnee.sms.private': {
    sq: SMS_PRIVATE_SQ,
    'sr-Latn': SMS_PRIVATE_SR_LATN,
    'sr-Cyrl': SMS_PRIVATE_SR_CYRL,
    en: SMS_PRIVATE_EN,
  },
};

type Token = [string, string, number, number, Token[]?, ...unknown[]];

/**
 * The names a template references — variables and section names (#, ^), plus partials if any —
 * sorted and unique. Uses Mustache's own parser, so it sees exactly what rendering will see.
 */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  const walk = (tokens: Token[]): void => {
    for (const t of tokens) {
      const [type, value] = t;
      if (type === 'name' || type === '&' || type === '{' || type === '#' || type === '^' || type === '>') {
        names.add(value);
      }
      if ((type === '#' || type === '^') && Array.isArray(t[4])) walk(t[4]);
    }
  };
  walk(Mustache.parse(template) as unknown as Token[]);
  return [...names].sort();
}

/** Tag types that would bypass HTML escaping ({{{x}}} and {{&x}}); the catalogue must use none. */
export function unescapedTagsOf(template: string): string[] {
  const found: string[] = [];
  const walk = (tokens: Token[]): void => {
    for (const t of tokens) {
      if (t[0] === '&' || t[0] === '{') found.push(t[1]);
      if ((t[0] === '#' || t[0] === '^') && Array.isArray(t[4])) walk(t[4]);
    }
  };
  walk(Mustache.parse(template) as unknown as Token[]);
  return found;
}
