import { fetchWithin } from './fetch-within.js';

/**
 * Sign-in against the Cognito user pool, straight over Cognito's JSON API (no SDK: four calls do
 * not justify 100 kB of it). USER_PASSWORD_AUTH, as the CLI uses it (the local emulator has no SRP;
 * the password travels only inside TLS on AWS), with the challenges Cognito may answer with:
 * NEW_PASSWORD_REQUIRED (a temporary password from `users add`), SOFTWARE_TOKEN_MFA (TOTP), MFA_SETUP
 * (a deployment with `"mfa": "required"` and a user without an authenticator yet) and
 * SELECT_MFA_TYPE (answered with TOTP, the only kind the pool offers).
 */
export interface CognitoSettings {
  /** `https://cognito-idp.<region>.amazonaws.com/` on AWS; the emulator's URL locally. */
  endpoint: string;
  region: string;
  clientId: string;
  /** How long one call may take before the user is told the service cannot be reached; default {@link COGNITO_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * A call that never answers (a dropped connection, a stalled proxy) would otherwise leave the
 * sign-in button busy for ever, with nothing to retry from; Cognito answers in well under a second.
 */
export const COGNITO_TIMEOUT_MS = 15_000;

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** ms since the epoch. */
  expiresAt: number;
}

export type SignInStep =
  | { kind: 'signed-in'; tokens: Tokens }
  | { kind: 'new-password'; username: string; session: string }
  | { kind: 'totp'; username: string; session: string }
  | { kind: 'totp-setup'; username: string; session: string; secret: string };

