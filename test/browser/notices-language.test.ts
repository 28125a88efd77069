import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { call, obiliqFamily } from '../integration/support.js';
import { launchChromium, open, openSession, setLanguage, signIn, startConsoleStack, type ConsoleStack, type Session } from './support.js';

/**
 * The case, registration, settings and sign-in pages in chromium against the local stack: what
 * the coordinator is told after an action (done, or refused) is in the language the console shows,
 * also when the language is switched after it was said (as on the follow-ups page, follow-ups.test.ts).
 */

let cs: ConsoleStack;
let browser: Browser;
let s: Session;
let caseId = '';

beforeAll(async () => {
  [cs, browser] = await Promise.all([startConsoleStack(inject('consoleDist')), launchChromium()]);
  const created = await call(cs.stack, 'POST', '/cases', {
    ...obiliqFamily('SMR-2026-7400'),
    coordinatorId: cs.stack.pool.user('obiliq-coordinator').coordinatorId,
    phone: '+38349555740',
  });
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
  s = await openSession(browser);
  await signIn(s, cs, 'obiliq-coordinator');
});

afterAll(async () => {
  await browser?.close();
  await cs?.stop();
});

/** `notice` says `sq` (waited for), then each other language's words as it is switched to, then Albanian again. */
async function saysInEach(page: Page, notice: Locator, sq: string, others: [lang: string, text: string][]): Promise<void> {
  await expect.poll(() => notice.textContent()).toBe(sq);
  for (const [lang, text] of [...others, ['sq', sq] as [string, string]]) {
    await setLanguage(page, lang);
    expect(await notice.textContent(), lang).toBe(text);
  }
}

/** The platform out of reach for the writes to `url` when `button` is pressed: the refusal in `notice`, in each language. */
async function outOfReach(page: Page, url: string, button: string, notice: Locator): Promise<void> {
  await page.route(url, (route) => (route.request().method() === 'GET' ? route.continue() : route.abort('connectionrefused')));
  await page.getByRole('button', { name: button }).click();
  await saysInEach(page, notice, 'Platforma nuk arrihet. Kontrolloni lidhjen dhe provoni përsëri.', [
    ['en', 'The platform cannot be reached. Check the connection and try again.'],
    ['sr-Latn', 'Platforma nije dostupna. Proverite vezu i pokušajte ponovo.'],
  ]);
  await page.unroute(url);
}

