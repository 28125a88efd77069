import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { documentClient } from '../shared/aws/clients.js';
import { SES_DETAIL_TYPES } from '../shared/delivery/email-events.js';
import { MovableClock, setLocalClock } from '../shared/domain/clock.js';
import { startLocalApi } from './api.js';
import { createJwtAuthorizer } from './cognito/authorizer.js';
import type { RunningCognito } from './cognito/emulator.js';
import type { LocalPool } from './cognito/pool.js';
import { localDlqRedrive } from './dlq-redrive.js';
import type { RunningDynamoDb } from './dynamodb-local/server.js';
import { startEmulators, type Stoppable } from './emulators.js';
import { LocalEventBus, type AsyncFailureRecord, type EventBridgeEvent, type EventDelivery } from './event-bus.js';
import { loadHandlers, localWiring, type LocalHandlers, type LocalWiring } from './functions.js';
import type { HttpHandler, RunningHttp } from './http-server.js';
import { portOrFree } from './ports.js';
import type { LocalScheduler } from './scheduler.js';
import { clockControl, localScheduler } from './schedules.js';
import type { RunningSes } from './ses-emulator.js';
import { localEnvironment } from './settings.js';
import type { RunningSmsSink } from './sms-sink.js';
import type { DlqMessage, StreamPoller } from './stream-poller.js';
import { settle as settlePollers, streamPollers, type Invocation } from './streams.js';
import { enforceDeclaredTableAccess } from './table-access.js';
import { createTable, deleteTable } from './table.js';

export type { Invocation } from './streams.js';

/**
 * The whole platform on one machine: DynamoDB Local (real jar, with streams), the SES v2
 * emulator, the SMS sink, one stream poller per stream function (Lambda's event source mapping
 * semantics, reading the same trigger declarations as the CDK stack) and the HTTP API, all
 * running the very same handler modules Lambda runs.
 */
export interface LocalStackOptions {
  /** 0 or absent: a free port. */
  ports?: { dynamodb?: number; ses?: number; sms?: number; api?: number; cognito?: number };
  /**
   * An already-running DynamoDB Local, started without `-sharedDb`, to use instead of starting one
   * (one JVM shared by a whole test run: test/integration/global-setup.ts). The stack takes an
   * access key id of its own there (so a database of its own: see startDynamoDbLocal) and a
   * table with a unique name unless `tableName` is given, so its streams and pollers see only its
   * own writes; it deletes that table on stop and leaves the server running. Absent:
   * `DYNAMODB_LOCAL_ENDPOINT` from the environment, else the stack starts its own DynamoDB Local
   * and stops it with the rest.
   */
  dynamodbEndpoint?: string;
  /** 'referrals' with a DynamoDB Local of its own; `referrals-<random>` on a shared one. */
  tableName?: string;
  /** Where the local DLQ is appended as JSON lines (the SQS on-failure destination's stand-in). */
  dlqFile?: string;
  logLevel?: string;
  /** The HMAC key file for offices' signed links (created if absent); a temporary one if not given. */
  signingKeyFile?: string;
  /**
   * Where the Cognito emulator keeps its pool, users and passwords (`npm start`: `.local/cognito`,
   * so they survive restarts); absent: a temporary directory, removed on stop.
   */
  cognitoDataDir?: string;
  /** The functions' clock (e.g. pinned to a weekday morning); by default it starts at the real time. */
  clock?: MovableClock;
  /**
   * 'live' by default: locally every message ends in the SES emulator or the SMS sink anyway.
   * 'test' rehearses a test deployment: only reserved addresses and `simulatedPhoneNumbers`.
   */
  deliveryMode?: 'live' | 'test';
  simulatedPhoneNumbers?: string[];
  /**
   * Print the functions' CloudWatch metrics (EMF lines on stdout, as Lambda's log stream carries
   * them). Off by default: locally nobody reads them, and they would bury the logs.
   */
  emitMetrics?: boolean;
  /**
   * The origins the coordinators' console is served from (e.g. Vite's http://localhost:5173): the
   * API answers their preflights and lets them read its answers, as API Gateway's CORS
   * configuration does on AWS. None: no cross-origin access.
   */
  consoleOrigins?: readonly string[];
}

