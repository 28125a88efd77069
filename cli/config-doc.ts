/**
 * `npm run docs:config`: writes docs/configuration.md from shared/config/config.ts, so the page
 * cannot drift from what the functions parse at cold start. The zod schemas give each function's
 * variables, whether they are required, their default, their values and the rules between them;
 * the doc comments in the source give their meaning (read with the TypeScript compiler API, since
 * comments do not exist at run time). test/unit/docs/configuration.test.ts fails when the page is
 * not what this prints, and when a variable has no comment to explain it.
 *
 * `--check`: print nothing, exit 1 if docs/configuration.md is out of date.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import * as z from '../shared/domain/zod.js';
import * as config from '../shared/config/config.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CONFIG_SOURCE = 'shared/config/config.ts';
export const CONFIG_DOC = 'docs/configuration.md';

interface Comments {
  /** The file's first doc comment: what the configuration is. */
  intro: string;
  /** A variable's own doc comment, else the comment on the object it is declared in. */
  meaning: Map<string, string>;
}

/** Doc comment text without the asterisks, one paragraph. */
function commentOf(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs
    .map((d) => (typeof d.comment === 'string' ? d.comment : ts.getTextOfJSDocComment(d.comment)))
    .filter((t): t is string => Boolean(t))
    .join(' ');
  return text ? text.replace(/\s+/g, ' ').trim() : undefined;
}

const isEnvName = (name: string) => /^[A-Z][A-Z0-9_]*$/.test(name);

export function readComments(source: string): Comments {
  const file = ts.createSourceFile(CONFIG_SOURCE, source, ts.ScriptTarget.ES2022, true);
  const meaning = new Map<string, string>();
  let intro: string | undefined;
  const visit = (node: ts.Node, enclosing: string | undefined): void => {
    let here = enclosing;
    if (ts.isVariableStatement(node)) {
      const comment = commentOf(node);
      // The first doc comment speaks for the whole file, not for the object under it.
      if (intro === undefined && comment) intro = comment;
      else here = comment ?? enclosing;
    }
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && isEnvName(node.name.text)) {
      const text = commentOf(node) ?? here;
      if (text && !meaning.has(node.name.text)) meaning.set(node.name.text, text);
    }
    ts.forEachChild(node, (child) => visit(child, here));
  };
  visit(file, undefined);
  return { intro: intro ?? '', meaning };
}

type Schema = z.ZodMiniObject;
const isSchema = (v: unknown): v is Schema => v instanceof z.ZodMiniObject;

/** Every exported `…Config` schema (a module namespace lists its exports by name). */
function schemas(): [string, Schema][] {
  return Object.entries(config as Record<string, unknown>).filter((e): e is [string, Schema] => e[0].endsWith('Config') && isSchema(e[1]));
}

