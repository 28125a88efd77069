import { useState } from 'preact/hooks';
import { LoadError, Loading, PageTitle } from '../components/ui.js';
import type { T } from '../i18n/index.js';
import { useApp } from '../lib/context.js';
import { formatDateTime, formatTime, todayIso, wallClock } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/hooks.js';
import { label } from '../lib/labels.js';
import { href } from '../lib/router.js';
import type { Meeting } from '../lib/types.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Weeks of a month (Monday first), each day as YYYY-MM-DD or '' outside the month. */
export function monthGrid(year: number, month: number): string[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells = [...Array<string>(lead).fill(''), ...Array.from({ length: days }, (_, i) => `${year}-${pad(month)}-${pad(i + 1)}`)];
  while (cells.length % 7) cells.push('');
  const weeks: string[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

const dayOf = (iso: string) => {
  const w = wallClock(new Date(iso));
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
};

function Calendar({ meetings, year, month, t }: { meetings: Meeting[]; year: number; month: number; t: T }) {
  const today = todayIso();
  const byDay = new Map<string, Meeting[]>();
  for (const m of meetings) byDay.set(dayOf(m.start), [...(byDay.get(dayOf(m.start)) ?? []), m]);
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  return (
    <table class="calendar">
      <caption>{t('meetings.monthCaption', { month: t(`month.${month}` as never), year })}</caption>
      <thead>
        <tr>
          {weekdays.map((d) => (
            <th scope="col" key={d}>
              <abbr title={t(`weekday.${d}`)}>{t(`weekdayShort.${d}`)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {monthGrid(year, month).map((week, i) => (
          <tr key={i}>
            {week.map((day, j) => (
              <td key={j} class={`${day === today ? 'today' : ''}${day ? '' : ' outside'}`}>
                {day ? (
                  <>
                    <span class="day">{Number(day.slice(8))}</span>
                    {(byDay.get(day) ?? []).map((m) => (
                      <a key={m.meetingId} class={`event${m.status === 'cancelled' ? ' cancelled' : ''}`} href={href(`/meetings/${encodeURIComponent(m.meetingId)}`)}>
                        {formatTime(m.start)} {m.title || label(t, 'meetingKind', m.kind)}
                      </a>
                    ))}
                  </>
                ) : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The municipality's meetings: a month calendar and the list. */
export default function Meetings() {
  const { api, t, municipality } = useApp();
  useTitle(t('meetings.title'), t('app.name'));
  const now = wallClock(new Date());
  const [ym, setYm] = useState({ year: now.year, month: now.month });
  const from = new Date(Date.UTC(ym.year, ym.month - 1, 1) - 14 * 3600_000).toISOString();
  const loaded = useLoad(() => api.get<{ meetings: Meeting[] }>(`/municipalities/${encodeURIComponent(municipality)}/meetings?from=${encodeURIComponent(from)}&days=45`), [municipality, from]);
  const shift = (n: number) => {
    const m0 = ym.month - 1 + n;
    setYm({ year: ym.year + Math.floor(m0 / 12), month: ((m0 % 12) + 12) % 12 + 1 });
  };
  const inMonth = (loaded.data?.meetings ?? []).filter((m) => dayOf(m.start).startsWith(`${ym.year}-${pad(ym.month)}`)).sort((a, b) => a.start.localeCompare(b.start));
  return (
    <>
      <PageTitle>{t('meetings.title')}</PageTitle>
      <div class="button-row">
        <button type="button" class="secondary" onClick={() => shift(-1)}>
          {t('meetings.previousMonth')}
        </button>
        <button type="button" class="secondary" onClick={() => shift(1)}>
          {t('meetings.nextMonth')}
        </button>
      </div>
      <LoadError error={loaded.error} />
      {!loaded.data ? (
        loaded.error ? null : <Loading />
      ) : (
        <>
          <div class="calendar-wrap">
            <Calendar meetings={inMonth} year={ym.year} month={ym.month} t={t} />
          </div>
          <section aria-labelledby="meeting-list-h">
            <h2 id="meeting-list-h">{t('meetings.list')}</h2>
            {inMonth.length === 0 ? (
              <p>{t('meetings.none')}</p>
            ) : (
              <ul class="lines">
                {inMonth.map((m) => (
                  <li key={m.meetingId}>
                    <a href={href(`/meetings/${encodeURIComponent(m.meetingId)}`)}>{m.title || label(t, 'meetingKind', m.kind)}</a>{' '}
                    <span class="meta">
                      {formatDateTime(m.start)}–{formatTime(m.end)} · {m.location} · {label(t, 'meetingStatus', m.status)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
