import { smrClaimKey } from '../case.js';
import type { PartitionEntry, RetentionRepository } from '../ports.js';
import { refusedAt, type Condition, type Key, type MemoryTable } from './table.js';

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

  /** Never creates an item (a key TTL just deleted stays deleted), and only ever brings the expiry forward. */
  private expire(key: Key, expiresAt: number, also: Condition = () => true): boolean {
    try {
      this.table.write({
        update: { pk: key.pk, sk: key.sk },
        if: (c) => c !== undefined && (typeof c.expiresAt !== 'number' || c.expiresAt > expiresAt) && also(c),
        change: (i) => {
          i.expiresAt = expiresAt;
        },
      });
      return true;
    } catch (err) {
      if (refusedAt(err, 0)) return false;
      throw err;
    }
  }
}
