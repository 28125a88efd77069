import { describe, expect, it } from 'vitest';
import {
  Language,
  OfficeLanguage,
  SENSITIVE_CATEGORIES,
  SENSITIVE_NEEDS,
  type Need,
} from '../../../shared/domain/vocabulary.js';
import {
  CATEGORY_LABELS,
  localName,
  NEED_LABELS,
  renderNoticeEmail,
  type CaseNoticeData,
  type ReferralNoticeData,
  type RenderedEmail,
} from '../../../shared/messages/index.js';
import { CASE_NOTICE_TEMPLATE_IDS, NOTICE_TEMPLATE_IDS, REFERRAL_NOTICE_TEMPLATE_IDS, type NoticeTemplateId } from '../../../shared/domain/template-ids.js';
import { caseNoticeData, CIVIL_REGISTRY_OBILIQ, MENTAL_HEALTH_OBILIQ, referralNoticeData } from '../../../shared/messages/samples.js';
import { lastDayBefore } from '../../../shared/messages/render.js';
import { addDays } from '../../../shared/domain/calendar.js';
import type { CaseItem } from '../../../shared/store/case.js';
import { visitDeadline } from '../../../shared/timers/plan.js';

const SENSITIVE_LABELS: string[] = Language.options.flatMap((lang) => [
  ...[...SENSITIVE_NEEDS].map((n) => NEED_LABELS[lang][n].toLowerCase()),
  ...[...SENSITIVE_CATEGORIES].map((c) => CATEGORY_LABELS[lang][c].toLowerCase()),
]);
function sensitiveLabelsIn(s: string): string[] {
  const lower = s.toLowerCase();
  return SENSITIVE_LABELS.filter((l) => lower.includes(l));
}

function isReferralNotice(id: NoticeTemplateId): id is (typeof REFERRAL_NOTICE_TEMPLATE_IDS)[number] {
  return (REFERRAL_NOTICE_TEMPLATE_IDS as readonly string[]).includes(id);
}

function render(id: NoticeTemplateId, languages: Language[], referral?: Partial<ReferralNoticeData>, theCase?: Partial<CaseNoticeData>): RenderedEmail {
  return isReferralNotice(id)
    ? renderNoticeEmail(id, referralNoticeData(referral), languages)
    : renderNoticeEmail(id, caseNoticeData(theCase), languages);
}

/** The offices' language lists: each alone, each ordered pair, all three. */
const OFFICE_LANGUAGE_SETS: OfficeLanguage[][] = [
  ...OfficeLanguage.options.map((l) => [l]),
  ...OfficeLanguage.options.flatMap((a) => OfficeLanguage.options.filter((b) => b !== a).map((b) => [a, b])),
  [...OfficeLanguage.options],
];

const SENSITIVE_REFERRALS: Array<[string, Partial<ReferralNoticeData>]> = [
  ['need psychosocial_support', { need: 'psychosocial_support', office: MENTAL_HEALTH_OBILIQ, sensitive: true }],
  ['need health_care', { need: 'health_care', office: { kind: 'health', name: { sq: 'QKMF Obiliq', sr: 'Dom zdravlja Obilić', en: 'Family Medicine Centre Obiliq' } }, sensitive: true }],
  // the caller forgot the flag: the renderer recomputes it from the need …
  ['need health_care, flag not set by the caller', { need: 'health_care', sensitive: false }],
  // … and from the office kind (a mental-health centre says enough on its own)
  ['mental-health office, non-sensitive need, flag not set', { need: 'social_support', office: MENTAL_HEALTH_OBILIQ, sensitive: false }],
];

