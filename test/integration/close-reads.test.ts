import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { Counter, countDynamo } from '../../bench/counting.js';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { kosovoHolidays } from '../../shared/domain/holidays.js';
import { closeCase } from '../../shared/referrals/lifecycle.js';
import type { IntakeDeps } from '../../shared/referrals/intake.js';
import { dynamoRepositories } from '../../shared/store/dynamodb-repositories.js';
import { call, inbox, obiliqFamily, stackForFile } from './support.js';

/**
 * What closing a busy case asks of DynamoDB Local: the case's partition is read once after the
 * close is written, and every clean-up step (cancelling what is pending, its unanswered referrals,
 * taking it off the lists, the offices' and invitees' notices) works from that read. The close is
 * run through its own client with the bench's counting middleware (bench/counting.ts), so the
 * stack's stream functions, reacting meanwhile on theirs, are not counted.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const coordinator = directory.municipality('obiliq')!.coordinators[0]!;
const registry = directory.office('obiliq', 'civil_registry')!;
const counter = new Counter();
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
countDynamo(db, counter);

stackForFile((s) => (stack = s));
afterAll(() => db.destroy());

const SMR = 'SMR-FS-CLOSE-1';
const ACTOR = { by: coordinator.id, role: 'coordinator' } as const;

/** Calls by command, as the counter saw them. */
const calls = () => Object.fromEntries(Object.entries(counter.dynamo).map(([command, c]) => [command, c.calls]));

describe('closing a case reads its partition once', () => {
  it('a busy case (a referral sent, an appointment, a planned home visit): one Query, and the clean-up is all done', async () => {
    const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(SMR), coordinatorId: coordinator.id, phone: '049 555 611' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId: string = created.body.caseId;
    expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
    const appt = await call(stack, 'POST', `/cases/${caseId}/appointments`, { kind: 'appointment', when: '2026-12-09T10:00:00+01:00', title: 'Zyra e gjendjes civile', where: 'Komuna, kati 1' });
    expect(appt.status, JSON.stringify(appt.body)).toBe(201);
    expect((await call(stack, 'POST', `/cases/${caseId}/home-visit/plan`, { at: '2026-11-24T10:00:00+01:00' })).status).toBe(200);
    await stack.settle();
    expect((await inbox(stack)).filter((e) => e.subject.includes(SMR) && e.destination.to.includes(registry.email))).toHaveLength(1);

    const deps: IntakeDeps = { ...dynamoRepositories(db, stack.tableName), directory, holidays: kosovoHolidays(), clock: stack.clock, retentionDays: 730 };
    counter.reset();
    const closed = await closeCase(caseId, deps, ACTOR, { outcome: 'moved_municipality', finalAssessment: 'Moved away.' });
    expect(closed).toMatchObject({ ok: true, value: { status: 'closed' } });
    const first = calls();
    console.log(`close of a busy case: ${JSON.stringify(first)}`);
    expect(first.Query).toBe(1);

    counter.reset();
    expect(await closeCase(caseId, deps, ACTOR, { outcome: 'moved_municipality', finalAssessment: 'Moved away.' })).toMatchObject({ ok: true, value: { status: 'closed', cancelled: 0 } });
    const retried = calls();
    console.log(`retried close: ${JSON.stringify(retried)}`);
    expect(retried.Query).toBe(1);

    // What the clean-up owed is done, as the old steps did it each from their own read.
    const view = (await call(stack, 'GET', `/cases/${caseId}`)).body;
    type Notice = { template: string; status: string };
    expect(view.referrals).toMatchObject([{ status: 'cancelled' }]);
    expect((view.referrals[0].notifications as Notice[]).filter((n) => n.template === 'referral.office.withdrawn')).toHaveLength(1);
    expect((view.notifications as Notice[]).filter((n) => n.template === 'visit.office.cancelled')).toHaveLength(2);
    // Nothing left unsent but the call-off notices.
    const unsent = [...(view.notifications as Notice[]), ...(view.referrals[0].notifications as Notice[])].filter((n) => n.status === 'queued' || n.status === 'deferred');
    expect(unsent.every((n) => n.template === 'referral.office.withdrawn' || n.template === 'visit.office.cancelled')).toBe(true);
    const today = await call(stack, 'GET', '/municipalities/obiliq/worklists');
    expect(JSON.stringify(today.body)).not.toContain(caseId);
  });
});
