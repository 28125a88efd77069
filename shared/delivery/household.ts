import type { Logger } from '@aws-lambda-powertools/logger';
import type { Directory } from '../directory/directory.js';
import type { SmsPolicy } from '../domain/sms-policy.js';
import { isHouseholdPart, renderAny, type HouseholdPart, type HouseholdSmsData, type SmsStats } from '../messages/index.js';
import { applySmsPolicy } from '../messages/sms-policy.js';
import type { IntentItem } from '../store/intent.js';
import type { IntentRepository } from '../store/ports.js';
import { byCodeUnit } from '../domain/order.js';
import { appointmentNoticeOf, isStale } from './stale.js';

/**
 * One SMS per household per send window. When an SMS to a case's returnee is about to go out, the
 * other SMS of the same case due now (queued, or deferred and due though the sweep has not
 * released them yet: four referrals decided at night, a morning reminder, the home visit planned
 * that night) go with it, as one message listing the next steps. Each is claimed like any intent
 * (a lost claim: another attempt has it, and it is left to that attempt), so none is sent twice;
 * each is recorded `sent` with the message's provider id (`mergedInto` the first), so none is lost
 * and a later delivery of it finds it sent. Over the municipality's segment cap, the steps are
 * split into the fewest SMS under it.
 */

export interface HouseholdDeps {
  intents: Pick<IntentRepository, 'dueSmsOf' | 'claimDue'>;
  directory: Pick<Directory, 'municipality'>;
  logger: Logger;
}

/**
 * The case's other SMS due now that can go in the same message as `leader` (just claimed under
 * `lease`): claimed under the same lease, in the order they were written. A failed read or claim
 * leaves the rest to go alone, as they would have: the leader is never held up by its household.
 */
export async function claimHousehold(leader: IntentItem, lease: number, nowIso: string, deps: HouseholdDeps): Promise<IntentItem[]> {
  if (leader.channel !== 'sms' || !leader.caseId || !isHouseholdPart(leader.template)) return [];
  const log = { caseId: leader.caseId, intentId: leader.intentId };
  let due: IntentItem[];
  try {
    due = await deps.intents.dueSmsOf(leader.caseId, nowIso);
  } catch (err) {
    deps.logger.warn('household SMS not read; this one goes alone', { ...log, error: (err as Error)?.name ?? 'Error' });
    return [];
  }
  // A reminder too late for its words is not merged: its own delivery ends it Stale (stale.ts).
  const now = new Date(nowIso);
  const candidates = due.filter(
    (i) => i.intentId !== leader.intentId && isHouseholdPart(i.template) && i.recipient === leader.recipient && i.languages[0] === leader.languages[0] && !isStale(i, now),
  );
  const claimed: IntentItem[] = [];
  for (const c of candidates) {
    try {
      const claim = await deps.intents.claimDue(c, lease, nowIso, leader.intentId);
      if (claim.claimed) claimed.push(claim.intent);
    } catch (err) {
      // Unknown whether the claim took: an intent left `sending` under our lease is found by the
      // sweep at the lease's end (unconfirmed, never resent); the rest go alone.
      deps.logger.warn('household SMS claim failed; the rest go alone', { ...log, error: (err as Error)?.name ?? 'Error' });
      break;
    }
  }
  return claimed;
}

/**
 * The order the steps are listed in: the welcome opens; today's appointments and deadlines, and
 * the appointments moved or cancelled, by time; the home visit (a day or two ahead, at a set
 * time); the referrals and acceptances as they were made (created, then their place in the
 * assessment that made them together; intents written before stepOrder by their routing time);
 * a grant call last (weeks to apply). The id last only makes the order the same every time: an
 * assessment's referral ids are hashes, not times.
 */
export function householdOrder(members: readonly IntentItem[]): IntentItem[] {
  const rank = (i: IntentItem) =>
    i.template === 'case.returnee.welcome' || i.template === 'case.foreigner.welcome'
      ? 0
      : i.template.startsWith('appointment.') || i.template.startsWith('deadline.')
        ? 1
        : i.template.startsWith('visit.')
          ? 2
          : i.template === 'grant.returnee.call'
            ? 4
            : 3;
  // A reminder's time is `when`, an appointment's move or cancellation's `start`.
  const at = (i: IntentItem) => (typeof i.data.when === 'string' ? i.data.when : typeof i.data.start === 'string' ? i.data.start : undefined);
  const when = (i: IntentItem) => (rank(i) === 1 ? at(i) : undefined) ?? i.stepOrder ?? i.createdAt;
  return [...members].sort((a, b) => rank(a) - rank(b) || byCodeUnit(when(a), when(b)) || byCodeUnit(a.intentId, b.intentId));
}

