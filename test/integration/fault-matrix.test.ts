import type { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { DELIVERY_RETRY, FUNCTIONS, type StreamTrigger } from '../../events/triggers.js';
import { SEND_LEASE_SECONDS } from '../../events/settings.js';
import type { SesErrorResponse } from '../../local/ses-emulator.js';
import type { LocalStack } from '../../local/stack.js';
import { documentClient } from '../../shared/aws/clients.js';
import type { DeliverDeps } from '../../shared/delivery/deliver-intent.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { localDate, localTime } from '../../shared/domain/calendar.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { DELIVERY_WATCH, type IntentItem } from '../../shared/store/intent.js';
import type { IntentRepository } from '../../shared/store/ports.js';
import { call, inbox, obiliqFamily, replaceStreamHandler, routeThroughTheIntentStream, stackForFile, textsTo } from './support.js';
import { DeliverConfig, loadConfig } from '../../shared/config/config.js';
import { deliverDeps } from '../../functions/deliver-notifications/deps.js';

/**
 * The fault matrix of the delivery path, against the real local stack (DynamoDB Local with its
 * stream, the SES v2 emulator, the SMS sink, the sweep on the stack's clock): a crash injected at
 * every step of a delivery attempt (before the claim, after the claim, after the provider took the
 * message, after the record), for an email and an SMS, on the stream path (the intent's own
 * record), after a retry the sweep released, and after the sweep put back an intent whose record
 * was parked. Each ends with no manual step (no redrive, no operator) in exactly one send, or in one
 * `unconfirmed` with its follow-up (for an SMS, the coordinator's email) and nothing sent twice.
 * Then the provider's own ambiguous answers (a 5xx, a connection dropped after it took the
 * message), records older than the mapping's maximum age, and a record lost every time.
 */

type Step = 'before-claim' | 'after-claim' | 'after-accept' | 'after-record';
type Path = 'stream' | 'sweep-release' | 'sweep-requeue';
type Channel = 'email' | 'sms';
const STEPS: Step[] = ['before-claim', 'after-claim', 'after-accept', 'after-record'];
const PATHS: Path[] = ['stream', 'sweep-release', 'sweep-requeue'];
const CHANNELS: Channel[] = ['email', 'sms'];
/** The process dies there: the provider may have the message, the table has what was written before. */
const EXPECTED: Record<Step, { sends: number; status: 'sent' | 'unconfirmed' }> = {
  'before-claim': { sends: 1, status: 'sent' },
  'after-claim': { sends: 0, status: 'unconfirmed' },
  'after-accept': { sends: 1, status: 'unconfirmed' },
  'after-record': { sends: 1, status: 'sent' },
};

const coordinator = bundledDirectory().municipality('obiliq')!.coordinators[0]!;
const office = bundledDirectory().office('obiliq', 'civil_registry')!;
const purposeOf: Record<Channel, string> = { email: 'referral.office', sms: 'referral.returnee' };

let stack: LocalStack;
let trigger: StreamTrigger;
let createHandler: typeof import('../../functions/deliver-notifications/handler.js').createHandler;

/** What the injected faults hit: intents of one case and purpose, at one step, once (or, `park`, every time). */
interface Arm {
  pk: string;
  purpose: string;
  step: Step | 'park';
}
const arms: Arm[] = [];
const crash = () => Object.assign(new Error('Runtime.ExitError: the sandbox died'), { name: 'Runtime.ExitError' });
/** Fires the armed fault for `i` at `step`: once, unless it parks every record of that intent. */
function hits(i: Pick<IntentItem, 'pk' | 'purpose'>, step: Step): boolean {
  const k = arms.findIndex((a) => a.pk === i.pk && a.purpose === i.purpose && (a.step === step || (a.step === 'park' && step === 'before-claim')));
  if (k < 0) return false;
  if (arms[k]!.step !== 'park') arms.splice(k, 1);
  return true;
}

function deps(): DeliverDeps & { metrics: Metrics } {
  const live = deliverDeps(loadConfig(DeliverConfig, stack.env), stack.clock);
  const real = live.intents;
  // The same adapter, dying at the armed step: the error leaves deliverIntent as a dead process
  // leaves Lambda, and the mapping retries the record as it would.
  const intents = Object.assign(Object.create(real) as IntentRepository, {
    claim: async (...a: Parameters<IntentRepository['claim']>) => {
      const image = a[0] as IntentItem;
      if (hits(image, 'before-claim')) throw crash();
      const out = await real.claim(...a);
      if (hits(image, 'after-claim')) throw crash();
      return out;
    },
    markSent: async (...a: Parameters<IntentRepository['markSent']>) => {
      if (hits(a[0], 'after-accept')) throw crash();
      const out = await real.markSent(...a);
      if (hits(a[0], 'after-record')) throw crash();
      return out;
    },
  });
  return {
    ...live,
    intents,
  };
}

stackForFile(async (s) => {
  stack = s;
  ({ createHandler } = await import('../../functions/deliver-notifications/handler.js'));
  // The matrix is the deliver function's, on the intents' stream: the referral's messages go that
  // way rather than through route-referrals' one hop (one-hop.test.ts and the unit tests have its faults).
  await routeThroughTheIntentStream(stack);
  // The stack's deliver poller gives way to one running the same handler with faults injected;
  // its trigger is this file's copy, which the maximum-age test changes while it runs.
  trigger = { ...FUNCTIONS.deliverNotifications.trigger };
  await replaceStreamHandler(stack, { ...FUNCTIONS.deliverNotifications, trigger }, createHandler(deps()));
}, { logLevel: 'ERROR' });

/** Keeps each case in working hours: past 17:00 in Kosovo the clock moves on to 09:00 the next day. */
async function daytime(): Promise<void> {
  const now = stack.clock.now();
  if (now.getTime() < localTime(localDate(now), 17).getTime()) return;
  const tomorrow = new Date(localTime(localDate(now), 12).getTime() + 24 * 3600_000);
  await stack.advanceTo(localTime(localDate(tomorrow), 9));
}

let serial = 0;
/** A case (its own phone number) whose one referral will be delivered: its SMR id and case id. */
async function newCase(tag: string) {
  serial++;
  const smr = `SMR-FM-${tag}-${serial}`;
  const phone = `049 556 ${String(100 + serial).padStart(3, '0')}`;
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, phone });
  expect(created.status).toBe(201);
  // Its welcome SMS goes out first: the faults are the referral's.
  await stack.settle();
  return { smr, caseId: created.body.caseId as string, pk: `CASE#${created.body.caseId}`, e164: `+38349556${String(100 + serial).padStart(3, '0')}` };
}
type Case = Awaited<ReturnType<typeof newCase>>;

