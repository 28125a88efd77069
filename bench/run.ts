/**
 * `npm run bench`: the platform on the local stack, measured in one run, beside the floor.
 * Writes bench/results/latest.json and bench/results/latest.md. Knobs (env):
 *   BENCH_N=200            referrals in the burst (latency under load, sustained throughput)
 *   BENCH_SEQ_N=100        referrals written one at a time (unloaded latency; fewer than 100 make the p99 the maximum)
 *   BENCH_CONCURRENCY=8    writers in the burst
 *   BENCH_LIFECYCLE=3      referrals taken through their whole life (counts, durations, cost)
 *   BENCH_LOAD_RUNS=1      fresh-process module loads per function and way (median)
 *   BENCH_HISTORY_CLOSED=10000 closed cases seeded for section 6 (sweep and digest reads)
 *   BENCH_HISTORY_OPEN_CASES=25 open cases × 4 referrals whose acknowledgement falls due
 *   BENCH_CONSOLE_RUNS=5   loads of the console's Today page (median)
 *   BENCH_SKIP=bundles,... sections to skip: sms, platform, floor, history, bundles, console, logs, household
 *   BENCH_SDK_COMPARE=0    1: also bundle and load every function the other way round (AWS SDK
 *                          bundled or left to the runtime: BUNDLE_AWS_SDK in infra/bundling.ts)
 *   BENCH_ONLY=bundles,... the sections to run, the others skipped; latest.json keeps the previous
 *                          run's figures of the sections not run (named in `carriedOver`)
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLE_AWS_SDK, BUNDLE_BUDGET_BYTES, BUNDLE_GOAL_BYTES } from '../infra/bundling.js';
import { localEnvironment } from '../local/settings.js';
import { bundleAll, type BundleResult } from './bundles.js';
import type { ConsoleBench } from './console.js';
import { ASSUMED, cost, units } from './cost.js';
import { isRead, type CommandCount, type Snapshot } from './counting.js';
import { floorRun } from './floor.js';
import { goalsMarkdown, goalsOf } from './goals.js';
import type { HistoryReads } from './history.js';
import type { HouseholdBench } from './household.js';
import type { LogVolume } from './logs.js';
import { PlatformBench, type LatencyResult, type PhaseResult } from './platform.js';
import { PRICES_AS_OF } from './prices.js';
import { smsSegments } from './sms.js';

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const knobs = {
  BENCH_N: num('BENCH_N', 200),
  BENCH_SEQ_N: num('BENCH_SEQ_N', 100),
  BENCH_CONCURRENCY: num('BENCH_CONCURRENCY', 8),
  BENCH_LIFECYCLE: num('BENCH_LIFECYCLE', 3),
  BENCH_LOAD_RUNS: num('BENCH_LOAD_RUNS', 1),
  BENCH_HISTORY_CLOSED: num('BENCH_HISTORY_CLOSED', 10_000),
  BENCH_HISTORY_OPEN_CASES: num('BENCH_HISTORY_OPEN_CASES', 25),
  BENCH_SKIP: (process.env.BENCH_SKIP ?? '').split(',').filter(Boolean),
  BENCH_ONLY: (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean),
  BENCH_SDK_COMPARE: num('BENCH_SDK_COMPARE', 0),
};
const SECTIONS = ['sms', 'platform', 'floor', 'history', 'bundles', 'console', 'logs', 'household'] as const;
const skip = (s: string) => knobs.BENCH_SKIP.includes(s) || (knobs.BENCH_ONLY.length > 0 && !knobs.BENCH_ONLY.includes(s));
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const errors: Record<string, string> = {};
const t0 = Date.now();

const result: Record<string, any> = {
  startedAt: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadavgAtStart: loadavg() },
  knobs,
};

// 4. SMS segments (pure)
if (!skip('sms')) {
  try {
    result.sms = smsSegments();
  } catch (e) {
    errors.sms = String(e);
  }
}

// 1–3. Platform and floor on one local stack
const bench = new PlatformBench();
let stackEnv: Record<string, string> = {};
if (!skip('platform') || !skip('floor')) {
  try {
    log('starting the local stack');
    await bench.start();
    stackEnv = { ...bench.stack.env };
    if (!skip('platform')) {
      log(`lifecycle: ${knobs.BENCH_LIFECYCLE} referral(s) through their whole life`);
      result.lifecycle = await bench.lifecycle(knobs.BENCH_LIFECYCLE);
      result.idleSweep = await bench.idleSweep();
      log(`platform: ${knobs.BENCH_SEQ_N} referrals one at a time`);
      const seq = await bench.latency(knobs.BENCH_SEQ_N, 1, true);
      log(`platform: ${knobs.BENCH_N} referrals, burst of ${knobs.BENCH_CONCURRENCY} writers`);
      const burst = await bench.latency(knobs.BENCH_N, knobs.BENCH_CONCURRENCY, false);
      result.platform = [seq, burst];
    }
    if (!skip('floor')) {
      await bench.quiet();
      log('floor: HTTP POST → bare PutItem → GetRecords → SendEmail');
      const seq = await floorRun(bench.stack.dynamodb.endpoint, bench.stack.ses.endpoint, knobs.BENCH_SEQ_N, 1, true);
      const burst = await floorRun(bench.stack.dynamodb.endpoint, bench.stack.ses.endpoint, knobs.BENCH_N, knobs.BENCH_CONCURRENCY, false);
      result.floor = [seq, burst];
    }
  } catch (e) {
    errors.platform = (e as Error).stack ?? String(e);
    log(`platform/floor failed: ${errors.platform}`);
  } finally {
    await bench.stop().catch(() => undefined);
  }
}

// 6. Sweep and digest reads over a long history: a fresh stack in a process of its own (bench/history.ts)
if (!skip('history')) {
  log(`history: ${knobs.BENCH_HISTORY_CLOSED} closed cases, ${knobs.BENCH_HISTORY_OPEN_CASES * 4} referrals falling due (own process)`);
  ownProcess<HistoryReads>('history', { BENCH_HISTORY_CLOSED: String(knobs.BENCH_HISTORY_CLOSED), BENCH_HISTORY_OPEN_CASES: String(knobs.BENCH_HISTORY_OPEN_CASES) }, 30);
}

// 5. Bundles and module load
if (!skip('bundles')) {
  try {
    log('bundles: esbuild (house options) and module load, bundled vs tsx');
    const { AWS_ENDPOINT_URL_DYNAMODB: _a, ...env } = stackEnv;
    result.bundles = await bundleAll(Object.keys(env).length ? env : defaultEnv(), knobs.BENCH_LOAD_RUNS, log);
    result.bundleSummary = bundleSummary(result.bundles as BundleResult[]);
    if (knobs.BENCH_SDK_COMPARE) {
      log(`bundles, the other way: AWS SDK ${BUNDLE_AWS_SDK ? 'left to the runtime' : 'bundled'}`);
      const other = await bundleAll(Object.keys(env).length ? env : defaultEnv(), knobs.BENCH_LOAD_RUNS, log, !BUNDLE_AWS_SDK);
      result.bundlesOtherSdk = { awsSdkBundled: !BUNDLE_AWS_SDK, bundles: other, summary: bundleSummary(other, !BUNDLE_AWS_SDK) };
    }
  } catch (e) {
    errors.bundles = String(e);
  }
}

// 7. The console: initial JavaScript and Today in Debian's chromium, against a fresh stack (bench/console.ts)
if (!skip('console')) {
  log('console: initial JS (gzip) and time to Today in chromium (own process)');
  ownProcess<ConsoleBench>('console', { BENCH_CONSOLE_RUNS: process.env.BENCH_CONSOLE_RUNS ?? '5' }, 10);
}

// 8. What the functions log per referral at Lambda's level, for the cost: a fresh stack at INFO (bench/logs.ts)
if (!skip('logs')) {
  log(`logs: ${knobs.BENCH_LIFECYCLE} referral(s) through their life at Lambda's log level (own process)`);
  ownProcess<LogVolume>('logs', { BENCH_LIFECYCLE: String(knobs.BENCH_LIFECYCLE) }, 10);
}

// 9. A household's SMS at 08:00 after four referrals at night: a fresh stack (bench/household.ts)
if (!skip('household')) {
  log('household: 4 referrals at 22:00, the SMS that reach the family by 09:00 (own process)');
  ownProcess<HouseholdBench>('household', {}, 10);
}

result.loadavgAtEnd = loadavg();
result.durationS = (Date.now() - t0) / 1000;
result.errors = errors;

const dir = resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
carryOver(join(dir, 'latest.json'));
// From the lifecycle and the logs as they stand after the carry-over, so the cost is always today's model.
if (result.lifecycle) {
  result.cost = cost({
    phases: result.lifecycle.phases, k: result.lifecycle.k, idleSweep: result.idleSweep, logs: result.logs,
    returneePage: result.sms?.meanSegments?.pageOn !== undefined && result.sms.policy?.returneePage !== false,
  });
}
result.goals = goalsOf(result);
writeFileSync(join(dir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
const md = markdown(result);
writeFileSync(join(dir, 'latest.md'), md);
process.stdout.write(md);
log(`done in ${result.durationS.toFixed(0)} s: bench/results/latest.{json,md}`);
process.exit(0);

// ---------------------------------------------------------------------------------------------

/**
 * A section in a process of its own (`tsx bench/<section>.ts`, a fresh stack: the handler modules
 * read their configuration once per process): the last line it prints is its result, as JSON.
 */
