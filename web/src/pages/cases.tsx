import { useState } from 'preact/hooks';
import { Badge, LoadError, Loading, PageTitle } from '../components/ui.js';
import { useApp } from '../lib/context.js';
import { formatDate } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/hooks.js';
import { label } from '../lib/labels.js';
import { href } from '../lib/router.js';
import type { Category, ReferralState } from '../lib/types.js';

interface CaseLine {
  caseId: string;
  smrCaseId: string;
  arrivalDate: string;
  closureDate?: string;
  category: Category;
  status: 'open' | 'closed';
  householdSize: number;
  homeVisitAt?: string;
  referrals: Partial<Record<ReferralState, number>>;
}

/** The municipality's open cases, newest arrival first, and a search by SMR number. No names. */
export default function Cases() {
  const { api, t, municipality } = useApp();
  useTitle(t('cases.title'), t('app.name'));
  const [query, setQuery] = useState('');
  const [smr, setSmr] = useState('');
  const [pages, setPages] = useState<string[]>(['']);
  const after = pages[pages.length - 1]!;
  const m = encodeURIComponent(municipality);
  const loaded = useLoad(
    () => api.get<{ cases: CaseLine[]; next?: string }>(`/municipalities/${m}/cases?${smr ? `smr=${encodeURIComponent(smr)}` : after ? `after=${encodeURIComponent(after)}` : ''}`),
    [municipality, smr, after],
  );
  const search = (e: Event) => {
    e.preventDefault();
    setPages(['']);
    setSmr(query.trim());
  };
  return (
    <>
      <PageTitle>{t('cases.title')}</PageTitle>
      <form class="inline-form" role="search" onSubmit={search}>
        <label for="smr-search">{t('cases.search')}</label>
        <input id="smr-search" type="text" value={query} spellcheck={false} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="secondary">
          {t('cases.find')}
        </button>
        {smr ? (
          <button type="button" class="secondary" onClick={() => (setQuery(''), setSmr(''))}>
            {t('cases.all')}
          </button>
        ) : null}
      </form>
      <LoadError error={loaded.error} />
      {!loaded.data ? (
        loaded.error ? null : <Loading />
      ) : loaded.data.cases.length === 0 ? (
        <p>{smr ? t('cases.noneFound', { smr }) : t('cases.none')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('cases.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.smr')}</th>
              <th scope="col">{t('register.arrivalDate')}</th>
              <th scope="col">{t('register.category')}</th>
              <th scope="col">{t('cases.persons')}</th>
              <th scope="col">{t('case.referrals')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.cases.map((c) => (
              <tr key={c.caseId}>
                <td>
                  <a href={href(`/cases/${encodeURIComponent(c.caseId)}`)}>{c.smrCaseId}</a> {c.status === 'closed' ? <Badge tone="off">{label(t, 'caseStatus', c.status)}</Badge> : null}
                </td>
                <td>{formatDate(c.arrivalDate)}</td>
                <td>{label(t, 'category', c.category)}</td>
                <td>{c.householdSize}</td>
                <td>
                  {Object.entries(c.referrals)
                    .map(([s, n]) => `${label(t, 'state', s)}: ${n}`)
                    .join(' · ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!smr && (pages.length > 1 || loaded.data?.next) ? (
        <div class="button-row">
          {pages.length > 1 ? (
            <button type="button" class="secondary" onClick={() => setPages(pages.slice(0, -1))}>
              {t('cases.previous')}
            </button>
          ) : null}
          {loaded.data?.next ? (
            <button type="button" class="secondary" onClick={() => setPages([...pages, loaded.data!.next!])}>
              {t('cases.next')}
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
