import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { stringLike, tableStatements, type TableStatement } from '../events/table-access.js';
import { FUNCTIONS, type FunctionKey } from '../events/triggers.js';
import { TABLE } from '../shared/store/table.js';

/**
 * The local runtime's stand-in for each function's IAM role on the table. On AWS every function
 * runs in its own sandbox with its own role; here every handler module runs in one process and
 * shares the modules that build the DynamoDB client (route-referrals even builds the deliver
 * function's repositories for its one hop), so who is asking is the invocation, not the client:
 * the runtime runs each invocation as its function (`runAs`), and a middleware on the client
 * refuses, as AccessDenied, whatever that function's declared statements (events/table-access.ts,
 * the ones the CDK stack writes into its role) do not allow. Calls outside any invocation (the
 * runtime itself, tests seeding the table, the CLI) are not a function's and pass.
 */
const invocation = new AsyncLocalStorage<string>();

/** Runs `work` as the function named `functionName` (FUNCTIONS' `name`): its table calls are checked against its declaration. */
export function runAs<T>(functionName: string, work: () => T): T {
  return invocation.run(functionName, work);
}

const WRAPPED = new WeakMap<object, { functionName: string; handler: unknown }>();

/** `handler`, each of whose invocations runs as `functionName`. */
export function invokedAs<A extends unknown[], R>(functionName: string, handler: (...args: A) => R): (...args: A) => R {
  const wrapped = (...args: A) => runAs(functionName, () => handler(...args));
  WRAPPED.set(wrapped, { functionName, handler });
  return wrapped;
}

/** What `invokedAs` wrapped, and as whom it runs (undefined: not wrapped). */
export const wrappedBy = (fn: object) => WRAPPED.get(fn);

/** One item-level request as IAM authorises it: an action on the table or an index, and the partition keys it names. */
export interface TableRequest {
  action: string;
  index?: string;
  /** Undefined: the request names no partition key this check can read (refused). */
  leadingKeys: string[] | undefined;
}

type Input = Record<string, unknown>;
type Key = Record<string, unknown> | undefined;

/** A key attribute's string, marshalled (`{ S: … }`, as it goes to the wire) or not. */
function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && typeof (value as { S?: unknown }).S === 'string') return (value as { S: string }).S;
  return undefined;
}

function partitionOf(key: Key): string[] | undefined {
  const pk = stringOf(key?.[TABLE.partitionKey]);
  return pk === undefined ? undefined : [pk];
}

function allPartitions(keys: Key[]): string[] | undefined {
  const found = keys.map(partitionOf);
  return found.some((k) => k === undefined) ? undefined : found.flatMap((k) => k!);
}

