import type { Language } from '../domain/vocabulary.js';
import type { TemplateVariant } from './catalogue.js';
import { BOX, MUTED, P, ROW, UL, WRAP } from './styles.js';

/**
 * Alerts to the coordinators about the platform's own mail: an address that bounced for good, or
 * whose owner marked our email as spam. Same rules as catalogue.ts.
 *
 * One template for both ({{isBounce}} / {{isComplaint}}): the facts and the steps are the same
 * but for the second step. {{target}} (subject) is the directory name of the recipient when known,
 * else the address itself: an institutional mailbox from the directory, which the coordinator
 * needs to see to have it corrected. {{messageKind}} says which kind of message it was
 * (referral, reminder, meeting mail, digest …), built in code. No need and no person is ever
 * named, in the subject or the body: the case is its SMR id. {{isReferral}}: the lost email was a
 * referral, which the coordinator can give by phone and send again by referring anew.
 *
 * The Serbian sentences keep the office out of the subject position of a past participle (see
 * catalogue-answers.ts); "imenik" / "lista e zyrave" is the directory, as in the answers.
 */

export const ALERT_TEMPLATE_IDS = ['alert.address_undeliverable'] as const;
export type AlertTemplateId = (typeof ALERT_TEMPLATE_IDS)[number];

// =============================================================================================
// alert.address_undeliverable
// =============================================================================================

