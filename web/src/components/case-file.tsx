import { useState } from 'preact/hooks';
import { DateInput, TimeInput } from './date-time.js';
import { FormFailure, required, smallFormRefusal, useProblems, type Problems, type Said, type Words } from './said.js';
import { ActionButton, Badge, Choice, Field, LoadError, Notice } from './ui.js';
import { useFileT, type FileT } from '../i18n/case-file.js';
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

type Changed = (msg: Words) => void;
const casePath = (c: CaseFileView) => `/cases/${encodeURIComponent(c.caseId)}`;
const dateInvalid: Words = ({ t }) => t('register.dateInvalid');

/**
 * A form's sending: its own checks first (by field), then the API call, once at a time; the API's
 * refusals by field, on `fallback` when it names none, or beside the form (`failure`) for the
 * moment (smallFormRefusal). `refused` may take a refusal itself (true).
 */
function useSubmit(fallback: string) {
  const [errors, setProblems] = useProblems();
  const [failure, setFailure] = useState<Said | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (found: Problems, call: () => Promise<void>, refused?: (err: unknown) => boolean) => {
    setProblems(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await call();
    } catch (err) {
      if (refused?.(err)) return;
      const { fields, failure } = smallFormRefusal(err, fallback);
      setProblems(fields);
      setFailure(failure);
    } finally {
      setBusy(false);
    }
  };
  return { errors, failure, busy, submit };
}

/** The words a foreigner's case uses instead of the returnee's (never "return"). */
export function closureLabel(ft: FileT, outcome: ClosureOutcome, category: string): string {
  if (category === 'foreigner' && outcome === 'sustainably_reintegrated') return ft('closure.sustainably_integrated');
  if (category === 'foreigner' && outcome === 're_emigrated') return ft('closure.left_kosovo');
  return ft(`closure.${outcome}`);
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
  const ft = useFileT();
  const who = useWho();
  const a = c.assessment;
  return (
    <section aria-labelledby="fvn-h">
      <h2 id="fvn-h">{ft('file.assessment')}</h2>
      <p>{a ? ft('file.assessmentCurrent', { version: a.version, count: c.assessmentVersions, when: formatDateTime(a.at), who: who(a.by), referrals: a.referralIds.length }) : ft('file.assessmentNone')}</p>
    </section>
  );
}