/** An SMS ready to go: after the cost policy, and as written (what a coordinator passes on by phone). */
export interface PolicedSms {
  text: string;
  written: string;
  stats: SmsStats;
  transliterated: boolean;
  withinCap: boolean;
  policy: SmsPolicy;
}

/** One message to send and the intents it carries (the first leads; the others are `mergedInto` it). */
export interface HouseholdMessage {
  members: IntentItem[];
  sms: PolicedSms;
}

/** An intent with what it is rendered with (its data, with anything signed at send time), and its SMS as it would go alone. */
export interface ToRender {
  intent: IntentItem;
  data: Record<string, unknown>;
  alone?: { sms?: PolicedSms };
}

/** One SMS in its language under the municipality's policy. */
function policed(written: string, intent: IntentItem, policy: SmsPolicy): PolicedSms {
  return { ...applySmsPolicy(written, intent.languages[0]!, policy), written, policy };
}

/**
 * The messages a household's SMS go out as: one when they fit the cap together, else the fewest
 * (each step added to the message before it while that still fits; steps keep their order). A
 * message of one step is that intent's own SMS, exactly as it would go alone. Throws if a template
 * cannot render (the caller renders each alone first).
 */
export function householdMessages(parts: readonly ToRender[], policy: SmsPolicy, directory: HouseholdDeps['directory']): HouseholdMessage[] {
  const render = (group: readonly ToRender[]): PolicedSms => {
    const first = group[0]!;
    if (group.length === 1) return first.alone?.sms ?? policed(renderAny(first.intent.template, first.data, first.intent.languages).sms!, first.intent, policy);
    const data = householdData(group, directory);
    const text = renderAny('household.returnee.sms', data, first.intent.languages).sms!;
    // What a coordinator passes on should it fail: every step in full, and never the page's link (a credential).
    const written = data.pageUrl === undefined ? text : renderAny('household.returnee.sms', { ...data, pageUrl: undefined }, first.intent.languages).sms!;
    return { ...applySmsPolicy(text, first.intent.languages[0]!, policy), written, policy };
  };
  const messages: HouseholdMessage[] = [];
  let current: ToRender[] = [];
  let sms: PolicedSms | undefined;
  for (const part of parts) {
    if (current.length > 0) {
      const together = render([...current, part]);
      if (together.withinCap) {
        current.push(part);
        sms = together;
        continue;
      }
      messages.push({ members: current.map((p) => p.intent), sms: sms! });
    }
    current = [part];
    sms = render(current);
  }
  if (current.length > 0) messages.push({ members: current.map((p) => p.intent), sms: sms! });
  return messages;
}

/** What the combined template is rendered with: who it is from, whom to ask, the steps and the page. */
function householdData(group: readonly ToRender[], directory: HouseholdDeps['directory']): Record<string, unknown> {
  // Every step's data names the coordinator's office and phone; the welcome names the municipality too.
  const d = group[0]!.data as { coordinatorOffice: HouseholdSmsData['coordinatorOffice']; coordinatorPhone: string; pageUrl?: unknown };
  const muni = directory.municipality(group[0]!.intent.municipalityId ?? '');
  const welcome = group.find((p) => p.data.municipality !== undefined)?.data as { municipality?: HouseholdSmsData['municipality'] } | undefined;
  const category = group.some((p) => p.data.category === 'foreigner' || p.intent.template === 'case.foreigner.welcome') ? 'foreigner' : 'returnee';
  const pageUrl = group.map((p) => p.data.pageUrl).find((u): u is string => typeof u === 'string' && u.length > 0);
  const data: HouseholdSmsData = {
    category,
    municipality: welcome?.municipality ?? muni?.name ?? d.coordinatorOffice,
    coordinatorOffice: d.coordinatorOffice,
    coordinatorPhone: d.coordinatorPhone,
    parts: group.map((p): HouseholdPart => {
      const appointment = appointmentOf(p.intent);
      return { template: p.intent.template as HouseholdPart['template'], data: p.data, ...(appointment ? { appointment } : {}) };
    }),
    ...(pageUrl ? { pageUrl } : {}),
  };
  return data as unknown as Record<string, unknown>;
}

/** The appointment and version a morning reminder or a move is about, so that the message says both as one step. */
function appointmentOf(i: IntentItem): string | undefined {
  const notice = appointmentNoticeOf(i.sourceId);
  return notice && notice.kind !== 'evening' ? `${notice.appointmentId}#${notice.version}` : undefined;
}

/**
 * Runs the tasks of one key one after another and those of different keys at once. The deliver
 * function takes a batch's records in parallel; the records of one case go in turn, so that the
 * first takes the household's other SMS into its message and the rest find them sent, where each
 * would otherwise claim its own at the same moment and go alone.
 */
export function inTurnPer<K>(): <T>(key: K, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<K, Promise<unknown>>();
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return run;
  };
}
