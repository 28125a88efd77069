/**
 * Sample data for every template in the catalogue, for the operator CLI (`preview`, `templates`).
 * Shaped like the Obiliq directory entries, with placeholder contacts only; the shapes follow
 * test/unit/messages/fixtures.ts, but the CLI does not import from test/.
 *
 * SAMPLES is keyed by TemplateId, so a template added to the catalogue without sample data here
 * fails the type check.
 */
import type { Trilingual } from '../shared/directory/schema.js';
import type { Language, Need } from '../shared/domain/vocabulary.js';
import {
  srLatnToCyrl,
  type ActionPoint,
  type AddressAlertData,
  type AppointmentSmsData,
  type CaseNoticeData,
  type DigestData,
  type MeetingEmailData,
  type MinutesRequestData,
  type QuarterFigures,
  type QuarterlyReportData,
  type ReferralAcceptedSmsData,
  type ReferralAnswerData,
  type ReferralEmailData,
  type ReferralLinks,
  type ReferralNoticeData,
  type ReferralSmsData,
  type TemplateId,
} from '../shared/messages/index.js';

const OBILIQ: Trilingual = { sq: 'Obiliq', sr: 'Obilić', en: 'Obiliq' };
const ZKKK_OBILIQ: Trilingual = { sq: 'ZKKK Obiliq', sr: 'OKZP Obilić', en: 'Office for Communities and Returns, Obiliq' };
const COORDINATOR = { name: 'Besa Gashi', email: 'koordinatori@obiliq.example.org', phone: '+38344123456' };

const CIVIL_REGISTRY: ReferralNoticeData['office'] = {
  kind: 'civil_registry',
  name: { sq: 'Zyra e Gjendjes Civile Obiliq', sr: 'Kancelarija civilnog stanja Obilić', en: 'Civil Registry Office Obiliq' },
};
const EMPLOYMENT_OFFICE: Trilingual = { sq: 'Zyra e Punësimit Obiliq', sr: 'Kancelarija za zapošljavanje Obilić', en: 'Employment Office Obiliq' };
const MENTAL_HEALTH: Trilingual = { sq: 'Qendra e Shëndetit Mendor Obiliq', sr: 'Centar za mentalno zdravlje Obilić', en: 'Mental Health Centre Obiliq' };

const WEEKDAYS: Trilingual = { sq: 'E hënë–e premte 08:00–16:00', sr: 'pon–pet 08:00–16:00', en: 'Mon–Fri 08:00–16:00' };
const ADEM_JASHARI: Trilingual = { sq: 'Rr. Adem Jashari, Obiliq', sr: 'Ul. Adema Jasharija, Obilić', en: 'Adem Jashari St, Obiliq' };

/** The office a returnee is sent to, for the needs the samples use. */
const SMS_OFFICES = {
  civil_documents: {
    name: CIVIL_REGISTRY.name,
    address: { sq: 'Rr. Hasan Prishtina, Obiliq', sr: 'Ul. Hasana Prištine, Obilić', en: 'Hasan Prishtina St, Obiliq' },
    hours: WEEKDAYS,
  },
  job_seeker_registration: { name: EMPLOYMENT_OFFICE, address: ADEM_JASHARI, hours: WEEKDAYS },
  health_care: {
    name: { sq: 'QKMF Obiliq', sr: 'Dom zdravlja Obilić', en: 'Family Medicine Centre Obiliq' },
    address: ADEM_JASHARI,
    hours: { sq: 'Çdo ditë 07:00–19:00', sr: 'svaki dan 07:00–19:00', en: 'Daily 07:00–19:00' },
  },
} satisfies Partial<Record<Need, ReferralSmsData['office']>>;

function smsData(need: keyof typeof SMS_OFFICES): ReferralSmsData {
  return { coordinatorOffice: ZKKK_OBILIQ, coordinatorPhone: COORDINATOR.phone, office: SMS_OFFICES[need], need };
}

const LINKS: ReferralLinks = {
  accept: 'https://referrals.example.org/r/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9/accept?exp=1796083200&sig=Zm9vYmFy',
  decline: 'https://referrals.example.org/r/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9/decline?exp=1796083200&sig=YmF6cXV4',
  outcome: 'https://referrals.example.org/r/01JD7ZQ4Y8K2M3N4P5Q6R7S8T9/outcome?exp=1796083200&sig=cXV1eHg9',
};