describe("what a page says after an action follows the console's language", () => {
  it('the case page: the visit planned (the case file’s words), the refusal, the visit recorded', async () => {
    const { page } = s;
    await open(page, cs.web, `/cases/${caseId}`);
    const status = page.locator('p.notice[role=status]');

    await page.getByRole('button', { name: 'Planifiko vizitën e përbashkët në shtëpi' }).click();
    await page.locator('#f-visit-date').fill('24.11.2026');
    await page.locator('#f-visit-time').fill('10:30');
    await page.getByRole('button', { name: 'Dërgo ftesat' }).click();
    await saysInEach(page, status, 'U planifikua. Qendra për Punë Sociale dhe koordinatori rajonal marrin një ftesë, familja një SMS.', [
      ['en', 'Planned. The centre for social work and the regional coordinator get an invitation, the family an SMS.'],
      ['sr-Latn', 'Zakazano. Centar za socijalni rad i regionalni koordinator dobijaju pozivnicu, domaćinstvo SMS.'],
    ]);

    // The form opens at now; its refusal is by the date, where the time is given.
    await page.getByRole('button', { name: 'Regjistro vizitën në shtëpi' }).click();
    await outOfReach(page, '**/home-visit', 'Regjistro vizitën në shtëpi', page.locator('#f-visitedAt-error'));
    await page.getByRole('button', { name: 'Regjistro vizitën në shtëpi' }).click();
    await saysInEach(page, status, 'Vizita në shtëpi u regjistrua.', [
      ['en', 'The home visit is recorded.'],
      ['sr-Latn', 'Kućna poseta je upisana.'],
      ['sr-Cyrl', 'Кућна посета је уписана.'],
    ]);
    expect((await call(cs.stack, 'GET', `/cases/${caseId}`)).body.homeVisitAt).toBeTruthy();
  });

  it('the case page: the planned visit called off beside the plan, after a confirmation', async () => {
    const { page } = s;
    const other = await call(cs.stack, 'POST', '/cases', { ...obiliqFamily('SMR-2026-7401'), coordinatorId: cs.stack.pool.user('obiliq-coordinator').coordinatorId, phone: '+38349555741' });
    expect(other.status).toBe(201);
    expect((await call(cs.stack, 'POST', `/cases/${other.body.caseId}/home-visit/plan`, { at: '2026-11-24T10:00:00+01:00' })).status).toBe(200);
    await open(page, cs.web, `/cases/${other.body.caseId}`);
    await page.getByRole('button', { name: 'Anulo vizitën' }).click();
    const confirm = page.getByRole('group', { name: 'Anulo vizitën' });
    await expect.poll(() => confirm.textContent()).toMatch(/24\.11\.2026\D+10:00/);
    await confirm.getByRole('button', { name: 'Anulo vizitën' }).click();
    await saysInEach(page, page.locator('p.notice[role=status]'), 'Vizita në shtëpi u anulua. Të ftuarit marrin anulimin për kalendar.', [
      ['en', 'The home visit has been called off. Those invited get a calendar cancellation.'],
      ['sr-Latn', 'Kućna poseta je otkazana. Pozvani dobijaju otkazivanje za kalendar.'],
    ]);
    expect((await call(cs.stack, 'GET', `/cases/${other.body.caseId}`)).body.homeVisitPlan).toMatchObject({ status: 'cancelled' });
    await expect.poll(() => page.getByRole('button', { name: 'Anulo vizitën' }).count()).toBe(0);
  });

  it("a form's problems by field: its own check, then the API out of reach", async () => {
    const { page } = s;
    await open(page, cs.web, `/cases/${caseId}`);
    await page.getByRole('button', { name: 'Shto një termin' }).click();
    await page.locator('form[aria-label="Shto një termin"]').waitFor();
    await page.getByRole('button', { name: 'Shto një termin' }).click();
    const titleError = page.locator('#f-appt-new-title-error');
    await saysInEach(page, titleError, 'Ju lutemi plotësojeni.', [
      ['en', 'Please fill this in.'],
      ['sr-Latn', 'Molimo popunite ovo polje.'],
    ]);

    await page.locator('#f-appt-new-title').fill('Letërnjoftimi');
    await page.locator('#f-appt-new-where').fill('Zyra e gjendjes civile');
    await outOfReach(page, '**/appointments', 'Shto një termin', page.locator('#f-appt-new-date-error'));
  });

  it("the API's refusal of an appointment whose reminder SMS would be too long: the console's words, next to its field", async () => {
    const { page } = s;
    await open(page, cs.web, `/cases/${caseId}`);
    await page.getByRole('button', { name: 'Shto një termin' }).click();
    await page.locator('#f-appt-new-kind').selectOption('deadline');
    await page.locator('#f-appt-new-date').fill('10.12.2026');
    await page.locator('#f-appt-new-title').fill('Afati për aplikim për ndihmë sociale dhe dokumente');
    await page.locator('#f-appt-new-where').fill('Qendra për Punë Sociale Obiliq, rruga Hasan Prishtina nr. 12, kati i dytë, zyra 204');
    // € and { take two GSM-7 units each: the reminder would pass the municipality's segment cap.
    await page.locator('#f-appt-new-bring').fill('€{'.repeat(60));
    await page.locator('form[aria-label="Shto një termin"]').getByRole('button', { name: 'Shto një termin' }).click();
    const bringError = page.locator('#f-appt-new-bring-error');
    await expect.poll(() => bringError.textContent()).toMatch(/^SMS-ja do të kishte \d+ pjesë; kjo komunë lejon \d+\. Ju lutemi shkurtojeni tekstin\.$/);
    await setLanguage(page, 'en');
    expect(await bringError.textContent()).toMatch(/^The SMS would take \d+ parts; this municipality allows \d+\. Please shorten the text\.$/);
    await setLanguage(page, 'sr-Cyrl');
    expect(await bringError.textContent()).toMatch(/^СМС би имао \d+ дела; ова општина дозвољава \d+\. Молимо скратите текст\.$/);
    await setLanguage(page, 'sq');
  });

  it('the case page: stopping SMS for a wrong number says the links already sent stop working too', async () => {
    const { page } = s;
    await open(page, cs.web, `/cases/${caseId}`);
    const reason = page.locator('#opt-out-reason');
    const hint = page.locator('#opt-out-hint');
    await reason.selectOption('wrong_number');
    await expect.poll(() => hint.textContent()).toBe('Edhe lidhjet në SMS-të e dërguara tashmë nuk funksionojnë më: kushdo që e ka atë telefon nuk sheh asgjë për familjen.');
    expect(await reason.getAttribute('aria-describedby')).toBe('opt-out-hint');
    await reason.selectOption('returnee_asked');
    await expect.poll(() => hint.count()).toBe(0);
  });

  it("the registration form's own checks, by field and in its summary", async () => {
    const { page } = s;
    await open(page, cs.web, '/register');
    await page.locator('#f-smrCaseId').fill('?');
    await page.getByRole('button', { name: 'Regjistro', exact: true }).click();
    const smrError = page.locator('#f-smrCaseId-error');
    const firstInSummary = page.locator('.error-summary li a').first();
    await expect.poll(() => smrError.textContent()).toBe('Përdorni shkronja, shifra, - ose /, për shembull SMR-2026-0142.');
    expect(await firstInSummary.textContent()).toBe('Numri i rastit në SMR: Përdorni shkronja, shifra, - ose /, për shembull SMR-2026-0142.');
    // Switched from the keyboard, on the header's list: the focus stays there (the summary took it
    // when it appeared, not again for the same problems in another language).
    await page.locator('header .lang select').focus();
    await setLanguage(page, 'en');
    expect(await smrError.textContent()).toBe('Use letters, digits, - or /, for example SMR-2026-0142.');
    expect(await firstInSummary.textContent()).toBe('SMR case number: Use letters, digits, - or /, for example SMR-2026-0142.');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await setLanguage(page, 'sq');
  });

  it('the sign-in page: an unknown address, read again after the language is switched there', async () => {
    const signedOut = await openSession(browser);
    try {
      const { page } = signedOut;
      await page.goto(cs.web.url);
      // No such user (cognito-local answers a wrong password with InvalidPasswordException, unlike Cognito).
      await page.locator('#username').fill('nobody@obiliq.example');
      await page.locator('#password').fill('Not-a-user-2026!');
      await page.locator('form button[type=submit]').click();
      const alert = page.locator('p.error-summary[role=alert]');
      await expect.poll(() => alert.textContent()).toBe('Adresa e emailit ose fjalëkalimi nuk është i saktë.');
      await setLanguage(page, 'en');
      expect(await alert.textContent()).toBe('The email address or the password is not right.');
    } finally {
      await signedOut.context.close();
    }
  });

  it('the settings page: the refusal, then the choices saved', async () => {
    const { page } = s;
    await open(page, cs.web, '/settings');
    await expect.poll(() => page.locator('#digest-both').isChecked()).toBe(true);
    await page.locator('#digest-weekly').check();
    await page.locator('#answers-immediate').check();
    const notice = page.locator('form p.notice');

    await outOfReach(page, '**/digest', 'Ruaj', notice);
    await page.getByRole('button', { name: 'Ruaj' }).click();
    await saysInEach(page, notice, 'U ruajt: Një herë në javë (të hënën); Një email për secilën, menjëherë.', [
      ['en', 'Saved: Once a week (Monday); An email for each, at once.'],
      ['sr-Latn', 'Sačuvano: Jednom nedeljno (ponedeljkom); Posebna e-poruka za svako, odmah.'],
      ['sr-Cyrl', 'Сачувано: Једном недељно (понедељком); Посебна е-порука за свако, одмах.'],
    ]);
  });
});
