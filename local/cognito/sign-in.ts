import { Agent } from 'node:http';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** When the access token expires (ms since the epoch, from its `exp`). */
  expiresAt: number;
}

/**
 * A client for the emulator: it takes any credentials; the region only has to be there. One
 * attempt (a repeated AdminCreateUser would be refused as a duplicate), so each call gets its own
 * connection: a kept-alive one that the emulator closes after 5 idle seconds can be picked for the
 * next call just as it closes, on a loaded machine, and fail it with "socket hang up". A call that
 * gets no answer fails by name after 15 s instead of holding a test to its timeout.
 */
export function emulatorClient(endpoint: string, region = 'eu-central-1'): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: false }), connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true },
  });
}

/** A JWT's payload, unverified (for reading `exp`, or showing a token's claims). */
export function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Signs in with a user's password: USER_PASSWORD_AUTH, the flow both Cognito and the emulator
 * have (the emulator has no SRP). A user who must first change a temporary password, or answer
 * an MFA challenge, cannot sign in this way: the error says which challenge was asked.
 */
export async function signInWithPassword(client: CognitoIdentityProviderClient, clientId: string, username: string, password: string): Promise<Tokens> {
  const out = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));
  const r = out.AuthenticationResult;
  if (!r?.AccessToken || !r.IdToken || !r.RefreshToken) {
    throw new Error(`sign-in of ${username}: Cognito asks for ${out.ChallengeName ?? 'a challenge'} first (USER_PASSWORD_AUTH cannot answer it here)`);
  }
  const exp = decodePayload(r.AccessToken).exp;
  return {
    accessToken: r.AccessToken,
    idToken: r.IdToken,
    refreshToken: r.RefreshToken,
    expiresAt: typeof exp === 'number' ? exp * 1000 : Date.now() + (r.ExpiresIn ?? 3600) * 1000,
  };
}
