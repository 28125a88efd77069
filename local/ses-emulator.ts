import type { Server } from 'node:http';
import * as sesModule from 'aws-ses-v2-local';

type StartSes = (config?: { host?: string; port?: number }) => Promise<Server>;
// The package is CommonJS with `exports.default`: under Node's ESM loader the default import is the
// whole exports object, under a bundler it is the function. Accept either.
const mod = sesModule as unknown as { default: StartSes | { default: StartSes } };
const sesServer: StartSes = typeof mod.default === 'function' ? mod.default : mod.default.default;

export interface RunningSes {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** The SES v2 emulator (aws-ses-v2-local) in this process: API, web inbox at /, JSON at /store. */
export async function startSesEmulator(port: number): Promise<RunningSes> {
  const server: Server = await sesServer({ host: '127.0.0.1', port });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
