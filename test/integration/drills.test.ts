import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { SENDING_FUNCTIONS } from '../../events/functions.js';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { afterAll, describe, expect, it } from 'vitest';
import { runAddress } from '../../cli/address.js';
import { runDlq } from '../../cli/dlq.js';
import { runTimers } from '../../cli/timers.js';
import { DELIVERY_FAILURES_ALARM_PER_HOUR, SES_BOUNCE_RATE_ALARM, SES_COMPLAINT_RATE_ALARM, SMS_SPEND_ALARM_PERCENT, TIMERS_FAILED_ALARM_PERIODS } from '../../infra/constructs/operations.js';
import type { LocalStack } from '../../local/stack.js';
import { encodeIntentTag, sesTagValue } from '../../shared/channels/intent-tag.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { localDate } from '../../shared/domain/calendar.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { caseKey } from '../../shared/store/case.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import type { IntentItem } from '../../shared/store/intent.js';
import { bounceEvent, complaintEvent, type MailOptions } from '../unit/delivery/ses-event-fixtures.js';
import { call, captureOutput, obiliqFamily, stackForFile } from './support.js';

/**
 * Drills (issue #16): for each alarm of infra/constructs/operations.ts that the platform's own
 * behaviour drives, the fault is injected into the local stack, the metric the alarm watches is
 * read from the EMF the functions print (as CloudWatch would ingest it) and shown past the alarm's
 * threshold, and the runbook's command (docs/operations.md, "Alarms, what they mean, what to do")
 * is run and resolves it. The metrics AWS computes itself are derived from what it counts:
 * the SES reputation rates from the emails sent and the bounce and complaint events, the SMS
 * spend from the segments sent at a stated price, a DLQ's depth from the local DLQ.
 * HolidayCalendarRunway and HolidayYearsAssumed are drilled in calendar-runway.test.ts.
 * Throttles and IteratorAge are Lambda's own and cannot be produced by one local process: their
 * runbook entries say what to look at.
 */
let stack: LocalStack;
let output: ReturnType<typeof captureOutput>;
let db: DynamoDBClient;
let doc: DynamoDBDocumentClient;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;

interface Emf {
  service: string;
  [metric: string]: unknown;
}
const emf = (): Emf[] =>
  output
    .text()
    .split('\n')
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Emf);
/** One value per EMF document of `service` that has `metric` (a document's list summed). */
const perInvocation = (service: string, metric: string): number[] =>
  emf()
    .filter((d) => d.service === service && metric in d)
    .map((d) => (Array.isArray(d[metric]) ? (d[metric] as number[]).reduce((a, b) => a + b, 0) : (d[metric] as number)));
const total = (service: string, metric: string) => perInvocation(service, metric).reduce((a, b) => a + b, 0);
/** One delivery metric summed over the functions that send (route-referrals since the one hop, deliver-notifications), as the alarms sum it. */
const bySenders = (metric: string) => SENDING_FUNCTIONS.reduce((sum, service) => sum + total(service, metric), 0);
const logLines = () =>
  output
    .text()
    .split('\n')
    .filter((l) => l.startsWith('{"level'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function newCase(smr: string, phone = '049 555 123', arrivalDate = localDate(stack.clock.now())) {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, phone, arrivalDate });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.caseId as string;
}
const refer = (caseId: string) => call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });

stackForFile((s, o) => {
  stack = s;
  output = o;
  db = new DynamoDBClient({});
  doc = DynamoDBDocumentClient.from(db);
}, { logLevel: 'WARN', emitMetrics: true });
afterAll(() => doc?.destroy());

describe('drill: DeliveryUnconfirmed (> 0)', () => {
  it('an SMS the provider took without answering is unconfirmed, flagged once, and closed from the follow-up list', async () => {
    const before = bySenders(METRIC.deliveryUnconfirmed);
    const caseId = await newCase('SMR-DRILL-UNCONF');
    stack.sms.failPublishes(1, 'accept-then-drop', { phoneNumber: '+38349555123' });
    expect((await refer(caseId)).status).toBe(201);
    await stack.settle();
    expect(bySenders(METRIC.deliveryUnconfirmed) - before).toBe(1); // > 0: ALARM

    // Runbook: the municipality's follow-up list has it; the coordinator calls and closes it.
    const tasks = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { followUpId: string; caseId: string; status: string }[];
    const task = tasks.find((t) => t.caseId === caseId && t.status === 'unconfirmed')!;
    expect(task).toBeDefined();
    expect((await call(stack, 'POST', `/municipalities/obiliq/follow-ups/${task.followUpId}`, { outcome: 'reached_by_phone' })).status).toBe(200);
    const left = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { followUpId: string }[];
    expect(left.map((t) => t.followUpId)).not.toContain(task.followUpId);
  });
});

