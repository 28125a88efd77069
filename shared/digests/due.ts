import type { Municipality } from '../directory/schema.js';
import { addDays, localDate, type HolidayCalendar } from '../domain/calendar.js';
import { clockStartDate } from '../domain/case.js';
import { isSensitive } from '../domain/vocabulary.js';
import type { CaseItem } from '../store/case.js';
import { overdueMeasures } from '../store/case-file.js';
import type { CaseFileRepository, WorklistRepository } from '../store/ports.js';
import { reminderPeriod } from '../timers/decide.js';
import { LADDER, evaluationTimer, monitoringTimer, visitDeadline } from '../timers/plan.js';
import type { Due, DueLine, DueSection, DueSectionName } from '../messages/coordination-data.js';
import { lastDayBefore } from '../messages/render.js';
import { byCodeUnit } from '../domain/order.js';

export type { Due, DueLine, DueSection, DueSectionName };

/**
 * What is due in a municipality, for its coordinators' digests: home visits, the case clocks
 * (monthly monitoring, quarterly evaluation, closure), plan measures past their date, waiting
 * referrals whose prerequisite will never be done, and open follow-ups. Read once per
 * municipality from the worklists (ids, dates and codes: no names, no free text); each
 * coordinator's digest then puts their own cases first (dueFor).
 */

/** Lines a section shows; the rest is a count ("… and 4 more", the console's Today lists them all). */
export const DUE_LINES = 5;
/** Days ahead the case clocks are listed (today included). */
export const CLOCKS_AHEAD_DAYS = 7;
/** How far back an arrival without a recorded visit is still listed (as the console's Today). */
export const VISIT_LOOKBACK_DAYS = 31;

/** The municipality's due lines, each with the coordinator whose case it is (none: a case no longer open). */
export type DueLines = Record<DueSectionName, (DueLine & { coordinatorId?: string })[]>;

export interface DueDeps {
  worklists: Pick<WorklistRepository, 'openCases' | 'measuresDue' | 'blocked' | 'failedNotifications'>;
  caseFile: Pick<CaseFileRepository, 'monitoring'>;
  holidays: HolidayCalendar;
}

/** The case clocks of an open case that fall on `from`…`through` and are not answered yet. */
async function clocksDue(c: CaseItem, from: string, through: string, deps: DueDeps, now: Date): Promise<DueLine[]> {
  const out: DueLine[] = [];
  const inRange = (at: string) => localDate(new Date(at)) >= from && localDate(new Date(at)) <= through;
  const closure = (c.listSort ?? '').slice(0, 10);
  if (closure && closure <= through) out.push({ smrCaseId: c.smrCaseId, kind: 'closure', date: closure, overdue: closure < from });
  for (let n = 1; n < LADDER.caseMonths; n++) {
    // On a quarter's month the evaluation is the record asked for (an evaluation is a monitoring record too).
    const t = n % 3 === 0 ? evaluationTimer(c, n / 3, deps.holidays, now) : monitoringTimer(c, n, deps.holidays, now);
    if (!inRange(t.dueAt)) continue;
    const records = await deps.caseFile.monitoring(c.caseId, reminderPeriod(t));
    const answered = t.kind === 'case.evaluation' ? records.some((m) => m.kind === 'evaluation') : records.length > 0;
    if (!answered) out.push({ smrCaseId: c.smrCaseId, kind: t.kind === 'case.evaluation' ? 'evaluation' : 'monitoring', date: localDate(new Date(t.dueAt)), overdue: false });
  }
  return out;
}

export async function readDue(muni: Municipality, now: Date, deps: DueDeps): Promise<DueLines> {
  const today = localDate(now);
  const through = addDays(today, CLOCKS_AHEAD_DAYS - 1);
  const [open, plans, blocked, failed] = await Promise.all([
    deps.worklists.openCases(muni.id),
    deps.worklists.measuresDue(muni.id, { through: addDays(today, -1) }),
    deps.worklists.blocked(muni.id),
    deps.worklists.failedNotifications(muni.id),
  ]);
  const byId = new Map(open.map((c) => [c.caseId, c]));
  const owner = (caseId: string | undefined) => {
    const id = caseId ? byId.get(caseId)?.coordinatorId : undefined;
    return id ? { coordinatorId: id } : {};
  };
  const officeOf = (officeId: string | undefined, kind: string) => (muni.offices.find((o) => o.id === officeId) ?? muni.offices.find((o) => o.kind === kind))?.name;

  const homeVisits = open
    .filter((c) => !c.homeVisitAt && clockStartDate(c) >= addDays(today, -VISIT_LOOKBACK_DAYS) && clockStartDate(c) <= today)
    .map((c) => {
      const deadline = visitDeadline(c);
      // The line says "by the end of" the deadline's last day.
      return { smrCaseId: c.smrCaseId, kind: 'home_visit' as const, date: lastDayBefore(deadline.toISOString()), overdue: deadline.getTime() < now.getTime(), ...owner(c.caseId) };
    });
  const caseClocks: DueLines['caseClocks'] = [];
  for (const c of open) for (const l of await clocksDue(c, today, through, deps, now)) caseClocks.push({ ...l, ...owner(c.caseId) });
  const measuresOverdue = plans.flatMap((p) => {
    const late = overdueMeasures(p, today);
    if (late.length === 0) return [];
    const oldest = late.map((m) => m.dueDate).sort()[0]!;
    return [{ smrCaseId: p.smrCaseId, kind: 'measures' as const, date: oldest, overdue: true, count: late.length, ...owner(p.caseId) }];
  });
  const stuckReferrals = blocked.map((r) => {
    const office = officeOf(r.officeId, r.officeKind);
    return {
      smrCaseId: r.smrCaseId ?? r.caseId,
      kind: 'stuck' as const,
      date: localDate(new Date(r.blockedAt ?? r.createdAt)),
      overdue: true,
      ...(office ? { office } : {}),
      ...(isSensitive(r) ? {} : { need: r.need }),
      ...(r.blockedBecause ? { because: r.blockedBecause } : {}),
      ...owner(r.caseId),
    };
  });
  const followUps = failed.map((i) => ({
    smrCaseId: (i.caseId && byId.get(i.caseId)?.smrCaseId) || i.caseId || i.intentId,
    kind: 'follow_up' as const,
    date: localDate(new Date(i.createdAt)),
    overdue: true,
    channel: i.channel === 'sms' ? ('sms' as const) : ('email' as const),
    ...owner(i.caseId),
  }));
  return { homeVisits, caseClocks, measuresOverdue, stuckReferrals, followUps };
}

/** One coordinator's view: their own cases first (each part by date), at most DUE_LINES lines a section. */
export function dueFor(lines: DueLines, coordinatorId: string): Due {
  const section = (all: DueLines[DueSectionName]): DueSection => {
    const marked = all.map(({ coordinatorId: by, ...l }) => ({ ...l, own: by === coordinatorId }));
    const sorted = marked.sort((a, b) => Number(b.own) - Number(a.own) || byCodeUnit(a.date, b.date) || byCodeUnit(a.smrCaseId, b.smrCaseId));
    return { count: marked.length, own: marked.filter((l) => l.own).length, lines: sorted.slice(0, DUE_LINES) };
  };
  return {
    homeVisits: section(lines.homeVisits),
    caseClocks: section(lines.caseClocks),
    measuresOverdue: section(lines.measuresOverdue),
    stuckReferrals: section(lines.stuckReferrals),
    followUps: section(lines.followUps),
  };
}
