import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { documentClient } from '../../shared/aws/clients.js';
import { localDate } from '../../shared/domain/calendar.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import type { IntentItem } from '../../shared/store/intent.js';
import type { Repositories } from '../../shared/store/ports.js';
import { bounceEvent } from '../unit/delivery/ses-event-fixtures.js';
import { call, inbox, isCoordinationMail, obiliqFamily, sesMailOf, stackForFile, textsTo } from './support.js';

/**
 * Closing a case through the api handler on DynamoDB Local: its unanswered referral is cancelled
 * (`case_closed`) and nothing of the case is left on the coordinator's Today, worklists or
 * follow-ups days later, when its acknowledgement is long overdue; nothing more goes out for it.
 */
let stack: LocalStack;
const coordinator = bundledDirectory().municipality('obiliq')!.coordinators[0]!;
const SMR = 'SMR-FE2-CLOSED-1';
/** The case's own email notices (to its office, its coordinator), not the digests and agendas. */
const mailAbout = async () => (await inbox(stack)).filter((e) => !isCoordinationMail(e) && `${e.subject} ${e.body.text ?? ''} ${e.body.html ?? ''}`.includes(SMR));
const as = (method: string, path: string, body?: unknown) => call(stack, method, path, body, undefined, 'obiliq-coordinator');

let repos: Repositories;

stackForFile((s) => {
  stack = s;
  repos = dynamoRepositories(documentClient(), stack.tableName);
});

