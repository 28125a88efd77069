import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand,
  UpdateTimeToLiveCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { DELIVERY_RETRY, FUNCTIONS, type StreamTrigger } from '../events/triggers.js';
import { MovableClock, setLocalClock } from '../shared/domain/clock.js';
import { LocalScheduler, type ScheduledHandler } from './scheduler.js';
import { TABLE } from '../shared/store/table.js';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local/server.js';
import { startHttpServer, type HttpHandler, type RunningHttp } from './http-server.js';
import { portOrFree } from './ports.js';
import { startSesEmulator, type RunningSes } from './ses-emulator.js';
import { startSmsSink, type RunningSmsSink } from './sms-sink.js';
import { StreamPoller, type DlqMessage, type StreamHandler } from './stream-poller.js';
import { localDlqRedrive } from './dlq-redrive.js';
import { LocalEventBus, type AsyncFailureRecord, type EventBridgeEvent, type EventDelivery, type EventHandler } from './event-bus.js';
import { SES_DETAIL_TYPES } from '../shared/delivery/email-events.js';
import { startCognitoEmulator, type RunningCognito } from './cognito/emulator.js';
import { ensureLocalPool, type LocalPool } from './cognito/pool.js';
import { createJwtAuthorizer } from './cognito/authorizer.js';

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
  handlers: {
    api: HttpHandler;
    respond: HttpHandler;
    routeReferrals: StreamHandler;
    deliverNotifications: StreamHandler;
    reactToAnswers: StreamHandler;
    sweepTimers: ScheduledHandler;
    notifyMeetings: StreamHandler;
    expireClosedCases: StreamHandler;
    planMeetings: ScheduledHandler;
    sendDigests: ScheduledHandler;
    reportIndicators: ScheduledHandler;
    emailEvents: EventHandler;
  };
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

export interface Invocation {
  functionName: string;
  event: DynamoDBStreamEvent;
  response?: DynamoDBBatchResponse | void;
  error?: unknown;
}

async function createTable(db: DynamoDBClient, name: string): Promise<string> {
  const out = await db.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.sortKey, AttributeType: 'S' },
        { AttributeName: TABLE.timersIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.timersIndex.sortKey, AttributeType: 'S' },
        { AttributeName: TABLE.worklistIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.worklistIndex.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: TABLE.timersIndex.name,
          KeySchema: [
            { AttributeName: TABLE.timersIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE.timersIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: TABLE.worklistIndex.name,
          KeySchema: [
            { AttributeName: TABLE.worklistIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE.worklistIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await db.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: TABLE.ttlAttribute } }));
  const arn = out.TableDescription?.LatestStreamArn ?? (await db.send(new DescribeTableCommand({ TableName: name }))).Table?.LatestStreamArn;
  if (!arn) throw new Error('DynamoDB Local created the table without a stream');
  return arn;
}

/** A DynamoDB Local someone else started and will stop: `stop()` leaves it running. */
async function existingDynamoDb(endpoint: string): Promise<RunningDynamoDb> {
  const url = new URL(endpoint);
  return { endpoint, port: Number(url.port), stop: async () => undefined };
}

async function deleteTable(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }, name: string): Promise<void> {
  const db = new DynamoDBClient({ endpoint, region: REGION, credentials });
  try {
    await db.send(new DeleteTableCommand({ TableName: name }));
  } finally {
    db.destroy();
  }
}