const REFERRAL_EMAIL: ReferralEmailData = {
  referralId: '01JD7ZQ4Y8K2M3N4P5Q6R7S8T9',
  smrCaseId: 'SMR-2026-0142',
  municipality: OBILIQ,
  coordinatorOffice: ZKKK_OBILIQ,
  coordinator: COORDINATOR,
  office: CIVIL_REGISTRY,
  need: 'civil_documents',
  categories: [],
  consentToShare: true,
  persons: [
    { givenName: 'Arben', familyName: 'Krasniqi', birthYear: 1984 },
    { givenName: 'Drita', familyName: 'Krasniqi', birthYear: 1987 },
    { givenName: 'Ardit', familyName: 'Krasniqi', birthYear: 2012 },
  ],
  householdSize: 4,
  arrivalDate: '2026-11-20',
  dueDate: '2026-11-27',
  note: 'Familja pret dokumentet nga Gjermania.',
  sensitive: false,
  links: LINKS,
  linksExpire: '2026-12-04',
};

const REFERRAL_NOTICE: ReferralNoticeData = {
  referralId: '01JD7ZQ4Y8K2M3N4P5Q6R7S8T9',
  smrCaseId: 'SMR-2026-0142',
  caseId: '01JD7ZP0000000000000000000',
  municipality: OBILIQ,
  coordinatorOffice: ZKKK_OBILIQ,
  coordinator: COORDINATOR,
  office: CIVIL_REGISTRY,
  need: 'civil_documents',
  sensitive: false,
  sentDate: '2026-11-20',
  dueDate: '2026-11-27',
};

const CASE_NOTICE: CaseNoticeData = {
  caseId: '01JD7ZP0000000000000000000',
  smrCaseId: 'SMR-2026-0142',
  municipality: OBILIQ,
  coordinatorOffice: ZKKK_OBILIQ,
  coordinatorName: COORDINATOR.name,
  category: 'returnee',
  householdSize: 4,
  arrivalDate: '2026-11-20',
  deadline: '2026-11-22T23:00:00Z',
  occurrence: 3,
};

type FreeText = Pick<AppointmentSmsData, 'title' | 'where' | 'bring'>;

/** What a coordinator would type, in the returnee's language (sr-Cyrl: the sr-Latn text transliterated). */
function perLanguage(t: Record<Exclude<Language, 'sr-Cyrl'>, FreeText>): Record<Language, FreeText> {
  const sr = t['sr-Latn'];
  return {
    ...t,
    'sr-Cyrl': { title: srLatnToCyrl(sr.title), where: srLatnToCyrl(sr.where), bring: sr.bring === undefined ? undefined : srLatnToCyrl(sr.bring) },
  };
}

const APPOINTMENT_TEXT = perLanguage({
  sq: { title: 'Regjistrimi si punëkërkues', where: 'Zyra e Punësimit, Rr. Adem Jashari, Obiliq', bring: 'letërnjoftimin dhe diplomat' },
  'sr-Latn': { title: 'Prijava kao tražilac posla', where: 'Kancelarija za zapošljavanje, Obilić', bring: 'ličnu kartu i diplome' },
  en: { title: 'Job-seeker registration', where: 'Employment Office, Adem Jashari St, Obiliq', bring: 'ID card and diplomas' },
});

const DEADLINE_TEXT = perLanguage({
  sq: { title: 'aplikimi për ndihmë sociale', where: 'QPS Obiliq, Rr. Adem Jashari', bring: 'letërnjoftimin, certifikatën e familjes' },
  'sr-Latn': { title: 'zahtev za socijalnu pomoć', where: 'CSR Obilić, Ul. Adema Jasharija', bring: 'ličnu kartu, uverenje o članovima domaćinstva' },
  en: { title: 'the social assistance application', where: 'Centre for Social Work, Adem Jashari St, Obiliq', bring: 'ID card, certificate of household members' },
});

function appointmentSms(kind: 'appointment' | 'deadline', lang: Language): AppointmentSmsData {
  const text = (kind === 'appointment' ? APPOINTMENT_TEXT : DEADLINE_TEXT)[lang];
  // 09:30 in Kosovo on Sunday 29.03.2026
  return { coordinatorOffice: ZKKK_OBILIQ, coordinatorPhone: COORDINATOR.phone, when: '2026-03-29T07:30:00Z', ...text };
}

function answer(overrides: Partial<ReferralAnswerData> = {}): ReferralAnswerData {
  return {
    referralId: '01JD7ZQ4Y8K2M3N4P5Q6R7S8T9',
    smrCaseId: 'SMR-2026-0142',
    caseId: '01JD7ZP0000000000000000000',
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    coordinatorName: COORDINATOR.name,
    office: CIVIL_REGISTRY,
    need: 'civil_documents',
    sensitive: false,
    answeredAt: '2026-11-23T09:15:00Z',
    ...overrides,
  };
}

