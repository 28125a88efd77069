import { describe, expect, it } from 'vitest';
import { Language, Need, SENSITIVE_NEEDS } from '../../../shared/domain/vocabulary.js';
import {
  ACCEPTED_SMS_MAX_CHARACTERS,
  ACCEPTED_SMS_SEGMENT_BUDGET,
  BRING_LISTS,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  localName,
  NEED_LABELS,
  OUTCOME_LABELS,
  REFERRAL_OUTCOMES,
  renderAcceptedSms,
  renderAnswerEmail,
  sensitiveLabelsIn,
  smsStats,
  srLatnToCyrl,
  type ReferralAnswerData,
} from '../../../shared/messages/index.js';
import { REFERRAL_ANSWER_TEMPLATE_IDS, type ReferralAnswerTemplateId } from '../../../shared/domain/template-ids.js';
import { normaliseSms, renderPlain, templateOf } from '../../../shared/messages/render.js';
import { acceptedSmsData, ALTERNATIVES, answerData, CIVIL_REGISTRY_OBILIQ, MENTAL_HEALTH_OBILIQ } from '../../../shared/messages/samples.js';

/** What each template needs on top of the common data. */
function dataFor(id: ReferralAnswerTemplateId, overrides: Partial<ReferralAnswerData> = {}): ReferralAnswerData {
  const extra: Partial<ReferralAnswerData> =
    id === 'referral.coordinator.declined'
      ? { reason: 'lack_of_capacity', alternatives: ALTERNATIVES, note: 'Ju lutemi provoni nënzyrën.' }
      : id === 'referral.coordinator.outcome'
        ? { outcome: 'done', note: 'Dokumentet u lëshuan.' }
        : {};
  return answerData({ ...extra, ...overrides });
}

const SENSITIVE_REFERRALS: Array<[string, Partial<ReferralAnswerData>]> = [
  ['need psychosocial_support', { need: 'psychosocial_support', office: MENTAL_HEALTH_OBILIQ, sensitive: true }],
  ['need health_care, flag not set by the caller', { need: 'health_care', sensitive: false }],
  ['mental-health office, non-sensitive need, flag not set', { need: 'social_support', office: MENTAL_HEALTH_OBILIQ, sensitive: false }],
  ['flagged by the caller (e.g. a sensitive category), non-sensitive need and office', { need: 'housing', sensitive: true }],
];

describe('renderAnswerEmail: every answer in every language', () => {
  for (const id of REFERRAL_ANSWER_TEMPLATE_IDS) {
    it(id, () => {
      for (const lang of Language.options) {
        const data = dataFor(id);
        const mail = renderAnswerEmail(id, data, [lang]);
        const ctx = `${id} [${lang}]`;
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part, ctx).not.toMatch(/\{\{|\}\}|undefined|NaN|\[object /);
          expect(part.trim(), ctx).not.toBe('');
        }
        expect(mail.subject, ctx).not.toMatch(/[\n\r]/);
        expect(mail.subject, ctx).toContain('SMR-2026-0142');
        expect(mail.subject, ctx).toContain(NEED_LABELS[lang].civil_documents);
        // no person names and no office name in any subject
        expect(mail.subject, ctx).not.toContain('Besa');
        expect(mail.subject, ctx).not.toContain(localName(CIVIL_REGISTRY_OBILIQ.name, lang));
        // the body: office, need, case, answered when, referral, case in the platform, coordinator
        expect(mail.text, ctx).toContain(localName(CIVIL_REGISTRY_OBILIQ.name, lang));
        expect(mail.text, ctx).toContain(`(${NEED_LABELS[lang].civil_documents})`);
        expect(mail.text, ctx).toContain('SMR-2026-0142');
        expect(mail.text, ctx).toContain('01JD7ZQ4Y8K2M3N4P5Q6R7S8T9');
        expect(mail.text, ctx).toContain('01JD7ZP0000000000000000000');
        expect(mail.text, ctx).toContain('Besa Gashi');
        expect(mail.text, ctx).toContain('23.11.2026');
        expect(mail.html, ctx).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
        expect(mail.html, ctx).toContain(`<div lang="${lang}"`);
        expect(mail.text.endsWith('\n'), ctx).toBe(true);
        expect(mail.text, ctx).not.toMatch(/\n{3,}/);
        if (lang === 'sr-Cyrl') {
          // the office's note is free text, shown as typed (here in Albanian)
          const rest = mail.text.replace(data.note ?? '', '').replace(/SMR-[\d-]+|[\w.+-]+@[\w.-]+|Besa Gashi|\b[0-9A-Z]{26}\b|\bSMR\b/g, '');
          expect(rest, ctx).not.toMatch(/[A-Za-zčćšžđ]{3,}/);
        }
      }
    });
  }
});

