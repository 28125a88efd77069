import { describe, expect, it } from 'vitest';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { OfficeKind } from '../../../shared/domain/vocabulary.js';
import { countIn } from '../../../shared/store/indicator-store.js';
import { figuresFrom, quarterKeyAt, referralAnswered, referralMade } from '../../../shared/store/indicators.js';

interface Update {
  Update: {
    TableName: string;
    Key: { pk: string; sk: string };
    UpdateExpression: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, unknown>;
  };
}

/** The counters an update adds, read back through its names and values: { counter: n }. */
function added(u: Update): Record<string, unknown> {
  const adds = u.Update.UpdateExpression.split(' ADD ')[1] ?? '';
  return Object.fromEntries(
    adds
      .split(', ')
      .filter(Boolean)
      .map((pair) => {
        const [name, value] = pair.split(' ');
        return [u.Update.ExpressionAttributeNames[name!], u.Update.ExpressionAttributeValues[value!]];
      }),
  );
}

describe('referralMade', () => {
  it('counts one referral and its persons under the office kind', () => {
    expect(referralMade({ officeKind: 'civil_registry', personIds: ['p1', 'p2', 'p3'] })).toEqual({ referralsMade: 1, referred_civil_registry: 3 });
    expect(referralMade({ officeKind: 'employment_office', personIds: ['p1'] })).toEqual({ referralsMade: 1, referred_employment_office: 1 });
  });
});

describe('referralAnswered', () => {
  const r = { ackDueDate: '2026-11-30' };

  it('an acceptance on the due date counts as answered in time', () => {
    expect(referralAnswered(r, 'accepted', '2026-11-30T10:00:00.000Z')).toEqual({ referralsAnswered: 1, referralsAnsweredInTime: 1, accepted: 1 });
  });

  it('a decline before the due date counts as answered in time', () => {
    expect(referralAnswered(r, 'declined', '2026-11-25T10:00:00.000Z')).toEqual({ referralsAnswered: 1, referralsAnsweredInTime: 1, declined: 1 });
  });

  it('an answer the day after the due date is answered, not in time', () => {
    expect(referralAnswered(r, 'accepted', '2026-12-01T09:00:00.000Z')).toEqual({ referralsAnswered: 1, referralsAnsweredInTime: 0, accepted: 1 });
  });

  it('compares the date in Kosovo: 22:30 UTC on the due date is still that day (23:30 local)', () => {
    expect(referralAnswered(r, 'declined', '2026-11-30T22:30:00.000Z').referralsAnsweredInTime).toBe(1);
  });

  it('compares the date in Kosovo: 23:30 UTC on the due date is already the next day (00:30 local)', () => {
    expect(referralAnswered(r, 'declined', '2026-11-30T23:30:00.000Z')).toEqual({ referralsAnswered: 1, referralsAnsweredInTime: 0, declined: 1 });
  });

  it('uses summer time in summer: 22:30 UTC is already past midnight (UTC+2)', () => {
    expect(referralAnswered({ ackDueDate: '2026-06-30' }, 'accepted', '2026-06-30T21:30:00.000Z').referralsAnsweredInTime).toBe(1);
    expect(referralAnswered({ ackDueDate: '2026-06-30' }, 'accepted', '2026-06-30T22:30:00.000Z').referralsAnsweredInTime).toBe(0);
  });

  it('counts outcomes: completed and not completed', () => {
    expect(referralAnswered(r, 'completed', '2026-12-10T10:00:00.000Z')).toEqual({ completed: 1 });
    expect(referralAnswered(r, 'not_completed', '2026-12-10T10:00:00.000Z')).toEqual({ notCompleted: 1 });
  });

  it('counts nothing for a status that is not an answer', () => {
    for (const to of ['waiting', 'created', 'sent', 'cancelled'] as const) expect(referralAnswered(r, to, '2026-11-25T10:00:00.000Z')).toEqual({});
  });
});

