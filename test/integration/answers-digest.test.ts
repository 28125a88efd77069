import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, obiliqFamily, stackForFile, textsTo, type SesEmail } from './support.js';

/**
 * An office's acceptance and "done" wait for the coordinator's next daily digest instead of an
 * email each (the directory's default), end to end on the local stack: the office clicks its
 * links, react-to-answers (DynamoDB stream) writes no coordinator email, the returnee is still
 * texted, a decline is emailed at once, and the send-digests handler's next morning lists the
 * answers, counted in the SES emulator. A coordinator who chooses emails through the API gets
 * them at once again.
 */
let stack: LocalStack;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!; // daily and weekly digests: answers wait for the daily one
const registry = bundledDirectory().office('obiliq', 'civil_registry')!;
const employment = bundledDirectory().office('obiliq', 'employment_office')!;

stackForFile(async (s) => {
  stack = s;
  await stack.scheduler.stop(); // the test runs the digests itself
  stack.clock.set(new Date('2026-11-23T09:00:00.000Z')); // Monday 23 November 2026, 10:00 in Kosovo
});

const about = async (smr: string) => (await inbox(stack)).filter((m) => m.subject.includes(smr));
const toCoordinator = async (smr: string) => (await about(smr)).filter((m) => m.destination.to.includes(coordinator.email));

/** The office's links in its referral email, by action. */
function linksIn(mail: SesEmail): Record<'accept' | 'decline' | 'outcome', string> {
  const out: Record<string, string> = {};
  for (const u of new Set((mail.body.text ?? '').match(/http:\/\/localhost:\d+\/r\/[A-Za-z0-9_.-]+/g) ?? [])) {
    out[(JSON.parse(Buffer.from(u.split('/r/')[1]!.split('.')[0]!, 'base64url').toString('utf8')) as { action: string }).action] = u;
  }
  return out as Record<'accept' | 'decline' | 'outcome', string>;
}

/** The office presses a button on its link's page (same origin, as a browser posts it). */
async function press(url: string, form: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams(form).toString() });
  expect(res.status).toBe(200);
}

async function referred(smr: string, officeKind: 'civil_registry' | 'employment_office', need: string) {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id });
  expect(created.status).toBe(201);
  expect((await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind, need })).status).toBe(201);
  await stack.settle();
  const office = officeKind === 'civil_registry' ? registry : employment;
  return linksIn((await about(smr)).find((m) => m.destination.to.includes(office.email))!);
}

describe("answers in the coordinator's daily digest", () => {
  it('an acceptance and "done" send the coordinator nothing at once, the returnee is texted, a decline is emailed at once', async () => {
    const docs = await referred('SMR-DIGEST-1', 'civil_registry', 'civil_documents');
    const job = await referred('SMR-DIGEST-2', 'employment_office', 'job_seeker_registration');
    const sms = textsTo(stack, '+38349555123').length;

    await press(docs.accept, { confirm: 'yes' });
    // The acceptance's SMS goes out then, hours before the outcome: one still unsent when "done"
    // comes is dropped (the family has been there), which a stream slower than the test would race.
    await stack.settle();
    stack.clock.set(new Date('2026-11-23T13:30:00.000Z'));
    await press(docs.outcome, { outcome: 'done' });
    await press(job.decline, { reason: 'lack_of_capacity' });
    await stack.settle();

    expect(await toCoordinator('SMR-DIGEST-1')).toEqual([]);
    expect(textsTo(stack, '+38349555123').length).toBe(sms + 1); // the acceptance's SMS to the family
    expect((await toCoordinator('SMR-DIGEST-2')).map((m) => m.subject)).toEqual([expect.stringMatching(/^Referimi u refuzua/)]);
  });

  it("the next morning's daily digest lists them, office, what and when, by SMR id", async () => {
    stack.clock.set(new Date('2026-11-24T06:30:00.000Z')); // Tuesday 07:30 in Kosovo
    const before = (await inbox(stack)).length;
    await stack.handlers.sendDigests({ task: 'send-digests' });
    await stack.settle();
    const digest = (await inbox(stack)).slice(before).filter((m) => m.destination.to.includes(coordinator.email) && m.subject.startsWith('Përmbledhja ditore'));
    expect(digest).toHaveLength(1);
    const text = digest[0]!.body.text ?? '';
    expect(text).toContain(
      `Përgjigjet e zyrave për rastet tuaja: 2\n- Rasti SMR-DIGEST-1 — ${registry.name.sq}: pranuar, 23.11.2026 10:00\n- Rasti SMR-DIGEST-1 — ${registry.name.sq}: kryer, 23.11.2026 14:30; shënoni rezultatin në SMR`,
    );
    expect(text).not.toContain('SMR-DIGEST-2 — '); // a decline was emailed, and is only counted
    expect(text).not.toContain('Krasniqi');
    expect(digest[0]!.body.html).toContain('<strong>Përgjigjet e zyrave për rastet tuaja: 2</strong>');
  });

  it('a coordinator who chooses emails through the API is emailed at once again', async () => {
    const path = `/municipalities/obiliq/coordinators/${coordinator.id}/digest`;
    expect(await call(stack, 'PUT', path, { answers: 'immediate' })).toEqual({ status: 200, body: { coordinatorId: coordinator.id, digest: coordinator.digest, answers: 'immediate' } });
    const bad = await call(stack, 'PUT', path, { answers: 'sometimes' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('answers');
    expect((await call(stack, 'PUT', path, {})).status).toBe(400);

    const docs = await referred('SMR-DIGEST-3', 'civil_registry', 'civil_documents');
    await press(docs.accept, { confirm: 'yes' });
    await stack.settle();
    expect((await toCoordinator('SMR-DIGEST-3')).map((m) => m.subject)).toEqual([expect.stringMatching(/^Referimi u pranua/)]);
  });
});
