/**
 * Section 8 of `npm run bench`: what the functions log over a referral's life at the level they
 * log at on Lambda (POWERTOOLS_LOG_LEVEL INFO, infra/constructs/house-function.ts), for the cost
 * of CloudWatch Logs. The main run logs at ERROR so that its timings are not the logging's; here
 * a fresh local stack at INFO, in a process of its own (the handler modules read their level
 * once per process), takes `BENCH_LIFECYCLE` referrals through the same life as section 2, and
 * every line the functions' loggers write is caught before it reaches the terminal. Powertools
 * writes one JSON line per entry to stdout or stderr; on Lambda each line is one log event.
 * Prints the result as JSON on stdout.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { FUNCTIONS } from '../events/triggers.js';
import type { LogCount } from './counting.js';
import { PlatformBench, type PhaseResult } from './platform.js';

/** The level every function logs at on Lambda (house-function.ts sets it for all). */
export const LAMBDA_LOG_LEVEL = 'INFO';

export interface LogPhase {
  phase: string;
  /** Per referral (or per case, for the case's phase): mean over the k. */
  invocations: Record<string, number>;
  logs: Record<string, LogCount>;
}

export interface LogVolume {
  level: string;
  k: number;
  phases: LogPhase[];
  /** Phases 1–3 (not the case's), per referral. */
  perReferral: { lines: number; bytes: number; invocations: number; byFunction: Record<string, LogCount> };
}

const FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.values(FUNCTIONS).map((f) => f.name));

/**
 * Catches the functions' log lines written to `stream` and counts them into `into()` by function
 * (the line's `service`); anything else (the bench's own output) goes through.
 */
export function meterLogs(stream: NodeJS.WriteStream, into: () => Record<string, LogCount>): () => void {
  const write = stream.write.bind(stream);
  let pending = '';
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const lines = (pending + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))).split('\n');
    pending = lines.pop() ?? '';
    const through: string[] = [];
    for (const line of lines) {
      const service = serviceOf(line);
      if (service === undefined) {
        through.push(line);
        continue;
      }
      const c = (into()[service] ??= { lines: 0, bytes: 0 });
      c.lines++;
      c.bytes += Buffer.byteLength(line) + 1;
    }
    if (through.length) return write(through.map((l) => l + '\n').join(''), ...(rest as []));
    const done = rest.find((r): r is () => void => typeof r === 'function');
    done?.();
    return true;
  }) as typeof stream.write;
  return () => {
    stream.write = write as typeof stream.write;
  };
}

/** The function a Powertools log line is from, if it is one. */
function serviceOf(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { service?: unknown; level?: unknown };
    return typeof entry.service === 'string' && typeof entry.level === 'string' && FUNCTION_NAMES.has(entry.service) ? entry.service : undefined;
  } catch {
    return undefined;
  }
}

/** The k lifecycles' phases, summed by name, as means per referral. */
export function logVolume(runs: PhaseResult[][], level: string): LogVolume {
  const k = runs.length;
  const phases = new Map<string, LogPhase>();
  for (const run of runs) {
    for (const p of run) {
      const s = phases.get(p.phase) ?? { phase: p.phase, invocations: {}, logs: {} };
      for (const [fn, t] of Object.entries(p.functions)) s.invocations[fn] = (s.invocations[fn] ?? 0) + t.invocations / k;
      for (const [fn, c] of Object.entries(p.counts.logs ?? {})) {
        const t = (s.logs[fn] ??= { lines: 0, bytes: 0 });
        t.lines += c.lines / k;
        t.bytes += c.bytes / k;
      }
      phases.set(p.phase, s);
    }
  }
  const byFunction: Record<string, LogCount> = {};
  let invocations = 0;
  for (const p of phases.values()) {
    if (p.phase.startsWith('case')) continue;
    invocations += Object.values(p.invocations).reduce((n, x) => n + x, 0);
    for (const [fn, c] of Object.entries(p.logs)) {
      const t = (byFunction[fn] ??= { lines: 0, bytes: 0 });
      t.lines += c.lines;
      t.bytes += c.bytes;
    }
  }
  const all = Object.values(byFunction);
  return {
    level,
    k,
    phases: [...phases.values()],
    perReferral: { lines: all.reduce((n, c) => n + c.lines, 0), bytes: all.reduce((n, c) => n + c.bytes, 0), invocations, byFunction },
  };
}

/** Run on its own (spawned by bench/run.ts): a fresh stack at Lambda's level, k lifecycles. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const k = Number(process.env.BENCH_LIFECYCLE ?? 3);
  const log = (s: string) => process.stderr.write(`[bench logs] ${s}\n`);
  const result = process.stdout.write.bind(process.stdout);
  process.env.BENCH_LOG_LEVEL = LAMBDA_LOG_LEVEL;
  const bench = new PlatformBench();
  const unmeter = [process.stdout, process.stderr].map((s) => meterLogs(s, () => bench.counter.logs));
  let code = 1;
  try {
    await bench.start();
    log(`${k} referral(s) through their whole life at ${LAMBDA_LOG_LEVEL}`);
    const runs: PhaseResult[][] = [];
    for (let i = 0; i < k; i++) runs.push((await bench.lifecycle(1)).phases);
    result(JSON.stringify(logVolume(runs, LAMBDA_LOG_LEVEL)) + '\n');
    code = 0;
  } catch (e) {
    log(`failed: ${(e as Error).stack ?? e}`);
  } finally {
    await bench.stop().catch(() => undefined);
    unmeter.forEach((u) => u());
  }
  process.exit(code);
}
