import type { Language } from '../domain/vocabulary.js';
import type { TemplateVariant } from './catalogue.js';
import { BOX, LAST, MUTED, P, WRAP } from './styles.js';
import { srLatnToCyrl } from './translit.js';

/**
 * followup.coordinator — to the case's coordinator when an SMS to a returnee could not go out for
 * good (opted out, refused, kept failing): what it should have said, so it can be said by phone or
 * on a visit instead of being lost. {{reason}} is a phrase built in code (FOLLOW_UP_REASON_LABELS);
 * {{message}} is the SMS text as it would have been sent, in the returnee's language. The subject
 * names the case by SMR id only. Same rules as catalogue.ts.
 */
export const FOLLOW_UP_TEMPLATE_IDS = ['followup.coordinator'] as const;
export type FollowUpTemplateId = (typeof FOLLOW_UP_TEMPLATE_IDS)[number];

const SQ: TemplateVariant = {
  subject: 'Kontaktoni me telefon ose vizitë — rasti {{smrCaseId}}',
  text: `Përshëndetje {{coordinatorName}},

SMS-ja për rastin {{smrCaseId}} nuk u dërgua: {{reason}}.
{{#message}}

Mesazhi që duhej t'i arrinte personit:
"{{message}}"
{{/message}}

Ju lutemi kontaktoni personin me telefon ose me vizitë dhe jepjani këtë informacion. Pastaj shënoni në platformë si e kontaktuat, te detyrat për ndjekje.
`,
  html: `<div lang="sq" style="${WRAP}">
<p style="${P}">Përshëndetje {{coordinatorName}},</p>
<p style="${P}">SMS-ja për rastin <strong>{{smrCaseId}}</strong> nuk u dërgua: {{reason}}.</p>
{{#message}}
<div style="${BOX}">
<p style="${P}">Mesazhi që duhej t'i arrinte personit:</p>
<p style="${LAST}">{{message}}</p>
</div>
{{/message}}
<p style="${P}"><strong>Ju lutemi kontaktoni personin me telefon ose me vizitë dhe jepjani këtë informacion.</strong></p>
<p style="${MUTED}">Pastaj shënoni në platformë si e kontaktuat, te detyrat për ndjekje.</p>
</div>
`,
};

// sr-Cyrl is derived from this by srLatnToCyrl (the catalogue test checks the same rule for all).
const SR_LATN: TemplateVariant = {
  subject: 'Kontaktirajte telefonom ili posetom — predmet {{smrCaseId}}',
  text: `Dobar dan, {{coordinatorName}},

SMS poruka za predmet {{smrCaseId}} nije poslata: {{reason}}.
{{#message}}

Poruka koju je osoba trebalo da primi:
"{{message}}"
{{/message}}

Molimo vas da osobu kontaktirate telefonom ili posetom i prenesete joj ovu informaciju. Zatim na platformi, među zadacima za praćenje, zabeležite kako ste je kontaktirali.
`,
  html: `<div lang="sr-Latn" style="${WRAP}">
<p style="${P}">Dobar dan, {{coordinatorName}},</p>
<p style="${P}">SMS poruka za predmet <strong>{{smrCaseId}}</strong> nije poslata: {{reason}}.</p>
{{#message}}
<div style="${BOX}">
<p style="${P}">Poruka koju je osoba trebalo da primi:</p>
<p style="${LAST}">{{message}}</p>
</div>
{{/message}}
<p style="${P}"><strong>Molimo vas da osobu kontaktirate telefonom ili posetom i prenesete joj ovu informaciju.</strong></p>
<p style="${MUTED}">Zatim na platformi, među zadacima za praćenje, zabeležite kako ste je kontaktirali.</p>
</div>
`,
};

const cyrl = (v: TemplateVariant): TemplateVariant => ({
  subject: srLatnToCyrl(v.subject!, { preserveMarkup: true }),
  text: srLatnToCyrl(v.text, { preserveMarkup: true }),
  html: srLatnToCyrl(v.html!, { preserveMarkup: true }).replaceAll('lang="sr-Latn"', 'lang="sr-Cyrl"'),
});

