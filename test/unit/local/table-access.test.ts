import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { WIRING } from '../../../events/functions.js';
import { stringLike, tableStatements } from '../../../events/table-access.js';
import { FUNCTIONS, type FunctionKey } from '../../../events/triggers.js';
import { enforceDeclaredTableAccess, refusals, requestsOf, runAs } from '../../../local/table-access.js';
import { addressKey } from '../../../shared/store/address.js';
import { smrClaimKey } from '../../../shared/store/case.js';
import { casePk, meetingPk, municipalityPk } from '../../../shared/store/owner.js';
import { TABLE } from '../../../shared/store/table.js';
import { sweepCursorKey } from '../../../shared/store/timer.js';
import { lists } from '../../../shared/store/worklist.js';
import { dueBucket } from '../../../shared/domain/calendar.js';

/** A document client whose requests never leave the process: each answers `{}` and is counted. */
function client() {
  const sent: string[] = [];
  const base = new DynamoDBClient({
    region: 'eu-central-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        sent.push(request.headers['x-amz-target'] ?? '');
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from('{}')]) } };
      },
    } as never,
  });
  const db = DynamoDBDocumentClient.from(base);
  enforceDeclaredTableAccess(db);
  return { db, sent };
}

const TableName = 'referrals';
const get = (pk: string) => new GetCommand({ TableName, Key: { pk, sk: 'META' } });

// Each refusal is also printed, for whoever reads a failing suite's output; not here.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));
afterEach(() => {
  refusals.length = 0;
  vi.restoreAllMocks();
});

