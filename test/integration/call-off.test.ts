import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { attachmentsOf, call, inbox, obiliqFamily, stackForFile, type SesEmail } from './support.js';

/**
 * What is called off reaches those who were told of it, end to end on the local stack: the api
 * handler (cancel a referral, close a case, DELETE the visit plan) on DynamoDB Local, the intents'
 * stream, deliver-notifications, the SES v2 emulator and the SMS sink. Once each.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const registry = directory.office('obiliq', 'civil_registry')!;
const centre = directory.office('obiliq', 'social_work_centre')!;
const drpr = obiliq.contacts.find((c) => c.role === 'drpr')!;

stackForFile((s) => (stack = s));

const withdrawnTo = async (smr: string, email: string) => (await inbox(stack)).filter((e) => e.subject.includes(smr) && e.subject.includes('U tërhoq referimi') && e.destination.to.includes(email));
const cancellations = async (smr: string) =>
  (await inbox(stack)).filter((e) => e.subject.includes(smr) && attachmentsOf(e).some((a) => a.contentType === 'text/calendar; charset=UTF-8; method=CANCEL'));
const textsTo = (phone: string) => stack.sms.messages().filter((m) => m.phoneNumber === phone);

function calendarOf(email: SesEmail) {
  const ics = attachmentsOf(email).find((a) => a.contentType.startsWith('text/calendar'))!;
  const event = new ICAL.Component(ICAL.parse(ics.text)).getFirstSubcomponent('vevent')!;
  return { uid: String(event.getFirstPropertyValue('uid')), sequence: Number(event.getFirstPropertyValue('sequence')), status: event.getFirstPropertyValue('status') };
}

/** A case with a referral to the civil registry whose email went out. */
async function sentReferral(smr: string, phone: string) {
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, phone });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId: string = created.body.caseId;
  const made = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
  expect(made.status).toBe(201);
  await stack.settle();
  expect((await inbox(stack)).filter((e) => e.subject.includes(smr) && e.destination.to.includes(registry.email))).toHaveLength(1);
  return { caseId, referralId: made.body.referralId as string };
}

describe('an office told its referral is withdrawn', () => {
  it('cancelled after its email went out: one email, in its language, naming the case and no person; a retried cancel sends nothing more', async () => {
    const { caseId, referralId } = await sentReferral('SMR-CALLOFF-1', '049 555 401');
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${referralId}/cancel`, { reason: 'no_longer_needed' })).status).toBe(200);
    await stack.settle();
    const mail = await withdrawnTo('SMR-CALLOFF-1', registry.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body.text).toMatch(/Numri i rastit në SMR: SMR-CALLOFF-1/);
    expect(mail[0]!.body.text).toContain('nuk funksionojnë më');
    expect(mail[0]!.body.text).not.toMatch(/Krasniqi|Bekim/);
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${referralId}/cancel`, { reason: 'no_longer_needed' })).status).toBe(200);
    await stack.settle();
    expect(await withdrawnTo('SMR-CALLOFF-1', registry.email)).toHaveLength(1);
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    expect(JSON.stringify(view.body)).toContain('referral.office.withdrawn');
  });

  it('closing the case: the office of the open referral hears, and the planned visit\'s invitees get the calendar cancellation', async () => {
    const { caseId } = await sentReferral('SMR-CALLOFF-2', '049 555 402');
    expect((await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: '2026-11-24T10:00:00+01:00' })).status).toBe(200);
    await stack.settle();
    const texts = textsTo('+38349555402').length;
    const closed = await call(stack, 'POST', `/cases/${caseId}/close`, { outcome: 'moved_municipality', finalAssessment: 'moved to Prishtina' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await stack.settle();
    expect(await withdrawnTo('SMR-CALLOFF-2', registry.email)).toHaveLength(1);
    const off = await cancellations('SMR-CALLOFF-2');
    expect(off.map((e) => e.destination.to).flat().sort()).toEqual([centre.email, drpr.email].sort());
    for (const e of off) expect(calendarOf(e)).toMatchObject({ sequence: 1, status: 'CANCELLED' });
    // Nothing to the family of a closed case.
    expect(textsTo('+38349555402').length).toBe(texts);
  });
});

describe('calling off the joint home visit', () => {
  it('DELETE the plan: the calendar cancellation to each invitee (same UID, next SEQUENCE), an SMS to the family that was told; once', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-CALLOFF-3'), coordinatorId: coordinator.id, phone: '049 555 403' });
    const caseId: string = created.body.caseId;
    expect((await call(stack, 'DELETE', `/cases/${caseId}/home-visit/plan`)).status).toBe(404);
    expect((await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: '2026-11-24T10:00:00+01:00' })).status).toBe(200);
    await stack.settle();
    expect(textsTo('+38349555403').filter((m) => m.message.includes('24.11.2026'))).toHaveLength(1);
    const res = await call(stack, 'DELETE', `/cases/${caseId}/home-visit/plan`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', sequence: 1 });
    await stack.settle();
    const off = await cancellations('SMR-CALLOFF-3');
    expect(off.map((e) => e.destination.to).flat().sort()).toEqual([centre.email, drpr.email].sort());
    for (const e of off) expect(calendarOf(e)).toEqual({ uid: expect.stringContaining(caseId), sequence: 1, status: 'CANCELLED' });
    const family = textsTo('+38349555403').filter((m) => m.message.includes('24.11.2026'));
    expect(family.map((m) => m.message)).toEqual([expect.any(String), expect.stringMatching(/u anulua/)]);
    // Again (a retry): 200, nothing more sent.
    expect((await call(stack, 'DELETE', `/cases/${caseId}/home-visit/plan`)).status).toBe(200);
    await stack.settle();
    expect(await cancellations('SMR-CALLOFF-3')).toHaveLength(2);
    expect(textsTo('+38349555403').filter((m) => m.message.includes('24.11.2026'))).toHaveLength(2);
    expect((await call(stack, 'GET', `/cases/${caseId}`)).body.homeVisitPlan).toMatchObject({ status: 'cancelled', sequence: 1 });
  });
});
