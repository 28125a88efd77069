import { describe, expect, it } from 'vitest';
import { ASSUMED, cost, traced } from '../../../bench/cost.js';
import { estimateUnits, type ItemSizes } from '../../../bench/counting.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { routeReferral } from '../../../shared/referrals/route-referral.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { dynamoRepositories } from '../../../shared/store/dynamodb-repositories.js';
import { arrival, COORDINATOR, MONDAY, routeDeps, valueOf, world } from '../support/world.js';
import type { LogVolume } from '../../../bench/logs.js';
import type { PhaseResult } from '../../../bench/platform.js';
import { PRICES } from '../../../bench/prices.js';

const counts = (emails = 0, segments = 0): PhaseResult['counts'] => ({ dynamo: {}, sesEmails: emails, smsMessages: segments ? 1 : 0, smsSegments: segments, logs: {} });
const fn = (invocations: number, totalMs = 100) => ({ invocations, records: invocations, totalMs });

/** One referral (k = 1): written and sent by api and route-referrals, then answered once through respond. */
const phases: PhaseResult[] = [
  { phase: 'case created (per case, not per referral)', counts: counts(), functions: { api: fn(1) } },
  { phase: '1 referral written → routed → email + SMS sent', counts: counts(1, 1), functions: { api: fn(1), 'route-referrals': fn(1) } },
  { phase: '2 accepted', counts: counts(1), functions: { respond: fn(1), 'react-to-answers': fn(1), 'deliver-notifications': fn(1) } },
];

const logs: LogVolume = {
  level: 'INFO', k: 1, phases: [],
  perReferral: { lines: 4, bytes: 4000, invocations: 5, byFunction: { respond: { lines: 1, bytes: 500 }, 'route-referrals': { lines: 3, bytes: 3500 } } },
};

const row = (c: ReturnType<typeof cost>, item: string) => c.rows.find((r) => r.item.startsWith(item))!;