export class CognitoError extends Error {
  constructor(
    /** Cognito's exception name without its namespace: NotAuthorizedException, CodeMismatchException, … */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(settings: CognitoSettings, target: string, body: unknown): Promise<T> {
  let res: Response;
  let text: string;
  try {
    ({ res, text } = await fetchWithin(
      settings.endpoint,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
        body: JSON.stringify(body),
        cache: 'no-store',
      },
      settings.timeoutMs ?? COGNITO_TIMEOUT_MS,
    ));
  } catch {
    throw new CognitoError('NetworkError', 'the sign-in service cannot be reached');
  }
  const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  if (!res.ok) {
    const type = String(json.__type ?? res.headers.get('x-amzn-errortype') ?? 'Error');
    throw new CognitoError(type.split('#').pop()!.split(':')[0]!, String(json.message ?? json.Message ?? res.statusText));
  }
  return json as T;
}

interface AuthResponse {
  AuthenticationResult?: { AccessToken?: string; RefreshToken?: string; ExpiresIn?: number };
  ChallengeName?: string;
  Session?: string;
}

/** A JWT's payload, not verified (the API verifies; the console only reads who it is and when it expires). */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function tokensOf(r: NonNullable<AuthResponse['AuthenticationResult']>, refreshToken?: string): Tokens {
  const accessToken = r.AccessToken!;
  const exp = jwtPayload(accessToken).exp;
  return {
    accessToken,
    refreshToken: r.RefreshToken ?? refreshToken ?? '',
    expiresAt: typeof exp === 'number' ? exp * 1000 : Date.now() + (r.ExpiresIn ?? 3600) * 1000,
  };
}

async function next(settings: CognitoSettings, username: string, out: AuthResponse): Promise<SignInStep> {
  if (out.AuthenticationResult?.AccessToken) return { kind: 'signed-in', tokens: tokensOf(out.AuthenticationResult) };
  const session = out.Session ?? '';
  switch (out.ChallengeName) {
    case 'NEW_PASSWORD_REQUIRED':
      return { kind: 'new-password', username, session };
    case 'SOFTWARE_TOKEN_MFA':
      return { kind: 'totp', username, session };
    case 'SELECT_MFA_TYPE':
      return next(settings, username, await respond(settings, 'SELECT_MFA_TYPE', session, { USERNAME: username, ANSWER: 'SOFTWARE_TOKEN_MFA' }));
    case 'MFA_SETUP': {
      const assoc = await call<{ SecretCode: string; Session: string }>(settings, 'AssociateSoftwareToken', { Session: session });
      return { kind: 'totp-setup', username, session: assoc.Session, secret: assoc.SecretCode };
    }
    default:
      throw new CognitoError('UnsupportedChallenge', `sign-in asks for ${out.ChallengeName ?? 'nothing'}, which the console cannot answer`);
  }
}

function respond(settings: CognitoSettings, challenge: string, session: string, responses: Record<string, string>): Promise<AuthResponse> {
  return call<AuthResponse>(settings, 'RespondToAuthChallenge', { ClientId: settings.clientId, ChallengeName: challenge, Session: session, ChallengeResponses: responses });
}

export async function signIn(settings: CognitoSettings, username: string, password: string): Promise<SignInStep> {
  let out: AuthResponse;
  try {
    out = await call<AuthResponse>(settings, 'InitiateAuth', {
      ClientId: settings.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });
  } catch (e) {
    // Signing in never asks for a stronger password (Cognito says that when one is set); the local
    // emulator, cognito-local, answers a wrong password so, and the user would read "too weak".
    if (e instanceof CognitoError && e.code === 'InvalidPasswordException') throw new CognitoError('NotAuthorizedException', 'incorrect username or password');
    throw e;
  }
  return next(settings, username, out);
}

/** NEW_PASSWORD_REQUIRED: the user's own password in place of the temporary one. */
export async function setNewPassword(settings: CognitoSettings, step: { username: string; session: string }, newPassword: string): Promise<SignInStep> {
  return next(settings, step.username, await respond(settings, 'NEW_PASSWORD_REQUIRED', step.session, { USERNAME: step.username, NEW_PASSWORD: newPassword }));
}

/** SOFTWARE_TOKEN_MFA: the six digits from the authenticator app. */
export async function answerTotp(settings: CognitoSettings, step: { username: string; session: string }, code: string): Promise<SignInStep> {
  return next(settings, step.username, await respond(settings, 'SOFTWARE_TOKEN_MFA', step.session, { USERNAME: step.username, SOFTWARE_TOKEN_MFA_CODE: code }));
}

/** MFA_SETUP: the first code from the newly added authenticator proves it, then sign-in goes on. */
export async function finishTotpSetup(settings: CognitoSettings, step: { username: string; session: string }, code: string): Promise<SignInStep> {
  const verified = await call<{ Status?: string; Session?: string }>(settings, 'VerifySoftwareToken', { Session: step.session, UserCode: code, FriendlyDeviceName: 'console' });
  if (verified.Status !== 'SUCCESS') throw new CognitoError('CodeMismatchException', 'the code does not match');
  return next(settings, step.username, await respond(settings, 'MFA_SETUP', verified.Session ?? step.session, { USERNAME: step.username }));
}

/** A fresh access token from the refresh token (12 hours: a working day). */
export async function refresh(settings: CognitoSettings, refreshToken: string): Promise<Tokens> {
  const out = await call<AuthResponse>(settings, 'InitiateAuth', { ClientId: settings.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } });
  if (!out.AuthenticationResult?.AccessToken) throw new CognitoError('NotAuthorizedException', 'the session has ended');
  return tokensOf(out.AuthenticationResult, refreshToken);
}

/** Signing out revokes the refresh token (and the access tokens issued from it). Best effort. */
export async function revoke(settings: CognitoSettings, refreshToken: string): Promise<void> {
  await call(settings, 'RevokeToken', { ClientId: settings.clientId, Token: refreshToken }).catch(() => undefined);
}

/** The otpauth:// address an authenticator app takes (typed in, or opened on a phone). */
export function otpauthUri(secret: string, username: string, issuer = 'Referrals'): string {
  return `otpauth://totp/${encodeURIComponent(`${issuer}:${username}`)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
}
