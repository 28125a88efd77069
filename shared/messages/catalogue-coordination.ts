import type { Language } from '../domain/vocabulary.js';
import type { TemplateVariant } from './catalogue.js';
import {
  BOX,
  CODE,
  HEAD_ROW,
  LAST,
  MUTED,
  P,
  ROW,
  TABLE,
  TD,
  TD_COL,
  TD_NAME,
  TD_NUM,
  TH,
  TH_COL,
  UL,
  WRAP,
} from './styles.js';

/**
 * Coordination emails: the meetings of the local network (invitation, change, cancellation,
 * reminder, and afterwards the request to record the minutes), the coordinator's daily or weekly
 * digest, and the quarterly indicator report. Same rules as catalogue.ts.
 *
 * No returnee is ever named: cases are SMR case ids. Subjects carry no need and no free text (an
 * ad-hoc meeting's {{title}} is shown in the body only). In an action point {{needLabel}} is empty
 * for a sensitive referral, and {{#referral}} then says only "referral". {{kindLabel}} is the
 * meeting's title (MEETING_KIND_LABELS), office and place names are never inflected, and the
 * Serbian sentences never make an office the subject of a past participle (see
 * catalogue-answers.ts). Dates, times, counts, percentages and the quarter ("K4 2026",
 * "4. tromesečje 2026", "Q4 2026") are formatted in code.
 *
 * Pieces that several templates share — one action point, the agenda, the figures, the convener —
 * are constants per language, so each sentence is written, and reviewed, once.
 */

export const MEETING_EMAIL_TEMPLATE_IDS = ['meeting.invitation', 'meeting.rescheduled', 'meeting.cancelled', 'meeting.reminder'] as const;
export type MeetingEmailTemplateId = (typeof MEETING_EMAIL_TEMPLATE_IDS)[number];

export const COORDINATION_TEMPLATE_IDS = [
  ...MEETING_EMAIL_TEMPLATE_IDS,
  'meeting.minutes_request',
  'digest.coordinator',
  'report.quarterly',
] as const;
export type CoordinationTemplateId = (typeof COORDINATION_TEMPLATE_IDS)[number];

// =============================================================================================
// Shared pieces. ACTION_*: one action point, inline (a list item in text and HTML alike); its
// flags are isOverdue, isDeclined, isNearingClosure, isFailedDelivery (and isSms / isEmail).
// =============================================================================================

const ACTION_SQ = `Rasti {{smrCaseId}}{{#needLabel}} — {{needLabel}}{{/needLabel}}{{^needLabel}}{{#referral}} — referim{{/referral}}{{/needLabel}}{{#office}} — {{office}}{{/office}}: {{#isOverdue}}afati i konfirmimit ishte {{date}}{{/isOverdue}}{{#isDeclined}}u refuzua më {{date}}{{#reason}} ({{reason}}){{/reason}}, ende pa referim të ri{{/isDeclined}}{{#isNearingClosure}}mbush 18 muaj nga mbërritja më {{date}}; vijon vlerësimi përfundimtar dhe mbyllja{{/isNearingClosure}}{{#isFailedDelivery}}{{#isSms}}SMS-ja{{/isSms}}{{#isEmail}}emaili{{/isEmail}} nuk u dorëzua më {{date}}; kontaktoni me telefon ose me vizitë{{/isFailedDelivery}}`;

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const ACTION_SR_LATN = `Predmet {{smrCaseId}}{{#needLabel}} — {{needLabel}}{{/needLabel}}{{^needLabel}}{{#referral}} — upućivanje{{/referral}}{{/needLabel}}{{#office}} — {{office}}{{/office}}: {{#isOverdue}}rok za potvrdu bio je {{date}}{{/isOverdue}}{{#isDeclined}}odbijeno {{date}}{{#reason}} ({{reason}}){{/reason}}, novo upućivanje još nije poslato{{/isDeclined}}{{#isNearingClosure}}navršava 18 meseci od dolaska {{date}}; slede završna evaluacija i zatvaranje{{/isNearingClosure}}{{#isFailedDelivery}}{{#isSms}}SMS poruka{{/isSms}}{{#isEmail}}e-poruka{{/isEmail}} nije isporučena {{date}}; kontaktirajte telefonom ili posetom{{/isFailedDelivery}}`;
const ACTION_SR_CYRL = `Предмет {{smrCaseId}}{{#needLabel}} — {{needLabel}}{{/needLabel}}{{^needLabel}}{{#referral}} — упућивање{{/referral}}{{/needLabel}}{{#office}} — {{office}}{{/office}}: {{#isOverdue}}рок за потврду био је {{date}}{{/isOverdue}}{{#isDeclined}}одбијено {{date}}{{#reason}} ({{reason}}){{/reason}}, ново упућивање још није послато{{/isDeclined}}{{#isNearingClosure}}навршава 18 месеци од доласка {{date}}; следе завршна евалуација и затварање{{/isNearingClosure}}{{#isFailedDelivery}}{{#isSms}}СМС порука{{/isSms}}{{#isEmail}}е-порука{{/isEmail}} није испоручена {{date}}; контактирајте телефоном или посетом{{/isFailedDelivery}}`;

const ACTION_EN = `Case {{smrCaseId}}{{#needLabel}} — {{needLabel}}{{/needLabel}}{{^needLabel}}{{#referral}} — referral{{/referral}}{{/needLabel}}{{#office}} — {{office}}{{/office}}: {{#isOverdue}}acknowledgement was due by {{date}}{{/isOverdue}}{{#isDeclined}}declined on {{date}}{{#reason}} ({{reason}}){{/reason}}, no new referral yet{{/isDeclined}}{{#isNearingClosure}}reaches 18 months since arrival on {{date}}; final evaluation and closure are due{{/isNearingClosure}}{{#isFailedDelivery}}{{#isSms}}the SMS{{/isSms}}{{#isEmail}}the email{{/isEmail}} could not be delivered on {{date}}; contact by phone or visit{{/isFailedDelivery}}`;

// ---------------------------------------------------------------------------------------------
// The meeting: its title, the ad-hoc topic, when and where (not for a change of time, which
// shows the new and the old time itself).
// ---------------------------------------------------------------------------------------------

const DETAILS_TEXT_SQ = `{{kindLabel}}
{{#title}}
Tema: {{title}}
{{/title}}
Koha: {{when}}
Vendi: {{location}}`;
const DETAILS_HTML_SQ = `<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Tema:</strong> {{title}}</p>
{{/title}}
<p style="${ROW}"><strong>Koha:</strong> {{when}}</p>
<p style="${P}"><strong>Vendi:</strong> {{location}}</p>`;

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const DETAILS_TEXT_SR_LATN = `{{kindLabel}}
{{#title}}
Tema: {{title}}
{{/title}}
Vreme: {{when}}
Mesto: {{location}}`;
const DETAILS_TEXT_SR_CYRL = `{{kindLabel}}
{{#title}}
Тема: {{title}}
{{/title}}
Време: {{when}}
Место: {{location}}`;
const DETAILS_HTML_SR_LATN = `<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Tema:</strong> {{title}}</p>
{{/title}}
<p style="${ROW}"><strong>Vreme:</strong> {{when}}</p>
<p style="${P}"><strong>Mesto:</strong> {{location}}</p>`;
const DETAILS_HTML_SR_CYRL = `<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Тема:</strong> {{title}}</p>
{{/title}}
<p style="${ROW}"><strong>Време:</strong> {{when}}</p>
<p style="${P}"><strong>Место:</strong> {{location}}</p>`;

const DETAILS_TEXT_EN = `{{kindLabel}}
{{#title}}
Topic: {{title}}
{{/title}}
When: {{when}}
Where: {{location}}`;
const DETAILS_HTML_EN = `<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Topic:</strong> {{title}}</p>
{{/title}}
<p style="${ROW}"><strong>When:</strong> {{when}}</p>
<p style="${P}"><strong>Where:</strong> {{location}}</p>`;

// ---------------------------------------------------------------------------------------------
// The figures of a quarter: cases and referrals (the agenda shows these for the quarter so far;
// the report adds persons referred per office and the meetings).
// ---------------------------------------------------------------------------------------------

const CASES_TEXT_SQ = `Rastet
Raste të hapura: {{casesOpened}}
Raste të mbyllura: {{casesClosed}}`;
const REFERRALS_TEXT_SQ = `Referimet
Referime të bëra: {{referralsMade}}
Me përgjigje nga zyra: {{referralsAnswered}}
Me përgjigje brenda afatit: {{referralsAnsweredInTime}}
Përqindja e përgjigjeve brenda afatit: {{inTimeShare}}
Të pranuara: {{accepted}}
Të refuzuara: {{declined}}
Të kryera: {{completed}}
Të pakryera: {{notCompleted}}`;
const CASES_ROWS_SQ = `<tr><th colspan="2" style="${TH}">Rastet</th></tr>
<tr><td style="${TD}">Raste të hapura</td><td style="${TD_NUM}">{{casesOpened}}</td></tr>
<tr><td style="${TD}">Raste të mbyllura</td><td style="${TD_NUM}">{{casesClosed}}</td></tr>`;
const REFERRALS_ROWS_SQ = `<tr><th colspan="2" style="${TH}">Referimet</th></tr>
<tr><td style="${TD}">Referime të bëra</td><td style="${TD_NUM}">{{referralsMade}}</td></tr>
<tr><td style="${TD}">Me përgjigje nga zyra</td><td style="${TD_NUM}">{{referralsAnswered}}</td></tr>
<tr><td style="${TD}">Me përgjigje brenda afatit</td><td style="${TD_NUM}">{{referralsAnsweredInTime}}</td></tr>
<tr><td style="${TD}">Përqindja e përgjigjeve brenda afatit</td><td style="${TD_NUM}">{{inTimeShare}}</td></tr>
<tr><td style="${TD}">Të pranuara</td><td style="${TD_NUM}">{{accepted}}</td></tr>
<tr><td style="${TD}">Të refuzuara</td><td style="${TD_NUM}">{{declined}}</td></tr>
<tr><td style="${TD}">Të kryera</td><td style="${TD_NUM}">{{completed}}</td></tr>
<tr><td style="${TD}">Të pakryera</td><td style="${TD_NUM}">{{notCompleted}}</td></tr>`;

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const CASES_TEXT_SR_LATN = `Predmeti
Otvoreni predmeti: {{casesOpened}}
Zatvoreni predmeti: {{casesClosed}}`;
const CASES_TEXT_SR_CYRL = `Предмети
Отворени предмети: {{casesOpened}}
Затворени предмети: {{casesClosed}}`;
const REFERRALS_TEXT_SR_LATN = `Upućivanja
Poslata upućivanja: {{referralsMade}}
Sa odgovorom kancelarije: {{referralsAnswered}}
Sa odgovorom u roku: {{referralsAnsweredInTime}}
Procenat odgovora u roku: {{inTimeShare}}
Prihvaćena: {{accepted}}
Odbijena: {{declined}}
Obavljena: {{completed}}
Neobavljena: {{notCompleted}}`;
const REFERRALS_TEXT_SR_CYRL = `Упућивања
Послата упућивања: {{referralsMade}}
Са одговором канцеларије: {{referralsAnswered}}
Са одговором у року: {{referralsAnsweredInTime}}
Проценат одговора у року: {{inTimeShare}}
Прихваћена: {{accepted}}
Одбијена: {{declined}}
Обављена: {{completed}}
Необављена: {{notCompleted}}`;
const CASES_ROWS_SR_LATN = `<tr><th colspan="2" style="${TH}">Predmeti</th></tr>
<tr><td style="${TD}">Otvoreni predmeti</td><td style="${TD_NUM}">{{casesOpened}}</td></tr>
<tr><td style="${TD}">Zatvoreni predmeti</td><td style="${TD_NUM}">{{casesClosed}}</td></tr>`;
const CASES_ROWS_SR_CYRL = `<tr><th colspan="2" style="${TH}">Предмети</th></tr>
<tr><td style="${TD}">Отворени предмети</td><td style="${TD_NUM}">{{casesOpened}}</td></tr>
<tr><td style="${TD}">Затворени предмети</td><td style="${TD_NUM}">{{casesClosed}}</td></tr>`;
const REFERRALS_ROWS_SR_LATN = `<tr><th colspan="2" style="${TH}">Upućivanja</th></tr>
<tr><td style="${TD}">Poslata upućivanja</td><td style="${TD_NUM}">{{referralsMade}}</td></tr>
<tr><td style="${TD}">Sa odgovorom kancelarije</td><td style="${TD_NUM}">{{referralsAnswered}}</td></tr>
<tr><td style="${TD}">Sa odgovorom u roku</td><td style="${TD_NUM}">{{referralsAnsweredInTime}}</td></tr>
<tr><td style="${TD}">Procenat odgovora u roku</td><td style="${TD_NUM}">{{inTimeShare}}</td></tr>
<tr><td style="${TD}">Prihvaćena</td><td style="${TD_NUM}">{{accepted}}</td></tr>
<tr><td style="${TD}">Odbijena</td><td style="${TD_NUM}">{{declined}}</td></tr>
<tr><td style="${TD}">Obavljena</td><td style="${TD_NUM}">{{completed}}</td></tr>
<tr><td style="${TD}">Neobavljena</td><td style="${TD_NUM}">{{notCompleted}}</td></tr>`;
const REFERRALS_ROWS_SR_CYRL = `<tr><th colspan="2" style="${TH}">Упућивања</th></tr>
<tr><td style="${TD}">Послата упућивања</td><td style="${TD_NUM}">{{referralsMade}}</td></tr>
<tr><td style="${TD}">Са одговором канцеларије</td><td style="${TD_NUM}">{{referralsAnswered}}</td></tr>
<tr><td style="${TD}">Са одговором у року</td><td style="${TD_NUM}">{{referralsAnsweredInTime}}</td></tr>
<tr><td style="${TD}">Проценат одговора у року</td><td style="${TD_NUM}">{{inTimeShare}}</td></tr>
<tr><td style="${TD}">Прихваћена</td><td style="${TD_NUM}">{{accepted}}</td></tr>
<tr><td style="${TD}">Одбијена</td><td style="${TD_NUM}">{{declined}}</td></tr>
<tr><td style="${TD}">Обављена</td><td style="${TD_NUM}">{{completed}}</td></tr>
<tr><td style="${TD}">Необављена</td><td style="${TD_NUM}">{{notCompleted}}</td></tr>`;

