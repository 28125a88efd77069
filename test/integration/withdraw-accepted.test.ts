import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { documentClient } from '../../shared/aws/clients.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * An accepted referral withdrawn by the coordinator (the family moved away, found work), end to
 * end on the local stack: the api handler on DynamoDB Local, the referral's and the intents'
 * streams, deliver-notifications and the SES v2 emulator. The office hears once, however often the
 * request comes; the head of the office too, but only when the escalation had reached them. And
 * the family's "accepted" SMS, withdrawn as deliver-notifications claims it (a middleware on the
 * functions' own DynamoDB client sends the withdrawal right after the claim): not sent.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const coordinator = directory.municipality('obiliq')!.coordinators[0]!;
const registry = directory.office('obiliq', 'civil_registry')!;
const head = registry.head!.email;

stackForFile((s) => (stack = s));

const mailTo = async (smr: string, email: string, subject: string) =>
  (await inbox(stack)).filter((e) => e.subject.includes(smr) && e.subject.includes(subject) && e.destination.to.includes(email));
const withdraw = (caseId: string, referralId: string) => call(stack, 'POST', `/cases/${caseId}/referrals/${referralId}/cancel`, { reason: 'no_longer_needed' });

/** A case with a referral to the civil registry whose email went out. */
async function sentReferral(smr: string, phone?: string) {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, ...(phone ? { phone } : {}) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId: string = created.body.caseId;
  const made = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
  expect(made.status).toBe(201);
  await stack.settle();
  return { caseId, referralId: made.body.referralId as string };
}

async function accept(caseId: string, referralId: string) {
  const res = await call(stack, 'POST', `/cases/${caseId}/referrals/${referralId}/answer`, { answer: 'accept' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await stack.settle();
}

describe('an accepted referral withdrawn', () => {
  it('the office hears once, whether the request comes twice at once or again later; the head, never escalated to, not at all', async () => {
    const smr = 'SMR-WITHDRAW-1';
    const { caseId, referralId } = await sentReferral(smr);
    await accept(caseId, referralId);
    const first = await Promise.all([withdraw(caseId, referralId), withdraw(caseId, referralId)]);
    expect(first.map((r) => [r.status, r.body])).toEqual([
      [200, { status: 'cancelled' }],
      [200, { status: 'cancelled' }],
    ]);
    await stack.settle();
    expect((await withdraw(caseId, referralId)).status).toBe(200);
    await stack.settle();
    const mail = await mailTo(smr, registry.email, 'U tërhoq referimi');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body.text).toContain(`Numri i rastit në SMR: ${smr}`);
    expect(mail[0]!.body.text).not.toMatch(/Krasniqi|Arben|Liridon|Vlora/);
    expect(await mailTo(smr, head, 'U tërhoq referimi')).toEqual([]);
    const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    const referral = view.referrals.find((r: { referralId: string }) => r.referralId === referralId);
    expect(referral).toMatchObject({ status: 'cancelled', answeredAt: expect.any(String) });
    // Its outcome cannot come back any more, and a completed referral cannot be withdrawn.
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${referralId}/answer`, { answer: 'outcome', outcome: 'done' })).status).toBe(409);
  });

  it('a referral that waited for the withdrawn one is blocked and on the follow-ups, not left waiting for ever (review RV-H)', async () => {
    const { caseId, referralId } = await sentReferral('SMR-WD-WAIT-1');
    const waiting = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'], dependsOn: referralId });
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(201);
    await accept(caseId, referralId);
    expect((await withdraw(caseId, referralId)).status).toBe(200);
    await stack.settle();
    const w = (await call(stack, 'GET', `/cases/${caseId}`)).body.referrals.find((r: { referralId: string }) => r.referralId === waiting.body.referralId);
    expect(w.status).toBe('waiting');
    const blocked = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.blockedReferrals as { referralId: string; because: string; dependsOn: string }[];
    expect(blocked.find((b) => b.referralId === waiting.body.referralId)).toMatchObject({ because: 'cancelled', dependsOn: referralId });
  }, 180_000);

  it('a referral with its outcome back is not withdrawn: 404, nothing sent', async () => {
    const smr = 'SMR-WITHDRAW-2';
    const { caseId, referralId } = await sentReferral(smr);
    await accept(caseId, referralId);
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${referralId}/answer`, { answer: 'outcome', outcome: 'done' })).status).toBe(200);
    const res = await withdraw(caseId, referralId);
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/unanswered, or accepted and awaiting its outcome/);
    await stack.settle();
    expect(await mailTo(smr, registry.email, 'U tërhoq referimi')).toEqual([]);
  });

  it('the head of the office, whom the escalation reached before the office accepted, hears once too', async () => {
    const smr = 'SMR-WITHDRAW-3';
    const { caseId, referralId } = await sentReferral(smr);
    // Nobody acknowledges: three days at a time, the timers' sweep runs (each rung writes the next), until the escalation reaches the head.
    for (let step = 0; step < 7 && (await mailTo(smr, head, '')).length === 0; step++) {
      stack.clock.advance(3 * 24 * 3_600_000);
      await stack.handlers.sweepTimers({ task: 'sweep-timers' });
      await stack.settle();
    }
    expect(await mailTo(smr, head, '')).toHaveLength(1);
    await accept(caseId, referralId);
    expect((await withdraw(caseId, referralId)).status).toBe(200);
    await stack.settle();
    expect((await withdraw(caseId, referralId)).status).toBe(200);
    await stack.settle();
    expect(await mailTo(smr, registry.email, 'U tërhoq referimi')).toHaveLength(1);
    const toHead = await mailTo(smr, head, 'U tërhoq referimi');
    expect(toHead).toHaveLength(1);
    expect(toHead[0]!.body.text).toContain('Ju shkruam më parë sepse zyra juaj ende nuk e kishte konfirmuar');
    expect(toHead[0]!.body.text).not.toMatch(/Krasniqi|Arben|Liridon|Vlora/);
  }, 180_000);
});

