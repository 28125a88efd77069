import { useState } from 'preact/hooks';
import { DateInput, TimeInput } from '../components/date-time.js';
import { AssessmentSummary, BlockedChoices, CloseForm, closureLabel, HomeVisitPlanForm, MonitoringSection, PhoneAnswer, PlanSection } from '../components/case-file.js';
import { RecordVisitForm } from '../components/record-visit.js';
import { FormFailure, required, SaidNotice, smallFormRefusal, told, useProblems, type Problems, type Said, type Words } from '../components/said.js';
import { ActionButton, Badge, Field, LoadError, Loading, PageTitle } from '../components/ui.js';
import { useFileT } from '../i18n/case-file.js';
import { LANGUAGE_NAMES, type T } from '../i18n/index.js';
import type { CaseFileView } from '../lib/case-file.js';
import { useApp } from '../lib/context.js';
import { belgradeIso, formatDate, formatDateTime, todayIso, toInputs } from '../lib/format.js';
import { useLoad, useRequestId, useTitle } from '../lib/hooks.js';
import { requestReused } from '../lib/refusals.js';
import { fate, intentTone, label, purposeLabel, stateTone } from '../lib/labels.js';
import { href } from '../lib/router.js';
import { caseTimeline, type TimelineEntry } from '../lib/timeline.js';
import { appointmentChanges } from '../lib/edits.js';
import { CANCEL_REASONS, LINK_CLOSING_OPT_OUTS, OPT_OUT_REASONS, type Appointment, type AuditEntry, type CaseView, type Notification, type Referral } from '../lib/types.js';

const CANCELLABLE = new Set(['waiting', 'created', 'sent']);
/** Accepted, its outcome not back: the coordinator may withdraw it (the same cancel), after a confirmation. */
const WITHDRAWABLE = 'accepted';

/** Who did it, from an audit entry's `by`: you, a colleague's role, an office, or the platform. */
function who(t: T, e: AuditEntry, myId: string, c: CaseView): string {
  if (e.by === myId) return t('timeline.you');
  if (e.by.startsWith('user:')) return e.byRole ? label(t, 'role', e.byRole) : t('timeline.colleague');
  if (e.by.startsWith('office:')) {
    const officeId = e.by.slice('office:'.length);
    const r = c.referrals.find((x) => x.officeId === officeId);
    return r ? label(t, 'office', r.officeKind) : t('timeline.office');
  }
  if (e.by.startsWith('machine:')) return e.by.slice('machine:'.length);
  if (e.by.startsWith('system:')) return t('timeline.platform');
  return label(t, 'role', e.by);
}

/** What happened, in words: "Referral accepted", "SMS sent", "Home-visit reminder". */
function what(t: T, e: TimelineEntry, c: CaseView): string {
  const [head, ...rest] = e.event.split('.');
  const tail = rest.join('.');
  const referral = c.referrals.find((r) => r.referralId === e.subjectId);
  const about = referral ? ` — ${label(t, 'need', referral.need)}` : '';
  switch (head) {
    case 'referral':
      return `${t('timeline.referral', { state: label(t, 'state', tail) })}${about}`;
    case 'notification': {
      const channel = e.detail?.channel ? label(t, 'channel', e.detail.channel) : t('timeline.message');
      const carried = 'carried' in e && e.carried ? ` (${t('timeline.householdSms', { count: e.carried + 1 })})` : '';
      return `${channel}: ${label(t, 'intent', tail)}${carried}${e.detail?.failure ? ` (${e.detail.failure})` : ''}`;
    }
    case 'timer':
      return label(t, 'timer', tail);
    default:
      return label(t, 'event', e.event);
  }
}

