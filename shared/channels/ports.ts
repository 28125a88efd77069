/** What the delivery module needs from the outside world; adapters live beside this file. */
export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Non-personal tags for the provider's event stream (purpose, municipality). */
  tags: Record<string, string>;
  /** Files sent with the message: a calendar invitation (.ics), a report (.csv). */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  fileName: string;
  /** e.g. 'text/calendar; charset=UTF-8; method=REQUEST' */
  contentType: string;
  content: string;
}

export interface SmsMessage {
  phoneNumber: string;
  text: string;
  /** Alphanumeric sender ID (the municipality's SMS policy); shown only where the country supports it. */
  senderId?: string;
  /** The most this one message may cost, in USD; the provider drops it rather than pay more. */
  maxPriceUsd?: number;
}

export interface Sent {
  providerMessageId: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<Sent>;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<Sent>;
  /** Whether the number has opted out (replied STOP): a text to it would never arrive. Errors as for send. */
  isOptedOut(phoneNumber: string): Promise<boolean>;
}

/**
 * Provider errors, sorted once at the adapter: a non-retryable error fails the intent at once;
 * throttling and a connection never made (nothing sent) are retried a bounded number of times;
 * an ambiguous one (the provider may have taken the message) is never retried: the intent becomes
 * `unconfirmed` for the coordinator, since a second attempt could deliver it twice.
 */
export type DeliveryErrorKind = 'non-retryable' | 'throttled' | 'transient' | 'ambiguous';

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    readonly kind: DeliveryErrorKind,
    /** The provider's error code, e.g. MessageRejected; never the message text (it may hold an address). */
    readonly code: string,
  ) {
    super(`${kind}: ${code}`);
  }
}
