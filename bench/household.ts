/**
 * The household's SMS per morning (`npm run bench`, section `household`; the goal "SMS per
 * household per morning (4 referrals)"): a family registered at 22:00 with four referrals (civil
 * documents, job-seeker registration, social support, school enrolment) through the API, so its
 * welcome and four referral SMS wait for 08:00; the local schedule's sweep releases them, the
 * deliver function sends what it sends, and the SMS sink counts what reached the family's phone by
 * 09:00, with their segments. The municipality's SMS policy is the bundled directory's (Obiliq:
 * the default, the returnee page on).
 *
 * It runs in a process of its own (`tsx bench/household.ts`, spawned by bench/run.ts): a fresh
 * local stack, since the handler modules read their configuration once per process. Prints the
 * result as JSON on stdout.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import { dynamoRepositories } from '../shared/store/dynamodb-repositories.js';
import { bundledDirectory } from '../shared/directory/directory.js';
import { localDate, localTime } from '../shared/domain/calendar.js';
import { MovableClock } from '../shared/domain/clock.js';
import { smsStats } from '../shared/messages/index.js';

export interface HouseholdBench {
  referrals: number;
  /** SMS intents the night left waiting for 08:00 (the referrals' and the welcome). */
  smsDue: number;
  /** SMS that reached the family's phone between the night and 09:00. */
  smsPerMorning: number;
  /** Segments of each, as the carrier bills them. */
  segments: number[];
  at: string;
}

/** The plans' family's four referrals, in the order a coordinator makes them (the tests of the household SMS use them too). */
export const HOUSEHOLD_REFERRALS = [
  { officeKind: 'civil_registry', need: 'civil_documents' },
  { officeKind: 'employment_office', need: 'job_seeker_registration' },
  { officeKind: 'social_work_centre', need: 'social_support' },
  { officeKind: 'education_directorate', need: 'school_enrolment' },
] as const;

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

export async function householdMorning(stack: LocalStack, call: Call): Promise<HouseholdBench> {
  const obiliq = bundledDirectory().municipality('obiliq')!;
  const today = localDate(stack.clock.now());
  await stack.advanceTo(localTime(today, 22));
  const phone = '+38349558001';
  const created = await call('POST', '/cases', {
    smrCaseId: 'SMR-BENCH-HOUSEHOLD',
    municipalityId: 'obiliq',
    coordinatorId: obiliq.coordinators[0]!.id,
    arrivalDate: today,
    category: 'returnee',
    preferredLanguage: 'sq',
    phone: '049 558 001',
    consent: { sms: true, shareWithOffices: true },
    household: [
      { id: 'p1', givenName: 'Bench', familyName: 'Household', birthYear: 1980, role: 'head' },
      { id: 'p2', givenName: 'Bench', familyName: 'Child', birthYear: 2014, role: 'child' },
    ],
  });
  if (created.status !== 201) throw new Error(`POST /cases: ${created.status} ${JSON.stringify(created.body)}`);
  const caseId = created.body.caseId as string;
  for (const r of HOUSEHOLD_REFERRALS) {
    const out = await call('POST', `/cases/${caseId}/referrals`, r);
    if (out.status !== 201) throw new Error(`POST referral: ${out.status} ${JSON.stringify(out.body)}`);
  }
  await stack.settle();
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const intents = async () => (await dynamoRepositories(db, stack.tableName).cases.view(caseId))!.intents.filter((i) => i.channel === 'sms');
  const smsDue = (await intents()).filter((i) => i.status === 'deferred').length;
  const before = stack.sms.messages().filter((m) => m.phoneNumber === phone).length;
  const tomorrow = localDate(new Date(localTime(today, 12).getTime() + 86_400_000));
  await stack.advanceTo(localTime(tomorrow, 9));
  const texts = stack.sms.messages().filter((m) => m.phoneNumber === phone).slice(before);
  const sent = (await intents()).filter((i) => i.status === 'sent').length;
  db.destroy();
  if (sent !== smsDue) throw new Error(`${smsDue} SMS were due, ${sent} sent`);
  return {
    referrals: HOUSEHOLD_REFERRALS.length,
    smsDue,
    smsPerMorning: texts.length,
    segments: texts.map((t) => smsStats(t.message).segments),
    at: new Date().toISOString(),
  };
}

/** Run on its own: a fresh stack at Monday 23 November 2026, 10:00 in Kosovo, its schedule running on the movable clock. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const log = (s: string) => process.stderr.write(`[bench household] ${s}\n`);
  const stack = await startLocalStack({ logLevel: process.env.BENCH_LOG_LEVEL ?? 'ERROR', clock: new MovableClock(new Date('2026-11-23T09:00:00Z')) });
  let code = 1;
  try {
    const call: Call = async (method, path, body) => {
      const res = await fetch(`${stack.api.endpoint}${path}`, {
        method,
        headers: { authorization: `Bearer ${await stack.pool.token('obiliq-coordinator')}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const result = await householdMorning(stack, call);
    log(`${result.smsPerMorning} SMS at 08:00 for ${result.referrals} referrals (segments ${result.segments.join(', ')})`);
    process.stdout.write(JSON.stringify(result) + '\n');
    code = 0;
  } catch (e) {
    log(`failed: ${(e as Error).stack ?? e}`);
  } finally {
    await stack.stop().catch(() => undefined);
  }
  process.exit(code);
}
