import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/domain/vocabulary.js';
import {
  CATALOGUE,
  renderAcceptedSms,
  renderAnswerEmail,
  renderAny,
  renderDigestEmail,
  renderMeetingEmail,
  renderMinutesRequest,
  renderNoticeEmail,
  renderQuarterlyReport,
  renderReferralEmail,
  renderReferralSms,
  renderReminderSms,
  type AnyTemplateId,
} from '../../../shared/messages/index.js';
import {
  ANSWER_SMS_TEMPLATE_IDS,
  CASE_NOTICE_TEMPLATE_IDS,
  MEETING_EMAIL_TEMPLATE_IDS,
  REFERRAL_ANSWER_TEMPLATE_IDS,
  REFERRAL_NOTICE_TEMPLATE_IDS,
  REMINDER_SMS_TEMPLATE_IDS,
  TEMPLATE_IDS,
} from '../../../shared/domain/template-ids.js';
import {
  acceptedSmsData,
  addressAlertData,
  ALTERNATIVES,
  answerData,
  appointmentSmsData,
  caseNoticeData,
  digestData,
  emailData,
  LINKS,
  meetingData,
  minutesData,
  familySmsData,
  visitInvitationData,
  VISIT_START,
  referralNoticeData,
  blockedData,
  reportData,
  smsData,
  householdSmsData,
  SAMPLES,
} from '../../../shared/messages/samples.js';

const has = (ids: readonly string[], id: string) => ids.includes(id);

/** Sample data for any template id, shaped as an intent would carry it (a plain record). */
function sampleData(id: AnyTemplateId, lang: Language): Record<string, unknown> {
  if (id === 'referral.office.email') return { ...emailData({ links: LINKS, linksExpire: '2026-12-04' }) };
  if (id === 'referral.returnee.sms' || id === 'referral.returnee.sms.private') return { ...smsData('civil_documents') };
  if (has(REFERRAL_NOTICE_TEMPLATE_IDS, id)) return { ...referralNoticeData() };
  if (has(CASE_NOTICE_TEMPLATE_IDS, id)) return { ...caseNoticeData() };
  if (has(REMINDER_SMS_TEMPLATE_IDS, id)) return { ...appointmentSmsData(id.startsWith('appointment.') ? 'appointment' : 'deadline', lang) };
  if (has(REFERRAL_ANSWER_TEMPLATE_IDS, id)) {
    return { ...answerData({ reason: 'lack_of_capacity', outcome: 'done', alternatives: ALTERNATIVES, note: 'Call us first.' }) };
  }
  if (has(ANSWER_SMS_TEMPLATE_IDS, id)) return { ...acceptedSmsData('job_seeker_registration') };
  if (has(MEETING_EMAIL_TEMPLATE_IDS, id)) return { ...meetingData({ sequence: 1, previousStart: '2026-11-28T09:00:00Z', daysBefore: 7 }) };
  if (id === 'meeting.minutes_request') return { ...minutesData() };
  if (id === 'digest.coordinator') return { ...digestData() };
  if (id === 'report.quarterly') return { ...reportData() };
  if (id === 'alert.address_undeliverable') return { ...addressAlertData() };
  if (id === 'visit.office.invitation') return { ...visitInvitationData({ previousStart: '2026-11-23T13:00:00Z' }) };
  if (id === 'visit.office.cancelled') return { ...visitInvitationData() };
  if (id === 'visit.returnee.planned' || id === 'visit.returnee.moved' || id === 'visit.returnee.cancelled') return { ...familySmsData({ start: VISIT_START }) };
  if (id === 'appointment.returnee.moved' || id === 'appointment.returnee.cancelled') return { ...familySmsData({ start: VISIT_START }), previousStart: '2026-11-23T13:00:00Z' };
  if (id === 'case.returnee.welcome') return { ...familySmsData({ coordinatorName: 'Drita' }) };
  if (id === 'case.foreigner.welcome') return { ...familySmsData({ coordinatorName: 'Drita', category: 'foreigner' }) };
  if (id === 'referral.coordinator.blocked') return { ...blockedData() };
  if (id === 'household.returnee.sms') return { ...householdSmsData(lang) };
  if (id === 'grant.returnee.call') return { ...familySmsData(), call: 'agriculture', closesOn: '2027-01-29', title: 'Serra 2027' };
  if (id === 'case.coordinator.cannot_come') return SAMPLES[id](lang);
  if (id === 'followup.coordinator') return { smrCaseId: 'SMR-2026-000123', coordinatorName: 'Coordinator', reason: 'kept_failing', message: 'Referral SMS text' };
  throw new Error(`no sample data for ${id}`);
}

/** The SMS templates: those whose files have no subject. */
const SMS_IDS: readonly string[] = TEMPLATE_IDS.filter((id) => CATALOGUE[id].en.subject === undefined);