const ALTERNATIVES: NonNullable<ReferralAnswerData['alternatives']> = [
  {
    name: { sq: 'Zyra e Gjendjes Civile, nënzyra Plemetin', sr: 'Kancelarija civilnog stanja, kancelarija Plemetina', en: 'Civil Registry, Plemetin sub-office' },
    email: 'gjendja.plemetin@obiliq.example.org',
  },
  { name: { sq: 'OJQ Ndihma', sr: 'NVO Pomoć', en: 'NGO Ndihma' }, email: 'info@ndihma.example.org' },
];

const ACCEPTED_SMS: ReferralAcceptedSmsData = { ...smsData('job_seeker_registration'), sensitive: false };

const FIGURES: QuarterFigures = {
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
};

const OVERDUE_POINT: ActionPoint = {
  kind: 'overdue',
  smrCaseId: 'SMR-2026-0123',
  office: CIVIL_REGISTRY.name,
  need: 'civil_documents',
  date: '2026-12-02',
  sensitive: false,
};
const SENSITIVE_POINT: ActionPoint = {
  kind: 'overdue',
  smrCaseId: 'SMR-2026-0124',
  office: MENTAL_HEALTH,
  need: 'psychosocial_support',
  date: '2026-11-26',
  sensitive: true,
};
const ACTION_POINTS: ActionPoint[] = [
  OVERDUE_POINT,
  SENSITIVE_POINT,
  { kind: 'declined', smrCaseId: 'SMR-2026-0125', office: EMPLOYMENT_OFFICE, need: 'job_seeker_registration', declineReason: 'not_eligible', date: '2026-11-20', sensitive: false },
  { kind: 'nearing_closure', smrCaseId: 'SMR-2025-0031', date: '2027-01-15', sensitive: false },
  { kind: 'failed_delivery', smrCaseId: 'SMR-2026-0130', channel: 'sms', date: '2026-11-29', sensitive: false },
];

/** 10:00–12:00 in Kosovo on Tuesday 01.12.2026. */
function meeting(overrides: Partial<MeetingEmailData> = {}): MeetingEmailData {
  return {
    meetingId: 'obiliq-directorates-20261201',
    kind: 'directorates',
    municipality: OBILIQ,
    coordinatorOffice: ZKKK_OBILIQ,
    convener: COORDINATOR,
    start: '2026-12-01T09:00:00Z',
    end: '2026-12-01T11:00:00Z',
    location: { sq: 'Salla e Kuvendit, Obiliq', sr: 'Sala Skupštine, Obilić', en: 'Assembly hall, Obiliq' },
    sequence: 0,
    agenda: { overdue: 3, declined: 1, nearingClosure: 2, failedDeliveries: 1, figures: FIGURES },
    actionPoints: ACTION_POINTS,
    ...overrides,
  };
}

const MINUTES: MinutesRequestData = {
  meetingId: 'obiliq-directorates-20261201',
  kind: 'directorates',
  municipality: OBILIQ,
  coordinatorOffice: ZKKK_OBILIQ,
  convenerName: COORDINATOR.name,
  start: '2026-12-01T09:00:00Z',
  minutesPath: 'POST /meetings/obiliq-directorates-20261201/minutes',
};

const DIGEST: DigestData = {
  frequency: 'weekly',
  coordinatorName: COORDINATOR.name,
  municipality: OBILIQ,
  coordinatorOffice: ZKKK_OBILIQ,
  periodStart: '2026-11-23',
  periodEnd: '2026-11-29',
  newCases: [
    { smrCaseId: 'SMR-2026-0150', arrivalDate: '2026-11-25', householdSize: 4 },
    { smrCaseId: 'SMR-2026-0151', arrivalDate: '2026-11-27', householdSize: 1 },
  ],
  referralsByOffice: [
    { office: CIVIL_REGISTRY.name, sent: 3, accepted: 2, declined: 0, completed: 1, overdue: 1 },
    { office: EMPLOYMENT_OFFICE, sent: 2, accepted: 1, declined: 1, completed: 0, overdue: 0 },
  ],
  overdue: [OVERDUE_POINT, SENSITIVE_POINT],
  upcomingAppointments: [
    { smrCaseId: 'SMR-2026-0150', kind: 'appointment', when: '2026-12-02T08:30:00Z', title: 'Regjistrimi si punëkërkues' },
    { smrCaseId: 'SMR-2026-0142', kind: 'deadline', when: '2026-12-04T15:00:00Z', title: 'aplikimi për ndihmë sociale' },
  ],
  escalations: [
    { smrCaseId: 'SMR-2026-0123', kind: 'head_of_office', office: CIVIL_REGISTRY.name, at: '2026-11-26T07:00:00Z' },
    { smrCaseId: 'SMR-2026-0120', kind: 'coordinator_flag', office: EMPLOYMENT_OFFICE, at: '2026-11-27T07:00:00Z' },
    { smrCaseId: 'SMR-2026-0150', kind: 'home_visit', at: '2026-11-28T23:00:00Z' },
  ],
  failedDeliveries: [
    { smrCaseId: 'SMR-2026-0130', channel: 'sms', status: 'failed', at: '2026-11-29T10:00:00Z' },
    { smrCaseId: 'SMR-2026-0131', channel: 'email', status: 'unconfirmed', at: '2026-11-29T11:00:00Z' },
  ],
};