export interface LocalStack {
  api: RunningHttp;
  /** The origins allowed to call the API from a browser (CORS). */
  consoleOrigins: readonly string[];
  ses: RunningSes;
  sms: RunningSmsSink;
  dynamodb: RunningDynamoDb;
  tableName: string;
  /** The Cognito emulator (cognito-local), on its own port. */
  cognito: RunningCognito;
  /**
   * The user pool and its seeded demo users: `pool.token('obiliq-coordinator')` is that user's
   * access token, for `Authorization: Bearer …` to the coordinators' API.
   */
  pool: LocalPool;
  env: Record<string, string>;
  pollers: StreamPoller[];
  /** Every stream invocation, with the exact event: tests redeliver these. */
  invocations: Invocation[];
  dlq: DlqMessage[];
  /** Every declared function's handler module (events/triggers.ts), as the runtime invokes it. */
  handlers: LocalHandlers;
  /** How each declared function is invoked here: its poller, schedule, rule or routes. */
  wiring: LocalWiring;
  /**
   * Delivers an SES configuration-set event (`detail`: the SES event JSON) through the local
   * default bus exactly as EventBridge would: wrapped in its envelope (detail-type from the event
   * type, source aws.ses), to every rule whose declared pattern matches, then waits for the streams.
   */
  publishSesEvent(detail: { eventType: keyof typeof SES_DETAIL_TYPES } & Record<string, unknown>): Promise<{ event: EventBridgeEvent; deliveries: EventDelivery[] }>;
  /** The same EventBridge event once more (EventBridge delivers at least once). */
  redeliverEvent(event: EventBridgeEvent): Promise<EventDelivery[]>;
  /** Events an event-rule function kept failing on (its asynchronous invocations' on-failure destination). */
  eventDlq: AsyncFailureRecord[];
  /** The functions' clock: moved forward by `advance`. */
  clock: MovableClock;
  scheduler: LocalScheduler;
  /** Moves the clock forward, runs what is scheduled by then, and waits for the streams to settle. */
  advance(ms: number): Promise<void>;
  /** Simulation: jumps from due time to due time up to `target`; returns the times it stopped at. */
  advanceTo(target: Date): Promise<string[]>;
  /** Waits until every poller has caught up and nothing more is happening. */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const REGION = 'eu-central-1';

function afterEach(handler: HttpHandler, then: () => void): HttpHandler {
  return async (event, context) => {
    try {
      return await handler(event, context);
    } finally {
      then();
    }
  };
}

/**
 * Starts the emulators, creates the table, loads every declared function's handler module and
 * wires each by its trigger (local/functions.ts), then serves the API. Stopped in reverse.
 */
export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const started: Stoppable[] = [];
  try {
    const { dynamodb, sharedDynamoDb, credentials, suffix, ses, sms, cognito, pool } = await startEmulators(opts, started);
    // API Gateway's JWT authorizer, as the stack configures it: this pool's issuer, its client, the API scope.
    const authorizer = createJwtAuthorizer(pool.authorizer);
    const tableName = opts.tableName ?? (sharedDynamoDb ? `referrals-${suffix}` : 'referrals');
    // The API's port is chosen first: the links in emails must name it before the functions load.
    const apiPort = await portOrFree(opts.ports?.api);
    const keyDir = opts.signingKeyFile ? undefined : mkdtempSync(join(tmpdir(), 'referrals-'));
    if (keyDir) started.push({ stop: async () => rmSync(keyDir, { recursive: true, force: true }) });
    const env = localEnvironment({
      region: REGION,
      credentials,
      endpoints: { dynamodb: dynamodb.endpoint, ses: ses.endpoint, sms: sms.endpoint },
      tableName,
      tokens: { issuer: pool.issuer, clientId: pool.clientId },
      apiPort,
      signingKeyFile: opts.signingKeyFile ?? join(keyDir!, 'link-signing.key'),
      deliveryMode: opts.deliveryMode ?? 'live',
      simulatedPhoneNumbers: opts.simulatedPhoneNumbers ?? [],
      logLevel: opts.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
      emitMetrics: opts.emitMetrics ?? false,
    });
    // The handler modules read their configuration at import ("cold start"), as on Lambda.
    Object.assign(process.env, env);
    const clock = opts.clock ?? new MovableClock(new Date());
    setLocalClock(clock);

    const db = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: REGION, credentials });
    started.push({ stop: async () => db.destroy() });
    const streamArn = await createTable(db, tableName);
    // On a shared server the table goes with the stack (stopped in reverse, so after the pollers
    // and the scheduler that read it): a run's suites do not pile up their items in one JVM.
    if (sharedDynamoDb) started.push({ stop: () => deleteTable(db, tableName) });

    // Each function may touch only the table items its declaration names, as its role on AWS.
    enforceDeclaredTableAccess(documentClient());
    const handlers = await loadHandlers();
    const wiring = localWiring(handlers, authorizer);

    const streams = new DynamoDBStreamsClient({ endpoint: dynamodb.endpoint, region: REGION, credentials });
    const dlq: DlqMessage[] = [];
    const invocations: Invocation[] = [];
    const onDlq = (m: DlqMessage) => {
      dlq.push(m);
      if (opts.dlqFile) {
        mkdirSync(join(opts.dlqFile, '..'), { recursive: true });
        appendFileSync(opts.dlqFile, JSON.stringify(m) + '\n');
      }
    };
    const pollers = streamPollers(wiring.streams, { streamArn, streams, region: REGION, onDlq, invocations });
    pollers.forEach((p) => p.start());
    started.push({ stop: async () => void (await Promise.all(pollers.map((p) => p.stop()))) });
    const settle = (timeoutMs?: number) => settlePollers(pollers, timeoutMs);

    const scheduler = localScheduler(wiring.schedules, { clock, region: REGION, onDlq });
    scheduler.start();
    started.push(scheduler);
    const { advance, advanceTo } = clockControl({ clock, scheduler, settle, db, tableName });

    // POST /_local/dlq/redrive: the operator CLI's redrive core, with the in-memory DLQ, this
    // stream and the very handlers the pollers and the scheduler run.
    const redriveDlq = localDlqRedrive({
      dlq,
      streams,
      region: REGION,
      streamHandlers: Object.fromEntries(wiring.streams.map((f) => [f.declaration.name, f.handler])),
      scheduledHandlers: Object.fromEntries(wiring.schedules.map((f) => [f.name, f.handler])),
      onInvoke: (functionName, event, outcome) => invocations.push({ functionName, event, ...outcome }),
    });
    // The default bus and its rules (SES events → email-events), from the same declarations.
    const eventDlq: AsyncFailureRecord[] = [];
    const bus = new LocalEventBus({
      targets: wiring.eventTargets,
      region: REGION,
      account: '000000000000',
      sesConfigurationSet: env.SES_CONFIGURATION_SET!,
      now: () => clock.now(),
      onFailure: (record) => eventDlq.push(record),
    });

    const consoleOrigins = opts.consoleOrigins ?? [];
    // What a request wrote is read from the stream as soon as it is answered, not after the
    // pollers' idle wait (timing only: batches, order and retries are the mapping's as ever).
    const wakePollers = () => pollers.forEach((p) => p.wake());
    const routes = wiring.routes.map((r) => ({ ...r, handler: afterEach(r.handler, wakePollers) }));
    const apiServer = await startLocalApi(apiPort, routes, { dlq, redriveDlq, clock, advanceTo, consoleOrigins });
    started.push(apiServer);

    return {
      api: apiServer,
      consoleOrigins,
      ses,
      sms,
      dynamodb,
      tableName,
      cognito,
      pool,
      env,
      pollers,
      invocations,
      dlq,
      handlers,
      wiring,
      eventDlq,
      async publishSesEvent(detail) {
        const configurationSetArn = `arn:aws:ses:${REGION}:000000000000:configuration-set/${env.SES_CONFIGURATION_SET}`;
        const event = bus.envelope('aws.ses', SES_DETAIL_TYPES[detail.eventType], detail, [configurationSetArn]);
        const deliveries = await bus.put(event);
        await settle();
        return { event, deliveries };
      },
      async redeliverEvent(event) {
        const deliveries = await bus.put(event);
        await settle();
        return deliveries;
      },
      clock,
      scheduler,
      settle,
      advanceTo,
      advance,
      async stop() {
        // Stop in reverse: API first, then the scheduler and pollers, then the emulators they talk to.
        for (const s of started.reverse()) await s.stop().catch(() => undefined);
        streams.destroy();
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw err;
  }
}
