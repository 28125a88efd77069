/**
 * Section 7 of `npm run bench`: the coordinators' console. Its initial download (index.html's
 * script and stylesheet and what they import at once, gzip -9, as CloudFront would compress
 * them) and the time to the first meaningful view of Today against the local stack: from
 * navigation to Today's cards and lines drawn (config.json, the JS, GET /me and
 * GET …/today), in Debian's chromium, signed in already (the tokens in sessionStorage, as after
 * a sign-in), a fresh browser profile each time, median of BENCH_CONSOLE_RUNS (default 5).
 *
 * A process of its own (spawned by bench/run.ts): a fresh local stack with a few cases. Prints
 * the result as JSON on stdout.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildConsoleToTemp } from '../local/web.js';
import { CHROMIUM, launchChromium, startConsoleStack } from '../test/browser/support.js';

export interface ConsoleBench {
  initialJsGzipBytes: number;
  initialCssGzipBytes: number;
  initialFiles: string[];
  allJsGzipBytes: number;
  chunks: number;
  todayMs: number[];
  todayMedianMs: number;
  runs: number;
}

const runs = Number(process.env.BENCH_CONSOLE_RUNS ?? 5);
const log = (s: string) => process.stderr.write(`[bench:console] ${s}\n`);

/** The files index.html loads at once: its module script, its stylesheet, and their static imports. */
function initialFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const direct = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    // Static imports only (`import … from "./x.js"`); `import("./x.js")` is a page loaded later.
    for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(`assets/${m[1]}`);
  };
  direct.forEach(visit);
  return [...seen];
}

const gz = (dist: string, file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (apt-get install -y chromium)`);
const built = await buildConsoleToTemp();
try {
  const files = initialFiles(built.dir);
  const allJs = readdirSync(join(built.dir, 'assets')).filter((f) => f.endsWith('.js'));
  const cs = await startConsoleStack(built.dir);
  const browser = await launchChromium();
  try {
    // A working morning: a few registered families, so Today has lines to draw.
    const coordinator = cs.stack.pool.user('obiliq-coordinator');
    const token = await cs.stack.pool.token('obiliq-coordinator');
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${cs.stack.api.endpoint}/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          smrCaseId: `SMR-BENCH-${i}`, municipalityId: 'obiliq', coordinatorId: coordinator.coordinatorId, arrivalDate: '2026-11-20', category: 'returnee',
          preferredLanguage: 'sq', consent: { sms: false, shareWithOffices: true }, household: [{ id: 'p1', givenName: 'Test', familyName: 'Bench', birthYear: 1980, role: 'head' }],
        }),
      });
      if (res.status !== 201) throw new Error(`POST /cases: ${res.status}`);
    }
    const tokens = await cs.stack.pool.signIn('obiliq-coordinator');
    const session = JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt });
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'sq-AL' });
      await context.addInitScript(`sessionStorage.setItem('referrals.console.session', ${JSON.stringify(session)})`);
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(cs.web.url);
      await page.locator('ul.cards li').first().waitFor();
      await page.locator('#visits-h + ul li').first().waitFor();
      const ms = Date.now() - start;
      // The first run warms the stack's handlers (a Lambda cold start): not counted.
      if (i > 0) times.push(ms);
      await context.close();
    }
    times.sort((a, b) => a - b);
    const out: ConsoleBench = {
      initialJsGzipBytes: files.filter((f) => f.endsWith('.js')).reduce((n, f) => n + gz(built.dir, f), 0),
      initialCssGzipBytes: files.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(built.dir, f), 0),
      initialFiles: files,
      allJsGzipBytes: allJs.reduce((n, f) => n + gz(built.dir, `assets/${f}`), 0),
      chunks: allJs.length,
      todayMs: times,
      todayMedianMs: times[Math.floor(times.length / 2)]!,
      runs,
    };
    log(`initial JS ${(out.initialJsGzipBytes / 1024).toFixed(1)} KB gzip; Today in ${out.todayMedianMs} ms (median of ${runs})`);
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    await browser.close();
    await cs.stop();
  }
} finally {
  built.remove();
}
process.exit(0);
