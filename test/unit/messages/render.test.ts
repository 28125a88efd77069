import { describe, expect, it } from 'vitest';
import {
  Language,
  Need,
  OfficeLanguage,
  SENSITIVE_CATEGORIES,
  SENSITIVE_NEEDS,
  type VulnerableCategory,
} from '../../../shared/domain/vocabulary.js';
import {
  BRING_LISTS,
  CATEGORY_LABELS,
  localName,
  NEED_LABELS,
  renderReferralEmail,
  renderReferralSms,
  type ReferralEmailData,
} from '../../../shared/messages/index.js';
import { emailData, LINKS, PARTESH, PERSONS, smsData, ZKKK_PARTESH } from '../../../shared/messages/samples.js';

/** Every sensitive need and category label, in every language, lower-cased. */
const SENSITIVE_LABELS: string[] = Language.options.flatMap((lang) => [
  ...[...SENSITIVE_NEEDS].map((n) => NEED_LABELS[lang][n].toLowerCase()),
  ...[...SENSITIVE_CATEGORIES].map((c) => CATEGORY_LABELS[lang][c].toLowerCase()),
]);

function sensitiveLabelsIn(s: string): string[] {
  const lower = s.toLowerCase();
  return SENSITIVE_LABELS.filter((l) => lower.includes(l));
}

const NON_SENSITIVE_NEEDS = Need.options.filter((n) => !SENSITIVE_NEEDS.has(n));

/** All non-empty ordered language lists of length 1 and 2, plus all three. */
const LANGUAGE_SETS: OfficeLanguage[][] = [
  ...OfficeLanguage.options.map((l) => [l]),
  ...OfficeLanguage.options.flatMap((a) => OfficeLanguage.options.filter((b) => b !== a).map((b) => [a, b])),
  [...OfficeLanguage.options],
];

