import { describe, expect, it } from 'vitest';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import { DEFAULT_SMS_POLICY } from '../../../shared/domain/sms-policy.js';
import { APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS } from '../../../shared/domain/template-ids.js';
import { kosovoHolidays } from '../../../shared/domain/holidays.js';
import { Language, type PersonCategory } from '../../../shared/domain/vocabulary.js';
import { localName, renderAny, renderHouseholdSms, srLatnToCyrl, toGsm7, type HouseholdPart } from '../../../shared/messages/index.js';
import { applySmsPolicy } from '../../../shared/messages/sms-policy.js';
import { SAMPLE_PAGE_URL } from '../../../shared/messages/samples.js';
import { familySender, queuedFamilySender, renderFamilySms } from '../../../shared/messages/visits.js';
import { planAnswerNotifications } from '../../../shared/referrals/plan-answer-notifications.js';
import { planReferralNotifications } from '../../../shared/referrals/plan-notifications.js';
import type { AppointmentItem } from '../../../shared/store/appointment.js';
import type { CaseItem } from '../../../shared/store/case.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import type { ReferralItem } from '../../../shared/store/referral.js';
import { decideTimer } from '../../../shared/timers/decide.js';
import { appointmentTimers } from '../../../shared/timers/plan.js';

/**
 * Who signs what a family reads. A foreigner's SMS come from the municipality: the coordinator's
 * office is "for Communities and Returns", and ZKKK / OKZP stand for that name, so neither may
 * sign them (return-words.ts lets "Returns" in the office's name pass, and the abbreviations hold
 * no return word, so that check alone cannot see it). Each SMS is decided here as the platform
 * decides it (the planners and the timers' decision), then rendered as delivery renders it.
 */

const muni = bundledDirectory().municipality('partesh')!;
const holidays = kosovoHolidays();
const now = new Date('2026-11-23T09:00:00Z'); // Monday 10:00 in Kosovo: the SMS go at once

function theCase(category: PersonCategory, language: Language): CaseItem {
  return {
    pk: 'CASE#C1', sk: 'META', type: 'Case', caseId: 'C1', smrCaseId: 'SMR-1', municipalityId: muni.id,
    coordinatorId: muni.coordinators[0]!.id, arrivalDate: '2026-11-20', category, language,
    ...(category === 'foreigner' ? { permitDate: '2026-11-18', permit: 'subsidiary_protection' as const } : {}),
    phone: '+38349555123', consent: { sms: true, shareWithOffices: true },
    household: [{ id: 'p1', givenName: 'A', familyName: 'B', birthYear: 1980, role: 'head' }],
    status: 'open', createdAt: now.toISOString(), expiresAt: 1,
  };
}

function referral(kind: 'civil_registry' | 'mental_health', status: ReferralItem['status']): ReferralItem {
  const office = muni.offices.find((o) => o.kind === kind)!;
  return {
    pk: 'CASE#C1', sk: `REF#${kind}`, type: 'Referral', caseId: 'C1', referralId: `R-${kind}`, municipalityId: muni.id,
    officeKind: kind, officeId: office.id, need: kind === 'civil_registry' ? 'civil_documents' : 'psychosocial_support', personIds: ['p1'], categories: [],
    status, ackDueDate: '2026-11-30', createdAt: now.toISOString(), sentAt: now.toISOString(), answeredAt: now.toISOString(), expiresAt: 1,
  };
}

const appointment = (kind: AppointmentItem['kind']): AppointmentItem => ({
  pk: 'CASE#C1', sk: `APPT#${kind}`, type: 'Appointment', appointmentId: `A-${kind}`, caseId: 'C1', kind, when: '2026-11-26T08:30:00Z',
  title: 'Termin', where: 'Opstina', version: 1, status: 'scheduled', createdAt: now.toISOString(), updatedAt: now.toISOString(), expiresAt: 1,
});

/** Every SMS intent the family of this case is sent: the referral's, a private one, an acceptance, and each reminder. */
function familySmsIntents(c: CaseItem): IntentItem[] {
  const sms = (intents: IntentItem[]) => intents.filter((i) => i.channel === 'sms');
  const out = [
    ...sms(planReferralNotifications(referral('civil_registry', 'created'), c, muni, now)),
    ...sms(planReferralNotifications(referral('mental_health', 'created'), c, muni, now)),
    ...sms(planAnswerNotifications(referral('civil_registry', 'accepted'), c, muni, now)),
  ];
  for (const kind of ['appointment', 'deadline'] as const) {
    for (const timer of appointmentTimers(appointment(kind), now)) {
      out.push(...sms(decideTimer({ timer, theCase: c, appointment: appointment(kind), muni, holidays, now: new Date(Date.parse(timer.dueAt) + 60_000) }).intents));
    }
  }
  return out;
}

/** Each SMS as the family could read it: as written, with the page's link, and as the policy sends it. */
function readings(template: string, data: Record<string, unknown>, lang: Language): string[] {
  const plain = renderAny(template as never, data, [lang]).sms!;
  const linked = renderAny(template as never, { ...data, pageUrl: SAMPLE_PAGE_URL }, [lang]).sms!;
  return [plain, linked, applySmsPolicy(linked, lang, DEFAULT_SMS_POLICY).text];
}

