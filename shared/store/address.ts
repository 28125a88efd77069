import { createHash } from 'node:crypto';
import * as z from '../domain/zod.js';

/**
 * What SES told us about an email address: it bounced for good (`undeliverable`) or its owner
 * marked our mail as spam (`complained`). Either way no more email goes to it until an operator
 * clears it. Keyed by the SHA-256 of the lower-cased address (`addressKey`), and the address
 * itself is never stored: the item holds no name, no address, no case.
 *
 * No TTL, on purpose: a suppression that lapsed by itself would start mailing a dead mailbox or a
 * complainer again without anyone deciding so. The addresses concerned are the directory's
 * institutional mailboxes (offices, coordinators, contacts; returnees get SMS, not email), and
 * the item leaves when an operator clears it (`address clear`).
 */
export const AddressStatus = z.enum(['undeliverable', 'complained']);
export type AddressStatus = z.infer<typeof AddressStatus>;

export const AddressItem = z.object({
  pk: z.string().check(z.regex(/^ADDR#[0-9a-f]{64}$/)),
  sk: z.literal('META'),
  type: z.literal('Address'),
  /** SHA-256 (hex) of the trimmed, lower-cased address. */
  addressHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  status: AddressStatus,
  /** When the address was first suppressed (a later event does not move it). */
  since: z.string(),
  /** When SES reported the latest event about it; an older event arriving late changes nothing. */
  lastEventAt: z.string(),
  /** The SES message id of the email that event was about. */
  lastMessageId: z.string(),
  /** Codes only: bounce type and subtype, SMTP status ("Permanent/General", "5.1.1"), complaint feedback type. */
  codes: z.array(z.string()),
});
export type AddressItem = z.infer<typeof AddressItem>;

/** Address items' partition prefix (the api's IAM policy may delete only these). */
export const ADDRESS_PK_PREFIX = 'ADDR#';

/** Where an address's status lives: `ADDR#<sha256 of the lower-cased address>`. */
export function addressKey(addressHash: string): { pk: string; sk: 'META' } {
  return { pk: `${ADDRESS_PK_PREFIX}${addressHash}`, sk: 'META' };
}

/**
 * The bare address of a recipient as SES reports it or as an intent holds it: display name and
 * angle brackets dropped, trimmed, lower-cased. Mail systems treat the domain case-insensitively
 * and, in practice, the local part too, so "Office@X.org" and "office@x.org" are one mailbox.
 */
export function normaliseAddress(address: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(address);
  return (bracketed ? bracketed[1]! : address).trim().toLowerCase();
}

/** SHA-256 (hex) of the normalised address: the only form in which an address is stored here. */
export function addressHash(address: string): string {
  return createHash('sha256').update(normaliseAddress(address), 'utf8').digest('hex');
}

export interface AddressEvent {
  status: AddressStatus;
  /** When SES reported it (the bounce's or complaint's own timestamp): equal on every redelivery. */
  at: string;
  messageId: string;
  codes: string[];
}
