import { randomUUID } from 'node:crypto';
import { startCognitoEmulator, type RunningCognito } from './cognito/emulator.js';
import { ensureLocalPool, type LocalPool } from './cognito/pool.js';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local/server.js';
import { portOrFree } from './ports.js';
import { startSesEmulator, type RunningSes } from './ses-emulator.js';
import { startSmsSink, type RunningSmsSink } from './sms-sink.js';

export interface Stoppable {
  stop(): Promise<void>;
}

export interface Emulators {
  dynamodb: RunningDynamoDb;
  /** The DynamoDB Local someone else started (and will stop), if the stack uses one. */
  sharedDynamoDb: boolean;
  /** On a shared DynamoDB Local, an access key id of its own: a database of its own (see startDynamoDbLocal). */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Letters and digits, unique to this stack: its access key id and table name on a shared server. */
  suffix: string;
  ses: RunningSes;
  sms: RunningSmsSink;
  cognito: RunningCognito;
  /** The user pool, app client, groups and demo users, through the Cognito API a deployment uses. */
  pool: LocalPool;
}

/** A DynamoDB Local someone else started and will stop: `stop()` leaves it running. */
async function existingDynamoDb(endpoint: string): Promise<RunningDynamoDb> {
  const url = new URL(endpoint);
  return { endpoint, port: Number(url.port), stop: async () => undefined };
}

/**
 * DynamoDB Local (or the one at `dynamodbEndpoint`), the SES emulator, the SMS sink and the
 * Cognito emulator with its pool. Whatever started is added to `started`, also when another
 * failed to, so the caller can stop it.
 */
export async function startEmulators(
  opts: { ports?: { dynamodb?: number; ses?: number; sms?: number; cognito?: number }; dynamodbEndpoint?: string; cognitoDataDir?: string },
  started: Stoppable[],
): Promise<Emulators> {
  const sharedEndpoint = opts.dynamodbEndpoint ?? (process.env.DYNAMODB_LOCAL_ENDPOINT || undefined);
  // DynamoDB Local accepts letters and digits only in an access key id.
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const credentials = { accessKeyId: sharedEndpoint ? `local${suffix}` : 'local', secretAccessKey: 'local' };
  // Started side by side; if one fails (a busy port, a slow JVM), those that did start are
  // still stopped by the caller, so nothing is left running.
  const servers = await Promise.allSettled([
    sharedEndpoint ? existingDynamoDb(sharedEndpoint) : portOrFree(opts.ports?.dynamodb).then(startDynamoDbLocal),
    startSesEmulator(opts.ports?.ses ?? 0),
    startSmsSink(opts.ports?.sms ?? 0),
    startCognitoEmulator({ port: opts.ports?.cognito ?? 0, ...(opts.cognitoDataDir ? { dataDir: opts.cognitoDataDir } : {}) }),
  ] as const);
  for (const s of servers) if (s.status === 'fulfilled') started.push(s.value);
  const failed = servers.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const [dynamodb, ses, sms, cognito] = servers.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [RunningDynamoDb, RunningSes, RunningSmsSink, RunningCognito];
  const pool = await ensureLocalPool(cognito);
  started.push({ stop: async () => pool.close() });
  return { dynamodb, sharedDynamoDb: sharedEndpoint !== undefined, credentials, suffix, ses, sms, cognito, pool };
}
