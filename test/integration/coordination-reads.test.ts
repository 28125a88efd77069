import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { auditItem } from '../../shared/store/audit.js';
import { caseItem, caseKey } from '../../shared/store/case.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { referralItem } from '../../shared/store/referral.js';
import { attachmentsOf, call, inbox, obiliqFamily, stackForFile, writeAll as writeAllItems } from './support.js';

/**
 * Digests and reports read indexes and counters, never the history. With 5,000 closed cases
 * (each with a completed referral and its day of activity long ago) in the table, a Monday's
 * digests read only the last week's activity and what is pending, and the quarterly report one
 * counters item per municipality. The counts also outlive the personal data they came from.
 */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinatorId = obiliq.coordinators[0]!.id;
const SEEDED = 5_000;

stackForFile(async (s) => {
  stack = s;
  await stack.scheduler.stop(); // this test runs the schedules itself
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(() => db?.destroy());

const writeAll = (items: Record<string, unknown>[]) => writeAllItems(stack, db, items);

/** A closed case of 2025 with its completed referral and the audit of its day: in no current list. */
function history(i: number): Record<string, unknown>[] {
  const caseId = `HIST${String(i).padStart(22, '0')}`;
  const c = caseItem({
    caseId, smrCaseId: `SMR-HIST-${i}`, municipalityId: 'obiliq', coordinatorId,
    arrivalDate: '2025-01-10', category: 'returnee', language: 'sq', consent: { sms: false, shareWithOffices: false },
    household: [{ id: 'p1', givenName: 'Seed', familyName: 'Case', birthYear: 1980, role: 'head' }],
    status: 'closed', closedAt: '2025-07-10T09:00:00.000Z', createdAt: '2025-01-10T09:00:00.000Z', expiresAt: 2_000_000_000,
  });
  const r = referralItem({
    caseId, referralId: `R${i}`, municipalityId: 'obiliq', smrCaseId: c.smrCaseId,
    officeKind: 'civil_registry', officeId: 'obiliq-civil-registry', need: 'civil_documents', personIds: ['p1'], categories: [],
    status: 'completed', ackDueDate: '2025-01-17', createdAt: '2025-01-10T09:00:00.000Z', expiresAt: 2_000_000_000,
  });
  const a = auditItem({ caseId, municipalityId: 'obiliq' }, r.referralId, '2025-02-03T10:00:00.000Z', { event: 'referral.completed', by: 'office:obiliq-civil-registry', via: 'link:outcome', detail: { officeKind: 'civil_registry' } });
  return [c, r, a];
}

/** Seeding and streaming thousands of items takes a while on 2 shared cores; this bounds a hang, it asserts no speed. */
const VOLUME_TIMEOUT_MS = 240_000;

it('a Monday of digests reads the week, not 5,000 closed cases; the report reads one item per municipality', async () => {
  await writeAll(Array.from({ length: SEEDED }, (_, i) => history(i)).flat());

  // This week's activity: one new case with a referral.
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-2026-READS-1'), coordinatorId });
  expect(created.status).toBe(201);
  expect((await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
  await stack.settle();

  stack.clock.set(new Date('2026-11-30T06:30:00Z')); // Monday 07:30 in Kosovo
  const digests = (await stack.handlers.sendDigests({ task: 'send-digests' })) as { queued: number; itemsRead: number };
  // Nothing happened on Sunday, so no daily digest; the weeklies: Obiliq's two coordinators and Partesh's one.
  expect(digests.queued).toBe(3);
  // Feed days read (1 + 7 per municipality) hold the week's few events; the worklists hold one open referral.
  expect(digests.itemsRead).toBeLessThan(40);
  await stack.settle();

  // Tuesday 07:30: nothing changed on Monday (digests are not changes), though the week's referral
  // is now overdue. The daily digests are found quiet from Monday's feed alone: no worklist is read.
  stack.clock.set(new Date('2026-12-01T06:30:00Z'));
  const { worklists } = dynamoRepositories(db, stack.tableName);
  let mondayFeeds = 0;
  for (const m of bundledDirectory().municipalities()) mondayFeeds += (await worklists.feed(m.id, '2026-11-30')).length;
  expect((await worklists.awaitingAck('obiliq', { through: '2026-11-30' })).length).toBeGreaterThan(0);
  const tuesday = (await stack.handlers.sendDigests({ task: 'send-digests' })) as { queued: number; quiet: number; itemsRead: number };
  expect(tuesday.queued).toBe(0);
  expect(tuesday.quiet).toBe(2); // one coordinator in each municipality takes the daily digest
  expect(tuesday.itemsRead).toBeLessThanOrEqual(mondayFeeds);

  // The personal data expires (TTL): the case partition goes, audit aside.
  const partition = await db.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': caseKey(created.body.caseId).pk } }));
  for (const item of partition.Items ?? []) {
    if (item.expiresAt !== undefined) await db.send(new DeleteCommand({ TableName: stack.tableName, Key: { pk: item.pk, sk: item.sk } }));
  }

  // Tuesday 5 January 2027, 07:00: Q1's first working day (1 January, and 2 January observed on Monday the 4th).
  stack.clock.set(new Date('2027-01-05T06:00:00Z'));
  const before = (await inbox(stack)).length;
  const report = (await stack.handlers.reportIndicators({ task: 'report-indicators' })) as { quarter: string; queued: number; itemsRead: number };
  expect(report.quarter).toBe('2026-Q4');
  expect(report.itemsRead).toBeLessThanOrEqual(2);
  // Obiliq: 2 coordinators + DRPR, the Mayor's office, MAPL and DRPRIH; Partesh: 1 + 4.
  expect(report.queued).toBe(11);
  await stack.settle();
  const emails = (await inbox(stack)).slice(before);
  expect(emails).toHaveLength(11);

  const drpr = obiliq.contacts.find((c) => c.role === 'drpr')!;
  const toDrpr = emails.find((e) => e.destination.to.includes(drpr.email))!;
  const attachment = attachmentsOf(toDrpr).find((a) => a.filename === 'indicators-obiliq-2026-Q4.csv');
  expect(attachment, 'the CSV is attached').toBeDefined();
  expect(attachment!.contentType).toMatch(/^text\/csv/);
  const csv = attachment!.text;
  expect(csv).toMatch(/obiliq,2026,4,2026-10-01,2026-12-31,cases_opened,1,1,0,,,\r\n/);
  expect(csv).toMatch(/,persons_referred_civil_registry,4,4,0,,,\r\n/);

  // Running again the same day sends nothing twice.
  const again = (await stack.handlers.reportIndicators({ task: 'report-indicators' })) as { queued: number };
  expect(again.queued).toBe(0);
  // A day that is not in the first week of a quarter reports nothing.
  stack.clock.set(new Date('2027-01-20T06:00:00Z'));
  expect(((await stack.handlers.reportIndicators({ task: 'report-indicators' })) as { queued: number }).queued).toBe(0);
}, VOLUME_TIMEOUT_MS);