describe('renderReferralEmail', () => {
  it('Obiliq, sq, with consent: names, birth years, note and a dd.MM.yyyy due date', () => {
    const mail = renderReferralEmail(emailData({ categories: ['single_parent'] }), ['sq']);
    for (const p of PERSONS) {
      expect(mail.text).toContain(`${p.givenName} ${p.familyName}, viti i lindjes ${p.birthYear}`);
      expect(mail.html).toContain(`${p.givenName} ${p.familyName}, viti i lindjes ${p.birthYear}`);
    }
    expect(mail.text).toContain('Shënim i koordinatorit: Familja pret dokumentet nga Gjermania.');
    expect(mail.text).toContain('Kategoritë e cenueshme: prind i vetëm');
    expect(mail.text).toContain('deri më 27.11.2026');
    expect(mail.text).toContain('Data e ardhjes: 20.11.2026');
    expect(mail.text).toContain('Ju lutemi të regjistroni personat dhe');
    expect(mail.text).toContain('Besa Gashi');
    expect(mail.text).toContain('koordinatori@obiliq.example.org');
    expect(mail.text).toContain('+38344123456');
    expect(mail.text).toContain('SMR-2026-0142');
    expect(mail.text).toContain('ZKKK Obiliq');
    expect(mail.subject).toBe(
      'Referim nga ZKKK Obiliq: dokumente civile — rasti SMR-2026-0142 — ju lutemi konfirmoni deri më 27.11.2026',
    );
  });

  it('Obiliq, sq, without consent: no names, birth years, note or categories — a household line instead', () => {
    // The caller should pass no persons without consent; the renderer must hold even if it does.
    const data = emailData({ consentToShare: false, categories: ['single_parent', 'person_with_disability'] });
    const mail = renderReferralEmail(data, ['sq']);
    for (const part of [mail.subject, mail.text, mail.html]) {
      for (const p of PERSONS) {
        expect(part).not.toContain(p.givenName);
        expect(part).not.toContain(p.familyName);
        expect(part).not.toContain(String(p.birthYear));
      }
      expect(part).not.toContain('Gjermania');
      expect(part).not.toContain(CATEGORY_LABELS.sq.single_parent);
      expect(part).not.toContain(CATEGORY_LABELS.sq.person_with_disability);
    }
    expect(mail.text).toContain('Një familje me 4 anëtarë, rasti SMR-2026-0142.');
    expect(mail.text).toContain("koordinatori do t'jua japë hollësitë drejtpërdrejt");
  });

  it('no names in the subject, ever', () => {
    for (const consentToShare of [true, false]) {
      for (const langs of LANGUAGE_SETS) {
        const { subject } = renderReferralEmail(emailData({ consentToShare }), langs);
        for (const p of PERSONS) expect(subject).not.toContain(p.familyName);
        expect(subject).not.toMatch(/[\r\n]/);
      }
    }
  });

  it('bilingual office (sq + sr-Latn): one email with both sections, in order', () => {
    const mail = renderReferralEmail(
      emailData({ municipality: PARTESH, coordinatorOffice: ZKKK_PARTESH }),
      ['sq', 'sr-Latn'],
    );
    const [sqSubject, srSubject] = mail.subject.split(' / ');
    expect(sqSubject).toBe('Referim nga ZKKK Partesh: dokumente civile — rasti SMR-2026-0142 — ju lutemi konfirmoni deri më 27.11.2026');
    expect(srSubject).toBe('Upućivanje iz OKZP Parteš: civilna dokumenta — slučaj SMR-2026-0142 — molimo potvrdite do 27.11.2026');

    const sq = mail.text.indexOf('Të nderuar kolegë');
    const sr = mail.text.indexOf('Poštovane kolege');
    expect(sq).toBeGreaterThanOrEqual(0);
    expect(sr).toBeGreaterThan(sq);
    expect(mail.text.slice(sq, sr)).toMatch(/-{40}/);
    expect(mail.text).toContain('Kancelarija: Kancelarija civilnog stanja Obilić');
    expect(mail.text).toContain('Molimo vas da upišete lica u matične knjige');
    expect(mail.text).toContain('Opština: Parteš');
    expect(mail.text).toContain('Komuna: Partesh');
    // names appear once per language section
    expect(mail.text.split('Arben Krasniqi').length - 1).toBe(2);

    expect(mail.html).toContain('<div lang="sq"');
    expect(mail.html).toContain('<div lang="sr-Latn"');
    expect(mail.html.indexOf('lang="sq"')).toBeLessThan(mail.html.indexOf('lang="sr-Latn"'));
    expect(mail.html).toContain('<hr');
    expect(mail.html).toContain('max-width:600px');
    expect(mail.html).toMatch(/^<!DOCTYPE html>\n<html lang="sq">/);
  });

  it('renders each of its languages and de-duplicates a repeated one', () => {
    for (const lang of OfficeLanguage.options) {
      const mail = renderReferralEmail(emailData(), [lang, lang]);
      expect(mail.subject).not.toContain(' / ');
      expect(mail.text).not.toMatch(/-{40}/);
      expect(mail.text).not.toContain('{{');
      expect(mail.html).not.toContain('{{');
    }
    expect(() => renderReferralEmail(emailData(), [])).toThrow();
  });

  describe('sensitive referrals get a neutral subject', () => {
    const cases: Array<[string, Partial<ReferralEmailData>]> = [
      ['need psychosocial_support', { need: 'psychosocial_support', office: { kind: 'mental_health', name: { sq: 'Qendra e Shëndetit Mendor Obiliq', sr: 'Centar za mentalno zdravlje Obilić', en: 'Mental Health Centre Obiliq' } }, sensitive: true }],
      ['need health_care', { need: 'health_care', office: { kind: 'health', name: { sq: 'QKMF Obiliq', sr: 'Dom zdravlja Obilić', en: 'Family Medicine Centre Obiliq' } }, sensitive: true }],
      ['category trafficking_victim', { need: 'social_support', categories: ['trafficking_victim'], office: { kind: 'social_work_centre', name: { sq: 'QPS Obiliq', sr: 'CSR Obilić', en: 'Centre for Social Work Obiliq' } }, sensitive: true }],
      // the caller forgot to set the flag: the renderer recomputes it
      ['category trafficking_victim, flag not set by the caller', { need: 'social_support', categories: ['trafficking_victim', 'single_parent'], sensitive: false }],
      ['every sensitive category at once', { need: 'housing', categories: [...SENSITIVE_CATEGORIES] as VulnerableCategory[], sensitive: true }],
    ];
    for (const [name, overrides] of cases) {
      it(name, () => {
        for (const consentToShare of [true, false]) {
          for (const langs of LANGUAGE_SETS) {
            const data = emailData({ ...overrides, consentToShare });
            const { subject } = renderReferralEmail(data, langs);
            expect(sensitiveLabelsIn(subject), subject).toEqual([]);
            // no office name either (a mental-health centre's name says too much), nor the need
            for (const lang of Language.options) {
              expect(subject).not.toContain(localName(data.office.name, lang));
              expect(subject.toLowerCase()).not.toContain(NEED_LABELS[lang][data.need].toLowerCase());
            }
            expect(subject).toContain('SMR-2026-0142');
            expect(subject).toContain('27.11.2026');
          }
        }
      });
    }

    it('the neutral English subject reads as intended', () => {
      const { subject } = renderReferralEmail(emailData({ need: 'psychosocial_support', sensitive: true }), ['en']);
      expect(subject).toBe('Referral from Office for Communities and Returns, Obiliq — case SMR-2026-0142 — please acknowledge by 27.11.2026');
    });

    it('the body still says what is asked, to the office concerned', () => {
      const mail = renderReferralEmail(emailData({ need: 'psychosocial_support', sensitive: true }), ['en']);
      expect(mail.text).toContain('Need: psycho-social support');
      expect(mail.text).toContain('We kindly ask you to arrange an assessment and psycho-social support.');
    });
  });

  it('escapes HTML but not plain text', () => {
    const data = emailData({
      persons: [{ givenName: "Ana-Marie", familyName: "O'Brien <b>", birthYear: 1990 }],
      note: 'Ask for "Drita" & call <first>',
    });
    const mail = renderReferralEmail(data, ['en']);
    expect(mail.text).toContain("- Ana-Marie O'Brien <b>, born 1990");
    expect(mail.text).toContain('Ask for "Drita" & call <first>');
    expect(mail.html).toContain('Ana-Marie O&#39;Brien &lt;b&gt;, born 1990');
    expect(mail.html).toContain('Ask for &quot;Drita&quot; &amp; call &lt;first&gt;');
    expect(mail.html).not.toContain('<first>');
    expect(mail.html).not.toContain("O'Brien");
  });

  it('shows a date given as an instant in Europe/Belgrade', () => {
    const mail = renderReferralEmail(emailData({ dueDate: '2026-11-26T23:30:00Z' }), ['en']);
    expect(mail.subject).toContain('by 27.11.2026');
    expect(() => renderReferralEmail(emailData({ dueDate: 'soon' }), ['en'])).toThrow(/ISO date/);
  });
});

