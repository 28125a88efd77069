import type { CaseItem } from '../case.js';
import { caseKey } from '../case.js';
import {
  assessmentCounts,
  caseFileAudit,
  MONITORING_PREFIX,
  MonitoringItem,
  monitoringCounts,
  planCounts,
  planDetail,
  PlanItem,
  planKey,
  type AssessmentItem,
  type Recorder,
} from '../case-file.js';
import type { Increments } from '../indicators.js';
import { casePk } from '../owner.js';
import type { CaseFileRepository } from '../ports.js';
import { openCase } from './cases.js';
import { countIn } from './counters.js';
import { compareKeys, refusedAt, type MemoryTable, type Write } from './table.js';

const absent = (c: unknown) => c === undefined;

export class MemoryCaseFile implements CaseFileRepository {
  constructor(private readonly table: MemoryTable) {}

  async addAssessment(theCase: CaseItem, item: AssessmentItem, who: Recorder): Promise<boolean> {
    const previous = item.version - 1;
    return this.transact(
      {
        update: caseKey(theCase.caseId),
        if: (c) => openCase(c) && (previous === 0 ? c!.assessmentVersion === undefined : c!.assessmentVersion === previous),
        change: (c) => void (c.assessmentVersion = item.version),
      },
      { put: item, if: absent },
      { put: caseFileAudit(theCase, `fvn-${item.version}`, item.at, who, 'case.assessed', { version: String(item.version), referrals: String(item.referralIds.length) }) },
      ...this.count(theCase.municipalityId, item.at, assessmentCounts(item, theCase.category)),
    );
  }

  async plan(caseId: string): Promise<PlanItem | undefined> {
    const item = this.table.get(planKey(caseId));
    return item ? PlanItem.parse(item) : undefined;
  }

  async putPlan(current: PlanItem | undefined, next: PlanItem, who: Recorder): Promise<boolean> {
    return this.transact(
      this.planWrite(current, next),
      { check: caseKey(next.caseId), if: openCase },
      { put: caseFileAudit(next, `plan-${next.version}`, next.updatedAt, who, current ? 'plan.updated' : 'plan.created', planDetail(next)) },
      ...this.count(next.municipalityId, next.updatedAt, planCounts(current, next)),
    );
  }

  async recordMonitoring(theCase: CaseItem, item: MonitoringItem, plan: { current: PlanItem; next: PlanItem } | undefined, who: Recorder): Promise<boolean> {
    const detail = { monitoringId: item.monitoringId, kind: item.kind, date: item.date, progress: String(item.progress.length) };
    return this.transact(
      { check: caseKey(theCase.caseId), if: openCase },
      { put: item, if: absent },
      ...(plan ? [this.planWrite(plan.current, plan.next)] : []),
      { put: caseFileAudit(theCase, item.monitoringId, item.at, who, 'case.monitored', detail) },
      ...this.count(theCase.municipalityId, item.at, monitoringCounts(item, theCase.category)),
    );
  }

  async monitoring(caseId: string, range: { from?: string; through?: string } = {}): Promise<MonitoringItem[]> {
    const from = `${MONITORING_PREFIX}${range.from ?? ''}`;
    const to = `${MONITORING_PREFIX}${range.through ?? '9999-12-31'}#~`;
    return this.table
      .partition(casePk(caseId))
      .filter((i) => compareKeys(i.sk, from) >= 0 && compareKeys(i.sk, to) <= 0)
      .map((i) => MonitoringItem.parse(i));
  }

  private planWrite(current: PlanItem | undefined, next: PlanItem): Write {
    return { put: next, if: (p) => (current ? p?.version === current.version : p === undefined) };
  }

  private count(municipalityId: string, at: string, add: Increments): Write[] {
    return Object.keys(add).length > 0 ? [countIn(municipalityId, at, add)] : [];
  }

  private transact(...writes: Write[]): boolean {
    try {
      this.table.write(...writes);
      return true;
    } catch (err) {
      if (refusedAt(err, 0) || refusedAt(err, 1) || refusedAt(err, 2)) return false;
      throw err;
    }
  }
}