describe('referral.coordinator.accepted', () => {
  it('says who accepted which referral, and when (Europe/Belgrade)', () => {
    const en = renderAnswerEmail('referral.coordinator.accepted', answerData(), ['en']);
    expect(en.subject).toBe('Referral accepted: civil documents — case SMR-2026-0142');
    expect(en.text).toContain('Civil Registry Office Obiliq accepted the referral for case SMR-2026-0142 (civil documents) on 23.11.2026 at 10:15.');
    expect(en.text).toContain('Office: Civil Registry Office Obiliq\nNeed: civil documents\n\nThe office will now deal with the referral.');
    expect(en.html).toContain('<strong>Civil Registry Office Obiliq</strong> accepted the referral for case <strong>SMR-2026-0142</strong> (civil documents) on 23.11.2026 at 10:15.');
    const sq = renderAnswerEmail('referral.coordinator.accepted', answerData(), ['sq']);
    expect(sq.subject).toBe('Referimi u pranua: dokumente civile — rasti SMR-2026-0142');
    expect(sq.text).toContain('Zyra e Gjendjes Civile Obiliq e pranoi referimin për rastin SMR-2026-0142 (dokumente civile) më 23.11.2026 në orën 10:15.');
    const sr = renderAnswerEmail('referral.coordinator.accepted', answerData(), ['sr-Latn']);
    expect(sr.subject).toBe('Upućivanje prihvaćeno: civilna dokumenta — slučaj SMR-2026-0142');
    expect(sr.text).toContain('Kancelarija je prihvatila upućivanje za slučaj SMR-2026-0142 (civilna dokumenta) 23.11.2026 u 10:15.');
    expect(sr.text).toContain('Kancelarija: Kancelarija civilnog stanja Obilić');
    const cyr = renderAnswerEmail('referral.coordinator.accepted', answerData(), ['sr-Cyrl']);
    expect(cyr.subject).toBe('Упућивање прихваћено: цивилна документа — случај SMR-2026-0142');
    expect(cyr.text).toContain('Канцеларија: Канцеларија цивилног стања Обилић');
  });

  it('shows the time in summer time too', () => {
    const en = renderAnswerEmail('referral.coordinator.accepted', answerData({ answeredAt: '2026-06-01T06:05:00Z' }), ['en']);
    expect(en.text).toContain('on 01.06.2026 at 08:05.');
    expect(() => renderAnswerEmail('referral.coordinator.accepted', answerData({ answeredAt: 'today' }), ['en'])).toThrow(/ISO date/);
  });

  it("shows the office's note only when there is one", () => {
    const withNote = renderAnswerEmail('referral.coordinator.accepted', answerData({ note: '  We will call on Monday.  ' }), ['en']);
    expect(withNote.text).toContain('Note from the office: We will call on Monday.\n');
    for (const note of [undefined, '', '   ']) {
      const mail = renderAnswerEmail('referral.coordinator.accepted', answerData({ note }), ['en', 'sq']);
      expect(mail.text).not.toMatch(/Note from the office|Shënim i zyrës/);
      expect(mail.html).not.toMatch(/Note from the office|Shënim i zyrës/);
    }
  });
});

