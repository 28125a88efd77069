import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { OBILIQ_FOUR_AT_ONCE } from '../unit/assessment/fixtures.js';
import { call, inbox, lambdaContext, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * A case's referrals made in one write (a needs assessment) reach route-referrals in one stream
 * batch and are routed together, on the local stack (DynamoDB Local with its stream, the SES v2
 * emulator, the SMS sink) through the handler module Lambda runs: each office its email, the family
 * one SMS listing the four steps; the same batch handed to the handler again sends nothing.
 */
let stack: LocalStack;
const obiliq = bundledDirectory().municipality('obiliq')!;
const PHONE = '049 555 777';
const E164 = '+38349555777';

stackForFile((s) => (stack = s));

/** Four referrals at once, assessed the day after the family's arrival. */
const FOUR = { ...OBILIQ_FOUR_AT_ONCE, assessedAt: '2026-11-21' };

describe("an assessment's referrals are routed together", () => {
  let referralIds: string[] = [];
  const officeEmails = async () => (await inbox(stack)).filter((m) => m.subject.includes('SMR-TOGETHER'));

  it('four referrals in one write: four office emails and one SMS to the family', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-TOGETHER'), phone: PHONE, coordinatorId: obiliq.coordinators[0]!.id });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    // The welcome goes first, on its own.
    await stack.settle();
    expect(stack.sms.messages().filter((m) => m.phoneNumber === E164)).toHaveLength(1);

    const assessed = await call(stack, 'POST', `/cases/${caseId}/assessment`, FOUR);
    expect(assessed.status).toBe(201);
    referralIds = assessed.body.referrals.map((r: { referralId: string }) => r.referralId);
    expect(assessed.body.referrals.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'created', 'created']);
    await stack.settle();

    const emails = await officeEmails();
    expect(emails).toHaveLength(4);
    const offices = ['civil_registry', 'education_directorate', 'housing', 'employment_office'].map((k) => bundledDirectory().office('obiliq', k as never)?.email);
    expect(new Set(emails.flatMap((m) => m.destination.to))).toEqual(new Set(offices.filter(Boolean)));
    const texts = textsTo(stack, E164);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.message).toMatch(/Hapat tuaj te ardhshem: 1\) .* 2\) .* 3\) .* 4\) /);
    // One routing invocation took the four records, and the deliver function sent none of them.
    const routed = stack.invocations.filter((i) => i.functionName === FUNCTIONS.routeReferrals.name && referralIds.some((id) => JSON.stringify(i.event).includes(id)));
    expect(routed).toHaveLength(1);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    for (const r of view.body.referrals) expect([r.status, r.notifications.map((n: { status: string }) => n.status)]).toEqual(['sent', ['sent', 'sent']]);
  });

  it('the same batch handed to route-referrals again sends nothing', async () => {
    const routed = stack.invocations.find((i) => i.functionName === FUNCTIONS.routeReferrals.name && referralIds.every((id) => JSON.stringify(i.event).includes(id)))!;
    expect(await stack.handlers.routeReferrals(structuredClone(routed.event), lambdaContext(FUNCTIONS.routeReferrals.name))).toEqual({ batchItemFailures: [] });
    await stack.settle();
    expect(await officeEmails()).toHaveLength(4);
    expect(textsTo(stack, E164)).toHaveLength(1);
  });
});

describe('two of an assessment\'s referrals to one office', () => {
  it('are routed together in one write: each its email, the family one SMS', async () => {
    const phone = '049 555 778';
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-ONE-OFFICE'), phone, coordinatorId: obiliq.coordinators[0]!.id });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    await stack.settle();
    // The employment office twice: registering as a job seeker, and vocational training.
    const five = { ...FOUR, include: [...FOUR.include, { officeKind: 'employment_office', need: 'vocational_training', personIds: ['p1'] }] };
    const assessed = await call(stack, 'POST', `/cases/${caseId}/assessment`, five);
    expect(assessed.status).toBe(201);
    const made = assessed.body.referrals as { referralId: string; officeKind: string; status: string }[];
    expect(made.filter((r) => r.officeKind === 'employment_office')).toHaveLength(2);
    await stack.settle();

    const emails = (await inbox(stack)).filter((m) => m.subject.includes('SMR-ONE-OFFICE'));
    expect(emails).toHaveLength(made.length);
    const employment = bundledDirectory().office('obiliq', 'employment_office')!.email;
    expect(emails.filter((m) => m.destination.to.includes(employment))).toHaveLength(2);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    const texts = textsTo(stack, '+38349555778'); // the welcome aside
    expect(texts).toHaveLength(1);
    // Five referrals, the employment office's two as one step: one trip for the family.
    expect(texts[0]!.message).toMatch(/ 1\) .* 4\) /);
    expect(texts[0]!.message).not.toMatch(/ 5\) /);
    for (const r of view.body.referrals) expect([r.status, r.notifications.map((n: { status: string }) => n.status)]).toEqual(['sent', ['sent', 'sent']]);
    // Routed in one write, from one invocation: none was parked or failed.
    const routed = stack.invocations.filter((i) => i.functionName === FUNCTIONS.routeReferrals.name && made.some((r) => JSON.stringify(i.event).includes(r.referralId)));
    expect(routed).toHaveLength(1);
  });
});
