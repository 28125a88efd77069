import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, inbox, obiliqFamily, snapshot, stackForFile, type SesEmail } from './support.js';

/**
 * Offices answer with one click: the links in the referral email open a page (GET, which never
 * changes anything) and a confirm (POST). Every answer reaches the coordinator through the stream;
 * an acceptance also texts the returnee. A real HTTP client follows the links the email carries.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
let caseId: string;
const referralIds: Record<string, string> = {};

stackForFile(async (s) => {
  stack = s;
  // Every answer by email at once, as this test counts them (by default an acceptance or "done" waits for the daily digest: answers-digest.test.ts).
  expect((await call(stack, 'PUT', `/municipalities/obiliq/coordinators/${coordinator.id}/digest`, { answers: 'immediate' })).status).toBe(200);
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-LOOP'), coordinatorId: coordinator.id, arrivalDate: '2026-11-23' });
  caseId = created.body.caseId;
  for (const [kind, need] of [['civil_registry', 'civil_documents'], ['employment_office', 'job_seeker_registration'], ['social_work_centre', 'social_support']] as const) {
    const res = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: kind, need });
    referralIds[kind] = res.body.referralId;
  }
  await stack.settle();
});

/** The links a referral email carries, by the action their signed claims name. */
function linksIn(mail: SesEmail): Record<'accept' | 'decline' | 'outcome', string> {
  const urls = [...new Set((mail.body.text ?? '').match(/http:\/\/localhost:\d+\/r\/[A-Za-z0-9_.-]+/g) ?? [])];
  const out: Record<string, string> = {};
  for (const u of urls) {
    const claims = JSON.parse(Buffer.from(u.split('/r/')[1]!.split('.')[0]!, 'base64url').toString('utf8')) as { action: string };
    out[claims.action] = u;
  }
  return out as Record<'accept' | 'decline' | 'outcome', string>;
}

async function emailTo(kind: 'civil_registry' | 'employment_office' | 'social_work_centre'): Promise<SesEmail> {
  const office = directory.office('obiliq', kind)!;
  return (await inbox(stack)).find((m) => m.destination.to.includes(office.email) && m.subject.includes('SMR-LOOP'))!;
}

const status = async (kind: string) =>
  ((await call(stack, 'GET', `/cases/${caseId}`)).body.referrals as any[]).find((r) => r.referralId === referralIds[kind]).status;
/** The form POST a browser sends from the link's page: same origin (links/same-origin.ts). */
const post = (url: string, form: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams(form).toString(),
  });
/** The accept form with its confirmation box ticked. */
const CONFIRMED = { confirm: 'yes' };
const toCoordinator = async () => (await inbox(stack)).filter((m) => m.destination.to.includes(coordinator.email) && m.subject.includes('SMR-LOOP'));

