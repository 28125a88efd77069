import { Requested } from './request.js';
import * as z from './zod.js';

/** How a notification goes out: institutional mailboxes get email, returnees SMS. */
export const Channel = z.enum(['email', 'sms']);
export type Channel = z.infer<typeof Channel>;

/** What came of a coordinator's call or visit instead of a notification that did not arrive. */
export const FOLLOW_UP_OUTCOMES = ['reached_by_phone', 'visited', 'unreachable'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/**
 * A follow-up closed: what came of the call or visit, when, and the request that closed it when it
 * had a requestId (its retry answers as it did: request.ts).
 */
export const FollowUpDone = z.object({ outcome: z.enum(FOLLOW_UP_OUTCOMES), at: z.string(), request: z.optional(Requested) });
export type FollowUpDone = z.infer<typeof FollowUpDone>;

/** Closing a follow-up: `done`, or not, with how it was closed before (`earlier`) if it was. */
export type FollowUpClosing = { done: true } | { done: false; earlier?: FollowUpDone };

/** Not closed now: what the item found holds of an earlier closing, if anything. */
export const notClosed = (found: { followUp?: FollowUpDone | undefined } | undefined): FollowUpClosing => ({ done: false, ...(found?.followUp ? { earlier: found.followUp } : {}) });