describe('renderAny', () => {
  it('renders every template id in the catalogue: emails as { email }, SMS as { sms }', () => {
    for (const id of TEMPLATE_IDS) {
      const out = renderAny(id, sampleData(id, 'sq'), ['sq', 'sr-Latn']);
      if (SMS_IDS.includes(id)) {
        expect(Object.keys(out), id).toEqual(['sms']);
        // The first language only; a foreigner's SMS is from the municipality, never the office named after return.
        expect(out.sms, id).toMatch(id === 'case.foreigner.welcome' ? /^Komuna Obiliq: / : /^ZKKK Obiliq: /);
        expect(out.sms, id).not.toContain('OKZP');
      } else {
        expect(Object.keys(out), id).toEqual(['email']);
        expect(out.email!.subject, id).toContain(' / '); // both languages
        expect(out.email!.html, id).toContain('<div lang="sr-Latn"');
      }
    }
  });

  it('gives exactly what the template-specific renderers give', () => {
    expect(renderAny('referral.office.email', { ...emailData() }, ['sq', 'sr-Latn']).email).toEqual(renderReferralEmail(emailData(), ['sq', 'sr-Latn']));
    expect(renderAny('referral.returnee.sms', { ...smsData('civil_documents') }, ['sr-Cyrl']).sms).toBe(
      renderReferralSms(smsData('civil_documents'), 'sr-Cyrl', 'standard'),
    );
    expect(renderAny('referral.returnee.sms.private', { ...smsData('health_care') }, ['en']).sms).toBe(
      renderReferralSms(smsData('health_care'), 'en', 'private'),
    );
    expect(renderAny('referral.head.escalation', { ...referralNoticeData() }, ['en']).email).toEqual(
      renderNoticeEmail('referral.head.escalation', referralNoticeData(), ['en']),
    );
    expect(renderAny('case.coordinator.monitoring', { ...caseNoticeData() }, ['sr-Cyrl']).email).toEqual(
      renderNoticeEmail('case.coordinator.monitoring', caseNoticeData(), ['sr-Cyrl']),
    );
    expect(renderAny('deadline.returnee.evening', { ...appointmentSmsData('deadline', 'sq') }, ['sq', 'en']).sms).toBe(
      renderReminderSms('deadline.returnee.evening', appointmentSmsData('deadline', 'sq'), 'sq'),
    );
    const declined = answerData({ reason: 'not_eligible', alternatives: ALTERNATIVES });
    expect(renderAny('referral.coordinator.declined', { ...declined }, ['sr-Latn']).email).toEqual(
      renderAnswerEmail('referral.coordinator.declined', declined, ['sr-Latn']),
    );
    expect(renderAny('referral.coordinator.outcome', { ...answerData({ outcome: 'not_done' }) }, ['en']).email).toEqual(
      renderAnswerEmail('referral.coordinator.outcome', answerData({ outcome: 'not_done' }), ['en']),
    );
    expect(renderAny('referral.returnee.accepted', { ...acceptedSmsData('housing') }, ['sr-Cyrl', 'en']).sms).toBe(
      renderAcceptedSms(acceptedSmsData('housing'), 'sr-Cyrl'),
    );
    const reminder = meetingData({ daysBefore: 1 });
    expect(renderAny('meeting.reminder', { ...reminder }, ['sq', 'sr-Latn']).email).toEqual(renderMeetingEmail('meeting.reminder', reminder, ['sq', 'sr-Latn']));
    expect(renderAny('meeting.minutes_request', { ...minutesData() }, ['en']).email).toEqual(renderMinutesRequest(minutesData(), ['en']));
    expect(renderAny('digest.coordinator', { ...digestData() }, ['sr-Cyrl']).email).toEqual(renderDigestEmail(digestData(), ['sr-Cyrl']));
    expect(renderAny('report.quarterly', { ...reportData() }, ['sq']).email).toEqual(renderQuarterlyReport(reportData(), ['sq']));
  });

  it('keeps the safety checks of the specific renderers', () => {
    // a standard referral SMS for a sensitive need is refused, whichever way it is asked for
    expect(() => renderAny('referral.returnee.sms', { ...smsData('psychosocial_support') }, ['sq'])).toThrow(/private/);
    // a sensitive referral notice keeps the need out of the subject
    const { email } = renderAny('referral.office.reminder', { ...referralNoticeData({ need: 'health_care', sensitive: false }) }, ['en']);
    expect(email!.subject.toLowerCase()).not.toContain('health');
    // the accepted SMS is refused for a referral the caller flagged sensitive, whatever its need …
    expect(() => renderAny('referral.returnee.accepted', { ...acceptedSmsData('housing', { sensitive: true }) }, ['sq'])).toThrow(/sensitive/);
    // … and for a sensitive need the caller forgot to flag
    expect(() => renderAny('referral.returnee.accepted', { ...acceptedSmsData('health_care') }, ['en'])).toThrow(/sensitive/);
    // a declined notice without a reason, an outcome notice without an outcome
    expect(() => renderAny('referral.coordinator.declined', { ...answerData() }, ['en'])).toThrow(/reason/);
    expect(() => renderAny('referral.coordinator.outcome', { ...answerData() }, ['en'])).toThrow(/outcome/);
  });

  it('refuses an empty language list and an unknown template id', () => {
    expect(() => renderAny('referral.office.reminder', { ...referralNoticeData() }, [])).toThrow(/language/);
    expect(() => renderAny('referral.returnee.sms', { ...smsData('housing') }, [])).toThrow(/language/);
    expect(() => renderAny('no.such.template' as AnyTemplateId, {}, ['en'])).toThrow(/unknown template/);
  });
});
