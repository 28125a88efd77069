import { HOUSEHOLD_REFERRALS as REFERRALS } from '../../bench/household.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { addWorkingDays, localDate, localTime } from '../../shared/domain/calendar.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { localName, toGsm7 } from '../../shared/messages/index.js';
import { formatDate } from '../../shared/messages/render.js';
import { weekdayPhrase } from '../../shared/messages/visits.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import type { IntentItem } from '../../shared/store/intent.js';
import type { Repositories } from '../../shared/store/ports.js';
import { call, isWelcomeSms, lambdaContext, obiliqFamily, stackForFile } from './support.js';

/**
 * One SMS per household per send window, on the local stack (DynamoDB Local, the SMS sink) through
 * the handler modules Lambda runs: a family registered at night with four referrals gets, at 08:00,
 * one SMS listing its next steps; every intent is sent once and on record; the deliver function's
 * records delivered again send nothing more.
 */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
let repos: Repositories;
const obiliq = bundledDirectory().municipality('obiliq')!;

stackForFile((s) => {
  stack = s;
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  repos = dynamoRepositories(db, stack.tableName);
}, { logLevel: 'ERROR' });
afterAll(() => db?.destroy());

const smsOf = async (caseId: string): Promise<IntentItem[]> => (await repos.cases.view(caseId))!.intents.filter((i) => i.channel === 'sms' && i.purpose !== 'followup.coordinator');

/** Every batch the deliver function was handed, again: nothing more goes out. */
async function redeliveredSendsNothing() {
  const before = stack.sms.messages().length;
  for (const inv of stack.invocations.filter((i) => i.functionName === FUNCTIONS.deliverNotifications.name)) {
    expect(await stack.handlers.deliverNotifications(structuredClone(inv.event), lambdaContext('deliver-notifications'))).toEqual({ batchItemFailures: [] });
  }
  await stack.settle();
  expect(stack.sms.messages().length).toBe(before);
}