const CASES_TEXT_EN = `Cases
Cases opened: {{casesOpened}}
Cases closed: {{casesClosed}}`;
const REFERRALS_TEXT_EN = `Referrals
Referrals made: {{referralsMade}}
Answered by the office: {{referralsAnswered}}
Answered in time: {{referralsAnsweredInTime}}
Share answered in time: {{inTimeShare}}
Accepted: {{accepted}}
Declined: {{declined}}
Completed: {{completed}}
Not completed: {{notCompleted}}`;
const CASES_ROWS_EN = `<tr><th colspan="2" style="${TH}">Cases</th></tr>
<tr><td style="${TD}">Cases opened</td><td style="${TD_NUM}">{{casesOpened}}</td></tr>
<tr><td style="${TD}">Cases closed</td><td style="${TD_NUM}">{{casesClosed}}</td></tr>`;
const REFERRALS_ROWS_EN = `<tr><th colspan="2" style="${TH}">Referrals</th></tr>
<tr><td style="${TD}">Referrals made</td><td style="${TD_NUM}">{{referralsMade}}</td></tr>
<tr><td style="${TD}">Answered by the office</td><td style="${TD_NUM}">{{referralsAnswered}}</td></tr>
<tr><td style="${TD}">Answered in time</td><td style="${TD_NUM}">{{referralsAnsweredInTime}}</td></tr>
<tr><td style="${TD}">Share answered in time</td><td style="${TD_NUM}">{{inTimeShare}}</td></tr>
<tr><td style="${TD}">Accepted</td><td style="${TD_NUM}">{{accepted}}</td></tr>
<tr><td style="${TD}">Declined</td><td style="${TD_NUM}">{{declined}}</td></tr>
<tr><td style="${TD}">Completed</td><td style="${TD_NUM}">{{completed}}</td></tr>
<tr><td style="${TD}">Not completed</td><td style="${TD_NUM}">{{notCompleted}}</td></tr>`;

// ---------------------------------------------------------------------------------------------
// The general agenda: the same counts for every invitee, then the quarter so far.
// ---------------------------------------------------------------------------------------------

const AGENDA_TEXT_SQ = `Rendi i ditës
Në takim do të shqyrtojmë gjendjen e referimeve dhe të rasteve në komunë:
Referime të pakonfirmuara pas afatit: {{overdueCount}}
Referime të refuzuara, ende pa referim të ri: {{declinedCount}}
Raste që i afrohen mbylljes (18 muaj nga mbërritja): {{nearingClosureCount}}
Njoftime të padorëzuara, për t'u ndjekur me telefon ose me vizitë: {{failedCount}}

Treguesit deri tani ({{quarterLabel}})
${CASES_TEXT_SQ}

${REFERRALS_TEXT_SQ}`;
const AGENDA_HTML_SQ = `<p style="${HEAD_ROW}"><strong>Rendi i ditës</strong></p>
<p style="${ROW}">Në takim do të shqyrtojmë gjendjen e referimeve dhe të rasteve në komunë:</p>
<table style="${TABLE}">
<tr><td style="${TD}">Referime të pakonfirmuara pas afatit</td><td style="${TD_NUM}">{{overdueCount}}</td></tr>
<tr><td style="${TD}">Referime të refuzuara, ende pa referim të ri</td><td style="${TD_NUM}">{{declinedCount}}</td></tr>
<tr><td style="${TD}">Raste që i afrohen mbylljes (18 muaj nga mbërritja)</td><td style="${TD_NUM}">{{nearingClosureCount}}</td></tr>
<tr><td style="${TD}">Njoftime të padorëzuara, për t'u ndjekur me telefon ose me vizitë</td><td style="${TD_NUM}">{{failedCount}}</td></tr>
</table>
<p style="${HEAD_ROW}"><strong>Treguesit deri tani ({{quarterLabel}})</strong></p>
<table style="${TABLE}">
${CASES_ROWS_SQ}
${REFERRALS_ROWS_SQ}
</table>`;

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const AGENDA_TEXT_SR_LATN = `Dnevni red
Na sastanku ćemo razmotriti stanje upućivanja i predmeta u opštini:
Nepotvrđena upućivanja kojima je istekao rok: {{overdueCount}}
Odbijena upućivanja bez novog upućivanja: {{declinedCount}}
Predmeti pred zatvaranje (18 meseci od dolaska): {{nearingClosureCount}}
Neisporučena obaveštenja, za proveru telefonom ili posetom: {{failedCount}}

Indikatori do sada ({{quarterLabel}})
${CASES_TEXT_SR_LATN}

${REFERRALS_TEXT_SR_LATN}`;
const AGENDA_TEXT_SR_CYRL = `Дневни ред
На састанку ћемо размотрити стање упућивања и предмета у општини:
Непотврђена упућивања којима је истекао рок: {{overdueCount}}
Одбијена упућивања без новог упућивања: {{declinedCount}}
Предмети пред затварање (18 месеци од доласка): {{nearingClosureCount}}
Неиспоручена обавештења, за проверу телефоном или посетом: {{failedCount}}

Индикатори до сада ({{quarterLabel}})
${CASES_TEXT_SR_CYRL}

${REFERRALS_TEXT_SR_CYRL}`;
const AGENDA_HTML_SR_LATN = `<p style="${HEAD_ROW}"><strong>Dnevni red</strong></p>
<p style="${ROW}">Na sastanku ćemo razmotriti stanje upućivanja i predmeta u opštini:</p>
<table style="${TABLE}">
<tr><td style="${TD}">Nepotvrđena upućivanja kojima je istekao rok</td><td style="${TD_NUM}">{{overdueCount}}</td></tr>
<tr><td style="${TD}">Odbijena upućivanja bez novog upućivanja</td><td style="${TD_NUM}">{{declinedCount}}</td></tr>
<tr><td style="${TD}">Predmeti pred zatvaranje (18 meseci od dolaska)</td><td style="${TD_NUM}">{{nearingClosureCount}}</td></tr>
<tr><td style="${TD}">Neisporučena obaveštenja, za proveru telefonom ili posetom</td><td style="${TD_NUM}">{{failedCount}}</td></tr>
</table>
<p style="${HEAD_ROW}"><strong>Indikatori do sada ({{quarterLabel}})</strong></p>
<table style="${TABLE}">
${CASES_ROWS_SR_LATN}
${REFERRALS_ROWS_SR_LATN}
</table>`;
const AGENDA_HTML_SR_CYRL = `<p style="${HEAD_ROW}"><strong>Дневни ред</strong></p>
<p style="${ROW}">На састанку ћемо размотрити стање упућивања и предмета у општини:</p>
<table style="${TABLE}">
<tr><td style="${TD}">Непотврђена упућивања којима је истекао рок</td><td style="${TD_NUM}">{{overdueCount}}</td></tr>
<tr><td style="${TD}">Одбијена упућивања без новог упућивања</td><td style="${TD_NUM}">{{declinedCount}}</td></tr>
<tr><td style="${TD}">Предмети пред затварање (18 месеци од доласка)</td><td style="${TD_NUM}">{{nearingClosureCount}}</td></tr>
<tr><td style="${TD}">Неиспоручена обавештења, за проверу телефоном или посетом</td><td style="${TD_NUM}">{{failedCount}}</td></tr>
</table>
<p style="${HEAD_ROW}"><strong>Индикатори до сада ({{quarterLabel}})</strong></p>
<table style="${TABLE}">
${CASES_ROWS_SR_CYRL}
${REFERRALS_ROWS_SR_CYRL}
</table>`;

const AGENDA_TEXT_EN = `Agenda
At the meeting we will review the state of referrals and cases in the municipality:
Referrals not acknowledged by their deadline: {{overdueCount}}
Declined referrals without a new referral: {{declinedCount}}
Cases nearing closure (18 months since arrival): {{nearingClosureCount}}
Failed notifications, to follow up by phone or visit: {{failedCount}}

Indicators so far ({{quarterLabel}})
${CASES_TEXT_EN}

${REFERRALS_TEXT_EN}`;
const AGENDA_HTML_EN = `<p style="${HEAD_ROW}"><strong>Agenda</strong></p>
<p style="${ROW}">At the meeting we will review the state of referrals and cases in the municipality:</p>
<table style="${TABLE}">
<tr><td style="${TD}">Referrals not acknowledged by their deadline</td><td style="${TD_NUM}">{{overdueCount}}</td></tr>
<tr><td style="${TD}">Declined referrals without a new referral</td><td style="${TD_NUM}">{{declinedCount}}</td></tr>
<tr><td style="${TD}">Cases nearing closure (18 months since arrival)</td><td style="${TD_NUM}">{{nearingClosureCount}}</td></tr>
<tr><td style="${TD}">Failed notifications, to follow up by phone or visit</td><td style="${TD_NUM}">{{failedCount}}</td></tr>
</table>
<p style="${HEAD_ROW}"><strong>Indicators so far ({{quarterLabel}})</strong></p>
<table style="${TABLE}">
${CASES_ROWS_EN}
${REFERRALS_ROWS_EN}
</table>`;

// ---------------------------------------------------------------------------------------------
// This invitee's own action points, as a list (the heading and the sentence before it are in
// each template: a cancellation says them differently).
// ---------------------------------------------------------------------------------------------

const ACTIONS_TEXT_SQ = `{{#actionPoints}}
- ${ACTION_SQ}
{{/actionPoints}}`;
const ACTIONS_HTML_SQ = `<ul style="${UL}">
{{#actionPoints}}
<li>${ACTION_SQ}</li>
{{/actionPoints}}
</ul>`;

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const ACTIONS_TEXT_SR_LATN = `{{#actionPoints}}
- ${ACTION_SR_LATN}
{{/actionPoints}}`;
const ACTIONS_TEXT_SR_CYRL = `{{#actionPoints}}
- ${ACTION_SR_CYRL}
{{/actionPoints}}`;
const ACTIONS_HTML_SR_LATN = `<ul style="${UL}">
{{#actionPoints}}
<li>${ACTION_SR_LATN}</li>
{{/actionPoints}}
</ul>`;
const ACTIONS_HTML_SR_CYRL = `<ul style="${UL}">
{{#actionPoints}}
<li>${ACTION_SR_CYRL}</li>
{{/actionPoints}}
</ul>`;

const ACTIONS_TEXT_EN = `{{#actionPoints}}
- ${ACTION_EN}
{{/actionPoints}}`;
const ACTIONS_HTML_EN = `<ul style="${UL}">
{{#actionPoints}}
<li>${ACTION_EN}</li>
{{/actionPoints}}
</ul>`;

// ---------------------------------------------------------------------------------------------
// Who convenes the meeting, and how to reach them.
// ---------------------------------------------------------------------------------------------

