import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AssociateSoftwareTokenCommand, SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { signInWithPassword } from '../../local/cognito/sign-in.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { groupsOf } from '../../shared/identity/groups.js';
import { CognitoUserPoolAdmin } from '../../shared/identity/user-pool-admin.js';
import { call, inbox, obiliqFamily, type SesEmail } from '../integration/support.js';
import { join } from 'node:path';
import { pageText } from '../../shared/pages/returnee-page.js';
import { ARTIFACTS, accessibilityProblems, launchChromium, open, openSession, screenshots, setLanguage, settled, signIn, startConsoleStack, totp, type ConsoleStack, type Session } from './support.js';

/**
 * The coordinators' console in a real browser (Debian's chromium, driven by playwright-core)
 * against the whole local stack: sign-in through the Cognito emulator, the API with CORS, the
 * SES emulator's inbox, the offices' links. Every page is checked with axe-core (no serious or
 * critical violation) and photographed in the four languages (test-results/console/).
 */

const directory = bundledDirectory();
const civilRegistry = directory.office('obiliq', 'civil_registry')!;
const school = directory.office('obiliq', 'education_directorate')!;
const SMR = 'SMR-2026-7001';
/** On the SMS provider's opt-out list: the family's SMS fail, and a follow-up waits for a call. */
const OPTED_OUT_PHONE = '+38349555777';

let cs: ConsoleStack;
let browser: Browser;
let caseId = '';
/** The case registered before the test under SMR-2026-7000. */
let earlierCaseId = '';
const sessions: Session[] = [];

beforeAll(async () => {
  [cs, browser] = await Promise.all([startConsoleStack(inject('consoleDist')), launchChromium()]);
  cs.stack.sms.optOut(OPTED_OUT_PHONE);
  // The directory's recurring meetings, as `npm start` plans them.
  await cs.stack.handlers.planMeetings({ task: 'plan-meetings' });
  // A case registered earlier, so that registering its SMR id again is refused by the API.
  const earlier = await call(cs.stack, 'POST', '/cases', {
    smrCaseId: 'SMR-2026-7000',
    municipalityId: 'obiliq',
    coordinatorId: cs.stack.pool.user('obiliq-coordinator').coordinatorId,
    arrivalDate: '2026-11-20',
    category: 'returnee',
    preferredLanguage: 'sq',
    consent: { sms: false, shareWithOffices: true },
    household: [{ id: 'p1', givenName: 'Besim', familyName: 'Gashi', birthYear: 1970, role: 'head' }],
  });
  expect(earlier.status).toBe(201);
  earlierCaseId = earlier.body.caseId;
});

afterAll(async () => {
  await browser?.close();
  await cs?.stop();
});

/** No uncaught error and no console error (a CSP violation is one) in a session; the refusals the test provoked aside. */
function expectClean(s: Session, provoked: number[] = [404, 409]) {
  const refused = new RegExp(`Failed to load resource: the server responded with a status of (${provoked.join('|')})`);
  expect(s.problems.filter((p) => !refused.test(p))).toEqual([]);
}

async function checkPage(s: Session, name: string) {
  await settled(s.page);
  expect(await accessibilityProblems(s.page), name).toEqual([]);
  await screenshots(s.page, name);
}

const mailTo = async (address: string): Promise<SesEmail | undefined> => (await inbox(cs.stack)).find((m) => m.destination.to.includes(address) && m.subject.includes(SMR));

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A refusal that names no field (here a lost answer) is said beside the form, in the console's
 * language, and takes the focus; the summary, whose entries lead to fields, is not shown.
 */
/** The error summary's one link leads to the box `id`, which says `message` itself. */
async function expectSummaryLeadsTo(page: Page, id: string, message: string) {
  const link = page.locator('.error-summary a');
  await expect.poll(() => link.allTextContents()).toEqual([message]);
  expect(await link.getAttribute('href')).toBe(`#${id}`);
  expect(await page.locator(`#${id}`).getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator(`#${id}-error`).textContent()).toBe(message);
  await link.click();
  await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe(id);
}

async function expectFailureBesideForm(page: Page) {
  const failure = page.locator('p.notice-error');
  // allTextContents: nothing to wait for where the notice is missing (textContent would wait for ever).
  await expect.poll(() => failure.allTextContents()).toEqual(['Diçka nuk shkoi mirë nga ana jonë. Ju lutemi provoni përsëri pas pak.']);
  await expect.poll(() => page.evaluate('document.activeElement?.classList.contains("notice-error")')).toBe(true);
  expect(await page.locator('.error-summary').count()).toBe(0);
  await setLanguage(page, 'sr-Latn');
  expect(await failure.textContent()).toBe('Nešto nije u redu na našoj strani. Molimo pokušajte ponovo za trenutak.');
  await setLanguage(page, 'en');
  expect(await failure.textContent()).toBe('Something went wrong on our side. Please try again in a moment.');
  await setLanguage(page, 'sq');
}

