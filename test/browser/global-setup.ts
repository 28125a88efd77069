import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildConsoleToTemp } from '../../local/web.js';
import { CHROMIUM } from './support.js';

/**
 * Once per run of the browser project: the console is built (into a temporary directory, so a
 * run never touches web/dist that `npm start` serves), and Debian's chromium must be there
 * (Playwright's own browser download cannot work here; .ci/run installs the package).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the browser tests drive Debian's chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const built = await buildConsoleToTemp();
  project.provide('consoleDist', built.dir);
  return () => built.remove();
}

declare module 'vitest' {
  export interface ProvidedContext {
    consoleDist: string;
  }
}
