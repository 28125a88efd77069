import type { Logger } from '@aws-lambda-powertools/logger';
import { deliverClaimed, type DeliverDeps, type Known } from '../delivery/deliver-intent.js';
import { householdOrder } from '../delivery/household.js';
import { isHouseholdPart } from '../messages/index.js';
import type { Directory } from '../directory/directory.js';
import type { Clock } from '../domain/clock.js';
import { isUnanswered } from '../domain/referral-state.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import { claimedAtWrite, type IntentItem } from '../store/intent.js';
import type { CaseRepository, DecisionGuard, IntentRepository, ReferralRepository, TimerRepository } from '../store/ports.js';
import type { CaseItem } from '../store/case.js';
import type { TimerItem } from '../store/timer.js';
import { routingCaseOf, type ReferralItem, type RoutingCase } from '../store/referral.js';
import { referralAckLadder } from '../timers/plan.js';
import { planReferralNotifications, RoutingError } from './plan-notifications.js';

export interface RouteDeps {
  cases: Pick<CaseRepository, 'get'>;
  /** Read only when routing falls back to the intents' stream: is the referral still to be sent? */
  referrals: Pick<ReferralRepository, 'get'>;
  intents: Pick<IntentRepository, 'get' | 'putIfAbsent' | 'writeDecision'>;
  timers: Pick<TimerRepository, 'putIfAbsent' | 'hasReferralLadder'>;
  holidays: HolidayCalendar;
  directory: Directory;
  clock: Clock;
  logger: Logger;
  /**
   * The deliver use case's dependencies: with them, what may go out now goes out from the
   * invocation that decided it (the one hop); without them, every intent is left to the intents'
   * stream and the deliver function.
   */
  deliver?: DeliverDeps;
}

/**
 * Items one DynamoDB transaction may hold: a case's referrals routed together are written in as
 * few transactions as fit under it (with batches of 10, one).
 */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * Turns one new referral into its notification intents and its acknowledgement ladder, and, with
 * `deps.deliver`, sends what may go out now. Safe to repeat: nothing is written twice, so a
 * redelivered stream record changes and sends nothing.
 */
export async function routeReferral(referral: ReferralItem, deps: RouteDeps): Promise<void> {
  const [outcome] = await routeCase([referral], deps);
  if (outcome!.status === 'rejected') throw outcome!.reason;
}

/**
 * A stream batch's referrals, each case's together (an assessment makes several in one write; a
 * coordinator makes them in one sitting): one decision write per case, each office its own email,
 * and the family one SMS listing them all (the household's message). Each referral's outcome, in
 * the order given: one that cannot be routed (a referral naming an office the directory no longer
 * has) fails alone, and the others of its case go without it.
 */
export async function routeReferrals(referrals: readonly ReferralItem[], deps: RouteDeps): Promise<PromiseSettledResult<void>[]> {
  const byCase = new Map<string, ReferralItem[]>();
  for (const r of referrals) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
  const outcomes = new Map<string, PromiseSettledResult<void>>();
  // Cases are independent (their own partition, their own SMS): routed at once, each case's failure its own.
  await Promise.allSettled(
    [...byCase.values()].map(async (group) => {
      const settled = await routeCase(group, deps).catch((reason: unknown) => group.map((): PromiseSettledResult<void> => ({ status: 'rejected', reason })));
      group.forEach((r, k) => outcomes.set(r.referralId, settled[k]!));
    }),
  );
  return referrals.map((r) => outcomes.get(r.referralId)!);
}

/** A referral planned: what it is to write, and the case as it was read for it. */
interface Planned {
  referral: ReferralItem;
  theCase: RoutingCase;
  fromSnapshot: boolean;
  intents: IntentItem[];
  timers: TimerItem[];
}

const FULFILLED: PromiseSettledResult<void> = { status: 'fulfilled', value: undefined };
const settle = (p: Promise<unknown>): Promise<PromiseSettledResult<void>> =>
  p.then(
    () => FULFILLED,
    (reason: unknown) => ({ status: 'rejected', reason }),
  );

