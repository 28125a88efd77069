import { describe, expect, it } from 'vitest';
import { quarterOf } from '../../../shared/domain/quarters.js';
import { createMeeting, recordMinutes, type MeetingDeps } from '../../../shared/meetings/manage.js';
import { planMeetings } from '../../../shared/meetings/plan.js';
import type { QuarterlyReportData } from '../../../shared/messages/coordination-data.js';
import { renderQuarterlyReport } from '../../../shared/messages/coordination.js';
import { createCase } from '../../../shared/referrals/intake.js';
import { recordHomeVisit } from '../../../shared/referrals/lifecycle.js';
import { reportIndicators } from '../../../shared/reports/quarterly.js';
import type { IntentItem } from '../../../shared/store/intent.js';
import { arrival, COORDINATOR, MONDAY, valueOf, world, type World } from '../support/world.js';

/**
 * The plans' indicators on the in-memory repositories: each write that bumps a new counter, split
 * returnee / foreigner, and the quarterly report carrying value, baseline and target to the
 * recipients the directory names.
 */

const Q4 = quarterOf(MONDAY);
const foreigner = (smr: string) => arrival(smr, { category: 'foreigner', municipalityId: 'partesh', coordinatorId: 'partesh-okzp-01', preferredLanguage: 'sr-Latn' });

