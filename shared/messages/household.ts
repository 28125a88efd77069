import { HOUSEHOLD_PART_TEMPLATE_IDS, type HouseholdPartTemplateId, type TemplateId } from '../domain/template-ids.js';
import { SENSITIVE_NEEDS, type Language, type PersonCategory, type Trilingual } from '../domain/vocabulary.js';
import { bringList, sensitiveLabelsIn } from './labels.js';
import { acceptedIsSensitive, type ReferralAcceptedSmsData } from './answers.js';
import type { AppointmentChangeSmsData } from './appointment-changes.js';
import type { GrantCallSmsData } from './grants.js';
import type { AppointmentSmsData } from './reminders.js';
import { formatDate, formatTime, localName, normaliseSms, renderPlain, templateOf, type ReferralSmsData } from './render.js';
import { familySender, weekdayPhrase, type FamilySmsData } from './visits.js';

/** One SMS a household was due to get, as its intent carries it. */
export interface HouseholdPart {
  template: HouseholdPartTemplateId;
  data: Record<string, unknown>;
  /**
   * The appointment and version a morning reminder or a move is about (from its intent's source):
   * an evening's move to this morning is due with the new time's reminder, and both say one step.
   */
  appointment?: string;
}

/**
 * The SMS a household was due to get at the same time, as one message listing its next steps in
 * the order given (a welcome, if among them, opens it; a called-off visit or a cancelled
 * appointment is said before the steps, never as one: there is nothing to do for it). Who it is from follows the family SMS'
 * rule: a foreigner's comes from the municipality, never from the office "for Communities and Returns".
 */
export interface HouseholdSmsData {
  category?: PersonCategory;
  municipality: Trilingual;
  coordinatorOffice: Trilingual;
  coordinatorPhone: string;
  parts: HouseholdPart[];
  /** The returnee page's signed link: with it, each step names only the office or the appointment. */
  pageUrl?: string;
}

const PARTS: ReadonlySet<string> = new Set(HOUSEHOLD_PART_TEMPLATE_IDS);

/** Whether an SMS of this template can go out as a step of a household's combined SMS. */
export function isHouseholdPart(id: TemplateId): id is HouseholdPartTemplateId {
  return PARTS.has(id);
}

/** Free text typed by the coordinator, as one slot of a sentence: one line, no full stop of its own. */
const slot = (s: unknown): string => (typeof s === 'string' ? s : '').replace(/\s+/g, ' ').trim().replace(/[\s.]+$/, '');

/** Every key a step's section reads, so that none falls through to the message's own (Mustache looks up the stack). */
const NO_STEP = {
  office: false,
  accepted: false,
  appointment: false,
  deadline: false,
  private: false,
  visit: false,
  moved: false,
  appointmentMoved: false,
  movedFrom: false,
  previousDayMonth: '',
  previousTime: '',
  grant: false,
  closesOn: '',
  officeName: '',
  officeAddress: '',
  officeHours: '',
  day: '',
  date: '',
  time: '',
  visitBy: '',
  title: '',
  where: '',
  bring: '',
};

