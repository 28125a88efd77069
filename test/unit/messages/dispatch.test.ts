import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/domain/vocabulary.js';
import {
  CASE_NOTICE_TEMPLATE_IDS,
  REFERRAL_NOTICE_TEMPLATE_IDS,
  REMINDER_SMS_TEMPLATE_IDS,
  renderAny,
  renderNoticeEmail,
  renderReferralEmail,
  renderReferralSms,
  renderReminderSms,
  TEMPLATE_IDS,
  type AnyTemplateId,
} from '../../../shared/messages/index.js';
import { appointmentSmsData, caseNoticeData, emailData, referralNoticeData, smsData } from './fixtures.js';

const has = (ids: readonly string[], id: string) => ids.includes(id);

/** Sample data for any template id, shaped as an intent would carry it (a plain record). */
function sampleData(id: AnyTemplateId, lang: Language): Record<string, unknown> {
  if (id === 'referral.office.email') return { ...emailData() };
  if (id === 'referral.returnee.sms' || id === 'referral.returnee.sms.private') return { ...smsData('civil_documents') };
  if (has(REFERRAL_NOTICE_TEMPLATE_IDS, id)) return { ...referralNoticeData() };
  if (has(CASE_NOTICE_TEMPLATE_IDS, id)) return { ...caseNoticeData() };
  if (has(REMINDER_SMS_TEMPLATE_IDS, id)) return { ...appointmentSmsData(id.startsWith('appointment.') ? 'appointment' : 'deadline', lang) };
  throw new Error(`no sample data for ${id}`);
}

const SMS_IDS: readonly string[] = ['referral.returnee.sms', 'referral.returnee.sms.private', ...REMINDER_SMS_TEMPLATE_IDS];

describe('renderAny', () => {
  it('renders every template id in the catalogue: emails as { email }, SMS as { sms }', () => {
    for (const id of TEMPLATE_IDS) {
      const out = renderAny(id, sampleData(id, 'sq'), ['sq', 'sr-Latn']);
      if (SMS_IDS.includes(id)) {
        expect(Object.keys(out), id).toEqual(['sms']);
        expect(out.sms, id).toMatch(/^ZKKK Obiliq: /); // the first language only
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
  });

  it('keeps the safety checks of the specific renderers', () => {
    // a standard referral SMS for a sensitive need is refused, whichever way it is asked for
    expect(() => renderAny('referral.returnee.sms', { ...smsData('psychosocial_support') }, ['sq'])).toThrow(/private/);
    // a sensitive referral notice keeps the need out of the subject
    const { email } = renderAny('referral.office.reminder', { ...referralNoticeData({ need: 'health_care', sensitive: false }) }, ['en']);
    expect(email!.subject.toLowerCase()).not.toContain('health');
  });

  it('refuses an empty language list and an unknown template id', () => {
    expect(() => renderAny('referral.office.reminder', { ...referralNoticeData() }, [])).toThrow(/language/);
    expect(() => renderAny('referral.returnee.sms', { ...smsData('housing') }, [])).toThrow(/language/);
    expect(() => renderAny('no.such.template' as AnyTemplateId, {}, ['en'])).toThrow(/unknown template/);
  });
});