function Notifications({ list }: { list: Notification[] }) {
  const { t } = useApp();
  if (!list.length) return <p class="meta">{t('case.noNotifications')}</p>;
  return (
    <table class="table">
      <caption class="visually-hidden">{t('case.notifications')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('case.channel')}</th>
          <th scope="col">{t('case.fate')}</th>
          <th scope="col">{t('case.smsSize')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((n, i) => (
          <tr key={i}>
            <td>
              {label(t, 'channel', n.channel)} <span class="meta">({purposeLabel(t, n.purpose)}; {n.languages.join(', ')})</span>
            </td>
            <td>
              <Badge tone={intentTone(n.status)}>{label(t, 'intent', n.status)}</Badge> <span class="fate">{fate(t, n)}</span>
              {n.followUp ? <span class="meta"> · {t('case.followedUp', { outcome: label(t, 'outcome', n.followUp.outcome), when: formatDateTime(n.followUp.at) })}</span> : null}
            </td>
            <td>{n.sms ? t('case.smsSegments', { encoding: n.sms.encoding, segments: n.sms.segments, characters: n.sms.characters }) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReferralCard({ r, c, onChanged }: { r: Referral; c: CaseFileView; onChanged: (msg: Words) => void }) {
  const { t, api } = useApp();
  const [reason, setReason] = useState<string>('no_longer_needed');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const names = r.personIds.map((id) => c.household.find((m) => m.id === id)).map((m) => (m ? `${m.givenName} ${m.familyName}` : '?'));
  const prerequisite = r.dependsOn ? c.referrals.find((x) => x.referralId === r.dependsOn) : undefined;
  const cancel = async (done: Words) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/cases/${encodeURIComponent(c.caseId)}/referrals/${encodeURIComponent(r.referralId)}/cancel`, { reason });
      onChanged(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const reasons = (
    <>
      <label for={`cancel-${r.referralId}`}>{t('case.cancelReason')}</label>
      <select id={`cancel-${r.referralId}`} value={reason} onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value)}>
        {CANCEL_REASONS.map((x) => (
          <option key={x} value={x}>
            {label(t, 'cancelReason', x)}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <article class="referral" aria-labelledby={`ref-${r.referralId}`}>
      <h3 id={`ref-${r.referralId}`}>
        {label(t, 'need', r.need)} <span class="meta">→ {label(t, 'office', r.officeKind)}</span>
      </h3>
      <p>
        <Badge tone={stateTone(r.status)}>{label(t, 'state', r.status)}</Badge>
        <span class="meta">
          {' '}
          {names.join(', ')}
          {r.ackDueDate && (r.status === 'created' || r.status === 'sent') ? ` · ${t('case.answerBy', { date: formatDate(r.ackDueDate) })}` : ''}
          {r.answeredAt ? ` · ${t('case.answeredAt', { when: formatDateTime(r.answeredAt) })}` : ''}
          {r.declineReason ? ` · ${label(t, 'decline', r.declineReason)}` : ''}
          {r.cancelReason && (CANCEL_REASONS as readonly string[]).includes(r.cancelReason) ? ` · ${label(t, 'cancelReason', r.cancelReason)}` : ''}
          {r.flaggedAt ? ` · ${t('case.flagged')}` : ''}
          {prerequisite ? ` · ${t('case.waitsFor', { need: label(t, 'need', prerequisite.need) })}` : ''}
          {r.categories?.length ? ` · ${r.categories.map((x) => label(t, 'vulnerable', x)).join(', ')}` : ''}
        </span>
      </p>
      <Notifications list={r.notifications} />
      <BlockedChoices c={c} r={r} onChanged={onChanged} />
      <PhoneAnswer c={c} r={r} onChanged={onChanged} />
      {CANCELLABLE.has(r.status) && c.status === 'open' ? (
        <div class="inline-form">
          {reasons}
          <ActionButton class="secondary" busy={busy} onClick={() => void cancel(({ t }) => t('case.referralCancelled'))}>
            {t('case.cancelReferral')}
          </ActionButton>
          <LoadError error={error} />
        </div>
      ) : null}
      {r.status === WITHDRAWABLE && c.status === 'open' ? (
        confirmWithdraw ? (
          <div class="inline-form confirm" role="group" aria-label={t('case.withdrawReferral')}>
            <p>{t('case.withdrawConfirm')}</p>
            {reasons}
            <ActionButton class="danger-outline" busy={busy} onClick={() => void cancel(({ t }) => t('case.referralWithdrawn'))}>
              {t('case.withdrawYes')}
            </ActionButton>
            <button type="button" class="secondary" onClick={() => setConfirmWithdraw(false)}>
              {t('case.keepReferral')}
            </button>
            <LoadError error={error} />
          </div>
        ) : (
          <button type="button" class="secondary" onClick={() => setConfirmWithdraw(true)}>
            {t('case.withdrawReferral')}
          </button>
        )
      ) : null}
    </article>
  );
}

function AppointmentForm({ c, existing, onDone }: { c: CaseView; existing?: Appointment; onDone: (msg: Words) => void }) {
  const { t, api } = useApp();
  const start = existing ? toInputs(existing.when) : { date: todayIso(), time: '09:00' };
  const [kind, setKind] = useState<'appointment' | 'deadline'>(existing?.kind ?? 'appointment');
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [where, setWhere] = useState(existing?.where ?? '');
  const [bring, setBring] = useState(existing?.bring ?? '');
  const [errors, setProblems] = useProblems();
  const [failure, setFailure] = useState<Said | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [requestId, renewRequestId] = useRequestId();
  const prefix = existing ? `appt-${existing.appointmentId}` : 'appt-new';
  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Problems = {};
    if (!date || !time) found.when = required;
    if (!title.trim()) found.title = required;
    if (!where.trim()) found.where = required;
    setProblems(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const when = belgradeIso(date, time);
      const path = `/cases/${encodeURIComponent(c.caseId)}/appointments`;
      if (existing) {
        const body = appointmentChanges(existing, { when, title, where, bring });
        if (!body) {
          setProblems({ when: ({ t }) => t('case.nothingChanged') });
          return;
        }
        await api.put(`${path}/${encodeURIComponent(existing.appointmentId)}`, body);
        // Only a new time moves the reminders; a new title, place or "bring" is simply saved.
        onDone(({ t }) => t(body.when ? 'case.appointmentMoved' : 'case.appointmentSaved'));
      } else {
        await api.post(path, { kind, when, title: title.trim(), where: where.trim(), ...(bring.trim() ? { bring: bring.trim() } : {}), requestId });
        renewRequestId();
        onDone(({ t }) => t('case.appointmentAdded'));
      }
    } catch (err) {
      if (requestReused(err)) renewRequestId();
      const { fields, failure } = smallFormRefusal(err, 'when');
      setProblems(fields);
      setFailure(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form compact" onSubmit={(e) => void submit(e)} noValidate aria-label={existing ? t('case.moveAppointment') : t('case.addAppointment')}>
      {existing ? null : (
        <Field name={`${prefix}.kind`} label={t('case.appointmentKind')}>
          {(a) => (
            <select {...a} value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as 'appointment' | 'deadline')}>
              <option value="appointment">{t('appointment.appointment')}</option>
              <option value="deadline">{t('appointment.deadline')}</option>
            </select>
          )}
        </Field>
      )}
      <div class="row">
        <Field name={`${prefix}.date`} label={t('case.date')} hint={t('form.dateHint')} error={errors.when} required>
          {(a) => <DateInput {...a} value={date} onChange={setDate} />}
        </Field>
        <Field name={`${prefix}.time`} label={t('case.time')} hint={t('form.timeHint')} required>
          {(a) => <TimeInput {...a} value={time} onChange={setTime} />}
        </Field>
      </div>
      <Field name={`${prefix}.title`} label={t('case.appointmentTitle')} hint={t('case.appointmentTitleHint')} error={errors.title} required>
        {(a) => <input {...a} type="text" maxLength={80} value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Field name={`${prefix}.where`} label={t('case.where')} error={errors.where} required>
        {(a) => <input {...a} type="text" maxLength={120} value={where} onInput={(e) => setWhere((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Field name={`${prefix}.bring`} label={t('case.bring')} error={errors.bring}>
        {(a) => <input {...a} type="text" maxLength={120} value={bring} onInput={(e) => setBring((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <FormFailure said={failure} />
      <button type="submit" class="primary" disabled={busy}>
        {existing ? t('case.moveAppointment') : t('case.addAppointment')}
      </button>
    </form>
  );
}

function Appointments({ c, onChanged }: { c: CaseView; onChanged: (msg: Words) => void }) {
  const { t, api } = useApp();
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const live = c.appointments.filter((a) => a.status !== 'cancelled').sort((a, b) => a.when.localeCompare(b.when));
  const cancel = async (a: Appointment) => {
    setError(undefined);
    try {
      await api.del(`/cases/${encodeURIComponent(c.caseId)}/appointments/${encodeURIComponent(a.appointmentId)}`);
      onChanged(({ t }) => t('case.appointmentCancelled'));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="appointments-h">
      <h2 id="appointments-h">{t('case.appointments')}</h2>
      <LoadError error={error} />
      {live.length === 0 ? <p>{t('case.noAppointments')}</p> : null}
      <ul class="lines">
        {live.map((a) => (
          <li key={a.appointmentId}>
            <strong>{formatDateTime(a.when)}</strong> {label(t, 'appointment', a.kind)}: {a.title} · {a.where}
            {a.bring ? ` · ${t('case.bringShort', { what: a.bring })}` : ''}
            {c.status === 'open' ? (
              <span class="actions">
                <button type="button" class="secondary small" aria-expanded={editing === a.appointmentId} onClick={() => setEditing(editing === a.appointmentId ? undefined : a.appointmentId)}>
                  {t('case.move')}
                </button>
                <button type="button" class="secondary small" onClick={() => void cancel(a)}>
                  {t('case.cancelAppointment')}
                </button>
              </span>
            ) : null}
            {editing === a.appointmentId ? (
              <AppointmentForm
                c={c}
                existing={a}
                onDone={(m) => {
                  setEditing(undefined);
                  onChanged(m);
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {c.status === 'open' ? (
        adding ? (
          <AppointmentForm
            c={c}
            onDone={(m) => {
              setAdding(false);
              onChanged(m);
            }}
          />
        ) : (
          <button type="button" class="secondary" onClick={() => setAdding(true)}>
            {t('case.addAppointment')}
          </button>
        )
      ) : null}
    </section>
  );
}

function CaseActions({ c, onChanged }: { c: CaseFileView; onChanged: (msg: Words) => void }) {
  const { t, api } = useApp();
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [optReason, setOptReason] = useState<string>('returnee_asked');
  const [confirmClose, setConfirmClose] = useState(false);
  const [confirmCallOff, setConfirmCallOff] = useState(false);
  const ft = useFileT();
  const base = `/cases/${encodeURIComponent(c.caseId)}`;
  const run = async (name: string, action: () => Promise<unknown>, done: Words) => {
    setBusy(name);
    setError(undefined);
    try {
      await action();
      onChanged(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  if (c.status !== 'open') return null;
  return (
    <section aria-labelledby="actions-h" class="actions-panel">
      <h2 id="actions-h">{t('case.actions')}</h2>
      <LoadError error={error} />
      <div class="button-row">
        <a class="button primary" href={href(`/cases/${encodeURIComponent(c.caseId)}/assessment`)}>
          {t('case.assessment')}
        </a>
      </div>
      <RecordVisitForm c={c} onDone={onChanged} />
      <HomeVisitPlanForm c={c} onDone={onChanged} />
      {c.homeVisitPlan?.status === 'planned' && !c.homeVisitAt ? (
        confirmCallOff ? (
          <div class="inline-form" role="group" aria-label={ft('visit.callOff')}>
            <span>{ft('visit.callOffConfirm', { when: formatDateTime(c.homeVisitPlan.start) })}</span>
            <ActionButton
              class="danger-outline"
              busy={busy === 'calloff'}
              onClick={() =>
                void run(
                  'calloff',
                  async () => {
                    await api.del(`${base}/home-visit/plan`);
                    setConfirmCallOff(false);
                  },
                  ({ ft }) => ft('visit.calledOff'),
                )
              }
            >
              {ft('visit.callOff')}
            </ActionButton>
            <button type="button" class="secondary" onClick={() => setConfirmCallOff(false)}>
              {ft('visit.keep')}
            </button>
          </div>
        ) : (
          <button type="button" class="secondary" onClick={() => setConfirmCallOff(true)}>
            {ft('visit.callOff')}
          </button>
        )
      ) : null}
      {c.smsOptOut ? (
        <div class="inline-form">
          <span>{t('case.smsOff', { reason: label(t, 'optOut', c.smsOptOut.reason) })}</span>
          <ActionButton class="secondary" busy={busy === 'optin'} onClick={() => void run('optin', () => api.put(`${base}/sms-opt-out`, { optedOut: false }), ({ t }) => t('case.smsOnAgain'))}>
            {t('case.smsOptIn')}
          </ActionButton>
        </div>
      ) : (
        <div class="inline-form">
          <label for="opt-out-reason">{t('case.optOutReason')}</label>
          <select id="opt-out-reason" aria-describedby={LINK_CLOSING_OPT_OUTS.includes(optReason) ? 'opt-out-hint' : undefined} value={optReason} onChange={(e) => setOptReason((e.currentTarget as HTMLSelectElement).value)}>
            {OPT_OUT_REASONS.map((x) => (
              <option key={x} value={x}>
                {label(t, 'optOut', x)}
              </option>
            ))}
          </select>
          <ActionButton class="secondary" busy={busy === 'optout'} onClick={() => void run('optout', () => api.put(`${base}/sms-opt-out`, { optedOut: true, reason: optReason }), ({ t }) => t('case.smsStopped'))}>
            {t('case.smsOptOut')}
          </ActionButton>
          {LINK_CLOSING_OPT_OUTS.includes(optReason) ? (
            <p class="hint" id="opt-out-hint">
              {t('case.optOutClosesLinks')}
            </p>
          ) : null}
        </div>
      )}
      {confirmClose ? (
        <CloseForm c={c} onDone={onChanged} onCancel={() => setConfirmClose(false)} />
      ) : (
        <button type="button" class="danger-outline" onClick={() => setConfirmClose(true)}>
          {t('case.close')}
        </button>
      )}
    </section>
  );
}

/** A case: household, referrals and each notification's fate, appointments, actions, timeline. Polls. */
export default function CasePage({ params }: { params: Record<string, string> }) {
  const { api, t, me, config } = useApp();
  const ft = useFileT();
  const caseId = params.caseId!;
  const [notice, setNotice] = useState<Said | undefined>(location.hash.includes('registered=1') ? told(({ t }) => t('case.registered')) : undefined);
  const loaded = useLoad(() => api.get<CaseFileView>(`/cases/${encodeURIComponent(caseId)}`), [caseId], (config.pollSeconds ?? 4) * 1000);
  const c = loaded.data;
  useTitle(c ? t('case.title', { smr: c.smrCaseId }) : t('case.titlePlain'), t('app.name'));
  const changed = (msg: Words) => {
    setNotice(told(msg));
    void loaded.reload();
  };
  if (!c) {
    return (
      <>
        <PageTitle>{t('case.titlePlain')}</PageTitle>
        {loaded.error ? <LoadError error={loaded.error} /> : <Loading />}
      </>
    );
  }
  const timeline = caseTimeline(c.audit);
  return (
    <>
      <PageTitle>{t('case.title', { smr: c.smrCaseId })}</PageTitle>
      <SaidNotice said={notice} />
      <p class="case-facts">
        <Badge tone={c.status === 'open' ? 'info' : 'off'}>{label(t, 'caseStatus', c.status)}</Badge> {label(t, 'category', c.category)} · {t('case.arrived', { date: formatDate(c.arrivalDate) })} ·{' '}
        {LANGUAGE_NAMES[c.preferredLanguage] ?? c.preferredLanguage} · {c.consent.sms ? t('case.smsConsentYes') : t('case.smsConsentNo')} ·{' '}
        {c.consent.shareWithOffices ? t('case.shareYes') : t('case.shareNo')}
        {c.permitDate || c.permit ? ` · ${[c.permit ? ft(`permit.${c.permit}`) : '', c.permitDate ? ft('case.permitFrom', { date: formatDate(c.permitDate) }) : ''].filter(Boolean).join(', ')}` : ''}
        {c.homeVisitAt ? ` · ${t('case.visited', { when: formatDateTime(c.homeVisitAt) })}` : ''}
        {c.homeVisitPlan?.status === 'planned' && !c.homeVisitAt && c.status === 'open' ? ` · ${ft('case.visitPlanned', { when: formatDateTime(c.homeVisitPlan.start) })}` : ''}
        {c.closedAt ? ` · ${t('case.closedAt', { when: formatDateTime(c.closedAt) })}` : ''}
      </p>
      {c.closure ? (
        <p class="closure">
          <strong>{ft('case.closedWith', { outcome: closureLabel(ft, c.closure.outcome, c.category) })}</strong>
          {c.closure.note ? ` (${c.closure.note})` : ''}. {ft('case.finalAssessmentShown', { text: c.closure.finalAssessment })}
        </p>
      ) : null}

      <CaseActions c={c} onChanged={changed} />

      <section aria-labelledby="household-h">
        <h2 id="household-h">{t('case.household')}</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('register.givenName')}</th>
              <th scope="col">{t('register.familyName')}</th>
              <th scope="col">{t('register.birthYear')}</th>
              <th scope="col">{t('register.role')}</th>
            </tr>
          </thead>
          <tbody>
            {c.household.map((m) => (
              <tr key={m.id}>
                <td>{m.givenName}</td>
                <td>{m.familyName}</td>
                <td>{m.birthYear}</td>
                <td>{label(t, 'memberRole', m.role)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <AssessmentSummary c={c} />
      <PlanSection c={c} onChanged={changed} reload={loaded.reload} />
      <MonitoringSection c={c} onChanged={changed} />

      <section aria-labelledby="referrals-h">
        <h2 id="referrals-h">{t('case.referrals')}</h2>
        {c.referrals.length === 0 ? <p>{t('case.noReferrals')}</p> : c.referrals.map((r) => <ReferralCard key={r.referralId} r={r} c={c} onChanged={changed} />)}
      </section>

      <Appointments c={c} onChanged={changed} />

      {c.notifications.length ? (
        <section aria-labelledby="case-notes-h">
          <h2 id="case-notes-h">{t('case.caseNotifications')}</h2>
          <Notifications list={c.notifications} />
        </section>
      ) : null}

      {c.upcoming.length ? (
        <section aria-labelledby="upcoming-h">
          <h2 id="upcoming-h">{t('case.upcoming')}</h2>
          <ul class="lines">
            {c.upcoming.slice(0, 12).map((u, i) => (
              <li key={i}>
                <strong>{formatDateTime(u.dueAt)}</strong> {label(t, 'timer', u.kind)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('case.timeline')}</h2>
        <ol class="timeline">
          {timeline.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> <span>{what(t, e, c)}</span> <span class="meta">· {who(t, e, me.id, c)}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
