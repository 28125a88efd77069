import { useState } from 'preact/hooks';
import { refusalOf, SaidNotice, told, useProblems, type Said } from '../components/said.js';
import { Badge, Check, download, ErrorSummary, Field, LoadError, Loading, PageTitle } from '../components/ui.js';
import { useApp } from '../lib/context.js';
import { formatDateTime, formatTime } from '../lib/format.js';
import { useLoad, useRequestId, useTitle } from '../lib/hooks.js';
import { requestReused } from '../lib/refusals.js';
import { meetingIcs } from '../lib/ics.js';
import { intentTone, label, purposeLabel } from '../lib/labels.js';
import { href } from '../lib/router.js';
import type { IntentStatus, Meeting } from '../lib/types.js';

const CASE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

interface MeetingView extends Meeting {
  invitations: { intentId: string; purpose: string; template: string; status: IntentStatus; sentAt?: string }[];
  timers: { kind: string; dueAt: string; status: string }[];
}

/** One meeting: when and where, its invitations' fate, the calendar file, and the minutes. */
export default function MeetingPage({ params }: { params: Record<string, string> }) {
  const { api, t, can } = useApp();
  const id = params.meetingId!;
  const path = `/meetings/${encodeURIComponent(id)}`;
  const loaded = useLoad(() => api.get<MeetingView>(path), [id]);
  const m = loaded.data;
  const title = m ? m.title || label(t, 'meetingKind', m.kind) : t('meetings.title');
  useTitle(title, t('app.name'));
  const [held, setHeld] = useState(true);
  const [cases, setCases] = useState('');
  const [errors, setProblems, summary] = useProblems();
  const [notice, setNotice] = useState<Said | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [requestId, renewRequestId] = useRequestId();
  if (!m)
    return (
      <>
        <PageTitle>{t('meetings.title')}</PageTitle>
        {loaded.error ? <LoadError error={loaded.error} /> : <Loading />}
      </>
    );
  const started = Date.parse(m.start) <= Date.now();
  const mayRecord = can('POST /meetings/{meetingId}/minutes') && !m.minutesAt && m.status === 'scheduled' && started;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblems({});
    try {
      const list = cases
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      await api.post(`${path}/minutes`, { held, casesDiscussed: list, requestId });
      renewRequestId();
      setNotice(told(({ t }) => t('meeting.minutesSaved')));
      await loaded.reload();
    } catch (err) {
      if (requestReused(err)) renewRequestId();
      setProblems(refusalOf(err, 'body'));
    } finally {
      setBusy(false);
    }
  };
  const fileName = `${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'meeting'}.ics`;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <a href={href('/meetings')}>{t('meeting.back')}</a>
      </p>
      <SaidNotice said={notice} />
      <dl class="facts">
        <dt>{t('meeting.when')}</dt>
        <dd>
          {formatDateTime(m.start)}–{formatTime(m.end)}
        </dd>
        <dt>{t('meeting.where')}</dt>
        <dd>{m.location}</dd>
        <dt>{t('meeting.kind')}</dt>
        <dd>{label(t, 'meetingKind', m.kind)}</dd>
        <dt>{t('meeting.status')}</dt>
        <dd>{label(t, 'meetingStatus', m.status)}</dd>
        {m.minutesAt ? (
          <>
            <dt>{t('meeting.minutes')}</dt>
            <dd>
              {t('meeting.minutesAt', { when: formatDateTime(m.minutesAt) })}
              {m.casesDiscussed ? (
                <>
                  {` · ${t('meeting.casesDiscussed')}: `}
                  {m.casesDiscussed.length === 0 ? '—' : null}
                  {/* Minutes keep case ids (those recorded before kept SMR ids, shown as they are). */}
                  {m.casesDiscussed.map((id, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      {CASE_ID.test(id) ? <a href={href(`/cases/${encodeURIComponent(id)}`)}>{id}</a> : id}
                    </>
                  ))}
                </>
              ) : (
                ` · ${t('meeting.casesDiscussedCount', { n: m.casesDiscussedCount ?? 0 })}`
              )}
            </dd>
          </>
        ) : null}
      </dl>
      <button type="button" class="secondary" onClick={() => download(fileName, 'text/calendar;charset=utf-8', meetingIcs({ ...m, title }))}>
        {t('meeting.ics')}
      </button>

      <section aria-labelledby="invitations-h">
        <h2 id="invitations-h">{t('meeting.invitations')}</h2>
        {m.invitations.length === 0 ? (
          <p>{t('meeting.noInvitations')}</p>
        ) : (
          <ul class="lines">
            {m.invitations.map((i) => (
              <li key={i.intentId}>
                <Badge tone={intentTone(i.status)}>{label(t, 'intent', i.status)}</Badge> {purposeLabel(t, i.purpose)}
                {i.sentAt ? <span class="meta"> · {formatDateTime(i.sentAt)}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {mayRecord ? (
        <section aria-labelledby="minutes-h">
          <h2 id="minutes-h">{t('meeting.recordMinutes')}</h2>
          <ErrorSummary errors={summary} title={t('form.problems')} />
          <form class="form" onSubmit={(e) => void submit(e)} noValidate>
            <Check name="held" label={t('meeting.held')} checked={held} onChange={setHeld} />
            <Field name="casesDiscussed" label={t('meeting.casesDiscussed')} hint={t('meeting.casesHint')} error={errors.casesDiscussed ?? Object.entries(errors).find(([k]) => k.startsWith('casesDiscussed.'))?.[1]}>
              {(a) => <textarea {...a} rows={3} value={cases} onInput={(e) => setCases((e.currentTarget as HTMLTextAreaElement).value)} />}
            </Field>
            <button type="submit" class="primary" disabled={busy}>
              {t('meeting.saveMinutes')}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
