/**
 * Each function's bundle (esbuild with the house options, infra/bundling.ts, as the CDK stack
 * builds it, the message catalogue copied beside the bundles that render) and its module load
 * time in a fresh `node` process, beside the same handler loaded unbundled through tsx; from
 * esbuild's metafile, what weighs what in each bundle. A failure for one function is reported,
 * never fatal.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

import { BUNDLE_AWS_SDK, copyCatalogueBeside, HOUSE_ESBUILD } from '../infra/bundling.js';

const ROOT = resolve(import.meta.dirname, '..');

export interface BundleResult {
  fn: string;
  bytes?: number;
  gzipBytes?: number;
  /** The heaviest packages (or repository folders) in the bundle, minified bytes, largest first. */
  heaviest?: { what: string; bytes: number }[];
  /** The AWS SDK's share of `bytes` (@aws-sdk, @smithy, @aws-crypto). */
  awsSdkBytes?: number;
  /** Whether the message catalogue was copied beside the bundle (the function renders messages). */
  catalogue?: boolean;
  bundledLoadMs?: number;
  tsxLoadMs?: number;
  error?: string;
}

const AWS_SDK = /^@(aws-sdk|smithy|aws-crypto)\//;

/** A node_modules package by name, else the repository folder (shared/messages, functions/api…). */
function ownerOf(path: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return pkg ? pkg[1]! : path.split('/').slice(0, 2).join('/');
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

/**
 * `bundleAwsSdk: false` builds as the stack would with the SDK left to the runtime (the
 * comparison behind BUNDLE_AWS_SDK in infra/bundling.ts); the SDK then loads from node_modules.
 */
export async function bundleAll(env: Record<string, string>, runs: number, log: (s: string) => void, bundleAwsSdk = BUNDLE_AWS_SDK): Promise<BundleResult[]> {
  // Under the repository (.local/ is git-ignored) so that a bundle built without the AWS SDK
  // finds it in node_modules, as a function on Lambda finds the runtime's.
  mkdirSync(join(ROOT, '.local'), { recursive: true });
  const out = mkdtempSync(join(ROOT, '.local', 'bench-bundles-'));
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
      const built = await build({
        ...HOUSE_ESBUILD, mainFields: [...HOUSE_ESBUILD.mainFields], external: bundleAwsSdk ? [] : ['@aws-sdk/*'],
        entryPoints: [entry], outfile, absWorkingDir: ROOT, metafile: true, logLevel: 'silent',
      });
      r.bytes = statSync(outfile).size;
      r.gzipBytes = gzipSync(readFileSync(outfile)).length;
      const inputs = Object.values(built.metafile.outputs).find((o) => o.entryPoint)?.inputs ?? {};
      const byWhat = new Map<string, number>();
      for (const [path, input] of Object.entries(inputs)) byWhat.set(ownerOf(path), (byWhat.get(ownerOf(path)) ?? 0) + input.bytesInOutput);
      r.heaviest = [...byWhat].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([what, bytes]) => ({ what, bytes }));
      r.awsSdkBytes = [...byWhat].filter(([what]) => AWS_SDK.test(what)).reduce((n, [, bytes]) => n + bytes, 0);
      r.catalogue = copyCatalogueBeside(ROOT, outfile);
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
    log(`  ${fn}: ${r.bytes ?? '-'} B (AWS SDK ${r.awsSdkBytes ?? '-'} B), bundled ${r.bundledLoadMs?.toFixed(0) ?? '-'} ms, tsx ${r.tsxLoadMs?.toFixed(0) ?? '-'} ms${r.error ? ` (${r.error})` : ''}`);
  }
  rmSync(out, { recursive: true, force: true });
  return results;
}
