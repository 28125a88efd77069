import * as z from '../domain/zod.js';
import { MachineCallers } from '../identity/caller.js';

/**
 * Each function's environment, parsed once at cold start. A missing or malformed required
 * setting fails the cold start loudly, naming the variable; there are no silent defaults for
 * what a deployment must decide.
 */
const base = {
  /** The single table's name. */
  TABLE_NAME: z.string().check(z.minLength(1)),
  /**
   * Days personal data (names, phones, emails) is kept after its case is closed: the case's items
   * then expire (TTL) that long after the closure. While a case is open they carry a safety net
   * of the case's longest life plus these days (shared/cases/retention.ts).
   */
  PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().check(z.int(), z.gte(1), z.lte(3650)),
};

const delivery = {
  /** Verified SES sender, e.g. "Referrals <noreply@referrals.example.org>". */
  SES_FROM_ADDRESS: z.string().check(z.minLength(3)),
  /** SES configuration set every email is sent with (its event destination reports bounces, complaints and deliveries). */
  SES_CONFIGURATION_SET: z.string().check(z.minLength(1)),
  /** Seconds a delivery attempt holds an intent before another attempt may decide about it. */
  SEND_LEASE_SECONDS: z.coerce.number().check(z.int(), z.gte(5), z.lte(900)),
  /** Attempts after which a retryable failure becomes a final, explicit `failed`. */
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().check(z.int(), z.gte(1), z.lte(20)),
  /** First wait before retrying a throttled or transient failure; doubled per attempt (with jitter). */
  DELIVERY_RETRY_BASE_SECONDS: z.coerce.number().check(z.int(), z.gte(1), z.lte(3600)),
  /** The longest single wait between attempts. */
  DELIVERY_RETRY_CAP_SECONDS: z.coerce.number().check(z.int(), z.gte(1), z.lte(86_400)),
  /** Hours after the first attempt when a still-failing notification fails for good (the coordinator is told). */
  DELIVERY_RETRY_MAX_AGE_HOURS: z.coerce.number().check(z.int(), z.gte(1), z.lte(168)),
  /** 'live', or 'test': only reserved addresses and the simulated numbers below are delivered to. Required: a deployment must say which. */
  DELIVERY_MODE: z.enum(['live', 'test']),
  /** Comma-separated E.164 numbers that count as simulated in test mode (may be empty: no SMS at all). */
  SIMULATED_PHONE_NUMBERS: z.pipe(
    z.pipe(z._default(z.string(), ''), z.transform((s) => s.split(',').map((n) => n.trim()).filter(Boolean))),
    z.array(z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'E.164 numbers, comma-separated'))),
  ),
};

/**
 * Signed response links: the HMAC key lives in SSM Parameter Store (SecureString) on AWS, in a
 * local key file in the local runtime; exactly one of the two must be set.
 */
const links = {
  /** Absolute base of the links in emails, e.g. https://api.example.org (no trailing slash). */
  PUBLIC_BASE_URL: z.pipe(z.url(), z.transform((u) => u.replace(/\/$/, ''))),
  LINK_SIGNING_KEY_PARAMETER: z.optional(z.string().check(z.minLength(1))),
  LINK_SIGNING_KEY_FILE: z.optional(z.string().check(z.minLength(1))),
};
/** Unset or empty: none. */
const optionalName = z.pipe(z.transform((v: unknown) => (v === '' ? undefined : v)), z.optional(z.string().check(z.minLength(1))));
/**
 * The previous link key, kept during a key rotation so links signed before it still verify
 * (docs/operations.md, "Rotate the link-signing key"). Both optional, also when set but the parameter or
 * file does not exist (no rotation under way); each only beside its own kind of current key.
 * In ENV_NAMES for respond (the one function that verifies links); deliver signs with the current key only.
 */
const previousLinkKey = {
  /** AWS: SSM SecureString parameter with the previous key, e.g. /referrals/link-signing-key-previous. */
  LINK_SIGNING_KEY_PREVIOUS_PARAMETER: optionalName,
  /** Local: file with the previous key (never created). */
  LINK_SIGNING_KEY_PREVIOUS_FILE: optionalName,
};
type KeySettings = {
  LINK_SIGNING_KEY_PARAMETER?: string | undefined;
  LINK_SIGNING_KEY_FILE?: string | undefined;
  LINK_SIGNING_KEY_PREVIOUS_PARAMETER?: string | undefined;
  LINK_SIGNING_KEY_PREVIOUS_FILE?: string | undefined;
};
const oneKeySource = (c: KeySettings) => Boolean(c.LINK_SIGNING_KEY_PARAMETER) !== Boolean(c.LINK_SIGNING_KEY_FILE);
const keySourceMessage = { message: 'set exactly one of LINK_SIGNING_KEY_PARAMETER (AWS) or LINK_SIGNING_KEY_FILE (local)', path: ['LINK_SIGNING_KEY_PARAMETER'] };
const previousParameterFits = (c: KeySettings) =>
  !c.LINK_SIGNING_KEY_PREVIOUS_PARAMETER || (Boolean(c.LINK_SIGNING_KEY_PARAMETER) && c.LINK_SIGNING_KEY_PREVIOUS_PARAMETER !== c.LINK_SIGNING_KEY_PARAMETER);
const previousParameterMessage = {
  message: 'LINK_SIGNING_KEY_PREVIOUS_PARAMETER needs LINK_SIGNING_KEY_PARAMETER, and must name another parameter',
  path: ['LINK_SIGNING_KEY_PREVIOUS_PARAMETER'],
};
const previousFileFits = (c: KeySettings) =>
  !c.LINK_SIGNING_KEY_PREVIOUS_FILE || (Boolean(c.LINK_SIGNING_KEY_FILE) && c.LINK_SIGNING_KEY_PREVIOUS_FILE !== c.LINK_SIGNING_KEY_FILE);