describe('referral.coordinator.declined', () => {
  it('gives the reason, the note, the alternatives and asks for a new referral (en)', () => {
    const mail = renderAnswerEmail(
      'referral.coordinator.declined',
      answerData({ reason: 'lack_of_capacity', note: 'No staff until January.', alternatives: ALTERNATIVES }),
      ['en'],
    );
    expect(mail.subject).toBe('Referral declined: civil documents — case SMR-2026-0142 — please make a new referral');
    expect(mail.text).toContain(
      'Civil Registry Office Obiliq declined the referral for case SMR-2026-0142 (civil documents) on 23.11.2026 at 10:15.\n\n' +
        'Office: Civil Registry Office Obiliq\nNeed: civil documents\nReason: lack of capacity\nNote from the office: No staff until January.\n\n' +
        'Other offices or organisations in Obiliq that could take it:\n' +
        '- Civil Registry, Plemetin sub-office, gjendja.plemetin@obiliq.example.org\n' +
        '- NGO Ndihma, info@ndihma.example.org\n\n' +
        'Please make a new referral in the platform.\n',
    );
    expect(mail.html).toContain('<li>Civil Registry, Plemetin sub-office, <a href="mailto:gjendja.plemetin@obiliq.example.org">gjendja.plemetin@obiliq.example.org</a></li>');
    expect(mail.html).toContain('<li>NGO Ndihma, <a href="mailto:info@ndihma.example.org">info@ndihma.example.org</a></li>');
  });

  it('lists the alternatives in every language, names in that language', () => {
    for (const lang of Language.options) {
      const mail = renderAnswerEmail('referral.coordinator.declined', dataFor('referral.coordinator.declined'), [lang]);
      for (const alt of ALTERNATIVES) {
        expect(mail.text, lang).toContain(`- ${localName(alt.name, lang)}, ${alt.email}\n`);
        expect(mail.html, lang).toContain(`href="mailto:${alt.email}"`);
      }
      expect(mail.text, lang).toContain(localName({ sq: 'Obiliq', sr: 'Obilić', en: 'Obiliq' }, lang));
    }
    const sq = renderAnswerEmail('referral.coordinator.declined', dataFor('referral.coordinator.declined'), ['sq']);
    expect(sq.subject).toBe('Referimi u refuzua: dokumente civile — rasti SMR-2026-0142 — ju lutemi bëni një referim të ri');
    expect(sq.text).toContain('Arsyeja: mungesë kapacitetesh\nShënim i zyrës: Ju lutemi provoni nënzyrën.');
    expect(sq.text).toContain('Zyra ose organizata të tjera në Obiliq që mund ta marrin përsipër:\n- Zyra e Gjendjes Civile, nënzyra Plemetin, ');
    expect(sq.text).toContain('Ju lutemi bëni një referim të ri në platformë.');
    const sr = renderAnswerEmail('referral.coordinator.declined', dataFor('referral.coordinator.declined'), ['sr-Latn']);
    expect(sr.subject).toBe('Upućivanje odbijeno: civilna dokumenta — slučaj SMR-2026-0142 — molimo pošaljite novo upućivanje');
    expect(sr.text).toContain('Kancelarija je odbila upućivanje za slučaj SMR-2026-0142 (civilna dokumenta) 23.11.2026 u 10:15.');
    expect(sr.text).toContain('Razlog: nedostatak kapaciteta');
    expect(sr.text).toContain('Druge kancelarije ili organizacije u opštini Obilić koje bi mogle da preuzmu slučaj:\n- Kancelarija civilnog stanja, kancelarija Plemetina, ');
  });

  it('says so when the directory has no alternative', () => {
    for (const alternatives of [undefined, []]) {
      const en = renderAnswerEmail('referral.coordinator.declined', answerData({ reason: 'not_eligible', alternatives }), ['en']);
      expect(en.text).toContain('The directory lists no other office or organisation in Obiliq that could take it.\n\nPlease make a new referral');
      expect(en.text).not.toContain('Other offices or organisations');
      expect(en.html).not.toContain('<ul');
      const sr = renderAnswerEmail('referral.coordinator.declined', answerData({ reason: 'not_eligible', alternatives }), ['sr-Latn']);
      expect(sr.text).toContain('U imeniku nema drugih kancelarija ili organizacija u opštini Obilić koje bi mogle da preuzmu slučaj.');
    }
  });

  it('shows every reason with its label, in every language', () => {
    for (const reason of DECLINE_REASONS) {
      for (const lang of Language.options) {
        const mail = renderAnswerEmail('referral.coordinator.declined', answerData({ reason }), [lang]);
        expect(mail.text, `${reason} [${lang}]`).toContain(`: ${DECLINE_REASON_LABELS[lang][reason]}\n`);
        expect(mail.html, `${reason} [${lang}]`).toContain(`</strong> ${DECLINE_REASON_LABELS[lang][reason]}</p>`);
      }
    }
  });

  it('refuses a missing or unknown reason', () => {
    expect(() => renderAnswerEmail('referral.coordinator.declined', answerData(), ['en'])).toThrow(/needs a reason/);
    expect(() => renderAnswerEmail('referral.coordinator.declined', answerData({ reason: 'busy' as never }), ['en'])).toThrow(/needs a reason/);
  });
});

