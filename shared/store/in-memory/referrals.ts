import type { Actor } from '../../domain/actor.js';
import { ReferralState } from '../../domain/referral-state.js';
import type { AuditEntry } from '../audit.js';
import { caseKey } from '../case.js';
import { referralsMade } from '../indicators.js';
import { CaseNotFoundError, type ReferralMoveFields, type ReferralRepository } from '../ports.js';
import { blockable, cancelWhileIn, flaggableForAddress, referralBlocked, type BlockingStatus, referralFlaggedAudit, ReferralItem, referralKey, referralListing, referralMove, referralSentAudit, sameCaseAndMoment } from '../referral.js';
import { countIn } from './counters.js';
import { refusedAt, setFields, type Condition, type Item, type MemoryTable, type Write } from './table.js';

const inStatus =
  (status: string): Condition =>
  (c) =>
    c?.status === status;

/** created → sent, on record, as referral-store.ts's referralSent: markSent's writes, and the intents' with an office email's record. */
export function referralSentWrites(current: ReferralItem, at: string): Write[] {
  return [
    { update: referralKey(current.caseId, current.referralId), if: inStatus('created'), change: (r) => setFields(r, { status: 'sent', sentAt: at }) },
    { put: referralSentAudit(current, at) },
  ];
}

export class MemoryReferrals implements ReferralRepository {
  constructor(private readonly table: MemoryTable) {}

  createIfAbsent(item: ReferralItem): Promise<boolean> {
    return this.createAllIfAbsent([item]);
  }

  async createAllIfAbsent(items: ReferralItem[]): Promise<boolean> {
    const first = sameCaseAndMoment(items);
    if (!first) return true;
    try {
      this.table.write(
        { check: caseKey(first.caseId), if: (c) => c !== undefined },
        ...items.map((item): Write => ({ put: { ...item, ...referralListing(item) }, if: (c) => c === undefined })),
        countIn(first.municipalityId, first.createdAt, referralsMade(items)),
      );
      return true;
    } catch (err) {
      if (refusedAt(err, 0)) throw new CaseNotFoundError(first.caseId);
      if (items.some((_, i) => refusedAt(err, i + 1))) return false;
      throw err;
    }
  }

  async get(caseId: string, referralId: string): Promise<ReferralItem | undefined> {
    const item = this.table.get(referralKey(caseId, referralId));
    return item ? ReferralItem.parse(item) : undefined;
  }

  async getAll(caseId: string, referralIds: readonly string[]): Promise<ReferralItem[]> {
    const wanted = new Set(referralIds);
    return this.referralsOf(caseId)
      .filter((i) => wanted.has(String(i.referralId)))
      .map((i) => ReferralItem.parse(i));
  }

  private referralsOf(caseId: string) {
    return this.table.partition(caseKey(caseId).pk).filter((i) => i.sk.startsWith('REF#'));
  }

  async waitingOn(caseId: string, prerequisiteId: string): Promise<ReferralItem[]> {
    return this.referralsOf(caseId)
      .filter((i) => i.status === 'waiting' && i.dependsOn === prerequisiteId)
      .map((i) => ReferralItem.parse(i));
  }

  async ofNeed(caseId: string, need: ReferralItem['need']): Promise<ReferralItem[]> {
    return this.referralsOf(caseId)
      .filter((i) => i.need === need)
      .map((i) => ReferralItem.parse(i));
  }

  async statesOf(caseId: string): Promise<ReferralState[]> {
    return this.referralsOf(caseId).map((i) => ReferralState.parse(i.status));
  }

  async move(current: ReferralItem, to: ReferralItem['status'], fields: ReferralMoveFields, audit: AuditEntry): Promise<boolean> {
    const { at, set, unlist, dropRouting, audit: entry, counts } = referralMove(current, to, fields, audit);
    return this.table.tryWrite(
      {
        update: referralKey(current.caseId, current.referralId),
        if: inStatus(current.status),
        change: (r) => {
          setFields(r, set);
          if (unlist) {
            delete r.listKey;
            delete r.listSort;
          }
          if (dropRouting) delete r.routing;
        },
      },
      { put: entry },
      ...(Object.keys(counts).length > 0 ? [countIn(current.municipalityId, at, counts)] : []),
      // As referral-store.ts notes a decline on its case.
      ...(to === 'declined'
        ? [{ update: caseKey(current.caseId), if: (c: Item | undefined) => c !== undefined, change: (c: Item) => void (c.declinedNeeds = [...((c.declinedNeeds as string[] | undefined) ?? []), current.need]) }]
        : []),
    );
  }

  async cancel(caseId: string, referralId: string, reason: string, at: string, actor: Actor, from?: readonly ReferralState[], known?: ReferralItem): Promise<boolean> {
    return cancelWhileIn(this, { caseId, referralId }, reason, at, actor, from, known);
  }

  async flagUndeliverable(caseId: string, referralId: string, at: string): Promise<boolean> {
    const current = await this.get(caseId, referralId);
    if (!current || !flaggableForAddress(current)) return false;
    return this.table.tryWrite(
      {
        update: referralKey(caseId, referralId),
        if: (c) => flaggableForAddress(c as ReferralItem | undefined),
        change: (r) => setFields(r, { flaggedAt: at, flagReason: 'address_undeliverable' }),
      },
      { put: referralFlaggedAudit(current, at) },
    );
  }

  async markSent(caseId: string, referralId: string, at: string, known?: ReferralItem): Promise<boolean> {
    const current = known ?? (await this.get(caseId, referralId));
    if (!current || current.status !== 'created') return false;
    return this.table.tryWrite(...referralSentWrites(current, at));
  }

  async markBlocked(waiting: ReferralItem, because: BlockingStatus, prerequisiteId: string, at: string): Promise<boolean> {
    if (!blockable(waiting, prerequisiteId)) return false;
    const { set, audit } = referralBlocked(waiting, because, prerequisiteId, at);
    return this.table.tryWrite(
      { update: referralKey(waiting.caseId, waiting.referralId), if: (c) => blockable(c as ReferralItem | undefined, prerequisiteId), change: (r) => setFields(r, set) },
      { put: audit },
    );
  }

  async markReReferred(caseId: string, need: ReferralItem['need'], exceptId: string, at: string): Promise<number> {
    let n = 0;
    for (const raw of this.referralsOf(caseId)) {
      if (raw.status !== 'declined' || raw.need !== need || raw.listKey === undefined || raw.referralId === exceptId) continue;
      const write: Write = {
        update: { pk: raw.pk, sk: raw.sk },
        if: inStatus('declined'),
        change: (r) => {
          r.reReferredAt = at;
          delete r.listKey;
          delete r.listSort;
        },
      };
      if (this.table.tryWrite(write)) n++;
    }
    return n;
  }
}
