import { ulid } from 'ulidx';
import type { Directory } from '../directory/directory.js';
import { addWorkingDays } from '../domain/calendar.js';
import type { CreateCaseInput, CreateReferralInput } from '../domain/case.js';
import type { Clock } from '../domain/clock.js';
import type { CaseStore, CaseView } from '../store/case-store.js';
import type { CaseItem, ReferralItem } from '../store/items.js';
import { keys } from '../store/items.js';
import { CaseNotFoundError, type ReferralStore } from '../store/referral-store.js';

/** A problem with the caller's input, found against the data (directory, case): a 4xx naming the field. */
export type IntakeProblem =
  | { kind: 'invalid'; field: string; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'conflict'; field: string; message: string; existingCaseId: string };

export type IntakeResult<T> = { ok: true; value: T } | { ok: false; problem: IntakeProblem };

export interface IntakeDeps {
  cases: CaseStore;
  referrals: ReferralStore;
  directory: Directory;
  clock: Clock;
  retentionDays: number;
}

function expiresAt(now: Date, retentionDays: number): number {
  return Math.floor(now.getTime() / 1000) + retentionDays * 86_400;
}

export async function createCase(input: CreateCaseInput, deps: IntakeDeps): Promise<IntakeResult<CaseItem>> {
  const muni = deps.directory.municipality(input.municipalityId);
  if (!muni) {
    const known = deps.directory.municipalities().map((m) => m.id).join(', ');
    return { ok: false, problem: { kind: 'invalid', field: 'municipalityId', message: `unknown municipality; known: ${known}` } };
  }
  if (!muni.coordinators.some((c) => c.id === input.coordinatorId)) {
    return { ok: false, problem: { kind: 'invalid', field: 'coordinatorId', message: `not a coordinator of ${muni.id}` } };
  }
  const now = deps.clock.now();
  const caseId = ulid(now.getTime());
  const item: CaseItem = {
    ...keys.case(caseId),
    type: 'Case',
    caseId,
    smrCaseId: input.smrCaseId,
    municipalityId: input.municipalityId,
    coordinatorId: input.coordinatorId,
    arrivalDate: input.arrivalDate,
    category: input.category,
    language: input.preferredLanguage,
    ...(input.phone ? { phone: input.phone } : {}),
    consent: input.consent,
    household: input.household,
    createdAt: now.toISOString(),
    expiresAt: expiresAt(now, deps.retentionDays),
  };
  const out = await deps.cases.create(item);
  if (!out.created) {
    return {
      ok: false,
      problem: { kind: 'conflict', field: 'smrCaseId', message: 'a case with this SMR case id already exists', existingCaseId: out.existingCaseId },
    };
  }
  return { ok: true, value: item };
}

export async function createReferral(caseId: string, input: CreateReferralInput, deps: IntakeDeps): Promise<IntakeResult<ReferralItem>> {
  const theCase = await deps.cases.get(caseId);
  if (!theCase) return { ok: false, problem: { kind: 'not-found', message: `no case ${caseId}` } };
  const office = deps.directory.office(theCase.municipalityId, input.officeKind);
  if (!office) {
    return {
      ok: false,
      problem: { kind: 'invalid', field: 'officeKind', message: `the ${theCase.municipalityId} directory has no ${input.officeKind} office` },
    };
  }
  const members = new Set(theCase.household.map((m) => m.id));
  const personIds = input.personIds ?? theCase.household.map((m) => m.id);
  const unknown = personIds.findIndex((p) => !members.has(p));
  if (unknown >= 0) {
    return { ok: false, problem: { kind: 'invalid', field: `personIds.${unknown}`, message: 'not a member of this household' } };
  }
  const muni = deps.directory.municipality(theCase.municipalityId)!;
  const now = deps.clock.now();
  const referralId = ulid(now.getTime());
  const item: ReferralItem = {
    ...keys.referral(caseId, referralId),
    type: 'Referral',
    caseId,
    referralId,
    municipalityId: theCase.municipalityId,
    officeKind: input.officeKind,
    officeId: office.id,
    need: input.need,
    personIds: [...new Set(personIds)],
    categories: input.categories ?? [],
    ...(input.note ? { note: input.note } : {}),
    status: 'created',
    ackDueDate: addWorkingDays(now, muni.ackWorkingDays),
    createdAt: now.toISOString(),
    expiresAt: theCase.expiresAt,
  };
  try {
    await deps.referrals.create(item);
  } catch (err) {
    if (err instanceof CaseNotFoundError) return { ok: false, problem: { kind: 'not-found', message: `no case ${caseId}` } };
    throw err;
  }
  return { ok: true, value: item };
}

/** What GET /cases/{id} shows: the case, and per referral where each notification stands. No message bodies. */
export function presentCase(view: CaseView) {
  const c = view.case;
  return {
    caseId: c.caseId,
    smrCaseId: c.smrCaseId,
    municipalityId: c.municipalityId,
    coordinatorId: c.coordinatorId,
    arrivalDate: c.arrivalDate,
    category: c.category,
    preferredLanguage: c.language,
    consent: c.consent,
    household: c.household,
    createdAt: c.createdAt,
    referrals: view.referrals.map((r) => ({
      referralId: r.referralId,
      officeKind: r.officeKind,
      officeId: r.officeId,
      need: r.need,
      personIds: r.personIds,
      categories: r.categories,
      status: r.status,
      ackDueDate: r.ackDueDate,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      notifications: view.intents
        .filter((i) => i.referralId === r.referralId)
        .map((i) => ({
          channel: i.channel,
          purpose: i.purpose,
          template: i.template,
          languages: i.languages,
          status: i.status,
          skipReason: i.skipReason,
          notBefore: i.notBefore,
          attempts: i.attempts,
          providerMessageId: i.providerMessageId,
          sms: i.sms,
          failure: i.failure,
          sentAt: i.sentAt,
        })),
    })),
  };
}
