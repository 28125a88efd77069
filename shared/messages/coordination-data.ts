import type { IndicatorTarget } from '../domain/indicators.js';
import type { QuarterFigures } from '../domain/quarters.js';
import type { DeclineReason, MeetingKind, Need, OfficeKind, Trilingual } from '../domain/vocabulary.js';

/**
 * What the coordination emails (meetings, digests, quarterly report) are rendered with. The
 * deciding code builds these from indexes and counters; the renderers only format them.
 * None of them carries a returnee's name, phone or address: cases are named by SMR case id.
 */

/** The office kinds whose referrals the plans count as "persons referred to …". */
export const INDICATOR_OFFICE_KINDS = [
  'civil_registry',
  'employment_office',
  'social_work_centre',
  'education_directorate',
  'vocational_training',
] as const satisfies readonly OfficeKind[];

/** One thing someone must act on, named by SMR case id only. */
export interface ActionPoint {
  kind: 'overdue' | 'declined' | 'nearing_closure' | 'failed_delivery' | 'measure_overdue';
  smrCaseId: string;
  /** the office concerned (overdue, declined) */
  office?: Trilingual;
  need?: Need;
  declineReason?: DeclineReason;
  /** failed_delivery: which channel failed */
  channel?: 'email' | 'sms';
  /** YYYY-MM-DD: due date (overdue, measure_overdue), answered (declined), closure date (nearing_closure), failed on (failed_delivery) */
  date: string;
  /** when true the need is never named (only "a referral") */
  sensitive: boolean;
}

/** Invitation, update, reminder, cancellation: the same data. */
export interface MeetingEmailData {
  meetingId: string;
  kind: MeetingKind;
  /** free text for an ad-hoc meeting, in the convener's language; absent for recurring kinds (the template names them) */
  title?: string;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  convener: { name: string; email: string; phone: string };
  /** ISO instants; shown as dd.MM.yyyy HH:mm in Europe/Belgrade */
  start: string;
  end: string;
  location: Trilingual;
  /** 0 for the first invitation; > 0 means "the meeting was changed" */
  sequence: number;
  /** on a reschedule: the time it was moved from */
  previousStart?: string;
  /** meeting.reminder only: 7 or 1 */
  daysBefore?: number;
  /** the general agenda: counts only, the same for every invitee */
  agenda: {
    overdue: number;
    declined: number;
    nearingClosure: number;
    failedDeliveries: number;
    figures: QuarterFigures;
  };
  /** this invitee's own action points (an office: its referrals; the convener: all); may be empty */
  actionPoints: ActionPoint[];
}

/** To the convener after the meeting: record whether it was held and which cases were discussed. */
export interface MinutesRequestData {
  meetingId: string;
  kind: MeetingKind;
  title?: string;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  convenerName: string;
  start: string;
  /** the API path to post the minutes to, e.g. "POST /meetings/obiliq-...-20261201/minutes" */
  minutesPath: string;
}

export interface DigestData {
  frequency: 'daily' | 'weekly';
  coordinatorName: string;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  /** YYYY-MM-DD, inclusive, Europe/Belgrade */
  periodStart: string;
  periodEnd: string;
  newCases: { smrCaseId: string; arrivalDate: string; householdSize: number }[];
  /** per office with any activity in the period, or anything overdue now */
  referralsByOffice: { office: Trilingual; sent: number; accepted: number; declined: number; completed: number; notCompleted: number; overdue: number }[];
  /** referrals past their acknowledgement date now (kind 'overdue') */
  overdue: ActionPoint[];
  /** next 7 days; title is the coordinator's own free text */
  upcomingAppointments: { smrCaseId: string; kind: 'appointment' | 'deadline'; when: string; title: string }[];
  /** escalations that fired in the period */
  escalations: { smrCaseId: string; kind: 'head_of_office' | 'coordinator_flag' | 'home_visit'; office?: Trilingual; at: string }[];
  /** notifications that finally failed, or whose outcome is unknown, in the period */
  failedDeliveries: { smrCaseId: string; channel: 'email' | 'sms'; status: 'failed' | 'unconfirmed'; at: string }[];
  /** what is due now, this coordinator's own cases first (absent in digests written before it) */
  due?: Due;
  /**
   * daily: every acceptance and "done" on this coordinator's own cases in the period, oldest first
   * (each in place of an email, so none is left out); absent in weekly digests and those written before
   */
  answers?: DigestAnswer[];
}

/** An office's answer in the digest: the case by SMR id, the office, what it answered and when; no names. */
export interface DigestAnswer {
  smrCaseId: string;
  office: Trilingual;
  answer: 'accepted' | 'completed';
  at: string;
}

export interface QuarterlyReportData {
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  figures: QuarterFigures;
  /** the plan's baseline and targets per indicator code (the directory's indicatorTargets); absent: none shown */
  targets?: Record<string, IndicatorTarget>;
  /** file name of the CSV attached, e.g. "indicators-obiliq-2026-Q3.csv" */
  csvFileName: string;
}

/** What is due in a coordinator's digest (digests/due.ts reads it): ids, dates and codes only. */
export type DueKind = 'home_visit' | 'monitoring' | 'evaluation' | 'closure' | 'measures' | 'stuck' | 'follow_up';

export interface DueLine {
  smrCaseId: string;
  kind: DueKind;
  /** YYYY-MM-DD: the visit's deadline, the clock's day, the oldest overdue measure's due date, when a referral got stuck, when a delivery failed */
  date: string;
  /** the date has passed */
  overdue: boolean;
  /** measures: how many are overdue */
  count?: number;
  /** stuck: the office the waiting referral is for, its need (absent when sensitive), and what became of its prerequisite */
  office?: Trilingual;
  need?: Need;
  because?: 'declined' | 'cancelled' | 'not_completed';
  /** follow_up: the channel that failed */
  channel?: 'email' | 'sms';
}

export type DueSectionName = 'homeVisits' | 'caseClocks' | 'measuresOverdue' | 'stuckReferrals' | 'followUps';

/** A section of one coordinator's digest: how many, how many of their own, and the first lines, their own first. */
export interface DueSection {
  count: number;
  own: number;
  lines: (DueLine & { own: boolean })[];
}

export type Due = Record<DueSectionName, DueSection>;
