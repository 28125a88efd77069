import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, obiliqFamily, parteshFamily, snapshot, stackForFile, type SesEmail } from './support.js';

/**
 * The coordinators' console's reads through the real stack (issue #15): the Today page line by
 * line from the same reads as the worklists' counts, the case list from the open-cases index,
 * the needs assessment's preview (which writes nothing) and the coordinator's choice of referrals.
 * Who may call each route is test/integration/access.test.ts's matrix.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const partesh = directory.municipality('partesh')!;
const AS = 'obiliq-coordinator';

stackForFile((s) => (stack = s));

const as = (method: string, path: string, body?: unknown) => call(stack, method, path, body, undefined, AS);
async function newCase(smr: string, changes: Record<string, unknown> = {}) {
  const res = await as('POST', '/cases', { ...obiliqFamily(smr), coordinatorId: coordinator.id, arrivalDate: '2026-11-23', ...changes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseId as string;
}
async function refer(caseId: string, officeKind: string, need: string) {
  const res = await as('POST', `/cases/${caseId}/referrals`, { officeKind, need });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.referralId as string;
}
const later = (days: number) => new Date(stack.clock.now().getTime() + days * 86_400_000).toISOString();

/** The decline link of the referral email an office got about an SMR id. */
async function declineLink(smr: string, officeKind: 'employment_office'): Promise<string> {
  const office = directory.office('obiliq', officeKind)!;
  const mail = (await inbox(stack)).find((m: SesEmail) => m.destination.to.includes(office.email) && m.subject.includes(smr))!;
  const urls = (mail.body.text ?? '').match(/http:\/\/localhost:\d+\/r\/[A-Za-z0-9_.-]+/g) ?? [];
  return urls.find((u) => JSON.parse(Buffer.from(u.split('/r/')[1]!.split('.')[0]!, 'base64url').toString('utf8')).action === 'decline')!;
}

