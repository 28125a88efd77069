import type { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

import { environmentOf, SEND_LEASE_SECONDS, type SettingValues } from '../events/settings.js';
import { type Grant, WIRING } from '../events/functions.js';
import { FUNCTIONS, type FunctionDeclaration, type FunctionKey } from '../events/triggers.js';
import { HouseFunction } from './constructs/house-function.js';
import type { GrantFunction } from './grants.js';
import { pascalCase } from './naming.js';

/**
 * One function per declaration (events/triggers.ts), in their order, with what it runs with
 * (events/functions.ts): the settings its config reads (values from `settings`), exactly its table
 * access, and its grants.
 */
export function houseFunctions(
  stack: Stack,
  { table, settings, grants }: { table: ITable; settings: SettingValues; grants: Record<Grant, GrantFunction> },
): Record<FunctionKey, HouseFunction> {
  const functions: Partial<Record<FunctionKey, HouseFunction>> = {};
  for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
    const declaration: FunctionDeclaration = FUNCTIONS[key];
    const wiring = WIRING[key];
    const { names, environment, unset } = environmentOf(declaration.name, wiring, settings, 'AWS (infra/settings.ts)');
    if (names.includes('SEND_LEASE_SECONDS') && SEND_LEASE_SECONDS <= declaration.timeoutSeconds) {
      throw new Error(`SEND_LEASE_SECONDS (${SEND_LEASE_SECONDS}) must exceed ${declaration.name}'s timeout (${declaration.timeoutSeconds}s)`);
    }
    const id = pascalCase(key);
    const fn = new HouseFunction(stack, `${id}Function`, {
      declaration,
      environment,
      requiredEnvironment: names,
      optionalEnvironment: unset,
    });
    fn.useTable(table, wiring.table);
    for (const grant of wiring.grants) grants[grant](fn, id);
    functions[key] = fn;
  }
  return functions as Record<FunctionKey, HouseFunction>;
}
