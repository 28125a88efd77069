import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import * as z from 'zod';

import { bundledDirectory } from '../shared/directory/directory.js';
import { ALL_MUNICIPALITIES, nationalScopeProblem } from '../shared/identity/roles.js';
import { MachineCaller } from '../shared/identity/caller.js';
import { ORIGIN_PATTERN } from '../shared/http/cors.js';

/**
 * A deployment's settings, in one JSON file passed as `-c deployment=<path>` (see
 * infra/deployments/example.json and the README, "On AWS"). Each value becomes the default of the
 * stack's CloudFormation parameter of the same meaning, so `cdk deploy -c deployment=…` needs no
 * `--parameters`, a `--parameters` flag still overrides one value, and the template stays
 * env-agnostic. Without the context the parameters keep their own defaults (DeliveryMode and
 * SmsMonthlySpendLimitUsd have none: then they must be passed).
 *
 * The sign-in and abuse-limit settings (`mfa`, `threatProtection`, `machineCallers`, `linkWaf`;
 * docs/aws-sign-in.md) are not parameters: they decide which resources exist and what the user
 * pool's plan is, so they shape the template itself; without a file they take ACCESS_DEFAULTS.
 * `linkRateLimitPer5Minutes` is the default of the link WAF stack's LinkRateLimitPer5Minutes.
 */
const Domain = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case domain name, e.g. referrals.example.org');
const E164 = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'an E.164 number, e.g. +38344000001');
const Email = z.string().regex(/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/, 'an email address');
/** Where a console may be served from: https, or http on this machine for a console under development. */
const ConsoleOrigin = z
  .string()
  .regex(ORIGIN_PATTERN, 'an origin such as https://console.referrals.example.org (scheme, host, port; no path, no *)')
  .refine((o) => o.startsWith('https://') || /^http:\/\/localhost(:\d+)?$/.test(o), 'https, or http://localhost');

/** What the sign-in and link-abuse settings are when a deployment file does not say (or there is none). */
export const ACCESS_DEFAULTS = {
  mfa: 'optional',
  threatProtection: 'off',
  linkWaf: true,
  linkRateLimitPer5Minutes: 300,
  consoleOrigins: [],
} as const;

/** The sign-in and link-abuse settings of a deployment, with the defaults filled in. */
export interface AccessSettings {
  mfa: 'optional' | 'required';
  threatProtection: 'off' | 'audit' | 'enforced';
  machineCallers: MachineCaller[];
  linkWaf: boolean;
  linkRateLimitPer5Minutes: number;
  /** Origins (besides the stack's own console, if any) whose browsers may call the HTTP API. */
  consoleOrigins: string[];
}

export function accessSettingsOf(deployment: DeploymentFile | undefined): AccessSettings {
  return {
    mfa: deployment?.mfa ?? ACCESS_DEFAULTS.mfa,
    threatProtection: deployment?.threatProtection ?? ACCESS_DEFAULTS.threatProtection,
    machineCallers: deployment?.machineCallers ?? [],
    linkWaf: deployment?.linkWaf ?? ACCESS_DEFAULTS.linkWaf,
    linkRateLimitPer5Minutes: deployment?.linkRateLimitPer5Minutes ?? ACCESS_DEFAULTS.linkRateLimitPer5Minutes,
    consoleOrigins: deployment?.consoleOrigins ?? [...ACCESS_DEFAULTS.consoleOrigins],
  };
}

