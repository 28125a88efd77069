/**
 * The operator CLI's commands, as pure functions: each returns what to print and the exit code,
 * so tests call them directly; cli/referrals.ts only hands over argv and stdin and prints the result.
 *
 * Exit codes: 0 done; 1 the thing checked is not valid (a directory file) or rendering failed;
 * 2 the command line is wrong (unknown command, template id, language or option).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadDirectoryFromFiles } from '../shared/directory/directory.js';
import { parseRule } from '../shared/domain/recurrence.js';
import { Language } from '../shared/domain/vocabulary.js';
import { gsmStats, isGsm7Char, toGsm7, type GsmStats } from '../shared/messages/gsm.js';
import { CATALOGUE, renderAny } from '../shared/messages/index.js';
import { TEMPLATE_IDS, type TemplateId } from '../shared/domain/template-ids.js';
import { DEFAULT_SMS_POLICY, SmsLetters, SmsPolicy } from '../shared/domain/sms-policy.js';
import { applySmsPolicy, type SmsPolicyResult } from '../shared/messages/sms-policy.js';
import { sampleData } from '../shared/messages/samples.js';

export interface CommandResult {
  stdout: string;
  exitCode: number;
}

export interface CliDeps {
  /** The text on stdin, or undefined when there is none to read (a terminal). Used by `sms-check` without a text argument. */
  readStdin?: () => string | undefined;
}

export type Channel = 'email' | 'sms';

const LANGUAGES: readonly Language[] = Language.options;

export const USAGE = `Usage: npx tsx cli/referrals.ts <command> [options]   (or: npm run cli -- <command> [options])

Commands:
  preview <templateId> [--lang sq|sr-Latn|sr-Cyrl|en] [--json] [--html]
      Render a template with built-in sample data. Email: the subject, then the text
      (--html: the HTML document only; --lang may list several languages, comma-separated,
      for a bilingual email, e.g. --lang sq,sr-Latn). SMS: the text and what it costs.
      Default language: sq.
  sms-check <text…> [--json] [--policy keep|gsm7|auto] [--max-segments N]
      Encoding, characters, units and segments of an SMS text (from stdin when no text is
      given), and the same for its GSM-7 transliteration. Use -- before a text that starts with -.
      With --policy and/or --max-segments: also what an SMS cost policy would send (defaults:
      auto, ${DEFAULT_SMS_POLICY.maxSegments} segments, as the default policy) and whether it fits.
  directory validate <file.json…>
      Validate municipality directory files; every error names the file and the field.
  templates [--json]
      The template ids, their channel and, for SMS, the segments per language with the sample
      data: as written → under the default SMS policy (* transliterated, ! over its cap).
  dlq list|redrive|help [--queue-url <url> | --local [port]] …
      The dead-letter queues: list parked batches, redrive them (cli/dlq.ts; dlq help for more).
  address status|clear <email> [--table <name>]
      Whether the platform still emails an address SES reported as bounced or complained, and
      lifting that block once the mailbox is fixed (cli/address.ts; address help for more).
  timers quarantined|retry [<pk> <sk>] [--table <name>] [--json]
      The timers that failed every attempt to fire (a TimersQuarantined alarm), and putting one
      back once the cause is fixed (cli/timers.ts; timers help for more).
  users add|list|remove [--user-pool-id <id> | --local] …
      A deployment's users through the Cognito admin API: add one with --email, --role,
      --municipality <id|*> [--coordinator <directory id>]; list them; remove one
      (cli/users.ts; users help for more).
  case export|erase <caseId> --by <operator> …
      A data subject's access and erasure: everything held about a case as JSON, or its
      personal data removed now (--reason), both on record with who asked (cli/case.ts).
  holidays runway|draft <year> [--json]
      How far ahead the holiday file reaches (the stack alarms below 24 months), and a draft of
      a year to add: Easters computed, Eid from the Umm al-Qura table (cli/holidays.ts).
  token <short name>
      Signs in as a local demo user (npm start running) and prints their access token alone
      on the last line: TOKEN=$(npm run -s cli -- token obiliq-coordinator | tail -n 1).
  help
      This text.

Exit codes: 0 ok, 1 invalid (directory) or failed, 2 wrong command line.
`;

