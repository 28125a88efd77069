import type { AuditItem } from '../audit.js';
import { caseKey, smrClaimKey } from '../case.js';
import { meetingKey, namesCase, type MeetingItem } from '../meeting.js';
import type { PartitionEntry, RetentionRepository } from '../ports.js';
import { type Condition, type Key, type MemoryTable } from './table.js';

/** Small pages, so a caller's page loop is exercised as a large partition would exercise it on DynamoDB. */
const PAGE = 25;

export class MemoryRetention implements RetentionRepository {
  constructor(private readonly table: MemoryTable) {}

  async *partition(pk: string): AsyncGenerator<PartitionEntry[]> {
    const items = this.table.partition(pk);
    for (let i = 0; i < items.length || i === 0; i += PAGE) {
      yield items.slice(i, i + PAGE).map((item) => ({ pk: item.pk, sk: item.sk, type: String(item.type ?? '') }));
    }
  }

  async expireBy(key: Key, expiresAt: number): Promise<boolean> {
    return this.expire(key, expiresAt);
  }

  async expireClaimBy(smrCaseId: string, caseId: string, expiresAt: number): Promise<boolean> {
    return this.expire(smrClaimKey(smrCaseId), expiresAt, (c) => c?.caseId === caseId);
  }

  async *items(caseId: string): AsyncGenerator<Record<string, unknown>[]> {
    const items = this.table.partition(caseKey(caseId).pk);
    for (let i = 0; i < items.length; i += PAGE) yield items.slice(i, i + PAGE);
  }

  async claim(smrCaseId: string): Promise<Record<string, unknown> | undefined> {
    return this.table.get(smrClaimKey(smrCaseId));
  }

  async erase(key: Key): Promise<boolean> {
    return this.table.tryWrite({ delete: { pk: key.pk, sk: key.sk }, if: (c) => c !== undefined });
  }

  async eraseClaim(smrCaseId: string, caseId: string): Promise<boolean> {
    return this.table.tryWrite({ delete: smrClaimKey(smrCaseId), if: (c) => c?.caseId === caseId });
  }

  async scrubAuditDetail(key: Key, fields: readonly string[]): Promise<boolean> {
    const holds = (c: Record<string, unknown> | undefined) => {
      const detail = c?.detail as Record<string, unknown> | undefined;
      return c?.type === 'Audit' && fields.some((f) => detail?.[f] !== undefined);
    };
    return this.table.tryWrite({
      update: { pk: key.pk, sk: key.sk },
      if: holds,
      change: (i) => {
        const detail = { ...(i.detail as Record<string, string>) };
        for (const f of fields) delete detail[f];
        i.detail = detail;
      },
    });
  }

  async forgetInMeeting(meeting: Pick<MeetingItem, 'meetingId' | 'casesDiscussed'>, theCase: { caseId: string; smrCaseId: string }): Promise<boolean> {
    const current = meeting.casesDiscussed ?? [];
    const next = current.filter((s) => !namesCase(theCase)(s));
    if (next.length === current.length) return false;
    return this.table.tryWrite({
      update: meetingKey(meeting.meetingId),
      if: (c) => c !== undefined && JSON.stringify(c.casesDiscussed) === JSON.stringify(current),
      change: (i) => {
        i.casesDiscussed = next;
        delete i.minutesNote;
      },
    });
  }

  async record(entry: AuditItem): Promise<boolean> {
    return this.table.tryWrite({ put: entry, if: (c) => c === undefined });
  }

  /** Never creates an item (a key TTL just deleted stays deleted), and only ever brings the expiry forward. */
  private expire(key: Key, expiresAt: number, also: Condition = () => true): boolean {
    return this.table.tryWrite({
      update: { pk: key.pk, sk: key.sk },
      if: (c) => c !== undefined && (typeof c.expiresAt !== 'number' || c.expiresAt > expiresAt) && also(c),
      change: (i) => {
        i.expiresAt = expiresAt;
      },
    });
  }
}
