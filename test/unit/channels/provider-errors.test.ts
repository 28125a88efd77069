import { InternalServiceErrorException, MessageRejected, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { InternalErrorException, InvalidParameterException, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { sesClient, snsClient } from '../../../shared/aws/clients.js';
import { SesEmailSender } from '../../../shared/channels/ses-email-sender.js';
import { SnsSmsSender } from '../../../shared/channels/sns-sms-sender.js';

/**
 * Which provider errors mean "not sent" and which leave it open: the adapters sort them, and the
 * deliver function resends only the first kind (tests in test/integration/provider-ambiguity.test.ts
 * and the fault matrix show what it does with each).
 */
const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const nodeError = (code: string, name = 'Error') => Object.assign(new Error(code), { code, name });
const timeout = () => Object.assign(new Error('a request has exceeded the configured 10000 ms requestTimeout'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
const connectTimeout = () => Object.assign(new Error('the request socket did not establish a connection'), { name: 'TimeoutError' });

const email = { to: ['office@example.org'], subject: 's', text: 't', html: '<p>t</p>', tags: {} };
const failingSes = (err: unknown) => new SesEmailSender({ send: () => Promise.reject(err) } as unknown as SESv2Client, 'from@example.org', 'set');
const failingSns = (err: unknown) => new SnsSmsSender({ send: () => Promise.reject(err) } as unknown as SNSClient);

describe('SES v2 SendEmail errors', () => {
  it.each([
    ['429 TooManyRequestsException', new TooManyRequestsException({ message: 'x', ...meta(429) }), 'throttled'],
    ['400 MessageRejected', new MessageRejected({ message: 'x', ...meta(400) }), 'non-retryable'],
    ['500 InternalServiceErrorException', new InternalServiceErrorException({ message: 'x', ...meta(500) }), 'ambiguous'],
    ['503 without a modelled name', Object.assign(new Error('x'), { name: 'ServiceUnavailable', ...meta(503) }), 'ambiguous'],
    ['a reset connection (ECONNRESET)', nodeError('ECONNRESET'), 'ambiguous'],
    ['a request timeout once connected', timeout(), 'ambiguous'],
    ['a connection that timed out before it was made', connectTimeout(), 'ambiguous'],
    ['a refused connection (ECONNREFUSED)', nodeError('ECONNREFUSED'), 'transient'],
    ['an unknown host (ENOTFOUND)', nodeError('ENOTFOUND'), 'transient'],
  ])('%s is %s', async (_what, err, kind) => {
    await expect(failingSes(err).send(email)).rejects.toMatchObject({ name: 'DeliveryError', kind });
  });

  it('a success without a message id is ambiguous: SES may have taken it', async () => {
    const ses = new SesEmailSender({ send: () => Promise.resolve({}) } as unknown as SESv2Client, 'from@example.org', 'set');
    await expect(ses.send(email)).rejects.toMatchObject({ kind: 'ambiguous', code: 'MissingMessageId' });
  });
});

describe('SNS Publish and CheckIfPhoneNumberIsOptedOut errors', () => {
  it.each([
    ['ThrottledException', new ThrottledException({ message: 'x', ...meta(429) }), 'throttled', 'throttled'],
    ['400 InvalidParameterException', new InvalidParameterException({ message: 'x', ...meta(400) }), 'non-retryable', 'non-retryable'],
    ['500 InternalErrorException', new InternalErrorException({ message: 'x', ...meta(500) }), 'ambiguous', 'transient'],
    ['a broken pipe (EPIPE)', nodeError('EPIPE'), 'ambiguous', 'transient'],
    ['a refused connection (ECONNREFUSED)', nodeError('ECONNREFUSED'), 'transient', 'transient'],
  ])('%s: Publish %s, the opt-out check (a read) %s', async (_what, err, publish, check) => {
    await expect(failingSns(err).send({ phoneNumber: '+38344000001', text: 'x' })).rejects.toMatchObject({ kind: publish });
    await expect(failingSns(err).isOptedOut('+38344000001')).rejects.toMatchObject({ kind: check });
  });
});

describe('the clients that send', () => {
  it('make one attempt per call: the SDK never repeats a SendEmail or a Publish', async () => {
    expect(await sesClient().config.maxAttempts()).toBe(1);
    expect(await snsClient().config.maxAttempts()).toBe(1);
  });
});
