/**
 * Cost per 1,000 referrals on AWS, from what section 2 counted over a referral's life (DynamoDB
 * request units, Lambda invocations and local durations, emails, SMS segments), what section 8
 * measured the functions log at Lambda's level, and the prices of bench/prices.ts. Where the
 * bench cannot measure a figure (pages opened in a browser, KMS's key cache, Lambda's own log
 * lines) it is taken from ASSUMED, and the result says so.
 */
import { tracingOf } from '../events/tracing.js';
import { FUNCTIONS } from '../events/triggers.js';
import { isRead, type Snapshot } from './counting.js';
import type { LogVolume } from './logs.js';
import type { PhaseResult } from './platform.js';
import { PRICES } from './prices.js';

/** A function's declaration by its name; an assumed share of one (`respond (page views, assumed)`) is that function's. */
const declarationOf = (fn: string) => Object.values(FUNCTIONS).find((f) => f.name === fn.split(' ')[0]);

export function memoryOf(fn: string): number {
  return declarationOf(fn)?.memoryMb ?? 512;
}

/** Whether the function records X-Ray traces as deployed (events/tracing.ts, which infra's HouseFunction follows). */
export const traced = (fn: string): boolean => {
  const decl = declarationOf(fn);
  return decl !== undefined && tracingOf(decl) === 'Active';
};

/** Request units and items; `wru` includes `refusedWru`, the writes refused by their condition (charged, nothing written). */
export function units(counts: Snapshot) {
  let rru = 0, wru = 0, refusedWru = 0, readItems = 0, writeItems = 0;
  for (const [c, v] of Object.entries(counts.dynamo)) {
    // `?? 0`: figures carried over from a latest.json written before refusals were counted.
    if (isRead(c)) { rru += v.units; readItems += v.items; } else { wru += v.units; refusedWru += v.refusedUnits ?? 0; writeItems += v.items; }
  }
  return { rru, wru, refusedWru, readItems, writeItems };
}

