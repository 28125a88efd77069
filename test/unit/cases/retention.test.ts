import type { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../events/triggers.js';
import { passesFilters } from '../../../shared/stream/filter-pattern.js';
import { ClosedCase, closedCaseExpiry, expireClosedCase, expires, openCaseExpiry, type ExpireDeps } from '../../../shared/cases/retention.js';
import { kosovoHolidays } from '../../../shared/domain/holidays.js';
import type { CaseItem } from '../../../shared/store/case.js';
import type { PartitionEntry } from '../../../shared/store/ports.js';
import { caseTimers } from '../../../shared/timers/plan.js';

const holidays = kosovoHolidays();
const DAY = 86_400;
const secondsAt = (iso: string) => Date.parse(iso) / 1000;

describe('open-case safety net', () => {
  it('is the retention after the last day of the 18 months, counted from registration when the family arrived before', () => {
    // Registered Monday 23 Nov 2026 (arrived the 20th): 18 months → Tuesday 23 May 2028, a working day.
    expect(openCaseExpiry({ createdAt: '2026-11-23T09:00:00.000Z', arrivalDate: '2026-11-20' }, 730, holidays)).toBe(
      secondsAt('2028-05-24T00:00:00+02:00') + 730 * DAY,
    );
  });

  it('counts from the arrival when the return was registered ahead of it', () => {
    expect(openCaseExpiry({ createdAt: '2026-11-23T09:00:00.000Z', arrivalDate: '2027-03-01' }, 30, holidays)).toBe(
      secondsAt('2028-09-02T00:00:00+02:00') + 30 * DAY,
    );
  });

  it('moves with the closure reminder past a weekend: 20 May 2028 is a Saturday', () => {
    expect(openCaseExpiry({ createdAt: '2026-11-20T09:00:00.000Z', arrivalDate: '2026-11-20' }, 1, holidays)).toBe(
      secondsAt('2028-05-23T00:00:00+02:00') + DAY,
    );
  });

  it('never falls before the case’s closure reminder, even with one day of retention', () => {
    for (const [createdAt, arrivalDate] of [
      ['2026-11-23T09:00:00.000Z', '2026-11-20'],
      ['2026-12-31T23:30:00.000Z', '2026-12-24'], // 00:30 on New Year's Day in Kosovo
      ['2027-02-10T09:00:00.000Z', '2027-04-30'],
      ['2027-06-15T09:00:00.000Z', '2025-12-31'],
    ] as const) {
      const expiresAt = openCaseExpiry({ createdAt, arrivalDate }, 1, holidays);
      const theCase = { caseId: 'C', arrivalDate, createdAt, expiresAt } as CaseItem;
      const closure = caseTimers(theCase, holidays, new Date(createdAt)).find((t) => t.kind === 'case.closure')!;
      expect(expiresAt, `${createdAt} / ${arrivalDate}`).toBeGreaterThan(secondsAt(closure.dueAt) + DAY);
      expect(expiresAt).toBeGreaterThanOrEqual(secondsAt(createdAt) + 546 * DAY + DAY);
    }
  });
});

describe('closed-case expiry', () => {
  it('is the retention after the closure', () => {
    expect(closedCaseExpiry('2026-11-23T17:10:00.000Z', 730)).toBe(secondsAt('2026-11-23T17:10:00Z') + 730 * DAY);
  });

  it('keeps audit entries only: everything else in the partition expires, including types it does not know', () => {
    for (const type of ['Case', 'Referral', 'Intent', 'Appointment', 'Timer', 'SomethingNew', '']) expect(expires({ type }), type).toBe(true);
    expect(expires({ type: 'Audit' })).toBe(false);
  });

  it('reads only the ids and the closure from the stream image, and only of a closed case', () => {
    const image = { pk: 'CASE#C1', sk: 'META', type: 'Case', caseId: 'C1', smrCaseId: 'SMR-1', status: 'closed', closedAt: '2026-11-23T17:10:00.000Z', household: [{ givenName: 'Arben' }], phone: '+38349555123' };
    const parsed = ClosedCase.parse(image);
    expect(parsed).toEqual({ pk: 'CASE#C1', caseId: 'C1', smrCaseId: 'SMR-1', status: 'closed', closedAt: '2026-11-23T17:10:00.000Z' });
    expect(() => ClosedCase.parse({ ...image, status: 'open' })).toThrow();
    expect(() => ClosedCase.parse({ ...image, closedAt: undefined })).toThrow();
  });
});

describe('the trigger (as the local poller applies it)', () => {
  const filters = FUNCTIONS.expireClosedCases.trigger.filters;
  const modify = (before: Record<string, unknown>, after: Record<string, unknown>) => ({ eventName: 'MODIFY', dynamodb: { OldImage: before, NewImage: after } });
  const kase = (status: string) => ({ type: { S: 'Case' }, status: { S: status } });

  it('passes a case that has just closed', () => {
    expect(passesFilters(modify(kase('open'), kase('closed')), filters)).toBe(true);
  });

  it('drops its own expiry writes on the closed case, other writes, new cases, other items and TTL deletions', () => {
    expect(passesFilters(modify(kase('closed'), kase('closed')), filters)).toBe(false);
    expect(passesFilters(modify(kase('open'), kase('open')), filters)).toBe(false);
    expect(passesFilters({ eventName: 'INSERT', dynamodb: { NewImage: kase('closed') } }, filters)).toBe(false);
    expect(passesFilters({ eventName: 'REMOVE', dynamodb: { OldImage: kase('closed') } }, filters)).toBe(false);
    expect(passesFilters(modify({ type: { S: 'Referral' }, status: { S: 'sent' } }, { type: { S: 'Referral' }, status: { S: 'closed' } }), filters)).toBe(false);
  });
});

/** A partition in memory with DynamoDB's conditional semantics for the expiry writes. */
function memoryStore(items: (PartitionEntry & { expiresAt?: number })[], claim: { caseId: string; expiresAt: number }, pageSize = 3) {
  const writes: string[] = [];
  const store: ExpireDeps['store'] = {
    async *partition(pk: string) {
      const all = items.filter((i) => i.pk === pk);
      for (let i = 0; i < all.length; i += pageSize) yield all.slice(i, i + pageSize).map(({ pk: p, sk, type }) => ({ pk: p, sk, type }));
    },
    async expireBy(key: { pk: string; sk: string }, expiresAt: number) {
      const item = items.find((i) => i.pk === key.pk && i.sk === key.sk);
      if (!item || (item.expiresAt !== undefined && item.expiresAt <= expiresAt)) return false;
      item.expiresAt = expiresAt;
      writes.push(key.sk);
      return true;
    },
    async expireClaimBy(_smr: string, caseId: string, expiresAt: number) {
      if (claim.caseId !== caseId || claim.expiresAt <= expiresAt) return false;
      claim.expiresAt = expiresAt;
      writes.push('SMR');
      return true;
    },
  };
  return { store, writes };
}

describe('expireClosedCase', () => {
  const logger = { info: () => undefined } as unknown as Logger;
  const closedAt = '2026-11-23T17:10:00.000Z';
  const net = secondsAt('2028-05-24T00:00:00+02:00') + 730 * DAY;
  const partition = () => [
    { pk: 'CASE#C1', sk: 'APPT#A1', type: 'Appointment', expiresAt: net },
    { pk: 'CASE#C1', sk: 'AUDIT#2026-11-23T09:00:00.000Z#C1#case.created', type: 'Audit' },
    { pk: 'CASE#C1', sk: 'AUDIT#2026-11-23T17:10:00.000Z#C1#case.closed', type: 'Audit' },
    { pk: 'CASE#C1', sk: 'META', type: 'Case', expiresAt: net },
    { pk: 'CASE#C1', sk: 'NOTE#R1#referral.office#o1', type: 'Intent', expiresAt: net },
    { pk: 'CASE#C1', sk: 'NOTE#R1#referral.returnee', type: 'Intent', expiresAt: net },
    { pk: 'CASE#C1', sk: 'REF#R1', type: 'Referral', expiresAt: net },
    { pk: 'CASE#C1', sk: 'TIMER#C1#case.closure#1', type: 'Timer', expiresAt: net },
    { pk: 'CASE#C2', sk: 'META', type: 'Case', expiresAt: net },
  ];
  const c = { pk: 'CASE#C1', caseId: 'C1', smrCaseId: 'SMR-1', status: 'closed' as const, closedAt };

  it('brings every item but the audit forward to closure + retention, page after page, and the SMR claim too', async () => {
    const items = partition();
    const claim = { caseId: 'C1', expiresAt: net };
    const { store } = memoryStore(items, claim);
    const out = await expireClosedCase(c, { store, retentionDays: 730, logger });
    const exp = closedCaseExpiry(closedAt, 730);
    expect(out).toEqual({ caseId: 'C1', expiresAt: exp, set: 6, unchanged: 0, kept: 2, claim: 'set' });
    for (const i of items.filter((x) => x.pk === 'CASE#C1')) expect(i.expiresAt, i.sk).toBe(i.type === 'Audit' ? undefined : exp);
    expect(items.find((x) => x.pk === 'CASE#C2')!.expiresAt).toBe(net);
    expect(claim.expiresAt).toBe(exp);
  });

  it('redelivered, writes nothing; never pushes an earlier expiry back; leaves another case’s claim alone', async () => {
    const items = partition();
    const claim = { caseId: 'C1', expiresAt: net };
    const { store, writes } = memoryStore(items, claim);
    await expireClosedCase(c, { store, retentionDays: 730, logger });
    writes.length = 0;
    const again = await expireClosedCase(c, { store, retentionDays: 730, logger });
    expect(writes).toEqual([]);
    expect(again).toMatchObject({ set: 0, unchanged: 6, kept: 2, claim: 'unchanged' });

    const earlier = partition().map((i) => (i.sk === 'REF#R1' ? { ...i, expiresAt: 1_700_000_000 } : i));
    const other = { caseId: 'C9', expiresAt: net };
    const second = memoryStore(earlier, other);
    await expireClosedCase(c, { store: second.store, retentionDays: 730, logger });
    expect(earlier.find((i) => i.sk === 'REF#R1')!.expiresAt).toBe(1_700_000_000);
    expect(other.expiresAt).toBe(net);
  });
});
