import { describe, expect, it } from 'vitest';
import { Language, MEETING_KINDS, Need, OfficeKind, SENSITIVE_NEEDS } from '../../../shared/domain/vocabulary.js';
import {
  daysAheadPhrase,
  formatShare,
  MEETING_KIND_LABELS,
  NEED_LABELS,
  OFFICE_KIND_LABELS,
  quarterLabel,
  renderDigestEmail,
  renderMeetingEmail,
  renderMinutesRequest,
  renderQuarterlyReport,
  type ActionPoint,
  type RenderedEmail,
} from '../../../shared/messages/index.js';
import { COORDINATION_TEMPLATE_IDS, MEETING_EMAIL_TEMPLATE_IDS, type CoordinationTemplateId } from '../../../shared/domain/template-ids.js';
import {
  ACTION_POINTS,
  CLOSURE_POINT,
  DECLINED_POINT,
  digestData,
  emptyDigestData,
  FAILED_POINT,
  meetingData,
  minutesData,
  OVERDUE_POINT,
  quarterFigures,
  reportData,
  SENSITIVE_POINT,
} from '../../../shared/messages/samples.js';

/** Each coordination template with its sample data (a reschedule that moved, a reminder a week ahead). */
function render(id: CoordinationTemplateId, languages: Language[]): RenderedEmail {
  switch (id) {
    case 'meeting.invitation':
    case 'meeting.cancelled':
      return renderMeetingEmail(id, meetingData(), languages);
    case 'meeting.rescheduled':
      return renderMeetingEmail(id, meetingData({ sequence: 1, previousStart: '2026-11-28T09:00:00Z' }), languages);
    case 'meeting.reminder':
      return renderMeetingEmail(id, meetingData({ daysBefore: 7 }), languages);
    case 'meeting.minutes_request':
      return renderMinutesRequest(minutesData(), languages);
    case 'digest.coordinator':
      return renderDigestEmail(digestData(), languages);
    case 'report.quarterly':
      return renderQuarterlyReport(reportData(), languages);
  }
}

const all = (m: RenderedEmail) => [m.subject, m.text, m.html];

/** Every need's label in every language, lower-cased. */
const ALL_NEED_LABELS = Language.options.flatMap((lang) => Need.options.map((n) => NEED_LABELS[lang][n].toLowerCase()));