/**
 * One provider fault for this case's message on `channel` alone: its office's email about its SMR
 * id, or an SMS to its phone. Another message of the stack sent meanwhile (a reminder, a follow-up
 * of an earlier case) goes through, where an unmatched fault would have gone to it.
 */
function arm(c: Case, channel: Channel, fault?: SesErrorResponse | 'accept-then-drop'): void {
  if (channel === 'email') stack.ses.failSends(1, fault, { to: office.email, subject: c.smr });
  else stack.sms.failPublishes(1, fault, { phoneNumber: c.e164 });
}
/** Provider calls that took an injected fault so far, both providers. */
const injectedSoFar = () => stack.ses.failedSends + stack.sms.failedPublishes;

async function refer(c: Case): Promise<void> {
  expect((await call(stack, 'POST', `/cases/${c.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
  await stack.settle();
}

/** The referral's intent on that channel, as stored (the API shows less: no watch, no requeues). */
const notification = async (c: Case, channel: Channel) =>
  (await dynamoRepositories(documentClient(), stack.tableName).cases.view(c.caseId))!.intents.find((i) => i.purpose === purposeOf[channel]);
const officeEmails = async (c: Case) => (await inbox(stack)).filter((e) => e.destination.to.includes(office.email) && e.subject.startsWith('Referim nga') && e.subject.includes(c.smr));
const texts = (c: Case) => textsTo(stack, c.e164);
const sendsOf = async (c: Case, channel: Channel) => (channel === 'email' ? (await officeEmails(c)).length : texts(c).length);
const coordinatorTold = async (c: Case) => (await inbox(stack)).filter((e) => e.destination.to.includes(coordinator.email) && e.subject.startsWith('Kontaktoni') && e.subject.includes(c.smr));
const followUps = async (c: Case) =>
  ((await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { caseId: string; channel: string; status: string }[]).filter((f) => f.caseId === c.caseId);

/** Moves the clock past whatever is due (a released retry, a lapsed lease, the sweep after it), sweeping as the schedule would. */
async function playOut(minutes: number): Promise<void> {
  await stack.advanceTo(new Date(stack.clock.now().getTime() + minutes * 60_000));
}

/** The end every case must reach: exactly one send, or one unconfirmed with its follow-up; the other channel sent once. */
async function expectEnd(c: Case, channel: Channel, step: Step): Promise<void> {
  const { sends, status } = EXPECTED[step];
  const other: Channel = channel === 'email' ? 'sms' : 'email';
  expect(await sendsOf(c, channel), `${channel} sends`).toBe(sends);
  expect(await notification(c, channel), `${channel} status`).toMatchObject({ status });
  expect(await sendsOf(c, other), `${other} sends`).toBe(1);
  expect(await notification(c, other)).toMatchObject({ status: 'sent' });
  const listed = await followUps(c);
  const told = await coordinatorTold(c);
  if (status === 'unconfirmed') {
    expect(listed.map((f) => f.channel)).toEqual([channel]);
    // An SMS nobody can vouch for: its coordinator is emailed, once, to check with the person.
    expect(told).toHaveLength(channel === 'sms' ? 1 : 0);
  } else {
    expect(listed).toEqual([]);
    expect(told).toEqual([]);
  }
}

describe('a crash at every step of the delivery path ends in one send or one unconfirmed + follow-up, with no manual step', () => {
  const cases = PATHS.flatMap((path) => CHANNELS.flatMap((channel) => STEPS.map((step) => [path, channel, step] as const)));
  it.each(cases)('%s path, %s, crash %s', async (path, channel, step) => {
    await daytime();
    const c = await newCase(`${path.slice(0, 5)}-${channel}-${step.slice(0, 8)}`.toUpperCase());
    const purpose = purposeOf[channel];
    if (path === 'stream') {
      arms.push({ pk: c.pk, purpose, step });
      await refer(c);
    } else if (path === 'sweep-release') {
      // The first attempt is throttled (a clear refusal: nothing sent) and deferred; the sweep releases the retry.
      arm(c, channel);
      await refer(c);
      const deferred = await notification(c, channel);
      expect(deferred).toMatchObject({ status: 'deferred', attempts: 1 });
      arms.push({ pk: c.pk, purpose, step });
    } else {
      // Every attempt on the intent's own record dies before the claim: the mapping retries it and
      // parks it. Nothing else will ever bring that record back.
      arms.push({ pk: c.pk, purpose, step: 'park' });
      const parkedBefore = stack.dlq.length;
      await refer(c);
      expect(stack.dlq.length).toBe(parkedBefore + 1);
      expect(await notification(c, channel)).toMatchObject({ status: 'queued', attempts: 0 });
      arms.splice(arms.findIndex((a) => a.pk === c.pk && a.step === 'park'), 1);
      arms.push({ pk: c.pk, purpose, step });
      // The sweep finds it when its watch is up, and puts it back on the stream.
      await playOut(DELIVERY_WATCH.queuedSeconds / 60 + 1);
      expect(await notification(c, channel)).toMatchObject({ requeues: 1 });
    }
    // A lapsed lease is found within one sweep of its end; a released retry goes at its time.
    await playOut(DELIVERY_RETRY.capSeconds / 60 / 10 + (SEND_LEASE_SECONDS + 5 * 60) / 60);
    expect(arms.filter((a) => a.pk === c.pk), 'the fault was hit').toEqual([]);
    await expectEnd(c, channel, step);
  });
});

describe('the provider\'s own answers that leave it open', () => {
  it.each([
    ['sms', 'a connection dropped after the sink took it', 'accept-then-drop', 1],
    ['sms', 'an SNS 500 InternalError', { status: 500, code: 'InternalError' }, 0],
    ['email', 'a connection dropped after the emulator took it', 'accept-then-drop', 1],
    ['email', 'an SES 503', { status: 503, code: 'ServiceUnavailable' }, 0],
  ] as const)('%s, %s: one call, unconfirmed, never repeated (in the call or later)', async (channel, _what, fault, sends) => {
    await daytime();
    const c = await newCase(`AMBIG-${channel}`.toUpperCase());
    const injected = injectedSoFar();
    arm(c, channel, fault);
    await refer(c);
    await playOut(90);
    expect(injectedSoFar() - injected, 'the fault was taken, by this case\'s message alone').toBe(1);
    expect(await sendsOf(c, channel)).toBe(sends);
    expect(await notification(c, channel)).toMatchObject({ status: 'unconfirmed', attempts: 1 });
    expect((await followUps(c)).map((f) => f.channel)).toEqual([channel]);
    expect(await coordinatorTold(c)).toHaveLength(channel === 'sms' ? 1 : 0);
  });
});

describe('stream records the deliver function never got', () => {
  it('records older than the mapping\'s maximum age are dropped to the DLQ; the sweep puts their intents back and each goes once', async () => {
    await daytime();
    const c = await newCase('AGED');
    const maxAge = trigger.maxRecordAgeSeconds;
    const parkedBefore = stack.dlq.length;
    // Everything the poller reads now is "too old": as records of an hours-long backlog would be.
    trigger.maxRecordAgeSeconds = -1;
    try {
      await refer(c);
    } finally {
      trigger.maxRecordAgeSeconds = maxAge;
    }
    expect(stack.dlq.slice(parkedBefore).some((m) => m.requestContext.condition === 'RecordAgeExceeded')).toBe(true);
    expect(await notification(c, 'email')).toMatchObject({ status: 'queued' });
    await playOut(DELIVERY_WATCH.queuedSeconds / 60 + 6);
    for (const channel of CHANNELS) {
      expect(await sendsOf(c, channel), channel).toBe(1);
      expect(await notification(c, channel)).toMatchObject({ status: 'sent', requeues: 1 });
    }
  });

  it('an intent whose records keep getting lost fails for good after the last requeue, explicitly, with its follow-up', async () => {
    await daytime();
    const c = await newCase('LOST');
    arms.push({ pk: c.pk, purpose: purposeOf.sms, step: 'park' });
    try {
      await refer(c);
      for (let n = 0; n <= DELIVERY_WATCH.maxRequeues; n++) await playOut(DELIVERY_WATCH.queuedSeconds / 60 + 1);
    } finally {
      arms.splice(arms.findIndex((a) => a.pk === c.pk), 1);
    }
    await daytime();
    expect(await notification(c, 'sms')).toMatchObject({ status: 'failed', failure: { kind: 'attempts-exhausted', code: 'NotTakenUp' }, requeues: DELIVERY_WATCH.maxRequeues });
    expect(texts(c)).toHaveLength(0);
    expect((await followUps(c)).map((f) => f.channel)).toEqual(['sms']);
    expect(await coordinatorTold(c)).toHaveLength(1);
    expect(await sendsOf(c, 'email')).toBe(1);
  });
});