const previousFileMessage = { message: 'LINK_SIGNING_KEY_PREVIOUS_FILE needs LINK_SIGNING_KEY_FILE, and must name another file', path: ['LINK_SIGNING_KEY_PREVIOUS_FILE'] };

/**
 * respond only. On AWS the link routes are served through CloudFront, which adds a shared secret
 * as the `x-origin-verify` header; this names the Secrets Manager secret holding it (its
 * SecretString is the header's value). When set, respond refuses any request without the
 * matching header (shared/links/origin-verify.ts). Unset or empty (the local runtime): no check.
 */
const linkOrigin = {
  LINK_ORIGIN_SECRET_ARN: z.pipe(
    z.transform((v: unknown) => (v === '' ? undefined : v)),
    z.optional(z.string().check(z.regex(/^arn:[\w-]+:secretsmanager:[\w-]+:\d{12}:secret:\S+$/, 'the ARN of a Secrets Manager secret'))),
  ),
};

/** Optional settings of respond, beyond ENV_NAMES; the stack may set them. */
export const LINK_PREVIOUS_KEY_ENV_NAMES = Object.keys(previousLinkKey) as (keyof typeof previousLinkKey)[];

function parsesAsJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * The IAM principals that may call the machine API, and as whom (shared/identity/caller.ts): a
 * JSON array, empty when the deployment has none.
 */
const machineCallers = {
  MACHINE_CALLERS: z.pipe(
    z.pipe(
      z._default(z.string().check(z.refine(parsesAsJson, 'a JSON array of machine callers')), '[]'),
      z.transform((s) => JSON.parse(s) as unknown),
    ),
    MachineCallers,
  ),
};

/**
 * Whose tokens the API accepts: API Gateway's JWT authorizer checks the issuer and the app client
 * already; the function checks them again, so that a second authorizer or app client added later
 * cannot widen who gets in without this setting saying so.
 */
const trustedTokens = {
  /** The user pool's issuer: https://cognito-idp.<region>.amazonaws.com/<pool id> (locally the emulator's). */
  TOKEN_ISSUER: z.url(),
  /** The app client ids whose access tokens the API accepts, comma-separated. */
  TOKEN_CLIENT_IDS: z.pipe(
    z.pipe(z.string(), z.transform((s) => s.split(',').map((c) => c.trim()).filter(Boolean))),
    z.array(z.string()).check(z.minLength(1, 'at least one app client id')),
  ),
};

export const ApiConfig = z.object({ ...base, ...machineCallers, ...trustedTokens });
export const RespondConfig = z.object({ ...base, ...links, ...previousLinkKey, ...linkOrigin }).check(
  z.refine(oneKeySource, keySourceMessage),
  z.refine(previousParameterFits, previousParameterMessage),
  z.refine(previousFileFits, previousFileMessage),
);
export const ReactConfig = z.object(base);
/** deliver signs the offices' one-click links as it renders their emails: the current key only. */
export const DeliverConfig = z.object({ ...base, ...delivery, ...links }).check(z.refine(oneKeySource, keySourceMessage));
/** route sends what it decides through the deliver use case (the one hop): the deliver function's settings. */
export const RouteConfig = DeliverConfig;
/** The deliver function's settings without the links: what email-events shares with it. */
const deliverSettings = z.object({ ...base, ...delivery });
export const SweepConfig = z.object(base);
export const MeetingsConfig = z.object(base);
export const DigestsConfig = z.object(base);
export const ReportsConfig = z.object(base);
/** expire-closed-cases: sets a closed case's items to expire PERSONAL_DATA_RETENTION_DAYS after the closure. */
export const RetentionConfig = z.object(base);
/**
 * email-events: SES bounces, complaints and deliveries. A transient bounce is retried under the
 * deliver function's own retry policy, so it reads the same four settings.
 */
export const EmailEventsConfig = z.pick(deliverSettings, {
  TABLE_NAME: true,
  PERSONAL_DATA_RETENTION_DAYS: true,
  DELIVERY_MAX_ATTEMPTS: true,
  DELIVERY_RETRY_BASE_SECONDS: true,
  DELIVERY_RETRY_CAP_SECONDS: true,
  DELIVERY_RETRY_MAX_AGE_HOURS: true,
});

export type ApiConfig = z.infer<typeof ApiConfig>;
export type RouteConfig = z.infer<typeof RouteConfig>;
export type RespondConfig = z.infer<typeof RespondConfig>;
export type ReactConfig = z.infer<typeof ReactConfig>;
export type DeliverConfig = z.infer<typeof DeliverConfig>;
export type SweepConfig = z.infer<typeof SweepConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig<T extends z.ZodMiniType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid function configuration: ${problems}`);
  }
  return parsed.data;
}

/** Names of every variable the functions read, for the CDK stack and the local runtime. */
export const ENV_NAMES = {
  api: Object.keys(ApiConfig.shape),
  route: [...Object.keys(base), ...Object.keys(delivery), ...Object.keys(links)],
  respond: [...Object.keys(base), ...Object.keys(links), ...Object.keys(previousLinkKey), ...Object.keys(linkOrigin)],
  react: Object.keys(ReactConfig.shape),
  deliver: [...Object.keys(base), ...Object.keys(delivery), ...Object.keys(links)],
  sweep: Object.keys(SweepConfig.shape),
  meetings: Object.keys(MeetingsConfig.shape),
  digests: Object.keys(DigestsConfig.shape),
  reports: Object.keys(ReportsConfig.shape),
  retention: Object.keys(RetentionConfig.shape),
  emailEvents: Object.keys(EmailEventsConfig.shape),
} as const;
