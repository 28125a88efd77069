import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { call, obiliqFamily } from '../integration/support.js';
import { launchChromium, open, openSession, setLanguage, signIn, startConsoleStack, type ConsoleStack, type Session } from './support.js';

/**
 * The follow-ups page in chromium against the local stack: what the coordinator is told after
 * marking a follow-up handled (or after the attempt failed) is in the language the console shows,
 * also when the language is switched after it was said.
 */

const SMR = 'SMR-2026-7300';
/** On the SMS provider's opt-out list: the family's SMS fail, and a follow-up waits for a call. */
const OPTED_OUT = { typed: '049 555 730', e164: '+38349555730' };

let cs: ConsoleStack;
let browser: Browser;
let s: Session;

beforeAll(async () => {
  [cs, browser] = await Promise.all([startConsoleStack(inject('consoleDist')), launchChromium()]);
  cs.stack.sms.optOut(OPTED_OUT.e164);
  const created = await call(cs.stack, 'POST', '/cases', {
    ...obiliqFamily(SMR),
    coordinatorId: cs.stack.pool.user('obiliq-coordinator').coordinatorId,
    phone: OPTED_OUT.typed,
    household: [{ id: 'p1', givenName: 'Lume', familyName: 'Bytyqi', birthYear: 1979, role: 'head' }],
  });
  expect(created.status).toBe(201);
  expect((await call(cs.stack, 'POST', `/cases/${created.body.caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
  s = await openSession(browser);
  await signIn(s, cs, 'obiliq-coordinator');
});

afterAll(async () => {
  await browser?.close();
  await cs?.stop();
});

describe('the follow-ups page', () => {
  it("says what happened in the console's language, and says it again in the one chosen after", async () => {
    const { page } = s;
    // Waited for here, so that the page shows it at its first load rather than at a later poll.
    await expect
      .poll(async () => ((await call(cs.stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { smrCaseId?: string }[]).some((f) => f.smrCaseId === SMR), { timeout: 20_000, interval: 250 })
      .toBe(true);
    await open(page, cs.web, '/follow-ups');
    const item = page.locator('li.followup', { hasText: SMR }).first();
    await item.waitFor({ timeout: 15_000 });
    const status = page.locator('p.notice[role=status]');
    const alert = page.locator('p.notice[role=alert]');

    // The platform out of reach for the one request: the refusal, then in English.
    await page.route('**/follow-ups/*', (route) => route.abort('connectionrefused'));
    await item.getByRole('button', { name: 'U arrit me telefon' }).click();
    await expect.poll(() => alert.textContent()).toBe('Platforma nuk arrihet. Kontrolloni lidhjen dhe provoni përsëri.');
    await setLanguage(page, 'en');
    await expect.poll(() => alert.textContent()).toBe('The platform cannot be reached. Check the connection and try again.');
    await page.unroute('**/follow-ups/*');

    await setLanguage(page, 'sq');
    await item.getByRole('button', { name: 'U arrit me telefon' }).click();
    await expect.poll(() => status.textContent()).toBe('U shënua: U arrit me telefon.');
    for (const [lang, words] of [
      ['en', 'Recorded: Reached by phone.'],
      ['sr-Latn', 'Upisano: Dobijen telefonom.'],
      ['sr-Cyrl', 'Уписано: Добијен телефоном.'],
      ['sq', 'U shënua: U arrit me telefon.'],
    ] as const) {
      await setLanguage(page, lang);
      await expect.poll(async () => [lang, await status.textContent()]).toEqual([lang, words]);
    }
  });
});
