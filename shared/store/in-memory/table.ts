import { TABLE } from '../table.js';

/**
 * The single table in memory, with the few DynamoDB behaviours the adapters' promises rest on:
 * conditional writes, transactions that write all or nothing (and name the write whose condition
 * failed), updates that create the item when they have no condition, sparse indexes that hold only
 * the items carrying their keys, keys compared as DynamoDB compares strings (UTF-8 bytes), and the
 * limits a use case could run into (key sizes, 100 writes in a transaction, one write per item).
 * Items go in and come out as copies, undefined values dropped as the document client drops them.
 */

export type Key = { pk: string; sk: string };
export type Item = Key & Record<string, unknown>;

/** A condition on the item as it is before the write (undefined: no such item). */
export type Condition = (current: Item | undefined) => boolean;

export type Write =
  | { put: Item; if?: Condition }
  /** Changes a copy of the item, or of `{ pk, sk }` when there is none (as an UpdateItem without a condition creates it). */
  | { update: Key; if?: Condition; change: (item: Item) => void }
  | { check: Key; if: Condition }
  | { delete: Key; if?: Condition };

/**
 * Writes whose conditions did not hold, by their index in the transaction, with the items as they
 * were: as DynamoDB's cancellation reasons, every refused write is named, not only the first.
 */
export class ConditionFailed extends Error {
  override name = 'ConditionalCheckFailedException';
  constructor(readonly refused: ReadonlyMap<number, Item | undefined>) {
    super(`the condition of write ${[...refused.keys()].join(', ')} failed`);
  }

  /** Whether the write at `index` was refused (conditionFailedAt's twin). */
  at(index: number): boolean {
    return this.refused.has(index);
  }

  /** The item as it was when the write at `index` was refused (ReturnValuesOnConditionCheckFailure). */
  itemAt(index: number): Item | undefined {
    return this.refused.get(index);
  }
}

/** Whether `err` is a refusal of the write at `index`; anything else is thrown again by the caller. */
export const refusedAt = (err: unknown, index: number): boolean => err instanceof ConditionFailed && err.at(index);

/** What DynamoDB answers with a ValidationException: a request it refuses whatever the data. */
export class InvalidRequest extends Error {
  override name = 'ValidationException';
}

const MAX_TRANSACTION_WRITES = 100;
const MAX_PK_BYTES = 2048;
const MAX_SK_BYTES = 1024;

/** DynamoDB orders string keys by their UTF-8 bytes, which differs from JS's UTF-16 order beyond the BMP. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** A deep copy without undefined values (the document client's removeUndefinedValues). */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(copy) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copy(v);
    return out as T;
  }
  return value;
}

/**
 * Sets `fields` on an item as an update expression's SET does. A field set to undefined is refused
 * as DynamoDB refuses it: the document client drops the undefined value, and the expression then
 * names a value that is not there.
 */
export function setFields(item: Item, fields: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) throw new InvalidRequest(`an expression attribute value used in the expression is not defined (${k})`);
    item[k] = v;
  }
}

const id = (key: Key) => `${key.pk}\u0000${key.sk}`;
const keyOf = (w: Write): Key => ('put' in w ? w.put : 'update' in w ? w.update : 'check' in w ? w.check : w.delete);

/** A key names an item by its pk and sk alone: DynamoDB refuses a Key with any other attribute (an item passed as its own key). */
function validKey(key: Key, alone = true): void {
  if (alone && Object.keys(key).length !== 2) throw new InvalidRequest('The number of conditions on the keys is invalid');
  for (const [name, max] of [['pk', MAX_PK_BYTES], ['sk', MAX_SK_BYTES]] as const) {
    const v: unknown = key[name];
    if (typeof v !== 'string' || v.length === 0) throw new InvalidRequest(`${name} must be a non-empty string`);
    if (Buffer.byteLength(v, 'utf8') > max) throw new InvalidRequest(`${name} is longer than ${max} bytes`);
  }
}

/** The sparse indexes, by their declared names: an item is in one only while it carries both its keys. */
type IndexName = (typeof TABLE)['timersIndex' | 'worklistIndex']['name'];
const INDEXES: Record<IndexName, { partitionKey: string; sortKey: string }> = {
  [TABLE.timersIndex.name]: TABLE.timersIndex,
  [TABLE.worklistIndex.name]: TABLE.worklistIndex,
};

/** A range of an index's sort key: `from` and `to` inclusive, `below` exclusive. */
export interface SortRange {
  from?: string | undefined;
  to?: string | undefined;
  below?: string | undefined;
}

export class MemoryTable {
  private readonly items = new Map<string, Item>();
  /** Writes to come whose answer is lost (loseNextAnswer). */
  private lostAnswers = 0;
  /** Another writer's items, put just before the next write (putBeforeNextWrite). */
  private meanwhile: Item[] = [];

