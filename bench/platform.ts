/**
 * The platform's path on the local stack: referral write (POST /cases/{id}/referrals) → stream →
 * route-referrals → stream → deliver-notifications → SES v2 emulator accepts the office's email.
 * Also one referral's whole life (created, routed, sent, accepted and completed through the
 * signed links), with every DynamoDB call counted on the handlers' own clients.
 */
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import { MovableClock } from '../shared/domain/clock.js';
import { documentClient, sesClient, snsClient } from '../shared/aws/clients.js';
import { bundledDirectory } from '../shared/directory/directory.js';
import { smsStats } from '../shared/messages/sms.js';
import { Counter, countDynamo, countProvider, percentile, type Snapshot } from './counting.js';

/** Monday 23 November 2026, 10:00 in Kosovo: working hours, no SMS quiet hours (as the integration tests). */
const START = new Date('2026-11-23T09:00:00Z');

/** How long one referral's office email is waited for, one at a time (the provider's request timeout is 10 s). */
const EMAIL_WAIT_MS = 30_000;

export interface FunctionTiming {
  invocations: number;
  records: number;
  totalMs: number;
}

export interface PhaseResult {
  phase: string;
  counts: Snapshot;
  functions: Record<string, FunctionTiming>;
}

export interface LatencyResult {
  n: number;
  mode: string;
  concurrency: number;
  received: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  wallMs: number;
  throughputPerS: number;
}

export class PlatformBench {
  stack!: LocalStack;
  counter = new Counter();
  /** Per function: invocations and handler time (stream functions: the handler itself; HTTP: round trip). */
  timings: Record<string, FunctionTiming> = {};
  private waiting = new Map<string, { t0: number; resolve: (at: number) => void }>();
  lastEmails: { subject: string; text: string; to: string[] }[] = [];
  private coordinatorId = bundledDirectory().municipality('obiliq')!.coordinators[0]!.id;

  async start(): Promise<void> {
    this.stack = await startLocalStack({ logLevel: process.env.BENCH_LOG_LEVEL ?? 'ERROR', clock: new MovableClock(START) });
    // The sweep and the cron jobs run on a clock of their own: not during the measurements.
    await this.stack.scheduler.stop();
    countDynamo(documentClient() as any, this.counter);
    countProvider(sesClient() as any, this.counter, 'ses', (input, at) => this.onEmail(input, at));
    countProvider(snsClient() as any, this.counter, 'sns', undefined, (t) => smsStats(t).segments);
    for (const p of this.stack.pollers) {
      const opts = (p as any).opts as { functionName: string; handler: (e: DynamoDBStreamEvent, c: Context) => Promise<unknown> };
      const inner = opts.handler;
      opts.handler = async (e, c) => {
        const t0 = performance.now();
        try {
          return await inner(e, c);
        } finally {
          this.time(opts.functionName, performance.now() - t0, e.Records.length);
        }
      };
    }
  }

  private time(fn: string, ms: number, records = 1): void {
    const t = (this.timings[fn] ??= { invocations: 0, records: 0, totalMs: 0 });
    t.invocations++;
    t.records += records;
    t.totalMs += ms;
  }

  private onEmail(input: Record<string, any>, at: number): void {
    const subject: string = input.Content?.Simple?.Subject?.Data ?? '';
    const text: string = input.Content?.Simple?.Body?.Text?.Data ?? '';
    this.lastEmails.push({ subject, text, to: input.Destination?.ToAddresses ?? [] });
    if (this.lastEmails.length > 50) this.lastEmails.shift();
    for (const [smr, w] of this.waiting) {
      if (subject.includes(smr)) {
        this.waiting.delete(smr);
        w.resolve(at);
        break;
      }
    }
  }

