/**
 * `npm run soak`: "never twice, never lost" at volume, with faults, on the whole local stack
 * (local/stack.ts: DynamoDB Local with streams, the SES v2 emulator, the SMS sink). Part of #7.
 *
 * - writes SOAK_N cases with one referral each (SOAK_CONCURRENCY writers, through the API);
 * - faults: (a) the stack's deliver-notifications poller is replaced by a private one (same
 *   trigger declaration, same event source mapping rules) running the stack's very handler
 *   (functions/deliver-notifications/handler.ts, `createHandler` with the production deps)
 *   wrapped so that a share of invocations (SOAK_CRASH_RATE, 5 %) throws *after* the real call
 *   returned: the batch was sent, Lambda never heard back, the batch comes again;
 *   (b) every SOAK_THROTTLE_EVERY_MS during the writes, alternately, the SMS sink answers the
 *   next 10 Publish calls with SNS throttling and the SES emulator the next 10 SendEmail calls
 *   with SES v2's 429 TooManyRequestsException (one for each of a batch's sends, which run at
 *   once): the real
 *   clients and adapters meet real error responses, and some SMS and emails are deferred by the
 *   platform's backoff and released later by the sweep;
 *   (c) one poison Intent (malformed: no intentId, unknown channel...) written directly half-way,
 *   which must end alone in the DLQ without holding up the rest;
 *   (d) a share of intents (SOAK_ACCEPT_CRASH_RATE) whose attempt dies after the provider took the
 *   message and before the record: they must end `unconfirmed` (by a redelivery or the sweep at
 *   the lease's end), their message sent once;
 *   (e) a share (SOAK_PARK_RATE) whose own stream record is failed until the mapping parks it:
 *   the sweep must put them back on the stream (their delivery watch) and send each once;
 * - SOAK_MINUTES bounds the writing: past it no more referrals are written, and what was written
 *   is settled and counted;
 * - then settles with no manual step (no DLQ redrive): streams drained, the local clock moved to
 *   the next due time of any unfinished intent (a retry, a lapsed lease, a watch) and the sweep
 *   run there, until every intent is sent or unconfirmed; counts and checks. Exit 1 if an
 *   invariant fails.
 * Writes soak/results/latest.json.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient, PutItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { FUNCTIONS } from '../events/triggers.js';
import type { IntentItem } from '../shared/store/intent.js';
import type { IntentRepository } from '../shared/store/ports.js';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import { StreamPoller, type DlqMessage } from '../local/stream-poller.js';
import { bundledDirectory } from '../shared/directory/directory.js';
import { MovableClock } from '../shared/domain/clock.js';
import { DeliverConfig, loadConfig } from '../shared/config/config.js';
import { deliverDeps } from '../functions/deliver-notifications/deps.js';

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const knobs = {
  SOAK_N: num('SOAK_N', 10_000),
  SOAK_MINUTES: num('SOAK_MINUTES', 90),
  SOAK_SETTLE_MINUTES: num('SOAK_SETTLE_MINUTES', 30),
  SOAK_CONCURRENCY: num('SOAK_CONCURRENCY', 8),
  SOAK_CRASH_RATE: num('SOAK_CRASH_RATE', 0.05),
  SOAK_ACCEPT_CRASH_RATE: num('SOAK_ACCEPT_CRASH_RATE', 0.01),
  SOAK_PARK_RATE: num('SOAK_PARK_RATE', 0.01),
  SOAK_THROTTLE_EVERY_MS: num('SOAK_THROTTLE_EVERY_MS', 3000),
  SOAK_LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'CRITICAL',
};
/**
 * Throttled answers per burst: one for each call of a deliver batch (its sends run at once). The
 * clients that send make one attempt per call (shared/aws/clients.ts), so each throttled answer
 * reaches the platform's backoff.
 */
const THROTTLED_PER_BURST = FUNCTIONS.deliverNotifications.trigger.batchSize;
/** Monday 23 November 2026, 10:00 in Kosovo: working hours, no SMS quiet hours (as the tests and the bench). */
const START = new Date('2026-11-23T09:00:00Z');
const POISON = 'SOAK-POISON';
/** The welcome SMS's words in Albanian (templates/case.returnee.welcome): told apart from the referral's SMS. */
const WELCOME_SQ = /Rastin tuaj e ndjek/;
/** The household SMS's list in Albanian (templates/household.returnee.sms), letters or GSM-7: a welcome and a referral's SMS due together went as one. */
const HOUSEHOLD_SQ = /Hapat tuaj t[eë] ardhsh[eë]m:/;
const REGION = 'eu-central-1';

