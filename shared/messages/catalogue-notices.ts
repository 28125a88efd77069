import type { Language } from '../domain/vocabulary.js';
import type { TemplateVariant } from './catalogue.js';
import { BOX, LAST, MUTED, P, ROW, WRAP } from './styles.js';

/**
 * Notices by email: the acknowledgement ladder of a referral (office reminder, head-of-office
 * escalation, coordinator flag) and the clocks of a case (72-hour home visit, monthly
 * monitoring, quarterly evaluation, closure at 18 months). Same rules as catalogue.ts.
 *
 * Names of offices and places are never inflected: they stand after a label ("Zyra: …",
 * "Kancelarija: …") or after a preposition that takes the nominative. Subjects carry no person
 * names; the need appears in a subject only through {{subjectNeed}}, which the renderer leaves
 * empty for sensitive referrals.
 */

export const REFERRAL_NOTICE_TEMPLATE_IDS = [
  'referral.office.reminder',
  'referral.head.escalation',
  'referral.coordinator.overdue',
] as const;
export type ReferralNoticeTemplateId = (typeof REFERRAL_NOTICE_TEMPLATE_IDS)[number];

export const CASE_NOTICE_TEMPLATE_IDS = [
  'visit.coordinator.reminder',
  'visit.coordinator.escalation',
  'case.coordinator.monitoring',
  'case.coordinator.evaluation',
  'case.coordinator.closure',
] as const;
export type CaseNoticeTemplateId = (typeof CASE_NOTICE_TEMPLATE_IDS)[number];

export const NOTICE_TEMPLATE_IDS = [...REFERRAL_NOTICE_TEMPLATE_IDS, ...CASE_NOTICE_TEMPLATE_IDS] as const;
export type NoticeTemplateId = (typeof NOTICE_TEMPLATE_IDS)[number];

// =============================================================================================
// referral.office.reminder — to the office, the working day after the acknowledgement date
// =============================================================================================