const ok = (stdout: string): CommandResult => ({ stdout: withNewline(stdout), exitCode: 0 });
const usageError = (message: string): CommandResult => ({ stdout: withNewline(message), exitCode: 2 });

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function isTemplateId(id: string): id is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(id);
}

/** 'sms' for the templates without a subject (text only), 'email' for the others. */
export function channelOf(templateId: TemplateId): Channel {
  return CATALOGUE[templateId].en.subject === undefined ? 'sms' : 'email';
}

function statsLines(stats: GsmStats, text: string): string[] {
  return [
    `text:       ${text}`,
    `encoding:   ${stats.encoding}`,
    `characters: ${stats.characters}`,
    `units:      ${stats.units}`,
    `segments:   ${stats.segments}`,
  ];
}

/** The distinct characters that keep a text out of GSM-7, e.g. "ë (U+00EB), – (U+2013)". */
function nonGsmCharacters(text: string): string {
  const seen = new Set<string>();
  for (const ch of text) if (!isGsm7Char(ch)) seen.add(ch);
  const shown = [...seen].slice(0, 10).map((ch) => {
    const cp = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `${ch} (${cp})` : cp;
  });
  return seen.size > shown.length ? `${shown.join(', ')}, … (${seen.size} in all)` : shown.join(', ');
}

// ---------------------------------------------------------------------------------------------
// preview
// ---------------------------------------------------------------------------------------------

export interface PreviewOptions {
  /** One language, or several comma-separated for a multilingual email; default 'sq'. */
  lang?: string;
  json?: boolean;
  /** Email only: print the HTML document instead of subject and text. */
  html?: boolean;
}

function parseLanguages(value: string | undefined): Language[] | string {
  const parts = (value ?? 'sq').split(',').map((s) => s.trim());
  const bad = parts.filter((p) => !(LANGUAGES as readonly string[]).includes(p));
  if (bad.length > 0 || parts.length === 0) return `unknown language ${JSON.stringify(bad[0] ?? value)}; one of: ${LANGUAGES.join(', ')}`;
  return parts as Language[];
}

export function preview(templateId: string, options: PreviewOptions = {}): CommandResult {
  if (!isTemplateId(templateId)) {
    return usageError(`unknown template id ${JSON.stringify(templateId)}; the template ids are:\n${TEMPLATE_IDS.map((id) => `  ${id}`).join('\n')}`);
  }
  const languages = parseLanguages(options.lang);
  if (typeof languages === 'string') return usageError(`preview: ${languages}`);
  const channel = channelOf(templateId);
  if (channel === 'sms' && languages.length > 1) return usageError(`preview: ${templateId} is an SMS, in one language; got ${languages.join(', ')}`);
  if (channel === 'sms' && options.html) return usageError(`preview: ${templateId} is an SMS; it has no HTML`);

  let rendered;
  try {
    rendered = renderAny(templateId, sampleData(templateId, languages[0]!), languages);
  } catch (e) {
    return { stdout: withNewline(`preview: ${templateId}: ${(e as Error).message}`), exitCode: 1 };
  }

  if (rendered.sms !== undefined) {
    const text = rendered.sms;
    const gsm = toGsm7(text);
    const stats = gsmStats(text);
    const gsmStatsOf = gsmStats(gsm);
    if (options.json) {
      return ok(json({ templateId, channel, language: languages[0], sms: { ...stats, text }, gsm7: { ...gsmStatsOf, text: gsm } }));
    }
    return ok(
      [
        `${templateId} (sms, ${languages[0]})`,
        '',
        text,
        '',
        `encoding: ${stats.encoding}, characters: ${stats.characters}, units: ${stats.units}, segments: ${stats.segments}`,
        ...(stats.encoding === 'GSM-7' ? [] : [`outside GSM-7: ${nonGsmCharacters(text)}`]),
        `as GSM-7 (toGsm7): units: ${gsmStatsOf.units}, segments: ${gsmStatsOf.segments}`,
      ].join('\n'),
    );
  }

  const email = rendered.email!;
  if (options.json) return ok(json({ templateId, channel, languages, subject: email.subject, text: email.text, html: email.html }));
  if (options.html) return ok(email.html);
  return ok(`Subject: ${email.subject}\n\n${email.text}`);
}

