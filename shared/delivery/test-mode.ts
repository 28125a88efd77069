import type { Channel } from '../domain/notification.js';

/**
 * 'live' delivers to whoever an intent names. 'test' (staging, demos, load tests on AWS)
 * delivers only to recipients that reach no one: addresses under domains reserved for
 * documentation and testing (RFC 2606, RFC 6761) or Amazon SES's mailbox simulator, and the phone
 * numbers the deployment lists as simulated. Anything else is refused before the provider is called.
 */
export type DeliveryMode = 'live' | 'test';

const RESERVED_EMAIL = /@(?:[a-z0-9-]+\.)*(?:example\.(?:org|com|net)|[a-z0-9-]+\.(?:test|example|invalid|localhost)|simulator\.amazonses\.com)$/i;

export function mayDeliver(mode: DeliveryMode, channel: Channel, recipient: string, simulatedPhones: ReadonlySet<string>): boolean {
  if (mode === 'live') return true;
  return channel === 'email' ? RESERVED_EMAIL.test(recipient) : simulatedPhones.has(recipient);
}
