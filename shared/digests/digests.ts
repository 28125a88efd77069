import type { Logger } from '@aws-lambda-powertools/logger';
import { getISODay } from 'date-fns';
import type { Directory } from '../directory/directory.js';
import type { Coordinator, Municipality } from '../directory/schema.js';
import { addDays, localDate, wallClockOf } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import { choicesInForce } from '../domain/digest.js';
import { isSensitive, type OfficeKind } from '../domain/vocabulary.js';
import type { DigestAnswer, DigestData } from '../messages/coordination-data.js';
import type { AuditItem } from '../store/audit.js';
import { caseIntentRef, intentId, intentItem, queuedEmailTo, type IntentItem } from '../store/intent.js';
import type { CaseFileRepository, CaseRepository, CoordinatorSettingsRepository, IntentRepository, ReferralRepository, WorklistRepository } from '../store/ports.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import { caseCoordinator } from '../directory/coordinator.js';
import { dueFor, readDue, type DueLines } from './due.js';

/** Days of appointments and deadlines a digest looks ahead. */
export const UPCOMING_DAYS = 7;

/** What counts as "something changed" for a daily digest: not the platform's own sends. */
const CHANGES = /^(case\.created|case\.closed|referral\.(sent|accepted|declined|completed|not_completed|cancelled)|timer\.(referral\.ack\.(escalation|flag)|visit\.escalation)|notification\.(failed|unconfirmed))$/;

export interface DigestDeps {
  worklists: WorklistRepository;
  cases: Pick<CaseRepository, 'get'>;
  referrals: Pick<ReferralRepository, 'get'>;
  intents: Pick<IntentRepository, 'putIfAbsent' | 'get'>;
  settings: Pick<CoordinatorSettingsRepository, 'choices'>;
  caseFile: Pick<CaseFileRepository, 'monitoring'>;
  holidays: HolidayCalendar;
  directory: Directory;
  clock: Clock;
  retentionDays: number;
  logger: Logger;
}

/** The local days a digest covers: yesterday, or last Monday to Sunday. */
export function digestPeriod(frequency: 'daily' | 'weekly', today: string): { start: string; end: string } {
  const end = addDays(today, -1);
  return { start: frequency === 'daily' ? end : addDays(today, -7), end };
}

const days = (p: { start: string; end: string }) => {
  const out: string[] = [];
  for (let d = p.start; d <= p.end; d = addDays(d, 1)) out.push(d);
  return out;
};

/** What changed in the municipality during the period: its activity feed, one partition per day. */
async function periodChanges(muni: Municipality, period: { start: string; end: string }, deps: DigestDeps): Promise<AuditItem[]> {
  const events: AuditItem[] = [];
  for (const day of days(period)) events.push(...(await deps.worklists.feed(muni.id, day)));
  return events.filter((e) => CHANGES.test(e.event));
}

/** What a digest shows of a case, read once per run. */
type CaseRef = { smrCaseId: string; arrivalDate: string; coordinatorId?: string };

/**
 * Audit entries hold ids and codes only: a new case, an escalation, a failure or an answer has
 * its case read once for its SMR id (arrival, coordinator). A case erased since then is named by its id.
 */
function caseReader(deps: Pick<DigestDeps, 'cases'>, cache: Map<string, CaseRef>) {
  return async (caseId: string): Promise<CaseRef> => {
    if (!cache.has(caseId)) {
      const c = await deps.cases.get(caseId);
      cache.set(caseId, { smrCaseId: c?.smrCaseId ?? caseId, arrivalDate: c?.arrivalDate ?? '', ...(c ? { coordinatorId: c.coordinatorId } : {}) });
    }
    return cache.get(caseId)!;
  };
}

const ANSWERS: Record<string, DigestAnswer['answer']> = { 'referral.accepted': 'accepted', 'referral.completed': 'completed' };

/** An answer of the period, with whom it is for and what it is about. */
type PeriodAnswer = DigestAnswer & { coordinatorId: string; caseId: string; referralId: string };

/**
 * Coordinators without a daily digest of their own who still get the day's: an answer of theirs
 * has no email (it was left to the digest while they had one, and they dropped it since), so the
 * digest is the only place it is told. One intent read per such coordinator's answer of the day.
 */
async function leftToDigest<T extends { c: Coordinator }>(without: readonly T[], answers: readonly PeriodAnswer[], deps: Pick<DigestDeps, 'intents'>): Promise<T[]> {
  const out: T[] = [];
  for (const x of without) {
    for (const a of answers.filter((a) => a.coordinatorId === x.c.id)) {
      const email = await deps.intents.get(caseIntentRef(a.caseId, intentId(a.referralId, `answer.${a.answer}`, x.c.id)));
      if (!email) {
        out.push(x);
        break;
      }
    }
  }
  return out;
}

