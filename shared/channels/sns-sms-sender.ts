import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, type MessageAttributeValue, type SNSClient } from '@aws-sdk/client-sns';
import type { Sent, SmsMessage, SmsSender } from './ports.js';
import { classifyProviderError } from './provider-errors.js';

// SDK v3 names an SNS error after its exception class (InvalidParameterException), not the query
// protocol's code (InvalidParameter): both are listed. KMSThrottling comes with HTTP 400, so
// without its name here the status alone would make it non-retryable.
const NON_RETRYABLE = new Set([
  'InvalidParameter', 'InvalidParameterException', 'InvalidParameterValue', 'InvalidParameterValueException',
  'AuthorizationError', 'AuthorizationErrorException', 'OptedOut', 'OptedOutException', 'ValidationException',
]);
const THROTTLED = new Set(['Throttled', 'ThrottledException', 'ThrottlingException', 'KMSThrottling', 'KMSThrottlingException', 'Throttling']);

/** A price as SNS reads it: plain decimal, never exponent notation (1e-7) or digit grouping. */
function priceString(usd: number): string {
  return usd.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

export class SnsSmsSender implements SmsSender {
  constructor(private readonly sns: SNSClient) {}

  async send(m: SmsMessage): Promise<Sent> {
    const attributes: Record<string, MessageAttributeValue> = {
      // Transactional: delivered with priority, as appointments and deadlines need.
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    };
    if (m.senderId !== undefined) attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: m.senderId };
    if (m.maxPriceUsd !== undefined) attributes['AWS.SNS.SMS.MaxPrice'] = { DataType: 'Number', StringValue: priceString(m.maxPriceUsd) };
    try {
      const out = await this.sns.send(new PublishCommand({ PhoneNumber: m.phoneNumber, Message: m.text, MessageAttributes: attributes }));
      if (!out.MessageId) throw Object.assign(new Error('no MessageId'), { name: 'MissingMessageId' });
      return { providerMessageId: out.MessageId };
    } catch (err) {
      throw classifyProviderError(err, NON_RETRYABLE, THROTTLED);
    }
  }

  async isOptedOut(phoneNumber: string): Promise<boolean> {
    try {
      const out = await this.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber }));
      return out.isOptedOut === true;
    } catch (err) {
      throw classifyProviderError(err, NON_RETRYABLE, THROTTLED, 'read');
    }
  }
}
