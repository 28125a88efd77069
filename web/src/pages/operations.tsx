import { useState } from 'preact/hooks';
import { failed, SaidNotice, told, type Said } from '../components/said.js';
import { Field, PageTitle } from '../components/ui.js';
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
  const [address, setAddress] = useState('');
  const [status, setStatus] = useState<AddressStatus | undefined>(undefined);
  const [notice, setNotice] = useState<Said | undefined>(undefined);
  const [invalid, setInvalid] = useState(false);
  const check = async (e: Event) => {
    e.preventDefault();
    setNotice(undefined);
    setInvalid(false);
    try {
      setStatus(await api.post<AddressStatus>('/operations/addresses/status', { address: address.trim() }));
    } catch (err) {
      setStatus(undefined);
      if (err instanceof ApiError && err.status === 400) setInvalid(true);
      else setNotice(failed(err));
    }
  };
  const clear = async () => {
    try {
      await api.post('/operations/addresses/clear', { address: address.trim() });
      setNotice(told(({ t }) => t('operations.cleared')));
      setStatus({ status: 'ok' });
    } catch (err) {
      setNotice(failed(err));
    }
  };
  return (
    <>
      <PageTitle>{t('operations.title')}</PageTitle>
      <p class="hint">{t('operations.intro')}</p>
      <form class="form" onSubmit={(e) => void check(e)} noValidate>
        <Field name="address" label={t('operations.address')} error={invalid ? t('operations.invalid') : undefined}>
          {(a) => <input {...a} type="email" autoComplete="off" value={address} onInput={(e) => setAddress((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
        <button type="submit" class="primary">
          {t('operations.check')}
        </button>
      </form>
      <SaidNotice said={notice} />
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
