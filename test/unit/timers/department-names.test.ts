import { describe, expect, it } from 'vitest';
import { bundledDirectory } from '../../../shared/directory/directory.js';
import { renderAny } from '../../../shared/messages/index.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { sweepTimers } from '../../../shared/timers/sweep.js';
import { arrival, COORDINATOR, sweepDeps, valueOf, world } from '../support/world.js';

/**
 * Each municipality's texts name the reintegration department as its own plan does: Obiliq's
 * 2019–2022 plan says DRPR, Partesh's 2023–2025 plan DRPRIH (with the integration of foreigners;
 * ORRLIS in Serbian for both). Through the sweep: the visit reminder and escalation as decided.
 */
const CASES = [
  { municipalityId: 'obiliq', coordinatorId: 'obiliq-zkkk-01', sq: 'me DRPR-në dhe', en: 'with DRPR and', not: /DRPRIH/ },
  { municipalityId: 'partesh', coordinatorId: 'partesh-okzp-01', sq: 'me DRPRIH-në dhe', en: 'with DRPRIH and', not: /DRPR(?!IH)/ },
] as const;

describe("the visit reminders name the plan's reintegration department", () => {
  for (const m of CASES) {
    it(`${m.municipalityId}: ${m.sq.split(' ')[1]}`, async () => {
      const w = world();
      const c = valueOf(await createCase(arrival('SMR-2026-0900', { municipalityId: m.municipalityId, coordinatorId: m.coordinatorId, arrivalDate: '2026-11-23' }), w.intake, COORDINATOR));
      // 48 and 72 hours after the arrival day began: the reminder, then the escalation.
      for (const at of ['2026-11-24T23:30:00.000Z', '2026-11-25T23:30:00.000Z']) {
        w.clock.set(at);
        await sweepTimers(sweepDeps(w));
      }
      const intents = (await w.repos.cases.view(c.caseId))!.intents.filter((i) => i.template === 'visit.coordinator.reminder' || i.template === 'visit.coordinator.escalation');
      expect(new Set(intents.map((i) => i.template))).toEqual(new Set(['visit.coordinator.reminder', 'visit.coordinator.escalation']));
      for (const i of intents) {
        const sq = renderAny(i.template, i.data, ['sq']).email!.text;
        const en = renderAny(i.template, i.data, ['en']).email!.text;
        const sr = renderAny(i.template, i.data, ['sr-Latn']).email!.text;
        expect(sq, i.template).toContain(m.sq);
        expect(en, i.template).toContain(m.en);
        expect(sr, i.template).toContain('sa ORRLIS-om i');
        for (const text of [sq, en, sr]) expect(text, i.template).not.toMatch(m.not);
      }
    });
  }

  it("Partesh's regional coordinator is DRPRIH's in the directory (the visit invitation's attendee), Obiliq's DRPR's", () => {
    const drpr = (id: string) => bundledDirectory().municipality(id)!.contacts.find((c) => c.role === 'drpr')!.name;
    expect(drpr('partesh')).toMatchObject({ sq: expect.stringMatching(/^DRPRIH /), en: expect.stringMatching(/^DRPRIH /) });
    expect(drpr('obiliq')).toMatchObject({ sq: expect.stringMatching(/^DRPR /), en: expect.stringMatching(/^DRPR /) });
  });

  it('a reminder decided before the department was carried still says DRPR', () => {
    const sample = { caseId: 'C1', smrCaseId: 'SMR-1', municipality: { sq: 'Obiliq', sr: 'Obilić', en: 'Obiliq' }, coordinatorOffice: { sq: 'ZKKK Obiliq', sr: 'OKZP Obilić', en: 'ZKKK Obiliq' }, coordinatorName: 'Drita', category: 'returnee', householdSize: 4, arrivalDate: '2026-11-20', deadline: '2026-11-22T23:00:00Z' };
    expect(renderAny('visit.coordinator.reminder', sample, ['sq']).email!.text).toContain('me DRPR-në dhe');
  });
});