describe('referral.coordinator.outcome', () => {
  it('done: the outcome in subject and body, and a request to record it', () => {
    const en = renderAnswerEmail('referral.coordinator.outcome', answerData({ outcome: 'done', note: 'ID cards issued.' }), ['en']);
    expect(en.subject).toBe('Referral outcome: civil documents — case SMR-2026-0142 — done');
    expect(en.text).toContain('Civil Registry Office Obiliq reported the outcome of the referral for case SMR-2026-0142 (civil documents): done.');
    expect(en.text).toContain('Outcome: done\nReported on: 23.11.2026 10:15\nNote from the office: ID cards issued.');
    expect(en.text).toContain('Please record the outcome in the case plan and in SMR.');
    expect(en.text).not.toContain('Please call the office');
    const sq = renderAnswerEmail('referral.coordinator.outcome', answerData({ outcome: 'done' }), ['sq']);
    expect(sq.subject).toBe('Rezultati i referimit: dokumente civile — rasti SMR-2026-0142 — u krye');
    expect(sq.text).toContain('Zyra e Gjendjes Civile Obiliq raportoi rezultatin e referimit për rastin SMR-2026-0142 (dokumente civile): u krye.');
    const sr = renderAnswerEmail('referral.coordinator.outcome', answerData({ outcome: 'done' }), ['sr-Latn']);
    expect(sr.subject).toBe('Ishod upućivanja: civilna dokumenta — slučaj SMR-2026-0142 — obavljeno');
    expect(sr.text).toContain('Molimo vas da ishod zabeležite u planu slučaja i u SUS-u.');
  });

  it('not done: asks the coordinator to call the office and, if needed, refer again', () => {
    const en = renderAnswerEmail('referral.coordinator.outcome', answerData({ outcome: 'not_done' }), ['en']);
    expect(en.subject).toBe('Referral outcome: civil documents — case SMR-2026-0142 — not done');
    expect(en.text).toContain('(civil documents): not done.');
    expect(en.text).toContain('Please call the office to find out why and, if needed, make a new referral in the platform.');
    expect(en.text).not.toContain('Please record the outcome');
    expect(en.html).toContain('<strong>Please call the office</strong>');
    const sq = renderAnswerEmail('referral.coordinator.outcome', answerData({ outcome: 'not_done' }), ['sq']);
    expect(sq.subject).toContain('— nuk u krye');
    const cyr = renderAnswerEmail('referral.coordinator.outcome', answerData({ outcome: 'not_done' }), ['sr-Cyrl']);
    expect(cyr.subject).toBe('Исход упућивања: цивилна документа — случај SMR-2026-0142 — није обављено');
  });

  it('refuses a missing or unknown outcome', () => {
    expect(() => renderAnswerEmail('referral.coordinator.outcome', answerData(), ['en'])).toThrow(/needs an outcome/);
    expect(() => renderAnswerEmail('referral.coordinator.outcome', answerData({ outcome: 'partly' as never }), ['en'])).toThrow(/needs an outcome/);
  });
});

