import { describe, expect, it } from 'vitest';
import { CreateCaseInput } from '../../../shared/domain/case.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { visitDeadline } from '../../../shared/timers/plan.js';
import { arrival, COORDINATOR, valueOf, world } from '../support/world.js';

/**
 * A foreigner's clocks (Partesh plan: "72 orë pas kthimit, apo pas marrjes së statusit / lejes
 * së qëndrimit") start at the protection status or residence permit, not at arrival.
 */

/** Came to Kosovo in spring, was granted subsidiary protection on Sunday 22 November (the tests' today is Monday the 23rd). */
const foreigner = (fields: Record<string, unknown> = {}) =>
  CreateCaseInput.parse(
    arrival('SMR-2026-0300', {
      municipalityId: 'partesh',
      coordinatorId: 'partesh-okzp-01',
      category: 'foreigner',
      arrivalDate: '2026-04-02',
      permitDate: '2026-11-22',
      permit: 'subsidiary_protection',
      ...fields,
    }),
  );

const dueOf = (timers: { kind: string; dueAt: string }[], kind: string) => timers.find((t) => t.kind === kind)?.dueAt;

describe("a foreigner's case", () => {
  it('starts its 72-hour visit, monitoring, evaluation and closure clocks at the permit, and keeps the permit', async () => {
    const w = world();
    const c = valueOf(await createCase(foreigner(), w.intake, COORDINATOR));
    expect(c).toMatchObject({ category: 'foreigner', arrivalDate: '2026-04-02', permitDate: '2026-11-22', permit: 'subsidiary_protection' });
    const { timers } = (await w.repos.cases.view(c.caseId))!;
    // 22 November 00:00 in Kosovo (CET, UTC+1) + 48 h and + 72 h; from the arrival, both would be due at once.
    expect(dueOf(timers, 'visit.reminder')).toBe('2026-11-23T23:00:00.000Z');
    expect(dueOf(timers, 'visit.escalation')).toBe('2026-11-24T23:00:00.000Z');
    expect(visitDeadline(c).toISOString()).toBe('2026-11-24T23:00:00.000Z');
    // A month, a quarter and 18 months after the permit, 09:00 on a working day.
    expect(dueOf(timers, 'case.monitoring')).toBe('2026-12-22T08:00:00.000Z');
    expect(dueOf(timers, 'case.evaluation')).toBe('2027-02-22T08:00:00.000Z');
    expect(dueOf(timers, 'case.closure')).toBe('2028-05-22T07:00:00.000Z'); // CEST
    // In the open cases by its closure date: 18 months from the permit, not from arrival.
    expect((await w.repos.worklists.openCases('partesh')).map((x) => x.listSort?.slice(0, 10))).toEqual(['2028-05-22']);
  });

  it('without a permit date is counted from arrival, as a returnee is', async () => {
    const w = world();
    const c = valueOf(await createCase(foreigner({ arrivalDate: '2026-11-20', permitDate: undefined }), w.intake, COORDINATOR));
    expect(visitDeadline(c).toISOString()).toBe('2026-11-22T23:00:00.000Z');
  });

  it('is registered around the permit: an arrival long ago is fine, a permit date out of the window is refused on permitDate', async () => {
    const w = world();
    const old = await createCase(foreigner({ arrivalDate: '2023-01-10' }), w.intake, COORDINATOR);
    expect(old.ok).toBe(true);
    const typo = await createCase(foreigner({ smrCaseId: 'SMR-2026-0301', permitDate: '2062-11-20' }), w.intake, COORDINATOR);
    expect(typo).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'permitDate' } });
  });

  it('a returnee cannot carry a permit: the input names the field', () => {
    for (const field of ['permitDate', 'permit'] as const) {
      const res = CreateCaseInput.safeParse(arrival('SMR-2026-0302', { [field]: field === 'permit' ? 'refugee_status' : '2026-11-20' }));
      expect(res.success).toBe(false);
      expect(res.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
    }
    const unknownKind = CreateCaseInput.safeParse({ ...foreigner(), permit: 'asylum_seeker' });
    expect(unknownKind.error?.issues.map((i) => i.path.join('.'))).toEqual(['permit']);
  });
});
