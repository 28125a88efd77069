import { useState } from 'preact/hooks';
import { download, LoadError, Loading, PageTitle } from '../components/ui.js';
import type { T } from '../i18n/index.js';
import { useApp } from '../lib/context.js';
import { indicatorsCsv } from '../lib/csv.js';
import { formatDate, previousQuarter, quarterOf } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/hooks.js';
import { label } from '../lib/labels.js';
import { OFFICE_KINDS, type IndicatorLine, type IndicatorsResponse, type QuarterFigures, type Worklists } from '../lib/types.js';

/** Persons referred per office kind as horizontal bars, each under its office's name; the table below says the same in numbers. */
function Bars({ f, t }: { f: QuarterFigures; t: T }) {
  const rows = OFFICE_KINDS.map((k) => ({ k, v: f.personsReferred[k] ?? 0 }));
  const max = Math.max(1, ...rows.map((r) => r.v));
  const rowH = 42;
  const barW = 440;
  const height = rows.length * rowH + 4;
  return (
    <figure class="chart">
      <figcaption id="chart-caption">{t('indicators.chartCaption')}</figcaption>
      <svg viewBox={`0 0 ${barW + 60} ${height}`} role="img" aria-labelledby="chart-caption" preserveAspectRatio="xMinYMin meet">
        {rows.map((r, i) => (
          <g key={r.k} transform={`translate(0 ${i * rowH})`}>
            <text x={0} y={14} class="chart-label">
              {label(t, 'office', r.k)}
            </text>
            <rect x={0} y={20} width={Math.max(r.v ? 2 : 0, (r.v / max) * barW)} height={14} class="chart-bar" />
            <text x={(r.v / max) * barW + 6} y={32} class="chart-value">
              {r.v}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** A count as it is, a share in per cent (the sign kept on the number's line); a dash where there is nothing (not split, no baseline in the plan, a share of nothing). */
function shown(l: IndicatorLine, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return l.share ? `${Math.round(v * 100)}\u00a0%` : String(v);
}

/** A quarter's indicators: a table, a bar chart of persons referred, and the CSV the report carries. */
export default function Indicators() {
  const { api, t, municipality, me, can } = useApp();
  useTitle(t('indicators.title'), t('app.name'));
  const current = quarterOf();
  const quarters = [current];
  while (quarters.length < 8) quarters.push(previousQuarter(quarters[quarters.length - 1]!));
  const [quarter, setQuarter] = useState(current);
  const m = encodeURIComponent(municipality);
  const loaded = useLoad(() => api.get<IndicatorsResponse>(`/municipalities/${m}/indicators/${quarter}`), [municipality, quarter]);
  const counts = useLoad(
    () => (can('GET /municipalities/{municipalityId}/worklists') && !me.householdData ? api.get<Worklists>(`/municipalities/${m}/worklists`) : Promise.resolve(undefined)),
    [municipality],
  );
  const f = loaded.data;
  return (
    <>
      <PageTitle>{t('indicators.title')}</PageTitle>
      <div class="inline-form">
        <label for="quarter">{t('indicators.quarter')}</label>
        <select id="quarter" value={quarter} onChange={(e) => setQuarter((e.currentTarget as HTMLSelectElement).value)}>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q.replace('-', ' ')}
            </option>
          ))}
        </select>
        {f ? (
          <button type="button" class="secondary" onClick={() => download(`indicators-${municipality}-${quarter}.csv`, 'text/csv;charset=utf-8', indicatorsCsv(municipality, f))}>
            {t('indicators.csv')}
          </button>
        ) : null}
      </div>
      <LoadError error={loaded.error} />
      {counts.data ? (
        <section aria-labelledby="now-h">
          <h2 id="now-h">{t('indicators.now')}</h2>
          <ul class="cards">
            <li class="card">
              <span class="count">{counts.data.overdue}</span> {t('today.overdue')}
            </li>
            <li class="card">
              <span class="count">{counts.data.declined}</span> {t('today.declined')}
            </li>
            <li class="card">
              <span class="count">{counts.data.nearingClosure}</span> {t('today.nearingClosure')}
            </li>
            <li class="card">
              <span class="count">{counts.data.failedDeliveries}</span> {t('today.failedDeliveries')}
            </li>
          </ul>
        </section>
      ) : null}
      {!f ? (
        loaded.error ? null : <Loading />
      ) : (
        <>
          <p class="meta">{t('indicators.period', { from: formatDate(f.periodStart), to: formatDate(f.periodEnd) })}</p>
          <Bars f={f} t={t} />
          <table class="table figures">
            <caption>{t('indicators.tableCaption', { quarter: quarter.replace('-', ' ') })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicators.indicator')}</th>
                <th scope="col" class="num">
                  {t('indicators.value')}
                </th>
                <th scope="col" class="num">
                  {t('indicators.returnees')}
                </th>
                <th scope="col" class="num">
                  {t('indicators.foreigners')}
                </th>
                <th scope="col" class="num">
                  {t('indicators.baseline')}
                </th>
                <th scope="col" class="num">
                  {t('indicators.target')}
                </th>
              </tr>
            </thead>
            <tbody>
              {f.indicators.map((l) => (
                <tr key={l.code}>
                  <th scope="row">{l.code.startsWith('persons_referred_') ? t('indicators.personsReferredTo', { office: label(t, 'office', l.code.slice('persons_referred_'.length)) }) : label(t, 'indicator', l.code)}</th>
                  <td class="num">{shown(l, l.value)}</td>
                  <td class="num">{shown(l, l.returnee)}</td>
                  <td class="num">{shown(l, l.foreigner)}</td>
                  <td class="num">{shown(l, l.baseline)}</td>
                  <td class="num">{l.target === undefined ? '—' : `${shown(l, l.target)} (${l.targetYear})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
