import type { Appointment } from './types.js';

/** What the appointment form holds: the instant picked, and its texts as typed (filled in from the appointment). */
export interface AppointmentForm {
  when: string;
  title: string;
  where: string;
  bring: string;
}

/**
 * The PUT body for an appointment edited in the form: the version the form was filled from, and
 * only the fields the coordinator changed, so a colleague's change to another field is not
 * written back from a stale form (and a stale version is refused outright). "What to bring"
 * emptied is sent as null (cleared); title and place are required, and the form says so before
 * this is asked. Undefined: nothing changed.
 */
export function appointmentChanges(existing: Appointment, form: AppointmentForm): Record<string, unknown> | undefined {
  const changed: Record<string, string | null> = {};
  if (Date.parse(form.when) !== Date.parse(existing.when)) changed.when = form.when;
  for (const field of ['title', 'where', 'bring'] as const) {
    const typed = form[field].trim();
    if (typed !== (existing[field] ?? '')) changed[field] = typed || null;
  }
  return Object.keys(changed).length > 0 ? { ...changed, version: existing.version } : undefined;
}