describe('a closed case on the coordinators\' lists', () => {
  it('leaves nothing behind: its sent referral cancelled, off Today, the worklists and the follow-ups', async () => {
    const created = await as('POST', '/cases', { ...obiliqFamily(SMR), coordinatorId: coordinator.id, arrivalDate: '2026-11-23' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId: string = created.body.caseId;
    const ref = await as('POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    expect(ref.status).toBe(201);
    const appt = await as('POST', `/cases/${caseId}/appointments`, { kind: 'appointment', when: '2026-12-09T10:00:00+01:00', title: 'Zyra e gjendjes civile', where: 'Komuna, kati 1' });
    expect(appt.status).toBe(201);
    await stack.settle();
    expect(((await as('GET', `/cases/${caseId}`)).body.referrals as { status: string }[]).map((r) => r.status)).toEqual(['sent']);

    const closed = await as('POST', `/cases/${caseId}/close`, { outcome: 'moved_municipality', finalAssessment: 'Moved away.' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await stack.settle();
    const view = (await as('GET', `/cases/${caseId}`)).body;
    expect(view.referrals).toMatchObject([{ status: 'cancelled' }]);
    const mails = (await mailAbout()).length;
    const texts = textsTo(stack).length;

    // A week on, the acknowledgement is overdue and the appointment due: neither is anyone's task.
    await stack.advanceTo(new Date('2026-12-08T08:00:00Z'));
    const today = await as('GET', '/municipalities/obiliq/today');
    expect(today.status).toBe(200);
    expect(JSON.stringify(today.body)).not.toContain(caseId);
    expect(today.body.counts).toMatchObject({ overdue: 0 });
    const worklists = await as('GET', '/municipalities/obiliq/worklists');
    expect(worklists.status).toBe(200);
    expect(JSON.stringify(worklists.body)).not.toContain(caseId);
    const followUps = await as('GET', '/municipalities/obiliq/follow-ups');
    expect(followUps.status).toBe(200);
    // Only the case's own: a digest the SES emulator was slow to take may be on the list too.
    expect(JSON.stringify(followUps.body)).not.toContain(caseId);
    // Nothing went out about it since the closing (the office's escalations, the family's reminders).
    expect((await mailAbout()).length).toBe(mails);
    expect(textsTo(stack).length).toBe(texts);

    // A retried close answers that it is closed (the first closure's outcome stands) and sends nothing.
    expect((await as('POST', `/cases/${caseId}/close`, { outcome: 'moved_municipality', finalAssessment: 'Moved away.' })).status).toBe(200);
    expect((await mailAbout()).length).toBe(mails);
    expect(textsTo(stack).length).toBe(texts);
  });

  /** The case's own entries in the day's feed the digests read, and whether it is on any coordinator's list. */
  const feedOf = async (caseId: string) => (await repos.worklists.feed('obiliq', localDate(stack.clock.now()))).filter((a) => a.caseId === caseId).map((a) => a.event);
  const listed = async (caseId: string) => {
    const lists = await Promise.all(['follow-ups', 'today', 'worklists'].map((l) => as('GET', `/municipalities/obiliq/${l}`)));
    return lists.filter((l) => JSON.stringify(l.body).includes(caseId)).length;
  };

  it("a late bounce of its office's email is on the case's record alone: off the follow-ups, Today, the worklists and the digests' feed", async () => {
    const smr = 'SMR-FK-BOUNCE-1';
    const created = await as('POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId: string = created.body.caseId;
    const ref = await as('POST', `/cases/${caseId}/referrals`, { officeKind: 'employment_office', need: 'job_seeker_registration', personIds: ['p1'] });
    expect(ref.status).toBe(201);
    await stack.settle();
    const email = (await repos.intents.get({ pk: `CASE#${caseId}`, intentId: `${ref.body.referralId}#referral.office` })) as IntentItem;
    expect(email.status).toBe('sent');
    expect((await as('POST', `/cases/${caseId}/close`, { outcome: 'moved_municipality', finalAssessment: 'Moved away.' })).status).toBe(200);
    await stack.settle();

    // SES reports the bounce after the close, through EventBridge to the email-events function.
    // (The office's address is then suppressed: the other tests here refer to another office.)
    await stack.publishSesEvent(bounceEvent({ ...sesMailOf(stack, email), bounceType: 'Permanent', bounceSubType: 'General', status: '5.1.1', at: stack.clock.now().toISOString() }));
    await stack.settle();
    expect(await repos.intents.get(email)).toMatchObject({ status: 'failed', failure: { code: 'BouncePermanent' } });
    const view = (await as('GET', `/cases/${caseId}`)).body;
    expect(view.audit.some((a: { event: string; subjectId: string }) => a.event === 'notification.failed' && a.subjectId === email.intentId)).toBe(true);
    expect(await listed(caseId)).toBe(0);
    expect(await feedOf(caseId)).not.toContain('notification.failed');
  });

  it('an SMS refused while the case was being closed asks no one to pass it on: no follow-up email, in no list', async () => {
    const smr = 'SMR-FK-SMS-1';
    const created = await as('POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId: string = created.body.caseId;
    await stack.settle();
    const toCoordinator = async () => (await inbox(stack)).filter((e) => e.destination.to.includes(coordinator.email) && `${e.subject} ${e.body.text ?? ''}`.includes(smr)).length;
    const before = await toCoordinator();
    const faults = stack.sms.failedPublishes;
    // The family's SMS about the referral reaches SNS, which answers only once the coordinator has
    // closed the case (after delivery read it open), and then refuses it for good.
    let closed: number | undefined;
    stack.sms.failPublishes(1, { status: 400, code: 'InvalidParameter' }, {
      phoneNumber: '+38349555123',
      meanwhile: async () => {
        closed = (await as('POST', `/cases/${caseId}/close`, { outcome: 'moved_municipality', finalAssessment: 'Moved away.' })).status;
      },
    });
    const ref = await as('POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' });
    expect(ref.status).toBe(201);
    await stack.settle();
    expect(stack.sms.failedPublishes - faults).toBe(1);
    expect(closed).toBe(200);

    const view = (await as('GET', `/cases/${caseId}`)).body;
    const sms = (view.referrals[0].notifications as { channel: string; status: string }[]).filter((n) => n.channel === 'sms');
    expect(sms.map((n) => n.status)).toEqual(['failed']);
    expect(await toCoordinator()).toBe(before);
    expect(await listed(caseId)).toBe(0);
    expect(await feedOf(caseId)).not.toContain('notification.failed');
  });
});
