import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { freePort } from '../../local/ports.js';
import { localConsoleConfig, startConsoleServer, type RunningConsole } from '../../local/web.js';
import { MovableClock } from '../../shared/domain/clock.js';

/** Debian's chromium (the package; Playwright's own download is not used). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Without the background-networking flags Chromium's own connections (updates, sync, field
 * trials) are refused here and slow every page; QUIC and the GPU are off for a headless box.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots of every page in every language, for a reviewer to look at (git-ignored). */
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-results/console');

export const LANGUAGES = ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const;

/** Monday 23 November 2026, 10:00 in Kosovo: working hours, outside the SMS quiet hours. */
export const START = new Date('2026-11-23T09:00:00Z');

export interface ConsoleStack {
  stack: LocalStack;
  web: RunningConsole;
  stop(): Promise<void>;
}

/**
 * The local stack with the built console beside it: the console's origin is the one the API
 * allows (CORS), its config.json names this stack's API and Cognito emulator, and it polls every
 * second so a test sees changes quickly.
 */
export async function startConsoleStack(distDir: string): Promise<ConsoleStack> {
  const port = await freePort();
  const stack = await startLocalStack({ clock: new MovableClock(START), consoleOrigins: [`http://localhost:${port}`], logLevel: 'WARN' });
  try {
    const web = await startConsoleServer({ distDir, port, config: localConsoleConfig(stack, 1) });
    return { stack, web, stop: async () => (await web.stop(), await stack.stop()) };
  } catch (err) {
    await stack.stop();
    throw err;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors (a CSP violation is one) seen so far. */
  problems: string[];
}

/**
 * A fresh browser profile (its own sessionStorage) whose clock starts where the stack's does (or
 * at `time`, where a test moved the stack's clock on) and runs on, so "today" in the console is
 * the stack's today.
 */
export async function openSession(browser: Browser, opts: { viewport?: { width: number; height: number }; locale?: string; time?: Date } = {}): Promise<Session> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1366, height: 768 }, locale: opts.locale ?? 'sq-AL', timezoneId: 'Europe/Belgrade' });
  await context.clock.install({ time: opts.time ?? START });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.stack ?? e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

/** Signs in on the console's sign-in page as a seeded demo user, and waits for the first page. */
export async function signIn(s: Session, cs: ConsoleStack, shortName: string): Promise<void> {
  const user = cs.stack.pool.user(shortName);
  await s.page.goto(cs.web.url);
  await s.page.locator('#username').fill(user.email);
  await s.page.locator('#password').fill(user.password);
  await s.page.locator('form button[type=submit]').click();
  await s.page.locator('#page-title').waitFor();
  await s.page.locator('nav.main-nav').waitFor();
}

/** Opens a console route (`/cases/…`) and waits for its heading. */
export async function open(page: Page, web: RunningConsole, path: string): Promise<void> {
  await page.goto(`${web.url}#${path}`);
  await page.locator('#page-title').waitFor();
}

/** Nothing still loading on the page. */
export async function settled(page: Page): Promise<void> {
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
}

/** axe-core (WCAG 2.0/2.1 A and AA rules): the serious and critical violations, with where. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The console's language, switched as a user does (the header's select), waited for. */
export async function setLanguage(page: Page, lang: string): Promise<void> {
  const select = page.locator('header .lang select, .signin-lang select').first();
  await select.selectOption(lang);
  await page.locator(`html[lang="${lang}"]`).waitFor();
}

/** A full-page screenshot in each of the four languages (`<name>-<lang>.png`), back to `lang` after. */
export async function screenshots(page: Page, name: string, back: string = 'sq'): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const lang of LANGUAGES) {
    await setLanguage(page, lang);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${lang}.png`), fullPage: true });
  }
  await setLanguage(page, back);
}

/** The current code of an authenticator app for a base32 secret (RFC 6238: SHA-1, 6 digits, 30 s). */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