const log = (s: string) => process.stderr.write(`[soak ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${s}\n`);
const t0 = Date.now();
const startLoad = loadavg();
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const tag = Date.now().toString(36).toUpperCase();
const smrOf = (i: number) => `SMR-SOAK-${tag}-${i}`;
/** One distinct mobile number per case, so the sink can be counted per returnee: 049 5xx xxx. */
const phoneOf = (i: number) => `049${String(500_000 + i).padStart(6, '0')}`;
const e164Of = (i: number) => `+383${phoneOf(i).slice(1)}`;

const faults = {
  crashes: 0,
  crashCandidates: 0,
  invocations: 0,
  throttleInjections: 0,
  throttledPublishesInjected: 0,
  throttledSendEmailsInjected: 0,
  poisonWritten: false,
  /** Intents whose attempt died after the provider took the message (key pk|intentId). */
  crashedAfterAccept: new Set<string>(),
  /** Intents whose own stream record was failed until parked. */
  parked: new Set<string>(),
  /**
   * What each deliver attempt holds, by case, lease and the intent whose record it is on
   * (pk|leaseUntil|intentId): that intent and those it claimed into the same SMS (claimDue, which
   * names it as the one they merge into).
   */
  heldByAttempt: new Map<string, Set<string>>(),
  /**
   * Every intent an attempt held when it died after the provider took the message: in a household
   * SMS the death may come at another member's record (the members are recorded in the message's
   * order, the welcome first, while the attempt's own intent may be a referral's), and each of them
   * is then held until the lease ends: their records retried until parked, their fate unknown.
   */
  inDeadAttempt: new Set<string>(),
  /** Intents a deliver attempt claimed into another intent's SMS. */
  claimedIntoAnother: new Set<string>(),
};
const keyOf = (i: Pick<IntentItem, 'pk' | 'intentId'>) => `${i.pk}|${i.intentId}`;
const phases: Record<string, number> = {};

const stack: LocalStack = await startLocalStack({ logLevel: knobs.SOAK_LOG_LEVEL, clock: new MovableClock(START) });
let exitCode = 1;
try {
  exitCode = await soak();
} catch (e) {
  log(`failed: ${(e as Error).stack ?? e}`);
} finally {
  await stack.stop().catch(() => undefined);
}
process.exit(exitCode);

// ---------------------------------------------------------------------------------------------

