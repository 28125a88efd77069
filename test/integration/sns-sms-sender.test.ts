import { KMSThrottlingException, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmsSink, type RunningSmsSink } from '../../local/sms-sink.js';
import { DeliveryError } from '../../shared/channels/ports.js';
import { SnsSmsSender } from '../../shared/channels/sns-sms-sender.js';

/** The SNS adapter against the project's SMS sink, through the real @aws-sdk/client-sns (query protocol, XML). */
let sink: RunningSmsSink;
let sns: SNSClient;
let sender: SnsSmsSender;

beforeAll(async () => {
  sink = await startSmsSink(0);
  sns = new SNSClient({
    endpoint: sink.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // An error here must come back at once, as the adapter sorts it, not after the SDK's retries.
    maxAttempts: 1,
  });
  sender = new SnsSmsSender(sns);
});

afterAll(async () => {
  sns?.destroy();
  await sink?.stop();
});

beforeEach(() => sink.clear());

describe('SnsSmsSender.send', () => {
  it('sends Transactional only, when the policy gives no sender ID and no price cap', async () => {
    const { providerMessageId } = await sender.send({ phoneNumber: '+38344000001', text: 'Përshëndetje' });
    const [sms] = sink.messages();
    expect(sms).toMatchObject({ messageId: providerMessageId, phoneNumber: '+38344000001', message: 'Përshëndetje' });
    expect(sms!.attributes).toEqual({ 'AWS.SNS.SMS.SMSType': 'Transactional' });
  });

  it('adds the sender ID and the maximum price as SNS message attributes', async () => {
    await sender.send({ phoneNumber: '+38344000002', text: 'Pershendetje', senderId: 'Obiliq', maxPriceUsd: 0.05 });
    expect(sink.messages()[0]!.attributes).toEqual({
      'AWS.SNS.SMS.SMSType': 'Transactional',
      'AWS.SNS.SMS.SenderID': 'Obiliq',
      'AWS.SNS.SMS.MaxPrice': '0.05',
    });
  });

  it('writes a tiny price as a plain decimal, never in exponent notation', async () => {
    await sender.send({ phoneNumber: '+38344000003', text: 'x', maxPriceUsd: 0.0000001 });
    expect(sink.messages()[0]!.attributes['AWS.SNS.SMS.MaxPrice']).toBe('0.0000001');
  });
});

describe('SnsSmsSender.isOptedOut', () => {
  it('is false for a number that has not opted out, true once it has (sink.optOut)', async () => {
    expect(await sender.isOptedOut('+38344000010')).toBe(false);
    sink.optOut('+38344000010');
    expect(await sender.isOptedOut('+38344000010')).toBe(true);
    expect(await sender.isOptedOut('+38344000011')).toBe(false);
  });

  it('POST /_sms/opt-out opts a number out, as a returnee replying STOP; a bad body is a 400', async () => {
    const post = (body: string) => fetch(`${sink.endpoint}/_sms/opt-out`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post(JSON.stringify({ phoneNumber: '+4915112345678' }))).status).toBe(204);
    expect(await sender.isOptedOut('+4915112345678')).toBe(true);
    for (const bad of ['{"phoneNumber":"049 555 123"}', '{}', 'not json', '{"phoneNumber":"+38344000012","extra":1}']) {
      expect((await post(bad)).status, bad).toBe(400);
    }
    expect(await sender.isOptedOut('+38344000012')).toBe(false);
    const listed = (await (await fetch(`${sink.endpoint}/_sms`)).json()) as { optedOut: string[] };
    expect(listed.optedOut).toContain('+4915112345678');
  });

  it('an invalid number is a non-retryable InvalidParameter, sorted like send\'s errors', async () => {
    const err = await sender.isOptedOut('049555123').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    // The SDK names the error after its class; the code recorded is that name.
    expect(err).toMatchObject({ kind: 'non-retryable', code: 'InvalidParameterException' });
  });

  it('throttling is retryable even where SNS answers HTTP 400 (KMSThrottling)', async () => {
    const throttled = new KMSThrottlingException({ message: 'slow down', $metadata: { httpStatusCode: 400 } });
    const failing = new SnsSmsSender({ send: async () => Promise.reject(throttled) } as unknown as SNSClient);
    await expect(failing.isOptedOut('+38344000014')).rejects.toMatchObject({ kind: 'throttled', code: 'KMSThrottlingException' });
    await expect(failing.send({ phoneNumber: '+38344000014', text: 'x' })).rejects.toMatchObject({ kind: 'throttled' });
  });

  it('a provider outage is transient', async () => {
    const down = new SnsSmsSender(
      new SNSClient({ endpoint: 'http://127.0.0.1:9', region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 }),
    );
    await expect(down.isOptedOut('+38344000013')).rejects.toMatchObject({ kind: 'transient' });
  });
});
