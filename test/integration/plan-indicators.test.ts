import { expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { attachmentsOf, call, inbox, obiliqFamily, parteshFamily, stackForFile } from './support.js';

/**
 * The plans' indicators end to end, through the real API, send-digests and report-indicators
 * handlers on the local stack: a home visit counted in the quarter as a returnee's and in time,
 * due in a coordinator's digest until it is made, and the quarterly report in the SES emulator at
 * MAPL and DRPRIH, the addresses the directory names, with the value, baseline and target.
 */
let stack: LocalStack;
const obiliq = bundledDirectory().municipality('obiliq')!;
const partesh = bundledDirectory().municipality('partesh')!;

stackForFile(async (s) => {
  stack = s;
  await stack.scheduler.stop(); // this test runs the schedules itself
});

it('counts the visit, lists it due in the digest until made, and reports to MAPL and DRPRIH with baseline and target', async () => {
  const coordinator = obiliq.coordinators[0]!;
  const visited = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-2026-IND-1'), coordinatorId: coordinator.id });
  const waiting = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-2026-IND-2'), coordinatorId: obiliq.coordinators[1]!.id, arrivalDate: '2026-11-23' });
  const foreigner = await call(stack, 'POST', '/cases', { ...parteshFamily('SMR-2026-IND-3'), category: 'foreigner', coordinatorId: partesh.coordinators[0]!.id });
  expect([visited.status, waiting.status, foreigner.status]).toEqual([201, 201, 201]);
  // Arrived Friday 20 November: the visit on Sunday is within the 72 hours.
  expect((await call(stack, 'POST', `/cases/${visited.body.caseId}/home-visit`, { visitedAt: '2026-11-22T13:00:00.000Z' })).status).toBe(200);
  await stack.settle();

  const figures = await call(stack, 'GET', '/municipalities/obiliq/indicators/2026-Q4');
  expect(figures.status).toBe(200);
  expect(figures.body.byCategory.returnee).toMatchObject({ casesOpened: 2, homeVisits: 1, homeVisitsInTime: 1, homeVisitsInTimeShare: 0.5 });
  expect(figures.body.indicators.find((l: { code: string }) => l.code === 'plans_made_share')).toMatchObject({ baseline: 0.4, target: 0.9, targetYear: 2022 });
  expect((await call(stack, 'GET', '/municipalities/partesh/indicators/2026-Q4')).body.byCategory.foreigner.casesOpened).toBe(1);

  // Monday 30 November, 07:30: the weekly digests. The second coordinator's case has no visit yet: first in theirs, second in the other's.
  stack.clock.set(new Date('2026-11-30T06:30:00Z'));
  const before = (await inbox(stack)).length;
  await stack.handlers.sendDigests({ task: 'send-digests' });
  await stack.settle();
  const digests = (await inbox(stack)).slice(before).filter((e) => e.subject.startsWith('Përmbledhja javore'));
  const digestTo = (email: string) => digests.find((e) => e.destination.to.includes(email))!.body.text!;
  expect(digestTo(coordinator.email)).toContain('Vizita në familje që duhen bërë: 1 (tuajat: 0)\n- Rasti SMR-2026-IND-2: deri në fund të 25.11.2026, afati 72-orësh ka kaluar');
  expect(digestTo(obiliq.coordinators[1]!.email)).toContain('Vizita në familje që duhen bërë: 1 (tuajat: 1)\n- Rasti SMR-2026-IND-2 (i juaji)');

  // Tuesday 5 January 2027: Q4's report, to the coordinators and the contacts the directory names.
  stack.clock.set(new Date('2027-01-05T06:00:00Z'));
  const sent = (await inbox(stack)).length;
  await stack.handlers.reportIndicators({ task: 'report-indicators' });
  await stack.settle();
  const reports = (await inbox(stack)).slice(sent);
  for (const role of ['mapl', 'drprih'] as const) {
    const contact = obiliq.contacts.find((c) => c.role === role)!;
    expect(obiliq.quarterlyReportTo).toContain(contact.id);
    const mail = reports.find((e) => e.destination.to.includes(contact.email));
    expect(mail, `the report reaches ${role} (${contact.email})`).toBeDefined();
    expect(mail!.body.text).toContain('- Vizita në familje brenda 72 orëve: 1 (1 / 0)');
    expect(mail!.body.text).toContain('- Përqindja e rasteve të reja të vizituara brenda 72 orëve: 50% (50% / –)');
    expect(mail!.body.text).toContain('- Përqindja e rasteve të vlerësuara me plan individual: – (– / –); baza 40%, caku për 2022: 90%');
    const csv = attachmentsOf(mail!).find((a) => a.filename === 'indicators-obiliq-2026-Q4.csv')!.text;
    expect(csv).toContain('\r\nobiliq,2026,4,2026-10-01,2026-12-31,home_visits_in_time_share,0.50,0.50,,,,\r\n');
    expect(csv).toContain('\r\nobiliq,2026,4,2026-10-01,2026-12-31,sustainably_reintegrated_share,,,,0.50,0.80,2022\r\n');
  }
  const drprih = partesh.contacts.find((c) => c.role === 'drprih')!;
  expect(reports.find((e) => e.destination.to.includes(drprih.email))?.body.text).toContain('Posete domaćinstvima u roku od 72 sata');
});