describe('one-click answers', () => {
  it('puts accept, decline and outcome links in the referral email, and none of them in the table', async () => {
    const links = linksIn(await emailTo('civil_registry'));
    expect(Object.keys(links).sort()).toEqual(['accept', 'decline', 'outcome']);
    // The intent keeps which answers and until when; deliver signed them as it rendered the email.
    const table = (await snapshot(stack)).items.join('\n');
    for (const url of Object.values(links)) expect(table).not.toContain(url.split('/r/')[1]!.split('.')[1]!);
    expect(table).not.toContain('/r/');
  });

  it('shows the page on GET without changing anything, even when fetched twice', async () => {
    const { accept } = linksIn(await emailTo('civil_registry'));
    for (let i = 0; i < 2; i++) {
      const res = await fetch(accept);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin');
      const page = await res.text();
      expect(page).toContain(directory.office('obiliq', 'civil_registry')!.name.sq);
      expect(page).toContain('method="post"');
      expect(page).toContain('<input type="checkbox" id="confirm" name="confirm" value="yes" required>');
    }
    expect(await status('civil_registry')).toBe('sent');
  });

  it('records an acceptance, tells the coordinator and texts the returnee, once', async () => {
    const { accept } = linksIn(await emailTo('civil_registry'));
    const smsBefore = stack.sms.messages().length;
    const res = await post(accept, CONFIRMED);
    expect(res.status).toBe(200);
    expect(await status('civil_registry')).toBe('accepted');
    await stack.settle();
    expect(await toCoordinator()).toHaveLength(1);
    expect(stack.sms.messages().length).toBe(smsBefore + 1);
    // A second click is harmless: same page, nothing new sent.
    const again = await post(accept, CONFIRMED);
    expect(again.status).toBe(200);
    await stack.settle();
    expect(await toCoordinator()).toHaveLength(1);
    expect(stack.sms.messages().length).toBe(smsBefore + 1);
  });

  it('records an outcome with its note', async () => {
    const { outcome } = linksIn(await emailTo('civil_registry'));
    expect((await post(outcome, { outcome: 'done', note: 'Dokumentet u lëshuan' })).status).toBe(200);
    expect(await status('civil_registry')).toBe('completed');
    await stack.settle();
    const mails = await toCoordinator();
    expect(mails).toHaveLength(2);
    expect(mails[1]!.body.text).toContain('Dokumentet u lëshuan');
  });

  it('asks for a reason to decline, then prompts the coordinator at once with alternatives', async () => {
    const { decline } = linksIn(await emailTo('employment_office'));
    const missing = await post(decline, {});
    expect(missing.status).toBe(400);
    expect(await status('employment_office')).toBe('sent');
    expect((await post(decline, { reason: 'lack_of_capacity', note: 'No advisor until January' })).status).toBe(200);
    expect(await status('employment_office')).toBe('declined');
    await stack.settle();
    const mail = (await toCoordinator()).at(-1)!;
    const cso = obiliq.offices.find((o) => o.kind === 'cso')!;
    expect(mail.body.text).toContain(cso.name.sq);
    expect(mail.body.text).toContain('No advisor until January');
  });

  it('refuses an answer that no longer fits, a tampered link and an expired one, with a page not a 500', async () => {
    const { accept } = linksIn(await emailTo('employment_office'));
    const late = await post(accept, CONFIRMED); // already declined
    expect(late.status).toBe(409);
    expect(await status('employment_office')).toBe('declined');

    const { accept: other } = linksIn(await emailTo('social_work_centre'));
    const [payload, sig] = other.split('/r/')[1]!.split('.') as [string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    forged.referralId = referralIds.employment_office;
    const tampered = other.replace(payload, Buffer.from(JSON.stringify(forged)).toString('base64url'));
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(other.replace(sig, sig.slice(0, -2) + 'AA'))).status).toBe(403);
    expect((await fetch(other.replace(/\/r\/.*/, '/r/garbage'))).status).toBe(400);

    stack.clock.advance(31 * 24 * 3_600_000);
    const expired = await fetch(other);
    expect(expired.status).toBe(410);
    expect(await expired.text()).not.toContain(payload);
    expect(await status('social_work_centre')).toBe('sent');
  });

  it('puts the same answers in the reminder and the escalation, valid from when these are sent', async () => {
    const made = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'housing', need: 'housing' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    await stack.settle();
    const office = directory.office('obiliq', 'housing')!;
    const toOffice = async () =>
      (await inbox(stack)).filter((m) => m.subject.includes('SMR-LOOP') && m.destination.to.some((to) => to === office.email || to === office.head?.email));
    expect(await toOffice()).toHaveLength(1);
    // A sweep now, as the 5-minute schedule would run, gives it a cursor: the jump's sweep then reads
    // every hour since, not only the 48 h a table with no cursor looks back.
    await stack.advance(6 * 60_000);
    // Past the ladder's rungs (the reminder, the escalation, the coordinator's flag): one sweep fires them all.
    await stack.advance(21 * 24 * 3_600_000);
    const [, ...rungs] = await toOffice();
    expect(rungs).toHaveLength(2);
    for (const m of rungs) expect(Object.keys(linksIn(m)).sort()).toEqual(['accept', 'decline', 'outcome']);
    expect((await post(linksIn(rungs[1]!).accept, CONFIRMED)).status).toBe(200);
    expect(((await call(stack, 'GET', `/cases/${caseId}`)).body.referrals as any[]).find((r) => r.referralId === made.body.referralId).status).toBe('accepted');
  });
});

describe('the audit trail', () => {
  it('records every answer and notification, by whom and how, with no personal data', async () => {
    await stack.settle();
    const view = await call(stack, 'GET', `/cases/${caseId}`);
    const audit = view.body.audit as { subjectId: string; event: string; by: string; via: string; from?: string; to?: string; detail?: Record<string, string> }[];
    const registry = directory.office('obiliq', 'civil_registry')!;
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subjectId: referralIds.civil_registry, event: 'referral.accepted', from: 'sent', to: 'accepted', by: `office:${registry.id}`, via: 'link:accept' }),
        expect.objectContaining({ subjectId: referralIds.civil_registry, event: 'referral.completed', via: 'link:outcome', detail: expect.objectContaining({ outcome: 'done' }) }),
        expect.objectContaining({ subjectId: referralIds.employment_office, event: 'referral.declined', detail: expect.objectContaining({ reason: 'lack_of_capacity' }) }),
      ]),
    );
    const sent = audit.filter((a) => a.event === 'notification.sent');
    // Three referral emails and SMS, the answers' notices, the acceptance SMS: each on record.
    expect(sent.length).toBeGreaterThanOrEqual(3 + 3 + 3 + 1);
    expect(sent.every((a) => a.detail?.channel && a.detail?.template && a.detail?.providerMessageId)).toBe(true);
    const text = JSON.stringify(audit);
    for (const pii of ['Krasniqi', 'Arben', '+383', '@', 'No advisor']) expect(text).not.toContain(pii);
  });
});

