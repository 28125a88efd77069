import { z } from 'zod';
import { ReferralState } from '../domain/referral-state.js';
import { MunicipalityId, Need, OfficeKind, VulnerableCategory } from '../domain/vocabulary.js';
import { casePk } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

export const ReferralItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('REF#'),
  type: z.literal('Referral'),
  caseId: z.string(),
  referralId: z.string(),
  municipalityId: MunicipalityId,
  /** The SMR case id, so worklists and agendas can name the case without reading it. */
  smrCaseId: z.string().optional(),
  officeKind: OfficeKind,
  officeId: z.string(),
  need: Need,
  personIds: z.array(z.string()).min(1),
  categories: z.array(VulnerableCategory),
  note: z.string().optional(),
  status: ReferralState,
  /** Sent only once this referral (e.g. civil documents) is completed; `waiting` until then. */
  dependsOn: z.string().optional(),
  /** Set when the referral came from a needs assessment: the rule and persons it stands for. */
  assessmentKey: z.string().optional(),
  /** The office is asked to acknowledge by this date (Kosovo time). */
  ackDueDate: z.string(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  /** Set when the acknowledgement ladder ran out: the coordinator must follow up by phone. */
  flaggedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  /** The office's answer, through its signed link. */
  answeredAt: z.string().optional(),
  declineReason: z.string().optional(),
  outcomeAt: z.string().optional(),
  answerNote: z.string().optional(),
  /** A declined referral followed by a new one for the same need (it leaves the declined list). */
  reReferredAt: z.string().optional(),
  expiresAt: z.number().int(),
  ...ListFields,
});
export type ReferralItem = z.infer<typeof ReferralItem>;

/** Referrals live in their case's partition. */
export const referralKey = (caseId: string, referralId: string) => ({ pk: casePk(caseId), sk: `REF#${referralId}` });

/** A referral as stored: its key and type around what intake decided. */
export function referralItem(fields: Omit<ReferralItem, 'pk' | 'sk' | 'type'>): ReferralItem {
  return { ...referralKey(fields.caseId, fields.referralId), type: 'Referral', ...fields };
}

/** Which worklist a referral belongs in, given its status; undefined: none. */
export function referralListing(r: Pick<ReferralItem, 'municipalityId' | 'status' | 'ackDueDate' | 'referralId' | 'answeredAt' | 'reReferredAt'>): Listing | undefined {
  if (r.status === 'created' || r.status === 'sent') return { listKey: lists.awaitingAck(r.municipalityId), listSort: `${r.ackDueDate}#${r.referralId}` };
  if (r.status === 'declined' && !r.reReferredAt) return { listKey: lists.declined(r.municipalityId), listSort: `${r.answeredAt ?? ''}#${r.referralId}` };
  return undefined;
}
