import { useState } from 'preact/hooks';
import { DateInput, TimeInput } from './date-time.js';
import { ActionButton, Badge, Field, Notice, useProblemText } from './ui.js';
import type { T } from '../i18n/index.js';
import { ApiError } from '../lib/api.js';
import {
  CLOSURE_OUTCOMES,
  FAILED_STATES,
  isOverdue,
  MEASURE_STATUSES,
  MONITORING_KINDS,
  REFERRAL_OUTCOMES,
  type CaseFileView,
  type ClosureOutcome,
  type Measure,
  type MeasureStatus,
  type MonitoringKind,
  type Responsible,
} from '../lib/case-file.js';
import { useApp } from '../lib/context.js';
import { belgradeIso, formatDate, formatDateTime, todayIso, toInputs } from '../lib/format.js';
import { label } from '../lib/labels.js';
import { DECLINE_REASONS, OFFICE_KINDS, type OfficeKind, type Referral } from '../lib/types.js';

/**
 * The case file on a case page (issue 17): the FVN, the individual plan and its editor, the
 * monitoring record, the closure with its outcome, an office's answer taken by phone, the choices
 * for a referral whose prerequisite failed, and the joint home visit. Every write is the API's;
 * its refusals are shown next to the field they name.
 */

type Changed = (msg: string) => void;
const casePath = (c: CaseFileView) => `/cases/${encodeURIComponent(c.caseId)}`;

/** The API's field problems, or the whole message on `fallback` when it named none. */
function fieldsOf(err: unknown, t: T, fallback: string): Record<string, string> {
  if (err instanceof ApiError && Object.keys(err.fields).length) return err.fields;
  if (err instanceof ApiError && err.status > 0 && err.status < 500) return { [fallback]: err.message };
  return { [fallback]: err instanceof ApiError && err.status === 0 ? t('error.network') : t('error.server') };
}

/** The words a foreigner's case uses instead of the returnee's (never "return"). */
export function closureLabel(t: T, outcome: string, category: string): string {
  if (category === 'foreigner' && outcome === 'sustainably_reintegrated') return t('closure.sustainably_integrated');
  if (category === 'foreigner' && outcome === 're_emigrated') return t('closure.left_kosovo');
  return label(t, 'closure', outcome);
}

function useWho(): (by: string) => string {
  const { t, me } = useApp();
  return (by) => (by === me.id ? t('timeline.you') : by.startsWith('user:') ? t('timeline.colleague') : t('timeline.platform'));
}

function responsibleText(t: T, r: Responsible, c: CaseFileView): string {
  if ('officeKind' in r) return label(t, 'office', r.officeKind);
  if ('organisation' in r) return r.organisation;
  const referral = c.referrals.find((x) => x.officeId === r.officeId);
  return referral ? label(t, 'office', referral.officeKind) : r.officeId;
}

const referralText = (t: T, r: Referral) => `${label(t, 'need', r.need)} → ${label(t, 'office', r.officeKind)}`;

export function AssessmentSummary({ c }: { c: CaseFileView }) {
  const { t } = useApp();
  const who = useWho();
  const a = c.assessment;
  return (
    <section aria-labelledby="fvn-h">
      <h2 id="fvn-h">{t('file.assessment')}</h2>
      <p>{a ? t('file.assessmentCurrent', { version: a.version, count: c.assessmentVersions, when: formatDateTime(a.at), who: who(a.by), referrals: a.referralIds.length }) : t('file.assessmentNone')}</p>
    </section>
  );
}

