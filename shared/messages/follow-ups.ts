import type { Language } from '../domain/vocabulary.js';
import { FOLLOW_UP_REASON_LABELS, FOLLOW_UP_REASONS, type FollowUpReason } from './catalogue-follow-ups.js';
import { composeEmail, type RenderedEmail } from './render.js';

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
