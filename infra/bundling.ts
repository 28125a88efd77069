/**
 * How a function is bundled, declared once: the CDK stack (constructs/house-function.ts, through
 * NodejsFunction's esbuild), `npm run bench` and the bundle budget test (test/infra/bundles.test.ts,
 * on the bundles the stack staged) all build with these options. No CDK and no esbuild import here,
 * so the bench and the tests read it without either.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Issue #18's goal for every function's index.mjs, minified. Not met: see BUNDLE_BUDGET_BYTES and BUNDLE_AWS_SDK. */
export const BUNDLE_GOAL_BYTES = 300 * 1024;

/**
 * The most a function's index.mjs may be, minified: the bundle budget test (test/infra/
 * bundles.test.ts) fails above it, and the bench reports against it. About 5 % (40 KB) above the
 * largest bundle today (deliver-notifications, 774 KB since zod/mini: the SDK's DynamoDB, SES,
 * SNS and SSM clients 393 KB of it), so that what brings back the SDK's default credential chain
 * (100–136 KB), classic zod (60 KB more than zod/mini) or its locales, the message catalogue
 * (250–350 KB) or luxon (71 KB; date-fns with its zone and UTC dates is 12 KB) fails at once;
 * lower it as functions shrink. BUNDLE_GOAL_BYTES cannot be met while the SDK is bundled (below).
 */
export const BUNDLE_BUDGET_BYTES = 815 * 1024;

/**
 * The bundle is ESM (the repository is "type": "module"; top-level await and import.meta work
 * in handlers). Some CommonJS dependencies call `require()` for Node built-ins, which an ESM
 * bundle does not have: the banner gives them one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __houseCreateRequire } from 'node:module'; const require = __houseCreateRequire(import.meta.url);";

/**
 * The AWS SDK v3 is bundled, not left to the one the Lambda runtime ships. Measured (`BENCH_ONLY=bundles
 * BENCH_SDK_COMPARE=1 npm run bench`, docs/benchmarks.md): left out, the bundles are 200–400 KB
 * smaller (290–616 KB with luxon, about 59 KB less each since date-fns replaced it, so still over
 * BUNDLE_GOAL_BYTES in most: zod and the platform's own code weigh that much without it), but module load takes about three times as long
 * (the runtime's SDK is loaded file by file and unshaken: bundled ÷ unbundled median 0.47×
 * against 0.15× bundled), which undoes the 0.35× load goal and every cold start. And the runtime's
 * SDK is whatever version Lambda ships: the sending clients' one attempt and request timeouts
 * (shared/aws/clients.ts, on which never-twice rests) would depend on it. The price: the SDK's
 * 200–390 KB (Smithy core 112–127 KB in every function) is most of BUNDLE_GOAL_BYTES by itself.
 */
export const BUNDLE_AWS_SDK = true;

/**
 * Where the bundles' SDK clients take their credentials from: the environment Lambda sets, and
 * nothing else (the module says why). Relative to the repository root, where esbuild runs.
 */
export const LAMBDA_CREDENTIALS = './shared/aws/lambda-credentials.ts';

/** The esbuild options every function is built with (esbuild's JS API names). */
export const HOUSE_ESBUILD = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // ESM entry points where a package has them: they tree-shake (the AWS SDK's dist-es above all).
  mainFields: ['module', 'main'],
  // Albanian and Serbian (Latin and Cyrillic) as written, not as \uXXXX escapes (6 bytes each).
  charset: 'utf8',
  banner: { js: ESM_REQUIRE_BANNER },
  external: BUNDLE_AWS_SDK ? [] : ['@aws-sdk/*'],
  // The SDK's default credential chain, of which Lambda uses only the environment: see the module.
  alias: { '@aws-sdk/credential-provider-node': LAMBDA_CREDENTIALS },
} as const;

/**
 * The message catalogue the functions read at run time (shared/messages/catalogue.ts): the
 * generated directory, copied beside index.mjs in the bundles that render messages.
 */
export const CATALOGUE_DIR = 'shared/messages/templates.generated';
const CATALOGUE_DIR_NAME = 'templates.generated';

/**
 * Only a bundle that holds catalogue.ts names the directory, so only a function that renders
 * messages gets the templates (the others' assets stay their index.mjs and its map).
 */
function rendersMessages(bundle: string): boolean {
  return bundle.includes(`./${CATALOGUE_DIR_NAME}/`);
}

/** For NodejsFunction's afterBundling hook: the shell command that copies the catalogue where it is needed. */
export function copyCatalogueCommand(inputDir: string, outputDir: string): string {
  return `if grep -qF "./${CATALOGUE_DIR_NAME}/" "${outputDir}/index.mjs"; then cp -R "${join(inputDir, CATALOGUE_DIR)}" "${join(outputDir, CATALOGUE_DIR_NAME)}"; fi`;
}

/** The same for a bundle built with the esbuild API (the bench): copies the catalogue beside `outfile` if it renders. */
export function copyCatalogueBeside(repoRoot: string, outfile: string): boolean {
  const outdir = join(outfile, '..');
  if (!existsSync(outfile) || !rendersMessages(readFileSync(outfile, 'utf8'))) return false;
  cpSync(join(repoRoot, CATALOGUE_DIR), join(outdir, CATALOGUE_DIR_NAME), { recursive: true });
  return true;
}
