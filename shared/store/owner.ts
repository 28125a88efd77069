import * as z from '../domain/zod.js';

/**
 * Intents, timers and audit entries live in the partition of what they belong to: a case
 * (`CASE#`), a meeting (`MEET#`) or a municipality (`MUNI#`: digests and reports), so one Query
 * returns a thing with everything that happened to it.
 */
export const OwnerPk = z.string().check(z.regex(/^(CASE|MEET|MUNI)#/, 'a CASE#, MEET# or MUNI# partition'));

export const casePk = (caseId: string) => `CASE#${caseId}`;
export const meetingPk = (meetingId: string) => `MEET#${meetingId}`;
export const municipalityPk = (municipalityId: string) => `MUNI#${municipalityId}`;

/**
 * What an intent or a timer belongs to. `pk`: the partition of the item that gives rise to it
 * (a timer's intents go where the timer is).
 */
export type Owner = { caseId: string } | { meetingId: string } | { municipalityId: string } | { pk: string };

export function ownerPk(owner: Owner): string {
  if ('caseId' in owner) return casePk(owner.caseId);
  if ('meetingId' in owner) return meetingPk(owner.meetingId);
  if ('municipalityId' in owner) return municipalityPk(owner.municipalityId);
  return owner.pk;
}
