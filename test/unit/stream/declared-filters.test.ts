import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../events/triggers.js';
import { createObservability } from '../../../shared/observability/metrics.js';
import { ClosedCase } from '../../../shared/cases/retention.js';
import { IntentItem } from '../../../shared/store/intent.js';
import { MeetingItem } from '../../../shared/store/meeting.js';
import { ReferralItem } from '../../../shared/store/referral.js';
import { passesFilters } from '../../../shared/stream/filter-pattern.js';

/**
 * Each stream function's own handler (its createHandler, as Lambda runs it) acts on exactly the
 * records its declared filters pass, and on nothing else: a record the event source mapping would
 * never deliver (redriven, hand-built) is ignored, not handled. "Acted on" is observed, not
 * assumed: the use case's dependencies are stand-ins that record being reached.
 */

const NOW = '2026-11-23T09:00:00.000Z';
const EXPIRES = 1_900_000_000;

const referral = (status: string) =>
  ReferralItem.parse({
    pk: 'CASE#01JCASE0000000000000000000',
    sk: 'REF#01JREF00000000000000000000',
    type: 'Referral',
    caseId: '01JCASE0000000000000000000',
    referralId: '01JREF00000000000000000000',
    municipalityId: 'obiliq',
    officeKind: 'civil_registry',
    officeId: 'obiliq-civil-registry',
    need: 'civil_documents',
    personIds: ['p1'],
    categories: [],
    status,
    ackDueDate: '2026-11-25',
    createdAt: NOW,
    expiresAt: EXPIRES,
  });

const intent = (status: string) =>
  IntentItem.parse({
    pk: 'CASE#01JCASE0000000000000000000',
    sk: 'NOTE#01JINTENT000000000000000',
    type: 'Intent',
    intentId: '01JINTENT000000000000000',
    caseId: '01JCASE0000000000000000000',
    purpose: 'referral.office',
    channel: 'email',
    template: IntentItem.shape.template.options[0],
    languages: ['sq'],
    recipient: 'office@example.org',
    data: {},
    status,
    attempts: 0,
    createdAt: NOW,
    expiresAt: EXPIRES,
  });

const meeting = (status: string, sequence: number) =>
  MeetingItem.parse({
    pk: 'MEET#01JMEET0000000000000000000',
    sk: 'META',
    type: 'Meeting',
    meetingId: '01JMEET0000000000000000000',
    municipalityId: 'obiliq',
    kind: 'ad_hoc',
    start: '2026-11-30T09:00:00.000Z',
    end: '2026-11-30T10:00:00.000Z',
    location: { sq: 'Salla', sr: 'Sala', en: 'Hall' },
    convenerId: 'obiliq-coordinator',
    invitees: ['obiliq-civil-registry'],
    uid: 'meeting@example.org',
    sequence,
    status,
    createdAt: NOW,
    updatedAt: NOW,
  });

const kase = (status: string) => ({
  ...ClosedCase.parse({ pk: 'CASE#01JCASE0000000000000000000', caseId: '01JCASE0000000000000000000', smrCaseId: 'SMR-2026-1', status: 'closed', closedAt: NOW }),
  type: 'Case',
  status,
});

let seq = 0;
function record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', image?: Record<string, unknown>, old?: Record<string, unknown>): DynamoDBRecord {
  const sequenceNumber = String(++seq).padStart(21, '0');
  const item = image ?? old!;
  return {
    eventID: `e${seq}`,
    eventName,
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-central-1',
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk ?? 'META' }) as never,
      ...(image ? { NewImage: marshall(image, { removeUndefinedValues: true }) as never } : {}),
      ...(old ? { OldImage: marshall(old, { removeUndefinedValues: true }) as never } : {}),
      SequenceNumber: sequenceNumber,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

