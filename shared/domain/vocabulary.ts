import * as z from './zod.js';

/**
 * The platform's vocabulary, from the municipal plans (see ../shared/DOMAIN.md).
 * Every edge (HTTP, directory files, stream images) validates against these.
 */

/** Languages a person or office can receive messages in. sr-Latn is the default Serbian script. */
export const Language = z.enum(['sq', 'sr-Latn', 'sr-Cyrl', 'en']);
export type Language = z.infer<typeof Language>;

/** Languages an office reads (office mail is written in sq and/or Serbian Latin). */
export const OfficeLanguage = z.enum(['sq', 'sr-Latn', 'en']);
export type OfficeLanguage = z.infer<typeof OfficeLanguage>;

/** A text in the three languages an office or place is named in. sr is Serbian in Latin script. */
export const Trilingual = z.object({
  sq: z.string().check(z.minLength(1)),
  sr: z.string().check(z.minLength(1)),
  en: z.string().check(z.minLength(1)),
});
export type Trilingual = z.infer<typeof Trilingual>;

export const OfficeKind = z.enum([
  'civil_registry', // ZGJC / KCS
  'employment_office', // ZP / KZ
  'social_work_centre', // QPS / CSR
  'education_directorate', // DKA / ODO
  'vocational_training', // QAP
  'health', // DSHMS / QKMF
  'mental_health', // QMF (mental health centre)
  'housing',
  'police', // PK / KP (community police)
  'cso', // OSHC / OCD
  'reintegration_commission', // KKR / OKR: renovation, reconstruction and rent schemes, on to DRPR(IH) through its regional coordinator
  'agriculture_directorate', // agricultural grants and subsidies (calls for applications)
  'legal_aid', // the Free Legal Aid Agency's regional office
  'dropout_prevention', // EPPRM: school drop-out prevention and response team
]);
export type OfficeKind = z.infer<typeof OfficeKind>;

/** What a referral asks an office to do. */
export const Need = z.enum([
  'civil_documents',
  'job_seeker_registration',
  'social_support',
  'school_enrolment',
  'vocational_training',
  'health_care',
  'psychosocial_support',
  'housing',
  'police_assistance',
  'specialised_service',
  'housing_reconstruction',
  'rent_subsidy',
  'agriculture_grant',
  'free_legal_aid',
  'school_dropout_prevention',
  'language_course',
]);
export type Need = z.infer<typeof Need>;

/** Special groups named by the plans; some are sensitive (see isSensitive). */
export const VulnerableCategory = z.enum([
  'elderly_without_family_care',
  'trafficking_victim',
  'domestic_violence_victim',
  'child_abuse_victim',
  'drug_user',
  'prison_release',
  'person_with_disability',
  'single_parent',
]);
export type VulnerableCategory = z.infer<typeof VulnerableCategory>;

/**
 * Needs and categories that must never appear in an email subject or any SMS:
 * victims of trafficking, domestic violence or abuse, health and psycho-social needs,
 * drug use, release from prison.
 */
export const SENSITIVE_NEEDS: ReadonlySet<Need> = new Set<Need>(['health_care', 'psychosocial_support']);
export const SENSITIVE_CATEGORIES: ReadonlySet<VulnerableCategory> = new Set<VulnerableCategory>([
  'trafficking_victim',
  'domestic_violence_victim',
  'child_abuse_victim',
  'drug_user',
  'prison_release',
]);
export const SENSITIVE_OFFICE_KINDS: ReadonlySet<OfficeKind> = new Set<OfficeKind>(['health', 'mental_health']);

export function isSensitive(r: { need: Need; officeKind: OfficeKind; categories?: readonly VulnerableCategory[] }): boolean {
  return (
    SENSITIVE_NEEDS.has(r.need) ||
    SENSITIVE_OFFICE_KINDS.has(r.officeKind) ||
    (r.categories ?? []).some((c) => SENSITIVE_CATEGORIES.has(c))
  );
}

export const PersonCategory = z.enum(['returnee', 'foreigner']);
export type PersonCategory = z.infer<typeof PersonCategory>;

/**
 * A foreigner's protection or permit, where the coordinator knows it: the forms of international
 * protection of the Law on Asylum (refugee status, subsidiary protection) and temporary protection,
 * the temporary residence permits of the Law on Foreigners by their purpose, and statelessness.
 * The Partesh plan starts a foreigner's clocks at "marrja e statusit / lejes së qëndrimit"
 * ("dobijanje statusa / dozvole za boravak").
 */
export const PermitKind = z.enum([
  'refugee_status',
  'subsidiary_protection',
  'temporary_protection',
  'residence_family',
  'residence_work',
  'residence_study',
  'residence_other',
  'stateless',
]);
export type PermitKind = z.infer<typeof PermitKind>;

export const MunicipalityId = z.string().check(z.regex(/^[a-z][a-z0-9-]{1,40}$/, 'a lower-case municipality id such as "obiliq"'));

/** Why an office declines a referral (it picks one on the decline page). */
export const DECLINE_REASONS = ['client_refused', 'lack_of_capacity', 'unable_to_contact', 'not_eligible', 'no_longer_needed', 'other'] as const;
export const DeclineReason = z.enum(DECLINE_REASONS);
export type DeclineReason = z.infer<typeof DeclineReason>;

/** What an office reports when the referral is over. */
export const REFERRAL_OUTCOMES = ['done', 'not_done'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** The kinds of coordination meeting a municipality holds (ad_hoc: one with its own title). */
export const MEETING_KINDS = ['directorates', 'all_actors', 'projects', 'donors', 'ad_hoc'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
