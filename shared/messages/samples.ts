/**
 * Sample data for every template: the one set the operator CLI previews (`npm run cli -- preview`,
 * `templates`), the benchmarks count and the unit tests render. Shaped like the Obiliq and Partesh
 * directory entries, with placeholder contacts only. Not part of any Lambda bundle: nothing the
 * functions import imports this.
 *
 * SAMPLES is keyed by TemplateId, so a template added without sample data fails the type check.
 * The builders take overrides, for the tests that need a variant (no consent, a sensitive need …).
 */
import { OfficeKind, type Language, type Need, type Trilingual } from '../domain/vocabulary.js';
import type { AddressAlertData } from './alerts.js';
import type { ReferralAcceptedSmsData, ReferralAnswerData } from './answers.js';
import type { CaseFileFigures, QuarterFigures } from '../domain/quarters.js';
import type { ActionPoint, DigestData, MeetingEmailData, MinutesRequestData, QuarterlyReportData } from './coordination-data.js';
import type { FollowUpData } from './follow-ups.js';
import type { HouseholdSmsData } from './household.js';
import type { CaseNoticeData, ReferralNoticeData } from './notices.js';
import type { AppointmentSmsData } from './reminders.js';
import type { FamilySmsData, VisitInvitationData } from './visits.js';
import type { ReferralEmailData, ReferralLinks, ReferralSmsData } from './render.js';
import type { TemplateId } from '../domain/template-ids.js';
import { srLatnToCyrl } from './translit.js';
import { familySenderName } from './visits.js';
import type { BlockedReferralData } from './waiting.js';
import type { CannotComeData } from './page-answers.js';

export const OBILIQ: Trilingual = { sq: 'Obiliq', sr: 'Obilić', en: 'Obiliq' };
export const ZKKK_OBILIQ: Trilingual = {
  sq: 'ZKKK Obiliq',
  sr: 'OKZP Obilić',
  en: 'Office for Communities and Returns, Obiliq',
};
/** Who signs the returnee SMS of an Obiliq case, as the deciders put it in `coordinatorOffice` (familySenderName). */
export const FAMILY_SENDER_OBILIQ: Trilingual = familySenderName({ category: 'returnee', municipality: OBILIQ, coordinatorOffice: ZKKK_OBILIQ });
export const PARTESH: Trilingual = { sq: 'Partesh', sr: 'Parteš', en: 'Partesh' };
export const ZKKK_PARTESH: Trilingual = {
  sq: 'ZKKK Partesh',
  sr: 'OKZP Parteš',
  en: 'Office for Communities and Returns, Partesh',
};

