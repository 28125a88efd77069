import { describe, expect, it } from 'vitest';
import type { QuarterFigures } from '../../../shared/domain/quarters.js';
import { OfficeKind } from '../../../shared/domain/vocabulary.js';
import { indicatorsCsv } from '../../../shared/reports/indicators-csv.js';

const figures = (over: Partial<QuarterFigures> = {}): QuarterFigures => ({
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

/** Municipality ids and the values are plain tokens, so a split is a faithful parse here. */
function parse(csv: string) {
  expect(csv.startsWith(BOM)).toBe(true);
  const body = csv.slice(BOM.length);
  expect(body.endsWith('\r\n')).toBe(true);
  expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const [header, ...rows] = body.slice(0, -2).split('\r\n').map((line) => line.split(','));
  const values = new Map(rows.map((r) => [r[5]!, r[6]!]));
  return { header: header!, rows, values };
}

describe('indicatorsCsv', () => {
  it('starts with a BOM and a header row, and ends every record with CRLF', () => {
    const { header } = parse(indicatorsCsv('obiliq', figures()));
    expect(header).toEqual(['municipality', 'year', 'quarter', 'period_start', 'period_end', 'indicator', 'value']);
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
      'meetings_held',
      'cases_discussed',
    ]);
    for (const r of rows) expect(r.slice(0, 5)).toEqual(['obiliq', '2026', '4', '2026-10-01', '2026-12-31']);
  });

  it('writes the figures', () => {
    const { values } = parse(indicatorsCsv('obiliq', figures()));
    expect(Object.fromEntries(values)).toEqual({
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
    expect(rows.find((r) => r[5] === 'answered_in_time_share')).toHaveLength(7);
    expect(csv).toContain('\r\npartesh,2026,4,2026-10-01,2026-12-31,answered_in_time_share,\r\n');
  });
});