describe('counted with the write', () => {
  it('counts a case opened as a returnee or a foreigner, besides the total', async () => {
    const w = world();
    valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    valueOf(await createCase(foreigner('SMR-P-0001'), w.intake, COORDINATOR));
    expect(await w.repos.indicators.counters('obiliq', Q4)).toMatchObject({ casesOpened: 1, casesOpened_returnee: 1 });
    expect(await w.repos.indicators.counters('partesh', Q4)).toMatchObject({ casesOpened: 1, casesOpened_foreigner: 1 });
    const f = await w.repos.indicators.figures('partesh', Q4);
    expect([f.byCategory.foreigner.casesOpened, f.byCategory.returnee.casesOpened]).toEqual([1, 0]);
  });

  it("counts a case's first home visit once, and whether it came within the 72 hours", async () => {
    const w = world();
    // Arrived on Friday 20 November: the 72 hours end on Monday 23 November at midnight, Kosovo time.
    const inTime = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    const late = valueOf(await createCase(arrival('SMR-2026-0143'), w.intake, COORDINATOR));
    valueOf(await recordHomeVisit(inTime.caseId, '2026-11-22T14:00:00.000Z', w.intake));
    valueOf(await recordHomeVisit(late.caseId, '2026-11-23T08:00:00.000Z', w.intake));
    // The time corrected: still one visit, counted once.
    valueOf(await recordHomeVisit(inTime.caseId, '2026-11-22T15:00:00.000Z', w.intake));
    const f = await w.repos.indicators.figures('obiliq', Q4);
    expect(f.byCategory.returnee).toMatchObject({ casesOpened: 2, homeVisits: 2, homeVisitsInTime: 1, homeVisitsInTimeShare: 0.5 });
    expect(f.byCategory.foreigner.homeVisits).toBe(0);
  });

  it("counts a foreigner's visit against the permit's 72 hours, as a foreigner's", async () => {
    const w = world();
    const c = valueOf(await createCase({ ...foreigner('SMR-P-0002'), arrivalDate: '2026-10-01', permitDate: '2026-11-22' }, w.intake, COORDINATOR));
    valueOf(await recordHomeVisit(c.caseId, '2026-11-23T09:00:00.000Z', w.intake));
    const f = await w.repos.indicators.figures('partesh', Q4);
    expect(f.byCategory.foreigner).toMatchObject({ homeVisits: 1, homeVisitsInTime: 1 });
  });

  it('counts the cases discussed in regular and in ad-hoc meetings apart', async () => {
    const w = world();
    const deps: MeetingDeps & { cases: World['repos']['cases'] } = { ...w.repos, directory: w.directory, clock: w.clock };
    const a = valueOf(await createCase(arrival('SMR-2026-0142'), w.intake, COORDINATOR));
    const b = valueOf(await createCase(arrival('SMR-2026-0143'), w.intake, COORDINATOR));
    const adHoc = valueOf(
      await createMeeting(
        { municipalityId: 'obiliq', convenerId: 'obiliq-zkkk-01', title: 'A family without housing', start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T10:00:00.000Z', location: 'Town hall', invitees: [] },
        deps,
      ),
    );
    await planMeetings({ ...deps, logger: w.logger });
    const regular = (await w.repos.worklists.meetings('obiliq')).find((m) => m.kind !== 'ad_hoc' && m.start.startsWith('2026-12'))!;
    w.clock.set('2026-12-20T12:00:00.000Z');
    valueOf(await recordMinutes(adHoc.meetingId, { held: true, casesDiscussed: [a.smrCaseId] }, deps, COORDINATOR));
    valueOf(await recordMinutes(regular.meetingId, { held: true, casesDiscussed: [a.smrCaseId, b.smrCaseId] }, deps, COORDINATOR));
    const f = await w.repos.indicators.figures('obiliq', Q4);
    expect(f.meetings).toEqual({ regular: { held: 1, casesDiscussed: 2 }, ad_hoc: { held: 1, casesDiscussed: 1 } });
    expect([f.meetingsHeld, f.casesDiscussed]).toEqual([2, 3]);
  });
});

describe('the quarterly report', () => {
  /** Q4 2026's report, as a run in January 2027 sends it. */
  async function reported(w: World) {
    w.clock.set('2027-01-05T08:00:00.000Z');
    await reportIndicators({ indicators: w.repos.indicators, intents: w.repos.intents, directory: w.directory, holidays: w.holidays, clock: w.clock, logger: w.logger }, Q4);
    return w.table.partition('MUNI#obiliq').filter((i) => i.purpose === 'report.quarterly') as unknown as IntentItem[];
  }

  it('goes also to MAPL and DRPRIH as the directory names them, once per quarter and recipient', async () => {
    const w = world();
    const intents = await reported(w);
    const muni = w.directory.municipality('obiliq')!;
    const email = (role: string) => muni.contacts.find((c) => c.role === role)!.email;
    expect(intents.map((i) => i.recipient)).toEqual(expect.arrayContaining([email('mapl'), email('drprih'), email('drpr'), muni.coordinators[0]!.email]));
    expect(intents).toHaveLength(muni.coordinators.length + muni.quarterlyReportTo.length);
    expect(await reported(w)).toHaveLength(intents.length);
  });

  it("shows value, returnees / foreigners, the plan's baseline and the target for the quarter's year", async () => {
    const w = world();
    // Two FVNs, one plan: 50 % of the assessed cases have a plan, against Obiliq's baseline of 40 % and 90 % by 2022.
    w.table.write({
      update: { pk: 'MUNI#obiliq', sk: 'IND#2026-Q4' },
      change: (i) => Object.assign(i, { type: 'Indicators', assessmentsDone_returnee: 2, plansMade_returnee: 1 }),
    });
    const intent = (await reported(w)).find((i) => i.recipient === w.directory.municipality('obiliq')!.coordinators[0]!.email)!;
    const data = intent.data as unknown as QuarterlyReportData;
    expect(data.targets?.plans_made_share).toMatchObject({ baseline: 0.4 });
    const csv = (intent.data as { csv: { content: string } }).csv.content;
    expect(csv).toContain('\r\nobiliq,2026,4,2026-10-01,2026-12-31,plans_made_share,0.50,0.50,,0.40,0.90,2022\r\n');
    const text = renderQuarterlyReport(data, ['en']).text;
    expect(text).toContain('- Share of assessed cases with an individual plan: 50% (50% / –); baseline 40%, target for 2022: 90%');
    expect(text).toContain('- Individual plans made (PIR / PII): 1 (1 / 0)');
  });
});
