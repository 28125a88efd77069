import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, obiliqFamily, stackForFile, type SesEmail } from './support.js';

/**
 * An office's answer given by phone and recorded by the coordinator goes through the real api
 * handler and the real stream functions exactly as the office's one-click answer does; a referral
 * waiting for one that is declined is put before the coordinator at once, and can be released.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const registry = directory.office('obiliq', 'civil_registry')!;
const employment = directory.office('obiliq', 'employment_office')!;

stackForFile((s) => (stack = s));

/** A case with civil documents sent to the registry and a job-seeker registration waiting for them. */
async function docsAndWaitingJob(smr: string) {
  const caseId = (await call(stack, 'POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id })).body.caseId as string;
  const docs = (await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).body.referralId as string;
  const job = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'], dependsOn: docs });
  expect(job.body.status).toBe('waiting');
  await stack.settle();
  return { caseId, docs, job: job.body.referralId as string };
}

const mailsAbout = async (smr: string) => (await inbox(stack)).filter((m) => m.subject.includes(smr));
const toCoordinator = async (smr: string) => (await mailsAbout(smr)).filter((m) => m.destination.to.includes(coordinator.email));
/** What a coordinator's email is, without the case number: the same template gives the same shape. */
const shape = (m: SesEmail, smr: string) => m.subject.replace(smr, 'SMR');

function declineLink(mail: SesEmail): string {
  const urls = (mail.body.text ?? '').match(/http:\/\/localhost:\d+\/r\/[A-Za-z0-9_.-]+/g) ?? [];
  return urls.find((u) => (JSON.parse(Buffer.from(u.split('/r/')[1]!.split('.')[0]!, 'base64url').toString('utf8')) as { action: string }).action === 'decline')!;
}

describe('an answer recorded by phone', () => {
  it('a decline recorded by a colleague tells the coordinator exactly as a one-click decline does, and the waiting referral is put to them at once', async () => {
    const byPhone = await docsAndWaitingJob('SMR-PHONE-1');
    const byLink = await docsAndWaitingJob('SMR-LINK-1');

    // The head of the office takes the registry's call; the case's coordinator is told as by a click.
    const recorded = await call(stack, 'POST', `/cases/${byPhone.caseId}/referrals/${byPhone.docs}/answer`, { answer: 'decline', reason: 'not_eligible' });
    expect(recorded).toEqual({ status: 200, body: { referralId: byPhone.docs, status: 'declined', recorded: true } });
    const mail = (await mailsAbout('SMR-LINK-1')).find((m) => m.destination.to.includes(registry.email))!;
    const clicked = await fetch(declineLink(mail), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ reason: 'not_eligible' }).toString(),
    });
    expect(clicked.status).toBe(200);
    await stack.settle();

    const phoneMails = (await toCoordinator('SMR-PHONE-1')).map((m) => shape(m, 'SMR-PHONE-1')).sort();
    const linkMails = (await toCoordinator('SMR-LINK-1')).map((m) => shape(m, 'SMR-LINK-1')).sort();
    expect(phoneMails).toEqual(linkMails);
    expect(phoneMails).toHaveLength(2); // the decline, and the waiting referral's question
    expect(phoneMails.some((s) => s.startsWith('Referimi u refuzua'))).toBe(true);
    expect(phoneMails).toContain('Një referim në pritje kërkon vendimin tuaj — rasti SMR');

    const followUps = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body;
    expect((followUps.blockedReferrals as any[]).filter((b) => [byPhone.job, byLink.job].includes(b.referralId)).map((b) => [b.referralId, b.because])).toEqual(
      expect.arrayContaining([
        [byPhone.job, 'declined'],
        [byLink.job, 'declined'],
      ]),
    );

    // On record: the head, on behalf of the office; the click: the office by its link. Codes only.
    const audit = (await call(stack, 'GET', `/cases/${byPhone.caseId}`)).body.audit as any[];
    expect(audit.find((a) => a.event === 'referral.declined')).toMatchObject({
      by: `user:${stack.pool.user('obiliq-head').sub}`,
      byRole: 'head',
      via: 'api:decline',
      detail: { reason: 'not_eligible', onBehalfOf: `office:${registry.id}` },
    });
  });

  it('released by the coordinator, the waiting referral goes to its office and leaves the follow-ups', async () => {
    const { caseId, docs, job } = await docsAndWaitingJob('SMR-PHONE-2');
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${docs}/answer`, { answer: 'outcome', outcome: 'not_done', note: 'no appointment' }, undefined, 'obiliq-coordinator')).status).toBe(200);
    await stack.settle();
    // Recorded by the case's own coordinator: no email telling them what they typed, but the question about the waiting one.
    expect((await toCoordinator('SMR-PHONE-2')).map((m) => shape(m, 'SMR-PHONE-2'))).toEqual(['Një referim në pritje kërkon vendimin tuaj — rasti SMR']);
    expect((await mailsAbout('SMR-PHONE-2')).some((m) => m.destination.to.includes(employment.email))).toBe(false);

    const released = await call(stack, 'POST', `/cases/${caseId}/referrals/${job}/release`, undefined, undefined, 'obiliq-coordinator');
    expect(released).toEqual({ status: 200, body: { referralId: job, status: 'created' } });
    await stack.settle();
    expect((await mailsAbout('SMR-PHONE-2')).filter((m) => m.destination.to.includes(employment.email))).toHaveLength(1);
    const followUps = (await call(stack, 'GET', '/municipalities/obiliq/follow-ups')).body;
    expect((followUps.blockedReferrals as any[]).map((b) => b.referralId)).not.toContain(job);
    expect(((await call(stack, 'GET', `/cases/${caseId}`)).body.referrals as any[]).find((r) => r.referralId === job).status).toBe('sent');
  });

  it('an acceptance recorded by phone texts the returnee, as a click does', async () => {
    const { caseId, docs } = await docsAndWaitingJob('SMR-PHONE-3');
    const before = stack.sms.messages().length;
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${docs}/answer`, { answer: 'accept' }, undefined, 'obiliq-coordinator')).status).toBe(200);
    await stack.settle();
    expect(stack.sms.messages().length).toBe(before + 1);
    // An answer that no longer applies: 409, and nothing changes.
    const late = await call(stack, 'POST', `/cases/${caseId}/referrals/${docs}/answer`, { answer: 'decline', reason: 'other' });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('already accepted');
  });

  it('names the field of a bad answer, and scopes the case to its municipality', async () => {
    const { caseId, docs } = await docsAndWaitingJob('SMR-PHONE-4');
    const bad = await call(stack, 'POST', `/cases/${caseId}/referrals/${docs}/answer`, { answer: 'decline', reason: 'too_busy' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('reason');
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${docs}/answer`, { answer: 'maybe' })).body.errors[0].field).toBe('answer');
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${docs}/release`, { officeKind: 'nowhere' })).body.errors[0].field).toBe('officeKind');
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals/${docs}/answer`, { answer: 'accept' }, undefined, 'partesh-coordinator')).status).toBe(404);
    expect(((await call(stack, 'GET', `/cases/${caseId}`)).body.referrals as any[]).find((r) => r.referralId === docs).status).toBe('sent');
  });
});