describe('a coordinator', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(browser);
    sessions.push(s);
  });

  it('signs in and sees Today', async () => {
    await s.page.goto(cs.web.url);
    await s.page.locator('#username').waitFor();
    expect(await accessibilityProblems(s.page), 'sign-in').toEqual([]);
    await screenshots(s.page, 'sign-in');
    await signIn(s, cs, 'obiliq-coordinator');
    await expect.poll(() => s.page.locator('#page-title').textContent()).toBe('Sot');
    // The header says who and where, from GET /me.
    await expect.poll(() => s.page.locator('header').textContent()).toContain('ZKKK Obiliq');
    await checkPage(s, 'today');
  });

  it('registers an arrival: the phone checked as typed, the API’s refusal next to its field', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Regjistro një ardhje' }).click();
    await page.locator('#page-title').waitFor();
    await page.locator('#f-smrCaseId').fill('SMR-2026-7000');
    // An impossible number is flagged as soon as the field is left, in the console's language.
    await page.locator('#f-phone').fill('049 55');
    await page.locator('#f-phone').blur();
    await expect.poll(() => page.locator('#f-phone-error').textContent()).toContain('nuk është numër telefoni i vlefshëm');
    await page.locator('#f-phone').fill('049 555 777');
    await expect.poll(() => page.locator('.phone-check').textContent()).toBe('Numër i vlefshëm: +383 49 555 777');
    await expect.poll(() => page.locator('#f-phone-error').count()).toBe(0);
    await page.locator('#f-household-0-givenName').fill('Arben');
    await page.locator('#f-household-0-familyName').fill('Krasniqi');
    await page.locator('#f-household-0-birthYear').fill('1984');
    await page.getByRole('button', { name: 'Shto një person' }).click();
    await page.locator('#f-household-1-givenName').fill('Liridon');
    expect(await page.locator('#f-household-1-familyName').inputValue()).toBe('Krasniqi');
    await page.locator('#f-household-1-birthYear').fill('2015');
    // The consent words are read out in the family's language; a foreigner's never speak of return.
    await expect.poll(() => page.locator('blockquote.read-out').first().textContent()).toContain('A pajtoheni?');
    await page.locator('#f-category-foreigner').check();
    await page.locator('#f-preferredLanguage').selectOption('sr-Latn');
    expect(await page.locator('blockquote.read-out').nth(1).textContent()).not.toMatch(/vrati|povrat/);
    expect(await page.locator('blockquote.read-out').nth(1).getAttribute('lang')).toBe('sr-Latn');
    await page.locator('#f-category-returnee').check();
    await page.locator('#f-preferredLanguage').selectOption('sq');
    await page.locator('#f-consent-sms').check();
    await page.locator('#f-consent-shareWithOffices').check();
    await checkPage(s, 'register');

    // The SMR id is taken: the API's 409 is shown next to the SMR field, and the summary takes the focus.
    await page.getByRole('button', { name: 'Regjistro', exact: true }).click();
    await page.locator('#f-smrCaseId-error').waitFor();
    expect(await page.locator('#f-smrCaseId').getAttribute('aria-invalid')).toBe('true');
    // The summary takes the focus once it has rendered, a tick after the field's error.
    await expect.poll(() => page.evaluate('document.activeElement?.className')).toBe('error-summary');
    expect(await accessibilityProblems(page), 'register with errors').toEqual([]);
    // The case it is registered under is offered, should this be a registration whose answer was lost.
    const existing = page.getByRole('link', { name: 'Hapni rastin e regjistruar me këtë numër' });
    expect(await existing.getAttribute('href')).toBe(`#/cases/${earlierCaseId}`);

    await page.locator('#f-smrCaseId').fill(SMR);
    // An attempt whose answer never came (API Gateway's 504, the API not reached here) names no
    // field: it is said beside the form, which takes the focus, and no summary entry leads nowhere.
    await page.route('**/cases', (route) => (route.request().method() === 'POST' ? route.fulfill({ status: 504, contentType: 'application/json', body: JSON.stringify({ message: 'Endpoint request timed out' }) }) : route.continue()));
    await page.getByRole('button', { name: 'Regjistro', exact: true }).click();
    await expectFailureBesideForm(page);
    await page.unroute('**/cases');

    await page.getByRole('button', { name: 'Regjistro', exact: true }).click();
    await page.waitForURL(/#\/cases\/[0-9A-Z]{26}/);
    caseId = /#\/cases\/([0-9A-Z]{26})/.exec(page.url())![1]!;
    await expect.poll(() => page.locator('#page-title').textContent()).toBe(`Rasti ${SMR}`);
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain('U regjistrua');

    // Another case opened straight from this one, by its address: nothing said here comes along.
    await open(page, cs.web, `/cases/${earlierCaseId}`);
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('Rasti SMR-2026-7000');
    expect(await page.locator('main').textContent()).not.toContain('U regjistrua');
    await open(page, cs.web, `/cases/${caseId}`);
    await expect.poll(() => page.locator('#page-title').textContent()).toBe(`Rasti ${SMR}`);
  });

  it('runs the needs assessment: the rules’ proposals, one unticked, one added, then the referrals', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Vlerësimi i nevojave' }).click();
    await page.locator('#f-m-p1-doc-id_card').waitFor();
    // Another case's assessment opened straight from this one: its first member (p1 too) starts
    // with nothing ticked, not with the answers given for this family's.
    await page.locator('#f-m-p1-doc-id_card').check();
    await open(page, cs.web, `/cases/${earlierCaseId}/assessment`);
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('Vlerësimi i nevojave, rasti SMR-2026-7000');
    expect(await page.locator('#f-m-p1-doc-id_card').isChecked()).toBe(false);
    await open(page, cs.web, `/cases/${caseId}/assessment`);
    await page.locator('#f-m-p1-doc-id_card').waitFor();

    // A preview whose answer never came names no field: said beside the form.
    await page.route('**/assessment/preview', (route) => route.fulfill({ status: 504, contentType: 'application/json', body: JSON.stringify({ message: 'Endpoint request timed out' }) }));
    await page.getByRole('button', { name: 'Shfaq referimet e propozuara' }).click();
    await expectFailureBesideForm(page);
    await page.unroute('**/assessment/preview');

    // Nobody included: said on the first member's own box, where the summary's link leads.
    const included = page.locator('input[id^=f-m-][id$=-included]');
    for (const box of await included.all()) await box.uncheck();
    await page.getByRole('button', { name: 'Shfaq referimet e propozuara' }).click();
    await expectSummaryLeadsTo(page, 'f-m-p1-included', 'Vlerësoni të paktën një person.');
    for (const box of await included.all()) await box.check();
    // The API names a refused member by its id, not its place among those sent: with the first
    // member left out the second is sent first, and the API's refusal of one of its answers (made
    // wrong on the way) is said beside that member's question, not on the member's "included" box.
    const [first, second] = [(await included.nth(0).getAttribute('id'))!, (await included.nth(1).getAttribute('id'))!];
    await page.locator(`#${first}`).uncheck();
    await page.route('**/assessment/preview', (route) => {
      const body = route.request().postDataJSON() as { members?: Record<string, unknown>[] } | null;
      if (!body?.members) return route.continue();
      body.members[0]!.unemployed = 'yes';
      return route.continue({ postData: JSON.stringify(body) });
    });
    const refused = page.waitForResponse((r) => r.url().endsWith('/assessment/preview') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Shfaq referimet e propozuara' }).click();
    const answer = (await (await refused).json()) as { errors: { field: string; message: string }[] };
    const secondId = /^f-m-(.+)-included$/.exec(second)![1]!;
    expect(answer.errors).toEqual([{ field: `members.${secondId}.unemployed`, message: expect.any(String) }]);
    // The API's message for a refusal without a code is English: said in the page's words instead.
    await expectSummaryLeadsTo(page, `f-m-${secondId}-unemployed`, 'Platforma nuk mund ta pranonte këtë. Ju lutemi kontrollojeni.');
    expect(await page.locator('body').textContent()).not.toContain(answer.errors[0]!.message);
    expect(await page.locator(`#${second}`).getAttribute('aria-invalid')).toBeNull();
    await page.unroute('**/assessment/preview');
    await page.locator(`#${first}`).check();

    await page.locator('#f-m-p1-doc-id_card').check();
    await page.locator('#f-m-p1-unemployed').check();
    await page.locator('#f-household-social').check();
    await page.getByRole('button', { name: 'Shfaq referimet e propozuara' }).click();
    const proposals = page.locator('.proposals');
    await proposals.waitFor();
    // Civil documents and job seeker for Arben (the second waits for the first), school for Liridon (2015), social support.
    await expect.poll(() => proposals.locator('input[id^=f-proposal-]').count()).toBe(4);
    await proposals.getByLabel(/Mbështetje sociale/).uncheck();
    await page.getByText('Shto një referim').click();
    await page.locator('#f-add-need').selectOption('vocational_training');
    await page.locator('#f-add-p1').check();
    await page.getByRole('button', { name: 'Shto', exact: true }).click();
    await expect.poll(() => proposals.locator('input[id^=f-proposal-]').count()).toBe(5);
    await checkPage(s, 'assessment');
    await page.getByRole('button', { name: 'Bëj 4 referim(e)' }).click();
    await page.waitForURL(new RegExp(`#/cases/${caseId}$`));
    await page.locator('article.referral').first().waitFor();
    expect(await page.locator('article.referral h3').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Dokumente civile'), expect.stringContaining('Regjistrim si punëkërkues'), expect.stringContaining('Regjistrim në shkollë'), expect.stringContaining('Aftësim profesional')]),
    );
    expect(await page.locator('article.referral h3').count()).toBe(4);
  });

  it('sees the referral emails arrive and the statuses change, then the office accepts from its email in the same browser', async () => {
    const { page } = s;
    const toRegistry = await until('the civil registry’s email', () => mailTo(civilRegistry.email));
    await until('the school’s email', () => mailTo(school.email));
    const card = page.locator('article.referral').filter({ has: page.locator('h3', { hasText: 'Dokumente civile' }) });
    // Polling: the page shows the sent email without a reload.
    await expect.poll(() => card.locator('.badge').first().textContent(), { timeout: 15_000 }).toBe('Dërguar, pret përgjigje');
    await expect.poll(() => card.locator('table').textContent()).toContain('Email');
    // The family's SMS met the provider's opt-out list: failed, and why.
    await expect.poll(() => card.locator('table').textContent(), { timeout: 15_000 }).toContain('STOP');
    await expect.poll(() => page.locator('article.referral').filter({ has: page.locator('h3', { hasText: 'Regjistrim si punëkërkues' }) }).locator('.badge').first().textContent()).toBe('Pret një referim tjetër');

    const accept = (toRegistry.body.text ?? '').match(/http:\/\/localhost:\d+\/r\/[A-Za-z0-9_.-]+/g)!.find((u) => JSON.parse(Buffer.from(u.split('/r/')[1]!.split('.')[0]!, 'base64url').toString('utf8')).action === 'accept')!;
    const office = await s.context.newPage();
    await office.goto(accept);
    await office.locator('input[type=checkbox]').check();
    await office.locator('form button[type=submit]').click();
    await office.waitForLoadState();
    await office.close();

    await expect.poll(() => card.locator('.badge').first().textContent(), { timeout: 15_000 }).toBe('Pranuar');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('Referimi: Pranuar — Dokumente civile');
    expect(await page.locator('.timeline').textContent()).toContain('Gjendja civile');
  });

  it('adds an appointment, which the family will be reminded of; a retry after a lost answer adds it once', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Shto një termin' }).click();
    await page.locator('#f-appt-new-date').fill('26.11.2026');
    await page.locator('#f-appt-new-time').fill('10:30');
    await page.locator('#f-appt-new-title').fill('Regjistrimi në zyrën e punësimit');
    await page.locator('#f-appt-new-where').fill('Zyra e punësimit, Obiliq');
    // The first attempt reaches the API and is written, but its answer is lost: API Gateway's 504
    // after 30 s. The coordinator tries again with the same form.
    const sent: string[] = [];
    await page.route('**/cases/*/appointments', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      sent.push((route.request().postDataJSON() as { requestId: string }).requestId);
      const real = await route.fetch();
      if (sent.length > 1) return route.fulfill({ response: real });
      await route.fulfill({ status: 504, headers: { ...real.headers(), 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Endpoint request timed out' }) });
    });
    const submit = page.locator('form[aria-label="Shto një termin"] button[type=submit]');
    await submit.click();
    await page.locator('#f-appt-new-date-error').waitFor();
    // (The page's polling may show the first attempt's appointment meanwhile: the answer is what tells.)
    const answered = page.waitForResponse((r) => r.url().endsWith('/appointments') && r.request().method() === 'POST');
    await submit.click();
    expect((await answered).status()).toBe(200);
    await page.unroute('**/cases/*/appointments');
    const list = page.locator('section', { has: page.locator('#appointments-h') }).locator('ul.lines');
    await expect.poll(() => list.textContent()).toContain('26.11.2026, 10:30');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect((await call(cs.stack, 'GET', `/cases/${caseId}`)).body.appointments).toHaveLength(1);
    expect(await list.locator('li').count()).toBe(1);
    await checkPage(s, 'case');
  });

  it("edits the appointment's texts: what to bring is cleared by emptying it, the place must stay", async () => {
    const { page } = s;
    const [appt] = (await call(cs.stack, 'GET', `/cases/${caseId}`)).body.appointments as { appointmentId: string }[];
    const f = (field: string) => page.locator(`#f-appt-${appt!.appointmentId}-${field}`);
    const list = page.locator('section', { has: page.locator('#appointments-h') }).locator('ul.lines');
    const edit = () => list.getByRole('button', { name: 'Zhvendos', exact: true }).click();
    const save = () => page.locator('form[aria-label="Zhvendose"] button[type=submit]').click();
    await edit();
    await f('bring').fill('letërnjoftimin');
    await save();
    await expect.poll(() => list.textContent()).toContain('të sjellin: letërnjoftimin');
    // Saved, not "moved": the time stayed.
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toBe('U ruajt.');

    await edit();
    await f('where').fill('');
    await save();
    await expect.poll(() => f('where-error').textContent()).toBe('Ju lutemi plotësojeni.');
    await f('where').fill('Zyra e punësimit, Obiliq');
    await f('bring').fill('');
    await save();
    await expect.poll(() => list.textContent()).not.toContain('të sjellin');
    const [stored] = (await call(cs.stack, 'GET', `/cases/${caseId}`)).body.appointments as { where: string; bring?: string }[];
    expect(stored).toMatchObject({ where: 'Zyra e punësimit, Obiliq' });
    expect(stored!.bring).toBeUndefined();
  });

  it('closes a follow-up with its outcome button', async () => {
    const { page } = s;
    await open(page, cs.web, '/follow-ups');
    const item = page.locator('li.followup', { hasText: SMR }).first();
    await item.waitFor({ timeout: 15_000 });
    // The SMS as it would have gone out, to read to the family.
    expect(await item.locator('blockquote').getAttribute('lang')).toBe('sq');
    await checkPage(s, 'follow-ups');
    const followUpId = (await item.getAttribute('aria-labelledby'))!.replace(/^fu-/, '');
    await item.getByRole('button', { name: 'U arrit me telefon' }).click();
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain('U shënua: U arrit me telefon');
    await expect.poll(() => page.locator(`li.followup[aria-labelledby="fu-${followUpId}"]`).count()).toBe(0);
    const left = (await call(cs.stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { followUpId: string }[];
    expect(left.map((f) => f.followUpId)).not.toContain(followUpId);
  });

  it('sees a family\'s "I cannot come" among the follow-ups, in every language, and marks it handled', async () => {
    const { page } = s;
    // Another family: its SMS carries the page link, where it says it cannot come to the civil registry.
    const smr = 'SMR-2026-7002';
    const created = await call(cs.stack, 'POST', '/cases', {
      ...obiliqFamily(smr),
      coordinatorId: cs.stack.pool.user('obiliq-coordinator').coordinatorId,
      phone: '049 555 702',
      household: [{ id: 'p1', givenName: 'Drita', familyName: 'Hoxha', birthYear: 1980, role: 'head' }],
    });
    expect(created.status).toBe(201);
    expect((await call(cs.stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
    const link = await until('the SMS with the page link', async () =>
      cs.stack.sms.messages().find((m) => m.phoneNumber === '+38349555702' && m.message.includes('/p/'))?.message.match(/http:\/\/localhost:\d+\/p\/[A-Za-z0-9_.-]+/)?.[0],
    );
    const household = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 568 } });
    try {
      const phone = await household.newPage();
      await phone.goto(link);
      await phone.locator('button', { hasText: pageText('no', 'sq') }).click();
      await phone.waitForLoadState();
      expect(await phone.locator('.notice').textContent()).toBe(pageText('recordedNo', 'sq'));
    } finally {
      await household.close();
    }

    // Today counts it among the calls to make (before, "0 … Every message arrived") and links to the follow-ups.
    await open(page, cs.web, '/');
    const onToday = page.locator('#followups-h + ul li.cannot-come', { hasText: smr });
    await onToday.waitFor({ timeout: 15_000 });
    expect(await onToday.textContent()).toContain('Nuk mund të vijnë: familja pret telefonatën tuaj · Gjendja civile (ZGJC) · Dokumente civile');
    expect(await onToday.locator('a[href$="/follow-ups"]').count()).toBe(1);
    expect(Number(await page.locator('.card', { hasText: 'thirrje ose vizita' }).locator('.count').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#followups-h + p').count()).toBe(0);
    await checkPage(s, 'today-cannot-come');

    await open(page, cs.web, '/follow-ups');
    const item = page.locator('li.cannot-come', { hasText: smr });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toContain('Gjendja civile (ZGJC) · Dokumente civile');
    const heading = page.locator('#cannot-come-h');
    for (const [lang, words] of [['sr-Latn', 'Ne mogu da dođu'], ['sr-Cyrl', 'Не могу да дођу'], ['en', 'Cannot come'], ['sq', 'Nuk mund të vijnë']] as const) {
      await setLanguage(page, lang);
      expect(await heading.textContent(), lang).toBe(words);
    }
    expect(await item.textContent()).not.toMatch(/Hoxha|Drita|\+383/);
    await checkPage(s, 'follow-ups-cannot-come');

    await item.getByRole('button', { name: 'U arrit me telefon' }).click();
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain('U shënua: U arrit me telefon');
    await expect.poll(() => page.locator('li.cannot-come', { hasText: smr }).count()).toBe(0);
    const left = (await call(cs.stack, 'GET', '/municipalities/obiliq/follow-ups')).body.cannotCome as { caseId: string }[];
    expect(left.map((c) => c.caseId)).not.toContain(created.body.caseId);
  });

  // Six pages, each checked with axe and photographed in every language: 18 s on a quiet machine, over 60 s on a loaded one.
  it('finds the case in the list and on Today, and every other page passes the checks', { timeout: 180_000 }, async () => {
    const { page } = s;
    await open(page, cs.web, '/cases');
    await page.locator('table a', { hasText: SMR }).waitFor();
    await checkPage(s, 'cases');
    await open(page, cs.web, '/');
    await checkPage(s, 'today-after');
    await open(page, cs.web, '/meetings');
    await page.locator('table.calendar').waitFor();
    await checkPage(s, 'meetings');
    // The directory's recurring meetings start next month: the calendar moves there.
    if ((await page.locator('table.calendar a.event').count()) === 0) {
      await page.getByRole('button', { name: 'Muaji i ardhshëm' }).click();
      await page.locator('table.calendar a.event').first().waitFor();
    }
    await page.locator('table.calendar a.event').first().click();
    await page.locator('dl.facts').waitFor();
    await checkPage(s, 'meeting');
    await open(page, cs.web, '/indicators');
    await page.locator('table.figures').waitFor();
    await checkPage(s, 'indicators');
    await open(page, cs.web, '/settings');
    // The choices in force: the directory's (both digests; offices' acceptances and "done" in the digest).
    await expect.poll(() => page.locator('#answers-digest').isChecked()).toBe(true);
    expect(await page.locator('#digest-both').isChecked()).toBe(true);
    await page.locator('#digest-weekly').check();
    await page.locator('#answers-immediate').check();
    await page.getByRole('button', { name: 'Ruaj' }).click();
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain('U ruajt');
    expect(await page.locator('[role=status]').first().textContent()).toContain('Një email për secilën, menjëherë');
    await checkPage(s, 'settings');
  });

  it('works from the keyboard: the skip link comes first and lands on the page’s heading', async () => {
    const { page } = s;
    await open(page, cs.web, '/follow-ups');
    // Opening a page puts the focus on its heading.
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('page-title');
    // The skip link is the first thing a keyboard reaches, and it leads to the heading.
    expect(await page.evaluate("document.querySelector('a[href], button, input, select, textarea')?.className")).toBe('skip');
    await page.locator('a.skip').focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('page-title');
    const passed: unknown[] = [];
    for (let i = 0; i < 10 && (await page.evaluate('document.activeElement?.textContent')) !== 'Regjistro një ardhje'; i++) {
      await page.keyboard.press('Shift+Tab');
      passed.push(await page.evaluate('document.activeElement?.textContent'));
    }
    expect(passed).toEqual(['Përmbledhja', 'Treguesit', 'Takimet', 'Ndjekjet', 'Regjistro një ardhje']);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('Regjistro një ardhje');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('page-title');

    // Someone already in a field of the new page keeps the focus there: the heading takes it as it
    // is shown and never after. The field is focused the moment it is shown; a heading that looked
    // for itself later (the console polled every 25 ms for up to 1 s) would pull it away.
    await open(page, cs.web, '/follow-ups');
    await page.evaluate(() => {
      const seen = new MutationObserver(() => {
        const field = document.getElementById('f-smrCaseId');
        if (field) (seen.disconnect(), field.focus());
      });
      seen.observe(document.body, { childList: true, subtree: true });
      location.hash = '#/register';
    });
    await page.waitForTimeout(1_200);
    expect(await page.evaluate('document.activeElement?.id')).toBe('f-smrCaseId');

    // A page slow to come (its code held back on the line): left alone, its heading takes the
    // focus from the link when it comes; someone who moved on meanwhile stays where they went.
    const slowly = async (chunk: string, meanwhile: () => Promise<void>) => {
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      await page.route(`**/assets/${chunk}-*.js`, async (route) => (await held, await route.continue()));
      // A fresh document, so the page's code is fetched again (a page once loaded stays loaded).
      await open(page, cs.web, '/follow-ups');
      await page.reload();
      await page.locator('#page-title').waitFor();
      await page.getByRole('link', { name: chunk === 'meetings' ? 'Takimet' : 'Treguesit' }).focus();
      await page.keyboard.press('Enter');
      // The console has drawn the new address (the hash changes at once; the hashchange the console
      // follows comes a task later, and a move made before it counts as where the move came from).
      await expect.poll(() => page.locator('nav a[aria-current=page]').textContent()).toBe(chunk === 'meetings' ? 'Takimet' : 'Treguesit');
      await meanwhile();
      release();
      await page.locator('#page-title').filter({ hasText: chunk === 'meetings' ? 'Takimet' : 'Treguesit' }).waitFor();
      await page.waitForTimeout(300);
      await page.unroute(`**/assets/${chunk}-*.js`);
      return page.evaluate('document.activeElement?.id || document.activeElement?.textContent');
    };
    expect(await slowly('indicators', async () => undefined)).toBe('page-title');
    // Moved on to another link while the page loads (focused directly: Shift+Tab's target depends on
    // whether the loading heading had mounted yet, a race this is not about).
    expect(await slowly('meetings', () => page.getByRole('link', { name: 'Ndjekjet' }).focus())).toBe('Ndjekjet');
  });

  it('fits a phone screen', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', `/cases/${caseId}`, '/register']) {
      await open(page, cs.web, path);
      await settled(page);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'), path).toBe(true);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'phone-register.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    // 504: the appointment's first attempt, whose answer the test made API Gateway's timeout; 400:
    // the assessment's refusal naming a member, which the test made.
    expectClean(s, [400, 404, 409, 504]);
  });
});

describe('scoping in the browser', () => {
  it('a Partesh coordinator cannot open the Obiliq case, by its address either', async () => {
    const s = await openSession(browser);
    sessions.push(s);
    await signIn(s, cs, 'partesh-coordinator');
    await open(s.page, cs.web, `/cases/${caseId}`);
    await s.page.locator('[role=alert]').waitFor();
    expect(await s.page.locator('[role=alert]').textContent()).toContain('Nuk u gjet');
    const text = (await s.page.locator('body').textContent()) ?? '';
    for (const secret of ['Krasniqi', 'Arben', SMR]) expect(text).not.toContain(secret);
    // Nor through its assessment page.
    await open(s.page, cs.web, `/cases/${caseId}/assessment`);
    await s.page.locator('[role=alert]').waitFor();
    expect(await s.page.locator('body').textContent()).not.toContain('Krasniqi');
    expectClean(s);
  });

  it('a viewer sees indicators and meetings, and no household names anywhere', async () => {
    const s = await openSession(browser);
    sessions.push(s);
    const requested: string[] = [];
    s.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await signIn(s, cs, 'obiliq-viewer');
    expect(await s.page.locator('nav.main-nav a').allTextContents()).toEqual(['Takimet', 'Treguesit']);
    await s.page.locator('table.figures').waitFor();
    const seen: string[] = [(await s.page.locator('body').textContent()) ?? ''];
    await open(s.page, cs.web, '/meetings');
    await s.page.locator('table.calendar').waitFor();
    seen.push((await s.page.locator('body').textContent()) ?? '');
    await open(s.page, cs.web, `/cases/${caseId}`);
    expect(await s.page.locator('#page-title').textContent()).toBe('Nuk është në dispozicion për rolin tuaj');
    seen.push((await s.page.locator('body').textContent()) ?? '');
    await open(s.page, cs.web, '/follow-ups');
    seen.push((await s.page.locator('body').textContent()) ?? '');
    for (const text of seen) for (const name of ['Krasniqi', 'Arben', 'Liridon', 'Besim', 'Gashi']) expect(text).not.toContain(name);
    // The console never even asked for a case.
    expect(requested.filter((p) => p.startsWith('/cases'))).toEqual([]);
    await checkPage(s, 'viewer-not-allowed');
    await open(s.page, cs.web, '/indicators');
    await s.page.locator('table.figures').waitFor();
    await checkPage(s, 'viewer-indicators');
    expectClean(s);
  });

  it('an operator gets the address tools and nothing of the households', async () => {
    const s = await openSession(browser);
    sessions.push(s);
    await signIn(s, cs, 'operator');
    expect(await s.page.locator('nav.main-nav a').allTextContents()).toEqual(['Adresat e emailit']);
    await s.page.locator('#f-address').fill(civilRegistry.email);
    await s.page.getByRole('button', { name: 'Kontrollo' }).click();
    await expect.poll(() => s.page.locator('#status-h + p').textContent()).toContain('Asgjë e regjistruar');
    await checkPage(s, 'operations');
    expectClean(s);
  });
});

/**
 * Watches for the sign-in page's heading to read `title` (the next step); `focusWhenShown()` then
 * says where the focus was at that very moment. The heading used to take the focus a frame after
 * the step appeared, so a field filled in that frame lost it and the Enter that followed went
 * nowhere: this test then waited for an answer that never came (about 1 run in 15).
 */
async function watchHeading(page: Page, title: string): Promise<{ focusWhenShown: () => Promise<string> }> {
  await page.evaluate((title) => {
    const w = window as unknown as { headingShown?: Promise<string> };
    w.headingShown = new Promise<string>((resolve) => {
      const observer = new MutationObserver(() => {
        const h = document.querySelector('h1');
        if (h?.textContent !== title) return;
        observer.disconnect();
        resolve(document.activeElement === h ? 'the heading' : `<${document.activeElement?.tagName.toLowerCase() ?? 'nothing'}>`);
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, title);
  return {
    focusWhenShown: async () => {
      await expect.poll(() => page.locator('h1').textContent()).toBe(title);
      return String(await page.evaluate('window.headingShown'));
    },
  };
}

describe('sign-in, as Cognito asks for it', () => {
  it('a new user chooses their own password at the first sign-in; with an authenticator set up, gives its code', async () => {
    const { pool } = cs.stack;
    const email = 'new-coordinator@demo.referrals.example.org';
    const temporary = 'Temp-Pass-2026!x';
    const chosen = 'My-Own-Pass-2026!';
    const admin = new CognitoUserPoolAdmin(pool.client, pool.userPoolId);
    const created = (await admin.createUser(email, { temporaryPassword: temporary }))!;
    await admin.setIdentityGroups(created.username, groupsOf({ role: 'coordinator', municipality: 'obiliq', coordinatorId: 'obiliq-zkkk-02' }));

    const s = await openSession(browser);
    sessions.push(s);
    const { page } = s;
    page.setDefaultTimeout(15_000);
    await page.goto(cs.web.url);
    await page.locator('#username').fill(email);
    await page.locator('#password').fill(temporary);
    const newPasswordStep = await watchHeading(page, 'Zgjidhni fjalëkalimin tuaj');
    await page.keyboard.press('Enter');
    // The step's heading has the focus as it appears, before anyone can type into the step.
    expect(await newPasswordStep.focusWhenShown()).toBe('the heading');
    expect(await accessibilityProblems(page), 'new password').toEqual([]);
    await page.locator('#new-password').fill(chosen);
    await page.locator('#repeat-password').fill(chosen);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('Sot');
    await expect.poll(() => page.locator('header').textContent()).toContain('Agron Morina');

    // The user adds an authenticator app (TOTP) to their account.
    const tokens = await signInWithPassword(pool.client, pool.clientId, email, chosen);
    const { SecretCode } = await pool.client.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.accessToken }));
    await pool.client.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.accessToken, UserCode: totp(SecretCode!) }));
    await pool.client.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    await page.getByRole('button', { name: 'Dil' }).click();
    await page.locator('#username').fill(email);
    await page.locator('#password').fill(chosen);
    const codeStep = await watchHeading(page, 'Kodi nga aplikacioni i vërtetimit');
    await page.keyboard.press('Enter');
    expect(await codeStep.focusWhenShown()).toBe('the heading');
    await page.locator('#totp').fill(String((Number(totp(SecretCode!)) + 500_000) % 1_000_000).padStart(6, '0'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('Kodi nuk është i saktë');
    await page.locator('#totp').fill(totp(SecretCode!));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('Sot');
    // Only tokens are kept in the browser, in this tab's sessionStorage; nothing in localStorage but the language.
    const stored = JSON.parse(String(await page.evaluate('JSON.stringify({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) })'))) as { session: string[]; local: string[] };
    expect(stored.session).toEqual(['referrals.console.session']);
    expect(stored.local.filter((k) => k !== 'referrals.console.language')).toEqual([]);
    // Cognito's 400 to the wrong code, and nothing else.
    expectClean(s, [400]);
  });

  it('a user the pool knows but no one has given a role is told so at the sign-in, in the language chosen there', async () => {
    const { pool } = cs.stack;
    const email = 'no-role-yet@demo.referrals.example.org';
    const password = 'No-Role-Yet-2026!';
    const admin = new CognitoUserPoolAdmin(pool.client, pool.userPoolId);
    const created = (await admin.createUser(email, {}))!;
    await admin.setPassword(created.username, password, true);

    const s = await openSession(browser);
    sessions.push(s);
    const { page } = s;
    await page.goto(cs.web.url);
    await page.locator('#username').fill(email);
    await page.locator('#password').fill(password);
    await page.keyboard.press('Enter');
    const refusal = page.locator('form [role=alert]');
    await expect.poll(() => refusal.textContent()).toBe('Llogaria juaj ende nuk ka rol në platformë. Ju lutemi pyesni administratorin.');
    await setLanguage(page, 'en');
    await expect.poll(() => refusal.textContent()).toBe('Your account has no role in the platform yet. Please ask your administrator.');
    // Not signed in: nothing kept, the form still there.
    expect(await page.evaluate('Object.keys(sessionStorage).length')).toBe(0);
    expect(await page.locator('#username').isVisible()).toBe(true);
    await setLanguage(page, 'sq');
  });
});
