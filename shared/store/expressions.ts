import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * `SET #f0 = :v0, #f1 = :v1 …` for a record of fields, with its names and values merged into
 * the ones a condition already uses. Placeholders keep reserved words (status, when…) safe.
 */
export function setFields(
  fields: Record<string, unknown>,
  names: Record<string, string> = {},
  values: Record<string, unknown> = {},
): { set: string; names: Record<string, string>; values: Record<string, unknown> } {
  const parts = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  return { set: `SET ${parts.join(', ')}`, names, values };
}

/** A transaction's Put of an item that must not exist yet: however often it is repeated, written once. */
export function putNew(table: string, item: object): { Put: { TableName: string; Item: Record<string, unknown>; ConditionExpression: string } } {
  return { Put: { TableName: table, Item: item as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** Whether a transaction was refused because the condition on its item at `index` did not hold. */
export function conditionFailedAt(err: unknown, index: number): boolean {
  return err instanceof TransactionCanceledException && err.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}
