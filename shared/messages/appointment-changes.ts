import type { AppointmentChangeSmsTemplateId } from '../domain/template-ids.js';
import type { Language, PersonCategory, Trilingual } from '../domain/vocabulary.js';
import { formatDate, formatTime, normaliseSms, renderPlain, templateOf } from './render.js';
import { familySender, weekdayPhrase } from './visits.js';

/** An appointment moved or called off, to the family (shared/referrals/appointment-changes.ts decides it). */
export interface AppointmentChangeSmsData {
  category: PersonCategory;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  coordinatorPhone: string;
  /** ISO instant: the new time of a moved appointment, or the time of the one called off. */
  start: string;
  /** ISO instant: the time a moved appointment had. */
  previousStart?: string;
  /** The returnee page's signed link, added by the deliverer at send time when the municipality has the page on. */
  pageUrl?: string;
}

/**
 * The SMS in the family's language. It carries no free text (title, place): only times the
 * platform formats, so its length is known for every appointment, and no sensitive word can slip in.
 */
export function renderAppointmentChangeSms(templateId: AppointmentChangeSmsTemplateId, data: AppointmentChangeSmsData, lang: Language): string {
  if (!data.start) throw new Error(`${templateId}: needs the appointment's time (start, an ISO instant)`);
  if (templateId === 'appointment.returnee.moved' && !data.previousStart) throw new Error(`${templateId}: needs the time it had (previousStart)`);
  const view = {
    sender: familySender(data, lang),
    coordinatorPhone: data.coordinatorPhone,
    pageUrl: data.pageUrl,
    day: weekdayPhrase(data.start, lang),
    date: formatDate(data.start),
    // Without the year, where the SMS with the page's link has room for one segment only.
    dayMonth: formatDate(data.start).slice(0, 5),
    time: formatTime(data.start),
    previousDayMonth: data.previousStart ? formatDate(data.previousStart).slice(0, 5) : '',
    previousTime: data.previousStart ? formatTime(data.previousStart) : '',
  };
  return normaliseSms(renderPlain(templateOf(templateId, lang).text, view));
}
