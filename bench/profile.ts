/**
 * `npx tsx bench/profile.ts`: where the CPU of section 1's burst goes. The bench's burst
 * (BENCH_N referrals, BENCH_CONCURRENCY writers, cases created and settled first) after a warm-up
 * burst, under V8's sampling profiler (node:inspector, 200 µs) in the one Node process that runs
 * the API, the pollers, the handlers, the SES emulator, the SMS sink and the bench's writers;
 * DynamoDB Local's JVM and the Cognito emulator are other processes, their CPU read from /proc.
 * Prints the CPU of each process per referral and the Node process's samples by component and by
 * package, then the floor's burst and its CPU per referral. The profile (open it in Chrome
 * DevTools) goes to .local/bench/burst.cpuprofile, git-ignored; with BENCH_JFR=1 the JVM's
 * recording to .local/bench/burst-dynamodb.jfr (`jfr print --events jdk.ExecutionSample`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { Counter, countDynamo } from './counting.js';
import { floorRun } from './floor.js';
import { PlatformBench } from './platform.js';
import { documentClient } from '../shared/aws/clients.js';

const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TICK_MS = 1000 / 100; // USER_HZ

/** This process's descendants whose command line mentions `part`, with their CPU (utime + stime) in ms. */
function descendants(part: string): { pid: number; cpuMs: number; cmd: string }[] {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return [{ pid: Number(pid), ppid: Number(stat[1]), ticks: Number(stat[11]) + Number(stat[12]), cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') }];
    } catch {
      return []; // gone meanwhile
    }
  });
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) grew = Boolean(mine.add(p.pid));
  }
  return procs.filter((p) => p.pid !== process.pid && mine.has(p.pid) && p.cmd.includes(part)).map((p) => ({ pid: p.pid, cpuMs: p.ticks * TICK_MS, cmd: p.cmd }));
}
const cpuOf = (part: string) => descendants(part).reduce((t, p) => t + p.cpuMs, 0);

mkdirSync(new URL('../.local/bench/', import.meta.url), { recursive: true });

