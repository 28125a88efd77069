/**
 * A table key as a log line or a parked-record list may show it: the ids and codes it is made of
 * (case, referral, meeting and municipality ids, an intent's source, purpose and recipient id),
 * never the personal data a key could hold. Today's keys hold ids only (a recipient part is a
 * directory id or `returnee`, never an address: data-model.md), except the SMR claim, whose
 * partition is the SMR case id (personal data: the audit keeps no SMR id since #16), and the
 * address item, whose partition is a hash of the address (below: why a hash is no cover). Each part
 * between `#` is checked rather than trusted, so a key built from an address, a phone number or a
 * name by mistake, or by a hand-made record, is still not logged.
 *
 * Such a part is dropped (a marker in its place), not hashed: a hash of a phone number is undone
 * by trying every number, and one of an address by guessing it, so a hashed log line would still
 * be personal data. What stays (partition, source, purpose, and the stream record's eventID and
 * sequence number beside it) finds the item; the table holds the rest.
 */
export function keyForLog(key: unknown): string {
  if (!key || typeof key !== 'object') return '<no key>';
  const { pk, sk } = key as Record<string, unknown>;
  const parts = [pk, sk].filter((part) => part !== undefined);
  return parts.length ? parts.map(safePart).join(' ') : '<no key>';
}

/** An id or a code: what key parts are made of. Empty too (`NOTE##…`: an escalation's source). */
const ID_OR_CODE = /^[A-Za-z0-9._:-]{0,100}$/;
/** Digits, with the separators people type in a number (a `+`, spaces, dashes, dots, brackets). */
const NUMBER_LIKE = /^\+?[\d\s()./-]+$/;
/** A day (a grant call's closing day, a feed's date): digits too, but not a phone number. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function safePart(value: unknown): string {
  if (typeof value !== 'string') return '<not a string>';
  const [prefix = '', ...rest] = value.split('#');
  if (prefix === 'SMR') return 'SMR#<smr-id>';
  // An address item's partition is a hash of the address: by the rule above, personal data too.
  if (prefix === 'ADDR') return 'ADDR#<address-hash>';
  return [prefix, ...rest].map(safeSegment).join('#');
}

function safeSegment(s: string): string {
  if (s.includes('@')) return '<email>';
  // Seven digits or more: a phone number, local or international; no id part is that long a number.
  if (NUMBER_LIKE.test(s) && !DAY.test(s) && (s.match(/\d/g)?.length ?? 0) >= 7) return '<phone>';
  return ID_OR_CODE.test(s) ? s : '<redacted>';
}