/** The partition key's value in a Query's key condition (`pk = :pk`, or through an attribute name). */
function queriedPartition(input: Input): string[] | undefined {
  const index = typeof input.IndexName === 'string' ? input.IndexName : undefined;
  const attribute = index === undefined ? TABLE.partitionKey : [TABLE.timersIndex, TABLE.worklistIndex].find((i) => i.name === index)?.partitionKey;
  const expression = typeof input.KeyConditionExpression === 'string' ? input.KeyConditionExpression : '';
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  for (const [, name, placeholder] of expression.matchAll(/(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
    if ((name!.startsWith('#') ? names[name!] : name) !== attribute) continue;
    const value = stringOf(values[placeholder!]);
    return value === undefined ? undefined : [value];
  }
  return undefined;
}

const SINGLE_ITEM: Record<string, string> = {
  GetItemCommand: 'GetItem',
  PutItemCommand: 'PutItem',
  UpdateItemCommand: 'UpdateItem',
  DeleteItemCommand: 'DeleteItem',
};

/**
 * What IAM authorises for one command: a transaction is authorised part by part (its Put, Update,
 * Delete and ConditionCheck as PutItem, UpdateItem, DeleteItem, ConditionCheckItem; a TransactGet's
 * as GetItem), a batch as one BatchGetItem/BatchWriteItem over all its keys. Any other command
 * (Scan, DescribeTable, …) names no partition and is refused unless declared.
 */
export function requestsOf(commandName: string, input: Input): TableRequest[] {
  const action = SINGLE_ITEM[commandName];
  if (action) return [{ action, leadingKeys: partitionOf((action === 'PutItem' ? input.Item : input.Key) as Key) }];
  switch (commandName) {
    case 'QueryCommand':
      return [{ action: 'Query', ...(typeof input.IndexName === 'string' ? { index: input.IndexName } : {}), leadingKeys: queriedPartition(input) }];
    case 'TransactWriteItemsCommand':
      return ((input.TransactItems ?? []) as Record<string, { Item?: Key; Key?: Key }>[]).map((part) => {
        const [kind, body] = Object.entries(part)[0] ?? ['', {}];
        const partAction = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' }[kind] ?? kind;
        return { action: partAction, leadingKeys: partitionOf(kind === 'Put' ? body.Item : body.Key) };
      });
    case 'TransactGetItemsCommand':
      return ((input.TransactItems ?? []) as { Get?: { Key?: Key } }[]).map((part) => ({ action: 'GetItem', leadingKeys: partitionOf(part.Get?.Key) }));
    case 'BatchGetItemCommand':
      return [{ action: 'BatchGetItem', leadingKeys: allPartitions(Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: Key[] }>).flatMap((r) => r.Keys ?? [])) }];
    case 'BatchWriteItemCommand': {
      const writes = Object.values((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item?: Key }; DeleteRequest?: { Key?: Key } }[]>).flat();
      return [{ action: 'BatchWriteItem', leadingKeys: allPartitions(writes.map((w) => w.PutRequest?.Item ?? w.DeleteRequest?.Key)) }];
    }
    default:
      return [{ action: commandName.replace(/Command$/, ''), leadingKeys: [] }];
  }
}

/** IAM's answer: some statement allows the action on that resource, and every key matches one of its patterns. */
export function allows(statements: readonly TableStatement[], request: TableRequest): boolean {
  const keys = request.leadingKeys;
  return (
    keys !== undefined &&
    statements.some((s) => s.index === request.index && s.actions.includes(request.action) && keys.every((k) => s.leadingKeys.some((p) => stringLike(p, k))))
  );
}

const STATEMENTS: ReadonlyMap<string, TableStatement[]> = new Map(
  (Object.keys(FUNCTIONS) as FunctionKey[]).map((key) => [FUNCTIONS[key].name, tableStatements(key)]),
);

/** Every refusal since the process started (or `refusals.length = 0`): the integration suites assert none. */
export const refusals: string[] = [];

/** The key's kind only (`CASE#…`): logs carry no identifiers. */
const kindOf = (key: string) => key.replace(/#.*$/s, '#…');

/** Why `functionName` may not send this command, or undefined if its declaration allows it. */
export function refusalOf(functionName: string, commandName: string, input: Input): string | undefined {
  const statements = STATEMENTS.get(functionName);
  if (!statements) return `${functionName} is not a declared function (events/triggers.ts)`;
  const denied = requestsOf(commandName, input).find((r) => !allows(statements, r));
  if (!denied) return undefined;
  const where = denied.index ? `index ${denied.index}` : 'the table';
  const keys = denied.leadingKeys === undefined ? 'no readable partition key' : `partition key ${denied.leadingKeys.map(kindOf).join(', ')}`;
  const declared = statements.filter((s) => s.index === denied.index && s.actions.includes(denied.action)).flatMap((s) => s.leadingKeys);
  return `${functionName} is not authorized to perform dynamodb:${denied.action} on ${where} with ${keys} (declared: ${declared.join(', ') || 'nothing'}; events/functions.ts)`;
}

const NAME = 'declaredTableAccess';

/**
 * Adds the check to a DynamoDB client (or document client: both share one stack), at the build
 * step: after the document client has marshalled the input, before the retry middleware, so a
 * refusal is final, as AccessDenied is. Adding it again replaces it.
 */
export function enforceDeclaredTableAccess(client: DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const functionName = invocation.getStore();
      const why = functionName === undefined ? undefined : refusalOf(functionName, String(context.commandName), args.input as Input);
      if (why !== undefined) {
        refusals.push(why);
        console.error(`[local IAM] AccessDenied: ${why}`);
        throw new DynamoDBServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: why });
      }
      return next(args);
    },
    { step: 'build', name: NAME, override: true },
  );
}
