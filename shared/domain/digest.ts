import * as z from 'zod';

/** Which digests a coordinator gets: the directory sets a default, the coordinator may choose another. */
export const DIGEST_CHOICES = ['daily', 'weekly', 'both', 'none'] as const;
export const DigestChoice = z.enum(DIGEST_CHOICES);
export type DigestChoice = z.infer<typeof DigestChoice>;
