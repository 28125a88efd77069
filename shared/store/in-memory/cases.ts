import type { Actor } from '../../domain/actor.js';
import type { SmsOptOutReason } from '../../domain/case.js';
import { notClosed, type FollowUpClosing, type FollowUpDone } from '../../domain/notification.js';
import { closureCounts, planKey, type Closure } from '../case-file.js';
import { caseAudit, caseClosedAudit, caseCreatedAudit, CaseItem, caseKey, caseListing, smrClaimItem, smrClaimKey, visitPlannedAudit, type HomeVisitPlan } from '../case.js';
import type { IntentItem } from '../intent.js';
import { pageAnswerFollowedUp, pageAnswerKey, pageAnsweredAudit, PageAnswerItem } from '../page-answer.js';
import type { CaseRepository, CaseView, ChangeNotice, ChangeWrite, CreateCaseResult } from '../ports.js';
import type { TimerItem } from '../timer.js';
import { caseViewOf, itemsOfView } from '../views.js';
import { awaitsAction } from '../worklist.js';
import { caseOpened, type Increments } from '../indicators.js';
import { countIn } from './counters.js';
import { cancelUnsent } from './intents.js';
import { refusedAt, type Condition, type Item, type MemoryTable, type Write } from './table.js';

const absent: Condition = (c) => c === undefined;
/** `attribute_exists(pk) AND (attribute_not_exists(status) OR status <> 'closed')`: items written before closing existed are open. */
export const openCase: Condition = (c) => c !== undefined && c.status !== 'closed';

export class MemoryCases implements CaseRepository {
  constructor(private readonly table: MemoryTable) {}

  async create(item: CaseItem, timers: TimerItem[], actor: Actor, intents: IntentItem[] = []): Promise<CreateCaseResult> {
    try {
      this.table.write(
        { put: { ...item, ...caseListing(item) }, if: absent },
        { put: smrClaimItem(item), if: absent },
        { put: caseCreatedAudit(item, actor) },
        countIn(item.municipalityId, item.createdAt, caseOpened(item.category)),
        ...timers.map((t): Write => ({ put: t, if: absent })),
        ...intents.map((i): Write => ({ put: i, if: absent })),
      );
      return { created: true };
    } catch (err) {
      if (refusedAt(err, 1)) return { created: false, existingCaseId: String(this.table.get(smrClaimKey(item.smrCaseId))?.caseId ?? '') };
      throw err;
    }
  }

  async recordHomeVisit(caseId: string, at: string, plan?: HomeVisitPlan, firstVisit?: Increments): Promise<boolean> {
    const set = (c: Item) => {
      c.homeVisitAt = at;
      if (plan) c.homeVisitPlan = plan;
    };
    const municipalityId = firstVisit ? await this.municipalityOf(caseId) : undefined;
    const unvisited: Condition = (c) => openCase(c) && c!.homeVisitAt === undefined;
    if (firstVisit && municipalityId && this.table.tryWrite({ update: caseKey(caseId), if: unvisited, change: set }, countIn(municipalityId, at, firstVisit))) return true;
    return this.changeOpenCase(caseId, set);
  }

  async planHomeVisit(caseId: string, plan: HomeVisitPlan, previousSequence: number | undefined, notice: ChangeNotice, actor: Actor): Promise<ChangeWrite> {
    const current = await this.get(caseId);
    if (!current) return 'refused';
    const unchanged: Condition = (c) =>
      openCase(c) &&
      c!.homeVisitAt === undefined &&
      (previousSequence === undefined ? c!.homeVisitPlan === undefined : (c!.homeVisitPlan as HomeVisitPlan | undefined)?.sequence === previousSequence);
    const writes: Write[] = [
      { update: caseKey(caseId), if: unchanged, change: (c) => void (c.homeVisitPlan = plan) },
      { put: visitPlannedAudit(current, plan, actor) },
      ...notice.intents.map((i): Write => ({ put: i, if: absent })),
    ];
    try {
      this.table.write(...writes, ...notice.replaces.map((i) => cancelUnsent(i, plan.plannedAt)));
      return 'written';
    } catch (err) {
      if (refusedAt(err, 0)) return 'refused';
      if (notice.replaces.some((_, k) => refusedAt(err, writes.length + k))) return 'told';
      throw err;
    }
  }

  async close(caseId: string, at: string, actor: Actor, closure?: Omit<Closure, 'by'>): Promise<boolean> {
    const current = await this.get(caseId);
    if (!current || current.status === 'closed') return false;
    const delist: Write[] = this.table.get(planKey(caseId))?.listKey
      ? [{ update: planKey(caseId), if: (p) => p !== undefined, change: (p) => void (delete p.listKey, delete p.listSort) }]
      : [];
    return this.changeOpenCase(
      caseId,
      (c) => {
        c.status = 'closed';
        c.closedAt = at;
        if (closure) c.closure = { ...closure, by: actor.by };
        delete c.listKey;
        delete c.listSort;
      },
      { put: caseClosedAudit(current, at, actor, closure) },
      countIn(current.municipalityId, at, { casesClosed: 1, ...(closure ? closureCounts(closure.outcome, current.category) : {}) }),
      ...delist,
    );
  }