describe(`drill: DeliveryFailures (> ${DELIVERY_FAILURES_ALARM_PER_HOUR} an hour)`, () => {
  it('SMS refused by the provider fail for good, each a follow-up; the log groups them by code', async () => {
    const before = bySenders(METRIC.smsFailed) + bySenders(METRIC.emailFailed);
    const refusals = DELIVERY_FAILURES_ALARM_PER_HOUR + 1;
    const caseId = await newCase('SMR-DRILL-FAIL', '049 555 777');
    // Its welcome SMS first: the refusals meet the referrals' SMS.
    await stack.settle();
    stack.sms.failPublishes(refusals, { status: 400, code: 'InvalidParameter' }, { phoneNumber: '+38349555777' });
    for (let n = 0; n < refusals; n++) expect((await refer(caseId)).status).toBe(201);
    await stack.settle();
    const failed = bySenders(METRIC.smsFailed) + bySenders(METRIC.emailFailed) - before;
    expect(failed).toBeGreaterThan(DELIVERY_FAILURES_ALARM_PER_HOUR); // within the hour: ALARM

    // Runbook: group the failures by code in the sending functions' logs.
    const codes = logLines()
      .filter((l) => SENDING_FUNCTIONS.includes(String(l.service)) && l.message === 'notification failed for good')
      .reduce((m, l) => m.set(String(l.code), (m.get(String(l.code)) ?? 0) + 1), new Map<string, number>());
    expect(codes.get('InvalidParameterException')).toBe(refusals);
    // Each is a call-or-visit task with the SMS's words for the coordinator.
    const tasks = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { caseId: string; channel: string }[];
    expect(tasks.filter((t) => t.caseId === caseId && t.channel === 'sms')).toHaveLength(refusals);
  });
});

describe('drill: SesBounceRate and SesComplaintRate', () => {
  /** What SES puts in `mail` for an email we sent. */
  const mailOf = (i: IntentItem): MailOptions => ({
    messageId: i.providerMessageId!,
    recipient: i.recipient!,
    sentAt: i.sentAt!,
    configurationSet: stack.env.SES_CONFIGURATION_SET!,
    tags: { purpose: sesTagValue(i.purpose), template: sesTagValue(i.template), intent: encodeIntentTag(i) },
  });
  const officeEmail = async (caseId: string) => (await dynamoRepositories(doc, stack.tableName).cases.view(caseId))!.intents.find((i) => i.purpose === 'referral.office' && i.status === 'sent')!;

  it(`a permanent bounce above ${SES_BOUNCE_RATE_ALARM * 100}% of the emails sent; the address is blocked until an operator clears it`, async () => {
    const caseId = await newCase('SMR-DRILL-BOUNCE');
    expect((await refer(caseId)).status).toBe(201);
    await stack.settle();
    const sent = bySenders(METRIC.emailSent);
    const email = await officeEmail(caseId);
    const at = stack.clock.now().toISOString();
    // Enough bounces of this account's mail to pass the rate (SES counts every bounced send).
    const bounces = Math.floor(sent * SES_BOUNCE_RATE_ALARM) + 1;
    await stack.publishSesEvent(bounceEvent({ ...mailOf(email), bounceType: 'Permanent', bounceSubType: 'General', status: '5.1.1', at }));
    for (let n = 1; n < bounces; n++) await stack.publishSesEvent(bounceEvent({ ...mailOf(email), messageId: `drill-${n}`, bounceType: 'Permanent', bounceSubType: 'General', status: '5.1.1', at }));
    const rate = total('email-events', METRIC.emailBouncedPermanently) / sent;
    expect(rate).toBeGreaterThan(SES_BOUNCE_RATE_ALARM); // ALARM

    // Runbook: the address's status says why; once the directory or the mailbox is fixed, clear it.
    const env = { TABLE_NAME: stack.tableName };
    expect((await runAddress(['status', email.recipient!], { env })).stdout).toMatch(/^undeliverable: since /);
    expect((await runAddress(['clear', email.recipient!], { env })).stdout).toMatch(/^cleared: was undeliverable/);
    expect((await runAddress(['status', email.recipient!], { env })).stdout).toMatch(/^ok: /);
  });

  it(`a complaint above ${SES_COMPLAINT_RATE_ALARM * 100}%: the address is suppressed, and cleared only on purpose`, async () => {
    const caseId = await newCase('SMR-DRILL-COMPLAINT');
    expect((await refer(caseId)).status).toBe(201);
    await stack.settle();
    const email = await officeEmail(caseId);
    await stack.publishSesEvent(complaintEvent({ ...mailOf(email), at: stack.clock.now().toISOString() }));
    const rate = total('email-events', METRIC.emailComplained) / bySenders(METRIC.emailSent);
    expect(rate).toBeGreaterThan(SES_COMPLAINT_RATE_ALARM); // ALARM
    const env = { TABLE_NAME: stack.tableName };
    expect((await runAddress(['status', email.recipient!], { env })).stdout).toMatch(/^complained: since /);
    expect((await runAddress(['clear', email.recipient!], { env })).stdout).toMatch(/^cleared: was complained/);
  });
});

