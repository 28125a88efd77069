import * as z from 'zod';
import { auditItem, type AuditItem } from './audit.js';
import { casePk } from './owner.js';

/**
 * What the household answered on the returnee page about one of its next steps: "I will come"
 * (`yes`) or "I cannot come" (`no`), for an appointment or a referral's office. One item per step,
 * in the case's partition (so `GET /cases/{id}` and the page read it with the case), with the
 * case's expiry; `changes` counts the answers given, so a changed mind is a new answer and a
 * second press of the same button is none.
 */
export const PageAnswerItem = z.object({
  pk: z.string().startsWith('CASE#'),
  sk: z.string().startsWith('PAGE#'),
  type: z.literal('PageAnswer'),
  caseId: z.string(),
  /** `appt:<appointmentId>` or `ref:<referralId>`. */
  step: z.string().regex(/^(appt|ref):[A-Za-z0-9_-]{1,64}$/),
  answer: z.enum(['yes', 'no']),
  /** Answers given so far for this step (1 for the first). */
  changes: z.number().int().min(1),
  at: z.string(),
  expiresAt: z.number().int(),
});
export type PageAnswerItem = z.infer<typeof PageAnswerItem>;
export type PageAnswer = PageAnswerItem['answer'];

export const pageAnswerKey = (caseId: string, step: string) => ({ pk: casePk(caseId), sk: `PAGE#${step}` });

export function pageAnswerItem(fields: Omit<PageAnswerItem, 'pk' | 'sk' | 'type'>): PageAnswerItem {
  return { ...pageAnswerKey(fields.caseId, fields.step), type: 'PageAnswer', ...fields };
}

/** The answer on record, in the municipality's feed (the digests): the step and the answer, nothing personal. */
export function pageAnsweredAudit(a: Pick<PageAnswerItem, 'caseId' | 'step' | 'answer' | 'at' | 'changes'>, municipalityId: string): AuditItem {
  // The answer's count in the subject: two answers in the same millisecond are two entries.
  return auditItem({ caseId: a.caseId, municipalityId }, `${a.step}#${a.changes}`, a.at, { event: 'case.page_answered', by: 'returnee:page', via: 'page', detail: { answer: a.answer } });
}