/** Runs `act` once, right after the functions' first claim (queued to sending) of an intent whose key names `marker`. */
function afterClaimNaming(marker: string, act: () => Promise<unknown>): () => void {
  const name = 'afterClaimNaming';
  let ran = false;
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const input = JSON.stringify(args.input);
      if (!ran && String(context.commandName).startsWith('Update') && input.includes(marker) && input.includes('#status = :sending')) {
        ran = true;
        await act();
      }
      return out;
    },
    { step: 'build', name, override: true },
  );
  return () => void documentClient().middlewareStack.remove(name);
}

describe('the family\'s "accepted" SMS when the referral is withdrawn as it is being sent (FL)', () => {
  it('is not sent: the withdrawal finds it claimed and leaves it, and delivery\'s last check stops it (cancelled, on record)', async () => {
    const phone = '+38349555431';
    const { caseId, referralId } = await sentReferral('SMR-WITHDRAW-4', '049 555 431');
    const before = textsTo(stack, phone).length;
    const stop = afterClaimNaming(`${referralId}#answer.accepted#returnee`, async () => expect((await withdraw(caseId, referralId)).status).toBe(200));
    try {
      await accept(caseId, referralId);
    } finally {
      stop();
    }
    await stack.settle();
    expect(textsTo(stack, phone).slice(before)).toEqual([]);
    const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    const referral = view.referrals.find((r: { referralId: string }) => r.referralId === referralId);
    expect(referral).toMatchObject({ status: 'cancelled' });
    const notices = (referral.notifications as { template: string; status: string }[]).filter((n) => n.template === 'referral.returnee.accepted');
    expect(notices).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    // The office, which accepted it, hears of the withdrawal once.
    expect(await mailTo('SMR-WITHDRAW-4', registry.email, 'U tërhoq referimi')).toHaveLength(1);
  }, 180_000);
});