async function soak(): Promise<number> {
  log(`local stack up; knobs ${JSON.stringify(knobs)}`);
  const deliverPoller = await replaceDeliverPoller();
  // Every stream invocation is kept by the stack for the tests' redeliveries: bounded here.
  const trim = setInterval(() => (stack.invocations.length = 0), 2000);

  // ---- write ----
  const writeDeadline = t0 + knobs.SOAK_MINUTES * 60_000;
  const written: number[] = [];
  /** The case of each referral written, to find its intents. */
  const caseOf = new Map<number, string>();
  const writeErrors: string[] = [];
  let next = 0;
  let stoppedByTime = false;
  const throttle = setInterval(() => {
    // Both providers, alternately: SNS 429 Throttled on Publish, SES v2 429 TooManyRequestsException on SendEmail.
    if (faults.throttleInjections % 2 === 0) {
      stack.sms.failPublishes(THROTTLED_PER_BURST);
      faults.throttledPublishesInjected += THROTTLED_PER_BURST;
    } else {
      stack.ses.failSends(THROTTLED_PER_BURST);
      faults.throttledSendEmailsInjected += THROTTLED_PER_BURST;
    }
    faults.throttleInjections++;
  }, knobs.SOAK_THROTTLE_EVERY_MS);
  const progress = setInterval(() => log(`written ${written.length}/${knobs.SOAK_N}; deliver invocations ${faults.invocations}, crashed ${faults.crashes}; SMS in sink ${stack.sms.messages().length}`), 15_000);
  const tw = Date.now();
  await Promise.all(
    Array.from({ length: knobs.SOAK_CONCURRENCY }, async () => {
      for (let i = next++; i < knobs.SOAK_N; i = next++) {
        if (Date.now() > writeDeadline) {
          stoppedByTime = true;
          return;
        }
        if (i === Math.floor(knobs.SOAK_N / 2) && !faults.poisonWritten) await writePoison();
        try {
          caseOf.set(i, await writeReferral(i));
          written.push(i);
        } catch (e) {
          writeErrors.push(`${i}: ${(e as Error).message}`);
        }
      }
    }),
  );
  if (!faults.poisonWritten) await writePoison();
  clearInterval(throttle);
  phases.writeS = (Date.now() - tw) / 1000;
  log(`wrote ${written.length} referral(s) in ${phases.writeS.toFixed(0)} s${stoppedByTime ? ` (stopped by SOAK_MINUTES=${knobs.SOAK_MINUTES})` : ''}; ${writeErrors.length} write error(s)`);

  // ---- settle ----
  const ts = Date.now();
  const settleDeadline = Date.now() + knobs.SOAK_SETTLE_MINUTES * 60_000;
  let settled = false;
  const releaseRounds: { clock: string; deferred: number; queued: number; sending: number }[] = [];
  while (Date.now() < settleDeadline) {
    try {
      await stack.settle(Math.max(5_000, Math.min(120_000, settleDeadline - Date.now())));
    } catch {
      log('still busy…');
      continue;
    }
    // Unfinished: a retry waiting for its time, a lapsed lease, a record the deliver function never
    // got (each with its delivery watch in the timers index). Nobody redrives anything: the clock
    // moves to the latest of their due times and the sweep runs there, as the schedule would.
    const open = (await scanIntents()).filter((i) => !i.pk.includes(POISON) && ['deferred', 'queued', 'sending'].includes(i.status));
    if (open.length === 0) {
      settled = true;
      break;
    }
    const latest = Math.max(...open.map((d) => Date.parse(d.dueAt ?? '') || 0), stack.clock.now().getTime());
    stack.clock.set(new Date(latest + 1000));
    const by = (status: string) => open.filter((i) => i.status === status).length;
    releaseRounds.push({ clock: stack.clock.now().toISOString(), deferred: by('deferred'), queued: by('queued'), sending: by('sending') });
    log(`${open.length} unfinished intent(s) (deferred ${by('deferred')}, queued ${by('queued')}, sending ${by('sending')}): clock → ${stack.clock.now().toISOString()}, sweep`);
    await stack.handlers.sweepTimers({ task: 'sweep-timers' });
  }
  clearInterval(progress);
  clearInterval(trim);
  phases.settleS = (Date.now() - ts) / 1000;
  log(`settle: ${settled ? 'done' : 'NOT settled'} in ${phases.settleS.toFixed(0)} s`);

  // ---- count ----
  const tc = Date.now();
  const emails = await inbox();
  const sms = stack.sms.messages();
  const intents = (await scanIntents()).filter((i) => !i.pk.includes(POISON));
  phases.countS = (Date.now() - tc) / 1000;

  const writtenSet = new Set(written.map(smrOf));
  const officeEmailsPerSmr = new Map<string, number>();
  let otherEmails = 0;
  for (const e of emails) {
    const smr = /SMR-SOAK-[A-Z0-9]+-\d+/.exec(e.subject)?.[0];
    if (smr && writtenSet.has(smr) && !e.destination.to.includes(coordinator.email)) officeEmailsPerSmr.set(smr, (officeEmailsPerSmr.get(smr) ?? 0) + 1);
    else otherEmails++;
  }
  // Each case gets two SMS: the welcome at registration (with consent) and the referral's. They are
  // counted apart, by the welcome's words (every soak case writes in Albanian), each once; when
  // both were due together they went as one household SMS, which counts for each.
  const smsPerPhone = new Map<string, number>();
  const welcomesPerPhone = new Map<string, number>();
  let householdSms = 0;
  const bump = (counts: Map<string, number>, phone: string) => counts.set(phone, (counts.get(phone) ?? 0) + 1);
  for (const m of sms) {
    const household = HOUSEHOLD_SQ.test(m.message);
    if (household) householdSms++;
    if (WELCOME_SQ.test(m.message)) bump(welcomesPerPhone, m.phoneNumber);
    if (!WELCOME_SQ.test(m.message) || household) bump(smsPerPhone, m.phoneNumber);
  }

  const statusOf = new Map(intents.map((it) => [`${it.pk}|${it.purpose}`, it.status]));
  /** Not received, but explicitly so: its intent is unconfirmed and its coordinator has it to check. */
  const unconfirmedNotReceived = { email: 0, sms: 0 };
  const emailHistogram: Record<string, number> = {};
  const smsHistogram: Record<string, number> = {};
  const examples: { duplicate: string[]; lost: string[] } = { duplicate: [], lost: [] };
  let emailDuplicates = 0, emailLost = 0, smsDuplicates = 0, smsLost = 0, welcomeDuplicates = 0, welcomeLost = 0;
  for (const i of written) {
    const ne = officeEmailsPerSmr.get(smrOf(i)) ?? 0;
    const ns = smsPerPhone.get(e164Of(i)) ?? 0;
    emailHistogram[ne] = (emailHistogram[ne] ?? 0) + 1;
    smsHistogram[ns] = (smsHistogram[ns] ?? 0) + 1;
    if (ne > 1) emailDuplicates += ne - 1;
    if (ns > 1) smsDuplicates += ns - 1;
    const nw = welcomesPerPhone.get(e164Of(i)) ?? 0;
    if (nw > 1) welcomeDuplicates += nw - 1;
    if (nw === 0 && statusOf.get(`CASE#${caseOf.get(i)}|case.welcome`) !== 'unconfirmed') welcomeLost++;
    // Lost: nothing arrived and nothing says so. An intent `unconfirmed` (the provider's answer was
    // lost, or the attempt died past it) is a final state with its follow-up, counted apart.
    const emailStatus = statusOf.get(`CASE#${caseOf.get(i)}|referral.office`);
    const smsStatus = statusOf.get(`CASE#${caseOf.get(i)}|referral.returnee`);
    if (ne === 0 && emailStatus === 'unconfirmed') unconfirmedNotReceived.email++;
    else if (ne === 0) emailLost++;
    if (ns === 0 && smsStatus === 'unconfirmed') unconfirmedNotReceived.sms++;
    else if (ns === 0) smsLost++;
    if ((ne > 1 || ns > 1) && examples.duplicate.length < 10) examples.duplicate.push(`${smrOf(i)} email ${ne} sms ${ns}`);
    if (((ne === 0 && emailStatus !== 'unconfirmed') || (ns === 0 && smsStatus !== 'unconfirmed')) && examples.lost.length < 10) examples.lost.push(`${smrOf(i)} email ${ne} (${emailStatus}) sms ${ns} (${smsStatus})`);
  }
  const writtenPhones = new Set(written.map(e164Of));
  const smsToOthers = sms.filter((m) => !writtenPhones.has(m.phoneNumber)).length;

  const intentsByStatus: Record<string, Record<string, number>> = {};
  let attemptsMax = 0;
  const retriedByChannel: Record<string, number> = {};
  for (const it of intents) {
    (intentsByStatus[it.channel] ??= {})[it.status] = (intentsByStatus[it.channel]![it.status] ?? 0) + 1;
    if (it.attempts > 1) {
      retriedByChannel[it.channel] = (retriedByChannel[it.channel] ?? 0) + 1;
    }
    attemptsMax = Math.max(attemptsMax, it.attempts);
  }
  const notSent = intents.filter((i) => i.status !== 'sent');
  const unconfirmed = intents.filter((i) => i.status === 'unconfirmed');
  const parkedBackOnStream = intents.filter((i) => faults.parked.has(keyOf(i)));
  const expectedDlqKeys = new Set([...faults.parked, ...faults.crashedAfterAccept, ...faults.inDeadAttempt]);
  /**
   * Sent in one household SMS with another intent of its case (first in it, or merged into another,
   * or claimed into another's by an attempt that died before recording that one).
   */
  const inHouseholdSms = (i: IntentRow) =>
    i.mergedInto !== undefined || intents.some((o) => o.pk === i.pk && o.mergedInto === i.intentId) || faults.claimedIntoAnother.has(keyOf(i));
  /** Unknown with the household SMS it went in: another intent of the same message died after the provider took it. */
  const inCrashedMessage = (i: IntentRow) =>
    faults.inDeadAttempt.has(keyOf(i)) ||
    (i.mergedInto !== undefined &&
    (faults.crashedAfterAccept.has(keyOf({ pk: i.pk, intentId: i.mergedInto })) ||
      unconfirmed.some((u) => u.pk === i.pk && u.mergedInto === i.mergedInto && faults.crashedAfterAccept.has(keyOf(u)))));

  const deliverDlq = stack.dlq.filter((m) => m.requestContext.functionArn.endsWith(`:${FUNCTIONS.deliverNotifications.name}`));
  const poisonParked = stack.dlq.filter((m) => JSON.stringify(m.records).includes(POISON));
  // Every other parked record is one the soak meant to lose: a record failed until parked, or one
  // retried within the lease of an attempt that died after the provider took the message.
  const unexpectedlyParked = stack.dlq
    .filter((m) => !JSON.stringify(m.records).includes(POISON))
    .flatMap((m) => m.records)
    .filter((r) => {
      // The parked record's key as logs show it: "<pk> <sk>", ids only.
      const [pk, sk = ''] = r.key.split(' ');
      return !expectedDlqKeys.has(`${pk}|${sk.replace(/^NOTE#/, '')}`);
    });
  const dlqSummary = stack.dlq.map((m: DlqMessage) => ({
    function: m.requestContext.functionArn.split(':').pop(),
    condition: m.requestContext.condition,
    invokeCount: m.requestContext.approximateInvokeCount,
    records: m.records.length,
    poison: JSON.stringify(m.records).includes(POISON),
  }));

  const checks: Record<string, boolean> = {
    'settled (streams drained, nothing deferred)': settled,
    'no write errors': writeErrors.length === 0,
    'at most 1 office email per referral, exactly 1 unless unconfirmed': emailDuplicates === 0 && emailLost === 0,
    'at most 1 SMS per referral (returnee phone), exactly 1 unless unconfirmed': smsDuplicates === 0 && smsLost === 0,
    'exactly 1 welcome SMS per case, unless unconfirmed': welcomeDuplicates === 0 && welcomeLost === 0,
    'no SMS to numbers not written': smsToOthers === 0,
    'every intent sent or unconfirmed (no other state)': notSent.every((i) => i.status === 'unconfirmed'),
    // Each attempt that died past the provider is unconfirmed; any other unconfirmed one carries
    // the provider's ambiguous answer (a timeout, a 5xx, a dropped connection) as its last error.
    'unconfirmed only where the outcome was unknown': [...faults.crashedAfterAccept].every((k) => unconfirmed.some((i) => keyOf(i) === k)) && unconfirmed.every((i) => faults.crashedAfterAccept.has(keyOf(i)) || i.lastError !== undefined || inCrashedMessage(i)),
    'two intents per referral, one welcome per case': intents.filter((i) => i.purpose === 'referral.office' || i.purpose === 'referral.returnee').length === 2 * written.length && intents.filter((i) => i.purpose === 'case.welcome').length === written.length,
    'DLQ: the poison alone, and only records the soak meant to lose': poisonParked.length === 1 && poisonParked[0]!.records.length === 1 && unexpectedlyParked.length === 0,
    // (or, before the sweep came to it, sent in the household's one SMS with another of the case's)
    'parked records put back by the sweep and sent (no redrive)': parkedBackOnStream.every((i) => i.status === 'sent' && ((i.requeues ?? 0) >= 1 || inHouseholdSms(i))),
    'duplicates = 0': emailDuplicates + smsDuplicates + welcomeDuplicates === 0,
    'lost = 0': emailLost + smsLost + welcomeLost === 0,
    'crash fault exercised': faults.crashes > 0,
    'crash after the provider accepted exercised': faults.crashedAfterAccept.size > 0,
    'parked-record fault exercised': faults.parked.size > 0,
    'SNS throttle exercised (some SMS took > 1 attempt)': (retriedByChannel.sms ?? 0) > 0,
    'SES throttle exercised (some emails took > 1 attempt)': (retriedByChannel.email ?? 0) > 0,
  };
  const ok = Object.values(checks).every(Boolean);
  const result = {
    startedAt: new Date(t0).toISOString(),
    machine: { node: process.version, cpus: cpus().length, loadavgAtStart: startLoad, loadavgAtEnd: loadavg() },
    knobs,
    elapsedS: (Date.now() - t0) / 1000,
    phases,
    referralsWritten: written.length,
    stoppedByTime,
    writeErrors: writeErrors.slice(0, 20),
    faults: {
      ...faults,
      crashedAfterAccept: faults.crashedAfterAccept.size,
      parked: faults.parked.size,
      heldByAttempt: undefined,
      inDeadAttempt: faults.inDeadAttempt.size,
      claimedIntoAnother: faults.claimedIntoAnother.size,
      deliverInvocationsPrivatePoller: deliverPoller.invocations,
    },
    releaseRounds,
    emails: { inEmulator: emails.length, officeEmailsPerReferralHistogram: emailHistogram, other: otherEmails },
    sms: { inSink: sms.length, perReferralPhoneHistogram: smsHistogram, toOtherNumbers: smsToOthers, household: householdSms },
    retries: { tookMoreThanOneAttempt: retriedByChannel, maxAttempts: attemptsMax, sendEmailsAnsweredWithInjectedError: stack.ses.failedSends },
    intentsByChannelAndStatus: intentsByStatus,
    intentsNotSent: notSent.slice(0, 20).map((i) => ({ intentId: i.intentId, channel: i.channel, status: i.status, attempts: i.attempts, lastError: i.lastError })),
    unconfirmed: unconfirmed.length,
    unconfirmedByCause: {
      diedAfterProviderTookIt: unconfirmed.filter((i) => faults.crashedAfterAccept.has(keyOf(i))).length,
      ambiguousProviderAnswer: Object.fromEntries(
        [...new Set(unconfirmed.filter((i) => !faults.crashedAfterAccept.has(keyOf(i))).map((i) => i.lastError ?? '?'))].map((code) => [
          code,
          unconfirmed.filter((i) => !faults.crashedAfterAccept.has(keyOf(i)) && (i.lastError ?? '?') === code).length,
        ]),
      ),
    },
    unconfirmedNotReceived,
    parkedPutBack: { intents: parkedBackOnStream.length, sent: parkedBackOnStream.filter((i) => i.status === 'sent').length },
    dlq: {
      entries: stack.dlq.length,
      fromDeliver: deliverDlq.length,
      poisonParked: poisonParked.length,
      messages: dlqSummary,
      // Which records were parked that no fault meant to lose: keys only (case and intent ids).
      unexpected: unexpectedlyParked.slice(0, 10).map((r) => r.key),
    },
    duplicates: { email: emailDuplicates, sms: smsDuplicates, welcomeSms: welcomeDuplicates, total: emailDuplicates + smsDuplicates + welcomeDuplicates },
    welcomeSms: { inSink: [...welcomesPerPhone.values()].reduce((a, b) => a + b, 0), lost: welcomeLost },
    lost: { email: emailLost, sms: smsLost, welcomeSms: welcomeLost, total: emailLost + smsLost + welcomeLost },
    examples,
    checks,
    ok,
  };
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(report(result));
  return ok ? 0 : 1;
}


