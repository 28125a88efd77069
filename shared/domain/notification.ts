import * as z from './zod.js';

/** How a notification goes out: institutional mailboxes get email, returnees SMS. */
export const Channel = z.enum(['email', 'sms']);
export type Channel = z.infer<typeof Channel>;

/** What came of a coordinator's call or visit instead of a notification that did not arrive. */
export const FOLLOW_UP_OUTCOMES = ['reached_by_phone', 'visited', 'unreachable'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
