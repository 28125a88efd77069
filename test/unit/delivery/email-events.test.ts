import type { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { eventPatternOf, FUNCTIONS, transformEventInput } from '../../../events/triggers.js';
import { matchesEventPattern } from '../../../local/event-bus.js';
import { encodeIntentTag } from '../../../shared/channels/intent-tag.js';
import type { RetryPolicy } from '../../../shared/delivery/backoff.js';
import {
  handleEmailEvent,
  intentKeyOf,
  SES_DETAIL_TYPES,
  SesEvent,
  SesEventBridgeEvent,
  sortSesEvent,
  type EmailEventDeps,
} from '../../../shared/delivery/email-events.js';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import { addressHash, normaliseAddress } from '../../../shared/store/address.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import type { ReferralItem } from '../../../shared/store/referral.js';
import { bounceEvent, complaintEvent, deliveryEvent, eventBridge, rejectEvent, renderingFailureEvent } from './ses-event-fixtures.js';

const KEY = { pk: 'CASE#01JD7ZQ4Y8K2M3N4P5Q6R7S8T9', intentId: '01JD80000000000000000000AA#referral.office' };
const TAG = encodeIntentTag(KEY);

describe('SES events as EventBridge delivers them', () => {
  it.each([
    ['Email Bounced', bounceEvent()],
    ['Email Complaint Received', complaintEvent()],
    ['Email Delivered', deliveryEvent()],
    ['Email Rejected', rejectEvent()],
    ['Email Rendering Failed', renderingFailureEvent()],
  ])('parses the documented %s event', (detailType, detail) => {
    const parsed = SesEventBridgeEvent.parse(eventBridge(detailType, detail));
    expect(parsed.detail.eventType).toBe(detail.eventType);
    expect(parsed.detail.mail.messageId).toBe('EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000');
  });

  it('refuses a detail-type that does not match the event, another source, or an event type it does not handle', () => {
    expect(SesEventBridgeEvent.safeParse(eventBridge('Email Delivered', bounceEvent())).success).toBe(false);
    expect(SesEventBridgeEvent.safeParse({ ...eventBridge('Email Bounced', bounceEvent()), source: 'aws.ec2' }).success).toBe(false);
    const open = { eventType: 'Open', mail: bounceEvent().mail, open: { ipAddress: '192.0.2.1', timestamp: '2017-08-09T22:00:19.652Z', userAgent: 'x' } };
    expect(SesEventBridgeEvent.safeParse(eventBridge('Email Opened', open)).success).toBe(false);
  });

  it('names no field values in its issues (only paths), so they can be logged', () => {
    const bad = eventBridge('Email Bounced', { ...bounceEvent({ recipient: 'secret@office.example.org' }), bounce: { bounceType: 'Sideways' } });
    const result = SesEventBridgeEvent.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths.join(' ')).not.toContain('secret@');
  });

  it('reach the function through the rule\'s input transformer: ids, codes and times, no address, subject or header', () => {
    const input = FUNCTIONS.emailEvents.trigger.input;
    for (const [detailType, detail] of [
      ['Email Bounced', bounceEvent({ recipient: 'secret@office.example.org' })],
      ['Email Complaint Received', complaintEvent({ recipient: 'secret@office.example.org' })],
      ['Email Delivered', deliveryEvent({ recipient: 'secret@office.example.org' })],
      ['Email Rejected', rejectEvent({ recipient: 'secret@office.example.org' })],
      ['Email Rendering Failed', renderingFailureEvent({ recipient: 'secret@office.example.org' })],
    ] as const) {
      const raw = eventBridge(detailType, detail);
      expect(JSON.stringify(raw)).toMatch(/secret@|"subject"/);
      const handed = transformEventInput(input, raw);
      expect(JSON.stringify(handed)).not.toMatch(/secret@|@example|"subject"|commonHeaders|"headers"|destination/);
      const parsed = SesEventBridgeEvent.parse(handed);
      expect([parsed.id, parsed['detail-type'], parsed.detail.eventType, parsed.detail.mail.messageId]).toEqual([raw.id, detailType, detail.eventType, detail.mail.messageId]);
    }
  });

  it('the declared rule passes exactly these detail-types, and only from our configuration set', () => {
    const trigger = FUNCTIONS.emailEvents.trigger;
    expect([...trigger.detailTypes].sort()).toEqual(Object.values(SES_DETAIL_TYPES).sort());
    const pattern = eventPatternOf(trigger, 'referrals');
    const ours = eventBridge('Email Bounced', bounceEvent({ configurationSet: 'referrals' }));
    expect(matchesEventPattern(ours, pattern)).toBe(true);
    expect(matchesEventPattern(eventBridge('Email Bounced', bounceEvent({ configurationSet: 'marketing' })), pattern)).toBe(false);
    expect(matchesEventPattern({ ...ours, 'detail-type': 'Email Opened' }, pattern)).toBe(false);
    expect(matchesEventPattern({ ...ours, source: 'aws.ec2' }, pattern)).toBe(false);
  });
});

