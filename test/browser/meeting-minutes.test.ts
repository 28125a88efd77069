import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { call, obiliqFamily } from '../integration/support.js';
import { accessibilityProblems, launchChromium, open, openSession, setLanguage, settled, signIn, startConsoleStack, type ConsoleStack, type Session } from './support.js';

/**
 * The meeting's minutes form in chromium against the local stack, as a coordinator records them
 * once the meeting has begun: a case the municipality does not have refused on the field, the
 * minutes saved once when the first answer was lost and the form pressed again, and shown after a
 * reload. The stack's clock and the browser's are moved past the meeting's start together.
 */

const SMR = 'SMR-2026-7500';
/** No case has it, in Obiliq or anywhere. */
const UNKNOWN_SMR = 'SMR-2026-7599';

let cs: ConsoleStack;
let browser: Browser;
let s: Session;
let caseId = '';
let meetingId = '';
/** A second meeting, begun at the same time, for the form pressed twice. */
let secondId = '';

beforeAll(async () => {
  [cs, browser] = await Promise.all([startConsoleStack(inject('consoleDist')), launchChromium()]);
  const coordinator = cs.stack.pool.user('obiliq-coordinator').coordinatorId;
  const created = await call(cs.stack, 'POST', '/cases', { ...obiliqFamily(SMR), coordinatorId: coordinator, phone: '+38349555750' });
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
  // Ad-hoc meetings half an hour from the stack's start, then both clocks past their beginning.
  const start = cs.stack.clock.now().getTime() + 30 * 60_000;
  const meeting = async (title: string): Promise<string> => {
    const body = {
      municipalityId: 'obiliq',
      convenerId: coordinator,
      title,
      start: new Date(start).toISOString(),
      end: new Date(start + 60 * 60_000).toISOString(),
      location: 'Zyra e ZKKK-së',
      invitees: [bundledDirectory().office('obiliq', 'civil_registry')!.id],
    };
    const made = await call(cs.stack, 'POST', '/meetings', body, undefined, 'obiliq-coordinator');
    expect(made.status).toBe(201);
    return made.body.meetingId as string;
  };
  meetingId = await meeting('Rastet e nëntorit');
  secondId = await meeting('Shkollimi i fëmijëve');
  await cs.stack.advance(45 * 60_000);
  s = await openSession(browser, { time: cs.stack.clock.now() });
  await signIn(s, cs, 'obiliq-coordinator');
});

afterAll(async () => {
  await browser?.close();
  await cs?.stop();
});

const heldThisQuarter = async (): Promise<number> => (await call(cs.stack, 'GET', '/municipalities/obiliq/indicators/2026-Q4')).body.meetingsHeld as number;