describe("a household's SMS at 08:00", () => {
  it('four referrals and the welcome decided at night reach the family as one SMS listing the four steps in order, each intent sent once', async () => {
    const today = localDate(stack.clock.now());
    await stack.advanceTo(localTime(today, 22));
    const phone = '+38349557401';
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-HOUSEHOLD-1'), coordinatorId: obiliq.coordinators[0]!.id, phone: '049 557 401', preferredLanguage: 'en' });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    for (const r of REFERRALS) expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, r)).status).toBe(201);
    await stack.settle();
    expect((await smsOf(caseId)).map((i) => i.status)).toEqual(['deferred', 'deferred', 'deferred', 'deferred', 'deferred']);
    expect(stack.sms.messages().filter((m) => m.phoneNumber === phone)).toEqual([]);

    const tomorrow = localDate(new Date(localTime(today, 12).getTime() + 86_400_000));
    await stack.advanceTo(localTime(tomorrow, 9));
    const texts = stack.sms.messages().filter((m) => m.phoneNumber === phone);
    expect(texts).toHaveLength(1);
    const text = toGsm7(texts[0]!.message);
    expect(text).toMatch(/Welcome home! .* 1\) .* 2\) .* 3\) .* 4\) /);
    const at = REFERRALS.map((r) => text.indexOf(toGsm7(localName(obiliq.offices.find((o) => o.kind === r.officeKind)!.name, 'en'))));
    expect(at.every((p) => p > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    const sms = await smsOf(caseId);
    expect(sms.map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(new Set(sms.map((i) => i.providerMessageId)).size).toBe(1);
    const leader = sms.find((i) => i.mergedInto === undefined)!;
    expect(sms.filter((i) => i.mergedInto === leader.intentId)).toHaveLength(4);
    expect(Date.parse(leader.sentAt!)).toBeGreaterThanOrEqual(localTime(tomorrow, 8).getTime());

    await redeliveredSendsNothing();
  });

  it("a referral cancelled after its SMS was queued (the cancelling's second write lost the race): the family's one SMS leaves its line out, and its intent ends cancelled", async () => {
    const day = localDate(new Date(stack.clock.now().getTime() + 86_400_000));
    await stack.advanceTo(localTime(day, 10));
    const phone = '+38349557402';
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-HOUSEHOLD-2'), coordinatorId: obiliq.coordinators[0]!.id, phone: '049 557 402', preferredLanguage: 'en' });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    await stack.settle();
    // The welcome went in the day, alone.
    expect(stack.sms.messages().filter((m) => m.phoneNumber === phone).map((m) => isWelcomeSms(m.message))).toEqual([true]);

    // Two referrals at 22:00: their SMS wait for 08:00.
    await stack.advanceTo(localTime(day, 22));
    const made: string[] = [];
    for (const r of REFERRALS.slice(0, 2)) {
      const res = await call(stack, 'POST', `/cases/${caseId}/referrals`, r);
      expect(res.status).toBe(201);
      made.push(res.body.referralId as string);
    }
    await stack.settle();
    expect((await smsOf(caseId)).filter((i) => i.referralId).map((i) => i.status)).toEqual(['deferred', 'deferred']);
    // Cancelled as its first write leaves it: the referral cancelled, its SMS still deferred.
    expect(await repos.referrals.cancel(caseId, made[0]!, 'no_longer_needed', stack.clock.now().toISOString(), { by: 'user:obiliq-zkkk-01', role: 'coordinator' })).toBe(true);

    const next = localDate(new Date(localTime(day, 12).getTime() + 86_400_000));
    await stack.advanceTo(localTime(next, 9));
    const texts = stack.sms.messages().filter((m) => m.phoneNumber === phone && !isWelcomeSms(m.message));
    expect(texts).toHaveLength(1);
    const text = toGsm7(texts[0]!.message);
    const officeOf = (k: number) => toGsm7(localName(obiliq.offices.find((o) => o.kind === REFERRALS[k]!.officeKind)!.name, 'en'));
    expect(text).toContain(officeOf(1));
    expect(text).not.toContain(officeOf(0));
    expect(text).not.toMatch(/ 1\) /);

    const sms = (await smsOf(caseId)).filter((i) => i.referralId);
    const dropped = sms.find((i) => i.referralId === made[0])!;
    const kept = sms.find((i) => i.referralId === made[1])!;
    expect(dropped).toMatchObject({ status: 'cancelled' });
    expect([dropped.mergedInto, dropped.providerMessageId]).toEqual([undefined, undefined]);
    expect(kept).toMatchObject({ status: 'sent' });
    expect(kept.mergedInto).toBeUndefined();
    const view = (await repos.cases.view(caseId))!;
    expect(view.audit.filter((a) => a.event === 'notification.cancelled').map((a) => a.detail?.reason)).toEqual(['ReferralCancelled']);
    expect(view.intents.filter((i) => i.template === 'followup.coordinator')).toEqual([]);

    await redeliveredSendsNothing();
  });

  it('a case registered at night with its home visit planned the same night: at 08:00 one SMS naming both, the welcome and the visit', async () => {
    const day = localDate(new Date(stack.clock.now().getTime() + 86_400_000));
    await stack.advanceTo(localTime(day, 22));
    const phone = '+38349557403';
    const coordinator = obiliq.coordinators[0]!;
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-HOUSEHOLD-3'), coordinatorId: coordinator.id, phone: '049 557 403', preferredLanguage: 'en' });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    const visitAt = localTime(addWorkingDays(localTime(day, 12), 2, kosovoHolidays()), 10).toISOString();
    const planned = await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: visitAt });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    await stack.settle();
    expect((await smsOf(caseId)).map((i) => [i.purpose, i.status])).toEqual([
      ['case.welcome', 'deferred'],
      ['visit.family', 'deferred'],
    ]);
    expect(stack.sms.messages().filter((m) => m.phoneNumber === phone)).toEqual([]);

    const next = localDate(new Date(localTime(day, 12).getTime() + 86_400_000));
    await stack.advanceTo(localTime(next, 9));
    const texts = stack.sms.messages().filter((m) => m.phoneNumber === phone);
    expect(texts).toHaveLength(1);
    const name = coordinator.name.split(' ')[0]!;
    const date = formatDate(visitAt);
    expect(toGsm7(texts[0]!.message)).toMatch(
      new RegExp(`^Obiliq Municipality: Welcome home! Your case is handled by ${toGsm7(name)}\\. Your next steps: 1\\) ${toGsm7(name)} will visit you at home ${weekdayPhrase(visitAt, 'en')}, ${date.replace(/\./g, '\\.')}, at 10:00\\. `),
    );

    const sms = await smsOf(caseId);
    expect(sms.map((i) => i.status)).toEqual(['sent', 'sent']);
    expect(new Set(sms.map((i) => i.providerMessageId)).size).toBe(1);
    const [welcome, visit] = sms;
    expect(visit!.mergedInto).toBe(welcome!.intentId);
    expect(Date.parse(welcome!.sentAt!)).toBeGreaterThanOrEqual(localTime(next, 8).getTime());

    await redeliveredSendsNothing();
  });

  it('a visit called off and a referral made the same evening, the family told of the visit by day: at 08:00 one SMS saying the visit is off, before the step to go to the office', async () => {
    const day = localDate(new Date(stack.clock.now().getTime() + 86_400_000));
    await stack.advanceTo(localTime(day, 10));
    const phone = '+38349557404';
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-HOUSEHOLD-4'), coordinatorId: obiliq.coordinators[0]!.id, phone: '049 557 404', preferredLanguage: 'en' });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    const visitAt = localTime(addWorkingDays(localTime(day, 12), 2, kosovoHolidays()), 10).toISOString();
    expect((await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: visitAt })).status).toBe(200);
    await stack.settle();
    // Told in the day: the welcome and the visit's time.
    const byDay = stack.sms.messages().filter((m) => m.phoneNumber === phone).length;
    expect(byDay).toBeGreaterThanOrEqual(1);
    expect((await smsOf(caseId)).map((i) => i.status)).toEqual(['sent', 'sent']);

    await stack.advanceTo(localTime(day, 21));
    const calledOff = await call(stack, 'DELETE', `/cases/${caseId}/home-visit/plan`);
    expect(calledOff.status, JSON.stringify(calledOff.body)).toBe(200);
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, REFERRALS[0])).status).toBe(201);
    await stack.settle();
    const held = (await smsOf(caseId)).filter((i) => i.status !== 'sent');
    expect(held.map((i) => [i.template, i.status]).sort()).toEqual([
      ['referral.returnee.sms', 'deferred'],
      ['visit.returnee.cancelled', 'deferred'],
    ]);
    expect(stack.sms.messages().filter((m) => m.phoneNumber === phone)).toHaveLength(byDay);

    const next = localDate(new Date(localTime(day, 12).getTime() + 86_400_000));
    await stack.advanceTo(localTime(next, 9));
    const texts = stack.sms.messages().filter((m) => m.phoneNumber === phone).slice(byDay);
    expect(texts).toHaveLength(1);
    const office = toGsm7(localName(obiliq.offices.find((o) => o.kind === REFERRALS[0]!.officeKind)!.name, 'en'));
    expect(toGsm7(texts[0]!.message)).toMatch(
      new RegExp(
        `^Obiliq Municipality: The home visit ${weekdayPhrase(visitAt, 'en')}, ${formatDate(visitAt).replace(/\./g, '\\.')}, at 10:00 has been called off\\. We will call you to agree a new time\\. Your next steps: 1\\) Go to ${office}`,
      ),
    );

    const sms = (await smsOf(caseId)).filter((i) => held.some((h) => h.intentId === i.intentId));
    expect(sms.map((i) => i.status)).toEqual(['sent', 'sent']);
    expect(new Set(sms.map((i) => i.providerMessageId)).size).toBe(1);
    const leader = sms.find((i) => i.mergedInto === undefined)!;
    expect(sms.filter((i) => i.mergedInto === leader.intentId)).toHaveLength(1);
    expect(Date.parse(leader.sentAt!)).toBeGreaterThanOrEqual(localTime(next, 8).getTime());

    await redeliveredSendsNothing();
  });
});