describe('answers about sensitive referrals', () => {
  for (const [name, overrides] of SENSITIVE_REFERRALS) {
    it(`${name}: the need is named nowhere, the office in no subject`, () => {
      for (const id of REFERRAL_ANSWER_TEMPLATE_IDS) {
        const data = dataFor(id, overrides);
        for (const lang of Language.options) {
          const mail = renderAnswerEmail(id, data, [lang]);
          const ctx = `${id} [${lang}]: ${mail.subject}`;
          for (const part of [mail.subject, mail.text, mail.html]) {
            expect(sensitiveLabelsIn(part), ctx).toEqual([]);
            for (const l of Language.options) expect(part.toLowerCase(), ctx).not.toContain(NEED_LABELS[l][data.need].toLowerCase());
          }
          for (const l of Language.options) expect(mail.subject, ctx).not.toContain(localName(data.office.name, l));
          expect(mail.subject, ctx).toContain('SMR-2026-0142');
          // still actionable: which office, which case, which referral
          expect(mail.text, ctx).toContain(localName(data.office.name, lang));
          expect(mail.text, ctx).toContain('01JD7ZQ4Y8K2M3N4P5Q6R7S8T9');
          expect(mail.text, ctx).not.toContain('()');
        }
      }
    });
  }

  it('the neutral subjects and sentences read as intended', () => {
    const data = { need: 'psychosocial_support', office: MENTAL_HEALTH_OBILIQ, sensitive: true } as const;
    expect(renderAnswerEmail('referral.coordinator.accepted', answerData(data), ['en']).subject).toBe('Referral accepted — case SMR-2026-0142');
    const declined = renderAnswerEmail('referral.coordinator.declined', answerData({ ...data, reason: 'client_refused' }), ['sq']);
    expect(declined.subject).toBe('Referimi u refuzua — rasti SMR-2026-0142 — ju lutemi bëni një referim të ri');
    expect(declined.text).toContain('Qendra e Shëndetit Mendor Obiliq e refuzoi referimin për rastin SMR-2026-0142 më 23.11.2026 në orën 10:15.');
    expect(declined.text).toContain('Zyra: Qendra e Shëndetit Mendor Obiliq\nArsyeja: klienti e refuzoi shërbimin\n');
    const outcome = renderAnswerEmail('referral.coordinator.outcome', answerData({ ...data, outcome: 'done' }), ['sr-Latn']);
    expect(outcome.subject).toBe('Ishod upućivanja — slučaj SMR-2026-0142 — obavljeno');
    expect(outcome.text).toContain('Kancelarija je prijavila ishod upućivanja za slučaj SMR-2026-0142: obavljeno.');
  });
});

describe('answer emails: escaping and input checks', () => {
  it("escapes the office's note and names in HTML, not in text", () => {
    const data = answerData({
      reason: 'other',
      note: 'Ask for "Drita" & call <first>',
      office: { kind: 'cso', name: { sq: 'OJQ "Ndihma" & Partnerët', sr: 'NVO "Pomoć" & partneri', en: 'NGO "Ndihma" & Partners' } },
      coordinatorName: "Drita O'Neill",
      alternatives: [{ name: { sq: 'A & B', sr: 'A & B', en: 'A & B <x>' }, email: 'ab@example.org' }],
    });
    const mail = renderAnswerEmail('referral.coordinator.declined', data, ['en']);
    expect(mail.text).toContain('Note from the office: Ask for "Drita" & call <first>');
    expect(mail.text).toContain('NGO "Ndihma" & Partners declined');
    expect(mail.text).toContain('- A & B <x>, ab@example.org');
    expect(mail.html).toContain('Ask for &quot;Drita&quot; &amp; call &lt;first&gt;');
    expect(mail.html).toContain('NGO &quot;Ndihma&quot; &amp; Partners');
    expect(mail.html).toContain('A &amp; B &lt;x&gt;');
    expect(mail.html).toContain('Drita O&#39;Neill');
    expect(mail.html).not.toContain('<first>');
    expect(mail.html).not.toContain('<x>');
  });

  it('refuses data of another shape, an unknown template and an empty language list', () => {
    expect(() => renderAnswerEmail('referral.coordinator.accepted', { referralId: 'x' } as unknown as ReferralAnswerData, ['en'])).toThrow(/ReferralAnswerData/);
    expect(() => renderAnswerEmail('referral.office.reminder' as ReferralAnswerTemplateId, answerData(), ['en'])).toThrow(/not a referral answer template/);
    expect(() => renderAnswerEmail('referral.coordinator.accepted', answerData(), [])).toThrow(/language/);
  });
});

