import type { Coordinator, Municipality, Office } from '../directory/schema.js';
import { addMonths, localDate, smsSendTime, dueBucket, type HolidayCalendar } from '../domain/calendar.js';
import { UNACKNOWLEDGED } from '../domain/referral-state.js';
import type { TemplateId } from '../domain/template-ids.js';
import { isSensitive, type Language } from '../domain/vocabulary.js';
import { ANSWER_LINKS, answerLinkGrant } from '../links/answer-links.js';
import { queuedFamilySender } from '../messages/visits.js';
import { normaliseAddress } from '../store/address.js';
import type { AppointmentItem } from '../store/appointment.js';
import type { CaseItem } from '../store/case.js';
import { overdueMeasures, type MonitoringItem, type PlanItem } from '../store/case-file.js';
import { quarterOf } from '../domain/quarters.js';
import { intentId, intentItem, type IntentItem } from '../store/intent.js';
import type { ReferralItem } from '../store/referral.js';
import type { TimerItem } from '../store/timer.js';
import { isStale, morningReminderPlanned, REMINDER_PURPOSE, REMINDER_RECIPIENT, reminderStaleAt } from '../delivery/stale.js';
import { ESCALATION_PURPOSE, headKey } from '../delivery/call-off.js';
import { evaluationTimer, LADDER, monitoringTimer, nextAckRung, RENT_SUBSIDY, visitDeadline } from './plan.js';
import { caseCoordinator } from '../directory/coordinator.js';

export interface FireContext {
  timer: TimerItem;
  theCase: CaseItem | undefined;
  referral?: ReferralItem | undefined;
  appointment?: AppointmentItem | undefined;
  muni: Municipality | undefined;
  holidays: HolidayCalendar;
  now: Date;
  /** A monitoring or evaluation timer's case file: the records of its period, and the plan. */
  monitoring?: MonitoringItem[] | undefined;
  plan?: PlanItem | undefined;
  /** Addresses (normalised) that bounced for good: no rung of the ladder is written to them. */
  undeliverable?: ReadonlySet<string>;
}

export interface FireDecision {
  /** 'moot': the subject moved on (answered, visited, cancelled, closed); nothing is sent. */
  outcome: 'fired' | 'moot';
  reason?: string;
  intents: IntentItem[];
  /** The next occurrence of a recurring timer (monthly monitoring, quarterly evaluation). */
  next: TimerItem[];
  /** The ladder ran out: the referral is flagged for the coordinator. */
  flagReferral: boolean;
}

const moot = (reason: string): FireDecision => ({ outcome: 'moot', reason, intents: [], next: [], flagReferral: false });

interface Recipient {
  key: string;
  channel: 'email' | 'sms';
  address: string;
  languages: Language[];
}

function intent(ctx: FireContext, purpose: string, template: TemplateId, to: Recipient, data: Record<string, unknown>, referralId?: string, staleAt?: Date): IntentItem {
  const t = ctx.timer;
  const id = intentId(t.timerId, purpose, to.key);
  const base = {
    intentId: id,
    ...(t.caseId ? { caseId: t.caseId } : {}),
    ...(ctx.muni ? { municipalityId: ctx.muni.id } : {}),
    ...(referralId ? { referralId } : {}),
    ...(staleAt ? { staleAt: staleAt.toISOString() } : {}),
    sourceId: t.timerId,
    purpose,
    channel: to.channel,
    template,
    languages: to.languages,
    recipient: to.address,
    data,
    attempts: 0,
    createdAt: ctx.now.toISOString(),
    expiresAt: t.expiresAt,
  };
  // The intents of a timer go where the timer is.
  const owner = { pk: t.pk };
  // Not held for the morning when it is too late for its words by then: delivery ends it at once.
  if (to.channel === 'sms' && !(staleAt && isStale({ channel: 'sms', staleAt: staleAt.toISOString() }, ctx.now))) {
    const at = smsSendTime(ctx.now);
    if (at.getTime() > ctx.now.getTime()) {
      return intentItem(owner, { ...base, status: 'deferred', notBefore: at.toISOString(), dueBucket: dueBucket(at), dueAt: at.toISOString() });
    }
  }
  return intentItem(owner, { ...base, status: 'queued' });
}


