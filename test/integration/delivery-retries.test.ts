import { describe, expect, it } from 'vitest';
import { DELIVERY_RETRY } from '../../events/triggers.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, obiliqFamily, stackForFile, textsTo as textsOf } from './support.js';

/**
 * Provider faults injected at the SMS sink (the real SNS client and adapter see real SNS error
 * responses): throttling is retried later with a growing, jittered wait, not at once through the
 * stream; a refusal fails at once; a fault that never clears ends after the last attempt as an
 * explicit failure the coordinator is told about. Each attempt is counted on the intent.
 */
let stack: LocalStack;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
/** The clients that send make one attempt per call (shared/aws/clients.ts): every fault reaches the platform's ladder. */
const SDK_ATTEMPTS = 1;

stackForFile((s) => (stack = s), { logLevel: 'WARN' });

/** A case and its referral; `fault` is injected once the case's welcome SMS went out, so it meets the referral's messages. */
async function referFamily(smr: string, phone: string, fault?: () => void): Promise<string> {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, phone });
  expect(created.status).toBe(201);
  await stack.settle();
  fault?.();
  expect((await call(stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
  await stack.settle();
  return created.body.caseId as string;
}

async function referralSms(caseId: string) {
  const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
  return { sms: view.referrals[0].notifications.find((n: { channel: string }) => n.channel === 'sms'), audit: view.audit as { event: string; detail?: Record<string, string> }[] };
}

const textsTo = (e164: string) => textsOf(stack, e164);
const followUpMails = async (smr: string) => (await inbox(stack)).filter((e) => e.destination.to.includes(coordinator.email) && e.subject.startsWith('Kontaktoni') && e.subject.includes(smr));

describe('SMS provider throttling', () => {
  it('is retried later with backoff, sends exactly once when it clears, and records every attempt', async () => {
    const caseId = await referFamily('SMR-RETRY-1', '049 555 301', () => stack.sms.failPublishes(SDK_ATTEMPTS, undefined, { phoneNumber: '+38349555301' }));
    const first = await referralSms(caseId);
    expect(first.sms).toMatchObject({ status: 'deferred', attempts: 1 });
    expect(first.sms.lastError).toMatch(/Thrott/);
    const wait1 = Date.parse(first.sms.notBefore) - stack.clock.now().getTime();
    // Half to all of the base wait, measured from the failure (the clock has not moved since).
    expect(wait1).toBeGreaterThanOrEqual((DELIVERY_RETRY.baseSeconds / 2) * 1000 - 1000);
    expect(wait1).toBeLessThanOrEqual(DELIVERY_RETRY.baseSeconds * 1000 + 1000);
    expect(textsTo('+38349555301')).toHaveLength(0);

    // Still throttled at the second attempt: a longer wait.
    stack.sms.failPublishes(SDK_ATTEMPTS, undefined, { phoneNumber: '+38349555301' });
    // The simulated clock stops at each due time and sweeps there (on AWS: within 5 minutes of it).
    await stack.advanceTo(new Date(first.sms.notBefore));
    const second = await referralSms(caseId);
    expect(second.sms).toMatchObject({ status: 'deferred', attempts: 2 });
    expect(Date.parse(second.sms.notBefore)).toBeGreaterThan(Date.parse(first.sms.notBefore));

    await stack.advanceTo(new Date(second.sms.notBefore));
    const third = await referralSms(caseId);
    expect(third.sms).toMatchObject({ status: 'sent', attempts: 3 });
    expect(textsTo('+38349555301')).toHaveLength(1);
    const retries = third.audit.filter((a) => a.event === 'notification.retry_scheduled');
    expect(retries.map((a) => a.detail?.attempt)).toEqual(['1', '2']);
    expect(await followUpMails('SMR-RETRY-1')).toHaveLength(0);
  });
});

describe('email provider throttling', () => {
  it('is injected as a real SES v2 429, retried later with backoff, and the office gets the email exactly once', async () => {
    const office = obiliq.offices.find((o) => o.kind === 'civil_registry')!;
    const caseId = await referFamily('SMR-RETRY-4', '049 555 304', () => stack.ses.failSends(SDK_ATTEMPTS, undefined, { to: office.email, subject: 'SMR-RETRY-4' }));
    const emailOf = async () => (await call(stack, 'GET', `/cases/${caseId}`)).body.referrals[0].notifications.find((n: { channel: string }) => n.channel === 'email');
    const toOffice = async () => (await inbox(stack)).filter((e) => e.destination.to.includes(office.email) && e.subject.includes('SMR-RETRY-4'));
    const first = await emailOf();
    expect(first).toMatchObject({ status: 'deferred', attempts: 1 });
    expect(first.lastError).toBe('TooManyRequestsException');
    expect(await toOffice()).toHaveLength(0);
    expect(stack.ses.failedSends).toBeGreaterThanOrEqual(SDK_ATTEMPTS);

    await stack.advanceTo(new Date(first.notBefore));
    expect(await emailOf()).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await toOffice()).toHaveLength(1);
    // The SMS of the same referral was never held up by the email's retries.
    expect(textsTo('+38349555304')).toHaveLength(1);
  });
});

describe('a refusal by the provider', () => {
  it('fails at once, without retrying, and the coordinator is told', async () => {
    const caseId = await referFamily('SMR-RETRY-2', '049 555 302', () => stack.sms.failPublishes(1, { status: 400, code: 'InvalidParameter' }, { phoneNumber: '+38349555302' }));
    const { sms } = await referralSms(caseId);
    expect(sms).toMatchObject({ status: 'failed', attempts: 1, failure: { kind: 'non-retryable' } });
    expect(textsTo('+38349555302')).toHaveLength(0);
    const told = await followUpMails('SMR-RETRY-2');
    expect(told).toHaveLength(1);
    expect(told[0]!.body.text).toContain('numri mund të jetë i pasaktë');
  });
});

describe('throttling that never clears', () => {
  it('ends after the last attempt as an explicit failure, in the call-or-visit list, the coordinator told once', async () => {
    const caseId = await referFamily('SMR-RETRY-3', '049 555 303', () => stack.sms.failPublishes(SDK_ATTEMPTS * DELIVERY_RETRY.maxAttempts + 10, undefined, { phoneNumber: '+38349555303' }));
    const started = stack.clock.now().getTime();
    // Well past the whole ladder (its waits add up to under four hours), still the same day.
    await stack.advanceTo(new Date(started + 5 * 3600_000));
    const { sms, audit } = await referralSms(caseId);
    expect(sms).toMatchObject({ status: 'failed', attempts: DELIVERY_RETRY.maxAttempts, failure: { kind: 'attempts-exhausted' } });
    expect(audit.filter((a) => a.event === 'notification.retry_scheduled')).toHaveLength(DELIVERY_RETRY.maxAttempts - 1);
    expect(textsTo('+38349555303')).toHaveLength(0);
    const tasks = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { caseId: string; attempts: number }[];
    expect(tasks.find((t) => t.caseId === caseId)).toMatchObject({ attempts: DELIVERY_RETRY.maxAttempts });
    const told = await followUpMails('SMR-RETRY-3');
    expect(told).toHaveLength(1);
    expect(told[0]!.body.text).toContain('edhe pas disa përpjekjeve');
  });
});
