import * as z from '../domain/zod.js';
import type { Actor } from '../domain/actor.js';
import { IsoDate } from '../domain/case.js';
import { CaseManager, ClosureOutcome, isOpenMeasure, MeasureStatus, MonitoringKind, Responsible } from '../domain/case-file.js';
import { MunicipalityId, PersonCategory } from '../domain/vocabulary.js';
import { auditItem, type AuditEntry, type AuditItem } from './audit.js';
import type { CaseItem } from './case.js';
import type { Increments } from './indicators.js';
import { casePk } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

/**
 * The case file in the case's partition, beside the referrals: each FVN submission (versioned,
 * never overwritten), the individual plan (one item, optimistic concurrency on `version`) and the
 * monitoring record (one item per visit, call or evaluation, by date). All of it is personal data
 * and carries the case's `expiresAt`; what is counted goes to the quarter's counters in the same
 * transaction, split returnee / foreigner, and outlives it.
 */

/** Who wrote a version: an API caller, or a function reacting to an office's answer. */
export type Recorder = Pick<AuditEntry, 'by' | 'byRole' | 'via'>;
export const recorderOf = (actor: Actor): Recorder => ({ by: actor.by, byRole: actor.role, via: 'api' });

export const AssessmentItem = z.object({
  pk: z.string().check(z.startsWith('CASE#')),
  sk: z.string().check(z.startsWith('FVN#')),
  type: z.literal('Assessment'),
  caseId: z.string(),
  version: z.number().check(z.int(), z.gte(1)),
  /** The FVN answers as submitted (shared/assessment/schema.ts), without the coordinator's choice. */
  answers: z.record(z.string(), z.unknown()),
  /** The coordinator's `exclude` / `include` sent with them. */
  choice: z.optional(z.record(z.string(), z.unknown())),
  /** The referrals this submission made or found already made. */
  referralIds: z.array(z.string()),
  at: z.string(),
  by: z.string(),
  byRole: z.optional(z.string()),
  expiresAt: z.number().check(z.int()),
});
export type AssessmentItem = z.infer<typeof AssessmentItem>;

/** Zero-padded so that the partition lists versions in order. */
export const assessmentKey = (caseId: string, version: number) => ({ pk: casePk(caseId), sk: `FVN#${String(version).padStart(4, '0')}` });

export function assessmentItem(fields: Omit<AssessmentItem, 'pk' | 'sk' | 'type'>): AssessmentItem {
  return { ...assessmentKey(fields.caseId, fields.version), type: 'Assessment', ...fields };
}

export const MeasureItem = z.object({
  measureId: z.string(),
  goal: z.string(),
  responsible: Responsible,
  /** The directory office the responsible resolved to, when it is one. */
  officeId: z.optional(z.string()),
  dueDate: IsoDate,
  status: MeasureStatus,
  referralIds: z._default(z.array(z.string()), []),
  note: z.optional(z.string()),
  /** The last answer of a linked referral that moved the measure (react-to-answers). */
  lastReferral: z.optional(z.object({ referralId: z.string(), status: z.string(), at: z.string() })),
  /** The last monitoring record that said how it goes. */
  lastProgress: z.optional(z.object({ monitoringId: z.string(), date: z.string(), note: z.optional(z.string()) })),
});
export type MeasureItem = z.infer<typeof MeasureItem>;

export const PlanItem = z.object({
  pk: z.string().check(z.startsWith('CASE#')),
  sk: z.literal('PLAN'),
  type: z.literal('Plan'),
  caseId: z.string(),
  smrCaseId: z.string(),
  municipalityId: MunicipalityId,
  category: PersonCategory,
  /** PIR for a returnee's reintegration plan, PII for a foreigner's integration plan. */
  kind: z.enum(['PIR', 'PII']),
  /** 1 for the first plan, one more for each change: a write at a stale version is refused. */
  version: z.number().check(z.int(), z.gte(1)),
  measures: z.array(MeasureItem),
  caseManager: z.optional(CaseManager),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  expiresAt: z.number().check(z.int()),
  ...ListFields,
});
export type PlanItem = z.infer<typeof PlanItem>;

export const planKey = (caseId: string) => ({ pk: casePk(caseId), sk: 'PLAN' as const });

export const planKindOf = (category: PersonCategory): PlanItem['kind'] => (category === 'foreigner' ? 'PII' : 'PIR');

/**
 * A plan with an open measure waits in its municipality's list by its earliest open due date, so
 * "measures overdue" is one range read (sort key before today); with none open it is in no list.
 */
