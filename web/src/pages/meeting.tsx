import { useState } from 'preact/hooks';
import { FormFailure, SaidNotice, splitRefusal, told, useProblems, type Problems, type Said, type Words } from '../components/said.js';
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

/**
 * The API names a case of the list by its place (`casesDiscussed.<n>`), where the form has one box
 * for them all: the problem goes on the box (which the summary's link can reach), naming the entry
 * as it was typed.
 */
function onTheBox(problems: Problems, typed: string[]): Problems {
  const kept: Problems = {};
  const box: Words[] = [];
  for (const [field, words] of Object.entries(problems)) {
    const n = /^casesDiscussed\.(\d+)/.exec(field);
    if (field === 'casesDiscussed') box.unshift(words);
    else if (n) box.push((w) => `${typed[Number(n[1])] ?? ''}: ${words(w)}`);
    else kept[field] = words;
  }
  return box.length ? { ...kept, casesDiscussed: (w) => box.map((words) => words(w)).join(' ') } : kept;
}

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
  /** A refusal of the minutes that names no field of the form (out of reach, a server error, changed meanwhile). */
  const [failure, setFailure] = useState<Said | undefined>(undefined);
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
    setFailure(undefined);
    const list = cases
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      await api.post(`${path}/minutes`, { held, casesDiscussed: list, requestId });
      renewRequestId();
      setNotice(told(({ t }) => t('meeting.minutesSaved')));
      await loaded.reload();
      // The form is gone with the button pressed: the focus goes to the page's heading, above the notice.
      document.getElementById('page-title')?.focus();
    } catch (err) {
      if (requestReused(err)) renewRequestId();
      const { fields, failure } = splitRefusal(err);
      setProblems(onTheBox(fields, list));
      setFailure(failure);
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
          <FormFailure said={failure} />
          <ErrorSummary errors={summary} title={t('form.problems')} />
          <form class="form" onSubmit={(e) => void submit(e)} noValidate>
            <Check name="held" label={t('meeting.held')} checked={held} onChange={setHeld} error={errors.held} />
            <Field name="casesDiscussed" label={t('meeting.casesDiscussed')} hint={t('meeting.casesHint')} error={errors.casesDiscussed}>
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
