import { describe, expect, it } from 'vitest';
import { CognitoError, signIn } from '../../../web/src/lib/cognito.js';
import { serve } from './http-server.js';

describe("the console's calls to Cognito", () => {
  // Without a bound the call waits for ever and this test fails at its timeout. (Whether the
  // request reached the server before the bound is not asserted: on a loaded machine the timer
  // can fire first, and the user sees the same thing either way.)
  it('give up on a service that never answers: a network error, which the sign-in page says in the user\'s language', { timeout: 10_000 }, async () => {
    // A sign-in service that listens and never answers (a stalled proxy, a dropped link).
    const settings = { endpoint: `${await serve()}/`, region: 'eu-central-1', clientId: 'console', timeoutMs: 200 };
    const refused = await signIn(settings, 'coordinator@example.org', 'a password').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(CognitoError);
    expect((refused as CognitoError).code).toBe('NetworkError');
  });
});
