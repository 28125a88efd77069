import type { Municipality } from '../directory/schema.js';
import { dueBucket, smsSendTime } from '../domain/calendar.js';
import { emailLanguagesFor } from '../domain/languages.js';
import { ANSWER_LINKS, answerLinkGrant } from '../links/answer-links.js';
import { isSensitive, type Trilingual } from '../domain/vocabulary.js';
import { inLanguageOf, type ReferralEmailData, type ReferralSmsData } from '../messages/index.js';
import { queuedFamilySender } from '../messages/visits.js';
import { intentId, intentItem, type IntentItem } from '../store/intent.js';
import type { ReferralItem, RoutingCase } from '../store/referral.js';
import { caseCoordinator } from '../directory/coordinator.js';

export class RoutingError extends Error {
  override name = 'RoutingError';
}

/**
 * Decides, for one new referral, who must be told what: an email to the office in the languages
 * it reads, and an SMS to the returnee in theirs (only with consent and a phone number, never at
 * night). Pure: the same referral always yields the same intents, with ids derived from it.
 * The email's one-click answers are kept as a grant (which answers, until when): the deliver
 * function signs them when it renders the email, so the intent holds no token.
 */
export function planReferralNotifications(referral: ReferralItem, theCase: RoutingCase, muni: Municipality, now: Date): IntentItem[] {
  const office = muni.offices.find((o) => o.id === referral.officeId);
  if (!office) throw new RoutingError(`office ${referral.officeId} is not in the ${muni.id} directory`);
  const coordinator = caseCoordinator(muni, theCase);
  const sensitive = isSensitive(referral);
  const share = theCase.consent.shareWithOffices;
  const createdAt = now.toISOString();
  const owner = { caseId: referral.caseId };
  const base = {
    caseId: referral.caseId,
    // Its outcome goes to the municipality's activity feed; a final failure to its call-or-visit list.
    municipalityId: referral.municipalityId,
    referralId: referral.referralId,
    attempts: 0,
    createdAt,
    expiresAt: referral.expiresAt,
  };

  const emailData: ReferralEmailData = {
    referralId: referral.referralId,
    smrCaseId: theCase.smrCaseId,
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    coordinator: { name: coordinator.name, email: coordinator.email, phone: coordinator.phone },
    office: { kind: office.kind, name: office.name },
    need: referral.need,
    // Without consent to share, the office learns only the case reference and what is needed.
    categories: share ? referral.categories : [],
    consentToShare: share,
    persons: share
      ? theCase.household
          .filter((m) => referral.personIds.includes(m.id))
          .map((m) => ({ givenName: m.givenName, familyName: m.familyName, birthYear: m.birthYear }))
      : [],
    householdSize: theCase.household.length,
    arrivalDate: theCase.arrivalDate,
    ...(theCase.permitDate ? { permitDate: theCase.permitDate } : {}),
    ...(theCase.permit ? { permit: theCase.permit } : {}),
    dueDate: referral.ackDueDate,
    ...(share && referral.note ? { note: referral.note } : {}),
    ...(referral.documentsMissing ? { documentsMissing: true } : {}),
    sensitive,
  };
  const emailId = intentId(referral.referralId, 'referral.office');
  const email = intentItem(owner, {
    ...base,
    intentId: emailId,
    purpose: 'referral.office',
    channel: 'email',
    template: 'referral.office.email',
    languages: emailLanguagesFor(office.languages),
    recipient: office.email,
    data: { ...emailData, [ANSWER_LINKS]: answerLinkGrant(now) },
    status: 'queued',
  });

  const smsId = intentId(referral.referralId, 'referral.returnee');
  const smsBase = {
    ...base,
    intentId: smsId,
    purpose: 'referral.returnee' as const,
    channel: 'sms' as const,
    // Sensitive referrals get a text that names neither the need nor the office.
    template: sensitive ? ('referral.returnee.sms.private' as const) : ('referral.returnee.sms' as const),
    languages: [theCase.language],
  };
  let sms: IntentItem;
  if (!theCase.consent.sms) {
    sms = intentItem(owner, { ...smsBase, data: {}, status: 'skipped', skipReason: 'no_sms_consent' });
  } else if (!theCase.phone) {
    sms = intentItem(owner, { ...smsBase, data: {}, status: 'skipped', skipReason: 'no_phone' });
  } else {
    const only = (t: Trilingual) => inLanguageOf(t, theCase.language);
    const smsData: ReferralSmsData = {
      coordinatorOffice: queuedFamilySender(theCase, muni),
      coordinatorPhone: coordinator.phone,
      office: { name: only(office.name), address: only(office.address), hours: only(office.hours) },
      need: referral.need,
      category: theCase.category,
    };
    const sendAt = smsSendTime(now);
    const deferred = sendAt.getTime() > now.getTime();
    sms = intentItem(owner, {
      ...smsBase,
      recipient: theCase.phone,
      data: smsData as unknown as Record<string, unknown>,
      stepOrder: `${referral.createdAt}#${String(referral.position ?? 0).padStart(3, '0')}`,
      status: deferred ? 'deferred' : 'queued',
      // A deferred SMS is a timer: it sits in the sparse timers index until its morning.
      ...(deferred ? { notBefore: sendAt.toISOString(), dueBucket: dueBucket(sendAt), dueAt: sendAt.toISOString() } : {}),
    });
  }
  return [email, sms];
}
