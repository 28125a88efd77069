import type * as z from '../domain/zod.js';

/** One problem with a field, named by its dotted path (`members.p1.personId`); same shape as the HTTP layer's FieldProblem. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The answers of a needs assessment do not fit the household or the form. `problems` names every
 * offending field by its path, a member by its id, e.g. `members.p9.personId: no household member with id "p9"`.
 */
export class AssessmentError extends Error {
  override name = 'AssessmentError';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(summarise(problems));
  }
}

/**
 * A rules file (or in-memory rule list) that is not valid. The message names the source, the rule
 * index, the rule id where there is one, and the field, e.g.
 * `rules.json: rules.3.refer.officeKind (rule "job-seeker"): Invalid option: …`.
 */
export class RulesError extends Error {
  override name = 'RulesError';
  constructor(
    readonly source: string,
    readonly problems: readonly FieldProblem[],
  ) {
    super(summarise(problems.map((p) => ({ field: `${source}: ${p.field}`, message: p.message }))));
  }
}

function summarise(problems: readonly FieldProblem[]): string {
  const lines = problems.map((p) => `${p.field}: ${p.message}`);
  if (lines.length === 0) return 'invalid';
  return lines.length === 1 ? lines[0]! : `${lines.length} problems\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/** `members.0.personId`: keys and indices joined with dots, `(root)` for the whole document. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/**
 * Zod issues as field problems. Unrecognised keys are reported one field each; a failed union is
 * reported inside the one alternative whose shape matched (e.g. `categories.1` of a list test),
 * or on the union itself (with its own message) when no alternative came close.
 */
export function zodProblems(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: formatPath([...path, key]), message: 'unknown field' });
    } else if (issue.code === 'invalid_union') {
      const near = issue.errors.filter((branch) => branch.some((i) => i.path.length > 0 || i.code === 'custom'));
      if (near.length === 1) out.push(...zodProblems(near[0]!, path));
      else out.push({ field: formatPath(path), message: issue.message });
    } else {
      out.push({ field: formatPath(path), message: issue.message });
    }
  }
  return out;
}