describe('needs assessment and dependencies', () => {
  let caseId2: string;
  const assessment = {
    assessedAt: '2026-11-23',
    members: [
      { personId: 'p1', missingDocuments: ['id_card'], unemployed: true },
      { personId: 'p2' },
      { personId: 'p3', missingDocuments: ['foreign_documents_to_register'] },
      { personId: 'p4', missingDocuments: ['foreign_documents_to_register'] },
    ],
    household: {},
  };

  it('creates the referrals the rules call for, once, holding back those that wait for documents; school enrolment goes beside them', async () => {
    // Arrived today on the runtime's clock (an earlier test moved it a month on), so no reminder is due yet.
    const today = stack.clock.now().toLocaleString('sv-SE', { timeZone: 'Europe/Belgrade' }).slice(0, 10);
    caseId2 = (await call(stack, 'POST', '/cases', { ...obiliqFamily('SMR-FVN'), coordinatorId: coordinator.id, arrivalDate: today })).body.caseId;
    const first = await call(stack, 'POST', `/cases/${caseId2}/assessment`, assessment);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const byNeed = Object.fromEntries((first.body.referrals as any[]).map((r) => [r.need, r]));
    expect(byNeed.civil_documents).toMatchObject({ status: 'created', personIds: ['p1', 'p3', 'p4'] });
    expect(byNeed.job_seeker_registration).toMatchObject({ status: 'waiting', personIds: ['p1'], dependsOn: byNeed.civil_documents.referralId });
    // Plan O6.1: the school enrols the children and helps with their documents meanwhile.
    expect(byNeed.school_enrolment).toMatchObject({ status: 'created', personIds: ['p3', 'p4'] });
    expect(byNeed.school_enrolment.dependsOn).toBeUndefined();

    const again = await call(stack, 'POST', `/cases/${caseId2}/assessment`, assessment);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(0);
    expect((again.body.referrals as any[]).map((r) => r.referralId)).toEqual((first.body.referrals as any[]).map((r) => r.referralId));
    await stack.settle();
    const mails = (await inbox(stack)).filter((m) => m.subject.includes('SMR-FVN'));
    // Civil documents and school enrolment went out; the job-seeker registration waits.
    expect(mails.flatMap((m) => m.destination.to).sort()).toEqual([directory.office('obiliq', 'civil_registry')!.email, directory.office('obiliq', 'education_directorate')!.email].sort());
    const school = mails.find((m) => m.destination.to.includes(directory.office('obiliq', 'education_directorate')!.email))!;
    expect(school.body.text).toContain('Dokumentacioni civil i personave të referuar ende mungon');
  });

  it('names the field of a bad answer', async () => {
    const bad = await call(stack, 'POST', `/cases/${caseId2}/assessment`, { ...assessment, members: [{ personId: 'p9' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('members.p9.personId');
  });

  it('calls a body that is not an object "body", as every route does', async () => {
    for (const body of [[], 'assessment', 42]) {
      const bad = await call(stack, 'POST', `/cases/${caseId2}/assessment`, body);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('body');
      expect(bad.body.message).toMatch(/^body: /);
    }
  });

  it('sends the waiting referral once the documents are issued', async () => {
    const civil = (await inbox(stack)).find((m) => m.subject.includes('SMR-FVN') && m.destination.to.includes(directory.office('obiliq', 'civil_registry')!.email))!;
    expect((await post(linksIn(civil).outcome, { outcome: 'done', note: 'ID and birth registrations done' })).status).toBe(200);
    await stack.settle();
    const offices = (await inbox(stack)).filter((m) => m.subject.includes('SMR-FVN')).flatMap((m) => m.destination.to);
    expect(offices).toEqual(expect.arrayContaining([directory.office('obiliq', 'employment_office')!.email]));
    const view = await call(stack, 'GET', `/cases/${caseId2}`);
    expect((view.body.referrals as any[]).map((r) => r.status).sort()).toEqual(['completed', 'sent', 'sent']);
  });
});