describe('GET /municipalities/{id}/today', () => {
  const ids: Record<string, string> = {};
  let today: Record<string, any>;

  beforeAll(async () => {
    // Monday 23 November: three arrivals with a referral each, one visited; one long-gone arrival.
    ids.V = await newCase('SMR-TODAY-V');
    ids.refV = await refer(ids.V, 'civil_registry', 'civil_documents');
    ids.W = await newCase('SMR-TODAY-W');
    expect((await as('POST', `/cases/${ids.W}/home-visit`, {})).status).toBe(200);
    ids.refW = await refer(ids.W, 'employment_office', 'job_seeker_registration');
    // The returnee of X replied STOP: the referral's SMS fails for good, a call-or-visit task.
    ids.X = await newCase('SMR-TODAY-X', { phone: '049 555 301' });
    // Its welcome SMS went out before the STOP.
    await stack.settle();
    stack.sms.optOut('+38349555301');
    ids.refX = await refer(ids.X, 'social_work_centre', 'social_support');
    ids.Old = await newCase('SMR-TODAY-OLD', { arrivalDate: '2026-10-01' });
    await stack.settle();
    const link = await declineLink('SMR-TODAY-W', 'employment_office');
    const declined = await fetch(link, {
      method: 'POST',
      // The form POST a browser sends from the link's page: same origin (links/same-origin.ts).
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(link).origin, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ reason: 'lack_of_capacity' }).toString(),
    });
    expect(declined.status).toBe(200);
    await stack.settle();

    // Tuesday 8 December, 09:10: the civil registry's ladder has run out (flagged), the rest is overdue.
    await stack.advanceTo(new Date('2026-12-08T08:10:00Z'));
    await stack.settle();
    ids.Y = await newCase('SMR-TODAY-Y', { arrivalDate: '2026-12-08' });
    const appt = (caseId: string, kind: string, days: number) => as('POST', `/cases/${caseId}/appointments`, { kind, when: later(days), title: `${kind} ${days}`, where: 'Komuna', bring: 'Letërnjoftimi' });
    ids.apptV = (await appt(ids.V, 'appointment', 2)).body.appointmentId;
    ids.deadlineW = (await appt(ids.W, 'deadline', 5)).body.appointmentId;
    ids.apptX = (await appt(ids.X, 'appointment', 9)).body.appointmentId;
    const meeting = await as('POST', '/meetings', {
      municipalityId: 'obiliq', convenerId: coordinator.id, title: 'Rastet e javës', start: later(3), end: later(3.05), location: 'Komuna', invitees: [obiliq.offices[0]!.id],
    });
    expect(meeting.status).toBe(201);
    ids.meeting = meeting.body.meetingId;
    await stack.settle();
    const res = await as('GET', '/municipalities/obiliq/today');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    today = res.body;
  });

  it('has the same counts as GET …/worklists, and as many lines as each count says', async () => {
    const counts = (await as('GET', '/municipalities/obiliq/worklists')).body;
    expect(today.counts).toMatchObject({ overdue: counts.overdue, declined: counts.declined, nearingClosure: counts.nearingClosure, followUps: counts.failedDeliveries });
    for (const list of ['overdue', 'declined', 'nearingClosure', 'followUps', 'homeVisits', 'meetings', 'cannotCome', 'blocked'] as const) expect(today[list], list).toHaveLength(today.counts[list]);
    expect(today.appointments).toHaveLength(today.counts.appointments + today.counts.deadlines);
    expect(today).toMatchObject({ municipalityId: 'obiliq', today: '2026-12-08', until: '2026-12-14' });
  });

  it('lists overdue referrals with the flagged one, and the declined one awaiting a new referral', () => {
    const v = today.overdue.find((r: any) => r.referralId === ids.refV);
    expect(v).toMatchObject({ caseId: ids.V, smrCaseId: 'SMR-TODAY-V', officeKind: 'civil_registry', officeId: directory.office('obiliq', 'civil_registry')!.id, need: 'civil_documents', ackDueDate: '2026-11-30', flagged: true, sensitive: false });
    expect(v.office).toEqual(directory.office('obiliq', 'civil_registry')!.name);
    expect(today.counts.flagged).toBeGreaterThanOrEqual(1);
    expect(today.overdue.some((r: any) => r.referralId === ids.refX)).toBe(true);
    expect(today.declined).toEqual([expect.objectContaining({ referralId: ids.refW, caseId: ids.W, smrCaseId: 'SMR-TODAY-W', declineReason: 'lack_of_capacity', status: 'declined' })]);
  });

  it('lists home visits due for recent arrivals not yet visited, with the 72-hour deadline', () => {
    const visits = Object.fromEntries(today.homeVisits.map((v: any) => [v.smrCaseId, v]));
    expect(Object.keys(visits).sort()).toEqual(['SMR-TODAY-V', 'SMR-TODAY-X', 'SMR-TODAY-Y']);
    expect(visits['SMR-TODAY-V']).toMatchObject({ caseId: ids.V, arrivalDate: '2026-11-23', overdue: true, householdSize: 4, coordinatorId: coordinator.id });
    expect(visits['SMR-TODAY-Y']).toMatchObject({ arrivalDate: '2026-12-08', overdue: false, deadline: '2026-12-10T23:00:00.000Z', lastDay: '2026-12-10' });
  });

  it('lists the week’s appointments, deadlines and meetings, not the ones after it', () => {
    expect(today.appointments.map((a: any) => a.appointmentId).sort()).toEqual([ids.apptV, ids.deadlineW].sort());
    expect(today.appointments.find((a: any) => a.appointmentId === ids.deadlineW)).toMatchObject({ kind: 'deadline', caseId: ids.W, smrCaseId: 'SMR-TODAY-W', where: 'Komuna', bring: 'Letërnjoftimi' });
    expect(today.counts).toMatchObject({ appointments: 1, deadlines: 1 });
    expect(today.meetings.map((m: any) => m.meetingId)).toContain(ids.meeting);
    for (const m of today.meetings) expect(m.start >= '2026-12-07T23:00:00.000Z' && m.start <= '2026-12-14T23:00:00.000Z' && m.status !== 'cancelled', JSON.stringify(m)).toBe(true);
  });

  it('lists the failed SMS as a follow-up, with the text to read out; GET …/follow-ups carries it too', async () => {
    const task = today.followUps.find((f: any) => f.caseId === ids.X);
    expect(task).toMatchObject({ smrCaseId: 'SMR-TODAY-X', channel: 'sms', status: 'failed', reason: 'OptedOut', language: 'sq' });
    // The SMS as it would have gone out, office and what to bring included.
    expect(task.message).toMatch(/^ZKKK Obiliq: .*Qendra për Punë Sociale.*Sillni: /);
    const route = (await as('GET', '/municipalities/obiliq/follow-ups')).body.followUps.find((f: any) => f.followUpId === task.followUpId);
    expect(route).toEqual(task);
  });

  it('names no household member and no returnee’s phone number', () => {
    const text = JSON.stringify(today);
    for (const pii of ['Krasniqi', 'Arben', 'Drita', '+38349555', '049 555']) expect(text).not.toContain(pii);
  });
});

