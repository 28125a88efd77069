import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { StreamPoller } from '../../local/stream-poller.js';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { documentClient, sesClient } from '../../shared/aws/clients.js';
import { SesEmailSender } from '../../shared/channels/ses-email-sender.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import type { Clock } from '../../shared/domain/clock.js';
import type { DeliverDeps } from '../../shared/delivery/deliver-intent.js';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import type { IntentRepository } from '../../shared/store/ports.js';
import type { IntentItem } from '../../shared/store/intent.js';
import { call, inbox, lambdaContext, obiliqFamily, routeThroughTheIntentStream, stackForFile } from './support.js';
import { deliverDeps } from '../../functions/deliver-notifications/deps.js';
import { DeliverConfig, loadConfig } from '../../shared/config/config.js';

/**
 * Lambda delivers stream records at least once: after a crash the same batch comes again.
 * These tests crash the deliver function at the worst moments and count what reached the SES
 * emulator and the SMS sink: exactly one email and one SMS per referral.
 */
let stack: LocalStack;
// The handler module reads its configuration at import, like a Lambda cold start: import it
// once the local stack has set the environment.
let createHandler: typeof import('../../functions/deliver-notifications/handler.js').createHandler;
const coordinatorId = bundledDirectory().municipality('obiliq')!.coordinators[0]!.id;
const mainDeliverPoller = () => stack.pollers.find((p) => p.functionName === FUNCTIONS.deliverNotifications.name)!;
const mainRoutePoller = () => stack.pollers.find((p) => p.functionName === FUNCTIONS.routeReferrals.name)!;

stackForFile(async (s) => {
  stack = s;
  ({ createHandler } = await import('../../functions/deliver-notifications/handler.js'));
  // The stack's own deliver function is stopped: each test runs its own, crashing one, on the
  // referrals' messages, which therefore go through the intents' stream rather than the one hop.
  await mainDeliverPoller().stop();
  await routeThroughTheIntentStream(stack);
});

async function streamArn(): Promise<string> {
  const db = new DynamoDBClient({});
  const out = await db.send(new DescribeTableCommand({ TableName: stack.tableName }));
  db.destroy();
  return out.Table!.LatestStreamArn!;
}

function deps(overrides: Partial<Omit<DeliverDeps, 'metrics'>> = {}): DeliverDeps & { metrics: Metrics } {
  // The function's own wiring (functions/deliver-notifications/deps.ts) on the stack's clock (a
  // weekday morning: an SMS at night would wait for 08:00), with this test's short lease and retries.
  return {
    ...deliverDeps(loadConfig(DeliverConfig, stack.env), stack.clock),
    leaseSeconds: 60,
    retry: { maxAttempts: 4, baseSeconds: 60, capSeconds: 600, maxAgeSeconds: 3600 },
    mode: 'live',
    simulatedPhones: new Set(),
    ...overrides,
  };
}

/** Runs a deliver function under the same event source mapping rules, from the stream's start. */
async function runDeliverPoller(handler: (e: DynamoDBStreamEvent, c: ReturnType<typeof lambdaContext>) => Promise<DynamoDBBatchResponse | void>) {
  const decl = FUNCTIONS.deliverNotifications;
  const events: DynamoDBStreamEvent[] = [];
  const parked: unknown[] = [];
  const streams = new DynamoDBStreamsClient({});
  const poller = new StreamPoller({
    functionName: decl.name,
    trigger: decl.trigger,
    streamArn: await streamArn(),
    streams,
    handler: handler as never,
    region: 'eu-central-1',
    timeoutSeconds: decl.timeoutSeconds,
    memoryMb: decl.memoryMb,
    onDlq: (m) => parked.push(m),
    onInvoke: (e) => events.push(e),
  });
  poller.start();
  await poller.drained();
  await poller.stop();
  streams.destroy();
  return { events, parked };
}

async function referFamily(smr: string): Promise<string> {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId });
  expect(created.status).toBe(201);
  for (const r of [
    { officeKind: 'civil_registry', need: 'civil_documents' },
    { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1', 'p2'] },
  ]) {
    expect((await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, r)).status).toBe(201);
  }
  await mainRoutePoller().drained();
  return created.body.caseId as string;
}