/**
 * The period's acceptances and "done", each with the coordinator who hears of it (as the email
 * would have gone: the case's coordinator, planAnswerNotifications' caseCoordinator). The office is
 * the one that answered (`office:<id>` by link, `onBehalfOf` when recorded from its call), else the
 * municipality's office of that kind.
 */
export async function periodAnswers(muni: Municipality, changes: readonly AuditItem[], deps: Pick<DigestDeps, 'cases'>, cases = new Map<string, CaseRef>()): Promise<PeriodAnswer[]> {
  const caseOf = caseReader(deps, cases);
  const out: PeriodAnswer[] = [];
  for (const e of changes) {
    const answer = ANSWERS[e.event];
    if (!answer || !e.caseId) continue;
    const officeId = [e.by, e.detail?.onBehalfOf].find((b) => b?.startsWith('office:'))?.slice('office:'.length);
    const office = muni.offices.find((o) => o.id === officeId) ?? muni.offices.find((o) => o.kind === e.detail?.officeKind);
    if (!office) continue;
    const c = await caseOf(e.caseId);
    out.push({ smrCaseId: c.smrCaseId, office: office.name, answer, at: e.at, coordinatorId: caseCoordinator(muni, c).id, caseId: e.caseId, referralId: e.subjectId });
  }
  return out;
}

/** The municipality's digest for a period: what happened (`changes`, from its feed) and what is pending (worklists). */
export async function buildDigest(
  muni: Municipality,
  frequency: 'daily' | 'weekly',
  period: { start: string; end: string },
  now: Date,
  deps: DigestDeps,
  changes: readonly AuditItem[],
  cases = new Map<string, CaseRef>(),
): Promise<Omit<DigestData, 'coordinatorName'>> {
  const today = localDate(now);
  const [awaiting, upcoming] = await Promise.all([
    deps.worklists.awaitingAck(muni.id, { through: addDays(today, -1) }),
    deps.worklists.appointments(muni.id, { from: now.toISOString(), through: new Date(now.getTime() + UPCOMING_DAYS * 86_400_000).toISOString() }),
  ]);
  const overdue = awaiting;
  const officeOf = (kind: string | undefined) => muni.offices.find((o) => o.kind === kind);

  const caseOf = caseReader(deps, cases);
  const smrOf = async (caseId: string | undefined): Promise<string> => (caseId ? (await caseOf(caseId)).smrCaseId : '');

  type Row = DigestData['referralsByOffice'][number];
  const perOffice = new Map<OfficeKind, Omit<Row, 'office'>>();
  const bump = (kind: string | undefined, field: Exclude<keyof Row, 'office'>) => {
    if (!kind || !officeOf(kind)) return;
    const row = perOffice.get(kind as OfficeKind) ?? { sent: 0, accepted: 0, declined: 0, completed: 0, notCompleted: 0, overdue: 0 };
    row[field]++;
    perOffice.set(kind as OfficeKind, row);
  };
  const newCases: DigestData['newCases'] = [];
  const escalations: DigestData['escalations'] = [];
  const failedDeliveries: DigestData['failedDeliveries'] = [];
  for (const e of changes) {
    if (e.event === 'case.created') {
      if (!e.caseId) continue;
      newCases.push({ ...(await caseOf(e.caseId)), householdSize: Number(e.detail?.householdSize ?? 0) });
    } else if (e.event === 'referral.sent') bump(e.detail?.officeKind, 'sent');
    else if (e.event === 'referral.accepted') bump(e.detail?.officeKind, 'accepted');
    else if (e.event === 'referral.declined') bump(e.detail?.officeKind, 'declined');
    else if (e.event === 'referral.completed') bump(e.detail?.officeKind, 'completed');
    // "Not done" is an outcome too, but not a service given: it has its own column.
    else if (e.event === 'referral.not_completed') bump(e.detail?.officeKind, 'notCompleted');
    else if (e.event.startsWith('timer.') && e.detail?.outcome === 'fired') {
      const kind = e.event === 'timer.visit.escalation' ? 'home_visit' : e.event === 'timer.referral.ack.flag' ? 'coordinator_flag' : 'head_of_office';
      let office: DigestData['escalations'][number]['office'];
      if (kind !== 'home_visit' && e.caseId) office = officeOf((await deps.referrals.get(e.caseId, e.subjectId))?.officeKind)?.name;
      escalations.push({ smrCaseId: await smrOf(e.caseId), kind, ...(office ? { office } : {}), at: e.at });
    } else if (e.event === 'notification.failed' || e.event === 'notification.unconfirmed') {
      if (!e.caseId) continue;
      failedDeliveries.push({ smrCaseId: await smrOf(e.caseId), channel: e.detail?.channel === 'sms' ? 'sms' : 'email', status: e.event === 'notification.failed' ? 'failed' : 'unconfirmed', at: e.at });
    }
  }
  for (const r of overdue) bump(r.officeKind, 'overdue');
  const data: Omit<DigestData, 'coordinatorName'> = {
    frequency,
    municipality: muni.name,
    coordinatorOffice: muni.coordinatorOffice,
    periodStart: period.start,
    periodEnd: period.end,
    newCases,
    referralsByOffice: [...perOffice.entries()].map(([kind, row]) => ({ office: officeOf(kind)!.name, ...row })),
    overdue: overdue.map((r) => ({
      kind: 'overdue' as const,
      smrCaseId: r.smrCaseId ?? r.caseId,
      ...(officeOf(r.officeKind) ? { office: officeOf(r.officeKind)!.name } : {}),
      need: r.need,
      date: r.ackDueDate,
      sensitive: isSensitive(r),
    })),
    upcomingAppointments: upcoming.map((a) => ({ smrCaseId: a.smrCaseId ?? a.caseId, kind: a.kind, when: a.when, title: a.title })),
    escalations,
    failedDeliveries,
  };
  return data;
}