describe('coordination emails: every template in every language', () => {
  for (const id of COORDINATION_TEMPLATE_IDS) {
    it(id, () => {
      for (const lang of Language.options) {
        const mail = render(id, [lang]);
        const ctx = `${id} [${lang}]`;
        for (const part of all(mail)) {
          expect(part, ctx).not.toMatch(/\{\{|\}\}|undefined|NaN|null|\[object /);
          expect(part.trim(), ctx).not.toBe('');
        }
        expect(mail.subject, ctx).not.toMatch(/[\n\r]/);
        expect(mail.subject, ctx).not.toContain(' / ');
        expect(mail.html, ctx).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
        expect(mail.html, ctx).toContain(`<div lang="${lang}"`);
        expect(mail.text.endsWith('\n'), ctx).toBe(true);
        // no person names in any subject
        expect(mail.subject, ctx).not.toContain('Besa');
        if (lang === 'sr-Cyrl') {
          // data aside (ids, addresses, names, file and API paths, typed titles), nothing in Serbian Latin
          const words = mail.text.replace(
            /SMR-[\d-]+|[\w.+-]+@[\w.-]+|Besa Gashi|[\w-]+\.csv|POST \/\S+|obiliq-[\w-]+|Regjistrimi si punëkërkues|aplikimi për ndihmë sociale/g,
            '',
          );
          expect(words, ctx).not.toMatch(/[A-Za-zčćšžđ]{3,}/);
        }
      }
    });
  }

  it('one email for several languages: a section each, in the order given', () => {
    for (const id of COORDINATION_TEMPLATE_IDS) {
      const mail = render(id, ['sq', 'sr-Latn', 'en']);
      expect(mail.subject.split(' / '), id).toHaveLength(3);
      const sq = mail.html.indexOf('<div lang="sq"');
      const sr = mail.html.indexOf('<div lang="sr-Latn"');
      const en = mail.html.indexOf('<div lang="en"');
      expect(sq, id).toBeGreaterThan(0);
      expect(sr, id).toBeGreaterThan(sq);
      expect(en, id).toBeGreaterThan(sr);
      expect(mail.text.match(/-{40}/g), id).toHaveLength(2);
    }
  });

  it('refuses an empty language list', () => {
    expect(() => renderMeetingEmail('meeting.invitation', meetingData(), [])).toThrow(/language/);
    expect(() => renderDigestEmail(digestData(), [])).toThrow(/language/);
  });

  it('HTML is a single phone-width column: tables at 100% of the 600px frame, inline styles only', () => {
    for (const id of COORDINATION_TEMPLATE_IDS) {
      const { html } = render(id, ['sq', 'sr-Latn']);
      expect(html, id).toContain('max-width:600px');
      for (const table of html.match(/<table[^>]*>/g) ?? []) expect(table, id).toMatch(/^<table style="width:100%;/);
      expect(html, id).not.toMatch(/<style|class=|width="\d/);
    }
  });
});

describe('needs and privacy', () => {
  it('subjects never name a need, in any language, nor the free-text title', () => {
    for (const id of COORDINATION_TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const subject = (id === 'meeting.minutes_request'
          ? renderMinutesRequest(minutesData({ kind: 'ad_hoc', title: 'Dokumente civile për SMR-2026-0123' }), [lang])
          : render(id, [lang])
        ).subject.toLowerCase();
        for (const label of ALL_NEED_LABELS) expect(subject, `${id} [${lang}]`).not.toContain(label);
        expect(subject).not.toContain('smr-2026-0123');
      }
    }
    const adHoc = renderMeetingEmail('meeting.invitation', meetingData({ kind: 'ad_hoc', title: 'Strehimi i familjes' }), ['sq']);
    expect(adHoc.subject).not.toContain('Strehimi');
    expect(adHoc.text).toContain('Tema: Strehimi i familjes');
  });

  const sensitiveCases: Array<[string, ActionPoint]> = [
    ['flagged, sensitive need', SENSITIVE_POINT],
    // the caller forgot the flag: the need alone is enough
    ['sensitive need, flag not set', { ...SENSITIVE_POINT, need: 'health_care', sensitive: false }],
    // a harmless need that the caller flagged (e.g. a sensitive category): not named either
    ['flagged, ordinary need', { ...OVERDUE_POINT, sensitive: true }],
    ['declined, flagged', { ...DECLINED_POINT, need: 'psychosocial_support', sensitive: true }],
    ['failed delivery, flagged', { ...FAILED_POINT, need: 'health_care', office: SENSITIVE_POINT.office, sensitive: true }],
  ];

  for (const [name, point] of sensitiveCases) {
    it(`a sensitive action point never names its need (${name})`, () => {
      const renders = [
        ...MEETING_EMAIL_TEMPLATE_IDS.map((id) => renderMeetingEmail(id, meetingData({ actionPoints: [point], daysBefore: 1 }), [...Language.options])),
        renderDigestEmail(digestData({ overdue: [point] }), [...Language.options]),
      ];
      for (const mail of renders) {
        for (const part of all(mail)) {
          for (const lang of Language.options) expect(part.toLowerCase()).not.toContain(NEED_LABELS[lang][point.need!].toLowerCase());
        }
        // the point is there, only without its need
        expect(mail.text).toContain(point.smrCaseId);
        expect(mail.html).toContain(point.smrCaseId);
      }
    });
  }

  it('says only "referral" for a sensitive referral, in every language', () => {
    const mail = renderMeetingEmail('meeting.invitation', meetingData({ actionPoints: [SENSITIVE_POINT] }), [...Language.options]);
    expect(mail.text).toContain('Rasti SMR-2026-0124 — referim — Qendra e Shëndetit Mendor Obiliq: afati i konfirmimit ishte 26.11.2026');
    expect(mail.text).toContain('Slučaj SMR-2026-0124 — upućivanje — Centar za mentalno zdravlje Obilić: rok za potvrdu bio je 26.11.2026');
    expect(mail.text).toContain('Случај SMR-2026-0124 — упућивање — Центар за ментално здравље Обилић: рок за потврду био је 26.11.2026');
    expect(mail.text).toContain('Case SMR-2026-0124 — referral — Mental Health Centre Obiliq: acknowledgement was due by 26.11.2026');
    for (const need of SENSITIVE_NEEDS) expect(mail.html.toLowerCase()).not.toContain(NEED_LABELS.en[need]);
  });
});

describe('meeting emails', () => {
  it('invitation (en): what, when in Europe/Belgrade with the end, where, convener, calendar, agenda, action points', () => {
    const mail = renderMeetingEmail('meeting.invitation', meetingData(), ['en']);
    expect(mail.subject).toBe(
      'Invitation: Monthly meeting with the municipal directorates, 01.12.2026 at 10:00 — Office for Communities and Returns, Obiliq',
    );
    expect(mail.text).toContain('Office for Communities and Returns, Obiliq invites you to the following meeting.');
    expect(mail.text).toContain('Monthly meeting with the municipal directorates\nWhen: 01.12.2026 10:00–12:00\nWhere: Assembly hall, Obiliq');
    expect(mail.text).toContain('A calendar invitation is attached.');
    expect(mail.text).toContain('Referrals not acknowledged by their deadline: 3');
    expect(mail.text).toContain('Declined referrals without a new referral: 1');
    expect(mail.text).toContain('Cases nearing closure (18 months since arrival): 2');
    expect(mail.text).toContain('Failed notifications, to follow up by phone or visit: 1');
    expect(mail.text).toContain('Indicators so far (Q4 2026)');
    expect(mail.text).toContain('Cases opened: 12');
    expect(mail.text).toContain('Referrals made: 24');
    expect(mail.text).toContain('Share answered in time: 75%');
    expect(mail.text).toContain('Your action points\nPlease come with an update on:\n');
    expect(mail.text).toContain('- Case SMR-2026-0123 — civil documents — Civil Registry Office Obiliq: acknowledgement was due by 02.12.2026\n');
    expect(mail.text).toContain(
      '- Case SMR-2026-0125 — job-seeker registration — Employment Office Obiliq: declined on 20.11.2026 (client not eligible), no new referral yet\n',
    );
    expect(mail.text).toContain('- Case SMR-2025-0031: reaches 18 months since arrival on 15.01.2027; final evaluation and closure are due\n');
    expect(mail.text).toContain('- Case SMR-2026-0130: the SMS could not be delivered on 29.11.2026; contact by phone or visit\n');
    expect(mail.text).toContain('Convened by:\nBesa Gashi\nOffice for Communities and Returns, Obiliq\nMunicipality: Obiliq\nEmail: koordinatori@obiliq.example.org\nPhone: +38344123456');
    expect(mail.html).toContain('<a href="mailto:koordinatori@obiliq.example.org">');
    expect(mail.html).toContain('<a href="tel:+38344123456">');
    expect(mail.html).toContain('<li>Case SMR-2026-0123 — civil documents — Civil Registry Office Obiliq: acknowledgement was due by 02.12.2026</li>');
  });

  it('invitation (sq, sr-Latn): the same, in the municipality\'s languages', () => {
    const mail = renderMeetingEmail('meeting.invitation', meetingData(), ['sq', 'sr-Latn']);
    expect(mail.subject).toBe(
      'Ftesë: Takimi mujor me drejtoritë komunale, 01.12.2026 në orën 10:00 — ZKKK Obiliq' +
        ' / Poziv: Mesečni sastanak sa opštinskim direkcijama, 01.12.2026 u 10:00 — OKZP Obilić',
    );
    expect(mail.text).toContain('ZKKK Obiliq ju fton në takimin e mëposhtëm.');
    expect(mail.text).toContain('Koha: 01.12.2026 10:00–12:00\nVendi: Salla e Kuvendit, Obiliq');
    expect(mail.text).toContain('Ftesa për kalendarin tuaj është bashkëngjitur.');
    expect(mail.text).toContain('Rasti SMR-2026-0123 — dokumente civile — Zyra e Gjendjes Civile Obiliq: afati i konfirmimit ishte 02.12.2026');
    expect(mail.text).toContain('OKZP Obilić vas poziva na sledeći sastanak.');
    expect(mail.text).toContain('Vreme: 01.12.2026 10:00–12:00\nMesto: Sala Skupštine, Obilić');
    expect(mail.text).toContain('U prilogu je poziv za vaš kalendar.');
    expect(mail.text).toContain('Slučaj SMR-2026-0123 — civilna dokumenta — Kancelarija civilnog stanja Obilić: rok za potvrdu bio je 02.12.2026');
    expect(mail.text).toContain('Indikatori do sada (4. tromesečje 2026)');
  });

  it('shows times in Europe/Belgrade, summer and winter alike', () => {
    const winter = renderMeetingEmail('meeting.invitation', meetingData(), ['en']);
    expect(winter.text).toContain('When: 01.12.2026 10:00–12:00');
    const summer = renderMeetingEmail('meeting.invitation', meetingData({ start: '2026-06-02T07:30:00Z', end: '2026-06-02T09:00:00Z' }), ['en']);
    expect(summer.text).toContain('When: 02.06.2026 09:30–11:00');
    expect(summer.subject).toContain('02.06.2026 at 09:30');
    // a meeting that runs past midnight shows both dates
    const late = renderMeetingEmail('meeting.invitation', meetingData({ start: '2026-12-01T21:00:00Z', end: '2026-12-01T23:30:00Z' }), ['en']);
    expect(late.text).toContain('When: 01.12.2026 22:00 – 02.12.2026 00:30');
  });

  it('names every meeting kind; an ad-hoc meeting shows its title below', () => {
    for (const kind of MEETING_KINDS) {
      for (const lang of Language.options) {
        const mail = renderMeetingEmail('meeting.invitation', meetingData({ kind }), [lang]);
        expect(mail.subject).toContain(MEETING_KIND_LABELS[lang][kind]);
        expect(mail.text).toContain(MEETING_KIND_LABELS[lang][kind]);
      }
    }
    const adHoc = renderMeetingEmail('meeting.invitation', meetingData({ kind: 'ad_hoc', title: 'Familja në Plemetin' }), ['sr-Latn', 'en']);
    expect(adHoc.text).toContain('Vanredni koordinacioni sastanak\nTema: Familja në Plemetin\n');
    expect(adHoc.text).toContain('Ad-hoc coordination meeting\nTopic: Familja në Plemetin\n');
  });

  it('escapes free text in HTML (and only there)', () => {
    const data = meetingData({ kind: 'ad_hoc', title: 'Rasti <b>SMR-2026-0124</b> & "strehimi"' });
    for (const id of MEETING_EMAIL_TEMPLATE_IDS) {
      const mail = renderMeetingEmail(id, { ...data, daysBefore: 1 }, ['sq']);
      expect(mail.html, id).toContain('Rasti &lt;b&gt;SMR-2026-0124&lt;&#x2F;b&gt; &amp; &quot;strehimi&quot;');
      expect(mail.html, id).not.toContain('<b>');
      expect(mail.text, id).toContain('Tema: Rasti <b>SMR-2026-0124</b> & "strehimi"');
    }
    const minutes = renderMinutesRequest(minutesData({ kind: 'ad_hoc', title: '<script>x</script>' }), ['en']);
    expect(minutes.html).not.toContain('<script>');
    expect(minutes.html).toContain('&lt;script&gt;');
  });

  it('rescheduled: the new time and the old one', () => {
    const mail = renderMeetingEmail('meeting.rescheduled', meetingData({ sequence: 1, previousStart: '2026-11-28T09:00:00Z' }), ['en', 'sq', 'sr-Latn']);
    expect(mail.subject).toContain('New time: Monthly meeting with the municipal directorates, 01.12.2026 at 10:00');
    expect(mail.text).toContain('The following meeting has been moved to a new time.');
    expect(mail.text).toContain('New time: 01.12.2026 10:00–12:00\nPreviously: 28.11.2026 10:00\n');
    expect(mail.text).toContain('Koha e re: 01.12.2026 10:00–12:00\nKoha e mëparshme: 28.11.2026 10:00\n');
    expect(mail.text).toContain('Novo vreme: 01.12.2026 10:00–12:00\nPrethodno vreme: 28.11.2026 10:00\n');
    expect(mail.html).toContain('<s>28.11.2026 10:00</s>');
    expect(mail.text).toContain('An updated calendar invitation is attached; it replaces the earlier one.');
  });

  it('rescheduled without a new start (the place changed): says the details changed, no old time', () => {
    const mail = renderMeetingEmail('meeting.rescheduled', meetingData({ sequence: 2, previousStart: '2026-12-01T09:00:00Z' }), ['en']);
    expect(mail.subject).toMatch(/^Updated: /);
    expect(mail.text).toContain('The details of the following meeting have changed.');
    expect(mail.text).toContain('When: 01.12.2026 10:00–12:00');
    expect(mail.text).not.toContain('Previously');
  });

  it('reminder: tomorrow, or in one week', () => {
    const tomorrow = renderMeetingEmail('meeting.reminder', meetingData({ daysBefore: 1 }), [...Language.options]);
    expect(tomorrow.subject).toContain('Kujtesë: Takimi mujor me drejtoritë komunale, nesër (01.12.2026) në orën 10:00');
    expect(tomorrow.subject).toContain('Podsetnik: Mesečni sastanak sa opštinskim direkcijama, sutra (01.12.2026) u 10:00');
    expect(tomorrow.subject).toContain('Reminder: Monthly meeting with the municipal directorates, tomorrow (01.12.2026) at 10:00');
    expect(tomorrow.text).toContain('Ju kujtojmë se takimi i mëposhtëm mbahet nesër, më 01.12.2026 në orën 10:00.');
    expect(tomorrow.text).toContain('Podsećamo vas da se sledeći sastanak održava sutra, 01.12.2026 u 10:00.');
    expect(tomorrow.text).toContain('Подсећамо вас да се следећи састанак одржава сутра, 01.12.2026 у 10:00.');
    expect(tomorrow.text).toContain('This is a reminder that the following meeting takes place tomorrow, on 01.12.2026 at 10:00.');

    const week = renderMeetingEmail('meeting.reminder', meetingData({ daysBefore: 7 }), [...Language.options]);
    expect(week.text).toContain('mbahet pas një jave, më 01.12.2026');
    expect(week.text).toContain('održava za nedelju dana, 01.12.2026');
    expect(week.text).toContain('takes place in one week, on 01.12.2026');
    expect(week.text).not.toMatch(/tomorrow|nesër|sutra/);
  });

  it('a reminder needs daysBefore; other distances are said in days', () => {
    expect(() => renderMeetingEmail('meeting.reminder', meetingData(), ['en'])).toThrow(/daysBefore/);
    expect(daysAheadPhrase('en', 3)).toBe('in 3 days');
    expect(daysAheadPhrase('sq', 3)).toBe('pas 3 ditësh');
    expect(daysAheadPhrase('sr-Latn', 3)).toBe('za 3 dana');
    expect(daysAheadPhrase('sr-Latn', 21)).toBe('za 21 dan');
    expect(daysAheadPhrase('sr-Cyrl', 1)).toBe('сутра');
  });

  it('cancelled: no agenda, the calendar cancellation, and the action points still open', () => {
    const mail = renderMeetingEmail('meeting.cancelled', meetingData(), ['en']);
    expect(mail.subject).toBe('Cancelled: Monthly meeting with the municipal directorates, 01.12.2026 at 10:00 — Office for Communities and Returns, Obiliq');
    expect(mail.text).toContain('The following meeting has been cancelled.');
    expect(mail.text).toContain('A cancellation for your calendar is attached.');
    expect(mail.text).not.toContain('Agenda');
    expect(mail.text).toContain('These remain open and still need your attention:\n- Case SMR-2026-0123');
  });

  it('leaves out the action points section when the invitee has none', () => {
    for (const id of MEETING_EMAIL_TEMPLATE_IDS) {
      const mail = renderMeetingEmail(id, meetingData({ actionPoints: [], daysBefore: 1 }), ['en', 'sq', 'sr-Latn']);
      expect(mail.text, id).not.toMatch(/Your action points|Çështjet tuaja|Pitanja koja se tiču vas/);
      expect(mail.html, id).not.toContain('<ul');
    }
  });

  it('refuses what it cannot say: an unknown kind, an end before the start, a failed delivery without a channel', () => {
    expect(() => renderMeetingEmail('meeting.invitation', meetingData({ kind: 'weekly' as never }), ['en'])).toThrow(/meeting kind/);
    expect(() => renderMeetingEmail('meeting.invitation', meetingData({ end: '2026-12-01T08:00:00Z' }), ['en'])).toThrow(/ends/);
    const noChannel: ActionPoint = { ...FAILED_POINT, channel: undefined };
    expect(() => renderMeetingEmail('meeting.invitation', meetingData({ actionPoints: [noChannel] }), ['en'])).toThrow(/channel/);
    expect(() => renderMeetingEmail('meeting.invitation', meetingData({ start: 'soon' }), ['en'])).toThrow(/ISO/);
  });
});

describe('meeting.minutes_request', () => {
  it('asks the convener to record whether it was held and the cases discussed, at the minutes path; no calendar', () => {
    const mail = renderMinutesRequest(minutesData(), ['en', 'sq', 'sr-Latn']);
    expect(mail.subject).toContain('Please record the minutes: Monthly meeting with the municipal directorates, 01.12.2026');
    expect(mail.text).toContain('The following meeting was scheduled for 01.12.2026 at 10:00.');
    expect(mail.text).toContain('whether the meeting was held and which cases were discussed');
    expect(mail.text).toContain('Record them at: POST /meetings/obiliq-directorates-20261201/minutes');
    expect(mail.text).toContain('Regjistrimi në platformë: POST /meetings/obiliq-directorates-20261201/minutes');
    expect(mail.text).toContain('Unos na platformi: POST /meetings/obiliq-directorates-20261201/minutes');
    expect(mail.html).toContain('POST &#x2F;meetings&#x2F;obiliq-directorates-20261201&#x2F;minutes');
    expect(mail.text).not.toMatch(/attached|bashkëngjitur|prilogu/);
  });

  it('needs the minutes path', () => {
    expect(() => renderMinutesRequest(minutesData({ minutesPath: '' }), ['en'])).toThrow(/minutesPath/);
  });
});

describe('digest.coordinator', () => {
  it('weekly (en): every section, with the period as a range', () => {
    const mail = renderDigestEmail(digestData(), ['en']);
    expect(mail.subject).toBe('Weekly digest — Office for Communities and Returns, Obiliq — 23.11.2026 – 29.11.2026');
    expect(mail.text).toContain('Here is what happened in the week 23.11.2026 – 29.11.2026, and what needs your attention.');
    expect(mail.text).toContain('New cases: 2\n- Case SMR-2026-0150: arrived on 25.11.2026, a household of 4 persons\n- Case SMR-2026-0151: arrived on 27.11.2026, a household of 1 person\n');
    expect(mail.text).toContain('Referrals by office\n- Civil Registry Office Obiliq: sent 3, accepted 2, declined 0, completed 1, not done 1, overdue 1\n');
    expect(mail.text).toContain('Referrals not acknowledged by their deadline: 2\n- Case SMR-2026-0123 — civil documents — Civil Registry Office Obiliq: acknowledgement was due by 02.12.2026\n');
    expect(mail.text).toContain('- 02.12.2026 09:30 — case SMR-2026-0150 — appointment: Regjistrimi si punëkërkues\n');
    expect(mail.text).toContain('- 04.12.2026 16:00 — case SMR-2026-0142 — legal deadline: aplikimi për ndihmë sociale\n');
    expect(mail.text).toContain('the reminder was escalated to the head of office (26.11.2026 08:00)');
    expect(mail.text).toContain('Case SMR-2026-0120 — Employment Office Obiliq: the office has not answered even after the escalation; please call them');
    expect(mail.text).toContain('Case SMR-2026-0150: the 72-hour deadline for the home visit has passed and no visit is recorded (29.11.2026 00:00)');
    expect(mail.text).toContain('Failed notifications: contact by phone or visit\n- Case SMR-2026-0130 — SMS (29.11.2026 11:00): not delivered\n- Case SMR-2026-0131 — email (29.11.2026 12:00): outcome unknown\n');
    expect(mail.text).not.toContain('Nothing new');
    // the per-office table: a header row, then per office a name row and a row of six numbers
    expect(mail.html).toContain('>Sent</th>');
    expect(mail.html).toMatch(/<td colspan="6"[^>]*>Civil Registry Office Obiliq<\/td><\/tr>\n<tr>(<td[^>]*>\d+<\/td>){6}<\/tr>/);
    // what is due: counts, the coordinator's own cases first and marked, the rest as a count
    expect(mail.text).toContain('Home visits due: 2 (yours: 1)\n- Case SMR-2026-0151 (yours): by the end of 30.11.2026\n- Case SMR-2026-0150: by the end of 28.11.2026, the 72 hours have passed\n');
    expect(mail.text).toContain('Monitoring, evaluations and closures in the next 7 days: 7 (yours: 2)\n- Case SMR-2026-0101 (yours): monthly monitoring, 01.12.2026\n- Case SMR-2026-0102 (yours): quarterly evaluation, 03.12.2026\n- Case SMR-2025-0033: closure after 18 months, 27.11.2026\n');
    expect(mail.text).toContain('- and 2 more (all of them: Today in the console)\n');
    expect(mail.text).toContain('Cases with plan measures past their due date: 1 (yours: 1)\n- Case SMR-2026-0101 (yours): overdue measures: 2, the earliest due on 15.11.2026\n');
    // a sensitive need is not named: the sample's second stuck referral has none
    expect(mail.text).toContain('- Case SMR-2026-0123: Employment Office Obiliq (job-seeker registration): the referral it waits for was declined on 26.11.2026\n- Case SMR-2026-0124: Civil Registry Office Obiliq: the referral it waits for was reported not done on 27.11.2026\n');
    expect(mail.text).toContain('Open follow-ups: call or visit: 1 (yours: 1)\n- Case SMR-2026-0130 (yours): SMS of 29.11.2026\n');
    expect(mail.html).toContain('<li>Case SMR-2026-0151 (yours): by the end of 30.11.2026</li>');
  });

  it('daily (sq, sr-Latn): one date, the daily wording', () => {
    const mail = renderDigestEmail(digestData({ frequency: 'daily', periodStart: '2026-11-30', periodEnd: '2026-11-30' }), ['sq', 'sr-Latn']);
    expect(mail.subject).toBe('Përmbledhja ditore — ZKKK Obiliq — 30.11.2026 / Dnevni pregled — OKZP Obilić — 30.11.2026');
    expect(mail.text).toContain('Ja çfarë ndodhi më 30.11.2026 dhe çfarë kërkon vëmendjen tuaj.');
    expect(mail.text).toContain('Evo pregleda za 30.11.2026: šta je novo i šta traži vašu pažnju.');
    expect(mail.text).toContain('Raste të reja: 2\n- Rasti SMR-2026-0150: ardhja më 25.11.2026, një familje me 4 anëtarë\n');
    expect(mail.text).toContain('Novi slučajevi: 2\n- Slučaj SMR-2026-0150: dolazak 25.11.2026, domaćinstvo od 4 člana\n');
    // An appointment is a "termin" in both languages; "takim" is the coordination meeting.
    expect(mail.text).toContain('- 02.12.2026 09:30 — rasti SMR-2026-0150 — termin: Regjistrimi si punëkërkues\n');
    expect(mail.text).toContain('- 02.12.2026 09:30 — slučaj SMR-2026-0150 — termin: Regjistrimi si punëkërkues\n');
  });

  it('leaves out empty sections', () => {
    const mail = renderDigestEmail(
      emptyDigestData({ newCases: [{ smrCaseId: 'SMR-2026-0150', arrivalDate: '2026-11-30', householdSize: 2 }] }),
      ['en'],
    );
    expect(mail.text).toContain('New cases: 1');
    for (const heading of ['Referrals by office', 'Referrals not acknowledged', 'Appointments and legal deadlines', 'Escalations', 'Failed notifications', 'Nothing new']) {
      expect(mail.text).not.toContain(heading);
      expect(mail.html).not.toContain(heading);
    }
    expect(mail.html).not.toContain('<table');
  });

  it('says there is nothing new when every section is empty', () => {
    const mail = renderDigestEmail(emptyDigestData(), [...Language.options]);
    expect(mail.text).toContain('Më 30.11.2026 nuk ndodhi asgjë e re dhe asgjë nuk pret veprimin tuaj.');
    expect(mail.text).toContain('Za 30.11.2026 nema ničeg novog i ništa ne čeka na vas.');
    expect(mail.text).toContain('За 30.11.2026 нема ничег новог и ништа не чека на вас.');
    expect(mail.text).toContain('Nothing new on 30.11.2026, and nothing waiting for you.');
    expect(mail.text).not.toMatch(/SMR-/);
    expect(mail.html).not.toMatch(/<ul|<table/);
    const weekly = renderDigestEmail(emptyDigestData({ frequency: 'weekly', periodStart: '2026-11-23', periodEnd: '2026-11-29' }), ['en']);
    expect(weekly.text).toContain('Nothing new in the week 23.11.2026 – 29.11.2026, and nothing waiting for you.');
  });

  it('treats absent lists as empty, and refuses an unknown frequency', () => {
    const { newCases: _n, escalations: _e, ...rest } = emptyDigestData();
    expect(renderDigestEmail(rest as never, ['en']).text).toContain('Nothing new');
    expect(() => renderDigestEmail(digestData({ frequency: 'monthly' as never }), ['en'])).toThrow(/frequency/);
  });
});

describe('report.quarterly', () => {
  it('shows the figures, persons referred per indicator office in the plans\' order, and names the CSV', () => {
    const mail = renderQuarterlyReport(reportData(), ['en']);
    expect(mail.subject).toBe('Quarterly indicator report — Q4 2026 — Office for Communities and Returns, Obiliq');
    expect(mail.text).toContain("Below are the municipal plan's indicators for Q4 2026 (01.10.2026 – 31.12.2026).");
    expect(mail.text).toContain('Cases opened: 12\nCases closed: 3');
    expect(mail.text).toContain(
      // All, then split by the case's category: returnees (reintegration) / foreigners (integration).
      'Persons referred, by office: all (reintegration / integration cases)\nCivil Registry Office: 9 (8 / 1)\nEmployment Office: 5 (5 / 0)\nCentre for Social Work: 4 (3 / 1)\nMunicipal Education Directorate: 3 (3 / 0)\nVocational Training Centre: 0 (0 / 0)\n' +
        // then other kinds with someone referred, in vocabulary order; kinds with none are left out
        'Health services: 2 (2 / 0)\nCivil society organisations: 1 (1 / 0)\n\n',
    );
    expect(mail.text).not.toContain('Mental Health Centre');
    expect(mail.text).toContain(
      'Referrals made: 24\nAnswered by the office: 20\nAnswered in time: 15\nShare answered in time: 75%\nAccepted: 17\nDeclined: 3\nCompleted: 9\nNot completed: 2',
    );
    expect(mail.text).toContain('Meetings held: 2\nCases discussed in meetings: 7');
    expect(mail.text).toContain('The same figures are in the attached file indicators-obiliq-2026-Q4.csv');
    expect(mail.html).toMatch(/Share answered in time<\/td><td[^>]*>75%<\/td>/);
  });

  it('shows "–" for the share when nothing was answered', () => {
    const figures = quarterFigures({ referralsAnswered: 0, referralsAnsweredInTime: 0, answeredInTimeShare: null });
    const mail = renderQuarterlyReport(reportData({ figures }), [...Language.options]);
    expect(mail.text).toContain('Share answered in time: –');
    expect(mail.text).toContain('Përqindja e përgjigjeve brenda afatit: –');
    expect(mail.text).toContain('Procenat odgovora u roku: –');
    expect(mail.html).toMatch(/Share answered in time<\/td><td[^>]*>–<\/td>/);
    // the meeting agenda shows the quarter so far the same way
    const agenda = renderMeetingEmail('meeting.invitation', meetingData({ agenda: { ...meetingData().agenda, figures } }), ['en']);
    expect(agenda.text).toContain('Share answered in time: –');
  });

  it('in Albanian and Serbian', () => {
    const mail = renderQuarterlyReport(reportData(), ['sq', 'sr-Latn', 'sr-Cyrl']);
    expect(mail.subject).toBe(
      'Raporti tremujor i treguesve — K4 2026 — ZKKK Obiliq / Tromesečni izveštaj o indikatorima — 4. tromesečje 2026 — OKZP Obilić' +
        ' / Тромесечни извештај о индикаторима — 4. тромесечје 2026 — ОКЗП Обилић',
    );
    expect(mail.text).toContain('Zyra e Gjendjes Civile: 9');
    expect(mail.text).toContain('Kancelarija civilnog stanja: 9');
    expect(mail.text).toContain('Канцеларија цивилног стања: 9');
    expect(mail.text).toContain('Të njëjtat shifra gjenden në skedarin e bashkëngjitur indicators-obiliq-2026-Q4.csv');
    expect(mail.text).toContain('Iste brojke nalaze se u priloženoj datoteci indicators-obiliq-2026-Q4.csv');
  });

  it('refuses figures that are not counts, and a missing CSV name', () => {
    expect(() => renderQuarterlyReport(reportData({ figures: quarterFigures({ casesOpened: -1 }) }), ['en'])).toThrow(/casesOpened/);
    expect(() => renderQuarterlyReport(reportData({ figures: quarterFigures({ quarter: 5 as never }) }), ['en'])).toThrow(/quarter/);
    expect(() => renderQuarterlyReport(reportData({ csvFileName: '' }), ['en'])).toThrow(/csvFileName/);
  });
});

describe('coordination labels and formats', () => {
  it('every meeting kind and office kind has a label in every language, all different', () => {
    for (const lang of Language.options) {
      expect(Object.keys(MEETING_KIND_LABELS[lang]).sort()).toEqual([...MEETING_KINDS].sort());
      expect(Object.keys(OFFICE_KIND_LABELS[lang]).sort()).toEqual([...OfficeKind.options].sort());
      expect(new Set(Object.values(MEETING_KIND_LABELS[lang])).size).toBe(MEETING_KINDS.length);
      expect(new Set(Object.values(OFFICE_KIND_LABELS[lang])).size).toBe(OfficeKind.options.length);
      for (const v of [...Object.values(MEETING_KIND_LABELS[lang]), ...Object.values(OFFICE_KIND_LABELS[lang])]) expect(v.trim()).toBe(v);
    }
    expect(MEETING_KIND_LABELS['sr-Cyrl'].directorates).toBe('Месечни састанак са општинским дирекцијама');
  });

  it('formats shares and quarters', () => {
    expect(formatShare(0.75)).toBe('75%');
    expect(formatShare(2 / 3)).toBe('67%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(null)).toBe('–');
    expect(quarterLabel('sq', 2026, 3)).toBe('K3 2026');
    expect(quarterLabel('sr-Latn', 2026, 3)).toBe('3. tromesečje 2026');
    expect(quarterLabel('sr-Cyrl', 2026, 3)).toBe('3. тромесечје 2026');
    expect(quarterLabel('en', 2026, 3)).toBe('Q3 2026');
  });

  it('the fixtures cover every kind of action point', () => {
    expect(new Set(ACTION_POINTS.map((p) => p.kind))).toEqual(new Set(['overdue', 'declined', 'nearing_closure', 'failed_delivery']));
    expect(CLOSURE_POINT.need).toBeUndefined();
  });
});
