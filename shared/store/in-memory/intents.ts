import type { Actor } from '../../domain/actor.js';
import { notClosed, type FollowUpClosing, type FollowUpDone } from '../../domain/notification.js';
import {
  intentAbandoned,
  intentBounced,
  intentBounceRetry,
  intentCancelled,
  intentDeferred,
  intentDelivered,
  intentFailed,
  intentFollowedUp,
  intentHeld,
  IntentItem,
  intentKey,
  intentRequeued,
  intentSent,
  intentUnconfirmed,
  leaseWatch,
  ownClaim,
  claimToken,
  type IntentActor,
  type IntentChange,
  type IntentRef,
  type SentOutcome,
  isDueSms,
  UNSENT,
} from '../intent.js';
import { casePk } from '../owner.js';
import type { ClaimResult, DecisionGuard, DecisionWritten, IntentRepository } from '../ports.js';
import { addressHash, addressKey } from '../address.js';
import { caseKey } from '../case.js';
import type { TimerItem } from '../timer.js';
import { referralKey, type ReferralItem } from '../referral.js';
import { referralSentWrites } from './referrals.js';
import { lists } from '../worklist.js';
import { ConditionFailed, setFields, type Condition, type MemoryTable, type Write } from './table.js';

const keyOf = (i: IntentRef) => intentKey({ pk: i.pk }, i.intentId);

/** A decision's guard as a check of its transaction, as intent-store.ts writes it. */
function guardCheck(g: DecisionGuard): Write {
  if ('addressClear' in g) return { check: addressKey(addressHash(g.addressClear)), if: (c) => c === undefined };
  if ('referralCreated' in g) return { check: referralKey(g.referralCreated.caseId, g.referralCreated.referralId), if: (c) => c?.status === 'created' };
  const open = (c: Record<string, unknown> | undefined) => c !== undefined && (c.status ?? 'open') === 'open';
  if ('caseOpen' in g) return { check: caseKey(g.caseOpen), if: open };
  const { caseId, sms, phone } = g.smsConsent;
  return { check: caseKey(caseId), if: (c) => open(c) && (c?.consent as { sms?: unknown } | undefined)?.sms === sms && c?.phone === phone };
}

/** The condition each kind of change is written under (IntentChange['when']). */
function conditionOf(when: IntentChange['when']): Condition {
  if ('lease' in when) return (c) => c?.status === 'sending' && c.leaseUntil === when.lease;
  if ('sentAs' in when) return (c) => c?.status === 'sent' && c.providerMessageId === when.sentAs && (!when.withBody || c.data !== undefined);
  if ('queued' in when) return (c) => c?.status === 'queued' && (when.dueAt === undefined || c.dueAt === when.dueAt);
  return (c) => c?.listKey === when.listedIn;
}

/** cancelUnsent's twin: cancels the intent only while no delivery has claimed it. */
export function cancelUnsent(i: IntentRef, at: string): Write {
  return {
    update: keyOf(i),
    if: (c) => UNSENT.some((u) => c?.status === u),
    change: (item) => {
      setFields(item, { status: 'cancelled', cancelledAt: at });
      delete item.dueBucket;
    },
  };
}

export class MemoryIntents implements IntentRepository {
  constructor(private readonly table: MemoryTable) {}

  async putIfAbsent(item: IntentItem): Promise<boolean> {
    return this.table.tryWrite({ put: item, if: (c) => c === undefined });
  }

  async writeDecision(intents: IntentItem[], timers: TimerItem[], guards: DecisionGuard[]): Promise<DecisionWritten> {
    const items = [...intents, ...timers];
    try {
      this.table.write(...items.map((put): Write => ({ put, if: (c) => c === undefined })), ...guards.map(guardCheck));
      return 'written';
    } catch (err) {
      if (!(err instanceof ConditionFailed)) throw err;
      return items.some((_, i) => err.at(i)) ? 'exists' : 'guard-failed';
    }
  }

  async get(ref: IntentRef): Promise<IntentItem | undefined> {
    const item = this.table.get(keyOf(ref));
    return item ? IntentItem.parse(item) : undefined;
  }

  async claim(ref: IntentRef, leaseUntil: number, nowIso: string): Promise<ClaimResult> {
    return this.claimIf(ref, leaseUntil, nowIso, (c) => c?.status === 'queued');
  }

  async claimDue(ref: IntentRef, leaseUntil: number, nowIso: string, mergingInto: string): Promise<ClaimResult> {
    return this.claimIf(ref, leaseUntil, nowIso, (c) => c !== undefined && isDueSms(c as IntentItem, nowIso), mergingInto);
  }

  async dueSmsOf(caseId: string, nowIso: string): Promise<IntentItem[]> {
    return this.table
      .partition(casePk(caseId))
      .filter((i) => i.type === 'Intent' && isDueSms(i as IntentItem, nowIso))
      .map((i) => IntentItem.parse(i));
  }

  async withIdPrefix(caseId: string, prefix: string): Promise<IntentItem[]> {
    return this.table
      .partition(casePk(caseId))
      .filter((i) => i.sk.startsWith(intentKey({ caseId }, prefix).sk))
      .map((i) => IntentItem.parse(i));
  }