describe('renderNoticeEmail: every notice in every language', () => {
  for (const id of NOTICE_TEMPLATE_IDS) {
    it(id, () => {
      for (const lang of Language.options) {
        const mail = render(id, [lang]);
        const ctx = `${id} [${lang}]`;
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part, ctx).not.toMatch(/\{\{|\}\}|undefined|NaN|\[object /);
          expect(part.trim(), ctx).not.toBe('');
        }
        expect(mail.subject, ctx).not.toMatch(/[\n\r]/);
        expect(mail.subject, ctx).not.toContain(' / ');
        expect(mail.subject, ctx).toContain('SMR-2026-0142');
        expect(mail.text, ctx).toContain('SMR-2026-0142');
        expect(mail.html, ctx).toContain(`<div lang="${lang}"`);
        expect(mail.html, ctx).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
        expect(mail.text.endsWith('\n'), ctx).toBe(true);
        // no person names in any subject
        expect(mail.subject, ctx).not.toContain('Besa');
        expect(mail.subject, ctx).not.toContain('Gashi');
        // Serbian Cyrillic sections carry no Serbian Latin words (data such as SMR ids aside)
        if (lang === 'sr-Cyrl') expect(mail.text.replace(/SMR-[\d-]+|[\w.+-]+@[\w.-]+|Besa Gashi|\b[0-9A-Z]{26}\b/g, ''), ctx).not.toMatch(/[A-Za-zčćšžđ]{3,}/);
      }
    });
  }
});