/**
 * The morning run (07:30 Kosovo time): each coordinator gets the daily digest if they chose it
 * and something changed yesterday (or an answer of theirs was left to it: leftToDigest), and on
 * Mondays the weekly one if they chose it; each with what is due (due.ts), their own cases first. An intent's id
 * names the coordinator, kind and period, so a repeated run sends nothing twice.
 */
export async function sendDigests(deps: DigestDeps): Promise<{ queued: number; quiet: number; itemsRead: number }> {
  const now = deps.clock.now();
  const readBefore = deps.worklists.itemsRead;
  const today = localDate(now);
  const monday = getISODay(wallClockOf(today)) === 1;
  let queued = 0;
  let quiet = 0;
  for (const muni of deps.directory.municipalities()) {
    // Their own choice, or the directory's default.
    const choices = await Promise.all(muni.coordinators.map(async (c) => ({ c, choice: choicesInForce(c, await deps.settings.choices(muni.id, c.id)).digest })));
    // What is due is the same for the daily and the weekly digest; read once, when a digest goes.
    let due: DueLines | undefined;
    for (const frequency of ['daily', 'weekly'] as const) {
      if (frequency === 'weekly' && !monday) continue;
      const wanted = choices.filter(({ choice }) => choice === frequency || choice === 'both');
      const without = frequency === 'daily' ? choices.filter((x) => !wanted.includes(x)) : [];
      if (wanted.length === 0 && without.length === 0) continue;
      const period = digestPeriod(frequency, today);
      const changes = await periodChanges(muni, period, deps);
      // A quiet day sends no daily digest, and reads no worklist to find that out; the weekly one
      // goes out regardless, as the week's record.
      if (frequency === 'daily' && changes.length === 0) {
        quiet += wanted.length;
        continue;
      }
      const cases = new Map<string, CaseRef>();
      // The daily digest carries the day's acceptances and "done" whatever the coordinator's choice
      // now: one they switched to emails after an answer came still reaches them here.
      const answers = frequency === 'daily' ? await periodAnswers(muni, changes, deps, cases) : undefined;
      const recipients = [...wanted, ...(await leftToDigest(without, answers ?? [], deps))];
      if (recipients.length === 0) continue;
      const data = await buildDigest(muni, frequency, period, now, deps, changes, cases);
      due ??= await readDue(muni, now, deps);
      for (const { c } of recipients) {
        const own = answers?.filter((a) => a.coordinatorId === c.id).map(({ smrCaseId, office, answer, at }) => ({ smrCaseId, office, answer, at }));
        const digest: DigestData = { ...data, coordinatorName: c.name, due: dueFor(due, c.id), ...(own ? { answers: own } : {}) };
        if (await deps.intents.putIfAbsent(digestIntent(muni, c, frequency, period.end, digest, now, deps.retentionDays))) queued++;
      }
    }
  }
  const itemsRead = deps.worklists.itemsRead - readBefore;
  deps.logger.info('digests planned', { queued, quiet, itemsRead });
  return { queued, quiet, itemsRead };
}

function digestIntent(muni: Municipality, c: Coordinator, frequency: 'daily' | 'weekly', periodEnd: string, data: DigestData, now: Date, retentionDays: number): IntentItem {
  const id = intentId(`digest#${frequency}#${periodEnd}`, `digest.${frequency}`, c.id);
  return intentItem({ municipalityId: muni.id }, {
    intentId: id,
    municipalityId: muni.id,
    sourceId: `digest#${frequency}#${periodEnd}`,
    purpose: `digest.${frequency}`,
    template: 'digest.coordinator',
    ...queuedEmailTo(c),
    data: data as unknown as Record<string, unknown>,
    createdAt: now.toISOString(),
    // Digests name cases by SMR id and the coordinator's own appointment notes: personal data's retention.
    expiresAt: Math.floor(now.getTime() / 1000) + retentionDays * 86_400,
  });
}