const REPORT: QuarterlyReportData = {
  municipality: OBILIQ,
  coordinatorOffice: ZKKK_OBILIQ,
  figures: FIGURES,
  csvFileName: 'indicators-obiliq-2026-Q4.csv',
};

/** A referral email to the civil registry bounced for good (its mailbox no longer exists). */
const ADDRESS_ALERT: AddressAlertData = {
  reason: 'bounce',
  address: 'gjendjacivile@obiliq.example.org',
  who: CIVIL_REGISTRY.name,
  messageKind: 'referral',
  smrCaseId: 'SMR-2026-0142',
  sentAt: '2026-11-23T09:05:00Z',
  reportedAt: '2026-11-23T09:06:12Z',
  code: 'Permanent / General (5.1.1)',
  municipality: OBILIQ,
};

/** A fresh copy each time: renderers must never see (or change) shared objects. */
const fresh = <T>(value: T): Record<string, unknown> => structuredClone(value) as Record<string, unknown>;

/**
 * Per template id, the sample data as an intent would carry it, for the returnee's or the
 * reader's language (only the appointment and deadline SMS depend on it: their free text is
 * typed in the returnee's language).
 */
export const SAMPLES: Readonly<Record<TemplateId, (lang: Language) => Record<string, unknown>>> = {
  'referral.office.email': () => fresh(REFERRAL_EMAIL),
  'referral.returnee.sms': () => fresh(smsData('civil_documents')),
  'referral.returnee.sms.private': () => fresh(smsData('health_care')),
  'referral.office.reminder': () => fresh(REFERRAL_NOTICE),
  'referral.head.escalation': () => fresh(REFERRAL_NOTICE),
  'referral.coordinator.overdue': () => fresh(REFERRAL_NOTICE),
  'visit.coordinator.reminder': () => fresh(CASE_NOTICE),
  'visit.coordinator.escalation': () => fresh(CASE_NOTICE),
  'case.coordinator.monitoring': () => fresh(CASE_NOTICE),
  'case.coordinator.evaluation': () => fresh(CASE_NOTICE),
  'case.coordinator.closure': () => fresh(CASE_NOTICE),
  'appointment.returnee.evening': (lang) => fresh(appointmentSms('appointment', lang)),
  'appointment.returnee.morning': (lang) => fresh(appointmentSms('appointment', lang)),
  'deadline.returnee.evening': (lang) => fresh(appointmentSms('deadline', lang)),
  'deadline.returnee.morning': (lang) => fresh(appointmentSms('deadline', lang)),
  'referral.coordinator.accepted': () => fresh(answer()),
  'referral.coordinator.declined': () => fresh(answer({ reason: 'lack_of_capacity', alternatives: ALTERNATIVES, note: 'Call us first.' })),
  'referral.coordinator.outcome': () => fresh(answer({ outcome: 'done', note: 'Documents issued.' })),
  'referral.returnee.accepted': () => fresh(ACCEPTED_SMS),
  'meeting.invitation': () => fresh(meeting()),
  'meeting.rescheduled': () => fresh(meeting({ sequence: 1, previousStart: '2026-11-28T09:00:00Z' })),
  'meeting.cancelled': () => fresh(meeting({ sequence: 2 })),
  'meeting.reminder': () => fresh(meeting({ daysBefore: 7 })),
  'meeting.minutes_request': () => fresh(MINUTES),
  'digest.coordinator': () => fresh(DIGEST),
  'report.quarterly': () => fresh(REPORT),
  'followup.coordinator': () =>
    fresh({
      smrCaseId: 'SMR-2026-000123',
      coordinatorName: 'Coordinator',
      reason: 'opted_out',
      message: 'ZKKK Obiliq: Ju jeni referuar te Gjendja Civile, Rr. Hasan Prishtina, E hënë–E premte 08:00–16:00. Merrni me vete letërnjoftimin.',
    }),
  'alert.address_undeliverable': () => fresh(ADDRESS_ALERT),
};

export function sampleData(templateId: TemplateId, lang: Language): Record<string, unknown> {
  return SAMPLES[templateId](lang);
}