describe('sorting an SES event into what the platform does', () => {
  // As the function gets it: through the rule's input transformer.
  const sort = (e: { eventType: SesEvent['eventType'] }) =>
    sortSesEvent(SesEventBridgeEvent.parse(transformEventInput(FUNCTIONS.emailEvents.trigger.input, eventBridge(SES_DETAIL_TYPES[e.eventType], e))).detail);

  it('a permanent bounce: undeliverable, with the bounce and SMTP codes; at = the bounce time', () => {
    expect(sort(bounceEvent({ recipient: 'a@x.example.org', bounceSubType: 'NoEmail', status: '5.1.1', at: '2026-11-23T09:06:12.000Z' }))).toEqual({
      kind: 'undeliverable',
      codes: ['Permanent/NoEmail', '5.1.1'],
      at: '2026-11-23T09:06:12.000Z',
    });
  });

  it('a transient or undetermined bounce is retried, never suppresses the address', () => {
    expect(sort(bounceEvent({ bounceType: 'Transient', bounceSubType: 'MailboxFull' }))).toEqual({ kind: 'retry', code: 'BounceTransient', at: '2017-08-05T00:41:02.669Z' });
    expect(sort(bounceEvent({ bounceType: 'Undetermined', bounceSubType: 'Undetermined' }))).toMatchObject({ kind: 'retry', code: 'BounceUndetermined' });
  });

  it('a complaint suppresses the complaining address', () => {
    expect(sort(complaintEvent({ recipient: 'b@y.example.org' }))).toEqual({
      kind: 'complained',
      codes: ['Complaint/abuse'],
      at: '2017-08-05T00:41:02.669Z',
    });
  });

  it('delivery, rejection and rendering failure', () => {
    expect(sort(deliveryEvent())).toEqual({ kind: 'delivered', at: '2016-10-19T23:21:04.133Z' });
    expect(sort(rejectEvent())).toEqual({ kind: 'failed', code: 'Rejected', at: '2017-08-05T00:40:02.012Z' });
    expect(sort(renderingFailureEvent())).toEqual({ kind: 'failed', code: 'RenderingFailure', at: '2017-08-05T00:40:02.012Z' });
  });

  it('finds the intent through the `intent` message tag; none without it or with a forged one', () => {
    expect(intentKeyOf(SesEvent.parse(bounceEvent({ tags: { intent: TAG, purpose: 'referral_office' } })).mail)).toEqual(KEY);
    expect(intentKeyOf(SesEvent.parse(bounceEvent()).mail)).toBeUndefined();
    expect(intentKeyOf(SesEvent.parse(bounceEvent({ tags: { intent: Buffer.from('USER#x\ny').toString('base64url') } })).mail)).toBeUndefined();
  });
});

