import type { CreateUserPoolClientCommandInput, CreateUserPoolCommandInput, PasswordPolicyType } from '@aws-sdk/client-cognito-identity-provider';
import { USER_POOL_SETTINGS } from '../../shared/identity/pool-settings.js';

/**
 * The user pool's settings as Cognito API inputs: the local emulator's pool is created with
 * exactly these calls (local/cognito/pool.ts), and they are the values the deployed pool has
 * (infra/ declares it; its CDK assertions check the same numbers). The pool's groups are
 * shared/identity/groups.ts's poolGroups, as the stack's.
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
