import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import type { Municipality } from '../directory/schema.js';
import { addDays, localDate, type HolidayCalendar } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import { firstWorkingDayOfQuarter, previousQuarter, quarterKey, quarterOf, type Quarter } from '../domain/quarters.js';
import type { Language } from '../domain/vocabulary.js';
import type { QuarterlyReportData } from '../messages/coordination-data.js';
import { intentId, intentItem, type IntentItem } from '../store/intent.js';
import type { IndicatorRepository, IntentRepository } from '../store/ports.js';
import { indicatorsCsv } from './indicators-csv.js';

/**
 * A report missed on the first working day (the function failed, or was deployed a day late)
 * still goes out within this many days; after that the quarter is left to a manual run.
 */
export const CATCH_UP_DAYS = 7;

export interface ReportDeps {
  indicators: IndicatorRepository;
  intents: Pick<IntentRepository, 'putIfAbsent'>;
  directory: Directory;
  holidays: HolidayCalendar;
  clock: Clock;
  logger: Logger;
}

export const csvFileName = (municipalityId: string, q: Pick<Quarter, 'year' | 'quarter'>) => `indicators-${municipalityId}-${quarterKey(q)}.csv`;

/** Who receives a municipality's quarterly report: its coordinators and the contacts its directory names (DRPR, the Mayor's office, MAPL, DRPRIH). */
export function reportRecipients(muni: Municipality): { id: string; email: string; languages: Language[] }[] {
  return [
    ...muni.coordinators.map((c) => ({ id: c.id, email: c.email, languages: [c.language] })),
    ...muni.contacts.filter((c) => muni.quarterlyReportTo.includes(c.id)).map((c) => ({ id: c.id, email: c.email, languages: [...c.languages] as Language[] })),
  ];
}

/**
 * The previous quarter's indicator report, per municipality, from its counters (one item), with
 * the CSV attached. Runs every morning and acts on the first working day of a quarter (or within
 * CATCH_UP_DAYS of it); intents are keyed by quarter and recipient, so it sends each once.
 */
export async function reportIndicators(deps: ReportDeps, force?: Quarter): Promise<{ quarter?: string; queued: number; itemsRead: number }> {
  const now = deps.clock.now();
  const readBefore = deps.indicators.itemsRead;
  const today = localDate(now);
  const current = quarterOf(now);
  const first = firstWorkingDayOfQuarter(current, deps.holidays);
  if (!force && (today < first || today > addDays(first, CATCH_UP_DAYS))) return { queued: 0, itemsRead: 0 };
  const q = force ?? previousQuarter(current);
  let queued = 0;
  for (const muni of deps.directory.municipalities()) {
    const figures = await deps.indicators.figures(muni.id, q);
    const fileName = csvFileName(muni.id, q);
    const targets = muni.indicatorTargets ?? {};
    const data: QuarterlyReportData = { municipality: muni.name, coordinatorOffice: muni.coordinatorOffice, figures, targets, csvFileName: fileName };
    const csv = { fileName, content: indicatorsCsv(muni.id, figures, targets) };
    for (const to of reportRecipients(muni)) {
      if (await deps.intents.putIfAbsent(reportIntent(muni, q, to, { ...data, csv }, now))) queued++;
    }
  }
  const itemsRead = deps.indicators.itemsRead - readBefore;
  deps.logger.info('quarterly reports planned', { quarter: quarterKey(q), queued, itemsRead });
  return { quarter: quarterKey(q), queued, itemsRead };
}

function reportIntent(muni: Municipality, q: Quarter, to: { id: string; email: string; languages: Language[] }, data: Record<string, unknown>, now: Date): IntentItem {
  const source = `report#${quarterKey(q)}`;
  const id = intentId(source, 'report.quarterly', to.id);
  return intentItem({ municipalityId: muni.id }, {
    intentId: id,
    municipalityId: muni.id,
    sourceId: source,
    purpose: 'report.quarterly',
    channel: 'email',
    template: 'report.quarterly',
    languages: to.languages,
    recipient: to.email,
    data,
    status: 'queued',
    attempts: 0,
    createdAt: now.toISOString(),
    // Counts only, no personal data; the email itself is kept a year for the record.
    expiresAt: Math.floor(now.getTime() / 1000) + 366 * 86_400,
  });
}
