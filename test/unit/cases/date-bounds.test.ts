import { describe, expect, it } from 'vitest';
import { recordMonitoring } from '../../../shared/cases/case-file.js';
import { CreateCaseInput } from '../../../shared/domain/case.js';
import { GrantCallInput } from '../../../shared/domain/grant-call.js';
import { announceGrantCall, GRANT_CALL_MAX_DAYS, type GrantCallDeps } from '../../../shared/referrals/grant-call.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { arrival, COORDINATOR, valueOf, world, type World } from '../support/world.js';

/**
 * Dates with a sane bound (the tests' today is Monday 23 November 2026): a monitoring record dated
 * before the case began (it would be counted in a quarter the case was not in) or after today, and
 * a grant call closing more than a year ahead (a typo the families' SMS would repeat), are refused
 * naming the field, with a code the console words.
 */

const fileDeps = (w: World) => ({ ...w.intake, caseFile: w.repos.caseFile, logger: w.logger });
const grantDeps = (w: World): GrantCallDeps => ({ ...w.repos, audit: w.repos.retention, directory: w.directory, clock: w.clock });
const visit = (date: string) => ({ date, kind: 'visit' as const, progress: [] });

describe('a monitoring record\'s date', () => {
  it('is refused before the arrival and after today, and kept from the arrival through today', async () => {
    const w = world();
    const c = valueOf(await createCase(arrival(), w.intake, COORDINATOR)); // arrived 2026-11-20
    for (const [date, code] of [['0001-01-01', 'before-case-start'], ['2026-11-19', 'before-case-start'], ['2026-11-24', 'not-yet-happened']] as const) {
      expect(await recordMonitoring(c.caseId, visit(date), fileDeps(w), COORDINATOR), date).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'date', code } });
    }
    expect((await w.repos.cases.view(c.caseId))!.monitoring).toEqual([]);
    valueOf(await recordMonitoring(c.caseId, visit('2026-11-20'), fileDeps(w), COORDINATOR));
    valueOf(await recordMonitoring(c.caseId, visit('2026-11-23'), fileDeps(w), COORDINATOR));
  });

  it("of a foreigner's case is bounded by the permit, when the clocks start there", async () => {
    const w = world();
    const input = CreateCaseInput.parse(
      arrival('SMR-2026-0300', { municipalityId: 'partesh', coordinatorId: 'partesh-okzp-01', category: 'foreigner', arrivalDate: '2026-04-02', permitDate: '2026-11-22', permit: 'subsidiary_protection' }),
    );
    const c = valueOf(await createCase(input, w.intake, COORDINATOR));
    expect(await recordMonitoring(c.caseId, visit('2026-11-21'), fileDeps(w), COORDINATOR)).toMatchObject({ ok: false, problem: { field: 'date', code: 'before-case-start' } });
    valueOf(await recordMonitoring(c.caseId, visit('2026-11-22'), fileDeps(w), COORDINATOR));
  });
});

describe("a grant call's closing day", () => {
  it(`is refused more than ${GRANT_CALL_MAX_DAYS} days ahead, naming closesOn and the days allowed`, async () => {
    const w = world();
    for (const closesOn of ['2099-01-01', '2027-11-25']) {
      const refused = await announceGrantCall('obiliq', GrantCallInput.parse({ call: 'agriculture', closesOn }), grantDeps(w), COORDINATOR);
      expect(refused, closesOn).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'closesOn', code: 'too-far-ahead', values: { days: GRANT_CALL_MAX_DAYS } } });
    }
    valueOf(await announceGrantCall('obiliq', GrantCallInput.parse({ call: 'agriculture', closesOn: '2027-11-24' }), grantDeps(w), COORDINATOR));
  });
});