describe('cost per 1,000 referrals', () => {
  it('counts the API requests the bench made and the pages it does not open', () => {
    const on = cost({ phases, k: 1, logs, returneePage: true });
    // the write and the answer, the office's view of the answer's page, the returnee's view of theirs
    expect(row(on, 'API Gateway').perReferral).toBe(4);
    expect(row(cost({ phases, k: 1, logs, returneePage: false }), 'API Gateway').perReferral).toBe(3);
    expect(row(on, 'API Gateway').usdPer1000).toBeCloseTo((4 * 1000 * PRICES.apiGateway.perMillionHttpRequests) / 1e6, 10);
    // a page view runs respond as long as an answer
    expect(on.functions['respond (page views, assumed)']).toMatchObject({ inv: 2, ms: 200 });
  });

  it('takes KMS as one request per function per phase of the referral, not per DynamoDB call', () => {
    // two phases' functions, and email-events for each of the two emails' delivery
    expect(row(cost({ phases, k: 1, logs, returneePage: false }), 'KMS').perReferral).toBe(2 + 3 + 2);
    expect(row(cost({ phases, k: 1, logs, returneePage: true }), 'KMS').perReferral).toBe(2 + 3 + 1 + 2);
  });

  it('counts the email-events run that each email\'s Delivery event causes on AWS, which the bench\'s emulator does not publish', () => {
    const c = cost({ phases, k: 1, logs, returneePage: false });
    expect(c.functions['email-events (delivery events, assumed)']).toMatchObject({ inv: 2, ms: 2 * ASSUMED.sesDeliveryEvent.ms });
    expect(row(c, 'DynamoDB write request units').perReferral).toBe(2 * ASSUMED.sesDeliveryEvent.wru);
    expect(row(c, 'DynamoDB read request units').perReferral).toBe(2 * ASSUMED.sesDeliveryEvent.rru);
    expect(row(c, 'Lambda requests').perReferral).toBe(1 + 1 + 3 + 1 + 2);
    expect(c.functions['email-events (delivery events, assumed)']).toBeDefined();
    expect(traced('email-events (delivery events, assumed)')).toBe(false);
  });

  it("takes a Delivery event's write units from what email-events writes for an office's referral email", async () => {
    const w = world();
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR));
    const r = valueOf(await createReferral(c.caseId, { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
    await routeReferral(r, routeDeps(w));
    const queued = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.purpose === 'referral.office')!;
    const at = MONDAY.toISOString();
    // As the one hop leaves it once SES took it, the body kept for a re-send after a transient bounce.
    const sent: IntentItem = { ...queued, status: 'sent', attempts: 1, firstAttemptAt: at, sentAt: at, providerMessageId: '0107019a6b2c3d4e-5f6a7b8c-1d2e-3f4a-5b6c-7d8e9f0a1b2c-000000' };
    const sends: { constructor: { name: string }; input: Record<string, unknown> }[] = [];
    const db = { send: async (command: (typeof sends)[number]) => (sends.push(command), {}) } as unknown as Parameters<typeof dynamoRepositories>[0];
    expect(await dynamoRepositories(db, 'table').intents.dropBodyOnDelivery(sent, sent.providerMessageId!, at)).toBe(true);
    // The intent as the deliver function's client last saw it: an update is charged on its size.
    const sizes: ItemSizes = new Map([[`${sent.pk}|${sent.sk}`, { bytes: Buffer.byteLength(JSON.stringify(sent)), indexKeys: [] }]]);
    const commands: Record<string, string> = { TransactWriteCommand: 'TransactWriteItems', UpdateCommand: 'UpdateItem', PutCommand: 'PutItem' };
    const wru = sends.reduce((n, s) => n + estimateUnits(commands[s.constructor.name] ?? s.constructor.name, s.input, {}, sizes).units, 0);
    expect(wru).toBe(ASSUMED.sesDeliveryEvent.wru);
  });

  it('counts X-Ray traces only for the functions declared traced (events/tracing.ts): api and respond, with respond\'s page views', () => {
    expect(['api', 'respond', 'respond (page views, assumed)', 'route-referrals', 'react-to-answers', 'deliver-notifications'].filter(traced)).toEqual([
      'api',
      'respond',
      'respond (page views, assumed)',
    ]);
    const on = cost({ phases, k: 1, logs, returneePage: true });
    // api's write, respond's answer, the office's and the returnee's page views; not route, react or deliver
    expect(row(on, 'X-Ray').perReferral).toBe(1 + 1 + 2);
    expect(row(on, 'X-Ray').item).toContain('api, respond traced');
    expect(row(on, 'X-Ray').usdPer1000).toBeCloseTo((4 * 1000 * PRICES.xray.perMillionTracesRecorded) / 1e6, 10);
    expect(on.assumed.tracedFunctions).toEqual(['api', 'respond']);
  });

  it('prices the logs the functions wrote with Lambda\'s and the API\'s own lines', () => {
    const c = cost({ phases, k: 1, logs, returneePage: false });
    const invocations = 1 + 1 + 3 + 1 + 2; // the office's page view, and email-events for the two emails
    const platform = ASSUMED.platformLogLines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    const access = Buffer.byteLength(ASSUMED.accessLogLine) + 1;
    const events = 4 + 1 + 2 + invocations * 3 + 3;
    // email-events' two lines at the mean length of the measured ones (4000 bytes in 4 lines)
    const bytes = 4000 + 500 + 2 * 1000 + invocations * platform + 3 * access + events * PRICES.cloudwatchLogs.eventOverheadBytes;
    expect(row(c, 'CloudWatch Logs').perReferral).toBeCloseTo(bytes / 1024, 6);
    expect(c.assumed.logs.ownMeasured).toBe(true);
    const unmeasured = cost({ phases, k: 1, returneePage: false });
    expect(row(unmeasured, 'CloudWatch Logs').item).toContain('not measured');
    expect(row(unmeasured, 'CloudWatch Logs').perReferral).toBeLessThan(row(c, 'CloudWatch Logs').perReferral);
  });

  it('prices the writes refused by their condition with the others, and says how much of the WRU they are', () => {
    // Phase 2 as a lost race leaves it: the answer's transaction, and a claim refused because another delivery holds the intent.
    const refusedPhase: PhaseResult = {
      ...phases[2]!,
      counts: { ...counts(1), dynamo: { TransactWriteItems: { calls: 1, items: 3, units: 8, refused: 0, refusedUnits: 0 }, UpdateItem: { calls: 1, items: 0, units: 2, refused: 1, refusedUnits: 2 } } },
    };
    const c = cost({ phases: [phases[0]!, phases[1]!, refusedPhase], k: 1, logs, returneePage: false });
    expect(row(c, 'DynamoDB write request units').perReferral).toBe(8 + 2 + 2 * ASSUMED.sesDeliveryEvent.wru);
    expect(c.refusedWru).toBe(2);
    // Counts from a run before refusals were counted (carried over in latest.json) say nothing of them.
    expect(cost({ phases, k: 1, logs, returneePage: false }).refusedWru).toBeUndefined();
  });

  it('leaves the SMS out of the figure without SMS, and names what dominates it', () => {
    const c = cost({ phases, k: 1, logs, returneePage: true });
    const sms = row(c, 'SMS segments').usdPer1000;
    expect(sms).toBeCloseTo(1000 * PRICES.sms.perSegmentKosovoUsd, 6);
    expect(c.withoutSmsUsdPer1000).toBeCloseTo(c.totalUsdPer1000 - sms, 10);
    expect(c.dominant[0]).toMatchObject({ item: 'SES emails', usdPer1000: 2 * PRICES.ses.perThousandEmails });
    expect(c.dominant.map((d) => d.item)).not.toContain(row(c, 'SMS segments').item);
  });
});
