import { caseKey } from '../case.js';
import { dueBucket } from '../../domain/calendar.js';
import { intentKey, queuedWatch, releasedAt, type IntentItem } from '../intent.js';
import type { CaseView, DueItem, PendingSubject, QuarantinedTimer, TimerFailure, TimerFiring, TimerRepository } from '../ports.js';
import { referralKey } from '../referral.js';
import { TABLE } from '../table.js';
import { dueItemOf, quarantinedOf, quarantineListing, referralLadderPrefix, stillPending, sweepCursorKey, timerFiredAudit, type TimerItem, timerKey, timerQuarantinedAudit } from '../timer.js';
import { lists } from '../worklist.js';
import { compareKeys, setFields, type Condition, type MemoryTable, type Write } from './table.js';

const absent: Condition = (c) => c === undefined;

export class MemoryTimers implements TimerRepository {
  itemsRead = 0;

  constructor(private readonly table: MemoryTable) {}

  async putIfAbsent(timers: TimerItem[]): Promise<void> {
    for (const t of timers) {
      this.table.tryWrite({ put: t, if: absent });
    }
  }

  async hasReferralLadder(caseId: string, referralId: string): Promise<boolean> {
    const { pk, sk } = referralLadderPrefix(caseId, referralId);
    return this.table.partition(pk).some((i) => i.sk.startsWith(sk));
  }

  async *due(bucket: string, nowIso: string): AsyncGenerator<DueItem> {
    const items = this.table.query(TABLE.timersIndex.name, bucket, { to: nowIso });
    this.itemsRead += items.length;
    for (const raw of items) yield dueItemOf(raw);
  }

  async cursor(): Promise<string | undefined> {
    const item = this.table.get(sweepCursorKey());
    return typeof item?.bucket === 'string' ? item.bucket : undefined;
  }

  async advanceCursor(bucket: string): Promise<void> {
    this.table.tryWrite({
      update: sweepCursorKey(),
      if: (c) => typeof c?.bucket !== 'string' || compareKeys(c.bucket, bucket) < 0,
      change: (c) => setFields(c, { bucket }),
    });
  }

  async fire(timer: TimerItem, { now, outcome, intents, next, flag, municipalityId }: TimerFiring): Promise<boolean> {
    const writes: Write[] = [
      {
        update: timerKey({ pk: timer.pk }, timer.timerId),
        if: (c) => c?.status === 'pending' && c.dueAt === timer.dueAt,
        change: (t) => {
          setFields(t, { status: 'fired', firedAt: now, outcome });
          delete t.dueBucket;
        },
      },
      { put: timerFiredAudit(timer, now, outcome, municipalityId) },
      ...intents.map((put): Write => ({ put, if: absent })),
      ...next.map((put): Write => ({ put, if: absent })),
      // Unconditional, as the DynamoDB adapter's: a referral gone meanwhile would come back as a stub.
      ...(flag ? [{ update: referralKey(flag.caseId, flag.referralId), change: (r) => setFields(r, { flaggedAt: now }) } satisfies Write] : []),
    ];
    return this.table.tryWrite(...writes);
  }

  async release(intent: IntentItem, at: string): Promise<boolean> {
    return this.table.tryWriteOrOurs(
      {
        update: intentKey({ pk: intent.pk }, intent.intentId),
        if: (c) => c?.status === 'deferred' && intent.dueAt !== undefined && c.dueAt === intent.dueAt,
        change: (i) => setFields(i, { status: 'queued', ...queuedWatch(new Date(at)) }),
      },
      (found) => releasedAt(found, at),
    );
  }

  async recordFailure(timer: TimerItem, { at, error, retryAt }: TimerFailure): Promise<boolean> {
    const failures = (timer.failures ?? 0) + 1;
    const key = timerKey({ pk: timer.pk }, timer.timerId);
    const stillDue: Condition = (c) => c?.status === 'pending' && c.dueAt === timer.dueAt;
    if (retryAt) {
      return this.table.tryWrite({ update: key, if: stillDue, change: (t) => setFields(t, { failures, lastError: error, dueAt: retryAt.toISOString(), dueBucket: dueBucket(retryAt) }) });
    }
    return this.table.tryWrite(
      {
        update: key,
        if: stillDue,
        change: (t) => {
          setFields(t, { status: 'quarantined', failures, lastError: error, quarantinedAt: at, ...quarantineListing(key, at) });
          delete t.dueBucket;
        },
      },
      { put: timerQuarantinedAudit(timer, at, failures, error) },
    );
  }

  async quarantineUnreadable(key: { pk: string; sk: string }, dueAt: string, at: string): Promise<boolean> {
    return this.table.tryWrite({
      update: key,
      if: (c) => c?.dueAt === dueAt && c.dueBucket !== undefined,
      change: (i) => {
        setFields(i, { quarantinedAt: at, lastError: 'Unreadable', ...quarantineListing(key, at) });
        delete i.dueBucket;
      },
    });
  }

  async quarantined(): Promise<QuarantinedTimer[]> {
    return this.table.query(TABLE.worklistIndex.name, lists.quarantined()).map(quarantinedOf);
  }

  async retryQuarantined(key: { pk: string; sk: string }, at: string): Promise<boolean> {
    return this.table.tryWrite({
      update: key,
      if: (c) => c?.status === 'quarantined',
      change: (t) => {
        setFields(t, { status: 'pending', dueAt: at, dueBucket: dueBucket(new Date(at)) });
        for (const f of ['failures', 'lastError', 'quarantinedAt', 'listKey', 'listSort']) delete t[f];
      },
    });
  }

  async cancelPending(caseId: string, about: (subject: PendingSubject) => boolean, now: string, read?: Pick<CaseView, 'timers' | 'intents'>): Promise<number> {
    let cancelled = 0;
    for (const raw of read ? [...read.timers, ...read.intents] : this.table.partition(caseKey(caseId).pk)) {
      if (!stillPending(raw) || !about(raw as PendingSubject)) continue;
      if (this.table.tryWrite({
        update: { pk: raw.pk, sk: raw.sk },
        if: (c) => c?.status === raw.status,
        change: (i) => {
          setFields(i, { status: 'cancelled', cancelledAt: now });
          delete i.dueBucket;
        },
      })) cancelled++;
    }
    return cancelled;
  }
}