describe('decline-reason and outcome labels', () => {
  it('every reason and outcome has a distinct label in every language; Cyrillic is the transliteration', () => {
    for (const lang of Language.options) {
      expect(Object.keys(DECLINE_REASON_LABELS[lang]).sort()).toEqual([...DECLINE_REASONS].sort());
      expect(Object.keys(OUTCOME_LABELS[lang]).sort()).toEqual([...REFERRAL_OUTCOMES].sort());
      expect(new Set(Object.values(DECLINE_REASON_LABELS[lang])).size).toBe(DECLINE_REASONS.length);
      expect(new Set(Object.values(OUTCOME_LABELS[lang])).size).toBe(REFERRAL_OUTCOMES.length);
      for (const v of [...Object.values(DECLINE_REASON_LABELS[lang]), ...Object.values(OUTCOME_LABELS[lang])]) {
        expect(v.trim(), lang).toBe(v);
        expect(v, lang).not.toMatch(/\.$/);
        expect(sensitiveLabelsIn(v), lang).toEqual([]);
      }
    }
    for (const r of DECLINE_REASONS) expect(DECLINE_REASON_LABELS['sr-Cyrl'][r]).toBe(srLatnToCyrl(DECLINE_REASON_LABELS['sr-Latn'][r]));
    expect(OUTCOME_LABELS['sr-Cyrl'].not_done).toBe('није обављено');
  });
});

