import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ensureDynamoDbLocal } from './fetch.js';

export interface RunningDynamoDb {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const here = import.meta.dirname;
/** How long a start may take before it fails by name (see where the deadline is set for why). */
const START_WITHIN_MS = 60_000;

/**
 * Starts the real DynamoDB Local jar in memory (streams, GSIs, TTL and conditions all work).
 *
 * `sharedDb` (the default, for `npm start`): one database whatever the credentials, so the CLI and
 * any client see the same tables. Without it each access key id has a database of its own, which is
 * how one server serves a whole test run (test/integration/global-setup.ts): in one shared database
 * every stream-enabled table ever created (deleted or not) slows each later write down — measured
 * here: 8,000 writes on a fresh table took 4 s, 12 s, 41 s, 79 s, 104 s on the 1st…5th table —
 * while separate databases keep every suite as fast as on a server of its own.
 */
export async function startDynamoDbLocal(port: number, opts: { sharedDb?: boolean } = {}): Promise<RunningDynamoDb> {
  const dir = ensureDynamoDbLocal();
  const child: ChildProcess = spawn(
    join(here, 'run-with-parent.sh'),
    [
      String(process.pid),
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-inMemory',
      ...(opts.sharedDb === false ? [] : ['-sharedDb']),
      '-port',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()).slice(-4000));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // A JVM's start on a busy two-core machine has taken over 30 s (once, at load 21): 60 s still
  // fails by name, well inside a test run's hooks.
  const deadline = Date.now() + START_WITHIN_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${START_WITHIN_MS / 1000} s: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