describe('referral notices', () => {
  it('office reminder (en) says what was sent when, what was due, and whom to tell', () => {
    const mail = renderNoticeEmail('referral.office.reminder', referralNoticeData(), ['en']);
    expect(mail.subject).toBe(
      'Reminder: referral from Office for Communities and Returns, Obiliq: civil documents — case SMR-2026-0142 — acknowledgement was due by 27.11.2026',
    );
    expect(mail.text).toContain('Office: Civil Registry Office Obiliq');
    expect(mail.text).toContain('Need: civil documents');
    expect(mail.text).toContain('Referral sent on: 20.11.2026');
    expect(mail.text).toContain('Acknowledgement due by: 27.11.2026');
    expect(mail.text).toContain('Please confirm to the coordinator that you have received the referral');
    expect(mail.text).toContain('Besa Gashi\nOffice for Communities and Returns, Obiliq\nMunicipality: Obiliq\nEmail: koordinatori@obiliq.example.org\nPhone: +38344123456');
    expect(mail.text).toContain('Referral ID: 01JD7ZQ4Y8K2M3N4P5Q6R7S8T9');
    expect(mail.html).toContain('<a href="mailto:koordinatori@obiliq.example.org">');
    expect(mail.html).toContain('<a href="tel:+38344123456">');
  });

  it('office reminder to a bilingual office: one email, sq then sr-Latn', () => {
    const mail = renderNoticeEmail('referral.office.reminder', referralNoticeData(), ['sq', 'sr-Latn']);
    expect(mail.subject).toBe(
      'Kujtesë: referim nga ZKKK Obiliq: dokumente civile — rasti SMR-2026-0142 — afati i konfirmimit ishte 27.11.2026' +
        ' / Podsetnik: upućivanje iz OKZP Obilić: civilna dokumenta — slučaj SMR-2026-0142 — rok za potvrdu bio je 27.11.2026',
    );
    const sq = mail.text.indexOf('Të nderuar kolegë');
    const sr = mail.text.indexOf('Poštovane kolege');
    expect(sq).toBe(0);
    expect(sr).toBeGreaterThan(sq);
    expect(mail.text.slice(sq, sr)).toMatch(/-{40}/);
    expect(mail.text).toContain("Ju lutemi t'i konfirmoni koordinatorit se e keni pranuar referimin");
    expect(mail.text).toContain('Zyra: Zyra e Gjendjes Civile Obiliq');
    expect(mail.text).toContain('Data e referimit: 20.11.2026');
    expect(mail.text).toContain('Molimo vas da koordinatoru potvrdite prijem upućivanja');
    expect(mail.text).toContain('Kancelarija: Kancelarija civilnog stanja Obilić');
    expect(mail.text).toContain('Opština: Obilić');
    expect(mail.html.indexOf('lang="sq"')).toBeLessThan(mail.html.indexOf('lang="sr-Latn"'));
    expect(mail.html).toContain('<hr');
  });

  it('head-of-office escalation names the office in the body and asks to make sure it is handled', () => {
    const en = renderNoticeEmail('referral.head.escalation', referralNoticeData(), ['en']);
    expect(en.subject).toBe(
      'Unacknowledged referral from Office for Communities and Returns, Obiliq: civil documents — case SMR-2026-0142 — acknowledgement was due by 27.11.2026',
    );
    expect(en.text).toContain('A referral from Office for Communities and Returns, Obiliq to your office, sent on 20.11.2026, has not been acknowledged.');
    expect(en.text).toContain('Office: Civil Registry Office Obiliq');
    expect(en.text).toContain('Please make sure that the referral is handled');
    expect(en.text).toContain('koordinatori@obiliq.example.org');
    const sq = renderNoticeEmail('referral.head.escalation', referralNoticeData(), ['sq']);
    expect(sq.subject).toBe('Referim i pakonfirmuar nga ZKKK Obiliq: dokumente civile — rasti SMR-2026-0142 — afati i konfirmimit ishte 27.11.2026');
    expect(sq.text).toContain('Një referim nga ZKKK Obiliq për zyrën tuaj, i dërguar më 20.11.2026, ende nuk është konfirmuar.');
    const sr = renderNoticeEmail('referral.head.escalation', referralNoticeData(), ['sr-Latn']);
    expect(sr.text).toContain('Upućivanje iz OKZP Obilić vašoj kancelariji, poslato 20.11.2026, još nije potvrđeno.');
  });

  it('coordinator flag (non-sensitive) names the office and the need, and asks for a call', () => {
    const mail = renderNoticeEmail('referral.coordinator.overdue', referralNoticeData(), ['en']);
    expect(mail.subject).toBe('Referral still unanswered: civil documents — case SMR-2026-0142 — please call the office');
    expect(mail.text).toContain('A referral for case SMR-2026-0142 is still unanswered, even after a reminder to the office and an escalation to the head of office.');
    expect(mail.text).toContain('Office: Civil Registry Office Obiliq\nNeed: civil documents\nReferral sent on: 20.11.2026');
    expect(mail.text).toContain('Please call the office');
    expect(mail.html).toContain('<strong>Need:</strong> civil documents');
  });

  describe('sensitive referrals', () => {
    for (const [name, overrides] of SENSITIVE_REFERRALS) {
      it(`${name}: no need, category or office name in any subject; the coordinator's flag names no need at all`, () => {
        const data = referralNoticeData(overrides);
        for (const id of REFERRAL_NOTICE_TEMPLATE_IDS) {
          const sets: Language[][] = id === 'referral.coordinator.overdue' ? Language.options.map((l) => [l]) : OFFICE_LANGUAGE_SETS;
          for (const langs of sets) {
            const mail = renderNoticeEmail(id, data, langs);
            const ctx = `${id} [${langs.join(',')}]: ${mail.subject}`;
            expect(sensitiveLabelsIn(mail.subject), ctx).toEqual([]);
            for (const l of Language.options) {
              expect(mail.subject.toLowerCase(), ctx).not.toContain(NEED_LABELS[l][data.need].toLowerCase());
              expect(mail.subject, ctx).not.toContain(localName(data.office.name, l));
            }
            expect(mail.subject, ctx).toContain('SMR-2026-0142');
            if (id === 'referral.coordinator.overdue') {
              for (const body of [mail.text, mail.html]) {
                expect(sensitiveLabelsIn(body), ctx).toEqual([]);
                for (const l of Language.options) expect(body.toLowerCase(), ctx).not.toContain(NEED_LABELS[l][data.need].toLowerCase());
              }
              // still actionable: which office to call, which case, which referral
              expect(mail.text, ctx).toContain(localName(data.office.name, langs[0]!));
              expect(mail.text, ctx).toContain('01JD7ZQ4Y8K2M3N4P5Q6R7S8T9');
            } else {
              // the office concerned still reads what was asked of it
              expect(mail.text, ctx).toContain(NEED_LABELS[langs[0]!][data.need]);
            }
          }
        }
      });
    }

    it('the neutral English subjects read as intended', () => {
      const data = referralNoticeData({ need: 'psychosocial_support', office: MENTAL_HEALTH_OBILIQ, sensitive: true });
      expect(renderNoticeEmail('referral.office.reminder', data, ['en']).subject).toBe(
        'Reminder: referral from Office for Communities and Returns, Obiliq — case SMR-2026-0142 — acknowledgement was due by 27.11.2026',
      );
      expect(renderNoticeEmail('referral.coordinator.overdue', data, ['en']).subject).toBe(
        'Referral still unanswered — case SMR-2026-0142 — please call the office',
      );
      const sr = renderNoticeEmail('referral.coordinator.overdue', data, ['sr-Latn']);
      expect(sr.subject).toBe('Upućivanje i dalje bez odgovora — slučaj SMR-2026-0142 — molimo pozovite kancelariju');
      expect(sr.text).toContain('Kancelarija: Centar za mentalno zdravlje Obilić\nDatum upućivanja: 20.11.2026');
    });
  });

  it('every non-sensitive need appears in the subjects', () => {
    const needs: Need[] = ['civil_documents', 'job_seeker_registration', 'social_support', 'school_enrolment', 'vocational_training', 'housing', 'police_assistance', 'specialised_service'];
    for (const need of needs) {
      for (const id of REFERRAL_NOTICE_TEMPLATE_IDS) {
        const { subject } = renderNoticeEmail(id, referralNoticeData({ need, office: CIVIL_REGISTRY_OBILIQ }), ['sq']);
        expect(subject, `${id} ${need}`).toContain(NEED_LABELS.sq[need]);
      }
    }
  });

  it('escapes HTML but not plain text', () => {
    const data = referralNoticeData({
      coordinator: { name: "Drita O'Neill <b>", email: 'k@obiliq.example.org', phone: '+38344123456' },
      office: { kind: 'cso', name: { sq: 'OJQ "Ndihma" & Partnerët', sr: 'NVO "Pomoć" & partneri', en: 'NGO "Ndihma" & Partners' } },
      need: 'specialised_service',
    });
    const mail = renderNoticeEmail('referral.office.reminder', data, ['en']);
    expect(mail.text).toContain("Drita O'Neill <b>");
    expect(mail.text).toContain('Office: NGO "Ndihma" & Partners');
    expect(mail.html).toContain('Drita O&#39;Neill &lt;b&gt;');
    expect(mail.html).toContain('NGO &quot;Ndihma&quot; &amp; Partners');
    expect(mail.html).not.toContain('<b>');
  });

  it('refuses an empty language list and drops repeated languages', () => {
    expect(() => renderNoticeEmail('referral.office.reminder', referralNoticeData(), [])).toThrow(/language/);
    const mail = renderNoticeEmail('referral.office.reminder', referralNoticeData(), ['sq', 'sq']);
    expect(mail.subject).not.toContain(' / ');
    expect(mail.text).not.toMatch(/-{40}/);
  });
});

