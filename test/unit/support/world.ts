import type { Logger } from '@aws-lambda-powertools/logger';
import { DeliveryError, type EmailMessage, type EmailSender, type Sent, type SmsMessage, type SmsSender } from '../../../shared/channels/ports.js';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import type { Actor } from '../../../shared/domain/actor.js';
import type { Clock } from '../../../shared/domain/clock.js';
import { kosovoHolidays } from '../../../shared/domain/holidays.js';
import type { IntakeResult } from '../../../shared/domain/result.js';
import type { SigningKeySource } from '../../../shared/links/signing-key.js';
import type { MetricsRecorder } from '../../../shared/observability/metrics.js';
import { deliverIntent, type DeliverDeps } from '../../../shared/delivery/deliver-intent.js';
import { icsAttachment } from '../../../shared/meetings/ics.js';
import type { CreateReferralInput } from '../../../shared/domain/case.js';
import { createCase, createReferral, type IntakeDeps } from '../../../shared/referrals/intake.js';
import { routeReferral, type RouteDeps } from '../../../shared/referrals/route-referral.js';
import type { SweepDeps } from '../../../shared/timers/sweep.js';
import { OBILIQ_HOUSEHOLD } from '../assessment/fixtures.js';
import { inMemoryRepositories } from '../../../shared/store/in-memory/repositories.js';

/**
 * A world for the use cases' fast tests: the in-memory repositories (the same promises as the
 * DynamoDB ones, test/contract/), the bundled directory and holidays, a clock the test moves, a
 * logger that keeps what it was told, and senders that keep what they were given.
 */

/** Monday 23 November 2026, 10:00 in Kosovo: working hours, no SMS quiet hours. */
export const MONDAY = new Date('2026-11-23T09:00:00.000Z');
export const COORDINATOR: Actor = { by: 'user:obiliq-zkkk-01', role: 'coordinator' };
export const LINK_KEY = Buffer.alloc(32, 7);

export class TestClock implements Clock {
  constructor(private at: Date = MONDAY) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date | string): void {
    this.at = new Date(at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export type LogEntry = { level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields: Record<string, unknown> };

/** A logger that keeps every line, for tests that read what a use case says it did. */
export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, fields: Record<string, unknown> = {}) => void entries.push({ level, message, fields });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger & { entries: LogEntry[] };
}

/** What a provider would be asked to send, in order; `fail` makes the next sends throw, one error each. */
export class MemoryEmailSender implements EmailSender {
  readonly sent: EmailMessage[] = [];
  readonly failures: DeliveryError[] = [];
  async send(message: EmailMessage): Promise<Sent> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { providerMessageId: `email-${this.sent.length}` };
  }
}

export class MemorySmsSender implements SmsSender {
  readonly sent: SmsMessage[] = [];
  readonly failures: DeliveryError[] = [];
  readonly optedOut = new Set<string>();
  async send(message: SmsMessage): Promise<Sent> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { providerMessageId: `sms-${this.sent.length}` };
  }
  async isOptedOut(phoneNumber: string): Promise<boolean> {
    return this.optedOut.has(phoneNumber);
  }
}

export { DeliveryError };

/** Runs `act` once, before the next call of `target[method]`: what another request or a delivery does between a use case's read and its write. */
export function onceBefore<T extends object>(target: T, method: keyof T & string, act: () => Promise<unknown>): void {
  const original = target[method] as (...args: unknown[]) => Promise<unknown>;
  Object.assign(target, {
    [method]: async (...args: unknown[]) => {
      Object.assign(target, { [method]: original });
      await act();
      return original.apply(target, args);
    },
  });
}

/** Runs `act` once, while the next SMS is being sent (claimed, not yet answered); that attempt then fails with `failures`, if any. */
export function whileSending(sms: MemorySmsSender, failures: DeliveryError[], act: () => Promise<unknown>): void {
  onceBefore(sms, 'send', async () => {
    await act();
    sms.failures.push(...failures);
  });
}