// ---------------------------------------------------------------------------------------------
// sms-check
// ---------------------------------------------------------------------------------------------

export interface SmsCheckJson {
  original: GsmStats & { text: string };
  gsm7: GsmStats & { text: string };
  /** Only when a policy was asked for (--policy / --max-segments). */
  policy?: SmsCheckPolicyJson;
}

export interface SmsCheckPolicyJson extends SmsPolicyResult {
  letters: SmsLetters;
  maxSegments: number;
}

export interface SmsCheckOptions {
  json?: boolean;
  /** The letters rule, for whatever language the text is in; default 'auto' when maxSegments is given. */
  policy?: SmsLetters;
  /** Default: DEFAULT_SMS_POLICY's, when policy is given. */
  maxSegments?: number;
}

/** One rule for every language: sms-check does not know the text's language, and need not. */
function uniformPolicy(letters: SmsLetters, maxSegments: number): SmsPolicy {
  // The CLI asks what N segments buy: letters kept up to the cap, whatever the returnee page does.
  return { maxSegments, keepLettersUpTo: maxSegments, letters: { sq: letters, 'sr-Latn': letters, 'sr-Cyrl': letters, en: letters } };
}

export function smsCheckResult(text: string, policy?: { letters: SmsLetters; maxSegments: number }): SmsCheckJson {
  const gsm = toGsm7(text);
  const result: SmsCheckJson = { original: { ...gsmStats(text), text }, gsm7: { ...gsmStats(gsm), text: gsm } };
  if (policy) result.policy = { ...policy, ...applySmsPolicy(text, 'en', uniformPolicy(policy.letters, policy.maxSegments)) };
  return result;
}