const toCoordinator = (c: Coordinator): Recipient => ({ key: c.id, channel: 'email', address: c.email, languages: [c.language] });
const toOffice = (o: Office): Recipient => ({ key: o.id, channel: 'email', address: o.email, languages: [...o.languages] });
/** The escalation's purpose, and its recipient key when it went to the head (withdrawn.ts asks whether the head was told). */
/** The escalation goes to the head of the office, or to the office when the directory names no head. */
const headOf = (o: Office): Recipient => (o.head ? { ...toOffice(o), key: headKey(o.id), address: o.head.email } : toOffice(o));

/** The office addresses a rung of a referral's ladder would email (none for the coordinator's flag). */
export function referralRecipients(kind: TimerItem['kind'], r: Pick<ReferralItem, 'officeId'>, muni: Municipality): string[] {
  const office = muni.offices.find((o) => o.id === r.officeId);
  if (!office) return [];
  if (kind === 'referral.ack.reminder') return [toOffice(office).address];
  if (kind === 'referral.ack.escalation') return [headOf(office).address];
  return [];
}

function caseNotice(theCase: CaseItem, muni: Municipality, extra: Record<string, unknown> = {}) {
  return {
    caseId: theCase.caseId,
    smrCaseId: theCase.smrCaseId,
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    ...(muni.reintegrationDepartment ? { department: muni.reintegrationDepartment } : {}),
    coordinatorName: caseCoordinator(muni, theCase).name,
    category: theCase.category,
    householdSize: theCase.household.length,
    arrivalDate: theCase.arrivalDate,
    ...(theCase.permitDate ? { permitDate: theCase.permitDate } : {}),
    ...(theCase.permit ? { permit: theCase.permit } : {}),
    ...extra,
  };
}

function decideReferral(ctx: FireContext, theCase: CaseItem, muni: Municipality): FireDecision {
  const r = ctx.referral;
  if (!r) return moot('referral not found');
  if (!UNACKNOWLEDGED.has(r.status)) return moot(`referral is ${r.status}`);
  // The ladder is written a rung at a time (plan.ts, referralAckLadder): while the referral awaits
  // its answer, each rung, whatever it decides, writes the next in the same transaction.
  return { ...decideRung(ctx, r, theCase, muni), next: nextAckRung(ctx.timer, r, ctx.holidays, ctx.now) };
}

/** What an email about a referral to its office, its head or the coordinator names (ReferralNoticeData): the case reference and the need, no person. */
export function referralNoticeData(r: ReferralItem, theCase: CaseItem, muni: Municipality, office: Office) {
  const coordinator = caseCoordinator(muni, theCase);
  return {
    referralId: r.referralId,
    smrCaseId: theCase.smrCaseId,
    caseId: theCase.caseId,
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    coordinator: { name: coordinator.name, email: coordinator.email, phone: coordinator.phone },
    office: { kind: office.kind, name: office.name },
    need: r.need,
    sensitive: isSensitive(r),
    sentDate: (r.sentAt ?? r.createdAt).slice(0, 10),
    dueDate: r.ackDueDate,
  };
}

function decideRung(ctx: FireContext, r: ReferralItem, theCase: CaseItem, muni: Municipality): FireDecision {
  const office = muni.offices.find((o) => o.id === r.officeId);
  if (!office) return moot('office no longer in the directory');
  const coordinator = caseCoordinator(muni, theCase);
  const data = referralNoticeData(r, theCase, muni, office);
  const fired = (intents: IntentItem[], flagReferral = false): FireDecision => ({ outcome: 'fired', intents, next: [], flagReferral });
  // A rung to an address that bounced for good would be refused and pile up as a follow-up: the
  // coordinator is asked (the referral flagged) to reach the office another way instead.
  const dead = (to: Recipient) => ctx.undeliverable?.has(normaliseAddress(to.address)) ?? false;
  const deadAddress: FireDecision = { ...moot('office address undeliverable'), flagReferral: true };
  // The office and its head can answer from the reminder as from the first email: the same
  // one-click answers, signed when the email is rendered, valid LINK_TTL_DAYS from this rung.
  const withAnswers = { ...data, [ANSWER_LINKS]: answerLinkGrant(ctx.now) };
  switch (ctx.timer.kind) {
    case 'referral.ack.reminder': {
      const to = toOffice(office);
      return dead(to) ? deadAddress : fired([intent(ctx, 'referral.reminder', 'referral.office.reminder', to, withAnswers, r.referralId)]);
    }
    case 'referral.ack.escalation': {
      const head = headOf(office);
      return dead(head) ? deadAddress : fired([intent(ctx, ESCALATION_PURPOSE, 'referral.head.escalation', head, withAnswers, r.referralId)]);
    }
    default:
      return fired([intent(ctx, 'referral.overdue', 'referral.coordinator.overdue', toCoordinator(coordinator), data, r.referralId)], true);
  }
}

