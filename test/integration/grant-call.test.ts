import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { returnWordsIn } from '../contract/return-words.js';
import { call, obiliqFamily, stackForFile, textsTo } from './support.js';

/**
 * A grant call end to end on the local stack: POST /municipalities/{id}/grant-calls through the
 * api handler, the intents on DynamoDB Local's stream, deliver-notifications and the SMS sink.
 * Those who registered an interest (a referral to the agriculture directorate) and consented are
 * texted once; the same call posted again sends nothing.
 */
let stack: LocalStack;
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const CALL = { call: 'agriculture', closesOn: '2027-01-29', title: 'Serra 2027', where: 'DBZHR, zyra 12' };

stackForFile((s) => (stack = s));

const grantTexts = (phone: string) => textsTo(stack, phone).filter((m) => /grante bujq|poljoprivredne grantove|agricultural grants/.test(m.message));

async function household(smr: string, phone: string, fields: Record<string, unknown> = {}, referral = true) {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, phone, ...fields });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.caseId as string;
  if (referral) {
    const r = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'agriculture_directorate', need: 'agriculture_grant' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  return caseId;
}

describe('POST /municipalities/{municipalityId}/grant-calls', () => {
  it('texts those who registered an interest and consented, once; a retry sends nothing', async () => {
    await household('SMR-GRANT-1', '049 555 401');
    await household('SMR-GRANT-2', '049 555 402', { consent: { sms: false, shareWithOffices: true } });
    await household('SMR-GRANT-3', '049 555 403', {}, false);
    await stack.settle();

    const first = await call(stack, 'POST', '/municipalities/obiliq/grant-calls', CALL);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body).toEqual({ callId: 'obiliq#grantcall#agriculture#2027-01-29', told: 1, skipped: { total: 1, noConsent: 1, optedOut: 0, noPhone: 0 }, alreadyHandled: 0 });
    await stack.settle();

    const sms = grantTexts('+38349555401');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toContain('29.01.2027');
    expect(sms[0]!.message).toContain('DBZHR, zyra 12');
    expect(sms[0]!.message).toContain(coordinator.phone);
    expect(returnWordsIn(sms[0]!.message)).toEqual([]);
    expect(grantTexts('+38349555402')).toEqual([]);
    expect(grantTexts('+38349555403')).toEqual([]);

    const again = await call(stack, 'POST', '/municipalities/obiliq/grant-calls', CALL);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ told: 0, skipped: { total: 0 }, alreadyHandled: 2 });
    await stack.settle();
    expect(grantTexts('+38349555401')).toHaveLength(1);
  });

  it('answers 400 naming the field, and another municipality’s staff are refused', async () => {
    const bad = await call(stack, 'POST', '/municipalities/obiliq/grant-calls', { ...CALL, closesOn: '29.01.2027' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('closesOn');
    const closed = await call(stack, 'POST', '/municipalities/obiliq/grant-calls', { ...CALL, closesOn: '2026-01-01' });
    expect(closed.status).toBe(400);
    expect(JSON.stringify(closed.body)).toContain('closesOn');
    const unknown = await call(stack, 'POST', '/municipalities/obiliq/grant-calls', { ...CALL, call: 'tourism' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('call');
    const other = await call(stack, 'POST', '/municipalities/obiliq/grant-calls', CALL, undefined, 'partesh-head');
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('municipalityId');
  });
});