describe('deliver-notifications under redelivery', () => {
  it('sends once when an invocation crashes after sending its whole batch', async () => {
    const caseId = await referFamily('SMR-CRASH-A');
    const real = createHandler(deps());
    let crashed = 0;
    const crashing = async (e: DynamoDBStreamEvent, c: ReturnType<typeof lambdaContext>) => {
      const out = await real(e, c);
      if (crashed++ === 0) throw new Error('Runtime.ExitError: the sandbox died before answering');
      return out;
    };
    const { events } = await runDeliverPoller(crashing);
    expect(crashed).toBeGreaterThan(1); // the batch did come again
    const emails = (await inbox(stack)).filter((m) => m.subject.includes('SMR-CRASH-A'));
    expect(emails).toHaveLength(2);
    // The case's welcome and its two referrals' SMS, due together: one household SMS listing both steps.
    expect(stack.sms.messages()).toHaveLength(1);
    expect(stack.sms.messages()[0]!.message).toMatch(/ 1\) .* 2\) /);

    // And once more, the very same events, as a late duplicate delivery.
    for (const e of events) await real(structuredClone(e), lambdaContext('deliver-notifications'));
    expect((await inbox(stack)).filter((m) => m.subject.includes('SMR-CRASH-A'))).toHaveLength(2);
    expect(stack.sms.messages()).toHaveLength(1);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    for (const r of view.body.referrals) for (const n of r.notifications) expect(n.status).toBe('sent');
  });

  it('never resends when the crash falls between the provider accepting and our record of it', async () => {
    const caseId = await referFamily('SMR-CRASH-B');
    const smsBefore = stack.sms.messages().length;
    let now = stack.clock.now();
    const clock: Clock = { now: () => now };
    const { intents } = dynamoRepositories(documentClient(), stack.tableName);
    let failOnce = true;
    // The process "dies" right after SES/SNS accepted the first message: its outcome is never recorded.
    const dying = Object.assign(Object.create(intents) as IntentRepository, {
      markSent: async (i: IntentItem, lease: number, o: Parameters<IntentRepository['markSent']>[2]) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('Runtime.ExitError');
        }
        return intents.markSent(i, lease, o);
      },
    });
    const handler = createHandler(deps({ intents: dying, clock }));
    const { events, parked } = await runDeliverPoller(handler);

    const emails = () => inbox(stack).then((all) => all.filter((m) => m.subject.includes('SMR-CRASH-B')));
    const sent = () => stack.sms.messages().length - smsBefore;
    expect(await emails()).toHaveLength(2);
    // The welcome and the two referrals' SMS, as one household SMS.
    expect(sent()).toBe(1);
    // The record whose outcome is unknown was retried a bounded number of times, then parked (the
    // household SMS's other intents' records end at once: they went in that message).
    expect(parked).toHaveLength(1);

    // Once the lease has lapsed, a redelivery marks it for the coordinator instead of resending.
    now = new Date(stack.clock.now().getTime() + 61_000);
    for (const e of events) await handler(structuredClone(e), lambdaContext('deliver-notifications'));
    expect(await emails()).toHaveLength(2);
    expect(sent()).toBe(1);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    // Whichever message the crash fell on: its intents are unknown, the others sent. An email is
    // one intent; the household SMS three (the welcome's, first in the stream, and its two steps').
    const all = [...view.body.referrals.flatMap((r: any) => r.notifications), ...view.body.notifications.filter((n: any) => n.purpose === 'case.welcome')];
    const unknown = all.filter((n: any) => n.status === 'unconfirmed');
    expect(all.filter((n: any) => n.status !== 'unconfirmed').map((n: any) => n.status)).toEqual(Array(all.length - unknown.length).fill('sent'));
    expect(unknown.map((n: any) => n.channel)).toEqual(unknown.length === 1 ? ['email'] : ['sms', 'sms', 'sms']);
  });

  it('handles a batch in parallel: a failing record is retried and parked alone, and its siblings that come again send nothing', async () => {
    await referFamily('SMR-PAR-1');
    // A malformed intent between two families' messages: it fails every time.
    const db = new DynamoDBClient({});
    await db.send(
      new PutItemCommand({
        TableName: stack.tableName,
        Item: { pk: { S: 'CASE#PAR-POISON' }, sk: { S: 'INTENT#PAR-POISON' }, type: { S: 'Intent' }, status: { S: 'queued' }, channel: { S: 'fax' } },
      }),
    );
    db.destroy();
    await referFamily('SMR-PAR-2');
    const smsBefore = stack.sms.messages().length;
    let concurrent = 0;
    let maxConcurrent = 0;
    // Counts how many provider calls overlap: the batch's messages go out at once.
    const email = new SesEmailSender(sesClient(), 'Referrals <referrals@platform.example.org>', 'local');
    const overlapping = Object.assign(Object.create(email) as SesEmailSender, {
      send: async (m: Parameters<SesEmailSender['send']>[0]) => {
        maxConcurrent = Math.max(maxConcurrent, ++concurrent);
        try {
          return await email.send(m);
        } finally {
          concurrent--;
        }
      },
    });
    const handler = createHandler(deps({ email: overlapping }));
    const { events, parked } = await runDeliverPoller(handler);

    const mails = async (smr: string) => (await inbox(stack)).filter((m) => m.subject.includes(smr));
    expect(await mails('SMR-PAR-1')).toHaveLength(2);
    expect(await mails('SMR-PAR-2')).toHaveLength(2);
    // Two referrals' SMS and a welcome SMS per family, each family's as one household SMS.
    expect(stack.sms.messages().length - smsBefore).toBe(2);
    expect(maxConcurrent).toBeGreaterThan(1);
    // The poison alone is parked, after its retries; records that were retried with it were good ones.
    expect(parked).toHaveLength(1);
    expect(JSON.stringify((parked[0] as { records: unknown[] }).records)).toContain('PAR-POISON');
    const withPoison = events.filter((e) => JSON.stringify(e.Records.map((r) => r.dynamodb?.Keys)).includes('PAR-POISON'));
    expect(withPoison.length).toBeGreaterThan(1);
    expect(withPoison.some((e) => e.Records.length > 1)).toBe(true);
  });
});
