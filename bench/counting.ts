/**
 * Counts what the platform asks of DynamoDB, SES and SNS, with an AWS SDK v3 middleware added
 * on the very client instances the handlers use (the singletons of shared/aws/clients.ts, in this
 * process). DynamoDB Local reports no consumed capacity, so request units are estimated from the
 * items themselves (see estimateUnits): an approximation, documented in bench/README.md.
 */
import type { MiddlewareStack } from '@smithy/types';
import { conditionFailedAt } from '../shared/store/expressions.js';
import { TABLE } from '../shared/store/table.js';

export interface CommandCount {
  calls: number;
  /** Items returned (reads) or put/updated/deleted (writes). */
  items: number;
  /** Estimated on-demand request units (RRU for reads, WRU for writes, GSI writes included), refused calls' included. */
  units: number;
  /** Of the calls, those refused by their condition (refusedUnits): nothing written, charged all the same. */
  refused: number;
  /** Of the units, those of the refused calls. */
  refusedUnits: number;
}

/** What a function logged: lines and bytes as Lambda would ship them to CloudWatch Logs. */
export interface LogCount {
  lines: number;
  bytes: number;
}

export class Counter {
  /**
   * Nothing counted (the latency runs: the floor carries no such middleware, and estimating units
   * serialises every item); the providers' answers still reach `onEmail`.
   */
  paused = false;
  dynamo: Record<string, CommandCount> = {};
  sesEmails = 0;
  smsMessages = 0;
  smsSegments = 0;
  /**
   * The size of each item this client has written or read, by key, kept across resets: an update
   * is charged on the larger of the item before and after it, so it is estimated on the size last
   * seen (estimateUnits).
   */
  readonly itemSizes: ItemSizes = new Map();
  /** Per function (the logger's service name); filled only where a log meter is attached (bench/logs.ts). */
  logs: Record<string, LogCount> = {};
  reset(): void {
    this.dynamo = {};
    this.sesEmails = 0;
    this.smsMessages = 0;
    this.smsSegments = 0;
    this.logs = {};
  }
  snapshot() {
    return { dynamo: structuredClone(this.dynamo), sesEmails: this.sesEmails, smsMessages: this.smsMessages, smsSegments: this.smsSegments, logs: structuredClone(this.logs) };
  }
  add(command: string, items: number, units: number, refused = false): void {
    const c = (this.dynamo[command] ??= { calls: 0, items: 0, units: 0, refused: 0, refusedUnits: 0 });
    c.calls++;
    c.items += items;
    c.units += units;
    if (refused) {
      c.refused++;
      c.refusedUnits += units;
    }
  }
}

export type Snapshot = ReturnType<Counter['snapshot']>;

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
export const isRead = (command: string) => READS.has(command);

/** Approximate DynamoDB item size: attribute names + values as JSON (DynamoDB's own rule is close to this for strings). */
function size(item: unknown): number {
  return item === undefined ? 0 : Buffer.byteLength(JSON.stringify(item));
}
const gsiKeys = [TABLE.timersIndex.partitionKey, TABLE.worklistIndex.partitionKey];
/** GSI writes an item put causes: one per sparse index it is (or may be) in. */
function gsiWritesOfItem(item: Record<string, unknown> | undefined): number {
  return item ? gsiKeys.filter((k) => item[k] !== undefined).length : 0;
}
/** An update that names an index key (set or remove) writes that index too. */
function gsiWritesOfUpdate(expr: string | undefined, names: Record<string, string> | undefined, before?: SeenItem): number {
  if (!expr) return 0;
  const used = new Set(Object.values(names ?? {}));
  // A REMOVE of an index key the item does not have (as last seen) changes no index entry.
  const [other = '', removed = ''] = expr.split(/\bREMOVE\b/);
  const namedIn = (part: string) => new Set([...Object.entries(names ?? {})].filter(([p]) => part.includes(p)).map(([, n]) => n));
  const named = { other: namedIn(other), removed: namedIn(removed) };
  const onlyRemovesAbsent = (k: string) =>
    before !== undefined && !before.indexKeys.includes(k) && !other.includes(k) && !named.other.has(k) && (removed.includes(k) || named.removed.has(k));
  return gsiKeys.filter((k) => (expr.includes(k) || used.has(k)) && !onlyRemovesAbsent(k)).length;
}
const wru = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** An item as last written or read: its size and the index keys it held. */
interface SeenItem {
  bytes: number;
  indexKeys: string[];
}
/** Items by `pk|sk`, as last written or read. */
export type ItemSizes = Map<string, SeenItem>;
const keyOf = (k: AnyInput | undefined) => (k ? `${String(k.pk)}|${String(k.sk)}` : '');
function remember(sizes: ItemSizes, items: readonly unknown[]): void {
  for (const i of items) {
    if (i && typeof i === 'object') sizes.set(keyOf(i as AnyInput), { bytes: size(i), indexKeys: gsiKeys.filter((k) => (i as AnyInput)[k] !== undefined) });
  }
}
/**
 * An update's write units: DynamoDB charges the larger of the item before and after it, so an
 * item over 1 KB costs 2 WRU to update however little changes. Estimated on the item's size as
 * last seen (put or read on this client); 1 KB when never seen.
 */