/** One case's referrals (of one batch); each one's outcome, in the order given. */
async function routeCase(group: readonly ReferralItem[], deps: RouteDeps): Promise<PromiseSettledResult<void>[]> {
  const outcomes = new Map<string, PromiseSettledResult<void>>();
  // A referral twice in one batch (its record redelivered with the next) is routed once.
  const unique = [...new Map(group.map((r) => [r.referralId, r])).values()];
  const done = () => group.map((r) => outcomes.get(r.referralId)!);
  if (!deps.deliver) {
    for (const r of unique) outcomes.set(r.referralId, await settle(routeThroughStream(r, deps)));
    return done();
  }
  const now = deps.clock.now();
  const planned: Planned[] = [];
  let caseRead: Promise<RoutingCase> | undefined;
  for (const referral of unique) {
    try {
      // What routing needs of the case travels with the referral (intake's snapshot); an older one reads it, once for the batch.
      const snapshot = routingCaseOf(referral);
      const theCase = snapshot ?? (await (caseRead ??= caseOf(referral, deps)));
      planned.push({ referral, theCase, fromSnapshot: snapshot !== undefined, intents: plan(referral, theCase, deps, now), timers: referralAckLadder(referral, deps.holidays, now) });
    } catch (err) {
      outcomes.set(referral.referralId, { status: 'rejected', reason: err });
    }
  }
  // Referrals made before and after a change of the returnee's consent, number or language disagree
  // on whom to text, or in which words (each SMS intent holds its offices' names in its own language
  // only): each is decided alone, and its own check sends it to the case as it is now.
  const contact = (p: Planned) => `${p.theCase.consent.sms}|${p.theCase.phone ?? ''}|${p.theCase.language}`;
  const agree = planned.every((p) => contact(p) === contact(planned[0]!));
  for (const chunk of agree ? chunks(planned) : planned.map((p) => [p])) {
    const set = (outcome: PromiseSettledResult<void>) => chunk.forEach((p) => outcomes.set(p.referral.referralId, outcome));
    try {
      if ((await decideTogether(chunk, deps, deps.deliver, now)) === 'sent') {
        set(FULFILLED);
        continue;
      }
    } catch (reason) {
      // A write refused for the chunk as a whole is tried referral by referral, so that whatever
      // it was holds up only the referral it concerns; one referral's refusal is its own.
      if (chunk.length === 1) {
        set({ status: 'rejected', reason });
        continue;
      }
      deps.logger.warn('the case\'s referrals could not be written together; one by one', { caseId: chunk[0]!.referral.caseId, referrals: chunk.length, error: reason instanceof Error ? reason.name : 'unknown' });
    }
    // Not written as one (routed before, a recipient to check, a referral cancelled meanwhile): one
    // by one, as without the one hop, but the family's SMS of those decided here still go as one.
    // The lease runs from now, not from the batch's start: the referrals before may have taken a while.
    const later = chunk.length > 1 ? smsLater(chunk, deps.deliver, deps.deliver.clock.now()) : undefined;
    for (const p of chunk) outcomes.set(p.referral.referralId, await settle(later ? routeAlone(p, deps, later) : routeThroughStream(p.referral, deps)));
    const [first, ...rest] = householdOrder(later?.sms ?? []);
    // Sent as decided (each referral's own transaction checked it): delivery's last checks stop a
    // stopped leader alone, which would strand the lines it carries here (claimed, never sent).
    if (first) await deliverNow([{ intent: first, known: { checkedInTable: true, household: rest } }], later!.lease, deps.deliver, deps.logger);
  }
  return done();
}

/**
 * The family's SMS of a case's referrals decided one by one: each written claimed under one lease
 * and merged into the one that leads them as planned, then sent, as one message, once all are
 * decided. Not left queued for the deliver function, whose stream record of the first would
 * otherwise often take it alone before the next is written. Should the planned leader not be
 * decided (its referral cancelled meanwhile), the first of the others leads: recorded `sent`, it
 * loses its `mergedInto`, and each other's is set to it.
 */
interface SmsLater {
  lease: number;
  leaderId: string | undefined;
  sms: IntentItem[];
}

function smsLater(chunk: readonly Planned[], deliver: DeliverDeps, now: Date): SmsLater {
  const leader = householdOrder(chunk.flatMap((p) => p.intents.filter(joinsHousehold)))[0];
  return { lease: Math.floor(now.getTime() / 1000) + deliver.leaseSeconds, leaderId: leader?.intentId, sms: [] };
}

const joinsHousehold = (i: IntentItem) => i.status === 'queued' && i.channel === 'sms' && isHouseholdPart(i.template);

