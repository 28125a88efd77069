import type { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { addDays, addMonths, localDate, localTime, onOrAfterWorkingDay, type HolidayCalendar } from '../domain/calendar.js';
import { CASE_MONTHS } from '../domain/case.js';
import { CaseItem } from '../store/case.js';
import type { PartitionEntry, RetentionRepository } from '../store/ports.js';

/**
 * How long a returnee's personal data (names, phone number, what the messages about them said)
 * is kept: PERSONAL_DATA_RETENTION_DAYS after the case is closed. Every item of a case's
 * partition carries `expiresAt` (DynamoDB TTL) and goes with it, except the audit entries (ids
 * and codes only); the indicator counters live in the municipality's partition without TTL. So
 * once the data is gone, the plans' counts and the record of who did what, when, remain.
 *
 * The closing is what starts the clock, but a case nobody closes must not keep its data for
 * ever, nor may an open case lose its data while it still runs. So an open case's items carry a
 * safety net (the case's longest life plus the retention), and when the case closes the
 * expire-closed-cases function brings every item forward to closure plus the retention.
 */

const DAY_SECONDS = 86_400;
const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * The expiry of an open case's items: the retention after the latest day the case can still be
 * running. The plan runs CASE_MONTHS from arrival, and its closure reminder rings on the first
 * working day on or after that date (timers/plan.ts), so that day counts whole. A case is
 * sometimes registered after the family arrived, sometimes before (an announced return): the
 * later of the two dates starts the longest life, so the safety net never falls before the
 * closure reminder, whatever the retention.
 */
export function openCaseExpiry(c: Pick<CaseItem, 'createdAt' | 'arrivalDate'>, retentionDays: number, holidays: HolidayCalendar): number {
  const registered = localDate(new Date(c.createdAt));
  const start = c.arrivalDate > registered ? c.arrivalDate : registered;
  const lastDay = onOrAfterWorkingDay(addMonths(start, CASE_MONTHS), holidays);
  return epochSeconds(localTime(addDays(lastDay, 1), 0)) + retentionDays * DAY_SECONDS;
}

/** The expiry of a closed case's personal data: the retention after the closure. */
export function closedCaseExpiry(closedAt: string, retentionDays: number): number {
  return epochSeconds(new Date(closedAt)) + retentionDays * DAY_SECONDS;
}

/**
 * Item types of a case partition that stay when the personal data goes: audit entries hold ids
 * and codes only and are the plans' means of verification. Everything else expires, including
 * item types added later: keeping something must be decided here, forgetting must not need to be.
 */
export const KEPT_AFTER_EXPIRY: ReadonlySet<string> = new Set(['Audit']);

export const expires = (item: Pick<PartitionEntry, 'type'>): boolean => !KEPT_AFTER_EXPIRY.has(item.type);

/** The closed case, as its stream image says: only the ids and the closure time are read. */
export const ClosedCase = CaseItem.pick({ pk: true, caseId: true, smrCaseId: true }).extend({
  status: z.literal('closed'),
  closedAt: z.iso.datetime({ offset: true }),
});
export type ClosedCase = z.infer<typeof ClosedCase>;

export interface ExpireDeps {
  store: RetentionRepository;
  retentionDays: number;
  logger: Logger;
}

export interface ExpiryOutcome {
  caseId: string;
  expiresAt: number;
  /** Items whose expiry was brought forward now. */
  set: number;
  /** Items already expiring then or earlier (a redelivery finds them all so), or already gone. */
  unchanged: number;
  /** Audit entries, left without TTL. */
  kept: number;
  claim: 'set' | 'unchanged';
}

/** Parallel updates per page: enough to finish a large case well inside the timeout, few enough not to throttle. */
const CONCURRENCY = 8;

/**
 * A case was closed: every item of its partition that holds or points to personal data, and the
 * SMR-id claim that maps the SMR case id to it, expire `retentionDays` after the closure. One
 * conditional update per item, so it scales past a transaction's limit, and a redelivered or
 * retried record (after a timeout half-way) writes only what is not yet done.
 */
export async function expireClosedCase(c: ClosedCase, deps: ExpireDeps): Promise<ExpiryOutcome> {
  const expiresAt = closedCaseExpiry(c.closedAt, deps.retentionDays);
  const outcome: ExpiryOutcome = { caseId: c.caseId, expiresAt, set: 0, unchanged: 0, kept: 0, claim: 'unchanged' };
  for await (const page of deps.store.partition(c.pk)) {
    const toExpire = page.filter(expires);
    outcome.kept += page.length - toExpire.length;
    for (let i = 0; i < toExpire.length; i += CONCURRENCY) {
      const written = await Promise.all(toExpire.slice(i, i + CONCURRENCY).map((item) => deps.store.expireBy(item, expiresAt)));
      for (const w of written) w ? outcome.set++ : outcome.unchanged++;
    }
  }
  // The claim maps the SMR case id to this case: once the case is gone it would point at nothing
  // and refuse a new registration of the same SMR id with a 409 naming a case that no longer exists.
  outcome.claim = (await deps.store.expireClaimBy(c.smrCaseId, c.caseId, expiresAt)) ? 'set' : 'unchanged';
  deps.logger.info('closed case set to expire', { ...outcome });
  return outcome;
}