describe('renderAcceptedSms (referral.returnee.accepted)', () => {
  const NON_SENSITIVE = Need.options.filter((n) => !SENSITIVE_NEEDS.has(n));

  it('reads naturally (spot checks)', () => {
    expect(renderAcceptedSms(acceptedSmsData('police_assistance'), 'en')).toBe(
      'Obiliq Municipality: Police Station Obiliq has accepted your request (police assistance). They will contact you, or go there: Skenderbeu St, Obiliq (Daily, 24 hours). Bring: ID card. Questions: +38344123456',
    );
    expect(renderAcceptedSms(acceptedSmsData('specialised_service'), 'sq')).toBe(
      "ZKKK Obiliq: OJQ Ndihma e pranoi kërkesën tuaj. Do t'ju kontaktojnë, ose shkoni vetë: Rr. Adem Jashari, Obiliq (E hënë-e premte 09:00-17:00). Sillni: letërnjoftim. Pyetje: +38344123456",
    );
    expect(renderAcceptedSms(acceptedSmsData('housing'), 'sr-Latn')).toBe(
      'OKZP Obilić: Direkcija za urbanizam Obilić - vaš zahtev je prihvaćen (stambeno zbrinjavanje). Javiće vam se, ili se sami javite: Zgrada opštine, Obilić (pon-pet 08:00-16:00). Pitanja: +38344123456',
    );
  });

  it('with a short directory entry nothing is left out, in any language', () => {
    const office = { name: { sq: 'QPS', sr: 'CSR', en: 'CSW' }, address: { sq: 'Obiliq', sr: 'Obilić', en: 'Obiliq' }, hours: { sq: '8-16', sr: '8-16', en: '8-16' } };
    for (const lang of Language.options) {
      const sms = renderAcceptedSms(acceptedSmsData('social_support', { office }), lang);
      expect(sms, lang).toContain(`(${NEED_LABELS[lang].social_support})`);
      expect(sms, lang).toContain(BRING_LISTS[lang].social_support);
    }
  });

  it('always names the office, where and when to go, and the coordinator; never more than the budget', () => {
    for (const lang of Language.options) {
      for (const need of NON_SENSITIVE) {
        const data = acceptedSmsData(need);
        const sms = renderAcceptedSms(data, lang);
        const ctx = `${lang} ${need}: ${sms}`;
        expect(sms.startsWith(`${localName(data.coordinatorOffice, lang)}: `), ctx).toBe(true);
        expect(sms, ctx).toContain(localName(data.office.name, lang));
        expect(sms, ctx).toContain(localName(data.office.address, lang));
        expect(sms, ctx).toContain(localName(data.office.hours, lang).replaceAll('–', '-'));
        expect(sms, ctx).toContain('+38344123456');
        expect(sms, ctx).not.toMatch(/[\n{}]|\(\)|\.\./);
        expect(sensitiveLabelsIn(sms), ctx).toEqual([]);
        expect(smsStats(sms).segments, ctx).toBeLessThanOrEqual(ACCEPTED_SMS_SEGMENT_BUDGET);
        expect(smsStats(sms).characters, ctx).toBeLessThanOrEqual(ACCEPTED_SMS_MAX_CHARACTERS);
      }
    }
  });

  it('English (GSM-7) keeps the bring-list and the need label, the longest included', () => {
    for (const need of NON_SENSITIVE) {
      const sms = renderAcceptedSms(acceptedSmsData(need), 'en');
      expect(sms, need).toContain(`Bring: ${BRING_LISTS.en[need]}.`);
      expect(sms, need).toContain(`(${NEED_LABELS.en[need]})`);
      expect(smsStats(sms).encoding, need).toBe('GSM-7');
    }
    // the longest bring-list, with its need label
    expect(renderAcceptedSms(acceptedSmsData('civil_documents'), 'en')).toBe(
      'Obiliq Municipality: Civil Registry Office Obiliq has accepted your request (civil documents). They will contact you, or go there: Hasan Prishtina St, Obiliq (Mon-Fri 08:00-16:00). Bring: ID card or passport, documents issued abroad (birth/marriage certificates), repatriation certificate. Questions: +38344123456',
    );
  });

  it('leaves out the need label, then the bring-list, only when the fuller text would not fit', () => {
    const fits = (sms: string) => smsStats(sms).segments <= ACCEPTED_SMS_SEGMENT_BUDGET && smsStats(sms).characters <= ACCEPTED_SMS_MAX_CHARACTERS;
    const dropped: string[] = [];
    for (const lang of Language.options) {
      for (const need of NON_SENSITIVE) {
        const data = acceptedSmsData(need);
        const render = (needLabel: string, bringList: string) =>
          normaliseSms(
            renderPlain(templateOf('referral.returnee.accepted', lang).text, {
              coordinatorOffice: localName(data.coordinatorOffice, lang),
              coordinatorPhone: data.coordinatorPhone,
              officeName: localName(data.office.name, lang),
              officeAddress: localName(data.office.address, lang),
              officeHours: localName(data.office.hours, lang),
              needLabel,
              bringList,
            }),
          );
        const [label, bring] = [NEED_LABELS[lang][need], BRING_LISTS[lang][need]];
        const sms = renderAcceptedSms(data, lang);
        const hasNeed = sms.includes(`(${label})`);
        const hasBring = sms.includes(bring);
        const ctx = `${lang} ${need}`;
        if (!hasNeed || !hasBring) expect(fits(render(label, bring)), ctx).toBe(false);
        if (!hasBring) expect(fits(render('', bring)), ctx).toBe(false);
        if (!hasBring && !hasNeed) expect(fits(render(label, '')), ctx).toBe(false);
        if (!hasNeed || !hasBring) dropped.push(`${ctx}: ${hasNeed ? '' : 'need'}${hasBring ? '' : ' bring'}`);
      }
    }
    // English, signed by the municipality in 19 characters, leaves out nothing; Albanian and Serbian (UCS-2) mostly must, with this directory
    expect(dropped.filter((d) => d.startsWith('en '))).toEqual([]);
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('refuses a sensitive referral: flagged, a sensitive need, or a health / mental-health office', () => {
    for (const lang of Language.options) {
      expect(() => renderAcceptedSms(acceptedSmsData('housing', { sensitive: true }), lang)).toThrow(/sensitive/);
      for (const need of SENSITIVE_NEEDS) expect(() => renderAcceptedSms(acceptedSmsData(need), lang)).toThrow(/sensitive/);
      expect(() => renderAcceptedSms(acceptedSmsData('social_support', { officeKind: 'mental_health' }), lang)).toThrow(/sensitive/);
      expect(() => renderAcceptedSms(acceptedSmsData('social_support', { officeKind: 'health' }), lang)).toThrow(/sensitive/);
    }
    expect(renderAcceptedSms(acceptedSmsData('social_support', { officeKind: 'social_work_centre' }), 'en')).toContain('Centre for Social Work Obiliq');
  });
});
