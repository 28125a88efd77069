import { ADDRESS_PK_PREFIX } from '../shared/store/address.js';
import { type Grant, type TableAccess, WIRING } from './functions.js';
import type { FunctionKey } from './triggers.js';

/**
 * A function's table access as IAM statements, from its declaration (events/functions.ts): the
 * CDK stack writes them into its role (infra/constructs/house-function.ts, infra/grants.ts), and
 * the local runtime refuses whatever they do not allow (local/table-access.ts).
 */
export interface TableStatement {
  /** DynamoDB action names without `dynamodb:`. */
  readonly actions: readonly string[];
  /** The index a Query reads; absent: the table itself. */
  readonly index?: string;
  /** `ForAllValues:StringLike` on `dynamodb:LeadingKeys`: every partition key touched matches one. */
  readonly leadingKeys: readonly string[];
}

/** What a grant (events/functions.ts `Grant`) allows on the table, beside its `table` access. */
export const GRANTED_TABLE_ACCESS: Partial<Record<Grant, TableStatement>> = {
  'delete-address-items': { actions: ['DeleteItem'], leadingKeys: [`${ADDRESS_PK_PREFIX}*`] },
};

/** Every statement on the table and its indexes that `key`'s declaration allows. */
export function tableStatements(key: FunctionKey): TableStatement[] {
  const access: TableAccess = WIRING[key].table;
  return [
    { actions: access.table, leadingKeys: access.keys },
    ...(access.also ?? []).map(({ actions, keys }) => ({ actions, leadingKeys: keys })),
    ...Object.entries(access.indexes ?? {}).map(([index, { actions, keys }]) => ({ actions, index, leadingKeys: keys })),
    ...(WIRING[key].grants as readonly Grant[]).flatMap((g) => GRANTED_TABLE_ACCESS[g] ?? []),
  ];
}

/** IAM's StringLike: `*` any run of characters, `?` any one; case-sensitive, whole string. */
export function stringLike(pattern: string, value: string): boolean {
  const source = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's').test(value);
}
