import * as z from './zod.js';
import { IsoDate } from './case.js';

/** The calls the platform tells households about; agriculture is the one both plans name (the agriculture directorate's grants). */
export const GRANT_CALLS = ['agriculture'] as const;

/**
 * How long the coordinator's free text may be: with both at their longest the SMS stays within
 * the default cap of 3 segments once transliterated (test/unit/messages/sms-policy.test.ts).
 */
export const GRANT_CALL_TEXT_MAX = { title: 60, where: 80 } as const;

/** POST /municipalities/{municipalityId}/grant-calls: a call for applications that opened. */
export const GrantCallInput = z.strictObject({
  call: z.enum(GRANT_CALLS),
  title: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(GRANT_CALL_TEXT_MAX.title))),
  /** The last day applications are taken (Kosovo date). */
  closesOn: IsoDate,
  /** Where to apply, as short as an SMS needs: "Drejtoria e Bujqësisë, zyra 12". */
  where: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(GRANT_CALL_TEXT_MAX.where))),
});
export type GrantCallInput = z.infer<typeof GrantCallInput>;

/** Which need's referral records a household's interest in each call. */
export const GRANT_CALL_NEED = { agriculture: 'agriculture_grant' } as const satisfies Record<(typeof GRANT_CALLS)[number], string>;