const CONVENER_TEXT_SQ = `Organizatori:
{{convenerName}}
{{coordinatorOffice}}
Komuna: {{municipality}}
Email: {{convenerEmail}}
Tel.: {{convenerPhone}}`;
const CONVENER_HTML_SQ = `<p style="${HEAD_ROW}"><strong>Organizatori:</strong></p>
<p style="${P}">{{convenerName}}<br>{{coordinatorOffice}}<br>Komuna: {{municipality}}<br>Email: <a href="mailto:{{convenerEmail}}">{{convenerEmail}}</a><br>Tel.: <a href="tel:{{convenerPhone}}">{{convenerPhone}}</a></p>`;

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const CONVENER_TEXT_SR_LATN = `Organizator:
{{convenerName}}
{{coordinatorOffice}}
Opština: {{municipality}}
E-pošta: {{convenerEmail}}
Telefon: {{convenerPhone}}`;
const CONVENER_TEXT_SR_CYRL = `Организатор:
{{convenerName}}
{{coordinatorOffice}}
Општина: {{municipality}}
Е-пошта: {{convenerEmail}}
Телефон: {{convenerPhone}}`;
const CONVENER_HTML_SR_LATN = `<p style="${HEAD_ROW}"><strong>Organizator:</strong></p>
<p style="${P}">{{convenerName}}<br>{{coordinatorOffice}}<br>Opština: {{municipality}}<br>E-pošta: <a href="mailto:{{convenerEmail}}">{{convenerEmail}}</a><br>Telefon: <a href="tel:{{convenerPhone}}">{{convenerPhone}}</a></p>`;
const CONVENER_HTML_SR_CYRL = `<p style="${HEAD_ROW}"><strong>Организатор:</strong></p>
<p style="${P}">{{convenerName}}<br>{{coordinatorOffice}}<br>Општина: {{municipality}}<br>Е-пошта: <a href="mailto:{{convenerEmail}}">{{convenerEmail}}</a><br>Телефон: <a href="tel:{{convenerPhone}}">{{convenerPhone}}</a></p>`;

const CONVENER_TEXT_EN = `Convened by:
{{convenerName}}
{{coordinatorOffice}}
Municipality: {{municipality}}
Email: {{convenerEmail}}
Phone: {{convenerPhone}}`;
const CONVENER_HTML_EN = `<p style="${HEAD_ROW}"><strong>Convened by:</strong></p>
<p style="${P}">{{convenerName}}<br>{{coordinatorOffice}}<br>Municipality: {{municipality}}<br>Email: <a href="mailto:{{convenerEmail}}">{{convenerEmail}}</a><br>Phone: <a href="tel:{{convenerPhone}}">{{convenerPhone}}</a></p>`;

// =============================================================================================
// meeting.invitation — the first invitation (sequence 0), with the calendar invitation attached
// =============================================================================================