function ownProcess<T>(section: string, env: Record<string, string>, timeoutMinutes: number): T | undefined {
  const out = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, `${section}.ts`)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: timeoutMinutes * 60_000,
  });
  const line = out.stdout?.trim().split('\n').at(-1);
  if (out.status === 0 && line) return (result[section] = JSON.parse(line) as T);
  errors[section] = `bench/${section}.ts exited ${out.status ?? out.signal}`;
  return undefined;
}

/** Without a running stack: the local runtime's environment with stand-in endpoints (the bundles only load). */
function defaultEnv(): Record<string, string> {
  return localEnvironment({
    region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoints: { dynamodb: 'http://localhost:8000', ses: 'http://localhost:8005', sms: 'http://localhost:4567' }, tableName: 'referrals',
    tokens: { issuer: 'http://localhost:9339/local_bench', clientId: 'bench' }, apiPort: 3000, signingKeyFile: 'set-by-bundles.ts',
    deliveryMode: 'live', simulatedPhoneNumbers: [], logLevel: 'ERROR', emitMetrics: false,
  });
}

/** The sections this run skipped keep the previous run's figures, so latest.json always holds every figure. */
function carryOver(file: string): void {
  if (!existsSync(file)) return;
  const previous = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  const keys: Record<(typeof SECTIONS)[number], string[]> = {
    sms: ['sms'], platform: ['platform', 'lifecycle', 'idleSweep'], floor: ['floor'], history: ['history'],
    bundles: ['bundles', 'bundleSummary', 'bundlesOtherSdk'], console: ['console'], logs: ['logs'], household: ['household'],
  };
  const carried: Record<string, string> = {};
  for (const section of SECTIONS) {
    if (!skip(section)) continue;
    for (const key of keys[section]) {
      if (result[key] !== undefined || previous[key] === undefined) continue;
      result[key] = previous[key];
      carried[key] = previous.carriedOver?.[key] ?? previous.startedAt;
    }
  }
  if (Object.keys(carried).length) result.carriedOver = carried;
}

