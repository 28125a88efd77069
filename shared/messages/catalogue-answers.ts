import type { Language } from '../domain/vocabulary.js';
import type { TemplateVariant } from './catalogue.js';
import { BOX, HEAD_P, HEAD_ROW, LAST, MUTED, P, ROW, UL, WRAP } from './styles.js';

/**
 * The office's answer to a referral, given with one click from the referral email: an email to
 * the coordinator when the office accepts, declines (at once, with other offices that could take
 * the case) or reports the outcome; and an SMS to the returnee when the office accepts a
 * non-sensitive referral. Same rules as catalogue.ts and catalogue-notices.ts.
 *
 * Office and place names are never inflected. Serbian past participles agree with the gender of
 * their subject ("je prihvatila" / "je prihvatio"), and an office's name can be of any gender, so
 * the Serbian sentences have the generic "Kancelarija" as subject and name the office after a
 * label ("Kancelarija: …"); the SMS puts the name before a dash.
 *
 * {{needLabel}} and {{subjectNeed}} are empty for a sensitive referral (as in
 * referral.coordinator.overdue): such a need is named in no subject and no body. {{note}} is the
 * office's free text, shown as typed (escaped in HTML).
 */

export const REFERRAL_ANSWER_TEMPLATE_IDS = [
  'referral.coordinator.accepted',
  'referral.coordinator.declined',
  'referral.coordinator.outcome',
] as const;
export type ReferralAnswerTemplateId = (typeof REFERRAL_ANSWER_TEMPLATE_IDS)[number];

export const ANSWER_SMS_TEMPLATE_IDS = ['referral.returnee.accepted'] as const;
export type AnswerSmsTemplateId = (typeof ANSWER_SMS_TEMPLATE_IDS)[number];

export const ANSWER_TEMPLATE_IDS = [...REFERRAL_ANSWER_TEMPLATE_IDS, ...ANSWER_SMS_TEMPLATE_IDS] as const;
export type AnswerTemplateId = (typeof ANSWER_TEMPLATE_IDS)[number];

// =============================================================================================
// referral.coordinator.accepted — the office accepted the referral
// =============================================================================================

const ACCEPTED_SQ: TemplateVariant = {
  subject: 'Referimi u pranua{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — rasti {{smrCaseId}}',
  text: `Përshëndetje,

{{officeName}} e pranoi referimin për rastin {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}} më {{answeredDate}} në orën {{answeredTime}}.

Zyra: {{officeName}}
{{#needLabel}}
Nevoja: {{needLabel}}
{{/needLabel}}
{{#note}}
Shënim i zyrës: {{note}}
{{/note}}

Zyra tani do ta trajtojë referimin. Do të njoftoheni kur ajo të raportojë rezultatin.

ID e referimit: {{referralId}}
Rasti në platformë: {{caseId}}
Koordinatori i rastit: {{coordinatorName}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}"><strong>{{officeName}}</strong> e pranoi referimin për rastin <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}} më {{answeredDate}} në orën {{answeredTime}}.</p>
<p style="${ROW}"><strong>Zyra:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Nevoja:</strong> {{needLabel}}</p>
{{/needLabel}}
{{#note}}
<p style="${ROW}"><strong>Shënim i zyrës:</strong> {{note}}</p>
{{/note}}
<div style="${BOX}">
<p style="${LAST}">Zyra tani do ta trajtojë referimin. Do të njoftoheni kur ajo të raportojë rezultatin.</p>
</div>
<p style="${MUTED}">ID e referimit: {{referralId}}<br>Rasti në platformë: {{caseId}}<br>Koordinatori i rastit: {{coordinatorName}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const ACCEPTED_SR_LATN: TemplateVariant = {
  subject: 'Upućivanje prihvaćeno{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — predmet {{smrCaseId}}',
  text: `Dobar dan,

Kancelarija je prihvatila upućivanje za predmet {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}} {{answeredDate}} u {{answeredTime}}.

