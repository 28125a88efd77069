import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { caseItem, type CaseItem } from '../../shared/store/case.js';
import { timer } from '../../shared/timers/plan.js';
import type { SweepReport } from '../../shared/timers/sweep.js';
import { stackForFile, writeAll as writeAllItems } from './support.js';

/**
 * The sweep reads only what is due. With 10,000 closed cases (each with its fired timers) and
 * 100 due timers in the table, one sweep reads about 100 items through the sparse index: the
 * history is never scanned. DynamoDB Local reports no consumed capacity, so the timer store
 * counts the items its index queries return.
 */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
const coordinatorId = bundledDirectory().municipality('obiliq')!.coordinators[0]!.id;

stackForFile(async (s) => {
  stack = s;
  await stack.scheduler.stop(); // this test runs the sweep itself
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(() => db?.destroy());

function seededCase(i: number, status: 'open' | 'closed'): CaseItem {
  const caseId = `SEED${String(i).padStart(22, '0')}`;
  return caseItem({
    caseId, smrCaseId: `SMR-SEED-${i}`, municipalityId: 'obiliq', coordinatorId,
    arrivalDate: '2025-01-10', category: 'returnee', language: 'sq', consent: { sms: false, shareWithOffices: false },
    household: [{ id: 'p1', givenName: 'Seed', familyName: 'Case', birthYear: 1980, role: 'head' }],
    status, createdAt: '2025-01-10T09:00:00.000Z', expiresAt: 2_000_000_000,
  });
}

const writeAll = (items: Record<string, unknown>[]) => writeAllItems(stack, db, items);

/** Seeding and streaming thousands of items takes a while on 2 shared cores; this bounds a hang, it asserts no speed. */
const VOLUME_TIMEOUT_MS = 240_000;

it('reads about 100 items to fire 100 due timers among 10,000 closed cases', async () => {
  const now = stack.clock.now();
  const past = new Date('2025-06-01T08:00:00Z');
  const history: Record<string, unknown>[] = [];
  for (let i = 0; i < 10_000; i++) {
    const c = seededCase(i, 'closed');
    // A closed case's timers have fired or been cancelled: they are out of the index.
    const { dueBucket: _gone, ...fired } = { ...timer(c.caseId, 'case.closure', c.caseId, 1, past, past, c.expiresAt), status: 'fired' as const, firedAt: past.toISOString() };
    history.push(c, fired);
  }
  const due: Record<string, unknown>[] = [];
  for (let i = 10_000; i < 10_100; i++) {
    const c = seededCase(i, 'open');
    due.push(c, timer(c.caseId, 'case.monitoring', c.caseId, 3, new Date(now.getTime() - 60_000), new Date(now.getTime() - 120_000), c.expiresAt));
  }
  await writeAll([...history, ...due]);

  const report = (await stack.handlers.sweepTimers({ task: 'sweep-timers' })) as SweepReport;
  expect(report.fired).toBe(100);
  expect(report.itemsRead).toBeGreaterThanOrEqual(100);
  expect(report.itemsRead).toBeLessThanOrEqual(110);

  // A second sweep finds nothing left to do, and reads (almost) nothing.
  const again = (await stack.handlers.sweepTimers({ task: 'sweep-timers' })) as SweepReport;
  expect(again.fired).toBe(0);
  expect(again.itemsRead).toBeLessThanOrEqual(10);
}, VOLUME_TIMEOUT_MS);
