/**
 * Builds the message catalogue from the template files (shared/messages/templates/, format in its
 * README.md) into templates.generated/<id>/<language>.json: one file per template and language,
 * which the functions read when they render that message (catalogue.ts), so no bundle carries the
 * catalogue and each function loads only what it renders. The bundling copies the directory
 * beside each function's index.mjs (infra/bundling.ts).
 *
 *   npm run templates            write templates.generated/ (only the files that changed)
 *   npm run templates -- --check exit 1 if it is out of date
 *
 * The generated files are committed, so tests, `npm start`, `cdk synth` and a fresh clone work
 * without a build step; a unit test fails when they are out of step with the template files.
 *
 * What the build does, per template and language: reads the sections (subject, text, html),
 * checks them, puts the shared pieces ([[> name]]) and the style constants ([[NAME]], styles.ts)
 * in place, and writes sr-Cyrl as the transliteration of sr-Latn. Mustache tags are left exactly
 * as written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from '../domain/zod.js';
import type { Language } from '../domain/vocabulary.js';
import { TEMPLATE_IDS, type TemplateId } from '../domain/template-ids.js';
import { type TemplateVariant } from './template-parts.js';
import * as STYLES from './styles.js';
import { srLatnToCyrl } from './translit.js';

export const TEMPLATES_DIR = join(import.meta.dirname, 'templates');
export const PIECES_DIR = join(TEMPLATES_DIR, '_pieces');
/** The generated catalogue: <id>/<language>.json (catalogue.ts reads it; keep the two in step). */
export const GENERATED_DIR = join(import.meta.dirname, 'templates.generated');

/** The languages written by hand, one file each; sr-Cyrl is generated from sr-Latn. */
export const WRITTEN_LANGUAGES = ['sq', 'sr-Latn', 'en'] as const;
type WrittenLanguage = (typeof WRITTEN_LANGUAGES)[number];
const LANGUAGE_ORDER: readonly Language[] = ['sq', 'sr-Latn', 'sr-Cyrl', 'en'];

const SECTION_NAMES = ['subject', 'text', 'html'] as const;
type SectionName = (typeof SECTION_NAMES)[number];
type Sections = Partial<Record<SectionName, string>>;

// ---------------------------------------------------------------------------------------------
// One file: sections
// ---------------------------------------------------------------------------------------------

const MARKER = /^---[ \t]*([A-Za-z-]+)[ \t]*---[ \t]*$/;

/**
 * Splits a file into its sections. A section starts at a `--- name ---` line and runs to the next
 * one; anything above the first is a note for translators and is ignored. Line ends become \n,
 * text is NFC, trailing spaces and the blank lines at either end of a section are dropped.
 */
export function parseSections(source: string, where: string): Sections {
  if (/[\uE000\uE001]/.test(source)) throw new Error(`${where}: contains a private-use character (U+E000 or U+E001)`);
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC').split('\n');
  const sections: Record<string, string[]> = {};
  let current: string[] | undefined;
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (m) {
      const name = m[1]!;
      if (!(SECTION_NAMES as readonly string[]).includes(name)) {
        throw new Error(`${where}:${i + 1}: unknown section "--- ${name} ---" (the sections are ${SECTION_NAMES.join(', ')})`);
      }
      if (sections[name]) throw new Error(`${where}:${i + 1}: section "${name}" appears twice`);
      current = sections[name] = [];
    } else if (line.startsWith('---') && current !== undefined) {
      throw new Error(`${where}:${i + 1}: "${line}" is not a section line (write --- subject ---, --- text --- or --- html ---)`);
    } else {
      current?.push(line.trimEnd());
    }
  });
  const out: Sections = {};
  for (const [name, body] of Object.entries(sections)) {
    let start = 0;
    let end = body.length;
    while (start < end && body[start] === '') start++;
    while (end > start && body[end - 1] === '') end--;
    out[name as SectionName] = body.slice(start, end).join('\n');
  }
  return out;
}