describe('quarterKeyAt', () => {
  it('takes the quarter of the local date', () => {
    expect(quarterKeyAt('2026-11-24T10:00:00.000Z')).toBe('2026-Q4');
    expect(quarterKeyAt('2026-12-31T22:59:59.000Z')).toBe('2026-Q4');
    expect(quarterKeyAt('2026-12-31T23:30:00.000Z')).toBe('2027-Q1');
    expect(quarterKeyAt('2027-06-30T22:30:00.000Z')).toBe('2027-Q3');
  });
});

describe('countIn', () => {
  it('adds each counter to the municipality item of the quarter', () => {
    const u = countIn('referrals', 'obiliq', '2026-11-24T10:00:00.000Z', { referralsMade: 1, referred_civil_registry: 3 }) as unknown as Update;
    expect(u.Update.TableName).toBe('referrals');
    expect(u.Update.Key).toEqual({ pk: 'MUNI#obiliq', sk: 'IND#2026-Q4' });
    expect(u.Update.UpdateExpression).toMatch(/^SET #t = :t, #q = :q ADD /);
    expect(u.Update.ExpressionAttributeNames['#t']).toBe('type');
    expect(u.Update.ExpressionAttributeNames['#q']).toBe('quarter');
    expect(u.Update.ExpressionAttributeValues[':t']).toBe('Indicators');
    expect(u.Update.ExpressionAttributeValues[':q']).toBe('2026-Q4');
    expect(added(u)).toEqual({ referralsMade: 1, referred_civil_registry: 3 });
  });

  it('counts an event late on 31 December UTC in the next year’s first quarter', () => {
    const u = countIn('t', 'partesh', '2026-12-31T23:30:00.000Z', { casesOpened: 1 }) as unknown as Update;
    expect(u.Update.Key).toEqual({ pk: 'MUNI#partesh', sk: 'IND#2027-Q1' });
    expect(u.Update.ExpressionAttributeValues[':q']).toBe('2027-Q1');
  });

  it('leaves out zero and undefined counters (a late answer adds nothing to "in time")', () => {
    const late = referralAnswered({ ackDueDate: '2026-11-30' }, 'declined', '2026-12-02T10:00:00.000Z');
    const u = countIn('t', 'obiliq', '2026-12-02T10:00:00.000Z', { ...late, meetingsHeld: undefined }) as unknown as Update;
    expect(added(u)).toEqual({ referralsAnswered: 1, declined: 1 });
    expect(Object.values(u.Update.ExpressionAttributeNames)).not.toContain('referralsAnsweredInTime');
    expect(Object.values(u.Update.ExpressionAttributeNames)).not.toContain('meetingsHeld');
  });

  it('passes negative adjustments through (only zero is dropped)', () => {
    const u = countIn('t', 'obiliq', '2026-11-24T10:00:00.000Z', { casesDiscussed: -2 }) as unknown as Update;
    expect(added(u)).toEqual({ casesDiscussed: -2 });
  });

  it('uses one placeholder per counter, so the names and values all appear in the expression', () => {
    const u = countIn('t', 'obiliq', '2026-11-24T10:00:00.000Z', { accepted: 1, referralsAnswered: 1, referralsAnsweredInTime: 1 }) as unknown as Update;
    for (const name of Object.keys(u.Update.ExpressionAttributeNames)) expect(u.Update.UpdateExpression).toContain(name);
    for (const value of Object.keys(u.Update.ExpressionAttributeValues)) expect(u.Update.UpdateExpression).toContain(value);
    expect(Object.keys(u.Update.ExpressionAttributeNames)).toHaveLength(2 + 3);
  });

  it('throws when there is nothing to count', () => {
    expect(() => countIn('t', 'obiliq', '2026-11-24T10:00:00.000Z', {})).toThrow(/nothing to count/);
    expect(() => countIn('t', 'obiliq', '2026-11-24T10:00:00.000Z', { accepted: 0, declined: undefined })).toThrow(/nothing to count/);
    // a status change that is no answer counts nothing, and the caller must not write it
    expect(() => countIn('t', 'obiliq', '2026-11-24T10:00:00.000Z', referralAnswered({ ackDueDate: '2026-11-30' }, 'sent', '2026-11-24T10:00:00.000Z'))).toThrow();
  });
});

describe('figuresFrom', () => {
  const q4 = quarterOf(new Date('2026-11-24T10:00:00.000Z'));

  it('names the quarter and its local dates', () => {
    expect(figuresFrom(q4, {})).toMatchObject({ year: 2026, quarter: 4, periodStart: '2026-10-01', periodEnd: '2026-12-31' });
  });

  it('reads missing counters as 0 and the share as null when nothing was answered', () => {
    const f = figuresFrom(q4, {});
    expect(f).toMatchObject({
      casesOpened: 0,
      casesClosed: 0,
      referralsMade: 0,
      referralsAnswered: 0,
      referralsAnsweredInTime: 0,
      answeredInTimeShare: null,
      accepted: 0,
      declined: 0,
      completed: 0,
      notCompleted: 0,
      meetingsHeld: 0,
      casesDiscussed: 0,
    });
    expect(Object.keys(f.personsReferred).sort()).toEqual([...OfficeKind.options].sort());
    for (const k of OfficeKind.options) expect(f.personsReferred[k]).toBe(0);
  });

  it('reads the counters of a stored item, with the share of answers in time', () => {
    const f = figuresFrom(q4, {
      pk: 'MUNI#obiliq',
      sk: 'IND#2026-Q4',
      type: 'Indicators',
      quarter: '2026-Q4',
      casesOpened: 12,
      casesClosed: 3,
      referralsMade: 24,
      referralsAnswered: 8,
      referralsAnsweredInTime: 6,
      accepted: 5,
      declined: 3,
      completed: 2,
      notCompleted: 1,
      meetingsHeld: 2,
      casesDiscussed: 7,
      referred_civil_registry: 9,
      referred_health: 2,
    });
    expect(f).toMatchObject({ casesOpened: 12, casesClosed: 3, referralsMade: 24, referralsAnswered: 8, referralsAnsweredInTime: 6, accepted: 5, declined: 3, completed: 2, notCompleted: 1, meetingsHeld: 2, casesDiscussed: 7 });
    expect(f.answeredInTimeShare).toBe(0.75);
    expect(f.personsReferred.civil_registry).toBe(9);
    expect(f.personsReferred.health).toBe(2);
    expect(f.personsReferred.employment_office).toBe(0);
  });

  it('gives share 0 when answers came but none in time', () => {
    expect(figuresFrom(q4, { referralsAnswered: 3 }).answeredInTimeShare).toBe(0);
  });

  it('reads a value that is not a number as 0', () => {
    const f = figuresFrom(q4, { casesOpened: '5', referralsAnswered: null });
    expect(f.casesOpened).toBe(0);
    expect(f.answeredInTimeShare).toBeNull();
  });

  it('reads back what countIn adds (same counter names)', () => {
    const made = referralMade({ officeKind: 'social_work_centre', personIds: ['a', 'b'] });
    const answer = referralAnswered({ ackDueDate: '2026-11-30' }, 'accepted', '2026-11-27T10:00:00.000Z');
    const item: Record<string, unknown> = {};
    for (const inc of [made, answer]) {
      for (const [k, v] of Object.entries(added(countIn('t', 'obiliq', '2026-11-27T10:00:00.000Z', inc) as unknown as Update))) {
        item[k] = ((item[k] as number | undefined) ?? 0) + (v as number);
      }
    }
    const f = figuresFrom(q4, item);
    expect(f).toMatchObject({ referralsMade: 1, referralsAnswered: 1, referralsAnsweredInTime: 1, accepted: 1, answeredInTimeShare: 1 });
    expect(f.personsReferred.social_work_centre).toBe(2);
  });
});
