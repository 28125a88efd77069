import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack.js';
import { MovableClock } from '../../shared/domain/clock.js';
import { FUNCTIONS, type StreamTrigger } from '../../events/triggers.js';
import { StreamPoller } from '../../local/stream-poller.js';
import { documentClient } from '../../shared/aws/clients.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { createObservability } from '../../shared/observability/metrics.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { encodeIntentTag, sesTagValue } from '../../shared/channels/intent-tag.js';
import { intentKey, type IntentItem } from '../../shared/store/intent.js';
import type { MailOptions } from '../unit/delivery/ses-event-fixtures.js';

/**
 * A DynamoDB client that loses the answer of the writes it is told to: such a write reaches
 * DynamoDB and takes effect, and its answer fails on the way back as over a reset connection
 * (ECONNRESET), so the client's own retry sends it again, as the SDK does on AWS. `lose(match)`
 * arms it for the next write `match` picks (by operation, e.g. `UpdateItemCommand`, and its
 * input as sent: marshalled); `lost` counts the answers lost.
 */
export function losingAnswers(client: Pick<DynamoDBClient, 'middlewareStack'>) {
  type Match = (operation: string, input: Record<string, unknown>) => boolean;
  const armed: Match[] = [];
  let lost = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const i = armed.findIndex((match) => match(context.commandName ?? '', args.input as Record<string, unknown>));
      if (i < 0) return out;
      armed.splice(i, 1);
      lost++;
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    },
    { step: 'deserialize', name: 'loseAnswers' },
  );
  return {
    lose: (match: Match = (operation) => /^(PutItem|UpdateItem|DeleteItem|TransactWriteItems)Command$/.test(operation)) => void armed.push(match),
    get lost() {
      return lost;
    },
  };
}

/** Collects everything written to stdout/stderr while the stack runs (the functions' logs). */
export function captureOutput() {
  const chunks: string[] = [];
  const origOut = process.stdout.write.bind(process.stdout);
  const origErr = process.stderr.write.bind(process.stderr);
  const tap =
    (orig: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (orig as (...a: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap(origOut) as typeof process.stdout.write;
  process.stderr.write = tap(origErr) as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = origOut;
      process.stderr.write = origErr;
    },
  };
}

/** A client of the stack's DynamoDB Local, with the stack's credentials (on a shared server, its own database). */
export function dynamoDbOf(stack: LocalStack): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: stack.dynamodb.endpoint,
    region: stack.env.AWS_REGION,
    credentials: { accessKeyId: stack.env.AWS_ACCESS_KEY_ID!, secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY! },
  });
}

/**
 * The case's SMS about `sourceId` (a change and its version), once sent, held as a delivery attempt
 * holds it while the provider has it (claimed: `sending`, a lease ahead of the stack's clock, a
 * claim token, as the intents' store claims it) for `during`; then left as that attempt leaves it: sent.
 */