describe(`drill: SmsSpend (> ${SMS_SPEND_ALARM_PERCENT}% of SmsMonthlySpendLimitUsd)`, () => {
  it("a loop of SMS: the month's segments at Kosovo's price pass 80% of a new account's 1 USD quota", async () => {
    // The fault: something texts the same returnee again and again (here: twenty referrals at once).
    const caseId = await newCase('SMR-DRILL-SPEND', '049 555 888');
    for (let n = 0; n < 20; n++) expect((await refer(caseId)).status).toBe(201);
    await stack.settle();
    // SNS reports SMSMonthToDateSpentUSD itself; here the spend is what the sent segments cost at
    // a stated price per segment to +383 (check the SNS pricing page for the account's region).
    const PRICE_PER_SEGMENT_USD = 0.05;
    const LIMIT_USD = 1;
    const segments = bySenders(METRIC.smsSegmentsSent);
    const percent = (100 * segments * PRICE_PER_SEGMENT_USD) / LIMIT_USD; // the alarm's metric math
    expect(segments).toBeGreaterThan(0);
    expect(percent).toBeGreaterThan(SMS_SPEND_ALARM_PERCENT); // ALARM: a loop or a real volume?
  });

  it('runbook: npm run cli -- templates says what each SMS costs in segments, per language', async () => {
    const { run } = await import('../../cli/commands.js');
    const out = run(['templates', '--json']);
    expect(out.exitCode).toBe(0);
    const rows = JSON.parse(out.stdout) as { id: string; channel: string }[];
    expect(rows.some((r) => r.id === 'referral.returnee.sms' && r.channel === 'sms')).toBe(true);
  });
});

describe('drill: a DLQ not empty (RouteReferralsDlqNotEmpty), with RecordsFailed', () => {
  it('a poison record is parked after its retries; once the cause is fixed, dlq redrive empties the queue', async () => {
    const caseId = await newCase('SMR-DRILL-DLQ');
    const first = await refer(caseId);
    await stack.settle();
    const key = (sk: string): Record<string, AttributeValue> => ({ pk: { S: caseKey(caseId).pk }, sk: { S: sk } });
    const template = (await db.send(new GetItemCommand({ TableName: stack.tableName, Key: key(`REF#${first.body.referralId}`) }))).Item!;
    const caseItem = (await db.send(new GetItemCommand({ TableName: stack.tableName, Key: key('META') }))).Item!;
    // The fault: a referral arrives for a case whose item is gone.
    await db.send(new DeleteItemCommand({ TableName: stack.tableName, Key: key('META') }));
    const poison = ulid();
    const { sentAt: _sent, ...rest } = template;
    await db.send(new PutItemCommand({ TableName: stack.tableName, Item: { ...rest, ...key(`REF#${poison}`), referralId: { S: poison }, status: { S: 'created' } } }));
    await stack.settle();
    expect(total('route-referrals', METRIC.recordsFailed)).toBeGreaterThan(0);
    expect(stack.dlq.length).toBeGreaterThan(0); // ApproximateNumberOfMessagesVisible > 0: ALARM

    // Runbook: the function's log names the failed record by its ids (what to look up), nothing personal.
    const failedLines = logLines().filter((l) => l.service === 'route-referrals' && l.message === 'record failed');
    expect(failedLines.length).toBeGreaterThan(0);
    const parked = stack.dlq.at(-1)!.DDBStreamBatchInfo;
    for (const line of failedLines) {
      expect(line).toMatchObject({ key: `${caseKey(caseId).pk} REF#${poison}`, type: 'Referral', eventName: 'INSERT', sequenceNumber: parked.startSequenceNumber });
      expect(line.eventID).toEqual(expect.any(String));
      for (const personal of ['Krasniqi', '049 555 123', '49555123', 'SMR-DRILL-DLQ']) expect(JSON.stringify(line)).not.toContain(personal);
    }

    // Runbook: list (ids only), fix the cause, redrive.
    const cli = (...argv: string[]) => runDlq([...argv, '--local', stack.api.endpoint]);
    const listed = await cli('list');
    expect(listed.stdout).toContain('route-referrals');
    expect(listed.stdout).not.toContain('Krasniqi');
    await db.send(new PutItemCommand({ TableName: stack.tableName, Item: caseItem }));
    const redriven = await cli('redrive', '--all');
    expect(redriven.exitCode, redriven.stdout).toBe(0);
    expect(stack.dlq).toHaveLength(0);
  });
});

