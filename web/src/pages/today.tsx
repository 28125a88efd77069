import type { ComponentChildren } from 'preact';
import { Badge, LoadError, Loading, PageTitle } from '../components/ui.js';
import { directoryText } from '../i18n/index.js';
import { useApp } from '../lib/context.js';
import { formatDate, formatDateTime, formatTime } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/hooks.js';
import { cannotComeStep, label } from '../lib/labels.js';
import { href } from '../lib/router.js';
import type { CannotCome, FollowUp, Meeting, Worklists } from '../lib/types.js';

type Name = { sq: string; sr: string; en: string };
interface ReferralLine {
  caseId: string;
  smrCaseId: string;
  referralId: string;
  officeKind: string;
  office?: Name;
  need: string;
  sensitive?: boolean;
  status: string;
  ackDueDate?: string;
  flagged?: boolean;
  declineReason?: string;
  since?: string;
}
interface TodayView {
  counts: { overdue: number; flagged: number; declined: number; nearingClosure: number; followUps: number; cannotCome?: number; blocked?: number; homeVisits: number; appointments: number; deadlines: number; meetings: number };
  overdue: ReferralLine[];
  declined: ReferralLine[];
  nearingClosure: { caseId: string; smrCaseId: string; arrivalDate: string; closureDate: string }[];
  followUps: FollowUp[];
  /** A family's "I cannot come" (told its coordinator will call); absent from an API before it. */
  cannotCome?: CannotCome[];
  /** Waiting referrals blocked behind one that will not be completed: the coordinator decides in the case. */
  blocked?: ReferralLine[];
  homeVisits: { caseId: string; smrCaseId: string; arrivalDate: string; householdSize: number; deadline: string; lastDay: string; overdue: boolean }[];
  appointments: { caseId: string; smrCaseId: string; appointmentId: string; kind: 'appointment' | 'deadline'; when: string; title: string; where: string }[];
  meetings: Meeting[];
}

/** GET /municipalities/{id}/today, or (an API without it) the same made of the counts, follow-ups and meetings. */
async function loadToday(get: <T>(path: string) => Promise<T>, m: string, hasToday: boolean): Promise<TodayView> {
  if (hasToday) return get<TodayView>(`/municipalities/${m}/today`);
  const [w, f, meetings] = await Promise.all([
    get<Worklists>(`/municipalities/${m}/worklists`),
    get<{ followUps: FollowUp[]; cannotCome?: CannotCome[]; blockedReferrals?: ReferralLine[] }>(`/municipalities/${m}/follow-ups`),
    get<{ meetings: Meeting[] }>(`/municipalities/${m}/meetings?days=7`),
  ]);
  const live = meetings.meetings.filter((x) => x.status !== 'cancelled');
  return {
    counts: { overdue: w.overdue, flagged: 0, declined: w.declined, nearingClosure: w.nearingClosure, followUps: f.followUps.length, homeVisits: 0, appointments: 0, deadlines: 0, meetings: live.length },
    overdue: [],
    declined: [],
    nearingClosure: [],
    followUps: f.followUps,
    cannotCome: f.cannotCome ?? [],
    blocked: f.blockedReferrals ?? [],
    homeVisits: [],
    appointments: [],
    meetings: live,
  };
}

function Section({ id, title, empty, items }: { id: string; title: string; empty?: string; items: ComponentChildren[] }) {
  if (!items.length && !empty) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length ? <ul class="lines">{items}</ul> : <p>{empty}</p>}
    </section>
  );
}

/**
 * What needs the coordinator now, line by line, each opening its case: referrals overdue or
 * declined, home visits due, this week's appointments and deadlines, messages to pass on by phone
 * or visit (with the words to read out), meetings, cases nearing closure.
 */
