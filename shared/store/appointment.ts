import * as z from '../domain/zod.js';
import { casePk } from './owner.js';
import { ListFields, lists, type Listing } from './worklist.js';

export const AppointmentItem = z.object({
  pk: z.string().check(z.startsWith('CASE#')),
  sk: z.string().check(z.startsWith('APPT#')),
  type: z.literal('Appointment'),
  appointmentId: z.string(),
  caseId: z.string(),
  smrCaseId: z.optional(z.string()),
  /** An appointment to attend, or a legal deadline to meet. */
  kind: z.enum(['appointment', 'deadline']),
  when: z.string(),
  title: z.string(),
  where: z.string(),
  bring: z.optional(z.string()),
  /** Raised on every reschedule; its reminders are planned for one version. */
  version: z.number().check(z.int()),
  status: z.enum(['scheduled', 'cancelled']),
  /** Made by a request with a requestId (its id derives from it): the body's fingerprint, to tell a retry from a reuse. */
  requestHash: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.number().check(z.int()),
  ...ListFields,
});
export type AppointmentItem = z.infer<typeof AppointmentItem>;

/** Appointments live in their case's partition. */
export const appointmentKey = (caseId: string, appointmentId: string) => ({ pk: casePk(caseId), sk: `APPT#${appointmentId}` });

/** An appointment as stored: its key and type around what the coordinator entered. */
export function appointmentItem(fields: Omit<AppointmentItem, 'pk' | 'sk' | 'type'>): AppointmentItem {
  return { ...appointmentKey(fields.caseId, fields.appointmentId), type: 'Appointment', ...fields };
}

/** A scheduled appointment or deadline waits in its municipality's list by its time. */
export function appointmentListing(a: Pick<AppointmentItem, 'when' | 'appointmentId'>, municipalityId: string): Listing {
  return { listKey: lists.appointments(municipalityId), listSort: `${a.when}#${a.appointmentId}` };
}
