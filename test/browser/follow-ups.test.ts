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

  it('two marked handled one after the other, the first still on its way: both leave the list', async () => {
    const { page } = s;
    const families = [
      { smr: 'SMR-2026-7301', typed: '049 555 731', e164: '+38349555731' },
      { smr: 'SMR-2026-7302', typed: '049 555 732', e164: '+38349555732' },
    ];
    for (const f of families) {
      cs.stack.sms.optOut(f.e164);
      const created = await call(cs.stack, 'POST', '/cases', { ...obiliqFamily(f.smr), coordinatorId: cs.stack.pool.user('obiliq-coordinator').coordinatorId, phone: f.typed });
      expect(created.status).toBe(201);
    }
    await expect
      .poll(async () => {
        const listed = (await call(cs.stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { smrCaseId?: string }[];
        return families.every((f) => listed.some((l) => l.smrCaseId === f.smr));
      }, { timeout: 20_000, interval: 250 })
      .toBe(true);
    await setLanguage(page, 'sq');
    await open(page, cs.web, '/follow-ups');
    const [first, second] = families.map((f) => page.locator('li.followup', { hasText: f.smr }));
    await first!.first().waitFor({ timeout: 15_000 });

    // The first answer is held back until the second has come.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    await page.route('**/follow-ups/*', async (route) => {
      if (++calls === 1) await held;
      await route.continue();
    });
    await first!.first().getByRole('button', { name: 'U arrit me telefon' }).click();
    await second!.first().getByRole('button', { name: 'U arrit me telefon' }).click();
    await expect.poll(() => second!.count()).toBe(0);
    release();
    await expect.poll(() => first!.count()).toBe(0);
    // The second stays handled once the first has come.
    await page.waitForTimeout(300);
    expect(await second!.count()).toBe(0);
    await page.unroute('**/follow-ups/*');
  });

  it('pressed again after a lost answer: the same requestId, answered as the first was, the item gone', async () => {
    const { page } = s;
    const f = { smr: 'SMR-2026-7303', typed: '049 555 734', e164: '+38349555734' };
    cs.stack.sms.optOut(f.e164);
    const created = await call(cs.stack, 'POST', '/cases', { ...obiliqFamily(f.smr), coordinatorId: cs.stack.pool.user('obiliq-coordinator').coordinatorId, phone: f.typed });
    expect(created.status).toBe(201);
    await expect
      .poll(async () => ((await call(cs.stack, 'GET', '/municipalities/obiliq/follow-ups')).body.followUps as { smrCaseId?: string }[]).some((l) => l.smrCaseId === f.smr), { timeout: 20_000, interval: 250 })
      .toBe(true);
    await setLanguage(page, 'sq');
    await open(page, cs.web, '/follow-ups');
    const item = page.locator('li.followup', { hasText: f.smr }).first();
    await item.waitFor({ timeout: 15_000 });
    // The first press reaches the API and is written, but its answer is lost (API Gateway's 504).
    const sent: string[] = [];
    const answers: number[] = [];
    await page.route('**/follow-ups/*', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      sent.push((route.request().postDataJSON() as { requestId: string }).requestId);
      const real = await route.fetch();
      answers.push(real.status());
      if (sent.length > 1) return route.fulfill({ response: real });
      await route.fulfill({ status: 504, headers: { ...real.headers(), 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Endpoint request timed out' }) });
    });
    await item.getByRole('button', { name: 'U arrit me telefon' }).click();
    await expect.poll(() => page.locator('p.notice[role=alert]').textContent()).toBeTruthy();
    await item.getByRole('button', { name: 'U arrit me telefon' }).click();
    await expect.poll(() => page.locator('p.notice[role=status]').textContent()).toBe('U shënua: U arrit me telefon.');
    await page.unroute('**/follow-ups/*');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(answers).toEqual([200, 200]);
    await expect.poll(() => page.locator('li.followup', { hasText: f.smr }).count()).toBe(0);
  });
});
