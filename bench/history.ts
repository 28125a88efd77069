/**
 * Section 6 of `npm run bench`: what a sweep and a Monday's digests read when the table holds a
 * long history. 10,000 closed cases of 2025 are seeded directly (each: the case, a completed
 * referral, its audit entry and its fired timer; BatchWriteItem, as a migration would), then 25
 * open cases with 4 referrals each are created through the API and left unanswered: 100
 * referrals whose acknowledgement falls due together. When it does, one sweep fires what is due,
 * and the next Monday's weekly digests list the overdue referrals. Both report the items their queries returned (DynamoDB Local reports
 * no capacity); the table's size is counted beside them.
 *
 * It runs in a process of its own (`tsx bench/history.ts`, spawned by bench/run.ts): a fresh
 * local stack and table, since the handler modules read their configuration once per process.
 * Prints the result as JSON on stdout.
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import { MovableClock } from '../shared/domain/clock.js';
import { bundledDirectory } from '../shared/directory/directory.js';
import { auditItem } from '../shared/store/audit.js';
import { caseItem } from '../shared/store/case.js';
import { referralItem } from '../shared/store/referral.js';
import { timer } from '../shared/timers/plan.js';
import type { SweepReport } from '../shared/timers/sweep.js';

export interface HistoryReads {
  closedCases: number;
  openReferrals: number;
  tableItems: number;
  seedS: number;
  sweep: SweepReport & { ms: number; at: string };
  digests: { queued: number; quiet: number; itemsRead: number; ms: number; at: string };
}

const REFERRALS_PER_CASE: readonly (readonly [string, string])[] = [
  ['civil_registry', 'civil_documents'],
  ['employment_office', 'job_seeker_registration'],
  ['social_work_centre', 'social_support'],
  ['education_directorate', 'school_enrolment'],
];

export async function historyReads(
  stack: LocalStack,
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>,
  opts: { closed: number; openCases: number; log: (s: string) => void },
): Promise<HistoryReads> {
  const obiliq = bundledDirectory().municipality('obiliq')!;
  const coordinatorId = obiliq.coordinators[0]!.id;
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  try {
    const t0 = Date.now();
    opts.log(`history: seeding ${opts.closed} closed cases`);
    await writeAll(db, stack.tableName, Array.from({ length: opts.closed }, (_, i) => closedCase(i, coordinatorId)).flat());
    await stack.settle(600_000);

    opts.log(`history: ${opts.openCases} open cases × ${REFERRALS_PER_CASE.length} referrals through the API`);
    let firstCase = '';
    for (let c = 0; c < opts.openCases; c++) {
      const created = await call('POST', '/cases', {
        smrCaseId: `SMR-BENCH-OPEN-${c}`,
        municipalityId: 'obiliq',
        coordinatorId,
        arrivalDate: '2026-11-20',
        category: 'returnee',
        preferredLanguage: 'sq',
        consent: { sms: false, shareWithOffices: true },
        household: [{ id: 'p1', givenName: 'Bench', familyName: 'Open', birthYear: 1980, role: 'head' }],
      });
      if (created.status !== 201) throw new Error(`POST /cases: ${created.status}`);
      firstCase ||= created.body.caseId;
      for (const [officeKind, need] of REFERRALS_PER_CASE) {
        const r = await call('POST', `/cases/${created.body.caseId}/referrals`, { officeKind, need });
        if (r.status !== 201) throw new Error(`POST referral: ${r.status}`);
      }
    }
    await stack.settle(600_000);
    // The 5-minute schedule has swept until now: what was already due (the home-visit reminders
    // of cases that arrived three days ago) is fired, and the cursor is set.
    await stack.handlers.sweepTimers({ task: 'sweep-timers' });
    await stack.settle(600_000);
    const seedS = (Date.now() - t0) / 1000;
    const tableItems = await countItems(stack);

    // All 100 acknowledgements fall due together (the referrals were made the same morning): the
    // office reminders' time, just passed. One sweep, as the schedule would run it then.
    const upcoming = (await call('GET', `/cases/${firstCase}`)).body.upcoming as { kind: string; dueAt: string }[];
    const due = upcoming.find((u) => u.kind === 'referral.ack.reminder');
    if (!due) throw new Error('no acknowledgement reminder pending');
    const at = new Date(Date.parse(due.dueAt) + 60_000);
    stack.clock.set(at);
    let t = Date.now();
    const sweep = (await stack.handlers.sweepTimers({ task: 'sweep-timers' })) as SweepReport;
    const sweepMs = Date.now() - t;
    await stack.settle(600_000);
    // The next Monday's weekly digests, 07:30 in Kosovo: the week's activity and the 100 overdue referrals.
    const monday = new Date('2026-12-07T06:30:00Z');
    stack.clock.set(monday);
    t = Date.now();
    const digests = (await stack.handlers.sendDigests({ task: 'send-digests' })) as { queued: number; quiet: number; itemsRead: number };
    const digestsMs = Date.now() - t;
    await stack.settle(600_000);
    return {
      closedCases: opts.closed,
      openReferrals: opts.openCases * REFERRALS_PER_CASE.length,
      tableItems,
      seedS,
      sweep: { ...sweep, ms: sweepMs, at: at.toISOString() },
      digests: { ...digests, ms: digestsMs, at: monday.toISOString() },
    };
  } finally {
    db.destroy();
  }
}

/** A closed case of 2025: in no index the sweep or a digest reads. */
function closedCase(i: number, coordinatorId: string): Record<string, unknown>[] {
  const caseId = `BHIST${String(i).padStart(21, '0')}`;
  const c = caseItem({
    caseId, smrCaseId: `SMR-BHIST-${i}`, municipalityId: 'obiliq', coordinatorId,
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
  const past = new Date('2025-07-10T08:00:00Z');
  // Fired: out of the sparse index.
  const { dueBucket: _gone, ...fired } = { ...timer(caseId, 'case.closure', caseId, 1, past, past, c.expiresAt), status: 'fired' as const, firedAt: past.toISOString() };
  return [c, r, a, fired];
}

async function writeAll(db: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let b = next++ * 25; b < items.length; b = next++ * 25) {
      let request: Record<string, unknown[]> = { [table]: items.slice(b, b + 25).map((Item) => ({ PutRequest: { Item } })) };
      for (let attempt = 0; Object.keys(request).length && attempt < 10; attempt++) {
        const out = await db.send(new BatchWriteCommand({ RequestItems: request as never }));
        request = (out.UnprocessedItems ?? {}) as Record<string, unknown[]>;
      }
      if (Object.keys(request).length) throw new Error('BatchWriteItem left items unprocessed after 10 attempts');
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function countItems(stack: LocalStack): Promise<number> {
  const db = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let n = 0;
  let start: Record<string, any> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: stack.tableName, Select: 'COUNT', ExclusiveStartKey: start }));
    n += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  db.destroy();
  return n;
}

/** Run on its own: a fresh stack at Monday 23 November 2026, 10:00 in Kosovo, the schedules stopped. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const closed = Number(process.env.BENCH_HISTORY_CLOSED ?? 10_000);
  const openCases = Number(process.env.BENCH_HISTORY_OPEN_CASES ?? 25);
  const log = (s: string) => process.stderr.write(`[bench history] ${s}\n`);
  const stack = await startLocalStack({ logLevel: process.env.BENCH_LOG_LEVEL ?? 'ERROR', clock: new MovableClock(new Date('2026-11-23T09:00:00Z')) });
  let code = 1;
  try {
    await stack.scheduler.stop();
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${stack.api.endpoint}${path}`, {
        method,
        headers: { authorization: `Bearer ${await stack.pool.token('obiliq-head')}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    process.stdout.write(JSON.stringify(await historyReads(stack, call, { closed, openCases, log })) + '\n');
    code = 0;
  } catch (e) {
    log(`failed: ${(e as Error).stack ?? e}`);
  } finally {
    await stack.stop().catch(() => undefined);
  }
  process.exit(code);
}
