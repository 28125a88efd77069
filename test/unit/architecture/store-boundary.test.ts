import { dirname, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedNames, importsOf, ROOT, tsFiles, type ImportOf } from './source-imports.js';

/**
 * The table is reached through shared/store/ only: use cases call repositories (ports.ts), the
 * DynamoDB adapters behind them own the keys, the conditional writes and the SDK. A use case that
 * built a key or sent a command itself would tie its rules to the table's layout, and could not be
 * run against another adapter of the same ports.
 */

const STORE = 'shared/store/';
const DYNAMODB_SDK = new Set(['@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb', '@aws-sdk/util-dynamodb']);

/** Where the DynamoDB SDK may be used outside the store, and why. */
const SDK_ALLOWED: Record<string, string> = {
  'shared/aws/clients.ts': 'creates the document client once per process, for the stores',
  'shared/stream/': 'unmarshals the stream images the table sends the functions',
  'local/': 'runs DynamoDB Local, creates the table and polls its stream',
  'bench/': 'seeds a year of history and times raw reads against the functions',
  'soak/': 'seeds and scans the table around a long run',
  'test/integration/': 'end-to-end tests seed the table and read back what was written, as stored',
  'test/unit/stream/': 'builds stream images to check the declared filters',
  'test/unit/store/wrote.test.ts': "wrote()'s own test: the SDK's commands, and its refusals as the client throws them",
  'test/unit/local/table-access.test.ts': "the local stand-in for each function's role: commands as a function sends them, let through or refused",
  'test/unit/bench/counting-refused.test.ts': "the bench's counter on a client of its own: writes refused as DynamoDB answers them, through the SDK's deserializer",
};

/** Where the store's key builders may be used outside the store, and why. */
const KEYS_ALLOWED: Record<string, string> = {
  'test/unit/store/': "the store's own tests",
  'test/integration/': 'end-to-end tests read back what was written, at its key',
  'test/unit/local/table-access.test.ts': "each function's declared partitions against the keys the entities build",
};

/** Where a DynamoDB adapter (`*-store.ts`) may be imported, rather than built by dynamoRepositories(). */
const ADAPTERS_ALLOWED: Record<string, string> = {
  'test/unit/store/': "the store's own tests",
};

/**
 * Where the in-memory adapters (shared/store/in-memory/) may be imported: tests run the use cases
 * and the repositories' contract on them. Nothing a function bundles reaches them, the DynamoDB
 * adapters included.
 */
const IN_MEMORY = 'shared/store/in-memory/';
const IN_MEMORY_ALLOWED: Record<string, string> = {
  'test/': 'unit tests of the use cases, and the contract both adapters are held to',
};

/** A key builder: `caseKey`, `referralKey`… (`…Key`, `…Keys`), a partition (`…Pk`) or the worklists' keys (`lists`). */
const isKeyBuilder = (name: string) => /(Keys?|Pk)$/.test(name) || name === 'lists';

const rel = (path: string) => relative(ROOT, path).split(sep).join('/');
const allowed = (file: string, list: Record<string, string>) => Object.keys(list).some((prefix) => file === prefix || (prefix.endsWith('/') && file.startsWith(prefix)));

/** The repository-relative path a relative specifier of `file` points at (its .ts source), or undefined. */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return rel(resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts');
}

const files = tsFiles(ROOT)
  .map(rel)
  .map((file) => ({ file, imports: importsOf(resolve(ROOT, file)) }));
const outside = files.filter(({ file }) => !file.startsWith(STORE));

/** Imports from the store's modules (value or type) of `file`, with the store module they reach. */
function storeImports(file: string, imports: ImportOf[]): (ImportOf & { module: string })[] {
  return imports.flatMap((i) => {
    const module = target(file, i.from);
    return module?.startsWith(STORE) ? [{ ...i, module }] : [];
  });
}

describe('the store boundary', () => {
  const keyBuilders = new Set(
    files.filter(({ file }) => file.startsWith(STORE)).flatMap(({ file }) => exportedNames(resolve(ROOT, file)).filter(isKeyBuilder)),
  );

  it('finds what it is meant to judge', () => {
    expect(outside.length).toBeGreaterThan(200);
    for (const name of ['caseKey', 'referralKey', 'intentKey', 'timerKey', 'meetingKey', 'appointmentKey', 'addressKey', 'municipalityPk', 'lists']) {
      expect(keyBuilders, name).toContain(name);
    }
    const probe = importsOf('x.ts', "import { caseKey, type CaseItem } from '../store/case.js';\nimport type { X } from 'y';\nexport { a as b } from './c.js';");
    expect(probe).toEqual([
      { from: '../store/case.js', names: ['caseKey', 'CaseItem'], typeOnly: false },
      { from: 'y', names: ['X'], typeOnly: true },
      { from: './c.js', names: ['a'], typeOnly: false },
    ]);
  });

  it('the DynamoDB SDK is imported only by the store and the adapters listed, each with its reason', () => {
    const offending = outside
      .filter(({ file }) => !allowed(file, SDK_ALLOWED))
      .flatMap(({ file, imports }) => imports.filter((i) => DYNAMODB_SDK.has(i.from)).map((i) => `${file} imports ${i.from}`));
    expect(offending).toEqual([]);
  });

  it("the store's key builders are used only inside the store", () => {
    const offending = outside
      .filter(({ file }) => !allowed(file, KEYS_ALLOWED))
      .flatMap(({ file, imports }) =>
        storeImports(file, imports).flatMap((i) => i.names.filter((n) => keyBuilders.has(n)).map((n) => `${file} imports ${n} from ${i.module}`)),
      );
    expect(offending).toEqual([]);
  });

  it('the in-memory adapters are imported by tests only, so no function bundles them', () => {
    const offending = files
      .filter(({ file }) => !file.startsWith(IN_MEMORY) && !allowed(file, IN_MEMORY_ALLOWED))
      .flatMap(({ file, imports }) => imports.map((i) => ({ file, module: target(file, i.from) })).filter((i) => i.module?.startsWith(IN_MEMORY)).map((i) => `${i.file} imports ${i.module}`));
    expect(offending).toEqual([]);
    expect(files.some(({ file }) => file === `${IN_MEMORY}repositories.ts`)).toBe(true);
  });

  it('the DynamoDB adapters are built by dynamoRepositories(), not by the functions or use cases', () => {
    const offending = outside
      .filter(({ file }) => !allowed(file, ADAPTERS_ALLOWED))
      .flatMap(({ file, imports }) => storeImports(file, imports).filter((i) => i.module.endsWith('-store.ts') && !i.typeOnly).map((i) => `${file} imports ${i.module}`));
    expect(offending).toEqual([]);
  });
});
