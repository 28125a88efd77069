import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quarterOf } from '../../shared/domain/quarters.js';
import { WITHDRAWABLE } from '../../shared/domain/referral-state.js';
import { auditItem } from '../../shared/store/audit.js';
import { CaseNotFoundError, type DueItem, type Repositories } from '../../shared/store/ports.js';
import { assessmentItem, monitoringItem, planItem, type AssessmentItem, type MeasureItem, type MonitoringItem, type PlanItem } from '../../shared/store/case-file.js';
import type { CaseItem } from '../../shared/store/case.js';
import { claimedAtWrite, type IntentItem } from '../../shared/store/intent.js';
import { pageAnswerItem } from '../../shared/store/page-answer.js';
import { ACTOR, aCase, aMeeting, anAppointment, anIntent, aReferral, aTimer, AT, EXPIRES } from './items.js';

/**
 * The promises of shared/store/ports.ts, asserted once and run against every adapter: the
 * in-memory set in the unit project (test/unit/store/in-memory-contract.test.ts) and the DynamoDB
 * set on DynamoDB Local in the integration project (test/integration/repositories-contract.test.ts).
 * Each test starts from an empty table. What is asserted is what a use case relies on: what a
 * second or stale write answers and leaves behind, what is written together or not at all, and
 * which list holds what, in which order.
 */

export interface ContractSubject {
  repos: Repositories;
  /** The next write takes effect, its answer is lost, and the client sends it again (the SDK's retry after a reset connection). */
  loseNextAnswer: () => void;
  /** Another writer puts `item` just before the next write: between what a port read and the write that rests on it. */
  putBeforeNextWrite: (item: Record<string, unknown> & { pk: string; sk: string }) => void;
  /** Called after each test: a table to delete, a client to close. */
  dispose?: () => Promise<void>;
}

const Q4 = quarterOf(new Date(AT));
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const ids = <T, K extends keyof T>(items: T[], key: K) => items.map((i) => i[key]);

