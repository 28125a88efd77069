import { describe, expect, it } from 'vitest';
import { Language } from '../../../shared/domain/vocabulary.js';
import { NEED_LABELS, renderHouseholdSms, type HouseholdSmsData } from '../../../shared/messages/index.js';
import { acceptedSmsData, appointmentSmsData, familySmsData, householdSmsData, SMS_OFFICES, smsData, VISIT_START } from '../../../shared/messages/samples.js';
import { returnWordsIn } from '../../contract/return-words.js';

/** The household's combined SMS (household.returnee.sms): its steps, who it is from, what it never says. */

const PAGE = 'https://referrals.example.org/p/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9.AE2k8Qz1cVb7XmN0';
const PARTESH = { sq: 'Partesh', sr: 'Parteš', en: 'Partesh' };

function household(overrides: Partial<HouseholdSmsData> = {}, lang: Language = 'en'): HouseholdSmsData {
  return {
    ...householdSmsData(lang),
    parts: [
      { template: 'case.returnee.welcome', data: { ...familySmsData({ coordinatorName: 'Drita' }) } },
      { template: 'appointment.returnee.morning', data: { ...appointmentSmsData('appointment', lang) } },
      { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
      { template: 'referral.returnee.sms.private', data: { ...smsData('health_care') } },
    ],
    ...overrides,
  };
}

/** `make`'s message in each language as a foreigner's (every part's category): the texts, none with a word of return. */
function asForeigner(make: (lang: Language) => HouseholdSmsData): string[] {
  return Language.options.map((lang) => {
    const data = make(lang);
    const text = renderHouseholdSms({ ...data, category: 'foreigner', municipality: PARTESH, parts: data.parts.map((p) => ({ ...p, data: { ...p.data, category: 'foreigner' } })) }, lang);
    expect(returnWordsIn(text), `${lang}: ${text}`).toEqual([]);
    return text;
  });
}

describe('the household SMS', () => {
  it('opens with the welcome and lists every step, numbered in the order given, with where, when and what to bring', () => {
    const text = renderHouseholdSms(household(), 'en');
    expect(text).toMatch(/^Obiliq Municipality: Welcome home! Your case is handled by Drita\. /);
    expect(text).toMatch(/ Your next steps: 1\) Today at 09:30 - .+ 2\) Go to Civil Registry Office Obiliq, Hasan Prishtina St, Obiliq \(Mon-Fri 08:00-16:00\)\. Bring: .+ 3\) We have arranged support/);
    expect(text).toMatch(/ Questions: \+38344123456$/);
  });

  it("names neither the need nor the office of a sensitive referral; a standard step for a sensitive need is refused", () => {
    for (const lang of Language.options) {
      const text = renderHouseholdSms(household({}, lang), lang);
      expect(text, lang).not.toContain(NEED_LABELS[lang].health_care);
      expect(text, lang).not.toContain(SMS_OFFICES.health_care.name.en);
    }
    const wrong = household({ parts: [{ template: 'referral.returnee.sms', data: { ...smsData('health_care') } }] });
    expect(() => renderHouseholdSms(wrong, 'en')).toThrow(/sensitive/);
  });

  it('lists an office once however many referrals go to it, and one private step however many are private', () => {
    const twice = household({
      parts: [
        { template: 'referral.returnee.sms', data: { ...smsData('school_enrolment') } },
        { template: 'referral.returnee.sms.private', data: { ...smsData('health_care') } },
        { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
        { template: 'referral.returnee.sms', data: { ...smsData('school_enrolment') } },
        { template: 'referral.returnee.sms.private', data: { ...smsData('psychosocial_support') } },
      ],
    });
    const paged = renderHouseholdSms({ ...twice, pageUrl: PAGE }, 'en');
    const office = SMS_OFFICES.school_enrolment.name.en;
    expect(paged.split(`Go to ${office}`)).toHaveLength(2);
    expect(paged.match(/We have arranged support/g)).toHaveLength(1);
    expect(paged).toMatch(/ 1\) Go to .+ 2\) We have arranged support.+ 3\) Go to Civil Registry Office Obiliq\. Where, when/);
    expect(renderHouseholdSms(twice, 'en').split(`Go to ${office}`)).toHaveLength(2);
  });

  it('says what to bring to one office once, each thing once, when two of its referrals ask for overlapping things', () => {
    const both = household({ parts: [{ template: 'referral.returnee.sms', data: { ...smsData('school_enrolment') } }, { template: 'referral.returnee.sms', data: { ...smsData('language_course') } }] });
    for (const lang of ['sq', 'sr-Latn', 'en'] as const) {
      const text = renderHouseholdSms(both, lang);
      const bring = text.slice(text.indexOf(lang === 'sq' ? 'Sillni: ' : lang === 'en' ? 'Bring: ' : 'Ponesite: '));
      expect(bring.match(/(birth certificate|certifikatë lindjeje|izvod rođenih)/g), `${lang}: ${bring}`).toHaveLength(1);
    }
  });

  it("with the returnee page, each step names only the office or the appointment, and the link follows", () => {
    const text = renderHouseholdSms(household({ pageUrl: PAGE }), 'en');
    expect(text).toContain(`Where, when and what to bring: ${PAGE} Questions:`);
    expect(text).not.toContain('Hasan Prishtina');
    expect(text).not.toContain('Bring:');
    expect(text).toMatch(/ 2\) Go to Civil Registry Office Obiliq\. 3\) /);
  });

  it("a foreigner's comes from the municipality and never speaks of return, in any language or script", () => {
    const foreigner = (lang: Language) =>
      household(
        {
          category: 'foreigner',
          municipality: PARTESH,
          parts: [
            { template: 'case.foreigner.welcome', data: { ...familySmsData({ category: 'foreigner', municipality: PARTESH, coordinatorName: 'Milica' }) } },
            { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
          ],
        },
        lang,
      );
    for (const lang of Language.options) {
      const text = renderHouseholdSms(foreigner(lang), lang);
      expect(returnWordsIn(text), `${lang}: ${text}`).toEqual([]);
    }
    expect(renderHouseholdSms(foreigner('en'), 'en')).toMatch(/^Partesh Municipality: Welcome! /);
    expect(renderHouseholdSms(foreigner('sq'), 'sq')).toMatch(/^Komuna Partesh: Mirë se erdhët! /);
    // A returnee's civil-documents step asks for the repatriation certificate, a foreigner's does not.
    expect(returnWordsIn(renderHouseholdSms(household({}, 'en'), 'en'))).not.toEqual([]);
  });

  it("in Serbian Cyrillic, every word is Cyrillic (the link and the coordinator's name as they are)", () => {
    const text = renderHouseholdSms(household({ pageUrl: PAGE }, 'sr-Cyrl'), 'sr-Cyrl');
    expect(text.replace(PAGE, '').replace('Drita', '')).not.toMatch(/[A-Za-z]/);
    expect(text).toContain(PAGE);
  });

  describe('the home visit as a step', () => {
    /** The welcome and the visit planned the same night: Tuesday 24.11.2026, 10:00, Drita comes. */
    const visit = (lang: Language, template: 'visit.returnee.planned' | 'visit.returnee.moved' = 'visit.returnee.planned', name = 'Drita') =>
      household(
        {
          parts: [
            { template: 'case.returnee.welcome', data: { ...familySmsData({ coordinatorName: 'Drita' }) } },
            { template, data: { ...familySmsData({ start: VISIT_START, ...(name ? { coordinatorName: name } : {}) }) } },
            { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
          ],
          pageUrl: PAGE,
        },
        lang,
      );

    it.each([
      ['sq', "1) Drita do t'ju vizitojë në shtëpi të martën, 24.11.2026, në orën 10:00. 2) Shkoni te "],
      ['sr-Latn', '1) Drita će vas posetiti kod kuće u utorak, 24.11.2026, u 10:00. 2) Javite se: '],
      ['sr-Cyrl', '1) Drita ће вас посетити код куће у уторак, 24.11.2026, у 10:00. 2) Јавите се: '],
      ['en', '1) Drita will visit you at home on Tuesday, 24.11.2026, at 10:00. 2) Go to '],
    ] as const)('in %s says when and who comes, once, and the welcome no longer promises a visit "within a few days"', (lang, step) => {
      const text = renderHouseholdSms(visit(lang), lang);
      expect(text).toContain(step);
      expect(text.split('24.11.2026')).toHaveLength(2);
      expect(text).not.toMatch(/Brenda pak ditësh|U narednih nekoliko dana|У наредних неколико дана|within a few days/);
      // Without a visit among the steps, the welcome still says one comes.
      expect(renderHouseholdSms(household({}, lang), lang)).toMatch(/Brenda pak ditësh|U narednih nekoliko dana|У наредних неколико дана|within a few days/);
    });

    it('a moved visit says it moved; one written without the first name says "we"', () => {
      expect(renderHouseholdSms(visit('en', 'visit.returnee.moved'), 'en')).toContain('1) Your home visit has moved. Drita will visit you at home on Tuesday, 24.11.2026, at 10:00. 2) ');
      expect(renderHouseholdSms(visit('sq', 'visit.returnee.moved', ''), 'sq')).toContain("1) Vizita në shtëpi u zhvendos. Do t'ju vizitojmë në shtëpi të martën, 24.11.2026, në orën 10:00. 2) ");
      expect(renderHouseholdSms(visit('sr-Latn', 'visit.returnee.planned', ''), 'sr-Latn')).toContain('1) Posetićemo vas kod kuće u utorak, 24.11.2026, u 10:00. 2) ');
    });

    it("a foreigner's visit step never speaks of return; a visit step without its time is refused", () => {
      for (const lang of Language.options) {
        const data = visit(lang);
        const foreigner = { ...data, category: 'foreigner' as const, municipality: PARTESH, parts: data.parts.map((p) => (p.template === 'case.returnee.welcome' ? { ...p, template: 'case.foreigner.welcome' as const } : p)) };
        const text = renderHouseholdSms(foreigner, lang);
        expect(text).toMatch(/24\.11\.2026/);
        expect(returnWordsIn(text), `${lang}: ${text}`).toEqual([]);
      }
      expect(() => renderHouseholdSms(household({ parts: [{ template: 'visit.returnee.planned', data: { ...familySmsData() } }] }), 'en')).toThrow(/start/);
    });
  });
  describe('the home visit called off', () => {
    /** The call-off of Tuesday 24.11.2026, 10:00, held for the morning with a referral's SMS. */
    const calledOff = (lang: Language, more: HouseholdSmsData['parts'] = []) =>
      household(
        {
          parts: [
            { template: 'visit.returnee.cancelled', data: { ...familySmsData({ start: VISIT_START }) } },
            { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
            ...more,
          ],
        },
        lang,
      );
    const plannedAgain = { template: 'visit.returnee.planned' as const, data: { ...familySmsData({ start: '2026-11-26T09:00:00Z', coordinatorName: 'Drita' }) } };

    it.each([
      ['sq', "ZKKK Obiliq: Vizita në shtëpi, të martën, 24.11.2026, në orën 10:00, u anulua. Do t'ju telefonojmë për të caktuar një kohë të re. Hapat tuaj të ardhshëm: 1) Shkoni te "],
      ['sr-Latn', 'OKZP Obilić: Kućna poseta u utorak, 24.11.2026, u 10:00 je otkazana. Pozvaćemo vas da dogovorimo novi termin. Vaši sledeći koraci: 1) Javite se: '],
      ['sr-Cyrl', 'ОКЗП Обилић: Кућна посета у уторак, 24.11.2026, у 10:00 је отказана. Позваћемо вас да договоримо нови термин. Ваши следећи кораци: 1) Јавите се: '],
      ['en', 'Obiliq Municipality: The home visit on Tuesday, 24.11.2026, at 10:00 has been called off. We will call you to agree a new time. Your next steps: 1) Go to '],
    ] as const)('in %s is said before the steps, once, and is not a step to do', (lang, opening) => {
      const text = renderHouseholdSms(calledOff(lang), lang);
      expect(text.startsWith(opening), text).toBe(true);
      expect(text.split('24.11.2026')).toHaveLength(2);
      expect(text).not.toMatch(/ 2\) /);
    });

    it.each([
      ['sq', "Vizita në shtëpi, të martën, 24.11.2026, në orën 10:00, u anulua. Hapat tuaj të ardhshëm: 1) Shkoni te ", "2) Drita do t'ju vizitojë në shtëpi të enjten, 26.11.2026, në orën 10:00."],
      ['sr-Latn', 'Kućna poseta u utorak, 24.11.2026, u 10:00 je otkazana. Vaši sledeći koraci: 1) Javite se: ', '2) Drita će vas posetiti kod kuće u četvrtak, 26.11.2026, u 10:00.'],
      ['en', 'The home visit on Tuesday, 24.11.2026, at 10:00 has been called off. Your next steps: 1) Go to ', '2) Drita will visit you at home on Thursday, 26.11.2026, at 10:00.'],
    ] as const)('in %s, with the visit planned again in the same message, asks for no call: the new time is a step', (lang, notice, step) => {
      const text = renderHouseholdSms(calledOff(lang, [plannedAgain]), lang);
      expect(text).toContain(notice);
      expect(text).toContain(step);
      expect(text).not.toMatch(/Do t'ju telefonojmë|Pozvaćemo vas|We will call you/);
    });

    it("with a welcome, the welcome promises no visit \"within a few days\"; a foreigner's never speaks of return; one without its time is refused", () => {
      for (const lang of Language.options) {
        const data = calledOff(lang, []);
        const withWelcome = { ...data, parts: [{ template: 'case.returnee.welcome' as const, data: { ...familySmsData({ coordinatorName: 'Drita' }) } }, ...data.parts] };
        expect(renderHouseholdSms(withWelcome, lang)).not.toMatch(/Brenda pak ditësh|U narednih nekoliko dana|У наредних неколико дана|within a few days/);
      }
      for (const text of asForeigner((lang) => calledOff(lang))) expect(text).toMatch(/24\.11\.2026/);
      expect(() => renderHouseholdSms(household({ parts: [{ template: 'visit.returnee.cancelled', data: { ...familySmsData() } }] }), 'en')).toThrow(/start/);
    });
  });
  describe('an appointment moved or cancelled', () => {
    /** Tuesday 24.11.2026 10:00 cancelled; 25.11 09:30 moved to Friday 27.11.2026 10:00; a referral. */
    const changed = (lang: Language) =>
      household(
        {
          parts: [
            { template: 'appointment.returnee.cancelled', data: { ...familySmsData({ start: VISIT_START }) } },
            { template: 'appointment.returnee.moved', data: { ...familySmsData({ start: '2026-11-27T09:00:00Z' }), previousStart: '2026-11-25T08:30:00Z' } },
            { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
          ],
          pageUrl: PAGE,
        },
        lang,
      );

    it.each([
      ['sq', 'ZKKK Obiliq: Termini juaj, të martën, 24.11.2026, në orën 10:00, u anulua. Hapat tuaj të ardhshëm: 1) Termini juaj i 25.11, ora 09:30, u zhvendos: tani është të premten, 27.11.2026, në orën 10:00. 2) Shkoni te '],
      ['sr-Latn', 'OKZP Obilić: Vaš termin u utorak, 24.11.2026, u 10:00 je otkazan. Vaši sledeći koraci: 1) Vaš termin od 25.11 u 09:30 je pomeren: novi termin je u petak, 27.11.2026, u 10:00. 2) Javite se: '],
      ['sr-Cyrl', 'ОКЗП Обилић: Ваш термин у уторак, 24.11.2026, у 10:00 је отказан. Ваши следећи кораци: 1) Ваш термин од 25.11 у 09:30 је померен: нови термин је у петак, 27.11.2026, у 10:00. 2) Јавите се: '],
      ['en', 'Obiliq Municipality: Your appointment on Tuesday, 24.11.2026, at 10:00 is cancelled. Your next steps: 1) Your appointment of 25.11 at 09:30 is now on Friday, 27.11.2026, at 10:00. 2) Go to '],
    ] as const)('in %s: the cancelled one said before the steps, once, not as a step; the moved one a step with the old and the new time', (lang, opening) => {
      const text = renderHouseholdSms(changed(lang), lang);
      expect(text.startsWith(opening), text).toBe(true);
      expect(text.split('24.11.2026')).toHaveLength(2);
      expect(text).not.toMatch(/ 3\) /);
      // Times only, as its own SMS: nothing that calls for a call back.
      expect(text).not.toMatch(/Do t'ju telefonojmë|Pozvaćemo vas|Позваћемо вас|We will call you/);
    });

    /** Moved in the evening from 25.11 09:00 to Tuesday 24.11.2026 10:00, and that time's morning reminder: parts of one appointment (A1, version 2). */
    const movedToToday = (lang: Language, moveOf = 'A1#2') =>
      household(
        {
          parts: [
            { template: 'appointment.returnee.moved', data: { ...familySmsData({ start: VISIT_START }), previousStart: '2026-11-25T08:00:00Z' }, appointment: moveOf },
            { template: 'appointment.returnee.morning', data: { ...appointmentSmsData('appointment', lang, { when: VISIT_START }) }, appointment: 'A1#2' },
            { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
          ],
          pageUrl: PAGE,
        },
        lang,
      );

    it.each([
      ['sq', 'ZKKK Obiliq: Hapat tuaj të ardhshëm: 1) Sot në orën 10:00 - Regjistrimi si punëkërkues (u zhvendos nga 25.11, ora 09:00). 2) Shkoni te '],
      ['sr-Latn', 'OKZP Obilić: Vaši sledeći koraci: 1) Danas u 10:00 - Prijava kao tražilac posla (pomereno sa 25.11 u 09:00). 2) Javite se: '],
      ['sr-Cyrl', 'ОКЗП Обилић: Ваши следећи кораци: 1) Данас у 10:00 - Пријава као тражилац посла (померено са 25.11 у 09:00). 2) Јавите се: '],
      ['en', 'Obiliq Municipality: Your next steps: 1) Today at 10:00 - Job-seeker registration (moved from 25.11, 09:00). 2) Go to '],
    ] as const)("in %s: a move and the new time's morning reminder of the same appointment are one step, the reminder's, saying where it moved from", (lang, opening) => {
      const text = renderHouseholdSms(movedToToday(lang), lang);
      expect(text.startsWith(opening), text).toBe(true);
      expect(text).not.toMatch(/ 3\) |24\.11\.2026/);
    });

    it('a move of another appointment, or to another time than the reminder\'s, stays its own step', () => {
      expect(renderHouseholdSms(movedToToday('en', 'B1#2'), 'en')).toMatch(/ 1\) Your appointment of 25\.11 at 09:00 is now on Tuesday, 24\.11\.2026, at 10:00\. 2\) Today at 10:00 - Job-seeker registration\. 3\) Go to /);
      const data = movedToToday('en');
      const elsewhen = { ...data, parts: data.parts.map((p) => (p.template === 'appointment.returnee.morning' ? { ...p, data: { ...p.data, when: '2026-11-24T12:00:00Z' } } : p)) };
      expect(renderHouseholdSms(elsewhen, 'en')).toMatch(/ 1\) Your appointment of 25\.11 at 09:00 is now .+ 2\) Today at 13:00 - Job-seeker registration\. 3\) /);
      for (const text of asForeigner(movedToToday)) expect(text).toMatch(/25\.11/);
    });

    it.each([
      ['sq', "u anulua. Info: " + PAGE + ' Pyetje: '],
      ['sr-Latn', 'je otkazan. Info: ' + PAGE + ' Pitanja: '],
      ['sr-Cyrl', 'је отказан. Инфо: ' + PAGE + ' Питања: '],
      ['en', 'is cancelled. Info: ' + PAGE + ' Questions: '],
    ] as const)('in %s, a message of notices only (a visit called off, an appointment cancelled) links the page as "Info", with nothing to bring', (lang, ending) => {
      const notices = household(
        {
          parts: [
            { template: 'visit.returnee.cancelled', data: { ...familySmsData({ start: VISIT_START }) } },
            { template: 'appointment.returnee.cancelled', data: { ...familySmsData({ start: '2026-11-25T08:00:00Z' }) } },
          ],
          pageUrl: PAGE,
        },
        lang,
      );
      const text = renderHouseholdSms(notices, lang);
      expect(text, text).toContain(ending);
      expect(text).not.toMatch(/sillni|ponesete|понесете|bring|Hapat|koraci|кораци|steps/i);
    });

    it("a foreigner's never speaks of return; one without its times is refused", () => {
      for (const text of asForeigner(changed)) expect(text).toMatch(/27\.11\.2026/);
      expect(() => renderHouseholdSms(household({ parts: [{ template: 'appointment.returnee.moved', data: { ...familySmsData({ start: VISIT_START }) } }] }), 'en')).toThrow(/old time/);
      expect(() => renderHouseholdSms(household({ parts: [{ template: 'appointment.returnee.cancelled', data: { ...familySmsData() } }] }), 'en')).toThrow(/start/);
    });
  });
  describe("an office's acceptance as a step", () => {
    const accepted = (lang: Language, pageUrl?: string) =>
      household(
        {
          parts: [
            { template: 'referral.returnee.accepted', data: { ...acceptedSmsData('job_seeker_registration') } },
            { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
          ],
          ...(pageUrl ? { pageUrl } : {}),
        },
        lang,
      );

    it.each([
      ['sq', "1) Zyra e Punësimit Obiliq e pranoi kërkesën tuaj. Do t'ju kontaktojnë, ose shkoni vetë: Rr. Adem Jashari, Obiliq (E hënë-e premte 08:00-16:00). Sillni: ", '1) Zyra e Punësimit Obiliq e pranoi kërkesën tuaj. 2) Shkoni te '],
      ['sr-Latn', '1) Kancelarija za zapošljavanje Obilić - vaš zahtev je prihvaćen. Javiće vam se, ili se sami javite: Ul. Adema Jasharija, Obilić (pon-pet 08:00-16:00). Ponesite: ', '1) Kancelarija za zapošljavanje Obilić - vaš zahtev je prihvaćen. 2) Javite se: '],
      ['sr-Cyrl', '1) Канцеларија за запошљавање Обилић - ваш захтев је прихваћен. Јавиће вам се, или се сами јавите: Ул. Адема Јасхарија, Обилић (пон-пет 08:00-16:00). Понесите: ', '1) Канцеларија за запошљавање Обилић - ваш захтев је прихваћен. 2) Јавите се: '],
      ['en', '1) Employment Office Obiliq has accepted your request. They will contact you, or go there: Adem Jashari St, Obiliq (Mon-Fri 08:00-16:00). Bring: ', '1) Employment Office Obiliq has accepted your request. 2) Go to '],
    ] as const)('in %s names the office, where and what to bring; with the returnee page, the office only', (lang, full, paged) => {
      expect(renderHouseholdSms(accepted(lang), lang)).toContain(full);
      expect(renderHouseholdSms(accepted(lang, PAGE), lang)).toContain(paged);
    });

    it("an acceptance of a sensitive referral is refused, as alone; a foreigner's never speaks of return", () => {
      for (const data of [acceptedSmsData('health_care'), acceptedSmsData('job_seeker_registration', { sensitive: true }), acceptedSmsData('job_seeker_registration', { officeKind: 'mental_health' })]) {
        expect(() => renderHouseholdSms(household({ parts: [{ template: 'referral.returnee.accepted', data: { ...data } }] }), 'en')).toThrow(/sensitive/);
      }
      for (const text of asForeigner((lang) => accepted(lang))) expect(text).toContain(' 2) ');
    });
  });
  describe('a grant call as a step', () => {
    const withGrant = (lang: Language) =>
      household(
        {
          parts: [
            { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
            { template: 'grant.returnee.call', data: { ...familySmsData(), call: 'agriculture', closesOn: '2027-01-29', title: 'Serra 2027', where: 'DBZHR, zyra 12.' } },
          ],
          pageUrl: PAGE,
        },
        lang,
      );

    it.each([
      ['sq', '2) Është hapur thirrja për grante bujqësore "Serra 2027"; aplikoni deri më 29.01.2027. Ku: DBZHR, zyra 12. Ku, kur'],
      ['sr-Latn', '2) Otvoren je konkurs za poljoprivredne grantove "Serra 2027"; prijave do 29.01.2027. Gde: DBZHR, zyra 12. Gde, kada'],
      ['sr-Cyrl', '2) Отворен је конкурс за пољопривредне грантове "Serra 2027"; пријаве до 29.01.2027. Где: DBZHR, zyra 12. Где, када'],
      ['en', '2) A call for agricultural grants "Serra 2027" is open; apply by 29.01.2027. Where: DBZHR, zyra 12. Where, when'],
    ] as const)('in %s says the call, its closing day and where, as its own SMS does', (lang, step) => {
      expect(renderHouseholdSms(withGrant(lang), lang)).toContain(step);
    });

    it("without title or place says the call and its day only; a foreigner's never speaks of return; one without its closing day is refused", () => {
      const bare = household({ parts: [{ template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } }, { template: 'grant.returnee.call', data: { ...familySmsData(), call: 'agriculture', closesOn: '2027-01-29' } }] });
      expect(renderHouseholdSms(bare, 'en')).toContain('2) A call for agricultural grants is open; apply by 29.01.2027. Questions: ');
      for (const text of asForeigner(withGrant)) expect(text).toContain('29.01.2027');
      expect(() => renderHouseholdSms(household({ parts: [{ template: 'grant.returnee.call', data: { ...familySmsData(), call: 'agriculture' } }] }), 'en')).toThrow(/closesOn/);
    });
  });
});
