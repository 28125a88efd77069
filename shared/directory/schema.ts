import * as z from '../domain/zod.js';
import { Language, MunicipalityId, OfficeKind, OfficeLanguage, Trilingual } from '../domain/vocabulary.js';
import { SmsPolicy } from '../domain/sms-policy.js';
import { AnswerChoice, DigestChoice } from '../domain/digest.js';
import { INDICATOR_CODES } from '../domain/indicators.js';

const ReservedEmail = z.email().check(
  // Directory files must never hold real addresses: placeholders live under reserved domains (RFC 2606).
  z.refine((e) => /@([a-z0-9-]+\.)*(example\.(org|com|net)|[a-z0-9-]+\.(test|example|invalid))$/i.test(e), {
    message: 'must be a placeholder address under a reserved domain (example.org, *.test, …)',
  }),
);

export const Office = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{2,60}$/)),
  kind: OfficeKind,
  name: Trilingual,
  /** Street address and place, shown to returnees ("where to go"). */
  address: Trilingual,
  /** Opening hours in words, e.g. "Mon–Fri 08:00–16:00". */
  hours: Trilingual,
  email: ReservedEmail,
  /** Languages the office reads; a bilingual office gets bilingual mail. */
  languages: z.array(OfficeLanguage).check(z.minLength(1)),
  /** Head of office, for escalations (later issue). */
  head: z.optional(z.object({ email: ReservedEmail })),
});
export type Office = z.infer<typeof Office>;

export const Coordinator = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{2,60}$/)),
  name: z.string().check(z.minLength(1)),
  email: ReservedEmail,
  /** E.164, +383… */
  phone: z.string().check(z.regex(/^\+[1-9]\d{6,14}$/)),
  language: Language,
  /** The digest the coordinator gets unless they chose otherwise through the API. */
  digest: z._default(DigestChoice, 'both'),
  /** An office's acceptance or "done": in the daily digest (default) or an email at once, unless they chose otherwise. */
  answers: z._default(AnswerChoice, 'digest'),
});
export type Coordinator = z.infer<typeof Coordinator>;

/**
 * Others the coordinator works with: civil-society and international organisations, donors,
 * organisations implementing reintegration projects, DRPR's regional coordinator and the
 * Mayor's office, and the ministries the plans report to (MAPL; the MPB's department, DRPRIH).
 * They are invited to meetings and receive reports; they get no referrals.
 */
export const ContactRole = z.enum(['cso', 'international', 'project', 'donor', 'drpr', 'mayors_office', 'mapl', 'drprih']);
export type ContactRole = z.infer<typeof ContactRole>;

export const Contact = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{2,60}$/)),
  role: ContactRole,
  name: Trilingual,
  email: ReservedEmail,
  languages: z.array(OfficeLanguage).check(z.minLength(1)),
});
export type Contact = z.infer<typeof Contact>;

/** A recurring coordination meeting, e.g. the directorates on the first Tuesday of the month at 10:00. */
export const MeetingRule = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/)),
  kind: z.enum(['directorates', 'all_actors', 'projects', 'donors']),
  /** RFC 5545 RRULE body (FREQ=MONTHLY;BYDAY=1TU); the time of day comes from `time`. */
  rrule: z.string().check(z.minLength(1)),
  /** Local time, Europe/Belgrade. */
  time: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm')),
  durationMinutes: z.number().check(z.int(), z.gte(15), z.lte(480)),
  location: Trilingual,
  /** The coordinator who convenes it (receives the minutes request). */
  convenerId: z.string(),
  /** Who is invited besides the municipality's coordinators: office kinds and contact roles. */
  invite: z.object({
    officeKinds: z._default(z.array(OfficeKind), []),
    contactRoles: z._default(z.array(ContactRole), []),
  }),
});
export type MeetingRule = z.infer<typeof MeetingRule>;

/**
 * A plan's baseline and targets for one of the platform's indicators (shared/domain/indicators.ts),
 * read from the plan's indicator tables: a share as 0..1 (the plans write 40 %), a count as a number.
 */
export const IndicatorTarget = z.strictObject({
  baseline: z.number().check(z.gte(0)),
  targets: z.array(z.strictObject({ year: z.number().check(z.int(), z.gte(2000), z.lte(2100)), value: z.number().check(z.gte(0)) })).check(z.minLength(1)),
  /** where in the plan, in its own words, so a reader can check the figure */
  source: z.string().check(z.minLength(3)),
});

const IndicatorCode = z.string().check(z.refine((c) => INDICATOR_CODES.includes(c), { message: 'not an indicator code of the report (shared/domain/indicators.ts)' }));

export const Municipality = z.object({
  id: MunicipalityId,
  name: Trilingual,
  /** Office names of the coordinator's own office (ZKKK / OKZP). */
  coordinatorOffice: Trilingual,
  /**
   * The national reintegration department as the municipality's plan names it, for the texts
   * that ask the coordinator to visit with it: DRPR in Obiliq's 2019–2022 plan, DRPRIH (with
   * the integration of foreigners) in Partesh's 2023–2025 plan; ORRLIS in Serbian. Absent: DRPR.
   */
  reintegrationDepartment: z.optional(Trilingual),
  timeZone: z.literal('Europe/Belgrade'),
  /** Working days an office has to acknowledge a referral (plans: default 5). */
  ackWorkingDays: z.number().check(z.int(), z.gte(1), z.lte(30)),
  /** Per office kind, where an office has more (or less) time than the municipality's default. */
  ackWorkingDaysByKind: z.optional(z.partialRecord(OfficeKind, z.number().check(z.int(), z.gte(1), z.lte(30)))),
  coordinators: z.array(Coordinator).check(z.minLength(1)),
  offices: z.array(Office).check(z.minLength(1)),
  contacts: z._default(z.array(Contact), []),
  meetings: z._default(z.array(MeetingRule), []),
  /** Contact ids that receive the quarterly indicator report besides the coordinators (DRPR, Mayor's office, MAPL, DRPRIH). */
  quarterlyReportTo: z._default(z.array(z.string()), []),
  /** Per indicator code, the plan's baseline and targets; the report shows them beside the value. */
  indicatorTargets: z.optional(z.record(IndicatorCode, IndicatorTarget)),
  /**
   * The municipality's SMS cost policy (segment cap, letters per language, sender ID, price cap).
   * Absent: DEFAULT_SMS_POLICY, applied by Directory.smsPolicy() rather than written in here, so
   * that a directory entry built in code needs no policy of its own.
   */
  sms: z.optional(SmsPolicy),
});
export type Municipality = z.infer<typeof Municipality>;
