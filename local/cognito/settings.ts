import { USER_POOL_SETTINGS } from '../../shared/identity/pool-settings.js';
import { randomInt } from 'node:crypto';
import type { CreateUserPoolClientCommandInput, CreateUserPoolCommandInput, PasswordPolicyType } from '@aws-sdk/client-cognito-identity-provider';
import type { Directory } from '../../shared/directory/directory.js';
import { ALL_MUNICIPALITIES, groupName, ROLE_DESCRIPTIONS, ROLES, type Role } from '../../shared/identity/roles.js';

/**
 * The user pool's settings as Cognito API inputs: the local emulator's pool is created with
 * exactly these calls (local/cognito/pool.ts), and they are the values the deployed pool has
 * (infra/ declares it; its CDK assertions check the same numbers).
 */
export const POOL_NAME = 'referrals';
export const APP_CLIENT_NAME = 'console';

export const PASSWORD_POLICY = {
  MinimumLength: USER_POOL_SETTINGS.passwordMinLength,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: USER_POOL_SETTINGS.temporaryPasswordDays,
} as const satisfies PasswordPolicyType;

/** No self sign-up: an administrator creates every user (`npm run cli -- users add`). Sign-in names are email addresses. */
export function userPoolInput(poolName: string = POOL_NAME): CreateUserPoolCommandInput {
  return {
    PoolName: poolName,
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    Policies: { PasswordPolicy: { ...PASSWORD_POLICY } },
    // TOTP is switched on after creation (SetUserPoolMfaConfig), as Cognito requires: a pool is
    // created with MFA off and then given its software-token MFA and the OPTIONAL setting.
    MfaConfiguration: 'OFF',
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
  };
}

/** MFA: TOTP available to every user; a deployment setting can make it required (ON). */
export const MFA_CONFIGURATION = 'OPTIONAL' as const;

/**
 * The coordinators' console's app client: a public client (no secret), signing in with
 * USER_PASSWORD_AUTH (the emulator has no SRP; Cognito has both) and refreshing; access and id
 * tokens last an hour.
 */
export function appClientInput(userPoolId: string, clientName: string = APP_CLIENT_NAME): CreateUserPoolClientCommandInput {
  return {
    UserPoolId: userPoolId,
    ClientName: clientName,
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    AccessTokenValidity: USER_POOL_SETTINGS.accessTokenHours,
    IdTokenValidity: USER_POOL_SETTINGS.idTokenHours,
    RefreshTokenValidity: USER_POOL_SETTINGS.refreshTokenHours,
    TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'hours' },
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
  };
}

export interface GroupSpec {
  name: string;
  description: string;
}

/**
 * Every group the pool has: one per role, one per directory municipality and `municipality:*`,
 * one per directory coordinator (`directory:<id>`, linking a user to their directory entry).
 */
export function poolGroups(directory: Directory): GroupSpec[] {
  return [
    ...ROLES.map((role) => ({ name: groupName.role(role), description: `Role ${role}: ${ROLE_DESCRIPTIONS[role]}` })),
    ...directory.municipalities().map((m) => ({ name: groupName.municipality(m.id), description: `Municipality ${m.id}: ${m.name.en}` })),
    { name: groupName.municipality(ALL_MUNICIPALITIES), description: 'Every municipality (national staff: DRPR, ministry, operators)' },
    ...directory.municipalities().flatMap((m) => m.coordinators.map((c) => ({ name: groupName.directory(c.id), description: `Directory entry ${c.id} (${m.id})` }))),
  ].map((g) => ({ ...g, description: g.description.slice(0, 2048) }));
}

/** Who a user is, as the groups carry it. */
export interface UserIdentity {
  role: Role;
  /** A directory municipality id or `*`. */
  municipality: string;
  /** The user's own coordinators entry in the directory (coordinators and heads only). */
  coordinatorId?: string;
}

/** The groups a user belongs to: exactly one role, one municipality, at most one directory entry. */
export function groupsOf(identity: UserIdentity): string[] {
  return [
    groupName.role(identity.role),
    groupName.municipality(identity.municipality),
    ...(identity.coordinatorId ? [groupName.directory(identity.coordinatorId)] : []),
  ];
}

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '-.+=_'] as const;

/**
 * A random password the pool's policy accepts: 20 characters with upper- and lower-case letters,
 * digits and symbols (only ones that need no quoting in a shell), no look-alikes (0/O, 1/l/I).
 */
export function generatePassword(length = 20): string {
  const all = CLASSES.join('');
  const chars = CLASSES.map((c) => c[randomInt(c.length)]!);
  while (chars.length < Math.max(length, PASSWORD_POLICY.MinimumLength)) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
