import { describe, expect, it } from 'vitest';
import { Language } from '../../../shared/domain/vocabulary.js';
import { localName, renderReminderSms, smsStats } from '../../../shared/messages/index.js';
import { REMINDER_SMS_TEMPLATE_IDS, type ReminderSmsTemplateId } from '../../../shared/domain/template-ids.js';
import { appointmentSmsData, FAMILY_SENDER_OBILIQ, SUMMER_MORNING, WINTER_MORNING } from '../../../shared/messages/samples.js';

const kindOf = (id: ReminderSmsTemplateId) => (id.startsWith('appointment.') ? 'appointment' : 'deadline') as 'appointment' | 'deadline';

describe('renderReminderSms', () => {
  it('renders every template in every language: office, when, title, where, bring, phone — one line', () => {
    for (const id of REMINDER_SMS_TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const data = appointmentSmsData(kindOf(id), lang);
        const sms = renderReminderSms(id, data, lang);
        const ctx = `${id} [${lang}]: ${sms}`;
        expect(sms.startsWith(`${localName(FAMILY_SENDER_OBILIQ, lang)}: `), ctx).toBe(true);
        expect(sms, ctx).toContain(data.title);
        expect(sms, ctx).toContain(data.where);
        expect(sms, ctx).toContain(data.bring!);
        expect(sms, ctx).toContain('+38344123456');
        expect(sms, ctx).not.toMatch(/[\n{}]|undefined|\.\./);
        if (id === 'appointment.returnee.evening' || id === 'appointment.returnee.morning') expect(sms, ctx).toContain('09:30');
        if (id === 'deadline.returnee.evening') expect(sms, ctx).toContain('29.03.2026');
      }
    }
  });

  it('reads naturally (spot checks)', () => {
    expect(renderReminderSms('appointment.returnee.evening', appointmentSmsData('appointment', 'sq'), 'sq')).toBe(
      'ZKKK Obiliq: Kujtesë: nesër në orën 09:30 - Regjistrimi si punëkërkues. Vendi: Zyra e Punësimit, Rr. Adem Jashari, Obiliq. Sillni: letërnjoftimin dhe diplomat. Pyetje: +38344123456',
    );
    expect(renderReminderSms('appointment.returnee.morning', appointmentSmsData('appointment', 'sr-Latn'), 'sr-Latn')).toBe(
      'OKZP Obilić: Danas u 09:30 - Prijava kao tražilac posla. Mesto: Kancelarija za zapošljavanje, Obilić. Ponesite: ličnu kartu i diplome. Pitanja: +38344123456',
    );
    expect(renderReminderSms('appointment.returnee.evening', appointmentSmsData('appointment', 'sr-Cyrl'), 'sr-Cyrl')).toBe(
      'ОКЗП Обилић: Подсетник: сутра у 09:30 - Пријава као тражилац посла. Место: Канцеларија за запошљавање, Обилић. Понесите: личну карту и дипломе. Питања: +38344123456',
    );
    expect(renderReminderSms('appointment.returnee.evening', appointmentSmsData('appointment', 'en'), 'en')).toBe(
      'Obiliq Municipality: Reminder: tomorrow at 09:30 - Job-seeker registration. Where: Employment Office, Adem Jashari St, Obiliq. Bring: ID card and diplomas. Questions: +38344123456',
    );
    expect(renderReminderSms('deadline.returnee.evening', appointmentSmsData('deadline', 'sq'), 'sq')).toBe(
      'ZKKK Obiliq: Nesër (29.03.2026) përfundon afati - aplikimi për ndihmë sociale. Ku dorëzohet: QPS Obiliq, Rr. Adem Jashari. Sillni: letërnjoftimin, certifikatën e familjes. Pyetje: +38344123456',
    );
    expect(renderReminderSms('deadline.returnee.morning', appointmentSmsData('deadline', 'sr-Latn'), 'sr-Latn')).toBe(
      'OKZP Obilić: Danas ističe rok - zahtev za socijalnu pomoć. Gde se predaje: CSR Obilić, Ul. Adema Jasharija. Ponesite: ličnu kartu, uverenje o članovima domaćinstva. Pitanja: +38344123456',
    );
    expect(renderReminderSms('deadline.returnee.evening', appointmentSmsData('deadline', 'en'), 'en')).toBe(
      'Obiliq Municipality: The deadline for the social assistance application is tomorrow (29.03.2026). Where to submit: Centre for Social Work, Adem Jashari St, Obiliq. Bring: ID card, certificate of household members. Questions: +38344123456',
    );
    expect(renderReminderSms('deadline.returnee.morning', appointmentSmsData('deadline', 'en'), 'en')).toBe(
      'Obiliq Municipality: Today is the deadline for the social assistance application. Where to submit: Centre for Social Work, Adem Jashari St, Obiliq. Bring: ID card, certificate of household members. Questions: +38344123456',
    );
  });

  it('shows the time in Europe/Belgrade on both sides of the change to summer time', () => {
    // 07:30 UTC on 29.03.2026 (summer time, UTC+2) and 08:30 UTC on 28.03.2026 (winter time, UTC+1)
    for (const lang of Language.options) {
      const summer = renderReminderSms('appointment.returnee.morning', appointmentSmsData('appointment', lang, { when: SUMMER_MORNING }), lang);
      const winter = renderReminderSms('appointment.returnee.morning', appointmentSmsData('appointment', lang, { when: WINTER_MORNING }), lang);
      expect(summer, lang).toContain(' 09:30 - ');
      expect(winter, lang).toContain(' 09:30 - ');
      expect(renderReminderSms('deadline.returnee.evening', appointmentSmsData('deadline', lang, { when: SUMMER_MORNING }), lang), lang).toContain('(29.03.2026)');
      expect(renderReminderSms('deadline.returnee.evening', appointmentSmsData('deadline', lang, { when: WINTER_MORNING }), lang), lang).toContain('(28.03.2026)');
    }
    // back to winter time: 22:30 UTC on 24.10.2026 is 00:30 on 25.10 in Kosovo
    expect(renderReminderSms('appointment.returnee.evening', appointmentSmsData('appointment', 'en', { when: '2026-10-24T22:30:00Z' }), 'en')).toContain('tomorrow at 00:30');
    expect(renderReminderSms('deadline.returnee.evening', appointmentSmsData('deadline', 'en', { when: '2026-10-24T22:30:00Z' }), 'en')).toContain('(25.10.2026)');
    // an instant with an offset is converted, not taken at face value
    expect(renderReminderSms('appointment.returnee.morning', appointmentSmsData('appointment', 'en', { when: '2026-07-01T10:00:00+02:00' }), 'en')).toContain('at 10:00');
    expect(renderReminderSms('appointment.returnee.morning', appointmentSmsData('appointment', 'en', { when: '2026-07-01T10:00:00+00:00' }), 'en')).toContain('at 12:00');
    expect(() => renderReminderSms('appointment.returnee.morning', appointmentSmsData('appointment', 'en', { when: 'tomorrow' }), 'en')).toThrow(/ISO date/);
  });

  it('leaves out what is not given: no bring-list, no place', () => {
    for (const id of REMINDER_SMS_TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const noBring = renderReminderSms(id, appointmentSmsData(kindOf(id), lang, { bring: undefined }), lang);
        expect(noBring, `${id} [${lang}]`).not.toMatch(/Sillni|Ponesite|Понесите|Bring/);
        const blank = renderReminderSms(id, appointmentSmsData(kindOf(id), lang, { bring: '  ', where: '' }), lang);
        expect(blank, `${id} [${lang}]`).not.toMatch(/Sillni|Ponesite|Понесите|Bring|Vendi|Mesto|Место|Where|dorëzohet|predaje|предаје/);
        expect(blank, `${id} [${lang}]`).toMatch(/\. (Pyetje|Pitanja|Питања|Questions): \+38344123456$/);
      }
    }
    expect(renderReminderSms('appointment.returnee.morning', appointmentSmsData('appointment', 'en', { bring: undefined }), 'en')).toBe(
      'Obiliq Municipality: Today at 09:30 - Job-seeker registration. Where: Employment Office, Adem Jashari St, Obiliq. Questions: +38344123456',
    );
  });

  it("shows the coordinator's text as is (no HTML escaping), on one line, without a doubled full stop", () => {
    const sms = renderReminderSms(
      'appointment.returnee.morning',
      appointmentSmsData('appointment', 'en', { title: 'Meeting at "Tom & Jerry\'s" <office>', where: 'Room 2,\n  1st floor.', bring: 'ID card...' }),
      'en',
    );
    expect(sms).toBe(
      'Obiliq Municipality: Today at 09:30 - Meeting at "Tom & Jerry\'s" <office>. Where: Room 2, 1st floor. Bring: ID card. Questions: +38344123456',
    );
    // typographic punctuation typed by the coordinator does not turn an English SMS into UCS-2
    const typed = renderReminderSms('appointment.returnee.morning', appointmentSmsData('appointment', 'en', { title: 'Job centre – “welcome” session' }), 'en');
    expect(typed).toContain('Job centre - "welcome" session');
    expect(smsStats(typed).encoding).toBe('GSM-7');
  });

  it('refuses a title, place or bring-list that names a sensitive need or category', () => {
    const cases: Array<[Language, Partial<Parameters<typeof appointmentSmsData>[2]>]> = [
      ['sq', { title: 'Kontroll për kujdes shëndetësor' }],
      ['en', { where: 'Psycho-social support room' }],
      ['sr-Latn', { bring: 'potvrdu da ste žrtva nasilja u porodici' }],
      ['sr-Cyrl', { title: 'Психосоцијална подршка' }],
    ];
    for (const [lang, overrides] of cases) {
      expect(() => renderReminderSms('appointment.returnee.evening', appointmentSmsData('appointment', lang, overrides), lang), lang).toThrow(/sensitive/);
    }
  });

  it('needs a title', () => {
    expect(() => renderReminderSms('appointment.returnee.evening', appointmentSmsData('appointment', 'en', { title: ' . ' }), 'en')).toThrow(/title/);
  });
});

