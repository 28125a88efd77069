import * as z from './zod.js';
import { IsoDate } from './case.js';
import { OfficeKind } from './vocabulary.js';

/**
 * The case file the plans keep beside the referrals: the individual plan (PIR; PII for an
 * integration case) with its measures and case manager, the monitoring record and the closure's
 * outcome. The API's inputs; the items are in store/case-file.ts.
 */

export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export const MeasureStatus = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof MeasureStatus>;

/** A measure no longer waits for anyone once done or dropped; the others can be overdue. */
export const isOpenMeasure = (m: { status: MeasureStatus }) => m.status === 'planned' || m.status === 'in_progress';

export const MONITORING_KINDS = ['visit', 'call', 'evaluation'] as const;
export const MonitoringKind = z.enum(MONITORING_KINDS);
export type MonitoringKind = z.infer<typeof MonitoringKind>;

export const CLOSURE_OUTCOMES = ['sustainably_reintegrated', 'moved_municipality', 're_emigrated', 'deceased', 'other'] as const;
export const ClosureOutcome = z.enum(CLOSURE_OUTCOMES);
export type ClosureOutcome = z.infer<typeof ClosureOutcome>;

const ShortId = z.string().check(z.regex(/^[a-z0-9-]{1,20}$/, 'a short id of lower-case letters, digits or - (e.g. "m1")'));
const ReferralId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a referral id of this case'));

/** Who carries a measure out: an office of the municipality's directory (by kind or id), or a named organisation. */
export const Responsible = z.union([
  z.strictObject({ officeKind: OfficeKind }),
  z.strictObject({ officeId: z.string().check(z.regex(/^[a-z0-9-]{2,60}$/, 'an office id of the directory')) }),
  z.strictObject({ organisation: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)) }),
]);
export type Responsible = z.infer<typeof Responsible>;

export const MeasureInput = z.strictObject({
  measureId: ShortId,
  goal: z.string().check(z.trim(), z.minLength(3), z.maxLength(200)),
  responsible: Responsible,
  dueDate: IsoDate,
  status: z._default(MeasureStatus, 'planned'),
  referralIds: z._default(z.array(ReferralId).check(z.maxLength(10)), []),
  note: z.optional(z.string().check(z.trim(), z.maxLength(300))),
});
export type MeasureInput = z.infer<typeof MeasureInput>;

/** The case manager the social work centre names: personal data, kept and erased with the case. */
export const CaseManager = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)),
  contact: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(120))),
});
export type CaseManager = z.infer<typeof CaseManager>;

/** PUT /cases/{caseId}/plan: the whole plan, at the version the caller read (0 for the first). */
export const PlanInput = z.strictObject({
  version: z.number().check(z.int(), z.gte(0)),
  measures: z.array(MeasureInput).check(z.maxLength(40)),
  caseManager: z.optional(CaseManager),
}).check(z.superRefine((p, ctx) => {
  const seen = new Set<string>();
  p.measures.forEach((m, i) => {
    if (seen.has(m.measureId)) ctx.addIssue({ code: 'custom', path: ['measures', i, 'measureId'], message: `duplicate measure id "${m.measureId}"` });
    seen.add(m.measureId);
  });
}));
export type PlanInput = z.infer<typeof PlanInput>;

export const ProgressInput = z.strictObject({
  measureId: ShortId,
  status: MeasureStatus,
  note: z.optional(z.string().check(z.trim(), z.maxLength(300))),
});

/** POST /cases/{caseId}/monitoring: a visit, a call, or the quarterly evaluation (which assesses the schemes). */
export const MonitoringInput = z.strictObject({
  date: IsoDate,
  kind: MonitoringKind,
  note: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  progress: z._default(z.array(ProgressInput).check(z.maxLength(40)), []),
  schemesAssessment: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(1000))),
}).check(z.superRefine((m, ctx) => {
  if (m.kind === 'evaluation' && !m.schemesAssessment) ctx.addIssue({ code: 'custom', path: ['schemesAssessment'], message: 'an evaluation assesses the schemes: say how they work for the household' });
  if (m.kind !== 'evaluation' && m.schemesAssessment) ctx.addIssue({ code: 'custom', path: ['schemesAssessment'], message: 'only an evaluation assesses the schemes' });
  const seen = new Set<string>();
  m.progress.forEach((p, i) => {
    if (seen.has(p.measureId)) ctx.addIssue({ code: 'custom', path: ['progress', i, 'measureId'], message: `measure "${p.measureId}" listed twice` });
    seen.add(p.measureId);
  });
}));
export type MonitoringInput = z.infer<typeof MonitoringInput>;

/** POST /cases/{caseId}/close: why the case ends, and the final word on the reintegration. */
export const CloseInput = z.strictObject({
  outcome: ClosureOutcome,
  note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  finalAssessment: z.string().check(z.trim(), z.minLength(3), z.maxLength(1000)),
}).check(z.refine((c) => c.outcome !== 'other' || c.note, { path: ['note'], message: 'say what "other" means' }));
export type CloseInput = z.infer<typeof CloseInput>;