export async function whileBeingSent(stack: LocalStack, caseId: string, sourceId: string, during: () => Promise<void>): Promise<void> {
  const db = DynamoDBDocumentClient.from(dynamoDbOf(stack));
  try {
    const { cases } = dynamoRepositories(db, stack.tableName);
    const deadline = Date.now() + 20_000;
    let sms: IntentItem | undefined;
    while (!(sms = (await cases.view(caseId))?.intents.find((i) => i.channel === 'sms' && i.sourceId === sourceId && i.status === 'sent'))) {
      if (Date.now() > deadline) throw new Error(`no SMS about ${sourceId} sent in case ${caseId}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const Key = intentKey({ caseId }, sms.intentId);
    const sent = (await db.send(new GetCommand({ TableName: stack.tableName, Key, ConsistentRead: true }))).Item!;
    await db.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key,
        UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, claimToken = :token',
        ExpressionAttributeNames: { '#status': 'status' },
        // Ten minutes: the lease still holds however slowly a browser goes.
        ExpressionAttributeValues: { ':sending': 'sending', ':lease': Math.floor(stack.clock.now().getTime() / 1000) + 600, ':token': randomUUID() },
      }),
    );
    try {
      await during();
    } finally {
      await db.send(new PutCommand({ TableName: stack.tableName, Item: sent }));
    }
  } finally {
    db.destroy();
  }
}

/** Monday 23 November 2026, 10:00 in Kosovo: inside working hours, outside SMS quiet hours. */
export const TEST_START = new Date('2026-11-23T09:00:00Z');

/** The local stack at DEBUG on a clock at TEST_START, unless `options` say otherwise. */
export async function startStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  return startLocalStack({ logLevel: 'DEBUG', clock: new MovableClock(TEST_START), ...options });
}

/**
 * One stack for the test file that calls it (at its top level), started with the functions' output
 * captured (handed to `use` for the files that read the logs) and stopped after the file's own
 * afterAll hooks (vitest runs after hooks in reverse), so that those close their clients while the
 * stack is up. `use` is awaited in the same beforeAll: a file's setup on the stack goes there.
 */
export function stackForFile(use: (stack: LocalStack, output: ReturnType<typeof captureOutput>) => unknown, options: LocalStackOptions = {}): void {
  let stack: LocalStack | undefined;
  let output: ReturnType<typeof captureOutput> | undefined;
  beforeAll(async () => {
    output = captureOutput();
    stack = await startStack(options);
    await use(stack, output);
  });
  afterAll(async () => {
    await stack?.stop();
    output?.restore();
  });
}

/**
 * The stack's route-referrals gives way to the same handler module wired without its one hop
 * (no deliver dependencies): every intent it writes is queued for the deliver function on the
 * intents' stream, the path of whatever the one hop does not finish (a retry, a deferred SMS, a
 * record put back by the sweep). For tests that put faults into the deliver function and need the
 * referral's own messages to go that way. Same trigger declaration, same place in the stack's list.
 */
export async function routeThroughTheIntentStream(stack: LocalStack): Promise<void> {
  const { createHandler } = await import('../../functions/route-referrals/handler.js');
  const handler = createHandler({
    ...dynamoRepositories(documentClient(), stack.tableName),
    holidays: kosovoHolidays(),
    directory: bundledDirectory(),
    clock: stack.clock,
    ...createObservability('route-referrals'),
  });
  await replaceStreamHandler(stack, FUNCTIONS.routeReferrals, handler);
}

/**
 * The stack's poller of a stream function gives way to one running `handler` (the same handler
 * module, wired with a test's hooks or faults) under the same trigger declaration, in the same
 * place in the stack's list, so that settle() and advanceTo() wait for it.
 */
export async function replaceStreamHandler(stack: LocalStack, decl: { name: string; trigger: StreamTrigger; timeoutSeconds: number; memoryMb: number }, handler: unknown): Promise<void> {
  const idx = stack.pollers.findIndex((p) => p.functionName === decl.name);
  await stack.pollers[idx]!.stop();
  const db = new DynamoDBClient({});
  const streamArn = (await db.send(new DescribeTableCommand({ TableName: stack.tableName }))).Table!.LatestStreamArn!;
  db.destroy();
  const poller = new StreamPoller({
    functionName: decl.name,
    trigger: decl.trigger,
    streamArn,
    streams: new DynamoDBStreamsClient({}),
    handler: handler as never,
    region: 'eu-central-1',
    timeoutSeconds: decl.timeoutSeconds,
    memoryMb: decl.memoryMb,
    onDlq: (m) => stack.dlq.push(m),
    onInvoke: (event, outcome) => stack.invocations.push({ functionName: decl.name, event, ...outcome }),
  });
  poller.start();
  stack.pollers[idx] = poller;
}

export interface SesEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** As the SDK sent them: RawContent base64-encoded. */
  attachments?: { filename: string; contentType: string; content: string }[];
}

/**
 * Coordination mail (meeting mail carries a calendar entry, the report a CSV; digests and minutes
 * requests by their subject) as opposed to a case's own notices. Digests and agendas name cases
 * by SMR id, so tests counting a case's notices leave these out.
 */
export function isCoordinationMail(e: SesEmail): boolean {
  return (
    (e.attachments ?? []).length > 0 ||
    /^(Përmbledhja|Dnevni pregled|Nedeljni pregled|Дневни преглед|Недељни преглед|Daily digest|Weekly digest|Ju lutemi regjistroni procesverbalin|Molimo unesite zapisnik|Молимо унесите записник|Please record the minutes)/.test(e.subject)
  );
}

/** An email's attachments, decoded. */
export function attachmentsOf(email: SesEmail): { filename: string; contentType: string; text: string }[] {
  return (email.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, text: Buffer.from(a.content, 'base64').toString('utf8') }));
}

export async function inbox(stack: LocalStack): Promise<SesEmail[]> {
  const res = await fetch(`${stack.ses.endpoint}/store`);
  return ((await res.json()) as { emails: SesEmail[] }).emails;
}

/**
 * Which seeded user `call` acts as when a test does not say: the head of the municipality the
 * request is about (a head may do everything a coordinator may, and set anyone's digest), found
 * from the body's `municipalityId`, the path's municipality, or the case or meeting the path
 * names (read from the table). Tests of who may do what name their user (test/integration/access.test.ts).
 */
async function actingUser(stack: LocalStack, path: string, body: unknown): Promise<string> {
  const named = body && typeof body === 'object' ? (body as { municipalityId?: unknown }).municipalityId : undefined;
  if (typeof named === 'string' && ['obiliq', 'partesh'].includes(named)) return `${named}-head`;
  const muni = /^\/municipalities\/(obiliq|partesh)\//.exec(path)?.[1];
  if (muni) return `${muni}-head`;
  const owner = /^\/(cases|meetings)\/([0-9A-Za-z]{26})(\/|$)/.exec(path);
  if (owner) {
    const db = dynamoDbOf(stack);
    try {
      const key = { pk: { S: `${owner[1] === 'cases' ? 'CASE' : 'MEET'}#${owner[2]}` }, sk: { S: 'META' } };
      const item = await db.send(new GetItemCommand({ TableName: stack.tableName, Key: key, ProjectionExpression: 'municipalityId' }));
      const found = item.Item?.municipalityId?.S;
      if (found === 'partesh') return 'partesh-head';
    } finally {
      db.destroy();
    }
  }
  return 'obiliq-head';
}

/** A request to the coordinators' API, signed in as `as` (by default the head of the municipality it is about). */
export async function call(stack: LocalStack, method: string, path: string, body?: unknown, raw?: string, as?: string) {
  const token = await stack.pool.token(as ?? (await actingUser(stack, path, body)));
  const res = await fetch(`${stack.api.endpoint}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

export function lambdaContext(name: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A fictional Obiliq family of four: two adults, two school-age children. */
/**
 * The SMS every case with consent gets at registration (the welcome: who follows the case): tests
 * that count what a referral, a reminder or a retry sends leave it out. A welcome that went in
 * one SMS with the household's next steps (household.returnee.sms) carries them, and counts.
 */
export const isWelcomeSms = (text: string) =>
  /Rastin tuaj e ndjek|Va[sš] slu[cč]aj vodi|Ваш случај води|Your case is handled by/.test(text) && !HOUSEHOLD_STEPS.test(text);
const HOUSEHOLD_STEPS = /Hapat tuaj t[eë] ardhsh[eë]m:|Va[sš]i slede[cć]i koraci:|Ваши следећи кораци:|Your next steps:/;

/** The texts sent to a number (or to anyone), without the welcome SMS. */
export const textsTo = (stack: LocalStack, phone?: string) => stack.sms.messages().filter((m) => (phone === undefined || m.phoneNumber === phone) && !isWelcomeSms(m.message));

/**
 * An SMR id no other family of this test file has: a stack's table is its file's own, and a random
 * one (as before) could repeat an id registered earlier in the file, whose claim refuses the case.
 */
let familySerial = 0;
// Zero-padded, so that no id is a part of another (SEQ-1 of SEQ-10), as tests find mail by a subject holding it.
const nextSmr = () => `SMR-2026-SEQ-${String(++familySerial).padStart(4, '0')}`;

export function obiliqFamily(smrCaseId = nextSmr()) {
  return {
    smrCaseId,
    municipalityId: 'obiliq',
    coordinatorId: '__COORD__',
    arrivalDate: '2026-11-20',
    category: 'returnee',
    preferredLanguage: 'sq',
    phone: '049 555 123',
    consent: { sms: true, shareWithOffices: true },
    household: [
      { id: 'p1', givenName: 'Arben', familyName: 'Krasniqi', birthYear: 1984, role: 'head' },
      { id: 'p2', givenName: 'Drita', familyName: 'Krasniqi', birthYear: 1987, role: 'spouse' },
      { id: 'p3', givenName: 'Liridon', familyName: 'Krasniqi', birthYear: 2015, role: 'child' },
      { id: 'p4', givenName: 'Vlora', familyName: 'Krasniqi', birthYear: 2018, role: 'child' },
    ],
  };
}

/** A fictional Serbian-speaking Partesh household with a German number, no consent to share. */
export function parteshFamily(smrCaseId = nextSmr()) {
  return {
    smrCaseId,
    municipalityId: 'partesh',
    coordinatorId: '__COORD__',
    arrivalDate: '2026-11-18',
    category: 'returnee',
    preferredLanguage: 'sr-Latn',
    phone: '+49 151 23456789',
    consent: { sms: true, shareWithOffices: false },
    household: [
      { id: 'p1', givenName: 'Dragana', familyName: 'Stojković', birthYear: 1979, role: 'head' },
      { id: 'p2', givenName: 'Miloš', familyName: 'Stojković', birthYear: 2012, role: 'child' },
    ],
  };
}

/** Seeds many items fast (8 writers, batches of 25, unprocessed items retried). */
export async function writeAll(stack: LocalStack, db: DynamoDBDocumentClient, items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    for (let b = next++; b < batches.length; b = next++) {
      let request = { [stack.tableName]: batches[b]!.map((Item) => ({ PutRequest: { Item } })) };
      for (let attempt = 0; Object.keys(request).length && attempt < 10; attempt++) {
        const out = await db.send(new BatchWriteCommand({ RequestItems: request }));
        request = (out.UnprocessedItems ?? {}) as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Everything a request could have changed: the table item by item, the count DynamoDB reports, the mail and SMS. */
export interface Snapshot {
  count: number;
  items: string[];
  emails: number;
  sms: number;
}

/** The "writes nothing" proof: take one before and one after, and compare. */
export async function snapshot(stack: LocalStack): Promise<Snapshot> {
  const db = dynamoDbOf(stack);
  try {
    const items: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
      for (const item of page.Items ?? []) items.push(JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))));
      start = page.LastEvaluatedKey;
    } while (start);
    const count = await db.send(new ScanCommand({ TableName: stack.tableName, Select: 'COUNT', ConsistentRead: true }));
    return { count: count.Count ?? 0, items: items.sort(), emails: (await inbox(stack)).length, sms: stack.sms.messages().length };
  } finally {
    db.destroy();
  }
}

/**
 * The text of the returnee page an SMS links to (the municipality's default: on), as a browser
 * shows it: the page must answer 200.
 */
export async function returneePageText(sms: string): Promise<string> {
  const url = sms.match(/https?:\/\/\S+\/p\/[A-Za-z0-9_.-]+/)?.[0];
  if (!url) throw new Error(`no page link in the SMS: ${sms}`);
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`the page answered ${res.status}`);
  return (await res.text()).replace(/<[^>]+>/g, ' ').replace(/&#x2F;/g, '/').replace(/&#39;/g, "'").replace(/&#x3D;/g, '=').replace(/\s+/g, ' ');
}

/** What SES puts in an event's `mail` for the email sent for `intent`: its message id, recipient, configuration set and the deliver function's tags. */
export function sesMailOf(stack: LocalStack, intent: IntentItem): MailOptions {
  return {
    messageId: intent.providerMessageId!,
    recipient: intent.recipient!,
    sentAt: intent.sentAt!,
    configurationSet: stack.env.SES_CONFIGURATION_SET!,
    tags: { purpose: sesTagValue(intent.purpose), template: sesTagValue(intent.template), intent: encodeIntentTag(intent) },
  };
}
