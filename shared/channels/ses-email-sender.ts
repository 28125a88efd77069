import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailMessage, EmailSender, Sent } from './ports.js';
import { classifyProviderError } from './provider-errors.js';

const NON_RETRYABLE = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'BadRequestException',
  'NotFoundException',
]);
const THROTTLED = new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException', 'Throttling']);

export class SesEmailSender implements EmailSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly from: string,
    private readonly configurationSet: string,
  ) {}

  async send(m: EmailMessage): Promise<Sent> {
    try {
      const out = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: m.to },
          ConfigurationSetName: this.configurationSet,
          EmailTags: Object.entries(m.tags).map(([Name, Value]) => ({ Name, Value })),
          Content: {
            Simple: {
              Subject: { Data: m.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: m.text, Charset: 'UTF-8' }, Html: { Data: m.html, Charset: 'UTF-8' } },
              ...(m.attachments?.length
                ? {
                    Attachments: m.attachments.map((a) => ({
                      FileName: a.fileName,
                      ContentType: a.contentType,
                      RawContent: new TextEncoder().encode(a.content),
                      ContentDisposition: 'ATTACHMENT' as const,
                      ContentTransferEncoding: 'BASE64' as const,
                    })),
                  }
                : {}),
            },
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