export function describeRepositoriesContract(name: string, make: () => Promise<ContractSubject>): void {
  describe(`the repositories' contract: ${name}`, () => {
    let subject: ContractSubject;
    let r: Repositories;
    beforeEach(async () => {
      subject = await make();
      r = subject.repos;
    });
    afterEach(async () => {
      await subject?.dispose?.();
    });

    const feedEvents = async (municipalityId: string, localDate: string) => (await r.worklists.feed(municipalityId, localDate)).map((a) => a.event);

    /** A case created through the port, with nothing else. */
    const created = async (caseId: string, fields: Parameters<typeof aCase>[1] = {}) => {
      const c = aCase(caseId, fields);
      expect(await r.cases.create(c, [], ACTOR)).toEqual({ created: true });
      return c;
    };

    describe('cases', () => {
      it('creates a case with its first timers, counted, listed, on record, and found by its SMR id in any letter case', async () => {
        const c = aCase('C1');
        const t = aTimer('C1', 'C1#case.monitoring#1', '2026-12-23T08:00:00.000Z');
        expect(await r.cases.create(c, [t], ACTOR)).toEqual({ created: true });
        const view = await r.cases.view('C1');
        expect(view?.case).toMatchObject({ caseId: 'C1', status: 'open', smrCaseId: 'SMR-C1' });
        expect(ids(view!.timers, 'timerId')).toEqual([t.timerId]);
        // What an entry says is the entity's (case.ts); that it is written with the case is the adapter's.
        expect(view!.audit.map((a) => [a.event, a.subjectId, a.by, a.byRole, a.at])).toEqual([['case.created', 'C1', ACTOR.by, ACTOR.role, AT]]);
        expect(ids(await r.worklists.openCases('obiliq'), 'caseId')).toEqual(['C1']);
        expect((await r.indicators.figures('obiliq', Q4)).casesOpened).toBe(1);
        expect(await r.cases.caseIdOfSmr('smr-c1')).toBe('C1');
        expect(await r.cases.municipalityOfSmr('SMR-C1')).toBe('obiliq');
        expect(await r.cases.caseOfSmr('smr-C1')).toEqual({ caseId: 'C1', municipalityId: 'obiliq' });
        expect(await r.cases.caseOfSmr('SMR-NONE')).toBeUndefined();
        expect(await r.cases.municipalityOf('C1')).toBe('obiliq');
        expect(await feedEvents('obiliq', '2026-11-23')).toEqual(['case.created']);
      });

      it('creates nothing for an SMR id already claimed, in any letter case, and names the case that has it', async () => {
        await created('C1');
        const again = aCase('C2', { smrCaseId: 'smr-c1', municipalityId: 'partesh' });
        const t = aTimer('C2', 'C2#case.monitoring#1', '2026-12-23T08:00:00.000Z');
        expect(await r.cases.create(again, [t], ACTOR)).toEqual({ created: false, existingCaseId: 'C1' });
        expect(await r.cases.get('C2')).toBeUndefined();
        expect(await r.cases.view('C2')).toBeUndefined();
        expect(await r.worklists.openCases('partesh')).toEqual([]);
        expect((await r.indicators.figures('partesh', Q4)).casesOpened).toBe(0);
        expect((await r.indicators.figures('obiliq', Q4)).casesOpened).toBe(1);
      });

      it('records a home visit on an open case only', async () => {
        await created('C1');
        expect(await r.cases.recordHomeVisit('C1', '2026-11-24T10:00:00.000Z')).toBe(true);
        expect((await r.cases.get('C1'))?.homeVisitAt).toBe('2026-11-24T10:00:00.000Z');
        expect(await r.cases.recordHomeVisit('NOPE', AT)).toBe(false);
        expect(await r.cases.get('NOPE')).toBeUndefined();
        await r.cases.close('C1', '2026-11-25T10:00:00.000Z', ACTOR);
        expect(await r.cases.recordHomeVisit('C1', '2026-11-26T10:00:00.000Z')).toBe(false);
        expect((await r.cases.get('C1'))?.homeVisitAt).toBe('2026-11-24T10:00:00.000Z');
      });

      it("counts a case's first home visit with it, once; a second recording only corrects the time", async () => {
        await created('C1');
        const first = { homeVisits_returnee: 1, homeVisitsInTime_returnee: 1 };
        expect(await r.cases.recordHomeVisit('C1', '2026-11-24T10:00:00.000Z', undefined, first)).toBe(true);
        expect(await r.cases.recordHomeVisit('C1', '2026-11-24T11:00:00.000Z', undefined, first)).toBe(true);
        expect((await r.cases.get('C1'))?.homeVisitAt).toBe('2026-11-24T11:00:00.000Z');
        expect(await r.indicators.counters('obiliq', Q4)).toMatchObject({ homeVisits_returnee: 1, homeVisitsInTime_returnee: 1, casesOpened_returnee: 1 });
        await r.cases.close('C1', '2026-11-25T10:00:00.000Z', ACTOR);
        expect(await r.cases.recordHomeVisit('C1', '2026-11-26T10:00:00.000Z', undefined, first)).toBe(false);
        expect((await r.indicators.figures('obiliq', Q4)).byCategory.returnee.homeVisits).toBe(1);
      });

      it('writes the intents given with a new case, with it; none when its SMR id is taken', async () => {
        const welcome = (caseId: string) => anIntent(caseId, `${caseId}#case.welcome`, { purpose: 'case.welcome', channel: 'sms', template: 'case.returnee.welcome', recipient: '+38349555123' });
        expect(await r.cases.create(aCase('C1'), [], ACTOR, [welcome('C1')])).toEqual({ created: true });
        expect(ids((await r.cases.view('C1'))!.intents, 'intentId')).toEqual(['C1#case.welcome']);
        expect(await r.cases.create(aCase('C2', { smrCaseId: 'SMR-C1' }), [], ACTOR, [welcome('C2')])).toEqual({ created: false, existingCaseId: 'C1' });
        expect(await r.intents.get({ pk: 'CASE#C2', intentId: 'C2#case.welcome' })).toBeUndefined();
      });

      it('plans the home visit with its intents, all or nothing, only at the sequence read, on an open case with no visit recorded', async () => {
        await created('C1');
        const plan = (sequence: number, start: string) => ({ start, end: start.replace('T09', 'T10'), sequence, status: 'planned' as const, plannedAt: AT, ...(sequence > 0 ? { previousStart: '2026-11-24T09:00:00.000Z' } : {}) });
        const invite = (sequence: number) => anIntent('C1', `C1#homevisit#${sequence}#visit.invite#qps`, { purpose: 'visit.invite', sourceId: `C1#homevisit#${sequence}` });
        const told = (...intents: IntentItem[]) => ({ intents, replaces: [] });
        expect(await r.cases.planHomeVisit('C1', plan(0, '2026-11-24T09:00:00.000Z'), undefined, told(invite(0)), ACTOR)).toBe('written');
        // Someone planned it meanwhile: a second first plan, or a move from a sequence no longer there, writes nothing.
        expect(await r.cases.planHomeVisit('C1', plan(0, '2026-11-25T09:00:00.000Z'), undefined, told(invite(9)), ACTOR)).toBe('refused');
        expect(await r.cases.planHomeVisit('C1', plan(2, '2026-11-25T09:00:00.000Z'), 1, told(invite(2)), ACTOR)).toBe('refused');
        expect(await r.cases.planHomeVisit('C1', plan(1, '2026-11-25T09:00:00.000Z'), 0, told(invite(1)), ACTOR)).toBe('written');
        const view = (await r.cases.view('C1'))!;
        expect(view.case.homeVisitPlan).toMatchObject({ sequence: 1, start: '2026-11-25T09:00:00.000Z' });
        expect(ids(view.intents, 'intentId').sort()).toEqual(['C1#homevisit#0#visit.invite#qps', 'C1#homevisit#1#visit.invite#qps']);
        expect(view.audit.map((a) => [a.event, a.detail?.sequence])).toEqual(
          expect.arrayContaining([
            ['case.home_visit_planned', '0'],
            ['case.home_visit_moved', '1'],
          ]),
        );
        // Recorded, the plan is done and cannot move; a closed or missing case is not planned.
        expect(await r.cases.recordHomeVisit('C1', '2026-11-25T10:00:00.000Z', { ...view.case.homeVisitPlan!, status: 'done', doneAt: '2026-11-25T10:00:00.000Z' })).toBe(true);
        expect((await r.cases.get('C1'))?.homeVisitPlan).toMatchObject({ status: 'done', sequence: 1 });
        expect(await r.cases.planHomeVisit('C1', plan(2, '2026-11-26T09:00:00.000Z'), 1, told(invite(2)), ACTOR)).toBe('refused');
        expect(await r.intents.get({ pk: 'CASE#C1', intentId: 'C1#homevisit#2#visit.invite#qps' })).toBeUndefined();
        expect(await r.cases.planHomeVisit('NOPE', plan(0, '2026-11-24T09:00:00.000Z'), undefined, told(), ACTOR)).toBe('refused');
        await created('C2');
        await r.cases.close('C2', AT, ACTOR);
        expect(await r.cases.planHomeVisit('C2', plan(0, '2026-11-24T09:00:00.000Z'), undefined, told(), ACTOR)).toBe('refused');
        expect((await r.cases.get('C2'))?.homeVisitPlan).toBeUndefined();
        // Called off (its own version), then planned afresh: each on record as what it was.
        await created('C3');
        expect(await r.cases.planHomeVisit('C3', plan(0, '2026-11-24T09:00:00.000Z'), undefined, told(), ACTOR)).toBe('written');
        // Each version at its own time: audit entries of one case at one instant are one entry.
        const { previousStart: _, ...off } = { ...plan(1, '2026-11-24T09:00:00.000Z'), status: 'cancelled' as const, plannedAt: '2026-11-23T11:00:00.000Z' };
        expect(await r.cases.planHomeVisit('C3', off, 0, told(), ACTOR)).toBe('written');
        const { previousStart: __, ...afresh } = { ...plan(2, '2026-11-26T09:00:00.000Z'), plannedAt: '2026-11-23T12:00:00.000Z' };
        expect(await r.cases.planHomeVisit('C3', afresh, 1, told(), ACTOR)).toBe('written');
        expect((await r.cases.view('C3'))!.audit.filter((a) => a.event.startsWith('case.home_visit')).map((a) => [a.event, a.detail?.sequence])).toEqual([
          ['case.home_visit_planned', '0'],
          ['case.home_visit_cancelled', '1'],
          ['case.home_visit_planned', '2'],
        ]);
      });

      it("replaces the family's earlier visit SMS only while it is unsent, and says so when a delivery claimed it: nothing written", async () => {
        await created('C1');
        const plan = (sequence: number, start: string) => ({ start, end: start.replace('T09', 'T10'), sequence, status: 'planned' as const, plannedAt: AT });
        const sms = (sequence: number, fields: Partial<IntentItem> = {}) =>
          anIntent('C1', `C1#homevisit#${sequence}#visit.family`, { purpose: 'visit.family', sourceId: `C1#homevisit#${sequence}`, channel: 'sms', template: 'visit.returnee.planned', recipient: '+38349555123', ...fields });
        expect(await r.cases.planHomeVisit('C1', plan(0, '2026-11-24T09:00:00.000Z'), undefined, { intents: [sms(0)], replaces: [] }, ACTOR)).toBe('written');
        const held = (await r.intents.get(sms(0)))!;
        await r.intents.claim(held, 1_800_000_000, AT);
        // Claimed by a delivery: refused as "told", and neither the move nor its SMS is written.
        expect(await r.cases.planHomeVisit('C1', plan(1, '2026-11-25T09:00:00.000Z'), 0, { intents: [sms(1)], replaces: [held] }, ACTOR)).toBe('told');
        expect((await r.cases.get('C1'))?.homeVisitPlan).toMatchObject({ sequence: 0 });
        expect(await r.intents.get(sms(1))).toBeUndefined();
        // Someone else's change first: refused as such, whatever else failed.
        expect(await r.cases.planHomeVisit('C1', plan(1, '2026-11-25T09:00:00.000Z'), 5, { intents: [sms(1)], replaces: [held] }, ACTOR)).toBe('refused');
        // Still unsent: cancelled with the change, out of the timers index.
        await r.intents.putIfAbsent(sms(7, { status: 'deferred', notBefore: '2026-11-24T07:00:00.000Z', dueAt: '2026-11-24T07:00:00.000Z', dueBucket: '2026-11-24T07' }));
        expect(await r.cases.planHomeVisit('C1', plan(1, '2026-11-25T09:00:00.000Z'), 0, { intents: [sms(1)], replaces: [sms(7)] }, ACTOR)).toBe('written');
        expect(await r.intents.get(sms(7))).toMatchObject({ status: 'cancelled' });
        expect((await r.intents.get(sms(7)))?.dueBucket).toBeUndefined();
        expect((await r.intents.get(sms(1)))?.status).toBe('queued');
      });

      it('closes an open case once: counted once, out of the open-cases list, on record', async () => {
        await created('C1');
        await created('C2', { arrivalDate: '2026-11-21' });
        expect(await r.cases.close('C1', '2026-11-25T10:00:00.000Z', ACTOR)).toBe(true);
        expect(await r.cases.close('C1', '2026-11-26T10:00:00.000Z', ACTOR)).toBe(false);
        expect(await r.cases.close('NOPE', AT, ACTOR)).toBe(false);
        expect(await r.cases.get('C1')).toMatchObject({ status: 'closed', closedAt: '2026-11-25T10:00:00.000Z' });
        expect(ids(await r.worklists.openCases('obiliq'), 'caseId')).toEqual(['C2']);
        expect((await r.indicators.figures('obiliq', Q4)).casesClosed).toBe(1);
        expect((await r.cases.view('C1'))!.audit.map((a) => a.event)).toEqual(['case.created', 'case.closed']);
      });

      it('opts the returnee out of SMS and back in, on record, on an open case only', async () => {
        await created('C1');
        expect(await r.cases.setSmsOptOut('C1', { reason: 'wrong_number' }, '2026-11-24T10:00:00.000Z', ACTOR)).toBe(true);
        expect(await r.cases.get('C1')).toMatchObject({ consent: { sms: false, shareWithOffices: true }, smsOptOut: { reason: 'wrong_number', at: '2026-11-24T10:00:00.000Z' } });
        expect(await r.cases.setSmsOptOut('C1', undefined, '2026-11-25T10:00:00.000Z', ACTOR)).toBe(true);
        const back = await r.cases.get('C1');
        expect(back?.consent).toEqual({ sms: true, shareWithOffices: true });
        expect(back?.smsOptOut).toBeUndefined();
        expect((await r.cases.view('C1'))!.audit.map((a) => [a.event, a.detail])).toEqual([
          ['case.created', expect.anything()],
          ['case.sms_opted_out', { reason: 'wrong_number' }],
          ['case.sms_opted_in', undefined],
        ]);
        await r.cases.close('C1', '2026-11-26T10:00:00.000Z', ACTOR);
        expect(await r.cases.setSmsOptOut('C1', { reason: 'other' }, '2026-11-27T10:00:00.000Z', ACTOR)).toBe(false);
        expect(await r.cases.setSmsOptOut('NOPE', { reason: 'other' }, AT, ACTOR)).toBe(false);
      });

      it("records a returnee-page answer with its intents only over the answer read, on an open case only", async () => {
        await created('C1');
        const answer = (n: number, a: 'yes' | 'no', at: string) => pageAnswerItem({ caseId: 'C1', step: 'appt:A1', answer: a, changes: n, at, expiresAt: EXPIRES });
        const told = (n: number) => anIntent('C1', `C1#page#appt:A1#no#${n}`, { purpose: 'page.cannot_come' });
        expect(await r.cases.answerFromPage(answer(1, 'no', '2026-11-24T10:00:00.000Z'), undefined, [told(1)])).toBe('recorded');
        // A second press read before the first was written: nothing more is written.
        expect(await r.cases.answerFromPage(answer(1, 'no', '2026-11-24T10:00:01.000Z'), undefined, [told(9)])).toBe('conflict');
        expect(await r.cases.answerFromPage(answer(2, 'yes', '2026-11-24T10:05:00.000Z'), 5, [])).toBe('conflict');
        expect(await r.cases.answerFromPage(answer(2, 'yes', '2026-11-24T10:05:00.000Z'), 1, [])).toBe('recorded');
        const view = (await r.cases.view('C1'))!;
        expect(view.pageAnswers).toEqual([answer(2, 'yes', '2026-11-24T10:05:00.000Z')]);
        expect(view.intents.map((i) => i.intentId)).toEqual(['C1#page#appt:A1#no#1']);
        expect(view.audit.filter((a) => a.event === 'case.page_answered').map((a) => a.detail)).toEqual([{ answer: 'no' }, { answer: 'yes' }]);
        expect(await feedEvents('obiliq', '2026-11-24')).toContain('case.page_answered');
        await r.cases.close('C1', '2026-11-26T10:00:00.000Z', ACTOR);
        expect(await r.cases.answerFromPage(answer(3, 'no', '2026-11-27T10:00:00.000Z'), 2, [])).toBe('closed');
        expect(await r.cases.answerFromPage({ ...answer(1, 'no', AT), caseId: 'NOPE', pk: 'CASE#NOPE' }, undefined, [])).toBe('closed');
      });

      it('lists an "I cannot come" in its municipality until it is followed up there, over the answer read; a changed mind unlists it', async () => {
        await created('C1');
        const answer = (n: number, a: 'yes' | 'no', at: string, step = 'appt:A1') =>
          pageAnswerItem({ caseId: 'C1', step, answer: a, changes: n, at, expiresAt: EXPIRES, municipalityId: 'obiliq', about: { kind: 'appointment', when: AT } });
        expect(await r.cases.answerFromPage(answer(1, 'no', '2026-11-24T10:00:00.000Z'), undefined, [])).toBe('recorded');
        expect(await r.cases.answerFromPage(answer(1, 'yes', '2026-11-24T09:00:00.000Z', 'ref:R1'), undefined, [])).toBe('recorded');
        expect(await r.cases.answerFromPage(answer(1, 'no', '2026-11-24T11:00:00.000Z', 'ref:R2'), undefined, [])).toBe('recorded');
        expect((await r.worklists.cannotCome('obiliq')).map((a) => a.step)).toEqual(['appt:A1', 'ref:R2']);
        expect((await r.worklists.cannotCome('obiliq'))[0]).toMatchObject({ about: { kind: 'appointment', when: AT }, municipalityId: 'obiliq' });
        expect(await r.worklists.cannotCome('partesh')).toEqual([]);
        // Another municipality, a step never answered, a "yes": nothing to follow up.
        const visited = (at: string) => ({ outcome: 'visited' as const, at, request: { id: 'REQ1', requestHash: 'h1' } });
        expect(await r.cases.resolveCannotCome({ caseId: 'C1', step: 'appt:A1' }, 'partesh', visited(AT), ACTOR)).toEqual({ done: false });
        expect(await r.cases.resolveCannotCome({ caseId: 'C1', step: 'appt:NOPE' }, 'obiliq', visited(AT), ACTOR)).toEqual({ done: false });
        expect(await r.cases.resolveCannotCome({ caseId: 'C1', step: 'ref:R1' }, 'obiliq', visited(AT), ACTOR)).toEqual({ done: false });
        expect(await r.cases.resolveCannotCome({ caseId: 'C1', step: 'appt:A1' }, 'obiliq', visited('2026-11-24T12:00:00.000Z'), ACTOR)).toEqual({ done: true });
        // Done before: how, with the request that did it (its retry is told by that).
        expect(await r.cases.resolveCannotCome({ caseId: 'C1', step: 'appt:A1' }, 'obiliq', { outcome: 'unreachable', at: '2026-11-24T12:00:01.000Z' }, ACTOR)).toEqual({ done: false, earlier: visited('2026-11-24T12:00:00.000Z') });
        expect((await r.worklists.cannotCome('obiliq')).map((a) => a.step)).toEqual(['ref:R2']);
        const view = (await r.cases.view('C1'))!;
        expect(view.pageAnswers.find((a) => a.step === 'appt:A1')).toMatchObject({ followUp: visited('2026-11-24T12:00:00.000Z') });
        expect(view.audit.filter((a) => a.event === 'followup.done')).toEqual([expect.objectContaining({ subjectId: 'appt:A1#1', detail: { outcome: 'visited', answer: 'no' }, by: ACTOR.by })]);
        expect(await feedEvents('obiliq', '2026-11-24')).toContain('followup.done');
        // "I will come" after all: off the list, without anyone's follow-up.
        expect(await r.cases.answerFromPage(answer(2, 'yes', '2026-11-24T13:00:00.000Z', 'ref:R2'), 1, [])).toBe('recorded');
        expect(await r.worklists.cannotCome('obiliq')).toEqual([]);
      });

      it('answers an "I cannot come" followed up by another request between its read and its write as it stands then: done, and how (review RV-I)', async () => {
        await created('C1');
        const listed = pageAnswerItem({ caseId: 'C1', step: 'appt:A1', answer: 'no', changes: 1, at: AT, expiresAt: EXPIRES, municipalityId: 'obiliq', about: { kind: 'appointment', when: AT } });
        expect(await r.cases.answerFromPage(listed, undefined, [])).toBe('recorded');
        const first = { outcome: 'visited' as const, at: '2026-11-24T12:00:00.000Z', request: { id: 'REQ1', requestHash: 'h1' } };
        // The first attempt of the request, whose answer was lost, lands while its retry is on its way: the retry learns how it was done.
        const { listKey: _k, listSort: _s, ...unlisted } = listed;
        subject.putBeforeNextWrite({ ...unlisted, followUp: first });
        expect(await r.cases.resolveCannotCome({ caseId: 'C1', step: 'appt:A1' }, 'obiliq', { ...first, at: '2026-11-24T12:00:02.000Z' }, ACTOR)).toEqual({ done: false, earlier: first });
        expect(await r.worklists.cannotCome('obiliq')).toEqual([]);
      });

      it("takes a closed case's items off the coordinators' lists, keeping the day's feed; nothing while it is open", async () => {
        await created('C1');
        await created('C2');
        const cannot = (caseId: string) =>
          pageAnswerItem({ caseId, step: 'appt:A1', answer: 'no', changes: 1, at: AT, expiresAt: EXPIRES, municipalityId: 'obiliq', about: { kind: 'appointment', when: AT } });
        for (const caseId of ['C1', 'C2']) {
          expect(await r.cases.answerFromPage(cannot(caseId), undefined, [])).toBe('recorded');
          expect(await r.appointments.create(anAppointment(caseId, 'A1', '2026-12-02T08:00:00.000Z'), [], 'obiliq')).toBe(true);
        }
        expect(await r.cases.delistClosed('C1')).toBe(0);
        expect(await r.cases.delistClosed('NOPE')).toBe(0);
        expect((await r.worklists.cannotCome('obiliq')).map((a) => a.caseId)).toEqual(['C1', 'C2']);
        const feed = await feedEvents('obiliq', '2026-11-23');
        await r.cases.close('C1', AT, ACTOR);
        expect(await r.cases.delistClosed('C1')).toBe(2);
        expect(await r.cases.delistClosed('C1')).toBe(0);
        expect((await r.worklists.cannotCome('obiliq')).map((a) => a.caseId)).toEqual(['C2']);
        expect((await r.worklists.appointments('obiliq')).map((a) => a.caseId)).toEqual(['C2']);
        expect((await feedEvents('obiliq', '2026-11-23')).sort()).toEqual([...feed, 'case.closed'].sort());
      });

      it('takes a closed case off the lists as the caller read it: each item only off the list it was read on', async () => {
        await created('C1');
        const cannot = pageAnswerItem({ caseId: 'C1', step: 'appt:A1', answer: 'no', changes: 1, at: AT, expiresAt: EXPIRES, municipalityId: 'obiliq', about: { kind: 'appointment', when: AT } });
        expect(await r.cases.answerFromPage(cannot, undefined, [])).toBe('recorded');
        expect(await r.appointments.create(anAppointment('C1', 'A1', '2026-12-02T08:00:00.000Z'), [], 'obiliq')).toBe(true);
        const open = (await r.cases.view('C1'))!;
        await r.cases.close('C1', AT, ACTOR);
        // Read while still open: nothing.
        expect(await r.cases.delistClosed('C1', open)).toBe(0);
        const read = (await r.cases.view('C1'))!;
        // Followed up after the read: off its list already, by the coordinator.
        expect(await r.cases.resolveCannotCome({ caseId: 'C1', step: 'appt:A1' }, 'obiliq', { outcome: 'unreachable', at: '2026-11-24T12:00:00.000Z' }, ACTOR)).toEqual({ done: true });
        expect(await r.cases.delistClosed('C1', read)).toBe(1);
        expect(await r.worklists.appointments('obiliq')).toEqual([]);
        expect((await r.cases.view('C1'))!.pageAnswers[0]).toMatchObject({ followUp: { outcome: 'unreachable' } });
        expect(await r.cases.delistClosed('C1', read)).toBe(0);
      });
    });

    describe('referrals', () => {
      it("reads several of a case's referrals at once: those it has, as get reads each", async () => {
        await created('C1');
        await created('C2');
        expect(await r.referrals.createAllIfAbsent(['R1', 'R2', 'R3'].map((id) => aReferral('C1', id)))).toBe(true);
        expect(await r.referrals.createIfAbsent(aReferral('C2', 'R4'))).toBe(true);
        expect(await r.referrals.cancel('C1', 'R2', 'made by mistake', AT, ACTOR)).toBe(true);
        const got = await r.referrals.getAll('C1', ['R2', 'R3', 'R4', 'NOPE']);
        expect(got.map((x) => x.referralId).sort()).toEqual(['R2', 'R3']);
        expect(got.find((x) => x.referralId === 'R2')).toEqual(await r.referrals.get('C1', 'R2'));
        expect(got.find((x) => x.referralId === 'R2')).toMatchObject({ status: 'cancelled' });
        expect(await r.referrals.getAll('C1', [])).toEqual([]);
        expect(await r.referrals.getAll('NOPE', ['R1'])).toEqual([]);
      });

      it('creates a referral under an existing case only (CaseNotFoundError), and counts it once however often it is created', async () => {
        await expect(r.referrals.createIfAbsent(aReferral('NOPE', 'R1'))).rejects.toBeInstanceOf(CaseNotFoundError);
        expect(await r.referrals.get('NOPE', 'R1')).toBeUndefined();
        await created('C1');
        expect(await r.referrals.createIfAbsent(aReferral('C1', 'R1', { personIds: ['p1', 'p2'] }))).toBe(true);
        expect(await r.referrals.createIfAbsent(aReferral('C1', 'R1', { need: 'housing', officeKind: 'housing' }))).toBe(false);
        expect(await r.referrals.get('C1', 'R1')).toMatchObject({ need: 'social_support', status: 'created' });
        const figures = await r.indicators.figures('obiliq', Q4);
        expect(figures.referralsMade).toBe(1);
        expect(figures.personsReferred.social_work_centre).toBe(2);
        expect(figures.personsReferred.housing).toBe(0);
      });

      it('creates several referrals of a case in one write, counted together: all or nothing', async () => {
        const three = ['R1', 'R2', 'R3'].map((id, k) => aReferral('C1', id, { personIds: k === 0 ? ['p1', 'p2'] : ['p1'] }));
        await expect(r.referrals.createAllIfAbsent(three)).rejects.toBeInstanceOf(CaseNotFoundError);
        await created('C1');
        expect(await r.referrals.createIfAbsent(aReferral('C1', 'R3'))).toBe(true);
        // One of them is there already: none of the others is written, nothing counted again.
        expect(await r.referrals.createAllIfAbsent(three)).toBe(false);
        expect(await r.referrals.get('C1', 'R1')).toBeUndefined();
        expect((await r.indicators.figures('obiliq', Q4)).referralsMade).toBe(1);
        expect(await r.referrals.createAllIfAbsent(three.slice(0, 2))).toBe(true);
        expect(await r.referrals.get('C1', 'R2')).toMatchObject({ status: 'created' });
        expect(ids(await r.worklists.awaitingAck('obiliq'), 'referralId')).toEqual(['R1', 'R2', 'R3']);
        const figures = await r.indicators.figures('obiliq', Q4);
        expect(figures.referralsMade).toBe(3);
        expect(figures.personsReferred.social_work_centre).toBe(2 + 1 + aReferral('C1', 'R3').personIds.length);
      });

      it('lists referrals awaiting an answer by acknowledge-by date, then id; a waiting one in no list', async () => {
        await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R2', { ackDueDate: '2026-12-01' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R3', { ackDueDate: '2026-11-30' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R1', { ackDueDate: '2026-12-01' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R4', { status: 'waiting', dependsOn: 'R3' }));
        expect(ids(await r.worklists.awaitingAck('obiliq'), 'referralId')).toEqual(['R3', 'R1', 'R2']);
        expect(ids(await r.worklists.awaitingAck('obiliq', { through: '2026-11-30' }), 'referralId')).toEqual(['R3']);
        expect(ids(await r.worklists.awaitingAck('obiliq', { before: '2026-12-01' }), 'referralId')).toEqual(['R3']);
        expect(ids(await r.worklists.awaitingAck('obiliq', { from: '2026-12-01' }), 'referralId')).toEqual(['R1', 'R2']);
        expect(ids(await r.referrals.waitingOn('C1', 'R3'), 'referralId')).toEqual(['R4']);
        expect(await r.referrals.waitingOn('C1', 'R2')).toEqual([]);
        expect(await r.referrals.statesOf('C1')).toEqual(['created', 'created', 'created', 'waiting']);
        await r.referrals.createIfAbsent(aReferral('C1', 'R5', { need: 'agriculture_grant', officeKind: 'agriculture_directorate' }));
        expect(ids(await r.referrals.ofNeed('C1', 'agriculture_grant'), 'referralId')).toEqual(['R5']);
        expect(await r.referrals.ofNeed('C1', 'free_legal_aid')).toEqual([]);
      });

      it('moves a referral only from the status it was read in, with its audit entry and counters; a stale move writes nothing', async () => {
        await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1'));
        const read = (await r.referrals.get('C1', 'R1'))!;
        expect(await r.referrals.markSent('C1', 'R1', '2026-11-23T09:05:00.000Z')).toBe(true);
        expect(await r.referrals.markSent('C1', 'R1', '2026-11-23T09:06:00.000Z')).toBe(false);
        // From the referral as the caller holds it (the one hop's stream image): still only from `created`.
        expect(await r.referrals.markSent('C1', 'R1', '2026-11-23T09:07:00.000Z', read)).toBe(false);
        const audit = { event: 'referral.accepted', by: 'office:obiliq-qps', via: 'link:accept' };
        expect(await r.referrals.move(read, 'accepted', { answeredAt: '2026-11-24T10:00:00.000Z' }, audit)).toBe(false);
        const sent = (await r.referrals.get('C1', 'R1'))!;
        expect(sent).toMatchObject({ status: 'sent', sentAt: '2026-11-23T09:05:00.000Z' });
        expect(await r.referrals.move(sent, 'accepted', { answeredAt: '2026-11-24T10:00:00.000Z' }, audit)).toBe(true);
        expect(await r.referrals.move(sent, 'declined', { answeredAt: '2026-11-24T11:00:00.000Z', declineReason: 'other' }, audit)).toBe(false);
        expect(await r.referrals.get('C1', 'R1')).toMatchObject({ status: 'accepted', answeredAt: '2026-11-24T10:00:00.000Z' });
        expect(await r.worklists.awaitingAck('obiliq')).toEqual([]);
        const entries = (await r.cases.view('C1'))!.audit.filter((a) => a.subjectId === 'R1');
        expect(entries.map((a) => [a.event, a.from, a.to, a.at])).toEqual([
          ['referral.sent', 'created', 'sent', '2026-11-23T09:05:00.000Z'],
          ['referral.accepted', 'sent', 'accepted', '2026-11-24T10:00:00.000Z'],
        ]);
        const f = await r.indicators.figures('obiliq', Q4);
        expect([f.referralsAnswered, f.referralsAnsweredInTime, f.accepted, f.declined]).toEqual([1, 1, 1, 0]);
      });

      it('drops the routing snapshot (names, the phone) with an answer or a cancellation; a released waiting referral keeps it for its routing', async () => {
        await created('C1');
        const routing = { coordinatorId: 'obiliq-zkkk-01', language: 'sq' as const, phone: '+38344111222', consent: { sms: true, shareWithOffices: true }, arrivalDate: '2026-11-20', persons: [] };
        await r.referrals.createIfAbsent(aReferral('C1', 'R1', { routing }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R2', { routing, status: 'waiting', dependsOn: 'R1' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R3', { routing }));
        const audit = (event: string) => ({ event, by: 'office:obiliq-qps', via: 'test' });
        expect(await r.referrals.move((await r.referrals.get('C1', 'R1'))!, 'accepted', { answeredAt: '2026-11-24T10:00:00.000Z' }, audit('referral.accepted'))).toBe(true);
        expect(await r.referrals.move((await r.referrals.get('C1', 'R2'))!, 'created', { releasedAt: '2026-11-24T10:00:00.000Z' }, audit('referral.released'))).toBe(true);
        expect(await r.referrals.cancel('C1', 'R3', 'other', '2026-11-24T11:00:00.000Z', ACTOR)).toBe(true);
        expect((await r.referrals.get('C1', 'R1'))!.routing).toBeUndefined();
        expect((await r.referrals.get('C1', 'R2'))!.routing).toEqual(routing);
        expect((await r.referrals.get('C1', 'R3'))!.routing).toBeUndefined();
        expect(await r.referrals.get('C1', 'R1')).toMatchObject({ status: 'accepted', answeredAt: '2026-11-24T10:00:00.000Z' });
      });

      it('lists a declined referral by its answer until a new referral for the same need follows it', async () => {
        await created('C1');
        for (const [id, need, answeredAt] of [
          ['R1', 'social_support', '2026-11-25T10:00:00.000Z'],
          ['R2', 'housing', '2026-11-24T10:00:00.000Z'],
        ] as const) {
          await r.referrals.createIfAbsent(aReferral('C1', id, { need, status: 'sent' }));
          const current = (await r.referrals.get('C1', id))!;
          await r.referrals.move(current, 'declined', { answeredAt, declineReason: 'lack_of_capacity' }, { event: 'referral.declined', by: 'office:x', via: 'link:decline' });
        }
        expect(ids(await r.worklists.declined('obiliq'), 'referralId')).toEqual(['R2', 'R1']);
        // Each decline noted on its case, in its own transaction: intake looks for declined referrals only for these needs.
        expect((await r.cases.get('C1'))?.declinedNeeds).toEqual(['social_support', 'housing']);
        expect((await r.indicators.figures('obiliq', Q4)).referralsAnsweredInTime).toBe(2);
        await r.referrals.createIfAbsent(aReferral('C1', 'R3', { need: 'social_support' }));
        expect(await r.referrals.markReReferred('C1', 'social_support', 'R3', '2026-11-26T10:00:00.000Z')).toBe(1);
        expect(await r.referrals.markReReferred('C1', 'social_support', 'R3', '2026-11-27T10:00:00.000Z')).toBe(0);
        expect(ids(await r.worklists.declined('obiliq'), 'referralId')).toEqual(['R2']);
        expect(await r.referrals.get('C1', 'R1')).toMatchObject({ status: 'declined', reReferredAt: '2026-11-26T10:00:00.000Z' });
      });

      it('marks a waiting referral blocked by its prerequisite once, listed until it is released; not one that waits for another or moved on', async () => {
        await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1', { status: 'declined' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R2', { status: 'waiting', dependsOn: 'R1' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R3', { status: 'waiting', dependsOn: 'R9' }));
        const r2 = (await r.referrals.get('C1', 'R2'))!;
        expect(await r.referrals.markBlocked(r2, 'declined', 'R1', '2026-11-24T10:00:00.000Z')).toBe(true);
        expect(await r.referrals.markBlocked(r2, 'declined', 'R1', '2026-11-24T11:00:00.000Z')).toBe(false);
        expect(await r.referrals.markBlocked((await r.referrals.get('C1', 'R3'))!, 'declined', 'R1', AT)).toBe(false);
        expect(await r.referrals.get('C1', 'R2')).toMatchObject({ status: 'waiting', blockedAt: '2026-11-24T10:00:00.000Z', blockedBecause: 'declined' });
        expect(ids(await r.worklists.blocked('obiliq'), 'referralId')).toEqual(['R2']);
        const blocked = (await r.cases.view('C1'))!.audit.filter((a) => a.event === 'referral.blocked');
        expect(blocked.map((a) => [a.subjectId, a.by, a.detail?.prerequisite, a.detail?.because])).toEqual([['R2', 'system:react-to-answers', 'R1', 'declined']]);
        const current = (await r.referrals.get('C1', 'R2'))!;
        expect(await r.referrals.move(current, 'created', { releasedAt: AT }, { event: 'referral.released', by: ACTOR.by, via: 'api' })).toBe(true);
        expect(await r.worklists.blocked('obiliq')).toEqual([]);
        expect(await r.referrals.markBlocked(current, 'declined', 'R1', AT)).toBe(false);
      });

      it('cancels an unanswered referral once; an answered or missing one not at all', async () => {
        await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1', { status: 'sent' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R2', { status: 'accepted' }));
        expect(await r.referrals.cancel('C1', 'R1', 'duplicate', '2026-11-24T10:00:00.000Z', ACTOR)).toBe(true);
        expect(await r.referrals.cancel('C1', 'R1', 'duplicate', '2026-11-24T11:00:00.000Z', ACTOR)).toBe(false);
        expect(await r.referrals.cancel('C1', 'R2', 'duplicate', AT, ACTOR)).toBe(false);
        expect(await r.referrals.cancel('C1', 'NOPE', 'duplicate', AT, ACTOR)).toBe(false);
        expect(await r.referrals.get('C1', 'R1')).toMatchObject({ status: 'cancelled', cancelledAt: '2026-11-24T10:00:00.000Z' });
        expect(await r.referrals.get('C1', 'R2')).toMatchObject({ status: 'accepted' });
        const cancelled = (await r.cases.view('C1'))!.audit.filter((a) => a.event === 'referral.cancelled');
        expect(cancelled.map((a) => [a.subjectId, a.by, a.byRole, a.detail?.reason])).toEqual([['R1', ACTOR.by, ACTOR.role, 'duplicate']]);
        expect(await r.worklists.awaitingAck('obiliq')).toEqual([]);
      });

      it('cancels from the referral as the caller read it, reading it only if it moved on since', async () => {
        await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1', { status: 'created' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R2', { status: 'sent' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R3', { status: 'sent' }));
        const [r1, r2, r3] = (await r.cases.view('C1'))!.referrals;
        // After the read: R1's email went out, R2 was accepted; R3 is as read.
        expect(await r.referrals.markSent('C1', 'R1', AT)).toBe(true);
        expect(await r.referrals.move(r2!, 'accepted', { answeredAt: AT }, { event: 'referral.accepted', by: 'office', via: 'link' })).toBe(true);
        const reads = vi.spyOn(r.referrals, 'get');
        expect(await r.referrals.cancel('C1', 'R3', 'case_closed', '2026-11-24T10:00:00.000Z', ACTOR, undefined, r3)).toBe(true);
        expect(reads).not.toHaveBeenCalled();
        expect(await r.referrals.cancel('C1', 'R1', 'case_closed', '2026-11-24T10:00:00.000Z', ACTOR, undefined, r1)).toBe(true);
        expect(await r.referrals.cancel('C1', 'R2', 'case_closed', '2026-11-24T10:00:00.000Z', ACTOR, undefined, r2)).toBe(false);
        expect(reads.mock.calls.map(([, referralId]) => referralId)).toEqual(['R1', 'R2']);
        reads.mockRestore();
        expect(await r.referrals.get('C1', 'R2')).toMatchObject({ status: 'accepted' });
        const cancelled = (await r.cases.view('C1'))!.audit.filter((a) => a.event === 'referral.cancelled');
        expect(cancelled.map((a) => [a.subjectId, a.from, a.to]).sort()).toEqual([['R1', 'sent', 'cancelled'], ['R3', 'sent', 'cancelled']]);
      });

      it('withdraws an accepted referral only when asked to (WITHDRAWABLE), once; one with its outcome not at all', async () => {
        await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1', { status: 'accepted', answeredAt: AT }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R2', { status: 'completed' }));
        expect(await r.referrals.cancel('C1', 'R1', 'other', AT, ACTOR)).toBe(false);
        expect(await r.referrals.cancel('C1', 'R1', 'other', '2026-11-24T10:00:00.000Z', ACTOR, WITHDRAWABLE)).toBe(true);
        expect(await r.referrals.cancel('C1', 'R1', 'other', '2026-11-24T11:00:00.000Z', ACTOR, WITHDRAWABLE)).toBe(false);
        expect(await r.referrals.cancel('C1', 'R2', 'other', AT, ACTOR, WITHDRAWABLE)).toBe(false);
        expect(await r.referrals.get('C1', 'R1')).toMatchObject({ status: 'cancelled', cancelledAt: '2026-11-24T10:00:00.000Z', answeredAt: AT });
        const cancelled = (await r.cases.view('C1'))!.audit.filter((a) => a.event === 'referral.cancelled');
        expect(cancelled.map((a) => [a.subjectId, a.from, a.to])).toEqual([['R1', 'accepted', 'cancelled']]);
      });
    });

    describe('intents', () => {
      const ref = { pk: 'CASE#C1', intentId: 'I1' };
      const LEASE = seconds(AT) + 60;

      /** A claimed intent, as the deliver function holds it. */
      const claimed = async (fields: Parameters<typeof anIntent>[2] = {}) => {
        await r.intents.putIfAbsent(anIntent('C1', 'I1', fields));
        const out = await r.intents.claim(ref, LEASE, AT);
        if (!out.claimed) throw new Error('not claimed');
        return out.intent;
      };

      it('writes an intent once: a second put changes nothing', async () => {
        expect(await r.intents.putIfAbsent(anIntent('C1', 'I1'))).toBe(true);
        expect(await r.intents.putIfAbsent(anIntent('C1', 'I1', { recipient: 'other@x.org', status: 'skipped' }))).toBe(false);
        expect(await r.intents.get(ref)).toMatchObject({ recipient: 'office@obiliq.example.org', status: 'queued' });
      });

      it('writes a decision once, all or nothing, only while its guards hold: an intent written claimed is no other attempt\'s', async () => {
        const c = await created('C1');
        const office = 'office@obiliq.example.org';
        const sending = claimedAtWrite(anIntent('C1', 'I1'), LEASE, AT);
        const skipped = anIntent('C1', 'I2', { status: 'skipped', skipReason: 'no_phone' });
        const ladder = aTimer('C1', 'T1', '2026-11-30T08:00:00.000Z');
        const nothing = async () => expect([await r.intents.get(ref), await r.intents.get({ pk: 'CASE#C1', intentId: 'I2' })]).toEqual([undefined, undefined]);
        // The SMS consent is no longer as the decision read it; the address bounced: nothing written.
        expect(await r.intents.writeDecision([sending, skipped], [ladder], [{ smsConsent: { caseId: 'C1', sms: !c.consent.sms, phone: c.phone } }])).toBe('guard-failed');
        await nothing();
        // The phone number is no longer the one the decision read (corrected, or removed): nothing written.
        expect(await r.intents.writeDecision([sending, skipped], [ladder], [{ smsConsent: { caseId: 'C1', sms: c.consent.sms, phone: '+38344999000' } }])).toBe('guard-failed');
        await nothing();
        expect(c.phone).toBeDefined();
        expect(await r.intents.writeDecision([sending, skipped], [ladder], [{ smsConsent: { caseId: 'C1', sms: c.consent.sms } }])).toBe('guard-failed');
        await nothing();
        await r.addresses.record(office, { status: 'undeliverable', at: AT, messageId: 'm-0', codes: ['Permanent/General'] });
        expect(await r.intents.writeDecision([sending, skipped], [ladder], [{ addressClear: office }])).toBe('guard-failed');
        await nothing();
        await r.addresses.clear(office);

        const guards = [{ smsConsent: { caseId: 'C1', sms: c.consent.sms, phone: c.phone } }, { addressClear: office }];
        expect(await r.intents.writeDecision([sending, skipped], [ladder], guards)).toBe('written');
        expect(await r.intents.get(ref)).toMatchObject({ status: 'sending', leaseUntil: LEASE, attempts: 1, firstAttemptAt: AT });
        expect(await r.intents.get({ pk: 'CASE#C1', intentId: 'I2' })).toMatchObject({ status: 'skipped' });
        expect(await r.intents.claim(ref, LEASE + 30, AT)).toMatchObject({ claimed: false, current: { status: 'sending', leaseUntil: LEASE } });
        // The same decision again, or any with one of its items: nothing more written.
        expect(await r.intents.writeDecision([anIntent('C1', 'I3')], [ladder], [])).toBe('exists');
        expect(await r.intents.get({ pk: 'CASE#C1', intentId: 'I3' })).toBeUndefined();
        expect(await r.intents.markSent(sending, LEASE, { providerMessageId: 'm-1', sentAt: AT })).toBe(true);
      });

      it('writes a decision only while its referrals are still created and its case open', async () => {
        const c = await created('C1');
        for (const id of ['R1', 'R2']) await r.referrals.createIfAbsent(aReferral('C1', id));
        const sending = claimedAtWrite(anIntent('C1', 'I1', { referralId: 'R1' }), LEASE, AT);
        const ladder = aTimer('C1', 'T1', '2026-11-30T08:00:00.000Z');
        const decide = (...guards: Parameters<typeof r.intents.writeDecision>[2]) => r.intents.writeDecision([sending], [ladder], guards);
        const consent = { smsConsent: { caseId: 'C1', sms: c.consent.sms, phone: c.phone } };
        const referral = (id: string) => ({ referralCreated: { caseId: 'C1', referralId: id } });
        // Cancelled since the stream record was written: nothing written.
        expect(await r.referrals.cancel('C1', 'R2', 'no_longer_needed', AT, ACTOR)).toBe(true);
        expect(await decide(referral('R1'), referral('R2'), { caseOpen: 'C1' })).toBe('guard-failed');
        expect(await decide({ referralCreated: { caseId: 'C1', referralId: 'R9' } }, { caseOpen: 'C1' })).toBe('guard-failed');
        expect(await decide(referral('R1'), { caseOpen: 'C9' })).toBe('guard-failed');
        expect(await r.intents.get(ref)).toBeUndefined();
        // Closed since: refused by the case's check, alone or with the consent's.
        await r.cases.close('C1', AT, ACTOR);
        expect(await decide(referral('R1'), { caseOpen: 'C1' })).toBe('guard-failed');
        expect(await decide(referral('R1'), consent)).toBe('guard-failed');
        expect(await r.intents.get(ref)).toBeUndefined();
      });

      it('writes a decision while its referral is created and its case open, with the consent checked on the same item', async () => {
        const c = await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1'));
        const sending = claimedAtWrite(anIntent('C1', 'I1', { referralId: 'R1' }), LEASE, AT);
        const guards = [{ referralCreated: { caseId: 'C1', referralId: 'R1' } }, { smsConsent: { caseId: 'C1', sms: c.consent.sms, phone: c.phone } }];
        expect(await r.intents.writeDecision([sending], [], guards)).toBe('written');
        expect(await r.intents.get(ref)).toMatchObject({ status: 'sending' });
      });

      it('records an office email with its referral\'s move to sent, in one write; a referral moved on meanwhile is left as it is', async () => {
        await created('C1');
        for (const id of ['R1', 'R2']) await r.referrals.createIfAbsent(aReferral('C1', id));
        const held = (await r.referrals.get('C1', 'R1'))!;
        const email = claimedAtWrite(anIntent('C1', 'I1', { referralId: 'R1' }), LEASE, AT);
        expect(await r.intents.writeDecision([email], [], [])).toBe('written');
        expect(await r.intents.markSent(email, LEASE + 1, { providerMessageId: 'm-0', sentAt: AT }, held)).toBe(false);
        expect(await r.referrals.get('C1', 'R1')).toMatchObject({ status: 'created' });
        expect(await r.intents.markSent(email, LEASE, { providerMessageId: 'm-1', sentAt: AT }, held)).toBe(true);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'sent', providerMessageId: 'm-1' });
        expect(await r.referrals.get('C1', 'R1')).toMatchObject({ status: 'sent', sentAt: AT });

        // The coordinator cancelled the second referral before its email was recorded.
        const second = (await r.referrals.get('C1', 'R2'))!;
        expect(await r.referrals.cancel('C1', 'R2', 'no_longer_needed', AT, ACTOR)).toBe(true);
        const other = claimedAtWrite(anIntent('C1', 'I2', { referralId: 'R2' }), LEASE, AT);
        expect(await r.intents.writeDecision([other], [], [])).toBe('written');
        expect(await r.intents.markSent(other, LEASE, { providerMessageId: 'm-2', sentAt: AT }, second)).toBe(true);
        expect(await r.intents.get({ pk: 'CASE#C1', intentId: 'I2' })).toMatchObject({ status: 'sent', providerMessageId: 'm-2' });
        expect(await r.referrals.get('C1', 'R2')).toMatchObject({ status: 'cancelled' });
      });

      it('lets one attempt claim a queued intent: the next finds it sending under that lease, a missing one is named as missing', async () => {
        await r.intents.putIfAbsent(anIntent('C1', 'I1'));
        const first = await r.intents.claim(ref, LEASE, AT);
        expect(first).toMatchObject({ claimed: true, intent: { status: 'sending', leaseUntil: LEASE, attempts: 1, firstAttemptAt: AT } });
        const second = await r.intents.claim(ref, LEASE + 30, '2026-11-23T09:00:30.000Z');
        expect(second).toMatchObject({ claimed: false, current: { status: 'sending', leaseUntil: LEASE, attempts: 1 } });
        expect(await r.intents.claim({ pk: 'CASE#C1', intentId: 'NOPE' }, LEASE, AT)).toEqual({ claimed: false, current: undefined });
      });

      it('knows its own claim sent again by the client after its answer was lost: claimed, and still no other attempt\'s', async () => {
        await r.intents.putIfAbsent(anIntent('C1', 'I1'));
        subject.loseNextAnswer();
        const mine = await r.intents.claim(ref, LEASE, AT);
        expect(mine).toMatchObject({ claimed: true, intent: { status: 'sending', leaseUntil: LEASE, attempts: 1 } });
        expect(await r.intents.claim(ref, LEASE, AT)).toMatchObject({ claimed: false, current: { status: 'sending', leaseUntil: LEASE, attempts: 1 } });
        // A household's SMS claimed into another's message, the same.
        await r.intents.putIfAbsent(anIntent('C1', 'I2', { channel: 'sms', template: 'referral.returnee.sms', recipient: '+38349555123' }));
        subject.loseNextAnswer();
        const merged = await r.intents.claimDue({ pk: 'CASE#C1', intentId: 'I2' }, LEASE, AT, 'I9');
        expect(merged).toMatchObject({ claimed: true, intent: { status: 'sending', mergedInto: 'I9', attempts: 1 } });
        // The outcome is one transaction: its resend, under the same token, is answered as written.
        subject.loseNextAnswer();
        expect(await r.intents.markSent(mine.claimed ? mine.intent : anIntent('C1', 'I1'), LEASE, { providerMessageId: 'm-1', sentAt: AT })).toBe(true);
        const sent = await r.intents.get(ref);
        expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'm-1' });
        expect([sent?.leaseUntil, sent?.claimToken]).toEqual([undefined, undefined]);
      });

      it('records the outcome for the lease holder only; an SMS body goes with the lease, an email keeps it', async () => {
        await created('C1');
        const email = await claimed();
        expect(await r.intents.markSent(email, LEASE + 1, { providerMessageId: 'm-1', sentAt: '2026-11-23T09:00:05.000Z' })).toBe(false);
        expect(await r.intents.markSent(email, LEASE, { providerMessageId: 'm-1', sentAt: '2026-11-23T09:00:05.000Z' })).toBe(true);
        expect(await r.intents.markSent(email, LEASE, { providerMessageId: 'm-2', sentAt: '2026-11-23T09:00:06.000Z' })).toBe(false);
        const sent = await r.intents.get(ref);
        expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'm-1', data: { smrCaseId: 'SMR-C1' } });
        expect(sent?.leaseUntil).toBeUndefined();
        // On record in its case, but not in the feed the digests read (a write unit saved).
        expect((await r.cases.view('C1'))!.audit.map((a) => a.event)).toEqual(['case.created', 'notification.sent']);
        expect(await feedEvents('obiliq', '2026-11-23')).toEqual(['case.created']);

        await r.intents.putIfAbsent(anIntent('C1', 'S1', { channel: 'sms', template: 'referral.returnee.sms', recipient: '+38349555123' }));
        const sms = await r.intents.claim({ pk: 'CASE#C1', intentId: 'S1' }, LEASE, AT);
        if (!sms.claimed) throw new Error('not claimed');
        await r.intents.markSent(sms.intent, LEASE, { providerMessageId: 'm-3', sentAt: '2026-11-23T09:00:07.000Z', sms: { encoding: 'GSM-7', segments: 1, characters: 90 } });
        // A sent SMS keeps neither what it said nor the number: its last digits only, for support.
        const sentSms = await r.intents.get({ pk: 'CASE#C1', intentId: 'S1' });
        expect(sentSms).toMatchObject({ status: 'sent', data: {}, sms: { segments: 1 }, recipientHint: '…123' });
        expect(sentSms?.recipient).toBeUndefined();
        // An email keeps its address (a transient bounce sends it again).
        expect(sent?.recipient).toBe('office@obiliq.example.org');
      });

      it('writes a final failure and its follow-ups together, into the call-or-visit list; a stale lease writes neither', async () => {
        const i = await claimed();
        const followUp = anIntent('C1', 'I1#followup.coordinator', { template: 'followup.coordinator', purpose: 'followup.coordinator' });
        const failure = { kind: 'non-retryable' as const, code: 'MessageRejected' };
        expect(await r.intents.markFailed(i, LEASE - 1, failure, '2026-11-23T09:00:05.000Z', [followUp])).toBe(false);
        expect(await r.intents.get({ pk: 'CASE#C1', intentId: followUp.intentId })).toBeUndefined();
        expect(await r.intents.markFailed(i, LEASE, failure, '2026-11-23T09:00:05.000Z', [followUp])).toBe(true);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'failed', failure });
        expect(await r.intents.get({ pk: 'CASE#C1', intentId: followUp.intentId })).toMatchObject({ status: 'queued' });
        expect(ids(await r.worklists.failedNotifications('obiliq'), 'intentId')).toEqual(['I1']);
      });

      it("writes a failure of a closed case's message on its record alone: in no list or feed, without its follow-ups; the closing's own notice still listed", async () => {
        await created('C1');
        const claim = async (intentId: string, fields: Parameters<typeof anIntent>[2] = {}) => {
          await r.intents.putIfAbsent(anIntent('C1', intentId, fields));
          const out = await r.intents.claim({ pk: 'CASE#C1', intentId }, LEASE, AT);
          if (!out.claimed) throw new Error('not claimed');
          return out.intent;
        };
        // Each read, claimed or sent while the case was open; the case closes before its failure is written.
        const sms = await claim('I1', { channel: 'sms', template: 'referral.returnee.sms', purpose: 'referral.returnee', recipient: '+38349555123' });
        const lost = await claim('I2');
        const email = await claim('I3');
        await r.intents.markSent(email, LEASE, { providerMessageId: 'm-3', sentAt: '2026-11-23T09:00:02.000Z' });
        const sent = (await r.intents.get({ pk: 'CASE#C1', intentId: 'I3' }))!;
        await r.intents.putIfAbsent(anIntent('C1', 'I4'));
        const stranded = (await r.intents.get({ pk: 'CASE#C1', intentId: 'I4' }))!;
        const notice = await claim('I5', { sourceId: 'R1#calloff', purpose: 'referral.withdrawn', template: 'referral.office.withdrawn' });
        const feed = await feedEvents('obiliq', '2026-11-23');
        expect(await r.cases.close('C1', AT, ACTOR)).toBe(true);

        const failure = { kind: 'non-retryable' as const, code: 'MessageRejected' };
        const followUp = anIntent('C1', 'I1#followup.coordinator', { template: 'followup.coordinator', purpose: 'followup.coordinator' });
        expect(await r.intents.markFailed(sms, LEASE, failure, '2026-11-23T09:00:05.000Z', [followUp])).toBe(true);
        expect(await r.intents.markUnconfirmed(lost, '2026-11-23T09:00:06.000Z', { followUps: [] })).toBe(true);
        expect(await r.intents.failAfterSend(sent, 'm-3', { kind: 'non-retryable', code: 'BouncePermanent' }, '2026-11-23T09:00:07.000Z')).toBe(true);
        expect(await r.intents.abandon(stranded, { kind: 'non-retryable', code: 'NeverDelivered' }, '2026-11-23T09:00:08.000Z', [])).toBe(true);
        expect(await r.intents.markFailed(notice, LEASE, failure, '2026-11-23T09:00:09.000Z')).toBe(true);

        const view = (await r.cases.view('C1'))!;
        expect(Object.fromEntries(view.intents.map((i) => [i.intentId, i.status]))).toEqual({ I1: 'failed', I2: 'unconfirmed', I3: 'failed', I4: 'failed', I5: 'failed' });
        expect(await r.intents.get({ pk: 'CASE#C1', intentId: followUp.intentId })).toBeUndefined();
        expect(ids(await r.worklists.failedNotifications('obiliq'), 'intentId')).toEqual(['I5']);
        expect(view.audit.filter((a) => a.event === 'notification.failed' || a.event === 'notification.unconfirmed').map((a) => a.subjectId).sort()).toEqual(['I1', 'I2', 'I3', 'I4', 'I5']);
        expect((await feedEvents('obiliq', '2026-11-23')).sort()).toEqual([...feed, 'case.closed', 'notification.failed'].sort());
      });

      it('cancels a claimed intent under its lease, out of every list and index; a stale lease cancels nothing', async () => {
        const i = await claimed();
        expect(await r.intents.markCancelled(i, LEASE - 1, 'CaseClosed', '2026-11-23T09:00:05.000Z')).toBe(false);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'sending' });
        expect(await r.intents.markCancelled(i, LEASE, 'CaseClosed', '2026-11-23T09:00:05.000Z')).toBe(true);
        const cancelled = await r.intents.get(ref);
        expect(cancelled).toMatchObject({ status: 'cancelled' });
        expect([cancelled?.leaseUntil, cancelled?.dueBucket, cancelled?.failure]).toEqual([undefined, undefined, undefined]);
        expect(await r.worklists.failedNotifications('obiliq')).toEqual([]);
        expect(await r.intents.markCancelled(i, LEASE, 'CaseClosed', '2026-11-23T09:00:06.000Z')).toBe(false);
      });

      it("knows its own release sent again by the client after its answer was lost: released, and another sweep's is not", async () => {
        const i = await claimed();
        expect(await r.intents.deferRetry(i, LEASE, 'Throttling', new Date('2026-11-23T09:10:00.000Z'), '2026-11-23T09:00:05.000Z')).toBe(true);
        const deferred = (await r.intents.get(ref))!;
        subject.loseNextAnswer();
        expect(await r.timers.release(deferred, '2026-11-23T09:10:01.000Z')).toBe(true);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'queued' });
        expect(await r.timers.release(deferred, '2026-11-23T09:10:02.000Z')).toBe(false);
      });

      it('defers a retry into the timers index; the sweep releases it once; a lapsed lease is left unconfirmed, for a call', async () => {
        const i = await claimed();
        const retryAt = new Date('2026-11-23T09:10:00.000Z');
        expect(await r.intents.deferRetry(i, LEASE, 'Throttling', retryAt, '2026-11-23T09:00:05.000Z')).toBe(true);
        const due = async (now: string) => {
          const out = [];
          for await (const d of r.timers.due('2026-11-23T09', now)) out.push(d.type === 'Intent' ? d.item.status : d.type);
          return out;
        };
        expect(await due('2026-11-23T09:09:59.000Z')).toEqual([]);
        expect(await due('2026-11-23T09:10:00.000Z')).toEqual(['deferred']);
        const deferred = (await r.intents.get(ref))!;
        expect(deferred).toMatchObject({ status: 'deferred', lastError: 'Throttling', notBefore: retryAt.toISOString() });
        expect(await r.timers.release(deferred, '2026-11-23T09:10:01.000Z')).toBe(true);
        expect(await r.timers.release(deferred, '2026-11-23T09:10:02.000Z')).toBe(false);
        expect(await due('2026-11-23T09:59:59.000Z')).toEqual([]);

        const again = await r.intents.claim(ref, LEASE + 600, '2026-11-23T09:10:03.000Z');
        expect(again).toMatchObject({ claimed: true, intent: { attempts: 2, firstAttemptAt: AT } });
        if (!again.claimed) return;
        expect(await r.intents.markUnconfirmed(again.intent, '2026-11-23T09:30:00.000Z')).toBe(true);
        expect(await r.intents.markUnconfirmed(again.intent, '2026-11-23T09:31:00.000Z')).toBe(false);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'unconfirmed' });
        expect(ids(await r.worklists.failedNotifications('obiliq'), 'intentId')).toEqual(['I1']);
      });

      it('takes a followed-up notification out of the call-or-visit list once, and only in its own municipality', async () => {
        const i = await claimed();
        await r.intents.markFailed(i, LEASE, { kind: 'non-retryable', code: 'NoRecipient' }, '2026-11-23T09:00:05.000Z');
        const visited = { outcome: 'visited' as const, at: '2026-11-24T10:00:00.000Z', request: { id: 'REQ1', requestHash: 'h1' } };
        expect(await r.intents.resolveFollowUp(ref, 'partesh', visited, ACTOR)).toEqual({ done: false });
        expect(await r.intents.resolveFollowUp(ref, 'obiliq', visited, ACTOR)).toEqual({ done: true });
        // Done before: how, with the request that did it (its retry is told by that).
        expect(await r.intents.resolveFollowUp(ref, 'obiliq', { outcome: 'unreachable', at: '2026-11-24T11:00:00.000Z' }, ACTOR)).toEqual({ done: false, earlier: visited });
        expect(await r.intents.get(ref)).toMatchObject({ followUp: visited });
        expect(await r.worklists.failedNotifications('obiliq')).toEqual([]);
        expect(await feedEvents('obiliq', '2026-11-24')).toEqual(['followup.done']);
      });

      it('lets an SES event change a sent intent only for the message it is about, and drop the body once', async () => {
        const i = await claimed();
        await r.intents.markSent(i, LEASE, { providerMessageId: 'm-1', sentAt: '2026-11-23T09:00:05.000Z' });
        const sent = (await r.intents.get(ref))!;
        expect(await r.intents.dropBodyOnDelivery(sent, 'm-0', '2026-11-23T09:01:00.000Z')).toBe(false);
        expect(await r.intents.dropBodyOnDelivery(sent, 'm-1', '2026-11-23T09:01:00.000Z')).toBe(true);
        expect(await r.intents.dropBodyOnDelivery(sent, 'm-1', '2026-11-23T09:01:00.000Z')).toBe(false);
        expect((await r.intents.get(ref))?.data).toEqual({});
        const failure = { kind: 'non-retryable' as const, code: 'Bounce' };
        expect(await r.intents.failAfterSend(sent, 'm-0', failure, '2026-11-23T09:02:00.000Z')).toBe(false);
        expect(await r.intents.failAfterSend(sent, 'm-1', failure, '2026-11-23T09:02:00.000Z')).toBe(true);
        expect(await r.intents.retryAfterBounce(sent, 'm-1', 'Transient', new Date('2026-11-23T10:00:00.000Z'), '2026-11-23T09:03:00.000Z')).toBe(false);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'failed', failure });
        expect(ids(await r.worklists.failedNotifications('obiliq'), 'intentId')).toEqual(['I1']);
      });

      it('sends a soft-bounced email again: sent → deferred, due at the retry, keeping its body', async () => {
        const i = await claimed();
        await r.intents.markSent(i, LEASE, { providerMessageId: 'm-1', sentAt: '2026-11-23T09:00:05.000Z' });
        const sent = (await r.intents.get(ref))!;
        expect(await r.intents.retryAfterBounce(sent, 'm-1', 'MailboxFull', new Date('2026-11-23T10:00:00.000Z'), '2026-11-23T09:03:00.000Z')).toBe(true);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'deferred', lastError: 'MailboxFull', dueAt: '2026-11-23T10:00:00.000Z', data: { smrCaseId: 'SMR-C1' } });
      });
    });

    describe('the delivery watch and the reconciliation', () => {
      const ref = { pk: 'CASE#C1', intentId: 'I1' };
      const LEASE = seconds(AT) + 60;
      const dueItems = async (bucket: string, now: string) => {
        const out: DueItem[] = [];
        for await (const d of r.timers.due(bucket, now)) out.push(d);
        return out;
      };
      /** What the timers index holds in `bucket` up to `now`: each item by its id and status. */
      const due = async (bucket: string, now: string) =>
        (await dueItems(bucket, now)).map((d) => (d.type === 'Unreadable' ? `unreadable ${d.key.sk}` : d.type === 'Timer' ? `${d.item.timerId} ${d.item.status}` : `${d.item.intentId} ${d.item.status}`));

      it('keeps an unfinished delivery in the timers index: queued at its watch, claimed at its lease end, gone once sent', async () => {
        await r.intents.putIfAbsent(anIntent('C1', 'I1'));
        expect(await due('2026-11-23T10', '2026-11-23T10:04:59.000Z')).toEqual([]);
        expect(await due('2026-11-23T10', '2026-11-23T10:05:00.000Z')).toEqual(['I1 queued']);
        const claimed = await r.intents.claim(ref, LEASE, AT);
        expect(await due('2026-11-23T10', '2026-11-23T10:59:00.000Z')).toEqual([]);
        expect(await due('2026-11-23T09', '2026-11-23T09:01:00.000Z')).toEqual(['I1 sending']);
        if (!claimed.claimed) throw new Error('not claimed');
        await r.intents.markSent(claimed.intent, LEASE, { providerMessageId: 'm-1', sentAt: '2026-11-23T09:00:05.000Z' });
        expect(await due('2026-11-23T09', '2026-11-23T09:59:00.000Z')).toEqual([]);
      });

      it('holds a queued SMS for the morning without counting an attempt, once, and no attempt claims it meanwhile', async () => {
        await r.intents.putIfAbsent(anIntent('C1', 'I1', { channel: 'sms', template: 'referral.returnee.sms', recipient: '+38349555123' }));
        const queued = (await r.intents.get(ref))!;
        const morning = new Date('2026-11-24T07:00:00.000Z');
        expect(await r.intents.hold(queued, morning, '2026-11-23T21:00:00.000Z')).toBe(true);
        expect(await r.intents.hold(queued, morning, '2026-11-23T21:00:01.000Z')).toBe(false);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'deferred', attempts: 0, dueAt: morning.toISOString() });
        expect(await r.intents.claim(ref, LEASE, AT)).toMatchObject({ claimed: false, current: { status: 'deferred' } });
        expect(await due('2026-11-24T07', '2026-11-24T07:00:00.000Z')).toEqual(['I1 deferred']);
      });

      it('releases a deferred intent only at the due time the sweep read: one deferred again meanwhile waits for its new time', async () => {
        await r.intents.putIfAbsent(anIntent('C1', 'I1', { channel: 'sms', template: 'referral.returnee.sms', recipient: '+38349555123' }));
        const held = (await r.intents.get(ref))!;
        const morning = new Date('2026-11-24T07:00:00.000Z');
        await r.intents.hold(held, morning, '2026-11-23T21:00:00.000Z');
        // The sweep reads it due at 08:00; before its release, another SMS of the household takes it,
        // the provider throttles, and it is deferred again, to 08:10.
        const [read] = (await dueItems('2026-11-24T07', morning.toISOString())).flatMap((d) => (d.type === 'Intent' ? [d.item] : []));
        expect(read).toMatchObject({ status: 'deferred', dueAt: morning.toISOString() });
        const taken = await r.intents.claimDue(ref, seconds(morning.toISOString()) + 60, morning.toISOString(), 'S1');
        if (!taken.claimed) throw new Error('not claimed');
        const retryAt = new Date('2026-11-24T07:10:00.000Z');
        expect(await r.intents.deferRetry(taken.intent, seconds(morning.toISOString()) + 60, 'Throttling', retryAt, '2026-11-24T07:00:02.000Z')).toBe(true);
        expect(await r.timers.release(read!, '2026-11-24T07:00:03.000Z')).toBe(false);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'deferred', dueAt: retryAt.toISOString() });
        // Read again at its new time, it is released.
        expect(await r.timers.release((await r.intents.get(ref))!, retryAt.toISOString())).toBe(true);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'queued' });
      });

      it("reads a case's intents by the start of their id, of that case only, whatever their status", async () => {
        await r.intents.putIfAbsent(anIntent('C1', 'C1#homevisit#0#visit.invite#qps'));
        await r.intents.putIfAbsent(anIntent('C1', 'C1#homevisit#1#visit.invite#qps', { status: 'sent' }));
        await r.intents.putIfAbsent(anIntent('C1', 'C1#homevisit#1#calloff#visit.cancel#qps'));
        await r.intents.putIfAbsent(anIntent('C1', 'C1#homevisitor'));
        await r.intents.putIfAbsent(anIntent('C1', 'R1#referral.office'));
        await r.intents.putIfAbsent(anIntent('C2', 'C1#homevisit#0#visit.invite#qps'));
        await r.timers.putIfAbsent([aTimer('C1', 'C1#homevisit#0', '2026-11-24T09:00:00.000Z')]);
        expect(ids(await r.intents.withIdPrefix('C1', 'C1#homevisit#'), 'intentId')).toEqual([
          'C1#homevisit#0#visit.invite#qps',
          'C1#homevisit#1#calloff#visit.cancel#qps',
          'C1#homevisit#1#visit.invite#qps',
        ]);
        expect(await r.intents.withIdPrefix('C3', 'C1#homevisit#')).toEqual([]);
      });

      it("finds a case's SMS due now (strongly consistent) and claims a deferred one once its time has come, once; a merged one is on record with its leader", async () => {
        const sms = (id: string, caseId = 'C1', fields: Parameters<typeof anIntent>[2] = {}) =>
          anIntent(caseId, id, { channel: 'sms', template: 'referral.returnee.sms', recipient: '+38349555123', ...fields });
        const morning = new Date('2026-11-24T07:00:00.000Z');
        const night = '2026-11-23T21:00:00.000Z';
        await r.intents.putIfAbsent(sms('S1'));
        await r.intents.putIfAbsent(sms('S2'));
        expect(await r.intents.hold((await r.intents.get({ pk: 'CASE#C1', intentId: 'S2' }))!, morning, night)).toBe(true);
        await r.intents.putIfAbsent(anIntent('C1', 'I1'));
        await r.intents.putIfAbsent(sms('S3', 'C1', { status: 'skipped', skipReason: 'no_phone' }));
        await r.intents.putIfAbsent(sms('S4', 'C2'));
        expect(ids(await r.intents.dueSmsOf('C1', night), 'intentId')).toEqual(['S1']);
        expect(ids(await r.intents.dueSmsOf('C1', morning.toISOString()), 'intentId')).toEqual(['S1', 'S2']);

        const s2 = { pk: 'CASE#C1', intentId: 'S2' };
        expect(await r.intents.claimDue(s2, LEASE, night, 'S1')).toMatchObject({ claimed: false, current: { status: 'deferred' } });
        // The plain claim never takes a deferred intent, due or not: only the household's does.
        expect(await r.intents.claim(s2, LEASE, morning.toISOString())).toMatchObject({ claimed: false, current: { status: 'deferred' } });
        const taken = await r.intents.claimDue(s2, LEASE, morning.toISOString(), 'S1');
        expect(taken).toMatchObject({ claimed: true, intent: { status: 'sending', leaseUntil: LEASE, attempts: 1, mergedInto: 'S1' } });
        expect(await r.intents.claimDue(s2, LEASE + 30, morning.toISOString(), 'S1')).toMatchObject({ claimed: false, current: { status: 'sending', leaseUntil: LEASE } });
        expect(ids(await r.intents.dueSmsOf('C1', morning.toISOString()), 'intentId')).toEqual(['S1']);
        if (!taken.claimed) throw new Error('not claimed');
        expect(await r.intents.markSent(taken.intent, LEASE, { providerMessageId: 'm-1', sentAt: morning.toISOString(), mergedInto: 'S1' })).toBe(true);
        expect(await r.intents.get(s2)).toMatchObject({ status: 'sent', providerMessageId: 'm-1', mergedInto: 'S1', data: {} });
        // The sweep's release of it, read before it was taken, finds it no longer deferred.
        expect(await r.timers.release({ ...taken.intent, status: 'deferred' }, morning.toISOString())).toBe(false);
      });

      it("a household SMS's member cancelled after its claim (its referral cancelled meanwhile) is no longer that message's", async () => {
        await r.intents.putIfAbsent(anIntent('C1', 'S2', { channel: 'sms', template: 'referral.returnee.sms', recipient: '+38349555123' }));
        const taken = await r.intents.claimDue({ pk: 'CASE#C1', intentId: 'S2' }, LEASE, AT, 'S1');
        if (!taken.claimed) throw new Error('not claimed');
        expect(taken.intent.mergedInto).toBe('S1');
        expect(await r.intents.markCancelled(taken.intent, LEASE, 'ReferralCancelled', '2026-11-23T09:00:05.000Z')).toBe(true);
        const cancelled = await r.intents.get({ pk: 'CASE#C1', intentId: 'S2' });
        expect(cancelled).toMatchObject({ status: 'cancelled' });
        expect([cancelled?.mergedInto, cancelled?.providerMessageId, cancelled?.leaseUntil]).toEqual([undefined, undefined, undefined]);
      });

      it('puts a stranded queued intent back once per watch, counted; not one claimed meanwhile', async () => {
        await r.intents.putIfAbsent(anIntent('C1', 'I1'));
        const stranded = (await r.intents.get(ref))!;
        const at = '2026-11-23T10:06:00.000Z';
        expect(await r.intents.requeue(stranded, at)).toBe(true);
        expect(await r.intents.requeue(stranded, at)).toBe(false);
        const back = (await r.intents.get(ref))!;
        expect(back).toMatchObject({ status: 'deferred', requeues: 1 });
        expect(await r.timers.release(back, at)).toBe(true);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'queued', requeues: 1 });
        await r.intents.putIfAbsent(anIntent('C1', 'I2'));
        const other = (await r.intents.get({ pk: 'CASE#C1', intentId: 'I2' }))!;
        await r.intents.claim(other, LEASE, AT);
        expect(await r.intents.requeue(other, at)).toBe(false);
      });

      it('abandons a queued intent put back too often: failed, listed for a call, with its follow-ups, once', async () => {
        await r.intents.putIfAbsent(anIntent('C1', 'I1'));
        const stranded = (await r.intents.get(ref))!;
        const followUp = anIntent('C1', 'I1#followup.coordinator', { template: 'followup.coordinator', purpose: 'followup.coordinator' });
        const failure = { kind: 'attempts-exhausted' as const, code: 'NeverDelivered' };
        expect(await r.intents.abandon(stranded, failure, '2026-11-23T12:00:00.000Z', [followUp])).toBe(true);
        expect(await r.intents.abandon(stranded, failure, '2026-11-23T12:00:01.000Z', [followUp])).toBe(false);
        expect(await r.intents.get(ref)).toMatchObject({ status: 'failed', failure });
        expect(await r.intents.get({ pk: 'CASE#C1', intentId: followUp.intentId })).toMatchObject({ status: 'queued' });
        expect(ids(await r.worklists.failedNotifications('obiliq'), 'intentId')).toEqual(['I1']);
      });

      it("flags an unanswered referral whose office address is dead, once; an answered one not at all", async () => {
        await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1', { status: 'sent' }));
        await r.referrals.createIfAbsent(aReferral('C1', 'R2', { status: 'accepted' }));
        expect(await r.referrals.flagUndeliverable('C1', 'R1', '2026-11-23T10:00:00.000Z')).toBe(true);
        expect(await r.referrals.flagUndeliverable('C1', 'R1', '2026-11-23T11:00:00.000Z')).toBe(false);
        expect(await r.referrals.flagUndeliverable('C1', 'R2', '2026-11-23T10:00:00.000Z')).toBe(false);
        expect(await r.referrals.flagUndeliverable('C1', 'NOPE', '2026-11-23T10:00:00.000Z')).toBe(false);
        expect(await r.referrals.get('C1', 'R1')).toMatchObject({ status: 'sent', flaggedAt: '2026-11-23T10:00:00.000Z', flagReason: 'address_undeliverable' });
        expect((await r.referrals.get('C1', 'R2'))?.flaggedAt).toBeUndefined();
      });

      it('retries a failed timer later, quarantines it when told to, and lets an operator put it back, once', async () => {
        const t = aTimer('C1', 'T1', '2026-11-23T09:10:00.000Z');
        await r.timers.putIfAbsent([t]);
        const retryAt = new Date('2026-11-23T09:15:00.000Z');
        expect(await r.timers.recordFailure(t, { at: '2026-11-23T09:11:00.000Z', error: 'TypeError', retryAt })).toBe(true);
        expect(await r.timers.recordFailure(t, { at: '2026-11-23T09:11:01.000Z', error: 'TypeError', retryAt })).toBe(false);
        expect(await due('2026-11-23T09', '2026-11-23T09:14:59.000Z')).toEqual([]);
        const [again] = await dueItems('2026-11-23T09', '2026-11-23T09:15:00.000Z');
        if (again?.type !== 'Timer') throw new Error('T1 is not due again');
        expect(again.item).toMatchObject({ timerId: 'T1', status: 'pending', failures: 1 });
        expect(await r.timers.recordFailure(again.item, { at: '2026-11-23T09:16:00.000Z', error: 'TypeError' })).toBe(true);
        expect(await due('2026-11-23T09', '2026-11-23T09:59:00.000Z')).toEqual([]);
        expect(await r.timers.quarantined()).toEqual([expect.objectContaining({ pk: t.pk, sk: t.sk, timerId: 'T1', failures: 2, lastError: 'TypeError', quarantinedAt: '2026-11-23T09:16:00.000Z' })]);
        expect(await r.timers.retryQuarantined({ pk: t.pk, sk: t.sk }, '2026-11-23T10:00:00.000Z')).toBe(true);
        expect(await r.timers.retryQuarantined({ pk: t.pk, sk: t.sk }, '2026-11-23T10:00:01.000Z')).toBe(false);
        expect(await r.timers.quarantined()).toEqual([]);
        expect(await due('2026-11-23T10', '2026-11-23T10:00:00.000Z')).toEqual(['T1 pending']);
      });

      it('takes an item the sweep cannot read out of the index, into the operator\'s list', async () => {
        const broken = { ...aTimer('C1', 'T9', '2026-11-23T09:10:00.000Z'), kind: 'no.such.kind' } as unknown as Parameters<typeof r.timers.putIfAbsent>[0][number];
        await r.timers.putIfAbsent([broken]);
        const key = { pk: broken.pk, sk: broken.sk };
        expect(await due('2026-11-23T09', '2026-11-23T09:59:00.000Z')).toEqual([`unreadable ${broken.sk}`]);
        expect(await r.timers.quarantineUnreadable(key, '2026-11-23T09:00:00.000Z', '2026-11-23T09:20:00.000Z')).toBe(false);
        expect(await r.timers.quarantineUnreadable(key, broken.dueAt, '2026-11-23T09:20:00.000Z')).toBe(true);
        expect(await due('2026-11-23T09', '2026-11-23T09:59:00.000Z')).toEqual([]);
        expect((await r.timers.quarantined()).map((q) => [q.sk, q.lastError])).toEqual([[broken.sk, 'Unreadable']]);
      });
    });

    describe('timers', () => {
      const due = async (bucket: string, now: string) => {
        const out: string[] = [];
        for await (const d of r.timers.due(bucket, now)) out.push(d.type === 'Timer' ? d.item.timerId : d.type);
        return out;
      };

      it('writes a timer once, and finds due only what is pending in the bucket up to now, by due time', async () => {
        await r.timers.putIfAbsent([aTimer('C1', 'T2', '2026-11-23T09:30:00.000Z'), aTimer('C1', 'T1', '2026-11-23T09:10:00.000Z'), aTimer('C1', 'T3', '2026-11-23T10:05:00.000Z')]);
        await r.timers.putIfAbsent([aTimer('C1', 'T1', '2026-11-23T09:50:00.000Z')]);
        const before = r.timers.itemsRead;
        expect(await due('2026-11-23T09', '2026-11-23T09:40:00.000Z')).toEqual(['T1', 'T2']);
        expect(await due('2026-11-23T09', '2026-11-23T09:20:00.000Z')).toEqual(['T1']);
        expect(await due('2026-11-23T10', '2026-11-23T09:40:00.000Z')).toEqual([]);
        expect(r.timers.itemsRead - before).toBe(3);
      });

      it('fires a timer once, with everything it writes; a losing or stale firing writes nothing', async () => {
        await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1', { status: 'sent' }));
        const t = aTimer('C1', 'R1#referral.ack.flag#1', '2026-11-23T09:10:00.000Z', { kind: 'referral.ack.flag', subjectId: 'R1' });
        await r.timers.putIfAbsent([t]);
        const firing = {
          now: '2026-11-23T09:15:00.000Z',
          outcome: 'fired' as const,
          intents: [anIntent('C1', 'R1#referral.ack.flag#1#coordinator', { purpose: 'referral.flag' })],
          next: [aTimer('C1', 'C1#case.monitoring#2', '2026-12-23T08:00:00.000Z')],
          flag: { caseId: 'C1', referralId: 'R1' },
          municipalityId: 'obiliq',
        };
        expect(await r.timers.fire({ ...t, dueAt: '2026-11-23T09:05:00.000Z' }, firing)).toBe(false);
        let view = (await r.cases.view('C1'))!;
        expect(view.intents).toEqual([]);
        expect(view.referrals[0]?.flaggedAt).toBeUndefined();
        expect(await r.timers.fire(t, firing)).toBe(true);
        expect(await r.timers.fire(t, { ...firing, now: '2026-11-23T09:16:00.000Z' })).toBe(false);
        view = (await r.cases.view('C1'))!;
        expect(ids(view.intents, 'intentId')).toEqual(['R1#referral.ack.flag#1#coordinator']);
        expect(view.timers.map((x) => [x.timerId, x.status])).toEqual([
          ['C1#case.monitoring#2', 'pending'],
          ['R1#referral.ack.flag#1', 'fired'],
        ]);
        expect(view.referrals[0]?.flaggedAt).toBe('2026-11-23T09:15:00.000Z');
        expect(view.audit.filter((a) => a.event.startsWith('timer.')).map((a) => [a.event, a.subjectId, a.detail])).toEqual([
          ['timer.referral.ack.flag', 'R1', { outcome: 'fired', occurrence: '1' }],
        ]);
        expect(await due('2026-11-23T09', '2026-11-23T09:59:00.000Z')).toEqual([]);
      });

      it("finds a referral's acknowledgement ladder by any rung, in any status, and no other timer of the referral or the case", async () => {
        await r.timers.putIfAbsent([
          aTimer('C1', 'R1#referral.rent_review#1', '2026-11-23T09:10:00.000Z', { kind: 'referral.rent_review', subjectId: 'R1' }),
          aTimer('C1', 'R10#referral.ack.reminder#0', '2026-11-23T09:10:00.000Z', { kind: 'referral.ack.reminder', subjectId: 'R10' }),
          aTimer('C2', 'R2#referral.ack.reminder#0', '2026-11-23T09:10:00.000Z', { kind: 'referral.ack.reminder', subjectId: 'R2' }),
        ]);
        expect(await r.timers.hasReferralLadder('C1', 'R1')).toBe(false);
        expect(await r.timers.hasReferralLadder('C1', 'R2')).toBe(false);
        // A ladder of the earlier scheme whose reminder is gone, and whose escalation has fired.
        await r.timers.putIfAbsent([aTimer('C1', 'R1#referral.ack.escalation#1', '2026-11-23T09:10:00.000Z', { kind: 'referral.ack.escalation', subjectId: 'R1', status: 'fired' })]);
        expect(await r.timers.hasReferralLadder('C1', 'R1')).toBe(true);
        expect(await r.timers.hasReferralLadder('C2', 'R2')).toBe(true);
      });

      it('moves the sweep cursor forward only', async () => {
        expect(await r.timers.cursor()).toBeUndefined();
        await r.timers.advanceCursor('2026-11-23T09');
        await r.timers.advanceCursor('2026-11-23T07');
        expect(await r.timers.cursor()).toBe('2026-11-23T09');
        await r.timers.advanceCursor('2026-11-23T10');
        expect(await r.timers.cursor()).toBe('2026-11-23T10');
      });

      it("cancels the case's pending timers and unsent intents that are picked, each once, and nothing already sent", async () => {
        await r.timers.putIfAbsent([aTimer('C1', 'R1#referral.ack.reminder#1', '2026-11-23T09:10:00.000Z', { subjectId: 'R1' }), aTimer('C1', 'C1#visit.reminder#1', '2026-11-23T09:20:00.000Z')]);
        await r.timers.putIfAbsent([aTimer('C2', 'R1#referral.ack.reminder#1', '2026-11-23T09:10:00.000Z', { subjectId: 'R1' })]);
        await r.intents.putIfAbsent(anIntent('C1', 'Q1', { referralId: 'R1' }));
        await r.intents.putIfAbsent(anIntent('C1', 'D1', { referralId: 'R1', status: 'deferred', dueAt: '2026-11-23T09:30:00.000Z', dueBucket: '2026-11-23T09' }));
        await r.intents.putIfAbsent(anIntent('C1', 'S1', { referralId: 'R1', status: 'sent' }));
        const aboutR1 = (s: { subjectId?: string; referralId?: string }) => s.subjectId === 'R1' || s.referralId === 'R1';
        expect(await r.timers.cancelPending('C1', aboutR1, '2026-11-23T09:05:00.000Z')).toBe(3);
        expect(await r.timers.cancelPending('C1', aboutR1, '2026-11-23T09:06:00.000Z')).toBe(0);
        expect(await due('2026-11-23T09', '2026-11-23T09:59:00.000Z')).toEqual(['R1#referral.ack.reminder#1', 'C1#visit.reminder#1']);
        for (const [intentId, status] of [['Q1', 'cancelled'], ['D1', 'cancelled'], ['S1', 'sent']]) {
          expect((await r.intents.get({ pk: 'CASE#C1', intentId: intentId! }))?.status, intentId).toBe(status);
        }
      });

      it('cancels from the case as the caller read it: each only from the status it was read in, so one claimed since goes on', async () => {
        await created('C1');
        await r.timers.putIfAbsent([aTimer('C1', 'R1#referral.ack.reminder#1', '2026-11-23T09:10:00.000Z', { subjectId: 'R1' })]);
        await r.intents.putIfAbsent(anIntent('C1', 'Q1', { referralId: 'R1' }));
        await r.intents.putIfAbsent(anIntent('C1', 'Q2', { referralId: 'R1' }));
        const read = (await r.cases.view('C1'))!;
        // After the read: delivery claims Q2, and a new intent is written.
        expect(await r.intents.claim({ pk: 'CASE#C1', intentId: 'Q2' }, seconds(AT) + 60, AT)).toMatchObject({ claimed: true });
        await r.intents.putIfAbsent(anIntent('C1', 'N1', { referralId: 'R1' }));
        const aboutR1 = (s: { subjectId?: string; referralId?: string }) => s.subjectId === 'R1' || s.referralId === 'R1';
        expect(await r.timers.cancelPending('C1', aboutR1, '2026-11-23T09:05:00.000Z', read)).toBe(2);
        for (const [intentId, status] of [['Q1', 'cancelled'], ['Q2', 'sending'], ['N1', 'queued']]) {
          expect((await r.intents.get({ pk: 'CASE#C1', intentId: intentId! }))?.status, intentId).toBe(status);
        }
        expect((await r.cases.view('C1'))!.timers.map((t) => t.status)).toEqual(['cancelled']);
        // The same read again: what it cancelled is no longer as read.
        expect(await r.timers.cancelPending('C1', aboutR1, '2026-11-23T09:06:00.000Z', read)).toBe(0);
      });
    });

    describe('appointments', () => {
      const telling = (...intents: IntentItem[]) => ({ intents, replaces: [] });
      it('writes an appointment with its reminders under an open case only, listed by time', async () => {
        const reminder = aTimer('C1', 'A1#appointment.evening#1', '2026-12-01T17:00:00.000Z', { kind: 'appointment.evening', subjectId: 'A1' });
        expect(await r.appointments.create(anAppointment('C1', 'A1', '2026-12-02T08:00:00.000Z'), [reminder], 'obiliq')).toBe(false);
        await created('C1');
        expect(await r.appointments.create(anAppointment('C1', 'A1', '2026-12-02T08:00:00.000Z'), [reminder], 'obiliq')).toBe(true);
        expect(await r.appointments.create(anAppointment('C1', 'A0', '2026-11-30T08:00:00.000Z'), [], 'obiliq')).toBe(true);
        // The same id again (a retried request's) writes nothing and is no error: the caller reads what is there.
        expect(await r.appointments.create(anAppointment('C1', 'A1', '2026-12-09T08:00:00.000Z'), [reminder], 'obiliq')).toBe(false);
        expect((await r.appointments.get('C1', 'A1'))?.when).toBe('2026-12-02T08:00:00.000Z');
        expect(ids(await r.worklists.appointments('obiliq'), 'appointmentId')).toEqual(['A0', 'A1']);
        expect(ids(await r.worklists.appointments('obiliq', { from: '2026-12-01T00:00:00.000Z', through: '2026-12-02T08:00:00.000Z' }), 'appointmentId')).toEqual(['A1']);
        expect(ids((await r.cases.view('C1'))!.timers, 'timerId')).toEqual([reminder.timerId]);
        await r.cases.close('C1', AT, ACTOR);
        expect(await r.appointments.create(anAppointment('C1', 'A2', '2026-12-03T08:00:00.000Z'), [], 'obiliq')).toBe(false);
        expect(await r.appointments.get('C1', 'A2')).toBeUndefined();
      });

      it('reschedules only the version read, with its reminders; cancels once, out of the list', async () => {
        await created('C1');
        const a = anAppointment('C1', 'A1', '2026-12-02T08:00:00.000Z');
        await r.appointments.create(a, [], 'obiliq');
        const next = { ...a, when: '2026-12-04T08:00:00.000Z', version: 2 };
        const reminder = aTimer('C1', 'A1#appointment.evening#2', '2026-12-03T17:00:00.000Z', { kind: 'appointment.evening', subjectId: 'A1', occurrence: 2 });
        expect(await r.appointments.reschedule(a, next, [reminder], 'obiliq')).toBe('written');
        const stale = aTimer('C1', 'A1#appointment.evening#3', '2026-12-05T17:00:00.000Z', { kind: 'appointment.evening', subjectId: 'A1', occurrence: 3 });
        expect(await r.appointments.reschedule(a, { ...a, when: '2026-12-06T08:00:00.000Z', version: 2 }, [stale], 'obiliq')).toBe('refused');
        expect(await r.appointments.get('C1', 'A1')).toMatchObject({ when: '2026-12-04T08:00:00.000Z', version: 2 });
        expect(ids((await r.cases.view('C1'))!.timers, 'timerId')).toEqual([reminder.timerId]);
        expect((await r.worklists.appointments('obiliq')).map((x) => x.when)).toEqual(['2026-12-04T08:00:00.000Z']);
        expect(await r.appointments.cancel('C1', 'A1', '2026-11-24T10:00:00.000Z')).toBe('written');
        expect(await r.appointments.cancel('C1', 'A1', '2026-11-24T11:00:00.000Z')).toBe('refused');
        expect(await r.appointments.reschedule(next, { ...next, version: 3 }, [], 'obiliq')).toBe('refused');
        expect(await r.appointments.get('C1', 'A1')).toMatchObject({ status: 'cancelled', updatedAt: '2026-11-24T10:00:00.000Z' });
        expect(await r.worklists.appointments('obiliq')).toEqual([]);
      });

      it("writes the family's notice of a move or a cancellation with it, all or nothing, and cancels with a notice only the version read", async () => {
        await created('C1');
        const a = anAppointment('C1', 'A1', '2026-12-02T08:00:00.000Z');
        await r.appointments.create(a, [], 'obiliq');
        const sms = (id: string) => anIntent('C1', id, { purpose: 'appointment.moved', channel: 'sms', template: 'appointment.returnee.moved', recipient: '+38349555123' });
        const next = { ...a, when: '2026-12-04T08:00:00.000Z', version: 2 };
        expect(await r.appointments.reschedule(a, next, [], 'obiliq', telling(sms('A1#appointment.moved#2#appointment.moved')))).toBe('written');
        // A move over a version no longer there writes no notice either.
        expect(await r.appointments.reschedule(a, { ...a, when: '2026-12-05T08:00:00.000Z', version: 2 }, [], 'obiliq', telling(sms('A1#appointment.moved#2b#appointment.moved')))).toBe('refused');
        expect(await r.intents.get({ pk: 'CASE#C1', intentId: 'A1#appointment.moved#2b#appointment.moved' })).toBeUndefined();
        expect(await r.appointments.get('C1', 'A1')).toMatchObject({ when: next.when, version: 2 });

        const cancelled = anIntent('C1', 'C1#appointment.cancelled#A1#appointment.cancelled', { purpose: 'appointment.cancelled', channel: 'sms', template: 'appointment.returnee.cancelled', recipient: '+38349555123' });
        // The notice names version 1's time: version 2 is not cancelled with it, and nothing is written.
        expect(await r.appointments.cancel('C1', 'A1', '2026-11-24T10:00:00.000Z', { version: 1, ...telling(cancelled) })).toBe('refused');
        expect(await r.intents.get(cancelled)).toBeUndefined();
        expect(await r.appointments.cancel('C1', 'A1', '2026-11-24T10:00:00.000Z', { version: 2, ...telling(cancelled) })).toBe('written');
        expect(await r.appointments.get('C1', 'A1')).toMatchObject({ status: 'cancelled' });
        expect((await r.cases.view('C1'))!.intents.map((i) => [i.intentId, i.status]).sort()).toEqual([
          ['A1#appointment.moved#2#appointment.moved', 'queued'],
          ['C1#appointment.cancelled#A1#appointment.cancelled', 'queued'],
        ]);
        expect(await r.worklists.appointments('obiliq')).toEqual([]);
      });

      it('replaces an earlier "moved" SMS only while it is unsent, and says so when a delivery claimed it: nothing written', async () => {
        await created('C1');
        const a = anAppointment('C1', 'A1', '2026-12-02T08:00:00.000Z');
        await r.appointments.create(a, [], 'obiliq');
        const sms = (id: string, fields: Partial<IntentItem> = {}) =>
          anIntent('C1', id, { purpose: 'appointment.moved', channel: 'sms', template: 'appointment.returnee.moved', recipient: '+38349555123', ...fields });
        const held = sms('A1#appointment.moved#1#appointment.moved', { status: 'deferred', notBefore: '2026-11-25T07:00:00.000Z', dueAt: '2026-11-25T07:00:00.000Z', dueBucket: '2026-11-25T07' });
        const claimed = sms('A1#appointment.moved#0#appointment.moved', { status: 'sending', leaseUntil: 1_800_000_000 });
        await r.intents.putIfAbsent(held);
        await r.intents.putIfAbsent(claimed);
        const next = { ...a, when: '2026-12-04T08:00:00.000Z', version: 2 };
        const notice = sms('A1#appointment.moved#2#appointment.moved');
        // Claimed by a delivery: refused as "told", and neither the change nor its SMS is written.
        expect(await r.appointments.reschedule(a, next, [], 'obiliq', { intents: [notice], replaces: [held, claimed] })).toBe('told');
        expect(await r.appointments.get('C1', 'A1')).toMatchObject({ version: 1 });
        expect(await r.intents.get(notice)).toBeUndefined();
        expect((await r.intents.get(held))?.status).toBe('deferred');
        // Someone else's change first: refused as such, whatever else failed.
        expect(await r.appointments.reschedule({ ...a, version: 5 }, next, [], 'obiliq', { intents: [notice], replaces: [claimed] })).toBe('refused');
        // Still unsent (deferred or queued): cancelled with the change, out of the timers index.
        expect(await r.appointments.reschedule(a, next, [], 'obiliq', { intents: [notice], replaces: [held] })).toBe('written');
        expect(await r.intents.get(held)).toMatchObject({ status: 'cancelled' });
        expect((await r.intents.get(held))?.dueBucket).toBeUndefined();
        expect((await r.intents.get(notice))?.status).toBe('queued');
        // A cancel that replaces the move's SMS holds to the version read even when it tells nothing.
        expect(await r.appointments.cancel('C1', 'A1', '2026-11-24T10:00:00.000Z', { version: 1, intents: [], replaces: [notice] })).toBe('refused');
        expect(await r.appointments.cancel('C1', 'A1', '2026-11-24T10:00:00.000Z', { version: 2, intents: [], replaces: [notice] })).toBe('written');
        expect((await r.intents.get(notice))?.status).toBe('cancelled');
        expect(await r.appointments.get('C1', 'A1')).toMatchObject({ status: 'cancelled' });
      });
    });

    describe('the case file', () => {
      const WHO = { by: ACTOR.by, byRole: ACTOR.role, via: 'api' };
      const assessment = (caseId: string, version: number, answers: Record<string, unknown> = { v: version }): AssessmentItem =>
        assessmentItem({ caseId, version, answers, referralIds: [], at: AT, by: ACTOR.by, expiresAt: EXPIRES });
      const aPlan = (c: CaseItem, version: number, measures: { id: string; due: string; status?: MeasureItem['status'] }[], fields: Partial<PlanItem> = {}) =>
        planItem({
          caseId: c.caseId,
          smrCaseId: c.smrCaseId,
          municipalityId: c.municipalityId,
          category: c.category,
          kind: 'PIR',
          version,
          measures: measures.map((m) => ({ measureId: m.id, goal: 'civil documents', responsible: { officeKind: 'civil_registry' }, dueDate: m.due, status: m.status ?? 'planned', referralIds: [] })),
          createdAt: AT,
          updatedAt: AT,
          updatedBy: ACTOR.by,
          expiresAt: EXPIRES,
          ...fields,
        });
      const visit = (caseId: string, date: string, id: string, kind: MonitoringItem['kind'] = 'visit'): MonitoringItem =>
        monitoringItem({ caseId, monitoringId: id, date, kind, progress: [], at: AT, by: ACTOR.by, expiresAt: EXPIRES });

      it('keeps FVN versions in order, one at a time, counting the first, on record', async () => {
        const c = await created('C1');
        expect(await r.caseFile.addAssessment(c, assessment('C1', 1), WHO)).toBe(true);
        // Version 1 again (a second tab submitted at once), or a version that skips one: refused, nothing written.
        expect(await r.caseFile.addAssessment(c, assessment('C1', 1, { other: true }), WHO)).toBe(false);
        expect(await r.caseFile.addAssessment(c, assessment('C1', 3), WHO)).toBe(false);
        expect(await r.caseFile.addAssessment(c, assessment('C1', 2), WHO)).toBe(true);
        const view = (await r.cases.view('C1'))!;
        expect(view.assessments.map((a) => [a.version, a.answers])).toEqual([[1, { v: 1 }], [2, { v: 2 }]]);
        expect(view.case.assessmentVersion).toBe(2);
        expect(view.audit.filter((a) => a.event === 'case.assessed').map((a) => a.detail?.version)).toEqual(['1', '2']);
        expect(await r.indicators.counters('obiliq', Q4)).toMatchObject({ assessmentsDone_returnee: 1 });
      });

      it('writes a plan only at the version read, lists it by its earliest open due date, counts it made and its case manager named once', async () => {
        const c = await created('C1', { category: 'foreigner' });
        const v1 = aPlan(c, 1, [{ id: 'm1', due: '2026-12-10' }, { id: 'm2', due: '2026-12-01' }]);
        expect(await r.caseFile.putPlan(undefined, v1, WHO)).toBe(true);
        expect(await r.caseFile.putPlan(undefined, v1, WHO)).toBe(false);
        expect(ids(await r.worklists.measuresDue('obiliq', { through: '2026-12-01' }), 'caseId')).toEqual(['C1']);
        expect(await r.worklists.measuresDue('obiliq', { through: '2026-11-30' })).toEqual([]);

        const v2 = aPlan(c, 2, [{ id: 'm1', due: '2026-12-10' }, { id: 'm2', due: '2026-12-01', status: 'done' }], { caseManager: { name: 'Drita Gashi' } });
        expect(await r.caseFile.putPlan(v1, v2, WHO)).toBe(true);
        // Someone else's edit of version 1, written after version 2: stale.
        expect(await r.caseFile.putPlan(v1, aPlan(c, 2, []), WHO)).toBe(false);
        expect((await r.caseFile.plan('C1'))?.measures.map((m) => m.status)).toEqual(['planned', 'done']);
        expect((await r.worklists.measuresDue('obiliq'))[0]?.listSort).toBe('2026-12-10#C1');

        const v3 = aPlan(c, 3, [{ id: 'm1', due: '2026-12-10', status: 'dropped' }], { caseManager: { name: 'Drita Gashi' } });
        expect(await r.caseFile.putPlan(v2, v3, WHO)).toBe(true);
        expect(await r.worklists.measuresDue('obiliq')).toEqual([]);
        expect(await r.indicators.counters('obiliq', Q4)).toMatchObject({ plansMade_foreigner: 1, caseManagersNamed_foreigner: 1 });
        expect((await r.cases.view('C1'))!.audit.filter((a) => a.event.startsWith('plan.')).map((a) => [a.event, a.detail?.version])).toEqual([
          ['plan.created', '1'],
          ['plan.updated', '2'],
          ['plan.updated', '3'],
        ]);
      });

      it('records monitoring with the plan it moves, all or nothing, by date, counted by kind', async () => {
        const c = await created('C1');
        const v1 = aPlan(c, 1, [{ id: 'm1', due: '2026-12-10' }]);
        await r.caseFile.putPlan(undefined, v1, WHO);
        const v2 = aPlan(c, 2, [{ id: 'm1', due: '2026-12-10', status: 'in_progress' }]);
        expect(await r.caseFile.recordMonitoring(c, visit('C1', '2026-12-03', 'M2'), { current: v1, next: v2 }, WHO)).toBe(true);
        // Progress against a plan that has moved on: neither the record nor the plan is written.
        expect(await r.caseFile.recordMonitoring(c, visit('C1', '2026-12-04', 'M3'), { current: v1, next: v2 }, WHO)).toBe(false);
        expect(await r.caseFile.recordMonitoring(c, visit('C1', '2026-11-28', 'M1', 'call'), undefined, WHO)).toBe(true);
        expect(await r.caseFile.recordMonitoring(c, visit('C1', '2027-01-05', 'M4', 'evaluation'), undefined, WHO)).toBe(true);
        expect(ids(await r.caseFile.monitoring('C1'), 'monitoringId')).toEqual(['M1', 'M2', 'M4']);
        expect(ids(await r.caseFile.monitoring('C1', { from: '2026-12-01', through: '2026-12-31' }), 'monitoringId')).toEqual(['M2']);
        expect((await r.caseFile.plan('C1'))?.version).toBe(2);
        expect(await r.indicators.counters('obiliq', Q4)).toMatchObject({ monitoringVisits_returnee: 1, monitoringCalls_returnee: 1 });
        expect(await r.indicators.counters('obiliq', quarterOf(new Date('2027-01-05T09:00:00Z')))).toEqual({});
        expect((await r.cases.view('C1'))!.monitoring.map((m) => m.monitoringId)).toEqual(['M1', 'M2', 'M4']);
      });

      it('writes nothing of the case file under a closed case; closing records the outcome, counts it and takes the plan out of its list', async () => {
        const c = await created('C1');
        const v1 = aPlan(c, 1, [{ id: 'm1', due: '2026-12-10' }]);
        await r.caseFile.putPlan(undefined, v1, WHO);
        expect(await r.cases.close('C1', AT, ACTOR, { outcome: 'sustainably_reintegrated', finalAssessment: 'employed, children at school' })).toBe(true);
        const closed = (await r.cases.get('C1'))!;
        expect(closed.closure).toEqual({ outcome: 'sustainably_reintegrated', finalAssessment: 'employed, children at school', by: ACTOR.by });
        expect(await r.worklists.measuresDue('obiliq')).toEqual([]);
        expect(await r.indicators.counters('obiliq', Q4)).toMatchObject({ casesClosed: 1, closed_sustainably_reintegrated_returnee: 1 });
        expect((await r.cases.view('C1'))!.audit.find((a) => a.event === 'case.closed')?.detail).toEqual({ outcome: 'sustainably_reintegrated' });
        expect(await r.caseFile.addAssessment(closed, assessment('C1', 1), WHO)).toBe(false);
        expect(await r.caseFile.putPlan(v1, aPlan(c, 2, []), WHO)).toBe(false);
        expect(await r.caseFile.recordMonitoring(closed, visit('C1', '2026-11-23', 'M1'), undefined, WHO)).toBe(false);
        expect((await r.cases.view('C1'))!.monitoring).toEqual([]);
        // A case closed without a plan gets none.
        await created('C2');
        expect(await r.cases.close('C2', AT, ACTOR, { outcome: 'other', note: 'moved in with relatives abroad', finalAssessment: 'left' })).toBe(true);
        expect(await r.caseFile.plan('C2')).toBeUndefined();
      });
    });

    describe('meetings', () => {
      it('writes a meeting once, listed by start', async () => {
        expect(await r.meetings.createIfAbsent(aMeeting('M2', '2026-12-10T09:00:00.000Z'))).toBe(true);
        expect(await r.meetings.createIfAbsent(aMeeting('M1', '2026-12-03T09:00:00.000Z'))).toBe(true);
        expect(await r.meetings.createIfAbsent(aMeeting('M1', '2026-12-04T09:00:00.000Z', { title: 'Moved?' }))).toBe(false);
        expect(await r.meetings.get('M1')).toMatchObject({ start: '2026-12-03T09:00:00.000Z', title: 'A case that needs a solution' });
        expect(await r.meetings.municipalityOf('M1')).toBe('obiliq');
        expect(ids(await r.worklists.meetings('obiliq'), 'meetingId')).toEqual(['M1', 'M2']);
        expect(ids(await r.worklists.meetings('obiliq', { before: '2026-12-10' }), 'meetingId')).toEqual(['M1']);
      });

      it('changes a scheduled meeting only at the sequence read, on record; a cancelled one no more', async () => {
        const m = aMeeting('M1', '2026-12-03T09:00:00.000Z');
        await r.meetings.createIfAbsent(m);
        const moved = { ...m, start: '2026-12-05T09:00:00.000Z', end: '2026-12-05T10:00:00.000Z', previousStart: m.start, sequence: 1 };
        const audit = { event: 'meeting.rescheduled', at: '2026-11-24T10:00:00.000Z', actor: ACTOR, detail: { sequence: '1' } };
        expect(await r.meetings.update(m, moved, audit)).toBe(true);
        expect(await r.meetings.update(m, { ...moved, start: '2026-12-07T09:00:00.000Z' }, audit)).toBe(false);
        expect((await r.meetings.get('M1'))?.start).toBe('2026-12-05T09:00:00.000Z');
        expect((await r.worklists.meetings('obiliq')).map((x) => x.start)).toEqual(['2026-12-05T09:00:00.000Z']);
        const cancelled = { ...moved, status: 'cancelled' as const, sequence: 2 };
        expect(await r.meetings.update(moved, cancelled, { event: 'meeting.cancelled', at: '2026-11-25T10:00:00.000Z', actor: ACTOR })).toBe(true);
        expect(await r.meetings.update(cancelled, { ...cancelled, sequence: 3 }, { event: 'meeting.rescheduled', at: '2026-11-26T10:00:00.000Z', actor: ACTOR })).toBe(false);
        expect((await r.meetings.view('M1'))!.audit.map((a) => [a.event, a.from, a.to])).toEqual([
          ['meeting.rescheduled', 'scheduled', 'scheduled'],
          ['meeting.cancelled', 'scheduled', 'cancelled'],
        ]);
      });

      it('records the minutes once, counting a held meeting and its cases in the quarter it took place', async () => {
        const held = aMeeting('M1', '2026-12-03T09:00:00.000Z');
        const notHeld = aMeeting('M2', '2026-12-04T09:00:00.000Z');
        await r.meetings.createIfAbsent(held);
        await r.meetings.createIfAbsent(notHeld);
        const at = '2027-01-05T10:00:00.000Z';
        expect(await r.meetings.recordMinutes(held, { held: true, casesDiscussed: ['SMR-1', 'SMR-2'] }, at, ACTOR)).toBe(true);
        expect(await r.meetings.recordMinutes(held, { held: true, casesDiscussed: ['SMR-3'] }, at, ACTOR)).toBe(false);
        expect(await r.meetings.recordMinutes(notHeld, { held: false, casesDiscussed: [] }, at, ACTOR)).toBe(true);
        expect(await r.meetings.get('M1')).toMatchObject({ status: 'held', casesDiscussed: ['SMR-1', 'SMR-2'], minutesAt: at });
        expect(await r.meetings.get('M2')).toMatchObject({ status: 'not_held' });
        const f = await r.indicators.figures('obiliq', Q4);
        expect([f.meetingsHeld, f.casesDiscussed]).toEqual([1, 2]);
        expect((await r.indicators.figures('obiliq', quarterOf(new Date(at)))).meetingsHeld).toBe(0);
      });

      it("views a meeting's partition: the meeting, its invitations, reminders and record", async () => {
        expect(await r.meetings.view('M1')).toBeUndefined();
        const m = aMeeting('M1', '2026-12-03T09:00:00.000Z');
        await r.meetings.createIfAbsent(m);
        await r.intents.putIfAbsent({ ...anIntent('C1', 'M1#invite#x'), pk: m.pk, caseId: undefined });
        await r.timers.putIfAbsent([{ ...aTimer('C1', 'M1#meeting.reminder.day#0', '2026-12-02T08:00:00.000Z', { kind: 'meeting.reminder.day', subjectId: 'M1', occurrence: 0 }), pk: m.pk, caseId: undefined, meetingId: 'M1' }]);
        const view = (await r.meetings.view('M1'))!;
        expect(view.meeting.meetingId).toBe('M1');
        expect(ids(view.intents, 'intentId')).toEqual(['M1#invite#x']);
        expect(ids(view.timers, 'timerId')).toEqual(['M1#meeting.reminder.day#0']);
      });
    });

    describe('worklists and indicators', () => {
      it('pages through open cases latest closure date first, saying where the next page starts', async () => {
        for (const [id, arrival] of [['C1', '2026-01-10'], ['C2', '2026-03-10'], ['C3', '2026-02-10'], ['C4', '2026-04-10'], ['C5', '2026-05-10']] as const) {
          await created(id, { arrivalDate: arrival });
        }
        const first = await r.worklists.openCasesPage('obiliq', { limit: 2 });
        expect(ids(first.items, 'caseId')).toEqual(['C5', 'C4']);
        const second = await r.worklists.openCasesPage('obiliq', { limit: 2, before: first.next! });
        expect(ids(second.items, 'caseId')).toEqual(['C2', 'C3']);
        const last = await r.worklists.openCasesPage('obiliq', { limit: 2, before: second.next! });
        expect(ids(last.items, 'caseId')).toEqual(['C1']);
        expect(last.next).toBeUndefined();
        expect((await r.worklists.openCasesPage('obiliq', { limit: 5 })).next).toBeUndefined();
        expect(await r.worklists.openCasesPage('partesh', { limit: 5 })).toEqual({ items: [] });
      });

      it("keeps a day's activity feed by the local day in Kosovo, in order", async () => {
        await created('C1', { createdAt: '2026-11-23T23:30:00.000Z' });
        await r.cases.recordHomeVisit('C1', '2026-11-24T08:00:00.000Z');
        await r.cases.setSmsOptOut('C1', { reason: 'other' }, '2026-11-24T09:00:00.000Z', ACTOR);
        expect(await feedEvents('obiliq', '2026-11-23')).toEqual([]);
        expect(await feedEvents('obiliq', '2026-11-24')).toEqual(['case.created', 'case.sms_opted_out']);
        expect(await feedEvents('partesh', '2026-11-24')).toEqual([]);
      });

      it('reads zeros for a quarter nothing was counted in, and counts read items only', async () => {
        const before = r.indicators.itemsRead;
        const f = await r.indicators.figures('obiliq', Q4);
        expect([f.casesOpened, f.referralsMade, f.answeredInTimeShare, f.personsReferred.housing]).toEqual([0, 0, null, 0]);
        expect(r.indicators.itemsRead).toBe(before);
        await created('C1');
        await r.indicators.figures('obiliq', Q4);
        expect(r.indicators.itemsRead).toBe(before + 1);
      });
    });

    describe('addresses and settings', () => {
      const bounce = (at: string, messageId = 'm-1') => ({ status: 'undeliverable' as const, at, messageId, codes: ['Permanent/General', '5.1.1'] });

      it('suppresses an address by the newest event only, whatever the letter case, until cleared', async () => {
        expect(await r.addresses.isSuppressed('office@x.org')).toBeUndefined();
        expect(await r.addresses.record('Office <OFFICE@x.org>', bounce('2026-11-23T09:00:00.000Z'))).toBe(true);
        expect(await r.addresses.record('office@x.org', { ...bounce('2026-11-23T09:00:00.000Z'), status: 'undeliverable' })).toBe(true);
        expect(await r.addresses.record('office@x.org', { status: 'complained', at: '2026-11-24T09:00:00.000Z', messageId: 'm-2', codes: ['abuse'] })).toBe(true);
        expect(await r.addresses.record('office@x.org', bounce('2026-11-23T12:00:00.000Z', 'm-late'))).toBe(false);
        expect(await r.addresses.get('office@x.org')).toMatchObject({ status: 'complained', since: '2026-11-23T09:00:00.000Z', lastMessageId: 'm-2', codes: ['abuse'] });
        expect(await r.addresses.isSuppressed('OFFICE@X.ORG')).toBe('complained');
        expect(await r.addresses.clear('office@x.org')).toBe('complained');
        expect(await r.addresses.clear('office@x.org')).toBeUndefined();
        expect(await r.addresses.isSuppressed('office@x.org')).toBeUndefined();
      });

      it("keeps a coordinator's own choices, the latest of each, one choice leaving the other as it was", async () => {
        expect(await r.settings.choices('obiliq', 'c1')).toEqual({});
        await r.settings.setChoices('obiliq', 'c1', { digest: 'weekly' }, AT, ACTOR);
        await r.settings.setChoices('obiliq', 'c1', { answers: 'immediate' }, '2026-11-24T08:00:00.000Z', ACTOR);
        expect(await r.settings.choices('obiliq', 'c1')).toEqual({ digest: 'weekly', answers: 'immediate' });
        await r.settings.setChoices('obiliq', 'c1', { digest: 'none' }, '2026-11-24T09:00:00.000Z', ACTOR);
        expect(await r.settings.choices('obiliq', 'c1')).toEqual({ digest: 'none', answers: 'immediate' });
        await r.settings.setChoices('obiliq', 'c1', { digest: 'daily', answers: 'digest' }, '2026-11-24T10:00:00.000Z', ACTOR);
        expect(await r.settings.choices('obiliq', 'c1')).toEqual({ digest: 'daily', answers: 'digest' });
        expect(await r.settings.choices('obiliq', 'c2')).toEqual({});
        expect(await r.settings.choices('partesh', 'c1')).toEqual({});
      });
    });

    describe('retention', () => {
      it("lists a partition's every item by key and type, and only brings an expiry forward, never creating an item", async () => {
        const c = await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1'));
        const entries = [];
        for await (const page of r.retention.partition(c.pk)) entries.push(...page);
        expect(entries.map((e) => e.type).sort()).toEqual(['Audit', 'Case', 'Referral']);
        const referral = entries.find((e) => e.type === 'Referral')!;
        expect(await r.retention.expireBy(referral, EXPIRES + 1)).toBe(false);
        expect(await r.retention.expireBy(referral, EXPIRES - 1)).toBe(true);
        expect(await r.retention.expireBy(referral, EXPIRES - 1)).toBe(false);
        expect((await r.referrals.get('C1', 'R1'))?.expiresAt).toBe(EXPIRES - 1);
        expect(await r.retention.expireBy({ pk: c.pk, sk: 'REF#GONE' }, 1)).toBe(false);
        const after = [];
        for await (const page of r.retention.partition(c.pk)) after.push(...page);
        expect(after).toHaveLength(3);
        expect(await r.retention.expireClaimBy('SMR-C1', 'C2', 1)).toBe(false);
        expect(await r.retention.expireClaimBy('smr-c1', 'C1', EXPIRES - 5)).toBe(true);
        expect(await r.retention.expireClaimBy('NO-SUCH', 'C1', 1)).toBe(false);
      });

      it("hands over a case's items as stored, and erases them, its claim, an audit entry's personal detail and a meeting's mention", async () => {
        const c = await created('C1');
        await r.referrals.createIfAbsent(aReferral('C1', 'R1'));
        const items = async () => {
          const all: Record<string, unknown>[] = [];
          for await (const page of r.retention.items('C1')) all.push(...page);
          return all;
        };
        expect((await items()).map((i) => i.type).sort()).toEqual(['Audit', 'Case', 'Referral']);
        expect((await items()).find((i) => i.type === 'Case')).toMatchObject({ smrCaseId: 'SMR-C1', household: c.household });
        expect(await r.retention.claim('smr-c1')).toMatchObject({ caseId: 'C1' });

        // An entry as written before audit kept ids and codes only; a second with its key is refused.
        const legacy = auditItem('C1', 'C1', '2026-11-22T09:00:00.000Z', { event: 'case.created', by: 'coordinator', via: 'api', detail: { smrCaseId: 'SMR-C1', arrivalDate: '2026-11-20', householdSize: '1' } });
        expect(await r.retention.record(legacy)).toBe(true);
        expect(await r.retention.record(legacy)).toBe(false);
        expect(await r.retention.scrubAuditDetail(legacy, ['smrCaseId', 'arrivalDate'])).toBe(true);
        expect(await r.retention.scrubAuditDetail(legacy, ['smrCaseId', 'arrivalDate'])).toBe(false);
        expect((await items()).find((i) => i.sk === legacy.sk)).toMatchObject({ detail: { householdSize: '1' } });
        expect(await r.retention.scrubAuditDetail({ pk: c.pk, sk: c.sk }, ['smrCaseId'])).toBe(false); // not an audit entry

        const referral = (await items()).find((i) => i.type === 'Referral') as { pk: string; sk: string };
        expect(await r.retention.erase(referral)).toBe(true);
        expect(await r.retention.erase(referral)).toBe(false);
        expect(await r.referrals.get('C1', 'R1')).toBeUndefined();
        expect(await r.retention.eraseClaim('SMR-C1', 'C2')).toBe(false);
        expect(await r.retention.eraseClaim('smr-c1', 'C1')).toBe(true);
        expect(await r.retention.claim('SMR-C1')).toBeUndefined();

        // Minutes keep case ids; those recorded before kept SMR ids: the case goes by either. The
        // free-text note older minutes kept may name the case's people: it goes with it.
        const m = aMeeting('M1', AT, { casesDiscussed: ['C1', 'C9', 'SMR-C1'], minutesNote: 'Bekim: no income' });
        const c1 = { caseId: 'C1', smrCaseId: 'smr-c1' };
        await r.meetings.createIfAbsent(m);
        expect(await r.retention.forgetInMeeting({ ...m, casesDiscussed: ['C1'] }, c1)).toBe(false); // not the list as it is
        expect(await r.retention.forgetInMeeting(m, c1)).toBe(true);
        expect(await r.meetings.get('M1')).toMatchObject({ casesDiscussed: ['C9'], meetingId: 'M1' });
        expect(await r.meetings.get('M1')).not.toHaveProperty('minutesNote');
        expect(await r.retention.forgetInMeeting({ ...m, casesDiscussed: ['C9'] }, c1)).toBe(false);
      });

      it('reads an empty partition as one empty page', async () => {
        const pages = [];
        for await (const page of r.retention.partition('CASE#NOPE')) pages.push(page);
        expect(pages).toEqual([[]]);
      });
    });
  });
}
