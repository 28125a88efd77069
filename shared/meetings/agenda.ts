import { addDays, localDate } from '../domain/calendar.js';
import { quarterOf } from '../domain/quarters.js';
import { isSensitive } from '../domain/vocabulary.js';
import type { Municipality } from '../directory/schema.js';
import type { QuarterFigures } from '../domain/quarters.js';
import type { ActionPoint } from '../messages/coordination-data.js';
import type { CaseItem } from '../store/case.js';
import { overdueMeasures, type PlanItem } from '../store/case-file.js';
import type { IntentItem } from '../store/intent.js';
import type { CaseRepository, IndicatorRepository, WorklistRepository } from '../store/ports.js';
import type { ReferralItem } from '../store/referral.js';

/** Days before the 18-month closure a case shows on agendas as "nearing closure". */
export const CLOSURE_NOTICE_DAYS = 45;
/** How far back failed notifications are listed for a call or a visit. */
export const FAILED_LOOKBACK_DAYS = 31;

/** An action point with the office it concerns, so each office is sent only its own. */
export interface RoutedActionPoint extends ActionPoint {
  officeId?: string;
}

/** What needs attention in a municipality now, read from the worklists and counters only. */
export interface Worklists {
  overdue: RoutedActionPoint[];
  declined: RoutedActionPoint[];
  nearingClosure: RoutedActionPoint[];
  failedDeliveries: RoutedActionPoint[];
  /** One per measure of an individual plan past its due date, still planned or in progress. */
  measuresOverdue: RoutedActionPoint[];
  figures: QuarterFigures;
}

/**
 * What each list was read from, item for action point, in the same order: the console shows
 * them line by line, so its lists and the counts come from one read and cannot disagree.
 */
export interface WorklistItems {
  overdue: ReferralItem[];
  declined: ReferralItem[];
  nearingClosure: CaseItem[];
  failedDeliveries: IntentItem[];
  /** The plans with a measure overdue (the lines are their overdue measures). */
  measuresOverdue: PlanItem[];
}

export interface WorklistDeps {
  worklists: WorklistRepository;
  indicators: Pick<IndicatorRepository, 'figures'>;
  cases: Pick<CaseRepository, 'get'>;
}

function referralPoint(kind: 'overdue' | 'declined', r: ReferralItem, muni: Municipality): RoutedActionPoint {
  const office = muni.offices.find((o) => o.id === r.officeId);
  return {
    kind,
    smrCaseId: r.smrCaseId ?? r.caseId,
    ...(office ? { office: office.name } : {}),
    officeId: r.officeId,
    need: r.need,
    ...(kind === 'declined' && r.declineReason ? { declineReason: r.declineReason as ActionPoint['declineReason'] } : {}),
    date: kind === 'overdue' ? r.ackDueDate : localDate(new Date(r.answeredAt ?? r.createdAt)),
    sensitive: isSensitive(r),
  };
}

export async function readWorklists(muni: Municipality, now: Date, deps: WorklistDeps): Promise<Worklists & { items: WorklistItems }> {
  const today = localDate(now);
  // Sort keys start with the date they are about, so each read is a range of one list.
  const [awaiting, declined, closing, failed, plans, figures] = await Promise.all([
    deps.worklists.awaitingAck(muni.id, { through: addDays(today, -1) }),
    deps.worklists.declined(muni.id),
    deps.worklists.openCases(muni.id, { through: addDays(today, CLOSURE_NOTICE_DAYS) }),
    deps.worklists.failedNotifications(muni.id, { from: new Date(now.getTime() - FAILED_LOOKBACK_DAYS * 86_400_000).toISOString() }),
    // A plan is listed by its earliest open due date: those listed before today have a measure overdue.
    deps.worklists.measuresDue(muni.id, { before: today }),
    deps.indicators.figures(muni.id, quarterOf(now)),
  ]);
  const failedIntents = failed.filter((i) => i.caseId);
  const items: WorklistItems = { overdue: awaiting, declined, nearingClosure: closing, failedDeliveries: failedIntents, measuresOverdue: plans };
  // A failed notification names no SMR id; the few cases concerned are read one by one.
  const smrIds = new Map<string, string>();
  for (const caseId of new Set(failedIntents.map((i) => i.caseId!))) {
    const c = await deps.cases.get(caseId);
    smrIds.set(caseId, c?.smrCaseId ?? caseId);
  }
  return {
    overdue: items.overdue.map((r) => referralPoint('overdue', r, muni)),
    declined: items.declined.map((r) => referralPoint('declined', r, muni)),
    nearingClosure: items.nearingClosure.map((c) => ({ kind: 'nearing_closure' as const, smrCaseId: c.smrCaseId, date: (c.listSort ?? '').slice(0, 10), sensitive: false })),
    failedDeliveries: failedIntents.map((i) => ({ kind: 'failed_delivery' as const, smrCaseId: smrIds.get(i.caseId!) ?? i.caseId!, channel: i.channel, date: localDate(new Date((i.listSort ?? '').split('#')[0] ?? i.createdAt)), sensitive: false })),
    measuresOverdue: plans.flatMap((p) => overdueMeasures(p, today).map((m) => measurePoint(p, m.dueDate, m.officeId, muni))),
    figures,
    items,
  };
}

/** A measure overdue as an action point: the case, the office responsible (if one), the due date; never the goal. */
function measurePoint(p: PlanItem, dueDate: string, officeId: string | undefined, muni: Municipality): RoutedActionPoint {
  const office = officeId ? muni.offices.find((o) => o.id === officeId) : undefined;
  return { kind: 'measure_overdue', smrCaseId: p.smrCaseId, ...(office ? { office: office.name, officeId: office.id } : {}), date: dueDate, sensitive: false };
}

/** The general agenda: counts only, the same for every invitee. */
export function agendaCounts(w: Worklists) {
  return { overdue: w.overdue.length, declined: w.declined.length, nearingClosure: w.nearingClosure.length, failedDeliveries: w.failedDeliveries.length, figures: w.figures };
}

/**
 * Who sees which action points: an office its own referrals; a coordinator everything; other
 * organisations (CSOs, donors, DRPR) none, since case-level points are for those handling the case.
 */
export function actionPointsFor(w: Worklists, recipient: { role: 'coordinator' | 'office' | 'contact'; id: string }): ActionPoint[] {
  const strip = ({ officeId: _officeId, ...p }: RoutedActionPoint): ActionPoint => p;
  if (recipient.role === 'coordinator') return [...w.overdue, ...w.declined, ...w.nearingClosure, ...w.failedDeliveries, ...w.measuresOverdue].map(strip);
  if (recipient.role === 'office') return [...w.overdue, ...w.declined, ...w.measuresOverdue].filter((p) => p.officeId === recipient.id).map(strip);
  return [];
}