/** Stops the stack's deliver poller; runs the same handler, crashing after a share of its calls, under a private poller with the same trigger. */
async function replaceDeliverPoller(): Promise<StreamPoller> {
  const decl = FUNCTIONS.deliverNotifications;
  const idx = stack.pollers.findIndex((p) => p.functionName === decl.name);
  await stack.pollers[idx]!.stop();
  const real = await faultyDeliverHandler();
  /** Records that were in a crashed invocation: not crashed again, so only the poison can exhaust its retries. */
  const crashedOnce = new Set<string>();
  const crashing = async (e: DynamoDBStreamEvent, c: Context): Promise<DynamoDBBatchResponse | void> => {
    faults.invocations++;
    const out = await real(e, c);
    const ids = e.Records.map((r) => `${r.dynamodb?.Keys?.pk?.S}|${r.dynamodb?.Keys?.sk?.S}|${r.dynamodb?.SequenceNumber}`);
    if (ids.some((id) => id.includes(POISON) || crashedOnce.has(id))) return out;
    faults.crashCandidates++;
    if (Math.random() < knobs.SOAK_CRASH_RATE) {
      faults.crashes++;
      ids.forEach((id) => crashedOnce.add(id));
      throw new Error('Runtime.ExitError: the sandbox died after sending, before answering');
    }
    return out;
  };
  const streamArn = (stack.pollers[idx] as unknown as { opts: { streamArn: string } }).opts.streamArn;
  const poller = new StreamPoller({
    functionName: decl.name,
    trigger: decl.trigger,
    streamArn,
    streams: new DynamoDBStreamsClient({ endpoint: stack.dynamodb.endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    handler: crashing,
    region: REGION,
    timeoutSeconds: decl.timeoutSeconds,
    memoryMb: decl.memoryMb,
    onDlq: (m) => stack.dlq.push(m),
  });
  poller.start();
  // settle() and stop() walk this same array: they now wait for and stop the private poller.
  stack.pollers[idx] = poller;
  return poller;
}

/**
 * The deliver function's handler module (createHandler) with the production adapters, its intents
 * repository dying where the faults say: after the provider took the message and before the record
 * (SOAK_ACCEPT_CRASH_RATE of intents, once each), and before the claim on every attempt of an
 * intent's own record until the mapping parks it (SOAK_PARK_RATE; a record the sweep puts back
 * carries `requeues` and goes through).
 */
async function faultyDeliverHandler() {
  // The module reads its configuration at import, which the stack has set by now.
  const { createHandler } = await import('../functions/deliver-notifications/handler.js');
  const live = deliverDeps(loadConfig(DeliverConfig, stack.env), stack.clock);
  const real = live.intents;
  const decided = new Map<string, 'accept' | 'park' | 'none'>();
  const fault = (i: Pick<IntentItem, 'pk' | 'intentId'>) => {
    const key = keyOf(i);
    if (!decided.has(key)) {
      const r = Math.random();
      decided.set(key, r < knobs.SOAK_ACCEPT_CRASH_RATE ? 'accept' : r < knobs.SOAK_ACCEPT_CRASH_RATE + knobs.SOAK_PARK_RATE ? 'park' : 'none');
    }
    return decided.get(key)!;
  };
  const died = () => new Error('Runtime.ExitError: the sandbox died');
  const attemptOf = (pk: string, lease: number, leader: string) => `${pk}|${lease}|${leader}`;
  const held = (pk: string, lease: number, leader: string, intentId: string) => {
    const k = attemptOf(pk, lease, leader);
    if (!faults.heldByAttempt.has(k)) faults.heldByAttempt.set(k, new Set());
    faults.heldByAttempt.get(k)!.add(keyOf({ pk, intentId }));
  };
  const intents = Object.assign(Object.create(real) as IntentRepository, {
    claim: async (...a: Parameters<IntentRepository['claim']>) => {
      const image = a[0] as IntentItem;
      if (!image.pk.includes(POISON) && fault(image) === 'park' && image.requeues === undefined) {
        faults.parked.add(keyOf(image));
        throw died();
      }
      const out = await real.claim(...a);
      if (out.claimed) held(image.pk, a[1], image.intentId, image.intentId);
      return out;
    },
    claimDue: async (...a: Parameters<IntentRepository['claimDue']>) => {
      const out = await real.claimDue(...a);
      if (out.claimed) {
        held(a[0].pk, a[1], a[3], a[0].intentId);
        faults.claimedIntoAnother.add(keyOf(a[0]));
      }
      return out;
    },
    markSent: async (...a: Parameters<IntentRepository['markSent']>) => {
      const [i, lease] = a;
      if (fault(i) === 'accept' && !faults.crashedAfterAccept.has(keyOf(i))) {
        faults.crashedAfterAccept.add(keyOf(i));
        // Held by the attempt on its own record, or merged into that one's (as claimed: not yet as recorded).
        for (const k of faults.heldByAttempt.get(attemptOf(i.pk, lease, i.mergedInto ?? i.intentId)) ?? [keyOf(i)]) faults.inDeadAttempt.add(k);
        throw died();
      }
      return real.markSent(...a);
    },
  });
  return createHandler({
    ...live,
    intents,
  });
}

async function api(method: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.api.endpoint}${path}`, {
    method,
    headers: { authorization: `Bearer ${await stack.pool.token('obiliq-head')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function writeReferral(i: number): Promise<string> {
  const c = await api('POST', '/cases', {
    smrCaseId: smrOf(i), municipalityId: 'obiliq', coordinatorId: coordinator.id, arrivalDate: '2026-11-23', category: 'returnee',
    preferredLanguage: 'sq', phone: phoneOf(i), consent: { sms: true, shareWithOffices: true },
    household: [
      { id: 'p1', givenName: 'Arben', familyName: 'Krasniqi', birthYear: 1984, role: 'head' },
      { id: 'p2', givenName: 'Liridon', familyName: 'Krasniqi', birthYear: 2015, role: 'child' },
    ],
  });
  if (c.status !== 201) throw new Error(`POST /cases ${c.status} ${JSON.stringify(c.body)}`);
  const r = await api('POST', `/cases/${c.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
  if (r.status !== 201) throw new Error(`POST referral ${r.status} ${JSON.stringify(r.body)}`);
  return c.body.caseId as string;
}

/** A queued Intent the deliver function cannot parse (no intentId, unknown channel and template, no dates). */
async function writePoison(): Promise<void> {
  faults.poisonWritten = true;
  const db = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await db.send(
    new PutItemCommand({
      TableName: stack.tableName,
      Item: { pk: { S: `CASE#${POISON}` }, sk: { S: `NOTE#${POISON}` }, type: { S: 'Intent' }, status: { S: 'queued' }, channel: { S: 'carrier-pigeon' } },
    }),
  );
  db.destroy();
  log('poison intent written');
}

interface IntentRow { pk: string; intentId: string; purpose: string; channel: string; status: string; attempts: number; notBefore?: string; dueAt?: string; requeues?: number; lastError?: string; mergedInto?: string }

async function scanIntents(): Promise<IntentRow[]> {
  const db = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const out: IntentRow[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: '#t = :intent',
        ProjectionExpression: 'pk, intentId, purpose, channel, #s, attempts, notBefore, dueAt, requeues, lastError, mergedInto',
        ExpressionAttributeNames: { '#t': 'type', '#s': 'status' },
        ExpressionAttributeValues: { ':intent': { S: 'Intent' } },
        ExclusiveStartKey: start,
      }),
    );
    for (const it of page.Items ?? [])
      out.push({
        pk: it.pk?.S ?? '',
        intentId: it.intentId?.S ?? '',
        purpose: it.purpose?.S ?? '',
        channel: it.channel?.S ?? '?',
        status: it.status?.S ?? '?',
        attempts: Number(it.attempts?.N ?? 0),
        notBefore: it.notBefore?.S,
        dueAt: it.dueAt?.S,
        requeues: it.requeues?.N === undefined ? undefined : Number(it.requeues.N),
        lastError: it.lastError?.S,
        mergedInto: it.mergedInto?.S,
      });
    start = page.LastEvaluatedKey;
  } while (start);
  db.destroy();
  return out;
}