describe('addresses are stored only as a hash of their normalised form', () => {
  it('ignores case, spaces and a display name', () => {
    expect(normaliseAddress('  Zyra <Gjendja-Civile@Obiliq.Example.org> ')).toBe('gjendja-civile@obiliq.example.org');
    expect(addressHash('GJENDJA-CIVILE@obiliq.example.org')).toBe(addressHash('gjendja-civile@obiliq.example.org'));
    expect(addressHash('a@x.example.org')).toMatch(/^[0-9a-f]{64}$/);
    expect(addressHash('a@x.example.org')).not.toBe(addressHash('b@x.example.org'));
  });
});

// ------------------------------------------------------------------------------------------
// The use case against in-memory stores: what is written, and that a redelivery writes nothing new.
// ------------------------------------------------------------------------------------------

const POLICY: RetryPolicy = { maxAttempts: 3, baseSeconds: 120, capSeconds: 3600, maxAgeSeconds: 24 * 3600 };
const NOW = new Date('2026-11-23T09:10:00Z');
const partesh = bundledDirectory().municipality('partesh')!;
const office = partesh.offices.find((o) => o.kind === 'civil_registry')!;

function sentIntent(over: Partial<IntentItem> = {}): IntentItem {
  return {
    ...{ pk: KEY.pk, sk: `NOTE#${KEY.intentId}` },
    type: 'Intent',
    intentId: KEY.intentId,
    caseId: KEY.pk.slice(5),
    municipalityId: 'partesh',
    referralId: '01JD80000000000000000000AA',
    purpose: 'referral.office',
    channel: 'email',
    template: 'referral.office.email',
    languages: ['sq', 'sr-Latn'],
    recipient: office.email,
    data: { some: 'body' },
    status: 'sent',
    attempts: 1,
    firstAttemptAt: '2026-11-23T09:05:00.000Z',
    providerMessageId: 'ses-1',
    createdAt: '2026-11-23T09:04:00.000Z',
    sentAt: '2026-11-23T09:05:01.000Z',
    expiresAt: 2_000_000_000,
    ...over,
  };
}

function fakes(intent: IntentItem | undefined) {
  const state = { intent: intent ? structuredClone(intent) : undefined };
  const calls: string[] = [];
  const alerts = new Map<string, IntentItem>();
  const addresses = new Map<string, { status: string; at: string }>();
  const logs: string[] = [];
  const flagged = new Set<string>();
  const onlyIfSent = (messageId: string) => state.intent?.status === 'sent' && state.intent.providerMessageId === messageId;
  const deps: EmailEventDeps = {
    intents: {
      get: async () => (state.intent ? structuredClone(state.intent) : undefined),
      failAfterSend: async (_i, m, failure) => {
        calls.push(`fail:${failure.kind}:${failure.code}`);
        if (!onlyIfSent(m)) return false;
        state.intent = { ...state.intent!, status: 'failed', failure };
        return true;
      },
      retryAfterBounce: async (_i, m, lastError, retryAt) => {
        calls.push(`retry:${lastError}`);
        if (!onlyIfSent(m)) return false;
        state.intent = { ...state.intent!, status: 'deferred', lastError, notBefore: retryAt.toISOString() };
        return true;
      },
      dropBodyOnDelivery: async (_i, m) => {
        calls.push('drop');
        if (!onlyIfSent(m) || !state.intent!.data) return false;
        const { data: _gone, ...rest } = state.intent!;
        state.intent = rest as IntentItem;
        return true;
      },
      putIfAbsent: async (item) => {
        if (alerts.has(item.intentId)) return false;
        alerts.set(item.intentId, item);
        return true;
      },
    },
    addresses: {
      record: async (address, e) => {
        addresses.set(addressHash(address), { status: e.status, at: e.at });
        return true;
      },
    },
    referrals: {
      get: async (caseId, referralId) =>
        ({ caseId, referralId, officeId: office.id, smrCaseId: 'SMR-2026-0142', municipalityId: 'partesh' }) as unknown as ReferralItem,
      flagUndeliverable: async (caseId, referralId) => {
        const first = !flagged.has(`${caseId}/${referralId}`);
        flagged.add(`${caseId}/${referralId}`);
        return first;
      },
    },
    cases: { get: async () => undefined },
    directory: bundledDirectory(),
    retry: POLICY,
    clock: { now: () => NOW },
    logger: {
      info: (...a: unknown[]) => void logs.push(JSON.stringify(a)),
      warn: (...a: unknown[]) => void logs.push(JSON.stringify(a)),
      error: (...a: unknown[]) => void logs.push(JSON.stringify(a)),
      debug: (...a: unknown[]) => void logs.push(JSON.stringify(a)),
    } as unknown as Logger,
    retentionDays: 730,
    random: () => 0.5,
  };
  return { deps, state, calls, alerts, addresses, logs, flagged };
}