/**
 * Segment budget of the reminder SMS with the sample (realistic) data: at most 3 segments in every
 * language. Albanian and Serbian are always UCS-2 (ë, č, ć … or Cyrillic): 3 segments = 201
 * characters. English stays GSM-7.
 */
describe('reminder SMS segment budget (sample data)', () => {
  const BUDGET = 3;
  const UCS2_THREE_SEGMENTS = 3 * 67;

  it(`every reminder SMS fits ${BUDGET} segments in every language`, () => {
    const over: string[] = [];
    for (const id of REMINDER_SMS_TEMPLATE_IDS) {
      for (const lang of Language.options) {
        for (const bring of [true, false]) {
          const data = appointmentSmsData(kindOf(id), lang, bring ? {} : { bring: undefined });
          const text = renderReminderSms(id, data, lang);
          const s = smsStats(text);
          if (s.segments > BUDGET) over.push(`${id} [${lang}]${bring ? '' : ' no bring'}: ${s.segments} segments (${s.encoding}, ${s.characters} chars): ${text}`);
        }
      }
    }
    expect(over).toEqual([]);
  });

  it('English reminders stay GSM-7 (2 segments at most)', () => {
    for (const id of REMINDER_SMS_TEMPLATE_IDS) {
      const s = smsStats(renderReminderSms(id, appointmentSmsData(kindOf(id), 'en'), 'en'));
      expect(s.encoding, id).toBe('GSM-7');
      expect(s.segments, id).toBeLessThanOrEqual(2);
    }
  });

  it('the fixed wording leaves at least 90 characters of the 3 segments for title, place and bring-list', () => {
    // sq and sr are UCS-2 whatever is typed (201 characters in 3 segments); en is GSM-7 (459)
    // as long as the coordinator types no letter outside GSM-7.
    for (const id of REMINDER_SMS_TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const text = renderReminderSms(id, appointmentSmsData(kindOf(id), lang, { title: 'x', where: 'x', bring: 'x' }), lang);
        const fixed = text.length - 3;
        const capacity = lang === 'en' ? 3 * 153 : UCS2_THREE_SEGMENTS;
        expect(capacity - fixed, `${id} [${lang}]: ${text}`).toBeGreaterThanOrEqual(90);
      }
    }
  });
});
