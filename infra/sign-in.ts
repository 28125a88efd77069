import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';

import { bundledDirectory } from '../shared/directory/directory.js';
import { poolGroups } from '../shared/identity/groups.js';
import { INVITATION, USER_POOL_SETTINGS } from '../shared/identity/pool-settings.js';
import type { AccessSettings } from './deployment.js';
import { pascalCase } from './naming.js';

/**
 * How long the tokens of the console/CLI app client live: an access (and id) token an hour, the
 * refresh token a working day, after which the person signs in again.
 */
export const TOKEN_VALIDITY = {
  access: Duration.hours(USER_POOL_SETTINGS.accessTokenHours),
  id: Duration.hours(USER_POOL_SETTINGS.idTokenHours),
  refresh: Duration.hours(USER_POOL_SETTINGS.refreshTokenHours),
} as const;
/** How long an administrator-set temporary password may be used for the first sign-in. */
export const TEMPORARY_PASSWORD_DAYS = USER_POOL_SETTINGS.temporaryPasswordDays;

/** Sign-in: the user pool, its console/CLI client, its groups, and the API's JWT authorizer. */
export interface SignIn {
  /** People, with their role, municipality and directory entry as groups (shared/identity/roles.ts). */
  readonly userPool: UserPool;
  /** The console's and CLI's app client: no secret, USER_PASSWORD_AUTH and refresh only. */
  readonly userPoolClient: UserPoolClient;
  /** Every group of the pool, by name. */
  readonly userPoolGroups: Record<string, UserPoolGroup>;
  /** The JWT authorizer of every route declared `auth: 'cognito'`. */
  readonly jwtAuthorizer: HttpJwtAuthorizer;
}

/** The Cognito user pool and what hangs off it, on the stack (the constructs' ids are the stack's). */
export function signIn(stack: Stack, access: AccessSettings): SignIn {
  // Administrators create every user (npm run cli -- users add, Cognito's admin API); nobody
  // signs up. People sign in with their email address. Role, municipality and directory entry
  // are groups (shared/identity/roles.ts), which Cognito puts into the access token.
  const userPool = new UserPool(stack, 'UserPool', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    autoVerify: { email: true },
    // A changed address counts only once its owner confirms it: until then the old one signs in.
    keepOriginal: { email: true },
    standardAttributes: { email: { required: true, mutable: true } },
    userInvitation: {
      emailSubject: INVITATION.subject,
      emailBody: INVITATION.body,
    },
    passwordPolicy: {
      minLength: USER_POOL_SETTINGS.passwordMinLength,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(TEMPORARY_PASSWORD_DAYS),
    },
    // A forgotten password is reset through the verified email address only (never SMS).
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    // TOTP (an authenticator app) only: no SMS second factor to pay for or to SIM-swap.
    mfa: access.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false, email: false },
    // Threat protection needs the Plus plan (billed per active user a month); without it the
    // Essentials plan, free for the first 10,000 monthly active users.
    featurePlan: access.threatProtection === 'off' ? FeaturePlan.ESSENTIALS : FeaturePlan.PLUS,
    ...(access.threatProtection === 'off'
      ? {}
      : { standardThreatProtectionMode: access.threatProtection === 'enforced' ? StandardThreatProtectionMode.FULL_FUNCTION : StandardThreatProtectionMode.AUDIT_ONLY }),
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // The coordinators' console and the CLI. USER_PASSWORD_AUTH (plus refresh) and not SRP: the
  // local emulator (cognito-local) supports USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH but
  // not SRP, and the same client code runs against both. The password travels only inside TLS.
  const userPoolClient = userPool.addClient('ConsoleClient', {
    userPoolClientName: 'console-and-cli',
    generateSecret: false,
    authFlows: { userPassword: true },
    // No hosted UI, no OAuth flows or callback URLs: tokens come from InitiateAuth only, and
    // their scope is aws.cognito.signin.user.admin (API_SCOPE), which every API route requires.
    disableOAuth: true,
    accessTokenValidity: TOKEN_VALIDITY.access,
    idTokenValidity: TOKEN_VALIDITY.id,
    refreshTokenValidity: TOKEN_VALIDITY.refresh,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
  });
  const userPoolGroups: Record<string, UserPoolGroup> = {};
  for (const group of userPoolGroupDeclarations()) {
    userPoolGroups[group.name] = new UserPoolGroup(stack, group.id, {
      userPool,
      groupName: group.name,
      description: group.description,
    });
  }
  // Access tokens of this pool's console client only: API Gateway checks the signature (the
  // pool's JWKS), the issuer, expiry, and the client id against the audience; each route also
  // requires API_SCOPE, which id tokens lack.
  const jwtAuthorizer = new HttpJwtAuthorizer('CognitoAccessToken', `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`, {
    authorizerName: 'CognitoAccessToken',
    jwtAudience: [userPoolClient.userPoolClientId],
    identitySource: ['$request.header.Authorization'],
  });
  return { userPool, userPoolClient, userPoolGroups, jwtAuthorizer };
}

interface GroupDeclaration {
  /** Construct id. */
  id: string;
  name: string;
  description: string;
}

/**
 * The user pool's groups, as shared/identity/groups.ts lists them for the bundled directory (the
 * local emulator's pool has the same list): one per role, one per municipality and
 * `municipality:*` (national staff), one per coordinator. The stack owns them: `users add`
 * refuses a group the deployed pool lacks, so a directory change needs a redeploy first.
 */
export function userPoolGroupDeclarations(): GroupDeclaration[] {
  const groups = poolGroups(bundledDirectory());
  const seen = new Map<string, string>();
  return groups.map((g) => {
    // role:coordinator → GroupRoleCoordinator; municipality:* → GroupMunicipalityAll.
    const id = `Group${g.name.replace('*', 'all').split(/[^A-Za-z0-9]+/).filter(Boolean).map(pascalCase).join('')}`;
    const other = seen.get(id);
    if (other !== undefined) throw new Error(`user pool groups ${other} and ${g.name} would share the construct id ${id}`);
    seen.set(id, g.name);
    return { id, ...g };
  });
}
