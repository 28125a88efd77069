import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, isCoordinationMail, obiliqFamily, startStack, textsTo } from './support.js';

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

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

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
});
