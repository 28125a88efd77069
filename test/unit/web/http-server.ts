import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/**
 * A server on a free local port for the console's calls to meet (one that never answers, answers
 * slowly, or stops half-way), closed with its connections after each test of the file using it.
 */
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done) ?? done(undefined));
  server = undefined;
});

/** Starts `handler` (by default one that never answers) and gives its base URL. */
export async function serve(handler: Parameters<typeof createServer>[1] = () => undefined): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