Kancelarija: {{officeName}}
{{#needLabel}}
Potreba: {{needLabel}}
{{/needLabel}}
{{#note}}
Napomena kancelarije: {{note}}
{{/note}}

Kancelarija će sada obraditi upućivanje. Bićete obavešteni kada prijavi ishod.

Oznaka upućivanja: {{referralId}}
Predmet na platformi: {{caseId}}
Koordinator predmeta: {{coordinatorName}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Kancelarija je prihvatila upućivanje za predmet <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}} {{answeredDate}} u {{answeredTime}}.</p>
<p style="${ROW}"><strong>Kancelarija:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Potreba:</strong> {{needLabel}}</p>
{{/needLabel}}
{{#note}}
<p style="${ROW}"><strong>Napomena kancelarije:</strong> {{note}}</p>
{{/note}}
<div style="${BOX}">
<p style="${LAST}">Kancelarija će sada obraditi upućivanje. Bićete obavešteni kada prijavi ishod.</p>
</div>
<p style="${MUTED}">Oznaka upućivanja: {{referralId}}<br>Predmet na platformi: {{caseId}}<br>Koordinator predmeta: {{coordinatorName}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const ACCEPTED_SR_CYRL: TemplateVariant = {
  subject: 'Упућивање прихваћено{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — предмет {{smrCaseId}}',
  text: `Добар дан,

Канцеларија је прихватила упућивање за предмет {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}} {{answeredDate}} у {{answeredTime}}.

Канцеларија: {{officeName}}
{{#needLabel}}
Потреба: {{needLabel}}
{{/needLabel}}
{{#note}}
Напомена канцеларије: {{note}}
{{/note}}

Канцеларија ће сада обрадити упућивање. Бићете обавештени када пријави исход.

Ознака упућивања: {{referralId}}
Предмет на платформи: {{caseId}}
Координатор предмета: {{coordinatorName}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Канцеларија је прихватила упућивање за предмет <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}} {{answeredDate}} у {{answeredTime}}.</p>
<p style="${ROW}"><strong>Канцеларија:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Потреба:</strong> {{needLabel}}</p>
{{/needLabel}}
{{#note}}
<p style="${ROW}"><strong>Напомена канцеларије:</strong> {{note}}</p>
{{/note}}
<div style="${BOX}">
<p style="${LAST}">Канцеларија ће сада обрадити упућивање. Бићете обавештени када пријави исход.</p>
</div>
<p style="${MUTED}">Ознака упућивања: {{referralId}}<br>Предмет на платформи: {{caseId}}<br>Координатор предмета: {{coordinatorName}}</p>
</div>
`,
};

const ACCEPTED_EN: TemplateVariant = {
  subject: 'Referral accepted{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — case {{smrCaseId}}',
  text: `Hello,

{{officeName}} accepted the referral for case {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}} on {{answeredDate}} at {{answeredTime}}.

Office: {{officeName}}
{{#needLabel}}
Need: {{needLabel}}
{{/needLabel}}
{{#note}}
Note from the office: {{note}}
{{/note}}

The office will now deal with the referral. You will be told when it reports the outcome.

Referral ID: {{referralId}}
Case in the platform: {{caseId}}
Case coordinator: {{coordinatorName}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}"><strong>{{officeName}}</strong> accepted the referral for case <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}} on {{answeredDate}} at {{answeredTime}}.</p>
<p style="${ROW}"><strong>Office:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Need:</strong> {{needLabel}}</p>
{{/needLabel}}
{{#note}}
<p style="${ROW}"><strong>Note from the office:</strong> {{note}}</p>
{{/note}}
<div style="${BOX}">
<p style="${LAST}">The office will now deal with the referral. You will be told when it reports the outcome.</p>
</div>
<p style="${MUTED}">Referral ID: {{referralId}}<br>Case in the platform: {{caseId}}<br>Case coordinator: {{coordinatorName}}</p>
</div>
`,
};

// =============================================================================================
// referral.coordinator.declined — sent at once: the reason, and who else could take the case.
// {{#alternatives}} items have {{altName}} and {{altEmail}}; {{hasAlternatives}} says whether
// there are any.
// =============================================================================================

const DECLINED_SQ: TemplateVariant = {
  subject:
    'Referimi u refuzua{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — rasti {{smrCaseId}} — ju lutemi bëni një referim të ri',
  text: `Përshëndetje,

{{officeName}} e refuzoi referimin për rastin {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}} më {{answeredDate}} në orën {{answeredTime}}.

Zyra: {{officeName}}
{{#needLabel}}
Nevoja: {{needLabel}}
{{/needLabel}}
Arsyeja: {{reasonLabel}}
{{#note}}
Shënim i zyrës: {{note}}
{{/note}}

{{#hasAlternatives}}
Zyra ose organizata të tjera në {{municipality}} që mund ta marrin përsipër:
{{#alternatives}}
- {{altName}}, {{altEmail}}
{{/alternatives}}
{{/hasAlternatives}}
{{^hasAlternatives}}
Në listën e zyrave nuk ka zyra ose organizata të tjera në {{municipality}} që mund ta marrin përsipër.
{{/hasAlternatives}}

Ju lutemi bëni një referim të ri në platformë.

ID e referimit: {{referralId}}
Rasti në platformë: {{caseId}}
Koordinatori i rastit: {{coordinatorName}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}"><strong>{{officeName}}</strong> e refuzoi referimin për rastin <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}} më {{answeredDate}} në orën {{answeredTime}}.</p>
<p style="${ROW}"><strong>Zyra:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Nevoja:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Arsyeja:</strong> {{reasonLabel}}</p>
{{#note}}
<p style="${ROW}"><strong>Shënim i zyrës:</strong> {{note}}</p>
{{/note}}
{{#hasAlternatives}}
<p style="${HEAD_ROW}"><strong>Zyra ose organizata të tjera në {{municipality}} që mund ta marrin përsipër:</strong></p>
<ul style="${UL}">
{{#alternatives}}
<li>{{altName}}, <a href="mailto:{{altEmail}}">{{altEmail}}</a></li>
{{/alternatives}}
</ul>
{{/hasAlternatives}}
{{^hasAlternatives}}
<p style="${HEAD_P}">Në listën e zyrave nuk ka zyra ose organizata të tjera në {{municipality}} që mund ta marrin përsipër.</p>
{{/hasAlternatives}}
<div style="${BOX}">
<p style="${LAST}"><strong>Ju lutemi bëni një referim të ri në platformë.</strong></p>
</div>
<p style="${MUTED}">ID e referimit: {{referralId}}<br>Rasti në platformë: {{caseId}}<br>Koordinatori i rastit: {{coordinatorName}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const DECLINED_SR_LATN: TemplateVariant = {
  subject:
    'Upućivanje odbijeno{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — predmet {{smrCaseId}} — molimo pošaljite novo upućivanje',
  text: `Dobar dan,

Kancelarija je odbila upućivanje za predmet {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}} {{answeredDate}} u {{answeredTime}}.

Kancelarija: {{officeName}}
{{#needLabel}}
Potreba: {{needLabel}}
{{/needLabel}}
Razlog: {{reasonLabel}}
{{#note}}
Napomena kancelarije: {{note}}
{{/note}}

{{#hasAlternatives}}
Druge kancelarije ili organizacije u opštini {{municipality}} koje bi mogle da preuzmu slučaj:
{{#alternatives}}
- {{altName}}, {{altEmail}}
{{/alternatives}}
{{/hasAlternatives}}
{{^hasAlternatives}}
U imeniku nema drugih kancelarija ili organizacija u opštini {{municipality}} koje bi mogle da preuzmu slučaj.
{{/hasAlternatives}}

Molimo vas da na platformi pošaljete novo upućivanje.

Oznaka upućivanja: {{referralId}}
Predmet na platformi: {{caseId}}
Koordinator predmeta: {{coordinatorName}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Kancelarija je odbila upućivanje za predmet <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}} {{answeredDate}} u {{answeredTime}}.</p>
<p style="${ROW}"><strong>Kancelarija:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Potreba:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Razlog:</strong> {{reasonLabel}}</p>
{{#note}}
<p style="${ROW}"><strong>Napomena kancelarije:</strong> {{note}}</p>
{{/note}}
{{#hasAlternatives}}
<p style="${HEAD_ROW}"><strong>Druge kancelarije ili organizacije u opštini {{municipality}} koje bi mogle da preuzmu slučaj:</strong></p>
<ul style="${UL}">
{{#alternatives}}
<li>{{altName}}, <a href="mailto:{{altEmail}}">{{altEmail}}</a></li>
{{/alternatives}}
</ul>
{{/hasAlternatives}}
{{^hasAlternatives}}
<p style="${HEAD_P}">U imeniku nema drugih kancelarija ili organizacija u opštini {{municipality}} koje bi mogle da preuzmu slučaj.</p>
{{/hasAlternatives}}
<div style="${BOX}">
<p style="${LAST}"><strong>Molimo vas da na platformi pošaljete novo upućivanje.</strong></p>
</div>
<p style="${MUTED}">Oznaka upućivanja: {{referralId}}<br>Predmet na platformi: {{caseId}}<br>Koordinator predmeta: {{coordinatorName}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const DECLINED_SR_CYRL: TemplateVariant = {
  subject:
    'Упућивање одбијено{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — предмет {{smrCaseId}} — молимо пошаљите ново упућивање',
  text: `Добар дан,

Канцеларија је одбила упућивање за предмет {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}} {{answeredDate}} у {{answeredTime}}.

Канцеларија: {{officeName}}
{{#needLabel}}
Потреба: {{needLabel}}
{{/needLabel}}
Разлог: {{reasonLabel}}
{{#note}}
Напомена канцеларије: {{note}}
{{/note}}

{{#hasAlternatives}}
Друге канцеларије или организације у општини {{municipality}} које би могле да преузму случај:
{{#alternatives}}
- {{altName}}, {{altEmail}}
{{/alternatives}}
{{/hasAlternatives}}
{{^hasAlternatives}}
У именику нема других канцеларија или организација у општини {{municipality}} које би могле да преузму случај.
{{/hasAlternatives}}

Молимо вас да на платформи пошаљете ново упућивање.

Ознака упућивања: {{referralId}}
Предмет на платформи: {{caseId}}
Координатор предмета: {{coordinatorName}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Канцеларија је одбила упућивање за предмет <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}} {{answeredDate}} у {{answeredTime}}.</p>
<p style="${ROW}"><strong>Канцеларија:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Потреба:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Разлог:</strong> {{reasonLabel}}</p>
{{#note}}
<p style="${ROW}"><strong>Напомена канцеларије:</strong> {{note}}</p>
{{/note}}
{{#hasAlternatives}}
<p style="${HEAD_ROW}"><strong>Друге канцеларије или организације у општини {{municipality}} које би могле да преузму случај:</strong></p>
<ul style="${UL}">
{{#alternatives}}
<li>{{altName}}, <a href="mailto:{{altEmail}}">{{altEmail}}</a></li>
{{/alternatives}}
</ul>
{{/hasAlternatives}}
{{^hasAlternatives}}
<p style="${HEAD_P}">У именику нема других канцеларија или организација у општини {{municipality}} које би могле да преузму случај.</p>
{{/hasAlternatives}}
<div style="${BOX}">
<p style="${LAST}"><strong>Молимо вас да на платформи пошаљете ново упућивање.</strong></p>
</div>
<p style="${MUTED}">Ознака упућивања: {{referralId}}<br>Предмет на платформи: {{caseId}}<br>Координатор предмета: {{coordinatorName}}</p>
</div>
`,
};

const DECLINED_EN: TemplateVariant = {
  subject:
    'Referral declined{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — case {{smrCaseId}} — please make a new referral',
  text: `Hello,

{{officeName}} declined the referral for case {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}} on {{answeredDate}} at {{answeredTime}}.

Office: {{officeName}}
{{#needLabel}}
Need: {{needLabel}}
{{/needLabel}}
Reason: {{reasonLabel}}
{{#note}}
Note from the office: {{note}}
{{/note}}

{{#hasAlternatives}}
Other offices or organisations in {{municipality}} that could take it:
{{#alternatives}}
- {{altName}}, {{altEmail}}
{{/alternatives}}
{{/hasAlternatives}}
{{^hasAlternatives}}
The directory lists no other office or organisation in {{municipality}} that could take it.
{{/hasAlternatives}}

Please make a new referral in the platform.

Referral ID: {{referralId}}
Case in the platform: {{caseId}}
Case coordinator: {{coordinatorName}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}"><strong>{{officeName}}</strong> declined the referral for case <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}} on {{answeredDate}} at {{answeredTime}}.</p>
<p style="${ROW}"><strong>Office:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Need:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Reason:</strong> {{reasonLabel}}</p>
{{#note}}
<p style="${ROW}"><strong>Note from the office:</strong> {{note}}</p>
{{/note}}
{{#hasAlternatives}}
<p style="${HEAD_ROW}"><strong>Other offices or organisations in {{municipality}} that could take it:</strong></p>
<ul style="${UL}">
{{#alternatives}}
<li>{{altName}}, <a href="mailto:{{altEmail}}">{{altEmail}}</a></li>
{{/alternatives}}
</ul>
{{/hasAlternatives}}
{{^hasAlternatives}}
<p style="${HEAD_P}">The directory lists no other office or organisation in {{municipality}} that could take it.</p>
{{/hasAlternatives}}
<div style="${BOX}">
<p style="${LAST}"><strong>Please make a new referral in the platform.</strong></p>
</div>
<p style="${MUTED}">Referral ID: {{referralId}}<br>Case in the platform: {{caseId}}<br>Case coordinator: {{coordinatorName}}</p>
</div>
`,
};

// =============================================================================================
// referral.coordinator.outcome — the office reports the outcome: done or not done.
// {{#done}} / {{^done}} choose what the coordinator is asked to do next.
// =============================================================================================

const OUTCOME_SQ: TemplateVariant = {
  subject: 'Rezultati i referimit{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — rasti {{smrCaseId}} — {{outcomeLabel}}',
  text: `Përshëndetje,

{{officeName}} raportoi rezultatin e referimit për rastin {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}}: {{outcomeLabel}}.

Zyra: {{officeName}}
{{#needLabel}}
Nevoja: {{needLabel}}
{{/needLabel}}
Rezultati: {{outcomeLabel}}
Data e raportimit: {{answeredAt}}
{{#note}}
Shënim i zyrës: {{note}}
{{/note}}

{{#done}}
Ju lutemi shënoni rezultatin në planin e rastit dhe në SMR.
{{/done}}
{{^done}}
Ju lutemi kontaktoni zyrën për të mësuar arsyen dhe, nëse nevojitet, bëni një referim të ri në platformë.
{{/done}}

ID e referimit: {{referralId}}
Rasti në platformë: {{caseId}}
Koordinatori i rastit: {{coordinatorName}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}"><strong>{{officeName}}</strong> raportoi rezultatin e referimit për rastin <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}}: <strong>{{outcomeLabel}}</strong>.</p>
<p style="${ROW}"><strong>Zyra:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Nevoja:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Rezultati:</strong> {{outcomeLabel}}</p>
<p style="${ROW}"><strong>Data e raportimit:</strong> {{answeredAt}}</p>
{{#note}}
<p style="${ROW}"><strong>Shënim i zyrës:</strong> {{note}}</p>
{{/note}}
<div style="${BOX}">
{{#done}}
<p style="${LAST}">Ju lutemi shënoni rezultatin në planin e rastit dhe në SMR.</p>
{{/done}}
{{^done}}
<p style="${LAST}"><strong>Ju lutemi kontaktoni zyrën</strong> për të mësuar arsyen dhe, nëse nevojitet, bëni një referim të ri në platformë.</p>
{{/done}}
</div>
<p style="${MUTED}">ID e referimit: {{referralId}}<br>Rasti në platformë: {{caseId}}<br>Koordinatori i rastit: {{coordinatorName}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const OUTCOME_SR_LATN: TemplateVariant = {
  subject: 'Ishod upućivanja{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — predmet {{smrCaseId}} — {{outcomeLabel}}',
  text: `Dobar dan,

Kancelarija je prijavila ishod upućivanja za predmet {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}}: {{outcomeLabel}}.

Kancelarija: {{officeName}}
{{#needLabel}}
Potreba: {{needLabel}}
{{/needLabel}}
Ishod: {{outcomeLabel}}
Datum prijave: {{answeredAt}}
{{#note}}
Napomena kancelarije: {{note}}
{{/note}}

{{#done}}
Molimo vas da ishod zabeležite u planu predmeta i u SUS-u.
{{/done}}
{{^done}}
Molimo vas da pozovete kancelariju, saznate razlog i, ako je potrebno, na platformi pošaljete novo upućivanje.
{{/done}}

Oznaka upućivanja: {{referralId}}
Predmet na platformi: {{caseId}}
Koordinator predmeta: {{coordinatorName}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Kancelarija je prijavila ishod upućivanja za predmet <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}}: <strong>{{outcomeLabel}}</strong>.</p>
<p style="${ROW}"><strong>Kancelarija:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Potreba:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Ishod:</strong> {{outcomeLabel}}</p>
<p style="${ROW}"><strong>Datum prijave:</strong> {{answeredAt}}</p>
{{#note}}
<p style="${ROW}"><strong>Napomena kancelarije:</strong> {{note}}</p>
{{/note}}
<div style="${BOX}">
{{#done}}
<p style="${LAST}">Molimo vas da ishod zabeležite u planu predmeta i u SUS-u.</p>
{{/done}}
{{^done}}
<p style="${LAST}"><strong>Molimo vas da pozovete kancelariju</strong>, saznate razlog i, ako je potrebno, na platformi pošaljete novo upućivanje.</p>
{{/done}}
</div>
<p style="${MUTED}">Oznaka upućivanja: {{referralId}}<br>Predmet na platformi: {{caseId}}<br>Koordinator predmeta: {{coordinatorName}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const OUTCOME_SR_CYRL: TemplateVariant = {
  subject: 'Исход упућивања{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — предмет {{smrCaseId}} — {{outcomeLabel}}',
  text: `Добар дан,

Канцеларија је пријавила исход упућивања за предмет {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}}: {{outcomeLabel}}.

Канцеларија: {{officeName}}
{{#needLabel}}
Потреба: {{needLabel}}
{{/needLabel}}
Исход: {{outcomeLabel}}
Датум пријаве: {{answeredAt}}
{{#note}}
Напомена канцеларије: {{note}}
{{/note}}

{{#done}}
Молимо вас да исход забележите у плану предмета и у СУС-у.
{{/done}}
{{^done}}
Молимо вас да позовете канцеларију, сазнате разлог и, ако је потребно, на платформи пошаљете ново упућивање.
{{/done}}

Ознака упућивања: {{referralId}}
Предмет на платформи: {{caseId}}
Координатор предмета: {{coordinatorName}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Канцеларија је пријавила исход упућивања за предмет <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}}: <strong>{{outcomeLabel}}</strong>.</p>
<p style="${ROW}"><strong>Канцеларија:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Потреба:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Исход:</strong> {{outcomeLabel}}</p>
<p style="${ROW}"><strong>Датум пријаве:</strong> {{answeredAt}}</p>
{{#note}}
<p style="${ROW}"><strong>Напомена канцеларије:</strong> {{note}}</p>
{{/note}}
<div style="${BOX}">
{{#done}}
<p style="${LAST}">Молимо вас да исход забележите у плану предмета и у СУС-у.</p>
{{/done}}
{{^done}}
<p style="${LAST}"><strong>Молимо вас да позовете канцеларију</strong>, сазнате разлог и, ако је потребно, на платформи пошаљете ново упућивање.</p>
{{/done}}
</div>
<p style="${MUTED}">Ознака упућивања: {{referralId}}<br>Предмет на платформи: {{caseId}}<br>Координатор предмета: {{coordinatorName}}</p>
</div>
`,
};

const OUTCOME_EN: TemplateVariant = {
  subject: 'Referral outcome{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — case {{smrCaseId}} — {{outcomeLabel}}',
  text: `Hello,

{{officeName}} reported the outcome of the referral for case {{smrCaseId}}{{#needLabel}} ({{needLabel}}){{/needLabel}}: {{outcomeLabel}}.

Office: {{officeName}}
{{#needLabel}}
Need: {{needLabel}}
{{/needLabel}}
Outcome: {{outcomeLabel}}
Reported on: {{answeredAt}}
{{#note}}
Note from the office: {{note}}
{{/note}}

{{#done}}
Please record the outcome in the case plan and in SMR.
{{/done}}
{{^done}}
Please call the office to find out why and, if needed, make a new referral in the platform.
{{/done}}

Referral ID: {{referralId}}
Case in the platform: {{caseId}}
Case coordinator: {{coordinatorName}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}"><strong>{{officeName}}</strong> reported the outcome of the referral for case <strong>{{smrCaseId}}</strong>{{#needLabel}} ({{needLabel}}){{/needLabel}}: <strong>{{outcomeLabel}}</strong>.</p>
<p style="${ROW}"><strong>Office:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Need:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Outcome:</strong> {{outcomeLabel}}</p>
<p style="${ROW}"><strong>Reported on:</strong> {{answeredAt}}</p>
{{#note}}
<p style="${ROW}"><strong>Note from the office:</strong> {{note}}</p>
{{/note}}
<div style="${BOX}">
{{#done}}
<p style="${LAST}">Please record the outcome in the case plan and in SMR.</p>
{{/done}}
{{^done}}
<p style="${LAST}"><strong>Please call the office</strong> to find out why and, if needed, make a new referral in the platform.</p>
{{/done}}
</div>
<p style="${MUTED}">Referral ID: {{referralId}}<br>Case in the platform: {{caseId}}<br>Case coordinator: {{coordinatorName}}</p>
</div>
`,
};

// =============================================================================================
// referral.returnee.accepted — SMS to the returnee when the office accepts (never for a
// sensitive referral). One line; the renderer collapses whitespace. Budget: 3 segments and 320
// characters; Albanian and Serbian are UCS-2 (201 characters), so the renderer leaves out the need
// label and then the bring-list when the office's name, address and hours leave no room for them.
// =============================================================================================

const ACCEPTED_SMS_SQ: TemplateVariant = {
  text: "{{coordinatorOffice}}: {{officeName}} e pranoi kërkesën tuaj{{#needLabel}} ({{needLabel}}){{/needLabel}}. Do t'ju kontaktojnë, ose shkoni vetë: {{officeAddress}} ({{officeHours}}).{{#bringList}} Sillni: {{bringList}}.{{/bringList}} Pyetje: {{coordinatorPhone}}",
};
// sr-Latn sms (sr-Cyrl below is its transliteration; keep them in step)
const ACCEPTED_SMS_SR_LATN: TemplateVariant = {
  text: '{{coordinatorOffice}}: {{officeName}} - vaš zahtev je prihvaćen{{#needLabel}} ({{needLabel}}){{/needLabel}}. Javiće vam se, ili se sami javite: {{officeAddress}} ({{officeHours}}).{{#bringList}} Ponesite: {{bringList}}.{{/bringList}} Pitanja: {{coordinatorPhone}}',
};
// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const ACCEPTED_SMS_SR_CYRL: TemplateVariant = {
  text: '{{coordinatorOffice}}: {{officeName}} - ваш захтев је прихваћен{{#needLabel}} ({{needLabel}}){{/needLabel}}. Јавиће вам се, или се сами јавите: {{officeAddress}} ({{officeHours}}).{{#bringList}} Понесите: {{bringList}}.{{/bringList}} Питања: {{coordinatorPhone}}',
};
const ACCEPTED_SMS_EN: TemplateVariant = {
  text: '{{coordinatorOffice}}: {{officeName}} has accepted your request{{#needLabel}} ({{needLabel}}){{/needLabel}}. They will contact you, or go there: {{officeAddress}} ({{officeHours}}).{{#bringList}} Bring: {{bringList}}.{{/bringList}} Questions: {{coordinatorPhone}}',
};

export const ANSWER_TEMPLATES: Readonly<Record<AnswerTemplateId, Readonly<Record<Language, TemplateVariant>>>> = {
  'referral.coordinator.accepted': { sq: ACCEPTED_SQ, 'sr-Latn': ACCEPTED_SR_LATN, 'sr-Cyrl': ACCEPTED_SR_CYRL, en: ACCEPTED_EN },
  'referral.coordinator.declined': { sq: DECLINED_SQ, 'sr-Latn': DECLINED_SR_LATN, 'sr-Cyrl': DECLINED_SR_CYRL, en: DECLINED_EN },
  'referral.coordinator.outcome': { sq: OUTCOME_SQ, 'sr-Latn': OUTCOME_SR_LATN, 'sr-Cyrl': OUTCOME_SR_CYRL, en: OUTCOME_EN },
  'referral.returnee.accepted': {
    sq: ACCEPTED_SMS_SQ,
    'sr-Latn': ACCEPTED_SMS_SR_LATN,
    'sr-Cyrl': ACCEPTED_SMS_SR_CYRL,
    en: ACCEPTED_SMS_EN,
  },
};
