import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { documentClient } from '../../shared/aws/clients.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, losingAnswers, obiliqFamily, routeThroughTheIntentStream, stackForFile, textsTo } from './support.js';

/**
 * The DynamoDB client sends a write again when its answer is lost (a reset connection, a timeout),
 * although the first one took. Here the functions' own client (the one every handler module of the
 * stack uses) loses the answers of delivery's writes on the way back from DynamoDB Local, and the
 * SDK really retries them: each message still goes out exactly once, ends `sent`, and nobody is
 * asked to follow up a message that was delivered.
 */
let stack: LocalStack;
let answers: ReturnType<typeof losingAnswers>;
const obiliq = bundledDirectory().municipality('obiliq')!;
const office = bundledDirectory().office('obiliq', 'civil_registry')!;

type Input = Record<string, any>;
/** A claim of an intent: queued → sending under a lease (IntentRepository.claim / claimDue). */
const aClaim = (op: string, input: Input) => op === 'UpdateItemCommand' && String(input.UpdateExpression).startsWith('SET #status = :sending');
/** The one hop's decision: its intents written claimed, in one transaction. */
const aDecision = (op: string, input: Input) => op === 'TransactWriteItemsCommand' && (input.TransactItems as Input[]).some((t) => t.Put?.Item?.status?.S === 'sending');
/** An attempt's outcome recorded under its lease (sent, failed, deferred…), in one transaction. */
const anOutcome = (op: string, input: Input) =>
  op === 'TransactWriteItemsCommand' && String((input.TransactItems as Input[])[0]?.Update?.ConditionExpression).includes('leaseUntil = :lease');

stackForFile((s) => {
  stack = s;
  answers = losingAnswers(documentClient());
});

/** A case whose welcome SMS went out before any answer is lost, then one referral made with the answers lost. */
async function referWithAnswersLost(smr: string, phone: string, ...lose: ((op: string, input: Input) => boolean)[]): Promise<{ caseId: string; lost: () => number }> {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: obiliq.coordinators[0]!.id, phone });
  expect(created.status).toBe(201);
  await stack.settle();
  const before = answers.lost;
  for (const match of lose) answers.lose(match);
  expect((await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
  await stack.settle();
  return { caseId: created.body.caseId as string, lost: () => answers.lost - before };
}

/** Once the leases have run out and the sweep has looked: each of the referral's messages sent once, none unconfirmed, no follow-up. */
async function sentOnceEach(caseId: string, smr: string, e164: string) {
  await stack.advance(15 * 60_000);
  const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
  expect(view.referrals[0].notifications.map((n: { channel: string; status: string }) => [n.channel, n.status]).sort()).toEqual([
    ['email', 'sent'],
    ['sms', 'sent'],
  ]);
  const mail = await inbox(stack);
  expect(mail.filter((m) => m.subject.includes(smr) && m.destination.to.includes(office.email))).toHaveLength(1);
  expect(textsTo(stack, e164)).toHaveLength(1);
  // The coordinator is asked to call or visit about nothing.
  expect(mail.filter((m) => m.destination.to.includes(obiliq.coordinators[0]!.email) && m.subject.startsWith('Kontaktoni'))).toEqual([]);
  const followUps = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { caseId: string }[];
  expect(followUps.filter((f) => f.caseId === caseId)).toEqual([]);
}

describe('a write whose answer was lost, sent again by the DynamoDB client', () => {
  it("the one hop's decision and outcomes (transactions: the SDK's ClientRequestToken makes the resend answer as the first)", async () => {
    const { caseId, lost } = await referWithAnswersLost('SMR-LOST-1', '049 555 411', aDecision, anOutcome, anOutcome);
    await sentOnceEach(caseId, 'SMR-LOST-1', '+38349555411');
    // Every answer armed was lost: the SDK sent each of those writes a second time.
    expect(lost()).toBe(3);
  });

  it("the deliver function's claims (an update: its token on the intent tells our claim from another attempt's), and its outcome", async () => {
    await routeThroughTheIntentStream(stack);
    const { caseId, lost } = await referWithAnswersLost('SMR-LOST-2', '049 555 412', aClaim, aClaim, anOutcome);
    await sentOnceEach(caseId, 'SMR-LOST-2', '+38349555412');
    expect(lost()).toBe(3);
  });
});