function stepOf(part: HouseholdPart, lang: Language, foreigner: boolean): Record<string, unknown> {
  switch (part.template) {
    case 'referral.returnee.sms': {
      const d = part.data as unknown as ReferralSmsData;
      // As renderReferralSms: a sensitive need never reaches a standard step, whatever the intent says.
      if (SENSITIVE_NEEDS.has(d.need)) throw new Error(`household SMS: need "${d.need}" is sensitive; only a private step may stand for it`);
      return {
        ...NO_STEP,
        office: true,
        officeName: localName(d.office.name, lang),
        officeAddress: localName(d.office.address, lang),
        officeHours: localName(d.office.hours, lang),
        // A foreigner brings a permit, not a repatriation certificate, whichever part says so.
        bring: bringList(lang, d.need, foreigner ? 'foreigner' : d.category),
      };
    }
    case 'referral.returnee.sms.private':
      return { ...NO_STEP, private: true };
    case 'referral.returnee.accepted': {
      const d = part.data as unknown as ReferralAcceptedSmsData;
      // As renderAcceptedSms: no acceptance of a sensitive referral is ever texted, whatever the intent says.
      if (acceptedIsSensitive(d)) {
        throw new Error('household SMS: the accepted referral is sensitive; no SMS may name the office or the need');
      }
      return {
        ...NO_STEP,
        accepted: true,
        officeName: localName(d.office.name, lang),
        officeAddress: localName(d.office.address, lang),
        officeHours: localName(d.office.hours, lang),
        bring: bringList(lang, d.need, foreigner ? 'foreigner' : d.category),
      };
    }
    case 'appointment.returnee.morning':
    case 'deadline.returnee.morning': {
      const d = part.data as unknown as AppointmentSmsData;
      const step = { ...NO_STEP, time: formatTime(d.when), title: slot(d.title), where: slot(d.where), bring: slot(d.bring) };
      if (!step.title) throw new Error(`household SMS: ${part.template} needs a title`);
      if (sensitiveLabelsIn([step.title, step.where, step.bring].join('\n')).length > 0) {
        throw new Error('household SMS: the text would name a sensitive need or category; reword the appointment');
      }
      return part.template === 'deadline.returnee.morning' ? { ...step, deadline: true } : { ...step, appointment: true };
    }
    case 'appointment.returnee.moved': {
      // As its own SMS: times only, no free text (appointment-changes.ts); the page names the rest.
      const d = part.data as unknown as AppointmentChangeSmsData;
      if (typeof d.start !== 'string' || typeof d.previousStart !== 'string') throw new Error(`household SMS: ${part.template} needs the new and the old time`);
      return {
        ...NO_STEP,
        appointmentMoved: true,
        previousDayMonth: formatDate(d.previousStart).slice(0, 5),
        previousTime: formatTime(d.previousStart),
        day: weekdayPhrase(d.start, lang),
        date: formatDate(d.start),
        time: formatTime(d.start),
      };
    }
    case 'grant.returnee.call': {
      const d = part.data as unknown as GrantCallSmsData;
      if (typeof d.closesOn !== 'string' || !d.closesOn) throw new Error(`household SMS: ${part.template} needs closesOn`);
      // The coordinator's words as its own SMS carries them (grant-call.ts held it to the cap alone).
      return { ...NO_STEP, grant: true, closesOn: formatDate(d.closesOn), title: slot(d.title), where: slot(d.where) };
    }
    case 'visit.returnee.planned':
    case 'visit.returnee.moved': {
      const d = part.data as unknown as FamilySmsData;
      if (typeof d.start !== 'string') throw new Error(`household SMS: ${part.template} needs the visit's start`);
      // Who comes, by the first name the welcome gives (a visit SMS written before it carries one says "we").
      const by = typeof d.coordinatorName === 'string' ? slot(d.coordinatorName) : '';
      return { ...NO_STEP, visit: true, moved: part.template === 'visit.returnee.moved', day: weekdayPhrase(d.start, lang), date: formatDate(d.start), time: formatTime(d.start), visitBy: by };
    }
    case 'case.returnee.welcome':
    case 'case.foreigner.welcome':
      throw new Error('a welcome opens the message; it is not a step');
    case 'visit.returnee.cancelled':
    case 'appointment.returnee.cancelled':
      throw new Error('a called-off visit or a cancelled appointment is said before the steps; it is not a step');
  }
}

/** A called-off visit or a cancelled appointment, said before the steps: nothing to do, only a time no longer to keep. */
function calledOffOf(part: HouseholdPart, lang: Language): Record<string, unknown> {
  const d = part.data as unknown as FamilySmsData | AppointmentChangeSmsData;
  if (typeof d.start !== 'string') throw new Error(`household SMS: ${part.template} needs the start of what is off`);
  return { day: weekdayPhrase(d.start, lang), date: formatDate(d.start), time: formatTime(d.start) };
}

/**
 * A morning reminder and a move of the same appointment to that time as one step, the reminder's,
 * saying where it moved from: "1) Today at 10:00 - X. 2) Your appointment of 25.11 at 09:00 is now
 * on Tuesday, 24.11.2026, at 10:00." names one appointment twice. Only the text merges: both intents
 * still ride in the message. A move whose new time is not the reminder's stays its own step.
 */
function withMoves(parts: HouseholdPart[], lang: Language, foreigner: boolean): Record<string, unknown>[] {
  const sameAppointment = (move: HouseholdPart, reminder: HouseholdPart) =>
    reminder.template === 'appointment.returnee.morning' &&
    move.appointment !== undefined &&
    reminder.appointment === move.appointment &&
    typeof move.data.start === 'string' &&
    typeof reminder.data.when === 'string' &&
    Date.parse(move.data.start) === Date.parse(reminder.data.when);
  const steps: Record<string, unknown>[] = [];
  for (const part of parts) {
    if (part.template === 'appointment.returnee.moved' && parts.some((r) => sameAppointment(part, r))) continue;
    const step = stepOf(part, lang, foreigner);
    const move = parts.find((m) => m.template === 'appointment.returnee.moved' && sameAppointment(m, part));
    if (move) {
      const moved = stepOf(move, lang, foreigner);
      steps.push({ ...step, movedFrom: true, previousDayMonth: moved.previousDayMonth, previousTime: moved.previousTime });
    } else steps.push(step);
  }
  return steps;
}