function median(xs: number[]): number | undefined {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The largest bundle against the budget (infra/bundling.ts) and module load bundled ÷ unbundled. */
function bundleSummary(bundles: BundleResult[], awsSdkBundled = BUNDLE_AWS_SDK) {
  const sized = bundles.filter((b) => b.bytes !== undefined);
  const largest = sized.reduce<BundleResult | undefined>((a, b) => (a && a.bytes! >= b.bytes! ? a : b), undefined);
  const ratios = bundles.filter((b) => b.bundledLoadMs !== undefined && b.tsxLoadMs).map((b) => b.bundledLoadMs! / b.tsxLoadMs!);
  const sorted = [...ratios].sort((a, b) => a - b);
  return {
    budgetBytes: BUNDLE_BUDGET_BYTES,
    goalBytes: BUNDLE_GOAL_BYTES,
    awsSdkBundled,
    largest: largest && { fn: largest.fn, bytes: largest.bytes!, awsSdkBytes: largest.awsSdkBytes },
    overBudget: sized.filter((b) => b.bytes! > BUNDLE_BUDGET_BYTES).map((b) => b.fn),
    overGoal: sized.filter((b) => b.bytes! > BUNDLE_GOAL_BYTES).map((b) => b.fn),
    loadRatioMedian: sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined,
    loadRatioMax: sorted.at(-1),
    bundledLoadMsMedian: median(bundles.flatMap((b) => (b.bundledLoadMs === undefined ? [] : [b.bundledLoadMs]))),
  };
}

function f(x: number | undefined, d = 0): string {
  return x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d);
}

