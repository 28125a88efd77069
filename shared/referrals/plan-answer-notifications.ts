import type { Municipality } from '../directory/schema.js';
import { dueBucket, smsSendTime } from '../domain/calendar.js';
import { mayWaitForDigest } from '../domain/digest.js';
import { isSensitive, type Trilingual } from '../domain/vocabulary.js';
import type { TemplateId } from '../domain/template-ids.js';
import type { CaseItem } from '../store/case.js';
import { intentId, intentItem, queuedEmailTo, type IntentItem } from '../store/intent.js';
import { isBlocking, type ReferralItem } from '../store/referral.js';
import { queuedFamilySender } from '../messages/visits.js';
import { inLanguageOf } from '../messages/index.js';
import type { BlockedReferralData } from '../messages/waiting.js';
import { caseCoordinator } from '../directory/coordinator.js';

/** The fields of an intent about a referral, written now. */
function intentBase(referral: ReferralItem, purpose: string, now: Date) {
  return {
    caseId: referral.caseId,
    // Its outcome goes to the municipality's activity feed; a final failure to its call-or-visit list.
    municipalityId: referral.municipalityId,
    referralId: referral.referralId,
    sourceId: referral.referralId,
    purpose,
    attempts: 0,
    createdAt: now.toISOString(),
    expiresAt: referral.expiresAt,
  };
}

/** What a coordinator's email says of the referral it is about. */
function headerData(referral: ReferralItem, theCase: CaseItem, muni: Municipality, coordinatorName: string, office: Municipality['offices'][number]) {
  return {
    referralId: referral.referralId,
    smrCaseId: theCase.smrCaseId,
    caseId: theCase.caseId,
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    coordinatorName,
    office: { kind: office.kind, name: office.name },
    need: referral.need,
  };
}

/** The coordinator who hears about a case: its own, or the municipality's first when it names none the directory knows. */

/**
 * Who hears about an office's answer. The coordinator, at once, for every answer (unless they
 * recorded it themselves, from the office's phone call, or it is an acceptance or "done" they
 * read in the daily digest, `forDigest`); a decline comes
 * with the other offices and organisations of the municipality that could take the case. The
 * returnee gets an SMS when an office accepts (what happens next, what to bring), with consent,
 * and never for a sensitive referral. Pure; intent ids derive from the referral and its new
 * status, so a redelivered change tells no one twice.
 */
export function planAnswerNotifications(referral: ReferralItem, theCase: CaseItem, muni: Municipality, now: Date, opts: { forDigest?: boolean } = {}): IntentItem[] {
  const office = muni.offices.find((o) => o.id === referral.officeId);
  if (!office) return [];
  const coordinator = caseCoordinator(muni, theCase);
  const sensitive = isSensitive(referral);
  const status = referral.status;
  const purpose = `answer.${status}`;
  const owner = { caseId: referral.caseId };
  const base = intentBase(referral, purpose, now);
  const data = {
    ...headerData(referral, theCase, muni, coordinator.name, office),
    sensitive,
    answeredAt: referral.outcomeAt ?? referral.answeredAt ?? now.toISOString(),
    ...(referral.answerNote ? { note: referral.answerNote } : {}),
    ...(status === 'declined' && referral.declineReason ? { reason: referral.declineReason } : {}),
    ...(status === 'completed' || status === 'not_completed' ? { outcome: status === 'completed' ? 'done' : 'not_done' } : {}),
    ...(status === 'declined'
      ? {
          alternatives: muni.offices
            .filter((o) => o.id !== office.id && (o.kind === office.kind || o.kind === 'cso'))
            .map((o) => ({ name: o.name, email: o.email })),
        }
      : {}),
  };
  const template: TemplateId | undefined =
    status === 'accepted'
      ? 'referral.coordinator.accepted'
      : status === 'declined'
        ? 'referral.coordinator.declined'
        : status === 'completed' || status === 'not_completed'
          ? 'referral.coordinator.outcome'
          : undefined;
  if (!template) return [];
  const toCoordinatorId = intentId(referral.referralId, purpose, coordinator.id);
  // The case's coordinator who took the office's answer on the phone and recorded it has just seen
  // it on the screen: an email saying so would be noise. Another colleague's recording still
  // reaches them, as an office's click does.
  const recordedByThem = referral.answeredVia === 'coordinator' && referral.recordedBy === coordinator.id;
  // An acceptance or "done" the coordinator chose to read in the morning's digest, which lists it from the day's activity.
  const heldForDigest = opts.forDigest === true && mayWaitForDigest(status);
  const intents: IntentItem[] = recordedByThem || heldForDigest
    ? []
    : [
        intentItem(owner, {
          ...base,
          intentId: toCoordinatorId,
          template,
          ...queuedEmailTo(coordinator),
          data,
        }),
      ];
  if (status === 'accepted' && !sensitive && theCase.consent.sms && theCase.phone) {
    const id = intentId(referral.referralId, purpose, 'returnee');
    const only = (t: Trilingual) => inLanguageOf(t, theCase.language);
    const sendAt = smsSendTime(now);
    const deferred = sendAt.getTime() > now.getTime();
    intents.push(
      intentItem(owner, {
        ...base,
        intentId: id,
        channel: 'sms',
        template: 'referral.returnee.accepted',
        languages: [theCase.language],
        recipient: theCase.phone,
        data: {
          coordinatorOffice: queuedFamilySender(theCase, muni),
          coordinatorPhone: coordinator.phone,
          office: { name: only(office.name), address: only(office.address), hours: only(office.hours) },
          need: referral.need,
          category: theCase.category,
          sensitive,
        },
        status: deferred ? 'deferred' : 'queued',
        ...(deferred ? { notBefore: sendAt.toISOString(), dueBucket: dueBucket(sendAt), dueAt: sendAt.toISOString() } : {}),
      }),
    );
  }
  return intents;
}

/**
 * The coordinator's prompt about a waiting referral whose prerequisite will never be completed:
 * decide now (release, cancel, refer elsewhere). Sent whoever stopped the prerequisite, the
 * coordinator included: it asks for a decision about another referral, which cancelling or
 * recording the first did not make. One per waiting referral (its id derives from it).
 */
export function planBlockedNotice(waiting: ReferralItem, prerequisite: ReferralItem, theCase: CaseItem, muni: Municipality, now: Date): IntentItem | undefined {
  const office = muni.offices.find((o) => o.id === waiting.officeId);
  const preOffice = muni.offices.find((o) => o.id === prerequisite.officeId);
  if (!office || !preOffice || !isBlocking(prerequisite.status)) return undefined;
  const coordinator = caseCoordinator(muni, theCase);
  const purpose = 'referral.blocked';
  const data: BlockedReferralData = {
    ...headerData(waiting, theCase, muni, coordinator.name, office),
    prerequisite: { office: { kind: preOffice.kind, name: preOffice.name }, need: prerequisite.need, status: prerequisite.status },
    blockedAt: waiting.blockedAt ?? now.toISOString(),
  };
  return intentItem(
    { caseId: waiting.caseId },
    {
      ...intentBase(waiting, purpose, now),
      intentId: intentId(waiting.referralId, purpose, coordinator.id),
      template: 'referral.coordinator.blocked',
      ...queuedEmailTo(coordinator),
      data: data as unknown as Record<string, unknown>,
    },
  );
}