describe('renderReferralEmail: one-click links', () => {
  const HEADING: Record<OfficeLanguage, string> = {
    sq: 'Përgjigjuni me një klikim:',
    'sr-Latn': 'Odgovorite jednim klikom:',
    en: 'Answer with one click:',
  };
  const PERSONAL: Record<OfficeLanguage, string> = {
    sq: 'Lidhjet janë personale dhe vlejnë vetëm për këtë referim',
    'sr-Latn': 'Linkovi su lični i važe samo za ovo upućivanje',
    en: 'The links are personal to this referral',
  };
  /** The button hrefs of an HTML part, with the entities a browser decodes decoded. */
  function buttonHrefs(html: string): string[] {
    return [...html.matchAll(/<a href="([^"]*)" style="display:inline-block/g)].map((m) =>
      m[1]!.replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=').replaceAll('&amp;', '&'),
    );
  }
  const withLinks = (langs: OfficeLanguage[], extra: Partial<ReferralEmailData> = {}) =>
    renderReferralEmail(emailData({ links: LINKS, linksExpire: '2026-12-04', ...extra }), langs);

  it('English text: labelled URLs after the request, then the expiry line', () => {
    const mail = withLinks(['en']);
    expect(mail.text).toContain(
      'Please acknowledge this referral by 27.11.2026 and let the coordinator know the outcome.\n\n' +
        'Answer with one click:\n' +
        `Accept the referral: ${LINKS.accept}\n` +
        `Decline (with a reason): ${LINKS.decline}\n` +
        `Report the outcome (done or not done): ${LINKS.outcome}\n` +
        'The links are personal to this referral and expire on 04.12.2026.\n\n' +
        'Referred by:\n',
    );
  });

  it('Albanian and Serbian text read as intended', () => {
    const mail = withLinks(['sq', 'sr-Latn']);
    expect(mail.text).toContain(
      `Përgjigjuni me një klikim:\nPranoni referimin: ${LINKS.accept}\nRefuzoni referimin (duke dhënë arsyen): ${LINKS.decline}\n` +
        `Raportoni rezultatin (u krye ose nuk u krye): ${LINKS.outcome}\n` +
        'Lidhjet janë personale dhe vlejnë vetëm për këtë referim; skadojnë më 04.12.2026.\n',
    );
    expect(mail.text).toContain(
      `Odgovorite jednim klikom:\nPrihvatite upućivanje: ${LINKS.accept}\nOdbijte upućivanje (uz navođenje razloga): ${LINKS.decline}\n` +
        `Javite ishod (obavljeno ili nije obavljeno): ${LINKS.outcome}\n` +
        'Linkovi su lični i važe samo za ovo upućivanje; ističu 04.12.2026.\n',
    );
  });

  it('every language section has the three answers: URLs in text, buttons in HTML (escaped, in order)', () => {
    for (const langs of LANGUAGE_SETS) {
      const mail = withLinks(langs);
      const ctx = langs.join(',');
      for (const lang of langs) {
        expect(mail.text, ctx).toContain(HEADING[lang]);
        expect(mail.html, ctx).toContain(`<strong>${HEADING[lang]}</strong>`);
        expect(mail.text, ctx).toContain(`${PERSONAL[lang]}`);
      }
      for (const url of Object.values(LINKS)) expect(mail.text.split(url).length - 1, ctx).toBe(langs.length);
      expect(buttonHrefs(mail.html), ctx).toEqual(langs.flatMap(() => [LINKS.accept, LINKS.decline, LINKS.outcome]));
      // the query strings are HTML-escaped: no bare & in an attribute
      expect(mail.html, ctx).not.toContain('&sig=');
      expect(mail.html, ctx).toContain('&amp;sig');
      expect(mail.html.split('04.12.2026').length - 1, ctx).toBe(langs.length);
      // nothing about links in the subject
      expect(mail.subject, ctx).not.toMatch(/http|04\.12\.2026/);
    }
  });

  it('the accept link is the primary button, decline and outcome the secondary ones', () => {
    const { html } = withLinks(['en']);
    expect(html).toMatch(/<a href="[^"]*accept[^"]*" style="display:inline-block;[^"]*background:#1f5fa8;[^"]*color:#ffffff;[^"]*">Accept the referral<\/a>/);
    expect(html).toMatch(/<a href="[^"]*decline[^"]*" style="display:inline-block;[^"]*background:#ffffff;[^"]*">Decline \(with a reason\)<\/a>/);
    expect(html).toMatch(/<a href="[^"]*outcome[^"]*" style="display:inline-block;[^"]*">Report the outcome \(done or not done\)<\/a>/);
  });

  it('without links nothing about links appears (linksExpire alone changes nothing)', () => {
    for (const langs of LANGUAGE_SETS) {
      const plain = renderReferralEmail(emailData(), langs);
      expect(renderReferralEmail(emailData({ linksExpire: '2026-12-04' }), langs)).toEqual(plain);
      for (const part of [plain.text, plain.html]) {
        for (const lang of OfficeLanguage.options) {
          expect(part).not.toContain(HEADING[lang]);
          expect(part).not.toContain(PERSONAL[lang]);
        }
        expect(part).not.toContain('https://');
        expect(part).not.toContain('04.12.2026');
        expect(part).not.toContain('display:inline-block');
      }
      expect(plain.text).not.toMatch(/\n{3,}/);
    }
  });

  it('links without an expiry date: the personal line without a date', () => {
    const mail = renderReferralEmail(emailData({ links: LINKS }), ['en', 'sq']);
    expect(mail.text).toContain('The links are personal to this referral.\n');
    expect(mail.text).toContain('Lidhjet janë personale dhe vlejnë vetëm për këtë referim.\n');
    expect(mail.html).toContain('The links are personal to this referral.</p>');
    expect(mail.text).not.toMatch(/expire|skadojnë/);
  });

  it('a sensitive referral keeps its neutral subject with links too', () => {
    const mail = withLinks(['en'], { need: 'psychosocial_support', sensitive: true });
    expect(mail.subject).toBe('Referral from Office for Communities and Returns, Obiliq — case SMR-2026-0142 — please acknowledge by 27.11.2026');
    expect(buttonHrefs(mail.html)).toHaveLength(3);
  });

  it('refuses links that are not absolute http(s) URLs, and a bad expiry date', () => {
    for (const bad of ['javascript:alert(1)', '/r/01JD/accept', 'mailto:office@example.org', '', 42]) {
      const links = { ...LINKS, decline: bad as string };
      expect(() => renderReferralEmail(emailData({ links }), ['en']), String(bad)).toThrow(/links\.decline must be an absolute http\(s\) URL/);
    }
    expect(() => renderReferralEmail(emailData({ links: LINKS, linksExpire: 'next week' }), ['en'])).toThrow(/ISO date/);
    expect(renderReferralEmail(emailData({ links: { ...LINKS, accept: 'http://localhost:3000/r/x/accept?sig=a' } }), ['en']).text).toContain(
      'Accept the referral: http://localhost:3000/r/x/accept?sig=a',
    );
  });
});

