import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../../../shared/domain/indicators.js';
import type { QuarterFigures } from '../../../shared/domain/quarters.js';
import { OfficeKind } from '../../../shared/domain/vocabulary.js';
import { indicatorsCsv } from '../../../shared/reports/indicators-csv.js';

const figures = (over: Partial<QuarterFigures> = {}): QuarterFigures => ({
  ...emptyFigures(),
  year: 2026,
  quarter: 4,
  periodStart: '2026-10-01',
  periodEnd: '2026-12-31',
  casesOpened: 12,
  casesClosed: 3,
  personsReferred: {
    civil_registry: 9,
    employment_office: 4,
    social_work_centre: 6,
    education_directorate: 2,
    vocational_training: 1,
    health: 3,
    mental_health: 1,
    housing: 0,
    police: 0,
    cso: 5,
    reintegration_commission: 2,
    agriculture_directorate: 0,
    legal_aid: 1,
    dropout_prevention: 0,
  },
  referralsMade: 20,
  referralsAnswered: 7,
  referralsAnsweredInTime: 6,
  answeredInTimeShare: 6 / 7,
  accepted: 5,
  declined: 2,
  completed: 4,
  notCompleted: 1,
  meetingsHeld: 1,
  casesDiscussed: 8,
  ...over,
});

const BOM = '\uFEFF';

/** The case file's indicators, counted returnee / foreigner (checked on their own below), in the CSV's order. */
const SPLIT = new Set([
  'home_visits',
  'home_visits_in_time',
  'home_visits_in_time_share',
  'assessments_done',
  'plans_made',
  'plans_made_share',
  'case_managers_named',
  'monitoring_visits',
  'monitoring_calls',
  'evaluations',
  'closed_sustainably_reintegrated',
  'closed_moved_municipality',
  'closed_re_emigrated',
  'closed_deceased',
  'closed_other',
  'sustainably_reintegrated_share',
]);

/** Municipality ids and the values are plain tokens, so a split is a faithful parse here. */
function parse(csv: string) {
  expect(csv.startsWith(BOM)).toBe(true);
  const body = csv.slice(BOM.length);
  expect(body.endsWith('\r\n')).toBe(true);
  expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const [header, ...rows] = body.slice(0, -2).split('\r\n').map((line) => line.split(','));
  const values = new Map(rows.map((r) => [r[5]!, r[6]!]));
  const line = (code: string) => rows.find((r) => r[5] === code)!.slice(5);
  return { header: header!, rows, values, line };
}