const OFFICE_REMINDER_SQ: TemplateVariant = {
  subject:
    'Kujtesë: referim nga {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — rasti {{smrCaseId}} — afati i konfirmimit ishte {{dueDate}}',
  text: `Të nderuar kolegë,

Ju kujtojmë referimin e mëposhtëm nga {{coordinatorOffice}}.

Zyra: {{officeName}}
Nevoja: {{needLabel}}
Numri i rastit në SMR: {{smrCaseId}}
Data e referimit: {{sentDate}}
Afati i konfirmimit: {{dueDate}}

Ende nuk e kemi marrë konfirmimin tuaj. Ju lutemi t'i konfirmoni koordinatorit se e keni pranuar referimin dhe ta njoftoni për hapat e mëtejshëm.

Koordinatori:
{{coordinatorName}}
{{coordinatorOffice}}
Komuna: {{municipality}}
Email: {{coordinatorEmail}}
Tel.: {{coordinatorPhone}}

Faleminderit.

ID e referimit: {{referralId}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Të nderuar kolegë,</p>
<p style="${P}">Ju kujtojmë referimin e mëposhtëm nga <strong>{{coordinatorOffice}}</strong>.</p>
<p style="${ROW}"><strong>Zyra:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Nevoja:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Numri i rastit në SMR:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Data e referimit:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Afati i konfirmimit:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Ende nuk e kemi marrë konfirmimin tuaj.</strong> Ju lutemi t'i konfirmoni koordinatorit se e keni pranuar referimin dhe ta njoftoni për hapat e mëtejshëm.</p>
</div>
<p style="${ROW}"><strong>Koordinatori:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Komuna: {{municipality}}<br>Email: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Tel.: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${P}">Faleminderit.</p>
<p style="${MUTED}">ID e referimit: {{referralId}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const OFFICE_REMINDER_SR_LATN: TemplateVariant = {
  subject:
    'Podsetnik: upućivanje iz {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — predmet {{smrCaseId}} — rok za potvrdu bio je {{dueDate}}',
  text: `Poštovane kolege,

Podsećamo vas na sledeće upućivanje iz {{coordinatorOffice}}.

Kancelarija: {{officeName}}
Potreba: {{needLabel}}
Broj predmeta u SUS: {{smrCaseId}}
Datum upućivanja: {{sentDate}}
Rok za potvrdu: {{dueDate}}

Vašu potvrdu još nismo primili. Molimo vas da koordinatoru potvrdite prijem upućivanja i javite koji su sledeći koraci.

Kontakt osoba:
{{coordinatorName}}
{{coordinatorOffice}}
Opština: {{municipality}}
E-pošta: {{coordinatorEmail}}
Telefon: {{coordinatorPhone}}

Hvala vam.

Oznaka upućivanja: {{referralId}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Poštovane kolege,</p>
<p style="${P}">Podsećamo vas na sledeće upućivanje iz <strong>{{coordinatorOffice}}</strong>.</p>
<p style="${ROW}"><strong>Kancelarija:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Potreba:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Broj predmeta u SUS:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Datum upućivanja:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Rok za potvrdu:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Vašu potvrdu još nismo primili.</strong> Molimo vas da koordinatoru potvrdite prijem upućivanja i javite koji su sledeći koraci.</p>
</div>
<p style="${ROW}"><strong>Kontakt osoba:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Opština: {{municipality}}<br>E-pošta: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Telefon: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${P}">Hvala vam.</p>
<p style="${MUTED}">Oznaka upućivanja: {{referralId}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const OFFICE_REMINDER_SR_CYRL: TemplateVariant = {
  subject:
    'Подсетник: упућивање из {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — предмет {{smrCaseId}} — рок за потврду био је {{dueDate}}',
  text: `Поштоване колеге,

Подсећамо вас на следеће упућивање из {{coordinatorOffice}}.

Канцеларија: {{officeName}}
Потреба: {{needLabel}}
Број предмета у СУС: {{smrCaseId}}
Датум упућивања: {{sentDate}}
Рок за потврду: {{dueDate}}

Вашу потврду још нисмо примили. Молимо вас да координатору потврдите пријем упућивања и јавите који су следећи кораци.

Контакт особа:
{{coordinatorName}}
{{coordinatorOffice}}
Општина: {{municipality}}
Е-пошта: {{coordinatorEmail}}
Телефон: {{coordinatorPhone}}

Хвала вам.

Ознака упућивања: {{referralId}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Поштоване колеге,</p>
<p style="${P}">Подсећамо вас на следеће упућивање из <strong>{{coordinatorOffice}}</strong>.</p>
<p style="${ROW}"><strong>Канцеларија:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Потреба:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Број предмета у СУС:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Датум упућивања:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Рок за потврду:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Вашу потврду још нисмо примили.</strong> Молимо вас да координатору потврдите пријем упућивања и јавите који су следећи кораци.</p>
</div>
<p style="${ROW}"><strong>Контакт особа:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Општина: {{municipality}}<br>Е-пошта: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Телефон: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${P}">Хвала вам.</p>
<p style="${MUTED}">Ознака упућивања: {{referralId}}</p>
</div>
`,
};

const OFFICE_REMINDER_EN: TemplateVariant = {
  subject:
    'Reminder: referral from {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — case {{smrCaseId}} — acknowledgement was due by {{dueDate}}',
  text: `Dear colleagues,

This is a reminder about the following referral from {{coordinatorOffice}}.

Office: {{officeName}}
Need: {{needLabel}}
Case reference (SMR): {{smrCaseId}}
Referral sent on: {{sentDate}}
Acknowledgement due by: {{dueDate}}

We have not yet received your acknowledgement. Please confirm to the coordinator that you have received the referral, and let them know the next steps.

Coordinator:
{{coordinatorName}}
{{coordinatorOffice}}
Municipality: {{municipality}}
Email: {{coordinatorEmail}}
Phone: {{coordinatorPhone}}

Thank you.

Referral ID: {{referralId}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Dear colleagues,</p>
<p style="${P}">This is a reminder about the following referral from <strong>{{coordinatorOffice}}</strong>.</p>
<p style="${ROW}"><strong>Office:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Need:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Case reference (SMR):</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Referral sent on:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Acknowledgement due by:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>We have not yet received your acknowledgement.</strong> Please confirm to the coordinator that you have received the referral, and let them know the next steps.</p>
</div>
<p style="${ROW}"><strong>Coordinator:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Municipality: {{municipality}}<br>Email: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Phone: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${P}">Thank you.</p>
<p style="${MUTED}">Referral ID: {{referralId}}</p>
</div>
`,
};

// =============================================================================================
// referral.head.escalation — to the head of the same office, a few working days later
// =============================================================================================

const HEAD_ESCALATION_SQ: TemplateVariant = {
  subject:
    'Referim i pakonfirmuar nga {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — rasti {{smrCaseId}} — afati i konfirmimit ishte {{dueDate}}',
  text: `Përshëndetje,

Një referim nga {{coordinatorOffice}} për zyrën tuaj, i dërguar më {{sentDate}}, ende nuk është konfirmuar. Afati i konfirmimit ishte {{dueDate}} dhe zyrës i është dërguar tashmë një kujtesë.

Zyra: {{officeName}}
Nevoja: {{needLabel}}
Numri i rastit në SMR: {{smrCaseId}}
Data e referimit: {{sentDate}}
Afati i konfirmimit: {{dueDate}}

Ju lutemi sigurohuni që referimi të trajtohet dhe që koordinatori të njoftohet se kush merret me të dhe cilët janë hapat e mëtejshëm.

Koordinatori:
{{coordinatorName}}
{{coordinatorOffice}}
Komuna: {{municipality}}
Email: {{coordinatorEmail}}
Tel.: {{coordinatorPhone}}

Faleminderit.

ID e referimit: {{referralId}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}">Një referim nga <strong>{{coordinatorOffice}}</strong> për zyrën tuaj, i dërguar më {{sentDate}}, ende nuk është konfirmuar. Afati i konfirmimit ishte {{dueDate}} dhe zyrës i është dërguar tashmë një kujtesë.</p>
<p style="${ROW}"><strong>Zyra:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Nevoja:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Numri i rastit në SMR:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Data e referimit:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Afati i konfirmimit:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Ju lutemi sigurohuni që referimi të trajtohet</strong> dhe që koordinatori të njoftohet se kush merret me të dhe cilët janë hapat e mëtejshëm.</p>
</div>
<p style="${ROW}"><strong>Koordinatori:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Komuna: {{municipality}}<br>Email: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Tel.: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${P}">Faleminderit.</p>
<p style="${MUTED}">ID e referimit: {{referralId}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const HEAD_ESCALATION_SR_LATN: TemplateVariant = {
  subject:
    'Nepotvrđeno upućivanje iz {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — predmet {{smrCaseId}} — rok za potvrdu bio je {{dueDate}}',
  text: `Poštovani,

Upućivanje iz {{coordinatorOffice}} vašoj kancelariji, poslato {{sentDate}}, još nije potvrđeno. Rok za potvrdu bio je {{dueDate}}, a kancelariji je već poslat podsetnik.

Kancelarija: {{officeName}}
Potreba: {{needLabel}}
Broj predmeta u SUS: {{smrCaseId}}
Datum upućivanja: {{sentDate}}
Rok za potvrdu: {{dueDate}}

Molimo vas da se postarate da upućivanje bude obrađeno i da koordinator dobije informaciju ko se njime bavi i koji su sledeći koraci.

Kontakt osoba:
{{coordinatorName}}
{{coordinatorOffice}}
Opština: {{municipality}}
E-pošta: {{coordinatorEmail}}
Telefon: {{coordinatorPhone}}

Hvala vam.

Oznaka upućivanja: {{referralId}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Poštovani,</p>
<p style="${P}">Upućivanje iz <strong>{{coordinatorOffice}}</strong> vašoj kancelariji, poslato {{sentDate}}, još nije potvrđeno. Rok za potvrdu bio je {{dueDate}}, a kancelariji je već poslat podsetnik.</p>
<p style="${ROW}"><strong>Kancelarija:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Potreba:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Broj predmeta u SUS:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Datum upućivanja:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Rok za potvrdu:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Molimo vas da se postarate da upućivanje bude obrađeno</strong> i da koordinator dobije informaciju ko se njime bavi i koji su sledeći koraci.</p>
</div>
<p style="${ROW}"><strong>Kontakt osoba:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Opština: {{municipality}}<br>E-pošta: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Telefon: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${P}">Hvala vam.</p>
<p style="${MUTED}">Oznaka upućivanja: {{referralId}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const HEAD_ESCALATION_SR_CYRL: TemplateVariant = {
  subject:
    'Непотврђено упућивање из {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — предмет {{smrCaseId}} — рок за потврду био је {{dueDate}}',
  text: `Поштовани,

Упућивање из {{coordinatorOffice}} вашој канцеларији, послато {{sentDate}}, још није потврђено. Рок за потврду био је {{dueDate}}, а канцеларији је већ послат подсетник.

Канцеларија: {{officeName}}
Потреба: {{needLabel}}
Број предмета у СУС: {{smrCaseId}}
Датум упућивања: {{sentDate}}
Рок за потврду: {{dueDate}}

Молимо вас да се постарате да упућивање буде обрађено и да координатор добије информацију ко се њиме бави и који су следећи кораци.

Контакт особа:
{{coordinatorName}}
{{coordinatorOffice}}
Општина: {{municipality}}
Е-пошта: {{coordinatorEmail}}
Телефон: {{coordinatorPhone}}

Хвала вам.

Ознака упућивања: {{referralId}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Поштовани,</p>
<p style="${P}">Упућивање из <strong>{{coordinatorOffice}}</strong> вашој канцеларији, послато {{sentDate}}, још није потврђено. Рок за потврду био је {{dueDate}}, а канцеларији је већ послат подсетник.</p>
<p style="${ROW}"><strong>Канцеларија:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Потреба:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Број предмета у СУС:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Датум упућивања:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Рок за потврду:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Молимо вас да се постарате да упућивање буде обрађено</strong> и да координатор добије информацију ко се њиме бави и који су следећи кораци.</p>
</div>
<p style="${ROW}"><strong>Контакт особа:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Општина: {{municipality}}<br>Е-пошта: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Телефон: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${P}">Хвала вам.</p>
<p style="${MUTED}">Ознака упућивања: {{referralId}}</p>
</div>
`,
};

const HEAD_ESCALATION_EN: TemplateVariant = {
  subject:
    'Unacknowledged referral from {{coordinatorOffice}}{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — case {{smrCaseId}} — acknowledgement was due by {{dueDate}}',
  text: `Dear head of office,

A referral from {{coordinatorOffice}} to your office, sent on {{sentDate}}, has not been acknowledged. Acknowledgement was due by {{dueDate}}, and the office has already received a reminder.

Office: {{officeName}}
Need: {{needLabel}}
Case reference (SMR): {{smrCaseId}}
Referral sent on: {{sentDate}}
Acknowledgement due by: {{dueDate}}

Please make sure that the referral is handled, and that the coordinator is told who is dealing with it and what the next steps are.

Coordinator:
{{coordinatorName}}
{{coordinatorOffice}}
Municipality: {{municipality}}
Email: {{coordinatorEmail}}
Phone: {{coordinatorPhone}}

Thank you.

Referral ID: {{referralId}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Dear head of office,</p>
<p style="${P}">A referral from <strong>{{coordinatorOffice}}</strong> to your office, sent on {{sentDate}}, has not been acknowledged. Acknowledgement was due by {{dueDate}}, and the office has already received a reminder.</p>
<p style="${ROW}"><strong>Office:</strong> {{officeName}}</p>
<p style="${ROW}"><strong>Need:</strong> {{needLabel}}</p>
<p style="${ROW}"><strong>Case reference (SMR):</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Referral sent on:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Acknowledgement due by:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Please make sure that the referral is handled,</strong> and that the coordinator is told who is dealing with it and what the next steps are.</p>
</div>
<p style="${ROW}"><strong>Coordinator:</strong></p>
<p style="${P}">{{coordinatorName}}<br>{{coordinatorOffice}}<br>Municipality: {{municipality}}<br>Email: <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a><br>Phone: <a href="tel:{{coordinatorPhone}}">{{coordinatorPhone}}</a></p>
<p style="${P}">Thank you.</p>
<p style="${MUTED}">Referral ID: {{referralId}}</p>
</div>
`,
};

// =============================================================================================
// referral.coordinator.overdue — to the coordinator when the ladder has run out.
// {{needLabel}} is empty for a sensitive referral, so the body then says only "a referral".
// =============================================================================================

const COORDINATOR_OVERDUE_SQ: TemplateVariant = {
  subject:
    'Referim ende pa përgjigje{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — rasti {{smrCaseId}} — ju lutemi telefononi zyrën',
  text: `Përshëndetje,

Një referim për rastin {{smrCaseId}} është ende pa përgjigje, edhe pas një kujtese drejtuar zyrës dhe një njoftimi drejtuar udhëheqësit të zyrës.

Zyra: {{officeName}}
{{#needLabel}}
Nevoja: {{needLabel}}
{{/needLabel}}
Data e referimit: {{sentDate}}
Afati i konfirmimit: {{dueDate}}

Ju lutemi telefononi zyrën për t'u siguruar që referimi ka arritur dhe për të mësuar kush merret me të.

ID e referimit: {{referralId}}
Koordinatori i rastit: {{coordinatorName}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}">Një referim për rastin <strong>{{smrCaseId}}</strong> është ende pa përgjigje, edhe pas një kujtese drejtuar zyrës dhe një njoftimi drejtuar udhëheqësit të zyrës.</p>
<p style="${ROW}"><strong>Zyra:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Nevoja:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Data e referimit:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Afati i konfirmimit:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Ju lutemi telefononi zyrën</strong> për t'u siguruar që referimi ka arritur dhe për të mësuar kush merret me të.</p>
</div>
<p style="${MUTED}">ID e referimit: {{referralId}}<br>Koordinatori i rastit: {{coordinatorName}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const COORDINATOR_OVERDUE_SR_LATN: TemplateVariant = {
  subject:
    'Upućivanje i dalje bez odgovora{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — predmet {{smrCaseId}} — molimo pozovite kancelariju',
  text: `Dobar dan,

Upućivanje za predmet {{smrCaseId}} još je bez odgovora, iako je kancelarija dobila podsetnik, a njen rukovodilac obaveštenje.

Kancelarija: {{officeName}}
{{#needLabel}}
Potreba: {{needLabel}}
{{/needLabel}}
Datum upućivanja: {{sentDate}}
Rok za potvrdu: {{dueDate}}

Molimo vas da pozovete kancelariju i proverite da li je upućivanje stiglo i ko se njime bavi.

Oznaka upućivanja: {{referralId}}
Koordinator predmeta: {{coordinatorName}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Upućivanje za predmet <strong>{{smrCaseId}}</strong> još je bez odgovora, iako je kancelarija dobila podsetnik, a njen rukovodilac obaveštenje.</p>
<p style="${ROW}"><strong>Kancelarija:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Potreba:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Datum upućivanja:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Rok za potvrdu:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Molimo vas da pozovete kancelariju</strong> i proverite da li je upućivanje stiglo i ko se njime bavi.</p>
</div>
<p style="${MUTED}">Oznaka upućivanja: {{referralId}}<br>Koordinator predmeta: {{coordinatorName}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const COORDINATOR_OVERDUE_SR_CYRL: TemplateVariant = {
  subject:
    'Упућивање и даље без одговора{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — предмет {{smrCaseId}} — молимо позовите канцеларију',
  text: `Добар дан,

Упућивање за предмет {{smrCaseId}} још је без одговора, иако је канцеларија добила подсетник, а њен руководилац обавештење.

Канцеларија: {{officeName}}
{{#needLabel}}
Потреба: {{needLabel}}
{{/needLabel}}
Датум упућивања: {{sentDate}}
Рок за потврду: {{dueDate}}

Молимо вас да позовете канцеларију и проверите да ли је упућивање стигло и ко се њиме бави.

Ознака упућивања: {{referralId}}
Координатор предмета: {{coordinatorName}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Упућивање за предмет <strong>{{smrCaseId}}</strong> још је без одговора, иако је канцеларија добила подсетник, а њен руководилац обавештење.</p>
<p style="${ROW}"><strong>Канцеларија:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Потреба:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Датум упућивања:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Рок за потврду:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Молимо вас да позовете канцеларију</strong> и проверите да ли је упућивање стигло и ко се њиме бави.</p>
</div>
<p style="${MUTED}">Ознака упућивања: {{referralId}}<br>Координатор предмета: {{coordinatorName}}</p>
</div>
`,
};

const COORDINATOR_OVERDUE_EN: TemplateVariant = {
  subject:
    'Referral still unanswered{{#subjectNeed}}: {{subjectNeed}}{{/subjectNeed}} — case {{smrCaseId}} — please call the office',
  text: `Hello,

A referral for case {{smrCaseId}} is still unanswered, even after a reminder to the office and an escalation to the head of office.

Office: {{officeName}}
{{#needLabel}}
Need: {{needLabel}}
{{/needLabel}}
Referral sent on: {{sentDate}}
Acknowledgement was due by: {{dueDate}}

Please call the office to make sure the referral has arrived and to find out who is dealing with it.

Referral ID: {{referralId}}
Case coordinator: {{coordinatorName}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}">A referral for case <strong>{{smrCaseId}}</strong> is still unanswered, even after a reminder to the office and an escalation to the head of office.</p>
<p style="${ROW}"><strong>Office:</strong> {{officeName}}</p>
{{#needLabel}}
<p style="${ROW}"><strong>Need:</strong> {{needLabel}}</p>
{{/needLabel}}
<p style="${ROW}"><strong>Referral sent on:</strong> {{sentDate}}</p>
<p style="${P}"><strong>Acknowledgement was due by:</strong> {{dueDate}}</p>
<div style="${BOX}">
<p style="${LAST}"><strong>Please call the office</strong> to make sure the referral has arrived and to find out who is dealing with it.</p>
</div>
<p style="${MUTED}">Referral ID: {{referralId}}<br>Case coordinator: {{coordinatorName}}</p>
</div>
`,
};

// =============================================================================================
// visit.coordinator.reminder — the 72-hour home visit is coming up and none is recorded
// =============================================================================================

const VISIT_REMINDER_SQ: TemplateVariant = {
  subject: 'Vizita në shtëpi deri më {{deadline}} — rasti {{smrCaseId}}',
  text: `Përshëndetje,

Vizita në shtëpi për rastin {{smrCaseId}} duhet të bëhet deri më {{deadlineDate}} në orën {{deadlineTime}}, brenda 72 orëve nga mbërritja e familjes. Ende nuk është regjistruar asnjë vizitë.

Numri i rastit në SMR: {{smrCaseId}}
Numri i anëtarëve të familjes: {{householdSize}}
Data e mbërritjes: {{arrivalDate}}
Afati i vizitës: {{deadline}}

Ju lutemi vizitoni familjen së bashku me DRPR-në dhe Qendrën për Punë Sociale, plotësoni formularin e vlerësimit të nevojave (FVN) dhe, pasi të jetë bërë vizita, regjistrojeni në platformë.

Rasti në platformë: {{caseId}}
Koordinatori i rastit: {{coordinatorName}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}">Vizita në shtëpi për rastin <strong>{{smrCaseId}}</strong> duhet të bëhet deri më <strong>{{deadlineDate}} në orën {{deadlineTime}}</strong>, brenda 72 orëve nga mbërritja e familjes. Ende nuk është regjistruar asnjë vizitë.</p>
<p style="${ROW}"><strong>Numri i rastit në SMR:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Numri i anëtarëve të familjes:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Data e mbërritjes:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Afati i vizitës:</strong> {{deadline}}</p>
<div style="${BOX}">
<p style="${LAST}">Ju lutemi vizitoni familjen së bashku me DRPR-në dhe Qendrën për Punë Sociale, plotësoni formularin e vlerësimit të nevojave (FVN) dhe, pasi të jetë bërë vizita, <strong>regjistrojeni në platformë</strong>.</p>
</div>
<p style="${MUTED}">Rasti në platformë: {{caseId}}<br>Koordinatori i rastit: {{coordinatorName}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const VISIT_REMINDER_SR_LATN: TemplateVariant = {
  subject: 'Kućna poseta do {{deadline}} — predmet {{smrCaseId}}',
  text: `Dobar dan,

Kućnu posetu za predmet {{smrCaseId}} treba obaviti do {{deadlineDate}} u {{deadlineTime}}, u roku od 72 sata od dolaska domaćinstva. Poseta još nije evidentirana.

Broj predmeta u SUS: {{smrCaseId}}
Broj članova domaćinstva: {{householdSize}}
Datum dolaska: {{arrivalDate}}
Rok za kućnu posetu: {{deadline}}

Molimo vas da domaćinstvo posetite zajedno sa ORRLIS-om i Centrom za socijalni rad, popunite obrazac za procenu potreba (OPP) i, kada poseta bude obavljena, evidentirate je na platformi.

Predmet na platformi: {{caseId}}
Koordinator predmeta: {{coordinatorName}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Kućnu posetu za predmet <strong>{{smrCaseId}}</strong> treba obaviti do <strong>{{deadlineDate}} u {{deadlineTime}}</strong>, u roku od 72 sata od dolaska domaćinstva. Poseta još nije evidentirana.</p>
<p style="${ROW}"><strong>Broj predmeta u SUS:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Broj članova domaćinstva:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Datum dolaska:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Rok za kućnu posetu:</strong> {{deadline}}</p>
<div style="${BOX}">
<p style="${LAST}">Molimo vas da domaćinstvo posetite zajedno sa ORRLIS-om i Centrom za socijalni rad, popunite obrazac za procenu potreba (OPP) i, kada poseta bude obavljena, <strong>evidentirate je na platformi</strong>.</p>
</div>
<p style="${MUTED}">Predmet na platformi: {{caseId}}<br>Koordinator predmeta: {{coordinatorName}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const VISIT_REMINDER_SR_CYRL: TemplateVariant = {
  subject: 'Кућна посета до {{deadline}} — предмет {{smrCaseId}}',
  text: `Добар дан,

Кућну посету за предмет {{smrCaseId}} треба обавити до {{deadlineDate}} у {{deadlineTime}}, у року од 72 сата од доласка домаћинства. Посета још није евидентирана.

Број предмета у СУС: {{smrCaseId}}
Број чланова домаћинства: {{householdSize}}
Датум доласка: {{arrivalDate}}
Рок за кућну посету: {{deadline}}

Молимо вас да домаћинство посетите заједно са ОРРЛИС-ом и Центром за социјални рад, попуните образац за процену потреба (ОПП) и, када посета буде обављена, евидентирате је на платформи.

Предмет на платформи: {{caseId}}
Координатор предмета: {{coordinatorName}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Кућну посету за предмет <strong>{{smrCaseId}}</strong> треба обавити до <strong>{{deadlineDate}} у {{deadlineTime}}</strong>, у року од 72 сата од доласка домаћинства. Посета још није евидентирана.</p>
<p style="${ROW}"><strong>Број предмета у СУС:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Број чланова домаћинства:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Датум доласка:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Рок за кућну посету:</strong> {{deadline}}</p>
<div style="${BOX}">
<p style="${LAST}">Молимо вас да домаћинство посетите заједно са ОРРЛИС-ом и Центром за социјални рад, попуните образац за процену потреба (ОПП) и, када посета буде обављена, <strong>евидентирате је на платформи</strong>.</p>
</div>
<p style="${MUTED}">Предмет на платформи: {{caseId}}<br>Координатор предмета: {{coordinatorName}}</p>
</div>
`,
};

const VISIT_REMINDER_EN: TemplateVariant = {
  subject: 'Home visit due by {{deadline}} — case {{smrCaseId}}',
  text: `Hello,

The home visit for case {{smrCaseId}} is due by {{deadlineDate}} at {{deadlineTime}}, within 72 hours of the household's arrival. No visit has been recorded yet.

Case reference (SMR): {{smrCaseId}}
Household members: {{householdSize}}
Arrival date: {{arrivalDate}}
Home visit due by: {{deadline}}

Please visit the household together with DRPR and the Centre for Social Work, fill in the needs assessment form (FVN) and, once the visit has taken place, record it in the platform.

Case in the platform: {{caseId}}
Case coordinator: {{coordinatorName}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}">The home visit for case <strong>{{smrCaseId}}</strong> is due by <strong>{{deadlineDate}} at {{deadlineTime}}</strong>, within 72 hours of the household's arrival. No visit has been recorded yet.</p>
<p style="${ROW}"><strong>Case reference (SMR):</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Household members:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Arrival date:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Home visit due by:</strong> {{deadline}}</p>
<div style="${BOX}">
<p style="${LAST}">Please visit the household together with DRPR and the Centre for Social Work, fill in the needs assessment form (FVN) and, once the visit has taken place, <strong>record it in the platform</strong>.</p>
</div>
<p style="${MUTED}">Case in the platform: {{caseId}}<br>Case coordinator: {{coordinatorName}}</p>
</div>
`,
};

// =============================================================================================
// visit.coordinator.escalation — the 72 hours have passed and no visit is recorded
// =============================================================================================

const VISIT_ESCALATION_SQ: TemplateVariant = {
  subject: 'Afati i vizitës në shtëpi ka kaluar — rasti {{smrCaseId}} — {{deadline}}',
  text: `Përshëndetje,

Afati 72-orësh për vizitën në shtëpi në rastin {{smrCaseId}} ka kaluar më {{deadlineDate}} në orën {{deadlineTime}} dhe nuk është regjistruar asnjë vizitë.

Numri i rastit në SMR: {{smrCaseId}}
Numri i anëtarëve të familjes: {{householdSize}}
Data e mbërritjes: {{arrivalDate}}
Afati i vizitës: {{deadline}}

Nëse vizita është bërë, ju lutemi regjistrojeni në platformë. Nëse jo, ju lutemi organizojeni sa më shpejt, së bashku me DRPR-në dhe Qendrën për Punë Sociale.

Rasti në platformë: {{caseId}}
Koordinatori i rastit: {{coordinatorName}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}">Afati 72-orësh për vizitën në shtëpi në rastin <strong>{{smrCaseId}}</strong> ka kaluar më <strong>{{deadlineDate}} në orën {{deadlineTime}}</strong> dhe nuk është regjistruar asnjë vizitë.</p>
<p style="${ROW}"><strong>Numri i rastit në SMR:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Numri i anëtarëve të familjes:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Data e mbërritjes:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Afati i vizitës:</strong> {{deadline}}</p>
<div style="${BOX}">
<p style="${P}">Nëse vizita është bërë, ju lutemi <strong>regjistrojeni në platformë</strong>.</p>
<p style="${LAST}">Nëse jo, ju lutemi organizojeni sa më shpejt, së bashku me DRPR-në dhe Qendrën për Punë Sociale.</p>
</div>
<p style="${MUTED}">Rasti në platformë: {{caseId}}<br>Koordinatori i rastit: {{coordinatorName}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const VISIT_ESCALATION_SR_LATN: TemplateVariant = {
  subject: 'Rok za kućnu posetu je istekao — predmet {{smrCaseId}} — {{deadline}}',
  text: `Dobar dan,

Rok od 72 sata za kućnu posetu u predmetu {{smrCaseId}} istekao je {{deadlineDate}} u {{deadlineTime}}, a poseta nije evidentirana.

Broj predmeta u SUS: {{smrCaseId}}
Broj članova domaćinstva: {{householdSize}}
Datum dolaska: {{arrivalDate}}
Rok za kućnu posetu: {{deadline}}

Ako je poseta obavljena, molimo vas da je evidentirate na platformi. Ako nije, molimo vas da je što pre organizujete zajedno sa ORRLIS-om i Centrom za socijalni rad.

Predmet na platformi: {{caseId}}
Koordinator predmeta: {{coordinatorName}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Rok od 72 sata za kućnu posetu u predmetu <strong>{{smrCaseId}}</strong> istekao je <strong>{{deadlineDate}} u {{deadlineTime}}</strong>, a poseta nije evidentirana.</p>
<p style="${ROW}"><strong>Broj predmeta u SUS:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Broj članova domaćinstva:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Datum dolaska:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Rok za kućnu posetu:</strong> {{deadline}}</p>
<div style="${BOX}">
<p style="${P}">Ako je poseta obavljena, molimo vas da je <strong>evidentirate na platformi</strong>.</p>
<p style="${LAST}">Ako nije, molimo vas da je što pre organizujete zajedno sa ORRLIS-om i Centrom za socijalni rad.</p>
</div>
<p style="${MUTED}">Predmet na platformi: {{caseId}}<br>Koordinator predmeta: {{coordinatorName}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const VISIT_ESCALATION_SR_CYRL: TemplateVariant = {
  subject: 'Рок за кућну посету је истекао — предмет {{smrCaseId}} — {{deadline}}',
  text: `Добар дан,

Рок од 72 сата за кућну посету у предмету {{smrCaseId}} истекао је {{deadlineDate}} у {{deadlineTime}}, а посета није евидентирана.

Број предмета у СУС: {{smrCaseId}}
Број чланова домаћинства: {{householdSize}}
Датум доласка: {{arrivalDate}}
Рок за кућну посету: {{deadline}}

Ако је посета обављена, молимо вас да је евидентирате на платформи. Ако није, молимо вас да је што пре организујете заједно са ОРРЛИС-ом и Центром за социјални рад.

Предмет на платформи: {{caseId}}
Координатор предмета: {{coordinatorName}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Рок од 72 сата за кућну посету у предмету <strong>{{smrCaseId}}</strong> истекао је <strong>{{deadlineDate}} у {{deadlineTime}}</strong>, а посета није евидентирана.</p>
<p style="${ROW}"><strong>Број предмета у СУС:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Број чланова домаћинства:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Датум доласка:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Рок за кућну посету:</strong> {{deadline}}</p>
<div style="${BOX}">
<p style="${P}">Ако је посета обављена, молимо вас да је <strong>евидентирате на платформи</strong>.</p>
<p style="${LAST}">Ако није, молимо вас да је што пре организујете заједно са ОРРЛИС-ом и Центром за социјални рад.</p>
</div>
<p style="${MUTED}">Предмет на платформи: {{caseId}}<br>Координатор предмета: {{coordinatorName}}</p>
</div>
`,
};

const VISIT_ESCALATION_EN: TemplateVariant = {
  subject: 'Home visit deadline passed — case {{smrCaseId}} — {{deadline}}',
  text: `Hello,

The 72-hour deadline for the home visit in case {{smrCaseId}} passed on {{deadlineDate}} at {{deadlineTime}}, and no visit has been recorded.

Case reference (SMR): {{smrCaseId}}
Household members: {{householdSize}}
Arrival date: {{arrivalDate}}
Home visit was due by: {{deadline}}

If the visit has taken place, please record it in the platform. If not, please arrange it as soon as possible, together with DRPR and the Centre for Social Work.

Case in the platform: {{caseId}}
Case coordinator: {{coordinatorName}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}">The 72-hour deadline for the home visit in case <strong>{{smrCaseId}}</strong> passed on <strong>{{deadlineDate}} at {{deadlineTime}}</strong>, and no visit has been recorded.</p>
<p style="${ROW}"><strong>Case reference (SMR):</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Household members:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Arrival date:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Home visit was due by:</strong> {{deadline}}</p>
<div style="${BOX}">
<p style="${P}">If the visit has taken place, please <strong>record it in the platform</strong>.</p>
<p style="${LAST}">If not, please arrange it as soon as possible, together with DRPR and the Centre for Social Work.</p>
</div>
<p style="${MUTED}">Case in the platform: {{caseId}}<br>Case coordinator: {{coordinatorName}}</p>
</div>
`,
};

// =============================================================================================
// case.coordinator.monitoring — monthly monitoring of the individual plan (PIR / PII)
// =============================================================================================

const MONITORING_SQ: TemplateVariant = {
  subject: 'Monitorimi mujor i planit ({{planAbbr}}) — rasti {{smrCaseId}} — muaji {{occurrence}} nga 18',
  text: `Përshëndetje,

Është koha për monitorimin mujor të planit individual ({{planAbbr}}) për rastin {{smrCaseId}}: muaji {{occurrence}} nga 18.

Numri i rastit në SMR: {{smrCaseId}}
Plani: {{planName}}
Numri i anëtarëve të familjes: {{householdSize}}
Data e mbërritjes: {{arrivalDate}}
Monitorimi: muaji {{occurrence}} nga 18

Ju lutemi shqyrtoni me familjen si po ecën secila masë e planit, ndiqni referimet e hapura dhe, sipas nevojës, përditësoni planin dhe rastin në SMR.

Rasti në platformë: {{caseId}}
Koordinatori i rastit: {{coordinatorName}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}">Është koha për monitorimin mujor të planit individual ({{planAbbr}}) për rastin <strong>{{smrCaseId}}</strong>: muaji {{occurrence}} nga 18.</p>
<p style="${ROW}"><strong>Numri i rastit në SMR:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Plani:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Numri i anëtarëve të familjes:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Data e mbërritjes:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Monitorimi:</strong> muaji {{occurrence}} nga 18</p>
<div style="${BOX}">
<p style="${LAST}">Ju lutemi shqyrtoni me familjen si po ecën secila masë e planit, ndiqni referimet e hapura dhe, sipas nevojës, përditësoni planin dhe rastin në SMR.</p>
</div>
<p style="${MUTED}">Rasti në platformë: {{caseId}}<br>Koordinatori i rastit: {{coordinatorName}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const MONITORING_SR_LATN: TemplateVariant = {
  subject: 'Mesečno praćenje plana ({{planAbbr}}) — predmet {{smrCaseId}} — mesec {{occurrence}} od 18',
  text: `Dobar dan,

Vreme je za mesečno praćenje individualnog plana ({{planAbbr}}) za predmet {{smrCaseId}}: mesec {{occurrence}} od 18.

Broj predmeta u SUS: {{smrCaseId}}
Plan: {{planName}}
Broj članova domaćinstva: {{householdSize}}
Datum dolaska: {{arrivalDate}}
Praćenje: mesec {{occurrence}} od 18

Molimo vas da sa domaćinstvom proverite kako napreduje svaka mera iz plana, pratite otvorena upućivanja i po potrebi ažurirate plan i predmet u SUS-u.

Predmet na platformi: {{caseId}}
Koordinator predmeta: {{coordinatorName}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Vreme je za mesečno praćenje individualnog plana ({{planAbbr}}) za predmet <strong>{{smrCaseId}}</strong>: mesec {{occurrence}} od 18.</p>
<p style="${ROW}"><strong>Broj predmeta u SUS:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Plan:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Broj članova domaćinstva:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Datum dolaska:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Praćenje:</strong> mesec {{occurrence}} od 18</p>
<div style="${BOX}">
<p style="${LAST}">Molimo vas da sa domaćinstvom proverite kako napreduje svaka mera iz plana, pratite otvorena upućivanja i po potrebi ažurirate plan i predmet u SUS-u.</p>
</div>
<p style="${MUTED}">Predmet na platformi: {{caseId}}<br>Koordinator predmeta: {{coordinatorName}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const MONITORING_SR_CYRL: TemplateVariant = {
  subject: 'Месечно праћење плана ({{planAbbr}}) — предмет {{smrCaseId}} — месец {{occurrence}} од 18',
  text: `Добар дан,

Време је за месечно праћење индивидуалног плана ({{planAbbr}}) за предмет {{smrCaseId}}: месец {{occurrence}} од 18.

Број предмета у СУС: {{smrCaseId}}
План: {{planName}}
Број чланова домаћинства: {{householdSize}}
Датум доласка: {{arrivalDate}}
Праћење: месец {{occurrence}} од 18

Молимо вас да са домаћинством проверите како напредује свака мера из плана, пратите отворена упућивања и по потреби ажурирате план и предмет у СУС-у.

Предмет на платформи: {{caseId}}
Координатор предмета: {{coordinatorName}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Време је за месечно праћење индивидуалног плана ({{planAbbr}}) за предмет <strong>{{smrCaseId}}</strong>: месец {{occurrence}} од 18.</p>
<p style="${ROW}"><strong>Број предмета у СУС:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>План:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Број чланова домаћинства:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Датум доласка:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Праћење:</strong> месец {{occurrence}} од 18</p>
<div style="${BOX}">
<p style="${LAST}">Молимо вас да са домаћинством проверите како напредује свака мера из плана, пратите отворена упућивања и по потреби ажурирате план и предмет у СУС-у.</p>
</div>
<p style="${MUTED}">Предмет на платформи: {{caseId}}<br>Координатор предмета: {{coordinatorName}}</p>
</div>
`,
};

const MONITORING_EN: TemplateVariant = {
  subject: 'Monthly monitoring of the plan ({{planAbbr}}) — case {{smrCaseId}} — month {{occurrence}} of 18',
  text: `Hello,

It is time for the monthly monitoring of the individual plan ({{planAbbr}}) for case {{smrCaseId}}: month {{occurrence}} of 18.

Case reference (SMR): {{smrCaseId}}
Plan: {{planName}}
Household members: {{householdSize}}
Arrival date: {{arrivalDate}}
Monitoring: month {{occurrence}} of 18

Please review with the household how each measure of the plan is going, follow up on open referrals and, where needed, update the plan and the case in SMR.

Case in the platform: {{caseId}}
Case coordinator: {{coordinatorName}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}">It is time for the monthly monitoring of the individual plan ({{planAbbr}}) for case <strong>{{smrCaseId}}</strong>: month {{occurrence}} of 18.</p>
<p style="${ROW}"><strong>Case reference (SMR):</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Plan:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Household members:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Arrival date:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Monitoring:</strong> month {{occurrence}} of 18</p>
<div style="${BOX}">
<p style="${LAST}">Please review with the household how each measure of the plan is going, follow up on open referrals and, where needed, update the plan and the case in SMR.</p>
</div>
<p style="${MUTED}">Case in the platform: {{caseId}}<br>Case coordinator: {{coordinatorName}}</p>
</div>
`,
};

// =============================================================================================
// case.coordinator.evaluation — quarterly evaluation of the schemes and services used
// =============================================================================================

const EVALUATION_SQ: TemplateVariant = {
  subject: 'Vlerësimi tremujor i skemave dhe shërbimeve — rasti {{smrCaseId}} — tremujori {{occurrence}}',
  text: `Përshëndetje,

Është koha për vlerësimin tremujor të skemave dhe shërbimeve nga të cilat përfiton familja në rastin {{smrCaseId}}: tremujori {{occurrence}} pas mbërritjes.

Numri i rastit në SMR: {{smrCaseId}}
Plani: {{planName}}
Numri i anëtarëve të familjes: {{householdSize}}
Data e mbërritjes: {{arrivalDate}}
Vlerësimi: tremujori {{occurrence}}

Ju lutemi kërkoni informata kthyese nga secila zyrë e përfshirë për skemat dhe shërbimet, vlerësoni me familjen nëse ato i plotësojnë nevojat e saj dhe përditësoni planin ({{planAbbr}}) dhe rastin në SMR.

Rasti në platformë: {{caseId}}
Koordinatori i rastit: {{coordinatorName}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}">Është koha për vlerësimin tremujor të skemave dhe shërbimeve nga të cilat përfiton familja në rastin <strong>{{smrCaseId}}</strong>: tremujori {{occurrence}} pas mbërritjes.</p>
<p style="${ROW}"><strong>Numri i rastit në SMR:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Plani:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Numri i anëtarëve të familjes:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Data e mbërritjes:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Vlerësimi:</strong> tremujori {{occurrence}}</p>
<div style="${BOX}">
<p style="${LAST}">Ju lutemi kërkoni informata kthyese nga secila zyrë e përfshirë për skemat dhe shërbimet, vlerësoni me familjen nëse ato i plotësojnë nevojat e saj dhe përditësoni planin ({{planAbbr}}) dhe rastin në SMR.</p>
</div>
<p style="${MUTED}">Rasti në platformë: {{caseId}}<br>Koordinatori i rastit: {{coordinatorName}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const EVALUATION_SR_LATN: TemplateVariant = {
  subject: 'Tromesečna evaluacija šema i usluga — predmet {{smrCaseId}} — tromesečje {{occurrence}}',
  text: `Dobar dan,

Vreme je za tromesečnu evaluaciju šema i usluga koje koristi domaćinstvo u predmetu {{smrCaseId}}: tromesečje {{occurrence}} od dolaska.

Broj predmeta u SUS: {{smrCaseId}}
Plan: {{planName}}
Broj članova domaćinstva: {{householdSize}}
Datum dolaska: {{arrivalDate}}
Evaluacija: tromesečje {{occurrence}}

Molimo vas da od svake uključene kancelarije zatražite povratnu informaciju o šemama i uslugama, sa domaćinstvom procenite da li one odgovaraju njegovim potrebama i ažurirate plan ({{planAbbr}}) i predmet u SUS-u.

Predmet na platformi: {{caseId}}
Koordinator predmeta: {{coordinatorName}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Vreme je za tromesečnu evaluaciju šema i usluga koje koristi domaćinstvo u predmetu <strong>{{smrCaseId}}</strong>: tromesečje {{occurrence}} od dolaska.</p>
<p style="${ROW}"><strong>Broj predmeta u SUS:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Plan:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Broj članova domaćinstva:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Datum dolaska:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Evaluacija:</strong> tromesečje {{occurrence}}</p>
<div style="${BOX}">
<p style="${LAST}">Molimo vas da od svake uključene kancelarije zatražite povratnu informaciju o šemama i uslugama, sa domaćinstvom procenite da li one odgovaraju njegovim potrebama i ažurirate plan ({{planAbbr}}) i predmet u SUS-u.</p>
</div>
<p style="${MUTED}">Predmet na platformi: {{caseId}}<br>Koordinator predmeta: {{coordinatorName}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const EVALUATION_SR_CYRL: TemplateVariant = {
  subject: 'Тромесечна евалуација шема и услуга — предмет {{smrCaseId}} — тромесечје {{occurrence}}',
  text: `Добар дан,

Време је за тромесечну евалуацију шема и услуга које користи домаћинство у предмету {{smrCaseId}}: тромесечје {{occurrence}} од доласка.

Број предмета у СУС: {{smrCaseId}}
План: {{planName}}
Број чланова домаћинства: {{householdSize}}
Датум доласка: {{arrivalDate}}
Евалуација: тромесечје {{occurrence}}

Молимо вас да од сваке укључене канцеларије затражите повратну информацију о шемама и услугама, са домаћинством процените да ли оне одговарају његовим потребама и ажурирате план ({{planAbbr}}) и предмет у СУС-у.

Предмет на платформи: {{caseId}}
Координатор предмета: {{coordinatorName}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Време је за тромесечну евалуацију шема и услуга које користи домаћинство у предмету <strong>{{smrCaseId}}</strong>: тромесечје {{occurrence}} од доласка.</p>
<p style="${ROW}"><strong>Број предмета у СУС:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>План:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Број чланова домаћинства:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Датум доласка:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Евалуација:</strong> тромесечје {{occurrence}}</p>
<div style="${BOX}">
<p style="${LAST}">Молимо вас да од сваке укључене канцеларије затражите повратну информацију о шемама и услугама, са домаћинством процените да ли оне одговарају његовим потребама и ажурирате план ({{planAbbr}}) и предмет у СУС-у.</p>
</div>
<p style="${MUTED}">Предмет на платформи: {{caseId}}<br>Координатор предмета: {{coordinatorName}}</p>
</div>
`,
};

const EVALUATION_EN: TemplateVariant = {
  subject: 'Quarterly evaluation of schemes and services — case {{smrCaseId}} — quarter {{occurrence}}',
  text: `Hello,

It is time for the quarterly evaluation of the schemes and services that the household in case {{smrCaseId}} benefits from: quarter {{occurrence}} since arrival.

Case reference (SMR): {{smrCaseId}}
Plan: {{planName}}
Household members: {{householdSize}}
Arrival date: {{arrivalDate}}
Evaluation: quarter {{occurrence}}

Please ask each office involved for feedback on the schemes and services, assess with the household whether they meet its needs, and update the plan ({{planAbbr}}) and the case in SMR.

Case in the platform: {{caseId}}
Case coordinator: {{coordinatorName}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}">It is time for the quarterly evaluation of the schemes and services that the household in case <strong>{{smrCaseId}}</strong> benefits from: quarter {{occurrence}} since arrival.</p>
<p style="${ROW}"><strong>Case reference (SMR):</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Plan:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Household members:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Arrival date:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>Evaluation:</strong> quarter {{occurrence}}</p>
<div style="${BOX}">
<p style="${LAST}">Please ask each office involved for feedback on the schemes and services, assess with the household whether they meet its needs, and update the plan ({{planAbbr}}) and the case in SMR.</p>
</div>
<p style="${MUTED}">Case in the platform: {{caseId}}<br>Case coordinator: {{coordinatorName}}</p>
</div>
`,
};

// =============================================================================================
// case.coordinator.closure — 18 months since arrival: final evaluation and closure
// =============================================================================================

const CLOSURE_SQ: TemplateVariant = {
  subject: 'Vlerësimi përfundimtar dhe mbyllja e rastit {{smrCaseId}} — 18 muaj nga mbërritja',
  text: `Përshëndetje,

Rasti {{smrCaseId}} mbush 18 muaj nga mbërritja më {{closureDate}}. Është koha për vlerësimin përfundimtar të planit individual ({{planAbbr}}) dhe për mbylljen e rastit.

Numri i rastit në SMR: {{smrCaseId}}
Plani: {{planName}}
Numri i anëtarëve të familjes: {{householdSize}}
Data e mbërritjes: {{arrivalDate}}
18 muaj nga mbërritja: {{closureDate}}

Ju lutemi bëni vlerësimin përfundimtar me familjen dhe me zyrat e përfshira, shënoni rezultatet dhe mbyllni rastin si në platformë, ashtu edhe në SMR.

Rasti në platformë: {{caseId}}
Koordinatori i rastit: {{coordinatorName}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}">Rasti <strong>{{smrCaseId}}</strong> mbush 18 muaj nga mbërritja më <strong>{{closureDate}}</strong>. Është koha për vlerësimin përfundimtar të planit individual ({{planAbbr}}) dhe për mbylljen e rastit.</p>
<p style="${ROW}"><strong>Numri i rastit në SMR:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Plani:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Numri i anëtarëve të familjes:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Data e mbërritjes:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>18 muaj nga mbërritja:</strong> {{closureDate}}</p>
<div style="${BOX}">
<p style="${LAST}">Ju lutemi bëni vlerësimin përfundimtar me familjen dhe me zyrat e përfshira, shënoni rezultatet dhe <strong>mbyllni rastin si në platformë, ashtu edhe në SMR</strong>.</p>
</div>
<p style="${MUTED}">Rasti në platformë: {{caseId}}<br>Koordinatori i rastit: {{coordinatorName}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const CLOSURE_SR_LATN: TemplateVariant = {
  subject: 'Završna evaluacija i zatvaranje predmeta {{smrCaseId}} — 18 meseci od dolaska',
  text: `Dobar dan,

Predmet {{smrCaseId}} navršava 18 meseci od dolaska {{closureDate}}. Vreme je za završnu evaluaciju individualnog plana ({{planAbbr}}) i za zatvaranje predmeta.

Broj predmeta u SUS: {{smrCaseId}}
Plan: {{planName}}
Broj članova domaćinstva: {{householdSize}}
Datum dolaska: {{arrivalDate}}
18 meseci od dolaska: {{closureDate}}

Molimo vas da sa domaćinstvom i uključenim kancelarijama obavite završnu evaluaciju, zabeležite rezultate i zatvorite predmet i na platformi i u SUS-u.

Predmet na platformi: {{caseId}}
Koordinator predmeta: {{coordinatorName}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Predmet <strong>{{smrCaseId}}</strong> navršava 18 meseci od dolaska <strong>{{closureDate}}</strong>. Vreme je za završnu evaluaciju individualnog plana ({{planAbbr}}) i za zatvaranje predmeta.</p>
<p style="${ROW}"><strong>Broj predmeta u SUS:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Plan:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Broj članova domaćinstva:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Datum dolaska:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>18 meseci od dolaska:</strong> {{closureDate}}</p>
<div style="${BOX}">
<p style="${LAST}">Molimo vas da sa domaćinstvom i uključenim kancelarijama obavite završnu evaluaciju, zabeležite rezultate i <strong>zatvorite predmet i na platformi i u SUS-u</strong>.</p>
</div>
<p style="${MUTED}">Predmet na platformi: {{caseId}}<br>Koordinator predmeta: {{coordinatorName}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const CLOSURE_SR_CYRL: TemplateVariant = {
  subject: 'Завршна евалуација и затварање предмета {{smrCaseId}} — 18 месеци од доласка',
  text: `Добар дан,

Предмет {{smrCaseId}} навршава 18 месеци од доласка {{closureDate}}. Време је за завршну евалуацију индивидуалног плана ({{planAbbr}}) и за затварање предмета.

Број предмета у СУС: {{smrCaseId}}
План: {{planName}}
Број чланова домаћинства: {{householdSize}}
Датум доласка: {{arrivalDate}}
18 месеци од доласка: {{closureDate}}

Молимо вас да са домаћинством и укљученим канцеларијама обавите завршну евалуацију, забележите резултате и затворите предмет и на платформи и у СУС-у.

Предмет на платформи: {{caseId}}
Координатор предмета: {{coordinatorName}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Предмет <strong>{{smrCaseId}}</strong> навршава 18 месеци од доласка <strong>{{closureDate}}</strong>. Време је за завршну евалуацију индивидуалног плана ({{planAbbr}}) и за затварање предмета.</p>
<p style="${ROW}"><strong>Број предмета у СУС:</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>План:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Број чланова домаћинства:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Датум доласка:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>18 месеци од доласка:</strong> {{closureDate}}</p>
<div style="${BOX}">
<p style="${LAST}">Молимо вас да са домаћинством и укљученим канцеларијама обавите завршну евалуацију, забележите резултате и <strong>затворите предмет и на платформи и у СУС-у</strong>.</p>
</div>
<p style="${MUTED}">Предмет на платформи: {{caseId}}<br>Координатор предмета: {{coordinatorName}}</p>
</div>
`,
};

const CLOSURE_EN: TemplateVariant = {
  subject: 'Final evaluation and closure of case {{smrCaseId}} — 18 months since arrival',
  text: `Hello,

Case {{smrCaseId}} reaches 18 months since arrival on {{closureDate}}. It is time for the final evaluation of the individual plan ({{planAbbr}}) and for closing the case.

Case reference (SMR): {{smrCaseId}}
Plan: {{planName}}
Household members: {{householdSize}}
Arrival date: {{arrivalDate}}
18 months since arrival: {{closureDate}}

Please carry out the final evaluation with the household and the offices involved, record the results, and close the case both in the platform and in SMR.

Case in the platform: {{caseId}}
Case coordinator: {{coordinatorName}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}">Case <strong>{{smrCaseId}}</strong> reaches 18 months since arrival on <strong>{{closureDate}}</strong>. It is time for the final evaluation of the individual plan ({{planAbbr}}) and for closing the case.</p>
<p style="${ROW}"><strong>Case reference (SMR):</strong> {{smrCaseId}}</p>
<p style="${ROW}"><strong>Plan:</strong> {{planName}}</p>
<p style="${ROW}"><strong>Household members:</strong> {{householdSize}}</p>
<p style="${ROW}"><strong>Arrival date:</strong> {{arrivalDate}}</p>
<p style="${P}"><strong>18 months since arrival:</strong> {{closureDate}}</p>
<div style="${BOX}">
<p style="${LAST}">Please carry out the final evaluation with the household and the offices involved, record the results, and <strong>close the case both in the platform and in SMR</strong>.</p>
</div>
<p style="${MUTED}">Case in the platform: {{caseId}}<br>Case coordinator: {{coordinatorName}}</p>
</div>
`,
};

export const NOTICE_TEMPLATES: Readonly<Record<NoticeTemplateId, Readonly<Record<Language, TemplateVariant>>>> = {
  'referral.office.reminder': {
    sq: OFFICE_REMINDER_SQ,
    'sr-Latn': OFFICE_REMINDER_SR_LATN,
    'sr-Cyrl': OFFICE_REMINDER_SR_CYRL,
    en: OFFICE_REMINDER_EN,
  },
  'referral.head.escalation': {
    sq: HEAD_ESCALATION_SQ,
    'sr-Latn': HEAD_ESCALATION_SR_LATN,
    'sr-Cyrl': HEAD_ESCALATION_SR_CYRL,
    en: HEAD_ESCALATION_EN,
  },
  'referral.coordinator.overdue': {
    sq: COORDINATOR_OVERDUE_SQ,
    'sr-Latn': COORDINATOR_OVERDUE_SR_LATN,
    'sr-Cyrl': COORDINATOR_OVERDUE_SR_CYRL,
    en: COORDINATOR_OVERDUE_EN,
  },
  'visit.coordinator.reminder': {
    sq: VISIT_REMINDER_SQ,
    'sr-Latn': VISIT_REMINDER_SR_LATN,
    'sr-Cyrl': VISIT_REMINDER_SR_CYRL,
    en: VISIT_REMINDER_EN,
  },
  'visit.coordinator.escalation': {
    sq: VISIT_ESCALATION_SQ,
    'sr-Latn': VISIT_ESCALATION_SR_LATN,
    'sr-Cyrl': VISIT_ESCALATION_SR_CYRL,
    en: VISIT_ESCALATION_EN,
  },
  'case.coordinator.monitoring': {
    sq: MONITORING_SQ,
    'sr-Latn': MONITORING_SR_LATN,
    'sr-Cyrl': MONITORING_SR_CYRL,
    en: MONITORING_EN,
  },
  'case.coordinator.evaluation': {
    sq: EVALUATION_SQ,
    'sr-Latn': EVALUATION_SR_LATN,
    'sr-Cyrl': EVALUATION_SR_CYRL,
    en: EVALUATION_EN,
  },
  'case.coordinator.closure': {
    sq: CLOSURE_SQ,
    'sr-Latn': CLOSURE_SR_LATN,
    'sr-Cyrl': CLOSURE_SR_CYRL,
    en: CLOSURE_EN,
  },
};
