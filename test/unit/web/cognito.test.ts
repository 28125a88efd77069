import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CognitoError, signIn } from '../../../web/src/lib/cognito.js';

/** A sign-in service that listens and never answers (a stalled proxy, a dropped link). */
async function silentServer(): Promise<{ server: Server; endpoint: string }> {
  const server = createServer(() => undefined);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done) ?? done(undefined));
  server = undefined;
});

describe("the console's calls to Cognito", () => {
  // Without a bound the call waits for ever and this test fails at its timeout. (Whether the
  // request reached the server before the bound is not asserted: on a loaded machine the timer
  // can fire first, and the user sees the same thing either way.)
  it('give up on a service that never answers: a network error, which the sign-in page says in the user\'s language', { timeout: 10_000 }, async () => {
    const silent = await silentServer();
    server = silent.server;
    const settings = { endpoint: silent.endpoint, region: 'eu-central-1', clientId: 'console', timeoutMs: 200 };
    const refused = await signIn(settings, 'coordinator@example.org', 'a password').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(CognitoError);
    expect((refused as CognitoError).code).toBe('NetworkError');
  });
});