const ADDRESS_SQ: TemplateVariant = {
  subject: '{{#isBounce}}Emaili nuk u dorëzua{{/isBounce}}{{#isComplaint}}Emaili u shënua si i padëshiruar{{/isComplaint}}: {{target}} — ju lutemi veproni',
  text: `Përshëndetje,

{{#isBounce}}
Një email nga platforma nuk u dorëzua: serveri i postës së marrësit e refuzoi përfundimisht. Platforma nuk dërgon më email në këtë adresë derisa ajo të korrigjohet.
{{/isBounce}}
{{#isComplaint}}
Marrësi e shënoi një email nga platforma si të padëshiruar (spam). Platforma nuk dërgon më email në këtë adresë derisa të hiqet bllokimi.
{{/isComplaint}}

{{#who}}
Marrësi: {{who}}
{{/who}}
Adresa: {{address}}
Mesazhi: {{messageKind}}
{{#smrCaseId}}
Rasti në SMR: {{smrCaseId}}
{{/smrCaseId}}
{{#sentAt}}
Dërguar më: {{sentAt}}
{{/sentAt}}
Raportuar më: {{reportedAt}}
{{#code}}
Arsyeja e serverit të postës: {{code}}
{{/code}}
Komuna: {{municipality}}

Çfarë duhet bërë
{{#isReferral}}
1. Telefononi zyrën sot dhe jepuni referimin{{#smrCaseId}} për rastin {{smrCaseId}}{{/smrCaseId}} me telefon, që familja të mos presë.
{{/isReferral}}
{{^isReferral}}
1. Telefononi marrësin dhe tregojini çfarë thoshte emaili.
{{/isReferral}}
{{#isBounce}}
2. Kërkoni adresën e saktë të emailit dhe kërkoni që ajo të korrigjohet në listën e zyrave (e përditëson administratori i platformës).
{{/isBounce}}
{{#isComplaint}}
2. Kërkojuni ta shënojnë emailin e platformës si „jo i padëshiruar“, ose pyetni cilën adresë duan të përdorin; nëse ndryshon, kërkoni që të korrigjohet në listën e zyrave.
{{/isComplaint}}
{{#isReferral}}
3. Kur lista e zyrave ka adresën e saktë (ose kutia postare funksionon sërish dhe administratori i platformës e ka hequr bllokimin), anuloni këtë referim dhe referojeni rastin sërish te zyra: emaili i ri shkon në adresën e saktë.
{{/isReferral}}
{{^isReferral}}
3. Kur lista e zyrave ka adresën e saktë (ose kutia postare funksionon sërish dhe administratori i platformës e ka hequr bllokimin), mesazhet e ardhshme arrijnë; nëse ky mesazh nevojitet ende, përcillni vetë përmbajtjen e tij.
{{/isReferral}}
{{#isBounce}}

Ky njoftim është edhe në listën e njoftimeve të padorëzuara, për t'u ndjekur me telefon ose me vizitë.
{{/isBounce}}
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje,</p>
{{#isBounce}}
<p style="${P}">Një email nga platforma nuk u dorëzua: serveri i postës së marrësit e refuzoi përfundimisht. Platforma nuk dërgon më email në këtë adresë derisa ajo të korrigjohet.</p>
{{/isBounce}}
{{#isComplaint}}
<p style="${P}">Marrësi e shënoi një email nga platforma si të padëshiruar (spam). Platforma nuk dërgon më email në këtë adresë derisa të hiqet bllokimi.</p>
{{/isComplaint}}
{{#who}}
<p style="${ROW}"><strong>Marrësi:</strong> {{who}}</p>
{{/who}}
<p style="${ROW}"><strong>Adresa:</strong> {{address}}</p>
<p style="${ROW}"><strong>Mesazhi:</strong> {{messageKind}}</p>
{{#smrCaseId}}
<p style="${ROW}"><strong>Rasti në SMR:</strong> {{smrCaseId}}</p>
{{/smrCaseId}}
{{#sentAt}}
<p style="${ROW}"><strong>Dërguar më:</strong> {{sentAt}}</p>
{{/sentAt}}
<p style="${ROW}"><strong>Raportuar më:</strong> {{reportedAt}}</p>
{{#code}}
<p style="${ROW}"><strong>Arsyeja e serverit të postës:</strong> {{code}}</p>
{{/code}}
<p style="${P}"><strong>Komuna:</strong> {{municipality}}</p>
<div style="${BOX}">
<p style="${ROW}"><strong>Çfarë duhet bërë</strong></p>
<ol style="${UL}">
{{#isReferral}}
<li>Telefononi zyrën sot dhe jepuni referimin{{#smrCaseId}} për rastin {{smrCaseId}}{{/smrCaseId}} me telefon, që familja të mos presë.</li>
{{/isReferral}}
{{^isReferral}}
<li>Telefononi marrësin dhe tregojini çfarë thoshte emaili.</li>
{{/isReferral}}
{{#isBounce}}
<li>Kërkoni adresën e saktë të emailit dhe kërkoni që ajo të korrigjohet në listën e zyrave (e përditëson administratori i platformës).</li>
{{/isBounce}}
{{#isComplaint}}
<li>Kërkojuni ta shënojnë emailin e platformës si „jo i padëshiruar“, ose pyetni cilën adresë duan të përdorin; nëse ndryshon, kërkoni që të korrigjohet në listën e zyrave.</li>
{{/isComplaint}}
{{#isReferral}}
<li>Kur lista e zyrave ka adresën e saktë (ose kutia postare funksionon sërish dhe administratori i platformës e ka hequr bllokimin), anuloni këtë referim dhe referojeni rastin sërish te zyra: emaili i ri shkon në adresën e saktë.</li>
{{/isReferral}}
{{^isReferral}}
<li>Kur lista e zyrave ka adresën e saktë (ose kutia postare funksionon sërish dhe administratori i platformës e ka hequr bllokimin), mesazhet e ardhshme arrijnë; nëse ky mesazh nevojitet ende, përcillni vetë përmbajtjen e tij.</li>
{{/isReferral}}
</ol>
</div>
{{#isBounce}}
<p style="${MUTED}">Ky njoftim është edhe në listën e njoftimeve të padorëzuara, për t'u ndjekur me telefon ose me vizitë.</p>
{{/isBounce}}
</div>
`,
};

// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const ADDRESS_SR_LATN: TemplateVariant = {
  subject: '{{#isBounce}}E-poruka nije isporučena{{/isBounce}}{{#isComplaint}}E-poruka je označena kao neželjena{{/isComplaint}}: {{target}} — molimo postupite',
  text: `Dobar dan,

{{#isBounce}}
E-poruka sa platforme nije isporučena: server pošte primaoca ju je trajno odbio. Platforma više ne šalje e-poruke na ovu adresu dok se ona ne ispravi.
{{/isBounce}}
{{#isComplaint}}
Primalac je označio e-poruku sa platforme kao neželjenu (spam). Platforma više ne šalje e-poruke na ovu adresu dok se blokada ne ukloni.
{{/isComplaint}}

{{#who}}
Primalac: {{who}}
{{/who}}
Adresa: {{address}}
Poruka: {{messageKind}}
{{#smrCaseId}}
Broj predmeta u SUS: {{smrCaseId}}
{{/smrCaseId}}
{{#sentAt}}
Poslato: {{sentAt}}
{{/sentAt}}
Prijavljeno: {{reportedAt}}
{{#code}}
Razlog servera pošte: {{code}}
{{/code}}
Opština: {{municipality}}

Šta treba uraditi
{{#isReferral}}
1. Danas pozovite kancelariju i prenesite joj upućivanje{{#smrCaseId}} za predmet {{smrCaseId}}{{/smrCaseId}} telefonom, da porodica ne bi čekala.
{{/isReferral}}
{{^isReferral}}
1. Pozovite primaoca i prenesite mu šta je pisalo u e-poruci.
{{/isReferral}}
{{#isBounce}}
2. Zatražite ispravnu adresu e-pošte i zatražite da se ona ispravi u imeniku (ažurira ga administrator platforme).
{{/isBounce}}
{{#isComplaint}}
2. Zamolite da e-poruke platforme označe kao „nije neželjena“ ili pitajte koju adresu žele da koriste; ako se menja, zatražite da se ispravi u imeniku.
{{/isComplaint}}
{{#isReferral}}
3. Kada imenik ima ispravnu adresu (ili poštansko sanduče ponovo radi i administrator platforme je uklonio blokadu), otkažite ovo upućivanje i ponovo uputite predmet kancelariji: nova e-poruka ide na ispravnu adresu.
{{/isReferral}}
{{^isReferral}}
3. Kada imenik ima ispravnu adresu (ili poštansko sanduče ponovo radi i administrator platforme je uklonio blokadu), sledeće poruke stižu; ako je ova poruka još potrebna, sami prenesite njen sadržaj.
{{/isReferral}}
{{#isBounce}}

Ovo obaveštenje je i na spisku obaveštenja koja nisu stigla, da se prate telefonom ili posetom.
{{/isBounce}}
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan,</p>
{{#isBounce}}
<p style="${P}">E-poruka sa platforme nije isporučena: server pošte primaoca ju je trajno odbio. Platforma više ne šalje e-poruke na ovu adresu dok se ona ne ispravi.</p>
{{/isBounce}}
{{#isComplaint}}
<p style="${P}">Primalac je označio e-poruku sa platforme kao neželjenu (spam). Platforma više ne šalje e-poruke na ovu adresu dok se blokada ne ukloni.</p>
{{/isComplaint}}
{{#who}}
<p style="${ROW}"><strong>Primalac:</strong> {{who}}</p>
{{/who}}
<p style="${ROW}"><strong>Adresa:</strong> {{address}}</p>
<p style="${ROW}"><strong>Poruka:</strong> {{messageKind}}</p>
{{#smrCaseId}}
<p style="${ROW}"><strong>Broj predmeta u SUS:</strong> {{smrCaseId}}</p>
{{/smrCaseId}}
{{#sentAt}}
<p style="${ROW}"><strong>Poslato:</strong> {{sentAt}}</p>
{{/sentAt}}
<p style="${ROW}"><strong>Prijavljeno:</strong> {{reportedAt}}</p>
{{#code}}
<p style="${ROW}"><strong>Razlog servera pošte:</strong> {{code}}</p>
{{/code}}
<p style="${P}"><strong>Opština:</strong> {{municipality}}</p>
<div style="${BOX}">
<p style="${ROW}"><strong>Šta treba uraditi</strong></p>
<ol style="${UL}">
{{#isReferral}}
<li>Danas pozovite kancelariju i prenesite joj upućivanje{{#smrCaseId}} za predmet {{smrCaseId}}{{/smrCaseId}} telefonom, da porodica ne bi čekala.</li>
{{/isReferral}}
{{^isReferral}}
<li>Pozovite primaoca i prenesite mu šta je pisalo u e-poruci.</li>
{{/isReferral}}
{{#isBounce}}
<li>Zatražite ispravnu adresu e-pošte i zatražite da se ona ispravi u imeniku (ažurira ga administrator platforme).</li>
{{/isBounce}}
{{#isComplaint}}
<li>Zamolite da e-poruke platforme označe kao „nije neželjena“ ili pitajte koju adresu žele da koriste; ako se menja, zatražite da se ispravi u imeniku.</li>
{{/isComplaint}}
{{#isReferral}}
<li>Kada imenik ima ispravnu adresu (ili poštansko sanduče ponovo radi i administrator platforme je uklonio blokadu), otkažite ovo upućivanje i ponovo uputite predmet kancelariji: nova e-poruka ide na ispravnu adresu.</li>
{{/isReferral}}
{{^isReferral}}
<li>Kada imenik ima ispravnu adresu (ili poštansko sanduče ponovo radi i administrator platforme je uklonio blokadu), sledeće poruke stižu; ako je ova poruka još potrebna, sami prenesite njen sadržaj.</li>
{{/isReferral}}
</ol>
</div>
{{#isBounce}}
<p style="${MUTED}">Ovo obaveštenje je i na spisku obaveštenja koja nisu stigla, da se prate telefonom ili posetom.</p>
{{/isBounce}}
</div>
`,
};

// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const ADDRESS_SR_CYRL: TemplateVariant = {
  subject: '{{#isBounce}}Е-порука није испоручена{{/isBounce}}{{#isComplaint}}Е-порука је означена као нежељена{{/isComplaint}}: {{target}} — молимо поступите',
  text: `Добар дан,

{{#isBounce}}
Е-порука са платформе није испоручена: сервер поште примаоца ју је трајно одбио. Платформа више не шаље е-поруке на ову адресу док се она не исправи.
{{/isBounce}}
{{#isComplaint}}
Прималац је означио е-поруку са платформе као нежељену (спам). Платформа више не шаље е-поруке на ову адресу док се блокада не уклони.
{{/isComplaint}}

{{#who}}
Прималац: {{who}}
{{/who}}
Адреса: {{address}}
Порука: {{messageKind}}
{{#smrCaseId}}
Број предмета у СУС: {{smrCaseId}}
{{/smrCaseId}}
{{#sentAt}}
Послато: {{sentAt}}
{{/sentAt}}
Пријављено: {{reportedAt}}
{{#code}}
Разлог сервера поште: {{code}}
{{/code}}
Општина: {{municipality}}

Шта треба урадити
{{#isReferral}}
1. Данас позовите канцеларију и пренесите јој упућивање{{#smrCaseId}} за предмет {{smrCaseId}}{{/smrCaseId}} телефоном, да породица не би чекала.
{{/isReferral}}
{{^isReferral}}
1. Позовите примаоца и пренесите му шта је писало у е-поруци.
{{/isReferral}}
{{#isBounce}}
2. Затражите исправну адресу е-поште и затражите да се она исправи у именику (ажурира га администратор платформе).
{{/isBounce}}
{{#isComplaint}}
2. Замолите да е-поруке платформе означе као „није нежељена“ или питајте коју адресу желе да користе; ако се мења, затражите да се исправи у именику.
{{/isComplaint}}
{{#isReferral}}
3. Када именик има исправну адресу (или поштанско сандуче поново ради и администратор платформе је уклонио блокаду), откажите ово упућивање и поново упутите предмет канцеларији: нова е-порука иде на исправну адресу.
{{/isReferral}}
{{^isReferral}}
3. Када именик има исправну адресу (или поштанско сандуче поново ради и администратор платформе је уклонио блокаду), следеће поруке стижу; ако је ова порука још потребна, сами пренесите њен садржај.
{{/isReferral}}
{{#isBounce}}

Ово обавештење је и на списку обавештења која нису стигла, да се прате телефоном или посетом.
{{/isBounce}}
`,
  html: `<div lang="sr-Cyrl" style="${WRAP}">
<p style="${P}">Добар дан,</p>
{{#isBounce}}
<p style="${P}">Е-порука са платформе није испоручена: сервер поште примаоца ју је трајно одбио. Платформа више не шаље е-поруке на ову адресу док се она не исправи.</p>
{{/isBounce}}
{{#isComplaint}}
<p style="${P}">Прималац је означио е-поруку са платформе као нежељену (спам). Платформа више не шаље е-поруке на ову адресу док се блокада не уклони.</p>
{{/isComplaint}}
{{#who}}
<p style="${ROW}"><strong>Прималац:</strong> {{who}}</p>
{{/who}}
<p style="${ROW}"><strong>Адреса:</strong> {{address}}</p>
<p style="${ROW}"><strong>Порука:</strong> {{messageKind}}</p>
{{#smrCaseId}}
<p style="${ROW}"><strong>Број предмета у СУС:</strong> {{smrCaseId}}</p>
{{/smrCaseId}}
{{#sentAt}}
<p style="${ROW}"><strong>Послато:</strong> {{sentAt}}</p>
{{/sentAt}}
<p style="${ROW}"><strong>Пријављено:</strong> {{reportedAt}}</p>
{{#code}}
<p style="${ROW}"><strong>Разлог сервера поште:</strong> {{code}}</p>
{{/code}}
<p style="${P}"><strong>Општина:</strong> {{municipality}}</p>
<div style="${BOX}">
<p style="${ROW}"><strong>Шта треба урадити</strong></p>
<ol style="${UL}">
{{#isReferral}}
<li>Данас позовите канцеларију и пренесите јој упућивање{{#smrCaseId}} за предмет {{smrCaseId}}{{/smrCaseId}} телефоном, да породица не би чекала.</li>
{{/isReferral}}
{{^isReferral}}
<li>Позовите примаоца и пренесите му шта је писало у е-поруци.</li>
{{/isReferral}}
{{#isBounce}}
<li>Затражите исправну адресу е-поште и затражите да се она исправи у именику (ажурира га администратор платформе).</li>
{{/isBounce}}
{{#isComplaint}}
<li>Замолите да е-поруке платформе означе као „није нежељена“ или питајте коју адресу желе да користе; ако се мења, затражите да се исправи у именику.</li>
{{/isComplaint}}
{{#isReferral}}
<li>Када именик има исправну адресу (или поштанско сандуче поново ради и администратор платформе је уклонио блокаду), откажите ово упућивање и поново упутите предмет канцеларији: нова е-порука иде на исправну адресу.</li>
{{/isReferral}}
{{^isReferral}}
<li>Када именик има исправну адресу (или поштанско сандуче поново ради и администратор платформе је уклонио блокаду), следеће поруке стижу; ако је ова порука још потребна, сами пренесите њен садржај.</li>
{{/isReferral}}
</ol>
</div>
{{#isBounce}}
<p style="${MUTED}">Ово обавештење је и на списку обавештења која нису стигла, да се прате телефоном или посетом.</p>
{{/isBounce}}
</div>
`,
};

