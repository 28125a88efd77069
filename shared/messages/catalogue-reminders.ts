import type { Language } from '../domain/vocabulary.js';
import type { TemplateVariant } from './catalogue.js';

/**
 * SMS reminders to a returnee about an appointment or a legal deadline: the evening before and
 * the morning of. One line each; the renderer collapses whitespace and makes punctuation GSM-7
 * friendly. Same rules as catalogue.ts.
 *
 * {{title}}, {{where}} and {{bring}} are free text typed by the coordinator, in the returnee's
 * language. They stand after a dash or a label ("Vendi: …", "Mesto: …"), never where Albanian or
 * Serbian grammar would need them inflected. The renderer strips a trailing full stop from them,
 * since the template adds its own.
 */

export const REMINDER_SMS_TEMPLATE_IDS = [
  'appointment.returnee.evening',
  'appointment.returnee.morning',
  'deadline.returnee.evening',
  'deadline.returnee.morning',
] as const;
export type ReminderSmsTemplateId = (typeof REMINDER_SMS_TEMPLATE_IDS)[number];

// ---------------------------------------------------------------------------------------------
// appointment.returnee.evening / .morning — {{time}} is HH:mm in Europe/Belgrade
// ---------------------------------------------------------------------------------------------

const APPOINTMENT_EVENING_SQ: TemplateVariant = {
  text: '{{coordinatorOffice}}: Kujtesë: nesër në orën {{time}} - {{title}}.{{#where}} Vendi: {{where}}.{{/where}}{{#bring}} Sillni: {{bring}}.{{/bring}} Pyetje: {{coordinatorPhone}}',
};
// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const APPOINTMENT_EVENING_SR_LATN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Podsetnik: sutra u {{time}} - {{title}}.{{#where}} Mesto: {{where}}.{{/where}}{{#bring}} Ponesite: {{bring}}.{{/bring}} Pitanja: {{coordinatorPhone}}',
};
// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const APPOINTMENT_EVENING_SR_CYRL: TemplateVariant = {
  text: '{{coordinatorOffice}}: Подсетник: сутра у {{time}} - {{title}}.{{#where}} Место: {{where}}.{{/where}}{{#bring}} Понесите: {{bring}}.{{/bring}} Питања: {{coordinatorPhone}}',
};
const APPOINTMENT_EVENING_EN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Reminder: tomorrow at {{time}} - {{title}}.{{#where}} Where: {{where}}.{{/where}}{{#bring}} Bring: {{bring}}.{{/bring}} Questions: {{coordinatorPhone}}',
};

const APPOINTMENT_MORNING_SQ: TemplateVariant = {
  text: '{{coordinatorOffice}}: Sot në orën {{time}} - {{title}}.{{#where}} Vendi: {{where}}.{{/where}}{{#bring}} Sillni: {{bring}}.{{/bring}} Pyetje: {{coordinatorPhone}}',
};
// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const APPOINTMENT_MORNING_SR_LATN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Danas u {{time}} - {{title}}.{{#where}} Mesto: {{where}}.{{/where}}{{#bring}} Ponesite: {{bring}}.{{/bring}} Pitanja: {{coordinatorPhone}}',
};
// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const APPOINTMENT_MORNING_SR_CYRL: TemplateVariant = {
  text: '{{coordinatorOffice}}: Данас у {{time}} - {{title}}.{{#where}} Место: {{where}}.{{/where}}{{#bring}} Понесите: {{bring}}.{{/bring}} Питања: {{coordinatorPhone}}',
};
const APPOINTMENT_MORNING_EN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Today at {{time}} - {{title}}.{{#where}} Where: {{where}}.{{/where}}{{#bring}} Bring: {{bring}}.{{/bring}} Questions: {{coordinatorPhone}}',
};

// ---------------------------------------------------------------------------------------------
// deadline.returnee.evening / .morning — {{date}} is dd.MM.yyyy in Europe/Belgrade;
// {{where}} says where to submit. No "Reminder:" here: "tomorrow is the deadline" says it, and
// the date costs characters (Albanian and Serbian SMS are UCS-2: 201 characters in 3 segments).
// ---------------------------------------------------------------------------------------------

const DEADLINE_EVENING_SQ: TemplateVariant = {
  text: '{{coordinatorOffice}}: Nesër ({{date}}) përfundon afati - {{title}}.{{#where}} Ku dorëzohet: {{where}}.{{/where}}{{#bring}} Sillni: {{bring}}.{{/bring}} Pyetje: {{coordinatorPhone}}',
};
// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const DEADLINE_EVENING_SR_LATN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Sutra ({{date}}) ističe rok - {{title}}.{{#where}} Gde se predaje: {{where}}.{{/where}}{{#bring}} Ponesite: {{bring}}.{{/bring}} Pitanja: {{coordinatorPhone}}',
};
// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const DEADLINE_EVENING_SR_CYRL: TemplateVariant = {
  text: '{{coordinatorOffice}}: Сутра ({{date}}) истиче рок - {{title}}.{{#where}} Где се предаје: {{where}}.{{/where}}{{#bring}} Понесите: {{bring}}.{{/bring}} Питања: {{coordinatorPhone}}',
};
const DEADLINE_EVENING_EN: TemplateVariant = {
  text: '{{coordinatorOffice}}: The deadline for {{title}} is tomorrow ({{date}}).{{#where}} Where to submit: {{where}}.{{/where}}{{#bring}} Bring: {{bring}}.{{/bring}} Questions: {{coordinatorPhone}}',
};