type Handler = ((event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>) & { accepts: (r: DynamoDBRecord) => boolean };

/** Dependencies whose every member, once reached, is recorded and fails the record. */
function standIns(service: string) {
  const reached: string[] = [];
  const { logger, metrics } = createObservability(service);
  const deps = new Proxy({ logger, metrics } as Record<string, unknown>, {
    get(target, key) {
      if (typeof key !== 'string' || key in target) return target[key as string];
      reached.push(key);
      throw new Error(`the use case reached deps.${key}`);
    },
  });
  return { deps, reached };
}

const context = { functionName: 'test', awsRequestId: 'r', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** What the function's handler did with one record: ignored it, or reached its use case. */
async function outcome(create: (deps: never) => Handler, service: string, r: DynamoDBRecord) {
  const { deps, reached } = standIns(service);
  const handler = create(deps as never);
  const response = await handler({ Records: [r] }, context);
  return { accepts: handler.accepts(r), failed: response.batchItemFailures.length, reached: reached.length > 0 };
}

const ENV: Record<string, string> = {
  TABLE_NAME: 'referrals-unit',
  PERSONAL_DATA_RETENTION_DAYS: '730',
  PUBLIC_BASE_URL: 'http://localhost:3000',
  SES_FROM_ADDRESS: 'Referrals <referrals@platform.example.org>',
  SES_CONFIGURATION_SET: 'local',
  SEND_LEASE_SECONDS: '60',
  DELIVERY_MAX_ATTEMPTS: '8',
  DELIVERY_RETRY_BASE_SECONDS: '120',
  DELIVERY_RETRY_CAP_SECONDS: '3600',
  DELIVERY_RETRY_MAX_AGE_HOURS: '24',
  DELIVERY_MODE: 'live',
  AWS_REGION: 'eu-central-1',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};
const saved: Record<string, string | undefined> = {};
let keyDir: string;
const handlers = {} as Record<'route' | 'deliver' | 'react' | 'notify' | 'expire', (deps: never) => Handler>;

beforeAll(async () => {
  // The handler modules read their configuration at import, as on a cold start; nothing here is called.
  keyDir = mkdtempSync(join(tmpdir(), 'filters-'));
  for (const [k, v] of Object.entries({ ...ENV, LINK_SIGNING_KEY_FILE: join(keyDir, 'key') })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  handlers.route = (await import('../../../functions/route-referrals/handler.js')).createHandler as never;
  handlers.deliver = (await import('../../../functions/deliver-notifications/handler.js')).createHandler as never;
  handlers.react = (await import('../../../functions/react-to-answers/handler.js')).createHandler as never;
  handlers.notify = (await import('../../../functions/notify-meetings/handler.js')).createHandler as never;
  handlers.expire = (await import('../../../functions/expire-closed-cases/handler.js')).createHandler as never;
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(keyDir, { recursive: true, force: true });
});

const cases: {
  fn: keyof typeof handlers;
  decl: (typeof FUNCTIONS)[keyof typeof FUNCTIONS] & { trigger: { kind: 'dynamodb-stream' } };
  passes: [string, () => DynamoDBRecord][];
  excluded: [string, () => DynamoDBRecord][];
}[] = [
  {
    fn: 'route',
    decl: FUNCTIONS.routeReferrals,
    passes: [
      ['a new referral ready to go', () => record('INSERT', referral('created'))],
      ['a referral released (waiting → created)', () => record('MODIFY', referral('created'), referral('waiting'))],
    ],
    excluded: [
      ['a new referral that waits for another', () => record('INSERT', referral('waiting'))],
      ['a referral sent (created → sent)', () => record('MODIFY', referral('sent'), referral('created'))],
      ['a new intent', () => record('INSERT', intent('queued'))],
    ],
  },
  {
    fn: 'deliver',
    decl: FUNCTIONS.deliverNotifications,
    passes: [
      ['a new queued intent', () => record('INSERT', intent('queued'))],
      ['a deferred SMS released (deferred → queued)', () => record('MODIFY', intent('queued'), intent('deferred'))],
    ],
    excluded: [
      // Before the handler's predicate came from the declaration, it acted on any INSERT.
      ['a new referral (not an intent)', () => record('INSERT', referral('created'))],
      ['a new intent that is skipped', () => record('INSERT', intent('skipped'))],
      ['an intent being sent (queued → sending)', () => record('MODIFY', intent('sending'), intent('queued'))],
    ],
  },
  {
    fn: 'react',
    decl: FUNCTIONS.reactToAnswers,
    passes: [
      ['an office accepting (sent → accepted)', () => record('MODIFY', referral('accepted'), referral('sent'))],
      ['an outcome (accepted → completed)', () => record('MODIFY', referral('completed'), referral('accepted'))],
    ],
    excluded: [
      ['a write that leaves an answer as it was (accepted → accepted)', () => record('MODIFY', referral('accepted'), referral('accepted'))],
      ['a new referral', () => record('INSERT', referral('created'))],
      ['a declined referral accepted after all (declined → accepted)', () => record('MODIFY', referral('accepted'), referral('declined'))],
    ],
  },
  {
    fn: 'notify',
    decl: FUNCTIONS.notifyMeetings,
    passes: [
      ['a new meeting', () => record('INSERT', meeting('scheduled', 0))],
      ['a meeting moved (a new version)', () => record('MODIFY', meeting('scheduled', 1), meeting('scheduled', 0))],
      ['a meeting cancelled', () => record('MODIFY', meeting('cancelled', 1), meeting('scheduled', 0))],
    ],
    excluded: [
      ['minutes recorded (scheduled → held)', () => record('MODIFY', meeting('held', 0), meeting('scheduled', 0))],
      ['a new intent', () => record('INSERT', intent('queued'))],
      ['a meeting removed by TTL', () => record('REMOVE', undefined, meeting('scheduled', 0))],
    ],
  },
  {
    fn: 'expire',
    decl: FUNCTIONS.expireClosedCases,
    passes: [['a case closed (open → closed)', () => record('MODIFY', kase('closed'), kase('open'))]],
    excluded: [
      ["the function's own expiry write (closed → closed)", () => record('MODIFY', kase('closed'), kase('closed'))],
      ['a closed case inserted', () => record('INSERT', kase('closed'))],
    ],
  },
];

describe.each(cases)('$decl.name acts on what its declared filters pass, and only that', ({ fn, decl, passes, excluded }) => {
  it.each(passes)('acts on %s', async (_, make) => {
    const r = make();
    expect(passesFilters(r, decl.trigger.filters)).toBe(true);
    const o = await outcome(handlers[fn], decl.name, r);
    expect(o).toEqual({ accepts: true, failed: 1, reached: true });
  });

  it.each(excluded)('ignores %s', async (_, make) => {
    const r = make();
    expect(passesFilters(r, decl.trigger.filters)).toBe(false);
    const o = await outcome(handlers[fn], decl.name, r);
    expect(o).toEqual({ accepts: false, failed: 0, reached: false });
  });
});

it("notify-meetings also needs a new version, which the pattern language cannot compare", async () => {
  // Passes the filters (scheduled → scheduled) but is the same version: no notices again.
  const r = record('MODIFY', meeting('scheduled', 1), meeting('scheduled', 1));
  expect(passesFilters(r, FUNCTIONS.notifyMeetings.trigger.filters)).toBe(true);
  expect(await outcome(handlers.notify, 'notify-meetings', r)).toEqual({ accepts: false, failed: 0, reached: false });
});
