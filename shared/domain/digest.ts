import * as z from './zod.js';

/** Which digests a coordinator gets: the directory sets a default, the coordinator may choose another. */
export const DIGEST_CHOICES = ['daily', 'weekly', 'both', 'none'] as const;
export const DigestChoice = z.enum(DIGEST_CHOICES);
export type DigestChoice = z.infer<typeof DigestChoice>;

/**
 * Where an office's acceptance or "done" reaches the coordinator: a line in the next morning's
 * daily digest, or an email at once. The directory's default is the digest: with 40 open cases
 * those are a dozen emails a day that ask for nothing.
 */
export const ANSWER_CHOICES = ['digest', 'immediate'] as const;
export const AnswerChoice = z.enum(ANSWER_CHOICES);
export type AnswerChoice = z.infer<typeof AnswerChoice>;

/** A coordinator's own choices, each absent where they kept the directory's default. */
export interface CoordinatorChoices {
  digest?: DigestChoice;
  answers?: AnswerChoice;
}

/** The choices in force: their own, else the directory's defaults for them. */
export const choicesInForce = (defaults: Required<CoordinatorChoices>, own: CoordinatorChoices): Required<CoordinatorChoices> => ({
  digest: own.digest ?? defaults.digest,
  answers: own.answers ?? defaults.answers,
});

/**
 * An answer that may wait for the digest: news that asks nothing of the coordinator. A decline or
 * "not done" asks them to act, and always goes at once.
 */
export const mayWaitForDigest = (status: string): boolean => status === 'accepted' || status === 'completed';

/**
 * Whether such an answer waits: only when the coordinator gets the daily digest too, since the
 * weekly one would tell them days late and "none" never.
 */
export const answersWaitForDigest = (c: Required<CoordinatorChoices>): boolean => c.answers === 'digest' && (c.digest === 'daily' || c.digest === 'both');