export function world(start: Date = MONDAY) {
  const repos = inMemoryRepositories();
  const clock = new TestClock(start);
  const directory = bundledDirectory();
  const holidays = kosovoHolidays();
  const logger = recordingLogger();
  const metrics: MetricsRecorder & { counts: Record<string, number> } = {
    counts: {},
    addMetric(name, _unit, value) {
      this.counts[name] = (this.counts[name] ?? 0) + value;
    },
  };
  const key: SigningKeySource = { load: async () => ({ current: LINK_KEY }) };
  const intake: IntakeDeps = { ...repos, directory, holidays, clock, retentionDays: 730 };
  return { repos, table: repos.table, clock, directory, holidays, logger, metrics, key, intake };
}

export type World = ReturnType<typeof world>;

/** The value of a use case's result, or the test fails saying what the problem was. */
export function valueOf<T>(result: IntakeResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.problem.kind}: ${result.problem.message}`);
  return result.value;
}

/** An arrival in Obiliq as POST /cases takes it: the plans' family of four, SMS and sharing consented. */
export function arrival(smrCaseId = 'SMR-2026-0142', fields: Record<string, unknown> = {}) {
  return {
    smrCaseId,
    municipalityId: 'obiliq',
    coordinatorId: 'obiliq-zkkk-01',
    arrivalDate: '2026-11-20',
    category: 'returnee' as const,
    preferredLanguage: 'sq' as const,
    phone: '+38349555123',
    consent: { sms: true, shareWithOffices: true },
    household: OBILIQ_HOUSEHOLD.map((m) => ({ ...m })),
    ...fields,
  };
}

export const LINKS_BASE = 'https://links.example.org';
export const LEASE_SECONDS = 60;

/** What the route-referrals function hands its use case, over this world. */
export const routeDeps = (w: World): RouteDeps => ({ ...w.repos, holidays: w.holidays, directory: w.directory, clock: w.clock, logger: w.logger });

/** What the sweep-timers function hands its use case, over this world. */
export const sweepDeps = (w: World): SweepDeps => ({
  ...w.repos,
  worklistDeps: w.repos,
  retentionDays: 730,
  directory: w.directory,
  holidays: w.holidays,
  clock: w.clock,
  logger: w.logger,
});

/** What the deliver-notifications function hands its use case, with senders that keep what they are given. */
export function deliverDeps(w: World) {
  const email = new MemoryEmailSender();
  const sms = new MemorySmsSender();
  const deps: DeliverDeps = {
    ...w.repos,
    directory: w.directory,
    email,
    sms,
    clock: w.clock,
    logger: w.logger,
    metrics: w.metrics,
    leaseSeconds: LEASE_SECONDS,
    retry: { baseSeconds: 60, capSeconds: 3600, maxAgeSeconds: 86_400, maxAttempts: 5 },
    mode: 'live',
    simulatedPhones: new Set(),
    links: { baseUrl: LINKS_BASE, key: w.key },
    calendar: icsAttachment,
  };
  return { deps, email, sms };
}

/**
 * A case registered and one referral made and routed: the office's email and the returnee's SMS
 * as the stream would hand them to the deliver function. The case's welcome SMS went out before
 * (as the stream sends it at registration, to a phone of its own), unless `welcome: 'pending'`
 * leaves it queued, to go with the referral's SMS in one message.
 */
export async function routed(w: World, opts: { case?: Record<string, unknown>; referral?: CreateReferralInput; welcome?: 'sent' | 'pending' } = {}) {
  const c = valueOf(await createCase(arrival('SMR-2026-0142', opts.case), w.intake, COORDINATOR));
  if (opts.welcome !== 'pending') {
    const welcome = (await w.repos.cases.view(c.caseId))!.intents.find((i) => i.purpose === 'case.welcome' && i.status === 'queued');
    if (welcome) await deliverIntent(welcome, { ...deliverDeps(w).deps, metrics: { addMetric() {} } });
  }
  const r = valueOf(await createReferral(c.caseId, opts.referral ?? { officeKind: 'civil_registry', need: 'civil_documents' }, w.intake));
  await routeReferral(r, routeDeps(w));
  const intents = (await w.repos.cases.view(c.caseId))!.intents;
  // The referral's own: the case has its welcome SMS too.
  const own = intents.filter((i) => i.referralId === r.referralId);
  return { c, r, email: own.find((i) => i.channel === 'email')!, sms: own.find((i) => i.channel === 'sms')! };
}