describe(`drill: TimersFailed (> 0 in ${TIMERS_FAILED_ALARM_PERIODS} sweeps in a row) and TimersQuarantined (> 0)`, () => {
  it('a timer that keeps throwing fails sweep after sweep, is quarantined, and fires once retried after the fix', async () => {
    // Arrived three days ago: its home-visit reminder and escalation are due at once.
    const caseId = await newCase('SMR-DRILL-TIMER', '049 555 123', localDate(new Date(stack.clock.now().getTime() - 3 * 86_400_000)));
    const setStatus = (status: string) =>
      doc.send(new UpdateCommand({ TableName: stack.tableName, Key: caseKey(caseId), UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': status } }));
    await setStatus('mangled');
    const sweepsBefore = stack.scheduler.runs.length;
    const failedBefore = total('sweep-timers', METRIC.timersFailed);
    // The sweep runs every 5 minutes: each run is one of the alarm's periods.
    for (let n = 0; n < 24 && total('sweep-timers', METRIC.timersQuarantined) === 0; n++) await stack.advance(5 * 60_000);
    // The alarm sums TimersFailed per 5-minute period of the clock: the sweeps' own reports, by when they ran.
    const sweeps = stack.scheduler.runs.slice(sweepsBefore).filter((r) => r.name === 'sweep-timers');
    const perPeriod = new Map<number, number>();
    for (const r of sweeps) {
      const period = Math.floor(Date.parse(r.at) / 300_000);
      perPeriod.set(period, (perPeriod.get(period) ?? 0) + ((r.result as { failed?: number } | undefined)?.failed ?? 0));
    }
    expect([...perPeriod.values()].reduce((a, b) => a + b, 0)).toBe(total('sweep-timers', METRIC.timersFailed) - failedBefore);
    // Failures in two 5-minute periods in a row (the first failure, and its retry 5 minutes later): ALARM.
    const inARow = [...perPeriod].some(([period, failed]) => failed > 0 && Array.from({ length: TIMERS_FAILED_ALARM_PERIODS }, (_, k) => perPeriod.get(period + k) ?? 0).every((f) => f > 0));
    expect(inARow).toBe(true);
    expect(total('sweep-timers', METRIC.timersQuarantined)).toBeGreaterThan(0); // ALARM

    // Runbook: list the quarantined timers (ids and codes), fix the cause, retry.
    const env = { TABLE_NAME: stack.tableName };
    const entries = JSON.parse((await runTimers(['quarantined', '--json'], { env })).stdout) as { pk: string; sk: string; caseId?: string }[];
    const mine = entries.filter((e) => e.pk === caseKey(caseId).pk);
    expect(mine.length).toBeGreaterThan(0);
    await setStatus('open');
    for (const e of mine) expect((await runTimers(['retry', e.pk, e.sk], { env, now: () => stack.clock.now() })).exitCode).toBe(0);
    const quarantinedBefore = total('sweep-timers', METRIC.timersQuarantined);
    await stack.advance(5 * 60_000);
    expect(total('sweep-timers', METRIC.timersQuarantined)).toBe(quarantinedBefore);
    const left = JSON.parse((await runTimers(['quarantined', '--json'], { env })).stdout) as { pk: string }[];
    expect(left.filter((e) => e.pk === caseKey(caseId).pk)).toEqual([]);
  });
});