export function planListing(p: Pick<PlanItem, 'municipalityId' | 'caseId' | 'measures'>): Listing | undefined {
  const due = p.measures.filter(isOpenMeasure).map((m) => m.dueDate).sort()[0];
  return due ? { listKey: lists.measuresDue(p.municipalityId), listSort: `${due}#${p.caseId}` } : undefined;
}

/** The plan as stored: with its listing, or without list fields when nothing in it is open. */
export function planItem(fields: Omit<PlanItem, 'pk' | 'sk' | 'type' | 'listKey' | 'listSort'>): PlanItem {
  const p: PlanItem = { ...planKey(fields.caseId), type: 'Plan', ...fields };
  return { ...p, ...planListing(p) };
}

/** The open measures of a plan whose due date is before `today` (a Kosovo date). */
export const overdueMeasures = (p: Pick<PlanItem, 'measures'>, today: string): MeasureItem[] => p.measures.filter((m) => isOpenMeasure(m) && m.dueDate < today);

export const MonitoringItem = z.object({
  pk: z.string().check(z.startsWith('CASE#')),
  sk: z.string().check(z.startsWith('MON#')),
  type: z.literal('Monitoring'),
  caseId: z.string(),
  monitoringId: z.string(),
  /** The Kosovo date it took place. */
  date: IsoDate,
  kind: MonitoringKind,
  note: z.optional(z.string()),
  progress: z.array(z.object({ measureId: z.string(), status: MeasureStatus, note: z.optional(z.string()) })),
  schemesAssessment: z.optional(z.string()),
  at: z.string(),
  by: z.string(),
  expiresAt: z.number().check(z.int()),
});
export type MonitoringItem = z.infer<typeof MonitoringItem>;

/** By date, so a month's or a quarter's records are one range of the partition. */
export const monitoringKey = (caseId: string, date: string, monitoringId: string) => ({ pk: casePk(caseId), sk: `MON#${date}#${monitoringId}` });
export const MONITORING_PREFIX = 'MON#';

export function monitoringItem(fields: Omit<MonitoringItem, 'pk' | 'sk' | 'type'>): MonitoringItem {
  return { ...monitoringKey(fields.caseId, fields.date, fields.monitoringId), type: 'Monitoring', ...fields };
}

/** What the closure records on the case: why it ended and the final assessment (free text: personal data). */
export const Closure = z.object({ outcome: ClosureOutcome, note: z.optional(z.string()), finalAssessment: z.string(), by: z.string() });
export type Closure = z.infer<typeof Closure>;

/**
 * An entry of the case file on record: ids and codes only, never the goals, notes or names. Its
 * subject is the version or record (`fvn-2`, `plan-3`, a monitoring id), so two in one instant both stay.
 */
export function caseFileAudit(c: Pick<CaseItem, 'caseId' | 'municipalityId'>, subjectId: string, at: string, who: Recorder, event: string, detail: Record<string, string>): AuditItem {
  return auditItem({ caseId: c.caseId, municipalityId: c.municipalityId }, subjectId, at, { event, ...who, detail });
}

/** The first FVN of a case counts as done; later versions revise it. */
export const assessmentCounts = (a: Pick<AssessmentItem, 'version'>, category: PersonCategory): Increments =>
  a.version === 1 ? { [`assessmentsDone_${category}`]: 1 } : {};

/** The first version of a plan is a plan made; the first one naming a case manager, a case manager named. */
export function planCounts(current: PlanItem | undefined, next: PlanItem): Increments {
  return {
    ...(current ? {} : { [`plansMade_${next.category}`]: 1 }),
    ...(!current?.caseManager && next.caseManager ? { [`caseManagersNamed_${next.category}`]: 1 } : {}),
  };
}

const MONITORING_COUNTER = { visit: 'monitoringVisits', call: 'monitoringCalls', evaluation: 'evaluations' } as const;
export const monitoringCounts = (m: Pick<MonitoringItem, 'kind'>, category: PersonCategory): Increments => ({ [`${MONITORING_COUNTER[m.kind]}_${category}`]: 1 });

export const closureCounts = (outcome: ClosureOutcome, category: PersonCategory): Increments => ({ [`closed_${outcome}_${category}`]: 1 });

/** What a plan's audit entry says of it: its version and how many measures, in which states. */
export function planDetail(p: PlanItem): Record<string, string> {
  const by = (s: string) => String(p.measures.filter((m) => m.status === s).length);
  return { version: String(p.version), kind: p.kind, measures: String(p.measures.length), done: by('done'), dropped: by('dropped'), caseManager: p.caseManager ? 'named' : 'none' };
}
