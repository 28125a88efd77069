import { describe, expect, it } from 'vitest';
import { HOUSING, MISSING_DOCUMENTS, NEEDS, OFFICE_KINDS, REFERRAL_STATES, VULNERABLE_CATEGORIES, CATEGORIES, DECLINE_REASONS, CANCEL_REASONS, LINK_CLOSING_OPT_OUTS, type QuarterFigures } from '../../../web/src/lib/types.js';
import { LINK_NOT_THEIRS } from '../../../shared/cases/returnee-page.js';
import { belgradeIso, formatDate, formatDateTime, parseDate, parseTime, previousQuarter, quarterOf, todayIso, toInputs } from '../../../web/src/lib/format.js';
import { en, type MessageKey } from '../../../web/src/i18n/en.js';
import { sq } from '../../../web/src/i18n/sq.js';
import { srLatn } from '../../../web/src/i18n/sr.js';
import { translator } from '../../../web/src/i18n/index.js';
import { indicatorsCsv as consoleCsv } from '../../../web/src/lib/csv.js';
import { meetingIcs, meetingUid } from '../../../web/src/lib/ics.js';
import { OfficeKind, Need, VulnerableCategory, PersonCategory, DECLINE_REASONS as DOMAIN_DECLINE_REASONS, MEETING_KINDS } from '../../../shared/domain/vocabulary.js';
import { MissingDocument, Housing } from '../../../shared/assessment/schema.js';
import { ReferralState } from '../../../shared/domain/referral-state.js';
import { CancelReferralInput } from '../../../shared/domain/case.js';
import { indicatorsCsv } from '../../../shared/reports/indicators-csv.js';
import { emptyFigures, indicatorLines } from '../../../shared/domain/indicators.js';
import { calendarUid } from '../../../shared/meetings/notices.js';

/** The console's own code that has no DOM in it: dates, words, files, and that it says what the platform says. */