const OneLine = z.string().check(z.minLength(1, 'is empty'), z.refine((s) => !s.includes('\n'), 'must be one line'));
const Block = z.string().check(z.minLength(1, 'is empty'));

/** An email: subject, text and HTML. */
const EmailFile = z.strictObject({ subject: OneLine, text: Block, html: Block });
/** An SMS: one line of text. */
const SmsFile = z.strictObject({ text: OneLine });
/** A shared piece: a text part, an HTML part, or both. */
const PieceFile = z.strictObject({ text: z.optional(Block), html: z.optional(Block) }).check(
  z.refine((p) => p.text !== undefined || p.html !== undefined, 'needs a --- text --- or an --- html --- section'),
);

function check<T>(schema: z.ZodMiniType<T>, sections: Sections, where: string): T {
  const r = schema.safeParse(sections);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => {
    const at = i.path.length ? `section "${i.path.join('.')}"` : 'file';
    if (i.code === 'unrecognized_keys') return `section(s) ${i.keys.map((k) => `"${k}"`).join(', ')} not allowed here`;
    if (i.code === 'invalid_type' && i.input === undefined) return `${at} is missing`;
    return `${at} ${i.message}`;
  });
  throw new Error(`${where}: ${problems.join('; ')}`);
}

/** A template file's parts: an email has all three, an SMS only text. Email text and HTML end with a line break. */
export function parseTemplateFile(source: string, where: string): TemplateVariant {
  const sections = parseSections(source, where);
  if (sections.subject === undefined && sections.html === undefined) return check(SmsFile, sections, where);
  const email = check(EmailFile, sections, where);
  return { subject: email.subject, text: `${email.text}\n`, html: `${email.html}\n` };
}

export function parsePieceFile(source: string, where: string): Sections {
  return check(PieceFile, parseSections(source, where), where);
}

// ---------------------------------------------------------------------------------------------
// Pieces and styles
// ---------------------------------------------------------------------------------------------

const STYLE_VALUES: Readonly<Record<string, string>> = { ...STYLES };
const STYLE_NAMES = Object.keys(STYLE_VALUES);

/** [[NAME]] (a style) or [[> piece]] / [[> piece.text]] (a shared piece). */
const DIRECTIVE = /\[\[\s*(>)?\s*([^\]]*?)\s*\]\]/g;

/**
 * While building, a style or a piece stands as a marker: its index between private-use characters,
 * nothing the transliteration touches. The catalogue gets the text in its place; the generated
 * module a reference to a constant, so a bundle holds each style and each piece once, as the
 * TypeScript catalogue did.
 */
const STYLE_MARK = (i: number): string => `\uE000${i}\uE001`;
const PIECE_MARK = (i: number): string => `\uE002${i}\uE003`;
const MARKS = /\uE000(\d+)\uE001|\uE002(\d+)\uE003/g;

export type Pieces = ReadonlyMap<string, Readonly<Record<WrittenLanguage, Sections>>>;
type PiecePart = 'text' | 'html';
interface PieceUse {
  name: string;
  lang: Language;
  part: PiecePart;
  /** with marks */
  text: string;
}

/** One build: the pieces as used, each (name, language, part) once, children before parents. */
class Build {
  readonly used: PieceUse[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly pieces: Pieces) {}

