import { describe, expect, it } from 'vitest';
import { AuditItem, auditItem } from '../../../shared/store/audit.js';
import { caseListing } from '../../../shared/store/case.js';
import { referralListing } from '../../../shared/store/referral.js';
import { lists } from '../../../shared/store/worklist.js';
import { ReferralState } from '../../../shared/domain/referral-state.js';

describe('referralListing', () => {
  const base = { municipalityId: 'obiliq', referralId: 'R1', ackDueDate: '2026-11-30' };

  for (const status of ['created', 'sent'] as const) {
    it(`a referral ${status} waits for its acknowledgement, sorted by the due date`, () => {
      expect(referralListing({ ...base, status })).toEqual({ listKey: 'ACK#obiliq', listSort: '2026-11-30#R1' });
    });
  }

  it('sorts the awaiting list by due date first, so "overdue" is a range of sort keys', () => {
    const earlier = referralListing({ ...base, referralId: 'ZZZ', ackDueDate: '2026-11-29', status: 'sent' })!;
    const later = referralListing({ ...base, referralId: 'AAA', ackDueDate: '2026-11-30', status: 'sent' })!;
    expect(earlier.listSort < later.listSort).toBe(true);
    // a range read up to yesterday ("…#~") includes every referral due yesterday
    expect(earlier.listSort <= '2026-11-29#~').toBe(true);
    expect(later.listSort <= '2026-11-29#~').toBe(false);
  });

  it('a declined referral is in the declined list, by when it was answered', () => {
    expect(referralListing({ ...base, status: 'declined', answeredAt: '2026-11-25T10:00:00.000Z' })).toEqual({
      listKey: 'DECLINED#obiliq',
      listSort: '2026-11-25T10:00:00.000Z#R1',
    });
  });

  it('a declined referral followed by a new referral leaves the declined list', () => {
    expect(referralListing({ ...base, status: 'declined', answeredAt: '2026-11-25T10:00:00.000Z', reReferredAt: '2026-11-26T09:00:00.000Z' })).toBeUndefined();
  });

  for (const status of ['accepted', 'completed', 'not_completed', 'cancelled', 'waiting'] as const) {
    it(`a referral ${status} is in no list`, () => {
      expect(referralListing({ ...base, status })).toBeUndefined();
    });
  }

  it('covers every referral status', () => {
    const listed = ReferralState.options.filter((s) => referralListing({ ...base, status: s, answeredAt: '2026-11-25T10:00:00.000Z' }));
    expect(listed.sort()).toEqual(['created', 'declined', 'sent']);
  });

  it("uses the referral's own municipality", () => {
    expect(referralListing({ ...base, municipalityId: 'partesh', status: 'sent' })!.listKey).toBe(lists.awaitingAck('partesh'));
  });
});

describe('caseListing', () => {
  it('lists an open case by its closure date, 18 months after arrival', () => {
    expect(caseListing({ municipalityId: 'obiliq', arrivalDate: '2026-01-15', caseId: 'C1' })).toEqual({ listKey: 'OPEN#obiliq', listSort: '2027-07-15#C1' });
  });

  it('clamps to the end of a shorter month (31 August + 18 months = 28 February)', () => {
    expect(caseListing({ municipalityId: 'obiliq', arrivalDate: '2025-08-31', caseId: 'C2' }).listSort).toBe('2027-02-28#C2');
  });

  it('crosses a year boundary', () => {
    expect(caseListing({ municipalityId: 'partesh', arrivalDate: '2026-11-24', caseId: 'C3' })).toEqual({ listKey: 'OPEN#partesh', listSort: '2028-05-24#C3' });
  });
});