describe('case notices', () => {
  it('home-visit reminder: the last day of the 72 hours ("by the end of"), and how to record the visit', () => {
    // Arrival 20.11.2026: the 72 hours end at 00:00 on 23.11 in Kosovo (23:00 UTC on 22.11); the last day is 22.11.
    const en = renderNoticeEmail('visit.coordinator.reminder', caseNoticeData({ deadline: '2026-11-22T23:00:00Z' }), ['en']);
    expect(en.subject).toBe('Home visit due by the end of 22.11.2026 — case SMR-2026-0142');
    expect(en.text).toContain('The home visit for case SMR-2026-0142 is due by the end of 22.11.2026, within 72 hours of the household');
    expect(en.text).toContain('Household members: 4\nArrival date: 20.11.2026\nHome visit due by: the end of 22.11.2026');
    expect(en.text).not.toContain('23.11.2026');
    expect(en.text).toContain('together with DRPR and the Centre for Social Work');
    expect(en.text).toContain('record it in the platform');
    expect(en.text).toContain('Case in the platform: 01JD7ZP0000000000000000000');
    const sq = renderNoticeEmail('visit.coordinator.reminder', caseNoticeData({ deadline: '2026-11-22T23:00:00Z' }), ['sq']);
    expect(sq.subject).toBe('Vizita në shtëpi deri në fund të 22.11.2026 — rasti SMR-2026-0142');
    expect(sq.text).toContain('duhet të bëhet deri në fund të 22.11.2026, brenda 72 orëve nga');
    expect(sq.text).toContain('regjistrojeni në platformë');
    const sr = renderNoticeEmail('visit.coordinator.reminder', caseNoticeData({ deadline: '2026-11-22T23:00:00Z' }), ['sr-Latn']);
    expect(sr.text).toContain('Kućnu posetu za slučaj SMR-2026-0142 treba obaviti do kraja 22.11.2026, u roku od 72 sata od dolaska domaćinstva.');
    expect(sr.text).toContain('zajedno sa ORRLIS-om i Centrom za socijalni rad');
  });

  it('home-visit escalation: the deadline has passed', () => {
    const en = renderNoticeEmail('visit.coordinator.escalation', caseNoticeData(), ['en']);
    expect(en.subject).toBe('Home visit deadline passed — case SMR-2026-0142 — 22.11.2026');
    expect(en.text).toContain('The 72-hour deadline for the home visit in case SMR-2026-0142 was the end of 22.11.2026, and no visit has been recorded.');
    expect(en.text).toContain('Home visit was due by: the end of 22.11.2026');
    const sr = renderNoticeEmail('visit.coordinator.escalation', caseNoticeData(), ['sr-Cyrl']);
    expect(sr.subject).toBe('Рок за кућну посету је истекао — случај SMR-2026-0142 — 22.11.2026');
    expect(sr.text).toContain('до краја 22.11.2026');
  });

  it('names the same last day across the changes of clock, which move the deadline to 01:00 or 23:00', () => {
    // 72 hours from the start of 27.03 (winter time) end at 01:00 summer time on 30.03: the last day is still 29.03
    const across = renderNoticeEmail('visit.coordinator.escalation', caseNoticeData({ arrivalDate: '2026-03-27', deadline: '2026-03-29T23:00:00Z' }), ['sq']);
    expect(across.text).toContain('ishte deri në fund të 29.03.2026');
    // and back to winter time: from the start of 23.10 they end at 23:00 on 25.10, the last day
    const autumn = renderNoticeEmail('visit.coordinator.reminder', caseNoticeData({ arrivalDate: '2026-10-23', deadline: '2026-10-25T22:00:00Z' }), ['en']);
    expect(autumn.subject).toContain('by the end of 25.10.2026');
    // Every arrival day of two years, as the timers set the deadline: the last day is the arrival's + 2.
    for (let day = '2026-01-01'; day < '2028-01-01'; day = addDays(day, 1)) {
      const deadline = visitDeadline({ arrivalDate: day } as CaseItem).toISOString();
      expect(lastDayBefore(deadline), day).toBe(addDays(day, 2));
    }
  });

  it('monthly monitoring names the plan by category and language: PIR/PII, IPR/IPI', () => {
    const en = renderNoticeEmail('case.coordinator.monitoring', caseNoticeData({ occurrence: 5 }), ['en']);
    expect(en.subject).toBe('Monthly monitoring of the plan (PIR) — case SMR-2026-0142 — month 5 of 18');
    expect(en.text).toContain('Plan: Individual Reintegration Plan (PIR)');
    const sq = renderNoticeEmail('case.coordinator.monitoring', caseNoticeData({ category: 'foreigner', occurrence: 5 }), ['sq']);
    expect(sq.subject).toBe('Monitorimi mujor i planit (PII) — rasti SMR-2026-0142 — muaji 5 nga 18');
    expect(sq.text).toContain('Plani: Plani Individual i Integrimit (PII)');
    const sr = renderNoticeEmail('case.coordinator.monitoring', caseNoticeData({ occurrence: 5 }), ['sr-Latn']);
    expect(sr.subject).toBe('Mesečno praćenje plana (IPR) — slučaj SMR-2026-0142 — mesec 5 od 18');
    expect(sr.text).toContain('Vreme je za mesečno praćenje individualnog plana (IPR) za slučaj SMR-2026-0142: mesec 5 od 18.');
    const cyr = renderNoticeEmail('case.coordinator.monitoring', caseNoticeData({ category: 'foreigner', occurrence: 5 }), ['sr-Cyrl']);
    expect(cyr.text).toContain('План: Индивидуални план интеграције (ИПИ)');
  });

  it('quarterly evaluation is about the schemes and services, quarter N', () => {
    const en = renderNoticeEmail('case.coordinator.evaluation', caseNoticeData({ occurrence: 2 }), ['en']);
    expect(en.subject).toBe('Quarterly evaluation of schemes and services — case SMR-2026-0142 — quarter 2');
    expect(en.text).toContain('Evaluation: quarter 2');
    expect(en.text).toContain('update the plan (PIR) and the case in SMR');
    const sq = renderNoticeEmail('case.coordinator.evaluation', caseNoticeData({ occurrence: 2 }), ['sq']);
    expect(sq.subject).toBe('Vlerësimi tremujor i skemave dhe shërbimeve — rasti SMR-2026-0142 — tremujori 2');
  });

  it('closure: 18 months after arrival, final evaluation, close in the platform and in SMR', () => {
    const en = renderNoticeEmail('case.coordinator.closure', caseNoticeData(), ['en']);
    expect(en.subject).toBe('Final evaluation and closure of case SMR-2026-0142 — 18 months since arrival');
    expect(en.text).toContain('Case SMR-2026-0142 reaches 18 months since arrival on 20.05.2028.');
    expect(en.text).toContain('close the case both in the platform and in SMR');
    const sr = renderNoticeEmail('case.coordinator.closure', caseNoticeData(), ['sr-Latn']);
    expect(sr.text).toContain('zatvorite slučaj i na platformi i u SUS-u');
    expect(sr.text).toContain('18 meseci od dolaska: 20.05.2028');
    // the end of a month clamps: 31.08.2026 + 18 months = 29.02.2028 (leap year)
    expect(renderNoticeEmail('case.coordinator.closure', caseNoticeData({ arrivalDate: '2026-08-31' }), ['en']).text).toContain('on 29.02.2028');
  });

  it("a foreigner's closure and evaluation count from the status or residence permit, and say so", () => {
    const foreigner = caseNoticeData({ category: 'foreigner', permitDate: '2026-12-01' });
    const en = renderNoticeEmail('case.coordinator.closure', foreigner, ['en']);
    expect(en.subject).toBe('Final evaluation and closure of case SMR-2026-0142 — 18 months since the status or residence permit');
    expect(en.text).toContain('reaches 18 months since the status or residence permit on 01.06.2028.');
    expect(en.text).not.toMatch(/since arrival/);
    expect(renderNoticeEmail('case.coordinator.closure', foreigner, ['sq']).text).toContain('18 muaj nga marrja e statusit ose e lejes së qëndrimit: 01.06.2028');
    expect(renderNoticeEmail('case.coordinator.closure', foreigner, ['sr-Latn']).text).toContain('18 meseci od dobijanja statusa ili dozvole boravka: 01.06.2028');
    expect(renderNoticeEmail('case.coordinator.evaluation', foreigner, ['en']).text).toContain('quarter 3 since the status or residence permit.');
    expect(renderNoticeEmail('case.coordinator.evaluation', foreigner, ['sq']).text).toContain('tremujori 3 pas marrjes së statusit ose të lejes së qëndrimit.');
    // A foreigner registered without the permit's date counts from arrival, and says so.
    expect(renderNoticeEmail('case.coordinator.closure', caseNoticeData({ category: 'foreigner' }), ['en']).text).toContain('reaches 18 months since arrival on 20.05.2028.');
  });

  it('refuses data a template needs but lacks', () => {
    for (const id of ['visit.coordinator.reminder', 'visit.coordinator.escalation'] as const) {
      expect(() => renderNoticeEmail(id, caseNoticeData({ deadline: undefined }), ['en']), id).toThrow(/deadline/);
      expect(() => renderNoticeEmail(id, caseNoticeData({ deadline: 'tomorrow' }), ['en']), id).toThrow(/ISO date/);
    }
    for (const id of ['case.coordinator.monitoring', 'case.coordinator.evaluation'] as const) {
      expect(() => renderNoticeEmail(id, caseNoticeData({ occurrence: undefined }), ['en']), id).toThrow(/occurrence/);
      expect(() => renderNoticeEmail(id, caseNoticeData({ occurrence: 0 }), ['en']), id).toThrow(/occurrence/);
    }
    // case data for a referral notice, and the other way round
    expect(() => renderNoticeEmail('referral.office.reminder', caseNoticeData() as unknown as ReferralNoticeData, ['en'])).toThrow(/ReferralNoticeData/);
    expect(() => renderNoticeEmail('case.coordinator.closure', referralNoticeData() as unknown as CaseNoticeData, ['en'])).toThrow(/CaseNoticeData/);
  });

  it('coordinator notices in every language mention the case in the platform and the coordinator, never in the subject', () => {
    for (const id of CASE_NOTICE_TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const mail = renderNoticeEmail(id, caseNoticeData(), [lang]);
        expect(mail.text, `${id} [${lang}]`).toContain('01JD7ZP0000000000000000000');
        expect(mail.text, `${id} [${lang}]`).toContain('Besa Gashi');
        expect(mail.subject, `${id} [${lang}]`).not.toContain('Besa Gashi');
      }
    }
  });
});
