import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

/**
 * One temporary directory for the infra run: the cloud assemblies synth.ts writes (the suite's
 * app, shared by every file, and the deployment variants) live under it, and it is removed when
 * the run ends, after the last file that reads them.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'referrals-infra-'));
  project.provide('infraTmpDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    infraTmpDir: string;
  }
}
