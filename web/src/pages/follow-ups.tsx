import { useState } from 'preact/hooks';
import { ActionButton, LoadError, Loading, Notice, PageTitle, useProblemText } from '../components/ui.js';
import { useApp } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/hooks.js';
import { label, purposeLabel } from '../lib/labels.js';
import { href } from '../lib/router.js';
import { FOLLOW_UP_OUTCOMES, type FollowUp, type FollowUpOutcome } from '../lib/types.js';

/** Messages that could not be delivered: call or visit, then say how it went. */
export default function FollowUps() {
  const { api, t, municipality } = useApp();
  useTitle(t('followUps.title'), t('app.name'));
  const m = encodeURIComponent(municipality);
  const loaded = useLoad(() => api.get<{ followUps: FollowUp[] }>(`/municipalities/${m}/follow-ups`), [municipality], 15_000);
  const problem = useProblemText();
  const [done, setDone] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const close = async (f: FollowUp, outcome: FollowUpOutcome) => {
    setBusy(f.followUpId);
    setNotice(undefined);
    try {
      await api.post(`/municipalities/${m}/follow-ups/${encodeURIComponent(f.followUpId)}`, { outcome });
      setDone(new Set([...done, f.followUpId]));
      setNotice({ kind: 'ok', text: t('followUps.closed', { outcome: label(t, 'outcome', outcome) }) });
      document.getElementById('page-title')?.focus();
    } catch (e) {
      setNotice({ kind: 'error', text: problem(e) });
    } finally {
      setBusy(undefined);
    }
  };
  const open = loaded.data?.followUps.filter((f) => !done.has(f.followUpId));
  return (
    <>
      <PageTitle>{t('followUps.title')}</PageTitle>
      <p class="hint">{t('followUps.intro')}</p>
      <Notice kind={notice?.kind} message={notice?.text} />
      <LoadError error={loaded.error} />
      {!open ? (
        loaded.error ? null : <Loading />
      ) : open.length === 0 ? (
        <p>{t('followUps.none')}</p>
      ) : (
        <ul class="followups">
          {open.map((f) => (
            <li key={f.followUpId} class="followup" aria-labelledby={`fu-${f.followUpId}`}>
              <p id={`fu-${f.followUpId}`}>
                <strong>{t(f.channel === 'sms' ? 'followUps.smsFailed' : 'followUps.emailFailed')}</strong> · {purposeLabel(t, f.purpose)} · {label(t, 'reason', f.reason)}
                <span class="meta"> · {formatDateTime(f.since)}</span>
              </p>
              {f.message ? (
                <>
                  <p class="hint">{t('followUps.readOut')}</p>
                  <blockquote class="read-out" lang={f.language}>
                    {f.message}
                  </blockquote>
                </>
              ) : f.subject ? (
                <p>
                  {t('followUps.aboutEmail')} <q>{f.subject}</q>
                </p>
              ) : null}
              <p>
                <a href={href(`/cases/${encodeURIComponent(f.caseId)}`)}>{f.smrCaseId ? t('case.title', { smr: f.smrCaseId }) : t('today.openCase')}</a>
              </p>
              <div class="button-row" role="group" aria-label={t('followUps.outcomeLabel')}>
                {FOLLOW_UP_OUTCOMES.map((o) => (
                  <ActionButton key={o} class="secondary" busy={busy === f.followUpId} onClick={() => void close(f, o)}>
                    {label(t, 'outcome', o)}
                  </ActionButton>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