  /**
   * Marks the styles and pieces of a section. `part` is the section: [[> agenda]] in a text
   * section takes the piece's text, in an html section its html; [[> action.text]] names the part.
   * Pieces may use pieces, not in a circle.
   */
  expand(template: string, part: SectionName, lang: WrittenLanguage, where: string, stack: readonly string[] = []): string {
    const out = template.replace(DIRECTIVE, (_all, isPiece: string | undefined, body: string) => {
      if (!isPiece) {
        if (!(body in STYLE_VALUES)) throw new Error(`${where}: unknown style [[${body}]] (the styles are in shared/messages/styles.ts: ${STYLE_NAMES.join(', ')})`);
        return STYLE_MARK(STYLE_NAMES.indexOf(body));
      }
      const m = /^([a-z0-9-]+)(?:\.(text|html))?$/.exec(body);
      if (!m) throw new Error(`${where}: "[[> ${body}]]" is not a piece name (write [[> name]] or [[> name.text]])`);
      const name = m[1]!;
      const piecePart = (m[2] ?? part) as SectionName;
      const piece = this.pieces.get(name);
      if (!piece) throw new Error(`${where}: no shared piece "${name}" (templates/_pieces/${name}/)`);
      if (stack.includes(name)) throw new Error(`${where}: pieces include each other: ${[...stack, name].join(' → ')}`);
      const text = piecePart === 'subject' ? undefined : piece[lang][piecePart];
      if (text === undefined) throw new Error(`${where}: piece "${name}" has no ${piecePart} section in ${lang}`);
      return PIECE_MARK(this.use(name, lang, piecePart as PiecePart, () => this.expand(text, piecePart, lang, `_pieces/${name}/${lang}.txt`, [...stack, name])));
    });
    if (/\[\[|\]\]/.test(out)) throw new Error(`${where}: a "[[" or "]]" that is not a style or a piece`);
    return out;
  }

  /** The sr-Cyrl of a marked sr-Latn text: its pieces' marks point to their sr-Cyrl versions. */
  cyrillic(latn: string): string {
    return toCyrillic(latn).replace(/\uE002(\d+)\uE003/g, (_m, i: string) => {
      const p = this.used[Number(i)]!;
      return PIECE_MARK(this.use(p.name, 'sr-Cyrl', p.part, () => this.cyrillic(p.text)));
    });
  }

  /** The text as sent: every mark replaced by its style or piece. */
  resolve(text: string): string {
    return text.replace(MARKS, (_m, style: string | undefined, piece: string | undefined) =>
      style !== undefined ? STYLE_VALUES[STYLE_NAMES[Number(style)]!]! : this.resolve(this.used[Number(piece)]!.text),
    );
  }

  private use(name: string, lang: Language, part: PiecePart, text: () => string): number {
    const key = `${name}/${lang}/${part}`;
    let i = this.index.get(key);
    if (i === undefined) {
      const t = text();
      i = this.used.push({ name, lang, part, text: t }) - 1;
      this.index.set(key, i);
    }
    return i;
  }
}

/** Puts the pieces and styles of one section in place. */
export function expand(template: string, part: SectionName, lang: WrittenLanguage, pieces: Pieces, where: string): string {
  const build = new Build(pieces);
  return build.resolve(build.expand(template, part, lang, where));
}

// ---------------------------------------------------------------------------------------------
// sr-Latn → sr-Cyrl
// ---------------------------------------------------------------------------------------------

/**
 * Latin words a Cyrillic text keeps as they are (brand and product names, say). None so far:
 * every Latin word in the Serbian templates, SMS and the office acronyms included, is written in
 * Cyrillic in the Cyrillic texts.
 */
export const KEEP_LATIN: readonly string[] = [];

