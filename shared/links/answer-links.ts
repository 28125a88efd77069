import * as z from '../domain/zod.js';
import { LINK_ACTIONS, linkExpiry, signLink, type LinkAction } from './signed-link.js';
import type { SigningKeySource } from './signing-key.js';

/**
 * What an office email's intent keeps of its one-click answers: which answers it offers and until
 * when, never a token or a URL. The links are signed from this (and the intent's case and
 * referral ids) each time the email is rendered, so reading the table, its stream or a backup
 * does not let anyone answer as the office; and a retry renders links for the same answers and
 * expiry (the same tokens while the key is the same).
 */
export interface AnswerLinkGrant {
  /** The answers the email offers: every one of LINK_ACTIONS (the templates show all three). */
  actions: LinkAction[];
  /** epoch seconds */
  exp: number;
}

export const AnswerLinkGrant = z.strictObject({
  actions: z.array(z.enum(LINK_ACTIONS)).check(
    z.refine((a) => LINK_ACTIONS.every((x) => a.includes(x)) && a.length === LINK_ACTIONS.length, 'each of accept, decline and outcome once'),
  ),
  exp: z.number().check(z.int(), z.positive()),
});

/** The key under which an intent's data holds its grant. */
export const ANSWER_LINKS = 'answerLinks';

/** The grant for an email planned at `now`: all three answers, for LINK_TTL_DAYS. */
export function answerLinkGrant(now: Date): AnswerLinkGrant {
  return { actions: [...LINK_ACTIONS], exp: linkExpiry(now) };
}

export interface AnswerLinkSigner {
  /** Absolute base of the links, e.g. https://links.example.org (no trailing slash). */
  baseUrl: string;
  key: SigningKeySource;
}

/** What the templates take: the three URLs, and the day they expire (YYYY-MM-DD, UTC). */
export interface SignedAnswerLinks {
  links: Record<LinkAction, string>;
  linksExpire: string;
}

/** The links of a grant for one referral, signed with the current key. */
export function signAnswerLinks(grant: AnswerLinkGrant, ids: { caseId: string; referralId: string }, key: Buffer, baseUrl: string): SignedAnswerLinks {
  const url = (action: LinkAction) => `${baseUrl}/r/${signLink({ caseId: ids.caseId, referralId: ids.referralId, action, exp: grant.exp }, key)}`;
  const links = Object.fromEntries(grant.actions.map((a) => [a, url(a)])) as Record<LinkAction, string>;
  return { links, linksExpire: new Date(grant.exp * 1000).toISOString().slice(0, 10) };
}