  private claimIf(ref: IntentRef, leaseUntil: number, nowIso: string, claimable: Condition, mergingInto?: string): ClaimResult {
    const token = claimToken();
    try {
      this.table.write({
        update: keyOf(ref),
        if: claimable,
        change: (i) => {
          i.status = 'sending';
          i.leaseUntil = leaseUntil;
          i.claimToken = token;
          i.attempts = (i.attempts as number) + 1;
          i.firstAttemptAt ??= nowIso;
          Object.assign(i, leaseWatch(leaseUntil));
          if (mergingInto !== undefined) i.mergedInto = mergingInto;
        },
      });
      return { claimed: true, intent: IntentItem.parse(this.table.get(keyOf(ref))) };
    } catch (err) {
      if (err instanceof ConditionFailed && err.at(0)) {
        const found = err.itemAt(0);
        const current = found ? IntentItem.parse(found) : undefined;
        return ownClaim(current, token) ? { claimed: true, intent: current } : { claimed: false, current };
      }
      throw err;
    }
  }

  /** One change with its audit entry and the intents it gives rise to, all or nothing, while its condition holds. */
  private change(ref: IntentRef, c: IntentChange, also: IntentItem[] = [], extra: Write[] = []): boolean {
    // IntentChange's `whileOpen`, as intent-store.ts checks it: any case but a closed one.
    const caseOpen: Write[] = c.whileOpen ? [{ check: caseKey(c.whileOpen.caseId), if: (k) => k?.status !== 'closed' }] : [];
    try {
      this.table.write(
        {
          update: keyOf(ref),
          if: conditionOf(c.when),
          change: (i) => {
            setFields(i, c.set);
            for (const f of c.remove) delete i[f];
          },
        },
        { put: c.audit },
        ...also.map((put) => ({ put })),
        ...extra,
        ...caseOpen,
      );
      return true;
    } catch (err) {
      if (!(err instanceof ConditionFailed)) throw err;
      if (err.at(0)) return false;
      // As intent-store.ts: the case closed, the failure is written as for a closed case, alone.
      if (c.whileOpen && err.at(2 + also.length + extra.length)) return this.change(ref, c.whileOpen.closed);
      throw err;
    }
  }

  async markSent(i: IntentItem, lease: number, outcome: SentOutcome, referral?: ReferralItem): Promise<boolean> {
    const c = intentSent(i, lease, outcome);
    if (!referral) return this.change(i, c);
    try {
      return this.change(i, c, [], referralSentWrites(referral, c.audit.at));
    } catch (err) {
      // As intent-store.ts: a referral no longer `created` is left as it is, the email on record alone.
      if (err instanceof ConditionFailed && err.at(2)) return this.change(i, c);
      throw err;
    }
  }

  async markCancelled(i: IntentItem, lease: number, reason: string, at: string): Promise<boolean> {
    return this.change(i, intentCancelled(i, lease, reason, at));
  }

  async markFailed(i: IntentItem, lease: number, failure: NonNullable<IntentItem['failure']>, at?: string, followUps: IntentItem[] = []): Promise<boolean> {
    return this.change(i, intentFailed(i, lease, failure, at), followUps);
  }

  async deferRetry(i: IntentItem, lease: number, lastError: string, retryAt: Date, at: string): Promise<boolean> {
    return this.change(i, intentDeferred(i, lease, lastError, retryAt, at));
  }

  async markUnconfirmed(i: IntentItem, at: string, opts: { followUps?: IntentItem[]; lastError?: string; by?: IntentActor } = {}): Promise<boolean> {
    return i.leaseUntil === undefined ? false : this.change(i, intentUnconfirmed(i, i.leaseUntil, at, opts), opts.followUps);
  }

  async hold(i: IntentItem, until: Date, at: string): Promise<boolean> {
    return this.change(i, intentHeld(i, until, at));
  }

  async requeue(i: IntentItem, at: string): Promise<boolean> {
    return this.change(i, intentRequeued(i, at));
  }

  async abandon(i: IntentItem, failure: NonNullable<IntentItem['failure']>, at: string, followUps: IntentItem[]): Promise<boolean> {
    return this.change(i, intentAbandoned(i, failure, at), followUps);
  }

  async resolveFollowUp(ref: IntentRef, municipalityId: string, followUp: FollowUpDone, actor: Actor): Promise<FollowUpClosing> {
    const intent = await this.get(ref);
    if (!intent || intent.listKey !== lists.failed(municipalityId)) return notClosed(intent);
    return this.change(ref, intentFollowedUp(intent, municipalityId, followUp, actor)) ? { done: true } : notClosed(await this.get(ref));
  }

  async failAfterSend(i: IntentItem, messageId: string, failure: NonNullable<IntentItem['failure']>, at: string): Promise<boolean> {
    return this.change(i, intentBounced(i, messageId, failure, at));
  }

  async retryAfterBounce(i: IntentItem, messageId: string, lastError: string, retryAt: Date, at: string): Promise<boolean> {
    return this.change(i, intentBounceRetry(i, messageId, lastError, retryAt, at));
  }

  async dropBodyOnDelivery(i: IntentItem, messageId: string, at: string): Promise<boolean> {
    return this.change(i, intentDelivered(i, messageId, at));
  }
}