describe('indicatorsCsv', () => {
  it('starts with a BOM and a header row, and ends every record with CRLF', () => {
    const { header } = parse(indicatorsCsv('obiliq', figures()));
    expect(header).toEqual(['municipality', 'year', 'quarter', 'period_start', 'period_end', 'indicator', 'value', 'returnee', 'foreigner', 'baseline', 'target', 'target_year']);
  });

  it('gives one row per indicator, each naming the municipality and the period', () => {
    const { rows } = parse(indicatorsCsv('obiliq', figures()));
    expect(rows.map((r) => r[5])).toEqual([
      'cases_opened',
      'cases_closed',
      ...OfficeKind.options.map((k) => `persons_referred_${k}`),
      'referrals_made',
      'referrals_answered',
      'referrals_answered_in_time',
      'answered_in_time_share',
      'accepted',
      'declined',
      'completed',
      'not_completed',
      ...SPLIT,
      'meetings_held',
      'cases_discussed',
      'meetings_held_regular',
      'cases_discussed_regular',
      'meetings_held_ad_hoc',
      'cases_discussed_ad_hoc',
    ]);
    for (const r of rows) expect(r.slice(0, 5)).toEqual(['obiliq', '2026', '4', '2026-10-01', '2026-12-31']);
  });

  it('writes the figures', () => {
    const { values } = parse(indicatorsCsv('obiliq', figures()));
    expect(Object.fromEntries([...values].filter(([code]) => !SPLIT.has(code) && !/_(regular|ad_hoc)$/.test(code)))).toEqual({
      cases_opened: '12',
      cases_closed: '3',
      persons_referred_civil_registry: '9',
      persons_referred_employment_office: '4',
      persons_referred_social_work_centre: '6',
      persons_referred_education_directorate: '2',
      persons_referred_vocational_training: '1',
      persons_referred_health: '3',
      persons_referred_mental_health: '1',
      persons_referred_housing: '0',
      persons_referred_police: '0',
      persons_referred_cso: '5',
      persons_referred_reintegration_commission: '2',
      persons_referred_agriculture_directorate: '0',
      persons_referred_legal_aid: '1',
      persons_referred_dropout_prevention: '0',
      referrals_made: '20',
      referrals_answered: '7',
      referrals_answered_in_time: '6',
      answered_in_time_share: '0.86',
      accepted: '5',
      declined: '2',
      completed: '4',
      not_completed: '1',
      meetings_held: '1',
      cases_discussed: '8',
    });
  });

  it('writes the share with two decimals', () => {
    expect(parse(indicatorsCsv('obiliq', figures({ answeredInTimeShare: 1 }))).values.get('answered_in_time_share')).toBe('1.00');
    expect(parse(indicatorsCsv('obiliq', figures({ answeredInTimeShare: 0 }))).values.get('answered_in_time_share')).toBe('0.00');
    expect(parse(indicatorsCsv('obiliq', figures({ answeredInTimeShare: 0.145 }))).values.get('answered_in_time_share')).toBe('0.15');
  });

  it('leaves the share empty when nothing was answered', () => {
    const csv = indicatorsCsv('partesh', figures({ referralsAnswered: 0, referralsAnsweredInTime: 0, answeredInTimeShare: null }));
    const { rows, values } = parse(csv);
    expect(values.get('answered_in_time_share')).toBe('');
    expect(rows.find((r) => r[5] === 'answered_in_time_share')).toHaveLength(12);
    expect(csv).toContain('\r\npartesh,2026,4,2026-10-01,2026-12-31,answered_in_time_share,,,,,,\r\n');
  });

  it('splits the case file returnee / foreigner, and works a share out over both from the counts', () => {
    const returnee = { ...emptyFigures().byCategory.returnee, casesOpened: 3, homeVisits: 3, homeVisitsInTime: 2, assessmentsDone: 2, plansMade: 1 };
    const foreigner = { ...emptyFigures().byCategory.foreigner, casesOpened: 1, homeVisits: 1, homeVisitsInTime: 1, closedByOutcome: { ...emptyFigures().byCategory.foreigner.closedByOutcome, re_emigrated: 1 } };
    const { line } = parse(indicatorsCsv('obiliq', figures({ casesOpened: 4, byCategory: { returnee, foreigner } })));
    expect(line('cases_opened')).toEqual(['cases_opened', '4', '3', '1', '', '', '']);
    expect(line('home_visits_in_time')).toEqual(['home_visits_in_time', '3', '2', '1', '', '', '']);
    // (2 + 1) / (3 + 1), not the mean of 0.67 and 1
    expect(line('home_visits_in_time_share')).toEqual(['home_visits_in_time_share', '0.75', '0.67', '1.00', '', '', '']);
    expect(line('plans_made_share')).toEqual(['plans_made_share', '0.50', '0.50', '', '', '', '']);
    expect(line('closed_re_emigrated')).toEqual(['closed_re_emigrated', '1', '0', '1', '', '', '']);
    expect(line('sustainably_reintegrated_share')).toEqual(['sustainably_reintegrated_share', '0.00', '', '0.00', '', '', '']);
  });

  it("carries the plan's baseline and the target for the quarter's year, or the plan's last", () => {
    const targets = { plans_made_share: { baseline: 0.4, targets: [{ year: 2025, value: 0.8 }, { year: 2023, value: 0.6 }], source: 'Cilj 1' } };
    const in2023 = parse(indicatorsCsv('partesh', figures({ year: 2023 }), targets));
    expect(in2023.line('plans_made_share')).toEqual(['plans_made_share', '', '', '', '0.40', '0.60', '2023']);
    expect(parse(indicatorsCsv('partesh', figures({ year: 2024 }), targets)).line('plans_made_share').slice(4)).toEqual(['0.40', '0.80', '2025']);
    expect(parse(indicatorsCsv('partesh', figures({ year: 2026 }), targets)).line('plans_made_share').slice(4)).toEqual(['0.40', '0.80', '2025']);
    expect(in2023.line('plans_made').slice(4)).toEqual(['', '', '']);
  });

  it('counts regular and ad-hoc meetings apart', () => {
    const { line } = parse(indicatorsCsv('obiliq', figures({ meetings: { regular: { held: 2, casesDiscussed: 5 }, ad_hoc: { held: 1, casesDiscussed: 3 } } })));
    expect([line('meetings_held_regular')[1], line('cases_discussed_regular')[1], line('meetings_held_ad_hoc')[1], line('cases_discussed_ad_hoc')[1]]).toEqual(['2', '5', '1', '3']);
  });
});