  private async call(fn: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    // Signed in before the clock starts: a coordinator's console holds its token for the hour.
    const token = await this.stack.pool.token('obiliq-head');
    const t0 = performance.now();
    const res = await fetch(`${this.stack.api.endpoint}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    this.time(fn, performance.now() - t0);
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  }

  /** The office's answer as a browser posts it from the link's page: same origin (shared/links/same-origin.ts). */
  private async post(fn: string, url: string, form: Record<string, string> = {}): Promise<number> {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams(form).toString(),
    });
    await res.text();
    this.time(fn, performance.now() - t0);
    return res.status;
  }

  async createCase(smr: string): Promise<string> {
    const res = await this.call('api', 'POST', '/cases', {
      smrCaseId: smr, municipalityId: 'obiliq', coordinatorId: this.coordinatorId, arrivalDate: '2026-11-23', category: 'returnee',
      preferredLanguage: 'sq', phone: '049 555 123', consent: { sms: true, shareWithOffices: true },
      household: [
        { id: 'p1', givenName: 'Arben', familyName: 'Krasniqi', birthYear: 1984, role: 'head' },
        { id: 'p2', givenName: 'Liridon', familyName: 'Krasniqi', birthYear: 2015, role: 'child' },
      ],
    });
    if (res.status !== 201) throw new Error(`POST /cases: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.caseId as string;
  }

  private referral(caseId: string) {
    return this.call('api', 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
  }

  private phase(name: string, before: Record<string, FunctionTiming>): PhaseResult {
    const functions: Record<string, FunctionTiming> = {};
    for (const [fn, t] of Object.entries(this.timings)) {
      const b = before[fn] ?? { invocations: 0, records: 0, totalMs: 0 };
      if (t.invocations > b.invocations) functions[fn] = { invocations: t.invocations - b.invocations, records: t.records - b.records, totalMs: t.totalMs - b.totalMs };
    }
    return { phase: name, counts: this.counter.snapshot(), functions };
  }

  /** `k` referrals through their whole life, one at a time; each phase's counts summed over the k. */
  async lifecycle(k: number): Promise<{ k: number; phases: PhaseResult[] }> {
    const sums = new Map<string, PhaseResult>();
    const add = (r: PhaseResult) => {
      const s = sums.get(r.phase);
      if (!s) return void sums.set(r.phase, r);
      for (const [c, v] of Object.entries(r.counts.dynamo)) {
        const t = (s.counts.dynamo[c] ??= { calls: 0, items: 0, units: 0, refused: 0, refusedUnits: 0 });
        t.calls += v.calls; t.items += v.items; t.units += v.units; t.refused += v.refused; t.refusedUnits += v.refusedUnits;
      }
      s.counts.sesEmails += r.counts.sesEmails; s.counts.smsMessages += r.counts.smsMessages; s.counts.smsSegments += r.counts.smsSegments;
      for (const [fn, v] of Object.entries(r.functions)) {
        const t = (s.functions[fn] ??= { invocations: 0, records: 0, totalMs: 0 });
        t.invocations += v.invocations; t.records += v.records; t.totalMs += v.totalMs;
      }
    };
    const step = async (name: string, body: () => Promise<void>) => {
      await this.stack.settle();
      this.counter.reset();
      const before = structuredClone(this.timings);
      await body();
      await this.stack.settle();
      add(this.phase(name, before));
    };
    for (let i = 0; i < k; i++) {
      const smr = `SMR-BENCH-LIFE-${i}-${Date.now()}`;
      let caseId = '';
      await step('case created (per case, not per referral)', async () => void (caseId = await this.createCase(smr)));
      this.lastEmails = [];
      await step('1 referral written → routed → email + SMS sent', async () => {
        const r = await this.referral(caseId);
        if (r.status !== 201) throw new Error(`POST referral: ${r.status} ${JSON.stringify(r.body)}`);
      });
      const mail = this.lastEmails.find((m) => m.subject.includes(smr) && m.text.includes('/r/'));
      if (!mail) throw new Error(`no office email with links for ${smr}`);
      const links: Record<string, string> = {};
      for (const u of new Set(mail.text.match(/http:\/\/localhost:\d+\/r\/[A-Za-z0-9_.-]+/g) ?? [])) {
        const claims = JSON.parse(Buffer.from(u.split('/r/')[1]!.split('.')[0]!, 'base64url').toString('utf8')) as { action: string };
        links[claims.action] = u;
      }
      // The bench's coordinator keeps the directory's defaults: an acceptance and "done" wait for the
      // next daily digest (which goes on such a day anyway), so they send no email of their own.
      await step('2 accepted (POST /r/{token}) → returnee texted, the coordinator told in the next daily digest', async () => {
        const s = await this.post('respond', links.accept!, { confirm: 'yes' });
        if (s !== 200) throw new Error(`accept: ${s}`);
      });
      await step('3 completed (POST /r/{token} outcome=done) → the coordinator told in the next daily digest', async () => {
        const s = await this.post('respond', links.outcome!, { outcome: 'done' });
        if (s !== 200) throw new Error(`outcome: ${s}`);
      });
    }
    return { k, phases: [...sums.values()] };
  }

  /** One sweep with nothing due: the fixed cost of the 5-minute schedule. */
  async idleSweep(): Promise<{ ms: number; counts: Snapshot }> {
    await this.stack.settle();
    this.counter.reset();
    const t0 = performance.now();
    await this.stack.handlers.sweepTimers({ task: 'sweep-timers' });
    const ms = performance.now() - t0;
    return { ms, counts: this.counter.snapshot() };
  }

  /**
   * `n` referrals, `concurrency` writers, each writing its next referral as soon as the API
   * answered (concurrency 1 with waitForEmail: one at a time, the unloaded latency). Latency: from
   * just before the POST to the SES emulator's answer to the office email's SendEmail.
   */
  async latency(n: number, concurrency: number, waitForEmail: boolean, beforeWrites?: () => Promise<void>): Promise<LatencyResult> {
    const tag = `${Date.now()}`;
    const cases: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < n; i = next++) cases[i] = await this.createCase(`SMR-BENCH-${tag}-${i}-X`);
      }),
    );
    await this.stack.settle();
    // Counted in the lifecycle; timed like the floor, with nothing estimated on the handlers' clients.
    this.counter.paused = true;
    try {
      await beforeWrites?.();
      return await this.timedWrites(tag, cases, concurrency, waitForEmail);
    } finally {
      this.counter.paused = false;
    }
  }

  private async timedWrites(tag: string, cases: string[], concurrency: number, waitForEmail: boolean): Promise<LatencyResult> {
    const n = cases.length;
    const latencies: number[] = [];
    const done: Promise<void>[] = [];
    let next = 0;
    const t0All = performance.now();
    let lastAt = t0All;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < n; i = next++) {
          const smr = `SMR-BENCH-${tag}-${i}-X`;
          const t0 = performance.now();
          const got = new Promise<void>((resolve) =>
            this.waiting.set(smr, {
              t0,
              resolve: (at) => {
                latencies.push(at - t0);
                lastAt = Math.max(lastAt, at);
                resolve();
              },
            }),
          );
          done.push(got);
          const r = await this.referral(cases[i]!);
          if (r.status !== 201) throw new Error(`POST referral: ${r.status}`);
          // An email may never come: one whose SendEmail got no answer in time is `unconfirmed`,
          // never resent. The run goes on and reports it as not received, rather than waiting for ever.
          if (waitForEmail) {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([got, new Promise((r) => (timer = setTimeout(r, EMAIL_WAIT_MS)))]);
            clearTimeout(timer);
          }
        }
      }),
    );
    // One at a time, each was waited for above.
    if (!waitForEmail) await Promise.race([Promise.all(done), new Promise((r) => setTimeout(r, 120_000))]);
    this.waiting.clear();
    await this.stack.settle(60_000);
    const sorted = [...latencies].sort((a, b) => a - b);
    const wallMs = lastAt - t0All;
    return {
      n, mode: waitForEmail ? 'one at a time' : `burst, ${concurrency} writers`, concurrency, received: sorted.length,
      p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? NaN, wallMs,
      throughputPerS: (sorted.length / wallMs) * 1000,
    };
  }

  /** Stops the platform's pollers (the floor then runs with no platform code polling). */
  async quiet(): Promise<void> {
    await this.stack.settle(60_000).catch(() => undefined);
    await Promise.all(this.stack.pollers.map((p) => p.stop()));
  }

  async stop(): Promise<void> {
    await this.stack?.stop();
  }
}
