import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Sent, SmsMessage, SmsSender } from './ports.js';
import { classifyProviderError } from './provider-errors.js';

const NON_RETRYABLE = new Set(['InvalidParameter', 'InvalidParameterValue', 'AuthorizationError', 'OptedOut', 'ValidationException']);
const THROTTLED = new Set(['Throttled', 'ThrottlingException', 'KMSThrottling', 'Throttling']);

export class SnsSmsSender implements SmsSender {
  constructor(private readonly sns: SNSClient) {}

  async send(m: SmsMessage): Promise<Sent> {
    try {
      const out = await this.sns.send(
        new PublishCommand({
          PhoneNumber: m.phoneNumber,
          Message: m.text,
          MessageAttributes: {
            // Transactional: delivered with priority, as appointments and deadlines need.
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          },
        }),
      );
      if (!out.MessageId) throw Object.assign(new Error('no MessageId'), { name: 'MissingMessageId' });
      return { providerMessageId: out.MessageId };
    } catch (err) {
      throw classifyProviderError(err, NON_RETRYABLE, THROTTLED);
    }
  }
}
