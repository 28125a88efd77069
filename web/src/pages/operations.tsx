import { useState } from 'preact/hooks';
import { Field, Notice, PageTitle, useProblemText } from '../components/ui.js';
import { ApiError } from '../lib/api.js';
import { useApp } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { useTitle } from '../lib/hooks.js';

interface AddressStatus {
  status: string;
  since?: string;
  lastEventAt?: string;
  codes?: string[];
}

/** An operator's tools: an address SES refused, and lifting the block. No household data. */
export default function Operations() {
  const { api, t } = useApp();
  useTitle(t('operations.title'), t('app.name'));
  const problem = useProblemText();
  const [address, setAddress] = useState('');
  const [status, setStatus] = useState<AddressStatus | undefined>(undefined);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const check = async (e: Event) => {
    e.preventDefault();
    setNotice(undefined);
    setError(undefined);
    try {
      setStatus(await api.post<AddressStatus>('/operations/addresses/status', { address: address.trim() }));
    } catch (err) {
      setStatus(undefined);
      if (err instanceof ApiError && err.status === 400) setError(t('operations.invalid'));
      else setNotice({ kind: 'error', text: problem(err) });
    }
  };
  const clear = async () => {
    try {
      await api.post('/operations/addresses/clear', { address: address.trim() });
      setNotice({ kind: 'ok', text: t('operations.cleared') });
      setStatus({ status: 'ok' });
    } catch (err) {
      setNotice({ kind: 'error', text: problem(err) });
    }
  };
  return (
    <>
      <PageTitle>{t('operations.title')}</PageTitle>
      <p class="hint">{t('operations.intro')}</p>
      <form class="form" onSubmit={(e) => void check(e)} noValidate>
        <Field name="address" label={t('operations.address')} error={error}>
          {(a) => <input {...a} type="email" autoComplete="off" value={address} onInput={(e) => setAddress((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
        <button type="submit" class="primary">
          {t('operations.check')}
        </button>
      </form>
      <Notice kind={notice?.kind} message={notice?.text} />
      {status ? (
        <section aria-labelledby="status-h">
          <h2 id="status-h">{t('operations.status')}</h2>
          <p>
            {status.status === 'ok' ? t('operations.ok') : t('operations.blocked', { status: status.status, since: formatDateTime(status.since) })}
            {status.codes?.length ? ` (${status.codes.join(', ')})` : ''}
          </p>
          {status.status !== 'ok' ? (
            <button type="button" class="secondary" onClick={() => void clear()}>
              {t('operations.clear')}
            </button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
