import type { Language, Trilingual } from '../domain/vocabulary.js';
import { REMINDER_SMS_TEMPLATE_IDS, type ReminderSmsTemplateId } from '../domain/template-ids.js';
import { sensitiveLabelsIn } from './labels.js';
import { formatDate, formatTime, localName, normaliseSms, renderPlain, templateOf } from './render.js';

/** An appointment or a legal deadline the coordinator set for a returnee. */
export interface AppointmentSmsData {
  coordinatorOffice: Trilingual;
  coordinatorPhone: string;
  /** ISO instant; shown as HH:mm (appointments) or dd.MM.yyyy (deadlines) in Europe/Belgrade */
  when: string;
  /** free text typed by the coordinator, in the returnee's language, shown as is */
  title: string;
  /** where to go (appointments) or where to submit (deadlines); free text */
  where: string;
  /** what to bring; free text, optional */
  bring?: string;
  /** The returnee page's signed link, added by the deliverer at send time when the municipality has the page on. */
  pageUrl?: string;
}

const REMINDER_SMS: ReadonlySet<string> = new Set(REMINDER_SMS_TEMPLATE_IDS);

export function isReminderSmsTemplate(id: string): id is ReminderSmsTemplateId {
  return REMINDER_SMS.has(id);
}

/** Free text for one slot of an SMS: one line, no trailing full stop (the template adds its own). */
function slot(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().replace(/[\s.]+$/, '');
}

/**
 * The evening-before or morning-of SMS about an appointment or a deadline, in the returnee's
 * language, normalised like the referral SMS (one line, GSM-7 punctuation).
 *
 * Refuses (throws) when the coordinator's free text names a sensitive need or category: no SMS
 * may. Check earlier with sensitiveLabelsIn() to tell the coordinator when they type it.
 */
export function renderReminderSms(templateId: ReminderSmsTemplateId, data: AppointmentSmsData, language: Language): string {
  if (!isReminderSmsTemplate(templateId)) throw new Error(`${String(templateId)}: not a reminder SMS template`);
  const title = slot(data.title);
  if (!title) throw new Error(`${templateId}: needs a title`);
  const view = {
    coordinatorOffice: localName(data.coordinatorOffice, language),
    coordinatorPhone: data.coordinatorPhone,
    time: formatTime(data.when),
    date: formatDate(data.when),
    title,
    where: slot(data.where),
    bring: slot(data.bring),
    pageUrl: data.pageUrl,
  };
  const found = sensitiveLabelsIn([view.title, view.where, view.bring].join('\n'));
  if (found.length > 0) {
    throw new Error(`${templateId}: the SMS text would name a sensitive need or category; reword the appointment`);
  }
  return normaliseSms(renderPlain(templateOf(templateId, language).text, view));
}