const isWelcome = (p: HouseholdPart) => p.template === 'case.returnee.welcome' || p.template === 'case.foreigner.welcome';
const isVisitPlanned = (p: HouseholdPart) => p.template === 'visit.returnee.planned' || p.template === 'visit.returnee.moved';

/**
 * One step per office to go to, and one "we arranged support" however many private referrals: two
 * children referred to the same school directory (one of them with documents missing, so two
 * referrals) are one trip for the family, and "2) Go to X. 3) Go to X." reads as a mistake and costs
 * a segment. The first keeps its place; what to bring is said once, or both when they differ.
 */
function oncePerPlace(steps: Record<string, unknown>[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const step of steps) {
    const same = out.find((s) => (step.office === true && s.office === true && s.officeName === step.officeName) || (step.private === true && s.private === true));
    if (!same) out.push({ ...step });
    else if (step.office === true && step.bring) same.bring = bringBoth(String(same.bring ?? ''), String(step.bring));
  }
  return out;
}

/**
 * Two bring lists as one, each thing once: an item already said, or said within a longer one
 * ("ID card or birth certificate" within "the child's ID card or birth certificate"), is dropped.
 * The lists are the directory's own phrases (labels.ts), comma-separated items.
 */
function bringBoth(a: string, b: string): string {
  const items = a ? a.split(', ') : [];
  for (const item of b.split(', ')) {
    const said = items.findIndex((x) => x.includes(item) || item.includes(x));
    if (said < 0) items.push(item);
    else if (item.length > items[said]!.length) items[said] = item;
  }
  return items.join(', ');
}

/** The combined SMS in one language, normalised as every SMS is (one line, GSM-7 punctuation). */
export function renderHouseholdSms(data: HouseholdSmsData, lang: Language): string {
  if (!Array.isArray(data.parts) || data.parts.length === 0) throw new Error('household SMS: no parts');
  for (const p of data.parts) if (!isHouseholdPart(p.template)) throw new Error(`household SMS: ${String(p.template)} is not a step`);
  const welcome = data.parts.find(isWelcome);
  // A foreigner's welcome or category on any part makes it a foreigner's message.
  const foreigner = data.category === 'foreigner' || data.parts.some((p) => p.template === 'case.foreigner.welcome' || p.data.category === 'foreigner');
  const calledOff = data.parts.filter((p) => p.template === 'visit.returnee.cancelled');
  const appointmentsOff = data.parts.filter((p) => p.template === 'appointment.returnee.cancelled');
  const notices = new Set([welcome, ...calledOff, ...appointmentsOff]);
  const steps = oncePerPlace(withMoves(data.parts.filter((p) => !notices.has(p)), lang, foreigner)).map((step, i) => ({ ...step, n: i + 1 }));
  const visitPlanned = data.parts.some(isVisitPlanned);
  const view = {
    sender: familySender({ category: foreigner ? 'foreigner' : 'returnee', municipality: data.municipality, coordinatorOffice: data.coordinatorOffice }, lang),
    welcome: welcome !== undefined,
    // The welcome's "we will visit you within a few days" gives way to the visit's own step, which
    // says when, or to its call-off, which says the coordinator calls to agree a time.
    visitSoon: !visitPlanned && calledOff.length === 0,
    calledOff: calledOff.map((p) => calledOffOf(p, lang)),
    appointmentsOff: appointmentsOff.map((p) => calledOffOf(p, lang)),
    // "We will call you to agree a new time", unless the new time is among the steps.
    callBack: calledOff.length > 0 && !visitPlanned,
    returnee: !foreigner,
    coordinatorName: welcome ? ((welcome.data as unknown as FamilySmsData).coordinatorName ?? '') : '',
    hasSteps: steps.length > 0,
    steps,
    pageUrl: data.pageUrl ?? '',
    coordinatorPhone: data.coordinatorPhone,
  };
  return normaliseSms(renderPlain(templateOf('household.returnee.sms', lang).text, view));
}