describe('dates and times as written in Kosovo, in Europe/Belgrade', () => {
  it('writes a calendar date as dd.mm.yyyy, unshifted by any zone', () => {
    expect(formatDate('2026-12-05')).toBe('05.12.2026');
    expect(formatDate('2026-01-01')).toBe('01.01.2026');
  });

  it('writes an instant in Belgrade time, winter (+1) and summer (+2)', () => {
    expect(formatDateTime('2026-12-05T13:30:00Z')).toBe('05.12.2026, 14:30');
    expect(formatDateTime('2026-07-01T12:00:00Z')).toBe('01.07.2026, 14:00');
    // 23:30 UTC on 31 December is already the new year in Kosovo.
    expect(formatDateTime('2026-12-31T23:30:00Z')).toBe('01.01.2027, 00:30');
    expect(todayIso(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('turns the date and time a coordinator picks into the instant with its offset', () => {
    expect(belgradeIso('2026-12-05', '14:30')).toBe('2026-12-05T14:30:00+01:00');
    expect(belgradeIso('2026-07-01', '09:00')).toBe('2026-07-01T09:00:00+02:00');
    // The hour the clocks skip (29 March 2026, 02:00 → 03:00) moves forward, as the wall clock does.
    expect(belgradeIso('2026-03-29', '02:30')).toBe('2026-03-29T03:30:00+02:00');
    // The hour that happens twice (25 October 2026) is taken the first time.
    expect(belgradeIso('2026-10-25', '02:30')).toBe('2026-10-25T02:30:00+02:00');
    for (const iso of ['2026-12-05T14:30:00+01:00', '2026-07-01T09:00:00+02:00']) {
      const { date, time } = toInputs(iso);
      expect(belgradeIso(date, time)).toBe(iso);
    }
  });

  it('reads dates and times typed as people write them, and nothing else', () => {
    expect(parseDate('05.12.2026')).toBe('2026-12-05');
    expect(parseDate('5.12.2026.')).toBe('2026-12-05');
    expect(parseDate('5/1/2027')).toBe('2027-01-05');
    for (const bad of ['31.11.2026', '29.02.2026', '2026-12-05', '12.2026', '']) expect(parseDate(bad), bad).toBeUndefined();
    expect(parseDate('29.02.2028')).toBe('2028-02-29');
    expect(parseTime('9:30')).toBe('09:30');
    expect(parseTime('14.30')).toBe('14:30');
    expect(parseTime('0930')).toBe('09:30');
    for (const bad of ['24:00', '12:60', '9', 'noon']) expect(parseTime(bad), bad).toBeUndefined();
  });

  it('names quarters as the API does', () => {
    expect(quarterOf(new Date('2026-12-05T10:00:00Z'))).toBe('2026-Q4');
    expect(quarterOf(new Date('2026-03-31T22:30:00Z'))).toBe('2026-Q2');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
  });
});

describe('the interface languages', () => {
  const keys = Object.keys(en) as MessageKey[];
  const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it.each([
    ['sq', sq],
    ['sr-Latn', srLatn],
  ] as const)('%s says everything English says, with the same placeholders', (_lang, dict) => {
    for (const k of keys) {
      expect(dict[k], k).toBeTruthy();
      expect(placeholders(dict[k]), k).toEqual(placeholders(en[k]));
    }
  });

  it('writes Serbian Cyrillic by transliteration, keeping codes, examples and addresses as typed', () => {
    const t = translator('sr-Cyrl');
    expect(t('nav.today')).toBe('Данас');
    expect(t('nav.register')).toBe('Пријава доласка');
    expect(t('register.smrHint')).toContain('SMR-2026-0142');
    expect(t('register.coordinatorHint')).toContain('obiliq-zkkk-01');
    expect(t('signIn.localHint')).toContain('obiliq-coordinator@demo.referrals.example.org');
    expect(t('signIn.localHint')).toContain('npm start');
    expect(t('indicators.csv')).toBe('Преузми CSV');
    // Nothing else is left in Latin letters.
    const latinLeft = keys
      .map((k) => t(k).replace(/\{\{\w+\}\}/g, '').replace(/[\w.+-]+@[\w.-]+\w|\b[A-Z]{2,}-[\d-]*\d|\b[a-z]+-zkkk-\d+|CSV|ICS|TOTP|GSM-7|UCS-2|E\.164|npm start/g, ''))
      .filter((s) => /[A-Za-zčćšžđČĆŠŽĐ]/.test(s));
    expect(latinLeft).toEqual([]);
    expect(t('case.title', { smr: 'SMR-2026-0142' })).toBe('Случај SMR-2026-0142');
  });

  it('fills placeholders and falls back to English for a missing key', () => {
    expect(translator('sq')('register.member', { n: 2 })).toBe('Personi 2');
    expect(translator('en')('nope' as MessageKey)).toBe('nope');
  });

  it('never speaks of return to a foreigner', () => {
    for (const lang of ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const) {
      const t = translator(lang);
      for (const k of ['consent.smsForeigner', 'consent.shareForeigner'] as const) {
        expect(t(k), `${lang} ${k}`).not.toMatch(/return|back|kthy|kthim|vrat|povrat|врат|поврат|riatdhes|repatr/i);
      }
    }
  });
});

describe('the console says what the platform says', () => {
  it('knows every code of the domain vocabulary, and has words for each', () => {
    expect([...OFFICE_KINDS]).toEqual(OfficeKind.options);
    expect([...NEEDS]).toEqual(Need.options);
    expect([...VULNERABLE_CATEGORIES]).toEqual(VulnerableCategory.options);
    expect([...CATEGORIES]).toEqual(PersonCategory.options);
    expect([...MISSING_DOCUMENTS]).toEqual(MissingDocument.options);
    expect([...HOUSING]).toEqual(Housing.options);
    expect([...REFERRAL_STATES]).toEqual(ReferralState.options);
    expect([...DECLINE_REASONS]).toEqual([...DOMAIN_DECLINE_REASONS]);
    expect([...CANCEL_REASONS]).toEqual(CancelReferralInput.shape.reason.options);
    expect([...LINK_CLOSING_OPT_OUTS]).toEqual([...LINK_NOT_THEIRS]);
    const need = (prefix: string, codes: readonly string[]) => codes.map((c) => `${prefix}.${c}`).filter((k) => !(k in en));
    expect([
      ...need('office', OfficeKind.options),
      ...need('need', Need.options),
      ...need('vulnerable', VulnerableCategory.options),
      ...need('category', PersonCategory.options),
      ...need('document', MissingDocument.options),
      ...need('housing', Housing.options),
      ...need('state', ReferralState.options),
      ...need('decline', DOMAIN_DECLINE_REASONS),
      ...need('meetingKind', MEETING_KINDS),
    ]).toEqual([]);
  });

  it('downloads the same CSV as the quarterly report attaches, byte for byte', () => {
    const figures: QuarterFigures = {
      ...emptyFigures(),
      year: 2026,
      quarter: 4,
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      casesOpened: 3,
      casesClosed: 1,
      personsReferred: Object.fromEntries(OfficeKind.options.map((k, i) => [k, i])) as QuarterFigures['personsReferred'],
      referralsMade: 9,
      referralsAnswered: 7,
      referralsAnsweredInTime: 6,
      answeredInTimeShare: 6 / 7,
      accepted: 5,
      declined: 2,
      completed: 4,
      notCompleted: 1,
      meetingsHeld: 2,
      casesDiscussed: 3,
    };
    // As the API sends it: with the indicators' lines and a plan's baseline and target.
    const targets = { answered_in_time_share: { baseline: 0.2, targets: [{ year: 2020, value: 0.7 }, { year: 2022, value: 0.95 }], source: 'Objektivi 3' } };
    const byCategory = { ...figures.byCategory, foreigner: { ...figures.byCategory.foreigner, casesOpened: 2, homeVisits: 1, homeVisitsInTime: 1 } };
    for (const f of [figures, { ...figures, answeredInTimeShare: null }, { ...figures, byCategory }]) {
      const csv = indicatorsCsv('obiliq', f, targets);
      expect(consoleCsv('obiliq', { ...f, indicators: indicatorLines(f, targets) })).toBe(csv);
    }
    expect(indicatorsCsv('obiliq', figures, targets)).toContain(',answered_in_time_share,0.86,,,0.20,0.95,2022\r\n');
  });

  it('gives a meeting the UID of its emailed invitation, so a calendar updates the one entry', () => {
    expect(meetingUid('01KAB0000000000000000000XY')).toBe(calendarUid('01KAB0000000000000000000XY'));
    const ics = meetingIcs(
      { meetingId: 'obiliq-directorates-2026-12', municipalityId: 'obiliq', kind: 'directorates', title: 'Takimi mujor, drejtoritë; Obiliq', start: '2026-12-10T09:00:00Z', end: '2026-12-10T10:30:00Z', location: 'Salla e Kuvendit', status: 'scheduled', sequence: 2 },
      new Date('2026-12-05T10:00:00Z'),
    );
    expect(ics).toContain(`UID:${calendarUid('obiliq-directorates-2026-12')}\r\n`);
    expect(ics).toContain('SEQUENCE:2\r\n');
    expect(ics).toContain('DTSTART:20261210T090000Z\r\n');
    expect(ics).toContain('SUMMARY:Takimi mujor\\, drejtoritë\\; Obiliq\r\n');
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});
