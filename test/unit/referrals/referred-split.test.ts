import { describe, expect, it } from 'vitest';
import { indicatorLines } from '../../../shared/domain/indicators.js';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { indicatorsCsv } from '../../../shared/reports/indicators-csv.js';
import { createCase, createReferral } from '../../../shared/referrals/intake.js';
import { referralMade } from '../../../shared/store/indicators.js';
import { arrival, COORDINATOR, valueOf, world } from '../support/world.js';

/**
 * Persons referred per office, split returnee / foreigner as the plans count them: the referral
 * carries its case's category from where the case is at hand (createReferral, which the FVN, the
 * coordinator's own referrals and a referral elsewhere all go through) into the counter.
 */
describe('persons referred per office, split by the case category', () => {
  it('counts a returnee case and a foreigner case apart, and the total of both', async () => {
    const w = world();
    const returnee = valueOf(await createCase(arrival('SMR-2026-0701'), w.intake, COORDINATOR));
    const foreigner = valueOf(await createCase(arrival('SMR-2026-0702', { category: 'foreigner' }), w.intake, COORDINATOR));
    const r1 = valueOf(await createReferral(returnee.caseId, { officeKind: 'civil_registry', need: 'civil_documents', personIds: ['p1', 'p2'] }, w.intake));
    expect(r1.caseCategory).toBe('returnee');
    valueOf(await createReferral(foreigner.caseId, { officeKind: 'civil_registry', need: 'civil_documents', personIds: ['p1'] }, w.intake));
    valueOf(await createReferral(foreigner.caseId, { officeKind: 'legal_aid', need: 'free_legal_aid' }, w.intake));

    const f = await w.repos.indicators.figures('obiliq', quarterOf(w.clock.now()));
    expect(f.personsReferred.civil_registry).toBe(3);
    expect(f.byCategory.returnee.personsReferred.civil_registry).toBe(2);
    expect(f.byCategory.foreigner.personsReferred.civil_registry).toBe(1);
    expect(f.byCategory.foreigner.personsReferred.legal_aid).toBe(4);
    expect(f.byCategory.returnee.personsReferred.legal_aid).toBe(0);
    // The report's and the CSV's lines.
    const line = (code: string) => indicatorLines(f).find((l) => l.code === code);
    expect(line('persons_referred_civil_registry')).toMatchObject({ value: 3, returnee: 2, foreigner: 1 });
    expect(line('persons_referred_legal_aid')).toMatchObject({ value: 4, returnee: 0, foreigner: 4 });
    expect(indicatorsCsv('obiliq', f)).toMatch(/,persons_referred_civil_registry,3,2,1,/);
  });

  it('a referral made before the split (no category) counts in the total only', () => {
    expect(referralMade({ officeKind: 'health', personIds: ['p1', 'p2'] })).toEqual({ referralsMade: 1, referred_health: 2 });
    expect(referralMade({ officeKind: 'health', personIds: ['p1'], caseCategory: 'foreigner' })).toEqual({ referralsMade: 1, referred_health: 1, referred_health_foreigner: 1 });
  });
});