/** The planned referrals in as few transactions as fit DynamoDB's limit, in the order they came. */
function chunks(planned: readonly Planned[]): Planned[][] {
  // Its intents and rungs, a check per office address (at most one per email) and its own status check.
  const size = (p: Planned) => p.intents.length + p.timers.length + p.intents.filter((i) => i.channel === 'email').length + 1;
  const out: Planned[][] = [];
  let items = 1; // the case's own check
  for (const p of planned) {
    if (out.length === 0 || items + size(p) > MAX_TRANSACTION_ITEMS) {
      out.push([]);
      items = 1;
    }
    out.at(-1)!.push(p);
    items += size(p);
  }
  return out;
}

/**
 * The one hop for referrals of one case: their intents and ladders in one transaction, what may go
 * out now written already claimed, and sent from here. The returnee's SMS that can go as one
 * message are claimed into the first's (mergedInto) in that same write, so they leave as one SMS
 * and no other attempt can take one of them. The transaction also checks in the table what the
 * deliver function would read before sending: no bounce on record for an office's address, and
 * the returnee's SMS consent and phone number still those the plan was made with (a coordinator
 * may have opted the returnee out, or corrected the number, since the referral was made); and, as
 * the stream record may be older than the table (a backlog, a retry, a redrive), the case still
 * open and each referral still `created`, not cancelled meanwhile.
 * Undefined when it wrote nothing: routed before (a redelivered record) or a check failed; the
 * caller then takes the referrals one by one, from the table as it is.
 */
async function decideTogether(chunk: readonly Planned[], deps: RouteDeps, deliver: DeliverDeps, now: Date, later?: SmsLater): Promise<'sent' | undefined> {
  const nowIso = now.toISOString();
  const lease = later?.lease ?? Math.floor(now.getTime() / 1000) + deliver.leaseSeconds;
  const theCase = chunk[0]!.theCase;
  const caseId = chunk[0]!.referral.caseId;
  // The SMS that go as one message: led by the one it lists first.
  const together = householdOrder(chunk.flatMap((p) => p.intents.filter(joinsHousehold)));
  const leaderId = later ? later.leaderId : together.length > 1 ? together[0]!.intentId : undefined;
  let leader: IntentItem | undefined;
  const household: IntentItem[] = [];
  const decided = chunk.flatMap((p) =>
    p.intents.map((i) => {
      if (i.status !== 'queued') return i;
      const claimed = claimedAtWrite(i, lease, nowIso);
      if (leaderId === undefined || !together.includes(i)) return claimed;
      if (i.intentId === leaderId) return (leader = claimed);
      const member = { ...claimed, mergedInto: leaderId };
      household.push(member);
      return member;
    }),
  );
  const claimed = decided.filter((i) => i.status === 'sending');
  // One check per address: two referrals to one office (two needs of one family) check the same
  // item, and a transaction may name an item once only (DynamoDB refuses it whole otherwise).
  const addresses = new Set(claimed.filter((i) => i.channel === 'email').map((i) => i.recipient!));
  const guards = [...addresses].map((address): DecisionGuard => ({ addressClear: address }));
  for (const p of chunk) guards.push({ referralCreated: { caseId, referralId: p.referral.referralId } });
  const consentToCheck = chunk.some((p) => p.fromSnapshot) || claimed.some((i) => i.channel === 'sms');
  guards.push(consentToCheck ? { smsConsent: { caseId, sms: theCase.consent.sms, phone: theCase.phone } } : { caseOpen: caseId });
  const written = await deps.intents.writeDecision(decided, chunk.flatMap((p) => p.timers), guards);
  const log = { caseId, referrals: chunk.length };
  if (written !== 'written') {
    // Written before (a redelivered record), or something to read afresh (an address that bounced,
    // a consent or number changed since, a referral cancelled or the case closed): each referral on its own.
    deps.logger.info(written === 'exists' ? 'routed before; nothing sent from here' : 'a check failed; routed from the table as it is', log);
    return undefined;
  }
  for (const i of decided) logIntent(deps.logger, i, true);
  // Decided one by one: the SMS go once all are decided (SmsLater).
  if (later) later.sms.push(...[leader, ...household].filter((i) => i !== undefined));
  const merged = new Set(later ? later.sms : household);
  const referralOf = (i: IntentItem) => chunk.find((p) => p.referral.referralId === i.referralId)?.referral;
  const sends = claimed
    .filter((i) => !merged.has(i))
    .map((i) => ({
      intent: i,
      known: { checkedInTable: true, ...(i.channel === 'email' ? { referral: referralOf(i) } : {}), ...(i === leader && household.length > 0 ? { household } : {}) },
    }));
  await deliverNow(sends, lease, deliver, deps.logger);
  if (!later && household.length > 0) deps.logger.info('the returnee\'s SMS of the case\'s referrals go as one', { ...log, sms: household.length + 1 });
  return 'sent';
}