const updateWru = (sizes: ItemSizes, key: AnyInput | undefined) => wru(sizes.get(keyOf(key))?.bytes ?? 1024);
const rru = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

type AnyInput = Record<string, any>;

/** Items and request units of one DynamoDB command, from its (document-client) input and output. */
export function estimateUnits(command: string, input: AnyInput, output: AnyInput, sizes: ItemSizes = new Map()): { items: number; units: number } {
  const consistent = input.ConsistentRead === true;
  switch (command) {
    case 'GetItem':
      remember(sizes, [output.Item]);
      return { items: output.Item ? 1 : 0, units: rru(size(output.Item), consistent) };
    case 'Query':
    case 'Scan': {
      const items = (output.Items ?? []) as unknown[];
      remember(sizes, items);
      // Charged on the items read (ScannedCount), summed sizes rounded up to 4 KB.
      const bytes = items.reduce<number>((n, i) => n + size(i), 0);
      return { items: output.ScannedCount ?? items.length, units: rru(bytes, consistent) };
    }
    case 'BatchGetItem': {
      const all = Object.values(output.Responses ?? {}).flat() as unknown[];
      return { items: all.length, units: all.reduce<number>((n, i) => n + rru(size(i), consistent), 0) };
    }
    case 'TransactGetItems': {
      const all = (output.Responses ?? []).map((r: AnyInput) => r.Item).filter(Boolean);
      return { items: all.length, units: all.reduce((n: number, i: unknown) => n + 2 * rru(size(i), true), 0) };
    }
    case 'PutItem':
      remember(sizes, [input.Item]);
      return { items: 1, units: wru(size(input.Item)) + gsiWritesOfItem(input.Item) };
    case 'UpdateItem':
      return { items: 1, units: updateWru(sizes, input.Key) + gsiWritesOfUpdate(input.UpdateExpression, input.ExpressionAttributeNames, sizes.get(keyOf(input.Key))) };
    case 'DeleteItem':
      return { items: 1, units: 1 };
    case 'BatchWriteItem': {
      const reqs = Object.values(input.RequestItems ?? {}).flat() as AnyInput[];
      remember(sizes, reqs.map((r) => r.PutRequest?.Item));
      return { items: reqs.length, units: reqs.reduce((n, r) => n + (r.PutRequest ? wru(size(r.PutRequest.Item)) + gsiWritesOfItem(r.PutRequest.Item) : 1), 0) };
    }
    case 'TransactWriteItems': {
      const ts = (input.TransactItems ?? []) as AnyInput[];
      // Transactions cost 2 WRU per 1 KB per item (ConditionCheck included).
      remember(sizes, ts.map((t) => t.Put?.Item));
      const units = ts.reduce((n, t) => {
        if (t.Put) return n + 2 * wru(size(t.Put.Item)) + gsiWritesOfItem(t.Put.Item);
        if (t.Update) return n + 2 * updateWru(sizes, t.Update.Key) + gsiWritesOfUpdate(t.Update.UpdateExpression, t.Update.ExpressionAttributeNames, sizes.get(keyOf(t.Update.Key)));
        return n + 2;
      }, 0);
      return { items: ts.length, units };
    }
    default:
      return { items: 0, units: 0 };
  }
}