/** The coordinator's office in any language or script, whole or by its abbreviation (ZKKK, OKZP). */
const OFFICE_FORMS: readonly string[] = (() => {
  const forms = new Set<string>();
  for (const lang of Language.options) {
    const name = localName(muni.coordinatorOffice, lang);
    forms.add(name).add(toGsm7(name));
    for (const word of name.split(/[\s,]+/)) if (/^\p{Lu}{3,}$/u.test(word)) forms.add(word).add(srLatnToCyrl(word));
  }
  forms.add('Communities and Returns');
  return [...forms];
})();
const officeIn = (text: string) => OFFICE_FORMS.filter((f) => text.toLowerCase().includes(f.toLowerCase()));

function everyFamilySms(category: PersonCategory): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  for (const lang of Language.options) {
    const c = theCase(category, lang);
    const intents = familySmsIntents(c);
    for (const i of intents) for (const text of readings(i.template, i.data, lang)) out.push({ label: `${i.template} ${lang}`, text });
    // The household's one SMS, from the steps due together at 08:00, as delivery builds it.
    const parts: HouseholdPart[] = intents
      .filter((i) => ['referral.returnee.sms', 'referral.returnee.sms.private', 'appointment.returnee.morning', 'deadline.returnee.morning'].includes(i.template))
      .map((i) => ({ template: i.template as HouseholdPart['template'], data: i.data }));
    const household = { category, municipality: muni.name, coordinatorOffice: intents[0]!.data.coordinatorOffice as typeof muni.name, coordinatorPhone: '+38344000001', parts };
    out.push({ label: `household ${lang}`, text: renderHouseholdSms(household, lang) });
    out.push({ label: `household+page ${lang}`, text: renderHouseholdSms({ ...household, pageUrl: SAMPLE_PAGE_URL }, lang) });
    const family = { category, municipality: muni.name, coordinatorOffice: muni.coordinatorOffice, coordinatorPhone: '+38344000001', coordinatorName: 'Dragan', start: '2026-11-24T09:00:00Z' };
    const welcome = category === 'foreigner' ? 'case.foreigner.welcome' : 'case.returnee.welcome';
    for (const id of [welcome, 'visit.returnee.planned', 'visit.returnee.moved', 'visit.returnee.cancelled'] as const) out.push({ label: `${id} ${lang}`, text: renderFamilySms(id, family, lang) });
    for (const id of APPOINTMENT_CHANGE_SMS_TEMPLATE_IDS) for (const text of readings(id, { ...family, previousStart: '2026-11-23T13:00:00Z' }, lang)) out.push({ label: `${id} ${lang}`, text });
  }
  return out;
}

describe('who signs the SMS a family reads', () => {
  it("a foreigner's: the municipality, never the office for Communities and Returns nor ZKKK / OKZP, in any language or script", () => {
    const all = everyFamilySms('foreigner');
    // The planners' SMS and reminders were all decided (the check has something to look at).
    expect(new Set(all.map((s) => s.label.split(' ')[0]))).toEqual(
      new Set(['referral.returnee.sms', 'referral.returnee.sms.private', 'referral.returnee.accepted', 'appointment.returnee.evening', 'appointment.returnee.morning', 'deadline.returnee.evening', 'deadline.returnee.morning', 'household', 'household+page', 'case.foreigner.welcome', 'visit.returnee.planned', 'visit.returnee.moved', 'visit.returnee.cancelled', 'appointment.returnee.moved', 'appointment.returnee.cancelled']),
    );
    expect(all.flatMap((s) => officeIn(s.text).map((f) => `${s.label}: ${f} in "${s.text}"`))).toEqual([]);
    const municipality = /^(Komuna Partesh|Opstina Partes|Opština Parteš|Општина Партеш|Partesh Municipality): /;
    for (const s of all) expect(s.text, s.label).toMatch(municipality);
  });

  it("a returnee's: the office as the family knows it (ZKKK / OKZP), and in English the municipality, whose name is short", () => {
    const all = everyFamilySms('returnee');
    for (const s of all) {
      const lang = s.label.split(' ')[1] as Language;
      const sender = lang === 'en' ? 'Partesh Municipality' : lang === 'sq' ? 'ZKKK Partesh' : lang === 'sr-Cyrl' ? 'ОКЗП Партеш' : /^OKZP Parte(s|š)/;
      if (typeof sender === 'string') expect(s.text.startsWith(`${sender}: `) || s.text.startsWith(`${toGsm7(sender)}: `), `${s.label}: ${s.text}`).toBe(true);
      else expect(s.text, s.label).toMatch(sender);
    }
    // The check of the first test finds the office where it signs.
    expect(all.filter((s) => officeIn(s.text).length > 0).length).toBeGreaterThan(0);
  });

  it('each decider that queues a family SMS (referral, acceptance, appointment and deadline reminders) puts the one rule in it, in the SMS language only', () => {
    const seen = new Set<string>();
    for (const category of ['returnee', 'foreigner'] as const) {
      for (const lang of Language.options) {
        const c = theCase(category, lang);
        const signer = queuedFamilySender(c, muni);
        expect(localName(signer, lang)).toBe(familySender({ category, municipality: muni.name, coordinatorOffice: muni.coordinatorOffice }, lang));
        for (const i of familySmsIntents(c)) {
          expect(i.data.coordinatorOffice, `${i.template} ${category} ${lang}`).toEqual(signer);
          seen.add(i.template);
        }
      }
    }
    expect([...seen].sort()).toEqual(['appointment.returnee.evening', 'appointment.returnee.morning', 'deadline.returnee.evening', 'deadline.returnee.morning', 'referral.returnee.accepted', 'referral.returnee.sms', 'referral.returnee.sms.private']);
  });
});
