import { AppointmentItem } from './appointment.js';
import { AuditItem } from './audit.js';
import { CaseItem } from './case.js';
import { AssessmentItem, MonitoringItem, PlanItem } from './case-file.js';
import { IntentItem } from './intent.js';
import { MeetingItem } from './meeting.js';
import { PageAnswerItem } from './page-answer.js';
import type { CaseView, MeetingView } from './ports.js';
import { ReferralItem } from './referral.js';
import { TimerItem } from './timer.js';

/**
 * A partition as the ports hand it out, item kind by item kind in sort-key order, from the items
 * whichever adapter read: what a view holds is decided once.
 */
const ofType = <T>(items: Record<string, unknown>[], type: string, schema: { parse(i: unknown): T }): T[] => items.filter((i) => i.type === type).map((i) => schema.parse(i));

export function caseViewOf(items: Record<string, unknown>[]): CaseView | undefined {
  const meta = items.find((i) => i.type === 'Case');
  if (!meta) return undefined;
  return {
    case: CaseItem.parse(meta),
    referrals: ofType(items, 'Referral', ReferralItem),
    intents: ofType(items, 'Intent', IntentItem),
    appointments: ofType(items, 'Appointment', AppointmentItem),
    timers: ofType(items, 'Timer', TimerItem),
    audit: ofType(items, 'Audit', AuditItem),
    assessments: ofType(items, 'Assessment', AssessmentItem),
    plan: ofType(items, 'Plan', PlanItem)[0],
    monitoring: ofType(items, 'Monitoring', MonitoringItem),
    pageAnswers: ofType(items, 'PageAnswer', PageAnswerItem),
  };
}

/** Every item a case's view holds, as read: what caseViewOf sorted, together again. */
export function itemsOfView(v: CaseView): { pk: string; sk: string; listKey?: string | undefined }[] {
  return [v.case, ...v.referrals, ...v.intents, ...v.appointments, ...v.timers, ...v.audit, ...v.assessments, ...(v.plan ? [v.plan] : []), ...v.monitoring, ...v.pageAnswers];
}

export function meetingViewOf(items: Record<string, unknown>[]): MeetingView | undefined {
  const meta = items.find((i) => i.type === 'Meeting');
  if (!meta) return undefined;
  return {
    meeting: MeetingItem.parse(meta),
    intents: ofType(items, 'Intent', IntentItem),
    timers: ofType(items, 'Timer', TimerItem),
    audit: ofType(items, 'Audit', AuditItem),
  };
}