const DEADLINE_MORNING_SQ: TemplateVariant = {
  text: '{{coordinatorOffice}}: Sot përfundon afati - {{title}}.{{#where}} Ku dorëzohet: {{where}}.{{/where}}{{#bring}} Sillni: {{bring}}.{{/bring}} Pyetje: {{coordinatorPhone}}',
};
// sr-Latn (sr-Cyrl below is its transliteration; keep them in step)
const DEADLINE_MORNING_SR_LATN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Danas ističe rok - {{title}}.{{#where}} Gde se predaje: {{where}}.{{/where}}{{#bring}} Ponesite: {{bring}}.{{/bring}} Pitanja: {{coordinatorPhone}}',
};
// sr-Cyrl: written out; a test checks it is the transliteration of sr-Latn.
const DEADLINE_MORNING_SR_CYRL: TemplateVariant = {
  text: '{{coordinatorOffice}}: Данас истиче рок - {{title}}.{{#where}} Где се предаје: {{where}}.{{/where}}{{#bring}} Понесите: {{bring}}.{{/bring}} Питања: {{coordinatorPhone}}',
};
const DEADLINE_MORNING_EN: TemplateVariant = {
  text: '{{coordinatorOffice}}: Today is the deadline for {{title}}.{{#where}} Where to submit: {{where}}.{{/where}}{{#bring}} Bring: {{bring}}.{{/bring}} Questions: {{coordinatorPhone}}',
};

export const REMINDER_SMS_TEMPLATES: Readonly<Record<ReminderSmsTemplateId, Readonly<Record<Language, TemplateVariant>>>> = {
  'appointment.returnee.evening': {
    sq: APPOINTMENT_EVENING_SQ,
    'sr-Latn': APPOINTMENT_EVENING_SR_LATN,
    'sr-Cyrl': APPOINTMENT_EVENING_SR_CYRL,
    en: APPOINTMENT_EVENING_EN,
  },
  'appointment.returnee.morning': {
    sq: APPOINTMENT_MORNING_SQ,
    'sr-Latn': APPOINTMENT_MORNING_SR_LATN,
    'sr-Cyrl': APPOINTMENT_MORNING_SR_CYRL,
    en: APPOINTMENT_MORNING_EN,
  },
  'deadline.returnee.evening': {
    sq: DEADLINE_EVENING_SQ,
    'sr-Latn': DEADLINE_EVENING_SR_LATN,
    'sr-Cyrl': DEADLINE_EVENING_SR_CYRL,
    en: DEADLINE_EVENING_EN,
  },
  'deadline.returnee.morning': {
    sq: DEADLINE_MORNING_SQ,
    'sr-Latn': DEADLINE_MORNING_SR_LATN,
    'sr-Cyrl': DEADLINE_MORNING_SR_CYRL,
    en: DEADLINE_MORNING_EN,
  },
};