describe('the local stand-in for each function\'s role on the table', () => {
  it('passes a key inside the declaration and refuses one outside as AccessDenied, before anything is sent', async () => {
    const { db, sent } = client();
    await runAs(FUNCTIONS.respond.name, () => db.send(get(casePk('01J0000000000000000000CASE'))));
    expect(sent).toEqual(['DynamoDB_20120810.GetItem']);
    const refused = runAs(FUNCTIONS.respond.name, () => db.send(get(municipalityPk('obiliq'))));
    await expect(refused).rejects.toMatchObject({ name: 'AccessDeniedException', $fault: 'client' });
    await expect(refused).rejects.toThrow(/respond is not authorized to perform dynamodb:GetItem on the table with partition key MUNI#… \(declared: CASE#\*/);
    // Refused without a retry and without reaching DynamoDB.
    expect(sent).toHaveLength(1);
    expect(refusals).toHaveLength(1);
    // The refusal names the kind of key only, never the key.
    expect(refusals[0]).not.toContain('obiliq');
  });

  it('refuses an action the declaration does not name, whatever the key', async () => {
    const { db } = client();
    const put = new PutCommand({ TableName, Item: { pk: meetingPk('m1'), sk: 'META' } });
    await runAs(FUNCTIONS.planMeetings.name, () => db.send(put));
    await expect(runAs(FUNCTIONS.planMeetings.name, () => db.send(get(meetingPk('m1'))))).rejects.toThrow(/dynamodb:GetItem/);
  });

  it('checks every part of a transaction and every key of a batch', async () => {
    const { db, sent } = client();
    const inCase = { Update: { TableName, Key: { pk: casePk('c1'), sk: 'REF#r1' }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': 1 } } };
    const inMunicipality = { Put: { TableName, Item: { pk: municipalityPk('obiliq'), sk: 'AUDIT#x' } } };
    await runAs(FUNCTIONS.reactToAnswers.name, () => db.send(new TransactWriteCommand({ TransactItems: [inCase, inMunicipality] })));
    // respond may move a municipality's counters (UpdateItem) but not put an item there.
    await runAs(FUNCTIONS.respond.name, () => db.send(new TransactWriteCommand({ TransactItems: [inCase, { Update: { ...inCase.Update, Key: { pk: municipalityPk('obiliq'), sk: 'IND#2026-Q4' } } }] })));
    await expect(runAs(FUNCTIONS.respond.name, () => db.send(new TransactWriteCommand({ TransactItems: [inCase, inMunicipality] })))).rejects.toThrow(
      /respond is not authorized to perform dynamodb:PutItem on the table with partition key MUNI#…/,
    );
    expect(sent).toEqual(['DynamoDB_20120810.TransactWriteItems', 'DynamoDB_20120810.TransactWriteItems']);
  });

  it('reads a Query\'s partition from its key condition, on the table or on the index it names', async () => {
    const { db } = client();
    const query = (IndexName: string | undefined, attribute: string, value: string) =>
      new QueryCommand({
        TableName,
        ...(IndexName ? { IndexName } : {}),
        KeyConditionExpression: '#k = :k AND begins_with(sk, :s)',
        ExpressionAttributeNames: { '#k': attribute },
        ExpressionAttributeValues: { ':k': value, ':s': 'X' },
      });
    const worklist = (value: string) => query(TABLE.worklistIndex.name, TABLE.worklistIndex.partitionKey, value);
    const digests = FUNCTIONS.sendDigests.name;
    await runAs(digests, () => db.send(worklist(lists.feed('obiliq', '2026-11-23'))));
    // An operator's list it does not read, and the table's partitions are not the index's.
    await expect(runAs(digests, () => db.send(worklist(lists.quarantined())))).rejects.toThrow(/dynamodb:Query on index worklist with partition key QUARANTINED/);
    await expect(runAs(FUNCTIONS.respond.name, () => db.send(worklist(lists.feed('obiliq', '2026-11-23'))))).rejects.toThrow(/declared: nothing/);
    // The timers index is keyed by hour buckets.
    const sweep = FUNCTIONS.sweepTimers.name;
    await runAs(sweep, () => db.send(query(TABLE.timersIndex.name, TABLE.timersIndex.partitionKey, dueBucket(new Date('2026-11-23T14:05:00Z')))));
    await expect(runAs(sweep, () => db.send(query(TABLE.timersIndex.name, TABLE.timersIndex.partitionKey, 'CASE#c1')))).rejects.toThrow(/AccessDenied|not authorized/);
    // A key condition whose partition cannot be read is refused, not waved through.
    const unreadable = new QueryCommand({ TableName, KeyConditionExpression: 'sk = :s', ExpressionAttributeValues: { ':s': 'X' } });
    await expect(runAs(sweep, () => db.send(unreadable))).rejects.toThrow(/no readable partition key/);
  });

  it('lets through what no function sends: the runtime itself and tests seeding the table', async () => {
    const { db, sent } = client();
    await db.send(get(municipalityPk('obiliq')));
    expect(sent).toHaveLength(1);
  });

  it('refuses a function name nobody declared', async () => {
    const { db } = client();
    await expect(runAs('nobody', () => db.send(get(casePk('c1'))))).rejects.toThrow(/nobody is not a declared function/);
  });
});

describe('what IAM authorises per command', () => {
  it('a batch as one action over all its keys, a TransactGet part by part', () => {
    const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'META' } });
    expect(requestsOf('BatchGetItemCommand', { RequestItems: { t: { Keys: [key('CASE#a'), key('MUNI#b')] } } })).toEqual([{ action: 'BatchGetItem', leadingKeys: ['CASE#a', 'MUNI#b'] }]);
    expect(requestsOf('BatchWriteItemCommand', { RequestItems: { t: [{ PutRequest: { Item: key('CASE#a') } }, { DeleteRequest: { Key: key('ADDR#c') } }] } })).toEqual([
      { action: 'BatchWriteItem', leadingKeys: ['CASE#a', 'ADDR#c'] },
    ]);
    expect(requestsOf('TransactGetItemsCommand', { TransactItems: [{ Get: { Key: key('CASE#a') } }, { Get: { Key: key('MEET#b') } }] })).toEqual([
      { action: 'GetItem', leadingKeys: ['CASE#a'] },
      { action: 'GetItem', leadingKeys: ['MEET#b'] },
    ]);
    expect(requestsOf('ScanCommand', {})).toEqual([{ action: 'Scan', leadingKeys: [] }]);
  });

  it('batches and TransactGet are refused where their actions or keys are not declared', async () => {
    const { db } = client();
    const batchGet = new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [{ pk: casePk('a'), sk: 'META' }] } } });
    const batchWrite = new BatchWriteCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: { pk: casePk('a'), sk: 'META' } } }] } });
    const transactGet = new TransactGetCommand({ TransactItems: [{ Get: { TableName, Key: { pk: casePk('a'), sk: 'META' } } }, { Get: { TableName, Key: { pk: municipalityPk('m'), sk: 'X' } } }] });
    for (const command of [batchGet, batchWrite, transactGet]) await expect(runAs(FUNCTIONS.respond.name, () => db.send(command as never))).rejects.toThrow(/not authorized/);
  });

  it('StringLike as IAM reads it: * any run, ? one character, the whole value', () => {
    expect(stringLike('CASE#*', 'CASE#01J')).toBe(true);
    expect(stringLike('CASE#*', 'XCASE#01J')).toBe(false);
    expect(stringLike('????-??-??T??', '2026-11-23T14')).toBe(true);
    expect(stringLike('????-??-??T??', '2026-11-23T1')).toBe(false);
    expect(stringLike('A.B', 'AxB')).toBe(false);
  });
});

describe('the declarations', () => {
  const KEYS = Object.keys(FUNCTIONS) as FunctionKey[];

  it('name each partition as the entities build its keys', () => {
    const partitions = { 'CASE#*': casePk('c1'), 'MEET#*': meetingPk('m1'), 'MUNI#*': municipalityPk('obiliq'), 'ADDR#*': addressKey('a'.repeat(64)).pk, 'SMR#*': smrClaimKey('OB-1').pk, SWEEP: sweepCursorKey().pk };
    for (const key of KEYS) {
      for (const pattern of WIRING[key].table.keys) expect(Object.keys(partitions), `${key}: ${pattern}`).toContain(pattern);
    }
    for (const [pattern, pk] of Object.entries(partitions)) expect(stringLike(pattern, pk), pattern).toBe(true);
  });

  it('give every function keys for every statement, and the internet-facing respond cases and only the counters\' UpdateItem beyond', () => {
    for (const key of KEYS) for (const s of tableStatements(key)) expect(s.leadingKeys.length, key).toBeGreaterThan(0);
    expect(tableStatements('respond')).toEqual([
      { actions: ['GetItem', 'Query', 'UpdateItem', 'PutItem'], leadingKeys: ['CASE#*'] },
      { actions: ['UpdateItem'], leadingKeys: ['MUNI#*'] },
    ]);
  });
});