const INVITATION_SQ: TemplateVariant = {
  subject: 'Ftesë: {{kindLabel}}, {{startDate}} në orën {{startTime}} — {{coordinatorOffice}}',
  text: `Të nderuar kolegë,

{{coordinatorOffice}} ju fton në takimin e mëposhtëm.

${DETAILS_TEXT_SQ}

Ftesa për kalendarin tuaj është bashkëngjitur. Ju lutemi konfirmoni pjesëmarrjen ose njoftoni organizatorin nëse nuk mund të vini.

${AGENDA_TEXT_SQ}
{{#hasActionPoints}}

Çështjet tuaja
Ju lutemi ejani me informata të reja për:
${ACTIONS_TEXT_SQ}
{{/hasActionPoints}}

${CONVENER_TEXT_SQ}

ID e takimit: {{meetingId}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Të nderuar kolegë,</p>
<p style="${P}"><strong>{{coordinatorOffice}}</strong> ju fton në takimin e mëposhtëm.</p>
${DETAILS_HTML_SQ}
<div style="${BOX}">
<p style="${LAST}">Ftesa për kalendarin tuaj është bashkëngjitur. Ju lutemi konfirmoni pjesëmarrjen ose njoftoni organizatorin nëse nuk mund të vini.</p>
</div>
${AGENDA_HTML_SQ}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Çështjet tuaja</strong></p>
<p style="${ROW}">Ju lutemi ejani me informata të reja për:</p>
${ACTIONS_HTML_SQ}
{{/hasActionPoints}}
${CONVENER_HTML_SQ}
<p style="${MUTED}">ID e takimit: {{meetingId}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const INVITATION_SR_LATN: TemplateVariant = {
  subject: 'Poziv: {{kindLabel}}, {{startDate}} u {{startTime}} — {{coordinatorOffice}}',
  text: `Poštovane kolege,

{{coordinatorOffice}} vas poziva na sledeći sastanak.

${DETAILS_TEXT_SR_LATN}

U prilogu je poziv za vaš kalendar. Molimo vas da potvrdite dolazak ili da javite organizatoru ako ne možete da dođete.

${AGENDA_TEXT_SR_LATN}
{{#hasActionPoints}}

Pitanja koja se tiču vas
Molimo vas da na sastanak donesete najnovije informacije o sledećem:
${ACTIONS_TEXT_SR_LATN}
{{/hasActionPoints}}

${CONVENER_TEXT_SR_LATN}

Oznaka sastanka: {{meetingId}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Poštovane kolege,</p>
<p style="${P}"><strong>{{coordinatorOffice}}</strong> vas poziva na sledeći sastanak.</p>
${DETAILS_HTML_SR_LATN}
<div style="${BOX}">
<p style="${LAST}">U prilogu je poziv za vaš kalendar. Molimo vas da potvrdite dolazak ili da javite organizatoru ako ne možete da dođete.</p>
</div>
${AGENDA_HTML_SR_LATN}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Pitanja koja se tiču vas</strong></p>
<p style="${ROW}">Molimo vas da na sastanak donesete najnovije informacije o sledećem:</p>
${ACTIONS_HTML_SR_LATN}
{{/hasActionPoints}}
${CONVENER_HTML_SR_LATN}
<p style="${MUTED}">Oznaka sastanka: {{meetingId}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const INVITATION_SR_CYRL: TemplateVariant = {
  subject: 'Позив: {{kindLabel}}, {{startDate}} у {{startTime}} — {{coordinatorOffice}}',
  text: `Поштоване колеге,

{{coordinatorOffice}} вас позива на следећи састанак.

${DETAILS_TEXT_SR_CYRL}

У прилогу је позив за ваш календар. Молимо вас да потврдите долазак или да јавите организатору ако не можете да дођете.

${AGENDA_TEXT_SR_CYRL}
{{#hasActionPoints}}

Питања која се тичу вас
Молимо вас да на састанак донесете најновије информације о следећем:
${ACTIONS_TEXT_SR_CYRL}
{{/hasActionPoints}}

${CONVENER_TEXT_SR_CYRL}

Ознака састанка: {{meetingId}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Поштоване колеге,</p>
<p style="${P}"><strong>{{coordinatorOffice}}</strong> вас позива на следећи састанак.</p>
${DETAILS_HTML_SR_CYRL}
<div style="${BOX}">
<p style="${LAST}">У прилогу је позив за ваш календар. Молимо вас да потврдите долазак или да јавите организатору ако не можете да дођете.</p>
</div>
${AGENDA_HTML_SR_CYRL}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Питања која се тичу вас</strong></p>
<p style="${ROW}">Молимо вас да на састанак донесете најновије информације о следећем:</p>
${ACTIONS_HTML_SR_CYRL}
{{/hasActionPoints}}
${CONVENER_HTML_SR_CYRL}
<p style="${MUTED}">Ознака састанка: {{meetingId}}</p>
</div>
`,
};

const INVITATION_EN: TemplateVariant = {
  subject: 'Invitation: {{kindLabel}}, {{startDate}} at {{startTime}} — {{coordinatorOffice}}',
  text: `Dear colleagues,

{{coordinatorOffice}} invites you to the following meeting.

${DETAILS_TEXT_EN}

A calendar invitation is attached. Please confirm that you can attend, or let the convener know if you cannot.

${AGENDA_TEXT_EN}
{{#hasActionPoints}}

Your action points
Please come with an update on:
${ACTIONS_TEXT_EN}
{{/hasActionPoints}}

${CONVENER_TEXT_EN}

Meeting ID: {{meetingId}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Dear colleagues,</p>
<p style="${P}"><strong>{{coordinatorOffice}}</strong> invites you to the following meeting.</p>
${DETAILS_HTML_EN}
<div style="${BOX}">
<p style="${LAST}">A calendar invitation is attached. Please confirm that you can attend, or let the convener know if you cannot.</p>
</div>
${AGENDA_HTML_EN}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Your action points</strong></p>
<p style="${ROW}">Please come with an update on:</p>
${ACTIONS_HTML_EN}
{{/hasActionPoints}}
${CONVENER_HTML_EN}
<p style="${MUTED}">Meeting ID: {{meetingId}}</p>
</div>
`,
};

// =============================================================================================
// meeting.rescheduled — the meeting changed (sequence > 0). {{moved}}: the start moved, and
// {{previousWhen}} is the old start; otherwise something else changed (the place, the end).
// =============================================================================================

const RESCHEDULED_SQ: TemplateVariant = {
  subject:
    '{{#moved}}Kohë e re{{/moved}}{{^moved}}Ndryshim{{/moved}}: {{kindLabel}}, {{startDate}} në orën {{startTime}} — {{coordinatorOffice}}',
  text: `Të nderuar kolegë,

{{#moved}}
Takimi i mëposhtëm është zhvendosur në një kohë tjetër.
{{/moved}}
{{^moved}}
Të dhënat e takimit të mëposhtëm kanë ndryshuar.
{{/moved}}

{{kindLabel}}
{{#title}}
Tema: {{title}}
{{/title}}
{{#moved}}
Koha e re: {{when}}
Koha e mëparshme: {{previousWhen}}
{{/moved}}
{{^moved}}
Koha: {{when}}
{{/moved}}
Vendi: {{location}}

Ftesa e përditësuar për kalendarin është bashkëngjitur dhe zëvendëson ftesën e mëparshme. Ju lutemi njoftoni organizatorin nëse nuk mund të vini.

${AGENDA_TEXT_SQ}
{{#hasActionPoints}}

Çështjet tuaja
Ju lutemi ejani me informata të reja për:
${ACTIONS_TEXT_SQ}
{{/hasActionPoints}}

${CONVENER_TEXT_SQ}

ID e takimit: {{meetingId}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Të nderuar kolegë,</p>
{{#moved}}
<p style="${P}"><strong>Takimi i mëposhtëm është zhvendosur në një kohë tjetër.</strong></p>
{{/moved}}
{{^moved}}
<p style="${P}"><strong>Të dhënat e takimit të mëposhtëm kanë ndryshuar.</strong></p>
{{/moved}}
<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Tema:</strong> {{title}}</p>
{{/title}}
{{#moved}}
<p style="${ROW}"><strong>Koha e re:</strong> {{when}}</p>
<p style="${ROW}"><strong>Koha e mëparshme:</strong> <s>{{previousWhen}}</s></p>
{{/moved}}
{{^moved}}
<p style="${ROW}"><strong>Koha:</strong> {{when}}</p>
{{/moved}}
<p style="${P}"><strong>Vendi:</strong> {{location}}</p>
<div style="${BOX}">
<p style="${LAST}">Ftesa e përditësuar për kalendarin është bashkëngjitur dhe zëvendëson ftesën e mëparshme. Ju lutemi njoftoni organizatorin nëse nuk mund të vini.</p>
</div>
${AGENDA_HTML_SQ}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Çështjet tuaja</strong></p>
<p style="${ROW}">Ju lutemi ejani me informata të reja për:</p>
${ACTIONS_HTML_SQ}
{{/hasActionPoints}}
${CONVENER_HTML_SQ}
<p style="${MUTED}">ID e takimit: {{meetingId}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const RESCHEDULED_SR_LATN: TemplateVariant = {
  subject: '{{#moved}}Novo vreme{{/moved}}{{^moved}}Izmena{{/moved}}: {{kindLabel}}, {{startDate}} u {{startTime}} — {{coordinatorOffice}}',
  text: `Poštovane kolege,

{{#moved}}
Sledeći sastanak je pomeren na drugi termin.
{{/moved}}
{{^moved}}
Podaci o sledećem sastanku su izmenjeni.
{{/moved}}

{{kindLabel}}
{{#title}}
Tema: {{title}}
{{/title}}
{{#moved}}
Novo vreme: {{when}}
Prethodno vreme: {{previousWhen}}
{{/moved}}
{{^moved}}
Vreme: {{when}}
{{/moved}}
Mesto: {{location}}

U prilogu je ažurirani poziv za vaš kalendar; on zamenjuje prethodni. Molimo vas da javite organizatoru ako ne možete da dođete.

${AGENDA_TEXT_SR_LATN}
{{#hasActionPoints}}

Pitanja koja se tiču vas
Molimo vas da na sastanak donesete najnovije informacije o sledećem:
${ACTIONS_TEXT_SR_LATN}
{{/hasActionPoints}}

${CONVENER_TEXT_SR_LATN}

Oznaka sastanka: {{meetingId}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Poštovane kolege,</p>
{{#moved}}
<p style="${P}"><strong>Sledeći sastanak je pomeren na drugi termin.</strong></p>
{{/moved}}
{{^moved}}
<p style="${P}"><strong>Podaci o sledećem sastanku su izmenjeni.</strong></p>
{{/moved}}
<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Tema:</strong> {{title}}</p>
{{/title}}
{{#moved}}
<p style="${ROW}"><strong>Novo vreme:</strong> {{when}}</p>
<p style="${ROW}"><strong>Prethodno vreme:</strong> <s>{{previousWhen}}</s></p>
{{/moved}}
{{^moved}}
<p style="${ROW}"><strong>Vreme:</strong> {{when}}</p>
{{/moved}}
<p style="${P}"><strong>Mesto:</strong> {{location}}</p>
<div style="${BOX}">
<p style="${LAST}">U prilogu je ažurirani poziv za vaš kalendar; on zamenjuje prethodni. Molimo vas da javite organizatoru ako ne možete da dođete.</p>
</div>
${AGENDA_HTML_SR_LATN}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Pitanja koja se tiču vas</strong></p>
<p style="${ROW}">Molimo vas da na sastanak donesete najnovije informacije o sledećem:</p>
${ACTIONS_HTML_SR_LATN}
{{/hasActionPoints}}
${CONVENER_HTML_SR_LATN}
<p style="${MUTED}">Oznaka sastanka: {{meetingId}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const RESCHEDULED_SR_CYRL: TemplateVariant = {
  subject: '{{#moved}}Ново време{{/moved}}{{^moved}}Измена{{/moved}}: {{kindLabel}}, {{startDate}} у {{startTime}} — {{coordinatorOffice}}',
  text: `Поштоване колеге,

{{#moved}}
Следећи састанак је померен на други термин.
{{/moved}}
{{^moved}}
Подаци о следећем састанку су измењени.
{{/moved}}

{{kindLabel}}
{{#title}}
Тема: {{title}}
{{/title}}
{{#moved}}
Ново време: {{when}}
Претходно време: {{previousWhen}}
{{/moved}}
{{^moved}}
Време: {{when}}
{{/moved}}
Место: {{location}}

У прилогу је ажурирани позив за ваш календар; он замењује претходни. Молимо вас да јавите организатору ако не можете да дођете.

${AGENDA_TEXT_SR_CYRL}
{{#hasActionPoints}}

Питања која се тичу вас
Молимо вас да на састанак донесете најновије информације о следећем:
${ACTIONS_TEXT_SR_CYRL}
{{/hasActionPoints}}

${CONVENER_TEXT_SR_CYRL}

Ознака састанка: {{meetingId}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Поштоване колеге,</p>
{{#moved}}
<p style="${P}"><strong>Следећи састанак је померен на други термин.</strong></p>
{{/moved}}
{{^moved}}
<p style="${P}"><strong>Подаци о следећем састанку су измењени.</strong></p>
{{/moved}}
<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Тема:</strong> {{title}}</p>
{{/title}}
{{#moved}}
<p style="${ROW}"><strong>Ново време:</strong> {{when}}</p>
<p style="${ROW}"><strong>Претходно време:</strong> <s>{{previousWhen}}</s></p>
{{/moved}}
{{^moved}}
<p style="${ROW}"><strong>Време:</strong> {{when}}</p>
{{/moved}}
<p style="${P}"><strong>Место:</strong> {{location}}</p>
<div style="${BOX}">
<p style="${LAST}">У прилогу је ажурирани позив за ваш календар; он замењује претходни. Молимо вас да јавите организатору ако не можете да дођете.</p>
</div>
${AGENDA_HTML_SR_CYRL}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Питања која се тичу вас</strong></p>
<p style="${ROW}">Молимо вас да на састанак донесете најновије информације о следећем:</p>
${ACTIONS_HTML_SR_CYRL}
{{/hasActionPoints}}
${CONVENER_HTML_SR_CYRL}
<p style="${MUTED}">Ознака састанка: {{meetingId}}</p>
</div>
`,
};

const RESCHEDULED_EN: TemplateVariant = {
  subject: '{{#moved}}New time{{/moved}}{{^moved}}Updated{{/moved}}: {{kindLabel}}, {{startDate}} at {{startTime}} — {{coordinatorOffice}}',
  text: `Dear colleagues,

{{#moved}}
The following meeting has been moved to a new time.
{{/moved}}
{{^moved}}
The details of the following meeting have changed.
{{/moved}}

{{kindLabel}}
{{#title}}
Topic: {{title}}
{{/title}}
{{#moved}}
New time: {{when}}
Previously: {{previousWhen}}
{{/moved}}
{{^moved}}
When: {{when}}
{{/moved}}
Where: {{location}}

An updated calendar invitation is attached; it replaces the earlier one. Please let the convener know if you cannot attend.

${AGENDA_TEXT_EN}
{{#hasActionPoints}}

Your action points
Please come with an update on:
${ACTIONS_TEXT_EN}
{{/hasActionPoints}}

${CONVENER_TEXT_EN}

Meeting ID: {{meetingId}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Dear colleagues,</p>
{{#moved}}
<p style="${P}"><strong>The following meeting has been moved to a new time.</strong></p>
{{/moved}}
{{^moved}}
<p style="${P}"><strong>The details of the following meeting have changed.</strong></p>
{{/moved}}
<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Topic:</strong> {{title}}</p>
{{/title}}
{{#moved}}
<p style="${ROW}"><strong>New time:</strong> {{when}}</p>
<p style="${ROW}"><strong>Previously:</strong> <s>{{previousWhen}}</s></p>
{{/moved}}
{{^moved}}
<p style="${ROW}"><strong>When:</strong> {{when}}</p>
{{/moved}}
<p style="${P}"><strong>Where:</strong> {{location}}</p>
<div style="${BOX}">
<p style="${LAST}">An updated calendar invitation is attached; it replaces the earlier one. Please let the convener know if you cannot attend.</p>
</div>
${AGENDA_HTML_EN}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Your action points</strong></p>
<p style="${ROW}">Please come with an update on:</p>
${ACTIONS_HTML_EN}
{{/hasActionPoints}}
${CONVENER_HTML_EN}
<p style="${MUTED}">Meeting ID: {{meetingId}}</p>
</div>
`,
};

// =============================================================================================
// meeting.cancelled — no agenda; the invitee's action points stay open all the same
// =============================================================================================

const CANCELLED_SQ: TemplateVariant = {
  subject: 'Anulohet: {{kindLabel}}, {{startDate}} në orën {{startTime}} — {{coordinatorOffice}}',
  text: `Të nderuar kolegë,

Takimi i mëposhtëm është anuluar.

${DETAILS_TEXT_SQ}

Anulimi për kalendarin tuaj është bashkëngjitur. Nëse caktohet një takim i ri, do të merrni një ftesë të re.
{{#hasActionPoints}}

Çështjet tuaja
Këto çështje mbeten të hapura dhe kërkojnë vëmendjen tuaj edhe pa takim:
${ACTIONS_TEXT_SQ}
{{/hasActionPoints}}

${CONVENER_TEXT_SQ}

ID e takimit: {{meetingId}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Të nderuar kolegë,</p>
<p style="${P}"><strong>Takimi i mëposhtëm është anuluar.</strong></p>
${DETAILS_HTML_SQ}
<div style="${BOX}">
<p style="${LAST}">Anulimi për kalendarin tuaj është bashkëngjitur. Nëse caktohet një takim i ri, do të merrni një ftesë të re.</p>
</div>
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Çështjet tuaja</strong></p>
<p style="${ROW}">Këto çështje mbeten të hapura dhe kërkojnë vëmendjen tuaj edhe pa takim:</p>
${ACTIONS_HTML_SQ}
{{/hasActionPoints}}
${CONVENER_HTML_SQ}
<p style="${MUTED}">ID e takimit: {{meetingId}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const CANCELLED_SR_LATN: TemplateVariant = {
  subject: 'Otkazano: {{kindLabel}}, {{startDate}} u {{startTime}} — {{coordinatorOffice}}',
  text: `Poštovane kolege,

Sledeći sastanak je otkazan.

${DETAILS_TEXT_SR_LATN}

U prilogu je otkazivanje za vaš kalendar. Ako bude zakazan novi sastanak, dobićete novi poziv.
{{#hasActionPoints}}

Pitanja koja se tiču vas
Ova pitanja ostaju otvorena i traže vašu pažnju i bez sastanka:
${ACTIONS_TEXT_SR_LATN}
{{/hasActionPoints}}

${CONVENER_TEXT_SR_LATN}

Oznaka sastanka: {{meetingId}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Poštovane kolege,</p>
<p style="${P}"><strong>Sledeći sastanak je otkazan.</strong></p>
${DETAILS_HTML_SR_LATN}
<div style="${BOX}">
<p style="${LAST}">U prilogu je otkazivanje za vaš kalendar. Ako bude zakazan novi sastanak, dobićete novi poziv.</p>
</div>
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Pitanja koja se tiču vas</strong></p>
<p style="${ROW}">Ova pitanja ostaju otvorena i traže vašu pažnju i bez sastanka:</p>
${ACTIONS_HTML_SR_LATN}
{{/hasActionPoints}}
${CONVENER_HTML_SR_LATN}
<p style="${MUTED}">Oznaka sastanka: {{meetingId}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const CANCELLED_SR_CYRL: TemplateVariant = {
  subject: 'Отказано: {{kindLabel}}, {{startDate}} у {{startTime}} — {{coordinatorOffice}}',
  text: `Поштоване колеге,

Следећи састанак је отказан.

${DETAILS_TEXT_SR_CYRL}

У прилогу је отказивање за ваш календар. Ако буде заказан нови састанак, добићете нови позив.
{{#hasActionPoints}}

Питања која се тичу вас
Ова питања остају отворена и траже вашу пажњу и без састанка:
${ACTIONS_TEXT_SR_CYRL}
{{/hasActionPoints}}

${CONVENER_TEXT_SR_CYRL}

Ознака састанка: {{meetingId}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Поштоване колеге,</p>
<p style="${P}"><strong>Следећи састанак је отказан.</strong></p>
${DETAILS_HTML_SR_CYRL}
<div style="${BOX}">
<p style="${LAST}">У прилогу је отказивање за ваш календар. Ако буде заказан нови састанак, добићете нови позив.</p>
</div>
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Питања која се тичу вас</strong></p>
<p style="${ROW}">Ова питања остају отворена и траже вашу пажњу и без састанка:</p>
${ACTIONS_HTML_SR_CYRL}
{{/hasActionPoints}}
${CONVENER_HTML_SR_CYRL}
<p style="${MUTED}">Ознака састанка: {{meetingId}}</p>
</div>
`,
};

const CANCELLED_EN: TemplateVariant = {
  subject: 'Cancelled: {{kindLabel}}, {{startDate}} at {{startTime}} — {{coordinatorOffice}}',
  text: `Dear colleagues,

The following meeting has been cancelled.

${DETAILS_TEXT_EN}

A cancellation for your calendar is attached. If a new meeting is set, you will receive a new invitation.
{{#hasActionPoints}}

Your action points
These remain open and still need your attention:
${ACTIONS_TEXT_EN}
{{/hasActionPoints}}

${CONVENER_TEXT_EN}

Meeting ID: {{meetingId}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Dear colleagues,</p>
<p style="${P}"><strong>The following meeting has been cancelled.</strong></p>
${DETAILS_HTML_EN}
<div style="${BOX}">
<p style="${LAST}">A cancellation for your calendar is attached. If a new meeting is set, you will receive a new invitation.</p>
</div>
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Your action points</strong></p>
<p style="${ROW}">These remain open and still need your attention:</p>
${ACTIONS_HTML_EN}
{{/hasActionPoints}}
${CONVENER_HTML_EN}
<p style="${MUTED}">Meeting ID: {{meetingId}}</p>
</div>
`,
};

// =============================================================================================
// meeting.reminder — a week and a day before. {{relative}} is "nesër" / "sutra" / "tomorrow",
// "pas një jave" / "za nedelju dana" / "in one week" (or N days), built in code.
// =============================================================================================

const REMINDER_SQ: TemplateVariant = {
  subject: 'Kujtesë: {{kindLabel}}, {{relative}} ({{startDate}}) në orën {{startTime}} — {{coordinatorOffice}}',
  text: `Të nderuar kolegë,

Ju kujtojmë se takimi i mëposhtëm mbahet {{relative}}, më {{startDate}} në orën {{startTime}}.

${DETAILS_TEXT_SQ}

Ftesa për kalendarin është bashkëngjitur, në rast se nuk e keni shtuar ende. Ju lutemi njoftoni organizatorin nëse nuk mund të vini.

${AGENDA_TEXT_SQ}
{{#hasActionPoints}}

Çështjet tuaja
Ju lutemi ejani me informata të reja për:
${ACTIONS_TEXT_SQ}
{{/hasActionPoints}}

${CONVENER_TEXT_SQ}

ID e takimit: {{meetingId}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Të nderuar kolegë,</p>
<p style="${P}">Ju kujtojmë se takimi i mëposhtëm mbahet <strong>{{relative}}, më {{startDate}} në orën {{startTime}}</strong>.</p>
${DETAILS_HTML_SQ}
<div style="${BOX}">
<p style="${LAST}">Ftesa për kalendarin është bashkëngjitur, në rast se nuk e keni shtuar ende. Ju lutemi njoftoni organizatorin nëse nuk mund të vini.</p>
</div>
${AGENDA_HTML_SQ}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Çështjet tuaja</strong></p>
<p style="${ROW}">Ju lutemi ejani me informata të reja për:</p>
${ACTIONS_HTML_SQ}
{{/hasActionPoints}}
${CONVENER_HTML_SQ}
<p style="${MUTED}">ID e takimit: {{meetingId}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const REMINDER_SR_LATN: TemplateVariant = {
  subject: 'Podsetnik: {{kindLabel}}, {{relative}} ({{startDate}}) u {{startTime}} — {{coordinatorOffice}}',
  text: `Poštovane kolege,

Podsećamo vas da se sledeći sastanak održava {{relative}}, {{startDate}} u {{startTime}}.

${DETAILS_TEXT_SR_LATN}

U prilogu je poziv za kalendar, ako ga još niste dodali. Molimo vas da javite organizatoru ako ne možete da dođete.

${AGENDA_TEXT_SR_LATN}
{{#hasActionPoints}}

Pitanja koja se tiču vas
Molimo vas da na sastanak donesete najnovije informacije o sledećem:
${ACTIONS_TEXT_SR_LATN}
{{/hasActionPoints}}

${CONVENER_TEXT_SR_LATN}

Oznaka sastanka: {{meetingId}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Poštovane kolege,</p>
<p style="${P}">Podsećamo vas da se sledeći sastanak održava <strong>{{relative}}, {{startDate}} u {{startTime}}</strong>.</p>
${DETAILS_HTML_SR_LATN}
<div style="${BOX}">
<p style="${LAST}">U prilogu je poziv za kalendar, ako ga još niste dodali. Molimo vas da javite organizatoru ako ne možete da dođete.</p>
</div>
${AGENDA_HTML_SR_LATN}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Pitanja koja se tiču vas</strong></p>
<p style="${ROW}">Molimo vas da na sastanak donesete najnovije informacije o sledećem:</p>
${ACTIONS_HTML_SR_LATN}
{{/hasActionPoints}}
${CONVENER_HTML_SR_LATN}
<p style="${MUTED}">Oznaka sastanka: {{meetingId}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const REMINDER_SR_CYRL: TemplateVariant = {
  subject: 'Подсетник: {{kindLabel}}, {{relative}} ({{startDate}}) у {{startTime}} — {{coordinatorOffice}}',
  text: `Поштоване колеге,

Подсећамо вас да се следећи састанак одржава {{relative}}, {{startDate}} у {{startTime}}.

${DETAILS_TEXT_SR_CYRL}

У прилогу је позив за календар, ако га још нисте додали. Молимо вас да јавите организатору ако не можете да дођете.

${AGENDA_TEXT_SR_CYRL}
{{#hasActionPoints}}

Питања која се тичу вас
Молимо вас да на састанак донесете најновије информације о следећем:
${ACTIONS_TEXT_SR_CYRL}
{{/hasActionPoints}}

${CONVENER_TEXT_SR_CYRL}

Ознака састанка: {{meetingId}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Поштоване колеге,</p>
<p style="${P}">Подсећамо вас да се следећи састанак одржава <strong>{{relative}}, {{startDate}} у {{startTime}}</strong>.</p>
${DETAILS_HTML_SR_CYRL}
<div style="${BOX}">
<p style="${LAST}">У прилогу је позив за календар, ако га још нисте додали. Молимо вас да јавите организатору ако не можете да дођете.</p>
</div>
${AGENDA_HTML_SR_CYRL}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Питања која се тичу вас</strong></p>
<p style="${ROW}">Молимо вас да на састанак донесете најновије информације о следећем:</p>
${ACTIONS_HTML_SR_CYRL}
{{/hasActionPoints}}
${CONVENER_HTML_SR_CYRL}
<p style="${MUTED}">Ознака састанка: {{meetingId}}</p>
</div>
`,
};

const REMINDER_EN: TemplateVariant = {
  subject: 'Reminder: {{kindLabel}}, {{relative}} ({{startDate}}) at {{startTime}} — {{coordinatorOffice}}',
  text: `Dear colleagues,

This is a reminder that the following meeting takes place {{relative}}, on {{startDate}} at {{startTime}}.

${DETAILS_TEXT_EN}

The calendar invitation is attached again, in case you have not added it yet. Please let the convener know if you cannot attend.

${AGENDA_TEXT_EN}
{{#hasActionPoints}}

Your action points
Please come with an update on:
${ACTIONS_TEXT_EN}
{{/hasActionPoints}}

${CONVENER_TEXT_EN}

Meeting ID: {{meetingId}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Dear colleagues,</p>
<p style="${P}">This is a reminder that the following meeting takes place <strong>{{relative}}, on {{startDate}} at {{startTime}}</strong>.</p>
${DETAILS_HTML_EN}
<div style="${BOX}">
<p style="${LAST}">The calendar invitation is attached again, in case you have not added it yet. Please let the convener know if you cannot attend.</p>
</div>
${AGENDA_HTML_EN}
{{#hasActionPoints}}
<p style="${HEAD_ROW}"><strong>Your action points</strong></p>
<p style="${ROW}">Please come with an update on:</p>
${ACTIONS_HTML_EN}
{{/hasActionPoints}}
${CONVENER_HTML_EN}
<p style="${MUTED}">Meeting ID: {{meetingId}}</p>
</div>
`,
};

// =============================================================================================
// meeting.minutes_request — to the convener after the meeting: was it held, which cases were
// discussed (they count towards the plan's indicators). No calendar attachment.
// =============================================================================================

const MINUTES_SQ: TemplateVariant = {
  subject: 'Ju lutemi regjistroni procesverbalin: {{kindLabel}}, {{startDate}} — {{coordinatorOffice}}',
  text: `Përshëndetje,

Takimi i mëposhtëm ishte caktuar më {{startDate}} në orën {{startTime}}.

{{kindLabel}}
{{#title}}
Tema: {{title}}
{{/title}}
Koha: {{when}}

Ju lutemi regjistroni në platformë nëse takimi u mbajt dhe cilat raste u diskutuan. Shënoni vetëm numrat e rasteve në SMR, pa emra. Këto të dhëna hyjnë në treguesit tremujorë të planit: takimet e mbajtura dhe rastet e diskutuara.

Regjistrimi në platformë: {{minutesPath}}

Nëse takimi nuk u mbajt, ju lutemi regjistrojeni edhe këtë.

ID e takimit: {{meetingId}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}">Takimi i mëposhtëm ishte caktuar më {{startDate}} në orën {{startTime}}.</p>
<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Tema:</strong> {{title}}</p>
{{/title}}
<p style="${P}"><strong>Koha:</strong> {{when}}</p>
<div style="${BOX}">
<p style="${P}"><strong>Ju lutemi regjistroni në platformë nëse takimi u mbajt dhe cilat raste u diskutuan.</strong> Shënoni vetëm numrat e rasteve në SMR, pa emra.</p>
<p style="${LAST}">Regjistrimi në platformë: <code style="${CODE}">{{minutesPath}}</code></p>
</div>
<p style="${P}">Këto të dhëna hyjnë në treguesit tremujorë të planit: takimet e mbajtura dhe rastet e diskutuara. Nëse takimi nuk u mbajt, ju lutemi regjistrojeni edhe këtë.</p>
<p style="${MUTED}">ID e takimit: {{meetingId}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const MINUTES_SR_LATN: TemplateVariant = {
  subject: 'Molimo unesite zapisnik: {{kindLabel}}, {{startDate}} — {{coordinatorOffice}}',
  text: `Dobar dan,

Sledeći sastanak bio je zakazan za {{startDate}} u {{startTime}}.

{{kindLabel}}
{{#title}}
Tema: {{title}}
{{/title}}
Vreme: {{when}}

Molimo vas da na platformi zabeležite da li je sastanak održan i koji su predmeti razmatrani. Navedite samo brojeve predmeta u SUS, bez imena. Ovi podaci ulaze u tromesečne indikatore plana: održani sastanci i razmatrani predmeti.

Unos na platformi: {{minutesPath}}

Ako sastanak nije održan, molimo vas da i to zabeležite.

Oznaka sastanka: {{meetingId}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">Sledeći sastanak bio je zakazan za {{startDate}} u {{startTime}}.</p>
<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Tema:</strong> {{title}}</p>
{{/title}}
<p style="${P}"><strong>Vreme:</strong> {{when}}</p>
<div style="${BOX}">
<p style="${P}"><strong>Molimo vas da na platformi zabeležite da li je sastanak održan i koji su predmeti razmatrani.</strong> Navedite samo brojeve predmeta u SUS, bez imena.</p>
<p style="${LAST}">Unos na platformi: <code style="${CODE}">{{minutesPath}}</code></p>
</div>
<p style="${P}">Ovi podaci ulaze u tromesečne indikatore plana: održani sastanci i razmatrani predmeti. Ako sastanak nije održan, molimo vas da i to zabeležite.</p>
<p style="${MUTED}">Oznaka sastanka: {{meetingId}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const MINUTES_SR_CYRL: TemplateVariant = {
  subject: 'Молимо унесите записник: {{kindLabel}}, {{startDate}} — {{coordinatorOffice}}',
  text: `Добар дан,

Следећи састанак био је заказан за {{startDate}} у {{startTime}}.

{{kindLabel}}
{{#title}}
Тема: {{title}}
{{/title}}
Време: {{when}}

Молимо вас да на платформи забележите да ли је састанак одржан и који су предмети разматрани. Наведите само бројеве предмета у СУС, без имена. Ови подаци улазе у тромесечне индикаторе плана: одржани састанци и разматрани предмети.

Унос на платформи: {{minutesPath}}

Ако састанак није одржан, молимо вас да и то забележите.

Ознака састанка: {{meetingId}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">Следећи састанак био је заказан за {{startDate}} у {{startTime}}.</p>
<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Тема:</strong> {{title}}</p>
{{/title}}
<p style="${P}"><strong>Време:</strong> {{when}}</p>
<div style="${BOX}">
<p style="${P}"><strong>Молимо вас да на платформи забележите да ли је састанак одржан и који су предмети разматрани.</strong> Наведите само бројеве предмета у СУС, без имена.</p>
<p style="${LAST}">Унос на платформи: <code style="${CODE}">{{minutesPath}}</code></p>
</div>
<p style="${P}">Ови подаци улазе у тромесечне индикаторе плана: одржани састанци и разматрани предмети. Ако састанак није одржан, молимо вас да и то забележите.</p>
<p style="${MUTED}">Ознака састанка: {{meetingId}}</p>
</div>
`,
};

const MINUTES_EN: TemplateVariant = {
  subject: 'Please record the minutes: {{kindLabel}}, {{startDate}} — {{coordinatorOffice}}',
  text: `Hello,

The following meeting was scheduled for {{startDate}} at {{startTime}}.

{{kindLabel}}
{{#title}}
Topic: {{title}}
{{/title}}
When: {{when}}

Please record in the platform whether the meeting was held and which cases were discussed. Give SMR case references only, no names. These count towards the plan's quarterly indicators: meetings held and cases discussed.

Record them at: {{minutesPath}}

If the meeting did not take place, please record that too.

Meeting ID: {{meetingId}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}">The following meeting was scheduled for {{startDate}} at {{startTime}}.</p>
<p style="${ROW}"><strong>{{kindLabel}}</strong></p>
{{#title}}
<p style="${ROW}"><strong>Topic:</strong> {{title}}</p>
{{/title}}
<p style="${P}"><strong>When:</strong> {{when}}</p>
<div style="${BOX}">
<p style="${P}"><strong>Please record in the platform whether the meeting was held and which cases were discussed.</strong> Give SMR case references only, no names.</p>
<p style="${LAST}">Record them at: <code style="${CODE}">{{minutesPath}}</code></p>
</div>
<p style="${P}">These count towards the plan's quarterly indicators: meetings held and cases discussed. If the meeting did not take place, please record that too.</p>
<p style="${MUTED}">Meeting ID: {{meetingId}}</p>
</div>
`,
};

// =============================================================================================
// digest.coordinator — daily or weekly ({{daily}}). Each section only when it has something;
// {{nothingNew}} when none has. {{period}} is one date or "from – to".
// =============================================================================================

const DIGEST_SQ: TemplateVariant = {
  subject: '{{#daily}}Përmbledhja ditore{{/daily}}{{^daily}}Përmbledhja javore{{/daily}} — {{coordinatorOffice}} — {{period}}',
  text: `Përshëndetje,

{{^nothingNew}}
Ja çfarë ndodhi {{#daily}}më {{period}}{{/daily}}{{^daily}}në javën {{period}}{{/daily}} dhe çfarë kërkon vëmendjen tuaj.
{{/nothingNew}}
{{#nothingNew}}
{{#daily}}Më {{period}}{{/daily}}{{^daily}}Në javën {{period}}{{/daily}} nuk ndodhi asgjë e re dhe asgjë nuk pret veprimin tuaj.
{{/nothingNew}}
{{#hasNewCases}}

Raste të reja: {{newCaseCount}}
{{#newCases}}
- Rasti {{smrCaseId}}: mbërritja më {{arrivalDate}}, {{household}}
{{/newCases}}
{{/hasNewCases}}
{{#hasOffices}}

Referimet sipas zyrave
{{#offices}}
- {{office}}: dërguar {{sent}}, pranuar {{accepted}}, refuzuar {{declined}}, kryer {{completed}}, me vonesë {{overdue}}
{{/offices}}
{{/hasOffices}}
{{#hasOverdue}}

Referime të pakonfirmuara pas afatit: {{overdueCount}}
{{#overdueReferrals}}
- ${ACTION_SQ}
{{/overdueReferrals}}
{{/hasOverdue}}
{{#hasUpcoming}}

Takime dhe afate ligjore në 7 ditët e ardhshme
{{#upcoming}}
- {{when}} — rasti {{smrCaseId}} — {{#isAppointment}}takim{{/isAppointment}}{{#isDeadline}}afat ligjor{{/isDeadline}}: {{title}}
{{/upcoming}}
{{/hasUpcoming}}
{{#hasEscalations}}

Përshkallëzime
{{#escalations}}
- Rasti {{smrCaseId}}{{#office}} — {{office}}{{/office}}: {{#isHeadOfOffice}}kujtesa iu dërgua udhëheqësit të zyrës{{/isHeadOfOffice}}{{#isCoordinatorFlag}}zyra nuk është përgjigjur as pas njoftimit të udhëheqësit; ju lutemi telefononi zyrën{{/isCoordinatorFlag}}{{#isHomeVisit}}afati 72-orësh për vizitën në shtëpi ka kaluar pa vizitë të regjistruar{{/isHomeVisit}} ({{at}})
{{/escalations}}
{{/hasEscalations}}
{{#hasFailed}}

Njoftime të padorëzuara: kontaktoni me telefon ose me vizitë
{{#failed}}
- Rasti {{smrCaseId}} — {{#isSms}}SMS{{/isSms}}{{#isEmail}}email{{/isEmail}} ({{at}}): {{#isFailed}}nuk u dorëzua{{/isFailed}}{{#isUnconfirmed}}nuk dihet nëse u dorëzua{{/isUnconfirmed}}
{{/failed}}
{{/hasFailed}}

Koordinatori: {{coordinatorName}}
Komuna: {{municipality}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
{{^nothingNew}}
<p style="${P}">Ja çfarë ndodhi {{#daily}}më {{period}}{{/daily}}{{^daily}}në javën {{period}}{{/daily}} dhe çfarë kërkon vëmendjen tuaj.</p>
{{/nothingNew}}
{{#nothingNew}}
<div style="${BOX}">
<p style="${LAST}">{{#daily}}Më {{period}}{{/daily}}{{^daily}}Në javën {{period}}{{/daily}} nuk ndodhi asgjë e re dhe asgjë nuk pret veprimin tuaj.</p>
</div>
{{/nothingNew}}
{{#hasNewCases}}
<p style="${HEAD_ROW}"><strong>Raste të reja: {{newCaseCount}}</strong></p>
<ul style="${UL}">
{{#newCases}}
<li>Rasti {{smrCaseId}}: mbërritja më {{arrivalDate}}, {{household}}</li>
{{/newCases}}
</ul>
{{/hasNewCases}}
{{#hasOffices}}
<p style="${HEAD_ROW}"><strong>Referimet sipas zyrave</strong></p>
<table style="${TABLE}">
<tr><th style="${TH_COL}">Dërguar</th><th style="${TH_COL}">Pranuar</th><th style="${TH_COL}">Refuzuar</th><th style="${TH_COL}">Kryer</th><th style="${TH_COL}">Me vonesë</th></tr>
{{#offices}}
<tr><td colspan="5" style="${TD_NAME}">{{office}}</td></tr>
<tr><td style="${TD_COL}">{{sent}}</td><td style="${TD_COL}">{{accepted}}</td><td style="${TD_COL}">{{declined}}</td><td style="${TD_COL}">{{completed}}</td><td style="${TD_COL}">{{overdue}}</td></tr>
{{/offices}}
</table>
{{/hasOffices}}
{{#hasOverdue}}
<p style="${HEAD_ROW}"><strong>Referime të pakonfirmuara pas afatit: {{overdueCount}}</strong></p>
<ul style="${UL}">
{{#overdueReferrals}}
<li>${ACTION_SQ}</li>
{{/overdueReferrals}}
</ul>
{{/hasOverdue}}
{{#hasUpcoming}}
<p style="${HEAD_ROW}"><strong>Takime dhe afate ligjore në 7 ditët e ardhshme</strong></p>
<ul style="${UL}">
{{#upcoming}}
<li>{{when}} — rasti {{smrCaseId}} — {{#isAppointment}}takim{{/isAppointment}}{{#isDeadline}}afat ligjor{{/isDeadline}}: {{title}}</li>
{{/upcoming}}
</ul>
{{/hasUpcoming}}
{{#hasEscalations}}
<p style="${HEAD_ROW}"><strong>Përshkallëzime</strong></p>
<ul style="${UL}">
{{#escalations}}
<li>Rasti {{smrCaseId}}{{#office}} — {{office}}{{/office}}: {{#isHeadOfOffice}}kujtesa iu dërgua udhëheqësit të zyrës{{/isHeadOfOffice}}{{#isCoordinatorFlag}}zyra nuk është përgjigjur as pas njoftimit të udhëheqësit; <strong>ju lutemi telefononi zyrën</strong>{{/isCoordinatorFlag}}{{#isHomeVisit}}afati 72-orësh për vizitën në shtëpi ka kaluar pa vizitë të regjistruar{{/isHomeVisit}} ({{at}})</li>
{{/escalations}}
</ul>
{{/hasEscalations}}
{{#hasFailed}}
<p style="${HEAD_ROW}"><strong>Njoftime të padorëzuara: kontaktoni me telefon ose me vizitë</strong></p>
<ul style="${UL}">
{{#failed}}
<li>Rasti {{smrCaseId}} — {{#isSms}}SMS{{/isSms}}{{#isEmail}}email{{/isEmail}} ({{at}}): {{#isFailed}}nuk u dorëzua{{/isFailed}}{{#isUnconfirmed}}nuk dihet nëse u dorëzua{{/isUnconfirmed}}</li>
{{/failed}}
</ul>
{{/hasFailed}}
<p style="${MUTED}">Koordinatori: {{coordinatorName}}<br>Komuna: {{municipality}}</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const DIGEST_SR_LATN: TemplateVariant = {
  subject: '{{#daily}}Dnevni pregled{{/daily}}{{^daily}}Nedeljni pregled{{/daily}} — {{coordinatorOffice}} — {{period}}',
  text: `Dobar dan,

{{^nothingNew}}
Evo pregleda {{#daily}}za {{period}}{{/daily}}{{^daily}}za nedelju {{period}}{{/daily}}: šta je novo i šta traži vašu pažnju.
{{/nothingNew}}
{{#nothingNew}}
{{#daily}}Za {{period}}{{/daily}}{{^daily}}Za nedelju {{period}}{{/daily}} nema ničeg novog i ništa ne čeka na vas.
{{/nothingNew}}
{{#hasNewCases}}

Novi predmeti: {{newCaseCount}}
{{#newCases}}
- Predmet {{smrCaseId}}: dolazak {{arrivalDate}}, {{household}}
{{/newCases}}
{{/hasNewCases}}
{{#hasOffices}}

Upućivanja po kancelarijama
{{#offices}}
- {{office}}: poslato {{sent}}, prihvaćeno {{accepted}}, odbijeno {{declined}}, obavljeno {{completed}}, kasni {{overdue}}
{{/offices}}
{{/hasOffices}}
{{#hasOverdue}}

Nepotvrđena upućivanja kojima je istekao rok: {{overdueCount}}
{{#overdueReferrals}}
- ${ACTION_SR_LATN}
{{/overdueReferrals}}
{{/hasOverdue}}
{{#hasUpcoming}}

Termini i zakonski rokovi u narednih 7 dana
{{#upcoming}}
- {{when}} — predmet {{smrCaseId}} — {{#isAppointment}}termin{{/isAppointment}}{{#isDeadline}}zakonski rok{{/isDeadline}}: {{title}}
{{/upcoming}}
{{/hasUpcoming}}
{{#hasEscalations}}

Eskalacije
{{#escalations}}
- Predmet {{smrCaseId}}{{#office}} — {{office}}{{/office}}: {{#isHeadOfOffice}}podsetnik je prosleđen rukovodiocu kancelarije{{/isHeadOfOffice}}{{#isCoordinatorFlag}}kancelarija nije odgovorila ni posle obaveštenja rukovodiocu; molimo vas da pozovete kancelariju{{/isCoordinatorFlag}}{{#isHomeVisit}}istekao je rok od 72 sata za kućnu posetu, a poseta nije evidentirana{{/isHomeVisit}} ({{at}})
{{/escalations}}
{{/hasEscalations}}
{{#hasFailed}}

Neisporučena obaveštenja: kontaktirajte telefonom ili posetom
{{#failed}}
- Predmet {{smrCaseId}} — {{#isSms}}SMS{{/isSms}}{{#isEmail}}e-pošta{{/isEmail}} ({{at}}): {{#isFailed}}nije isporučeno{{/isFailed}}{{#isUnconfirmed}}nije poznato da li je isporučeno{{/isUnconfirmed}}
{{/failed}}
{{/hasFailed}}

Koordinator: {{coordinatorName}}
Opština: {{municipality}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
{{^nothingNew}}
<p style="${P}">Evo pregleda {{#daily}}za {{period}}{{/daily}}{{^daily}}za nedelju {{period}}{{/daily}}: šta je novo i šta traži vašu pažnju.</p>
{{/nothingNew}}
{{#nothingNew}}
<div style="${BOX}">
<p style="${LAST}">{{#daily}}Za {{period}}{{/daily}}{{^daily}}Za nedelju {{period}}{{/daily}} nema ničeg novog i ništa ne čeka na vas.</p>
</div>
{{/nothingNew}}
{{#hasNewCases}}
<p style="${HEAD_ROW}"><strong>Novi predmeti: {{newCaseCount}}</strong></p>
<ul style="${UL}">
{{#newCases}}
<li>Predmet {{smrCaseId}}: dolazak {{arrivalDate}}, {{household}}</li>
{{/newCases}}
</ul>
{{/hasNewCases}}
{{#hasOffices}}
<p style="${HEAD_ROW}"><strong>Upućivanja po kancelarijama</strong></p>
<table style="${TABLE}">
<tr><th style="${TH_COL}">Poslato</th><th style="${TH_COL}">Prihvaćeno</th><th style="${TH_COL}">Odbijeno</th><th style="${TH_COL}">Obavljeno</th><th style="${TH_COL}">Kasni</th></tr>
{{#offices}}
<tr><td colspan="5" style="${TD_NAME}">{{office}}</td></tr>
<tr><td style="${TD_COL}">{{sent}}</td><td style="${TD_COL}">{{accepted}}</td><td style="${TD_COL}">{{declined}}</td><td style="${TD_COL}">{{completed}}</td><td style="${TD_COL}">{{overdue}}</td></tr>
{{/offices}}
</table>
{{/hasOffices}}
{{#hasOverdue}}
<p style="${HEAD_ROW}"><strong>Nepotvrđena upućivanja kojima je istekao rok: {{overdueCount}}</strong></p>
<ul style="${UL}">
{{#overdueReferrals}}
<li>${ACTION_SR_LATN}</li>
{{/overdueReferrals}}
</ul>
{{/hasOverdue}}
{{#hasUpcoming}}
<p style="${HEAD_ROW}"><strong>Termini i zakonski rokovi u narednih 7 dana</strong></p>
<ul style="${UL}">
{{#upcoming}}
<li>{{when}} — predmet {{smrCaseId}} — {{#isAppointment}}termin{{/isAppointment}}{{#isDeadline}}zakonski rok{{/isDeadline}}: {{title}}</li>
{{/upcoming}}
</ul>
{{/hasUpcoming}}
{{#hasEscalations}}
<p style="${HEAD_ROW}"><strong>Eskalacije</strong></p>
<ul style="${UL}">
{{#escalations}}
<li>Predmet {{smrCaseId}}{{#office}} — {{office}}{{/office}}: {{#isHeadOfOffice}}podsetnik je prosleđen rukovodiocu kancelarije{{/isHeadOfOffice}}{{#isCoordinatorFlag}}kancelarija nije odgovorila ni posle obaveštenja rukovodiocu; <strong>molimo vas da pozovete kancelariju</strong>{{/isCoordinatorFlag}}{{#isHomeVisit}}istekao je rok od 72 sata za kućnu posetu, a poseta nije evidentirana{{/isHomeVisit}} ({{at}})</li>
{{/escalations}}
</ul>
{{/hasEscalations}}
{{#hasFailed}}
<p style="${HEAD_ROW}"><strong>Neisporučena obaveštenja: kontaktirajte telefonom ili posetom</strong></p>
<ul style="${UL}">
{{#failed}}
<li>Predmet {{smrCaseId}} — {{#isSms}}SMS{{/isSms}}{{#isEmail}}e-pošta{{/isEmail}} ({{at}}): {{#isFailed}}nije isporučeno{{/isFailed}}{{#isUnconfirmed}}nije poznato da li je isporučeno{{/isUnconfirmed}}</li>
{{/failed}}
</ul>
{{/hasFailed}}
<p style="${MUTED}">Koordinator: {{coordinatorName}}<br>Opština: {{municipality}}</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const DIGEST_SR_CYRL: TemplateVariant = {
  subject: '{{#daily}}Дневни преглед{{/daily}}{{^daily}}Недељни преглед{{/daily}} — {{coordinatorOffice}} — {{period}}',
  text: `Добар дан,

{{^nothingNew}}
Ево прегледа {{#daily}}за {{period}}{{/daily}}{{^daily}}за недељу {{period}}{{/daily}}: шта је ново и шта тражи вашу пажњу.
{{/nothingNew}}
{{#nothingNew}}
{{#daily}}За {{period}}{{/daily}}{{^daily}}За недељу {{period}}{{/daily}} нема ничег новог и ништа не чека на вас.
{{/nothingNew}}
{{#hasNewCases}}

Нови предмети: {{newCaseCount}}
{{#newCases}}
- Предмет {{smrCaseId}}: долазак {{arrivalDate}}, {{household}}
{{/newCases}}
{{/hasNewCases}}
{{#hasOffices}}

Упућивања по канцеларијама
{{#offices}}
- {{office}}: послато {{sent}}, прихваћено {{accepted}}, одбијено {{declined}}, обављено {{completed}}, касни {{overdue}}
{{/offices}}
{{/hasOffices}}
{{#hasOverdue}}

Непотврђена упућивања којима је истекао рок: {{overdueCount}}
{{#overdueReferrals}}
- ${ACTION_SR_CYRL}
{{/overdueReferrals}}
{{/hasOverdue}}
{{#hasUpcoming}}

Термини и законски рокови у наредних 7 дана
{{#upcoming}}
- {{when}} — предмет {{smrCaseId}} — {{#isAppointment}}термин{{/isAppointment}}{{#isDeadline}}законски рок{{/isDeadline}}: {{title}}
{{/upcoming}}
{{/hasUpcoming}}
{{#hasEscalations}}

Ескалације
{{#escalations}}
- Предмет {{smrCaseId}}{{#office}} — {{office}}{{/office}}: {{#isHeadOfOffice}}подсетник је прослеђен руководиоцу канцеларије{{/isHeadOfOffice}}{{#isCoordinatorFlag}}канцеларија није одговорила ни после обавештења руководиоцу; молимо вас да позовете канцеларију{{/isCoordinatorFlag}}{{#isHomeVisit}}истекао је рок од 72 сата за кућну посету, а посета није евидентирана{{/isHomeVisit}} ({{at}})
{{/escalations}}
{{/hasEscalations}}
{{#hasFailed}}

Неиспоручена обавештења: контактирајте телефоном или посетом
{{#failed}}
- Предмет {{smrCaseId}} — {{#isSms}}СМС{{/isSms}}{{#isEmail}}е-пошта{{/isEmail}} ({{at}}): {{#isFailed}}није испоручено{{/isFailed}}{{#isUnconfirmed}}није познато да ли је испоручено{{/isUnconfirmed}}
{{/failed}}
{{/hasFailed}}

Координатор: {{coordinatorName}}
Општина: {{municipality}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
{{^nothingNew}}
<p style="${P}">Ево прегледа {{#daily}}за {{period}}{{/daily}}{{^daily}}за недељу {{period}}{{/daily}}: шта је ново и шта тражи вашу пажњу.</p>
{{/nothingNew}}
{{#nothingNew}}
<div style="${BOX}">
<p style="${LAST}">{{#daily}}За {{period}}{{/daily}}{{^daily}}За недељу {{period}}{{/daily}} нема ничег новог и ништа не чека на вас.</p>
</div>
{{/nothingNew}}
{{#hasNewCases}}
<p style="${HEAD_ROW}"><strong>Нови предмети: {{newCaseCount}}</strong></p>
<ul style="${UL}">
{{#newCases}}
<li>Предмет {{smrCaseId}}: долазак {{arrivalDate}}, {{household}}</li>
{{/newCases}}
</ul>
{{/hasNewCases}}
{{#hasOffices}}
<p style="${HEAD_ROW}"><strong>Упућивања по канцеларијама</strong></p>
<table style="${TABLE}">
<tr><th style="${TH_COL}">Послато</th><th style="${TH_COL}">Прихваћено</th><th style="${TH_COL}">Одбијено</th><th style="${TH_COL}">Обављено</th><th style="${TH_COL}">Касни</th></tr>
{{#offices}}
<tr><td colspan="5" style="${TD_NAME}">{{office}}</td></tr>
<tr><td style="${TD_COL}">{{sent}}</td><td style="${TD_COL}">{{accepted}}</td><td style="${TD_COL}">{{declined}}</td><td style="${TD_COL}">{{completed}}</td><td style="${TD_COL}">{{overdue}}</td></tr>
{{/offices}}
</table>
{{/hasOffices}}
{{#hasOverdue}}
<p style="${HEAD_ROW}"><strong>Непотврђена упућивања којима је истекао рок: {{overdueCount}}</strong></p>
<ul style="${UL}">
{{#overdueReferrals}}
<li>${ACTION_SR_CYRL}</li>
{{/overdueReferrals}}
</ul>
{{/hasOverdue}}
{{#hasUpcoming}}
<p style="${HEAD_ROW}"><strong>Термини и законски рокови у наредних 7 дана</strong></p>
<ul style="${UL}">
{{#upcoming}}
<li>{{when}} — предмет {{smrCaseId}} — {{#isAppointment}}термин{{/isAppointment}}{{#isDeadline}}законски рок{{/isDeadline}}: {{title}}</li>
{{/upcoming}}
</ul>
{{/hasUpcoming}}
{{#hasEscalations}}
<p style="${HEAD_ROW}"><strong>Ескалације</strong></p>
<ul style="${UL}">
{{#escalations}}
<li>Предмет {{smrCaseId}}{{#office}} — {{office}}{{/office}}: {{#isHeadOfOffice}}подсетник је прослеђен руководиоцу канцеларије{{/isHeadOfOffice}}{{#isCoordinatorFlag}}канцеларија није одговорила ни после обавештења руководиоцу; <strong>молимо вас да позовете канцеларију</strong>{{/isCoordinatorFlag}}{{#isHomeVisit}}истекао је рок од 72 сата за кућну посету, а посета није евидентирана{{/isHomeVisit}} ({{at}})</li>
{{/escalations}}
</ul>
{{/hasEscalations}}
{{#hasFailed}}
<p style="${HEAD_ROW}"><strong>Неиспоручена обавештења: контактирајте телефоном или посетом</strong></p>
<ul style="${UL}">
{{#failed}}
<li>Предмет {{smrCaseId}} — {{#isSms}}СМС{{/isSms}}{{#isEmail}}е-пошта{{/isEmail}} ({{at}}): {{#isFailed}}није испоручено{{/isFailed}}{{#isUnconfirmed}}није познато да ли је испоручено{{/isUnconfirmed}}</li>
{{/failed}}
</ul>
{{/hasFailed}}
<p style="${MUTED}">Координатор: {{coordinatorName}}<br>Општина: {{municipality}}</p>
</div>
`,
};

const DIGEST_EN: TemplateVariant = {
  subject: '{{#daily}}Daily digest{{/daily}}{{^daily}}Weekly digest{{/daily}} — {{coordinatorOffice}} — {{period}}',
  text: `Hello,

{{^nothingNew}}
Here is what happened {{#daily}}on {{period}}{{/daily}}{{^daily}}in the week {{period}}{{/daily}}, and what needs your attention.
{{/nothingNew}}
{{#nothingNew}}
Nothing new {{#daily}}on {{period}}{{/daily}}{{^daily}}in the week {{period}}{{/daily}}, and nothing waiting for you.
{{/nothingNew}}
{{#hasNewCases}}

New cases: {{newCaseCount}}
{{#newCases}}
- Case {{smrCaseId}}: arrived on {{arrivalDate}}, {{household}}
{{/newCases}}
{{/hasNewCases}}
{{#hasOffices}}

Referrals by office
{{#offices}}
- {{office}}: sent {{sent}}, accepted {{accepted}}, declined {{declined}}, completed {{completed}}, overdue {{overdue}}
{{/offices}}
{{/hasOffices}}
{{#hasOverdue}}

Referrals not acknowledged by their deadline: {{overdueCount}}
{{#overdueReferrals}}
- ${ACTION_EN}
{{/overdueReferrals}}
{{/hasOverdue}}
{{#hasUpcoming}}

Appointments and legal deadlines in the next 7 days
{{#upcoming}}
- {{when}} — case {{smrCaseId}} — {{#isAppointment}}appointment{{/isAppointment}}{{#isDeadline}}legal deadline{{/isDeadline}}: {{title}}
{{/upcoming}}
{{/hasUpcoming}}
{{#hasEscalations}}

Escalations
{{#escalations}}
- Case {{smrCaseId}}{{#office}} — {{office}}{{/office}}: {{#isHeadOfOffice}}the reminder was escalated to the head of office{{/isHeadOfOffice}}{{#isCoordinatorFlag}}the office has not answered even after the escalation; please call them{{/isCoordinatorFlag}}{{#isHomeVisit}}the 72-hour deadline for the home visit has passed and no visit is recorded{{/isHomeVisit}} ({{at}})
{{/escalations}}
{{/hasEscalations}}
{{#hasFailed}}

Failed notifications: contact by phone or visit
{{#failed}}
- Case {{smrCaseId}} — {{#isSms}}SMS{{/isSms}}{{#isEmail}}email{{/isEmail}} ({{at}}): {{#isFailed}}not delivered{{/isFailed}}{{#isUnconfirmed}}outcome unknown{{/isUnconfirmed}}
{{/failed}}
{{/hasFailed}}

Coordinator: {{coordinatorName}}
Municipality: {{municipality}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
{{^nothingNew}}
<p style="${P}">Here is what happened {{#daily}}on {{period}}{{/daily}}{{^daily}}in the week {{period}}{{/daily}}, and what needs your attention.</p>
{{/nothingNew}}
{{#nothingNew}}
<div style="${BOX}">
<p style="${LAST}">Nothing new {{#daily}}on {{period}}{{/daily}}{{^daily}}in the week {{period}}{{/daily}}, and nothing waiting for you.</p>
</div>
{{/nothingNew}}
{{#hasNewCases}}
<p style="${HEAD_ROW}"><strong>New cases: {{newCaseCount}}</strong></p>
<ul style="${UL}">
{{#newCases}}
<li>Case {{smrCaseId}}: arrived on {{arrivalDate}}, {{household}}</li>
{{/newCases}}
</ul>
{{/hasNewCases}}
{{#hasOffices}}
<p style="${HEAD_ROW}"><strong>Referrals by office</strong></p>
<table style="${TABLE}">
<tr><th style="${TH_COL}">Sent</th><th style="${TH_COL}">Accepted</th><th style="${TH_COL}">Declined</th><th style="${TH_COL}">Completed</th><th style="${TH_COL}">Overdue</th></tr>
{{#offices}}
<tr><td colspan="5" style="${TD_NAME}">{{office}}</td></tr>
<tr><td style="${TD_COL}">{{sent}}</td><td style="${TD_COL}">{{accepted}}</td><td style="${TD_COL}">{{declined}}</td><td style="${TD_COL}">{{completed}}</td><td style="${TD_COL}">{{overdue}}</td></tr>
{{/offices}}
</table>
{{/hasOffices}}
{{#hasOverdue}}
<p style="${HEAD_ROW}"><strong>Referrals not acknowledged by their deadline: {{overdueCount}}</strong></p>
<ul style="${UL}">
{{#overdueReferrals}}
<li>${ACTION_EN}</li>
{{/overdueReferrals}}
</ul>
{{/hasOverdue}}
{{#hasUpcoming}}
<p style="${HEAD_ROW}"><strong>Appointments and legal deadlines in the next 7 days</strong></p>
<ul style="${UL}">
{{#upcoming}}
<li>{{when}} — case {{smrCaseId}} — {{#isAppointment}}appointment{{/isAppointment}}{{#isDeadline}}legal deadline{{/isDeadline}}: {{title}}</li>
{{/upcoming}}
</ul>
{{/hasUpcoming}}
{{#hasEscalations}}
<p style="${HEAD_ROW}"><strong>Escalations</strong></p>
<ul style="${UL}">
{{#escalations}}
<li>Case {{smrCaseId}}{{#office}} — {{office}}{{/office}}: {{#isHeadOfOffice}}the reminder was escalated to the head of office{{/isHeadOfOffice}}{{#isCoordinatorFlag}}the office has not answered even after the escalation; <strong>please call them</strong>{{/isCoordinatorFlag}}{{#isHomeVisit}}the 72-hour deadline for the home visit has passed and no visit is recorded{{/isHomeVisit}} ({{at}})</li>
{{/escalations}}
</ul>
{{/hasEscalations}}
{{#hasFailed}}
<p style="${HEAD_ROW}"><strong>Failed notifications: contact by phone or visit</strong></p>
<ul style="${UL}">
{{#failed}}
<li>Case {{smrCaseId}} — {{#isSms}}SMS{{/isSms}}{{#isEmail}}email{{/isEmail}} ({{at}}): {{#isFailed}}not delivered{{/isFailed}}{{#isUnconfirmed}}outcome unknown{{/isUnconfirmed}}</li>
{{/failed}}
</ul>
{{/hasFailed}}
<p style="${MUTED}">Coordinator: {{coordinatorName}}<br>Municipality: {{municipality}}</p>
</div>
`,
};

// =============================================================================================
// report.quarterly — the plan's indicators for one quarter; the same figures go as a CSV
// attachment ({{csvFileName}}), added by the sending code.
// =============================================================================================

const REPORT_SQ: TemplateVariant = {
  subject: 'Raporti tremujor i treguesve — {{quarterLabel}} — {{coordinatorOffice}}',
  text: `Përshëndetje,

Më poshtë janë treguesit e planit komunal për tremujorin {{quarterLabel}} ({{periodStart}} – {{periodEnd}}).

Komuna: {{municipality}}
Zyra: {{coordinatorOffice}}

${CASES_TEXT_SQ}

Persona të referuar, sipas zyrës
{{#personsReferred}}
{{officeKind}}: {{count}}
{{/personsReferred}}

${REFERRALS_TEXT_SQ}

Takimet koordinuese
Takime të mbajtura: {{meetingsHeld}}
Raste të diskutuara në takime: {{casesDiscussed}}

Të njëjtat shifra gjenden në skedarin e bashkëngjitur {{csvFileName}}, që hapet në çdo program tabelash.

Shifrat llogariten nga të dhënat e platformës; rastet dhe referimet që janë regjistruar vetëm në SMR nuk përfshihen.
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
<p style="${P}">Më poshtë janë treguesit e planit komunal për tremujorin <strong>{{quarterLabel}}</strong> ({{periodStart}} – {{periodEnd}}).</p>
<p style="${ROW}"><strong>Komuna:</strong> {{municipality}}</p>
<p style="${P}"><strong>Zyra:</strong> {{coordinatorOffice}}</p>
<table style="${TABLE}">
${CASES_ROWS_SQ}
<tr><th colspan="2" style="${TH}">Persona të referuar, sipas zyrës</th></tr>
{{#personsReferred}}
<tr><td style="${TD}">{{officeKind}}</td><td style="${TD_NUM}">{{count}}</td></tr>
{{/personsReferred}}
${REFERRALS_ROWS_SQ}
<tr><th colspan="2" style="${TH}">Takimet koordinuese</th></tr>
<tr><td style="${TD}">Takime të mbajtura</td><td style="${TD_NUM}">{{meetingsHeld}}</td></tr>
<tr><td style="${TD}">Raste të diskutuara në takime</td><td style="${TD_NUM}">{{casesDiscussed}}</td></tr>
</table>
<div style="${BOX}">
<p style="${LAST}">Të njëjtat shifra gjenden në skedarin e bashkëngjitur <strong>{{csvFileName}}</strong>, që hapet në çdo program tabelash.</p>
</div>
<p style="${MUTED}">Shifrat llogariten nga të dhënat e platformës; rastet dhe referimet që janë regjistruar vetëm në SMR nuk përfshihen.</p>
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const REPORT_SR_LATN: TemplateVariant = {
  subject: 'Tromesečni izveštaj o indikatorima — {{quarterLabel}} — {{coordinatorOffice}}',
  text: `Dobar dan,

U nastavku su indikatori opštinskog plana za {{quarterLabel}} ({{periodStart}} – {{periodEnd}}).

Opština: {{municipality}}
Kancelarija: {{coordinatorOffice}}

${CASES_TEXT_SR_LATN}

Upućena lica, po kancelarijama
{{#personsReferred}}
{{officeKind}}: {{count}}
{{/personsReferred}}

${REFERRALS_TEXT_SR_LATN}

Koordinacioni sastanci
Održani sastanci: {{meetingsHeld}}
Predmeti razmatrani na sastancima: {{casesDiscussed}}

Iste brojke nalaze se u priloženoj datoteci {{csvFileName}}, koja se otvara u svakom programu za tabele.

Brojke su izračunate iz podataka platforme; predmeti i upućivanja evidentirani samo u SUS-u nisu uključeni.
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
<p style="${P}">U nastavku su indikatori opštinskog plana za <strong>{{quarterLabel}}</strong> ({{periodStart}} – {{periodEnd}}).</p>
<p style="${ROW}"><strong>Opština:</strong> {{municipality}}</p>
<p style="${P}"><strong>Kancelarija:</strong> {{coordinatorOffice}}</p>
<table style="${TABLE}">
${CASES_ROWS_SR_LATN}
<tr><th colspan="2" style="${TH}">Upućena lica, po kancelarijama</th></tr>
{{#personsReferred}}
<tr><td style="${TD}">{{officeKind}}</td><td style="${TD_NUM}">{{count}}</td></tr>
{{/personsReferred}}
${REFERRALS_ROWS_SR_LATN}
<tr><th colspan="2" style="${TH}">Koordinacioni sastanci</th></tr>
<tr><td style="${TD}">Održani sastanci</td><td style="${TD_NUM}">{{meetingsHeld}}</td></tr>
<tr><td style="${TD}">Predmeti razmatrani na sastancima</td><td style="${TD_NUM}">{{casesDiscussed}}</td></tr>
</table>
<div style="${BOX}">
<p style="${LAST}">Iste brojke nalaze se u priloženoj datoteci <strong>{{csvFileName}}</strong>, koja se otvara u svakom programu za tabele.</p>
</div>
<p style="${MUTED}">Brojke su izračunate iz podataka platforme; predmeti i upućivanja evidentirani samo u SUS-u nisu uključeni.</p>
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const REPORT_SR_CYRL: TemplateVariant = {
  subject: 'Тромесечни извештај о индикаторима — {{quarterLabel}} — {{coordinatorOffice}}',
  text: `Добар дан,

У наставку су индикатори општинског плана за {{quarterLabel}} ({{periodStart}} – {{periodEnd}}).

Општина: {{municipality}}
Канцеларија: {{coordinatorOffice}}

${CASES_TEXT_SR_CYRL}

Упућена лица, по канцеларијама
{{#personsReferred}}
{{officeKind}}: {{count}}
{{/personsReferred}}

${REFERRALS_TEXT_SR_CYRL}

Координациони састанци
Одржани састанци: {{meetingsHeld}}
Предмети разматрани на састанцима: {{casesDiscussed}}

Исте бројке налазе се у приложеној датотеци {{csvFileName}}, која се отвара у сваком програму за табеле.

Бројке су израчунате из података платформе; предмети и упућивања евидентирани само у СУС-у нису укључени.
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
<p style="${P}">У наставку су индикатори општинског плана за <strong>{{quarterLabel}}</strong> ({{periodStart}} – {{periodEnd}}).</p>
<p style="${ROW}"><strong>Општина:</strong> {{municipality}}</p>
<p style="${P}"><strong>Канцеларија:</strong> {{coordinatorOffice}}</p>
<table style="${TABLE}">
${CASES_ROWS_SR_CYRL}
<tr><th colspan="2" style="${TH}">Упућена лица, по канцеларијама</th></tr>
{{#personsReferred}}
<tr><td style="${TD}">{{officeKind}}</td><td style="${TD_NUM}">{{count}}</td></tr>
{{/personsReferred}}
${REFERRALS_ROWS_SR_CYRL}
<tr><th colspan="2" style="${TH}">Координациони састанци</th></tr>
<tr><td style="${TD}">Одржани састанци</td><td style="${TD_NUM}">{{meetingsHeld}}</td></tr>
<tr><td style="${TD}">Предмети разматрани на састанцима</td><td style="${TD_NUM}">{{casesDiscussed}}</td></tr>
</table>
<div style="${BOX}">
<p style="${LAST}">Исте бројке налазе се у приложеној датотеци <strong>{{csvFileName}}</strong>, која се отвара у сваком програму за табеле.</p>
</div>
<p style="${MUTED}">Бројке су израчунате из података платформе; предмети и упућивања евидентирани само у СУС-у нису укључени.</p>
</div>
`,
};

const REPORT_EN: TemplateVariant = {
  subject: 'Quarterly indicator report — {{quarterLabel}} — {{coordinatorOffice}}',
  text: `Hello,

Below are the municipal plan's indicators for {{quarterLabel}} ({{periodStart}} – {{periodEnd}}).

Municipality: {{municipality}}
Office: {{coordinatorOffice}}

${CASES_TEXT_EN}

Persons referred, by office
{{#personsReferred}}
{{officeKind}}: {{count}}
{{/personsReferred}}

${REFERRALS_TEXT_EN}

Coordination meetings
Meetings held: {{meetingsHeld}}
Cases discussed in meetings: {{casesDiscussed}}

The same figures are in the attached file {{csvFileName}}, which opens in any spreadsheet program.

The figures come from the platform's records; cases and referrals recorded only in SMR are not included.
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
<p style="${P}">Below are the municipal plan's indicators for <strong>{{quarterLabel}}</strong> ({{periodStart}} – {{periodEnd}}).</p>
<p style="${ROW}"><strong>Municipality:</strong> {{municipality}}</p>
<p style="${P}"><strong>Office:</strong> {{coordinatorOffice}}</p>
<table style="${TABLE}">
${CASES_ROWS_EN}
<tr><th colspan="2" style="${TH}">Persons referred, by office</th></tr>
{{#personsReferred}}
<tr><td style="${TD}">{{officeKind}}</td><td style="${TD_NUM}">{{count}}</td></tr>
{{/personsReferred}}
${REFERRALS_ROWS_EN}
<tr><th colspan="2" style="${TH}">Coordination meetings</th></tr>
<tr><td style="${TD}">Meetings held</td><td style="${TD_NUM}">{{meetingsHeld}}</td></tr>
<tr><td style="${TD}">Cases discussed in meetings</td><td style="${TD_NUM}">{{casesDiscussed}}</td></tr>
</table>
<div style="${BOX}">
<p style="${LAST}">The same figures are in the attached file <strong>{{csvFileName}}</strong>, which opens in any spreadsheet program.</p>
</div>
<p style="${MUTED}">The figures come from the platform's records; cases and referrals recorded only in SMR are not included.</p>
</div>
`,
};

export const COORDINATION_TEMPLATES: Readonly<Record<CoordinationTemplateId, Readonly<Record<Language, TemplateVariant>>>> = {
  'meeting.invitation': { sq: INVITATION_SQ, 'sr-Latn': INVITATION_SR_LATN, 'sr-Cyrl': INVITATION_SR_CYRL, en: INVITATION_EN },
  'meeting.rescheduled': { sq: RESCHEDULED_SQ, 'sr-Latn': RESCHEDULED_SR_LATN, 'sr-Cyrl': RESCHEDULED_SR_CYRL, en: RESCHEDULED_EN },
  'meeting.cancelled': { sq: CANCELLED_SQ, 'sr-Latn': CANCELLED_SR_LATN, 'sr-Cyrl': CANCELLED_SR_CYRL, en: CANCELLED_EN },
  'meeting.reminder': { sq: REMINDER_SQ, 'sr-Latn': REMINDER_SR_LATN, 'sr-Cyrl': REMINDER_SR_CYRL, en: REMINDER_EN },
  'meeting.minutes_request': { sq: MINUTES_SQ, 'sr-Latn': MINUTES_SR_LATN, 'sr-Cyrl': MINUTES_SR_CYRL, en: MINUTES_EN },
  'digest.coordinator': { sq: DIGEST_SQ, 'sr-Latn': DIGEST_SR_LATN, 'sr-Cyrl': DIGEST_SR_CYRL, en: DIGEST_EN },
  'report.quarterly': { sq: REPORT_SQ, 'sr-Latn': REPORT_SR_LATN, 'sr-Cyrl': REPORT_SR_CYRL, en: REPORT_EN },
};
