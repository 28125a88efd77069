import type { Clock } from '../domain/clock.js';
import { namesCase } from '../store/meeting.js';
import { auditItem } from '../store/audit.js';
import type { RetentionRepository, WorklistRepository } from '../store/ports.js';

/**
 * A data subject's right of access (Law No. 06/L-082 on the protection of personal data, Art. 15
 * as the GDPR's): everything the platform holds about a case, as stored, in one JSON document.
 * The case's partition holds the case, its referrals, notification intents (with what they say
 * until they are sent), appointments, timers and audit entries; outside it are the SMR-id claim
 * and the meetings whose minutes name the case. The indicator counters hold numbers only, and
 * address statuses belong to offices' addresses: neither is about a person.
 */
export interface CaseExport {
  caseId: string;
  exportedAt: string;
  /** The operator who asked, as the audit records it. */
  exportedBy: string;
  /** What the export holds, and what it does not and why. */
  note: string;
  case: Record<string, unknown> | null;
  smrClaim: Record<string, unknown> | null;
  referrals: Record<string, unknown>[];
  intents: Record<string, unknown>[];
  appointments: Record<string, unknown>[];
  timers: Record<string, unknown>[];
  audit: Record<string, unknown>[];
  /** Items of any other kind in the case's partition: an export never leaves anything out. */
  other: Record<string, unknown>[];
  /**
   * Meetings whose minutes list the case among the cases discussed (ids and times, they name no
   * returnee), with the free-text note older minutes kept, which might.
   */
  meetings: { meetingId: string; municipalityId: string; kind: string; start: string; status: string; minutesNote?: string }[];
}

export interface ExportDeps {
  store: Pick<RetentionRepository, 'items' | 'claim' | 'record'>;
  worklists: Pick<WorklistRepository, 'meetings'>;
  clock: Clock;
}

const NOTE =
  'Every item of the case as stored (keys and index fields included). Not included, because they hold no personal data: ' +
  "the municipality's indicator counters (numbers only) and address statuses (offices' addresses, stored as hashes). " +
  'A sent SMS keeps neither its text nor the number (only its hash and last digits); a delivered email keeps no text.';

const KINDS = { Referral: 'referrals', Intent: 'intents', Appointment: 'appointments', Timer: 'timers', Audit: 'audit' } as const;

/**
 * Everything held about `caseId`, and the export on record (`case.exported`, which operator);
 * undefined when nothing at all is held (no such case, or its audit entries too are gone).
 */
export async function exportCase(caseId: string, operator: string, deps: ExportDeps): Promise<CaseExport | undefined> {
  const items: Record<string, unknown>[] = [];
  for await (const page of deps.store.items(caseId)) items.push(...page);
  if (items.length === 0) return undefined;

  const at = deps.clock.now().toISOString();
  const by = `operator:${operator}`;
  const out: CaseExport = {
    caseId,
    exportedAt: at,
    exportedBy: by,
    note: NOTE,
    case: null,
    smrClaim: null,
    referrals: [],
    intents: [],
    appointments: [],
    timers: [],
    audit: [],
    other: [],
    meetings: [],
  };
  for (const item of items) {
    if (item.type === 'Case') out.case = item;
    else out[KINDS[item.type as keyof typeof KINDS] ?? 'other'].push(item);
  }
  const smr = typeof out.case?.smrCaseId === 'string' ? out.case.smrCaseId : undefined;
  const municipalityId = typeof out.case?.municipalityId === 'string' ? out.case.municipalityId : undefined;
  if (smr && municipalityId) {
    out.smrClaim = (await deps.store.claim(smr)) ?? null;
    for (const m of await deps.worklists.meetings(municipalityId)) {
      if (m.casesDiscussed?.some(namesCase({ caseId, smrCaseId: smr }))) {
        out.meetings.push({ meetingId: m.meetingId, municipalityId: m.municipalityId, kind: m.kind, start: m.start, status: m.status, ...(m.minutesNote ? { minutesNote: m.minutesNote } : {}) });
      }
    }
  }
  await deps.store.record(auditItem(caseId, caseId, at, { event: 'case.exported', by, byRole: 'operator', via: 'cli', detail: { items: String(items.length) } }));
  return out;
}