/** The function folders whose code names the schema (each handler loads its own). */
function readers(schemaName: string): string[] {
  const dir = join(ROOT, 'functions');
  const uses = new RegExp(`\\b${schemaName}\\b`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .filter((name) =>
      readdirSync(join(dir, name), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .some((f) => uses.test(readFileSync(join(dir, name, f), 'utf8'))),
    )
    .sort();
}

/** ENV_NAMES (the names the stack and the local runtime set), by schema name, where the module has one. */
function setByStack(): Map<string, readonly string[]> {
  const names = (config as Record<string, unknown>).ENV_NAMES as Record<string, readonly string[]> | undefined;
  const out = new Map<string, readonly string[]>();
  for (const [key, list] of Object.entries(names ?? {})) out.set(`${key[0]!.toUpperCase()}${key.slice(1)}Config`, list);
  return out;
}

const code = (s: string) => `\`${s}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** What a value may be, from the schema's input side (what the environment holds). */
function values(field: z.ZodMiniType): { kind: string; default?: unknown } {
  const js = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const parts: string[] = [];
  if (Array.isArray(js.enum)) parts.push(js.enum.map((v) => code(String(v))).join(' or '));
  else if (js.type === 'integer' || js.type === 'number') {
    const kind = js.type === 'integer' ? 'whole number' : 'number';
    parts.push(js.minimum !== undefined && js.maximum !== undefined ? `${kind}, ${js.minimum}–${js.maximum}` : kind);
  } else if (js.format === 'uri') parts.push('URL');
  else if (typeof js.pattern === 'string') parts.push(`text matching ${code(js.pattern)}`);
  else if (typeof js.minLength === 'number' && js.minLength > 1) parts.push(`text, at least ${js.minLength} characters`);
  else parts.push('text');
  return { kind: parts.join(', '), ...('default' in js ? { default: js.default } : {}) };
}

function presence(field: z.ZodMiniType, dflt: unknown): string {
  if (!field.safeParse(undefined).success) return 'required';
  if (dflt === undefined) return 'optional';
  return dflt === '' ? 'optional (default: empty)' : `optional (default ${code(String(dflt))})`;
}

/** The schema's rules across variables: its refinements' messages and the variables they name. */
function rules(schema: Schema): { message: string; path: string[] }[] {
  type Check = { _zod: { def: { error?: (issue: unknown) => unknown; path?: PropertyKey[] } } };
  const checks = (schema._zod.def.checks ?? []) as Check[];
  return checks.flatMap((c) => {
    const e = c._zod.def.error?.({});
    const message = typeof e === 'string' ? e : typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : undefined;
    return message ? [{ message, path: (c._zod.def.path ?? []).map(String) }] : [];
  });
}

export function renderConfigurationDoc(source = readFileSync(join(ROOT, CONFIG_SOURCE), 'utf8')): string {
  const { intro, meaning } = readComments(source);
  const stack = setByStack();
  const all = schemas().map(([name, schema]) => ({ name, schema, by: readers(name) }));
  all.sort((a, b) => (a.by[0] ?? a.name).localeCompare(b.by[0] ?? b.name));

  const variables = new Map<string, { field: z.ZodMiniType; readBy: Set<string> }>();
  const ruleFunctions = new Map<string, Set<string>>();
  const ruled = new Set<string>();
  const functionRows: string[] = [];
  for (const { name, schema, by } of all) {
    const keys = Object.keys(schema.shape);
    for (const key of keys) {
      const v = variables.get(key) ?? { field: schema.shape[key] as z.ZodMiniType, readBy: new Set<string>() };
      for (const f of by) v.readBy.add(f);
      variables.set(key, v);
    }
    const set = stack.get(name);
    const listed = keys.map((k) => (set && !set.includes(k) ? `${code(k)}¹` : code(k))).join(', ');
    functionRows.push(`| ${by.length ? by.map(code).join(', ') : '(none)'} | ${code(name)} | ${listed} |`);
    for (const r of rules(schema)) {
      const fns = ruleFunctions.get(r.message) ?? new Set<string>();
      for (const f of by) fns.add(f);
      ruleFunctions.set(r.message, fns);
      for (const p of r.path) ruled.add(p);
    }
  }

  const everyFunction = new Set(all.flatMap((s) => s.by));
  const variableRows = [...variables].map(([key, { field, readBy }]) => {
    const text = meaning.get(key);
    if (!text) throw new Error(`${CONFIG_SOURCE}: ${key} has no doc comment (nor has the object it is declared in); say what it is for`);
    const { kind, default: dflt } = values(field);
    const who = readBy.size === everyFunction.size ? 'all' : [...readBy].sort().join(', ');
    const required = presence(field, dflt) + (ruled.has(key) ? '; see the rules below' : '');
    return `| ${code(key)} | ${cell(who)} | ${cell(required)} | ${cell(kind)} | ${cell(text)} |`;
  });
  const ruleLines = [...ruleFunctions].map(([message, fns]) => `- ${message} (${[...fns].sort().map(code).join(', ')})`);

  return [
    "# Configuration: each function's environment",
    '',
    `<!-- Generated by \`npm run docs:config\` (cli/config-doc.ts) from ${CONFIG_SOURCE}. Edit the schemas and their comments there, then regenerate; test/unit/docs/configuration.test.ts fails while this page differs. -->`,
    '',
    intro,
    '',
    'On AWS the stack sets these variables (`infra/`, from the deployment file and the stack parameters:',
    'see [operations.md](operations.md#the-deployment-file)); locally the local runtime sets them (`local/`).',
    '',
    '## Which function reads what',
    '',
    '| function | schema | variables |',
    '|---|---|---|',
    ...functionRows,
    '',
    ...(stack.size ? ['¹ Accepted by the schema, but not among the names the stack and the local runtime set for that function (`ENV_NAMES`).', ''] : []),
    '## The variables',
    '',
    '| variable | read by | required | value | meaning |',
    '|---|---|---|---|---|',
    ...variableRows,
    '',
    ...(ruleLines.length ? ['## Rules across variables', '', ...ruleLines, ''] : []),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = join(ROOT, CONFIG_DOC);
  const wanted = renderConfigurationDoc();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // absent counts as out of date
    }
    if (current !== wanted) {
      process.stderr.write(`${CONFIG_DOC} is out of date: run npm run docs:config\n`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(target, wanted);
    process.stdout.write(`wrote ${relative(process.cwd(), target) || CONFIG_DOC}\n`);
  }
}
