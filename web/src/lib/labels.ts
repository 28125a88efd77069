import type { MessageKey, T } from '../i18n/index.js';
import type { IntentStatus, Notification, ReferralState } from './types.js';
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

/** One notification's fate in a sentence: "sent 05.12.2026, 14:30", "deferred until …", "failed: …". */
export function fate(t: T, n: Notification): string {
  const status = label(t, 'intent', n.status);
  if (n.status === 'sent' && n.sentAt) return `${status} ${formatDateTime(n.sentAt)}`;
  if (n.status === 'deferred' && n.notBefore) return t('case.deferredUntil', { when: formatDateTime(n.notBefore) });
  if (n.status === 'skipped' && n.skipReason) return `${status}: ${label(t, 'skip', n.skipReason)}`;
  if (n.status === 'failed' || n.status === 'unconfirmed') {
    const why = n.failure ? `${label(t, 'failure', n.failure.kind)} (${n.failure.code})` : n.lastError ?? '';
    return why ? `${status}: ${why}` : status;
  }
  if ((n.status === 'queued' || n.status === 'sending') && n.attempts > 0 && n.lastError) return `${status} · ${t('case.retrying', { attempts: n.attempts, error: n.lastError })}`;
  return status;
}
