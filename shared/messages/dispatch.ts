import type { Language, OfficeLanguage } from '../domain/vocabulary.js';
import { renderAcceptedSms, renderAnswerEmail, type ReferralAcceptedSmsData, type ReferralAnswerData } from './answers.js';
import type { TemplateId } from '../domain/template-ids.js';
import type { DigestData, MeetingEmailData, MinutesRequestData, QuarterlyReportData } from './coordination-data.js';
import { renderDigestEmail, renderMeetingEmail, renderMinutesRequest, renderQuarterlyReport } from './coordination.js';
import { renderNoticeEmail, type CaseNoticeData, type ReferralNoticeData } from './notices.js';
import { renderFollowUpEmail, type FollowUpData } from './follow-ups.js';
import { renderAddressAlert, type AddressAlertData } from './alerts.js';
import { renderReminderSms, type AppointmentSmsData } from './reminders.js';
import { renderFamilySms, renderVisitInvitation, type FamilySmsData, type VisitInvitationData } from './visits.js';
import { renderAppointmentChangeSms, type AppointmentChangeSmsData } from './appointment-changes.js';
import { renderBlockedEmail, type BlockedReferralData } from './waiting.js';
import { renderGrantCallSms, type GrantCallSmsData } from './grants.js';
import { renderCannotComeEmail, type CannotComeData } from './page-answers.js';
import { renderHouseholdSms, type HouseholdSmsData } from './household.js';
import {
  renderReferralEmail,
  renderReferralSms,
  type ReferralEmailData,
  type ReferralSmsData,
  type RenderedEmail,
} from './render.js';

/** Every template id in the catalogue: referrals, notices, reminder SMS, answers and coordination mail. */
export type AnyTemplateId = TemplateId;

export interface RenderedMessage {
  email?: RenderedEmail;
  sms?: string;
}

/**
 * Renders any template in the catalogue, for the delivery code: email templates give `{ email }`,
 * SMS templates `{ sms }`. Emails use all the languages (in order), an SMS the first one.
 * 'referral.returnee.sms' is the standard referral SMS, 'referral.returnee.sms.private' the
 * private one. `data` is what the intent carries; it must have the shape the template's own
 * render function takes (ReferralEmailData, ReferralSmsData, ReferralNoticeData, CaseNoticeData,
 * AppointmentSmsData, ReferralAnswerData, ReferralAcceptedSmsData, MeetingEmailData,
 * MinutesRequestData, DigestData, QuarterlyReportData, VisitInvitationData, FamilySmsData).
 * 'referral.returnee.accepted' is refused (throws) when `data.sensitive` is true.
 */
export function renderAny(templateId: AnyTemplateId, data: Record<string, unknown>, languages: Language[]): RenderedMessage {
  if (data === null || typeof data !== 'object') throw new Error(`${templateId}: data must be an object`);
  if (languages.length === 0) throw new Error(`${templateId}: at least one language is needed`);
  const first = languages[0]!;
  switch (templateId) {
    case 'referral.office.email':
      // Offices read sq, sr-Latn or en; the renderer handles any Language the catalogue has.
      return { email: renderReferralEmail(data as unknown as ReferralEmailData, languages as OfficeLanguage[]) };
    case 'referral.returnee.sms':
      return { sms: renderReferralSms(data as unknown as ReferralSmsData, first, 'standard') };
    case 'referral.returnee.sms.private':
      return { sms: renderReferralSms(data as unknown as ReferralSmsData, first, 'private') };
    case 'referral.office.reminder':
    case 'referral.head.escalation':
    case 'referral.coordinator.overdue':
    case 'referral.office.withdrawn':
    case 'referral.head.withdrawn':
      return { email: renderNoticeEmail(templateId, data as unknown as ReferralNoticeData, languages) };
    case 'visit.coordinator.reminder':
    case 'visit.coordinator.escalation':
    case 'case.coordinator.monitoring':
    case 'case.coordinator.evaluation':
    case 'case.coordinator.closure':
    case 'case.coordinator.rent_review':
      return { email: renderNoticeEmail(templateId, data as unknown as CaseNoticeData, languages) };
    case 'appointment.returnee.evening':
    case 'appointment.returnee.morning':
    case 'deadline.returnee.evening':
    case 'deadline.returnee.morning':
      return { sms: renderReminderSms(templateId, data as unknown as AppointmentSmsData, first) };
    case 'referral.coordinator.accepted':
    case 'referral.coordinator.declined':
    case 'referral.coordinator.outcome':
      return { email: renderAnswerEmail(templateId, data as unknown as ReferralAnswerData, languages) };
    case 'referral.returnee.accepted':
      // Never for a sensitive referral: the caller sends none, and this refuses should one slip through.
      if (data.sensitive === true) throw new Error(`${templateId}: the referral is sensitive; no SMS is sent for it`);
      return { sms: renderAcceptedSms(data as unknown as ReferralAcceptedSmsData, first) };
    case 'meeting.invitation':
    case 'meeting.rescheduled':
    case 'meeting.cancelled':
    case 'meeting.reminder':
      return { email: renderMeetingEmail(templateId, data as unknown as MeetingEmailData, languages) };
    case 'meeting.minutes_request':
      return { email: renderMinutesRequest(data as unknown as MinutesRequestData, languages) };
    case 'digest.coordinator':
      return { email: renderDigestEmail(data as unknown as DigestData, languages) };
    case 'report.quarterly':
      return { email: renderQuarterlyReport(data as unknown as QuarterlyReportData, languages) };
    case 'followup.coordinator':
      return { email: renderFollowUpEmail(data as unknown as FollowUpData, languages) };
    case 'alert.address_undeliverable':
      return { email: renderAddressAlert(data as unknown as AddressAlertData, languages) };
    case 'visit.office.invitation':
    case 'visit.office.cancelled':
      return { email: renderVisitInvitation(data as unknown as VisitInvitationData, languages, templateId) };
    case 'visit.returnee.planned':
    case 'visit.returnee.moved':
    case 'visit.returnee.cancelled':
    case 'case.returnee.welcome':
    case 'case.foreigner.welcome':
      return { sms: renderFamilySms(templateId, data as unknown as FamilySmsData, first) };
    case 'appointment.returnee.moved':
    case 'appointment.returnee.cancelled':
      return { sms: renderAppointmentChangeSms(templateId, data as unknown as AppointmentChangeSmsData, first) };
    case 'referral.coordinator.blocked':
      return { email: renderBlockedEmail(data as unknown as BlockedReferralData, languages) };
    case 'grant.returnee.call':
      return { sms: renderGrantCallSms(templateId, data as unknown as GrantCallSmsData, first) };
    case 'household.returnee.sms':
      return { sms: renderHouseholdSms(data as unknown as HouseholdSmsData, first) };
    case 'case.coordinator.cannot_come':
      return { email: renderCannotComeEmail(data as unknown as CannotComeData, languages) };
    default: {
      const unknownId: never = templateId;
      throw new Error(`unknown template ${JSON.stringify(unknownId)}`);
    }
  }
}