/** What an appointment's or deadline's reminder SMS says: the appointment, who signs it and whom to call. */
export function appointmentReminderData(a: Pick<AppointmentItem, 'when' | 'title' | 'where' | 'bring'>, muni: Municipality, coordinator: Coordinator, family: Pick<CaseItem, 'category' | 'language'>): Record<string, unknown> {
  return {
    coordinatorOffice: queuedFamilySender(family, muni),
    // The household SMS that may carry it as a step reads the family's category from its parts.
    category: family.category,
    coordinatorPhone: coordinator.phone,
    when: a.when,
    title: a.title,
    where: a.where,
    ...(a.bring ? { bring: a.bring } : {}),
  };
}

/** The reminder SMS templates of an appointment or a deadline: the evening before and the morning of. */
export function appointmentReminderTemplates(kind: AppointmentItem['kind']): TemplateId[] {
  return kind === 'deadline' ? ['deadline.returnee.evening', 'deadline.returnee.morning'] : ['appointment.returnee.evening', 'appointment.returnee.morning'];
}

function decideAppointment(ctx: FireContext, kind: 'appointment.evening' | 'appointment.morning', theCase: CaseItem, muni: Municipality): FireDecision {
  const a = ctx.appointment;
  if (!a || a.status !== 'scheduled') return moot('appointment cancelled');
  // A reminder that fires late (a sweep that was down, a timer tried again) must not arrive after the fact.
  if (new Date(a.when).getTime() <= ctx.now.getTime()) return moot('appointment passed');
  // A reminder planned for an earlier version of a rescheduled appointment is stale.
  if (a.version !== ctx.timer.occurrence) return moot('appointment rescheduled');
  if (!theCase.consent.sms) return moot('no SMS consent');
  if (!theCase.phone) return moot('no phone number');
  const coordinator = caseCoordinator(muni, theCase);
  const evening = kind === 'appointment.evening';
  const template: TemplateId =
    a.kind === 'deadline'
      ? evening ? 'deadline.returnee.evening' : 'deadline.returnee.morning'
      : evening ? 'appointment.returnee.evening' : 'appointment.returnee.morning';
  // A timer that fires late in the evening (a sweep behind, a quarantined timer tried again) would
  // be held for 08:00, the appointment's own day, where "tomorrow at 10:00" is wrong. Nothing to do
  // while the morning reminder is still to come; otherwise its intent is written already stale,
  // and delivery ends it Stale at once and tells the coordinator that no reminder reached the family.
  const staleAt = reminderStaleAt(kind, a.when);
  if (evening && isStale({ channel: 'sms', staleAt: staleAt.toISOString() }, ctx.now) && morningReminderPlanned(new Date(a.when))) return moot('too late for its words');
  const data = appointmentReminderData(a, muni, coordinator, theCase);
  const to: Recipient = { key: REMINDER_RECIPIENT, channel: 'sms', address: theCase.phone, languages: [theCase.language] };
  return { outcome: 'fired', intents: [intent(ctx, REMINDER_PURPOSE, template, to, data, undefined, staleAt)], next: [], flagReferral: false };
}

/**
 * The next occurrence of a recurring reminder still ahead of `now`: a sweep that ran late (or a
 * case registered long after arrival) reminds once, not once for every month it missed.
 */
function nextOccurrence(current: number, last: number, make: (k: number) => TimerItem, now: Date): TimerItem | undefined {
  for (let k = current + 1; k <= last; k++) {
    const t = make(k);
    if (t.dueAt > now.toISOString()) return t;
  }
  return undefined;
}

/**
 * The period a monitoring reminder asks about: the Kosovo calendar month it falls due in (a
 * record dated in it answers it); an evaluation's, the calendar quarter (an evaluation dated in it).
 */
export function reminderPeriod(t: Pick<TimerItem, 'kind' | 'dueAt'>): { from: string; through: string } {
  const due = new Date(t.dueAt);
  if (t.kind === 'case.evaluation') {
    const q = quarterOf(due);
    return { from: q.start, through: q.end };
  }
  const month = localDate(due).slice(0, 7);
  return { from: `${month}-01`, through: `${month}-31` };
}