/** `BENCH_JFR=1`: Java Flight Recorder on DynamoDB Local's JVM over the burst (jcmd, JDK 17). */
const JFR = process.env.BENCH_JFR === '1' ? fileURLToPath(new URL('../.local/bench/burst-dynamodb.jfr', import.meta.url)) : undefined;
const jcmd = (args: string[]) => {
  const pid = descendants('DynamoDBLocal.jar').find((p) => p.cmd.split('\0')[0]!.endsWith('java'))?.pid;
  if (pid) execFileSync('jcmd', [String(pid), ...args], { stdio: 'ignore' });
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The component a sample's stack belongs to: the first rule any of its frames meets, outermost rules first. */
const COMPONENTS: [string, RegExp][] = [
  ['route-referrals handler', /\/functions\/route-referrals\//],
  ['other stream functions', /\/functions\/(deliver-notifications|react-to-answers|respond|email-events)\//],
  ['local authorizer (API Gateway JWT stand-in)', /\/local\/cognito\/authorizer\.ts/],
  ['api handler', /\/functions\/api\//],
  ['local HTTP API (API Gateway stand-in)', /\/local\/http-server\.ts/],
  ['local stream reader/pollers (Lambda mapping stand-in)', /\/local\/stream-poller\.ts|\/local\/streams\.ts|dlq-stream-reader/],
  ['SES emulator', /\/local\/ses-emulator\.ts|aws-ses-v2-local/],
  ['SMS sink', /\/local\/sms-sink\.ts/],
  ['bench (writers, counting)', /\/bench\//],
];

function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : `(native) ${name}`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url.replace(/^node:internal\/([^/]+).*/, 'node:$1');
  const m = /\/(functions|shared|local|bench|events)\/(.*)$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
}

function summarise(profile: Profile): { components: Record<string, number>; packages: Record<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const components: Record<string, number> = {};
  const packages: Record<string, number> = {};
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)') return;
    total += ms;
    const pkg = packageOf(leaf.callFrame.url, leaf.callFrame.functionName);
    packages[pkg] = (packages[pkg] ?? 0) + ms;
    const urls: string[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) urls.push(byId.get(n)!.callFrame.url);
    const found = COMPONENTS.find(([, re]) => urls.some((u) => re.test(u)));
    const component = found?.[0] ?? (['(garbage collector)', '(program)'].includes(leaf.callFrame.functionName) ? leaf.callFrame.functionName : `no project frame (continuation), leaf in ${pkg.split('/')[0]}`);
    components[component] = (components[component] ?? 0) + ms;
  });
  return { components, packages, total };
}

const bench = new PlatformBench();
await bench.start();
try {
  const jvm = () => cpuOf('DynamoDBLocal.jar');
  const cognito = () => cpuOf('cognito-local');
  // The local runtime's own reads of the stream (the readers' GetRecords), on the pollers' client.
  const streamCalls = new Counter();
  countDynamo((bench.stack.pollers[0] as any).opts.streams, streamCalls, 'benchStreamCounter');
  // The handlers' own calls in the burst (the bench's counter is paused while it times).
  const handlerCalls = new Counter();
  countDynamo(documentClient() as any, handlerCalls, 'benchProfileCounter');
  // Warm-up: JIT, connections, the JWKS.
  await bench.latency(Math.min(40, N), CONCURRENCY, false);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  let at0 = { node: process.cpuUsage(), jvm: 0, cognito: 0, wall: 0, timings: structuredClone(bench.timings) };
  const result = await bench.latency(N, CONCURRENCY, false, async () => {
    at0 = { node: process.cpuUsage(), jvm: jvm(), cognito: cognito(), wall: performance.now(), timings: structuredClone(bench.timings) };
    streamCalls.reset();
    handlerCalls.reset();
    if (JFR) jcmd(['JFR.start', 'name=burst', 'settings=profile']);
    await session.post('Profiler.start');
  });
  if (JFR) jcmd(['JFR.stop', 'name=burst', `filename=${JFR}`]);
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  const wall = performance.now() - at0.wall;
  const node = process.cpuUsage(at0.node);
  const nodeMs = (node.user + node.system) / 1000;
  const jvmMs = jvm() - at0.jvm;
  const cognitoMs = cognito() - at0.cognito;
  writeFileSync(new URL('../.local/bench/burst.cpuprofile', import.meta.url), JSON.stringify(profile));
  const per = (ms: number) => `${(ms / result.received).toFixed(1)} ms/referral`;
  const out: string[] = [];
  out.push(`burst: ${result.received}/${N} emails, ${result.throughputPerS.toFixed(1)}/s, p50 ${result.p50Ms.toFixed(0)} ms; wall ${(wall / 1000).toFixed(1)} s (incl. settling); load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  out.push(`CPU: node ${(nodeMs / 1000).toFixed(2)} s (${per(nodeMs)}), DynamoDB Local JVM ${(jvmMs / 1000).toFixed(2)} s (${per(jvmMs)}), cognito-local ${(cognitoMs / 1000).toFixed(2)} s`);
  const perReferral = (c: Counter) => Object.entries(c.dynamo).map(([k, v]) => `${(v.calls / result.received).toFixed(2)} ${k} (${(v.items / result.received).toFixed(1)} items)`).join(', ');
  out.push(`  the handlers' DynamoDB calls per referral: ${perReferral(handlerCalls)}`);
  out.push(`  the local stream readers: ${Object.entries(streamCalls.dynamo).map(([c, v]) => `${v.calls} ${c}`).join(', ')}`);
  for (const [fn, t] of Object.entries(bench.timings)) {
    const b = at0.timings[fn] ?? { invocations: 0, records: 0, totalMs: 0 };
    if (t.invocations === b.invocations) continue;
    const inv = t.invocations - b.invocations;
    out.push(`  ${fn}: ${inv} invocations, ${t.records - b.records} records, busy ${((t.totalMs - b.totalMs) / 1000).toFixed(1)} s, ${((t.totalMs - b.totalMs) / inv).toFixed(0)} ms each`);
  }
  const { components, packages, total } = summarise(profile);
  const table = (title: string, rows: Record<string, number>, top: number) => {
    out.push(`${title} (of ${(total / 1000).toFixed(2)} s sampled, not idle):`);
    for (const [k, ms] of Object.entries(rows).sort((a, b) => b[1] - a[1]).slice(0, top)) {
      out.push(`  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${per(ms).padStart(16)}  ${k}`);
    }
  };
  table('node samples by component (the first frame on the stack that names one)', components, 20);
  table('node samples by package of the leaf frame', packages, 25);
  // The floor's burst on the same stack (its pollers stopped), for the same CPU per referral.
  await bench.quiet();
  const f0 = { node: process.cpuUsage(), jvm: jvm() };
  const floor = await floorRun(bench.stack.dynamodb.endpoint, bench.stack.ses.endpoint, N, CONCURRENCY, false);
  const fNode = process.cpuUsage(f0.node);
  const fNodeMs = (fNode.user + fNode.system) / 1000;
  const fJvmMs = jvm() - f0.jvm;
  out.push(`floor burst: ${floor.received}/${N} emails, ${floor.throughputPerS.toFixed(1)}/s (platform ÷ floor ${(result.throughputPerS / floor.throughputPerS).toFixed(2)}×); CPU: node ${(fNodeMs / floor.received).toFixed(1)} ms/referral, JVM ${(fJvmMs / floor.received).toFixed(1)} ms/referral; load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  console.log(out.join('\n'));
} finally {
  await bench.stop();
}
