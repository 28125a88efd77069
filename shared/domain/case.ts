import * as z from './zod.js';
import { isValidPhone, PHONE_LENGTH, PHONE_MESSAGE, toE164 } from './phone.js';
import { Language, MunicipalityId, Need, OfficeKind, PermitKind, PersonCategory, VulnerableCategory } from './vocabulary.js';

/** Months from arrival to the final evaluation and closure. */
export const CASE_MONTHS = 18;

/** Why a coordinator stopped SMS to a returnee. */
export const SmsOptOutReason = z.enum(['returnee_asked', 'wrong_number', 'no_phone_access', 'other']);
export type SmsOptOutReason = z.infer<typeof SmsOptOutReason>;

/** A calendar date as the coordinator writes it: YYYY-MM-DD. */
export const IsoDate = z.iso.date();

/**
 * Phone numbers come as typed by the coordinator: "+383 44 123 456", "044 123 456" (Kosovo
 * numbers without the country code) or a foreign number with its +code (many returnees still
 * carry a German number). Stored as E.164. The rule itself is in phone.ts, shared with the console.
 * Pure (as is CreateCaseInput, which uses it): a function that never takes a typed number bundles
 * none of libphonenumber-js's metadata (120 KB). Built in a pure arrow: zod/mini's form passes
 * isValidPhone as an argument, which esbuild keeps from a pure call (the classic chain had it in
 * the callee, which it drops).
 */
export const PhoneNumber = /* @__PURE__ */ (() =>
  z.pipe(
    z.string().check(z.trim(), z.minLength(PHONE_LENGTH.min), z.maxLength(PHONE_LENGTH.max), z.refine(isValidPhone, { message: PHONE_MESSAGE })),
    z.transform((s) => toE164(s)!),
  ))();

export const HouseholdMember = z.strictObject({
  /** Short id within the case, used to say who a referral is for (e.g. "p1"). */
  id: z.string().check(z.regex(/^[a-z0-9-]{1,20}$/, 'a short id of lower-case letters, digits or -')),
  givenName: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  familyName: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  birthYear: z.number().check(z.int(), z.gte(1900), z.lte(2100)),
  role: z.enum(['head', 'spouse', 'child', 'other']),
});
export type HouseholdMember = z.infer<typeof HouseholdMember>;

/** POST /cases. Only what routing and messaging need; the case file itself lives in SMR. */
export const CreateCaseInput = /* @__PURE__ */ (() =>
  z.strictObject({
    smrCaseId: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9/-]{2,39}$/, 'an SMR case id such as "SMR-2026-0142"')),
    municipalityId: MunicipalityId,
    coordinatorId: z.string().check(z.minLength(1)),
    arrivalDate: IsoDate,
    category: PersonCategory,
    /** A foreigner's: the day the protection status or residence permit was granted; the clocks start from it. */
    permitDate: z.optional(IsoDate),
    /** A foreigner's: which protection or permit, where the coordinator knows it. */
    permit: z.optional(PermitKind),
    preferredLanguage: Language,
    phone: z.optional(PhoneNumber),
    consent: z.strictObject({
      sms: z.boolean(),
      shareWithOffices: z.boolean(),
    }),
    household: z.array(HouseholdMember).check(z.minLength(1), z.maxLength(30)),
  }).check(z.superRefine((c, ctx) => {
    for (const field of ['permitDate', 'permit'] as const) {
      if (c[field] !== undefined && c.category !== 'foreigner') ctx.addIssue({ code: 'custom', path: [field], message: 'only for a foreigner (category "foreigner")' });
    }
    const seen = new Set<string>();
    c.household.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['household', i, 'id'], message: `duplicate member id "${m.id}"` });
      seen.add(m.id);
    });
  }))
)();
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

/**
 * The day a case's clocks start (72-hour visit, monitoring, evaluation, closure at 18 months): a
 * returnee's arrival, or a foreigner's protection status or residence permit when the coordinator
 * gave its date (the Partesh plan: "72 orë pas kthimit, apo pas marrjes së statusit / lejes së
 * qëndrimit"); a foreigner without one is counted from arrival.
 */
export function clockStartDate(c: { category: PersonCategory; arrivalDate: string; permitDate?: string | undefined }): string {
  return c.category === 'foreigner' && c.permitDate ? c.permitDate : c.arrivalDate;
}

/** POST /cases/{caseId}/referrals */
/**
 * A create request's own id (POST …/referrals, …/appointments, /meetings), made by the client once
 * per form and sent again on every retry of it: the item's id derives from it (request.ts), so a
 * retry makes nothing twice. Without it each request makes a new item.
 */
export const RequestId = z.optional(z.uuid());

export const CreateReferralInput = z.strictObject({
  officeKind: OfficeKind,
  need: Need,
  /** Household members the referral is for; all of them when omitted. */
  personIds: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(30))),
  categories: z.optional(z.array(VulnerableCategory).check(z.maxLength(8))),
  note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  /** Another referral of the case that must be completed first (e.g. civil documents before school enrolment). */
  dependsOn: z.optional(z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a referral id of this case'))),
  requestId: RequestId,
});
export type CreateReferralInput = z.infer<typeof CreateReferralInput>;

export const CaseId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a case id as returned by POST /cases'));

/** An instant with its offset, e.g. "2026-11-25T09:30:00+01:00" or "…Z". */
export const Instant = z.iso.datetime({ offset: true });

/** POST /cases/{caseId}/home-visit: the 72-hour visit took place. */
export const RecordVisitInput = z.strictObject({
  visitedAt: z.optional(Instant),
});

/** POST /cases/{caseId}/home-visit/plan: when the joint home visit will be (planned, or moved). */
export const PlanVisitInput = z.strictObject({
  /** The start, with its offset; it must fall on a working day within working hours in Kosovo. */
  at: Instant,
  durationMinutes: z._default(z.number().check(z.int(), z.gte(30), z.lte(240)), 60),
  /** Where the team meets before going to the family, e.g. "ZKKK office, 2nd floor"; the coordinator's office when absent. Never the family's address: it goes to the offices' calendars. */
  meetAt: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
});
export type PlanVisitInput = z.infer<typeof PlanVisitInput>;

/** POST /cases/{caseId}/appointments: an appointment to attend or a legal deadline to meet. */
export const AppointmentInput = z.strictObject({
  kind: z.enum(['appointment', 'deadline']),
  when: Instant,
  /** Short, in the returnee's language: "registration as job seeker", "application for social assistance". */
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  where: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  bring: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
  requestId: RequestId,
});
export type AppointmentInput = z.infer<typeof AppointmentInput>;

/** PUT /cases/{caseId}/appointments/{appointmentId}: move it (and its reminders) or correct it. */
export const RescheduleInput = z.strictObject({
  when: z.optional(Instant),
  title: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
  where: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
  /** null: nothing to bring any more. Title and place cannot be cleared: the reminders name them. */
  bring: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(120)))),
  /** The appointment's version as the caller read it (GET returns it): another one now is a 409, so a stale tab undoes no colleague's move. */
  version: z.optional(z.number().check(z.int(), z.positive())),
}).check(z.refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to change: give when, title, where or bring' }));
export type RescheduleInput = z.infer<typeof RescheduleInput>;

export const CancelReferralInput = z.strictObject({
  reason: z.enum(['no_longer_needed', 'client_refused', 'referred_elsewhere', 'entered_in_error', 'other']),
});