async function inbox(): Promise<{ subject: string; destination: { to: string[] } }[]> {
  const res = await fetch(`${stack.ses.endpoint}/store`);
  return ((await res.json()) as { emails: { subject: string; destination: { to: string[] } }[] }).emails;
}

function report(r: Record<string, any>): string {
  const lines = [
    `soak ${r.startedAt}: ${r.ok ? 'OK' : 'FAILED'} in ${r.elapsedS.toFixed(0)} s (write ${r.phases.writeS.toFixed(0)} s, settle ${r.phases.settleS.toFixed(0)} s, count ${r.phases.countS.toFixed(0)} s); Node ${r.machine.node}, ${r.machine.cpus} CPU(s), load ${r.machine.loadavgAtStart.map((x: number) => x.toFixed(1)).join('/')} → ${r.machine.loadavgAtEnd.map((x: number) => x.toFixed(1)).join('/')}`,
    `referrals written:        ${r.referralsWritten} of SOAK_N=${r.knobs.SOAK_N}${r.stoppedByTime ? ` (stopped at SOAK_MINUTES=${r.knobs.SOAK_MINUTES})` : ''}; write errors ${r.writeErrors.length}`,
    `faults:                   deliver invocations ${r.faults.invocations}, crashed after sending ${r.faults.crashes} (of ${r.faults.crashCandidates} eligible); throttle injections ${r.faults.throttleInjections} (${r.faults.throttledPublishesInjected} Publish answered 429, ${r.faults.throttledSendEmailsInjected} SendEmail answered 429); poison ${r.faults.poisonWritten ? 'written' : 'NOT written'}`,
    `                          died after the provider took it ${r.faults.crashedAfterAccept}; records parked ${r.faults.parked} (put back by the sweep and sent: ${r.parkedPutBack.sent})`,
    `unconfirmed:              ${r.unconfirmed} (${JSON.stringify(r.unconfirmedByCause)}); of them not received ${JSON.stringify(r.unconfirmedNotReceived)}, each a follow-up`,
    `office emails / referral: ${JSON.stringify(r.emails.officeEmailsPerReferralHistogram)} (count → referrals); emulator total ${r.emails.inEmulator}, other mail ${r.emails.other}`,
    `SMS / referral phone:     ${JSON.stringify(r.sms.perReferralPhoneHistogram)}; sink total ${r.sms.inSink}, to other numbers ${r.sms.toOtherNumbers}, welcome and referral as one ${r.sms.household ?? 0}`,
    `retried (> 1 attempt):    ${JSON.stringify(r.retries.tookMoreThanOneAttempt)} (max attempts ${r.retries.maxAttempts}); release rounds ${r.releaseRounds.length}`,
    `intents by status:        ${JSON.stringify(r.intentsByChannelAndStatus)}`,
    `DLQ entries:              ${r.dlq.entries} (deliver ${r.dlq.fromDeliver}, poison ${r.dlq.poisonParked}); not meant to be lost: ${JSON.stringify(r.dlq.unexpected)}`,
    `duplicates:               ${r.duplicates.total} (email ${r.duplicates.email}, sms ${r.duplicates.sms}, welcome SMS ${r.duplicates.welcomeSms})`,
    `lost:                     ${r.lost.total} (email ${r.lost.email}, sms ${r.lost.sms}, welcome SMS ${r.lost.welcomeSms})`,
    ...(r.examples.duplicate.length ? [`  duplicate e.g. ${r.examples.duplicate.join('; ')}`] : []),
    ...(r.examples.lost.length ? [`  lost e.g. ${r.examples.lost.join('; ')}`] : []),
    'checks:',
    ...Object.entries(r.checks as Record<string, boolean>).map(([k, v]) => `  ${v ? 'ok  ' : 'FAIL'} ${k}`),
    'soak/results/latest.json',
    '',
  ];
  return lines.join('\n');
}