/** Per need, the office a returnee is sent to (names, addresses and hours as a directory would hold them). */
export const SMS_OFFICES: Record<Need, ReferralSmsData['office']> = {
  civil_documents: {
    name: { sq: 'Zyra e Gjendjes Civile Obiliq', sr: 'Kancelarija civilnog stanja Obilić', en: 'Civil Registry Office Obiliq' },
    address: { sq: 'Rr. Hasan Prishtina, Obiliq', sr: 'Ul. Hasana Prištine, Obilić', en: 'Hasan Prishtina St, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  job_seeker_registration: {
    name: { sq: 'Zyra e Punësimit Obiliq', sr: 'Kancelarija za zapošljavanje Obilić', en: 'Employment Office Obiliq' },
    address: { sq: 'Rr. Adem Jashari, Obiliq', sr: 'Ul. Adema Jasharija, Obilić', en: 'Adem Jashari St, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  social_support: {
    name: { sq: 'Qendra për Punë Sociale Obiliq', sr: 'Centar za socijalni rad Obilić', en: 'Centre for Social Work Obiliq' },
    address: { sq: 'Rr. Adem Jashari, Obiliq', sr: 'Ul. Adema Jasharija, Obilić', en: 'Adem Jashari St, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  school_enrolment: {
    name: { sq: 'Drejtoria e Arsimit Obiliq', sr: 'Direkcija za obrazovanje Obilić', en: 'Education Directorate Obiliq' },
    address: { sq: 'Ndërtesa e Komunës, Obiliq', sr: 'Zgrada opštine, Obilić', en: 'Municipal building, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  vocational_training: {
    name: { sq: 'Qendra e Aftësimit Profesional', sr: 'Centar za stručno osposobljavanje', en: 'Vocational Training Centre' },
    address: { sq: 'Rr. Nëna Terezë, Prishtinë', sr: 'Ul. Majke Tereze, Priština', en: 'Mother Teresa St, Pristina' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  health_care: {
    name: { sq: 'QKMF Obiliq', sr: 'Dom zdravlja Obilić', en: 'Family Medicine Centre Obiliq' },
    address: { sq: 'Rr. Adem Jashari, Obiliq', sr: 'Ul. Adema Jasharija, Obilić', en: 'Adem Jashari St, Obiliq' },
    hours: { sq: 'Çdo ditë 07:00–19:00', sr: 'svaki dan 07:00–19:00', en: 'Daily 07:00–19:00' },
  },
  psychosocial_support: {
    name: { sq: 'Qendra e Shëndetit Mendor', sr: 'Centar za mentalno zdravlje', en: 'Mental Health Centre' },
    address: { sq: 'Rr. Adem Jashari, Obiliq', sr: 'Ul. Adema Jasharija, Obilić', en: 'Adem Jashari St, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  housing: {
    name: { sq: 'Drejtoria e Urbanizmit Obiliq', sr: 'Direkcija za urbanizam Obilić', en: 'Urban Planning Directorate Obiliq' },
    address: { sq: 'Ndërtesa e Komunës, Obiliq', sr: 'Zgrada opštine, Obilić', en: 'Municipal building, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  police_assistance: {
    name: { sq: 'Stacioni Policor Obiliq', sr: 'Policijska stanica Obilić', en: 'Police Station Obiliq' },
    address: { sq: 'Rr. Skënderbeu, Obiliq', sr: 'Ul. Skenderbegova, Obilić', en: 'Skenderbeu St, Obiliq' },
    hours: { sq: 'Çdo ditë, 24 orë', sr: 'svaki dan, 24 sata', en: 'Daily, 24 hours' },
  },
  specialised_service: {
    name: { sq: 'OJQ Ndihma', sr: 'NVO Pomoć', en: 'NGO Ndihma' },
    address: { sq: 'Rr. Adem Jashari, Obiliq', sr: 'Ul. Adema Jasharija, Obilić', en: 'Adem Jashari St, Obiliq' },
    hours: { sq: 'E hënë–e premte 09:00–17:00', sr: 'pon–pet 09:00–17:00', en: 'Mon–Fri 09:00–17:00' },
  },
  housing_reconstruction: {
    name: { sq: 'KKR Obiliq', sr: 'OKR Obilić', en: 'Reintegration Commission Obiliq' },
    address: { sq: 'Ndërtesa e Komunës, Obiliq', sr: 'Zgrada opštine, Obilić', en: 'Municipal building, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  rent_subsidy: {
    name: { sq: 'KKR Obiliq', sr: 'OKR Obilić', en: 'Reintegration Commission Obiliq' },
    address: { sq: 'Ndërtesa e Komunës, Obiliq', sr: 'Zgrada opštine, Obilić', en: 'Municipal building, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  agriculture_grant: {
    name: { sq: 'Drejtoria e Bujqësisë Obiliq', sr: 'Direkcija za poljoprivredu Obilić', en: 'Agriculture Directorate Obiliq' },
    address: { sq: 'Ndërtesa e Komunës, Obiliq', sr: 'Zgrada opštine, Obilić', en: 'Municipal building, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  free_legal_aid: {
    name: { sq: 'Ndihma Juridike Falas', sr: 'Besplatna pravna pomoć', en: 'Free Legal Aid' },
    address: { sq: 'Zyra Rajonale, Prishtinë', sr: 'Regionalna kancelarija, Priština', en: 'Regional Office, Pristina' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  school_dropout_prevention: {
    name: { sq: 'EPPRM Obiliq', sr: 'Tim za sprečavanje napuštanja škole', en: 'School drop-out team Obiliq' },
    address: { sq: 'Drejtoria e Arsimit, Obiliq', sr: 'Direkcija za obrazovanje, Obilić', en: 'Education Directorate, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
  language_course: {
    name: { sq: 'Drejtoria e Arsimit Obiliq', sr: 'Direkcija za obrazovanje Obilić', en: 'Education Directorate Obiliq' },
    address: { sq: 'Ndërtesa e Komunës, Obiliq', sr: 'Zgrada opštine, Obilić', en: 'Municipal building, Obiliq' },
    hours: { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' },
  },
};

export function smsData(need: Need): ReferralSmsData {
  return { coordinatorOffice: FAMILY_SENDER_OBILIQ, coordinatorPhone: '+38344123456', office: SMS_OFFICES[need], need };
}

export const PERSONS = [
  { givenName: 'Arben', familyName: 'Krasniqi', birthYear: 1984 },
  { givenName: 'Drita', familyName: 'Krasniqi', birthYear: 1987 },
  { givenName: 'Ardit', familyName: 'Krasniqi', birthYear: 2012 },
];

export function emailData(overrides: Partial<ReferralEmailData> = {}): ReferralEmailData {
  return {
    referralId: '01JD7ZQ4Y8K2M3N4P5Q6R7S8T9',
    smrCaseId: 'SMR-2026-0142',
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    coordinator: { name: 'Besa Gashi', email: 'koordinatori@obiliq.example.org', phone: '+38344123456' },
    office: {
      kind: 'civil_registry',
      name: { sq: 'Zyra e Gjendjes Civile Obiliq', sr: 'Kancelarija civilnog stanja Obilić', en: 'Civil Registry Office Obiliq' },
    },
    need: 'civil_documents',
    categories: [],
    consentToShare: true,
    persons: PERSONS,
    householdSize: 4,
    arrivalDate: '2026-11-20',
    dueDate: '2026-11-27',
    note: 'Familja pret dokumentet nga Gjermania.',
    sensitive: false,
    ...overrides,
  };
}

export const CIVIL_REGISTRY_OBILIQ: ReferralNoticeData['office'] = {
  kind: 'civil_registry',
  name: { sq: 'Zyra e Gjendjes Civile Obiliq', sr: 'Kancelarija civilnog stanja Obilić', en: 'Civil Registry Office Obiliq' },
};
export const MENTAL_HEALTH_OBILIQ: ReferralNoticeData['office'] = {
  kind: 'mental_health',
  name: { sq: 'Qendra e Shëndetit Mendor Obiliq', sr: 'Centar za mentalno zdravlje Obilić', en: 'Mental Health Centre Obiliq' },
};

export function referralNoticeData(overrides: Partial<ReferralNoticeData> = {}): ReferralNoticeData {
  return {
    referralId: '01JD7ZQ4Y8K2M3N4P5Q6R7S8T9',
    smrCaseId: 'SMR-2026-0142',
    caseId: '01JD7ZP0000000000000000000',
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    coordinator: { name: 'Besa Gashi', email: 'koordinatori@obiliq.example.org', phone: '+38344123456' },
    office: CIVIL_REGISTRY_OBILIQ,
    need: 'civil_documents',
    sensitive: false,
    sentDate: '2026-11-20',
    dueDate: '2026-11-27',
    ...overrides,
  };
}

export function caseNoticeData(overrides: Partial<CaseNoticeData> = {}): CaseNoticeData {
  return {
    caseId: '01JD7ZP0000000000000000000',
    smrCaseId: 'SMR-2026-0142',
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    coordinatorName: 'Besa Gashi',
    category: 'returnee',
    householdSize: 4,
    arrivalDate: '2026-11-20',
    // arrival day 00:00 in Kosovo + 72 hours (as the timers plan it)
    deadline: '2026-11-22T23:00:00Z',
    occurrence: 3,
    // case.coordinator.rent_review: the rent provided, and the end of its 12 months
    doneDate: '2026-12-14',
    endDate: '2027-12-14',
    ...overrides,
  };
}

type FreeText = Pick<AppointmentSmsData, 'title' | 'where' | 'bring'>;
type Written = Exclude<Language, 'sr-Cyrl'>;

/** What a coordinator would type, in the returnee's language (sr-Cyrl: the sr-Latn text transliterated). */
function perLanguage(t: Record<Written, FreeText>): Record<Language, FreeText> {
  const sr = t['sr-Latn'];
  const cyr = (s: string | undefined) => (s === undefined ? undefined : srLatnToCyrl(s));
  return { ...t, 'sr-Cyrl': { title: cyr(sr.title)!, where: cyr(sr.where)!, bring: cyr(sr.bring) } };
}

export const APPOINTMENT_TEXT = perLanguage({
  sq: { title: 'Regjistrimi si punëkërkues', where: 'Zyra e Punësimit, Rr. Adem Jashari, Obiliq', bring: 'letërnjoftimin dhe diplomat' },
  'sr-Latn': { title: 'Prijava kao tražilac posla', where: 'Kancelarija za zapošljavanje, Obilić', bring: 'ličnu kartu i diplome' },
  en: { title: 'Job-seeker registration', where: 'Employment Office, Adem Jashari St, Obiliq', bring: 'ID card and diplomas' },
});

export const DEADLINE_TEXT = perLanguage({
  sq: { title: 'aplikimi për ndihmë sociale', where: 'QPS Obiliq, Rr. Adem Jashari', bring: 'letërnjoftimin, certifikatën e familjes' },
  'sr-Latn': { title: 'zahtev za socijalnu pomoć', where: 'CSR Obilić, Ul. Adema Jasharija', bring: 'ličnu kartu, uverenje o članovima domaćinstva' },
  en: {
    title: 'the social assistance application',
    where: 'Centre for Social Work, Adem Jashari St, Obiliq',
    bring: 'ID card, certificate of household members',
  },
});

/** 09:30 in Kosovo on Sunday 29.03.2026, the first day of summer time (07:30 UTC). */
export const SUMMER_MORNING = '2026-03-29T07:30:00Z';
/** 09:30 in Kosovo on Saturday 28.03.2026, the last day of winter time (08:30 UTC). */
export const WINTER_MORNING = '2026-03-28T08:30:00Z';

export function appointmentSmsData(
  kind: 'appointment' | 'deadline',
  lang: Language,
  overrides: Partial<AppointmentSmsData> = {},
): AppointmentSmsData {
  const text = (kind === 'appointment' ? APPOINTMENT_TEXT : DEADLINE_TEXT)[lang];
  return { coordinatorOffice: FAMILY_SENDER_OBILIQ, coordinatorPhone: '+38344123456', when: SUMMER_MORNING, ...text, ...overrides };
}

/**
 * The returnee page's link as the deliverer signs it (shared/links/page-link.ts): a ULID case id,
 * its expiry day and MAC; the bench and the tests count SMS with it "page on".
 */
export const SAMPLE_PAGE_URL = 'https://referrals.example.org/p/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9.AE2k8Qz1cVb7XmN0';

/** Signed one-click links as the API would mint them (query strings with & and =, to test escaping). */
export const LINKS: ReferralLinks = {
  accept: 'https://referrals.example.org/r/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9/accept?exp=1796083200&sig=Zm9vYmFy',
  decline: 'https://referrals.example.org/r/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9/decline?exp=1796083200&sig=YmF6cXV4',
  outcome: 'https://referrals.example.org/r/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9/outcome?exp=1796083200&sig=cXV1eHg9',
};

/** Other offices in Obiliq that could take a declined civil-documents referral. */
export const ALTERNATIVES: NonNullable<ReferralAnswerData['alternatives']> = [
  {
    name: { sq: 'Zyra e Gjendjes Civile, nënzyra Plemetin', sr: 'Kancelarija civilnog stanja, kancelarija Plemetina', en: 'Civil Registry, Plemetin sub-office' },
    email: 'gjendja.plemetin@obiliq.example.org',
  },
  { name: { sq: 'OJQ Ndihma', sr: 'NVO Pomoć', en: 'NGO Ndihma' }, email: 'info@ndihma.example.org' },
];

/** 10:15 in Kosovo on Monday 23.11.2026 (winter time, UTC+1). */
export const ANSWERED_AT = '2026-11-23T09:15:00Z';

export function answerData(overrides: Partial<ReferralAnswerData> = {}): ReferralAnswerData {
  return {
    referralId: '01JD7ZQ4Y8K2M3N4P5Q6R7S8T9',
    smrCaseId: 'SMR-2026-0142',
    caseId: '01JD7ZP0000000000000000000',
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    coordinatorName: 'Besa Gashi',
    office: CIVIL_REGISTRY_OBILIQ,
    need: 'civil_documents',
    sensitive: false,
    answeredAt: ANSWERED_AT,
    ...overrides,
  };
}

export function blockedData(overrides: Partial<BlockedReferralData> = {}): BlockedReferralData {
  const { referralId, smrCaseId, caseId, municipality, coordinatorOffice, coordinatorName } = answerData();
  return {
    referralId,
    smrCaseId,
    caseId,
    municipality,
    coordinatorOffice,
    coordinatorName,
    office: { kind: 'employment_office', name: { sq: 'Zyra e Punësimit Obiliq', sr: 'Kancelarija za zapošljavanje Obilić', en: 'Employment Office Obiliq' } },
    need: 'job_seeker_registration',
    prerequisite: { office: CIVIL_REGISTRY_OBILIQ, need: 'civil_documents', status: 'declined' },
    blockedAt: ANSWERED_AT,
    ...overrides,
  };
}

export function acceptedSmsData(need: Need, overrides: Partial<ReferralAcceptedSmsData> = {}): ReferralAcceptedSmsData {
  return { ...smsData(need), sensitive: false, ...overrides };
}

// ---------------------------------------------------------------------------------------------
// Coordination: meetings, digests, the quarterly report (SMR case ids only, no returnee names)
// ---------------------------------------------------------------------------------------------

export const EMPLOYMENT_OFFICE_OBILIQ: Trilingual = {
  sq: 'Zyra e Punësimit Obiliq',
  sr: 'Kancelarija za zapošljavanje Obilić',
  en: 'Employment Office Obiliq',
};

/** Persons referred per office kind, the kinds not named at 0. */
const referredPerOffice = (some: Partial<Record<OfficeKind, number>>): Record<OfficeKind, number> =>
  Object.fromEntries(OfficeKind.options.map((k) => [k, some[k] ?? 0])) as Record<OfficeKind, number>;

/** Q4 2026 so far: 15 of 20 answers in time. */
export function quarterFigures(overrides: Partial<QuarterFigures> = {}): QuarterFigures {
  return {
    year: 2026,
    quarter: 4,
    periodStart: '2026-10-01',
    periodEnd: '2026-12-31',
    casesOpened: 12,
    casesClosed: 3,
    personsReferred: {
      civil_registry: 9,
      employment_office: 5,
      social_work_centre: 4,
      education_directorate: 3,
      vocational_training: 0,
      health: 2,
      mental_health: 0,
      housing: 0,
      police: 0,
      cso: 1,
      reintegration_commission: 0,
      agriculture_directorate: 0,
      legal_aid: 0,
      dropout_prevention: 0,
    },
    referralsMade: 24,
    referralsAnswered: 20,
    referralsAnsweredInTime: 15,
    answeredInTimeShare: 0.75,
    accepted: 17,
    declined: 3,
    completed: 9,
    notCompleted: 2,
    meetingsHeld: 2,
    casesDiscussed: 7,
    meetings: { regular: { held: 1, casesDiscussed: 4 }, ad_hoc: { held: 1, casesDiscussed: 3 } },
    byCategory: {
      returnee: caseFileFigures({ personsReferred: referredPerOffice({ civil_registry: 8, employment_office: 5, social_work_centre: 3, education_directorate: 3, health: 2, cso: 1 }), casesOpened: 10, homeVisits: 9, homeVisitsInTime: 7, assessmentsDone: 8, plansMade: 6, caseManagersNamed: 5, monitoringVisits: 14, monitoringCalls: 4, evaluations: 3 }, { sustainably_reintegrated: 2, re_emigrated: 1 }),
      foreigner: caseFileFigures({ personsReferred: referredPerOffice({ civil_registry: 1, social_work_centre: 1 }), casesOpened: 2, homeVisits: 2, homeVisitsInTime: 2, assessmentsDone: 2, plansMade: 1, caseManagersNamed: 1, monitoringVisits: 2, monitoringCalls: 1, evaluations: 0 }),
    },
    ...overrides,
  };
}

/** One group's case-file figures, the shares worked out as figuresFrom does. */
function caseFileFigures(n: Omit<CaseFileFigures, 'homeVisitsInTimeShare' | 'plansMadeShare' | 'closedByOutcome' | 'sustainablyReintegratedShare'>, closed: Partial<CaseFileFigures['closedByOutcome']> = {}): CaseFileFigures {
  const closedByOutcome = { sustainably_reintegrated: 0, moved_municipality: 0, re_emigrated: 0, deceased: 0, other: 0, ...closed };
  const total = Object.values(closedByOutcome).reduce((a, b) => a + b, 0);
  return {
    ...n,
    homeVisitsInTimeShare: n.casesOpened ? n.homeVisitsInTime / n.casesOpened : null,
    plansMadeShare: n.assessmentsDone ? n.plansMade / n.assessmentsDone : null,
    closedByOutcome,
    sustainablyReintegratedShare: total ? closedByOutcome.sustainably_reintegrated / total : null,
  };
}

export const OVERDUE_POINT: ActionPoint = {
  kind: 'overdue',
  smrCaseId: 'SMR-2026-0123',
  office: CIVIL_REGISTRY_OBILIQ.name,
  need: 'civil_documents',
  date: '2026-12-02',
  sensitive: false,
};
export const SENSITIVE_POINT: ActionPoint = {
  kind: 'overdue',
  smrCaseId: 'SMR-2026-0124',
  office: MENTAL_HEALTH_OBILIQ.name,
  need: 'psychosocial_support',
  date: '2026-11-26',
  sensitive: true,
};
export const DECLINED_POINT: ActionPoint = {
  kind: 'declined',
  smrCaseId: 'SMR-2026-0125',
  office: EMPLOYMENT_OFFICE_OBILIQ,
  need: 'job_seeker_registration',
  declineReason: 'not_eligible',
  date: '2026-11-20',
  sensitive: false,
};
/** The plan the monthly monitoring reminder lists: goals as a coordinator types them, one overdue. */
function monitoringPlan(lang: Language) {
  const goals = {
    sq: ['Letërnjoftim për kryefamiljarin', 'Regjistrim si punëkërkues'],
    'sr-Latn': ['Lična karta za nosioca domaćinstva', 'Prijava na evidenciju nezaposlenih'],
    en: ['Identity card for the head of household', 'Registration as a job seeker'],
  }[lang === 'sr-Cyrl' ? 'sr-Latn' : lang];
  return {
    hasPlan: true,
    measures: [
      { goal: goals[0]!, dueDate: '2026-12-15', status_in_progress: true, overdue: true },
      { goal: goals[1]!, dueDate: '2027-01-20', status_planned: true, overdue: false },
    ],
  };
}

export const CLOSURE_POINT: ActionPoint = { kind: 'nearing_closure', smrCaseId: 'SMR-2025-0031', date: '2027-01-15', sensitive: false };
export const FAILED_POINT: ActionPoint = { kind: 'failed_delivery', smrCaseId: 'SMR-2026-0130', channel: 'sms', date: '2026-11-29', sensitive: false };
export const ACTION_POINTS: ActionPoint[] = [OVERDUE_POINT, SENSITIVE_POINT, DECLINED_POINT, CLOSURE_POINT, FAILED_POINT];

/** 10:00–12:00 in Kosovo on Tuesday 01.12.2026 (winter time, UTC+1); moved there from 28.11. */
export function meetingData(overrides: Partial<MeetingEmailData> = {}): MeetingEmailData {
  return {
    meetingId: 'obiliq-directorates-20261201',
    kind: 'directorates',
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    convener: { name: 'Besa Gashi', email: 'koordinatori@obiliq.example.org', phone: '+38344123456' },
    start: '2026-12-01T09:00:00Z',
    end: '2026-12-01T11:00:00Z',
    location: { sq: 'Salla e Kuvendit, Obiliq', sr: 'Sala Skupštine, Obilić', en: 'Assembly hall, Obiliq' },
    sequence: 0,
    agenda: { overdue: 3, declined: 1, nearingClosure: 2, failedDeliveries: 1, figures: quarterFigures() },
    actionPoints: ACTION_POINTS,
    ...overrides,
  };
}

export function minutesData(overrides: Partial<MinutesRequestData> = {}): MinutesRequestData {
  return {
    meetingId: 'obiliq-directorates-20261201',
    kind: 'directorates',
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    convenerName: 'Besa Gashi',
    start: '2026-12-01T09:00:00Z',
    minutesPath: 'POST /meetings/obiliq-directorates-20261201/minutes',
    ...overrides,
  };
}

/** A week with something in every section. */
export function digestData(overrides: Partial<DigestData> = {}): DigestData {
  return {
    frequency: 'weekly',
    coordinatorName: 'Besa Gashi',
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    periodStart: '2026-11-23',
    periodEnd: '2026-11-29',
    newCases: [
      { smrCaseId: 'SMR-2026-0150', arrivalDate: '2026-11-25', householdSize: 4 },
      { smrCaseId: 'SMR-2026-0151', arrivalDate: '2026-11-27', householdSize: 1 },
    ],
    referralsByOffice: [
      { office: CIVIL_REGISTRY_OBILIQ.name, sent: 3, accepted: 2, declined: 0, completed: 1, notCompleted: 1, overdue: 1 },
      { office: EMPLOYMENT_OFFICE_OBILIQ, sent: 2, accepted: 1, declined: 1, completed: 0, notCompleted: 0, overdue: 0 },
    ],
    overdue: [OVERDUE_POINT, SENSITIVE_POINT],
    upcomingAppointments: [
      { smrCaseId: 'SMR-2026-0150', kind: 'appointment', when: '2026-12-02T08:30:00Z', title: 'Regjistrimi si punëkërkues' },
      { smrCaseId: 'SMR-2026-0142', kind: 'deadline', when: '2026-12-04T15:00:00Z', title: 'aplikimi për ndihmë sociale' },
    ],
    escalations: [
      { smrCaseId: 'SMR-2026-0123', kind: 'head_of_office', office: CIVIL_REGISTRY_OBILIQ.name, at: '2026-11-26T07:00:00Z' },
      { smrCaseId: 'SMR-2026-0120', kind: 'coordinator_flag', office: EMPLOYMENT_OFFICE_OBILIQ, at: '2026-11-27T07:00:00Z' },
      { smrCaseId: 'SMR-2026-0150', kind: 'home_visit', at: '2026-11-28T23:00:00Z' },
    ],
    failedDeliveries: [
      { smrCaseId: 'SMR-2026-0130', channel: 'sms', status: 'failed', at: '2026-11-29T10:00:00Z' },
      { smrCaseId: 'SMR-2026-0131', channel: 'email', status: 'unconfirmed', at: '2026-11-29T11:00:00Z' },
    ],
    // A daily digest's section (in place of an email each); here too, so its words are reviewed.
    answers: [
      { smrCaseId: 'SMR-2026-0142', office: CIVIL_REGISTRY_OBILIQ.name, answer: 'accepted', at: '2026-11-26T09:15:00Z' },
      { smrCaseId: 'SMR-2026-0150', office: EMPLOYMENT_OFFICE_OBILIQ, answer: 'completed', at: '2026-11-27T13:40:00Z' },
    ],
    due: {
      homeVisits: { count: 2, own: 1, lines: [
        { smrCaseId: 'SMR-2026-0151', kind: 'home_visit', date: '2026-11-30', overdue: false, own: true },
        { smrCaseId: 'SMR-2026-0150', kind: 'home_visit', date: '2026-11-28', overdue: true, own: false },
      ] },
      caseClocks: { count: 7, own: 2, lines: [
        { smrCaseId: 'SMR-2026-0101', kind: 'monitoring', date: '2026-12-01', overdue: false, own: true },
        { smrCaseId: 'SMR-2026-0102', kind: 'evaluation', date: '2026-12-03', overdue: false, own: true },
        { smrCaseId: 'SMR-2025-0033', kind: 'closure', date: '2026-11-27', overdue: true, own: false },
        { smrCaseId: 'SMR-2026-0104', kind: 'monitoring', date: '2026-12-02', overdue: false, own: false },
        { smrCaseId: 'SMR-2026-0105', kind: 'monitoring', date: '2026-12-04', overdue: false, own: false },
      ] },
      measuresOverdue: { count: 1, own: 1, lines: [{ smrCaseId: 'SMR-2026-0101', kind: 'measures', date: '2026-11-15', overdue: true, count: 2, own: true }] },
      stuckReferrals: { count: 2, own: 0, lines: [
        { smrCaseId: 'SMR-2026-0123', kind: 'stuck', date: '2026-11-26', overdue: true, office: EMPLOYMENT_OFFICE_OBILIQ, need: 'job_seeker_registration', because: 'declined', own: false },
        { smrCaseId: 'SMR-2026-0124', kind: 'stuck', date: '2026-11-27', overdue: true, office: CIVIL_REGISTRY_OBILIQ.name, because: 'not_completed', own: false },
      ] },
      followUps: { count: 1, own: 1, lines: [{ smrCaseId: 'SMR-2026-0130', kind: 'follow_up', date: '2026-11-29', overdue: true, channel: 'sms', own: true }] },
    },
    ...overrides,
  };
}

/** A quiet day: every section empty. */
export function emptyDigestData(overrides: Partial<DigestData> = {}): DigestData {
  const { due: _due, ...quiet } = digestData({
    frequency: 'daily',
    periodStart: '2026-11-30',
    periodEnd: '2026-11-30',
    newCases: [],
    referralsByOffice: [],
    overdue: [],
    upcomingAppointments: [],
    escalations: [],
    failedDeliveries: [],
    answers: [],
  });
  return { ...quiet, ...overrides };
}

export function reportData(overrides: Partial<QuarterlyReportData> = {}): QuarterlyReportData {
  return {
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    figures: quarterFigures(),
    targets: {
      plans_made_share: { baseline: 0.4, targets: [{ year: 2020, value: 0.7 }, { year: 2022, value: 0.9 }], source: 'Objektivi 1' },
      sustainably_reintegrated_share: { baseline: 0.5, targets: [{ year: 2020, value: 0.6 }, { year: 2022, value: 0.8 }], source: 'Objektivi 1' },
    },
    csvFileName: 'indicators-obiliq-2026-Q4.csv',
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Alerts and follow-ups
// ---------------------------------------------------------------------------------------------

/** A referral email to the civil registry bounced for good (its mailbox no longer exists). */
export function addressAlertData(overrides: Partial<AddressAlertData> = {}): AddressAlertData {
  return {
    reason: 'bounce',
    address: 'gjendjacivile@obiliq.example.org',
    who: CIVIL_REGISTRY_OBILIQ.name,
    messageKind: 'referral',
    smrCaseId: 'SMR-2026-0142',
    sentAt: '2026-11-23T09:05:00Z',
    reportedAt: '2026-11-23T09:06:12Z',
    code: 'Permanent / General (5.1.1)',
    municipality: OBILIQ,
    ...overrides,
  };
}

/** An SMS the returnee could not be sent: they had replied STOP. */
export function followUpData(overrides: Partial<FollowUpData> = {}): FollowUpData {
  return {
    smrCaseId: 'SMR-2026-000123',
    coordinatorName: 'Coordinator',
    reason: 'opted_out',
    message: 'ZKKK Obiliq: Ju jeni referuar te Gjendja Civile, Rr. Hasan Prishtina, E hënë–E premte 08:00–16:00. Merrni me vete letërnjoftimin.',
    ...overrides,
  };
}

/** Tuesday 24 November 2026, 10:00 in Kosovo: a joint home visit. */
export const VISIT_START = '2026-11-24T09:00:00Z';

export function visitInvitationData(overrides: Partial<VisitInvitationData> = {}): VisitInvitationData {
  return {
    smrCaseId: 'SMR-2026-0142',
    category: 'returnee',
    coordinatorOffice: ZKKK_OBILIQ,
    coordinator: { name: 'Drita Berisha', email: 'koordinatori1.zkkk@obiliq.example.org', phone: '+38344123456' },
    householdSize: 4,
    start: VISIT_START,
    end: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}

export function familySmsData(overrides: Partial<FamilySmsData> = {}): FamilySmsData {
  return { category: 'returnee', municipality: OBILIQ, coordinatorOffice: ZKKK_OBILIQ, coordinatorPhone: '+38344123456', ...overrides };
}

// ---------------------------------------------------------------------------------------------
// One sample per template
// ---------------------------------------------------------------------------------------------

/** A household's appointment today and a referral, due at the same 08:00 (one SMS). */
export function householdSmsData(lang: Language, overrides: Partial<HouseholdSmsData> = {}): HouseholdSmsData {
  return {
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    coordinatorPhone: '+38344123456',
    parts: [
      { template: 'appointment.returnee.morning', data: { ...appointmentSmsData('appointment', lang) } },
      { template: 'referral.returnee.sms', data: { ...smsData('civil_documents') } },
    ],
    ...overrides,
  };
}

/** A fresh copy each time: renderers must never see (or change) shared objects. */
const fresh = <T>(value: T): Record<string, unknown> => structuredClone(value) as Record<string, unknown>;

/**
 * Per template id, the sample data as an intent would carry it, for the returnee's or the
 * reader's language (only the appointment and deadline SMS depend on it: their free text is
 * typed in the returnee's language).
 */
export const SAMPLES: Readonly<Record<TemplateId, (lang: Language) => Record<string, unknown>>> = {
  'referral.office.email': () => fresh(emailData({ links: LINKS, linksExpire: '2026-12-04' })),
  'referral.returnee.sms': () => fresh(smsData('civil_documents')),
  'referral.returnee.sms.private': () => fresh(smsData('health_care')),
  'referral.office.reminder': () => fresh(referralNoticeData({ links: LINKS, linksExpire: '2026-12-18' })),
  'referral.head.escalation': () => fresh(referralNoticeData({ links: LINKS, linksExpire: '2026-12-22' })),
  'referral.coordinator.overdue': () => fresh(referralNoticeData()),
  'referral.office.withdrawn': () => fresh(referralNoticeData()),
  'referral.head.withdrawn': () => fresh(referralNoticeData()),
  'visit.coordinator.reminder': () => fresh(caseNoticeData()),
  'visit.coordinator.escalation': () => fresh(caseNoticeData()),
  'case.coordinator.monitoring': (lang) => fresh({ ...caseNoticeData(), ...monitoringPlan(lang) }),
  'case.coordinator.evaluation': () => fresh(caseNoticeData()),
  'case.coordinator.closure': () => fresh(caseNoticeData()),
  'case.coordinator.rent_review': () => fresh(caseNoticeData()),
  'appointment.returnee.evening': (lang) => fresh(appointmentSmsData('appointment', lang)),
  'appointment.returnee.morning': (lang) => fresh(appointmentSmsData('appointment', lang)),
  'deadline.returnee.evening': (lang) => fresh(appointmentSmsData('deadline', lang)),
  'deadline.returnee.morning': (lang) => fresh(appointmentSmsData('deadline', lang)),
  'referral.coordinator.accepted': () => fresh(answerData()),
  'referral.coordinator.declined': () => fresh(answerData({ reason: 'lack_of_capacity', alternatives: ALTERNATIVES, note: 'Call us first.' })),
  'referral.coordinator.outcome': () => fresh(answerData({ outcome: 'done', note: 'Documents issued.' })),
  'referral.returnee.accepted': () => fresh(acceptedSmsData('job_seeker_registration')),
  'meeting.invitation': () => fresh(meetingData()),
  'meeting.rescheduled': () => fresh(meetingData({ sequence: 1, previousStart: '2026-11-28T09:00:00Z' })),
  'meeting.cancelled': () => fresh(meetingData({ sequence: 2 })),
  'meeting.reminder': () => fresh(meetingData({ daysBefore: 7 })),
  'meeting.minutes_request': () => fresh(minutesData()),
  'digest.coordinator': () => fresh(digestData()),
  'report.quarterly': () => fresh(reportData()),
  'followup.coordinator': () => fresh(followUpData()),
  'alert.address_undeliverable': () => fresh(addressAlertData()),
  'visit.office.invitation': () => fresh(visitInvitationData()),
  'visit.returnee.planned': () => fresh(familySmsData({ start: VISIT_START })),
  'visit.returnee.moved': () => fresh(familySmsData({ start: VISIT_START })),
  'appointment.returnee.moved': () => fresh({ ...familySmsData({ start: '2026-11-27T09:00:00Z' }), previousStart: VISIT_START }),
  'appointment.returnee.cancelled': () => fresh(familySmsData({ start: VISIT_START })),
  'visit.office.cancelled': () => fresh(visitInvitationData()),
  'visit.returnee.cancelled': () => fresh(familySmsData({ start: VISIT_START })),
  'case.returnee.welcome': () => fresh(familySmsData({ coordinatorName: 'Drita' })),
  'case.foreigner.welcome': () => fresh(familySmsData({ category: 'foreigner', municipality: PARTESH, coordinatorOffice: ZKKK_PARTESH, coordinatorName: 'Milica' })),
  'referral.coordinator.blocked': () => fresh(blockedData()),
  'household.returnee.sms': (lang) => fresh(householdSmsData(lang)),
  'grant.returnee.call': () => fresh({ ...familySmsData(), call: 'agriculture', closesOn: '2027-01-29', title: 'Grante për serra 2027', where: 'Drejtoria e Bujqësisë, zyra 12' }),
  'case.coordinator.cannot_come': (lang) =>
    fresh({
      caseId: '01JD7ZQ4Y8K2M3N4P5Q6R7S8T9',
      smrCaseId: 'SMR-2026-0142',
      step: { kind: 'appointment', title: APPOINTMENT_TEXT[lang].title, when: SUMMER_MORNING },
      answeredAt: '2026-03-28T16:12:00Z',
    } satisfies CannotComeData),
};

export function sampleData(templateId: TemplateId, lang: Language): Record<string, unknown> {
  return SAMPLES[templateId](lang);
}