/** What the monitoring reminder lists of the plan: each measure, its status, whether it is overdue. */
function planData(plan: PlanItem | undefined, now: Date) {
  if (!plan) return { hasPlan: false };
  const overdue = new Set(overdueMeasures(plan, localDate(now)).map((m) => m.measureId));
  return {
    hasPlan: true,
    measures: plan.measures.map((m) => ({
      goal: m.goal,
      dueDate: m.dueDate,
      [`status_${m.status}`]: true,
      overdue: overdue.has(m.measureId),
    })),
  };
}

/** Decides what a due timer does, from the current state of what it is about. Pure. */
export function decideTimer(ctx: FireContext): FireDecision {
  const { timer: t, theCase, muni } = ctx;
  if (!theCase) return moot('case not found');
  if (theCase.status === 'closed') return moot('case closed');
  if (!muni) return moot('municipality not in the directory');
  const coordinator = caseCoordinator(muni, theCase);
  switch (t.kind) {
    case 'referral.ack.reminder':
    case 'referral.ack.escalation':
    case 'referral.ack.flag':
      return decideReferral(ctx, theCase, muni);
    case 'appointment.evening':
    case 'appointment.morning':
      return decideAppointment(ctx, t.kind, theCase, muni);
    case 'visit.reminder':
    case 'visit.escalation': {
      if (theCase.homeVisitAt) return moot('home visit recorded');
      // Registered after the deadline had passed: the escalation says it all, once.
      if (t.kind === 'visit.reminder' && ctx.now.getTime() >= visitDeadline(theCase).getTime()) return moot('deadline already passed');
      const data = caseNotice(theCase, muni, { deadline: visitDeadline(theCase).toISOString() });
      const reminder = t.kind === 'visit.reminder';
      // The reminder goes to the case's coordinator; the escalation to every coordinator of the office.
      const to = reminder ? [coordinator] : muni.coordinators;
      const template: TemplateId = reminder ? 'visit.coordinator.reminder' : 'visit.coordinator.escalation';
      return { outcome: 'fired', intents: to.map((c) => intent(ctx, t.kind, template, toCoordinator(c), data)), next: [], flagReferral: false };
    }
    case 'case.monitoring': {
      const data = caseNotice(theCase, muni, { occurrence: t.occurrence, ...planData(ctx.plan, ctx.now) });
      const n = nextOccurrence(t.occurrence, LADDER.caseMonths - 1, (k) => monitoringTimer(theCase, k, ctx.holidays, ctx.now), ctx.now);
      const next = n ? [n] : [];
      // This month's visit or call is on record: no nagging, but next month's reminder is planned.
      if (ctx.monitoring?.length) return { ...moot('monitoring recorded this month'), next };
      return { outcome: 'fired', intents: [intent(ctx, t.kind, 'case.coordinator.monitoring', toCoordinator(coordinator), data)], next, flagReferral: false };
    }
    case 'case.evaluation': {
      const data = caseNotice(theCase, muni, { occurrence: t.occurrence });
      const n = nextOccurrence(t.occurrence, LADDER.caseMonths / 3 - 1, (k) => evaluationTimer(theCase, k, ctx.holidays, ctx.now), ctx.now);
      const next = n ? [n] : [];
      if (ctx.monitoring?.some((m) => m.kind === 'evaluation')) return { ...moot('evaluation recorded this quarter'), next };
      return { outcome: 'fired', intents: [intent(ctx, t.kind, 'case.coordinator.evaluation', toCoordinator(coordinator), data)], next, flagReferral: false };
    }
    case 'case.closure': {
      const data = caseNotice(theCase, muni, { occurrence: LADDER.caseMonths });
      return { outcome: 'fired', intents: [intent(ctx, t.kind, 'case.coordinator.closure', toCoordinator(coordinator), data)], next: [], flagReferral: false };
    }
    case 'referral.rent_review': {
      const r = ctx.referral;
      if (!r || r.status !== 'completed' || !r.outcomeAt) return moot('no rent subsidy provided');
      const doneDate = localDate(new Date(r.outcomeAt));
      const data = caseNotice(theCase, muni, { doneDate, endDate: addMonths(doneDate, RENT_SUBSIDY.months) });
      return { outcome: 'fired', intents: [intent(ctx, t.kind, 'case.coordinator.rent_review', toCoordinator(coordinator), data, r.referralId)], next: [], flagReferral: false };
    }
    case 'meeting.reminder.week':
    case 'meeting.reminder.day':
    case 'meeting.minutes':
      // A meeting's timers live in its own partition and are decided by the meetings module.
      return moot('not a case timer');
  }
}