export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    const sharedEndpoint = opts.dynamodbEndpoint ?? (process.env.DYNAMODB_LOCAL_ENDPOINT || undefined);
    // DynamoDB Local accepts letters and digits only in an access key id.
    const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
    const credentials = { accessKeyId: sharedEndpoint ? `local${suffix}` : 'local', secretAccessKey: 'local' };
    // Started side by side; if one fails (a busy port, a slow JVM), those that did start are
    // still stopped below, so nothing is left running.
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
    // The user pool, app client, groups and demo users, through the Cognito API a deployment uses.
    const pool = await ensureLocalPool(cognito);
    started.push({ stop: async () => pool.close() });
    // API Gateway's JWT authorizer, as the stack configures it: this pool's issuer, its client, the API scope.
    const authorizer = createJwtAuthorizer(pool.authorizer);
    const tableName = opts.tableName ?? (sharedEndpoint ? `referrals-${suffix}` : 'referrals');
    // The API's port is chosen first: the links in emails must name it before the functions load.
    const apiPort = await portOrFree(opts.ports?.api);
    const keyDir = opts.signingKeyFile ? undefined : mkdtempSync(join(tmpdir(), 'referrals-'));
    if (keyDir) started.push({ stop: async () => rmSync(keyDir, { recursive: true, force: true }) });
    const signingKeyFile = opts.signingKeyFile ?? join(keyDir!, 'link-signing.key');
    const env: Record<string, string> = {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamodb.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SNS: sms.endpoint,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: tableName,
      // The api's second check of the JWT authorizer's: this pool's issuer, its app client.
      TOKEN_ISSUER: pool.issuer,
      TOKEN_CLIENT_IDS: pool.clientId,
      PUBLIC_BASE_URL: `http://localhost:${apiPort}`,
      LINK_SIGNING_KEY_FILE: signingKeyFile,
      PERSONAL_DATA_RETENTION_DAYS: '730',
      SES_FROM_ADDRESS: 'Referrals <referrals@platform.example.org>',
      SES_CONFIGURATION_SET: 'local',
      SEND_LEASE_SECONDS: '60',
      DELIVERY_MAX_ATTEMPTS: String(DELIVERY_RETRY.maxAttempts),
      DELIVERY_RETRY_BASE_SECONDS: String(DELIVERY_RETRY.baseSeconds),
      DELIVERY_RETRY_CAP_SECONDS: String(DELIVERY_RETRY.capSeconds),
      DELIVERY_RETRY_MAX_AGE_HOURS: String(DELIVERY_RETRY.maxAgeHours),
      DELIVERY_MODE: opts.deliveryMode ?? 'live',
      SIMULATED_PHONE_NUMBERS: (opts.simulatedPhoneNumbers ?? []).join(','),
      POWERTOOLS_LOG_LEVEL: opts.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
      POWERTOOLS_METRICS_DISABLED: opts.emitMetrics ? 'false' : 'true',
    };
    // The handler modules read their configuration at import ("cold start"), as on Lambda.
    Object.assign(process.env, env);
    const clock = opts.clock ?? new MovableClock(new Date());
    setLocalClock(clock);

    const ddb = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: REGION, credentials });
    const streamArn = await createTable(ddb, tableName);
    ddb.destroy();
    // On a shared server the table goes with the stack (stopped in reverse, so after the pollers
    // and the scheduler that read it): a run's suites do not pile up their items in one JVM.
    if (sharedEndpoint) started.push({ stop: () => deleteTable(dynamodb.endpoint, credentials, tableName) });

    const api = (await import('../functions/api/handler.js')).handler as unknown as HttpHandler;
    const routeReferrals = (await import('../functions/route-referrals/handler.js')).handler as unknown as StreamHandler;
    const deliverNotifications = (await import('../functions/deliver-notifications/handler.js')).handler as unknown as StreamHandler;
    const sweepTimers = (await import('../functions/sweep-timers/handler.js')).handler as unknown as ScheduledHandler;
    const respond = (await import('../functions/respond/handler.js')).handler as unknown as HttpHandler;
    const reactToAnswers = (await import('../functions/react-to-answers/handler.js')).handler as unknown as StreamHandler;
    const notifyMeetings = (await import('../functions/notify-meetings/handler.js')).handler as unknown as StreamHandler;
    const expireClosedCases = (await import('../functions/expire-closed-cases/handler.js')).handler as unknown as StreamHandler;
    const planMeetings = (await import('../functions/plan-meetings/handler.js')).handler as unknown as ScheduledHandler;
    const sendDigests = (await import('../functions/send-digests/handler.js')).handler as unknown as ScheduledHandler;
    const reportIndicators = (await import('../functions/report-indicators/handler.js')).handler as unknown as ScheduledHandler;
    const emailEvents = (await import('../functions/email-events/handler.js')).handler as unknown as EventHandler;

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
    const pollerFor = (decl: { name: string; trigger: StreamTrigger; timeoutSeconds: number; memoryMb: number }, handler: StreamHandler) =>
      new StreamPoller({
        functionName: decl.name,
        trigger: decl.trigger,
        streamArn,
        streams,
        handler,
        region: REGION,
        timeoutSeconds: decl.timeoutSeconds,
        memoryMb: decl.memoryMb,
        onDlq,
        onInvoke: (event, outcome) => invocations.push({ functionName: decl.name, event, ...outcome }),
      });
    const pollers = [
      pollerFor(FUNCTIONS.routeReferrals, routeReferrals),
      pollerFor(FUNCTIONS.deliverNotifications, deliverNotifications),
      pollerFor(FUNCTIONS.reactToAnswers, reactToAnswers),
      pollerFor(FUNCTIONS.notifyMeetings, notifyMeetings),
      pollerFor(FUNCTIONS.expireClosedCases, expireClosedCases),
    ];
    pollers.forEach((p) => p.start());
    started.push({ stop: async () => void (await Promise.all(pollers.map((p) => p.stop()))) });

    const scheduled = [
      { name: FUNCTIONS.sweepTimers.name, trigger: FUNCTIONS.sweepTimers.trigger, handler: sweepTimers },
      { name: FUNCTIONS.planMeetings.name, trigger: FUNCTIONS.planMeetings.trigger, handler: planMeetings },
      { name: FUNCTIONS.reportIndicators.name, trigger: FUNCTIONS.reportIndicators.trigger, handler: reportIndicators },
      { name: FUNCTIONS.sendDigests.name, trigger: FUNCTIONS.sendDigests.trigger, handler: sendDigests },
    ];
    const scheduler = new LocalScheduler(scheduled, clock, (name, _event, error) =>
      onDlq({
        requestContext: { requestId: randomUUID(), functionArn: `arn:aws:lambda:${REGION}:000000000000:function:${name}`, condition: 'RetryAttemptsExhausted', approximateInvokeCount: (scheduled.find((f) => f.name === name)?.trigger.retryAttempts ?? 0) + 1 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: error },
        version: '1.0',
        timestamp: clock.now().toISOString(),
        DDBStreamBatchInfo: { shardId: '', startSequenceNumber: '', endSequenceNumber: '', approximateArrivalOfFirstRecord: '', approximateArrivalOfLastRecord: '', batchSize: 0, streamArn: 'scheduler' },
        records: [],
      }),
    );
    scheduler.start();
    started.push(scheduler);
    // POST /_local/dlq/redrive: the operator CLI's redrive core, with the in-memory DLQ, this
    // stream and the very handlers the pollers and the scheduler run.
    const redriveDlq = localDlqRedrive({
      dlq,
      streams,
      region: REGION,
      streamHandlers: { [FUNCTIONS.routeReferrals.name]: routeReferrals, [FUNCTIONS.deliverNotifications.name]: deliverNotifications, [FUNCTIONS.reactToAnswers.name]: reactToAnswers, [FUNCTIONS.notifyMeetings.name]: notifyMeetings, [FUNCTIONS.expireClosedCases.name]: expireClosedCases },
      scheduledHandlers: Object.fromEntries(scheduled.map((f) => [f.name, f.handler])),
      onInvoke: (functionName, event, outcome) => invocations.push({ functionName, event, ...outcome }),
    });
    // The default bus and its rules (SES events → email-events), from the same declarations.
    const eventDlq: AsyncFailureRecord[] = [];
    const bus = new LocalEventBus({
      targets: [{ name: FUNCTIONS.emailEvents.name, trigger: FUNCTIONS.emailEvents.trigger, handler: emailEvents, timeoutSeconds: FUNCTIONS.emailEvents.timeoutSeconds, memoryMb: FUNCTIONS.emailEvents.memoryMb }],
      region: REGION,
      account: '000000000000',
      sesConfigurationSet: env.SES_CONFIGURATION_SET!,
      now: () => clock.now(),
      onFailure: (record) => eventDlq.push(record),
    });

    const apiServer = await startHttpServer(
      apiPort,
      [
        ...FUNCTIONS.api.trigger.routes.map((r) => ({ ...r, handler: api, functionName: FUNCTIONS.api.name, authorize: authorizer })),
        // Offices' links carry their own credential (auth: 'none' in the declaration).
        ...FUNCTIONS.respond.trigger.routes.map((r) => ({ ...r, handler: respond, functionName: FUNCTIONS.respond.name })),
      ],
      async (req, body) => {
        if (req.method === 'GET' && req.url === '/_local/dlq') return { status: 200, body: { messages: dlq } };
        if (req.method === 'POST' && req.url === '/_local/dlq/redrive') return redriveDlq(body);
        if (req.method === 'GET' && req.url === '/_local/clock') return { status: 200, body: { now: clock.now().toISOString() } };
        if (req.method === 'POST' && req.url === '/_local/clock') {
          const at = Date.parse((JSON.parse(body ?? '{}') as { advanceTo?: string }).advanceTo ?? '');
          if (Number.isNaN(at)) return { status: 400, body: { message: 'advanceTo: an ISO instant' } };
          const fired = await advanceTo(new Date(at));
          return { status: 200, body: { now: clock.now().toISOString(), stops: fired } };
        }
        return undefined;
      },
      opts.consoleOrigins ?? [],
    );
    started.push(apiServer);

    async function settle(timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const before = pollers.reduce((n, p) => n + p.invocations, 0);
        // All at once: each waits for its own poller's next idle turn, so waiting in turn would add them up.
        await Promise.all(pollers.map((p) => p.drained(Math.max(1000, deadline - Date.now()))));
        const after = pollers.reduce((n, p) => n + p.invocations, 0);
        if (after === before) return;
        if (Date.now() > deadline) throw new Error('local stack did not settle');
      }
    }

    /**
     * Simulation only: jumps the clock from due time to due time up to `target`, running the
     * schedule at each, so every reminder goes out at the minute it is due, in seconds of real
     * time. Finding the next due time scans the timers index, which is fine on a local table and
     * is never done by the platform itself.
     */
    const ddbLocal = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: REGION, credentials });
    started.push({ stop: async () => ddbLocal.destroy() });
    async function nextDue(): Promise<Date | undefined> {
      // The next cron run (meetings, digests, reports) is a stop too.
      const cron = scheduler.nextCronDue();
      let earliest: string | undefined = cron === undefined ? undefined : new Date(cron).toISOString();
      let start: Record<string, AttributeValue> | undefined;
      do {
        const out = await ddbLocal.send(new ScanCommand({ TableName: tableName, IndexName: TABLE.timersIndex.name, ExclusiveStartKey: start }));
        for (const item of out.Items ?? []) {
          const due = item[TABLE.timersIndex.sortKey]?.S;
          if (due && (!earliest || due < earliest)) earliest = due;
        }
        start = out.LastEvaluatedKey;
      } while (start);
      return earliest ? new Date(earliest) : undefined;
    }
    async function advanceTo(target: Date): Promise<string[]> {
      const stops: string[] = [];
      for (let guard = 0; guard < 10_000; guard++) {
        const due = await nextDue();
        if (!due || due.getTime() > target.getTime()) break;
        clock.set(due);
        stops.push(clock.now().toISOString());
        await scheduler.runDue(true);
        await settle();
      }
      clock.set(target);
      await scheduler.runDue(true);
      await settle();
      return stops;
    }

    return {
      api: apiServer,
      consoleOrigins: opts.consoleOrigins ?? [],
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
      handlers: { api, respond, routeReferrals, deliverNotifications, reactToAnswers, sweepTimers, notifyMeetings, expireClosedCases, planMeetings, sendDigests, reportIndicators, emailEvents },
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
      async advance(ms: number) {
        clock.advance(ms);
        await scheduler.runDue();
        await settle();
        // SMS released for the morning and follow-up timers may be due by the same move.
        await scheduler.runDue(true);
        await settle();
      },
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
