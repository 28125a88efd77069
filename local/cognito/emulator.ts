import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { portOrFree } from '../ports.js';

/**
 * The Cognito emulator (the npm package `cognito-local`) as a child process: the user pool, its
 * app client, groups and users, sign-in (USER_PASSWORD_AUTH; it has no SRP) and the pool's JWKS,
 * over the same Cognito API the SDK speaks to AWS.
 *
 * It keeps its state in `<dataDir>/.cognito/` (config.json and db/<pool id>.json): `npm start`
 * passes `.local/cognito/` so pools, users and passwords survive restarts; tests pass nothing and
 * get a temporary directory that `stop()` removes.
 *
 * Every pool's tokens are signed with one key shipped in the package (`lib/keys/`), and the
 * issuer is `http://127.0.0.1:<port>/<pool id>`: a token is only good while the emulator runs on
 * the port that issued it.
 */
export interface RunningCognito {
  /** `http://127.0.0.1:<port>`: the SDK's endpoint, and the issuers' prefix. */
  endpoint: string;
  port: number;
  dataDir: string;
  /** The issuer of a pool's tokens (`<endpoint>/<poolId>`). */
  issuer(userPoolId: string): string;
  /** Where a pool's signing keys are published (`<issuer>/.well-known/jwks.json`). */
  jwksUri(userPoolId: string): string;
  stop(): Promise<void>;
}

export interface CognitoEmulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Where the emulator keeps its state; absent: a temporary directory, removed by stop(). */
  dataDir?: string;
  /** Show the emulator's own log (its banner and every request) on this process's stderr. Default: env COGNITO_LOCAL_DEBUG. */
  debug?: boolean;
  /** How long to wait for /health; default 30 s. */
  startTimeoutMs?: number;
}

const require = createRequire(import.meta.url);
/** The package's own start script (no `exports` map: the path resolves as is). */
export const COGNITO_LOCAL_START = require.resolve('cognito-local/lib/bin/start.js');
/** The private key every token of the emulator is signed with (tests sign their own expired tokens with it). */
export const COGNITO_LOCAL_PRIVATE_KEY = require.resolve('cognito-local/lib/keys/cognitoLocal.private.json');

const here = import.meta.dirname;
const HOST = '127.0.0.1';

export async function startCognitoEmulator(opts: CognitoEmulatorOptions = {}): Promise<RunningCognito> {
  const port = await portOrFree(opts.port);
  const temporary = opts.dataDir === undefined;
  const dataDir = temporary ? mkdtempSync(join(tmpdir(), 'cognito-local-')) : resolve(opts.dataDir!);
  mkdirSync(dataDir, { recursive: true });
  const debug = opts.debug ?? Boolean(process.env.COGNITO_LOCAL_DEBUG);

  const child: ChildProcess = spawn('bash', [join(here, 'run-with-parent.sh'), String(process.pid), process.execPath, COGNITO_LOCAL_START], {
    cwd: dataDir,
    // PORT and HOST: where it listens and what it writes into tokens as the issuer (TokenConfig.IssuerDomain).
    env: { ...process.env, PORT: String(port), HOST, ...(debug ? { DEBUG: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its log (pino, pretty-printed to stdout, one line per request) is kept quiet: the last few
  // kilobytes are kept for the error message should it fail to start.
  let output = '';
  const keep = (d: Buffer) => {
    if (debug) process.stderr.write(`[cognito-local] ${d.toString()}`);
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const cleanup = () => {
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };

  const endpoint = `http://${HOST}:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) {
      cleanup();
      throw new Error(`cognito-local exited (${child.exitCode}) before answering on ${endpoint}:\n${output}`);
    }
    try {
      const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      await exited;
      cleanup();
      throw new Error(`cognito-local did not answer on ${endpoint}/health within ${opts.startTimeoutMs ?? 30_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const issuer = (userPoolId: string) => `${endpoint}/${userPoolId}`;
  return {
    endpoint,
    port,
    dataDir,
    issuer,
    jwksUri: (userPoolId) => `${issuer(userPoolId)}/.well-known/jwks.json`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      cleanup();
    },
  };
}
