import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { failed, SaidNotice, told, type Said } from '../components/said.js';
import { ActionButton, LoadError, Loading, PageTitle } from '../components/ui.js';
import { useApp } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/hooks.js';
import { cannotComeStep, label, purposeLabel } from '../lib/labels.js';
import { requestReused } from '../lib/refusals.js';
import { href } from '../lib/router.js';
import { FOLLOW_UP_OUTCOMES, type CannotCome, type FollowUp, type FollowUpOutcome } from '../lib/types.js';

/** One list of the page: its heading and what it is for, then its items, or a line saying there are none. */
function Listed<I>(props: { id: string; title: string; intro: string; none: string; items: I[]; children: (item: I) => ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <p class="hint">{props.intro}</p>
      {props.items.length === 0 ? <p>{props.none}</p> : <ul class="followups">{props.items.map(props.children)}</ul>}
    </section>
  );
}

/** Messages that could not be delivered, and households that said they cannot come: call or visit, then say how it went. */
export default function FollowUps() {
  const { api, t, municipality } = useApp();
  useTitle(t('followUps.title'), t('app.name'));
  const m = encodeURIComponent(municipality);
  const loaded = useLoad(() => api.get<{ followUps: FollowUp[]; cannotCome?: CannotCome[] }>(`/municipalities/${m}/follow-ups`), [municipality], 15_000);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<Said | undefined>(undefined);
  // Each item's requestId (the API's), made at its first press and sent again until an answer
  // comes: a press after a lost answer is a retry, answered as the first was.
  const requests = useRef(new Map<string, string>());
  const close = async (followUpId: string, outcome: FollowUpOutcome) => {
    setBusy(followUpId);
    setNotice(undefined);
    const requestId = requests.current.get(followUpId) ?? crypto.randomUUID();
    requests.current.set(followUpId, requestId);
    try {
      await api.post(`/municipalities/${m}/follow-ups/${encodeURIComponent(followUpId)}`, { outcome, requestId });
      requests.current.delete(followUpId);
      // From the set as it is when this answer comes: another item may have been handled meanwhile.
      setDone((d) => new Set(d).add(followUpId));
      setNotice(told(({ t }) => t('followUps.closed', { outcome: label(t, 'outcome', outcome) })));
      document.getElementById('page-title')?.focus();
    } catch (e) {
      if (requestReused(e)) requests.current.delete(followUpId);
      setNotice(failed(e));
    } finally {
      setBusy((b) => (b === followUpId ? undefined : b));
    }
  };
  const outcomes = (followUpId: string) => (
    <div class="button-row" role="group" aria-label={t('followUps.outcomeLabel')}>
      {FOLLOW_UP_OUTCOMES.map((o) => (
        <ActionButton key={o} class="secondary" busy={busy === followUpId} onClick={() => void close(followUpId, o)}>
          {label(t, 'outcome', o)}
        </ActionButton>
      ))}
    </div>
  );
  const caseLink = (f: { caseId: string; smrCaseId?: string }) => (
    <p>
      <a href={href(`/cases/${encodeURIComponent(f.caseId)}`)}>{f.smrCaseId ? t('case.title', { smr: f.smrCaseId }) : t('today.openCase')}</a>
    </p>
  );
  const open = loaded.data?.followUps.filter((f) => !done.has(f.followUpId));
  const cannot = loaded.data ? (loaded.data.cannotCome ?? []).filter((c) => !done.has(c.followUpId)) : undefined;
  return (
    <>
      <PageTitle>{t('followUps.title')}</PageTitle>
      <SaidNotice said={notice} />
      <LoadError error={loaded.error} />
      {!open || !cannot ? (
        loaded.error ? null : <Loading />
      ) : (
        <>
          <Listed id="undelivered-h" title={t('followUps.undeliveredTitle')} intro={t('followUps.intro')} none={t('followUps.none')} items={open}>
            {(f) => (
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
                {caseLink(f)}
                {outcomes(f.followUpId)}
              </li>
            )}
          </Listed>
          <Listed id="cannot-come-h" title={t('followUps.cannotComeTitle')} intro={t('followUps.cannotComeIntro')} none={t('followUps.cannotComeNone')} items={cannot}>
            {(c) => (
              <li key={c.followUpId} class="followup cannot-come" aria-labelledby={`cc-${c.followUpId}`}>
                <p id={`cc-${c.followUpId}`}>
                  <strong>{cannotComeStep(t, c)}</strong>
                  <span class="meta"> · {t('followUps.answeredAt', { at: formatDateTime(c.since) })}</span>
                </p>
                {caseLink(c)}
                {outcomes(c.followUpId)}
              </li>
            )}
          </Listed>
        </>
      )}
    </>
  );
}