const EN: TemplateVariant = {
  subject: 'Please phone or visit — case {{smrCaseId}}',
  text: `Hello {{coordinatorName}},

The SMS for case {{smrCaseId}} was not sent: {{reason}}.
{{#message}}

The message the person should have received:
"{{message}}"
{{/message}}

Please contact the person by phone or visit them and pass this on. Then record in the platform how you reached them, under follow-ups.
`,
  html: `<div lang="en" style="${WRAP}">
<p style="${P}">Hello {{coordinatorName}},</p>
<p style="${P}">The SMS for case <strong>{{smrCaseId}}</strong> was not sent: {{reason}}.</p>
{{#message}}
<div style="${BOX}">
<p style="${P}">The message the person should have received:</p>
<p style="${LAST}">{{message}}</p>
</div>
{{/message}}
<p style="${P}"><strong>Please contact the person by phone or visit them and pass this on.</strong></p>
<p style="${MUTED}">Then record in the platform how you reached them, under follow-ups.</p>
</div>
`,
};

export const FOLLOW_UP_TEMPLATES: Readonly<Record<FollowUpTemplateId, Readonly<Record<Language, TemplateVariant>>>> = {
  'followup.coordinator': { sq: SQ, 'sr-Latn': SR_LATN, 'sr-Cyrl': cyrl(SR_LATN), en: EN },
};

/** Why the SMS did not go out, as a phrase after "was not sent: ". Keyed by the failure code's group. */
export const FOLLOW_UP_REASONS = ['opted_out', 'opted_out_by_coordinator', 'test_mode', 'kept_failing', 'refused', 'too_long', 'not_prepared'] as const;
export type FollowUpReason = (typeof FOLLOW_UP_REASONS)[number];

const REASONS_SR_LATN: Record<FollowUpReason, string> = {
  opted_out: 'broj je odjavljen sa SMS poruka (osoba je odgovorila STOP)',
  opted_out_by_coordinator: 'SMS poruke za ovaj predmet zaustavljene su na vaš zahtev',
  test_mode: 'platforma radi u test režimu, a ovaj broj nije među simuliranim',
  kept_failing: 'SMS servis nije prihvatio poruku ni posle više pokušaja',
  refused: 'SMS servis je odbio poruku (broj je možda netačan)',
  too_long: 'poruka je duža nego što ograničenje troškova dozvoljava',
  not_prepared: 'poruka nije mogla da se pripremi',
};

export const FOLLOW_UP_REASON_LABELS: Readonly<Record<Language, Readonly<Record<FollowUpReason, string>>>> = {
  sq: {
    opted_out: 'numri është çregjistruar nga SMS-të (personi u përgjigj STOP)',
    opted_out_by_coordinator: 'SMS-të për këtë rast janë ndalur me kërkesën tuaj',
    test_mode: 'platforma punon në modalitet testimi dhe ky numër nuk është ndër numrat e simuluar',
    kept_failing: 'shërbimi i SMS-ve nuk e pranoi mesazhin edhe pas disa përpjekjeve',
    refused: 'shërbimi i SMS-ve e refuzoi mesazhin (numri mund të jetë i pasaktë)',
    too_long: 'mesazhi është më i gjatë se sa e lejon kufiri i kostos',
    not_prepared: 'mesazhi nuk mund të përgatitej',
  },
  'sr-Latn': REASONS_SR_LATN,
  'sr-Cyrl': Object.fromEntries(Object.entries(REASONS_SR_LATN).map(([k, v]) => [k, srLatnToCyrl(v)])) as Record<FollowUpReason, string>,
  en: {
    opted_out: 'the number has opted out of SMS (the person replied STOP)',
    opted_out_by_coordinator: 'SMS for this case were stopped at your request',
    test_mode: 'the platform runs in test mode and this number is not one of the simulated ones',
    kept_failing: 'the SMS service did not accept the message after several attempts',
    refused: 'the SMS service refused the message (the number may be wrong)',
    too_long: 'the message is longer than the cost limit allows',
    not_prepared: 'the message could not be prepared',
  },
};

/** The reason group of a final failure: its kind and provider or check code. */
export function followUpReasonOf(failure: { kind: string; code: string }): FollowUpReason {
  switch (failure.code) {
    case 'OptedOut':
      return 'opted_out';
    case 'OptedOutByCoordinator':
      return 'opted_out_by_coordinator';
    case 'TestModeRecipientRefused':
      return 'test_mode';
    case 'SegmentCapExceeded':
      return 'too_long';
    case 'RenderError':
      return 'not_prepared';
  }
  return failure.kind === 'non-retryable' ? 'refused' : 'kept_failing';
}
