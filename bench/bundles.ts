/**
 * Each function's bundle (esbuild with the house construct's options: infra/constructs/
 * house-function.ts) and its module load time in a fresh `node` process, beside the same handler
 * loaded unbundled through tsx. A failure for one function is reported, never fatal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const ESM_REQUIRE_BANNER =
  "import { createRequire as __houseCreateRequire } from 'node:module'; const require = __houseCreateRequire(import.meta.url);";

export interface BundleResult {
  fn: string;
  bytes?: number;
  gzipBytes?: number;
  bundledLoadMs?: number;
  tsxLoadMs?: number;
  error?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function loadOnce(url: string, env: Record<string, string>, viaTsx: boolean): number {
  const code = `const t0 = performance.now(); await import(${JSON.stringify(url)}); process.stdout.write('LOADMS=' + (performance.now() - t0)); process.exit(0);`;
  const args = [...(viaTsx ? ['--import', 'tsx'] : []), '--input-type=module', '-e', code];
  const out = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  const m = /LOADMS=([\d.]+)/.exec(out.stdout ?? '');
  if (!m) throw new Error(`exit ${out.status}: ${(out.stderr || out.stdout || '').trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`);
  return Number(m[1]);
}

export async function bundleAll(env: Record<string, string>, runs: number, log: (s: string) => void): Promise<BundleResult[]> {
  const out = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const keyFile = join(out, 'link-signing.key');
  writeFileSync(keyFile, 'bench-signing-key-0123456789abcdef0123456789abcdef');
  const fullEnv = { ...env, LINK_SIGNING_KEY_FILE: keyFile, POWERTOOLS_LOG_LEVEL: 'ERROR' };
  const fns = readdirSync(join(ROOT, 'functions')).filter((f) => existsSync(join(ROOT, 'functions', f, 'handler.ts'))).sort();
  const results: BundleResult[] = [];
  for (const fn of fns) {
    const r: BundleResult = { fn };
    results.push(r);
    const entry = join(ROOT, 'functions', fn, 'handler.ts');
    const outfile = join(out, fn, 'index.mjs');
    const errors: string[] = [];
    try {
      await build({
        entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node22', format: 'esm',
        minify: true, sourcemap: true, sourcesContent: false, mainFields: ['module', 'main'], banner: { js: ESM_REQUIRE_BANNER },
        external: [], logLevel: 'silent',
      });
      r.bytes = statSync(outfile).size;
      r.gzipBytes = gzipSync(readFileSync(outfile)).length;
    } catch (e) {
      errors.push(`bundle: ${(e as Error).message.split('\n')[0]}`);
    }
    const bundled: number[] = [];
    const viaTsx: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (r.bytes !== undefined) {
        try { bundled.push(loadOnce(pathToFileURL(outfile).href, fullEnv, false)); } catch (e) { errors.push(`bundled load: ${(e as Error).message}`); break; }
      }
      try { viaTsx.push(loadOnce(pathToFileURL(entry).href, fullEnv, true)); } catch (e) { errors.push(`tsx load: ${(e as Error).message}`); break; }
    }
    if (bundled.length) r.bundledLoadMs = median(bundled);
    if (viaTsx.length) r.tsxLoadMs = median(viaTsx);
    if (errors.length) r.error = [...new Set(errors)].join('; ');
    log(`  ${fn}: ${r.bytes ?? '-'} B, bundled ${r.bundledLoadMs?.toFixed(0) ?? '-'} ms, tsx ${r.tsxLoadMs?.toFixed(0) ?? '-'} ms${r.error ? ` (${r.error})` : ''}`);
  }
  return results;
}
