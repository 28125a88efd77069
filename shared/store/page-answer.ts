import * as z from '../domain/zod.js';
import type { Actor } from '../domain/actor.js';
import { FollowUpDone } from '../domain/notification.js';
import { Need, OfficeKind } from '../domain/vocabulary.js';
import { auditItem, type AuditItem } from './audit.js';
import { casePk } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

/** Which step an answer is about, in codes and a time (no free text): what the coordinator's list shows. */
export const PageAnswerAbout = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('referral'), officeKind: OfficeKind, need: Need }),
  z.object({ kind: z.enum(['appointment', 'deadline']), when: z.string() }),
]);
export type PageAnswerAbout = z.infer<typeof PageAnswerAbout>;

/**
 * What the household answered on the returnee page about one of its next steps: "I will come"
 * (`yes`) or "I cannot come" (`no`), for an appointment or a referral's office. One item per step,
 * in the case's partition (so `GET /cases/{id}` and the page read it with the case), with the
 * case's expiry; `changes` counts the answers given, so a changed mind is a new answer and a
 * second press of the same button is none. An "I cannot come" waits on the municipality's
 * cannot-come list (the console's follow-ups) until a coordinator has called and marked it
 * handled (`followUp`), or the household changes it to "I will come".
 */
export const PageAnswerItem = z.object({
  pk: z.string().check(z.startsWith('CASE#')),
  sk: z.string().check(z.startsWith('PAGE#')),
  type: z.literal('PageAnswer'),
  caseId: z.string(),
  /** `appt:<appointmentId>` or `ref:<referralId>`. */
  step: z.string().check(z.regex(/^(appt|ref):[A-Za-z0-9_-]{1,64}$/)),
  answer: z.enum(['yes', 'no']),
  /** Answers given so far for this step (1 for the first). */
  changes: z.number().check(z.int(), z.gte(1)),
  at: z.string(),
  expiresAt: z.number().check(z.int()),
  /** Answers written before the cannot-come list have neither. */
  municipalityId: z.optional(z.string()),
  about: z.optional(PageAnswerAbout),
  /** What came of the coordinator's call about an "I cannot come" (it then leaves the list). */
  followUp: z.optional(FollowUpDone),
  ...ListFields,
});
export type PageAnswerItem = z.infer<typeof PageAnswerItem>;
export type PageAnswer = PageAnswerItem['answer'];

export const pageAnswerKey = (caseId: string, step: string) => ({ pk: casePk(caseId), sk: `PAGE#${step}` });

/** An "I cannot come" with its municipality is on that municipality's cannot-come list, by when it was given. */
export function pageAnswerListing(a: Pick<PageAnswerItem, 'caseId' | 'step' | 'answer' | 'at' | 'municipalityId' | 'followUp'>): Listing | undefined {
  if (a.answer !== 'no' || !a.municipalityId || a.followUp) return undefined;
  return { listKey: lists.cannotCome(a.municipalityId), listSort: `${a.at}#${a.caseId}#${a.step}` };
}

/** A new answer (a changed mind replaces the item whole: a "yes" leaves the list, a new "no" is on it again). */
export function pageAnswerItem(fields: Omit<PageAnswerItem, 'pk' | 'sk' | 'type' | 'listKey' | 'listSort' | 'followUp'>): PageAnswerItem {
  return { ...pageAnswerKey(fields.caseId, fields.step), type: 'PageAnswer', ...fields, ...pageAnswerListing(fields) };
}

/**
 * The coordinator called about an "I cannot come" (or visited, or could not reach anyone): it
 * leaves the list with the outcome on the answer and on record, if still listed in `municipalityId`.
 */
export function pageAnswerFollowedUp(a: Pick<PageAnswerItem, 'caseId' | 'step' | 'changes'>, municipalityId: string, followUp: FollowUpDone, actor: Actor) {
  const { outcome, at } = followUp;
  return {
    key: pageAnswerKey(a.caseId, a.step),
    listedIn: lists.cannotCome(municipalityId),
    followUp,
    audit: auditItem({ caseId: a.caseId, municipalityId }, `${a.step}#${a.changes}`, at, {
      event: 'followup.done',
      by: actor.by,
      byRole: actor.role,
      via: 'api',
      detail: { outcome, answer: 'no' },
    }),
  };
}

/**
 * The id a cannot-come entry goes by in the follow-up routes: `page.` and its case and step,
 * base64url-encoded (a notification's follow-up id has no dot, so the two never meet).
 */
export function encodePageFollowUpId(a: { caseId: string; step: string }): string {
  return `page.${Buffer.from(`${a.caseId}\n${a.step}`, 'utf8').toString('base64url')}`;
}

export function decodePageFollowUpId(value: string): { caseId: string; step: string } | undefined {
  const m = /^page\.([A-Za-z0-9_-]{1,400})$/.exec(value);
  if (!m) return undefined;
  const [caseId, step, ...rest] = Buffer.from(m[1]!, 'base64url').toString('utf8').split('\n');
  if (!caseId || !step || rest.length > 0 || !/^[A-Za-z0-9_-]{1,64}$/.test(caseId) || !PageAnswerItem.shape.step.safeParse(step).success) return undefined;
  return { caseId, step };
}

/** The answer on record, in the municipality's feed (the digests): the step and the answer, nothing personal. */
export function pageAnsweredAudit(a: Pick<PageAnswerItem, 'caseId' | 'step' | 'answer' | 'at' | 'changes'>, municipalityId: string): AuditItem {
  // The answer's count in the subject: two answers in the same millisecond are two entries.
  return auditItem({ caseId: a.caseId, municipalityId }, `${a.step}#${a.changes}`, a.at, { event: 'case.page_answered', by: 'returnee:page', via: 'page', detail: { answer: a.answer } });
}
