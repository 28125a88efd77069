import { describe, expect, it } from 'vitest';
import { smsSegments, SMS_SEGMENT_GOALS } from '../../../bench/sms.js';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import { DEFAULT_SMS_POLICY, type SmsPolicy } from '../../../shared/domain/sms-policy.js';
import { APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS, REMINDER_SMS_TEMPLATE_IDS } from '../../../shared/domain/template-ids.js';
import { isSensitive, Language, Need } from '../../../shared/domain/vocabulary.js';
import { pageUrl, signPageToken } from '../../../shared/links/page-link.js';
import { nameKey, renderAny } from '../../../shared/messages/index.js';
import { SAMPLES } from '../../../shared/messages/samples.js';
import { applySmsPolicy } from '../../../shared/messages/sms-policy.js';
import { familySenderName } from '../../../shared/messages/visits.js';

/**
 * The returnee SMS with the page's link (the default) and without it, with the bundled
 * directory's real offices: each fits its policy's cap, and with the link the referral and
 * reminder SMS carry the essentials in one GSM-7 segment in Albanian and Serbian. The catalogue's
 * means are the bench's (bench/sms.ts) and must meet #18's goals.
 */

const URL = pageUrl('https://referrals.example.org', signPageToken('01JD7ZQ4Y8K2M3N4P5Q6R7S8T9', 21_000, Buffer.alloc(32, 1)));
const OFF: SmsPolicy = { ...DEFAULT_SMS_POLICY, returneePage: false };
const directory = bundledDirectory();

/** Every non-sensitive office × need of the bundled directory, as a referral SMS intent carries it. */
const referrals = () =>
  directory.municipalities().flatMap((m) =>
    m.offices.flatMap((o) =>
      Need.options
        .filter((need) => !isSensitive({ need, officeKind: o.kind }))
        .map((need) => ({ coordinatorOffice: familySenderName({ category: 'returnee', municipality: m.name, coordinatorOffice: m.coordinatorOffice }), coordinatorPhone: m.coordinators[0]!.phone, office: { name: o.name, address: o.address, hours: o.hours }, need })),
    ),
  );

function texts(id: string, lang: Language, withLink: boolean): string[] {
  const data: Record<string, unknown>[] =
    id === 'referral.returnee.sms' ? referrals() : id === 'referral.returnee.accepted' ? referrals().map((r) => ({ ...r, sensitive: false })) : [SAMPLES[id as 'appointment.returnee.morning'](lang) as unknown as Record<string, unknown>];
  return data.map((d) => renderAny(id as 'referral.returnee.sms', withLink ? { ...d, pageUrl: URL } : d, [lang]).sms!);
}

const LINKED = ['referral.returnee.sms', 'referral.returnee.accepted', ...REMINDER_SMS_TEMPLATE_IDS, ...APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS] as const;

describe('returnee SMS with the returnee page', () => {
  it('carry the link, and fit the cap, with and without it, for every office of the directory in every language', () => {
    for (const id of LINKED) {
      for (const lang of Language.options) {
        for (const text of texts(id, lang, true)) {
          expect(text, id).toContain(URL);
          expect(applySmsPolicy(text, lang, DEFAULT_SMS_POLICY).withinCap, `${id} [${lang}] ${text}`).toBe(true);
        }
        for (const text of texts(id, lang, false)) {
          expect(text, id).not.toContain('/p/');
          expect(applySmsPolicy(text, lang, OFF).withinCap, `${id} [${lang}] ${text}`).toBe(true);
        }
      }
    }
  });

  it('with the link, Albanian, Serbian and English SMS take one GSM-7 segment: the reminders with the samples, the referral and acceptance for every office named in up to 40 characters; two at most for longer names', () => {
    for (const id of [...REMINDER_SMS_TEMPLATE_IDS, ...APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS]) {
      for (const lang of Language.options) {
        const text = renderAny(id, { ...SAMPLES[id](lang), pageUrl: URL }, [lang]).sms!;
        expect(applySmsPolicy(text, lang, DEFAULT_SMS_POLICY).stats, text).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      }
    }
    let short = 0;
    for (const id of ['referral.returnee.sms', 'referral.returnee.accepted'] as const) {
      for (const lang of Language.options) {
        // Each office once (the need changes only the bring-list, which the SMS with the link leaves to the page).
        for (const r of referrals().filter((x, i, all) => all.findIndex((y) => y.office.name.sq === x.office.name.sq) === i)) {
          const officeName = r.office.name[nameKey(lang)];
          const text = renderAny(id, { ...r, sensitive: false, pageUrl: URL }, [lang]).sms!;
          const stats = applySmsPolicy(text, lang, DEFAULT_SMS_POLICY).stats;
          if (officeName.length <= 40) {
            short++;
            expect(stats, `${id} [${lang}] ${text}`).toMatchObject({ encoding: 'GSM-7', segments: 1 });
          } else expect(stats.segments, `${id} [${lang}] ${text}`).toBeLessThanOrEqual(2);
        }
      }
    }
    expect(short).toBeGreaterThan(0);
  });

  it("an appointment moved or called off: one GSM-7 segment with the link, two at most without, signed by every municipality's office or name, in every language", () => {
    let checked = 0;
    for (const m of directory.municipalities()) {
      for (const category of ['returnee', 'foreigner'] as const) {
        for (const lang of Language.options) {
          for (const id of APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS) {
            // The longest day and times: Wednesday ("të mërkurën"), two-digit hours.
            const data = { category, municipality: m.name, coordinatorOffice: m.coordinatorOffice, coordinatorPhone: m.coordinators[0]!.phone, start: '2026-12-16T12:30:00Z', previousStart: '2026-12-17T12:30:00Z' };
            const linked = applySmsPolicy(renderAny(id, { ...data, pageUrl: URL }, [lang]).sms!, lang, DEFAULT_SMS_POLICY);
            expect(linked.stats, `${id} [${lang}] ${linked.text}`).toMatchObject({ encoding: 'GSM-7', segments: 1 });
            const alone = applySmsPolicy(renderAny(id, data, [lang]).sms!, lang, OFF);
            expect(alone.stats.segments, `${id} [${lang}] ${alone.text}`).toBeLessThanOrEqual(2);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(16);
  });

  it("the catalogue's mean segments per returnee SMS meet #18's goals: at most 1.3 with the page, 2 without", () => {
    const { meanSegments, goals } = smsSegments();
    expect(goals).toEqual(SMS_SEGMENT_GOALS);
    expect(meanSegments.samples).toBeGreaterThanOrEqual(48);
    expect(meanSegments.pageOn).toBeLessThanOrEqual(SMS_SEGMENT_GOALS.pageOn);
    expect(meanSegments.pageOff).toBeLessThanOrEqual(SMS_SEGMENT_GOALS.pageOff);
    // Without the link the SMS says where and when itself: it is longer, never shorter.
    expect(meanSegments.pageOff).toBeGreaterThan(meanSegments.pageOn);
  });
});
