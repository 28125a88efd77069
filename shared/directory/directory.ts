import { readFileSync } from 'node:fs';
import type * as z from '../domain/zod.js';
import type { OfficeKind } from '../domain/vocabulary.js';
import { DEFAULT_SMS_POLICY, type SmsPolicy } from '../domain/sms-policy.js';
import { Municipality, type Office } from './schema.js';
// Imported statically so that esbuild bundles the data into the Lambda code: no fs at runtime.
import obiliqJson from './data/obiliq.json' with { type: 'json' };
import parteshJson from './data/partesh.json' with { type: 'json' };

/**
 * A directory file (or in-memory municipality) that is not valid. The message names the source
 * (file) and the field path of every problem, e.g.
 * `shared/directory/data/partesh.json: offices[3].email: must be a placeholder address …`.
 */
export class DirectoryError extends Error {
  override name = 'DirectoryError';
}

export interface Directory {
  municipality(id: string): Municipality | undefined;
  municipalities(): Municipality[];
  /** The office of that kind in that municipality (first listed if several). */
  office(municipalityId: string, kind: OfficeKind): Office | undefined;
  /**
   * The municipality's SMS cost policy, or DEFAULT_SMS_POLICY when its entry sets none. Also the
   * default for an unknown or absent id (an intent without a municipality): every SMS goes out
   * under some cap rather than none.
   */
  smsPolicy(municipalityId: string | undefined): SmsPolicy;
}

/** `offices[2].name.sr` — array indices in brackets, keys joined with dots; `(root)` for the whole document. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(root)' : out;
}

function formatIssues(source: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.map((i) => `${source}: ${formatPath(i.path)}: ${i.message}`);
  return lines.length === 1 ? lines[0]! : `${source}: ${lines.length} problems\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/** Validates one municipality document; throws a DirectoryError naming `source` and the path of every issue. */
export function parseMunicipality(json: unknown, source: string): Municipality {
  const result = Municipality.safeParse(json);
  if (!result.success) throw new DirectoryError(formatIssues(source, result.error.issues));
  return result.data;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

interface Entry {
  municipality: Municipality;
  source: string;
}

/**
 * Checks a meeting rule, throwing when the platform cannot plan it: parseRule (domain/recurrence.ts).
 * Passed in, never imported here: the rule is rrule's to read, and the functions that only look
 * offices up should not bundle rrule (45 KB) nor parse every rule at every cold start. The files
 * a deployment bundles are checked by the tests (bundled.test.ts), others by `cli directory check`.
 */
export type RuleCheck = (rrule: string) => unknown;

function buildDirectory(entries: readonly Entry[], checkRule?: RuleCheck): Directory {
  const problems: string[] = [];
  const byId = new Map<string, Entry>();
  entries.forEach(({ municipality: m, source }) => {
    const earlier = byId.get(m.id);
    if (earlier) {
      problems.push(`${source}: id: duplicate municipality id "${m.id}" (also in ${earlier.source})`);
      return;
    }
    byId.set(m.id, { municipality: m, source });
    const officeIds = new Map<string, number>();
    m.offices.forEach((o, i) => {
      const first = officeIds.get(o.id);
      if (first !== undefined) {
        const kinds = m.offices[first]!.kind === o.kind ? `, both of kind ${o.kind}` : '';
        problems.push(`${source}: offices[${i}].id: duplicate office id "${o.id}" (also offices[${first}]${kinds})`);
      } else officeIds.set(o.id, i);
    });
    const coordinatorIds = new Map<string, number>();
    m.coordinators.forEach((c, i) => {
      const first = coordinatorIds.get(c.id);
      if (first !== undefined) {
        problems.push(`${source}: coordinators[${i}].id: duplicate coordinator id "${c.id}" (also coordinators[${first}])`);
      } else coordinatorIds.set(c.id, i);
    });
    const contactIds = new Set<string>();
    m.contacts.forEach((c, i) => {
      if (contactIds.has(c.id) || officeIds.has(c.id) || coordinatorIds.has(c.id)) problems.push(`${source}: contacts[${i}].id: "${c.id}" is already used in this municipality`);
      contactIds.add(c.id);
    });
    m.quarterlyReportTo.forEach((id, i) => {
      if (!contactIds.has(id)) problems.push(`${source}: quarterlyReportTo[${i}]: no contact "${id}"`);
    });
    const ruleIds = new Set<string>();
    m.meetings.forEach((r, i) => {
      if (ruleIds.has(r.id)) problems.push(`${source}: meetings[${i}].id: duplicate meeting rule id "${r.id}"`);
      ruleIds.add(r.id);
      if (!coordinatorIds.has(r.convenerId)) problems.push(`${source}: meetings[${i}].convenerId: no coordinator "${r.convenerId}"`);
      try {
        checkRule?.(r.rrule);
      } catch (e) {
        problems.push(`${source}: meetings[${i}].rrule: ${(e as Error).message}`);
      }
    });
  });
  if (problems.length > 0) throw new DirectoryError(problems.join('\n'));

  // Own, frozen copies: the directory is shared (memoized) and must not change under its readers.
  const list = entries.map((e) => deepFreeze(structuredClone(e.municipality)));
  const map = new Map(list.map((m) => [m.id, m] as const));
  return {
    municipality: (id) => map.get(id),
    municipalities: () => [...list],
    office: (municipalityId, kind) => map.get(municipalityId)?.offices.find((o) => o.kind === kind),
    smsPolicy: (municipalityId) => (municipalityId === undefined ? undefined : map.get(municipalityId)?.sms) ?? DEFAULT_SMS_POLICY,
  };
}

/**
 * A directory over already-validated municipalities. Throws DirectoryError on duplicate
 * municipality ids, duplicate office ids within a municipality (whatever their kinds) and
 * duplicate coordinator ids within a municipality.
 */
export function directoryFrom(municipalities: Municipality[], checkRule?: RuleCheck): Directory {
  return buildDirectory(municipalities.map((m, i) => ({ municipality: m, source: `municipalities[${i}] (${m.id})` })), checkRule);
}

/** Reads, parses and validates directory files; every error names the file. */
export function loadDirectoryFromFiles(paths: string[], checkRule?: RuleCheck): Directory {
  const entries = paths.map((path): Entry => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new DirectoryError(`${path}: cannot read file: ${(e as Error).message}`, { cause: e });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new DirectoryError(`${path}: not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    return { municipality: parseMunicipality(json, path), source: path };
  });
  return buildDirectory(entries, checkRule);
}

/** Where the bundled files live in the repo, used in error messages. */
export const BUNDLED_DIRECTORY_FILES = ['shared/directory/data/obiliq.json', 'shared/directory/data/partesh.json'] as const;

let bundled: Directory | undefined;

/** The two bundled municipalities (Obiliq, Partesh), validated on first use (their meeting rules by the tests: RuleCheck) and memoized. */
export const bundledDirectory = (): Directory => {
  bundled ??= buildDirectory(
    [obiliqJson, parteshJson].map((json, i) => {
      const source = BUNDLED_DIRECTORY_FILES[i]!;
      return { municipality: parseMunicipality(json, source), source };
    }),
  );
  return bundled;
};
