import type { MessageKey, T } from '../i18n/index.js';
import type { CannotCome, IntentStatus, Notification, ReferralState } from './types.js';
import { formatDateTime } from './format.js';

/** Labels for the API's codes; an unknown code (a newer API) is shown as it is. */
export function label(t: T, prefix: string, code: string | undefined): string {
  if (!code) return '';
  const key = `${prefix}.${code}` as MessageKey;
  const text = t(key);
  return text === key ? code.replace(/_/g, ' ') : text;
}

export function stateTone(s: ReferralState): 'ok' | 'wait' | 'bad' | 'off' | 'info' {
  if (s === 'accepted' || s === 'completed') return 'ok';
  if (s === 'declined' || s === 'not_completed') return 'bad';
  if (s === 'cancelled') return 'off';
  if (s === 'sent') return 'info';
  return 'wait';
}

export function intentTone(s: IntentStatus): 'ok' | 'wait' | 'bad' | 'off' | 'info' {
  if (s === 'sent') return 'ok';
  if (s === 'failed' || s === 'unconfirmed') return 'bad';
  if (s === 'skipped' || s === 'cancelled') return 'off';
  return 'wait';
}

/** What a message was for: "referral to the office", "the office's answer (accepted)". */
export function purposeLabel(t: T, purpose: string): string {
  if (purpose.startsWith('answer.')) return t('purpose.answer', { state: label(t, 'state', purpose.slice('answer.'.length)).toLowerCase() });
  return label(t, 'purpose', purpose);
}

/**
 * What happened to a message beyond its status (the badge says that): when it was sent, until
 * when it waits, why it was not sent or failed, that it is being retried. Empty when the status says all.
 */
export function fate(t: T, n: Notification): string {
  if (n.status === 'sent' && n.sentAt) return formatDateTime(n.sentAt);
  if (n.status === 'deferred' && n.notBefore) return t('case.deferredUntil', { when: formatDateTime(n.notBefore) });
  if (n.status === 'skipped' && n.skipReason) return label(t, 'skip', n.skipReason);
  if (n.status === 'failed' || n.status === 'unconfirmed') return n.failure ? `${label(t, 'failure', n.failure.kind)}: ${label(t, 'reason', n.failure.code)}` : n.lastError ?? '';
  if ((n.status === 'queued' || n.status === 'sending') && n.attempts > 0 && n.lastError) return t('case.retrying', { attempts: n.attempts, error: n.lastError });
  return '';
}

/** The step a household cannot come to: the office and the need, or the appointment and its time. */
export function cannotComeStep(t: T, c: Pick<CannotCome, 'about'>): string {
  if (!c.about) return t('followUps.stepUnknown');
  if (c.about.kind === 'referral') return `${label(t, 'office', c.about.officeKind)} · ${label(t, 'need', c.about.need)}`;
  return `${label(t, 'appointment', c.about.kind)}, ${formatDateTime(c.about.when)}`;
}
