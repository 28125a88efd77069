import type { Language } from '../domain/vocabulary.js';
import { composeEmail, type RenderedEmail } from './render.js';
import { srLatnToCyrl } from './translit.js';

/** Why the SMS did not go out, as a phrase after "was not sent: ". Keyed by the failure code's group. */
export const FOLLOW_UP_REASONS = ['opted_out', 'opted_out_by_coordinator', 'test_mode', 'kept_failing', 'refused', 'too_long', 'not_prepared', 'unconfirmed', 'not_taken_up'] as const;
export type FollowUpReason = (typeof FOLLOW_UP_REASONS)[number];

const REASONS_SR_LATN: Record<FollowUpReason, string> = {
  opted_out: 'broj je odjavljen sa SMS poruka (osoba je odgovorila STOP)',
  opted_out_by_coordinator: 'SMS poruke za ovaj slučaj zaustavljene su na vaš zahtev',
  test_mode: 'platforma radi u test režimu, a ovaj broj nije među simuliranim',
  kept_failing: 'SMS servis nije prihvatio poruku ni posle više pokušaja',
  refused: 'SMS servis je odbio poruku (broj je možda netačan)',
  too_long: 'poruka je duža nego što ograničenje troškova dozvoljava',
  not_prepared: 'poruka nije mogla da se pripremi',
  unconfirmed: 'SMS servis nije potvrdio slanje, pa poruka možda jeste, a možda nije stigla (pitajte osobu pre nego što je ponovite)',
  not_taken_up: 'platforma nije uspela da je pošalje na vreme',
};

export const FOLLOW_UP_REASON_LABELS: Readonly<Record<Language, Readonly<Record<FollowUpReason, string>>>> = {
  sq: {
    opted_out: 'numri është çregjistruar nga SMS-të (personi u përgjigj STOP)',
    opted_out_by_coordinator: 'SMS-të për këtë rast janë ndalur me kërkesën tuaj',
    test_mode: 'platforma punon në modalitet testimi dhe ky numër nuk është ndër numrat e simuluar',
    kept_failing: 'shërbimi i SMS-ve nuk e pranoi mesazhin edhe pas disa përpjekjeve',
    refused: 'shërbimi i SMS-ve e refuzoi mesazhin (numri mund të jetë i pasaktë)',
    too_long: 'mesazhi është më i gjatë se sa e lejon kufiri i kostos',
    not_prepared: 'mesazhi nuk mund të përgatitej',
    unconfirmed: 'shërbimi i SMS-ve nuk e konfirmoi dërgimin, ndaj mesazhi mund të ketë arritur ose jo (pyetni personin para se ta përsërisni)',
    not_taken_up: 'platforma nuk arriti ta dërgonte në kohë',
  },
  'sr-Latn': REASONS_SR_LATN,
  'sr-Cyrl': Object.fromEntries(Object.entries(REASONS_SR_LATN).map(([k, v]) => [k, srLatnToCyrl(v)])) as Record<FollowUpReason, string>,
  en: {
    opted_out: 'the number has opted out of SMS (the person replied STOP)',
    opted_out_by_coordinator: 'SMS for this case were stopped at your request',
    test_mode: 'the platform runs in test mode and this number is not one of the simulated ones',
    kept_failing: 'the SMS service did not accept the message after several attempts',
    refused: 'the SMS service refused the message (the number may be wrong)',
    too_long: 'the message is longer than the cost limit allows',
    not_prepared: 'the message could not be prepared',
    unconfirmed: 'the SMS service did not confirm the sending, so it may or may not have arrived (ask the person before repeating it)',
    not_taken_up: 'the platform could not send it in time',
  },
};

/** The reason group of a final failure: its kind and provider or check code. */
export function followUpReasonOf(failure: { kind: string; code: string }): FollowUpReason {
  switch (failure.code) {
    case 'OptedOut':
      return 'opted_out';
    case 'OptedOutByCoordinator':
      return 'opted_out_by_coordinator';
    case 'TestModeRecipientRefused':
      return 'test_mode';
    case 'SegmentCapExceeded':
      return 'too_long';
    case 'RenderError':
      return 'not_prepared';
    case 'NotTakenUp':
    case 'Stale':
      return 'not_taken_up';
  }
  return failure.kind === 'non-retryable' ? 'refused' : 'kept_failing';
}

export interface FollowUpData {
  smrCaseId: string;
  coordinatorName: string;
  reason: FollowUpReason;
  /** The SMS as it would have gone out; absent when it could not even be prepared. */
  message?: string;
}

/** To the coordinator: an SMS did not go out for good; phone or visit instead, and say this. */
export function renderFollowUpEmail(data: FollowUpData, languages: readonly Language[]): RenderedEmail {
  const templateId = 'followup.coordinator';
  if (data === null || typeof data !== 'object' || typeof data.smrCaseId !== 'string' || !FOLLOW_UP_REASONS.includes(data.reason)) {
    throw new Error(`${templateId}: needs FollowUpData (smrCaseId, coordinatorName, reason one of ${FOLLOW_UP_REASONS.join(', ')})`);
  }
  return composeEmail(templateId, languages, (lang) => ({
    smrCaseId: data.smrCaseId,
    coordinatorName: data.coordinatorName,
    reason: FOLLOW_UP_REASON_LABELS[lang][data.reason],
    message: data.message?.trim() || undefined,
  }));
}
