import { describe, expect, it } from 'vitest';
import type { Municipality } from '../../../shared/directory/schema.js';
import { planReferralNotifications, RoutingError } from '../../../shared/referrals/plan-notifications.js';
import type { CaseItem } from '../../../shared/store/case.js';
import type { ReferralItem } from '../../../shared/store/referral.js';

const tri = (s: string) => ({ sq: `${s} sq`, sr: `${s} sr`, en: `${s} en` });
const muni: Municipality = {
  id: 'partesh',
  name: tri('Partesh'),
  coordinatorOffice: tri('OKZP'),
  timeZone: 'Europe/Belgrade',
  ackWorkingDays: 5,
  coordinators: [{ id: 'coord-1', name: 'Coordinator', email: 'c@partesh.example.org', phone: '+38344000001', language: 'sr-Latn', digest: 'both', answers: 'digest' }],
  offices: [
    { id: 'kcs', kind: 'civil_registry', name: tri('KCS'), address: tri('Addr'), hours: tri('Hours'), email: 'kcs@partesh.example.org', languages: ['sr-Latn', 'sq'] },
    { id: 'mh', kind: 'mental_health', name: tri('MH'), address: tri('Addr'), hours: tri('Hours'), email: 'mh@partesh.example.org', languages: ['sr-Latn'] },
  ],
  contacts: [],
  meetings: [],
  quarterlyReportTo: [],
};
const theCase: CaseItem = {
  pk: 'CASE#C1',
  sk: 'META',
  type: 'Case',
  caseId: 'C1',
  smrCaseId: 'SMR-1',
  municipalityId: 'partesh',
  coordinatorId: 'coord-1',
  arrivalDate: '2026-11-20',
  category: 'returnee',
  language: 'sr-Latn',
  phone: '+38344123456',
  consent: { sms: true, shareWithOffices: true },
  household: [
    { id: 'p1', givenName: 'Dragana', familyName: 'S', birthYear: 1979, role: 'head' },
    { id: 'p2', givenName: 'Miloš', familyName: 'S', birthYear: 2012, role: 'child' },
  ],
  status: 'open',
  createdAt: '2026-11-23T09:00:00.000Z',
  expiresAt: 1,
};
const referral: ReferralItem = {
  pk: 'CASE#C1',
  sk: 'REF#R1',
  type: 'Referral',
  caseId: 'C1',
  referralId: 'R1',
  municipalityId: 'partesh',
  officeKind: 'civil_registry',
  officeId: 'kcs',
  need: 'civil_documents',
  personIds: ['p2'],
  categories: [],
  note: 'born abroad',
  status: 'created',
  ackDueDate: '2026-11-30',
  createdAt: '2026-11-23T09:00:00.000Z',
  expiresAt: 1,
};
const day = new Date('2026-11-23T10:00:00Z');

describe('planReferralNotifications', () => {
  it('emails the office in every language it reads and texts the returnee in theirs', () => {
    const [email, sms] = planReferralNotifications(referral, theCase, muni, day);
    expect(email).toMatchObject({ channel: 'email', recipient: 'kcs@partesh.example.org', languages: ['sr-Latn', 'sq'], status: 'queued' });
    expect(sms).toMatchObject({ channel: 'sms', recipient: '+38344123456', languages: ['sr-Latn'], status: 'queued', template: 'referral.returnee.sms' });
  });

  it('derives intent ids from the referral, so a second run yields the same ids', () => {
    const a = planReferralNotifications(referral, theCase, muni, day).map((i) => i.sk);
    const b = planReferralNotifications(referral, theCase, muni, new Date('2026-11-24T10:00:00Z')).map((i) => i.sk);
    expect(a).toEqual(b);
    expect(a).toEqual(['NOTE#R1#referral.office', 'NOTE#R1#referral.returnee']);
  });

  it('names only the referred persons, and only with consent to share', () => {
    const [email] = planReferralNotifications(referral, theCase, muni, day);
    expect((email!.data as any).persons).toEqual([{ givenName: 'Miloš', familyName: 'S', birthYear: 2012 }]);
    expect((email!.data as any).note).toBe('born abroad');
    const [hidden] = planReferralNotifications(referral, { ...theCase, consent: { sms: true, shareWithOffices: false } }, muni, day);
    expect((hidden!.data as any).persons).toEqual([]);
    expect((hidden!.data as any).note).toBeUndefined();
    expect((hidden!.data as any).consentToShare).toBe(false);
  });

  it("gives the whole household's size, not the number referred (the email's \"Household members\")", () => {
    const [email] = planReferralNotifications(referral, theCase, muni, day);
    expect(referral.personIds).toHaveLength(1);
    expect((email!.data as any).householdSize).toBe(2);
  });

  it('records a skipped SMS without consent or phone, keeping no number', () => {
    const [, noConsent] = planReferralNotifications(referral, { ...theCase, consent: { sms: false, shareWithOffices: true } }, muni, day);
    expect(noConsent).toMatchObject({ status: 'skipped', skipReason: 'no_sms_consent' });
    expect(noConsent!.recipient).toBeUndefined();
    const { phone: _omit, ...noPhoneCase } = theCase;
    const [, noPhone] = planReferralNotifications(referral, noPhoneCase, muni, day);
    expect(noPhone).toMatchObject({ status: 'skipped', skipReason: 'no_phone' });
  });

  it('uses the private SMS for a sensitive referral', () => {
    const [email, sms] = planReferralNotifications({ ...referral, officeKind: 'mental_health', officeId: 'mh', need: 'psychosocial_support' }, theCase, muni, day);
    expect(sms!.template).toBe('referral.returnee.sms.private');
    expect((email!.data as any).sensitive).toBe(true);
  });

  it('defers an evening SMS to 08:00 as a timer, but not the email', () => {
    const evening = new Date('2026-11-23T20:30:00Z'); // 21:30 in Kosovo
    const [email, sms] = planReferralNotifications(referral, theCase, muni, evening);
    expect(email!.status).toBe('queued');
    expect(sms).toMatchObject({ status: 'deferred', notBefore: '2026-11-24T07:00:00.000Z', dueBucket: '2026-11-24T07' });
  });

  it('refuses an office that is not in the directory', () => {
    expect(() => planReferralNotifications({ ...referral, officeId: 'gone' }, theCase, muni, day)).toThrow(RoutingError);
  });
});
