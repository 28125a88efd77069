import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Language, OfficeLanguage } from '../../../shared/domain/vocabulary.js';
import { LINK_ACTIONS, signLink } from '../../../shared/links/signed-link.js';
import { srLatnToCyrl } from '../../../shared/messages/translit.js';
import { ReferralState } from '../../../shared/domain/referral-state.js';
import {
  ACCEPT_CONFIRM_FIELD,
  ACCEPT_CONFIRM_VALUE,
  AcceptForm,
  confirmPage,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  DeclineForm,
  donePage,
  OUTCOME_LABELS,
  OutcomeForm,
  PAGE_HEADERS,
  REFERRAL_STATUS_LABELS,
  refusalPage,
  REFUSAL_HTTP_STATUS,
  type ReferralSummary,
  type RefusalReason,
} from '../../../shared/pages/response-page.js';
import { PAGE_TEXTS } from '../../../shared/pages/page-texts.js';
import { OUTCOME_LABELS as EMAIL_OUTCOMES } from '../../../shared/messages/labels.js';

const SUMMARY: ReferralSummary = {
  smrCaseId: 'SMR-2025-0042',
  municipality: { sq: 'Obiliq', sr: 'Obilić', en: 'Obiliq' },
  coordinatorOffice: { sq: 'ZKKK Obiliq', sr: 'OKZP Obilić', en: 'Office for Communities and Returns, Obiliq' },
  coordinator: { name: 'Arta Berisha', email: 'arta@obiliq.example.org', phone: '+38344123456' },
  office: { kind: 'civil_registry', name: { sq: 'ZGJC Obiliq', sr: 'KCS Obilić', en: 'Civil Registry Office, Obiliq' } },
  need: 'civil_documents',
  sentDate: '2025-03-03',
  dueDate: '2025-03-10',
  status: 'sent',
  persons: [{ givenName: 'Arben', familyName: 'Krasniqi', birthYear: 1980 }],
};

const EVIL = '<script>alert("x")</script>';
const EVIL_SUMMARY: ReferralSummary = {
  smrCaseId: `SMR-${EVIL}`,
  municipality: { sq: `M${EVIL}`, sr: `M${EVIL}`, en: `M${EVIL}` },
  coordinatorOffice: { sq: `O${EVIL}`, sr: `O${EVIL}`, en: `O${EVIL}` },
  coordinator: { name: EVIL, email: `x"onmouseover="alert(1)@example.org`, phone: `+383"><img src=x>` },
  office: { kind: 'civil_registry', name: { sq: `Z${EVIL}`, sr: `Z${EVIL}`, en: `Z${EVIL}` } },
  need: 'civil_documents',
  sentDate: '2025-03-03',
  dueDate: '2025-03-10',
  status: `sent${EVIL}`,
  persons: [{ givenName: EVIL, familyName: `<b onclick="x">`, birthYear: 1980 }],
};

const OFFICE_LANGUAGE_SETS: OfficeLanguage[][] = [
  ['sq'],
  ['sr-Latn'],
  ['en'],
  ['sq', 'sr-Latn'],
  ['sr-Latn', 'sq'],
  ['sq', 'en'],
  ['sr-Latn', 'en'],
  ['sq', 'sr-Latn', 'en'],
];
const REFUSALS: RefusalReason[] = ['malformed', 'bad-signature', 'expired', 'not-found', 'invalid-transition', 'cross-site', 'unavailable'];
const FORM_ACTION = 'https://links.example.org/r/eyJhYmMiOjF9.c2lnbmF0dXJl';

