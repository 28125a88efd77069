import { z } from 'zod';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import { Language, MunicipalityId, Need, OfficeKind, PersonCategory, VulnerableCategory } from './vocabulary.js';

/** A calendar date as the coordinator writes it: YYYY-MM-DD. */
export const IsoDate = z.iso.date();

/**
 * Phone numbers come as typed by the coordinator: "+383 44 123 456", "044 123 456" (Kosovo
 * numbers without the country code) or a foreign number with its +code (many returnees still
 * carry a German number). Stored as E.164.
 */
export const PhoneNumber = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .refine((s) => isValidPhoneNumber(s, 'XK'), { message: 'not a valid phone number (use +383… or the international format)' })
  .transform((s) => parsePhoneNumberFromString(s, 'XK')!.number);

export const HouseholdMember = z.strictObject({
  /** Short id within the case, used to say who a referral is for (e.g. "p1"). */
  id: z.string().regex(/^[a-z0-9-]{1,20}$/, 'a short id of lower-case letters, digits or -'),
  givenName: z.string().trim().min(1).max(80),
  familyName: z.string().trim().min(1).max(80),
  birthYear: z.number().int().min(1900).max(2100),
  role: z.enum(['head', 'spouse', 'child', 'other']),
});
export type HouseholdMember = z.infer<typeof HouseholdMember>;

/** POST /cases. Only what routing and messaging need; the case file itself lives in SMR. */
export const CreateCaseInput = z
  .strictObject({
    smrCaseId: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9/-]{2,39}$/, 'an SMR case id such as "SMR-2026-0142"'),
    municipalityId: MunicipalityId,
    coordinatorId: z.string().min(1),
    arrivalDate: IsoDate,
    category: PersonCategory,
    preferredLanguage: Language,
    phone: PhoneNumber.optional(),
    consent: z.strictObject({
      sms: z.boolean(),
      shareWithOffices: z.boolean(),
    }),
    household: z.array(HouseholdMember).min(1).max(30),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.household.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['household', i, 'id'], message: `duplicate member id "${m.id}"` });
      seen.add(m.id);
    });
  });
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

/** POST /cases/{caseId}/referrals */
export const CreateReferralInput = z.strictObject({
  officeKind: OfficeKind,
  need: Need,
  /** Household members the referral is for; all of them when omitted. */
  personIds: z.array(z.string().min(1)).min(1).max(30).optional(),
  categories: z.array(VulnerableCategory).max(8).optional(),
  note: z.string().trim().max(500).optional(),
});
export type CreateReferralInput = z.infer<typeof CreateReferralInput>;

export const CaseId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a case id as returned by POST /cases');