/** What the cost takes as given, for want of a way to measure it here. */
export const ASSUMED = {
  /**
   * An office opens a link's page (GET, respond renders it) before it posts its answer from it:
   * the bench posts directly. Not counted: a mail security scanner that opens every link of an
   * email it receives (the reason a GET changes nothing) would add a view per link, 3 an office
   * email, each a traced respond invocation; whether the offices' mail has one is not known.
   */
  officePageViewsPerAnswer: 1,
  /**
   * SES publishes what became of each email to EventBridge (infra/ses-events.ts), whose rule runs
   * email-events once for it: one Delivery for an email that arrived. The bench's SES emulator
   * publishes none, so its share is taken from the code (shared/delivery/email-events.ts,
   * 'delivered'): one consistent GetItem of the intent (under 4 KB: 1 RRU) and dropBodyOnDelivery,
   * a transaction of the intent's update (1.3–1.6 KB: 2 × 2 WRU, no index key named) and its audit
   * entry (`notification.delivered`, under 1 KB and out of the activity feed: 2 × 1 WRU; until
   * 2026-12-05 also in the feed, +1, and this said 4 WRU in all, forgetting the entry), one log
   * line ("SES event handled"), and a duration of an invocation that makes two DynamoDB calls.
   * test/unit/bench/cost.test.ts estimates the write from what IntentStore sends.
   * EventBridge charges nothing for AWS services' events on the default bus.
   */
  sesDeliveryEvent: { perEmail: 1, rru: 1, wru: 6, ms: 40, logLines: 1 },
  /** With the returnee page on, the returnee opens it once per referral (GET /p/…), hours after the SMS. */
  returneePageViewsPerReferral: 1,
  /**
   * KMS: the table's customer-managed key (infra/table.ts). DynamoDB does not call KMS per
   * request: it keeps the decrypted table key for a caller and asks KMS again after five minutes
   * without use (AWS Database Blog, "Understanding Amazon DynamoDB encryption by using AWS KMS").
   * A referral's phases are hours apart at a municipality's pace, so each function a phase runs
   * (its own role, a caller of its own) finds the key gone and decrypts it at least once. Not an
   * upper bound: in practice the cache is per connection, so an invocation that opens a second
   * connection (calls in parallel on a fresh instance, as respond's read of the referral and the
   * case) may cost a second request (aws/aws-sdk-go-v2#2129: 25 parallel GetItems, up to 25
   * Decrypts in CloudTrail; awslabs/fhir-works-on-aws-deployment#639). A busy hour shares them
   * between many referrals.
   */
  kmsRequestsPerFunctionPerPhase: 1,
  /** Lambda's own lines per invocation, text format, as a traced function writes them (an untraced one's REPORT line lacks the XRAY part, ~90 bytes). */
  platformLogLines: [
    'START RequestId: 3f0b8d3e-6a4c-4e0e-9a57-2c3b1d7e9f10 Version: $LATEST',
    'END RequestId: 3f0b8d3e-6a4c-4e0e-9a57-2c3b1d7e9f10',
    'REPORT RequestId: 3f0b8d3e-6a4c-4e0e-9a57-2c3b1d7e9f10\tDuration: 153.27 ms\tBilled Duration: 154 ms\tMemory Size: 512 MB\tMax Memory Used: 112 MB\t\nXRAY TraceId: 1-6751a2b3-4c5d6e7f8a9b0c1d2e3f4a5b\tSegmentId: 1a2b3c4d5e6f7a8b\tSampled: true\t',
  ],
  /** One API Gateway access-log line per request, with the fields of infra/http-api.ts's accessLogFormat. */
  accessLogLine: JSON.stringify({
    requestId: 'Jx1AbCdEFiAEMkA=', requestTime: '05/Dec/2026:10:00:00 +0000', routeKey: 'POST /cases/{caseId}/referrals', status: '201', protocol: 'HTTP/1.1',
    responseLength: '412', integrationLatency: '153', integrationError: '-', authorizerError: '-', callerSub: '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  }),
  /**
   * Of a traced function's invocations, the share Lambda samples: its rule (the first request
   * each second, then 5 %) samples nearly every one at a municipality's pace of a few a minute.
   * Which functions are traced is not assumed: events/tracing.ts declares it.
   */
  xrayTracesPerTracedInvocation: 1,
} as const;

export interface CostRow {
  item: string;
  perReferral: number;
  unitPrice: string;
  usdPer1000: number;
}

export interface CostInput {
  phases: PhaseResult[];
  k: number;
  idleSweep?: { ms: number; counts: Snapshot } | undefined;
  /** Section 8: what the functions log at Lambda's level (absent: their own lines are not counted). */
  logs?: LogVolume | undefined;
  /** Whether the returnee page is on by default (its views are then counted). */
  returneePage: boolean;
}

const bytesOf = (s: string) => Buffer.byteLength(s) + 1;

export function cost({ phases, k, idleSweep, logs, returneePage }: CostInput) {
  const rows: CostRow[] = [];
  const referralPhases = phases.filter((p) => !p.phase.startsWith('case'));
  const sum = (f: (p: PhaseResult) => number) => referralPhases.reduce((n, p) => n + f(p), 0) / k;
  const emails = sum((p) => p.counts.sesEmails);
  const deliveries = emails * ASSUMED.sesDeliveryEvent.perEmail;
  const rru = sum((p) => units(p.counts).rru) + deliveries * ASSUMED.sesDeliveryEvent.rru;
  const wru = sum((p) => units(p.counts).wru) + deliveries * ASSUMED.sesDeliveryEvent.wru;
  // Counts carried over from a run before refusals were counted (latest.json) have none to tell.
  const refusalsCounted = referralPhases.some((p) => Object.values(p.counts.dynamo).some((v) => v.refused !== undefined));
  const refusedWru = refusalsCounted ? sum((p) => units(p.counts).refusedWru) : undefined;
  const segments = sum((p) => p.counts.smsSegments);
  const fns = new Map<string, { inv: number; gbs: number; ms: number }>();
  for (const p of referralPhases) for (const [fn, t] of Object.entries(p.functions)) {
    const f = fns.get(fn) ?? { inv: 0, gbs: 0, ms: 0 };
    f.inv += t.invocations / k;
    f.ms += t.totalMs / k;
    f.gbs += ((t.totalMs / 1000) * memoryOf(fn)) / 1024 / k;
    fns.set(fn, f);
  }

  // The HTTP requests the bench made (the API write, the offices' POSTs), and the page views it does not make.
  const posted = fns.get('respond')?.inv ?? 0;
  const measuredRequests = (fns.get('api')?.inv ?? 0) + posted;
  const pageViews = posted * ASSUMED.officePageViewsPerAnswer + (returneePage ? ASSUMED.returneePageViewsPerReferral : 0);
  const respond = fns.get('respond');
  const perView = respond && respond.inv > 0 ? { ms: respond.ms / respond.inv, gbs: respond.gbs / respond.inv } : { ms: 0, gbs: 0 };
  if (pageViews > 0) fns.set('respond (page views, assumed)', { inv: pageViews, ms: perView.ms * pageViews, gbs: perView.gbs * pageViews });
  const apiRequests = measuredRequests + pageViews;
  const delivered = { ms: deliveries * ASSUMED.sesDeliveryEvent.ms, inv: deliveries };
  if (deliveries > 0) fns.set('email-events (delivery events, assumed)', { ...delivered, gbs: ((delivered.ms / 1000) * memoryOf('email-events')) / 1024 });

  const inv = [...fns.values()].reduce((n, f) => n + f.inv, 0);
  const gbs = [...fns.values()].reduce((n, f) => n + f.gbs, 0);
  const kmsRequests = referralPhases.reduce((n, p) => n + Object.keys(p.functions).length, 0) * ASSUMED.kmsRequestsPerFunctionPerPhase + (returneePage ? ASSUMED.kmsRequestsPerFunctionPerPhase : 0) + deliveries * ASSUMED.kmsRequestsPerFunctionPerPhase;

  // CloudWatch Logs: the functions' own lines (section 8, a page view as much as respond's answer), Lambda's, API Gateway's access log.
  const own = logs?.perReferral;
  const respondLog = logs?.perReferral.byFunction.respond;
  const perRespond = respondLog && posted > 0 ? { lines: respondLog.lines / posted, bytes: respondLog.bytes / posted } : { lines: 0, bytes: 0 };
  // email-events' line is taken to be as long as the others' mean.
  const deliveryLines = own && own.lines > 0 ? deliveries * ASSUMED.sesDeliveryEvent.logLines : 0;
  const ownLines = own ? own.lines + perRespond.lines * pageViews + deliveryLines : 0;
  const ownBytes = own ? own.bytes + perRespond.bytes * pageViews + (own.lines > 0 ? deliveryLines * (own.bytes / own.lines) : 0) : 0;
  const platformBytes = ASSUMED.platformLogLines.reduce((n, l) => n + bytesOf(l), 0);
  const events = ownLines + inv * ASSUMED.platformLogLines.length + apiRequests;
  const logBytes = ownBytes + inv * platformBytes + apiRequests * bytesOf(ASSUMED.accessLogLine) + events * PRICES.cloudwatchLogs.eventOverheadBytes;
  const tracedInvocations = [...fns].reduce((n, [fn, f]) => n + (traced(fn) ? f.inv : 0), 0);
  const traces = tracedInvocations * ASSUMED.xrayTracesPerTracedInvocation;

  rows.push({ item: 'DynamoDB read request units', perReferral: rru, unitPrice: `$${PRICES.dynamodb.perMillionReadRequestUnits}/M RRU`, usdPer1000: (rru * 1000 * PRICES.dynamodb.perMillionReadRequestUnits) / 1e6 });
  rows.push({ item: 'DynamoDB write request units', perReferral: wru, unitPrice: `$${PRICES.dynamodb.perMillionWriteRequestUnits}/M WRU`, usdPer1000: (wru * 1000 * PRICES.dynamodb.perMillionWriteRequestUnits) / 1e6 });
  rows.push({ item: 'Lambda requests', perReferral: inv, unitPrice: `$${PRICES.lambda.perMillionRequests}/M`, usdPer1000: (inv * 1000 * PRICES.lambda.perMillionRequests) / 1e6 });
  rows.push({ item: 'Lambda GB-s (arm64; measured local durations × memory)', perReferral: gbs, unitPrice: `$${PRICES.lambda.perGbSecondArm64}/GB-s`, usdPer1000: gbs * 1000 * PRICES.lambda.perGbSecondArm64 });
  rows.push({ item: 'API Gateway HTTP API requests', perReferral: apiRequests, unitPrice: `$${PRICES.apiGateway.perMillionHttpRequests}/M`, usdPer1000: (apiRequests * 1000 * PRICES.apiGateway.perMillionHttpRequests) / 1e6 });
  rows.push({ item: 'KMS requests for the table key (at least)', perReferral: kmsRequests, unitPrice: `$${PRICES.kms.perTenThousandRequests}/10,000`, usdPer1000: (kmsRequests * 1000 * PRICES.kms.perTenThousandRequests) / 1e4 });
  rows.push({ item: `CloudWatch Logs ingested, KB${own ? '' : ' (functions\' own lines not measured)'}`, perReferral: logBytes / 1024, unitPrice: `$${PRICES.cloudwatchLogs.perGbIngested}/GB`, usdPer1000: (logBytes * 1000 * PRICES.cloudwatchLogs.perGbIngested) / 1024 ** 3 });
  rows.push({ item: `X-Ray traces recorded (${[...fns.keys()].filter(traced).map((fn) => fn.split(' ')[0]).filter((n, i, a) => a.indexOf(n) === i).join(', ') || 'none'} traced)`, perReferral: traces, unitPrice: `$${PRICES.xray.perMillionTracesRecorded}/M`, usdPer1000: (traces * 1000 * PRICES.xray.perMillionTracesRecorded) / 1e6 });
  rows.push({ item: 'SES emails', perReferral: emails, unitPrice: `$${PRICES.ses.perThousandEmails}/1000`, usdPer1000: emails * PRICES.ses.perThousandEmails });
  // Last: withoutSms is the total less this row.
  rows.push({ item: 'SMS segments to Kosovo (ASSUMED price)', perReferral: segments, unitPrice: `$${PRICES.sms.perSegmentKosovoUsd}/segment (assumption)`, usdPer1000: segments * 1000 * PRICES.sms.perSegmentKosovoUsd });
  const total = rows.reduce((n, r) => n + r.usdPer1000, 0);
  const withoutSms = total - rows.at(-1)!.usdPer1000;
  const dominant = [...rows.slice(0, -1)].sort((a, b) => b.usdPer1000 - a.usdPer1000).slice(0, 3).map((r) => ({ item: r.item, usdPer1000: r.usdPer1000, share: withoutSms > 0 ? r.usdPer1000 / withoutSms : 0 }));

  const casePhase = phases.find((p) => p.phase.startsWith('case'));
  const caseUnits = casePhase ? units(casePhase.counts) : undefined;
  const sweepPerMonth = 12 * 24 * 30;
  const sweep = idleSweep
    ? {
        invocationsPerMonth: sweepPerMonth,
        usdPerMonth: sweepPerMonth * (PRICES.lambda.perMillionRequests / 1e6 + (idleSweep.ms / 1000) * (memoryOf('sweep-timers') / 1024) * PRICES.lambda.perGbSecondArm64 + units(idleSweep.counts).rru * PRICES.dynamodb.perMillionReadRequestUnits / 1e6 + units(idleSweep.counts).wru * PRICES.dynamodb.perMillionWriteRequestUnits / 1e6),
      }
    : undefined;
  return {
    rows,
    /** Of the write request units a referral, those of writes refused by their condition (undefined: not counted). */
    refusedWru,
    totalUsdPer1000: total,
    withoutSmsUsdPer1000: withoutSms,
    dominant,
    functions: Object.fromEntries(fns),
    assumed: {
      sesDeliveryEvents: { perReferral: deliveries, rru: deliveries * ASSUMED.sesDeliveryEvent.rru, wru: deliveries * ASSUMED.sesDeliveryEvent.wru },
      apiRequests: { measured: measuredRequests, pageViews, returneePage },
      kmsRequests,
      logs: { ownBytes, ownMeasured: own !== undefined, platformBytesPerInvocation: platformBytes, accessLogBytesPerRequest: bytesOf(ASSUMED.accessLogLine), events, bytes: logBytes },
      xrayTraces: traces,
      tracedFunctions: Object.values(FUNCTIONS).filter((f) => tracingOf(f) === 'Active').map((f) => f.name),
    },
    perCase: caseUnits && casePhase ? { ...caseUnits, rru: caseUnits.rru / k, wru: caseUnits.wru / k, readItems: caseUnits.readItems / k, writeItems: caseUnits.writeItems / k, usdPer1000Cases: ((caseUnits.rru / k) * PRICES.dynamodb.perMillionReadRequestUnits + (caseUnits.wru / k) * PRICES.dynamodb.perMillionWriteRequestUnits) * 1000 / 1e6 + 1000 * PRICES.lambda.perMillionRequests / 1e6 + ((casePhase.functions.api?.totalMs ?? 0) / k / 1000) * 0.5 * 1000 * PRICES.lambda.perGbSecondArm64 } : undefined,
    sweep,
    /** The table's key, whatever the traffic. */
    kmsKeyUsdPerMonth: PRICES.kms.perKeyMonth,
  };
}

export type Cost = ReturnType<typeof cost>;
