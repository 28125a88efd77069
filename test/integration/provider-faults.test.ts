import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesEmulator, type RunningSes } from '../../local/ses-emulator.js';
import { startSmsSink, type RunningSmsSink } from '../../local/sms-sink.js';
import { SesEmailSender } from '../../shared/channels/ses-email-sender.js';
import { SnsSmsSender } from '../../shared/channels/sns-sms-sender.js';

/**
 * The emulators' injected faults, met through the real SDKs and adapters: a fault matched to a
 * recipient (and, for an email, a subject) goes to that message alone, however many others are
 * sent before it; an unmatched fault goes to the next message, whichever it is.
 */
let ses: RunningSes;
let sink: RunningSmsSink;
let email: SesEmailSender;
let sms: SnsSmsSender;
const clients: { destroy(): void }[] = [];
const local = { region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };

beforeAll(async () => {
  ses = await startSesEmulator(0);
  sink = await startSmsSink(0);
  const sesClient = new SESv2Client({ ...local, endpoint: ses.endpoint });
  const snsClient = new SNSClient({ ...local, endpoint: sink.endpoint });
  clients.push(sesClient, snsClient);
  email = new SesEmailSender(sesClient, 'noreply@example.org', 'local');
  sms = new SnsSmsSender(snsClient);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await ses?.stop();
  await sink?.stop();
});

const mail = (to: string, subject: string) => email.send({ to: [to], subject, text: 'x', html: '<p>x</p>', tags: {} });
const outcome = (p: Promise<unknown>) => p.then(
  () => 'sent',
  (e: unknown) => (e as { code?: string }).code ?? String(e),
);

describe('SES v2 emulator: failSends', () => {
  it('a fault matched to a recipient and subject passes over every other email and fails that one', async () => {
    const before = ses.failedSends;
    ses.failSends(1, { status: 503, code: 'ServiceUnavailable' }, { to: 'office@example.org', subject: 'SMR-2' });
    expect(await outcome(mail('coordinator@example.org', 'About SMR-2'))).toBe('sent');
    expect(await outcome(mail('office@example.org', 'About SMR-1'))).toBe('sent');
    expect(await outcome(mail('office@example.org', 'About SMR-2'))).toBe('ServiceUnavailable');
    // Taken once: the same email again goes through.
    expect(await outcome(mail('office@example.org', 'About SMR-2'))).toBe('sent');
    expect(ses.failedSends - before).toBe(1);
  });

  it('accept-then-drop, matched: the emulator keeps that email and the sender is left without an answer', async () => {
    ses.failSends(1, 'accept-then-drop', { to: 'drop@example.org' });
    expect(await outcome(mail('other@example.org', 'first'))).toBe('sent');
    expect(await outcome(mail('drop@example.org', 'kept, unanswered'))).not.toBe('sent');
    const store = (await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: { subject: string }[] };
    expect(store.emails.map((e) => e.subject)).toContain('kept, unanswered');
  });

  it('an unmatched fault goes to the next email, whichever it is', async () => {
    ses.failSends(1);
    expect(await outcome(mail('anyone@example.org', 'next'))).toBe('TooManyRequestsException');
    expect(await outcome(mail('anyone@example.org', 'after'))).toBe('sent');
  });
});

describe('SMS sink: failPublishes', () => {
  it('a fault matched to a number passes over SMS to other numbers and fails the one to it', async () => {
    const before = sink.failedPublishes;
    sink.failPublishes(1, { status: 500, code: 'InternalError' }, { phoneNumber: '+38344000102' });
    expect(await outcome(sms.send({ phoneNumber: '+38344000101', text: 'a' }))).toBe('sent');
    expect(await outcome(sms.send({ phoneNumber: '+38344000102', text: 'b' }))).toBe('InternalErrorException');
    expect(await outcome(sms.send({ phoneNumber: '+38344000102', text: 'c' }))).toBe('sent');
    expect(sink.failedPublishes - before).toBe(1);
    expect(sink.messages().map((m) => m.message)).toEqual(['a', 'c']);
  });

  it('an unmatched fault goes to the next SMS, whichever it is', async () => {
    sink.failPublishes(1);
    expect(await outcome(sms.send({ phoneNumber: '+38344000103', text: 'd' }))).not.toBe('sent');
    expect(await outcome(sms.send({ phoneNumber: '+38344000103', text: 'e' }))).toBe('sent');
  });
});