function markdown(r: Record<string, any>): string {
  const out: string[] = [];
  out.push(`# Benchmarks (local stack)`, '');
  out.push(`Run ${r.startedAt}, ${f(r.durationS)} s; Node ${r.machine.node}, ${r.machine.cpus} CPU(s) (${r.machine.cpuModel}); load average ${r.machine.loadavgAtStart.map((x: number) => x.toFixed(1)).join(' / ')} at start, ${r.loadavgAtEnd.map((x: number) => x.toFixed(1)).join(' / ')} at end. ` +
    `The machine is shared with other work: timings are noisy, compare the platform with the floor of the same run, not across runs. ` +
    `Knobs: ${Object.entries(r.knobs).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') || '""' : v}`).join(', ')}.`, '');
  if (r.carriedOver) {
    out.push(`Not measured in this run, carried over from earlier runs: ${Object.entries(r.carriedOver).map(([k, at]) => `${k} (${at})`).join(', ')}.`, '');
  }
  if (Object.keys(r.errors).length) {
    out.push('**Errors:**', '', ...Object.entries(r.errors).map(([k, v]) => `- ${k}: ${String(v).split('\n')[0]}`), '');
  }
  if (r.goals) out.push(...goalsMarkdown(r.goals));
  if (r.platform || r.floor) {
    out.push('## 1. Referral write → email accepted by the SES emulator', '');
    out.push('| path | mode | n | received | p50 ms | p99 ms | max ms | wall s | throughput /s |', '|---|---|---|---|---|---|---|---|---|');
    const row = (name: string, l: LatencyResult) => `| ${name} | ${l.mode} | ${l.n} | ${l.received} | ${f(l.p50Ms)} | ${f(l.p99Ms)} | ${f(l.maxMs)} | ${f(l.wallMs / 1000, 1)} | ${f(l.throughputPerS, 1)} |`;
    for (const l of r.platform ?? []) out.push(row('platform (API → route-referrals, one hop → SES)', l));
    for (const l of r.floor ?? []) out.push(row('floor (HTTP PutItem → GetRecords → SendEmail)', l));
    out.push('', 'Platform: from just before `POST /cases/{id}/referrals` to the emulator\'s answer to the office email\'s SendEmail (one stream hop: route-referrals sends the email and the returnee\'s SMS from the invocation that decides them). Floor: from just before an HTTP POST to a bare node:http server doing a bare PutItem, to the answer to a bare SendEmail sent by a minimal GetRecords loop, a batch of route-referrals\' size at once as that function sends them (the same HTTP hop and one stream hop, no platform code). Both readers read at once after a write they hear of (the API\'s requests, the functions\' invocations; the floor server\'s PutItem), else idle 50 ms between empty passes. Throughput: emails accepted / (last acceptance − first write). The burst writes as fast as the API answers, so its latencies are mostly queueing.', '');
  }
  if (r.lifecycle) {
    out.push(`## 2. DynamoDB items per referral over its whole life (mean of ${r.lifecycle.k}, counted on the handlers' clients)`, '');
    out.push('| phase | command | calls | of which refused by their condition | items | est. request units |', '|---|---|---|---|---|---|');
    const k = r.lifecycle.k;
    // A run carried over from before refusals were counted has none: '–', not 0.
    const refused = (v: CommandCount) => (v.refused === undefined ? '–' : v.refused ? `${f(v.refused / k, 1)} (${f(v.refusedUnits / k, 1)} WRU)` : '0');
    for (const p of r.lifecycle.phases as PhaseResult[]) {
      for (const [c, v] of Object.entries(p.counts.dynamo).sort()) out.push(`| ${p.phase} | ${c} | ${f(v.calls / k, 1)} | ${refused(v)} | ${f(v.items / k, 1)} | ${f(v.units / k, 1)} ${isRead(c) ? 'RRU' : 'WRU'} |`);
    }
    const life = (r.lifecycle.phases as PhaseResult[]).filter((p) => !p.phase.startsWith('case'));
    const tot = life.map((p) => units(p.counts)).reduce((a, b) => ({ rru: a.rru + b.rru, wru: a.wru + b.wru, readItems: a.readItems + b.readItems, writeItems: a.writeItems + b.writeItems }), { rru: 0, wru: 0, readItems: 0, writeItems: 0 });
    out.push(`| **referral total (phases 1–3)** | | | ${r.cost?.refusedWru === undefined ? '–' : `${f(r.cost.refusedWru, 1)} WRU`} | read ${f(tot.readItems / k, 1)} / written ${f(tot.writeItems / k, 1)} | ${f(tot.rru / k, 1)} RRU / ${f(tot.wru / k, 1)} WRU |`, '');
    out.push('| phase | function | invocations | records | mean ms (local) |', '|---|---|---|---|---|');
    for (const p of r.lifecycle.phases as PhaseResult[]) for (const [fn, t] of Object.entries(p.functions)) out.push(`| ${p.phase} | ${fn} | ${f(t.invocations / k, 1)} | ${f(t.records / k, 1)} | ${f(t.totalMs / t.invocations)} |`);
    out.push('', `Messages per referral: ${f(life.reduce((n, p) => n + p.counts.sesEmails, 0) / k, 1)} emails, ${f(life.reduce((n, p) => n + p.counts.smsMessages, 0) / k, 1)} SMS (${f(life.reduce((n, p) => n + p.counts.smsSegments, 0) / k, 1)} segments). Items written include those inside transactions; request units are estimated (DynamoDB Local reports no capacity): reads ⌈size/4 KB⌉ × 0.5 (× 1 consistent) per GetItem or per Query page, writes ⌈size/1 KB⌉ per item (an update on the item's size as last put or read, 1 KB if never seen), × 2 in transactions, + 1 per sparse-index write. A write refused by its condition (ConditionalCheckFailedException, or a transaction cancelled by one) writes nothing and is charged all the same: a call, no item, the units of its items without index writes (included in the units and the cost). HTTP functions' times are client round trips (upper bound).`, '');
    if (r.idleSweep) out.push(`An idle sweep (nothing due): ${f(r.idleSweep.ms)} ms, ${Object.entries(r.idleSweep.counts.dynamo as Snapshot['dynamo']).map(([c, v]) => `${v.calls} ${c}`).join(', ')}.`, '');
  }
  if (r.cost) {
    out.push(`## 3. Cost per 1,000 referrals on AWS (eu-central-1 on-demand, prices ${PRICES_AS_OF}; bench/prices.ts)`, '');
    out.push('| item | per referral | unit price | USD per 1,000 referrals |', '|---|---|---|---|');
    for (const row of r.cost.rows) out.push(`| ${row.item} | ${f(row.perReferral, 3)} | ${row.unitPrice} | ${f(row.usdPer1000, 4)} |`);
    out.push(`| **total** | | | **${f(r.cost.totalUsdPer1000, 2)}** (without SMS: ${f(r.cost.withoutSmsUsdPer1000, 4)}) |`, '');
    if (r.cost.refusedWru !== undefined) out.push(`The write request units include ${f(r.cost.refusedWru, 1)} a referral of writes refused by their condition (section 2): DynamoDB charges them though they write nothing.`, '');
    if (r.cost.perCase) out.push(`Per case created (not per referral): ${f(r.cost.perCase.wru, 1)} WRU, ${f(r.cost.perCase.rru, 1)} RRU → about $${f(r.cost.perCase.usdPer1000Cases, 4)} per 1,000 cases.`);
    if (r.cost.sweep) out.push(`Fixed: the 5-minute sweep, ${r.cost.sweep.invocationsPerMonth} invocations a month with nothing due → about $${f(r.cost.sweep.usdPerMonth, 3)} a month; the table's KMS key $${f(r.cost.kmsKeyUsdPerMonth, 2)} a month.`);
    if (r.cost.dominant) out.push('', `Without SMS, most of it is ${r.cost.dominant.map((d: { item: string; usdPer1000: number; share: number }) => `${d.item} ($${f(d.usdPer1000, 3)}, ${f(d.share * 100)} %)`).join(', ')}.`);
    const a = r.cost.assumed;
    if (a) {
      out.push('', `Assumed, not measured (bench/cost.ts ASSUMED): API Gateway requests are the ${f(a.apiRequests.measured, 1)} the bench made (the API write, the offices' answers) and ${f(a.apiRequests.pageViews, 1)} page views: the office opens each link's page before answering${a.apiRequests.returneePage ? ', and the returnee opens the returnee page once' : ''}, each a respond invocation as long as an answer. KMS: the table's customer-managed key, decrypted once per function per phase (DynamoDB keeps it per caller for five minutes; phases are hours apart at a municipality's pace): at least ${f(a.kmsRequests, 1)} a referral, more where an invocation opens a second connection (the cache is per connection in practice). CloudWatch Logs: ${a.logs.ownMeasured ? `the functions' own lines as section 8 measured them at INFO (${f(a.logs.ownBytes / 1024, 1)} KB)` : 'the functions\' own lines **not measured** (section 8 skipped)'}, Lambda's START / END / REPORT lines (${a.logs.platformBytesPerInvocation} bytes an invocation), one API access-log line a request (${a.logs.accessLogBytesPerRequest} bytes) and 26 bytes an event. SES's Delivery event for each email runs email-events once on AWS (the emulator publishes none): ${f(a.sesDeliveryEvents?.perReferral ?? 0, 1)} a referral, each taken as ${ASSUMED.sesDeliveryEvent.rru} RRU, ${ASSUMED.sesDeliveryEvent.wru} WRU, one log line and a KMS request. X-Ray: the functions events/tracing.ts traces (${a.tracedFunctions?.join(', ') ?? 'all'}), each invocation of them sampled (Lambda's rule, 1 a second then 5 %, takes nearly all at a municipality's pace); the others pass through.`);
    }
    out.push('', 'Not included: CloudFront and WAF in front of the links (a deployment\'s choice), SQS DLQs, Secrets Manager and SSM reads (cached per cold start), data transfer, log and table storage, free tiers. The SMS price to Kosovo is an **assumption** (see bench/prices.ts). Lambda durations are local (DynamoDB Local, shared CPU), not Lambda\'s, and billed per 1 ms.', '');
  }
  if (r.sms) {
    out.push('## 4. SMS segments per message: returnee page on / off (default policy) and as written', '');
    const langs = Object.keys(r.sms.rows[0]?.cells ?? {});
    out.push(`| template | ${langs.join(' | ')} |`, `|---|${langs.map(() => '---').join('|')}|`);
    for (const row of r.sms.rows) {
      out.push(`| ${row.template} | ${langs.map((l) => {
        const c = row.cells[l];
        if ('error' in c) return `error: ${c.error}`;
        return `${c.policy}${c.withLink ? ' L' : ''}${c.transliterated ? ' T' : ''} / ${c.pageOff ?? '?'} (${c.asWritten})`;
      }).join(' | ')} |`);
    }
    const m = r.sms.meanSegments ?? { pageOn: NaN, pageOff: NaN, samples: 0 };
    out.push('', `Cell: segments under DEFAULT_SMS_POLICY with the returnee page on (L: the SMS carries the page's link; T: transliterated to GSM-7) / with the page off (segments as written, no transliteration, no link). Mean over ${m.samples} template × language samples (shared/messages/samples.ts): **${f(m.pageOn, 2)} with the page on** (goal ≤ ${r.sms.goals?.pageOn ?? 1.3}), **${f(m.pageOff, 2)} without** (goal ≤ ${r.sms.goals?.pageOff ?? 2}). Default policy: ${JSON.stringify(r.sms.policy)}.`, '');
  }
  if (r.bundles) {
    out.push('## 5. Bundles and module load (fresh `node` process, median of ' + r.knobs.BENCH_LOAD_RUNS + ')', '');
    const sum = r.bundleSummary;
    if (sum?.largest) {
      out.push(`Largest bundle: **${sum.largest.fn}, ${f(sum.largest.bytes / 1024)} KB** minified (AWS SDK ${sum.awsSdkBundled ? `bundled, ${f((sum.largest.awsSdkBytes ?? 0) / 1024)} KB of it` : 'left to the runtime'}) against a budget of ${f(sum.budgetBytes / 1024)} KB (goal of #18: ${f(sum.goalBytes / 1024)} KB; over the goal: ${sum.overGoal?.length ?? '–'} of ${r.bundles.length}); over budget: ${sum.overBudget.length ? sum.overBudget.join(', ') : 'none'}. Module load bundled ÷ unbundled: median ${f(sum.loadRatioMedian, 2)}×, worst ${f(sum.loadRatioMax, 2)}× (goal ≤ 0.35×).`, '');
    }
    out.push('| function | bundle KB | of it AWS SDK KB | gzip KB | load bundled ms | load unbundled (tsx) ms | heaviest (KB) | note |', '|---|---|---|---|---|---|---|---|');
    for (const b of r.bundles as BundleResult[]) {
      const heaviest = (b.heaviest ?? []).slice(0, 5).map((h) => `${h.what} ${f(h.bytes / 1024)}`).join(', ');
      out.push(`| ${b.fn} | ${f(b.bytes && b.bytes / 1024)} | ${f(b.awsSdkBytes && b.awsSdkBytes / 1024)} | ${f(b.gzipBytes && b.gzipBytes / 1024)} | ${f(b.bundledLoadMs)} | ${f(b.tsxLoadMs)} | ${heaviest} | ${[b.catalogue ? 'templates beside' : '', b.error ?? ''].filter(Boolean).join('; ')} |`);
    }
    const other = r.bundlesOtherSdk;
    if (other) {
      out.push('', `The other way round (AWS SDK ${other.awsSdkBundled ? 'bundled' : 'left to the runtime, loaded from node_modules'}): largest ${other.summary.largest?.fn} ${f((other.summary.largest?.bytes ?? 0) / 1024)} KB; module load bundled ÷ unbundled median ${f(other.summary.loadRatioMedian, 2)}×, worst ${f(other.summary.loadRatioMax, 2)}×.`, '');
      out.push('| function | bundle KB | load ms | this run\'s way: load ms |', '|---|---|---|---|');
      for (const b of other.bundles as BundleResult[]) out.push(`| ${b.fn} | ${f(b.bytes && b.bytes / 1024)} | ${f(b.bundledLoadMs)} | ${f((r.bundles as BundleResult[]).find((x) => x.fn === b.fn)?.bundledLoadMs)} |`);
    }
    out.push('', 'esbuild with the house options (infra/bundling.ts: node22, ESM, minify, charset utf8, source map without sources, createRequire banner; the same the CDK stack builds with); "templates beside": the message catalogue copied next to index.mjs, read when a message is rendered. Load: `await import()` of the module, timed inside the process (process start excluded), with the local stack\'s environment. tsx includes on-the-fly TypeScript transpilation. Local Node ' + r.machine.node + ' (Lambda runs Node 22).', '');
  }
  if (r.history) {
    const h = r.history as HistoryReads;
    out.push(`## 6. Items read by a sweep and a digest with ${h.closedCases.toLocaleString('en')} closed cases and ${h.openReferrals} due items`, '');
    out.push('| run | when (UTC) | items read | result | ms (local) |', '|---|---|---|---|---|');
    out.push(`| sweep-timers | ${h.sweep.at} | ${h.sweep.itemsRead} | fired ${h.sweep.fired}, ${h.sweep.buckets} hourly buckets queried, failed ${h.sweep.failed} | ${f(h.sweep.ms)} |`);
    out.push(`| send-digests (weekly, Monday) | ${h.digests.at} | ${h.digests.itemsRead} | ${h.digests.queued} digests queued, ${h.digests.quiet} quiet | ${f(h.digests.ms)} |`);
    out.push('', `The table held ${h.tableItems.toLocaleString('en')} items: ${h.closedCases.toLocaleString('en')} closed cases of 2025 seeded directly (case, completed referral, audit entry, fired timer each), and ${h.openReferrals} referrals created through the API the same morning and left unanswered (seeding took ${f(h.seedS)} s). The sweep runs when their acknowledgement reminders fall due; the digests the next Monday. Items read are what the handlers' index queries returned (the sweep: due timers; the digests: feed days and worklists), counted by the stores. Neither reads the history.`, '');
  }
  if (r.console) {
    const c = r.console as ConsoleBench;
    out.push('## 7. The coordinators\' console', '');
    out.push('| initial JS (gzip) | initial CSS (gzip) | all JS, every page (gzip) | chunks | Today, first meaningful view (median) | runs (ms) |', '|---|---|---|---|---|---|');
    out.push(`| ${f(c.initialJsGzipBytes / 1024)} KB | ${f(c.initialCssGzipBytes / 1024)} KB | ${f(c.allJsGzipBytes / 1024)} KB | ${c.chunks} | ${c.todayMedianMs} ms | ${c.todayMs.join(', ')} |`);
    out.push('', `Initial: what index.html loads at once (${c.initialFiles.join(', ')}), gzip -9; the other pages are chunks loaded when opened. Today: from navigation to Today's cards and lines drawn (config.json, the JS, GET /me, GET …/today) in Debian's chromium at 1366×768, signed in already, a fresh profile each load, against the local stack on this machine; the first load (the handlers' cold start) is not counted.`, '');
  }
  if (r.logs) {
    const l = r.logs as LogVolume;
    out.push(`## 8. What the functions log per referral at ${l.level} (Lambda's level; mean of ${l.k})`, '');
    out.push('| function | lines | KB |', '|---|---|---|');
    for (const [fn, c] of Object.entries(l.perReferral.byFunction).sort((a, b) => b[1].bytes - a[1].bytes)) out.push(`| ${fn} | ${f(c.lines, 1)} | ${f(c.bytes / 1024, 2)} |`);
    out.push(`| **per referral (phases 1–3)** | ${f(l.perReferral.lines, 1)} | ${f(l.perReferral.bytes / 1024, 2)} |`, '');
    out.push('A fresh stack at INFO in a process of its own (bench/logs.ts), the same life as section 2; every line the functions\' loggers wrote, counted by function before it reached the terminal (one log event a line on Lambda). Section 3 prices them with Lambda\'s own lines and the API\'s access log.', '');
  }
  if (r.household) {
    const h = r.household as HouseholdBench;
    out.push(`## 9. A household's SMS at 08:00 (${h.referrals} referrals at night)`, '');
    out.push('| SMS due at 08:00 | SMS that reached the family | segments |', '|---|---|---|', `| ${h.smsDue} | ${h.smsPerMorning} | ${h.segments.join(', ')} |`, '');
    out.push('A family registered at 22:00 with four referrals through the API (bench/household.ts, a fresh stack): its welcome and referral SMS wait for 08:00, the schedule\'s sweep releases them, and the SMS sink counts what reached the phone by 09:00. The deliver function sends a household\'s SMS due together as one message listing the next steps, split only over the municipality\'s segment cap.', '');
  }
  return out.join('\n') + '\n';
}
