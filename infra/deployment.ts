import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { z } from 'zod';

/**
 * A deployment's settings, in one JSON file passed as `-c deployment=<path>` (see
 * infra/deployments/example.json and the README, "On AWS"). Each value becomes the default of the
 * stack's CloudFormation parameter of the same meaning, so `cdk deploy -c deployment=…` needs no
 * `--parameters`, a `--parameters` flag still overrides one value, and the template stays
 * env-agnostic. Without the context the parameters keep their own defaults (DeliveryMode and
 * SmsMonthlySpendLimitUsd have none: then they must be passed).
 */
const Domain = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case domain name, e.g. referrals.example.org');
const E164 = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'an E.164 number, e.g. +38344000001');
const Email = z.string().regex(/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/, 'an email address');

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