/** The visible text of a page, roughly: tags dropped, entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x2F;/g, '/')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function sectionLangs(html: string): string[] {
  return [...html.matchAll(/<section lang="([^"]+)">/g)].map((m) => m[1]!);
}

function expectWellFormedPage(html: string, langs: readonly Language[]): void {
  expect(html.startsWith('<!DOCTYPE html>\n<html lang="')).toBe(true);
  expect(html).toContain(`<html lang="${langs[0]}">`);
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(html).toContain('max-width:600px');
  expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i);
  expect(html).not.toMatch(/\son\w+=/i); // no event handlers
  expect(sectionLangs(html)).toEqual(langs);
  expect(html.match(/<h1>/g)).toHaveLength(1);
}

describe('confirmPage', () => {
  for (const langs of OFFICE_LANGUAGE_SETS) {
    for (const action of LINK_ACTIONS) {
      it(`renders ${action} in ${langs.join('+')} with one form`, () => {
        const html = confirmPage({ action, summary: SUMMARY, languages: langs, formAction: FORM_ACTION });
        expectWellFormedPage(html, langs);
        expect(html.match(/<form /g)).toHaveLength(1);
        expect(html.match(/<button /g)).toHaveLength(1);
        expect(html).toMatch(/<form method="post" action="https:&#x2F;&#x2F;links\.example\.org&#x2F;r&#x2F;eyJhYmMiOjF9\.c2lnbmF0dXJl"/);
        expect(html).not.toMatch(/type="hidden"/);
        const text = textOf(html);
        for (const l of langs) {
          const t = PAGE_TEXTS[l];
          expect(text).toContain(t.confirm[action].title);
          expect(text).toContain(t.confirm[action].prompt);
          expect(text).toContain(t.confirm[action].button);
          expect(text).toContain(REFERRAL_STATUS_LABELS[l].sent);
        }
        expect(text).toContain('SMR-2025-0042');
        expect(text).toContain('03.03.2025');
        expect(text).toContain('10.03.2025');
        expect(text).toContain('Arben Krasniqi');
        expect(text).toContain('arta@obiliq.example.org');
        if (langs.includes('sr-Latn')) expect(text).toContain('KCS Obilić');
        if (langs.includes('sq')) expect(text).toContain('ZGJC Obiliq');
      });
    }
  }

  it('accept: one confirmation checkbox, required and unchecked, labelled in every language of the office', () => {
    for (const langs of [...OFFICE_LANGUAGE_SETS, ['sr-Cyrl'], ['sq', 'sr-Cyrl']] as Language[][]) {
      const html = confirmPage({ action: 'accept', summary: SUMMARY, languages: langs, formAction: FORM_ACTION });
      const inputs = html.match(/<input[^>]*>/g) ?? [];
      expect(inputs, langs.join('+')).toEqual([`<input type="checkbox" id="${ACCEPT_CONFIRM_FIELD}" name="${ACCEPT_CONFIRM_FIELD}" value="${ACCEPT_CONFIRM_VALUE}" required>`]);
      expect(html).not.toMatch(/\bchecked\b|type="hidden"|<select|<textarea/);
      expect(html).not.toContain('role="alert"');
      // Inside the one form, before its button, and labelled (the label wraps the input and names it).
      const form = /<form [\s\S]*<\/form>/.exec(html)![0];
      expect(form.indexOf('type="checkbox"')).toBeGreaterThan(0);
      expect(form.indexOf('type="checkbox"')).toBeLessThan(form.indexOf('<button'));
      expect(form).toContain(`<label class="choice" for="${ACCEPT_CONFIRM_FIELD}">`);
      const label = textOf(/<label class="choice"[\s\S]*?<\/label>/.exec(form)![0]);
      for (const l of langs) expect(label).toContain(PAGE_TEXTS[l].acceptConfirmLabel);
      for (const l of langs) expect(form).toContain(`<span class="l" lang="${l}">${PAGE_TEXTS[l].acceptConfirmLabel}</span>`);
    }
    const text = textOf(confirmPage({ action: 'accept', summary: SUMMARY, languages: ['sq'], formAction: FORM_ACTION }));
    expect(text).toContain('Ju lutemi konfirmoni që zyra juaj e pranon këtë referim.');
    expect(text).toContain('Po, zyra jonë e merr përsipër këtë referim dhe do të kontaktojë personin ose familjen e referuar.');
    expect(textOf(confirmPage({ action: 'accept', summary: SUMMARY, languages: ['sr-Latn'], formAction: FORM_ACTION }))).toContain(
      'Da, naša kancelarija preuzima ovo upućivanje i javiće se upućenoj osobi ili porodici.',
    );
    expect(textOf(confirmPage({ action: 'accept', summary: SUMMARY, languages: ['sr-Cyrl'], formAction: FORM_ACTION }))).toContain(
      'Да, наша канцеларија преузима ово упућивање и јавиће се упућеној особи или породици.',
    );
    expect(textOf(confirmPage({ action: 'accept', summary: SUMMARY, languages: ['en'], formAction: FORM_ACTION }))).toContain(
      'Yes, our office takes on this referral and will contact the person or family referred.',
    );
  });

  it('accept without the ticked box: the form again, saying in each language what to tick and which button to press', () => {
    for (const langs of [...OFFICE_LANGUAGE_SETS, ['sr-Cyrl']] as Language[][]) {
      const html = confirmPage({ action: 'accept', summary: SUMMARY, languages: langs, formAction: FORM_ACTION, problem: 'unconfirmed' });
      expectWellFormedPage(html, langs);
      expect(html.match(/<form /g)).toHaveLength(1);
      expect(html).toContain(
        `<input type="checkbox" id="${ACCEPT_CONFIRM_FIELD}" name="${ACCEPT_CONFIRM_FIELD}" value="${ACCEPT_CONFIRM_VALUE}" required aria-invalid="true" aria-describedby="confirm-error">`,
      );
      expect(html).not.toMatch(/\bchecked\b/);
      const alert = /<div class="alert" role="alert" id="confirm-error">([\s\S]*?)<\/div>/.exec(html);
      expect(alert, langs.join('+')).not.toBeNull();
      const said = textOf(alert![1]!);
      for (const l of langs) expect(said).toContain(PAGE_TEXTS[l].confirm.accept.button);
      expect(said).not.toMatch(/\{\{|\}\}/);
    }
    const text = (l: Language) => textOf(confirmPage({ action: 'accept', summary: SUMMARY, languages: [l], formAction: FORM_ACTION, problem: 'unconfirmed' }));
    expect(text('sq')).toContain('ju lutemi shënoni kutinë mbi butonin dhe pastaj shtypni sërish «Konfirmo pranimin».');
    expect(text('sr-Latn')).toContain('molimo vas da označite polje iznad dugmeta, a zatim ponovo pritisnete „Potvrdi prihvatanje“.');
    expect(text('sr-Cyrl')).toContain('молимо вас да означите поље изнад дугмета, а затим поново притиснете „Потврди прихватање“.');
    expect(text('en')).toContain('please tick the box above the button, then press “Confirm acceptance” again.');
  });

  it('decline and outcome have no confirmation box (their forms already demand an explicit choice)', () => {
    for (const action of ['decline', 'outcome'] as const) {
      const html = confirmPage({ action, summary: SUMMARY, languages: ['sq', 'sr-Latn'], formAction: FORM_ACTION });
      expect(html).not.toContain('type="checkbox"');
      expect(html).not.toMatch(/\bchecked\b|<option[^>]*selected/);
    }
  });

  it('decline: a required select with the six reasons, localized, and an optional note of ≤ 500', () => {
    const html = confirmPage({ action: 'decline', summary: SUMMARY, languages: ['sq', 'sr-Latn'], formAction: FORM_ACTION });
    expect(html).toMatch(/<select id="reason" name="reason" required>/);
    const values = [...html.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1]);
    expect(values).toEqual(['', ...DECLINE_REASONS]);
    expect(DECLINE_REASONS).toHaveLength(6);
    const text = textOf(html);
    for (const r of DECLINE_REASONS) {
      expect(text).toContain(`${DECLINE_REASON_LABELS.sq[r]} / ${DECLINE_REASON_LABELS['sr-Latn'][r]}`);
    }
    expect(html).toMatch(/<textarea id="note" name="note" rows="4" maxlength="500"[^>]*><\/textarea>/);
    expect(html).not.toMatch(/<textarea[^>]*required/);
    expect(html).toContain('<label for="reason">');
    expect(html).toContain('<label for="note">');
  });

  it('outcome: required radios done | not_done and an optional note with examples', () => {
    const html = confirmPage({ action: 'outcome', summary: SUMMARY, languages: ['en'], formAction: FORM_ACTION });
    const radios = [...html.matchAll(/<input type="radio" id="outcome-(\w+)" name="outcome" value="(\w+)" required>/g)];
    expect(radios.map((m) => m[2])).toEqual(['done', 'not_done']);
    expect(html).toContain('<fieldset>');
    expect(html).toContain('<legend>');
    const text = textOf(html);
    expect(text).toContain(OUTCOME_LABELS.en.done);
    expect(text).toContain(OUTCOME_LABELS.en.not_done);
    expect(text).toContain('documents issued');
    expect(text).toContain('registered as job seeker');
    expect(html).toMatch(/<textarea id="note" name="note"[^>]*maxlength="500"/);
  });

  it('escapes every interpolated value', () => {
    for (const action of LINK_ACTIONS) {
      const html = confirmPage({ action, summary: EVIL_SUMMARY, languages: ['sq', 'sr-Latn', 'en'], formAction: `${FORM_ACTION}?"><script>` });
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<b onclick');
      expect(html).not.toContain('<img');
      expect(html).not.toMatch(/"\s*onmouseover=/);
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt;');
      expect(textOf(html)).toContain(EVIL);
    }
  });

  it('escapes in sr-Cyrl too, and transliterates names of places and offices', () => {
    const html = confirmPage({ action: 'accept', summary: EVIL_SUMMARY, languages: ['sr-Cyrl'], formAction: FORM_ACTION });
    expect(html).not.toContain('<script');
    const plain = confirmPage({ action: 'accept', summary: SUMMARY, languages: ['sr-Cyrl'], formAction: FORM_ACTION });
    expect(textOf(plain)).toContain('КЦС Обилић');
    expect(textOf(plain)).toContain(srLatnToCyrl('Molimo vas da potvrdite da vaša kancelarija prihvata ovo upućivanje.'));
  });

  it('shows no persons without consent', () => {
    const { persons: _drop, ...noConsent } = SUMMARY;
    const html = confirmPage({ action: 'accept', summary: noConsent, languages: ['sq'], formAction: FORM_ACTION });
    expect(html).not.toContain('Arben');
    expect(html).not.toContain('Personat e referuar');
  });

  it('refuses a formAction that is not http(s) or a path', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '//evil.example', '']) {
      expect(() => confirmPage({ action: 'accept', summary: SUMMARY, languages: ['sq'], formAction: bad })).toThrow();
    }
    expect(() => confirmPage({ action: 'accept', summary: SUMMARY, languages: ['sq'], formAction: '/r/abc.def' })).not.toThrow();
  });

  it('falls back to sq + sr-Latn + en when no language is given, and drops repeats', () => {
    expect(sectionLangs(confirmPage({ action: 'accept', summary: SUMMARY, languages: [], formAction: FORM_ACTION }))).toEqual(['sq', 'sr-Latn', 'en']);
    expect(sectionLangs(confirmPage({ action: 'accept', summary: SUMMARY, languages: ['sq', 'sq'], formAction: FORM_ACTION }))).toEqual(['sq']);
  });

  it('shows an unknown status as it is, and never a prototype property', () => {
    const html = confirmPage({ action: 'accept', summary: { ...SUMMARY, status: 'constructor' }, languages: ['en'], formAction: FORM_ACTION });
    expect(textOf(html)).toContain('Status constructor');
    expect(html).not.toContain('function');
  });
});

describe('donePage', () => {
  for (const langs of OFFICE_LANGUAGE_SETS) {
    for (const action of LINK_ACTIONS) {
      for (const repeated of [false, true]) {
        it(`renders ${action}${repeated ? ' (repeated)' : ''} in ${langs.join('+')}`, () => {
          const html = donePage({ action, summary: { ...SUMMARY, status: 'accepted' }, languages: langs, repeated });
          expectWellFormedPage(html, langs);
          expect(html).not.toContain('<form');
          const text = textOf(html);
          for (const l of langs) {
            const t = PAGE_TEXTS[l];
            expect(text).toContain(repeated ? t.repeatedTitle : t.done[action]);
            expect(text).toContain(repeated ? t.repeatedBody : t.doneBody);
            expect(text).toContain(REFERRAL_STATUS_LABELS[l].accepted);
            if (action === 'accept') expect(text).toContain(t.acceptNext);
            else expect(text).not.toContain(t.acceptNext);
          }
        });
      }
    }
  }

  it('says the coordinator has been told, in plain words', () => {
    const text = textOf(donePage({ action: 'decline', summary: SUMMARY, languages: ['en'], repeated: false }));
    expect(text).toContain('Thank you — the decline is recorded');
    expect(text).toContain('The coordinator has been told.');
    expect(textOf(donePage({ action: 'decline', summary: SUMMARY, languages: ['en'], repeated: true }))).toContain('This was already recorded');
  });

  it('escapes every interpolated value', () => {
    const html = donePage({ action: 'outcome', summary: EVIL_SUMMARY, languages: ['sq', 'sr-Latn', 'en'], repeated: false });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b onclick');
    expect(textOf(html)).toContain(EVIL);
  });
});

describe('refusalPage', () => {
  const token = signLink({ caseId: 'C1', referralId: 'R1', action: 'accept', exp: 2_000_000_000 }, Buffer.alloc(32, 1));

  for (const reason of REFUSALS) {
    for (const langs of OFFICE_LANGUAGE_SETS) {
      it(`renders ${reason} for ${langs.join('+')}`, () => {
        const html = refusalPage({ reason, languages: langs });
        const unknown = reason === 'malformed' || reason === 'bad-signature';
        const expected: readonly Language[] = unknown ? ['sq', 'sr-Latn', 'en'] : langs;
        expectWellFormedPage(html, expected);
        expect(html).not.toContain('<form');
        const text = textOf(html);
        const key = unknown ? 'invalid-link' : reason;
        for (const l of expected) {
          expect(text).toContain(PAGE_TEXTS[l].refusal[key].title);
          expect(text).toContain(PAGE_TEXTS[l].refusal[key].todo);
        }
        expect(text).not.toMatch(/\{\{|\}\}/);
      });
    }
  }

  it('uses all three languages for an unknown link whatever it is told', () => {
    for (const reason of ['malformed', 'bad-signature'] as const) {
      expect(sectionLangs(refusalPage({ reason, languages: ['en'] }))).toEqual(['sq', 'sr-Latn', 'en']);
    }
  });

  it('says how long links last, and to ask for a new one', () => {
    const text = textOf(refusalPage({ reason: 'expired', languages: ['sq', 'sr-Latn', 'en'] }));
    expect(text).toContain('vlejnë 30 ditë');
    expect(text).toContain('važe 30 dana');
    expect(text).toContain('valid for 30 days');
    expect(text).toContain('ask for a new link');
    expect(text).toContain('zatražite novi link');
    expect(text).toContain('kërkoni një lidhje të re');
  });

  it('shows the current status (localized) for an invalid transition, and the coordinator contact', () => {
    const html = refusalPage({
      reason: 'invalid-transition',
      languages: ['sq', 'sr-Latn'],
      currentStatus: 'declined',
      coordinatorContact: SUMMARY.coordinator,
    });
    const text = textOf(html);
    expect(text).toContain('Statusi aktual: Refuzuar');
    expect(text).toContain('Trenutni status: Odbijeno');
    expect(text).toContain('Arta Berisha');
    expect(html).toContain('href="mailto:arta@obiliq.example.org"');
    expect(html).toContain('href="tel:+38344123456"');
  });

  it('escapes the status and the contact', () => {
    const html = refusalPage({ reason: 'invalid-transition', languages: ['en'], currentStatus: EVIL, coordinatorContact: EVIL_SUMMARY.coordinator });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(textOf(html)).toContain(EVIL);
  });

  it('never contains a stack trace, an error or the token', () => {
    for (const reason of REFUSALS) {
      for (const langs of OFFICE_LANGUAGE_SETS) {
        const html = refusalPage({ reason, languages: langs, currentStatus: 'cancelled', coordinatorContact: SUMMARY.coordinator });
        expect(html).not.toMatch(/\bat \S+ \(|\.ts:\d+|\.js:\d+|Error\b|undefined|null|NaN|\[object/);
        expect(html).not.toContain(token);
        expect(html).not.toContain(token.split('.')[0]!);
        expect(html).not.toContain(token.split('.')[1]!);
      }
    }
  });
});

describe('labels and helpers', () => {
  it('has a label for every status, reason and outcome in every language', () => {
    for (const l of ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const) {
      for (const s of ReferralState.options) expect(REFERRAL_STATUS_LABELS[l][s]).toBeTruthy();
      for (const r of DECLINE_REASONS) expect(DECLINE_REASON_LABELS[l][r]).toBeTruthy();
      expect(OUTCOME_LABELS[l].done && OUTCOME_LABELS[l].not_done).toBeTruthy();
    }
    expect(REFERRAL_STATUS_LABELS['sr-Cyrl'].accepted).toBe(srLatnToCyrl(REFERRAL_STATUS_LABELS['sr-Latn'].accepted));
    expect(new Set(Object.values(DECLINE_REASON_LABELS.sq)).size).toBe(6);
  });

  it('names an outcome on the office page as the emails do (Serbian: obavljeno, not realizovano)', () => {
    const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    for (const l of ['sr-Latn', 'sr-Cyrl'] as const) {
      expect(REFERRAL_STATUS_LABELS[l].completed, l).toBe(capital(EMAIL_OUTCOMES[l].done));
      expect(REFERRAL_STATUS_LABELS[l].not_completed, l).toBe(capital(EMAIL_OUTCOMES[l].not_done));
    }
    expect(REFERRAL_STATUS_LABELS.sq.not_completed).toBe(capital(EMAIL_OUTCOMES.sq.not_done));
  });

  it('keeps placeholders intact in the Cyrillic texts', () => {
    expect(PAGE_TEXTS['sr-Cyrl'].refusal.expired.body).toContain('{{days}}');
    expect(PAGE_TEXTS['sr-Cyrl'].maxChars).toContain('{{max}}');
  });

  it('has a CSP whose style hash matches the inline style block', () => {
    const html = refusalPage({ reason: 'expired', languages: ['sq'] });
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(css, 'utf8').digest('base64');
    expect(PAGE_HEADERS['Content-Security-Policy']).toContain(`'sha256-${hash}'`);
    expect(PAGE_HEADERS['Content-Security-Policy']).toContain("default-src 'none'");
    expect(PAGE_HEADERS['Cache-Control']).toBe('no-store');
    // Never the path (the token); the origin, so a browser's form POST carries Origin (not `null`).
    expect(PAGE_HEADERS['Referrer-Policy']).toBe('strict-origin');
    expect(html).toContain('<meta name="referrer" content="strict-origin">');
    expect(REFUSAL_HTTP_STATUS.expired).toBe(410);
  });

  it('parses the POSTed forms', () => {
    expect(DeclineForm.parse({ reason: 'other', note: '  moved abroad  ' })).toEqual({ reason: 'other', note: 'moved abroad' });
    expect(DeclineForm.parse({ reason: 'not_eligible', note: '   ' })).toEqual({ reason: 'not_eligible' });
    expect(DeclineForm.safeParse({ reason: 'bored' }).success).toBe(false);
    expect(DeclineForm.safeParse({ reason: 'other', note: 'x'.repeat(501) }).success).toBe(false);
    expect(OutcomeForm.parse({ outcome: 'done' })).toEqual({ outcome: 'done' });
    expect(OutcomeForm.safeParse({ outcome: 'maybe' }).success).toBe(false);
    expect(AcceptForm.safeParse({ confirm: 'yes' }).success).toBe(true);
    for (const bad of [{}, { confirm: '' }, { confirm: 'on' }, { confirm: 'YES' }, { confirm: 'true' }, { Confirm: 'yes' }, { confirmed: 'yes' }]) {
      expect(AcceptForm.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('writes sr-Cyrl as the transliteration of sr-Latn, with no Latin letters left', () => {
    const latn = PAGE_TEXTS['sr-Latn'];
    const cyrl = PAGE_TEXTS['sr-Cyrl'];
    for (const [a, b] of [
      [latn.acceptConfirmLabel, cyrl.acceptConfirmLabel],
      [latn.acceptConfirmMissing, cyrl.acceptConfirmMissing],
      ...(['cross-site', 'unavailable'] as const).flatMap((k) => [
        [latn.refusal[k].title, cyrl.refusal[k].title],
        [latn.refusal[k].body, cyrl.refusal[k].body],
        [latn.refusal[k].todo, cyrl.refusal[k].todo],
      ]),
    ] as [string, string][]) {
      expect(b).toBe(srLatnToCyrl(a, { preserveMarkup: true }));
      expect(b.replace(/\{\{\w+\}\}/g, '')).not.toMatch(/[A-Za-zčćšžđ]/);
    }
    expect(cyrl.acceptConfirmMissing).toContain('{{button}}');
  });
});