const ours = (e: unknown) => SesEvent.parse(e);
const tagged = { messageId: 'ses-1', recipient: office.email, tags: { intent: TAG } };

describe('handleEmailEvent', () => {
  it('a permanent bounce: address undeliverable, intent failed (BouncePermanent), one alert per coordinator in their language; again: nothing new', async () => {
    const f = fakes(sentIntent());
    const event = ours(bounceEvent(tagged));
    expect(await handleEmailEvent(event, f.deps)).toEqual({ action: 'undeliverable', intent: 'changed', alerts: partesh.coordinators.length });
    expect(f.state.intent).toMatchObject({ status: 'failed', failure: { kind: 'non-retryable', code: 'BouncePermanent' } });
    expect(f.addresses.get(addressHash(office.email))).toEqual({ status: 'undeliverable', at: '2017-08-05T00:41:02.669Z' });
    const [alert] = [...f.alerts.values()];
    expect(alert).toMatchObject({
      pk: 'MUNI#partesh',
      municipalityId: 'partesh',
      template: 'alert.address_undeliverable',
      purpose: 'alert.address_undeliverable',
      channel: 'email',
      status: 'queued',
      recipient: partesh.coordinators[0]!.email,
      languages: [partesh.coordinators[0]!.language],
      data: { reason: 'bounce', address: office.email, who: office.name, messageKind: 'referral', smrCaseId: 'SMR-2026-0142' },
    });
    expect(alert!.intentId).toBe(`ses#ses-1#alert.address_undeliverable#${partesh.coordinators[0]!.id}`);
    // The referral is flagged for its coordinator at once, not when the reminder ladder runs out.
    expect([...f.flagged]).toEqual([`${KEY.pk.slice(5)}/01JD80000000000000000000AA`]);

    expect(await handleEmailEvent(event, f.deps)).toEqual({ action: 'undeliverable', intent: 'unchanged', alerts: 0 });
    expect(f.alerts.size).toBe(partesh.coordinators.length);
    expect(f.logs.join('\n')).not.toContain(office.email);
  });

  it('a transient bounce: deferred for a later attempt; once the policy says no more, failed (attempts-exhausted, BounceTransient)', async () => {
    const f = fakes(sentIntent());
    expect(await handleEmailEvent(ours(bounceEvent({ ...tagged, bounceType: 'Transient', bounceSubType: 'MailboxFull' })), f.deps)).toMatchObject({ action: 'retry', intent: 'changed', alerts: 0 });
    expect(f.state.intent!.status).toBe('deferred');
    expect(Date.parse(f.state.intent!.notBefore!)).toBeGreaterThan(NOW.getTime());
    expect(f.addresses.size).toBe(0);

    const last = fakes(sentIntent({ attempts: POLICY.maxAttempts }));
    await handleEmailEvent(ours(bounceEvent({ ...tagged, bounceType: 'Transient' })), last.deps);
    expect(last.state.intent).toMatchObject({ status: 'failed', failure: { kind: 'attempts-exhausted', code: 'BounceTransient' } });
  });

  it('a transient bounce after the delivery dropped the body cannot be sent again: failed for the follow-up', async () => {
    const f = fakes(sentIntent({ data: {} }));
    await handleEmailEvent(ours(bounceEvent({ ...tagged, bounceType: 'Transient' })), f.deps);
    expect(f.state.intent).toMatchObject({ status: 'failed', failure: { kind: 'non-retryable', code: 'BounceTransient' } });
  });

  it('a tag that names an SMS intent is ignored, not retried', async () => {
    const f = fakes(sentIntent({ channel: 'sms', template: 'referral.returnee.sms' }));
    expect(await handleEmailEvent(ours(deliveryEvent(tagged)), f.deps)).toEqual({ action: 'delivered', intent: 'unknown', alerts: 0 });
    expect(f.calls).toEqual([]);
  });

  it('a complaint suppresses the address and alerts, and leaves the (delivered) intent as it is', async () => {
    const f = fakes(sentIntent());
    expect(await handleEmailEvent(ours(complaintEvent(tagged)), f.deps)).toMatchObject({ action: 'complained', intent: 'unchanged', alerts: partesh.coordinators.length });
    expect(f.state.intent!.status).toBe('sent');
    expect(f.addresses.get(addressHash(office.email))!.status).toBe('complained');
    expect([...f.alerts.values()][0]!.data).toMatchObject({ reason: 'complaint' });
    expect([...f.alerts.values()][0]!.intentId).toContain('#alert.address_complained#');
  });

  it('a delivery drops the body once; an event about another attempt (other message id) changes nothing', async () => {
    const f = fakes(sentIntent());
    expect(await handleEmailEvent(ours(deliveryEvent({ ...tagged, messageId: 'ses-0' })), f.deps)).toMatchObject({ intent: 'unchanged' });
    expect(f.state.intent!.data).toBeDefined();
    expect(await handleEmailEvent(ours(deliveryEvent(tagged)), f.deps)).toMatchObject({ action: 'delivered', intent: 'changed' });
    expect(f.state.intent!.data).toBeUndefined();
    expect(await handleEmailEvent(ours(deliveryEvent(tagged)), f.deps)).toMatchObject({ intent: 'unchanged' });
  });

  it('a rejection or rendering failure fails the intent for good', async () => {
    for (const [event, code] of [[rejectEvent(tagged), 'Rejected'], [renderingFailureEvent(tagged), 'RenderingFailure']] as const) {
      const f = fakes(sentIntent());
      await handleEmailEvent(ours(event), f.deps);
      expect(f.state.intent).toMatchObject({ status: 'failed', failure: { kind: 'non-retryable', code } });
    }
  });

  it('no alert about a bounced alert, and none to the dead mailbox itself', async () => {
    const alertIntent = sentIntent({ pk: 'MUNI#partesh', caseId: undefined, referralId: undefined, template: 'alert.address_undeliverable', purpose: 'alert.address_undeliverable' });
    const f = fakes(alertIntent);
    expect(await handleEmailEvent(ours(bounceEvent(tagged)), f.deps)).toMatchObject({ alerts: 0 });

    // A coordinator's own digest bounced: the other coordinators hear of it, not the dead address.
    const obiliq = bundledDirectory().municipality('obiliq')!;
    const dead = obiliq.coordinators[0]!;
    const digest = sentIntent({ pk: 'MUNI#obiliq', municipalityId: 'obiliq', caseId: undefined, referralId: undefined, template: 'digest.coordinator', purpose: 'digest.daily', recipient: dead.email });
    const g = fakes(digest);
    expect(await handleEmailEvent(ours(bounceEvent({ ...tagged, recipient: dead.email })), g.deps)).toMatchObject({ alerts: obiliq.coordinators.length - 1 });
    expect([...g.alerts.values()].map((a) => a.recipient)).not.toContain(dead.email);
    expect([...g.alerts.values()][0]!.data).toMatchObject({ messageKind: 'digest', who: { sq: dead.name } });
  });

  it('a bounce of an email no intent holds the address of records no address (the event names none) and says so', async () => {
    const f = fakes(undefined);
    expect(await handleEmailEvent(ours(bounceEvent({ messageId: 'ses-9', recipient: office.email })), f.deps)).toEqual({ action: 'undeliverable', intent: 'unknown', alerts: 0 });
    expect(f.addresses.size).toBe(0);
    expect(f.logs.join('\n')).toContain('address not recorded');
    expect(f.logs.join('\n')).not.toContain(office.email);
  });
});