describe('GET /municipalities/{id}/cases', () => {
  it('pages through the open cases, newest arrival first, each with its referrals by state', async () => {
    const closed = await newCase('SMR-LIST-CLOSED');
    expect((await as('POST', `/cases/${closed}/close`, { outcome: 'sustainably_reintegrated', finalAssessment: 'settled: work and school' })).status).toBe(200);
    const seen: any[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const res = await as('GET', `/municipalities/obiliq/cases?limit=2${next ? `&after=${next}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.cases.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.cases);
      next = res.body.next;
      pages++;
    } while (next && pages < 20);
    const smrs = seen.map((c) => c.smrCaseId);
    expect(new Set(smrs).size).toBe(smrs.length);
    expect(smrs).toEqual(expect.arrayContaining(['SMR-TODAY-V', 'SMR-TODAY-W', 'SMR-TODAY-X', 'SMR-TODAY-Y', 'SMR-TODAY-OLD']));
    expect(smrs).not.toContain('SMR-LIST-CLOSED');
    expect(pages).toBeGreaterThanOrEqual(3);
    const arrivals = seen.map((c) => c.arrivalDate);
    expect(arrivals).toEqual([...arrivals].sort().reverse());
    const w = seen.find((c) => c.smrCaseId === 'SMR-TODAY-W');
    expect(w).toMatchObject({ status: 'open', category: 'returnee', householdSize: 4, coordinatorId: coordinator.id, closureDate: '2028-05-23', referrals: { declined: 1 } });
    expect(w.homeVisitAt).toBeDefined();
    expect(seen.find((c) => c.smrCaseId === 'SMR-TODAY-V').referrals).toEqual({ sent: 1 });
    expect(JSON.stringify(seen)).not.toContain('Krasniqi');
  });

  it('finds a case by its SMR id, open or closed, in its own municipality only', async () => {
    const one = await as('GET', '/municipalities/obiliq/cases?smr=smr-today-v');
    expect(one.body.cases).toEqual([expect.objectContaining({ smrCaseId: 'SMR-TODAY-V', status: 'open' })]);
    expect((await as('GET', '/municipalities/obiliq/cases?smr=SMR-LIST-CLOSED')).body.cases).toEqual([expect.objectContaining({ status: 'closed' })]);
    const elsewhere = await call(stack, 'POST', '/cases', { ...parteshFamily('SMR-LIST-PARTESH'), coordinatorId: partesh.coordinators[0]!.id });
    expect(elsewhere.status).toBe(201);
    // Another municipality's case is answered exactly like an SMR id nobody registered.
    expect((await as('GET', '/municipalities/obiliq/cases?smr=SMR-LIST-PARTESH')).body).toEqual({ cases: [] });
    expect((await as('GET', '/municipalities/obiliq/cases?smr=SMR-NOBODY')).body).toEqual({ cases: [] });
  });

  it('names the query parameter it refuses', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=x', 'limit'], ['after=nope', 'after'], ['after=QUFB', 'after'], ['sort=smr', 'sort']] as const) {
      const res = await as('GET', `/municipalities/obiliq/cases?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.message, query).toMatch(new RegExp(`^${field}: `));
    }
  });
});

describe('POST /cases/{id}/assessment/preview and the coordinator’s choice', () => {
  const assessment = {
    assessedAt: '2026-12-08',
    members: [
      { personId: 'p1', missingDocuments: ['id_card'], unemployed: true },
      { personId: 'p2' },
      { personId: 'p3', missingDocuments: ['foreign_documents_to_register'] },
      { personId: 'p4', missingDocuments: ['foreign_documents_to_register'] },
    ],
    household: { housing: 'inadequate' },
  };
  let caseId: string;

  it('proposes the referrals the rules call for, and writes nothing at all', async () => {
    caseId = await newCase('SMR-FVN-PREVIEW', { arrivalDate: '2026-12-08' });
    // The clock runs in real time: a 5-minute sweep falling inside the window would fire other
    // cases' due timers and write what this preview did not. Schedules wait until it is compared.
    await stack.scheduler.stop();
    await stack.settle();
    const before = await snapshot(stack);
    const res = await as('POST', `/cases/${caseId}/assessment/preview`, assessment);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byKey = Object.fromEntries(res.body.proposals.map((p: any) => [p.key, p]));
    expect(Object.keys(byKey)).toEqual(['civil-documents:p1,p3,p4', 'job-seeker:p1', 'school-enrolment:p3,p4', 'housing:p1,p2,p3,p4']);
    expect(byKey['job-seeker:p1']).toMatchObject({ source: 'rules', officeKind: 'employment_office', officeId: directory.office('obiliq', 'employment_office')!.id, need: 'job_seeker_registration', personIds: ['p1'], dependsOn: 'civil-documents:p1,p3,p4', excluded: false });
    expect(byKey['housing:p1,p2,p3,p4'].office).toEqual(directory.office('obiliq', 'housing')!.name);
    expect(byKey['housing:p1,p2,p3,p4'].existing).toBeUndefined();
    await stack.settle();
    expect(await snapshot(stack)).toEqual(before);
    // A bad answer is named as the assessment names it, and still nothing is written.
    const bad = await as('POST', `/cases/${caseId}/assessment/preview`, { ...assessment, exclude: ['housing:p9'] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^exclude\.0: /);
    await stack.settle();
    expect(await snapshot(stack)).toEqual(before);
    stack.scheduler.start();
  });

  it('the assessment makes the proposals as ticked: one unticked, one added waiting for another', async () => {
    const chosen = {
      ...assessment,
      exclude: ['housing:p1,p2,p3,p4'],
      include: [{ officeKind: 'health', need: 'health_care', personIds: ['p2'], note: 'kontroll', dependsOn: 'civil-documents:p1,p3,p4' }],
    };
    const preview = await as('POST', `/cases/${caseId}/assessment/preview`, chosen);
    expect(preview.body.proposals.find((p: any) => p.key === 'housing:p1,p2,p3,p4').excluded).toBe(true);
    const res = await as('POST', `/cases/${caseId}/assessment`, chosen);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const byNeed = Object.fromEntries((res.body.referrals as any[]).map((r) => [r.need, r]));
    expect(Object.keys(byNeed).sort()).toEqual(['civil_documents', 'health_care', 'job_seeker_registration', 'school_enrolment']);
    expect(byNeed.health_care).toMatchObject({ officeKind: 'health', personIds: ['p2'], status: 'waiting', dependsOn: byNeed.civil_documents.referralId });
    expect(res.body.created).toBe(4);
    // Submitted again: the same referrals, nothing new; the preview now shows them made.
    const again = await as('POST', `/cases/${caseId}/assessment`, chosen);
    expect(again).toMatchObject({ status: 200, body: { created: 0 } });
    const after = await as('POST', `/cases/${caseId}/assessment/preview`, chosen);
    const made = after.body.proposals.filter((p: any) => p.existing);
    expect(made.map((p: any) => p.existing.referralId).sort()).toEqual(Object.values(byNeed).map((r: any) => r.referralId).sort());
    const view = await as('GET', `/cases/${caseId}`);
    expect((view.body.referrals as any[]).map((r) => r.need).sort()).toEqual(['civil_documents', 'health_care', 'job_seeker_registration', 'school_enrolment']);
  });

  it('names the field of a bad choice, as every route does', async () => {
    for (const [change, field] of [
      [{ exclude: ['nope'] }, 'exclude.0'],
      [{ include: [{ officeKind: 'health' }] }, 'include.0.need'],
      [{ include: [{ officeKind: 'health', need: 'health_care', personIds: ['p9'] }] }, 'include.0.personIds.0'],
      [{ include: [{ officeKind: 'housing', need: 'housing' }] }, 'include.0'],
    ] as const) {
      const res = await as('POST', `/cases/${caseId}/assessment`, { ...assessment, ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.message, JSON.stringify(change)).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}: `));
    }
  });
});
