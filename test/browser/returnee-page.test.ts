import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ICAL from 'ical.js';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { MovableClock } from '../../shared/domain/clock.js';
import { signPageToken } from '../../shared/links/page-link.js';
import { parseSigningKey } from '../../shared/links/signing-key.js';
import { pageText } from '../../shared/pages/returnee-page.js';
import { call, inbox, obiliqFamily } from '../integration/support.js';
import { accessibilityProblems, launchChromium, START } from './support.js';

/**
 * The returnee page as a household opens it from the SMS, in chromium with JavaScript DISABLED
 * (what an old phone's browser can do): the steps, the calendar file, "I cannot come" and its
 * confirmation, and the kind pages for a forged and an expired link. Screenshots in
 * test-results/returnee-page/.
 */

const ARTIFACTS = resolve(import.meta.dirname, '../../test-results/returnee-page');
const obiliq = bundledDirectory().municipality('obiliq')!;
const coordinator = obiliq.coordinators[0]!;
const office = obiliq.offices.find((o) => o.kind === 'civil_registry')!;
const SMR = 'SMR-PAGE-BROWSER';
const PHONE = '+38349555888';

let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let caseId = '';
let url = '';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startLocalStack({ clock: new MovableClock(START), logLevel: 'WARN' }), launchChromium()]);
  const created = await call(stack, 'POST', '/cases', { ...obiliqFamily(SMR), coordinatorId: coordinator.id, phone: '049 555 888' });
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
  expect((await call(stack, 'POST', `/cases/${caseId}/referrals`, { officeKind: 'civil_registry', need: 'civil_documents' })).status).toBe(201);
  const appt = await call(stack, 'POST', `/cases/${caseId}/appointments`, { kind: 'appointment', when: '2026-11-26T09:30:00Z', title: 'Takim në Zyrën e Punësimit', where: 'Rr. Adem Jashari, Obiliq', bring: 'letërnjoftimin' });
  expect(appt.status).toBe(201);
  await stack.settle();
  const sms = stack.sms.messages().find((m) => m.phoneNumber === PHONE && m.message.includes('/p/'));
  expect(sms, 'the SMS with the page link').toBeDefined();
  url = sms!.message.match(/http:\/\/localhost:\d+\/p\/[A-Za-z0-9_.-]+/)![0];
  // An old phone: small screen, no JavaScript at all.
  context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, viewport: { width: 320, height: 568 }, locale: 'sq-AL', timezoneId: 'Europe/Belgrade' });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

describe('the returnee page without JavaScript', () => {
  it('opens from the SMS link and shows the steps: the appointment, the office with its address, hours and what to bring', async () => {
    const page = await context.newPage();
    const res = await page.goto(url);
    expect(res!.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe(pageText('title', 'sq'));
    const body = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(body).toContain('Takim në Zyrën e Punësimit');
    expect(body).toContain(office.name.sq);
    expect(body).toContain(office.address.sq);
    expect(body).toContain(office.hours.sq);
    expect(body).toContain('Arben');
    expect(body).not.toContain('Krasniqi');
    expect(await page.locator('button', { hasText: pageText('no', 'sq') }).count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'page-sq.png'), fullPage: true });
    await page.close();
  });

  it('downloads the appointment as a calendar file', async () => {
    const page = await context.newPage();
    await page.goto(url);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a', { hasText: pageText('calendar', 'sq') }).first().click()]);
    const path = await download.path();
    const event = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8'))).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('summary')).toBe('Takim në Zyrën e Punësimit');
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-11-26T09:30:00.000Z');
    await page.close();
  });

  it('"I cannot come" on the appointment: the page confirms, and the coordinator gets one email', async () => {
    const page = await context.newPage();
    await page.goto(url);
    const appointment = page.locator('li', { hasText: 'Takim në Zyrën e Punësimit' });
    await appointment.locator('button', { hasText: pageText('no', 'sq') }).click();
    await page.waitForLoadState();
    await expect(page.locator('.notice').textContent()).resolves.toBe(pageText('recordedNo', 'sq'));
    await expect(page.locator('li', { hasText: 'Takim në Zyrën e Punësimit' }).innerText()).resolves.toContain(pageText('saidNo', 'sq'));
    await page.screenshot({ path: join(ARTIFACTS, 'answered-sq.png'), fullPage: true });
    // Pressed again (the page's form once more): nothing new.
    await page.locator('li', { hasText: 'Takim në Zyrën e Punësimit' }).locator('button', { hasText: pageText('no', 'sq') }).click();
    await page.waitForLoadState();
    await expect(page.locator('.notice').textContent()).resolves.toBe(pageText('already', 'sq'));
    await stack.settle();
    const mails = (await inbox(stack)).filter((m) => m.destination.to.includes(coordinator.email) && m.subject.includes(SMR) && /Nuk mund t/.test(m.subject));
    expect(mails).toHaveLength(1);
    await page.close();
  });

  it('a forged link and an expired one get a kind page, not an error', async () => {
    const page = await context.newPage();
    const forged = await page.goto(url.replace(/.{4}$/, 'AAAA'));
    expect(forged!.status()).toBe(404);
    expect(await page.locator('main').innerText()).toContain(pageText('invalidBody', 'sq'));
    const key = parseSigningKey(readFileSync(stack.env.LINK_SIGNING_KEY_FILE!, 'utf8'), 'test');
    const yesterday = Math.floor(stack.clock.now().getTime() / 86_400_000) - 1;
    const expired = await page.goto(`${new URL(url).origin}/p/${signPageToken(caseId, yesterday, key)}`);
    expect(expired!.status()).toBe(410);
    expect(await page.locator('main').innerText()).toContain(pageText('expiredBody', 'sq'));
    await page.screenshot({ path: join(ARTIFACTS, 'expired-sq.png'), fullPage: true });
    await page.close();
  });

  it('has no serious accessibility problem (axe-core, run with scripts on: the page itself has none)', async () => {
    const axeContext = await browser.newContext({ viewport: { width: 320, height: 568 } });
    const page = await axeContext.newPage();
    await page.goto(url);
    expect(await accessibilityProblems(page)).toEqual([]);
    await axeContext.close();
  });
});