  get(key: Key): Item | undefined {
    validKey(key);
    const item = this.items.get(id(key));
    return item ? copy(item) : undefined;
  }

  /**
   * One write, or a transaction: every condition is checked against the items as they were before
   * any of the writes, and either all are applied or none (ConditionFailed names the first refused).
   */
  write(...writes: Write[]): void {
    for (const put of this.meanwhile.splice(0)) this.apply([{ put }]);
    this.apply(writes);
    if (this.lostAnswers === 0) return;
    this.lostAnswers--;
    if (writes.length === 1) this.apply(writes);
  }

  /**
   * The DynamoDB client's resend of a write whose answer was lost (a reset connection, a timeout),
   * for tests: the next write is applied, then sent again. A single write is applied anew (its own
   * condition, most often, refuses it); a transaction is answered as the first time, as DynamoDB
   * answers the same ClientRequestToken, which the client keeps across its resends.
   */
  loseNextAnswer(): void {
    this.lostAnswers++;
  }

  /**
   * Another writer's put, for tests: it lands just before the next write, after whatever the
   * caller read for it (DynamoDB interleaves requests; this table, synchronous, never would).
   */
  putBeforeNextWrite(item: Item): void {
    this.meanwhile.push(copy(item));
  }

  private apply(writes: Write[]): void {
    if (writes.length > MAX_TRANSACTION_WRITES) throw new InvalidRequest(`a transaction holds at most ${MAX_TRANSACTION_WRITES} writes`);
    const seen = new Set<string>();
    for (const w of writes) {
      const key = keyOf(w);
      validKey(key, !('put' in w));
      if (seen.has(id(key))) throw new InvalidRequest('a transaction cannot include several operations on one item');
      seen.add(id(key));
    }
    const refused = new Map<number, Item | undefined>();
    writes.forEach((w, index) => {
      const current = this.items.get(id(keyOf(w)));
      if (w.if && !w.if(current ? copy(current) : undefined)) refused.set(index, current ? copy(current) : undefined);
    });
    if (refused.size > 0) throw new ConditionFailed(refused);
    const next = writes.map((w): [string, Item | undefined] | undefined => {
      const key = keyOf(w);
      if ('put' in w) return [id(key), copy(w.put)];
      if ('delete' in w) return [id(key), undefined];
      if ('check' in w) return undefined;
      const item = copy(this.items.get(id(key)) ?? { pk: key.pk, sk: key.sk });
      w.change(item);
      return [id(key), copy(item)];
    });
    for (const entry of next) {
      if (!entry) continue;
      const [k, item] = entry;
      if (item) this.items.set(k, item);
      else this.items.delete(k);
    }
  }

  /**
   * `write`, answering false instead of throwing when the first write's condition did not hold:
   * the "only if it is still as it was read" of every port. Any other refusal is thrown.
   */
  tryWrite(...writes: Write[]): boolean {
    try {
      this.write(...writes);
      return true;
    } catch (err) {
      if (refusedAt(err, 0)) return false;
      throw err;
    }
  }

  /** One write, true also when refused by an item as this write leaves it (updatedOrOurs' twin: its own resend). */
  tryWriteOrOurs(write: Write, ours: (item: Item) => boolean): boolean {
    try {
      this.write(write);
      return true;
    } catch (err) {
      if (!refusedAt(err, 0)) throw err;
      const found = (err as ConditionFailed).itemAt(0);
      return found !== undefined && ours(found);
    }
  }

  /** Every item of a partition, in sort-key order. */
  partition(pk: string): Item[] {
    return [...this.items.values()].filter((i) => i.pk === pk).sort((a, b) => compareKeys(a.sk, b.sk)).map(copy);
  }

  /** The items of one partition of a sparse index within `range`, in sort-key order (descending with `reverse`). */
  query(index: IndexName, hash: string, range: SortRange = {}, reverse = false): Item[] {
    const { partitionKey, sortKey } = INDEXES[index];
    const out = [...this.items.values()].filter((i) => {
      const s = i[sortKey];
      if (i[partitionKey] !== hash || typeof s !== 'string') return false;
      if (range.from !== undefined && compareKeys(s, range.from) < 0) return false;
      if (range.to !== undefined && compareKeys(s, range.to) > 0) return false;
      return range.below === undefined || compareKeys(s, range.below) < 0;
    });
    // Ties on the index's sort key fall back to the table's key, so a read is repeatable.
    out.sort((a, b) => compareKeys(a[sortKey] as string, b[sortKey] as string) || compareKeys(id(a), id(b)));
    if (reverse) out.reverse();
    return out.map(copy);
  }

  /** How many items the table holds: what a test counts to see nothing more was written. */
  get size(): number {
    return this.items.size;
  }
}