  async delistClosed(caseId: string, read?: CaseView): Promise<number> {
    if ((read ? read.case : await this.get(caseId))?.status !== 'closed') return 0;
    let delisted = 0;
    for (const i of read ? itemsOfView(read) : this.table.partition(caseKey(caseId).pk)) {
      const list = i.listKey;
      if (typeof list !== 'string' || !awaitsAction(list)) continue;
      const off = this.table.tryWrite({ update: { pk: i.pk, sk: i.sk }, if: (c) => c?.listKey === list, change: (c) => void (delete c.listKey, delete c.listSort) });
      if (off) delisted++;
    }
    return delisted;
  }

  async setSmsOptOut(caseId: string, optOut: { reason: SmsOptOutReason } | undefined, at: string, actor: Actor): Promise<boolean> {
    const current = await this.get(caseId);
    if (!current || current.status === 'closed') return false;
    return this.changeOpenCase(
      caseId,
      (c) => {
        c.consent = { ...(c.consent as object), sms: !optOut };
        if (optOut) c.smsOptOut = { reason: optOut.reason, at };
        else delete c.smsOptOut;
      },
      { put: caseAudit(current, at, actor, optOut ? 'case.sms_opted_out' : 'case.sms_opted_in', optOut ? { reason: optOut.reason } : undefined) },
    );
  }

  async answerFromPage(item: PageAnswerItem, previousChanges: number | undefined, intents: IntentItem[]): Promise<'recorded' | 'conflict' | 'closed'> {
    const current = await this.get(item.caseId);
    if (!current || current.status === 'closed') return 'closed';
    const before = this.table.get(pageAnswerKey(item.caseId, item.step));
    if ((before?.changes as number | undefined) !== previousChanges) return 'conflict';
    const done = this.changeOpenCase(
      item.caseId,
      (c) => void (c.pageAnsweredAt = item.at),
      { put: pageAnsweredAudit(item, current.municipalityId) },
      { put: item },
      ...intents.map((i): Write => ({ put: i, if: absent })),
    );
    return done ? 'recorded' : 'closed';
  }

  async resolveCannotCome(answer: { caseId: string; step: string }, municipalityId: string, followUp: FollowUpDone, actor: Actor): Promise<FollowUpClosing> {
    const current = this.pageAnswer(answer);
    if (!current) return notClosed(undefined);
    const done = pageAnswerFollowedUp(current, municipalityId, followUp, actor);
    const written = this.table.tryWrite(
      {
        update: done.key,
        if: (i) => i?.listKey === done.listedIn && i.changes === current.changes,
        change: (i) => {
          i.followUp = done.followUp;
          delete i.listKey;
          delete i.listSort;
        },
      },
      { put: done.audit },
    );
    // As the DynamoDB adapter answers: the item as it stands after the refusal, which another
    // request (this one's own retry, maybe) may have followed up meanwhile.
    return written ? { done: true } : notClosed(this.pageAnswer(answer));
  }

  private pageAnswer(answer: { caseId: string; step: string }): PageAnswerItem | undefined {
    const stored = this.table.get(pageAnswerKey(answer.caseId, answer.step));
    return stored ? PageAnswerItem.parse(stored) : undefined;
  }

  /** One change to an open case with what goes with it, all or nothing; false if there is no such open case. */
  private changeOpenCase(caseId: string, change: (c: Item) => void, ...also: Write[]): boolean {
    return this.table.tryWrite({ update: caseKey(caseId), if: openCase, change }, ...also);
  }

  async municipalityOfSmr(smrCaseId: string): Promise<string | undefined> {
    const caseId = await this.caseIdOfSmr(smrCaseId);
    return caseId ? this.municipalityOf(caseId) : undefined;
  }

  async caseOfSmr(smrCaseId: string): Promise<{ caseId: string; municipalityId: string | undefined } | undefined> {
    const claim = this.table.get(smrClaimKey(smrCaseId));
    if (typeof claim?.caseId !== 'string') return undefined;
    return { caseId: claim.caseId, municipalityId: typeof claim.municipalityId === 'string' ? claim.municipalityId : undefined };
  }

  async caseIdOfSmr(smrCaseId: string): Promise<string | undefined> {
    const claim = this.table.get(smrClaimKey(smrCaseId));
    return typeof claim?.caseId === 'string' ? claim.caseId : undefined;
  }

  async municipalityOf(caseId: string): Promise<string | undefined> {
    const item = this.table.get(caseKey(caseId));
    return typeof item?.municipalityId === 'string' ? item.municipalityId : undefined;
  }

  async get(caseId: string): Promise<CaseItem | undefined> {
    const item = this.table.get(caseKey(caseId));
    return item ? CaseItem.parse(item) : undefined;
  }

  async view(caseId: string): Promise<CaseView | undefined> {
    return caseViewOf(this.table.partition(caseKey(caseId).pk));
  }
}