/** The plan as a table (overdue measures marked in words), and its editor. */
export function PlanSection({ c, onChanged, reload }: { c: CaseFileView; onChanged: Changed; reload: () => Promise<void> }) {
  const { t } = useApp();
  const who = useWho();
  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const plan = c.plan;
  const kind = plan?.kind ?? (c.category === 'foreigner' ? 'PII' : 'PIR');
  const today = todayIso();
  return (
    <section aria-labelledby="plan-h">
      <h2 id="plan-h">{t(kind === 'PII' ? 'file.plan.PII' : 'file.plan.PIR')}</h2>
      {stale ? <Notice kind="error" message={t('file.planStale')} /> : null}
      {plan ? (
        <>
          <p class="meta">{t('file.planVersion', { version: plan.version, when: formatDateTime(plan.updatedAt), who: who(plan.updatedBy) })}</p>
          <p>
            <strong>{t('file.caseManager')}:</strong> {plan.caseManager ? `${plan.caseManager.name}${plan.caseManager.contact ? ` (${plan.caseManager.contact})` : ''}` : t('file.caseManagerNone')}
          </p>
          {plan.measures.length ? (
            <table class="table measures">
              <caption class="visually-hidden">{t('file.measures')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('file.goal')}</th>
                  <th scope="col">{t('file.responsible')}</th>
                  <th scope="col">{t('file.due')}</th>
                  <th scope="col">{t('file.status')}</th>
                  <th scope="col">{t('file.linked')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.measures.map((m) => (
                  <tr key={m.measureId} class={isOverdue(m, today) ? 'overdue' : undefined}>
                    <td>
                      {m.goal}
                      {m.note ? <span class="meta"> · {m.note}</span> : null}
                    </td>
                    <td>{responsibleText(t, m.responsible, c)}</td>
                    <td>
                      {formatDate(m.dueDate)} {isOverdue(m, today) ? <Badge tone="bad">{t('file.overdue')}</Badge> : null}
                    </td>
                    <td>{label(t, 'measureStatus', m.status)}</td>
                    <td>
                      {m.referralIds
                        .map((id) => c.referrals.find((r) => r.referralId === id))
                        .map((r) => (r ? `${label(t, 'need', r.need)} (${label(t, 'state', r.status)})` : ''))
                        .filter(Boolean)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('file.noMeasures')}</p>
          )}
        </>
      ) : (
        <p>{t('file.planNone')}</p>
      )}
      {c.status !== 'open' ? null : editing ? (
        <PlanEditor
          c={c}
          onSaved={(msg) => {
            setEditing(false);
            setStale(false);
            onChanged(msg);
          }}
          onStale={() => {
            // Someone else's save came first: show theirs; the coordinator edits again from it.
            setEditing(false);
            setStale(true);
            void reload();
          }}
        />
      ) : (
        <button type="button" class="secondary" onClick={() => (setStale(false), setEditing(true))}>
          {plan ? t('file.editPlan') : t('file.makePlan')}
        </button>
      )}
    </section>
  );
}

interface Row {
  measureId: string;
  goal: string;
  /** An office kind, 'organisation', or 'office-id' (kept as the plan had it). */
  who: string;
  organisation: string;
  officeId: string;
  dueDate: string;
  status: MeasureStatus;
  referralIds: string[];
  note: string;
}

const rowOf = (m: Measure): Row => ({
  measureId: m.measureId,
  goal: m.goal,
  who: 'officeKind' in m.responsible ? m.responsible.officeKind : 'organisation' in m.responsible ? 'organisation' : 'office-id',
  organisation: 'organisation' in m.responsible ? m.responsible.organisation : '',
  officeId: 'officeId' in m.responsible ? m.responsible.officeId : '',
  dueDate: m.dueDate,
  status: m.status,
  referralIds: m.referralIds,
  note: m.note ?? '',
});

function responsibleOf(r: Row): Responsible {
  if (r.who === 'organisation') return { organisation: r.organisation.trim() };
  if (r.who === 'office-id') return { officeId: r.officeId };
  return { officeKind: r.who as OfficeKind };
}

/** The next short id the plan has not used ("m3"): a measure keeps its id across versions. */
function nextId(rows: Row[]): string {
  let n = rows.length + 1;
  while (rows.some((r) => r.measureId === `m${n}`)) n++;
  return `m${n}`;
}

function PlanEditor({ c, onSaved, onStale }: { c: CaseFileView; onSaved: Changed; onStale: () => void }) {
  const { t, api } = useApp();
  // The version this edit started from: a poll in between must not move it (the API's 409 is the point).
  const [version] = useState(c.plan?.version ?? 0);
  const [rows, setRows] = useState<Row[]>(() => c.plan?.measures.map(rowOf) ?? []);
  const [manager, setManager] = useState(c.plan?.caseManager?.name ?? '');
  const [contact, setContact] = useState(c.plan?.caseManager?.contact ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => setRows([...rows, { measureId: nextId(rows), goal: '', who: 'social_work_centre', organisation: '', officeId: '', dueDate: '', status: 'planned', referralIds: [], note: '' }]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (r.goal.trim().length < 3) found[`measures.${i}.goal`] = t('common.required');
      if (!r.dueDate) found[`measures.${i}.dueDate`] = t('register.dateInvalid');
      if (r.who === 'organisation' && r.organisation.trim().length < 2) found[`measures.${i}.responsible`] = t('common.required');
    });
    if (contact.trim() && !manager.trim()) found['caseManager.name'] = t('common.required');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await api.put(`${casePath(c)}/plan`, {
        version,
        measures: rows.map((r) => ({
          measureId: r.measureId,
          goal: r.goal.trim(),
          responsible: responsibleOf(r),
          dueDate: r.dueDate,
          status: r.status,
          referralIds: r.referralIds,
          ...(r.note.trim() ? { note: r.note.trim() } : {}),
        })),
        ...(manager.trim() ? { caseManager: { name: manager.trim(), ...(contact.trim() ? { contact: contact.trim() } : {}) } } : {}),
      });
      onSaved(t('file.planSaved'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) return onStale();
      setErrors(fieldsOf(err, t, 'plan'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form compact" onSubmit={(e) => void submit(e)} noValidate aria-label={t('file.editPlan')}>
      {errors.plan ? <Notice kind="error" message={errors.plan} /> : null}
      <div class="row">
        <Field name="caseManager.name" label={t('file.caseManager')} hint={t('file.caseManagerHint')} error={errors['caseManager.name']}>
          {(a) => <input {...a} type="text" autoComplete="off" maxLength={120} value={manager} onInput={(e) => setManager((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
        <Field name="caseManager.contact" label={t('file.caseManagerContact')} error={errors['caseManager.contact']}>
          {(a) => <input {...a} type="text" autoComplete="off" maxLength={120} value={contact} onInput={(e) => setContact((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
      </div>
      {rows.map((r, i) => (
        <fieldset class="member" key={r.measureId}>
          <legend>{t('file.measureN', { n: i + 1 })}</legend>
          <Field name={`measures.${i}.goal`} label={t('file.goal')} error={errors[`measures.${i}.goal`]} required>
            {(a) => <input {...a} type="text" maxLength={200} value={r.goal} onInput={(e) => set(i, { goal: (e.currentTarget as HTMLInputElement).value })} />}
          </Field>
          <div class="row">
            <Field name={`measures.${i}.responsible`} label={t('file.responsible')} error={errors[`measures.${i}.responsible`] ?? errors[`measures.${i}.responsible.officeKind`]}>
              {(a) => (
                <select {...a} value={r.who} onChange={(e) => set(i, { who: (e.currentTarget as HTMLSelectElement).value })}>
                  {OFFICE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {label(t, 'office', k)}
                    </option>
                  ))}
                  {r.officeId ? <option value="office-id">{responsibleText(t, { officeId: r.officeId }, c)}</option> : null}
                  <option value="organisation">{t('file.organisation')}</option>
                </select>
              )}
            </Field>
            {r.who === 'organisation' ? (
              <Field name={`measures.${i}.responsible.organisation`} label={t('file.organisationName')} error={errors[`measures.${i}.responsible.organisation`]} required>
                {(a) => <input {...a} type="text" maxLength={120} value={r.organisation} onInput={(e) => set(i, { organisation: (e.currentTarget as HTMLInputElement).value })} />}
              </Field>
            ) : null}
            <Field name={`measures.${i}.dueDate`} label={t('file.due')} hint={t('form.dateHint')} error={errors[`measures.${i}.dueDate`]} required>
              {(a) => <DateInput {...a} value={r.dueDate} onChange={(v) => set(i, { dueDate: v })} />}
            </Field>
            <Field name={`measures.${i}.status`} label={t('file.status')} error={errors[`measures.${i}.status`]}>
              {(a) => (
                <select {...a} value={r.status} onChange={(e) => set(i, { status: (e.currentTarget as HTMLSelectElement).value as MeasureStatus })}>
                  {MEASURE_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {label(t, 'measureStatus', s)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {c.referrals.length ? (
            <fieldset class="group">
              <legend>{t('file.linkReferrals')}</legend>
              {c.referrals.map((ref) => (
                <div class="check" key={ref.referralId}>
                  <input
                    type="checkbox"
                    id={`f-measures-${i}-ref-${ref.referralId}`}
                    checked={r.referralIds.includes(ref.referralId)}
                    onChange={(e) => {
                      const on = (e.currentTarget as HTMLInputElement).checked;
                      set(i, { referralIds: on ? [...r.referralIds, ref.referralId] : r.referralIds.filter((x) => x !== ref.referralId) });
                    }}
                  />
                  <label for={`f-measures-${i}-ref-${ref.referralId}`}>{referralText(t, ref)}</label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <Field name={`measures.${i}.note`} label={t('file.measureNote')} error={errors[`measures.${i}.note`]}>
            {(a) => <input {...a} type="text" maxLength={300} value={r.note} onInput={(e) => set(i, { note: (e.currentTarget as HTMLInputElement).value })} />}
          </Field>
          <button type="button" class="secondary small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            {t('file.removeMeasure', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <div class="button-row">
        <button type="button" class="secondary" onClick={add}>
          {t('file.addMeasure')}
        </button>
        <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {t('file.savePlan')}
        </button>
      </div>
    </form>
  );
}

/** The monitoring record, newest first, and the form for a visit, a call or the quarterly evaluation. */
export function MonitoringSection({ c, onChanged }: { c: CaseFileView; onChanged: Changed }) {
  const { t } = useApp();
  const [adding, setAdding] = useState(false);
  const goal = (id: string) => c.plan?.measures.find((m) => m.measureId === id)?.goal ?? id;
  const records = [...c.monitoring].sort((a, b) => b.date.localeCompare(a.date) || b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="monitoring-h">
      <h2 id="monitoring-h">{t('file.monitoring')}</h2>
      {records.length ? (
        <ul class="lines monitoring">
          {records.map((m) => (
            <li key={m.monitoringId}>
              <strong>{formatDate(m.date)}</strong> {label(t, 'monitoringKind', m.kind)}
              {m.note ? `: ${m.note}` : ''}
              {m.schemesAssessment ? <span class="meta"> · {m.schemesAssessment}</span> : null}
              {m.progress.length ? <span class="meta"> · {m.progress.map((p) => `${goal(p.measureId)}: ${label(t, 'measureStatus', p.status)}`).join('; ')}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('file.monitoringNone')}</p>
      )}
      {c.status !== 'open' ? null : adding ? (
        <MonitoringForm
          c={c}
          onDone={(msg) => {
            setAdding(false);
            onChanged(msg);
          }}
        />
      ) : (
        <button type="button" class="secondary" onClick={() => setAdding(true)}>
          {t('file.recordMonitoring')}
        </button>
      )}
    </section>
  );
}

function MonitoringForm({ c, onDone }: { c: CaseFileView; onDone: Changed }) {
  const { t, api } = useApp();
  const measures = c.plan?.measures ?? [];
  const [date, setDate] = useState(todayIso());
  const [kind, setKind] = useState<MonitoringKind>('visit');
  const [note, setNote] = useState('');
  const [schemes, setSchemes] = useState('');
  const [progress, setProgress] = useState<Record<string, MeasureStatus | ''>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!date) found.date = t('register.dateInvalid');
    if (kind === 'evaluation' && schemes.trim().length < 3) found.schemesAssessment = t('common.required');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await api.post(`${casePath(c)}/monitoring`, {
        date,
        kind,
        ...(note.trim() ? { note: note.trim() } : {}),
        progress: measures.flatMap((m) => (progress[m.measureId] ? [{ measureId: m.measureId, status: progress[m.measureId] }] : [])),
        ...(kind === 'evaluation' ? { schemesAssessment: schemes.trim() } : {}),
      });
      onDone(t('file.monitoringSaved'));
    } catch (err) {
      setErrors(fieldsOf(err, t, 'date'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form compact" onSubmit={(e) => void submit(e)} noValidate aria-label={t('file.recordMonitoring')}>
      <div class="row">
        <Field name="monitoring.kind" label={t('file.monitoringKind')}>
          {(a) => (
            <select {...a} value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as MonitoringKind)}>
              {MONITORING_KINDS.map((k) => (
                <option key={k} value={k}>
                  {label(t, 'monitoringKind', k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="monitoring.date" label={t('case.date')} hint={t('form.dateHint')} error={errors.date} required>
          {(a) => <DateInput {...a} value={date} onChange={setDate} />}
        </Field>
      </div>
      <Field name="monitoring.note" label={t('file.monitoringNote')} error={errors.note}>
        {(a) => <textarea {...a} rows={2} maxLength={1000} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />}
      </Field>
      {kind === 'evaluation' ? (
        <Field name="monitoring.schemesAssessment" label={t('file.schemes')} error={errors.schemesAssessment} required>
          {(a) => <textarea {...a} rows={3} maxLength={1000} value={schemes} onInput={(e) => setSchemes((e.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>
      ) : null}
      {measures.length ? (
        <fieldset class="group">
          <legend>{t('file.progress')}</legend>
          {measures.map((m, i) => (
            <Field key={m.measureId} name={`monitoring.progress.${i}`} label={m.goal} error={errors[`progress.${i}.status`] ?? errors[`progress.${i}.measureId`]}>
              {(a) => (
                <select {...a} value={progress[m.measureId] ?? ''} onChange={(e) => setProgress({ ...progress, [m.measureId]: (e.currentTarget as HTMLSelectElement).value as MeasureStatus | '' })}>
                  <option value="">{t('file.unchanged')}</option>
                  {MEASURE_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {label(t, 'measureStatus', s)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </fieldset>
      ) : null}
      <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
        {t('file.saveMonitoring')}
      </button>
    </form>
  );
}

/** Closing: why the case ends and the final assessment, the outcome worded for the family's category. */
export function CloseForm({ c, onDone, onCancel }: { c: CaseFileView; onDone: Changed; onCancel: () => void }) {
  const { t, api } = useApp();
  const [outcome, setOutcome] = useState<ClosureOutcome>('sustainably_reintegrated');
  const [note, setNote] = useState('');
  const [assessment, setAssessment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (outcome === 'other' && !note.trim()) found.note = t('common.required');
    if (assessment.trim().length < 3) found.finalAssessment = t('common.required');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await api.post(`${casePath(c)}/close`, { outcome, ...(note.trim() ? { note: note.trim() } : {}), finalAssessment: assessment.trim() });
      onDone(t('case.closed'));
    } catch (err) {
      setErrors(fieldsOf(err, t, 'outcome'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form compact confirm" onSubmit={(e) => void submit(e)} noValidate aria-label={t('case.close')}>
      <p>{t('case.closeConfirm')}</p>
      <Field name="close.outcome" label={t('case.closeOutcome')} error={errors.outcome} required>
        {(a) => (
          <select {...a} value={outcome} onChange={(e) => setOutcome((e.currentTarget as HTMLSelectElement).value as ClosureOutcome)}>
            {CLOSURE_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {closureLabel(t, o, c.category)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="close.note" label={t('case.closeNote')} hint={t('case.closeNoteHint')} error={errors.note} required={outcome === 'other'}>
        {(a) => <input {...a} type="text" maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Field
        name="close.finalAssessment"
        label={t('case.finalAssessment')}
        hint={t(c.category === 'foreigner' ? 'case.finalAssessmentHintForeigner' : 'case.finalAssessmentHintReturnee')}
        error={errors.finalAssessment}
        required
      >
        {(a) => <textarea {...a} rows={3} maxLength={1000} value={assessment} onInput={(e) => setAssessment((e.currentTarget as HTMLTextAreaElement).value)} />}
      </Field>
      <div class="button-row">
        <button type="submit" class="danger" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {t('case.closeYes')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

type AnswerKind = 'accept' | 'decline' | 'outcome';

/** What an office said by phone, recorded on its behalf: the answers its state still allows. */
export function PhoneAnswer({ c, r, onChanged }: { c: CaseFileView; r: Referral; onChanged: Changed }) {
  const { t, api } = useApp();
  const kinds: AnswerKind[] = r.status === 'accepted' ? ['outcome'] : r.status === 'created' || r.status === 'sent' ? ['accept', 'decline'] : [];
  const [open, setOpen] = useState(false);
  const [answer, setAnswer] = useState<AnswerKind>(kinds[0] ?? 'accept');
  const [reason, setReason] = useState<string>(DECLINE_REASONS[0]);
  const [outcome, setOutcome] = useState<string>(REFERRAL_OUTCOMES[0]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!kinds.length || c.status !== 'open') return null;
  const id = (f: string) => `answer-${r.referralId}.${f}`;
  if (!open)
    return (
      <button type="button" class="secondary small" onClick={() => (setAnswer(kinds[0]!), setOpen(true))}>
        {t('answer.record')}
      </button>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = answer === 'accept' ? { answer } : answer === 'decline' ? { answer, reason, note } : { answer, outcome, note };
      await api.post(`${casePath(c)}/referrals/${encodeURIComponent(r.referralId)}/answer`, body);
      setOpen(false);
      onChanged(t('answer.saved'));
    } catch (err) {
      setErrors(fieldsOf(err, t, 'answer'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form compact" onSubmit={(e) => void submit(e)} noValidate aria-label={t('answer.record')}>
      <Field name={id('answer')} label={t('answer.kind')} error={errors.answer}>
        {(a) => (
          <select {...a} value={answer} onChange={(e) => setAnswer((e.currentTarget as HTMLSelectElement).value as AnswerKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`answer.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {answer === 'decline' ? (
        <Field name={id('reason')} label={t('answer.reason')} error={errors.reason}>
          {(a) => (
            <select {...a} value={reason} onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value)}>
              {DECLINE_REASONS.map((x) => (
                <option key={x} value={x}>
                  {label(t, 'decline', x)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {answer === 'outcome' ? (
        <Field name={id('outcome')} label={t('answer.result')} error={errors.outcome}>
          {(a) => (
            <select {...a} value={outcome} onChange={(e) => setOutcome((e.currentTarget as HTMLSelectElement).value)}>
              {REFERRAL_OUTCOMES.map((x) => (
                <option key={x} value={x}>
                  {label(t, 'referralOutcome', x)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {answer !== 'accept' ? (
        <Field name={id('note')} label={t('answer.note')} error={errors.note}>
          {(a) => <input {...a} type="text" maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
      ) : null}
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {t('answer.save')}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A waiting referral whose prerequisite will not be completed: send it now or elsewhere (cancelling is the card's own form). */
export function BlockedChoices({ c, r, onChanged }: { c: CaseFileView; r: Referral; onChanged: Changed }) {
  const { t, api } = useApp();
  const problem = useProblemText();
  const prerequisite = r.dependsOn ? c.referrals.find((x) => x.referralId === r.dependsOn) : undefined;
  const [office, setOffice] = useState<OfficeKind>(OFFICE_KINDS.find((k) => k !== r.officeKind) ?? 'cso');
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  if (r.status !== 'waiting' || !prerequisite || !FAILED_STATES.has(prerequisite.status) || c.status !== 'open') return null;
  const release = async (name: string, body: object, done: string) => {
    setBusy(name);
    setError(undefined);
    try {
      await api.post(`${casePath(c)}/referrals/${encodeURIComponent(r.referralId)}/release`, body);
      onChanged(done);
    } catch (e) {
      setError(problem(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div class="confirm blocked" role="group" aria-labelledby={`blocked-${r.referralId}`}>
      <p id={`blocked-${r.referralId}`}>{t('blocked.question', { state: label(t, 'state', prerequisite.status).toLowerCase() })}</p>
      {error ? <Notice kind="error" message={error} /> : null}
      <div class="inline-form">
        <ActionButton class="primary" busy={busy === 'now'} onClick={() => void release('now', {}, t('blocked.released'))}>
          {t('blocked.release')}
        </ActionButton>
        <label for={`elsewhere-${r.referralId}`}>{t('blocked.office')}</label>
        <select id={`elsewhere-${r.referralId}`} value={office} onChange={(e) => setOffice((e.currentTarget as HTMLSelectElement).value as OfficeKind)}>
          {OFFICE_KINDS.filter((k) => k !== r.officeKind).map((k) => (
            <option key={k} value={k}>
              {label(t, 'office', k)}
            </option>
          ))}
        </select>
        <ActionButton class="secondary" busy={busy === 'elsewhere'} onClick={() => void release('elsewhere', { officeKind: office }, t('blocked.referredElsewhere'))}>
          {t('blocked.elsewhere')}
        </ActionButton>
      </div>
    </div>
  );
}

/** The joint home visit with the social work centre and the regional coordinator: planned, or moved. */
export function HomeVisitPlanForm({ c, onDone }: { c: CaseFileView; onDone: Changed }) {
  const { t, api } = useApp();
  const planned = c.homeVisitPlan?.status === 'planned' ? c.homeVisitPlan : undefined;
  const start = planned ? toInputs(planned.start) : { date: '', time: '10:00' };
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [meetAt, setMeetAt] = useState(planned?.meetAt ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (c.homeVisitAt || c.status !== 'open') return null;
  const title = planned ? t('visit.move') : t('visit.plan');
  if (!open)
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {title}
      </button>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!date || !time) return setErrors({ at: t('common.required') });
    setBusy(true);
    setErrors({});
    try {
      await api.post(`${casePath(c)}/home-visit/plan`, { at: belgradeIso(date, time), ...(meetAt.trim() ? { meetAt: meetAt.trim() } : {}) });
      setOpen(false);
      onDone(t('visit.planned'));
    } catch (err) {
      setErrors(fieldsOf(err, t, 'at'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form compact" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <div class="row">
        <Field name="visit.date" label={t('case.date')} hint={t('form.dateHint')} error={errors.at} required>
          {(a) => <DateInput {...a} value={date} onChange={setDate} />}
        </Field>
        <Field name="visit.time" label={t('case.time')} hint={t('form.timeHint')} required>
          {(a) => <TimeInput {...a} value={time} onChange={setTime} />}
        </Field>
      </div>
      <Field name="visit.meetAt" label={t('visit.meetAt')} hint={t('visit.meetAtHint')} error={errors.meetAt}>
        {(a) => <input {...a} type="text" maxLength={120} value={meetAt} onInput={(e) => setMeetAt((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {t('visit.save')}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
