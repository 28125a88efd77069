import { defineConfig } from 'vitest/config';

/**
 * Four projects, one command (`npm test` runs them all):
 * - unit: no Java, no ports (`npm run test:unit`), in one process;
 * - infra: the CDK stack, synthesised with its functions bundled by esbuild;
 * - integration: the local stack against the real emulators. The run starts ONE DynamoDB Local
 *   (global-setup.ts) and each suite's stack makes its own table on it; the JVM is started only
 *   when the run includes an integration file;
 * - browser: the coordinators' console in Debian's chromium (playwright-core) against the local
 *   stack, axe-core on every page, screenshots in test-results/console/.
 */
export default defineConfig({
  test: {
    // Integration suites start their own local stack (SES emulator, SMS sink, Cognito emulator);
    // CDK suites bundle functions with esbuild. Both take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
      CDK_DISABLE_VERSION_CHECK: '1',
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Pure tests: one process runs every file, loading the shared modules once instead of
          // once per file (on 2 cores vitest runs one worker at a time, so per-file forks made
          // most of the wall time). A test that changes process state (process.env, TZ) restores it.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          // The suite's app is synthesised (its functions bundled by esbuild, the slow part) once
          // for every file: one process runs the files and synth.ts keeps the result. Its cloud
          // assemblies live in one temporary directory, removed after the run (global-setup.ts).
          isolate: false,
          globalSetup: ['test/infra/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/shared-dynamodb.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // The console built once (global-setup.ts) and one DynamoDB Local, as for integration;
          // each file drives one Debian chromium against its own local stack.
          globalSetup: ['test/integration/global-setup.ts', 'test/browser/global-setup.ts'],
          setupFiles: ['test/integration/shared-dynamodb.ts'],
          // After the other projects, alone: a real browser's timing and the integration suites'
          // concurrency checks do not compete for the same cores (about a minute more in all).
          sequence: { groupOrder: 1 },
          // A page waits on the API and Cognito: expect.poll's default second is less than a
          // round trip can take on a loaded machine, while a poll that holds returns at once.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
