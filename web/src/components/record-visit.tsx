import { useState } from 'preact/hooks';
import { DateInput, TimeInput } from './date-time.js';
import { refusalOf, required, useProblems, type Words } from './said.js';
import { Field } from './ui.js';
import { useApp } from '../lib/context.js';
import { belgradeIso, toInputs } from '../lib/format.js';

/**
 * "Record the home visit", with when it took place: now unless changed, so that a visit entered a
 * day later keeps its real time (the 72-hour figure counts from it). A time to come is the API's
 * to refuse (visit-in-future, a minute's grace for clocks), in the console's words by the date.
 */
export function RecordVisitForm({ c, onDone }: { c: { caseId: string; status: string; homeVisitAt?: string }; onDone: (msg: Words) => void }) {
  const { t, api } = useApp();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [errors, setProblems] = useProblems();
  const [busy, setBusy] = useState(false);
  if (c.homeVisitAt || c.status !== 'open') return null;
  const start = () => {
    // Now on the Kosovo clock, as the console shows every time, whatever the computer's zone.
    const now = toInputs(new Date().toISOString());
    setDate(now.date);
    setTime(now.time);
    setProblems({});
    setOpen(true);
  };
  if (!open)
    return (
      <button type="button" class="secondary" onClick={start}>
        {t('case.recordVisit')}
      </button>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!date || !time) return setProblems({ visitedAt: required });
    setProblems({});
    setBusy(true);
    try {
      await api.post(`/cases/${encodeURIComponent(c.caseId)}/home-visit`, { visitedAt: belgradeIso(date, time) });
      setOpen(false);
      onDone(({ t }) => t('case.visitRecorded'));
    } catch (err) {
      setProblems(refusalOf(err, 'visitedAt'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form compact" onSubmit={(e) => void submit(e)} noValidate aria-label={t('case.recordVisit')}>
      <p class="hint">{t('case.visitAtHint')}</p>
      <div class="row">
        <Field name="visitedAt" label={t('case.date')} hint={t('form.dateHint')} error={errors.visitedAt} required>
          {(a) => <DateInput {...a} value={date} onChange={setDate} />}
        </Field>
        <Field name="visitedAt.time" label={t('case.time')} hint={t('form.timeHint')} required>
          {(a) => <TimeInput {...a} value={time} onChange={setTime} />}
        </Field>
      </div>
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {t('case.recordVisit')}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