/** The plan as a table (overdue measures marked in words), and its editor. */
export function PlanSection({ c, onChanged, reload }: { c: CaseFileView; onChanged: Changed; reload: () => Promise<void> }) {
  const { t } = useApp();
  const ft = useFileT();
  const who = useWho();
  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const plan = c.plan;
  const kind = plan?.kind ?? (c.category === 'foreigner' ? 'PII' : 'PIR');
  const today = todayIso();
  return (
    <section aria-labelledby="plan-h">
      <h2 id="plan-h">{ft(kind === 'PII' ? 'file.plan.PII' : 'file.plan.PIR')}</h2>
      {stale ? <Notice kind="error" message={ft('file.planStale')} /> : null}
      {plan ? (
        <>
          <p class="meta">{ft('file.planVersion', { version: plan.version, when: formatDateTime(plan.updatedAt), who: who(plan.updatedBy) })}</p>
          <p>
            <strong>{ft('file.caseManager')}:</strong> {plan.caseManager ? `${plan.caseManager.name}${plan.caseManager.contact ? ` (${plan.caseManager.contact})` : ''}` : ft('file.caseManagerNone')}
          </p>
          {plan.measures.length ? (
            <table class="table measures">
              <caption class="visually-hidden">{ft('file.measures')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ft('file.goal')}</th>
                  <th scope="col">{ft('file.responsible')}</th>
                  <th scope="col">{ft('file.due')}</th>
                  <th scope="col">{ft('file.status')}</th>
                  <th scope="col">{ft('file.linked')}</th>
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
                      {formatDate(m.dueDate)} {isOverdue(m, today) ? <Badge tone="bad">{ft('file.overdue')}</Badge> : null}
                    </td>
                    <td>{ft(`measureStatus.${m.status}`)}</td>
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
            <p>{ft('file.noMeasures')}</p>
          )}
        </>
      ) : (
        <p>{ft('file.planNone')}</p>
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
          {plan ? ft('file.editPlan') : ft('file.makePlan')}
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
  const ft = useFileT();
  // The version this edit started from: a poll in between must not move it (the API's 409 is the point).
  const [version] = useState(c.plan?.version ?? 0);
  const [rows, setRows] = useState<Row[]>(() => c.plan?.measures.map(rowOf) ?? []);
  const [manager, setManager] = useState(c.plan?.caseManager?.name ?? '');
  const [contact, setContact] = useState(c.plan?.caseManager?.contact ?? '');
  const { errors, failure, busy, submit: send } = useSubmit('plan');
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => setRows([...rows, { measureId: nextId(rows), goal: '', who: 'social_work_centre', organisation: '', officeId: '', dueDate: '', status: 'planned', referralIds: [], note: '' }]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Problems = {};
    rows.forEach((r, i) => {
      if (r.goal.trim().length < 3) found[`measures.${i}.goal`] = required;
      if (!r.dueDate) found[`measures.${i}.dueDate`] = dateInvalid;
      if (r.who === 'organisation' && r.organisation.trim().length < 2) found[`measures.${i}.responsible`] = required;
    });
    if (contact.trim() && !manager.trim()) found['caseManager.name'] = required;
    await send(found, async () => {
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
      onSaved(({ ft }) => ft('file.planSaved'));
    }, (err) => err instanceof ApiError && err.status === 409 && (onStale(), true));
  };

  return (
    <form class="form compact" onSubmit={(e) => void submit(e)} noValidate aria-label={ft('file.editPlan')}>
      {errors.plan ? <Notice kind="error" message={errors.plan} /> : null}
      <div class="row">
        <Field name="caseManager.name" label={ft('file.caseManager')} hint={ft('file.caseManagerHint')} error={errors['caseManager.name']}>
          {(a) => <input {...a} type="text" autoComplete="off" maxLength={120} value={manager} onInput={(e) => setManager((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
        <Field name="caseManager.contact" label={ft('file.caseManagerContact')} error={errors['caseManager.contact']}>
          {(a) => <input {...a} type="text" autoComplete="off" maxLength={120} value={contact} onInput={(e) => setContact((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
      </div>
      {rows.map((r, i) => (
        <fieldset class="member" key={r.measureId}>
          <legend>{ft('file.measureN', { n: i + 1 })}</legend>
          <Field name={`measures.${i}.goal`} label={ft('file.goal')} error={errors[`measures.${i}.goal`]} required>
            {(a) => <input {...a} type="text" maxLength={200} value={r.goal} onInput={(e) => set(i, { goal: (e.currentTarget as HTMLInputElement).value })} />}
          </Field>
          <div class="row">
            <Choice
              name={`measures.${i}.responsible`}
              label={ft('file.responsible')}
              error={errors[`measures.${i}.responsible`] ?? errors[`measures.${i}.responsible.officeKind`]}
              value={r.who}
              options={[...OFFICE_KINDS, ...(r.officeId ? ['office-id'] : []), 'organisation']}
              text={(w) => (w === 'organisation' ? ft('file.organisation') : w === 'office-id' ? responsibleText(t, { officeId: r.officeId }, c) : label(t, 'office', w))}
              onChange={(w) => set(i, { who: w })}
            />
            {r.who === 'organisation' ? (
              <Field name={`measures.${i}.responsible.organisation`} label={ft('file.organisationName')} error={errors[`measures.${i}.responsible.organisation`]} required>
                {(a) => <input {...a} type="text" maxLength={120} value={r.organisation} onInput={(e) => set(i, { organisation: (e.currentTarget as HTMLInputElement).value })} />}
              </Field>
            ) : null}
            <Field name={`measures.${i}.dueDate`} label={ft('file.due')} hint={t('form.dateHint')} error={errors[`measures.${i}.dueDate`]} required>
              {(a) => <DateInput {...a} value={r.dueDate} onChange={(v) => set(i, { dueDate: v })} />}
            </Field>
            <Choice name={`measures.${i}.status`} label={ft('file.status')} error={errors[`measures.${i}.status`]} value={r.status} options={MEASURE_STATUSES} text={(v) => ft(`measureStatus.${v}`)} onChange={(v) => set(i, { status: v })} />
          </div>
          {c.referrals.length ? (
            <fieldset class="group">
              <legend>{ft('file.linkReferrals')}</legend>
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
          <Field name={`measures.${i}.note`} label={ft('file.measureNote')} error={errors[`measures.${i}.note`]}>
            {(a) => <input {...a} type="text" maxLength={300} value={r.note} onInput={(e) => set(i, { note: (e.currentTarget as HTMLInputElement).value })} />}
          </Field>
          <button type="button" class="secondary small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            {ft('file.removeMeasure', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <FormFailure said={failure} />
      <div class="button-row">
        <button type="button" class="secondary" onClick={add}>
          {ft('file.addMeasure')}
        </button>
        <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {ft('file.savePlan')}
        </button>
      </div>
    </form>
  );
}

/** The monitoring record, newest first, and the form for a visit, a call or the quarterly evaluation. */
export function MonitoringSection({ c, onChanged }: { c: CaseFileView; onChanged: Changed }) {
  const ft = useFileT();
  const [adding, setAdding] = useState(false);
  const goal = (id: string) => c.plan?.measures.find((m) => m.measureId === id)?.goal ?? id;
  const records = [...c.monitoring].sort((a, b) => b.date.localeCompare(a.date) || b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="monitoring-h">
      <h2 id="monitoring-h">{ft('file.monitoring')}</h2>
      {records.length ? (
        <ul class="lines monitoring">
          {records.map((m) => (
            <li key={m.monitoringId}>
              <strong>{formatDate(m.date)}</strong> {ft(`monitoringKind.${m.kind}`)}
              {m.note ? `: ${m.note}` : ''}
              {m.schemesAssessment ? <span class="meta"> · {m.schemesAssessment}</span> : null}
              {m.progress.length ? <span class="meta"> · {m.progress.map((p) => `${goal(p.measureId)}: ${ft(`measureStatus.${p.status}`)}`).join('; ')}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{ft('file.monitoringNone')}</p>
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
          {ft('file.recordMonitoring')}
        </button>
      )}
    </section>
  );
}

function MonitoringForm({ c, onDone }: { c: CaseFileView; onDone: Changed }) {
  const { t, api } = useApp();
  const ft = useFileT();
  const measures = c.plan?.measures ?? [];
  const [date, setDate] = useState(todayIso());
  const [kind, setKind] = useState<MonitoringKind>('visit');
  const [note, setNote] = useState('');
  const [schemes, setSchemes] = useState('');
  const [progress, setProgress] = useState<Record<string, MeasureStatus | ''>>({});
  const { errors, failure, busy, submit: send } = useSubmit('date');
  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Problems = {};
    if (!date) found.date = dateInvalid;
    if (kind === 'evaluation' && schemes.trim().length < 3) found.schemesAssessment = required;
    await send(found, async () => {
      await api.post(`${casePath(c)}/monitoring`, {
        date,
        kind,
        ...(note.trim() ? { note: note.trim() } : {}),
        progress: measures.flatMap((m) => (progress[m.measureId] ? [{ measureId: m.measureId, status: progress[m.measureId] }] : [])),
        ...(kind === 'evaluation' ? { schemesAssessment: schemes.trim() } : {}),
      });
      onDone(({ ft }) => ft('file.monitoringSaved'));
    });
  };
  return (
    <form class="form compact" onSubmit={(e) => void submit(e)} noValidate aria-label={ft('file.recordMonitoring')}>
      <div class="row">
        <Choice name="monitoring.kind" label={ft('file.monitoringKind')} value={kind} options={MONITORING_KINDS} text={(k) => ft(`monitoringKind.${k}`)} onChange={setKind} />
        <Field name="monitoring.date" label={t('case.date')} hint={t('form.dateHint')} error={errors.date} required>
          {(a) => <DateInput {...a} value={date} onChange={setDate} />}
        </Field>
      </div>
      <Field name="monitoring.note" label={ft('file.monitoringNote')} error={errors.note}>
        {(a) => <textarea {...a} rows={2} maxLength={1000} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />}
      </Field>
      {kind === 'evaluation' ? (
        <Field name="monitoring.schemesAssessment" label={ft('file.schemes')} error={errors.schemesAssessment} required>
          {(a) => <textarea {...a} rows={3} maxLength={1000} value={schemes} onInput={(e) => setSchemes((e.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>
      ) : null}
      {measures.length ? (
        <fieldset class="group">
          <legend>{ft('file.progress')}</legend>
          {measures.map((m, i) => (
            <Choice
              key={m.measureId}
              name={`monitoring.progress.${i}`}
              label={m.goal}
              error={errors[`progress.${i}.status`] ?? errors[`progress.${i}.measureId`]}
              value={progress[m.measureId] ?? ''}
              options={['', ...MEASURE_STATUSES]}
              text={(v) => (v ? ft(`measureStatus.${v}`) : ft('file.unchanged'))}
              onChange={(v) => setProgress({ ...progress, [m.measureId]: v })}
            />
          ))}
        </fieldset>
      ) : null}
      <FormFailure said={failure} />
      <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
        {ft('file.saveMonitoring')}
      </button>
    </form>
  );
}

/** Closing: why the case ends and the final assessment, the outcome worded for the family's category. */
export function CloseForm({ c, onDone, onCancel }: { c: CaseFileView; onDone: Changed; onCancel: () => void }) {
  const { t, api } = useApp();
  const ft = useFileT();
  const [outcome, setOutcome] = useState<ClosureOutcome>('sustainably_reintegrated');
  const [note, setNote] = useState('');
  const [assessment, setAssessment] = useState('');
  const { errors, failure, busy, submit: send } = useSubmit('outcome');
  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Problems = {};
    if (outcome === 'other' && !note.trim()) found.note = required;
    if (assessment.trim().length < 3) found.finalAssessment = required;
    await send(found, async () => {
      await api.post(`${casePath(c)}/close`, { outcome, ...(note.trim() ? { note: note.trim() } : {}), finalAssessment: assessment.trim() });
      onDone(({ t }) => t('case.closed'));
    });
  };
  return (
    <form class="form compact confirm" onSubmit={(e) => void submit(e)} noValidate aria-label={t('case.close')}>
      <p>{t('case.closeConfirm')}</p>
      <Choice name="close.outcome" label={ft('case.closeOutcome')} error={errors.outcome} required value={outcome} options={CLOSURE_OUTCOMES} text={(o) => closureLabel(ft, o, c.category)} onChange={setOutcome} />
      <Field name="close.note" label={ft('case.closeNote')} hint={ft('case.closeNoteHint')} error={errors.note} required={outcome === 'other'}>
        {(a) => <input {...a} type="text" maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Field
        name="close.finalAssessment"
        label={ft('case.finalAssessment')}
        hint={ft(c.category === 'foreigner' ? 'case.finalAssessmentHintForeigner' : 'case.finalAssessmentHintReturnee')}
        error={errors.finalAssessment}
        required
      >
        {(a) => <textarea {...a} rows={3} maxLength={1000} value={assessment} onInput={(e) => setAssessment((e.currentTarget as HTMLTextAreaElement).value)} />}
      </Field>
      <SendOrCancel busy={busy} failure={failure} label={t('case.closeYes')} onCancel={onCancel} danger />
    </form>
  );
}

/** A form's send button (busy while the API answers), what refused it for the moment, and the way out without sending. */
function SendOrCancel({ busy, failure, label: text, onCancel, danger }: { busy: boolean; failure: Said | undefined; label: string; onCancel: () => void; danger?: boolean }) {
  const { t } = useApp();
  return (
    <>
      <FormFailure said={failure} />
      <div class="button-row">
        <button type="submit" class={danger ? 'danger' : 'primary'} disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {text}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}

type AnswerKind = 'accept' | 'decline' | 'outcome';

/** What an office said by phone, recorded on its behalf: the answers its state still allows. */
export function PhoneAnswer({ c, r, onChanged }: { c: CaseFileView; r: Referral; onChanged: Changed }) {
  const { t, api } = useApp();
  const ft = useFileT();
  const kinds: AnswerKind[] = r.status === 'accepted' ? ['outcome'] : r.status === 'created' || r.status === 'sent' ? ['accept', 'decline'] : [];
  const [open, setOpen] = useState(false);
  const [answer, setAnswer] = useState<AnswerKind>(kinds[0] ?? 'accept');
  const [reason, setReason] = useState<(typeof DECLINE_REASONS)[number]>(DECLINE_REASONS[0]);
  const [outcome, setOutcome] = useState<(typeof REFERRAL_OUTCOMES)[number]>(REFERRAL_OUTCOMES[0]);
  const [note, setNote] = useState('');
  const { errors, failure, busy, submit: send } = useSubmit('answer');
  if (!kinds.length || c.status !== 'open') return null;
  const id = (f: string) => `answer-${r.referralId}.${f}`;
  if (!open)
    return (
      <button type="button" class="secondary small" onClick={() => (setAnswer(kinds[0]!), setOpen(true))}>
        {ft('answer.record')}
      </button>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = answer === 'accept' ? { answer } : answer === 'decline' ? { answer, reason, note } : { answer, outcome, note };
    await send({}, async () => {
      await api.post(`${casePath(c)}/referrals/${encodeURIComponent(r.referralId)}/answer`, body);
      setOpen(false);
      onChanged(({ ft }) => ft('answer.saved'));
    });
  };
  return (
    <form class="form compact" onSubmit={(e) => void submit(e)} noValidate aria-label={ft('answer.record')}>
      <Choice name={id('answer')} label={ft('answer.kind')} error={errors.answer} value={answer} options={kinds} text={(k) => ft(`answer.${k}`)} onChange={setAnswer} />
      {answer === 'decline' ? (
        <Choice name={id('reason')} label={ft('answer.reason')} error={errors.reason} value={reason} options={DECLINE_REASONS} text={(x) => label(t, 'decline', x)} onChange={setReason} />
      ) : null}
      {answer === 'outcome' ? (
        <Choice name={id('outcome')} label={ft('answer.result')} error={errors.outcome} value={outcome} options={REFERRAL_OUTCOMES} text={(x) => ft(`referralOutcome.${x}`)} onChange={setOutcome} />
      ) : null}
      {answer !== 'accept' ? (
        <Field name={id('note')} label={ft('answer.note')} error={errors.note}>
          {(a) => <input {...a} type="text" maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
      ) : null}
      <SendOrCancel busy={busy} failure={failure} label={ft('answer.save')} onCancel={() => setOpen(false)} />
    </form>
  );
}

/** A waiting referral whose prerequisite will not be completed: send it now or elsewhere (cancelling is the card's own form). */
export function BlockedChoices({ c, r, onChanged }: { c: CaseFileView; r: Referral; onChanged: Changed }) {
  const { t, api } = useApp();
  const ft = useFileT();
  const prerequisite = r.dependsOn ? c.referrals.find((x) => x.referralId === r.dependsOn) : undefined;
  const [office, setOffice] = useState<OfficeKind>(OFFICE_KINDS.find((k) => k !== r.officeKind) ?? 'cso');
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  if (r.status !== 'waiting' || !prerequisite || !FAILED_STATES.has(prerequisite.status) || c.status !== 'open') return null;
  const release = async (name: string, body: object, done: Words) => {
    setBusy(name);
    setError(undefined);
    try {
      await api.post(`${casePath(c)}/referrals/${encodeURIComponent(r.referralId)}/release`, body);
      onChanged(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div class="confirm blocked" role="group" aria-labelledby={`blocked-${r.referralId}`}>
      <p id={`blocked-${r.referralId}`}>{ft('blocked.question', { state: label(t, 'state', prerequisite.status).toLowerCase() })}</p>
      <LoadError error={error} />
      <div class="inline-form">
        <ActionButton class="primary" busy={busy === 'now'} onClick={() => void release('now', {}, ({ ft }) => ft('blocked.released'))}>
          {ft('blocked.release')}
        </ActionButton>
        <label for={`elsewhere-${r.referralId}`}>{ft('blocked.office')}</label>
        <select id={`elsewhere-${r.referralId}`} value={office} onChange={(e) => setOffice((e.currentTarget as HTMLSelectElement).value as OfficeKind)}>
          {OFFICE_KINDS.filter((k) => k !== r.officeKind).map((k) => (
            <option key={k} value={k}>
              {label(t, 'office', k)}
            </option>
          ))}
        </select>
        <ActionButton class="secondary" busy={busy === 'elsewhere'} onClick={() => void release('elsewhere', { officeKind: office }, ({ ft }) => ft('blocked.referredElsewhere'))}>
          {ft('blocked.elsewhere')}
        </ActionButton>
      </div>
    </div>
  );
}

/** The joint home visit with the social work centre and the regional coordinator: planned, or moved. */
export function HomeVisitPlanForm({ c, onDone }: { c: CaseFileView; onDone: Changed }) {
  const { t, api } = useApp();
  const ft = useFileT();
  const planned = c.homeVisitPlan?.status === 'planned' ? c.homeVisitPlan : undefined;
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('10:00');
  const [meetAt, setMeetAt] = useState('');
  const { errors, failure, busy, submit: send } = useSubmit('at');
  if (c.homeVisitAt || c.status !== 'open') return null;
  const title = planned ? ft('visit.move') : ft('visit.plan');
  const start = () => {
    // Moving starts from the time planned (as the page has it now).
    const from = planned ? toInputs(planned.start) : { date: '', time: '10:00' };
    setDate(from.date);
    setTime(from.time);
    setMeetAt(planned?.meetAt ?? '');
    setOpen(true);
  };
  if (!open)
    return (
      <button type="button" class="secondary" onClick={start}>
        {title}
      </button>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    await send(date && time ? {} : { at: required }, async () => {
      await api.post(`${casePath(c)}/home-visit/plan`, { at: belgradeIso(date, time), ...(meetAt.trim() ? { meetAt: meetAt.trim() } : {}) });
      setOpen(false);
      onDone(({ ft }) => ft('visit.planned'));
    });
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
      <Field name="visit.meetAt" label={ft('visit.meetAt')} hint={ft('visit.meetAtHint')} error={errors.meetAt}>
        {(a) => <input {...a} type="text" maxLength={120} value={meetAt} onInput={(e) => setMeetAt((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <SendOrCancel busy={busy} failure={failure} label={ft('visit.save')} onCancel={() => setOpen(false)} />
    </form>
  );
}