/** Left as they are: Mustache tags, HTML tags, character references, URLs, email addresses. */
const KEEP =
  /\{\{\{[\s\S]*?\}\}\}|\{\{[\s\S]*?\}\}|<[^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|\bhttps?:\/\/[^\s<>"{}]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** The Cyrillic text of a template part: the words transliterated, the markup and the kept Latin not. */
export function toCyrillic(latn: string, keepLatin: readonly string[] = KEEP_LATIN): string {
  const keepWords = keepLatin.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${keepLatin.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'gu')
    : undefined;
  const plain = (s: string): string => {
    if (!keepWords) return srLatnToCyrl(s);
    let out = '';
    let last = 0;
    for (const m of s.matchAll(keepWords)) {
      out += srLatnToCyrl(s.slice(last, m.index)) + m[0];
      last = m.index + m[0].length;
    }
    return out + srLatnToCyrl(s.slice(last));
  };
  let out = '';
  let last = 0;
  for (const m of latn.matchAll(KEEP)) {
    out += plain(latn.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  out += plain(latn.slice(last));
  return out.replaceAll('lang="sr-Latn"', 'lang="sr-Cyrl"');
}

// ---------------------------------------------------------------------------------------------
// The whole catalogue
// ---------------------------------------------------------------------------------------------

export type Catalogue = Record<TemplateId, Record<Language, TemplateVariant>>;

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function listDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The files of one template or piece directory: exactly sq.txt, sr-Latn.txt and en.txt. */
function languageFiles(dir: string): Record<WrittenLanguage, string> {
  const rel = relative(TEMPLATES_DIR, dir);
  const names = readdirSync(dir).sort();
  const expected = WRITTEN_LANGUAGES.map((l) => `${l}.txt`);
  if (names.includes('sr-Cyrl.txt')) throw new Error(`${rel}/sr-Cyrl.txt: sr-Cyrl is generated from sr-Latn.txt; delete this file and edit sr-Latn.txt`);
  const extra = names.filter((n) => !expected.includes(n));
  const missing = expected.filter((n) => !names.includes(n));
  if (extra.length || missing.length) {
    throw new Error(`${rel}/: ${[missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unexpected ${extra.join(', ')}` : ''].filter(Boolean).join('; ')} (one file per language: ${expected.join(', ')})`);
  }
  return Object.fromEntries(WRITTEN_LANGUAGES.map((l) => [l, join(dir, `${l}.txt`)])) as Record<WrittenLanguage, string>;
}

export function loadPieces(dir = PIECES_DIR): Map<string, Record<WrittenLanguage, Sections>> {
  const pieces = new Map<string, Record<WrittenLanguage, Sections>>();
  if (!existsSync(dir)) return pieces;
  for (const name of listDirs(dir)) {
    const files = languageFiles(join(dir, name));
    pieces.set(name, Object.fromEntries(WRITTEN_LANGUAGES.map((l) => [l, parsePieceFile(read(files[l]), `_pieces/${name}/${l}.txt`)])) as Record<WrittenLanguage, Sections>);
  }
  return pieces;
}

/** Reads and checks every file; the catalogue with marks (and the build that resolves them). */
function buildMarked(dir: string): { build: Build; marked: Catalogue } {
  const dirs = listDirs(dir).filter((d) => d !== '_pieces');
  const ids = new Set<string>(TEMPLATE_IDS);
  const unknown = dirs.filter((d) => !ids.has(d));
  const missing = TEMPLATE_IDS.filter((id) => !dirs.includes(id));
  if (unknown.length) throw new Error(`templates/: ${unknown.join(', ')}: not a template id (TEMPLATE_IDS in shared/domain/template-ids.ts)`);
  if (missing.length) throw new Error(`templates/: no directory for ${missing.join(', ')}`);

  const pieces = loadPieces(join(dir, '_pieces'));
  const build = new Build(pieces);
  const marked = {} as Catalogue;
  for (const id of TEMPLATE_IDS) {
    const files = languageFiles(join(dir, id));
    const variants = {} as Record<Language, TemplateVariant>;
    for (const lang of WRITTEN_LANGUAGES) {
      const where = `${id}/${lang}.txt`;
      const raw = parseTemplateFile(read(files[lang]), where);
      const v: TemplateVariant = { text: '' };
      for (const part of SECTION_NAMES) {
        const t = raw[part];
        if (t !== undefined) v[part] = build.expand(t, part, lang, where);
      }
      variants[lang] = v;
    }
    const cyrl: TemplateVariant = { text: '' };
    for (const part of SECTION_NAMES) {
      const latn = variants['sr-Latn'][part];
      if (latn === undefined) continue;
      cyrl[part] = build.cyrillic(latn);
      // A piece is transliterated on its own: that must give what the whole text would.
      if (build.resolve(cyrl[part]) !== toCyrillic(build.resolve(latn))) {
        throw new Error(`${id}/sr-Latn.txt ${part}: a shared piece reads differently in Cyrillic on its own than in this text (a letter pair across its edge?)`);
      }
    }
    variants['sr-Cyrl'] = cyrl;
    marked[id] = Object.fromEntries(LANGUAGE_ORDER.map((l) => [l, variants[l]])) as Record<Language, TemplateVariant>;
  }
  const unused = [...pieces.keys()].filter((p) => !build.used.some((u) => u.name === p));
  if (unused.length) throw new Error(`templates/_pieces/: ${unused.join(', ')}: used by no template`);
  return { build, marked };
}

/** Reads every template file, checks it, and returns the catalogue as sent, sr-Cyrl generated. */
export function buildCatalogue(dir = TEMPLATES_DIR): Catalogue {
  const { build, marked } = buildMarked(dir);
  for (const variants of Object.values(marked)) {
    for (const v of Object.values(variants)) {
      for (const part of SECTION_NAMES) if (v[part] !== undefined) v[part] = build.resolve(v[part]);
    }
  }
  return marked;
}

// ---------------------------------------------------------------------------------------------
// The generated module
// ---------------------------------------------------------------------------------------------

/**
 * The generated catalogue, built from the files in `dir`: each template's variant in each
 * language as sent (pieces and styles in place), by path relative to GENERATED_DIR.
 */
export function generatedFiles(dir = TEMPLATES_DIR): Map<string, string> {
  const files = new Map<string, string>();
  for (const [id, variants] of Object.entries(buildCatalogue(dir))) {
    for (const [lang, variant] of Object.entries(variants)) files.set(`${id}/${lang}.json`, `${JSON.stringify(variant, null, 2)}\n`);
  }
  return files;
}

/** The files under GENERATED_DIR now, by relative path. */
function currentFiles(): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(GENERATED_DIR)) return files;
  for (const id of listDirs(GENERATED_DIR)) {
    for (const name of readdirSync(join(GENERATED_DIR, id))) files.set(`${id}/${name}`, read(join(GENERATED_DIR, id, name)));
  }
  return files;
}

/** What differs between the generated catalogue and GENERATED_DIR: files to write and files to remove. */
export function staleFiles(dir = TEMPLATES_DIR): { write: Map<string, string>; remove: string[] } {
  const wanted = generatedFiles(dir);
  const current = currentFiles();
  const write = new Map([...wanted].filter(([path, text]) => current.get(path) !== text));
  const remove = [...current.keys()].filter((path) => !wanted.has(path));
  return { write, remove };
}

function main(args: string[]): number {
  const checkOnly = args.includes('--check');
  const quiet = args.includes('--quiet');
  let stale: ReturnType<typeof staleFiles>;
  try {
    stale = staleFiles();
  } catch (e) {
    process.stderr.write(`templates: ${(e as Error).message}\n`);
    return 1;
  }
  const name = relative(process.cwd(), GENERATED_DIR);
  if (stale.write.size === 0 && stale.remove.length === 0) {
    if (!quiet) process.stderr.write(`templates: ${name}/ is up to date\n`);
    return 0;
  }
  if (checkOnly) {
    process.stderr.write(`templates: ${name}/ is out of date (${stale.write.size} to write, ${stale.remove.length} to remove); run npm run templates\n`);
    return 1;
  }
  for (const [path, text] of stale.write) {
    mkdirSync(join(GENERATED_DIR, path, '..'), { recursive: true });
    writeFileSync(join(GENERATED_DIR, path), text);
  }
  for (const path of stale.remove) rmSync(join(GENERATED_DIR, path));
  for (const id of listDirs(GENERATED_DIR)) if (readdirSync(join(GENERATED_DIR, id)).length === 0) rmSync(join(GENERATED_DIR, id), { recursive: true });
  process.stderr.write(`templates: ${name}/: wrote ${stale.write.size}, removed ${stale.remove.length}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
