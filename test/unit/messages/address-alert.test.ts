import { describe, expect, it } from 'vitest';
import { Language } from '../../../shared/domain/vocabulary.js';
import { CATALOGUE, MESSAGE_KINDS, messageKindOf, placeholdersOf, renderAddressAlert, renderAny, type AddressAlertData } from '../../../shared/messages/index.js';

const OBILIQ = { sq: 'Obiliq', sr: 'Obilić', en: 'Obiliq' };
const REGISTRY = { sq: 'Zyra e Gjendjes Civile Obiliq', sr: 'Kancelarija civilnog stanja Obilić', en: 'Civil Registry Office Obiliq' };

const bounce = (over: Partial<AddressAlertData> = {}): AddressAlertData => ({
  reason: 'bounce',
  address: 'gjendja-civile@obiliq.example.org',
  who: REGISTRY,
  messageKind: 'referral',
  smrCaseId: 'SMR-2026-0142',
  sentAt: '2026-11-23T09:05:00Z',
  reportedAt: '2026-11-23T09:06:12Z',
  code: 'Permanent/General, 5.1.1',
  municipality: OBILIQ,
  ...over,
});

describe('alert.address_undeliverable', () => {
  it('every language variant carries the same placeholders, per part', () => {
    const t = CATALOGUE['alert.address_undeliverable'];
    for (const part of ['subject', 'text', 'html'] as const) {
      const want = placeholdersOf(t.en[part]!);
      for (const lang of Language.options) expect(placeholdersOf(t[lang][part]!), `${lang} ${part}`).toEqual(want);
    }
  });

  it.each(Language.options)('renders completely in %s: the office, its address, the case, the steps', (lang) => {
    const mail = renderAddressAlert(bounce(), [lang]);
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/\{\{|\}\}|undefined|NaN|null|\[object /);
    expect(mail.subject).not.toMatch(/[\n\r]/);
    expect(mail.text).toContain('gjendja-civile@obiliq.example.org');
    expect(mail.text).toContain('SMR-2026-0142');
    expect(mail.text).toMatch(/^(1|2|3)\. /m);
    expect(mail.text.match(/^\d\. /gm)).toHaveLength(3);
    expect(mail.html).toContain(`<div lang="${lang}"`);
    expect(mail.html.match(/<li>/g)).toHaveLength(3);
    // The directory name in the subject, in the reader's language; not the address.
    expect(mail.subject).not.toContain('@');
  });

  it('says where the office is named in the subject, in the reader\'s language', () => {
    expect(renderAddressAlert(bounce(), ['sq']).subject).toBe('Emaili nuk u dorëzua: Zyra e Gjendjes Civile Obiliq — ju lutemi veproni');
    expect(renderAddressAlert(bounce(), ['sr-Latn']).subject).toBe('E-poruka nije isporučena: Kancelarija civilnog stanja Obilić — molimo postupite');
    expect(renderAddressAlert(bounce(), ['sr-Cyrl']).subject).toBe('Е-порука није испоручена: Канцеларија цивилног стања Обилић — молимо поступите');
    expect(renderAddressAlert(bounce(), ['en']).subject).toBe('Email not delivered: Civil Registry Office Obiliq — please act');
  });

  it('for a referral: phone the office, correct the directory, cancel and refer again', () => {
    const text = renderAddressAlert(bounce(), ['en']).text;
    expect(text).toContain('1. Phone the office today and give them the referral for case SMR-2026-0142 by phone');
    expect(text).toContain('2. Ask for the correct email address and have it corrected in the directory');
    expect(text).toContain('3. When the directory has the right address');
    expect(text).toContain('cancel this referral and refer the case to the office again');
    expect(text).toContain('followed up by phone or visit');
  });

  it('a complaint: marked as spam, ask them to mark it as not spam; not in the follow-up list', () => {
    const mail = renderAddressAlert(bounce({ reason: 'complaint', code: 'Complaint/abuse' }), ['en']);
    expect(mail.subject).toBe('Email marked as spam: Civil Registry Office Obiliq — please act');
    expect(mail.text).toContain('"not spam"');
    expect(mail.text).not.toContain('followed up by phone or visit');
  });

  it('another kind of message, from an address the directory does not know: the address in the subject, no case', () => {
    const mail = renderAddressAlert(bounce({ who: undefined, messageKind: 'meeting', smrCaseId: undefined }), ['sq']);
    expect(mail.subject).toContain('gjendja-civile@obiliq.example.org');
    expect(mail.text).toContain('Mesazhi: ftesa ose kujtesa për takim');
    expect(mail.text).not.toContain('Rasti në SMR');
    expect(mail.text).toContain('1. Telefononi marrësin');
  });

  it('is rendered by renderAny, one section per language', () => {
    const out = renderAny('alert.address_undeliverable', { ...bounce() }, ['sq', 'sr-Latn']);
    expect(out.email!.subject).toContain(' / ');
    expect(out.email!.html).toContain('<div lang="sr-Latn"');
  });

  it('knows the kind of every template the platform sends by email', () => {
    expect(messageKindOf('referral.office.email')).toBe('referral');
    expect(messageKindOf('referral.head.escalation')).toBe('reminder');
    expect(messageKindOf('visit.coordinator.reminder')).toBe('notice');
    expect(messageKindOf('meeting.invitation')).toBe('meeting');
    expect(messageKindOf('digest.coordinator')).toBe('digest');
    expect(messageKindOf('report.quarterly')).toBe('report');
    expect(MESSAGE_KINDS).toContain(messageKindOf('something.else'));
  });
});
