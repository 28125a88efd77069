import { describe, expect, it } from 'vitest';
import { CreateCaseInput, CreateReferralInput, PhoneNumber } from '../../../shared/domain/case.js';
import { isSensitive } from '../../../shared/domain/vocabulary.js';

const valid = {
  smrCaseId: 'SMR-2026-0142',
  municipalityId: 'obiliq',
  coordinatorId: 'c1',
  arrivalDate: '2026-11-20',
  category: 'returnee',
  preferredLanguage: 'sq',
  phone: '044 123 456',
  consent: { sms: true, shareWithOffices: true },
  household: [{ id: 'p1', givenName: 'A', familyName: 'B', birthYear: 1980, role: 'head' }],
};

describe('phone numbers', () => {
  it.each([
    ['044 123 456', '+38344123456'],
    ['+383 49 123 456', '+38349123456'],
    ['+49 151 23456789', '+4915123456789'],
  ])('normalises %s to E.164', (input, e164) => {
    expect(PhoneNumber.parse(input)).toBe(e164);
  });
  it.each(['12', '+383 12', 'call me', '+1 555 0100 0000 0000'])('rejects %s', (input) => {
    expect(PhoneNumber.safeParse(input).success).toBe(false);
  });
});

describe('CreateCaseInput', () => {
  it('accepts a complete case', () => {
    expect(CreateCaseInput.parse(valid).phone).toBe('+38344123456');
  });
  it('names unknown fields', () => {
    const out = CreateCaseInput.safeParse({ ...valid, nationalId: '1' });
    expect(out.success).toBe(false);
    expect(out.error!.issues[0]!.code).toBe('unrecognized_keys');
  });
  it('rejects duplicate member ids, naming the member', () => {
    const out = CreateCaseInput.safeParse({ ...valid, household: [valid.household[0], valid.household[0]] });
    expect(out.error!.issues[0]!.path).toEqual(['household', 1, 'id']);
  });
  it('rejects impossible dates', () => {
    expect(CreateCaseInput.safeParse({ ...valid, arrivalDate: '2026-02-30' }).success).toBe(false);
  });
});

describe('CreateReferralInput', () => {
  it('rejects an unknown need', () => {
    const out = CreateReferralInput.safeParse({ officeKind: 'civil_registry', need: 'teleportation' });
    expect(out.error!.issues[0]!.path).toEqual(['need']);
  });
});

describe('isSensitive', () => {
  it('flags health, psycho-social and the protected categories', () => {
    expect(isSensitive({ need: 'psychosocial_support', officeKind: 'mental_health' })).toBe(true);
    expect(isSensitive({ need: 'civil_documents', officeKind: 'civil_registry', categories: ['trafficking_victim'] })).toBe(true);
    expect(isSensitive({ need: 'civil_documents', officeKind: 'civil_registry', categories: ['prison_release'] })).toBe(true);
    expect(isSensitive({ need: 'social_support', officeKind: 'social_work_centre', categories: ['elderly_without_family_care'] })).toBe(false);
  });
});