describe('renderReferralSms', () => {
  it('standard SMS names the office, its address and hours, the bring-list and the coordinator phone', () => {
    for (const lang of Language.options) {
      for (const need of NON_SENSITIVE_NEEDS) {
        const data = smsData(need);
        const sms = renderReferralSms(data, lang, 'standard');
        const ctx = `${lang} ${need}: ${sms}`;
        expect(sms, ctx).toContain(localName(data.office.name, lang));
        expect(sms, ctx).toContain(localName(data.office.address, lang));
        expect(sms, ctx).toContain(localName(data.office.hours, lang).replaceAll('–', '-'));
        expect(sms, ctx).toContain(BRING_LISTS[lang][need]);
        expect(sms, ctx).toContain('+38344123456');
        expect(sms, ctx).toContain(localName(data.coordinatorOffice, lang));
        expect(sms, ctx).not.toMatch(/[\n{}]/);
      }
    }
  });

  it('reads naturally (spot checks)', () => {
    expect(renderReferralSms(smsData('job_seeker_registration'), 'sq', 'standard')).toBe(
      'ZKKK Obiliq: Ju lutemi shkoni te Zyra e Punësimit Obiliq, Rr. Adem Jashari, Obiliq (E hënë-e premte 08:00-16:00). Sillni: letërnjoftim, diploma ose vërtetime pune. Pyetje: +38344123456',
    );
    expect(renderReferralSms(smsData('job_seeker_registration'), 'sr-Cyrl', 'standard')).toBe(
      'ОКЗП Обилић: Молимо вас да се јавите: Канцеларија за запошљавање Обилић, Ул. Адема Јасхарија, Обилић (пон-пет 08:00-16:00). Понесите: личну карту, дипломе или потврде о раду. Питања: +38344123456',
    );
  });

  it('private SMS says nothing about the need or the office', () => {
    for (const lang of Language.options) {
      for (const need of Need.options) {
        const data = smsData(need);
        const sms = renderReferralSms(data, lang, 'private');
        for (const l of Language.options) {
          expect(sms).not.toContain(localName(data.office.name, l));
          expect(sms).not.toContain(localName(data.office.address, l));
          expect(sms.toLowerCase()).not.toContain(NEED_LABELS[l][need].toLowerCase());
        }
        expect(sms).toContain('+38344123456');
        expect(sms.startsWith(`${localName(data.coordinatorOffice, lang)}: `)).toBe(true);
      }
    }
    expect(renderReferralSms(smsData('psychosocial_support'), 'en', 'private')).toBe(
      'Obiliq Municipality: we have arranged support for you. Your coordinator will call you with the details. Questions: +38344123456',
    );
  });

  it('no SMS contains a sensitive label, in any language', () => {
    for (const lang of Language.options) {
      for (const need of Need.options) {
        const variants = SENSITIVE_NEEDS.has(need) ? (['private'] as const) : (['standard', 'private'] as const);
        for (const v of variants) {
          const sms = renderReferralSms(smsData(need), lang, v);
          expect(sensitiveLabelsIn(sms), `${lang} ${need} ${v}: ${sms}`).toEqual([]);
        }
      }
    }
  });

  it('refuses a standard SMS for a sensitive need', () => {
    for (const need of SENSITIVE_NEEDS) {
      expect(() => renderReferralSms(smsData(need), 'sq', 'standard')).toThrow(/private/);
    }
  });
});
