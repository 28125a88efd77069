/**
 * SES configuration-set events in the exact shape SES publishes them (the AWS Developer Guide's
 * "Examples of event data that Amazon SES publishes": Bounce, Complaint, Delivery, Reject,
 * Rendering Failure), with the message id, recipient and tags of our choosing. EventBridge
 * carries the same JSON as its `detail`, under the detail-types "Email Bounced", "Email
 * Complaint Received", "Email Delivered", "Email Rejected" and "Email Rendering Failed".
 */

export interface MailOptions {
  messageId?: string;
  recipient?: string;
  /** Our own message tags (the deliver function's `intent`, `purpose`, `template`). */
  tags?: Record<string, string>;
  configurationSet?: string;
  /** When the email was sent. */
  sentAt?: string;
}

export function sesMail(o: MailOptions = {}) {
  const recipient = o.recipient ?? 'recipient@example.com';
  const messageId = o.messageId ?? 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000';
  return {
    timestamp: o.sentAt ?? '2017-08-05T00:40:02.012Z',
    source: 'Referrals <referrals@platform.example.org>',
    sourceArn: 'arn:aws:ses:eu-central-1:123456789012:identity/platform.example.org',
    sendingAccountId: '123456789012',
    messageId,
    destination: [recipient],
    headersTruncated: false,
    headers: [
      { name: 'From', value: 'Referrals <referrals@platform.example.org>' },
      { name: 'To', value: recipient },
      { name: 'Subject', value: 'Message sent from Amazon SES' },
      { name: 'MIME-Version', value: '1.0' },
      { name: 'Content-Type', value: 'multipart/alternative; boundary="----=_Part_7307378_1629847660.1516840721503"' },
    ],
    commonHeaders: {
      from: ['Referrals <referrals@platform.example.org>'],
      to: [recipient],
      messageId,
      subject: 'Message sent from Amazon SES',
    },
    // SES adds its own tags to ours, each as a list of values.
    tags: {
      'ses:configuration-set': [o.configurationSet ?? 'ConfigSet'],
      'ses:source-ip': ['192.0.2.0'],
      'ses:from-domain': ['platform.example.org'],
      'ses:caller-identity': ['ses_user'],
      ...Object.fromEntries(Object.entries(o.tags ?? {}).map(([k, v]) => [k, [v]])),
    },
  };
}

export function bounceEvent(o: MailOptions & { bounceType?: 'Permanent' | 'Transient' | 'Undetermined'; bounceSubType?: string; status?: string; at?: string } = {}) {
  const recipient = o.recipient ?? 'recipient@example.com';
  const permanent = (o.bounceType ?? 'Permanent') === 'Permanent';
  return {
    eventType: 'Bounce' as const,
    bounce: {
      bounceType: o.bounceType ?? 'Permanent',
      bounceSubType: o.bounceSubType ?? 'General',
      bouncedRecipients: [
        {
          emailAddress: recipient,
          action: 'failed',
          status: o.status ?? (permanent ? '5.1.1' : '4.2.2'),
          diagnosticCode: permanent ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
        },
      ],
      timestamp: o.at ?? '2017-08-05T00:41:02.669Z',
      feedbackId: '01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000',
      reportingMTA: 'dsn; mta.example.com',
    },
    mail: sesMail(o),
  };
}

export function complaintEvent(o: MailOptions & { at?: string } = {}) {
  return {
    eventType: 'Complaint' as const,
    complaint: {
      feedbackId: '0100015e2b8a9ca4-07ec2e92-b9b6-4d9b-8abc-ab3e5be57b58-000000',
      complaintSubType: null,
      complainedRecipients: [{ emailAddress: o.recipient ?? 'recipient@example.com' }],
      timestamp: o.at ?? '2017-08-05T00:41:02.669Z',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.90 Safari/537.36',
      complaintFeedbackType: 'abuse',
      arrivalDate: '2017-08-05T00:41:02.669Z',
    },
    mail: sesMail(o),
  };
}

export function deliveryEvent(o: MailOptions & { at?: string } = {}) {
  return {
    eventType: 'Delivery' as const,
    mail: sesMail(o),
    delivery: {
      timestamp: o.at ?? '2016-10-19T23:21:04.133Z',
      processingTimeMillis: 11893,
      recipients: [o.recipient ?? 'recipient@example.com'],
      smtpResponse: '250 2.6.0 Message received',
      reportingMTA: 'mta.example.com',
    },
  };
}

export function rejectEvent(o: MailOptions = {}) {
  return { eventType: 'Reject' as const, mail: sesMail(o), reject: { reason: 'Bad content' } };
}

export function renderingFailureEvent(o: MailOptions = {}) {
  return {
    eventType: 'Rendering Failure' as const,
    mail: sesMail(o),
    failure: { errorMessage: "Attribute 'attributeName' is not present in the rendering data.", templateName: 'MyTemplate' },
  };
}

/** As EventBridge delivers an SES event to a rule's target. */
export function eventBridge(detailType: string, detail: unknown) {
  return {
    version: '0',
    id: 'fa4b6b61-0fef-2c11-6e9a-3a6c0bd4f0a5',
    'detail-type': detailType,
    source: 'aws.ses',
    account: '123456789012',
    time: '2017-08-05T00:41:03Z',
    region: 'eu-central-1',
    resources: ['arn:aws:ses:eu-central-1:123456789012:configuration-set/ConfigSet'],
    detail,
  };
}
