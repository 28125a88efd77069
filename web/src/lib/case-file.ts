import type { ClosureOutcome, MeasureStatus, MonitoringKind, Responsible } from '../../../shared/domain/case-file.js';
import type { PermitKind as PlatformPermitKind } from '../../../shared/domain/vocabulary.js';
import type { CaseView, OfficeKind } from './types.js';

/**
 * The case file as GET /cases/{id} adds it (issue 17): the FVN's current version, the individual
 * plan, the monitoring record, the closure, a foreigner's permit and the planned home visit, as
 * shared/cases/case-file.ts presents them (the store's modules need Node, so they are restated
 * here); the lists of codes are repeated without zod, held equal to the platform's at compile time.
 */

export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export const MONITORING_KINDS = ['visit', 'call', 'evaluation'] as const;
export const CLOSURE_OUTCOMES = ['sustainably_reintegrated', 'moved_municipality', 're_emigrated', 'deceased', 'other'] as const;
export const PERMIT_KINDS = ['refugee_status', 'subsidiary_protection', 'temporary_protection', 'residence_family', 'residence_work', 'residence_study', 'residence_other', 'stateless'] as const;
export const REFERRAL_OUTCOMES = ['done', 'not_done'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _same: [
  Same<(typeof MEASURE_STATUSES)[number], MeasureStatus>,
  Same<(typeof MONITORING_KINDS)[number], MonitoringKind>,
  Same<(typeof CLOSURE_OUTCOMES)[number], ClosureOutcome>,
  Same<(typeof PERMIT_KINDS)[number], PlatformPermitKind>,
] = [true, true, true, true];
void _same;

export type { ClosureOutcome, MeasureStatus, MonitoringKind };
export type PermitKind = PlatformPermitKind;
export type { Responsible };

export interface Measure {
  measureId: string;
  goal: string;
  responsible: Responsible;
  officeId?: string;
  dueDate: string;
  status: MeasureStatus;
  referralIds: string[];
  note?: string;
  lastReferral?: { referralId: string; status: string; at: string };
  lastProgress?: { monitoringId: string; date: string; note?: string };
}

export interface Monitoring {
  monitoringId: string;
  date: string;
  kind: MonitoringKind;
  note?: string;
  progress: { measureId: string; status: MeasureStatus; note?: string }[];
  schemesAssessment?: string;
  at: string;
  by: string;
}

export interface HomeVisitPlan {
  start: string;
  end: string;
  meetAt?: string;
  sequence: number;
  status: 'planned' | 'done' | 'cancelled';
}

export interface Closure {
  outcome: ClosureOutcome;
  note?: string;
  finalAssessment: string;
  by: string;
}

/** The office kind a measure's responsible names, if it names one by kind. */
export const officeKindOf = (r: Responsible): OfficeKind | undefined => ('officeKind' in r ? r.officeKind : undefined);

export interface Plan {
  kind: 'PIR' | 'PII';
  version: number;
  measures: Measure[];
  caseManager?: { name: string; contact?: string };
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface CaseFileView extends CaseView {
  permitDate?: string;
  permit?: PermitKind;
  homeVisitPlan?: HomeVisitPlan;
  assessment: { version: number; at: string; by: string; referralIds: string[] } | null;
  assessmentVersions: number;
  plan: Plan | null;
  monitoring: Monitoring[];
  closure?: Closure;
}

/** A measure still waiting for someone whose due date is before today (a Kosovo date). */
export const isOverdue = (m: Pick<Measure, 'status' | 'dueDate'>, today: string): boolean => (m.status === 'planned' || m.status === 'in_progress') && m.dueDate < today;

/** A prerequisite that will not be completed leaves the referrals waiting for it blocked: the coordinator decides. */
export const FAILED_STATES: ReadonlySet<string> = new Set(['declined', 'cancelled', 'not_completed']);
