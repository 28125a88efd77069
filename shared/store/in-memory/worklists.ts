import { AppointmentItem } from '../appointment.js';
import { AuditItem } from '../audit.js';
import { CaseItem } from '../case.js';
import { PlanItem } from '../case-file.js';
import { countersOf, figuresFrom, indicatorsKey } from '../indicators.js';
import { IntentItem } from '../intent.js';
import { MeetingItem } from '../meeting.js';
import { PageAnswerItem } from '../page-answer.js';
import type { IndicatorRepository, ListRange, WorklistRepository } from '../ports.js';
import { ReferralItem } from '../referral.js';
import { TABLE } from '../table.js';
import { lists } from '../worklist.js';
import type { MemoryTable } from './table.js';
import { quarterKey, type Quarter, type QuarterFigures } from '../../domain/quarters.js';

export class MemoryWorklists implements WorklistRepository {
  itemsRead = 0;

  constructor(private readonly table: MemoryTable) {}

  async awaitingAck(municipalityId: string, range?: ListRange): Promise<ReferralItem[]> {
    return this.read(lists.awaitingAck(municipalityId), range).map((i) => ReferralItem.parse(i));
  }

  async declined(municipalityId: string, range?: ListRange): Promise<ReferralItem[]> {
    return this.read(lists.declined(municipalityId), range).map((i) => ReferralItem.parse(i));
  }

  async blocked(municipalityId: string, range?: ListRange): Promise<ReferralItem[]> {
    return this.read(lists.blocked(municipalityId), range).map((i) => ReferralItem.parse(i));
  }

  async openCases(municipalityId: string, range?: ListRange): Promise<CaseItem[]> {
    return this.read(lists.openCases(municipalityId), range).map((i) => CaseItem.parse(i));
  }

  async openCasesPage(municipalityId: string, page: { limit: number; before?: string }): Promise<{ items: CaseItem[]; next?: string }> {
    const items = this.table.query(TABLE.worklistIndex.name, lists.openCases(municipalityId), { below: page.before }, true).slice(0, page.limit + 1);
    this.itemsRead += items.length;
    const shown = items.slice(0, page.limit).map((i) => CaseItem.parse(i));
    const last = shown.at(-1)?.listSort;
    return { items: shown, ...(items.length > page.limit && last ? { next: last } : {}) };
  }

  async appointments(municipalityId: string, range?: ListRange): Promise<AppointmentItem[]> {
    return this.read(lists.appointments(municipalityId), range).map((i) => AppointmentItem.parse(i));
  }

  async failedNotifications(municipalityId: string, range?: ListRange): Promise<IntentItem[]> {
    return this.read(lists.failed(municipalityId), range).map((i) => IntentItem.parse(i));
  }

  async cannotCome(municipalityId: string, range?: ListRange): Promise<PageAnswerItem[]> {
    return this.read(lists.cannotCome(municipalityId), range).map((i) => PageAnswerItem.parse(i));
  }

  async meetings(municipalityId: string, range?: ListRange): Promise<MeetingItem[]> {
    return this.read(lists.meetings(municipalityId), range).map((i) => MeetingItem.parse(i));
  }

  async measuresDue(municipalityId: string, range?: ListRange): Promise<PlanItem[]> {
    return this.read(lists.measuresDue(municipalityId), range).map((i) => PlanItem.parse(i));
  }

  async feed(municipalityId: string, localDate: string): Promise<AuditItem[]> {
    return this.read(lists.feed(municipalityId, localDate)).map((i) => AuditItem.parse(i));
  }

  /** The bounds as the DynamoDB adapter turns them into a key condition: `through` takes every entry listed by it. */
  private read(listKey: string, range: ListRange = {}) {
    const items = this.table.query(TABLE.worklistIndex.name, listKey, { from: range.from, to: range.through !== undefined ? `${range.through}#~` : range.before });
    this.itemsRead += items.length;
    return items;
  }
}

export class MemoryIndicators implements IndicatorRepository {
  itemsRead = 0;

  constructor(private readonly table: MemoryTable) {}

  async figures(municipalityId: string, q: Quarter): Promise<QuarterFigures> {
    const item = this.table.get(indicatorsKey(municipalityId, quarterKey(q)));
    if (item) this.itemsRead++;
    return figuresFrom(q, item ?? {});
  }

  async counters(municipalityId: string, q: Quarter): Promise<Record<string, number>> {
    const item = this.table.get(indicatorsKey(municipalityId, quarterKey(q)));
    if (item) this.itemsRead++;
    return countersOf(item ?? {});
  }
}