export function Today() {
  const { api, t, lang, municipality, can } = useApp();
  useTitle(t('today.title'), t('app.name'));
  const m = encodeURIComponent(municipality);
  const hasToday = can('GET /municipalities/{municipalityId}/today');
  const data = useLoad(() => loadToday(api.get, m, hasToday), [municipality, hasToday], 30_000);
  const d = data.data;
  const caseLink = (caseId: string, smr: string | undefined) => <a href={href(`/cases/${encodeURIComponent(caseId)}`)}>{smr ?? t('today.openCase')}</a>;
  const office = (r: ReferralLine) => (r.office ? directoryText(r.office, lang) : label(t, 'office', r.officeKind));
  // A sensitive need (health, a victim's circumstances) is not spelled out in a list; the case shows it.
  const need = (r: ReferralLine) => (r.sensitive ? t('today.confidential') : label(t, 'need', r.need));
  // A family waiting for the promised call is a call to make as much as a message that failed.
  const cannotCome = d?.cannotCome ?? [];
  const blocked = d?.blocked ?? [];
  return (
    <>
      <PageTitle>{t('today.title')}</PageTitle>
      <LoadError error={data.error} />
      {!d ? (
        data.error ? null : <Loading />
      ) : (
        <>
          <section aria-labelledby="counts-h">
            <h2 id="counts-h" class="visually-hidden">
              {t('today.counts')}
            </h2>
            <ul class="cards">
              {(
                [
                  ['overdue', d.counts.overdue, 'today.overdue', '#overdue-h'],
                  ['declined', d.counts.declined, 'today.declined', '#declined-h'],
                  ['visits', d.counts.homeVisits, 'today.homeVisits', '#visits-h'],
                  ['followups', d.counts.followUps + cannotCome.length, 'today.followUps', '#followups-h'],
                  ['blocked', blocked.length, 'today.blocked', '#blocked-h'],
                  ['week', d.counts.appointments + d.counts.deadlines, 'today.appointmentsCount', '#appointments-h'],
                  ['closure', d.counts.nearingClosure, 'today.nearingClosure', '#closure-h'],
                ] as const
              ).map(([key, n, text, target]) => (
                <li key={key} class={n && key !== 'closure' && key !== 'week' ? 'card card-alert' : 'card'}>
                  {n ? (
                    <a href={target} onClick={(e) => (e.preventDefault(), document.querySelector<HTMLElement>(target)?.focus())}>
                      <span class="count">{n}</span> {t(text)}
                    </a>
                  ) : (
                    <>
                      <span class="count">0</span> {t(text)}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </section>

          <Section
            id="overdue-h"
            title={t('todayList.overdue')}
            items={d.overdue.map((r) => (
              <li key={r.referralId}>
                {caseLink(r.caseId, r.smrCaseId)} <span>{need(r)} → {office(r)}</span>{' '}
                <span class="meta">· {t('today.due', { date: formatDate(r.ackDueDate) })}</span> {r.flagged ? <Badge tone="bad">{t('today.callOffice')}</Badge> : null}
              </li>
            ))}
          />
          <Section
            id="declined-h"
            title={t('todayList.declined')}
            items={d.declined.map((r) => (
              <li key={r.referralId}>
                {caseLink(r.caseId, r.smrCaseId)} <span>{need(r)} → {office(r)}</span>
                {r.declineReason ? <span class="meta"> · {label(t, 'decline', r.declineReason)}</span> : null}
              </li>
            ))}
          />
          <Section
            id="visits-h"
            title={t('todayList.homeVisitsDue')}
            items={d.homeVisits.map((v) => (
              <li key={v.caseId}>
                {caseLink(v.caseId, v.smrCaseId)}{' '}
                <span class="meta">
                  {t('case.arrived', { date: formatDate(v.arrivalDate) })} · {t('today.persons', { n: v.householdSize })} · {t('today.visitBy', { date: formatDate(v.lastDay) })}
                </span>{' '}
                {v.overdue ? <Badge tone="bad">{t('today.late')}</Badge> : null}
              </li>
            ))}
          />
          <Section
            id="followups-h"
            title={t('today.followUpsNow')}
            empty={t('today.noFollowUps')}
            items={[
              ...d.followUps.map((f) => (
                <li key={f.followUpId}>
                  {caseLink(f.caseId, f.smrCaseId)}{' '}
                  <span class="meta">
                    {t(f.channel === 'sms' ? 'followUps.smsFailed' : 'followUps.emailFailed')} · {label(t, 'reason', f.reason)} · {formatDateTime(f.since)}
                  </span>{' '}
                  <a href={href('/follow-ups')}>{t('today.recordOutcome')}</a>
                </li>
              )),
              ...cannotCome.map((c) => (
                <li key={c.followUpId} class="cannot-come">
                  {caseLink(c.caseId, c.smrCaseId)} <strong>{t('today.cannotCome')}</strong>{' '}
                  <span class="meta">
                    · {cannotComeStep(t, c)} · {formatDateTime(c.since)}
                  </span>{' '}
                  <a href={href('/follow-ups')}>{t('today.recordOutcome')}</a>
                </li>
              )),
            ]}
          />
          <Section
            id="blocked-h"
            title={t('todayList.blocked')}
            items={blocked.map((r) => (
              <li key={r.referralId}>
                {caseLink(r.caseId, r.smrCaseId)} <span>{need(r)} → {office(r)}</span>
                {r.since ? <span class="meta"> · {t('today.blockedSince', { date: formatDate(r.since) })}</span> : null}
              </li>
            ))}
          />
          <Section
            id="appointments-h"
            title={t('todayList.appointments')}
            items={d.appointments.map((a) => (
              <li key={a.appointmentId}>
                <strong>{formatDateTime(a.when)}</strong> {caseLink(a.caseId, a.smrCaseId)} {label(t, 'appointment', a.kind)}: {a.title} <span class="meta">· {a.where}</span>
              </li>
            ))}
          />
          <Section
            id="meetings-h"
            title={t('today.meetingsThisWeek')}
            empty={t('today.noMeetings')}
            items={d.meetings.map((x) => (
              <li key={x.meetingId}>
                <a href={href(`/meetings/${encodeURIComponent(x.meetingId)}`)}>{x.title || label(t, 'meetingKind', x.kind)}</a>{' '}
                <span class="meta">
                  {formatDateTime(x.start)}–{formatTime(x.end)} · {x.location}
                </span>
              </li>
            ))}
          />
          <Section
            id="closure-h"
            title={t('todayList.nearingClosure')}
            items={d.nearingClosure.map((c) => (
              <li key={c.caseId}>
                {caseLink(c.caseId, c.smrCaseId)} <span class="meta">· {t('today.closesOn', { date: formatDate(c.closureDate) })}</span>
              </li>
            ))}
          />
        </>
      )}
    </>
  );
}