describe('the minutes of a meeting that has begun', () => {
  it('a case the municipality does not have: refused on the field, named in the summary, which takes the focus and leads to it', async () => {
    const { page } = s;
    await open(page, cs.web, `/meetings/${meetingId}`);
    const form = page.locator('section[aria-labelledby=minutes-h] form');
    await form.waitFor();
    expect(await page.getByLabel('Takimi u mbajt').isChecked()).toBe(true);
    await page.getByLabel('Rastet e diskutuara (numrat SMR)').fill(`${SMR}, ${UNKNOWN_SMR}`);
    await page.getByRole('button', { name: 'Ruaj procesverbalin' }).click();

    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const fieldError = page.locator('#f-casesDiscussed-error');
    await expect.poll(() => fieldError.allTextContents()).toEqual([`${UNKNOWN_SMR}: Kjo komunë nuk ka rast me këtë numër.`]);
    expect(await summary.locator('li').allTextContents()).toEqual([`${UNKNOWN_SMR}: Kjo komunë nuk ka rast me këtë numër.`]);
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('#f-casesDiscussed').getAttribute('aria-invalid')).toBe('true');
    expect((await page.locator('#f-casesDiscussed').getAttribute('aria-describedby'))?.split(' ')).toContain('f-casesDiscussed-error');
    expect(await accessibilityProblems(page)).toEqual([]);
    // The summary's entry leads to the field, where the list can be put right.
    await summary.getByRole('link').click();
    expect(await page.locator('#f-casesDiscussed').evaluate((el) => el === document.activeElement)).toBe(true);
    // In the language chosen after, too.
    await setLanguage(page, 'en');
    await expect.poll(() => fieldError.allTextContents()).toEqual([`${UNKNOWN_SMR}: This municipality has no case with this number.`]);
    await setLanguage(page, 'sr-Latn');
    await expect.poll(() => fieldError.allTextContents()).toEqual([`${UNKNOWN_SMR}: Ova opština nema slučaj s ovim brojem.`]);
    await setLanguage(page, 'sq');
    expect(await heldThisQuarter()).toBe(0);
  });

  it('the first answer lost and the form pressed again: saved once, with the same requestId', async () => {
    const { page } = s;
    await page.getByLabel('Rastet e diskutuara (numrat SMR)').fill(SMR);
    // The first press reaches the API and is written, but its answer is lost (API Gateway's 504).
    const sent: string[] = [];
    const answers: number[] = [];
    await page.route('**/meetings/*/minutes', async (route) => {
      sent.push((route.request().postDataJSON() as { requestId: string }).requestId);
      const real = await route.fetch();
      answers.push(real.status());
      if (sent.length > 1) return route.fulfill({ response: real });
      await route.fulfill({ status: 504, headers: { ...real.headers(), 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Endpoint request timed out' }) });
    });
    const save = page.getByRole('button', { name: 'Ruaj procesverbalin' });
    await save.click();
    // Said beside the form, where the coordinator looks, and not as a problem of a field.
    const failure = page.locator('section[aria-labelledby=minutes-h] p.notice[role=alert]');
    await expect.poll(() => failure.allTextContents()).toEqual(['Diçka nuk shkoi mirë nga ana jonë. Ju lutemi provoni përsëri pas pak.']);
    expect(await page.locator('.error-summary').count()).toBe(0);
    await save.click();
    await expect.poll(() => page.locator('p.notice[role=status]').first().textContent()).toBe('Procesverbali u ruajt dhe llogaritet për tremujorin.');
    await page.unroute('**/meetings/*/minutes');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(answers).toEqual([200, 200]);
    // Recorded once: the meeting is counted held once for the quarter, and the form is gone.
    expect(await heldThisQuarter()).toBe(1);
    await expect.poll(() => page.locator('section[aria-labelledby=minutes-h]').count()).toBe(0);
    // The button pressed went with the form: the focus is on the page's heading, not lost.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
  });

  it('another meeting opened next starts afresh; pressed twice quickly: one request, saved once', async () => {
    const { page } = s;
    await open(page, cs.web, `/meetings/${secondId}`);
    await page.locator('section[aria-labelledby=minutes-h] form').waitFor();
    // Nothing of the meeting before: neither the cases typed for it nor "saved".
    expect(await page.getByLabel('Rastet e diskutuara (numrat SMR)').inputValue()).toBe('');
    expect(await page.locator('p.notice[role=status]').first().textContent()).toBe('');
    const sent: string[] = [];
    // A slow answer, so that the second press comes while the first is on its way.
    await page.route('**/meetings/*/minutes', async (route) => {
      sent.push((route.request().postDataJSON() as { requestId: string }).requestId);
      await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Ruaj procesverbalin' }).dblclick();
    await expect.poll(() => page.locator('p.notice[role=status]').first().textContent()).toBe('Procesverbali u ruajt dhe llogaritet për tremujorin.');
    await page.unroute('**/meetings/*/minutes');
    expect(sent).toHaveLength(1);
    expect(await heldThisQuarter()).toBe(2);
  });

  it('after a reload: the minutes, the case discussed linking to its page, no form', async () => {
    const { page } = s;
    await open(page, cs.web, `/meetings/${meetingId}`);
    await page.reload();
    await page.locator('dl.facts').waitFor();
    await settled(page);
    const minutes = page.locator('dl.facts dd', { hasText: 'regjistruar më' });
    await expect.poll(() => minutes.textContent()).toContain(`Rastet e diskutuara (numrat SMR): ${caseId}`);
    expect(await minutes.getByRole('link').getAttribute('href')).toBe(`#/cases/${caseId}`);
    expect(await page.locator('section[aria-labelledby=minutes-h]').count()).toBe(0);
    const meeting = await call(cs.stack, 'GET', `/meetings/${meetingId}`);
    expect([meeting.body.status, meeting.body.casesDiscussed]).toEqual(['held', [caseId]]);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(s.problems.filter((p) => !/status of (400|504)/.test(p))).toEqual([]);
  });
});