/**
 * The write units DynamoDB charges for a write its condition refused (nothing written, no index
 * changed, so no index write). The developer guide ("DynamoDB read and write operations"): a
 * conditional write whose expression is false still consumes write capacity, on the size of the
 * item, the one there or the one sent (its example charges the larger); a transactional write
 * costs 2 units a KB an item, and that capacity is consumed even when the transaction is
 * cancelled, for example by a failed condition. Sizes as in estimateUnits: an item as last seen on
 * this client, 1 KB an update of one never seen.
 */
export function refusedUnits(command: string, input: AnyInput, sizes: ItemSizes = new Map()): number {
  const put = (item: AnyInput | undefined) => wru(Math.max(size(item), sizes.get(keyOf(item))?.bytes ?? 0));
  switch (command) {
    case 'PutItem':
      return put(input.Item);
    case 'UpdateItem':
      return updateWru(sizes, input.Key);
    case 'DeleteItem':
      return 1;
    case 'TransactWriteItems':
      return ((input.TransactItems ?? []) as AnyInput[]).reduce((n, t) => n + 2 * (t.Put ? put(t.Put.Item) : t.Update ? updateWru(sizes, t.Update.Key) : 1), 0);
    default:
      return 0;
  }
}

/** Whether a call failed because a condition of its own did not hold (a transaction: any of its items'). */
function refusedByCondition(command: string, input: AnyInput, err: unknown): boolean {
  if (command === 'TransactWriteItems') return ((input.TransactItems ?? []) as unknown[]).some((_, i) => conditionFailedAt(err, i));
  return (err as { name?: unknown } | undefined)?.name === 'ConditionalCheckFailedException';
}

type Stackful = { middlewareStack: MiddlewareStack<any, any> };

/**
 * Counts every DynamoDB command sent through `client` (its input and output as the caller sees
 * them), and the writes refused by their condition, which DynamoDB charges though they write
 * nothing (refusedUnits); their error reaches the caller as it came. Other failures are not
 * counted.
 */
export function countDynamo(client: Stackful, counter: Counter, name = 'benchDynamoCounter'): void {
  client.middlewareStack.add(
    (next: any, context: any) => async (args: any) => {
      if (counter.paused) return next(args);
      const command = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      let result: any;
      try {
        result = await next(args);
      } catch (err) {
        if (refusedByCondition(command, args.input ?? {}, err)) counter.add(command, 0, refusedUnits(command, args.input ?? {}, counter.itemSizes), true);
        throw err;
      }
      const { items, units } = estimateUnits(command, args.input ?? {}, result.output ?? {}, counter.itemSizes);
      counter.add(command, items, units);
      return result;
    },
    { step: 'initialize', name, override: true },
  );
}

/** Counts SES SendEmail and SNS Publish calls; `onEmail` sees each accepted email (time of the provider's answer). */
export function countProvider(client: Stackful, counter: Counter, kind: 'ses' | 'sns', onEmail?: (input: AnyInput, at: number) => void, smsSegments?: (text: string) => number): void {
  client.middlewareStack.add(
    (next: any) => async (args: any) => {
      const result = await next(args);
      const at = performance.now();
      if (kind === 'ses') {
        counter.sesEmails++;
        onEmail?.(args.input ?? {}, at);
      } else if (!counter.paused) {
        counter.smsMessages++;
        counter.smsSegments += smsSegments ? smsSegments(String(args.input?.Message ?? '')) : 1;
      }
      return result;
    },
    { step: 'initialize', name: `bench-${kind}-counter`, override: true },
  );
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