/**
 * One referral with the one hop (its family's SMS left to `later`), else (routed before, a
 * recipient to check) from the case as it is, through the intents' stream.
 */
async function routeAlone(p: Planned, deps: RouteDeps, later: SmsLater): Promise<void> {
  if ((await decideTogether([p], deps, deps.deliver!, deps.clock.now(), later)) === 'sent') return;
  await routeThroughStream(p.referral, deps);
}

/**
 * The referral's intents written queued (for the deliver function, on their stream records) and its
 * ladder, each only if absent; nothing for a referral no longer waiting for its office's answer
 * (cancelled, or answered by phone while routing was behind) or gone, or a case closed, since the
 * record was written (the record is then handled: there is nothing to route, now or later). A
 * referral already `sent` is routed again: a redelivered record may still owe it its ladder.
 */
async function routeThroughStream(referral: ReferralItem, deps: RouteDeps): Promise<void> {
  const now = deps.clock.now();
  const [theCase, stored] = await Promise.all([caseOf(referral, deps), deps.referrals.get(referral.caseId, referral.referralId)]);
  const log = { caseId: referral.caseId, referralId: referral.referralId };
  if (theCase.status === 'closed') return deps.logger.info('case closed; referral not routed', log);
  if (!stored || !isUnanswered(stored.status)) return deps.logger.info('referral no longer awaiting its office; not routed', { ...log, status: stored?.status ?? 'gone' });
  const intents = plan(referral, theCase, deps, now);
  // The ladder goes before the intents. A referral routed before (its first intent written) must
  // not get a second ladder beside one of an earlier scheme (three rungs at once, other ids); but
  // an older version wrote the ladder after the intents, and one that stopped in between left
  // none, so only then is the ladder itself looked for: a first routing pays no read for it.
  const routedBefore = (await deps.intents.get(intents[0]!)) !== undefined;
  if (!routedBefore || !(await deps.timers.hasReferralLadder(referral.caseId, referral.referralId))) {
    await deps.timers.putIfAbsent(referralAckLadder(referral, deps.holidays, now));
  }
  for (const intent of intents) logIntent(deps.logger, intent, await deps.intents.putIfAbsent(intent));
}

async function caseOf(referral: ReferralItem, deps: RouteDeps): Promise<CaseItem> {
  const theCase = await deps.cases.get(referral.caseId);
  if (!theCase) throw new RoutingError(`case ${referral.caseId} of referral ${referral.referralId} not found`);
  return theCase;
}

function plan(referral: ReferralItem, theCase: RoutingCase, deps: RouteDeps, now: Date): IntentItem[] {
  const muni = deps.directory.municipality(referral.municipalityId);
  if (!muni) throw new RoutingError(`municipality ${referral.municipalityId} not in the directory`);
  return planReferralNotifications(referral, theCase, muni, now);
}

/**
 * The claimed intents through the deliver use case, at once (an email and an SMS do not wait for
 * each other). One that throws is left where the deliver function leaves it: under its lease,
 * whose end the sweep watches (unconfirmed, never resent); the record is not retried for it, since
 * a second routing finds the decision written and sends nothing.
 */
async function deliverNow(sends: { intent: IntentItem; known: Known }[], lease: number, deps: DeliverDeps, logger: Logger): Promise<void> {
  const outcomes = await Promise.allSettled(sends.map(({ intent, known }) => deliverClaimed(intent, lease, deps, known)));
  outcomes.forEach((o, k) => {
    const { intent } = sends[k]!;
    const log = { caseId: intent.caseId, referralId: intent.referralId, intentId: intent.intentId };
    if (o.status === 'fulfilled') logger.info('delivered from the routing invocation', { ...log, outcome: o.value });
    else logger.error('delivery from the routing invocation failed; left to its lease', { ...log, error: (o.reason as Error)?.name ?? 'Error' });
  });
}

function logIntent(logger: Logger, intent: IntentItem, created: boolean): void {
  logger.info(created ? 'intent written' : 'intent already existed', {
    caseId: intent.caseId,
    referralId: intent.referralId,
    intentId: intent.intentId,
    channel: intent.channel,
    status: intent.status,
    ...(intent.skipReason ? { skipReason: intent.skipReason } : {}),
  });
}
