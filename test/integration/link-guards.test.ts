import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { PAGE_TEXTS } from '../../shared/pages/page-texts.js';
import { call, inbox, isCoordinationMail, obiliqFamily, stackForFile } from './support.js';

/**
 * A link scanner (or another site) that submits the answer form records nothing: the office's
 * POST must come from the link's own page in a browser (Sec-Fetch-Site: same-origin, or an Origin
 * of the links' base), and an accept must carry its ticked confirmation box. Driven through the
 * local stack's HTTP server and the real respond handler; the proof of "nothing" is the
 * referral's status, its audit trail and the coordinator's inbox after the stream has settled.
 */
let stack: LocalStack;
const directory = bundledDirectory();
const obiliq = directory.municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
// An office that reads sq and sr-Latn: refusals must speak both.
const office = directory.office('obiliq', 'social_work_centre')!;
const SMR = 'SMR-GUARDS';
let caseId: string;
let referralId: string;
let links: Record<'accept' | 'decline' | 'outcome', string>;
/** The coordinator's mail about this case before any answer (none expected; counted, not assumed). */
let coordinatorMailAtStart: number;

stackForFile(async (s) => {
  stack = s;
  // Every answer by email at once, as this test counts them (by default an acceptance or "done" waits for the daily digest: answers-digest.test.ts).
  expect((await call(stack, 'PUT', `/municipalities/obiliq/coordinators/${coordinator.id}/digest`, { answers: 'immediate' })).status).toBe(200);
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(SMR), coordinatorId: coordinator.id });
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
  const ref = await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'social_work_centre', need: 'social_support' });
  expect(ref.status).toBe(201);
  referralId = ref.body.referralId;
  await stack.settle();
  const mail = (await inbox(stack)).find((m) => m.destination.to.includes(office.email) && m.subject.includes(SMR))!;
  const out: Record<string, string> = {};
  for (const u of new Set((mail.body.text ?? '').match(/http:\/\/localhost:\d+\/r\/[A-Za-z0-9_.-]+/g) ?? [])) {
    out[(JSON.parse(Buffer.from(u.split('/r/')[1]!.split('.')[0]!, 'base64url').toString('utf8')) as { action: string }).action] = u;
  }
  links = out as typeof links;
  expect(Object.keys(links).sort()).toEqual(['accept', 'decline', 'outcome']);
  coordinatorMailAtStart = (await toCoordinator()).length;
});

const view = async () => (await call(stack, 'GET', `/cases/${caseId}`)).body as { referrals: { referralId: string; status: string }[]; audit: { subjectId: string; event: string; via: string }[] };
const status = async () => (await view()).referrals.find((r) => r.referralId === referralId)!.status;
/** Audit entries an office's answer would write (`via: link:…`). */
const answersOnRecord = async () => (await view()).audit.filter((a) => a.subjectId === referralId && a.via.startsWith('link:'));
const toCoordinator = async () => (await inbox(stack)).filter((m) => m.destination.to.includes(coordinator.email) && m.subject.includes(SMR) && !isCoordinationMail(m));
/** The origin of the links (PUBLIC_BASE_URL: http://localhost:<port>), what a browser on their page sends as Origin. */
const linkOrigin = () => new URL(links.accept).origin;
const post = (url: string, form: Record<string, string>, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });

describe('a scanner-like POST records nothing', () => {
  it('an accept with the box ticked but neither Origin nor Sec-Fetch-Site: 403, a page in the office’s languages', async () => {
    const res = await post(links.accept, { confirm: 'yes' }, {});
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    for (const l of office.languages) expect(page).toContain(PAGE_TEXTS[l].refusal['cross-site'].todo);
    expect(page).not.toContain('<form');
    await stack.settle();
    expect(await status()).toBe('sent');
    expect(await answersOnRecord()).toEqual([]);
    expect(await toCoordinator()).toHaveLength(coordinatorMailAtStart);
  });

  it('from another site, a subdomain, a typed URL or a foreign or null Origin: 403, nothing recorded', async () => {
    const ours = linkOrigin();
    const senders: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://scanner.example' },
      { 'sec-fetch-site': 'cross-site', origin: ours },
      // the API's address, not the links' (127.0.0.1 is another origin than localhost)
      { origin: stack.api.endpoint },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'none' },
      { origin: 'https://scanner.example' },
      { origin: 'null' },
    ];
    for (const headers of senders) {
      expect((await post(links.accept, { confirm: 'yes' }, headers)).status, JSON.stringify(headers)).toBe(403);
      expect((await post(links.decline, { reason: 'lack_of_capacity' }, headers)).status, JSON.stringify(headers)).toBe(403);
    }
    await stack.settle();
    expect(await status()).toBe('sent');
    expect(await answersOnRecord()).toEqual([]);
    expect(await toCoordinator()).toHaveLength(coordinatorMailAtStart);
  });

  it('an accept from the page without the ticked box: 400, the form again saying what to tick', async () => {
    for (const form of [{}, { confirm: '' }, { confirm: 'on' }] as Record<string, string>[]) {
      const res = await post(links.accept, form, { origin: linkOrigin(), 'sec-fetch-site': 'same-origin' });
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toContain('role="alert"');
      expect(page).toContain('<input type="checkbox" id="confirm" name="confirm" value="yes" required');
    }
    await stack.settle();
    expect(await status()).toBe('sent');
    expect(await answersOnRecord()).toEqual([]);
    expect(await toCoordinator()).toHaveLength(coordinatorMailAtStart);
  });

  it('GET is unchanged: the page, for anyone, changing nothing', async () => {
    const res = await fetch(links.accept);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('name="confirm"');
    expect(await status()).toBe('sent');
  });
});

describe('a browser on the page is heard', () => {
  it('an older browser (Origin only, no Sec-Fetch-Site) accepting with the box ticked: recorded once, the coordinator told once', async () => {
    const res = await post(links.accept, { confirm: 'yes' }, { origin: linkOrigin() });
    expect(res.status).toBe(200);
    expect(await status()).toBe('accepted');
    await stack.settle();
    expect((await answersOnRecord()).map((a) => a.event)).toEqual(['referral.accepted']);
    expect(await toCoordinator()).toHaveLength(coordinatorMailAtStart + 1);
  });

  it('an outcome from a current browser (Sec-Fetch-Site: same-origin)', async () => {
    expect((await post(links.outcome, { outcome: 'done' }, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(await status()).toBe('completed');
    // …and a scanner resubmitting it afterwards changes nothing.
    expect((await post(links.outcome, { outcome: 'not_done' }, {})).status).toBe(403);
    await stack.settle();
    expect(await status()).toBe('completed');
    expect((await answersOnRecord()).map((a) => a.event)).toEqual(['referral.accepted', 'referral.completed']);
    expect(await toCoordinator()).toHaveLength(coordinatorMailAtStart + 2);
  });
});