const ADDRESS_EN: TemplateVariant = {
  subject: '{{#isBounce}}Email not delivered{{/isBounce}}{{#isComplaint}}Email marked as spam{{/isComplaint}}: {{target}} — please act',
  text: `Hello,

{{#isBounce}}
An email from the platform could not be delivered: the recipient's mail server refused it for good. The platform sends no more email to this address until it is corrected.
{{/isBounce}}
{{#isComplaint}}
The recipient marked an email from the platform as spam. The platform sends no more email to this address until the block is lifted.
{{/isComplaint}}

{{#who}}
Recipient: {{who}}
{{/who}}
Address: {{address}}
Message: {{messageKind}}
{{#smrCaseId}}
SMR case: {{smrCaseId}}
{{/smrCaseId}}
{{#sentAt}}
Sent: {{sentAt}}
{{/sentAt}}
Reported: {{reportedAt}}
{{#code}}
Mail server's reason: {{code}}
{{/code}}
Municipality: {{municipality}}

What to do
{{#isReferral}}
1. Phone the office today and give them the referral{{#smrCaseId}} for case {{smrCaseId}}{{/smrCaseId}} by phone, so the family does not wait.
{{/isReferral}}
{{^isReferral}}
1. Phone the recipient and tell them what the email said.
{{/isReferral}}
{{#isBounce}}
2. Ask for the correct email address and have it corrected in the directory (the platform administrator updates it).
{{/isBounce}}
{{#isComplaint}}
2. Ask them to mark the platform's email as "not spam", or which address they want to use instead; if it changes, have it corrected in the directory.
{{/isComplaint}}
{{#isReferral}}
3. When the directory has the right address (or the mailbox works again and the platform administrator has lifted the block), cancel this referral and refer the case to the office again: the new email goes to the right address.
{{/isReferral}}
{{^isReferral}}
3. When the directory has the right address (or the mailbox works again and the platform administrator has lifted the block), the next messages arrive; if this one is still needed, pass its content on yourself.
{{/isReferral}}
{{#isBounce}}

This notification is also on the list of notifications that did not arrive, to be followed up by phone or visit.
{{/isBounce}}
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello,</p>
{{#isBounce}}
<p style="${P}">An email from the platform could not be delivered: the recipient's mail server refused it for good. The platform sends no more email to this address until it is corrected.</p>
{{/isBounce}}
{{#isComplaint}}
<p style="${P}">The recipient marked an email from the platform as spam. The platform sends no more email to this address until the block is lifted.</p>
{{/isComplaint}}
{{#who}}
<p style="${ROW}"><strong>Recipient:</strong> {{who}}</p>
{{/who}}
<p style="${ROW}"><strong>Address:</strong> {{address}}</p>
<p style="${ROW}"><strong>Message:</strong> {{messageKind}}</p>
{{#smrCaseId}}
<p style="${ROW}"><strong>SMR case:</strong> {{smrCaseId}}</p>
{{/smrCaseId}}
{{#sentAt}}
<p style="${ROW}"><strong>Sent:</strong> {{sentAt}}</p>
{{/sentAt}}
<p style="${ROW}"><strong>Reported:</strong> {{reportedAt}}</p>
{{#code}}
<p style="${ROW}"><strong>Mail server's reason:</strong> {{code}}</p>
{{/code}}
<p style="${P}"><strong>Municipality:</strong> {{municipality}}</p>
<div style="${BOX}">
<p style="${ROW}"><strong>What to do</strong></p>
<ol style="${UL}">
{{#isReferral}}
<li>Phone the office today and give them the referral{{#smrCaseId}} for case {{smrCaseId}}{{/smrCaseId}} by phone, so the family does not wait.</li>
{{/isReferral}}
{{^isReferral}}
<li>Phone the recipient and tell them what the email said.</li>
{{/isReferral}}
{{#isBounce}}
<li>Ask for the correct email address and have it corrected in the directory (the platform administrator updates it).</li>
{{/isBounce}}
{{#isComplaint}}
<li>Ask them to mark the platform's email as "not spam", or which address they want to use instead; if it changes, have it corrected in the directory.</li>
{{/isComplaint}}
{{#isReferral}}
<li>When the directory has the right address (or the mailbox works again and the platform administrator has lifted the block), cancel this referral and refer the case to the office again: the new email goes to the right address.</li>
{{/isReferral}}
{{^isReferral}}
<li>When the directory has the right address (or the mailbox works again and the platform administrator has lifted the block), the next messages arrive; if this one is still needed, pass its content on yourself.</li>
{{/isReferral}}
</ol>
</div>
{{#isBounce}}
<p style="${MUTED}">This notification is also on the list of notifications that did not arrive, to be followed up by phone or visit.</p>
{{/isBounce}}
</div>
`,
};

export const ALERT_TEMPLATES: Readonly<Record<AlertTemplateId, Readonly<Record<Language, TemplateVariant>>>> = {
  'alert.address_undeliverable': { sq: ADDRESS_SQ, 'sr-Latn': ADDRESS_SR_LATN, 'sr-Cyrl': ADDRESS_SR_CYRL, en: ADDRESS_EN },
};
