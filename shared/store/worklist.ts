import * as z from '../domain/zod.js';

/**
 * The overloaded, sparse `worklist` index: an item is in at most one list at a time, and leaves
 * it (REMOVE listKey) when it no longer needs anyone's attention, so digests, agendas and reports
 * read only what is current, never the history of closed cases. Each entity says which list it
 * belongs in (its `…Listing`); worklist-store.ts reads them.
 */
export const lists = {
  /** The day's activity of a municipality (audit entries), for digests: one partition per local day. */
  feed: (municipalityId: string, localDate: string) => `FEED#${municipalityId}#${localDate}`,
  /** Referrals sent and not yet acknowledged, by acknowledgement date: overdue = sort key < today. */
  awaitingAck: (municipalityId: string) => `ACK#${municipalityId}`,
  /** Declined referrals not yet followed by a new referral for the same need. */
  declined: (municipalityId: string) => `DECLINED#${municipalityId}`,
  /** Waiting referrals whose prerequisite will never be completed, by when that became so: the coordinator decides. */
  blocked: (municipalityId: string) => `BLOCKED#${municipalityId}`,
  /** Open cases by their 18-month closure date. */
  openCases: (municipalityId: string) => `OPEN#${municipalityId}`,
  /** Scheduled appointments and legal deadlines by time. */
  appointments: (municipalityId: string) => `APPT#${municipalityId}`,
  /** Notifications that finally failed or whose outcome is unknown, by time: someone must call or visit. */
  failed: (municipalityId: string) => `FAILED#${municipalityId}`,
  /** "I cannot come" answers on the returnee page, by when: the coordinator calls, then marks it handled. */
  cannotCome: (municipalityId: string) => `CANNOT#${municipalityId}`,
  /** Individual plans with an open measure, by its earliest due date: overdue = sort key < today. */
  measuresDue: (municipalityId: string) => `MEASURES#${municipalityId}`,
  /** Meetings by start time. */
  meetings: (municipalityId: string) => `MEET#${municipalityId}`,
  /** Timers (and unreadable items of the timers index) that failed every attempt: an operator's list, national. */
  quarantined: () => 'QUARANTINED',
};

/**
 * Whether a list is one where an item waits for someone to act: not the day's activity feed, which
 * is the history the digests tell, nor the operators' quarantine.
 */
export const awaitsAction = (listKey: string): boolean => !listKey.startsWith('FEED#') && listKey !== lists.quarantined();

/** Where an item waits: its list, and its place in it (a date or instant first, then its id). */
export type Listing = { listKey: string; listSort: string };

/** The list attributes an item carries (absent: in no list). */
export const ListFields = { listKey: z.optional(z.string()), listSort: z.optional(z.string()) };