export function smsCheck(text: string, options: SmsCheckOptions = {}): CommandResult {
  let policy: { letters: SmsLetters; maxSegments: number } | undefined;
  if (options.policy !== undefined || options.maxSegments !== undefined) {
    // Validated as a directory entry's policy would be: the same limits, the same messages.
    const parsed = SmsPolicy.safeParse(uniformPolicy(options.policy ?? 'auto', options.maxSegments ?? DEFAULT_SMS_POLICY.maxSegments));
    if (!parsed.success) {
      return usageError(`sms-check: ${parsed.error.issues.map((i) => `${i.path[0] === 'maxSegments' ? '--max-segments' : '--policy'}: ${i.message}`)[0]}`);
    }
    policy = { letters: parsed.data.letters.en, maxSegments: parsed.data.maxSegments };
  }
  const r = smsCheckResult(text, policy);
  if (options.json) return ok(json(r));
  const lines = statsLines(r.original, text);
  if (r.original.encoding === 'GSM-7') {
    lines.push('', 'Already GSM-7.');
  } else {
    lines.push(`outside GSM-7: ${nonGsmCharacters(text)}`, '', 'GSM-7 alternative (toGsm7):', ...statsLines(r.gsm7, r.gsm7.text));
    const saved = r.original.segments - r.gsm7.segments;
    lines.push('', saved > 0 ? `saves ${saved} segment${saved === 1 ? '' : 's'}` : 'saves no segment');
  }
  if (r.policy) {
    const p = r.policy;
    lines.push(
      '',
      `Policy ${p.letters}, at most ${plural(p.maxSegments, 'segment')}:`,
      `sends:      ${p.transliterated ? 'the GSM-7 transliteration' : 'the text as written'}`,
      `text:       ${p.text}`,
      `encoding:   ${p.stats.encoding}`,
      `segments:   ${p.stats.segments}`,
      p.withinCap ? 'within the cap' : 'over the cap: delivery would refuse it (SegmentCapExceeded)',
    );
  }
  return ok(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// directory validate
// ---------------------------------------------------------------------------------------------

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function directoryValidate(files: readonly string[]): CommandResult {
  if (files.length === 0) return usageError('directory validate: give one or more municipality files (JSON)');
  const out: string[] = [];
  let failed = false;
  for (const file of files) {
    try {
      const m = loadDirectoryFromFiles([file], parseRule).municipalities()[0]!;
      out.push(`OK    ${file} (${m.id}: ${plural(m.offices.length, 'office')}, ${plural(m.coordinators.length, 'coordinator')}, ${plural(m.contacts.length, 'contact')})`);
    } catch (e) {
      failed = true;
      out.push(`FAIL  ${file}`, ...(e as Error).message.split('\n').map((l) => `  ${l.trimStart()}`));
    }
  }
  // each file is valid on its own: now together (a municipality id may be in two files)
  if (!failed && files.length > 1) {
    try {
      loadDirectoryFromFiles([...files], parseRule);
    } catch (e) {
      failed = true;
      out.push('FAIL  together', ...(e as Error).message.split('\n').map((l) => `  ${l.trimStart()}`));
    }
  }
  return { stdout: withNewline(out.join('\n')), exitCode: failed ? 1 : 0 };
}

// ---------------------------------------------------------------------------------------------
// templates
// ---------------------------------------------------------------------------------------------

/** What the default SMS policy does to one sample text. */
export interface TemplatePolicyCell {
  encoding: GsmStats['encoding'];
  segments: number;
  transliterated: boolean;
  withinCap: boolean;
}

export type TemplateSmsCell = GsmStats & { gsm7: GsmStats; policy: TemplatePolicyCell };

export interface TemplateRow {
  id: TemplateId;
  channel: Channel;
  /**
   * SMS only: per language, the cost of the sample text as written, of its GSM-7 transliteration,
   * and of what the default SMS policy would send.
   */
  sms?: Record<Language, TemplateSmsCell>;
}

export function templateRows(): TemplateRow[] {
  return TEMPLATE_IDS.map((id): TemplateRow => {
    const channel = channelOf(id);
    if (channel === 'email') return { id, channel };
    const sms = {} as Record<Language, TemplateSmsCell>;
    for (const lang of LANGUAGES) {
      const text = renderAny(id, sampleData(id, lang), [lang]).sms!;
      const p = applySmsPolicy(text, lang, DEFAULT_SMS_POLICY);
      sms[lang] = {
        ...gsmStats(text),
        gsm7: gsmStats(toGsm7(text)),
        policy: { encoding: p.stats.encoding, segments: p.stats.segments, transliterated: p.transliterated, withinCap: p.withinCap },
      };
    }
    return { id, channel, sms };
  });
}

/** "4 → 2*": segments as written → under the policy; * transliterated, ! over the cap. */
function templateCell(s: TemplateSmsCell): string {
  return `${s.segments} → ${s.policy.segments}${s.policy.transliterated ? '*' : ''}${s.policy.withinCap ? '' : '!'}`;
}

export function templates(options: { json?: boolean } = {}): CommandResult {
  let rows: TemplateRow[];
  try {
    rows = templateRows();
  } catch (e) {
    return { stdout: withNewline(`templates: ${(e as Error).message}`), exitCode: 1 };
  }
  if (options.json) return ok(json(rows));
  const header = ['template', 'channel', ...LANGUAGES];
  const body = rows.map((r) => [
    r.id,
    r.channel,
    ...LANGUAGES.map((lang) => {
      const s = r.sms?.[lang];
      return s ? templateCell(s) : '-';
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return ok(
    [
      line(header),
      line(widths.map((w) => '-'.repeat(w))),
      ...body.map(line),
      '',
      `SMS: segments with the sample data, as written → under the default SMS policy (at most ${plural(DEFAULT_SMS_POLICY.maxSegments, 'segment')}, letters per language: ${LANGUAGES.map((l) => `${l} ${DEFAULT_SMS_POLICY.letters[l]}`).join(', ')}).`,
      '* transliterated to GSM-7 (toGsm7); ! still over the cap: delivery would refuse it (SegmentCapExceeded).',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------
// the command line
// ---------------------------------------------------------------------------------------------

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP: Options = { help: { type: 'boolean', short: 'h' } };
const JSON_OPTION: Options = { json: { type: 'boolean' } };

const COMMAND_OPTIONS: Readonly<Record<string, Options>> = {
  preview: { ...HELP, ...JSON_OPTION, lang: { type: 'string', short: 'l' }, html: { type: 'boolean' } },
  'sms-check': { ...HELP, ...JSON_OPTION, policy: { type: 'string' }, 'max-segments': { type: 'string' } },
  directory: { ...HELP },
  templates: { ...HELP, ...JSON_OPTION },
};

/** Runs one command line (without "node script"), e.g. `['sms-check', 'Përshëndetje', '--json']`. */
export function run(argv: readonly string[], deps: CliDeps = {}): CommandResult {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return ok(USAGE);
  const spec = COMMAND_OPTIONS[command];
  if (spec === undefined) return usageError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);

  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...rest], options: spec, allowPositionals: true, strict: true }));
  } catch (e) {
    return usageError(`${command}: ${(e as Error).message}\n\n${USAGE}`);
  }
  if (values.help === true) return ok(USAGE);
  const flag = (name: string) => values[name] === true;

  switch (command) {
    case 'preview': {
      if (positionals.length !== 1) return usageError(`preview: give one template id\n\n${USAGE}`);
      return preview(positionals[0]!, { lang: values.lang as string | undefined, json: flag('json'), html: flag('html') });
    }
    case 'sms-check': {
      let text: string | undefined;
      if (positionals.length > 0) text = positionals.join(' ');
      else {
        const stdin = deps.readStdin?.();
        // "echo text | … sms-check": the newline echo adds is not part of the SMS
        text = stdin === undefined || stdin === '' ? undefined : stdin.replace(/\r?\n$/, '');
      }
      if (text === undefined) return usageError('sms-check: give the text as arguments or on stdin');
      const letters = values.policy as string | undefined;
      if (letters !== undefined && !SmsLetters.safeParse(letters).success) {
        return usageError(`sms-check: --policy must be one of ${SmsLetters.options.join(', ')}, got ${JSON.stringify(letters)}`);
      }
      const max = values['max-segments'] as string | undefined;
      if (max !== undefined && !/^\d+$/.test(max)) return usageError(`sms-check: --max-segments must be a whole number, got ${JSON.stringify(max)}`);
      return smsCheck(text, { json: flag('json'), policy: letters as SmsLetters | undefined, maxSegments: max === undefined ? undefined : Number(max) });
    }
    case 'directory': {
      const [sub, ...files] = positionals;
      if (sub !== 'validate') return usageError(`directory: unknown subcommand ${JSON.stringify(sub ?? '')}; try: directory validate <file.json…>`);
      return directoryValidate(files);
    }
    case 'templates': {
      if (positionals.length > 0) return usageError(`templates: unexpected argument ${JSON.stringify(positionals[0])}`);
      return templates({ json: flag('json') });
    }
    default:
      return usageError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  }
}
