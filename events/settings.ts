import type * as z from '../shared/domain/zod.js';
import {
  ApiConfig,
  DeliverConfig,
  DigestsConfig,
  EmailEventsConfig,
  ENV_NAMES,
  MeetingsConfig,
  ReactConfig,
  ReportsConfig,
  RespondConfig,
  RetentionConfig,
  RouteConfig,
  SweepConfig,
} from '../shared/config/config.js';
import type { FunctionWiring } from './functions.js';
import { DELIVERY_RETRY } from './triggers.js';

/** Each config schema, by the name a declaration's `settings` gives (events/functions.ts). */
export const CONFIGS = {
  api: ApiConfig,
  route: RouteConfig,
  respond: RespondConfig,
  react: ReactConfig,
  deliver: DeliverConfig,
  sweep: SweepConfig,
  meetings: MeetingsConfig,
  digests: DigestsConfig,
  reports: ReportsConfig,
  retention: RetentionConfig,
  emailEvents: EmailEventsConfig,
} as const satisfies Record<keyof typeof ENV_NAMES, z.ZodMiniType>;

/** Seconds a delivery attempt holds an intent; must outlast one invocation of deliver. */
export const SEND_LEASE_SECONDS = 60;

/**
 * The settings whose values are part of the declaration, the same on AWS and locally: the send
 * lease and the delivery retry policy (email-events retries a transient bounce under the same one).
 */
export const DECLARED_SETTINGS = {
  SEND_LEASE_SECONDS: String(SEND_LEASE_SECONDS),
  DELIVERY_MAX_ATTEMPTS: String(DELIVERY_RETRY.maxAttempts),
  DELIVERY_RETRY_BASE_SECONDS: String(DELIVERY_RETRY.baseSeconds),
  DELIVERY_RETRY_CAP_SECONDS: String(DELIVERY_RETRY.capSeconds),
  DELIVERY_RETRY_MAX_AGE_HOURS: String(DELIVERY_RETRY.maxAgeHours),
} as const;

/**
 * A platform's value of each setting, by name. `undefined`: a setting the platform deliberately
 * leaves unset because the config treats it as optional (e.g. the key file on AWS, the key's SSM
 * parameter locally).
 */
export type SettingValues = Readonly<Record<string, string | undefined>>;

/**
 * The environment a function's declaration asks for (its `settings`), from a platform's values;
 * `unset`: the names it reads that the platform leaves unset. A name the platform has no entry
 * for fails here, so a setting added to a config cannot be forgotten by either platform.
 */
export function environmentOf(
  functionName: string,
  { settings }: Pick<FunctionWiring, 'settings'>,
  values: SettingValues,
  platform: string,
): { names: readonly string[]; environment: Record<string, string>; unset: string[] } {
  const names = ENV_NAMES[settings];
  const unknown = names.filter((name) => !(name in values));
  if (unknown.length > 0) throw new Error(`${functionName}: no ${platform} value for ${unknown.join(', ')}`);
  const environment: Record<string, string> = {};
  const unset: string[] = [];
  for (const name of names) {
    const value = values[name];
    if (value === undefined) unset.push(name);
    else environment[name] = value;
  }
  return { names, environment, unset };
}
