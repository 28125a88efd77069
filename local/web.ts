import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { consoleSecurityHeaders, originOf } from '../shared/console/headers.js';
import { listenLocal, portOrFree } from './ports.js';

/**
 * The coordinators' console, locally: built with Vite from web/ and served by a small static
 * server with the same security headers as CloudFront sends on AWS, and the `config.json` the
 * stack writes there (the API, the Cognito endpoint and app client), here from the running stack.
 */
export const WEB_DIR = resolve(import.meta.dirname, '..', 'web');
export const DEFAULT_CONSOLE_PORT = 5173;

/** What web/src/lib/config.ts reads. */
export interface ConsoleConfigFile {
  apiUrl: string;
  cognito: { endpoint: string; region: string; clientId: string };
  pollSeconds?: number;
  environment?: string;
}

/** The config for a running local stack (its API, its Cognito emulator and pool client). */
export function localConsoleConfig(stack: { api: { endpoint: string }; cognito: { endpoint: string }; pool: { clientId: string; region: string } }, pollSeconds = 4): ConsoleConfigFile {
  return {
    apiUrl: stack.api.endpoint.replace('127.0.0.1', 'localhost'),
    cognito: { endpoint: stack.cognito.endpoint, region: stack.pool.region, clientId: stack.pool.clientId },
    pollSeconds,
    environment: 'local',
  };
}

/**
 * The console's Vite build: a static bundle (index.html, one JS entry, a chunk per page, CSS)
 * with no plugin, since Preact's JSX is compiled by Vite's own transformer (oxc) with the
 * automatic runtime. Nothing inline (the CSP forbids it). config.json is not part of the build.
 */
export function consoleViteConfig(outDir: string): import('vite').InlineConfig {
  return {
    configFile: false,
    root: WEB_DIR,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
  };
}

/** Builds the console into `outDir` (default web/dist). About 2 s. */
export async function buildConsole(outDir = join(WEB_DIR, 'dist')): Promise<string> {
  const { build } = await import('vite');
  await build(consoleViteConfig(outDir));
  return outDir;
}

/** A fresh build in a temporary directory (tests: a run never touches web/dist), removed by the returned function. */
export async function buildConsoleToTemp(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'referrals-console-'));
  await buildConsole(dir);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface RunningConsole {
  /** http://localhost:<port>/ (the origin the API's CORS allows). */
  url: string;
  origin: string;
  port: number;
  stop(): Promise<void>;
}

export interface ConsoleServerOptions {
  /** The built console (default web/dist). */
  distDir?: string;
  /** 0 or absent: a free port. */
  port?: number;
  config: ConsoleConfigFile;
}

/**
 * Serves the built console: `/` and `/index.html` (no-cache), hashed assets (immutable), and
 * `/config.json` from `config`. Anything else is 404, as from the private bucket behind CloudFront.
 */
export async function startConsoleServer(opts: ConsoleServerOptions): Promise<RunningConsole> {
  const dist = resolve(opts.distDir ?? join(WEB_DIR, 'dist'));
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`the console is not built: no ${join(dist, 'index.html')}`);
  const security = consoleSecurityHeaders({ api: originOf(opts.config.apiUrl), cognito: originOf(opts.config.cognito.endpoint) });
  const configBody = JSON.stringify(opts.config, null, 2);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const send = (status: number, type: string, cache: string, body?: string) => {
      res.writeHead(status, { ...security, 'content-type': type, 'cache-control': cache });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'no-store', 'method not allowed');
    if (path === '/config.json') return send(200, TYPES['.json']!, 'no-store', configBody);
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) return send(404, 'text/plain; charset=utf-8', 'no-store', 'not found');
    res.writeHead(200, {
      ...security,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  const running = await listenLocal(server, await portOrFree(opts.port));
  const origin = `http://localhost:${running.port}`;
  return { url: `${origin}/`, origin, port: running.port, stop: running.stop };
}

/**
 * `npm start`'s console: built into web/dist (about 2 s) and served on `port` (default 5173),
 * its config.json naming this stack. The stack must allow the console's origin (CORS):
 * `consoleOrigin(port)`.
 */
export async function startLocalConsole(stack: Parameters<typeof localConsoleConfig>[0], port = DEFAULT_CONSOLE_PORT): Promise<RunningConsole> {
  const distDir = await buildConsole();
  return startConsoleServer({ distDir, port, config: localConsoleConfig(stack) });
}

/** The origin a console served on `port` by startConsoleServer has (what the API's CORS must allow). */
export const consoleOrigin = (port: number): string => `http://localhost:${port}`;