describe('auditItem', () => {
  const entry = { event: 'referral.sent', by: 'system:notify', via: 'stream' };

  it('with a municipality, is in that municipality’s feed for the local day', () => {
    const a = auditItem({ caseId: 'C1', municipalityId: 'obiliq' }, 'R1', '2026-11-24T10:00:00.000Z', entry);
    expect(AuditItem.parse(a)).toEqual(a);
    expect(a).toMatchObject({
      pk: 'CASE#C1',
      sk: 'AUDIT#2026-11-24T10:00:00.000Z#R1#referral.sent',
      type: 'Audit',
      caseId: 'C1',
      municipalityId: 'obiliq',
      subjectId: 'R1',
      at: '2026-11-24T10:00:00.000Z',
      event: 'referral.sent',
      listKey: 'FEED#obiliq#2026-11-24',
      listSort: '2026-11-24T10:00:00.000Z#R1#referral.sent',
    });
  });

  it('puts a late-evening UTC instant in the next local day’s feed (winter, UTC+1)', () => {
    expect(auditItem({ caseId: 'C1', municipalityId: 'obiliq' }, 'R1', '2026-11-24T23:30:00.000Z', entry).listKey).toBe('FEED#obiliq#2026-11-25');
    expect(auditItem({ caseId: 'C1', municipalityId: 'obiliq' }, 'R1', '2026-11-24T22:59:59.000Z', entry).listKey).toBe('FEED#obiliq#2026-11-24');
  });

  it('and in summer (UTC+2): 22:30 UTC is already the next day', () => {
    expect(auditItem({ caseId: 'C1', municipalityId: 'obiliq' }, 'R1', '2026-06-30T22:30:00.000Z', entry).listKey).toBe('FEED#obiliq#2026-07-01');
  });

  it("leaves the platform's own deliveries out of the feed (no digest tells of them), but not their failures or unknown outcomes", () => {
    const of = (event: string) => auditItem({ caseId: 'C1', municipalityId: 'obiliq' }, 'R1#referral.office', '2026-11-24T10:00:00.000Z', { event, by: 'system:deliver-notifications', via: 'stream' });
    for (const event of ['notification.sent', 'notification.delivered', 'notification.held', 'notification.retry_scheduled', 'notification.requeued', 'notification.cancelled']) {
      expect(of(event), event).not.toHaveProperty('listKey');
      expect(of(event), event).not.toHaveProperty('listSort');
      expect(of(event).municipalityId).toBe('obiliq');
    }
    for (const event of ['notification.failed', 'notification.unconfirmed', 'referral.sent', 'followup.done']) expect(of(event).listKey, event).toBe('FEED#obiliq#2026-11-24');
  });

  it('without a municipality, is in no feed', () => {
    const a = auditItem('C1', 'R1', '2026-11-24T10:00:00.000Z', entry);
    expect(AuditItem.parse(a)).toEqual(a);
    expect(a.pk).toBe('CASE#C1');
    expect(a.caseId).toBe('C1');
    expect(a).not.toHaveProperty('listKey');
    expect(a).not.toHaveProperty('listSort');
    expect(a).not.toHaveProperty('municipalityId');
    expect(auditItem({ caseId: 'C1' }, 'R1', '2026-11-24T10:00:00.000Z', entry)).not.toHaveProperty('listKey');
  });

  it('owned by a meeting, is in the meeting partition and names no case', () => {
    const a = auditItem({ pk: 'MEET#x', municipalityId: 'obiliq' }, 'x', '2026-12-01T12:00:00.000Z', { event: 'meeting.held', by: 'coordinator', via: 'api' });
    expect(AuditItem.parse(a)).toEqual(a);
    expect(a.pk).toBe('MEET#x');
    expect(a).not.toHaveProperty('caseId');
    expect(a.listKey).toBe('FEED#obiliq#2026-12-01');
    const noMuni = auditItem({ pk: 'MEET#x' }, 'x', '2026-12-01T12:00:00.000Z', { event: 'meeting.held', by: 'coordinator', via: 'api' });
    expect(noMuni).not.toHaveProperty('caseId');
    expect(noMuni).not.toHaveProperty('listKey');
  });

  it('keeps the entry’s detail', () => {
    const a = auditItem({ caseId: 'C1', municipalityId: 'obiliq' }, 'R1', '2026-11-24T10:00:00.000Z', { ...entry, from: 'created', to: 'sent', detail: { officeKind: 'civil_registry' } });
    expect(a).toMatchObject({ from: 'created', to: 'sent', detail: { officeKind: 'civil_registry' } });
  });
});
