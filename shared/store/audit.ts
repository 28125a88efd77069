import * as z from '../domain/zod.js';
import { ROLES } from '../domain/actor.js';
import { localDate } from '../domain/calendar.js';
import { MunicipalityId } from '../domain/vocabulary.js';
import { casePk, municipalityPk, OwnerPk } from './owner.js';
import { ListFields, lists } from './worklist.js';

/**
 * The plans' "means of verification": who changed what, when and how, written in the same
 * transaction as the change. Ids and codes only, no personal data, and no TTL: the record
 * outlives the personal data it refers to by case id.
 */
export const AuditItem = z.object({
  pk: OwnerPk,
  sk: z.string().check(z.startsWith('AUDIT#')),
  type: z.literal('Audit'),
  /** Absent for a meeting's or a municipality's entries. */
  caseId: z.optional(z.string()),
  municipalityId: z.optional(MunicipalityId),
  /** The referral or notification it is about. */
  subjectId: z.string(),
  event: z.string(),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  /**
   * Who: 'user:<Cognito sub>' or 'machine:<name>' (through the API; never an email or a name),
   * 'office:<officeId>' (a signed link), 'system:<function>'. Entries written before sign-in say 'coordinator'.
   */
  by: z.string(),
  /** The caller's role, for changes made through the API. */
  byRole: z.optional(z.enum(ROLES)),
  /** 'link:accept' | 'link:decline' | 'link:outcome' | 'api' | 'stream' | 'sweep' */
  via: z.string(),
  at: z.string(),
  /** Codes only: decline reason, channel, template, provider message id, failure code. */
  detail: z.optional(z.record(z.string(), z.string())),
  ...ListFields,
});
export type AuditItem = z.infer<typeof AuditItem>;

export type AuditEntry = Omit<AuditItem, 'pk' | 'sk' | 'type' | 'caseId' | 'subjectId' | 'at' | 'municipalityId' | 'listKey' | 'listSort'>;

/** Where an audit entry belongs: a case (the usual), or a meeting or municipality partition. */
export type AuditOwner = { caseId: string; municipalityId?: string | undefined } | { pk: string; municipalityId?: string | undefined };

/**
 * Whether an entry goes into its municipality's activity feed. The platform's own deliveries (a
 * message sent, delivered, held, retried, requeued or cancelled) do not: no digest tells of them
 * (shared/digests/digests.ts reads a notification's failure or unknown outcome only), and each in
 * the index costs a write unit more, four a referral (its email and two SMS sent, the email delivered).
 */
export const isFeedEvent = (event: string): boolean =>
  !event.startsWith('notification.') || event === 'notification.failed' || event === 'notification.unconfirmed';

/**
 * An audit item for `entry`, about `subjectId`, at `at`. With a municipality it is also in that
 * municipality's activity feed for the local day (isFeedEvent), which is what the digests read.
 */
export function auditItem(owner: AuditOwner | string, subjectId: string, at: string, entry: AuditEntry): AuditItem {
  const o: AuditOwner = typeof owner === 'string' ? { caseId: owner } : owner;
  const pk = 'caseId' in o ? casePk(o.caseId) : o.pk;
  const muni = o.municipalityId;
  return {
    pk,
    sk: `AUDIT#${at}#${subjectId}#${entry.event}`,
    type: 'Audit',
    ...('caseId' in o ? { caseId: o.caseId } : {}),
    subjectId,
    at,
    ...entry,
    ...(muni ? { municipalityId: muni } : {}),
    ...(muni && isFeedEvent(entry.event) ? { listKey: lists.feed(muni, localDate(new Date(at))), listSort: `${at}#${subjectId}#${entry.event}` } : {}),
  };
}

/** An entry in a municipality's own partition (and its feed): something done for the municipality, not one case. */
export const municipalityAuditItem = (municipalityId: string, subjectId: string, at: string, entry: AuditEntry): AuditItem =>
  auditItem({ pk: municipalityPk(municipalityId), municipalityId }, subjectId, at, entry);
