import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from '../domain/zod.js';
import { addDays, addMonths, localDate, localTime, onOrAfterWorkingDay, type HolidayCalendar } from '../domain/calendar.js';
import { CASE_MONTHS } from '../domain/case.js';
import type { Clock } from '../domain/clock.js';
import { auditItem } from '../store/audit.js';
import { CaseItem } from '../store/case.js';
import { namesCase } from '../store/meeting.js';
import type { CaseRepository, PartitionEntry, RetentionRepository, WorklistRepository } from '../store/ports.js';

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
export const ClosedCase = z.extend(z.pick(CaseItem, { pk: true, caseId: true, smrCaseId: true }), {
  status: z.literal('closed'),
  closedAt: z.iso.datetime({ offset: true }),
});
export type ClosedCase = z.infer<typeof ClosedCase>;

export interface ExpireDeps {
  store: Pick<RetentionRepository, 'partition' | 'expireBy' | 'expireClaimBy'>;
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

/**
 * What audit entries written before they kept ids and codes only quoted of the case: they go with
 * its personal data. (Entries written now carry neither: see caseCreatedAudit and referralMove.)
 */
export const PERSONAL_AUDIT_DETAIL = ['smrCaseId', 'arrivalDate'] as const;

/**
 * Why a case's personal data is erased before its time (Law No. 06/L-082 on the protection of
 * personal data, Art. 17 as the GDPR's): codes only, as every audit entry.
 */
export const ErasureReason = z.enum(['data-subject-request', 'consent-withdrawn', 'registered-in-error', 'legal-obligation']);
export type ErasureReason = z.infer<typeof ErasureReason>;

/** Who asked, as the audit records an operator: an id they are known by (an IAM principal, a user name), never looked up. */
export const OperatorId = z.string().check(z.regex(/^[A-Za-z0-9._@+:/=-]{1,128}$/, 'an operator id: letters, digits and . _ @ + : / = - (an IAM principal or a user name)'));

/** A reference of the request (a ticket or protocol number): an id, not a text that could quote anyone. */
export const RequestReference = z.string().check(z.regex(/^[A-Za-z0-9._/-]{1,40}$/, 'a reference such as "DPA-2026-014"'));

export interface ErasureRequest {
  reason: ErasureReason;
  operator: string;
  reference?: string | undefined;
}

export interface EraseDeps {
  store: RetentionRepository;
  cases: Pick<CaseRepository, 'get'>;
  worklists: Pick<WorklistRepository, 'meetings'>;
  clock: Clock;
  logger: Pick<Logger, 'info'>;
}

export interface ErasureOutcome {
  caseId: string;
  /** Whether the case's own item was there (a second run finds only what the first left). */
  found: boolean;
  /** Items deleted now: the case, referrals, intents, appointments, timers… */
  erased: number;
  /** Audit entries, left (ids and codes only). */
  kept: number;
  /** Audit entries that still quoted the SMR case id or the arrival date, now without them. */
  scrubbed: number;
  claim: 'erased' | 'unchanged';
  /** Meetings whose cases discussed named the case, now without it. */
  meetings: number;
}

/**
 * Erases a case's personal data now, on a data subject's request or a legal duty: the items that
 * retention would let expire (the same `expires`) are deleted at once rather than given a TTL, the
 * SMR-id claim goes, legacy audit entries lose the SMR id and arrival date, and meetings' minutes
 * no longer name it. The audit entries (ids and codes) and the quarter's counters stay, and an
 * entry records the erasure, why, and which operator did it. An open case is erased as it is:
 * it leaves the open-cases list with its item and is not counted as closed. Safe to run again.
 */
export async function eraseCase(caseId: string, request: ErasureRequest, deps: EraseDeps): Promise<ErasureOutcome> {
  const theCase = await deps.cases.get(caseId);
  const outcome: ErasureOutcome = { caseId, found: theCase !== undefined, erased: 0, kept: 0, scrubbed: 0, claim: 'unchanged', meetings: 0 };
  for await (const items of deps.store.items(caseId)) {
    const page = items.map((i) => ({ pk: String(i.pk), sk: String(i.sk), type: String(i.type ?? '') }));
    const toErase = page.filter(expires);
    const kept = page.filter((i) => !expires(i));
    outcome.kept += kept.length;
    for (let i = 0; i < toErase.length; i += CONCURRENCY) {
      const done = await Promise.all(toErase.slice(i, i + CONCURRENCY).map((item) => deps.store.erase(item)));
      outcome.erased += done.filter(Boolean).length;
    }
    for (const entry of kept) if (await deps.store.scrubAuditDetail(entry, PERSONAL_AUDIT_DETAIL)) outcome.scrubbed++;
  }
  if (theCase) {
    if (await deps.store.eraseClaim(theCase.smrCaseId, caseId)) outcome.claim = 'erased';
    for (const m of await deps.worklists.meetings(theCase.municipalityId)) {
      if (m.casesDiscussed?.some(namesCase(theCase)) && (await deps.store.forgetInMeeting(m, theCase))) outcome.meetings++;
    }
  }
  if (outcome.found || outcome.erased > 0 || outcome.scrubbed > 0) {
    const at = deps.clock.now().toISOString();
    await deps.store.record(
      auditItem(caseId, caseId, at, {
        event: 'case.erased',
        by: `operator:${request.operator}`,
        byRole: 'operator',
        via: 'cli',
        detail: {
          reason: request.reason,
          ...(request.reference ? { reference: request.reference } : {}),
          erased: String(outcome.erased),
          kept: String(outcome.kept),
          meetings: String(outcome.meetings),
        },
      }),
    );
  }
  deps.logger.info('case erased', { ...outcome, reason: request.reason });
  return outcome;
}
