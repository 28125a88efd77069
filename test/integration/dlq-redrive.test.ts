import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulidx';
import { afterAll, describe, expect, it } from 'vitest';
import { runDlq } from '../../cli/dlq.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import type { DlqRow, RedriveOutcome } from '../../shared/ops/dlq.js';
import { TABLE } from '../../shared/store/table.js';
import { call, captureOutput, inbox, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * A real poison batch, parked by the local poller after its bounded retries, listed and redriven
 * with the operator CLI against the local stack (`--local`), whose endpoint runs the same redrive
 * core as on AWS with local adapters: DynamoDB Local's stream read back by sequence number, the
 * route-referrals handler module invoked with the rebuilt event.
 *
 * The poison: a referral written while its case item is missing (route-referrals throws "case not
 * found" on every attempt). The fix: the case item is back. The effect: the referral's email to
 * the office and SMS to the returnee, exactly once, however often the redrive is run.
 */
let stack: LocalStack;
let output: ReturnType<typeof captureOutput>;
let db: DynamoDBClient;
const SMR = 'SMR-2026-DLQ-REDRIVE';
const family = { ...obiliqFamily(SMR), coordinatorId: bundledDirectory().municipality('obiliq')!.coordinators[0]!.id };
let caseId: string;
let caseItem: Record<string, AttributeValue>;
let poisonReferralId: string;
let parkedId: string;

const cli = async (...argv: string[]) => runDlq([...argv, '--local', stack.api.endpoint]);
const emails = async () => (await inbox(stack)).filter((e) => e.subject.includes(SMR));
const key = (pk: string, sk: string) => ({ [TABLE.partitionKey]: { S: pk }, [TABLE.sortKey]: { S: sk } });
const routeInvocationsOfPoison = () =>
  stack.invocations.filter((i) => i.functionName === 'route-referrals' && JSON.stringify(i.event.Records.map((r) => r.dynamodb?.Keys)).includes(poisonReferralId));

stackForFile((s, o) => {
  stack = s;
  output = o;
  db = new DynamoDBClient({});
});
afterAll(() => db?.destroy());

describe('dlq list and redrive against the local stack', () => {
  it('parks a referral whose case is missing, after 1 + 3 attempts', async () => {
    const created = await call(stack, 'POST', '/cases', family);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.caseId;
    // A first referral goes out normally: it is the template for the poison one.
    const first = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    expect(first.status).toBe(201);
    await stack.settle();
    expect(await emails()).toHaveLength(1);
    expect(textsTo(stack)).toHaveLength(1);

    const template = (await db.send(new GetItemCommand({ TableName: stack.tableName, Key: key(`CASE#${caseId}`, `REF#${first.body.referralId}`) }))).Item!;
    caseItem = (await db.send(new GetItemCommand({ TableName: stack.tableName, Key: key(`CASE#${caseId}`, 'META') }))).Item!;
    expect(caseItem).toBeDefined();
    // The cause: the case item is gone (a REMOVE, which no consumer's filter passes)...
    await db.send(new DeleteItemCommand({ TableName: stack.tableName, Key: key(`CASE#${caseId}`, 'META') }));
    // ...when a new referral of that case arrives.
    poisonReferralId = ulid();
    const { sentAt: _sent, ...rest } = template;
    await db.send(
      new PutItemCommand({
        TableName: stack.tableName,
        Item: { ...rest, ...key(`CASE#${caseId}`, `REF#${poisonReferralId}`), referralId: { S: poisonReferralId }, status: { S: 'created' } },
      }),
    );
    await stack.settle();

    expect(routeInvocationsOfPoison()).toHaveLength(1 + 3);
    expect(stack.dlq).toHaveLength(1);
    expect(await emails()).toHaveLength(1);
  });

  it('lists it: id, function, condition, shard, sequence range, batch size, arrival and age; no images', async () => {
    const text = await cli('list');
    expect(text.exitCode, text.stdout).toBe(0);
    const json = await cli('list', '--json');
    const rows = JSON.parse(json.stdout) as DlqRow[];
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    const parked = stack.dlq[0]!;
    parkedId = parked.requestContext.requestId;
    expect(row).toMatchObject({
      id: parkedId,
      kind: 'stream',
      functionName: 'route-referrals',
      condition: 'RetryAttemptsExhausted',
      shardId: parked.DDBStreamBatchInfo.shardId,
      startSequenceNumber: parked.DDBStreamBatchInfo.startSequenceNumber,
      endSequenceNumber: parked.DDBStreamBatchInfo.endSequenceNumber,
      batchSize: 1,
      pastStreamRetention: false,
    });
    expect(row.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(row.ageSeconds).toBeLessThan(600);
    for (const out of [text.stdout, json.stdout]) {
      expect(out).toContain(parkedId);
      expect(out).toContain('route-referrals');
      // Never a record's image: no names, no phone, no keys' contents, no NewImage.
      for (const forbidden of ['Krasniqi', 'Arben', '49555123', '049 555 123', 'NewImage', caseId, poisonReferralId]) expect(out).not.toContain(forbidden);
    }
    expect(text.stdout).toContain(parked.DDBStreamBatchInfo.startSequenceNumber);
  });

  it('lists it through the real entry point too (npm run cli -- dlq list --local … --json)', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'cli/referrals.ts', 'dlq', 'list', '--local', String(stack.api.port), '--json'], {
      cwd: process.cwd(),
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect((JSON.parse(stdout) as DlqRow[]).map((r) => r.id)).toEqual([parkedId]);
  });

  it('keeps the message while the cause is not fixed, and on a dry run', async () => {
    const failed = await cli('redrive', parkedId);
    expect(failed.exitCode, failed.stdout).toBe(1);
    expect(failed.stdout).toContain('FAILED');
    expect(failed.stdout).toContain('the function reported 1 failed record');
    expect(stack.dlq).toHaveLength(1);
    // The redrive rebuilt the very event the poller had delivered (Lambda's exact shape).
    const attempts = routeInvocationsOfPoison();
    expect(attempts).toHaveLength(1 + 3 + 1);
    expect(attempts[4]!.event).toEqual(attempts[0]!.event);
    expect(attempts[4]!.response).toEqual({ batchItemFailures: [{ itemIdentifier: attempts[0]!.event.Records[0]!.dynamodb!.SequenceNumber }] });

    const dry = await cli('redrive', '--all', '--dry-run', '--json');
    expect(dry.exitCode, dry.stdout).toBe(0);
    expect(JSON.parse(dry.stdout) as RedriveOutcome[]).toEqual([
      expect.objectContaining({ id: parkedId, result: 'would-redrive', functionName: 'route-referrals', records: 1 }),
    ]);
    expect(stack.dlq).toHaveLength(1);
    await stack.settle();
    expect(await emails()).toHaveLength(1);
    expect(routeInvocationsOfPoison()).toHaveLength(1 + 3 + 1); // a dry run invokes nothing
  });

  it('once the case is back, redrives it: the referral goes out once and the DLQ is empty', async () => {
    await db.send(new PutItemCommand({ TableName: stack.tableName, Item: caseItem }));
    const res = await cli('redrive', parkedId);
    expect(res.exitCode, res.stdout).toBe(0);
    expect(res.stdout).toMatch(/redriven\s+\S+\s+route-referrals\s+replayed 1 record/);
    expect(res.stdout).toContain('1 redriven, 0 kept');
    expect(routeInvocationsOfPoison().at(-1)!.response).toEqual({ batchItemFailures: [] });
    expect(stack.dlq).toHaveLength(0);
    expect((await cli('list')).stdout).toContain('DLQ empty.');

    await stack.settle();
    expect(await emails()).toHaveLength(2);
    expect(textsTo(stack)).toHaveLength(2);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    const redriven = view.body.referrals.find((r: { referralId: string }) => r.referralId === poisonReferralId);
    expect(redriven.notifications.map((n: { status: string }) => n.status).sort()).toEqual(['sent', 'sent']);
  });

  it('redriving again does nothing', async () => {
    const again = await cli('redrive', '--all');
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.stdout).toContain('nothing to redrive');
    const byId = await cli('redrive', parkedId);
    expect(byId.exitCode).toBe(1);
    expect(byId.stdout).toContain('NOT FOUND');
    await stack.settle();
    expect(await emails()).toHaveLength(2);
    expect(textsTo(stack)).toHaveLength(2);
  });

  it('logged nothing that names the family', () => {
    for (const forbidden of ['Krasniqi', 'Arben', '+38349555123']) expect(output.text()).not.toContain(forbidden);
  });
});