export const DeploymentFile = z
  .strictObject({
    /** Free text: which deployment this is (shown in errors). */
    name: z.string().min(1),
    /** The verified SES identity (domain) → SesSenderIdentity. */
    sesSenderIdentity: Domain,
    /** "Name <address>" or an address, in that identity → SenderAddress. */
    senderAddress: z.string().min(3),
    /** → SesConfigurationSetName. */
    sesConfigurationSetName: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'letters, digits, "_" and "-", at most 64'),
    /** "live" or "test" → DeliveryMode. */
    deliveryMode: z.enum(['live', 'test']),
    /** In test mode, the only numbers SMS may go to → SimulatedPhoneNumbers. */
    simulatedPhoneNumbers: z.array(E164).default([]),
    /** Whole USD, at least 1 → SmsMonthlySpendLimitUsd. */
    smsMonthlySpendLimitUsd: z.number().int().min(1),
    /** Subscribed to the OpsAlarms topic → OpsAlarmEmail (omit: no subscription). */
    opsAlarmEmail: Email.optional(),
    /** → PersonalDataRetentionDays (omit: the stack's default). */
    personalDataRetentionDays: z.number().int().min(1).max(3650).optional(),
    /** → LinkSigningKeyParameterName (omit: the stack's default). */
    linkSigningKeyParameterName: z.string().regex(/^\/[a-zA-Z0-9_.\-/]{1,1010}$/, 'a fully qualified SSM parameter name starting with "/"').optional(),
    /** Cognito TOTP MFA: "optional" (each user may set it up) or "required" (every user must). */
    mfa: z.enum(['optional', 'required']).default(ACCESS_DEFAULTS.mfa),
    /** Cognito threat protection: "audit" or "enforced" put the user pool on the Plus plan (billed per user a month). */
    threatProtection: z.enum(['off', 'audit', 'enforced']).default(ACCESS_DEFAULTS.threatProtection),
    /** IAM principals (e.g. an SMR integration) that may call the machine API, each as one role in one municipality ("*": viewer or operator only). */
    machineCallers: z.array(MachineCaller).default([]),
    /** false: no CloudFront and no WAF in front of the link routes (/r/{token}), which the API then serves directly. */
    linkWaf: z.boolean().default(ACCESS_DEFAULTS.linkWaf),
    /** Requests one source IP may make to the link routes in 5 minutes before WAF blocks it (AWS WAF's minimum is 10). */
    linkRateLimitPer5Minutes: z.number().int().min(10).max(2_000_000_000).default(ACCESS_DEFAULTS.linkRateLimitPer5Minutes),
    /** Where the coordinators' console is served from, when not (only) from the stack's own: the HTTP API's CORS allows these origins and no other. */
    consoleOrigins: z.array(ConsoleOrigin).max(10).default([]),
  })
  .superRefine((d, ctx) => {
    const municipalities = new Set<string>([ALL_MUNICIPALITIES, ...bundledDirectory().municipalities().map((m) => m.id)]);
    const names = new Set<string>();
    const principals = new Set<string>();
    d.machineCallers.forEach((m, i) => {
      if (!municipalities.has(m.municipality)) {
        ctx.addIssue({ code: 'custom', path: ['machineCallers', i, 'municipality'], message: `one of ${[...municipalities].map((x) => `"${x}"`).join(', ')}` });
      }
      // "*" with coordinator or head would let an integration read every municipality's households.
      const national = nationalScopeProblem(m);
      if (national) ctx.addIssue({ code: 'custom', path: ['machineCallers', i, 'municipality'], message: `"*" with role ${m.role}: ${national}` });
      if (names.has(m.name)) ctx.addIssue({ code: 'custom', path: ['machineCallers', i, 'name'], message: `"${m.name}" is listed twice` });
      // One principal is one caller: the API could not tell which of two entries it acts as.
      if (principals.has(m.principal)) ctx.addIssue({ code: 'custom', path: ['machineCallers', i, 'principal'], message: 'is listed twice' });
      names.add(m.name);
      principals.add(m.principal);
    });
  })
  .refine((d) => d.senderAddress.replace(/^.*</, '').replace(/>$/, '').toLowerCase().endsWith(`@${d.sesSenderIdentity}`), {
    path: ['senderAddress'],
    message: 'must be an address of sesSenderIdentity',
  });
export type DeploymentFile = z.infer<typeof DeploymentFile>;

/** Parses a deployment file's JSON text; an invalid value throws naming the file and the field. */
export function parseDeploymentFile(text: string, where: string): DeploymentFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`deployment file ${where}: not JSON (${(e as Error).message})`);
  }
  const parsed = DeploymentFile.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(file)'}: ${i.message}`);
    throw new Error(`deployment file ${where}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** Reads the file named by the `deployment` context value (relative to the working directory). */
export function loadDeploymentFile(path: string): DeploymentFile {
  const full = resolve(path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (e) {
    throw new Error(`deployment file ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseDeploymentFile(text, path);
}
